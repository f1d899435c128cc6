package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// The timeline's counts (CountIncidentDays) live in incident_days, kept by
// triggers on incidents (migration 12).

func init() { migrationSteps[12] = fillIncidentDays }

// incidentDaysOf computes incident_days from the incidents: what the
// triggers keep, for the migration and for verify. An incident counts
// once under the empty key and once under each distinct non-empty
// lower-cased name, province and country of its place.
const incidentDaysOf = `SELECT k AS place, date_start AS day, type, COUNT(*) AS incidents, SUM(max(killed, 0)) AS killed FROM (
	SELECT '' AS k, date_start, type, killed FROM incidents
	UNION ALL SELECT p.name_l, i.date_start, i.type, i.killed FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.name_l <> ''
	UNION ALL SELECT p.admin1_l, i.date_start, i.type, i.killed FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.admin1_l <> '' AND p.admin1_l <> p.name_l
	UNION ALL SELECT p.country_l, i.date_start, i.type, i.killed FROM incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.country_l <> '' AND p.country_l <> p.name_l AND p.country_l <> p.admin1_l)
	GROUP BY k, date_start, type`

// fillIncidentDays counts the incidents stored before migration 12.
func fillIncidentDays(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO incident_days (place, day, type, incidents, killed) "+incidentDaysOf+" ON CONFLICT DO NOTHING")
	return err
}

// incidentDays checks incident_days against the incidents it counts.
func (iv *indexVerifier) incidentDays() error {
	if _, err := iv.c.ExecContext(iv.ctx, "CREATE TEMP TABLE want_days AS "+incidentDaysOf); err != nil {
		return err
	}
	defer iv.c.ExecContext(context.WithoutCancel(iv.ctx), "DROP TABLE temp.want_days")
	err := iv.each(`SELECT w.place, w.day, w.type, w.incidents, w.killed, d.incidents, d.killed FROM want_days w
			LEFT JOIN incident_days d ON d.place = w.place AND d.day = w.day AND d.type = w.type
			WHERE d.incidents IS NOT w.incidents OR d.killed IS NOT w.killed
		UNION ALL SELECT d.place, d.day, d.type, NULL, NULL, d.incidents, d.killed FROM incident_days d
			WHERE NOT EXISTS (SELECT 1 FROM want_days w WHERE w.place = d.place AND w.day = d.day AND w.type = d.type)`, nil,
		func(rows *sql.Rows) error {
			var place, day, typ string
			var wn, wk, n, k sql.NullInt64
			if err := rows.Scan(&place, &day, &typ, &wn, &wk, &n, &k); err != nil {
				return err
			}
			show := func(n, k sql.NullInt64) string {
				if !n.Valid {
					return "no row"
				}
				return fmt.Sprintf("%d incidents, %d killed", n.Int64, k.Int64)
			}
			iv.problem("incident_days", fmt.Sprintf("%q %s %s", place, day, typ), "incidents and killed of the place key, day and type", show(wn, wk), show(n, k))
			return nil
		})
	iv.more("incident_days")
	return err
}
