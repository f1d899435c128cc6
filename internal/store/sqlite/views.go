package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

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

// BlockIncidents reads the runs overlapping the runs of weeks asked for:
// an incident of a run that overlaps them without holding the very week
// asked comes too, which the Index sorts out (it checks every incident's
// own blocks).
func (t viewTx) BlockIncidents(bs []consolidate.Block) ([]string, error) {
	var runs [][3]any
	for _, r := range blockRuns(bs) {
		runs = append(runs, [3]any{r.place, r.from, r.to})
	}
	b, err := json.Marshal(runs)
	if err != nil {
		return nil, err
	}
	return t.ids(`SELECT DISTINCT i.id FROM json_each(?) j
		JOIN incident_blocks b ON b.place = j.value->>0 AND b.week_to >= j.value->>1 AND b.week_from <= j.value->>2
		JOIN incidents i ON i.rowid = b.incident_rowid`, string(b))
}

// maxRunWeeks is longer than the weeks any report's dates span
// (consolidate indexes wider ones under WideWeek).
const maxRunWeeks = 100

// blockRun is a place key and a run of consecutive weeks.
type blockRun struct {
	place    string
	from, to int32
}

// blockRuns folds blocks into runs of consecutive weeks per place; the
// week of wide reports is a run of its own.
func blockRuns(bs []consolidate.Block) []blockRun {
	s := slices.Clone(bs)
	slices.SortFunc(s, func(a, b consolidate.Block) int {
		if c := strings.Compare(a.Place, b.Place); c != 0 {
			return c
		}
		return int(a.Week) - int(b.Week)
	})
	var out []blockRun
	for _, b := range s {
		if n := len(out); n > 0 && out[n-1].place == b.Place && b.Week != consolidate.WideWeek && out[n-1].from != consolidate.WideWeek && b.Week <= out[n-1].to+1 {
			out[n-1].to = max(out[n-1].to, b.Week)
			continue
		}
		out = append(out, blockRun{b.Place, b.Week, b.Week})
	}
	return out
}

