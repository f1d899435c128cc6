package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"sitrep/internal/store"
)

func init() { migrationSteps[10] = revectorSoftHyphens }

// revectorSoftHyphens makes again, as store.SearchText reads them, the
// full-text vectors of documents, events and claims whose texts held soft
// hyphens (UTF-8 C2 AD) before migration 10.
func revectorSoftHyphens(ctx context.Context, tx pgx.Tx) error {
	// revector reads (rowid, title, data) rows and sets the vector that
	// vector makes of each, skipping rows it cannot read.
	revector := func(query, update string, vector func(title string, data []byte) (pgtype.TSVector, bool)) error {
		type row struct {
			rowid int64
			title string
			data  []byte
		}
		rows, err := tx.Query(ctx, query)
		if err != nil {
			return err
		}
		found, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var x row
			err := r.Scan(&x.rowid, &x.title, &x.data)
			return x, err
		})
		if err != nil {
			return err
		}
		for _, r := range found {
			v, ok := vector(r.title, r.data)
			if !ok {
				continue
			}
			if _, err := tx.Exec(ctx, update, v, r.rowid); err != nil {
				return err
			}
		}
		return nil
	}
	textVector := func(text func([]byte) (string, bool)) func(string, []byte) (pgtype.TSVector, bool) {
		return func(_ string, data []byte) (pgtype.TSVector, bool) {
			t, ok := text(data)
			return tsVector(t), ok
		}
	}
	if err := revector(`SELECT rowid, title, convert_to(text, 'UTF8') FROM documents
		WHERE position('\xc2ad'::bytea IN convert_to(title || text, 'UTF8')) > 0`,
		"UPDATE documents SET fts = $1 WHERE rowid = $2",
		func(title string, text []byte) (pgtype.TSVector, bool) { return tsVector(title, string(text)), true }); err != nil {
		return err
	}
	if err := revector(`SELECT rowid, '', data FROM events WHERE position('\xc2ad'::bytea IN data) > 0`,
		"UPDATE events SET evidence = $1 WHERE rowid = $2", textVector(store.EventDataSearchText)); err != nil {
		return err
	}
	return revector(`SELECT rowid, '', data FROM claims WHERE position('\xc2ad'::bytea IN data) > 0`,
		"UPDATE claims SET fts = $1 WHERE rowid = $2", textVector(store.ClaimDataSearchText))
}
