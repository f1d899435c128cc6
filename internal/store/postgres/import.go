package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/jackc/pgx/v5"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/store"
)

// ImportProgress is reported while Import runs: the part being copied,
// how many of its rows are done, and how many there are.
type ImportProgress struct {
	Part        string
	Done, Total int64
}

// importMark is kept in meta while an import is unfinished, so that a run
// cut short can be resumed from the same source and no other.
type importMark struct {
	Source string    `json:"source"`
	Size   int64     `json:"size"`
	Root   tlog.Hash `json:"root"`
}

// Bounds of one import transaction.
const (
	importRows  = 500
	importBytes = 64 << 20
)

// Import copies the corpus src holds into this database, which must be
// empty or hold an unfinished import of the same source (it then goes on
// where it stopped). The custody log and its stored hashes are copied byte
// for byte and every row keeps its log index, so the copy verifies against
// the same tree; the rows queries read (events, claims, actors) are made
// again from the extraction results and the edits, as ingest makes them.
// It reads and writes a few hundred rows at a time: memory does not grow
// with the corpus, except for the copy links, which are held until the
// documents they join are all in.
func (db *DB) Import(ctx context.Context, src store.Store, source string, progress func(ImportProgress)) error {
	if err := db.check(); err != nil {
		return err
	}
	if progress == nil {
		progress = func(ImportProgress) {}
	}
	srcN, err := src.LogSize(ctx)
	if err != nil {
		return fmt.Errorf("postgres: import: source: %w", err)
	}
	root, err := tlog.TreeHash(srcN, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return src.ReadHashes(ctx, idx) }))
	if err != nil {
		return fmt.Errorf("postgres: import: source tree: %w", err)
	}
	mark := importMark{Source: source, Size: srcN, Root: root}
	if err := db.startImport(ctx, mark); err != nil {
		return err
	}
	stats, err := src.Stats(ctx)
	if err != nil {
		return fmt.Errorf("postgres: import: source: %w", err)
	}
	im := &importer{db: db, ctx: ctx, src: src, progress: progress}
	steps := []func(store.Stats) error{im.originals, im.documents, im.edits, im.decisions, im.links, im.superseded, im.derived, im.log}
	for _, step := range steps {
		if err := step(stats); err != nil {
			return fmt.Errorf("postgres: import: %w", err)
		}
	}
	// The views are a function of the log: replay it.
	err = db.RebuildViews(ctx, func(done, total int64) { progress(ImportProgress{"incidents", done, total}) })
	if err != nil {
		return fmt.Errorf("postgres: import: %w", err)
	}
	if _, err := db.pool.Exec(ctx, "DELETE FROM meta WHERE key = 'import'"); err != nil {
		return fmt.Errorf("postgres: import: finish: %w", classify(err))
	}
	return db.Optimize(ctx)
}

// startImport records the import, refusing a database that holds anything
// but an unfinished import of the same source.
func (db *DB) startImport(ctx context.Context, mark importMark) error {
	return db.write(ctx, "import", func(w *wtx) error {
		var raw string
		found, err := w.row("SELECT value FROM meta WHERE key = 'import'", nil, &raw)
		if err != nil {
			return err
		}
		if found {
			var had importMark
			if err := json.Unmarshal([]byte(raw), &had); err != nil {
				return fmt.Errorf("unfinished import: %w", err)
			}
			if had != mark {
				return fmt.Errorf("the database holds an unfinished import of %s (%d records), not of this source (%d records): %w",
					had.Source, had.Size, mark.Size, store.ErrInvalid)
			}
			return nil
		}
		var n int64
		if _, err := w.row("SELECT (SELECT COUNT(*) FROM custody_log) + (SELECT COUNT(*) FROM originals)", nil, &n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the database holds a corpus already; migrate copies into an empty one: %w", store.ErrInvalid)
		}
		b, _ := json.Marshal(mark)
		return w.exec("INSERT INTO meta (key, value) VALUES ('import', $1)", string(b))
	})
}

type importer struct {
	db       *DB
	ctx      context.Context
	src      store.Store
	progress func(ImportProgress)
	copies   []store.Link     // links held until the documents are in
	replaced []replacedResult // actor references of replaced results, in log order
}

// batcher collects rows and writes them a transaction at a time.
type batcher[T any] struct {
	rows  []T
	bytes int
	write func([]T) error
}

func (b *batcher[T]) add(v T, size int) error {
	b.rows = append(b.rows, v)
	b.bytes += size
	if len(b.rows) >= importRows || b.bytes >= importBytes {
		return b.flush()
	}
	return nil
}

