package consolidate

import (
	"fmt"
	"testing"

	"sitrep"
)

// runInOrder places the filler stream (by publication, for word rarity)
// and then docs in the order given, as `sitrep ingest` reads a file that
// is not sorted by publication.
func runInOrder(t *testing.T, docs []handDoc) (x *Index, pred map[string]string) {
	t.Helper()
	filler := fillerDocs(400, 1)
	slicesSortStableByPub(filler)
	x = NewIndex()
	pred = map[string]string{}
	for _, d := range append(filler, docs...) {
		var evs []sitrep.Event
		for i, e := range d.events {
			if e.typ != "" {
				evs = append(evs, e.event(i, d.pub))
			}
		}
		for _, a := range x.AddDoc(Doc{ID: d.id, Published: d.pub, Outlet: d.outlet, Text: d.text(), Dateline: Dateline(d.text())}, evs) {
			pred[a.Key] = a.Incident
		}
	}
	for k := range pred {
		pred[k], _ = x.IncidentOf(k)
	}
	return x, pred
}

// TestLaterDaysDoNotMakeSecondAct: a market bombing on Monday, and
// reports of the mourning two days later that the extractor dates by the
// day of the funeral. Read with the later reports first (a file not
// sorted by publication), these form an incident of their own before the
// Monday reports arrive; reports giving the funeral's day do not make it
// a second act, so the two become one, in either order.
func TestLaterDaysDoNotMakeSecondAct(t *testing.T) {
	market := func(id, pub, outlet, date, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: date, dateText: dateText, place: "danit",
			targets: []string{"grain-market|grain market"}, killed: "7", text: text}}}
	}
	docs := []handDoc{
		market("ld-1", "2024-06-10", "Varesh Daily", "2024-06-10", "Monday", "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders."),
		market("ld-2", "2024-06-11", "Tarsen Times", "2024-06-10", "Monday", "Seven traders died when a flour sack packed with explosives blew up in the Danit grain market on Monday."),
		market("ld-3", "2024-06-11", "Molvar Herald", "2024-06-10", "Monday", "The flour sack bomb that ripped through the grain market of Danit on Monday killed seven traders, police said."),
		market("ld-4", "2024-06-12", "Radio Qesh", "", "", "The flour sack bomb that killed seven traders at the Danit grain market was packed with nails, police said."),
		market("ld-5", "2024-06-13", "Frontier Wire", "2024-06-12", "Wednesday", "Traders of the Danit grain market, where the flour sack bomb killed seven, kept their shops shut on Wednesday."),
		market("ld-6", "2024-06-13", "Varesh Daily", "2024-06-12", "Wednesday", "Mourners buried the seven traders killed by the flour sack bomb at the Danit grain market on Wednesday."),
	}
	reversed := make([]handDoc, len(docs))
	for i, d := range docs {
		reversed[len(docs)-1-i] = d
	}
	for name, order := range map[string][]handDoc{"publication": docs, "reversed": reversed} {
		x, pred := runInOrder(t, order)
		for _, d := range docs[1:] {
			if k := d.id + "#E1"; pred[k] != pred["ld-1#E1"] {
				inc, _ := x.Incident(pred[k])
				t.Errorf("%s order: %s in %s, not with the Monday report in %s: %q", name, k, pred[k], pred["ld-1#E1"], inc.Reasons)
			}
		}
	}
}

