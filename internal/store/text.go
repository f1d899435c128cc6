package store

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Full-text queries are parsed here once, so that every backend reads the
// same query the same way: words must all occur; "quoted words" must occur
// in sequence; a trailing * matches any word with that prefix. Tokens are
// runs of letters and digits, compared case-insensitively (as SQLite FTS5's
// unicode61 tokenizer does).

// Term is one part of a parsed query: a sequence of tokens that must occur
// in order, the last one possibly as a prefix.
type Term struct {
	Tokens []string
	Prefix bool
}

// ParseQuery splits a user query into terms.
func ParseQuery(q string) ([]Term, error) {
	var terms []Term
	rest := q
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		var chunk string
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				chunk, rest = rest[1:], ""
			} else {
				chunk, rest = rest[1:1+end], rest[2+end:]
			}
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			chunk, rest = rest[:end], rest[end:]
		}
		prefix := strings.HasSuffix(chunk, "*")
		toks := Tokens(chunk)
		if len(toks) == 0 {
			continue
		}
		terms = append(terms, Term{Tokens: toks, Prefix: prefix})
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("query %q has no words: %w", q, ErrInvalid)
	}
	return terms, nil
}

// FTS5Query renders terms in SQLite FTS5 query syntax, every token quoted
// so that no user input is read as an operator.
func FTS5Query(terms []Term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.Join(t.Tokens, " "))
		b.WriteByte('"')
		if t.Prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// SearchText is s as the full-text indexes read it: without soft hyphens
// (U+00AD). Some outlets leave them inside words ("Myan\u00admar"), where
// the tokenizer would split the word in two and a search for it would
// miss; readers never see them.
func SearchText(s string) string {
	if !strings.ContainsRune(s, softHyphen) {
		return s
	}
	return strings.ReplaceAll(s, string(softHyphen), "")
}

const softHyphen = '\u00ad'

// Tokens splits s into lower-case tokens.
func Tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(SearchText(s), notWord) {
		out = append(out, strings.ToLower(f))
	}
	return out
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// tokenSpan is a token with its byte offsets in the text.
type tokenSpan struct {
	tok        string
	start, end int
}

// tokenSpans reads s, which must be a SearchText already.
func tokenSpans(s string) []tokenSpan {
	var out []tokenSpan
	start := -1
	for i, r := range s {
		if notWord(r) {
			if start >= 0 {
				out = append(out, tokenSpan{strings.ToLower(s[start:i]), start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, tokenSpan{strings.ToLower(s[start:]), start, len(s)})
	}
	return out
}

// Match reports whether every term occurs in texts, and how often in all:
// the brute-force counterpart of FTS5 for backends without an index.
func Match(terms []Term, texts ...string) (bool, int) {
	total := 0
	for _, t := range terms {
		n := 0
		for _, s := range texts {
			n += len(termHits(t, tokenSpans(SearchText(s))))
		}
		if n == 0 {
			return false, 0
		}
		total += n
	}
	return true, total
}

// termHits returns the token index ranges where t occurs.
func termHits(t Term, toks []tokenSpan) [][2]int {
	var hits [][2]int
	n := len(t.Tokens)
	for i := 0; i+n <= len(toks); i++ {
		ok := true
		for j, want := range t.Tokens {
			got := toks[i+j].tok
			if j == n-1 && t.Prefix {
				ok = strings.HasPrefix(got, want)
			} else {
				ok = got == want
			}
			if !ok {
				break
			}
		}
		if ok {
			hits = append(hits, [2]int{i, i + n})
		}
	}
	return hits
}

// Snippet returns about width tokens of text around the first hit of terms,
// each hit marked [like this], with "…" where text was cut: the same shape
// as FTS5's snippet() with those markers.
func Snippet(text string, terms []Term, width int) string {
	text = SearchText(text)
	toks := tokenSpans(text)
	if len(toks) == 0 {
		return ""
	}
	marked := make([]bool, len(toks))
	first := -1
	for _, t := range terms {
		for _, h := range termHits(t, toks) {
			for k := h[0]; k < h[1]; k++ {
				marked[k] = true
			}
			if first < 0 || h[0] < first {
				first = h[0]
			}
		}
	}
	if first < 0 {
		first = 0
	}
	lo := max(0, first-width/4)
	hi := min(len(toks), lo+width)
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	pos := toks[lo].start
	for k := lo; k < hi; k++ {
		b.WriteString(text[pos:toks[k].start])
		if marked[k] {
			b.WriteString("[" + text[toks[k].start:toks[k].end] + "]")
		} else {
			b.WriteString(text[toks[k].start:toks[k].end])
		}
		pos = toks[k].end
	}
	if hi < len(toks) {
		b.WriteString("…")
	} else {
		b.WriteString(text[pos:])
	}
	return strings.TrimSpace(b.String())
}

// EarthRadiusKM is the mean Earth radius used for distances.
const EarthRadiusKM = 6371.0088

// DistanceKM is the great-circle (haversine) distance between two points.
func DistanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * EarthRadiusKM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// BoundingBox returns a latitude/longitude box that contains the circle n,
// for an index prefilter before the exact distance test. Near the poles or
// across the antimeridian it widens to the full longitude range.
func (n Near) BoundingBox() (minLat, maxLat, minLon, maxLon float64) {
	dlat := n.KM / EarthRadiusKM * 180 / math.Pi
	minLat, maxLat = n.Lat-dlat, n.Lat+dlat
	cos := math.Cos(n.Lat * math.Pi / 180)
	if minLat <= -90 || maxLat >= 90 || cos < 1e-9 {
		return max(minLat, -90), min(maxLat, 90), -180, 180
	}
	dlon := dlat / cos
	minLon, maxLon = n.Lon-dlon, n.Lon+dlon
	if minLon < -180 || maxLon > 180 {
		return minLat, maxLat, -180, 180
	}
	return minLat, maxLat, minLon, maxLon
}

// Valid reports whether n is a usable search circle.
func (n Near) Valid() error {
	// Written as what must hold, so that NaN (which fails every
	// comparison) is refused too.
	if !(n.Lat >= -90 && n.Lat <= 90 && n.Lon >= -180 && n.Lon <= 180 && n.KM > 0 && n.KM <= MaxNearKM) {
		return fmt.Errorf("near %v,%v within %v km: latitude in [-90,90], longitude in [-180,180], radius in (0,%d]: %w", n.Lat, n.Lon, n.KM, MaxNearKM, ErrInvalid)
	}
	return nil
}

// MaxNearKM is the largest search radius: half the Earth's circumference,
// which already holds every point.
const MaxNearKM = 20040

// ParseNear reads a search circle written LAT,LON,KM, as the command line
// and the API take it.
func ParseNear(s string) (*Near, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return nil, fmt.Errorf("near %q: want LAT,LON,KM: %w", s, ErrInvalid)
	}
	var v [3]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("near %q: %q is not a number: %w", s, p, ErrInvalid)
		}
		v[i] = x
	}
	n := &Near{Lat: v[0], Lon: v[1], KM: v[2]}
	if err := n.Valid(); err != nil {
		return nil, err
	}
	return n, nil
}

// Contains reports whether the point lies within the circle.
func (n Near) Contains(lat, lon float64) bool {
	return DistanceKM(n.Lat, n.Lon, lat, lon) <= n.KM
}
