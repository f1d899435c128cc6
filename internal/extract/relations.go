package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/text"
)

// How the two sides of a relation pattern are found around it.
const (
	subjLeftObjRight = iota // "X supports Y"
	objLeftSubjRight        // "Y backed by X"
	speakerObjRight         // "[speaker] urged Y"
	subjLeftOnly            // "X claimed responsibility"
	accusedOfPattern        // "accused X of Y"
	standsAgainst           // "X stands firmly with Z against Y"
)

type relPattern struct {
	words []string
	typ   string
	shape int
}

var relTable = []struct {
	typ, shape string
	phrases    string
}{
	{sitrep.Supports, "lr", "using|uses|started using|supporting|supports|backs|backing|arming|funding|financing|sheltering|" +
		"harbouring|harboring|patronising|patronizing|collaboration with|collaborating with|collaborates with|aligned with|" +
		"align itself with|aligns itself with|align with|aligns with|given refuge to|giving refuge to|provided refuge to|" +
		"sponsoring|support for|support to|facilitating|protecting|shielding|propping up|sponsors"},
	{sitrep.Supports, "rl", "backed by|supported by|sponsored by|funded by|armed by|sheltered by|protected by|patronised by|" +
		"with the support of|with the backing of|with the implicit backing of|with the active support of|with the help of|" +
		"under the protection of|under the patronage of|at the behest of|the support of|the backing of|proxy of|proxies of|" +
		"under state patronage"},
	{sitrep.ResponsibleFor, "lr", "responsible for|implicated in|involved in|policy of|behind|named in connection with|" +
		"in connection with|committing|committed|perpetrating|perpetrated|orchestrated|masterminded|guilty of|carried out|" +
		"carrying out|complicit in|entrenched a policy of"},
	{sitrep.LinkedTo, "lr", "linked to|links to|link to|ties to|ties with|links with|connected to|connection to|associated with|" +
		"affiliated with|close to"},
	{sitrep.Condemns, "lr", "condemned|condemns|condemnation of|stands against|stand against|stands firmly against|denounced|denounces"},
	{sitrep.Condemns, "stand", "stands|stand|stood"},
	{sitrep.Demands, "sr", "urged|urges|called on|calls on|calling on|called upon|appealed to|appeals to|asked|demanded that|" +
		"pressed|pressing"},
	{sitrep.ClaimsResponsibility, "l", "claimed responsibility|claims responsibility|claiming responsibility|accepted responsibility|" +
		"owned responsibility"},
	{sitrep.Denies, "l", "denied involvement|denied responsibility|denied any role|denied the allegations|denied the allegation|" +
		"denied the charges|denies involvement|denies the allegations|rejected the allegations"},
	{sitrep.ResponsibleFor, "acc", "accused|accuses|blamed|blames|criticise|criticised|criticize|criticized|criticises|criticizes|" +
		"holding|held"},
}

var relPatterns = buildRelPatterns()

