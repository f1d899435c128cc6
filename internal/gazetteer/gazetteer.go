// Package gazetteer resolves place names to coordinates: countries,
// first- and second-order divisions and populated places from GeoNames,
// with curated spelling variants, and a recogniser (Find) that spots and
// disambiguates every toponym in a text using the text's own evidence.
//
// The data is one gzip'd TSV file embedded in the binary, generated from
// npm-packaged GeoNames extracts by `go generate` (see README.md).
// Place data from GeoNames (geonames.org), CC BY 4.0.
package gazetteer

//go:generate go run ./internal/gen -out data/gazetteer.tsv.gz -curated internal/gen/curated

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"sitrep"
)

//go:embed data/gazetteer.tsv.gz
var embedded []byte

// Credit is the attribution GeoNames' licence asks for.
const Credit = "Place data from GeoNames (geonames.org), CC BY 4.0"

// Kind is the level of a gazetteer entry. The zero value is unknown.
type Kind uint8

const (
	Country Kind = iota + 1 // sovereign state or dependent territory
	Admin1                  // first-order division: province, state
	Admin2                  // second-order division: district, county
	City                    // town or city
	Point                   // village, neighbourhood or other locality
)

// Precision maps a kind to the place precision of the sitrep/v1 contract.
func (k Kind) Precision() string {
	switch k {
	case Country:
		return sitrep.PlaceCountry
	case Admin1:
		return sitrep.PlaceProvince
	case Admin2:
		return sitrep.PlaceDistrict
	case City:
		return sitrep.PlaceTown
	case Point:
		return sitrep.PlacePoint
	}
	return ""
}

func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Admin1:
		return "admin1"
	case Admin2:
		return "admin2"
	case City:
		return "city"
	case Point:
		return "point"
	}
	return "unknown"
}

// Entry is one place of the gazetteer.
type Entry struct {
	ID         int    // GeoNames id (0 for curated entries without one)
	Name       string // preferred name
	Country    string // ISO 3166-1 alpha-2
	Admin1     string // admin1 name, e.g. "Balochistan"
	Admin2     string // admin2 name if known
	Lat, Lon   float64
	Population int
	Kind       Kind
}

// Candidate flags: how a name reaches its entry.
const (
	cAlt           uint8 = 1 << iota // an alternate name, not the preferred one
	cDemonym                         // a demonym ("Pakistani") of a country
	cContainerOnly                   // only valid as the container in "X, Y" ("Ind.")
	cAlias                           // a curated alias or a bare division name ("Kech" for "Kech District")
	cAcronym                         // written in capitals in the data ("US", "KPK"): an acronym
	cStripped                        // a division's name without its type word
)

type cand struct {
	e int32
	f uint8
}

// meta holds what resolution needs about an entry beyond Entry itself.
type meta struct {
	a1, a2 int32   // indexes of the entry's admin1 and admin2 entries, or -1
	prior  float32 // context-free plausibility: size and level
}

// Gazetteer is a loaded, read-only gazetteer. It is safe for concurrent use.
type Gazetteer struct {
	entries []Entry
	meta    []meta
	names   nameTable // normalised name → candidates, best prior first
	maxLen  lenTable  // normalised first token → longest name's token count
	// While loading, names and token counts gather in maps, which pack
	// packs into the tables above.
	loading   *nameMaps
	countries map[string]int32  // ISO2 → entry
	demonyms  map[string]string // normalised demonym → ISO2
	capitals  map[string]int32  // ISO2 → the seat of government, most populous first
	common    map[string]struct{}
	first     map[string]struct{}
	// admins maps GeoNames admin codes ("PK.02", "PK.02.1163052") to
	// entries, so that places read later (Open's imported files) link to
	// their divisions by code as the embedded ones do.
	admins map[string]int32
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the embedded gazetteer, loaded on first use.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			// The file is generated and embedded at build time: failing to
			// read it is a build defect, not a runtime condition.
			panic("gazetteer: embedded data: " + err.Error())
		}
		defaultG = g
	})
	return defaultG
}

