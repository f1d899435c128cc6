package postgres

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// A write transaction is the views' transaction (views.Tx): placement
// reads incidents through it while the transaction holds the custody log's
// lock, so that one writer at a time places reports, on every machine.
// The incidents, framing and settings it writes are queued and sent with
// the transaction's other rows at flush; near-copy signatures go in with
// the documents, and the ones signed in this transaction are kept in
// memory too, so that two copies in one batch find each other.

var _ views.Tx = (*wtx)(nil)

// session starts the views' part of the transaction, once.
func (w *wtx) session() (*views.Session, error) {
	if w.sess != nil {
		return w.sess, nil
	}
	if w.logN < 0 {
		if err := w.loadIDs(); err != nil {
			return nil, err
		}
	}
	w.logStart = w.logN
	s, err := w.db.maint.Begin(w)
	if err != nil {
		return nil, err
	}
	w.sess = s
	return s, nil
}

func (w *wtx) LogStart() (int64, error) { return w.logStart, nil }

// viewMeta reads a setting of the views, this transaction's first.
func (w *wtx) viewMeta(key string) (string, error) {
	if v, ok := w.meta[key]; ok {
		return v, nil
	}
	var v string
	if _, err := w.row("SELECT value FROM meta WHERE key = $1", []any{key}, &v); err != nil {
		return "", err
	}
	return v, nil
}

