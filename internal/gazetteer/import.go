package gazetteer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Importing a GeoNames dump
//
// Import streams a GeoNames main table (allCountries.txt, a country file
// such as PK.txt, plain or zipped) and optionally alternateNamesV2.txt
// into DIR/gazetteer/imported-NAME.tsv.gz, a gzip'd TSV whose "P" rows
// have the layout of the embedded data, so one loader reads both. Open
// returns the embedded gazetteer plus every imported file.
//
// Memory is bounded by design, not by input size: rows are parsed in
// place from a reusable line buffer and written out at once; the only
// state that grows is a bitset of kept GeoNames ids (one bit per id up to
// the largest id, about 1.6 MB for today's ids of up to ~13 M), which the
// alternate-names pass needs to know which names to keep, and the same
// kind of bitset of the embedded ids, which are not imported twice.

// ImportSource names the files to import.
type ImportSource struct {
	// Path is a GeoNames main table (19 tab-separated columns), plain or a
	// .zip holding it (allCountries.zip holds allCountries.txt).
	Path string
	// Alternates is an optional alternateNamesV2.txt (or its .zip): its
	// names for the kept places are added to them.
	Alternates string
	// Name names the imported set and its file; importing the same name
	// again replaces it. Default: Path's base name without extension
	// ("PK", "allCountries").
	Name string
	// Countries, when set, keeps only places in these ISO 3166-1 alpha-2
	// countries: an allCountries import for one region without the cost
	// of the whole world at Open.
	Countries []string
}

// ImportProgress is what Import reports while it runs.
type ImportProgress struct {
	Phase      string // "places" or "alternates"
	File       string // the file being read
	BytesRead  int64  // bytes of the (uncompressed) file read so far
	TotalBytes int64  // its size, or -1 when unknown
	Lines      int64  // lines read in this phase
	Kept       int    // places kept so far
	AltNames   int    // alternate names kept so far
}

// ImportStats is the outcome of an import.
type ImportStats struct {
	File      string // the written file
	Lines     int64  // lines of the main table
	Kept      int    // places written
	Filtered  int64  // well-formed rows not kept: other feature classes, countries, duplicates of embedded places
	AltLines  int64  // lines of the alternate-names file
	AltNames  int    // alternate names written
	Malformed int    // malformed rows in both files, skipped
	// MalformedRows lists the first MaxReportedMalformed malformed rows.
	MalformedRows []MalformedRow
}

// MalformedRow is a skipped input line.
type MalformedRow struct {
	File   string
	Line   int64 // 1-based
	Reason string
}

func (m MalformedRow) String() string { return fmt.Sprintf("%s:%d: %s", m.File, m.Line, m.Reason) }

// MaxReportedMalformed is how many malformed rows ImportStats lists; the
// rest are counted.
const MaxReportedMalformed = 20

// progressEvery is the least time between two progress reports.
const progressEvery = 250 * time.Millisecond

// maxLine caps one input line. GeoNames lines are at most a few KB (the
// alternatenames column); a longer one is malformed, and is skipped
// without being held in memory.
const maxLine = 1 << 20

// maxAlts caps the alternate names kept per place, so that one place with
// hundreds of names cannot dominate the file or Open's memory.
const maxAlts = 24

// ImportDir is where imported gazetteer files live in a data directory.
func ImportDir(dataDir string) string { return filepath.Join(dataDir, "gazetteer") }

// ImportedFiles lists the imported gazetteer files of a data directory,
// in name order.
func ImportedFiles(dataDir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(ImportDir(dataDir), "imported-*.tsv.gz"))
	if err != nil {
		return nil, err
	}
	return files, nil // Glob sorts
}

const importHeader = "sitrep-gazetteer-import/1"

