package extract

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/internal/gazetteer"
	"sitrep/internal/numbers"
	"sitrep/internal/text"
	"sitrep/internal/timex"
)

// event is an incident being assembled from one or more sentences.
type event struct {
	typ        string
	strength   int
	suicide    bool
	modality   string
	vouched    bool // a sentence of the outlet or another source tells it as fact
	reportedBy *ref
	date       *timex.Mention
	dateWeak   bool // the date says when someone spoke of it, not when it happened
	place      *placeVal
	perps      []ref
	targets    []ref
	claimed    []ref
	killed     countVal
	injured    countVal
	victims    countVal
	sents      []int
	refType    string // type of an incident the sentence refers back to ("in the attack")
	trigTok    int    // token of the trigger in its first sentence
	followUp   bool   // continues the story of the incident before it ("his body was found")
	hostages   bool   // people were abducted or taken hostage in it
	additive   bool   // its figures add to the incident's ("also killed", "in addition")
	specific   bool   // enough detail to stand as an incident of its own
	generic    bool   // a habitual or generic statement: never an incident
	// rhetoric: told only as a point of a quoted speech that argues by
	// asking, with no day, place or figure of its own ("“A Muslim was also
	// killed. How do you explain …?”"): it adds to an incident the report
	// tells, it opens none
	rhetoric   bool
	caption    bool   // read from a photo caption
	split      bool   // one of several incidents its sentence reports
	backRef    bool   // its object is a pronoun: the victims of the part before
	separate   bool   // the text says it is another incident ("in a separate attack")
	subjectRef string // the sentence opens on a definite mention of an incident of this type ("The attack was …")
	anaphor    bool   // joined its incident through such a mention: its date is only a fallback
	dateNamed  bool   // the definite mention carries the date: "the December 12 attack"
	// recap: an older incident recalled as what came before the news
	// ("after the group's October 7, 2023, attack", "the war triggered by
	// the raid of 3 May 2021"): its place is only what its own phrase
	// names, not the place of the sentences around it
	recap bool
	// wholeOfLast: "In total 81 people were kidnapped": the sentence sums
	// up the incident of its type told before
	wholeOfLast bool
	// severalTotal: the sentence's figures add up several incidents ("two
	// separate attacks killed 14"); they anchor the report but are no
	// incident's own
	severalTotal bool
	// incidentsCounted: the largest count of incidents the sentence gives
	// beside its figures ("105 militant attacks … resulting in 228
	// fatalities"): past a handful, the figures are a sum over them
	incidentsCounted int
	periodFigure     bool // a head count of the sentence was a period's or a tally's, not this incident's
}

// countVal is a figure with its range; best is -1 when unset.
type countVal struct {
	low, best, high int
	text            string
	word            int  // sentence*1000+token of the casualty word it was read with
	vague           bool // "hundreds", "dozens": a floor, never preferred to a figure
}

func (c countVal) set() bool { return c.best >= 0 || c.low >= 0 }

var noCount = countVal{low: -1, best: -1, high: -1, word: -1}

// add sums two figures counted by one casualty word ("40 women and 28
// children"). A bound open on either side stays open in the sum.
func (c *countVal) add(o countVal) {
	bound := func(a, b int) int {
		if a < 0 || b < 0 {
			return -1
		}
		return a + b
	}
	floor := func(x countVal) int {
		if x.best >= 0 {
			return x.best
		}
		return x.low
	}
	if c.vague || o.vague {
		// "in the hundreds, while others said over 2,000": a vague figure
		// is an estimate beside the other, not a part to add to it; the
		// larger floor stands.
		c.low, c.best, c.high = max(floor(*c), floor(o)), -1, -1
		c.vague = true
		c.text += " and " + o.text
		return
	}
	best := -1
	if fa, fb := floor(*c), floor(o); fa >= 0 && fb >= 0 {
		best = fa + fb
	} else {
		best = max(fa, fb)
	}
	c.low, c.high = bound(c.low, o.low), bound(c.high, o.high)
	c.best = best
	c.text += " and " + o.text
	c.normalise()
}

// normalise keeps low ≤ best ≤ high wherever the bounds are known.
func (c *countVal) normalise() {
	if c.best >= 0 && c.low > c.best {
		c.low = c.best
	}
	if c.best >= 0 && c.high >= 0 && c.high < c.best {
		c.high = c.best
	}
	if c.low >= 0 && c.high >= 0 && c.low > c.high {
		c.high = c.low
	}
}

// placeVal is where an event happened: a gazetteer entry, or a toponym the
// gazetteer lacks placed at its province.
type placeVal struct {
	name      string
	entry     gazetteer.Entry
	precision string
	located   bool // entry holds coordinates
	unlisted  bool // a locality the gazetteer does not know; entry is the area it lies in
}

// hit is a trigger found in a sentence.
type hit struct {
	trigger
	tok, end int  // token range
	subject  bool // a definite mention opening the sentence ("The attack took place …")
}

// findEvents walks the sentences in order, turning triggers into events and
// folding later mentions of an incident into the event already open.
func (d *docState) findEvents() {
	d.role = d.roles()
	var deferred []*event // what headings and captions report
	pendingSeparate := false
	for si := range d.rd.Sentences {
		switch d.role[si] {
		case furniture:
			continue
		case heading, caption:
			for _, c := range d.candidates(si) {
				if !c.generic {
					c.caption = d.role[si] == caption
					deferred = append(deferred, c)
				}
			}
			continue
		}
		var fresh *event
		cs := d.datedApart(si, d.candidates(si))
		if len(cs) == 0 && d.saysSeparate(si) {
			// "In another operation, fighters targeted a squad." with the
			// incident told in the next sentence
			pendingSeparate = true
		}
		for _, c := range cs {
			if c.generic {
				continue
			}
			if pendingSeparate {
				c.separate, pendingSeparate = true, false
			}
			if e := d.mergeTarget(c, si); e != nil {
				e.absorb(c)
			} else if c.specific && !c.rhetoric {
				d.events = append(d.events, c)
				if fresh == nil {
					fresh = c
				}
			}
		}
		freshTok := 0
		if fresh != nil {
			freshTok = fresh.trigTok
		}
		d.attachLooseFacts(si, fresh, freshTok)
	}
	d.mergeDuplicates()
	d.placeHeadings(deferred)
	d.keepEvents(d.settleDate)
	for _, e := range d.events {
		d.fillFromContext(e)
	}
	d.keepEvents(d.settleDate) // a date borrowed from the sentences before is checked too
	d.visitsToTheScene()
	d.protestCasualties()
	for _, e := range d.events {
		if e.hostages && (e.typ == sitrep.ArmedAttack || e.typ == sitrep.Clash) {
			// an attack in which people are taken away is a hostage taking,
			// whatever else happened (GTD and ACLED code it so)
			e.typ = sitrep.Abduction
		}
		if e.typ == sitrep.ArmedAttack && e.strength >= 1 && hasNamedPerson(e.targets) && e.killed.best <= 1 && !d.arson(e) {
			// a shooting aimed at one named person is a targeted killing
			e.typ = sitrep.Assassination
		}
		if e.typ == sitrep.MassGrave && !e.victims.set() && e.killed.set() {
			// the bodies found are the victims of a discovery of bodies
			e.victims = e.killed
		}
		if e.typ == sitrep.Assassination && (e.killed.best >= 20 || e.killed.vague && e.killed.low >= 100) && !hasNamedPerson(e.targets) {
			// "targeted killings" of hundreds of civilians are a massacre
			e.typ = sitrep.ArmedAttack
		}
	}
}

// arson reports an incident read off a word of burning ("torched",
// "set ablaze"): a fire set to a house is an attack on it, not a targeted
// killing of its owner.
func (d *docState) arson(e *event) bool {
	toks := d.rd.Sentences[e.sents[0]].Tokens
	return e.trigTok < len(toks) && arsonWords[toks[e.trigTok].Lower]
}

// protestCasualties gives the dead and wounded told with a protest to the
// violence that struck them: a protest's record says who protested, and
// the shooting or clash in which people died is an incident of its own. A
// violent incident of the report told in the same sentence, or on the
// same day and at the same place, takes the figures it lacks; otherwise
// one is opened where a violent act tells them ("one dead after being shot
// by police"). A toll of the protests over weeks opens none.
func (d *docState) protestCasualties() {
	for _, p := range slices.Clone(d.events) {
		if p.typ != sitrep.Protest || !p.killed.set() && !p.injured.set() {
			continue
		}
		fig := p.killed
		if !fig.set() {
			fig = p.injured
		}
		var v *event
		for _, o := range d.events {
			if o == p || !violentType(o.typ) {
				continue
			}
			shared := slices.ContainsFunc(o.sents, func(si int) bool { return slices.Contains(p.sents, si) })
			sameDay := o.date != nil && p.date != nil && o.date.Value == p.date.Value && !conflictsWhereWhen(o, p)
			if shared || sameDay || o.killed.set() && o.killed.best == p.killed.best {
				v = o
				break
			}
		}
		if si := fig.word / 1000; v == nil && fig.word >= 0 && si < len(d.rd.Sentences) && d.role[si] == body {
			c := &event{typ: sitrep.ArmedAttack, modality: p.modality, reportedBy: p.reportedBy, date: p.date, place: p.place,
				killed: noCount, injured: noCount, victims: noCount, sents: []int{si}, specific: true}
			if d.violenceAtProtest(si, c) {
				v = c
			}
		}
		if v != nil && !slices.Contains(d.events, v) {
			for _, r := range p.perps {
				if r.typ == sitrep.Group {
					v.targets = appendRef(v.targets, r) // the protesters were struck
				}
			}
			d.events = append(d.events, v)
		}
		if v != nil {
			if !v.killed.set() {
				v.killed = p.killed
			}
			if !v.injured.set() {
				v.injured = p.injured
			}
		}
		p.killed, p.injured = noCount, noCount
	}
}

// violenceAtProtest reports a violent act that sentence si tells beside a
// protest ("one dead after being shot by police during the protests"),
// not the act a protest is held against ("a sit-in against the killing
// of two traders", "protests sparked by an attack that left 26 dead") nor
// a death no one inflicted.
func (d *docState) violenceAtProtest(si int, c *event) bool {
	toks := d.rd.Sentences[si].Tokens
	for _, h := range d.allTriggers(si) {
		if !violentType(h.typ) || d.outOfScope(si, h, c) {
			continue
		}
		if !hasWord(toks, 0, h.tok, protestedActs) && !hasWord(toks, h.end, len(toks), causingActs) {
			return true
		}
	}
	return false
}

// causingActs after a violent act make it the cause of the protest: "the
// killing of a man by police, which sparked protests".
var causingActs = wordSet("sparked|sparking|triggered|triggering|prompted|prompting|provoked|provoking|fuelled|fueled|ignited")

// protestedActs introduce what a protest is held against or follows.
var protestedActs = wordSet("against|over|condemning|condemn|denouncing|protesting|wake|sparked|sparking|triggered|demanding|" +
	"following|funeral|claim|claims|claimed|alleged|allegedly")

// visitsToTheScene places a visit to "the scene" of an incident where the
// incident happened, when the visit's own place says less.
func (d *docState) visitsToTheScene() {
	for _, v := range d.events {
		if v.typ != sitrep.Visit {
			continue
		}
		toks := d.rd.Sentences[v.sents[0]].Tokens
		scene := false
		for k := 1; k < len(toks); k++ {
			if (toks[k].Lower == "scene" || toks[k].Lower == "site") && toks[k-1].Lower == "the" {
				scene = true
			}
		}
		if !scene {
			continue
		}
		var inc *event
		for _, e := range d.events {
			if violentType(e.typ) && e.place != nil && e.sents[0] <= v.sents[0] {
				inc = e
			}
		}
		if inc != nil && (v.place == nil || placeRank(inc.place) > placeRank(v.place)) {
			v.place = inc.place
		}
	}
}

// claimantsOfEvents gives each incident the group that claimed it, as the
// claims found it ("the TTP claimed responsibility for the attack",
// "responsibility was claimed by X"): the claimant is its claimed
// perpetrator too.
func (d *docState) claimantsOfEvents() {
	for _, c := range d.claims {
		if c.rel == nil || c.rel.Type != sitrep.ClaimsResponsibility || c.incident == nil {
			continue
		}
		subj := c.rel.Subject
		if subj.ID == "" {
			continue
		}
		r := ref{ActorRef: subj}
		for _, x := range c.refs {
			if x.ID == subj.ID {
				r = x
				break
			}
		}
		if r.typ == sitrep.Media {
			// "State media said a group called X claimed responsibility": the
			// outlet reports the claim; the group named before "claimed" made it
			r = ref{}
			for _, si := range c.sents {
				toks := d.rd.Sentences[si].Tokens
				for i := 1; i+1 < len(toks); i++ {
					if (toks[i].Lower == "claimed" || toks[i].Lower == "claims") && toks[i+1].Lower == "responsibility" {
						if x, ok := d.claimantBefore(si, i); ok {
							r = x
						}
					}
				}
			}
			if r.ID == "" {
				continue
			}
		}
		if r.typ == sitrep.Person || r.typ == sitrep.Country {
			continue // a spokesman speaks for the group; a country claims no attack
		}
		c.incident.claimed = appendRef(c.incident.claimed, r)
		c.incident.perps = appendRef(c.incident.perps, r)
		if strings.HasPrefix(strings.ToLower(c.incName), "the ") && strings.HasSuffix(c.incName, "s") && incidentWord(strings.ToLower(lastWord(c.incName))) {
			// "claimed responsibility for the attacks": each one told before
			for _, e := range d.events {
				if e != c.incident && e.sents[0] <= c.sents[0] && e.sents[0] >= c.sents[0]-8 && violentType(e.typ) && !containsRef(e.claimed, r.ID) {
					e.claimed = appendRef(e.claimed, r)
					e.perps = appendRef(e.perps, r)
				}
			}
		}
	}
	d.selfReportedClaims()
	d.compoundClaims()
	for _, e := range d.events {
		if e.modality == sitrep.Claimed && e.vouched {
			// claimed, and told as fact by another source or the outlet:
			// the claim is recorded (claimed_by), the incident is asserted
			e.modality = sitrep.Asserted
		}
	}
	// an incident the report names no perpetrator for has the one a
	// statement blames: "a police officer blamed the attack on
	// terrorists"; the first statement that names one is taken
	for _, c := range d.claims {
		if c.rel == nil || c.rel.Type != sitrep.ResponsibleFor || c.incident == nil || len(c.incident.perps) > 0 || c.rel.Subject.ID == "" {
			continue
		}
		r := ref{ActorRef: c.rel.Subject}
		for _, x := range c.refs {
			if x.ID == r.ID {
				r = x
				break
			}
		}
		if r.typ == sitrep.Practice || r.typ == sitrep.Media || anonymous(r.Name) {
			continue
		}
		c.incident.perps = appendRef(c.incident.perps, r)
		if definitePlural(c.incName) {
			// "the bombings": each incident told in the sentence that told it
			first := c.incident.sents[0]
			for _, e := range d.events {
				if e != c.incident && len(e.perps) == 0 && e.typ == c.incident.typ && slices.Contains(e.sents, first) {
					e.perps = appendRef(e.perps, r)
				}
			}
		}
	}
}

// selfReportedClaims makes a claim of responsibility of a party's own
// account of its attack ("Hezbollah said it fired rockets at a base"): the
// event's modality already says claimed; the statement says it too.
func (d *docState) selfReportedClaims() {
	for _, e := range d.events {
		if e.modality != sitrep.Claimed || e.reportedBy == nil || !containsRef(e.perps, e.reportedBy.ID) || !isActorType(e.reportedBy.typ) ||
			e.reportedBy.typ == sitrep.Person {
			continue
		}
		sp := *e.reportedBy
		done := false
		var bare *claim
		for _, c := range d.claims {
			if c.speaker.ID != sp.ID {
				continue
			}
			if c.rel != nil && c.rel.Type == sitrep.ClaimsResponsibility && (c.incident == e || c.incident == nil) {
				done = true
				break
			}
			if c.rel == nil && bare == nil && len(c.sents) > 0 && c.sents[0] == e.sents[0] {
				bare = c
			}
		}
		if done || bare == nil {
			continue
		}
		bare.rel = &sitrep.Relation{Type: sitrep.ClaimsResponsibility, Subject: sp.ActorRef}
		bare.refs = []ref{sp}
		bare.incident, bare.incName = e, "the incident"
		e.claimed = appendRef(e.claimed, sp)
	}
}

// compoundClaims reads a claim written into the incident's name: "a
// TTP-claimed raid" is the TTP's claim of the raid.
func (d *docState) compoundClaims() {
	for _, e := range d.events {
		for _, si := range e.sents {
			toks := d.rd.Sentences[si].Tokens
			for k, t := range toks {
				if !strings.HasSuffix(t.Lower, "-claimed") || k+1 >= len(toks) {
					continue
				}
				if !incidentWord(toks[k+1].Lower) && !(k+2 < len(toks) && incidentWord(toks[k+2].Lower)) {
					continue
				}
				m, ok := d.mentionEndingAt(si, t.End-len("-claimed"))
				if !ok || d.placeAt(si, m.Start) || m.Type == sitrep.Person {
					continue
				}
				r := d.canonical(d.mentionRef(m))
				if containsRef(e.claimed, r.ID) {
					continue
				}
				e.claimed = appendRef(e.claimed, r)
				e.perps = appendRef(e.perps, r)
				rel := sitrep.Relation{Type: sitrep.ClaimsResponsibility, Subject: r.ActorRef}
				d.claims = append(d.claims, &claim{speaker: r, cue: "claimed", from: t.Start, to: toks[min(k+2, len(toks)-1)].End,
					sents: []int{si}, rel: &rel, refs: []ref{r}, incident: e, incName: "the incident"})
			}
		}
	}
}

// keepEvents keeps the events for which keep returns true.
func (d *docState) keepEvents(keep func(*event) bool) {
	kept := d.events[:0]
	for _, e := range d.events {
		if keep(e) {
			kept = append(kept, e)
		}
	}
	d.events = kept
}

// planWords say that what a sentence reports is still to come.
var planWords = wordSet("will|would|shall|announced|announces|announce|decided|decide|plans|plan|planned|planning|scheduled|" +
	"schedule|due|expected|set|call|called|calls|calling|vowed|vows|intends|intend|proposed|upcoming|next|tomorrow|urged|invited")

// settleDate makes an incident's date agree with the report: one dated
// after publication is either planned (a protest or visit the text
// announces) or misread (a day or month without a year, read forward,
// is the one before); one before 1900 is history, not an incident the
// report tells. It returns false for an incident to drop.
func (d *docState) settleDate(e *event) bool {
	if e.date == nil || e.date.Value == "" {
		return true
	}
	if e.date.Value < "1900" {
		return false
	}
	if d.rd.Published.IsZero() || e.modality == sitrep.Planned {
		return true
	}
	pub := d.rd.Published.Format("2006-01-02")
	start, _ := bounds(e.date.Value)
	if start <= pub {
		return true
	}
	if e.typ == sitrep.Protest || e.typ == sitrep.Visit {
		for _, si := range e.sents {
			toks := d.rd.Sentences[si].Tokens
			if hasWord(toks, 0, len(toks), planWords) {
				e.modality = sitrep.Planned
				return true
			}
		}
	}
	// a date without its year, read as upcoming: the same day or month a
	// year earlier, a weekday a week earlier
	if !hasYearDigits(e.date.Text) && e.date.Text != "" {
		m := *e.date
		shift := func(v string) string {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				if t, err = time.Parse("2006-01", v); err == nil {
					return t.AddDate(-1, 0, 0).Format("2006-01")
				}
				return v
			}
			if isWeekdayText(m.Text) {
				return t.AddDate(0, 0, -7).Format("2006-01-02")
			}
			return t.AddDate(-1, 0, 0).Format("2006-01-02")
		}
		m.Value, m.EndValue = shift(m.Value), shift(m.EndValue)
		if s, _ := bounds(m.Value); s <= pub {
			e.date = &m
			return true
		}
	}
	e.date = nil // no day that agrees with the report: leave it open
	return true
}

func hasYearDigits(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
			if n == 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

func isWeekdayText(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch strings.Trim(w, ",.") {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
			return true
		}
	}
	return false
}

// placeHeadings joins what headings and captions report to the incident
// the text tells: the first of a compatible type whose date and place do
// not contradict them. It only fills what the text left open; a heading's
// figures are often rounded or summed over several incidents. A heading
// no incident takes stands as an incident of its own (the text may be cut
// short); a caption does not (it may show an older scene).
func (d *docState) placeHeadings(deferred []*event) {
	for _, h := range deferred {
		var target *event
		for _, e := range d.events {
			if (compatibleTypes(e, h) || sameFamily(e.typ, h.typ)) && !conflicts(e, h) {
				target = e
				break
			}
		}
		if target == nil {
			if h.specific && !h.caption {
				d.events = append(d.events, h)
			}
			continue
		}
		target.fillFrom(h)
	}
}

// sameFamily: violent incidents of any kind can be one incident told two ways.
func sameFamily(a, b string) bool {
	v := func(t string) bool {
		return t == sitrep.Bombing || t == sitrep.ArmedAttack || t == sitrep.Assassination || t == sitrep.Clash
	}
	return a == b || v(a) && v(b)
}

