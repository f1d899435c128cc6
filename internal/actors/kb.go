// Package actors holds the actor knowledge base (state forces, governments,
// armed groups, parties, rights organisations, media, persons) and
// recognises actors in text: known aliases, nationality plus force phrases
// ("Pakistani troops"), acronyms a text defines ("Voice for Justice (VFJ)"),
// and names the knowledge base does not hold.
package actors

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"

	"sitrep"
	"sitrep/internal/gazetteer"
	"sitrep/internal/text"
)

//go:embed data/actors.txt
var embedded string

// Actor is a canonical actor.
type Actor struct {
	ID, Name, Type, Country, Parent string
	Aliases                         []string
}

// alias is one way of writing an actor, as tokens.
type alias struct {
	words   []string // lower case
	surface string   // as written in the data
	acronym bool     // capitals only: matched case-sensitively in mixed-case text
	id      string
}

// KB is an actor knowledge base. It is immutable after loading and safe for
// concurrent use.
type KB struct {
	actors  map[string]Actor
	byFirst map[string][]alias // first lower-case word → aliases, longest first
	gaz     *gazetteer.Gazetteer
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
)

// Default returns the embedded knowledge base, loaded once.
func Default() *KB {
	defaultOnce.Do(func() {
		kb, err := parse(strings.NewReader(embedded), "embedded actors", nil)
		if err != nil {
			panic(fmt.Sprintf("embedded actor data is invalid: %v", err))
		}
		kb.gaz = gazetteer.Default()
		defaultKB = kb
	})
	return defaultKB
}

// Extend returns a new knowledge base with the actors of the file at path
// merged in: new actors are added, known ids gain the aliases listed.
func (kb *KB) Extend(path string) (*KB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("actors file: %w", err)
	}
	defer f.Close()
	return parse(f, path, kb)
}

// Get returns the actor with the given id.
func (kb *KB) Get(id string) (Actor, bool) {
	a, ok := kb.actors[id]
	return a, ok
}

// Len is the number of actors known.
func (kb *KB) Len() int { return len(kb.actors) }

var validTypes = map[string]bool{sitrep.Person: true, sitrep.ArmedGroup: true, sitrep.StateForce: true, sitrep.Government: true,
	sitrep.PoliticalParty: true, sitrep.RightsGroup: true, sitrep.Media: true, sitrep.InternationalOrg: true,
	sitrep.Country: true, sitrep.Organisation: true}

// parse reads the line format of data/actors.txt on top of base (nil for none).
func parse(r io.Reader, name string, base *KB) (*KB, error) {
	kb := &KB{actors: map[string]Actor{}, byFirst: map[string][]alias{}}
	if base != nil {
		for id, a := range base.actors {
			a.Aliases = append([]string(nil), a.Aliases...)
			kb.actors[id] = a
		}
		kb.gaz = base.gaz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "|")
		if len(f) < 4 || len(f) > 6 {
			return nil, fmt.Errorf("%s:%d: want 'id | type | country | name | aliases | parent', got %d fields", name, line, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) < 6 {
			f = append(f, "")
		}
		id, typ, country, canon := f[0], f[1], f[2], f[3]
		if id == "" || canon == "" {
			return nil, fmt.Errorf("%s:%d: an actor needs an id and a name", name, line)
		}
		if strings.ContainsAny(id, " \t") || strings.ToLower(id) != id {
			return nil, fmt.Errorf("%s:%d: id %q must be lower case without spaces", name, line, id)
		}
		if !validTypes[typ] {
			return nil, fmt.Errorf("%s:%d: unknown actor type %q", name, line, typ)
		}
		a, known := kb.actors[id]
		if !known {
			a = Actor{ID: id, Name: canon, Type: typ, Country: country, Parent: f[5]}
		}
		for _, al := range strings.Split(f[4], ";") {
			if al = strings.TrimSpace(al); al != "" {
				a.Aliases = append(a.Aliases, al)
			}
		}
		kb.actors[id] = a
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for id, a := range kb.actors {
		if a.Parent != "" {
			if _, ok := kb.actors[a.Parent]; !ok {
				return nil, fmt.Errorf("%s: actor %s names unknown parent %q", name, id, a.Parent)
			}
		}
		for _, s := range append([]string{a.Name}, a.Aliases...) {
			kb.addAlias(s, id)
		}
	}
	for k, as := range kb.byFirst {
		sort.SliceStable(as, func(i, j int) bool { return len(as[i].words) > len(as[j].words) })
		kb.byFirst[k] = as
	}
	return kb, nil
}

func (kb *KB) addAlias(s, id string) {
	toks := text.Tokenize(s, 0, len(s))
	if len(toks) == 0 {
		return
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Lower
	}
	kb.byFirst[words[0]] = append(kb.byFirst[words[0]], alias{words: words, surface: s, acronym: isAcronym(s), id: id})
}

// isAcronym: capitals (and dots, digits, hyphens), five letters at most.
func isAcronym(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.' || c == '-' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letters > 0 && letters <= 5
}
