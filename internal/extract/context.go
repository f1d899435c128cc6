package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/gazetteer"
	"sitrep/internal/text"
)

// Words that look like incidents in news that reports none: floods and
// road accidents that kill, a football "attack", a tennis "clash", an
// "attack" a country has not ruled out, an "arrest" a minister orders, a
// meeting of a mayor with traders. outOfScope filters them.

// disasterWords mark deaths and losses that no one inflicted.
var disasterWords = wordSet("flood|floods|flooding|flash|rains|rain|rainfall|monsoon|earthquake|quake|landslide|landslides|" +
	"avalanche|avalanches|storm|storms|cyclone|hurricane|typhoon|heatwave|accident|accidents|collision|collided|crash|crashes|crashed|" +
	"capsized|capsizing|drowned|drowning|blaze|cylinder|leak|short-circuit|stampede|collapsed|collapse|lightning|electrocuted|" +
	"dengue|cholera|virus|outbreak|epidemic|tanker|overturned|derailed|derailment|snowfall|glacier|wildfire|wildfires|" +
	"boiler|mine-collapse|smog|hailstorm|tornado|tsunami|volcano|mudslide|cloudburst|overdose|poisoning|suicide-note|" +
	"collapses|floodwaters|floodwater|swept|overturned|skidded|plunged|rickshaw|qingqi|dumper|trailer|reckless|recklessly|" +
	"speeding|ravine|gorge|cylinder|fire-fighters|firefighters|tremor|tremors|epicentre|epicenter|magnitude|heatstroke|crush|" +
	"hit-and-run|mud-sliding|sank|sunk|sinking|implosion|imploded|trapped")

// violenceWords mark that someone inflicted it after all.
var violenceWords = wordSet("gunmen|gunman|militants|militant|terrorists|terrorist|insurgents|bomb|bombing|suicide|" +
	"attackers|assailants|shot|shooting|gunfire|grenade|ied|explosive|explosives|kidnapped|abducted|rebels|troops|" +
	"airstrike|airstrikes|missile|missiles|drone|shelling|massacre|murdered|militia|jihadists|soldiers")

// bombNonEvents follow "bomb" in names of what is no explosion.
var bombNonEvents = wordSet("disposal|squad|scare|threat|threats|hoax|detection|proof|shelter|shelters|sniffer|sniffing")

// fireAccident reports a fire that broke out rather than one opened: "a
// fire broke out in a hotel", "the van caught fire".
func fireAccident(toks []text.Token) bool {
	for k := 0; k+1 < len(toks); k++ {
		w, n := toks[k].Lower, toks[k+1].Lower
		if (w == "fire" || w == "blaze") && (n == "broke" || n == "erupted" || n == "engulfed" || n == "gutted" || n == "spread") ||
			(w == "caught" || w == "catching" || w == "catches") && n == "fire" {
			return true
		}
	}
	return false
}

// disasterDoc reports a document about a disaster or an accident: its
// heading or several of its sentences name one and few name violence.
func (d *docState) disasterDoc() bool {
	if d.disaster != 0 {
		return d.disaster > 0
	}
	d.disaster = -1
	disaster, violence := 0, 0
	title := strings.Fields(text.Lower(d.rd.Doc.Title))
	for k, w := range title {
		w = strings.Trim(w, ",.:;'\"")
		if disasterWords[w] {
			disaster += 3 // the title says what the story is
		}
		if (w == "gas" || w == "methane") && k+1 < len(title) && !(k > 0 && title[k-1] == "tear") &&
			(strings.HasPrefix(title[k+1], "explosion") || strings.HasPrefix(title[k+1], "blast") || strings.HasPrefix(title[k+1], "leak")) {
			disaster += 4 // "Gas explosion claims two lives": the story is an accident
		}
	}
	for si, s := range d.rd.Sentences {
		for _, t := range s.Tokens {
			if disasterWords[t.Lower] || t.Lower == "tremor" || t.Lower == "tremors" || t.Lower == "epicentre" || t.Lower == "epicenter" {
				disaster++
				if si == 0 {
					disaster += 2 // the headline says what the story is
				}
			}
			if violenceWords[t.Lower] {
				violence++
			}
		}
	}
	if disaster >= 4 && disaster >= 2*violence {
		d.disaster = 1
	}
	return d.disaster > 0
}

// verbalClash reports a clash of words: "the justices clashed over the
// issue", "the leaders clashed over the cost of housing", in a sentence
// that names no force, no crowd and no harm ("protesters clashed with
// police over the fees" fought).
func verbalClash(toks []text.Token, h hit) bool {
	w := toks[h.tok].Lower
	if w != "clashed" && w != "clash" && w != "clashes" {
		return false
	}
	over := false
	for k := h.end; k < len(toks) && k < h.end+12; k++ {
		over = over || toks[k].Lower == "over" && k+1 < len(toks) && toks[k+1].Kind != text.Number // not "over 50 lives"
	}
	if !over {
		return false
	}
	for _, t := range toks {
		if forceOrHarm(t.Lower) || t.Lower == "deadly" || t.Lower == "lives" {
			return false
		}
	}
	return true
}

// forceOrHarm reports a word that names violence, harm, or a force or
// crowd that fights with its bodies: a sentence with one tells of a
// fight, not of words or of a meeting.
func forceOrHarm(w string) bool { return violenceWords[w] || harmWords[w] || crowdWords[w] }

// peacefulEncounter reports an "encounter with" someone that was a
// meeting: "his landmark encounter with the president in Alaska", "my
// encounter with a circus owner". Police and the press of South Asia call
// a shoot-out an encounter ("two robbers were injured in an encounter
// with police"); such a sentence names a force, an armed group or harm.
func peacefulEncounter(toks []text.Token, h hit) bool {
	if h.end-h.tok != 2 || toks[h.tok].Lower != "encounter" {
		return false
	}
	for _, t := range toks {
		if forceOrHarm(t.Lower) || armedWords[t.Lower] {
			return false
		}
	}
	return true
}

