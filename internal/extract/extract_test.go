package extract

import (
	"strings"
	"sync"
	"testing"

	"sitrep"
)

var (
	testX    *Extractor
	testOnce sync.Once
)

func extractor(t testing.TB) *Extractor {
	testOnce.Do(func() {
		x, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		testX = x
	})
	return testX
}

func run(t *testing.T, published, body string) *sitrep.Result {
	t.Helper()
	return extractor(t).Extract(sitrep.Document{Text: body, Published: published})
}

func best(c *sitrep.Count) int {
	if c == nil || c.Best == nil {
		return -1
	}
	return *c.Best
}

func names(rs []sitrep.ActorRef) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return strings.Join(out, "; ")
}

// The sentences below are written for these tests; they describe no real
// incident.

func TestBombingWithFigures(t *testing.T) {
	r := run(t, "2024-05-06",
		"A suicide bomber blew himself up at a crowded market in Peshawar on 3 May, killing 12 people and wounding 30 others.\n"+
			"Police said the blast also damaged several shops.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d: %+v", len(r.Events), r.Events)
	}
	e := r.Events[0]
	if e.Type != sitrep.Bombing || !e.Suicide {
		t.Errorf("type %s suicide %v", e.Type, e.Suicide)
	}
	if e.Date == nil || e.Date.Start != "2024-05-03" {
		t.Errorf("date %+v", e.Date)
	}
	if e.Place == nil || e.Place.Name != "Peshawar" || e.Place.Lat == nil {
		t.Errorf("place %+v", e.Place)
	}
	if best(e.Killed) != 12 || best(e.Injured) != 30 {
		t.Errorf("killed %d injured %d", best(e.Killed), best(e.Injured))
	}
	if len(e.Evidence) != 2 {
		t.Errorf("the second sentence is evidence of the same blast: %d spans", len(e.Evidence))
	}
}

func TestClaimOfResponsibilityAttachesToIncident(t *testing.T) {
	r := run(t, "2023-02-10",
		"Gunmen opened fire on a police checkpoint in Quetta on Thursday, killing three policemen. "+
			"The Tehreek-e-Taliban Pakistan claimed responsibility for the attack.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d", len(r.Events))
	}
	e := r.Events[0]
	if e.Type != sitrep.ArmedAttack || best(e.Killed) != 3 {
		t.Errorf("type %s killed %d", e.Type, best(e.Killed))
	}
	if e.Date == nil || e.Date.Start != "2023-02-09" {
		t.Errorf("date %+v", e.Date)
	}
	if !strings.Contains(names(e.ClaimedBy), "Taliban") || !strings.Contains(names(e.Perpetrators), "Taliban") {
		t.Errorf("claimed_by %q perpetrators %q", names(e.ClaimedBy), names(e.Perpetrators))
	}
	if !strings.Contains(names(e.Targets), "police checkpoint") {
		t.Errorf("targets %q", names(e.Targets))
	}
}

func TestAbductionFiguresAddUpAndAllegationKeepsSpeaker(t *testing.T) {
	r := run(t, "2022-11-20",
		"The rights group alleged that 20 men and 5 boys were abducted by paramilitary soldiers in Turbat on Friday.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d", len(r.Events))
	}
	e := r.Events[0]
	if e.Type != sitrep.Abduction || best(e.Victims) != 25 {
		t.Errorf("type %s victims %d", e.Type, best(e.Victims))
	}
	if e.Modality != sitrep.Alleged || e.ReportedBy == nil {
		t.Errorf("modality %s reported_by %+v", e.Modality, e.ReportedBy)
	}
	if len(r.Claims) == 0 || r.Claims[0].Cue != "alleged" {
		t.Errorf("claims %+v", r.Claims)
	}
}

func TestGenericStatementsAreNotIncidents(t *testing.T) {
	r := run(t, "2021-01-01",
		"Activists say enforced disappearances and targeted killings continue every year in the province.\n"+
			"Students gathered to protest against the decision.\n"+
			"Such attacks are often blamed on armed groups.")
	if len(r.Events) != 0 {
		t.Fatalf("want no incident, got %+v", r.Events)
	}
}