// Import reads src into dataDir (see ImportSource). Malformed rows are
// counted, the first few listed with their line numbers, and skipped. The
// file appears only when the import completes: it is written to a
// temporary file, synced and renamed, so a cancelled or failed import
// leaves any earlier import of the same name as it was. progress may be
// nil; it is called from Import's goroutine at most about four times a
// second, and once at the end of each phase.
func Import(ctx context.Context, src ImportSource, dataDir string, progress func(ImportProgress)) (ImportStats, error) {
	var st ImportStats
	if src.Path == "" {
		return st, errors.New("gazetteer import: no GeoNames file given")
	}
	name := src.Name
	if name == "" {
		name = baseName(src.Path)
	}
	if !validSetName(name) {
		return st, fmt.Errorf("gazetteer import: bad name %q: use letters, digits, '-', '_' and '.'", name)
	}
	dir := ImportDir(dataDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	final := filepath.Join(dir, "imported-"+name+".tsv.gz")
	tmp, err := os.CreateTemp(dir, ".imported-"+name+"-*.tmp")
	if err != nil {
		return st, err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	zw, _ := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	w := bufio.NewWriterSize(zw, 64<<10)
	fmt.Fprintf(w, "H\t%s\t%s\t%s\n", importHeader, name, Credit)

	im := &importer{ctx: ctx, w: w, st: &st, progress: progress, embedded: embeddedIDs()}
	if len(src.Countries) > 0 {
		im.countries = map[string]bool{}
		for _, c := range src.Countries {
			im.countries[strings.ToUpper(strings.TrimSpace(c))] = true
		}
	}
	if err := im.places(src.Path); err != nil {
		return st, err
	}
	if src.Alternates != "" {
		if err := im.alternates(src.Alternates); err != nil {
			return st, err
		}
	}
	if err := w.Flush(); err != nil {
		return st, err
	}
	if err := zw.Close(); err != nil {
		return st, err
	}
	if err := bw.Flush(); err != nil {
		return st, err
	}
	if err := tmp.Sync(); err != nil {
		return st, err
	}
	if err := tmp.Close(); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return st, err
	}
	done = true
	// The rename is durable once the directory is synced; where a
	// directory cannot be synced the file is still complete.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	st.File = final
	return st, nil
}

func baseName(path string) string {
	b := filepath.Base(path)
	for _, ext := range []string{".zip", ".txt", ".tsv"} {
		b = strings.TrimSuffix(b, ext)
	}
	return b
}

func validSetName(s string) bool {
	if s == "" || s[0] == '.' || len(s) > 100 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

type importer struct {
	ctx       context.Context
	w         *bufio.Writer
	st        *ImportStats
	progress  func(ImportProgress)
	embedded  *idSet
	kept      idSet
	countries map[string]bool
	out       []byte
	last      time.Time
}

func (im *importer) malformed(file string, line int64, reason string) {
	im.st.Malformed++
	if len(im.st.MalformedRows) < MaxReportedMalformed {
		im.st.MalformedRows = append(im.st.MalformedRows, MalformedRow{File: file, Line: line, Reason: reason})
	}
}

// tick checks for cancellation and reports progress when due.
func (im *importer) tick(p ImportProgress, force bool) error {
	select {
	case <-im.ctx.Done():
		return im.ctx.Err()
	default:
	}
	if im.progress != nil && (force || time.Since(im.last) >= progressEvery) {
		im.last = time.Now()
		p.Kept, p.AltNames = im.st.Kept, im.st.AltNames
		im.progress(p)
	}
	return nil
}

// places streams the main table.
func (im *importer) places(path string) error {
	rc, total, err := openSource(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	lr := newLineReader(rc)
	p := ImportProgress{Phase: "places", File: path, TotalBytes: total}
	if err := im.tick(p, true); err != nil {
		return err
	}
	var r geoRow
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", path, lr.n+1, err)
		}
		im.st.Lines = lr.n
		if lr.n%1024 == 0 {
			p.BytesRead, p.Lines = lr.bytes(), lr.n
			if err := im.tick(p, false); err != nil {
				return err
			}
		}
		if lr.tooLong {
			im.malformed(path, lr.n, "line too long")
			continue
		}
		if len(line) == 0 || line[0] == '#' {
			continue // blank lines and comments are not rows
		}
		if err := parseGeoRow(line, &r); err != nil {
			im.malformed(path, lr.n, err.Error())
			continue
		}
		kind, ok := keepFeature(r.class, r.code)
		if !ok || im.embedded.has(r.id) || im.countries != nil && !im.countries[string(r.cc)] {
			im.st.Filtered++
			continue
		}
		im.out = appendPlace(im.out[:0], &r, kind)
		if _, err := im.w.Write(im.out); err != nil {
			return err
		}
		im.kept.add(r.id)
		im.st.Kept++
	}
	im.st.Lines = lr.n
	p.BytesRead, p.Lines = lr.bytes(), lr.n
	return im.tick(p, true)
}

// alternates streams alternateNamesV2 and writes "L" rows (L, id, name)
// for the kept places. A name prefixed with "=" is a preferred or short
// English (or language-neutral) name: an alias as strong as the name.
func (im *importer) alternates(path string) error {
	rc, total, err := openSource(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	lr := newLineReader(rc)
	p := ImportProgress{Phase: "alternates", File: path, TotalBytes: total}
	if err := im.tick(p, true); err != nil {
		return err
	}
	var a altRow
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", path, lr.n+1, err)
		}
		im.st.AltLines = lr.n
		if lr.n%1024 == 0 {
			p.BytesRead, p.Lines = lr.bytes(), lr.n
			if err := im.tick(p, false); err != nil {
				return err
			}
		}
		if lr.tooLong {
			im.malformed(path, lr.n, "line too long")
			continue
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if err := parseAltRow(line, &a); err != nil {
			im.malformed(path, lr.n, err.Error())
			continue
		}
		if !im.kept.has(a.id) || !usefulAlt(&a) {
			continue
		}
		im.out = append(im.out[:0], "L\t"...)
		im.out = strconv.AppendInt(im.out, int64(a.id), 10)
		im.out = append(im.out, '\t')
		if a.preferred && (len(a.lang) == 0 || string(a.lang) == "en") {
			im.out = append(im.out, '=')
		}
		im.out = append(im.out, bytes.TrimSpace(a.name)...)
		im.out = append(im.out, '\n')
		if _, err := im.w.Write(im.out); err != nil {
			return err
		}
		im.st.AltNames++
	}
	im.st.AltLines = lr.n
	p.BytesRead, p.Lines = lr.bytes(), lr.n
	return im.tick(p, true)
}

// keepFeature decides which GeoNames features become gazetteer entries and
// of what kind (the kind letters of "P" rows):
//   - P, populated places, except abandoned, historical and destroyed
//     ones (PPLQ, PPLH, PPLW): not where news happens. Sections of towns,
//     localities, farms and settlements are points, capitals and
//     provincial seats get their letters as in the embedded data.
//   - A: ADM1 and ADM2 (Open drops those the embedded tables already
//     hold), ADM3 (tehsils, sub-districts: named in reports as places of
//     their own). Countries are embedded and curated; ADM4/ADM5 mostly
//     repeat the town they are named after; historical divisions are not
//     current places.
//   - L: areas, localities and regions ("X area", the Makran): points.
//   - S: only the spots where incidents are reported — airports and
//     airfields, military bases and installations, border, customs and
//     police posts, prisons, refugee camps, forts, dams — not the millions
//     of hotels, schools, mosques and farms.
//
// Hydrographic, terrain, road and vegetation features are left out.
func keepFeature(class, code []byte) (byte, bool) {
	if len(class) != 1 {
		return 0, false
	}
	c := string(code)
	switch class[0] {
	case 'P':
		switch c {
		case "PPLQ", "PPLH", "PPLW":
			return 0, false
		case "PPLC":
			return 'k', true
		case "PPLA":
			return 'a', true
		case "PPLX", "PPLL", "PPLF", "PPLR", "STLMT":
			return 'p', true
		}
		return 'c', true
	case 'A':
		switch c {
		case "ADM1":
			return '1', true
		case "ADM2":
			return '2', true
		case "ADM3":
			return '3', true
		}
	case 'L':
		switch c {
		case "AREA", "LCTY", "RGN":
			return 'p', true
		}
	case 'S':
		switch c {
		case "AIRP", "AIRB", "AIRF", "AIRH", "MILB", "INSM", "PSTB", "PSTC", "PSTP", "PRN", "CMPRF", "FT", "DAM":
			return 'p', true
		}
	}
	return 0, false
}

// appendPlace writes r as a "P" row (see addPlace): the ASCII name as an
// alias ("=") when it differs, then the Latin-script alternates.
func appendPlace(b []byte, r *geoRow, kind byte) []byte {
	b = append(b, "P\t"...)
	b = strconv.AppendInt(b, int64(r.id), 10)
	b = append(b, '\t')
	b = append(b, cleanName(r.name)...)
	b = append(b, '\t')
	b = append(b, r.cc...)
	b = append(b, '\t')
	b = append(b, r.a1...)
	b = append(b, '\t')
	b = append(b, r.a2...)
	b = append(b, '\t')
	b = strconv.AppendFloat(b, r.lat, 'f', -1, 64)
	b = append(b, '\t')
	b = strconv.AppendFloat(b, r.lon, 'f', -1, 64)
	b = append(b, '\t')
	b = strconv.AppendInt(b, r.pop, 10)
	b = append(b, '\t', kind, '\t')
	n := 0
	name := cleanName(r.name)
	if a := cleanName(r.ascii); len(a) > 0 && !bytes.Equal(a, name) && usableName(a) {
		b = append(b, '=')
		b = append(b, a...)
		n++
	}
	alts := r.alts
	for len(alts) > 0 && n < maxAlts {
		var a []byte
		a, alts, _ = bytes.Cut(alts, []byte{','})
		a = cleanName(a)
		if !usableName(a) || bytes.Equal(a, name) {
			continue
		}
		if n > 0 {
			b = append(b, ';')
		}
		b = append(b, a...)
		n++
	}
	return append(b, '\n')
}

// cleanName trims spaces and the markers the row format gives meaning to
// ("~" container-only, "=" alias).
func cleanName(s []byte) []byte {
	return bytes.TrimLeft(bytes.TrimSpace(s), "~=")
}

// usableName keeps the alternate names a reader of English news may meet,
// as the generator of the embedded data does: Latin script, capitalised,
// no digits, not all capitals (airport and postal codes), no glosses.
func usableName(s []byte) bool {
	if utf8.RuneCount(s) < 3 || len(s) > 60 || bytes.ContainsAny(s, ";\t") || bytes.Contains(s, []byte(" - ")) {
		return false
	}
	lower := false
	for i, r := range string(s) {
		switch {
		case r > 0x24F && (r < 0x1E00 || r > 0x1EFF): // beyond Latin
			return false
		case unicode.IsDigit(r), unicode.IsControl(r):
			return false
		case i == 0 && !unicode.IsUpper(r):
			return false
		case unicode.IsLower(r):
			lower = true
		}
	}
	return lower
}

// usefulAlt: names, not codes or links; current, not historic or slang.
func usefulAlt(a *altRow) bool {
	if a.historic || a.colloquial || !usableName(bytes.TrimSpace(a.name)) {
		return false
	}
	// Language codes are 2 or 3 letters, optionally with a script or
	// country ("fa-Latn"); GeoNames' pseudo-languages (post, link, iata,
	// icao, wkdt, abbr, fr_1793 …) are longer or carry an underscore.
	l := a.lang
	if i := bytes.IndexByte(l, '-'); i >= 0 {
		l = l[:i]
	}
	return len(a.lang) == 0 || len(l) >= 2 && len(l) <= 3 && !bytes.ContainsRune(l, '_')
}

// geoRow is one main-table row; its byte fields view the line.
type geoRow struct {
	id                int32
	name, ascii, alts []byte
	lat, lon          float64
	class, code       []byte
	cc, a1, a2        []byte
	pop               int64
	fields            [19][]byte
}

// parseGeoRow parses a GeoNames main-table line (without its newline):
// geonameid, name, asciiname, alternatenames, latitude, longitude,
// feature class, feature code, country code, cc2, admin1..admin4 codes,
// population, elevation, dem, timezone, modification date.
func parseGeoRow(line []byte, r *geoRow) error {
	if !utf8.Valid(line) {
		return errors.New("invalid UTF-8")
	}
	n := splitTabs(line, r.fields[:])
	if n != len(r.fields) {
		return fmt.Errorf("%d columns, want 19", n)
	}
	f := &r.fields
	id, err := strconv.ParseInt(string(f[0]), 10, 32)
	if err != nil || id <= 0 {
		return fmt.Errorf("bad geonameid %q", clip(f[0]))
	}
	r.id = int32(id)
	r.name, r.ascii, r.alts = f[1], f[2], f[3]
	if len(cleanName(r.name)) == 0 {
		return errors.New("empty name")
	}
	if hasControl(r.name) || hasControl(r.ascii) {
		return errors.New("control character in name")
	}
	if r.lat, err = strconv.ParseFloat(string(f[4]), 64); err != nil || !(r.lat >= -90 && r.lat <= 90) {
		return fmt.Errorf("bad latitude %q", clip(f[4]))
	}
	if r.lon, err = strconv.ParseFloat(string(f[5]), 64); err != nil || !(r.lon >= -180 && r.lon <= 180) {
		return fmt.Errorf("bad longitude %q", clip(f[5]))
	}
	r.class, r.code = f[6], f[7]
	r.cc, r.a1, r.a2 = f[8], f[10], f[11]
	if len(r.cc) != 0 && !isCode(r.cc, 2) {
		return fmt.Errorf("bad country code %q", clip(r.cc))
	}
	// Admin codes become lookup keys joined by dots: they must not hold
	// the separators of the output format.
	if !isCode(r.a1, 20) || !isCode(r.a2, 80) {
		return errors.New("bad admin code")
	}
	r.pop = 0
	if len(f[14]) > 0 {
		if r.pop, err = strconv.ParseInt(string(f[14]), 10, 64); err != nil || r.pop < 0 {
			return fmt.Errorf("bad population %q", clip(f[14]))
		}
	}
	return nil
}

// altRow is one alternateNamesV2 row.
type altRow struct {
	id                              int32
	lang, name                      []byte
	preferred, historic, colloquial bool
	fields                          [10][]byte
}

// parseAltRow parses an alternate-names line: alternateNameId, geonameid,
// isolanguage, alternate name, isPreferredName, isShortName, isColloquial,
// isHistoric, from, to. The older 8-column file (without from and to) is
// read too.
func parseAltRow(line []byte, a *altRow) error {
	if !utf8.Valid(line) {
		return errors.New("invalid UTF-8")
	}
	n := splitTabs(line, a.fields[:])
	if n != 10 && n != 8 {
		return fmt.Errorf("%d columns, want 10", n)
	}
	f := &a.fields
	if _, err := strconv.ParseInt(string(f[0]), 10, 64); err != nil {
		return fmt.Errorf("bad alternateNameId %q", clip(f[0]))
	}
	id, err := strconv.ParseInt(string(f[1]), 10, 32)
	if err != nil || id <= 0 {
		return fmt.Errorf("bad geonameid %q", clip(f[1]))
	}
	a.id = int32(id)
	a.lang, a.name = f[2], f[3]
	if hasControl(a.name) {
		// a line break or tab inside a name would break the record written
		return fmt.Errorf("control character in name %q", clip(a.name))
	}
	flag := func(b []byte) (bool, error) {
		switch string(b) {
		case "", "0":
			return false, nil
		case "1":
			return true, nil
		}
		return false, fmt.Errorf("bad flag %q", clip(b))
	}
	var short bool
	if a.preferred, err = flag(f[4]); err == nil {
		if short, err = flag(f[5]); err == nil {
			if a.colloquial, err = flag(f[6]); err == nil {
				a.historic, err = flag(f[7])
			}
		}
	}
	a.preferred = a.preferred || short
	return err
}

func hasControl(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// splitTabs splits line at tabs into out and returns the number of fields
// found, which is more than len(out) when the line has too many.
func splitTabs(line []byte, out [][]byte) int {
	n := 0
	for {
		i := bytes.IndexByte(line, '\t')
		if n < len(out) {
			if i < 0 {
				out[n] = line
			} else {
				out[n] = line[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		line = line[i+1:]
	}
}

func isCode(b []byte, max int) bool {
	if len(b) > max {
		return false
	}
	for _, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// clip shortens a field quoted in an error message.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// openSource opens a plain file or the data file inside a GeoNames zip
// and returns its uncompressed size when known (else -1).
func openSource(path string) (io.ReadCloser, int64, error) {
	if !strings.EqualFold(filepath.Ext(path), ".zip") {
		f, err := os.Open(path)
		if err != nil {
			return nil, 0, err
		}
		size := int64(-1)
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return f, size, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, 0, err
	}
	// GeoNames zips hold NAME.txt (plus readme.txt, and for the alternate
	// names iso-languagecodes.txt): take the entry named like the zip,
	// else the only .txt entry that is not a readme.
	want := baseName(path) + ".txt"
	var pick *zip.File
	var txt []*zip.File
	for _, f := range zr.File {
		b := filepath.Base(f.Name)
		if strings.EqualFold(b, want) {
			pick = f
			break
		}
		if strings.HasSuffix(strings.ToLower(b), ".txt") && !strings.EqualFold(b, "readme.txt") && !strings.EqualFold(b, "iso-languagecodes.txt") {
			txt = append(txt, f)
		}
	}
	if pick == nil && len(txt) == 1 {
		pick = txt[0]
	}
	if pick == nil {
		zr.Close()
		return nil, 0, fmt.Errorf("%s: no %s inside", path, want)
	}
	rc, err := pick.Open()
	if err != nil {
		zr.Close()
		return nil, 0, err
	}
	size := int64(-1)
	if pick.UncompressedSize64 <= math.MaxInt64 {
		size = int64(pick.UncompressedSize64)
	}
	return zipEntry{rc, zr}, size, nil
}

type zipEntry struct {
	io.ReadCloser
	zr *zip.ReadCloser
}

func (z zipEntry) Close() error {
	err := z.ReadCloser.Close()
	if e := z.zr.Close(); err == nil {
		err = e
	}
	return err
}

// lineReader yields lines without their "\n" or "\r\n", counting them and
// the bytes read. Lines longer than maxLine are skipped whole and flagged.
type lineReader struct {
	cr      countingReader
	br      *bufio.Reader
	buf     []byte
	n       int64
	tooLong bool
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{cr: countingReader{r: r}}
	lr.br = bufio.NewReaderSize(&lr.cr, 64<<10)
	return lr
}

// bytes is how much of the input the lines returned so far took.
func (lr *lineReader) bytes() int64 { return lr.cr.n - int64(lr.br.Buffered()) }

func (lr *lineReader) next() ([]byte, error) {
	lr.tooLong = false
	lr.buf = lr.buf[:0]
	var line []byte
	for {
		frag, err := lr.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if !lr.tooLong {
				if len(lr.buf)+len(frag) > maxLine {
					lr.tooLong, lr.buf = true, lr.buf[:0]
				} else {
					lr.buf = append(lr.buf, frag...)
				}
			}
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == io.EOF && len(frag) == 0 && len(lr.buf) == 0 && !lr.tooLong {
			return nil, io.EOF
		}
		line = frag
		if len(lr.buf) > 0 {
			lr.buf = append(lr.buf, frag...)
			line = lr.buf
		}
		break
	}
	lr.n++
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if lr.tooLong {
		return nil, nil
	}
	return line, nil
}

// idSet is a set of GeoNames ids: a bitset up to bitsetMax (ids are dense
// and below ~13 M today, so one bit each is the smallest set), a map above
// it so that a stray huge id cannot make the bitset huge.
type idSet struct {
	bits []uint64
	big  map[int32]struct{}
}

const bitsetMax = 1 << 27 // 16 MB of bits at most

func (s *idSet) add(id int32) {
	if id < 0 {
		return
	}
	if id >= bitsetMax {
		if s.big == nil {
			s.big = map[int32]struct{}{}
		}
		s.big[id] = struct{}{}
		return
	}
	w := int(id >> 6)
	if w >= len(s.bits) {
		// Ids come roughly in order: grow by an eighth, not by doubling,
		// so the set stays near one bit per id up to the largest.
		n := w + 1 + w/8
		bits := make([]uint64, n)
		copy(bits, s.bits)
		s.bits = bits
	}
	s.bits[w] |= 1 << (uint(id) & 63)
}

func (s *idSet) has(id int32) bool {
	if s == nil || id < 0 {
		return false
	}
	if id >= bitsetMax {
		_, ok := s.big[id]
		return ok
	}
	w := int(id >> 6)
	return w < len(s.bits) && s.bits[w]&(1<<(uint(id)&63)) != 0
}

// embeddedIDs is the set of GeoNames ids of the embedded places, read
// from its "P" rows without loading it. (Divisions are matched by their
// admin codes instead, at Open.)
var embeddedIDs = sync.OnceValue(func() *idSet {
	s := &idSet{}
	zr, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		panic("gazetteer: embedded data: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	var f [5][]byte
	for sc.Scan() {
		line := sc.Bytes()
		if bytes.HasPrefix(line, []byte("P\t")) {
			splitTabs(line, f[:])
			if id, err := strconv.ParseInt(string(f[1]), 10, 32); err == nil {
				s.add(int32(id))
			}
		}
	}
	if err := sc.Err(); err != nil {
		panic("gazetteer: embedded data: " + err.Error())
	}
	return s
})
