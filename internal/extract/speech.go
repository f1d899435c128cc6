package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/text"
)

// attribution says who speaks in a sentence and how.
type attribution struct {
	speaker    ref
	also       []ref // further speakers of one statement: "the US, the EU and France said"
	resolved   bool  // speaker is a named actor, not a description waiting for one
	indefinite bool  // "a rights group": to be named later in the text
	cue        string
	allegation bool // the cue alleges ("accused", "alleged", "claimed")
	direct     bool
	cueTok     int // token index of the cue in the sentence
	textFrom   int // byte span of what is claimed
	textTo     int
	inherited  bool // taken from the sentences around, not stated in this one
	// participle: the speaker is the subject of the clause before the cue
	// ("held a protest, calling on …", "used a funeral to accuse …"): it
	// acted there, it did not report it
	participle bool
	// bare: the sentence is only the attribution ("X reported on
	// Tuesday."), of what the sentence before says
	bare bool
	told bool // a bare attribution whose statement the sentence before holds
	// source: the speaker is one whose word news reports as fact (police,
	// officials, the military, hospitals, witnesses, the media) rather
	// than a party accusing another
	source bool
	// token spans: the speaker's phrase, the cue's end, and the part of the
	// sentence whose relations are this speaker's
	spkFrom, spkTo, cueEnd int
	relFrom, relTo         int
	// more: further speakers of the same sentence, each with its own part
	// ("…, residents said, but an official said …")
	more []*attribution
}

// hasPunctBefore reports punctuation among the first n tokens.
func hasPunctBefore(toks []text.Token, n int) bool {
	for k := 0; k < n && k < len(toks); k++ {
		if hardPunct(toks[k]) {
			return true
		}
	}
	return false
}

// reportingCues only report: a sentence of a speaker and one of them says
// nothing of its own.
var reportingCues = wordSet("reported|said|stated|added|noted|told|confirmed|announced|wrote|says|reports")

// speechState tracks who spoke before, for pronouns and role nouns.
type speechState struct {
	lastPerson *ref
	lastGroup  *ref
	spoken     []spoken // every speaker so far, the latest last
}

// spoken is a speaker with the head noun of the phrase that named it
// ("official" for "a senior security official"), so that "the official"
// finds it again.
type spoken struct {
	r      ref
	head   string
	plural bool // the head as written was plural: "rights groups"
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
			} else if len(a.also) == 0 {
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
	var first *attribution
	var all []*attribution
	for i := 0; i < len(toks); i++ {
		a, end := d.attributionAt(si, i, st)
		if a == nil {
			continue
		}
		if len(all) > 0 && (a.speaker.ID == all[len(all)-1].speaker.ID || a.spkFrom < all[len(all)-1].cueEnd ||
			strings.HasPrefix(a.cue, "according") || strings.HasPrefix(a.cue, "According")) {
			// the same speaker again, a phrase inside the one before, or the
			// source of what the first speaker said ("…, according to a video")
			i = end - 1
			continue
		}
		all = append(all, a)
		i = end - 1
	}
	if len(all) > 0 {
		first = all[0]
		// each speaker's relations come from its own part of the sentence:
		// "X happened, residents said, but an official said Y"
		for k, a := range all {
			a.relFrom, a.relTo = 0, len(toks)
			if k > 0 {
				a.relFrom = max(all[k-1].cueEnd, all[k-1].spkTo)
				if a.spkFrom < a.cueTok && (a.textFrom >= toks[min(a.cueEnd, len(toks)-1)].Start || all[k-1].textFrom > toks[all[k-1].cueTok].Start) {
					// "X said Y": this speaker's part opens with its own
					// phrase; so does it when the speaker before spoke
					// forwards ("India accused Pakistan of … after TRF claimed")
					a.relFrom = max(a.relFrom, a.spkFrom)
				}
			}
			if k+1 < len(all) {
				a.relTo = min(all[k+1].spkFrom, all[k+1].cueTok)
			}
		}
		first.more = all[1:]
		return first
	}
	// "The statement was made by X": X speaks, and also spoke before
	for i := 0; i+3 < len(toks); i++ {
		if (toks[i].Lower == "statement" || toks[i].Lower == "remarks" || toks[i].Lower == "allegation" || toks[i].Lower == "allegations") &&
			(toks[i+1].Lower == "was" || toks[i+1].Lower == "were") && (toks[i+2].Lower == "made" || toks[i+2].Lower == "issued") && toks[i+3].Lower == "by" {
			if sp := d.speakerRight(si, i+4, st); sp.ok {
				st.remember(sp)
				return &attribution{speaker: sp.r, also: sp.also, resolved: true, cue: d.text[toks[i].Start:toks[i+3].End], cueTok: i,
					textFrom: s.Start, textTo: s.End, relTo: len(toks)}
			}
		}
	}
	return nil
}

// attributionAt reads an attribution whose cue starts at token i: nil when
// there is none, else the attribution and the token after its cue.
func (d *docState) attributionAt(si, i int, st *speechState) (*attribution, int) {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	cue, n, allegation, ok := cueAt(toks, i)
	if !ok {
		return nil, 0
	}
	if s.Quote >= 0 {
		// a cue inside the quotation is part of what is said, not its attribution
		if q := d.rd.Quotes[s.Quote]; toks[i].Start >= q.Start && toks[i].End <= q.End {
			return nil, 0
		}
	}
	if i > 0 && determiners[toks[i-1].Lower] && toks[i-1].Lower != "that" && toks[i-1].Lower != "all" && toks[i-1].Lower != "both" {
		return nil, 0 // a noun: "these claims", "his statement"
	}
	if (cue == "claimed" || cue == "claims" || cue == "claim") && !claimVerbAt(toks, i) {
		return nil, 0 // "these claims", "a claimed attack"
	}
	a := &attribution{cue: d.text[toks[i].Start:toks[i+n-1].End], allegation: allegation, cueTok: i, cueEnd: i + n}
	var sp speakerFound
	switch {
	case cue == "according to":
		sp = d.speakerRight(si, i+n, st)
		if i > 1 {
			a.textFrom, a.textTo = s.Start, toks[i-1].End
		} else {
			a.textFrom, a.textTo = toks[min(len(toks)-1, i+n)].End, s.End
			// "According to the council, the rights wing of …, X was
			// abducted": what is said opens after the source's phrase
			if sp.ok && sp.hasSpan && sp.to < len(toks) {
				k := sp.to
				for k < len(toks) && toks[k].Lower == "," {
					k++
				}
				if k < len(toks) {
					a.textFrom = toks[k].Start
				}
			}
		}
	case passiveCue(toks, i):
		// "the attack was claimed by X"
		if i+n < len(toks) && toks[i+n].Lower == "by" {
			sp = d.speakerRight(si, i+n+1, st)
		}
		a.textFrom, a.textTo = s.Start, s.End
	case asSaying(toks, i+n) > 0:
		// "media reported Demirtas as saying", "IRNA quoted an official as saying"
		sp = d.speakerRight(si, i+n, st)
		a.textFrom, a.textTo = s.Start, s.End
		if k := asSaying(toks, i+n); k+2 < len(toks) {
			a.textFrom = toks[k+2].Start
		}
	default:
		sp = d.speakerLeft(si, i, st)
		if !sp.ok && i > 2 && toks[i-1].Lower == "to" && !cueBefore(toks, i-1) {
			// "Iranian officials used a mass funeral to accuse Israel of
			// involvement": the subject acts through the infinitive
			sp = d.openingSubject(si, i-1, st)
			a.participle = sp.ok
		}
		participle := i > 1 && toks[i-1].Lower == "," && strings.HasSuffix(toks[i].Lower, "ing")
		if !sp.ok && participle && !cueBefore(toks, i-1) {
			// "Families held a protest on Saturday, calling on the
			// authorities to …": the participle's subject is the clause's
			sp = d.participleSpeaker(si)
			a.participle = sp.ok
		}
		inverted := false
		if !sp.ok && !participle && i > 0 && toks[i-1].Kind == text.Punct && i+n < len(toks) && toks[i+n].Lower != "that" {
			// (", accusing the minister of …" names whom it accuses, not who speaks)
			// inverted: `"…," said the minister.`, the speaker's phrase
			// closing the clause
			if e := d.phraseEndRight(si, i+n); e >= len(toks) || hardPunct(toks[e]) || d.isDateAt(si, toks[e].Start) || toks[e].Lower == "in" || toks[e].Lower == "on" {
				sp = d.speakerRight(si, i+n, st)
				inverted = sp.ok
			}
		}
		from := i + n
		if from < len(toks) && toks[from].Lower == "that" {
			from++
		}
		// "Human Rights Watch reported on Tuesday.": a sentence of only the
		// attribution reports what the sentence before says
		a.bare = sp.ok && sp.hasSpan && !inverted && reportingCues[cue] && (from >= len(toks) || toks[from].Lower == "." || circumstanceOnly(toks, from)) &&
			sp.from <= 4 && !hasPunctBefore(toks, sp.from)
		switch {
		case from < len(toks) && !inverted && sp.ok && sp.hasSpan && sp.from >= 2 && toks[sp.from-1].Lower == "," && circumstanceOnly(toks, from):
			// "X happened, HRW said on Monday.": what is said came first
			a.textFrom, a.textTo = s.Start, toks[sp.from-2].End
		case from < len(toks) && !inverted:
			// "said (on) Wednesday (that) he backed …": what is said
			// opens after the day
			k := from
			if toks[i].Lower == "told" || toks[i].Lower == "tells" || toks[i].Lower == "assured" || toks[i].Lower == "informed" {
				// "told reporters that …", "told the BBC that …": what is said
				// opens after the one told
				for j := from; j < len(toks) && j <= from+4 && !hardPunct(toks[j]); j++ {
					if toks[j].Lower == "that" && j+1 < len(toks) {
						from, k = j+1, j+1
						break
					}
				}
			}
			if k+1 < len(toks) && toks[k].Lower == "on" && dayWords[toks[k+1].Lower] {
				k++
			}
			if k+1 < len(toks) && dayWords[toks[k].Lower] && (subjectOpeners[toks[k+1].Lower] || toks[k+1].Lower == "that") {
				from = k + 1
				if toks[from].Lower == "that" && from+1 < len(toks) {
					from++
				}
			}
			a.textFrom, a.textTo = toks[from].Start, s.End
		default:
			a.textFrom, a.textTo = s.Start, toks[i].Start
		}
	}
	if !sp.ok {
		return nil, 0
	}
	if i > 0 && hasWord(toks, max(0, i-4), i, noNobody) && d.noClaim(si) {
		return nil, 0 // "No group claimed responsibility": nobody speaks
	}
	if s.Quote >= 0 {
		q := d.rd.Quotes[s.Quote]
		// the quotation is what this speaker says when the cue stands
		// right after it (`"…," he said`) or right before it (`said: "…"`)
		// or when only the speaker's phrase stands between the quotation
		// and the cue (`"…," Sheikh Ali, the group's spokesman, told Reuters`)
		close := sp.hasSpan && sp.from < i && sp.from < len(toks) && q.End <= toks[sp.from].Start && toks[sp.from].Start-q.End <= 24 &&
			!hasLowerWord(d.text[q.End:toks[sp.from].Start])
		// a quotation opening after words that lead into it ("accused X
		// of \"violating …\"") is a phrase quoted inside indirect speech;
		// after "said:" or "said," it is what is said
		after := abs(q.Start-toks[i+n-1].End) < 40
		if after && q.Start > toks[i+n-1].End {
			gap := strings.TrimSpace(d.text[toks[i+n-1].End:q.Start])
			after = gap == "" || strings.HasSuffix(gap, ":") || strings.HasSuffix(gap, ",") || !hasLowerWord(gap)
		}
		if abs(toks[i].Start-q.End) < 40 || after || s.InQuote || close {
			a.direct = true
			a.textFrom, a.textTo = q.Start, q.End
		}
	}
	if !a.direct && strings.Trim(d.text[a.textFrom:a.textTo], " .,;:\"”’") == "" {
		// "…, he observed.": the claim is what came before the attribution;
		// "The group denied." says no more than the sentence
		a.textFrom, a.textTo = s.Start, toks[max(0, i-2)].End
		switch {
		case sp.hasSpan && sp.from >= 2 && sp.from < i && hardPunct(toks[sp.from-1]):
			a.textFrom, a.textTo = s.Start, toks[sp.from-2].End // "…, Ali Musa, the envoy, noted."
		case sp.hasSpan && sp.from < i && (sp.from == 0 || !hardPunct(toks[sp.from-1])):
			a.textFrom, a.textTo = s.Start, s.End
		}
	}
	a.speaker, a.also = sp.r, sp.also
	a.source = sp.source() || sp.hasSpan && localLeader(toks, sp.from, sp.to)
	a.spkFrom, a.spkTo = i, i
	if sp.hasSpan {
		a.spkFrom, a.spkTo = sp.from, sp.to
	}
	// "…, citing the health ministry": the source cited says it too
	for k := i + n; k+1 < len(toks); k++ {
		if toks[k].Lower == "citing" || toks[k].Lower == "quoting" {
			if c := d.speakerRight(si, k+1, st); c.ok && c.r.ID != sp.r.ID {
				a.also = append(a.also, c.r)
			}
			break
		}
	}
	a.indefinite = sp.indefinite
	a.resolved = !sp.indefinite
	st.remember(sp)
	end := i + n
	if a.spkTo > end {
		end = a.spkTo
	}
	return a, end
}