func TestPlannedVisit(t *testing.T) {
	r := run(t, "2026-03-02",
		"The foreign minister will visit Kabul from March 10 to 12, officials said.")
	if len(r.Events) != 1 {
		t.Fatalf("want the visit, got %+v", r.Events)
	}
	e := r.Events[0]
	if e.Type != sitrep.Visit || e.Modality != sitrep.Planned {
		t.Errorf("type %s modality %s", e.Type, e.Modality)
	}
	if e.Date == nil || e.Date.Start != "2026-03-10" || e.Date.End != "2026-03-12" {
		t.Errorf("date %+v", e.Date)
	}
	if e.Place == nil || e.Place.Name != "Kabul" {
		t.Errorf("place %+v", e.Place)
	}
}

func TestSeparateIncidentsByDate(t *testing.T) {
	r := run(t, "2019-06-30",
		"A roadside bomb killed two soldiers near Khuzdar on 28 June. "+
			"In April, a similar blast in Panjgur had killed five people.")
	if len(r.Events) != 2 {
		t.Fatalf("want two incidents, got %d: %+v", len(r.Events), r.Events)
	}
	if best(r.Events[0].Killed) != 2 || best(r.Events[1].Killed) != 5 {
		t.Errorf("killed %d and %d", best(r.Events[0].Killed), best(r.Events[1].Killed))
	}
	if r.Events[1].Date == nil || r.Events[1].Date.Start[:7] != "2019-04" || r.Events[1].Date.Precision != sitrep.PrecisionMonth {
		t.Errorf("background incident date %+v", r.Events[1].Date)
	}
}

func TestSpeakerThroughPronounAndRelation(t *testing.T) {
	r := run(t, "2024-01-15",
		"Amina Qureshi, head of the Coastal Rights Forum, spoke in Karachi on Sunday.\n"+
			"“The militia operates freely because it is backed by the army,” she said.\n"+
			"She urged the United Nations to send investigators.")
	var supports, demands bool
	for _, c := range r.Claims {
		if !strings.Contains(c.Speaker.Name, "Amina Qureshi") {
			t.Errorf("claim speaker %q, want Amina Qureshi", c.Speaker.Name)
		}
		if c.Relation == nil {
			continue
		}
		switch c.Relation.Type {
		case sitrep.Supports:
			supports = strings.Contains(strings.ToLower(c.Relation.Subject.Name), "army") && strings.Contains(strings.ToLower(c.Relation.Object.Name), "militia")
		case sitrep.Demands:
			demands = strings.Contains(c.Relation.Object.Name, "United Nations")
		}
	}
	if !supports || !demands {
		t.Errorf("relations supports=%v demands=%v in %+v", supports, demands, r.Claims)
	}
}

// A country acting ("the United States stands with…") is a party to a
// relation; a group named as a person's role ("a militia leader") is not:
// the person is.
func TestCountryAsActorAndRoleAppositive(t *testing.T) {
	r := run(t, "2024-03-02",
		"“The United States stands firmly with Kenya against violent groups like al-Shabaab,” the US Embassy in Nairobi said.\n"+
			"A rights group said it had evidence of links to Omar Khan, a pro-state militia leader allegedly operating armed squads with the backing of the Kenyan army.")
	want := map[string]bool{
		"condemns|United States|al-Shabaab": false,
		"supports|Kenyan army|Omar Khan":    false,
	}
	for _, c := range r.Claims {
		if c.Relation == nil {
			continue
		}
		k := string(c.Relation.Type) + "|" + c.Relation.Subject.Name + "|" + c.Relation.Object.Name
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("relation %s not found in %+v", k, r.Claims)
		}
	}
}

// "accused X of backing Y": the accused country is the subject, named as
// the country and not as the phrase up to the verb ("Somalia of").
func TestAccusedCountryOfSupporting(t *testing.T) {
	r := run(t, "2024-06-11",
		"The Kenyan government accused Somalia of sheltering al-Shabaab, a charge Somalia denied.")
	found := false
	for _, c := range r.Claims {
		if c.Relation == nil {
			continue
		}
		if strings.HasSuffix(c.Relation.Subject.Name, " of") || strings.HasSuffix(c.Relation.Object.Name, " of") {
			t.Errorf("relation end ends in a preposition: %+v", c.Relation)
		}
		found = found || c.Relation.Type == sitrep.Supports && c.Relation.Subject.Name == "Somalia" && c.Relation.Object.Name == "al-Shabaab"
	}
	if !found {
		t.Errorf("supports|Somalia|al-Shabaab not found in %+v", r.Claims)
	}
}

