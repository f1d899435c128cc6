package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/gazetteer"
	"sitrep/internal/text"
	"sitrep/internal/timex"
)

// actorsFor fills perpetrators, targets and claimants from the sentence.
func (d *docState) actorsFor(si int, h hit, e *event) {
	toks := d.rd.Sentences[si].Tokens
	// "X claimed responsibility for a (new) attack": the claim opens this incident
	for i := 0; i+3 < len(toks); i++ {
		if (toks[i].Lower == "claimed" || toks[i].Lower == "claims") && toks[i+1].Lower == "responsibility" && toks[i+2].Lower == "for" &&
			(toks[i+3].Lower == "a" || toks[i+3].Lower == "an" || toks[i+3].Lower == "the" && i+4 < len(toks) && triggers[toks[i+4].Lower] != nil) {
			r, ok := d.claimantBefore(si, i)
			if !ok {
				r, ok = d.leftArg(si, i, ref{})
			}
			if ok && r.typ != sitrep.Practice {
				e.claimed = appendRef(e.claimed, r)
				e.perps = appendRef(e.perps, r)
			}
		}
	}
	d.rolesAround(si, h, e)
	d.rolesElsewhere(si, h, e)
	d.victimsAround(si, h, e)
	// "an attack on X", "targeting X", "the vehicle of X", "during a X meeting"
	for i := h.tok; i < len(toks) && e.typ != sitrep.Visit; i++ {
		w := toks[i].Lower
		if w == "on" || w == "targeting" || w == "targeted" || w == "against" || w == "at" || w == "during" || w == "inside" {
			if w == "on" && i+1 < len(toks) && (toks[i+1].Kind == text.Number || d.isDateAt(si, toks[i+1].Start)) {
				continue
			}
			if w == "at" && i+1 < len(toks) && (toks[i+1].Lower == "least" || toks[i+1].Lower == "most") {
				continue // "killed at least 23": a figure, not a target
			}
			if i+1 < len(toks) && triggers[toks[i+1].Lower] != nil {
				continue // "a targeted attack": the attack is not its own target
			}
			if r, ok := d.targetAfter(si, i+1); ok {
				e.targets = appendRef(e.targets, r)
			}
		}
	}
	// victims counted in the sentence: "72 lawyers were killed"
	s := d.rd.Sentences[si]
	for k := s.Numbers[0]; k < s.Numbers[1]; k++ {
		n := d.rd.Numbers[k]
		j := tokenIndex(toks, n.End)
		if j < len(toks) && toks[j].Kind == text.Word && !notPeople[toks[j].Lower] && !killWords[toks[j].Lower] && triggers[toks[j].Lower] == nil &&
			!injureWords[toks[j].Lower] && !npStop[toks[j].Lower] && toks[j].Lower != "people" && toks[j].Lower != "persons" &&
			toks[j].Lower != "others" && toks[j].Lower != "more" && !victimWords[toks[j].Lower] {
			from, to := npRight(toks, j)
			if from < to && !hasWord(toks, from, to, killWords) {
				e.targets = appendRef(e.targets, d.countedArg(si, from, to, sitrep.Group))
			}
		}
	}
	// bodies of whom: "bodies of disappeared persons"
	if e.typ == sitrep.MassGrave {
		for i := 0; i+2 < len(toks); i++ {
			if (toks[i].Lower == "bodies" || toks[i].Lower == "body") && toks[i+1].Lower == "of" {
				from, to := npRight(toks, i+2)
				if from < to {
					e.targets = appendRef(e.targets, d.phraseArgTyped(si, from, to, sitrep.Group))
				}
			}
		}
		// "X has been named in connection with the … graves"
		for i := 0; i < h.tok; i++ {
			if matchWords(toks, i, []string{"in", "connection", "with"}) || matchWords(toks, i, []string{"responsible", "for"}) || matchWords(toks, i, []string{"linked", "to"}) {
				if r, ok := d.leftArg(si, i, ref{}); ok && r.typ != sitrep.Practice && r.typ != sitrep.Group {
					e.perps = appendRef(e.perps, r)
				}
			}
		}
	}
	// "militants killed in a gunfight with security forces": the other side
	// of the fight killed them (not "disappeared after clashes with police")
	if len(e.perps) == 0 {
		for i := h.tok; i+2 < len(toks); i++ {
			if fightNouns[toks[i].Lower] && toks[i+1].Lower == "with" && (i == h.tok || hasWord(toks, max(h.tok, i-4), i, wordSet("in|during"))) &&
				!hasWord(toks, max(0, i-3), i, wordSet("after|following|before|since")) {
				from, to := d.npAfter(si, i+2)
				if r, ok := d.agentRef(si, from, to); ok && !containsRef(e.targets, r.ID) {
					e.perps = appendRef(e.perps, r)
				}
				break
			}
		}
	}
	// an armed group named in the sentence, not as a target: "a young ISIS jihadist"
	if len(e.perps) == 0 {
		for _, m := range d.actorsIn(si) {
			if m.Type != sitrep.ArmedGroup {
				continue
			}
			r := d.mentionRef(m)
			if containsRef(e.targets, r.ID) {
				continue
			}
			j := tokenIndex(toks, m.Start)
			if j > 0 && (toks[j-1].Lower == "against" || toks[j-1].Lower == "condemned" || toks[j-1].Lower == "on") {
				continue
			}
			e.perps = appendRef(e.perps, r)
		}
	}
	if e.typ == sitrep.Visit {
		// the visitors are the parties, not perpetrators
		e.targets = append(e.targets, e.perps...)
		e.perps = nil
		for _, m := range d.actorsIn(si) {
			if m.Type == sitrep.Person {
				e.targets = appendRef(e.targets, d.mentionRef(m))
			}
		}
	}
}

