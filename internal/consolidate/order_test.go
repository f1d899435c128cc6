package consolidate

import (
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
