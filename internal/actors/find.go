package actors

import (
	"strings"
	"sync"

	"sitrep"
	"sitrep/internal/text"
)

// Mention is a span of text naming an actor.
type Mention struct {
	Start, End int // UTF-8 byte offsets
	Text       string
	// ID is the canonical actor id. For a name the knowledge base lacks it
	// is NormalID of the name (never empty), so that every mention of one
	// unknown actor, and the acronym the text defines for it, share an id.
	ID    string
	Type  string // actor type (sitrep.Person, sitrep.ArmedGroup, …)
	Known bool   // from the knowledge base (true) or recognised from the text (false)
	// Affiliation is the id of the organisation the text ties a person to
	// ("BNM chief Naseem Baloch", "Naseem Baloch, chairman of the BNM").
	Affiliation string
}

// scratch is per-call working memory, pooled to keep Find allocation-light.
type scratch struct {
	toks     []tok
	taken    []bool
	headline []bool   // the token stands in a line written in title case
	spans    [][2]int // token range of each mention in out
	defs     []acrDef
}

type acrDef struct {
	sig string
	key uint64
	m   int // index of the defining mention
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Find returns every actor mention in s, in text order, without overlaps:
//
//  1. aliases of the knowledge base, longest first. Acronyms ("IS",
//     "ISKP", "LeT") must be written as listed in mixed-case text; in
//     ALL-CAPS text everything matches case-insensitively except acronyms
//     of one or two letters and single names that are common words.
//  2. a country or its adjective plus a force noun: "Pakistani army",
//     "Pakistan's military", "Iranian security forces", "Afghan police",
//     "Islamabad government". The id is <country id>-<class>, class one of
//     military, police, intelligence, government: "pakistan-military".
//  3. described armed groups: a capitalised qualifier and a group noun
//     ("Muslim extremists", "Iran-backed militia", "pro-government militia").
//  4. names the knowledge base lacks (mixed-case text only): persons of two
//     to four capitalised words or one after a title, and organisations
//     ending in a head word ("… Movement", "… Bar Association") or opening
//     with one ("Committee for …", "Voice for …").
//  5. acronyms the text defines: "Coastal Families Forum (CFF)" makes
//     later "CFF" the same actor; in ALL-CAPS text a definition is read
//     from the initials of the words before the parenthesis.
//  6. a person named earlier in full and later by surname only.
//
// Persons' spans leave out titles ("Dr", "Chief Minister"); persons tied to
// an organisation by a role noun get Affiliation.
func (kb *KB) Find(s string) []Mention {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	toks := tokenize(s, sc.toks[:0])
	sc.toks = toks
	if cap(sc.taken) < len(toks) {
		sc.taken = make([]bool, len(toks))
	}
	taken := sc.taken[:len(toks)]
	clear(taken)
	sc.spans = sc.spans[:0]
	sc.defs = sc.defs[:0]
	caps := text.IsAllCaps(s)
	f := finder{kb: kb, s: s, toks: toks, taken: taken, caps: caps, sc: sc}
	f.out = make([]Mention, 0, 8+len(toks)/20)

	// 1–3
	inName := 0 // tokens before it belong to a name step 4 reads whole
	for i := 0; i < len(toks); i++ {
		if toks[i].kind == kindPunct || i < inName {
			continue
		}
		j1, ai, ok1 := kb.aliasAt(s, toks, i, caps)
		if ok1 {
			if end, inside := f.insideName(i, j1, kb.actors[kb.aliases[ai].id].Type); inside {
				// "Pak-China Traders …", "Kenya Red Cross Society": a
				// country's name inside a body's own name
				inName = end
				continue
			}
		}
		j2, m2, ok2 := f.forceAt(i)
		j3, typ3, ok3 := f.describedAt(i)
		switch {
		case ok3 && (!ok1 || j3 > j1) && (!ok2 || j3 > j2):
			f.add(i, j3, Mention{Type: typ3})
			i = j3 - 1
		case ok2 && (!ok1 || j2 > j1):
			f.add(i, j2, m2)
			i = j2 - 1
		case ok1:
			a := &kb.aliases[ai]
			act := kb.actors[a.id]
			from := i
			if act.Type == sitrep.Person {
				// "Dr Naseem Baloch": the span leaves the title out
				for from+1 < j1 && (titles[toks[from].key] || toks[from].key == keyPeriod) && toks[from+1].kind != kindPunct || from+1 < j1 && toks[from].key == keyPeriod {
					from++
				}
			}
			f.add(from, j1, Mention{ID: a.id, Type: act.Type, Known: true})
			for k := i; k < from; k++ {
				taken[k] = true
			}
			i = j1 - 1
		}
	}
	// 4
	if !caps {
		f.markHeadlines()
		for i := 0; i < len(toks); i++ {
			if taken[i] || sc.headline[i] {
				continue
			}
			if from, j, typ, ok := f.nameAt(i); ok {
				f.add(from, j, Mention{Type: typ})
				i = j - 1
			} else if j > i+1 {
				// "Dera Ismail Khan", "Pakistan Penal Code": a capitalised run that
				// is no name; none starts inside it either, but for a body's
				// name opening with its head word ("Afghan Ministry of …")
				k := i + 1
				for k < j && orgOpeners[toks[k].key] == "" {
					k++
				}
				i = k - 1
			}
		}
	}
	// 5
	f.acronyms()
	// 6
	if !caps {
		f.surnames()
	}
	f.sortOut()
	f.affiliate()
	return f.out
}

// insideName reports a country's name at tokens [i, j) that is part of a
// longer name ending before token end: glued by a hyphen to the word
// before and followed by a body's name ("Pak-China Traders Action
// Committee", not "the Russia-Ukraine war"), or opening a civil body's
// capitalised name
// ("Pakistan Medical Association", "Kenya Red Cross Society"). A state
// body's name ("Pakistan Navy", "Pakistan Foreign Office") stays the
// country's.
func (f *finder) insideName(i, j int, typ string) (end int, inside bool) {
	if typ != sitrep.Country {
		return 0, false
	}
	k := j
	for k < len(f.toks) && f.isCap(k) && !f.lineBreakBefore(k) {
		k++
	}
	if k == j {
		return 0, false
	}
	if k < len(f.toks) && f.toks[k].key == keyPolice && f.toks[k].flags&fCap == 0 {
		// "Pakistan Bazaar police": a station named for a place whose name
		// opens with a country's
		return k + 1, true
	}
	if i > 0 && f.toks[i].flags&fHyphenBefore != 0 && f.toks[i-1].kind == kindWord && orgHeads[f.toks[k-1].key] != "" {
		return k, true
	}
	head := k - 1
	if head > j && f.toks[head].flags&fHyphenBefore != 0 {
		head-- // "Pakistan Muslim League-Functional": a faction after the head
	}
	switch orgHeads[f.toks[head].key] {
	case sitrep.Organisation, sitrep.RightsGroup, sitrep.PoliticalParty, sitrep.Media:
		return k, true
	}
	return 0, false
}

type finder struct {
	kb    *KB
	s     string
	toks  []tok
	taken []bool
	caps  bool
	out   []Mention
	sc    *scratch
}

// add records a mention over tokens [i, j). A mention without an id gets
// NormalID of its text.
func (f *finder) add(i, j int, m Mention) int {
	m.Start, m.End = int(f.toks[i].start), int(f.toks[j-1].end)
	m.Text = f.s[m.Start:m.End]
	if m.ID == "" {
		m.ID = NormalID(m.Text)
	}
	for k := i; k < j; k++ {
		f.taken[k] = true
	}
	f.out = append(f.out, m)
	f.sc.spans = append(f.sc.spans, [2]int{i, j})
	return len(f.out) - 1
}

func (f *finder) sortOut() {
	// mentions come nearly in order: insertion sort, no allocation
	out, spans := f.out, f.sc.spans
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

// aliasAt matches a known alias (not an adjective form) at token i.
func (kb *KB) aliasAt(s string, toks []tok, i int, caps bool) (int, int, bool) {
	return kb.matchIn(kb.names, s, toks, i, caps)
}

func (kb *KB) matchIn(m map[uint64][]int, s string, toks []tok, i int, caps bool) (int, int, bool) {
	if toks[i].flags&fPossessive != 0 {
		return 0, 0, false
	}
	for _, ai := range m[toks[i].key] {
		a := &kb.aliases[ai]
		n := len(a.keys)
		if i+n > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if toks[i+k].key != a.keys[k] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// a match must not stop inside a hyphenated word: "IS" in "IS-K"
		if i+n < len(toks) && toks[i+n].flags&fHyphenBefore != 0 && toks[i+n].kind == kindWord && !a.cs {
			if toks[i+n].flags&fCap == 0 && toks[i+n].flags&fAllUpper == 0 {
				// "Iran-backed": the name is still the name
			} else {
				continue
			}
		}
		if a.cs {
			if caps {
				if a.short && !(a.dotted && strings.Contains(s[toks[i].start:toks[i+n-1].end], ".")) {
					continue
				}
			} else {
				if !sigEqual(s, int(toks[i].start), int(toks[i+n-1].end), a.sig) {
					continue
				}
				if a.short && shouting(toks, i, i+n) {
					continue
				}
			}
		} else if caps {
			if a.capsAmb {
				continue
			}
		} else if a.capReq && toks[i].flags&fCap == 0 {
			continue
		}
		return i + n, ai, true
	}
	return 0, 0, false
}

// sigEqual compares s[start:end] without dots, hyphens, apostrophes and
// spaces to sig, case-sensitively.
func sigEqual(s string, start, end int, sig string) bool {
	k := 0
	for i := start; i < end; i++ {
		switch s[i] {
		case '.', '-', ' ', '\'', '\n', '\t':
			continue
		}
		if k >= len(sig) || s[i] != sig[k] {
			return false
		}
		k++
	}
	return k == len(sig)
}

// shouting: a short acronym among words in capitals is a headline word.
func shouting(toks []tok, i, j int) bool {
	up := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].kind == kindWord && toks[k].flags&fAllUpper != 0 && toks[k].flags&fLetters2 != 0
	}
	return up(i-1) && up(i-2) || up(j) && up(j+1) || up(i-1) && up(j)
}

