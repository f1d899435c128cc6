package consolidate

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep"
)

func TestParseDay(t *testing.T) {
	tests := []struct {
		in          string
		first, last string
		ok          bool
	}{
		{"2024-03-02", "2024-03-02", "2024-03-02", true},
		{"2024-02", "2024-02-01", "2024-02-29", true},
		{"2023-02", "2023-02-01", "2023-02-28", true},
		{"2024", "2024-01-01", "2024-12-31", true},
		{"1969-12-31", "1969-12-31", "1969-12-31", true},
		{"2023-02-29", "", "", false},
		{"2023-13-01", "", "", false},
		{"2023/01/01", "", "", false},
		{"", "", "", false},
		{"20x4", "", "", false},
	}
	for _, tt := range tests {
		f, l, ok := parseDay(tt.in)
		if ok != tt.ok || ok && (formatDay(f) != tt.first || formatDay(l) != tt.last) {
			t.Errorf("parseDay(%q) = %s, %s, %v; want %s, %s, %v", tt.in, formatDay(f), formatDay(l), ok, tt.first, tt.last, tt.ok)
		}
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2024-03-02", "2024-02", "2024", "0001-01-01", "9999-12-31", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, last, ok := parseDay(s)
		if !ok {
			return
		}
		if last < first {
			t.Fatalf("%q: last %d before first %d", s, last, first)
		}
		if len(s) == 10 && formatDay(first) != s {
			t.Fatalf("%q does not round-trip: %s", s, formatDay(first))
		}
	})
}

func cnt(low, best, high *int, text string) *sitrep.Count {
	return &sitrep.Count{Low: low, Best: best, High: high, Text: text}
}

func TestCombineRanges(t *testing.T) {
	// rep is one report of a bombing, published on day d of March.
	type rep struct {
		d        int
		c        *sitrep.Count
		modality string
		stat     bool
	}
	tests := []struct {
		name            string
		reps            []rep
		low, best, high int
		reports         int
		excluded        int
	}{
		{"the latest report gives the best", []rep{{1, cnt(ip(12), ip(12), nil, "at least 12"), "", false}, {2, cnt(ip(15), ip(15), ip(15), "15"), "", false}, {3, cnt(nil, ip(20), ip(20), "nearly 20"), "", false}}, 12, 20, 20, 3, 0},
		{"a rising toll is not added up", []rep{{1, cnt(ip(5), ip(5), ip(5), "5"), "", false}, {2, cnt(ip(13), ip(13), ip(13), "13"), "", false}, {3, cnt(ip(26), ip(26), ip(26), "the toll rose to 26"), "", false}}, 5, 26, 26, 3, 0},
		{"an early report read late does not lower the best", []rep{{3, cnt(ip(26), ip(26), ip(26), "26"), "", false}, {1, cnt(ip(5), ip(5), ip(5), "5"), "", false}}, 5, 26, 26, 2, 0},
		{"same day: the higher", []rep{{2, cnt(ip(26), ip(26), ip(26), "26"), "", false}, {2, cnt(ip(21), ip(21), ip(21), "21"), "", false}}, 21, 26, 26, 2, 0},
		{"a claim is not the best", []rep{{2, cnt(ip(26), ip(26), ip(26), "26"), sitrep.Asserted, false}, {3, cnt(ip(214), ip(214), ip(214), "214"), sitrep.Claimed, false}}, 26, 26, 214, 2, 0},
		{"a yearly statistic never reaches the incident", []rep{{1, cnt(ip(26), ip(26), ip(26), "26"), "", false}, {2, cnt(ip(563), ip(563), ip(563), "563 this year"), "", true}}, 26, 26, 26, 1, 1},
		{"a figure far above the others is left out", []rep{{1, cnt(ip(5), ip(5), ip(5), "5"), "", false}, {2, cnt(ip(6), ip(6), ip(6), "6"), "", false}, {3, cnt(ip(7000), ip(7000), ip(7000), "7,000"), "", false}}, 5, 6, 6, 2, 1},
		{"nil reports skipped", []rep{{1, nil, "", false}, {2, cnt(nil, nil, ip(3), "up to 3"), "", false}}, 3, 3, 3, 1, 0},
		{"report range", []rep{{1, cnt(ip(10), ip(12), ip(15), "10 to 15"), "", false}}, 10, 12, 15, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs := make([]EventRef, len(tt.reps))
			for i, r := range tt.reps {
				refs[i] = EventRef{Key: fmt.Sprintf("d%d#e1", i), DocID: fmt.Sprintf("d%d", i), Type: sitrep.Bombing,
					Published: fmt.Sprintf("2024-03-%02d", r.d), Modality: r.modality, Statistic: r.stat, Killed: r.c}
			}
			r := combine(refs, func(r *EventRef) *sitrep.Count { return r.Killed })
			if r.Low == nil {
				t.Fatalf("no range: %+v", r)
			}
			if r.Reports != tt.reports || *r.Low != tt.low || *r.Best != tt.best || *r.High != tt.high {
				t.Errorf("got %d/%d/%d (%d reports), want %d/%d/%d (%d)", *r.Low, *r.Best, *r.High, r.Reports, tt.low, tt.best, tt.high, tt.reports)
			}
			excluded := 0
			for _, f := range r.Figures {
				if f.Excluded != "" {
					excluded++
				}
				if f.Published == "" || f.Count.Text == "" {
					t.Errorf("figure without its date or phrase: %+v", f)
				}
			}
			if excluded != tt.excluded || len(r.Figures) != tt.reports+tt.excluded {
				t.Errorf("figures kept: %d, excluded %d; want %d and %d", len(r.Figures), excluded, tt.reports+tt.excluded, tt.excluded)
			}
		})
	}
	if r := combine(nil, func(r *EventRef) *sitrep.Count { return r.Killed }); r.Low != nil || r.Best != nil || r.High != nil {
		t.Error("no reports should give no range")
	}
}

