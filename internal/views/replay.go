package views

import (
	"context"
	"errors"
	"fmt"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// Op kinds: the calls a backend makes on a Session when it writes.
const (
	OpDocument = "document" // a result was stored (Session.Document)
	OpPlace    = "place"    // an edit changed a document's events (Session.Place)
	OpWithdraw = "withdraw" // a document became a near copy (Session.Withdraw)
	OpDecide   = "decide"   // a user merged or split incidents (Session.Decide)
)

// Op is one change of the views, as Replay finds it in the log.
type Op struct {
	Kind      string
	Index     int64 // the log record it comes from
	DocID     string
	Published string
	Outlet    string         // OpDocument
	Text      string         // OpDocument: the document's text
	Result    *sitrep.Result // OpDocument: as extracted
	Events    []sitrep.Event // OpDocument, OpPlace: effective, not rejected
	Copy      bool           // OpDocument, OpPlace: the document is a near copy
	New       bool           // OpDocument: nothing of the document was placed before
	Decision  *store.Decision
}

// Apply makes the call op stands for.
func (s *Session) Apply(op Op) error {
	switch op.Kind {
	case OpDocument:
		return s.Document(op.DocID, op.Published, op.Outlet, op.Text, *op.Result, op.Events, op.Copy)
	case OpPlace:
		return s.Place(op.DocID, op.Published, op.Events, op.Copy)
	case OpWithdraw:
		return s.Withdraw(op.DocID)
	case OpDecide:
		_, err := s.Decide(*op.Decision)
		return err
	}
	return s.fail(fmt.Errorf("%w: unknown operation %q", ErrReplay, op.Kind))
}

// EffectiveEvents are the events of a result as placed: analyst edits
// applied (edits of each event key, oldest first), rejected events left
// out. Backends and Replay both place these.
func EffectiveEvents(docID string, r sitrep.Result, edits func(key string) []store.Edit) []sitrep.Event {
	out := make([]sitrep.Event, 0, len(r.Events))
	for _, e := range r.Events {
		eff, review, _ := store.ApplyEdits(e, edits(store.Key(docID, e.ID)))
		if review != store.ReviewRejected {
			out = append(out, eff)
		}
	}
	return out
}

type replayDoc struct {
	published string
	outlet    string
	result    string // hash of the current result, "" before one
	isCopy    bool
}

// Replay reads st's custody log in order and calls fn with every change
// of the views it records, as the backend made it when it wrote the
// record. A result the store no longer has (replaced before stores kept
// replaced results) is skipped: a rebuild and a verification skip it
// alike. A result that does not match its record's hash is an error
// (ErrReplay).
func Replay(ctx context.Context, st store.ViewStore, fn func(Op) error) error {
	docs := map[string]*replayDoc{}
	edits := map[string][]store.Edit{}
	doc := func(id string) *replayDoc {
		d := docs[id]
		if d == nil {
			d = &replayDoc{}
			docs[id] = d
		}
		return d
	}
	current := func(id, hash string) (*sitrep.Result, error) {
		r, err := st.Result(ctx, id, hash)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		canon, err := store.CanonicalResult(r)
		if err != nil {
			return nil, err
		}
		if got := store.HashBytes(canon); got != hash {
			return nil, fmt.Errorf("%w: the result stored for %s hashes to %s, its record says %s", ErrReplay, id, got, hash)
		}
		return &r, nil
	}
	byKey := func(k string) []store.Edit { return edits[k] }
	return st.LogRecords(ctx, 0, func(i int64, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := store.DecodeRecord(data)
		if err != nil {
			return fmt.Errorf("%w: record %d: %w", ErrReplay, i, err)
		}
		switch rec.Kind {
		case store.RecordDocument:
			d := doc(rec.Document.ID)
			d.published, d.outlet = rec.Document.Published, rec.Document.Outlet
		case store.RecordDerived:
			d := doc(rec.Derived.DocID)
			isNew := d.result == ""
			d.result = rec.Derived.ResultHash
			r, err := current(rec.Derived.DocID, d.result)
			if err != nil || r == nil {
				return err
			}
			var text string
			if isNew { // the text counts once, with the document's first result
				sd, err := st.Document(ctx, rec.Derived.DocID)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return err
				}
				text = sd.Text
			}
			return fn(Op{Kind: OpDocument, Index: i, DocID: rec.Derived.DocID, Published: d.published, Outlet: d.outlet, Text: text, Result: r,
				Events: EffectiveEvents(rec.Derived.DocID, *r, byKey), Copy: d.isCopy, New: isNew})
		case store.RecordLink:
			doc(rec.Link.DocID).isCopy = true
			return fn(Op{Kind: OpWithdraw, Index: i, DocID: rec.Link.DocID})
		case store.RecordEdit:
			e := rec.Edit
			edits[e.EventKey] = append(edits[e.EventKey], store.Edit{ID: e.ID, EventKey: e.EventKey, Status: e.Status,
				Field: e.Field, Value: e.Value, Who: e.Who, At: e.At, Note: e.Note, LogIndex: i})
			docID, _, err := store.SplitKey(e.EventKey)
			if err != nil {
				return fmt.Errorf("%w: record %d: %w", ErrReplay, i, err)
			}
			d := doc(docID)
			if d.result == "" {
				return nil
			}
			r, err := current(docID, d.result)
			if err != nil || r == nil {
				return err
			}
			return fn(Op{Kind: OpPlace, Index: i, DocID: docID, Published: d.published,
				Events: EffectiveEvents(docID, *r, byKey), Copy: d.isCopy})
		case store.RecordDecision:
			dr := rec.Decision
			return fn(Op{Kind: OpDecide, Index: i, Decision: &store.Decision{ID: dr.ID, Kind: dr.Kind, Keys: dr.Keys,
				Apart: dr.Apart, Who: dr.Who, At: dr.At, Note: dr.Note, LogIndex: i}})
		}
		return nil
	})
}

