package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/text"
)

// claim is an attributed statement with at most one relation.
type claim struct {
	refs     []ref // the relation's ends, for the actor list
	speaker  ref
	cue      string
	direct   bool
	from, to int // claimed text
	rel      *sitrep.Relation
	sents    []int
	// the relation's object is an incident: the event it names, when the
	// document reports one, else the words that name it
	incident *event
	incName  string
}

// findClaims makes a claim of every attributed sentence (a quotation that
// runs over several sentences is one claim), and one more for each further
// relation it states.
func (d *docState) findClaims() {
	seenQuote := map[int]int{} // quote index → claim index
	for si, a := range d.attrib {
		if a == nil {
			continue
		}
		d.claimsOf(si, a, seenQuote)
		for _, m := range a.more {
			d.claimsOf(si, m, nil)
		}
	}
}

// claimsOf makes the claims of one attribution of sentence si: the
// statement, one more claim for each further relation it states, and the
// same statement for each speaker named with the first.
func (d *docState) claimsOf(si int, a *attribution, seenQuote map[int]int) {
	if !a.resolved && !a.indefinite || a.told {
		return // a bare "X reported on Tuesday." is the claim of the sentence before
	}
	q := d.rd.Sentences[si].Quote
	toks := d.rd.Sentences[si].Tokens
	from, to := a.relFrom, a.relTo
	if to <= from || to > len(toks) {
		from, to = 0, len(toks)
	}
	rels := outsideSpeakerPhrase(d.relationsIn(si, from, to, a.speaker), a)
	if denialCues[a.cue] {
		rels = denied(rels, a.speaker, toks, a.cueTok)
	}
	if a.inherited && a.cue == "" {
		// reported speech carried over from the sentences around: its
		// relations are the speaker's, but it is not a new statement
		for _, h := range rels {
			c := &claim{speaker: a.speaker, cue: "", direct: false,
				from: d.rd.Sentences[si].Start, to: d.rd.Sentences[si].End, sents: []int{si}}
			d.setRelation(c, h, si)
			d.claims = append(d.claims, c)
		}
		return
	}
	if q >= 0 && seenQuote != nil {
		if ci, ok := seenQuote[q]; ok {
			c := d.claims[ci]
			c.sents = append(c.sents, si)
			d.addRelations(c, rels, si)
			return
		}
	}
	c := &claim{speaker: a.speaker, cue: a.cue, direct: a.direct, from: a.textFrom, to: a.textTo, sents: []int{si}}
	if c.cue == "" {
		c.cue = "said"
	}
	d.claims = append(d.claims, c)
	if q >= 0 && seenQuote != nil {
		seenQuote[q] = len(d.claims) - 1
	}
	d.addRelations(c, rels, si)
	// the others of a list of speakers make the same statement
	for _, sp := range a.also {
		o := &claim{speaker: sp, cue: c.cue, direct: c.direct, from: c.from, to: c.to, sents: []int{si}}
		d.claims = append(d.claims, o)
		d.addRelations(o, d.relationsIn(si, from, to, sp), si)
	}
}

// outsideSpeakerPhrase drops the ties the outlet states in the phrase
// naming the speaker, before its cue: in "ISWAP – a splinter group of
// Boko Haram – claimed" or "the India-backed group said" the tie is the
// outlet's description, not what the speaker says.
func outsideSpeakerPhrase(rels []relationHit, a *attribution) []relationHit {
	if a.spkFrom >= a.cueTok {
		return rels
	}
	out := rels[:0]
	for _, h := range rels {
		if (h.rel.Type == sitrep.LinkedTo || h.rel.Type == sitrep.Supports) && h.tok >= a.spkFrom && h.tok < a.cueTok {
			continue
		}
		out = append(out, h)
	}
	return out
}

// denialCues introduce what the speaker denies: "denied that its soldiers
// killed anyone".
var denialCues = wordSet("denied|denies|deny|denying|rejected|rejects|reject|rejecting|refuted|refutes|refute|dismissed|dismisses")