// claimantBefore reads the named group just before "claimed" at token i,
// past a gloss in brackets: "a group called Jundollah (God's soldiers) claimed".
func (d *docState) claimantBefore(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	k := i
	if k > 0 && toks[k-1].Lower == ")" {
		for k--; k > 0 && toks[k].Lower != "("; k-- {
		}
	}
	if k == 0 {
		return ref{}, false
	}
	m, ok := d.mentionEndingAt(si, toks[k-1].End)
	if !ok {
		// a name the recognisers do not know: "a group called Jundollah"
		from := k
		for from > 1 && k-from < 4 && toks[from-1].Kind == text.Word && toks[from-1].Capitalised(d.text) {
			from--
		}
		if from == k || d.rd.AllCaps || d.placeAt(si, toks[from].Start) || d.isDateAt(si, toks[from].Start) {
			return ref{}, false
		}
		return d.phraseRef(spanText(d.text, toks, from, k), sitrep.Organisation), true
	}
	if d.placeAt(si, m.Start) || m.Type == sitrep.Person || m.Type == sitrep.Country || m.Type == sitrep.Media {
		return ref{}, false
	}
	return d.mentionRef(m), true
}

// describedGroup reads a described armed group the knowledge base cannot
// name, such as "Muslim extremists", "Ambazonian separatists" or "the
// Al-Barnawi faction": a phrase whose head is a group noun with a modifier.
func (d *docState) describedGroup(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	from, to := npRight(toks, i)
	if to-from < 2 || to-from > 6 {
		return ref{}, false
	}
	head := toks[to-1].Lower
	if !groupDescriptions[head] || toks[from].Lower == "unknown" || toks[from].Lower == "unidentified" {
		return ref{}, false
	}
	return d.phraseArgTyped(si, from, to, sitrep.ArmedGroup), true
}

// groupDescriptions head phrases that describe who is responsible.
var groupDescriptions = wordSet("extremists|militants|separatists|rebels|insurgents|faction|group|militia|militias|" +
	"paramilitaries|guerrillas|jihadists|gunmen|fighters|dissidents|gang|gangs|cartel|organization|organisation|movement|" +
	"brigade|army|front|forces|wing|supporters|members|loyalists|nationalists|activists|herdsmen")

// noClaim reports "no group claimed responsibility".
func (d *docState) noClaim(si int) bool {
	l := strings.ToLower(d.sentenceText(si))
	return strings.Contains(l, "no group") || strings.Contains(l, "no one") || strings.Contains(l, "nobody") ||
		strings.Contains(l, "no organization") || strings.Contains(l, "no organisation") || strings.Contains(l, "not claimed")
}

// dateAt returns the date of sentence si that starts at byte offset off.
func (d *docState) dateAt(si, off int) (timex.Mention, bool) {
	s := d.rd.Sentences[si]
	for k := s.Dates[0]; k < s.Dates[1]; k++ {
		if m := d.rd.Dates[k]; m.Start == off {
			return m, true
		}
	}
	return timex.Mention{}, false
}

// isDateAt reports a date of sentence si starting at byte offset off.
func (d *docState) isDateAt(si, off int) bool {
	_, ok := d.dateAt(si, off)
	return ok
}

// passiveAt reports "was/were (being) VERBed" at token i, and the passive
// of headlines: "Civilians Killed in Ethnic Massacre".
func (d *docState) passiveAt(toks []text.Token, i int) bool {
	if i+1 < len(toks) && strings.HasSuffix(toks[i].Lower, "ed") && i > 0 && toks[i].Capitalised(d.text) && toks[i-1].Capitalised(d.text) {
		switch toks[i+1].Lower {
		case "in", "at", "near", "during", "after", "on", "as", "while", "by", ",", "-":
			return true
		}
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Lower {
		case "was", "were", "been", "being", "is", "are", "be", "got":
			return true
		case "reportedly", "allegedly", "also", "brutally", "later", "horribly", "reportedly,", "then":
			continue
		}
		if lyAdverb(toks[k]) {
			continue // "was similarly abducted", "was allegedly forcibly disappeared"
		}
		return false
	}
	return false
}

