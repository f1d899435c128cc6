package extract

import (
	"sort"
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
	claimLeft               // "X claimed responsibility": the object is the incident
	claimedBy               // "the attack was claimed by X"
	accusedOfPattern        // "accused X of Y"
	blamedOn                // "blamed the attack on X"
	standsAgainst           // "X stands firmly with Z against Y"
	denyLeft                // "X denied involvement", "X denied harbouring Y"
	deniedBy                // "a charge rejected by X"
	condemnLeft             // "X condemned the attack", "X condemned Y"
	behindLeft              // "X was behind the attack", "X carried out the bombing"
	modalDemand             // "the government must investigate": the speaker demands it of the government
	attackersFrom           // "the attackers were from X": X is responsible for the incident
	denialWords             // "the allegations are baseless": the speaker denies
	doneBy                  // "the attack was carried out by X": X is responsible for the incident
	linkXtoY                // "linked X to Y": X is linked to Y, or responsible for the incident Y
	suspectedOf             // "two men suspected of killing three people": the men are responsible
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
		"sponsoring|support for|support to|facilitating|protecting|shielding|propping up|sponsors|sponsored|backed|funded|" +
		"supported|harboured|harbored|sheltered|harbours|harbors|working with|works with|work with|" +
		"cooperating with|colluding with|colludes with|in league with|in cahoots with|hand in glove with|providing sanctuary to|" +
		"provides sanctuary to|provided sanctuary to|giving sanctuary to"},
	{sitrep.Supports, "rl", "backed by|supported by|sponsored by|funded by|armed by|sheltered by|protected by|patronised by|" +
		"with the support of|with the backing of|with the implicit backing of|with the active support of|with the help of|" +
		"under the protection of|under the patronage of|at the behest of|the support of|the backing of|proxy of|proxies of|" +
		"under state patronage|a proxy of|proxy for|proxies for"},
	{sitrep.ResponsibleFor, "lr", "responsible for|implicated in|involved in|policy of|named in connection with|" +
		"in connection with|committing|perpetrating|guilty of|carrying out|complicit in|entrenched a policy of"},
	{sitrep.LinkedTo, "lr", "linked to|links to|link to|ties to|ties with|links with|connected to|connection to|associated with|" +
		"affiliated with|close to|close associate of|an associate of|affiliate of|an affiliate of|allied with|allied to|" +
		"a front for|front for|a faction of|an offshoot of|offshoot of|splinter group of|a splinter group of|wing of|the wing of"},
	{sitrep.Condemns, "lr", "stands against|stand against|stands firmly against"},
	{sitrep.Condemns, "cond", "condemned|condemns|condemn|condemning|condemnation of|denounced|denounces|denounce|denouncing|" +
		"deplored|deplores|decried|decries"},
	{sitrep.Condemns, "stand", "stands|stand|stood"},
	{sitrep.Demands, "sr", "urged|urges|urge|urging|called on|calls on|call on|calling on|called upon|calls upon|appealed to|appeals to|" +
		"appealing to|asked|demanded that|pressed|pressing|pressed on|demanding that|appeal to|urged on|exhorted|implored|" +
		"called upon|asking|warned|warns|ordered|instructed|directed|challenged|requested|petitioned|calls|called"},
	{sitrep.Demands, "modal", "should|must|ought|needs|need"},
	{sitrep.ResponsibleFor, "from", "were from|was from|came from|belonged to|belong to|were members of|was a member of|" +
		"were identified as|was identified as|are from|is from|were part of|was part of|" +
		"identified the attackers as|identified the gunmen as|identified them as|identified the assailants as|from"},
	{sitrep.ClaimsResponsibility, "l", "claimed responsibility|claims responsibility|claiming responsibility|claim responsibility|" +
		"accepted responsibility|accepts responsibility|took responsibility|takes responsibility|taken responsibility|" +
		"owned responsibility|owns responsibility|owned up|claimed credit|claims credit|admitted responsibility|" +
		"claimed the|claimed a|claimed an|claims the|claims a|claim the|claimed its|claims its|claimed twin|owned the|" +
		"claimed|claims|claim"},
	{sitrep.ClaimsResponsibility, "by", "claimed by|responsibility was claimed by|responsibility for which was claimed by|" +
		"credit was claimed by"},
	{sitrep.Denies, "deny", "denied|denies|deny|denying|rejected|rejects|reject|rejecting|refuted|refutes|dismissed|dismisses|" +
		"disputed|disputes|disowned|disowns|distanced itself from|distanced themselves from"},
	{sitrep.Denies, "denyby", "rejected by|denied by|dismissed by|refuted by|disputed by"},
	{sitrep.Condemns, "denyby", "condemned by|denounced by|criticised by|criticized by|deplored by|decried by"},
	{sitrep.Denies, "denyword", "baseless|unfounded|groundless|fabricated|untrue|no evidence|non-existent|nonexistent|" +
		"false allegations|false claims|false reports|fake news|not true|concocted|without foundation"},
	{sitrep.ResponsibleFor, "acc", "accused|accuses|accuse|accusing|blamed|blames|blame|blaming|criticise|criticised|criticize|" +
		"criticized|criticises|criticizes|holding|held|hold|holds|attributed|attributes|attribute|attributing"},
	{sitrep.ResponsibleFor, "suspected", "suspected of|believed responsible for|thought to be responsible for"},
	{sitrep.LinkedTo, "linkx", "linked|links|link|linking"},
	{sitrep.ResponsibleFor, "doneby", "carried out by|perpetrated by|orchestrated by|masterminded by|staged by|committed by|" +
		"conducted by|planned by|launched by"},
	{sitrep.ResponsibleFor, "behind", "started their|launched their|began their|began the|began an|initiated the|started the|provoked the|triggered the|instigated the|was behind|were behind|is behind|are behind|had been behind|was responsible|were responsible|" +
		"is responsible|are responsible|carried out|has carried out|had carried out|have carried out|conducted|staged|" +
		"perpetrated|masterminded|orchestrated|executed the|launched the|launched an|launched a|mounted|planned the|" +
		"planted the|detonated|committed|were involved in|was involved in|took part in|participated in|was carried out by"},
}

var relPatterns = buildRelPatterns()

func buildRelPatterns() map[string][]relPattern {
	shapes := map[string]int{"suspected": suspectedOf, "linkx": linkXtoY, "doneby": doneBy, "denyword": denialWords, "from": attackersFrom, "modal": modalDemand, "lr": subjLeftObjRight, "rl": objLeftSubjRight, "sr": speakerObjRight, "l": claimLeft, "by": claimedBy,
		"acc": accusedOfPattern, "stand": standsAgainst, "deny": denyLeft, "denyby": deniedBy, "cond": condemnLeft, "behind": behindLeft}
	m := map[string][]relPattern{}
	for _, row := range relTable {
		for _, p := range strings.Split(row.phrases, "|") {
			w := strings.Fields(p)
			m[w[0]] = append(m[w[0]], relPattern{words: w, typ: row.typ, shape: shapes[row.shape]})
		}
	}
	for _, ps := range m {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
	}
	return m
}

// relationHit is one relation found in a sentence. When incident is set
// the object is the incident the statement is about, found among the
// document's events when the claim is rendered.
type relationHit struct {
	rel       sitrep.Relation
	tok       int
	subj, obj ref
	incident  bool
	incTok    int    // token naming the incident, -1 when none
	incType   string // event type the words name ("bombing"), "" when none
	act       bool   // the subject makes the statement itself ("X claimed", "X denied", "X urged")
	// accused: a denial of what the subject was accused of ("a charge India
	// rejected", "Kabul denied the allegations"): its object is the
	// accusation's, found among the claims before
	accused bool
	// here: the incident is one this sentence reports or names, never the
	// report's lead incident by default ("claimed to have hit a target")
	here bool
}

// words skipped between a subject and its verb: "X has started using".
var verbGap = wordSet("has|have|had|been|is|are|was|were|be|being|started|begun|began|continues|continue|continued|to|also|" +
	"allegedly|reportedly|openly|actively|only|not|implicitly|itself|themselves|now|long|reported|repeatedly|further|" +
	"widely|directly|indirectly|the|documented|alleged|their|its|his|her|\"|'|later|then|already|swiftly|quickly|" +
	"immediately|strongly|firmly|vehemently|flatly|categorically|publicly|officially|earlier|initially|subsequently|" +
	"which|who|had|said|says|say|would|will|could|may|might|must|should|purportedly|apparently|jointly|together")

