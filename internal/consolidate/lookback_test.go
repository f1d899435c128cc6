package consolidate

import (
	"testing"

	"sitrep"
)

// depotShooting is a report of soldiers firing on a crowd waiting for
// flour at the Danit food depot: a place where crowds gather every day,
// so that every shooting there is told in the same words.
func depotShooting(id, pub, outlet, gold, date, dateText, killed, text string) handDoc {
	return handDoc{id, pub, outlet, "", []handEvent{{gold: gold, typ: sitrep.ArmedAttack, date: date, dateText: dateText, place: "danit",
		perps: []string{"border-guard|Border Guard"}, targets: []string{"food-depot|food depot"}, killed: killed, text: text}}}
}

// monthOfDepotShootings: a shooting at the depot on Monday 3 June told by
// three outlets, the governor recalling it on 18 June, and a second
// shooting there on Thursday 20 June, told the next day by two outlets
// (each dated by the day it was told, the day of the shooting).
func monthOfDepotShootings() []handDoc {
	return []handDoc{
		depotShooting("ds-1", "2024-06-03", "Varesh Daily", "A", "2024-06-03", "Monday", "21",
			"Border Guard soldiers fired on crowds waiting for flour at the Danit food depot on Monday, killing 21 people, the health office said."),
		depotShooting("ds-2", "2024-06-04", "Tarsen Times", "A", "2024-06-03", "Monday", "21",
			"Twenty-one people waiting for flour were killed when Border Guard soldiers opened fire on the crowds at the Danit food depot on Monday."),
		depotShooting("ds-3", "2024-06-04", "Molvar Herald", "A", "2024-06-03", "Monday", "21",
			"The health office said 21 people died on Monday when soldiers fired on crowds queueing for flour at the food depot in Danit."),
		depotShooting("ds-4", "2024-06-18", "Radio Qesh", "A", "2024-06-18", "Tuesday", "21",
			"The governor said on Tuesday that the shooting at the Danit food depot that killed 21 people waiting for flour would be investigated."),
		depotShooting("ds-5", "2024-06-21", "Frontier Wire", "B", "2024-06-20", "Thursday", "9",
			"Border Guard soldiers fired on crowds waiting for flour at the Danit food depot on Thursday, killing nine people, the health office said."),
		depotShooting("ds-6", "2024-06-21", "Varesh Daily", "B", "2024-06-20", "Thursday", "9",
			"Nine people waiting for flour were killed when soldiers opened fire on the crowds at the Danit food depot on Thursday, the health office said."),
	}
}

// TestNewShootingAtPlaceShotAtBefore: the Thursday shooting's reports are
// dated by the day they were told and name the Monday shooting's place,
// perpetrator and words beyond doubt, but they count nine dead where the
// Monday reports counted 21: a second shooting at the depot, not a look
// back at the first. The governor's recall two weeks later, which counts
// the same 21, still joins the Monday shooting.
func TestNewShootingAtPlaceShotAtBefore(t *testing.T) {
	x, pred := runInOrder(t, monthOfDepotShootings())
	if pred["ds-4#E1"] != pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["ds-4#E1"])
		t.Errorf("the governor's recall is in %s, not with the Monday shooting %s: %q", pred["ds-4#E1"], pred["ds-1#E1"], inc.Reasons)
	}
	for _, k := range []string{"ds-5#E1", "ds-6#E1"} {
		if pred[k] == pred["ds-1#E1"] {
			inc, _ := x.Incident(pred[k])
			t.Errorf("%s, Thursday's shooting, joined the Monday shooting: %q", k, inc.Reasons)
		}
	}
	if pred["ds-5#E1"] != pred["ds-6#E1"] {
		t.Errorf("the two reports of Thursday's shooting are in %s and %s", pred["ds-5#E1"], pred["ds-6#E1"])
	}
}

// TestRecallDoesNotMergeTwoShootings: read after the Thursday shooting's
// two reports, a recall of the Monday shooting that names the depot
// fits both incidents; the later one, whose reports count dead the Monday
// reports never counted, is another act, not the Monday shooting told by
// the day someone spoke of it, and the two are not merged.
func TestRecallDoesNotMergeTwoShootings(t *testing.T) {
	docs := monthOfDepotShootings()
	recall := depotShooting("ds-7", "2024-06-22", "Tarsen Times", "A", "", "", "21",
		"The shooting at the Danit food depot in which Border Guard soldiers killed 21 people waiting for flour is being investigated, the governor said.")
	x, pred := runInOrder(t, append(docs[:3:3], docs[4], docs[5], recall))
	if pred["ds-5#E1"] == pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["ds-5#E1"])
		t.Errorf("Thursday's shooting was merged into the Monday shooting: %q", inc.Reasons)
	}
}

