package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/text"
)

// violenceAgents reads who did the violence a statement reports: "security
// forces shot dead three protesters", "the attack was carried out by X",
// "attacks by the RSF", "the ISWAP attack". Each is the speaker's claim
// that the agent is responsible for the incident, or, when the agent is
// the speaker itself, its claim of responsibility.
func (d *docState) violenceAgents(si, from, to int, speaker ref) []relationHit {
	toks := d.rd.Sentences[si].Tokens
	var out []relationHit
	for i := from; i < to; i++ {
		ts := triggers[toks[i].Lower]
		for _, t := range ts {
			if !matchWords(toks, i, t.words) {
				continue
			}
			h := hit{trigger: t, tok: i, end: i + len(t.words)}
			i = h.end - 1
			if !blameTypes[t.typ] || d.rejectTrigger(si, h) || negated(toks, h.tok) {
				break
			}
			agent, ok := d.agentOf(si, h, speaker)
			if !ok || anonymous(agent.Name) || !isActorType(agent.typ) {
				break
			}
			typ := sitrep.ResponsibleFor
			if agent.ID == speaker.ID || d.speaksFor(speaker, agent.ID) || d.ownForces(si, speaker, agent) {
				typ = sitrep.ClaimsResponsibility
			}
			for _, a := range d.coordinated(si, agent) {
				out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: a.ActorRef}, tok: h.tok, subj: a,
					incident: true, incTok: h.tok, incType: t.typ})
			}
			break
		}
	}
	return out
}

// blameTypes are the incidents whose agent a statement blames: violence,
// not arrests, protests, visits or the finding of bodies.
var blameTypes = map[string]bool{sitrep.Bombing: true, sitrep.ArmedAttack: true, sitrep.Assassination: true,
	sitrep.Abduction: true, sitrep.Torture: true, sitrep.Clash: false}

// agentOf finds who did what trigger h names: the agent after "by" in the
// passive or after a noun ("attacks by X"), the subject of an active verb,
// or an actor named before the noun ("the ISWAP attack", "X's attack").
func (d *docState) agentOf(si int, h hit, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	passive := h.verbal && passiveBefore(toks, h.tok)
	// "by X" right after the trigger: "were shot dead by security forces",
	// "attacks by the RSF and militias"
	if passive || !h.verbal {
		for k := h.end; k < len(toks) && k < h.end+6; k++ {
			if toks[k].Lower == "by" {
				return d.agentRight(si, k+1, speaker)
			}
			if hardPunct(toks[k]) || toks[k].Lower == "on" || toks[k].Lower == "against" || toks[k].Lower == "of" && !h.verbal {
				break
			}
		}
	}
	if passive {
		return ref{}, false
	}
	if h.verbal {
		// "Maoists killed in a gunfight": a participle after its victims,
		// not a verb with its agent
		if h.end >= len(toks) || hardPunct(toks[h.end]) || reducedPassive[toks[h.end].Lower] {
			return ref{}, false
		}
		return d.agentLeft(si, h.tok, speaker)
	}
	// "the ISWAP terrorist attack", "an IS attack", "Friday's Taliban attack", "X's attack"
	k := h.tok - 1
	for k >= 0 && h.tok-k <= 3 {
		w := toks[k].Lower
		if w == "'s" {
			k--
			continue
		}
		if m, ok := d.mentionEndingAt(si, toks[k].End); ok && !d.placeAt(si, m.Start) && m.Type != sitrep.Country && m.Type != sitrep.Person {
			return d.canonical(d.mentionRef(m)), true
		}
		if !attackModifiers[w] {
			break
		}
		k--
	}
	return ref{}, false
}

// reducedPassive words after a participle show it is passive: "killed in
// a gunfight", "abducted on Monday".
var reducedPassive = wordSet("in|on|at|during|near|when|while|after|before|since|as|inside|outside|from|last|this|yesterday|" +
	"overnight|early|late|earlier|today|amid|between|across|along|around|into|under|over")

// attackModifiers stand between an agent and its attack: "the ISWAP
// terrorist attack", "an IS suicide bombing".
var attackModifiers = wordSet("terrorist|terror|militant|suicide|deadly|coordinated|latest|recent|twin|bomb|gun|rocket|" +
	"mortar|drone|car|truck|insurgent|rebel|jihadist|armed|new")

