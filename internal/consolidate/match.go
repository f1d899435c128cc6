package consolidate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// Threshold is the evidence score an event needs against some member of an
// incident to join it. Same type, same day and same town together score
// 5.0; a report giving only the province needs one more piece of evidence
// (a shared target or perpetrator, agreeing tolls, words naming the
// incident) when its date is not exact.
const Threshold = 3.2

// AmbiguityMargin: when the two best incidents for an event score within
// this margin of each other and cannot be one incident, the event opens an
// incident of its own and Assignment.Alternatives lists both for review.
const AmbiguityMargin = 1.0

// StrongIdentity is the word score (see identity) from which a report is
// taken to name an incident: the rare words of its sentences are the ones
// the incident's reports use. Two rare words most of the incident's
// reports share (a train's name, the place of a massacre) reach it; the
// words of a province and of "bomb" and "police" do not.
const StrongIdentity = 6.0

// Score weights. Kept as named constants so reasons and tests speak of the
// same quantities.
const (
	wSameType        = 1.0
	wSameFamily      = 0.3
	wOtherAttack     = -0.3 // a bombing to one outlet, an armed attack to another
	wOtherFamily     = -0.5 // a report naming the incident by other words for what happened
	wSameDay         = 2.0
	wNextDay         = 1.2
	wCoarseDate      = 0.3
	wSameTown        = 2.0
	wNearTown        = 1.6 // within 25 km, scaled down with distance
	wInProvince      = 0.6
	wInDistrict      = 1.0
	wSameProvince    = 0.5
	wSameCountry     = 0.1
	wSharedPerp      = 1.5
	wOtherPerp       = -2.0
	wSharedTarget    = 1.5
	wRelatedTarget   = 0.0
	wOtherTarget     = -4.5
	wTollsAgree      = 0.5
	wTollsDisagree   = -3.0
	wIdentityPerWord = 1.0 / 2 // identity score → evidence score
	wIdentityMax     = 4.0
	wMentionsTown    = 1.0 // a report placed vaguely names the incident's town
	wSameSentence    = 1.5 // two events of a document read from one sentence (joinTwins)
	nearTownKM       = 25.0
	districtRadiusKM = 60.0
	// farKM: places this far apart are two incidents whatever words the
	// reports share (the same group's attacks in two districts).
	farKM = 150.0
	// followDays: a report naming an incident may state a day this many
	// days after it: statements, funerals and arrests of the days after.
	followDays = 3
	// backDays: a report that states no date of its own and names an
	// incident may refer to one this many days before it was published
	// ("the hijacking", "since the attack in Pahalgam").
	backDays = 35
	// inferredDays: an event whose only date is its report's publication
	// happened on that day or in the week before.
	inferredDays = 7
	// periodDays: a date spanning more than this is a period (a month, a
	// year), and its report's figures are a period's statistics.
	periodDays = 31
)

// families groups event types that reports of one incident may use
// interchangeably: one outlet's "clash" is another's "attack on a post",
// and the same disappearance is an "arrest" to an official and an
// "abduction" to the family.
var families = map[string]int8{
	sitrep.Bombing:       1,
	sitrep.ArmedAttack:   2,
	sitrep.Assassination: 2,
	sitrep.Clash:         2,
	sitrep.Abduction:     3,
	sitrep.Arrest:        3,
	sitrep.MassGrave:     4,
	sitrep.Torture:       5,
	sitrep.Protest:       6,
	sitrep.Visit:         7,
}

// violent are the types one act of violence may be reported as: a train
// hijacking is a bombing of the track, an armed attack and a hostage
// taking at once. Reports that name the incident may cross these types.
var violent = map[string]bool{
	sitrep.Bombing: true, sitrep.ArmedAttack: true, sitrep.Assassination: true,
	sitrep.Clash: true, sitrep.Abduction: true,
}

// attacks are the types outlets use for the same assault on a place: a
// suicide car bomb followed by gunmen is a bombing to one and an armed
// attack to another, an air strike either.
var attacks = map[string]bool{
	sitrep.Bombing: true, sitrep.ArmedAttack: true, sitrep.Assassination: true, sitrep.Clash: true,
}

// genericTargets are target ids that say little about which incident a
// report describes; two reports naming one of these and something more
// specific are not in conflict.
var genericTargets = map[string]bool{
	"civilians": true, "people": true, "residents": true, "passers-by": true,
	"passersby": true, "bystanders": true, "security-forces": true,
	"security-personnel": true, "soldiers": true, "troops": true,
	"officials": true, "workers": true, "labourers": true, "laborers": true,
	"passengers": true, "villagers": true, "locals": true, "men": true,
	"women": true, "children": true, "students": true,
	// classes of people an extractor reads as targets of arrests and
	// attacks: they tell nothing about which incident it was
	"suspects": true, "accused": true, "militants": true, "terrorists": true,
	"attackers": true, "gunmen": true, "assailants": true, "hostages": true,
	"victims": true, "guards": true, "policemen": true, "police": true,
	"mourners": true, "protesters": true, "family": true, "relatives": true,
}

// isGeneric reports whether a target id names only a class of people or
// things: one of genericTargets, or a phrase whose head (last word) is one
// ("least-12-people", "innocent-civilians", "fourteen-passengers").
func isGeneric(id string) bool {
	if genericTargets[id] {
		return true
	}
	if i := strings.LastIndexByte(id, '-'); i >= 0 {
		return genericTargets[id[i+1:]]
	}
	return false
}

// Place precision ranks, finest first.
const (
	rankPoint int8 = iota
	rankTown
	rankDistrict
	rankProvince
	rankCountry
	rankNone
)

