package extract

import (
	"encoding/json"
	"strings"
	"testing"

	"sitrep"
)

// FuzzExtract runs the whole extractor on short texts: it must not fail,
// every evidence span must be the text it claims at its offsets, and
// every event and claim id must be usable as a key (non-empty, unique,
// without '#').
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"A suicide bomber struck a rally in Quetta on Tuesday, killing 15 people, police said.",
		"The Coastal Rights Forum accused the army of backing the militants, an allegation the army denied.",
		"Gunmen abducted three students in Turbat on Friday (August 8), their families said.",
		"“We will strike again,” the group said in a statement on 12 November.",
		"At least nine were killed and over a hundred wounded in Kabul.\n\nOfficials said 4",
	} {
		f.Add(s, "2025-09-03")
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text, published string) {
		if len(text) > 1024 {
			return // longer texts are more sentences of the same
		}
		r := x.Extract(sitrep.Document{Text: text, Published: published})
		ids := map[string]bool{}
		check := func(kind, id string, ev []sitrep.Span) {
			if id == "" || ids[kind+id] || strings.ContainsRune(id, '#') {
				t.Fatalf("%s id %q empty, repeated or with '#'", kind, id)
			}
			ids[kind+id] = true
			for _, sp := range ev {
				if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text) || text[sp.Start:sp.End] != sp.Text {
					t.Fatalf("%s %s: evidence %d-%d %q is not the text there", kind, id, sp.Start, sp.End, sp.Text)
				}
			}
		}
		for _, e := range r.Events {
			check("event", e.ID, e.Evidence)
		}
		for _, c := range r.Claims {
			check("claim", c.ID, c.Evidence)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("result does not encode: %v", err)
		}
	})
}
