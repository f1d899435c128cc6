package numbers

import (
	"testing"
	"unicode/utf8"
)

func TestFind(t *testing.T) {
	tests := []struct {
		in              string
		text            string
		low, best, high int
	}{
		{"A bomb killed 52 people.", "52", 52, 52, 52},
		{"Some four hundred and sixty three people vanished.", "Some four hundred and sixty three", -1, 463, -1},
		{"In all, four hundred and sixty three people vanished.", "four hundred and sixty three", 463, 463, 463},
		{"over a hundred more were hurt", "over a hundred", 100, 100, -1},
		{"at least 9 soldiers died", "at least 9", 9, 9, -1},
		{"around 60 people", "around 60", -1, 60, -1},
		{"more than 169 bodies", "more than 169", 169, 169, -1},
		{"dozens of villagers", "dozens", 24, 24, -1},
		{"up to 30 guards", "up to 30", -1, 30, 30},
		{"between 10 and 15 rebels", "between 10 and 15", 10, 10, 15},
		{"10-15 rebels", "10-15", 10, 10, 15},
		{"1,200 families", "1,200", 1200, 1200, 1200},
		{"1.5 million refugees", "1.5 million", 1500000, 1500000, 1500000},
		{"TWO POLICEMEN WERE WOUNDED", "TWO", 2, 2, 2},
		{"FOUR HUNDRED PEASANTS", "FOUR HUNDRED", 400, 400, 400},
		{"a dozen shops burned", "a dozen", 12, 12, 12},
		{"sixty-three shops burned", "sixty-three", 63, 63, 63},
		{"numerous injuries were reported", "numerous", -1, -1, -1},
	}
	for _, tt := range tests {
		got := Find(tt.in)
		if len(got) != 1 {
			t.Errorf("%q: want one number, got %+v", tt.in, got)
			continue
		}
		g := got[0]
		if g.Text != tt.text || g.Low != tt.low || g.Best != tt.best || g.High != tt.high {
			t.Errorf("%q: got %q %d/%d/%d, want %q %d/%d/%d", tt.in, g.Text, g.Low, g.Best, g.High, tt.text, tt.low, tt.best, tt.high)
		}
	}
}

func TestNotCounts(t *testing.T) {
	for _, in := range []string{
		"in 2015 the war widened",
		"since 1948 the province",
		"on 12 November the shrine",
		"September 2 was quiet",
		"at 7:45 pm the lights",
		"a $46 billion corridor",
		"under LAW 18314 the junta",
		"on 01/02/2021 nothing",
		"one of the guards",
		"15 percent of voters",
	} {
		for _, n := range Find(in) {
			if n.Best >= 0 {
				t.Errorf("%q: %q is not a head count", in, n.Text)
			}
		}
	}
}

func TestParse(t *testing.T) {
	n, ok := Parse("four hundred and sixty three")
	if !ok || n.Best != 463 {
		t.Fatalf("got %+v %v", n, ok)
	}
	if _, ok := Parse("the army"); ok {
		t.Fatal("words without a number parsed")
	}
}

func FuzzFind(f *testing.F) {
	f.Add("at least 9 and up to 1,200 or four hundred and sixty-three")
	f.Add("between 10 and 15, 1.5 million, a dozen, TWO")
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range Find(s) {
			if n.Start < 0 || n.End > len(s) || n.Start >= n.End || s[n.Start:n.End] != n.Text {
				t.Fatalf("bad span %+v", n)
			}
			if !utf8.ValidString(s) {
				continue
			}
			if !utf8.RuneStart(s[n.Start]) {
				t.Fatalf("span starts inside a rune: %+v", n)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	s := ""
	for i := 0; i < 30; i++ {
		s += "At least 12 people were killed and over a hundred injured when gunmen attacked a market on 3 May 2024. "
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Find(s)
	}
}
