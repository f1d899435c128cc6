package extract

import (
	"sort"
	"strings"

	"sitrep"
	"sitrep/internal/actors"
)

// The word lists below are knowledge of English news style, not of any
// particular report. Every entry is lower case; multi-word entries are
// matched token by token.

// trigger is a word or phrase that names an incident.
type trigger struct {
	words    []string
	typ      string
	strength int  // 3: names the type; 2: names an armed attack; 1: generic violence
	verbal   bool // a past-tense verb or participle: reports that it happened
	plural   bool // a plural noun: generic unless anchored by a date or a figure
	suicide  bool
}

var triggerTable = []struct {
	typ      string
	strength int
	phrases  string // "|"-separated; a leading "*" marks a verb form, a trailing "+" a plural
}{
	{sitrep.Bombing, 3, "bomb|bombs+|bombing|bombings+|blast|blasts+|explosion|explosions+|ied|ieds+|car bomb|roadside bomb|" +
		"explosive device|improvised explosive device|grenade|grenades+|grenade attack|mortar|mortars+|mortar shell|rocket attack|" +
		"rocket attacks+|shelling|drone strike|drone attack|air strike|airstrike|air raid|landmine|land mine|suicide vest|" +
		"explosives-laden|explosive-laden|vbied|artillery shell|bombardment+|bombardments+|suicide attack|suicide attacks+|suicide bombing|suicide bombings+|" +
		"suicide bomber|suicide bombers+|suicide blast|rocket|rockets|missile|missiles|projectile|projectiles|katyusha|" +
		"mortar shells|rocket-propelled grenade|rpg|magnetic mine|sticky bomb|strikes+|airstrikes+|air strikes+|drone strikes+|missile strike|missile strikes+|*blew himself up|*blew herself up|*exploded|*detonated|*blew up|*blown up|*bombed|*went off|*shelled|*bombarded|*pounded|*strafed"},
	{sitrep.ArmedAttack, 2, "*opened fire|*open fire|*fired on|*fired at|*fired upon|*shot|*gunned down|*ambushed|ambush|*raided|raid|" +
		"*stormed|*assaulted|armed attack|shooting|gunfire|firing|massacre|*massacred|*stabbed|*beheaded|*lynched|*torched|" +
		"*set fire|*set ablaze|*hacked to death|*burned down|*burnt down|arson|*sprayed bullets|gun attack|armed assault|*lobbed|" +
		"stab|stabbing|incendiary device|molotov cocktail|molotov cocktails|petrol bomb|petrol bombs|firebomb|firebombed"},
	{sitrep.ArmedAttack, 1, "attack|attacks+|*attacked|*killed|killing|*murdered|murder|*slain|*martyred|martyrdom|assault|" +
		"*shot dead|*shot and killed|terror attack|terrorist attack|militant attack|onslaught"},
	{sitrep.Assassination, 3, "*assassinated|assassination|targeted killing|targeted killings+|target killings+|target killing|targeted attack|*target killed|assassination attempt"},
	{sitrep.Clash, 3, "clash|clashes+|*clashed|gunfight|gun battle|exchange of fire|*exchanged fire|firefight|skirmish|skirmishes+|" +
		"encounter with|*battled|heavy fighting|fierce fighting"},
	{sitrep.Abduction, 3, "*kidnapped|kidnapping|kidnap|*abducted|abduction|abductions+|*taken hostage|*took hostage|*held hostage|hostage-taking|" +
		"*went missing|*forcibly disappeared|enforced disappearance|*disappeared|*picked up|*whisked away|*hijacked|hijacking|*forcibly taken|" +
		"*taken away|*took away|*taken from|*taken captive|*held captive"},
	{sitrep.MassGrave, 3, "mass grave|mass graves+|*bodies were found|*bodies found|*body was found|*body found|*bodies were recovered|" +
		"*bodies recovered|*body was recovered|*body recovered|*bodies were discovered|*body was discovered|*bodies discovered|" +
		"bullet-riddled body|bullet-riddled bodies+|*were found dead|*was found dead|*found dead|*dumped bodies|" +
		"*corpses were found|*corpses found|*corpses were recovered|*corpses recovered|*corpses were discovered|*corpses discovered|" +
		"*remains were found|*remains were recovered|*remains were discovered|*bodies were exhumed|*bodies exhumed|*bodies were unearthed|*bodies unearthed"},
	{sitrep.Arrest, 3, "*arrested|arrest|arrests+|*detained|*taken into custody|*apprehended|*rounded up|*nabbed|*took into custody"},
	{sitrep.Torture, 3, "*tortured|*subjected to torture|*ill-treated|custodial torture|*beaten in custody"},
	// people who protest name a protest weakly: "three protesters were shot
	// dead" reports a shooting
	{sitrep.Protest, 1, "protesters+|protestors+|demonstrators+"},
	{sitrep.Protest, 3, "protest|protests+|*protested|demonstration|demonstrations+|rally|rallies+|" +
		"sit-in|shutter-down strike|wheel-jam strike|strike|hunger strike|*marched|*took to the streets|*staged a protest|march|long march"},
	{sitrep.Visit, 3, "visit|*visited|official visit|state visit|trip to|*arrived in|*met with|meeting with|*held talks|talks with"},
}

