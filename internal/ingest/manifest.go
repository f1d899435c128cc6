package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sitrep/internal/errs"
)

// ManifestNames are the files read as the metadata of the files beside
// them: one entry per file, with the fields of manifestEntry, as JSON
// Lines or as CSV with a header row.
var ManifestNames = []string{"manifest.jsonl", "manifest.csv"}

// maxManifest caps a manifest's size (64 MiB: about half a million lines).
const maxManifest = 64 << 20

// manifest is the metadata of one folder's files, by file name.
type manifest struct {
	path    string
	entries map[string]Metadata
}

// manifestEntry is one line of a manifest. "source" is the outlet, as in
// the JSON Lines batch format; "outlet" is accepted as well.
type manifestEntry struct {
	File      string `json:"file"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Language  string `json:"language"`
	line      int    // where it is in the manifest
}

// manifest returns the manifest of a folder, reading it the first time;
// nil when the folder has none. Lines that cannot be used are reported as
// failed records, once, and the others kept.
func (w *walker) manifest(dir string) (*manifest, error) {
	dir = filepath.Clean(dir)
	if m, ok := w.manifests[dir]; ok {
		return m, nil
	}
	w.manifests[dir] = nil
	for _, n := range ManifestNames {
		p := filepath.Join(dir, n)
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		m, problems := readManifest(p)
		w.manifests[dir] = m
		for _, pr := range problems {
			if err := w.fn(pr); err != nil {
				return nil, err
			}
		}
		return m, nil
	}
	return nil, nil
}

// readManifest reads a manifest file; problems are failed records naming
// the line.
func readManifest(path string) (*manifest, []Record) {
	m := &manifest{path: filepath.Clean(path), entries: map[string]Metadata{}}
	fail := func(where string, err error) Record {
		return Record{Source: where, Err: errs.E(errs.Op("read manifest"), errs.Path(where), errs.Invalid, err)}
	}
	f, err := os.Open(path)
	if err != nil {
		return m, []Record{fail(path, err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return m, []Record{fail(path, err)}
	}
	if len(data) > maxManifest {
		return m, []Record{fail(path, fmt.Errorf("larger than %d bytes", maxManifest))}
	}
	var lines []manifestEntry
	var problems []Record
	if strings.HasSuffix(path, ".csv") {
		lines, problems = manifestCSV(data, path, fail)
	} else {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, maxManifest)
		for n := 1; sc.Scan(); n++ {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			var e manifestEntry
			if err := json.Unmarshal(line, &e); err != nil {
				problems = append(problems, fail(fmt.Sprintf("%s:%d", path, n), errors.New("not a JSON object")))
				continue
			}
			e.line = n
			lines = append(lines, e)
		}
	}
	for _, e := range lines {
		where := fmt.Sprintf("%s:%d", path, e.line)
		if e.File == "" {
			problems = append(problems, fail(where, errors.New(`no "file"`)))
			continue
		}
		if e.Published != "" {
			if err := ValidDate(e.Published); err != nil {
				problems = append(problems, fail(where, err))
				e.Published = ""
			}
		}
		// A manifest names the files of its own folder.
		m.entries[filepath.Base(filepath.Clean(e.File))] = Metadata{Published: e.Published, Outlet: firstNonEmpty(e.Outlet, e.Source),
			Title: e.Title, URL: e.URL, Language: e.Language}
	}
	return m, problems
}

// manifestCSV reads a CSV manifest: a header row naming the fields, then
// one row per file.
func manifestCSV(data []byte, path string, fail func(string, error) Record) ([]manifestEntry, []Record) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, []Record{fail(path, err)}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["file"]; !ok {
		return nil, []Record{fail(path+":1", errors.New(`the header row has no "file" column`))}
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out []manifestEntry
	for i, row := range rows[1:] {
		out = append(out, manifestEntry{File: get(row, "file"), Published: get(row, "published"), Source: get(row, "source"),
			Outlet: get(row, "outlet"), Title: get(row, "title"), URL: get(row, "url"), Language: get(row, "language"), line: i + 2})
	}
	return out, nil
}
