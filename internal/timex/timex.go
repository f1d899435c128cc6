// Package timex finds date expressions and resolves them to calendar values.
//
// Absolute dates resolve alone ("8 August 2016", "01/02/2021"). Dates without
// a year take the year that puts them closest before the publication date,
// allowing six weeks ahead for scheduled events. Words relative to the report
// ("yesterday", "last month", "on Tuesday") resolve against the publication
// date; narrative words ("the same day", "the day before", "two weeks
// earlier") resolve against the last day-precise date the text named before
// them, else the publication date. Week values are the Monday of the week.
package timex

import (
	"strconv"
	"strings"
	"time"

	"sitrep"
	"sitrep/internal/text"
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

var monthNum = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
	"apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9,
	"oct.": 10, "nov.": 11, "dec.": 12}

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

var countWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}

// Words before a bare year that make it a date ("in 2015").
var yearPreps = map[string]bool{"in": true, "since": true, "during": true, "of": true, "by": true, "until": true,
	"till": true, "from": true, "early": true, "late": true, "mid": true, "year": true, "before": true, "after": true,
	"throughout": true, "between": true, "and": true, "to": true, "for": true}

// Words before a bare month name that make it a date ("in March").
var monthPreps = map[string]bool{"in": true, "since": true, "during": true, "of": true, "by": true, "until": true,
	"early": true, "late": true, "mid": true, "last": true, "next": true, "this": true, "from": true, "before": true,
	"after": true, "throughout": true, "between": true, "and": true, "to": true, "on": true, "till": true}

var futureCue = map[string]bool{"will": true, "scheduled": true, "proposed": true, "planned": true, "upcoming": true,
	"next": true, "due": true, "expected": true, "plans": true}

type finder struct {
	s      string
	toks   []text.Token
	pub    time.Time
	anchor time.Time // last day-precise date named
	out    []Mention
}

// Find returns the date expressions of text in order. published may be zero
// (then only absolute dates resolve).
func Find(s string, published time.Time) []Mention {
	f := &finder{s: s, toks: text.Tokenize(s, 0, len(s)), pub: published}
	for i := 0; i < len(f.toks); {
		n := f.at(i)
		if n == 0 {
			i++
			continue
		}
		i += n
	}
	return f.out
}

func (f *finder) lower(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	return f.toks[i].Lower
}

// month returns the month named at token i. In mixed-case text the name
// must be capitalised, so "may" the verb is never a month.
func (f *finder) month(i int) int {
	if i < 0 || i >= len(f.toks) {
		return 0
	}
	m := monthNum[f.toks[i].Lower]
	if m == 0 || !f.toks[i].Capitalised(f.s) {
		return 0
	}
	return m
}

// abbrevDot is 1 when the month at i is an abbreviation written with its
// period ("Aug." is two tokens), else 0.
func (f *finder) abbrevDot(i int) int {
	if i+1 < len(f.toks) && f.toks[i+1].Lower == "." && f.toks[i+1].Start == f.toks[i].End && len(f.toks[i].Lower) <= 4 {
		return 1
	}
	return 0
}

func (f *finder) num(i int) (int, bool) {
	if i < 0 || i >= len(f.toks) || f.toks[i].Kind != text.Number {
		// "12th"
		if i >= 0 && i < len(f.toks) && f.toks[i].Kind == text.Word {
			w := f.toks[i].Lower
			for _, suf := range []string{"st", "nd", "rd", "th"} {
				if strings.HasSuffix(w, suf) && len(w) > 2 {
					if v, err := strconv.Atoi(w[:len(w)-2]); err == nil {
						return v, true
					}
				}
			}
		}
		return 0, false
	}
	v, err := strconv.Atoi(f.toks[i].Lower)
	return v, err == nil
}

// day reads a day number at i, allowing an ordinal suffix token ("12 th").
func (f *finder) day(i int) (int, int, bool) {
	v, ok := f.num(i)
	if !ok || v < 1 || v > 31 {
		return 0, 0, false
	}
	n := 1
	if w := f.lower(i + 1); (w == "st" || w == "nd" || w == "rd" || w == "th") && f.toks[i+1].Start == f.toks[i].End {
		n = 2
	}
	return v, n, true
}