// referredEvent is the dated incident, other than e, that one of e's
// sentences names by a definite mention ("during the attack"): the latest
// told before it.
func (d *docState) referredEvent(e *event) *event {
	for _, si := range e.sents {
		typ := d.referredType(si)
		if typ == "" {
			continue
		}
		var best *event
		for _, o := range d.events {
			if o == e || o.date == nil || o.sents[0] > si || !sameFamily(o.typ, typ) && !(typ == sitrep.ArmedAttack && violentType(o.typ)) {
				continue
			}
			best = o
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// actingForce finds the armed force or group sentence si says acted in an
// operation: "security personnel engaged terrorists", "troops raided".
func (d *docState) actingForce(si int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := 1; k < len(toks); k++ {
		if !operationVerbs[toks[k].Lower] {
			continue
		}
		e := k
		for e > 0 && (toks[e-1].Lower == "had" || toks[e-1].Lower == "have" || toks[e-1].Lower == "also" || toks[e-1].Lower == "then") {
			e--
		}
		if e == 0 {
			continue
		}
		if m, ok := d.mentionEndingAt(si, toks[e-1].End); ok && !d.placeAt(si, m.Start) {
			if m.Type == sitrep.StateForce || m.Type == sitrep.ArmedGroup {
				return d.canonical(d.mentionRef(m)), true
			}
			continue
		}
		from, to := npLeft(toks, e)
		if from >= to || to-from > 4 {
			continue
		}
		if r := d.phraseArg(si, from, to); r.typ == sitrep.StateForce || r.typ == sitrep.ArmedGroup {
			return r, true
		}
	}
	return ref{}, false
}

// operationVerbs: what a force does in an operation against others.
var operationVerbs = wordSet("engaged|raided|stormed|ambushed|besieged|surrounded|cordoned|shelled|bombarded|targeted|opened|" +
	"attacked|struck|launched|conducted|carried")

// fillFrom takes from a heading what e lacks.
func (e *event) fillFrom(h *event) {
	if e.date == nil {
		e.date = h.date
	}
	if e.place == nil || !h.caption && h.place != nil && placeRank(h.place) > placeRank(e.place) && samePlace(e.place, h.place) {
		if h.place != nil {
			e.place = h.place
		}
	}
	for _, r := range h.perps {
		e.perps = appendRef(e.perps, r)
	}
	for _, r := range h.targets {
		e.targets = appendRef(e.targets, r)
	}
	for _, r := range h.claimed {
		e.claimed = appendRef(e.claimed, r)
	}
	if !e.killed.set() {
		e.killed = h.killed
	}
	if !e.injured.set() {
		e.injured = h.injured
	}
	if !e.victims.set() {
		e.victims = h.victims
	}
	e.suicide = e.suicide || h.suicide
	e.sents = append(e.sents, h.sents...)
}

// fillFromContext gives an event without a stated date or place the ones the
// report implies: the last date or place named shortly before in the same
// paragraph, else the report's own dateline and date. An inferred date keeps
// an empty text, so a reader can tell it from a stated one.
func (d *docState) fillFromContext(e *event) {
	first := e.sents[0]
	for _, si := range e.sents {
		first = min(first, si)
	}
	para := d.rd.Sentences[first].Para
	if e.date == nil {
		for k := first - 1; k >= 0 && k >= first-2 && d.rd.Sentences[k].Para == para; k-- {
			s := d.rd.Sentences[k]
			for j := s.Dates[1] - 1; j >= s.Dates[0]; j-- {
				if m := d.rd.Dates[j]; m.Value != "" {
					mm := m
					e.date = &mm
					break
				}
			}
			if e.date != nil {
				break
			}
		}
		if e.date == nil {
			// "his brother was kidnapped during the attack": when the
			// incident it happened in did
			if o := d.referredEvent(e); o != nil {
				e.date = o.date
				if e.place == nil {
					e.place = o.place
				}
			}
		}
		if e.date == nil && !d.rd.Published.IsZero() && e.modality != sitrep.Planned {
			v := d.rd.Published.Format("2006-01-02")
			e.date = &timex.Mention{Value: v, EndValue: v, Precision: sitrep.PrecisionDay}
		}
	}
	if len(e.perps) == 0 && e.typ != sitrep.Protest && e.typ != sitrep.Visit && first > 0 && d.rd.Sentences[first-1].Para == para && d.role[first-1] == body {
		// "… where security personnel engaged terrorists. Following a
		// fierce exchange of fire, four militants were killed.": the force
		// that acted in the sentence before
		if r, ok := d.actingForce(first - 1); ok {
			e.perps = appendRef(e.perps, r)
		}
	}
	if e.place == nil && !e.recap {
		for k := first - 1; k >= 0 && k >= first-2 && d.rd.Sentences[k].Para == para; k-- {
			if h := (hit{tok: 0, end: 0}); len(d.rd.Sentences[k].Tokens) > 0 {
				if p := d.placeFor(k, h); p != nil {
					e.place = p
					break
				}
			}
		}
		if e.place == nil {
			if dl, _ := d.dateline(); dl != nil {
				if c, ok := d.x.rec.Gaz.CountryByCode(dl.Entry.Country); ok {
					e.place = &placeVal{name: c.Name, entry: c, precision: sitrep.PlaceCountry, located: true}
				}
			}
		}
		if e.place == nil && !d.background(e) {
			// no place near the incident and no dateline: the province
			// (else the country) the report is about
			e.place = d.homeArea()
		}
	}
}

// dateline finds the place a report is filed from: a toponym opening one
// of the first lines and followed by a comma, colon, slash, bracket or dash
// ("QUETTA, Pakistan —", "Paris [France], February 8 (ANI):", "OUAGADOUGOU
// (Reuters) –", "(Nairobi) –"). It returns the first such place and the
// end of the dateline: places before that end are where the reporter was,
// not where anything happened. The result is computed once.
func (d *docState) dateline() (*gazetteer.Mention, int) {
	if d.datelineDone {
		return d.datelinePlace, d.datelineEnd
	}
	d.datelineDone = true
	for i, p := range d.rd.Places {
		if p.Demonym {
			continue
		}
		if p.Start > 400 {
			break
		}
		lineStart := strings.LastIndexByte(d.text[:p.Start], '\n') + 1
		lead := strings.TrimLeft(d.text[lineStart:p.Start], " \t")
		if lead != "" && lead != "(" {
			continue
		}
		rest := d.text[p.End:min(len(d.text), p.End+3)]
		if !(strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, ")") ||
			strings.HasPrefix(rest, " [") || strings.HasPrefix(rest, " (") || strings.HasPrefix(rest, " -") || strings.HasPrefix(rest, " —") || strings.HasPrefix(rest, " –")) {
			continue
		}
		// the dateline ends at its dash or colon, within a short reach
		lineEnd := strings.IndexByte(d.text[p.End:], '\n')
		if lineEnd < 0 {
			lineEnd = len(d.text) - p.End
		}
		reach := d.text[p.End:min(p.End+lineEnd, p.End+70)]
		end := -1
		for _, sep := range []string{" — ", " – ", " - ", " -- ", "—", "–", ":", ") -", ")-"} {
			if k := strings.Index(reach, sep); k >= 0 && (end < 0 || k < end) {
				end = k + len(sep)
			}
		}
		if end < 0 {
			// "Quetta, Sep 5 (Agency)" without a dash: the place and its container
			end = len(reach)
			if k := strings.IndexAny(reach, "0123456789"); k >= 0 {
				end = k
			}
		}
		pp := d.rd.Places[i]
		d.datelinePlace, d.datelineEnd = &pp, p.End+end
		break
	}
	return d.datelinePlace, d.datelineEnd
}

// inDateline reports a place mention that is part of the dateline.
func (d *docState) inDateline(p gazetteer.Mention) bool {
	dl, end := d.dateline()
	return dl != nil && p.Start >= dl.Start && p.End <= end
}

// candidate reads the incident a sentence reports, if any.
func (d *docState) candidate(si int) *event {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	h, ok := d.mainTrigger(si)
	if !ok {
		return d.incidentRef(si)
	}
	// "The blast came hours after gunmen attacked a wedding in Narowal,
	// killing nine": the sentence opens on the incident just told and
	// tells another, whose trigger is read
	otherTimed := false
	if _, k := d.subjectAnaphorAt(si); k >= 0 {
		if j := d.timedApart(si, k); j > 0 {
			if o, ok := d.mainTriggerFrom(si, j+1); ok && o.typ != sitrep.Visit {
				h, otherTimed = o, true // not "came hours after talks with": no incident
			}
		}
	}
	if typ, k := d.subjectAnaphorAt(si); typ != "" && typ != "incident" && k != h.tok && !otherTimed {
		// "The attack took place during …, killed in 2020 by a drone strike":
		// the sentence is about the attack it opens on
		for _, t := range triggers[d.rd.Sentences[si].Tokens[k].Lower] {
			if len(t.words) == 1 {
				h = hit{trigger: t, tok: k, end: k + 1, subject: true}
				break
			}
		}
	}
	if h.words[0] == "strike" || h.words[0] == "strikes" {
		h.typ, h.strength = d.strikeType(si, h.tok), 3
	}
	e := &event{typ: h.typ, strength: h.strength, suicide: h.suicide, modality: sitrep.Asserted, trigTok: h.tok,
		killed: noCount, injured: noCount, victims: noCount, sents: []int{si}}
	lowerSent := strings.ToLower(d.sentenceText(si))
	// "suicide" just before the trigger
	for k := max(0, h.tok-3); k < h.tok; k++ {
		if toks[k].Lower == "suicide" && !(k > 0 && selfKilling[toks[k-1].Lower]) {
			e.suicide = true // not "died by suicide after killing a man"
		}
	}
	// "a suicide car bomber crashed into a gate, … killing 15": the bomber
	// who acts in the sentence makes the attack a bombing
	if e.typ == sitrep.ArmedAttack {
		for k := 0; k < len(toks); k++ {
			if w := toks[k].Lower; (w == "bomber" || w == "bombers") && !(k > 0 && toks[k-1].Lower == "alleged") {
				e.typ = sitrep.Bombing
				for q := max(0, k-3); q < k; q++ {
					if toks[q].Lower == "suicide" {
						e.suicide = true
					}
				}
			}
		}
	}
	if e.typ == sitrep.ArmedAttack && e.suicide {
		e.typ = sitrep.Bombing
	}
	// "Three suicide attackers stormed the consulate": an assault by
	// attackers who meant to die is a suicide attack, whatever its weapon
	if !e.suicide && (e.typ == sitrep.ArmedAttack || e.typ == sitrep.Bombing) {
		for k := 1; k < len(toks); k++ {
			if w := toks[k].Lower; (w == "attacker" || w == "attackers") &&
				(toks[k-1].Lower == "suicide" || k > 1 && toks[k-2].Lower == "suicide" && toks[k-1].Kind == text.Word) {
				e.suicide = true
			}
		}
	}

	future := futureVerbGroup(toks, h.tok)
	for k := max(0, h.tok-5); k < h.tok; k++ {
		if futureWords[toks[k].Lower] && !monthMay(toks, k) {
			future = true
		}
	}
	if h.tok >= 2 && toks[h.tok-1].Lower == "to" && beVerbs[toks[h.tok-2].Lower] {
		future = true // "officials were to visit the scene"
	}
	// whole words: "all his goodwill visits" says nothing of the future
	if strings.Contains(lowerSent, "scheduled") || indexWord(lowerSent, "will visit") >= 0 {
		future = future || e.typ == sitrep.Visit
	}
	if future {
		if e.typ != sitrep.Visit && e.typ != sitrep.Protest {
			return nil
		}
		e.modality = sitrep.Planned
	}

	if d.outOfScope(si, h, e) {
		return nil
	}
	if e.typ == sitrep.Arrest && (strings.Contains(lowerSent, "whereabouts") || disappearedHeld(toks)) {
		// "the whereabouts of six people who were detained by the navy": an
		// enforced disappearance, which the taxonomy counts as an abduction
		e.typ = sitrep.Abduction
	}
	e.date, e.dateWeak = d.dateFor(si, h)
	if k := aheadOf(toks, h); k >= 0 && (e.typ == sitrep.Visit || e.typ == sitrep.Protest) &&
		(e.date == nil || e.date.Start < toks[k].Start) {
		// "India on Saturday proposed the law ahead of Modi's US visit":
		// the visit is to come, and Saturday is the proposal's day
		e.modality, e.date = sitrep.Planned, nil
	}
	if e.dateWeak && hasWord(d.rd.Sentences[si].Tokens, max(0, h.tok-3), h.tok, recentWords) {
		// "the army chief on Thursday vowed to punish the planners of the
		// recent attack": the day he spoke, after the attack
		e.date, e.dateWeak = nil, false
	}
	e.recap = d.recalled(si, h)
	e.place = d.placeFor(si, h)
	d.countsFor(si, h, e)
	if e.typ == sitrep.Arrest && crimeOfArrest(lowerSent) {
		// "arrested the suspect in the murder of three children": the
		// toll is the crime's, not the arrest's
		e.killed, e.injured = noCount, noCount
	}
	d.actorsFor(si, h, e)

	// a figure read off an arrest's noun ("the arrest of 144 people", "40
	// arrests") fills the victims of an arrest told otherwise, but alone
	// does not make a passing mention an incident
	victimsTold := e.victims.set() && !(e.victims.word/1000 == si && arrestNouns[toks[e.victims.word%1000].Lower])
	anchored := e.date != nil || e.killed.set() || e.injured.set() || victimsTold
	habit := d.habitualNear(si, h, lowerSent)
	if h.plural && severalPlaces(toks) {
		// "the attacks were carried out on Friday in several districts":
		// the incidents are told one by one, this is their summary
		habit = true
	}
	if !e.killed.set() && !victimsTold && h.verbal && describesMany(toks, h.tok) {
		// "they belong to rights activists abducted by the military": whom a
		// phrase describes, not a report of an abduction
		habit = true
	}
	if e.date == nil && !e.killed.set() && relativeOfMany(toks, h.tok) {
		// "held a photograph of their loved ones who disappeared": who the
		// people are, not a report of when or where it happened
		habit = true
	}
	switch {
	case habit && !(e.date != nil && e.date.Precision == sitrep.PrecisionDay):
		e.generic = true
	case d.aggregate(si, h, e):
		e.generic = true
	case h.plural && !(e.killed.set() || e.injured.set() || victimsTold || e.date != nil && e.date.Precision != sitrep.PrecisionYear):
		// "claiming drone attacks in 2025", "protests last year": many, and
		// none told
		e.generic = true
	case d.incidentList(si, h):
		e.generic = true
	case anchored:
		e.specific = true
	case e.place != nil && (h.verbal || h.strength >= 2 || e.modality == sitrep.Planned):
		e.specific = true
	case h.verbal && hasNamedPerson(e.targets):
		e.specific = true
	case h.verbal && h.tok > 0 && (len(e.perps) > 0 || anonymousAttackers[toks[h.tok-1].Lower]):
		// "Assailants attacked a village": a report, even without details
		e.specific = true
	}
	if e.severalTotal {
		e.killed, e.injured, e.victims = noCount, noCount, noCount
	}
	e.rhetoric = d.quotedOnly(si)
	e.refType = d.referredType(si)
	e.subjectRef = d.subjectAnaphor(si)
	if e.wholeOfLast {
		e.subjectRef = h.typ
	}
	if h.plural && len(d.events) > 0 && oneOf(toks, h.tok) {
		// "This was one of three coordinated attacks in Mahagi": the
		// incident just told, set among others
		e.subjectRef = h.typ
	}
	if victimsPart(toks) && len(d.events) > 0 {
		// "At least 12 of the dead in Wednesday's bombings were Afghans":
		// who the victims of an incident told were, not another toll
		e.killed, e.injured, e.victims = noCount, noCount, noCount
		e.subjectRef = h.typ
	}
	if _, k := d.subjectAnaphorAt(si); k > 0 && e.date != nil && e.date.Start < toks[k].Start {
		e.dateNamed = true
	}
	e.separate = d.saysSeparate(si)
	if otherTimed {
		e.subjectRef, e.separate = "", true
	}
	e.backRef = refersBack(toks, h)
	e.hostages = d.takesHostages(si)
	e.followUp = d.followUp(si, h, e)
	if len(toks) > 0 {
		switch toks[0].Lower {
		case "additionally", "also", "meanwhile", "separately", "moreover", "furthermore":
			// a further detail of the incident just reported
			if e.refType == "" && !e.killed.set() || e.date == nil {
				e.refType = "attack"
			}
		}
	}
	d.setModality(si, e)
	d.involvedAgent(si, h, e)
	return e
}

// quotedOnly reports a sentence of a quoted speech that argues by
// asking, away from the speech's attribution and with no day, place or
// figure of its own: an incident it tells is the speaker's rhetoric or an
// aside about one told elsewhere, not a report of its own.
func (d *docState) quotedOnly(si int) bool {
	a := d.attrib[si]
	s := d.rd.Sentences[si]
	if !s.InQuote || s.Dates[0] != s.Dates[1] || s.Places[0] != s.Places[1] || s.Numbers[0] != s.Numbers[1] {
		return false
	}
	q := d.rd.Quotes[s.Quote]
	// "“They told me my brother was kidnapped,” his father said": an
	// account in the witness's own sentence stands; so does a police
	// statement told as a narrative ("“The driver was arrested and the
	// vehicle impounded.”"). A speech that argues by asking ("“A Muslim was
	// also killed. How do you explain …?”") tells its incidents as points
	// of the argument.
	return (a == nil || a.inherited) && strings.ContainsAny(d.text[q.Start:q.End], "?")
}

// datedApart splits an incident told in the plural over a list of days
// into one incident a day: "attacks on the N-70 highway on August 26, 2024,
// and February 18, 2025" are two attacks. A figure of the sentence is
// their total, no one incident's.
func (d *docState) datedApart(si int, cs []*event) []*event {
	if len(cs) != 1 || cs[0].generic || cs[0].split || d.rd.Sentences[si].Dates[1]-d.rd.Sentences[si].Dates[0] < 2 {
		return cs
	}
	h, ok := d.mainTrigger(si)
	if !ok || !h.plural {
		return cs
	}
	s := d.rd.Sentences[si]
	after := s.Tokens[h.tok].End
	var days []timex.Mention
	for k := s.Dates[0]; k < s.Dates[1]; k++ {
		m := d.rd.Dates[k]
		if m.Start < after || m.Precision != sitrep.PrecisionDay || m.Value == "" {
			continue
		}
		if n := len(days); n > 0 {
			gap := strings.Trim(strings.ToLower(d.text[days[n-1].End:m.Start]), " ,")
			if gap != "and" && gap != "and on" && gap != "" && gap != "on" {
				break
			}
			if days[n-1].Value == m.Value {
				continue
			}
		}
		days = append(days, m)
	}
	if len(days) < 2 {
		return cs
	}
	c := cs[0]
	out := make([]*event, 0, len(days))
	for _, m := range days {
		e := *c
		mm := m
		e.date, e.dateWeak = &mm, false
		e.killed, e.injured, e.victims = noCount, noCount, noCount
		e.sents = append([]int(nil), c.sents...)
		e.split, e.specific, e.separate = true, true, true // each day its own incident
		out = append(out, &e)
	}
	return out
}

// severalPlaces reports "in several districts", "across different areas":
// incidents in many places.
func severalPlaces(toks []text.Token) bool {
	for k := 0; k+1 < len(toks); k++ {
		switch toks[k].Lower {
		case "several", "various", "multiple", "different", "many", "separate":
			switch toks[k+1].Lower {
			case "districts", "areas", "places", "cities", "towns", "provinces", "parts", "locations", "regions", "villages", "states":
				return true
			}
		}
	}
	return false
}

// relativeOfMany reports a trigger verb in a relative clause about many
// people: "their loved ones who disappeared", "relatives who were abducted".
func relativeOfMany(toks []text.Token, i int) bool {
	k := i - 1
	for k >= 0 && (passiveGap[toks[k].Lower] || beVerbs[toks[k].Lower] || toks[k].Lower == "have" || toks[k].Lower == "had" ||
		toks[k].Lower == "has" || toks[k].Lower == "been" || toks[k].Lower == "forcibly") {
		k--
	}
	if k < 1 || toks[k].Lower != "who" && toks[k].Lower != "that" {
		return false
	}
	switch toks[k-1].Lower {
	case "ones", "relatives", "people", "persons", "members", "sons", "daughters", "husbands", "men", "women", "children",
		"activists", "families", "others", "thousands", "hundreds", "those":
		return true
	}
	return false
}

// describesMany reports a participle at i that describes a plural noun of
// people governed by a preposition: "belong to political activists
// abducted by the army", "the families of people killed by police". A
// count ("to 12 activists abducted") or an article ("the activists") makes
// them particular people, whose abduction may be news.
func describesMany(toks []text.Token, i int) bool {
	if i < 2 || !peopleNouns[toks[i-1].Lower] {
		return false
	}
	for k := i - 2; k >= 0 && k >= i-6; k-- {
		switch w := toks[k].Lower; {
		case w == "to" || w == "of" || w == "for" || w == "among":
			// "thousands of people took to the streets": the people
			// counted are the clause's subject
			return k == 0 || !quantityNouns[toks[k-1].Lower] && toks[k-1].Kind != text.Number
		case w == "and" || w == "rights" || toks[k].Kind == text.Word && !determiners[w]:
			continue
		default:
			return false
		}
	}
	return false
}

// quantityNouns count what follows their "of".
var quantityNouns = wordSet("thousands|hundreds|dozens|scores|millions|tens|number|numbers|lot|lots|group|groups|crowd|crowds|hundred|thousand|dozen")

// oneOf reports "one of (the) (three) (coordinated) attacks" ending at the
// incident noun at i.
func oneOf(toks []text.Token, i int) bool {
	for k := i - 1; k >= 1 && i-k <= 4; k-- {
		if toks[k].Lower == "of" && toks[k-1].Lower == "one" {
			return true
		}
	}
	return false
}

// victimsPart reports a figure of part of an incident's victims: "12 of
// the dead", "two of those killed".
func victimsPart(toks []text.Token) bool {
	for k := 1; k+3 < len(toks); k++ {
		if toks[k].Lower != "of" || toks[k-1].Kind != text.Number && !countWordsSet[toks[k-1].Lower] {
			continue
		}
		if toks[k+1].Lower != "the" && toks[k+1].Lower != "those" {
			continue
		}
		switch toks[k+2].Lower {
		case "dead", "killed", "victims", "injured", "wounded", "casualties", "deceased", "hostages", "abducted", "kidnapped":
			return true
		}
	}
	return false
}

// incidentRef reads a sentence without a trigger word that opens on a
// mention of the incident just told ("The incident took place at Khujuma
// Tabi village at 12:10 a.m."): its date and place are that incident's.
func (d *docState) incidentRef(si int) *event {
	if len(d.events) == 0 || d.subjectAnaphor(si) != "incident" {
		return nil
	}
	last := d.events[len(d.events)-1]
	h := hit{trigger: trigger{typ: last.typ}, tok: 0, end: 1}
	e := &event{typ: last.typ, modality: sitrep.Asserted, killed: noCount, injured: noCount, victims: noCount,
		sents: []int{si}, subjectRef: "incident"}
	e.date, e.dateWeak = d.dateFor(si, h)
	if e.dateWeak && hasWord(d.rd.Sentences[si].Tokens, max(0, h.tok-3), h.tok, recentWords) {
		// "the army chief on Thursday vowed to punish the planners of the
		// recent attack": the day he spoke, after the attack
		e.date, e.dateWeak = nil, false
	}
	e.place = d.placeFor(si, h)
	d.countsFor(si, h, e)
	if d.aggregate(si, h, e) {
		return nil // "The violence has claimed 400 lives this year": a toll of many incidents
	}
	return e
}

// anaphorNouns name an incident without saying its kind.
var anaphorNouns = wordSet("incident|incidents|event|events|violence|tragedy|atrocity")

// subjectAnaphor returns the type of incident a sentence opens on with a
// definite mention ("The attack took place …", "Sunday's bombing was the
// third …", "The latest ambush came …"), "incident" for a mention that
// names no type, or "".
func (d *docState) subjectAnaphor(si int) string {
	typ, _ := d.subjectAnaphorAt(si)
	return typ
}

// subjectAnaphorAt is subjectAnaphor with the token of the incident noun.
func (d *docState) subjectAnaphorAt(si int) (string, int) {
	toks := d.rd.Sentences[si].Tokens
	i := 0
	for i < len(toks) && (toks[i].Lower == "but" || toks[i].Lower == "however" || toks[i].Lower == "and" || toks[i].Lower == "," || toks[i].Lower == "meanwhile") {
		i++
	}
	if i+1 >= len(toks) {
		return "", -1
	}
	switch {
	case toks[i].Lower == "the" || toks[i].Lower == "this" || toks[i].Lower == "that" || toks[i].Lower == "these":
		i++
	case i+1 < len(toks) && toks[i+1].Lower == "'s" && (monthOrDay(toks[i].Lower) || toks[i].Lower == "yesterday" || toks[i].Lower == "week" || toks[i].Lower == "weekend" || toks[i].Lower == "today" || toks[i].Lower == "night"):
		i += 2 // "Sunday's attack", "last week's attack"
	case i+2 < len(toks) && toks[i+2].Lower == "'s" && toks[i].Lower == "last":
		i += 3
	default:
		return "", -1
	}
	for n := 0; n < 3 && i < len(toks); n++ {
		w := toks[i].Lower
		if anaphorNouns[w] {
			return "incident", i
		}
		for _, t := range triggers[w] {
			if len(t.words) == 1 && !t.verbal {
				if w == "strike" || w == "strikes" {
					return d.strikeType(si, i), i
				}
				return t.typ, i
			}
		}
		if toks[i].Kind != text.Word && toks[i].Kind != text.Number || npStop[w] || strings.HasSuffix(w, "ed") && !modifierParticiples[w] {
			return "", -1 // "This followed …": a pronoun, not a determiner
		}
		i++
	}
	return "", -1
}

// timedApart returns the token of "after" or "before" that sets the
// incident a sentence opens on (its noun at token k) hours or days from
// another ("The blast came a day after …", "The incident occurred just
// hours before …"), or -1.
func (d *docState) timedApart(si, k int) int {
	toks := d.rd.Sentences[si].Tokens
	for j := k + 2; j < len(toks); j++ {
		w := toks[j].Lower
		if reportVerbs[w] {
			return -1 // "…, a spokesman said shortly after the attack": when it was said
		}
		if (w == "after" || w == "before") && timeDistance[toks[j-1].Lower] {
			return j
		}
	}
	return -1
}

// timeDistance words come before "after" or "before" when they set two
// moments apart: "hours after", "a day before", "shortly after".
// Months and years apart ("the second in six months after …") set a
// recalled incident, told elsewhere, beside this one.
var timeDistance = wordSet("minutes|hours|hour|days|day|week|shortly|soon|just|moments|night|morning")

// modifierParticiples are participles that modify an incident noun: "the
// coordinated attack", "the suspected bombing".
var modifierParticiples = wordSet("armed|coordinated|suspected|alleged|reported|attempted|failed|botched|renewed|combined|" +
	"twin|sustained|targeted|unprovoked|so-called|claimed|planned|fresh|latest|deadly")

// separateMarks say a sentence reports another incident than the one before.
var separateMarks = []string{"separate incident", "separate attack", "another incident", "in a separate", "in another",
	"separately", "elsewhere", "a separate", "an earlier", "a similar"}

func (d *docState) saysSeparate(si int) bool {
	lower := strings.ToLower(d.sentenceText(si))
	for _, m := range separateMarks {
		if i := indexWord(lower, m); i >= 0 && i < 60 {
			return true
		}
	}
	// "another Shining Path attack", "another blast"
	toks := d.rd.Sentences[si].Tokens
	for k, t := range toks {
		if t.Lower != "another" {
			continue
		}
		for q := k + 1; q < len(toks) && q < k+4; q++ {
			if ts := triggers[toks[q].Lower]; len(ts) > 0 && !ts[0].verbal {
				return true
			}
		}
	}
	return false
}

// incidentList reports a trigger in a list of kinds of incident: "a rise
// in bombings, targeted killing and attacks on police".
func (d *docState) incidentList(si int, h hit) bool {
	toks := d.rd.Sentences[si].Tokens
	// the longest run of nouns of incidents joined only by commas and
	// "and"/"or", with few words each ("targeted killing"); a sentence that
	// tells one incident and names it again ("a bomber struck and the
	// attack was followed by gunfire") is no list
	run, best, prevEnd := 0, 0, -1
	for _, o := range d.allTriggers(si) {
		if o.verbal || abs(o.tok-h.tok) > 8 {
			continue
		}
		joined := false
		if prevEnd >= 0 && o.tok-prevEnd <= 4 {
			joined = true
			for k := prevEnd; k < o.tok; k++ {
				if w := toks[k].Lower; w != "," && w != "and" && w != "or" && npStop[w] || hardPunct(toks[k]) && w != "," {
					joined = false
				}
			}
			if !hasWord(toks, prevEnd, o.tok, wordSet(",|and|or")) {
				joined = false
			}
		}
		if joined {
			run++
		} else {
			run = 1
		}
		best = max(best, run)
		prevEnd = o.end
	}
	return best >= 3
}

// scheduling words before "to visit": "is due to visit", "plans to protest".
var scheduling = wordSet("due|plans|plan|planned|planning|scheduled|set|expected|going|intends|intend|decided|agreed|announced|is|are|was|were")

// takesHostages reports an abduction word used as an event in the sentence.
func (d *docState) takesHostages(si int) bool {
	toks := d.rd.Sentences[si].Tokens
	for i := range toks {
		for _, t := range triggers[toks[i].Lower] {
			if t.typ != sitrep.Abduction || !matchWords(toks, i, t.words) {
				continue
			}
			if !d.rejectTrigger(si, hit{trigger: t, tok: i, end: i + len(t.words)}) {
				return true
			}
		}
	}
	return false
}

// followUp reports a sentence that continues the story of the incident
// just reported rather than opening another: the victim's body found, a
// hostage killed later ("his body was found", "was shot and killed shortly
// after", "two of the hostages were found dead").
func (d *docState) followUp(si int, h hit, e *event) bool {
	if len(d.events) == 0 {
		return false
	}
	prev := d.events[len(d.events)-1]
	if e.date != nil && !e.dateWeak && prev.date != nil && datedBefore(e.date, prev.date) {
		return false // "the October 7, 2023, attack": an earlier incident recalled, not what followed
	}
	toks := d.rd.Sentences[si].Tokens
	if violentType(e.typ) && violentType(d.events[len(d.events)-1].typ) && h.verbal && !d.passiveAt(toks, h.tok) {
		// "police had killed four of the gunmen": the attackers of the
		// incident just told, killed in it
		for k := h.end; k < len(toks) && k < h.end+5; k++ {
			if toks[k].Lower == "the" && k+1 < len(toks) && killedAttackers[toks[k+1].Lower] {
				return true
			}
			if toks[k].Kind == text.Punct {
				break
			}
		}
	}
	if e.typ == sitrep.MassGrave || e.typ == sitrep.ArmedAttack && e.strength <= 2 {
		for k := 0; k < len(toks); k++ {
			w := toks[k].Lower
			if (w == "body" || w == "bodies") && k > 0 && (toks[k-1].Lower == "his" || toks[k-1].Lower == "her" || toks[k-1].Lower == "their" || toks[k-1].Lower == "'s") {
				return true
			}
			if (w == "hostage" || w == "hostages" || w == "captives" || w == "abductees") && prev.typ != sitrep.Arrest && prev.typ != sitrep.Protest && prev.typ != sitrep.Visit {
				return true
			}
		}
		if e.strength > 1 && e.typ != sitrep.MassGrave {
			return false // only the hostages named above tie a shooting to the story
		}
		lower := strings.ToLower(d.sentenceText(si))
		for _, cue := range []string{" later", "shortly after", "afterwards", "subsequently", "the next day", "following day", "after the kidnapping", "after the abduction"} {
			if strings.Contains(lower, cue) {
				return true
			}
		}
	}
	return false
}

// datedBefore reports a date that ends before another begins, compared at
// the precision both state ("2023-10-07" before "2024-04"; "2024" is not
// before "2024-04-30").
func datedBefore(a, b *timex.Mention) bool {
	x, y := a.EndValue, b.Value
	if x == "" {
		x = a.Value
	}
	if x == "" || y == "" {
		return false
	}
	n := min(len(x), len(y))
	return x[:n] < y[:n]
}

// futureVerbGroup reports a trigger in a future or modal verb group that
// reaches further back than the words just before it: "will be permanently
// expelled or … arrested", "would be detained and deported". Only passive
// auxiliaries, adverbs, participles, coordinators, ellipsis dots and an aside
// between commas may stand between the modal and the trigger.
func futureVerbGroup(toks []text.Token, at int) bool {
	for k := at - 1; k >= max(0, at-12); k-- {
		w := toks[k].Lower
		switch {
		case futureWords[w] && !monthMay(toks, k):
			return k < at-1 && (toks[k+1].Lower == "be" || toks[k+1].Lower == "have")
		case w == "be" || w == "been" || w == "have" || w == "or" || w == "and" || w == "either" || w == "then" || w == "." || w == "…" || w == "..":
		case toks[k].Kind == text.Word && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")):
		case w == ",":
			// "expelled or, in the worst cases, arrested": an aside between
			// commas after the coordinator
			j := k - 1
			for j > max(0, k-7) && toks[j].Lower != "," {
				j--
			}
			if j < 1 || toks[j].Lower != "," || toks[j-1].Lower != "or" && toks[j-1].Lower != "and" {
				return false
			}
			k = j
		default:
			return false
		}
	}
	return false
}

// disappearedHeld reports a word of disappearance that tells what became
// of people held, not what a protest was held against: "protesting
// against alleged enforced disappearances" leaves an arrest an arrest.
func disappearedHeld(toks []text.Token) bool {
	for k, t := range toks {
		if strings.Contains(t.Lower, "disappear") && !hasWord(toks, max(0, k-4), k, protestedActs) {
			return true
		}
	}
	return false
}

// aheadOf finds "ahead of", "in the run-up to" or "in preparation for"
// opening the noun phrase of a non-verbal trigger ("ahead of the prime
// minister's visit"), or -1.
func aheadOf(toks []text.Token, h hit) int {
	if h.verbal {
		return -1
	}
	for k := h.tok - 1; k >= max(0, h.tok-8); k-- {
		w := toks[k].Lower
		if hardPunct(toks[k]) || w == "," {
			return -1
		}
		if (w == "ahead" || w == "preparation") && k+1 < h.tok && (toks[k+1].Lower == "of" || toks[k+1].Lower == "for") ||
			w == "run-up" && k+1 < h.tok && toks[k+1].Lower == "to" {
			for j := 0; j < k; j++ {
				if toks[j].Lower == "had" {
					return -1 // "he had offered concessions ahead of his visit": told from after it
				}
			}
			return k
		}
	}
	return -1
}

// monthMay reports "May" the month, not the modal verb: "the May 9, 2023
// protests", "on 9 May", "since May".
func monthMay(toks []text.Token, k int) bool {
	if toks[k].Lower != "may" {
		return false
	}
	if k+1 < len(toks) && toks[k+1].Kind == text.Number || k > 0 && toks[k-1].Kind == text.Number {
		return true
	}
	return k > 0 && monthPreps[toks[k-1].Lower]
}

// monthPreps put a month name after them, never a modal verb.
var monthPreps = wordSet("in|of|since|until|till|last|next|early|late|mid|mid-|during|from|through|between|the")

// killedAttackers name who carried out an incident, referred back to as
// "the gunmen".
var killedAttackers = wordSet("gunmen|gunman|attackers|attacker|assailants|assailant|militants|terrorists|bombers|raiders|insurgents|hijackers|kidnappers|abductors")

// violentType: the incidents of armed violence.
func violentType(t string) bool {
	return t == sitrep.Bombing || t == sitrep.ArmedAttack || t == sitrep.Assassination || t == sitrep.Clash
}

// referredType returns the type of an incident a sentence refers back to
// with a definite phrase: "in the attack", "the ensuing clash", "this blast".
func (d *docState) referredType(si int) string {
	toks := d.rd.Sentences[si].Tokens
	for k := 0; k+1 < len(toks); k++ {
		switch toks[k].Lower {
		case "the", "this", "that", "ensuing", "same":
		case "'s":
			// "last week's attack", "Sunday's bombing"
			if k == 0 || !monthOrDay(toks[k-1].Lower) && toks[k-1].Lower != "week" && toks[k-1].Lower != "yesterday" && toks[k-1].Lower != "weekend" {
				continue
			}
		default:
			continue
		}
		q := k + 1
		for q < len(toks) && q < k+3 && toks[q].Kind == text.Word && toks[q].Capitalised(d.text) && !d.rd.AllCaps && triggers[toks[q].Lower] == nil {
			q++ // "the Peshawar rally", "the Lekki incident"
		}
		if q >= len(toks) {
			continue
		}
		for _, t := range triggers[toks[q].Lower] {
			if len(t.words) == 1 && !t.verbal && !t.plural {
				return t.typ
			}
		}
	}
	return ""
}

// mainTrigger picks the strongest trigger of the sentence.
func (d *docState) mainTrigger(si int) (hit, bool) { return d.mainTriggerFrom(si, 0) }

// mainTriggerFrom is mainTrigger over the tokens from token from on.
func (d *docState) mainTriggerFrom(si, from int) (hit, bool) {
	toks := d.rd.Sentences[si].Tokens
	var best hit
	found := false
	for i := from; i < len(toks); i++ {
		ts := triggers[toks[i].Lower]
		if t, ok := bodiesFoundApart(toks, i); ok {
			ts = []trigger{t}
		}
		for _, t := range ts {
			if !matchWords(toks, i, t.words) {
				continue
			}
			h := hit{trigger: t, tok: i, end: i + len(t.words)}
			if strings.HasPrefix(t.words[0], "suicide") || strings.Contains(strings.Join(t.words, " "), "himself") || strings.Contains(strings.Join(t.words, " "), "herself") {
				h.suicide = true
			}
			if d.rejectTrigger(si, h) {
				break
			}
			// the strongest word wins; at equal strength a verb that reports the
			// event beats a plural noun ("two bombs exploded")
			if !found || h.strength > best.strength || h.strength == best.strength && best.plural && !h.plural {
				best, found = h, true
			}
			i = h.end - 1
			break
		}
	}
	return best, found
}

// bodiesFoundApart reads a discovery of bodies told around an inserted
// phrase: "Two hundred corpses, including those of people executed by the
// group, were found near Raqa".
func bodiesFoundApart(toks []text.Token, i int) (trigger, bool) {
	w := toks[i].Lower
	if w != "bodies" && w != "corpses" || i+1 >= len(toks) || toks[i+1].Lower != "," {
		return trigger{}, false
	}
	for k := i + 2; k+1 < len(toks) && k < i+30; k++ {
		switch toks[k].Lower {
		case ".", ";":
			return trigger{}, false
		case "were":
			if toks[k-1].Lower == "," {
				switch toks[k+1].Lower {
				case "found", "discovered", "recovered", "exhumed", "unearthed":
					return trigger{words: []string{w}, typ: sitrep.MassGrave, strength: 3, verbal: true}, true
				}
			}
		}
	}
	return trigger{}, false
}

// protestNotes are the verbs and adjectives of a protest made by a
// statement: a government "lodged a strong protest", "delivered a formal
// protest note".
var protestNotes = wordSet("lodge|lodged|lodges|lodging|deliver|delivered|delivers|register|registered|registers|convey|conveyed|conveys|record|recorded|records|" +
	"formal|strong|strongly-worded|diplomatic|official|written|verbal")

// complaintBodies receive a protest lodged with them.
var complaintBodies = wordSet("nations|un|council|ministry|office|embassy|government|authorities|commission|secretary|" +
	"envoy|ambassador|mission|speaker|chairman|court|body|organisation|organization")

// statedProtest reports a protest that is a statement or a motive rather
// than a demonstration: the object of "lodge", "deliver", "register" or
// "convey" or qualified as formal or diplomatic, one followed by "note",
// and "in protest at/over/against" (the reason for another act).
func statedProtest(toks []text.Token, h hit) bool {
	if h.end < len(toks) && (toks[h.end].Lower == "note" || toks[h.end].Lower == "notes" || toks[h.end].Lower == "letter") {
		return true
	}
	// "drew a protest to the United Nations from Egypt": a complaint to a body
	if h.end < len(toks) && toks[h.end].Lower == "to" && hasWord(toks, h.end+1, min(len(toks), h.end+4), complaintBodies) {
		return true
	}
	if h.tok > 0 && toks[h.tok-1].Lower == "in" && h.end < len(toks) {
		switch toks[h.end].Lower {
		case "at", "over", "against", "of":
			return true
		}
	}
	for k := h.tok - 1; k >= max(0, h.tok-4); k-- {
		if protestNotes[toks[k].Lower] {
			return true
		}
		if toks[k].Kind != text.Word {
			break
		}
	}
	return false
}

// rejectTrigger filters uses of a trigger word that do not report an
// incident: infinitives and modal verbs ("to protest"), adjectives ("tortured
// bodies"), months ("March"), idioms ("heart attack").
func (d *docState) rejectTrigger(si int, h hit) bool {
	toks := d.rd.Sentences[si].Tokens
	w := toks[h.tok]
	if h.typ == sitrep.Bombing && (w.Lower == "shelling" || w.Lower == "shells" || w.Lower == "shell") &&
		hasWord(toks, max(0, h.tok-5), h.tok, tearGas) {
		return true // "tear gas and shelling to disperse protesters": riot control, no bombing
	}
	prev := ""
	if h.tok > 0 {
		prev = toks[h.tok-1].Lower
	}
	if !h.verbal {
		switch prev {
		case "will", "would", "to", "shall":
			if prev == "to" && h.tok >= 2 && (toks[h.tok-2].Lower == "attempted" || toks[h.tok-2].Lower == "tried") {
				return false // an attempt is an incident too
			}
			if prev == "to" && h.typ != sitrep.Visit && h.typ != sitrep.Protest && hasWord(toks, max(0, h.tok-7), h.tok, wordSet("used|using")) {
				return false // "used trucks to raid the town": the raid happened
			}
			// "will visit", "is due to visit": a scheduled visit or protest, kept as planned
			if (h.typ == sitrep.Visit || h.typ == sitrep.Protest) && (prev != "to" || h.tok >= 2 && scheduling[toks[h.tok-2].Lower]) {
				return false
			}
			return true
		case "who", "they", "we", "can", "could", "should", "must", "may", "might", "not", "cannot", "heart", "panic", "cyber", "sexual", "did", "didn't",
			"speculative", "verbal", "scathing", "blistering", "stinging", "rhetorical", "tariff", "tariffs", "trade", "media", "propaganda",
			"virtual", "online", "telephonic", "video", "phone", // "a virtual meeting with": no one travelled
			"cardiac", "respiratory", "breathing", "asthma", "anxiety", "epileptic": // "cardiac arrest", "breathing attacks": illness
			return true
		}
	}
	if prev == "no" || prev == "not" || prev == "never" {
		return true
	}
	// "no one was arrested", "nobody was hurt or detained"
	for k := max(0, h.tok-3); k < h.tok; k++ {
		if toks[k].Lower == "nobody" || toks[k].Lower == "none" || toks[k].Lower == "one" && k > 0 && toks[k-1].Lower == "no" {
			return true
		}
	}
	// "was picked up as the best choice": chosen, not taken
	if h.words[0] == "picked" && h.end < len(toks) && toks[h.end].Lower == "as" {
		return true
	}
	// "to chase and arrest": an infinitive too
	if (prev == "and" || prev == "or") && h.tok >= 3 && toks[h.tok-3].Lower == "to" {
		return true
	}
	// "the Rights of Persons Arrested, Detained or under Custodial
	// Investigation Bill": a word of a law's name
	if !d.rd.AllCaps && len(d.role) > si && d.role[si] == body && h.tok > 0 && w.Capitalised(d.text) {
		for k := h.end; k < len(toks) && k < h.end+8; k++ {
			if lawNames[toks[k].Lower] && toks[k].Capitalised(d.text) {
				return true
			}
		}
	}
	// "the Commission of Inquiry on Enforced Disappearances": a word of a name
	if !d.rd.AllCaps && len(d.role) > si && d.role[si] == body && h.tok > 0 && w.Capitalised(d.text) &&
		(toks[h.tok-1].Kind == text.Word && toks[h.tok-1].Capitalised(d.text) && toks[h.tok-1].Lower != "the" ||
			len(h.words) > 1 && toks[h.end-1].Capitalised(d.text) || h.end < len(toks) && toks[h.end].Capitalised(d.text) && toks[h.end].Kind == text.Word) {
		return true // "Committee on Enforced Disappearance", "Disappearance Commission"
	}
	// "the disappeared", "the forcibly disappeared": the people, not the act
	if h.verbal {
		k := h.tok - 1
		for k >= 0 && strings.HasSuffix(toks[k].Lower, "ly") {
			k--
		}
		if k >= 0 && (toks[k].Lower == "the" || toks[k].Lower == "their" || toks[k].Lower == "his" || toks[k].Lower == "her") {
			return true
		}
	}
	if h.typ == sitrep.Arrest && h.end < len(toks) && (toks[h.end].Lower == "warrant" || toks[h.end].Lower == "warrants") {
		return true // "arrest warrants": a court's order, not an arrest
	}
	if h.typ == sitrep.Protest && !h.verbal && h.end < len(toks) && (toks[h.end].Lower == "movement" || toks[h.end].Lower == "campaign") {
		return true // "an upcoming protest movement": a campaign, no one gathering
	}
	if h.typ == sitrep.Protest && !h.verbal && (h.words[0] == "protest" || h.words[0] == "protests") && statedProtest(toks, h) {
		return true // "lodged a strong protest", "in protest at the warrants": a statement or a motive
	}
	if h.words[0] == "protested" && h.end < len(toks) && (toks[h.end].Lower == "that" || personPronouns[toks[h.end].Lower] ||
		toks[h.end].Lower == "it" || toks[h.end].Lower == "they" || toks[h.end].Lower == "we") {
		return true // "Kyiv protested it had received far less": a complaint
	}
	if (h.words[0] == "taken" || h.words[0] == "took") && hasWord(toks, h.end, min(len(toks), h.end+3),
		wordSet("samples|sample|evidence|weapons|arms|cash|money|goods|items|documents|belongings|valuables|vehicles|phones|records|notice|note|steps|measures|action|part")) {
		return true // "taken away samples"
	}
	if h.words[0] == "taken" || h.words[0] == "took" {
		// "taken from the scene to hospital", "taken away for treatment"
		if hasWord(toks, h.end, min(len(toks), h.end+8), wordSet("hospital|hospitals|treatment|safety|morgue|mortuary")) {
			return true
		}
		if h.words[len(h.words)-1] == "from" && prev != "was" && prev != "were" && prev != "been" && prev != "forcibly" {
			return true // "the weapons taken from the post"
		}
		// "the clip was taken from two interviews", "a quote taken from his
		// speech": what is taken from a record is a record
		if h.words[len(h.words)-1] == "from" && hasWord(toks, h.end, min(len(toks), h.end+4), records) ||
			hasWord(toks, max(0, h.tok-3), h.tok, records) {
			return true
		}
	}
	if w.Lower == "march" && (d.rd.AllCaps || w.Capitalised(d.text)) {
		return true
	}
	// a participle used as an adjective: "455 tortured and mutilated bodies",
	// "allegedly disappeared Baloch persons"
	if h.verbal && len(h.words) == 1 && h.end < len(toks) {
		next := toks[h.end]
		if prev != "" && (toks[h.tok-1].Kind == text.Number || determiners[prev] || prev == "allegedly" || adjPreps[prev]) && next.Kind == text.Word && !npStop[next.Lower] {
			return true
		}
	}
	return false
}

// lawNames end the name of a law or a treaty.
var lawNames = wordSet("bill|act|ordinance|law|convention|code|order|regulations|rules")

// records are taken from documents and talk, not from their homes.
var records = wordSet("interview|interviews|report|reports|book|speech|speeches|statement|statements|data|database|website|archive|archives|" +
	"video|videos|footage|film|clip|clips|recording|recordings|letter|article|survey|study|quote|quotes|excerpt|photo|photos|" +
	"photograph|photographs|picture|pictures|image|images|audio|sample|samples|text|transcript|file|files|figures|remarks")

// adjPreps before a participle make it an adjective: "with detained PTI
// founder Imran Khan", "for abducted students".
var adjPreps = wordSet("with|of|for|from|about")

// habitualNear reports a generic or habitual statement around the trigger.
func (d *docState) habitualNear(si int, h hit, lowerSent string) bool {
	toks := d.rd.Sentences[si].Tokens
	for k := max(0, h.tok-4); k < min(len(toks), h.end+3); k++ {
		if habitual[toks[k].Lower] {
			return true
		}
	}
	for _, p := range habitualPhrases {
		if i := indexWord(lowerSent, p); i >= 0 {
			// only phrases near the trigger count: the clause around it
			off := d.rd.Sentences[si].Start + i
			if abs(off-toks[h.tok].Start) < 60 {
				return true
			}
		}
	}
	return false
}

// indexWord finds phrase in s as whole words ("one of" is not in "one officer").
func indexWord(s, phrase string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || !isLetter(s[i-1])) && (end == len(s) || !isLetter(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dateFor picks the date of the sentence closest to the trigger. A date
// that says when someone spoke ("police said on Monday") is weak: it is
// taken only when the sentence gives no other, and any date of the
// incident read elsewhere replaces it.
func (d *docState) dateFor(si int, h hit) (*timex.Mention, bool) {
	s := d.rd.Sentences[si]
	at := s.Tokens[h.tok].Start
	var best *timex.Mention
	bestDist, bestWeak := 1<<30, false
	periods := d.periodSpans(si)
	cFrom, cTo := d.clauseSpan(si, h)
	if m := d.yearBefore(si, h); m != nil {
		return m, false
	}
	if m, ok := d.recalledDate(si, h); ok {
		return &m, false
	}
	var others []hit
	funeral := -1
	if s.Dates[1]-s.Dates[0] > 0 {
		others = d.allTriggers(si)
		if h.typ != sitrep.MassGrave {
			funeral = funeralAt(s.Tokens)
		}
	}
	for k := s.Dates[0]; k < s.Dates[1]; k++ {
		m := d.rd.Dates[k]
		if m.Value == "" || d.isDatelineDate(m) || inSpans(periods, m.Start) {
			continue
		}
		dist := abs(m.Start - at)
		// a stated day says more than a month or a bare year nearer the trigger
		switch m.Precision {
		case sitrep.PrecisionYear:
			dist += 150
		case sitrep.PrecisionMonth:
			dist += 40
		}
		if funeral >= 0 && tokenIndex(s.Tokens, m.Start) > funeral {
			ownDay := m.End <= at && tokenIndex(s.Tokens, m.End) >= h.tok-2 // "Friday's attack"
			if killedBeforeFuneral(s.Tokens, funeral, h) {
				// "buried on Friday after his killing in May": past the
				// link, the incident's; before it, the funeral's
				ownDay = m.Start > at || !hasWord(s.Tokens, tokenIndex(s.Tokens, m.End), h.tok, priorLinks)
			}
			if !ownDay {
				continue // "the funeral prayers of two soldiers killed in the attack were offered on Friday": the funeral's day
			}
		}
		weak := d.speechDate(si, m)
		if weak {
			dist += 1000
		}
		if m.Start < cFrom || m.Start >= cTo {
			dist += 300 // in a speech frame or another clause
		}
		// a date nearer another verb of the sentence is that verb's: "the
		// attack took place at a memorial for a commander killed in 2020"
		skip := false
		for _, o := range others {
			if o.tok == h.tok || !o.verbal {
				continue
			}
			// past a reduced relative clause ("a commander killed in 2020"):
			// the date is that clause's
			if h.subject && o.tok > h.tok && m.Start > s.Tokens[o.tok].Start {
				skip = true
				break
			}
			if abs(m.Start-s.Tokens[o.tok].Start) < abs(m.Start-at) && !isBetween(s.Tokens, o.tok, h.tok, m.Start) {
				dist += 200
				break
			}
		}
		if skip {
			continue
		}
		if dist < bestDist {
			mm := m
			best, bestDist, bestWeak = &mm, dist, weak
		}
	}
	if best != nil {
		// "hostages taken during the October 7 attack": a day that names
		// an incident is the one the document gives a year elsewhere
		if k := d.namedIncident(s.Tokens, *best); k >= 0 {
			m := d.yearGivenElsewhere(*best, s.Tokens[k].Lower)
			best = &m
		}
	}
	return best, bestWeak
}

// namedIncident returns the token of the noun of attack that date m names
// ("the October 7 attack", "Hamas's Oct 7 raid"), -1 when none.
func (d *docState) namedIncident(toks []text.Token, m timex.Mention) int {
	from, to := tokenIndex(toks, m.Start), tokenIndex(toks, m.End)
	for k := to; k < len(toks) && k <= to+4; k++ {
		if attackNouns[toks[k].Lower] && d.namesIncident(toks, from, to, k) {
			return k
		}
	}
	return -1
}

// yearBefore returns the year set before an incident noun in its own noun
// phrase, "the 2016 Quetta hospital bombing": the incident's year, even in
// a sentence dated by the anniversary or the speech that recalls it.
func (d *docState) yearBefore(si int, h hit) *timex.Mention {
	if h.verbal {
		return nil
	}
	toks := d.rd.Sentences[si].Tokens
	for k := h.tok - 1; k >= 1 && k >= h.tok-5; k-- {
		t := toks[k]
		if t.Kind == text.Number {
			if len(t.Lower) != 4 || t.Lower < "1900" || t.Lower > "2099" || !determiners[toks[k-1].Lower] {
				return nil
			}
			if m, ok := d.dateAt(si, t.Start); ok && m.Precision == sitrep.PrecisionYear && m.Value != "" {
				return &m
			}
			return nil
		}
		if t.Kind != text.Word || npStop[t.Lower] || determiners[t.Lower] {
			return nil
		}
	}
	return nil
}

// ownDate returns the date the incident noun's own phrase carries: set
// before the noun (namesIncident: "the group's October 7, 2023, attack",
// "the May 9 riots"), or after it, past the place the phrase names, with
// "of" or "on" ("the attacks of 3 May", "the raid on Israel on October 7,
// 2023"). A day without its year that the document gives elsewhere with
// one takes that year: "the October 7 attack" after "on October 7, 2023".
func (d *docState) ownDate(si int, h hit) (timex.Mention, bool) {
	if h.verbal {
		return timex.Mention{}, false
	}
	s := d.rd.Sentences[si]
	toks := s.Tokens
	for k := s.Dates[0]; k < s.Dates[1]; k++ {
		m := d.rd.Dates[k]
		if m.Value == "" || d.isDatelineDate(m) {
			continue
		}
		from, to := tokenIndex(toks, m.Start), tokenIndex(toks, m.End)
		own := to <= h.tok && d.namesIncident(toks, from, to, h.tok)
		if from > h.end && (toks[from-1].Lower == "of" || toks[from-1].Lower == "on") {
			// after the noun, or after the place its phrase names
			at := from - 1
			if at > h.end {
				at = d.placePhraseStart(si, h, at)
			}
			own = at == h.end
		}
		if own {
			return d.yearGivenElsewhere(m, toks[h.tok].Lower), true
		}
	}
	return timex.Mention{}, false
}

// namesIncident reports a date at tokens [from, to) set before the
// incident noun at token at as its name: after a determiner, a possessive
// or a word of sequence, with only a comma and up to three words between
// ("the Oct 7 Hamas raid", "after the May 9, 2023, riots", "following Oct
// 7 cross-border attacks").
func (d *docState) namesIncident(toks []text.Token, from, to, at int) bool {
	if from == 0 || at-to > 4 {
		return false
	}
	if w := toks[from-1].Lower; !determiners[w] && !possessiveMarks[w] && !sequenceWords[w] {
		return false
	}
	for q := to; q < at; q++ {
		if toks[q].Lower != "," && (toks[q].Kind != text.Word || npStop[toks[q].Lower]) {
			return false
		}
	}
	return true
}

// possessiveMarks close a possessor: "Hamas's", "the rebels'".
var possessiveMarks = wordSet("'s|’s|'|’")

// sequenceWords set an incident before or after another: "after Oct 7 attacks".
var sequenceWords = wordSet("after|following|since|before|during")

// placePhraseStart returns the token that opens the place phrase ending
// just before token at, when it joins the incident noun ("raid on southern
// Israel"), else at itself.
func (d *docState) placePhraseStart(si int, h hit, at int) int {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	for k := s.Places[0]; k < s.Places[1]; k++ {
		p := d.rd.Places[k]
		j, jEnd := tokenIndex(toks, p.Start), tokenIndex(toks, p.End)
		if jEnd == at && d.attachedPlace(si, h, j, jEnd) {
			return h.end
		}
	}
	return at
}

// yearGivenElsewhere gives a day or month read without its year, that
// names an incident by the word noun, the year another date of the
// document states for the same day or month of such an incident ("the
// October 7 attack" after "an attack on October 7, 2023"), not of
// anything else ("the March 4 protest" is not "a movement launched on
// March 4, 1967").
func (d *docState) yearGivenElsewhere(m timex.Mention, noun string) timex.Mention {
	if hasYearDigits(m.Text) || len(m.Value) < 7 || m.Value != m.EndValue {
		return m
	}
	for si, s := range d.rd.Sentences {
		for k := s.Dates[0]; k < s.Dates[1]; k++ {
			o := d.rd.Dates[k]
			if o.Precision == m.Precision && len(o.Value) == len(m.Value) && o.Value[4:] == m.Value[4:] && o.Value != m.Value &&
				hasYearDigits(o.Text) && d.incidentWordNear(si, o, noun) {
				m.Value, m.EndValue = o.Value, o.EndValue
				return m
			}
		}
	}
	return m
}

// incidentWordNear reports the incident noun, or another noun of attack
// for one of them, within a few tokens of date m in sentence si.
func (d *docState) incidentWordNear(si int, m timex.Mention, noun string) bool {
	toks := d.rd.Sentences[si].Tokens
	from, to := tokenIndex(toks, m.Start), tokenIndex(toks, m.End)
	for k := max(0, from-6); k < len(toks) && k < to+6; k++ {
		if w := toks[k].Lower; w == noun || attackNouns[noun] && (attackNouns[w] || violentWord(w)) {
			return true
		}
	}
	return false
}

// recalledDate returns the date an incident noun's own phrase gives it
// (ownDate) when it is more than a month before the report: an older
// incident recalled, even in a span that names a period ("since the raid
// of 3 May 2021").
func (d *docState) recalledDate(si int, h hit) (timex.Mention, bool) {
	m, ok := d.ownDate(si, h)
	if !ok || d.rd.Published.IsZero() {
		return timex.Mention{}, false
	}
	month := d.rd.Published.AddDate(0, -1, 0).Format("2006-01-02")
	return m, datedBefore(&m, &timex.Mention{Value: month, EndValue: month})
}

// recalled reports an incident noun dated by its own phrase more than a
// month before the report and set as what came before the news: after a
// word of sequence or cause ("after Hamas's Oct 7, 2023 attack", "the war
// triggered by the May 2021 raid", "in the wake of the 2009 attack",
// "beginning with the attack of 3 May").
func (d *docState) recalled(si int, h hit) bool {
	m, ok := d.recalledDate(si, h)
	if !ok {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	k := d.phraseLead(toks, min(h.tok, tokenIndex(toks, m.Start)))
	if k < 0 {
		return false
	}
	switch w := toks[k].Lower; {
	case sequenceWords[w], w == "by":
		return true
	case w == "of" && k > 0 && antecedentNouns[toks[k-1].Lower]:
		return true
	case w == "to" && k > 0 && toks[k-1].Lower == "response":
		return true
	case w == "with" && k > 0 && openingVerbs[toks[k-1].Lower]:
		return true // "atrocities in Gaza, beginning with the attack of 3 May"
	}
	return false
}

// openingVerbs tell what a story began with: "beginning with the attack".
var openingVerbs = wordSet("beginning|began|begun|starting|started")

// violentWord reports a word that tells a violent incident or a taking
// of people: "attacked", "abducted".
func violentWord(w string) bool {
	for _, t := range triggers[w] {
		if violentType(t.typ) || t.typ == sitrep.Abduction {
			return true
		}
	}
	return false
}

// phraseLead returns the token before the noun phrase whose words from
// token k on are read, past its opening ("the", "Hamas's", "the armed
// group's"), -1 at the start of the sentence.
func (d *docState) phraseLead(toks []text.Token, k int) int {
	k--
	for n := 0; k >= 0 && n < 5 && (determiners[toks[k].Lower] || possessiveMarks[toks[k].Lower] ||
		toks[k].Kind == text.Word && !npStop[toks[k].Lower] && toks[k].Lower != "of"); n++ {
		k--
	}
	return k
}

// antecedentNouns set an incident before what is told: "in the wake of".
var antecedentNouns = wordSet("wake|aftermath|repeat|anniversary")

// inRecalledPhrase reports a place of a recalled incident's own phrase:
// set before the noun ("the 2009 Lahore attack"), or reached from it by
// prepositions with no clause between ("the 2009 attack on a school in
// Lahore", "the massacre of 22 villagers in Kech", "the attack of 3 May at
// Kabul's airport"), not "the 2009 attack that led to the war in Swat".
func (d *docState) inRecalledPhrase(si int, h hit, j, jEnd int) bool {
	toks := d.rd.Sentences[si].Tokens
	m, _ := d.recalledDate(si, h)
	inDate := func(q int) bool { return toks[q].Start >= m.Start && toks[q].End <= m.End }
	if jEnd <= h.tok {
		for q := jEnd; q < h.tok; q++ {
			if !inDate(q) && toks[q].Lower != "," && (toks[q].Kind != text.Word || npStop[toks[q].Lower]) {
				return false
			}
		}
		return true
	}
	if jEnd < len(toks) && placeNouns[toks[jEnd].Lower] {
		return false // "the raid on the Kenya town of …": the town is the place
	}
	if jEnd+1 < len(toks) && possessiveMarks[toks[jEnd].Lower] && !toks[jEnd+1].Capitalised(d.text) && !placeNouns[toks[jEnd+1].Lower] {
		return false // "the attack on Israel's embassy": whose, not where
	}
	if k := j - 1; !recapPreps[toks[k].Lower] && !compassAdjectives[toks[k].Lower] && toks[k].Lower != "the" && !(toks[k].Lower == "of" && placeNouns[toks[k-1].Lower]) {
		return false
	}
	for q := h.end; q < j; q++ {
		t := toks[q]
		switch {
		case inDate(q), recapPreps[t.Lower], determiners[t.Lower], possessiveMarks[t.Lower], t.Kind == text.Number:
		case t.Kind != text.Word || npStop[t.Lower]:
			return false // a clause or a list: "…, sparking the war in Gaza"
		case !t.Capitalised(d.text) && (strings.HasSuffix(t.Lower, "ed") || strings.HasSuffix(t.Lower, "ing")) &&
			!determiners[toks[q-1].Lower] && !recapPreps[toks[q-1].Lower]:
			return false // a verb: "the 2009 attack triggered the war in Swat"
		}
	}
	return j-h.end <= 12
}

// recapPreps lead from a recalled incident's noun to its place.
var recapPreps = wordSet("on|against|into|in|inside|at|within|near|outside|of|by|across")

// periodSpans returns the byte spans of the sentence that name a period
// rather than a moment: "since December 2021", "since the war began in
// 2012", "between 2014 and 2018". A date inside one is not when an
// incident happened, even in "the deadliest attack since 2018".
func (d *docState) periodSpans(si int) [][2]int {
	toks := d.rd.Sentences[si].Tokens
	var out [][2]int
	for i := 0; i < len(toks); i++ {
		w := toks[i].Lower
		year := i+1 < len(toks) && toks[i+1].Kind == text.Number && len(toks[i+1].Lower) == 4
		if w != "since" && !((w == "between" || w == "from") && year) {
			continue
		}
		j := i + 1
		for j < len(toks) && j < i+20 {
			l := toks[j].Lower
			if l == "," || l == "." || l == ";" || l == "when" || l == "which" || l == "who" || l == "while" || l == "but" || l == "as" || l == "said" {
				break
			}
			if w == "between" && l == "and" {
				j += 2 // "between 2014 and 2018"
				break
			}
			j++
		}
		j = min(j, len(toks))
		if j+1 < len(toks) && toks[j].Lower == "," && toks[j+1].Lower == "when" {
			// "since last October, when similar attacks …": the date of an incident
			i = j
			continue
		}
		if w == "since" && hasVerbalTrigger(toks, i+1, j) {
			// "since bombings killed almost 200 in January": a clause that
			// tells an incident, not a period
			continue
		}
		if j > i+1 {
			out = append(out, [2]int{toks[i].Start, toks[j-1].End})
		}
		i = j - 1
	}
	return out
}

// hasVerbalTrigger reports a trigger verb among tokens [from, to).
func hasVerbalTrigger(toks []text.Token, from, to int) bool {
	for k := from; k < to; k++ {
		for _, t := range triggers[toks[k].Lower] {
			if t.verbal && matchWords(toks, k, t.words) {
				return true
			}
		}
	}
	return false
}

func inSpans(spans [][2]int, off int) bool {
	for _, s := range spans {
		if off >= s[0] && off < s[1] {
			return true
		}
	}
	return false
}

// superlatives compare an incident with others over a period: "the
// deadliest attack since 2018" reports one incident, not a period's toll.
var superlatives = wordSet("deadliest|worst|biggest|largest|bloodiest|first|highest|most|heaviest|latest|major|second|third|fiercest|boldest|only")

// vagueMany are quantities that count over a period rather than in one
// incident when the text gives no day: "killed hundreds", "thousands died".
var vagueMany = wordSet("hundreds|thousands|tens|scores|millions|countless")

// warNouns name a war or campaign whose toll is no incident's.
var warNouns = wordSet("war|wars|campaign|offensive|conflict|conflicts|fighting|bombardment|insurgency|retaliation|" +
	"genocide|occupation|operations|crackdown|violence|hostilities|uprising|invasion|siege")

// wholeWars name a whole war, whose place is no incident's: "the war in Gaza".
var wholeWars = wordSet("war|wars|conflict|conflicts|insurgency|occupation|uprising|invasion|hostilities|genocide")

// perfectAdverbs stand between "has" and its verb: "has also killed".
var perfectAdverbs = wordSet("also|already|now|reportedly|allegedly|since|together|collectively")

// crimeNouns count offences, not incidents: "killed in honour crimes".
var crimeNouns = wordSet("crimes|killings")

// aggregateWords mark a toll over a period: "so far", "to date", "this year".
var aggregatePhrases = []string{"incidents of", "cases of", "so far", "to date", "this year", "in total", "the number of", "brought to", "the toll since",
	"tally of", "in the conflict", "in the war", "since the start", "since the beginning", "over the years", "have since",
	"deadliest year", "that period", "the line of duty"}

// longDateRange reports "from X to Y" or "between X and Y" in sentence
// si where X and Y are dates more than a month apart.
func (d *docState) longDateRange(si int) bool {
	toks := d.rd.Sentences[si].Tokens
	for i := 0; i+3 < len(toks); i++ {
		if w := toks[i].Lower; w != "from" && w != "between" {
			continue
		}
		first, ok := d.dateAt(si, toks[i+1].Start)
		if !ok {
			continue
		}
		for k := i + 2; k+1 < len(toks) && k < i+10; k++ {
			if l := toks[k].Lower; l != "to" && l != "until" && l != "till" && l != "and" && l != "through" && l != "-" && l != "–" {
				continue
			}
			if last, ok := d.dateAt(si, toks[k+1].Start); ok && daysApart(first.Value, last.Value) > 31 {
				return true
			}
		}
	}
	return false
}

// daysApart is how many days lie between the starts of two date values
// (YYYY, YYYY-MM or YYYY-MM-DD); 0 when either cannot be read.
func daysApart(a, b string) int {
	ta, oka := valueStart(a)
	tb, okb := valueStart(b)
	if !oka || !okb {
		return 0
	}
	n := int(tb.Sub(ta).Hours() / 24)
	if n < 0 {
		n = -n
	}
	return n
}

// valueStart is the first day of a date value.
func valueStart(v string) (time.Time, bool) {
	first, _ := bounds(v)
	t, err := time.Parse("2006-01-02", first)
	return t, err == nil
}

// periodCompared reports a figure set against another period's: "compared
// to 156 in February", "up from 30 in March", "compared with last year"
// (not "picked up from his home", "compared to regular courts").
func periodCompared(toks []text.Token) bool {
	for k := 0; k+2 < len(toks); k++ {
		w, n := toks[k].Lower, toks[k+1].Lower
		if !(w == "compared" && (n == "to" || n == "with") || (w == "up" || w == "down") && n == "from" || w == "as" && n == "against") {
			continue
		}
		next := toks[k+2]
		if next.Kind == text.Number || monthOrDay(next.Lower) || next.Lower == "last" || next.Lower == "previous" || next.Lower == "the" && k+3 < len(toks) && (toks[k+3].Lower == "previous" || toks[k+3].Lower == "same") {
			return true
		}
	}
	return false
}

// hasTrigger reports an incident word among toks[from:to].
func hasTrigger(toks []text.Token, from, to int) bool {
	for k := from; k < to; k++ {
		for _, t := range triggers[toks[k].Lower] {
			if matchWords(toks, k, t.words) {
				return true
			}
		}
	}
	return false
}

// aggregate reports a sentence that gives a toll over a period or a whole
// conflict rather than one incident: "militants have killed hundreds of
// soldiers since 2013", "3,000 were killed in fighting between 2014 and
// 2018", "the number of people killed this year rose to 29".
func (d *docState) aggregate(si int, h hit, e *event) bool {
	toks := d.rd.Sentences[si].Tokens
	lower := strings.ToLower(d.sentenceText(si))
	// a war's or a campaign's toll, whatever day the sentence also names:
	// "Israel's offensive has killed more than 48,000", "the war, which
	// began on October 7, has killed 60,000"
	big := max(e.killed.best, e.killed.low, e.injured.best, e.injured.low, e.victims.best, e.victims.low)
	if big >= 500 && hasWord(toks, 0, len(toks), warNouns) || big >= 5000 {
		return true
	}
	// "the think tank reported 105 militant attacks during the month,
	// resulting in 228 fatalities", "in Balochistan, 21 attacks claimed 79
	// lives": a toll summed over many incidents, whatever day it is given
	statedDay := e.date != nil && e.date.Precision == sitrep.PrecisionDay && !e.dateWeak
	if toll := max(e.killed.best, e.killed.low, e.injured.best, e.injured.low); toll > 0 && (e.incidentsCounted >= 10 || e.incidentsCounted >= 5 && !statedDay) {
		return true
	}
	// "Israeli attacks in Iran have killed at least 224 people so far": a
	// campaign's running toll, though the ministry gave it "earlier today"
	// (a single attack's toll may rise "so far": "the bombing has killed 26
	// so far")
	if (h.plural || hasWord(toks, max(0, h.tok-6), h.tok, pluralIncidents)) && big >= 50 && (strings.Contains(lower, "so far") || strings.Contains(lower, "to date")) {
		return true
	}
	if !e.killed.set() && !e.injured.set() && !e.victims.set() && (e.periodFigure || d.talliedCount(si)) {
		// "Israeli forces killed nearly 200 journalists during the last 18
		// months", "had recorded 875 people killed": a sentence whose only
		// head count is a period's tells no one incident
		return true
	}
	if d.longDateRange(si) {
		// "223 journalists killed from October 7, 2023, to October 1":
		// a toll over the months between two days, whichever it is dated by
		return true
	}
	if statedDay {
		return false
	}
	// "some 287 rebels killed in 2024", "1,300 people were martyred in 2024
	// alone": a year's toll told without naming any one incident; a year's
	// incident has its noun ("the 2014 school attack killed 147"), its name
	// ("the 2008 Mumbai siege") or its doers ("suicide bombers in 2019
	// killed 279")
	if big >= 100 && e.date != nil && e.date.Precision == sitrep.PrecisionYear && len(e.perps) == 0 && !hasIncidentNoun(toks) && !yearNamesIncident(toks) {
		return true
	}
	// "in KP, at least 206 people were killed — including 49 security
	// personnel, 34 civilians, and 123 militants — the report said": a
	// province's or a country's toll split between forces, civilians and
	// militants, with no day of its own, is a period's count
	if big >= 100 && (e.place == nil || e.place.broad()) && sidesCounted(toks) == 3 {
		return true
	}
	// "the Israeli strikes killed at least 1,060 people" with no day: the
	// campaign's toll; "Israel has killed more than 800 police": a count
	// of what a side has done so far
	if h.plural && big >= 300 {
		return true
	}
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].Lower != "has" && toks[k].Lower != "have" || big < 50 || hasTrigger(toks, max(0, k-6), k) {
			continue // not "the bombing has killed 60"
		}
		v := k + 1
		if v+1 < len(toks) && perfectAdverbs[toks[v].Lower] {
			v++ // "has also killed", "have already killed"
		}
		if killWords[toks[v].Lower] {
			return true
		}
	}
	// "counting attacks and operations, 150 people lost their lives in
	// March", "300 women were killed in honour crimes": a large toll of a
	// month or a year beside nouns of many incidents, or of crimes, is a
	// count over them ("100 were killed in a series of air strikes on the
	// city", undated, may be one day's)
	period := e.date != nil && (e.date.Precision == sitrep.PrecisionMonth || e.date.Precision == sitrep.PrecisionYear)
	if big >= 100 && (period && hasWord(toks, 0, len(toks), pluralIncidents) || hasWord(toks, 0, len(toks), crimeNouns)) {
		return true
	}
	// "208 killed in January compared to 156 in February": a month's or a
	// year's toll set against another period's is a statistic
	if period && periodCompared(toks) {
		return true
	}
	for _, sp := range d.periodSpans(si) {
		k := tokenIndex(toks, sp[0])
		if toks[k].Lower == "since" && hasWord(toks, max(0, k-10), k, superlatives) {
			continue // "the deadliest attack since 2018"
		}
		if toks[k].Lower == "since" && k+1 < len(toks) && toks[k+1].Kind == text.Word && !d.isDateAt(si, toks[k+1].Start) &&
			!strings.HasPrefix(lower[sp[0]-d.rd.Sentences[si].Start:], "since then") && !hasWord(toks, k+1, min(len(toks), k+6), wordSet("began|start|beginning|erupted|outbreak|took")) {
			continue // "since he was kidnapped": a reason or a sequence, not a period
		}
		return true
	}
	for _, p := range aggregatePhrases {
		if indexWord(lower, p) >= 0 {
			if (p == "so far" || p == "to date") && !h.plural && !h.verbal && e.killed.set() && !strings.Contains(lower, p+" no") &&
				!strings.Contains(lower, " the last ") && !strings.Contains(lower, " the past ") {
				// "the bombing has killed 26 so far": one incident's rising
				// toll, not "the shelling has so far killed three over the
				// last ten days" nor "so far no group has claimed it"
				continue
			}
			if p == "in total" && !h.plural && !hasWord(toks, 0, len(toks), pluralIncidents) && len(d.events) > 0 {
				// "In total 81 people were kidnapped": the whole of the
				// incident just told, not a sum over several
				e.wholeOfLast = true
				continue
			}
			return true
		}
	}
	if strings.Contains(lower, "overall death toll") || strings.Contains(lower, "overall toll") || strings.Contains(lower, "cumulative") {
		return true
	}
	// "killed hundreds", "has already killed scores of soldiers"
	for k := 0; k < len(toks); k++ {
		if vagueMany[toks[k].Lower] && (hasWord(toks, 0, len(toks), wordSet("has|have")) || e.date == nil && e.place == nil) {
			return true
		}
	}
	return false
}

// strikeType tells a military strike from a labour one: "an Israeli strike
// killed three", "air strikes hit a market" are bombings; "a hunger
// strike", "traders observed a shutter-down strike" are protests.
func (d *docState) strikeType(si, i int) string {
	toks := d.rd.Sentences[si].Tokens
	if i > 0 {
		switch toks[i-1].Lower {
		case "hunger", "general", "labour", "labor", "token", "shutter-down", "wheel-jam", "transport", "transporters", "traders",
			"doctors", "teachers", "workers", "nationwide", "sit-down", "day-long", "daylong", "province-wide", "countrywide":
			return sitrep.Protest
		case "on":
			return sitrep.Protest // "went on strike"
		}
	}
	// "a shutter-down and wheeljam strike": a labour strike named by a
	// kind of it a word or two before
	for k := max(0, i-4); k < i; k++ {
		switch toks[k].Lower {
		case "shutter-down", "shutterdown", "wheel-jam", "wheeljam", "pen-down", "pendown", "hunger", "tool-down":
			return sitrep.Protest
		}
	}
	for k := max(0, i-4); k < min(len(toks), i+6); k++ {
		switch toks[k].Lower {
		case "call", "called", "observed", "observe", "observing", "strikers", "union", "unions", "demands", "wages", "salaries", "shutdown",
			"supporting", "shut", "closed", "closures", "staffers":
			return sitrep.Protest
		}
	}
	// "the young doctors continued the strike", "the strike would go on as
	// the government would not talk with doctors": who strikes, when nothing
	// was hit and no one hurt
	if d.hasTrade(toks) && !hasWord(toks, 0, len(toks), killWords) && !hasWord(toks, 0, len(toks), injureWords) &&
		!hasWord(toks, 0, len(toks), harmWords) {
		return sitrep.Protest
	}
	return sitrep.Bombing
}

// hasTrade reports people who go on strike named in lower case: the
// "Staff" of "the Joint Chiefs of Staff" strikes at no one's wages.
func (d *docState) hasTrade(toks []text.Token) bool {
	for _, t := range toks {
		if strikingTrades[t.Lower] && (d.rd.AllCaps || !t.Capitalised(d.text)) {
			return true
		}
	}
	return false
}

// selfKilling words before "suicide" make it a death, not an attack.
var selfKilling = wordSet("by|committed|commit|commits|committing|attempted|attempt|attempts")

// strikingTrades are the people who go on strike.
var strikingTrades = wordSet("doctors|nurses|paramedics|teachers|professors|workers|employees|staff|labourers|laborers|traders|" +
	"shopkeepers|lawyers|transporters|drivers|pilots|students|farmers|miners|journalists|clerks")

// isBetween reports a byte offset that lies between tokens a and b: a date
// between two verbs is not claimed by the farther one alone.
func isBetween(toks []text.Token, a, b, off int) bool {
	lo, hi := min(a, b), max(a, b)
	return off > toks[lo].Start && off < toks[hi].Start
}

// reportVerbs say that someone spoke or published.
var reportVerbs = wordSet("said|says|say|told|tells|announced|announces|reported|reports|stated|states|added|claimed|claims|" +
	"confirmed|confirms|accused|accuses|alleged|alleges|denied|denies|tweeted|wrote|posted|released|issued|quoted|disclosed|" +
	"revealed|informed|declared|warned|urged|condemned|insisted|statement|briefing|conference|justified|acknowledged|admitted|" +
	"expressed|voiced|denounced|deplored|lamented|vowed|pledged")

// recentWords call an incident already known: "the recent attack".
var recentWords = wordSet("recent")

// speechDate reports a date that belongs to a statement: after a verb of
// saying ("said on Monday", "told AFP on Saturday", "in a statement
// released on Thursday") or before one ("on Friday said").
func (d *docState) speechDate(si int, m timex.Mention) bool {
	toks := d.rd.Sentences[si].Tokens
	i := tokenIndex(toks, m.Start)
	j := tokenIndex(toks, m.End)
	for k, n := i-1, 0; k >= 0 && n < 4; k-- {
		w := toks[k].Lower
		if reportVerbs[w] {
			return true
		}
		if w == "on" || w == "late" || w == "early" || w == "," || toks[k].Kind == text.Word && toks[k].Capitalised(d.text) && n < 3 {
			n++
			continue // "told AFP on", "said late on"
		}
		break
	}
	for k := j; k < len(toks) && k < j+2; k++ {
		if reportVerbs[toks[k].Lower] {
			return true
		}
		if toks[k].Lower != "," {
			break
		}
	}
	return false
}

// isDatelineDate reports the date of a wire dateline ("LIMA, 14 MAR 90 --",
// "Quetta, Sep 5 (Agency)"): the day the report was filed, not of the event.
func (d *docState) isDatelineDate(m timex.Mention) bool {
	if m.Start > 200 {
		return false
	}
	rest := strings.TrimLeft(d.text[m.End:min(len(d.text), m.End+40)], " ")
	if strings.HasPrefix(rest, "--") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–") {
		return true
	}
	if strings.HasPrefix(rest, "(") {
		if k := strings.IndexByte(rest, ')'); k > 1 && k < 30 {
			r, _ := utf8.DecodeRuneInString(rest[1:])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// placeFor picks the place of the sentence that the incident happened at:
// the most specific toponym introduced by a locative preposition, nearest
// the trigger; a visit goes to the place after "to".
func (d *docState) placeFor(si int, h hit) *placeVal {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	at := toks[h.tok].Start
	cFrom, cTo := d.clauseSpan(si, h)
	var best *gazetteer.Mention
	bestScore, bestRef, bestAttached := -1<<30, false, false
	// the places scored, for an attached country or province to give way
	// to a place inside it
	cands := d.placeCands[:0]
	defer func() { d.placeCands = cands[:0] }()
	funeral := -1
	if s.Places[1] > s.Places[0] && h.typ != sitrep.MassGrave {
		funeral = funeralAt(toks)
	}
	recap := s.Places[1] > s.Places[0] && d.recalled(si, h)
	for k := s.Places[0]; k < s.Places[1]; k++ {
		p := d.rd.Places[k]
		if p.Demonym {
			var ok bool
			if p, ok = d.demonymPlace(si, p); !ok {
				continue // "Pakistani" names a nationality, not where it happened
			}
		}
		if d.inDateline(p) {
			continue // where the reporter filed from
		}
		if d.strayPlace(p) {
			continue
		}
		if strings.HasPrefix(d.text[p.End:], "-") {
			continue // "Nairobi-bound", "Iran-backed": a modifier, not a location
		}
		if j := tokenIndex(toks, p.Start); compassWords[strings.ToLower(p.Text)] && j > 0 && toks[j-1].Capitalised(d.text) && toks[j-1].Kind == text.Word {
			continue // "the Middle East", "the Far East": a region, no place of its own
		}
		j, jEnd := tokenIndex(toks, p.Start), tokenIndex(toks, p.End)
		next, after := "", ""
		if jEnd < len(toks) {
			next = toks[jEnd].Lower
		}
		if jEnd+1 < len(toks) {
			after = toks[jEnd+1].Lower
		}
		if peopleNouns[next] && p.Entry.Kind != gazetteer.City {
			continue // "Amhara residents", "Baloch villagers": whom, not where
		}
		prev, prev2 := "", ""
		if j > 0 {
			prev = toks[j-1].Lower
		}
		if j > 1 {
			prev2 = toks[j-2].Lower
		}
		score := 0
		if prev == "the" && (p.Entry.Kind == gazetteer.Country || p.Entry.Kind == gazetteer.Admin1) && locativePreps[prev2] {
			// "in the Central African Republic", "in the Philippines"
			prev = prev2
		}
		// "bombing Qatar", "attacked Iran", "raided southern Israel": the
		// country the act befell is where it happened.
		struck := (j == h.end || j == h.end+1 && compassAdjectives[toks[h.end].Lower]) && h.end-h.tok == 1 && assaultVerbs[toks[h.tok].Lower]
		// "the raid on southern Israel", "an attack by Hamas in Israel":
		// the place the incident noun's own phrase names
		attached := d.attachedPlace(si, h, j, jEnd)
		if recap && !attached && !d.inRecalledPhrase(si, h, j, jEnd) {
			continue // "the war in Gaza triggered by the October 7, 2023, attack": the war's place, not the attack's
		}
		// "violated Qatar's sovereignty when its warplanes struck": the
		// country whose sovereignty, airspace or soil the act breached
		breached := next == "'s" && sovereignNouns[after] && h.tok > jEnd
		if p.Entry.Kind == gazetteer.Country && !locativePreps[prev] && prev != "'s" && !(h.typ == sitrep.Visit && visitVerbs[prev]) && !struck && !breached && !attached {
			continue // "accuse Israel of", "Pakistan airstrikes": a country acting, not where
		}
		if p.Entry.Kind != gazetteer.Country && !(h.typ == sitrep.Visit && visitVerbs[prev]) && !struck && !breached && !attached &&
			d.seatNamed(si, p, false) {
			continue // "Tehran fired its last missiles", "Moscow's offensive": a capital standing for its government
		}
		if c := openingPhraseEnd(toks); c > j && h.tok > c {
			continue // "Enjoying impunity in the West Bank, Israel struck Doha": the setting, not where
		}
		if funeral >= 0 && j > funeral && j < h.tok && killedBeforeFuneral(toks, funeral, h) {
			continue // "buried in Doha after his killing in Tehran": the funeral's town
		}
		if funeral >= 0 && j > funeral && j > h.end+1 && !(j > h.tok && killedBeforeFuneral(toks, funeral, h)) {
			continue // "… were laid to rest in Mansehra": where the funeral was, not "the bombing in Peshawar"
		}
		if funeral > h.end && j < h.tok && hasWord(toks, j, h.tok, relativePronouns) {
			continue // "In Mansehra, a guard who was killed in the attack was laid to rest": the funeral's town
		}
		if j < h.tok && d.meetingPlace(si, p) {
			continue // "a debate in Geneva on the attack": where people met to speak of it
		}
		if h.typ != sitrep.Visit && d.statementPlace(si, p) {
			continue // "condemned the attack at a press conference in Kabul": where it was spoken of
		}
		if prev == "in" && j > h.end && (heldWhere[prev2] || prev2 == "captivity" && j > 3 && toks[j-3].Lower == "in" && (heldWhere[toks[j-4].Lower] || toks[j-4].Lower == "held")) {
			continue // "hostages taken in the raid, 40 remain (in captivity) in Gaza": where they are now
		}
		if prev == "for" && h.typ != sitrep.Protest && !contestFor[prev2] {
			continue // "a ceasefire proposal for Gaza", "left for Kabul": whom it is for or where it went
		}
		if d.destination(si, p) {
			continue // "a passenger who was going to Lahore": where the journey led, not where it happened
		}
		if h.typ == sitrep.Protest && j > h.tok && hasWord(toks, h.tok, j, protestCauses) {
			continue // "a strike in solidarity with the people of Gaza": what it is for, not where
		}
		if (prev == "to" || prev == "on") && (p.Entry.Kind == gazetteer.Country || d.isSeat(p.Text)) &&
			hasWord(toks, max(0, j-8), j-1, blameLinks) {
			continue // "linked the attack to Islamabad", "blamed it on Pakistan": who is blamed, not where
		}
		if d.seatActing(si, p) {
			continue // "Islamabad responded to aggression by Kabul": governments acting, not where
		}
		if q := j - 1; q > 1 && (h.tok < j-2 || h.tok > j) && !wholeWars[toks[h.tok].Lower] {
			if toks[q].Lower == "the" {
				q--
			}
			if (toks[q].Lower == "in" || toks[q].Lower == "on") && (wholeWars[toks[q-1].Lower] || truces[toks[q-1].Lower]) {
				if h.tok < j {
					continue // "a campaign linked to the war in the Gaza Strip": where the war is, not the incident
				}
				// "to end the war in Gaza, saying that bombing Qatar …": the
				// war's place, unless the sentence gives the incident none.
				score -= 40
			}
		}
		if wholeWars[next] && jEnd != h.tok && !wholeWars[toks[h.tok].Lower] {
			if h.tok < j {
				continue // "the attack that ignited the Gaza war": the war's place, not the incident's
			}
			score -= 40
		}
		if struck {
			score += 30
		}
		if attached {
			score += 40
		}
		if breached {
			score += 60 // more than "the state of Israel" that breached it
		}
		switch prev {
		case "in", "at", "near", "outside", "of", "on", "across", "around", "inside", "into", "within":
			score += 30
		case "for":
			if contestFor[prev2] {
				score += 30 // "the battle for Goma"
			}
		case "from":
			if originFrom(prev2) {
				continue // "a peacekeeper from Burundi", "jets launched from Maiduguri": where they came from
			}
			if next == "to" && h.typ != sitrep.Visit {
				continue // "a bus travelling from Khuzdar to Quetta": a route's start, not where
			}
			score += 30
		case "'s":
			if j > 1 && d.placeEndingAt(si, toks[j-2].End) {
				score += 20 // "northwest Pakistan's Orakzai region"
			}
		case "to":
			if h.typ == sitrep.Visit {
				score += 40
			} else if j > 1 && d.placeEndingAt(si, toks[j-2].End) && j > 2 && toks[j-3].Lower == "from" {
				continue // "from Khuzdar to Quetta": a route's end
			} else if homeWords[prev2] || journeyWords[prev2] {
				continue // "all seven belonged to Punjab", "on their way to Lahore": whose home, or where they were going
			}
		}
		// a country as a reference point: "near the border with Mali", "the Niger border"
		if (p.Entry.Kind == gazetteer.Country || p.Entry.Kind == gazetteer.Admin1) &&
			(prev == "with" && prev2 == "border" || prev == "bordering" || next == "border" || next == "borders") {
			score -= 40
		}
		if p.Entry.Kind == gazetteer.Country && next == "'s" && d.possessedAct(toks, jEnd+1, h) {
			continue // "killed in Israel's attack": whose attack, not where
		}
		if next == "'s" && !placeNouns[after] && !d.placeStartingAt(si, jEnd+1) && !compassWords[after] && prev != "in" && prev != "at" && !breached {
			continue // "linked to Israel's war", "Pakistan's embassy": whose, not where
		}
		switch {
		case next == "'s" && !placeNouns[after] && !d.placeStartingAt(si, jEnd+1) && !breached:
			score -= 30 // "Egypt's modern history", "Pakistan's embassy"
		case next == "'s":
			score -= 10
		case personRoles[next]:
			score -= 20 // "Balochistan Chief Minister"
		case (prev == "the" || prev == "a") && jEnd < len(toks) && toks[jEnd].Kind == text.Word && !npStop[next] && !placeNouns[next] &&
			!kindNouns[next] && !d.rd.AllCaps && !toks[jEnd].Capitalised(d.text):
			score -= 20 // "the Karachi bloodshed": a modifier
		}
		if p.Start < cFrom || p.Start >= cTo {
			score -= 25 // in a speech frame or another clause
		}
		ref := referencePoint(toks, j)
		if ref {
			score -= 45 // "300km east of the capital, Kathmandu": a bearing, not the place
		}
		score += 10 * specificity(p.Entry.Kind)
		score -= abs(p.Start-at) / 40
		if !ref {
			cands = append(cands, scoredPlace{p, score})
		}
		if score > bestScore {
			pp := p
			best, bestScore, bestRef, bestAttached = &pp, score, ref, attached
		}
	}
	// "the attack on Qatar … in Doha", "the Southport attack in the
	// United Kingdom": a place inside the one the incident noun names is
	// more specific, if it was in the running without the bonus
	if bestAttached && (best.Entry.Kind == gazetteer.Country || best.Entry.Kind == gazetteer.Admin1) {
		inner, innerScore := best, -1<<30
		for _, c := range cands {
			if specificity(c.m.Entry.Kind) <= specificity(best.Entry.Kind) || c.m.Entry.Country != best.Entry.Country ||
				best.Entry.Kind == gazetteer.Admin1 && c.m.Entry.Admin1 != best.Entry.Admin1 {
				continue
			}
			if c.score > innerScore && c.score > bestScore-60 {
				mm := c.m
				inner, innerScore = &mm, c.score
			}
		}
		best = inner
	}
	known := best
	if bestRef {
		known = nil
	}
	if known == nil || specificity(known.Entry.Kind) < 4 {
		if m, ok := d.townOfFacility(si); ok {
			known, best = &m, &m
		}
	}
	if funeral > h.end {
		// "… was laid to rest in the Khen village": an unlisted name
		// there is the funeral's village.
	} else if unknown := d.unlistedPlace(si, known); unknown != nil {
		return unknown
	}
	// "outside the press club here": the dateline's town
	if dl, _ := d.dateline(); dl != nil && hasWord(toks, 0, len(toks), wordSet("here")) && (best == nil || specificity(best.Entry.Kind) < specificity(dl.Entry.Kind)) {
		best = dl
	}
	if best == nil {
		// "bombings in the city": the city the report is about
		for k := 1; k+1 < len(toks); k++ {
			if locativePreps[toks[k-1].Lower] && toks[k].Lower == "the" && toks[k+1].Lower == "city" {
				best = d.lastCity(si)
				break
			}
		}
	}
	if best == nil {
		return nil
	}
	return &placeVal{name: d.placeName(*best), entry: best.Entry, precision: best.Entry.Kind.Precision(), located: true}
}

// scoredPlace is a place placeFor weighed, with its score.
type scoredPlace struct {
	m     gazetteer.Mention
	score int
}

// attachedPlace reports whether the place at token j of sentence si
// closes the incident noun's own phrase: "raid on Israel", "the raid
// against Israel", "raid on southern Israel", "an attack by Hamas in
// Israel", "the raid on Israel of 3 May 2021", the place ending the phrase
// (not "an attack on the Mozambique town of Palma", "a grave in Sudan's
// West Darfur"). Nouns only: after a verb the object is the target
// ("attacked a convoy in …").
func (d *docState) attachedPlace(si int, h hit, j, jEnd int) bool {
	toks := d.rd.Sentences[si].Tokens
	if h.verbal || h.typ == sitrep.Protest || h.typ == sitrep.Visit || j <= h.end {
		return false
	}
	// "of" and a date close the phrase with the incident's day
	datedOf := jEnd+1 < len(toks) && toks[jEnd].Lower == "of" && d.isDateAt(si, toks[jEnd+1].Start)
	if jEnd < len(toks) && !datedOf && (toks[jEnd].Lower == "'s" || toks[jEnd].Lower == "’s" || toks[jEnd].Kind == text.Word && !npStop[toks[jEnd].Lower]) {
		return false
	}
	k := j - 1
	if compassAdjectives[toks[k].Lower] || toks[k].Lower == "the" {
		k--
	}
	if k < h.end || !attachingPreps[toks[k].Lower] {
		return false
	}
	at := h.end
	if toks[at].Lower == "by" {
		// "by Hamas", "by the group": who did it, up to three words
		at++
		for n := 0; at < k && n < 3 && (toks[at].Lower == "the" || toks[at].Kind == text.Word && toks[at].Capitalised(d.text)); n++ {
			at++
		}
	}
	return at == k
}

// attachingPreps join a place to an incident noun: "the raid on Israel".
var attachingPreps = wordSet("on|against|into|in|inside")

// compassAdjectives qualify a place without naming another: "southern Israel".
var compassAdjectives = wordSet("southern|northern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|north-eastern|north-western|south-eastern|south-western")

// facilityNames end the name of a building or an institution that opens on
// its town: "the Quetta Press Club", "Kano City Mosque".
var facilityNames = wordSet("club|mosque|church|temple|university|college|school|hospital|airport|hotel|market|bazaar|stadium|prison|jail|court|station|cathedral|shrine|square")

// demonymPlace reads "the Qatari capital" as the capital of the country
// the demonym names, and "inside Pakistani territory" as the country: the
// mention then spans both words and takes the place's own name.
func (d *docState) demonymPlace(si int, p gazetteer.Mention) (gazetteer.Mention, bool) {
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, p.End)
	if i := tokenIndex(toks, p.Start); i > 0 && intoLand[toks[i-1].Lower] && j < len(toks) && landNouns[toks[j].Lower] {
		if c, ok := d.x.rec.Gaz.CountryByCode(p.Entry.Country); ok {
			return gazetteer.Mention{Start: p.Start, End: toks[j].End, Entry: c}, true
		}
	}
	if j >= len(toks) || toks[j].Start < p.End || toks[j].Lower != "capital" || j+1 < len(toks) && toks[j+1].Kind == text.Word && !npStop[toks[j+1].Lower] {
		return p, false // "the Afghan capital's police", "the Afghan capital markets"
	}
	c, ok := d.x.rec.Gaz.Capital(p.Entry.Country)
	if !ok {
		return p, false
	}
	return gazetteer.Mention{Start: p.Start, End: toks[j].End, Entry: c}, true
}

// landNouns after a demonym and one of intoLand name the country as a
// place: "inside Pakistani territory", "on Afghan soil"; not "from
// Pakistani airspace", where the act came from.
var landNouns = wordSet("territory|soil|airspace|waters")

var intoLand = wordSet("in|inside|into|on|onto|within|over|across")

// sovereignNouns name what an act on a country's soil breaches.
var sovereignNouns = wordSet("sovereignty|airspace|territory|soil|territorial")

// ingPrepositions end in -ing but open no participial phrase: "During
// clashes in Kirkuk, gunmen killed three" happened in Kirkuk.
var ingPrepositions = wordSet("during|according|including|regarding|concerning|considering|notwithstanding|pending|barring|excluding|" +
	"morning|evening|nothing|something|everything|anything|king|ring|spring|string|building|meeting|wedding|bombing|shooting|killing|fighting|shelling")

// openingPhraseEnd returns the comma that closes a participial phrase
// opening the sentence ("Enjoying impunity in the West Bank, …"), or -1.
// The phrase sets the scene for the clause after it; a place it names is
// not where that clause's act happened.
func openingPhraseEnd(toks []text.Token) int {
	if len(toks) == 0 || len(toks[0].Lower) < 6 || !strings.HasSuffix(toks[0].Lower, "ing") || ingPrepositions[toks[0].Lower] {
		return -1
	}
	for k := 1; k < len(toks); k++ {
		switch toks[k].Lower {
		case ",":
			return k
		case ";", ":", ".":
			return -1
		}
	}
	return -1
}

// townOfFacility reads the town at the head of a facility named as an
// organisation, where the incident happened: "a protest outside the Quetta
// Press Club". Only a town of a country the report names counts, or any
// when it names no place at all.
func (d *docState) townOfFacility(si int) (gazetteer.Mention, bool) {
	toks := d.rd.Sentences[si].Tokens
	counts := d.countryCounts()
	for _, m := range d.actorsIn(si) {
		j, jEnd := tokenIndex(toks, m.Start), tokenIndex(toks, m.End)
		if jEnd-j < 2 || jEnd > len(toks) || !facilityNames[toks[jEnd-1].Lower] || j == 0 {
			continue
		}
		prev := toks[j-1].Lower
		if prev == "the" && j >= 2 {
			prev = toks[j-2].Lower
		}
		if !locativePreps[prev] && prev != "outside" {
			continue
		}
		for k := jEnd - 1; k > j; k-- { // the longest town name first
			name := d.text[toks[j].Start:toks[k-1].End]
			for _, e := range d.x.rec.Gaz.Lookup(name) {
				if e.Kind == gazetteer.City && (counts[e.Country] > 0 || len(d.rd.Places) == 0) {
					return gazetteer.Mention{Start: toks[j].Start, End: toks[k-1].End, Text: name, Entry: e}, true
				}
			}
		}
	}
	return gazetteer.Mention{}, false
}

// referencePoint reports a place at token j that a bearing is taken from:
// "40km east of Kathmandu", "north of the capital, Kabul".
func referencePoint(toks []text.Token, j int) bool {
	q := j - 1
	if q >= 3 && toks[q].Lower == "," && toks[q-1].Lower == "capital" && toks[q-2].Lower == "the" {
		q -= 3
	}
	return q >= 1 && toks[q].Lower == "of" && compassWords[toks[q-1].Lower]
}

// lastCity is the city last named before sentence si, or the dateline's.
func (d *docState) lastCity(si int) *gazetteer.Mention {
	for k := d.rd.Sentences[si].Places[0] - 1; k >= 0; k-- {
		p := d.rd.Places[k]
		if p.Entry.Kind == gazetteer.City && !p.Demonym && !d.strayPlace(p) {
			return &p
		}
	}
	if dl, _ := d.dateline(); dl != nil && dl.Entry.Kind == gazetteer.City {
		return dl
	}
	return nil
}

// clauseSpan returns the byte span of the clause around the trigger: the
// sentence less a speech frame before it ("Authorities in Quetta said …")
// and a clause after it that starts anew (", as negotiators left talks in
// Geneva", "; officials in Kabul said").
func (d *docState) clauseSpan(si int, h hit) (int, int) {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	from, to := s.Start, s.End
	for k := h.tok - 1; k >= 0; k-- {
		w := toks[k].Lower
		if w == ";" || reportVerbs[w] && w != "statement" && w != "claimed" && w != "claims" {
			from = toks[k].End
			break
		}
	}
	for k := h.end; k < len(toks); k++ {
		w := toks[k].Lower
		if w == ";" {
			to = toks[k].Start
			break
		}
		if w == "," && k+1 < len(toks) {
			n := toks[k+1].Lower
			if n == "as" || n == "while" || n == "whereas" || n == "but" || n == "according" || reportVerbs[n] {
				to = toks[k].Start
				break
			}
			// ", officials said", ", a government statement said"
			for q := k + 1; q < len(toks) && q < k+6; q++ {
				if reportVerbs[toks[q].Lower] && toks[q].Lower != "statement" {
					if q+1 >= len(toks) || toks[q+1].Kind == text.Punct || q+1 < len(toks) && (toks[q+1].Lower == "on" || d.isDateAt(si, toks[q+1].Start)) {
						to = toks[k].Start
					}
					break
				}
			}
			if to != s.End {
				break
			}
		}
	}
	return from, to
}

// funeralAt returns the token of a sentence's funeral or burial, -1 when
// none: its day and town are the funeral's, not the incident's.
func funeralAt(toks []text.Token) int {
	for k, t := range toks {
		switch t.Lower {
		case "funeral", "funerals", "burial", "buried", "mourners", "janaza", "condolence", "condolences":
			return k
		case "laid":
			if k+2 < len(toks) && toks[k+1].Lower == "to" && toks[k+2].Lower == "rest" {
				return k
			}
		case "bodies":
			if k > 0 && (toks[k-1].Lower == "the" && k > 1 && (toks[k-2].Lower == "received" || toks[k-2].Lower == "receive")) {
				return k
			}
		}
	}
	return -1
}

// killedBeforeFuneral reports an incident told after the funeral of
// sentence toks as what came before it: "was buried in Doha on Friday
// after his killing in Tehran in May": the dates and places past the
// incident's word are the incident's, those before it the funeral's.
func killedBeforeFuneral(toks []text.Token, funeral int, h hit) bool {
	return funeral >= 0 && h.tok > funeral && hasWord(toks, funeral+1, h.tok, priorLinks)
}

// priorLinks open what happened before: "buried after his killing".
var priorLinks = wordSet("after|following")

// visitVerbs take the place visited as their object: "to visit Pakistan".
var visitVerbs = wordSet("visit|visits|visited|visiting|tour|toured|touring|reach|reached")

// protestCauses open what a protest is for or against; a place after them
// is the cause's, not the protest's.
var protestCauses = wordSet("solidarity|against|support|condemning|denouncing|protesting|over|for")

// blameLinks tie an incident to whom it is blamed on: "linked the attack to".
var blameLinks = wordSet("linked|links|linking|link|attributed|attributes|attributing|tied|ties|tying|traced|blamed|blames|" +
	"blaming|pinned|pins|connected|connects|connecting")

// isSeat reports a seat of government the knowledge base knows.
func (d *docState) isSeat(name string) bool {
	_, ok := d.x.kb.Seat(name)
	return ok
}

// seatActing reports whether place p of sentence si is a seat of
// government standing for its government: "Kabul denied", "accusing
// Islamabad of".
func (d *docState) seatActing(si int, p gazetteer.Mention) bool {
	if !d.isSeat(p.Text) {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	j, jEnd := tokenIndex(toks, p.Start), tokenIndex(toks, p.End)
	// two seats joined by "and" act together: "urged Tehran and
	// Washington to resume talks", "talks between Kabul and Islamabad"
	r := d.rd.Sentences[si].Places
	for _, q := range d.rd.Places[r[0]:r[1]] {
		if !d.isSeat(q.Text) {
			continue
		}
		qj, qEnd := tokenIndex(toks, q.Start), tokenIndex(toks, q.End)
		if qEnd+1 == j && (toks[qEnd].Lower == "and" || toks[qEnd].Lower == "or") {
			j = qj
		}
		if jEnd+1 == qj && (toks[jEnd].Lower == "and" || toks[jEnd].Lower == "or") {
			jEnd = qEnd
		}
	}
	prev, next := "", ""
	if j > 0 {
		prev = toks[j-1].Lower
	}
	if jEnd < len(toks) {
		next = toks[jEnd].Lower
	}
	return !locativePreps[prev] && (seatActsAfter[next] || seatActsBefore[prev])
}

// seatNamed reports whether place p of sentence si is a seat of
// government named other than as where something is: "Moscow's demands",
// "Tehran fired its last missiles", "talks with Kabul". A capital is named
// for its government far more often than for the city, so only "in Kyiv",
// "outside Sanaa", "on Tehran" say the report is about the place.
//
// With strict set, only those say it: "Islamabad High Court" or "a Damascus
// club" tell which country a report is about, not that its incidents lie
// in the city (the court hears cases from anywhere).
func (d *docState) seatNamed(si int, p gazetteer.Mention, strict bool) bool {
	if !d.isSeat(p.Text) {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	j, end := tokenIndex(toks, p.Start), tokenIndex(toks, p.End)
	prev, prev2, next := "", "", ""
	if j > 0 {
		prev = toks[j-1].Lower
	}
	if j > 1 {
		prev2 = toks[j-2].Lower
	}
	if end < len(toks) && toks[end].Kind == text.Word {
		next = toks[end].Lower
	}
	switch {
	case locativePreps[prev]:
		return false // "in Kyiv", "on Tehran"
	case (compassAdjectives[prev] || compassWords[prev]) && (locativePreps[prev2] || assaultVerbs[prev2]), prev == "downtown":
		return false // "in south Beirut", "struck central Kyiv", "a downtown Kabul hotel"
	case prev == "capital" || prev == "," && prev2 == "capital":
		return false // "in the capital Kabul", "Iran's capital, Tehran"
	case prev == "," && j > 1 && toks[j-2].Kind != text.Punct && (next == "" || locativePreps[next] || next == "and"):
		return false // "Sector G-8, Islamabad on Wednesday": an address
	case strict:
		return true
	case cityNouns[next]:
		return false // "Islamabad police", "Sanaa residents": the city's own people and places
	case next != "" && !d.rd.AllCaps && toks[end].Capitalised(d.text) && !npStop[next]:
		return false // "Islamabad High Court", "the Kabul International Airport"
	case next != "" && (prev == "a" || prev == "an" || prev == "the" || prev == "'s") && !govNouns[next] && !seatActsAfter[next] && !npStop[next]:
		return false // "a Damascus club", "Zahir's Islamabad residence": a place of the city
	}
	return true
}

// countryActing reports whether place p of sentence si is a country named
// as the state that acts: "Pakistan carried out air strikes", "accusing
// Afghanistan of". Like a capital named for its government, it says whose
// act the report tells, not where the report is.
func (d *docState) countryActing(si int, p gazetteer.Mention) bool {
	if p.Entry.Kind != gazetteer.Country {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	j, end := tokenIndex(toks, p.Start), tokenIndex(toks, p.End)
	prev, next := "", ""
	if j > 0 {
		prev = toks[j-1].Lower
	}
	if end < len(toks) {
		next = toks[end].Lower
	}
	if locativePreps[prev] || next == "'s" {
		return false // "in Pakistan", "ties with Afghanistan's Taliban": the country's own
	}
	return seatActsAfter[next] && next != "is" && next != "was" || countryActedBefore[prev] || countryActs[next]
}

// countryActedBefore precede a country named as the state that acts:
// "accusing Pakistan of", "strikes by India"; not "strikes against
// Pakistan", which names where they fell.
var countryActedBefore = wordSet("accusing|accused|accuse|accuses|by|urged|urging|warned|blamed|blaming")

// countryActs follow a country acting on another: "Pakistan carried out",
// "Israel fired".
var countryActs = wordSet("carried|carries|conducted|conducts|fired|fires|bombed|bombs|shelled|shells|targeted|targets|hit|hits|killed|kills")

// govNouns follow a capital named for its government: "the Kabul regime".
var govNouns = wordSet("government|regime|administration|authorities|rulers|leadership|establishment")

// cityNouns follow a city's name as its own people, offices and places:
// "Islamabad police", "Kabul airport".
var cityNouns = wordSet("police|policemen|airport|residents|resident|city|district|hospital|hospitals|court|courts|" +
	"suburb|suburbs|outskirts|neighbourhood|neighborhood|streets|market|bazaar|traffic|metropolitan|municipal|mayor")

// statementPlace reports whether place p of sentence si is where someone
// spoke of an incident: "at a press conference in Kabul", "told reporters
// in Islamabad".
func (d *docState) statementPlace(si int, p gazetteer.Mention) bool {
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, p.Start)
	if j < 3 || !locativePreps[toks[j-1].Lower] {
		return false
	}
	noun, before := toks[j-2].Lower, toks[j-3].Lower
	if saidIn(toks, j) && (d.isSeat(p.Text) || forumCities[strings.ToLower(p.Text)]) {
		return true // "strikes on Gaza killed 12, the UN office said in Geneva"
	}
	if meetingNouns[noun] || noun == "talk" {
		return pressWords[before] // "a press conference", "a news briefing", "media talk"
	}
	if audienceNouns[noun] && d.isSeat(p.Text) {
		// "told reporters in Islamabad", not "reporters in Gaza were
		// killed"; a capital's, where governments speak from, for a local
		// official tells reporters where it happened ("told reporters in
		// Sibi").
		if before == "the" && j > 3 {
			before = toks[j-4].Lower
		}
		return tellingWords[before]
	}
	return false
}

// forumPlace reports a city where international bodies speak from, as
// where someone spoke: "the UN office said in Geneva". Unlike a capital's,
// its country is not what the story is about.
func (d *docState) forumPlace(si int, p gazetteer.Mention) bool {
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, p.Start)
	return saidIn(toks, j) && forumCities[strings.ToLower(p.Text)]
}

// saidIn reports "said in", "announced in" … before the place at token j.
func saidIn(toks []text.Token, j int) bool {
	return j >= 2 && toks[j-1].Lower == "in" && reportVerbs[toks[j-2].Lower]
}

// forumCities are where international bodies speak from, besides the
// capitals of states.
var forumCities = wordSet("geneva|new york|the hague|brussels|vienna|strasbourg")

// pressWords open the name of a gathering held for the press.
var pressWords = wordSet("press|news|media")

// audienceNouns are whom a speaker tells: "told reporters in Kabul".
var audienceNouns = wordSet("reporters|journalists|newsmen|media|press|correspondents|newspersons")

// tellingWords take an audience: "told reporters", "speaking to journalists".
var tellingWords = wordSet("told|tells|telling|briefed|briefing|briefs|addressing|addressed|addresses|to|informed|informing")

// seatActsAfter follow a seat of government that stands for its
// government: "Kabul denied", "Islamabad responded".
var seatActsAfter = wordSet("said|says|responded|responds|retaliated|retaliates|accused|accuses|rejected|rejects|denied|denies|" +
	"warned|warns|blamed|blames|claimed|claims|launched|has|had|is|was|will|would|wants|insists|insisted|" +
	"wanted|sought|seeks|agreed|agrees|announced|announces|conveyed|demanded|demands|refused|refuses|decided|decides|" +
	"asked|asks|threatened|threatens|suspended|suspends|maintained|maintains|believes|believed|called|calls|vowed|vows|" +
	"escalated|escalates|struck|attacked")

// seatActsBefore precede a seat of government that stands for its
// government: "accusing Islamabad of", "aggression by Kabul".
var seatActsBefore = wordSet("accusing|accused|accuse|accuses|by|urged|urging|warned|between|against|with|blamed|blaming")

// assaultVerbs take the place an attack befell as their object: "bombing
// Qatar", "attacked Iran".
var assaultVerbs = wordSet("attack|attacks|attacked|attacking|bomb|bombs|bombed|bombing|strike|strikes|struck|striking|" +
	"shell|shells|shelled|shelling|invade|invades|invaded|invading|raid|raids|raided|raiding")

// possessedAct reports whether the noun phrase opening at token k, after a
// possessive, names an act: "Israel's unprovoked attack", "Russia's
// invasion", or the trigger itself.
func (d *docState) possessedAct(toks []text.Token, k int, h hit) bool {
	for i := k; i < len(toks) && i < k+3; i++ {
		if i == h.tok || attackNouns[toks[i].Lower] || waging[toks[i].Lower] {
			return true
		}
		if toks[i].Kind != text.Word || npStop[toks[i].Lower] {
			return false
		}
	}
	return false
}

// destination reports whether place p of sentence si is where a journey
// led: "a passenger who was going to Jacobabad".
func (d *docState) destination(si int, p gazetteer.Mention) bool {
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, p.Start)
	return j > 1 && toks[j-1].Lower == "to" && (journeyWords[toks[j-2].Lower] || homeWords[toks[j-2].Lower])
}

// homeWords before "to" make the place people's home: "all seven
// belonged to Punjab" says where the victims came from, not where they
// were killed.
var homeWords = wordSet("belonged|belong|belongs|belonging")

// meetingPlace reports whether place p of sentence si is where a
// gathering was held: "a debate in Geneva", "the summit in Riyadh".
func (d *docState) meetingPlace(si int, p gazetteer.Mention) bool {
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, p.Start)
	return j > 1 && locativePreps[toks[j-1].Lower] && meetingNouns[toks[j-2].Lower]
}

// meetingNouns name a gathering held to speak of an incident: "an urgent
// debate in Geneva on the strike".
var meetingNouns = wordSet("debate|session|summit|meeting|conference|talks|hearing|briefing|sitting|assembly")

// relativePronouns open a clause describing the noun before them.
var relativePronouns = wordSet("who|which|whose|whom")

// journeyWords before "to" make the place a destination: "going to",
// "travelling to", "en route to", "hostages taken to Gaza".
var journeyWords = wordSet("going|travelling|traveling|heading|headed|bound|returning|route|way|en|driving|flying|sailing|" +
	"taken|whisked|dragged|spirited")

// truces end a war where it is fought: "a ceasefire in Gaza" places the
// war, not an incident.
var truces = wordSet("ceasefire|truce|peace|armistice")

// tearGas: the words of "tear gas", "tear-gas", "teargas".
var tearGas = wordSet("gas|tear-gas|teargas")

// contestFor: "the battle for Goma" is fought at Goma.
var contestFor = wordSet("battle|battles|fight|fighting|assault|offensive|siege")

// heldWhere say where people are now, not where an incident put them there.
var heldWhere = wordSet("remain|remains|remained|stay|stays|stayed|trapped|stranded|languishing")

// waging names a state's campaign after its possessive: "Russia's
// invasion", "Israel's air strikes".
var waging = wordSet("air|aggression|offensive|invasion|incursion|bombardments|missile|missiles|drone|drones")

// locativePreps introduce where something happened.
var locativePreps = wordSet("in|at|near|outside|of|on|across|around|inside|into|within|from|throughout|to|over")

// distanceUnits measure how far a place lies from another.
var distanceUnits = wordSet("km|kms|kilometres|kilometers|miles|mile|kilometre|kilometer")

// compassWords are directions; after a capitalised word they end a
// region's name.
var compassWords = wordSet("east|west|north|south|central|centre|center|northeast|northwest|southeast|southwest")

// kindNouns name kinds of places after a toponym ("Kabul province").
var kindNouns = wordSet("province|region|state|county|district|division|governorate|department|territory|border|city|town|valley|area")

// originFrom reports a "from" that says where someone or something came
// from: after a noun ("a peacekeeper from Burundi", "suspects hailing
// from Libya") or a verb of departure ("launched from", "fired from").
func originFrom(before string) bool {
	switch before {
	case "launched", "fired", "flew", "hailing", "hails", "hail", "came", "come", "comes", "returned", "returning", "travelled",
		"traveled", "travelling", "traveling", "arrived", "migrated", "deported", "originally", "originating", "far", "away":
		return true
	}
	if strings.HasSuffix(before, "ed") || strings.HasSuffix(before, "en") || before == "up" || triggers[before] != nil {
		return false // "abducted from", "taken from", "picked up from"
	}
	return before != ""
}

// placeEndingAt and placeStartingAt: a toponym of sentence si at a byte offset.
func (d *docState) placeEndingAt(si, end int) bool {
	r := d.rd.Sentences[si].Places
	for _, p := range d.rd.Places[r[0]:r[1]] {
		if p.End == end {
			return true
		}
	}
	return false
}

func (d *docState) placeStartingAt(si, tok int) bool {
	toks := d.rd.Sentences[si].Tokens
	return tok < len(toks) && d.placeAt(si, toks[tok].Start)
}

// peopleNouns after a region's name make it a description of people.
var peopleNouns = wordSet("residents|civilians|villagers|people|families|fighters|militants|community|communities|" +
	"youths|men|women|students|activists|leaders|elders|refugees|migrants|workers|tribesmen|nationalists|separatists|rebels|insurgents")

// strayPlace reports a small town of a country nothing else in the text
// points to: most often a word that happens to be a place name somewhere
// ("Ranger" in Texas in a report from Thailand, "Sagang" in the
// Philippines in one from Manipur).
func (d *docState) strayPlace(p gazetteer.Mention) bool {
	k := p.Entry.Kind
	if k != gazetteer.City && k != gazetteer.Point && k != gazetteer.Admin2 || p.Entry.Population >= 100000 {
		return false
	}
	if k == gazetteer.Admin2 {
		// a district's population is often missing or stale in the data:
		// one the text keeps naming (three times and more) is its subject,
		// wherever else it points
		n := 0
		for _, m := range d.rd.Places {
			if m.Entry.Name == p.Entry.Name && m.Entry.Country == p.Entry.Country && m.Entry.Kind == k {
				n++
			}
		}
		if n > 2 {
			return false
		}
	}
	others := 0
	for cc, n := range d.countryCounts() {
		if cc != p.Entry.Country {
			others += n
		}
	}
	n := d.countrySupport[p.Entry.Country]
	// "Model Town" and "Sultana Bazaar" in a report from Lahore are two
	// villages of Romania by name: small places alone, with nothing
	// larger of their country in the text, are strays together too
	return others >= 2 && (n <= 1 || n <= 2 && d.countryStrong[p.Entry.Country] == 0)
}

// countryCounts is how many distinct place names of the text lie in each
// country; countryStrong, how many of them name the country, a province, a
// nationality or a town of some size. Both are computed once.
func (d *docState) countryCounts() map[string]int {
	if d.countrySupport == nil {
		d.countrySupport, d.countryStrong = map[string]int{}, map[string]int{}
		seen := map[string]bool{}
		for _, m := range d.evidencePlaces() {
			key := m.Entry.Country + "|" + strings.ToLower(m.Text)
			if seen[key] {
				continue
			}
			seen[key] = true
			d.countrySupport[m.Entry.Country]++
			if k := m.Entry.Kind; k == gazetteer.Country || k == gazetteer.Admin1 || m.Demonym || m.Entry.Population >= 20000 {
				d.countryStrong[m.Entry.Country]++
			}
		}
	}
	return d.countrySupport
}

// specificity ranks place kinds: a town says more than a province.
func specificity(k gazetteer.Kind) int {
	switch k {
	case gazetteer.Point:
		return 5
	case gazetteer.City:
		return 4
	case gazetteer.Admin2:
		return 3
	case gazetteer.Admin1:
		return 2
	}
	return 1
}

// placeNouns follow a toponym that names a locality: "the Rakhni area".
// Regions and provinces are left out: the gazetteer holds them, and a
// capitalised word before them is mostly an adjective ("the disputed
// Himalayan region", "a Sunni-majority province").
var placeNouns = wordSet("area|village|town|district|valley|tehsil|neighbourhood|neighborhood|locality|city|" +
	"sub-division|subdivision|bazaar|camp|settlement|hamlet|township|zone")

// unlistedPlace finds a capitalised toponym the gazetteer lacks ("in the
// Rakhni area", "the town of Moura", "in Inates, a town near …", "Tootak
// mass graves") and places it at the province or country the text gives,
// with that precision. It wins only over a less specific gazetteer match.
func (d *docState) unlistedPlace(si int, best *gazetteer.Mention) *placeVal {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	if d.rd.AllCaps || best != nil && specificity(best.Entry.Kind) >= 4 {
		return nil // a town named in the sentence says as much
	}
	name := ""
	for i := 1; i+1 < len(toks) && name == ""; i++ {
		t := toks[i]
		switch {
		case t.Kind == text.Word && t.Capitalised(d.text) && (placeNouns[toks[i+1].Lower] ||
			toks[i+1].Lower == "mass" && i+2 < len(toks) && strings.HasPrefix(toks[i+2].Lower, "grave")):
			// "the Kulag Tigran area", "Tootak mass graves"
			next := toks[i+1].Lower
			// "a Kuki village volunteer", "the Friday bazaar": a kind of place or a day
			if next != "mass" && i+2 < len(toks) && toks[i+2].Kind == text.Word && !npStop[toks[i+2].Lower] && toks[i+2].Lower != "and" &&
				toks[i+2].Lower != "of" && toks[i+2].Lower != "or" && !toks[i+2].Capitalised(d.text) {
				continue
			}
			from := i
			for from > 1 && i-from < 2 && toks[from-1].Kind == text.Word && toks[from-1].Capitalised(d.text) && !determiners[toks[from-1].Lower] {
				from--
			}
			if p := toks[from-1].Lower; p == "a" || p == "an" {
				continue
			}
			to := i + 1
			if next != "mass" && toks[i+1].Capitalised(d.text) && !d.rd.AllCaps {
				to++ // "the Baisaran Valley": the kind is part of the name
			}
			name = d.unlistedName(si, from, to)
		case placeNouns[t.Lower] && toks[i-1].Lower == "the" && toks[i+1].Lower == "of" && i+2 < len(toks):
			// "the town of Moura", "the district of Limmu Kosa"
			from, to := i+2, i+2
			for to < len(toks) && to < from+3 && toks[to].Kind == text.Word && toks[to].Capitalised(d.text) {
				to++
			}
			name = d.unlistedName(si, from, to)
		case t.Kind == text.Word && t.Capitalised(d.text) && (toks[i-1].Lower == "in" || toks[i-1].Lower == "at") && i+3 < len(toks) &&
			toks[i+1].Lower == "," && (toks[i+2].Lower == "a" || toks[i+2].Lower == "the") && (placeNouns[toks[i+3].Lower] || toks[i+3].Lower == "remote" || toks[i+3].Lower == "small"):
			// "in Inates, a town near the border"
			name = d.unlistedName(si, i, i+1)
		case t.Kind == text.Word && t.Capitalised(d.text) && (toks[i-1].Lower == "in" || toks[i-1].Lower == "at" || toks[i-1].Lower == "near") && i+4 < len(toks) &&
			toks[i+1].Lower == "," && toks[i+2].Kind == text.Number && distanceUnits[toks[i+3].Lower] && compassWords[toks[i+4].Lower]:
			// "in Kavre, 40kms east of Kathmandu"
			name = d.unlistedName(si, i, i+1)
		case t.Kind == text.Word && t.Capitalised(d.text) && i >= 2 && toks[i-1].Lower == "in" &&
			(incidentWord(toks[i-2].Lower) || killWords[toks[i-2].Lower]) &&
			(toks[i+1].Kind == text.Punct || !toks[i+1].Capitalised(d.text) && (npStop[toks[i+1].Lower] || toks[i+1].Lower == "in")):
			// "the attack in Grimari in the centre of the country", "were
			// killed in Solenzo on Sunday"
			name = d.unlistedName(si, i, i+1)
		case (t.Lower == "called" || t.Lower == "named") && toks[i+1].Kind == text.Word && toks[i+1].Capitalised(d.text) && placeNounBefore(toks, i):
			// "a village 65 kilometres from the city, called Sergokal"
			to := i + 2
			for to < len(toks) && to < i+4 && toks[to].Kind == text.Word && toks[to].Capitalised(d.text) {
				to++
			}
			name = d.unlistedName(si, i+1, to)
		}
	}
	if name == "" {
		return nil
	}
	pv := &placeVal{name: name, precision: sitrep.PlaceProvince, unlisted: true}
	if best != nil {
		pv.entry = best.Entry
		pv.located = true
		pv.precision = best.Entry.Kind.Precision()
	} else if p := d.focusPlace(); p != nil {
		pv.entry = p.Entry
		pv.located = true
		pv.precision = p.Entry.Kind.Precision()
		// "QUETTA: … in the Hazarganji area", in a report that names
		// Norway once: a locality of the reporter's own city's country
		// lies there, not in a country the report mentions in passing
		if dl, _ := d.dateline(); dl != nil && dl.Entry.Country != p.Entry.Country {
			pv.entry = dl.Entry
			pv.precision = dl.Entry.Kind.Precision()
		}
	}
	return pv
}

// unlistedName returns the capitalised words [from, to) as a place name if
// none is known as an actor, a place, a day or an adjective.
// placeNounBefore reports a kind of place shortly before token i, in the
// same clause: "a village … called".
func placeNounBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if placeNouns[toks[k].Lower] {
			return true
		}
		if hardPunct(toks[k]) && toks[k].Lower != "," && toks[k].Lower != "(" && toks[k].Lower != ")" {
			return false
		}
	}
	return false
}

func (d *docState) unlistedName(si, from, to int) string {
	toks := d.rd.Sentences[si].Tokens
	if from >= to || from < 1 {
		return ""
	}
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Kind != text.Word || !t.Capitalised(d.text) || monthOrDay(t.Lower) || strings.Contains(t.Lower, "-") || determiners[t.Lower] ||
			len(t.Lower) < 2 || len(t.Lower) <= 4 && t.Text(d.text) == strings.ToUpper(t.Text(d.text)) {
			return "" // no article, letter or acronym ("SHO City") names a locality
		}
		if m, ok := d.mentionStartingAt(si, t.Start); ok && m.Known {
			return "" // a name the knowledge base holds is an actor
		}
		if d.homePlaceAt(si, t.Start) {
			return ""
		}
	}
	end := toks[to-1].End
	if to < len(toks) && toks[to].Start == end+1 {
		// "the town of Maarat al-Numan"
		w := toks[to].Text(d.text)
		for _, art := range arabicArticles {
			if strings.HasPrefix(w, art) && len(w) > len(art)+1 && w[len(art)] >= 'A' && w[len(art)] <= 'Z' {
				end = toks[to].End
				break
			}
		}
	}
	return d.text[toks[from].Start:end]
}

