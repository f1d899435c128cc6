package postgres

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// A write transaction is the views' transaction (views.Tx): placement
// reads incidents through it while the transaction holds the custody log's
// lock, so that one writer at a time places reports, on every machine.
// What the views write at the end of the transaction (incidents, framing,
// signatures, settings) is queued and sent with the transaction's other
// rows at flush, in one round trip.

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

// prefetchViews reads in a few queries the incidents placing these
// documents will look at and the signatures these will be compared with.
func (w *wtx) prefetchViews(docs []consolidate.DocEvents, sigs []ingest.Signature) error {
	if len(docs) == 0 && len(sigs) == 0 {
		return nil
	}
	sess, err := w.session()
	if err != nil {
		return err
	}
	if err := sess.PrefetchNearCopies(sigs); err != nil {
		return err
	}
	return sess.Prefetch(docs)
}

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
func dropIncident(b *pgx.Batch, id string) {
	b.Queue("DELETE FROM incident_blocks WHERE incident = $1", id)
	b.Queue("DELETE FROM incident_members WHERE incident = $1", id)
	b.Queue("DELETE FROM incident_actors WHERE incident = $1", id)
	b.Queue("DELETE FROM incidents WHERE id = $1", id)
}

func (w *wtx) WriteIncidents(put []store.StoredIncident, ended []store.Redirect) error {
	b := w.viewOps()
	for _, r := range ended {
		b.Queue("DELETE FROM violence_incidents WHERE incident = $1", r.ID)
		dropIncident(b, r.ID)
		delete(w.fresh, r.ID)
		if r.Into != "" {
			b.Queue(`INSERT INTO incident_redirects (id, into_id) VALUES ($1, $2)
				ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id`, r.ID, r.Into)
		} else {
			b.Queue("DELETE FROM incident_redirects WHERE id = $1", r.ID)
		}
	}
	for _, s := range put {
		if err := w.putIncident(b, s); err != nil {
			return err
		}
	}
	return nil
}

// putIncident queues an incident's rows, replacing what was stored for
// its id and a redirect from it.
func (w *wtx) putIncident(b *pgx.Batch, s store.StoredIncident) error {
	id := s.Incident.ID
	state, err := json.Marshal(s.Stored)
	if err != nil {
		return fmt.Errorf("incident %s: %w", id, err)
	}
	blocks, _ := json.Marshal(s.Blocks)
	row, _ := json.Marshal(s.Row)
	if !w.fresh[id] {
		dropIncident(b, id)
	}
	delete(w.fresh, id)
	b.Queue("DELETE FROM incident_redirects WHERE id = $1", id)
	r := s.Row
	var lat, lon any
	if r.Located {
		lat, lon = r.Lat, r.Lon
	}
	b.Queue(`INSERT INTO incidents (id, seq, state, version, blocks, row, type, date_start, date_end, place_l, admin1_l, country_l, lat, lon, killed, approx)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, id, s.Seq, state, s.Version, blocks, row, r.Type,
		r.Start, r.End, strings.ToLower(r.Place), strings.ToLower(r.Admin1), strings.ToLower(r.Country), lat, lon, r.Killed,
		store.ApproximatePrecision(r.Precision))
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
	roles := make([]int16, len(s.Roles))
	for i, r := range s.Roles {
		roles[i] = int16(r)
	}
	putViolence(b, id, s.Actors, roles, r)
	if len(s.Actors) > 0 {
		b.Queue("INSERT INTO incident_actors (actor, roles, incident, date_start) SELECT a, r, $3, $4 FROM unnest($1::text[], $2::smallint[]) AS x(a, r)",
			s.Actors, roles, id, r.Start)
	}
	return nil
}

// putViolence queues the change of an incident's pairs of a perpetrator
// and a different target (violence_incidents, whose triggers keep the
// violence edges; migration 12) to those of its actors: only the pairs
// it gained or lost, or all when its start date or type changed.
func putViolence(b *pgx.Batch, id string, actors []string, roles []int16, r store.IncidentRow) {
	const pairs = `SELECT p.a AS perpetrator, t.a AS target FROM unnest($2::text[], $3::smallint[]) AS p(a, r), unnest($2::text[], $3::smallint[]) AS t(a, r)
		WHERE p.r & 1 <> 0 AND t.r & 2 <> 0 AND p.a <> t.a`
	b.Queue(`DELETE FROM violence_incidents v WHERE v.incident = $1
		AND (v.date_start <> $4 OR v.type <> $5 OR (v.perpetrator, v.target) NOT IN (`+pairs+`))`, id, actors, roles, r.Start, r.Type)
	b.Queue(`INSERT INTO violence_incidents (perpetrator, target, date_start, incident, type)
		SELECT DISTINCT x.perpetrator, x.target, $4, $1, $5 FROM (`+pairs+`) x ON CONFLICT DO NOTHING`, id, actors, roles, r.Start, r.Type)
}

func (w *wtx) PutFraming(docs []store.DocFraming) error {
	var ids, src, act, lab []string
	var ndocs, uses, ord []int32
	for _, d := range docs {
		ids = append(ids, d.DocID)
		for i, c := range d.Counts {
			src, act, lab = append(src, c.Source), append(act, c.ActorID), append(lab, c.Label)
			ndocs, uses, ord = append(ndocs, int32(c.Documents)), append(uses, int32(c.Uses)), append(ord, int32(i))
		}
	}
	b := w.viewOps()
	b.Queue("DELETE FROM framing WHERE doc_id = ANY($1)", ids)
	if len(src) == 0 {
		return nil
	}
	var docIDs []string
	for _, d := range docs {
		for range d.Counts {
			docIDs = append(docIDs, d.DocID)
		}
	}
	b.Queue(`INSERT INTO framing (doc_id, source, actor, label, documents, uses, ord)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[])`,
		docIDs, src, act, lab, ndocs, uses, ord)
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
	return out, err
}

// PutSignatures keeps signatures in order; a document signed before keeps
// its first.
func (w *wtx) PutSignatures(sigs []views.NearCopy) error {
	ids := make([]string, len(sigs))
	for i, c := range sigs {
		ids[i] = c.DocID
	}
	signed := map[string]bool{}
	err := each(w.ctx, w.tx, "SELECT doc_id FROM signatures WHERE doc_id = ANY($1)", []any{ids}, func(rows pgx.Rows) error {
		var id string
		err := rows.Scan(&id)
		signed[id] = true
		return err
	})
	if err != nil {
		return err
	}
	for _, c := range sigs {
		if signed[c.DocID] {
			continue
		}
		signed[c.DocID] = true
		seq, err := w.nextID("signatures")
		if err != nil {
			return err
		}
		w.later("signatures", colsSignatures, seq, c.DocID, c.Signature)
		for _, b := range slices.Compact(slices.Sorted(slices.Values(bandKeys(c.Bands)))) {
			w.later("signature_bands", colsBands, b, seq)
		}
	}
	return nil
}

func (w *wtx) ClearViews() error {
	for _, t := range []string{"incidents", "incident_blocks", "incident_members", "incident_actors", "incident_redirects", "framing",
		"view_word_docs", "view_words", "violence_incidents", "violence_edge_types", "violence_edges", "actor_incidents"} {
		if err := w.exec("DELETE FROM " + t); err != nil {
			return err
		}
	}
	for _, q := range refillActorFigures {
		if err := w.exec(q); err != nil {
			return err
		}
	}
	w.wordTally = nil
	w.setViewMeta("word_docs", "0")
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
