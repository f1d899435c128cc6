package consolidate

import (
	"fmt"
	"slices"
	"strings"
)

// Placement is greedy: a report stays where it was put when it arrived.
// Two kinds of report are put aside for want of what later reports make
// clear, and are placed again once a report grows the incident they
// belong to, as they would have been placed had they arrived after it:
//
//   - a lone report (the only one of its incident) read before the words
//     of the incident it tells were known well enough to name it: a
//     statement from the capital the morning after, in words of its own
//     and "the hijacking";
//   - a report kept apart for review because it fitted two incidents
//     about equally, once it fits one of them clearly: the two turned
//     out to be one.
//
// A lone report moves only when its words name the incident, it states
// no day of its own other than the incident's (within one), and its
// score there clears Threshold by twice AmbiguityMargin: that it stood
// alone says the evidence was thin. A report sharing only type, day and
// place with a grown incident is as often a look-alike (another attack in
// the district that day), and one telling of an act of another day is
// named by the words a single report of the incident brought from it as
// often as by the incident's own ("porters and traders mourned"). A report kept apart for review fitted
// its incident well enough once already; it moves when no other incident
// its lookup finds scores within AmbiguityMargin of it.

// loneScore is the score a lone report needs in an incident to be placed
// there again.
const loneScore = Threshold + 2*AmbiguityMargin

// standsApart reports whether a report may be placed again: it is alone
// in its incident, or was kept apart for review between two incidents.
func (o *member) standsApart() bool {
	return o.inc != nil && (len(o.inc.members) == 1 || o.ref.Undecided)
}

// replaceApart moves into inc, a salient incident by's arrival grew, the
// reports standing apart in the incidents by's lookup saw (seen, oldest
// first) that would join inc were they placed now.
func (x *Index) replaceApart(inc *incident, seen []*incident, by *member) {
	if !salient(inc) || x.roundup {
		return
	}
	for _, j := range seen {
		if j == inc || j.dead || len(j.members) != 1 && j.undecided == 0 {
			continue
		}
		var apart []*member
		for _, o := range j.members {
			if o.standsApart() {
				apart = append(apart, o)
			}
		}
		slices.SortFunc(apart, func(a, b *member) int { return strings.Compare(a.ref.Key, b.ref.Key) })
		for _, o := range apart {
			if !o.dated || x.forbidden(inc, o.ref.Key) {
				continue
			}
			if _, pinned := x.group[o.ref.Key]; pinned {
				continue
			}
			if !o.ref.Undecided && o.stated && o.dayPrec && (o.start < inc.anchor-1 || o.start > inc.anchor+1) {
				continue // another day's act, or a development of the days after
			}
			s, ok, named := x.incidentScore(o, inc, &explain{})
			if !ok || s < Threshold || !o.ref.Undecided && (!named || s < loneScore) || !x.clearlyBest(o, inc, s) {
				continue
			}
			from := o.inc
			x.depart(from, o, inc, by)
			ex := explain{on: true}
			x.incidentScore(o, inc, &ex)
			why := fmt.Sprintf("placed again from %s once %s made %s clear: no other incident fits it as well", from.id, by.ref.Key, inc.id)
			x.join(inc, o, s, append([]string{why}, ex.reasons...))
		}
	}
}

// clearlyBest reports whether inc, which o fits with score s, is the
// incident o would join were it placed now: no other incident o's lookup
// finds (its own aside) fits it within AmbiguityMargin of s.
func (x *Index) clearlyBest(o *member, inc *incident, s float64) bool {
	x.stamp++
	inc.stamp, o.inc.stamp = x.stamp, x.stamp
	clearly := true
	visit := func(c *incident) {
		if !clearly || c.dead || c.stamp == x.stamp {
			return
		}
		c.stamp = x.stamp
		if x.forbidden(c, o.ref.Key) {
			return
		}
		if cs, ok, _ := x.incidentScore(o, c, &explain{}); ok && cs >= Threshold && s-cs < AmbiguityMargin {
			clearly = false
		}
	}
	x.eachBlock(o, true, visit)
	x.eachTermBlock(o, visit)
	return clearly
}
