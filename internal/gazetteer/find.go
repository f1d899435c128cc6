package gazetteer

import (
	"math"
	"sync"
)

// Mention is a toponym found in a text and the entry it resolves to.
type Mention struct {
	Start, End int    // UTF-8 byte offsets of the toponym in the text
	Text       string // text[Start:End]
	Entry      Entry  // the chosen resolution
	// Demonym marks a nationality word ("Pakistani", "Afghans") resolved
	// to its country. It names a country without placing anything there:
	// use it as evidence, not as an event's location.
	Demonym bool
	// InName marks a place named inside a longer name: an organisation,
	// an office or a party label ("Georgia Bureau of Investigation",
	// "Alaska Gov. Sarah Palin", "a Decatur Democrat"). The text names
	// the place without placing anything there.
	InName bool
}

// span is a candidate toponym during recognition.
type span struct {
	i, e      int // token range [i, e)
	dot       bool
	steer     Kind
	dateline  bool
	demonym   bool
	drop      bool
	container int // index of the span that contains this one ("X, Y": Y), or -1
	near      bool
	cands     []scored
	best      int
	vote      float32
	voteCC    string
	voteA1    int32
	id        *cand // identifies the name: spans of one name share it
	voter     int   // the span that votes for this name (its first)
	person    bool  // dropped as part of a person's name
	named     bool  // after a title or a first name: surely a person's name
	anchored  bool  // local evidence (container, kind cue) backs a candidate
	unheard   bool  // dropped as a weak name without support around it
	inName    bool  // starts the name of an organisation or office
}

type scored struct {
	c     cand
	base  float32 // prior + local evidence
	score float32
}

type state struct {
	toks  []token
	norm  []byte
	key   []byte
	spans []span
	cbuf  []scored
	cc    []ccVote
	a1    []a1Vote
}

// Votes carry the last span that cast one, so that a span with many
// candidates in one country or province votes there once.
type ccVote struct {
	cc   string
	v    float32
	last int32
}

type a1Vote struct {
	e    int32
	v    float32
	last int32
}

var statePool = sync.Pool{New: func() any { return new(state) }}

// Find recognises and resolves every toponym in text. Mentions come in
// text order and do not overlap.
func (g *Gazetteer) Find(text string) []Mention {
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	st.toks, st.norm = tokenize(text, st.toks[:0], st.norm[:0])
	markCaps(st.toks)
	st.spans = st.spans[:0]
	st.cbuf = st.cbuf[:0]
	g.match(st)
	if len(st.spans) == 0 {
		return nil
	}
	g.filter(text, st)
	g.dropSurnames(st)
	g.resolve(st)
	var out []Mention
	for k := range st.spans {
		s := &st.spans[k]
		if s.drop || len(s.cands) == 0 {
			continue
		}
		start, end := int(st.toks[s.i].start), int(st.toks[s.e-1].end)
		last := st.toks[s.e-1]
		if s.dot || (last.flags&fInnerDot != 0 && last.flags&fDot != 0) {
			end++ // the abbreviation's dot belongs to it: "U.S.", "Kan."
		}
		if out == nil {
			out = make([]Mention, 0, len(st.spans))
		}
		out = append(out, Mention{Start: start, End: end, Text: text[start:end], Entry: g.entries[s.cands[s.best].c.e],
			// "Malian" chosen as Mali's adjective is a demonym, though a
			// village of China bears the name too
			Demonym: s.demonym || s.cands[s.best].c.f&cDemonym != 0, InName: s.inName})
	}
	return out
}

// word is token k's normalised form. It is a view into the norm buffer:
// map look-ups with string(word) do not allocate.
func (st *state) word(k int) []byte {
	t := st.toks[k]
	return st.norm[t.ns:t.ne]
}

func in(m map[string]bool, w []byte) bool { return m[string(w)] }

func inSet(m map[string]struct{}, w []byte) bool {
	_, ok := m[string(w)]
	return ok
}