func buildRelPatterns() map[string][]relPattern {
	shapes := map[string]int{"lr": subjLeftObjRight, "rl": objLeftSubjRight, "sr": speakerObjRight, "l": subjLeftOnly, "acc": accusedOfPattern, "stand": standsAgainst}
	m := map[string][]relPattern{}
	for _, row := range relTable {
		for _, p := range strings.Split(row.phrases, "|") {
			w := strings.Fields(p)
			m[w[0]] = append(m[w[0]], relPattern{words: w, typ: row.typ, shape: shapes[row.shape]})
		}
	}
	for _, ps := range m {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return m
}

// relationHit is one relation found in a sentence.
type relationHit struct {
	rel       sitrep.Relation
	tok       int
	subj, obj ref
}

// words skipped between a subject and its verb: "X has started using".
var verbGap = wordSet("has|have|had|been|is|are|was|were|be|being|started|begun|began|continues|continue|continued|to|also|" +
	"allegedly|reportedly|openly|actively|only|not|implicitly|itself|themselves|now|long|reported|repeatedly|further|" +
	"widely|directly|indirectly|the|documented|alleged|their|its|his|her|\"|'")

// relationsIn finds relation patterns in tokens [from, to) of sentence si.
// speaker is the claim's speaker, the subject of demands.
func (d *docState) relationsIn(si, from, to int, speaker ref) []relationHit {
	toks := d.rd.Sentences[si].Tokens
	var out []relationHit
	for i := from; i < to; i++ {
		ps := relPatterns[toks[i].Lower]
		for _, p := range ps {
			end, ok := matchWordsEnd(toks, i, p.words)
			if !ok {
				continue
			}
			var subj, obj ref
			var okS, okO bool
			switch p.shape {
			case subjLeftObjRight:
				subj, okS = d.leftArg(si, i, speaker)
				obj, okO = d.rightArg(si, end, to)
			case objLeftSubjRight:
				obj, okS = d.leftArg(si, i, speaker)
				subj, okO = d.rightArg(si, end, to)
			case speakerObjRight:
				subj, okS = speaker, speaker.ID != ""
				obj, okO = d.rightArg(si, end, to)
				okO = okO && isActorType(obj.typ)
			case subjLeftOnly:
				subj, okS = d.leftArg(si, i, speaker)
				obj, okO = ref{ActorRef: sitrep.ActorRef{ID: "", Name: "the incident"}}, true
			case standsAgainst:
				k := end
				for k < to && k < end+6 && toks[k].Lower != "against" && toks[k].Kind != text.Punct {
					k++
				}
				if k >= to || toks[k].Lower != "against" {
					break
				}
				subj, okS = d.leftArg(si, i, speaker)
				obj, okO = d.rightArg(si, k+1, to)
			case accusedOfPattern:
				// "accused X of Y", "blamed X for Y", "criticise X for Y"
				k := end
				subj, okS = d.rightArg(si, k, to)
				for k < to && toks[k].Lower != "of" && toks[k].Lower != "for" {
					k++
				}
				if k < to {
					obj, okO = d.rightArg(si, k+1, to)
				}
				if okO && obj.typ != sitrep.Practice {
					// "accused X of conducting operations": not an abuse named as such
					okO = false
				}
			}
			if !okS || !okO || subj.ID == obj.ID && subj.ID != "" {
				break
			}
			typ := p.typ
			if typ == sitrep.LinkedTo && obj.typ == sitrep.Practice {
				typ = sitrep.ResponsibleFor
			}
			if typ == sitrep.Supports && (obj.typ == sitrep.Practice || subj.typ == sitrep.Practice) {
				break
			}
			if typ == sitrep.ResponsibleFor && obj.typ != sitrep.Practice {
				break
			}
			if (typ == sitrep.Condemns || typ == sitrep.LinkedTo || typ == sitrep.Supports) && !isActorType(obj.typ) {
				break
			}
			if isPronoun(subj.Name) || isPronoun(obj.Name) {
				break
			}
			for _, sj := range d.coordinated(si, subj) {
				for _, ob := range d.coordinated(si, obj) {
					out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: sj.ActorRef, Object: ob.ActorRef}, tok: i, subj: sj, obj: ob})
				}
			}
			i = end - 1
			break
		}
	}
	return out
}

func matchWords(toks []text.Token, i int, words []string) bool {
	_, ok := matchWordsEnd(toks, i, words)
	return ok
}

// matchWordsEnd matches words from token i, stepping over quotation marks
// inside the phrase (`"widely responsible" for`), and returns the end.
func matchWordsEnd(toks []text.Token, i int, words []string) (int, bool) {
	k := i
	for n, w := range words {
		for n > 0 && k < len(toks) && (toks[k].Lower == `"` || toks[k].Lower == "'") {
			k++
		}
		if k >= len(toks) || toks[k].Lower != w {
			return 0, false
		}
		k++
	}
	return k, true
}

