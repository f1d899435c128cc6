// Package text reads the structure of a document: paragraphs, sentences,
// tokens and quotations. Offsets are UTF-8 byte offsets into the text as
// given; nothing here rewrites the text.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a span of text ending at a sentence boundary.
type Sentence struct {
	Start, End int
	Para       int // index of the paragraph holding it
}

// IsAllCaps reports whether the letters of s are (almost) all upper case,
// as in wire copy. A few lower-case letters (an "x" in a code, "pm") are
// tolerated so that one stray word does not switch the reading mode.
func IsAllCaps(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	return upper >= 20 && lower*20 < upper
}

// abbreviations end with a period that does not end a sentence. Lower case,
// without the final period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true,
	"brig": true, "adm": true, "gov": true, "sen": true, "rep": true, "rev": true, "st": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "dept": true, "govt": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "mt": true, "ft": true, "fig": true, "e.g": true, "i.e": true,
	"u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true, "hon": true, "supt": true,
	"insp": true, "cdr": true, "cmdr": true, "pvt": true, "cpl": true, "ret": true, "sh": true,
}

// Paragraphs splits text into paragraph spans. A blank line always ends a
// paragraph. A single newline also does, unless the text is hard-wrapped
// (most lines filled to a similar width, as in old wire copy), where a
// single newline is only a line break inside running text.
func Paragraphs(text string) [][2]int {
	wrapped := isHardWrapped(text)
	var paras [][2]int
	start := -1
	lineStart := 0
	blankRun, prevShort := false, false
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		line := text[lineStart:i]
		blank := strings.TrimSpace(line) == ""
		if blank {
			if start >= 0 {
				paras = append(paras, [2]int{start, trimRightIndex(text, start, lineStart)})
				start = -1
			}
			blankRun = true
		} else {
			if start < 0 {
				start = lineStart + leadingSpace(line)
			} else if !wrapped {
				paras = append(paras, [2]int{start, trimRightIndex(text, start, lineStart)})
				start = lineStart + leadingSpace(line)
			} else if strings.HasPrefix(line, "   ") || strings.HasPrefix(line, "\t") || isBullet(line) || prevShort {
				// in wrapped copy an indented or bulleted line opens a new
				// paragraph, and so does the line after a short one (a
				// byline, a heading, the last line of a paragraph)
				paras = append(paras, [2]int{start, trimRightIndex(text, start, lineStart)})
				start = lineStart + leadingSpace(line)
			}
			blankRun = false
		}
		prevShort = !blank && len(strings.TrimSpace(line)) < shortLine
		lineStart = i + 1
	}
	_ = blankRun
	if start >= 0 {
		paras = append(paras, [2]int{start, trimRightIndex(text, start, len(text))})
	}
	return paras
}

// shortLine: in hard-wrapped copy a line shorter than this ends its
// paragraph; filled lines run 55 to 90 bytes.
const shortLine = 40

// isBullet reports a line that opens with a list marker: "* ", "• ", "- ".
func isBullet(line string) bool {
	t := strings.TrimLeft(line, " \t")
	for _, m := range []string{"* ", "• ", "- ", "– ", "— ", "· ", "▪ "} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	return false
}

func leadingSpace(s string) int {
	n := 0
	for n < len(s) && (s[n] == ' ' || s[n] == '\t' || s[n] == '\r') {
		n++
	}
	return n
}

func trimRightIndex(text string, start, end int) int {
	for end > start {
		c := text[end-1]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			end--
			continue
		}
		break
	}
	return end
}

// isHardWrapped detects copy whose lines were broken at a fixed width:
// at least eight lines and most of them between 55 and 90 bytes long.
func isHardWrapped(text string) bool {
	lines, filled := 0, 0
	for _, line := range strings.Split(text, "\n") {
		n := len(strings.TrimRight(line, " \r"))
		if n == 0 {
			continue
		}
		lines++
		if n >= 55 && n <= 90 {
			filled++
		}
	}
	return lines >= 8 && filled*10 >= lines*6
}

// Sentences splits text into sentences inside paragraphs.
func Sentences(text string) []Sentence {
	var out []Sentence
	for pi, p := range Paragraphs(text) {
		out = splitParagraph(text, p[0], p[1], pi, out)
	}
	return out
}

