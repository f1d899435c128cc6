// Package timex finds date expressions and resolves them to calendar values.
//
// Resolution rules, in the order a reader of news applies them:
//   - Absolute dates resolve alone: "8 August 2016", "2021-01-05",
//     "01/02/2021" (month first, as in US and GTD copy, unless the first
//     part exceeds 12), "5 JAN 90" (two-digit years only in all-caps wire copy).
//   - A day and month without a year ("Saturday, 12 November", "Sep 5")
//     take the year that puts them on or before the publication date,
//     allowing 45 days ahead (a date a writer meant to lie eleven months back
//     would carry its year, so one shortly ahead is scheduled); when the
//     sentence speaks of the future ("will", "scheduled", "next") a date more
//     than three months back moves to the next year.
//   - A month alone ("in March") is the latest such month up to the
//     publication month, except the month just ahead, and any of the next
//     nine when the sentence speaks of the future. "last March" is the latest March before the publication month,
//     and a year earlier still when that would be the month just gone
//     (a writer would have said "last month").
//   - A weekday alone is the latest such day on or before publication
//     (news reports what happened "on Friday" the day it is published), or
//     the next one on or after it in future speech. "last Friday" is the
//     latest Friday before the publication date other than the day before
//     (that one a writer calls "Friday" or "yesterday").
//   - Words relative to the report ("yesterday", "last month", "this week")
//     resolve against the publication date. Narrative words ("the same day",
//     "the day before", "two weeks earlier", "three days later") resolve
//     against the last absolute day-precise date named before them, else
//     the publication date.
//   - Week precision: Value is the Monday starting the week and EndValue
//     its Sunday.
//
// Not dates: "may" and "march" as verbs (in mixed-case text a month must be
// capitalised), decades ("the 1990s"), durations ("for three months"),
// ages and clock times.
package timex

import (
	"sync"
	"time"

	"sitrep"
)

// Mention is a date expression and its value.
type Mention struct {
	Start, End int // UTF-8 byte offsets
	Text       string
	Value      string // "2025-09-02", "2025-09" or "2025" per Precision; "" if unresolvable
	EndValue   string // last day/month/year of a range; = Value otherwise
	Precision  string // sitrep.PrecisionDay / PrecisionWeek / PrecisionMonth / PrecisionYear
	Relative   bool   // resolved through the publication date or an earlier date in the text
}

// Word classes of the lexicon.
const (
	cNone     uint8 = iota
	cMonth          // val: 1..12
	cWeekday        // val: time.Weekday
	cRel            // yesterday, today, tonight, tomorrow: val = day offset
	cDeictic        // last, this, next, coming
	cEdge           // early, late, mid, earlier, later
	cCount          // a, an, one..twelve: val = count
	cUnit           // day, week, month, year (and plurals): val = unit
	cNarr           // the, that: may open a narrative anchor
	cPart           // morning, afternoon, evening, night
	cBetween        // between
	cFuture         // will, scheduled...: the sentence speaks of the future
	cPast           // was, were, said...: it speaks of the past
	cYearPrep       // in, since...: a four-digit figure after it is a year
)

// Units.
const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
	uWeekend
)

type entry struct {
	class uint8
	val   int8
	prep  bool // a month or year after this word is a date ("in March", "since 2015")
}

