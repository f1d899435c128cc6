package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
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
		if ts == nil {
			ts = blameVerbs[toks[i].Lower]
		}
		if ts == nil && i > 0 && (toks[i-1].Lower == "not" || toks[i-1].Lower == "never" || toks[i-1].Lower == "n't") {
			ts = deniedActs[toks[i].Lower]
		}
		for _, t := range ts {
			if !matchWords(toks, i, t.words) {
				continue
			}
			h := hit{trigger: t, tok: i, end: i + len(t.words)}
			if t.words[0] == "strike" || t.words[0] == "strikes" {
				h.typ = d.strikeType(si, i) // "an Israeli strike", not "a hunger strike"
			}
			i = h.end - 1
			if t.verbal && negated(toks, h.tok) {
				// "the police did not detain anyone", "our forces never
				// fired": the speaker denies its own act
				if agent, ok := d.agentLeft(si, h.tok, speaker); ok && (agent.ID == speaker.ID || d.speaksFor(speaker, agent.ID) || d.ownForces(si, speaker, agent)) {
					// the body whose act is denied denies it, through the
					// one who speaks for it, as it claims its acts
					subj := speaker
					if isActorType(agent.typ) && !anonymous(agent.Name) && !isPronoun(agent.Name) {
						subj = agent
					}
					out = append(out, relationHit{rel: sitrep.Relation{Type: sitrep.Denies, Subject: subj.ActorRef}, tok: h.tok, subj: subj,
						incident: true, incTok: h.tok, incType: t.typ})
				}
				break
			}
			if !blameTypes[h.typ] || negated(toks, h.tok) {
				break
			}
			// "the army has killed 107 civilians since December": no one
			// incident, but the statement blames the army for the victims
			if r, ok := d.periodVictims(si, h, speaker); ok {
				out = append(out, r...)
				break
			}
			if d.rejectTrigger(si, h) {
				break
			}
			agent, ok := d.agentOf(si, h, speaker)
			if !ok || anonymous(agent.Name) && agent.ID != speaker.ID || !isActorType(agent.typ) {
				break // "gunmen attacked": no one named; "the rebels said they hit": the speaker
			}
			typ := sitrep.ResponsibleFor
			if agent.ID == speaker.ID || d.speaksFor(speaker, agent.ID) || d.ownForces(si, speaker, agent) {
				typ = sitrep.ClaimsResponsibility
			}
			for _, a := range d.coordinated(si, agent) {
				out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: a.ActorRef}, tok: h.tok, subj: a,
					incident: true, incTok: h.tok, incType: h.typ})
			}
			break
		}
	}
	return out
}

// attacksOn reads attacks told as a practice or an intent rather than one
// incident: "the IRA has frequently targeted British facilities", "PKK
// groups were planning attacks on border posts", "the attacks on this
// occupying army will continue". Each is attacks(agent > target).
func (d *docState) attacksOn(si, from, to int, speaker ref) []relationHit {
	toks := d.rd.Sentences[si].Tokens
	var out []relationHit
	target := func(k int) (ref, bool) {
		r, ok := d.rightArg(si, k, to)
		if !ok || isPronoun(r.Name) || !(isActorType(r.typ) || r.typ == sitrep.Group || r.typ == sitrep.Facility) {
			return ref{}, false
		}
		return r, true
	}
	for k := from; k < to; k++ {
		w := toks[k].Lower
		var agent, obj ref
		var okA, okO bool
		switch {
		case attackVerbs[w] && !(attackPlural[w] && k+1 < to && (toks[k+1].Lower == "on" || toks[k+1].Lower == "against")):
			// a habitual adverb before the verb: "has frequently targeted"
			h := false
			for j := k - 1; j >= 0 && j >= k-3; j-- {
				if habitual[toks[j].Lower] {
					h = true
				}
				if !habitual[toks[j].Lower] && !verbGap[toks[j].Lower] {
					break
				}
			}
			if !h || negated(toks, k) {
				continue
			}
			s := k
			for s > 0 && (habitual[toks[s-1].Lower] || verbGap[toks[s-1].Lower] && toks[s-1].Lower != "the") {
				s--
			}
			agent, okA = d.agentLeft(si, s, speaker)
			obj, okO = target(k + 1)
		case attackPlural[w] && k+2 < to && (toks[k+1].Lower == "on" || toks[k+1].Lower == "against"):
			intent := -1
			for j := k - 1; j >= 0 && j >= k-3; j-- {
				if intentVerbs[toks[j].Lower] {
					intent = j
					break
				}
			}
			cont := false
			for j := k + 2; j < to && j < k+16 && !hardPunct(toks[j]); j++ {
				if toks[j].Lower == "continue" || toks[j].Lower == "intensify" || toks[j].Lower == "intensified" {
					cont = j > 0 && (toks[j-1].Lower == "will" || toks[j-1].Lower == "be" || toks[j-1].Lower == "would")
				}
			}
			if intent < 0 && !cont {
				continue
			}
			obj, okO = target(k + 2)
			// the agent: "by X" after the target, the subject of "planning",
			// or an armed group speaking of its own attacks
			_, e := npRight(toks, k+2)
			if e+1 < to && toks[e].Lower == "by" {
				agent, okA = d.agentRight(si, e+1, speaker)
				if okA && d.speaksFor(speaker, agent.ID) || okA && speaker.typ == sitrep.ArmedGroup && !isActorType(agent.typ) {
					agent = speaker // "by freedom fighters of Baloch land": the speaker's own
				}
			} else if intent >= 0 {
				s := intent
				for s > 0 && (verbGap[toks[s-1].Lower] && toks[s-1].Lower != "the" || toks[s-1].Lower == "there") {
					s-- // "groups there were planning"
				}
				agent, okA = d.agentLeft(si, s, speaker)
			} else if speaker.typ == sitrep.ArmedGroup {
				agent, okA = speaker, true
			}
		default:
			continue
		}
		if !okA || !okO || agent.ID == obj.ID || !isActorType(agent.typ) || anonymous(agent.Name) {
			continue
		}
		for _, a := range d.coordinated(si, agent) {
			out = append(out, relationHit{rel: sitrep.Relation{Type: sitrep.Attacks, Subject: a.ActorRef, Object: obj.ActorRef},
				tok: k, subj: a, obj: obj, incTok: -1})
		}
	}
	return out
}