// TestDocumentCountsForItsStatement: a statement dated "today", the day
// it was told, names the depot but gives no count; the report of the
// same document counting the day's dead (nine, where the Monday reports
// counted 21) shows the document tells of a new shooting, and the
// statement does not look back weeks to the Monday shooting.
func TestDocumentCountsForItsStatement(t *testing.T) {
	docs := monthOfDepotShootings()[:3]
	docs = append(docs, handDoc{"ds-8", "2024-06-20", "Radio Qesh", "", []handEvent{
		{gold: "B", typ: sitrep.ArmedAttack, date: "", place: "danit", killed: "9", perps: []string{"border-guard|Border Guard"},
			text: "Nine people were killed at the Danit food depot, the health office said."},
		{gold: "B", typ: sitrep.ArmedAttack, date: "2024-06-20", dateText: "today", place: "danit",
			perps: []string{"border-guard|Border Guard"}, targets: []string{"food-depot|food depot"},
			text: "Border Guard soldiers fired on crowds waiting for flour at the Danit food depot today, the governor said."},
	}})
	x, pred := runInOrder(t, docs)
	if pred["ds-8#E2"] == pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["ds-8#E2"])
		t.Errorf("the statement of the day's shooting joined the Monday shooting: %q", inc.Reasons)
	}
}

// TestTollRisingWithinWeekJoins: five days after the Monday shooting the
// health office, speaking on Saturday, counts two more of its wounded
// dead and the toll risen to 23. Neither count is one the Monday reports
// gave, but within a week a count above theirs, or no more dead than the
// wounded they counted, is the toll rising: both join the shooting.
func TestTollRisingWithinWeekJoins(t *testing.T) {
	docs := monthOfDepotShootings()[:3]
	for i := range docs {
		docs[i].events[0].injured = "40"
	}
	docs = append(docs,
		depotShooting("tr-1", "2024-06-09", "Radio Qesh", "A", "2024-06-08", "Saturday", "2",
			"Two more of the people wounded when Border Guard soldiers fired on crowds waiting for flour at the Danit food depot died on Saturday, the health office said."),
		depotShooting("tr-2", "2024-06-09", "Frontier Wire", "A", "2024-06-08", "Saturday", "23",
			"The toll of the Border Guard shooting at crowds waiting for flour at the Danit food depot rose to 23 on Saturday, the health office said."))
	x, pred := runInOrder(t, docs)
	for _, k := range []string{"tr-1#E1", "tr-2#E1"} {
		if pred[k] != pred["ds-1#E1"] {
			inc, _ := x.Incident(pred[k])
			t.Errorf("%s is in %s, not with the shooting %s: %q", k, pred[k], pred["ds-1#E1"], inc.Reasons)
		}
	}
}

// TestVisitElsewhereIsNotTheShooting: nine days after the Monday shooting
// the foreign minister, visiting Almira, speaks of it in the shooting's
// own words; his visit is diplomacy told beside it, not one of its
// reports, and so is the commander's tour of another province the day of the
// shooting. The governor's visit to the depot two days after the shooting
// is at its place and joins it.
func TestVisitElsewhereIsNotTheShooting(t *testing.T) {
	docs := monthOfDepotShootings()[:3]
	docs = append(docs,
		handDoc{"vi-1", "2024-06-12", "Radio Qesh", "", []handEvent{{gold: "V", typ: sitrep.Visit, date: "2024-06-12", dateText: "Wednesday", place: "almira",
			text: "The foreign minister, visiting Almira on Wednesday, said the Border Guard shooting at crowds waiting for flour at the Danit food depot must be investigated."}}},
		handDoc{"vi-3", "2024-06-04", "Frontier Wire", "", []handEvent{{gold: "W", typ: sitrep.Visit, date: "2024-06-03", dateText: "Monday", place: "molvar",
			perps: []string{"border-guard|Border Guard"}, killed: "21",
			text: "The Border Guard commander toured Molvar province on Monday after his soldiers fired on crowds waiting for flour at the Danit food depot, killing 21 people."}}},
		handDoc{"vi-2", "2024-06-05", "Tarsen Times", "", []handEvent{{gold: "A", typ: sitrep.Visit, date: "2024-06-05", dateText: "Wednesday", place: "danit",
			text: "The governor visited the Danit food depot on Wednesday, where Border Guard soldiers had fired on crowds waiting for flour, and met the wounded."}}})
	x, pred := runInOrder(t, docs)
	if pred["vi-1#E1"] == pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["vi-1#E1"])
		t.Errorf("the minister's visit to Almira joined the shooting: %q", inc.Reasons)
	}
	if pred["vi-3#E1"] == pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["vi-3#E1"])
		t.Errorf("the commander's tour of another province the same day joined the shooting: %q", inc.Reasons)
	}
	if pred["vi-2#E1"] != pred["ds-1#E1"] {
		inc, _ := x.Incident(pred["vi-2#E1"])
		t.Errorf("the governor's visit to the depot is in %s, not with the shooting %s: %q", pred["vi-2#E1"], pred["ds-1#E1"], inc.Reasons)
	}
}
