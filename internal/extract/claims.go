package extract

import (
	"sitrep"
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
		if a == nil || !a.resolved && !a.indefinite {
			continue
		}
		q := d.rd.Sentences[si].Quote
		toks := d.rd.Sentences[si].Tokens
		rels := d.relationsIn(si, 0, len(toks), a.speaker)
		if a.inherited && a.cue == "" {
			// reported speech carried over from the sentences around: its
			// relations are the speaker's, but it is not a new statement
			for _, h := range rels {
				c := &claim{speaker: a.speaker, cue: "", direct: false,
					from: d.rd.Sentences[si].Start, to: d.rd.Sentences[si].End, sents: []int{si}}
				d.setRelation(c, h, si)
				d.claims = append(d.claims, c)
			}
			continue
		}
		if q >= 0 {
			if ci, ok := seenQuote[q]; ok {
				c := d.claims[ci]
				c.sents = append(c.sents, si)
				d.addRelations(c, rels, si)
				continue
			}
		}
		c := &claim{speaker: a.speaker, cue: a.cue, direct: a.direct, from: a.textFrom, to: a.textTo, sents: []int{si}}
		if c.cue == "" {
			c.cue = "said"
		}
		d.claims = append(d.claims, c)
		if q >= 0 {
			seenQuote[q] = len(d.claims) - 1
		}
		d.addRelations(c, rels, si)
		// the others of a list of speakers make the same statement
		for _, sp := range a.also {
			o := &claim{speaker: sp, cue: c.cue, direct: c.direct, from: c.from, to: c.to, sents: []int{si}}
			d.claims = append(d.claims, o)
			d.addRelations(o, d.relationsIn(si, 0, len(toks), sp), si)
		}
	}
}

// addRelations puts the first relation on c and a copy of c for each other.
// A speech act reported inside another's statement ("State media said the
// group claimed responsibility", "a charge denied by X") is the act's own
// claim: its subject speaks.
func (d *docState) addRelations(c *claim, rels []relationHit, si int) {
	for _, h := range rels {
		if h.act && speechActs[h.rel.Type] && h.subj.ID != "" && h.subj.ID != c.speaker.ID && isActorType(h.subj.typ) && !d.speaksFor(c.speaker, h.subj.ID) {
			n := &claim{speaker: h.subj, cue: c.cue, from: c.from, to: c.to, sents: []int{si}}
			d.setRelation(n, h, si)
			d.claims = append(d.claims, n)
			continue
		}
		if c.rel == nil {
			d.setRelation(c, h, si)
			continue
		}
		cp := *c
		cp.sents = []int{si}
		d.setRelation(&cp, h, si)
		d.claims = append(d.claims, &cp)
	}
}

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
	c.incident = d.eventFor(si, h.incType)
	c.incName = "the incident"
	if h.incTok >= 0 {
		toks := d.rd.Sentences[si].Tokens
		from, to := npRight(toks, h.incTok)
		if from > h.incTok || to <= from {
			from, to = h.incTok, h.incTok+1
		}
		if p := spanText(d.text, toks, from, to); p != "" {
			c.incName = p
		}
	}
}

// eventFor finds the event a statement in sentence si is about: one the
// sentence reports, else the latest reported before it, of the type the
// statement names when it names one.
func (d *docState) eventFor(si int, typ string) *event {
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
		if sameFamily(e.typ, typ) {
			return e
		}
	}
	if len(here) > 0 && typ == "" {
		return here[0]
	}
	var best *event
	bestDist := 1 << 30
	for _, e := range d.events {
		if typ != "" && !sameFamily(e.typ, typ) {
			continue
		}
		for _, s := range e.sents {
			if s <= si && si-s < bestDist {
				best, bestDist = e, si-s
			}
		}
	}
	if best == nil && len(here) > 0 {
		return here[0]
	}
	return best
}

// sameFamily: incident types a statement may name either way ("the attack"
// for a bombing); an empty type names any incident.
func sameFamily(a, b string) bool {
	if a == b || a == "" || b == "" {
		return true
	}
	violent := func(t string) bool {
		switch t {
		case sitrep.Bombing, sitrep.ArmedAttack, sitrep.Assassination, sitrep.Clash:
			return true
		}
		return false
	}
	return violent(a) && violent(b)
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
