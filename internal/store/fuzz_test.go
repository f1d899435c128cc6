package store

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"sitrep"
)

// FuzzPrepareEdit: any status, field and value sent to the edit API is
// refused or applies to an event without breaking it: the edited event
// still encodes, its date range is well-formed, and its figures too.
func FuzzPrepareEdit(f *testing.F) {
	for _, s := range [][3]string{{"edit", "killed", "15-16"}, {"edit", "date", "2025-09-01/2025-09-03"}, {"edit", "location", "30.18, 67.0"},
		{"edit", "country", "pk"}, {"confirm", "", ""}, {"edit", "place", ""}, {"edit", "killed", "-3"}, {"edit", "date", "2025-02-30"}} {
		f.Add(s[0], s[1], s[2])
	}
	lat, lon, n := 30.18, 67.0, 15
	base := sitrep.Event{ID: "e1", Type: sitrep.Bombing, Modality: sitrep.Asserted,
		Date:   &sitrep.Date{Start: "2025-09-02", End: "2025-09-02", Precision: sitrep.PrecisionDay},
		Place:  &sitrep.Place{Name: "Quetta", Lat: &lat, Lon: &lon},
		Killed: &sitrep.Count{Low: &n, Best: &n, High: &n}}
	now := time.Date(2025, 9, 6, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, status, field, value string) {
		e, err := PrepareEdit(Edit{EventKey: "sha256:" + strings.Repeat("a", 64) + "#e1", Status: status, Field: field, Value: value, Who: "ana"}, now)
		if err != nil {
			return
		}
		ev, _, _ := ApplyEdits(base, []Edit{e})
		if _, err := json.Marshal(ev); err != nil {
			t.Fatalf("edited event does not encode: %v", err)
		}
		if start, end := DateRange(ev); start != "" && (!ValidDate(start) || !ValidDate(end) || end < start) {
			t.Fatalf("edit %q=%q gave date range %s/%s", field, value, start, end)
		}
		for _, c := range []*sitrep.Count{ev.Killed, ev.Injured} {
			if c != nil && c.Low != nil && c.High != nil && *c.Low > *c.High {
				t.Fatalf("edit %q=%q gave figures %d-%d", field, value, *c.Low, *c.High)
			}
		}
		if base.Killed == nil || *base.Killed.Best != 15 || base.Place.Name != "Quetta" {
			t.Fatal("an edit changed the extracted event it was applied to")
		}
	})
}

// FuzzParseHead: a line of the heads journal, which anyone who can write
// the data directory can change, parses to a head that prints back as
// the same fields, or is skipped.
func FuzzParseHead(f *testing.F) {
	f.Add("19 4BSEuQvX4ZP+4vsHfdtz1NFydWQzwKBg7AFQ98vCxPE= 2025-09-06T09:00:00Z derived=1,edit=2")
	f.Add("0 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= 2025-09-06T09:00:00Z")
	f.Add("-1 x y z")
	f.Fuzz(func(t *testing.T, line string) {
		h, ok := parseHead(line)
		if !ok {
			return
		}
		again, ok := parseHead(h.String())
		if !ok || again.Size != h.Size || again.Hash != h.Hash || !again.At.Equal(h.At) || len(again.Added) != len(h.Added) {
			t.Fatalf("%q parsed to %+v, which prints as %q and parses to %+v", line, h, h.String(), again)
		}
	})
}

// FuzzParseQuery: a search query's terms are lower-case words, and
// matching and snippets over any text stay inside it.
func FuzzParseQuery(f *testing.F) {
	f.Add(`"enforced disappearance" Turbat*`, "Two students were forcibly disappeared from Turbat.")
	f.Add("ß* İstanbul", "STRASSE İSTANBUL ǅ")
	f.Fuzz(func(t *testing.T, q, text string) {
		terms, err := ParseQuery(q)
		if err != nil {
			return
		}
		for _, term := range terms {
			for _, tok := range term.Tokens {
				if tok == "" || strings.ContainsAny(tok, "\" *") {
					t.Fatalf("query %q gave token %q", q, tok)
				}
			}
		}
		Match(terms, text)
		Snippet(text, terms, 16)
	})
}

// FuzzParseNear: a search circle typed on the command line or sent to the
// API is refused or lies on the Earth with a positive radius.
func FuzzParseNear(f *testing.F) {
	for _, s := range []string{"30.18,67.0,50", "NaN,0,5", "91,0,5", "0,0,-1", "0, 0, 1e9", "1,2", "Inf,1,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNear(s)
		if err != nil {
			return
		}
		if !(n.Lat >= -90 && n.Lat <= 90 && n.Lon >= -180 && n.Lon <= 180 && n.KM > 0 && n.KM <= MaxNearKM) {
			t.Fatalf("ParseNear(%q) = %+v", s, *n)
		}
	})
}

// FuzzDecodeRecord: a custody log record, which anyone who can write the
// database file can change, decodes or is refused, and what it is about
// can always be named.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(EditRec(Edit{ID: 1, EventKey: "sha256:ab#e1", Status: EditConfirm, Who: "ana"}).Encode())
	f.Add([]byte(`{"kind":"original"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeRecord(b)
		if err != nil {
			return
		}
		r.Subject()
		r.Legacy()
		r.Encode()
	})
}
