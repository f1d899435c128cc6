// Package numbers finds quantities in text, in digits or words, with the
// qualifiers that make them ranges ("at least 9", "over a hundred",
// "between 10 and 15", "dozens").
//
// Conventions (Low/Best/High are -1 where the text gives no bound):
//   - a plain figure N: N/N/N;
//   - "at least", "more than", "over", "upwards of", "in excess of",
//     "no fewer than" N: Low=Best=N, High open;
//   - "up to", "at most", "fewer than", "less than", "under", "as many as",
//     "no more than" N: Best=High=N, Low open;
//   - "about", "around", "nearly", "almost", "some", "approximately",
//     "roughly", "an estimated", "close to" N: Best=N, Low and High open;
//   - "N to M", "N-M", "N or M", "between N and M", "from N to M":
//     Low=Best=N, High=M;
//   - vague words are floors: Low=Best=v, High open, with v: "several" 3,
//     "a few" 2, "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
//     "tens of thousands" 20000, "hundreds of thousands" 200000, "millions"
//     2000000; "several hundred" 300, "a few thousand" 2000;
//   - "numerous" and "many" give no figure (all -1) but are reported, so a
//     reader sees that the text chose not to count.
//
// Not quantities: years ("in 2015"), parts of dates ("12 November",
// "Sep 5", "01/02/2021"), clock times, money, percentages, ordinals,
// codes glued to letters ("F-16", "COVID-19"), numbers of laws, sections
// or blocks, and ages written "aged 18" or "18-year-old". Distances and
// durations are numbers; the caller reads the noun.
package numbers

import "sync"

// tokPool recycles token buffers: a 3 KB article has some 600 tokens and
// Find runs once per article on every core.
var tokPool = sync.Pool{New: func() any { b := make([]tok, 0, 1024); return &b }}

// Number is a quantity phrase. Low/Best/High are -1 when the text gives no bound.
type Number struct {
	Start, End      int // UTF-8 byte offsets of the whole phrase, qualifier included ("at least 9")
	Text            string
	Low, Best, High int
}

// Word classes of the lexicon.
const (
	cNone     uint8 = iota
	cUnit           // zero..nineteen
	cTens           // twenty..ninety
	cScale          // hundred, thousand, million, billion, lakh, crore
	cDozen          // dozen: a scale of twelve that also stands alone after "a"
	cVague          // dozens, scores, hundreds, thousands, millions, several, numerous, many
	cMonth          // a month name: digits beside it are a date
	cMoney          // currency words and signs, percent
	cTime           // am, pm, gmt: a clock time
	cCode           // law, section, article, no.: a code, not a count
	cTimePrep       // in, since, by...: a four-digit figure after them is a year
)

type entry struct {
	class uint8
	open  bool // the word may begin a quantity phrase
	val   int
}

