package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/gazetteer"
	"sitrep/internal/recognise"
	"sitrep/internal/text"
)

// docState is the working state of one extraction.
type docState struct {
	x      *Extractor
	rd     *recognise.Reading
	text   string         // the text the rules read: the document's, without soft hyphens
	source string         // the document's text, which evidence offsets point into
	shy    softHyphens    // where text dropped soft hyphens from source
	attrib []*attribution // per sentence; nil when the outlet speaks
	role   []role         // per sentence: body, heading, caption, furniture

	placeCands []scoredPlace // placeFor's list, reused from call to call

	datelineDone  bool
	datelinePlace *gazetteer.Mention // where the report was filed, if it says
	datelineEnd   int                // end of the dateline

	countrySupport map[string]int      // distinct place names per country, for strayPlace
	countryStrong  map[string]int      // of them, countries, provinces, nationalities and larger towns
	whereabouts    []gazetteer.Mention // places and the places inside organisations' names: where the text is
	sports         int                 // 1: a report on sport, -1: not, 0: not yet known
	disaster       int                 // 1: a report on a disaster or accident, -1: not, 0: not yet known
	animals        int                 // 1: a title that tells of animals, -1: not, 0: not yet known
	whole          *recognise.Sentence // while a part of a sentence is read: the whole sentence
	events         []*event
	claims         []*claim
	actors         map[string]*actorAcc
	order          []string // actor ids in first-seen order
}

// actorAcc gathers what the document says of one actor.
type actorAcc struct {
	first    string // the name the document first used
	ref      sitrep.ActorRef
	typ      string
	country  string
	aliases  []string
	mentions int
}

// ref is an actor as an event or claim refers to it.
type ref struct {
	sitrep.ActorRef
	typ  string
	also []ref // further actors a plural pronoun stood for
	// aside: a victim named in apposition to the one the sentence tells of
	// ("One soldier, Ali Khan, was killed"): struck, not aimed at by name
	aside bool
}

func (d *docState) sentenceText(si int) string {
	s := d.rd.Sentences[si]
	return d.text[s.Start:s.End]
}

// mentionRef turns an actor mention into a reference, registering the actor.
func (d *docState) mentionRef(m actors.Mention) ref {
	id := m.ID
	name := m.Text
	if id == "" {
		id = actors.NormalID(m.Text)
	}
	return d.note(ref{ActorRef: sitrep.ActorRef{ID: id, Name: name}, typ: m.Type}, "")
}

// phraseRef is an actor named by a phrase the knowledge base does not hold
// ("human rights organisations", "lawyers", "enforced disappearances").
// It is registered in the actor list only when an event or claim uses it.
func (d *docState) phraseRef(phrase, typ string) ref {
	phrase = strings.TrimSpace(phrase)
	phrase = openBracketCut(phrase)
	if strings.ContainsAny(phrase, "\"“”") {
		// `the "Pakistan-backed" death squads`: the marks are no part of the name
		phrase = strings.Join(strings.Fields(quoteMarks.Replace(phrase)), " ")
	}
	return ref{ActorRef: sitrep.ActorRef{ID: actors.NormalID(phrase), Name: phrase}, typ: typ}
}

// openBracketCut drops an acronym whose closing bracket a phrase's end
// cut off: "… Security Studies (PICSS" is the name without it.
func openBracketCut(phrase string) string {
	if i := strings.LastIndexByte(phrase, '('); i > 0 && !strings.Contains(phrase[i:], ")") {
		return strings.TrimSpace(phrase[:i])
	}
	return phrase
}

// nounFollowers follow a plural noun, not a verb: "states and", "states in".
var nounFollowers = wordSet("and|or|of|in|to|for|which|who|with|from|such|like|including")

var quoteMarks = strings.NewReplacer(`"`, " ", "“", " ", "”", " ")

