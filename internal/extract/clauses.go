package extract

import (
	"sitrep"
	"sitrep/internal/recognise"
	"sitrep/internal/text"
)

// A sentence can report several incidents: "X was abducted in Panjgur on
// July 20, Y was taken from Buleda on July 22", "police shot dead a man and
// arrested 376 others", "eleven troops were killed in Khyber, while seven
// policemen were killed in a bombing in Dera Ismail Khan". candidates cuts
// such a sentence at the joints between its trigger words, reads each part
// on its own, and joins the parts back unless they tell incidents apart: a
// different date or place, a different kind of act with its own victims,
// or a contrast ("while") between two tolls.

// joints are the words a sentence can be cut at between two triggers.
var joints = wordSet(",|;|and|while|whereas|but|after|before|as|when|where|since|followed|follows|following")

// candidates reads the incidents a sentence reports.
func (d *docState) candidates(si int) []*event {
	whole := d.candidate(si)
	if whole != nil && whole.generic {
		// a habitual, generic or future statement is so in every part
		return []*event{whole}
	}
	hits := d.allTriggers(si)
	if whole == nil && !d.visitWithIncident(si, hits) {
		return nil
	}
	if len(hits) < 2 {
		return nonNil(whole)
	}
	toks := d.rd.Sentences[si].Tokens
	// cut before the joint nearest each later trigger
	var cuts []int
	for k := 1; k < len(hits); k++ {
		for j := hits[k].tok - 1; j >= hits[k-1].end; j-- {
			if joints[toks[j].Lower] {
				// ", and", ", while": cut before the comma
				if j > hits[k-1].end && toks[j-1].Lower == "," {
					j--
				}
				cuts = append(cuts, j)
				break
			}
		}
	}
	if len(cuts) == 0 {
		return nonNil(whole)
	}
	var parts []*event
	var connectors []string
	from := 0
	for i, cut := range append(cuts, len(toks)) {
		if cut <= from {
			continue
		}
		c := d.clipped(si, from, cut, d.candidate)
		if c != nil && c.trigTok > 0 {
			// "in the assault on the town, which continued until …": a
			// definite mention of the incident the sentence already tells
			switch toks[from+c.trigTok-1].Lower {
			case "the", "this", "that", "ensuing", "same":
				c.anaphor = true
			}
		}
		if c != nil && !c.generic {
			c.trigTok += from
			parts = append(parts, c)
			conn := ""
			if from > 0 {
				conn = toks[from].Lower
				if conn == "," && from+1 < len(toks) {
					conn = toks[from+1].Lower
				}
			}
			connectors = append(connectors, conn)
		}
		if i < len(cuts) {
			from = cut
		}
	}
	if len(parts) == 0 || whole == nil && len(parts) == 1 {
		if whole == nil {
			return parts
		}
		return []*event{whole}
	}
	// join parts that tell one incident
	out := []*event{parts[0]}
	for k := 1; k < len(parts); k++ {
		prev, c := out[len(out)-1], parts[k]
		if !d.apart(prev, c, connectors[k]) {
			prev.absorbPart(c)
			continue
		}
		c.split = true
		out = append(out, c)
	}
	if len(out) == 1 && whole != nil {
		return []*event{whole} // one incident: read as a whole
	}
	{
		// a part that says no date or place of its own shares the sentence's
		for _, c := range out {
			for _, o := range out {
				if c.date == nil && o.date != nil && !o.dateWeak {
					c.date = o.date
				}
				if c.place == nil && o.place != nil && (o.typ != sitrep.Visit || c.typ == sitrep.Visit) {
					// where a visitor was is no clash's place: "who was on a
					// visit to India when the border clashes began"
					c.place = o.place
				}
			}
			c.specific = true
		}
	}
	return out
}

// nonNil is the candidate alone, or none.
func nonNil(e *event) []*event {
	if e == nil {
		return nil
	}
	return []*event{e}
}

// visitWithIncident reports a sentence whose main word is a visit or
// meeting that is no incident itself, while another part tells a violent
// one: "officials will visit the south, where militants bombed a church".
func (d *docState) visitWithIncident(si int, hits []hit) bool {
	h, ok := d.mainTrigger(si)
	if !ok || h.typ != sitrep.Visit {
		return false
	}
	for _, o := range hits {
		if o.tok > h.tok && violentType(o.typ) && o.verbal {
			return true
		}
	}
	return false
}

