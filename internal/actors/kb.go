// Package actors holds the actor knowledge base (state forces, governments,
// armed groups, parties, rights organisations, media, countries, persons)
// and recognises actors in text: known aliases, nationality plus force
// phrases ("Pakistani troops" → pakistan-military), acronyms a text defines
// ("Voice for Justice (VFJ)"), described armed groups ("Muslim
// extremists"), and person and organisation names the knowledge base does
// not hold.
//
// The knowledge is the readable file data/actors.txt, embedded in the
// binary; its header documents the format. Users extend it with a file of
// the same format (KB.Extend).
//
// The package depends on no other sitrep package but the domain types.
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
)

//go:embed data/actors.txt
var embedded string

// Actor is a canonical actor.
type Actor struct {
	ID, Name, Type, Country, Parent string
	Aliases                         []string
}

// alias is one way of writing an actor, as token keys.
type alias struct {
	keys []uint64
	id   string
	// sig is the alias without dots, hyphens and spaces; set when the alias
	// is case-sensitive in mixed-case text (acronyms such as "IS", "LeT").
	sig     string
	cs      bool
	short   bool // an acronym of one or two letters: in ALL-CAPS text matched only with its dots ("U.S.")
	dotted  bool // written with dots
	capReq  bool // written with a capital: the text must capitalise it too
	capsAmb bool // a single common word: not matched in ALL-CAPS text
	adj     int8 // 0 name; 1 adjective form (demonym); 2 seat of government
	file    int  // index of the source file of the actor
}

// KB is an actor knowledge base. It is immutable after loading and safe for
// concurrent use.
type KB struct {
	actors  map[string]Actor
	names   map[uint64][]int // first key → indexes into aliases, longest first
	adjs    map[uint64][]int // adjective forms of countries: "Pakistani", "Sri Lankan"
	aliases []alias
	// source lines, kept so that Extend can re-parse on top of them
	files []source

	branchesOnce sync.Once
	branches     map[string][]string // organisation → its named branches
}

type source struct{ name, text string }

var (
	defaultOnce sync.Once
	defaultKB   *KB
)

// Default returns the embedded knowledge base, loaded once.
func Default() *KB {
	defaultOnce.Do(func() {
		kb, err := build([]source{{"data/actors.txt", embedded}})
		if err != nil {
			panic(fmt.Sprintf("embedded actor data is invalid: %v", err))
		}
		defaultKB = kb
	})
	return defaultKB
}

// Parse returns a knowledge base of the embedded data with the actor data
// read from r merged in; name is used in error messages.
func Parse(r io.Reader, name string) (*KB, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Default().with(source{name, string(b)})
}

// Extend returns a new knowledge base with the actors of the file at path
// merged in: new actors are added; a line whose id is already known adds
// its aliases (and, when given, replaces name, type, country and parent).
// The receiver is not changed. Errors name the file and line.
func (kb *KB) Extend(path string) (*KB, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("actors file: %w", err)
	}
	return kb.with(source{path, string(b)})
}

func (kb *KB) with(src source) (*KB, error) {
	files := append(append([]source(nil), kb.files...), src)
	return build(files)
}

// Get returns the actor with the given id.
func (kb *KB) Get(id string) (Actor, bool) {
	a, ok := kb.actors[id]
	if ok {
		a.Aliases = append([]string(nil), a.Aliases...)
	}
	return a, ok
}

// Organisation returns the organisation an actor is a named branch of:
// following the parents while the branch carries the parent's name
// ("Islamic State Pakistan Province" → islamic-state). Affiliates under
// their own names ("al-Shabaab") stay themselves, and so does every actor
// without a parent.
func (kb *KB) Organisation(id string) string {
	for range 8 { // parents form no cycle, but a user's file could
		a, ok := kb.Get(id)
		if !ok || a.Parent == "" {
			return id
		}
		p, ok := kb.Get(a.Parent)
		if !ok || !strings.Contains(strings.ToLower(a.Name), strings.ToLower(p.Name)) {
			return id
		}
		id = p.ID
	}
	return id
}

// Branches returns the actors whose organisation is id, id itself first.
func (kb *KB) Branches(id string) []string {
	kb.branchesOnce.Do(func() {
		kb.branches = map[string][]string{}
		for _, b := range kb.IDs() {
			if o := kb.Organisation(b); o != b {
				kb.branches[o] = append(kb.branches[o], b)
			}
		}
	})
	return append([]string{id}, kb.branches[id]...)
}

