// Package memory is an in-memory store.Store, so that tests of the whole
// system need no disk. It answers queries by scanning, which is exact and
// simple; its results are the same as the sqlite backend's, checked by the
// shared suite in storetest.
package memory

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

var _ store.ViewStore = (*Store)(nil)

// Store keeps everything in maps guarded by one lock.
type Store struct {
	mu     sync.RWMutex
	closed bool
	now    func() time.Time
	seq    int64 // insertion order of events and claims, as sqlite's rowids

	originals map[string]*original
	origOrder []string
	docs      map[string]*store.Document
	docOrder  []string
	derived   map[string]*store.Derived
	events    map[string]*event           // by key
	claims    map[string]*claim           // by key
	actors    map[string]*store.ActorDesc // by store.ActorKey
	links     []store.Link
	edits     []store.Edit
	decisions []store.Decision

	log    [][]byte
	hashes []tlog.Hash

	views   *views.MemTables
	maint   *views.Maintainer
	rules   string                   // consolidation rules the views were built by
	history map[string]sitrep.Result // replaced results, by doc id + " " + hash
}

type original struct {
	meta store.Original
	raw  []byte
}

type event struct {
	seq      int64
	ev       store.Event
	start    string
	end      string
	extract  sitrep.Event // as extracted, for re-applying edits
	evidence string
}

type claim struct {
	seq int64
	c   store.Claim
}

// New returns an empty store.
func New() *Store {
	return &Store{
		now:       time.Now,
		originals: map[string]*original{},
		docs:      map[string]*store.Document{},
		derived:   map[string]*store.Derived{},
		events:    map[string]*event{},
		claims:    map[string]*claim{},
		actors:    map[string]*store.ActorDesc{},
		views:     views.NewMemTables(),
		maint:     views.NewMaintainer(0),
		rules:     consolidate.Version,
		history:   map[string]sitrep.Result{},
	}
}

// Close makes every later call fail with store.ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

func (s *Store) check(ctx context.Context) error {
	if s.closed {
		return store.ErrClosed
	}
	return ctx.Err()
}

// appendLog adds a custody record. Callers hold the write lock and have
// already validated everything, so the log and the rows change together.
func (s *Store) appendLog(r store.Record) int64 {
	data := r.Encode()
	n := int64(len(s.log))
	hs, err := tlog.StoredHashes(n, data, tlog.HashReaderFunc(s.readHashes))
	if err != nil {
		// The hashes it asks for are all present by construction.
		panic(fmt.Sprintf("memory: custody log: %v", err))
	}
	s.log = append(s.log, data)
	s.hashes = append(s.hashes, hs...)
	return n
}

func (s *Store) readHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x < 0 || x >= int64(len(s.hashes)) {
			return nil, fmt.Errorf("memory: hash %d of %d: %w", x, len(s.hashes), store.ErrNotFound)
		}
		out[i] = s.hashes[x]
	}
	return out, nil
}

// batch is a write in progress: staged changes are applied only after all
// items validated, so a failing batch changes nothing.
type batch struct {
	s   *Store
	ops []func()
}

func (s *Store) PutOriginal(ctx context.Context, o store.Original, raw []byte) (store.Original, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return o, err
	}
	o, err := s.putOriginal(o, raw)
	if err != nil {
		return o, fmt.Errorf("memory: put original: %w", err)
	}
	return o, nil
}

func (s *Store) putOriginal(o store.Original, raw []byte) (store.Original, error) {
	o, err := store.PrepareOriginal(o, raw, s.now())
	if err != nil {
		return o, err
	}
	if have, ok := s.originals[o.Hash]; ok {
		return have.meta, nil
	}
	o.LogIndex = s.appendLog(store.OriginalRec(o))
	s.originals[o.Hash] = &original{meta: o, raw: bytes.Clone(raw)}
	s.origOrder = append(s.origOrder, o.Hash)
	return o, nil
}

func (s *Store) PutDocument(ctx context.Context, d store.Document) (store.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return d, err
	}
	d, err := s.putDocument(d)
	if err != nil {
		return d, fmt.Errorf("memory: put document: %w", err)
	}
	return d, nil
}