// expandRuns is the inverse of blockRuns. A run longer than any report
// spans (a damaged row) gives its two ends only, which verify shows.
func expandRuns(runs []blockRun) []consolidate.Block {
	var out []consolidate.Block
	for _, r := range runs {
		if int64(r.to)-int64(r.from) > maxRunWeeks {
			out = append(out, consolidate.Block{Place: r.place, Week: r.from}, consolidate.Block{Place: r.place, Week: r.to})
			continue
		}
		for w := r.from; w <= r.to; w++ {
			out = append(out, consolidate.Block{Place: r.place, Week: w})
		}
	}
	return out
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
	err = t.w.each(`SELECT i.seq, i.weak, x.data FROM json_each(?) j JOIN incidents i ON i.id = j.value
		JOIN incident_data x ON x.incident_rowid = i.rowid`, []any{string(b)},
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

func (t viewTx) WriteIncidents(put []store.StoredIncident, ended []store.Redirect) error {
	w := t.w
	// Queued rows of an earlier write in this transaction must be in
	// before the deletes below look for them.
	if err := w.flushLater(); err != nil {
		return err
	}
	ids := make([]string, 0, len(put)+len(ended))
	for _, si := range put {
		ids = append(ids, si.Incident.ID)
	}
	for _, r := range ended {
		ids = append(ids, r.ID)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	// An incident's rows are replaced whole: it gets a new rowid, and the
	// rows hanging off the old one go.
	if err := w.dropIncidentFigures(string(list)); err != nil {
		return err
	}
	oldViolence, err := w.storedViolence(string(list))
	if err != nil {
		return err
	}
	for _, q := range []string{
		"DELETE FROM incident_members WHERE incident_rowid IN (SELECT i.rowid FROM json_each(?1) j JOIN incidents i ON i.id = j.value)",
		"DELETE FROM incident_blocks WHERE incident_rowid IN (SELECT i.rowid FROM json_each(?1) j JOIN incidents i ON i.id = j.value)",
		"DELETE FROM incident_actors WHERE incident_rowid IN (SELECT i.rowid FROM json_each(?1) j JOIN incidents i ON i.id = j.value)",
		"DELETE FROM incident_data WHERE incident_rowid IN (SELECT i.rowid FROM json_each(?1) j JOIN incidents i ON i.id = j.value)",
		"DELETE FROM incidents WHERE id IN (SELECT value FROM json_each(?1))",
		"DELETE FROM incident_redirects WHERE id IN (SELECT value FROM json_each(?1))",
	} {
		if _, err := w.exec(q, string(list)); err != nil {
			return err
		}
	}
	var redirects [][]any
	for _, r := range ended {
		if r.Into != "" {
			redirects = append(redirects, []any{r.ID, r.Into})
		}
	}
	if err := w.insertRows("INSERT INTO incident_redirects (id, into_id)", redirects); err != nil {
		return err
	}
	actors, err := t.actorRowids(put)
	if err != nil {
		return err
	}
	var incs, datas, members, blocks, incActors [][]any
	newViolence := map[string]*violenceState{}
	for _, si := range put {
		inc, r := si.Incident, si.Row
		place, err := w.place(inc.Place)
		if err != nil {
			return err
		}
		data := si.Data
		if data == nil {
			if data, err = json.Marshal(inc); err != nil {
				return fmt.Errorf("incident %s: %w", inc.ID, err)
			}
		}
		weak := []byte("[]")
		if len(si.Weak) > 0 {
			weak, _ = json.Marshal(si.Weak)
		}
		rowid, err := w.nextRowid("incidents")
		if err != nil {
			return err
		}
		incs = append(incs, []any{rowid, inc.ID, si.Seq, r.Type, r.Start, r.End, place, r.Precision, r.Killed, r.Reports, si.Version, string(weak)})
		datas = append(datas, []any{rowid, data})
		for _, k := range si.Members {
			members = append(members, []any{k, rowid})
		}
		for _, r := range blockRuns(si.Blocks) {
			blocks = append(blocks, []any{r.place, r.to, r.from, rowid})
		}
		v := &violenceState{typ: r.Type, start: r.Start}
		for i, k := range si.Actors {
			if a, ok := actors[k]; ok {
				incActors = append(incActors, []any{a, r.Start, rowid, si.Roles[i]})
				v.actors, v.roles = append(v.actors, a), append(v.roles, si.Roles[i])
			}
		}
		newViolence[inc.ID] = v
	}
	if err := w.writeViolence(oldViolence, newViolence); err != nil {
		return err
	}
	w.insertLater("INSERT INTO incidents (rowid, id, seq, type, date_start, date_end, place_rowid, precision, killed, reports, version, weak)", incs...)
	w.insertLater("INSERT INTO incident_data (incident_rowid, data)", datas...)
	w.insertLater("INSERT INTO incident_members (event_key, incident_rowid)", members...)
	w.insertLater("INSERT INTO incident_blocks (place, week_to, week_from, incident_rowid)", blocks...)
	w.insertLater(insertIncidentActors, incActors...)
	return nil
}

// actorRowids maps the actor keys the incidents name to their rowids.
func (t viewTx) actorRowids(put []store.StoredIncident) (map[string]int64, error) {
	var keys []string
	for _, si := range put {
		keys = append(keys, si.Actors...)
	}
	out := map[string]int64{}
	if len(keys) == 0 {
		return out, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	err = t.w.each("SELECT a.id, a.rowid FROM actors a WHERE a.id IN (SELECT value FROM json_each(?))", []any{string(list)}, func(rows *sql.Rows) error {
		var k string
		var r int64
		err := rows.Scan(&k, &r)
		out[k] = r
		return err
	})
	return out, err
}

// docRowids maps document ids to their rowids.
func (w *wtx) docRowids(ids []string) (map[string]int64, error) {
	out := map[string]int64{}
	var ask []string
	for _, id := range ids {
		if r, ok := w.newDocs[id]; ok {
			out[id] = r
		} else {
			ask = append(ask, id)
		}
	}
	if len(ask) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ask)
	if err != nil {
		return nil, err
	}
	err = w.each("SELECT id, rowid FROM documents WHERE id IN (SELECT value FROM json_each(?))", []any{string(list)}, func(rows *sql.Rows) error {
		var id string
		var r int64
		err := rows.Scan(&id, &r)
		out[id] = r
		return err
	})
	if err == nil && len(out) < len(ids) {
		for _, id := range ids {
			if _, ok := out[id]; !ok {
				return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
			}
		}
	}
	return out, err
}

func (t viewTx) PutFraming(docs []store.DocFraming) error {
	w := t.w
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.DocID
	}
	rowids, err := w.docRowids(ids)
	if err != nil {
		return err
	}
	// Documents stored in this transaction have no framing rows yet.
	var old []string
	for _, id := range ids {
		if _, ok := w.newDocs[id]; !ok {
			old = append(old, id)
		}
	}
	if len(old) > 0 {
		list, _ := json.Marshal(old)
		if err := w.flushLater(); err != nil {
			return err
		}
		if _, err := w.exec("DELETE FROM framing WHERE doc_rowid IN (SELECT d.rowid FROM json_each(?) j JOIN documents d ON d.id = j.value)", string(list)); err != nil {
			return err
		}
	}
	var rows [][]any
	for _, d := range docs {
		for _, c := range d.Counts {
			rows = append(rows, []any{rowids[d.DocID], c.Source, c.ActorID, c.Label, c.Uses})
		}
	}
	w.insertLater("INSERT INTO framing (doc_rowid, source, actor_id, label, uses)", rows...)
	return nil
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

func (t viewTx) PutSignatures(sigs []views.NearCopy) error {
	w := t.w
	ids := make([]string, len(sigs))
	for i, c := range sigs {
		ids[i] = c.DocID
	}
	rowids, err := w.docRowids(ids)
	if err != nil {
		return err
	}
	var rows, bands [][]any
	for _, c := range sigs {
		r := rowids[c.DocID]
		rows = append(rows, []any{r, c.Signature})
		for _, b := range bandInts(c.Bands) {
			bands = append(bands, []any{b, r})
		}
	}
	w.insertLater("INSERT OR IGNORE INTO near_copy_signatures (doc_rowid, signature)", rows...)
	w.insertLater("INSERT OR IGNORE INTO near_copy_bands (band, doc_rowid)", bands...)
	return nil
}

func (t viewTx) ClearViews() error {
	for _, q := range []string{"DELETE FROM incident_members", "DELETE FROM incident_blocks", "DELETE FROM incident_actors",
		"DELETE FROM incident_redirects", "DELETE FROM incident_data", "DELETE FROM incidents", "DELETE FROM framing",
		"DELETE FROM view_word_docs", "DELETE FROM view_words", "DELETE FROM meta WHERE key = 'word_docs'",
		"DELETE FROM violence_incidents", "DELETE FROM violence_edge_types", "DELETE FROM violence_edges",
		"DELETE FROM actor_incidents",
		refillActorFigures[0], refillActorFigures[1]} {
		if _, err := t.w.exec(q); err != nil {
			return err
		}
	}
	t.w.wordDocs = -1
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

// wordChunk is how many words one statement reads or writes: fixed, so
// that the statement is prepared once.
const wordChunk = 64

// WordCounts reads how many documents were counted and how many of them
// use each word (consolidate.WordSource).
func (t viewTx) WordCounts(words []string) (int, []int, error) {
	docs, err := t.wordDocs()
	if err != nil {
		return 0, nil, err
	}
	counts := make([]int, len(words))
	at := make(map[string][]int, len(words))
	for i, w := range words {
		at[w] = append(at[w], i)
	}
	q := "SELECT word, docs FROM view_words WHERE word IN (?" + strings.Repeat(", ?", wordChunk-1) + ")"
	for i := 0; i < len(words); i += wordChunk {
		args := make([]any, wordChunk)
		for j := range args {
			args[j] = "" // padding: no word is empty
			if i+j < len(words) {
				args[j] = words[i+j]
			}
		}
		err := t.w.each(q, args, func(rows *sql.Rows) error {
			var w string
			var n int
			if err := rows.Scan(&w, &n); err != nil {
				return err
			}
			for _, k := range at[w] {
				counts[k] = n
			}
			return nil
		})
		if err != nil {
			return 0, nil, err
		}
	}
	return docs, counts, nil
}

// wordDocs reads how many documents' words were counted, once per
// transaction: only PutWords changes it.
func (t viewTx) wordDocs() (int, error) {
	if t.w.wordDocs >= 0 {
		return t.w.wordDocs, nil
	}
	n := 0
	if v, err := t.meta("word_docs"); err != nil {
		return 0, err
	} else if v != "" {
		if n, err = strconv.Atoi(v); err != nil {
			return 0, err
		}
	}
	t.w.wordDocs = n
	return n, nil
}

// DocCounted reports whether a document's words were counted.
func (t viewTx) DocCounted(docID string) (bool, error) {
	if t.w.notStored[docID] {
		return false, nil
	}
	var one int
	return t.w.row("SELECT 1 FROM view_word_docs WHERE doc_id = ?", []any{docID}, &one)
}

// PutWords adds documents to the word counts.
func (t viewTx) PutWords(docs []string, counts map[string]int) error {
	rows := make([][]any, len(docs))
	for i, d := range docs {
		rows[i] = []any{d}
	}
	if err := t.w.insertRows("INSERT OR IGNORE INTO view_word_docs (doc_id)", rows); err != nil {
		return err
	}
	n, err := t.wordDocs()
	if err != nil {
		return err
	}
	if err := t.setMeta("word_docs", strconv.Itoa(n+len(docs))); err != nil {
		return err
	}
	t.w.wordDocs = n + len(docs)
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.Sort(words)
	q := "INSERT INTO view_words (word, docs) VALUES (?, ?)" + strings.Repeat(", (?, ?)", wordChunk-1) +
		" ON CONFLICT (word) DO UPDATE SET docs = docs + excluded.docs"
	for i := 0; i < len(words); i += wordChunk {
		chunk := words[i:min(i+wordChunk, len(words))]
		if len(chunk) < wordChunk {
			for _, w := range chunk {
				if _, err := t.w.exec("INSERT INTO view_words (word, docs) VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET docs = docs + excluded.docs", w, counts[w]); err != nil {
					return err
				}
			}
			break
		}
		args := make([]any, 0, 2*wordChunk)
		for _, w := range chunk {
			args = append(args, w, counts[w])
		}
		if _, err := t.w.exec(q, args...); err != nil {
			return err
		}
	}
	return nil
}