// relationsIn finds the relations stated in tokens [from, to) of sentence
// si. speaker is the claim's speaker: the subject of demands and
// condemnations, and who a pronoun subject stands for ("it said it was
// behind the attack").
func (d *docState) relationsIn(si, from, to int, speaker ref) []relationHit {
	toks := d.rd.Sentences[si].Tokens
	var out []relationHit
	add := func(h relationHit) {
		for k, o := range out {
			if o.rel.Type != h.rel.Type || o.subj.ID != h.subj.ID {
				continue
			}
			if o.incident && h.incident || !o.incident && !h.incident && o.obj.ID == h.obj.ID {
				return
			}
			// "accused the army of carrying out the killings": one
			// relation to the incident, not another to "killings"
			if o.rel.Type == sitrep.ResponsibleFor && (o.incident && namesIncident(h.obj) || h.incident && namesIncident(o.obj)) {
				if h.incident {
					out[k] = h
				}
				return
			}
		}
		out = append(out, h)
	}
	for i := from; i < to; i++ {
		ps := relPatterns[toks[i].Lower]
		for _, p := range ps {
			end, ok := matchWordsEnd(toks, i, p.words)
			if !ok {
				continue
			}
			hs, ok := d.relationAt(si, i, end, to, p, speaker)
			if !ok {
				continue
			}
			for _, h := range hs {
				add(h)
			}
			i = end - 1
			break
		}
	}
	for _, h := range d.violenceAgents(si, from, to, speaker) {
		add(h)
	}
	for _, h := range d.attacksOn(si, from, to, speaker) {
		add(h)
	}
	if a := d.attrib[si]; a != nil && !a.inherited {
		// "the Pakistan-backed death squads", in a statement's own words;
		// the outlet's epithets around a quotation are not the speaker's
		for _, h := range d.backedBy(si, from, to) {
			add(h)
		}
	}
	demandsOnly := len(out) > 0
	for _, h := range out {
		demandsOnly = demandsOnly && h.rel.Type == sitrep.Demands
	}
	if len(out) == 0 || demandsOnly {
		// "the attack was barbaric and cowardly": a statement that states
		// no other relation condemns the incident it names; so does one
		// that only demands something of someone ("ordered the police to
		// arrest the perpetrators of these barbaric acts")
		if h, ok := d.condemnedByWords(si, from, to, speaker); ok {
			add(h)
		}
	}
	return out
}

// namesIncident reports an object that names an incident rather than an
// actor or an abuse of its own: "the killings", "the attack".
func namesIncident(r ref) bool {
	f := strings.Fields(strings.ToLower(r.Name))
	return len(f) > 0 && len(f) <= 3 && incidentWord(f[len(f)-1])
}

// inSaid tells whether offset off of sentence si lies in what one of the
// sentence's speakers says.
func (d *docState) inSaid(si, off int) bool {
	a := d.attrib[si]
	if a == nil {
		return false
	}
	if off >= a.textFrom && off < a.textTo {
		return true
	}
	for _, b := range a.more {
		if off >= b.textFrom && off < b.textTo {
			return true
		}
	}
	return false
}

