package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token flags.
const (
	fCap          uint16 = 1 << iota // first letter upper case
	fUpper                           // has letters, none lower case
	fDot                             // directly followed by '.'
	fInnerDot                        // abbreviation with inner dots: "U.S", "W.Va"
	fPoss                            // followed by a possessive 's
	fDigit                           // contains a digit
	fSentStart                       // first token of a sentence, line or text
	fLineStart                       // first token of its line
	fGlue                            // only spaces or one hyphen since the previous token: can continue a name
	fHyphen                          // joined to the previous token by a hyphen
	fContainerGap                    // previous token ends just before "," "(" or "[": "X, Y" patterns
	fPara                            // first token of a paragraph (after a blank line)
	fCaps                            // inside an all-capitals paragraph
)

// token is one word of the text. Its normalised form is norm[ns:ne] of
// the buffer tokenize filled, so a whole text costs one buffer, not one
// string per word.
type token struct {
	start, end int32 // byte offsets in the text, trailing dot and 's excluded
	ns, ne     int32
	flags      uint16
}

// tokenize splits text into word tokens and appends their folded forms to
// norm. Words are runs of letters and digits; an apostrophe or a dot
// between letters stays inside a word ("d'Ivoire", "U.S"), a possessive 's
// ends it, and hyphens separate words but glue them for name matching
// ("Gilgit-Baltistan", "al-Abd").
func tokenize(text string, toks []token, norm []byte) ([]token, []byte) {
	i, prevEnd := 0, 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII fast path: most news text is ASCII.
			if asciiClass[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		t := token{start: int32(i), ns: int32(len(norm))}
		var r rune
		var size int
		hasLower, hasUpper, first, seg := false, false, true, 0
	word:
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf && asciiClass[c] != 0 {
				switch asciiClass[c] {
				case 'U':
					hasUpper = true
					if first {
						t.flags |= fCap
					}
					c += 'a' - 'A'
				case 'l':
					hasLower = true
				case 'd':
					t.flags |= fDigit
				}
				first = false
				norm = append(norm, c)
				i++
				seg++
				continue
			}
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if unicode.IsUpper(r) {
					hasUpper = true
					if first {
						t.flags |= fCap
					}
				} else if unicode.IsLower(r) {
					hasLower = true
				} else if unicode.IsDigit(r) {
					t.flags |= fDigit
				}
				first = false
				if b := foldRune(r); b != 0 {
					norm = append(norm, b)
				} else {
					norm = utf8.AppendRune(norm, unicode.ToLower(r))
				}
				i += size
				seg++
				continue
			}
			if isApostrophe(r) || r == '.' {
				r2, s2 := utf8.DecodeRuneInString(text[i+size:])
				if s2 > 0 && isWordRune(r2) {
					if isApostrophe(r) && (r2 == 's' || r2 == 'S') {
						r3, s3 := utf8.DecodeRuneInString(text[i+size+1:])
						if s3 == 0 || !isWordRune(r3) {
							t.end = int32(i)
							t.flags |= fPoss
							i += size + 1
							break word
						}
					}
					// A dot stays inside only in abbreviations (short
					// segments): "U.S", "W.Va", not "end.The".
					if r == '.' {
						if seg > 3 || !unicode.IsLetter(r2) {
							break
						}
						t.flags |= fInnerDot
						seg = 0
					}
					i += size
					continue
				}
			}
			break
		}
		if t.flags&fPoss == 0 {
			t.end = int32(i)
			if i < len(text) && text[i] == '.' {
				t.flags |= fDot
			}
		}
		t.ne = int32(len(norm))
		if hasUpper && !hasLower {
			t.flags |= fUpper
		}
		if len(toks) == 0 {
			t.flags |= fSentStart | fLineStart | fPara
		} else {
			t.flags |= gapFlags(text[prevEnd:t.start], &toks[len(toks)-1])
		}
		prevEnd = i
		toks = append(toks, t)
	}
	return toks, norm
}

// gapFlags classifies the characters between two tokens in one pass.
func gapFlags(gap string, prev *token) uint16 {
	var f uint16
	nl, dot, stop, spaces := 0, false, false, true
	var punct byte // the only non-space character, if there is exactly one
	npunct := 0
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; c {
		case ' ', '\t', '\r':
		case '\n':
			nl++
		default:
			spaces = false
			switch c {
			case '.':
				dot = true
			case '!', '?', ':', ';':
				stop = true
			}
			npunct++
			punct = c
		}
	}
	if nl > 0 {
		f |= fLineStart | fSentStart
		if nl > 1 {
			f |= fPara
		}
	}
	abbrev := prev.flags&fInnerDot != 0 || (prev.flags&fCap != 0 && prev.ne-prev.ns <= 3)
	if prev.flags&fPoss == 0 && nl == 0 {
		switch {
		case spaces && len(gap) <= 3:
			f |= fGlue
		case gap == "-" || gap == "‐" || gap == "‑":
			f |= fGlue | fHyphen
		case prev.flags&fDot != 0 && npunct == 1 && len(gap) <= 3 && gap[0] == '.' && abbrev:
			f |= fGlue // "St. Louis", "D.I. Khan"
		}
		if npunct == 1 && (punct == ',' || punct == '(' || punct == '[') {
			f |= fContainerGap
		} else if npunct == 2 && strings.HasPrefix(strings.TrimLeft(gap, " "), ".,") {
			f |= fContainerGap
		}
	}
	if stop || (dot && !abbrev) {
		f |= fSentStart
	}
	return f
}

// asciiClass: 'U' upper-case letter, 'l' lower-case letter, 'd' digit, 0 other.
var asciiClass = func() (t [128]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 'U'
		t[c+'a'-'A'] = 'l'
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 'd'
	}
	return
}()

func onlySpaces(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// markCaps flags the tokens of all-capitals paragraphs (wire copy such as
// "SANTIAGO, 5 JAN 90 -- ..."), where capitalisation says nothing about
// names. A paragraph too short to judge follows the whole text.
func markCaps(toks []token) {
	upper, lower := 0, 0
	for _, t := range toks {
		if t.flags&fUpper != 0 {
			upper++
		} else if t.flags&fDigit == 0 || t.flags&fCap != 0 {
			lower++
		}
	}
	docCaps := upper >= 5 && lower*10 <= upper
	for p := 0; p < len(toks); {
		q := p + 1
		for q < len(toks) && toks[q].flags&fPara == 0 {
			q++
		}
		u, l := 0, 0
		for _, t := range toks[p:q] {
			if t.flags&fUpper != 0 {
				u++
			} else if t.flags&fDigit == 0 {
				l++
			}
		}
		caps := docCaps
		if u+l >= 8 {
			caps = l*10 <= u
		}
		if caps {
			for k := p; k < q; k++ {
				toks[k].flags |= fCaps
			}
		}
		p = q
	}
}
