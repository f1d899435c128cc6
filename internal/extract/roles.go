package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/gazetteer"
	"sitrep/internal/text"
)

// Roles: who did it (perpetrators) and to whom (targets), read from the
// noun phrases around the trigger. A report names attackers as often by a
// description ("gunmen", "security forces", "suspected Kuki tribal
// militants") as by a name, and records either.

// agentNouns head noun phrases that can name who carried out an incident.
var agentNouns = wordSet("gunmen|gunman|militants|militant|attackers|attacker|assailants|assailant|terrorists|terrorist|" +
	"insurgents|insurgent|rebels|rebel|soldiers|soldier|troops|forces|force|police|policemen|policeman|officers|army|military|" +
	"bandits|gangsters|gangs|gang|men|fighters|jihadists|jihadist|separatists|guerrillas|guerrilla|militia|militias|militiamen|" +
	"mob|sniper|snipers|bomber|bombers|kidnappers|kidnapper|abductors|protesters|protestors|demonstrators|activists|families|" +
	"jets|warplanes|aircraft|drones|drone|helicopters|airstrikes|strikes|personnel|authorities|agents|guards|commandos|" +
	"paramilitaries|extremists|squads|squad|group|groups|movement|members|cadres|miscreants|outlaws|pirates|herdsmen|" +
	"tribesmen|vigilantes|raiders|mobs|crowd|government|regime|coalition|navy|rangers|levies|personnel|marines|unit|units|" +
	"wing|faction|brigade|battalion|corps|operatives|workers|students|supporters|residents|villagers|organisers|organizers|" +
	"lawyers|traders|doctors|teachers|women|relatives|mothers|youths|parties|missiles|rockets|shells|bombs|warships|tanks|" +
	"supremacist|supremacists|extremist|shooter|shooters|assassin|assassins|killer|killers")

// victimOnlyNouns never carried out what a sentence reports.
var victimOnlyNouns = wordSet("civilians|passengers|children|worshippers|tourists|pilgrims|victims|hostages|bodies|people|persons|dead|injured|wounded")

// roleGap: words between a subject and its verb ("gunmen have reportedly
// killed", "terrorists on Monday attacked").
var roleGap = wordSet("has|have|had|been|was|were|is|are|reportedly|allegedly|also|later|then|recently|brutally|" +
	"apparently|deliberately|systematically|again|first|subsequently|eventually|jointly|initially|reportedly,|on|in|at|last|" +
	"early|late|yesterday|today|overnight|earlier|who|that|which|had")

// quantifiers open a head count, not a name: "at least 20 civilians".
var quantifiers = wordSet("at|least|more|than|over|about|around|nearly|almost|some|up|to|approximately|roughly|as|many|fewer|less")

// strikeVerbs report an attack without naming its kind: "Russian
// missiles struck a city, killing 23".
var strikeVerbs = wordSet("struck|hit|targeted|rocked|pounded|overran|overrun|seized|collected|besieged|surrounded")

// lightVerbs take an incident noun as object; their subject did it:
// "militants launched an attack", "families held a protest".
var lightVerbs = wordSet("launched|carried|conducted|staged|held|mounted|organised|organized|executed|perpetrated|committed|" +
	"led|made|began|started|launch|carry|stage|hold|mount|organise|organize|unleashed|orchestrated|claimed|fired")

// subjectPronouns open a clause: a phrase read leftwards stops before the
// pronoun and its verb.
var subjectPronouns = wordSet("it|he|she|they|we")

// clauseVerbs are common finite verbs that end a clause a phrase read
// leftwards must not cross.
var clauseVerbs = wordSet("took|came|went|made|gave|began|became|won|lost|held|sent|met|got|saw|is|are|was|were|has|have|had")

// npBefore returns the noun phrase that ends just before token i, past
// the auxiliaries, adverbs and dates between a subject and its verb.
func (d *docState) npBefore(si, i int) (int, int) {
	toks := d.rd.Sentences[si].Tokens
	e := i
	for e > 0 {
		w := toks[e-1].Lower
		if roleGap[w] || lyAdverb(toks[e-1]) || toks[e-1].Lower == "," && e >= 2 && (roleGap[toks[e-2].Lower] || d.dateEndingAt(si, toks[e-2].End) >= 0) {
			e--
			continue
		}
		if m := d.dateEndingAt(si, toks[e-1].End); m >= 0 {
			e = tokenIndex(toks, m)
			continue
		}
		break
	}
	if e > 0 && (toks[e-1].Lower == "who" || toks[e-1].Lower == "that") {
		e-- // "terrorists who attacked the train"
	}
	end := e
	k := e
	for k > 0 && end-k < 8 {
		t := toks[k-1]
		w := t.Lower
		if t.Kind == text.Punct && w != "'" && !ageHyphen(toks, k-1) {
			break
		}
		if npStop[w] && w != "of" || w == "and" || w == "or" || reportVerbs[w] {
			break
		}
		if w == "of" && (k-1 == 0 || end-k == 0) {
			break
		}
		if k < end && d.dateEndingAt(si, t.End) >= 0 {
			break // "This morning Jaish al-Adl forces attacked": the date opens the clause
		}
		if clauseVerbs[w] {
			break // "strikes since Donald Trump took office killed 31": the clause before ends here
		}
		if subjectPronouns[w] && k < end {
			// "accusations that it supports militants who attacked": the
			// pronoun and its verb are no part of the phrase
			k++
			break
		}
		k--
		if determiners[w] {
			break
		}
	}
	for k < end && (determiners[toks[k].Lower] || toks[k].Lower == "of") {
		k++
	}
	return k, end
}

// npBeforeAnd returns the conjunct that ends before the "and" at token k:
// "the Nigerian Army" in "the Nigerian Army and police".
func (d *docState) npBeforeAnd(si, k int) (int, int) {
	toks := d.rd.Sentences[si].Tokens
	f := k
	for f > 0 && k-f < 5 && toks[f-1].Kind == text.Word && !npStop[toks[f-1].Lower] && !reportVerbs[toks[f-1].Lower] && !determiners[toks[f-1].Lower] {
		f--
	}
	return f, k
}