// relationAt reads the two sides of pattern p matched over tokens [i, end).
func (d *docState) relationAt(si, i, end, to int, p relPattern, speaker ref) ([]relationHit, bool) {
	toks := d.rd.Sentences[si].Tokens
	var subj, obj ref
	var okS, okO bool
	incident, accused := false, false
	incAt := i // the token the incident is looked for from
	here := false
	typ := p.typ
	switch p.shape {
	case subjLeftObjRight:
		if strings.HasSuffix(toks[i].Lower, "ed") && len(p.words) == 1 && passiveBefore(toks, i) {
			return nil, false // "sheltered" in "were sheltered by": the passive is the rl pattern's
		}
		subj, okS = d.leftArg(si, i, speaker)
		obj, okO = d.rightArg(si, end, to)
	case objLeftSubjRight:
		obj, okS = d.leftArg(si, i, speaker)
		subj, okO = d.rightArg(si, end, to)
	case speakerObjRight:
		if passiveBefore(toks, i) || negated(toks, i) {
			return nil, false // "has been urged to act": who urged is not said here
		}
		subj, okS = d.leftSubject(si, i, speaker)
		obj, okO = d.addressee(si, end, to)
		if okO && needsInfinitive[toks[i].Lower] && len(p.words) == 1 {
			// "warned the government against covering up", "asked the UN to
			// send": a demand; "warned residents of floods" is not
			_, e := npRight(toks, end)
			for n := 0; n < 3 && e+1 < len(toks) && toks[e].Lower == "and"; n++ {
				_, e = npRight(toks, e+1) // "urged the Spanish and French governments to …"
			}
			if e >= len(toks) || (toks[e].Lower != "to" && toks[e].Lower != "against" && toks[e].Lower != "not") {
				okO = false
			}
		}
		if okO && len(p.words) == 2 && (p.words[1] == "on" || p.words[1] == "upon") && p.words[0] != "pressed" && p.words[0] != "urged" {
			// "called on the minister to resign" is a demand; "called on
			// the minister at his office" is a courtesy call
			okO = false
			for k := end; k < len(toks); k++ {
				w := toks[k].Lower
				if w == "." || w == ";" || w == ":" || w == "?" || w == "!" {
					break
				}
				if (w == "and" || w == ",") && k+1 < len(toks) && strings.HasSuffix(toks[k+1].Lower, "ed") {
					break // "called on the minister and discussed …": a visit
				}
				if w == "to" && notDemandTo[toks[k-1].Lower] {
					continue // "matters related to trade"
				}
				if w == "to" && k+1 < len(toks) && meetingVerbs[toks[k+1].Lower] {
					break // "called on the president … to discuss": a visit
				}
				if w == "to" || w == "for" || w == "against" || w == "not" || w == "\u201c" || w == "\"" {
					okO = true
					break
				}
			}
		}
	case claimLeft:
		if last := p.words[len(p.words)-1]; last == "the" || last == "a" || last == "an" || last == "its" || last == "twin" ||
			last == "claimed" || last == "claims" || last == "claim" {
			// "claimed the attack": a claim only of an incident; "claimed
			// to have hit a target", "claims to have killed 10 soldiers": of
			// the act
			if !attackAhead(toks, end-1) {
				if !claimedAct(toks, end) {
					return nil, false
				}
				here = true
			}
		}
		if negated(toks, i) {
			return nil, false
		}
		subj, okS = d.leftSubject(si, i, speaker)
		incident, okO = true, true
	case suspectedOf:
		// "two Palestinians who are suspected of killing three people", "a
		// gang suspected of fatally shooting five": the one suspected is
		// blamed for the incident the act names
		j := end
		for j < to && (adverb(toks[j]) || toks[j].Lower == "having" || toks[j].Lower == "being") {
			j++
		}
		if j >= to || !violentGerunds[toks[j].Lower] && !incidentWord(toks[j].Lower) || negated(toks, i) {
			return nil, false
		}
		subj, okS = d.suspectLeft(si, i)
		okS = okS && subj.ID != speaker.ID
		incident, okO, incAt = true, true, j
	case linkXtoY:
		// "Tehran has linked the group to al Qaeda"; "sought to link America
		// to the attack": the actor linked to an incident is blamed for it
		if passiveBefore(toks, i) || negated(toks, i) {
			return nil, false
		}
		k := linkedTo(toks, end)
		if k == 0 || k+1 >= to {
			return nil, false
		}
		subj, okS = d.actorPhrase(si, end, k)
		if !okS {
			subj, okS = d.rightArg(si, end, k)
		}
		okS = okS && isActorType(subj.typ)
		if hasIncidentWord(toks, k+1, min(to, k+5)) {
			typ, incident, okO, incAt = sitrep.ResponsibleFor, true, true, k+1
		} else {
			obj, okO = d.rightArg(si, k+1, to)
			okO = okO && isActorType(obj.typ)
		}
	case doneBy:
		// "the attack … was jointly carried out by an axis of X and Y": the
		// agent of an incident the sentence names before the verb
		passive := false
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if copulas[toks[k].Lower] || toks[k].Lower == "being" {
				passive = true
				break
			}
			if !adverb(toks[k]) {
				break // "was jointly carried out by"
			}
		}
		if !passive && !hasIncidentWord(toks, max(0, i-12), i) || negated(toks, i) {
			return nil, false
		}
		for k := i - 1; k >= 0; k-- {
			if incidentWord(toks[k].Lower) {
				incAt = k // the incident is the one named before the verb
				break
			}
		}
		if incAt == i {
			return nil, false
		}
		subj, okS = d.agentRight(si, end, speaker)
		okS = okS && isActorType(subj.typ) && !anonymous(subj.Name)
		incident, okO = true, true
		if okS && (subj.ID == speaker.ID && speaker.ID != "" || d.speaksFor(speaker, subj.ID)) {
			typ = sitrep.ClaimsResponsibility
		}
	case claimedBy:
		if hasWord(toks, max(0, i-6), i, someMany) {
			return nil, false // "some of their attacks have been claimed by": no one incident
		}
		subj, okS = d.rightArg(si, end, to)
		okS = okS && isActorType(subj.typ)
		incident, okO = true, true
	case denyLeft:
		if negated(toks, i) || len(p.words) == 1 && passiveBefore(toks, i) {
			return nil, false // "requests for an examination were denied": no one denies here
		}
		subj, okS = d.leftSubject(si, i, speaker)
		// "denied harbouring X": the backing denied is of X
		k := end
		for k < len(toks) && k < end+2 && (toks[k].Lower == "any" || toks[k].Lower == "ever" || toks[k].Lower == "having") {
			k++
		}
		if k < len(toks) && supportGerunds[toks[k].Lower] {
			obj, okO = d.rightArg(si, k+1, to)
			okO = okO && isActorType(obj.typ)
		} else if denialObject(toks, end) {
			incident, okO = true, true
			accused = deniesAccusation(toks, end)
		}
	case deniedBy:
		// "a charge rejected by Washington", "condemned by politicians"
		if sp := d.speakerRight(si, end, &speechState{}); sp.ok {
			subj, okS = sp.r, true
		} else {
			subj, okS = d.rightArg(si, end, to)
			okS = okS && isActorType(subj.typ)
		}
		incident, okO = true, true
	case condemnLeft:
		if negated(toks, i) {
			return nil, false
		}
		if toks[i].Lower == "condemnation" {
			// "the United States' condemnation of the bombing": the possessor condemns
			e := i - 1
			if e >= 1 && (toks[e].Lower == "'s" || toks[e].Lower == "'") {
				if m, ok := d.mentionEndingAt(si, toks[e-1].End); ok && m.Type != sitrep.Person || ok && m.Type == sitrep.Person {
					subj, okS = d.canonical(d.fullName(d.mentionRef(m))), true
				}
			} else if e >= 0 && (toks[e].Lower == "its" || toks[e].Lower == "their" || toks[e].Lower == "his" || toks[e].Lower == "her") {
				subj, okS = speaker, speaker.ID != ""
			}
			if !okS {
				return nil, false
			}
			obj, okO, incident = d.condemnedObject(si, end, to)
			break
		}
		subj, okS = d.leftSubject(si, i, speaker)
		obj, okO, incident = d.condemnedObject(si, end, to)
	case behindLeft:
		subj, okS = d.leftSubject(si, i, speaker)
		if okS && subj.ID == speaker.ID && !d.pronounSubject(si, i) {
			return nil, false // the subject is not named here: "… who carried out the blast"
		}
		if !okS || !isActorType(subj.typ) || anonymous(subj.Name) {
			return nil, false
		}
		k := end
		for k < len(toks) && k < end+3 && (toks[k].Lower == "for" || determiners[toks[k].Lower] || toks[k].Lower == "'s") {
			k++
		}
		atEnd := end >= len(toks) || hardPunct(toks[end])
		if p.words[len(p.words)-1] == "responsible" && !atEnd && toks[end].Lower != "for" {
			return nil, false
		}
		switch {
		case atEnd || k < len(toks) && (incidentWord(toks[k].Lower) || attackAhead(toks, k-1)):
			incident, okO = true, true
			if subj.ID == speaker.ID && speaker.ID != "" || d.speaksFor(speaker, subj.ID) {
				typ = sitrep.ClaimsResponsibility
			}
		default:
			// "committed war crimes", "responsible for enforced disappearances"
			obj, okO = d.rightArg(si, k, to)
			if !okO || obj.typ != sitrep.Practice {
				return nil, false // "carried out a survey"
			}
		}
	case denialWords:
		// "called the reports baseless", "there is no evidence of torture":
		// the speaker denies what it is accused of
		if speaker.ID == "" || d.attrib[si] == nil || d.attrib[si].inherited && !d.attrib[si].direct {
			return nil, false
		}
		if i > 0 && (toks[i-1].Lower == "with" || toks[i-1].Lower == "without") {
			return nil, false // "accused X with no evidence": the outlet's remark
		}
		subj, okS = speaker, true
		incident, okO = true, true
	case attackersFrom:
		// "the attackers were from X", "identified the attackers as X"
		if !strings.HasPrefix(p.words[0], "identified") {
			e := i - 1
			if e < 0 || !attackerNouns[toks[e].Lower] {
				return nil, false
			}
			if len(p.words) == 1 && (toks[e].Lower == "militants" || toks[e].Lower == "men") {
				return nil, false // "militants from al Shabaab": members, not the attackers of an incident
			}
		}
		k := end
		for k < len(toks) && k < end+3 && (toks[k].Lower == "being" || toks[k].Lower == "from" || toks[k].Lower == "members" || toks[k].Lower == "of" || determiners[toks[k].Lower]) {
			k++
		}
		e := d.phraseEndRight(si, k)
		subj, okS = d.actorPhrase(si, k, e)
		if !okS {
			subj, okS = d.rightArg(si, k, to)
			okS = okS && isActorType(subj.typ)
		}
		incident, okO = true, true
	case modalDemand:
		// "Y should/must/needs to <verb>" in someone's statement
		w := toks[i].Lower
		if (w == "ought" || w == "needs" || w == "need") && (end >= len(toks) || toks[end].Lower != "to") {
			return nil, false
		}
		if speaker.ID == "" || !d.inSaid(si, toks[i].Start) {
			return nil, false // the outlet's voice, or the attribution's own clause
		}
		e := i - 1
		for e >= 0 && (toks[e].Lower == "also" || toks[e].Lower == "therefore" || toks[e].Lower == "now" || toks[e].Lower == "immediately") {
			e--
		}
		if e < 0 || hardPunct(toks[e]) {
			return nil, false
		}
		from := d.phraseStartLeft(toks, e)
		if from > e {
			return nil, false
		}
		if end < len(toks) && (toks[end].Lower == "have" || toks[end].Lower == "not" && end+1 < len(toks) && toks[end+1].Lower == "have") {
			return nil, false // "should have visited": a reproach, not a demand
		}
		if personPronouns[toks[e].Lower] {
			if r, ok := d.lastPersonBefore(toks[e].Start); ok && r.ID != speaker.ID {
				obj, okO = r, true
			}
		} else {
			obj, okO = d.addresseePhrase(si, from, e+1)
			// only a body a demand can be made of: not "certain groups should leave"
			okO = okO && (obj.typ == sitrep.Government || obj.typ == sitrep.StateForce || obj.typ == sitrep.Person ||
				obj.typ == sitrep.InternationalOrg || obj.typ == sitrep.Country || obj.typ == sitrep.ArmedGroup ||
				obj.typ == sitrep.PoliticalParty || obj.typ == sitrep.RightsGroup || obj.typ == sitrep.Organisation)
		}
		subj, okS = speaker, true
		if okO && (obj.ID == speaker.ID || isPronoun(obj.Name)) {
			return nil, false
		}
	case standsAgainst:
		k := end
		for k < to && k < end+6 && toks[k].Lower != "against" && toks[k].Kind != text.Punct {
			k++
		}
		if k >= to || toks[k].Lower != "against" {
			return nil, false
		}
		subj, okS = d.leftArg(si, i, speaker)
		obj, okO = d.rightArg(si, k+1, to)
	case accusedOfPattern:
		return d.accusation(si, i, end, to, speaker)
	}
	if !okS || !okO || !incident && subj.ID == obj.ID && subj.ID != "" {
		return nil, false
	}
	if typ == sitrep.LinkedTo && obj.typ == sitrep.Practice {
		typ = sitrep.ResponsibleFor
	}
	if typ == sitrep.Supports && strings.HasPrefix(p.words[len(p.words)-1], "us") && weaponHeads[strings.ToLower(lastWord(obj.Name))] {
		return nil, false // "struck the camp using jets and drones": arms used, no proxy
	}
	if typ == sitrep.Supports && strings.HasPrefix(p.words[len(p.words)-1], "us") && okO {
		// "terrorists using Afghan soil": a territory used, not a proxy
		if _, e := npRight(toks, end); e > end && e <= len(toks) && territoryWords[toks[e-1].Lower] {
			return nil, false
		}
	}
	if typ == sitrep.LinkedTo && (p.words[0] == "ties" || p.words[0] == "links" || p.words[0] == "link") &&
		(isState(obj.typ) || isState(subj.typ)) {
		return nil, false // "normalising ties with Israel": relations between states, not a tie of a group
	}
	if (typ == sitrep.LinkedTo || typ == sitrep.Supports) && (!isActorType(subj.typ) || d.incidentAfter(si, end)) {
		return nil, false // "could be linked to the blasts in X": an incident, not an actor
	}
	if !incident {
		if typ == sitrep.Supports && (obj.typ == sitrep.Practice || subj.typ == sitrep.Practice) {
			return nil, false
		}
		if typ == sitrep.ResponsibleFor && obj.typ != sitrep.Practice {
			return nil, false
		}
		if (typ == sitrep.Condemns || typ == sitrep.LinkedTo || typ == sitrep.Supports || typ == sitrep.Denies) && !isActorType(obj.typ) {
			return nil, false
		}
		if isPronoun(obj.Name) {
			return nil, false
		}
	}
	if isPronoun(subj.Name) || subj.ID == "" {
		return nil, false
	}
	act := false
	switch p.shape {
	case claimLeft, claimedBy, denyLeft, deniedBy, condemnLeft, speakerObjRight, denialWords:
		act = true
	}
	var out []relationHit
	for _, sj := range d.coordinated(si, subj) {
		if incident {
			h := d.incidentHit(si, incAt, typ, sj)
			h.act, h.accused, h.here = act, accused, here
			out = append(out, h)
			continue
		}
		for _, ob := range d.coordinated(si, obj) {
			out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: sj.ActorRef, Object: ob.ActorRef}, tok: i, subj: sj, obj: ob, incTok: -1, act: act})
		}
	}
	return out, true
}