// subjectOf finds the actor acting (or, in the passive, undergoing) at token
// i: the mention just before it, past adverbs, auxiliaries and an appositive.
func (d *docState) subjectOf(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && (verbGap[toks[e].Lower] || toks[e].Lower == "was" || toks[e].Lower == "were" || toks[e].Lower == "recently" || toks[e].Lower == "brutally") {
		e--
	}
	if e < 0 {
		return ref{}, false
	}
	if toks[e].Lower == "," {
		k := e - 1
		for k >= 0 && toks[k].Lower != "," {
			k--
		}
		if k <= 0 {
			return ref{}, false
		}
		e = k - 1
	}
	if m, ok := d.mentionEndingAt(si, toks[e].End); ok && !d.placeAt(si, m.Start) {
		return d.mentionRef(m), true
	}
	if personPronouns[toks[e].Lower] {
		// "He was shot dead": the person of the previous event
		return ref{}, false
	}
	from, to := npLeft(toks, e+1)
	if from < to && !hasWord(toks, from, to, anonymousAttackers) && (isCapitalisedPhrase(d.text, toks, from, to) && !d.rd.AllCaps || hasWord(toks, from, to, groupRoles)) {
		if from == 0 && to-from == 1 {
			return ref{}, false
		}
		return d.phraseArgTyped(si, from, to, sitrep.Organisation), true
	}
	return ref{}, false
}

// objectOf finds the target right after an active trigger verb.
func (d *docState) objectOf(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) || toks[i].Kind == text.Punct || npStop[toks[i].Lower] {
		return ref{}, false
	}
	return d.targetAfter(si, i)
}

// targetAfter reads the target phrase starting at token i: an actor named
// in it ("the vehicle of X" → X), else the phrase itself.
func (d *docState) targetAfter(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) {
		return ref{}, false
	}
	from, to := npRight(toks, i)
	if from >= to {
		return ref{}, false
	}
	if d.isDateAt(si, toks[from].Start) || toks[from].Kind == text.Number {
		return ref{}, false
	}
	for _, m := range d.mentionsWithin(si, toks[from].Start, toks[to-1].End) {
		if !d.placeAt(si, m.Start) {
			if modifierMention(toks, m, to) {
				break
			}
			return d.mentionRef(m), true
		}
	}
	// a bare place is where, not whom
	if d.placeAt(si, toks[from].Start) && to-from == 1 {
		return ref{}, false
	}
	typ := sitrep.Group
	if hasWord(toks, from, to, facilityNouns) {
		typ = sitrep.Facility
	}
	return d.countedArg(si, from, to, typ), true
}

// actorAfter finds an actor mention starting within n tokens of token i.
func (d *docState) actorAfter(si, i, n int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := i; k < len(toks) && k < i+n; k++ {
		if toks[k].Lower == "." || toks[k].Lower == ";" {
			break
		}
		if m, ok := d.mentionStartingAt(si, toks[k].Start); ok && !d.placeAt(si, m.Start) {
			return d.mentionRef(m), true
		}
	}
	if i < len(toks) {
		from, to := npRight(toks, i)
		if from < to && !hasWord(toks, from, to, anonymousAttackers) && (isCapitalisedPhrase(d.text, toks, from, to) && !d.rd.AllCaps) {
			return d.phraseArgTyped(si, from, to, sitrep.Organisation), true
		}
	}
	return ref{}, false
}

// phraseArgTyped makes an actor of a phrase with a given type.
func (d *docState) phraseArgTyped(si, from, to int, typ string) ref {
	toks := d.rd.Sentences[si].Tokens
	return d.phraseRef(spanText(d.text, toks, from, to), typ)
}

// countedArg makes an actor of a described group in an incident: its name
// keeps the count and article the report gives it ("at least 20
// civilians", "a 37-year-old man", "the troops"), which tell who was
// struck; its id is the description alone ("civilians"), so that the same
// group told with different figures is one actor.
func (d *docState) countedArg(si, from, to int, typ string) ref {
	toks := d.rd.Sentences[si].Tokens
	core := from
	for core+1 < to && countPrefix(toks, core) {
		core++
	}
	r := d.phraseArgTyped(si, core, to, typ)
	full, end := countedFrom(toks, core), to
	if to+2 < len(toks) && toks[to].Lower == "," && mostlyWords[toks[to+1].Lower] {
		// "hundreds of people, mostly men,": the aside says who they were
		for end = to + 2; end < len(toks) && end < to+6 && toks[end].Kind == text.Word && !npStop[toks[end].Lower]; end++ {
		}
		if end == to+2 {
			end = to
		}
	}
	if full != core || end != to {
		r.Name = d.phraseArgTyped(si, full, end, typ).Name
	}
	return r
}

// countPrefix reports a token of the count and article that open a
// described group: "the", "at least", "20", "hundreds of"; the figure of an
// age ("37-year-old") is part of the description.
func countPrefix(toks []text.Token, k int) bool {
	t := toks[k]
	w := t.Lower
	switch {
	case t.Kind == text.Number:
		return !ageHyphen(toks, k+1) // "37-year-old" is the description
	case countWordsSet[w] && w != "unknown" && w != "number", w == "a" || w == "an" || w == "the":
		return true
	case quantifiers[w] && w != "to" && w != "as":
		return true
	case w == "of" && k > 0 && (toks[k-1].Lower == "hundreds" || toks[k-1].Lower == "dozens" || toks[k-1].Lower == "thousands" || toks[k-1].Lower == "tens"):
		return true
	}
	return w == "hundreds" || w == "dozens" || w == "thousands" || w == "tens"
}