func (s *Store) putDocument(d store.Document) (store.Document, error) {
	d, err := store.PrepareDocument(d, s.now())
	if err != nil {
		return d, err
	}
	if _, ok := s.originals[d.ID]; !ok {
		return d, fmt.Errorf("document %s: no original with that hash: %w", d.ID, store.ErrNotFound)
	}
	if have, ok := s.docs[d.ID]; ok {
		if store.SameDocument(*have, d) {
			return *have, nil
		}
		d.LogIndex = s.appendLog(store.DocumentRec(d))
		*have = d
		// Events and claims show their document's metadata, as sqlite's
		// join does: keep them in step.
		for _, e := range s.events {
			if e.ev.DocID == d.ID {
				e.ev.Outlet, e.ev.Title, e.ev.Published, e.ev.URL = d.Outlet, d.Title, d.Published, d.URL
			}
		}
		for _, c := range s.claims {
			if c.c.DocID == d.ID {
				c.c.Outlet, c.c.Title, c.c.Published = d.Outlet, d.Title, d.Published
			}
		}
		return d, nil
	}
	d.LogIndex = s.appendLog(store.DocumentRec(d))
	s.docs[d.ID] = &d
	s.docOrder = append(s.docOrder, d.ID)
	return d, nil
}

func (s *Store) ReplaceDerived(ctx context.Context, docID string, r sitrep.Result, version string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return err
	}
	sess, err := s.beginViews()
	if err == nil {
		err = s.endViews(sess, s.replaceDerived(docID, r, version, sess))
	}
	if err != nil {
		return fmt.Errorf("memory: replace derived: %w", err)
	}
	return nil
}

func (s *Store) replaceDerived(docID string, r sitrep.Result, version string, sess *views.Session) error {
	doc, ok := s.docs[docID]
	if !ok {
		return fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	}
	d, _, err := store.PrepareDerived(docID, r, version, s.now())
	if err != nil {
		return err
	}
	// Keep a private copy: the caller may reuse r.
	var own sitrep.Result
	if b, err := store.CanonicalResult(r); err == nil {
		if err := jsonUnmarshal(b, &own); err != nil {
			return err
		}
	}
	d.Result = own
	have, had := s.derived[docID]
	if had && have.ResultHash == d.ResultHash && have.ExtractorVersion == version {
		return nil
	}
	// The text counts once, with the document's first result (views).
	text := ""
	if !had {
		text = doc.Text
	}
	d.LogIndex = s.appendLog(store.DerivedRec(d))
	if have, ok := s.derived[docID]; ok {
		s.history[docID+" "+have.ResultHash] = have.Result
	}
	s.derived[docID] = &d
	for k, e := range s.events {
		if e.ev.DocID == docID {
			delete(s.events, k)
		}
	}
	for k, c := range s.claims {
		if c.c.DocID == docID {
			delete(s.claims, k)
		}
	}
	store.EachActorRef(own, s.noteActor)
	for _, e := range own.Events {
		key := store.Key(docID, e.ID)
		s.seq++
		ev := &event{seq: s.seq, extract: e, evidence: store.EvidenceText(e.Evidence)}
		ev.ev = store.Event{Key: key, DocID: docID, Outlet: doc.Outlet, Title: doc.Title, Published: doc.Published, URL: doc.URL}
		s.events[key] = ev
		s.refresh(ev)
	}
	for _, c := range own.Claims {
		s.seq++
		s.claims[store.Key(docID, c.ID)] = &claim{seq: s.seq, c: store.Claim{Key: store.Key(docID, c.ID), DocID: docID, Claim: c,
			Outlet: doc.Outlet, Title: doc.Title, Published: doc.Published}}
	}
	return sess.Document(docID, doc.Published, doc.Outlet, text, own, s.effective(docID), s.isCopy(docID))
}

func (s *Store) noteActor(ref sitrep.ActorRef, typ, country string, aliases []string) {
	k := store.ActorKey(ref)
	a, ok := s.actors[k]
	if !ok {
		d := store.NewActorDesc(ref)
		a = &d
		s.actors[k] = a
	}
	a.Note(ref, typ, country, aliases)
}

// refresh recomputes an event's effective values from its extraction and
// the edits made to it.
func (s *Store) refresh(e *event) {
	var mine []store.Edit
	for _, ed := range s.edits {
		if ed.EventKey == e.ev.Key {
			mine = append(mine, ed)
		}
	}
	e.ev.Event, e.ev.Review, e.ev.Edited = store.ApplyEdits(e.extract, mine)
	e.start, e.end = store.DateRange(e.ev.Event)
}