// npAfter returns the noun phrase starting at token i, past determiners and
// quantifiers ("at least 20 civilians" is "20 civilians").
func (d *docState) npAfter(si, i int) (int, int) {
	toks := d.rd.Sentences[si].Tokens
	if i+1 < len(toks) && verbParticles[toks[i].Lower] && toks[i].Lower != "on" && (determiners[toks[i+1].Lower] || toks[i+1].Lower == "another" || toks[i+1].Kind == text.Number) {
		i++ // "shot down another jet", "rounded up 70 men": the verb's particle
	}
	for i < len(toks) && (determiners[toks[i].Lower] || quantifiers[toks[i].Lower] && i+1 < len(toks) && (toks[i+1].Kind == text.Number || quantifiers[toks[i+1].Lower] || countWordsSet[toks[i+1].Lower])) {
		i++
	}
	j := i
	ofUsed := false
	for j < len(toks) && j-i < 8 {
		t := toks[j]
		w := t.Lower
		if t.Kind == text.Punct && w != "'" && !ageHyphen(toks, j) {
			break
		}
		if w == "of" && !ofUsed && j > i {
			ofUsed = true
			j++
			continue
		}
		if j > i && lyAdverb(t) {
			break // "injuring him seriously"
		}
		if w == "in" && j > i {
			if u := uniformEnd(toks, j); u > j {
				j = u // "men in military uniform": the uniform says whose
				continue
			}
		}
		if npStop[w] || w == "and" || w == "or" || reportVerbs[w] || reducedRelatives[w] && j > i {
			break
		}
		if ts := triggers[w]; len(ts) > 0 && ts[0].verbal && j > i {
			break
		}
		j++
	}
	for j > i && (toks[j-1].Lower == "of" || toks[j-1].Lower == "-" || toks[j-1].Lower == "'") {
		j--
	}
	return i, j
}

// pastParticiple reports a verb form that may be a past participle:
// "murdered", "shot", "slain" (not "launch" in "saw Pakistan launch
// strikes", where whom they saw acted).
func pastParticiple(w string) bool {
	return strings.HasSuffix(w, "ed") || irregularParticiples[w]
}

var irregularParticiples = wordSet("shot|slain|struck|hit|beaten|taken|stolen|burnt|blown|thrown|hung|cut|held")

// findingVerbs take an object and a participle of what was done to it:
// "found him shot", "saw the men abducted".
var findingVerbs = wordSet("found|find|finds|saw|see|discovered|discover|left|leaving|finding")

// reducedRelatives open a participle clause after a noun phrase: "the
// leader of a gang suspected of …" ends at "gang".
var reducedRelatives = wordSet("suspected|accused|believed|known|wanted|thought|alleged|blamed|involved|responsible|linked")

// uniformEnd returns the end of "in (army|police|…) uniform" opening at
// token j, or j.
func uniformEnd(toks []text.Token, j int) int {
	for k := j + 1; k < len(toks) && k <= j+4; k++ {
		if toks[k].Lower == "uniform" || toks[k].Lower == "uniforms" {
			return k + 1
		}
		if toks[k].Kind != text.Word {
			break
		}
	}
	return j
}

// agentRef turns the phrase [from, to) into an actor reference if it can
// name who acted: an actor the knowledge base or the recogniser knows, a
// description headed by an agent noun, or a proper name that is no place.
func (d *docState) agentRef(si, from, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if from >= to {
		return ref{}, false
	}
	if to-from == 1 && (personPronouns[toks[from].Lower] || toks[from].Lower == "they" || toks[from].Lower == "it") {
		return ref{}, false
	}
	if d.isDateAt(si, toks[from].Start) || toks[to-1].Kind == text.Number {
		return ref{}, false
	}
	phrase := spanText(d.text, toks, from, to)
	if phrase == "" {
		return ref{}, false
	}
	head := toks[to-1].Lower
	locative := len(d.text) // where a locative phrase starts: "gunmen in Dagestan"
	for k := from + 1; k < to; k++ {
		if w := toks[k].Lower; w == "of" || w == "from" || w == "in" || w == "at" || w == "near" || w == "with" {
			head = toks[k-1].Lower // "families of missing persons", "soldiers from Eritrea", "troops with armoured vehicles"
			break
		}
	}
	for k := from + 1; k < to; k++ {
		if w := toks[k].Lower; w == "in" || w == "at" || w == "near" {
			locative = toks[k].Start
			break
		}
	}
	if victimOnlyNouns[head] || hasWord(toks, from, to, victimOnlyNouns) && !hasWord(toks, from, to, agentNouns) {
		return ref{}, false // "hundreds of civilians"
	}
	typ := sitrep.Group
	within := d.mentionsWithin(si, toks[from].Start, toks[to-1].End)
	for i, m := range within {
		if d.placeAt(si, m.Start) && (m.Type != sitrep.Country || m.Start > locative) {
			continue
		}
		if backerWord(d.text, m.End) {
			// "Iran-backed Houthis", "Pakistan-based militants": who backs
			// or hosts the group is not who acted
			continue
		}
		if m.Type == sitrep.Country && d.qualifiedActor(si, m, within[i+1:], locative) {
			// "US envoy Steve Witkoff", "Russia's Wagner group": the country
			// says whose; the actor it qualifies acted
			continue
		}
		r := d.mentionRef(m)
		if m.End == toks[to-1].End && m.Start == toks[from].Start {
			return r, true // the phrase is the name
		}
		// "Islamic State militants": the named actor, in the words used
		r.Name = phrase
		return r, true
	}
	aged := false
	for k := from; k+1 < to; k++ {
		aged = aged || ageHyphen(toks, k)
	}
	if agentNouns[head] || strings.HasSuffix(head, "ists") || aged || cellHeads[head] && hasWord(toks, from, to, armedModifiers) {
		// "a 19-year-old Palestinian stabbed", "the insurgent network"
		if d.placeAt(si, toks[from].Start) && to-from == 1 {
			return ref{}, false
		}
		if locative < len(d.text) && toks[to-1].End-locative > 24 {
			// "gunmen in Russia's North Caucasus region of Dagestan" are
			// gunmen; "police in Mombasa" keeps its short place
			phrase = strings.TrimSpace(d.text[toks[from].Start:locative])
		}
		r := d.phraseRef(phrase, typ)
		if full := countedFrom(toks, from); full < from {
			// "a fourth attacker", "the three gunmen": as the report tells them
			r.Name = d.phraseRef(strings.TrimSpace(d.text[toks[full].Start:toks[from].Start])+" "+phrase, typ).Name
		}
		return r, true
	}
	// a capitalised name the recognisers missed, but not a place or a date
	if isCapitalisedPhrase(d.text, toks, from, to) && !d.rd.AllCaps && !d.placeAt(si, toks[from].Start) && !(from == 0 && to-from == 1) {
		for k := from; k < to; k++ {
			if monthOrDay(toks[k].Lower) {
				return ref{}, false
			}
		}
		return d.phraseRef(phrase, sitrep.Organisation), true
	}
	return ref{}, false
}