func (g *Gazetteer) match(st *state) {
	toks := st.toks
	for i := 0; i < len(toks); {
		t := toks[i]
		caps := t.flags&fCaps != 0
		if t.flags&fDigit != 0 || (!caps && t.flags&fCap == 0) {
			i++
			continue
		}
		ml := g.maxLen.longest(st.norm[t.ns:t.ne])
		if ml == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && j < i+ml && toks[j].flags&fGlue != 0 && toks[j].flags&fDigit == 0 {
			j++
		}
		found := false
		for e := j; e > i; e-- {
			if !caps && !capsOK(st, i, e) {
				continue
			}
			st.key = appendKey(st.key[:0], toks, st.norm, i, e)
			if toks[e-1].flags&fDot != 0 {
				st.key = append(st.key, '.')
				if cs, ok := g.names.lookup(st.key); ok {
					g.addSpan(st, i, e, true, cs)
					i, found = e, true
					break
				}
				st.key = st.key[:len(st.key)-1]
			}
			if cs, ok := g.names.lookup(st.key); ok {
				g.addSpan(st, i, e, false, cs)
				i, found = e, true
				break
			}
		}
		if !found {
			i++
		}
	}
}

// capsOK: in mixed-case text every word of a name is capitalised except
// the particles of multi-word names ("Bay of Islands", "Beir al-Abd").
func capsOK(st *state, i, e int) bool {
	if st.toks[i].flags&fCap == 0 || st.toks[e-1].flags&fCap == 0 {
		return false
	}
	for k := i + 1; k < e-1; k++ {
		if st.toks[k].flags&fCap == 0 {
			// "Pakistan-administered Kashmir": a lower-case word
			// hyphened to a capitalised one is part of its compound.
			hyphened := st.toks[k].flags&fHyphen != 0 && st.toks[k-1].flags&fCap != 0
			if !in(particles, st.word(k)) && !hyphened {
				return false
			}
		}
	}
	return true
}

func (g *Gazetteer) addSpan(st *state, i, e int, dot bool, cs []cand) {
	start := len(st.cbuf)
	demonym := true
	t := st.toks[i]
	// A short all-capitals word in mixed-case text is an acronym ("EU",
	// "KP"): it names only what the data writes in capitals too.
	acronym := e == i+1 && t.flags&fUpper != 0 && t.flags&fCaps == 0 && t.ne-t.ns <= 3
	for _, c := range cs {
		if acronym && c.f&cAcronym == 0 {
			continue
		}
		st.cbuf = append(st.cbuf, scored{c: c, base: g.rank(c)})
		if c.f&cDemonym == 0 {
			demonym = false
		}
	}
	if len(st.cbuf) == start {
		return
	}
	st.spans = append(st.spans, span{i: i, e: e, dot: dot, demonym: demonym, container: -1, id: &cs[0], cands: st.cbuf[start:len(st.cbuf):len(st.cbuf)]})
}

// filter decides, from the words around each candidate, whether it is a
// toponym at all: kind cues, person and organisation names, ordinary words
// that happen to be place names.
func (g *Gazetteer) filter(text string, st *state) {
	toks := st.toks
	spans := st.spans
	for k := range spans {
		s := &spans[k]
		first := toks[s.i]
		caps := first.flags&fCaps != 0
		// "X, Y": Y may contain X. "X neighbourhood of Y" too, by distance.
		if k+1 < len(spans) {
			n := &spans[k+1]
			if n.i == s.e && toks[n.i].flags&fContainerGap != 0 {
				s.container = k + 1
			} else if n.i == s.e+2 && in(areaWords, st.word(s.e)) && in(areaLinks, st.word(s.e+1)) {
				s.container, s.near = k+1, true
			}
		}
		// Kind cues: "Kech district", "Balochistan province", "city of X".
		if s.e < len(toks) && toks[s.e].flags&fGlue != 0 && toks[s.e].flags&fHyphen == 0 {
			s.steer = steerAfter[string(st.word(s.e))]
		}
		if s.steer == 0 && s.i >= 2 && string(st.word(s.i-1)) == "of" {
			s.steer = steerBefore[string(st.word(s.i-2))]
		}
		// Datelines: "QUETTA, Pakistan —", "Paris [France], Feb 8 (ANI):".
		if first.flags&fLineStart != 0 && first.start < 400 && s.e < len(toks) {
			gap := text[toks[s.e-1].end:toks[s.e].start]
			if toks[s.e].flags&fContainerGap != 0 || hasDash(gap) || (len(gap) > 0 && gap[0] == ':') {
				s.dateline = first.flags&fUpper != 0 || toks[s.e].flags&fContainerGap != 0
			}
		}
		// Container-only aliases ("Ind.") need a place before the comma.
		if hasFlag(s.cands, cContainerOnly) {
			isContainer := k > 0 && spans[k-1].e == s.i && first.flags&fContainerGap != 0
			// "Missing Ill. man", "Western Mass. stargazers": before a
			// lower-case word the abbreviation is an adjective of its state.
			adjective := (s.dot || toks[s.e-1].flags&fDot != 0) && s.e < len(toks) && toks[s.e].flags&(fCap|fDigit) == 0
			if !isContainer && !adjective {
				s.cands = without(s.cands, cContainerOnly)
				if len(s.cands) == 0 {
					s.drop = true
					continue
				}
			}
		}
		if numberedName(text, int(toks[s.e-1].end)) {
			// "Chak 99-GB", "Chak 52/WB": a numbered village, not the
			// place the first word names
			s.drop = true
			continue
		}
		if s.e-s.i == 1 && in(institutionWords, st.word(s.i)) && !s.dateline && (s.container < 0 || s.near) {
			// "an address to Congress", "Iranian Supreme Leader", "in
			// English": only "Congress, Arizona" makes the hamlet.
			s.drop = true
			continue
		}
		if g.personLike(st, k, caps) {
			s.drop, s.person = true, true
			continue
		}
		if g.followedByName(st, k, caps) {
			if !g.startsName(st, s) {
				s.drop = true
				continue
			}
			s.inName = true
		}
		if g.weak(st, s, caps) && !g.supported(st, k) {
			s.drop, s.unheard = true, true
		}
	}
	g.echoes(st)
}

