package extract

import (
	"strings"

	"sitrep"
	"sitrep/internal/text"
)

// How the two sides of a relation pattern are found around it.
const (
	subjLeftObjRight = iota // "X supports Y"
	objLeftSubjRight        // "Y backed by X"
	speakerObjRight         // "[speaker] urged Y"
	subjLeftOnly            // "X claimed responsibility"
	accusedOfPattern        // "accused X of Y"
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
		"sponsoring|support for|support to|facilitating|protecting|shielding|propping up|backed|armed|funded|sponsors"},
	{sitrep.Supports, "rl", "backed by|supported by|sponsored by|funded by|armed by|sheltered by|protected by|patronised by|" +
		"with the support of|with the backing of|with the implicit backing of|with the active support of|with the help of|" +
		"under the protection of|under the patronage of|at the behest of|the support of|the backing of|proxy of|proxies of|" +
		"under state patronage"},
	{sitrep.ResponsibleFor, "lr", "responsible for|implicated in|involved in|policy of|behind|named in connection with|" +
		"in connection with|committing|committed|perpetrating|perpetrated|orchestrated|masterminded|guilty of|carried out|" +
		"carrying out|complicit in|entrenched a policy of"},
	{sitrep.LinkedTo, "lr", "linked to|links to|link to|ties to|ties with|links with|connected to|connection to|associated with|" +
		"affiliated with|close to"},
	{sitrep.Condemns, "lr", "condemned|condemns|condemnation of|stands against|stand against|denounced|denounces"},
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
	shapes := map[string]int{"lr": subjLeftObjRight, "rl": objLeftSubjRight, "sr": speakerObjRight, "l": subjLeftOnly, "acc": accusedOfPattern}
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
	rel sitrep.Relation
	tok int
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
			if !matchWords(toks, i, p.words) {
				continue
			}
			end := i + len(p.words)
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
				okO = okO && obj.typ != sitrep.Practice && obj.typ != ""
			case subjLeftOnly:
				subj, okS = d.leftArg(si, i, speaker)
				obj, okO = ref{ActorRef: sitrep.ActorRef{ID: "", Name: "the incident"}}, true
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
			out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: subj.ActorRef, Object: obj.ActorRef}, tok: i})
			i = end - 1
			break
		}
	}
	return out
}

func matchWords(toks []text.Token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].Lower != w {
			return false
		}
	}
	return true
}

// leftArg finds the actor a pattern at token i is about: the mention just
// before it (skipping auxiliaries, possessives and appositives), else the
// subject of the clause.
func (d *docState) leftArg(si, i int, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && (verbGap[toks[e].Lower] || toks[e].Lower == "'s") {
		if toks[e].Lower == "'s" {
			e--
			break
		}
		e--
	}
	if e >= 0 {
		if personPronouns[toks[e].Lower] && speaker.typ == sitrep.Person {
			return speaker, true
		}
		if m, ok := d.mentionEndingAt(si, toks[e].End); ok && m.Type != sitrep.Country || ok && !d.placeAt(si, m.Start) {
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
		if j > 0 && toks[j-1].Lower == "of" {
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
	// the first actor within a short reach: "groups such as ISIS"
	limit := i + 8
	if limit > len(toks) {
		limit = len(toks)
	}
	for k := i; k < limit; k++ {
		if toks[k].Lower == "." || toks[k].Lower == ";" || toks[k].Lower == ":" {
			break
		}
		if m, ok := d.mentionStartingAt(si, toks[k].Start); ok && !d.placeAt(si, m.Start) {
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
	return d.phraseArg(si, from, end), true
}

// phraseArg makes an actor of a phrase: a practice when it names an abuse,
// otherwise a group or organisation.
func (d *docState) phraseArg(si, from, to int) ref {
	toks := d.rd.Sentences[si].Tokens
	phrase := spanText(d.text, toks, from, to)
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
	} else if isCapitalisedPhrase(d.text, toks, from, to) {
		typ = sitrep.Organisation
	}
	return d.phraseRef(phrase, typ)
}

// canonical names a known actor by its knowledge-base name, so that one
// actor stated several ways is one relation end.
func (d *docState) canonical(r ref) ref {
	if a, ok := d.x.kb.Get(r.ID); ok {
		r.Name = a.Name
		if r.typ == "" {
			r.typ = a.Type
		}
	}
	return r
}
