package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
)

// The actor page's counts (store.ActorFigures) live in
// actor_incident_figures and actor_claim_figures, kept by triggers on
// incident_actors and claims (migration 6), so that every transaction
// writing those rows writes the counts with them.

// refillActorFigures recomputes the counts from the rows they count, for
// a rebuild of the views.
var refillActorFigures = []string{
	"DELETE FROM actor_incident_figures",
	`INSERT INTO actor_incident_figures (actor, perpetrator, target, claimant)
		SELECT actor, SUM(roles & 1), SUM((roles >> 1) & 1), SUM((roles >> 2) & 1) FROM incident_actors
		GROUP BY actor HAVING SUM(roles & 7) > 0`,
	"DELETE FROM actor_claim_figures",
	`INSERT INTO actor_claim_figures (actor_rowid, made, about)
		SELECT a, SUM(m), SUM(ab) FROM (
			SELECT speaker_rowid AS a, 1 AS m, 0 AS ab FROM claims WHERE speaker_rowid IS NOT NULL
			UNION ALL SELECT subject_rowid, 0, 1 FROM claims WHERE subject_rowid IS NOT NULL
			UNION ALL SELECT object_rowid, 0, 1 FROM claims WHERE object_rowid IS NOT NULL AND object_rowid IS DISTINCT FROM subject_rowid) c
		GROUP BY a`,
}

func (db *DB) ActorFigures(ctx context.Context, actorKey string) (store.ActorFigures, error) {
	var f store.ActorFigures
	q, err := db.reader()
	if err != nil {
		return f, err
	}
	var p, t, c, m, ab, d int64
	err = q.QueryRow(ctx, `SELECT COALESCE(i.perpetrator, 0), COALESCE(i.target, 0), COALESCE(i.claimant, 0),
			COALESCE(cf.made, 0), COALESCE(cf.about, 0), COALESCE(a.documents, 0)
		FROM (SELECT $1::text AS id) k
		LEFT JOIN actors a ON a.id = k.id
		LEFT JOIN actor_incident_figures i ON i.actor = k.id
		LEFT JOIN actor_claim_figures cf ON cf.actor_rowid = a.rowid`, actorKey).Scan(&p, &t, &c, &m, &ab, &d)
	if err != nil {
		return f, fmt.Errorf("postgres: actor figures: %w", classify(err))
	}
	return store.ActorFigures{Perpetrator: int(p), Target: int(t), Claimant: int(c), Made: int(m), About: int(ab), Documents: int(d)}, nil
}

func (db *DB) ActorClaims(ctx context.Context, actorKey, role string, limit, offset int) ([]store.Claim, error) {
	if err := store.CheckActorClaims(role, limit, offset); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	// The page's rows are found on the index alone, newest first; "about"
	// merges the subject's range and the object's, each read up to the
	// page's end. Only the page's claims are then read whole.
	page := `SELECT rowid FROM claims WHERE speaker_rowid = (SELECT rowid FROM actors WHERE id = $1)
		ORDER BY published DESC, rowid DESC LIMIT $2 OFFSET $3`
	args := []any{actorKey, limit, offset}
	if role == store.ClaimsAbout {
		page = `SELECT rowid FROM (
			(SELECT rowid, published FROM claims WHERE subject_rowid = (SELECT rowid FROM actors WHERE id = $1)
				ORDER BY published DESC, rowid DESC LIMIT $4)
			UNION (SELECT rowid, published FROM claims WHERE object_rowid = (SELECT rowid FROM actors WHERE id = $1)
				ORDER BY published DESC, rowid DESC LIMIT $4)) x
			ORDER BY published DESC, rowid DESC LIMIT $2 OFFSET $3`
		args = append(args, limit+offset)
	}
	query := claimSelect + " WHERE c.rowid IN (" + page + ") ORDER BY c.published DESC, c.rowid DESC"
	var out []store.Claim
	err = each(ctx, q, query, args, func(rows pgx.Rows) error {
		c, err := scanClaim(rows)
		out = append(out, c)
		return err
	})
	return out, wrapScan("actor claims", err)
}

func (db *DB) ActorDocuments(ctx context.Context, actorKey string, limit, offset int) ([]store.ActorDocument, error) {
	if err := store.CheckActorPage(limit, offset); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var out []store.ActorDocument
	err = each(ctx, q, `SELECT d.id, d.title, d.outlet, d.published, d.url FROM (SELECT doc_rowid, published FROM actor_dates
			WHERE actor_rowid = (SELECT rowid FROM actors WHERE id = $1) ORDER BY published DESC, doc_rowid DESC LIMIT $2 OFFSET $3) ad
		JOIN documents d ON d.rowid = ad.doc_rowid ORDER BY ad.published DESC, ad.doc_rowid DESC`, []any{actorKey, limit, offset}, func(rows pgx.Rows) error {
		var d store.ActorDocument
		err := rows.Scan(&d.ID, &d.Title, &d.Outlet, &d.Published, &d.URL)
		out = append(out, d)
		return err
	})
	return out, wrapScan("actor documents", err)
}