func (s *Store) PutBatch(ctx context.Context, items []store.Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return err
	}
	// Validate everything first: a batch is all or nothing.
	now := s.now()
	for i, it := range items {
		o, err := store.PrepareOriginal(it.Original, it.Raw, now)
		if err != nil {
			return fmt.Errorf("memory: put batch: item %d: %w", i, err)
		}
		if it.Document != nil {
			d := *it.Document
			if d.ID == "" {
				d.ID = o.Hash
			}
			if d.ID != o.Hash {
				return fmt.Errorf("memory: put batch: item %d: document %s is not original %s: %w", i, d.ID, o.Hash, store.ErrInvalid)
			}
			if _, err := store.PrepareDocument(d, now); err != nil {
				return fmt.Errorf("memory: put batch: item %d: %w", i, err)
			}
			if it.Result != nil {
				if _, _, err := store.PrepareDerived(d.ID, *it.Result, it.ExtractorVersion, now); err != nil {
					return fmt.Errorf("memory: put batch: item %d: %w", i, err)
				}
			}
		} else if it.Result != nil {
			return fmt.Errorf("memory: put batch: item %d: a result needs its document: %w", i, store.ErrInvalid)
		}
	}
	sess, err := s.beginViews()
	if err != nil {
		return fmt.Errorf("memory: put batch: %w", err)
	}
	for i := range items {
		if err := s.putItem(&items[i], sess); err != nil {
			s.endViews(sess, err)
			return fmt.Errorf("memory: put batch: item %d: %w", i, err)
		}
	}
	if err := s.endViews(sess, nil); err != nil {
		return fmt.Errorf("memory: put batch: %w", err)
	}
	return nil
}

// putItem stores one batch item: a new document that is a near copy of
// one signed before is linked to it before its result is placed.
func (s *Store) putItem(it *store.Item, sess *views.Session) error {
	_, hadOriginal := s.originals[store.HashBytes(it.Raw)]
	o, err := s.putOriginal(it.Original, it.Raw)
	if err != nil {
		return err
	}
	if it.Document == nil {
		it.Created = !hadOriginal
		return nil
	}
	d := *it.Document
	d.ID = o.Hash
	_, existed := s.docs[d.ID]
	it.Created = !existed
	if _, err = s.putDocument(d); err != nil {
		return err
	}
	if !existed {
		copyOf, sim, err := sess.NearCopy(d.ID, it.Signature)
		if err != nil {
			return err
		}
		if copyOf != "" {
			l, err := store.PrepareLink(store.Link{DocID: d.ID, CopyOf: copyOf, Similarity: sim, Method: "minhash"}, s.now())
			if err != nil {
				return err
			}
			l.LogIndex = s.appendLog(store.LinkRec(l))
			s.links = append(s.links, l)
			it.CopyOf, it.Similarity = copyOf, sim
		}
	}
	if it.Result != nil {
		return s.replaceDerived(d.ID, *it.Result, it.ExtractorVersion, sess)
	}
	return nil
}

func (s *Store) PutLink(ctx context.Context, l store.Link) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return err
	}
	l, err := store.PrepareLink(l, s.now())
	if err != nil {
		return fmt.Errorf("memory: put link: %w", err)
	}
	for _, id := range []string{l.DocID, l.CopyOf} {
		if _, ok := s.docs[id]; !ok {
			return fmt.Errorf("memory: put link: document %s: %w", id, store.ErrNotFound)
		}
	}
	i := slices.IndexFunc(s.links, func(have store.Link) bool { return have.DocID == l.DocID && have.CopyOf == l.CopyOf })
	if i >= 0 && s.links[i].Similarity == l.Similarity && s.links[i].Method == l.Method {
		return nil
	}
	sess, err := s.beginViews()
	if err != nil {
		return fmt.Errorf("memory: put link: %w", err)
	}
	l.LogIndex = s.appendLog(store.LinkRec(l))
	if i >= 0 {
		s.links[i] = l
	} else {
		s.links = append(s.links, l)
	}
	// A copy leaves the incidents.
	if err := s.endViews(sess, sess.Withdraw(l.DocID)); err != nil {
		return fmt.Errorf("memory: put link: %w", err)
	}
	return nil
}

