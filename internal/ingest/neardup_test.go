package ingest

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// plainShingles and plainBody are the straightforward forms of shingles
// and body (lower-case the text, split it into words, join the lines
// back): the signatures stored by earlier versions were made this way,
// so the allocation-free forms must give the same shingles.
func plainShingles(text string) []uint64 {
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []uint64
	for i := 0; i+shingleWords <= len(ws); i++ {
		v := uint64(fnvOffset)
		for _, w := range ws[i : i+shingleWords] {
			for j := 0; j < len(w); j++ {
				v = (v ^ uint64(w[j])) * fnvPrime
			}
			v *= fnvPrime
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func plainBody(text string) string {
	lines := strings.Split(text, "\n")
	long := func(l string) bool { return len(strings.Fields(l)) >= 12 }
	i, j := 0, len(lines)
	for i < j && !long(lines[i]) {
		i++
	}
	for j > i && !long(lines[j-1]) {
		j--
	}
	if i >= j {
		return text
	}
	return strings.Join(lines[i:j], "\n")
}

var shingleTexts = []string{
	"",
	"Too short to shingle.",
	"Gunmen OPENED fire on a bus near the market, killing six people, the police said on Tuesday.",
	"Header line\n\nThe provincial governor said that three soldiers were wounded when a roadside bomb struck their vehicle.\nThe attack was the second this week in the district, officials said.\n\nShare this story\n",
	"ÉTAT d'urgence : İstanbul'da ΣΕΙΣΜΟΣ, 12 KİŞİ öldü; Kelvin \u212a sign, ǅungla, straße STRASSE and \u0130I.",
	"invalid \xff\xfe bytes\xc3 between w\x80ords of a line that goes on for a while to make shingles here",
	"no\u00a0break\u00a0spaces\u0085next\u2028line\tand\ttabs one two three four five six seven eight nine ten eleven twelve",
	"a\nb\n\n" + strings.Repeat("word ", 12) + "\n" + strings.Repeat("other ", 13) + "\nshort tail\n",
}

func TestShinglesAsPlain(t *testing.T) {
	for _, s := range shingleTexts {
		if got, want := shingles(s), plainShingles(s); !slices.Equal(got, want) {
			t.Errorf("shingles(%q): %d shingles, plain form %d", s, len(got), len(want))
		}
		if got, want := body(s), plainBody(s); got != want {
			t.Errorf("body(%q) = %q, plain form %q", s, got, want)
		}
	}
}

func FuzzShingles(f *testing.F) {
	for _, s := range shingleTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := shingles(s), plainShingles(s); !slices.Equal(got, want) {
			t.Errorf("shingles(%q): %v, plain form %v", s, got, want)
		}
		if got, want := body(s), plainBody(s); got != want {
			t.Errorf("body(%q) = %q, plain form %q", s, got, want)
		}
	})
}