// Recalls months after an act count the whole or a part of its dead; the
// figure most of them give is the best, not the latest recall's part.
func TestCombineSettledRecalls(t *testing.T) {
	recall := func(pub string, n int) EventRef {
		return EventRef{Key: pub + "#e1", DocID: pub, Type: sitrep.ArmedAttack, Published: pub,
			Date: &sitrep.Date{Start: "2023-03-04", End: "2023-03-04", Precision: sitrep.PrecisionDay}, Killed: cnt(ip(n), ip(n), ip(n), "")}
	}
	refs := []EventRef{recall("2023-09-02", 310), recall("2024-01-10", 310), recall("2024-05-30", 42), recall("2024-06-11", 310), recall("2024-08-14", 95)}
	if r := combine(refs, func(r *EventRef) *sitrep.Count { return r.Killed }); r.Best == nil || *r.Best != 310 || *r.Low != 42 || *r.High != 310 {
		t.Errorf("recalls: %+v, want best 310 of 42-310", r)
	}
	// a toll still rising in the days after: the latest
	rising := []EventRef{recall("2023-03-04", 12), recall("2023-03-05", 20), recall("2023-03-06", 26)}
	if r := combine(rising, func(r *EventRef) *sitrep.Count { return r.Killed }); r.Best == nil || *r.Best != 26 {
		t.Errorf("rising toll: %+v, want 26", r)
	}
}

func townAt(name, admin1 string, lat, lon float64) *sitrep.Place {
	return &sitrep.Place{Name: name, Admin1: admin1, Country: "XA", Lat: pf(lat), Lon: pf(lon), Precision: sitrep.PlaceTown}
}

func province(name string) *sitrep.Place {
	return &sitrep.Place{Name: name, Admin1: name, Country: "XA", Precision: sitrep.PlaceProvince}
}

func day(d string) *sitrep.Date {
	return &sitrep.Date{Start: d, End: d, Precision: sitrep.PrecisionDay}
}

func month(m string) *sitrep.Date {
	_, last, _ := parseDay(m)
	return &sitrep.Date{Start: m + "-01", End: formatDay(last), Precision: sitrep.PrecisionMonth}
}

func refs(ids ...string) []sitrep.ActorRef {
	var out []sitrep.ActorRef
	for _, id := range ids {
		out = append(out, sitrep.ActorRef{ID: id, Name: id})
	}
	return out
}

var baseEvent = sitrep.Event{
	ID: "e1", Type: sitrep.Bombing, Date: day("2024-03-02"),
	Place: townAt("Toval", "Marren", 30.10, 66.90), Targets: refs("toval-market"),
	Killed: cnt(ip(12), ip(12), nil, "at least 12"),
}

func TestMergeDecisions(t *testing.T) {
	with := func(f func(*sitrep.Event)) sitrep.Event {
		e := baseEvent
		f(&e)
		return e
	}
	tests := []struct {
		name  string
		other sitrep.Event
		merge bool
	}{
		{"same report elsewhere", baseEvent, true},
		{"next day", with(func(e *sitrep.Event) { e.Date = day("2024-03-03") }), true},
		{"two days later", with(func(e *sitrep.Event) { e.Date = day("2024-03-04") }), false},
		{"month precision", with(func(e *sitrep.Event) { e.Date = month("2024-03") }), true},
		{"other month", with(func(e *sitrep.Event) { e.Date = month("2024-04") }), false},
		{"province only, same target", with(func(e *sitrep.Event) { e.Place = province("Marren") }), true},
		{"other province", with(func(e *sitrep.Event) { e.Place = province("Selmar") }), false},
		{"suburb 10 km away", with(func(e *sitrep.Event) { e.Place = townAt("Oreme", "Marren", 30.02, 66.95) }), true},
		{"town 70 km away", with(func(e *sitrep.Event) { e.Place = townAt("Brisk", "Marren", 30.60, 67.40) }), false},
		{"spelling variant without coordinates", with(func(e *sitrep.Event) {
			e.Place = &sitrep.Place{Name: "Tovaal", Admin1: "Marren", Country: "XA", Precision: sitrep.PlaceTown}
		}), true},
		{"same day same city other target", with(func(e *sitrep.Event) { e.Targets = refs("toval-power-station") }), false},
		{"same day same city other target same group", with(func(e *sitrep.Event) {
			e.Targets = refs("toval-power-station")
			e.Perpetrators = refs("dawn-brigade")
		}), false},
		{"same target a week later", with(func(e *sitrep.Event) { e.Date = day("2024-03-09") }), false},
		{"other type family", with(func(e *sitrep.Event) { e.Type = sitrep.Abduction }), false},
		{"generic target", with(func(e *sitrep.Event) { e.Targets = refs("civilians") }), true},
		{"no toll agreement", with(func(e *sitrep.Event) { e.Killed = cnt(ip(0), ip(0), ip(0), "no one") }), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewIndex()
			a := x.Add("doc-a", "2024-03-03", []sitrep.Event{baseEvent})
			b := x.Add("doc-b", "2024-03-05", []sitrep.Event{tt.other})
			merged := a[0].Incident == b[0].Incident
			if merged != tt.merge {
				t.Errorf("merged = %v, want %v (score %.1f, reasons %q)", merged, tt.merge, b[0].Score, b[0].Reasons)
			}
			if merged && (len(b[0].Reasons) == 0 || b[0].Score < Threshold) {
				t.Errorf("merge without reasons or score: %+v", b[0])
			}
		})
	}
}

func TestSameDocumentNeverMerges(t *testing.T) {
	x := NewIndex()
	e2 := baseEvent
	e2.ID = "e2"
	as := x.Add("doc", "2024-03-03", []sitrep.Event{baseEvent, e2})
	if as[0].Incident == as[1].Incident {
		t.Fatal("two events of one document merged")
	}
}

