package sqlite

import (
	"context"
	"database/sql"

	"sitrep/internal/store"
)

func init() { migrationSteps[17] = reindexSoftHyphens }

// reindexSoftHyphens indexes again, as store.SearchText reads them, the
// evidence and claim texts indexed with their soft hyphens before
// migration 17. Only rows whose data holds one (UTF-8 C2 AD) change.
func reindexSoftHyphens(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		key  int64
		text string
	}
	read := func(q string, text func(data []byte) (string, bool)) ([]row, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var key int64
			var data []byte
			if err := rows.Scan(&key, &data); err != nil {
				return nil, err
			}
			if t, ok := text(data); ok {
				out = append(out, row{key, t})
			}
		}
		return out, rows.Err()
	}
	for _, t := range []struct {
		query, table, column string
		text                 func([]byte) (string, bool)
	}{
		{`SELECT ` + ftsKeySQL + `, e.data FROM events e WHERE instr(CAST(e.data AS BLOB), x'C2AD') > 0`, "events_fts", "evidence", store.EventDataSearchText},
		{`SELECT rowid, data FROM claims WHERE instr(CAST(data AS BLOB), x'C2AD') > 0`, "claims_fts", "text", store.ClaimDataSearchText},
	} {
		rows, err := read(t.query, t.text)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.table+" WHERE rowid = ?", r.key); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO "+t.table+" (rowid, "+t.column+") VALUES (?, ?)", r.key, r.text); err != nil {
				return err
			}
		}
	}
	return nil
}
