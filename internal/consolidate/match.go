package consolidate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"sitrep"
)

// Threshold is the evidence score an event needs against some member of an
// incident to join it. Same type, same day and same town together score
// 5.0; a report giving only the province needs one more piece of evidence
// (a shared target or perpetrator, agreeing tolls) when its date is not
// exact. Tuned on testdata/incidents.json.
const Threshold = 3.2

// AmbiguityMargin: when the two best incidents for an event score within
// this margin of each other, the event opens an incident of its own and
// Assignment.Alternatives lists both for review.
const AmbiguityMargin = 1.0

// Score weights. Kept as named constants so reasons and tests speak of the
// same quantities.
const (
	wSameType        = 1.0
	wSameFamily      = 0.3
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
	nearTownKM       = 25.0
	districtRadiusKM = 60.0
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
}

// targetStop are words too common in target names to show that two targets
// are related ("the", "of", "post" is kept: "police post" and "police
// station" share "police", which is the signal).
var targetStop = map[string]bool{
	"the": true, "of": true, "a": true, "an": true, "and": true, "in": true,
	"at": true, "for": true, "on": true, "to": true,
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
// normalised, actor ids sorted, so that scoring allocates nothing.
type member struct {
	ref EventRef
	doc string
	fam int8
	typ string

	dated      bool
	start, end int32
	dayPrec    bool

	rank     int8
	name     string // normalised town/district/province name
	admin1   string
	country  string
	geo      int
	hasLL    bool
	lat, lon float64
	ev       evidence

	inc  *incident
	weak bool // joined on type, date and place alone, with no shared actor
}

func newMember(ref EventRef, publishedDay int32, hasPub bool) *member {
	m := &member{ref: ref, doc: ref.DocID, typ: ref.Type, fam: families[ref.Type]}
	m.ev.killedLo, m.ev.killedHi = -1, -1
	if m.fam == 0 {
		m.fam = -1 // unknown types only match themselves
	}
	if d := ref.Date; d != nil {
		if s, e, ok := parseDay(d.Start); ok {
			m.dated, m.start, m.end = true, s, e
			if _, e2, ok := parseDay(d.End); ok && e2 >= s {
				m.end = e2
			}
			m.dayPrec = d.Precision == sitrep.PrecisionDay && m.start == m.end
		}
	}
	if !m.dated && hasPub {
		// An undated event in a news report happened shortly before it was
		// published: a week covers most "recently" and "last few days".
		m.dated, m.start, m.end = true, publishedDay-7, publishedDay
	}
	p := ref.Place
	m.rank = placeRank(p)
	if p != nil {
		m.admin1 = normName(p.Admin1)
		m.country = normName(p.Country)
		m.geo = p.GeonamesID
		if m.rank <= rankDistrict {
			m.name = normName(p.Name)
		} else if m.rank == rankProvince {
			m.name = normName(p.Name)
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
	}
	e := &m.ev
	for _, l := range [][]sitrep.ActorRef{ref.Perpetrators, ref.ClaimedBy} {
		for _, a := range l {
			if a.ID != "" {
				e.perps = append(e.perps, a.ID)
			}
		}
	}
	for _, a := range ref.Targets {
		if a.ID == "" {
			continue
		}
		e.targets = append(e.targets, a.ID)
		if !genericTargets[a.ID] {
			e.targetTokens = append(e.targetTokens, tokens(a.ID+" "+a.Name)...)
		}
	}
	if p != nil {
		e.placeTokens = tokens(p.Name + " " + p.Admin1)
	}
	for _, l := range []*[]string{&e.perps, &e.targets, &e.targetTokens, &e.placeTokens} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	if _, b, _, ok := reportFigures(ref.Killed); ok {
		e.killedLo, e.killedHi = b, b
	}
	return m
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

func tokens(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, t := range f {
		if len(t) > 2 && !targetStop[t] {
			out = append(out, t)
		}
	}
	return out
}

// sameName accepts small spelling differences between place names of some
// length ("Panjgur"/"Panjgoor"): transliterations differ by a letter or two.
func sameName(a, b string) bool {
	if a == b {
		return a != ""
	}
	if len(a) < 5 || len(b) < 5 || strings.ContainsAny(a+b, "0123456789") {
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
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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

func intersects(a, b []string) bool {
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

func allGeneric(ids []string) bool {
	for _, id := range ids {
		if !genericTargets[id] {
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

// score compares two events. veto is true when they cannot be the same
// incident whatever else agrees; otherwise s is the evidence score.
func score(a, b *member, ex *explain) (float64, bool) {
	s, veto := baseScore(a, b, ex)
	if veto {
		return s, true
	}
	return s + actorScore(&a.ev, &b.ev, ex), false
}

// baseScore weighs type, date and place.
func baseScore(a, b *member, ex *explain) (s float64, veto bool) {
	if a.doc == b.doc {
		ex.add("same document reports them as separate events")
		return 0, true
	}
	// Type.
	switch {
	case a.typ == b.typ:
		s += wSameType
		ex.add("same type %s", a.typ)
	case a.fam == b.fam:
		s += wSameFamily
		ex.add("related types %s and %s", a.typ, b.typ)
	default:
		ex.add("incompatible types %s and %s", a.typ, b.typ)
		return s, true
	}
	// Date.
	if !a.dated || !b.dated {
		ex.add("no date to compare")
	} else {
		gap := int32(0)
		if a.start > b.end {
			gap = a.start - b.end
		} else if b.start > a.end {
			gap = b.start - a.end
		}
		switch {
		case gap > 1:
			ex.add("dates %s and %s are %d days apart", formatDay(a.start), formatDay(b.start), gap)
			return s, true
		case a.dayPrec && b.dayPrec && gap == 0:
			s += wSameDay
			ex.add("same day %s", formatDay(a.start))
		case a.dayPrec && b.dayPrec:
			s += wNextDay
			ex.add("dates one day apart (%s, %s)", formatDay(a.start), formatDay(b.start))
		case gap == 1 && !(a.dayPrec || b.dayPrec):
			// Two ranges that merely touch say nothing.
			ex.add("date ranges only touch")
		default:
			s += wCoarseDate
			ex.add("date %s falls within the period %s to %s", dayOrRange(a, b), formatDay(wider(a, b).start), formatDay(wider(a, b).end))
		}
	}
	// Place.
	ps, pveto := placeScore(a, b, ex)
	if pveto {
		return s, true
	}
	s += ps
	return s, false
}

// evidence is what an event, or the union of an incident's events, says
// about who did what to whom. Comparing an event with the union rather
// than with one member means a report naming another target is held
// against the whole incident, even when the member it otherwise resembles
// most named no target.
type evidence struct {
	perps        []string
	targets      []string
	targetTokens []string
	placeTokens  []string // words of place names, which do not relate targets
	killedLo     int      // lowest and highest best killed figure, -1 when none
	killedHi     int
}

func (e *evidence) add(m *member) {
	e.perps = mergeSorted(e.perps, m.ev.perps)
	e.targets = mergeSorted(e.targets, m.ev.targets)
	e.targetTokens = mergeSorted(e.targetTokens, m.ev.targetTokens)
	e.placeTokens = mergeSorted(e.placeTokens, m.ev.placeTokens)
	if k := m.ev.killedLo; k >= 0 {
		if e.killedLo < 0 || k < e.killedLo {
			e.killedLo = k
		}
		if k > e.killedHi {
			e.killedHi = k
		}
	}
}

func mergeSorted(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// actorScore weighs the perpetrators, targets and tolls of event a against
// b (an event or an incident's union).
func actorScore(a, b *evidence, ex *explain) (s float64) {
	// Perpetrators, including those claiming the attack.
	if len(a.perps) > 0 && len(b.perps) > 0 {
		if intersects(a.perps, b.perps) {
			s += wSharedPerp
			ex.add("same alleged perpetrator (%s)", firstShared(a.perps, b.perps))
		} else {
			s += wOtherPerp
			ex.add("different named perpetrators (%s vs %s)", strings.Join(a.perps, ", "), strings.Join(b.perps, ", "))
		}
	}
	// Targets.
	if len(a.targets) > 0 && len(b.targets) > 0 {
		switch {
		case intersects(a.targets, b.targets):
			s += wSharedTarget
			ex.add("same target (%s)", firstShared(a.targets, b.targets))
		case allGeneric(a.targets) || allGeneric(b.targets):
			ex.add("one report names only a generic target")
		case relatedTargets(a, b):
			s += wRelatedTarget
			ex.add("related targets (%s vs %s)", strings.Join(a.targets, ", "), strings.Join(b.targets, ", "))
		default:
			s += wOtherTarget
			ex.add("different targets (%s vs %s)", strings.Join(a.targets, ", "), strings.Join(b.targets, ", "))
		}
	}
	// Tolls: early and late reports differ, so only agreement within a
	// factor of about two counts for, and only a wide gap counts against.
	if a.killedLo >= 0 && b.killedLo >= 0 {
		k := a.killedLo
		near := min(max(k, b.killedLo), b.killedHi)
		lo, hi := min(k, near), max(k, near)
		switch {
		case hi <= 2*lo+3:
			s += wTollsAgree
			ex.add("death tolls compatible (%d, %d)", k, near)
		case hi > 4*lo+5:
			s += wTollsDisagree
			ex.add("death tolls far apart (%d, %d)", k, near)
		}
	}
	return s
}

// relatedTargets is true when the two sides' specific targets share a word
// other than a place name: "police station" and "police post" may be one
// target under two ids, so they are not held against a merge (but do not
// count for it either: two police posts are also related); "Kasht bank"
// and "Kasht checkpost" are not related.
func relatedTargets(a, b *evidence) bool {
	for _, t := range a.targetTokens {
		if slices.Contains(b.targetTokens, t) && !slices.Contains(a.placeTokens, t) && !slices.Contains(b.placeTokens, t) {
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

func placeScore(a, b *member, ex *explain) (float64, bool) {
	if a.rank == rankNone || b.rank == rankNone {
		ex.add("place unknown in one report")
		return 0, false
	}
	if a.country != "" && b.country != "" && a.country != b.country {
		ex.add("different countries")
		return 0, true
	}
	if a.admin1 != "" && b.admin1 != "" && !sameName(a.admin1, b.admin1) {
		ex.add("different provinces (%s, %s)", a.ref.Place.Admin1, b.ref.Place.Admin1)
		return 0, true
	}
	fine, coarse := a, b
	if fine.rank > coarse.rank {
		fine, coarse = coarse, fine
	}
	switch {
	case fine.rank <= rankTown && coarse.rank <= rankTown:
		// Coordinates decide when both reports have them: names of nearby
		// villages can differ by one letter.
		if fine.hasLL && coarse.hasLL {
			d := haversineKM(fine.lat, fine.lon, coarse.lat, coarse.lon)
			switch {
			case d <= 2 || fine.geo != 0 && fine.geo == coarse.geo:
				ex.add("same town %s", fine.ref.Place.Name)
				return wSameTown, false
			case d <= nearTownKM:
				ex.add("%s and %s are %.0f km apart", fine.ref.Place.Name, coarse.ref.Place.Name, d)
				return wNearTown * (1 - d/(2*nearTownKM)), false
			}
			ex.add("%s and %s are %.0f km apart", fine.ref.Place.Name, coarse.ref.Place.Name, d)
			return 0, true
		}
		if fine.geo != 0 && fine.geo == coarse.geo || sameName(fine.name, coarse.name) {
			ex.add("same town %s", fine.ref.Place.Name)
			return wSameTown, false
		}
		ex.add("different towns (%s, %s)", fine.ref.Place.Name, coarse.ref.Place.Name)
		return 0, true
	case coarse.rank == rankDistrict:
		if fine.rank == rankDistrict {
			if sameName(fine.name, coarse.name) {
				ex.add("same district %s", fine.ref.Place.Name)
				return wInDistrict, false
			}
			ex.add("different districts (%s, %s)", fine.ref.Place.Name, coarse.ref.Place.Name)
			return 0, true
		}
		if fine.hasLL && coarse.hasLL {
			d := haversineKM(fine.lat, fine.lon, coarse.lat, coarse.lon)
			if d > districtRadiusKM {
				ex.add("%s is %.0f km from the centre of %s", fine.ref.Place.Name, d, coarse.ref.Place.Name)
				return 0, true
			}
			ex.add("%s lies near %s", fine.ref.Place.Name, coarse.ref.Place.Name)
			return wInDistrict, false
		}
		if fine.admin1 != "" && fine.admin1 == coarse.admin1 {
			ex.add("%s and %s are in the same province", fine.ref.Place.Name, coarse.ref.Place.Name)
			return wInProvince, false
		}
		ex.add("cannot place %s within %s", fine.ref.Place.Name, coarse.ref.Place.Name)
		return 0, false
	case coarse.rank == rankProvince:
		if fine.rank == rankProvince {
			ex.add("same province %s", provinceName(coarse))
			return wSameProvince, false
		}
		// admin1 equality was checked above; a finer place without admin1
		// cannot be placed.
		if fine.admin1 == "" {
			ex.add("cannot place %s within a province", fine.ref.Place.Name)
			return 0, false
		}
		ex.add("%s lies in %s", fine.ref.Place.Name, provinceName(coarse))
		return wInProvince, false
	default: // country
		ex.add("only the country is known in one report")
		return wSameCountry, false
	}
}

func provinceName(m *member) string {
	if m.ref.Place.Admin1 != "" {
		return m.ref.Place.Admin1
	}
	return m.ref.Place.Name
}