func placeRank(p *sitrep.Place) int8 {
	if p == nil {
		return rankNone
	}
	switch p.Precision {
	case sitrep.PlacePoint:
		return rankPoint
	case sitrep.PlaceTown, "":
		if p.Name == "" {
			if p.Admin1 != "" {
				return rankProvince
			}
			if p.Country != "" {
				return rankCountry
			}
			return rankNone
		}
		return rankTown
	case sitrep.PlaceDistrict:
		return rankDistrict
	case sitrep.PlaceProvince:
		return rankProvince
	case sitrep.PlaceCountry:
		return rankCountry
	}
	return rankTown
}

func datePrecisionRank(p string) int {
	switch p {
	case sitrep.PrecisionDay:
		return 0
	case sitrep.PrecisionWeek:
		return 1
	case sitrep.PrecisionMonth:
		return 2
	case sitrep.PrecisionYear:
		return 3
	}
	return 4
}

// member is an event prepared for comparison: dates as day numbers, names
// normalised, actor ids sorted, words numbered, so that scoring allocates
// nothing.
//
// What comparing two reports reads comes first, so that it shares the
// first of the member's cache lines: a report is compared with a few
// dozen incidents' reports scattered in memory.
type member struct {
	start, end int32
	pub        int32
	fam        int8
	rank       int8
	dated      bool
	stated     bool // the report states the date; false when it is the publication's
	newsDay    bool // the stated day is the day of publication or the day before
	dayPrec    bool
	period     bool // the date spans more than periodDays
	hasPub     bool
	soft       bool // placed at the report's dateline: where it was filed from
	hasLL      bool
	looseType  bool // joined by its words as another kind of act than the incident's
	weak       bool // joined on type, date and place alone, with no shared actor
	followUp   bool // a later development or another kind of report of the incident
	// doc is a hash of ref.DocID: reports of two documents mostly differ
	// in it, and comparing it spares reading each candidate's DocID
	// (sameDoc).
	doc      uint32
	geo      int
	lat, lon float64
	typ      string
	name     string // normalised town/district/province name
	admin1   string
	country  string
	inc      *incident
	mask     wordMask // termMask(terms)

	ref   EventRef
	ev    evidence
	terms []int32 // the report's rarest words, sorted
	rare  []int32 // the same words rarest first, as EventRef.Words gives them
}

// Doc is what consolidation knows of a report besides its events.
type Doc struct {
	ID        string
	Published string // YYYY-MM-DD, may be empty
	Outlet    string
	// Text, when given, is the report's text: its words are counted to
	// know which words are rare. It is not kept.
	Text string
	// Dateline is the places the report was filed from, as Dateline
	// returns them.
	Dateline []string
}

// newMember prepares an event for comparison: ev being placed, with what
// its sentences tell (readEvent) and its words numbered, or a report
// as stored (ev and read nil), whose Words are the terms chosen when it
// was placed.
func (x *Index) newMember(ref EventRef, ev *sitrep.Event, read *eventText, d *Doc, words []int32) *member {
	m := &member{ref: ref, typ: ref.Type, fam: families[ref.Type], doc: docHash(ref.DocID),
		followUp: ref.FollowUp, looseType: ref.KindOutlier}
	m.ev.killedLo, m.ev.killedHi = -1, -1
	if m.fam == 0 {
		m.fam = -1 // unknown types only match themselves
	}
	m.pub, _, m.hasPub = parseDay(d.Published)
	if dt := ref.Date; dt != nil {
		if s, e, ok := parseDay(dt.Start); ok {
			m.dated, m.start, m.end = true, s, e
			if _, e2, ok := parseDay(dt.End); ok && e2 >= s {
				m.end = e2
			}
			m.dayPrec = dt.Precision == sitrep.PrecisionDay && m.start == m.end
			m.stated = !(dt.Text == "" && m.hasPub && m.start == m.pub && m.end == m.pub)
			m.newsDay = m.stated && m.dayPrec && m.hasPub && m.start >= m.pub-1 && m.start <= m.pub
		}
	}
	if !m.stated && m.hasPub {
		// An event dated only by its report happened shortly before it
		// was published: a week covers most "recently" and "last few days".
		m.dated, m.start, m.end, m.dayPrec = true, m.pub-inferredDays, m.pub, false
	}
	m.period = m.dated && m.end-m.start > periodDays
	p := ref.Place
	m.rank = placeRank(p)
	if p != nil {
		m.admin1 = x.normName(p.Admin1)
		m.country = x.normName(p.Country)
		m.geo = p.GeonamesID
		if m.rank <= rankDistrict {
			m.name = trimDistrict(x.normName(p.Name))
		} else if m.rank == rankProvince {
			m.name = x.normName(p.Name)
			if m.name == "" {
				m.name = m.admin1
			}
			if m.admin1 == "" {
				m.admin1 = m.name
			}
		}
		if p.Lat != nil && p.Lon != nil && !(*p.Lat == 0 && *p.Lon == 0) {
			m.hasLL, m.lat, m.lon = true, *p.Lat, *p.Lon
		}
		if m.rank <= rankDistrict && m.name != "" && slices.Contains(d.Dateline, m.name) && ev != nil && !read.placeSaid {
			m.soft = true
			m.ref.DatelinePlace = true
		}
		if m.rank <= rankDistrict && ev != nil && read.routeEnd {
			m.ref.RoutePlace = true
		}
	}
	m.soft = m.soft || ref.DatelinePlace || m.ref.RoutePlace || ref.PlaceOutlier || m.rank <= rankDistrict && namesActor(m.name, &ref)
	e := &m.ev
	for _, l := range [][]sitrep.ActorRef{ref.Perpetrators, ref.ClaimedBy} {
		for _, a := range l {
			if a.ID != "" {
				e.perps = append(e.perps, a.ID)
				e.perpTerms = append(e.perpTerms, x.nameTerms(a.Name)...)
			}
		}
	}
	for _, a := range ref.Targets {
		if a.ID == "" {
			continue
		}
		e.targets = append(e.targets, a.ID)
		if !isGeneric(a.ID) {
			e.targetTerms = append(e.targetTerms, x.nameTerms(a.ID+" "+a.Name)...)
		}
	}
	if p != nil {
		e.placeTerms = x.nameTerms(p.Name + " " + p.Admin1)
		if m.rank <= rankDistrict && !ref.PlaceOutlier {
			e.townTerms = x.nameTerms(p.Name)
		}
	}
	for _, l := range [][]string{e.perps, e.targets} {
		slices.Sort(l)
	}
	e.perps, e.targets = slices.Compact(e.perps), slices.Compact(e.targets)
	for _, l := range []*[]int32{&e.perpTerms, &e.targetTerms, &e.placeTerms, &e.townTerms} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	if ev != nil {
		m.ref.Statistic = m.statistic(ev, read.cued)
	}
	if _, b, _, ok := reportFigures(ref.Killed); ok && !m.ref.Statistic {
		e.killedLo, e.killedHi = b, b
	}
	var rare []int32
	if ev == nil {
		// Kept as chosen, none included: chosen again they would follow
		// the counts of the reports placed since, and differ between an
		// Index that placed the report and one that read it back.
		rare = make([]int32, len(ref.Words))
		for i, w := range ref.Words {
			rare[i] = x.voc.id(w)
		}
	} else {
		if words == nil {
			words = read.words.sortedIDs(x.voc)
		}
		rare = x.voc.termIDs(words, e.targetTerms)
	}
	// Kept as numbers, rarest first (the first of them index the
	// incident) and sorted (to compare), in one array: the words
	// themselves are the vocabulary's, written out when the incident is
	// read.
	m.ref.Words = nil
	buf := make([]int32, 2*len(rare))
	m.rare, m.terms = buf[:len(rare):len(rare)], buf[len(rare):]
	copy(m.rare, rare)
	copy(m.terms, rare)
	slices.Sort(m.terms)
	m.mask = termMask(m.terms)
	return m
}

