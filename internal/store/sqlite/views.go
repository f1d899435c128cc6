package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// viewTx is a write transaction as the views see it (views.Tx).
type viewTx struct{ w *wtx }

var _ views.Tx = viewTx{}

// session returns the transaction's views session, starting it on first
// use; write ends it.
func (w *wtx) session() (*views.Session, error) {
	if w.sess == nil {
		s, err := w.db.maint.Begin(viewTx{w})
		if err != nil {
			return nil, err
		}
		w.sess = s
	}
	return w.sess, nil
}

// readLogSize reads the log's size, which is then its size when the
// transaction began.
func (w *wtx) readLogSize() error {
	if w.logN >= 0 {
		return nil
	}
	if _, err := w.row("SELECT COALESCE(MAX(idx)+1, 0) FROM custody_log", nil, &w.logN); err != nil {
		return err
	}
	w.logStart = w.logN
	return nil
}

func (t viewTx) LogStart() (int64, error) {
	err := t.w.readLogSize()
	return t.w.logStart, err
}

func (t viewTx) meta(key string) (string, error) {
	var v string
	if _, err := t.w.row("SELECT value FROM meta WHERE key = ?", []any{key}, &v); err != nil {
		return "", err
	}
	return v, nil
}

func (t viewTx) setMeta(key, value string) error {
	_, err := t.w.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

func (t viewTx) Rules() (string, error)  { return t.meta("views_rules") }
func (t viewTx) SetRules(r string) error { return t.setMeta("views_rules", r) }
func (t viewTx) SetLastSeq(n int) error  { return t.setMeta("incident_seq", strconv.Itoa(n)) }
func (t viewTx) LastSeq() (int, error) {
	v, err := t.meta("incident_seq")
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.Atoi(v)
}

func (t viewTx) Decisions() ([]store.Decision, error) { return t.w.db.decisions(t.w.ctx, t.w.tx) }

// ids runs a query of incident ids.
func (t viewTx) ids(q string, args ...any) ([]string, error) {
	var out []string
	err := t.w.each(q, args, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		out = append(out, id)
		return nil
	})
	return out, err
}

func (t viewTx) BlockIncidents(bs []consolidate.Block) ([]string, error) {
	b, err := json.Marshal(bs)
	if err != nil {
		return nil, err
	}
	return t.ids(`SELECT DISTINCT i.id FROM json_each(?) j
		JOIN incident_blocks b ON b.place = j.value->>'place' AND b.week = j.value->>'week'
		JOIN incidents i ON i.rowid = b.incident_rowid`, string(b))
}

func (t viewTx) KeyIncidents(keys []string) ([]string, error) {
	b, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	return t.ids(`SELECT DISTINCT i.id FROM json_each(?) j JOIN incident_members m ON m.event_key = j.value
		JOIN incidents i ON i.rowid = m.incident_rowid`, string(b))
}

func (t viewTx) DocIncidents(docID string) ([]string, error) {
	// Keys are "<docID>#<eventID>": '$' follows '#'.
	return t.ids(`SELECT DISTINCT i.id FROM incident_members m JOIN incidents i ON i.rowid = m.incident_rowid
		WHERE m.event_key > ? AND m.event_key < ?`, docID+"#", docID+"$")
}

func (t viewTx) LoadIncidents(ids []string) ([]consolidate.Stored, error) {
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	var out []consolidate.Stored
	err = t.w.each(`SELECT i.seq, i.weak, i.data FROM json_each(?) j JOIN incidents i ON i.id = j.value`, []any{string(b)},
		func(rows *sql.Rows) error {
			var s consolidate.Stored
			var weak string
			var data []byte
			if err := rows.Scan(&s.Seq, &weak, &data); err != nil {
				return err
			}
			if err := json.Unmarshal(data, &s.Incident); err != nil {
				return fmt.Errorf("incident data: %w", err)
			}
			if err := json.Unmarshal([]byte(weak), &s.Weak); err != nil {
				return fmt.Errorf("incident %s weak reports: %w", s.Incident.ID, err)
			}
			out = append(out, s)
			return nil
		})
	return out, err
}

func (t viewTx) IncidentTaken(id string) (bool, error) {
	var one int
	return t.w.row("SELECT 1 FROM incidents WHERE id = ?", []any{id}, &one)
}

// dropIncident removes the rows of incident rowid that hang off it.
func (t viewTx) dropParts(rowid int64) error {
	for _, q := range []string{
		"DELETE FROM incident_members WHERE incident_rowid = ?",
		"DELETE FROM incident_blocks WHERE incident_rowid = ?",
		"DELETE FROM incident_actors WHERE incident_rowid = ?",
	} {
		if _, err := t.w.exec(q, rowid); err != nil {
			return err
		}
	}
	return nil
}

