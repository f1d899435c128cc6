package postgres

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/store"
)

func init() { migrationSteps[10] = revectorSoftHyphens }

// revectorSoftHyphens makes again, as store.SearchText reads them, the
// full-text vectors of documents, events and claims whose texts held soft
// hyphens (UTF-8 C2 AD) before migration 10.
func revectorSoftHyphens(ctx context.Context, tx pgx.Tx) error {
	type row struct {
		rowid int64
		title string
		data  []byte
	}
	read := func(q string) ([]row, error) {
		rows, err := tx.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var x row
			err := r.Scan(&x.rowid, &x.title, &x.data)
			return x, err
		})
	}
	docs, err := read(`SELECT rowid, title, convert_to(text, 'UTF8') FROM documents
		WHERE position('\xc2ad'::bytea IN convert_to(title || text, 'UTF8')) > 0`)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := tx.Exec(ctx, "UPDATE documents SET fts = $1 WHERE rowid = $2", tsVector(d.title, string(d.data)), d.rowid); err != nil {
			return err
		}
	}
	events, err := read(`SELECT rowid, '', data FROM events WHERE position('\xc2ad'::bytea IN data) > 0`)
	if err != nil {
		return err
	}
	for _, e := range events {
		var ev sitrep.Event
		if json.Unmarshal(e.data, &ev) != nil {
			continue
		}
		if _, err := tx.Exec(ctx, "UPDATE events SET evidence = $1 WHERE rowid = $2", tsVector(store.EvidenceText(ev.Evidence)), e.rowid); err != nil {
			return err
		}
	}
	claims, err := read(`SELECT rowid, '', data FROM claims WHERE position('\xc2ad'::bytea IN data) > 0`)
	if err != nil {
		return err
	}
	for _, c := range claims {
		var cl sitrep.Claim
		if json.Unmarshal(c.data, &cl) != nil {
			continue
		}
		if _, err := tx.Exec(ctx, "UPDATE claims SET fts = $1 WHERE rowid = $2", tsVector(cl.Text), c.rowid); err != nil {
			return err
		}
	}
	return nil
}