// armedWords name those whom police meet in a shoot-out.
var armedWords = wordSet("robbers|robber|dacoits|dacoit|criminals|criminal|outlaws|suspects|suspect|accused|khwarij|khawarij|kharijis|" +
	"insurgent|gangsters|gangster|bandits|bandit|personnel|policeman|cops|cop|ctd|rangers|levies|fc|security|injured|gunshot|weapons|arms")

// gasExplosion reports an explosion that gas or a machine caused: "a gas
// explosion at a coal mine", "an explosion caused by methane gas", "a
// transformer blast". No one set it off, unless the sentence says so.
func gasExplosion(toks []text.Token, h hit) bool {
	w := toks[h.tok].Lower
	if w != "explosion" && w != "explosions" && w != "blast" && w != "blasts" && w != "exploded" {
		return false
	}
	caused := false // "an explosion caused by methane gas", "due to gas accumulation"
	for k := max(0, h.tok-2); k < min(len(toks), h.tok+6); k++ {
		switch w := toks[k].Lower; w {
		case "caused", "due":
			caused = k > h.tok
		case "firecracker", "firecrackers", "fireworks":
			return true // "an explosion at a firecracker factory"
		case "gas", "methane", "transformer", "transformers", "pressure-cooker", "lpg", "cng":
			if k > 0 && toks[k-1].Lower == "tear" {
				continue // "tear gas"
			}
			if k < h.tok || caused {
				return true // not "a blast near a gas station"
			}
		}
	}
	return false
}

// crowdWords name forces and crowds that clash with their bodies.
var crowdWords = wordSet("police|policemen|forces|troops|army|protesters|protestors|demonstrators|supporters|workers|activists|" +
	"villagers|villages|residents|families|factions|tribesmen|tribes|students|mob|mobs|crowd|crowds|rioters|clans|groups|gangs|fighters|guards|" +
	"border|armed|fire|firing|stones|sticks|batons|tear")

// sportWords mark a report on sport, where teams attack, clash and strike.
var sportWords = wordSet("match|matches|tournament|innings|wicket|wickets|batsman|batter|bowler|bowling|seed|semi-final|" +
	"quarter-final|semifinal|quarterfinal|championship|league|trophy|goal|goals|striker|midfielder|defender|goalkeeper|" +
	"olympic|olympics|medal|medals|grand|slam|cricket|football|hockey|tennis|squash|boxing|fixture|runs|overs|t20|odi|test|" +
	"wrestling|athletics|marathon|kabaddi|snooker|polo|golf|rugby|badminton|volleyball|basketball|player|players|fifa|icc|pcb|" +
	"coach|captain|champion|champions|finals|scored|bowled|batting|fielding|spinner|pacer|stumps|sixes|fours|pitch|" +
	"victory|win|wins|won|defeat|defeated|title|points|game|games|season|club|liga|serie|premier|nba|nfl|atp|wta|fc|" +
	"net|penalty|midfield|forward|race|lap|podium|tee|innings|batted|umpire|referee|cup|squad|tournaments|series")

// sportShots are violence words sport writes too: a shot at goal.
var sportShots = wordSet("shot|shooting|attack|attacks|strike|strikes|bomb|suicide")

// sportTypes are the incident types sport reports borrow the words of.
func sportLike(typ string) bool {
	return typ == sitrep.Clash || typ == sitrep.ArmedAttack || typ == sitrep.Protest || typ == sitrep.Bombing || typ == sitrep.Visit ||
		typ == sitrep.Abduction // "picked up three wickets"
}

// sportsDoc reports a document about sport: several sport words and few
// of violence.
func (d *docState) sportsDoc() bool {
	if d.sports != 0 {
		return d.sports > 0
	}
	sport, violence := 0, 0
	for _, s := range d.rd.Sentences {
		for _, t := range s.Tokens {
			if sportWords[t.Lower] {
				sport++
			}
			if violenceWords[t.Lower] && !sportShots[t.Lower] {
				violence++
			}
		}
	}
	d.sports = -1
	if sport >= 4 && sport >= 2*violence {
		d.sports = 1
	}
	return d.sports > 0
}