// Load reads a gazetteer in the generated format (gzip'd TSV).
func Load(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	g := &Gazetteer{
		loading:   &nameMaps{names: make(map[string][]cand, 600000), maxLen: make(map[string]uint8, 300000)},
		countries: map[string]int32{},
		demonyms:  map[string]string{},
		capitals:  map[string]int32{},
		common:    map[string]struct{}{},
		first:     map[string]struct{}{},
		admins:    map[string]int32{},
		entries:   make([]Entry, 0, 240000),
		meta:      make([]meta, 0, 240000),
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	l := &loader{g: g}
	addName := l.addName
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		bad := func() error { return fmt.Errorf("gazetteer: line %d: malformed %q record", line, c[0]) }
		switch c[0] {
		case "H":
			if len(c) < 2 || c[1] != "sitrep-gazetteer/1" {
				return nil, fmt.Errorf("gazetteer: unknown format %q", c)
			}
		case "C":
			if len(c) < 7 {
				return nil, bad()
			}
			e := g.add(Entry{Name: c[2], Country: c[1], Lat: atof(c[3]), Lon: atof(c[4]), Population: atoi(c[5]), Kind: Country}, -1, -1)
			g.countries[c[1]] = e
			addName(c[2], e, 0)
			for _, a := range splitAlts(c[6]) {
				addName(a, e, cAlias)
			}
		case "D":
			if len(c) < 3 {
				return nil, bad()
			}
			e, ok := g.countries[c[2]]
			if !ok {
				return nil, bad()
			}
			g.demonyms[Normalise(c[1])] = c[2]
			addName(c[1], e, cDemonym)
		case "A":
			if len(c) < 9 {
				return nil, bad()
			}
			cc, code := c[2], c[3]
			en := Entry{Name: c[4], Country: cc, Lat: atof(c[5]), Lon: atof(c[6]), Population: atoi(c[7]), Kind: Admin1}
			a1 := int32(-1)
			if c[1] == "2" {
				en.Kind = Admin2
				p1, p2, _ := strings.Cut(code, ".")
				if i, ok := g.admins[cc+"."+p1]; ok {
					a1 = i
					en.Admin1 = g.entries[i].Name
				}
				// GeoNames codes some countries' districts by their own
				// geonameid ("PK.02.1163052"): then the id is known.
				if id := atoi(p2); id > 100000 {
					en.ID = id
				}
			}
			e := g.add(en, a1, -1)
			if en.Kind == Admin1 {
				g.entries[e].Admin1 = en.Name
				g.meta[e].a1 = e
			} else {
				g.entries[e].Admin2 = en.Name
				g.meta[e].a2 = e
			}
			g.admins[cc+"."+code] = e
			addName(c[4], e, 0)
			if s := stripDivisionSuffix(c[4]); s != "" {
				addName(s, e, cAlias|cStripped)
			}
			if s := compassVariant(c[4]); s != "" {
				addName(s, e, cAlias)
			}
			for _, a := range splitAlts(c[8]) {
				addName(a, e, cAlias)
			}
		case "P":
			if len(c) < 11 {
				return nil, bad()
			}
			l.addPlace(c)
		case "W", "N":
			set := g.common
			if c[0] == "N" {
				set = g.first
			}
			if len(c) > 1 {
				for _, w := range strings.Fields(c[1]) {
					set[w] = struct{}{}
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(g.countries) == 0 {
		return nil, fmt.Errorf("gazetteer: no countries in data")
	}
	g.pack()
	return g, nil
}

// nameMaps are a gazetteer's names while it loads.
type nameMaps struct {
	names  map[string][]cand
	maxLen map[string]uint8
}

// pack orders every name's candidates best prior first, as Lookup and
// resolution expect, and packs the names into their tables; it runs once
// all entries are in.
func (g *Gazetteer) pack() {
	byRank := func(a, b cand) int { return cmp.Compare(g.rank(b), g.rank(a)) }
	g.names = packNames(g.loading.names, byRank)
	g.maxLen = packLens(g.loading.maxLen)
	g.loading = nil
}

// unpack undoes pack, to add names.
func (g *Gazetteer) unpack() {
	g.loading = &nameMaps{names: g.names.unpack(), maxLen: g.maxLen.unpack()}
	g.names, g.maxLen = nameTable{}, lenTable{}
}

// loader adds names and places to a gazetteer being built, reusing its
// tokenizer buffers across names.
type loader struct {
	g    *Gazetteer
	toks []token
	norm []byte
}

func (l *loader) addName(name string, e int32, f uint8) {
	g := l.g
	if strings.HasPrefix(name, "~") {
		name, f = name[1:], f|cContainerOnly
	}
	if strings.ToUpper(name) == name {
		f |= cAcronym
	}
	l.toks, l.norm = tokenize(name, l.toks[:0], l.norm[:0])
	toks, norm := l.toks, l.norm
	if len(toks) == 0 || len(toks) > maxTokens {
		return
	}
	dot := toks[len(toks)-1].flags&fDot != 0 && strings.HasSuffix(name, ".")
	g.addKey(keyOf(toks, norm, 0, len(toks), dot), string(norm[toks[0].ns:toks[0].ne]), len(toks), cand{e, f})
	// Saint/St., Fort/Ft., Mount/Mt.: both spellings are current.
	if v, ok := abbrevVariant[string(norm[toks[0].ns:toks[0].ne])]; ok && len(toks) > 1 {
		rest := keyOf(toks, norm, 1, len(toks), dot)
		g.addKey(v+" "+rest, v, len(toks), cand{e, f})
	}
}

// addPlace adds a "P" record: P, id, name, country, admin1 code, admin2
// code, lat, lon, population, kind letter, alternates. The entry keeps
// c[2] and c[3] as they are: a caller whose fields view a larger buffer
// clones them first.
func (l *loader) addPlace(c []string) int32 {
	g := l.g
	cc := c[3]
	en := Entry{ID: atoi(c[1]), Name: c[2], Country: cc, Lat: atof(c[6]), Lon: atof(c[7]), Population: atoi(c[8]), Kind: City}
	bonus := float32(0)
	switch c[9] {
	case "p":
		en.Kind = Point
	case "k":
		bonus = 2.5
	case "a":
		bonus = 0.5
	}
	a1, a2 := int32(-1), int32(-1)
	if i, ok := g.admins[cc+"."+c[4]]; ok {
		a1 = i
		en.Admin1 = g.entries[i].Name
		if j, ok := g.admins[cc+"."+c[4]+"."+c[5]]; ok && c[5] != "" {
			a2 = j
			en.Admin2 = g.entries[j].Name
		}
	}
	e := g.add(en, a1, a2)
	g.meta[e].prior += bonus
	if c[9] == "k" {
		if i, ok := g.capitals[cc]; !ok || g.entries[i].Population < en.Population {
			g.capitals[cc] = e
		}
	}
	l.addName(c[2], e, 0)
	for _, a := range splitAlts(c[10]) {
		if a, ok := strings.CutPrefix(a, "="); ok {
			l.addName(a, e, cAlias)
		} else {
			l.addName(a, e, cAlt)
		}
	}
	return e
}

const maxTokens = 6

var abbrevVariant = map[string]string{"saint": "st", "st": "saint", "sainte": "ste", "ste": "sainte", "fort": "ft", "ft": "fort", "mount": "mt", "mt": "mount"}

// compassVariant gives the short compass form of a division named
// "Western Darfur" or "Northern Kordofan" ("West Darfur"), the form the
// news mostly writes; "" when the name has no such opening word.
func compassVariant(name string) string {
	for _, w := range [][2]string{{"Western ", "West "}, {"Eastern ", "East "}, {"Northern ", "North "}, {"Southern ", "South "}} {
		if s, ok := strings.CutPrefix(name, w[0]); ok && s != "" {
			return w[1] + s
		}
	}
	return ""
}

// stripDivisionSuffix gives the bare name of a division whose GeoNames name
// carries its type ("Kech District" → "Kech"), so the bare name reported in
// the news finds it. US "County" and "Parish" stay: bare county names are
// mostly town names too, and news writes the suffix.
//
// A compass word is left with its type ("South Region", "North West
// Province"): a bare "the South" or "the West" in the news is no
// division abroad.
func stripDivisionSuffix(name string) string {
	for _, suf := range []string{" District", " Province", " Agency", " Governorate", " Region", " Division", " Prefecture", " Municipality", " Oblast", " Tehsil", " Protected Area", " Tribal Area", " Wilayah", " Department", " Territory"} {
		if s, ok := strings.CutSuffix(name, suf); ok && s != "" {
			if compassNames[strings.ToLower(s)] {
				return ""
			}
			return s
		}
	}
	return ""
}

// compassNames are the names of divisions that are only a direction.
var compassNames = set("north", "south", "east", "west", "centre", "center", "central", "north east", "north west",
	"south east", "south west", "north-east", "north-west", "south-east", "south-west")

func (g *Gazetteer) add(e Entry, a1, a2 int32) int32 {
	g.entries = append(g.entries, e)
	pop := float64(e.Population)
	p := math.Log10(pop + 10)
	switch e.Kind {
	case Country:
		p += 4
	case Admin1:
		p++
	case Point:
		p -= 1
	}
	g.meta = append(g.meta, meta{a1: a1, a2: a2, prior: float32(p)})
	return int32(len(g.entries) - 1)
}

func (g *Gazetteer) addKey(key, first string, n int, c cand) {
	names, maxLen := g.loading.names, g.loading.maxLen
	cs := names[key]
	for i, x := range cs {
		if x.e == c.e {
			// Keep the strongest route to an entry: a preferred name beats
			// an alternate, an unrestricted alias a container-only one.
			cs[i].f &= c.f
			return
		}
	}
	names[key] = append(cs, c)
	if uint8(n) > maxLen[first] {
		maxLen[first] = uint8(n)
	}
}

func (g *Gazetteer) rank(c cand) float32 {
	r := g.meta[c.e].prior
	if c.f&cAlt != 0 {
		r -= 1.5
	}
	if c.f&cStripped != 0 {
		r-- // the text did not say "province": a town of the name may be meant
	}
	return r
}

// Lookup returns the entries whose name or alternate name equals name,
// ignoring case, diacritics, hyphens and dots; best (largest, highest level)
// first. Demonyms are not names: see CountryOfDemonym.
func (g *Gazetteer) Lookup(name string) []Entry {
	key := Normalise(name)
	var out []Entry
	seen := map[int32]bool{}
	for _, k := range []string{key, key + "."} {
		for _, c := range g.names.candidates(k) {
			if c.f&cDemonym != 0 || seen[c.e] {
				continue
			}
			seen[c.e] = true
			out = append(out, g.entries[c.e])
		}
	}
	return out
}

// Capital returns the capital of the country with ISO code iso2: "the
// Qatari capital" is Doha.
func (g *Gazetteer) Capital(iso2 string) (Entry, bool) {
	i, ok := g.capitals[strings.ToUpper(iso2)]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// CountryByCode returns the country entry of an ISO 3166-1 alpha-2 code.
func (g *Gazetteer) CountryByCode(iso2 string) (Entry, bool) {
	i, ok := g.countries[strings.ToUpper(iso2)]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// CountryOfDemonym returns the ISO2 code of the country a demonym or
// nationality word refers to: "Pakistani" → "PK", "Afghans" → "AF".
func (g *Gazetteer) CountryOfDemonym(word string) (string, bool) {
	cc, ok := g.demonyms[Normalise(word)]
	return cc, ok
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

func splitAlts(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
