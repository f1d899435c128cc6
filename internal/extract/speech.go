package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/text"
)

// attribution says who speaks in a sentence and how.
type attribution struct {
	speaker    ref
	resolved   bool   // speaker is a named actor, not a description waiting for one
	indefinite bool   // "a rights group": to be named later in the text
	cue        string // as written
	allegation bool   // the cue alleges ("accused", "alleged", "claimed")
	direct     bool
	cueTok     int // token index of the cue in the sentence
	textFrom   int // byte span of what is claimed
	textTo     int
	inherited  bool // taken from the sentences around, not stated in this one
}

// speechState tracks who spoke last, for pronouns and role nouns.
type speechState struct {
	lastPerson *ref
	lastGroup  *ref
}

// findAttributions fills d.attrib for every sentence.
func (d *docState) findAttributions() {
	n := len(d.rd.Sentences)
	d.attrib = make([]*attribution, n)
	var st speechState
	for si := range d.rd.Sentences {
		a := d.attributeSentence(si, &st)
		if a == nil {
			continue
		}
		d.attrib[si] = a
		if a.resolved {
			r := a.speaker
			if r.typ == sitrep.Person {
				st.lastPerson = &r
			} else {
				st.lastGroup = &r
			}
		}
	}
	d.resolveIndefiniteSpeakers()
	d.spreadOverQuotes()
}

// attributeSentence finds the speech cue of sentence si and its speaker.
func (d *docState) attributeSentence(si int, st *speechState) *attribution {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	for i := 0; i < len(toks); i++ {
		cue, n, allegation, ok := cueAt(toks, i)
		if !ok {
			continue
		}
		if s.Quote >= 0 {
			// a cue inside the quotation is part of what is said, not its attribution
			if q := d.rd.Quotes[s.Quote]; toks[i].Start >= q.Start && toks[i].End <= q.End {
				continue
			}
		}
		a := &attribution{cue: d.text[toks[i].Start:toks[i+n-1].End], allegation: allegation, cueTok: i,
			direct: s.Quote >= 0}
		var sp ref
		var found bool
		if cue == "according to" {
			sp, found = d.speakerRight(si, i+n, st)
			// what is claimed is the rest of the sentence
			if i > 1 {
				a.textFrom, a.textTo = s.Start, toks[i-1].End
			} else {
				a.textFrom, a.textTo = toks[min(len(toks)-1, i+n)].End, s.End
			}
		} else {
			sp, found, a.indefinite = d.speakerLeft(si, i, st)
			if !found && i > 0 && (toks[i-1].Kind == text.Punct) {
				// inverted: `"…," said the minister.`
				sp, found = d.speakerRight(si, i+n, st)
			}
			from := i + n
			if from < len(toks) && toks[from].Lower == "that" {
				from++
			}
			if from < len(toks) {
				a.textFrom, a.textTo = toks[from].Start, s.End
			} else {
				a.textFrom, a.textTo = s.Start, toks[i].Start
			}
		}
		if !found {
			continue
		}
		if d.noClaim(si) && i > 0 && hasWord(toks, max(0, i-4), i, wordSet("no|nobody|not")) {
			continue // "No group claimed responsibility": nobody speaks
		}
		if cue == "claimed" || cue == "claims" {
			// "these claims" is a noun; a claim needs a clause or responsibility after it
			if i+1 < len(toks) && !(toks[i+1].Lower == "that" || toks[i+1].Lower == "responsibility" || toks[i+1].Lower == "to" || toks[i+1].Kind == text.Punct) {
				if !(i > 0 && personPronouns[toks[i-1].Lower]) {
					continue
				}
			}
		}
		a.direct = false
		if s.Quote >= 0 {
			q := d.rd.Quotes[s.Quote]
			// the quotation is what this speaker says when the cue stands
			// right after it (`"…," he said`) or right before it (`said: "…"`)
			if abs(toks[i].Start-q.End) < 40 || abs(q.Start-toks[i+n-1].End) < 40 || s.InQuote {
				a.direct = true
				a.textFrom, a.textTo = q.Start, q.End
			}
		}
		if !a.direct && strings.Trim(d.text[a.textFrom:a.textTo], " .,;:\"”’") == "" {
			// "…, he observed.": the claim is what came before the attribution
			a.textFrom, a.textTo = s.Start, toks[max(0, i-2)].End
		}
		a.speaker = sp
		a.resolved = !a.indefinite
		return a
	}
	// "The statement was made by X": X speaks, and also spoke before
	for i := 0; i+3 < len(toks); i++ {
		if (toks[i].Lower == "statement" || toks[i].Lower == "remarks" || toks[i].Lower == "allegation" || toks[i].Lower == "allegations") &&
			(toks[i+1].Lower == "was" || toks[i+1].Lower == "were") && (toks[i+2].Lower == "made" || toks[i+2].Lower == "issued") && toks[i+3].Lower == "by" {
			if sp, ok := d.speakerRight(si, i+4, st); ok {
				return &attribution{speaker: sp, resolved: true, cue: d.text[toks[i].Start:toks[i+3].End], cueTok: i,
					textFrom: s.Start, textTo: s.End}
			}
		}
	}
	return nil
}