// Words opening the circumstances of a statement after its cue: "said on
// Monday", "said in a statement", "said late yesterday".
var circumstanceWords = wordSet("on|in|at|during|after|late|earlier|yesterday|today|tonight|last|this|recently|monday|tuesday|" +
	"wednesday|thursday|friday|saturday|sunday|while|when|via|through")

// circumstanceOnly tells whether the tokens from i to the sentence's end say
// only when, where or how something was said, not what.
func circumstanceOnly(toks []text.Token, i int) bool {
	if i >= len(toks) || !circumstanceWords[toks[i].Lower] || len(toks)-i > 12 {
		return false
	}
	for k := i; k < len(toks); k++ {
		if w := toks[k].Lower; w == "that" || w == "and" || w == "but" || w == ";" || w == ":" {
			return false
		}
		// "said Wednesday he backed the hunt", "said on Monday the army
		// had withdrawn": a day with no preposition after it is followed
		// by what was said
		if dayWords[toks[k].Lower] && k+1 < len(toks) && subjectOpeners[toks[k+1].Lower] {
			return false
		}
	}
	return true
}

// dayWords name the day a statement was made on.
var dayWords = wordSet("monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight")

// subjectOpeners open a clause's subject: after "said Monday" they begin
// what was said.
var subjectOpeners = wordSet("he|she|it|they|we|i|you|there|the|a|an|its|his|her|their|our|this|these|those|some|all|no|none|" +
	"more|several|many|two|three|four|five|six|seven|eight|nine|ten")

// hasLowerWord reports a word in lower case in s: between a quotation
// and its speaker only marks and titles stand.
func hasLowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if r := w[0]; r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// asSaying finds "X as saying" after a cue at token i: the index of "as",
// or 0.
func asSaying(toks []text.Token, i int) int {
	for k := i + 1; k+1 < len(toks) && k < i+10; k++ {
		if hardPunct(toks[k]) {
			return 0
		}
		if toks[k].Lower == "as" && (toks[k+1].Lower == "saying" || toks[k+1].Lower == "stating" || toks[k+1].Lower == "claiming" || toks[k+1].Lower == "telling") {
			return k
		}
	}
	return 0
}

// claimVerbAt reports "claimed" used as a verb of speech: followed by a
// clause, by responsibility or an attack ("IS claims Kabul attack"), or
// after a pronoun ("he claimed").
func claimVerbAt(toks []text.Token, i int) bool {
	if i+1 >= len(toks) {
		return true
	}
	switch toks[i+1].Lower {
	case "that", "responsibility", "credit", "to", "the", "a", "an", "its", "his", "their", "it", "by", "they", "he", "she", "we":
		return true // "claimed they hit a target": a clause
	}
	if toks[i+1].Kind == text.Punct {
		return true
	}
	if i > 0 && (personPronouns[toks[i-1].Lower] || toks[i-1].Lower == "they") {
		return true
	}
	// "claims deadly attack": an attack word within a few words; "claimed
	// two of its bombers carried out": a clause
	for k := i + 1; k < len(toks) && k <= i+8; k++ {
		if k <= i+4 && attackNouns[toks[k].Lower] {
			return true
		}
		if toks[k].Kind == text.Punct {
			break
		}
		if k > i+1 && (toks[k].Lower == "were" || toks[k].Lower == "was" || toks[k].Lower == "had" || toks[k].Lower == "carried" || toks[k].Lower == "killed") {
			return true
		}
	}
	return false
}

// passiveCue reports a cue in the passive voice: "was claimed by".
func passiveCue(toks []text.Token, i int) bool {
	k := i - 1
	for k >= 0 && adverb(toks[k]) {
		k-- // "was widely condemned by"
	}
	if k < 0 {
		return false
	}
	switch toks[k].Lower {
	case "was", "were", "been", "being", "is", "are":
		return true
	}
	return false
}

// adverb: a lower-case word in -ly ("widely", "strongly").
func adverb(t text.Token) bool {
	return t.Kind == text.Word && len(t.Lower) > 4 && strings.HasSuffix(t.Lower, "ly") && t.Lower != "only" && t.Lower != "family" && t.Lower != "italy"
}

// cueAt reports whether a speech cue starts at token i: its normalised form,
// its length in tokens and whether it alleges.
func cueAt(toks []text.Token, i int) (string, int, bool, bool) {
	if i > 0 && toks[i].Lower == "states" && toks[i-1].Lower == "united" {
		return "", 0, false, false // "the president of the United States, said": a name
	}
	for _, p := range speechPhrases[toks[i].Lower] {
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
			return strings.Join(p, " "), len(p), p[0] == "claimed" || p[0] == "claims" || p[0] == "claiming", true
		}
	}
	if alleg, ok := speechCues[toks[i].Lower]; ok {
		return toks[i].Lower, 1, alleg, true
	}
	if w := toks[i].Lower; w == "calls" && i+1 < len(toks) && determiners[toks[i+1].Lower] &&
		!(i > 0 && beVerbs[toks[i-1].Lower]) {
		// "ETA calls the Spanish and French governments to act": a demand
		for k := i + 2; k < len(toks) && k < i+10 && !hardPunct(toks[k]); k++ {
			if toks[k].Lower == "to" {
				return w, 1, false, true
			}
		}
	}
	if tieVerbs[toks[i].Lower] && i+1 < len(toks) && !(i > 0 && (beVerbs[toks[i-1].Lower] || toks[i-1].Lower == "been")) && linkedTo(toks, i+1) > 0 {
		// "Tehran has also linked the group to al Qaeda", "sought to link
		// America to the attack": an allegation of a tie
		return toks[i].Lower, 1, true, true
	}
	if i+1 < len(toks) {
		switch w, next := toks[i].Lower, toks[i+1].Lower; {
		case (w == "found" || w == "finds" || w == "concluded") && next == "that":
			return w, 1, false, true // "a fact-finding mission found that"
		case (w == "continued" || w == "added") && (next == ":" || next == `"`):
			return w, 1, false, true
		}
	}
	return "", 0, false, false
}

// tieVerbs tie one actor to another or to an incident: "linked X to Y"
// ("tied" and "connected" are too often meant literally: "tied the
// hostages to a tree").
var tieVerbs = wordSet("linked|links|link|linking")

// linkedTo returns the "to" of "linked X to Y" when the phrase X starts at
// token i (a name or a noun phrase with its article), 0 when there is none.
func linkedTo(toks []text.Token, i int) int {
	if i >= len(toks) || toks[i].Lower == "to" || toks[i].Lower == "with" || hardPunct(toks[i]) {
		return 0 // "linked to", "ties with": the outlet's or another pattern's
	}
	for k := i + 1; k < len(toks) && k <= i+7; k++ {
		if hardPunct(toks[k]) && toks[k].Lower != "'" || clauseWords[toks[k].Lower] && toks[k].Lower != "to" {
			return 0
		}
		if toks[k].Lower == "to" {
			return k
		}
	}
	return 0
}

// Speech cues: the verb that introduces a claim, and whether it alleges
// (an allegation cue makes an incident it reports alleged).
var speechCues = map[string]bool{
	"said": false, "says": false, "say": false, "told": false, "tells": false, "tell": false, "stated": false, "states": false,
	"added": false, "adding": false, "alleged": true, "alleges": true, "allege": true, "accused": true, "accuses": true,
	"accuse": true, "claimed": true, "claims": true, "claim": true, "urged": false, "urges": false, "urge": false,
	"demanded": false, "demands": false, "demand": false, "asked": false, "warned": false, "warns": false, "warn": false,
	"stressed": false, "stresses": false, "emphasized": false, "emphasised": false, "emphasizes": false, "emphasises": false,
	"highlighted": false, "highlights": false, "observed": false, "underscored": false, "underlined": false, "noted": false,
	"notes": false, "explained": false, "announced": false, "announces": false, "confirmed": false, "confirms": false,
	"denied": false, "denies": false, "deny": false, "condemned": false, "condemns": false, "condemn": false,
	"criticised": false, "criticized": false, "criticise": false, "criticize": false, "criticises": false,
	"criticizes": false, "tweeted": false, "wrote": false, "writes": false, "posted": false, "maintained": false,
	"maintains": false, "insisted": false, "insists": false, "insist": false, "argued": false, "argues": false,
	"concluded": false, "appealed": false, "blamed": true, "blames": true, "blame": true, "charged": true,
	"reported": false, "believes": false, "believed": false, "believe": false, "declared": false, "revealed": false, "disclosed": false,
	"asserted": false, "contended": false, "acknowledged": false, "admitted": false, "informed": false,
	"mentioned": false, "remarked": false, "recalled": false, "lamented": false, "regretted": false,
	"described": false, "describes": false, "refuted": false, "rejected": false, "rejects": false, "dismissed": false,
	"dismisses": false, "denounced": false, "denounces": false, "vowed": false, "vows": false, "pledged": false,
	"promised": false, "estimated": false, "testified": false, "complained": false, "threatened": false,
	"recounted": false, "expressed": false, "voiced": false, "spoke": false, "reiterated": false, "welcomed": false,
	"hailed": false, "pressed": false, "cautioned": false, "clarified": false, "countered": false, "retorted": false,
	"replied": false, "responded": false, "suggested": false, "predicted": false, "identified": false,
	"quoted": false, "cited": false, "affirmed": false, "affirms": false, "describe": false, "attribute": true,
	"attributed": true, "attributes": true, "describing": false, "calling": false, "accusing": true, "denying": false,
	"condemning": false, "urging": false, "warning": false, "insisting": false, "saying": false, "alleging": true,
}

