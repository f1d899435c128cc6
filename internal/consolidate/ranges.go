package consolidate

import (
	"slices"

	"sitrep"
)

// Figure is one report's figure for an incident, kept as the report gave it.
type Figure struct {
	Key   string       `json:"key"` // event key of the report
	DocID string       `json:"doc_id"`
	Count sitrep.Count `json:"count"`
}

// Range is an incident's figure across its reports, UCDP style: Low is the
// lowest figure reported, High the highest and Best the lower median of the
// reports' best figures (see the package documentation). All three are nil
// when no report gives a figure.
type Range struct {
	Low     *int     `json:"low"`
	Best    *int     `json:"best"`
	High    *int     `json:"high"`
	Reports int      `json:"reports"` // reports that give a figure
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

// combine builds a Range from the reports' counts. keys and docs run
// parallel to counts.
func combine(keys, docs []string, counts []*sitrep.Count) Range {
	var r Range
	var bests []int
	lo, hi := 0, 0
	for i, c := range counts {
		l, b, h, ok := reportFigures(c)
		if !ok {
			continue
		}
		if r.Reports == 0 || l < lo {
			lo = l
		}
		if r.Reports == 0 || h > hi {
			hi = h
		}
		r.Reports++
		bests = append(bests, b)
		r.Figures = append(r.Figures, Figure{Key: keys[i], DocID: docs[i], Count: *c})
	}
	if r.Reports == 0 {
		return r
	}
	slices.Sort(bests)
	best := bests[(len(bests)-1)/2] // lower median
	r.Low, r.Best, r.High = &lo, &best, &hi
	return r
}