// Force nouns after a country or its adjective, with the class they give.
var forceNouns = func() map[uint64]string {
	m := map[uint64]string{}
	for class, words := range map[string]string{
		"military":     "army|armies|military|forces|troops|soldiers|establishment|navy|paramilitary|paramilitaries|airforce|jets|warplanes|aircraft|drones|artillery|planes|missiles|rockets|helicopters|gunships|airstrikes|warships|submarine|submarines|guards|personnel|commandos|marines|army's|military's",
		"police":       "police|policemen|policeman|cops|gendarmerie|gendarmes",
		"government":   "government|authorities|officials|regime|administration|state|cabinet|junta|leadership|ministers",
		"intelligence": "intelligence|agencies|spies|spy",
	} {
		for k := range keySet(words) {
			m[k] = class
		}
	}
	return m
}()

// Words between the country and the force noun: "Pakistani security forces".
var forceMods = keySet("security|armed|border|paramilitary|intelligence|special|regular|federal|national|government|state|military|naval|air|frontier|" +
	"occupation|occupying|coalition|ground|elite|riot|counter|terrorism|counterterrorism|anti")

var (
	keyIntelligence = keyOf("intelligence")
	keyAir          = keyOf("air")
	keyForce        = keyOf("force")
	keyGeneral      = keyOf("general")
	keyOpenParen    = keyOf("(")
	keyCloseParen   = keyOf(")")
	keyApos         = keyOf("'")
	keyPeriod       = keyOf(".")
	keyComma        = keyOf(",")
	keyAnd          = keyOf("and")
	keyThe          = keyOf("the")
	keyNew          = keyOf("new")
	keyIn           = keyOf("in")
	keyAt           = keyOf("at")
	keyPolice       = keyOf("police")
	keyOfWord       = keyOf("of")
)

// forceAt reads a country or its adjective followed by a force noun.
func (f *finder) forceAt(i int) (int, Mention, bool) {
	kb, toks := f.kb, f.toks
	if !f.caps && toks[i].flags&fCap == 0 {
		return 0, Mention{}, false
	}
	j, ai, ok := kb.matchIn(kb.adjs, f.s, toks, i, f.caps)
	if !ok {
		j, ai, ok = kb.matchIn(kb.names, f.s, toks, i, f.caps)
		if !ok || kb.actors[kb.aliases[ai].id].Type != sitrep.Country {
			return 0, Mention{}, false
		}
	}
	a := &kb.aliases[ai]
	if j < len(toks) && toks[j].flags&fPossessive != 0 {
		j++
	}
	k := j
	for k < len(toks) && k-j < 2 && forceMods[toks[k].key] && !(k+1 < len(toks) && forceNouns[toks[k+1].key] == "" && !forceMods[toks[k+1].key]) {
		k++
	}
	if k >= len(toks) || toks[k].kind != kindWord {
		return 0, Mention{}, false
	}
	class := forceNouns[toks[k].key]
	if toks[k].key == keyAir && k+1 < len(toks) && toks[k+1].key == keyForce {
		class = "military"
		k++
	}
	if toks[k].key == keyGeneral && k+1 < len(toks) && staffHeads[toks[k+1].key] {
		class = "military" // "the Ukrainian General Staff"
		k++
	}
	if class == "" {
		return 0, Mention{}, false
	}
	if !f.caps && toks[k].flags&fCap != 0 && k+1 < len(toks) && toks[k+1].kind == kindWord && toks[k+1].flags&fCap != 0 && !f.taken[k+1] &&
		!f.lineBreakBefore(k+1) && forceNouns[toks[k+1].key] == "" {
		// "Ukraine's State Emergency Service", "the US State Department": the
		// word opens a longer name
		return 0, Mention{}, false
	}
	for x := j; x < k; x++ {
		if toks[x].key == keyIntelligence {
			class = "intelligence"
		}
	}
	if a.adj == 2 && class != "government" {
		return 0, Mention{}, false
	}
	id := a.id + "-" + class
	typ := sitrep.StateForce
	if class == "government" {
		typ = sitrep.Government
	}
	m := Mention{ID: id, Type: typ}
	if act, ok := kb.actors[id]; ok {
		m.Known, m.Type = true, act.Type
	}
	return k + 1, m, true
}