// qualifiedActor reports an actor among ms, the mentions after the
// country c, that c qualifies: neither a place nor a country, before a
// locative phrase at offset locative, with no preposition between them
// ("US envoy Steve Witkoff", not "the killing by Israel of Hassan
// Nasrallah").
func (d *docState) qualifiedActor(si int, c actors.Mention, ms []actors.Mention, locative int) bool {
	toks := d.rd.Sentences[si].Tokens
	for _, m := range ms {
		if m.Start >= locative {
			return false
		}
		for k := tokenIndex(toks, c.End); k < len(toks) && toks[k].Start < m.Start; k++ {
			if qualifierBreaks[toks[k].Lower] {
				return false
			}
		}
		if m.Type != sitrep.Country && !d.placeAt(si, m.Start) {
			return true
		}
	}
	return false
}

// qualifierBreaks end what a country's name qualifies.
var qualifierBreaks = wordSet("of|from|by|in|at|near|with|and|or|against|on|to|,")

// backerWord reports a hyphenated backing or basing word right after the
// name ending at offset end: "-backed", "-sponsored", "-based".
func backerWord(s string, end int) bool {
	if end >= len(s) || s[end] != '-' {
		return false
	}
	k := end + 1
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	w := strings.ToLower(s[end+1 : k])
	return backingSuffixes[w] || w == "based"
}

// victimRef turns the phrase [from, to) into a target reference: whoever or
// whatever was struck, named or described.
func (d *docState) victimRef(si, from, to int) (ref, bool) {
	return d.struck(si, from, to, false)
}

// targetRef is victimRef for an incident's target: a described group keeps
// its count and article (countedArg).
func (d *docState) targetRef(si, from, to int) (ref, bool) {
	return d.struck(si, from, to, true)
}

func (d *docState) struck(si, from, to int, counted bool) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if from >= to || d.isDateAt(si, toks[from].Start) || toks[to-1].Kind == text.Number {
		return ref{}, false // a figure alone names no one
	}
	if to-from == 1 && (toks[from].Kind != text.Word || personPronouns[toks[from].Lower] || backRefWords[toks[from].Lower]) {
		return ref{}, false
	}
	for _, m := range d.mentionsWithin(si, toks[from].Start, toks[to-1].End) {
		if !d.placeAt(si, m.Start) {
			if counted && modifierMention(toks, m, to) {
				break // "a U.N. peacekeeper": the peacekeeper was struck
			}
			return d.mentionRef(m), true
		}
	}
	if d.placeAt(si, toks[from].Start) && to-from == 1 {
		return ref{}, false // a bare place is where, not whom
	}
	typ := sitrep.Group
	if hasWord(toks, from, to, facilityNouns) {
		typ = sitrep.Facility
	}
	if counted {
		return d.countedArg(si, from, to, typ), true
	}
	return d.phraseArgTyped(si, from, to, typ), true
}

// appositiveName reads the person a description at token from is an
// appositive of: "Ali Khan, a student who was abducted" was abducted.
func (d *docState) appositiveName(si, from int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for from > 0 && determiners[toks[from-1].Lower] {
		from--
	}
	if from < 2 || toks[from-1].Lower != "," || !determiners[toks[from].Lower] {
		return ref{}, false
	}
	if m, ok := d.mentionEndingAt(si, toks[from-2].End); ok && m.Type == sitrep.Person {
		r := d.mentionRef(m)
		r.aside = true
		return r, true
	}
	return ref{}, false
}

// commaSubject reads the subject that ends in an aside closed by the comma
// at token k: the name in "His brother, Ali Khan,", the group in "more
// than 80 people, mostly children," (named with its aside).
func (d *docState) commaSubject(si, k int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	from, to := d.npBefore(si, k)
	if from >= to {
		return ref{}, false
	}
	if !mostlyWords[toks[from].Lower] {
		if from >= 2 && determiners[toks[from-1].Lower] {
			// "Ali Khan, the father of a lawyer,": a description in
			// apposition; the subject is named before it
			k := from - 1
			for k > 0 && determiners[toks[k].Lower] {
				k--
			}
			if toks[k].Lower != "," {
				return ref{}, false
			}
			if m, ok := d.mentionEndingAt(si, toks[k-1].End); ok && !d.placeAt(si, m.Start) {
				r := d.mentionRef(m)
				r.aside = true
				return r, true
			}
			return ref{}, false
		}
		r, ok := d.targetRef(si, from, to)
		r.aside = true
		return r, ok
	}
	if from < 2 || toks[from-1].Lower != "," {
		return ref{}, false
	}
	f, t := d.npBefore(si, from-1)
	r, ok := d.targetRef(si, f, t)
	if ok && strings.HasSuffix(d.text[toks[f].Start:toks[t-1].End], r.Name) {
		r.Name = r.Name + d.text[toks[t-1].End:toks[to-1].End]
	}
	return r, ok
}

// mostlyWords open an aside that says who a group was: "people, mostly
// women".
var mostlyWords = wordSet("mostly|mainly|largely|chiefly|predominantly|primarily")

// appositiveAfter reads what an aside after a victim says it is: "killed
// Ali Khan, a teacher," is a teacher struck; "a lawyer, Ali Khan," names
// the lawyer.
func (d *docState) appositiveAfter(si, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if to+2 >= len(toks) || toks[to].Lower != "," {
		return ref{}, false
	}
	if m, ok := d.mentionStartingAt(si, toks[to+1].Start); ok && m.Type == sitrep.Person {
		k := tokenIndex(toks, m.End)
		if k >= len(toks) || hardPunct(toks[k]) || npStop[toks[k].Lower] {
			r := d.mentionRef(m)
			r.aside = true
			return r, true
		}
		return ref{}, false
	}
	if w := toks[to+1].Lower; w != "a" && w != "an" {
		return ref{}, false
	}
	from, end := d.npAfter(si, to+1)
	if from >= end || end-from > 6 || end < len(toks) && !hardPunct(toks[end]) && !npStop[toks[end].Lower] {
		return ref{}, false
	}
	if _, ok := d.mentionStartingAt(si, toks[from].Start); ok {
		return ref{}, false
	}
	r := d.countedArg(si, from, end, sitrep.Group)
	r.aside = true
	return r, true
}

