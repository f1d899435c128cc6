package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"sitrep/internal/store"
)

// The actor network's violence edges (store.ViolenceEdge) and the
// incidents naming each actor live in the tables of migration 19, kept by
// WriteIncidents (writeViolence).

const violenceMigration = 19

func init() { migrationSteps[violenceMigration] = fillViolenceEdges }

// The rows writeViolence keeps, computed from the incidents' actor and
// member rows: for the migration and for verify. A pair is a perpetrator
// and a different target of one incident; its documents are those of
// the incident's reports, counted as the edges are read (ViolenceEdges).
const (
	violencePairsOf = `SELECT p.actor_rowid AS perpetrator, t.actor_rowid AS target, p.date_start, i.id AS incident, i.type
	FROM incident_actors p JOIN incident_actors t ON t.incident_rowid = p.incident_rowid AND t.roles & 2 AND t.actor_rowid <> p.actor_rowid
	JOIN incidents i ON i.rowid = p.incident_rowid WHERE p.roles & 1`
	violenceTypesOf = `SELECT perpetrator, target, type, COUNT(*) AS incidents FROM violence_incidents GROUP BY 1, 2, 3`
	violenceEdgesOf = `SELECT perpetrator, target, COUNT(*) AS incidents, COALESCE(MIN(NULLIF(date_start, '')), '') AS first_seen, MAX(date_start) AS last_seen
	FROM violence_incidents GROUP BY 1, 2`
	actorIncidentsOf = `SELECT actor_rowid, COUNT(*) AS incidents FROM incident_actors GROUP BY 1`
)

// violenceTables are the tables writeViolence keeps, in the order they are
// filled, with the query computing each.
var violenceTables = []struct{ name, cols, of string }{
	{"violence_incidents", "perpetrator, target, date_start, incident, type", violencePairsOf},
	{"violence_edge_types", "perpetrator, target, type, incidents", violenceTypesOf},
	{"violence_edges", "perpetrator, target, incidents, first_seen, last_seen", violenceEdgesOf},
	{"actor_incidents", "actor_rowid, incidents", actorIncidentsOf},
}

