// Package corpus is sitrep's working corpus: the store of originals and
// what was extracted from them, together with the cross-document views
// kept in memory (incidents, actors across documents, the claim graph and
// framing counts). The command line and the HTTP server both go through it,
// so they give the same answers.
//
// The cross-document views are rebuilt from the store when a corpus is
// opened and kept up to date incrementally as documents arrive; only the
// users' merge and split decisions need storing, and the store keeps them
// in its custody log like every other change.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/sqlite"
)

// Options configure Open.
type Options struct {
	// DataDir is where the store is: a data directory (SQLite) or a
	// PostgreSQL URL (postgres://USER@HOST:PORT/DB).
	DataDir  string
	ReadOnly bool
	// PlacesDir holds the gazetteer places imported with 'sitrep
	// gazetteer import'; empty means DataDir when that is a directory.
	PlacesDir  string
	ActorsFile string // extra actor knowledge
}

// OpenStore opens the store at a location: a PostgreSQL URL or a data
// directory.
func OpenStore(ctx context.Context, location string, readOnly bool) (store.Store, error) {
	if postgres.IsURL(location) {
		return postgres.Open(ctx, location, postgres.Options{ReadOnly: readOnly})
	}
	return sqlite.Open(ctx, location, sqlite.Options{ReadOnly: readOnly})
}

// Corpus is a store with its cross-document views. It is safe for
// concurrent use; ingests and re-extractions run one at a time.
type Corpus struct {
	st    store.Store
	x     *extract.Extractor
	owned bool // Close closes st

	write sync.Mutex // one ingest, re-extraction or decision at a time

	idx     *consolidate.Index
	book    *consolidate.ActorBook
	graph   *consolidate.ClaimGraph
	framing *consolidate.Framing
	dups    *ingest.DupIndex
	copies  sync.Map // doc id → true for near-duplicate copies, kept out of incidents

	dupsOnce sync.Once // dups holds the stored documents once loadDups ran
	dupsErr  error

	// snap caches the incidents newest first; any change to the index
	// drops it, so a burst of queries between changes snapshots once.
	snapMu sync.Mutex
	snap   *snapshot
}

// snapshot is every incident, newest first by start date, with what the
// filters read kept in compact rows and a list of positions per type, so
// that a query over a million events touches little memory.
type snapshot struct {
	incs   []consolidate.Incident
	rows   []incRow
	byType map[string][]int32
	// byPlace lists, for each lower-cased place name, admin1 and country,
	// the positions of the incidents there, in snapshot order.
	byPlace map[string][]int32
}

type incRow struct {
	typ, start, end        string
	place, admin1, country string
	lat, lon               float64
	located                bool
	actors                 string // "\n"-joined ids and lower-cased names of its actors
}

// changed drops the cached incident list after the index changed.
func (c *Corpus) changed() {
	c.snapMu.Lock()
	c.snap = nil
	c.snapMu.Unlock()
}

// incidentList returns the cached snapshot, building it when needed.
func (c *Corpus) incidentList() *snapshot {
	c.snapMu.Lock()
	defer c.snapMu.Unlock()
	if c.snap != nil {
		return c.snap
	}
	all := c.idx.Incidents() // oldest first
	slices.Reverse(all)
	sn := &snapshot{incs: all, rows: make([]incRow, len(all)), byType: map[string][]int32{}, byPlace: map[string][]int32{}}
	var b strings.Builder
	for i := range all {
		inc := &all[i]
		r := &sn.rows[i]
		r.typ, r.start, r.end = inc.Type, inc.Date.Start, inc.Date.End
		if r.end == "" {
			r.end = r.start
		}
		if p := inc.Place; p != nil {
			r.place, r.admin1, r.country = p.Name, p.Admin1, p.Country
			if p.Lat != nil && p.Lon != nil {
				r.lat, r.lon, r.located = *p.Lat, *p.Lon, true
			}
			for _, k := range []string{p.Name, p.Admin1, p.Country} {
				k = strings.ToLower(k)
				// the same word may be name and admin1 ("Kabul"): once
				if l := sn.byPlace[k]; k != "" && (len(l) == 0 || l[len(l)-1] != int32(i)) {
					sn.byPlace[k] = append(l, int32(i))
				}
			}
		}
		b.Reset()
		for _, l := range [][]consolidate.ActorTally{inc.Perpetrators, inc.Targets, inc.ClaimedBy} {
			for _, a := range l {
				b.WriteString("\n" + a.ID + "\n" + strings.ToLower(a.Name))
			}
		}
		b.WriteString("\n")
		r.actors = b.String()
		sn.byType[inc.Type] = append(sn.byType[inc.Type], int32(i))
	}
	c.snap = sn
	return sn
}