// Len is the number of actors known.
func (kb *KB) Len() int { return len(kb.actors) }

// IDs returns the ids of all actors, sorted.
func (kb *KB) IDs() []string {
	out := make([]string, 0, len(kb.actors))
	for id := range kb.actors {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

var validTypes = map[string]bool{sitrep.Person: true, sitrep.ArmedGroup: true, sitrep.StateForce: true, sitrep.Government: true,
	sitrep.PoliticalParty: true, sitrep.RightsGroup: true, sitrep.Media: true, sitrep.InternationalOrg: true,
	sitrep.Country: true, sitrep.Organisation: true}

// entry is an actor as read, with the adjective forms of countries.
type entry struct {
	Actor
	adjs, seats []string
	file        string
	line        int
	fileIdx     int
}

// build parses the sources in order; later files extend earlier ones.
func build(files []source) (*KB, error) {
	entries := map[string]*entry{}
	var order []string
	for fi, src := range files {
		if err := parseInto(src, fi, entries, &order); err != nil {
			return nil, err
		}
	}
	kb := &KB{actors: make(map[string]Actor, len(entries)), names: map[uint64][]int{}, adjs: map[uint64][]int{}, files: files}
	for _, id := range order {
		e := entries[id]
		if e.Parent != "" {
			if _, ok := entries[e.Parent]; !ok {
				return nil, fmt.Errorf("%s:%d: actor %s names unknown parent %q", e.file, e.line, id, e.Parent)
			}
		}
		kb.actors[id] = e.Actor
	}
	for _, id := range order {
		e := entries[id]
		for _, s := range append([]string{e.Name}, e.Actor.Aliases...) {
			kb.addAlias(s, id, 0, e.fileIdx)
		}
		for _, s := range e.adjs {
			kb.addAlias(s, id, 1, e.fileIdx)
		}
		for _, s := range e.seats {
			kb.addAlias(s, id, 2, e.fileIdx)
		}
	}
	// Longest first; when two actors share a spelling, the actor last
	// touched by a later file (the user's) wins.
	for _, m := range []map[uint64][]int{kb.names, kb.adjs} {
		for k, as := range m {
			sort.SliceStable(as, func(i, j int) bool {
				a, b := kb.aliases[as[i]], kb.aliases[as[j]]
				if len(a.keys) != len(b.keys) {
					return len(a.keys) > len(b.keys)
				}
				return a.file > b.file
			})
			m[k] = as
		}
	}
	return kb, nil
}

// parseInto reads the line format of data/actors.txt.
func parseInto(src source, fi int, entries map[string]*entry, order *[]string) error {
	sc := bufio.NewScanner(strings.NewReader(src.text))
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
			return fmt.Errorf("%s:%d: want 'id | type | country | name | aliases | parent' (4 to 6 fields), got %d", src.name, line, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) < 6 {
			f = append(f, "")
		}
		id, typ, country, name, parent := f[0], f[1], f[2], f[3], f[5]
		if id == "" {
			return fmt.Errorf("%s:%d: an actor needs an id", src.name, line)
		}
		if !validID(id) {
			return fmt.Errorf("%s:%d: id %q must be lower-case letters, digits and hyphens", src.name, line, id)
		}
		if parent != "" && !validID(parent) {
			return fmt.Errorf("%s:%d: parent %q must be lower-case letters, digits and hyphens", src.name, line, parent)
		}
		if parent == id {
			return fmt.Errorf("%s:%d: actor %s is its own parent", src.name, line, id)
		}
		if country != "" && !validCountry(country) {
			return fmt.Errorf("%s:%d: country %q is not a two-letter ISO code", src.name, line, country)
		}
		e, known := entries[id]
		if !known {
			if name == "" || typ == "" {
				return fmt.Errorf("%s:%d: a new actor %s needs a type and a name", src.name, line, id)
			}
			e = &entry{Actor: Actor{ID: id}, file: src.name, line: line}
			entries[id] = e
			*order = append(*order, id)
		}
		e.fileIdx = fi
		if typ != "" {
			if !validTypes[typ] {
				return fmt.Errorf("%s:%d: unknown actor type %q", src.name, line, typ)
			}
			e.Type = typ
		}
		if name != "" {
			if e.Name != "" && e.Name != name {
				e.Aliases = append(e.Aliases, e.Name)
			}
			e.Name = name
		}
		if country != "" {
			e.Country = country
		}
		if parent != "" {
			e.Parent = parent
		}
		for _, al := range strings.Split(f[4], ";") {
			al = strings.TrimSpace(al)
			switch {
			case al == "":
			case strings.HasPrefix(al, "adj:"):
				if a := strings.TrimSpace(al[4:]); a != "" {
					e.adjs = append(e.adjs, a)
				}
			case strings.HasPrefix(al, "seat:"):
				if a := strings.TrimSpace(al[5:]); a != "" {
					e.seats = append(e.seats, a)
				}
			default:
				e.Aliases = append(e.Aliases, al)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", src.name, line+1, err)
	}
	return nil
}

func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func validCountry(c string) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

// capsAmbiguous are single-word names that are also common English words:
// in ALL-CAPS text they cannot be told from the word.
var capsAmbiguous = keySet("amnesty|dawn|levies|rangers|basij|junta|state|forces|army|police|military|government|express|nation|" +
	"news|mail|post|times|sun|star|guardian|independent|extraditables|maoists|sepah|hurriyat|tigers|front|paank")

func (kb *KB) addAlias(s, id string, adj int8, file int) {
	toks := tokenize(s, nil)
	if len(toks) == 0 {
		return
	}
	keys := make([]uint64, 0, len(toks))
	for _, t := range toks {
		keys = append(keys, t.key)
	}
	a := alias{keys: keys, id: id, adj: adj, file: file}
	if isCaseSensitive(s) {
		a.cs = true
		a.sig = signature(s)
		a.short = letterCount(s) <= 2
		a.dotted = strings.Contains(s, ".")
	} else if toks[0].flags&fCap != 0 {
		a.capReq = true
	}
	if len(keys) == 1 && capsAmbiguous[keys[0]] {
		a.capsAmb = true
	}
	// the same keys for the same actor once only
	m := kb.names
	if adj > 0 {
		m = kb.adjs
	}
	for _, x := range m[keys[0]] {
		o := kb.aliases[x]
		if o.id == id && o.cs == a.cs && o.dotted == a.dotted && o.adj == a.adj && equalKeys(o.keys, keys) {
			return
		}
	}
	kb.aliases = append(kb.aliases, a)
	m[keys[0]] = append(m[keys[0]], len(kb.aliases)-1)
}

func equalKeys(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isCaseSensitive: an acronym — one word of at most six letters with an
// upper-case letter after the first ("IS", "ISKP", "LeT", "PML-N", "U.S.").
func isCaseSensitive(s string) bool {
	if strings.ContainsAny(s, " \t") {
		return false
	}
	letters, upperAfterFirst := 0, false
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			letters++
			if letters > 1 && r >= 'A' && r <= 'Z' {
				upperAfterFirst = true
			}
		} else if r > 127 {
			return false
		}
	}
	if letters == 1 {
		return s[0] >= 'A' && s[0] <= 'Z'
	}
	return letters >= 1 && letters <= 6 && upperAfterFirst
}

// signature drops dots, hyphens, apostrophes and spaces: "U.S." → "US".
func signature(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '-', ' ', '\'':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			n++
		}
	}
	return n
}

// Demonym returns the country whose adjective form word is ("Russian" →
// russia, "Sri Lankan" → sri-lanka). Matching folds case and accents as
// Find does.
func (kb *KB) Demonym(word string) (Actor, bool) { return kb.countryForm(word, 1) }

// Seat returns the country whose seat of government word names
// ("Islamabad" → pakistan, "Kremlin" → russia): in "Kabul has denied",
// the capital stands for the government.
func (kb *KB) Seat(word string) (Actor, bool) { return kb.countryForm(word, 2) }

// countryForm looks word up among the adjective forms (adj 1) or seats
// (adj 2) of countries.
func (kb *KB) countryForm(word string, adj int8) (Actor, bool) {
	toks := tokenize(word, nil)
	if len(toks) == 0 {
		return Actor{}, false
	}
	for _, ai := range kb.adjs[toks[0].key] {
		a := &kb.aliases[ai]
		if a.adj != adj || len(a.keys) != len(toks) {
			continue
		}
		same := true
		for k := range toks {
			if toks[k].key != a.keys[k] {
				same = false
				break
			}
		}
		if same {
			return kb.Get(a.id)
		}
	}
	return Actor{}, false
}