// lyAdverb is an adverb of manner between an auxiliary and its verb: "was
// similarly abducted", "were forcibly disappeared".
func lyAdverb(t text.Token) bool {
	return t.Kind == text.Word && len(t.Lower) > 4 && strings.HasSuffix(t.Lower, "ly") && !lyNouns[t.Lower]
}

// lyNouns end in -ly and are no adverbs: "the family was attacked".
var lyNouns = wordSet("family|assembly|rally|ally|supply|reply|anomaly|monopoly|italy|bully|homily|july|elderly|early|only|" +
	"holy|daily|weekly|monthly|yearly|friendly|lonely|likely|ugly|deadly|costly|orderly|curly|burly|belly|jelly")

// modifierMention reports an actor named as the modifier of a person or
// force noun that heads the phrase ending before token to: "a U.N.
// peacekeeper", "two Red Cross workers" (not "the vehicle of X", nor "X's
// convoy", whose actor is named after the head or owns it).
func modifierMention(toks []text.Token, m actors.Mention, to int) bool {
	if m.Type == sitrep.Person {
		return false
	}
	k := tokenIndex(toks, m.End)
	if k >= to || k+2 < to || toks[k].Lower == "'s" || toks[k].Kind != text.Word {
		return false
	}
	w := toks[to-1].Lower
	return singularPerson(w) || singularPerson(singular(w)) || forceHeads[w] || strings.HasSuffix(w, "keeper") || strings.HasSuffix(w, "keepers")
}

// subjectAt returns who acted as the subject of the verb at token i,
// past an appositive: "a militia led by X, brother of Y, attacked".
func (d *docState) subjectAt(si, i int) (ref, bool) {
	from, to := d.npBefore(si, i)
	toks := d.rd.Sentences[si].Tokens
	// "soldiers from Eritrea", "police in Mombasa", "Pakistan airstrikes in
	// Afghanistan's Paktika province": the head before the preposition acts
	if p := from - 1; p >= 2 && determiners[toks[p].Lower] && (toks[p-1].Lower == "with" || toks[p-1].Lower == "without") {
		// "a 19-year-old without an entry permit stabbed": who had or
		// lacked something acted
		if of, ot := d.npBefore(si, p-1); of < ot && ot == p-1 && (agentNouns[toks[ot-1].Lower] || of+2 < ot && ageHyphen(toks, of+1)) {
			from, to = of, ot
		}
	}
	for start := from; start >= 2 && to > start && (toks[start-1].Lower == "from" || toks[start-1].Lower == "in" || toks[start-1].Lower == "of" ||
		toks[start-1].Lower == "at" || toks[start-1].Lower == "near" || toks[start-1].Lower == "with" || toks[start-1].Lower == "without"); {
		of, ot := d.npBefore(si, start-1)
		if of >= ot || ot != start-1 {
			break
		}
		head := toks[ot-1].Lower
		for k := of + 1; k < ot; k++ {
			if toks[k].Lower == "of" || toks[k].Lower == "from" {
				head = toks[k-1].Lower // "residents of Bor town in Jonglei state"
				break
			}
		}
		if agentNouns[head] || strings.HasSuffix(head, "ists") || of+2 < ot && ageHyphen(toks, of+1) {
			if toks[start-1].Lower == "with" || toks[start-1].Lower == "without" {
				to = ot // "troops with armoured vehicles": the troops
			}
			from = of
			break
		}
		// "Gunmen in Russia's North Caucasus region of Dagestan": past the places
		if !kindNouns[head] && !d.placeEndingAt(si, toks[ot-1].End) {
			break
		}
		start = of
	}
	if from >= 1 && from < to && locativePreps[toks[from-1].Lower] && d.placeEndingAt(si, toks[to-1].End) {
		// "missiles that struck a city in central Ukraine killed 23": a
		// place inside a phrase, not who acted
		return ref{}, false
	}
	v := from - 1
	for v >= 0 && determiners[toks[v].Lower] && toks[v].Lower != "that" {
		v--
	}
	found := v >= 0 && findingVerbs[toks[v].Lower]
	for k := from; k < to-1 && !found; k++ {
		found = findingVerbs[toks[k].Lower] // "police found two men shot dead"
	}
	if found && from < to && i < len(toks) && pastParticiple(toks[i].Lower) {
		// "he found the three family members murdered": whom he found is
		// who was struck, the participle's object, not its doer
		return ref{}, false
	}
	if to-from == 1 && (toks[from].Lower == "they" || personPronouns[toks[from].Lower]) {
		// "They had earlier kidnapped 85 people": the subject before
		return d.previousSubject(si)
	}
	if r, ok := d.agentRef(si, from, to); ok {
		return r, true
	}
	if from == to && to > 0 && toks[to-1].Lower == "," {
		for k := to - 2; k > 0 && k > to-12; k-- {
			if toks[k].Lower == "," {
				from, to = d.npBefore(si, k)
				return d.agentRef(si, from, to)
			}
		}
	}
	return ref{}, false
}

// previousSubject is who acted in the sentence before, in the same
// paragraph: the referent of "they" or "he" opening the next one.
func (d *docState) previousSubject(si int) (ref, bool) {
	if si == 0 || d.rd.Sentences[si-1].Para != d.rd.Sentences[si].Para {
		return ref{}, false
	}
	return d.clauseSubject(si - 1)
}

// agentBy reads "by X" within a few tokens after token i.
func (d *docState) agentBy(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := i; k < len(toks) && k < i+6; k++ {
		if toks[k].Lower == "by" {
			from, to := d.npAfter(si, k+1)
			return d.agentRef(si, from, to)
		}
		if toks[k].Kind == text.Punct && toks[k].Lower != "-" {
			break
		}
	}
	return ref{}, false
}