// cueAt reports whether a speech cue starts at token i: its normalised form,
// its length in tokens and whether it alleges.
func cueAt(toks []text.Token, i int) (string, int, bool, bool) {
	for _, p := range speechPhrases {
		if i+len(p) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p {
			if toks[i+k].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			if p[0] == "in" {
				// "in a statement" is a cue only with a speaker: "X said in a statement"
				continue
			}
			return strings.Join(p, " "), len(p), p[0] == "claimed" || p[0] == "claims", true
		}
	}
	if alleg, ok := speechCues[toks[i].Lower]; ok {
		return toks[i].Lower, 1, alleg, true
	}
	return "", 0, false, false
}

// skippable words between a speaker and the cue: "X has also said".
var speakerGap = wordSet("also|further|has|have|had|repeatedly|reportedly|then|later|again|strongly|firmly|recently|" +
	"once|earlier|previously|who|had|was|is|clearly|categorically|openly|publicly|today|yesterday|separately|too|himself|herself")

// speakerLeft finds the speaker ending just before the cue at token i.
func (d *docState) speakerLeft(si, i int, st *speechState) (ref, bool, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && speakerGap[toks[e].Lower] {
		e--
	}
	if e < 0 {
		return ref{}, false, false
	}
	// an appositive between commas: "X, the head of Y, said"
	if toks[e].Lower == "," {
		k := e - 1
		for k >= 0 && toks[k].Lower != "," && toks[k].Lower != "." {
			k--
		}
		if k > 0 && toks[k].Lower == "," {
			if r, ok := d.speakerEndingAt(si, k-1, st); ok {
				return r, true, false
			}
		}
		return ref{}, false, false
	}
	// "the US Embassy in Islamabad said": skip a place after "in"
	if e >= 2 && toks[e-1].Lower == "in" && d.placeAt(si, toks[e].Start) {
		if r, ok := d.speakerEndingAt(si, e-2, st); ok {
			return r, true, false
		}
	}
	if r, ok := d.speakerEndingAt(si, e, st); ok {
		return r, true, false
	}
	// a description: "a prominent human rights group", "Human rights organisations"
	from, to := npLeft(toks, e+1)
	if from < to {
		head := toks[to-1].Lower
		if groupRoles[head] || strings.TrimSuffix(head, "s") != head && groupRoles[strings.TrimSuffix(head, "s")] || personRoles[head] {
			indef := from > 0 && (toks[from-1].Lower == "a" || toks[from-1].Lower == "an")
			definite := from > 0 && (toks[from-1].Lower == "the" || toks[from-1].Lower == "this")
			phrase := spanText(d.text, toks, from, to)
			if definite {
				if r, ok := d.resolveRole(si, from, to, st); ok {
					return r, true, false
				}
			}
			typ := sitrep.Organisation
			if personRoles[head] {
				typ = sitrep.Person
			} else if strings.Contains(strings.ToLower(phrase), "rights") {
				typ = sitrep.RightsGroup
			}
			return d.phraseRef(phrase, typ), true, indef
		}
	}
	return ref{}, false, false
}

