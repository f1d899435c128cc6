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
// triggers on incident_actors and violence_incidents.

const violenceMigration = 19

func init() { migrationSteps[violenceMigration] = fillViolenceEdges }

// The rows the triggers keep, computed from the incidents' actor and
// member rows: for the migration and for verify. A pair is a perpetrator
// and a different target of one incident; its documents are those of
// the incident's reports.
const (
	violencePairsOf = `SELECT p.actor_rowid AS perpetrator, t.actor_rowid AS target, p.date_start, p.incident_rowid, i.type
	FROM incident_actors p JOIN incident_actors t ON t.incident_rowid = p.incident_rowid AND t.roles & 2 AND t.actor_rowid <> p.actor_rowid
	JOIN incidents i ON i.rowid = p.incident_rowid WHERE p.roles & 1`
	violenceTypesOf = `SELECT perpetrator, target, type, COUNT(*) AS incidents FROM violence_incidents GROUP BY 1, 2, 3`
	violenceDocsOf  = `SELECT v.perpetrator, v.target, m.doc, COUNT(*) AS incidents FROM violence_incidents v
	JOIN (SELECT DISTINCT incident_rowid, substr(event_key, 1, instr(event_key, '#') - 1) AS doc FROM incident_members) m ON m.incident_rowid = v.incident_rowid
	GROUP BY 1, 2, 3`
	violenceEdgesOf = `SELECT v.perpetrator, v.target, COUNT(*) AS incidents,
		(SELECT COUNT(*) FROM violence_edge_docs d WHERE d.perpetrator = v.perpetrator AND d.target = v.target) AS documents,
		COALESCE(MIN(NULLIF(v.date_start, '')), '') AS first_seen, MAX(v.date_start) AS last_seen
	FROM violence_incidents v GROUP BY 1, 2`
	actorIncidentsOf = `SELECT actor_rowid, COUNT(*) AS incidents FROM incident_actors GROUP BY 1`
)

// violenceTriggers keep the tables of migration 19. An incident's pairs
// are made as its actor rows are inserted (each pair when the second of
// its two rows comes) and go with the first of the two deleted; a pair
// adds its incident to its edge, its type and its documents, and a
// document new to the edge adds to its documents. A count that falls to
// zero takes its row; first and last dates are read again from the
// edge's pairs when one goes.
const violenceTriggers = `
CREATE TRIGGER IF NOT EXISTS violence_actor_in AFTER INSERT ON incident_actors BEGIN
	INSERT INTO actor_incidents (actor_rowid, incidents) VALUES (NEW.actor_rowid, 1)
		ON CONFLICT (actor_rowid) DO UPDATE SET incidents = incidents + 1;
	INSERT OR IGNORE INTO violence_incidents (perpetrator, target, date_start, incident_rowid, type)
		SELECT x.p, x.t, NEW.date_start, NEW.incident_rowid, i.type FROM (
			SELECT NEW.actor_rowid AS p, o.actor_rowid AS t FROM incident_actors o
				WHERE NEW.roles & 1 AND o.incident_rowid = NEW.incident_rowid AND o.roles & 2 AND o.actor_rowid <> NEW.actor_rowid
			UNION ALL SELECT o.actor_rowid, NEW.actor_rowid FROM incident_actors o
				WHERE NEW.roles & 2 AND o.incident_rowid = NEW.incident_rowid AND o.roles & 1 AND o.actor_rowid <> NEW.actor_rowid) x
		JOIN incidents i ON i.rowid = NEW.incident_rowid;
END;
CREATE TRIGGER IF NOT EXISTS violence_actor_out AFTER DELETE ON incident_actors BEGIN
	UPDATE actor_incidents SET incidents = incidents - 1 WHERE actor_rowid = OLD.actor_rowid;
	DELETE FROM actor_incidents WHERE actor_rowid = OLD.actor_rowid AND incidents = 0;
	DELETE FROM violence_incidents WHERE incident_rowid = OLD.incident_rowid AND (perpetrator = OLD.actor_rowid OR target = OLD.actor_rowid);
END;
CREATE TRIGGER IF NOT EXISTS violence_pair_in AFTER INSERT ON violence_incidents BEGIN
	INSERT INTO violence_edges (perpetrator, target, incidents, documents, first_seen, last_seen)
		VALUES (NEW.perpetrator, NEW.target, 1, 0, NEW.date_start, NEW.date_start)
		ON CONFLICT (perpetrator, target) DO UPDATE SET incidents = incidents + 1,
			first_seen = CASE WHEN first_seen = '' OR excluded.first_seen <> '' AND excluded.first_seen < first_seen
				THEN excluded.first_seen ELSE first_seen END,
			last_seen = max(last_seen, excluded.last_seen);
	INSERT INTO violence_edge_types (perpetrator, target, type, incidents) VALUES (NEW.perpetrator, NEW.target, NEW.type, 1)
		ON CONFLICT (perpetrator, target, type) DO UPDATE SET incidents = incidents + 1;
	INSERT INTO violence_edge_docs (perpetrator, target, doc, incidents)
		SELECT DISTINCT NEW.perpetrator, NEW.target, substr(event_key, 1, instr(event_key, '#') - 1), 1
		FROM incident_members WHERE incident_rowid = NEW.incident_rowid
		ON CONFLICT (perpetrator, target, doc) DO UPDATE SET incidents = incidents + 1;
END;
CREATE TRIGGER IF NOT EXISTS violence_doc_in AFTER INSERT ON violence_edge_docs BEGIN
	UPDATE violence_edges SET documents = documents + 1 WHERE perpetrator = NEW.perpetrator AND target = NEW.target;
END;
CREATE TRIGGER IF NOT EXISTS violence_doc_out AFTER DELETE ON violence_edge_docs BEGIN
	UPDATE violence_edges SET documents = documents - 1 WHERE perpetrator = OLD.perpetrator AND target = OLD.target;
END;
CREATE TRIGGER IF NOT EXISTS violence_pair_out AFTER DELETE ON violence_incidents BEGIN
	UPDATE violence_edge_types SET incidents = incidents - 1 WHERE perpetrator = OLD.perpetrator AND target = OLD.target AND type = OLD.type;
	DELETE FROM violence_edge_types WHERE perpetrator = OLD.perpetrator AND target = OLD.target AND type = OLD.type AND incidents = 0;
	UPDATE violence_edge_docs SET incidents = incidents - 1 WHERE perpetrator = OLD.perpetrator AND target = OLD.target
		AND doc IN (SELECT substr(event_key, 1, instr(event_key, '#') - 1) FROM incident_members WHERE incident_rowid = OLD.incident_rowid);
	DELETE FROM violence_edge_docs WHERE perpetrator = OLD.perpetrator AND target = OLD.target AND incidents = 0
		AND doc IN (SELECT substr(event_key, 1, instr(event_key, '#') - 1) FROM incident_members WHERE incident_rowid = OLD.incident_rowid);
	UPDATE violence_edges SET incidents = incidents - 1,
		first_seen = COALESCE((SELECT min(date_start) FROM violence_incidents WHERE perpetrator = OLD.perpetrator AND target = OLD.target AND date_start > ''), ''),
		last_seen = COALESCE((SELECT max(date_start) FROM violence_incidents WHERE perpetrator = OLD.perpetrator AND target = OLD.target), '')
		WHERE perpetrator = OLD.perpetrator AND target = OLD.target;
	DELETE FROM violence_edges WHERE perpetrator = OLD.perpetrator AND target = OLD.target AND incidents = 0;
END;`