func TestAllCapsWireCopy(t *testing.T) {
	r := run(t, "1990-03-14",
		"LIMA, 14 MAR 90 -- A CAR BOMB EXPLODED YESTERDAY OUTSIDE A BANK IN LIMA, KILLING FOUR PEOPLE AND WOUNDING NINE, POLICE SAID.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %+v", r.Events)
	}
	e := r.Events[0]
	if e.Type != sitrep.Bombing || best(e.Killed) != 4 || best(e.Injured) != 9 {
		t.Errorf("type %s killed %d injured %d", e.Type, best(e.Killed), best(e.Injured))
	}
	if e.Date == nil || e.Date.Start != "1990-03-13" {
		t.Errorf("date %+v", e.Date)
	}
}

func TestEvidenceOffsetsPointAtText(t *testing.T) {
	body := "Préambule — “Quotes” and accents first. Gunmen shot dead a shopkeeper in Quetta on Monday."
	r := run(t, "2025-01-08", body)
	for _, e := range r.Events {
		for _, sp := range e.Evidence {
			if body[sp.Start:sp.End] != sp.Text {
				t.Errorf("span %d-%d does not cover its text", sp.Start, sp.End)
			}
		}
	}
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d", len(r.Events))
	}
}

func TestEmptyDocument(t *testing.T) {
	r := run(t, "", "")
	if r.Schema != sitrep.Schema || len(r.Events) != 0 || r.Events == nil || r.Claims == nil {
		t.Errorf("empty document: %+v", r)
	}
}

func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	body := strings.Repeat("Gunmen opened fire on a police checkpoint in Quetta on Thursday, killing three policemen. "+
		"The group claimed responsibility for the attack, a spokesman said. ", 15)
	doc := sitrep.Document{Text: body, Published: "2024-02-02"}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x.Extract(doc)
	}
}

// A toll given as "rose to N" belongs to the killed figure.
func TestTollRoseTo(t *testing.T) {
	r := run(t, "2024-05-07", "The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 15, hospital officials said on Tuesday.")
	if len(r.Events) != 1 || best(r.Events[0].Killed) != 15 {
		t.Fatalf("events %+v", r.Events)
	}
}

func TestOrganisationOfBranches(t *testing.T) {
	x := extractor(t)
	for id, want := range map[string]string{
		"islamic-state-pakistan": "islamic-state", // a branch carrying its parent's name
		"islamic-state":          "islamic-state",
		"al-shabaab":             "al-shabaab", // an affiliate under its own name
		"no-such-actor":          "no-such-actor",
	} {
		if got := x.Organisation(id); got != want {
			t.Errorf("Organisation(%s) = %s, want %s", id, got, want)
		}
	}
}

// TestStateBodiesAreTheirCountrysGovernment: a legislature or mission the
// knowledge base lacks ("Pakistan High Commission", "US Congress") stays
// an actor of its own, typed as a government body of the country its name
// opens with; a demonym with "Congress" may be a party and is left alone.
func TestStateBodiesAreTheirCountrysGovernment(t *testing.T) {
	r := run(t, "2025-05-01", "Protesters attacked the Pakistan High Commission in London on Sunday, officials said.\n"+
		"The US Congress condemned the attack. The Nepali Congress also condemned it. The Indian Embassy said it was shocked.")
	want := map[string]string{"Pakistan High Commission": "PK", "US Congress": "US", "Indian Embassy": "IN", "Nepali Congress": ""}
	for _, a := range r.Actors {
		cc, ok := want[a.Name]
		if !ok {
			continue
		}
		delete(want, a.Name)
		if a.Country != cc || cc != "" && a.Type != sitrep.Government {
			t.Errorf("%s: type %s country %q, want a government body of %q", a.Name, a.Type, a.Country, cc)
		}
	}
	for name := range want {
		t.Errorf("%s: no actor", name)
	}
}
