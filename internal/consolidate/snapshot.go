package consolidate

import (
	"slices"
	"strings"

	"sitrep"
)

// snapshot builds the exported view of an incident from its members. It is
// computed on read, not on every Add, because most incidents are written
// many times and read once.
func (inc *incident) snapshot(v *vocab) Incident {
	out := Incident{ID: inc.id}
	if len(inc.reasons) > 0 {
		out.Reasons = make([]string, len(inc.reasons))
		for i, l := range inc.reasons {
			out.Reasons[i] = l.String()
		}
	}
	refs := make([]EventRef, len(inc.members))
	for i, m := range inc.members {
		refs[i] = m.ref
		refs[i].Reasons = slices.Clone(m.ref.Reasons)
		if len(m.rare) > 0 {
			refs[i].Words = make([]string, len(m.rare))
			for j, t := range m.rare {
				refs[i].Words[j] = v.wordOf(t)
			}
		}
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
	// The incident's type, date and place are those of the reports of
	// the act itself, not of the statements and arrests that followed.
	core := make([]EventRef, 0, len(refs))
	for _, r := range refs {
		if !r.FollowUp {
			core = append(core, r)
		}
	}
	if len(core) == 0 {
		core = refs
	}
	out.Type = modeString(core, func(r EventRef) string { return r.Type })
	out.Date = incidentDate(core)
	corePtrs := make([]*EventRef, len(core))
	for i := range core {
		corePtrs[i] = &core[i]
	}
	out.Place = shownPlace(corePtrs)

	out.Killed = combine(refs, func(r *EventRef) *sitrep.Count { return r.Killed })
	out.Injured = combine(refs, func(r *EventRef) *sitrep.Count { return r.Injured })
	out.Victims = combine(refs, func(r *EventRef) *sitrep.Count { return r.Victims })
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

// stated reports whether a report states its event's date, rather than
// leaving it to the day it was published.
func stated(r EventRef) bool {
	d := r.Date
	return d != nil && d.Start != "" && !(d.Text == "" && d.Start == r.Published && d.End == r.Published)
}

// incidentDate is the most frequent start date among the most precise
// reports that state a date: precise reports know the day, and when they
// disagree by one the majority wins; a tie goes to the earlier date. A
// date taken from the day a report was published counts only when no
// report states one.
func incidentDate(refs []EventRef) sitrep.Date {
	use := stated
	if !slices.ContainsFunc(refs, stated) {
		use = func(r EventRef) bool { return r.Date != nil && r.Date.Start != "" }
	}
	bestRank := 99
	for _, r := range refs {
		if use(r) {
			bestRank = min(bestRank, datePrecisionRank(r.Date.Precision))
		}
	}
	count := map[string]int{}
	var out *sitrep.Date
	for _, r := range refs {
		if !use(r) || datePrecisionRank(r.Date.Precision) != bestRank {
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

// incidentPlace is the most specific place the reports agree on: the town
// or district more than half of the reports naming one name, else the
// province more than half of the reports naming one give, else the
// country most give. A report's dateline (where it was filed, or the
// press conference it reports) counts when it lies near where the other
// reports place the incident (a reporter on the spot), or when no report
// gives another place; a place a report disputes with the others never.
func incidentPlace(refs []*EventRef) *sitrep.Place {
	var cands, datelines []*sitrep.Place
	for _, r := range refs {
		if r.Place == nil || placeRank(r.Place) == rankNone || r.PlaceOutlier {
			continue
		}
		if r.DatelinePlace || r.RoutePlace {
			// a route's end, like a dateline, says where the incident may
			// not have been: it counts only near where others place it
			datelines = append(datelines, r.Place)
		} else {
			cands = append(cands, r.Place)
		}
	}
	// A dateline near where the other reports place the incident is a
	// reporter on the spot and counts; one far away (the capital a
	// statement came from) does not.
	for _, d := range datelines {
		for _, c := range cands {
			if d.Lat != nil && d.Lon != nil && c.Lat != nil && c.Lon != nil && placeRank(c) <= rankDistrict &&
				haversineKM(*d.Lat, *d.Lon, *c.Lat, *c.Lon) <= farKM {
				cands = append(cands, d)
				break
			}
		}
	}
	if len(cands) == 0 {
		for _, r := range refs {
			if r.Place != nil && placeRank(r.Place) < rankNone {
				cands = append(cands, r.Place)
			}
		}
		return agreedPlace(refs, cands)
	}
	p := agreedPlace(refs, cands)
	if p == nil || placeRank(p) <= rankDistrict {
		return p
	}
	// A report marked an outlier disagreed, when it joined, with some
	// report then in the incident, which may itself have been the one out
	// of place (the capital a statement came from). When the others agree
	// only on a province or a country, the outliers that another report
	// corroborates may name the town inside it: the reports of a bombing in
	// Quetta that joined after one placed it in a suburb.
	given := map[string]bool{}
	for _, c := range cands {
		given[placeKey(c)] = true
	}
	more := cands
	for _, r := range refs {
		if r.PlaceOutlier && !r.DatelinePlace && r.Place != nil && placeRank(r.Place) < rankNone && given[placeKey(r.Place)] {
			more = append(more, r.Place)
		}
	}
	if len(more) == len(cands) {
		return p
	}
	q := agreedPlace(refs, more)
	if q == nil || placeRank(q) > rankDistrict || normName(q.Country) != normName(p.Country) ||
		placeRank(p) != rankCountry && normName(q.Admin1) != normName(p.Admin1) {
		return p
	}
	// and more reports name the town than name only a province or a
	// country: two reports of a later bombing in another town of the
	// province do not place the incident.
	town, coarse := 0, 0
	for _, c := range more {
		switch {
		case placeRank(c) > rankDistrict:
			coarse++
		case placeKey(c) == placeKey(q):
			town++
		}
	}
	if town <= coarse {
		return p
	}
	return q
}

// shownPlace is the place an incident is shown at: incidentPlace's, except
// that when the reports it counts agree only on a province or a country,
// and three or more reports marked outliers name one town inside it,
// outnumbering the reports it counts two to one, the town is shown. Each
// of those reports joined by its words while an early report placed the
// incident no closer than the country; together they say where it
// happened. Joining keeps incidentPlace's town (incidentTown): a town
// shown this way does not draw other reports to the incident.
func shownPlace(refs []*EventRef) *sitrep.Place {
	p := incidentPlace(refs)
	if p == nil || placeRank(p) <= rankDistrict {
		return p
	}
	counted := 0
	towns := map[string]int{}
	entries := map[string]map[string]int{} // town name → place key → reports
	places := map[string]*sitrep.Place{}
	for _, r := range refs {
		if r.Place == nil || placeRank(r.Place) == rankNone || r.DatelinePlace {
			continue
		}
		if !r.PlaceOutlier {
			counted++
			continue
		}
		if placeRank(r.Place) > rankDistrict || normName(r.Place.Country) != normName(p.Country) ||
			placeRank(p) != rankCountry && normName(r.Place.Admin1) != normName(p.Admin1) {
			continue
		}
		name, key := normName(r.Place.Name), placeKey(r.Place)
		towns[name]++
		if entries[name] == nil {
			entries[name] = map[string]int{}
		}
		entries[name][key]++
		places[key] = r.Place
	}
	best, bestN := "", 0
	for name, n := range towns {
		if n > bestN || n == bestN && name < best {
			best, bestN = name, n
		}
	}
	if bestN < 3 || bestN < 2*counted {
		return p
	}
	key, keyN := "", 0
	for k, n := range entries[best] {
		if n > keyN || n == keyN && k < key {
			key, keyN = k, n
		}
	}
	q := *places[key]
	return &q
}

// agreedPlace is incidentPlace's choice among the places of candidate
// reports cands (refs are all the incident's reports).
func agreedPlace(refs []*EventRef, cands []*sitrep.Place) *sitrep.Place {
	if len(cands) == 0 {
		return nil
	}
	// majority returns the place most candidates share by key, when more
	// than half of those with a key do.
	majority := func(key func(*sitrep.Place) string) *sitrep.Place {
		count := map[string]int{}
		total := 0
		var best *sitrep.Place
		bestKey := ""
		for _, p := range cands {
			k := key(p)
			if k == "" {
				continue
			}
			total++
			count[k]++
			if best == nil || count[k] > count[bestKey] {
				best, bestKey = p, k
			}
		}
		if best == nil || 2*count[bestKey] <= total {
			return nil
		}
		return best
	}
	townKey := func(p *sitrep.Place) string {
		if placeRank(p) <= rankDistrict {
			return trimDistrict(normName(p.Name))
		}
		return ""
	}
	local := majority(townKey)
	if local != nil {
		// A few reports naming a town abroad do not outvote many that
		// place the incident in another country: three reports of
		// Amritsar against eighteen of Pakistan is the other side's
		// strike told with it, not where this one fell.
		country, inCountry, inTown := normName(local.Country), map[string]int{}, 0
		for _, p := range cands {
			inCountry[normName(p.Country)]++
			if townKey(p) == townKey(local) {
				inTown++
			}
		}
		outvoted := false
		for cc, n := range inCountry {
			if cc != "" && cc != country && n >= 5 && n >= 3*inTown && 2*n > len(cands) {
				outvoted = true
			}
		}
		// Nor does a town that one or two reports name, when many more
		// name other towns the incident was told apart from (strikes on
		// a dozen towns in one night), or provinces of its country other
		// than the town's (missiles on sites in two provinces): the
		// incident is wider than a town.
		elsewhere := 0
		for _, r := range refs {
			if r.Place == nil || r.DatelinePlace {
				continue
			}
			switch rank := placeRank(r.Place); {
			case r.PlaceOutlier && rank <= rankDistrict && townKey(r.Place) != townKey(local):
				elsewhere++
			case rank == rankProvince && normName(r.Place.Country) == country && r.Place.Admin1 != "" &&
				normName(r.Place.Admin1) != normName(local.Admin1):
				elsewhere++
			}
		}
		if elsewhere >= 3 && elsewhere >= 3*inTown {
			outvoted = true
		}
		if !outvoted {
			p := *local
			return &p
		}
		local = nil
	}
	// A province speaks for the incident only in the country most reports
	// give: one report placing US strikes on Yemen in Iraq's Anbar is
	// outvoted by three that say Yemen, though only it names a province.
	if country := majority(func(p *sitrep.Place) string { return normName(p.Country) }); country != nil {
		inCountry := make([]*sitrep.Place, 0, len(cands))
		for _, p := range cands {
			if normName(p.Country) == normName(country.Country) {
				inCountry = append(inCountry, p)
			}
		}
		cands = inCountry
	}
	provKey := func(p *sitrep.Place) string {
		if p.Admin1 != "" && placeRank(p) <= rankProvince {
			return normName(p.Country) + "|" + normName(p.Admin1)
		}
		return ""
	}
	if prov := majority(provKey); prov != nil && !loneProvince(cands, provKey(prov), provKey) {
		// The province itself, with the coordinates of a report that
		// gave only the province when there is one.
		out := sitrep.Place{Name: prov.Admin1, Admin1: prov.Admin1, Country: prov.Country, Precision: sitrep.PlaceProvince}
		for _, p := range cands {
			if placeRank(p) == rankProvince && normName(p.Admin1) == normName(prov.Admin1) {
				out.Lat, out.Lon, out.GeonamesID = p.Lat, p.Lon, p.GeonamesID
				break
			}
		}
		return &out
	}
	// The country most reports give, even short of a majority: strikes
	// on one country that some reports place by the statements of others
	// abroad (a briefing in the attacker's capital, a call from a third
	// country) still fell where most reports say, not where the first
	// report happened to place them.
	c := majority(func(p *sitrep.Place) string { return normName(p.Country) })
	if c == nil {
		c = plurality(cands, func(p *sitrep.Place) string { return normName(p.Country) })
	}
	if c != nil {
		out := sitrep.Place{Name: c.Country, Country: c.Country, Precision: sitrep.PlaceCountry}
		for _, p := range cands {
			if placeRank(p) == rankCountry && normName(p.Country) == normName(c.Country) {
				out.Name, out.Lat, out.Lon, out.GeonamesID = p.Name, p.Lat, p.Lon, p.GeonamesID
				break
			}
		}
		return &out
	}
	p := *cands[0]
	return &p
}

// plurality returns a place of the key most places share, when at least
// two share it and no other key is as common; nil otherwise.
func plurality(places []*sitrep.Place, key func(*sitrep.Place) string) *sitrep.Place {
	count := map[string]int{}
	first := map[string]*sitrep.Place{}
	for _, p := range places {
		if k := key(p); k != "" {
			count[k]++
			if first[k] == nil {
				first[k] = p
			}
		}
	}
	best, bestN, tie := "", 0, false
	for k, n := range count {
		switch {
		case n > bestN:
			best, bestN, tie = k, n, false
		case n == bestN:
			tie = true
		}
	}
	if bestN < 2 || tie {
		return nil
	}
	return first[best]
}

// loneProvince reports a province only one report gives, against three
// or more that give only the country: one report of Tel Aviv does not
// place an attack twenty reports place in Israel.
func loneProvince(cands []*sitrep.Place, key string, provKey func(*sitrep.Place) string) bool {
	in, countryOnly := 0, 0
	for _, p := range cands {
		switch {
		case provKey(p) == key:
			in++
		case placeRank(p) == rankCountry:
			countryOnly++
		}
	}
	return in == 1 && countryOnly >= 3
}

// placeKey names a place at its own precision: the town, the province or
// the country.
func placeKey(p *sitrep.Place) string {
	switch {
	case placeRank(p) <= rankDistrict:
		return "t|" + normName(p.Country) + "|" + normName(p.Name)
	case placeRank(p) == rankProvince:
		return "p|" + normName(p.Country) + "|" + normName(p.Admin1)
	}
	return "c|" + normName(p.Country)
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