// homePlaceAt reports a gazetteer place starting at off that is not a stray
// namesake abroad: "the village of Solhan" in a report about Burkina Faso is a
// local name, whatever town of another country shares it.
func (d *docState) homePlaceAt(si, off int) bool {
	r := d.rd.Sentences[si].Places
	for _, p := range d.rd.Places[r[0]:r[1]] {
		if p.Start == off && !d.strayPlace(p) {
			return true
		}
	}
	return false
}

// background reports an incident dated more than a month before the
// report: a recap of an earlier event, which may lie anywhere.
func (d *docState) background(e *event) bool {
	if e.date == nil || e.date.Value == "" || d.rd.Published.IsZero() {
		return false
	}
	month := d.rd.Published.AddDate(0, -1, 0).Format("2006-01-02")
	return datedBefore(e.date, &timex.Mention{Value: month, EndValue: month})
}

// homeArea is the area a report is about: the country most of its places
// lie in, narrowed to the province of that country it names most, else to
// the town of it named more than once. A capital counts for the town only
// where it is named as a place ("in Kyiv", "the capital Kyiv"), not as its
// government ("Moscow said", "Moscow's offensive") nor as the city's own
// offices ("Islamabad High Court"): a report about Russian strikes on
// Ukraine names Moscow for who struck.
// Nil when no country leads.
func (d *docState) homeArea() *placeVal {
	// The country named most often: a story told from one country about
	// another names the second again and again. Where a journey led and
	// where people met to speak of it do not count, nor a capital named
	// for its government ("Washington said") or a country named as the
	// state that acts ("Pakistan carried out strikes", "accusing India"):
	// the story of one country's strikes on another names the striker
	// most, and its capital, by who acted.
	mentions := map[string]int{}
	for si, s := range d.rd.Sentences {
		for k := s.Places[0]; k < s.Places[1]; k++ {
			if p := d.rd.Places[k]; !p.Demonym && !d.destination(si, p) && !d.meetingPlace(si, p) && !d.forumPlace(si, p) && !d.seatNamed(si, p, false) && !d.countryActing(si, p) {
				mentions[p.Entry.Country]++
			}
		}
	}
	cc, n, tie := "", 0, false
	for c, k := range mentions {
		switch {
		case c == "":
		case k > n:
			cc, n, tie = c, k, false
		case k == n:
			tie = true
		}
	}
	if cc == "" || tie {
		return nil
	}
	provinces, towns := map[string]int{}, map[string]int{}
	byName := map[string]gazetteer.Mention{}
	for si, s := range d.rd.Sentences {
		for k := s.Places[0]; k < s.Places[1]; k++ {
			p := d.rd.Places[k]
			if p.Demonym || p.Entry.Country != cc || d.destination(si, p) || d.meetingPlace(si, p) {
				continue
			}
			if d.seatNamed(si, p, true) || d.statementPlace(si, p) {
				continue // "New Delhi said", "told reporters in Kabul": whose country, but not where
			}
			if j := tokenIndex(s.Tokens, p.Start); j > 1 && s.Tokens[j-1].Lower == "from" && originFrom(s.Tokens[j-2].Lower) {
				continue // "labourers from Punjab", "hailing from Punjab": whose home, not where
			}
			switch p.Entry.Kind {
			case gazetteer.Admin1:
				provinces[p.Entry.Name]++
			case gazetteer.City:
				towns[p.Entry.Name]++
			default:
				continue
			}
			byName[p.Entry.Name] = p
		}
	}
	best, bestN := "", 0
	for name, k := range provinces {
		if k > bestN || k == bestN && name < best {
			best, bestN = name, k
		}
	}
	if best == "" {
		// no province named: the town named again and again ("the capital")
		bestN = 1
		for name, k := range towns {
			if k > bestN || k == bestN && best != "" && name < best {
				best, bestN = name, k
			}
		}
	}
	if best != "" {
		p := byName[best]
		return &placeVal{name: d.placeName(p), entry: p.Entry, precision: p.Entry.Kind.Precision(), located: true}
	}
	c, ok := d.x.rec.Gaz.CountryByCode(cc)
	if !ok {
		return nil
	}
	return &placeVal{name: c.Name, entry: c, precision: sitrep.PlaceCountry, located: true}
}