// triggers maps a first word to the phrases starting with it, longest first.
var triggers = buildTriggers()

func buildTriggers() map[string][]trigger {
	m := map[string][]trigger{}
	for _, row := range triggerTable {
		for _, p := range strings.Split(row.phrases, "|") {
			t := trigger{typ: row.typ, strength: row.strength}
			if strings.HasPrefix(p, "*") {
				t.verbal = true
				p = p[1:]
			}
			if strings.HasSuffix(p, "+") {
				t.plural = true
				p = p[:len(p)-1]
			}
			t.words = strings.Fields(p)
			m[t.words[0]] = append(m[t.words[0]], t)
		}
	}
	// the longest phrase must be tried first: "shot dead" before "shot"
	for _, ts := range m {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].words) > len(ts[j].words) })
	}
	return m
}

// wordSet builds a set from "|"-separated words.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, "|") {
		m[w] = true
	}
	return m
}

// Casualty words: which figure a number near them counts.
var (
	killWords = wordSet("killed|kill|dead|died|succumbed|murder|murders|massacre|deaths|death|fatalities|fatality|lives|martyred|martyrdom|slain|murdered|bodies|" +
		"corpses|perished|massacred|kills|killing|toll|lifeless|executed|beheaded|beheading|behead|beheads")
	injureWords = wordSet("injured|wounded|hurt|injuries|injuring|wounding|injures|wounds|maimed")
	victimWords = wordSet("kidnapped|abducted|disappeared|hostage|hostages|missing|arrested|detained|held|abductions|" +
		"kidnappings|captive|captives|seized|taken|picked|arrest|arrests|rounded")
)

// Nouns that say a number is not a head count.
var notPeople = wordSet("km|kilometres|kilometers|kilometre|kilometer|miles|mile|metres|meters|m|kg|tonnes|tons|years|year|" +
	"months|month|days|day|weeks|week|hours|hour|minutes|minute|seconds|percent|per|%|dollars|rupees|rs|usd|times|" +
	"billion|million|crore|lakh|acres|feet|foot|inches|degrees|grams|gram|gm|mg|ml|litre|liter|liters|am|pm|a.m.|p.m.|o'clock|storey|storeys|votes|seats|cases|" +
	"incidents|attacks|rounds|shells|rockets|vehicles|houses|homes|buildings|schools|districts|villages|kilograms|litres|" +
	"groups|sides|factions|countries|nations|parties|provinces|regions|cities|towns|jets|aircraft|planes|helicopters|drones|" +
	"tanks|missiles|crashes")

// pluralIncidents name several incidents at once, which a figure can
// count ("three attacks") or sum over ("the toll of these attacks").
var pluralIncidents = wordSet("attacks|blasts|explosions|bombings|clashes|raids|strikes|airstrikes|ambushes|assaults|incidents|" +
	"operations|shootings|abductions|kidnappings|encounters")

// incidentCountWords stand between a count of incidents and their noun:
// "two separate attacks", "three coordinated blasts".
var incidentCountWords = wordSet("separate|coordinated|simultaneous|twin|suicide|deadly|major|different|other|more|further|" +
	"consecutive|successive|bomb|car|roadside|terrorist|terror|militant")