// ageHyphen reports the hyphen of an age or size compound at token k:
// "37-year-old", "15-kg".
func ageHyphen(toks []text.Token, k int) bool {
	return k > 0 && k+1 < len(toks) && toks[k].Lower == "-" && toks[k-1].Kind == text.Number && toks[k+1].Kind == text.Word
}

// countedFrom extends a described group at token from to the left over the
// figure and article before it: "civilians" in "at least 20 civilians" is
// told from "at", "man" in "a 37-year-old man" from "a".
func countedFrom(toks []text.Token, from int) int {
	k := from
	// an age: "37-year-old", read as "37", "-", "year-old" or "37-year-old"
	if ageHyphen(toks, k-1) {
		k -= 2
	}
	number := false
	for k > 0 {
		t := toks[k-1]
		w := t.Lower
		switch {
		case t.Kind == text.Number || countWordsSet[w] && w != "unknown" && w != "number" || w == "hundreds" || w == "dozens" || w == "thousands" || w == "tens":
			if number {
				return k
			}
			number = true
		case w == "of" && k >= 2 && (toks[k-2].Lower == "hundreds" || toks[k-2].Lower == "dozens" || toks[k-2].Lower == "thousands" || toks[k-2].Lower == "tens"):
			number = false // "hundreds of thousands of people"
		case number && (w == "at" || w == "least" || w == "more" || w == "than" || w == "over" || w == "about" || w == "around" ||
			w == "nearly" || w == "almost" || w == "some" || w == "approximately" || w == "roughly" || w == "up" && toks[k].Lower == "to" ||
			w == "to" && k >= 2 && toks[k-2].Lower == "up"):
			// "up to 70", not the particle of "rounded up 70 people"
		case w == "a" || w == "an" || w == "the" || w == "his" || w == "her" || w == "their" || w == "its":
			return k - 1 // "his son": whose
		default:
			return k
		}
		k--
	}
	return k
}

// setModality decides how the text presents the event: an incident inside
// someone's statement that names who did it is that speaker's allegation.
func (d *docState) setModality(si int, e *event) {
	a := d.attrib[si]
	lower := strings.ToLower(d.sentenceText(si))
	allegedly := strings.Contains(lower, "allegedly") || strings.Contains(lower, "reportedly") && len(e.perps) > 0
	if a != nil && d.embeddedAttribution(si, a, e.trigTok) {
		a = nil
	}
	if a == nil || !a.resolved || a.participle {
		if allegedly && e.modality == sitrep.Asserted {
			e.modality = sitrep.Alleged
		}
		return
	}
	sp := a.speaker
	e.reportedBy = &sp
	if e.modality == sitrep.Planned {
		return
	}
	if d.claimsIncident(si, a) {
		return // a claim of responsibility vouches for no account of the incident
	}
	namesOther := false
	for _, p := range e.perps {
		if p.ID != sp.ID {
			namesOther = true
		}
	}
	if containsRef(e.perps, sp.ID) && a.cue != "" && !strings.HasPrefix(a.cue, "according") {
		e.modality = sitrep.Claimed
		return
	}
	if a.allegation || namesOther && !a.source || allegedly || sp.typ == sitrep.RightsGroup && abuseType(e.typ) && !strings.HasPrefix(strings.ToLower(a.cue), "according") {
		e.modality = sitrep.Alleged
	}
}

// abuseType: the kinds of incident rights groups document and allege
// (an arrest, a disappearance, torture, a killing), whoever they name;
// a figure the outlet gives "according to" the group is its own report.
func abuseType(t string) bool {
	return t == sitrep.Arrest || t == sitrep.Abduction || t == sitrep.Torture || t == sitrep.ArmedAttack || t == sitrep.Assassination
}

// claimsIncident reports a claim of responsibility: "X claimed
// responsibility for …", "X claims (the) attack", "X claimed a December 2
// assassination attempt". The incident it names is reported as fact unless
// the claimant's own account tells it ("X said its fighters killed 14
// soldiers"), which is the claimed modality.
func (d *docState) claimsIncident(si int, a *attribution) bool {
	toks := d.rd.Sentences[si].Tokens
	if d.whole != nil {
		toks = d.whole.Tokens // the attribution's indexes are the whole sentence's
	}
	i := a.cueTok
	if i >= len(toks) {
		return false
	}
	switch toks[i].Lower {
	case "claimed", "claims", "claim", "claiming":
	default:
		return false
	}
	for k := i + 1; k < len(toks) && k <= i+5; k++ {
		w := toks[k].Lower
		if w == "responsibility" || w == "credit" || triggers[w] != nil {
			return true
		}
		if w == "that" || hardPunct(toks[k]) || w == "," || speechCues[w] {
			return false
		}
	}
	return false
}