// denied turns the blame a denial reports into the denial: under "denied
// that", "its soldiers killed anyone" is neither a claim of responsibility
// nor an accusation, but the speaker's denial of the incident.
func denied(rels []relationHit, speaker ref, toks []text.Token, cue int) []relationHit {
	out := rels[:0]
	seen := false
	for _, h := range rels {
		if h.incident && h.rel.Type == sitrep.Denies && h.subj.ID == speaker.ID {
			seen = true // the denial is stated already: "rejected claims that …"
		}
	}
	for _, h := range rels {
		if h.incident && (h.rel.Type == sitrep.ClaimsResponsibility || h.rel.Type == sitrep.ResponsibleFor) && !anotherCue(toks, cue, h.tok) {
			if seen {
				continue
			}
			seen = true
			h.rel = sitrep.Relation{Type: sitrep.Denies, Subject: speaker.ActorRef}
			h.subj, h.act = speaker, false
		}
		out = append(out, h)
	}
	return out
}

// anotherCue reports a speech cue between the cue at token from and token
// to: "denied the accusation, and accused the regional forces of being
// responsible" blames the forces outside the denial.
func anotherCue(toks []text.Token, from, to int) bool {
	for k := max(from+1, 0); k <= to && k < len(toks); k++ {
		if speechCueWords[toks[k].Lower] {
			return true
		}
	}
	return false
}

// addRelations puts the first relation on c and a copy of c for each other.
// A speech act reported inside another's statement ("State media said the
// group claimed responsibility", "a charge denied by X") is the act's own
// claim: its subject speaks. A statement about several incidents ("claimed
// responsibility for two attacks") holds a relation to each.
func (d *docState) addRelations(c *claim, rels []relationHit, si int) {
	for _, h := range rels {
		for k, ev := range d.incidentsOf(si, h) {
			if h.act && speechActs[h.rel.Type] && h.subj.ID != "" && h.subj.ID != c.speaker.ID && isActorType(h.subj.typ) && !d.speaksFor(c.speaker, h.subj.ID) {
				n := &claim{speaker: h.subj, cue: c.cue, from: c.from, to: c.to, sents: []int{si}}
				if toks := d.rd.Sentences[si].Tokens; h.tok >= 0 && h.tok < len(toks) && toks[h.tok].Kind == text.Word {
					n.cue = toks[h.tok].Lower // the act's own verb: "a charge they deny"
				}
				d.setRelation(n, h, si)
				if k > 0 || ev != nil {
					n.incident = ev
				}
				if h.accused {
					d.deniedAccusation(n, si)
				}
				d.claims = append(d.claims, n)
				continue
			}
			target := c
			if c.rel != nil {
				cp := *c
				cp.sents = []int{si}
				target = &cp
				d.claims = append(d.claims, target)
			}
			d.setRelation(target, h, si)
			if k > 0 || ev != nil {
				target.incident = ev
			}
			if h.accused {
				d.deniedAccusation(target, si)
			}
		}
	}
}

// deniedAccusation gives the denial c of what its speaker was accused of
// the accusation's object: "Pakistan accused India of backing the BLA, a
// charge India rejected" denies the backing of the BLA, not an incident.
// The accusation is the latest claim of another speaker, in this sentence or
// the three before, with the denier as its subject.
func (d *docState) deniedAccusation(c *claim, si int) {
	for k := len(d.claims) - 1; k >= 0; k-- {
		a := d.claims[k]
		if a == c || a.rel == nil || len(a.sents) == 0 {
			continue
		}
		if s := a.sents[len(a.sents)-1]; s < si-3 || s > si {
			continue
		}
		if a.speaker.ID == c.speaker.ID || a.rel.Subject.ID != c.rel.Subject.ID {
			continue
		}
		switch a.rel.Type {
		case sitrep.Supports, sitrep.LinkedTo:
			if len(a.refs) < 2 {
				continue
			}
			c.rel.Object = a.rel.Object
			c.refs = []ref{c.refs[0], a.refs[1]}
			c.incident, c.incName = nil, ""
			return
		case sitrep.ResponsibleFor:
			if a.incident != nil || a.incName != "" {
				c.incident, c.incName = a.incident, a.incName
			} else if len(a.refs) == 2 {
				c.rel.Object = a.rel.Object
				c.refs = []ref{c.refs[0], a.refs[1]}
				c.incident, c.incName = nil, ""
			}
			return
		}
	}
}