// numberedName reports a name ending at offset end that goes on with a
// number and a letter code: " 99-GB", " 52/WB", " 146-P".
func numberedName(text string, end int) bool {
	k := end
	if k >= len(text) || text[k] != ' ' {
		return false
	}
	k++
	d := k
	for k < len(text) && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	if k == d || k >= len(text) || text[k] != '-' && text[k] != '/' {
		return false
	}
	k++
	return k < len(text) && text[k] >= 'A' && text[k] <= 'Z'
}

// echoes keeps a weak name the text has already shown to be a place
// elsewhere, where it names the place of an incident: once "the attack in
// Pahalgam" names the town, "the Pahalgam attack" names it too. Elsewhere
// an echo proves little: a surname that is also a town ("Brown", "Walker")
// echoes its own false reading.
func (g *Gazetteer) echoes(st *state) {
	var placed map[string]bool
	for k := range st.spans {
		if s := &st.spans[k]; !s.drop && s.e-s.i == 1 && !s.demonym {
			if placed == nil {
				placed = map[string]bool{}
			}
			placed[string(st.word(s.i))] = true
		}
	}
	for k := range st.spans {
		s := &st.spans[k]
		if !s.unheard || !placed[string(st.word(s.i))] || s.e >= len(st.toks) || st.toks[s.e].flags&fCap != 0 {
			continue
		}
		w := st.word(s.i)
		if !in(incidentNouns, st.word(s.e)) || inSet(g.common, w) || in(regionWords, w) {
			continue
		}
		s.drop, s.unheard = false, false
	}
}

// dropSurnames: once "David Boren" shows a name to be a person's, the bare
// "Boren" elsewhere in the text is that person too. Before a country's or
// a province's name, a capitalised word that is no first name or title
// proves less ("Movement for United Georgia"): it drops only the mention
// it stands before.
func (g *Gazetteer) dropSurnames(st *state) {
	spans := st.spans
	for k := range spans {
		if !spans[k].person || spans[k].e-spans[k].i != 1 || !spans[k].named && g.largeDivision(&spans[k]) {
			continue
		}
		for j := range spans {
			if spans[j].id == spans[k].id {
				spans[j].drop = true
			}
		}
	}
}

func hasDash(gap string) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '\t', ']', ')':
			continue
		case '-':
			return true
		}
		return gap[i] == 0xE2 // em/en dash
	}
	return false
}

func hasFlag(cs []scored, f uint8) bool {
	for _, c := range cs {
		if c.c.f&f != 0 {
			return true
		}
	}
	return false
}