// outOfScope reports a candidate that is no incident of the taxonomy: a
// disaster or accident, sport, a hypothetical or threatened attack, an
// arrest only ordered or demanded, a meeting that is not between
// governments or forces.
func (d *docState) outOfScope(si int, h hit, e *event) bool {
	toks := d.rd.Sentences[si].Tokens
	if d.sportsDoc() && sportLike(e.typ) {
		violent := false
		for _, t := range toks {
			if violenceWords[t.Lower] && !sportShots[t.Lower] {
				violent = true
			}
		}
		if !violent {
			return true
		}
	}
	if e.typ == sitrep.Clash && (verbalClash(toks, h) || peacefulEncounter(toks, h)) {
		return true
	}
	if e.typ == sitrep.Protest && hasWord(toks, 0, len(toks), wordSet("stampede|crush")) {
		return true // "a stampede at a political rally": a disaster, whatever the crowd gathered for
	}
	if e.typ != sitrep.Protest && e.typ != sitrep.Visit && e.typ != sitrep.Arrest {
		disaster, violence := d.disasterDoc(), false
		for k := range toks {
			w := toks[k].Lower
			if disasterWords[w] {
				disaster = true
			}
			if violenceWords[w] && !(w == "suicide" && k+1 < len(toks) && toks[k+1].Lower == "note") {
				violence = true
			}
			if (w == "strike" || w == "strikes" || w == "raid" || w == "raids") && k > 0 && (toks[k-1].Lower == "air" || toks[k-1].Lower == "aerial") {
				violence = true // "air strikes", whatever else collapsed
			}
		}
		if fireAccident(toks) || gasExplosion(toks, h) {
			disaster = true // "a fire broke out in a hotel", "the bus caught fire", "a gas explosion"
		}
		if disaster && !violence {
			return true // "killed in a road accident", "went missing after flash floods"
		}
	}
	// "Sections 302 (murder), 376 (rape)": the charges of a case
	for k := max(0, h.tok-3); k < h.tok; k++ {
		if w := toks[k].Lower; w == "section" || w == "sections" || w == "ppc" || w == "act" && toks[k].Capitalised(d.text) {
			return true
		}
	}
	// "a ballistic missile programme", "nuclear bomb testing": the weapon, not its use
	if e.typ == sitrep.Bombing && !h.verbal && !actNouns[toks[h.end-1].Lower] && weaponUseFollows(toks, h.end) &&
		!hasWord(toks, h.end, min(len(toks), h.end+4), wordSet("killed|killing|hit|struck|landed|fell")) {
		return true
	}
	// "North Korea fired a ballistic missile towards the sea", "oversaw the
	// test-firing of two missiles": a launch that hit no one and nothing
	if e.typ == sitrep.Bombing && weaponTest(toks) && !hasWord(toks, 0, len(toks), harmWords) && !hasWord(toks, 0, len(toks), injureWords) {
		return true
	}
	// "the bomb disposal squad", "a bomb scare": no bomb went off
	if h.end < len(toks) && (toks[h.tok].Lower == "bomb" || toks[h.tok].Lower == "bombs") && bombNonEvents[toks[h.end].Lower] {
		return true
	}
	if h.tok > 0 && (toks[h.tok-1].Lower == "nuclear" || toks[h.tok-1].Lower == "atomic") {
		return true
	}
	// "denied permission to hold a rally": none was held
	if e.typ == sitrep.Protest && hasWord(toks, max(0, h.tok-12), h.tok, wordSet("permission|allowed|ban|banned|barred|prevented")) {
		return true
	}
	// "ready for talks with India", "open to meeting Iran's leaders": an offer, not a meeting
	if e.typ == sitrep.Visit && hasWord(toks, max(0, h.tok-4), h.tok, wordSet("ready|willing|offer|offered|offers|open|seek|seeks|sought|want|wants|wanted|urged|invitation|invited")) {
		return true
	}
	// "sentenced to death for murder", "the judicial complex attack case": a
	// charge or a case, not the report of an incident
	if !h.verbal {
		if hasWord(toks, max(0, h.tok-10), h.tok, legalWords) {
			return true
		}
		if h.end < len(toks) && caseWords[toks[h.end].Lower] {
			return true
		}
		// "his martyrdom anniversary", "the attack's anniversary": a remembrance day
		if h.end < len(toks) && (toks[h.end].Lower == "anniversary" || toks[h.end].Lower == "anniversaries") {
			return true
		}
		// "30 nationals held abroad for illegal entry, trafficking and murder":
		// the charges of people held, not incidents; "held for the murder of
		// his wife" tells the murder
		victimNamed := h.end < len(toks) && (toks[h.end].Lower == "of" || determiners[toks[h.end].Lower] || toks[h.end].Kind == text.Number)
		for k := h.tok - 1; k >= max(1, h.tok-10) && !victimNamed; k-- {
			if toks[k].Lower == "for" && hasWord(toks, max(0, k-4), k, heldWords) {
				return true
			}
			if hardPunct(toks[k]) && toks[k].Lower != "," {
				break
			}
		}
	}
	// "has not ruled out an attack", "the threat of attacks", "warned of
	// strikes", "the prospect of a strike", "any strike on Iran"; a bomber
	// someone prevented from entering a school was there
	if last := h.words[len(h.words)-1]; last != "bomber" && last != "bombers" {
		for k := max(0, h.tok-5); k < h.tok; k++ {
			if hypothetical[toks[k].Lower] {
				return true
			}
		}
	}
	// "an attack by an explosives-laden boat was thwarted": it did not happen
	for k := h.end; k+1 < len(toks) && k < h.end+10; k++ {
		if (toks[k].Lower == "was" || toks[k].Lower == "were" || toks[k].Lower == "been") && thwartedWords[toks[k+1].Lower] {
			return true
		}
		if hardPunct(toks[k]) && toks[k].Lower != "-" {
			break
		}
	}
	// "if they intend to visit", "whether the attack was planned"
	if hasWord(toks, 0, h.tok, wordSet("if|unless|whether")) {
		return true
	}
	// "ordered the arrest of the culprits", "demanded the arrest"
	if e.typ == sitrep.Arrest && !h.verbal {
		for k := max(0, h.tok-4); k < h.tok; k++ {
			switch toks[k].Lower {
			case "ordered", "order", "orders", "demanded", "demand", "demands", "demanding", "called", "calls", "calling", "sought",
				"seek", "seeks", "directed", "urged", "urges", "requested", "request", "warrant", "warrants", "for",
				"evade", "evading", "evaded", "avoid", "avoiding", "avoided", "escape", "escaping", "escaped", "dodge", "dodging",
				"facing", "face", "faces": // "jumped to evade arrest", "facing arrest": none was made
				return true
			}
		}
	}
	if e.typ == sitrep.Visit && !d.betweenGovernments(si, h) && !d.visitToIncident(si, h) {
		return true
	}
	return d.figurative(si, h, e) || d.routine(si, h, e)
}