// incidentsOf lists the events of a statement about several incidents
// ("two separate attacks", "both bombings"); for any other relation it is
// one nil, the incident being found by setRelation.
func (d *docState) incidentsOf(si int, h relationHit) []*event {
	none := []*event{nil}
	if !h.incident || h.incTok < 0 {
		return none
	}
	toks := d.rd.Sentences[si].Tokens
	w := toks[h.incTok].Lower
	if !strings.HasSuffix(w, "s") || !incidentWord(w) {
		return none
	}
	n := 0
	for k := h.incTok - 1; k >= 0 && h.incTok-k <= 3; k-- {
		switch toks[k].Lower {
		case "two", "both", "twin":
			n = 2
		case "three":
			n = 3
		case "four":
			n = 4
		}
	}
	if n == 0 {
		return none
	}
	var evs []*event
	for _, e := range d.events {
		if namesType(e.typ, h.incType) && e.sents[0] >= si-8 && e.sents[0] <= si+8 {
			evs = append(evs, e)
		}
	}
	if len(evs) < 2 {
		return none
	}
	if len(evs) > n {
		evs = evs[:n]
	}
	return evs
}

// verbParticles follow a verb and precede its object: "carried out the
// attack", "shot down a jet".
var verbParticles = wordSet("out|up|off|on|down|away")

// speechActs are relations that are themselves statements of their subject.
var speechActs = map[string]bool{sitrep.ClaimsResponsibility: true, sitrep.Denies: true, sitrep.Condemns: true, sitrep.Demands: true}

// setRelation gives c the relation h, finding the incident it is about.
func (d *docState) setRelation(c *claim, h relationHit, si int) {
	r := h.rel
	c.rel = &r
	c.refs = []ref{h.subj}
	c.incident, c.incName = nil, ""
	if !h.incident {
		c.refs = append(c.refs, h.obj)
		return
	}
	c.incName = "the incident"
	specific := false
	if h.incTok >= 0 {
		toks := d.rd.Sentences[si].Tokens
		from, to := npRight(toks, h.incTok)
		if from > h.incTok || to <= from {
			from, to = h.incTok, h.incTok+1
		}
		// the words before the incident noun that tell it from others:
		// "the hospital assault", "the July attack", "an attack in which …"
		b := h.incTok
		for b > 0 && h.incTok-b < 4 && !hardPunct(toks[b-1]) && !npStop[toks[b-1].Lower] && !speechCueWords[toks[b-1].Lower] &&
			toks[b-1].Lower != "responsibility" && toks[b-1].Lower != "claimed" && toks[b-1].Lower != "claims" &&
			!lightVerbs[toks[b-1].Lower] && !(toks[b-1].Kind == text.Word && (strings.HasSuffix(toks[b-1].Lower, "ing") || strings.HasSuffix(toks[b-1].Lower, "ed"))) {
			// ("the insurgents started their attack": the verb is no part of
			// the incident's name)
			b--
		}
		noun := incidentWord(toks[h.incTok].Lower) // "they hit a target": a verb tells no incident apart
		for b < h.incTok && (verbParticles[toks[b].Lower] || b > 0 && toks[b-1].Lower == "at" && (toks[b].Lower == "least" || toks[b].Lower == "most")) {
			b++ // "carried out the attack", "hit by at least one rocket": no part of the name
		}
		for k := b; k < h.incTok && noun; k++ {
			if !determiners[toks[k].Lower] && !attackModifiers[toks[k].Lower] && toks[k].Lower != "'s" && !d.isDateAt(si, toks[k].Start) {
				specific = true
			}
		}
		if k := h.incTok - 1; k >= 0 && (toks[k].Lower == "a" || toks[k].Lower == "an") && noun {
			specific = true
		}
		if p := spanText(d.text, toks, min(b, from), to); p != "" && noun {
			c.incName = p // a verb ("denied its forces killed anyone") names no incident: "the incident"
		}
	}
	demonstrative := false
	if h.incTok > 0 {
		toks := d.rd.Sentences[si].Tokens
		for k := h.incTok - 1; k >= 0 && k >= h.incTok-3; k-- {
			if demonstratives[toks[k].Lower] || toks[k].Lower == "same" {
				demonstrative = true
			}
		}
	}
	c.incident = d.eventFor(si, h.incType, specific || h.here, demonstrative, c.incName)
}