// evidencePlaces are the places that show where the text is: its place
// mentions and the provinces and towns that open the names of offices and
// organisations ("the Peshawar Press Club president was shot" is about
// Peshawar, though nothing happens in "Peshawar" there).
func (d *docState) evidencePlaces() []gazetteer.Mention {
	if d.whereabouts == nil {
		d.whereabouts = append([]gazetteer.Mention{}, d.rd.Places...)
		for _, p := range d.rd.Toponyms {
			// "US President", "Pakistan Senate": a country's offices are
			// named in reports from anywhere; a province's or a town's
			// ("Khyber Pakhtunkhwa Chief Secretary") are named near them.
			if p.InName && p.Entry.Kind != gazetteer.Country {
				d.whereabouts = append(d.whereabouts, p)
			}
		}
	}
	return d.whereabouts
}

// focusPlace is the province (else country) the document mentions most.
func (d *docState) focusPlace() *gazetteer.Mention {
	counts := map[int]int{}
	var byID = map[int]gazetteer.Mention{}
	for _, p := range d.evidencePlaces() {
		if p.Demonym {
			continue
		}
		if p.Entry.Kind == gazetteer.Admin1 {
			counts[p.Entry.ID]++
			byID[p.Entry.ID] = p
		}
	}
	if len(counts) == 0 {
		for _, p := range d.evidencePlaces() {
			if p.Entry.Kind == gazetteer.Country && !p.Demonym {
				counts[p.Entry.ID]++
				byID[p.Entry.ID] = p
			}
		}
	}
	bestID, bestN := 0, 0
	for id, n := range counts {
		if n > bestN || n == bestN && id < bestID {
			bestID, bestN = id, n
		}
	}
	if bestN == 0 {
		return nil
	}
	p := byID[bestID]
	return &p
}