func without(cs []scored, f uint8) []scored {
	out := cs[:0]
	for _, c := range cs {
		if c.c.f&f == 0 {
			out = append(out, c)
		}
	}
	return out
}

// personLike reports a candidate that ends a person's name: "Sarfraz
// Bugti", "Mr. Jackson".
func (g *Gazetteer) personLike(st *state, k int, caps bool) bool {
	s := &st.spans[k]
	toks := st.toks
	if s.i > 0 && toks[s.i].flags&fGlue != 0 && toks[s.i].flags&fHyphen == 0 {
		p := toks[s.i-1]
		pw := st.word(s.i - 1)
		if in(offices, pw) && g.jurisdiction(s) {
			return false // "Chief Minister Balochistan", "Deputy Commissioner Islamabad": the office's territory
		}
		if in(titles, pw) {
			s.named = true
			return true
		}
		partOfPrev := k > 0 && st.spans[k-1].e == s.i
		if !partOfPrev && p.flags&fCap != 0 && p.flags&fDigit == 0 && !in(notNames, pw) {
			common, name := inSet(g.common, pw), inSet(g.first, pw)
			s.named = name && !common
			if caps {
				if name && !common {
					return true
				}
			} else if !common && !in(particles, pw) && !in(kindWords, pw) && p.flags&fSentStart == 0 || (name && !common && p.flags&fSentStart != 0) {
				return true
			}
		}
	}
	return false
}

// largeDivision reports a candidate that can be a country or a province.
func (g *Gazetteer) largeDivision(s *span) bool {
	for _, c := range s.cands {
		if k := g.entries[c.c.e].Kind; c.c.f&cDemonym == 0 && (k == Country || k == Admin1) {
			return true
		}
	}
	return false
}

// jurisdiction reports a candidate that can be the territory of an office:
// a country, a province or district, or a large city.
func (g *Gazetteer) jurisdiction(s *span) bool {
	for _, c := range s.cands {
		en := &g.entries[c.c.e]
		if c.c.f&cDemonym == 0 && (en.Kind == Country || en.Kind == Admin1 || en.Kind == Admin2 || en.Population >= 500000) {
			return true
		}
	}
	return false
}

// followedByName reports a candidate that starts a longer capitalised
// name that is not a place: "Paris Hilton", "Jackson Pollock".
func (g *Gazetteer) followedByName(st *state, k int, caps bool) bool {
	s := &st.spans[k]
	toks := st.toks
	if s.demonym || s.e >= len(toks) || caps {
		return false
	}
	n := toks[s.e]
	if n.flags&fGlue == 0 || n.flags&fHyphen != 0 || n.flags&fCap == 0 || n.flags&fDigit != 0 || toks[s.e-1].flags&fPoss != 0 {
		return false
	}
	nw := st.word(s.e)
	if inSet(g.common, nw) || in(particles, nw) || in(kindWords, nw) || in(notNames, nw) {
		return false
	}
	// "Houston Texas": the next word starts a place that can contain this.
	if k+1 < len(st.spans) && st.spans[k+1].i == s.e {
		for _, c := range st.spans[k+1].cands {
			if kd := g.entries[c.c.e].Kind; kd == Country || kd == Admin1 {
				return false
			}
		}
	}
	return true
}

// startsName reports a place that followedByName found before a
// capitalised word when that word begins the name of an organisation, an
// office or a party label ("Georgia Bureau", "Ohio Senate", "a Kettering
// Republican"), or when the place's name has several words. A single
// word before another name ("Mali Khel", "DC Asmatullah") may be a
// person's or a clan's name.
func (g *Gazetteer) startsName(st *state, s *span) bool {
	w := st.word(s.i)
	if s.e-s.i == 1 {
		// "University President", "North Memorial", "English Catholic":
		// an ordinary word opening a name is that word, not a hamlet.
		common := inSet(g.common, w) && !acronym(st.toks[s.i], s)
		if common || in(notNames, w) || in(regionWords, w) || compass(w) || hasFlag(s.cands, cDemonym) {
			return false
		}
	}
	nw := st.word(s.e)
	if in(nameHeads, nw) {
		return true
	}
	// "Meadow Grove Township", "San Fernando City Councilwoman": a name
	// of several words is seldom a person's, unless it opens with a
	// title ("Police Chief Joseph Faughnan"), a saint ("St. James United
	// Methodist") or a compass word ("North West Bicester").
	return s.e-s.i > 1 && !in(titles, w) && !compass(w) && string(w) != "st" && string(w) != "saint"
}