var (
	attackVerbs  = wordSet("targeted|targets|attacked|attacks|struck|strikes")
	attackPlural = wordSet("attacks|strikes|operations|raids|assaults")
	intentVerbs  = wordSet("planning|plan|plans|planned|plotting|plotted|threatened|threatening|vowed|continue|continuing|intensify|step")
)

// periodVictims reads a toll over a period told with its agent: the agent
// is responsible for the victims named after the verb.
func (d *docState) periodVictims(si int, h hit, speaker ref) ([]relationHit, bool) {
	if !h.verbal || len(d.periodSpans(si)) == 0 {
		return nil, false
	}
	agent, ok := d.agentOf(si, h, speaker)
	if !ok || anonymous(agent.Name) || !isActorType(agent.typ) || agent.ID == speaker.ID {
		return nil, false
	}
	from, to := d.npAfter(si, h.end)
	toks := d.rd.Sentences[si].Tokens
	for from < to && (toks[from].Kind == text.Number || countWordsSet[toks[from].Lower] || toks[from].Lower == "at" || toks[from].Lower == "least" ||
		toks[from].Lower == "more" || toks[from].Lower == "than" || toks[from].Lower == "some" || toks[from].Lower == "over") {
		from++
	}
	victims, ok := d.victimRef(si, from, to)
	if !ok || victims.ID == agent.ID {
		return nil, false
	}
	var out []relationHit
	for _, a := range d.coordinated(si, agent) {
		out = append(out, relationHit{rel: sitrep.Relation{Type: sitrep.ResponsibleFor, Subject: a.ActorRef, Object: victims.ActorRef},
			tok: h.tok, subj: a, obj: victims, incTok: -1})
	}
	return out, true
}

// blameVerbs report violence by an agent though they open no incident of
// their own ("missiles struck the city", "police used live bullets").
var blameVerbs = func() map[string][]trigger {
	m := map[string][]trigger{}
	for _, p := range strings.Split("struck|hit|targeted|shelled|bombarded|pounded|executed|used live|aimed at|fired on|"+
		"fired at|fired into|fired upon|torched|burned|burnt|looted|raped|beat|beaten", "|") {
		w := strings.Fields(p)
		m[w[0]] = append(m[w[0]], trigger{words: w, typ: sitrep.ArmedAttack, strength: 1, verbal: true})
	}
	return m
}()