// recall reports whether a report tells of an act of a day it states
// recallDays or more before it was published.
func (m *member) recall() bool {
	return m.stated && m.hasPub && m.pub-m.end >= recallDays
}

// placed reports whether a report's place says where an incident
// happened: a province or finer, and not the report's dateline.
func (m *member) placed() bool {
	return m.rank <= rankProvince && !m.soft
}

// routeEnd reports whether a report's sentences name the place only as
// one end of a road or railway ("a blast on the Noshki-Dalbandin
// highway", "the Quetta–Chaman road"): the incident was somewhere along
// it, perhaps nearer the other end, so the place is not held against a
// report that places it elsewhere.
func routeEnd(spans []sitrep.Span, name string) bool {
	if name == "" {
		return false
	}
	said := false
	for _, sp := range spans {
		t := sp.Text
		for i, end := range wholeWords(t, name, indexFold) {
			said = true
			before, after := strings.TrimRight(t[:i], " "), t[end:]
			switch {
			case endsWithDash(before):
				// "Noshki-Dalbandin highway": the second end
				if routeNounNext(after) {
					continue
				}
			case startsWithDash(after):
				// "Noshki-Dalbandin highway": the first end, then the other
				// end's words
				rest := strings.TrimLeft(trimDash(after), " ")
				for k := 0; k < 3; k++ {
					w, tail := nextWord(rest)
					if w == "" || !unicode.IsUpper([]rune(w)[0]) {
						break
					}
					rest = tail
					if routeNounNext(rest) {
						break
					}
				}
				if routeNounNext(rest) {
					continue
				}
			}
			return false // named on its own somewhere
		}
	}
	return said
}

// routeNouns name a road or railway.
var routeNouns = map[string]bool{"highway": true, "road": true, "motorway": true, "expressway": true, "route": true,
	"railway": true, "railroad": true, "corridor": true, "bypass": true, "freeway": true, "track": true}

func routeNounNext(s string) bool {
	w, _ := nextWord(s)
	return routeNouns[strings.ToLower(w)]
}

// nextWord returns the first word of s (letters only) and what follows it.
func nextWord(s string) (string, string) {
	s = strings.TrimLeft(s, " ")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

var dashes = []string{"-", "–", "—"}

func endsWithDash(s string) bool {
	for _, d := range dashes {
		if strings.HasSuffix(s, d) {
			return true
		}
	}
	return false
}

func startsWithDash(s string) bool {
	for _, d := range dashes {
		if strings.HasPrefix(s, d) {
			return true
		}
	}
	return false
}

func trimDash(s string) string {
	for _, d := range dashes {
		s = strings.TrimPrefix(s, d)
	}
	return s
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// namesActor reports whether a place has the name of one of the report's
// actors: a town that shares its name with the group said to have attacked
// is more likely the group, misread as a place, than where it happened.
func namesActor(place string, ref *EventRef) bool {
	for _, l := range [][]sitrep.ActorRef{ref.Perpetrators, ref.Targets, ref.ClaimedBy} {
		for _, a := range l {
			if normIs(a.Name, place) || normIs(a.ID, place) {
				return true
			}
		}
	}
	return false
}

// nameTerms numbers the words of a name, sorted, each once. Names recur
// (places, groups), so their words are remembered: callers must not
// change the slice (sorting it again changes nothing).
func (x *Index) nameTerms(s string) []int32 {
	if out, ok := x.nameWords[s]; ok {
		return out
	}
	var out []int32
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f := foldWord(w); f != "" {
			out = append(out, x.voc.id(f))
		}
	}
	slices.Sort(out)
	out = slices.Clip(slices.Compact(out))
	x.nameWords[s] = out
	return out
}

// statistic reports whether a report's figures count a period rather than
// one incident: its date spans a month or more, or its sentence speaks of
// a year, a total or a tally ("killed so far this year", "a total of 563
// personnel"). Such figures stay on the report and never reach an
// incident's range.
func (m *member) statistic(ev *sitrep.Event, cued bool) bool {
	if ev.Killed == nil && ev.Injured == nil && ev.Victims == nil {
		return false // no figures to keep out
	}
	if m.period {
		return true
	}
	for _, c := range []*sitrep.Count{ev.Killed, ev.Injured, ev.Victims} {
		if c != nil && vagueMagnitude(c.Text) {
			return true
		}
	}
	return cued
}

// vagueMagnitude reports whether a figure is only an order of magnitude
// in the thousands or more ("thousands of people", "tens of thousands"):
// the toll of a war or a year, told in round words, not a count of one
// incident's dead.
func vagueMagnitude(text string) bool {
	l := strings.ToLower(text)
	return strings.Contains(l, "thousands") || strings.Contains(l, "millions")
}

// periodWords are the month names and the spans after "since" that make
// a figure a running total ("killed since March", "since the war began").
var periodWords = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "the war", "the conflict", "the start", "the beginning", "the offensive", "the invasion"}

