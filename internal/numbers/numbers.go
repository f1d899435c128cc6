// Package numbers finds quantities in text, in digits or words, with the
// qualifiers that make them ranges ("at least 9", "over a hundred",
// "between 10 and 15", "dozens").
//
// Conventions (Low/Best/High are -1 where the text gives no bound):
//   - a plain figure N: N/N/N;
//   - "at least", "more than", "over", "upwards of" N: Low=Best=N, High open;
//   - "up to", "at most", "fewer than", "less than", "under" N: Best=High=N, Low open;
//   - "about", "around", "nearly", "some", "approximately", "almost" N: Best=N, Low/High open;
//   - "N to M", "N-M", "between N and M": Low=Best=N, High=M;
//   - vague words: "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
//     "several" 3, "a few" 2 (as Low and Best, High open); "numerous" and
//     "many" give no figure at all (all -1) but are still reported, so a
//     reader sees that the text did not count.
package numbers

import (
	"strconv"
	"strings"

	"sitrep/internal/text"
)

// Number is a quantity phrase. Low/Best/High are -1 when the text gives no bound.
type Number struct {
	Start, End      int // UTF-8 byte offsets of the whole phrase, qualifier included
	Text            string
	Low, Best, High int
}

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}
var tens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
var scales = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "lakh": 100000, "crore": 10000000}

// vague words: value used as Low and Best.
var vague = map[string]int{"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "several": 3, "numerous": -1, "many": -1}

var lowerQual = map[string]bool{"least": true, "more": true, "over": true, "upwards": true, "excess": true}
var upperQual = map[string]bool{"up": true, "most": true, "fewer": true, "less": true, "under": true}
var approxQual = map[string]bool{"about": true, "around": true, "nearly": true, "some": true, "approximately": true,
	"almost": true, "roughly": true, "approx": true, "estimated": true, "close": true}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true}

// Words before a figure that make it a year, a law or a money amount.
var notCountBefore = map[string]bool{"in": true, "since": true, "of": true, "year": true, "law": true, "section": true,
	"article": true, "no": true, "no.": true, "number": true, "$": true, "rs": true, "rs.": true, "usd": true, "pkr": true,
	"€": true, "£": true, "page": true, "resolution": true, "flight": true, "route": true, "highway": true, "by": true,
	"until": true, "before": true, "after": true, "from": true, "during": true, "through": true, "to": true, "and": true}

var moneyAfter = map[string]bool{"dollars": true, "rupees": true, "euros": true, "pounds": true, "percent": true,
	"%": true, "per": true, "am": true, "pm": true, "a.m.": true, "p.m.": true, "gmt": true, "hours": false}

// Find returns the cardinal quantities of text in order.
func Find(s string) []Number {
	toks := text.Tokenize(s, 0, len(s))
	var out []Number
	for i := 0; i < len(toks); i++ {
		n, next, ok := at(s, toks, i)
		if !ok {
			continue
		}
		out = append(out, n)
		i = next - 1
	}
	return out
}

// Parse reads one phrase, e.g. "four hundred and sixty three".
func Parse(phrase string) (Number, bool) {
	toks := text.Tokenize(phrase, 0, len(phrase))
	n, next, ok := at(phrase, toks, 0)
	if !ok || next != len(toks) {
		return Number{}, false
	}
	return n, true
}

// at reads a quantity phrase starting at token i; it returns the number and
// the index of the first token after it.
func at(s string, toks []text.Token, i int) (Number, int, bool) {
	start := i
	kind := 0 // 0 exact, 1 lower bound, 2 upper bound, 3 approximate
	w := toks[i].Lower
	switch {
	case w == "at" && i+1 < len(toks) && (toks[i+1].Lower == "least" || toks[i+1].Lower == "most"):
		if toks[i+1].Lower == "least" {
			kind = 1
		} else {
			kind = 2
		}
		i += 2
	case (w == "more" || w == "fewer" || w == "less") && i+1 < len(toks) && toks[i+1].Lower == "than":
		kind = 1
		if w != "more" {
			kind = 2
		}
		i += 2
	case w == "up" && i+1 < len(toks) && toks[i+1].Lower == "to":
		kind = 2
		i += 2
	case w == "in" && i+2 < len(toks) && toks[i+1].Lower == "excess" && toks[i+2].Lower == "of":
		kind = 1
		i += 3
	case w == "upwards" && i+1 < len(toks) && toks[i+1].Lower == "of":
		kind = 1
		i += 2
	case w == "over" || w == "under":
		kind = 1
		if w == "under" {
			kind = 2
		}
		i++
	case approxQual[w]:
		kind = 3
		i++
		if w == "close" {
			if i < len(toks) && toks[i].Lower == "to" {
				i++
			} else {
				return Number{}, 0, false
			}
		}
	}
	if i >= len(toks) {
		return Number{}, 0, false
	}
	v, j, ok := value(s, toks, i)
	if !ok {
		if start == i {
			if vv, ok := vague[toks[i].Lower]; ok && !(toks[i].Lower == "many" && i+1 < len(toks) && toks[i+1].Lower == "of") {
				return makeVague(s, toks, i, vv), i + 1, true
			}
		}
		return Number{}, 0, false
	}
	// context that makes the figure not a head count
	if start == i && !isCount(toks, i, j) {
		return Number{}, 0, false
	}
	n := Number{Start: toks[start].Start, End: toks[j-1].End, Low: v, Best: v, High: v}
	switch kind {
	case 1:
		n.High = -1
	case 2:
		n.Low = -1
	case 3:
		n.Low, n.High = -1, -1
	}
	// ranges: "10 to 15", "10-15", "between 10 and 15"
	if j+1 < len(toks) && (toks[j].Lower == "to" || toks[j].Lower == "-" || toks[j].Lower == "and" && start > 0 && toks[start-1].Lower == "between") {
		if v2, j2, ok := value(s, toks, j+1); ok && v2 > v {
			n.Low, n.Best, n.High = v, v, v2
			n.End = toks[j2-1].End
			j = j2
			if start > 0 && toks[start-1].Lower == "between" {
				n.Start = toks[start-1].Start
			}
		}
	}
	n.Text = s[n.Start:n.End]
	return n, j, true
}

