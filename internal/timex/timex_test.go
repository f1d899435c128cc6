package timex

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFind(t *testing.T) {
	tests := []struct {
		pub, in, text, value, end, prec string
	}{
		{"2016-11-20", "It happened on Saturday, 12 November, at noon.", "Saturday, 12 November", "2016-11-12", "2016-11-12", "day"},
		{"2023-08-10", "On Tuesday (August 8) the road was shut.", "Tuesday (August 8)", "2023-08-08", "2023-08-08", "day"},
		{"2025-09-05", "the September 2 bombing", "September 2", "2025-09-02", "2025-09-02", "day"},
		{"2025-09-05", "Quetta, Sep 5 (Agency) A group", "Sep 5", "2025-09-05", "2025-09-05", "day"},
		{"1990-01-05", "SANTIAGO, 5 JAN 90 -- THE JUNTA", "5 JAN 90", "1990-01-05", "1990-01-05", "day"},
		{"2021-02-02", "01/02/2021: Assailants fired", "01/02/2021", "2021-01-02", "2021-01-02", "day"},
		{"2021-02-02", "on 2021-01-05 it rained", "2021-01-05", "2021-01-05", "2021-01-05", "day"},
		{"2016-11-20", "In 2015, hundreds vanished.", "2015", "2015", "2015", "year"},
		{"2016-11-20", "an attack in October killed many", "October", "2016-10", "2016-10", "month"},
		{"2016-11-20", "in December 2015 women were taken", "December 2015", "2015-12", "2015-12", "month"},
		{"2024-03-14", "The rally was last month.", "last month", "2024-02", "2024-02", "month"},
		{"2024-03-14", "They met yesterday.", "yesterday", "2024-03-13", "2024-03-13", "day"},
		{"2026-02-08", "a visit scheduled from February 15 to 17", "February 15 to 17", "2026-02-15", "2026-02-17", "day"},
		{"2024-03-14", "The march was in March.", "March", "2024-03", "2024-03", "month"},
		{"2025-01-08", "Gunmen struck on Monday.", "Monday", "2025-01-06", "2025-01-06", "day"},
		{"2020-06-30", "The bridge fell on 8 August 2016.", "8 August 2016", "2016-08-08", "2016-08-08", "day"},
	}
	for _, tt := range tests {
		got := Find(tt.in, day(tt.pub))
		if len(got) != 1 {
			t.Errorf("%q: want one date, got %+v", tt.in, got)
			continue
		}
		g := got[0]
		if g.Text != tt.text || g.Value != tt.value || g.EndValue != tt.end || g.Precision != tt.prec {
			t.Errorf("%q: got %q %s..%s %s, want %q %s..%s %s", tt.in, g.Text, g.Value, g.EndValue, g.Precision, tt.text, tt.value, tt.end, tt.prec)
		}
	}
}

func TestNarrativeAnchors(t *testing.T) {
	in := "On 8 August a lawyer was shot. Later the same day a bomb exploded. The day before, threats were made. Two weeks earlier a car burned."
	got := Find(in, day("2016-11-20"))
	want := []string{"2016-08-08", "2016-08-08", "2016-08-07", "2016-07-25"}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Value != w {
			t.Errorf("%q: %s, want %s", got[i].Text, got[i].Value, w)
		}
	}
}

func TestNotDates(t *testing.T) {
	for _, in := range []string{
		"They may be released soon.",
		"Protesters began to march toward the square.",
		"He spent three months in a cell.",
		"The 1990s were violent.",
		"Two decades of war.",
	} {
		if got := Find(in, day("2020-01-01")); len(got) != 0 {
			t.Errorf("%q: unexpected dates %+v", in, got)
		}
	}
}

func TestNoPublicationDate(t *testing.T) {
	got := Find("It happened on 12 November and then yesterday.", time.Time{})
	if len(got) != 2 || got[0].Value != "" || got[1].Value != "" {
		t.Errorf("without a publication date nothing relative resolves: %+v", got)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("On Tuesday (August 8) and 01/02/2021, 5 JAN 90, two weeks earlier", "2020-01-01")
	f.Fuzz(func(t *testing.T, s, pub string) {
		p, _ := time.Parse("2006-01-02", pub)
		for _, m := range Find(s, p) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
			if utf8.ValidString(s) && !utf8.RuneStart(s[m.Start]) {
				t.Fatalf("span inside a rune %+v", m)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	s := ""
	for i := 0; i < 30; i++ {
		s += "On Saturday, 12 November, gunmen attacked a post; two weeks earlier, in October 2016, a blast hit the city. "
	}
	p := day("2016-11-20")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Find(s, p)
	}
}

func TestAbbreviationsAndBareYears(t *testing.T) {
	got := Find("The talks on Aug. 2 followed the 1996 accord; 2000 soldiers left by Feb. 1990.", day("1998-03-01"))
	var vals []string
	for _, m := range got {
		vals = append(vals, m.Text+"="+m.Value)
	}
	want := "Aug. 2=1997-08-02|1996=1996|Feb. 1990=1990-02"
	if s := strings.Join(vals, "|"); s != want {
		t.Errorf("got %s\nwant %s", s, want)
	}
}