// Multi-word cues, by their first word.
var speechPhrases = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range []string{"according to", "pointed out", "points out", "called on", "calls on", "called upon",
		"calling on", "called for", "calls for", "calling for", "raised concerns", "raised serious concerns",
		"expressed concern", "claimed responsibility", "claims responsibility", "claiming responsibility",
		"took responsibility", "takes responsibility", "accepted responsibility", "owned responsibility",
		"issued a statement", "put the number", "put the toll", "put the death", "gave a toll", "pointed to", "points to",
		"gave a lower toll", "gave a higher toll"} {
		w := strings.Fields(p)
		m[w[0]] = append(m[w[0]], w)
	}
	return m
}()

// attackNouns name an attack: what a group claims ("IS claims Kabul attack").
var attackNouns = wordSet("attack|attacks|bombing|bombings|blast|blasts|explosion|assault|raid|ambush|killing|killings|" +
	"kidnapping|abduction|massacre|beheading|beheadings|assassination|shooting|strike|strikes|operation|hijacking|" +
	"ambushes|raids|assaults|explosions|shootings|kidnappings|abductions|disappearance|disappearances|massacres|" +
	"assassinations|executions|airstrike|airstrikes|bombardment|shelling")

// speakerFound is the speaker read from a phrase.
type speakerFound struct {
	r          ref
	also       []ref
	head       string // the phrase's head noun, for "the official" later
	indefinite bool
	ok         bool
	// the tokens of the phrase read, when known
	from, to int
	hasSpan  bool
}

// source reports a speaker whose word news reports as fact: a state body,
// the media, or a description such as "police", "witnesses", "a hospital
// official".
func (sp speakerFound) source() bool {
	switch sp.r.typ {
	case sitrep.StateForce, sitrep.Government, sitrep.Media, sitrep.InternationalOrg:
		return true
	}
	return sourceHeads[sp.head]
}

// localLeader reports a speaker described as a leader of the place it
// happened ("a community leader", "village elders", "a tribal chief"):
// a witness to the incident, not a party to the conflict.
func localLeader(toks []text.Token, from, to int) bool {
	if to-from < 2 || to > len(toks) {
		return false
	}
	switch toks[to-1].Lower {
	case "leader", "leaders", "elder", "elders", "chief", "chiefs", "headman", "chieftain":
		return communityWords[toks[to-2].Lower]
	}
	return false
}

var communityWords = wordSet("community|village|local|tribal|traditional|clan|neighbourhood|neighborhood|camp")

// sourceHeads head the descriptions of sources news reports as fact.
var sourceHeads = wordSet("police|official|officials|officer|officers|authorities|authority|source|sources|witness|witnesses|" +
	"eyewitness|eyewitnesses|resident|residents|villager|villagers|survivor|survivors|doctor|doctors|medic|medics|" +
	"hospital|hospitals|rescuer|rescuers|workers|military|army|spokesman|spokesperson|spokeswoman|ministry|government|" +
	"media|television|tv|radio|agency|newspaper|channel|broadcaster|command|headquarters|paramedic|nurse|coroner|" +
	"governor|administrator|commissioner|mayor|reporter|correspondent|journalist|prosecutor|prosecutors|elder|elders|headman|" +
	"monitor|monitors")

func (st *speechState) remember(sp speakerFound) {
	if !sp.ok || sp.indefinite {
		return
	}
	st.spoken = append(st.spoken, spoken{r: sp.r, head: singular(sp.head), plural: singular(sp.head) != sp.head})
}

// describedOtherwise tells whether r was only described, by a head noun
// other than head: "a police officer" is not "the governor".
func (st *speechState) describedOtherwise(r ref, head string) bool {
	for k := len(st.spoken) - 1; k >= 0; k-- {
		if st.spoken[k].r.ID == r.ID {
			h := st.spoken[k].head
			return (personHeads[h] || genericRole[h]) && h != head
		}
	}
	return false
}

// singular folds a plural head noun: "residents" finds "the resident".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// skippable words between a speaker and the cue: "X has also said".
var speakerGap = wordSet("who|were|are|also|further|has|have|had|repeatedly|reportedly|then|later|again|strongly|firmly|recently|" +
	"once|earlier|previously|had|was|is|clearly|categorically|openly|publicly|today|yesterday|tonight|separately|too|" +
	"himself|herself|itself|themselves|swiftly|quickly|immediately|promptly|subsequently|initially|officially|flatly|" +
	"vehemently|squarely|angrily|sharply|specifically|explicitly|privately|anonymously|jointly|collectively|" +
	"would|will|had|did|does|do|already|still|now|previously|mostly|largely|however|meanwhile|nonetheless")

// speakerLeft finds the speaker whose phrase ends just before the cue at
// token i.
func (d *docState) speakerLeft(si, i int, st *speechState) speakerFound {
	toks := d.rd.Sentences[si].Tokens
	e := d.skipBeforeCue(si, i-1)
	if e < 0 {
		return speakerFound{}
	}
	// "human rights groups, who accuse …": the relative clause's antecedent
	if toks[e].Lower == "," && e+1 < i && (toks[e+1].Lower == "who" || toks[e+1].Lower == "which") && e > 0 {
		if sp := d.phraseSpeaker(si, e-1, st); sp.ok {
			return sp
		}
	}
	// "officials there noted": the adverb of place belongs to the speaker's name
	if (toks[e].Lower == "there" || toks[e].Lower == "here") && e > 0 && (bodyHeads[toks[e-1].Lower] || personHeads[toks[e-1].Lower]) {
		if from := d.phraseStartLeft(toks, e-1); from <= e-1 {
			if sp := d.speakerOf(si, from, e, st); sp.ok {
				if !d.isMentionRef(si, from, e, sp.r) {
					sp.r.Name = spanText(d.text, toks, from, e+1)
					sp.r.ID = actors.NormalID(sp.r.Name)
				}
				return sp
			}
		}
	}
	// an appositive or an aside between commas: "X, the head of Y, said",
	// "A spokesman for the OLA, Odaa Tarbii, denied", "X, speaking
	// anonymously, said"
	if toks[e].Lower == "," || toks[e].Lower == "-" {
		return d.speakerBeforeComma(si, e, st)
	}
	from := d.phraseStartLeft(toks, e)
	if from > e {
		return speakerFound{}
	}
	from = pastAccusationNoun(toks, from, e)
	// a list: "the UN mission in Mali, the US, the EU and France have said"
	if a := indexOf(toks, from, e+1, "and"); a >= 0 && from >= 2 && toks[from-1].Lower == "," && !d.nameHolds(si, e, a) {
		from = d.listStartLeft(toks, from)
	}
	if sp := d.speakerOf(si, from, e+1, st); sp.ok {
		return sp
	}
	return d.phraseSpeaker(si, e, st)
}

// nameHolds reports a name ending at token e that holds token a: the
// "and" of "Centre for Research and Security Studies" joins no list.
func (d *docState) nameHolds(si, e, a int) bool {
	toks := d.rd.Sentences[si].Tokens
	m, ok := d.mentionEndingAt(si, toks[e].End)
	return ok && m.Start <= toks[a].Start
}

// pastAccusationNoun skips the noun a reduced relative clause hangs on:
// in "…, an allegation the army denied" the army speaks, not "an
// allegation the army".
func pastAccusationNoun(toks []text.Token, from, e int) int {
	k := from
	for k < e && determiners[toks[k].Lower] {
		k++
	}
	if k < e && accusationNouns[toks[k].Lower] && len(toks[k].Lower) > 4 && k > from {
		return k + 1
	}
	return from
}

// openingSubject reads the noun phrase opening sentence si (past a
// dateline) when a past-tense verb follows it before token e: "KERMAN, Iran
// – Iranian officials used …".
func (d *docState) openingSubject(si, e int, st *speechState) speakerFound {
	toks := d.rd.Sentences[si].Tokens
	f := 0
	for k := 0; k < len(toks) && k < 8; k++ {
		if w := toks[k].Lower; w == "–" || w == "—" || w == "-" && k > 0 && toks[k-1].Kind == text.Word && toks[k-1].Capitalised(d.text) {
			f = k + 1
			break
		}
	}
	v := f
	for v < e && v < f+7 && !(toks[v].Kind == text.Word && !toks[v].Capitalised(d.text) && (strings.HasSuffix(toks[v].Lower, "ed") || lightVerbs[toks[v].Lower] || attemptVerbs[toks[v].Lower])) {
		if hardPunct(toks[v]) {
			return speakerFound{}
		}
		v++
	}
	if v == f || v >= e || v >= f+7 {
		return speakerFound{}
	}
	for v > f+1 && (verbGap[toks[v-1].Lower] || adverb(toks[v-1])) {
		v-- // "state television also sought": the subject ends before "also"
	}
	sp := d.speakerOf(si, f, v, st)
	if !sp.ok || !isActorType(sp.r.typ) && sp.r.typ != sitrep.Group && sp.r.typ != sitrep.Person {
		return speakerFound{}
	}
	return sp
}

// attemptVerbs govern an infinitive the subject acts through: "state
// television sought to link …".
var attemptVerbs = wordSet("sought|seeks|seek|tries|try|wants|went|goes|took|takes")

// cueBefore reports a speech cue among the first n tokens: "…, the IRGC
// said, calling on …" is the IRGC's call, not the clause subject's.
func cueBefore(toks []text.Token, n int) bool {
	for k := 0; k < n; k++ {
		if _, _, _, ok := cueAt(toks, k); ok {
			return true
		}
	}
	return false
}

// participleSpeaker is the subject of the clause a participle cue
// follows: "Families held a protest, calling on …" is the families'.
func (d *docState) participleSpeaker(si int) speakerFound {
	r, ok := d.clauseSubject(si)
	if !ok || !isActorType(r.typ) && r.typ != sitrep.Group && r.typ != sitrep.Person {
		return speakerFound{}
	}
	return speakerFound{r: r, ok: true}
}

// phraseSpeaker reads the speaker's phrase ending at token e, and when the
// longest reading names no one, the reading after its last preposition:
// "… drew criticism from rights groups" → "rights groups".
func (d *docState) phraseSpeaker(si, e int, st *speechState) speakerFound {
	toks := d.rd.Sentences[si].Tokens
	from := d.phraseStartLeft(toks, e)
	if from > e {
		return speakerFound{}
	}
	if sp := d.speakerOf(si, from, e+1, st); sp.ok {
		return sp
	}
	for k := e - 1; k >= from; k-- {
		switch toks[k].Lower {
		case "from", "by", "with", "among", "including", "of", "for":
			if k < e {
				return d.speakerOf(si, k+1, e+1, st)
			}
		}
	}
	return speakerFound{}
}