// agentLeft reads the subject of an active violence verb at token i.
func (d *docState) agentLeft(si, i int, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && (agentGap[toks[e].Lower] || toks[e].Lower == ",") {
		if toks[e].Lower == "," {
			// "X, which …, attacked": only an aside after a name
			k := e - 1
			for k >= 0 && toks[k].Lower != "," && e-k < 20 && !(hardPunct(toks[k]) && toks[k].Lower != ",") {
				k--
			}
			if k < 0 || toks[k].Lower != "," || !hasWord(toks, k, e, wordSet("which|who")) {
				return ref{}, false
			}
			e = k
		}
		e--
	}
	if e < 0 {
		return ref{}, false
	}
	w := toks[e].Lower
	if w == "it" || w == "they" || w == "we" {
		if speaker.ID != "" && speaker.typ != sitrep.Person {
			return speaker, true
		}
		return ref{}, false
	}
	if memberNouns[w] && e > 0 {
		if ownedBySpeaker(toks, e) {
			if speaker.ID != "" && speaker.typ != sitrep.Person {
				return speaker, true // "its fighters attacked"
			}
			return ref{}, false
		}
		if m, ok := d.mentionEndingAt(si, toks[e-1].End); ok && !d.placeAt(si, m.Start) && m.Type != sitrep.Person {
			return d.canonical(d.mentionRef(m)), true // "Jaish al-Adl forces attacked"
		}
	}
	// the subject's phrase: "Soldiers from Eritrea", "the Nigerian Army and police"
	if from := phraseStartLeft(toks, e); from <= e {
		return d.actorPhrase(si, from, e+1)
	}
	return ref{}, false
}

// actorPhrase resolves tokens [from, to) to the actor they name: the
// actor mention heading it, or a force or group described ("soldiers from
// Eritrea", "security forces", "Kuki militants").
func (d *docState) actorPhrase(si, from, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for from < to && (determiners[toks[from].Lower] || toks[from].Kind == text.Number) {
		from++
	}
	if from >= to {
		return ref{}, false
	}
	head := to - 1
	for k := from + 1; k < to; k++ {
		if w := toks[k].Lower; w == "of" || w == "from" || w == "in" || w == "at" || w == "with" || w == "belonging" || w == "and" {
			head = k - 1
			break
		}
	}
	if m, ok := d.mentionEndingAt(si, toks[head].End); ok {
		if d.placeAt(si, m.Start) && !d.countryActs(si, m) || m.Type == sitrep.Person {
			return ref{}, false // a person who shot is a perpetrator, rarely a party blamed
		}
		return d.canonical(d.mentionRef(m)), true
	}
	hw := toks[head].Lower
	n := head + 1 - from
	if forceHeads[hw] && n <= 4 || groupDescriptions[hw] && n >= 2 && n <= 4 || memberNouns[hw] && head+1 < to {
		typ := sitrep.StateForce
		if !forceHeads[hw] {
			typ = sitrep.ArmedGroup
		}
		end := head + 1
		if head+2 < to && (toks[head+1].Lower == "from" || toks[head+1].Lower == "of" || toks[head+1].Lower == "belonging") {
			// "soldiers from Eritrea", "terrorists belonging to the IS group"
			if m, ok := d.mentionEndingAt(si, toks[to-1].End); ok && !d.placeAt(si, m.Start) && m.Type != sitrep.Person {
				return d.canonical(d.mentionRef(m)), true
			}
			end = to
		}
		return d.phraseArgTyped(si, from, end, typ), true
	}
	return ref{}, false
}

// agentGap: words between an agent and its verb ("militants have
// reportedly killed").
var agentGap = wordSet("has|have|had|allegedly|reportedly|also|then|later|again|apparently|deliberately|brutally|" +
	"indiscriminately|systematically|repeatedly|once|recently|just|already|purportedly|jointly|had|who|which|that")

// forceHeads name state forces described rather than named.
var forceHeads = wordSet("forces|troops|soldiers|police|policemen|army|military|paramilitaries|guards|gendarmes|" +
	"personnel|officers|agents|commandos|navy|jets|warplanes|aircraft|drones")