var lexicon = map[string]entry{
	"zero": {class: cUnit, val: 0}, "one": {class: cUnit, val: 1}, "two": {class: cUnit, val: 2}, "three": {class: cUnit, val: 3}, "four": {class: cUnit, val: 4},
	"five": {class: cUnit, val: 5}, "six": {class: cUnit, val: 6}, "seven": {class: cUnit, val: 7}, "eight": {class: cUnit, val: 8}, "nine": {class: cUnit, val: 9},
	"ten": {class: cUnit, val: 10}, "eleven": {class: cUnit, val: 11}, "twelve": {class: cUnit, val: 12}, "thirteen": {class: cUnit, val: 13},
	"fourteen": {class: cUnit, val: 14}, "fifteen": {class: cUnit, val: 15}, "sixteen": {class: cUnit, val: 16}, "seventeen": {class: cUnit, val: 17},
	"eighteen": {class: cUnit, val: 18}, "nineteen": {class: cUnit, val: 19},
	"twenty": {class: cTens, val: 20}, "thirty": {class: cTens, val: 30}, "forty": {class: cTens, val: 40}, "fourty": {class: cTens, val: 40},
	"fifty": {class: cTens, val: 50}, "sixty": {class: cTens, val: 60}, "seventy": {class: cTens, val: 70}, "eighty": {class: cTens, val: 80}, "ninety": {class: cTens, val: 90},
	"hundred": {class: cScale, val: 100}, "thousand": {class: cScale, val: 1000}, "million": {class: cScale, val: 1000000},
	"billion": {class: cScale, val: 1000000000}, "lakh": {class: cScale, val: 100000}, "lakhs": {class: cScale, val: 100000},
	"crore": {class: cScale, val: 10000000}, "crores": {class: cScale, val: 10000000},
	"dozen":  {class: cDozen, val: 12},
	"dozens": {class: cVague, val: 24}, "scores": {class: cVague, val: 40}, "hundreds": {class: cVague, val: 200}, "thousands": {class: cVague, val: 2000},
	"millions": {class: cVague, val: 2000000}, "several": {class: cVague, val: 3}, "numerous": {class: cVague, val: -1}, "many": {class: cVague, val: -1},
	"january": {class: cMonth, val: 1}, "february": {class: cMonth, val: 2}, "march": {class: cMonth, val: 3}, "april": {class: cMonth, val: 4},
	"may": {class: cMonth, val: 5}, "june": {class: cMonth, val: 6}, "july": {class: cMonth, val: 7}, "august": {class: cMonth, val: 8},
	"september": {class: cMonth, val: 9}, "october": {class: cMonth, val: 10}, "november": {class: cMonth, val: 11}, "december": {class: cMonth, val: 12},
	"jan": {class: cMonth, val: 1}, "feb": {class: cMonth, val: 2}, "mar": {class: cMonth, val: 3}, "apr": {class: cMonth, val: 4}, "jun": {class: cMonth, val: 6},
	"jul": {class: cMonth, val: 7}, "aug": {class: cMonth, val: 8}, "sep": {class: cMonth, val: 9}, "sept": {class: cMonth, val: 9}, "oct": {class: cMonth, val: 10},
	"nov": {class: cMonth, val: 11}, "dec": {class: cMonth, val: 12},
	"dollars": {class: cMoney, val: 0}, "dollar": {class: cMoney, val: 0}, "rupees": {class: cMoney, val: 0}, "rupee": {class: cMoney, val: 0},
	"euros": {class: cMoney, val: 0}, "euro": {class: cMoney, val: 0}, "pounds": {class: cMoney, val: 0}, "yuan": {class: cMoney, val: 0},
	"afghanis": {class: cMoney, val: 0}, "riyals": {class: cMoney, val: 0}, "dirhams": {class: cMoney, val: 0}, "pesos": {class: cMoney, val: 0},
	"rs": {class: cMoney, val: 0}, "usd": {class: cMoney, val: 0}, "pkr": {class: cMoney, val: 0}, "inr": {class: cMoney, val: 0}, "eur": {class: cMoney, val: 0},
	"percent": {class: cMoney, val: 0}, "pc": {class: cMoney, val: 0}, "bn": {class: cMoney, val: 0},
	"am": {class: cTime, val: 0}, "pm": {class: cTime, val: 0}, "gmt": {class: cTime, val: 0}, "hrs": {class: cTime, val: 0}, "pst": {class: cTime, val: 0}, "utc": {class: cTime, val: 0},
	"law": {class: cCode, val: 0}, "section": {class: cCode, val: 0}, "article": {class: cCode, val: 0}, "no": {class: cCode, val: 0}, "number": {class: cCode, val: 0},
	"resolution": {class: cCode, val: 0}, "clause": {class: cCode, val: 0}, "chapter": {class: cCode, val: 0}, "page": {class: cCode, val: 0},
	"flight": {class: cCode, val: 0}, "route": {class: cCode, val: 0}, "highway": {class: cCode, val: 0}, "room": {class: cCode, val: 0}, "act": {class: cCode, val: 0},
	"block": {class: cCode, val: 0}, "sector": {class: cCode, val: 0}, "phase": {class: cCode, val: 0},
	"plot": {class: cCode, val: 0}, "street": {class: cCode, val: 0}, "ward": {class: cCode, val: 0},
	"ordinance": {class: cCode, val: 0}, "paragraph": {class: cCode, val: 0}, "rule": {class: cCode, val: 0}, "fir": {class: cCode, val: 0}, "decree": {class: cCode, val: 0},
	"in": {class: cTimePrep, val: 0}, "since": {class: cTimePrep, val: 0}, "of": {class: cTimePrep, val: 0}, "year": {class: cTimePrep, val: 0},
	"by": {class: cTimePrep, val: 0}, "until": {class: cTimePrep, val: 0}, "till": {class: cTimePrep, val: 0}, "before": {class: cTimePrep, val: 0},
	"after": {class: cTimePrep, val: 0}, "from": {class: cTimePrep, val: 0}, "during": {class: cTimePrep, val: 0}, "through": {class: cTimePrep, val: 0},
	"to": {class: cTimePrep, val: 0}, "and": {class: cTimePrep, val: 0}, "early": {class: cTimePrep, val: 0}, "late": {class: cTimePrep, val: 0},
	"mid": {class: cTimePrep, val: 0}, "throughout": {class: cTimePrep, val: 0}, "between": {class: cTimePrep, val: 0}, "the": {class: cTimePrep, val: 0},
}