// acronym reports a token written as an acronym of one of the span's
// names: "U.S. Senate" is no pronoun.
func acronym(t token, s *span) bool {
	return (t.flags&(fDot|fInnerDot) != 0 || t.flags&fUpper != 0 && t.ne-t.ns > 1) && hasFlag(s.cands, cAcronym)
}

// compass reports a word that opens with a compass point: "north",
// "Southeastern".
func compass(w []byte) bool {
	for _, p := range [...]string{"north", "south", "east", "west"} {
		if len(w) >= len(p) && string(w[:len(p)]) == p {
			return true
		}
	}
	return false
}

// weak reports a single-word candidate that needs support from context to
// count: an ordinary English word ("Reading", "Mobile", "Police"), a first
// name ("Austin", "Florence"), a name known only as some foreign
// alternate, or, in all-capitals text, any small place.
func (g *Gazetteer) weak(st *state, s *span, caps bool) bool {
	if s.e-s.i == 2 && string(st.word(s.i)) == "the" && inSet(g.common, st.word(s.i+1)) {
		return true // "The Post wrote": a paper's name, though GeoNames knows it as a town's nickname
	}
	if s.e-s.i > 1 || s.demonym && !caps {
		return false
	}
	w := st.word(s.i)
	common, name := inSet(g.common, w) || in(regionWords, w), inSet(g.first, w)
	if t := st.toks[s.i]; common && !caps && (t.flags&fCaps != 0 && t.ne-t.ns > 1 || t.flags&fDot != 0) && hasFlag(s.cands, cAcronym) {
		common = false // "U.S. officials said", "US tries to…": an acronym, not the pronoun, even opening a sentence
	}
	big, state, allAlt, maxPop := false, false, true, 0
	for _, c := range s.cands {
		en := &g.entries[c.c.e]
		if c.c.f&cDemonym != 0 {
			continue
		}
		if en.Kind == Country {
			big = true
		} else if en.Kind == Admin1 {
			state = true
		}
		if c.c.f&cAlt == 0 {
			allAlt = false
		}
		maxPop = max(maxPop, en.Population)
	}
	if caps {
		if s.demonym {
			return common
		}
		t := st.toks[s.i]
		return common || name || (!big && !state && maxPop < 20000) || (t.ne-t.ns <= 2 && !s.dot)
	}
	if common && (!big || st.toks[s.i].flags&fSentStart != 0) {
		return true
	}
	if s.e < len(st.toks) && in(notPlaceAfter, st.word(s.e)) {
		return true // "the Hazara tribe", "the Peca Act", "Molotov cocktails": not where
	}
	if !big && !state && maxPop < 5000 && s.i > 0 && string(st.word(s.i-1)) == "the" && s.e < len(st.toks) && string(st.word(s.e)) == "court" {
		return true // "the Supreme Court": an adjective of an institution, not a hamlet of that name
	}
	return (name && !big && !state && maxPop < 200000) || (allAlt && maxPop < 100000)
}

// supported: the words around a weak candidate make it a place.
func (g *Gazetteer) supported(st *state, k int) bool {
	s := &st.spans[k]
	toks := st.toks
	if s.dateline || s.container >= 0 {
		return true
	}
	// "Gulf Province" names one; "the Gulf state" describes a country.
	if s.steer != 0 && (!in(regionWords, st.word(s.i)) || s.e >= len(toks) || toks[s.e].flags&fCap != 0) {
		return true
	}
	if s.i > 0 {
		pw := st.word(s.i - 1)
		if toks[s.i].flags&fSentStart == 0 && in(locatives, pw) {
			return true
		}
		// "Sen. Ken Cuccinelli, R-Fairfax": a legislator's party and
		// home district.
		if toks[s.i].flags&fHyphen != 0 && toks[s.i-1].flags&fUpper != 0 && in(partyLabels, pw) {
			return true
		}
		if string(pw) == "of" && s.i > 1 && in(ofHeads, st.word(s.i-2)) {
			return true
		}
		// A container of the previous place, or an item of a list of
		// places: "Quetta, Turbat and Gwadar".
		if k > 0 {
			p := &st.spans[k-1]
			if !p.drop && p.e == s.i && toks[s.i].flags&fContainerGap != 0 {
				return true
			}
			if !p.drop && p.e == s.i-1 && (string(pw) == "and" || string(pw) == "or") {
				return true
			}
		}
	}
	return false
}

