package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// The actor page's counts (store.ActorFigures) live in actor_figures, kept
// by every transaction that writes the rows they count: flushLater adds
// what the claims and incident actor rows it inserts count (addFigures),
// WriteIncidents takes off what the incident actor rows it deletes counted
// (dropIncidentFigures), and a trigger takes off a deleted claim. Triggers
// did all of it until migration 13; one statement per batch does the same
// for a fraction of the work.

// actorFiguresMigration is the migration that adds actor_figures.
const actorFiguresMigration = 11

func init() { migrationSteps[actorFiguresMigration] = fillActorFigures }

// actorFiguresOf computes every actor's counts from the rows they count:
// what the triggers keep, for a rebuild and for verify.
const actorFiguresOf = `SELECT actor_rowid, SUM(p), SUM(t), SUM(c), SUM(m), SUM(a) FROM (
	SELECT actor_rowid, roles & 1 AS p, (roles >> 1) & 1 AS t, (roles >> 2) & 1 AS c, 0 AS m, 0 AS a FROM incident_actors
	UNION ALL SELECT speaker_rowid, 0, 0, 0, 1, 0 FROM claims WHERE speaker_rowid IS NOT NULL
	UNION ALL SELECT subject_rowid, 0, 0, 0, 0, 1 FROM claims WHERE subject_rowid IS NOT NULL
	UNION ALL SELECT object_rowid, 0, 0, 0, 0, 1 FROM claims WHERE object_rowid IS NOT NULL AND object_rowid IS NOT subject_rowid)
	GROUP BY actor_rowid HAVING SUM(p) + SUM(t) + SUM(c) + SUM(m) + SUM(a) > 0`

// actorFiguresTriggers keep actor_figures in step with incident_actors
// and claims. A claim is made by its speaker and names its subject and
// its object (once when they are one actor); a row whose counts are all
// zero goes, so that the rows depend on what is counted alone.
const actorFiguresTriggers = `
CREATE TRIGGER IF NOT EXISTS actor_figures_incident_in AFTER INSERT ON incident_actors BEGIN
	INSERT INTO actor_figures (actor_rowid, perpetrator, target, claimant)
		VALUES (NEW.actor_rowid, NEW.roles & 1, (NEW.roles >> 1) & 1, (NEW.roles >> 2) & 1)
		ON CONFLICT (actor_rowid) DO UPDATE SET perpetrator = perpetrator + excluded.perpetrator,
			target = target + excluded.target, claimant = claimant + excluded.claimant;
END;
CREATE TRIGGER IF NOT EXISTS actor_figures_incident_out AFTER DELETE ON incident_actors BEGIN
	UPDATE actor_figures SET perpetrator = perpetrator - (OLD.roles & 1), target = target - ((OLD.roles >> 1) & 1),
		claimant = claimant - ((OLD.roles >> 2) & 1) WHERE actor_rowid = OLD.actor_rowid;
	DELETE FROM actor_figures WHERE actor_rowid = OLD.actor_rowid
		AND perpetrator = 0 AND target = 0 AND claimant = 0 AND made = 0 AND about = 0;
END;
CREATE TRIGGER IF NOT EXISTS actor_figures_claim_in AFTER INSERT ON claims BEGIN
	INSERT INTO actor_figures (actor_rowid, made) SELECT NEW.speaker_rowid, 1 WHERE NEW.speaker_rowid IS NOT NULL
		ON CONFLICT (actor_rowid) DO UPDATE SET made = made + 1;
	INSERT INTO actor_figures (actor_rowid, about) SELECT NEW.subject_rowid, 1 WHERE NEW.subject_rowid IS NOT NULL
		ON CONFLICT (actor_rowid) DO UPDATE SET about = about + 1;
	INSERT INTO actor_figures (actor_rowid, about) SELECT NEW.object_rowid, 1
		WHERE NEW.object_rowid IS NOT NULL AND NEW.object_rowid IS NOT NEW.subject_rowid
		ON CONFLICT (actor_rowid) DO UPDATE SET about = about + 1;
END;
CREATE TRIGGER IF NOT EXISTS actor_figures_claim_out AFTER DELETE ON claims BEGIN
	UPDATE actor_figures SET made = made - 1 WHERE actor_rowid = OLD.speaker_rowid;
	UPDATE actor_figures SET about = about - 1 WHERE actor_rowid = OLD.subject_rowid
		OR (actor_rowid = OLD.object_rowid AND OLD.object_rowid IS NOT OLD.subject_rowid);
	DELETE FROM actor_figures WHERE actor_rowid IN (OLD.speaker_rowid, OLD.subject_rowid, OLD.object_rowid)
		AND perpetrator = 0 AND target = 0 AND claimant = 0 AND made = 0 AND about = 0;
END;`