// Open opens (creating when needed) the store at opt.DataDir and loads the
// knowledge extraction needs.
func Open(ctx context.Context, opt Options) (*Corpus, error) {
	if opt.DataDir == "" {
		return nil, fmt.Errorf("corpus: no data directory: %w", store.ErrInvalid)
	}
	places := opt.PlacesDir
	if places == "" && !postgres.IsURL(opt.DataDir) {
		places = opt.DataDir
	}
	x, err := extract.New(extract.Options{ActorsFile: opt.ActorsFile, DataDir: places})
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	db, err := OpenStore(ctx, opt.DataDir, opt.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	c, err := New(ctx, db, x)
	if err != nil {
		db.Close()
		return nil, err
	}
	c.owned = true
	return c, nil
}

// New builds a corpus over any store, reading what it already holds.
func New(ctx context.Context, st store.Store, x *extract.Extractor) (*Corpus, error) {
	c := &Corpus{
		st: st, x: x,
		idx:     consolidate.NewIndex(),
		book:    consolidate.NewActorBook(),
		graph:   consolidate.NewClaimGraph(),
		framing: consolidate.NewFraming(nil),
		dups:    ingest.NewDupIndex(),
	}
	if err := c.load(ctx); err != nil {
		return nil, fmt.Errorf("corpus: load: %w", err)
	}
	return c, nil
}

// Store is the underlying store, for the queries that need no
// cross-document view.
func (c *Corpus) Store() store.Store { return c.st }

// Extractor is the extractor documents are read with.
func (c *Corpus) Extractor() *extract.Extractor { return c.x }

// Close closes the store when Open opened it.
func (c *Corpus) Close() error {
	if c.owned {
		return c.st.Close()
	}
	return nil
}

// load rebuilds the views: user decisions first, so that placing the
// stored events honours them; then every document's effective events
// (analyst edits applied, rejected events left out), grouped by document.
func (c *Corpus) load(ctx context.Context) error {
	ds, err := c.st.Decisions(ctx)
	if err != nil {
		return err
	}
	c.idx.RestoreDecisions(toConsolidate(ds))
	if err := c.loadCopies(ctx); err != nil {
		return err
	}
	if err := c.placeStoredEvents(ctx); err != nil {
		return err
	}
	return c.st.ScanDerived(ctx, func(d store.Derived) error {
		c.addViews(d.DocID, d.Result)
		return nil
	})
}

// loadCopies reads which documents are near copies from the stored links:
// copies stay out of the incidents.
func (c *Corpus) loadCopies(ctx context.Context) error {
	st, err := c.st.Stats(ctx)
	if err != nil || st.Links == 0 {
		return err
	}
	var ids []string
	err = c.st.ScanDocuments(ctx, func(d store.Document) error {
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		ls, err := c.st.Links(ctx, id)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.DocID == id {
				c.copies.Store(id, true)
			}
		}
	}
	return nil
}

// loadDups signs every stored document for the near-copy index, once,
// before the first ingest: queries never need it, so opening a corpus
// does not pay for it.
func (c *Corpus) loadDups(ctx context.Context) error {
	c.dupsOnce.Do(func() {
		type doc struct{ id, text string }
		var docs []doc
		c.dupsErr = c.st.ScanDocuments(ctx, func(d store.Document) error {
			docs = append(docs, doc{d.ID, d.Text})
			return nil
		})
		sigs := make([]ingest.Signature, len(docs))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(docs); i += workers {
					sigs[i] = c.dups.Sign(docs[i].text)
				}
			}()
		}
		wg.Wait()
		for i, d := range docs {
			c.dups.AddSigned(d.id, sigs[i])
		}
	})
	return c.dupsErr
}

