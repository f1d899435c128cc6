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
		// absolute dates
		{"2020-06-30", "The bridge fell on 8 August 2016.", "8 August 2016", "2016-08-08", "2016-08-08", "day"},
		{"2021-02-02", "01/02/2021: Assailants fired on a van.", "01/02/2021", "2021-01-02", "2021-01-02", "day"},
		{"2021-02-02", "Filed 25/01/2021 by the clerk.", "25/01/2021", "2021-01-25", "2021-01-25", "day"},
		{"2021-02-02", "on 2021-01-05 the road was cut", "2021-01-05", "2021-01-05", "2021-01-05", "day"},
		{"2021-02-02", "the order dated 05.01.2021 was lifted", "05.01.2021", "2021-01-05", "2021-01-05", "day"},
		{"1990-01-05", "SANTIAGO, 5 JAN 90 -- THE JUNTA SAID", "5 JAN 90", "1990-01-05", "1990-01-05", "day"},
		{"2016-01-01", "They met on Aug. 7, 2015, in a hotel.", "Aug. 7, 2015", "2015-08-07", "2015-08-07", "day"},
		{"2016-01-01", "the vote of June 1st, 2014 was void", "June 1st, 2014", "2014-06-01", "2014-06-01", "day"},
		{"2016-11-20", "In 2015, hundreds vanished.", "2015", "2015", "2015", "year"},
		{"2016-11-20", "in December 2015 women were taken", "December 2015", "2015-12", "2015-12", "month"},
		{"2016-11-20", "By mid-2014 the camps were full.", "mid-2014", "2014", "2014", "year"},
		// the edges of a period
		{"2013-06-30", "bombings at the start of the year killed 90", "the start of the year", "2013-01", "2013-01", "month"},
		{"2013-06-30", "raids at the end of last year", "the end of last year", "2012-12", "2012-12", "month"},
		{"2013-06-30", "since the beginning of the month", "the beginning of the month", "2013-06", "2013-06", "month"},
		// day and month without a year
		{"2016-11-20", "It happened on Saturday, 12 November, at noon.", "Saturday, 12 November", "2016-11-12", "2016-11-12", "day"},
		{"2023-08-10", "On Tuesday (August 8) the road was shut.", "Tuesday (August 8)", "2023-08-08", "2023-08-08", "day"},
		{"2025-09-05", "the September 2 bombing", "September 2", "2025-09-02", "2025-09-02", "day"},
		{"2025-09-05", "Quetta, Sep 5 (Agency) A group", "Sep 5", "2025-09-05", "2025-09-05", "day"},
		{"2025-01-10", "the shrine was hit on December 28 by a mortar", "December 28", "2024-12-28", "2024-12-28", "day"},
		{"2026-02-08", "a visit scheduled from February 15 to 17", "February 15 to 17", "2026-02-15", "2026-02-17", "day"},
		{"2026-02-08", "talks held between 15 and 17 February ended", "between 15 and 17 February", "2026-02-15", "2026-02-17", "day"},
		{"2026-02-08", "the camp was open March 30 to April 2", "March 30 to April 2", "2025-03-30", "2025-04-02", "day"},
		{"2025-05-02", "The hearing will resume on July 10.", "July 10", "2025-07-10", "2025-07-10", "day"},
		// months
		{"2016-11-20", "an attack in October killed many", "October", "2016-10", "2016-10", "month"},
		{"2024-03-14", "The march was in March.", "March", "2024-03", "2024-03", "month"},
		{"2024-03-14", "Elections will be held in November.", "November", "2024-11", "2024-11", "month"},
		{"2024-03-14", "A curfew was imposed in late November.", "late November", "2023-11", "2023-11", "month"},
		{"2024-03-14", "He vanished in June last year.", "June last year", "2023-06", "2023-06", "month"},
		{"2024-03-14", "The ban began last February.", "last February", "2023-02", "2023-02", "month"},
		{"2024-09-14", "The ban began last February.", "last February", "2024-02", "2024-02", "month"},
		// weekdays
		{"2025-01-08", "Gunmen struck on Monday.", "Monday", "2025-01-06", "2025-01-06", "day"},
		{"2025-01-10", "Police said on Friday that two men were held.", "Friday", "2025-01-10", "2025-01-10", "day"},
		{"2025-01-08", "The council will meet on Monday.", "Monday", "2025-01-13", "2025-01-13", "day"},
		{"2025-01-10", "The convoy was ambushed last Tuesday.", "last Tuesday", "2025-01-07", "2025-01-07", "day"},
		{"2015-07-14", "Bombs went off in three towns over the weekend.", "the weekend", "2015-07-11", "2015-07-12", "day"},
		{"2025-01-08", "The convoy was ambushed last Tuesday.", "last Tuesday", "2024-12-31", "2024-12-31", "day"},
		{"2025-01-10", "Shelling resumed early Thursday near the border.", "early Thursday", "2025-01-09", "2025-01-09", "day"},
		{"2025-01-10", "Shelling resumed Thursday morning.", "Thursday morning", "2025-01-09", "2025-01-09", "day"},
		// relative to the report
		{"2024-03-14", "They met yesterday.", "yesterday", "2024-03-13", "2024-03-13", "day"},
		{"2024-03-14", "A blast shook the market today.", "today", "2024-03-14", "2024-03-14", "day"},
		{"2024-03-14", "Three were held last night.", "last night", "2024-03-13", "2024-03-13", "day"},
		{"2024-03-14", "The rally was last month.", "last month", "2024-02", "2024-02", "month"},
		{"2024-03-14", "Turnout fell last year.", "last year", "2023", "2023", "year"},
		{"2024-03-14", "Raids rose earlier this month.", "earlier this month", "2024-03", "2024-03", "month"},
		{"2024-03-14", "Raids rose this week.", "this week", "2024-03-11", "2024-03-17", "week"},
		{"2024-03-14", "Raids rose last week.", "last week", "2024-03-04", "2024-03-10", "week"},
		{"2024-03-14", "He was freed two weeks ago.", "two weeks ago", "2024-02-29", "2024-02-29", "day"},
		{"2024-03-14", "The plant closed 3 years ago.", "3 years ago", "2021", "2021", "year"},
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

