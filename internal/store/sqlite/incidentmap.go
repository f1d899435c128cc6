package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"sitrep/internal/store"
)

// The map's counts (CountIncidentPoints) live in incident_map, kept by
// triggers on incidents (migration 18).

func init() { migrationSteps[18] = fillIncidentMap }

// incidentMapOf computes incident_map from the incidents: what the
// triggers keep, for the migration and for verify. An incident counts
// once under the empty key and once under each distinct non-empty
// lower-cased name, province and country of its place.
const incidentMapOf = `SELECT k AS place, located, lat, lon, approx, type, COUNT(*) AS incidents, SUM(max(killed, 0)) AS killed FROM (
	SELECT '' AS k, i.*, p.name_l, p.admin1_l, p.country_l FROM located_incidents i LEFT JOIN places p ON p.rowid = i.place_rowid
	UNION ALL SELECT p.name_l, i.*, p.name_l, p.admin1_l, p.country_l FROM located_incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.name_l <> ''
	UNION ALL SELECT p.admin1_l, i.*, p.name_l, p.admin1_l, p.country_l FROM located_incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.admin1_l <> '' AND p.admin1_l <> p.name_l
	UNION ALL SELECT p.country_l, i.*, p.name_l, p.admin1_l, p.country_l FROM located_incidents i JOIN places p ON p.rowid = i.place_rowid
		WHERE p.country_l <> '' AND p.country_l <> p.name_l AND p.country_l <> p.admin1_l)
	GROUP BY 1, 2, 3, 4, 5, 6`

// locatedIncidents is what incidentMapOf reads of each incident: its
// point, kind of point, type and toll.
const locatedIncidents = `WITH located_incidents AS (SELECT i.place_rowid, p.lat IS NOT NULL AS located, COALESCE(p.lat, 0) AS lat,
		COALESCE(p.lon, 0) AS lon, i.precision IN ('province', 'country') AS approx, i.type, i.killed
	FROM incidents i LEFT JOIN places p ON p.rowid = i.place_rowid AND p.lat IS NOT NULL AND p.lon IS NOT NULL) `

// fillIncidentMap counts the incidents stored before migration 18, and
// gives the planner the statistics of the new index.
func fillIncidentMap(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"INSERT INTO incident_map (place, located, lat, lon, approx, type, incidents, killed) " + locatedIncidents + incidentMapOf + " ON CONFLICT DO NOTHING",
		"ANALYZE incidents",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// incidentMap checks incident_map against the incidents it counts.
func (iv *indexVerifier) incidentMap() error {
	if _, err := iv.c.ExecContext(iv.ctx, "CREATE TEMP TABLE want_map AS "+locatedIncidents+incidentMapOf); err != nil {
		return err
	}
	defer iv.c.ExecContext(context.WithoutCancel(iv.ctx), "DROP TABLE temp.want_map")
	const cols = "place, located, lat, lon, approx, type, incidents, killed"
	err := iv.each(`SELECT place, type, lat, lon, approx, 'these counts', 'none, or others' FROM (SELECT * FROM want_map EXCEPT SELECT `+cols+` FROM incident_map)
		UNION ALL SELECT place, type, lat, lon, approx, 'none', 'these counts' FROM (SELECT `+cols+` FROM incident_map EXCEPT SELECT * FROM want_map)`, nil,
		func(rows *sql.Rows) error {
			var place, typ, want, found string
			var lat, lon float64
			var approx bool
			if err := rows.Scan(&place, &typ, &lat, &lon, &approx, &want, &found); err != nil {
				return err
			}
			iv.problem("incident_map", fmt.Sprintf("%q %s at %g,%g (centre of a province or country: %t)", place, typ, lat, lon, approx),
				"incidents and killed of the type at the point", want, found)
			return nil
		})
	iv.more("incident_map")
	return err
}

func (db *DB) CountIncidentPoints(ctx context.Context, f store.IncidentFilter, fn func(store.PointCount) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 0, 0
	if f.Since != "" || f.Until != "" || f.Near != nil || f.Actor != "" || strings.TrimSpace(f.Text) != "" {
		// Only a place and a type are keys of the stored counts: the
		// others count the matching incidents.
		conds, args, drive, _, none, err := db.incidentWhere(ctx, q, f)
		if err != nil || none {
			return wrapErr("incident points", err)
		}
		if drive == (incidentDrive{}) && (f.Since != "" || f.Until != "") {
			// A range of dates reads its incidents from the index that
			// holds what is counted (the planner, seeing the grouping
			// by place, would rather skip-scan the place index and
			// read every incident's row).
			drive.index = "incidents_date_points"
		}
		// By place row first, then by point: the places are few, and
		// the rows of a country's incidents many.
		query := `SELECT i.place_rowid, i.precision IN ('province', 'country') AS approx, i.type, COUNT(*) AS n, SUM(max(i.killed, 0)) AS k` + drive.from()
		if len(conds) > 0 {
			query += " WHERE " + strings.Join(numberParams(conds), " AND ")
		}
		query = `SELECT p.lat IS NOT NULL, COALESCE(p.lat, 0), COALESCE(p.lon, 0), g.approx, g.type, SUM(g.n), SUM(g.k) FROM (` + query +
			` GROUP BY 1, 2, 3) g LEFT JOIN places p ON p.rowid = g.place_rowid AND p.lat IS NOT NULL AND p.lon IS NOT NULL`
		var fnErr error
		err = each(ctx, q, query+" GROUP BY 1, 2, 3, 4, 5", args, func(rows *sql.Rows) error {
			var c store.PointCount
			if err := rows.Scan(&c.Located, &c.Lat, &c.Lon, &c.Approximate, &c.Type, &c.Incidents, &c.Killed); err != nil {
				return err
			}
			fnErr = fn(c)
			return fnErr
		})
		if fnErr != nil {
			return fnErr
		}
		return wrapErr("incident points", err)
	}
	// The stored counts of the place key, a point's types in one row
	// ("type incidents killed ..."): a map of every incident has tens of
	// thousands of them.
	query := "SELECT located, lat, lon, approx, group_concat(type || ' ' || incidents || ' ' || killed, ' ') FROM incident_map WHERE place = ?"
	args := []any{strings.ToLower(f.Place)}
	if f.Type != "" {
		query, args = query+" AND type = ?", append(args, f.Type)
	}
	var fnErr error
	err = each(ctx, q, query+" GROUP BY located, lat, lon, approx", args, func(rows *sql.Rows) error {
		var c store.PointCount
		var counts string
		if err := rows.Scan(&c.Located, &c.Lat, &c.Lon, &c.Approximate, &counts); err != nil {
			return err
		}
		f := strings.Fields(counts)
		for i := 0; i+2 < len(f); i += 3 {
			n, err1 := strconv.Atoi(f[i+1])
			k, err2 := strconv.Atoi(f[i+2])
			if err := cmp.Or(err1, err2); err != nil {
				return fmt.Errorf("point counts %q: %w", counts, err)
			}
			c.Type, c.Incidents, c.Killed = f[i], n, k
			if fnErr = fn(c); fnErr != nil {
				return fnErr
			}
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	return wrapErr("incident points", err)
}
