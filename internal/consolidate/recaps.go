package consolidate

import (
	"fmt"
	"slices"
)

// Reports months after an act that recall it on its day ("the 7 October
// 2023 attack by Hamas", "since Hamas's attack of Oct 7, 2023") share few
// words: each is a clause of an article about something else. Read before
// the act's own reports, or without them, they fall into an incident each,
// and a later recall that fits two of them about equally is kept apart,
// which makes one more. Incidents made only of such recalls are one when
// they recall the same day, a compatible kind of act and the same named
// perpetrator, and their places can be one.

// recallDays is how long after an act a report of it is a recall.
const recallDays = 30

// oneDayRecalls reports whether a and b, each made only of reports
// published at least recallDays after the day they state, recall one act.
func (x *Index) oneDayRecalls(a, b *incident) bool {
	if a == b || a.dead || b.dead || !a.hasAnchor || !b.hasAnchor || a.anchor != b.anchor || x.roundup {
		return false
	}
	if !onlyRecalls(a) || !onlyRecalls(b) {
		return false
	}
	ra, rb := a.representative(), b.representative()
	if ra == nil || rb == nil || !(ra.fam == rb.fam || violent[ra.typ] && violent[rb.typ]) {
		return false
	}
	if !sharesNamedPerpetrator(toldPerpetrators(a, ra), toldPerpetrators(b, rb)) || conflictingTargets(a, b) {
		return false
	}
	// two towns or districts of one country are two places; a country or
	// a province against a town, or towns on two sides of a border (an act
	// launched from one country into another, which recalls place on
	// either side), can be one
	if ra.placed() && rb.placed() && ra.rank <= rankDistrict && rb.rank <= rankDistrict && ra.country == rb.country && ra.name != rb.name {
		return false
	}
	return !x.keptApart(a, b)
}

// mergeRecalls merges into m's incident the incidents m's lookup saw that
// recall the same act as it (oneDayRecalls); a follows the incident kept.
func (x *Index) mergeRecalls(m *member, seen []*incident, a *Assignment) {
	for _, inc := range seen {
		if m.inc != nil && x.oneDayRecalls(m.inc, inc) {
			kept := x.merge(m.inc, inc, fmt.Sprintf("%s made them one: both recall the act of that day by the same perpetrator", m.ref.Key))
			a.Incident = kept.id
		}
	}
}

// onlyRecalls reports whether every report of inc was published at least
// recallDays after the incident's day.
func onlyRecalls(inc *incident) bool {
	for _, m := range inc.members {
		if !m.hasPub || m.pub-inc.anchor < recallDays {
			return false
		}
	}
	return true
}

// toldPerpetrators are the perpetrators more than half of inc's reports
// of the act that name one name, else those of its representative report
// rep: the incident's perpetrator as its reports tell it, not that of the
// one report placed most precisely (a recall misplaced in a town) or of
// one stray report.
func toldPerpetrators(inc *incident, rep *member) []string {
	count := map[string]int{}
	n := 0
	for _, m := range inc.members {
		if m.followUp || len(m.ev.perps) == 0 {
			continue
		}
		n++
		for _, p := range m.ev.perps {
			count[p]++
		}
	}
	var out []string
	for p, c := range count {
		if 2*c > n {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return rep.ev.perps
	}
	slices.Sort(out)
	return out
}

// sharesNamedPerpetrator reports a perpetrator both sorted lists name
// that is a named group or state, not a description ("gunmen",
// "militants"). The lists are the incidents' (toldPerpetrators): a
// perpetrator one stray report gave an incident does not link it.
func sharesNamedPerpetrator(a, b []string) bool {
	for _, p := range a {
		if _, found := slices.BinarySearch(b, p); found && !describedPerpetrators[p] {
			return true
		}
	}
	return false
}

// describedPerpetrators are perpetrator ids that describe rather than name.
var describedPerpetrators = map[string]bool{
	"gunmen": true, "gunman": true, "militants": true, "militant": true, "terrorists": true, "terrorist": true,
	"attackers": true, "attacker": true, "assailants": true, "assailant": true, "unknown-gunmen": true,
	"unidentified-gunmen": true, "armed-men": true, "men": true, "suspects": true, "fighters": true,
	"insurgents": true, "rebels": true, "forces": true, "security-forces": true, "troops": true, "soldiers": true,
	"police": true, "army": true, "military": true, "mob": true, "bandits": true, "dacoits": true, "robbers": true,
}