// Group nouns of described armed groups.
var groupNouns = keySet("extremists|extremist|militants|militant|separatists|insurgents|insurgent|rebels|rebel|militia|militias|militiamen|" +
	"fighters|jihadists|jihadis|guerrillas|guerrilla|sarmachars|sarmachar|paramilitaries|gunmen|assailants|terrorists|mujahideen|" +
	"nationalists|secessionists|loyalists|dissidents|vigilantes|death squads|squads|gangs|gang|cartel|cartels|bandits|herdsmen|settlers|tribesmen|" +
	"colectivos|paramilitaries")

// Qualifiers that start a sentence and are no proper adjective.
var describedStop = keySet("suspected|armed|unidentified|unknown|alleged|local|foreign|heavily|masked|hundreds|dozens|militant|rebel|" +
	"several|many|some|two|three|four|five|six|seven|eight|nine|ten|other|rival|former|violent|radical|hardline|islamist|" +
	"the|a|an|these|those|its|their|his|her|our|police|security|government|state|army|death")

var (
	hyphenQualifiers = keySet("backed|linked|allied|sponsored|supported|aligned|affiliated|inspired|funded|led|based|trained")
	proAnti          = keySet("pro|anti")
	leftRight        = keySet("left|right|far")
	keyWing          = keyOf("wing")
)

// describedAt reads a described armed group: "Muslim extremists",
// "Ambazonian separatists", "Iran-backed militia", "pro-government
// militia", "left-wing extremists". Mixed-case text only.
func (f *finder) describedAt(i int) (int, string, bool) {
	if f.caps {
		return 0, "", false
	}
	toks := f.toks
	t := toks[i]
	if t.kind != kindWord || f.taken[i] || t.flags&fPossessive != 0 {
		return 0, "", false
	}
	j := i + 1
	qualified := false
	switch {
	case proAnti[t.key] || leftRight[t.key]:
		if j >= len(toks) || toks[j].flags&fHyphenBefore == 0 {
			return 0, "", false
		}
		j++
	case t.flags&fCap != 0 && !describedStop[t.key] && (t.flags&fAllUpper == 0 || j < len(toks) && toks[j].flags&fHyphenBefore != 0 && hyphenQualifiers[toks[j].key]):
		if i > 0 && toks[i-1].kind == kindWord && toks[i-1].flags&fCap != 0 && !f.taken[i-1] && toks[i-1].flags&fHyphenBefore == 0 && !notName[toks[i-1].key] {
			// "Mountain Liberation Front fighters": the last word of a name, not a qualifier
			return 0, "", false
		}
		if j < len(toks) && toks[j].flags&fHyphenBefore != 0 && hyphenQualifiers[toks[j].key] {
			j++
			qualified = true
		}
	default:
		return 0, "", false
	}
	if j < len(toks) && !f.taken[j] && toks[j].flags&fHyphenBefore == 0 {
		if groupNouns[toks[j].key] {
			return j + 1, sitrep.ArmedGroup, true
		}
		if qualified && coalitionNouns[toks[j].key] {
			// "the US-led coalition", "UN-backed forces", "Saudi-led troops"
			if toks[j-1].key == keyLed {
				return j + 1, sitrep.StateForce, true
			}
			return j + 1, sitrep.ArmedGroup, true
		}
	}
	return 0, "", false
}

// Nouns of a force described by who leads or backs it.
var coalitionNouns = keySet("coalition|forces|troops|mission|alliance|force")

var keyLed = keyOf("led")

// Words that are never the start of a name, though capitalised at the start
// of a sentence or in a headline.
var notName = keySet("the|a|an|in|on|at|for|but|and|or|within|without|across|around|near|this|that|these|those|he|she|it|they|we|i|you|his|her|their|its|our|" +
	"my|your|after|before|during|while|when|where|what|who|why|how|if|as|by|with|from|to|of|also|however|meanwhile|" +
	"according|following|despite|since|until|later|earlier|now|then|there|here|some|many|several|both|all|each|every|" +
	"no|not|other|another|such|more|most|one|two|three|four|five|six|seven|eight|nine|ten|monday|tuesday|wednesday|thursday|friday|saturday|sunday|" +
	"january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|" +
	"key|synopsis|read|click|share|watch|photo|file|video|update|updated|breaking|exclusive|opinion|editorial|analysis|" +
	"even|only|just|instead|calling|referring|speaking|addressing|addition|additionally|furthermore|" +
	"moreover|therefore|thus|yet|still|so|once|first|second|third|last|next|new|former|late|senior|" +
	"gunmen|militants|security|police|officials|sources|witnesses|residents|unknown|unidentified|armed|suspected|" +
	"separately|elsewhere|overall|nearly|almost|about|over|under|up|down|out|into|onto|upon|against|between|among|" +
	"is|are|was|were|be|been|has|have|had|will|would|should|could|can|may|might|must|do|does|did|said|says|told|" +
	"local|several|other|further|least|at|per|via|via|whereas|although|though|because|unless|whether|which|whose|whom|" +
	"am|pm|gmt|utc|pst|est|ist|pkt|a.m|p.m|mr|mrs|ms|dr|sir|madam|dear|please|thanks|thank|hello|yes|no|ok|" +
	"killed|injured|wounded|attack|attacks|blast|explosion|bombing|protest|protests|police|army|government|people|victims|" +
	"islam|muslim|muslims|christian|christians|hindu|hindus|sikh|shia|sunni|god|allah|eid|ramadan|covid|coronavirus")

// Titles and role words before a name: the name is a person. They are
// left out of the person's span and id.
var titles = keySet("mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|gen|general|lt|lieutenant|col|colonel|maj|major|capt|captain|brig|brigadier|" +
	"cmdr|commander|adm|admiral|marshal|field|sgt|sergeant|cpl|corporal|pvt|private|insp|inspector|supt|superintendent|constable|" +
	"mir|maulana|mufti|mullah|sheikh|shaikh|haji|hajji|hafiz|qari|syed|sayed|sardar|nawab|allama|imam|ayatollah|pir|khawaja|khwaja|" +
	"senator|sen|rep|representative|judge|justice|president|vice|chairman|chairperson|chairwoman|chair|minister|governor|premier|" +
	"lawyer|advocate|barrister|journalist|reporter|correspondent|editor|photographer|activist|leader|spokesman|spokesperson|spokeswoman|" +
	"chief|founder|secretary|ambassador|envoy|mayor|councillor|councilor|mna|mpa|mp|senator|student|teacher|doctor|elder|cleric|" +
	"commissioner|deputy|assistant|officer|director|king|queen|prince|princess|emir|sultan|pope|bishop|father|brother|sister|" +
	"comrade|engineer|eng|er|prime|foreign|interior|defence|defense|home|information|finance|provincial|federal|state|former|late|" +
	"acting|caretaker|retired|ret|speaker|attorney|prosecutor|dsp|sho|ssp|dig|igp|ig|dpo|sp|asp|coas|cjcsc")