// reader holds one text while it is scanned.
type reader struct {
	s, low string
	toks   []tok
}

func (r *reader) w(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	t := r.toks[i]
	return r.low[t.start:t.end]
}

func (r *reader) class(i int) entry {
	if i < 0 || i >= len(r.toks) {
		return entry{}
	}
	return r.toks[i].e
}

// classify looks every word up once; longer words are never keywords.
func (r *reader) classify() {
	for k := range r.toks {
		t := &r.toks[k]
		if t.kind == tWord && t.end-t.start <= 13 {
			t.e = lexicon[r.low[t.start:t.end]]
		}
	}
}

// glued reports whether tokens i and i+1 touch (no space between them).
func (r *reader) glued(i int) bool {
	return i >= 0 && i+1 < len(r.toks) && r.toks[i].end == r.toks[i+1].start
}

func (r *reader) isWord(i int) bool       { return i >= 0 && i < len(r.toks) && r.toks[i].kind == tWord }
func (r *reader) isNum(i int) bool        { return i >= 0 && i < len(r.toks) && r.toks[i].kind == tNum }
func (r *reader) isDash(i int) bool       { w := r.w(i); return w == "-" || w == "–" || w == "—" }
func (r *reader) is(i int, w string) bool { return r.w(i) == w }

// Find returns the cardinal quantities of text in order.
func Find(text string) []Number {
	r := reader{s: text, low: lowerASCII(text)}
	buf := tokPool.Get().(*[]tok)
	r.toks = tokenize(text, (*buf)[:0])
	r.classify()
	defer func() {
		*buf = r.toks[:0]
		tokPool.Put(buf)
	}()
	var out []Number
	for i := 0; i < len(r.toks); i++ {
		t := r.toks[i]
		if t.kind == tPunct {
			continue
		}
		// only digits and words of the lexicon (qualifiers aside) can open a phrase
		if t.kind == tWord && !t.e.open {
			continue
		}
		n, next, ok := r.at(i, true)
		if !ok {
			continue
		}
		out = append(out, n)
		i = next - 1
	}
	return out
}

// Parse reads one phrase, e.g. "four hundred and sixty three". The phrase
// alone has no context, so a bare "2015" is a number here.
func Parse(phrase string) (Number, bool) {
	r := reader{s: phrase, low: lowerASCII(phrase)}
	r.toks = tokenize(phrase, make([]tok, 0, 8))
	r.classify()
	if len(r.toks) == 0 {
		return Number{}, false
	}
	n, next, ok := r.at(0, false)
	if !ok || next != len(r.toks) {
		return Number{}, false
	}
	return n, true
}

// Qualifiers and other words that may begin a phrase join the lexicon
// marked open, so one lookup per word decides whether to look further.
func init() {
	for _, w := range []string{"a", "an", "at", "more", "fewer", "less", "up", "in", "upwards", "over",
		"under", "about", "around", "nearly", "some", "approximately", "almost", "roughly", "approx",
		"estimated", "close", "between", "from", "no", "not", "as", "both", "just", "well", "tens", "circa"} {
		e := lexicon[w]
		e.open = true
		lexicon[w] = e
	}
	for k, e := range lexicon {
		switch e.class {
		case cUnit, cTens, cScale, cDozen, cVague:
			e.open = true
			lexicon[k] = e
		}
	}
}

// Qualifier kinds.
const (
	qExact = iota
	qLower
	qUpper
	qApprox
	qRange // "between", "from": a range must follow
)

