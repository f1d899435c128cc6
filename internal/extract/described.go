package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/text"
)

// describedHeads are nouns that name actors by what they are rather than
// by name: forces, armed groups, authorities, parties to a statement and
// the communities an incident strikes. The value is the actor type.
var describedHeads = func() map[string]string {
	m := map[string]string{}
	for typ, words := range map[string]string{
		sitrep.StateForce: "police|policemen|troops|soldiers|forces|army|military|paramilitaries|peacekeepers|gendarmes|" +
			"guards|enforcers|commandos|marines|rangers|levies",
		sitrep.ArmedGroup: "militants|insurgents|rebels|gunmen|terrorists|bandits|gangsters|gangs|gang|squads|jihadists|" +
			"extremists|separatists|militias|militia|fighters|attackers|assailants|kidnappers|bombers|guerrillas|mercenaries|" +
			"paramilitary|loyalists|republicans|colectivos|pirates|traffickers|smugglers|cartel|cartels",
		sitrep.Government: "authorities|government|officials|prosecutors|ministry|administration|regime|junta|judiciary|" +
			"presidency|commission",
		sitrep.Group: "politicians|leaders|protesters|protestors|demonstrators|activists|families|relatives|residents|villagers|" +
			"witnesses|eyewitnesses|survivors|civilians|hostages|captives|migrants|refugees|worshippers|pilgrims|students|" +
			"parents|journalists|lawyers|doctors|medics|workers|farmers|herders|traders|passengers|tourists|detainees|" +
			"prisoners|suspects|victims|muslims|christians|hindus|sikhs|shiites|shias|sunnis|copts|ahmadis|minorities|" +
			"tribesmen|community|communities|critics|opposition|parties|clerics|elders|teenagers|schoolgirls|schoolchildren",
	} {
		for _, w := range strings.Split(words, "|") {
			m[w] = typ
		}
	}
	return m
}()

// describedModifiers may stand before a described head inside its name:
// "security forces", "local officials", "opposition leaders", "death
// squads", "aid workers".
var describedModifiers = wordSet("security|local|opposition|death|aid|rescue|government|state|federal|provincial|regional|" +
	"border|armed|suspected|foreign|rights|human|religious|tribal|militant|rebel|police|army|military|paramilitary|" +
	"special|elite|riot|law|ruling|senior|top|political|civil|civilian|shia|sunni|shiite|ethnic|student|woman|women|" +
	"western|pro-government|anti-government|drug|criminal|pro-state|unidentified|unknown|masked|heavily|nationalist|" +
	"separatist|jihadist|islamist|militia|community|village|party|coalition|allied|interim|transitional|military-backed")

// noteDescribedActors lists the actors a document describes rather than
// names ("security forces", "local officials", "death squads", "Shia
// Muslims") where a sentence reports an incident or a statement: they are
// parties to what the document records, though the knowledge base holds
// no name for them. Bare determiners, numbers and pronouns are no part of
// the name.
func (d *docState) noteDescribedActors() {
	for si, s := range d.rd.Sentences {
		if d.attrib[si] == nil && !d.reportsIncident(si) {
			continue
		}
		toks := s.Tokens
		for i := 0; i < len(toks); i++ {
			typ, ok := describedHeads[toks[i].Lower]
			if !ok || toks[i].Kind != text.Word {
				continue
			}
			if i+1 < len(toks) && toks[i+1].Kind == text.Word && describedHeads[toks[i+1].Lower] != "" {
				continue // "police officers": the head is the last noun
			}
			if d.insideMention(si, toks[i].Start) {
				continue
			}
			from := i
			for from > 0 && i-from < 3 && (describedModifiers[toks[from-1].Lower] || toks[from-1].Capitalised(d.text) && !d.rd.AllCaps &&
				!determiners[toks[from-1].Lower] && !clauseWords[toks[from-1].Lower] && !npStop[toks[from-1].Lower]) {
				if d.insideMention(si, toks[from-1].Start) && !d.placeAt(si, toks[from-1].Start) {
					break
				}
				from--
			}
			if from == i && typ == sitrep.Group && !groupAlone[toks[i].Lower] {
				continue // "workers", "parents" alone name no one in particular
			}
			r := d.phraseArgTyped(si, from, i+1, typ)
			d.note(r, "")
		}
	}
}

// groupAlone: heads that name a party on their own, without a modifier.
var groupAlone = wordSet("politicians|protesters|protestors|demonstrators|activists|families|relatives|residents|villagers|" +
	"witnesses|eyewitnesses|survivors|civilians|hostages|migrants|refugees|worshippers|pilgrims|journalists|detainees|" +
	"prisoners|suspects|critics|opposition|shiites|copts|ahmadis|schoolgirls|tribesmen|clerics")

// insideMention reports an actor mention covering byte offset off.
func (d *docState) insideMention(si, off int) bool {
	for _, m := range d.actorsIn(si) {
		if m.Start <= off && off < m.End {
			return true
		}
	}
	return false
}

// reportsIncident reports a sentence that is evidence of an event.
func (d *docState) reportsIncident(si int) bool {
	for _, e := range d.events {
		for _, s := range e.sents {
			if s == si {
				return true
			}
		}
	}
	return false
}

