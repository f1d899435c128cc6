package numbers

import (
	"strings"
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
		{"a hundred families fled", "a hundred", 100, 100, 100},
		{"at least 9 soldiers died", "at least 9", 9, 9, -1},
		{"AT LEAST NINE SOLDIERS DIED", "AT LEAST NINE", 9, 9, -1},
		{"around 60 people", "around 60", -1, 60, -1},
		{"nearly 200 homes", "nearly 200", -1, 200, -1},
		{"an estimated 3,000 marchers", "an estimated 3,000", -1, 3000, -1},
		{"more than 169 bodies", "more than 169", 169, 169, -1},
		{"no fewer than 40 cadets", "no fewer than 40", 40, 40, -1},
		{"dozens of villagers", "dozens", 24, 24, -1},
		{"hundreds of thousands of refugees", "hundreds of thousands", 200000, 200000, -1},
		{"tens of thousands marched", "tens of thousands", 20000, 20000, -1},
		{"several hundred guards", "several hundred", 300, 300, -1},
		{"several guards", "several", 3, 3, -1},
		{"a few guards", "a few", 2, 2, -1},
		{"up to 30 guards", "up to 30", -1, 30, 30},
		{"fewer than 30 guards", "fewer than 30", -1, 30, 30},
		{"as many as 70 miners", "as many as 70", -1, 70, 70},
		{"between 10 and 15 rebels", "between 10 and 15", 10, 10, 15},
		{"from 10 to 15 rebels", "from 10 to 15", 10, 10, 15},
		{"10-15 rebels", "10-15", 10, 10, 15},
		{"10 to 15 rebels", "10 to 15", 10, 10, 15},
		{"two or three rebels", "two or three", 2, 2, 3},
		{"1,200 families", "1,200", 1200, 1200, 1200},
		{"1.5 million refugees", "1.5 million", 1500000, 1500000, 1500000},
		{"3 lakh pilgrims", "3 lakh", 300000, 300000, 300000},
		{"TWO POLICEMEN WERE WOUNDED", "TWO", 2, 2, 2},
		{"FOUR HUNDRED PEASANTS", "FOUR HUNDRED", 400, 400, 400},
		{"a dozen shops burned", "a dozen", 12, 12, 12},
		{"more than a dozen shops burned", "more than a dozen", 12, 12, -1},
		{"two dozen shops burned", "two dozen", 24, 24, 24},
		{"sixty-three shops burned", "sixty-three", 63, 63, 63},
		{"twenty one shops burned", "twenty one", 21, 21, 21},
		{"one thousand two hundred and five votes", "one thousand two hundred and five", 1205, 1205, 1205},
		{"one soldier died", "one", 1, 1, 1},
		{"numerous injuries were reported", "numerous", -1, -1, -1},
		{"1500 soldiers were deployed", "1500", 1500, 1500, 1500},
		{"both attackers fled", "both", 2, 2, 2},
		{"a 12 km stretch", "12", 12, 12, 12},
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

func TestSeveralInOrder(t *testing.T) {
	got := Find("Nine were killed and 14 hurt; about 30 fled, and dozens more hid.")
	var parts []string
	for _, n := range got {
		parts = append(parts, n.Text)
	}
	if s := strings.Join(parts, "|"); s != "Nine|14|about 30|dozens" {
		t.Errorf("got %s", s)
	}
}

func TestNotCounts(t *testing.T) {
	for _, in := range []string{
		"in 2015 the war widened",
		"since 1948 the province",
		"on 12 November the shrine",
		"September 2 was quiet",
		"on Sep. 5 the shrine",
		"at 7:45 pm the lights",
		"at 9 pm the lights",
		"a $46 billion corridor",
		"a fine of Rs 500 was paid",
		"he paid 500 dollars",
		"under LAW 18314 the junta",
		"Section 144 was imposed",
		"on 01/02/2021 nothing",
		"one of the guards",
		"no one was hurt",
		"15 percent of voters",
		"15% of voters",
		"the 2nd battalion",
		"the third attack",
		"an F-16 crashed",
		"the G7 summit",
		"a 35-year-old man",
		"a two-day strike",
		"the 1990s saw unrest",
	} {
		for _, n := range Find(in) {
			if n.Best >= 0 {
				t.Errorf("%q: %q is not a head count", in, n.Text)
			}
		}
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		best int
	}{
		{"four hundred and sixty three", 463},
		{"TWO", 2},
		{"2015", 2015},
		{"a dozen", 12},
		{"at least 9", 9},
	} {
		n, ok := Parse(tt.in)
		if !ok || n.Best != tt.best || n.Text != tt.in {
			t.Errorf("Parse(%q) = %+v %v", tt.in, n, ok)
		}
	}
	for _, in := range []string{"the army", "", "nine people", "third"} {
		if n, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %+v, want no number", in, n)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("at least 9 and up to 1,200 or four hundred and sixty-three")
	f.Add("between 10 and 15, 1.5 million, a dozen, TWO, tens of thousands – 12.05.2021")
	f.Add("Rs 500, 7:45 pm, 15%, F-16, ’s 3km")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, n := range Find(s) {
			if n.Start < prev || n.End > len(s) || n.Start >= n.End || s[n.Start:n.End] != n.Text {
				t.Fatalf("bad span %+v", n)
			}
			prev = n.End
			if n.Low > n.High && n.High >= 0 {
				t.Fatalf("low above high %+v", n)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[n.Start]) || n.End < len(s) && !utf8.RuneStart(s[n.End])) {
				t.Fatalf("span inside a rune: %+v", n)
			}
		}
		Parse(s)
	})
}

// article is about 3 KB of news prose written for the benchmark.
var article = strings.Repeat("QUETTA: Gunmen on motorcycles opened fire on a passenger van near the district "+
	"headquarters on Tuesday, killing at least nine people and wounding 14 others, officials said. "+
	"The attack came two weeks after a similar ambush on the same highway, and a provincial spokesman "+
	"said security forces had launched a search operation in the surrounding hills. Traders in the "+
	"market closed their shops the next day in protest, and a sit-in was planned for Saturday. "+
	"Since January, more than 120 people have been killed in the province, according to a rights "+
	"group that tracks the violence. In 2015 a similar wave of attacks led to a curfew. ", 4)

func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		Find(article)
	}
}

func BenchmarkFindDense(b *testing.B) {
	s := strings.Repeat("At least 12 people were killed and over a hundred injured when gunmen attacked a market on 3 May 2024. ", 30)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Find(s)
	}
}

func TestNotCountsInContext(t *testing.T) {
	for _, in := range []string{
		"his career from 1985-1986 was short",
		"held around 2002 general elections",
		"an 18- and 23-year-old were hurt",
		"two men aged 18 were held",
		"a house in Block 9 burned",
	} {
		for _, n := range Find(in) {
			if n.Best >= 10 {
				t.Errorf("%q: %q is not a head count", in, n.Text)
			}
		}
	}
}