// incidentHit is a relation of subject to the incident the sentence
// speaks of, named near token i.
func (d *docState) incidentHit(si, i int, typ string, subj ref) relationHit {
	k, t := d.incidentNear(si, i)
	return relationHit{rel: sitrep.Relation{Type: typ, Subject: subj.ActorRef}, tok: i, subj: subj, incident: true, incTok: k, incType: t}
}

// incidentNear finds the word naming an incident nearest after (else
// before) token i: its token and the event type it names.
func (d *docState) incidentNear(si, i int) (int, string) {
	toks := d.rd.Sentences[si].Tokens
	best, typ := -1, ""
	for k := range toks {
		for _, t := range triggers[toks[k].Lower] {
			if !matchWords(toks, k, t.words) {
				continue
			}
			if best < 0 || k >= i && (best < i || k < best) || best < i && k < i && k > best {
				best, typ = k, t.typ
			}
			break
		}
	}
	return best, typ
}

// addressee reads whom a demand at token i is made of: an actor, or a
// body described ("the authorities", "the international community").
func (d *docState) addressee(si, i, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	if r, ok := d.nationsBodies(si, i); ok {
		return r, true
	}
	from, end := npRight(toks, i)
	if from >= end {
		return ref{}, false
	}
	if r, ok := d.addresseePhrase(si, from, end); ok {
		return r, true
	}
	if r, ok := d.rightArg(si, i, to); ok && isActorType(r.typ) {
		return r, true
	}
	return ref{}, false
}

// addresseePhrase resolves tokens [from, to) naming whom a demand is made
// of.
func (d *docState) addresseePhrase(si, from, to int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for from < to && (determiners[toks[from].Lower] || toks[from].Lower == "'s") {
		from++
	}
	if from >= to {
		return ref{}, false
	}
	head := to - 1
	for k := from + 1; k < to; k++ {
		if w := toks[k].Lower; w == "of" || w == "in" || w == "for" || w == "and" || w == "to" || w == "known" || w == "called" {
			head = k - 1
			if w == "known" || w == "called" {
				to = k // "organisations known as …": the phrase ends at its head
			}
			break
		}
	}
	if m, ok := d.mentionEndingAt(si, toks[head].End); ok && (!d.placeAt(si, m.Start) || d.countryActs(si, m)) && m.Start >= toks[from].Start && m.End == toks[head].End {
		r := d.mentionRef(m)
		if r.typ == sitrep.Person {
			r = d.fullName(r)
		}
		return d.canonical(r), true
	}
	hw := toks[head].Lower
	// "the chiefs of the military and police": persons of a role, plural
	roles := personRoles[hw] || personRoles[singular(hw)] && hw != singular(hw)
	if addressees[hw] || bodyHeads[hw] && !personHeads[hw] || roles {
		typ := sitrep.Government
		switch {
		case roles || personHeads[hw]:
			typ = sitrep.Person
		case !addressees[hw]:
			typ = sitrep.Group
		}
		// "the country's Taliban rulers": the phrase, under the actor's id
		r := d.phraseRef(spanText(d.text, toks, from, to), typ)
		for _, m := range d.mentionsWithin(si, toks[from].Start, toks[head].End) {
			if !d.placeAt(si, m.Start) || d.countryActs(si, m) {
				r.ID = d.mentionRef(m).ID
				if m.Type != sitrep.Person {
					r.typ = m.Type
				}
				break
			}
		}
		return r, true
	}
	return ref{}, false
}

// nationsBodies reads bodies of several nations named by one plural head:
// "the Spanish and French governments", "Iraqi and Kurdish forces" → the
// government (or military) of each, the first ref holding the others.
func (d *docState) nationsBodies(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for i < len(toks) && determiners[toks[i].Lower] {
		i++
	}
	from, to := i, i
	for to < len(toks) && to < from+8 {
		w := toks[to].Lower
		if w == "and" || w == "," || w == "as" || w == "well" {
			to++
			continue
		}
		if _, ok := d.x.kb.Demonym(toks[to].Text(d.text)); !ok || toks[to].Kind != text.Word {
			break
		}
		to++
	}
	if to >= len(toks) || to-from < 3 || toks[to-1].Lower == "and" {
		return ref{}, false
	}
	to++
	hw := toks[to-1].Lower
	class, typ := "", ""
	switch {
	case governmentHeads[hw] || hw == "governments" || hw == "regimes" || hw == "administrations":
		class, typ = "government", sitrep.Government
	case forceHeads[hw] || hw == "armies" || hw == "militaries":
		class, typ = "military", sitrep.StateForce
	default:
		return ref{}, false
	}
	noun := singular(hw)
	if hw == "authorities" || hw == "police" || hw == "forces" || hw == "troops" {
		noun = hw
	}
	var out []ref
	for k := from; k < to-1; k++ {
		switch toks[k].Lower {
		case "and", ",", "as", "well":
			continue
		}
		c, ok := d.x.kb.Demonym(toks[k].Text(d.text))
		if !ok {
			return ref{}, false
		}
		name := toks[k].Text(d.text) + " " + noun
		out = append(out, ref{ActorRef: sitrep.ActorRef{ID: c.ID + "-" + class, Name: name}, typ: typ})
	}
	if len(out) < 2 {
		return ref{}, false
	}
	r := out[0]
	r.also = out[1:]
	return r, true
}

// attackerNouns name the unknown perpetrators a statement then names.
var attackerNouns = wordSet("attackers|attacker|gunmen|gunman|assailants|assailant|perpetrators|perpetrator|killers|killer|" +
	"bombers|bomber|kidnappers|abductors|culprits|raiders|militants|men|hijackers")

// needsInfinitive: verbs that make a demand only with what is demanded
// after the addressee ("asked the UN to send").
// notDemandTo are words before a "to" that opens no demand.
var notDemandTo = wordSet("related|relating|pertaining|according|next|due|regard|respect|close|up|visit|trip")

// meetingVerbs after "called on X … to" make the call a visit.
var meetingVerbs = wordSet("discuss|review|exchange|explore|deliberate|brief|felicitate|congratulate|greet|meet|talk|share|convey|pay")

var needsInfinitive = wordSet("asked|asking|warned|warns|ordered|instructed|directed|challenged|requested|petitioned|pressed|pressing|" +
	"calls|called")

// addressees are bodies a demand is made of, named by what they are.
var addressees = wordSet("authorities|government|community|judiciary|state|world|rulers|regime|leaders|leadership|" +
	"king|president|premier|police|army|military|administration|court|courts|parliament|nations|countries|" +
	"states|powers|donors|partners|allies|coalition|junta|officials|institutions|organisations|organizations|bodies")

// condemnWords judge an act: said of an incident, they condemn it.
var condemnWords = wordSet("barbaric|cowardly|heinous|dastardly|despicable|abhorrent|atrocious|outrageous|shameful|savage|" +
	"monstrous|inhuman|inhumane|senseless|gruesome|horrendous|disgrace|disgraceful|treachery|treacherous|unjustifiable|" +
	"reprehensible|deplorable|vile|appalling|appalled|horrific|criminal|war-crime|genocidal|bloodbath|massacre|butchery|" +
	"slaughter|aggression|terrorist|terrorism|crime|crimes")

var copulas = wordSet("is|was|were|are|be|been|clear|clearly|amounts|amounted|constitutes|constituted")