// qualifier reads a qualifier at i and returns its kind and the token after it.
func (r *reader) qualifier(i int) (int, int) {
	w, nx := r.w(i), r.w(i+1)
	switch w {
	case "at":
		switch nx {
		case "least":
			return qLower, i + 2
		case "most":
			return qUpper, i + 2
		case "about", "around":
			return qApprox, i + 2
		}
	case "more":
		if nx == "than" {
			return qLower, i + 2
		}
	case "fewer", "less":
		if nx == "than" {
			return qUpper, i + 2
		}
	case "no", "not":
		if (nx == "fewer" || nx == "less") && r.is(i+2, "than") {
			return qLower, i + 3
		}
		if nx == "more" && r.is(i+2, "than") {
			return qUpper, i + 3
		}
	case "up":
		if nx == "to" {
			return qUpper, i + 2
		}
	case "as":
		if nx == "many" && r.is(i+2, "as") {
			return qUpper, i + 3
		}
	case "in":
		if nx == "excess" && r.is(i+2, "of") {
			return qLower, i + 3
		}
	case "upwards":
		if nx == "of" {
			return qLower, i + 2
		}
	case "over":
		return qLower, i + 1
	case "just", "well":
		if nx == "over" {
			return qLower, i + 2
		}
		if nx == "under" {
			return qUpper, i + 2
		}
	case "under":
		return qUpper, i + 1
	case "about", "around", "nearly", "some", "approximately", "almost", "roughly", "approx", "circa":
		return qApprox, i + 1
	case "estimated":
		return qApprox, i + 1
	case "an":
		if nx == "estimated" {
			return qApprox, i + 2
		}
	case "close":
		if nx == "to" {
			return qApprox, i + 2
		}
	case "between", "from":
		return qRange, i + 1
	}
	return qExact, i
}

// at reads a quantity phrase starting at token i and returns it with the
// index of the token after it. ctx applies the context tests that tell a
// count from a year, a date part, money or a code.
func (r *reader) at(i int, ctx bool) (Number, int, bool) {
	start := i
	kind, i := r.qualifier(i)
	if i >= len(r.toks) {
		return Number{}, 0, false
	}
	v, j, vague, ok := r.value(i)
	if !ok {
		return Number{}, 0, false
	}
	// ranges: "10 to 15", "10-15", "two or three", "between 10 and 15"
	hi := -1
	if !vague && j+1 < len(r.toks) {
		sep := r.w(j)
		okSep := sep == "to" || sep == "or" || r.isDash(j)
		if kind == qRange {
			okSep = sep == "and" || sep == "to" || r.isDash(j)
		}
		if okSep {
			if v2, j2, vg2, ok := r.value(j + 1); ok && !vg2 && v2 > v && r.toks[j+1].kind == r.toks[i].kind {
				hi, j = v2, j2
			}
		}
	}
	if kind == qRange && hi < 0 {
		// "from 10 people" is a plain figure; drop the preposition
		start, kind = i, qExact
	}
	if ctx && !r.isCount(start, i, j, kind == qExact || kind == qApprox || hi >= 0) {
		return Number{}, 0, false
	}
	n := Number{Start: int(r.toks[start].start), End: int(r.toks[j-1].end), Low: v, Best: v, High: v}
	switch {
	case hi >= 0:
		n.High = hi
	case vague:
		n.High = -1
		if v < 0 {
			n.Low, n.Best = -1, -1
		}
	case kind == qLower:
		n.High = -1
	case kind == qUpper:
		n.Low = -1
	case kind == qApprox:
		n.Low, n.High = -1, -1
	}
	n.Text = r.s[n.Start:n.End]
	return n, j, true
}