// TestSecondActStillApart: an attack on a market on Monday and another
// on the same market on Thursday, each told by three reports giving its
// own day in the same words, stay two incidents when the later one's
// reports are read first. (By publication the Thursday reports join
// Monday's as a named report of the following days: a known limit.)
func TestSecondActStillApart(t *testing.T) {
	market := func(id, pub, outlet, gold, date, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: gold, typ: sitrep.Bombing, date: date, dateText: dateText, place: "danit",
			targets: []string{"grain-market|grain market"}, text: text}}}
	}
	docs := []handDoc{
		market("sa-1", "2024-06-10", "Varesh Daily", "A", "2024-06-10", "Monday", "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders."),
		market("sa-2", "2024-06-11", "Tarsen Times", "A", "2024-06-10", "Monday", "Seven traders died when a flour sack packed with explosives blew up in the Danit grain market on Monday."),
		market("sa-3", "2024-06-11", "Molvar Herald", "A", "2024-06-10", "Monday", "The flour sack bomb that ripped through the grain market of Danit on Monday killed seven traders, police said."),
		market("sa-4", "2024-06-13", "Radio Qesh", "B", "2024-06-13", "Thursday", "A second flour sack bomb tore through the grain market in Danit on Thursday, killing three traders."),
		market("sa-5", "2024-06-14", "Frontier Wire", "B", "2024-06-13", "Thursday", "Three traders died when a flour sack packed with explosives blew up in the Danit grain market again on Thursday."),
		market("sa-6", "2024-06-14", "Varesh Daily", "B", "2024-06-13", "Thursday", "The flour sack bomb that ripped through the grain market of Danit on Thursday killed three traders, police said."),
	}
	reversed := make([]handDoc, len(docs))
	for i, d := range docs {
		reversed[len(docs)-1-i] = d
	}
	_, pred := runInOrder(t, reversed)
	if pred["sa-1#E1"] == pred["sa-4#E1"] {
		t.Errorf("the bombings of Monday and Thursday became one incident")
	}
}

// TestMisdatedReportDoesNotVetoNextDay: one report of a bombing told by
// several as Monday's dates it Sunday. A report of the bombing on
// Tuesday, the day after the day the reports agree on, joins: the
// misdated report, two days from it, does not keep it out. A report of a
// bombing on Thursday stays apart.
func TestMisdatedReportDoesNotVetoNextDay(t *testing.T) {
	post := func(id, pub, outlet, gold, date, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: gold, typ: sitrep.Bombing, date: date, dateText: dateText, place: "korab",
			targets: []string{"police-station|police station"}, text: text}}}
	}
	docs := []handDoc{
		post("md-1", "2024-09-02", "Varesh Daily", "P", "2024-09-02", "Monday", "A car bomb exploded outside the Korab police station on Monday, killing four constables."),
		post("md-2", "2024-09-02", "Tarsen Times", "P", "2024-09-01", "Sunday", "Four constables were killed when a car bomb went off at the police station in Korab, officials said on Sunday."),
		post("md-3", "2024-09-03", "Molvar Herald", "P", "2024-09-02", "Monday", "The car bomb at the police station in Korab on Monday killed four constables and wounded a clerk."),
		post("md-4", "2024-09-03", "Radio Qesh", "P", "2024-09-02", "Monday", "Police in Korab said the car that blew up at their station on Monday had been stolen."),
		post("md-5", "2024-09-04", "Frontier Wire", "P", "2024-09-03", "Tuesday", "A blast hit the police station of Korab on Tuesday, the district officer told reporters."),
		post("md-6", "2024-09-06", "Varesh Daily", "Q", "2024-09-05", "Thursday", "A blast hit the police station of Korab on Thursday, the district officer told reporters."),
	}
	x, pred := runInOrder(t, docs)
	if pred["md-5#E1"] != pred["md-1#E1"] {
		inc, _ := x.Incident(pred["md-5#E1"])
		t.Errorf("Tuesday's report is in %s, not the bombing %s: %q", pred["md-5#E1"], pred["md-1#E1"], inc.Reasons)
	}
	if pred["md-6#E1"] == pred["md-1#E1"] {
		t.Errorf("Thursday's blast joined Monday's bombing")
	}
}

