package numbers

import "sitrep/internal/text"

// Token kinds, as text.Pieces gives them.
const (
	tWord  = uint8(text.PieceWord)
	tNum   = uint8(text.PieceNumber)
	tPunct = uint8(text.PiecePunct)
)

// tok is a piece of the text with the word's lexicon entry, looked up once.
// Offsets index both the text and its lowered copy (text.LowerASCII keeps
// byte lengths), so a token's folded form costs nothing.
type tok struct {
	start, end int32
	kind       uint8
	e          entry
}

var lowerASCII = text.LowerASCII

// tokenize appends the pieces of s to toks.
func tokenize(s string, toks []tok) []tok {
	return text.Pieces(s, toks, newTok)
}

func newTok(start, end int32, kind text.PieceKind) tok {
	return tok{start: start, end: end, kind: uint8(kind)}
}