// fightNouns name an exchange of fire between two sides.
var fightNouns = wordSet("gunfight|gun-fight|firefight|shootout|shoot-out|encounter|clash|clashes|skirmish|battle")

// embeddedAttribution reports a speech frame inside a relative clause after
// the trigger ("searched four mosques that they said were used …"): it
// vouches for that clause, not for the incident.
func (d *docState) embeddedAttribution(si int, a *attribution, trig int) bool {
	toks := d.rd.Sentences[si].Tokens
	if trig >= len(toks) {
		return false
	}
	at := toks[trig].End
	if d.whole != nil {
		toks = d.whole.Tokens // the attribution's indexes are the whole sentence's
	}
	k := a.spkFrom - 1
	if a.spkTo <= a.spkFrom || k < 0 || k >= len(toks) || toks[k].Start < at {
		return false
	}
	switch toks[k].Lower {
	case "that", "which", "who", "whom", "where":
		return true
	}
	return false
}

// mergeTarget returns the open event the candidate adds to, if any: one of
// a compatible type, not contradicted by date or place, and either near in
// the text or referred to ("the attack", "this attack").
func (d *docState) mergeTarget(c *event, si int) *event {
	if c.separate {
		return nil
	}
	// another part of the same sentence told apart from this one
	sibling := func(e *event) bool {
		if !c.split {
			return false
		}
		for _, s := range e.sents {
			if s == si {
				return true
			}
		}
		return false
	}
	if c.subjectRef != "" && !c.split && !c.separate {
		// "The attack took place …": the latest incident of that kind
		for k := len(d.events) - 1; k >= 0; k-- {
			e := d.events[k]
			if c.subjectRef == "incident" && si-e.sents[len(e.sents)-1] > 3 {
				// "The event also featured a recital", paragraphs after an
				// attack a speaker cited: the festival, not the attack
				break
			}
			if c.subjectRef == "incident" || sameFamily(e.typ, c.subjectRef) || e.typ == c.subjectRef {
				c.anaphor = true
				if !compatibleTypes(e, c) && !sameFamily(e.typ, c.typ) {
					c.typ, c.strength = e.typ, 0
				}
				return e
			}
		}
	}
	anaphoric := c.refType != ""
	if anaphoric && c.refType != c.typ && !c.specificOnItsOwn() || anaphoric && c.date == nil {
		// "17 others were abducted in the ensuing clash": figures of the
		// incident referred to, whatever their own trigger word
		rt := c.refType
		if rt == "attack" {
			rt = sitrep.ArmedAttack
		}
		ref := &event{typ: rt, strength: 1}
		for k := len(d.events) - 1; k >= 0; k-- {
			e := d.events[k]
			if (compatibleTypes(e, ref) || compatibleTypes(e, c)) && !conflictsWhereWhen(e, c) && !sibling(e) {
				if c.typ == sitrep.Arrest && e.typ != sitrep.Arrest {
					// People arrested "in connection with the attack" or
					// "in its aftermath" are held in a later act of their
					// own, not the attack's victims. Told with no day or
					// place of its own, it is no incident to record either.
					c.specific = c.specific && (c.date != nil || c.place != nil)
					return nil
				}
				if !compatibleTypes(e, c) {
					c.typ, c.strength = e.typ, 0
				}
				return e
			}
		}
	}
	if c.followUp && !sibling(d.events[len(d.events)-1]) {
		e := d.events[len(d.events)-1]
		if last := e.sents[len(e.sents)-1]; si-last <= 3 {
			c.typ, c.strength, c.date, c.place = e.typ, 0, nil, nil
			if c.killed.set() || c.victims.set() {
				c.additive = false
			}
			return e
		}
	}
	// a bare casualty sentence right after an incident ("Two hostages were
	// killed") gives that incident's figures, whatever its type
	if c.strength == 1 && c.date == nil && c.place == nil && len(d.events) > 0 && !sibling(d.events[len(d.events)-1]) {
		e := d.events[len(d.events)-1]
		if last := e.sents[len(e.sents)-1]; si-last <= 2 && !conflicts(e, c) {
			if !compatibleTypes(e, c) {
				c.typ, c.strength = e.typ, 0
			}
			return e
		}
	}
	// the same toll again ("Ullah said at least 30 people had been killed")
	if c.killed.set() && c.killed.best > 0 && !c.killed.vague && c.date == nil {
		for k := len(d.events) - 1; k >= 0; k-- {
			e := d.events[k]
			if e.killed.best == c.killed.best && (compatibleTypes(e, c) || sameFamily(e.typ, c.typ)) && !conflictsWhereWhen(e, c) && !sibling(e) {
				return e
			}
		}
	}
	// the same captives again: "nine hostages who were abducted on April 11"
	if c.victims.set() && c.victims.best > 1 && !c.victims.vague && (c.typ == sitrep.Abduction || c.typ == sitrep.Arrest) {
		for k := len(d.events) - 1; k >= 0; k-- {
			e := d.events[k]
			if e.typ == c.typ && e.victims.best == c.victims.best && !conflictsWhereWhen(e, c) && !sibling(e) {
				return e
			}
		}
	}
	for k := len(d.events) - 1; k >= 0; k-- {
		e := d.events[k]
		if !compatibleTypes(e, c) || conflicts(e, c) || sibling(e) {
			continue
		}
		last := e.sents[len(e.sents)-1]
		near := si-last <= 2 && d.rd.Sentences[si].Para-d.rd.Sentences[last].Para <= 1
		if near || c.date != nil && e.date != nil && c.date.Value == e.date.Value && samePlace(e.place, c.place) {
			return e
		}
	}
	// "the visit", "the attack": a definite mention without details of its
	// own is the latest incident of that kind, wherever the sentence is
	if anaphoric && !c.specificOnItsOwn() {
		for k := len(d.events) - 1; k >= 0; k-- {
			if compatibleTypes(d.events[k], c) {
				c.place = nil
				return d.events[k]
			}
		}
	}
	return nil
}