// agentRight reads the agent after "by": an actor named, or a force or
// group described.
func (d *docState) agentRight(si, i int, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) {
		return ref{}, false
	}
	if w := toks[i].Lower; w == "its" || w == "their" || w == "our" {
		if i+1 < len(toks) && memberNouns[toks[i+1].Lower] && speaker.ID != "" && speaker.typ != sitrep.Person {
			return speaker, true
		}
	}
	from, to := npRight(toks, i)
	if from >= to {
		return ref{}, false
	}
	if r, ok := d.actorPhrase(si, from, to); ok {
		return r, true
	}
	// "an axis of BKI and gangsters": an actor named inside
	for _, m := range d.mentionsWithin(si, toks[from].Start, toks[to-1].End) {
		if d.placeAt(si, m.Start) && !d.countryActs(si, m) || m.Type == sitrep.Person {
			continue
		}
		return d.canonical(d.mentionRef(m)), true
	}
	return ref{}, false
}

// anonymous reports a description that names no one: "gunmen", "two
// unidentified men", "a suicide bomber", "militants".
func anonymous(name string) bool {
	for _, w := range strings.Fields(text.Lower(name)) {
		if determiners[w] || vagueWords[w] || anonymousAttackers[w] {
			continue
		}
		if w != "" && w[0] >= '0' && w[0] <= '9' {
			continue
		}
		return false
	}
	return true
}

// vagueWords qualify without naming: "unidentified armed men".
var vagueWords = wordSet("unidentified|unknown|armed|masked|suspected|alleged|heavily|some|several|many|two|three|four|five|" +
	"six|seven|eight|nine|ten|dozens|hundreds|of|about|around|least|at|more|than|up|to|suicide|lone|female|male|young|" +
	"motorcycle-borne|motorbike-riding|gun-toting|would-be|fleeing|other|the|a|an|one|group|groups|band|gang|unnamed")

// speaksFor reports a person speaker the text ties to organisation org
// ("Jaish al-Adl spokesman Ebrahim Azizi").
func (d *docState) speaksFor(speaker ref, org string) bool {
	if speaker.typ != sitrep.Person || org == "" {
		return false
	}
	for _, m := range d.rd.Actors {
		if m.Type == sitrep.Person && m.ID == speaker.ID && m.Affiliation == org {
			return true
		}
	}
	return false
}

// ownForces reports a state speaker telling what its own forces did:
// "troops killed four rebels, the army said" is the state's claim of the
// act. A speaker of a known other country speaks of another's forces.
func (d *docState) ownForces(si int, speaker, agent ref) bool {
	a := d.attrib[si]
	if a == nil || !a.source || (agent.typ != sitrep.StateForce && agent.typ != sitrep.Government) {
		return false
	}
	switch speaker.typ {
	case sitrep.StateForce, sitrep.Government, sitrep.Person:
	default:
		return false
	}
	sc, ac := d.countryOf(speaker), d.countryOf(agent)
	return sc == "" || ac == "" || sc == ac
}

// countryNamed is the country a name states ("the Palestinian health
// ministry", "Pakistani officials"), else "".
func (d *docState) countryNamed(name string) string {
	for _, m := range d.x.kb.Find(name) {
		if m.Type == sitrep.Country {
			if a, ok := d.x.kb.Get(m.ID); ok {
				return a.Country
			}
		}
		if c := d.countryOf(ref{ActorRef: sitrep.ActorRef{ID: m.ID}}); c != "" {
			return c
		}
	}
	return ""
}

// countryOf is the country of an actor the knowledge base knows, or of
// one named with a country ("Pakistani forces"), else "".
func (d *docState) countryOf(r ref) string {
	if a, ok := d.x.kb.Get(r.ID); ok && a.Country != "" {
		return a.Country
	}
	if i := strings.LastIndexByte(r.ID, '-'); i > 0 {
		if a, ok := d.x.kb.Get(r.ID[:i]); ok && a.Type == sitrep.Country {
			return a.Country
		}
	}
	if _, ok := d.x.kb.Get(r.ID); !ok && strings.Contains(r.Name, " ") {
		return d.countryNamed(r.Name)
	}
	return ""
}