var lexicon = map[string]entry{
	"january": {class: cMonth, val: 1}, "february": {class: cMonth, val: 2}, "march": {class: cMonth, val: 3},
	"april": {class: cMonth, val: 4}, "may": {class: cMonth, val: 5}, "june": {class: cMonth, val: 6},
	"july": {class: cMonth, val: 7}, "august": {class: cMonth, val: 8}, "september": {class: cMonth, val: 9},
	"october": {class: cMonth, val: 10}, "november": {class: cMonth, val: 11}, "december": {class: cMonth, val: 12},
	"jan": {class: cMonth, val: 1}, "feb": {class: cMonth, val: 2}, "mar": {class: cMonth, val: 3},
	"apr": {class: cMonth, val: 4}, "jun": {class: cMonth, val: 6}, "jul": {class: cMonth, val: 7},
	"aug": {class: cMonth, val: 8}, "sep": {class: cMonth, val: 9}, "sept": {class: cMonth, val: 9},
	"oct": {class: cMonth, val: 10}, "nov": {class: cMonth, val: 11}, "dec": {class: cMonth, val: 12},
	"monday": {class: cWeekday, val: 1}, "tuesday": {class: cWeekday, val: 2}, "wednesday": {class: cWeekday, val: 3},
	"thursday": {class: cWeekday, val: 4}, "friday": {class: cWeekday, val: 5}, "saturday": {class: cWeekday, val: 6},
	"sunday":    {class: cWeekday, val: 0},
	"yesterday": {class: cRel, val: -1}, "today": {class: cRel}, "tonight": {class: cRel}, "tomorrow": {class: cRel, val: 1},
	"last": {class: cDeictic, prep: true}, "this": {class: cDeictic, prep: true}, "next": {class: cDeictic, prep: true},
	"coming": {class: cDeictic},
	"early":  {class: cEdge, prep: true}, "late": {class: cEdge, prep: true}, "mid": {class: cEdge, prep: true},
	"earlier": {class: cEdge}, "later": {class: cEdge},
	"a": {class: cCount, val: 1}, "an": {class: cCount, val: 1}, "one": {class: cCount, val: 1},
	"two": {class: cCount, val: 2}, "three": {class: cCount, val: 3}, "four": {class: cCount, val: 4},
	"five": {class: cCount, val: 5}, "six": {class: cCount, val: 6}, "seven": {class: cCount, val: 7},
	"eight": {class: cCount, val: 8}, "nine": {class: cCount, val: 9}, "ten": {class: cCount, val: 10},
	"eleven": {class: cCount, val: 11}, "twelve": {class: cCount, val: 12},
	"day": {class: cUnit, val: uDay}, "days": {class: cUnit, val: uDay}, "week": {class: cUnit, val: uWeek},
	"weeks": {class: cUnit, val: uWeek}, "month": {class: cUnit, val: uMonth}, "months": {class: cUnit, val: uMonth},
	"year": {class: cUnit, val: uYear, prep: true}, "years": {class: cUnit, val: uYear}, "weekend": {class: cUnit, val: uWeekend},
	"the": {class: cNarr}, "that": {class: cNarr},
	"morning": {class: cPart}, "afternoon": {class: cPart}, "evening": {class: cPart}, "night": {class: cPart},
	"between": {class: cBetween, prep: true},
	"will":    {class: cFuture}, "ll": {class: cFuture}, "shall": {class: cFuture}, "scheduled": {class: cFuture},
	"planned": {class: cFuture}, "plans": {class: cFuture}, "plan": {class: cFuture}, "expected": {class: cFuture},
	"due": {class: cFuture}, "upcoming": {class: cFuture}, "going": {class: cFuture}, "slated": {class: cFuture},
	"set": {class: cFuture}, "tomorrow's": {class: cFuture},
	"was": {class: cPast}, "were": {class: cPast}, "had": {class: cPast}, "did": {class: cPast},
	"said": {class: cPast}, "told": {class: cPast}, "ago": {class: cPast},
	"in": {class: cYearPrep, prep: true}, "since": {class: cYearPrep, prep: true}, "during": {class: cYearPrep, prep: true},
	"of": {class: cYearPrep, prep: true}, "by": {class: cYearPrep, prep: true}, "until": {class: cYearPrep, prep: true},
	"till": {class: cYearPrep, prep: true}, "from": {class: cYearPrep, prep: true}, "before": {class: cYearPrep, prep: true},
	"after": {class: cYearPrep, prep: true}, "throughout": {class: cYearPrep, prep: true}, "and": {class: cYearPrep, prep: true},
	"to": {class: cYearPrep, prep: true}, "on": {class: cYearPrep, prep: true}, "for": {class: cYearPrep},
	"fiscal": {class: cYearPrep}, "around": {class: cYearPrep}, "through": {class: cYearPrep, prep: true},
	"end": {class: cYearPrep, prep: true}, "beginning": {class: cYearPrep, prep: true}, "start": {class: cYearPrep, prep: true},
	"as": {class: cYearPrep}, "or": {class: cYearPrep, prep: true},
}

var tokPool = sync.Pool{New: func() any { b := make([]tok, 0, 1024); return &b }}

type finder struct {
	s, low string
	toks   []tok
	caps   bool // the text is upper case (wire copy): capitals say nothing
	pub    time.Time
	anchor time.Time // last absolute day-precise date named
	out    []Mention
}

// Find returns the date expressions of text in order. published may be
// zero (then only absolute dates resolve).
func Find(text string, published time.Time) []Mention {
	f := finder{s: text, low: lowerASCII(text), pub: published}
	if !published.IsZero() {
		f.pub = time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	}
	f.caps = isCaps(text)
	buf := tokPool.Get().(*[]tok)
	f.toks = tokenize(text, (*buf)[:0])
	for k := range f.toks {
		t := &f.toks[k]
		if t.kind == tWord && t.end-t.start <= 10 {
			t.e = lexicon[f.low[t.start:t.end]]
		}
	}
	defer func() {
		*buf = f.toks[:0]
		tokPool.Put(buf)
	}()
	for i := 0; i < len(f.toks); {
		if f.toks[i].kind == tPunct {
			i++
			continue
		}
		before := len(f.out)
		f.at(i)
		i++
		// resume after the mention, however far its pattern read
		if len(f.out) > before {
			end := int32(f.out[len(f.out)-1].End)
			for i < len(f.toks) && f.toks[i].start < end {
				i++
			}
		}
	}
	return f.out
}

// isCaps reports a text with (almost) no lower-case letters.
func isCaps(s string) bool {
	upper, lower := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			lower++
		} else if c >= 'A' && c <= 'Z' {
			upper++
		}
	}
	return upper > 0 && lower*20 < upper
}

func (f *finder) w(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	t := f.toks[i]
	return f.low[t.start:t.end]
}

func (f *finder) cls(i int) entry {
	if i < 0 || i >= len(f.toks) {
		return entry{}
	}
	return f.toks[i].e
}