// note records an actor reference in the document's actor list.
func (d *docState) note(r ref, country string) ref {
	if r.ID == "" {
		return r
	}
	a, ok := d.actors[r.ID]
	if !ok {
		a = &actorAcc{ref: r.ActorRef, typ: r.typ, country: country, first: r.Name}
		if kb, ok := d.x.kb.Get(r.ID); ok {
			a.ref.Name = kb.Name
			a.typ = kb.Type
			a.country = kb.Country
		} else if cc, ok := d.stateBody(r.Name); ok {
			a.country = cc
			if a.typ != sitrep.Facility { // "an attack on the US embassy": the building struck
				a.typ = sitrep.Government
			}
		}
		d.actors[r.ID] = a
		d.order = append(d.order, r.ID)
	}
	if a.typ == "" {
		a.typ = r.typ
	}
	found := strings.EqualFold(a.ref.Name, r.Name)
	for _, al := range a.aliases {
		if strings.EqualFold(al, r.Name) {
			found = true
			break
		}
	}
	if !found && r.Name != "" && actors.NameLike(r.Name, a.ref.Name) {
		a.aliases = append(a.aliases, r.Name)
	}
	return r
}

// stateBody returns the country whose legislature or mission an actor the
// knowledge base lacks is by its name: "Pakistan High Commission", "US
// Congress", "the Indian Embassy". It stays an actor of its own (the
// embassy attacked is not the country), a government body of that country.
// A demonym with "Congress" names a party as often ("Nepali Congress").
func (d *docState) stateBody(name string) (string, bool) {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	for _, head := range stateBodyHeads {
		n := len(name) - len(head)
		if n < 2 || name[n-1] != ' ' || !strings.EqualFold(name[n:], head) {
			continue
		}
		prefix := name[:n-1]
		if a, ok := d.x.kb.Demonym(prefix); ok && head != "congress" {
			return a.Country, a.Country != ""
		}
		if ms := d.x.kb.Find(prefix); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(prefix) && ms[0].Type == sitrep.Country {
			if a, ok := d.x.kb.Get(ms[0].ID); ok {
				return a.Country, a.Country != ""
			}
		}
	}
	return "", false
}

// stateBodyHeads end the names of a country's legislature or missions.
var stateBodyHeads = []string{"high commission", "embassy", "consulate", "consulate general", "congress", "parliament", "senate",
	"national assembly", "foreign office", "foreign ministry"}

// actorsIn returns the actor mentions of sentence si.
func (d *docState) actorsIn(si int) []actors.Mention {
	r := d.rd.Sentences[si].Actors
	return d.rd.Actors[r[0]:r[1]]
}

// tokenIndex returns the index of the token of toks starting at or after off.
func tokenIndex(toks []text.Token, off int) int {
	for i, t := range toks {
		if t.Start >= off {
			return i
		}
	}
	return len(toks)
}

// mentionEndingAt returns the actor mention of sentence si that ends at byte
// offset end, if any.
func (d *docState) mentionEndingAt(si, end int) (actors.Mention, bool) {
	for _, m := range d.actorsIn(si) {
		if m.End == end {
			return m, true
		}
	}
	return actors.Mention{}, false
}

// mentionStartingAt returns the actor mention starting at byte offset start.
func (d *docState) mentionStartingAt(si, start int) (actors.Mention, bool) {
	for _, m := range d.actorsIn(si) {
		if m.Start == start {
			return m, true
		}
	}
	return actors.Mention{}, false
}

// mentionsWithin returns the actor mentions inside [start, end).
func (d *docState) mentionsWithin(si, start, end int) []actors.Mention {
	var out []actors.Mention
	for _, m := range d.actorsIn(si) {
		if m.Start >= start && m.End <= end {
			out = append(out, m)
		}
	}
	return out
}