// apart reports two parts of one sentence that tell different incidents.
func (d *docState) apart(a, b *event, connector string) bool {
	if b.anaphor {
		return false
	}
	if conflicts(a, b) {
		return true
	}
	if (connector == "while" || connector == "whereas") && a.killed.set() && b.killed.set() {
		return true // "eleven were killed in Khyber, while seven were killed in …"
	}
	if a.subjectRef != "" && a.subjectRef != "incident" && !sameFamily(a.typ, b.typ) && (b.typ == sitrep.Protest || connector == "as" || connector == "while" || connector == "when") {
		// "The latest raid came as protesters blocked roads in the capital":
		// the incident told before, and another of another kind
		return true
	}
	if connector == "since" {
		return true // "the deadliest since bombings killed 200 in January": an earlier incident
	}
	if (a.typ == sitrep.Visit) != (b.typ == sitrep.Visit) {
		return true // a visit is never part of an attack it follows
	}
	if !sameFamily(a.typ, b.typ) && (a.typ == sitrep.Arrest || b.typ == sitrep.Arrest) {
		// "shot dead a man and arrested 376 others"; an attack in which
		// people are abducted stays one hostage taking, as GTD and ACLED
		// code it
		return !b.backRef
	}
	return false
}

// absorbPart joins a part of the same sentence to the part before it.
func (e *event) absorbPart(c *event) {
	split := e.split
	e.absorb(c)
	e.sents = e.sents[:len(e.sents)-1] // one sentence
	e.split = split
}

// allTriggers returns the trigger words of the sentence that report an
// incident, in order and without overlap.
func (d *docState) allTriggers(si int) []hit {
	toks := d.rd.Sentences[si].Tokens
	var out []hit
	for i := 0; i < len(toks); i++ {
		ts := triggers[toks[i].Lower]
		if t, ok := bodiesFoundApart(toks, i); ok {
			ts = []trigger{t}
		}
		for _, t := range ts {
			if !matchWords(toks, i, t.words) {
				continue
			}
			h := hit{trigger: t, tok: i, end: i + len(t.words)}
			if d.rejectTrigger(si, h) {
				break
			}
			out = append(out, h)
			i = h.end - 1
			break
		}
	}
	return out
}

// clipped runs f on sentence si narrowed to its tokens [from, to): its
// text, tokens and mentions are those of the part alone.
func (d *docState) clipped(si, from, to int, f func(int) *event) *event {
	orig := d.rd.Sentences[si]
	d.whole = &orig
	defer func() { d.rd.Sentences[si], d.whole = orig, nil }()
	d.rd.Sentences[si] = clipSentence(d.rd, orig, from, to)
	return f(si)
}

func clipSentence(rd *recognise.Reading, s recognise.Sentence, from, to int) recognise.Sentence {
	c := s
	c.Tokens = s.Tokens[from:to]
	c.Start, c.End = c.Tokens[0].Start, c.Tokens[len(c.Tokens)-1].End
	narrow := func(r [2]int, at func(int) int) [2]int {
		lo, hi := r[0], r[1]
		for lo < hi && at(lo) < c.Start {
			lo++
		}
		for hi > lo && at(hi-1) >= c.End {
			hi--
		}
		return [2]int{lo, hi}
	}
	c.Dates = narrow(s.Dates, func(k int) int { return rd.Dates[k].Start })
	c.Numbers = narrow(s.Numbers, func(k int) int { return rd.Numbers[k].Start })
	c.Actors = narrow(s.Actors, func(k int) int { return rd.Actors[k].Start })
	c.Places = narrow(s.Places, func(k int) int { return rd.Places[k].Start })
	return c
}

// backRefWords point back to the victims of the part before: "abducted
// and killed him", "kidnapped five and killed two of them".
var backRefWords = wordSet("him|her|them|it")

// refersBack reports a part whose object is a pronoun.
func refersBack(toks []text.Token, h hit) bool {
	for k := h.end; k < len(toks) && k < h.end+4; k++ {
		if backRefWords[toks[k].Lower] {
			return true
		}
		if toks[k].Kind == text.Punct {
			break
		}
	}
	return false
}