func (f *finder) glued(i int) bool {
	return i >= 0 && i+1 < len(f.toks) && f.toks[i].end == f.toks[i+1].start
}

func (f *finder) isNum(i int) bool  { return i >= 0 && i < len(f.toks) && f.toks[i].kind == tNum }
func (f *finder) isWord(i int) bool { return i >= 0 && i < len(f.toks) && f.toks[i].kind == tWord }
func (f *finder) isDash(i int) bool { w := f.w(i); return w == "-" || w == "–" || w == "—" }

// capital reports an upper-case first letter.
func (f *finder) capital(i int) bool {
	c := f.s[f.toks[i].start]
	return c >= 'A' && c <= 'Z'
}

// num returns the value of a plain digit token, or -1.
func (f *finder) num(i int) int {
	if !f.isNum(i) {
		return -1
	}
	t := f.toks[i]
	if t.end-t.start > 4 {
		return -1
	}
	v := 0
	for k := t.start; k < t.end; k++ {
		c := f.s[k]
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

func (f *finder) digits(i int) int { return int(f.toks[i].end - f.toks[i].start) }

// month returns the month named at i. In mixed-case text it must be
// capitalised, so "may" the verb and "march" the noun are never months.
func (f *finder) month(i int) int {
	e := f.cls(i)
	if e.class != cMonth || !f.caps && !f.capital(i) {
		return 0
	}
	return int(e.val)
}

// abbrevDot is 1 when the month at i is an abbreviation with its period
// ("Aug."), else 0.
func (f *finder) abbrevDot(i int) int {
	if w := f.w(i); f.w(i+1) == "." && f.glued(i) && len(w) <= 4 && w != "may" && w != "june" && w != "july" {
		return 1
	}
	return 0
}

// day reads a day of the month at i, with a glued ordinal suffix ("12th").
func (f *finder) day(i int) (d, n int) {
	v := f.num(i)
	if v < 1 || v > 31 || f.digits(i) > 2 {
		return 0, 0
	}
	if f.glued(i) && f.isWord(i+1) {
		switch f.w(i + 1) {
		case "st", "nd", "rd", "th":
			return v, 2
		}
		return 0, 0 // "5pm", "3km"
	}
	return v, 1
}

// year reads a year at i: four digits, or two in all-caps wire copy after a
// month ("5 JAN 90").
func (f *finder) year(i int, short bool) int {
	v := f.num(i)
	if v < 0 || f.glued(i) && f.isWord(i+1) {
		return 0
	}
	switch f.digits(i) {
	case 4:
		if v >= 1000 && v <= 2200 {
			return v
		}
	case 2:
		if short && f.caps {
			if v < 40 {
				return 2000 + v
			}
			return 1900 + v
		}
	}
	return 0
}

// dayValue formats YYYY-MM-DD without the general layout machinery of
// time.Format, which dominated the cost of a date-dense text.
func dayValue(t time.Time) string {
	y, m, d := t.Date()
	if y < 1000 || y > 9999 {
		return ""
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// monthValue formats YYYY-MM, carrying month overflow into the year.
func monthValue(y, m int) string {
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	s := dayValue(t)
	if s == "" {
		return ""
	}
	return s[:7]
}

func yearValue(y int) string {
	if y < 1000 || y > 9999 {
		return ""
	}
	b := [4]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}
	return string(b[:])
}

func (f *finder) emit(from, to int, m Mention) int {
	m.Start, m.End = int(f.toks[from].start), int(f.toks[to-1].end)
	m.Text = f.s[m.Start:m.End]
	if m.EndValue == "" {
		m.EndValue = m.Value
	}
	f.out = append(f.out, m)
	return to - from
}

// future reports whether the clause around tokens [i, j) speaks of the
// future: the nearest tense cue before it decides, within the sentence.
func (f *finder) future(i, j int) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		switch f.w(k) {
		case ".", "!", "?", ";":
			k = -1
			continue
		}
		switch f.cls(k).class {
		case cFuture:
			return true
		case cPast:
			return false
		case cDeictic:
			if f.w(k) == "next" {
				return true
			}
		}
	}
	// "the talks in March will": a modal right after the date
	for k := j; k < len(f.toks) && k < j+2; k++ {
		switch f.w(k) {
		case "will", "shall":
			return true
		}
		if f.toks[k].kind == tPunct {
			break
		}
	}
	return false
}

// at tries every pattern at token i and returns how many tokens it used.
func (f *finder) at(i int) int {
	if f.toks[i].kind == tNum {
		if n := f.numeric(i); n > 0 {
			return n
		}
		if n := f.dayMonth(i, i); n > 0 {
			return n
		}
		if n := f.counted(i); n > 0 {
			return n
		}
		return f.bareYear(i, i)
	}
	e := f.cls(i)
	switch e.class {
	case cNone:
		return 0
	case cMonth:
		if n := f.monthDay(i, i); n > 0 {
			return n
		}
		return f.monthYear(i, i)
	case cWeekday:
		return f.weekday(i, i)
	case cRel:
		return f.reportDay(i)
	case cDeictic:
		return f.deictic(i, i)
	case cEdge:
		return f.edge(i)
	case cNarr:
		return f.narrative(i)
	case cCount:
		return f.counted(i)
	case cBetween:
		if n := f.dayMonth(i, i+1); n > 0 {
			return n
		}
	case cUnit:
		// "year-earlier", "year-ago": the year before publication
		if e.val == uYear && f.isDash(i+1) && f.glued(i) && f.glued(i+1) && !f.pub.IsZero() {
			if w := f.w(i + 2); w == "earlier" || w == "ago" {
				return f.emit(i, i+3, Mention{Value: yearValue(f.pub.Year() - 1), Precision: sitrep.PrecisionYear, Relative: true})
			}
		}
	}
	return 0
}

// numeric reads 01/02/2021 (month first unless the first part exceeds 12),
// 2021-01-05, 2021/01/05 and 05.01.2021 (day first, as written with points).
func (f *finder) numeric(i int) int {
	t := f.toks[i]
	if raw := f.s[t.start:t.end]; len(raw) >= 8 && len(raw) <= 10 {
		// one token "05.01.2021"
		var parts [3]int
		k, n := 0, 0
		for p := 0; p < len(raw); p++ {
			if raw[p] == '.' {
				k++
				if k > 2 {
					return 0
				}
				continue
			}
			if raw[p] == ',' {
				return 0
			}
			parts[k] = parts[k]*10 + int(raw[p]-'0')
			n++
		}
		if k == 2 && parts[2] >= 1000 {
			if d, ok := f.ymd(parts[2], parts[1], parts[0]); ok {
				return f.emit(i, i+1, Mention{Value: dayValue(d), Precision: sitrep.PrecisionDay})
			}
		}
		return 0
	}
	sep := f.w(i + 1)
	if (sep != "/" && sep != "-") || f.w(i+3) != sep || !f.glued(i) || !f.glued(i+1) || !f.glued(i+2) || !f.glued(i+3) {
		return 0
	}
	a, b, c := f.num(i), f.num(i+2), f.num(i+4)
	if a < 0 || b < 0 || c < 0 {
		return 0
	}
	var y, mo, d int
	switch {
	case f.digits(i) == 4:
		y, mo, d = a, b, c
	case sep == "/" && (f.digits(i+4) == 4 || f.digits(i+4) == 2):
		y, mo, d = c, a, b
		if f.digits(i+4) == 2 {
			y = 2000 + c
			if c >= 40 {
				y = 1900 + c
			}
		}
		if a > 12 {
			mo, d = b, a
		}
	default:
		return 0
	}
	if t, ok := f.ymd(y, mo, d); ok {
		return f.emit(i, i+5, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay})
	}
	return 0
}