// skipBeforeCue steps left from token e over what may stand between a
// speaker and the cue: adverbs and auxiliaries, dates ("on Monday"), the
// medium ("in a statement", "on Twitter") and parentheses. It returns the
// last token of the speaker's phrase, or -1.
func (d *docState) skipBeforeCue(si, e int) int {
	toks := d.rd.Sentences[si].Tokens
	for e >= 0 {
		switch {
		case speakerGap[toks[e].Lower] || adverb(toks[e]) && !toks[e].Capitalised(d.text):
			e--
		case toks[e].Lower == "to" && e > 0 && readyTo[toks[e-1].Lower]:
			e -= 2 // "were quick to condemn", "was first to claim"
		case toks[e].Lower == ")":
			k := e - 1
			for k >= 0 && e-k < 12 && toks[k].Lower != "(" {
				k--
			}
			if k < 0 || toks[k].Lower != "(" {
				return e
			}
			e = k - 1
		case d.dateEndingAt(si, toks[e].End) >= 0:
			k := tokenIndex(toks, d.dateEndingAt(si, toks[e].End))
			if k > 0 && (toks[k-1].Lower == "on" || toks[k-1].Lower == "late" || toks[k-1].Lower == "early" || toks[k-1].Lower == "last" || toks[k-1].Lower == "this") {
				k--
			}
			if k > 0 && toks[k-1].Lower == "on" {
				k--
			}
			if k >= e+1 || k <= 0 {
				return e
			}
			e = k - 1
		default:
			// "in a statement", "in a joint statement", "on Twitter", "on state TV"
			if k := mediumEndingAt(toks, e); k >= 0 {
				e = k - 1
				continue
			}
			return e
		}
	}
	return e
}

// readyTo: adjectives before an infinitive cue whose subject speaks:
// "were quick to condemn".
var readyTo = wordSet("quick|swift|first|keen|eager|ready|quicker|swifter|fast|hasty|careful|willing")

// mediumAfter reads "in a statement", "on Twitter" from the preposition at
// token i.
func mediumAfter(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+5; k++ {
		if mediumNouns[toks[k].Lower] {
			return true
		}
		if hardPunct(toks[k]) {
			break
		}
	}
	return false
}

// mediumNouns name where or how a statement was made.
var mediumNouns = wordSet("statement|statements|tweet|post|posts|video|interview|message|messages|letter|report|speech|" +
	"communique|communiqué|broadcast|conference|briefing|email|e-mail|comment|comments|twitter|x|facebook|telegram|" +
	"television|tv|radio|website|channel|address|remarks|note|release|call|phone|audio|recording|parliament|media|press|" +
	"x.com|instagram|youtube|whatsapp|social")

// mediumEndingAt reads "in a statement", "in a joint statement on
// Thursday", "on Twitter", "on state TV", "to Reuters" ending at token e and
// returns its first token, or -1.
func mediumEndingAt(toks []text.Token, e int) int {
	k := e
	for k >= 0 && e-k < 6 {
		w := toks[k].Lower
		if w == "in" || w == "on" || w == "through" || w == "via" {
			if k < e && hasWord(toks, k+1, e+1, mediumNouns) {
				return k
			}
			return -1
		}
		if toks[k].Kind == text.Punct || npStop[w] {
			return -1
		}
		k--
	}
	return -1
}

// gerundAfter reports an act in the gerund at token k, after an adverb
// or not: "of (systematically) targeting".
func gerundAfter(toks []text.Token, k int) bool {
	if k+1 < len(toks) && strings.HasSuffix(toks[k].Lower, "ly") {
		k++
	}
	return k < len(toks) && toks[k].Kind == text.Word && strings.HasSuffix(toks[k].Lower, "ing") && len(toks[k].Lower) > 5
}

// phraseStop ends a speaker's phrase read leftwards: function words other
// than the prepositions and conjunctions a name or a description holds.
func phraseStop(t text.Token) bool {
	w := t.Lower
	switch w {
	case "of", "for", "in", "at", "from", "and", "the", "a", "an", "its", "his", "her", "their", "'s", "on":
		return false
	}
	if npStop[w] || clauseWords[w] || personPronouns[w] || calendarWords[w] {
		return true
	}
	// a past-tense verb ends the phrase ("police arrested the men and
	// officials said"); participles that describe are kept ("UK-based",
	// "armed")
	if t.Kind == text.Word && strings.HasSuffix(w, "ed") && !strings.Contains(w, "-") && !describingParticiples[w] {
		return true
	}
	return false
}

// clauseWords open or join clauses; a speaker's phrase never holds them.
var clauseWords = wordSet("meanwhile|however|separately|but|and|or|nor|so|then|also|now|yesterday|today|earlier|later|" +
	"thus|therefore|moreover|furthermore|instead|while|when|where|whereas|although|though|because|since|after|before|" +
	"it|they|we|i|you|there|here|this|that|these|those|what|which|who|whom|whose|said|says|say|told|added|is|are|" +
	"was|were|has|have|had|will|would|could|should|can|may|might|must|not|no|never|how|why|if|than|as|to|by|with|" +
	"against|about|over|under|into|onto|upon|during|amid|among|between|through|after|following|despite|until|unless|" +
	"including|like|near|across|toward|towards|via|per|around|within|without|outside|inside|beyond")

// calendarWords date a statement: "On Wednesday the president said" has
// no "Wednesday" in its speaker.
var calendarWords = wordSet("monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|" +
	"july|august|september|october|november|december|morning|afternoon|evening|night|week|weekend|month|year|tonight")

// Participles that describe a speaker rather than report what it did.
var describingParticiples = wordSet("armed|unnamed|unidentified|retired|concerned|detained|disappeared|united|alleged|" +
	"suspected|masked|affected|bereaved|wounded|injured|elected|appointed|based|backed|led|affiliated|allied|" +
	"organised|organized|registered|banned|outlawed|proscribed|designated|aggrieved|distressed|worried|frightened|" +
	"displaced|exiled|jailed|imprisoned|abducted|kidnapped|missing|embattled|beleaguered|renowned|respected|unnamed")

// phraseStartLeft reads a speaker's phrase ending at token e leftwards and
// returns its first token (e+1 when there is none).
func (d *docState) phraseStartLeft(toks []text.Token, e int) int {
	s := d.text
	if w := toks[e].Lower; personPronouns[w] || w == "they" || w == "it" || w == "we" {
		return e
	}
	if w := toks[e].Lower; w == "and" || w == "or" || w == "of" || w == "for" || w == "in" || w == "on" || w == "at" || w == "from" {
		return e + 1 // a phrase ends with a noun: "… rights and stresses" has no speaker before the cue
	}
	k := e
	for k >= 0 && e-k < 12 {
		t := toks[k]
		if hardPunct(t) {
			break
		}
		if t.Lower == "and" && (k == 0 || !nominalEnd(s, toks[k-1])) {
			break // "X attacked the post and officials said": no coordination
		}
		if !d.rd.AllCaps && acronym(s, t) {
			k-- // "an IS communique": "IS" is a name, not the verb
			continue
		}
		if k > 1 && k < e && (t.Lower == "to" && tiedTo[toks[k-1].Lower] || t.Lower == "as" && toks[k-1].Lower == "known") &&
			!hardPunct(toks[k-2]) && !phraseStop(toks[k-2]) {
			k -= 2 // "a source close to the group", "the militia known as the guards"
			continue
		}
		if k > 0 && k < e && t.Lower == "with" && (personHeads[toks[k-1].Lower] || sourceHeads[toks[k-1].Lower]) {
			k-- // "a security official with the regional militia"
			continue
		}
		if t.Kind == text.Word && strings.HasSuffix(t.Lower, "ed") && t.Capitalised(s) && k < e && toks[k+1].Kind == text.Word && toks[k+1].Capitalised(s) {
			k-- // "Red Cross", "Ahmed Khan": a name, not a verb in the past
			continue
		}
		if phraseStop(t) && !(t.Lower == "and" && k < e && k > 0 && !phraseStop(toks[k-1]) && toks[k-1].Kind != text.Punct) {
			if demonstratives[t.Lower] && k < e && (k == 0 || hardPunct(toks[k-1])) {
				k-- // "That resident said": the determiner opens the sentence
			}
			break
		}
		k--
	}
	from := k + 1
	// a phrase opens with a noun or a determiner, not a preposition
	for from <= e && (toks[from].Lower == "of" || toks[from].Lower == "for" || toks[from].Lower == "in" || toks[from].Lower == "at" ||
		toks[from].Lower == "from" || toks[from].Lower == "on" || toks[from].Lower == "and" || toks[from].Lower == "'s") {
		from++
	}
	return from
}

// tiedTo: "close to", "loyal to" tie a source to a body without making
// it that body.
var tiedTo = wordSet("close|loyal|linked|affiliated|allied|attached|near")

// hardPunct is punctuation that ends a phrase; hyphens and apostrophes
// ("victims’ families") do not.
func hardPunct(t text.Token) bool {
	return t.Kind == text.Punct && t.Lower != "'"
}

var demonstratives = wordSet("that|this|these|those")

// partners stand with a named body in one statement: "X and its partners".
var partners = wordSet("partners|allies|members|affiliates|colleagues|supporters|associates|counterparts")

// acronym: a word written in capitals ("IS", "US"), a name whatever its
// lower-case form.
func acronym(s string, t text.Token) bool {
	if t.Kind != text.Word || t.End-t.Start < 2 {
		return false
	}
	letters := 0
	for i := t.Start; i < t.End; i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 0x80:
			return false
		case c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return letters >= 2
}

// nominalEnd: a word that can end the first half of "X and Y" naming a
// speaker: a name or a noun of people and bodies.
func nominalEnd(s string, t text.Token) bool {
	w := t.Lower
	return bodyHeads[w] || personHeads[w] || personHeads[singular(w)] || mediaHeads[w] || forceHeads[w] || addressees[w] ||
		t.Kind == text.Word && t.Capitalised(s) || w == "'s"
}

// listStartLeft extends a coordinated phrase starting at token from over
// the comma-separated items before it: "the UN mission in Mali, the US,
// the EU and France".
func (d *docState) listStartLeft(toks []text.Token, from int) int {
	for from >= 2 && toks[from-1].Lower == "," {
		k := d.phraseStartLeft(toks, from-2)
		if k > from-2 || from-2-k > 6 {
			break
		}
		if k > 0 && toks[k-1].Lower == "and" || strings.HasSuffix(toks[k].Lower, "ing") && !toks[k].Capitalised(d.text) {
			// "…, and killing several others, the army and residents
			// said": a clause of the statement, not an item of the list
			break
		}
		if k > 0 && listPrepositions[toks[k-1].Lower] {
			// "bodies were found near the town of Kandi, an official and
			// a monitor said": the place is what is said, no speaker
			break
		}
		from = k
	}
	return from
}

// listPrepositions before a phrase make it part of a clause, not an item
// of a list of speakers.
var listPrepositions = wordSet("near|in|at|of|from|to|on|by|with|outside|inside|into|across|around|towards|toward|between|against|for")

