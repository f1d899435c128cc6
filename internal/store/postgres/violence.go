package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
)

// The actor network's violence edges (store.ViolenceEdge) and the
// incidents naming each actor live in the tables of migration 12, kept by
// triggers on incident_actors and violence_incidents.

func (db *DB) ViolenceEdges(ctx context.Context, fn func(store.ViolenceEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	err = each(ctx, q, `SELECT e.perpetrator, e.target, e.incidents, e.documents, e.first_seen, e.last_seen,
			(SELECT jsonb_object_agg(t.type, t.incidents) FROM violence_edge_types t WHERE t.perpetrator = e.perpetrator AND t.target = e.target)
		FROM violence_edges e`, nil, func(rows pgx.Rows) error {
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