// rebuildChunk is how many operations a rebuild applies per transaction.
const rebuildChunk = 500

// Rebuild recomputes a store's views from its log with this program's
// rules, in transactions of at most rebuildChunk operations, so that its
// memory stays bounded. inTx runs fn in one write transaction of the
// store (committed when fn returns nil); the transactions append nothing
// to the log. Writes of other processes that change the views fail with
// store.ErrStaleViews until the rebuild is done.
func Rebuild(ctx context.Context, st store.ViewStore, m *Maintainer, inTx func(fn func(Tx) error) error, progress func(done, total int64)) error {
	total, err := st.LogSize(ctx)
	if err != nil {
		return err
	}
	run := func(first bool, upTo int64, fn func(*Session) error) error {
		var s *Session
		var start int64
		err := inTx(func(tx Tx) error {
			var err error
			if start, err = tx.LogStart(); err != nil {
				return err
			}
			if s, err = m.BeginRebuild(tx, first, upTo); err != nil {
				return err
			}
			if err := fn(s); err != nil {
				return err
			}
			return s.Finish()
		})
		if s != nil {
			if err != nil {
				s.Abort()
			} else {
				s.Commit(start)
			}
		}
		return err
	}
	if err := run(true, 0, func(*Session) error { return nil }); err != nil {
		return err
	}
	var chunk []Op
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		ops := chunk
		chunk = nil
		if progress != nil {
			progress(ops[0].Index, total)
		}
		return run(false, ops[0].Index, func(s *Session) error {
			var docs []consolidate.DocEvents
			for _, op := range ops {
				if op.Kind == OpDocument {
					docs = append(docs, consolidate.DocEvents{ID: op.DocID, Published: op.Published, Events: op.Events, New: op.New})
				}
			}
			if err := s.Prefetch(docs); err != nil {
				return err
			}
			// The documents' words are read on another goroutine while
			// the ones before them are placed.
			var placed []int
			for i, op := range ops {
				if op.Kind == OpDocument && !op.Copy {
					placed = append(placed, i)
				}
			}
			prepared := consolidate.PrepareAhead(len(placed), func(i int) (consolidate.Doc, []sitrep.Event) {
				op := ops[placed[i]]
				return placedDoc(op.DocID, op.Published, op.Outlet, op.Text, *op.Result), op.Events
			})
			defer prepared.Close()
			for _, op := range ops {
				var err error
				if op.Kind == OpDocument && !op.Copy {
					err = s.document(op.DocID, op.Published, op.Outlet, op.Text, *op.Result, op.Events, op.Copy, prepared.Next())
				} else {
					err = s.Apply(op)
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
	}
	err = Replay(ctx, st, func(op Op) error {
		chunk = append(chunk, op)
		if len(chunk) < rebuildChunk {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	err = run(false, total, func(s *Session) error { return s.fail(s.tx.SetRules(consolidate.Version)) })
	if err == nil && progress != nil {
		progress(total, total)
	}
	return err
}