// speakerBeforeComma resolves a speaker followed by an aside between
// commas ending at token e (the comma before the cue).
func (d *docState) speakerBeforeComma(si, e int, st *speechState) speakerFound {
	toks := d.rd.Sentences[si].Tokens
	// the comma-separated pieces before the cue, nearest first
	type piece struct{ from, to int }
	var pieces []piece
	end := e
	sep := toks[e].Lower // an aside between commas or between dashes
	for len(pieces) < 4 && end > 0 && toks[end].Lower == sep {
		k := end - 1
		for k >= 0 && toks[k].Lower != sep && (!hardPunct(toks[k]) || toks[k].Lower == "(" || toks[k].Lower == ")" || toks[k].Lower == "," || toks[k].Lower == `"`) && end-k < 32 {
			k--
		}
		pf := k + 1
		for pf < end-1 && (toks[pf].Lower == `"` || toks[pf].Lower == "'") {
			pf++ // `…," Sheikh Ali, the spokesman, told`: the quotation's closing mark
		}
		pieces = append(pieces, piece{pf, end})
		if k < 0 || toks[k].Lower != sep {
			break
		}
		end = k
	}
	// a piece opening with "but", "while" starts the speaker's clause: "…
	// have not commented, but a senior official, speaking anonymously, said"
	for k := 1; k < len(pieces); k++ {
		if clauseOpeners[toks[pieces[k].from].Lower] {
			pieces = pieces[:k+1]
			break
		}
	}
	// fronted adverbials are no subject: "After its last visit, in 2012,
	// the UN Working Group…, noted"
	for len(pieces) > 2 && d.adverbialPiece(si, pieces[len(pieces)-1].from, pieces[len(pieces)-1].to) {
		pieces = pieces[:len(pieces)-1]
	}
	if len(pieces) == 2 && d.adverbialPiece(si, pieces[1].from, pieces[1].to) && pieces[0].to-pieces[0].from <= 12 {
		// "In 2012, the Working Group, noted": the piece before the cue is the subject
		if from := d.phraseStartLeft(toks, pieces[0].to-1); from == pieces[0].from {
			return d.speakerOf(si, from, pieces[0].to, st)
		}
	}
	if len(pieces) < 2 || d.adverbialPiece(si, pieces[len(pieces)-1].from, pieces[len(pieces)-1].to) {
		return speakerFound{} // "In Khartoum, security forces …, said a witness": the speaker follows
	}
	// the clause's subject is the first piece: read it as a phrase from its
	// end, past an acronym in brackets ("the Arakan Rohingya Salvation Army
	// (ARSA), a group …, claimed")
	first := pieces[len(pieces)-1]
	if first.to-first.from >= 4 && toks[first.to-1].Lower == ")" && toks[first.to-3].Lower == "(" {
		first.to -= 3
	}
	from := d.phraseStartLeft(toks, first.to-1)
	if from >= first.to {
		// "… at the end of March, Omar Haddad, head of …, said": the
		// clause before is what is said; the person in the aside says it
		for k := len(pieces) - 2; k >= 0; k-- {
			p := pieces[k]
			if m, ok := d.personPiece(si, p.from, p.to); ok {
				return d.personFound(m)
			}
		}
		return speakerFound{}
	}
	// an aside that says who: "X, speaking anonymously," keeps X; a
	// person named in an appositive wins over a role ("A spokesman for
	// the OLA, Odaa Tarbii, denied")
	for k := len(pieces) - 2; k >= 0; k-- {
		p := pieces[k]
		if m, ok := d.personPiece(si, p.from, p.to); ok {
			sp := d.speakerOf(si, from, first.to, st)
			if sp.ok && sp.r.typ == sitrep.Person && d.isMentionRef(si, from, first.to, sp.r) {
				return sp // "Ali Khan, the group's spokesman, said"
			}
			return d.personFound(m)
		}
	}
	sp := d.speakerOf(si, from, first.to, st)
	if !sp.ok || !d.isMentionRef(si, from, first.to, sp.r) {
		// "Islamic State's Egyptian affiliate, Sinai Province, claimed": the name in the aside
		for k := len(pieces) - 2; k >= 0; k-- {
			p := pieces[k]
			if m, ok := d.mentionStartingAt(si, toks[p.from].Start); ok && m.End == toks[p.to-1].End && !d.placeAt(si, m.Start) {
				return speakerFound{r: d.canonical(d.mentionRef(m)), ok: true}
			}
		}
	}
	return sp
}

// personPiece finds the person an aside [from, to) names whole, a title
// before the name allowed ("Sheikh Ali Musa").
func (d *docState) personPiece(si, from, to int) (actors.Mention, bool) {
	toks := d.rd.Sentences[si].Tokens
	m, ok := d.mentionEndingAt(si, toks[to-1].End)
	if !ok || m.Type != sitrep.Person || m.Start < toks[from].Start {
		return actors.Mention{}, false
	}
	for k := from; k < to && toks[k].Start < m.Start; k++ {
		if !toks[k].Capitalised(d.text) && toks[k].Lower != "." {
			return actors.Mention{}, false // "the group's spokesman Ali Musa" is a role, then a name
		}
	}
	return m, true
}

// speakerRight finds the speaker whose phrase starts at token i ("according
// to X", `"…," said X`, "claimed by X").
func (d *docState) speakerRight(si, i int, st *speechState) speakerFound {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) {
		return speakerFound{}
	}
	if personPronouns[toks[i].Lower] || toks[i].Lower == "it" || toks[i].Lower == "they" {
		// "said he" ends the sentence; "said it was" is what is said
		if i+1 < len(toks) && !hardPunct(toks[i+1]) {
			return speakerFound{}
		}
		return d.speakerOf(si, i, i+1, st)
	}
	end := d.phraseEndRight(si, i)
	// "according to a statement by X", "according to X's report"
	if sp, ok := d.documentAuthor(si, i, end, st); ok {
		return sp
	}
	// "an organization called the Committee for Peace"
	if end+1 < len(toks) && (toks[end].Lower == "called" || toks[end].Lower == "named") {
		k := end + 1
		for k < len(toks) && determiners[toks[k].Lower] {
			k++
		}
		if k < len(toks) {
			if m, ok := d.mentionStartingAt(si, toks[k].Start); ok && !d.placeAt(si, m.Start) {
				return speakerFound{r: d.canonical(d.mentionRef(m)), ok: true}
			}
		}
	}
	sp := d.speakerOf(si, i, end, st)
	// a role with the person after it: "said the group's spokesman, Ali Khan"
	if end+1 < len(toks) && toks[end].Lower == "," {
		if m, ok := d.mentionStartingAt(si, toks[end+1].Start); ok && m.Type == sitrep.Person && (!sp.ok || sp.r.typ != sitrep.Person || !d.isMentionRef(si, i, end, sp.r)) {
			// the aside closes after the name; "according to the council,
			// Ali Musa was abducted" goes on with the person's own clause
			if a := tokenIndex(toks, m.End); a >= len(toks) || hardPunct(toks[a]) {
				return d.personFound(m)
			}
		}
	}
	return sp
}

// phraseEndRight reads a speaker's phrase from token i rightwards and
// returns the token after it.
func (d *docState) phraseEndRight(si, i int) int {
	toks := d.rd.Sentences[si].Tokens
	end := i
	for end < len(toks) && end-i < 14 {
		t := toks[end]
		if hardPunct(t) && t.Lower != "(" && t.Lower != ")" {
			break
		}
		if end > i && (phraseStop(t) && t.Lower != "and") {
			break
		}
		if end > i && d.isDateAt(si, t.Start) {
			break
		}
		if end > i && (t.Lower == "in" || t.Lower == "on") && mediumAfter(toks, end) {
			break // "said X in a statement", "on Twitter"
		}
		if end > i && t.Lower == "of" && end+1 < len(toks) && accusedOf[toks[end+1].Lower] {
			break // "accused by the government of supporting …": what it accuses of
		}
		if end > i && t.Lower == "of" && gerundAfter(toks, end+1) {
			break // "accused X and death squads of systematically targeting …"
		}
		end++
	}
	return end
}

// accusedOf open what one is accused of after "of".
var accusedOf = wordSet("supporting|backing|sponsoring|sheltering|harbouring|harboring|funding|financing|arming|aiding|abetting|" +
	"killing|murdering|attacking|targeting|abducting|kidnapping|torturing|detaining|carrying|orchestrating|masterminding|" +
	"plotting|planning|committing|perpetrating|involvement|complicity|being|having|using|inciting|spying|links|ties")

// isMentionRef reports whether r is an actor mention inside tokens [from, to).
func (d *docState) isMentionRef(si, from, to int, r ref) bool {
	toks := d.rd.Sentences[si].Tokens
	for _, m := range d.mentionsWithin(si, toks[from].Start, toks[to-1].End) {
		if m.ID == r.ID || m.Text == r.Name {
			return true
		}
	}
	return false
}

// documentAuthor reads "a statement by X", "a report from X", "X's
// report": the author speaks.
func (d *docState) documentAuthor(si, from, to int, st *speechState) (speakerFound, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := from; k < to; k++ {
		if !documentNouns[toks[k].Lower] || toks[k].Capitalised(d.text) && !d.rd.AllCaps {
			continue // "the Pakistan Demographic Health Survey" is a name
		}
		by := k + 1
		if by+1 < len(toks) && authorParticiples[toks[by].Lower] && toks[by+1].Lower == "by" {
			by++ // "testimonies cited by X"
		}
		// "a tally of death tolls given by the armed forces"
		for j := k + 1; j+1 < len(toks) && j < k+8 && toks[j].Lower != "by" && !hardPunct(toks[j]); j++ {
			if toks[j+1].Lower == "by" && authorParticiples[toks[j].Lower] {
				by = j + 1
				break
			}
		}
		if by+1 < len(toks) && (toks[by].Lower == "by" || toks[by].Lower == "from" || toks[by].Lower == "of") {
			k = by - 1
			e := k + 2
			for e < len(toks) && e-k < 12 && !(toks[e].Kind == text.Punct && toks[e].Lower != "-" && toks[e].Lower != "(" && toks[e].Lower != ")") && !(e > k+2 && phraseStop(toks[e]) && toks[e].Lower != "and") {
				e++
			}
			if sp := d.speakerOf(si, k+2, e, st); sp.ok {
				return sp, true
			}
		}
		// "X's report", "its statement"
		if k > from && toks[k-1].Lower == "'s" {
			if sp := d.speakerOf(si, from, k-1, st); sp.ok {
				return sp, true
			}
		}
		if k >= from && (toks[max(from, k-1)].Lower == "its" || toks[max(from, k-1)].Lower == "their") && st.lastGroup != nil {
			return speakerFound{r: *st.lastGroup, ok: true}, true
		}
		// "according to the statement": whoever issued it, said before
		if k > from && (toks[k-1].Lower == "the" || toks[k-1].Lower == "this") && len(st.spoken) > 0 {
			return speakerFound{r: st.spoken[len(st.spoken)-1].r, ok: true}, true
		}
		// "according to reports", "according to a report": nobody named
		return speakerFound{}, true
	}
	return speakerFound{}, false
}

// authorParticiples stand between a document and its author: "testimonies
// cited by X".
var authorParticiples = wordSet("cited|compiled|published|released|issued|gathered|collected|quoted|obtained|seen|reviewed|shared|posted|made|" +
	"given|provided|announced|kept|reported|supplied|offered")

