package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Open returns the embedded gazetteer extended with every file imported
// into dataDir (see Import), or Default() when there is none. Imported
// places join Lookup and Find like embedded ones and link to the embedded
// provinces and districts by their GeoNames codes; a place already
// embedded, or already read from an earlier file, is not added twice.
//
// Each call with imports builds a new Gazetteer (the embedded data
// reloaded, about 0.9 s and 76 MB, plus the imported places): call it
// once and share the result. Its memory grows with the places imported,
// about 0.6 KB each with three names (TestImportMemory logs it), and
// not with the size of the dumps they came from; loading takes about
// 2 s per 200,000 places on 2 cores. A country file adds tens of MB; a
// whole allCountries import (~5 M kept places) would need ~3 GB and most
// of a minute: import allCountries with ImportSource.Countries for the
// region of interest instead.
func Open(dataDir string) (*Gazetteer, error) {
	files, err := ImportedFiles(dataDir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return Default(), nil
	}
	// A file that is not an import fails Open before the costly part.
	for _, f := range files {
		if err := checkHeader(f); err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", f, err)
		}
	}
	g, err := Load(bytes.NewReader(embedded))
	if err != nil {
		return nil, err
	}
	return extend(g, files)
}

// extend adds the imported files to g, a gazetteer the caller owns.
func extend(g *Gazetteer, files []string) (*Gazetteer, error) {
	// Places already present are known by id; divisions by their admin
	// codes (addDivision), since the embedded districts' ids are inferred.
	seen := &idSet{}
	for i := range g.entries {
		if e := &g.entries[i]; e.ID > 0 && e.ID <= 1<<31-1 && e.Kind >= City {
			seen.add(int32(e.ID))
		}
	}
	g.unpack()
	l := &loader{g: g}
	intern := map[string]string{}
	for _, f := range files {
		if err := l.loadImported(f, seen, intern); err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", f, err)
		}
	}
	g.pack()
	return g, nil
}

func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	head := make([]byte, len(importHeader)+2)
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != "H\t"+importHeader {
		return fmt.Errorf("not an imported gazetteer file")
	}
	return nil
}

// idEntry maps an imported GeoNames id to its entry, for the file's "L"
// rows.
type idEntry struct{ id, e int32 }

func (l *loader) loadImported(path string, seen *idSet, intern map[string]string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return err
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var ids []idEntry
	sorted := false
	var c [11]string
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			if !bytes.HasPrefix(b, []byte("H\t"+importHeader+"\t")) {
				return fmt.Errorf("not an imported gazetteer file (header %q)", clip(b))
			}
			continue
		}
		// One string per line, split in place; only what the entry keeps
		// is copied out of it, so the line itself is garbage at once.
		if len(b) == 0 {
			continue
		}
		s := string(b)
		n := splitTabsString(s, c[:])
		switch {
		case s[0] == 'P' && n == len(c):
			id, err := strconv.ParseInt(c[1], 10, 32)
			if err != nil || id <= 0 || len(c[9]) != 1 {
				return fmt.Errorf("line %d: malformed place", line)
			}
			if seen.has(int32(id)) {
				continue
			}
			c[2] = strings.Clone(c[2])
			cc, ok := intern[c[3]]
			if !ok {
				cc = strings.Clone(c[3])
				intern[cc] = cc
			}
			c[3] = cc
			e := int32(-1)
			switch c[9][0] {
			case '1', '2', '3':
				e = l.addDivision(c[:], c[9][0])
			default:
				e = l.addPlace(c[:])
			}
			if e >= 0 {
				seen.add(int32(id))
				ids = append(ids, idEntry{int32(id), e})
			}
		case s[0] == 'L' && n == 3:
			if !sorted {
				slices.SortFunc(ids, func(a, b idEntry) int { return int(a.id) - int(b.id) })
				sorted = true
			}
			id, err := strconv.ParseInt(c[1], 10, 32)
			if err != nil {
				return fmt.Errorf("line %d: malformed alternate name", line)
			}
			i, ok := slices.BinarySearchFunc(ids, int32(id), func(x idEntry, t int32) int { return int(x.id) - int(t) })
			if !ok {
				continue // a place skipped above
			}
			if name, ok := strings.CutPrefix(c[2], "="); ok {
				l.addName(name, ids[i].e, cAlias)
			} else {
				l.addName(c[2], ids[i].e, cAlt)
			}
		default:
			return fmt.Errorf("line %d: unknown record", line)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if line == 0 {
		return fmt.Errorf("empty file")
	}
	return nil
}

// addDivision adds an imported administrative division ('1' ADM1, '2'
// ADM2, '3' ADM3) unless the embedded tables hold its code already, and
// returns its entry or -1.
func (l *loader) addDivision(c []string, level byte) int32 {
	g := l.g
	cc, a1c, a2c := c[3], c[4], c[5]
	en := Entry{ID: atoi(c[1]), Name: c[2], Country: cc, Lat: atof(c[6]), Lon: atof(c[7]), Population: atoi(c[8]), Kind: Admin2}
	a1, a2 := int32(-1), int32(-1)
	if i, ok := g.admins[cc+"."+a1c]; ok {
		a1 = i
		en.Admin1 = g.entries[i].Name
	}
	var e int32
	switch level {
	case '1':
		if a1 >= 0 || a1c == "" {
			return -1
		}
		en.Kind, en.Admin1 = Admin1, en.Name
		e = g.add(en, -1, -1)
		g.meta[e].a1 = e
		g.admins[cc+"."+a1c] = e
	case '2':
		key := cc + "." + a1c + "." + a2c
		if _, ok := g.admins[key]; ok || a2c == "" {
			return -1
		}
		en.Admin2 = en.Name
		e = g.add(en, a1, -1)
		g.meta[e].a2 = e
		g.admins[key] = e
	default:
		// A sub-district (tehsil) is named after its seat: its population
		// is the whole division's, and would make it beat the town for a
		// bare name ("in Tump"). It ranks below an unpopulated town, so
		// the town wins unless the text says "tehsil".
		if j, ok := g.admins[cc+"."+a1c+"."+a2c]; ok && a2c != "" {
			a2 = j
			en.Admin2 = g.entries[j].Name
		}
		e = g.add(en, a1, a2)
		g.meta[e].prior = 0.5
	}
	l.addName(en.Name, e, 0)
	if s := stripDivisionSuffix(en.Name); s != "" {
		l.addName(s, e, cAlias|cStripped)
	}
	if s := compassVariant(en.Name); s != "" && level != '3' {
		l.addName(s, e, cAlias)
	}
	for _, a := range splitAlts(c[10]) {
		l.addName(strings.TrimPrefix(a, "="), e, cAlias)
	}
	return e
}

// splitTabsString is splitTabs for strings.
func splitTabsString(s string, out []string) int {
	n := 0
	for {
		i := strings.IndexByte(s, '\t')
		if n < len(out) {
			if i < 0 {
				out[n] = s
			} else {
				out[n] = s[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		s = s[i+1:]
	}
}