func (f *finder) ymd(y, mo, d int) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1000 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	f.anchor = t
	return t, true
}

// dayMonth reads "12 November", "5 JAN 90", "8 August 2016", "12th of May",
// "15 to 17 February"; from is where the phrase starts ("between").
func (f *finder) dayMonth(from, i int) int {
	d, n := f.day(i)
	if n == 0 {
		return 0
	}
	j := i + n
	d2 := 0
	if w := f.w(j); w == "to" || w == "and" || f.isDash(j) {
		if v, n2 := f.day(j + 1); n2 > 0 && v > d {
			d2 = v
			j += 1 + n2
		}
	}
	if f.w(j) == "of" {
		j++
	}
	mo := f.month(j)
	if mo == 0 {
		return 0
	}
	if from < i && d2 == 0 && f.cls(from).class == cBetween {
		from = i // "between" belongs to a range only
	}
	j += 1 + f.abbrevDot(j)
	if f.w(j) == "," && f.year(j+1, false) > 0 {
		j++
	}
	return f.finishDay(from, j, mo, d, 0, d2)
}

// monthDay reads "September 2", "Sep 5", "Aug. 8, 2016", "February 15 to 17",
// "March 30 to April 2".
func (f *finder) monthDay(from, i int) int {
	mo := f.month(i)
	if mo == 0 {
		return 0
	}
	j := i + 1 + f.abbrevDot(i)
	d, n := f.day(j)
	if n == 0 || n == 1 && f.w(j+1) == ":" && f.glued(j) && f.glued(j+1) && f.isNum(j+2) {
		return 0
	}
	j += n
	d2, mo2 := 0, 0
	if w := f.w(j); w == "to" || w == "through" || w == "and" || w == "until" || f.isDash(j) {
		if m2 := f.month(j + 1); m2 > 0 {
			k := j + 2 + f.abbrevDot(j+1)
			if v, n2 := f.day(k); n2 > 0 {
				d2, mo2 = v, m2
				j = k + n2
			}
		} else if v, n2 := f.day(j + 1); n2 > 0 && v > d && f.month(j+1+n2) == 0 {
			d2 = v
			j += 1 + n2
		}
	}
	if f.w(j) == "," && f.year(j+1, false) > 0 {
		j++
	}
	return f.finishDay(from, j, mo, d, mo2, d2)
}