func TestIncidentSnapshot(t *testing.T) {
	x := NewIndex()
	e2 := baseEvent
	e2.Killed = cnt(ip(15), ip(15), ip(15), "15")
	e2.Perpetrators = refs("dawn-brigade")
	e3 := baseEvent
	e3.Killed = cnt(nil, ip(20), ip(20), "nearly 20")
	e3.Date = month("2024-03")
	e3.Place = province("Marren")
	x.Add("a", "2024-03-02", []sitrep.Event{baseEvent})
	x.Add("b", "2024-03-03", []sitrep.Event{e2})
	as := x.Add("c", "2024-03-20", []sitrep.Event{e3})
	inc, ok := x.Incident(as[0].Incident)
	if !ok || len(inc.Events) != 3 {
		t.Fatalf("incident %+v", inc)
	}
	// The latest report's count is the best: tolls are updated, not added.
	if *inc.Killed.Low != 12 || *inc.Killed.Best != 20 || *inc.Killed.High != 20 {
		t.Errorf("killed %d/%d/%d", *inc.Killed.Low, *inc.Killed.Best, *inc.Killed.High)
	}
	if inc.Date.Start != "2024-03-02" || inc.Date.Precision != sitrep.PrecisionDay {
		t.Errorf("date %+v", inc.Date)
	}
	if inc.Place == nil || inc.Place.Name != "Toval" {
		t.Errorf("place %+v", inc.Place)
	}
	if len(inc.Perpetrators) != 1 || inc.Perpetrators[0].ID != "dawn-brigade" || inc.Targets[0].Reports != 3 {
		t.Errorf("actors %+v %+v", inc.Perpetrators, inc.Targets)
	}
	if inc.ID != incidentID("a#e1") || len(inc.Reasons) != 2 || !slices.Equal(inc.Documents, []string{"a", "b", "c"}) {
		t.Errorf("id %s reasons %q documents %v", inc.ID, inc.Reasons, inc.Documents)
	}
}

func TestReAddIsStable(t *testing.T) {
	c := loadCorpus(t)
	x := NewIndex()
	add := func() map[string]string {
		for _, d := range c.Documents {
			var evs []sitrep.Event
			for _, e := range d.Events {
				evs = append(evs, e.Event)
			}
			x.Add(d.ID, d.Published, evs)
		}
		out := map[string]string{}
		for _, inc := range x.Incidents() {
			for _, e := range inc.Events {
				out[e.Key] = inc.ID
			}
		}
		return out
	}
	first := add()
	n := x.Len()
	second := add()
	if len(first) != len(second) {
		t.Fatalf("re-adding lost events: %d -> %d", len(first), len(second))
	}
	// Placement is greedy, so re-adding in the presence of every other
	// report may settle a few ambiguous reports differently.
	p, r, _, _, _ := pairScores(second, first)
	t.Logf("re-adding every document: %d -> %d incidents, pair agreement %.3f/%.3f", n, x.Len(), p, r)
	if p < 0.95 || r < 0.95 {
		t.Errorf("re-adding every document moved events: agreement %.3f/%.3f", p, r)
	}
}

func TestUserDecisionsSurviveReAdd(t *testing.T) {
	other := baseEvent
	other.Targets = refs("toval-power-station")
	far := baseEvent
	far.Date = day("2024-03-20")
	x := NewIndex()
	a := x.Add("a", "2024-03-03", []sitrep.Event{baseEvent})[0].Incident
	b := x.Add("b", "2024-03-03", []sitrep.Event{baseEvent})[0].Incident
	c := x.Add("c", "2024-03-03", []sitrep.Event{other})[0].Incident
	d := x.Add("d", "2024-03-21", []sitrep.Event{far})[0].Incident
	if a != b || a == c || a == d {
		t.Fatalf("unexpected start: %s %s %s %s", a, b, c, d)
	}
	// The user says the power-station report is the same incident, and the
	// report from doc b is not.
	if _, err := x.Merge(a, c); err != nil {
		t.Fatal(err)
	}
	split, err := x.Split(a, "b#e1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Merge(a, d); err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		ia, _ := x.IncidentOf("a#e1")
		ib, _ := x.IncidentOf("b#e1")
		ic, _ := x.IncidentOf("c#e1")
		id, _ := x.IncidentOf("d#e1")
		if ia != ic || ia != id || ia == ib {
			t.Errorf("%s: a=%s b=%s c=%s d=%s", stage, ia, ib, ic, id)
		}
	}
	check("after decisions")
	if split.ID == a {
		t.Error("split kept the old id")
	}
	// Re-extraction: every document is added again, in another order.
	for _, doc := range []struct {
		id string
		ev sitrep.Event
	}{{"c", other}, {"b", baseEvent}, {"d", far}, {"a", baseEvent}} {
		x.Add(doc.id, "2024-03-22", []sitrep.Event{doc.ev})
	}
	check("after re-adding")
	// Decisions persist and replay into a fresh index.
	y := NewIndex()
	y.RestoreDecisions(x.Decisions())
	for _, doc := range []struct {
		id string
		ev sitrep.Event
	}{{"a", baseEvent}, {"b", baseEvent}, {"c", other}, {"d", far}} {
		y.Add(doc.id, "2024-03-22", []sitrep.Event{doc.ev})
	}
	ia, _ := y.IncidentOf("a#e1")
	ib, _ := y.IncidentOf("b#e1")
	ic, _ := y.IncidentOf("c#e1")
	if ia != ic || ia == ib {
		t.Errorf("restored decisions not honoured: a=%s b=%s c=%s", ia, ib, ic)
	}
	if _, err := x.Merge("nope", a); err != ErrNoIncident {
		t.Errorf("merge of unknown incident: %v", err)
	}
	if _, err := x.Split(ia, "zzz#1"); err == nil {
		t.Error("split of unknown event succeeded")
	}
}