// year reads a year at i: four digits, or two after a month in wire copy ("5 JAN 90").
func (f *finder) year(i int, short bool) (int, bool) {
	if i >= len(f.toks) || f.toks[i].Kind != text.Number {
		return 0, false
	}
	w := f.toks[i].Lower
	v, err := strconv.Atoi(w)
	if err != nil {
		return 0, false
	}
	if len(w) == 4 && v >= 1800 && v <= 2200 {
		return v, true
	}
	if short && len(w) == 2 {
		if v < 40 {
			return 2000 + v, true
		}
		return 1900 + v, true
	}
	return 0, false
}

func (f *finder) emit(from, to int, m Mention) int {
	m.Start, m.End = f.toks[from].Start, f.toks[to-1].End
	m.Text = f.s[m.Start:m.End]
	if m.EndValue == "" {
		m.EndValue = m.Value
	}
	if m.Precision == sitrep.PrecisionDay && m.Value != "" && !m.Relative {
		if t, err := time.Parse("2006-01-02", m.Value); err == nil {
			f.anchor = t
		}
	}
	f.out = append(f.out, m)
	return to - from
}

func dayValue(t time.Time) string { return t.Format("2006-01-02") }

// future reports a scheduling word in the few tokens before i.
func (f *finder) future(i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if futureCue[f.toks[k].Lower] {
			return true
		}
		if f.toks[k].Lower == "." {
			break
		}
	}
	return false
}

// withYear resolves month and day without a year against the publication date.
func (f *finder) withYear(month, day, i int) (time.Time, bool) {
	if f.pub.IsZero() {
		return time.Time{}, false
	}
	t := time.Date(f.pub.Year(), time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(month) {
		return time.Time{}, false
	}
	ahead := 45
	if f.future(i) {
		ahead = 300
	}
	if t.After(f.pub.AddDate(0, 0, ahead)) {
		t = t.AddDate(-1, 0, 0)
	} else if t.Before(f.pub.AddDate(0, 0, -320)) && f.future(i) {
		t = t.AddDate(1, 0, 0)
	}
	return t, true
}

// at tries every pattern at token i and returns how many tokens it used.
func (f *finder) at(i int) int {
	w := f.lower(i)
	// numeric dates: 01/02/2021, 2021-01-05
	if f.toks[i].Kind == text.Number {
		if n := f.numeric(i); n > 0 {
			return n
		}
	}
	// weekday, optionally followed by a date: "Saturday, 12 November", "Tuesday (August 8)"
	if wd, ok := weekdays[w]; ok && (f.toks[i].Capitalised(f.s)) {
		j := i + 1
		for j < len(f.toks) && (f.lower(j) == "," || f.lower(j) == "(") {
			j++
		}
		save := len(f.out)
		for _, read := range []func(int) int{f.dayMonth, f.monthDay} {
			if n := read(j); n > 0 {
				// fold the weekday into the date that follows it
				m := f.out[save]
				f.out = f.out[:save]
				end := j + n
				if f.lower(end) == ")" {
					end++
				}
				return f.emit(i, end, m)
			}
		}
		if f.pub.IsZero() {
			return f.emit(i, i+1, Mention{Precision: sitrep.PrecisionDay, Relative: true})
		}
		back := (int(f.pub.Weekday()) - int(wd) + 7) % 7
		if back == 0 {
			back = 7
			if f.lower(i-1) == "on" || f.lower(i-1) == "this" {
				back = 0
			}
		}
		t := f.pub.AddDate(0, 0, -back)
		if f.future(i) || f.lower(i-1) == "next" {
			t = f.pub.AddDate(0, 0, (int(wd)-int(f.pub.Weekday())+7)%7)
		}
		return f.emit(i, i+1, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay, Relative: true})
	}
	if n := f.dayMonth(i); n > 0 {
		return n
	}
	if n := f.monthDay(i); n > 0 {
		return n
	}
	if n := f.monthYear(i); n > 0 {
		return n
	}
	if n := f.relative(i); n > 0 {
		return n
	}
	// a year: "in 2015", "the 1996 election"; not "2000 people" or "$1990"
	if y, ok := f.year(i, false); ok && f.lower(i+1) != "s" && f.bareYear(i) {
		if i+1 < len(f.toks) && f.toks[i+1].Kind == text.Word && f.toks[i+1].Start == f.toks[i].End {
			return 0 // "1990s"
		}
		v := strconv.Itoa(y)
		return f.emit(i, i+1, Mention{Value: v, Precision: sitrep.PrecisionYear})
	}
	return 0
}