func makeVague(s string, toks []text.Token, i, v int) Number {
	n := Number{Start: toks[i].Start, End: toks[i].End, Text: s[toks[i].Start:toks[i].End], Low: v, Best: v, High: -1}
	if v < 0 {
		n.Low, n.Best = -1, -1
	}
	return n
}

// isCount rejects figures that are years, dates, times, money or codes.
func isCount(toks []text.Token, i, j int) bool {
	t := toks[i]
	if t.Kind == text.Number {
		digits := strings.ReplaceAll(t.Lower, ",", "")
		if len(digits) == 4 && !strings.Contains(t.Lower, ",") && (digits[0] == '1' || digits[0] == '2') {
			// a bare four-digit figure starting 1 or 2 is a year unless a plural
			// noun follows ("1500 soldiers") and no preposition of time precedes
			if j >= len(toks) || toks[j].Kind != text.Word || months[toks[j].Lower] || !plural(toks[j].Lower) {
				return false
			}
			if i > 0 && notCountBefore[toks[i-1].Lower] {
				return false
			}
		}
		if i > 0 {
			p := toks[i-1].Lower
			if p == "$" || p == "rs" || p == "rs." || p == "no" || p == "no." || p == "law" || p == "section" || p == "article" || p == "£" || p == "€" || p == ":" || p == "/" || p == "#" {
				return false
			}
			if months[p] {
				return false
			}
		}
		if j < len(toks) {
			nx := toks[j].Lower
			if months[nx] || moneyAfter[nx] || nx == "/" || nx == ":" || nx == "%" || nx == "st" || nx == "nd" || nx == "rd" || nx == "th" {
				return false
			}
			if nx == "." && j+1 < len(toks) && toks[j+1].Kind == text.Number {
				return false
			}
		}
		return true
	}
	// words: "one" alone is a number only before a noun; "a hundred" needs its scale
	if t.Lower == "one" && j < len(toks) && (toks[j].Lower == "of" || toks[j].Lower == "another" || toks[j].Kind == text.Punct) {
		return false
	}
	if j < len(toks) && moneyAfter[toks[j].Lower] {
		return false
	}
	return true
}

// value reads a figure at token i: digits ("1,200", "1.5 million") or
// number words ("four hundred and sixty three", "a dozen", "a hundred").
func value(s string, toks []text.Token, i int) (int, int, bool) {
	t := toks[i]
	if t.Kind == text.Number {
		raw := strings.ReplaceAll(t.Lower, ",", "")
		j := i + 1
		if strings.Contains(raw, ".") {
			f, err := strconv.ParseFloat(raw, 64)
			if err != nil || j >= len(toks) || scales[toks[j].Lower] < 1000 {
				return 0, 0, false
			}
			return int(f * float64(scales[toks[j].Lower])), j + 1, true
		}
		v, err := strconv.Atoi(raw)
		if err != nil || v > 1e9 {
			return 0, 0, false
		}
		if j < len(toks) && scales[toks[j].Lower] >= 1000 {
			v *= scales[toks[j].Lower]
			j++
		}
		return v, j, true
	}
	if t.Kind != text.Word {
		return 0, 0, false
	}
	// "a hundred", "a dozen", "a few"
	if (t.Lower == "a" || t.Lower == "an") && i+1 < len(toks) {
		nx := toks[i+1].Lower
		switch {
		case nx == "dozen":
			return 12, i + 2, true
		case nx == "few":
			return 2, i + 2, true
		case scales[nx] > 0:
			v, j, ok := words(toks, i+1, 1)
			return v, j, ok
		}
		return 0, 0, false
	}
	if t.Lower == "dozen" {
		return 12, i + 1, true
	}
	// "both assailants": two, only before a plural noun
	if t.Lower == "both" && i+1 < len(toks) && toks[i+1].Kind == text.Word && plural(toks[i+1].Lower) {
		return 2, i + 1, true
	}
	return words(toks, i, 0)
}

// words reads number words from token i; base is the value already read
// ("a" before "hundred").
func words(toks []text.Token, i, base int) (int, int, bool) {
	total, cur := 0, base
	j := i
	seen := false
	for j < len(toks) {
		w := toks[j].Lower
		if strings.Contains(w, "-") {
			// "sixty-three"
			parts := strings.SplitN(w, "-", 2)
			if tv, ok := tens[parts[0]]; ok {
				if uv, ok := units[parts[1]]; ok {
					cur += tv + uv
					seen = true
					j++
					continue
				}
			}
			break
		}
		if v, ok := units[w]; ok {
			cur += v
		} else if v, ok := tens[w]; ok {
			cur += v
		} else if v, ok := scales[w]; ok {
			if cur == 0 {
				cur = 1
			}
			if v >= 1000 {
				total += cur * v
				cur = 0
			} else {
				cur *= v
			}
		} else if w == "and" && seen && j+1 < len(toks) && (units[toks[j+1].Lower] > 0 || tens[toks[j+1].Lower] > 0) {
			// "four hundred and sixty three"
		} else {
			break
		}
		seen = true
		j++
	}
	if !seen {
		return 0, 0, false
	}
	return total + cur, j, true
}

func plural(w string) bool {
	switch w {
	case "people", "men", "women", "children", "police", "personnel", "troops", "militia", "staff", "others":
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}