func TestRemove(t *testing.T) {
	x := NewIndex()
	x.Add("a", "2024-03-03", []sitrep.Event{baseEvent})
	x.Add("b", "2024-03-03", []sitrep.Event{baseEvent})
	x.Remove("a")
	if x.Len() != 1 {
		t.Fatalf("len %d", x.Len())
	}
	if _, ok := x.IncidentOf("a#e1"); ok {
		t.Error("removed event still placed")
	}
	x.Remove("b")
	if x.Len() != 0 {
		t.Fatalf("len %d", x.Len())
	}
}

func FuzzIndexAdd(f *testing.F) {
	b, _ := json.Marshal([]sitrep.Event{baseEvent})
	f.Add(b, "2024-03-03")
	f.Add([]byte(`[{"type":"bombing","date":{"start":"2024-02","precision":"month"},"place":{"name":"","country":"XA"}}]`), "")
	f.Add([]byte(`[{"type":"x","date":{"start":"0001-01-01","end":"9999-12-31"}},{}]`), "2024-13-01")
	f.Fuzz(func(t *testing.T, data []byte, published string) {
		var evs []sitrep.Event
		if json.Unmarshal(data, &evs) != nil || len(evs) > 20 {
			return
		}
		x := NewIndex()
		for i := 0; i < 3; i++ {
			as := x.Add("d"+string(rune('a'+i%2)), published, evs)
			if len(as) != len(evs) {
				t.Fatalf("%d assignments for %d events", len(as), len(evs))
			}
			for _, a := range as {
				if _, ok := x.Incident(a.Incident); !ok {
					t.Fatalf("assignment to missing incident %s", a.Incident)
				}
			}
		}
		_ = x.Incidents()
	})
}

func TestActorBook(t *testing.T) {
	b := NewActorBook()
	b.AddResult(sitrep.Result{
		Document: sitrep.DocumentInfo{ID: "d1", Published: "2024-02-01"},
		Actors: []sitrep.Actor{
			{ID: "shafiq-mengal", Name: "Shafeeq Mengal", Type: sitrep.Person, Aliases: []string{"Shafeeq Mengal"}, Mentions: 2},
			{ID: "naseem-baloch", Name: "Naseem Baloch", Type: sitrep.Person, Mentions: 1},
		},
	})
	b.AddResult(sitrep.Result{
		Document: sitrep.DocumentInfo{ID: "d2", Published: "2023-11-05"},
		Actors: []sitrep.Actor{
			{ID: "shafiq-mengal", Name: "Shafiq Mengal", Type: sitrep.Person, Mentions: 1},
			{ID: "zahid-baluch", Name: "Zahid Baluch", Type: sitrep.Person, Mentions: 1},
		},
		Claims: []sitrep.Claim{{Speaker: sitrep.ActorRef{ID: "zahid-baluch", Name: "Zahid Baloch"}}},
	})
	r, ok := b.Get("shafiq-mengal")
	if !ok || !slices.Equal(r.Aliases, []string{"Shafeeq Mengal", "Shafiq Mengal"}) || r.FirstSeen != "2023-11-05" || r.LastSeen != "2024-02-01" || r.Mentions != 3 || len(r.Documents) != 2 {
		t.Errorf("merged actor %+v", r)
	}
	z, _ := b.Get("zahid-baluch")
	if !slices.Equal(z.Aliases, []string{"Zahid Baloch", "Zahid Baluch"}) {
		t.Errorf("aliases from claims: %v", z.Aliases)
	}
	if n, _ := b.Get("naseem-baloch"); len(n.Documents) != 1 || len(b.All()) != 3 {
		t.Errorf("people sharing a family name merged: %+v, %d actors", n, len(b.All()))
	}
	// Re-adding d1 without Naseem Baloch forgets him.
	b.Add(sitrep.DocumentInfo{ID: "d1", Published: "2024-02-01"}, []sitrep.Actor{{ID: "shafiq-mengal", Name: "Shafeeq Mengal"}})
	if _, ok := b.Get("naseem-baloch"); ok {
		t.Error("replaced document still contributes")
	}
}

func claim(speaker, rel, subj, obj string) sitrep.Claim {
	return sitrep.Claim{Speaker: sitrep.ActorRef{ID: speaker, Name: speaker}, Relation: &sitrep.Relation{Type: rel, Subject: sitrep.ActorRef{ID: subj, Name: subj}, Object: sitrep.ActorRef{ID: obj, Name: obj}}}
}

func testGraph() (*ClaimGraph, *ActorBook) {
	g := NewClaimGraph()
	g.Add(sitrep.DocumentInfo{ID: "d1", Published: "2024-01-01"}, []sitrep.Claim{
		claim("rights-watch", sitrep.Supports, "state-army", "dawn-brigade"),
		claim("", sitrep.Condemns, "state-army", "dawn-brigade"),
		{Speaker: sitrep.ActorRef{ID: "x"}}, // no relation: no edge
	})
	g.Add(sitrep.DocumentInfo{ID: "d2", Published: "2024-03-01"}, []sitrep.Claim{
		claim("rights-watch", sitrep.Supports, "state-army", "dawn-brigade"),
		claim("state-army", sitrep.Denies, "state-army", "dawn-brigade"),
		claim("party-a", sitrep.ResponsibleFor, "border-rangers", "enforced-disappearances"),
		claim("border-rangers", sitrep.Denies, "border-rangers", "party-a"),
	})
	b := NewActorBook()
	b.Add(sitrep.DocumentInfo{ID: "d1"}, []sitrep.Actor{{ID: "state-army", Name: "State Army", Type: sitrep.StateForce}, {ID: "dawn-brigade", Name: "Dawn <Brigade> & co", Type: sitrep.ArmedGroup}})
	return g, b
}