// value reads a figure at token i: digits ("1,200", "1.5 million") or words
// ("four hundred and sixty three", "a dozen", "several hundred", "dozens").
// vague marks a floor rather than a count.
func (r *reader) value(i int) (v, next int, vague, ok bool) {
	if i >= len(r.toks) {
		return 0, 0, false, false
	}
	t := r.toks[i]
	if t.kind == tNum {
		return r.digits(i)
	}
	if t.kind != tWord {
		return 0, 0, false, false
	}
	w := r.w(i)
	switch w {
	case "a", "an":
		nx := r.class(i + 1)
		switch {
		case r.is(i+1, "few"):
			if s := r.class(i + 2); s.class == cScale || s.class == cDozen {
				return 2 * s.val, i + 3, true, true
			}
			return 2, i + 2, true, true
		case nx.class == cDozen:
			return 12, i + 2, false, true
		case nx.class == cScale:
			v, j, ok := r.words(i+1, 1)
			return v, j, false, ok
		}
		return 0, 0, false, false
	case "both":
		// "both attackers": two, only before a plural noun
		if r.isWord(i+1) && plural(r.w(i+1)) {
			return 2, i + 1, false, true
		}
		return 0, 0, false, false
	case "tens":
		// "tens of thousands"
		if r.is(i+1, "of") && r.is(i+2, "thousands") {
			return 20000, i + 3, true, true
		}
		return 0, 0, false, false
	}
	e := r.class(i)
	if e.class == cVague {
		if e.val == 3 { // "several hundred", "several dozen"
			if s := r.class(i + 1); s.class == cScale || s.class == cDozen {
				return 3 * s.val, i + 2, true, true
			}
		}
		if e.val == -1 && r.is(i+1, "of") {
			return 0, 0, false, false // "many of them": a share, not a count
		}
		// "hundreds of thousands", "dozens of millions"
		if e.val > 3 && r.is(i+1, "of") {
			if s := r.class(i + 2); s.class == cVague && s.val > 3 {
				return e.val / 2 * s.val, i + 3, true, true
			}
		}
		return e.val, i + 1, true, true
	}
	v, j, ok := r.words(i, 0)
	return v, j, false, ok
}

// digits reads a figure in digits, with an optional scale word after it.
func (r *reader) digits(i int) (int, int, bool, bool) {
	t := r.toks[i]
	raw := r.s[t.start:t.end]
	intPart, frac, fracDigits, commas := 0, 0, 0, 0
	seenDot := false
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		switch {
		case c == ',':
			if seenDot {
				return 0, 0, false, false
			}
			commas++
		case c == '.':
			if seenDot {
				return 0, 0, false, false // "12.05.2021"
			}
			seenDot = true
		case seenDot:
			if fracDigits < 6 {
				frac = frac*10 + int(c-'0')
				fracDigits++
			}
		default:
			if intPart > 1e12 {
				return 0, 0, false, false
			}
			intPart = intPart*10 + int(c-'0')
		}
	}
	j := i + 1
	scale := 1
	if s := r.class(j); s.class == cScale || s.class == cDozen {
		scale = s.val
		j++
	}
	if seenDot {
		if scale < 1000 {
			return 0, 0, false, false // a measure, not a head count
		}
		p := 1
		for k := 0; k < fracDigits; k++ {
			p *= 10
		}
		return intPart*scale + frac*scale/p, j, false, true
	}
	v := intPart * scale
	if v > 1e12 {
		return 0, 0, false, false
	}
	return v, j, false, true
}

// words reads number words from token i; base is the value already read
// (the "a" of "a hundred").
func (r *reader) words(i, base int) (int, int, bool) {
	total, cur := 0, base
	last := cNone // class of the last word read
	if base > 0 {
		last = cUnit
	}
	j := i
	for j < len(r.toks) && r.toks[j].kind == tWord {
		e := r.class(j)
		switch e.class {
		case cUnit:
			if last == cUnit || last == cTens && e.val >= 10 {
				return r.done(total+cur, j, last)
			}
			cur += e.val
		case cTens:
			if last == cUnit || last == cTens {
				return r.done(total+cur, j, last)
			}
			cur += e.val
		case cScale, cDozen:
			if last == cNone {
				return 0, 0, false
			}
			if cur == 0 {
				cur = 1
			}
			if e.val >= 1000 {
				total += cur * e.val
				cur = 0
			} else {
				cur *= e.val
			}
		default:
			w := r.w(j)
			// "four hundred and sixty three", "sixty-three"
			if w == "and" && last == cScale {
				if n := r.class(j + 1); n.class == cUnit || n.class == cTens {
					j++
					continue
				}
			}
			return r.done(total+cur, j, last)
		}
		last = e.class
		if last == cDozen {
			last = cScale
		}
		j++
		// "sixty-three": a hyphen joins tens to a unit
		if last == cTens && r.isDash(j) && r.glued(j-1) && r.glued(j) {
			if n := r.class(j + 1); n.class == cUnit && n.val > 0 && n.val < 10 {
				cur += n.val
				last = cUnit
				j += 2
			}
		}
	}
	return r.done(total+cur, j, last)
}