// condemnedByWords reads a condemnation said in evaluative words ("a
// barbaric act", "a clear act of aggression", "a war crime") of an
// incident the statement or the sentence names.
func (d *docState) condemnedByWords(si, from, to int, speaker ref) (relationHit, bool) {
	a := d.attrib[si]
	if speaker.ID == "" || a == nil || a.inherited && !a.direct {
		return relationHit{}, false
	}
	toks := d.rd.Sentences[si].Tokens
	judged := -1
	for k := from; k < to; k++ {
		w := toks[k].Lower
		if !condemnWords[w] {
			continue
		}
		if negated(toks, k) {
			continue // "there was no treachery"
		}
		switch w {
		case "terrorist", "terrorism", "crime", "crimes", "aggression", "criminal", "massacre", "slaughter":
			// only as a label said of the act: "it was a massacre", "an act of
			// terrorism", "a war crime", "terrorist acts"
			p1, p2 := "", ""
			if k > 0 {
				p1 = toks[k-1].Lower
			}
			if k > 1 {
				p2 = toks[k-2].Lower
			}
			label := p1 == "war" || p1 == "of" && (p2 == "act" || p2 == "acts") || (p1 == "a" || p1 == "an") && copulas[p2] ||
				copulas[p1] || w == "terrorist" && k+1 < len(toks) && (toks[k+1].Lower == "act" || toks[k+1].Lower == "acts")
			if !label {
				continue
			}
		}
		judged = k
		break
	}
	if judged < 0 {
		return relationHit{}, false
	}
	k, typ := d.incidentNear(si, judged)
	// "these barbaric and inhumane acts": the noun the judgement is said
	// of, not an incident word elsewhere in the sentence ("ordered them to
	// arrest the perpetrators of these barbaric acts")
	for j := judged + 1; j < len(toks) && j <= judged+4 && !hardPunct(toks[j]); j++ {
		if incidentRefs[toks[j].Lower] && toks[j].Lower != "it" && toks[j].Lower != "this" && toks[j].Lower != "that" {
			k, typ = j, ""
			for _, t := range triggers[toks[j].Lower] {
				if matchWords(toks, j, t.words) {
					typ = t.typ
					break
				}
			}
			break
		}
	}
	if k < 0 && !hasWord(toks, from, to, incidentRefs) {
		return relationHit{}, false
	}
	h := relationHit{rel: sitrep.Relation{Type: sitrep.Condemns, Subject: speaker.ActorRef}, tok: judged, subj: speaker,
		incident: true, incTok: k, incType: typ, act: true}
	return h, true
}

// incidentAfter reports an incident named right after token end:
// "linked to the blasts in Sharm".
func (d *docState) incidentAfter(si, end int) bool {
	toks := d.rd.Sentences[si].Tokens
	for k := end; k < len(toks) && k < end+4; k++ {
		if incidentWord(toks[k].Lower) {
			return true
		}
		if !determiners[toks[k].Lower] && !attackModifiers[toks[k].Lower] {
			return false
		}
	}
	return false
}

// Small word sets used inside the rules, built once.
var (
	whichWho           = wordSet("which|who")
	possessivePronouns = wordSet("its|their|our")
	someMany           = wordSet("some|many|most|several|all")
	incidentRefs       = wordSet("it|this|that|incident|act|acts|killing|killings|attack|attacks")
	suchAs             = wordSet("as|like|including|namely")
	noNobody           = wordSet("no|nobody|not")
	byFrom             = wordSet("by|from")
)

// supportGerunds after a denial name the backing denied.
var supportGerunds = wordSet("harbouring|harboring|backing|supporting|sheltering|arming|funding|financing|sponsoring|aiding|" +
	"helping|protecting|hosting|assisting")

// denialObject reports what a denial verb at token end-1 denies: an
// involvement, an allegation or an act ("denied shooting protesters").
func denialObject(toks []text.Token, end int) bool {
	if end >= len(toks) || hardPunct(toks[end]) {
		return true // "… , which the group denied."
	}
	k := end
	for k < len(toks) && k < end+3 && (determiners[toks[k].Lower] || toks[k].Lower == "any" || toks[k].Lower == "all" || toks[k].Lower == "having" || toks[k].Lower == "ever" || toks[k].Lower == "'s" || toks[k].Lower == "such") {
		k++
	}
	if k >= len(toks) {
		return false
	}
	w := toks[k].Lower
	if violentGerunds[w] || w == "that" || w == "it" || w == "them" || w == "this" {
		return true
	}
	// "denied his son was trying to stab anyone": a clause denied
	for j := k; j < len(toks) && j < k+4; j++ {
		switch toks[j].Lower {
		case "was", "were", "had", "did", "is", "are", "has", "have":
			return true
		}
		if hardPunct(toks[j]) {
			break
		}
	}
	// "rejects Human Rights Watch allegations", "denied the army's role"
	for j := k; j < len(toks) && j < k+6; j++ {
		if denialNouns[toks[j].Lower] || incidentWord(toks[j].Lower) {
			return true
		}
		if hardPunct(toks[j]) || npStop[toks[j].Lower] && toks[j].Lower != "of" {
			break
		}
	}
	return false
}

// deniesAccusation reports a denial at token end-1 of an accusation named
// before it: nothing after the verb ("a charge India rejected", "…, which
// the group denied") or the accusation as a noun ("denied the
// allegations"), with no act or incident of its own after it.
func deniesAccusation(toks []text.Token, end int) bool {
	if end >= len(toks) || hardPunct(toks[end]) {
		return true
	}
	k := end
	for k < len(toks) && (determiners[toks[k].Lower] || toks[k].Lower == "all" || toks[k].Lower == "such" || toks[k].Lower == "these" || toks[k].Lower == "those") {
		k++
	}
	if k >= len(toks) || !accusationNouns[toks[k].Lower] {
		return false
	}
	for j := k + 1; j < len(toks) && !hardPunct(toks[j]); j++ {
		if incidentWord(toks[j].Lower) || violentGerunds[toks[j].Lower] || supportGerunds[toks[j].Lower] {
			return false // "denied the allegation of attacking the convoy": its own object
		}
	}
	return true
}

var accusationNouns = wordSet("allegation|allegations|accusation|accusations|charge|charges|claim|claims|assertion|assertions|it|this|that|them")

var denialNouns = wordSet("involvement|responsibility|role|allegation|allegations|accusation|accusations|charge|charges|claim|" +
	"claims|report|reports|link|links|hand|part|participation|complicity|wrongdoing|culpability|knowledge|reports|story|" +
	"version|findings|account|accounts|assertion|assertions|suggestion|suggestions")

// violentGerunds name an act of violence: "accused X of killing", "denied
// shooting protesters".
var violentGerunds = wordSet("killing|killings|shooting|attacking|bombing|abducting|kidnapping|executing|massacring|torturing|" +
	"murdering|targeting|raiding|ambushing|beheading|assassinating|detaining|arresting|disappearing|burning|shelling|" +
	"firing|carrying|orchestrating|masterminding|perpetrating|committing|plotting|planning|staging|launching|being|" +
	"involvement|participating|opening|looting|raping|violating|starting|instigating|provoking|mounting")

// incidentWord reports a noun that names an incident ("attack",
// "bombing", "incident", "killings").
func incidentWord(w string) bool {
	if attackNouns[w] || w == "incident" || w == "incidents" || w == "violence" || w == "crime" || w == "crimes" || w == "deaths" || w == "death" {
		return true
	}
	for _, t := range triggers[w] {
		if len(t.words) == 1 && !t.verbal {
			return true
		}
	}
	return false
}

// attackAhead reports an incident noun within four words after token i.
func attackAhead(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+5; k++ {
		if incidentWord(toks[k].Lower) {
			return true
		}
		if hardPunct(toks[k]) || npStop[toks[k].Lower] && toks[k].Lower != "on" {
			return false
		}
	}
	return false
}

// negated reports a negation just before token i: "no group has claimed",
// "did not condemn".
func negated(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch toks[k].Lower {
		case "no", "not", "never", "nobody", "none", "n't", "neither", "nor", "yet", "without", "any", "if", "whether":
			return true
		}
		if hardPunct(toks[k]) {
			break
		}
	}
	return false
}

// passiveBefore reports a passive auxiliary just before token i.
func passiveBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Lower {
		case "was", "were", "been", "being", "is", "are", "be", "get", "got":
			return true
		case "allegedly", "reportedly", "also", "widely", "openly", "actively", "directly", "not":
			continue
		}
		if adverb(toks[k]) {
			continue // "was recently abducted by", "were brutally killed by"
		}
		return false
	}
	return false
}

