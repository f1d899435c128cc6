package sqlite

import (
	"context"
	"database/sql"
)

// A place filter on incidents walks incident_places, kept by triggers on
// incidents (migration 15).

func init() { migrationSteps[15] = fillIncidentPlaces }

// incidentPlacesOf computes incident_places from the incidents: what the
// triggers keep, for the migration and for verify. An incident has a row
// under each distinct non-empty lower-cased name, province and country of
// its place.
const incidentPlacesOf = `SELECT k AS place, date_start, id, rowid AS incident_rowid, date_end, type FROM (
	SELECT p.name_l AS k, i.date_start, i.id, i.rowid, i.date_end, i.type FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.name_l <> ''
	UNION ALL SELECT p.admin1_l, i.date_start, i.id, i.rowid, i.date_end, i.type FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.admin1_l <> '' AND p.admin1_l <> p.name_l
	UNION ALL SELECT p.country_l, i.date_start, i.id, i.rowid, i.date_end, i.type FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.country_l <> '' AND p.country_l <> p.name_l AND p.country_l <> p.admin1_l)`

// fillIncidentPlaces writes the rows of the incidents stored before
// migration 15, in key order (a WITHOUT ROWID table fills fastest so),
// and gives the planner the statistics of the new table and indexes.
func fillIncidentPlaces(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"INSERT OR IGNORE INTO incident_places (place, date_start, id, incident_rowid, date_end, type) " + incidentPlacesOf + " ORDER BY 1, 2, 3",
		"ANALYZE incident_places",
		"ANALYZE incidents",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// incidentPlaces checks incident_places against the incidents it lists.
func (iv *indexVerifier) incidentPlaces() error {
	if _, err := iv.c.ExecContext(iv.ctx, "CREATE TEMP TABLE want_places AS "+incidentPlacesOf); err != nil {
		return err
	}
	defer iv.c.ExecContext(context.WithoutCancel(iv.ctx), "DROP TABLE temp.want_places")
	const cols = "place, date_start, id, incident_rowid, date_end, type"
	err := iv.each(`SELECT place, id, 'a row', 'none, or another' FROM (SELECT * FROM want_places EXCEPT SELECT `+cols+` FROM incident_places)
		UNION ALL SELECT place, id, 'none', 'a row' FROM (SELECT `+cols+` FROM incident_places EXCEPT SELECT * FROM want_places)`, nil,
		func(rows *sql.Rows) error {
			var place, id, want, found string
			if err := rows.Scan(&place, &id, &want, &found); err != nil {
				return err
			}
			iv.problem("incident_places", place+" "+id, "the incident's row under the place key, with its dates and type", want, found)
			return nil
		})
	iv.more("incident_places")
	return err
}