// agentByAfterAside reads the agent of an incident noun given after its
// object and an aside: "the arrest of X, a student leader, along with his
// companions, by city police". The "by" must follow a comma, with no other
// incident word or verb of speech before it.
func (d *docState) agentByAfterAside(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := i + 1; k < len(toks) && k < i+25; k++ {
		w := toks[k].Lower
		if w == "." || w == ";" || reportVerbs[w] || len(triggers[w]) > 0 {
			break
		}
		if w == "by" && toks[k-1].Lower == "," {
			from, to := d.npAfter(si, k+1)
			return d.agentRef(si, from, to)
		}
	}
	return ref{}, false
}

// modifierAgent reads the actor named just before an incident noun: "ISWAP
// raid", "IRA rocket", "a Taliban attack", "Russian missile attack".
func (d *docState) modifierAgent(si int, h hit) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if h.verbal || h.tok == 0 {
		return ref{}, false
	}
	k := h.tok
	for k > 0 && k > h.tok-3 && (toks[k-1].Lower == "suicide" || toks[k-1].Lower == "missile" || toks[k-1].Lower == "rocket" ||
		toks[k-1].Lower == "drone" || toks[k-1].Lower == "air" || toks[k-1].Lower == "car" || toks[k-1].Lower == "-" || toks[k-1].Lower == "claimed") {
		k--
	}
	if k == 0 {
		return ref{}, false
	}
	end := toks[k-1].End
	if toks[k-1].Lower == "'s" && k >= 2 {
		end = toks[k-2].End
	}
	// "an Islamic State group-claimed bombing", "a TTP-claimed raid"
	for _, suffix := range []string{"-claimed", "-led", "-backed", "-linked"} {
		if w := toks[k-1].Text(d.text); strings.HasSuffix(strings.ToLower(w), suffix) {
			end = toks[k-1].End - len(suffix)
		}
	}
	if m, ok := d.mentionEndingAt(si, end); ok && !d.placeAt(si, m.Start) && m.Type != sitrep.Person {
		return d.mentionRef(m), true
	}
	// "Israeli strike", "Russian missile attack": the demonym's forces, or
	// its country
	if f, ok := d.demonymForces(si, k-1, h); ok && toks[k-1].End == end {
		return d.note(f, ""), true
	}
	possessive := toks[k-1].Lower == "'s" && militaryActs[toks[h.tok].Lower]
	r := d.rd.Sentences[si].Places
	for _, p := range d.rd.Places[r[0]:r[1]] {
		// "India's missile strikes": a state's strikes are its own, as a
		// demonym's are; a town's ("Quetta's bombing") happened there
		if p.End == end && (p.Demonym || possessive && p.Entry.Kind == gazetteer.Country) {
			id := actors.NormalID(p.Entry.Name)
			return d.note(ref{ActorRef: sitrep.ActorRef{ID: id, Name: p.Text}, typ: sitrep.Country}, p.Entry.Country), true
		}
	}
	return ref{}, false
}

// lightVerbBefore returns the token of a light verb taking the incident
// noun at h as its object ("launched a pre-dawn attack"), or -1.
func lightVerbBefore(toks []text.Token, h hit) int {
	for k := h.tok - 1; k >= 0 && k >= h.tok-5; k-- {
		w := toks[k].Lower
		if lightVerbs[w] {
			if w == "carried" || w == "carry" {
				return -1 // "carried out an attack" is read through "out"
			}
			return k
		}
		if w == "out" && k > 0 && (toks[k-1].Lower == "carried" || toks[k-1].Lower == "carry") {
			return k - 1
		}
		if toks[k].Kind == text.Punct && w != "-" || npStop[w] && w != "a" {
			return -1
		}
	}
	return -1
}

// peopleTriggers are incident words that name the people who carry it out.
var peopleTriggers = wordSet("protesters|protestors|demonstrators")