// documentNouns are what a statement is made in, not who makes it.
var documentNouns = wordSet("communique|communiqué|statement|statements|report|reports|tally|figures|data|estimate|estimates|count|video|videos|" +
	"message|messages|post|posts|communique|release|letter|tweet|tweets|records|survey|study|findings|account|accounts|" +
	"footage|recording|documents|document|reporting|assessment|investigation|inquiry|testimonies|testimony|statistics|" +
	"analysis|research|monitoring|database|records|list|announcement|communiqué")

// speakerHeads name a speaker described rather than named: the person
// (singular) and the body or the group (plural or collective).
var (
	personHeads = wordSet("chief|chairman|chairperson|chairwoman|leader|head|president|spokesman|spokesperson|spokeswoman|" +
		"minister|official|officer|commander|secretary|director|founder|activist|lawyer|governor|general|envoy|ambassador|" +
		"premier|senator|mp|lawmaker|cleric|journalist|analyst|convener|convenor|coordinator|member|inspector|superintendent|" +
		"administrator|commissioner|negotiator|representative|adviser|advisor|aide|prosecutor|witness|eyewitness|resident|" +
		"source|survivor|doctor|physician|medic|nurse|relative|father|mother|son|daughter|wife|husband|brother|sister|uncle|" +
		"cousin|villager|farmer|student|teacher|elder|indigene|man|woman|expert|researcher|investigator|observer|monitor|" +
		"organiser|organizer|campaigner|mayor|deputy|judge|attorney|counsel|coroner|paramedic|rescuer|worker|reporter|" +
		"correspondent|photographer|editor|imam|priest|bishop|pastor|priest|chieftain|shopkeeper|trader|driver|guard|" +
		"colonel|captain|major|brigadier|lieutenant|sergeant|constable|soldier|policeman|policewoman|victim|mourner|" +
		"protester|protestor|demonstrator|participant|speaker|organizer|official's|king|queen|prince|emir|ayatollah|pope")
	bodyHeads = wordSet("group|organisation|organization|movement|party|body|watchdog|committee|council|commission|front|" +
		"network|alliance|coalition|government|ministry|embassy|agency|forum|union|association|campaign|department|office|" +
		"authorities|authority|police|officials|sources|witnesses|eyewitnesses|residents|villagers|survivors|relatives|" +
		"families|doctors|medics|rescuers|workers|critics|activists|protesters|protestors|demonstrators|organisers|organizers|" +
		"campaigners|lawyers|analysts|experts|investigators|prosecutors|observers|monitors|locals|officers|military|army|" +
		"media|television|tv|radio|newspaper|channel|broadcaster|command|headquarters|presidency|mission|administration|" +
		"service|directorate|secretariat|parliament|court|tribunal|panel|institute|centre|center|observatory|foundation|" +
		"leaders|representatives|members|elders|students|teachers|parents|mothers|women|men|people|spokesmen|commanders|" +
		"forces|troops|soldiers|personnel|guards|inspectors|hospital|hospitals|clinic|ngo|ngos|charity|monitor|unit|" +
		"wing|regime|junta|cabinet|palace|kremlin|pentagon|bureau|senate|assembly|brigade|battalion|militia|rebels|" +
		"insurgents|militants|fighters|nationalists|separatists|parties|countries|states|nations|governments|diplomats|" +
		"team|teams|staff|crew|agencies|groups|organisations|organizations|committees|bodies|clerics|scholars|journalists|" +
		"reporters|lawmakers|legislators|senators|ministers|spokespeople|citizens|farmers|traders|tribesmen|community|" +
		"politicians|leaders|opposition|clerics|governments|others|negotiators|bloc|delegation|mediators|monitors|unionists|" +
		"republicans|loyalists|nationalists|officers|guards|inspectors|auditors|researchers|scientists")
)

// sourceOnly heads never speak on their own: "according to reports".
var nonSpeakers = wordSet("reports|report|media|people|men|women|estimates|figures|data|sources's")

