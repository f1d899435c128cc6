package consolidate

import (
	"slices"
	"strings"

	"sitrep"
)

// snapshot builds the exported view of an incident from its members. It is
// computed on read, not on every Add, because most incidents are written
// many times and read once.
func (inc *incident) snapshot() Incident {
	out := Incident{ID: inc.id, Reasons: slices.Clone(inc.reasons)}
	refs := make([]EventRef, len(inc.members))
	for i, m := range inc.members {
		refs[i] = m.ref
		refs[i].Reasons = slices.Clone(m.ref.Reasons)
	}
	slices.SortFunc(refs, func(a, b EventRef) int {
		if c := strings.Compare(a.Published, b.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	out.Events = refs
	docs := map[string]bool{}
	for _, r := range refs {
		if !docs[r.DocID] {
			docs[r.DocID] = true
			out.Documents = append(out.Documents, r.DocID)
		}
	}
	out.Type = modeString(refs, func(r EventRef) string { return r.Type })
	out.Date = incidentDate(refs)
	out.Place = incidentPlace(refs)

	keys := make([]string, len(refs))
	docIDs := make([]string, len(refs))
	killed := make([]*sitrep.Count, len(refs))
	injured := make([]*sitrep.Count, len(refs))
	victims := make([]*sitrep.Count, len(refs))
	for i, r := range refs {
		keys[i], docIDs[i] = r.Key, r.DocID
		killed[i], injured[i], victims[i] = r.Killed, r.Injured, r.Victims
	}
	out.Killed = combine(keys, docIDs, killed)
	out.Injured = combine(keys, docIDs, injured)
	out.Victims = combine(keys, docIDs, victims)
	out.Perpetrators = tally(refs, func(r EventRef) []sitrep.ActorRef { return r.Perpetrators })
	out.Targets = tally(refs, func(r EventRef) []sitrep.ActorRef { return r.Targets })
	out.ClaimedBy = tally(refs, func(r EventRef) []sitrep.ActorRef { return r.ClaimedBy })
	return out
}

// modeString returns the most frequent non-empty value; ties go to the value
// of the earliest report.
func modeString(refs []EventRef, f func(EventRef) string) string {
	count := map[string]int{}
	best, bestN := "", 0
	for _, r := range refs {
		v := f(r)
		if v == "" {
			continue
		}
		count[v]++
		if count[v] > bestN {
			best, bestN = v, count[v]
		}
	}
	return best
}

// incidentDate is the most frequent start date among the most precise
// reports: precise reports know the day, and when they disagree by one the
// majority wins; a tie goes to the earlier date.
func incidentDate(refs []EventRef) sitrep.Date {
	bestRank := 99
	for _, r := range refs {
		if r.Date != nil && r.Date.Start != "" {
			bestRank = min(bestRank, datePrecisionRank(r.Date.Precision))
		}
	}
	count := map[string]int{}
	var out *sitrep.Date
	for _, r := range refs {
		if r.Date == nil || r.Date.Start == "" || datePrecisionRank(r.Date.Precision) != bestRank {
			continue
		}
		count[r.Date.Start]++
		if out == nil || count[r.Date.Start] > count[out.Start] ||
			count[r.Date.Start] == count[out.Start] && r.Date.Start < out.Start {
			out = r.Date
		}
	}
	if out == nil {
		return sitrep.Date{}
	}
	return *out
}

// incidentPlace is the most frequent place among the most precise reports.
func incidentPlace(refs []EventRef) *sitrep.Place {
	bestRank := rankNone
	for _, r := range refs {
		bestRank = min(bestRank, placeRank(r.Place))
	}
	if bestRank == rankNone {
		return nil
	}
	count := map[string]int{}
	var out *sitrep.Place
	for _, r := range refs {
		if placeRank(r.Place) != bestRank {
			continue
		}
		k := normName(r.Place.Name)
		count[k]++
		if out == nil || count[k] > count[normName(out.Name)] {
			out = r.Place
		}
	}
	p := *out
	return &p
}

// tally counts, per actor id, the reports naming it; the name shown is the
// one most reports use.
func tally(refs []EventRef, f func(EventRef) []sitrep.ActorRef) []ActorTally {
	type acc struct {
		reports int
		names   map[string]int
		order   int
	}
	m := map[string]*acc{}
	for _, r := range refs {
		seen := map[string]bool{}
		for _, a := range f(r) {
			if a.ID == "" || seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			t := m[a.ID]
			if t == nil {
				t = &acc{names: map[string]int{}, order: len(m)}
				m[a.ID] = t
			}
			t.reports++
			if a.Name != "" {
				t.names[a.Name]++
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	out := make([]ActorTally, 0, len(m))
	for id, t := range m {
		out = append(out, ActorTally{ID: id, Name: topName(t.names), Reports: t.reports})
	}
	slices.SortFunc(out, func(a, b ActorTally) int {
		if a.Reports != b.Reports {
			return b.Reports - a.Reports
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// topName is the most frequent name, ties broken alphabetically so the
// result does not depend on map order.
func topName(names map[string]int) string {
	best, bestN := "", 0
	for n, c := range names {
		if c > bestN || c == bestN && n < best {
			best, bestN = n, c
		}
	}
	return best
}
