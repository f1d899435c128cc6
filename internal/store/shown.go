package store

import (
	"slices"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/internal/actors"
)

// What the read methods show is a function of what the custody log
// covers: the documents, the extraction results and the analyst edits.
// This file is that function, written once: the backends keep their rows
// by it, and custody.Verify recomputes every row from the logged records
// with it and compares, so that a row changed behind the log's back shows.

// ShownEvents returns the events of one document as Events and ScanEvents
// must return them: each extracted event with the document's edits applied
// (edits maps event keys to their edits, oldest first), and the document's
// outlet, title, date and URL. Version, a digest of the rest, is left
// for the caller to check (EventVersion) where a backend sets it.
func ShownEvents(doc Document, r sitrep.Result, edits map[string][]Edit) []Event {
	out := make([]Event, 0, len(r.Events))
	for _, e := range r.Events {
		key := Key(doc.ID, e.ID)
		eff, review, edited := ApplyEdits(e, edits[key])
		out = append(out, Event{Key: key, DocID: doc.ID, Event: eff, Review: review, Edited: edited,
			Outlet: doc.Outlet, Title: doc.Title, Published: doc.Published, URL: doc.URL})
	}
	return out
}

// ShownClaims returns the claims of one document as Claims and ScanClaims
// must return them.
func ShownClaims(doc Document, r sitrep.Result) []Claim {
	out := make([]Claim, 0, len(r.Claims))
	for _, c := range r.Claims {
		out = append(out, Claim{Key: Key(doc.ID, c.ID), DocID: doc.ID, Claim: c,
			Outlet: doc.Outlet, Title: doc.Title, Published: doc.Published})
	}
	return out
}

// ActorDesc is what a store keeps of an actor besides its counts: the
// name, type and country it was first given, and every other name used
// for it, sorted. It accumulates over every extraction result ever
// stored, in the order they were stored (log order), including results
// since replaced: a name once used stays findable.
type ActorDesc struct {
	Name, Type, Country string
	Aliases             []string
}

// NewActorDesc starts the description of an actor first referred to by ref.
func NewActorDesc(ref sitrep.ActorRef) ActorDesc { return ActorDesc{Name: ref.Name} }

// Note adds one reference to the actor, with the type, country and other
// names an actors list gives (empty for a reference in an event or claim).
// It reports whether the description changed.
func (d *ActorDesc) Note(ref sitrep.ActorRef, typ, country string, aliases []string) (changed bool) {
	if d.Type == "" && typ != "" {
		d.Type, changed = typ, true
	}
	if d.Country == "" && country != "" {
		d.Country, changed = country, true
	}
	note := func(n string) {
		if n == "" || n == d.Name {
			return
		}
		if i, found := slices.BinarySearch(d.Aliases, n); !found {
			d.Aliases = slices.Insert(d.Aliases, i, n)
			changed = true
		}
	}
	note(ref.Name)
	for _, n := range aliases {
		note(n)
	}
	return changed
}

// ShownNames is how an actor's names are listed. Its description keeps
// every label a sentence gave it, so that a search by any of them finds
// the actor; the lists show its name without the count one report gave
// ("30 terrorists" are the terrorists of that report), and of the other
// labels those that are names ("Islamic Republic of Pakistan", "IDF"),
// not the phrases that only contain one ("India once again", "Israel's
// attacks", "Eight security forces"). The result is never nil.
func ShownNames(name string, aliases []string) (string, []string) {
	name = actors.WithoutCount(oneLine(name))
	shown := make([]string, 0, len(aliases))
	for _, al := range aliases {
		// a label broken across lines by the page's layout is the same label
		if al = oneLine(al); al != name && !slices.Contains(shown, al) && actors.NameLike(al, name) {
			shown = append(shown, al)
		}
	}
	return name, shown
}

// oneLine folds every run of white space, line breaks and no-break
// spaces included, into one space.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// ActorSearch is what substring filters on actors look in: every name of
// the actor, lower-cased, one a line.
func ActorSearch(d ActorDesc) string {
	return strings.ToLower(strings.Join(append([]string{d.Name}, d.Aliases...), "\n"))
}

// Named reports whether ref names an actor at all: a reference with
// neither an id nor a name is no actor and is not stored.
func Named(ref sitrep.ActorRef) bool { return ref.ID != "" || strings.TrimSpace(ref.Name) != "" }

