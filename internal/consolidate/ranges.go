package consolidate

import (
	"slices"
	"strings"

	"sitrep"
)

// Figure is one report's figure for an incident, kept as the report gave
// it: the phrase with its qualifier ("at least 12"), when and by whom it
// was published, and the day the report gives for the incident.
type Figure struct {
	Key       string       `json:"key"` // event key of the report
	DocID     string       `json:"doc_id"`
	Published string       `json:"published,omitempty"`
	Outlet    string       `json:"outlet,omitempty"`
	Date      string       `json:"date,omitempty"` // the event's date as the report gives it
	Modality  string       `json:"modality,omitempty"`
	Count     sitrep.Count `json:"count"`
	// Excluded says why the figure does not count towards the range
	// (a period's statistic, a count of arrests, far above every other
	// report); empty when it counts.
	Excluded string `json:"excluded,omitempty"`
}

// Range is an incident's figure across its reports, UCDP style: Low is the
// lowest figure a counted report gives, High the highest, and Best the
// latest authoritative count (see the package documentation). All three
// are nil when no report gives a figure that counts.
type Range struct {
	Low     *int     `json:"low"`
	Best    *int     `json:"best"`
	High    *int     `json:"high"`
	Reports int      `json:"reports"` // reports whose figures count
	Figures []Figure `json:"figures,omitempty"`
}

// reportFigures reads one report's low, best and high, filling missing ends
// from the others: "at least 12" has a low only, so 12 also stands as its
// best and high; "nearly 20" has a high only.
func reportFigures(c *sitrep.Count) (low, best, high int, ok bool) {
	if c == nil {
		return 0, 0, 0, false
	}
	first := func(ps ...*int) (int, bool) {
		for _, p := range ps {
			if p != nil {
				return *p, true
			}
		}
		return 0, false
	}
	var ok1, ok2, ok3 bool
	low, ok1 = first(c.Low, c.Best, c.High)
	best, ok2 = first(c.Best, c.Low, c.High)
	high, ok3 = first(c.High, c.Best, c.Low)
	if !ok1 || !ok2 || !ok3 {
		return 0, 0, 0, false
	}
	if low > high { // a malformed report: keep the range ordered
		low, high = high, low
	}
	return low, best, high, true
}

// Reasons a figure is kept on its report but left out of the range.
const (
	excludedStatistic = "counts a period, not this incident"
	excludedFollowUp  = "counts a later development of another kind (arrests, a protest)"
	excludedOutlier   = "far above every other report's figure"
)

// outlierFactor: with three or more reports, a figure more than this many
// times the middle one (and more than outlierMargin above it) is taken for
// a figure about something else, a war's toll read into an incident.
const (
	outlierFactor = 10
	outlierMargin = 20
)

// fig is one counted report's figures as combine weighs them.
type fig struct {
	low, best, high int
	ref             *EventRef
	i               int // index in Range.Figures
}

// combine builds a Range from one count of each report (pick chooses
// which: killed, injured or victims).
//
// A rising toll is not added up: each report's figure is the toll as it
// stood when it was written, so the best estimate is the latest one given
// as fact by the reports (the one published last; on the same day the
// highest, since tolls rise), not a sum nor a mean. A figure a party
// claims or alleges counts towards the low and the high but is not taken
// as the best while any report states one as fact.
func combine(refs []EventRef, pick func(*EventRef) *sitrep.Count) Range {
	var r Range
	var figs []fig
	for i := range refs {
		ref := &refs[i]
		c := pick(ref)
		l, b, h, ok := reportFigures(c)
		if !ok {
			continue
		}
		f := Figure{Key: ref.Key, DocID: ref.DocID, Published: ref.Published, Outlet: ref.Outlet, Modality: ref.Modality, Count: *c}
		if ref.Date != nil {
			f.Date = ref.Date.Start
		}
		switch {
		case ref.Statistic:
			f.Excluded = excludedStatistic
		case ref.FollowUp && !violent[ref.Type]:
			f.Excluded = excludedFollowUp
		}
		r.Figures = append(r.Figures, f)
		if f.Excluded == "" {
			figs = append(figs, fig{l, b, h, ref, len(r.Figures) - 1})
		}
	}
	if len(figs) >= 3 {
		bests := make([]int, len(figs))
		for i, f := range figs {
			bests[i] = f.best
		}
		slices.Sort(bests)
		mid := bests[(len(bests)-1)/2]
		figs = slices.DeleteFunc(figs, func(f fig) bool {
			if f.best > outlierFactor*mid && f.best > mid+outlierMargin {
				r.Figures[f.i].Excluded = excludedOutlier
				return true
			}
			return false
		})
	}
	if len(figs) == 0 {
		return r
	}
	lo, hi := figs[0].low, figs[0].high
	for _, f := range figs {
		lo, hi = min(lo, f.low), max(hi, f.high)
	}
	// The latest authoritative figure; without one, the latest of all.
	latest := func(auth bool) *fig {
		var best *fig
		for i := range figs {
			f := &figs[i]
			if auth && !asserted(f.ref.Modality) {
				continue
			}
			if best == nil {
				best = f
				continue
			}
			switch c := strings.Compare(f.ref.Published, best.ref.Published); {
			case c > 0, c == 0 && f.best > best.best:
				best = f
			}
		}
		return best
	}
	b := latest(true)
	if b == nil {
		b = latest(false)
	}
	best := b.best
	if m, ok := settledFigure(figs); ok && settled(b.ref) {
		best = m
	}
	r.Low, r.Best, r.High, r.Reports = &lo, &best, &hi, len(figs)
	return r
}

// A toll recalled a month or more after the act has stopped rising: the
// latest recall is no better than the others, and recalls count parts of
// the dead as often as the whole ("400 soldiers among the 1,200"). When
// the latest figure is such a recall and at least three recalls give one,
// the best is the figure most of them give (of two as common, the
// higher).
func settledFigure(figs []fig) (int, bool) {
	counts := map[int]int{}
	n := 0
	for _, f := range figs {
		if settled(f.ref) && asserted(f.ref.Modality) {
			counts[f.best]++
			n++
		}
	}
	if n < 3 {
		return 0, false
	}
	best, most := 0, 0
	for v, c := range counts {
		if c > most || c == most && v > best {
			best, most = v, c
		}
	}
	return best, true
}

// settled reports a report published recallDays or more after the day
// of the act it gives.
func settled(ref *EventRef) bool {
	if ref.Date == nil || ref.Published == "" {
		return false
	}
	_, last, ok1 := parseDay(ref.Date.End)
	if ref.Date.End == "" {
		_, last, ok1 = parseDay(ref.Date.Start)
	}
	pub, _, ok2 := parseDay(ref.Published)
	return ok1 && ok2 && pub-last >= recallDays
}

// asserted reports whether a report gives its event as fact rather than as
// a party's claim or allegation.
func asserted(modality string) bool {
	return modality == "" || modality == sitrep.Asserted
}