// bareYear decides whether a four-digit figure at i is a year: after a
// preposition of time always; elsewhere unless a plural noun follows (a
// head count) or a currency sign, number sign or comma-grouped digits
// surround it.
func (f *finder) bareYear(i int) bool {
	if yearPreps[f.lower(i-1)] {
		return true
	}
	switch f.lower(i - 1) {
	case "$", "£", "€", "#", "no", "no.", "rs", "rs.", "number", "about", "some", "over", "nearly", "than", "least":
		return false
	}
	nx := f.lower(i + 1)
	if nx == "%" || nx == "," && i+2 < len(f.toks) && f.toks[i+2].Kind == text.Number {
		return false
	}
	if i+1 < len(f.toks) && f.toks[i+1].Kind == text.Word && len(nx) > 3 && strings.HasSuffix(nx, "s") && !strings.HasSuffix(nx, "ss") {
		return false // "2000 soldiers"
	}
	switch nx {
	case "people", "men", "women", "children", "troops", "police", "personnel":
		return false
	}
	return true
}

// numeric reads 01/02/2021 (US order unless the first part exceeds 12) and 2021-01-05.
func (f *finder) numeric(i int) int {
	if f.lower(i+1) == "/" && f.lower(i+3) == "/" {
		a, ok1 := f.num(i)
		b, ok2 := f.num(i + 2)
		y, ok3 := f.year(i+4, true)
		if ok1 && ok2 && ok3 {
			mo, d := a, b
			if a > 12 {
				mo, d = b, a
			}
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if mo >= 1 && mo <= 12 && t.Day() == d {
				return f.emit(i, i+5, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay})
			}
		}
	}
	if y, ok := f.year(i, false); ok && f.lower(i+1) == "-" && f.lower(i+3) == "-" {
		mo, ok1 := f.num(i + 2)
		d, ok2 := f.num(i + 4)
		if ok1 && ok2 {
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if mo >= 1 && mo <= 12 && t.Day() == d {
				return f.emit(i, i+5, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay})
			}
		}
	}
	return 0
}

// dayMonth reads "12 November", "5 JAN 90", "8 August 2016", "15 to 17 February".
func (f *finder) dayMonth(i int) int {
	d, n, ok := f.day(i)
	if !ok {
		return 0
	}
	j := i + n
	d2 := 0
	if w := f.lower(j); (w == "to" || w == "-" || w == "and") && f.month(j+2) > 0 {
		if v, n2, ok := f.day(j + 1); ok && v > d {
			d2 = v
			j += 1 + n2
		}
	}
	if f.lower(j) == "of" {
		j++
	}
	mo := f.month(j)
	if mo == 0 {
		return 0
	}
	j += 1 + f.abbrevDot(j)
	if f.lower(j) == "," {
		if _, ok := f.year(j+1, false); ok {
			j++
		}
	}
	return f.finishDay(i, j, mo, d, d2)
}

// monthDay reads "September 2", "Sep 5", "August 8, 2016", "February 15 to 17".
func (f *finder) monthDay(i int) int {
	mo := f.month(i)
	if mo == 0 {
		return 0
	}
	dot := f.abbrevDot(i)
	d, n, ok := f.day(i + 1 + dot)
	if !ok {
		return 0
	}
	j := i + 1 + dot + n
	// "May 1990" is a month and year, not a day
	if f.toks[i+1+dot].Kind == text.Number && len(f.toks[i+1+dot].Lower) == 4 {
		return 0
	}
	d2 := 0
	if w := f.lower(j); w == "to" || w == "-" || w == "and" || w == "through" {
		if v, n2, ok := f.day(j + 1); ok && v > d && !(f.month(j+2) > 0) {
			d2 = v
			j += 1 + n2
		}
	}
	if f.lower(j) == "," {
		if _, ok := f.year(j+1, false); ok {
			j++
		}
	}
	return f.finishDay(i, j, mo, d, d2)
}