func TestClaimGraph(t *testing.T) {
	g, _ := testGraph()
	edges := g.Edges()
	var sup *Edge
	for i := range edges {
		if edges[i].Relation == sitrep.Supports {
			sup = &edges[i]
		}
	}
	if sup == nil || sup.Claims != 2 || len(sup.Documents) != 2 || sup.FirstSeen != "2024-01-01" || sup.LastSeen != "2024-03-01" ||
		len(sup.Speakers) != 1 || sup.Speakers[0].Documents != 2 || !sup.Contradicted {
		t.Fatalf("supports edge %+v", sup)
	}
	kinds := map[string]int{}
	for _, c := range g.Contradictions() {
		kinds[c.Kind]++
	}
	// supports vs denies, supports vs condemns, responsible_for vs denial of the speaker.
	if kinds[ContradictionDenial] != 2 || kinds[ContradictionOpposite] != 1 {
		t.Errorf("contradictions %v", kinds)
	}
	pairs := g.Pairs()
	if len(pairs) != 3 || len(pairs[2].Relations) != 3 {
		t.Errorf("pairs %+v", pairs)
	}
	g.Remove("d2")
	if len(g.Contradictions()) != 1 {
		t.Errorf("after removal: %+v", g.Contradictions())
	}
}

func TestGraphMLRoundTrip(t *testing.T) {
	g, b := testGraph()
	var buf bytes.Buffer
	if err := g.WriteGraphML(&buf, b); err != nil {
		t.Fatal(err)
	}
	var doc graphML
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, buf.String())
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.Graph.EdgeDefault != "directed" {
		t.Errorf("header %+v", doc.XMLName)
	}
	nodes := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = map[string]string{}
		for _, d := range n.Data {
			nodes[n.ID][d.Key] = d.Value
		}
	}
	if nodes["dawn-brigade"]["n_name"] != "Dawn <Brigade> & co" || nodes["state-army"]["n_type"] != sitrep.StateForce {
		t.Errorf("nodes %v", nodes)
	}
	keys := map[string]bool{}
	for _, k := range doc.Keys {
		keys[k.ID] = true
	}
	found := false
	for _, e := range doc.Graph.Edges {
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s to unknown node", e.ID)
		}
		data := map[string]string{}
		for _, d := range e.Data {
			if !keys[d.Key] {
				t.Errorf("undeclared key %s", d.Key)
			}
			data[d.Key] = d.Value
		}
		if data["e_relation"] == sitrep.Supports {
			found = true
			if data["e_speakers"] != "rights-watch" || data["e_documents"] != "d1;d2" || data["e_claims"] != "2" || data["e_contradicted"] != "true" {
				t.Errorf("supports edge data %v", data)
			}
		}
	}
	if !found || len(doc.Graph.Edges) != len(g.Edges()) {
		t.Errorf("edges %d", len(doc.Graph.Edges))
	}
	var js bytes.Buffer
	if err := g.WriteJSON(&js, b); err != nil {
		t.Fatal(err)
	}
	var back GraphExport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Schema != GraphSchema || len(back.Edges) != len(g.Edges()) || len(back.Contradictions) != 3 {
		t.Errorf("JSON export %v %+v", err, back)
	}
}

func TestFraming(t *testing.T) {
	f := NewFraming(nil)
	f.AddResult(sitrep.Result{
		Document: sitrep.DocumentInfo{ID: "d1", Source: "Outlet One"},
		Actors:   []sitrep.Actor{{ID: "dawn-brigade", Name: "Dawn Brigade", Aliases: []string{"Dawn Brigade terrorists", "the militants"}}},
		Events: []sitrep.Event{{
			Perpetrators: refs("dawn-brigade"), Targets: refs("police"),
			Evidence: []sitrep.Span{{Text: "Dawn Brigade terrorists attacked the post; two policemen were martyred."}},
		}, {
			// a label elsewhere in the sentence describes someone else
			Perpetrators: refs("northern-army"),
			Evidence:     []sitrep.Span{{Text: "The northern-army said its fighter jets struck a group of suspected militants near the pass."}},
		}},
	})
	f.AddResult(sitrep.Result{
		Document: sitrep.DocumentInfo{ID: "d2", Source: "Outlet Two"},
		Actors:   []sitrep.Actor{{ID: "dawn-brigade", Name: "Dawn Brigade", Aliases: []string{"Sarmachars", "freedom fighters"}}},
	})
	got := map[FramingKey][2]int{}
	for _, c := range f.Counts() {
		got[c.FramingKey] = [2]int{c.Documents, c.Uses}
	}
	want := map[FramingKey][2]int{
		{"Outlet One", "dawn-brigade", "terrorists"}:       {1, 2},
		{"Outlet One", "dawn-brigade", "militants"}:        {1, 1},
		{"Outlet One", "police", "martyrs"}:                {1, 1},
		{"Outlet Two", "dawn-brigade", "sarmachars"}:       {1, 1},
		{"Outlet Two", "dawn-brigade", "freedom fighters"}: {1, 1},
	}
	if len(got) != len(want) {
		t.Errorf("counts %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%v = %v, want %v", k, got[k], v)
		}
	}
	// "fighters" inside "freedom fighters" is not counted again, and
	// "terrorists" is not a victim label.
	for k := range got {
		if k.Label == "fighters" || k.ActorID == "police" && k.Label == "terrorists" {
			t.Errorf("unexpected %v", k)
		}
	}
	if len(f.ForActor("dawn-brigade")) != 4 {
		t.Errorf("ForActor %v", f.ForActor("dawn-brigade"))
	}
	f.AddDocument("Outlet Two", "d2", nil)
	for _, c := range f.Counts() {
		if c.Source == "Outlet Two" {
			t.Errorf("replaced document still counted: %v", c)
		}
	}
	for _, l := range DefaultLabels {
		if l.Label != strings.ToLower(l.Label) || len(l.Forms) == 0 || l.Role != RoleActor && l.Role != RoleVictim {
			t.Errorf("label %+v", l)
		}
	}
}