// statisticCues are the phrases that make a sentence's figures a
// statistic, listed by their first byte: statisticCue looks for all of
// them in one pass over the sentence (every report's sentence passes
// here, and a search per phrase read it two dozen times).
var statisticCues = func() (by [256][]string) {
	for _, cue := range []string{"so far this year", "this year alone", "since january", "a total of",
		"in total", "annual", "statistic", "per cent", "percent", "tally", "since the start of", "over the past year",
		"during the year", "in the first half", "in the past year", "deadliest month", "deadliest year",
		"the months of", "the years of", "over the past months", "over the years", "single-month", "monthly"} {
		by[cue[0]] = append(by[cue[0]], cue)
	}
	return by
}()

func statisticCue(s string) bool {
	l := strings.ToLower(s)
	for i := 0; i < len(l); i++ {
		for _, cue := range statisticCues[l[i]] {
			if strings.HasPrefix(l[i:], cue) {
				return true
			}
		}
	}
	// "since May 27", "as of August 13", "since October 2023", "since the
	// war began": a running total; "since Thursday" and "as of Tuesday"
	// are an incident's own days.
	for _, open := range []string{"since ", "as of "} {
		for i := strings.Index(l, open); i >= 0; {
			rest := l[i+len(open):]
			// "the deadliest attack since 2000" dates a comparison
			if open == "as of " || !comparedSince(l[:i]) {
				for _, w := range periodWords {
					if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !unicode.IsLetter(rune(rest[len(w)]))) {
						return true
					}
				}
				if len(rest) >= 4 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3]) {
					return true
				}
			}
			j := strings.Index(rest, open)
			if j < 0 {
				break
			}
			i += len(open) + j
		}
	}
	// "between July and August", "from March to May": a span of months.
	for _, open := range []string{"between ", "from "} {
		for i := strings.Index(l, open); i >= 0; {
			rest := l[i+len(open):]
			for _, w := range periodWords[:12] {
				if strings.HasPrefix(rest, w) {
					tail := rest[len(w):]
					if k := strings.IndexAny(tail, ",.;"); k >= 0 {
						tail = tail[:k]
					}
					for _, w2 := range periodWords[:12] {
						if strings.Contains(tail, " "+w2) {
							return true
						}
					}
				}
			}
			j := strings.Index(rest, open)
			if j < 0 {
				break
			}
			i += len(open) + j
		}
	}
	// "killed in 2024": a year stated as the time of the figures
	for i := strings.Index(l, "in 20"); i >= 0; {
		if i+7 <= len(l) && isDigit(l[i+5]) && isDigit(l[i+6]) && (i+7 == len(l) || !isDigit(l[i+7])) {
			return true
		}
		j := strings.Index(l[i+1:], "in 20")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// comparedSince reports a clause before "since" that ranks something
// ("the deadliest attack on civilians since 2000", "the worst violence
// since the war", "the first such attack since"): what follows "since"
// dates the comparison, not a running total.
func comparedSince(before string) bool {
	if k := strings.LastIndexAny(before, ",;:"); k >= 0 {
		before = before[k+1:]
	}
	ranked := false
	for _, w := range strings.Fields(before) {
		w = strings.Trim(w, `"“”‘’'()`)
		switch {
		case w == "worst" || w == "first" || w == "biggest" || w == "largest" || w == "highest" ||
			len(w) > 5 && strings.HasSuffix(w, "iest"):
			ranked = true
		case ranked && (w == "toll" || w == "number" || w == "tally" || w == "count" || w == "deaths" || w == "casualties"):
			return false // "the highest death toll since 2014" ranks a total
		}
	}
	return ranked
}

// normName folds a place or country name for comparison: lower case,
// letters and digits only, so "Dera Bugti" and "dera-bugti" agree.
func normName(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normName is normName remembered: places recur, and each report kept
// three names of its own.
func (x *Index) normName(s string) string {
	n, ok := x.norms[s]
	if !ok {
		n = normName(s)
		x.norms[s] = n
	}
	return n
}

// trimDistrict drops the word "district" that closes a folded district
// name: "Nushki District" and "Noshki" are one district in two spellings,
// which sameName then finds alike.
func trimDistrict(n string) string {
	if t := strings.TrimSuffix(n, "district"); len(t) >= 4 {
		return t
	}
	return n
}

// normIs reports whether normName(s) is norm, without making it.
func normIs(s, norm string) bool {
	i := 0
	for _, r := range s {
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n, w := utf8.DecodeRuneInString(norm[i:])
		if w == 0 || n != r {
			return false
		}
		i += w
	}
	return i == len(norm)
}

// sameName accepts small spelling differences between place names of some
// length ("Panjgur"/"Panjgoor"): transliterations differ by a letter or two.
func sameName(a, b string) bool {
	if a == b {
		return a != ""
	}
	if len(a) < 5 || len(b) < 5 || strings.ContainsAny(a, "0123456789") || strings.ContainsAny(b, "0123456789") {
		return false
	}
	limit := 1
	if len(a) >= 8 && len(b) >= 8 {
		limit = 2
	}
	return editDistanceAtMost(a, b, limit)
}

func editDistanceAtMost(a, b string, k int) bool {
	if d := len(a) - len(b); d > k || -d > k {
		return false
	}
	var pbuf, cbuf [32]int // names are short: no allocation
	prev, cur := pbuf[:], cbuf[:]
	if len(b) >= len(pbuf) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}

func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	s := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(s)))
}