// speakerEndingAt resolves the speaker whose phrase ends at token e: an actor
// mention, a pronoun or a role noun.
func (d *docState) speakerEndingAt(si, e int, st *speechState) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if e < 0 {
		return ref{}, false
	}
	t := toks[e]
	if personPronouns[t.Lower] {
		if st.lastPerson != nil {
			return *st.lastPerson, true
		}
		return d.lastPersonBefore(t.Start)
	}
	if (t.Lower == "they" || t.Lower == "it") && st.lastGroup != nil {
		return *st.lastGroup, true
	}
	if m, ok := d.mentionEndingAt(si, t.End); ok {
		r := d.mentionRef(m)
		// "the chief of BNM": the person holding the role, not the movement
		if j := tokenIndex(toks, m.Start); j >= 2 && toks[j-1].Lower == "of" && personRoles[toks[j-2].Lower] && r.typ != sitrep.Person {
			if p, ok := d.affiliated(r.ID); ok {
				return p, true
			}
			if st.lastPerson != nil {
				return *st.lastPerson, true
			}
		}
		// a bare family name stands for the person named in full before
		if r.typ == sitrep.Person || r.typ == "" {
			r = d.fullName(r)
		}
		if r.typ == "" {
			r.typ = sitrep.Organisation
		}
		// "BNM chief" written as one phrase: the chief, not the movement
		return r, true
	}
	// "the BNM chief", "the chief of BNM"
	if personRoles[t.Lower] || groupRoles[t.Lower] || personRoles[strings.TrimSuffix(t.Lower, "s")] {
		from, to := npLeft(toks, e+1)
		if from < to && from > 0 && (toks[from-1].Lower == "the" || toks[from-1].Lower == "this" || toks[from-1].Lower == "its") {
			if r, ok := d.resolveRole(si, from, to, st); ok {
				return r, true
			}
		}
	}
	// a capitalised name the recognisers missed (a bare family name)
	if t.Kind == text.Word && t.Capitalised(d.text) && !d.rd.AllCaps {
		if r, ok := d.personBySurname(t.Text(d.text)); ok {
			return r, true
		}
	}
	return ref{}, false
}

// speakerRight finds the speaker starting at token i ("according to X",
// `"…," said X`).
func (d *docState) speakerRight(si, i int, st *speechState) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) {
		return ref{}, false
	}
	if personPronouns[toks[i].Lower] {
		if st.lastPerson != nil {
			return *st.lastPerson, true
		}
		return d.lastPersonBefore(toks[i].Start)
	}
	if (toks[i].Lower == "they" || toks[i].Lower == "it") && st.lastGroup != nil {
		return *st.lastGroup, true
	}
	// the clause after the cue, to the next punctuation mark other than brackets
	end := i
	for end < len(toks) && !(toks[end].Kind == text.Punct && (toks[end].Lower == "," || toks[end].Lower == "." || toks[end].Lower == ";" || toks[end].Lower == ":")) {
		end++
	}
	ms := d.mentionsWithin(si, toks[i].Start, toks[max(i, end-1)].End)
	// prefer a person: "the chief of X, Dr Y" speaks as Y
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].Type == sitrep.Person {
			return d.fullName(d.mentionRef(ms[k])), true
		}
	}
	from, to := npRight(toks, i)
	if len(ms) > 0 {
		// a longer capitalised name holding the mention is its own body:
		// "the Pakistan Demographic Health Survey"
		if from < to && ms[0].End < toks[to-1].End && ms[0].Start >= toks[from].Start && isCapitalisedPhrase(d.text, toks, from, to) && !d.rd.AllCaps {
			return d.phraseRef(spanText(d.text, toks, from, to), sitrep.Organisation), true
		}
		return d.mentionRef(ms[0]), true
	}
	if from < to {
		if from > i && (toks[from-1].Lower == "the" || toks[from-1].Lower == "this") {
			if r, ok := d.resolveRole(si, from, to, st); ok {
				return r, true
			}
		}
		if toks[from].Capitalised(d.text) && to-from == 1 {
			if r, ok := d.personBySurname(toks[from].Text(d.text)); ok {
				return r, true
			}
		}
		phrase := spanText(d.text, toks, from, to)
		typ := sitrep.Organisation
		if hasWord(toks, from, to, personRoles) {
			typ = sitrep.Person
		}
		return d.phraseRef(phrase, typ), true
	}
	return ref{}, false
}