func (s *Store) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return e, err
	}
	e, err := store.PrepareEdit(e, s.now())
	if err != nil {
		return e, fmt.Errorf("memory: add edit: %w", err)
	}
	ev, ok := s.events[e.EventKey]
	if !ok {
		return e, fmt.Errorf("memory: add edit: event %s: %w", e.EventKey, store.ErrNotFound)
	}
	sess, err := s.beginViews()
	if err != nil {
		return e, fmt.Errorf("memory: add edit: %w", err)
	}
	e.ID = int64(len(s.edits)) + 1
	e.LogIndex = s.appendLog(store.EditRec(e))
	s.edits = append(s.edits, e)
	s.refresh(ev)
	docID := ev.ev.DocID
	if err := s.endViews(sess, sess.Place(docID, s.docs[docID].Published, s.effective(docID), s.isCopy(docID))); err != nil {
		return e, fmt.Errorf("memory: add edit: %w", err)
	}
	return e, nil
}

func (s *Store) PutDecision(ctx context.Context, d store.Decision) (store.Decision, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return store.Decision{}, err
	}
	d, err := store.PrepareDecision(d, s.now())
	if err != nil {
		return store.Decision{}, fmt.Errorf("memory: put decision: %w", err)
	}
	sess, err := s.beginViews()
	if err != nil {
		return store.Decision{}, fmt.Errorf("memory: put decision: %w", err)
	}
	d.ID = int64(len(s.decisions)) + 1
	d.LogIndex = s.appendLog(store.DecisionRec(d))
	s.decisions = append(s.decisions, d)
	_, err = sess.Decide(d)
	if err := s.endViews(sess, err); err != nil {
		return store.Decision{}, fmt.Errorf("memory: put decision: %w", err)
	}
	return cloneDecision(d), nil
}

func (s *Store) Decisions(ctx context.Context) ([]store.Decision, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	out := make([]store.Decision, len(s.decisions))
	for i, d := range s.decisions {
		out[i] = cloneDecision(d)
	}
	return out, nil
}

// cloneDecision copies the key slices, so that a caller changing them
// cannot change what the store holds.
func cloneDecision(d store.Decision) store.Decision {
	d.Keys, d.Apart = slices.Clone(d.Keys), slices.Clone(d.Apart)
	return d
}

func (s *Store) Original(ctx context.Context, hash string) (store.Original, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Original{}, err
	}
	o, ok := s.originals[hash]
	if !ok {
		return store.Original{}, fmt.Errorf("memory: original %s: %w", hash, store.ErrNotFound)
	}
	return o.meta, nil
}

func (s *Store) Originals(ctx context.Context, hashes []string) (map[string]store.Original, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]store.Original, len(hashes))
	for _, h := range hashes {
		if o, ok := s.originals[h]; ok {
			out[h] = o.meta
		}
	}
	return out, nil
}

func (s *Store) OpenOriginal(ctx context.Context, hash string) (io.ReadCloser, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	o, ok := s.originals[hash]
	if !ok {
		return nil, fmt.Errorf("memory: original %s: %w", hash, store.ErrNotFound)
	}
	return io.NopCloser(bytes.NewReader(o.raw)), nil
}

// Corrupt overwrites the stored bytes of an original without telling the
// custody log: for tests that tampering is detected.
func (s *Store) Corrupt(hash string, raw []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.originals[hash]; ok {
		o.raw = bytes.Clone(raw)
	}
}

func (s *Store) Document(ctx context.Context, id string) (store.Document, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Document{}, err
	}
	d, ok := s.docs[id]
	if !ok {
		return store.Document{}, fmt.Errorf("memory: document %s: %w", id, store.ErrNotFound)
	}
	return *d, nil
}

func (s *Store) Derived(ctx context.Context, docID string) (store.Derived, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Derived{}, err
	}
	d, ok := s.derived[docID]
	if !ok {
		return store.Derived{}, fmt.Errorf("memory: derived records of %s: %w", docID, store.ErrNotFound)
	}
	return *d, nil
}

func (s *Store) Links(ctx context.Context, docID string) ([]store.Link, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return s.linksOf(docID), nil
}

