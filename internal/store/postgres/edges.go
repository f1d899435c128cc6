package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
)

// The claim edges are sums of the claims table, kept in step by the
// transactions that change it: each document's share of each edge is a
// claim_edge_docs row, and the sums move by what a transaction adds and
// takes back (edgeDelta), applied when it flushes. Writers hold the
// custody log's lock, so no two transactions move the sums at once.

// edgeDelta is what a transaction changes of one edge.
type edgeDelta struct {
	claims   int
	docs     int
	first    string // earliest publication date added, "" none
	last     string
	recheck  bool           // a share was taken back or redated: the dates are recomputed
	speakers map[string]int // speaker → claims added (negative: taken back)
	spDocs   map[string]int // speaker → documents added
}

var colsEdgeDocs = []string{"subject text", "object text", "relation text", "doc_rowid bigint", "published text", "claims integer", "speakers text"}

func (w *wtx) edge(k store.EdgeKey) *edgeDelta {
	if w.edges == nil {
		w.edges = map[store.EdgeKey]*edgeDelta{}
	}
	d := w.edges[k]
	if d == nil {
		d = &edgeDelta{speakers: map[string]int{}, spDocs: map[string]int{}}
		w.edges[k] = d
	}
	return d
}

// addEdges adds a document's claims to their edges.
func (w *wtx) addEdges(docRow int64, published string, shares []store.EdgeShare) {
	for _, sh := range shares {
		d := w.edge(sh.Key)
		d.claims += sh.Claims
		d.docs++
		if published != "" {
			if d.first == "" || published < d.first {
				d.first = published
			}
			d.last = max(d.last, published)
		}
		for sp, n := range sh.Speakers {
			d.speakers[sp] += n
			d.spDocs[sp]++
		}
		sp, _ := json.Marshal(sh.Speakers)
		w.later("claim_edge_docs", colsEdgeDocs, sh.Key.Subject, sh.Key.Object, sh.Key.Relation, docRow, published, sh.Claims, string(sp))
	}
}