// leftArg finds the actor a pattern at token i is about: the mention just
// before it (skipping auxiliaries, possessives and appositives), else the
// subject of the clause.
func (d *docState) leftArg(si, i int, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	if e >= 2 && toks[e].Lower == ")" && toks[e-2].Lower == "(" {
		e-- // "Long Name (LN) claimed": the acronym stands for the name
	}
	for e >= 0 && (verbGap[toks[e].Lower] || toks[e].Lower == "'s" || toks[e].Lower == "who" || toks[e].Lower == "which") {
		if toks[e].Lower == "'s" {
			e--
			break
		}
		if toks[e].Lower == "their" || toks[e].Lower == "its" {
			// "their documented links to X": the actors of the sentence before
			if rs := d.previousSubjects(si, speaker); len(rs) > 0 {
				r := rs[0]
				r.also = rs[1:]
				return r, true
			}
		}
		e--
	}
	// "accused X of … with the support of Y": the accused is the one supported
	for k := i - 1; k >= 0; k-- {
		if toks[k].Lower == "accused" || toks[k].Lower == "accuses" {
			if r, ok := d.rightArg(si, k+1, i); ok && isActorType(r.typ) {
				return r, true
			}
			break
		}
	}
	if e >= 0 && d.placeAt(si, toks[e].Start) {
		e = -1 // a place is where, not who
	}
	if e >= 0 && (toks[e].Lower == "it" || toks[e].Lower == "they") {
		// "the militia … because it is backed by": the armed body named before
		for k := e - 1; k >= 0; k-- {
			if armedHeads[toks[k].Lower] {
				from, to := npLeft(toks, k+1)
				if from < to {
					return d.phraseArg(si, from, to), true
				}
			}
		}
		e = -1
	}
	if e >= 0 {
		if personPronouns[toks[e].Lower] && speaker.typ == sitrep.Person {
			return speaker, true
		}
		if m, ok := d.mentionEndingAt(si, toks[e].End); ok && (m.Type != sitrep.Country && !d.placeAt(si, m.Start) || d.countryActs(si, m)) {
			return d.canonical(d.mentionRef(m)), true
		}
		// "which are criminal gangs backed by": the antecedent of "which"
		from, to := npLeft(toks, e+1)
		if from >= 2 && (toks[from-1].Lower == "are" || toks[from-1].Lower == "is") && (toks[from-2].Lower == "which" || toks[from-2].Lower == "who" || toks[from-2].Lower == "that") {
			k := from - 3
			for k >= 0 && (toks[k].Kind == text.Punct) {
				k--
			}
			if k >= 0 {
				if m, ok := d.mentionEndingAt(si, toks[k].End); ok {
					return d.canonical(d.mentionRef(m)), true
				}
				f2, t2 := npLeft(toks, k+1)
				if f2 < t2 {
					return d.phraseArg(si, f2, t2), true
				}
			}
		}
		if from < to && to-from >= 2 && groupDescriptions[toks[to-1].Lower] && toks[from].Lower != "unknown" && toks[from].Lower != "unidentified" {
			return d.phraseArgTyped(si, from, to, sitrep.ArmedGroup), true
		}
		if from < to && (hasWord(toks, from, to, practiceHeads) || isCapitalisedPhrase(d.text, toks, from, to) || hasWord(toks, from, to, groupRoles)) {
			if to-from <= 5 && !hasWord(toks, from, to, speechCueWords) {
				return d.phraseArg(si, from, to), true
			}
		}
	}
	// the nearest actor before the pattern that is not a modifier ("leader of X")
	ms := d.actorsIn(si)
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.End > toks[i].Start {
			continue
		}
		if d.placeAt(si, m.Start) || m.Type == sitrep.Country {
			continue
		}
		j := tokenIndex(toks, m.Start)
		for j > 0 && determiners[toks[j-1].Lower] {
			j--
		}
		if j > 0 && toks[j-1].Lower == "of" {
			continue
		}
		if k2 := tokenIndex(toks, m.End); k2 < len(toks) && toks[k2].Start >= m.End && personRoles[toks[k2].Lower] {
			// "Omar Khan, a militia leader": the group names the person's role
			if p, ok := d.appositiveOf(si, j); ok {
				return p, true
			}
			continue
		}
		r := d.mentionRef(m)
		if r.ID == speaker.ID {
			continue
		}
		return d.canonical(r), true
	}
	return ref{}, false
}

var speechCueWords = func() map[string]bool {
	m := map[string]bool{}
	for k := range speechCues {
		m[k] = true
	}
	return m
}()