func splitParagraph(text string, start, end, para int, out []Sentence) []Sentence {
	s := start
	for i := start; i < end; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && c != '\n' {
			continue
		}
		if c == '\n' {
			// inside a wrapped paragraph a newline is a space
			continue
		}
		j := i + 1
		// closing quotes and brackets belong to the sentence they close
		for j < end {
			if text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']' {
				j++
				continue
			}
			if r, n := utf8.DecodeRuneInString(text[j:]); r == '”' || r == '’' {
				j += n
				continue
			}
			if text[j] == '.' || text[j] == '!' || text[j] == '?' {
				j++
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if !isSpace(text[j]) {
			continue
		}
		k := j
		for k < end && isSpace(text[k]) {
			k++
		}
		if k >= end {
			break
		}
		if c == '.' && !periodEnds(text, s, i, k) {
			continue
		}
		out = append(out, Sentence{Start: s, End: j, Para: para})
		s = k
		i = k - 1
	}
	if s < end {
		out = append(out, Sentence{Start: s, End: end, Para: para})
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// periodEnds decides whether the period at i (inside a sentence starting at
// s) ends the sentence, given that the next word starts at next.
func periodEnds(text string, s, i, next int) bool {
	// the word before the period
	w := i
	for w > s && !isSpace(text[w-1]) && text[w-1] != '(' && text[w-1] != '"' {
		w--
	}
	word := strings.ToLower(text[w:i])
	if abbreviations[word] {
		return false
	}
	// a single initial ("J. Smith") or an acronym with dots ("U.S.") followed by a
	// capitalised name is not a boundary; an acronym at the end of a clause is
	if len(word) == 1 && word[0] >= 'a' && word[0] <= 'z' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[next:])
	// a lower-case continuation means the period was not final
	if unicode.IsLower(r) {
		return false
	}
	return true
}

// Token is a word, number or punctuation mark.
type Token struct {
	Start, End int
	Lower      string // lower-cased form (ASCII folding of curly quotes)
	Kind       TokenKind
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word TokenKind = iota
	Number
	Punct
)

// Text returns the token's surface form.
func (t Token) Text(text string) string { return text[t.Start:t.End] }

// Capitalised reports whether the token starts with an upper-case letter.
func (t Token) Capitalised(text string) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return unicode.IsUpper(r)
}

// Tokenize splits text[start:end] into tokens. Words keep inner hyphens,
// apostrophes and periods of acronyms ("al-Abd", "Pakistan's" is split into
// "Pakistan" and "'s", "U.S." stays whole); numbers keep inner commas and
// points ("1,200", "1.5").
func Tokenize(text string, start, end int) []Token {
	toks := make([]Token, 0, (end-start)/5+1)
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			j := i + 1
			for j < end {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
				} else if (c == ',' || c == '.') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
					j += 2
				} else {
					break
				}
			}
			toks = append(toks, Token{Start: i, End: j, Lower: text[i:j], Kind: Number})
			i = j
		case unicode.IsLetter(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '’' {
					// keep joiners between letters: al-Abd, U.S., O'Brien; but split the
					// possessive 's and a sentence-final period
					if j+n2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+n2 : end])
						if unicode.IsLetter(r3) || (r2 == '-' && unicode.IsDigit(r3)) {
							if (r2 == '\'' || r2 == '’') && (r3 == 's' || r3 == 'S') && (j+n2+1 >= end || !isLetterAt(text, j+n2+1, end)) {
								break
							}
							if r2 == '.' && !isAcronymDot(text, i, j) {
								break
							}
							j += n2
							continue
						}
						if r2 == '.' && isAcronymDot(text, i, j) && j+n2 <= end {
							// the final period of an acronym: "U.S." keeps it
							j += n2
						}
					}
				}
				break
			}
			toks = append(toks, Token{Start: i, End: j, Lower: lower(text[i:j]), Kind: Word})
			i = j
		case (r == '\'' || r == '’') && i+n < end && (text[i+n] == 's' || text[i+n] == 'S') && (i+n+1 >= end || !isLetterAt(text, i+n+1, end)):
			// the possessive clitic is one token: "'s"
			toks = append(toks, Token{Start: i, End: i + n + 1, Lower: "'s", Kind: Word})
			i += n + 1
		default:
			toks = append(toks, Token{Start: i, End: i + n, Lower: foldPunct(r, text[i:i+n]), Kind: Punct})
			i += n
		}
	}
	return toks
}

func isLetterAt(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return unicode.IsLetter(r)
}

// isAcronymDot reports whether text[start:dot] looks like the dotted letters
// of an acronym so far ("U", "U.S"): single letters separated by periods.
func isAcronymDot(text string, start, dot int) bool {
	w := text[start:dot]
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

func foldPunct(r rune, s string) string {
	switch r {
	case '“', '”', '„', '«', '»':
		return `"`
	case '‘', '’', '`':
		return "'"
	case '–', '—':
		return "-"
	}
	return s
}

// lower lower-cases s, fast for ASCII, folding curly apostrophes.
func lower(s string) string {
	ascii, hasUpper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		}
	}
	if ascii {
		if !hasUpper {
			return s
		}
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 32
			}
		}
		return string(b)
	}
	return strings.ReplaceAll(strings.ToLower(s), "’", "'")
}

// Lower is the case folding used for every comparison of words in sitrep.
func Lower(s string) string { return lower(s) }