// Insert prefixes of the rows actor_figures counts (figureDeltas).
const (
	insertClaims         = "INSERT INTO claims (rowid, doc_rowid, claim_id, speaker_rowid, relation, subject_rowid, object_rowid, published, data)"
	insertIncidentActors = "INSERT INTO incident_actors (actor_rowid, date_start, incident_rowid, roles)"
)

// figureDeltas adds to d, by actor rowid, what rows inserted with prefix
// count: perpetrator, target, claimant, made, about. An actor named with
// no role gets its entry all the same: the triggers gave it a row.
func figureDeltas(d map[int64]*[5]int64, prefix string, rows [][]any) {
	add := func(a any, i int) {
		r, ok := a.(int64)
		if !ok {
			return // NULL: no actor
		}
		f := d[r]
		if f == nil {
			f = new([5]int64)
			d[r] = f
		}
		if i >= 0 {
			f[i]++
		}
	}
	switch prefix {
	case insertClaims:
		for _, row := range rows {
			add(row[3], 3)
			add(row[5], 4)
			if row[6] != row[5] {
				add(row[6], 4)
			}
		}
	case insertIncidentActors:
		for _, row := range rows {
			roles := row[3].(int)
			for bit := range 3 {
				if roles>>bit&1 != 0 {
					add(row[0], bit)
				}
			}
			add(row[0], -1)
		}
	}
}