// speakerOf resolves tokens [from, to) of sentence si, a phrase naming
// who speaks: an actor named (one or a list), a pronoun, a role noun that
// stands for someone named before ("the minister", "the group"), or a
// description that is its own speaker ("a local source", "police").
func (d *docState) speakerOf(si, from, to int, st *speechState) (res speakerFound) {
	from0, to0 := from, to
	defer func() {
		if res.ok && !res.hasSpan {
			res.from, res.to, res.hasSpan = from0, to0, true
		}
	}()
	toks := d.rd.Sentences[si].Tokens
	if from < 0 || to > len(toks) || from >= to {
		return speakerFound{}
	}
	// trailing possessives and quotation marks, and an acronym in brackets:
	// "Baloch Voice for Justice (BVJ)"
	for to > from && (toks[to-1].Lower == "'s" || toks[to-1].Lower == `"` || toks[to-1].Lower == "'" || toks[to-1].Lower == "-") {
		to--
	}
	if to-from >= 4 && toks[to-1].Lower == ")" && toks[to-3].Lower == "(" {
		to -= 3
	}
	if from >= to {
		return speakerFound{}
	}
	definite := false
	article := from // where the phrase's text starts: "a local source" keeps its article
	for from < to && (determiners[toks[from].Lower] || toks[from].Lower == "one" || toks[from].Lower == `"` || toks[from].Lower == "'" ||
		definite && (toks[from].Lower == "same" || toks[from].Lower == "said")) {
		switch toks[from].Lower {
		case "the", "this", "that", "these", "those":
			definite = true
			article = from + 1
		case "its", "their", "his", "her":
			definite = true // "his brother", "their lawyer": kept in the name
		}
		from++
	}
	if from >= to {
		return speakerFound{}
	}
	// "one of the residents": one of them speaks
	if article < from && toks[article].Lower == "one" && from+1 < to && toks[from].Lower == "of" {
		k := from + 1
		for k < to && determiners[toks[k].Lower] {
			k++
		}
		if k == to-1 && (bodyHeads[toks[k].Lower] || personHeads[singular(toks[k].Lower)]) {
			r := d.phraseRef(spanText(d.text, toks, article, to), sitrep.Person)
			r.ID = actors.NormalID(spanText(d.text, toks, article, to))
			return speakerFound{r: r, head: toks[k].Lower, ok: true}
		}
	}
	w := toks[from].Lower
	if to-from == 1 {
		switch {
		case personPronouns[w]:
			if st.lastPerson != nil {
				return speakerFound{r: *st.lastPerson, ok: true}
			}
			if r, ok := d.lastPersonBefore(toks[from].Start); ok {
				return speakerFound{r: r, ok: true}
			}
			return speakerFound{}
		case w == "they" || w == "it" || w == "we":
			if st.lastGroup != nil {
				return speakerFound{r: *st.lastGroup, ok: true}
			}
			return speakerFound{}
		}
	}
	// a name after its titles: "UN High Commissioner for Human Rights Volker Turk"
	if m, ok := d.mentionEndingAt(si, toks[to-1].End); ok && m.Type == sitrep.Person {
		return d.personFound(m)
	}
	// "Kabul has denied", "Washington rejected": the seat of government
	// stands for the government
	if (to-from == 1 || to-from == 2 && toks[from+1].Capitalised(d.text)) && toks[from].Capitalised(d.text) && (from == 0 || !locatives[toks[from-1].Lower]) {
		// "New Delhi" too
		if r, ok := d.seatGovernment(spanText(d.text, toks, from, to)); ok {
			return speakerFound{r: r, head: "government", ok: true}
		}
	}
	// "Amnesty International and its partners": the body named leads
	if to-from >= 4 && toks[to-2].Lower == "its" || to-from >= 4 && toks[to-2].Lower == "their" {
		if partners[toks[to-1].Lower] && toks[to-3].Lower == "and" {
			if m, ok := d.mentionEndingAt(si, toks[to-4].End); ok && m.Type != sitrep.Person && m.Start >= toks[from].Start {
				return speakerFound{r: d.canonical(d.mentionRef(m)), head: toks[to-1].Lower, ok: true}
			}
		}
	}
	// a list of named actors: each speaks
	if names, ok := d.namedList(si, from, to); ok {
		return speakerFound{r: names[0], also: names[1:], ok: true}
	}
	// a name after what it is: "the human rights organisation Voice for
	// Baluch Missing Persons", "the militant group Ansar Dine"
	if m, ok := d.mentionEndingAt(si, toks[to-1].End); ok && m.Start > toks[from].Start && m.Type != sitrep.Person && !d.placeAt(si, m.Start) {
		if j := tokenIndex(toks, m.Start); j > from && (bodyHeads[toks[j-1].Lower] || mediaHeads[toks[j-1].Lower] || anaphoricBody[toks[j-1].Lower]) {
			return speakerFound{r: d.canonical(d.mentionRef(m)), head: toks[j-1].Lower, ok: true}
		}
	}
	// a name that holds its own prepositions: "Baloch Voice for Justice"
	if m, ok := d.mentionStartingAt(si, toks[from].Start); ok && m.Type != sitrep.Person && !d.placeAt(si, m.Start) {
		if j := tokenIndex(toks, m.End); j == to || j < to && (toks[j].Lower == "in" || toks[j].Lower == "on" || toks[j].Lower == "at") && j+1 < to && d.placeAt(si, toks[j+1].Start) {
			return speakerFound{r: d.canonical(d.mentionRef(m)), head: toks[max(from, j-1)].Lower, ok: true}
		}
	}
	// the head: the noun before the first preposition ("an eyewitness in
	// Omdurman", "Doctor Osama el-Sayed of El-Arish General Hospital")
	head := to - 1
	for k := from + 1; k < to; k++ {
		switch toks[k].Lower {
		case "of", "in", "for", "from", "at", "on", "close", "with", "based":
			if k-1 >= from && head == to-1 {
				head = k - 1
			}
		}
		if head != to-1 {
			break
		}
	}
	if indexOf(toks, from, head+1, "and") >= 0 {
		head = to - 1 // "Red Cross and ambulance officials": one speaker, the whole phrase
	}
	if k := indexOf(toks, from, to, "and"); k > from && !(bodyHeads[toks[head].Lower] || personHeads[toks[head].Lower]) {
		// "Baloch nationalist parties and relatives of missing persons": the first half's head
		if bodyHeads[toks[k-1].Lower] || personHeads[singular(toks[k-1].Lower)] || describedHeads[toks[k-1].Lower] != "" {
			head = k - 1
		}
	}
	hw := toks[head].Lower
	// "Islamic State militants", "Taliban fighters": the group speaks
	if memberNouns[hw] && head > from {
		if m, ok := d.mentionEndingAt(si, toks[head-1].End); ok && m.Type != sitrep.Person && m.Type != sitrep.Country && !d.placeAt(si, m.Start) {
			return speakerFound{r: d.canonical(d.mentionRef(m)), head: hw, ok: true}
		}
	}
	// a named actor heads the phrase
	if m, ok := d.mentionEndingAt(si, toks[head].End); ok && !(d.placeAt(si, m.Start) && m.Type != sitrep.Country) {
		r := d.mentionRef(m)
		if r.typ == sitrep.Person && !strings.Contains(m.Text, " ") {
			if full, ok := d.personBySurnameBefore(m.Text, m.Start); ok {
				r = full // "Khan said": the Khan named last
			}
		}
		if r.typ == sitrep.Person || r.typ == "" {
			r = d.fullName(r)
			if r.typ == "" {
				r.typ = sitrep.Organisation
			}
		}
		if !m.Known && r.typ != sitrep.Person && m.Start > toks[from].Start {
			// "Russia's National Guard", "Dagestan's interior ministry": whose
			// body it is belongs to a name the knowledge base lacks
			if j := tokenIndex(toks, m.Start); j >= from+2 && toks[j-1].Lower == "'s" {
				name := spanText(d.text, toks, j-2, head+1)
				return speakerFound{r: ref{ActorRef: sitrep.ActorRef{ID: actors.NormalID(name), Name: name}, typ: r.typ}, head: hw, ok: true}
			}
		}
		return speakerFound{r: d.canonical(r), head: hw, ok: true}
	}
	// a capitalised name the recognisers missed: a bare family name, the
	// person of that name spoken of last
	if to-from == 1 && toks[from].Capitalised(d.text) && !d.rd.AllCaps {
		if r, ok := d.personBySurnameBefore(toks[from].Text(d.text), toks[from].Start); ok {
			return speakerFound{r: r, head: hw, ok: true}
		}
	}
	if head > from && head == to-1 && toks[head].Capitalised(d.text) && !d.rd.AllCaps && (bodyHeads[toks[head-1].Lower] || mediaHeads[toks[head-1].Lower] || personHeads[toks[head-1].Lower]) {
		// "the official news agency WAM", "broadcaster RGVK": a name the
		// knowledge base lacks, after what it is
		typ := sitrep.Organisation
		if mediaHeads[toks[head-1].Lower] {
			typ = sitrep.Media
		} else if personHeads[toks[head-1].Lower] {
			typ = sitrep.Person
		}
		r := d.phraseRef(spanText(d.text, toks, article, to), typ)
		r.ID = actors.NormalID(toks[head].Text(d.text))
		return speakerFound{r: r, head: toks[head-1].Lower, ok: true}
	}
	person := personHeads[hw]
	body := bodyHeads[hw] || bodyHeads[strings.TrimSuffix(hw, "s")] && !person
	if documentNouns[hw] {
		// "an IS communique", "the Amnesty report": its author
		for _, m := range d.mentionsWithin(si, toks[from].Start, toks[head].End) {
			if m.Type != sitrep.Person && m.Type != sitrep.Country && !d.placeAt(si, m.Start) {
				return speakerFound{r: d.canonical(d.mentionRef(m)), head: hw, ok: true}
			}
		}
	}
	if !person && !body {
		if documentNouns[hw] && definite && len(st.spoken) > 0 && !hasWord(toks, from, to, byFrom) {
			// "the statement added": whoever issued it
			return speakerFound{r: st.spoken[len(st.spoken)-1].r, ok: true}
		}
		return speakerFound{}
	}
	if nonSpeakers[hw] && head == from {
		return speakerFound{}
	}
	ms := d.mentionsWithin(si, toks[from].Start, toks[to-1].End)
	var org *ref
	for _, m := range ms {
		if m.Type != sitrep.Person && !d.placeAt(si, m.Start) {
			r := d.mentionRef(m)
			org = &r
			break
		}
	}
	if article < from && (toks[article].Lower == "his" || toks[article].Lower == "her") && head == from && (hw == "office" || hw == "spokesman" || hw == "spokesperson" || hw == "spokeswoman" || hw == "aides") {
		// "his office said": the person whose office it is, named last
		if r, ok := d.lastPersonBefore(toks[from].Start); ok {
			return speakerFound{r: r, head: hw, ok: true}
		}
		if st.lastPerson != nil {
			return speakerFound{r: *st.lastPerson, head: hw, ok: true}
		}
	}
	if person {
		// "the BNM chief", "Amnesty's director": the person the text ties to the body
		if org != nil {
			if r, ok := d.affiliated(org.ID); ok {
				return speakerFound{r: r, head: hw, ok: true}
			}
		}
		if definite && org == nil && head == to-1 {
			if r, ok := st.byHead(hw); ok {
				return speakerFound{r: r, head: hw, ok: true}
			}
			// "the premier" after "Prime Minister Ali Khan": the person of that title
			if r, ok := d.titledPerson(toks[from].Start, spanText(d.text, toks, from, to)); ok {
				return speakerFound{r: r, head: hw, ok: true}
			}
			if st.lastPerson != nil && genericRole[hw] && !st.describedOtherwise(*st.lastPerson, hw) && !d.titledOtherwise(*st.lastPerson, hw) {
				return speakerFound{r: *st.lastPerson, head: hw, ok: true}
			}
		}
	} else if definite && org == nil && head == to-1 && head == from && bodyHeads[hw] {
		// "the ministry", "the army": the one that spoke before, else its own speaker
		if r, ok := st.byHead(hw); ok && !anaphoricBody[hw] {
			return speakerFound{r: r, head: hw, ok: true}
		}
	}
	if definite && org == nil && head == to-1 && anaphoricBody[hw] && !isCapitalisedPhrase(d.text, toks, from, head+1) || definite && org == nil && head == to-1 && head == from && anaphoricBody[hw] {
		// "the group", "the rights organisation", "the militant group": the
		// body of that kind spoken of before; "the council", "the front":
		// a body whose name holds the word
		want := kindOf(toks, from, head)
		if !genericBodies[hw] {
			if r, ok := d.bodyNamedBefore(toks[from].Start, hw); ok {
				return speakerFound{r: r, head: hw, ok: true}
			}
		}
		// a body the text named wins over one it only described
		for k := len(st.spoken) - 1; k >= 0 && want != ""; k-- {
			if r := st.spoken[k].r; r.typ == want && d.actors[r.ID] != nil {
				return speakerFound{r: r, head: hw, ok: true}
			}
		}
		// "the group" is no government or state: not the "New Delhi" that
		// spoke before
		fits := func(r ref) bool {
			return (want == "" || r.typ == want) && !(hw == "group" && (r.typ == sitrep.Government || r.typ == sitrep.Country))
		}
		if r, ok := st.bodyByHead(hw); ok && fits(r) {
			return speakerFound{r: r, head: hw, ok: true}
		}
		for k := len(st.spoken) - 1; k >= 0 && want != ""; k-- {
			if st.spoken[k].r.typ == want {
				return speakerFound{r: st.spoken[k].r, head: hw, ok: true}
			}
		}
		if st.lastGroup != nil && fits(*st.lastGroup) {
			return speakerFound{r: *st.lastGroup, head: hw, ok: true}
		}
		if r, ok := d.lastBodyBefore(toks[from].Start, want); ok && fits(r) {
			return speakerFound{r: r, head: hw, ok: true}
		}
	}
	// a description that is its own speaker
	phrase := spanText(d.text, toks, article, to)
	if phrase == "" {
		return speakerFound{}
	}
	typ := sitrep.Organisation
	switch {
	case person:
		typ = sitrep.Person
	case stateHeads[hw]:
		typ = sitrep.StateForce
	case hw == "government" || hw == "ministry" || hw == "authorities" || hw == "officials" || hw == "presidency" || hw == "embassy":
		typ = sitrep.Government
	case mediaHeads[hw]:
		typ = sitrep.Media
	case kindOf(toks, from, head) == sitrep.ArmedGroup || armedHeads[hw]:
		typ = sitrep.ArmedGroup
	case strings.Contains(strings.ToLower(phrase), "rights"):
		typ = sitrep.RightsGroup
	case !groupRoles[hw]:
		typ = sitrep.Group
	}
	indef := !definite && article < from && (toks[article].Lower == "a" || toks[article].Lower == "an") && groupRoles[hw] && org == nil
	r := d.phraseRef(strings.TrimSpace(phrase), typ)
	r.ID = phraseID(d.text, toks, from, to)
	return speakerFound{r: r, head: hw, indefinite: indef, ok: true}
}

// phraseID is the id of a described speaker, without its article.
func phraseID(s string, toks []text.Token, from, to int) string {
	return actors.NormalID(openBracketCut(spanText(s, toks, from, to)))
}

// Role nouns that stand for the last person named when no one of that
// role spoke before.
var genericRole = wordSet("spokesman|spokesperson|spokeswoman|official|minister|chief|leader|head|president|chairman|" +
	"commander|officer|director|governor|secretary")

// Bodies that "the …" refers back to.
var anaphoricBody = wordSet("group|organisation|organization|movement|party|body|watchdog|committee|council|commission|" +
	"front|network|alliance|coalition|agency|forum|union|association|outfit|militia|observatory|statement|faction")

var (
	stateHeads = wordSet("police|military|army|forces|troops|soldiers|command|headquarters|guards|personnel|officers|" +
		"brigade|battalion|unit|wing|policeman|policewoman|soldier|guard")
	mediaHeads = wordSet("media|television|tv|radio|newspaper|channel|broadcaster|agency")
)

// byHead returns the latest speaker named with the same head noun.
func (st *speechState) byHead(head string) (ref, bool) {
	head = singular(head)
	for k := len(st.spoken) - 1; k >= 0; k-- {
		if st.spoken[k].head == head {
			return st.spoken[k].r, true
		}
	}
	return ref{}, false
}

// bodyByHead is byHead for a body referred back to, in the same number:
// "the group" is not the "human rights groups" that spoke before.
func (st *speechState) bodyByHead(head string) (ref, bool) {
	plural := singular(head) != head
	head = singular(head)
	for k := len(st.spoken) - 1; k >= 0; k-- {
		if st.spoken[k].head == head && st.spoken[k].plural == plural {
			return st.spoken[k].r, true
		}
	}
	return ref{}, false
}

// namedList reads a list of named actors ("the US, the EU and France"),
// each of which speaks.
func (d *docState) namedList(si, from, to int) ([]ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if indexOf(toks, from, to, "and") < 0 {
		return nil, false
	}
	// the items between commas and "and"
	type item struct{ from, to int }
	var items []item
	k := from
	for k < to {
		for k < to && (determiners[toks[k].Lower] || toks[k].Lower == "," || toks[k].Lower == "and") {
			k++
		}
		e := k
		for e < to && toks[e].Lower != "," && toks[e].Lower != "and" {
			e++
		}
		if e > k {
			items = append(items, item{k, e})
		}
		k = e
	}
	if len(items) < 2 {
		return nil, false
	}
	var out []ref
	described := 0
	for _, it := range items {
		m, ok := d.mentionStartingAt(si, toks[it.from].Start)
		if ok && d.placeAt(si, m.Start) && m.Type != sitrep.Country {
			ok = false
		}
		if ok {
			r := d.mentionRef(m)
			if r.typ == sitrep.Person {
				r = d.fullName(r)
			}
			if j := tokenIndex(toks, m.End); j < it.to {
				// "the UN mission in Mali": the item names more than the mention
				r = d.phraseRef(spanText(d.text, toks, it.from, it.to), r.typ)
			} else {
				r = d.canonical(r)
			}
			out = append(out, r)
			continue
		}
		// "most of the Spanish opinion leaders": a description among names
		hw := toks[it.to-1].Lower
		if !(bodyHeads[hw] || describedHeads[hw] != "") {
			return nil, false
		}
		described++
		out = append(out, d.phraseRef(spanText(d.text, toks, it.from, it.to), sitrep.Group))
	}
	// "Red Cross and ambulance officials", "witnesses and rights groups":
	// two items, one described, are one speaker
	if described > 0 && len(items) < 3 || described == len(items) {
		return nil, false
	}
	return out, true
}