// TestLookBackMovesToTheIncidentItNames: a report looking back at the
// grain market bombing "earlier this month", read before any report of
// that bombing (a file not sorted by publication), joins the bombing the
// index knows in the town by the group both name, a later attack on the
// police station. Once the market bombing's own reports arrive, it moves
// there; the police station's reports stay.
func TestLookBackMovesToTheIncidentItNames(t *testing.T) {
	ev := func(id, pub, outlet, gold, date, dateText, target, text string) handDoc {
		e := handEvent{gold: gold, typ: sitrep.Bombing, date: date, dateText: dateText, place: "danit", text: text}
		if gold == "S" || target == "" {
			e.perps = []string{"danit-brigade|Danit Brigade"}
		}
		if target != "" {
			e.targets = []string{target}
		}
		return handDoc{id, pub, outlet, "", []handEvent{e}}
	}
	market, station := "grain-market|grain market", "police-station|police station"
	docs := []handDoc{
		ev("lb-1", "2024-06-21", "Varesh Daily", "S", "2024-06-20", "Thursday", station, "A car bomb exploded outside the Danit police station on Thursday, wounding three constables, the Danit Brigade said."),
		ev("lb-2", "2024-06-21", "Tarsen Times", "S", "2024-06-20", "Thursday", station, "Three constables were wounded when a car bomb went off at the police station in Danit on Thursday, the Danit Brigade said."),
		ev("lb-3", "2024-06-22", "Molvar Herald", "S", "2024-06-20", "Thursday", station, "The car bomb at the police station in Danit on Thursday wounded three constables, the Danit Brigade said."),
		ev("lb-4", "2024-06-24", "Radio Qesh", "M", "2024-06", "earlier this month", "", "Earlier this month, the flour sack bomb of the Danit Brigade at the grain market killed seven traders and wounded porters."),
		ev("lb-5", "2024-06-10", "Varesh Daily", "M", "2024-06-10", "Monday", market, "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders and wounding porters."),
		ev("lb-6", "2024-06-11", "Tarsen Times", "M", "2024-06-10", "Monday", market, "Seven traders died and porters were wounded when a flour sack packed with explosives blew up in the Danit grain market on Monday."),
		ev("lb-7", "2024-06-11", "Molvar Herald", "M", "2024-06-10", "Monday", market, "The flour sack bomb that ripped through the grain market of Danit on Monday killed seven traders, police said."),
		ev("lb-8", "2024-06-12", "Frontier Wire", "M", "2024-06-10", "Monday", market, "Traders of the Danit grain market, where the flour sack bomb killed seven on Monday, kept their shops shut."),
	}
	x, pred := runInOrder(t, docs)
	if pred["lb-4#E1"] != pred["lb-5#E1"] {
		inc, _ := x.Incident(pred["lb-4#E1"])
		t.Errorf("the look back is in %s, not with the market bombing %s: %q", pred["lb-4#E1"], pred["lb-5#E1"], inc.Reasons)
	}
	if pred["lb-1#E1"] == pred["lb-5#E1"] {
		t.Errorf("the police station bombing joined the market bombing")
	}
}

// TestRecapDatedBySpeechJoins: nine days after a market bombing a
// minister speaks of it, and reports of the speech give the bombing the
// day he spoke. Their words leave no doubt which bombing they tell: read
// after the bombing's reports, they join it as follow-ups. Read before
// them (a file not sorted by publication), they make an incident on the
// day of the speech, which a later report naming the bombing without a
// day of its own merges into the bombing: two reports giving the day of
// the speech do not make it an act of that day.
func TestRecapDatedBySpeechJoins(t *testing.T) {
	market := func(id, pub, outlet, date, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: date, dateText: dateText, place: "danit",
			targets: []string{"grain-market|grain market"}, killed: "7", text: text}}}
	}
	docs := []handDoc{
		market("rs-1", "2024-06-10", "Varesh Daily", "2024-06-10", "Monday", "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders."),
		market("rs-2", "2024-06-11", "Tarsen Times", "2024-06-10", "Monday", "Seven traders died when a flour sack packed with explosives blew up in the Danit grain market on Monday."),
		market("rs-3", "2024-06-11", "Molvar Herald", "2024-06-10", "Monday", "The flour sack bomb that ripped through the grain market of Danit on Monday killed seven traders, police said."),
		market("rs-4", "2024-06-20", "Radio Qesh", "2024-06-19", "Wednesday", "The interior minister said on Wednesday that the flour sack bomb which killed seven traders in the Danit grain market was assembled abroad."),
		market("rs-5", "2024-06-20", "Frontier Wire", "2024-06-19", "Wednesday", "Speaking on Wednesday, the minister blamed foreign handlers for the flour sack bomb that killed seven traders at the grain market in Danit."),
	}
	reversed := []handDoc{docs[4], docs[3], docs[0], docs[1], docs[2],
		market("rs-6", "2024-06-21", "Molvar Herald", "", "", "Prayers were held for the seven traders killed by the flour sack bomb at the Danit grain market.")}
	for name, order := range map[string][]handDoc{"publication": docs, "speeches first": reversed} {
		x, pred := runInOrder(t, order)
		for _, k := range []string{"rs-4#E1", "rs-5#E1"} {
			if pred[k] != pred["rs-1#E1"] {
				inc, _ := x.Incident(pred[k])
				t.Errorf("%s order: %s in %s, not with the bombing %s: %q", name, k, pred[k], pred["rs-1#E1"], inc.Reasons)
			}
		}
		if inc, _ := x.Incident(pred["rs-1#E1"]); inc.Date.Start != "2024-06-10" {
			t.Errorf("%s order: the bombing is dated %v, not Monday", name, inc.Date)
		}
	}
}