// countsFor reads the figures of the sentence: each number is tied to the
// nearest casualty word around it, and numbers sharing a word are added up
// ("40 women and 28 children were kidnapped").
func (d *docState) countsFor(si int, h hit, e *event) {
	s := d.rd.Sentences[si]
	toks := s.Tokens
	type tied struct {
		class, word int
		end         int // the token after the figure
		n           countValSrc
	}
	var ties []tied
	inner := includedSpans(toks)
	cited := citedNumbers(toks)
	for _, t := range d.allTriggers(si) {
		// "killed hundreds, including 27 during an attack on Mondoro": the
		// incident inside the breakdown has the breakdown's figure
		if inner[t.tok] && t.tok >= h.tok && d.includedIncidentCount(si, t, e, inner) {
			return
		}
	}
	lowerS := strings.ToLower(d.sentenceText(si))
	if i := strings.Index(lowerS, ", but "); i >= 0 {
		// "killed four, but it was far from the deadliest on a violent day
		// across the region": what follows "but" is another clause's
		lowerS = lowerS[:i]
	}
	if strings.Contains(lowerS, "across the ") || strings.Contains(lowerS, "across both") || strings.Contains(lowerS, "across all") ||
		strings.Contains(lowerS, "in all the attacks") || strings.Contains(lowerS, "across these") {
		return // a total over several incidents is no incident's figure
	}
	for k := s.Numbers[0]; k < s.Numbers[1]; k++ {
		n := d.rd.Numbers[k]
		i := tokenIndex(toks, n.Start)
		j := tokenIndex(toks, n.End)
		if q := skipWords(toks, j, 2, incidentCountWords); q < len(toks) && pluralIncidents[toks[q].Lower] && !yearLike(n) {
			e.incidentsCounted = max(e.incidentsCounted, n.Best)
		}
		if j < len(toks) && notPeople[toks[j].Lower] {
			continue
		}
		if j+1 < len(toks) && toks[j].Lower == "of" && notPeople[toks[j+1].Lower] {
			continue // "thousands of kilometres away": a measure, not a head count
		}
		// "the three coordinated blasts killed 88": a count of incidents
		if q := skipWords(toks, j, 2, incidentCountWords); q < len(toks) && pluralIncidents[toks[q].Lower] {
			if n.Best >= 2 && hasWord(toks, j, q, wordSet("separate|different")) {
				// "two separate attacks that killed 14": a total of several
				// incidents is none's figure
				e.severalTotal = true
			}
			continue
		}
		if n.Best >= 10000 && !strings.ContainsAny(n.Text, ", ") && !(j < len(toks) && (peopleNouns[toks[j].Lower] || victimNouns[toks[j].Lower])) {
			// "28977": a case or telephone number, not a head count; "74000
			// women and children were martyred" is one
			continue
		}
		if cited != nil && cited[i] {
			continue // "under sections 114 and 428 (killing or maiming animals)": a law's sections
		}
		if cumulativeFigure(toks, i, j) || talliedAt(toks, i, n) {
			// "adding to more than 1,600 deaths since March": a running
			// total; "the UN had recorded 875 people killed while seeking
			// food": a tally
			e.periodFigure = true
			continue
		}
		if i > 0 && rankWords[toks[i-1].Lower] {
			continue // "at serial 163 on the index": a rank
		}
		if inner[i] {
			continue // "five members, including two soldiers and three officers,": a breakdown
		}
		if d.ageAfterName(toks, i, j) {
			continue // "Oksana Kinal, 43, who lost a co-worker": an age
		}
		if i > 0 && (toks[i-1].Lower == "including" || toks[i-1].Lower == "among" || toks[i-1].Lower == "of" && i > 1 && toks[i-2].Lower != "martyrdom" && toks[i-2].Lower != "deaths" && toks[i-2].Lower != "death") {
			// "including 3 children" is part of a figure already given
			if toks[i-1].Lower != "of" {
				continue
			}
		}
		class, word := nearestCasualty(toks, i, j, inner)
		if class < 0 && e.typ == sitrep.MassGrave {
			class, word = buriedCount(toks, j)
		}
		if class < 0 && len(ties) > 0 && i > 0 && toks[i-1].Lower == "and" && j < len(toks) && (toks[j].Lower == "other" || toks[j].Lower == "others") {
			// "killed six commanders, including two officers, and 29 other people": one toll
			last := ties[len(ties)-1]
			class, word = last.class, last.word
		}
		if class < 0 && len(ties) > 0 && i > 1 && toks[i-1].Lower == "and" && ties[len(ties)-1].end == i-2 && ties[len(ties)-1].word < i &&
			j < len(toks) && toks[j].Kind == text.Word && !npStop[toks[j].Lower] {
			// "killing 12 soldiers and 3 civilians": the second group of one toll
			last := ties[len(ties)-1]
			class, word = last.class, last.word
		}
		if class == classVictims && arrestNouns[toks[word].Lower] && e.typ != sitrep.Arrest {
			continue // "a protest against the arrest of 12 activists": the arrest's figure
		}
		if class < 0 {
			continue
		}
		ties = append(ties, tied{class: class, word: word, end: j, n: countValSrc{low: n.Low, best: n.Best, high: n.High, text: n.Text}})
	}
	for _, t := range ties {
		c := countVal{low: t.n.low, best: t.n.best, high: t.n.high, text: t.n.text, word: si*1000 + t.word, vague: vagueCount(t.n.text)}
		if c.vague {
			c.best = -1 // a floor: "hundreds" says at least 200, not 200
		}
		target := e.classCount(t.class)
		if target.set() && target.word == c.word {
			// another number on the same casualty word: add
			target.add(c)
			continue
		}
		if !target.set() || target.vague && !c.vague || c.best > target.best && c.vague == target.vague {
			*target = c
		}
	}
	d.singularCounts(si, e)
	lower := strings.ToLower(d.sentenceText(si))
	e.additive = strings.Contains(lower, " also ") || strings.HasPrefix(lower, "additionally") || strings.HasPrefix(lower, "in addition") ||
		strings.Contains(lower, " another ")
	// "In addition to the two assailants, 32 people were killed": the attackers count too
	if strings.HasPrefix(lower, "in addition to") && e.killed.set() && !strings.Contains(lower[:min(len(lower), 60)], "unknown") {
		for k := 3; k < len(toks) && k < 8; k++ {
			w := toks[k].Lower
			if w == "assailant" || w == "attacker" || w == "bomber" || w == "gunman" {
				e.killed.add(countVal{low: 1, best: 1, high: 1, text: "the " + w})
				break
			}
			if w == "assailants" || w == "attackers" || w == "bombers" || w == "gunmen" {
				if n, ok := numbers.Parse(toks[k-1].Text(d.text)); ok && n.Best > 0 {
					e.killed.add(countVal{low: n.Best, best: n.Best, high: n.Best, text: toks[k-1].Text(d.text) + " " + w})
				}
				break
			}
		}
	}
}