// rightArg finds the actor or practice named just after token i.
func (d *docState) rightArg(si, i, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if i >= len(toks) {
		return ref{}, false
	}
	// an abuse named right after the pattern wins over actors named inside it
	// ("linked to sectarian violence, including attacks against X")
	if from, end := npRight(toks, i); from < end && from <= i+1 {
		if r := d.phraseArg(si, from, end); r.typ == sitrep.Practice {
			if _, ok := d.mentionStartingAt(si, toks[from].Start); !ok {
				return d.rightPractice(si, r, end), true
			}
		}
	}
	// the first actor within a short reach: "groups such as ISIS"
	limit := i + 8
	if limit > len(toks) {
		limit = len(toks)
	}
	for k := i; k < limit; k++ {
		if toks[k].Lower == "." || toks[k].Lower == ";" || toks[k].Lower == ":" {
			break
		}
		// a country that acts ("accused India of") is an actor, one that
		// is a setting ("attacks in Pakistan") is not
		if m, ok := d.mentionStartingAt(si, toks[k].Start); ok && (!d.placeAt(si, m.Start) || d.countryActs(si, m)) {
			// "the Pakistan army's reported collaboration": a possessive is not the object
			if k > i+3 && !hasWord(toks, i, k, wordSet("as|like|including|namely")) {
				break
			}
			return d.canonical(d.mentionRef(m)), true
		}
	}
	from, end := npRight(toks, i)
	if from >= end {
		return ref{}, false
	}
	return d.rightPractice(si, d.phraseArg(si, from, end), end), true
}

// rightPractice narrows a broad abuse to the first one listed after it:
// "grave violations, including enforced disappearances".
func (d *docState) rightPractice(si int, r ref, end int) ref {
	toks := d.rd.Sentences[si].Tokens
	if r.typ == sitrep.Practice && broadPractice[toks[end-1].Lower] {
		k := end
		for k < len(toks) && k < end+6 && toks[k].Lower != "including" && toks[k].Lower != "." && toks[k].Lower != ";" {
			k++
		}
		if k < len(toks) && toks[k].Lower == "including" {
			if f2, t2 := npRight(toks, k+1); f2 < t2 {
				if inc := d.phraseArg(si, f2, t2); inc.typ == sitrep.Practice {
					return inc
				}
			}
		}
	}
	return r
}

// phraseArg makes an actor of a phrase: a practice when it names an abuse,
// otherwise a group or organisation.
func (d *docState) phraseArg(si, from, to int) ref {
	toks := d.rd.Sentences[si].Tokens
	phrase := spanText(d.text, toks, from, to)
	if to-from == 1 && toks[from].Capitalised(d.text) {
		if r, ok := d.personBySurname(phrase); ok {
			return d.canonical(r) // "Mengal" after "Shafeeq Mengal"
		}
	}
	typ := sitrep.Group
	// the head of "the targeted killings of activists" is "killings"
	head := to - 1
	for k := from; k < to; k++ {
		if toks[k].Lower == "of" {
			head = k - 1
			break
		}
	}
	if head >= from && practiceHeads[toks[head].Lower] {
		typ = sitrep.Practice
	} else if head >= from && armedHeads[toks[head].Lower] {
		typ = sitrep.ArmedGroup
	} else if isCapitalisedPhrase(d.text, toks, from, to) {
		typ = sitrep.Organisation
	}
	return d.phraseRef(phrase, typ)
}

// canonical names an actor the same way wherever a relation refers to it,
// so one actor stated several ways is one relation end: by the name the
// document first used for it (readers and other sources search for the
// report's own words), else the knowledge base's name.
func (d *docState) canonical(r ref) ref {
	if a, ok := d.actors[r.ID]; ok && a.first != "" {
		r.Name = a.first
	} else if a, ok := d.x.kb.Get(r.ID); ok {
		r.Name = a.Name
	}
	if r.typ == "" {
		if a, ok := d.x.kb.Get(r.ID); ok {
			r.typ = a.Type
		}
	}
	return r
}

// isActorType reports whether a phrase type names an actor rather than a
// practice, a facility or a bare class of people.
func isActorType(t string) bool {
	switch t {
	case sitrep.Practice, sitrep.Facility, sitrep.Group, "":
		return false
	}
	return true
}