func (s *Store) linksOf(docID string) []store.Link {
	var out []store.Link
	for _, l := range s.links {
		if l.DocID == docID || l.CopyOf == docID {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b store.Link) int { return cmp.Compare(b.Similarity, a.Similarity) })
	return out
}

func (s *Store) Edits(ctx context.Context, f store.EditFilter) ([]store.Edit, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return s.editsOf(f), nil
}

func (s *Store) editsOf(f store.EditFilter) []store.Edit {
	var out []store.Edit
	for _, e := range s.edits {
		doc, _, _ := store.SplitKey(e.EventKey)
		if (f.EventKey == "" || e.EventKey == f.EventKey) && (f.DocID == "" || doc == f.DocID) && (f.Who == "" || e.Who == f.Who) {
			out = append(out, e)
		}
	}
	return out
}

// matchingActors returns the actor keys a filter names: the id itself, or
// every actor whose name or a name used for it contains q.
func (s *Store) matchingActors(q string) map[string]bool {
	set := map[string]bool{}
	lq := strings.ToLower(q)
	for k, a := range s.actors {
		if k == q || strings.Contains(store.ActorSearch(*a), lq) {
			set[k] = true
		}
	}
	return set
}

func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]store.Event, error) {
	var out []store.Event
	err := s.events_(ctx, f, true, func(e store.Event) error { out = append(out, e); return nil })
	return out, err
}

func (s *Store) ScanEvents(ctx context.Context, f store.EventFilter, fn func(store.Event) error) error {
	return s.events_(ctx, f, false, fn)
}

