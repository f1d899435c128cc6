package text

import (
	"unicode"
	"unicode/utf8"
)

// PieceKind classifies the pieces Pieces finds.
type PieceKind uint8

// Piece kinds.
const (
	PieceWord PieceKind = iota
	PieceNumber
	PiecePunct
)

// LowerASCII folds ASCII letters only: the keywords of the number and date
// readers are ASCII, and keeping byte lengths equal lets a token's offsets
// index both the text and its folded copy.
func LowerASCII(s string) string {
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

// Pieces splits s for the number and date readers, appending piece(start,
// end, kind) to toks for each piece, so that each reader keeps its own
// token type: a
// word is letters only, so hyphens, apostrophes and periods are pieces of
// their own and "sixty-three", "Aug." and "F-16" are read from their parts
// and their adjacency (end == next start); a number is a run of digits
// with inner "," or "." before a digit. It is lighter than Tokens, which
// keeps words such as "al-Qaeda" whole.
func Pieces[T any](s string, toks []T, piece func(start, end int32, kind PieceKind) T) []T {
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
			toks = append(toks, piece(int32(i), int32(j), PieceNumber))
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
			toks = append(toks, piece(int32(i), int32(j), PieceWord))
			i = j
		case c < utf8.RuneSelf:
			toks = append(toks, piece(int32(i), int32(i+1), PiecePunct))
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
				toks = append(toks, piece(int32(i), int32(j), PieceWord))
				i = j
				continue
			}
			toks = append(toks, piece(int32(i), int32(i+n), PiecePunct))
			i += n
		}
	}
	return toks
}