func (w *wtx) setViewMeta(key, value string) {
	if w.meta == nil {
		w.meta = map[string]string{}
	}
	w.meta[key] = value
	w.viewOps().Queue("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
}

func (w *wtx) viewOps() *pgx.Batch {
	if w.viewBatch == nil {
		w.viewBatch = &pgx.Batch{}
	}
	return w.viewBatch
}

func (w *wtx) Rules() (string, error) { return w.viewMeta("view_rules") }

func (w *wtx) SetRules(r string) error {
	w.setViewMeta("view_rules", r)
	return nil
}

func (w *wtx) LastSeq() (int, error) {
	v, err := w.viewMeta("view_last_seq")
	if err != nil || v == "" {
		return 0, err
	}
	var n int
	_, err = fmt.Sscan(v, &n)
	return n, err
}

func (w *wtx) SetLastSeq(n int) error {
	w.setViewMeta("view_last_seq", fmt.Sprint(n))
	return nil
}

func (w *wtx) Decisions() ([]store.Decision, error) { return decisions(w.ctx, w.tx) }

func (w *wtx) strings(q string, args ...any) ([]string, error) {
	var out []string
	err := each(w.ctx, w.tx, q, args, func(rows pgx.Rows) error {
		var s string
		err := rows.Scan(&s)
		out = append(out, s)
		return err
	})
	return out, err
}

func (w *wtx) BlockIncidents(bs []consolidate.Block) ([]string, error) {
	if len(bs) == 0 {
		return nil, nil
	}
	places := make([]string, len(bs))
	weeks := make([]int32, len(bs))
	for i, b := range bs {
		places[i], weeks[i] = b.Place, b.Week
	}
	return w.strings(`SELECT DISTINCT b.incident FROM incident_blocks b
		JOIN unnest($1::text[], $2::integer[]) AS x(place, week) ON b.place = x.place AND b.week = x.week ORDER BY 1`, places, weeks)
}

func (w *wtx) KeyIncidents(keys []string) ([]string, error) {
	return w.strings("SELECT DISTINCT incident FROM incident_members WHERE event_key = ANY($1) ORDER BY 1", keys)
}

func (w *wtx) DocIncidents(docID string) ([]string, error) {
	if w.unplaced[docID] {
		return nil, nil
	}
	return w.strings("SELECT DISTINCT incident FROM incident_members WHERE doc_id = $1 ORDER BY 1", docID)
}

func (w *wtx) LoadIncidents(ids []string) ([]consolidate.Stored, error) {
	var out []consolidate.Stored
	err := each(w.ctx, w.tx, "SELECT state FROM incidents WHERE id = ANY($1) ORDER BY id", []any{ids}, func(rows pgx.Rows) error {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return err
		}
		var s consolidate.Stored
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("incident state: %w", err)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

func (w *wtx) IncidentTaken(id string) (bool, error) {
	var one int
	found, err := w.row("SELECT 1 FROM incidents WHERE id = $1", []any{id}, &one)
	if err == nil && !found {
		// A new incident takes the id: it has no rows to replace.
		if w.fresh == nil {
			w.fresh = map[string]bool{}
		}
		w.fresh[id] = true
	}
	return found, err
}

// dropIncident queues the removal of an incident's rows; its member rows
// only where the event is still this incident's.
func (w *wtx) dropIncident(b *pgx.Batch, id string) {
	b.Queue("DELETE FROM incident_blocks WHERE incident = $1", id)
	b.Queue("DELETE FROM incident_members WHERE incident = $1", id)
	b.Queue("DELETE FROM incident_actors WHERE incident = $1", id)
	b.Queue("DELETE FROM incidents WHERE id = $1", id)
}

func (w *wtx) PutIncident(s store.StoredIncident) error {
	id := s.Incident.ID
	state, err := json.Marshal(s.Stored)
	if err != nil {
		return fmt.Errorf("incident %s: %w", id, err)
	}
	blocks, _ := json.Marshal(s.Blocks)
	row, _ := json.Marshal(s.Row)
	b := w.viewOps()
	if !w.fresh[id] {
		w.dropIncident(b, id)
	}
	delete(w.fresh, id)
	b.Queue("DELETE FROM incident_redirects WHERE id = $1", id)
	r := s.Row
	var lat, lon any
	if r.Located {
		lat, lon = r.Lat, r.Lon
	}
	b.Queue(`INSERT INTO incidents (id, seq, state, version, blocks, row, type, date_start, date_end, place_l, admin1_l, country_l, lat, lon)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`, id, s.Seq, state, s.Version, blocks, row, r.Type,
		r.Start, r.End, strings.ToLower(r.Place), strings.ToLower(r.Admin1), strings.ToLower(r.Country), lat, lon)
	if len(s.Blocks) > 0 {
		places := make([]string, len(s.Blocks))
		weeks := make([]int32, len(s.Blocks))
		for i, bl := range s.Blocks {
			places[i], weeks[i] = bl.Place, bl.Week
		}
		b.Queue(`INSERT INTO incident_blocks (place, week, incident) SELECT DISTINCT x.p, x.w, $3 FROM unnest($1::text[], $2::integer[]) AS x(p, w)`,
			places, weeks, id)
	}
	if len(s.Incident.Events) > 0 {
		var keys, docs, evs []string
		for _, e := range s.Incident.Events {
			keys, docs, evs = append(keys, e.Key), append(docs, e.DocID), append(evs, e.EventID)
		}
		b.Queue(`INSERT INTO incident_members (event_key, doc_id, event_id, incident)
			SELECT k, d, e, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(k, d, e)
			ON CONFLICT (event_key) DO UPDATE SET doc_id = excluded.doc_id, event_id = excluded.event_id, incident = excluded.incident`,
			keys, docs, evs, id)
	}
	if len(s.Actors) > 0 {
		b.Queue("INSERT INTO incident_actors (actor, incident) SELECT DISTINCT a, $2 FROM unnest($1::text[]) AS a", s.Actors, id)
	}
	return nil
}

func (w *wtx) DeleteIncident(id, into string) error {
	b := w.viewOps()
	w.dropIncident(b, id)
	delete(w.fresh, id)
	if into != "" {
		b.Queue(`INSERT INTO incident_redirects (id, into_id) VALUES ($1, $2)
			ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id`, id, into)
	} else {
		b.Queue("DELETE FROM incident_redirects WHERE id = $1", id)
	}
	return nil
}

func (w *wtx) PutFraming(docID string, counts []consolidate.FramingCount) error {
	b := w.viewOps()
	b.Queue("DELETE FROM framing WHERE doc_id = $1", docID)
	if len(counts) == 0 {
		return nil
	}
	var src, act, lab []string
	var docs, uses, ord []int32
	for i, c := range counts {
		src, act, lab = append(src, c.Source), append(act, c.ActorID), append(lab, c.Label)
		docs, uses, ord = append(docs, int32(c.Documents)), append(uses, int32(c.Uses)), append(ord, int32(i))
	}
	b.Queue(`INSERT INTO framing (doc_id, source, actor, label, documents, uses, ord)
		SELECT $1, s, a, l, d, u, o FROM unnest($2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[]) AS x(s, a, l, d, u, o)`,
		docID, src, act, lab, docs, uses, ord)
	return nil
}

// bandKeys are band keys as bigint values (the same 64 bits).
func bandKeys(bands []uint64) []int64 {
	out := make([]int64, len(bands))
	for i, b := range bands {
		out[i] = int64(b)
	}
	return out
}

func (w *wtx) NearCopies(bands []uint64) ([]views.NearCopy, error) {
	var out []views.NearCopy
	err := each(w.ctx, w.tx, `SELECT s.doc_id, s.sig FROM signatures s
		WHERE s.seq IN (SELECT sig_seq FROM signature_bands WHERE band = ANY($1)) ORDER BY s.seq`, []any{bandKeys(bands)},
		func(rows pgx.Rows) error {
			var c views.NearCopy
			err := rows.Scan(&c.DocID, &c.Signature)
			out = append(out, c)
			return err
		})
	if err != nil {
		return nil, err
	}
	if w.signed == nil {
		w.signed = map[string]bool{}
	}
	for _, c := range out {
		w.signed[c.DocID] = true
	}
	for _, p := range w.newSigs {
		if slices.ContainsFunc(bands, func(b uint64) bool { return slices.Contains(p.bands, b) }) {
			out = append(out, p.NearCopy)
		}
	}
	return out, nil
}

// newSig is a signature this transaction added.
type newSig struct {
	views.NearCopy
	bands []uint64
}

func (w *wtx) PutSignature(docID string, sig []byte, bands []uint64) error {
	if w.signed[docID] {
		return nil
	}
	var one int
	if found, err := w.row("SELECT 1 FROM signatures WHERE doc_id = $1", []any{docID}, &one); err != nil || found {
		return err
	}
	seq, err := w.nextID("signatures")
	if err != nil {
		return err
	}
	if w.signed == nil {
		w.signed = map[string]bool{}
	}
	w.signed[docID] = true
	w.newSigs = append(w.newSigs, newSig{views.NearCopy{DocID: docID, Signature: sig}, bands})
	w.later("signatures", colsSignatures, seq, docID, sig)
	for _, b := range slices.Compact(slices.Sorted(slices.Values(bandKeys(bands)))) {
		w.later("signature_bands", colsBands, b, seq)
	}
	return nil
}

func (w *wtx) ClearViews() error {
	for _, t := range []string{"incidents", "incident_blocks", "incident_members", "incident_actors", "incident_redirects", "framing"} {
		if err := w.exec("DELETE FROM " + t); err != nil {
			return err
		}
	}
	return nil
}

// effective returns a document's events as placed: effective values in
// the result's order, rejected ones left out.
func (w *wtx) effective(docRow int64) ([]sitrep.Event, error) {
	var out []sitrep.Event
	err := each(w.ctx, w.tx, "SELECT data FROM events WHERE doc_rowid = $1 AND review <> 'rejected' ORDER BY rowid", []any{docRow},
		func(rows pgx.Rows) error {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				return err
			}
			var e sitrep.Event
			if err := json.Unmarshal(b, &e); err != nil {
				return fmt.Errorf("event data: %w", err)
			}
			out = append(out, e)
			return nil
		})
	return out, err
}

// isCopy reports whether a document is linked as a near copy of another.
func (w *wtx) isCopy(docRow int64) (bool, error) {
	var one int
	return w.row("SELECT 1 FROM links WHERE doc_rowid = $1 LIMIT 1", []any{docRow}, &one)
}
