package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
)

// The actor network's violence edges (store.ViolenceEdge) and the
// incidents naming each actor live in the tables of migration 12, kept by
// triggers on incident_actors and violence_incidents; an edge's documents
// are counted as it is read.

func (db *DB) ViolenceEdges(ctx context.Context, fn func(store.ViolenceEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	// An edge's documents are counted from its incidents' members: an
	// edge of one incident (most of them: every pair of a perpetrator and
	// a target of a large incident) has that incident's, counted once per
	// incident, not once per pair; an edge of more has those of its
	// incidents, a document reporting two of them once.
	err = each(ctx, q, `WITH incident_docs AS (SELECT m.incident, COUNT(DISTINCT m.doc_id) AS documents FROM incident_members m
			WHERE m.incident IN (SELECT incident FROM violence_incidents) GROUP BY 1),
		edge_docs AS (SELECT e.perpetrator, e.target, d.documents FROM violence_edges e
				JOIN violence_incidents v ON v.perpetrator = e.perpetrator AND v.target = e.target
				JOIN incident_docs d ON d.incident = v.incident WHERE e.incidents = 1
			UNION ALL SELECT e.perpetrator, e.target, COUNT(DISTINCT m.doc_id) FROM violence_edges e
				JOIN violence_incidents v ON v.perpetrator = e.perpetrator AND v.target = e.target
				JOIN incident_members m ON m.incident = v.incident WHERE e.incidents > 1 GROUP BY 1, 2)
		SELECT e.perpetrator, e.target, e.incidents, COALESCE(d.documents, 0)::integer, e.first_seen, e.last_seen,
			(SELECT jsonb_object_agg(t.type, t.incidents) FROM violence_edge_types t WHERE t.perpetrator = e.perpetrator AND t.target = e.target)
		FROM violence_edges e LEFT JOIN edge_docs d ON d.perpetrator = e.perpetrator AND d.target = e.target`, nil, func(rows pgx.Rows) error {
		var e store.ViolenceEdge
		var n, d int32
		if err := rows.Scan(&e.Perpetrator, &e.Target, &n, &d, &e.FirstSeen, &e.LastSeen, &e.Types); err != nil {
			return err
		}
		e.Incidents, e.Documents = int(n), int(d)
		fnErr = fn(e)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("postgres: violence edges: %w", classify(err))
	}
	return nil
}

func (db *DB) ActorIncidents(ctx context.Context, fn func(store.ActorIncidents) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	err = each(ctx, q, "SELECT actor, incidents FROM actor_incidents", nil, func(rows pgx.Rows) error {
		var a store.ActorIncidents
		var n int32
		if err := rows.Scan(&a.Actor, &n); err != nil {
			return err
		}
		a.Incidents = int(n)
		fnErr = fn(a)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("postgres: actor incidents: %w", classify(err))
	}
	return nil
}