// specificOnItsOwn reports a candidate that states its own date or figures
// and so may be a separate incident.
func (c *event) specificOnItsOwn() bool {
	return c.date != nil || c.killed.set() || c.victims.set()
}

// compatibleTypes: a generic attack word can be any violent incident; a
// specific type only matches itself.
func compatibleTypes(a, b *event) bool {
	if a.typ == b.typ {
		return true
	}
	violent := func(t string) bool {
		return t == sitrep.Bombing || t == sitrep.ArmedAttack || t == sitrep.Assassination || t == sitrep.Clash
	}
	if (a.strength <= 2 && a.typ == sitrep.ArmedAttack && violent(b.typ)) || (b.strength <= 2 && b.typ == sitrep.ArmedAttack && violent(a.typ)) {
		return true
	}
	return false
}

// conflicts reports a date, place or toll that rules out one incident.
func conflicts(a, b *event) bool {
	if conflictsWhereWhen(a, b) {
		return true
	}
	if a.killed.set() && b.killed.set() && a.killed.best != b.killed.best && a.killed.best > 0 && b.killed.best > 0 {
		// different tolls in separate sentences are often updates; only very
		// different ones mark separate incidents
		lo, hi := min(a.killed.best, b.killed.best), max(a.killed.best, b.killed.best)
		if hi > 3*lo+5 {
			return true
		}
	}
	return false
}

// conflictsWhereWhen reports a date or place that rules out one incident.
func conflictsWhereWhen(a, b *event) bool {
	if a.date != nil && b.date != nil && !a.dateWeak && !b.dateWeak && !datesOverlap(a.date, b.date) {
		return true
	}
	if a.place != nil && b.place != nil && !samePlace(a.place, b.place) {
		return true
	}
	return false
}

// datesOverlap reports two dates that may name the same day, compared at
// the precision both state: "2024-05" holds "2024-05-14", and "last week"
// (its first to its last day) holds the Tuesday of that week.
func datesOverlap(a, b *timex.Mention) bool {
	return !datedBefore(a, b) && !datedBefore(b, a)
}

// samePlace: equal names, or one place within the other.
func samePlace(a, b *placeVal) bool {
	if a == nil || b == nil {
		return true
	}
	if strings.EqualFold(a.name, b.name) {
		return true
	}
	if a.unlisted && b.unlisted {
		return false // two localities the gazetteer does not know, by two names
	}
	if !a.located || !b.located {
		return a.entry.Admin1 == b.entry.Admin1 || a.entry.Country == b.entry.Country && (a.precision == sitrep.PlaceCountry || b.precision == sitrep.PlaceCountry)
	}
	ea, eb := a.entry, b.entry
	if ea.Country != eb.Country {
		return false
	}
	switch {
	case ea.Kind == gazetteer.Country || eb.Kind == gazetteer.Country:
		return true
	case ea.Kind == gazetteer.Admin1:
		return ea.ID == eb.ID || eb.Admin1 == ea.Name
	case eb.Kind == gazetteer.Admin1:
		return ea.Admin1 == eb.Name
	}
	// two towns or districts: one entry, or a town in its district
	return ea.ID == eb.ID || ea.Admin2 != "" && ea.Admin2 == eb.Name || eb.Admin2 != "" && eb.Admin2 == ea.Name
}

