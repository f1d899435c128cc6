// Package views keeps a store's cross-document views, for every backend:
// the incidents (package consolidate places each report), the framing
// counts and the near-copy signatures. A backend implements Tx over its
// view tables; in each write transaction that stores documents, results,
// links, edits or decisions it starts a Session with Maintainer.Begin,
// tells it what changed, and has it write the views back (Session.Finish)
// before committing. The views change with the documents or not at all.
//
// Placement reads only the incidents it needs: those of the place and
// week blocks a report looks up, those holding a document's earlier
// reports, those a user decision names. A Maintainer keeps them between
// transactions while no other process writes (the custody log's size
// shows it) and up to a bound, so memory follows the batch, not the
// corpus.
//
// The views are a function of the custody log. Replay reads the log and
// gives, record by record, the same calls a backend made when it wrote
// them: RebuildViews replays into the store's own tables, and Verify
// replays into tables in memory and compares them with the stored ones.
package views

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// Tables are a transaction's view tables. Reads see the transaction's own
// writes. Writes come once per transaction, each in one call, so that a
// backend can make them a few statements rather than a few per row.
type Tables interface {
	consolidate.Source
	// WordCounts and DocCounted read how rare words are, as placement
	// counted them (consolidate.WordSource); PutWords adds the documents
	// and word counts a transaction counted.
	consolidate.WordSource
	PutWords(docs []string, counts map[string]int) error
	// WriteIncidents removes the rows of the ended incidents, recording
	// where each id leads when Into is not "", then writes the rows of
	// the others, replacing what was stored for their ids (and any
	// redirect from those ids).
	WriteIncidents(put []store.StoredIncident, ended []store.Redirect) error
	// SetLastSeq records the creation number of the last incident opened.
	SetLastSeq(n int) error
	// PutFraming replaces what each document contributes to framing counts.
	PutFraming(docs []store.DocFraming) error
	// NearCopies returns the documents signed with any of the band keys,
	// with their signatures, in the order they were signed.
	NearCopies(bands []uint64) ([]NearCopy, error)
	// PutSignatures keeps documents' near-copy signatures under their
	// bands, in order; a document signed before keeps its first.
	PutSignatures(sigs []NearCopy) error
	// ClearViews empties the incident and framing tables, for a rebuild;
	// signatures stay (they depend on texts alone).
	ClearViews() error
}

// Tx is a store's write transaction as the views see it: their tables and
// what they read of the rest of the store.
type Tx interface {
	Tables
	// LogStart is the custody log's size when the transaction began.
	LogStart() (int64, error)
	// Rules returns the consolidation rules the views were built by, ""
	// when never set; SetRules records them.
	Rules() (string, error)
	SetRules(string) error
	// Decisions returns every merge and split decision, oldest first.
	Decisions() ([]store.Decision, error)
}

// NearCopy is a document's near-copy signature and its band keys.
type NearCopy struct {
	DocID     string
	Signature []byte
	Bands     []uint64 // PutSignatures only
}

// rulesRebuilding marks views part way through a rebuild.
const rulesRebuilding = "rebuilding"

// Maintainer keeps the views of one store. It is safe for concurrent use:
// Begin waits until the previous Session has ended.
type Maintainer struct {
	mu    sync.Mutex
	x     *consolidate.Index
	until int64 // log size after the last transaction committed through it; -1: unknown
	// keep is how many incidents stay in memory between transactions.
	keep int
}

// DefaultKeep bounds the incidents a Maintainer keeps between
// transactions: a few weeks of a busy corpus, some tens of megabytes.
const DefaultKeep = 20000

// NewMaintainer returns a Maintainer that keeps up to keep incidents in
// memory between transactions (0: DefaultKeep).
func NewMaintainer(keep int) *Maintainer {
	if keep <= 0 {
		keep = DefaultKeep
	}
	return &Maintainer{until: -1, keep: keep}
}

// Session is the views' part of one write transaction. Its methods record
// the first error and do nothing after it; Finish returns it.
type Session struct {
	m     *Maintainer
	tx    Tx
	x     *consolidate.Index
	fr    *consolidate.Framing
	err   error
	errMu sync.Mutex

	// Written by Finish: framing counts by document, and signatures with
	// their bands, which NearCopy consults before the tables.
	framing    map[string][]consolidate.FramingCount
	sigs       []NearCopy
	sigBands   map[uint64][]int
	sigsSigned map[string]bool
	// Signatures read from the tables by PrefetchNearCopies, by band.
	stored      []NearCopy
	storedBands map[uint64][]int
}