// thingHeads end the names of things that are no actors: treaties, laws,
// trophies, trains, markets, roads.
var thingHeads = keySet("treaty|treaties|code|act|accord|accords|agreement|convention|charter|ordinance|bill|resolution|" +
	"express|quran|koran|bible|constitution|amendment|bench|media|grenade|grenades|device|devices|vehicle|launcher|rifle|" +
	"cup|trophy|championship|championships|tournament|games|olympics|exchange|index|award|awards|" +
	"prize|festival|day|week|road|highway|motorway|bridge|dam|canal|airport|stadium|tower|plaza|mall|bazaar|corridor|" +
	"plan|programme|program|scheme|project|social|summit|conference|expo|fair|marathon|series|" +
	"territory|tehsil|district|valley|mountains|range|river|lake|sea|ocean|island|islands|border|" +
	"line|pass|crossing|gate|square|street|avenue|colony|town|city|village|port|station|terminal|mosque|" +
	"church|temple|shrine|school|college|cantonment|cantt|base|camp|jail|prison")

// roleOpeners open the names of posts: "Chief of Army Staff", "Minister of
// Interior" are posts held by persons.
var roleOpeners = keySet("chief|minister|secretary|director|governor|commander|head|chairman|president|advisor|adviser|" +
	"special|deputy|inspector|commissioner|speaker|leader")

// personRoleEnd ends the name of a post: "District Police Officer".
var personRoleEnd = keySet("officer|officers|superintendent|inspector|commander|chief|minister|secretary|director|general|" +
	"commissioner|governor|adviser|advisor|spokesman|spokesperson|staff|president|chairman|judge|justice")

// portfolioWords name the charge of a minister or secretary: in "Minister
// for Railways Hanif Abbasi" the person is Hanif Abbasi.
var portfolioWords = keySet("railways|railway|information|broadcasting|communications|communication|interior|foreign|affairs|" +
	"finance|revenue|planning|development|law|justice|human|rights|defence|defense|production|commerce|trade|water|" +
	"resources|power|energy|petroleum|health|education|religious|harmony|maritime|climate|change|food|security|national|" +
	"kashmir|narcotics|control|industries|industry|housing|works|privatisation|privatization|overseas|pakistanis|political|" +
	"parliamentary|states|frontier|regions|science|technology|it|telecommunication|telecom|postal|services|tourism|sports|" +
	"culture|labour|labor|aviation|economic|poverty|alleviation|social|safety|inter|provincial|coordination|textile|" +
	"investment|state|home|local|government|irrigation|agriculture|livestock|forests|environment|minorities|women|youth|" +
	"transport|mass|infrastructure|excise|taxation|prisons|auqaf|ushr|zakat|information technology|relations|public|" +
	"welfare|reforms|special|initiatives|board|federal|board of")

// Words that can open or fill an organisation's name but not a person's.
var notPersonWord = keySet("senate|assembly|opposition|amendment|bench|quran|koran|constitution|board|cup|trophy|express|media|council|" +
	"committee|commission|cabinet|parliament|tribune|times|news|daily|post|herald|gazette|network|division|department|bureau|" +
	"western|eastern|northern|southern|central|north|south|east|west|upper|lower|greater|new|old|national|international|" +
	"global|local|provincial|federal|human|rights|government|state|police|army|military|security|forces|force|president|minister|prime|" +
	"chief|general|united|islamic|democratic|popular|revolutionary|liberation|peoples|people|republic|ministry|party|district|" +
	"province|city|town|village|valley|river|sea|ocean|lake|mountain|mountains|hills|hill|road|highway|street|bazaar|market|square|" +
	"airport|port|station|camp|hospital|university|college|school|mosque|church|temple|shrine|bridge|dam|border|crossing|area|" +
	"region|division|tehsil|agency|county|state|island|islands|bay|gulf|desert|plateau|pass|zone|sector|colony|town|nagar|abad|" +
	"pur|kot|garh|bagh|house|court|club|press|hotel|center|centre|office|prison|jail|cantonment|base|road|avenue|park|" +
	"muslim|islam|christian|hindu|sikh|shia|sunni|allah|god|english|urdu|persian|arabic|pashto|balochi|sindhi|punjabi|" +
	"inc|ltd|limited|company|corp|corporation|group|bank|fund|council|committee|association|movement|front|" +
	"news|times|post|tribune|express|today|daily|weekly|tv|radio|channel|online|report|reports|twitter|facebook|x|youtube|" +
	"covid|coronavirus|operation|act|law|bill|order|plan|day|week|month|year|eid|ramadan|christmas|easter|" +
	// words of posts, fields, events and things, never of a person's name
	"director|directors|executive|managing|leader|supreme|relations|affairs|change|climate|war|cold|intelligence|artificial|" +
	"staff|grand|slam|image|header|point|zero|prophet|holy|shirts|asia|africa|europe|america|constabulary|league|guest|" +
	"securities|holdings|industries|enterprises|motors|textiles|technologies|overseas|eidul|eid-ul|marka|quds|sharea|" +
	"shahrah|khel|public|private|foreign|defence|defense|interior|finance|information|energy|water|power|health|education")

// Place names common in the first corpus's region that look like names of
// persons (two capitalised words); a small stoplist, the gazetteer filters
// the rest downstream.
var placeWords = keySet("quetta|karachi|lahore|islamabad|rawalpindi|peshawar|multan|hyderabad|sukkur|kabul|kandahar|herat|jalalabad|" +
	"tehran|zahedan|chabahar|delhi|mumbai|kashmir|srinagar|jammu|balochistan|baluchistan|sindh|punjab|khyber|pakhtunkhwa|waziristan|benazirabad|" +
	"gilgit|baltistan|kech|turbat|gwadar|panjgur|mastung|khuzdar|kalat|awaran|kharan|washuk|chagai|noshki|nushki|sibi|kohlu|dera|" +
	"bolan|kachhi|jhal|magsi|nasirabad|jafarabad|lasbela|hub|pasni|ormara|jiwani|dasht|tump|mand|zhob|loralai|pishin|chaman|" +
	"qila|killa|musakhel|barkhan|harnai|ziarat|tirah|bajaur|mohmand|kurram|orakzai|bannu|lakki|marwat|swat|" +
	"tank|kohat|hangu|karak|mardan|charsadda|nowshera|swabi|dir|chitral|malakand|buner|shangla|battagram|mansehra|abbottabad|" +
	"sistan|baluchestan|helmand|nimroz|paktia|paktika|khost|nangarhar|kunar|nuristan|badakhshan|kunduz|balkh|ghazni|zabul|uruzgan|" +
	"farah|badghis|faryab|jowzjan|sar-e-pul|samangan|baghlan|takhar|parwan|kapisa|panjshir|wardak|logar|bamiyan|daikundi|ghor")