// rolesAround reads perpetrators and targets from the phrases around the
// trigger: the subject and object of a verb, the agent and subject of a
// passive, the actor an incident noun is modified by or attributed to.
// headlinePassive reports a headline's participle without its auxiliary:
// "UN peacekeeper killed in attack in CAR" is "was killed".
func (d *docState) headlinePassive(si int, h hit) bool {
	if d.role == nil || d.role[si] != heading {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	w := toks[h.end-1].Lower
	if !strings.HasSuffix(w, "ed") && w != "shot" && w != "held" && w != "hurt" && w != "slain" && w != "taken" {
		return false
	}
	if h.end >= len(toks) {
		return true
	}
	switch toks[h.end].Lower {
	case "in", "at", "near", "during", "as", "after", "while", "on", "following", "amid", "over", "outside", "inside", ",", ":", "-", "–":
		return true
	}
	return false
}

func (d *docState) rolesAround(si int, h hit, e *event) {
	toks := d.rd.Sentences[si].Tokens
	addPerp := func(r ref, ok bool) {
		if ok {
			e.perps = appendRef(e.perps, r)
		}
	}
	addTarget := func(r ref, ok bool) {
		if ok && !containsRef(e.perps, r.ID) {
			e.targets = appendRef(e.targets, r)
		}
	}
	passive := h.verbal && (d.passiveAt(toks, h.tok) || h.end < len(toks) && toks[h.end].Lower == "by" || d.headlinePassive(si, h))
	switch {
	case peopleTriggers[toks[h.tok].Lower]:
		// "protesters blocked the road": they are who protested
		from, to := d.npBefore(si, h.end)
		if from < to {
			addPerp(d.phraseArgTyped(si, from, to, sitrep.Group), true)
		}
	case passive:
		addPerp(d.agentBy(si, h.end))
		// the passive subject is the victim: "a peacekeeper was killed"
		from, to := d.npBefore(si, h.tok)
		addTarget(d.appositiveName(si, from))
		if from == to && to >= 2 && toks[to-1].Lower == "," {
			// "His brother, Ali Khan, was abducted", "more than 80
			// people, mostly children, were kidnapped"
			addTarget(d.commaSubject(si, to-1))
		}
		addTarget(d.targetRef(si, from, to))
	case h.verbal && intransitiveLoss(toks, h):
		// "43 students disappeared after clashes with police": who
		// vanished, not who made them vanish
		from, to := d.npBefore(si, h.tok)
		addTarget(d.targetRef(si, from, to))
	case h.verbal:
		r, ok := d.subjectAt(si, h.tok)
		if !ok && h.tok >= 2 && toks[h.tok-1].Lower == "," && strings.HasSuffix(toks[h.tok].Lower, "ing") {
			// "Gunmen stormed the village, killing nine": the clause's subject
			r, ok = d.clauseSubject(si)
		}
		if !ok && h.tok >= 1 && toks[h.tok-1].Lower == "and" {
			r, ok = d.coordinatedSubject(si, toks[h.tok-1].Start)
		}
		addPerp(r, ok)
		if f, t := d.npBefore(si, h.tok); ok && f < t && f >= 2 && toks[f-1].Lower == "and" {
			// "the army and police killed 12 protesters": both
			a, b := d.npBeforeAnd(si, f-1)
			addPerp(d.agentRef(si, a, b))
		}
		end, second := h.end, false
		if end+1 < len(toks) && toks[end].Lower == "and" {
			// "shot and wounded a lawyer": the object of the second verb
			// (a casualty told, for the type: the first verb's object
			// alone makes a shooting a targeted killing)
			for _, v := range d.allTriggers(si) {
				if v.verbal && v.tok == end+1 {
					end, second = v.end, true
				}
			}
			if !second && casualtyVerbs[toks[end+1].Lower] {
				end, second = end+2, true // "opened fire and injured a child"
			}
		}
		from, to := d.npAfter(si, end)
		if from < to && !npStop[toks[from].Lower] {
			r, ok := d.targetRef(si, from, to)
			r.aside = r.aside || second
			addTarget(r, ok)
			addTarget(d.appositiveAfter(si, to))
		}
		if len(e.perps) == 0 {
			// "The others arrested are A and B, who was arrested by the
			// city police": the agent given with the act told again
			for _, v := range d.allTriggers(si) {
				if v.tok > h.tok && v.verbal && sameFamily(v.typ, e.typ) && d.passiveAt(toks, v.tok) {
					addPerp(d.agentBy(si, v.end))
				}
			}
		}
	default:
		if lv := lightVerbBefore(toks, h); lv >= 0 {
			addPerp(d.subjectAt(si, lv))
		}
		addPerp(d.modifierAgent(si, h))
		addPerp(d.agentBy(si, h.end))
		if h.end+1 < len(toks) && toks[h.end].Lower == "of" && e.typ != sitrep.Visit && e.typ != sitrep.Protest {
			// "the killing of a pregnant woman", "the abduction of two
			// engineers": whom it befell
			if from, to := d.npAfter(si, h.end+1); from < to && !d.isDateAt(si, toks[from].Start) {
				addTarget(d.targetRef(si, from, to))
			}
		}
		if len(e.perps) == 0 && h.end < len(toks) && toks[h.end].Lower == "of" {
			addPerp(d.agentByAfterAside(si, h.end))
		}
		if len(e.perps) == 0 && h.tok >= 2 && toks[h.tok-1].Lower == "," && strings.HasSuffix(toks[h.tok].Lower, "ing") {
			// "Gunmen launched attacks on churches, killing seven": the clause's subject
			addPerp(d.clauseSubject(si))
		}
		// "X was murdered in a targeted attack": the verbs of the sentence
		for _, v := range d.allTriggers(si) {
			if v.tok == h.tok || e.typ == sitrep.Protest && v.typ != sitrep.Protest {
				// "police shot three people during protests": the
				// shooting's agent did not protest
				continue
			}
			if !v.verbal {
				if lv := lightVerbBefore(toks, v); lv >= 0 && lv < h.tok {
					addPerp(d.subjectAt(si, lv))
				}
				continue
			}
			if d.passiveAt(toks, v.tok) {
				addPerp(d.agentBy(si, v.end))
				from, to := d.npBefore(si, v.tok)
				addTarget(d.targetRef(si, from, to))
			} else {
				addPerp(d.subjectAt(si, v.tok))
				if sameFamily(v.typ, e.typ) {
					// "an attack in which a bomber attacked a bus": its object
					if from, to := d.npAfter(si, v.end); from < to && !npStop[toks[from].Lower] {
						addTarget(d.targetRef(si, from, to))
					}
				}
			}
		}
	}
	// "accused the military of killing civilians": the accused
	k := h.tok - 1
	for k > 0 && lyAdverb(toks[k]) {
		k-- // "suspected of fatally shooting"
	}
	if k > 0 && toks[k].Lower == "of" {
		for q := k - 1; q >= 0 && q >= k-8; q-- {
			switch toks[q].Lower {
			case "accused", "accuses", "accusing", "blamed", "blames", "blaming", "suspected", "suspects":
				from, to := d.npAfter(si, q+1)
				to = min(to, k)
				if from >= to && q == k-1 && (toks[q].Lower == "suspected" || toks[q].Lower == "accused") {
					// "a gang suspected of shooting five people": the
					// participle qualifies who is suspected
					from, to = d.npBefore(si, q)
				}
				addPerp(d.agentRef(si, from, to))
				q = -1
			}
		}
	}
}

// rolesElsewhere reads roles the sentence gives away from the trigger's own
// phrases: who was "involved in" or "behind" the attacks, the party that
// says it killed ("the army said, claiming to have killed four rebels"),
// the two sides of a clash, who protested.
func (d *docState) rolesElsewhere(si int, h hit, e *event) {
	toks := d.rd.Sentences[si].Tokens
	add := func(r ref, ok bool) {
		if ok && !containsRef(e.targets, r.ID) {
			e.perps = appendRef(e.perps, r)
		}
	}
	if h.verbal && h.tok >= 3 && toks[h.tok-1].Lower == "have" && toks[h.tok-2].Lower == "to" && selfClaimVerbs[toks[h.tok-3].Lower] {
		// "…, the army said, claiming to have killed four rebels"
		if a := d.attrib[si]; a != nil && a.resolved && a.speaker.ID != "" && a.speaker.typ != sitrep.Person && isActorType(a.speaker.typ) {
			add(a.speaker, true)
		}
	}
	if e.typ == sitrep.Clash {
		// "a clash between militants and troops": the first side is
		// told as the one who acted, the second as the one it fought
		for k := h.end; k+1 < len(toks) && k <= h.end+2; k++ {
			if toks[k].Lower != "between" {
				continue
			}
			a, b := d.npAfter(si, k+1)
			if b >= len(toks) || toks[b].Lower != "and" {
				break
			}
			c, f := d.npAfter(si, b+1)
			if r, ok := d.agentRef(si, a, b); ok {
				e.perps = appendRef(e.perps, r)
				if t, ok := d.agentRef(si, c, f); ok && t.ID != r.ID {
					e.targets = appendRef(e.targets, t)
				}
			}
			break
		}
	}
	if e.typ == sitrep.Protest && len(e.perps) == 0 {
		// "as thousands of people demanded a civilian government"
		for k := 1; k < len(toks); k++ {
			if protestVerbs[toks[k].Lower] {
				if r, ok := d.subjectAt(si, k); ok {
					e.perps = appendRef(e.perps, r) // "residents in Jacarezinho protested"
					e.targets = dropRef(e.targets, r.ID)
					break
				}
				from, to := d.npBefore(si, k)
				if from < to && !personPronouns[toks[from].Lower] && toks[from].Lower != "they" && !hasWord(toks, from, to, victimWords) &&
					!d.placeAt(si, toks[from].Start) && (from == 0 || !locativePreps[toks[from-1].Lower]) && len(triggers[toks[to-1].Lower]) == 0 {
					r := d.countedArg(si, from, to, sitrep.Group)
					e.perps = appendRef(e.perps, r)
					e.targets = dropRef(e.targets, r.ID) // who protested is not whom they protested against
					break
				}
			}
		}
	}
}

// involvedAgent reads who the sentence holds to be behind an incident named
// by a noun: "the men were reportedly involved in several attacks,
// including the bombing", "its affiliate was behind Sunday's attack". It
// is read once the event's modality is set: a hedge on who was involved
// ("reportedly") qualifies the attribution, not whether the attack took
// place.
func (d *docState) involvedAgent(si int, h hit, e *event) {
	toks := d.rd.Sentences[si].Tokens
	if h.verbal || len(e.perps) > 0 {
		return
	}
	for k := h.tok - 1; k >= 1 && k >= h.tok-15; k-- {
		if hardPunct(toks[k]) && toks[k].Lower != "," || auxiliaries[toks[k].Lower] && k < h.tok-1 {
			return // "an officer involved in smuggling was injured in a raid": another clause
		}
		w, prev := toks[k].Lower, toks[k-1].Lower
		if w == "in" && prev == "involved" || w == "for" && prev == "responsible" || w == "behind" && beVerbs[prev] {
			v := k - 1
			if w == "behind" {
				v = k
			}
			for v > 1 && (lyAdverb(toks[v-1]) || linkVerbs[toks[v-1].Lower]) {
				v-- // "who remained actively involved in"
			}
			if r, ok := d.describedSubject(si, v); ok && !containsRef(e.targets, r.ID) {
				e.perps = appendRef(e.perps, r)
			}
			return
		}
	}
}

func dropRef(rs []ref, id string) []ref {
	out := rs[:0]
	for _, r := range rs {
		if r.ID != id {
			out = append(out, r)
		}
	}
	return out
}

// victimsAround reads the victims a sentence tells beside its trigger: who
// died or was hurt ("a corporal died and three others were injured in a
// bomb attack"), whom an attack left dead ("an attack that left 28 people
// dead"), who was among the dead ("36 people, including soldiers and
// policemen, were killed"), the building a blast went off at ("an
// explosion in the parking lot of the embassy").
func (d *docState) victimsAround(si int, h hit, e *event) {
	if e.typ == sitrep.Visit || e.typ == sitrep.Protest || e.typ == sitrep.Arrest {
		return
	}
	toks := d.rd.Sentences[si].Tokens
	add := func(r ref, ok bool) {
		if ok && !containsRef(e.perps, r.ID) {
			r.aside = true // a casualty told; not who the attack aimed at
			e.targets = appendRef(e.targets, r)
		}
	}
	for k := 1; k < len(toks); k++ {
		w := toks[k].Lower
		switch {
		case k > h.tok && k < h.end:
		case w == "died" || casualtyVerbs[w] && d.passiveAt(toks, k):
			from, to := d.npBefore(si, k)
			if from == to && from >= 2 && toks[from-1].Lower == "," {
				add(d.commaSubject(si, from-1)) // "A teen, Ali Khan, died"
				continue
			}
			if from < to && !backRefWords[toks[from].Lower] && toks[to-1].Lower != "others" && toks[to-1].Kind == text.Word && !countWordsSet[toks[to-1].Lower] &&
				(from == 0 || toks[from-1].Kind == text.Word && toks[from-1].Lower != "no" || toks[from-1].Lower == ",") {
				add(d.targetRef(si, from, to))
			}
		case w == "left" || w == "leaving":
			from, to := d.npAfter(si, k+1)
			for q := from + 1; q < to; q++ {
				if killWords[toks[q].Lower] || injureWords[toks[q].Lower] {
					add(d.targetRef(si, from, q)) // "left 28 people dead"
					break
				}
			}
		case w == "including" && k+1 < len(toks):
			p := k - 1
			if toks[p].Lower == "," && p > 0 {
				p--
			}
			if !casualtyHeads[toks[p].Lower] {
				continue
			}
			if from, to := d.npAfter(si, k+1); from < to && len(triggers[toks[from].Lower]) == 0 {
				add(d.targetRef(si, from, to))
			}
		case (w == "struck" || w == "hit") && k > h.tok && (toks[k-1].Lower == "that" || toks[k-1].Lower == "which"):
			// "fired a rocket that struck a cow shed"
			from, to := d.npAfter(si, k+1)
			if from < to && !(to-from == 1 && d.placeAt(si, toks[from].Start)) && !d.isDateAt(si, toks[from].Start) {
				add(d.targetRef(si, from, to))
			}
		case w == "to" && k == h.end && toks[k-1].Lower == "fire":
			// "set fire to a telecom tower"
			from, to := d.npAfter(si, k+1)
			if from < to && !(to-from == 1 && d.placeAt(si, toks[from].Start)) {
				add(d.targetRef(si, from, to))
			}
		case w == "subjected" && k+1 < len(toks) && toks[k+1].Lower == "to" && k >= h.tok-2 && k <= h.tok:
			// "the group had been detained and subjected to torture"
			from, to := d.npBefore(si, k)
			if from == to && k >= 1 && toks[k-1].Lower == "and" {
				from, to = d.npAfter(si, 0)
				if to >= len(toks) || !auxiliaries[toks[to].Lower] {
					continue
				}
			}
			if from < to {
				add(d.targetRef(si, from, to))
			}
		case e.typ == sitrep.Bombing && k >= h.end && k <= h.end+3 && blastPreps[w] && !hasHardPunct(toks, h.end, k):
			// "an explosive device detonated outside of a liquor store",
			// "threw a grenade into a police station"
			if k+1 < len(toks) && toks[k+1].Lower == "of" {
				k++
			}
			from, to := d.npAfter(si, k+1)
			if from < to && !(to-from == 1 && d.placeAt(si, toks[from].Start)) && (hasWord(toks, from, to, facilityNouns) || facilityNouns[singular(toks[to-1].Lower)]) {
				add(d.countedArg(si, from, to, sitrep.Facility), true)
			}
		}
	}
}

// blastPreps place a blast at what it struck.
var blastPreps = wordSet("in|at|outside|near|into|inside|towards|toward")

func hasHardPunct(toks []text.Token, from, to int) bool {
	for k := from; k < to && k < len(toks); k++ {
		if hardPunct(toks[k]) && toks[k].Lower != "-" {
			return true
		}
	}
	return false
}

// auxiliaries follow a subject that opens a sentence: "The group had been …".
var auxiliaries = wordSet("was|were|had|has|have|is|are")

// casualtyVerbs tell, in the passive, who was struck.
var casualtyVerbs = wordSet("killed|injured|wounded|hurt|slain|maimed")

// casualtyHeads end a count of the dead that "including" breaks down.
var casualtyHeads = wordSet("people|persons|civilians|dead|victims|others|individuals|casualties")

// selfClaimVerbs introduce what a party says it did: "claiming to have
// killed".
var selfClaimVerbs = wordSet("claiming|claimed|claims|claim|saying|said|says")

// protestVerbs tell what a crowd did: their subject protested.
var protestVerbs = wordSet("demanded|demanding|chanted|chanting|marched|rallied|protested|denounced")

// describedSubject is the subject of the verb at token v: an actor named or
// described, or, past a pronoun, the subject of the sentence before.
func (d *docState) describedSubject(si, v int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if v >= 2 && (toks[v-1].Lower == "who" || toks[v-1].Lower == "which") && toks[v-2].Lower == "," {
		v -= 2 // "the militants, who were involved in"
	}
	from, to := d.npBefore(si, v)
	if from >= to {
		return ref{}, false
	}
	if to-from == 1 && (toks[from].Lower == "they" || personPronouns[toks[from].Lower]) {
		return d.previousSubject(si)
	}
	if a := d.attrib[si]; a != nil && a.resolved && a.speaker.typ != sitrep.Person && isActorType(a.speaker.typ) && memberNouns[toks[to-1].Lower] && ownedBySpeaker(toks, to-1) {
		return a.speaker, true // "the group said its affiliate was behind the attack"
	}
	if r, ok := d.agentRef(si, from, to); ok {
		return r, true
	}
	if hasWord(toks, from, to, victimOnlyNouns) || d.placeAt(si, toks[from].Start) || toks[to-1].Kind != text.Word {
		return ref{}, false
	}
	// "the eliminated individuals": people the report holds responsible,
	// told with an article and in the plural
	if from == 0 || !determiners[toks[from-1].Lower] || !strings.HasSuffix(toks[to-1].Lower, "s") || len(triggers[toks[to-1].Lower]) > 0 {
		return ref{}, false
	}
	return d.countedArg(si, from, to, sitrep.Group), true
}

// linkVerbs link a subject to what it is: "who remained involved".
var linkVerbs = wordSet("remained|remain|remains|became|become|becomes|seemed|appeared|was|were|is|are|been")

// intransitiveLoss reports "disappeared", "vanished" or "went missing"
// used without an object: its subject is the one who is gone.
func intransitiveLoss(toks []text.Token, h hit) bool {
	switch toks[h.tok].Lower {
	case "disappeared", "vanished", "went":
	default:
		return false
	}
	if toks[h.tok].Lower == "went" || h.end >= len(toks) {
		return true
	}
	next := toks[h.end]
	return next.Kind == text.Punct || npStop[next.Lower] || strings.HasSuffix(next.Lower, "ly")
}

// coordinatedSubject is who acted in the verb before the "and" at byte
// offset and: "police shot dead a man and arrested 50 others". It reads the
// whole sentence when only a part of it is being read.
func (d *docState) coordinatedSubject(si, and int) (ref, bool) {
	if d.whole != nil {
		part := d.rd.Sentences[si]
		d.rd.Sentences[si] = *d.whole
		defer func() { d.rd.Sentences[si] = part }()
	}
	toks := d.rd.Sentences[si].Tokens
	var r ref
	ok := false
	for _, v := range d.allTriggers(si) {
		if v.verbal && toks[v.tok].End < and && !d.passiveAt(toks, v.tok) {
			r, ok = d.subjectAt(si, v.tok)
		}
	}
	return r, ok
}

// clauseSubject reads the subject that opens the sentence, if the sentence
// opens on one: "Gunmen stormed …".
func (d *docState) clauseSubject(si int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for k := 1; k < len(toks) && k < 14; k++ {
		if ts := triggers[toks[k].Lower]; len(ts) > 0 && ts[0].verbal || lightVerbs[toks[k].Lower] || strikeVerbs[toks[k].Lower] {
			if personPronouns[toks[k-1].Lower] || toks[k-1].Lower == "they" {
				return ref{}, false // no name to carry over
			}
			return d.subjectAt(si, k)
		}
		if toks[k].Kind == text.Punct && toks[k].Lower != "-" {
			return ref{}, false
		}
	}
	return ref{}, false
}

// dateEndingAt returns the start of the date mention of sentence si ending
// at byte offset end, or -1.
func (d *docState) dateEndingAt(si, end int) int {
	s := d.rd.Sentences[si]
	for k := s.Dates[0]; k < s.Dates[1]; k++ {
		if m := d.rd.Dates[k]; m.End == end {
			return m.Start
		}
	}
	return -1
}