// finishDay reads an optional year at j and emits the day or day range.
func (f *finder) finishDay(from, j, mo, d, mo2, d2 int) int {
	if mo2 == 0 {
		mo2 = mo
	}
	m := Mention{Precision: sitrep.PrecisionDay}
	var t time.Time
	if y := f.year(j, true); y > 0 {
		j++
		var ok bool
		if t, ok = f.ymd(y, mo, d); !ok {
			return 0
		}
	} else {
		if f.pub.IsZero() {
			return f.emit(from, j, Mention{Precision: sitrep.PrecisionDay, Relative: true})
		}
		t = f.withYear(mo, d, from, j)
		if t.Day() != d {
			return 0
		}
		m.Relative = true
		f.anchor = t
	}
	m.Value = dayValue(t)
	if d2 > 0 {
		e := time.Date(t.Year(), time.Month(mo2), d2, 0, 0, 0, 0, time.UTC)
		if e.Before(t) {
			e = e.AddDate(1, 0, 0)
		}
		m.EndValue = dayValue(e)
	}
	// "Saturday, 12 November": the weekday is part of the date
	return f.emit(from, j, m)
}

// aheadDays is how far past publication a date without a year may fall
// and still be read as this year's: a writer who meant a date eleven months
// back would have given the year, so nearby dates ahead are upcoming ones.
var aheadDays = 45

// aheadMonths is the same allowance for a month named alone.
var aheadMonths = 1

