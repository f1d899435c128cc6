// Package corpus is sitrep's working corpus: the store of originals, what
// was extracted from them and the cross-document views over them
// (incidents, actors across documents, the claim graph and framing
// counts), with the extractor that reads new documents. The command line
// and the HTTP server both go through it, so they give the same answers.
//
// The views are rows of the store, kept up to date by the store in the
// same transaction as the documents, edits and decisions that change them
// (package views): opening a corpus reads nothing, and every process sees
// what any other wrote as soon as it committed.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"sitrep/internal/actors"
	"sitrep/internal/extract"
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

// Corpus is a store with the extractor that feeds it. It is safe for
// concurrent use; ingests and re-extractions run one at a time.
type Corpus struct {
	st    store.Store
	opt   Options
	owned bool // Close closes st

	// The extractor's knowledge takes seconds to load: it is loaded when
	// a document is first read, and the actor knowledge alone when a
	// claim graph first needs it.
	xOnce  sync.Once
	x      *extract.Extractor
	xErr   error
	kbOnce sync.Once
	kb     *actors.KB
	kbErr  error

	write sync.Mutex // one ingest or re-extraction at a time
}

// Open opens (creating when needed) the store at opt.DataDir.
func Open(ctx context.Context, opt Options) (*Corpus, error) {
	if opt.DataDir == "" {
		return nil, fmt.Errorf("corpus: no data directory: %w", store.ErrInvalid)
	}
	db, err := OpenStore(ctx, opt.DataDir, opt.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return &Corpus{st: db, opt: opt, owned: true}, nil
}

// New is a corpus over any store, reading documents with x.
func New(st store.Store, x *extract.Extractor) *Corpus {
	c := &Corpus{st: st, x: x}
	c.xOnce.Do(func() {})
	if x != nil {
		c.kb = x.Actors()
		c.kbOnce.Do(func() {})
	}
	return c
}

// Store is the underlying store, for the queries that need nothing else.
func (c *Corpus) Store() store.Store { return c.st }

// Extractor is the extractor documents are read with, loaded on first use.
func (c *Corpus) Extractor() (*extract.Extractor, error) {
	c.xOnce.Do(func() {
		places := c.opt.PlacesDir
		if places == "" && !postgres.IsURL(c.opt.DataDir) {
			places = c.opt.DataDir
		}
		c.x, c.xErr = extract.New(extract.Options{ActorsFile: c.opt.ActorsFile, DataDir: places})
	})
	if c.xErr == nil && c.x == nil {
		c.xErr = errors.New("corpus: no extractor")
	}
	return c.x, c.xErr
}

// actorKnowledge is the actor knowledge base: the extractor's, or the
// built-in one with the user's actor file.
func (c *Corpus) actorKnowledge() (*actors.KB, error) {
	c.kbOnce.Do(func() {
		c.kb = actors.Default()
		if c.opt.ActorsFile != "" {
			c.kb, c.kbErr = c.kb.Extend(c.opt.ActorsFile)
		}
	})
	return c.kb, c.kbErr
}

// Close closes the store when Open opened it.
func (c *Corpus) Close() error {
	if c.owned {
		return c.st.Close()
	}
	return nil
}

// EnsureViews rebuilds the views when other consolidation rules built
// them, or none did (a store from before they were kept); progress, when
// set, follows the log records replayed. It reports whether it rebuilt.
// A store that keeps no views (one whose backend does not yet) has
// none to rebuild.
func (c *Corpus) EnsureViews(ctx context.Context, progress func(done, total int64)) (bool, error) {
	vs, ok := c.st.(store.ViewStore)
	if !ok {
		return false, nil
	}
	st, err := vs.ViewsState(ctx)
	if err != nil || st.Current {
		return false, err
	}
	return true, vs.RebuildViews(ctx, progress)
}

// Errors of the incident operations.
var (
	ErrNoIncident = errors.New("no such incident")
	// ErrNoViews: the store keeps no incident views.
	ErrNoViews = fmt.Errorf("this store keeps no incident views: %w", store.ErrInvalid)
)

// views is the store as a keeper of views.
func (c *Corpus) views() (store.ViewStore, error) {
	if vs, ok := c.st.(store.ViewStore); ok {
		return vs, nil
	}
	return nil, ErrNoViews
}

// ActorReader reads the actor page's counts and lists.
func (c *Corpus) ActorReader() (store.ActorReader, error) { return c.views() }

// ViewsState says whether the views are current.
func (c *Corpus) ViewsState(ctx context.Context) (store.ViewsState, error) {
	vs, err := c.views()
	if err != nil {
		return store.ViewsState{}, err
	}
	return vs.ViewsState(ctx)
}

// Incidents returns the incidents matching f, newest first, and how many
// match in all.
func (c *Corpus) Incidents(ctx context.Context, f store.IncidentFilter) ([]store.Incident, int, error) {
	vs, err := c.views()
	if err != nil {
		return nil, 0, err
	}
	return vs.Incidents(ctx, f)
}

// ScanIncidents calls fn with the compact rows of the incidents matching
// f (the map, the timeline) and returns how many match.
func (c *Corpus) ScanIncidents(ctx context.Context, f store.IncidentFilter, fn func(store.IncidentRow) error) (int, error) {
	vs, err := c.views()
	if err != nil {
		return 0, err
	}
	return vs.ScanIncidents(ctx, f, fn)
}

// CountIncidentDays counts the matching incidents, and the people
// reported killed in them, by the day they start and their type.
func (c *Corpus) CountIncidentDays(ctx context.Context, f store.IncidentFilter, fn func(store.DayCount) error) error {
	vs, err := c.views()
	if err != nil {
		return err
	}
	return vs.CountIncidentDays(ctx, f, fn)
}

// CountIncidentPoints counts the matching incidents, and the people
// reported killed in them, by the point they lie at and their type.
func (c *Corpus) CountIncidentPoints(ctx context.Context, f store.IncidentFilter, fn func(store.PointCount) error) error {
	vs, err := c.views()
	if err != nil {
		return err
	}
	return vs.CountIncidentPoints(ctx, f, fn)
}

// ViolenceEdges calls fn with the violence edges of every incident and
// ActorIncidents with how many incidents name each actor.
func (c *Corpus) ViolenceEdges(ctx context.Context, edges func(store.ViolenceEdge) error, actors func(store.ActorIncidents) error) error {
	vs, err := c.views()
	if err != nil {
		return err
	}
	if err := vs.ViolenceEdges(ctx, edges); err != nil {
		return err
	}
	return vs.ActorIncidents(ctx, actors)
}

// Incident returns one incident, following the id of one merged or split
// since to where its reports went; store.ErrNotFound when there is none.
func (c *Corpus) Incident(ctx context.Context, id string) (store.Incident, error) {
	vs, err := c.views()
	if err != nil {
		return store.Incident{}, err
	}
	return vs.Incident(ctx, id)
}

// IncidentsOf maps event keys to the incidents they are in; a store
// without views maps none.
func (c *Corpus) IncidentsOf(ctx context.Context, keys []string) (map[string]string, error) {
	vs, err := c.views()
	if err != nil {
		return map[string]string{}, nil
	}
	return vs.IncidentsOf(ctx, keys)
}

// IncidentOf returns the incident an event ("<docID>#<eventID>") is in.
func (c *Corpus) IncidentOf(ctx context.Context, eventKey string) (string, bool) {
	m, err := c.IncidentsOf(ctx, []string{eventKey})
	if err != nil {
		return "", false
	}
	id, ok := m[eventKey]
	return id, ok
}

// Merge puts incidents a and b together, whatever the matcher thought,
// and stores the decision so that it holds after re-extraction. The
// incident a survives: its id names the merged incident, and b's id leads
// there.
func (c *Corpus) Merge(ctx context.Context, a, b, who string) (store.Incident, error) {
	ia, err := c.Incident(ctx, a)
	if err != nil {
		return ia, err
	}
	ib, err := c.Incident(ctx, b)
	if err != nil {
		return ib, err
	}
	if ia.ID == ib.ID {
		return ia, nil
	}
	var keys []string
	for _, e := range append(slices.Clone(ia.Events), ib.Events...) {
		keys = append(keys, e.Key)
	}
	if _, err := c.st.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: keys, Who: who, At: time.Now()}); err != nil {
		return store.Incident{}, err
	}
	return c.incidentOfKey(ctx, keys[0])
}