// indexOf returns the first token of toks[from:to] equal to w, or -1.
func indexOf(toks []text.Token, from, to int, w string) int {
	for k := from; k < to && k < len(toks); k++ {
		if toks[k].Lower == w {
			return k
		}
	}
	return -1
}

// clauseOpeners open a clause after a comma.
var clauseOpeners = wordSet("but|and|while|whereas|yet|so|although|though")

// adverbialPiece reports a piece of a sentence between commas that sets
// time or circumstance ("In early March", "2025", "after the attack").
func (d *docState) adverbialPiece(si, from, to int) bool {
	toks := d.rd.Sentences[si].Tokens
	if from >= to {
		return true
	}
	switch toks[from].Lower {
	case "in", "on", "at", "after", "before", "during", "since", "following", "as", "with", "according", "meanwhile", "however",
		"earlier", "later", "last", "this", "yesterday", "today", "separately", "nevertheless", "moreover", "also":
		return true
	}
	if toks[from].Kind == text.Number || d.isDateAt(si, toks[from].Start) {
		return true
	}
	return false
}

// personFound is a person mention as a speaker.
func (d *docState) personFound(m actors.Mention) speakerFound {
	r := d.fullName(d.mentionRef(m))
	sp := speakerFound{r: d.canonical(r), head: "", ok: true}
	for _, s := range d.rd.Sentences {
		if m.Start >= s.Start && m.End <= s.End {
			sp.from, sp.to, sp.hasSpan = tokenIndex(s.Tokens, m.Start), tokenIndex(s.Tokens, m.End), true
			break
		}
	}
	return sp
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
	// "Sheikh Ali" after "Sheikh Ali Mohamud Rage": the one person of that name
	var found *ref
	for _, m := range d.rd.Actors {
		if m.Type != sitrep.Person || !strings.Contains(m.Text, " ") {
			continue
		}
		if f := strings.Fields(m.Text); strings.EqualFold(f[0], r.Name) {
			if found != nil && found.ID != m.ID {
				return r
			}
			x := d.mentionRef(m)
			found = &x
		}
	}
	if found != nil {
		return *found
	}
	return r
}

// personBySurname finds the person named in full whose last name is s.
func (d *docState) personBySurname(s string) (ref, bool) {
	for _, m := range d.rd.Actors {
		if m.Type == sitrep.Person && d.surnameIs(m, s) {
			return d.mentionRef(m), true
		}
	}
	return ref{}, false
}

// surnameIs tells whether person mention m, named in full in the text or
// in the knowledge base ("Khawaja Asif", its title left out of the span),
// has the family name s.
func (d *docState) surnameIs(m actors.Mention, s string) bool {
	name := m.Text
	if !strings.Contains(name, " ") {
		if !m.Known {
			return false
		}
		a, ok := d.x.kb.Get(m.ID)
		if !ok || !strings.Contains(a.Name, " ") {
			return false
		}
		name = a.Name
	}
	return strings.EqualFold(name[strings.LastIndexByte(name, ' ')+1:], s)
}

// personBySurnameBefore finds the person named in full, last before off,
// whose last name is s: of two Khans, the one just spoken of.
func (d *docState) personBySurnameBefore(s string, off int) (ref, bool) {
	for k := len(d.rd.Actors) - 1; k >= 0; k-- {
		m := d.rd.Actors[k]
		if m.Start >= off || m.Type != sitrep.Person {
			continue
		}
		if d.surnameIs(m, s) {
			return d.mentionRef(m), true
		}
	}
	return d.personBySurname(s)
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
			if b != nil && b.resolved && b.speaker.typ != sitrep.Person && b.speaker.typ != sitrep.Group &&
				!((a.speaker.typ == sitrep.RightsGroup || a.speaker.typ == sitrep.ArmedGroup) && b.speaker.typ != a.speaker.typ) {
				// ("a rights group said …" is not the armed group that
				// speaks after it)
				a.speaker, a.resolved, a.indefinite = b.speaker, true, false
				break
			}
		}
		if !a.indefinite || a.speaker.typ != sitrep.ArmedGroup {
			continue
		}
		// "a Papuan rebel group claimed …", then the group named in the
		// sentences after it
		for k := si; k < len(d.rd.Sentences) && k <= si+2 && a.indefinite; k++ {
			for _, m := range d.actorsIn(k) {
				if m.Type == sitrep.ArmedGroup && (k > si || m.Start > d.rd.Sentences[si].Tokens[a.cueTok].Start) {
					a.speaker, a.resolved, a.indefinite = d.canonical(d.mentionRef(m)), true, false
					break
				}
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
				cp.inherited, cp.more = true, nil
				cp.relFrom, cp.relTo = 0, len(ss[si].Tokens)
				d.attrib[si] = &cp
				break
			}
		}
	}
	for si := 1; si < len(ss); si++ {
		if a := d.attrib[si]; a != nil && a.bare && a.resolved && d.attrib[si-1] == nil && ss[si-1].Quote < 0 {
			cp := *a
			cp.inherited, cp.direct, cp.more, cp.bare = true, false, nil, false
			cp.relFrom, cp.relTo = 0, len(ss[si-1].Tokens)
			cp.textFrom, cp.textTo = ss[si-1].Start, ss[si-1].End
			d.attrib[si-1] = &cp
			a.told = true
		}
	}
	for si := 1; si+1 < len(ss); si++ {
		if d.attrib[si] != nil {
			continue
		}
		p, n := d.attrib[si-1], d.attrib[si+1]
		if p != nil && n != nil && p.resolved && n.resolved && p.speaker.ID == n.speaker.ID {
			cp := *p
			cp.inherited, cp.direct, cp.cue, cp.more = true, false, "", nil
			cp.relFrom, cp.relTo = 0, len(ss[si].Tokens)
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

// lastBodyBefore resolves "the group" with no earlier speaker to the last
// organisation named before off, of type want when it is given.
func (d *docState) lastBodyBefore(off int, want string) (ref, bool) {
	return d.lastBody(off, func(t string) bool { return want == "" || t == want })
}

// lastBody is the last body (no person or country) named before off whose
// type keep accepts.
func (d *docState) lastBody(off int, keep func(typ string) bool) (ref, bool) {
	for k := len(d.rd.Actors) - 1; k >= 0; k-- {
		m := d.rd.Actors[k]
		if m.End > off {
			continue
		}
		switch m.Type {
		case sitrep.Person, sitrep.Country, "":
			continue
		}
		if !keep(m.Type) {
			continue
		}
		return d.canonical(d.mentionRef(m)), true
	}
	return ref{}, false
}

// genericBodies stand for any body: "the group", "the organisation".
var genericBodies = wordSet("group|organisation|organization|body|outfit|faction|statement|movement|militia|agency|network")

// bodyNamedBefore finds the last body named before off whose name holds
// the head word: "the council" after "the Baloch Rights Council".
func (d *docState) bodyNamedBefore(off int, head string) (ref, bool) {
	for k := len(d.rd.Actors) - 1; k >= 0; k-- {
		m := d.rd.Actors[k]
		if m.End > off || m.Type == sitrep.Person || m.Type == sitrep.Country || m.Type == "" {
			continue
		}
		for _, w := range strings.Fields(m.Text) {
			if strings.EqualFold(strings.Trim(w, "'’\""), head) {
				return d.canonical(d.mentionRef(m)), true
			}
		}
	}
	return ref{}, false
}

// kindOf reads the kind of body a description names from its modifiers:
// "the rights organisation", "the militant group".
func kindOf(toks []text.Token, from, to int) string {
	for k := from; k < to; k++ {
		switch toks[k].Lower {
		case "rights", "humanitarian", "watchdog", "advocacy", "campaign":
			return sitrep.RightsGroup
		case "militant", "armed", "rebel", "insurgent", "jihadist", "terrorist", "extremist", "separatist", "islamist":
			return sitrep.ArmedGroup
		}
	}
	return ""
}

// seatGovernment is the government a seat of government stands for
// ("Kabul" → afghanistan-government), named as the text names it.
func (d *docState) seatGovernment(word string) (ref, bool) {
	c, ok := d.x.kb.Seat(word)
	if !ok {
		return ref{}, false
	}
	return ref{ActorRef: sitrep.ActorRef{ID: c.ID + "-government", Name: word}, typ: sitrep.Government}, true
}

// titleSynonyms: a role noun and the titles that give it ("the premier"
// is the person named "Prime Minister …").
var titleSynonyms = map[string][]string{
	"premier":        {"prime minister", "premier", "pm"},
	"prime minister": {"prime minister", "premier", "pm"},
	"pm":             {"prime minister", "premier", "pm"},
	"judge":          {"judge", "justice"},
	"counsel":        {"counsel", "lawyer", "advocate", "barrister"},
	"lawyer":         {"lawyer", "advocate", "counsel", "barrister"},
	"speaker":        {"speaker"},
	"chief minister": {"chief minister", "cm"},
	"deputy pm":      {"deputy prime minister", "deputy pm"},
}

// titledOtherwise tells whether person r was named only under a title
// other than role: "the governor" is not the one named "President Joko
// Widodo".
func (d *docState) titledOtherwise(r ref, role string) bool {
	other := false
	for _, m := range d.rd.Actors {
		if m.Type != sitrep.Person || m.Text != r.Name && m.ID != r.ID && actors.NormalID(m.Text) != r.ID {
			continue
		}
		f := strings.Fields(strings.ToLower(d.text[max(0, m.Start-30):m.Start]))
		if len(f) == 0 {
			continue
		}
		w := strings.Trim(f[len(f)-1], ".,")
		if w == role || strings.HasSuffix(role, " "+w) {
			return false
		}
		for _, t := range titleSynonyms[role] {
			if w == t || strings.HasSuffix(t, " "+w) {
				return false
			}
		}
		if genericRole[w] {
			other = true
		}
	}
	return other
}

// titledPerson finds the person last named before off with the title the
// role stands for: "the premier" → "Prime Minister Ali Khan", "the
// minister" → "Interior Minister Sara Lee".
func (d *docState) titledPerson(off int, role string) (ref, bool) {
	role = strings.ToLower(strings.TrimSpace(role))
	words := titleSynonyms[role]
	if words == nil {
		words = []string{role}
	}
	for k := len(d.rd.Actors) - 1; k >= 0; k-- {
		m := d.rd.Actors[k]
		if m.End > off || m.Type != sitrep.Person {
			continue
		}
		before := strings.ToLower(d.text[max(0, m.Start-40):m.Start])
		if i := strings.LastIndexAny(before, ".\n"); i >= 0 && i < len(before)-1 && before[i] == '\n' {
			before = before[i+1:]
		}
		for _, w := range words {
			if indexWord(before, w) >= 0 {
				return d.fullName(d.mentionRef(m)), true
			}
		}
	}
	return ref{}, false
}