// npRight reads a noun phrase starting at token i: determiners dropped, up to
// a function word, punctuation or six words. It returns the phrase span in
// tokens [from, to).
func npRight(toks []text.Token, i int) (int, int) {
	for i < len(toks) && (determiners[toks[i].Lower] || toks[i].Lower == "of") {
		i++
	}
	j := i
	if j < len(toks) && (toks[j].Lower == `"` || toks[j].Lower == "'") {
		// a quoted term heads the phrase: its "kill and dump" policies
		k := j + 1
		for k < len(toks) && k < j+8 && toks[k].Lower != toks[j].Lower {
			k++
		}
		if k < len(toks) && k < j+8 {
			j = k + 1
			if k > 0 && (toks[k-1].Lower == "," || toks[k-1].Lower == ".") {
				// `"terrorists," referring to …`: the clause ends in the quotation
				for j > i && (toks[j-1].Kind == text.Punct) {
					j--
				}
				return i, j
			}
		} else {
			i++
			j = i
		}
	}
	ofUsed := false
	for j < len(toks) && j-i < 8 {
		t := toks[j]
		if t.Kind == text.Punct && t.Lower != "-" && t.Lower != `"` && t.Lower != "'" {
			break
		}
		if t.Lower == "of" && !ofUsed && j > i {
			ofUsed = true
			j++
			continue
		}
		if npStop[t.Lower] || t.Lower == "and" && j > i && j+1 < len(toks) && npStop[toks[j+1].Lower] {
			break
		}
		if t.Lower == "and" || t.Lower == "or" {
			break
		}
		if _, ok := speechCues[t.Lower]; ok && j > i && !(t.Lower == "states" && (j+1 >= len(toks) || toks[j+1].Kind == text.Punct || nounFollowers[toks[j+1].Lower])) {
			break // "regional states." is a noun
		}
		j++
	}
	// trailing quotes are not part of the phrase
	for j > i && (toks[j-1].Lower == `"` || toks[j-1].Lower == "'" || toks[j-1].Lower == "of" || toks[j-1].Lower == "-") {
		j--
	}
	return i, j
}

// npLeft reads a noun phrase ending just before token i (exclusive),
// scanning left to a function word or punctuation.
func npLeft(toks []text.Token, i int) (int, int) {
	j := i
	for j > 0 && (toks[j-1].Lower == `"` || toks[j-1].Lower == "'") {
		j--
	}
	end := j
	k := j
	for k > 0 && end-k < 6 {
		t := toks[k-1]
		if t.Kind == text.Punct && t.Lower != "-" {
			break
		}
		if npStop[t.Lower] || t.Lower == "and" || t.Lower == "or" {
			break
		}
		if _, ok := speechCues[t.Lower]; ok {
			break
		}
		k--
	}
	for k < end && (determiners[toks[k].Lower] || toks[k].Lower == `"` || toks[k].Lower == "'") {
		k++
	}
	// "accused India of backing": the phrase is "India", not "India of"
	for end > k && toks[end-1].Lower == "of" {
		end--
	}
	return k, end
}

// spanText returns the text covered by tokens [from, to).
func spanText(s string, toks []text.Token, from, to int) string {
	if from >= to || from < 0 || to > len(toks) {
		return ""
	}
	return strings.Trim(s[toks[from].Start:toks[to-1].End], `"'“”‘’ `)
}

// hasWord reports whether toks[from:to] holds one of the words.
func hasWord(toks []text.Token, from, to int, set map[string]bool) bool {
	if from < 0 {
		from = 0
	}
	if to > len(toks) {
		to = len(toks)
	}
	for k := from; k < to; k++ {
		if set[toks[k].Lower] {
			return true
		}
	}
	return false
}

// isCapitalisedPhrase reports whether every content word of the phrase is
// capitalised, as proper names are.
func isCapitalisedPhrase(s string, toks []text.Token, from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Kind != text.Word || t.Lower == "of" || t.Lower == "for" || t.Lower == "the" || t.Lower == "and" || t.Lower == "'s" ||
			strings.HasPrefix(t.Lower, "al-") || strings.HasPrefix(t.Lower, "el-") || strings.HasPrefix(t.Lower, "ul-") {
			continue
		}
		if !t.Capitalised(s) {
			return false
		}
	}
	return true
}