// Begin starts the views' part of a transaction. It fails with
// store.ErrStaleViews when the views were built by other rules; an empty
// store's views are this program's from the start. Call Commit or Abort
// when the transaction ends.
func (m *Maintainer) Begin(tx Tx) (*Session, error) {
	m.mu.Lock()
	s, err := m.begin(tx, false, false, -1)
	if err != nil {
		m.x, m.until = nil, -1
		m.mu.Unlock()
		return nil, err
	}
	return s, nil
}

// BeginRebuild starts a session of a rebuild (Rebuild), whatever rules
// built the views. The first one empties the view tables and marks the
// views as being rebuilt. upTo is the log index of the first record the
// session replays: decisions before it hold.
func (m *Maintainer) BeginRebuild(tx Tx, first bool, upTo int64) (*Session, error) {
	m.mu.Lock()
	s, err := m.begin(tx, true, first, upTo)
	if err != nil {
		m.x, m.until = nil, -1
		m.mu.Unlock()
		return nil, err
	}
	return s, nil
}

func (m *Maintainer) begin(tx Tx, rebuild, first bool, upTo int64) (*Session, error) {
	start, err := tx.LogStart()
	if err != nil {
		return nil, err
	}
	if first {
		m.x = nil
		for _, err := range []error{tx.ClearViews(), tx.SetLastSeq(0), tx.SetRules(rulesRebuilding)} {
			if err != nil {
				return nil, err
			}
		}
	}
	rules, err := tx.Rules()
	if err != nil {
		return nil, err
	}
	if rules == "" && start == 0 {
		rules = consolidate.Version
		if err := tx.SetRules(rules); err != nil {
			return nil, err
		}
	}
	if !rebuild && rules != consolidate.Version {
		return nil, fmt.Errorf("views built by rules %q, this program has %q: %w", rules, consolidate.Version, store.ErrStaleViews)
	}
	if m.x == nil || start != m.until {
		// Another process wrote since: what is in memory may be stale.
		if err := m.reset(tx, upTo); err != nil {
			return nil, err
		}
	}
	m.x.SetSource(tx)
	return &Session{m: m, tx: tx, x: m.x, fr: framing, framing: map[string][]consolidate.FramingCount{},
		sigBands: map[uint64][]int{}, sigsSigned: map[string]bool{}}, nil
}

// reset forgets the incidents in memory. The decisions taken so far
// (before log index upTo in a rebuild, all of them otherwise) hold for
// what is placed next.
func (m *Maintainer) reset(tx Tx, upTo int64) error {
	ds, err := tx.Decisions()
	if err != nil {
		return err
	}
	if upTo >= 0 {
		n := 0
		for n < len(ds) && ds[n].LogIndex < upTo {
			n++
		}
		ds = ds[:n]
	}
	m.x = consolidate.NewStoredIndex(tx)
	m.x.RestoreDecisions(toConsolidate(ds))
	return nil
}

// framing counts labels with the default list, the same for every store.
var framing = consolidate.NewFraming(nil)

func toConsolidate(ds []store.Decision) []consolidate.Decision {
	out := make([]consolidate.Decision, len(ds))
	for i, d := range ds {
		out[i] = consolidate.Decision{Kind: d.Kind, Keys: d.Keys, Apart: d.Apart}
	}
	return out
}

// fail records err unless an error was recorded before, and returns the
// first. The error is guarded: a backend may look for near copies while
// another goroutine places documents (Document and Place do not share
// state with NearCopy and PrefetchNearCopies otherwise).
func (s *Session) fail(err error) error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if err != nil && s.err == nil {
		s.err = err
	}
	return s.err
}

// failed returns the first error recorded.
func (s *Session) failed() error { return s.fail(nil) }