// resolveRole resolves a definite description ("the BNM chief", "the rights
// organisation") to the actor it stands for.
func (d *docState) resolveRole(si, from, to int, st *speechState) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	ms := d.mentionsWithin(si, toks[from].Start, toks[to-1].End)
	person := hasWord(toks, from, to, personRoles)
	if person {
		if len(ms) > 0 {
			org := d.mentionRef(ms[0])
			if r, ok := d.affiliated(org.ID); ok {
				return r, true
			}
		}
		if st.lastPerson != nil {
			return *st.lastPerson, true
		}
		return ref{}, false
	}
	if len(ms) > 0 {
		return d.mentionRef(ms[0]), true
	}
	if st.lastGroup != nil {
		return *st.lastGroup, true
	}
	return ref{}, false
}

// affiliated returns the person the text ties to organisation org
// ("BNM chief Naseem Baloch").
func (d *docState) affiliated(org string) (ref, bool) {
	for _, m := range d.rd.Actors {
		if m.Type == sitrep.Person && m.Affiliation == org {
			return d.fullName(d.mentionRef(m)), true
		}
	}
	return ref{}, false
}

// fullName replaces a person known by one name with the fullest form of that
// name in the document ("Baluch" → "Naseem Baluch").
func (d *docState) fullName(r ref) ref {
	if strings.Contains(r.Name, " ") {
		return r
	}
	if full, ok := d.personBySurname(r.Name); ok {
		return full
	}
	return r
}

// personBySurname finds the person named in full whose last name is s.
func (d *docState) personBySurname(s string) (ref, bool) {
	for _, m := range d.rd.Actors {
		if m.Type != sitrep.Person || !strings.Contains(m.Text, " ") {
			continue
		}
		f := strings.Fields(m.Text)
		if strings.EqualFold(f[len(f)-1], s) {
			return d.mentionRef(m), true
		}
	}
	return ref{}, false
}

// placeAt reports whether a place mention starts at byte offset off.
func (d *docState) placeAt(si, off int) bool {
	r := d.rd.Sentences[si].Places
	for _, p := range d.rd.Places[r[0]:r[1]] {
		if p.Start == off {
			return true
		}
	}
	return false
}

// resolveIndefiniteSpeakers names a speaker introduced indefinitely ("a
// rights group has accused…") when the text names it within the next two
// sentences ("The statement was made by X", "X said").
func (d *docState) resolveIndefiniteSpeakers() {
	for si, a := range d.attrib {
		if a == nil || !a.indefinite {
			continue
		}
		for k := si + 1; k < len(d.attrib) && k <= si+2; k++ {
			b := d.attrib[k]
			if b != nil && b.resolved && b.speaker.typ != sitrep.Person {
				a.speaker, a.resolved, a.indefinite = b.speaker, true, false
				break
			}
		}
	}
}

// spreadOverQuotes gives the sentences of an attributed quotation the
// quotation's speaker, and a sentence between two sentences of one speaker
// that speaker too: reported speech continues until the text says otherwise.
func (d *docState) spreadOverQuotes() {
	ss := d.rd.Sentences
	for si := range ss {
		if d.attrib[si] != nil || ss[si].Quote < 0 {
			continue
		}
		for k := range ss {
			if k != si && ss[k].Quote == ss[si].Quote && d.attrib[k] != nil && !d.attrib[k].inherited {
				cp := *d.attrib[k]
				cp.inherited = true
				d.attrib[si] = &cp
				break
			}
		}
	}
	for si := 1; si+1 < len(ss); si++ {
		if d.attrib[si] != nil {
			continue
		}
		p, n := d.attrib[si-1], d.attrib[si+1]
		if p != nil && n != nil && p.resolved && n.resolved && p.speaker.ID == n.speaker.ID {
			cp := *p
			cp.inherited, cp.direct, cp.cue = true, false, ""
			cp.textFrom, cp.textTo = ss[si].Start, ss[si].End
			d.attrib[si] = &cp
		}
	}
}

// lastPersonBefore resolves "he" or "she" with no earlier speaker to the
// last person named before off.
func (d *docState) lastPersonBefore(off int) (ref, bool) {
	for k := len(d.rd.Actors) - 1; k >= 0; k-- {
		m := d.rd.Actors[k]
		if m.End <= off && m.Type == sitrep.Person {
			return d.fullName(d.mentionRef(m)), true
		}
	}
	return ref{}, false
}