func (r *reader) done(v, j int, last uint8) (int, int, bool) {
	if last == cNone {
		return 0, 0, false
	}
	return v, j, true
}

// isCount tells a head count from a year, a date part, a time, money, a
// percentage, an ordinal or a code. from is the first token of the phrase,
// i the first token of the figure, j the token after the phrase.
func (r *reader) isCount(from, i, j int, bare bool) bool {
	t := r.toks[i]
	next := r.class(j)
	nw := r.w(j)
	switch next.class {
	case cMoney, cTime:
		return false
	case cMonth:
		if t.kind == tNum {
			return false // "12 November"
		}
	}
	if nw == "%" || nw == "per" && (r.is(j+1, "cent") || r.is(j+1, "capita")) {
		return false
	}
	// compound adjectives: "35-year-old", "two-day", "three-member"
	if r.isDash(j) && r.glued(j-1) && r.glued(j) && r.isWord(j+1) {
		return false
	}
	if t.kind == tNum {
		p := r.w(from - 1)
		pc := r.class(from - 1)
		switch {
		case p == "$" || p == "£" || p == "€" || p == "¥" || p == "₹" || p == "#" || pc.class == cMoney:
			return false
		case pc.class == cCode && from == i:
			return false
		case pc.class == cMonth:
			return false // "Sep 5"
		case p == "." && r.class(from-2).class == cMonth && r.glued(from-2):
			return false // "Sep. 5"
		case (p == "/" || p == ":" || p == "." || p == "-") && r.glued(from-1):
			if p != "-" || r.isWord(from-2) && r.glued(from-2) || r.isNum(from-2) {
				return false // "01/02", "7:45", "F-16", a date part "2021-01"
			}
		case r.isWord(from-1) && r.glued(from-1):
			return false // "G7"
		}
		if (nw == "/" || nw == ":") && r.glued(j-1) {
			return false
		}
		if r.isWord(j) && r.glued(j-1) {
			return false // "2nd", "9mm", "1990s", "5pm"
		}
		if nw == "." && r.glued(j-1) && r.isNum(j+1) && r.glued(j) {
			return false
		}
		if bare && r.yearLike(i, j) {
			return false
		}
		// "an 18- and 23-year-old": a suspended hyphen
		if r.isDash(i+1) && r.glued(i) && !r.glued(i+1) {
			return false
		}
		if r.w(from-1) == "aged" || r.w(from-1) == "age" {
			return false
		}
		return true
	}
	// number words
	w := r.w(i)
	if w == "one" && j == i+1 {
		// "one of the guards", "no one", "one another": not a count of one
		switch r.w(j) {
		case "of", "another", "by", "day", "time", "way", "side", "hand", "thing":
			return false
		}
		switch r.w(i - 1) {
		case "no", "any", "every", "the", "this", "that", "which", "someone", "each":
			return false
		}
		if j < len(r.toks) && r.toks[j].kind == tPunct {
			return false
		}
	}
	return true
}

// yearLike reports whether a bare four-digit figure at i is a year: always
// after a preposition of time, otherwise unless a plural noun follows
// ("1500 soldiers").
func (r *reader) yearLike(i, j int) bool {
	t := r.toks[i]
	raw := r.s[t.start:t.end]
	if len(raw) != 4 || raw[0] != '1' && raw[0] != '2' {
		return false
	}
	// a range of years, "1985-1986", reads like one year
	if j != i+1 && !(j == i+3 && r.isNum(i+2) && r.toks[i+2].end-r.toks[i+2].start == 4) {
		return false
	}
	if r.class(i-1).class == cTimePrep {
		return true
	}
	if !r.isWord(j) {
		return true
	}
	return !plural(r.w(j)) || r.class(j).class == cMonth
}

func plural(w string) bool {
	switch w {
	case "people", "men", "women", "children", "police", "personnel", "troops", "militia", "staff", "others", "persons", "civilians":
		return true
	}
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}
