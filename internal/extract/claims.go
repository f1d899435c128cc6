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
				r := h.rel
				d.claims = append(d.claims, &claim{speaker: a.speaker, cue: "", direct: false,
					from: d.rd.Sentences[si].Start, to: d.rd.Sentences[si].End, rel: &r, sents: []int{si}, refs: []ref{h.subj, h.obj}})
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
func (d *docState) addRelations(c *claim, rels []relationHit, si int) {
	for _, h := range rels {
		r := h.rel
		if c.rel == nil {
			c.rel = &r
			c.refs = []ref{h.subj, h.obj}
			continue
		}
		cp := *c
		cp.rel = &r
		cp.refs = []ref{h.subj, h.obj}
		cp.sents = []int{si}
		d.claims = append(d.claims, &cp)
	}
}