func (t viewTx) PutIncident(si store.StoredIncident) error {
	w := t.w
	inc := si.Incident
	place, err := w.place(inc.Place)
	if err != nil {
		return err
	}
	data, err := json.Marshal(inc)
	if err != nil {
		return fmt.Errorf("incident %s: %w", inc.ID, err)
	}
	weak, err := json.Marshal(si.Weak)
	if err != nil || si.Weak == nil {
		weak = []byte("[]")
	}
	r := si.Row
	var rowid int64
	if _, err := w.row(`INSERT INTO incidents (id, seq, type, date_start, date_end, place_rowid, precision, killed, reports, version, weak, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, type = excluded.type, date_start = excluded.date_start,
			date_end = excluded.date_end, place_rowid = excluded.place_rowid, precision = excluded.precision,
			killed = excluded.killed, reports = excluded.reports, version = excluded.version, weak = excluded.weak, data = excluded.data
		RETURNING rowid`, []any{inc.ID, si.Seq, r.Type, r.Start, r.End, place, r.Precision, r.Killed, r.Reports, si.Version, string(weak), data},
		&rowid); err != nil {
		return err
	}
	if err := t.dropParts(rowid); err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM incident_redirects WHERE id = ?", inc.ID); err != nil {
		return err
	}
	members := make([][]any, len(si.Members))
	for i, k := range si.Members {
		members[i] = []any{k, rowid}
	}
	blocks := make([][]any, len(si.Blocks))
	for i, b := range si.Blocks {
		blocks[i] = []any{b.Place, b.Week, rowid}
	}
	w.insertLater("INSERT INTO incident_members (event_key, incident_rowid)", members...)
	w.insertLater("INSERT INTO incident_blocks (place, week, incident_rowid)", blocks...)
	if len(si.Actors) > 0 {
		keys, _ := json.Marshal(si.Actors)
		if _, err := w.exec(`INSERT INTO incident_actors (actor_rowid, date_start, incident_rowid)
			SELECT a.rowid, ?, ? FROM json_each(?) j JOIN actors a ON a.id = j.value`, r.Start, rowid, string(keys)); err != nil {
			return err
		}
	}
	return nil
}

func (t viewTx) DeleteIncident(id, into string) error {
	w := t.w
	var rowid int64
	found, err := w.row("SELECT rowid FROM incidents WHERE id = ?", []any{id}, &rowid)
	if err != nil {
		return err
	}
	if found {
		if err := t.dropParts(rowid); err != nil {
			return err
		}
		if _, err := w.exec("DELETE FROM incidents WHERE rowid = ?", rowid); err != nil {
			return err
		}
	}
	if into == "" {
		_, err = w.exec("DELETE FROM incident_redirects WHERE id = ?", id)
	} else {
		_, err = w.exec("INSERT INTO incident_redirects (id, into_id) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id", id, into)
	}
	return err
}

// docRowid returns a document's rowid.
func (w *wtx) docRowid(docID string) (int64, error) {
	var rowid int64
	found, err := w.row("SELECT rowid FROM documents WHERE id = ?", []any{docID}, &rowid)
	if err == nil && !found {
		err = fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	}
	return rowid, err
}

func (t viewTx) PutFraming(docID string, counts []consolidate.FramingCount) error {
	w := t.w
	rowid, err := w.docRowid(docID)
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM framing WHERE doc_rowid = ?", rowid); err != nil {
		return err
	}
	rows := make([][]any, len(counts))
	for i, c := range counts {
		rows[i] = []any{rowid, c.Source, c.ActorID, c.Label, c.Uses}
	}
	return w.insertRows("INSERT INTO framing (doc_rowid, source, actor_id, label, uses)", rows)
}

func (t viewTx) NearCopies(bands []uint64) ([]views.NearCopy, error) {
	b, err := json.Marshal(bandInts(bands))
	if err != nil {
		return nil, err
	}
	var out []views.NearCopy
	err = t.w.each(`SELECT d.id, s.signature FROM near_copy_signatures s JOIN documents d ON d.rowid = s.doc_rowid
		WHERE s.doc_rowid IN (SELECT b.doc_rowid FROM json_each(?) j JOIN near_copy_bands b ON b.band = j.value)
		ORDER BY s.doc_rowid`, []any{string(b)}, func(rows *sql.Rows) error {
		var c views.NearCopy
		if err := rows.Scan(&c.DocID, &c.Signature); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// bandInts stores band keys as SQLite's signed integers.
func bandInts(bands []uint64) []int64 {
	out := make([]int64, len(bands))
	for i, b := range bands {
		out[i] = int64(b)
	}
	return out
}

func (t viewTx) PutSignature(docID string, sig []byte, bands []uint64) error {
	w := t.w
	rowid, err := w.docRowid(docID)
	if err != nil {
		return err
	}
	if _, err := w.exec("INSERT OR IGNORE INTO near_copy_signatures (doc_rowid, signature) VALUES (?, ?)", rowid, sig); err != nil {
		return err
	}
	rows := make([][]any, len(bands))
	for i, b := range bandInts(bands) {
		rows[i] = []any{b, rowid}
	}
	return w.insertRows("INSERT OR IGNORE INTO near_copy_bands (band, doc_rowid)", rows)
}

func (t viewTx) ClearViews() error {
	for _, q := range []string{"DELETE FROM incident_members", "DELETE FROM incident_blocks", "DELETE FROM incident_actors",
		"DELETE FROM incident_redirects", "DELETE FROM incidents", "DELETE FROM framing"} {
		if _, err := t.w.exec(q); err != nil {
			return err
		}
	}
	return nil
}

// isCopy reports whether a document is linked as a near copy.
func (w *wtx) isCopy(docRow int64) (bool, error) {
	var one int
	return w.row("SELECT 1 FROM links WHERE doc_rowid = ? LIMIT 1", []any{docRow}, &one)
}

// placeDocument places a stored document's effective events again (after
// an edit): they are read from its events rows, in their order.
func (w *wtx) placeDocument(docID string, docRow int64, published string) error {
	sess, err := w.session()
	if err != nil {
		return err
	}
	if err := w.flushLater(); err != nil {
		return err
	}
	var evs []sitrep.Event
	err = w.each("SELECT data FROM events WHERE doc_rowid = ? AND review <> 'rejected' ORDER BY rowid", []any{docRow}, func(rows *sql.Rows) error {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return err
		}
		e, err := unmarshalEvent(data)
		evs = append(evs, e)
		return err
	})
	if err != nil {
		return err
	}
	isCopy, err := w.isCopy(docRow)
	if err != nil {
		return err
	}
	return sess.Place(docID, published, evs, isCopy)
}
