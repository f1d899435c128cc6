package text

import (
	"unicode/utf8"
)

// Quote is a passage in double quotation marks. Start and End bound its
// content, without the marks. A quotation that runs over several paragraphs
// (each continued paragraph reopens with a mark, the convention in news copy)
// is one Quote.
type Quote struct {
	Start, End int
	Words      int
}

// Speech reports whether the quote is long enough to be reported speech
// rather than a scare-quoted term ("peace militias").
func (q Quote) Speech() bool { return q.Words >= 5 }

// Quotes finds the double-quoted passages of text. Curly marks pair by
// direction; straight marks alternate. A quote left open at the end of a
// paragraph continues when the next paragraph opens with a mark, and is
// otherwise closed there, so one stray mark cannot swallow the document.
func Quotes(text string) []Quote {
	var out []Quote
	open := -1
	words := 0
	inWord := false
	paraEnd := false // a blank line or newline was crossed while open
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“' || (r == '"' && open < 0):
			if open >= 0 && paraEnd {
				// the quote continues into this paragraph: keep it open
				paraEnd = false
			} else if open < 0 {
				open = i + n
				words = 0
			}
		case r == '”' || (r == '"' && open >= 0):
			if open >= 0 {
				if paraEnd && r == '"' && isOpening(text, i+n) {
					// a straight mark opening the next paragraph of the same quote
					paraEnd = false
					break
				}
				out = append(out, Quote{Start: open, End: i, Words: words})
				open = -1
				paraEnd = false
			}
		case r == '\n':
			if open >= 0 {
				if !continuesQuote(text, i+1) {
					out = append(out, Quote{Start: open, End: trimRightIndex(text, open, i), Words: words})
					open = -1
				} else {
					paraEnd = true
				}
			}
		}
		if open >= 0 && i >= open {
			isW := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && r != '”' && r != '“'
			if isW && !inWord {
				words++
			}
			inWord = isW
		}
		i += n
	}
	return out
}

// continuesQuote reports whether the paragraph starting at or after i opens
// with a quotation mark, continuing an open quote.
func continuesQuote(text string, i int) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
		i++
	}
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r == '“' || r == '"'
}

// isOpening reports whether a straight mark just before i opens a passage:
// it is followed directly by a letter or digit.
func isOpening(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	c := text[i]
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}