// Organisation head words (last word of the name) and the type they suggest.
var orgHeads = func() map[uint64]string {
	m := map[uint64]string{}
	for typ, words := range map[string]string{
		sitrep.PoliticalParty:   "movement|party|league|congress",
		sitrep.ArmedGroup:       "front|army|brigade|brigades|militia|mujahideen|lashkar|tigers|battalion|battalions|legion|guerrillas|commando|commandos|squad|squads|jihad|resistance",
		sitrep.Organisation:     "council|association|committee|organisation|organization|commission|network|union|forum|alliance|group|society|foundation|institute|university|federation|coalition|survey|international|initiative|trust|club|centre|center|chamber|bar|syndicate|company|corporation|bank|board",
		sitrep.Government:       "agency|ministry|department|court|embassy|office|authority|bureau|assembly|parliament|senate|service|services|government|administration|directorate|secretariat|cabinet|tribunal|consulate|municipality",
		sitrep.StateForce:       "force|forces|corps|police|guard|guards|rangers|levies|constabulary|gendarmerie|navy|staff|headquarters",
		sitrep.Media:            "radio|news|times|tribune|post|television|tv|channel|newspaper|daily|herald|gazette|journal|press|express|observer|chronicle",
		sitrep.RightsGroup:      "watch|justice|persons|rights",
		sitrep.InternationalOrg: "nations",
	} {
		for k := range keySet(words) {
			if m[k] != "" {
				// Map order would pick one type per run.
				panic("actors: an organisation word suggests two types")
			}
			m[k] = typ
		}
	}
	return m
}()

// Head words of a military command's name, which may open with a rank word.
var staffHeads = keySet("staff|headquarters")

// Head words that open an organisation's name: "Committee for …",
// "Ministry of …", "Voice for …".
var orgOpeners = func() map[uint64]string {
	m := map[uint64]string{}
	for typ, words := range map[string]string{
		sitrep.Government:     "ministry|department|office|court|directorate|bureau|commission|council|house|senate|assembly|embassy|consulate",
		sitrep.Organisation:   "committee|association|union|federation|society|organisation|organization|institute|university|bank|league|coalition|alliance|network|centre|center|foundation",
		sitrep.ArmedGroup:     "army|front|brigade|brigades|battalion|movement|lashkar|jaish|jamaat|harakat|tehreek|tehrik|ansar|jabhat|saraya|kataib|liwa|jund|hizb|hezb",
		sitrep.RightsGroup:    "voice|friends|families|defence|defense|campaign",
		sitrep.PoliticalParty: "party",
	} {
		for k := range keySet(words) {
			if m[k] != "" {
				// Map order would pick one type per run.
				panic("actors: an organisation word suggests two types")
			}
			m[k] = typ
		}
	}
	return m
}()

// Words inside an organisation's name that mark a rights organisation.
var rightsWords = keySet("rights|justice|missing|disappeared|disappearances|amnesty|humanitarian|liberties|freedom|voice|victims|families|persons|watch|defenders")

// Words that make even a "… Movement" a rights organisation.
var strongRightsWords = keySet("rights|missing|disappeared|disappearances|victims|families|persons|defenders")

// Lower-case joiners allowed inside a multi-word name.
var joiners = keySet("of|for|the|and|al|ul|e|i|bin|ibn|de|del|la|el|ur|ud|da|van|von|a|du|des|do|dos|das|y|on|in|against|to")

// Joiners that may stand inside a person's name.
var personJoiners = keySet("ul|bin|ibn|ur|ud|al|el|de|da|van|von|del|e|i|y|dos|das")

// Role nouns that tie a person to an organisation: "BNM chief Naseem Baloch".
var roleNouns = keySet("chief|chairman|chairperson|chairwoman|leader|head|president|spokesman|spokesperson|spokeswoman|" +
	"founder|commander|secretary|member|convener|convenor|coordinator|director|general|emir|amir|deputy|vice|representative|activist|official|officer|minister")

var monthsDays = keySet("monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|" +
	"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|said|says|told|added|claimed|denied|condemned|stated")

func (f *finder) isCap(k int) bool {
	if k >= len(f.toks) || f.taken[k] {
		return false
	}
	t := f.toks[k]
	return t.kind == kindWord && t.flags&fCap != 0 && t.flags&fPossessive == 0
}

// lineBreakBefore reports a line break between token k-1 and token k.
func (f *finder) lineBreakBefore(k int) bool {
	if k <= 0 || k >= len(f.toks) {
		return false
	}
	return strings.IndexByte(f.s[f.toks[k-1].end:f.toks[k].start], '\n') >= 0
}

// markHeadlines flags the tokens of lines written in title case ("Army
// Denies Killing Civilians", "End Atrocities"): in a headline every word
// is capitalised, so capitals there do not tell a name.
func (f *finder) markHeadlines() {
	toks := f.toks
	if cap(f.sc.headline) < len(toks) {
		f.sc.headline = make([]bool, len(toks))
	}
	h := f.sc.headline[:len(toks)]
	clear(h)
	f.sc.headline = h
	start := 0
	for k := 1; k <= len(toks); k++ {
		if k < len(toks) && !f.lineBreakBefore(k) {
			continue
		}
		words, caps := 0, 0
		for j := start; j < k; j++ {
			t := toks[j]
			if t.kind != kindWord || t.end-t.start < 4 || joiners[t.key] {
				continue
			}
			words++
			if t.flags&fCap != 0 {
				caps++
			}
		}
		// a headline has no full stop at its end; a sentence full of names has
		if words >= 3 && caps*4 >= words*3 && k-start <= 20 && toks[k-1].key != keyPeriod {
			for j := start; j < k; j++ {
				h[j] = true
			}
		}
		start = k
	}
}