// withYear places a month and day without a year near the publication date.
func (f *finder) withYear(mo, d, i, j int) time.Time {
	t := time.Date(f.pub.Year(), time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if f.future(i, j) {
		// future speech moves a date into next year only when it would
		// otherwise lie far behind: "will" near "August 5" written in
		// October is more often about a past event than one ten months off
		if t.Before(f.pub.AddDate(0, -3, 0)) {
			t = time.Date(f.pub.Year()+1, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		}
		return t
	}
	if t.After(f.pub.AddDate(0, 0, aheadDays)) {
		t = time.Date(f.pub.Year()-1, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// monthYear reads "December 2015", "March of 2015", "June last year" and a
// month alone after a preposition ("in March", "since May", "mid-November").
func (f *finder) monthYear(from, i int) int {
	mo := f.month(i)
	if mo == 0 {
		return 0
	}
	j := i + 1 + f.abbrevDot(i)
	if (f.w(j) == "of" || f.w(j) == ",") && f.year(j+1, false) > 0 {
		j++
	}
	// the preposition before, skipping the hyphen of "mid-November"
	p := from - 1
	if f.isDash(p) && f.glued(p-1) && f.glued(p) && f.cls(p-1).class == cEdge {
		p--
	}
	pe := f.cls(p)
	if pe.class == cEdge || pe.class == cDeictic {
		from = p
	}
	if y := f.year(j, false); y > 0 {
		f.anchor = time.Time{}
		return f.emit(from, j+1, Mention{Value: monthValue(y, mo), Precision: sitrep.PrecisionMonth})
	}
	if !pe.prep {
		return 0
	}
	if f.pub.IsZero() {
		return f.emit(from, j, Mention{Precision: sitrep.PrecisionMonth, Relative: true})
	}
	pm, y := int(f.pub.Month()), f.pub.Year()
	// "June last year", "January this year", "March next year"
	if d := f.cls(j); d.class == cDeictic && f.cls(j+1).val == uYear && f.cls(j+1).class == cUnit {
		switch f.w(j) {
		case "last":
			y--
		case "next":
			y++
		}
		return f.emit(from, j+2, Mention{Value: monthValue(y, mo), Precision: sitrep.PrecisionMonth, Relative: true})
	}
	switch f.w(p) {
	case "last":
		if mo >= pm {
			y--
		}
		if (pm-mo+12)%12 == 1 {
			y-- // the month just gone would be "last month"
			if mo == 12 {
				y++
			}
		}
	case "next":
		if mo <= pm {
			y++
		}
	case "this":
	default:
		ahead := (mo - pm + 12) % 12
		switch {
		case ahead == 0:
		case ahead <= aheadMonths || ahead <= 9 && f.future(from, j):
			if mo < pm {
				y++ // "in January" written in December
			}
		case mo > pm:
			y--
		}
	}
	return f.emit(from, j, Mention{Value: monthValue(y, mo), Precision: sitrep.PrecisionMonth, Relative: true})
}

// bareYear reads a year alone ("in 2015", "the 1996 accord", "mid-1996"):
// after a preposition of time always; elsewhere unless it reads as a count
// or an amount.
func (f *finder) bareYear(from, i int) int {
	y := f.year(i, false)
	if y == 0 || f.glued(i) && (f.w(i+1) == "'" || f.w(i+1) == "’" || f.w(i+1) == "s") {
		return 0 // "1990s", "1990's"
	}
	p := f.w(i - 1)
	if f.glued(i-1) && (p == "$" || p == "#" || p == "/" || p == ":" || p == "." || p == "£" || p == "€") {
		return 0
	}
	nx := f.w(i + 1)
	switch nx {
	case "gmt", "utc", "hrs", "hours", "ist", "pkt", "pst", "est", "local", "cet", "bst":
		return 0 // "(1133 GMT)": a clock time
	}
	pe := f.cls(i - 1)
	switch {
	case pe.class == cYearPrep || pe.class == cEdge || pe.class == cBetween || f.w(i-1) == "the":
	case f.isDash(i-1) && f.glued(i-1) && f.cls(i-2).class == cEdge:
		from = i - 2 // "mid-1996"
	default:
		switch p {
		case "$", "£", "€", "#", "no", "number", "about", "some", "over", "nearly", "than", "least", "rs", "almost":
			return 0
		}
		// a bare figure is a year only in the years news speaks of: "Rescue
		// 1122" is an emergency service, "1204 cases" a count
		if y < 1900 || !f.pub.IsZero() && y > f.pub.Year()+10 {
			return 0
		}
		if nx == "%" || nx == "," && f.isNum(i+2) || f.isNum(i+1) {
			return 0
		}
		if f.isWord(i+1) && plural(nx) {
			return 0 // "2000 soldiers"
		}
	}
	if pe.class == cEdge && (p == "early" || p == "late" || p == "mid") {
		from = i - 1
	}
	return f.emit(from, i+1, Mention{Value: yearValue(y), Precision: sitrep.PrecisionYear})
}

func plural(w string) bool {
	switch w {
	case "people", "men", "women", "children", "police", "personnel", "troops", "militia", "staff", "others", "persons":
		return true
	}
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

// weekday reads "Tuesday", "Saturday, 12 November", "Tuesday (August 8)",
// "last Friday", "Tuesday morning"; from is where the phrase starts
// ("early Tuesday").
func (f *finder) weekday(from, i int) int {
	if !f.caps && !f.capital(i) {
		return 0
	}
	wd := time.Weekday(f.cls(i).val)
	j := i + 1
	for f.w(j) == "," || f.w(j) == "(" || f.w(j) == "the" {
		j++
	}
	n := f.dayMonth(from, j)
	if n == 0 {
		n = f.monthDay(from, j)
	}
	if n > 0 {
		// the date was emitted from the weekday on; a closing bracket joins it
		last := &f.out[len(f.out)-1]
		k := i
		for k < len(f.toks) && int(f.toks[k].end) <= last.End {
			k++
		}
		if f.w(k) == ")" && f.w(i+1) == "(" {
			last.End = int(f.toks[k].end)
			last.Text = f.s[last.Start:last.End]
		}
		return n
	}
	prev := f.w(from - 1)
	if f.cls(from-1).class == cDeictic {
		from--
	} else if prev == "previous" || prev == "preceding" {
		if f.w(from-2) == "the" {
			from -= 2
		} else {
			from--
		}
	}
	end := i + 1
	if f.cls(end).class == cPart {
		end++
	}
	if f.pub.IsZero() {
		return f.emit(from, end, Mention{Precision: sitrep.PrecisionDay, Relative: true})
	}
	pw := int(f.pub.Weekday())
	var t time.Time
	switch prev {
	case "last":
		// the latest such weekday before the report, but not the day
		// before ("last Tuesday" in a Saturday paper is four days back; in
		// a Wednesday paper, where yesterday would be "on Tuesday", eight)
		back := (pw - int(wd) + 7) % 7
		if back <= 1 {
			back += 7
		}
		t = f.pub.AddDate(0, 0, -back)
	case "next":
		ahead := (int(wd) - pw + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		t = f.pub.AddDate(0, 0, ahead)
	case "this", "coming":
		t = f.pub.AddDate(0, 0, (int(wd)-pw+7)%7)
	case "previous", "preceding":
		base := f.anchor
		if base.IsZero() {
			base = f.pub
		}
		back := (int(base.Weekday()) - int(wd) + 7) % 7
		if back == 0 {
			back = 7
		}
		t = base.AddDate(0, 0, -back)
	default:
		if f.future(from, end) {
			t = f.pub.AddDate(0, 0, (int(wd)-pw+7)%7)
		} else {
			t = f.pub.AddDate(0, 0, -((pw - int(wd) + 7) % 7))
		}
	}
	return f.emit(from, end, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay, Relative: true})
}

// reportDay reads "yesterday", "today", "tomorrow", "tonight", with a part of
// the day after it ("yesterday morning").
func (f *finder) reportDay(i int) int {
	end := i + 1
	if f.cls(end).class == cPart {
		end++
	}
	return f.pubDay(i, end, int(f.cls(i).val))
}

func (f *finder) pubDay(from, to, days int) int {
	if f.pub.IsZero() {
		return f.emit(from, to, Mention{Precision: sitrep.PrecisionDay, Relative: true})
	}
	return f.emit(from, to, Mention{Value: dayValue(f.pub.AddDate(0, 0, days)), Precision: sitrep.PrecisionDay, Relative: true})
}

// period emits the week, month or year delta units away from publication.
func (f *finder) period(from, to, unit, delta int) int {
	if f.pub.IsZero() {
		return f.emit(from, to, Mention{Precision: precisionOf(unit), Relative: true})
	}
	switch unit {
	case uWeek:
		t := f.pub.AddDate(0, 0, 7*delta)
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
		return f.emit(from, to, Mention{Value: dayValue(t), EndValue: dayValue(t.AddDate(0, 0, 6)), Precision: sitrep.PrecisionWeek, Relative: true})
	case uWeekend:
		t := f.pub.AddDate(0, 0, 7*delta)
		sat := t.AddDate(0, 0, 5-((int(t.Weekday())+6)%7))
		if delta == 0 && sat.After(f.pub) && !f.future(from, to) {
			sat = sat.AddDate(0, 0, -7) // "over the weekend": the one just past
		}
		return f.emit(from, to, Mention{Value: dayValue(sat), EndValue: dayValue(sat.AddDate(0, 0, 1)), Precision: sitrep.PrecisionDay, Relative: true})
	case uMonth:
		return f.emit(from, to, Mention{Value: monthValue(f.pub.Year(), int(f.pub.Month())+delta), Precision: sitrep.PrecisionMonth, Relative: true})
	case uYear:
		return f.emit(from, to, Mention{Value: yearValue(f.pub.Year() + delta), Precision: sitrep.PrecisionYear, Relative: true})
	}
	return f.pubDay(from, to, delta)
}

func precisionOf(unit int) string {
	switch unit {
	case uWeek:
		return sitrep.PrecisionWeek
	case uMonth:
		return sitrep.PrecisionMonth
	case uYear:
		return sitrep.PrecisionYear
	}
	return sitrep.PrecisionDay
}

// deictic reads "last month", "this week", "next year", "last night",
// "this morning", and hands "last Friday", "last March" on.
func (f *finder) deictic(from, i int) int {
	w := f.w(i)
	delta := 0
	switch w {
	case "last":
		delta = -1
	case "next":
		delta = 1
	case "coming":
		return 0
	}
	k := i + 1
	if w == "this" && f.w(k) == "coming" {
		k++
	}
	e := f.cls(k)
	switch e.class {
	case cUnit:
		if e.val == uDay || f.w(k) != "week" && f.w(k) != "month" && f.w(k) != "year" && f.w(k) != "weekend" {
			return 0
		}
		return f.period(from, k+1, int(e.val), delta)
	case cPart:
		if w == "last" && f.w(k) == "night" {
			return f.pubDay(from, k+1, -1)
		}
		if w == "this" {
			return f.pubDay(from, k+1, 0)
		}
	case cWeekday:
		return f.weekday(k, k)
	case cMonth:
		return f.monthYear(k, k)
	}
	return 0
}

// edge reads "early today", "earlier this month", "later this year",
// "later that day", "late November", "mid-1990", "early Tuesday".
func (f *finder) edge(i int) int {
	w := f.w(i)
	k := i + 1
	if f.isDash(k) && f.glued(i) && f.glued(k) {
		k++ // "mid-November", "mid-2015"
	}
	e := f.cls(k)
	switch e.class {
	case cRel:
		end := k + 1
		if f.cls(end).class == cPart {
			end++
		}
		return f.pubDay(i, end, int(e.val))
	case cWeekday:
		return f.weekday(i, k)
	case cMonth:
		if n := f.monthDay(i, k); n > 0 {
			return n
		}
		return f.monthYear(k, k)
	case cDeictic:
		if f.w(k) == "this" || f.w(k) == "last" || f.w(k) == "next" {
			if u := f.cls(k + 1); u.class == cUnit && u.val >= uWeek && u.val <= uYear {
				d := map[string]int{"this": 0, "last": -1, "next": 1}[f.w(k)]
				return f.period(i, k+2, int(u.val), d)
			}
			if f.w(k) == "this" && f.cls(k+1).class == cPart {
				return f.pubDay(i, k+2, 0)
			}
		}
	case cNarr:
		if w == "later" || w == "earlier" {
			if f.w(k) == "that" && f.w(k+1) == "day" {
				return f.anchorDay(i, k+2, 0)
			}
			if f.w(k+1) == "same" && f.w(k+2) == "day" {
				return f.anchorDay(i, k+3, 0)
			}
		}
	}
	if f.isNum(k) {
		return f.bareYear(i, k)
	}
	return 0
}

// anchorDay emits a day counted from the last absolute date of the text.
func (f *finder) anchorDay(from, to, days int) int {
	base := f.anchor
	if base.IsZero() {
		base = f.pub
	}
	if base.IsZero() {
		return f.emit(from, to, Mention{Precision: sitrep.PrecisionDay, Relative: true})
	}
	return f.emit(from, to, Mention{Value: dayValue(base.AddDate(0, 0, days)), Precision: sitrep.PrecisionDay, Relative: true})
}

// narrative reads "the same day", "the day before", "the previous day",
// "the next day", "the following morning", "that same day".
func (f *finder) narrative(i int) int {
	w, a, b := f.w(i), f.w(i+1), f.w(i+2)
	switch {
	case a == "same" && b == "day":
		return f.anchorDay(i, i+3, 0)
	case w == "the" && a == "day" && (b == "before" || b == "earlier"):
		if f.isNum(i+3) || f.cls(i+3).class == cRel || f.cls(i+3).class == cWeekday || f.eventFollows(i+3) {
			return 0 // "the day before yesterday", "the day before the raid"
		}
		return f.anchorDay(i, i+3, -1)
	case w == "the" && a == "day" && b == "after":
		if f.isWord(i+3) && f.cls(i+3).class != cNone || f.isNum(i+3) || f.eventFollows(i+3) {
			return 0
		}
		return f.anchorDay(i, i+3, 1)
	case w == "the" && (a == "previous" || a == "preceding") && (b == "day" || b == "night"):
		return f.anchorDay(i, i+3, -1)
	case w == "the" && (a == "next" || a == "following") && (b == "day" || b == "morning"):
		return f.anchorDay(i, i+3, 1)
	case w == "the" && a == "weekend" && (f.w(i-1) == "over" || f.w(i-1) == "at" || f.w(i-1) == "during" || f.w(i-1) == "on"):
		// "over the weekend": the one just past, or the coming one in future speech
		return f.period(i, i+2, uWeekend, 0)
	case w == "the" && (a == "start" || a == "beginning" || a == "end") && b == "of" && !f.pub.IsZero():
		// "at the start of the year", "the end of last month": the month
		// that opens or closes the period named, if it is past
		k := i + 3
		d := 0
		switch f.w(k) {
		case "the", "this":
		case "last":
			d = -1
		default:
			return 0
		}
		u := f.cls(k + 1)
		if u.class != cUnit || u.val != uMonth && u.val != uYear || f.w(k+1) != "month" && f.w(k+1) != "year" {
			return 0
		}
		if a == "end" && d == 0 {
			return 0 // "by the end of the year" is mostly ahead
		}
		if u.val == uYear {
			mo := 1
			if a == "end" {
				mo = 12
			}
			return f.emit(i, k+2, Mention{Value: monthValue(f.pub.Year()+d, mo), Precision: sitrep.PrecisionMonth, Relative: true})
		}
		return f.emit(i, k+2, Mention{Value: monthValue(f.pub.Year(), int(f.pub.Month())+d), Precision: sitrep.PrecisionMonth, Relative: true})
	case w == "the" && (a == "previous" || a == "preceding" || a == "following" || a == "next"):
		// "the following month", "the previous year": from the last date named
		u := f.cls(i + 2)
		if u.class != cUnit || u.val != uMonth && u.val != uYear {
			return 0
		}
		base := f.anchor
		if base.IsZero() {
			base = f.pub
		}
		if base.IsZero() {
			return 0
		}
		d := 1
		if a == "previous" || a == "preceding" {
			d = -1
		}
		if u.val == uMonth {
			return f.emit(i, i+3, Mention{Value: monthValue(base.Year(), int(base.Month())+d), Precision: sitrep.PrecisionMonth, Relative: true})
		}
		return f.emit(i, i+3, Mention{Value: yearValue(base.Year() + d), Precision: sitrep.PrecisionYear, Relative: true})
	}
	return 0
}

// eventFollows reports a noun phrase or clause at i: "the day before the
// raid" counts from an event whose date the text may not give.
func (f *finder) eventFollows(i int) bool {
	switch f.w(i) {
	case "the", "a", "an", "his", "her", "their", "its", "he", "she", "they", "it", "we", "this":
		return true
	}
	return false
}

// counted reads "two weeks earlier", "three days later", "a month ago",
// "10 days before.", "a year earlier".
func (f *finder) counted(i int) int {
	c := 0
	if f.isNum(i) {
		c = f.num(i)
		if c <= 0 || c > 400 || f.glued(i) {
			return 0
		}
	} else {
		c = int(f.cls(i).val)
	}
	u := f.cls(i + 1)
	if u.class != cUnit || u.val == uWeekend {
		return 0
	}
	if (c == 1) != (f.w(i+1) == "day" || f.w(i+1) == "week" || f.w(i+1) == "month" || f.w(i+1) == "year") {
		return 0 // "two day", "a days": not a span of time
	}
	dir := f.w(i + 2)
	from := i
	if p := f.w(i - 1); p == "nearly" || p == "almost" || p == "about" || p == "some" || p == "just" || p == "more" {
		from = i - 1
	}
	sign := 1
	switch dir {
	case "ago":
	case "earlier", "later":
	case "before", "after":
		// "two days before the attack" counts from an event, not a date
		if nx := f.w(i + 3); nx != "." && nx != "," && nx != ";" {
			return 0
		}
	default:
		return 0
	}
	if dir == "ago" || dir == "earlier" || dir == "before" {
		sign = -1
	}
	base := f.anchor
	if dir == "ago" || base.IsZero() {
		base = f.pub
	}
	m := Mention{Relative: true, Precision: precisionOf(int(u.val))}
	if u.val == uWeek {
		m.Precision = sitrep.PrecisionDay
	}
	if !base.IsZero() {
		switch u.val {
		case uDay:
			m.Value = dayValue(base.AddDate(0, 0, sign*c))
		case uWeek:
			m.Value = dayValue(base.AddDate(0, 0, sign*7*c))
		case uMonth:
			m.Value = monthValue(base.Year(), int(base.Month())+sign*c)
		case uYear:
			m.Value = yearValue(base.Year() + sign*c)
		}
	}
	return f.emit(from, i+3, m)
}