// TestLastReportLeavingEndsIncident: when the last report of an incident
// moves to an incident it fits better (reconsider, takeIn), the incident
// it left ends; it is not kept, listed and stored with no report.
func TestLastReportLeavingEndsIncident(t *testing.T) {
	x := NewIndex()
	for _, d := range []handDoc{
		{"le-1", "2024-06-10", "Varesh Daily", "", []handEvent{{typ: sitrep.ArmedAttack, date: "2024-06-09", dateText: "Sunday", place: "harak",
			text: "Gunmen fired on a checkpoint in Harak on Sunday."}}},
		{"le-2", "2024-06-10", "Tarsen Times", "", []handEvent{{typ: sitrep.Bombing, date: "2024-06-09", dateText: "Sunday", place: "selu",
			text: "A bomb went off in the Selu bus station on Sunday."}}},
	} {
		x.AddDoc(Doc{ID: d.id, Published: d.pub, Outlet: d.outlet, Text: d.text()}, []sitrep.Event{d.events[0].event(0, d.pub)})
	}
	o, by := x.byKey["le-1#E1"], x.byKey["le-2#E1"]
	left, dst := o.inc, by.inc
	if left == dst {
		t.Fatalf("the two reports form one incident: the test needs two")
	}
	x.depart(left, o, dst, by)
	x.join(dst, o, Threshold, []string{"moved"})
	if incs := x.Incidents(); len(incs) != 1 {
		t.Errorf("%d incidents after the only report of one moved; want 1", len(incs))
	}
	if got, _ := x.IncidentOf("le-1#E1"); got != dst.id {
		t.Errorf("le-1#E1 in %s; want %s", got, dst.id)
	}
	if !left.dead {
		t.Errorf("the incident le-1 left is not ended")
	}
}

// TestManyTargetsNoEvidenceAgainst: an incident whose reports named more
// targets than a report can be compared with (each victim, building and
// official addressed) does not count a report's own target against it.
func TestManyTargetsNoEvidenceAgainst(t *testing.T) {
	var docs []handDoc
	for i := range manyTargets + 2 {
		tgt := fmt.Sprintf("victim-%d|victim number %d", i, i)
		docs = append(docs, handDoc{fmt.Sprintf("mt-%d", i), "2024-06-11", fmt.Sprintf("Outlet %d", i%4), "", []handEvent{{gold: "M",
			typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit", targets: []string{tgt},
			text: "The flour sack bomb tore through the crowded grain market of Danit on Monday."}}})
	}
	// told in other words, by a statement the next day
	docs = append(docs, handDoc{"mt-last", "2024-06-12", "Radio Qesh", "", []handEvent{{gold: "M",
		typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit", targets: []string{"town-council|the town council"},
		text: "The governor condemned Monday's blast in Danit, which he called an attack on the town council."}}})
	x, pred := runInOrder(t, docs)
	last := docs[len(docs)-1].id + "#E1"
	if pred[last] != pred["mt-0#E1"] {
		inc, _ := x.Incident(pred[last])
		t.Errorf("the report naming one more target is in %s, not with the others in %s: %q", pred[last], pred["mt-0#E1"], inc.Reasons)
	}
}