// resolve chooses an entry for every kept span, from local evidence first
// (containers, kind cues, datelines) and then from the document as a
// whole: the countries and provinces it names and the places it mentions.
func (g *Gazetteer) resolve(st *state) {
	spans := st.spans
	for k := range spans {
		s := &spans[k]
		if s.drop {
			continue
		}
		g.preferSeats(s)
		for x := range s.cands {
			c := &s.cands[x]
			en := &g.entries[c.c.e]
			if s.steer != 0 {
				if en.Kind == s.steer {
					c.base += 6
					s.anchored = true
				} else if s.steer == Point && en.Kind == City {
					c.base += 4
				}
			}
			if s.dateline && (en.Kind == City || en.Kind == Country) {
				c.base += 0.5 * float32(math.Log10(float64(en.Population)+10))
			}
		}
	}
	// Containers: a city in the province or country written after it.
	for k := range spans {
		s := &spans[k]
		if s.drop || s.container < 0 || spans[s.container].drop {
			continue
		}
		c := &spans[s.container]
		any := false
		for x := range s.cands {
			for y := range c.cands {
				if g.contains(c.cands[y].c.e, s.cands[x].c.e, s.near) {
					s.cands[x].base += 8
					c.cands[y].base += 4
					s.anchored = true
					any = true
					break
				}
			}
		}
		if !any && !s.near {
			// "Kolwah, Balochistan" with no Kolwah in Balochistan: the
			// gazetteer lacks the place; a namesake elsewhere is wrong.
			cBig := false
			for _, y := range c.cands {
				if kd := g.entries[y.c.e].Kind; kd == Country || kd == Admin1 || kd == Admin2 {
					cBig = true
				}
			}
			sBig := false
			for _, x := range s.cands {
				if kd := g.entries[x.c.e].Kind; kd == Country || kd == Admin1 {
					sBig = true
				}
			}
			if cBig && !sBig {
				s.drop = true
			}
		}
	}
	for k := range spans {
		for x := range spans[k].cands {
			spans[k].cands[x].score = spans[k].cands[x].base
		}
		spans[k].pick()
	}
	// Document evidence, twice: every span votes for the countries and
	// provinces its candidates lie in, its current choice fully and the
	// rest softly, so that a run of ambiguous small towns that share one
	// state ("Dublin", "Newark", "Springfield" in Ohio) finds it. The
	// votes then steer each span's choice; a span never votes for itself.
	// Spans of one name vote once, through their first span, and never
	// for themselves: ten "Dublin"s are not ten witnesses for Ireland.
	for k := range spans {
		spans[k].voter = k
		for j := 0; j < k; j++ {
			if spans[j].id == spans[k].id && !spans[j].drop {
				spans[k].voter = j
				break
			}
		}
	}
	for round := 0; round < 2; round++ {
		st.cc, st.a1 = st.cc[:0], st.a1[:0]
		for k := range spans {
			s := &spans[k]
			if s.drop || len(s.cands) == 0 || s.voter != k {
				continue
			}
			s.vote = g.voteWeight(s)
			if !s.anchored && s.hasLargerAbroad(g, s.best) {
				// "Cairo" read as the Illinois town only because the text
				// is American says little about Illinois: a town that a
				// far larger namesake abroad may be votes softly, or a run
				// of capitals (Rome, Cairo, Moscow) all turns American.
				s.vote *= softVote
			}
			b := s.cands[s.best].c.e
			s.voteCC, s.voteA1 = g.entries[b].Country, g.meta[b].a1
			large := s.inName && g.entries[b].Kind <= Admin1
			for x, c := range s.cands {
				if large && x != s.best {
					// An organisation named after a country or province
					// votes for it alone: "Royal Ulster Constabulary" is
					// no evidence of Ulster County, New York.
					continue
				}
				en := &g.entries[c.c.e]
				st.addCC(en.Country, s.ccShare(en.Country), int32(k))
				if a := g.meta[c.c.e].a1; a >= 0 && en.Kind != Country {
					st.addA1(a, s.a1Share(a), int32(k))
				}
			}
		}
		for k := range spans {
			s := &spans[k]
			if s.drop || len(s.cands) < 2 {
				continue
			}
			v := &spans[s.voter]
			for x := range s.cands {
				c := &s.cands[x]
				en := &g.entries[c.c.e]
				// A foreign alternate name ("Moscow" for a village in
				// Ohio) is weak evidence of its entry: context helps it less.
				w := float32(2)
				if c.c.f&cAlt != 0 {
					w = 1
				}
				cc := w * log2p(st.ccVotes(en.Country)-v.ccShare(en.Country))
				a1 := float32(0)
				if a := g.meta[c.c.e].a1; a >= 0 && en.Kind != Admin1 {
					a1 = st.a1Votes(a) - v.a1Share(a)
				}
				if en.Kind >= City && a1 < 2 && s.hasLargerAbroad(g, x) {
					// A text that names the United States but no place in
					// Maryland does not make "Damascus" the Maryland town
					// of 15,000 rather than the Syrian capital: the country
					// alone says little about which namesake a town is.
					cc /= 2
				}
				c.score = c.base + cc + w*log2p(a1)
			}
			s.pick()
		}
	}
	// A name that reaches its place only as another name of it (GeoNames
	// gives "Kashmir" for Cashmere, Washington, "Kamran" for Cam Ranh,
	// "Peca" for Pécs) in a country nothing else in a text about other
	// countries points to is a namesake the gazetteer holds, not the place
	// the text means: it is dropped rather than put on the wrong continent.
	for k := range spans {
		s := &spans[k]
		if s.drop || s.anchored || s.dateline || s.container >= 0 || len(s.cands) == 0 {
			continue
		}
		c := s.cands[s.best].c
		en := &g.entries[c.e]
		if c.f&cAlt == 0 || en.Kind == Country || en.Kind == Admin1 {
			continue
		}
		v := &spans[s.voter]
		own := st.ccVotes(en.Country) - v.ccShare(en.Country)
		others := float32(0)
		for _, x := range st.cc {
			if x.cc != en.Country {
				others += x.v
			}
		}
		if own < 0.5 && others >= 1 && !g.nearOtherPlace(spans, k, en) {
			s.drop = true
		}
	}
	// One sense per text: a name pinned down by a container ("Paris,
	// Texas") means the same where it appears bare, nearest pin first.
	// Kind cues do not carry over: "Gwadar district" and "Gwadar" differ.
	for j := range spans {
		o := &spans[j]
		if o.drop || o.anchored {
			continue
		}
		pin := -1
		for k := j - 1; k >= 0 && pin < 0; k-- {
			if spans[k].pinned(o.id) {
				pin = k
			}
		}
		for k := j + 1; k < len(spans) && pin < 0; k++ {
			if spans[k].pinned(o.id) {
				pin = k
			}
		}
		if pin < 0 {
			continue
		}
		e := spans[pin].cands[spans[pin].best].c.e
		for x := range o.cands {
			if o.cands[x].c.e == e {
				o.best = x
			}
		}
	}
}