// listable reports whether a name the knowledge base does not hold can
// stand in the document's list of actors: not a pronoun, a day or a
// month, not a fragment of a clause ("Maoist rebels stormed a post",
// "close range", "least 20 people"), and, for a class of people or a
// thing, one whose head names people, a body or a targeted place.
func listable(name, typ string) bool {
	name = listName(name)
	if name == "" {
		return false
	}
	words := strings.Fields(text.Lower(name))
	if len(words) > 1 && (words[0] == "a" || words[0] == "an" || words[0] == "the") {
		words = words[1:] // "a crowded shrine" is read as "crowded shrine"
	}
	first, last := words[0], words[len(words)-1]
	if len(name) < 2 || len(words) == 1 && (first == "others" || first == "members") {
		return false // "X", a letter; "others" alone
	}
	if len(words) == 1 && (pronouns[first] || first == "i" || first == "we" || first == "you" || dayMonth[first]) && typ != sitrep.Person {
		return false
	}
	if dayMonth[last] && typ != sitrep.Person || fragmentStart[first] && first != "least" || npStop[last] || determiners[last] || clauseWords[last] {
		return false
	}
	for k := 1; k+1 < len(words); k++ {
		w := words[k]
		if clauseVerb[w] || strings.HasSuffix(w, "ed") && !describingParticiples[w] && !strings.Contains(w, "-") && w != "armed" {
			return false // "rebels stormed a police post"
		}
	}
	if typ == sitrep.Person && len(words) == 1 && (actors.CommonName(words[0]) || personHeads[first] || genericRole[first] || len(first) < 2) {
		return false // "Khan" alone names no one, nor "the minister" never named
	}
	switch typ {
	case sitrep.Group, sitrep.Facility:
		// a class of people or a thing targeted is listed; an abstraction
		// or a measure is not ("close range", "cost", "dozens", "area")
		last = strings.Trim(last, "\"'’")
		return !abstractHeads[last] && !attackNouns[last] && last != "incident" && last != "violence" && !practiceHeads[last]
	}
	return true
}

// abstractHeads head phrases that name no party: places in general,
// measures, manners and amounts.
var abstractHeads = wordSet("area|areas|range|cost|costs|dozens|hundreds|thousands|scores|attempt|attempts|anonymity|condition|" +
	"strife|time|times|way|ways|part|parts|side|sides|lives|life|death|deaths|number|numbers|toll|rest|some|most|" +
	"many|few|one|ones|place|places|region|regions|territory|direction|distance|spot|scene|site|sites|level|levels|" +
	"force|relation|relations|order|orders|reason|reasons|fear|fears|support|help|aid|case|cases|issue|issues|matter|" +
	"situation|incident|incidents|event|events|video|videos|statement|report|reports|media|news|board|die|dead|" +
	"displaced|wounded|injured|killed|missing|next|lined|packed|working|returning|responding|belonging|gathered|acting|" +
	"fire|engagement|engagements|location|locations")

// listName is the name an actor is listed under: one line, without what
// is left of "at least" before it or a participle after it ("at least 20
// people" → "20 people", "private factory located" → "private factory").
func listName(name string) string {
	if strings.ContainsAny(name, "\n\r\t") || strings.Contains(name, "  ") {
		name = strings.Join(strings.Fields(name), " ")
	}
	for _, p := range []string{"at least ", "least ", "more than ", "nearly ", "about ", "around ", "some "} {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			name = name[len(p):]
			break
		}
	}
	for {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 {
			return name
		}
		w := name[i+1:]
		if !(len(w) > 2 && (w[len(w)-2:] == "ed" || w[len(w)-2:] == "ED")) && !clauseVerb[w] && w != "run" {
			return name
		}
		if w = text.Lower(w); describingParticiples[w] {
			return name
		}
		name = name[:i]
	}
}

var dayMonth = wordSet("monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|" +
	"august|september|october|november|december|today|yesterday|tomorrow|tonight|weekend|week|morning|evening|night|afternoon|" +
	"dawn|midnight|noon|overnight")

// fragmentStart: words that open no actor's name ("least 20 people" is
// what is left of "at least 20 people").
var fragmentStart = wordSet("least|most|more|less|than|by|of|to|in|on|at|for|with|from|and|or|but|how|what|which|who|whose|" +
	"that|said|says|after|before|during|while|when|where|since|as|if")

// clauseVerb: verbs that show a phrase is a clause, not a name.
var clauseVerb = wordSet("is|are|was|were|has|have|had|took|take|takes|left|killed|kills|said|says|told|made|went|came|" +
	"shot|hit|struck|led|left|died|die|dies|working|fled|ran|gave|got|saw|seen")

// victimNouns head a class of people a target or victim belongs to.
var victimNouns = wordSet("people|persons|men|women|children|child|girls|boys|girl|boy|man|woman|teenager|infant|babies|" +
	"family|members|officers|policemen|soldiers|personnel|staff|employees|students|pupils|teachers|worshippers|" +
	"shoppers|pedestrians|motorists|commuters|guests|crew|miners|labourers|laborers|villagers|nationals|citizens|" +
	"foreigners|hazaras|females|males|individuals|youths|youth|mourners|bystanders|customers|patients|nurses|" +
	"lawmakers|officials|engineers|contractors|peacekeepers|troops|guards|deceased|dead|wounded|injured")