// TestMergedIDsStayShowable: an id the index gave out still shows the
// incident its reports went to after a user's merge.
func TestMergedIDsStayShowable(t *testing.T) {
	other := baseEvent
	other.Targets = refs("toval-power-station")
	x := NewIndex()
	a := x.Add("a", "2024-03-03", []sitrep.Event{baseEvent})[0].Incident
	c := x.Add("c", "2024-03-03", []sitrep.Event{other})[0].Incident
	if a == c {
		t.Fatal("look-alikes merged")
	}
	m, err := x.Merge(a, c)
	if err != nil || m.ID != a {
		t.Fatalf("merge: %v %s", err, m.ID)
	}
	got, ok := x.Incident(c)
	if !ok || got.ID != a || len(got.Events) != 2 {
		t.Fatalf("Incident(%s) after merge = %s, %v", c, got.ID, ok)
	}
	if _, err := x.Split(c, "c#e1"); err != nil {
		t.Errorf("split by the absorbed id: %v", err)
	}
}

// TestStatistic: figures of a period or a running total, and tolls told
// only as an order of magnitude, count no incident; an incident's own
// days and counts do.
func TestStatistic(t *testing.T) {
	tests := []struct {
		sentence, count string
		want            bool
	}{
		{"Since March 2, and as of June 9, the agency has recorded at least 830 people killed near food depots.", "at least 830", true},
		{"Up to 900 people were killed between May and July last year, the commission said.", "up to 900", true},
		{"More than 600 people died in the months of unrest that ended with the fall of the cabinet.", "more than 600", true},
		{"At least 4,000 civilians have been killed since the war began, officials said.", "at least 4,000", true},
		{"The envoy said thousands of villagers had been killed in the region.", "thousands of villagers", true},
		{"At least 410 people were killed in the clashes since Thursday, a monitor said.", "at least 410", false},
		{"The death toll from Monday's bombing of the Korab bazaar rose to 26.", "26", false},
		{"Gunmen killed nine passengers on the highway from Korab to Selu on Tuesday.", "nine", false},
		{"Fighting between the army and the rebels killed 14 soldiers near Harak.", "14", false},
		{"As of Tuesday evening the toll from the bazaar blast stood at 31.", "31", false},
		{"Gunmen shot dead a shopkeeper, 52 years of age, and his two sons in Selu.", "three", false},
		{"After months of talks, gunmen killed six negotiators at the checkpoint.", "six", false},
		{"It was the deadliest attack on pilgrims since 1998, and at least 40 died.", "at least 40", false},
		{"At least 40 have died in the worst floods since 2010, and many in the years since 2012.", "at least 40", true},
		{"Raids killed 80 rebels, the highest death toll since May 2019.", "80", true},
		{"Raids killed 80 rebels, the highest single-month figure on record.", "80", true},
	}
	for _, tt := range tests {
		ev := sitrep.Event{Killed: &sitrep.Count{Text: tt.count}, Evidence: []sitrep.Span{{Text: tt.sentence}}}
		if got := (&member{}).statistic(&ev, cuedStatistic(&ev)); got != tt.want {
			t.Errorf("statistic(%q, %q) = %v, want %v", tt.sentence, tt.count, got, tt.want)
		}
	}
}

// An incident's province is taken only in the country most of its reports
// give: one report placing it in another country's province does not
// outvote reports that give only the country. A town the reports naming a
// town agree on still wins over reports that give only a country, whichever
// country those name (reactions filed from abroad are often placed there).
func TestIncidentPlaceKeepsToTheCountryMostReportsGive(t *testing.T) {
	country := func(cc string) *sitrep.Place {
		return &sitrep.Place{Name: cc, Country: cc, Precision: sitrep.PlaceCountry}
	}
	abroad := &sitrep.Place{Name: "Farland", Admin1: "Farland", Country: "XB", Precision: sitrep.PlaceProvince}
	refs := func(ps ...*sitrep.Place) []*EventRef {
		out := make([]*EventRef, len(ps))
		for i, p := range ps {
			out[i] = &EventRef{Key: fmt.Sprintf("d%d#E1", i), Place: p}
		}
		return out
	}
	if p := incidentPlace(refs(country("XA"), country("XA"), country("XA"), country("XC"), abroad)); p == nil || p.Country != "XA" || p.Precision != sitrep.PlaceCountry {
		t.Errorf("one report in another country's province: got %+v, want the country XA", p)
	}
	if p := incidentPlace(refs(country("XA"), country("XA"), townAt("Kesh", "North", 10, 20), abroad)); p == nil || p.Name != "Kesh" {
		t.Errorf("a town of the country most reports give: got %+v, want Kesh", p)
	}
	if p := incidentPlace(refs(country("XC"), country("XC"), country("XC"), townAt("Kesh", "North", 10, 20))); p == nil || p.Name != "Kesh" {
		t.Errorf("a town against reports giving only another country: got %+v, want Kesh", p)
	}
	many := refs(country("XC"), country("XC"), country("XC"), country("XC"), country("XC"), country("XC"),
		townAt("Kesh", "North", 10, 20), townAt("Kesh", "North", 10, 20))
	if p := incidentPlace(many); p == nil || p.Country != "XC" {
		t.Errorf("a town abroad in two reports against six giving another country: got %+v, want XC", p)
	}
}

