package actors

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/internal/text"
)

// Mention is a span of text naming an actor.
type Mention struct {
	Start, End  int // UTF-8 byte offsets
	Text        string
	ID          string // canonical id; for names the KB lacks, NormalID of the name
	Type        string
	Known       bool   // from the knowledge base
	Affiliation string // id of the organisation the text ties a person to ("BNM chief X")
}

// Force nouns after a nationality or country: "Pakistani troops".
var forceClass = map[string]string{
	"army": "military", "military": "military", "forces": "military", "troops": "military", "soldiers": "military",
	"establishment": "military", "navy": "military", "paramilitary": "military", "paramilitaries": "military",
	"police": "police", "policemen": "police", "government": "government", "authorities": "government",
	"officials": "government", "regime": "government", "administration": "government", "state": "government",
	"intelligence": "intelligence",
}

// Words that are never the start of a name, though capitalised at the start
// of a sentence or in a headline.
var notName = wordSet("the|a|an|in|on|at|for|but|and|or|within|without|across|around|near|this|that|these|those|he|she|it|they|we|i|you|his|her|their|its|our|" +
	"my|your|after|before|during|while|when|where|what|who|why|how|if|as|by|with|from|to|of|also|however|meanwhile|" +
	"according|following|despite|since|until|later|earlier|now|then|there|here|some|many|several|both|all|each|every|" +
	"no|not|other|another|such|more|most|two|three|four|five|monday|tuesday|wednesday|thursday|friday|saturday|sunday|" +
	"january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|" +
	"key|synopsis|read|click|share|watch|photo|file|video|update|breaking|exclusive|opinion|editorial|analysis|" +
	"mr|mrs|ms|dr|even|only|just|instead|calling|referring|speaking|addressing|addition|additionally|furthermore|" +
	"moreover|meanwhile|therefore|thus|yet|still|so|once|first|second|third|last|next|new|former|late|senior")

// Words that can open an organisation's name but are not part of a
// person's: "Southern Resistance Forces", "National Party".
var notPersonWord = wordSet("western|eastern|northern|southern|central|national|international|global|local|provincial|" +
	"federal|human|rights|government|state|police|army|military|security|forces|president|minister|prime|chief|" +
	"general|united|islamic|democratic|popular|revolutionary|liberation|people's|peoples|republic|ministry|party")

// Titles before a name: the name is a person.
var titles = wordSet("mr|mrs|ms|miss|dr|dr.|mr.|mrs.|ms.|prof|professor|sir|gen|gen.|general|lt|lt.|col|col.|colonel|maj|major|" +
	"capt|captain|brig|brigadier|mir|maulana|mufti|mullah|sheikh|shaikh|haji|hajji|syed|sardar|nawab|allama|imam|" +
	"senator|judge|justice|president|chairman|chairperson|chairwoman|minister|governor|commander|sergeant|inspector|" +
	"superintendent|lawyer|advocate|journalist|activist|leader|spokesman|spokesperson|spokeswoman|chief|founder|" +
	"secretary|ambassador|envoy|premier|mayor|councillor|councilor|editor|reporter|student|teacher|doctor|elder|cleric")

// Head words of organisation names, with the type they suggest.
var orgHeads = map[string]string{
	"movement": sitrep.PoliticalParty, "party": sitrep.PoliticalParty, "league": sitrep.PoliticalParty,
	"front": sitrep.ArmedGroup, "army": sitrep.ArmedGroup, "brigade": sitrep.ArmedGroup, "brigades": sitrep.ArmedGroup,
	"militia": sitrep.ArmedGroup, "mujahideen": sitrep.ArmedGroup, "lashkar": sitrep.ArmedGroup, "tigers": sitrep.ArmedGroup,
	"council": sitrep.Organisation, "association": sitrep.Organisation, "committee": sitrep.Organisation,
	"organisation": sitrep.Organisation, "organization": sitrep.Organisation, "commission": sitrep.Organisation,
	"agency": sitrep.Government, "ministry": sitrep.Government, "department": sitrep.Government, "court": sitrep.Government,
	"network": sitrep.Organisation, "union": sitrep.Organisation, "forum": sitrep.Organisation, "alliance": sitrep.Organisation,
	"group": sitrep.Organisation, "society": sitrep.Organisation, "foundation": sitrep.Organisation, "institute": sitrep.Organisation,
	"university": sitrep.Organisation, "board": sitrep.Government, "force": sitrep.StateForce, "forces": sitrep.StateForce,
	"corps": sitrep.StateForce, "police": sitrep.StateForce, "embassy": sitrep.Government, "radio": sitrep.Media,
	"news": sitrep.Media, "times": sitrep.Media, "tribune": sitrep.Media, "post": sitrep.Media, "television": sitrep.Media,
	"federation": sitrep.Organisation, "coalition": sitrep.Organisation, "office": sitrep.Government, "authority": sitrep.Government,
	"bureau": sitrep.Government, "assembly": sitrep.Government, "parliament": sitrep.Government, "senate": sitrep.Government,
	"survey": sitrep.Organisation, "international": sitrep.Organisation, "justice": sitrep.RightsGroup,
	"persons": sitrep.RightsGroup, "watch": sitrep.RightsGroup, "initiative": sitrep.Organisation, "trust": sitrep.Organisation,
	"service": sitrep.Government, "services": sitrep.Government, "government": sitrep.Government, "administration": sitrep.Government,
}