// absorb folds a later mention of the same incident into e.
func (e *event) absorb(c *event) {
	if c.strength > e.strength || e.strength == c.strength && e.typ == sitrep.ArmedAttack && c.typ != sitrep.ArmedAttack {
		e.typ, e.strength = c.typ, c.strength
	}
	e.suicide = e.suicide || c.suicide
	e.hostages = e.hostages || c.hostages
	if c.date != nil && (e.date == nil || e.dateWeak && !c.dateWeak || e.dateWeak == c.dateWeak && finerDate(c.date, e.date) && (!c.anaphor || c.dateNamed || dayOfWeek(c.date, e.date))) {
		e.date, e.dateWeak = c.date, c.dateWeak
	}
	if e.place == nil || c.place != nil && placeRank(c.place) > placeRank(e.place) {
		if c.place != nil {
			e.place = c.place
		}
	}
	for _, r := range c.perps {
		e.perps = appendRef(e.perps, r)
	}
	for _, r := range c.targets {
		e.targets = appendRef(e.targets, r)
	}
	for _, r := range c.claimed {
		e.claimed = appendRef(e.claimed, r)
	}
	if c.additive {
		// "A civilian was also killed": more victims, not a new toll
		e.killed = addCount(e.killed, c.killed)
		e.injured = addCount(e.injured, c.injured)
		e.victims = addCount(e.victims, c.victims)
	} else {
		e.killed = mergeCount(e.killed, c.killed)
		e.injured = mergeCount(e.injured, c.injured)
		e.victims = mergeCount(e.victims, c.victims)
	}
	if e.modality == sitrep.Asserted && c.modality == sitrep.Alleged && len(e.perps) == 0 {
		e.modality = c.modality
	}
	if c.modality == sitrep.Asserted && (c.reportedBy == nil || !containsRef(e.perps, c.reportedBy.ID)) {
		// the claimant's account is not the only one: another source, or
		// the outlet itself, tells the incident as fact
		e.vouched = true
	}
	if e.reportedBy == nil {
		e.reportedBy = c.reportedBy
	}
	e.sents = append(e.sents, c.sents...)
	e.specific = e.specific || c.specific
}

// finerDate reports a date more precise than another: a day rather than
// the week or month it falls in.
func finerDate(a, b *timex.Mention) bool {
	rank := func(m *timex.Mention) int {
		if m.Precision == sitrep.PrecisionWeek {
			return 8 // between a month (7 characters) and a day (10)
		}
		return len(m.Value)
	}
	return rank(a) > rank(b)
}

// dayOfWeek reports a day that falls in the week a text gave first: "the
// attack on Kenya last week … The strike on June 11" dates the attack,
// even told as "the strike".
func dayOfWeek(day, week *timex.Mention) bool {
	return week.Precision == sitrep.PrecisionWeek && len(day.Value) == 10 && datesOverlap(day, week)
}

func addCount(a, b countVal) countVal {
	if !a.set() || a.vague && !b.vague && b.set() {
		return b
	}
	if b.vague && !a.vague {
		return a
	}
	if b.set() {
		a.add(b)
	}
	return a
}

func placeRank(p *placeVal) int {
	if !p.located || p.unlisted && specificity(p.entry.Kind) < 4 {
		return 4 // a named locality is more specific than the area it lies in
	}
	return specificity(p.entry.Kind)
}

// mergeCount keeps the range of two figures for one incident: the larger is
// the best estimate (later reports usually give the final toll).
func mergeCount(a, b countVal) countVal {
	if !b.set() || a.set() && b.vague && !a.vague {
		return a
	}
	if !a.set() || a.vague && !b.vague {
		return b
	}
	out := a
	if b.best > a.best {
		out = b
	}
	if a.low >= 0 && (b.low < 0 || a.low < b.low) {
		out.low = a.low
	} else if b.low >= 0 {
		out.low = b.low
	}
	out.high = max(a.high, b.high)
	if a.high < 0 || b.high < 0 {
		out.high = -1 // "at least 9" leaves the toll open
	}
	out.normalise()
	return out
}