// addFigures adds deltas (figureDeltas) to actor_figures in one statement.
func (w *wtx) addFigures(d map[int64]*[5]int64) error {
	if len(d) == 0 {
		return nil
	}
	list := make([][6]int64, 0, len(d))
	for _, a := range slices.Sorted(maps.Keys(d)) {
		f := d[a]
		list = append(list, [6]int64{a, f[0], f[1], f[2], f[3], f[4]})
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO actor_figures (actor_rowid, perpetrator, target, claimant, made, about)
		SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?) WHERE true
		ON CONFLICT (actor_rowid) DO UPDATE SET perpetrator = perpetrator + excluded.perpetrator,
			target = target + excluded.target, claimant = claimant + excluded.claimant,
			made = made + excluded.made, about = about + excluded.about`, string(b))
	return err
}

// dropIncidentFigures takes off actor_figures what the incident actor rows
// of the incidents with these ids (a JSON list) count, before they are
// deleted; rows left counting nothing go.
func (w *wtx) dropIncidentFigures(ids string) error {
	const rowsOf = `SELECT actor_rowid, roles FROM incident_actors WHERE incident_rowid IN (
		SELECT i.rowid FROM json_each(?1) j JOIN incidents i ON i.id = j.value)`
	if _, err := w.exec(`UPDATE actor_figures SET perpetrator = perpetrator - x.p, target = target - x.t, claimant = claimant - x.c
		FROM (SELECT actor_rowid AS a, SUM(roles & 1) AS p, SUM((roles >> 1) & 1) AS t, SUM((roles >> 2) & 1) AS c
			FROM (`+rowsOf+`) GROUP BY actor_rowid) AS x
		WHERE actor_figures.actor_rowid = x.a`, ids); err != nil {
		return err
	}
	_, err := w.exec(`DELETE FROM actor_figures WHERE actor_rowid IN (SELECT actor_rowid FROM (`+rowsOf+`))
		AND perpetrator = 0 AND target = 0 AND claimant = 0 AND made = 0 AND about = 0`, ids)
	return err
}

// refillActorFigures recomputes actor_figures from the rows it counts.
var refillActorFigures = []string{"DELETE FROM actor_figures",
	"INSERT INTO actor_figures (actor_rowid, perpetrator, target, claimant, made, about) " + actorFiguresOf + " ORDER BY actor_rowid"}

// fillActorFigures gives the incident actor rows their roles column and
// the triggers that count them; in a store from before migration 11, it
// reads the roles from the incidents and counts them.
func fillActorFigures(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_table_info('incident_actors') WHERE name = 'roles'").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE incident_actors ADD COLUMN roles INTEGER NOT NULL DEFAULT 0"); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, actorFiguresTriggers); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT i.rowid, d.data FROM incidents i JOIN incident_data d ON d.incident_rowid = i.rowid
		WHERE EXISTS (SELECT 1 FROM incident_actors ia WHERE ia.incident_rowid = i.rowid)`)
	if err != nil {
		return err
	}
	type role struct {
		incident int64
		actor    string
		roles    int
	}
	var set []role
	for rows.Next() {
		var rowid int64
		var data []byte
		var inc consolidate.Incident
		if err := rows.Scan(&rowid, &data); err != nil {
			rows.Close()
			return err
		}
		// Only the actor lists are needed.
		var tallies struct {
			Perpetrators []consolidate.ActorTally `json:"perpetrators"`
			Targets      []consolidate.ActorTally `json:"targets"`
			ClaimedBy    []consolidate.ActorTally `json:"claimed_by"`
		}
		if err := json.Unmarshal(data, &tallies); err != nil {
			rows.Close()
			return fmt.Errorf("incident %d: %w", rowid, err)
		}
		inc.Perpetrators, inc.Targets, inc.ClaimedBy = tallies.Perpetrators, tallies.Targets, tallies.ClaimedBy
		keys, roles := store.IncidentActorRoles(inc)
		for i, k := range keys {
			set = append(set, role{rowid, k, roles[i]})
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, "UPDATE incident_actors SET roles = ? WHERE incident_rowid = ? AND actor_rowid = (SELECT rowid FROM actors WHERE id = ?)")
	if err != nil {
		return err
	}
	defer up.Close()
	for _, r := range set {
		if _, err := up.ExecContext(ctx, r.roles, r.incident, r.actor); err != nil {
			return err
		}
	}
	for _, q := range refillActorFigures {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) ActorFigures(ctx context.Context, actorKey string) (store.ActorFigures, error) {
	var f store.ActorFigures
	q, err := db.reader()
	if err != nil {
		return f, err
	}
	err = q.QueryRowContext(ctx, `SELECT COALESCE(f.perpetrator, 0), COALESCE(f.target, 0), COALESCE(f.claimant, 0),
		COALESCE(f.made, 0), COALESCE(f.about, 0), a.documents
		FROM actors a LEFT JOIN actor_figures f ON f.actor_rowid = a.rowid WHERE a.id = ?`, actorKey).
		Scan(&f.Perpetrator, &f.Target, &f.Claimant, &f.Made, &f.About, &f.Documents)
	if err == sql.ErrNoRows {
		return store.ActorFigures{}, nil
	}
	return f, wrapErr("actor figures", err)
}

func (db *DB) ActorClaims(ctx context.Context, actorKey, role string, limit, offset int) ([]store.Claim, error) {
	if err := store.CheckActorClaims(role, limit, offset); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	// The page's rows are found on the index alone, newest first; "about"
	// merges the subject's range and the object's, each read up to the
	// page's end. Only the page's claims are then read whole.
	page := `SELECT rowid FROM claims WHERE speaker_rowid = (SELECT rowid FROM actors WHERE id = ?1)
		ORDER BY published DESC, rowid DESC LIMIT ?3 OFFSET ?4`
	if role == store.ClaimsAbout {
		page = `SELECT rowid FROM (
			SELECT rowid, published FROM (SELECT rowid, published FROM claims WHERE subject_rowid = (SELECT rowid FROM actors WHERE id = ?1)
				ORDER BY published DESC, rowid DESC LIMIT ?2)
			UNION SELECT rowid, published FROM (SELECT rowid, published FROM claims WHERE object_rowid = (SELECT rowid FROM actors WHERE id = ?1)
				ORDER BY published DESC, rowid DESC LIMIT ?2))
			ORDER BY published DESC, rowid DESC LIMIT ?3 OFFSET ?4`
	}
	query := claimSelect + " WHERE c.rowid IN (" + page + ") ORDER BY c.published DESC, c.rowid DESC"
	var out []store.Claim
	err = each(ctx, q, query, []any{actorKey, limit + offset, limit, offset}, func(rows *sql.Rows) error {
		c, err := scanClaim(rows)
		out = append(out, c)
		return err
	})
	return out, wrapScan("actor claims", err)
}

func (db *DB) ActorDocuments(ctx context.Context, actorKey string, limit, offset int) ([]store.ActorDocument, error) {
	if err := store.CheckActorPage(limit, offset); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var out []store.ActorDocument
	err = each(ctx, q, `SELECT d.id, d.title, d.outlet, d.published, d.url FROM (SELECT doc_rowid, published FROM actor_dates
			WHERE actor_rowid = (SELECT rowid FROM actors WHERE id = ?) ORDER BY published DESC, doc_rowid DESC LIMIT ? OFFSET ?) ad
		JOIN documents d ON d.rowid = ad.doc_rowid ORDER BY ad.published DESC, ad.doc_rowid DESC`, []any{actorKey, limit, offset}, func(rows *sql.Rows) error {
		var d store.ActorDocument
		err := rows.Scan(&d.ID, &d.Title, &d.Outlet, &d.Published, &d.URL)
		out = append(out, d)
		return err
	})
	return out, wrapScan("actor documents", err)
}

// actorFigures checks actor_figures against the incident actor rows and
// the claims it counts.
func (iv *indexVerifier) actorFigures() error {
	want := map[int64][5]int{}
	err := iv.each(actorFiguresOf, nil, func(rows *sql.Rows) error {
		var a int64
		var f [5]int
		err := rows.Scan(&a, &f[0], &f[1], &f[2], &f[3], &f[4])
		want[a] = f
		return err
	})
	if err != nil {
		return err
	}
	err = iv.each("SELECT actor_rowid, perpetrator, target, claimant, made, about FROM actor_figures ORDER BY actor_rowid", nil, func(rows *sql.Rows) error {
		var a int64
		var f [5]int
		if err := rows.Scan(&a, &f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
			return err
		}
		if w := want[a]; w != f {
			iv.problem("actor_figures", iv.actorLabel(a), "incidents as perpetrator, target, claimant; claims made, about", fmt.Sprint(w), fmt.Sprint(f))
		}
		delete(want, a)
		return nil
	})
	for _, a := range slices.Sorted(maps.Keys(want)) {
		w := want[a]
		iv.problem("actor_figures", iv.actorLabel(a), "incidents as perpetrator, target, claimant; claims made, about", fmt.Sprint(w), "no row")
	}
	return err
}

func (iv *indexVerifier) actorLabel(rowid int64) string {
	if id, ok := iv.actorID[rowid]; ok {
		return id
	}
	return fmt.Sprintf("actor row %d", rowid)
}