// Words inside an organisation name that mark a rights organisation.
var rightsWords = wordSet("rights|justice|missing|disappeared|amnesty|humanitarian|liberties|freedom|voice|victims|families")

// Lower-case joiners allowed inside a multi-word name.
var joiners = wordSet("of|for|the|and|al|ul|e|i|bin|ibn|de|del|la|el|ur|ud|da|van|von|'s")

// Role nouns that tie a person to an organisation: "BNM chief Naseem Baloch".
var roleNouns = wordSet("chief|chairman|chairperson|chairwoman|leader|head|president|spokesman|spokesperson|spokeswoman|" +
	"founder|commander|secretary|member|convener|coordinator|director|general")

// Single words that are common English words: in capitals they cannot be
// told from the word, so they never match alone in wire copy.
var capsAmbiguous = wordSet("amnesty|dawn|levies|rangers|contras|paank|hamas|taliban|basij|junta")

// Find returns every actor mention in text, in order, without overlaps.
func (kb *KB) Find(s string) []Mention {
	toks := text.Tokenize(s, 0, len(s))
	caps := text.IsAllCaps(s)
	taken := make([]bool, len(toks))
	var out []Mention
	add := func(i, j int, m Mention) {
		m.Start, m.End = toks[i].Start, toks[j-1].End
		m.Text = s[m.Start:m.End]
		for k := i; k < j; k++ {
			taken[k] = true
		}
		out = append(out, m)
	}
	// 1. known aliases, longest first
	for i := 0; i < len(toks); i++ {
		if j, a, ok := kb.aliasAt(s, toks, i, caps); ok {
			act := kb.actors[a.id]
			add(i, j, Mention{ID: a.id, Type: act.Type, Known: true})
			i = j - 1
		}
	}
	// 2. nationality or country + force noun: "Iranian forces", "Pakistan's military"
	for i := 0; i+1 < len(toks); i++ {
		if taken[i] {
			continue
		}
		if j, m, ok := kb.forceAt(s, toks, i, taken); ok {
			add(i, j, m)
			i = j - 1
		}
	}
	// 3. names the knowledge base lacks, and the acronyms they define
	if !caps {
		defined := map[string]Mention{}
		for i := 0; i < len(toks); i++ {
			if taken[i] {
				continue
			}
			j, m, ok := kb.nameAt(s, toks, i, taken)
			if !ok {
				continue
			}
			add(i, j, m)
			// "Long Name (LN)": LN is the same actor from here on
			if j+2 < len(toks) && toks[j].Lower == "(" && toks[j+2].Lower == ")" && isAcronym(toks[j+1].Text(s)) && !taken[j+1] {
				defined[toks[j+1].Text(s)] = m
				mm := m
				add(j+1, j+2, mm)
			}
			i = j - 1
		}
		// KB names followed by an acronym the KB lacks
		for _, m := range out {
			k := sort.Search(len(toks), func(x int) bool { return toks[x].Start >= m.End })
			if k+2 < len(toks) && toks[k].Lower == "(" && toks[k+2].Lower == ")" && isAcronym(toks[k+1].Text(s)) {
				if _, ok := defined[toks[k+1].Text(s)]; !ok {
					defined[toks[k+1].Text(s)] = m
				}
			}
		}
		for i := 0; i < len(toks); i++ {
			if taken[i] {
				continue
			}
			if m, ok := defined[toks[i].Text(s)]; ok {
				add(i, i+1, Mention{ID: m.ID, Type: m.Type, Known: m.Known})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	kb.affiliate(s, toks, out)
	return out
}

// aliasAt matches a known alias at token i.
func (kb *KB) aliasAt(s string, toks []text.Token, i int, caps bool) (int, alias, bool) {
	for _, a := range kb.byFirst[toks[i].Lower] {
		if i+len(a.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range a.words {
			if toks[i+k].Lower != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		surface := s[toks[i].Start:toks[i+len(a.words)-1].End]
		if a.acronym {
			if caps && len(a.surface) <= 2 {
				continue // "IS" and "US" are words in capitals
			}
			if !caps && strings.ReplaceAll(surface, ".", "") != strings.ReplaceAll(a.surface, ".", "") {
				continue
			}
		} else if caps {
			if len(a.words) == 1 && capsAmbiguous[a.words[0]] {
				continue
			}
		} else {
			// a proper name is capitalised in mixed-case text
			r, _ := utf8.DecodeRuneInString(surface)
			r0, _ := utf8.DecodeRuneInString(a.surface)
			if unicode.IsUpper(r0) && !unicode.IsUpper(r) {
				continue
			}
		}
		return i + len(a.words), a, true
	}
	return 0, alias{}, false
}

// forceAt reads a nationality or country followed by a force noun.
func (kb *KB) forceAt(s string, toks []text.Token, i int, taken []bool) (int, Mention, bool) {
	if kb.gaz == nil || toks[i].Kind != text.Word || !toks[i].Capitalised(s) {
		return 0, Mention{}, false
	}
	w := toks[i].Text(s)
	cc, ok := kb.gaz.CountryOfDemonym(w)
	j := i + 1
	if !ok {
		for _, e := range kb.gaz.Lookup(w) {
			if e.Kind.Precision() == sitrep.PlaceCountry {
				cc, ok = e.Country, true
				break
			}
		}
		if ok && j < len(toks) && toks[j].Lower == "'s" {
			j++
		}
	}
	if !ok || j >= len(toks) || taken[j] {
		return 0, Mention{}, false
	}
	k := j
	if toks[k].Lower == "security" || toks[k].Lower == "armed" || toks[k].Lower == "intelligence" && k+1 < len(toks) && (toks[k+1].Lower == "agencies" || toks[k+1].Lower == "services") {
		k++
	}
	if k >= len(toks) {
		return 0, Mention{}, false
	}
	class, ok := forceClass[toks[k].Lower]
	if toks[k].Lower == "agencies" || toks[k].Lower == "services" {
		class, ok = "intelligence", true
	}
	if !ok {
		return 0, Mention{}, false
	}
	country := strings.ToLower(cc)
	if c, ok := kb.gaz.CountryByCode(cc); ok {
		country = NormalID(c.Name)
	}
	id := country + "-" + class
	typ := sitrep.StateForce
	if class == "government" {
		typ = sitrep.Government
	}
	_, known := kb.actors[id]
	return k + 1, Mention{ID: id, Type: typ, Known: known}, true
}

// nameAt reads a capitalised name the knowledge base lacks: a person (2–4
// name words, or one after a title) or an organisation (ending in a head
// word such as "Movement" or "Committee").
func (kb *KB) nameAt(s string, toks []text.Token, i int, taken []bool) (int, Mention, bool) {
	isCap := func(k int) bool {
		return k < len(toks) && !taken[k] && toks[k].Kind == text.Word && toks[k].Capitalised(s)
	}
	if !isCap(i) || notName[toks[i].Lower] && !titles[toks[i].Lower] {
		return 0, Mention{}, false
	}
	start := i
	titled := false
	for start < len(toks) && titles[strings.TrimSuffix(toks[start].Lower, ".")] && isCap(start+1) {
		titled = true
		start++
		if start < len(toks) && toks[start].Lower == "." {
			start++
		}
	}
	if start > i && (notName[toks[start].Lower] || !isCap(start)) {
		return 0, Mention{}, false
	}
	j := start
	for j < len(toks) {
		if isCap(j) && !(j > start && (toks[j].Lower == "said" || monthOrDay(toks[j].Lower))) {
			j++
			continue
		}
		// a joiner between two capitalised words: "Voice for Justice"
		if j > start && j+1 < len(toks) && joiners[toks[j].Lower] && !taken[j] && isCap(j+1) {
			j++
			continue
		}
		break
	}
	// drop trailing joiners
	for j > start && joiners[toks[j-1].Lower] {
		j--
	}
	n := j - start
	if n == 0 {
		return 0, Mention{}, false
	}
	head := toks[j-1].Lower
	if typ, ok := orgHeads[head]; ok && (n >= 2 || titled) {
		if typ == sitrep.Organisation || typ == sitrep.PoliticalParty {
			for k := start; k < j; k++ {
				if rightsWords[toks[k].Lower] {
					typ = sitrep.RightsGroup
				}
			}
		}
		name := s[toks[start].Start:toks[j-1].End]
		return j, Mention{ID: NormalID(name), Type: typ}, true
	}
	// rights bodies named "Voice for …" and the like end in a plain word
	if n >= 3 && (toks[start].Lower == "voice" || hasRightsWord(toks, start, j)) {
		name := s[toks[start].Start:toks[j-1].End]
		return j, Mention{ID: NormalID(name), Type: sitrep.RightsGroup}, true
	}
	if n > 4 || n == 1 && !titled {
		return 0, Mention{}, false
	}
	// a person: no word of the name is a function word, and it is not a place
	for k := start; k < j; k++ {
		if notName[toks[k].Lower] || notPersonWord[toks[k].Lower] || joiners[toks[k].Lower] && toks[k].Lower != "ul" && toks[k].Lower != "bin" {
			return 0, Mention{}, false
		}
	}
	name := s[toks[start].Start:toks[j-1].End]
	if kb.gaz != nil && !titled {
		if es := kb.gaz.Lookup(name); len(es) > 0 {
			return 0, Mention{}, false
		}
		// "Within Pakistan", "Arabian Sea": a word that is a country or province is no given name
		for k := start; k < j; k++ {
			for _, e := range kb.gaz.Lookup(toks[k].Text(s)) {
				if p := e.Kind.Precision(); p == sitrep.PlaceCountry || p == sitrep.PlaceProvince {
					if _, dem := kb.gaz.CountryOfDemonym(toks[k].Text(s)); !dem {
						return 0, Mention{}, false
					}
				}
			}
		}
		if _, ok := kb.gaz.CountryOfDemonym(toks[start].Text(s)); ok && n == 2 {
			// "Baloch Sarmachars", "Afghan refugees": a people, not a person
			return j, Mention{ID: NormalID(name), Type: sitrep.Organisation}, true
		}
	}
	from := i
	if !titled {
		from = start
	}
	_ = from
	return j, Mention{ID: NormalID(name), Type: sitrep.Person}, true
}

func hasRightsWord(toks []text.Token, from, to int) bool {
	n := 0
	for k := from; k < to; k++ {
		if rightsWords[toks[k].Lower] {
			n++
		}
	}
	return n > 0 && to-from >= 3
}

func monthOrDay(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december":
		return true
	}
	return false
}

// affiliate ties persons to the organisation the text names with their
// role: "BNM chief Naseem Baloch", "Chairman of Baloch National Movement
// (BNM) Dr Naseem Baloch", "Naseem Baloch, chairman of the BNM".
func (kb *KB) affiliate(s string, toks []text.Token, ms []Mention) {
	tokAt := func(off int) int { return sort.Search(len(toks), func(x int) bool { return toks[x].Start >= off }) }
	for pi := range ms {
		p := &ms[pi]
		if p.Type != sitrep.Person {
			continue
		}
		i := tokAt(p.Start)
		// look back a few tokens for "<org> <role>" or "<role> of <org> (ACR)"
		for qi := pi - 1; qi >= 0 && qi >= pi-3; qi-- {
			o := ms[qi]
			if o.Type == sitrep.Person || o.End > p.Start {
				continue
			}
			gap := toks[tokAt(o.End):i]
			if len(gap) > 4 {
				break
			}
			for _, g := range gap {
				if roleNouns[g.Lower] {
					p.Affiliation = o.ID
				}
			}
			if len(gap) == 0 || len(gap) <= 2 && (gap[0].Lower == "(" || gap[0].Lower == ")") {
				// "Movement (BNM) Dr Naseem": look further back for the role
				k := tokAt(o.Start) - 1
				for k >= 0 && k >= tokAt(o.Start)-3 {
					if roleNouns[toks[k].Lower] {
						p.Affiliation = o.ID
					}
					k--
				}
			}
			if p.Affiliation != "" {
				break
			}
		}
		if p.Affiliation != "" {
			continue
		}
		// "X, chairman of the BNM"
		e := tokAt(p.End)
		if e+3 < len(toks) && toks[e].Lower == "," && roleNouns[toks[e+1].Lower] {
			for qi := pi + 1; qi < len(ms) && qi <= pi+2; qi++ {
				if ms[qi].Type != sitrep.Person && ms[qi].Start-toks[e+1].End < 20 {
					p.Affiliation = ms[qi].ID
					break
				}
			}
		}
	}
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, "|") {
		m[w] = true
	}
	return m
}
