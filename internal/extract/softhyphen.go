package extract

import (
	"sort"
	"strings"
)

// Soft hyphens (U+00AD) mark where a word may break across lines. Some
// outlets leave them inside words ("Myan\u00admar", "Represen\u00adtative"),
// where they split a word for every reader. The rules read the text
// without them; evidence offsets and excerpts are given in the document's
// own text, so the result still points at the bytes the document holds.
const softHyphen = "\u00ad"

// softHyphens records where soft hyphens were taken out of a text: the
// offsets, in the text without them, at which each one stood.
type softHyphens []int

// dropSoftHyphens returns text without soft hyphens and where they were.
func dropSoftHyphens(text string) (string, softHyphens) {
	if !strings.Contains(text, softHyphen) {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	var at softHyphens
	for {
		i := strings.Index(text, softHyphen)
		if i < 0 {
			b.WriteString(text)
			return b.String(), at
		}
		b.WriteString(text[:i])
		at = append(at, b.Len())
		text = text[i+len(softHyphen):]
	}
}

// start maps the offset of a span's first byte back to the document's
// text: a soft hyphen standing at the offset itself came before it.
func (s softHyphens) start(off int) int {
	return off + len(softHyphen)*sort.Search(len(s), func(k int) bool { return s[k] > off })
}

// end maps the offset just past a span back: a soft hyphen at the offset
// itself comes after the span.
func (s softHyphens) end(off int) int {
	return off + len(softHyphen)*sort.Search(len(s), func(k int) bool { return s[k] >= off })
}