func (c *Corpus) incidentOfKey(ctx context.Context, key string) (store.Incident, error) {
	id, ok := c.IncidentOf(ctx, key)
	if !ok {
		return store.Incident{}, fmt.Errorf("event %s: %w", key, ErrNoIncident)
	}
	return c.Incident(ctx, id)
}

// Split takes one report (an event key) out of an incident, for good, and
// returns the incident it is in afterwards.
func (c *Corpus) Split(ctx context.Context, incidentID, eventKey, who string) (store.Incident, error) {
	inc, err := c.Incident(ctx, incidentID)
	if err != nil {
		return inc, err
	}
	var apart []string
	found := false
	for _, e := range inc.Events {
		if e.Key == eventKey {
			found = true
		} else {
			apart = append(apart, e.Key)
		}
	}
	if !found {
		return store.Incident{}, fmt.Errorf("event %q is not a report of incident %s: %w", eventKey, inc.ID, store.ErrInvalid)
	}
	if len(apart) == 0 {
		return inc, nil
	}
	if _, err := c.st.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{eventKey}, Apart: apart, Who: who, At: time.Now()}); err != nil {
		return store.Incident{}, err
	}
	return c.incidentOfKey(ctx, eventKey)
}

// AddEdit stores a reviewer's decision on one report; the store places
// the report's document again in the same transaction, so that its
// incident counts the corrected figures, and leaves out a rejected report.
func (c *Corpus) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	return c.st.AddEdit(ctx, e)
}