var pronouns = wordSet("it|they|them|this|that|these|those|he|she|him|her|we|us|itself|themselves|which|who")

func isPronoun(name string) bool { return pronouns[text.Lower(name)] }

// coordinated returns r and the actors joined to it by "and" in the
// sentence ("Kakar and Bugti are responsible", "the army and intelligence
// agencies").
func (d *docState) coordinated(si int, r ref) []ref {
	out := append([]ref{r}, r.also...)
	toks := d.rd.Sentences[si].Tokens
	for _, m := range d.actorsIn(si) {
		if m.Text != r.Name && d.mentionRef(m).ID != r.ID {
			continue
		}
		j := tokenIndex(toks, m.Start)
		k := tokenIndex(toks, m.End)
		// X and Y
		if k+1 < len(toks) && toks[k].Lower == "and" {
			if n, ok := d.mentionStartingAt(si, toks[k+1].Start); ok && !d.placeAt(si, n.Start) {
				out = append(out, d.canonical(d.mentionRef(n)))
			} else if from, to := npRight(toks, k+1); from < to && (hasWord(toks, from, to, groupRoles) || hasWord(toks, from, to, agencyWords)) {
				out = append(out, d.phraseArgTyped(si, from, to, sitrep.StateForce))
			}
		}
		// Y and X: "both Kakar and Bugti"
		if j >= 2 && toks[j-1].Lower == "and" {
			if n, ok := d.mentionEndingAt(si, toks[j-2].End); ok && !d.placeAt(si, n.Start) {
				out = append(out, d.canonical(d.mentionRef(n)))
			}
		}
		break
	}
	return out
}

// armedHeads head phrases naming armed bodies the knowledge base cannot
// list: "death squads", "criminal gangs", "a pro-state militia".
var armedHeads = wordSet("squads|squad|gangs|gang|militia|militias|proxies|proxy|outfits|outfit|lashkar|brigade|brigades|" +
	"fighters|militants|mercenaries|guerrillas|insurgents|rebels|paramilitaries")

// broadPractice heads name a category of abuse; a list after "including"
// names the abuses themselves.
var broadPractice = wordSet("violations|abuses|abuse|crimes|atrocities|excesses")

var agencyWords = wordSet("agencies|agency|forces|services|intelligence|army|police|militias|militia")

// previousSubjects returns the people (else organisations) named in the
// sentence before si: what "their" or "they" refers to.
func (d *docState) previousSubjects(si int, speaker ref) []ref {
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		var ps, os []ref
		for _, m := range d.actorsIn(k) {
			r := d.canonical(d.fullName(d.mentionRef(m)))
			if r.ID == speaker.ID || d.placeAt(k, m.Start) {
				continue
			}
			if r.typ == sitrep.Person {
				ps = append(ps, r)
			} else {
				os = append(os, r)
			}
		}
		if len(ps) > 0 {
			return ps
		}
		if len(os) > 0 {
			return os
		}
	}
	return nil
}

// countryActs reports whether a country's name stands for its state, as in
// "the United States stands with …", rather than for where something
// happened ("in Pakistan", "across Syria").
func (d *docState) countryActs(si int, m actors.Mention) bool {
	if m.Type != sitrep.Country {
		return false
	}
	toks := d.rd.Sentences[si].Tokens
	j := tokenIndex(toks, m.Start)
	for j > 0 && determiners[toks[j-1].Lower] {
		j--
	}
	return j <= 0 || !locatives[toks[j-1].Lower]
}

var locatives = wordSet("in|across|throughout|within|inside|outside|into|at|near|over|of")

// appositiveOf returns the person named just before the noun phrase that
// starts at token j, as in "Omar Khan, a militia leader".
func (d *docState) appositiveOf(si, j int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for j > 0 && determiners[toks[j-1].Lower] {
		j--
	}
	if j < 2 || toks[j-1].Lower != "," {
		return ref{}, false
	}
	m, ok := d.mentionEndingAt(si, toks[j-2].End)
	if !ok || m.Type != sitrep.Person {
		return ref{}, false
	}
	return d.canonical(d.mentionRef(m)), true
}
