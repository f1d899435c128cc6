package postgres

import (
	"context"
	"fmt"

	"sitrep/internal/store"
)

func checkDocument(d store.Document) error {
	return checkText("document "+d.ID, d.Text, d.Title, d.Outlet, d.Published, d.URL, d.Language)
}

type docState struct {
	d          store.Document // without text
	rowid      int64
	hasDerived bool
	resultHash string
	version    string
}

// lookupDocuments reads the stored documents among ids, with what was
// derived from them.
func (w *wtx) lookupDocuments(ids []string) (map[string]docState, error) {
	out := map[string]docState{}
	rows, err := w.tx.Query(w.ctx, "SELECT "+documentCols+`, d.result_hash, d.extractor_version,
			EXISTS (SELECT 1 FROM links l WHERE l.doc_rowid = documents.rowid)
		FROM documents LEFT JOIN derived d ON d.doc_rowid = documents.rowid WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s docState
		var hash, version *string
		var isCopy bool
		d, err := scanDocument(rows, &s.rowid, false, &hash, &version, &isCopy)
		if err != nil {
			return nil, err
		}
		s.d = d
		if hash != nil {
			s.hasDerived, s.resultHash, s.version = true, *hash, *version
		}
		out[d.ID] = s
		w.knowDoc(d.ID, isCopy, s.hasDerived)
	}
	return out, rows.Err()
}

// knowDoc remembers whether a document is a near copy, and whether it was
// ever placed (only a document with a result was), which saves the views
// a query each.
func (w *wtx) knowDoc(id string, isCopy, placed bool) {
	if w.copyDocs == nil {
		w.copyDocs, w.unplaced = map[string]bool{}, map[string]bool{}
	}
	w.copyDocs[id] = isCopy
	if !placed {
		w.unplaced[id] = true
	}
}

func (db *DB) PutDocument(ctx context.Context, d store.Document) (store.Document, error) {
	err := db.write(ctx, "put document", func(w *wtx) error {
		var err error
		if d, err = store.PrepareDocument(d, w.now); err != nil {
			return err
		}
		origs, err := w.lookupOriginals([]string{d.ID})
		if err != nil {
			return err
		}
		if _, ok := origs[d.ID]; !ok {
			return fmt.Errorf("document %s: no original with that hash: %w", d.ID, store.ErrNotFound)
		}
		docs, err := w.lookupDocuments([]string{d.ID})
		if err != nil {
			return err
		}
		d, err = w.putDocument(d, docs)
		return err
	})
	return d, err
}

// putDocument stores a prepared document, whose original exists, unless
// docs shows it stored unchanged.
func (w *wtx) putDocument(d store.Document, docs map[string]docState) (store.Document, error) {
	s, found := docs[d.ID]
	if found && store.SameDocument(s.d, d) {
		return s.d, nil
	}
	if err := checkDocument(d); err != nil {
		return d, err
	}
	var err error
	if d.LogIndex, err = w.appendLog(store.DocumentRec(d)); err != nil {
		return d, err
	}
	fts := tsVector(d.Title, d.Text)
	if found {
		if err := w.exec(`UPDATE documents SET text_hash = $1, text = $2, title = $3, outlet = $4, published = $5, url = $6,
			language = $7, stored_at = $8, log_index = $9, fts = $10 WHERE rowid = $11`, d.TextHash, d.Text, d.Title, d.Outlet,
			d.Published, d.URL, d.Language, d.StoredAt, d.LogIndex, fts, s.rowid); err != nil {
			return d, err
		}
		if err := w.exec("UPDATE claims SET published = $1 WHERE doc_rowid = $2", d.Published, s.rowid); err != nil {
			return d, err
		}
		if d.Published != s.d.Published {
			if err := w.redateEdges(s.rowid, d.Published); err != nil {
				return d, err
			}
		}
	} else {
		if s.rowid, err = w.nextID("documents"); err != nil {
			return d, err
		}
		w.later("documents", colsDocuments, s.rowid, d.ID, d.TextHash, d.Text, d.Title, d.Outlet, d.Published, d.URL,
			d.Language, d.StoredAt, d.LogIndex, fts)
	}
	s.d = d
	s.d.Text = ""
	docs[d.ID] = s
	if w.texts == nil {
		w.texts = map[string]string{}
	}
	w.texts[d.ID] = d.Text // for its first placement (deriveRows)
	return d, nil
}

func (db *DB) PutLink(ctx context.Context, l store.Link) error {
	return db.write(ctx, "put link", func(w *wtx) error {
		l, err := store.PrepareLink(l, w.now)
		if err != nil {
			return err
		}
		if err := checkText("link", l.Method); err != nil {
			return err
		}
		sess, err := w.session()
		if err != nil {
			return err
		}
		var rows [2]int64
		for i, id := range []string{l.DocID, l.CopyOf} {
			if found, err := w.row("SELECT rowid FROM documents WHERE id = $1", []any{id}, &rows[i]); err != nil {
				return err
			} else if !found {
				return fmt.Errorf("document %s: %w", id, store.ErrNotFound)
			}
		}
		var sim float64
		var method string
		found, err := w.row("SELECT similarity, method FROM links WHERE doc_rowid = $1 AND copy_rowid = $2", []any{rows[0], rows[1]}, &sim, &method)
		if err != nil {
			return err
		}
		if found && sim == l.Similarity && method == l.Method {
			return nil
		}
		if l.LogIndex, err = w.appendLog(store.LinkRec(l)); err != nil {
			return err
		}
		// A copy leaves the incidents.
		if err := sess.Withdraw(l.DocID); err != nil {
			return err
		}
		return w.exec(`INSERT INTO links (doc_rowid, copy_rowid, similarity, method, at, log_index) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (doc_rowid, copy_rowid) DO UPDATE SET similarity = excluded.similarity, method = excluded.method,
			at = excluded.at, log_index = excluded.log_index`, rows[0], rows[1], l.Similarity, l.Method, l.At, l.LogIndex)
	})
}