// eventFor finds the event a statement in sentence si is about: one the
// sentence reports, else the latest reported before it, of the type the
// statement names when it names one.
func (d *docState) eventFor(si int, typ string, specific, demonstrative bool, phrase string) *event {
	var here []*event
	for _, e := range d.events {
		for _, s := range e.sents {
			if s == si {
				here = append(here, e)
				break
			}
		}
	}
	for _, e := range here {
		if namesType(e.typ, typ) {
			return e
		}
	}
	if len(here) > 0 && typ == "" {
		return here[0]
	}
	if specific {
		// "the Kabul attack", "the hospital assault": the event whose place
		// or target the words name, else an incident of its own the
		// document does not report as an event
		if len(here) > 0 {
			return here[0]
		}
		words := strings.ToLower(phrase)
		for _, e := range d.events {
			if typ != "" && !namesType(e.typ, typ) {
				continue
			}
			if e.place != nil && e.place.name != "" && indexWord(words, strings.ToLower(e.place.name)) >= 0 {
				return e
			}
			for _, t := range e.targets {
				for _, w := range strings.Fields(strings.ToLower(t.Name)) {
					if len(w) > 3 && !determiners[w] && indexWord(words, w) >= 0 {
						return e
					}
				}
			}
		}
		return nil
	}
	// "the attack": the incident the report leads with among those before
	// (after, for a headline); "that shooting": the one just told
	var best, after, nearest *event
	for _, e := range d.events {
		if typ != "" && !namesType(e.typ, typ) {
			continue
		}
		if e.sents[0] > si {
			if after == nil {
				after = e
			}
			continue
		}
		if best == nil {
			best = e
		}
		if nearest == nil || e.sents[len(e.sents)-1] >= nearest.sents[len(nearest.sents)-1] {
			nearest = e
		}
	}
	if demonstrative && nearest != nil || nearest != nil && definitePlural(phrase) {
		// "the bombings were organised by X": the incidents told last,
		// not the one the report leads with
		return nearest
	}
	if best == nil && len(here) > 0 {
		return here[0]
	}
	if best == nil && d.rd.Sentences[si].Para == 0 {
		return after
	}
	return best
}

// definitePlural reports a definite plural incident noun: "the bombings".
func definitePlural(phrase string) bool {
	l := strings.ToLower(phrase)
	return strings.HasPrefix(l, "the ") && strings.HasSuffix(l, "s") && incidentWord(lastWord(l))
}

// namesType: a statement's word for an incident may name it either way
// ("the attack" for a bombing); an empty type names any incident.
func namesType(a, b string) bool {
	return a == "" || b == "" || sameFamily(a, b)
}

// relation renders c's relation, its incident named by the event id the
// output gives it.
func (c *claim) relation(ids map[*event]string) *sitrep.Relation {
	if c.rel == nil {
		return nil
	}
	r := *c.rel
	if c.incident != nil {
		r.Object = sitrep.ActorRef{ID: ids[c.incident], Name: "incident " + ids[c.incident]}
	} else if c.incName != "" {
		r.Object = sitrep.ActorRef{Name: c.incName}
	}
	return &r
}

// named gives an actor the one name the claims use for it: the name the
// document used when the extraction first met it. One actor spoken of in
// several ways ("Al Shabaab", "Somalia's Al Shabaab insurgents") is one
// speaker and one relation end to a reader and to a count.
func (d *docState) named(r sitrep.ActorRef) sitrep.ActorRef {
	if a, ok := d.actors[r.ID]; ok && a.first != "" && r.ID != "" {
		r.Name = a.display()
	}
	return r
}

// display is the name claims give an actor: the name the document first
// used, but a person first named by family name alone ("Asif", in a
// headline) by the fuller name the text also uses ("Khawaja Asif").
func (a *actorAcc) display() string {
	if a.typ != sitrep.Person || strings.IndexByte(a.first, ' ') >= 0 {
		return a.first
	}
	best := a.first
	for _, n := range a.aliases {
		if len(n) > len(best) && strings.HasSuffix(n, " "+a.first) {
			best = n
		}
	}
	if n := a.ref.Name; len(n) > len(best) && strings.HasSuffix(n, " "+a.first) {
		best = n
	}
	return best
}

func (d *docState) namedRelation(r *sitrep.Relation) *sitrep.Relation {
	if r == nil {
		return nil
	}
	r.Subject = d.named(r.Subject)
	if !isEventID(r.Object.ID) {
		r.Object = d.named(r.Object)
	}
	return r
}

// isEventID reports an id the output gives an event ("E3").
func isEventID(id string) bool {
	if len(id) < 2 || id[0] != 'E' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}