func intersects[T int32 | string](a, b []T) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// contains reports whether the sorted list a holds every value of the
// sorted list b.
func contains[T int32 | string](a, b []T) bool {
	i := 0
	for _, v := range b {
		for i < len(a) && a[i] < v {
			i++
		}
		if i == len(a) || a[i] != v {
			return false
		}
		i++
	}
	return true
}

func allGeneric(ids []string) bool {
	for _, id := range ids {
		if !isGeneric(id) {
			return false
		}
	}
	return true
}

// explain collects reasons only when asked: scoring runs for every
// candidate, reasons are written only for the chosen one.
type explain struct {
	on      bool
	reasons []string
}

func (e *explain) add(format string, args ...any) {
	if e.on {
		e.reasons = append(e.reasons, fmt.Sprintf(format, args...))
	}
}

// naming is how a report relates to an incident by its words.
type naming struct {
	named   bool // its words name the incident (StrongIdentity)
	salient bool // and the incident is one later reports refer back to
	// laterKind: and the report is of an arrest, a protest, a visit
	// after an act of violence: it may come weeks later.
	laterKind bool
	// certain: and its words name the incident beyond doubt, so that a
	// report without a date of its own may look back weeks to it.
	certain bool
	// fresh: and the report counts dead or wounded that no report of the
	// incident's act stating its day counted (freshFigures): it tells of
	// an act of its own day and does not look back weeks by its words.
	fresh bool
	// saysTown: and its sentences name a town the incident's reports
	// place it at: its own place does not keep it out.
	saysTown bool
	// saysTarget: and its sentences name a target most of the
	// incident's reports name.
	saysTarget bool
}

// saysTarget reports whether a report's sentences (words, or its rarest
// words) use a word of the name of a target that most of inc's reports
// use, place names aside.
func (m *member) saysTarget(words []int32, inc *incident) bool {
	for _, t := range inc.union.targetTerms {
		if (has(words, t) || has(m.terms, t)) && !has(inc.union.placeTerms, t) &&
			int(inc.prof.count(t)) >= (len(inc.members)+1)/2 {
			return true
		}
	}
	return false
}

// saysTown reports whether a report's sentences name one of the towns
// (words of their names) other than its own place.
func (m *member) saysTown(words, towns []int32) bool {
	for _, t := range towns {
		if (has(words, t) || has(m.terms, t)) && !has(m.ev.placeTerms, t) {
			return true
		}
	}
	return false
}

// dissents reports whether a report of an incident disagrees with its
// representative report: another kind of act, days apart or places that
// cannot be one.
func (o *member) dissents(rep *member) bool {
	if rep == nil || o == rep {
		return false
	}
	// Kinds compare as reported: that either report joined as another
	// kind of act (looseType) does not make its kind agree.
	if !(o.fam == rep.fam || attacks[o.typ] && attacks[rep.typ]) {
		return true
	}
	quiet := explain{}
	if _, veto := dateScore(o, rep, naming{}, &quiet); veto {
		return true
	}
	if o.rank == rankNone || rep.rank == rankNone || o.soft || rep.soft {
		return false
	}
	_, veto := comparePlaces(o, rep, false, &quiet)
	return veto
}

// baseScore weighs the type, date and place of two reports. named is true
// when the report a names b's incident by its rare words (StrongIdentity):
// then other words for what happened, a wrong or vague place, a statement
// of the following days and a back-reference weeks later do not keep it
// apart; places far apart, another stated day weeks away and other named
// targets still do.
func baseScore(a, b *member, nm naming, ex *explain) (s, ps float64, veto bool) {
	named := nm.named
	if sameDoc(a, b) && !named && !sameReading(a, b) {
		ex.add("same document reports them as separate events")
		return 0, 0, true
	}
	// Type.
	// Reasons are written only when asked: the words of each would cost
	// an allocation per candidate report.
	switch {
	case a.typ == b.typ:
		s += wSameType
		if ex.on {
			ex.add("same type %s", a.typ)
		}
	case a.fam == b.fam:
		s += wSameFamily
		if ex.on {
			ex.add("related types %s and %s", a.typ, b.typ)
		}
	case attacks[a.typ] && attacks[b.typ] || a.looseType || b.looseType:
		s += wOtherAttack
		if ex.on {
			ex.add("%s reported as %s", b.typ, a.typ)
		}
	case named || b.followUp:
		s += wOtherFamily
		if ex.on {
			ex.add("%s reported as %s", b.typ, a.typ)
		}
	default:
		if ex.on {
			ex.add("incompatible types %s and %s", a.typ, b.typ)
		}
		return s, 0, true
	}
	// Date.
	ds, dveto := dateScore(a, b, nm, ex)
	if dveto {
		return s, 0, true
	}
	s += ds
	// Place. An arrest, a funeral or a protest that follows an attack
	// happens where the suspects or the mourners are.
	if nm.laterKind {
		ex.add("follows the incident elsewhere")
		return s, 0, false
	}
	if nm.saysTown && b.rank <= rankDistrict {
		if qs, veto := placeScore(a, b, named, &explain{}); veto || qs <= 0 {
			if ex.on {
				ex.add("names %s, where the incident happened", b.ref.Place.Name)
			}
			return s + wMentionsTown, wMentionsTown, false
		}
	}
	ps, pveto := placeScore(a, b, named, ex)
	if pveto {
		return s, 0, true
	}
	if (a.typ == sitrep.Visit) != (b.typ == sitrep.Visit) && (violent[a.typ] || violent[b.typ]) {
		// A visit is one of an attack's reports only where the attack
		// happened, and after it: a tour of another province whose words
		// name the attack is another act, and so is a visit to the
		// country, or one that ended before the attack began.
		v, o := a, b
		if b.typ == sitrep.Visit {
			v, o = b, a
		}
		if ps <= 0 || v.rank >= rankCountry || v.dated && o.dated && v.end < o.start {
			ex.add("a visit elsewhere than the attack, or before it")
			return s, 0, true
		}
	}
	return s + ps, ps, false
}