// hasLargerAbroad reports a candidate of another country at least ten
// times as populous as candidate x.
func (s *span) hasLargerAbroad(g *Gazetteer, x int) bool {
	en := &g.entries[s.cands[x].c.e]
	for y := range s.cands {
		o := &g.entries[s.cands[y].c.e]
		if y != x && o.Country != en.Country && o.Population >= 10*max(en.Population, 1) {
			return true
		}
	}
	return false
}

func (s *span) pinned(id *cand) bool {
	return s.id == id && !s.drop && s.anchored && s.container >= 0
}

// ccShare and a1Share: what a voting span gave a country or province.
func (s *span) ccShare(cc string) float32 {
	if cc == s.voteCC {
		return s.vote
	}
	return s.vote * softVote
}

func (s *span) a1Share(a int32) float32 {
	if a == s.voteA1 {
		return s.vote
	}
	return s.vote * softVote
}

const softVote = 0.3

// voteWeight: how much a span says about where the document is.
func (g *Gazetteer) voteWeight(s *span) float32 {
	w := float32(1)
	switch g.entries[s.cands[s.best].c.e].Kind {
	case Country:
		w = 3 // a text that names a country or province means it
	case Admin1:
		w = 3
	case Admin2:
		w = 1.5
	case Point:
		w = 0.6
	}
	if s.demonym {
		w = 0.7
	}
	if s.dateline {
		w *= 2
	}
	return w
}