// leftSubject is the actor a speech act or claim at token i is by: the
// actor named before it (read as a speaker's phrase is), a pronoun or "its
// fighters" standing for the speaker, else the speaker.
func (d *docState) leftSubject(si, i int, speaker ref) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && verbGap[toks[e].Lower] && toks[e].Lower != "who" && toks[e].Lower != "which" && toks[e].Lower != "said" && toks[e].Lower != "says" {
		e--
	}
	e = d.skipBeforeCue(si, e)
	for e >= 0 && verbGap[toks[e].Lower] && toks[e].Lower != "who" && toks[e].Lower != "which" && toks[e].Lower != "said" && toks[e].Lower != "says" {
		e--
	}
	has := speaker.ID != ""
	if e < 0 {
		return speaker, has
	}
	w := toks[e].Lower
	switch {
	case (personPronouns[w] || w == "it" || w == "they") && e > 0 && accusationNouns[toks[e-1].Lower]:
		// "accusing the Taliban of sheltering militants, a charge they
		// deny": the accused denies, not who accuses
		if a, ok := d.accusedBefore(si, e-1); ok {
			return a, true
		}
		return speaker, has
	case personPronouns[w] || w == "it" || w == "they" || w == "we" || w == "i":
		return speaker, has
	case w == "who" || w == "which" || w == "that":
		// "the group, which claimed responsibility": the antecedent
		k := e - 1
		for k >= 0 && toks[k].Lower == "," {
			k--
		}
		if k >= 0 {
			if m, ok := d.mentionEndingAt(si, toks[k].End); ok && (!d.placeAt(si, m.Start) || d.countryActs(si, m)) {
				return d.canonical(d.fullName(d.mentionRef(m))), true
			}
		}
		return speaker, has
	case memberNouns[w] && e > 0:
		// "its fighters", "its Afghanistan-based affiliate", "Jaish al-Adl forces": the group
		if ownedBySpeaker(toks, e) {
			return speaker, has
		}
		if m, ok := d.mentionEndingAt(si, toks[e-1].End); ok && !d.placeAt(si, m.Start) && m.Type != sitrep.Person {
			return d.canonical(d.mentionRef(m)), true
		}
	case speechCueWords[w] || w == "saying" || w == "," || w == "-":
		if w != "," && w != "-" {
			return speaker, has // "X said in a statement, claiming responsibility"
		}
	}
	st := &speechState{}
	if speaker.typ == sitrep.Person {
		st.lastPerson = &speaker
	} else if has {
		st.lastGroup = &speaker
	}
	var sp speakerFound
	if w == "," || w == "-" {
		sp = d.speakerBeforeComma(si, e, st)
		if !sp.ok {
			return speaker, has // ", claiming responsibility": the speaker's participle
		}
	} else if from := d.phraseStartLeft(toks, e); from <= e {
		sp = d.speakerOf(si, pastAccusationNoun(toks, from, e), e+1, st)
	}
	if sp.ok && (isActorType(sp.r.typ) || sp.r.typ == sitrep.Group) {
		if sp.r.typ == sitrep.Person && speaker.ID != "" && speaker.typ != sitrep.Person {
			return speaker, true // the group's spokesman claims for the group
		}
		return sp.r, true
	}
	if m, ok := d.mentionEndingAt(si, toks[e].End); ok && (!d.placeAt(si, m.Start) && m.Type != sitrep.Country || d.countryActs(si, m)) {
		return d.canonical(d.fullName(d.mentionRef(m))), true
	}
	return speaker, has
}

// accusedBefore finds whom an accusation before token k accuses: "accusing
// the Taliban authorities of …".
func (d *docState) accusedBefore(si, k int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	for v := k - 1; v >= 0; v-- {
		switch toks[v].Lower {
		case "accusing", "accused", "accuses", "accuse", "blaming", "blamed", "blames", "blame":
			of := v + 1
			for of < k && toks[of].Lower != "of" && toks[of].Lower != "for" {
				of++
			}
			if a, ok := d.rightArg(si, v+1, of); ok && isActorType(a.typ) {
				return a, true
			}
			return ref{}, false
		}
	}
	return ref{}, false
}

// pronounSubject reports a verb at token i whose subject is a pronoun or
// "its fighters": the speaker speaking of itself.
func (d *docState) pronounSubject(si, i int) bool {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && verbGap[toks[e].Lower] && toks[e].Lower != "who" && toks[e].Lower != "which" {
		e--
	}
	if e < 0 {
		return false
	}
	w := toks[e].Lower
	if personPronouns[w] || w == "it" || w == "they" || w == "we" || w == "i" {
		return true
	}
	return memberNouns[w] && ownedBySpeaker(toks, e)
}

// ownedBySpeaker reports "its fighters", "their Afghan affiliate", "our
// forces" ending at token e: members of the speaker's own group.
func ownedBySpeaker(toks []text.Token, e int) bool {
	for k := e - 1; k >= 0 && e-k <= 3; k-- {
		switch toks[k].Lower {
		case "its", "our", "their":
			return true
		}
		if hardPunct(toks[k]) || npStop[toks[k].Lower] || determiners[toks[k].Lower] {
			return false
		}
	}
	return false
}

// memberNouns are the members of a group named by its name or a pronoun:
// "its fighters", "Jaish al-Adl forces".
var memberNouns = wordSet("fighters|forces|militants|members|men|troops|cadres|gunmen|operatives|soldiers|mujahideen|units|commandos|" +
	"activists|affiliate|affiliates|branch|branches|wing|arm|cell|cells|faction|offshoot|chapter|province|unit|fighter|member|" +
	"bomber|bombers|martyr|martyrs|attacker|attackers|mujahid|brothers|soldier|squad|squads|detachment|brigade|battalion")

// condemnedObject reads what a condemnation at token end-1 condemns: an
// actor named, or the incident.
func (d *docState) condemnedObject(si, end, to int) (ref, bool, bool) {
	toks := d.rd.Sentences[si].Tokens
	k := end
	for k < len(toks) && k < end+5 && (determiners[toks[k].Lower] || toks[k].Lower == "in" || toks[k].Lower == "strongest" || toks[k].Lower == "terms" ||
		toks[k].Lower == `"` || toks[k].Lower == "'" ||
		toks[k].Lower == "strong" || toks[k].Lower == "most" || toks[k].Lower == "of" || toks[k].Lower == "'s") {
		k++
	}
	if k >= len(toks) {
		return ref{}, false, false
	}
	// "condemned the attack", "condemned Friday's killings", "condemned the arbitrary arrest"
	for j := k; j < len(toks) && j < k+5; j++ {
		if incidentWord(toks[j].Lower) || practiceHeads[toks[j].Lower] || violentGerunds[toks[j].Lower] && toks[j].Lower != "being" {
			return ref{}, true, true
		}
		if hardPunct(toks[j]) || npStop[toks[j].Lower] && toks[j].Lower != "of" {
			break
		}
	}
	if r, ok := d.rightArg(si, end, to); ok && isActorType(r.typ) {
		return r, true, false
	}
	return ref{}, false, false
}