// docHash is member.doc of a document id (FNV-1a).
func docHash(id string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	return h
}

// sameDoc reports whether two reports come from one document.
func sameDoc(a, b *member) bool { return a.doc == b.doc && a.ref.DocID == b.ref.DocID }

// sameReading reports whether two events of one document are one act the
// extraction read twice from one sentence: as two kinds of assault ("five
// soldiers were martyred as forces responded to an attack on the
// cantonment": an armed attack and a bombing) or at two places (the
// dateline and the valley it names). The document does not tell them
// apart, so they are compared as two reports are; it takes kinds one
// assault is reported as, and dates that overlap.
func sameReading(a, b *member) bool {
	return a.ref.Sentence > 0 && a.ref.Sentence == b.ref.Sentence &&
		(a.typ == b.typ || attacks[a.typ] && attacks[b.typ]) &&
		a.dated && b.dated && a.start <= b.end && b.start <= a.end
}

func dateScore(a, b *member, nm naming, ex *explain) (float64, bool) {
	named := nm.named
	if !a.dated || !b.dated {
		ex.add("no date to compare")
		return 0, false
	}
	if a.period && b.period || (a.period || b.period) && !named {
		// A report dated only by a year or a season says nothing about
		// which incident it is, unless its words name one; two such
		// reports are two statistics, not one incident.
		ex.add("a date is a period longer than a month")
		return 0, true
	}
	gap := int32(0)
	late := a // the report of the later date
	if a.start > b.end {
		gap = a.start - b.end
	} else if b.start > a.end {
		gap, late = b.start-a.end, b
	}
	switch {
	case gap > 1:
		if named && (gap <= followDays || (nm.certain && (late == b && !b.stated || late == a && !nm.fresh && (!a.stated || a.newsDay)) || nm.laterKind && late == a) && gap <= backDays) {
			if ex.on {
				ex.add("%s is %d days after %s, and names it", formatDay(late.start), gap, dayOrRange(a, b))
			}
			return 0, false
		}
		if ex.on {
			ex.add("dates %s and %s are %d days apart", formatDay(a.start), formatDay(b.start), gap)
		}
		return 0, true
	case a.dayPrec && b.dayPrec && gap == 0:
		if ex.on {
			ex.add("same day %s", formatDay(a.start))
		}
		return wSameDay, false
	case a.dayPrec && b.dayPrec:
		if ex.on {
			ex.add("dates one day apart (%s, %s)", formatDay(a.start), formatDay(b.start))
		}
		return wNextDay, false
	case gap == 1 && !(a.dayPrec || b.dayPrec):
		// Two ranges that merely touch say nothing.
		ex.add("date ranges only touch")
		return 0, false
	}
	if ex.on {
		ex.add("date %s falls within the period %s to %s", dayOrRange(a, b), formatDay(wider(a, b).start), formatDay(wider(a, b).end))
	}
	return wCoarseDate, false
}

// evidence is what an event, or the union of an incident's events, says
// about who did what to whom. Comparing an event with the union rather
// than with one member means a report naming another target is held
// against the whole incident, even when the member it otherwise resembles
// most named no target.
type evidence struct {
	perps       []string
	targets     []string
	perpTerms   []int32 // words of the perpetrators' names
	targetTerms []int32 // words of specific targets' names
	placeTerms  []int32 // words of place names, which do not relate targets
	townTerms   []int32 // words of the names of towns and districts
	killedLo    int     // lowest and highest best killed figure, -1 when none
	killedHi    int
}

func (e *evidence) add(m *member) {
	e.perps = mergeSorted(e.perps, m.ev.perps)
	e.targets = mergeSorted(e.targets, m.ev.targets)
	e.perpTerms = mergeSorted(e.perpTerms, m.ev.perpTerms)
	e.targetTerms = mergeSorted(e.targetTerms, m.ev.targetTerms)
	e.placeTerms = mergeSorted(e.placeTerms, m.ev.placeTerms)
	if !m.followUp {
		e.townTerms = mergeSorted(e.townTerms, m.ev.townTerms)
	}
	if k := m.ev.killedLo; k >= 0 && !m.followUp {
		if e.killedLo < 0 || k < e.killedLo {
			e.killedLo = k
		}
		if k > e.killedHi {
			e.killedHi = k
		}
	}
}