// figurative reports an incident word used for something else: a charge
// number's gloss ("302 (murder)"), a word in quotation marks (the
// opposition called the bill an "attack" on a minority), a missile named
// by its limits or launched at no one, a conditional threat to protest,
// talks that stopped, troops that "arrived" (a deployment, not a visit).
func (d *docState) figurative(si int, h hit, e *event) bool {
	toks := d.rd.Sentences[si].Tokens
	// "Sections 201 and 302 (premeditated murder)", "murder (Section
	// 302)": the gloss of a charge
	for k := h.tok - 1; k >= max(1, h.tok-3); k-- {
		if toks[k].Lower == "(" && toks[k-1].Kind == text.Number {
			return true
		}
	}
	if h.end+1 < len(toks) && toks[h.end].Lower == "(" && (toks[h.end+1].Lower == "section" || toks[h.end+1].Kind == text.Number) {
		return true
	}
	// "an attack on the Constitution", "an assault on democracy", "attacked
	// institutions for political gain", "attacked the land laws"
	if !h.verbal && h.end+1 < len(toks) && toks[h.end].Lower == "on" && hasWord(toks, h.end+1, min(len(toks), h.end+4), abstractTargets) ||
		h.words[0] == "attacked" && hasWord(toks, h.end, min(len(toks), h.end+3), abstractTargets) {
		return true
	}
	// "firing more than 9,500 workers": a dismissal
	if h.words[0] == "firing" {
		for k := h.end; k < len(toks) && k < h.end+5; k++ {
			if aimedAt[toks[k].Lower] {
				break
			}
			if jobHolders[toks[k].Lower] {
				return true
			}
		}
	}
	// "the martyrdom of Imam Husain": a holy day's remembrance
	if hasWord(toks, 0, len(toks), sacredHistory) && (h.words[0] == "martyrdom" || h.words[0] == "martyred") {
		return true
	}
	// "air raid sirens", "rocket alerts": warnings, not the attack
	if h.end < len(toks) && warnings[toks[h.end].Lower] {
		return true
	}
	// "strike down the law", "strike at the very foundation of": a verb of argument
	if h.words[0] == "strike" && len(h.words) == 1 && h.end+1 < len(toks) && (toks[h.end].Lower == "down" ||
		toks[h.end].Lower == "at" && hasWord(toks, h.end+1, min(len(toks), h.end+5), argumentObjects)) {
		return true
	}
	if violentType(e.typ) && !h.verbal && h.tok > 0 && h.end < len(toks) && quoteTokens[toks[h.tok-1].Lower] && quoteTokens[toks[h.end].Lower] {
		return true // an "attack" in quotation marks: someone's word for it (a "long march" is the protest's name)
	}
	if e.typ == sitrep.Bombing && !h.verbal {
		if hasWord(toks, 0, len(toks), spaceflight) {
			return true // "Starship is the most powerful rocket": a launcher into space
		}
		if hasWord(toks, max(0, h.tok-5), h.tok, weaponLimits) {
			return true // "curbs on its ballistic missiles"
		}
		// "fired multiple ballistic missiles on Monday": a launch, with no
		// target and no harm told
		if hasWord(toks, max(0, h.tok-2), h.tok, longRange) && !aimed(toks, h.end) && !hasWord(toks, 0, len(toks), harmWords) {
			return true
		}
	}
	// "hid under vehicles to escape being arrested": it did not happen
	if h.verbal && avoided(toks, h.tok) {
		return true
	}
	// "arrested a long run of poor form", "arrest the decline": halted, no one held
	if e.typ == sitrep.Arrest && h.words[0] != "detained" && haltsThing(toks, h.end) {
		return true
	}
	// "voices are rising, questioning who killed the activist": a question
	// about a killing the sentence gives no day or place of
	if sent := d.rd.Sentences[si]; h.verbal && h.tok >= 2 && toks[h.tok-1].Lower == "who" && askWords[toks[h.tok-2].Lower] &&
		sent.Dates[0] == sent.Dates[1] && sent.Places[0] == sent.Places[1] {
		return true
	}
	// "“I myself was arrested under a fake case,” he said": a speaker's
	// own past with no day or place of its own is a grievance, not a report
	if sent := d.rd.Sentences[si]; sent.Dates[0] == sent.Dates[1] && sent.Places[0] == sent.Places[1] && firstPerson(toks, h.tok) {
		return true
	}
	if e.modality == sitrep.Planned && (e.typ == sitrep.Protest || e.typ == sitrep.Visit) {
		// "vowed to hold a protest if their demand is not met", "release
		// the funds by April 30, or he will march on Islamabad": a threat
		if hasWord(toks, h.end, len(toks), conditions) {
			return true
		}
		for k := max(0, h.tok-5); k+1 < h.tok; k++ {
			if toks[k].Lower == "or" && (futureWords[toks[k+1].Lower] || personPronouns[toks[k+1].Lower] || toks[k+1].Lower == "they" || toks[k+1].Lower == "we") {
				return true
			}
		}
	}
	if e.typ == sitrep.Visit {
		// "cancelled its planned visit", "postponed a trip to Europe"
		if hasWord(toks, max(0, h.tok-4), h.tok, calledOff) {
			return true
		}
		// "a delegation from a university visited the institute": no government
		if hasWord(toks, max(0, h.tok-15), h.tok, privateVisitors) && !hasWord(toks, max(0, h.tok-15), h.tok, armedServices) {
			return true
		}
		// "hold talks with the protesters", "met with traders": no government on the other side
		if (h.words[0] == "talks" || h.words[0] == "met" || h.words[0] == "meeting") &&
			hasWord(toks, h.end, min(len(toks), h.end+4), nonStateParties) {
			return true
		}
		// "trade talks with Canada were terminated", "peace talks are on pause"
		if h.words[0] == "talks" && hasWord(toks, h.end, min(len(toks), h.end+8), stalledWords) {
			return true
		}
		// "Indian forces arrived in Srinagar": troops deployed, no visit
		if h.tok > 0 && h.words[0] == "arrived" && forceNouns[toks[h.tok-1].Lower] {
			return true
		}
	}
	return false
}