func (b *batcher[T]) flush() error {
	if len(b.rows) == 0 {
		return nil
	}
	err := b.write(b.rows)
	b.rows, b.bytes = b.rows[:0], 0
	return err
}

type originalBytes struct {
	o   store.Original
	raw []byte
}

func (im *importer) originals(st store.Stats) error {
	var done int64
	b := &batcher[originalBytes]{write: func(os []originalBytes) error {
		err := im.db.write(im.ctx, "import originals", func(w *wtx) error {
			hashes := make([]string, len(os))
			for i, x := range os {
				hashes[i] = x.o.Hash
			}
			have, err := w.lookupOriginals(hashes)
			if err != nil {
				return err
			}
			for _, x := range os {
				if _, ok := have[x.o.Hash]; ok {
					continue
				}
				if err := checkOriginal(x.o); err != nil {
					return err
				}
				rowid, err := w.nextID("originals")
				if err != nil {
					return err
				}
				o := x.o
				w.later("originals", colsOriginals, rowid, o.Hash, o.Size, o.Source, o.URL, o.CapturedAt, o.Outlet, o.Published, o.Title, o.ContentType, o.LogIndex)
				w.later("blobs", colsBlobs, rowid, x.raw)
			}
			return nil
		})
		done += int64(len(os))
		im.progress(ImportProgress{"originals", done, st.Originals})
		return err
	}}
	err := im.src.ScanOriginals(im.ctx, func(o store.Original) error {
		rc, err := im.src.OpenOriginal(im.ctx, o.Hash)
		if err != nil {
			return err
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("original %s: %w", o.Hash, err)
		}
		return b.add(originalBytes{o, raw}, len(raw))
	})
	if err != nil {
		return err
	}
	return b.flush()
}

func (im *importer) documents(st store.Stats) error {
	var done int64
	b := &batcher[store.Document]{write: func(ds []store.Document) error {
		err := im.db.write(im.ctx, "import documents", func(w *wtx) error {
			ids := make([]string, len(ds))
			for i, d := range ds {
				ids[i] = d.ID
			}
			have, err := w.lookupDocuments(ids)
			if err != nil {
				return err
			}
			for _, d := range ds {
				if _, ok := have[d.ID]; ok {
					continue
				}
				if err := checkDocument(d); err != nil {
					return err
				}
				rowid, err := w.nextID("documents")
				if err != nil {
					return err
				}
				w.later("documents", colsDocuments, rowid, d.ID, d.TextHash, d.Text, d.Title, d.Outlet, d.Published, d.URL,
					d.Language, d.StoredAt, d.LogIndex, tsVector(d.Title, d.Text))
			}
			return nil
		})
		done += int64(len(ds))
		im.progress(ImportProgress{"documents", done, st.Documents})
		return err
	}}
	err := im.src.ScanDocuments(im.ctx, func(d store.Document) error {
		// A document's copy links are both ways: keep each once, as the
		// copy's.
		ls, err := im.src.Links(im.ctx, d.ID)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.DocID == d.ID {
				im.copies = append(im.copies, l)
			}
		}
		return b.add(d, len(d.Text))
	})
	if err != nil {
		return err
	}
	return b.flush()
}