// mergeSorted returns the sorted union of two sorted lists of distinct
// values. It returns a or b itself when it holds the union (a single
// report's incident, a report adding nothing new), so that an incident
// does not copy its reports' lists; no list is changed in place.
func mergeSorted[T int32 | string](a, b []T) []T {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	if contains(a, b) {
		return a
	}
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// actorScore weighs the perpetrators, targets and tolls of report a
// against b (an event or an incident's union). prof, when given, is the
// words of b's reports: a report whose target the other side's sentences
// mention, or which mentions the other side's target, is not in conflict
// with it however the extraction named the two.
func actorScore(a *member, b *evidence, prof profile, reports int, nm naming, sameKind bool, ex *explain) (s float64) {
	named := nm.named
	e := &a.ev
	// Place names are left out: "Toval market" and "Toval power station"
	// share a town, not a target. A word counts as the other side's when
	// half its reports use it, so one stray report does not speak for an
	// incident.
	// Only the other side's reports vouch: a report that mentions another
	// target ("hours after the bazaar blast, a grenade hit the police
	// post") is about its own.
	mentioned := func(mine, _ []int32) bool {
		return prof.usedBy(without(mine, e.placeTerms, b.placeTerms), (reports+1)/2)
	}
	// Perpetrators, including those claiming the attack.
	if len(e.perps) > 0 && len(b.perps) > 0 {
		switch {
		case intersects(e.perps, b.perps):
			s += wSharedPerp
			if ex.on {
				ex.add("same alleged perpetrator (%s)", firstShared(e.perps, b.perps))
			}
		case mentioned(e.perpTerms, b.perpTerms):
			if ex.on {
				ex.add("perpetrators named differently (%s vs %s)", strings.Join(e.perps, ", "), strings.Join(b.perps, ", "))
			}
		case named:
			s += wOtherPerp / 2
			if ex.on {
				ex.add("different named perpetrators (%s vs %s)", strings.Join(e.perps, ", "), strings.Join(b.perps, ", "))
			}
		default:
			s += wOtherPerp
			if ex.on {
				ex.add("different named perpetrators (%s vs %s)", strings.Join(e.perps, ", "), strings.Join(b.perps, ", "))
			}
		}
	}
	// Targets: the target of an arrest or a protest is not the target of
	// the attack it follows, so only reports of one kind of act compare
	// theirs.
	if len(e.targets) > 0 && len(b.targets) > 0 && sameKind {
		switch {
		case intersects(e.targets, b.targets):
			s += wSharedTarget
			if ex.on {
				ex.add("same target (%s)", firstShared(e.targets, b.targets))
			}
		case allGeneric(e.targets) || allGeneric(b.targets):
			ex.add("one report names only a generic target")
		case len(e.targets) > manyTargets || len(b.targets) > manyTargets:
			// An incident its reports gave dozens of targets (every victim,
			// building and official addressed) no longer says what was hit:
			// one more target is no evidence against a report.
			ex.add("targets too many to compare")
		case relatedTargets(e, b):
			s += wRelatedTarget
			if ex.on {
				ex.add("related targets (%s vs %s)", strings.Join(e.targets, ", "), strings.Join(b.targets, ", "))
			}
		case mentioned(e.targetTerms, b.targetTerms):
			if ex.on {
				ex.add("targets named differently (%s vs %s)", strings.Join(e.targets, ", "), strings.Join(b.targets, ", "))
			}
		case nm.saysTarget:
			// A report naming an incident the news is about, and its
			// target, often reads one victim or the one addressed as the
			// target ("a soldier martyred in the hijacking of the train"):
			// another target counts against it as another perpetrator
			// does, half.
			s += wOtherTarget / 2
			if ex.on {
				ex.add("different targets (%s vs %s), but the report names the incident", strings.Join(e.targets, ", "), strings.Join(b.targets, ", "))
			}
		default:
			s += wOtherTarget
			if ex.on {
				ex.add("different targets (%s vs %s)", strings.Join(e.targets, ", "), strings.Join(b.targets, ", "))
			}
		}
	}
	// Tolls: early and late reports differ, so only agreement within a
	// factor of about two counts for, and only a wide gap counts against;
	// a report naming the incident may give a partial count (the soldiers
	// among the dead) or the attackers killed.
	if e.killedLo >= 0 && b.killedLo >= 0 {
		k := e.killedLo
		near := min(max(k, b.killedLo), b.killedHi)
		lo, hi := min(k, near), max(k, near)
		switch {
		case hi <= 2*lo+3:
			s += wTollsAgree
			ex.add("death tolls compatible (%d, %d)", k, near)
		case hi > 4*lo+5 && !named:
			s += wTollsDisagree
			ex.add("death tolls far apart (%d, %d)", k, near)
		}
	}
	return s
}

// without returns the sorted words of l that are in neither drop list.
func without(l, drop1, drop2 []int32) []int32 {
	var out []int32
	for _, t := range l {
		if !slices.Contains(drop1, t) && !slices.Contains(drop2, t) {
			out = append(out, t)
		}
	}
	return out
}

// relatedTargets is true when the two sides' specific targets share a word
// other than a place name: "police station" and "police post" may be one
// target under two ids, so they are not held against a merge (but do not
// count for it either: two police posts are also related); "Kasht bank"
// and "Kasht checkpost" are not related.
func relatedTargets(a, b *evidence) bool {
	for _, t := range a.targetTerms {
		if slices.Contains(b.targetTerms, t) && !slices.Contains(a.placeTerms, t) && !slices.Contains(b.placeTerms, t) {
			return true
		}
	}
	return false
}

func wider(a, b *member) *member {
	if a.end-a.start >= b.end-b.start {
		return a
	}
	return b
}

func dayOrRange(a, b *member) string {
	if a.end-a.start < b.end-b.start {
		return formatDay(a.start)
	}
	return formatDay(b.start)
}

func firstShared(a, b []string) string {
	for _, x := range a {
		if slices.Contains(b, x) {
			return x
		}
	}
	return ""
}

// placeScore weighs two reports' places. A place taken from a report's
// dateline says where it was filed, not where the incident happened, so
// it is not compared. When a names b's incident, a place that is only a
// country or a province, or a town less than farKM away, does not keep it
// apart: reactions and later reports often give the place of a
// statement, the town a train left from or only the province.
func placeScore(a, b *member, named bool, ex *explain) (float64, bool) {
	if a.rank == rankNone || b.rank == rankNone {
		ex.add("place unknown in one report")
		return 0, false
	}
	if a.soft || b.soft {
		// A report's dateline, or a place the report disputes with the
		// incident, supports a match when it agrees and is not held
		// against one when it does not.
		quiet := explain{}
		if s, veto := comparePlaces(a, b, named, &quiet); veto || s <= 0 {
			ex.add("place of one report is its dateline or disputed")
			return 0, false
		}
	}
	return comparePlaces(a, b, named, ex)
}

func comparePlaces(a, b *member, named bool, ex *explain) (float64, bool) {
	fine, coarse := a, b
	if fine.rank > coarse.rank {
		fine, coarse = coarse, fine
	}
	// relax: named, and the places are not two specific ones far apart.
	// Its reason, and every other here, is written only when asked: the
	// words would cost an allocation per report compared.
	relax := func(why func() string) (float64, bool) {
		if named && coarse.rank >= rankProvince {
			if ex.on {
				ex.add("%s, but one gives only the %s and the report names the incident", why(), rankWord(coarse.rank))
			}
			return 0, false
		}
		if coarse.rank == rankCountry && a.recall() && b.recall() {
			// Months later an act launched across a border is recalled
			// as happening in either country ("the attack on Israel",
			// "the war it set off in Gaza"): a country given by a recall
			// does not keep it from another's town.
			if ex.on {
				ex.add("%s, but one gives only the country and both recall the act months later", why())
			}
			return 0, false
		}
		if named && fine.hasLL && coarse.hasLL && coarse.rank <= rankDistrict {
			if d := haversineKM(fine.lat, fine.lon, coarse.lat, coarse.lon); d <= farKM {
				if ex.on {
					ex.add("%s, %.0f km apart, and the report names the incident", why(), d)
				}
				return 0, false
			}
		}
		if ex.on {
			ex.add("%s", why())
		}
		return 0, true
	}
	if a.country != "" && b.country != "" && a.country != b.country {
		return relax(func() string { return "different countries" })
	}
	if a.admin1 != "" && b.admin1 != "" && !sameName(a.admin1, b.admin1) {
		return relax(func() string {
			return fmt.Sprintf("different provinces (%s, %s)", a.ref.Place.Admin1, b.ref.Place.Admin1)
		})
	}
	switch {
	case fine.rank <= rankTown && coarse.rank <= rankTown:
		// Coordinates decide when both reports have them: names of nearby
		// villages can differ by one letter.
		if fine.hasLL && coarse.hasLL {
			d := haversineKM(fine.lat, fine.lon, coarse.lat, coarse.lon)
			switch {
			case d <= 2 || fine.geo != 0 && fine.geo == coarse.geo:
				if ex.on {
					ex.add("same town %s", fine.ref.Place.Name)
				}
				return wSameTown, false
			case d <= nearTownKM:
				if ex.on {
					ex.add("%s and %s are %.0f km apart", fine.ref.Place.Name, coarse.ref.Place.Name, d)
				}
				return wNearTown * (1 - d/(2*nearTownKM)), false
			}
			return relax(func() string {
				return fmt.Sprintf("%s and %s are %.0f km apart", fine.ref.Place.Name, coarse.ref.Place.Name, d)
			})
		}
		if fine.geo != 0 && fine.geo == coarse.geo || sameName(fine.name, coarse.name) {
			if ex.on {
				ex.add("same town %s", fine.ref.Place.Name)
			}
			return wSameTown, false
		}
		return relax(func() string {
			return fmt.Sprintf("different towns (%s, %s)", fine.ref.Place.Name, coarse.ref.Place.Name)
		})
	case coarse.rank == rankDistrict:
		if fine.rank == rankDistrict {
			if sameName(fine.name, coarse.name) {
				if ex.on {
					ex.add("same district %s", fine.ref.Place.Name)
				}
				return wInDistrict, false
			}
			return relax(func() string {
				return fmt.Sprintf("different districts (%s, %s)", fine.ref.Place.Name, coarse.ref.Place.Name)
			})
		}
		if fine.hasLL && coarse.hasLL {
			d := haversineKM(fine.lat, fine.lon, coarse.lat, coarse.lon)
			if d > districtRadiusKM {
				return relax(func() string {
					return fmt.Sprintf("%s is %.0f km from the centre of %s", fine.ref.Place.Name, d, coarse.ref.Place.Name)
				})
			}
			if ex.on {
				ex.add("%s lies near %s", fine.ref.Place.Name, coarse.ref.Place.Name)
			}
			return wInDistrict, false
		}
		if fine.admin1 != "" && fine.admin1 == coarse.admin1 {
			if ex.on {
				ex.add("%s and %s are in the same province", fine.ref.Place.Name, coarse.ref.Place.Name)
			}
			return wInProvince, false
		}
		if ex.on {
			ex.add("cannot place %s within %s", fine.ref.Place.Name, coarse.ref.Place.Name)
		}
		return 0, false
	case coarse.rank == rankProvince:
		if fine.rank == rankProvince {
			if ex.on {
				ex.add("same province %s", provinceName(coarse))
			}
			return wSameProvince, false
		}
		// admin1 equality was checked above; a finer place without admin1
		// cannot be placed.
		if fine.admin1 == "" {
			if ex.on {
				ex.add("cannot place %s within a province", fine.ref.Place.Name)
			}
			return 0, false
		}
		if ex.on {
			ex.add("%s lies in %s", fine.ref.Place.Name, provinceName(coarse))
		}
		return wInProvince, false
	default: // country
		ex.add("only the country is known in one report")
		return wSameCountry, false
	}
}

func rankWord(r int8) string {
	switch r {
	case rankProvince:
		return "province"
	case rankCountry:
		return "country"
	}
	return "place"
}

func provinceName(m *member) string {
	if m.ref.Place.Admin1 != "" {
		return m.ref.Place.Admin1
	}
	return m.ref.Place.Name
}

// manyTargets is how many targets an incident may gather before a report
// naming another one no longer counts against it.
const manyTargets = 12