// ageAfterName reports a number set off after a person's name, which is
// the person's age: "Ali Khan, 43, said", "Ali Khan (43)".
func (d *docState) ageAfterName(toks []text.Token, i, j int) bool {
	if i < 2 || j >= len(toks) || toks[i-2].Kind != text.Word || !d.nameWord(toks[i-2]) {
		return false
	}
	open, close := toks[i-1].Lower, toks[j].Lower
	return open == "," && (close == "," || close == ".") || open == "(" && close == ")"
}

// nameWord reports a word that can end a person's name: capitalised, or
// capitalised after an Arabic article ("al-Rifai", "el-Sayed").
func (d *docState) nameWord(t text.Token) bool {
	if t.Capitalised(d.text) {
		return true
	}
	w := d.text[t.Start:t.End]
	for _, a := range arabicArticles {
		if len(w) > len(a) && strings.HasPrefix(strings.ToLower(w), a) {
			r, _ := utf8.DecodeRuneInString(w[len(a):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// vagueCount reports a figure given by a vague word.
func vagueCount(phrase string) bool {
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		switch w {
		case "dozens", "scores", "hundreds", "thousands", "millions", "several", "numerous", "many", "tens":
			return true
		}
	}
	return false
}

// countWordsSet: words that state a figure; a conjunct count defers to them.
// (succumbed is read with died: "later succumbed to his wounds")
var countWordsSet = wordSet("one|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|some|unknown|number|all|both")

// singularPerson: a singular noun for one person ("assailant", "driver").
func singularPerson(w string) bool {
	switch w {
	case "assailant", "attacker", "bomber", "gunman", "driver", "man", "woman", "boy", "girl", "child", "soldier",
		"policeman", "officer", "guard", "civilian", "victim", "owner", "suspect", "militant", "journalist", "teacher",
		"administrator", "chief", "leader", "official", "elder", "commander", "employee", "worker", "farmer", "pastor",
		"priest", "imam", "trader", "shopkeeper", "student", "doctor", "judge", "lawyer", "mayor", "councillor",
		"councilor", "headman", "chairman", "governor", "minister", "activist", "engineer", "contractor", "spokesman":
		return true
	}
	return false
}

// theOnePerson: after "the", a phrase of up to four words ending in a noun
// for one person and then a clause boundary ("the Homalin township
// administrator, in …"), or "and" before another clause or another
// person counted on its own ("killing the driver and injuring seven",
// "the driver and a passenger"): not "the driver and his son".
func theOnePerson(toks []text.Token, i int) bool {
	for q := i; q < len(toks) && q < i+4; q++ {
		if singularPerson(toks[q].Lower) {
			if q+2 < len(toks) && toks[q+1].Lower == "and" {
				w := toks[q+2].Lower
				return w == "a" || w == "an" || strings.HasSuffix(w, "ing") && len(w) > 5
			}
			return q+1 == len(toks) || npStop[toks[q+1].Lower] || toks[q+1].Kind == text.Punct
		}
		if toks[q].Kind != text.Word || npStop[toks[q].Lower] {
			return false
		}
	}
	return false
}

// passiveGap: words between "was" and a casualty verb ("was shot and killed").
var passiveGap = wordSet("reportedly|allegedly|also|later|shot|and|critically|seriously|fatally|brutally|stabbed|beaten|" +
	"tortured|subsequently|then|eventually|recently|forcibly|illegally|similarly|briefly")

var breakdownEnd = wordSet(",|were|was|are|is|had|have|has|)|;|.")

// includedSpans marks the tokens of "including …" breakdowns, up to the
// next comma or verb: their figures are part of a figure already given.
func includedSpans(toks []text.Token) []bool {
	in := make([]bool, len(toks))
	for i := 0; i < len(toks); i++ {
		if w := toks[i].Lower; w != "including" && w != "among" && w != "comprising" && w != "incl" {
			continue
		}
		k := i
		for k < len(toks) && !breakdownEnd[toks[k].Lower] && !(k > i+1 && toks[k].Lower == "and" && k+1 < len(toks) && (toks[k+1].Lower == "over" || toks[k+1].Lower == "more" || toks[k+1].Lower == "at")) {
			in[k] = true
			k++
		}
		i = k
	}
	return in
}

// crimeOfArrest reports a sentence that gives the crime an arrest is for:
// "arrested a man for killing his daughter", "the suspect in the murder
// of three children", "involved in the killing".
func crimeOfArrest(lower string) bool {
	for _, p := range []string{"for killing", "for allegedly killing", "for the killing", "for the murder", "for murdering", "murder of",
		"killing of", "in the murder", "in the killing", "involved in", "accused of killing", "responsible for killing",
		"suspected of killing", "charged with", "in connection with"} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// activeCasualty are the active verbs of a toll: after "that" or "which"
// they make the noun before them the cause, not the casualties.
var activeCasualty = wordSet("killed|wounded|injured|left|claimed|kill|kills|killing")

// cumulativeFigure reports a figure that runs over a period rather than
// counting one incident: "adding to 1,600 deaths", "1,600 killed since
// March", "since the war began". A toll since an incident ("since the
// blast") is that incident's.
func cumulativeFigure(toks []text.Token, i, j int) bool {
	if i >= 2 && toks[i-1].Lower == "to" && (toks[i-2].Lower == "adding" || toks[i-2].Lower == "add") {
		return true // the figure includes the number stated before it
	}
	// "killed in these attacks", "in such raids": a sum over several
	// incidents ("and other similar incidents" adds incidents to this one);
	// "during the past 14 months": a period's
	for k := j; k+1 < len(toks) && k < j+14; k++ {
		w := toks[k].Lower
		if w == "." || w == ";" {
			break
		}
		if (w == "these" || w == "such") && k > j && sumLinks[toks[k-1].Lower] && (pluralIncidents[toks[k+1].Lower] ||
			k+2 < len(toks) && toks[k+1].Kind == text.Word && pluralIncidents[toks[k+2].Lower]) {
			return true
		}
		if (w == "last" || w == "past") && k > j && toks[k-1].Lower == "the" && k+2 < len(toks) &&
			(toks[k+1].Kind == text.Number || countWordsSet[toks[k+1].Lower]) && longSpans[toks[k+2].Lower] {
			return true
		}
		// "800 people killed in six weeks": a count over weeks
		if (w == "in" || w == "over" || w == "within") && k > j && k+2 < len(toks) && k < j+10 &&
			(toks[k+1].Kind == text.Number || countWordsSet[toks[k+1].Lower]) && (longSpans[toks[k+2].Lower] || toks[k+2].Lower == "weeks") {
			return true
		}
	}
	// "These attacks resulted in 70 deaths", "the combined toll of attacks
	// and operations stood at 180": the figure of a clause about several
	for k := i - 1; k >= 0 && k >= i-14; k-- {
		w := toks[k].Lower
		if w == "." || w == ";" || w == "," {
			break
		}
		if pluralIncidents[w] && k > 0 && (toks[k-1].Lower == "these" || toks[k-1].Lower == "such") && sumResults[toks[k+1].Lower] {
			return true
		}
		if (w == "toll" || w == "tally") && k+2 < i && toks[k+1].Lower == "of" && hasWord(toks, k+2, min(i, k+6), pluralIncidents) {
			return true
		}
	}
	for k := j; k < len(toks) && k < j+8; k++ {
		if w := toks[k].Lower; w == "." || w == ";" || w == "," {
			return false
		}
		if toks[k].Lower != "since" {
			continue
		}
		for m := k + 1; m < len(toks) && m < k+8; m++ {
			w := toks[m].Lower
			if periodStarts[w] || toks[m].Kind == text.Number && len(w) == 4 && w >= "1900" && w <= "2099" {
				return true
			}
			if w == "," || w == "." || w == ";" || eventNouns[w] {
				return false
			}
		}
		return false
	}
	return false
}

// talliedCount reports a figure of 20 or more kept as a tally, of people
// or of incidents: "documented 82 militant attacks".
func (d *docState) talliedCount(si int) bool {
	s := d.rd.Sentences[si]
	for k := s.Numbers[0]; k < s.Numbers[1]; k++ {
		n := d.rd.Numbers[k]
		if talliedAt(s.Tokens, tokenIndex(s.Tokens, n.Start), n) {
			return true
		}
	}
	return false
}

// talliedAt reports the figure n at token i as a tally of 20 or more:
// "had recorded 875 people".
func talliedAt(toks []text.Token, i int, n numbers.Number) bool {
	return i > 0 && tallyVerbs[toks[i-1].Lower] && n.Best >= 20
}

// tallyVerbs before a figure make it a tally kept over time.
var tallyVerbs = wordSet("recorded|documented|registered|tallied|verified")

// sumLinks join a figure to the incidents it sums: "in these attacks",
// "during such operations".
var sumLinks = wordSet("in|during|of")

// rankWords put a number in a list, not a count of people.
var rankWords = wordSet("serial|rank|ranked|ranking|position|no")

// longSpans are periods over which many incidents add up: "the past 14
// months" (an operation over "the past three days" may be one).
var longSpans = wordSet("months|years|decades")

// sumResults tell what several incidents together caused: "These attacks
// resulted in 70 deaths".
var sumResults = wordSet("resulted|killed|left|claimed|caused|took")

// periodStarts mark the start of a period after "since": a month, a
// war's outbreak, a resumption.
var periodStarts = wordSet("january|february|march|april|may|june|july|august|september|october|november|december|" +
	"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|war|conflict|beginning|start|began|started|resumed|erupted|" +
	"outbreak|invasion|independence|partition|ceasefire|truce|broke|flared|escalated")

// eventNouns after "since" name the incident the toll belongs to.
var eventNouns = wordSet("attack|blast|bombing|explosion|shooting|raid|strike|ambush|assault|massacre|incident|clash|clashes|fire|firing|hijacking")

// citationWords head a list of a law's numbered parts.
var citationWords = wordSet("section|sections|article|articles|clause|clauses|sub-section|subsection|paragraph|paragraphs|rule|rules")

// citedNumbers marks the figures of a citation of a law's parts: "under
// sections 302, 324 (attempt to murder) and 34 of the PPC". A part's
// gloss in brackets is skipped, since it often names a killing. Nil when
// the sentence cites none.
func citedNumbers(toks []text.Token) []bool {
	var cited []bool
	for k := 0; k+1 < len(toks); k++ {
		if !citationWords[toks[k].Lower] || toks[k+1].Kind != text.Number {
			continue
		}
		if cited == nil {
			cited = make([]bool, len(toks))
		}
		depth := 0
		for m := k + 1; m < len(toks); m++ {
			w := toks[m].Lower
			switch {
			case w == "(":
				depth++
			case w == ")":
				depth--
			case depth > 0:
			case toks[m].Kind == text.Number:
				cited[m] = true
			case w == "," || w == "and" || w == "/" || w == "read" || w == "with" || w == "r/w":
			default:
				m = len(toks)
			}
		}
	}
	return cited // nil: no citation in the sentence
}

// singularCounts reads a count of one where the text names a single victim
// without a figure: "X was killed", "the driver was injured", "shot and
// killed a civilian", "wounded a lawyer".
func (d *docState) singularCounts(si int, e *event) {
	toks := d.rd.Sentences[si].Tokens
	for k, t := range toks {
		class := casualtyClass(t.Lower)
		if class < 0 || arrestNouns[t.Lower] || t.Lower == "bodies" || t.Lower == "toll" || t.Lower == "deaths" || t.Lower == "injuries" || t.Lower == "dead" && k > 0 && toks[k-1].Lower != "shot" {
			continue
		}
		c := e.classCount(class)
		if c.set() {
			continue
		}
		j := k - 1
		for j >= 0 && passiveGap[toks[j].Lower] {
			j--
		}
		n := 0
		if j >= 0 && toks[j].Lower == "was" {
			n = 1 // a singular passive: "X was killed"
		}
		if j >= 0 && toks[j].Lower == "were" {
			// "The farmer and an Amotekun member were killed": one per conjunct
			ands, numeric := 0, false
			for q := j - 1; q >= 0 && toks[q].Lower != ";" && toks[q].Lower != ":"; q-- {
				if toks[q].Kind == text.Number || countWordsSet[toks[q].Lower] {
					numeric = true
				}
				if toks[q].Lower == "and" && q > 0 {
					ands++ // not an "and" opening the clause: it joins clauses, not victims
				}
			}
			if ands > 0 && !numeric {
				n = ands + 1
			}
		}
		// "killed a student and a community leader": one per article; "the
		// lives of a soldier and a policeman" only after "of"
		for q := k + 1; q < len(toks) && q < k+14 && !(t.Lower == "lives" && toks[k+1].Lower != "of"); q++ {
			w := toks[q].Lower
			if w == "a" || w == "an" || w == "the" && q == k+1 && theOnePerson(toks, q+1) {
				// "killed a civilian", "killed the assailant"
				if q+1 < len(toks) && !notPeople[toks[q+1].Lower] {
					n++
				}
				continue
			}
			if npStop[w] && w != "and" || w == "." || w == ";" || toks[q].Kind == text.Number {
				break
			}
		}
		// "one soldier was injured in the blast and later died"
		if (t.Lower == "died" || t.Lower == "succumbed") && n == 0 {
			for q := k - 1; q >= 0 && q >= k-9; q-- {
				if injureWords[toks[q].Lower] && q > 0 && toks[q-1].Lower == "was" {
					n = 1
					break
				}
			}
		}
		// "A police corporal died": one person, named by an indefinite article
		if (t.Lower == "died" || t.Lower == "perished") && n == 0 {
			q := k - 1
			for q >= 0 && k-q <= 5 && toks[q].Kind == text.Word && !npStop[toks[q].Lower] && !countWordsSet[toks[q].Lower] && toks[q].Lower != "a" && toks[q].Lower != "an" {
				q--
			}
			if q >= 0 && q < k-1 && (toks[q].Lower == "a" || toks[q].Lower == "an") && (q == 0 || hardPunct(toks[q-1]) || toks[q-1].Lower == "when" || toks[q-1].Lower == "after") {
				n = 1
			}
		}
		// "the death of the assailant"
		if (t.Lower == "death" || t.Lower == "killing") && k+3 < len(toks) && toks[k+1].Lower == "of" && (toks[k+2].Lower == "the" || toks[k+2].Lower == "a") && singularPerson(toks[k+3].Lower) {
			n = 1
		}
		// "killed traditional leader X"
		for q := k + 1; n == 0 && q < len(toks) && q < k+4; q++ {
			if m, ok := d.mentionStartingAt(si, toks[q].Start); ok && m.Type == sitrep.Person {
				n = 1
			}
			if toks[q].Kind == text.Punct {
				break
			}
		}
		if n > 0 {
			*c = countVal{low: n, best: n, high: n, text: t.Text(d.text), word: si*1000 + k}
		}
	}
}

// includedIncidentCount reads the figure of an incident told inside a
// breakdown of a larger toll: "have killed hundreds of soldiers, including
// 27 soldiers during an attack on Mondoro on March 4". The incident's
// figure is the one in the breakdown, of the casualty word before it.
func (d *docState) includedIncidentCount(si int, h hit, e *event, inner []bool) bool {
	toks := d.rd.Sentences[si].Tokens
	q := h.tok
	for q > 0 && inner[q-1] {
		q--
	}
	class := -1
	for k := q - 1; k >= 0; k-- {
		if c := casualtyClass(toks[k].Lower); c >= 0 {
			class = c
			break
		}
	}
	if class < 0 && d.whole != nil && len(toks) > 0 {
		// a part of a sentence: the casualty word may open the whole
		wt := d.whole.Tokens
		for k := tokenIndex(wt, toks[0].Start) - 1; k >= 0; k-- {
			if c := casualtyClass(wt[k].Lower); c >= 0 {
				class = c
				break
			}
		}
	}
	if class < 0 {
		return false
	}
	s := d.rd.Sentences[si]
	for k := s.Numbers[0]; k < s.Numbers[1]; k++ {
		n := d.rd.Numbers[k]
		i := tokenIndex(toks, n.Start)
		if i < q || i >= h.tok || vagueCount(n.Text) {
			continue
		}
		*e.classCount(class) = countVal{low: n.Low, best: n.Best, high: n.High, text: n.Text, word: si*1000 + i}
		return true
	}
	return false
}

// buriedCount finds the burial a figure of a mass grave counts: "at
// least 87 people were buried in a mass grave", "40 people exhumed".
func buriedCount(toks []text.Token, j int) (int, int) {
	for k := j; k < len(toks) && k < j+10; k++ {
		w := toks[k].Lower
		if w == ";" || w == "." || toks[k].Kind == text.Number || notPeople[w] {
			break
		}
		if w == "buried" || w == "exhumed" || w == "unearthed" {
			return classKilled, k
		}
	}
	return -1, -1
}

// countValSrc is a figure as the number reader gave it.
type countValSrc struct {
	low, best, high int
	text            string
}

// nearestCasualty finds the casualty word a number at tokens [i, j) counts:
// the nearest within a short window after it, or just before it ("killed 52").
func nearestCasualty(toks []text.Token, i, j int, inner []bool) (int, int) {
	rc, rw, rd := -1, -1, 1<<30
	skipped := 0
	for k := j; k < len(toks) && k < j+13+skipped; k++ {
		if inner[k] {
			skipped++
			continue
		}
		w := toks[k].Lower
		if w == ";" || w == "." {
			break
		}
		if toks[k].Kind == text.Number && !(k > 0 && (toks[k-1].Lower == "and" || toks[k-1].Lower == ",")) {
			// another figure, unless joined to this one: "40 women and 28 children were"
			break
		}
		if chargeVerbs[w] && k > j {
			break // "hundreds of people were booked over attempted murder": the figure counts the accused
		}
		if c := casualtyClass(w); c >= 0 {
			if k > 0 && (toks[k-1].Lower == "attempted" || toks[k-1].Lower == "attempt") {
				break // "12 people charged with attempted murder": no one died
			}
			rc, rw, rd = c, k, k-j
			break
		}
		if pluralIncidents[w] && k > j {
			break // "more than 900 drone attacks, … deaths": the figure counts attacks
		}
		if (w == "who" || w == "which") && k > j && k+1 < len(toks) && (toks[k+1].Lower == "was" || toks[k+1].Lower == "is") && toks[i].Lower != "one" && toks[i].Lower != "1" {
			break // "the only brother of eight sisters, who was martyred": one, not eight
		}
		if (w == "that" || w == "which") && k > j && k+1 < len(toks) && activeCasualty[toks[k+1].Lower] {
			break // "400 crashes that killed 200 pilots": the figure counts what killed
		}
		if ts := triggers[w]; len(ts) > 0 && ts[0].verbal && matchWords(toks, k, ts[0].words) {
			break // "Hundreds of rebels stormed a post and killed nine": the attackers, not the dead
		}
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if w := toks[k].Lower; w == "and" || w == "," || w == "were" || w == "was" || w == ";" || w == "while" || w == "whereas" || w == "but" {
			break // "were killed and five others": the word belongs to the figure before
		}
		if c := casualtyClass(toks[k].Lower); c >= 0 {
			// the nearer word wins: "killing 12 people and wounding 30"
			if i-1-k <= rd {
				return c, k
			}
			break
		}
	}
	if rc < 0 && i > 0 && tollVerbs[toks[i-1].Lower] {
		// "the death toll from Monday's blast in the city rose to 15": the
		// toll named earlier in the clause, with no other figure between
		for k := i - 2; k >= 0; k-- {
			if toks[k].Kind == text.Number || toks[k].Lower == ";" {
				break
			}
			if toks[k].Lower == "toll" {
				return classKilled, k
			}
		}
	}
	return rc, rw
}

// chargeVerbs say what a figure before them counts: the people a case
// names ("booked", "charged", "nominated in the FIR"), whatever crime the
// case is about.
var chargeVerbs = wordSet("booked|charged|indicted|convicted|sentenced|acquitted|nominated|prosecuted")

// arrestNouns count the people an arrest took ("the arrest of four men",
// "12 arrests", "rounded up 70 people"), and only an arrest's.
var arrestNouns = wordSet("arrest|arrests|rounded")

// tollVerbs end the phrases that give a toll its figure: "rose to 15",
// "stands at 15", "reached 15".
var tollVerbs = wordSet("to|at|reached|hit|is|was|of")

const (
	classKilled = iota
	classInjured
	classVictims
)

func casualtyClass(w string) int {
	switch {
	case killWords[w]:
		return classKilled
	case injureWords[w]:
		return classInjured
	case victimWords[w]:
		return classVictims
	}
	return -1
}

// classCount is the figure of the event a casualty class fills.
func (e *event) classCount(class int) *countVal {
	switch class {
	case classKilled:
		return &e.killed
	case classInjured:
		return &e.injured
	}
	return &e.victims
}

// placeName is the name of an event's place as the report writes it
// ("Qarabagh district" stays "Qarabagh", not the gazetteer's "Qarah Bāgh"):
// readers search for the report's spelling; the gazetteer entry keeps the
// standard name, id and coordinates. Text in capitals takes the gazetteer's.
func (d *docState) placeName(m gazetteer.Mention) string {
	if m.Text == "" || d.rd.AllCaps {
		return m.Entry.Name
	}
	// "Maarat al-Numan" where the gazetteer matched "Maarat": the Arabic
	// article and the word it joins are part of the name
	rest := d.text[m.End:]
	if len(rest) > 4 && rest[0] == ' ' {
		for _, art := range arabicArticles {
			if strings.HasPrefix(rest[1:], art) {
				w := rest[1+len(art):]
				n := 0
				for n < len(w) && (w[n] >= 'a' && w[n] <= 'z' || w[n] >= 'A' && w[n] <= 'Z' || w[n] == '\'') {
					n++
				}
				if n > 1 && w[0] >= 'A' && w[0] <= 'Z' {
					return m.Text + rest[:1+len(art)+n]
				}
			}
		}
	}
	return m.Text
}

// arabicArticles join the words of Arabic place names: "Maarat al-Numan".
var arabicArticles = []string{"al-", "el-", "ad-", "ash-", "as-", "ar-", "an-", "at-", "az-", "ath-", "adh-"}

// skipWords returns the first token from j on that is not in set, looking
// at most n tokens ahead.
func skipWords(toks []text.Token, j, n int, set map[string]bool) int {
	q := j
	for q < len(toks) && q < j+n && set[toks[q].Lower] {
		q++
	}
	return q
}

// broad reports a place that is a whole province or country: where a
// period's toll is counted, not where one incident happened.
func (p *placeVal) broad() bool {
	return p.precision == sitrep.PlaceProvince || p.precision == sitrep.PlaceCountry
}

// yearLike reports a bare four-digit number that reads as a year ("in 2024
// attacks rose"), not a count of incidents.
func yearLike(n numbers.Number) bool {
	return n.Best >= 1900 && n.Best <= 2100 && !strings.ContainsAny(n.Text, ", ")
}

// hasIncidentNoun reports a singular noun naming one incident ("attack",
// "bombing", "massacre") among toks.
func hasIncidentNoun(toks []text.Token) bool {
	for k := range toks {
		for _, t := range triggers[toks[k].Lower] {
			if !t.verbal && !t.plural && matchWords(toks, k, t.words) {
				return true
			}
		}
	}
	return false
}

// yearNamesIncident reports a year used as a name's modifier: "the 2008
// Mumbai siege", "its 2019 bombings".
func yearNamesIncident(toks []text.Token) bool {
	for k := 1; k < len(toks); k++ {
		if toks[k].Kind == text.Number && len(toks[k].Lower) == 4 && determiners[toks[k-1].Lower] {
			return true
		}
	}
	return false
}

// Nouns of the three sides a period's toll is split between.
var (
	forcesNouns   = wordSet("soldiers|troops|personnel|policemen|policeman|officers|cops|servicemen|jawans|levies")
	civilianNouns = wordSet("civilians|civilian|passers-by|bystanders")
	militantNouns = wordSet("militants|terrorists|insurgents|rebels|khwarij|khawarij|fighters|attackers|gunmen")
)

// sidesCounted reports how many of forces, civilians and militants a
// sentence gives a number of ("49 security personnel, 34 civilians, and
// 123 militants" counts three).
func sidesCounted(toks []text.Token) int {
	var forces, civilians, militants bool
	for k := 1; k < len(toks); k++ {
		counted := toks[k-1].Kind == text.Number || k > 1 && toks[k-2].Kind == text.Number
		if !counted {
			continue
		}
		switch w := toks[k].Lower; {
		case forcesNouns[w]:
			forces = true
		case civilianNouns[w]:
			civilians = true
		case militantNouns[w]:
			militants = true
		}
	}
	n := 0
	for _, b := range []bool{forces, civilians, militants} {
		if b {
			n++
		}
	}
	return n
}
