package consolidate

import (
	"strings"
	"unicode"

	"sitrep"
)

// Dateline returns the places a report says it was filed from, in the
// folded form of normName: "ISLAMABAD, Mar 12 (APP):" gives islamabad,
// "NEW DELHI / ISLAMABAD:" gives newdelhi and islamabad, "Paris [France],
// February 8 (ANI):" gives paris. A dateline says where the reporter or the
// press conference was, not where the incident happened: an event placed
// there is weak evidence of where it happened. It returns nil when the
// text opens with no dateline.
func Dateline(text string) []string {
	// The dateline opens the first line of running text: summary bullets
	// and blank lines before it are skipped.
	line := text
	for range 6 {
		i := strings.IndexByte(line, '\n')
		if i < 0 {
			break
		}
		first := strings.TrimSpace(line[:i])
		if first != "" && !strings.HasPrefix(first, "•") && !strings.HasPrefix(first, "*") {
			break
		}
		line = line[i+1:]
	}
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) > 120 {
		line = line[:120]
	}
	end := -1
	for _, sep := range []string{":", " —", " –", " --", " - "} {
		if i := strings.Index(line, sep); i > 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 {
		return nil
	}
	head := line[:end]
	// "CITY, Mar 12 (APP)" and "City [Country], February 8 (ANI)": the
	// place is what comes before the first comma or bracket.
	tail := ""
	if i := strings.IndexAny(head, ",(["); i >= 0 {
		head, tail = head[:i], head[i:]
	}
	var out []string
	for _, part := range strings.Split(head, "/") {
		part = strings.TrimSpace(part)
		words := strings.Fields(part)
		if len(words) == 0 || len(words) > 4 {
			return nil
		}
		upper := true
		for _, w := range words {
			r := []rune(w)
			if !unicode.IsUpper(r[0]) {
				return nil
			}
			if strings.ToUpper(w) != w {
				upper = false
			}
		}
		// A line opening in capitalised words and a colon may be a
		// speaker ("Prime Minister: ..."); a dateline is in capitals or is
		// followed by its date or agency.
		if !upper && !datedTail(tail) {
			return nil
		}
		out = append(out, normName(part))
	}
	return out
}

// datedTail reports whether what follows a dateline's place holds a date
// or an agency: ", Mar 12 (APP)", " [France], February 8".
func datedTail(s string) bool {
	if strings.Contains(s, "(") && strings.Contains(s, ")") {
		return true
	}
	return strings.ContainsFunc(s, unicode.IsDigit)
}

// datelineEnd is the offset just past the dateline opening a one-line
// text, as Dateline finds it.
func datelineEnd(text string) int {
	end := len(text)
	for _, sep := range []string{":", " —", " –", " --", " - "} {
		if i := strings.Index(text, sep); i > 0 && i < end {
			end = i + len(sep)
		}
	}
	return end
}

// mentionsPlace reports whether the report's sentences name the place
// themselves, beyond a dateline opening them ("ISLAMABAD, Mar 12 (APP):"):
// a report filed from a town that says the attack was in that town is
// placed by its words, not by its dateline.
func mentionsPlace(spans []sitrep.Span, name string) bool {
	name = strings.ToLower(name)
	for _, sp := range spans {
		t := sp.Text
		if len(Dateline(t)) > 0 {
			t = t[datelineEnd(t):]
		}
		if strings.Contains(strings.ToLower(t), name) {
			return true
		}
	}
	return false
}

// datelineOf finds a report's dateline in its text, or when the caller
// has no text, in an event's sentence that opens the text (its evidence
// starts at offset 0), where extraction quotes the dateline with it.
func datelineOf(text string, events []sitrep.Event) []string {
	if text != "" {
		return Dateline(text)
	}
	for _, ev := range events {
		for _, sp := range ev.Evidence {
			if sp.Start == 0 && sp.Text != "" {
				return Dateline(sp.Text)
			}
		}
	}
	return nil
}

// ResultDoc is what consolidation is told about a report when only its
// extraction is at hand, not its text: the sentences the extraction read
// its events and claims from stand for the text (whose words tell which
// words are rare), and the dateline is read from the sentence that opens
// the text, if an event was read from it.
func ResultDoc(docID, published, outlet string, r sitrep.Result) Doc {
	var b strings.Builder
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	for _, ev := range r.Events {
		for _, sp := range ev.Evidence {
			add(sp.Text)
		}
	}
	for _, c := range r.Claims {
		add(c.Text)
	}
	return Doc{ID: docID, Published: published, Outlet: outlet, Text: b.String(), Dateline: datelineOf("", r.Events)}
}