// nameAt reads a capitalised name the knowledge base lacks, starting at
// token i. It returns the token range of the name (titles left out), its
// type, and whether one was found.
func (f *finder) nameAt(i int) (int, int, string, bool) {
	toks := f.toks
	if !f.isCap(i) || notName[toks[i].key] && !titles[toks[i].key] && !(toks[i].key == keyNew && f.isCap(i+1)) {
		return 0, 0, "", false // "New York Times" opens with "New"
	}
	// the capitalised run, with joiners, hyphenated parts and plural
	// possessives ("Workers' International")
	j := i
	for j < len(toks) {
		t := toks[j]
		if j > i && f.lineBreakBefore(j) {
			break // a name does not run across lines
		}
		if f.isCap(j) && !(j > i && monthsDays[t.key]) {
			j++
			continue
		}
		if j > i && !f.taken[j] && t.kind == kindWord && t.flags&fHyphenBefore != 0 && t.flags&fPossessive == 0 {
			j++ // "Anwar-ul-Haq", "Jaish-e-Mohammed"
			continue
		}
		if t.key == keyAnd && orgHeads[toks[j-1].key] != "" {
			break // "… Association and the … Union": two names
		}
		if j > i && j+1 < len(toks) && !f.taken[j] && (joiners[t.key] && t.flags&fCap == 0 || t.key == keyApos) && f.isCap(j+1) {
			j++
			continue
		}
		if j > i && j+2 < len(toks) && !f.taken[j] && t.key != keyAnd && joiners[t.key] && t.flags&fCap == 0 && joiners[toks[j+1].key] && toks[j+1].flags&fCap == 0 && f.isCap(j+2) {
			j += 2 // "Committee for a Workers' …", "Front for the Liberation …"
			continue
		}
		break
	}
	for j > i && (joiners[toks[j-1].key] && toks[j-1].flags&fCap == 0 || toks[j-1].key == keyApos) {
		j--
	}
	if j > i && j < len(toks) && toks[j].kind == kindNumber && toks[j].flags&fHyphenBefore != 0 && toks[j-1].end-toks[j-1].start <= 3 {
		j-- // "an Israeli F-35", "Su-30 jets": a model's designation, not a name
	}
	n := j - i
	if n == 0 {
		return 0, 0, "", false
	}
	// a treaty, a law, a trophy, a train: a thing named, not an actor
	if n >= 2 && thingHeads[toks[j-1].key] {
		return 0, j, "", false
	}
	// "Doctor Amadou Diallo of Kandi General Hospital": a titled person
	// before the body he speaks for, not the body's name
	if titles[toks[i].key] {
		st := i
		for st < j && (titles[toks[st].key] || toks[st].key == keyPeriod) {
			st++
		}
		for k := st + 2; k < j && k <= st+4; k++ {
			if toks[k].key == keyOfWord && toks[k].flags&fCap == 0 {
				if f.personOK(st, k) {
					return st, k, sitrep.Person, true
				}
				break
			}
		}
	}
	// "Higher Health Institute in Rome": a body's name ends at its head word
	// before the place it is in
	if n >= 3 && orgHeads[toks[j-1].key] == "" {
		for k := i + 2; k < j; k++ {
			if joiners[toks[k].key] && toks[k].flags&fCap == 0 {
				if typ, ok := orgHeads[toks[k-1].key]; ok && (toks[k].key == keyIn || toks[k].key == keyAt) && !hasJoiner(toks, i, k) && !titles[toks[i].key] {
					return i, k, refineOrg(typ, toks, i, k), true
				}
				break
			}
		}
	}
	// an organisation: head word last, or an opening head word and a joiner;
	// "Chief of Army Staff" is a post, not a body
	if n >= 2 && !(roleOpeners[toks[i].key] && hasJoiner(toks, i, j)) {
		// "General Staff", "General Headquarters": a rank word opening a
		// body's name
		if typ, ok := orgHeads[toks[j-1].key]; ok && (!titles[toks[i].key] || n >= 3 || staffHeads[toks[j-1].key]) {
			return i, j, refineOrg(typ, toks, i, j), true
		}
		if typ, ok := orgHeads[toks[j-2].key]; ok && n >= 3 && toks[j-1].flags&fHyphenBefore != 0 && f.isCap(j-1) {
			// "Muslim League-Functional": a faction's name after the head word
			return i, j, refineOrg(typ, toks, i, j-1), true
		}
		if typ, ok := orgOpeners[toks[i].key]; ok && n >= 3 && hasJoiner(toks, i, j) {
			return i, j, refineOrg(typ, toks, i, j), true
		}
	}
	// titles: "Chief Minister Sarfraz Bugti", "National Police Chief Ihor
	// Klymenko", "CSP Mohammed Shehu" → the name after the last title
	isTitle := func(k int) bool {
		t := toks[k]
		if t.flags&fAllUpper != 0 && t.flags&fLetters2 != 0 {
			// a rank written as an acronym before a name of two words or more
			return titles[t.key] && k < j-1 || k == i && j-k >= 3 && t.end-t.start <= 4
		}
		return titles[t.key]
	}
	start := i
	titled := false
	for k := i; k < j && k < i+6; k++ {
		if isTitle(k) {
			start, titled = k+1, true
			if start < len(toks) && toks[start].key == keyPeriod {
				start++
			}
		} else if titled && k > start {
			break // the name has begun: "Amir Khan Jogezai" keeps "Khan"
		} else if !titled && !(notPersonWord[toks[k].key] || placeWords[toks[k].key] || f.kb.countryWord(toks[k].key) || orgHeads[toks[k].key] != "" ||
			f.kb.demonymWord(toks[k].key)) {
			// ("French President Emmanuel Macron": the nationality before
			// the title is no part of the name, as a country's name is not)
			break // a name's own word: in "Osama el-Sayed" "Sayed" is no title
		}
	}
	if titled && start < len(toks) && toks[start].key == keyPeriod {
		start++
	}
	// "Minister for Railways Hanif Abbasi", "Minister of State for Interior
	// Talal Chaudhry": the portfolio is part of the title
	if titled && start < j && joiners[toks[start].key] && toks[start].flags&fCap == 0 {
		k := start + 1
		for k < j && (portfolioWords[toks[k].key] || toks[k].key == keyAnd || joiners[toks[k].key] && toks[k].flags&fCap == 0 || titles[toks[k].key]) {
			k++
		}
		start = k
	}
	if start >= j {
		// "Dr. Naseem": the dot ended the run
		if titled && start < len(toks) && f.isCap(start) && !notName[toks[start].key] {
			e := start + 1
			for e < len(toks) && e-start < 4 && (f.isCap(e) || toks[e].flags&fHyphenBefore != 0 && !f.taken[e]) && !monthsDays[toks[e].key] {
				e++
			}
			if f.personOK(start, e) {
				return start, e, sitrep.Person, true
			}
		}
		return 0, 0, "", false
	}
	// a person's name holds no "and": "Tomas Kask and CSP Idris Bello" are two
	for k := start; k < j; k++ {
		if toks[k].key == keyAnd {
			j = k
			break
		}
	}
	if start >= j {
		return 0, 0, "", false
	}
	n = j - start
	if titled && n == 1 && j < len(toks) && f.taken[j] && !f.lineBreakBefore(j) {
		// "Prime Minister Muhammad Shehbaz Sharif": a first name before the
		// name the knowledge base knows
		return 0, j, "", false
	}
	if titled && (n > 4 || !f.personOK(start, j)) {
		// "Deputy Governor of the Province Leila Haddad": the name closes the run
		for s2 := start + 1; s2 <= j-2; s2++ {
			if j-s2 <= 4 && !titles[toks[s2].key] && f.personOK(s2, j) {
				return s2, j, sitrep.Person, true
			}
		}
	}
	if (n > 4 || !f.personOK(start, j)) && !titled {
		// "Adam Isacson of the Washington Office on Latin America": a
		// person named before the body he speaks for
		for k := start + 2; k < j && k <= start+4; k++ {
			if toks[k].key == keyOfWord && toks[k].flags&fCap == 0 && f.personOK(start, k) {
				return start, k, sitrep.Person, true
			}
		}
	}
	if n > 4 || n == 1 && !titled {
		return 0, j, "", false
	}
	if !f.personOK(start, j) {
		return 0, j, "", false
	}
	return start, j, sitrep.Person, true
}

// personOK: every word of toks[from:to] can be part of a person's name.
func (f *finder) personOK(from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		t := f.toks[k]
		if t.kind != kindWord || notName[t.key] || notPersonWord[t.key] || placeWords[t.key] || f.kb.countryWord(t.key) {
			return false
		}
		if t.flags&fCap == 0 && !personJoiners[t.key] {
			return false
		}
		if t.flags&fAllUpper != 0 && t.flags&fLetters2 != 0 {
			return false // an acronym or a dateline
		}
	}
	return true
}