// preferSeats: a bare name shared by a town and the district or province
// it gives its name to ("Peshawar", "Kabul", "Gwadar") means the town,
// unless a kind cue says otherwise ("Gwadar district").
func (g *Gazetteer) preferSeats(s *span) {
	for x := range s.cands {
		a := s.cands[x].c.e
		kd := g.entries[a].Kind
		if (kd != Admin1 && kd != Admin2) || s.steer == kd {
			continue
		}
		for _, y := range s.cands {
			m := g.meta[y.c.e]
			if y.c.f&(cAlt|cAlias) != 0 {
				continue
			}
			if ek := g.entries[y.c.e].Kind; ek >= City && (m.a1 == a || m.a2 == a) {
				s.cands[x].base -= 4
				break
			}
		}
	}
}

func log2p(v float32) float32 {
	if v <= 0 {
		return 0
	}
	return float32(math.Log2(1 + float64(v)))
}

func (s *span) pick() {
	s.best = 0
	for x := range s.cands {
		if s.cands[x].score > s.cands[s.best].score {
			s.best = x
		}
	}
}

// confident: the best candidate clearly beats every rival in another country.
func (s *span) confident() bool {
	if len(s.cands) < 2 {
		return true
	}
	b := s.cands[s.best].score
	for x := range s.cands {
		if x != s.best && s.cands[x].score > b-1.5 {
			return false
		}
	}
	return true
}

func (st *state) addCC(cc string, v float32, span int32) {
	for i := range st.cc {
		if x := &st.cc[i]; x.cc == cc {
			if x.last != span {
				x.v, x.last = x.v+v, span
			}
			return
		}
	}
	st.cc = append(st.cc, ccVote{cc, v, span})
}

func (st *state) ccVotes(cc string) float32 {
	for _, x := range st.cc {
		if x.cc == cc {
			return x.v
		}
	}
	return 0
}

func (st *state) addA1(e int32, v float32, span int32) {
	for i := range st.a1 {
		if x := &st.a1[i]; x.e == e {
			if x.last != span {
				x.v, x.last = x.v+v, span
			}
			return
		}
	}
	st.a1 = append(st.a1, a1Vote{e, v, span})
}

func (st *state) a1Votes(e int32) float32 {
	for _, x := range st.a1 {
		if x.e == e {
			return x.v
		}
	}
	return 0
}

// contains reports whether entry y can hold entry x: its country, province
// or district, or for "X neighbourhood of Y" a town within reach.
func (g *Gazetteer) contains(y, x int32, near bool) bool {
	if x == y {
		return false
	}
	ey, ex := &g.entries[y], &g.entries[x]
	switch ey.Kind {
	case Country:
		return ex.Country == ey.Country && ex.Kind != Country
	case Admin1:
		return g.meta[x].a1 == y && ex.Kind != Admin1
	case Admin2:
		return g.meta[x].a2 == y && ex.Kind != Admin2
	}
	return ex.Kind >= City && distKm(ey.Lat, ey.Lon, ex.Lat, ex.Lon) < 40
}

// nearOtherPlace reports whether entry en, span k's choice, lies within
// neighbourKm of a place another span of the text was read as: "Gaza
// City" and "Khan Younis", GeoNames' other names of Gaza and Khan Yunis,
// are where a text about Israel's strikes means, a few dozen kilometres
// from Israel, where "Kashmir" read as Cashmere, Washington is half the
// world from the text's Pakistan.
func (g *Gazetteer) nearOtherPlace(spans []span, k int, en *Entry) bool {
	for j := range spans {
		o := &spans[j]
		if j == k || o.drop || len(o.cands) == 0 || o.id == spans[k].id {
			continue
		}
		oe := &g.entries[o.cands[o.best].c.e]
		if oe.Country != en.Country && distKm(oe.Lat, oe.Lon, en.Lat, en.Lon) < neighbourKm {
			return true
		}
	}
	return false
}

// neighbourKm: how far from a place the text names a place in another
// country is its neighbour.
const neighbourKm = 300

func distKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