// deniedActs are acts in the base form a denial uses: "did not shoot".
var deniedActs = func() map[string][]trigger {
	m := map[string][]trigger{}
	for _, w := range strings.Split("kill|shoot|fire|detain|arrest|abduct|kidnap|attack|torture|target|bomb|strike|open|use|carry|take", "|") {
		typ := sitrep.ArmedAttack
		switch w {
		case "detain", "arrest", "take":
			typ = sitrep.Arrest
		case "abduct", "kidnap":
			typ = sitrep.Abduction
		}
		m[w] = []trigger{{words: []string{w}, typ: typ, strength: 1, verbal: true}}
	}
	return m
}()

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
		for k := h.end; k < len(toks) && k < h.end+10; k++ {
			if toks[k].Lower == "by" {
				return d.agentRight(si, k+1, speaker)
			}
			if toks[k].Lower == "on" && k+1 < len(toks) && (calendarWords[toks[k+1].Lower] || dayMonth[toks[k+1].Lower]) {
				k++ // "abducted on Monday by"
				continue
			}
			if k == h.end && toks[k].Lower == "of" && !h.verbal {
				// "the killing of 30 herders by soldiers", "the enforced
				// disappearance of six men by the navy": the victims, then
				// the agent
				if _, e := npRight(toks, k+1); e < len(toks) && e > k+1 && toks[e].Lower == "by" {
					return d.agentRight(si, e+1, speaker)
				}
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
		atLeast := h.end+1 < len(toks) && toks[h.end].Lower == "at" && (toks[h.end+1].Lower == "least" || toks[h.end+1].Lower == "most")
		if h.end >= len(toks) || hardPunct(toks[h.end]) || reducedPassive[toks[h.end].Lower] && !atLeast {
			return ref{}, false // "killed at least 12" has its victims after it
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
		if r, ok := d.demonymForces(si, k, h); ok {
			return r, true
		}
		if !attackModifiers[w] {
			break
		}
		k--
	}
	return ref{}, false
}

// militaryActs are incidents only armed forces carry out: "an Israeli
// strike" is the Israeli military's.
var militaryActs = wordSet("strike|strikes|airstrike|airstrikes|air|shelling|bombardment|bombing|bombings|raid|raids|drone|missile|missiles|rocket|rockets")

// demonymForces reads a nationality before a military act as that country's
// forces: "an Israeli strike", "Russian missile attacks".
func (d *docState) demonymForces(si, k int, h hit) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if !militaryActs[toks[h.tok].Lower] {
		return ref{}, false
	}
	r := d.rd.Sentences[si].Places
	for _, p := range d.rd.Places[r[0]:r[1]] {
		if p.Demonym && p.End == toks[k].End {
			return ref{ActorRef: sitrep.ActorRef{ID: actors.NormalID(p.Entry.Name) + "-military", Name: p.Text + " military"}, typ: sitrep.StateForce}, true
		}
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

// cellHeads name an armed body only with an armed modifier: "the insurgent
// network", "a terrorist cell".
var (
	cellHeads      = wordSet("network|networks|cell|cells|ring|outfit|outfits|syndicate")
	armedModifiers = wordSet("insurgent|terrorist|terror|militant|jihadist|extremist|rebel|criminal|separatist|armed|underground|sleeper")
)

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
			if k < 0 || toks[k].Lower != "," || !hasWord(toks, k, e, whichWho) {
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
	if from := d.phraseStartLeft(toks, e); from <= e {
		return d.actorPhrase(si, from, e+1)
	}
	return ref{}, false
}

// actorPhrase resolves tokens [from, to) to the actor they name: the
// actor mention heading it, or a force or group described ("soldiers from
// Eritrea", "security forces", "Kuki militants").
func (d *docState) actorPhrase(si, from, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for from < to && (determiners[toks[from].Lower] || toks[from].Kind == text.Number || toks[from].Lower == `"` || toks[from].Lower == "'") {
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
	if weaponHeads[hw] && head > from {
		// "Russian missiles", "Saudi-led coalition airstrikes", "Israeli warplanes": whose weapons
		name := spanText(d.text, toks, from, head+1)
		if m, ok := d.mentionEndingAt(si, toks[head-1].End); ok && m.Type != sitrep.Person && !(d.placeAt(si, m.Start) && m.Type != sitrep.Country) {
			r := d.mentionRef(m)
			if r.typ == sitrep.Country {
				r.ID += "-military"
				r.typ = sitrep.StateForce
			}
			r.Name = name
			return r, true
		}
		for k := from; k < head; k++ {
			if c, ok := d.x.kb.Demonym(toks[k].Text(d.text)); ok {
				return ref{ActorRef: sitrep.ActorRef{ID: c.ID + "-military", Name: name}, typ: sitrep.StateForce}, true
			}
		}
	}
	n := head + 1 - from
	if cellHeads[hw] && head > from && armedModifiers[toks[head-1].Lower] {
		// "the insurgent network", "a terrorist cell"
		return d.phraseArgTyped(si, from, head+1, sitrep.ArmedGroup), true
	}
	if (forceHeads[hw] || agencyWords[hw]) && n <= 4 || (groupDescriptions[hw] || armedHeads[hw]) && n >= 2 && n <= 4 || memberNouns[hw] && head+1 < to {
		typ := sitrep.StateForce
		if !forceHeads[hw] && !agencyWords[hw] {
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

// weaponHeads are arms named for who used them: "Russian missiles".
var weaponHeads = wordSet("missiles|missile|rockets|rocket|airstrikes|airstrike|strikes|strike|jets|warplanes|drones|drone|" +
	"shells|shelling|artillery|bombs|aircraft|planes|helicopters|gunships|tanks|mortars|bombardment|bombers|fighter-jets|" +
	"raids|raid|troops|navy|submarine|warships")

// agentGap: words between an agent and its verb ("militants have
// reportedly killed").
var agentGap = wordSet("has|have|had|allegedly|reportedly|also|then|later|again|apparently|deliberately|brutally|did|does|do|not|never|n't|" +
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
	// "carried out by fighters from its organisation": the speaker's own
	if speaker.ID != "" && speaker.typ != sitrep.Person && hasWord(toks, from, min(len(toks), to+3), possessivePronouns) {
		return speaker, true
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
	"different|other|numerous|multiple|various|few|unnamed|hooded|gun-wielding|knife-wielding|" +
	"six|seven|eight|nine|ten|dozens|hundreds|of|about|around|least|at|more|than|up|to|suicide|lone|female|male|young|" +
	"motorcycle-borne|motorbike-riding|gun-toting|would-be|fleeing|other|the|a|an|one|group|groups|band|gang|unnamed")

// speaksFor reports a person speaker the text ties to organisation org
// ("Jaish al-Adl spokesman Ebrahim Azizi").
func (d *docState) speaksFor(speaker ref, org string) bool {
	if org == "" {
		return false
	}
	// "Amaq", the group's news agency: the knowledge base names its parent
	if a, ok := d.x.kb.Get(speaker.ID); ok && a.Parent != "" && (a.Parent == org || d.x.Organisation(a.Parent) == d.x.Organisation(org)) {
		return true
	}
	if speaker.typ != sitrep.Person {
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
	if a == nil || (agent.typ != sitrep.StateForce && agent.typ != sitrep.Government) {
		return false
	}
	if !a.source {
		// "Police superintendent Omar Haddad said the police did not
		// detain anyone": a person whose title is of the force speaks for it
		return speaker.typ == sitrep.Person && d.titledOfForce(speaker, agent) &&
			(d.countryOf(agent) == "" || d.countryOf(speaker) == d.countryOf(agent))
	}
	switch speaker.typ {
	case sitrep.StateForce, sitrep.Government, sitrep.Person:
	default:
		return false
	}
	sc, ac := d.countryOf(speaker), d.countryOf(agent)
	if sc != "" || ac != "" {
		return sc == ac
	}
	// "Troops killed six rebels, the army said": neither says whose, the
	// military speaks of its own; "a police spokesman" of the police
	if stateHeads[singular(strings.ToLower(lastWord(speaker.Name)))] || stateHeads[strings.ToLower(lastWord(speaker.Name))] {
		return true
	}
	aw := strings.ToLower(lastWord(agent.Name))
	if aw != "" && indexWord(strings.ToLower(speaker.Name), aw) >= 0 {
		return true
	}
	// "an army official", "a police spokesman": a state body's own voice
	for _, w := range strings.Fields(strings.ToLower(speaker.Name)) {
		if w == "army" || w == "military" || w == "police" || w == "defence" || w == "defense" {
			return true
		}
	}
	return false
}

// forceTitles are titles of a state force's officers, by the force.
var forceTitles = map[string][]string{
	"police": {"police", "ssp", "dsp", "sho", "superintendent", "inspector", "constable", "igp", "dig"},
	"army":   {"army", "military", "general", "colonel", "brigadier", "major", "commander", "lieutenant"},
}

// titledOfForce reports a person named under a title of the agent's force:
// "South SSP Sarfraz Shaikh" of the police, "army chief General X" of the
// army.
func (d *docState) titledOfForce(speaker, agent ref) bool {
	force := strings.ToLower(lastWord(agent.Name))
	switch force {
	case "policemen", "officers":
		force = "police"
	case "military", "troops", "soldiers", "forces":
		force = "army"
	}
	words := forceTitles[force]
	if words == nil {
		return false
	}
	for _, m := range d.rd.Actors {
		if m.Type != sitrep.Person || m.Text != speaker.Name && actors.NormalID(m.Text) != speaker.ID {
			continue
		}
		before := strings.ToLower(d.text[max(0, m.Start-40):m.Start])
		if i := strings.LastIndexAny(before, ".\n"); i >= 0 {
			before = before[i+1:]
		}
		for _, w := range words {
			if indexWord(before, w) >= 0 {
				return true
			}
		}
	}
	return false
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(strings.TrimSpace(s), ' '); i >= 0 {
		return strings.TrimSpace(s)[i+1:]
	}
	return strings.TrimSpace(s)
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

// backedBy reads hyphenated backing: "Pakistan-backed death squads",
// "the India-sponsored group": the country or actor before the hyphen
// supports the group the phrase names.
func (d *docState) backedBy(si, from, to int) []relationHit {
	toks := d.rd.Sentences[si].Tokens
	var out []relationHit
	for i := from; i < to; i++ {
		w := toks[i].Lower
		h := strings.LastIndexByte(w, '-')
		if h <= 0 || !backingSuffixes[w[h+1:]] {
			continue
		}
		typ := sitrep.Supports
		if w[h+1:] == "linked" || w[h+1:] == "affiliated" || w[h+1:] == "allied" || w[h+1:] == "aligned" {
			typ = sitrep.LinkedTo
		}
		var backer ref
		prefix := toks[i].Text(d.text)[:h]
		if m, ok := d.mentionStartingAt(si, toks[i].Start); ok && m.End <= toks[i].Start+h && m.Type != sitrep.Person {
			backer = d.canonical(d.mentionRef(m))
		} else if c, ok := d.x.kb.Demonym(prefix); ok {
			backer = ref{ActorRef: sitrep.ActorRef{ID: c.ID, Name: prefix}, typ: sitrep.Country}
		} else if c, ok := d.x.kb.Get(actors.NormalID(prefix)); ok && c.Type == sitrep.Country {
			backer = ref{ActorRef: sitrep.ActorRef{ID: c.ID, Name: prefix}, typ: sitrep.Country}
		} else {
			continue
		}
		// the group backed: the phrase the compound qualifies ("the
		// 'Pakistan-backed' death squads": past the closing quotation mark)
		b := i + 1
		quoted := b < to && (toks[b].Lower == `"` || toks[b].Lower == "'") && i > 0 && toks[i-1].Lower == toks[b].Lower
		if quoted {
			b++
		}
		e := b
		for e < to && e-b <= 3 && !hardPunct(toks[e]) && !phraseStop(toks[e]) && !speechCueWords[toks[e].Lower] && !strings.HasSuffix(toks[e].Lower, "ed") {
			e++
		}
		if e == b {
			continue
		}
		for k := b; k < e; k++ {
			if armedHeads[toks[k].Lower] || groupDescriptions[toks[k].Lower] || forceHeads[toks[k].Lower] {
				e = k + 1 // "group Fitna al Hindustan": the head noun, then the name
				break
			}
		}
		var group ref
		ok := false
		if m, mok := d.mentionStartingAt(si, toks[b].Start); mok && m.Type != sitrep.Person {
			group, ok = d.canonical(d.mentionRef(m)), true
		} else if k := e - 1; armedHeads[toks[k].Lower] || groupDescriptions[toks[k].Lower] || forceHeads[toks[k].Lower] {
			if quoted {
				group, ok = d.phraseArgTyped(si, b, e, sitrep.ArmedGroup), true
			} else {
				group, ok = d.phraseArgTyped(si, i, e, sitrep.ArmedGroup), true
			}
			// "the India-sponsored group “Fitna al Hindustan”": the name that follows
			j := e
			for j < len(toks) && (toks[j].Lower == `"` || toks[j].Lower == "," || toks[j].Lower == "called" || toks[j].Lower == "known") {
				j++
			}
			if j < len(toks) && j <= e+3 {
				if m, mok := d.mentionStartingAt(si, toks[j].Start); mok && m.Type != sitrep.Person && !d.placeAt(si, m.Start) {
					group = d.canonical(d.mentionRef(m))
				}
			}
		}
		if !ok || group.ID == backer.ID {
			continue
		}
		out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: backer.ActorRef, Object: group.ActorRef},
			tok: i, subj: backer, obj: group, incTok: -1})
	}
	return out
}

// backingSuffixes end a hyphenated word that says who backs a group.
var backingSuffixes = wordSet("backed|sponsored|funded|supported|armed|trained|financed|controlled|linked|affiliated|allied|aligned")
