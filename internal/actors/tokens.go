package actors

import (
	"unicode"
	"unicode/utf8"
)

// tok is a word, number or punctuation mark of the text, reduced to a
// 64-bit key of its folded form so that matching needs no allocation.
//
// Folding: lower case, common Latin accents dropped ("Martí" = "marti"),
// apostrophes and the dots of acronyms removed ("Da'esh" = "daesh",
// "U.S." = "us"). Hyphens separate tokens and are not tokens themselves
// ("Lashkar-e-Jhangvi" and "Lashkar e Jhangvi" give the same keys); the
// token after a hyphen carries hyphenBefore. A possessive "'s" is a token
// of its own with the key of "s" and flag possessive.
type tok struct {
	start, end int32
	key        uint64
	kind       uint8
	flags      uint8
}

const (
	kindWord uint8 = iota
	kindNumber
	kindPunct
)

const (
	fCap          uint8 = 1 << iota // first letter upper case
	fAllUpper                       // every letter upper case (at least one letter)
	fHyphenBefore                   // joined to the previous token by a hyphen
	fPossessive                     // the clitic 's
	fLetters2                       // two letters or more
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// latinFold maps accented Latin letters (lower case) to ASCII.
var latinFold = map[rune]byte{'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ā': 'a', 'é': 'e', 'è': 'e', 'ê': 'e',
	'ë': 'e', 'ē': 'e', 'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ō': 'o', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ñ': 'n', 'ç': 'c', 'ş': 's', 'ğ': 'g', 'ı': 'i', 'ø': 'o'}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }

// tokenize appends the tokens of s to dst.
func tokenize(s string, dst []tok) []tok {
	i := 0
	hyphen := false
	for i < len(s) {
		c := s[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r):
			hyphen = false
			i += n
		case r == '-' || r == '‐' || r == '‑':
			// a hyphen between two word characters joins; otherwise punctuation
			if i > 0 && i+n < len(s) && isWordByte(s, i+n) && len(dst) > 0 && int(dst[len(dst)-1].end) == i {
				hyphen = true
				i += n
				continue
			}
			dst = append(dst, tok{start: int32(i), end: int32(i + n), key: keyOf("-"), kind: kindPunct})
			hyphen = false
			i += n
		case isWordRune(r):
			t, j := wordAt(s, i)
			if hyphen {
				t.flags |= fHyphenBefore
			}
			hyphen = false
			dst = append(dst, t)
			i = j
		case isApostrophe(r) && i+n < len(s) && (s[i+n] == 's' || s[i+n] == 'S') && (i+n+1 >= len(s) || !isWordByte(s, i+n+1)):
			dst = append(dst, tok{start: int32(i), end: int32(i + n + 1), key: keyOf("s"), kind: kindWord, flags: fPossessive})
			hyphen = false
			i += n + 1
		default:
			k := uint64(fnvOffset)
			switch r {
			case '“', '”', '„', '«', '»':
				r = '"'
			case '‘', '’', '`':
				r = '\''
			case '–', '—':
				r = '-'
			}
			k = hashRune(k, r)
			dst = append(dst, tok{start: int32(i), end: int32(i + n), key: k, kind: kindPunct})
			hyphen = false
			i += n
		}
	}
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordByte(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterByte(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// wordAt reads the word starting at i: letters, digits and marks, inner
// apostrophes (not a possessive 's) and the dots of an acronym ("U.S.").
func wordAt(s string, i int) (tok, int) {
	start := i
	k := uint64(fnvOffset)
	letters, upper, lower := 0, 0, 0
	digitStart := s[i] >= '0' && s[i] <= '9'
	dotted := false // an acronym with dots: single letters between dots
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
			lower++
			k = (k ^ uint64(c)) * fnvPrime
			i++
			continue
		case c >= 'A' && c <= 'Z':
			letters++
			upper++
			k = (k ^ uint64(c+32)) * fnvPrime
			i++
			continue
		case c >= '0' && c <= '9':
			k = (k ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r) {
			if unicode.IsLetter(r) {
				letters++
				if r < utf8.RuneSelf {
					if c >= 'A' && c <= 'Z' {
						upper++
						r += 32
					} else {
						lower++
					}
				} else if unicode.IsUpper(r) {
					upper++
					r = unicode.ToLower(r)
				} else if unicode.IsLower(r) {
					lower++
				}
			}
			if r >= utf8.RuneSelf {
				if b, ok := latinFold[r]; ok {
					r = rune(b)
				} else if unicode.Is(unicode.Mn, r) {
					i += n
					continue
				}
			}
			k = hashRune(k, r)
			i += n
			continue
		}
		if isApostrophe(r) && i+n < len(s) && isLetterByte(s, i+n) {
			if (s[i+n] == 's' || s[i+n] == 'S') && (i+n+1 >= len(s) || !isWordByte(s, i+n+1)) {
				break // possessive: its own token
			}
			i += n // "Da'esh": the apostrophe is dropped from the key
			continue
		}
		if c == '.' && i-start >= 1 && isSingleLetterRun(s, start, i) {
			// "U.S", "U.N.": keep dots between single letters, and the last one
			if i+1 < len(s) && isLetterByte(s, i+1) && (i+2 >= len(s) || !isLetterByte(s, i+2) || s[i+2] == '.') {
				dotted = true
				i++
				continue
			}
			if dotted || i-start == 1 && s[start] >= 'A' && s[start] <= 'Z' {
				i++ // the final dot of "U.S." or of an initial "J."
			}
		}
		break
	}
	t := tok{start: int32(start), end: int32(i), key: k, kind: kindWord}
	if digitStart {
		t.kind = kindNumber
	}
	if letters > 0 {
		r, _ := utf8.DecodeRuneInString(s[start:])
		if unicode.IsUpper(r) {
			t.flags |= fCap
		}
		if lower == 0 && upper > 0 {
			t.flags |= fAllUpper
		}
		if letters >= 2 {
			t.flags |= fLetters2
		}
	}
	return t, i
}

// isSingleLetterRun: s[start:end] is letters separated by dots, one at a time.
func isSingleLetterRun(s string, start, end int) bool {
	w := s[start:end]
	for k := 0; k < len(w); k++ {
		if k%2 == 1 {
			if w[k] != '.' {
				return false
			}
		} else if !(w[k] >= 'A' && w[k] <= 'Z' || w[k] >= 'a' && w[k] <= 'z') {
			return false
		}
	}
	return len(w)%2 == 1
}

func hashRune(k uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		k ^= uint64(r)
		return k * fnvPrime
	}
	var b [4]byte
	n := utf8.EncodeRune(b[:], r)
	for _, c := range b[:n] {
		k ^= uint64(c)
		k *= fnvPrime
	}
	return k
}

// keyOf is the key of a single word as tokenize would give it.
func keyOf(w string) uint64 {
	if w == "" {
		return fnvOffset
	}
	if !isWordRune(firstRune(w)) {
		r := firstRune(w)
		switch r {
		case '“', '”', '„', '«', '»':
			r = '"'
		case '‘', '’', '`':
			r = '\''
		case '–', '—':
			r = '-'
		}
		return hashRune(fnvOffset, r)
	}
	t, _ := wordAt(w, 0)
	return t.key
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// keySet builds a set of word keys from "a|b|c".
func keySet(words string) map[uint64]bool {
	m := map[uint64]bool{}
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == '|' {
			if i > start {
				m[keyOf(words[start:i])] = true
			}
			start = i + 1
		}
	}
	return m
}