// demonymWord: the word is a country's adjective of one word
// ("French", "Indonesian").
func (kb *KB) demonymWord(key uint64) bool {
	for _, ai := range kb.adjs[key] {
		a := &kb.aliases[ai]
		if a.adj == 1 && len(a.keys) == 1 {
			return true
		}
	}
	return false
}

// countryWord: the word is the name (not the adjective) of a country.
func (kb *KB) countryWord(key uint64) bool {
	for _, ai := range kb.names[key] {
		a := &kb.aliases[ai]
		if len(a.keys) == 1 && kb.actors[a.id].Type == sitrep.Country {
			return true
		}
	}
	return false
}

func hasJoiner(toks []tok, i, j int) bool {
	for k := i; k < j; k++ {
		if joiners[toks[k].key] && toks[k].flags&fCap == 0 {
			return true
		}
	}
	return false
}

// refineOrg makes an organisation whose name speaks of rights or missing
// persons a rights group.
func refineOrg(typ string, toks []tok, i, j int) string {
	if typ == sitrep.Organisation || typ == sitrep.PoliticalParty || typ == sitrep.RightsGroup {
		words := rightsWords
		if typ == sitrep.PoliticalParty {
			words = strongRightsWords // "Justice Party" stays a party
		}
		for k := i; k < j; k++ {
			if words[toks[k].key] {
				return sitrep.RightsGroup
			}
		}
		if typ == sitrep.RightsGroup {
			return sitrep.Organisation
		}
	}
	return typ
}

// acronyms reads definitions "Long Name (LN)" and marks later uses of LN.
func (f *finder) acronyms() {
	toks := f.toks
	for p := 0; p+2 < len(toks); p++ {
		if toks[p].key != keyOpenParen {
			continue
		}
		q := p + 1
		for q < len(toks) && q-p <= 3 && toks[q].kind == kindWord && toks[q].flags&fAllUpper != 0 {
			q++
		}
		if q == p+1 || q >= len(toks) || toks[q].key != keyCloseParen {
			continue
		}
		acr := f.s[toks[p+1].start:toks[q-1].end]
		sig := signature(acr)
		if len(sig) < 2 || len(sig) > 10 {
			continue
		}
		// the name right before the parenthesis
		mi := -1
		for x := len(f.out) - 1; x >= 0; x-- {
			if f.sc.spans[x][1] == p {
				mi = x
				break
			}
		}
		if mi < 0 {
			if b, ok := f.initialsBefore(p, sig); ok && !roleOpeners[toks[b].key] && !personRoleEnd[toks[p-1].key] && !thingHeads[toks[p-1].key] {
				// "District Police Officer (DPO)", "Chief of Army Staff (COAS)" are posts
				typ := sitrep.Organisation
				if t, ok := orgHeads[toks[p-1].key]; ok {
					typ = refineOrg(t, toks, b, p)
				}
				mi = f.add(b, p, Mention{Type: typ})
			}
		}
		if mi >= 0 && f.out[mi].Type == sitrep.Country && !initialsCover(f.out[mi].Text, sig) {
			// "Drug Regulatory Authority of Pakistan (DRAP)": the acronym is
			// the organisation's named before the country, not the country's.
			// An organisation's acronym may come from its name in another
			// language ("Armed Peasant Association (ACA-EP)") and is kept.
			mi = f.nameBefore(mi, sig)
		}
		if mi < 0 || f.out[mi].Type == sitrep.Person {
			continue
		}
		m := f.out[mi]
		if !f.taken[p+1] {
			f.add(p+1, q, Mention{ID: m.ID, Type: m.Type, Known: m.Known})
		}
		if q == p+2 {
			f.sc.defs = append(f.sc.defs, acrDef{sig: sig, key: toks[p+1].key, m: mi})
		}
		p = q
	}
	if len(f.sc.defs) == 0 {
		return
	}
	for i := range toks {
		if f.taken[i] || toks[i].kind != kindWord || toks[i].flags&fAllUpper == 0 {
			continue
		}
		for _, d := range f.sc.defs {
			if toks[i].key != d.key {
				continue
			}
			if !f.caps && !sigEqual(f.s, int(toks[i].start), int(toks[i].end), d.sig) {
				continue
			}
			m := f.out[d.m]
			f.add(i, i+1, Mention{ID: m.ID, Type: m.Type, Known: m.Known})
			break
		}
	}
}

// nameBefore returns the mention that, with mention mi and the joiners
// between them, spells sig ("Drug Regulatory Authority" + "of Pakistan"
// for DRAP), or -1.
func (f *finder) nameBefore(mi int, sig string) int {
	b := f.sc.spans[mi][0]
	k := b
	for k > 0 && k > b-3 && joiners[f.toks[k-1].key] {
		k--
	}
	if k == b {
		return -1
	}
	for x := range f.out {
		if f.sc.spans[x][1] != k {
			continue
		}
		whole := f.s[f.out[x].Start:f.out[mi].End]
		if f.out[x].Type != sitrep.Person && upper(whole[0]) == upper(sig[0]) && initialsCover(whole, sig) {
			return x
		}
		return -1
	}
	return -1
}

// initialsCover reports whether the letters of an acronym's signature are
// the initials of words of name, in any order, so that an acronym of the
// name in another language still counts ("Kurdistan Workers' Party (PKK)")
// while a name that merely ends the definition does not ("Board of Control
// for Cricket in India (BCCI)" ends in India).
func initialsCover(name, sig string) bool {
	var initials [26]bool
	start := true
	for _, r := range name {
		if start && r < 128 {
			if c := upper(byte(r)); c >= 'A' && c <= 'Z' {
				initials[c-'A'] = true
			}
		}
		start = r == ' ' || r == '-' || r == '\n'
	}
	var seen [26]bool
	covered, missing := 0, 0
	for i := 0; i < len(sig); i++ {
		c := upper(sig[i])
		if c < 'A' || c > 'Z' || seen[c-'A'] {
			continue
		}
		seen[c-'A'] = true
		if initials[c-'A'] {
			covered++
		} else {
			missing++
		}
	}
	// one letter may come from inside a word: "uMkhonto we Sizwe Military
	// Veterans Association (MKMVA)"
	return missing == 0 || missing == 1 && covered >= 2
}

