package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// ViewOpener returns a new, empty store that keeps its views.
type ViewOpener func(t *testing.T) store.ViewStore

// RunViews runs the suite of the cross-document views against the
// backend open makes.
func RunViews(t *testing.T, open ViewOpener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.ViewStore)
	}{
		{"Placed", testViewsPlaced},
		{"IncidentFilters", testIncidentFilters},
		{"FollowUpJoins", testFollowUpJoins},
		{"EditReachesIncident", testEditReachesIncident},
		{"MergeSplit", testMergeSplit},
		{"Reextraction", testViewsReextraction},
		{"NearCopies", testNearCopies},
		{"Framing", testViewsFraming},
		{"ClaimEdges", testClaimEdges},
		{"Rebuild", testViewsRebuild},
		{"ActorFigures", testActorFigures},
		{"MapCounts", testMapCounts},
		{"ViolenceEdges", testViolenceEdges},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

// incidentOf returns the incident of one event key, failing when none.
func incidentOf(t *testing.T, s store.ViewStore, key string) store.Incident {
	t.Helper()
	ctx := context.Background()
	m, err := s.IncidentsOf(ctx, []string{key})
	if err != nil {
		t.Fatalf("IncidentsOf(%s): %v", key, err)
	}
	id, ok := m[key]
	if !ok {
		t.Fatalf("%s is in no incident", key)
	}
	inc, err := s.Incident(ctx, id)
	if err != nil {
		t.Fatalf("Incident(%s): %v", id, err)
	}
	return inc
}

func reportKeys(inc store.Incident) []string {
	var out []string
	for _, e := range inc.Events {
		out = append(out, e.Key)
	}
	slices.Sort(out)
	return out
}

// noProblems checks that the stored views are what the log gives.
func noProblems(t *testing.T, s store.ViewStore) {
	t.Helper()
	rep, err := views.Verify(context.Background(), s, 10)
	ps := rep.Problems
	if err != nil {
		t.Fatalf("views.Verify: %v", err)
	}
	for _, p := range ps {
		t.Errorf("views differ from the log: %s", p)
	}
}

func testViewsPlaced(t *testing.T, s store.ViewStore) {
	ctx := context.Background()
	st, err := s.ViewsState(ctx)
	if err != nil || !st.Current || st.Rules != consolidate.Version {
		t.Fatalf("ViewsState of a new store = %+v, %v; want current, rules %s", st, err, consolidate.Version)
	}
	docs := Load(t, s)
	a, b, c, d := docs[0], docs[1], docs[2], docs[3]
	var all []string
	for _, doc := range docs {
		for _, e := range doc.Result.Events {
			all = append(all, doc.Key(e.ID))
		}
	}
	of, err := s.IncidentsOf(ctx, append(all, "sha256:none#e1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := of[c.Key("e1")]; ok {
		t.Errorf("the wire copy c is in incident %s: copies stay out of incidents", of[c.Key("e1")])
	}
	for _, k := range []string{a.Key("e1"), a.Key("e2"), b.Key("e1"), b.Key("e2"), d.Key("e1")} {
		if of[k] == "" {
			t.Errorf("%s is in no incident", k)
		}
	}
	if len(of) != 5 {
		t.Errorf("IncidentsOf = %v, want the 5 events of a, b and d", of)
	}
	incs, total, err := s.Incidents(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 5 || len(incs) != 5 {
		t.Fatalf("Incidents: %d of %d, want 5 of 5", len(incs), total)
	}
	// newest first, undated last
	for i := 1; i < len(incs); i++ {
		if p, q := incs[i-1], incs[i]; p.Date.Start < q.Date.Start || p.Date.Start == q.Date.Start && p.ID < q.ID {
			t.Errorf("incident %d (%s %s) before %d (%s %s): want newest first, then by id", i-1, p.ID, p.Date.Start, i, q.ID, q.Date.Start)
		}
	}
	bomb := incidentOf(t, s, a.Key("e1"))
	if bomb.Type != sitrep.Bombing || len(bomb.Events) != 1 || bomb.Killed.Best == nil || *bomb.Killed.Best != 15 {
		t.Errorf("incident of a#e1 = %s %s, %d reports, killed %v; want the bombing, 1 report, 15 killed", bomb.ID, bomb.Type, len(bomb.Events), bomb.Killed.Best)
	}
	if bomb.Version == "" || bomb.Version != store.IncidentVersion(bomb.Incident) {
		t.Errorf("incident version %q, want the digest of what is shown, %q", bomb.Version, store.IncidentVersion(bomb.Incident))
	}
	if bomb.Requested != "" {
		t.Errorf("Requested = %q for an incident asked for by its own id", bomb.Requested)
	}
	if _, err := s.Incident(ctx, "inc-000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Incident(unknown) = %v, want ErrNotFound", err)
	}
	var rows []store.IncidentRow
	n, err := s.ScanIncidents(ctx, store.IncidentFilter{}, func(r store.IncidentRow) error { rows = append(rows, r); return nil })
	if err != nil || n != 5 || len(rows) != 5 {
		t.Fatalf("ScanIncidents: %d rows of %d, %v; want 5 of 5", len(rows), n, err)
	}
	for i, r := range rows {
		if want := store.IncidentRowOf(incs[i].Incident); r != want {
			t.Errorf("row %d = %+v, want %+v (the incident list's order and values)", i, r, want)
		}
	}
	evs, err := s.Events(ctx, store.EventFilter{DocID: a.ID()})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Version == "" || e.Version != store.EventVersion(e) {
			t.Errorf("event %s version %q, want %q", e.Key, e.Version, store.EventVersion(e))
		}
	}
	noProblems(t, s)
}

func testIncidentFilters(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b, d := docs[0], docs[1], docs[3]
	ctx := context.Background()
	inc := func(doc Doc, e string) string { return incidentOf(t, s, doc.Key(e)).ID }
	cases := []struct {
		name string
		f    store.IncidentFilter
		want []string
	}{
		{"type", store.IncidentFilter{Type: sitrep.Bombing}, []string{inc(a, "e1")}},
		{"town", store.IncidentFilter{Place: "quetta"}, []string{inc(a, "e1"), inc(a, "e2")}},
		{"province", store.IncidentFilter{Place: "Balochistan"}, []string{inc(a, "e1"), inc(a, "e2"), inc(b, "e1"), inc(b, "e2")}},
		{"country", store.IncidentFilter{Place: "FR"}, []string{inc(d, "e1")}},
		{"since", store.IncidentFilter{Since: "2025-09-03"}, []string{inc(a, "e2")}},
		{"until", store.IncidentFilter{Until: "2024-12-31"}, []string{inc(d, "e1")}},
		// the August disappearance spans the month: it reaches into a
		// period starting on the 20th; the undated attack matches no dates
		{"span", store.IncidentFilter{Since: "2025-08-20", Until: "2025-08-21"}, []string{inc(b, "e1")}},
		{"near", store.IncidentFilter{Near: &store.Near{Lat: 30.2, Lon: 67.0, KM: 10}}, []string{inc(a, "e1"), inc(a, "e2")}},
		{"actor id", store.IncidentFilter{Actor: "islamic-state"}, []string{inc(a, "e1")}},
		{"actor name", store.IncidentFilter{Actor: "Frontier"}, []string{inc(b, "e1")}},
		{"text", store.IncidentFilter{Text: "suicide bomber"}, []string{inc(a, "e1")}},
		{"text and type", store.IncidentFilter{Text: "Quetta", Type: sitrep.Arrest}, []string{inc(a, "e2")}},
		{"province and type", store.IncidentFilter{Place: "Balochistan", Type: sitrep.Arrest}, []string{inc(a, "e2")}},
		{"province and span", store.IncidentFilter{Place: "balochistan", Since: "2025-08-20", Until: "2025-08-21"}, []string{inc(b, "e1")}},
		{"province and actor", store.IncidentFilter{Place: "Balochistan", Actor: "Frontier"}, []string{inc(b, "e1")}},
		{"province and text", store.IncidentFilter{Place: "Balochistan", Text: "suicide bomber"}, []string{inc(a, "e1")}},
		{"country and dates", store.IncidentFilter{Place: "pk", Until: "2025-09-02"}, []string{inc(a, "e1"), inc(b, "e1")}},
		{"no match", store.IncidentFilter{Place: "Atlantis"}, nil},
		{"unknown word", store.IncidentFilter{Text: "zeppelin"}, nil},
	}
	for _, tc := range cases {
		incs, total, err := s.Incidents(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []string
		for _, i := range incs {
			got = append(got, i.ID)
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("%s: %v (total %d), want %v", tc.name, got, total, want)
		}
		// The map's counts are those of the same incidents' rows.
		if got, want := pointCounts(t, s, tc.f), rowPointCounts(t, s, tc.f); got != want {
			t.Errorf("%s: CountIncidentPoints = %s\nwant %s (counted from the incidents' rows)", tc.name, got, want)
		}
	}
	// Every incident once, at its place: Quetta holds the bombing and
	// the arrest; the undated attack has no coordinates.
	if got, want := pointCounts(t, s, store.IncidentFilter{}), "- armed_attack 1 0, 26,63.05 abduction 1 0, 30.18,67 arrest 1 0, 30.18,67 bombing 1 15, 48.8534,2.3488 protest 1 0"; got != want {
		t.Errorf("CountIncidentPoints() = %s\nwant %s", got, want)
	}
	if got, want := pointCounts(t, s, store.IncidentFilter{Type: sitrep.Arrest, Limit: 1}), "30.18,67 arrest 1 0"; got != want {
		t.Errorf("CountIncidentPoints(arrest) = %s, want %s", got, want)
	}
	// paging: the total stays, the page moves
	page, total, err := s.Incidents(ctx, store.IncidentFilter{Limit: 2, Offset: 1})
	all, _, _ := s.Incidents(ctx, store.IncidentFilter{})
	if err != nil || total != 5 || len(page) != 2 || page[0].ID != all[1].ID || page[1].ID != all[2].ID {
		t.Errorf("page 2 of 2: %d incidents of %d, %v", len(page), total, err)
	}
	// a place's pages
	province, _, _ := s.Incidents(ctx, store.IncidentFilter{Place: "Balochistan"})
	page, total, err = s.Incidents(ctx, store.IncidentFilter{Place: "Balochistan", Limit: 2, Offset: 1})
	if err != nil || total != 4 || len(page) != 2 || len(province) != 4 || page[0].ID != province[1].ID || page[1].ID != province[2].ID {
		t.Errorf("Balochistan, page 2 of 2: %d incidents of %d, %v", len(page), total, err)
	}
	// a circle's pages, over incidents at several points
	wide := &store.Near{Lat: 30.2, Lon: 67.0, KM: 700}
	near, total, err := s.Incidents(ctx, store.IncidentFilter{Near: wide})
	if err != nil || total != 3 || len(near) != 3 {
		t.Fatalf("near 700 km: %d incidents of %d, %v; want the 3 located in Pakistan", len(near), total, err)
	}
	for off := range 3 {
		page, total, err := s.Incidents(ctx, store.IncidentFilter{Near: wide, Limit: 1, Offset: off})
		if err != nil || total != 3 || len(page) != 1 || page[0].ID != near[off].ID {
			t.Errorf("near 700 km, page %d of 1: %d incidents of %d, %v; want %s of 3", off+1, len(page), total, err, near[off].ID)
		}
	}
	if page, _, err := s.Incidents(ctx, store.IncidentFilter{Near: wide, Type: sitrep.Arrest, Limit: 5}); err != nil || len(page) != 1 || page[0].ID != inc(a, "e2") {
		t.Errorf("near 700 km, arrests: %d incidents, %v; want %s", len(page), err, inc(a, "e2"))
	}
	n, err := s.ScanIncidents(ctx, store.IncidentFilter{Offset: 4}, func(store.IncidentRow) error { return nil })
	if err != nil || n != 5 {
		t.Errorf("ScanIncidents from offset 4: total %d, %v; want 5", n, err)
	}
	days := func(f store.IncidentFilter) string { return dayCounts(t, s, f) }
	if got, want := days(store.IncidentFilter{}), " armed_attack 1 0, 2024-05-01 protest 1 0, 2025-08-01 abduction 1 0, 2025-09-02 bombing 1 15, 2025-09-03 arrest 1 0"; got != want {
		t.Errorf("CountIncidentDays() = %s\nwant %s (the undated attack first)", got, want)
	}
	if got, want := days(store.IncidentFilter{Place: "Quetta", Limit: 1}), "2025-09-02 bombing 1 15, 2025-09-03 arrest 1 0"; got != want {
		t.Errorf("CountIncidentDays(Quetta) = %s, want %s", got, want)
	}
	if got, want := days(store.IncidentFilter{Place: "pk", Type: sitrep.Bombing}), "2025-09-02 bombing 1 15"; got != want {
		t.Errorf("CountIncidentDays(pk, bombing) = %s, want %s", got, want)
	}
}

// testMapCounts follows an incident placed only at a province's centre
// into the map's counts, under the province's key, and out of them when
// its report is rejected.
func testMapCounts(t *testing.T, s store.ViewStore) {
	Load(t, s)
	ctx := context.Background()
	doc := ProvinceDoc()
	if err := s.PutBatch(ctx, []store.Item{doc.Item()}); err != nil {
		t.Fatal(err)
	}
	filters := []store.IncidentFilter{{}, {Place: "balochistan"}, {Place: "PK", Type: sitrep.Protest}, {Since: "2025-09-05"}}
	for _, f := range filters {
		if got, want := pointCounts(t, s, f), rowPointCounts(t, s, f); got != want || !strings.Contains(got, "~28.5,65.5 protest 1 0") {
			t.Errorf("CountIncidentPoints(%+v) = %s\nwant %s, with the protest at the province's centre", f, got, want)
		}
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: doc.Key("e1"), Status: store.EditReject, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range filters {
		if got, want := pointCounts(t, s, f), rowPointCounts(t, s, f); got != want || strings.Contains(got, "28.5") {
			t.Errorf("CountIncidentPoints(%+v) after the rejection = %s\nwant %s, without the protest", f, got, want)
		}
	}
	noProblems(t, s)
}

// pointCounts is what CountIncidentPoints counts for f, as text sorted:
// "lat,lon type incidents killed", "~" before a province's or country's
// centre, "-" for no coordinates.
func pointCounts(t *testing.T, s store.ViewStore, f store.IncidentFilter) string {
	t.Helper()
	var cs []store.PointCount
	if err := s.CountIncidentPoints(context.Background(), f, func(c store.PointCount) error {
		cs = append(cs, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return pointText(cs)
}

// rowPointCounts is pointCounts from the incidents' rows.
func rowPointCounts(t *testing.T, s store.ViewStore, f store.IncidentFilter) string {
	t.Helper()
	var c store.PointCounter
	f.Limit, f.Offset = 0, 0
	if _, err := s.ScanIncidents(context.Background(), f, func(r store.IncidentRow) error { c.Add(r); return nil }); err != nil {
		t.Fatal(err)
	}
	return pointText(c.Counts())
}

func pointText(cs []store.PointCount) string {
	var out []string
	for _, c := range cs {
		at := "-"
		if c.Located {
			at = fmt.Sprintf("%g,%g", c.Lat, c.Lon)
		}
		if c.Approximate {
			at = "~" + at
		}
		out = append(out, fmt.Sprintf("%s %s %d %d", at, c.Type, c.Incidents, c.Killed))
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

// dayCounts is what CountIncidentDays counts for f, as text.
func dayCounts(t *testing.T, s store.ViewStore, f store.IncidentFilter) string {
	t.Helper()
	var out []string
	if err := s.CountIncidentDays(context.Background(), f, func(d store.DayCount) error {
		out = append(out, fmt.Sprintf("%s %s %d %d", d.Day, d.Type, d.Incidents, d.Killed))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, ", ")
}

// followUp is a second outlet's report of a's bombing, a day later, with
// a higher toll.
func followUp() Doc {
	text := "Funerals were held in Quetta for the victims of Tuesday's suicide bombing at a rally, which killed 20 people, hospital officials said."
	doc := Doc{Name: "e", Text: text, Raw: []byte(text),
		Meta: store.Original{Source: "/corpus/follow-up.txt", CapturedAt: captured.Add(4 * time.Hour), Outlet: "Balochistan Post", Published: "2025-09-04", Title: "Funerals in Quetta"}}
	doc.Result = sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{{
		ID: "e1", Type: sitrep.Bombing, Suicide: true, Modality: sitrep.Asserted,
		Date:         &sitrep.Date{Start: "2025-09-02", End: "2025-09-02", Precision: sitrep.PrecisionDay, Text: "Tuesday"},
		Place:        quetta(),
		Perpetrators: []sitrep.ActorRef{ref("islamic-state", "Islamic State militants")},
		Killed:       count(20, "killed 20 people"),
		Evidence:     span(text, text),
	}}}
	return doc
}

func testFollowUpJoins(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a := docs[0]
	before := incidentOf(t, s, a.Key("e1"))
	e := followUp()
	if err := s.PutBatch(context.Background(), []store.Item{e.Item()}); err != nil {
		t.Fatal(err)
	}
	after := incidentOf(t, s, e.Key("e1"))
	if after.ID != before.ID {
		t.Fatalf("the follow-up opened %s; want it in a's incident %s", after.ID, before.ID)
	}
	if got := reportKeys(after); !slices.Equal(got, []string{a.Key("e1"), e.Key("e1")}) && !slices.Equal(got, []string{e.Key("e1"), a.Key("e1")}) {
		t.Errorf("reports %v", got)
	}
	if after.Killed.Low == nil || *after.Killed.Low != 15 || *after.Killed.High != 20 {
		t.Errorf("killed %+v, want 15 to 20", after.Killed)
	}
	joined := false
	for _, r := range after.Events {
		if r.Key == e.Key("e1") && r.Score > 0 && len(r.Reasons) > 0 {
			joined = true
		}
	}
	if !joined {
		t.Errorf("the follow-up carries no score and reasons for joining: %+v", after.Events)
	}
	if after.Version == before.Version {
		t.Error("the incident's version did not change when a report joined it")
	}
	noProblems(t, s)
}

func testEditReachesIncident(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a := docs[0]
	ctx := context.Background()
	before := incidentOf(t, s, a.Key("e1"))
	d0, err := s.Event(ctx, a.Key("e1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "26", Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	after := incidentOf(t, s, a.Key("e1"))
	if after.ID != before.ID || after.Killed.Best == nil || *after.Killed.Best != 26 {
		t.Errorf("after the edit the incident is %s killing %v; want %s killing 26", after.ID, after.Killed.Best, before.ID)
	}
	if after.Version == before.Version {
		t.Error("the incident's version did not change with its figures")
	}
	d1, err := s.Event(ctx, a.Key("e1"))
	if err != nil {
		t.Fatal(err)
	}
	if d1.Event.Version == d0.Event.Version {
		t.Error("the event's version did not change with an edit")
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e2"), Status: store.EditReject, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if of, _ := s.IncidentsOf(ctx, []string{a.Key("e2")}); len(of) != 0 {
		t.Errorf("a rejected event is still in incident %v", of)
	}
	if _, total, _ := s.Incidents(ctx, store.IncidentFilter{}); total != 4 {
		t.Errorf("%d incidents after rejecting the only report of one, want 4", total)
	}
	// The timeline's counts follow the edit and the rejection.
	if got, want := dayCounts(t, s, store.IncidentFilter{Place: "Quetta"}), "2025-09-02 bombing 1 26"; got != want {
		t.Errorf("CountIncidentDays(Quetta) after the edits = %s, want %s", got, want)
	}
	// So do the map's.
	if got, want := pointCounts(t, s, store.IncidentFilter{}), rowPointCounts(t, s, store.IncidentFilter{}); got != want || !strings.Contains(got, "bombing 1 26") {
		t.Errorf("CountIncidentPoints() after the edits = %s\nwant %s, the bombing with 26 killed", got, want)
	}
	noProblems(t, s)
}

func testMergeSplit(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	ctx := context.Background()
	ia, ib := incidentOf(t, s, a.Key("e2")), incidentOf(t, s, b.Key("e2"))
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e2"), b.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	merged := incidentOf(t, s, b.Key("e2"))
	if merged.ID != ia.ID || len(merged.Events) != 2 {
		t.Fatalf("after the merge b#e2 is in %s with %d reports; want the first key's incident %s with 2", merged.ID, len(merged.Events), ia.ID)
	}
	// the absorbed id still shows, as the incident it went into
	gone, err := s.Incident(ctx, ib.ID)
	if err != nil || gone.ID != ia.ID || gone.Requested != ib.ID {
		t.Errorf("Incident(%s) after the merge = %s (requested %q), %v; want %s", ib.ID, gone.ID, gone.Requested, err, ia.ID)
	}
	if _, total, _ := s.Incidents(ctx, store.IncidentFilter{}); total != 4 {
		t.Errorf("%d incidents after merging two, want 4", total)
	}
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{b.Key("e2")}, Apart: []string{a.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	apart := incidentOf(t, s, b.Key("e2"))
	if apart.ID == ia.ID || len(apart.Events) != 1 {
		t.Errorf("after the split b#e2 is in %s with %d reports; want an incident of its own", apart.ID, len(apart.Events))
	}
	if kept := incidentOf(t, s, a.Key("e2")); kept.ID != ia.ID || len(kept.Events) != 1 {
		t.Errorf("after the split a#e2 is in %s with %d reports; want %s alone", kept.ID, len(kept.Events), ia.ID)
	}
	if !strings.Contains(strings.Join(apart.Reasons, "\n"), "user decision") {
		t.Errorf("the split-off incident does not say why: %v", apart.Reasons)
	}
	noProblems(t, s)
}

func testViewsReextraction(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	ctx := context.Background()
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e2"), b.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	before := incidentOf(t, s, a.Key("e1"))
	merged := incidentOf(t, s, a.Key("e2"))
	d0, err := s.Derived(ctx, a.ID())
	if err != nil {
		t.Fatal(err)
	}
	r := a.Result
	r.Events = slices.Clone(r.Events)
	r.Events[0].Killed = count(16, "killing 16 people")
	if err := s.ReplaceDerived(ctx, a.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	after := incidentOf(t, s, a.Key("e1"))
	if after.ID != before.ID || *after.Killed.Best != 16 {
		t.Errorf("re-extracted: incident %s killing %v; want the same id %s killing 16", after.ID, *after.Killed.Best, before.ID)
	}
	if again := incidentOf(t, s, a.Key("e2")); again.ID != merged.ID || len(again.Events) != 2 {
		t.Errorf("the user's merge did not survive re-extraction: %s with %d reports", again.ID, len(again.Events))
	}
	// the replaced result stays readable by its hash, for replaying the log
	old, err := s.Result(ctx, a.ID(), d0.ResultHash)
	if err != nil || len(old.Events) != 2 || *old.Events[0].Killed.Best != 15 {
		t.Errorf("Result(replaced) = %v, %v", old.Events, err)
	}
	if _, err := s.Result(ctx, a.ID(), "sha256:"+strings.Repeat("0", 64)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Result(unknown hash) = %v, want ErrNotFound", err)
	}
	noProblems(t, s)
}

func testNearCopies(t *testing.T, s store.ViewStore) {
	ctx := context.Background()
	body := strings.Repeat("Security forces said the operation against militants in the district continued for a third day, with curfews imposed on four villages. ", 4)
	var items []store.Item
	for i, head := range []string{"By a staff reporter\n", "WIRE - \n", "Another story entirely: protesters marched through the capital demanding the release of detained students, and police used tear gas to disperse them. The march was the largest in a decade."} {
		text := head
		if i < 2 {
			text += body
		}
		raw := []byte(fmt.Sprintf("%s\n%d", text, i))
		items = append(items, store.Item{Original: store.Original{Source: fmt.Sprintf("copy-%d", i), CapturedAt: captured, Published: "2025-06-01"}, Raw: raw,
			Document: &store.Document{Text: text, Published: "2025-06-01"}, Signature: ingest.Sign(text),
			Result: &sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{{ID: "e1", Type: sitrep.ArmedAttack, Modality: sitrep.Asserted,
				Date: &sitrep.Date{Start: "2025-05-30", End: "2025-05-30", Precision: sitrep.PrecisionDay}}}}, ExtractorVersion: "test-1"})
	}
	if err := s.PutBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	first := store.HashBytes(items[0].Raw)
	if items[0].CopyOf != "" || items[1].CopyOf != first || items[1].Similarity < ingest.DupThreshold || items[2].CopyOf != "" {
		t.Fatalf("CopyOf = %q, %q (%.2f), %q; want only the second a copy of the first", items[0].CopyOf, items[1].CopyOf, items[1].Similarity, items[2].CopyOf)
	}
	second := store.HashBytes(items[1].Raw)
	ls, err := s.Links(ctx, second)
	if err != nil || len(ls) != 1 || ls[0].CopyOf != first || ls[0].Method != "minhash" {
		t.Errorf("links of the copy: %+v, %v", ls, err)
	}
	of, err := s.IncidentsOf(ctx, []string{store.Key(first, "e1"), store.Key(second, "e1")})
	if err != nil || of[store.Key(first, "e1")] == "" || of[store.Key(second, "e1")] != "" {
		t.Errorf("IncidentsOf = %v, %v; want the original in an incident and the copy in none", of, err)
	}
	// a later batch finds copies of stored documents too
	raw := []byte(body + "\nreprinted")
	later := []store.Item{{Original: store.Original{Source: "copy-3", CapturedAt: captured}, Raw: raw,
		Document: &store.Document{Text: body}, Signature: ingest.Sign(body)}}
	if err := s.PutBatch(ctx, later); err != nil {
		t.Fatal(err)
	}
	if later[0].CopyOf != first {
		t.Errorf("a later reprint: CopyOf %q, want %q", later[0].CopyOf, first)
	}
	noProblems(t, s)
}

func testViewsFraming(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	ctx := context.Background()
	want := consolidate.FramingCount{FramingKey: consolidate.FramingKey{Source: docs[1].Meta.Outlet, ActorID: "baloch-liberation-army", Label: "fighters"}, Documents: 1, Uses: 1}
	got, err := s.Framing(ctx, "baloch-liberation-army")
	if err != nil || len(got) != 1 || got[0] != want {
		t.Errorf("Framing(baloch-liberation-army) = %+v, %v; want %+v", got, err, want)
	}
	all, err := s.Framing(ctx, "")
	if err != nil || !slices.Contains(all, want) {
		t.Errorf("Framing() = %+v, %v; want it to hold %+v", all, err, want)
	}
	if none, err := s.Framing(ctx, "nobody"); err != nil || len(none) != 0 {
		t.Errorf("Framing(nobody) = %+v, %v", none, err)
	}
}

func testViewsRebuild(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	ctx := context.Background()
	e := followUp()
	if err := s.PutBatch(ctx, []store.Item{e.Item()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e2"), b.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "26", Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	rows := func() []store.ViewRecord {
		var out []store.ViewRecord
		if err := s.ScanViews(ctx, func(r store.ViewRecord) error { out = append(out, r); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := rows()
	if len(before) == 0 {
		t.Fatal("ScanViews gives no rows")
	}
	var progress [][2]int64
	if err := s.RebuildViews(ctx, func(done, total int64) { progress = append(progress, [2]int64{done, total}) }); err != nil {
		t.Fatal(err)
	}
	after := rows()
	bj, _ := json.Marshal(before)
	aj, _ := json.Marshal(after)
	if string(bj) != string(aj) {
		t.Errorf("rebuilt views differ:\nbefore %s\nafter  %s", bj, aj)
	}
	if n := len(progress); n == 0 || progress[n-1][0] != progress[n-1][1] {
		t.Errorf("progress %v, want it to end with done = total", progress)
	}
	if st, err := s.ViewsState(ctx); err != nil || !st.Current {
		t.Errorf("ViewsState after a rebuild = %+v, %v", st, err)
	}
	noProblems(t, s)
	// and they are still maintained afterwards
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{b.Key("e2")}, Apart: []string{a.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if inc := incidentOf(t, s, b.Key("e2")); len(inc.Events) != 1 {
		t.Errorf("split after a rebuild: %d reports", len(inc.Events))
	}
	noProblems(t, s)
}

func testClaimEdges(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	ctx := context.Background()
	edges := func(actors ...string) []store.ClaimEdge {
		var out []store.ClaimEdge
		if err := s.ClaimEdges(ctx, actors, 0, func(e store.ClaimEdge) error { out = append(out, e); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := []store.ClaimEdge{
		{Subject: "islamic-state", Object: "balochistan-national-party", Relation: sitrep.ClaimsResponsibility, Claims: 1, Documents: 1,
			FirstSeen: "2025-09-03", LastSeen: "2025-09-03", Speakers: []store.EdgeSpeaker{{ID: "islamic-state", Claims: 1, Documents: 1}}},
		{Subject: "pakistan-army", Object: "islamic-state", Relation: sitrep.Supports, Claims: 1, Documents: 1,
			FirstSeen: "2025-09-01", LastSeen: "2025-09-01", Speakers: []store.EdgeSpeaker{{ID: "coastal-families-forum", Claims: 1, Documents: 1}}},
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if got := edges(); js(got) != js(want) {
		t.Errorf("ClaimEdges() = %s\nwant %s", js(got), js(want))
	}
	if got := edges("islamic-state"); len(got) != 2 {
		t.Errorf("edges of islamic-state (subject of one, object of the other): %s", js(got))
	}
	if got := edges("coastal-families-forum"); len(got) != 1 || got[0].Relation != sitrep.Supports {
		t.Errorf("edges the forum alleges: %s", js(got))
	}
	if got := edges("nobody"); len(got) != 0 {
		t.Errorf("edges of nobody: %s", js(got))
	}
	var top []store.ClaimEdge
	if err := s.ClaimEdges(ctx, nil, 1, func(e store.ClaimEdge) error { top = append(top, e); return nil }); err != nil || len(top) != 1 || top[0].Subject != "islamic-state" {
		t.Errorf("the one edge of most claims (a tie, broken by key): %s, %v", js(top), err)
	}
	// A second report of the same allegation by another speaker, then b
	// read again without its claim: the sums follow.
	e := followUp()
	e.Result.Claims = []sitrep.Claim{{ID: "c1", Speaker: ref("rights-group", "a rights group"), Cue: "said", Kind: sitrep.Indirect,
		Text: "the army backs Daesh", Relation: &sitrep.Relation{Type: sitrep.Supports, Subject: ref("pakistan-army", "the army"), Object: ref("islamic-state", "Daesh")}}}
	if err := s.PutBatch(ctx, []store.Item{e.Item()}); err != nil {
		t.Fatal(err)
	}
	got := edges("pakistan-army")
	if len(got) != 1 || got[0].Claims != 2 || got[0].Documents != 2 || got[0].FirstSeen != "2025-09-01" || got[0].LastSeen != "2025-09-04" || len(got[0].Speakers) != 2 {
		t.Errorf("after a second report: %s", js(got))
	}
	r := b.Result
	r.Claims = nil
	if err := s.ReplaceDerived(ctx, b.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	got = edges("pakistan-army")
	if len(got) != 1 || got[0].Claims != 1 || got[0].FirstSeen != "2025-09-04" || len(got[0].Speakers) != 1 || got[0].Speakers[0].ID != "rights-group" {
		t.Errorf("after b lost its claim: %s", js(got))
	}
	r = a.Result
	r.Claims = nil
	if err := s.ReplaceDerived(ctx, a.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	if got := edges("islamic-state"); len(got) != 1 || got[0].Subject != "pakistan-army" {
		t.Errorf("after a lost its claim, its edge stays: %s", js(got))
	}
	noProblems(t, s)
}