// routine reports police work and celebrations that borrow incident words:
// a raid on a spa or a call centre in which no one is hurt, a fear
// "apprehended", a rally that celebrates.
func (d *docState) routine(si int, h hit, e *event) bool {
	toks := d.rd.Sentences[si].Tokens
	if h.words[0] == "apprehended" && h.end < len(toks) && (toks[h.end].Lower == "that" || hasWord(toks, h.end, min(len(toks), h.end+3), triggerNouns)) {
		return true // "the source apprehended that…", "apprehended his arrest": feared
	}
	if e.typ == sitrep.ArmedAttack && (h.words[0] == "raid" || h.words[0] == "raided" || h.words[0] == "raids") &&
		hasWord(toks, 0, len(toks), lawEnforcers) && hasWord(toks, 0, len(toks), policeWork) && !hasWord(toks, 0, len(toks), violenceWords) &&
		!hasWord(toks, 0, len(toks), killWords) && !hasWord(toks, 0, len(toks), injureWords) && !hasWord(toks, 0, len(toks), abuseWords) {
		return true // a search by the police or an anti-corruption team: an arrest if anyone is held, no attack
	}
	if e.typ == sitrep.Protest && hasWord(toks, 0, len(toks), celebrations) {
		return true // "a rally was taken out to celebrate the birthday"
	}
	if e.typ == sitrep.Protest && h.plural && hasWord(toks, 0, h.tok, appeals) {
		return true // "appealed to the diaspora to observe the day through peaceful protests": a call
	}
	if e.typ == sitrep.ArmedAttack && hasWord(toks, 0, len(toks), animals) {
		return true // "a lion escaped … before being shot dead by a guard", "shot by his pet dog"
	}
	if e.typ != sitrep.Arrest && e.typ != sitrep.Protest && e.typ != sitrep.Visit && d.animalDoc() &&
		(hasWord(toks, 0, len(toks), animals) || hasWord(toks, 0, len(toks), livestock)) &&
		!hasWord(toks, 0, len(toks), violenceWords) && !hasWord(toks, 0, len(toks), crowdWords) && !hasWord(toks, 0, len(toks), humanRaiders) {
		return true // under "Leopard mauls boy": "the leopard snatched a girl … her body was found"
	}
	if ritualFire(toks, h) {
		return true // "it was time to set ablaze the Holika pyre", "protesters set tyres ablaze": no one's property burnt
	}
	return false
}

// ritualFire reports a burning that harms no one: an effigy, a festival
// pyre or bonfire, tyres burnt in a street protest. The burnt thing is
// the object after "set fire to", "set ablaze", "torched", or the subject
// before "burned down".
func ritualFire(toks []text.Token, h hit) bool {
	if !arsonWords[h.words[0]] {
		return false
	}
	if h.words[len(h.words)-1] == "down" {
		return hasWord(toks, max(0, h.tok-5), h.tok, burntHarmlessly)
	}
	return hasWord(toks, h.end, min(len(toks), h.end+5), burntHarmlessly)
}

// arsonWords open the triggers of arson: "set fire", "set ablaze",
// "torched", "burned down", "burnt down".
var arsonWords = wordSet("set|torched|burned|burnt")

// burntHarmlessly are burnt as a rite or a protest, not as an attack: an
// effigy, a pyre or bonfire (Holika's at Holi, Ravana's at Dussehra, the
// Lohri fire), tyres in a street.
var burntHarmlessly = wordSet("effigy|effigies|pyre|pyres|bonfire|bonfires|holika|holi|ravana|ravan|lohri|tyres|tires|tyre|tire")

// avoided reports an incident that someone fled or feared, so that it did
// not happen: "to escape being arrested", "fearing being abducted", "to
// avoid getting killed".
func avoided(toks []text.Token, at int) bool {
	k := at - 1
	for k >= 0 && strings.HasSuffix(toks[k].Lower, "ly") {
		k--
	}
	if k < 1 || toks[k].Lower != "being" && toks[k].Lower != "getting" {
		return false
	}
	return avoidWords[toks[k-1].Lower] || k >= 2 && toks[k-1].Lower == "of" && avoidWords[toks[k-2].Lower]
}

// haltsThing reports an object of "arrest", from token at, that names no
// one but a course of things: "a long run of poor form", "the decline of
// the rupee". The object ends at a preposition other than "of".
func haltsThing(toks []text.Token, at int) bool {
	for k := at; k < len(toks) && k < at+7; k++ {
		w := toks[k].Lower
		if haltedThings[w] {
			return true
		}
		if hardPunct(toks[k]) || w == "," || w != "of" && npStop[w] {
			return false
		}
	}
	return false
}

// haltedThings are what "arrest" halts when it holds no one.
var haltedThings = wordSet("form|slide|slump|decline|fall|rot|streak|trend|momentum|drop|deterioration|spread|erosion|" +
	"downturn|downfall|losses|outflow|outflows|inflation|depreciation")

// askWords open an indirect question: "asked who killed him".
var askWords = wordSet("question|questions|questioning|questioned|ask|asks|asking|asked|wonder|wonders|wondering|wondered|" +
	"know|knows|knew|unclear|unknown|tell|explain|investigate|investigating")

// avoidWords keep what follows from happening.
var avoidWords = wordSet("avoid|avoids|avoiding|avoided|escape|escapes|escaping|escaped|evade|evades|evading|evaded|dodge|dodging|" +
	"fear|fears|feared|fearing|risk|risks|risking|prevent|prevents|preventing|prevented|afraid|scared|terrified|without")