// Document records a document's result: the labels its outlet uses for
// each actor (framing, from the result as extracted), and its effective
// events (analyst edits applied, rejected events left out) placed into
// incidents unless the document is a near copy. A document placed before
// is taken out of its incidents first.
//
// text is the document's text: its words tell consolidation which words
// are rare, its opening line the dateline. Without it ("") the sentences
// of the result stand in (consolidate.ResultDoc), which makes words look
// rarer than they are.
func (s *Session) Document(docID, published, outlet, text string, r sitrep.Result, events []sitrep.Event, isCopy bool) error {
	return s.document(docID, published, outlet, text, r, events, isCopy, nil)
}

// document is Document, with the document's placement already prepared
// (placedDoc) when p is not nil.
func (s *Session) document(docID, published, outlet, text string, r sitrep.Result, events []sitrep.Event, isCopy bool, p *consolidate.Prepared) error {
	if err := s.failed(); err != nil {
		return err
	}
	r.Document.ID, r.Document.Source = docID, outlet
	s.framing[docID] = s.fr.DocumentCounts(r)
	if s.failed() != nil || isCopy {
		return s.Place(docID, published, events, isCopy)
	}
	if p == nil {
		p = consolidate.Prepare(placedDoc(docID, published, outlet, text, r), events)
	}
	s.x.AddPrepared(p)
	return s.fail(s.x.Err())
}

// placedDoc is what consolidation is told of a document besides its
// events.
func placedDoc(docID, published, outlet, text string, r sitrep.Result) consolidate.Doc {
	doc := consolidate.ResultDoc(docID, published, outlet, r)
	if text != "" {
		doc.Text, doc.Dateline = text, consolidate.Dateline(text)
	}
	return doc
}

// Prefetch reads in one go the incidents placing these documents will
// look at (consolidate.Index.Prefetch): a batch then costs a few reads.
func (s *Session) Prefetch(docs []consolidate.DocEvents) error {
	if err := s.failed(); err != nil {
		return err
	}
	s.x.Prefetch(docs)
	return s.fail(s.x.Err())
}

// Place places a document's effective events again, after an edit: a
// changed figure reaches its incident, a rejected event leaves it.
func (s *Session) Place(docID, published string, events []sitrep.Event, isCopy bool) error {
	if err := s.failed(); err != nil {
		return err
	}
	if isCopy {
		s.x.Remove(docID)
	} else {
		s.x.Add(docID, published, events)
	}
	return s.fail(s.x.Err())
}

// Withdraw takes a document's events out of the incidents: it became a
// near copy of another.
func (s *Session) Withdraw(docID string) error {
	return s.Place(docID, "", nil, true)
}

// Decide applies a user's merge or split and returns the incident the
// decision's first event is in afterwards.
func (s *Session) Decide(d store.Decision) (string, error) {
	if err := s.failed(); err != nil {
		return "", err
	}
	id, err := s.x.ApplyDecision(consolidate.Decision{Kind: d.Kind, Keys: d.Keys, Apart: d.Apart})
	return id, s.fail(err)
}

// NearCopy finds the earliest document signed before that docID is a
// near copy of (ingest.DupThreshold), and keeps docID's signature. An
// invalid signature (a text too short) finds nothing and is not kept.
func (s *Session) NearCopy(docID string, sig ingest.Signature) (copyOf string, similarity float64, err error) {
	if err := s.failed(); err != nil || !sig.Valid() {
		return "", 0, err
	}
	bands := sig.Bands()
	var cands []NearCopy
	if s.prefetched(bands) {
		var pos []int
		for _, b := range bands {
			pos = append(pos, s.storedBands[b]...)
		}
		slices.Sort(pos)
		for _, i := range slices.Compact(pos) {
			cands = append(cands, s.stored[i])
		}
	} else if cands, err = s.tx.NearCopies(bands); s.fail(err) != nil {
		return "", 0, err
	}
	// Then those signed in this transaction, which come after.
	var mine []int
	for _, b := range bands {
		mine = append(mine, s.sigBands[b]...)
	}
	slices.Sort(mine)
	for _, i := range slices.Compact(mine) {
		cands = append(cands, s.sigs[i])
	}
	for _, c := range cands {
		if c.DocID == docID {
			continue
		}
		var cs ingest.Signature
		if err := cs.UnmarshalBinary(c.Signature); err != nil {
			return "", 0, s.fail(fmt.Errorf("signature of %s: %w", c.DocID, err))
		}
		// Candidates come oldest first: the strictly best wins, the
		// earliest among equals.
		if sim := ingest.Similarity(sig, cs); sim >= ingest.DupThreshold && sim > similarity {
			copyOf, similarity = c.DocID, sim
		}
	}
	b, err := sig.MarshalBinary()
	if s.fail(err) != nil {
		return "", 0, err
	}
	if !s.sigsSigned[docID] {
		s.sigsSigned[docID] = true
		for _, band := range bands {
			s.sigBands[band] = append(s.sigBands[band], len(s.sigs))
		}
		s.sigs = append(s.sigs, NearCopy{DocID: docID, Signature: b, Bands: bands})
	}
	return copyOf, similarity, nil
}