// placeStoredEvents adds every stored document's effective events to the
// incident index, documents in publication order.
func (c *Corpus) placeStoredEvents(ctx context.Context) error {
	type docEvents struct {
		published string
		events    []sitrep.Event
	}
	byDoc := map[string]*docEvents{}
	var order []string
	err := c.st.ScanEvents(ctx, store.EventFilter{Order: store.OldestFirst}, func(e store.Event) error {
		if c.isCopy(e.DocID) {
			return nil
		}
		d := byDoc[e.DocID]
		if d == nil {
			d = &docEvents{published: e.Published}
			byDoc[e.DocID] = d
			order = append(order, e.DocID)
		}
		d.events = append(d.events, e.Event)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(order, func(a, b string) int {
		if p, q := byDoc[a].published, byDoc[b].published; p != q {
			if p < q {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, id := range order {
		c.idx.Add(id, byDoc[id].published, byDoc[id].events)
	}
	c.changed()
	return nil
}

func (c *Corpus) isCopy(docID string) bool {
	_, ok := c.copies.Load(docID)
	return ok
}

// addViews feeds one document's extraction to the actor book, the claim
// graph and the framing counts, under the store's document id and with
// the outlet as the source whose words framing counts.
func (c *Corpus) addViews(docID string, r sitrep.Result) {
	r.Document.ID = docID
	c.book.AddResult(r)
	c.graph.Add(r.Document, c.organisationClaims(docID, r.Claims))
	c.framing.AddResult(r)
}

// organisationClaims draws claims about a named branch of an organisation
// ("Islamic State Pakistan Province") on the organisation's node, so that
// one allegation made about the organisation and about its branch is one
// edge with all its speakers. The claim text keeps the branch's name.
//
// A claim about an incident of its document ("claimed responsibility for
// E1") points at the incident that report belongs to, so that claims from
// several reports of one attack meet on one node.
func (c *Corpus) organisationClaims(docID string, cs []sitrep.Claim) []sitrep.Claim {
	out := cs
	copied := false
	for i, cl := range cs {
		r := cl.Relation
		if r == nil {
			continue
		}
		s, o := c.x.Organisation(r.Subject.ID), c.x.Organisation(r.Object.ID)
		oName := r.Object.Name
		if isEventID(r.Object.ID) {
			key := store.Key(docID, r.Object.ID)
			if inc, ok := c.idx.IncidentOf(key); ok {
				o, oName = inc, "incident "+inc
			} else {
				o = key
			}
		}
		if s == r.Subject.ID && o == r.Object.ID {
			continue
		}
		if !copied {
			out = slices.Clone(cs)
			copied = true
		}
		nr := *r
		nr.Subject.ID, nr.Object.ID, nr.Object.Name = s, o, oName
		out[i].Relation = &nr
	}
	return out
}

// placeEvents places a stored document's effective events into incidents.
func (c *Corpus) placeEvents(ctx context.Context, docID, published string) error {
	if c.isCopy(docID) {
		return nil
	}
	evs, err := c.st.Events(ctx, store.EventFilter{DocID: docID, Order: store.OldestFirst, Limit: 1 << 20})
	if err != nil {
		return err
	}
	events := make([]sitrep.Event, len(evs))
	for i, e := range evs {
		events[i] = e.Event
	}
	c.idx.Add(docID, published, events)
	c.changed()
	return nil
}

// isEventID reports whether an id names an event of its document ("E1").
func isEventID(id string) bool {
	if len(id) < 2 || id[0] != 'E' {
		return false
	}
	for _, r := range id[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Errors of the incident operations.
var (
	ErrNoIncident = errors.New("no such incident")
)

func toConsolidate(ds []store.Decision) []consolidate.Decision {
	out := make([]consolidate.Decision, len(ds))
	for i, d := range ds {
		out[i] = consolidate.Decision{Kind: d.Kind, Keys: d.Keys, Apart: d.Apart}
	}
	return out
}
