package recognise

import (
	"testing"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/gazetteer"
)

// A sentence wholly inside a quote is InQuote whatever marks enclose it:
// curly marks are three bytes each, straight ones one.
func TestInQuote(t *testing.T) {
	r := &Recogniser{KB: actors.Default(), Gaz: gazetteer.Default()}
	for _, c := range []struct {
		text string
		want []bool
	}{
		{"“We will not rest until the people of the valley are safe again.” The minister spoke on Monday.", []bool{true, false}},
		{"\"We will not rest until the people of the valley are safe again.\" The minister spoke on Monday.", []bool{true, false}},
		{"The minister said: “We will not rest until the people of the valley are safe again.”", []bool{false}},
	} {
		rd := r.Read(sitrep.Document{Text: c.text})
		if len(rd.Sentences) != len(c.want) {
			t.Fatalf("%q: %d sentences, want %d", c.text, len(rd.Sentences), len(c.want))
		}
		for i, s := range rd.Sentences {
			if s.InQuote != c.want[i] {
				t.Errorf("%q: sentence %d InQuote = %v, want %v", c.text, i, s.InQuote, c.want[i])
			}
		}
	}
}