// PrefetchNearCopies reads in one go the signatures NearCopy will compare
// these with.
func (s *Session) PrefetchNearCopies(sigs []ingest.Signature) error {
	if err := s.failed(); err != nil || len(sigs) == 0 {
		return err
	}
	if s.storedBands == nil {
		s.storedBands = map[uint64][]int{}
	}
	var bands []uint64
	for _, sig := range sigs {
		for _, b := range sig.Bands() {
			if _, ok := s.storedBands[b]; !ok {
				s.storedBands[b] = nil
				bands = append(bands, b)
			}
		}
	}
	cands, err := s.tx.NearCopies(bands)
	if s.fail(err) != nil {
		return err
	}
	for _, c := range cands {
		var cs ingest.Signature
		if err := cs.UnmarshalBinary(c.Signature); err != nil {
			return s.fail(fmt.Errorf("signature of %s: %w", c.DocID, err))
		}
		n := len(s.stored)
		s.stored = append(s.stored, c)
		for _, b := range cs.Bands() {
			if l, ok := s.storedBands[b]; ok {
				s.storedBands[b] = append(l, n)
			}
		}
	}
	return nil
}

// prefetched reports whether every band was read by PrefetchNearCopies.
func (s *Session) prefetched(bands []uint64) bool {
	for _, b := range bands {
		if _, ok := s.storedBands[b]; !ok {
			return false
		}
	}
	return len(bands) > 0
}

// Finish writes back the incidents the transaction changed. Call it
// before committing; an error means the transaction must roll back.
func (s *Session) Finish() error {
	if err := s.failed(); err != nil {
		return err
	}
	var put []store.StoredIncident
	var ended []store.Redirect
	for _, c := range s.x.Changes() {
		if c.Gone {
			ended = append(ended, store.Redirect{ID: c.ID, Into: c.Into})
		} else {
			put = append(put, store.NewStoredIncident(c.Stored, c.Blocks))
		}
	}
	if len(put)+len(ended) > 0 {
		s.fail(s.tx.WriteIncidents(put, ended))
	}
	if len(s.framing) > 0 {
		docs := make([]store.DocFraming, 0, len(s.framing))
		for id, c := range s.framing {
			docs = append(docs, store.DocFraming{DocID: id, Counts: c})
		}
		slices.SortFunc(docs, func(a, b store.DocFraming) int { return strings.Compare(a.DocID, b.DocID) })
		s.fail(s.tx.PutFraming(docs))
	}
	if len(s.sigs) > 0 {
		s.fail(s.tx.PutSignatures(s.sigs))
	}
	if wc := s.x.WordChanges(); len(wc.Docs) > 0 {
		s.fail(s.tx.PutWords(wc.Docs, wc.Counts))
	}
	s.fail(s.tx.SetLastSeq(s.x.Seq()))
	return s.fail(s.x.Err())
}

// Commit ends the session after its transaction committed; logEnd is the
// custody log's size after it. The incidents read stay in memory for the
// next transaction, up to the Maintainer's bound.
func (s *Session) Commit(logEnd int64) {
	m := s.m
	if s.failed() != nil || s.x.Len() > m.keep {
		m.x, m.until = nil, -1
	} else {
		m.until = logEnd
	}
	m.mu.Unlock()
}

// Abort ends the session after its transaction rolled back: what is in
// memory is forgotten.
func (s *Session) Abort() {
	s.m.x, s.m.until = nil, -1
	s.m.mu.Unlock()
}

// ErrReplay reports a log record replay could not use.
var ErrReplay = errors.New("views: replay")
