package postgres

import (
	"strings"

	"github.com/jackc/pgx/v5/pgtype"

	"sitrep/internal/store"
)

// Full text: PostgreSQL's own parser splits "re-read" into three words and
// reads "1.5" or "a@b.example" as one, so the vectors and queries are
// built here from store.Tokens and handed over as they are (a tsvector
// value, a tsquery literal), which PostgreSQL does not normalise again. A
// query then matches the same words in the same order as with the memory
// backend: every term, in sequence for a phrase, the last word of a term
// as a prefix when it ends in *. (SQLite's FTS5 also folds diacritics:
// "creteil" finds "Créteil" there, not here.)
//
// PostgreSQL's limits on a vector: positions stop at 16383 (later words
// share that position, so a phrase cannot match past it), a word keeps at
// most 256 positions, a word is at most 2046 bytes, and the whole vector
// at most 1 MiB of words. tsVector keeps within them: longer words are
// left out and it stops adding new words before the size limit.

const (
	maxPos       = 16383
	maxPositions = 256
	maxWord      = 2046
	maxWords     = 900 << 10
)

// tsVector returns the vector of texts, each starting after the previous
// one with a gap, so that a phrase cannot span two of them.
func tsVector(texts ...string) pgtype.TSVector {
	idx := map[string]int{}
	var lex []pgtype.TSVectorLexeme
	size := 0
	p := 0
	for i, t := range texts {
		if i > 0 {
			p++ // the gap
		}
		for _, tok := range store.Tokens(t) {
			p++
			if len(tok) > maxWord {
				continue
			}
			k, ok := idx[tok]
			if !ok {
				if size+len(tok) > maxWords {
					continue
				}
				size += len(tok)
				k = len(lex)
				idx[tok] = k
				lex = append(lex, pgtype.TSVectorLexeme{Word: tok})
			}
			l := lex[k].Positions
			if len(l) < maxPositions && (len(l) == 0 || l[len(l)-1].Position < maxPos) {
				lex[k].Positions = append(l, pgtype.TSVectorPosition{Position: uint16(min(p, maxPos))})
			}
		}
	}
	return pgtype.TSVector{Lexemes: lex, Valid: true}
}

// tsQuery renders parsed terms as a tsquery literal: terms joined by &,
// the words of a phrase by <->, a prefix as :*.
func tsQuery(terms []store.Term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" & ")
		}
		if len(t.Tokens) > 1 {
			b.WriteByte('(')
		}
		for j, tok := range t.Tokens {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			quoteLexeme(&b, tok)
			if t.Prefix && j == len(t.Tokens)-1 {
				b.WriteString(":*")
			}
		}
		if len(t.Tokens) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}

// quoteLexeme writes a word as a quoted lexeme. Tokens hold only letters
// and digits; quotes and backslashes are escaped all the same.
func quoteLexeme(b *strings.Builder, w string) {
	b.WriteByte('\'')
	for _, r := range w {
		if r == '\'' || r == '\\' {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
}
