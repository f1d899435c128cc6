package timex

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord uint8 = iota
	tNum
	tPunct
)

// tok is a word, a run of digits (with inner "," or "." before a digit) or
// one punctuation rune. Offsets index both the text and its lowered copy,
// which have the same length, so a token's folded form costs nothing.
type tok struct {
	start, end int32
	kind       uint8
	e          entry // the word's lexicon entry, looked up once
}

// lowerASCII folds ASCII letters only; every keyword this package knows is
// ASCII, and keeping byte lengths equal keeps offsets shared with the text.
func lowerASCII(s string) string {
	k := 0
	for k < len(s) && !(s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:k])
	for i := k; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tokenize splits s. Words are letters only: hyphens, apostrophes and
// periods are tokens of their own, so "sixty-three", "Aug." and "F-16"
// are read from their parts and adjacency (end == next start).
func tokenize(s string, toks []tok) []tok {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) {
				d := s[j]
				if d >= '0' && d <= '9' {
					j++
				} else if (d == ',' || d == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += 2
				} else {
					break
				}
			}
			toks = append(toks, tok{start: int32(i), end: int32(j), kind: tNum})
			i = j
		case isASCIILetter(c):
			j := i + 1
			for j < len(s) {
				d := s[j]
				if isASCIILetter(d) {
					j++
					continue
				}
				if d >= utf8.RuneSelf {
					if r, n := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
						j += n
						continue
					}
				}
				break
			}
			toks = append(toks, tok{start: int32(i), end: int32(j), kind: tWord})
			i = j
		case c < utf8.RuneSelf:
			toks = append(toks, tok{start: int32(i), end: int32(i + 1), kind: tPunct})
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
			if unicode.IsLetter(r) {
				j := i + n
				for j < len(s) {
					if isASCIILetter(s[j]) {
						j++
						continue
					}
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
						break
					}
					j += n2
				}
				toks = append(toks, tok{start: int32(i), end: int32(j), kind: tWord})
				i = j
				continue
			}
			toks = append(toks, tok{start: int32(i), end: int32(i + n), kind: tPunct})
			i += n
		}
	}
	return toks
}