func TestAllCaps(t *testing.T) {
	got := Find("LIMA, 12 MAR 91 -- ON 9 MARCH THE REBELS, WHO MAY RETURN, ATTACKED A POST. TWO DAYS LATER THEY FLED.", day("1991-03-12"))
	var vals []string
	for _, m := range got {
		vals = append(vals, m.Text+"="+m.Value)
	}
	want := "12 MAR 91=1991-03-12|9 MARCH=1991-03-09|TWO DAYS LATER=1991-03-11"
	if s := strings.Join(vals, "|"); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

func TestNarrativeAnchors(t *testing.T) {
	in := "On 8 August a lawyer was shot. Later the same day a bomb exploded. The day before, threats were made. " +
		"Two weeks earlier a car burned. Three days later the bar went on strike. The next day courts closed."
	got := Find(in, day("2016-11-20"))
	want := []string{"2016-08-08", "2016-08-08", "2016-08-07", "2016-07-25", "2016-08-11", "2016-08-09"}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Value != w || !got[i].Relative {
			t.Errorf("%q: %s, want %s", got[i].Text, got[i].Value, w)
		}
	}
}

func TestAnchorFallsBackToPublication(t *testing.T) {
	got := Find("The same day, a second blast was heard.", day("2022-05-04"))
	if len(got) != 1 || got[0].Value != "2022-05-04" {
		t.Errorf("got %+v", got)
	}
}

func TestNotDates(t *testing.T) {
	for _, in := range []string{
		"They may be released soon.",
		"Protesters began to march toward the square.",
		"He spent three months in a cell.",
		"The 1990s were violent.",
		"Two decades of war.",
		"A 45-year-old man was hurt at 7:45 pm.",
		"The blast killed 2000 soldiers and cost $1990.",
		"For two weeks the road stayed shut.",
		"A Rescue 1122 official said three people were hurt.",
		"Police received the first reports at 12:33pm (1133 GMT).",
		"Moreover, 1204 were cases of theft.",
	} {
		if got := Find(in, day("2020-01-01")); len(got) != 0 {
			t.Errorf("%q: unexpected dates %+v", in, got)
		}
	}
}

func TestNoPublicationDate(t *testing.T) {
	got := Find("It happened on 12 November and then yesterday, not in 2019.", time.Time{})
	if len(got) != 3 || got[0].Value != "" || got[1].Value != "" || got[2].Value != "2019" {
		t.Errorf("without a publication date only absolute dates resolve: %+v", got)
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
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("On Tuesday (August 8) and 01/02/2021, 5 JAN 90, two weeks earlier", "2020-01-01")
	f.Add("between 15 and 17 February; mid-2015; last Friday morning; 05.01.2021", "2024-02-29")
	f.Add("Sept. 30 to Oct. 2, the day before, 12th of May ’s", "")
	f.Fuzz(func(t *testing.T, s, pub string) {
		p, _ := time.Parse("2006-01-02", pub)
		prev := 0
		for _, m := range Find(s, p) {
			if m.Start < prev || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
			prev = m.End
			if utf8.ValidString(s) && (!utf8.RuneStart(s[m.Start]) || m.End < len(s) && !utf8.RuneStart(s[m.End])) {
				t.Fatalf("span inside a rune %+v", m)
			}
		}
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
	p := day("2025-09-05")
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		Find(article, p)
	}
}

func BenchmarkFindDense(b *testing.B) {
	s := strings.Repeat("On Saturday, 12 November, gunmen attacked a post; two weeks earlier, in October 2016, a blast hit the city. ", 30)
	p := day("2016-11-20")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Find(s, p)
	}
}

func TestEventRelativeIsNotAnchored(t *testing.T) {
	got := Find("On 3 May a lawyer was shot. The day before the shooting he had received threats.", day("2024-05-10"))
	if len(got) != 1 {
		t.Errorf("only the absolute date is a date here: %+v", got)
	}
}