// attachLooseFacts adds what a sentence says about an incident already
// reported: who claimed it ("X claimed responsibility for the attack") and
// who it is attributed to ("sources attributed the attack to Y", "suspected
// the involvement of Z"). fresh is the incident this sentence itself opened,
// if any: a claim stated before its trigger word refers back to the incident
// before it ("claimed responsibility for the incident … after an airstrike").
func (d *docState) attachLooseFacts(si int, fresh *event, freshTok int) {
	if len(d.events) == 0 {
		return
	}
	toks := d.rd.Sentences[si].Tokens
	target := func(at int) *event {
		e := d.events[len(d.events)-1]
		if fresh != nil && e == fresh && at < freshTok && len(d.events) > 1 {
			e = d.events[len(d.events)-2]
		}
		if last := e.sents[len(e.sents)-1]; si-last > 2 {
			return nil
		}
		return e
	}
	note := func(e *event) {
		if e.sents[len(e.sents)-1] != si {
			e.sents = append(e.sents, si)
		}
	}
	// "He said the attackers were from X", "the gunmen were members of X":
	// who the attackers of the incident just told were
	for i := 1; i+2 < len(toks); i++ {
		if toks[i-1].Lower != "the" || !killedAttackers[toks[i].Lower] || toks[i+1].Lower != "were" && toks[i+1].Lower != "was" {
			continue
		}
		j := i + 2
		switch {
		case toks[j].Lower == "from":
			j++
		case j+1 < len(toks) && (toks[j].Lower == "members" || toks[j].Lower == "fighters" || toks[j].Lower == "militants") && toks[j+1].Lower == "of":
			j += 2
		default:
			continue
		}
		e := target(i)
		if e == nil || !violentType(e.typ) && e.typ != sitrep.Abduction {
			break
		}
		from, to := d.npAfter(si, j)
		if r, ok := d.agentRef(si, from, to); ok && !containsRef(e.targets, r.ID) {
			e.perps = appendRef(e.perps, r) // the sentence is not noted: it tells no more of the incident
		}
		break
	}
	for i := 0; i+1 < len(toks); i++ {
		if (toks[i].Lower == "claimed" || toks[i].Lower == "claims" || toks[i].Lower == "accepted" || toks[i].Lower == "claiming") && toks[i+1].Lower == "responsibility" {
			if hasWord(toks, max(0, i-4), i, wordSet("no|nobody|not|none")) {
				continue
			}
			if i+3 < len(toks) && toks[i+2].Lower == "for" && (toks[i+3].Lower == "a" || toks[i+3].Lower == "an") {
				continue // "claimed responsibility for a major attack …": that sentence's own incident
			}
			e := target(i)
			if e == nil {
				continue
			}
			if r, ok := d.leftArg(si, i, ref{}); ok && r.typ != sitrep.Practice && r.typ != sitrep.Facility {
				e.claimed = appendRef(e.claimed, r)
				e.perps = appendRef(e.perps, r)
				note(e)
			}
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		w := toks[i].Lower
		if w != "carried" && w != "perpetrated" && w != "attributed" && w != "blamed" && w != "suspected" {
			continue
		}
		for k := i + 1; k < len(toks) && k < i+5; k++ {
			l := toks[k].Lower
			// "carried out by X", "attributed to X", "blamed on X", "suspected the involvement of X"
			if l == "by" && (w == "carried" || w == "perpetrated") || l == "to" && w == "attributed" || l == "on" && w == "blamed" ||
				l == "of" && k > 0 && toks[k-1].Lower == "involvement" {
				e := target(i)
				if e == nil {
					break
				}
				if r, ok := d.actorAfter(si, k+1, 6); ok {
					e.perps = appendRef(e.perps, r)
					note(e)
				} else if r, ok := d.describedGroup(si, k+1); ok {
					e.perps = appendRef(e.perps, r)
					note(e)
				}
				break
			}
		}
	}
}

// mergeDuplicates joins events that turned out to describe one incident:
// same type, compatible date and place, one of them adding nothing of its own.
func (d *docState) mergeDuplicates() {
	var out []*event
	for _, e := range d.events {
		merged := false
		for _, o := range out {
			if o.typ == e.typ && !conflicts(o, e) && (o.date != nil && e.date != nil && o.date.Value == e.date.Value || !e.specificOnItsOwn()) || retold(o, e) {
				o.absorb(e)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, e)
		}
	}
	d.events = out
}

// retold reports a later event of the text that tells the incident of an
// earlier one again, where the two sentences were too far apart to be
// joined as they were read: an aside that adds nothing but its place
// ("bombing Qatar", with the strike on Doha told before or after), or a
// recap dated by its week ("this week's attack in Pahalgam") of the
// account that gives the day. Every fact one states must agree with the
// other's: a compatible kind of violence, the same place, dates that
// overlap, and one toll at most (or the same twice). An incident the text
// sets apart ("in a separate attack") is never retold.
func retold(o, e *event) bool {
	if o.separate || e.separate || !violentType(o.typ) || !violentType(e.typ) || !compatibleTypes(o, e) {
		return false
	}
	if o.place == nil || e.place == nil || !samePlace(o.place, e.place) || conflicts(o, e) {
		return false
	}
	if o.killed.set() && e.killed.set() && o.killed.best != e.killed.best {
		return false
	}
	ownDate := func(x *event) bool { return x.date != nil && !x.dateWeak }
	bare := func(x *event) bool { return !ownDate(x) && !x.killed.set() && !x.victims.set() }
	if bare(o) || bare(e) {
		return true
	}
	if !ownDate(o) || !ownDate(e) || o.place.precision == sitrep.PlaceCountry || e.place.precision == sitrep.PlaceCountry {
		return false
	}
	// the day falls in the week (conflicts said so); a month ("earlier this
	// month") holds too many incidents of one town to tell which
	return (o.date.Precision == sitrep.PrecisionWeek) != (e.date.Precision == sitrep.PrecisionWeek)
}

func appendRef(rs []ref, r ref) []ref {
	if r.ID == "" {
		return rs
	}
	for i := range rs {
		if rs[i].ID == r.ID {
			// "civilians", then "at least 20 civilians": the fuller telling
			if len(r.Name) > len(rs[i].Name) && strings.Contains(strings.ToLower(r.Name), strings.ToLower(rs[i].Name)) {
				rs[i].Name = r.Name
			}
			return rs
		}
	}
	return append(rs, r)
}

func containsRef(rs []ref, id string) bool {
	for _, r := range rs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func hasNamedPerson(rs []ref) bool {
	for _, r := range rs {
		if r.typ == sitrep.Person && !r.aside {
			return true
		}
	}
	return false
}