// firstPerson reports an incident word whose subject is the speaker:
// "I was arrested", "I myself was tortured", "we were detained".
func firstPerson(toks []text.Token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-4; k-- {
		switch toks[k].Lower {
		case "i", "we":
			return true
		case "was", "were", "been", "myself", "ourselves", "had", "have", "also", "once", "even":
			continue
		}
		return false
	}
	return false
}

// argumentObjects are struck at in argument: "strike at the foundation of".
var argumentObjects = wordSet("foundation|foundations|heart|root|roots|core|spirit")

// conditions after a planned protest make it a threat.
var conditions = wordSet("if|unless|otherwise")

// calledOff before a visit say it will not take place.
var calledOff = wordSet("cancelled|canceled|postponed|deferred|scrapped|called|cancel|postpone|cut")

// appeals before protests make them a call to action.
var appeals = wordSet("appealed|appeal|appeals|urged|urges|exhorted|asked")

// abstractTargets are what an "attack" in politics is made on.
var abstractTargets = wordSet("constitution|democracy|judiciary|freedom|freedoms|rights|liberty|liberties|independence|institutions|" +
	"values|dignity|integrity|reputation|character|credibility|autonomy|federation|federalism|economy|mandate|press|speech|law|" +
	"laws|policy|policies|decision|decisions|remarks|narrative|budget|bill|legislation")

// jobHolders are who is fired from a post.
var jobHolders = wordSet("workers|employees|staff|staffers|officials|executives|coach|manager|managers|ceo|director|directors|" +
	"chief|commissioner|prosecutors|inspectors|teachers|leaders|generals|admirals|commanders|judges|ministers|aides|advisers|advisors")

// sacredHistory names the martyrs of religious history.
var sacredHistory = wordSet("imam|hazrat|karbala|ashura|muharram|chehlum|arbaeen")

// privateVisitors come for no government: academics, business, tourists.
var privateVisitors = wordSet("university|universities|college|colleges|students|scholars|academics|rectors|professors|chamber|" +
	"company|companies|firm|firms|investors|business|businessmen|traders|tourists|pilgrims|artists|athletes|players|alumni|" +
	"ceo|executive|billionaire|entrepreneur|entrepreneurs")

// nonStateParties are who officials meet without meeting a government.
var nonStateParties = wordSet("protesters|protestors|demonstrators|strikers|traders|students|families|relatives|residents|villagers|" +
	"elders|lawyers|doctors|farmers|workers|journalists|reporters|businessmen|investors|youth|activists|victims")

// armedServices make a college or university a force's own.
var armedServices = wordSet("police|army|military|defence|defense|navy|naval|forces|war|staff")

// warnings after an attack noun: "air raid sirens".
var warnings = wordSet("siren|sirens|shelter|shelters|warning|warnings|alert|alerts|drill|drills")

// quoteTokens open or close a quotation.
var quoteTokens = wordSet("\"|“|”|‘|’|'")

// weaponLimits before a weapon say it is regulated, not used.
var weaponLimits = wordSet("curbs|curb|limits|limit|restrictions|restriction|caps|cap|ban|banning|freeze|moratorium|stockpiles")

// spaceflight words make a rocket a space launcher.
var spaceflight = wordSet("spacex|starship|spacecraft|satellite|satellites|orbit|orbital|nasa|astronaut|astronauts|lunar|moon|mars|" +
	"launchpad|cosmonaut|cosmonauts")

// longRange weapons are launched in tests and shows of force.
var longRange = wordSet("ballistic|cruise|hypersonic|intercontinental|long-range|medium-range|short-range|nuclear-capable")

// aimedAt after a weapon says what it was fired at.
var aimedAt = wordSet("at|on|into|towards|toward|against|hit|hitting|struck|striking|landed|targeting|targeted")

// aimed reports a target named after a weapon: "at Israel", "on the
// city" (not "on Monday").
func aimed(toks []text.Token, from int) bool {
	for k := from; k < len(toks) && k < from+6; k++ {
		if aimedAt[toks[k].Lower] {
			return toks[k].Lower != "on" || k+1 < len(toks) && !calendarWords[toks[k+1].Lower]
		}
	}
	return false
}

// harmWords tell that someone was harmed or something hit.
var harmWords = wordSet("killed|killing|dead|died|injured|wounded|casualties|damage|damaged|destroyed|hit|struck|intercepted")

// stalledWords after "talks" say they are not being held.
var stalledWords = wordSet("terminated|suspended|paused|pause|stalled|frozen|collapsed|cancelled|canceled|postponed|deadlocked|ended")

// forceNouns are troops, whose arrival is a deployment.
var forceNouns = wordSet("forces|troops|soldiers|army|militants|fighters|personnel|contingent|contingents|rangers|paramilitaries|police|policemen")

// triggerNouns an incident is feared as: "apprehended his arrest".
var triggerNouns = wordSet("arrest|detention|attack|action|abduction|kidnapping|disappearance|raid|that|victimisation")

// lawEnforcers are the police and the bodies that search and seize.
var lawEnforcers = wordSet("police|policemen|ace|fia|anf|excise|customs|anti-corruption|anti-narcotics|magistrate|administration|" +
	"cops|officers|sho|shos|sp|dsp|ssp|inspector|officials|team|authorities|court|judge")

// abuseWords make a raid a matter of rights, whatever was seized.
var abuseWords = wordSet("abuse|abuses|abusive|executions|extrajudicial|brutality|excessive|deadly|lethal|violence|violent|" +
	"harassed|harassment|ransacked|vandalised|vandalized|beat|beaten|dragged")

// policeWork is what a search for a crime finds or seizes.
var policeWork = wordSet("recovered|recovery|seized|seizure|confiscated|sealed|booked|fir|illegal|illegally|fraud|gambling|drugs|" +
	"narcotics|hashish|heroin|charas|liquor|smuggled|smuggling|contraband|spa|spas|brothel|hoarders|hoarding|counterfeit|" +
	"adulterated|encroachments|bribe|corruption|embezzlement")

