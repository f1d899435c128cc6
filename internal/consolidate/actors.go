package consolidate

import (
	"slices"
	"strings"
	"sync"

	"sitrep"
)

// ActorRecord is one actor across documents.
type ActorRecord struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"` // the name most documents use
	Type      string   `json:"type"` // the type most documents give
	Country   string   `json:"country,omitempty"`
	Aliases   []string `json:"aliases"`   // every spelling seen, sorted
	Documents []string `json:"documents"` // ids of the documents naming it, sorted
	Mentions  int      `json:"mentions"`
	FirstSeen string   `json:"first_seen,omitempty"` // earliest publication date
	LastSeen  string   `json:"last_seen,omitempty"`  // latest publication date
}

type actorContribution struct {
	published string
	name      string
	typ       string
	country   string
	aliases   []string
	mentions  int
}

// ActorBook merges the actors of many documents. Actors are merged by id
// only: the extractor has already resolved spellings to ids, and two
// people sharing a family name keep their different ids. Adding a
// document again replaces what it contributed before.
type ActorBook struct {
	mu     sync.Mutex
	actors map[string]map[string]*actorContribution // actor id → doc id → contribution
	docs   map[string][]string                      // doc id → actor ids
}

// NewActorBook returns an empty ActorBook.
func NewActorBook() *ActorBook {
	return &ActorBook{actors: map[string]map[string]*actorContribution{}, docs: map[string][]string{}}
}

// Add records the actors of one document. Names actors are given in events
// and claims (ActorRef.Name) are spellings too, so AddResult collects them;
// Add takes only the actor list.
func (b *ActorBook) Add(doc sitrep.DocumentInfo, actors []sitrep.Actor) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.remove(doc.ID)
	b.add(doc, actors, nil)
}

// AddResult records the actors of one extraction, with the names its
// events and claims use for them.
func (b *ActorBook) AddResult(r sitrep.Result) {
	refs := map[string][]string{}
	note := func(a sitrep.ActorRef) {
		if a.ID != "" && a.Name != "" {
			refs[a.ID] = append(refs[a.ID], a.Name)
		}
	}
	for _, e := range r.Events {
		for _, l := range [][]sitrep.ActorRef{e.Perpetrators, e.Targets, e.ClaimedBy} {
			for _, a := range l {
				note(a)
			}
		}
		if e.ReportedBy != nil {
			note(*e.ReportedBy)
		}
	}
	for _, c := range r.Claims {
		note(c.Speaker)
		if c.Relation != nil {
			note(c.Relation.Subject)
			note(c.Relation.Object)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.remove(r.Document.ID)
	b.add(r.Document, r.Actors, refs)
}

// Remove forgets what a document contributed.
func (b *ActorBook) Remove(docID string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.remove(docID)
}

func (b *ActorBook) remove(docID string) {
	for _, id := range b.docs[docID] {
		delete(b.actors[id], docID)
		if len(b.actors[id]) == 0 {
			delete(b.actors, id)
		}
	}
	delete(b.docs, docID)
}

func (b *ActorBook) add(doc sitrep.DocumentInfo, actors []sitrep.Actor, refs map[string][]string) {
	get := func(id string) *actorContribution {
		byDoc := b.actors[id]
		if byDoc == nil {
			byDoc = map[string]*actorContribution{}
			b.actors[id] = byDoc
		}
		c := byDoc[doc.ID]
		if c == nil {
			c = &actorContribution{published: doc.Published}
			byDoc[doc.ID] = c
			b.docs[doc.ID] = append(b.docs[doc.ID], id)
		}
		return c
	}
	for _, a := range actors {
		if a.ID == "" {
			continue
		}
		c := get(a.ID)
		if c.name == "" {
			c.name = a.Name
		}
		if c.typ == "" {
			c.typ = a.Type
		}
		if c.country == "" {
			c.country = a.Country
		}
		if a.Name != "" {
			c.aliases = append(c.aliases, a.Name)
		}
		c.aliases = append(c.aliases, a.Aliases...)
		c.mentions += a.Mentions
	}
	for id, names := range refs {
		c := get(id)
		if c.name == "" {
			c.name = names[0]
		}
		c.aliases = append(c.aliases, names...)
	}
}

// Get returns one actor.
func (b *ActorBook) Get(id string) (ActorRecord, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	byDoc := b.actors[id]
	if byDoc == nil {
		return ActorRecord{}, false
	}
	return record(id, byDoc), true
}

// All returns every actor, ordered by id.
func (b *ActorBook) All() []ActorRecord {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]ActorRecord, 0, len(b.actors))
	for id, byDoc := range b.actors {
		out = append(out, record(id, byDoc))
	}
	slices.SortFunc(out, func(a, b ActorRecord) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func record(id string, byDoc map[string]*actorContribution) ActorRecord {
	r := ActorRecord{ID: id}
	names, types, countries := map[string]int{}, map[string]int{}, map[string]int{}
	aliases := map[string]bool{}
	for docID, c := range byDoc {
		r.Documents = append(r.Documents, docID)
		r.Mentions += c.mentions
		if c.name != "" {
			names[c.name]++
		}
		if c.typ != "" {
			types[c.typ]++
		}
		if c.country != "" {
			countries[c.country]++
		}
		for _, a := range c.aliases {
			if a = strings.TrimSpace(a); a != "" {
				aliases[a] = true
			}
		}
		if c.published != "" {
			if r.FirstSeen == "" || c.published < r.FirstSeen {
				r.FirstSeen = c.published
			}
			if c.published > r.LastSeen {
				r.LastSeen = c.published
			}
		}
	}
	r.Name, r.Type, r.Country = topName(names), topName(types), topName(countries)
	for a := range aliases {
		r.Aliases = append(r.Aliases, a)
	}
	slices.Sort(r.Aliases)
	slices.Sort(r.Documents)
	return r
}
