package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"sitrep"
	"sitrep/internal/store"
)

func (db *DB) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	err := db.write(ctx, "add edit", func(w *wtx) error {
		var err error
		if e, err = store.PrepareEdit(e, w.now); err != nil {
			return err
		}
		if err := checkText("edit of "+e.EventKey, e.EventKey, e.Value, e.Who, e.Note); err != nil {
			return err
		}
		docID, eventID, _ := store.SplitKey(e.EventKey)
		var rowid int64
		var data []byte
		found, err := w.row(`SELECT e.rowid, d.result FROM events e JOIN derived d ON d.doc_rowid = e.doc_rowid
			WHERE e.doc_rowid = (SELECT rowid FROM documents WHERE id = $1) AND e.event_id = $2`, []any{docID, eventID}, &rowid, &data)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("event %s: %w", e.EventKey, store.ErrNotFound)
		}
		sess, err := w.session()
		if err != nil {
			return err
		}
		// The edit's id is part of its log record: take it explicitly.
		if e.ID, err = w.nextID("edits"); err != nil {
			return err
		}
		if e.LogIndex, err = w.appendLog(store.EditRec(e)); err != nil {
			return err
		}
		if err := w.exec(`INSERT INTO edits (id, event_key, doc_id, status, field, value, who, at, note, log_index)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, e.ID, e.EventKey, docID, e.Status, e.Field, e.Value, e.Who,
			e.At, e.Note, e.LogIndex); err != nil {
			return err
		}
		if err := w.refreshEvent(rowid, e.EventKey, eventID, data); err != nil {
			return err
		}
		// A changed figure reaches its incident, a rejected event leaves it.
		var docRow int64
		var published string
		if _, err := w.row("SELECT rowid, published FROM documents WHERE id = $1", []any{docID}, &docRow, &published); err != nil {
			return err
		}
		effective, err := w.effective(docRow)
		if err != nil {
			return err
		}
		isCopy, err := w.isCopy(docRow)
		if err != nil {
			return err
		}
		return sess.Place(docID, published, effective, isCopy)
	})
	return e, err
}

func (db *DB) PutDecision(ctx context.Context, d store.Decision) (store.Decision, error) {
	err := db.write(ctx, "put decision", func(w *wtx) error {
		var err error
		if d, err = store.PrepareDecision(d, w.now); err != nil {
			return err
		}
		if err := checkText("decision", append(append([]string{d.Who, d.Note}, d.Keys...), d.Apart...)...); err != nil {
			return err
		}
		keys, _ := json.Marshal(d.Keys)
		apart := []byte("[]")
		if d.Apart != nil {
			apart, _ = json.Marshal(d.Apart)
		}
		sess, err := w.session()
		if err != nil {
			return err
		}
		if d.ID, err = w.nextID("decisions"); err != nil {
			return err
		}
		if d.LogIndex, err = w.appendLog(store.DecisionRec(d)); err != nil {
			return err
		}
		if err := w.exec(`INSERT INTO decisions (id, kind, keys, apart, who, at, note, log_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			d.ID, d.Kind, string(keys), string(apart), d.Who, d.At, d.Note, d.LogIndex); err != nil {
			return err
		}
		_, err = sess.Decide(d)
		return err
	})
	if err != nil {
		return store.Decision{}, err
	}
	return d, nil
}

// refreshEvent recomputes an event's row from its extraction and all its
// edits, after a new edit.
func (w *wtx) refreshEvent(rowid int64, key, eventID string, result []byte) error {
	var r sitrep.Result
	if err := json.Unmarshal(result, &r); err != nil {
		return fmt.Errorf("derived result: %w", err)
	}
	i := slices.IndexFunc(r.Events, func(e sitrep.Event) bool { return e.ID == eventID })
	if i < 0 {
		return fmt.Errorf("event %s not in its derived result: %w", key, store.ErrNotFound)
	}
	eds, err := edits(w.ctx, w.tx, store.EditFilter{EventKey: key})
	if err != nil {
		return err
	}
	eff, review, _ := store.ApplyEdits(r.Events[i], eds)
	start, end, place, data, err := w.eventColumns(eff)
	if err != nil {
		return err
	}
	if err := w.exec(`UPDATE events SET type = $1, date_start = $2, date_end = $3, place_rowid = $4, review = $5, data = $6
		WHERE rowid = $7`, eff.Type, start, end, place, review, data, rowid); err != nil {
		return err
	}
	// Re-link actors: the date or the actors may have changed.
	seen := map[int64]bool{}
	rows, err := w.tx.Query(w.ctx, "SELECT actor_rowid FROM event_actors WHERE event_rowid = $1", rowid)
	if err != nil {
		return fmt.Errorf("event actors: %w", err)
	}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return err
		}
		seen[a] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := w.exec("DELETE FROM event_actors WHERE event_rowid = $1", rowid); err != nil {
		return err
	}
	return w.eventActorRows(rowid, start, eff, seen)
}