func (im *importer) edits(st store.Stats) error {
	eds, err := im.src.Edits(im.ctx, store.EditFilter{})
	if err != nil {
		return err
	}
	for len(eds) > 0 {
		n := min(len(eds), importRows)
		chunk := eds[:n]
		eds = eds[n:]
		err := im.db.write(im.ctx, "import edits", func(w *wtx) error {
			for _, e := range chunk {
				docID, _, err := store.SplitKey(e.EventKey)
				if err != nil {
					return err
				}
				if err := w.exec(`INSERT INTO edits (id, event_key, doc_id, status, field, value, who, at, note, log_index)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`, e.ID, e.EventKey, docID, e.Status,
					e.Field, e.Value, e.Who, e.At, e.Note, e.LogIndex); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		im.progress(ImportProgress{"edits", st.Edits - int64(len(eds)), st.Edits})
	}
	return nil
}

func (im *importer) decisions(st store.Stats) error {
	ds, err := im.src.Decisions(im.ctx)
	if err != nil {
		return err
	}
	err = im.db.write(im.ctx, "import decisions", func(w *wtx) error {
		for _, d := range ds {
			keys, _ := json.Marshal(d.Keys)
			apart := []byte("[]")
			if d.Apart != nil {
				apart, _ = json.Marshal(d.Apart)
			}
			if err := w.exec(`INSERT INTO decisions (id, kind, keys, apart, who, at, note, log_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
				ON CONFLICT (id) DO NOTHING`, d.ID, d.Kind, string(keys), string(apart), d.Who, d.At, d.Note, d.LogIndex); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		im.progress(ImportProgress{"decisions", int64(len(ds)), st.Decisions})
	}
	return err
}

func (im *importer) links(st store.Stats) error {
	err := im.db.write(im.ctx, "import links", func(w *wtx) error {
		for _, l := range im.copies {
			if err := w.exec(`INSERT INTO links (doc_rowid, copy_rowid, similarity, method, at, log_index)
				VALUES ((SELECT rowid FROM documents WHERE id = $1), (SELECT rowid FROM documents WHERE id = $2), $3, $4, $5, $6)
				ON CONFLICT (doc_rowid, copy_rowid) DO NOTHING`, l.DocID, l.CopyOf, l.Similarity, l.Method, l.At, l.LogIndex); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		im.progress(ImportProgress{"links", int64(len(im.copies)), st.Links})
	}
	im.copies = nil
	return err
}

// replacedResult is a replaced extraction result's actor references,
// which the actors' names, types and countries are made of with the
// current results', in log order.
type replacedResult struct {
	index int64
	r     sitrep.Result
}

// superseded copies the results later ones replaced, which the source
// keeps by hash (store.ResultStore), and keeps their actor references
// for derived, which gives the actors their names in log order as the
// source did. The log names them: a document's extraction record that a
// later one follows.
func (im *importer) superseded(store.Stats) error {
	rs, ok := im.src.(store.ResultStore)
	if !ok {
		return nil
	}
	type named struct {
		index     int64
		doc, hash string
	}
	last := map[string]named{}
	var replaced []named
	err := im.src.LogRecords(im.ctx, 0, func(i int64, data []byte) error {
		r, err := store.DecodeRecord(data)
		if err != nil || r.Derived == nil {
			return nil // the log itself is checked as it is copied
		}
		if prev, ok := last[r.Derived.DocID]; ok {
			replaced = append(replaced, prev)
		}
		last[r.Derived.DocID] = named{i, r.Derived.DocID, r.Derived.ResultHash}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(replaced, func(a, b named) int { return cmp.Compare(a.index, b.index) })
	type kept struct {
		doc   string
		canon []byte
		hash  string
	}
	b := &batcher[kept]{write: func(ks []kept) error {
		return im.db.write(im.ctx, "import replaced extraction results", func(w *wtx) error {
			for _, k := range ks {
				if err := w.exec(`INSERT INTO results_replaced (doc_id, result_hash, result) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
					k.doc, k.hash, k.canon); err != nil {
					return err
				}
			}
			return nil
		})
	}}
	for _, n := range replaced {
		r, err := rs.Result(im.ctx, n.doc, n.hash)
		if errors.Is(err, store.ErrNotFound) {
			continue // the source lost it too (replaced before it kept them)
		}
		if err != nil {
			return err
		}
		canon, err := store.CanonicalResult(r)
		if err != nil {
			return err
		}
		if h := store.HashBytes(canon); h != n.hash {
			return fmt.Errorf("replaced result of %s: read back it hashes to %s, not %s: %w", n.doc, h, n.hash, store.ErrInvalid)
		}
		im.replaced = append(im.replaced, replacedResult{n.index, store.ActorRefs(r)})
		if err := b.add(kept{n.doc, canon, n.hash}, len(canon)); err != nil {
			return err
		}
	}
	return b.flush()
}

// describeReplaced gives the actors the names, types and countries of the
// replaced results logged before index, as the source store did.
func (im *importer) describeReplaced(w *wtx, index int64) error {
	var err error
	for len(im.replaced) > 0 && im.replaced[0].index < index && err == nil {
		store.EachActorRef(im.replaced[0].r, func(ref sitrep.ActorRef, typ, country string, aliases []string) {
			if err == nil {
				_, err = w.actor(ref, typ, country, aliases)
			}
		})
		im.replaced = im.replaced[1:]
	}
	return err
}

func (im *importer) derived(st store.Stats) error {
	var done int64
	b := &batcher[store.Derived]{write: func(ds []store.Derived) error {
		err := im.db.write(im.ctx, "import extraction results", func(w *wtx) error {
			ids := make([]string, len(ds))
			results := make([]*sitrep.Result, len(ds))
			for i := range ds {
				ids[i], results[i] = ds[i].DocID, &ds[i].Result
			}
			docs, err := w.lookupDocuments(ids)
			if err != nil {
				return err
			}
			if err := w.prefetch(results); err != nil {
				return err
			}
			eds, err := importEdits(w, ids)
			if err != nil {
				return err
			}
			byKey := editsByKey(eds)
			for _, d := range ds {
				if err := im.describeReplaced(w, d.LogIndex); err != nil {
					return err
				}
				s, ok := docs[d.DocID]
				if !ok {
					return fmt.Errorf("derived records of %s: no such document: %w", d.DocID, store.ErrNotFound)
				}
				if s.hasDerived {
					continue
				}
				canon, err := store.CanonicalResult(d.Result)
				if err != nil {
					return err
				}
				if h := store.HashBytes(canon); h != d.ResultHash {
					return fmt.Errorf("derived records of %s: the result read back hashes to %s, not %s: %w", d.DocID, h, d.ResultHash, store.ErrInvalid)
				}
				w.later("derived", colsDerived, s.rowid, d.ExtractorVersion, canon, d.ResultHash, d.StoredAt, d.LogIndex)
				if _, err := w.resultRows(s, d.Result, byKey); err != nil {
					return err
				}
			}
			return nil
		})
		done += int64(len(ds))
		im.progress(ImportProgress{"extraction results", done, st.Documents})
		return err
	}}
	err := im.src.ScanDerived(im.ctx, func(d store.Derived) error { return b.add(d, 0) })
	if err != nil {
		return err
	}
	if err := b.flush(); err != nil {
		return err
	}
	if len(im.replaced) == 0 {
		return nil
	}
	return im.db.write(im.ctx, "import replaced extraction results", func(w *wtx) error { return im.describeReplaced(w, 1<<63-1) })
}

// importEdits reads the edits of the documents ids in one query.
func importEdits(w *wtx, ids []string) ([]store.Edit, error) {
	var out []store.Edit
	err := each(w.ctx, w.tx, "SELECT id, event_key, status, field, value, who, at, note, log_index FROM edits WHERE doc_id = ANY($1) ORDER BY id",
		[]any{ids}, func(rows pgx.Rows) error {
			var e store.Edit
			if err := rows.Scan(&e.ID, &e.EventKey, &e.Status, &e.Field, &e.Value, &e.Who, &e.At, &e.Note, &e.LogIndex); err != nil {
				return err
			}
			e.At = utc(e.At)
			out = append(out, e)
			return nil
		})
	return out, err
}

// log copies the custody records and then their stored hashes, each from
// where the database's copy ends.
func (im *importer) log(store.Stats) error {
	srcN, err := im.src.LogSize(im.ctx)
	if err != nil {
		return err
	}
	var have int64
	if err := im.db.pool.QueryRow(im.ctx, "SELECT COALESCE(MAX(idx) + 1, 0) FROM custody_log").Scan(&have); err != nil {
		return classify(err)
	}
	type rec struct {
		i    int64
		data []byte
	}
	b := &batcher[rec]{write: func(rs []rec) error {
		err := im.db.write(im.ctx, "import custody log", func(w *wtx) error {
			for _, r := range rs {
				w.later("custody_log", colsLog, r.i, r.data)
			}
			return nil
		})
		im.progress(ImportProgress{"custody log", rs[len(rs)-1].i + 1, srcN})
		return err
	}}
	err = im.src.LogRecords(im.ctx, have, func(i int64, data []byte) error {
		if i >= srcN {
			return errors.New("the source's log grew during the import")
		}
		return b.add(rec{i, data}, len(data))
	})
	if err != nil {
		return err
	}
	if err := b.flush(); err != nil {
		return err
	}
	total := tlog.StoredHashCount(srcN)
	if err := im.db.pool.QueryRow(im.ctx, "SELECT COALESCE(MAX(idx) + 1, 0) FROM custody_hashes").Scan(&have); err != nil {
		return classify(err)
	}
	for start := have; start < total; start += importRows * 10 {
		idx := make([]int64, 0, importRows*10)
		for i := start; i < min(total, start+importRows*10); i++ {
			idx = append(idx, i)
		}
		hs, err := im.src.ReadHashes(im.ctx, idx)
		if err != nil {
			return err
		}
		err = im.db.write(im.ctx, "import custody hashes", func(w *wtx) error {
			for i, h := range hs {
				w.later("custody_hashes", colsHashes, idx[i], h[:])
			}
			return nil
		})
		if err != nil {
			return err
		}
		im.progress(ImportProgress{"custody hashes", idx[len(idx)-1] + 1, total})
	}
	return nil
}