// initialsBefore finds the words before token p whose initials spell sig
// ("Indigenous People of Biafra" for "IPOB" or "IPB"); joiners may be
// skipped or counted. It returns the first token of the name.
func (f *finder) initialsBefore(p int, sig string) (int, bool) {
	toks := f.toks
	k := len(sig) - 1
	b := p - 1
	for b >= 0 && p-b <= 12 {
		t := toks[b]
		if f.taken[b] || t.kind != kindWord || t.flags&fPossessive != 0 {
			return 0, false
		}
		if !f.caps && t.flags&fCap == 0 && !joiners[t.key] {
			return 0, false
		}
		c := f.s[t.start]
		if c >= 'a' && c <= 'z' {
			c -= 32
		}
		switch {
		case k >= 0 && c == upper(sig[k]):
			k--
		case joiners[t.key] || t.flags&fHyphenBefore != 0:
		default:
			return 0, false
		}
		if k < 0 {
			return b, true
		}
		b--
	}
	return 0, false
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

// Surnames too common, or too often an ethnonym, to stand for one person.
var surnameStop = keySet("baloch|baluch|khan|ali|ahmed|ahmad|muhammad|mohammad|shah|hussain|hussein|singh|kumar|das|rahman|islam|uddin|din|" +
	"jan|gul|bibi|begum|sahib|mian|malik|chaudhry|butt|qureshi|siddiqui|abbasi|hassan|hasan|omar|umar|abdullah|mohammed|" +
	"pashtun|pakhtun|hazara|sindhi|punjabi|marri|mengal|bugti|zehri|raisani|rind|lehri|brahui")

// surnames marks later single-word mentions of a person named earlier in
// full ("Sarfraz Bugti … Bugti said"). Clan names shared by many persons
// (Bugti, Mengal, Marri) and ethnonyms only count when the text names one
// person of the clan.
func (f *finder) surnames() {
	toks := f.toks
	type last struct {
		id, typ string
		known   bool
		start   int
		n       int
	}
	var lasts []struct {
		key uint64
		last
	}
	for x, m := range f.out {
		if m.Type != sitrep.Person {
			continue
		}
		sp := f.sc.spans[x]
		if sp[1]-sp[0] < 2 {
			continue
		}
		k := toks[sp[1]-1].key
		found := false
		for y := range lasts {
			if lasts[y].key == k {
				found = true
				if lasts[y].id != m.ID {
					lasts[y].n++
				}
			}
		}
		if !found {
			lasts = append(lasts, struct {
				key uint64
				last
			}{k, last{id: m.ID, typ: m.Type, known: m.Known, start: m.Start, n: 1}})
		}
	}
	if len(lasts) == 0 {
		return
	}
	for i := range toks {
		t := toks[i]
		if f.taken[i] || t.kind != kindWord || t.flags&fCap == 0 || t.flags&fAllUpper != 0 || t.end-t.start < 4 {
			continue
		}
		if i+1 < len(toks) && f.isCap(i+1) || i > 0 && f.isCap(i-1) && !titles[toks[i-1].key] {
			continue
		}
		for _, l := range lasts {
			if l.key != t.key || l.n != 1 || int(t.start) < l.start {
				continue
			}
			if surnameStop[t.key] && (i+1 < len(toks) && toks[i+1].kind == kindWord && toks[i+1].flags&fCap == 0 || i > 0 && toks[i-1].key == keyThe) {
				continue // "Baloch activists": the people, not the person
			}
			if i+1 < len(toks) && toks[i+1].flags&fPossessive == 0 && groupNouns[toks[i+1].key] {
				continue
			}
			f.add(i, i+1, Mention{ID: l.id, Type: l.typ, Known: l.known})
			break
		}
	}
	// single-name persons after a title ("Mr Bugti") take the full name's id
	for x := range f.out {
		m := &f.out[x]
		sp := f.sc.spans[x]
		if m.Type != sitrep.Person || m.Known || sp[1]-sp[0] != 1 {
			continue
		}
		for _, l := range lasts {
			if l.key == toks[sp[0]].key && l.n == 1 && l.id != m.ID {
				m.ID, m.Known = l.id, l.known
			}
		}
	}
}

// affiliate ties persons to the organisation the text names with their
// role: "BNM chief Naseem Baloch", "Chairman of Baloch National Movement
// (BNM) Dr Naseem Baloch", "Naseem Baloch, chairman of the BNM".
func (f *finder) affiliate() {
	toks, ms, spans := f.toks, f.out, f.sc.spans
	isOrg := func(m Mention) bool {
		switch m.Type {
		case sitrep.Person, sitrep.Country, "":
			return false
		}
		return true
	}
	for pi := range ms {
		p := &ms[pi]
		if p.Type != sitrep.Person {
			continue
		}
		i := spans[pi][0]
		// look back: "<org> <role> [title] Name" or "<role> of <org> (ACR) [title] Name"
		for qi := pi - 1; qi >= 0 && qi >= pi-3 && p.Affiliation == ""; qi-- {
			o := ms[qi]
			if !isOrg(o) {
				continue
			}
			gap := toks[spans[qi][1]:i]
			if len(gap) > 5 {
				break
			}
			stop := false
			for _, g := range gap {
				if g.key == keyComma || g.key == keyPeriod {
					stop = true
				}
				if roleNouns[g.key] {
					p.Affiliation = o.ID
				}
			}
			if stop {
				p.Affiliation = ""
				break
			}
			if p.Affiliation == "" {
				// "Chairman of Baloch National Movement (BNM) Dr Naseem Baloch"
				k := spans[qi][0] - 1
				if k >= 0 && (joiners[toks[k].key] || toks[k].kind == kindPunct && toks[k].key == keyOpenParen) {
					k--
				}
				if k >= 0 && roleNouns[toks[k].key] {
					p.Affiliation = o.ID
				}
				// the acronym right after the name: move to the name before it
				if p.Affiliation == "" && qi > 0 && ms[qi-1].ID == o.ID {
					k = spans[qi-1][0] - 1
					if k >= 0 && joiners[toks[k].key] {
						k--
					}
					if k >= 0 && roleNouns[toks[k].key] {
						p.Affiliation = o.ID
					}
				}
			}
		}
		if p.Affiliation != "" {
			continue
		}
		// "X, chairman of the BNM"; "X, the BNM chief"
		e := spans[pi][1]
		if e+2 < len(toks) && toks[e].key == keyComma {
			for qi := pi + 1; qi < len(ms) && qi <= pi+2; qi++ {
				if !isOrg(ms[qi]) {
					continue
				}
				gap := toks[e+1 : spans[qi][0]]
				after := spans[qi][1]
				role, comma := false, false
				for _, g := range gap {
					if roleNouns[g.key] {
						role = true
					}
					comma = comma || g.key == keyComma
				}
				if !role && after < len(toks) && roleNouns[toks[after].key] && len(gap) <= 1 {
					role = true
				}
				// "X, spokesman of the so-called Y": a longer gap, but within
				// the one aside
				if role && (len(gap) <= 4 || len(gap) <= 6 && !comma) {
					p.Affiliation = ms[qi].ID
				}
				break
			}
		}
	}
}

// CommonName reports a name word shared by too many people to name one
// ("Khan", "Ali", "Shah", "Singh"): alone, it tells no one.
func CommonName(word string) bool {
	return surnameStop[keyOf(word)] || commonGiven[keyOf(word)]
}

// commonGiven: given names and surnames common enough that, alone, they name no one.
var commonGiven = keySet("rizvi|shah|malik|raza|ahmed|iqbal|akhtar|anwar|aslam|ashraf|nawaz|sharif|javed|zafar|haider|abbas|" +
	"akbar|asif|bhatti|awan|rana|cheema|gill|randhawa|afridi|khattak|yousafzai|wazir|mehsud|dawar|jatoi|memon|shaikh|" +
	"sheikh|syed|naqvi|jafri|zaidi|kazmi|gilani|bukhari|hashmi|mirza|baig|beg|chaudhary|choudhry|kumar|sharma|patel|" +
	"gupta|yadav|reddy|rao|mohamed|ahmad|hussain|abdul|mohammad|muhammad|ali|khan|john|david|smith|lee|kim|wang|li|zhang")