// fillViolenceEdges counts the incidents stored before migration 19.
func fillViolenceEdges(ctx context.Context, tx *sql.Tx) error {
	for _, t := range violenceTables {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO "+t.name+" ("+t.cols+") "+t.of); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}

// violenceEdges checks the tables of migration 19 against the incidents'
// actor rows, each computed from the one before as
// writeViolence keeps them (a wrong pair is reported once, in
// violence_incidents, not again in every sum).
func (iv *indexVerifier) violenceEdges() error {
	for _, t := range violenceTables {
		want := "want_" + t.name
		of := t.of
		for _, u := range violenceTables {
			of = strings.ReplaceAll(of, "FROM "+u.name+" ", "FROM "+"want_"+u.name+" ")
		}
		if _, err := iv.c.ExecContext(iv.ctx, "CREATE TEMP TABLE "+want+" AS "+of); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		defer iv.c.ExecContext(context.WithoutCancel(iv.ctx), "DROP TABLE temp."+want)
		err := iv.each(`SELECT json_array(`+t.cols+`), 'this row', 'none, or another' FROM (SELECT `+t.cols+` FROM `+want+` EXCEPT SELECT `+t.cols+` FROM `+t.name+`)
			UNION ALL SELECT json_array(`+t.cols+`), 'none', 'this row' FROM (SELECT `+t.cols+` FROM `+t.name+` EXCEPT SELECT `+t.cols+` FROM `+want+`)`, nil,
			func(rows *sql.Rows) error {
				var row, w, found string
				if err := rows.Scan(&row, &w, &found); err != nil {
					return err
				}
				iv.problem(t.name, row, "counted from the incidents' actor rows ("+t.cols+")", w, found)
				return nil
			})
		if err != nil {
			return err
		}
		iv.more(t.name)
	}
	return nil
}

// violenceDocuments counts each violence edge's documents from its
// incidents' members: an edge of one incident (most of them: every pair
// of a perpetrator and a target of a large incident) has that incident's
// documents, counted once per incident, not once per pair; an edge of
// more has those of its incidents, a document reporting two of them
// once.
const violenceDocuments = `WITH
	incident_docs AS MATERIALIZED (SELECT v.incident, COUNT(DISTINCT substr(m.event_key, 1, instr(m.event_key, '#') - 1)) AS documents
		FROM (SELECT DISTINCT incident FROM violence_incidents) v JOIN incidents i ON i.id = v.incident
		JOIN incident_members m ON m.incident_rowid = i.rowid GROUP BY 1),
	edge_docs AS MATERIALIZED (SELECT e.perpetrator, e.target, d.documents FROM violence_edges e
			JOIN violence_incidents v ON v.perpetrator = e.perpetrator AND v.target = e.target
			JOIN incident_docs d ON d.incident = v.incident WHERE e.incidents = 1
		UNION ALL SELECT e.perpetrator, e.target, COUNT(DISTINCT substr(m.event_key, 1, instr(m.event_key, '#') - 1)) FROM violence_edges e
			JOIN violence_incidents v ON v.perpetrator = e.perpetrator AND v.target = e.target
			JOIN incidents i ON i.id = v.incident JOIN incident_members m ON m.incident_rowid = i.rowid
			WHERE e.incidents > 1 GROUP BY 1, 2)`

func (db *DB) ViolenceEdges(ctx context.Context, fn func(store.ViolenceEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	err = each(ctx, q, violenceDocuments+` SELECT pa.id, ta.id, e.incidents, COALESCE(d.documents, 0), e.first_seen, e.last_seen,
			(SELECT json_group_object(t.type, t.incidents) FROM violence_edge_types t WHERE t.perpetrator = e.perpetrator AND t.target = e.target)
		FROM violence_edges e JOIN actors pa ON pa.rowid = e.perpetrator JOIN actors ta ON ta.rowid = e.target
		LEFT JOIN edge_docs d ON d.perpetrator = e.perpetrator AND d.target = e.target`, nil, func(rows *sql.Rows) error {
		var e store.ViolenceEdge
		var types string
		if err := rows.Scan(&e.Perpetrator, &e.Target, &e.Incidents, &e.Documents, &e.FirstSeen, &e.LastSeen, &types); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(types), &e.Types); err != nil {
			return fmt.Errorf("types of %s → %s: %w", e.Perpetrator, e.Target, err)
		}
		fnErr = fn(e)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	return wrapErr("violence edges", err)
}

func (db *DB) ActorIncidents(ctx context.Context, fn func(store.ActorIncidents) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	err = each(ctx, q, "SELECT a.id, n.incidents FROM actor_incidents n JOIN actors a ON a.rowid = n.actor_rowid", nil, func(rows *sql.Rows) error {
		var a store.ActorIncidents
		if err := rows.Scan(&a.Actor, &a.Incidents); err != nil {
			return err
		}
		fnErr = fn(a)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	return wrapErr("actor incidents", err)
}

// violenceState is what the tables of migration 19 count of one
// incident: its type, start date, and actors (rowids) with their roles.
type violenceState struct {
	typ, start string
	actors     []int64
	roles      []int
}

type actorPair struct{ p, t int64 }

// pairs returns the incident's pairs of a perpetrator and a different
// target.
func (v *violenceState) pairs() map[actorPair]bool {
	out := map[actorPair]bool{}
	if v == nil {
		return out
	}
	for i, p := range v.actors {
		for j, t := range v.actors {
			if v.roles[i]&1 != 0 && v.roles[j]&2 != 0 && p != t {
				out[actorPair{p, t}] = true
			}
		}
	}
	return out
}

// storedViolence reads what the tables of migration 19 count of the
// stored incidents with these ids (a JSON list).
func (w *wtx) storedViolence(ids string) (map[string]*violenceState, error) {
	out := map[string]*violenceState{}
	err := w.each(`SELECT i.id, i.type, ia.date_start, ia.actor_rowid, ia.roles FROM json_each(?1) j JOIN incidents i ON i.id = j.value
		JOIN incident_actors ia ON ia.incident_rowid = i.rowid`, []any{ids}, func(rows *sql.Rows) error {
		var id, typ, start string
		var a int64
		var roles int
		if err := rows.Scan(&id, &typ, &start, &a, &roles); err != nil {
			return err
		}
		v := out[id]
		if v == nil {
			v = &violenceState{typ: typ, start: start}
			out[id] = v
		}
		v.actors, v.roles = append(v.actors, a), append(v.roles, roles)
		return nil
	})
	return out, err
}

// writeViolence changes the tables of migration 19 from what the
// incidents with old's ids counted to what those with now's ids count
// (an incident ended is in old only, a new one in now only): by what
// changed, so that a report joining an incident of many pairs, which
// keeps its type, start date and actors, writes none of them.
func (w *wtx) writeViolence(old, now map[string]*violenceState) error {
	type pairType struct {
		actorPair
		typ string
	}
	actors := map[int64]int{}
	incidents := map[actorPair]int{}
	types := map[pairType]int{}
	var gone, added [][]any
	ids := map[string]bool{}
	for id := range old {
		ids[id] = true
	}
	for id := range now {
		ids[id] = true
	}
	for id := range ids {
		o, n := old[id], now[id]
		if o != nil {
			for _, a := range o.actors {
				actors[a]--
			}
		}
		if n != nil {
			for _, a := range n.actors {
				actors[a]++
			}
		}
		op, np := o.pairs(), n.pairs()
		same := o != nil && n != nil && o.typ == n.typ && o.start == n.start
		for pr := range op {
			if !np[pr] || !same {
				gone = append(gone, []any{pr.p, pr.t, o.start, id})
				incidents[pr]--
				types[pairType{pr, o.typ}]--
			}
		}
		for pr := range np {
			if !op[pr] || !same {
				added = append(added, []any{pr.p, pr.t, n.start, id, n.typ})
				incidents[pr]++
				types[pairType{pr, n.typ}]++
			}
		}
	}
	if len(gone) > 0 {
		if _, err := w.exec(`DELETE FROM violence_incidents WHERE (perpetrator, target, date_start, incident) IN
			(SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?))`, jsonArg(gone)); err != nil {
			return err
		}
	}
	if len(added) > 0 {
		if _, err := w.exec(`INSERT INTO violence_incidents (perpetrator, target, date_start, incident, type)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)`, jsonArg(added)); err != nil {
			return err
		}
	}
	// Counts that fell are deleted where they reached zero.
	var rows, fell [][]any
	for k, n := range types {
		if n != 0 {
			rows = append(rows, []any{k.p, k.t, k.typ, n})
		}
		if n < 0 {
			fell = append(fell, []any{k.p, k.t, k.typ})
		}
	}
	if len(rows) > 0 {
		if _, err := w.exec(`INSERT INTO violence_edge_types (perpetrator, target, type, incidents)
			SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?) WHERE true
			ON CONFLICT (perpetrator, target, type) DO UPDATE SET incidents = incidents + excluded.incidents`, jsonArg(rows)); err != nil {
			return err
		}
	}
	if len(fell) > 0 {
		if _, err := w.exec(`DELETE FROM violence_edge_types WHERE incidents = 0 AND (perpetrator, target, type) IN
			(SELECT value->>0, value->>1, value->>2 FROM json_each(?))`, jsonArg(fell)); err != nil {
			return err
		}
	}
	// An edge whose incidents changed reads its dates again from them
	// (one incident gone may have been its first).
	rows = rows[:0]
	var changed [][]any
	for pr, n := range incidents {
		changed = append(changed, []any{pr.p, pr.t})
		if n != 0 {
			rows = append(rows, []any{pr.p, pr.t, n})
		}
	}
	if len(rows) > 0 {
		if _, err := w.exec(`INSERT INTO violence_edges AS e (perpetrator, target, incidents, first_seen, last_seen)
			SELECT value->>0, value->>1, value->>2, '', '' FROM json_each(?) WHERE true
			ON CONFLICT (perpetrator, target) DO UPDATE SET incidents = e.incidents + excluded.incidents`, jsonArg(rows)); err != nil {
			return err
		}
	}
	if len(changed) > 0 {
		list := jsonArg(changed)
		if _, err := w.exec(`UPDATE violence_edges AS e SET
				first_seen = COALESCE((SELECT min(date_start) FROM violence_incidents v
					WHERE v.perpetrator = e.perpetrator AND v.target = e.target AND v.date_start > ''), ''),
				last_seen = COALESCE((SELECT max(date_start) FROM violence_incidents v WHERE v.perpetrator = e.perpetrator AND v.target = e.target), '')
			WHERE (perpetrator, target) IN (SELECT value->>0, value->>1 FROM json_each(?))`, list); err != nil {
			return err
		}
		if _, err := w.exec(`DELETE FROM violence_edges WHERE incidents = 0 AND (perpetrator, target) IN
			(SELECT value->>0, value->>1 FROM json_each(?))`, list); err != nil {
			return err
		}
	}
	rows = rows[:0]
	for a, n := range actors {
		if n != 0 {
			rows = append(rows, []any{a, n})
		}
	}
	if len(rows) > 0 {
		list := jsonArg(rows)
		if _, err := w.exec(`INSERT INTO actor_incidents (actor_rowid, incidents) SELECT value->>0, value->>1 FROM json_each(?) WHERE true
			ON CONFLICT (actor_rowid) DO UPDATE SET incidents = incidents + excluded.incidents`, list); err != nil {
			return err
		}
		if _, err := w.exec(`DELETE FROM actor_incidents WHERE incidents = 0 AND actor_rowid IN (SELECT value->>0 FROM json_each(?))`, list); err != nil {
			return err
		}
	}
	return nil
}