// violenceTables are the tables the triggers keep, in the order they are
// filled, with the query computing each.
var violenceTables = []struct{ name, cols, of string }{
	{"violence_incidents", "perpetrator, target, date_start, incident_rowid, type", violencePairsOf},
	{"violence_edge_types", "perpetrator, target, type, incidents", violenceTypesOf},
	{"violence_edge_docs", "perpetrator, target, doc, incidents", violenceDocsOf},
	{"violence_edges", "perpetrator, target, incidents, documents, first_seen, last_seen", violenceEdgesOf},
	{"actor_incidents", "actor_rowid, incidents", actorIncidentsOf},
}

// fillViolenceEdges counts the incidents stored before migration 19,
// then creates the triggers that keep the counts.
func fillViolenceEdges(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'violence_actor_in'").Scan(&n); err != nil || n > 0 {
		return err
	}
	for _, t := range violenceTables {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+t.name+" ("+t.cols+") "+t.of); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	_, err := tx.ExecContext(ctx, violenceTriggers)
	return err
}

// violenceEdges checks the tables of migration 19 against the incidents'
// actor and member rows, each computed from the one before as the
// triggers keep them (a wrong pair is reported once, in
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
				iv.problem(t.name, row, "counted from the incidents' actor and member rows ("+t.cols+")", w, found)
				return nil
			})
		if err != nil {
			return err
		}
		iv.more(t.name)
	}
	return nil
}

func (db *DB) ViolenceEdges(ctx context.Context, fn func(store.ViolenceEdge) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	var fnErr error
	err = each(ctx, q, `SELECT pa.id, ta.id, e.incidents, e.documents, e.first_seen, e.last_seen,
			(SELECT json_group_object(t.type, t.incidents) FROM violence_edge_types t WHERE t.perpetrator = e.perpetrator AND t.target = e.target)
		FROM violence_edges e JOIN actors pa ON pa.rowid = e.perpetrator JOIN actors ta ON ta.rowid = e.target`, nil, func(rows *sql.Rows) error {
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