// finishDay reads an optional year at j and emits the day (or day range).
func (f *finder) finishDay(from, j, mo, d, d2 int) int {
	var t time.Time
	if y, ok := f.year(j, true); ok && !(len(f.lower(j)) == 2 && !isCaps(f.s[f.toks[from].Start:f.toks[j].End])) {
		t = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		j++
		if t.Day() != d {
			return 0
		}
	} else {
		var ok bool
		t, ok = f.withYear(mo, d, from)
		if !ok {
			return f.emit(from, j, Mention{Precision: sitrep.PrecisionDay})
		}
		m := Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay, Relative: true}
		if d2 > 0 {
			m.EndValue = dayValue(t.AddDate(0, 0, d2-d))
		}
		n := f.emit(from, j, m)
		f.anchor = t
		return n
	}
	m := Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay}
	if d2 > 0 {
		m.EndValue = dayValue(t.AddDate(0, 0, d2-d))
	}
	return f.emit(from, j, m)
}

func isCaps(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// monthYear reads "December 2015", "in March", "March of 2015".
func (f *finder) monthYear(i int) int {
	mo := f.month(i)
	if mo == 0 {
		return 0
	}
	j := i + 1 + f.abbrevDot(i)
	if f.lower(j) == "of" || f.lower(j) == "," {
		if _, ok := f.year(j+1, false); ok {
			j++
		}
	}
	if y, ok := f.year(j, false); ok {
		return f.emit(i, j+1, Mention{Value: time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Precision: sitrep.PrecisionMonth})
	}
	prev := f.lower(i - 1)
	if !monthPreps[prev] {
		return 0
	}
	if f.pub.IsZero() {
		return f.emit(i, i+1, Mention{Precision: sitrep.PrecisionMonth})
	}
	y := f.pub.Year()
	switch {
	case prev == "last":
		if mo >= int(f.pub.Month()) {
			y--
		}
	case prev == "next" || f.future(i):
		if mo < int(f.pub.Month()) {
			y++
		}
	default:
		if mo > int(f.pub.Month()) {
			y--
		}
	}
	from := i
	if prev == "last" || prev == "next" || prev == "this" {
		from = i - 1
	}
	return f.emit(from, i+1, Mention{Value: time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Precision: sitrep.PrecisionMonth, Relative: true})
}

// relative reads words relative to the report or to the narrative.
func (f *finder) relative(i int) int {
	w := f.lower(i)
	pubDay := func(from, to, days int) int {
		if f.pub.IsZero() {
			return f.emit(from, to, Mention{Precision: sitrep.PrecisionDay, Relative: true})
		}
		return f.emit(from, to, Mention{Value: dayValue(f.pub.AddDate(0, 0, days)), Precision: sitrep.PrecisionDay, Relative: true})
	}
	anchorDay := func(from, to, days int) int {
		base := f.anchor
		if base.IsZero() {
			base = f.pub
		}
		if base.IsZero() {
			return f.emit(from, to, Mention{Precision: sitrep.PrecisionDay, Relative: true})
		}
		return f.emit(from, to, Mention{Value: dayValue(base.AddDate(0, 0, days)), Precision: sitrep.PrecisionDay, Relative: true})
	}
	period := func(from, to int, unit string, delta int) int {
		if f.pub.IsZero() {
			return 0
		}
		switch unit {
		case "week", "weekend":
			t := f.pub.AddDate(0, 0, 7*delta)
			t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
			return f.emit(from, to, Mention{Value: dayValue(t), EndValue: dayValue(t.AddDate(0, 0, 6)), Precision: sitrep.PrecisionWeek, Relative: true})
		case "month":
			t := time.Date(f.pub.Year(), f.pub.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, delta, 0)
			return f.emit(from, to, Mention{Value: t.Format("2006-01"), Precision: sitrep.PrecisionMonth, Relative: true})
		case "year":
			return f.emit(from, to, Mention{Value: strconv.Itoa(f.pub.Year() + delta), Precision: sitrep.PrecisionYear, Relative: true})
		}
		return 0
	}
	switch w {
	case "yesterday":
		return pubDay(i, i+1, -1)
	case "today", "tonight":
		return pubDay(i, i+1, 0)
	case "early", "late":
		// "early today", "late yesterday", "early this morning"
		switch nx := f.lower(i + 1); nx {
		case "today":
			return pubDay(i, i+2, 0)
		case "yesterday":
			return pubDay(i, i+2, -1)
		case "this":
			if p := f.lower(i + 2); p == "morning" || p == "afternoon" || p == "evening" {
				return pubDay(i, i+3, 0)
			}
		}
	case "tomorrow":
		return pubDay(i, i+1, 1)
	case "last", "this", "next", "past":
		nx := f.lower(i + 1)
		delta := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[w]
		if nx == "night" && w == "last" {
			return pubDay(i, i+2, -1)
		}
		if w == "this" && (nx == "morning" || nx == "afternoon" || nx == "evening") {
			return pubDay(i, i+2, 0)
		}
		if nx == "week" || nx == "month" || nx == "year" || nx == "weekend" {
			return period(i, i+2, nx, delta)
		}
	case "earlier", "later":
		// "earlier this month", "later this year"
		if f.lower(i+1) == "this" {
			if u := f.lower(i + 2); u == "week" || u == "month" || u == "year" {
				return period(i, i+3, u, 0)
			}
		}
		if w == "later" && f.lower(i+1) == "that" && f.lower(i+2) == "day" {
			return anchorDay(i, i+3, 0)
		}
		if w == "later" && f.lower(i+1) == "the" && f.lower(i+2) == "same" && f.lower(i+3) == "day" {
			return anchorDay(i, i+4, 0)
		}
	case "the", "that":
		nx, nx2 := f.lower(i+1), f.lower(i+2)
		switch {
		case w == "the" && nx == "same" && nx2 == "day":
			return anchorDay(i, i+3, 0)
		case w == "that" && nx == "same" && nx2 == "day":
			return anchorDay(i, i+3, 0)
		case w == "the" && nx == "day" && (nx2 == "before" || nx2 == "earlier"):
			return anchorDay(i, i+3, -1)
		case w == "the" && (nx == "previous" || nx == "preceding") && nx2 == "day":
			return anchorDay(i, i+3, -1)
		case w == "the" && (nx == "next" || nx == "following") && nx2 == "day":
			return anchorDay(i, i+3, 1)
		case w == "the" && nx == "day" && nx2 == "after":
			return anchorDay(i, i+3, 1)
		}
	}
	// "two weeks earlier", "three days later", "a month ago"
	if c, ok := countWords[w]; ok || f.toks[i].Kind == text.Number {
		if !ok {
			v, err := strconv.Atoi(w)
			if err != nil || v > 400 {
				return 0
			}
			c = v
		}
		unit := strings.TrimSuffix(f.lower(i+1), "s")
		dir := f.lower(i + 2)
		if dir != "earlier" && dir != "later" && dir != "ago" && dir != "before" && dir != "after" {
			return 0
		}
		if dir == "before" || dir == "after" {
			// "two days before the attack": only with a plain full stop after is
			// it relative to the narrative; otherwise the base is not a date
			if nx := f.lower(i + 3); nx != "." && nx != "," {
				return 0
			}
		}
		sign := 1
		if dir == "earlier" || dir == "ago" || dir == "before" {
			sign = -1
		}
		base := f.anchor
		if dir == "ago" || base.IsZero() {
			base = f.pub
		}
		if base.IsZero() {
			return 0
		}
		switch unit {
		case "day":
			return f.emit(i, i+3, Mention{Value: dayValue(base.AddDate(0, 0, sign*c)), Precision: sitrep.PrecisionDay, Relative: true})
		case "week":
			t := base.AddDate(0, 0, sign*7*c)
			return f.emit(i, i+3, Mention{Value: dayValue(t), Precision: sitrep.PrecisionDay, Relative: true})
		case "month":
			return f.emit(i, i+3, Mention{Value: base.AddDate(0, sign*c, 0).Format("2006-01"), Precision: sitrep.PrecisionMonth, Relative: true})
		case "year":
			return f.emit(i, i+3, Mention{Value: strconv.Itoa(base.Year() + sign*c), Precision: sitrep.PrecisionYear, Relative: true})
		}
	}
	return 0
}