// animals shot or shooting by accident are no incident.
var animals = wordSet("lion|lioness|tiger|leopard|bear|dog|dogs|pet|cattle|animal|animals|wolf|jackal|snake|crocodile|elephant|" +
	"deer|boar|stray|leopards|wolves|jackals|hyena|hyenas|monkeys|rabid")

// animalDoc reports a document whose title tells of animals: "Stray dogs
// kill 19 goats", "Leopard mauls teenage boy".
func (d *docState) animalDoc() bool {
	if d.animals != 0 {
		return d.animals > 0
	}
	d.animals = -1
	for _, w := range strings.Fields(text.Lower(d.rd.Doc.Title)) {
		if w = strings.Trim(w, ",.:;'\"‘’“”"); animals[w] || animals[singular(w)] || livestock[w] {
			d.animals = 1
			break
		}
	}
	return d.animals > 0
}

// humanRaiders take or harm livestock: then people did it.
var humanRaiders = wordSet("settlers|settler|raiders|thieves|robbers|dacoits|bandits|stole|stolen|steal|looted")

// livestock are animals harmed, not people.
var livestock = wordSet("goat|goats|sheep|camel|camels|cow|cows|buffalo|buffaloes|livestock|donkey|donkeys|horse|horses|poultry")

// celebrations make a rally a festivity, not a protest.
var celebrations = wordSet("celebrate|celebrated|celebrating|celebration|celebrations|milad|festival|festivities|birthday|jubilee|" +
	"awareness|marathon|cycling")

// visitToIncident reports officials going to the scene of an incident or
// to its victims: "the president will visit the scene and meet survivors".
func (d *docState) visitToIncident(si int, h hit) bool {
	toks := d.rd.Sentences[si].Tokens
	if !hasWord(toks, max(0, h.tok-10), h.tok, officialWords) {
		return false
	}
	for k := h.end; k < len(toks) && k < h.end+8; k++ {
		switch toks[k].Lower {
		case "scene", "survivors", "victims", "wounded", "injured", "bereaved":
			return true
		case ".", ";":
			return false
		}
	}
	return false
}

// hypothetical words before a trigger say the incident did not happen.
var hypothetical = wordSet("ruled|rule|threat|threats|threatened|threatens|warned|fear|fears|feared|risk|possibility|idea|prevent|preventing|avoid|avoiding|" +
	"prevented|foiled|thwarted|averted|avert|deter|any|prospect|prospects|interest|halt|stop|pause|against")

// thwartedWords after an incident noun say it never took place.
var thwartedWords = wordSet("thwarted|foiled|averted|prevented|aborted")

// legalWords before an incident noun make it a charge: "convicted of murder".
var legalWords = wordSet("sentenced|convicted|acquitted|indicted|booked|conviction|acquittal|bail|remand|fir|verdict|punishment|sections|section|trial|trials|" +
	"charges|charged|offences|offence|wanted|fugitives")

// heldWords before "for" make what follows a charge: "arrested for murder".
var heldWords = wordSet("held|arrested|detained|jailed|imprisoned|deported|nabbed|apprehended|convicted|sentenced|executed|hanged|" +
	"extradited|prosecuted|tried|wanted|booked")

// caseWords after an incident noun make it the name of a case.
var caseWords = wordSet("case|cases|trial|trials|hearing|hearings|verdict|suspect|suspects|accused|convict|convicts|reference|references")

// weaponTest reports a sentence about a weapon's test, display or launch
// into empty space: "test-fired", "the successful test of a missile",
// "showcased its latest missile", "towards the sea", "the projectiles
// flew about 350 km". Not "the most serious test of a ceasefire".
func weaponTest(toks []text.Token) bool {
	for k, t := range toks {
		switch t.Lower {
		case "test-fired", "test-firing", "test-fire", "test-launch", "test-launched", "showcased", "unveiled":
			return true
		case "test", "tests", "tested", "testing":
			if k > 0 && (weaponNouns[toks[k-1].Lower] || toks[k-1].Lower == "successful" || toks[k-1].Lower == "successfully") ||
				k+2 < len(toks) && toks[k+1].Lower == "of" && hasWord(toks, k+2, min(len(toks), k+6), weaponNouns) {
				return true
			}
		case "flew":
			if k+2 < len(toks) && (toks[k+1].Kind == text.Number || toks[k+2].Kind == text.Number && approxWords[toks[k+1].Lower]) {
				return true
			}
		case "sea":
			if k >= 2 && toks[k-1].Lower == "the" && (toks[k-2].Lower == "into" || toks[k-2].Lower == "towards" || toks[k-2].Lower == "toward") {
				return true
			}
		}
	}
	return false
}

// weaponNouns name what is tested.
var weaponNouns = wordSet("missile|missiles|rocket|rockets|weapon|weapons|nuclear|ballistic|cruise|hypersonic|warhead|launcher|drone|drones|torpedo|interceptor")

// approxWords come before a rough figure: "about 350 km".
var approxWords = wordSet("about|some|nearly|around|roughly|approximately|over|almost")

// actNouns name an act of bombing, never the weapon: "strikes on
// military sites" hit the sites.
var actNouns = wordSet("strike|strikes|airstrike|airstrikes|attack|attacks|raid|raids|bombing|bombings|shelling|bombardment|bombardments")

// weaponUseFollows reports one of weaponUses within four words after
// token i, before any preposition: "missile test sites", not "missiles
// fired at launch sites".
func weaponUseFollows(toks []text.Token, i int) bool {
	for k := i; k < min(len(toks), i+4); k++ {
		if weaponUses[toks[k].Lower] {
			return true
		}
		if locativePreps[toks[k].Lower] || toks[k].Lower == "against" || toks[k].Lower == "targeting" {
			return false
		}
	}
	return false
}