// Words marking a habitual or generic statement rather than an incident.
var habitual = wordSet("frequently|often|routinely|usually|regularly|repeatedly|countless|habitually|typically|generally|" +
	"increasingly|constantly|continually|everyday|daily|systematically|widespread")

// Multi-word habitual markers, checked on the lower-cased sentence.
var habitualPhrases = []string{"every year", "each year", "every day", "for years", "for decades", "over the years",
	"since then", "started to be", "continue to", "continues to", "have been", "has been carried", "are being",
	"is being", "tactics include", "such as", "cases of", "rise of", "in recent years", "over the past", "over the last", "for the last",
	"policy of", "campaign of", "pattern of", "one of", "rise in", "surge in", "increase in", "spate of", "wave of",
	"same period", "during the period", "stepped up", "step up", "intensified", "escalated their", "escalated its"}

// Words marking a future or hypothetical incident.
var futureWords = wordSet("will|would|shall|scheduled|proposed|planned|plans|planning|upcoming|expected|due|intends|intend|" +
	"could|might|may|must|should|threatened|threatens|vowed|vows|if|likely|potential|possible|unless|whether|option|options")

// Pronouns that can stand for a speaker.
var personPronouns = wordSet("he|she")

// Role nouns that stand for a speaker already named ("the BNM chief").
var personRoles = wordSet("chief|chairman|chairperson|chairwoman|leader|head|president|spokesman|spokesperson|spokeswoman|" +
	"minister|official|officer|commander|secretary|director|founder|activist|lawyer|governor|general|envoy|ambassador|" +
	"premier|senator|mp|lawmaker|cleric|journalist|analyst|convener|coordinator|member")
var groupRoles = actors.GroupRoles

// Nouns of people counted as victims or targets ("72 lawyers").
var determiners = wordSet("the|a|an|this|that|these|those|its|their|his|her|our|my|your|so-called|such|some|any|all|both|" +
	"several|many|other|another|each|every")

// Function words that end a noun phrase.
var npStop = wordSet("is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|must|may|might|did|do|does|" +
	"that|which|who|whom|whose|while|when|where|after|before|since|because|although|though|if|as|than|to|for|from|with|" +
	"without|by|in|on|at|into|onto|upon|under|over|against|through|during|including|like|near|outside|inside|across|" +
	"between|among|amid|amongst|around|about|said|says|also|not|no|but|however|yet|so|then|there|here|throughout|within|" +
	"beyond|along|toward|towards|via|per|despite|following|regarding|concerning|amidst|unless|until|whether|" +
	"used|carried|made|conducted|launched|committed|perpetrated|seen|taken|given|resulting|leaving|causing")

// Words that head an abuse or practice named as the object of an allegation.
var practiceHeads = wordSet("disappearances|disappearance|killings|killing|abductions|abduction|torture|violence|violations|" +
	"abuses|abuse|crimes|atrocities|graves|grave|punishment|genocide|massacres|massacre|executions|persecution|repression|" +
	"policies|policy|operations|terrorism|extremism|attacks|bombings|displacement|cleansing|oppression|crackdown")

// Facility nouns: a place or object that an attack targets.
var facilityNouns = wordSet("shrine|mosque|church|temple|school|college|university|academy|market|bazaar|hospital|checkpoint|" +
	"check-post|checkpost|post|camp|station|office|convoy|vehicle|bus|van|car|truck|train|house|home|residence|compound|" +
	"base|headquarters|court|courthouse|hotel|bank|embassy|consulate|pipeline|tower|bridge|factory|mine|plant|gathering|" +
	"rally|meeting|procession|funeral|wedding|ceremony|polling|patrol|outpost|barracks|jail|prison|port|airport|office")

// Nouns for unnamed attackers: they say who acted without naming an actor.
var anonymousAttackers = wordSet("gunmen|gunman|assailants|assailant|attackers|attacker|militants|militant|terrorists|terrorist|" +
	"insurgents|insurgent|men|persons|unknown|unidentified|bomber|bombers|kidnappers|kidnapper|miscreants|rebels|extremists")

// beVerbs: "is to visit", "were to meet": what is arranged to happen.
var beVerbs = wordSet("is|are|was|were")