// removeEdges takes a document's shares back from their edges.
func (w *wtx) removeEdges(docRow int64) error {
	rows, err := w.tx.Query(w.ctx, "DELETE FROM claim_edge_docs WHERE doc_rowid = $1 RETURNING subject, object, relation, claims, speakers", docRow)
	if err != nil {
		return fmt.Errorf("claim edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k store.EdgeKey
		var n int32
		var sp string
		if err := rows.Scan(&k.Subject, &k.Object, &k.Relation, &n, &sp); err != nil {
			return err
		}
		var speakers map[string]int
		if err := json.Unmarshal([]byte(sp), &speakers); err != nil {
			return fmt.Errorf("claim edge speakers: %w", err)
		}
		d := w.edge(k)
		d.claims -= int(n)
		d.docs--
		d.recheck = true
		for s, c := range speakers {
			d.speakers[s] -= c
			d.spDocs[s]--
		}
	}
	return rows.Err()
}

// redateEdges follows a document's new publication date into its shares
// of the edges and its actors' dates.
func (w *wtx) redateEdges(docRow int64, published string) error {
	rows, err := w.tx.Query(w.ctx, "UPDATE claim_edge_docs SET published = $1 WHERE doc_rowid = $2 RETURNING subject, object, relation", published, docRow)
	if err != nil {
		return fmt.Errorf("claim edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k store.EdgeKey
		if err := rows.Scan(&k.Subject, &k.Object, &k.Relation); err != nil {
			return err
		}
		w.edge(k).recheck = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return w.exec("UPDATE actor_dates SET published = $1 WHERE doc_rowid = $2", published, docRow)
}

// queueEdges queues, after the rows inserted at flush, the changes of the
// edge sums this transaction made.
func (w *wtx) queueEdges(b *pgx.Batch) {
	if len(w.edges) == 0 {
		return
	}
	var subj, obj, rel, first, last []string
	var claims, docs []int32
	var rsubj, robj, rrel []string
	var ssubj, sobj, srel, sp []string
	var sclaims, sdocs []int32
	for _, k := range slices.SortedFunc(maps.Keys(w.edges), compareEdgeKeys) {
		d := w.edges[k]
		subj, obj, rel = append(subj, k.Subject), append(obj, k.Object), append(rel, k.Relation)
		claims, docs, first, last = append(claims, int32(d.claims)), append(docs, int32(d.docs)), append(first, d.first), append(last, d.last)
		if d.recheck {
			rsubj, robj, rrel = append(rsubj, k.Subject), append(robj, k.Object), append(rrel, k.Relation)
		}
		for _, s := range slices.Sorted(maps.Keys(d.speakers)) {
			ssubj, sobj, srel, sp = append(ssubj, k.Subject), append(sobj, k.Object), append(srel, k.Relation), append(sp, s)
			sclaims, sdocs = append(sclaims, int32(d.speakers[s])), append(sdocs, int32(d.spDocs[s]))
		}
	}
	w.edges = nil
	b.Queue(`INSERT INTO claim_edges (subject, object, relation, claims, documents, first_seen, last_seen)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::text[], $7::text[])
		ON CONFLICT (subject, object, relation) DO UPDATE SET claims = claim_edges.claims + excluded.claims,
			documents = claim_edges.documents + excluded.documents,
			first_seen = CASE WHEN excluded.first_seen <> '' AND (claim_edges.first_seen = '' OR excluded.first_seen < claim_edges.first_seen)
				THEN excluded.first_seen ELSE claim_edges.first_seen END,
			last_seen = GREATEST(claim_edges.last_seen, excluded.last_seen)`, subj, obj, rel, claims, docs, first, last)
	if len(sp) > 0 {
		b.Queue(`INSERT INTO claim_edge_speakers (subject, object, relation, speaker, claims, documents)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[])
			ON CONFLICT (subject, object, relation, speaker) DO UPDATE SET claims = claim_edge_speakers.claims + excluded.claims,
				documents = claim_edge_speakers.documents + excluded.documents`, ssubj, sobj, srel, sp, sclaims, sdocs)
	}
	if len(rsubj) > 0 {
		// A share taken back or redated may have held the first or last date.
		b.Queue(`UPDATE claim_edges e SET
			first_seen = COALESCE((SELECT MIN(x.published) FROM claim_edge_docs x
				WHERE (x.subject, x.object, x.relation) = (e.subject, e.object, e.relation) AND x.published <> ''), ''),
			last_seen = COALESCE((SELECT MAX(x.published) FROM claim_edge_docs x
				WHERE (x.subject, x.object, x.relation) = (e.subject, e.object, e.relation)), '')
			FROM unnest($1::text[], $2::text[], $3::text[]) AS k(s, o, r)
			WHERE (e.subject, e.object, e.relation) = (k.s, k.o, k.r)`, rsubj, robj, rrel)
	}
	b.Queue(`DELETE FROM claim_edge_speakers x USING unnest($1::text[], $2::text[], $3::text[]) AS k(s, o, r)
		WHERE (x.subject, x.object, x.relation) = (k.s, k.o, k.r) AND x.claims <= 0`, subj, obj, rel)
	b.Queue(`DELETE FROM claim_edges x USING unnest($1::text[], $2::text[], $3::text[]) AS k(s, o, r)
		WHERE (x.subject, x.object, x.relation) = (k.s, k.o, k.r) AND x.claims <= 0`, subj, obj, rel)
}

func compareEdgeKeys(a, b store.EdgeKey) int {
	return cmpStrings(a.Subject, b.Subject, a.Object, b.Object, a.Relation, b.Relation)
}

// cmpStrings compares pairs in turn, as strings.Compare does.
func cmpStrings(pairs ...string) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != pairs[i+1] {
			if pairs[i] < pairs[i+1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// edgeCols selects an edge e with at most speakers of its speakers (0:
// all), those of most claims, as a JSON array of [id, claims, documents].
func edgeCols(speakers int) string {
	limit := ""
	if speakers > 0 {
		limit = fmt.Sprintf(" LIMIT %d", speakers)
	}
	return `e.subject, e.object, e.relation, e.claims, e.documents, e.first_seen, e.last_seen,
		COALESCE((SELECT json_agg(json_build_array(s.speaker, s.claims, s.documents) ORDER BY s.claims DESC, s.speaker)
			FROM (SELECT speaker, claims, documents FROM claim_edge_speakers
				WHERE (subject, object, relation) = (e.subject, e.object, e.relation)
				ORDER BY claims DESC, speaker` + limit + `) s), '[]')`
}

func scanEdge(rows pgx.Row) (store.ClaimEdge, error) {
	var e store.ClaimEdge
	var claims, docs int32
	var sp []byte
	if err := rows.Scan(&e.Subject, &e.Object, &e.Relation, &claims, &docs, &e.FirstSeen, &e.LastSeen, &sp); err != nil {
		return e, err
	}
	e.Claims, e.Documents = int(claims), int(docs)
	var err error
	e.Speakers, err = store.ParseEdgeSpeakers(sp)
	return e, err
}

func (db *DB) ClaimEdges(ctx context.Context, actors []string, limit int, fn func(store.ClaimEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	if limit < 0 {
		limit = 0
	}
	// Ties are broken by key, so that every backend picks the same edges.
	// The edges' keys first, the most claimed when limited, then their
	// sums and speakers. An actor's most claimed edges come from walking
	// its edges as subject and as object by claims, and its own
	// allegations by its claims, a limit of each: an actor named in
	// tens of thousands of edges costs a few pages of them.
	var args []any
	keys := ""
	switch {
	case len(actors) > 0 && limit > 0:
		args = append(args, actors)
		keys = fmt.Sprintf(`SELECT k.subject, k.object, k.relation FROM unnest($1::text[]) AS a(id), LATERAL (
			(SELECT subject, object, relation FROM claim_edges WHERE subject = a.id ORDER BY claims DESC, object, relation LIMIT %[1]d)
			UNION (SELECT subject, object, relation FROM claim_edges WHERE object = a.id ORDER BY claims DESC, subject, relation LIMIT %[1]d)
			UNION (SELECT subject, object, relation FROM claim_edge_speakers WHERE speaker = a.id
				ORDER BY claims DESC, subject, object, relation LIMIT %[1]d)) AS k`, limit)
	case len(actors) > 0:
		args = append(args, actors)
		keys = `SELECT subject, object, relation FROM claim_edges WHERE subject = ANY($1)
			UNION SELECT subject, object, relation FROM claim_edges WHERE object = ANY($1)
			UNION SELECT subject, object, relation FROM claim_edge_speakers WHERE speaker = ANY($1)`
	}
	query := "SELECT " + edgeCols(0) + " FROM claim_edges e ORDER BY e.subject, e.object, e.relation"
	switch {
	case limit > 0 && keys != "":
		query = "SELECT " + edgeCols(store.SpeakersShown) + ` FROM (SELECT x.* FROM claim_edges x
			WHERE (x.subject, x.object, x.relation) IN (` + keys + `)
			ORDER BY x.claims DESC, x.subject, x.object, x.relation LIMIT ` + fmt.Sprint(limit) + `) e ORDER BY e.subject, e.object, e.relation`
	case limit > 0:
		query = "SELECT " + edgeCols(store.SpeakersShown) + ` FROM (SELECT * FROM claim_edges
			ORDER BY claims DESC, subject, object, relation LIMIT ` + fmt.Sprint(limit) + `) e ORDER BY e.subject, e.object, e.relation`
	case keys != "":
		query = "SELECT " + edgeCols(0) + " FROM claim_edges e WHERE (e.subject, e.object, e.relation) IN (" + keys + ") ORDER BY e.subject, e.object, e.relation"
	}
	// Read first, then hand out: fn may call the store.
	var out []store.ClaimEdge
	err = each(ctx, q, query, args, func(rows pgx.Rows) error {
		e, err := scanEdge(rows)
		out = append(out, e)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: claim edges: %w", classify(err))
	}
	for _, e := range out {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
