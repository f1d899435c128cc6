package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"sitrep/internal/store"
)

// The claim edges are sums of the claims table, kept in step by the
// transactions that change it: each document's share of each edge is a
// claim_edge_docs row, and the sums move by what a transaction adds and
// takes back (edgeDelta), applied once before it commits.

// edgeDelta is what a transaction changes of one edge.
type edgeDelta struct {
	rowid    int64
	claims   int
	docs     int
	first    string // earliest publication date added, "" none
	last     string
	removed  bool           // a share was taken back: the dates are recomputed
	speakers map[string]int // speaker → claims added (negative: taken back)
	spDocs   map[string]int // speaker → documents added
}

// edge returns the delta of an edge, creating the edge row when it does
// not exist.
func (w *wtx) edge(k store.EdgeKey) (*edgeDelta, error) {
	if d, ok := w.edgeDeltas[k]; ok {
		return d, nil
	}
	if w.edgeDeltas == nil {
		w.edgeDeltas = map[store.EdgeKey]*edgeDelta{}
	}
	d := &edgeDelta{speakers: map[string]int{}, spDocs: map[string]int{}}
	var found bool
	if r, ok := w.edgeKnown[k]; ok {
		d.rowid, found = r, r != 0
	} else {
		var err error
		if found, err = w.row("SELECT rowid FROM claim_edges WHERE subject = ? AND object = ? AND relation = ?", []any{k.Subject, k.Object, k.Relation}, &d.rowid); err != nil {
			return nil, err
		}
	}
	if !found {
		var err error
		if d.rowid, err = w.nextRowid("claim_edges"); err != nil {
			return nil, err
		}
		w.insertLater("INSERT INTO claim_edges (rowid, subject, object, relation, claims, documents, first_seen, last_seen)",
			[]any{d.rowid, k.Subject, k.Object, k.Relation, 0, 0, "", ""})
	}
	w.edgeDeltas[k] = d
	return d, nil
}

// addEdges adds a document's claims to their edges.
func (w *wtx) addEdges(docRow int64, docID, published string, shares []store.EdgeShare) error {
	for _, sh := range shares {
		d, err := w.edge(sh.Key)
		if err != nil {
			return err
		}
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
		w.insertLater("INSERT INTO claim_edge_docs (edge_rowid, doc_rowid, published, claims, speakers)", []any{d.rowid, docRow, published, sh.Claims, string(sp)})
	}
	return nil
}

// removeEdges takes a document's shares back from their edges.
func (w *wtx) removeEdges(docRow int64) error {
	type share struct {
		rowid    int64
		claims   int
		speakers map[string]int
	}
	var shares []share
	var keys []store.EdgeKey
	err := w.each(`SELECT x.edge_rowid, x.claims, x.speakers, e.subject, e.object, e.relation FROM claim_edge_docs x
		JOIN claim_edges e ON e.rowid = x.edge_rowid WHERE x.doc_rowid = ?`, []any{docRow}, func(rows *sql.Rows) error {
		var s share
		var sp string
		var k store.EdgeKey
		if err := rows.Scan(&s.rowid, &s.claims, &sp, &k.Subject, &k.Object, &k.Relation); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(sp), &s.speakers); err != nil {
			return fmt.Errorf("claim edge speakers: %w", err)
		}
		shares, keys = append(shares, s), append(keys, k)
		return nil
	})
	if err != nil || len(shares) == 0 {
		return err
	}
	for i, s := range shares {
		d, err := w.edge(keys[i])
		if err != nil {
			return err
		}
		d.claims -= s.claims
		d.docs--
		d.removed = true
		for sp, n := range s.speakers {
			d.speakers[sp] -= n
			d.spDocs[sp]--
		}
	}
	_, err = w.exec("DELETE FROM claim_edge_docs WHERE doc_rowid = ?", docRow)
	return err
}