// TestIncidentPlaceWiderThanATown: strikes on many towns in one night,
// told by reports each naming one town (outliers, told apart from the
// incident's place), are not placed at the one town a single report gives
// that no other report contradicts; a town several reports agree on is.
func TestIncidentPlaceWiderThanATown(t *testing.T) {
	var refs []*EventRef
	add := func(p *sitrep.Place, outlier bool) {
		refs = append(refs, &EventRef{Key: fmt.Sprintf("d%d#E1", len(refs)), Place: p, PlaceOutlier: outlier})
	}
	for range 6 {
		add(&sitrep.Place{Name: "XA", Country: "XA", Precision: sitrep.PlaceCountry}, false)
	}
	add(townAt("Kesh", "North", 10, 20), false)
	for i, town := range []string{"Arun", "Bel", "Cor", "Dun"} {
		add(townAt(town, "North", 10+float64(i), 21), true)
	}
	if p := incidentPlace(refs); p == nil || p.Name == "Kesh" {
		t.Errorf("one report's town against four others named: got %+v, want wider than Kesh", p)
	}
	add(townAt("Kesh", "North", 10, 20), false)
	add(townAt("Kesh", "North", 10, 20), false)
	if p := incidentPlace(refs); p == nil || p.Name != "Kesh" {
		t.Errorf("three reports' town against four others named: got %+v, want Kesh", p)
	}
}

// TestIncidentPlaceOutliersTheOthersCorroborate: reports marked outliers
// when they joined (their town disagreed with a report then in the
// incident) name the town inside the province the others agree on when
// another report names it too and it outnumbers the reports naming only
// the province; they never move the incident out of that province, nor
// override a town the others agree on.
func TestIncidentPlaceOutliersTheOthersCorroborate(t *testing.T) {
	var refs []*EventRef
	add := func(p *sitrep.Place, outlier bool) {
		refs = append(refs, &EventRef{Key: fmt.Sprintf("d%d#E1", len(refs)), Place: p, PlaceOutlier: outlier})
	}
	add(townAt("Arun", "North", 10, 20), false)
	add(townAt("Kesh", "North", 10.1, 20), false)
	add(province("North"), false)
	for range 5 {
		add(townAt("Kesh", "North", 10.1, 20), true)
	}
	if p := incidentPlace(refs); p == nil || p.Name != "Kesh" {
		t.Errorf("six reports of Kesh, five of them outliers: got %+v, want Kesh", p)
	}
	// uncorroborated outliers do not count
	refs = refs[:0]
	add(townAt("Arun", "North", 10, 20), false)
	add(province("North"), false)
	for range 5 {
		add(townAt("Kesh", "North", 10.1, 20), true)
	}
	if p := incidentPlace(refs); p == nil || p.Name == "Kesh" {
		t.Errorf("outliers no other report corroborates: got %+v, want not Kesh", p)
	}
	// a town two reports name among many naming only the province
	refs = refs[:0]
	for range 4 {
		add(province("North"), false)
	}
	add(townAt("Arun", "North", 10, 20), false)
	add(townAt("Kesh", "North", 10.1, 20), false)
	add(townAt("Kesh", "North", 10.1, 20), true)
	if p := incidentPlace(refs); p == nil || p.Name != "North" {
		t.Errorf("two reports of Kesh against four of the province: got %+v, want North", p)
	}
	// a town the others agree on stays
	refs = refs[:0]
	add(townAt("Arun", "North", 10, 20), false)
	add(townAt("Arun", "North", 10, 20), false)
	add(townAt("Kesh", "North", 10.1, 20), false)
	for range 5 {
		add(townAt("Kesh", "North", 10.1, 20), true)
	}
	if p := incidentPlace(refs); p == nil || p.Name != "Arun" {
		t.Errorf("outliers against a town the others agree on: got %+v, want Arun", p)
	}
}

// An incident whose counted reports agree only on the country is shown at
// the town that three or more reports marked outliers name inside that
// country, when they outnumber the counted reports two to one: each joined
// by its words against an early report that gave only the country. Two
// such reports, or a town of another country, do not move it.
func TestShownPlaceTakesTheTownOutliersAgreeOn(t *testing.T) {
	country := &sitrep.Place{Name: "XA", Country: "XA", Precision: sitrep.PlaceCountry}
	kesh := townAt("Kesh", "North", 10, 20)
	kesh.Country = "XA"
	far := townAt("Vell", "West", 40, 50)
	far.Country = "XC"
	refs := func(outliers int, town *sitrep.Place) []*EventRef {
		out := []*EventRef{{Key: "d0#E1", Place: country}}
		for i := 0; i < outliers; i++ {
			out = append(out, &EventRef{Key: fmt.Sprintf("d%d#E1", i+1), Place: town, PlaceOutlier: true})
		}
		return out
	}
	if p := shownPlace(refs(3, kesh)); p == nil || p.Name != "Kesh" {
		t.Errorf("three outliers naming a town of the country: shown at %+v, want Kesh", p)
	}
	if p := shownPlace(refs(2, kesh)); p == nil || p.Name != "XA" {
		t.Errorf("two outliers naming a town: shown at %+v, want the country", p)
	}
	if p := shownPlace(refs(4, far)); p == nil || p.Name != "XA" {
		t.Errorf("outliers naming a town of another country: shown at %+v, want the country", p)
	}
}

// One report's province does not place an incident that three or more
// reports place only in its country: twenty reports of an attack in XA,
// six recalling it from a town across the border and one naming a city of
// XA leave the attack in XA.
func TestLoneProvinceDoesNotPlaceTheIncident(t *testing.T) {
	var refs []*EventRef
	add := func(n int, p *sitrep.Place) {
		for i := 0; i < n; i++ {
			refs = append(refs, &EventRef{Key: fmt.Sprintf("d%d#E1", len(refs)), Place: p})
		}
	}
	add(20, &sitrep.Place{Name: "XA", Country: "XA", Precision: sitrep.PlaceCountry})
	across := townAt("Gazet", "Strip", 31.5, 34.4)
	across.Country = "XC"
	add(6, across)
	add(1, townAt("Telva", "Centre", 32.1, 34.8))
	if p := incidentPlace(refs); p == nil || p.Precision != sitrep.PlaceCountry || p.Country != "XA" {
		t.Errorf("got %+v, want the country XA", p)
	}
}

