package postgres

import (
	"context"
	"fmt"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

func checkOriginal(o store.Original) error {
	return checkText("original "+o.Hash, o.Source, o.URL, o.Outlet, o.Published, o.Title, o.ContentType)
}

// origState and docState are what a transaction knows of a stored original
// or document before it writes them.
type origState struct {
	o     store.Original
	rowid int64
}

// lookupOriginals reads the stored originals among hashes.
func (w *wtx) lookupOriginals(hashes []string) (map[string]origState, error) {
	out := map[string]origState{}
	rows, err := w.tx.Query(w.ctx, "SELECT rowid, "+originalCols+" FROM originals WHERE hash = ANY($1)", hashes)
	if err != nil {
		return nil, fmt.Errorf("originals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s origState
		o, err := scanOriginal(rows, &s.rowid)
		if err != nil {
			return nil, err
		}
		s.o = o
		out[o.Hash] = s
	}
	return out, rows.Err()
}

func (db *DB) PutOriginal(ctx context.Context, o store.Original, raw []byte) (store.Original, error) {
	err := db.write(ctx, "put original", func(w *wtx) error {
		var err error
		o, err = store.PrepareOriginal(o, raw, w.now)
		if err != nil {
			return err
		}
		have, err := w.lookupOriginals([]string{o.Hash})
		if err != nil {
			return err
		}
		o, _, err = w.putOriginal(o, raw, have)
		return err
	})
	return o, err
}

// putOriginal stores a prepared original unless have holds it already.
func (w *wtx) putOriginal(o store.Original, raw []byte, have map[string]origState) (store.Original, int64, error) {
	if s, ok := have[o.Hash]; ok {
		return s.o, s.rowid, nil
	}
	if err := checkOriginal(o); err != nil {
		return o, 0, err
	}
	var err error
	if o.LogIndex, err = w.appendLog(store.OriginalRec(o)); err != nil {
		return o, 0, err
	}
	rowid, err := w.nextID("originals")
	if err != nil {
		return o, 0, err
	}
	w.later("originals", colsOriginals, rowid, o.Hash, o.Size, o.Source, o.URL, o.CapturedAt, o.Outlet, o.Published, o.Title, o.ContentType, o.LogIndex)
	if raw == nil {
		raw = []byte{}
	}
	w.later("blobs", colsBlobs, rowid, raw)
	have[o.Hash] = origState{o, rowid}
	return o, rowid, nil
}

func (db *DB) PutBatch(ctx context.Context, items []store.Item) error {
	return db.write(ctx, "put batch", func(w *wtx) error {
		if _, err := w.session(); err != nil {
			return err
		}
		return w.putBatch(items)
	})
}

// putBatch stores items. A document stored twice in one batch is stored
// in two steps, so that each step reads what the one before wrote.
func (w *wtx) putBatch(items []store.Item) error {
	start := 0
	seen := map[string]bool{}
	for i, it := range items {
		h := store.HashBytes(it.Raw)
		if seen[h] {
			if err := w.putItems(items[start:i], start); err != nil {
				return err
			}
			if err := w.flushCopies(); err != nil {
				return err
			}
			start, seen = i, map[string]bool{}
		}
		seen[h] = true
	}
	return w.putItems(items[start:], start)
}

// putItems stores items whose originals are all different.
func (w *wtx) putItems(items []store.Item, first int) error {
	origs := make([]store.Original, len(items))
	var hashes []string
	var results []*sitrep.Result
	for i, it := range items {
		o, err := store.PrepareOriginal(it.Original, it.Raw, w.now)
		if err != nil {
			return fmt.Errorf("item %d: %w", first+i, err)
		}
		origs[i] = o
		hashes = append(hashes, o.Hash)
		if it.Result != nil {
			results = append(results, it.Result)
		}
	}
	have, err := w.lookupOriginals(hashes)
	if err != nil {
		return err
	}
	docs, err := w.lookupDocuments(hashes)
	if err != nil {
		return err
	}
	if err := w.prefetch(results); err != nil {
		return err
	}
	// What placing the batch and finding its near copies will read, in
	// a few queries.
	var place []consolidate.DocEvents
	var sigs []ingest.Signature
	for i, it := range items {
		s, had := docs[origs[i].Hash]
		if it.Result != nil && it.Document != nil {
			place = append(place, consolidate.DocEvents{ID: origs[i].Hash, Published: it.Document.Published,
				Events: it.Result.Events, New: !s.hasDerived})
		}
		if !had && it.Document != nil && it.Signature.Valid() {
			sigs = append(sigs, it.Signature)
		}
	}
	if err := w.prefetchViews(place, sigs); err != nil {
		return err
	}
	for i := range items {
		if err := w.putItem(&items[i], origs[i], have, docs); err != nil {
			return fmt.Errorf("item %d: %w", first+i, err)
		}
	}
	return nil
}

// putItem stores one item and says whether its document (without one,
// its original) is new (Created). A new document that is a near copy of
// one signed before is linked to it (CopyOf) before its result is placed.
func (w *wtx) putItem(it *store.Item, o store.Original, have map[string]origState, docs map[string]docState) error {
	_, hadOriginal := have[o.Hash]
	o, _, err := w.putOriginal(o, it.Raw, have)
	if err != nil {
		return err
	}
	if it.Document == nil {
		if it.Result != nil {
			return fmt.Errorf("a result needs its document: %w", store.ErrInvalid)
		}
		it.Created = !hadOriginal
		return nil
	}
	d := *it.Document
	if d.ID == "" {
		d.ID = o.Hash
	}
	if d.ID != o.Hash {
		return fmt.Errorf("document %s is not original %s: %w", d.ID, o.Hash, store.ErrInvalid)
	}
	if d, err = store.PrepareDocument(d, w.now); err != nil {
		return err
	}
	_, hadDocument := docs[d.ID]
	it.Created = !hadDocument
	if _, err = w.putDocument(d, docs); err != nil {
		return err
	}
	if !hadDocument {
		if err := w.nearCopy(it, docs[d.ID]); err != nil {
			return err
		}
	}
	if it.Result == nil {
		return nil
	}
	return w.replaceDerived(docs[d.ID], *it.Result, it.ExtractorVersion)
}

// nearCopy links a new document to the earlier one it is a near copy of,
// if any, with the link's custody record.
func (w *wtx) nearCopy(it *store.Item, s docState) error {
	sess, err := w.session()
	if err != nil {
		return err
	}
	copyOf, sim, err := sess.NearCopy(s.d.ID, it.Signature)
	if err != nil {
		return err
	}
	w.knowDoc(s.d.ID, copyOf != "", false)
	if copyOf == "" {
		return nil
	}
	l, err := store.PrepareLink(store.Link{DocID: s.d.ID, CopyOf: copyOf, Similarity: sim, Method: "minhash"}, w.now)
	if err != nil {
		return err
	}
	var copyRow int64
	if found, err := w.row("SELECT rowid FROM documents WHERE id = $1", []any{copyOf}, &copyRow); err != nil {
		return err
	} else if !found {
		// Signed earlier in this transaction: not in the table yet.
		if err := w.flushCopies(); err != nil {
			return err
		}
		if _, err := w.row("SELECT rowid FROM documents WHERE id = $1", []any{copyOf}, &copyRow); err != nil {
			return err
		}
	}
	if l.LogIndex, err = w.appendLog(store.LinkRec(l)); err != nil {
		return err
	}
	w.later("links", colsLinks, s.rowid, copyRow, l.Similarity, l.Method, l.At, l.LogIndex)
	it.CopyOf, it.Similarity = copyOf, sim
	return nil
}