// prefetchEdges looks up, in one query, the edges a batch's claims state.
func (w *wtx) prefetchEdges(items []store.Item) error {
	var keys [][3]string
	if w.edgeKnown == nil {
		w.edgeKnown = map[store.EdgeKey]int64{}
	}
	for _, it := range items {
		if it.Result == nil {
			continue
		}
		for _, sh := range store.DocumentEdges(store.HashBytes(it.Raw), it.Result.Claims) {
			if _, ok := w.edgeKnown[sh.Key]; !ok {
				w.edgeKnown[sh.Key] = 0
				keys = append(keys, [3]string{sh.Key.Subject, sh.Key.Object, sh.Key.Relation})
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	return w.each(`SELECT e.rowid, e.subject, e.object, e.relation FROM json_each(?) j
		JOIN claim_edges e ON e.subject = j.value->>0 AND e.object = j.value->>1 AND e.relation = j.value->>2`, []any{jsonArg(keys)},
		func(rows *sql.Rows) error {
			var r int64
			var k store.EdgeKey
			if err := rows.Scan(&r, &k.Subject, &k.Object, &k.Relation); err != nil {
				return err
			}
			w.edgeKnown[k] = r
			return nil
		})
}

// redateEdges follows a document's new publication date into its shares
// of the edges.
func (w *wtx) redateEdges(docRow int64, published string) error {
	if err := w.flushLater(); err != nil {
		return err
	}
	var keys []store.EdgeKey
	err := w.each(`SELECT e.subject, e.object, e.relation FROM claim_edge_docs x JOIN claim_edges e ON e.rowid = x.edge_rowid
		WHERE x.doc_rowid = ?`, []any{docRow}, func(rows *sql.Rows) error {
		var k store.EdgeKey
		err := rows.Scan(&k.Subject, &k.Object, &k.Relation)
		keys = append(keys, k)
		return err
	})
	if err != nil || len(keys) == 0 {
		return err
	}
	for _, k := range keys {
		d, err := w.edge(k)
		if err != nil {
			return err
		}
		d.removed = true // the dates are read again
	}
	_, err = w.exec("UPDATE claim_edge_docs SET published = ? WHERE doc_rowid = ?", published, docRow)
	return err
}

// flushEdges applies the transaction's changes of the edge sums; the
// shares' rows are in (flushLater ran).
func (w *wtx) flushEdges() error {
	if len(w.edgeDeltas) == 0 {
		return nil
	}
	var sums, speakers [][]any
	var touched, recheck []int64
	for _, k := range slices.SortedFunc(maps.Keys(w.edgeDeltas), func(a, b store.EdgeKey) int {
		return int(w.edgeDeltas[a].rowid - w.edgeDeltas[b].rowid)
	}) {
		d := w.edgeDeltas[k]
		sums = append(sums, []any{d.rowid, d.claims, d.docs, d.first, d.last})
		for sp, n := range d.speakers {
			speakers = append(speakers, []any{d.rowid, sp, n, d.spDocs[sp]})
		}
		touched = append(touched, d.rowid)
		if d.removed {
			recheck = append(recheck, d.rowid)
		}
	}
	w.edgeDeltas = nil
	if _, err := w.exec(`UPDATE claim_edges SET claims = claims + x.c, documents = documents + x.d,
		first_seen = CASE WHEN x.f <> '' AND (first_seen = '' OR x.f < first_seen) THEN x.f ELSE first_seen END,
		last_seen = CASE WHEN x.l > last_seen THEN x.l ELSE last_seen END
		FROM (SELECT value->>0 AS r, value->>1 AS c, value->>2 AS d, value->>3 AS f, value->>4 AS l FROM json_each(?)) AS x
		WHERE claim_edges.rowid = x.r`, jsonArg(sums)); err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO claim_edge_speakers (edge_rowid, speaker, claims, documents)
		SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?) WHERE true
		ON CONFLICT (edge_rowid, speaker) DO UPDATE SET claims = claims + excluded.claims, documents = documents + excluded.documents`,
		jsonArg(speakers)); err != nil {
		return err
	}
	if len(recheck) > 0 {
		// A share taken back may have held the first or last date.
		if _, err := w.exec(`UPDATE claim_edges SET
			first_seen = COALESCE((SELECT MIN(published) FROM claim_edge_docs WHERE edge_rowid = claim_edges.rowid AND published <> ''), ''),
			last_seen = COALESCE((SELECT MAX(published) FROM claim_edge_docs WHERE edge_rowid = claim_edges.rowid), '')
			WHERE rowid IN (SELECT value FROM json_each(?))`, jsonArg(recheck)); err != nil {
			return err
		}
	}
	for _, q := range []string{
		"DELETE FROM claim_edge_speakers WHERE claims <= 0 AND edge_rowid IN (SELECT value FROM json_each(?))",
		"DELETE FROM claim_edges WHERE claims <= 0 AND rowid IN (SELECT value FROM json_each(?))",
	} {
		if _, err := w.exec(q, jsonArg(touched)); err != nil {
			return err
		}
	}
	return nil
}

// edgeCols selects an edge with at most speakers of its speakers (-1:
// all), those of most claims.
func edgeCols(speakers int) string {
	return fmt.Sprintf(`e.subject, e.object, e.relation, e.claims, e.documents, e.first_seen, e.last_seen,
	(SELECT json_group_array(json_array(speaker, claims, documents)) FROM
		(SELECT speaker, claims, documents FROM claim_edge_speakers WHERE edge_rowid = e.rowid ORDER BY claims DESC, speaker LIMIT %d))`, speakers)
}

func scanEdge(rows *sql.Rows) (store.ClaimEdge, error) {
	var e store.ClaimEdge
	var sp string
	if err := rows.Scan(&e.Subject, &e.Object, &e.Relation, &e.Claims, &e.Documents, &e.FirstSeen, &e.LastSeen, &sp); err != nil {
		return e, err
	}
	var err error
	e.Speakers, err = store.ParseEdgeSpeakers([]byte(sp))
	return e, err
}

func (db *DB) ClaimEdges(ctx context.Context, actors []string, limit int, fn func(store.ClaimEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	// The edges' rowids first, the most claimed when limited, then their
	// sums and speakers. An actor's most claimed edges come from walking
	// its edges as subject and as object by claims, and its own
	// allegations by its claims, a limit of each: an actor named in
	// tens of thousands of edges costs a few pages of them.
	inner := "SELECT rowid FROM claim_edges"
	var args []any
	if len(actors) > 0 {
		b, _ := json.Marshal(actors)
		args = append(args, string(b))
		if limit > 0 {
			var parts []string
			for i := range actors {
				// Ties are broken by key, so that every backend picks the same edges.
				parts = append(parts, fmt.Sprintf(`SELECT rowid FROM (SELECT rowid FROM claim_edges WHERE subject = ?1->>%[1]d ORDER BY claims DESC, object, relation LIMIT %[2]d)
					UNION SELECT rowid FROM (SELECT rowid FROM claim_edges WHERE object = ?1->>%[1]d ORDER BY claims DESC, subject, relation LIMIT %[2]d)
					UNION SELECT edge_rowid FROM (SELECT s.edge_rowid FROM claim_edge_speakers s JOIN claim_edges e ON e.rowid = s.edge_rowid
						WHERE s.speaker = ?1->>%[1]d ORDER BY s.claims DESC, e.subject, e.object, e.relation LIMIT %[2]d)`, i, limit))
			}
			inner = strings.Join(parts, " UNION ")
		} else {
			inner = `SELECT rowid FROM claim_edges WHERE subject IN (SELECT value FROM json_each(?1))
				UNION SELECT rowid FROM claim_edges WHERE object IN (SELECT value FROM json_each(?1))
				UNION SELECT edge_rowid FROM claim_edge_speakers WHERE speaker IN (SELECT value FROM json_each(?1))`
		}
	}
	if limit > 0 {
		inner = fmt.Sprintf(`SELECT x.rowid FROM claim_edges x WHERE x.rowid IN (%s)
			ORDER BY x.claims DESC, x.subject, x.object, x.relation LIMIT %d`, inner, limit)
	}
	speakers := -1
	if limit > 0 {
		speakers = store.SpeakersShown
	}
	query := "SELECT " + edgeCols(speakers) + " FROM claim_edges e WHERE e.rowid IN (" + inner + ") ORDER BY e.subject, e.object, e.relation"
	if len(actors) == 0 && limit <= 0 {
		query = "SELECT " + edgeCols(speakers) + " FROM claim_edges e ORDER BY e.subject, e.object, e.relation"
	}
	// Read first, then hand out: fn may call the store.
	var out []store.ClaimEdge
	err = each(ctx, q, query, args, func(rows *sql.Rows) error {
		e, err := scanEdge(rows)
		out = append(out, e)
		return err
	})
	if err != nil {
		return wrapErr("claim edges", err)
	}
	for _, e := range out {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// jsonArg encodes plain values (ids, counts, rows of them) as the JSON a
// json_each(?) parameter reads.
func jsonArg(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("sqlite: encode rows: " + err.Error())
	}
	return string(b)
}
