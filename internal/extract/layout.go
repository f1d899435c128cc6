package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// role is the part a sentence plays in the page: running text, a heading,
// a photo caption, or page furniture (bylines, time stamps, "Read more").
type role uint8

const (
	body role = iota
	// heading: a headline, subheading or summary line, a paragraph of its
	// own without final punctuation. It names the story's main incident in
	// a few words, so what it reports joins an incident the text tells.
	heading
	// caption: a photo caption with its credit. It often shows an older
	// scene ("file photo") and counts only as a further mention.
	caption
	// furniture: bylines, dates of publication, agency lines, links.
	furniture
)

// roles gives the role of each sentence of the document.
func (d *docState) roles() []role {
	out := make([]role, len(d.rd.Sentences))
	for si := 0; si < len(d.rd.Sentences); {
		sj := si
		for sj < len(d.rd.Sentences) && d.rd.Sentences[sj].Para == d.rd.Sentences[si].Para {
			sj++
		}
		start, end := d.rd.Sentences[si].Start, d.rd.Sentences[sj-1].End
		r := paragraphRole(d.text[start:end], sj-si)
		for k := si; k < sj; k++ {
			out[k] = r
		}
		si = sj
	}
	return out
}

// paragraphRole classifies one paragraph of n sentences.
func paragraphRole(p string, n int) role {
	p = strings.TrimSpace(p)
	if p == "" {
		return furniture
	}
	lower := strings.ToLower(p)
	if isFurniture(p, lower) {
		return furniture
	}
	if isCaption(p, lower) {
		return caption
	}
	if n == 1 && len(p) <= 200 && !endsSentence(p) && strings.Count(p, " ") >= 2 {
		return heading
	}
	return body
}

// endsSentence reports a paragraph ending as running text does: with a
// full stop, question or exclamation mark, perhaps inside a closing quote
// or bracket.
func endsSentence(p string) bool {
	for len(p) > 0 {
		r, n := utf8.DecodeLastRuneInString(p)
		switch r {
		case '"', '\'', '”', '’', ')', ']', ' ', '»':
			p = p[:len(p)-n]
			continue
		case '.', '!', '?', '…', ':', ';':
			return true
		}
		return false
	}
	return false
}

// captionMarks are words of photo credits and captions.
var captionMarks = []string{"photo credit", "photo:", "(photo", "photo)", "file photo", "representative photo",
	"reuters/", "epa/", "afp/", "getty images", "/ white star", "(afp)", "[afp]", "(ap photo", "screengrab", "screenshot"}

func isCaption(p, lower string) bool {
	for _, m := range captionMarks {
		if strings.Contains(lower, m) {
			return true
		}
	}
	// a closing credit: "… al-Fukheikha. (Jane Doe, AFP)"
	if strings.HasSuffix(p, ")") || strings.HasSuffix(p, "]") {
		open := strings.LastIndexAny(p, "([")
		if open >= 0 && len(p)-open < 50 {
			credit := p[open:]
			for _, a := range []string{"AFP", "Reuters", "REUTERS", "AP", "EPA", "Getty", "Anadolu", "Xinhua"} {
				if strings.Contains(credit, a) && strings.Contains(credit, ",") {
					return true
				}
			}
		}
	}
	return false
}

// furniturePrefixes open lines that carry no report.
var furniturePrefixes = []string{"by ", "author:", "published ", "posted ", "updated ", "updated:", "last updated",
	"read more", "also read", "read also", "related:", "see also", "click here", "follow us", "subscribe",
	"(menafn", "copyright", "©", "photo credit", "advertisement", "share this", "listen to"}

func isFurniture(p, lower string) bool {
	if len(p) > 160 {
		return false
	}
	for _, f := range furniturePrefixes {
		if strings.HasPrefix(lower, f) {
			if f == "by " && len(p) > 60 {
				return false // "By Friday the toll had risen …"
			}
			return true
		}
	}
	if strings.Contains(p, " | ") || lower == "undefined" || strings.HasSuffix(lower, "min read") {
		return true
	}
	// a time stamp or date standing alone: "March 16, 2020 2:52 pm", "2019-07-03 20:12"
	words, dated := 0, 0
	for _, w := range strings.FieldsFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		words++
		lw := strings.ToLower(strings.Trim(w, ".:"))
		if monthOrDay(lw) || isDigits(lw) || lw == "am" || lw == "pm" || lw == "ist" || lw == "gmt" || lw == "pkt" || lw == "utc" {
			dated++
		}
	}
	return words > 0 && dated == words
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ':' && r != '-' && r != '/' && r != '.' {
			return false
		}
	}
	return true
}

var monthDayNames = wordSet("january|february|march|april|may|june|july|august|september|october|november|december|" +
	"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|" +
	"mon|tue|wed|thu|fri|sat|sun")

func monthOrDay(w string) bool { return monthDayNames[w] }