// EachActorRef calls fn for every actor reference of r in the order the
// stores note them: the actors list first (with its types, countries and
// other names, so that they win over the names events and claims happen
// to use), then each event's actors, then each claim's speaker, subject
// and object. References naming no actor are skipped.
func EachActorRef(r sitrep.Result, fn func(ref sitrep.ActorRef, typ, country string, aliases []string)) {
	for _, a := range r.Actors {
		if ref := (sitrep.ActorRef{ID: a.ID, Name: a.Name}); Named(ref) {
			fn(ref, a.Type, a.Country, a.Aliases)
		}
	}
	for _, e := range r.Events {
		for _, rr := range EventActors(e) {
			if Named(rr.Ref) {
				fn(rr.Ref, "", "", nil)
			}
		}
	}
	for _, c := range r.Claims {
		for _, ref := range ClaimActors(c) {
			if Named(ref) {
				fn(ref, "", "", nil)
			}
		}
	}
}

// ActorRefs keeps of r only what actors are made of (EachActorRef reads
// the same from it): a replaced result held for that is small.
func ActorRefs(r sitrep.Result) sitrep.Result {
	out := sitrep.Result{Actors: r.Actors, Events: make([]sitrep.Event, len(r.Events)), Claims: make([]sitrep.Claim, len(r.Claims))}
	for i, e := range r.Events {
		out.Events[i] = sitrep.Event{Perpetrators: e.Perpetrators, Targets: e.Targets, ClaimedBy: e.ClaimedBy, ReportedBy: e.ReportedBy}
	}
	for i, c := range r.Claims {
		out.Claims[i] = sitrep.Claim{Speaker: c.Speaker, Relation: c.Relation}
	}
	return out
}

// ClaimActors lists a claim's speaker, then its relation's subject and
// object when it states one.
func ClaimActors(c sitrep.Claim) []sitrep.ActorRef {
	refs := []sitrep.ActorRef{c.Speaker}
	if c.Relation != nil {
		refs = append(refs, c.Relation.Subject, c.Relation.Object)
	}
	return refs
}

// ActorTally recomputes the actors the read methods list: descriptions
// from every result ever stored (Describe, in log order), counts from the
// current results (Count).
type ActorTally struct {
	actors map[string]*Actor
	descs  map[string]*ActorDesc
}

// NewActorTally returns an empty tally.
func NewActorTally() *ActorTally {
	return &ActorTally{actors: map[string]*Actor{}, descs: map[string]*ActorDesc{}}
}

// Describe adds the names, types and countries of one stored result.
func (t *ActorTally) Describe(r sitrep.Result) {
	EachActorRef(r, func(ref sitrep.ActorRef, typ, country string, aliases []string) {
		k := ActorKey(ref)
		d := t.descs[k]
		if d == nil {
			nd := NewActorDesc(ref)
			d = &nd
			t.descs[k] = d
		}
		d.Note(ref, typ, country, aliases)
	})
}

// Count adds the mentions, documents and events of one current result,
// of a document published on published (YYYY-MM-DD or ""): mentions as
// the actors list counts them, a document once for each actor in its list
// (and its date to the actor's first and last seen), an event once for
// each actor it names.
func (t *ActorTally) Count(r sitrep.Result, published string) {
	inDoc := map[string]bool{}
	for _, a := range r.Actors {
		ref := sitrep.ActorRef{ID: a.ID, Name: a.Name}
		if !Named(ref) {
			continue
		}
		k := ActorKey(ref)
		c := t.count(k)
		c.Mentions += a.Mentions
		if !inDoc[k] {
			inDoc[k] = true
			c.Documents++
			if published != "" {
				if c.FirstSeen == "" || published < c.FirstSeen {
					c.FirstSeen = published
				}
				c.LastSeen = max(c.LastSeen, published)
			}
		}
	}
	for _, e := range r.Events {
		inEvent := map[string]bool{}
		for _, rr := range EventActors(e) {
			if k := ActorKey(rr.Ref); Named(rr.Ref) && !inEvent[k] {
				inEvent[k] = true
				t.count(k).Events++
			}
		}
	}
}

func (t *ActorTally) count(k string) *Actor {
	a := t.actors[k]
	if a == nil {
		a = &Actor{ID: k}
		t.actors[k] = a
	}
	return a
}

// Len is the number of actors described.
func (t *ActorTally) Len() int { return len(t.descs) }

// Row is the actor k described by d, with the counts tallied for it.
func (t *ActorTally) Row(k string, d ActorDesc) Actor {
	a := Actor{ID: k, Type: d.Type, Country: d.Country}
	a.Name, a.Aliases = ShownNames(d.Name, d.Aliases)
	if c := t.actors[k]; c != nil {
		a.Mentions, a.Documents, a.Events, a.FirstSeen, a.LastSeen = c.Mentions, c.Documents, c.Events, c.FirstSeen, c.LastSeen
	}
	return a
}

// Each calls fn for every described actor as Actors must list it, in no
// particular order.
func (t *ActorTally) Each(fn func(Actor) error) error {
	for k, d := range t.descs {
		if err := fn(t.Row(k, *d)); err != nil {
			return err
		}
	}
	return nil
}