// accusation reads "accused X of Y", "blamed X for Y", "blamed Y on X",
// "held X responsible for Y".
func (d *docState) accusation(si, i, end, to int, speaker ref) ([]relationHit, bool) {
	toks := d.rd.Sentences[si].Tokens
	w := toks[i].Lower
	if negated(toks, i) || passiveBefore(toks, i) && !(end < len(toks) && toks[end].Lower == "for") {
		return nil, false
	}
	hold := strings.HasPrefix(w, "hold") || w == "held"
	if strings.HasPrefix(w, "critici") && (d.incidentAfter(si, end) || attackAhead(toks, end-1) && !d.actorAfterCue(si, end)) {
		// ("criticised a police raid": the incident, its agent before it)
		// "criticised the raid": a condemnation of the incident
		subj, ok := d.leftSubject(si, i, speaker)
		if !ok {
			return nil, false
		}
		h := d.incidentHit(si, i, sitrep.Condemns, subj)
		h.act = true
		return []relationHit{h}, true
	}
	// "blamed the attack on X", "attributed the killings to X"
	if strings.HasPrefix(w, "blam") || strings.HasPrefix(w, "attribut") {
		prep := "on"
		if strings.HasPrefix(w, "attribut") {
			prep = "to"
		}
		k := end
		for k < len(toks) && k < end+8 && toks[k].Lower != prep && !hardPunct(toks[k]) {
			k++
		}
		if k < len(toks) && toks[k].Lower == prep && k > end && hasIncidentWord(toks, end, k) {
			a := k + 1
			for a < to && (toks[a].Lower == `"` || toks[a].Lower == "'") {
				a++ // blamed the attack on "terrorists"
			}
			if r, ok := d.rightArg(si, a, to); ok && isActorType(r.typ) {
				return d.hitsFor(si, i, sitrep.ResponsibleFor, r, ref{}, true, speaker), true
			}
		}
	}
	// the "of"/"for" that opens what the accused is accused of: the first
	// one followed by an act, an incident or an abuse ("accused followers
	// of Kamwina Nsapu of massacring …")
	k := end
	for ; k < to && !hardPunct(toks[k]); k++ {
		if hold && toks[k].Lower == "responsible" {
			break
		}
		if toks[k].Lower != "of" && toks[k].Lower != "for" || k == end {
			continue
		}
		j := k + 1
		for j < to && j < k+4 && (determiners[toks[j].Lower] || toks[j].Lower == "being" || toks[j].Lower == "having" || adverb(toks[j]) ||
			toks[j].Lower == `"` || toks[j].Lower == "'") {
			j++
		}
		if j < to && (violentGerunds[toks[j].Lower] || supportGerunds[toks[j].Lower] || incidentWord(toks[j].Lower) || practiceHeads[toks[j].Lower] ||
			toks[j].Lower == "involvement" || toks[j].Lower == "responsible" || toks[j].Lower == "behind" || toks[j].Lower == "involved" ||
			relPatterns[toks[j].Lower] != nil || broadPractice[toks[j].Lower]) {
			break
		}
		if r, ok := d.rightArg(si, k+1, to); ok && r.typ == sitrep.Practice {
			break // "criticise the government for its 'kill and dump' policies"
		}
	}
	if k >= to || hardPunct(toks[k]) {
		return nil, false // "accused Pakistan, which denies it": an accusation without its object
	}
	subj, okS := d.actorPhrase(si, end, k)
	if !okS {
		subj, okS = d.rightArg(si, end, k)
	}
	if !okS || !isActorType(subj.typ) {
		return nil, false
	}
	if toks[k].Lower == "responsible" {
		k++
		if k >= to || toks[k].Lower != "for" {
			if hold {
				return d.hitsFor(si, i, sitrep.ResponsibleFor, subj, ref{}, true, speaker), true
			}
			return nil, false
		}
	}
	k++ // past "of" / "for"
	j := k
	for j < to && j < k+3 && (determiners[toks[j].Lower] || toks[j].Lower == "being" || toks[j].Lower == "having" || toks[j].Lower == "its" || toks[j].Lower == "involvement" || adverb(toks[j]) ||
		toks[j].Lower == `"` || toks[j].Lower == "'") { // of "violating …", quoted
		if toks[j].Lower == "involvement" {
			return d.hitsFor(si, i, sitrep.ResponsibleFor, subj, ref{}, true, speaker), true
		}
		j++
	}
	if j >= to {
		return nil, false
	}
	nw := toks[j].Lower
	if supportGerunds[nw] || relPatterns[nw] != nil && hasSupportPattern(nw) {
		return nil, false // "accused X of sponsoring Y": the supports pattern reads it
	}
	if (nw == "targeting" || nw == "attacking") && j > k && habitual[toks[j-1].Lower] {
		// "accused X of systematically targeting Baloch civilians": a
		// practice of attacks on a people, not one incident
		if obj, ok := d.rightArg(si, j+1, to); ok && (isActorType(obj.typ) || obj.typ == sitrep.Group) && obj.ID != subj.ID && !d.placeAt(si, toks[j+1].Start) {
			return d.hitsFor(si, i, sitrep.Attacks, subj, obj, false, speaker), true
		}
	}
	if nw == "committing" || nw == "perpetrating" {
		// "accused X of committing 'war crimes'": the abuse named, not an
		// incident
		a := j + 1
		for a < to && (toks[a].Lower == `"` || toks[a].Lower == "'") {
			a++
		}
		if obj, ok := d.rightArg(si, a, to); ok && obj.typ == sitrep.Practice {
			return d.hitsFor(si, i, sitrep.ResponsibleFor, subj, obj, false, speaker), true
		}
	}
	if violentGerunds[nw] || incidentWord(nw) || nw == "responsible" || nw == "behind" || nw == "involved" {
		return d.hitsFor(si, i, sitrep.ResponsibleFor, subj, ref{}, true, speaker), true
	}
	obj, okO := d.rightArg(si, k, to)
	if !okO || obj.typ != sitrep.Practice {
		// "accused X of conducting operations": not an abuse named as such
		return nil, false
	}
	return d.hitsFor(si, i, sitrep.ResponsibleFor, subj, obj, false, speaker), true
}

// suspectLeft reads who is suspected, before "suspected" at token i: the
// noun phrase just before it ("two men who are", "the leader of a gang"
// → "a gang").
func (d *docState) suspectLeft(si, i int) (ref, bool) {
	toks := d.rd.Sentences[si].Tokens
	e := i - 1
	for e >= 0 && (toks[e].Lower == "who" || toks[e].Lower == "which" || toks[e].Lower == "that" || copulas[toks[e].Lower] ||
		toks[e].Lower == "being" || toks[e].Lower == "also" || toks[e].Lower == "," || adverb(toks[e])) {
		e--
	}
	if e < 0 || hardPunct(toks[e]) {
		return ref{}, false
	}
	from := d.phraseStartLeft(toks, e)
	for k := e - 1; k > from; k-- {
		if toks[k].Lower == "of" {
			from = k + 1 // "the leader of a gang": the gang
			break
		}
	}
	if from > e {
		return ref{}, false
	}
	if m, ok := d.mentionEndingAt(si, toks[e].End); ok && !d.placeAt(si, m.Start) {
		return d.canonical(d.mentionRef(m)), true
	}
	if r, ok := d.actorPhrase(si, from, e+1); ok {
		return r, true
	}
	k := from
	for k <= e && determiners[toks[k].Lower] {
		k++
	}
	if k > e || anonymous(spanText(d.text, toks, k, e+1)) && !armedHeads[toks[e].Lower] {
		return ref{}, false
	}
	hw := toks[e].Lower
	switch {
	case armedHeads[hw] || hw == "gang" || hw == "gangs":
		return d.phraseArgTyped(si, from, e+1, sitrep.ArmedGroup), true
	case personHeads[singular(hw)] || hw == "men" || hw == "women" || hw == "people" ||
		toks[e].Capitalised(d.text) && strings.HasSuffix(hw, "s"): // "two Palestinians"
		return d.phraseArgTyped(si, from, e+1, sitrep.Group), true
	}
	return ref{}, false
}

// territoryWords are what a group uses a country's land as.
var territoryWords = wordSet("soil|territory|land|airspace|border|borders|territories|waters")

// isState: a country or its government.
func isState(t string) bool { return t == sitrep.Country || t == sitrep.Government }

// actorAfterCue reports an actor named right after a verb of criticism,
// as its object: "criticised the army for the raid" criticises the army.
func (d *docState) actorAfterCue(si, end int) bool {
	toks := d.rd.Sentences[si].Tokens
	k := end
	for k < len(toks) && determiners[toks[k].Lower] {
		k++
	}
	if k >= len(toks) {
		return false
	}
	from, to := npRight(toks, k)
	if to <= from || !incidentWord(toks[to-1].Lower) {
		return true // the phrase does not end in the incident: "the army for …"
	}
	return false
}

// claimedAct reports "to have <act of violence>" at token k, after a
// verb of claiming: "the Houthis claimed to have hit a Saudi target".
func claimedAct(toks []text.Token, k int) bool {
	if k+2 >= len(toks) || toks[k].Lower != "to" || toks[k+1].Lower != "have" {
		return false
	}
	w := toks[k+2].Lower
	return claimedActs[w] || blameVerbs[w] != nil
}

var claimedActs = wordSet("killed|attacked|shot|downed|destroyed|bombed|ambushed|captured|seized|abducted|kidnapped|" +
	"executed|carried|launched|fired|struck|targeted|hit|stormed|raided")

func hasSupportPattern(w string) bool {
	for _, p := range relPatterns[w] {
		if p.typ == sitrep.Supports {
			return true
		}
	}
	return false
}

func hasIncidentWord(toks []text.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if incidentWord(toks[k].Lower) {
			return true
		}
	}
	return false
}