func (s *Store) events_(ctx context.Context, f store.EventFilter, paged bool, fn func(store.Event) error) error {
	if err := f.Check(paged); err != nil {
		return fmt.Errorf("memory: events: %w", err)
	}
	var terms []store.Term
	if f.Text != "" {
		var err error
		if terms, err = store.ParseQuery(f.Text); err != nil {
			return fmt.Errorf("memory: events: %w", err)
		}
	}
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var actors map[string]bool
	if f.Actor != "" {
		actors = s.matchingActors(f.Actor)
	}
	var hits []*event
	for _, e := range s.events {
		ev := e.ev.Event
		if f.Type != "" && ev.Type != f.Type ||
			f.DocID != "" && e.ev.DocID != f.DocID ||
			f.Language != "" && s.language(e.ev.DocID) != f.Language ||
			!f.IncludeRejected && e.ev.Review == store.ReviewRejected ||
			!store.InDates(e.start, e.end, f.Since, f.Until) ||
			f.Place != "" && !store.MatchesPlace(ev.Place, f.Place) {
			continue
		}
		if f.Near != nil && (ev.Place == nil || ev.Place.Lat == nil || ev.Place.Lon == nil || !f.Near.Contains(*ev.Place.Lat, *ev.Place.Lon)) {
			continue
		}
		if actors != nil && !slices.ContainsFunc(store.EventActors(ev), func(r store.RoleRef) bool { return actors[store.ActorKey(r.Ref)] }) {
			continue
		}
		if terms != nil {
			if ok, _ := store.Match(terms, e.evidence); !ok {
				continue
			}
		}
		hits = append(hits, e)
	}
	slices.SortFunc(hits, func(a, b *event) int {
		c := cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.seq, b.seq))
		if f.Order == store.NewestFirst {
			return -c
		}
		return c
	})
	hits = page(hits, f.Limit, f.Offset)
	out := make([]store.Event, len(hits))
	for i, e := range hits {
		out[i] = e.ev
		out[i].Event = cloneEvent(e.ev.Event)
		out[i].Version = store.EventVersion(out[i])
	}
	s.mu.RUnlock()
	// fn runs without the lock, so it may call back into the store.
	for _, e := range out {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func page[T any](xs []T, limit, offset int) []T {
	if offset >= len(xs) {
		return nil
	}
	xs = xs[offset:]
	if limit > 0 && limit < len(xs) {
		xs = xs[:limit]
	}
	return xs
}

func (s *Store) Event(ctx context.Context, key string) (store.Dossier, error) {
	if _, _, err := store.SplitKey(key); err != nil {
		return store.Dossier{}, fmt.Errorf("memory: event: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Dossier{}, err
	}
	e, ok := s.events[key]
	if !ok {
		return store.Dossier{}, fmt.Errorf("memory: event %s: %w", key, store.ErrNotFound)
	}
	d := store.Dossier{Event: e.ev, Edits: s.editsOf(store.EditFilter{EventKey: key})}
	d.Event.Event = cloneEvent(e.ev.Event)
	d.Event.Version = store.EventVersion(d.Event)
	ev := d.Event.Event
	d.Sources = append(d.Sources, s.source(e.ev.DocID, "report", 0))
	d.Sources[0].Killed, d.Sources[0].Injured, d.Sources[0].Evidence = ev.Killed, ev.Injured, ev.Evidence
	for _, l := range s.linksOf(e.ev.DocID) {
		other := l.DocID
		if other == e.ev.DocID {
			other = l.CopyOf
		}
		d.Sources = append(d.Sources, s.source(other, "copy", l.Similarity))
	}
	var cs []*claim
	for _, c := range s.claims {
		if c.c.DocID == e.ev.DocID {
			cs = append(cs, c)
		}
	}
	slices.SortFunc(cs, func(a, b *claim) int { return cmp.Compare(a.seq, b.seq) })
	for _, c := range cs {
		d.Claims = append(d.Claims, c.c)
	}
	return d, nil
}

func (s *Store) source(docID, role string, sim float64) store.Source {
	src := store.Source{Role: role, Similarity: sim}
	if d, ok := s.docs[docID]; ok {
		src.Document = *d
		src.Document.Text = ""
	}
	if o, ok := s.originals[docID]; ok {
		src.Original = o.meta
	}
	return src
}

func (s *Store) Claims(ctx context.Context, f store.ClaimFilter) ([]store.Claim, error) {
	var out []store.Claim
	err := s.claims_(ctx, f, true, func(c store.Claim) error { out = append(out, c); return nil })
	return out, err
}

func (s *Store) ScanClaims(ctx context.Context, f store.ClaimFilter, fn func(store.Claim) error) error {
	return s.claims_(ctx, f, false, fn)
}

func (s *Store) claims_(ctx context.Context, f store.ClaimFilter, paged bool, fn func(store.Claim) error) error {
	if err := f.Check(paged); err != nil {
		return fmt.Errorf("memory: claims: %w", err)
	}
	var terms []store.Term
	if f.Text != "" {
		var err error
		if terms, err = store.ParseQuery(f.Text); err != nil {
			return fmt.Errorf("memory: claims: %w", err)
		}
	}
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var speakers, actors map[string]bool
	if f.Speaker != "" {
		speakers = s.matchingActors(f.Speaker)
	}
	if f.Actor != "" {
		actors = s.matchingActors(f.Actor)
	}
	var hits []*claim
	for _, c := range s.claims {
		cl := c.c.Claim
		pub := c.c.Published
		if f.DocID != "" && c.c.DocID != f.DocID ||
			f.Language != "" && s.language(c.c.DocID) != f.Language ||
			f.Relation != "" && (cl.Relation == nil || cl.Relation.Type != f.Relation) ||
			speakers != nil && !speakers[store.ActorKey(cl.Speaker)] ||
			actors != nil && !slices.ContainsFunc(store.ClaimActors(cl), func(r sitrep.ActorRef) bool { return actors[store.ActorKey(r)] }) ||
			(f.Since != "" || f.Until != "") && (pub == "" || f.Since != "" && pub < f.Since || f.Until != "" && pub > f.Until) {
			continue
		}
		if terms != nil {
			if ok, _ := store.Match(terms, cl.Text); !ok {
				continue
			}
		}
		hits = append(hits, c)
	}
	slices.SortFunc(hits, func(a, b *claim) int {
		return -cmp.Or(cmp.Compare(a.c.Published, b.c.Published), cmp.Compare(a.seq, b.seq))
	})
	hits = page(hits, f.Limit, f.Offset)
	out := make([]store.Claim, len(hits))
	for i, c := range hits {
		out[i] = c.c
	}
	s.mu.RUnlock()
	for _, c := range out {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) Actors(ctx context.Context, f store.ActorFilter) ([]store.Actor, error) {
	if err := f.Check(); err != nil {
		return nil, fmt.Errorf("memory: actors: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var keep map[string]bool
	if f.Name != "" {
		keep = s.matchingActors(f.Name)
	}
	counts := store.NewActorTally()
	for _, d := range s.derived {
		counts.Count(d.Result, s.docs[d.DocID].Published)
	}
	var out []store.Actor
	for k, a := range s.actors {
		if f.ID != "" && k != f.ID || len(f.IDs) > 0 && !slices.Contains(f.IDs, k) || f.Type != "" && a.Type != f.Type || keep != nil && !keep[k] {
			continue
		}
		row := counts.Row(k, *a)
		if f.ID == "" {
			row.FirstSeen, row.LastSeen = "", "" // filled for one actor only, as by the other backends
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b store.Actor) int {
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.ID, b.ID))
	})
	return page(out, f.Limit, f.Offset), nil
}

func (s *Store) Search(ctx context.Context, query string, limit int) ([]store.Hit, error) {
	hits, _, err := s.SearchPage(ctx, query, limit, 0)
	return hits, err
}

func (s *Store) SearchPage(ctx context.Context, query string, limit, offset int) ([]store.Hit, int, error) {
	terms, err := store.ParseQuery(query)
	if err != nil {
		return nil, 0, fmt.Errorf("memory: search: %w", err)
	}
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, 0, err
	}
	var hits []store.Hit
	for _, id := range s.docOrder {
		d := s.docs[id]
		ok, n := store.Match(terms, d.Title, d.Text)
		if !ok {
			continue
		}
		// Term frequency per thousand tokens: a crude stand-in for bm25.
		score := float64(n) * 1000 / float64(len(store.Tokens(d.Text))+len(store.Tokens(d.Title))+1)
		hits = append(hits, store.Hit{DocID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
			Score: score, Snippet: store.Snippet(d.Text, terms, 16)})
	}
	slices.SortStableFunc(hits, func(a, b store.Hit) int { return cmp.Compare(b.Score, a.Score) })
	return page(hits, limit, max(offset, 0)), len(hits), nil
}

func (s *Store) ScanOriginals(ctx context.Context, fn func(store.Original) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var out []store.Original
	for _, h := range s.origOrder {
		out = append(out, s.originals[h].meta)
	}
	s.mu.RUnlock()
	return each(out, fn)
}

func (s *Store) ScanDocuments(ctx context.Context, fn func(store.Document) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var out []store.Document
	for _, id := range s.docOrder {
		out = append(out, *s.docs[id])
	}
	s.mu.RUnlock()
	return each(out, fn)
}

func (s *Store) ScanDerived(ctx context.Context, fn func(store.Derived) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var out []store.Derived
	for _, id := range s.docOrder {
		if d, ok := s.derived[id]; ok {
			out = append(out, *d)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b store.Derived) int { return cmp.Compare(a.LogIndex, b.LogIndex) })
	return each(out, fn)
}

func each[T any](xs []T, fn func(T) error) error {
	for _, x := range xs {
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) LogSize(ctx context.Context) (int64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return 0, err
	}
	return int64(len(s.log)), nil
}

func (s *Store) LogRecords(ctx context.Context, start int64, fn func(int64, []byte) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	recs := s.log[min(max(start, 0), int64(len(s.log))):]
	s.mu.RUnlock()
	for i, r := range recs {
		if err := fn(start+int64(i), bytes.Clone(r)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) ReadHashes(ctx context.Context, idx []int64) ([]tlog.Hash, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return s.readHashes(idx)
}

// TamperLog overwrites log record i without updating its hash: for tests
// that custody verification notices.
func (s *Store) TamperLog(i int64, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log[i] = bytes.Clone(data)
}

func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Stats{}, err
	}
	return store.Stats{Originals: int64(len(s.originals)), Documents: int64(len(s.docs)), Events: int64(len(s.events)),
		Claims: int64(len(s.claims)), Actors: int64(len(s.actors)), Links: int64(len(s.links)),
		Edits: int64(len(s.edits)), Decisions: int64(len(s.decisions)), LogRecords: int64(len(s.log))}, nil
}

// language is the language of a stored document, "" when unknown.
func (s *Store) language(docID string) string {
	if d, ok := s.docs[docID]; ok {
		return d.Language
	}
	return ""
}