// TestIncidentPlaceAcrossProvinces: strikes on sites in several provinces
// of one country, told by a few reports naming one town and more naming
// other provinces, are not placed at that town; a town no other province
// contests is.
func TestIncidentPlaceAcrossProvinces(t *testing.T) {
	var refs []*EventRef
	add := func(p *sitrep.Place, outlier bool) {
		refs = append(refs, &EventRef{Key: fmt.Sprintf("d%d#E1", len(refs)), Place: p, PlaceOutlier: outlier})
	}
	for range 8 {
		add(&sitrep.Place{Name: "XA", Country: "XA", Precision: sitrep.PlaceCountry}, false)
	}
	add(townAt("Kesh", "North", 10, 20), false)
	add(townAt("Kesh", "North", 10, 20), false)
	if p := incidentPlace(refs); p == nil || p.Name != "Kesh" {
		t.Errorf("two reports' town, nothing against it: got %+v, want Kesh", p)
	}
	for range 4 {
		add(province("South"), true)
	}
	add(province("East"), false)
	add(province("East"), true)
	if p := incidentPlace(refs); p == nil || p.Name == "Kesh" {
		t.Errorf("two reports' town against six naming other provinces: got %+v, want wider than Kesh", p)
	}
}

// TestIncidentPlaceCountryMostGive: with no country given by more than
// half of the reports, the incident lies in the country most give, not in
// the one its first report happened to name (a statement abroad).
func TestIncidentPlaceCountryMostGive(t *testing.T) {
	country := func(cc string) *sitrep.Place {
		return &sitrep.Place{Name: cc, Country: cc, Precision: sitrep.PlaceCountry}
	}
	var refs []*EventRef
	for _, cc := range []string{"XB", "XA", "XC", "XA", "XB", "XA", "XD", "XC", "XA"} {
		refs = append(refs, &EventRef{Key: fmt.Sprintf("d%d#E1", len(refs)), Place: country(cc)})
	}
	if p := incidentPlace(refs); p == nil || p.Country != "XA" {
		t.Errorf("four reports of XA among nine: got %+v, want XA", p)
	}
}

func TestRouteEnd(t *testing.T) {
	for _, c := range []struct {
		text, place string
		want        bool
	}{
		{"A blast hit a bus on the Kesh-Arun highway on Sunday.", "Arun", true},
		{"A blast hit a bus on the Kesh-Arun highway on Sunday.", "Kesh", true},
		{"Gunmen stopped cars on the Kesh–Bel Dun Road at night.", "Kesh", true},
		{"Gunmen stopped cars on the Kesh–Bel Dun Road at night.", "Bel Dun", true},
		{"A blast hit a bus on the Kesh-Arun highway near Arun on Sunday.", "Arun", false},
		{"A blast hit a bus in Arun on Sunday.", "Arun", false},
		{"The Arun-based group claimed the attack.", "Arun", false},
		{"A blast hit a bus on the highway.", "Arun", false},
	} {
		if got := routeEnd([]sitrep.Span{{Text: c.text}}, c.place); got != c.want {
			t.Errorf("routeEnd(%q, %s) = %v, want %v", c.text, c.place, got, c.want)
		}
	}
}

// TestRouteEndIsNotHeldAgainst: a report placing a blast at one end of the
// road it names ("the Kesh-Arun highway") is not kept apart from reports
// placing it at the other end, far away, and does not place the incident
// while they give a place.
func TestRouteEndIsNotHeldAgainst(t *testing.T) {
	x := NewIndex()
	member := func(id, place string, lat, lon float64, text string) *member {
		ev := sitrep.Event{ID: "E1", Type: sitrep.Bombing, Date: day("2024-03-10"), Place: townAt(place, "North", lat, lon),
			Evidence: []sitrep.Span{{Text: text}}}
		d := &Doc{ID: id, Published: "2024-03-10", Text: text}
		read := readEvent(&ev)
		return x.newMember(EventRef{Key: id + "#E1", DocID: id, Type: ev.Type, Date: ev.Date, Place: ev.Place}, &ev, &read, d, nil)
	}
	near := member("a", "Kesh", 29.5, 66.0, "A suicide bomber rammed a convoy near Kesh on Sunday, killing five soldiers.")
	road := member("b", "Arun", 28.9, 64.4, "Five soldiers were killed when a suicide bomber rammed a convoy on the Kesh-Arun highway on Sunday.")
	town := member("c", "Arun", 28.9, 64.4, "Five soldiers were killed when a suicide bomber rammed a convoy in Arun on Sunday.")
	if !road.ref.RoutePlace || town.ref.RoutePlace {
		t.Fatalf("route place: road %v, town %v; want true, false", road.ref.RoutePlace, town.ref.RoutePlace)
	}
	if _, veto := placeScore(near, road, false, &explain{}); veto {
		t.Error("the road's far end keeps the report apart")
	}
	if _, veto := placeScore(near, town, false, &explain{}); !veto {
		t.Error("a town far away, named as where it happened, does not keep the report apart")
	}
	refs := []*EventRef{&near.ref, &road.ref}
	if p := incidentPlace(refs); p == nil || p.Name != "Kesh" {
		t.Errorf("incident placed %+v, want Kesh", p)
	}
}

func TestTrimDistrictSpellings(t *testing.T) {
	if !sameName(trimDistrict(normName("Nushki District")), trimDistrict(normName("Noshki"))) {
		t.Error("a district's two spellings, one with \"District\", are not alike")
	}
	if trimDistrict(normName("District")) != "district" {
		t.Error("a name that is only the word is kept")
	}
}