// hitsFor makes the relations of subject (and those joined to it) to obj
// or to the incident.
func (d *docState) hitsFor(si, i int, typ string, subj, obj ref, incident bool, speaker ref) []relationHit {
	var out []relationHit
	for _, sj := range d.coordinated(si, subj) {
		if incident {
			t := typ
			if t == sitrep.ResponsibleFor && sj.ID == speaker.ID && speaker.ID != "" {
				t = sitrep.ClaimsResponsibility
			}
			out = append(out, d.incidentHit(si, i, t, sj))
			continue
		}
		for _, ob := range d.coordinated(si, obj) {
			out = append(out, relationHit{rel: sitrep.Relation{Type: typ, Subject: sj.ActorRef, Object: ob.ActorRef}, tok: i, subj: sj, obj: ob, incTok: -1})
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
	// "Rinda, who was close to X": the one the relative clause is about
	if e >= 1 && e+1 < i && (toks[e+1].Lower == "who" || toks[e+1].Lower == "which") && toks[e].Lower == "," {
		if m, ok := d.mentionEndingAt(si, toks[e-1].End); ok && !d.placeAt(si, m.Start) {
			return d.canonical(d.fullName(d.mentionRef(m))), true
		}
	}
	// "accused X of … with the support of Y": the accused is the one supported
	for k := i - 1; k >= 0; k-- {
		if toks[k].Lower == "accused" || toks[k].Lower == "accuses" {
			if k+1 < i && toks[k+1].Lower == "by" {
				// "Z, which has been accused by X of supporting Y": Z is
				// the accused, and X, after "by", only accuses
				return d.leftArg(si, k, speaker)
			}
			if r, ok := d.rightArg(si, k+1, i); ok && isActorType(r.typ) {
				return r, true
			}
			break
		}
	}
	if e >= 0 && d.placeAt(si, toks[e].Start) {
		// a place is where, not who; a country that acts is who ("the US continues to align")
		if m, ok := d.mentionEndingAt(si, toks[e].End); !ok || !d.countryActs(si, m) {
			e = -1
		}
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
		if from < to && (to-from >= 2 && groupDescriptions[toks[to-1].Lower] || armedHeads[toks[to-1].Lower] && from > 0 && determiners[toks[from-1].Lower]) && toks[from].Lower != "unknown" && toks[from].Lower != "unidentified" {
			return d.phraseArgTyped(si, from, to, sitrep.ArmedGroup), true
		}
		if from < to && to-from >= 2 && (groupWords[toks[to-1].Lower] || cellHeads[toks[to-1].Lower]) && hasWord(toks, from, to-1, armedModifiers) {
			return d.phraseArgTyped(si, from, to, sitrep.ArmedGroup), true // "these terrorist groups"
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
		if r.ID == speaker.ID || speaker.Name != "" && len(m.Text) < len(speaker.Name) && strings.Contains(speaker.Name, m.Text) {
			continue // "UN investigators said the army was committing …": not the UN
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
	// "accused Kabul of harbouring": the seat of government acts
	if i < len(toks) && toks[i].Capitalised(d.text) && !d.rd.AllCaps && (i == 0 || !locatives[toks[i-1].Lower]) {
		if r, ok := d.seatGovernment(toks[i].Text(d.text)); ok {
			return r, true
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
			if m.End < toks[k].End {
				// "the U.S.-led coalition": the name qualifies what follows
				if from, end := npRight(toks, i); from < end {
					if r, ok := d.addresseePhrase(si, from, end); ok {
						return r, true
					}
				}
				break
			}
			// "the Pakistan army's reported collaboration": a possessive is not the object
			if k > i+3 && !hasWord(toks, i, k, suchAs) {
				break
			}
			// "BKI chief Wadhawa Singh": the person holding the role
			if j := tokenIndex(toks, m.End); j+1 < len(toks) && personRoles[toks[j].Lower] && m.Type != sitrep.Person {
				if p, ok := d.mentionStartingAt(si, toks[j+1].Start); ok && p.Type == sitrep.Person {
					return d.canonical(d.fullName(d.mentionRef(p))), true
				}
			}
			return d.canonical(d.mentionRef(m)), true
		}
	}
	from, end := npRight(toks, i)
	if end > to {
		end = to // the phrase ends where the part searched does: "accused the army [of backing]"
		for end > from && (npStop[toks[end-1].Lower] || determiners[toks[end-1].Lower] || toks[end-1].Lower == "of" || toks[end-1].Lower == "for") {
			end--
		}
	}
	if from >= end {
		return ref{}, false
	}
	// "the organisation", "the group": the body named before
	if end-from == 1 && from > 0 && (toks[from-1].Lower == "the" || toks[from-1].Lower == "this") && anaphoricBody[toks[from].Lower] {
		if r, ok := d.lastBodyBefore(toks[from].Start, ""); ok {
			if nonStateBody[toks[from].Lower] && (r.typ == sitrep.StateForce || r.typ == sitrep.Government) {
				// "the organisation" is not the army named after it
				if r2, ok := d.lastNonStateBodyBefore(toks[from].Start); ok {
					return r2, true
				}
			}
			return r, true
		}
	}
	return d.rightPractice(si, d.phraseArg(si, from, end), end), true
}

// nonStateBody: words for a body that is no army or government.
var nonStateBody = wordSet("organisation|organization|watchdog|observatory|association|forum|union")

// lastNonStateBodyBefore is the last body named before off that is no
// state force or government.
func (d *docState) lastNonStateBodyBefore(off int) (ref, bool) {
	return d.lastBody(off, func(t string) bool { return t != sitrep.StateForce && t != sitrep.Government })
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
	} else if head >= from && (forceHeads[toks[head].Lower] || agencyWords[toks[head].Lower]) {
		typ = sitrep.StateForce
	} else if head >= from && (governmentHeads[toks[head].Lower] || stateWords[toks[head].Lower]) {
		typ = sitrep.Government
	} else if head > from && (cellHeads[toks[head].Lower] || groupWords[toks[head].Lower]) && hasWord(toks, from, head, armedModifiers) {
		typ = sitrep.ArmedGroup // "terrorist groups", "a militant outfit"
	} else if isCapitalisedPhrase(d.text, toks, from, to) {
		typ = sitrep.Organisation
	}
	return d.phraseRef(phrase, typ)
}

var (
	// stateWords name states as parties: "regional states", "foreign powers"
	stateWords = wordSet("states|countries|powers|governments|regimes")
	groupWords = wordSet("group|groups|organisation|organisations|organization|organizations|elements|outfits|factions")
)

// canonical names an actor the same way wherever a relation refers to it,
// so one actor stated several ways is one relation end: by the name the
// document first used for it (readers and other sources search for the
// report's own words), else the knowledge base's name.
func (d *docState) canonical(r ref) ref {
	if a, ok := d.actors[r.ID]; ok && a.first != "" {
		r.Name = a.display()
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

// isPronoun: "it", "They"; an acronym written in capitals ("US", "IT")
// is a name.
func isPronoun(name string) bool {
	if len(name) >= 2 && strings.ToUpper(name) == name {
		return false
	}
	return pronouns[text.Lower(name)]
}

// coordinated returns r and the actors joined to it by "and" in the
// sentence ("Kakar and Bugti are responsible", "the army and intelligence
// agencies").
func (d *docState) coordinated(si int, r ref) []ref {
	out := append([]ref{r}, r.also...)
	toks := d.rd.Sentences[si].Tokens
	named := false
	for _, m := range d.actorsIn(si) {
		if m.Text != r.Name && d.mentionRef(m).ID != r.ID {
			continue
		}
		named = true
		j := tokenIndex(toks, m.Start)
		k := tokenIndex(toks, m.End)
		if k+3 < len(toks) && toks[k].Lower == "(" && toks[k+2].Lower == ")" {
			k += 3 // "the Mountain Brigade (MB) and gangsters"
		}
		// X and Y
		if k+1 < len(toks) && toks[k].Lower == "and" {
			if n, ok := d.mentionStartingAt(si, toks[k+1].Start); ok && !d.placeAt(si, n.Start) {
				out = append(out, d.canonical(d.mentionRef(n)))
			} else if to := d.phraseEndRight(si, k+1); to > k+1 {
				// "the Nigerian Army and police": the phrase, not the clause after it
				if r, ok := d.actorPhrase(si, k+1, to); ok {
					out = append(out, r)
				} else if to == k+2 && armedHeads[toks[k+1].Lower] {
					out = append(out, d.phraseArgTyped(si, k+1, to, sitrep.ArmedGroup)) // "security forces and insurgents"
				}
			}
		}
		// Y and X: "both Kakar and Bugti", "Daesh and the Taliban"
		for j > 0 && determiners[toks[j-1].Lower] {
			j--
		}
		if j >= 2 && toks[j-1].Lower == "and" {
			if n, ok := d.mentionEndingAt(si, toks[j-2].End); ok && !d.placeAt(si, n.Start) {
				out = append(out, d.canonical(d.mentionRef(n)))
			}
		}
		break
	}
	if !named {
		// a force or group only described: "the army and armed militias
		// killed", "soldiers and foreign mercenaries executed"
		if k := phraseEndIn(toks, r.Name); k > 0 && k+1 < len(toks) && toks[k].Lower == "and" {
			if n, ok := d.mentionStartingAt(si, toks[k+1].Start); ok {
				if !d.placeAt(si, n.Start) && n.Type != sitrep.Person {
					out = append(out, d.canonical(d.mentionRef(n)))
				}
			} else if to := d.phraseEndRight(si, k+1); to > k+1 {
				if o, ok := d.actorPhrase(si, k+1, to); ok && o.ID != r.ID && isActorType(o.typ) {
					out = append(out, o)
				} else if !ok && to == k+2 && armedHeads[toks[k+1].Lower] {
					out = append(out, d.phraseArgTyped(si, k+1, to, sitrep.ArmedGroup)) // "the army and rebels"
				}
			}
		}
	}
	return out
}

// phraseEndIn returns the token after the words of name in toks (matched
// without regard to case), 0 when they are not there.
func phraseEndIn(toks []text.Token, name string) int {
	w := strings.Fields(strings.ToLower(name))
	if len(w) == 0 {
		return 0
	}
	for i := 0; i+len(w) <= len(toks); i++ {
		if matchWords(toks, i, w) {
			return i + len(w)
		}
	}
	return 0
}

// armedHeads head phrases naming armed bodies the knowledge base cannot
// list: "death squads", "criminal gangs", "a pro-state militia".
var armedHeads = wordSet("squads|squad|gangs|gang|militia|militias|proxies|proxy|outfits|outfit|lashkar|brigade|brigades|" +
	"fighters|militants|mercenaries|guerrillas|insurgents|rebels|paramilitaries|terrorists|separatists|extremists|jihadists|" +
	"gangsters|bandits|colectivos")

// governmentHeads name a government described: "the government", "the authorities".
var governmentHeads = wordSet("government|authorities|regime|administration|ministry|junta|cabinet|state|presidency")

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
