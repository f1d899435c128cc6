package consolidate

import (
	"testing"

	"sitrep"
)

// Rules of consolidation by kind of report, each with reports written
// for it (the invented country of hand_corpus_test.go).

// TestProvinceOnlyReportNeedsWords: a report that gives only the
// province, on the day a town of it was attacked, with no word or actor
// in common, is another attack of the province, not a report of the one
// in the town; the same report naming the town's attack by its words
// joins it.
func TestProvinceOnlyReportNeedsWords(t *testing.T) {
	docs := []handDoc{
		{"pv-1", "2024-05-06", "Varesh Daily", "", []handEvent{{gold: "K", typ: sitrep.Bombing, date: "2024-05-06", dateText: "Monday", place: "korab", killed: "4",
			targets: []string{"Korab Fruit Market"},
			text:    "A bomb strapped to a bicycle exploded in the fruit market of Korab on Monday, killing four vendors."}}},
		{"pv-2", "2024-05-07", "Tarsen Times", "", []handEvent{{gold: "K", typ: sitrep.Bombing, date: "2024-05-06", dateText: "Monday", place: "korab", killed: "5",
			targets: []string{"Korab Fruit Market"},
			text:    "The toll of Monday's bicycle bomb in the Korab fruit market rose to five."}}},
		{"pv-3", "2024-05-07", "Molvar Herald", "", []handEvent{{gold: "T", typ: sitrep.Bombing, date: "2024-05-06", dateText: "Monday", place: "tarsen",
			text: "Elsewhere in Tarsen, a roadside device damaged a water tanker on Monday."}}},
		{"pv-4", "2024-05-08", "Radio Qesh", "", []handEvent{{gold: "K", typ: sitrep.Bombing, date: "2024-05-06", dateText: "Monday", place: "tarsen",
			text: "Vendors of the fruit market reopened their stalls two days after the bicycle bomb."}}},
	}
	_, pred, _ := runHandCorpus(t, docs)
	if pred["pv-3#E1"] == pred["pv-1#E1"] {
		t.Errorf("the tanker report of the province joined the market bombing %s", pred["pv-1#E1"])
	}
	for _, k := range []string{"pv-2#E1", "pv-4#E1"} {
		if pred[k] != pred["pv-1#E1"] {
			t.Errorf("%s in %s, the market bombing is %s", k, pred[k], pred["pv-1#E1"])
		}
	}
}

// TestTrainNamedByItsName: reports that name a train by its name
// ("the Karavan Express") name its incident, though "expressed" is a
// word of every statement and says nothing.
func TestTrainNamedByItsName(t *testing.T) {
	docs := []handDoc{
		{"tr-1", "2024-08-12", "Varesh Daily", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-08-12", dateText: "Monday", place: "korab",
			text: "Gunmen stopped the Karavan Express outside Korab on Monday and held its passengers for hours."}}},
		{"tr-2", "2024-08-13", "Tarsen Times", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-08-12", dateText: "Monday", place: "korab",
			text: "Passengers freed from the Karavan Express near Korab described a night in the carriages."}}},
		{"tr-3", "2024-08-13", "Molvar Herald", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-08-12", dateText: "Monday", place: "korab",
			text: "The siege of the Karavan Express at Korab ended late on Monday, the railway board said."}}},
		{"tr-4", "2024-08-14", "Radio Qesh", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-08-13", dateText: "Tuesday", place: "tarsen",
			text: "Timetables were redrawn on Tuesday after the Karavan Express ordeal."}}},
		{"tr-5", "2024-08-14", "Radio Qesh", "", []handEvent{{gold: "S", typ: sitrep.Abduction, date: "2024-08-13", dateText: "Tuesday", place: "tarsen",
			text: "A shopkeeper was seized from his home in Tarsen on Tuesday and the family expressed fear for his life."}}},
	}
	_, pred, _ := runHandCorpus(t, docs)
	for _, k := range []string{"tr-2#E1", "tr-3#E1", "tr-4#E1"} {
		if pred[k] != pred["tr-1#E1"] {
			t.Errorf("%s in %s, the train is %s", k, pred[k], pred["tr-1#E1"])
		}
	}
	if pred["tr-5#E1"] == pred["tr-1#E1"] {
		t.Errorf("the shopkeeper's abduction joined the train")
	}
}

// TestVisitJoinsAnAttackOnlyAfterItAndWhereItHappened: a minister who
// visits the wounded in Korab the day after the market bombing there
// reports the bombing's aftermath; an envoy's visit to the country that
// began the day before, whose report speaks of the bombing, is diplomacy
// of its own.
func TestVisitJoinsAnAttackOnlyAfterItAndWhereItHappened(t *testing.T) {
	docs := []handDoc{
		{"vb-1", "2024-09-10", "Varesh Daily", "", []handEvent{{gold: "B", typ: sitrep.Bombing, date: "2024-09-10", dateText: "Tuesday", place: "korab", killed: "12",
			targets: []string{"korab-market|Korab fruit market"},
			text:    "A bomb tore through the Korab fruit market on Tuesday, killing 12 people, officials said."}}},
		{"vb-2", "2024-09-11", "Tarsen Times", "", []handEvent{{gold: "B", typ: sitrep.Bombing, date: "2024-09-10", dateText: "Tuesday", place: "korab", killed: "12",
			targets: []string{"korab-market|Korab fruit market"},
			text:    "Twelve people died when a bomb exploded at the fruit market in Korab on Tuesday."}}},
		{"vb-3", "2024-09-12", "Molvar Herald", "", []handEvent{{gold: "M", typ: sitrep.Visit, date: "2024-09-11", dateText: "Wednesday", place: "korab",
			text: "The interior minister visited the wounded of the Korab fruit market bombing in Korab on Wednesday."}}},
		{"vb-4", "2024-09-11", "Radio Qesh", "", []handEvent{{gold: "E", typ: sitrep.Visit, date: "2024-09-09", dateText: "Monday", place: "varesh",
			text: "The visiting envoy, who arrived in Varesh on Monday, condemned the Korab fruit market bombing."}}},
	}
	_, pred, _ := runHandCorpus(t, docs)
	if pred["vb-2#E1"] != pred["vb-1#E1"] {
		t.Fatalf("the two bombing reports are apart: %v", pred)
	}
	if pred["vb-3#E1"] != pred["vb-1#E1"] {
		t.Errorf("the minister's visit to Korab the day after is not with the bombing")
	}
	if pred["vb-4#E1"] == pred["vb-1#E1"] {
		t.Errorf("the envoy's visit to the country, begun the day before, joined the bombing")
	}
}