// weaponUses follow a weapon noun that names a weapon, not an attack.
var weaponUses = wordSet("programme|program|programs|programmes|capability|capabilities|test|tests|testing|system|systems|" +
	"technology|technologies|defence|defense|factory|factories|industry|arsenal|arsenals|stockpile|launcher|launchers|production|" +
	"development|deal|deals|sale|sales|exports|shield|interceptor|interceptors|range|ranges|site|sites")

// officialWords name people who speak for governments and forces.
var officialWords = wordSet("minister|ministers|president|premier|prime|ambassador|envoy|delegation|king|prince|crown|" +
	"secretary|foreign|counterpart|commander|general|chief|army|military|high|commissioner|emir|sultan|chancellor|" +
	"governor|vice|deputy|speaker|cjcsc|coas|admiral|marshal|consul|diplomat|diplomats|officials|government|sheikh")

// betweenGovernments reports a visit or meeting between governments or
// forces of two countries: a visit to a foreign country, or a meeting with
// an official of another country than the visitor's.
func (d *docState) betweenGovernments(si int, h hit) bool {
	toks := d.rd.Sentences[si].Tokens
	if !hasWord(toks, 0, len(toks), officialWords) && !d.hasStateActor(si) {
		return false
	}
	// who travels must speak for a government: "84 pilgrims arrived" is no visit
	if h.verbal && !hasWord(toks, max(0, h.tok-10), h.tok, officialWords) && !d.stateActorBefore(si, h.tok) {
		return false
	}
	home := d.homeCountry(si)
	s := d.rd.Sentences[si]
	if home == "" {
		// nothing says where the report is from: a meeting may be with
		// anyone, a journey abroad names where it went
		return s.Places[1] > s.Places[0] || h.words[0] != "visit" && h.words[0] != "visited" && h.words[0] != "trip"
	}
	first := ""
	if len(h.words) > 0 {
		first = h.words[0]
	}
	meeting := !h.verbal && first != "visit" && first != "trip" || first == "met" || first == "held"
	for _, p := range d.rd.Places[s.Places[0]:s.Places[1]] {
		if !meeting && !p.Demonym && p.Entry.Kind == gazetteer.Country && p.Start > s.Tokens[h.tok].Start && tokenIndex(s.Tokens, p.Start) <= h.end+3 &&
			!d.demonymBefore(si, h.tok, p.Entry.Country) {
			// "on a visit to the United Arab Emirates" in a report
			// datelined there; not "the Philippine president will visit
			// the southern Philippines"
			return true
		}
		if p.Entry.Country == "" || p.Entry.Country == home || d.inDateline(p) {
			continue
		}
		if p.Demonym && d.officialNear(si, p.End) {
			return true // "the Saudi vice minister", "Jordanian Minister"
		}
		if !meeting && !p.Demonym && d.foreignPlace(p) {
			return true // a journey abroad
		}
	}
	for _, m := range d.actorsIn(si) {
		if a, ok := d.x.kb.Get(m.ID); ok && a.Country != "" && a.Country != home &&
			(a.Type == sitrep.Country || a.Type == sitrep.Government || a.Type == sitrep.StateForce) {
			return true
		}
	}
	return false
}

// foreignPlace reports a place abroad that a journey can go to: a country,
// or a place whose country the text names again. A lone foreign town in a
// report from home is mostly a homonym of a local name ("the DC office",
// "the Sui area"), and a nationality ("Indian aggression") is no
// destination.
func (d *docState) foreignPlace(p gazetteer.Mention) bool {
	return p.Entry.Kind == gazetteer.Country || d.countryCounts()[p.Entry.Country] >= 2
}

// demonymBefore reports a nationality of country cc before token i: the
// visitor's own country.
func (d *docState) demonymBefore(si, i int, cc string) bool {
	s := d.rd.Sentences[si]
	for _, p := range d.rd.Places[s.Places[0]:s.Places[1]] {
		if p.Demonym && p.Entry.Country == cc && p.Start < s.Tokens[i].Start {
			return true
		}
	}
	return false
}

// officialNear reports an official word right after a byte offset: a
// demonym that says whose official it is.
func (d *docState) officialNear(si, off int) bool {
	toks := d.rd.Sentences[si].Tokens
	k := tokenIndex(toks, off)
	return hasWord(toks, k, min(len(toks), k+4), officialWords)
}

// stateActorBefore reports a government, state force or country named
// before token i: the one who travels.
func (d *docState) stateActorBefore(si, i int) bool {
	toks := d.rd.Sentences[si].Tokens
	for _, m := range d.actorsIn(si) {
		if m.Start < toks[i].Start && (m.Type == sitrep.Country || m.Type == sitrep.Government || m.Type == sitrep.StateForce) {
			return true
		}
	}
	return false
}

// hasStateActor reports a government, state force or country named in the sentence.
func (d *docState) hasStateActor(si int) bool {
	for _, m := range d.actorsIn(si) {
		if m.Type == sitrep.Country || m.Type == sitrep.Government || m.Type == sitrep.StateForce {
			return true
		}
	}
	return false
}

// homeCountry is the country a report is written from: the dateline's,
// else the one the places of its other sentences lie in most; "" when
// nothing tells.
func (d *docState) homeCountry(si int) string {
	if dl, _ := d.dateline(); dl != nil {
		return dl.Entry.Country
	}
	s := d.rd.Sentences[si]
	n := map[string]int{}
	for k, p := range d.rd.Places {
		if k >= s.Places[0] && k < s.Places[1] {
			continue
		}
		n[p.Entry.Country]++
	}
	best := ""
	for cc, c := range n {
		if cc != "" && (best == "" || c > n[best] || c == n[best] && cc < best) {
			best = cc
		}
	}
	return best
}
