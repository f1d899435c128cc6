package consolidate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep"
)

// TestLoneStatementJoinsOnceNamed: a statement from the capital praises
// the operation that ended a train hijacking, in words of its own and
// "the hijacking": too little to tell which incident it is, so it stands
// alone. A later report of the incident quotes the statement's words;
// once they are the incident's words too, the statement names it, and it
// is placed again, as it would have been had it arrived after that
// report.
func TestLoneStatementJoinsOnceNamed(t *testing.T) {
	train := func(id, pub, outlet, date, dateText, place, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "S", typ: sitrep.Abduction, date: date, dateText: dateText, place: place,
			targets: []string{"southern-express|Southern Express"}, text: text}}}
	}
	docs := []handDoc{
		train("ls-1", "2024-08-05", "Varesh Daily", "2024-08-05", "Monday", "selu", "Gunmen stopped the Southern Express near the Kessar tunnel outside Selu on Monday and took its passengers hostage."),
		train("ls-2", "2024-08-06", "Tarsen Times", "2024-08-05", "Monday", "selu", "The hijackers who seized the Southern Express near Selu on Monday were holding more than two hundred passengers, railway officials said."),
		train("ls-3", "2024-08-06", "Molvar Herald", "2024-08-05", "Monday", "selu", "Relatives waited at Korab station for news of the Southern Express passengers held near Selu since Monday."),
		{"ls-4", "2024-08-07", "Frontier Wire", "", []handEvent{{gold: "S", typ: sitrep.Abduction, place: "varesh",
			text: "The cabinet praised the swift and decisive operation that thwarted the hijacking, saying it sent an unmistakable message to every enemy of peace."}}},
		train("ls-5", "2024-08-08", "International Desk", "2024-08-07", "Wednesday", "selu", "Commandos freed the last hostages of the Southern Express near Selu on Wednesday in what the cabinet called a swift and decisive operation that sent an unmistakable message to every enemy of peace."),
	}
	x, pred := runInOrder(t, docs)
	if pred["ls-4#E1"] != pred["ls-1#E1"] {
		inc, _ := x.Incident(pred["ls-4#E1"])
		t.Fatalf("the statement is in %s, not with the hijacking %s: %q", pred["ls-4#E1"], pred["ls-1#E1"], inc.Reasons)
	}
	inc, _ := x.Incident(pred["ls-1#E1"])
	i := slices.IndexFunc(inc.Events, func(r EventRef) bool { return r.Key == "ls-4#E1" })
	if len(inc.Events[i].Reasons) == 0 || !strings.HasPrefix(inc.Events[i].Reasons[0], "placed again") {
		t.Errorf("the statement's reasons do not say it was placed again: %q", inc.Events[i].Reasons)
	}
}

// TestLongReportKeepsItsTargetsWords: a long account read from many
// sentences has more rare words than a report keeps; the name of what
// was attacked, the words its other reports share, is kept among them.
func TestLongReportKeepsItsTargetsWords(t *testing.T) {
	x := NewIndex()
	colour := "Abbot Abyss Acorn Adder Adobe Aegis Agile Aisle Alder Algae Amber Ample Anvil Apron Arbor Ardent Aspen Atlas " +
		"Attic Auburn Awning Azure Badger Bamboo Banjo Barley Basin Beacon Bellow Birch"
	ev := sitrep.Event{ID: "E1", Type: sitrep.Abduction, Targets: []sitrep.ActorRef{{ID: "kestrel-express", Name: "Kestrel Express"}},
		Evidence: []sitrep.Span{{Text: "Families waited for the freed passengers of the Kestrel Express."}, {Text: colour}}}
	ref := EventRef{Key: "lt-1#E1", DocID: "lt-1", Type: ev.Type, Targets: ev.Targets}
	read := readEvent(&ev)
	m := x.newMember(ref, &ev, &read, &Doc{ID: "lt-1"}, nil)
	if len(m.terms) <= maxTerms-2 {
		t.Fatalf("the report keeps %d words: the test needs more than %d", len(m.terms), maxTerms)
	}
	for _, w := range []string{"kestrel", "express"} {
		if !slices.Contains(x.voc.wordsOf(m.rare), foldWord(w)) {
			t.Errorf("%q is not among the report's words %v", w, x.voc.wordsOf(m.rare))
		}
	}
}

// TestUndecidedJoinsOnceItsChoiceIsOne: a group's claim of Monday's
// bombing fits the bombing of the grain market in Danit and the bombing
// of the bus stand in Korab about equally, and is kept apart for review.
// The two turn out to be one bomb (a user merges them); the next report
// of it places the claim again, in the one incident it fits.
func TestUndecidedJoinsOnceItsChoiceIsOne(t *testing.T) {
	bomb := func(id, pub, outlet, place, target, killed, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "B", typ: sitrep.Bombing, date: "2024-09-02", dateText: "Monday", place: place,
			claimed: []string{tfa}, targets: []string{target}, killed: killed, text: text}}}
	}
	market, stand := "danit-grain-market|grain market", "korab-bus-stand|bus stand"
	docs := []handDoc{
		bomb("ud-1", "2024-09-02", "Varesh Daily", "danit", market, "7", "A bomb tore through the grain market in Danit on Monday, killing seven traders; the Tarsen Freedom Army said it planted it."),
		bomb("ud-2", "2024-09-03", "Tarsen Times", "danit", market, "7", "Seven traders died in the Danit grain market on Monday, in a bombing claimed by the Tarsen Freedom Army."),
		bomb("ud-3", "2024-09-03", "Molvar Herald", "danit", market, "7", "The bomb at the grain market in Danit on Monday killed seven traders, and the Tarsen Freedom Army claimed it."),
		bomb("ud-4", "2024-09-02", "Radio Qesh", "korab", stand, "5", "Five travellers waiting for coaches at the Korab bus stand were killed by an explosion on Monday, the Tarsen Freedom Army said."),
		bomb("ud-5", "2024-09-03", "Frontier Wire", "korab", stand, "5", "An explosion at the bus stand of Korab on Monday left five travellers dead; the Tarsen Freedom Army claimed responsibility."),
		bomb("ud-6", "2024-09-03", "International Desk", "korab", stand, "5", "Coaches burned at the Korab bus stand after Monday's explosion, which the Tarsen Freedom Army claimed, killed five travellers."),
		{"ud-7", "2024-09-04", "Radio Qesh", "", []handEvent{{gold: "B", typ: sitrep.Bombing, date: "2024-09-02", dateText: "Monday",
			claimed: []string{tfa}, text: "The Tarsen Freedom Army said it set off Monday's blast."}}},
	}
	x, pred := runInOrder(t, docs)
	if pred["ud-1#E1"] == pred["ud-4#E1"] {
		t.Fatalf("the market and the bus stand are one incident before the merge: the test needs two")
	}
	if inc, _ := x.Incident(pred["ud-7#E1"]); len(inc.Events) != 1 || !inc.Events[0].Undecided {
		t.Fatalf("the claim is not kept apart for review: %q", inc.Reasons)
	}
	if _, err := x.Merge(pred["ud-1#E1"], pred["ud-4#E1"]); err != nil {
		t.Fatal(err)
	}
	next := bomb("ud-8", "2024-09-05", "Varesh Daily", "danit", market, "7", "Traders of the Danit grain market, where a bomb of the Tarsen Freedom Army killed seven on Monday, reopened their shops.")
	x.AddDoc(Doc{ID: next.id, Published: next.pub, Text: next.text()}, []sitrep.Event{next.events[0].event(0, next.pub)})
	got, _ := x.IncidentOf("ud-7#E1")
	want, _ := x.IncidentOf("ud-1#E1")
	if got != want {
		inc, _ := x.Incident(got)
		t.Errorf("the claim is in %s, not in the bombing %s: %q", got, want, inc.Reasons)
	}
}

// TestDocumentToldTwiceStaysPut: one report tells of Monday's bombing of
// the Danit grain market twice, in a sentence on the blast and one on the
// bomb, and both are in the bombing's incident. A grenade thrown at the
// Danit police post the same day does not draw the first away: its own
// document's other sentence, which is in the incident with it, does not
// count against it.
func TestDocumentToldTwiceStaysPut(t *testing.T) {
	market := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-10-07", dateText: "Monday", place: "danit",
			targets: []string{"grain-market|grain market"}, killed: "7", text: text}}}
	}
	docs := []handDoc{
		market("dt-1", "2024-10-07", "Varesh Daily", "A flour sack bomb tore through the grain market in Danit on Monday, killing seven traders."),
		market("dt-2", "2024-10-08", "Tarsen Times", "Seven traders died when a flour sack packed with explosives blew up in the Danit grain market on Monday."),
		market("dt-3", "2024-10-08", "Molvar Herald", "The flour sack bomb that ripped through the grain market of Danit on Monday killed seven traders."),
		{"dt-4", "2024-10-08", "Radio Qesh", "", []handEvent{
			{gold: "M", typ: sitrep.Bombing, date: "2024-10-07", dateText: "Monday", place: "danit",
				text: "Police in Danit said Monday's blast was the worst the town had seen this year."},
			{gold: "M", typ: sitrep.Bombing, date: "2024-10-07", dateText: "Monday", place: "danit", targets: []string{"grain-market|grain market"}, killed: "7",
				text: "The flour sack bomb left seven traders dead among the stalls of the grain market."}}},
		{"dt-5", "2024-10-08", "Frontier Wire", "", []handEvent{{gold: "P", typ: sitrep.Bombing, date: "2024-10-07", dateText: "Monday", place: "danit",
			perps: []string{"danit-brigade|Danit Brigade"}, targets: []string{"police-post|police post"},
			text: "Men of the Danit Brigade threw a grenade at the Danit police post on Monday night, wounding a constable."}}},
	}
	x, pred := runInOrder(t, docs)
	if pred["dt-4#E2"] != pred["dt-1#E1"] {
		t.Fatalf("the bomb sentence is in %s, not with the bombing %s: the test needs it there", pred["dt-4#E2"], pred["dt-1#E1"])
	}
	if pred["dt-4#E1"] != pred["dt-1#E1"] {
		inc, _ := x.Incident(pred["dt-4#E1"])
		t.Errorf("the blast sentence is in %s, not with the bombing %s: %q", pred["dt-4#E1"], pred["dt-1#E1"], inc.Reasons)
	}
}

// TestNamingReportIsNotWeak: a report from the province speaks of "the
// hijacking of the train" on Monday, words all the first reports of the
// seizure of the Kestrel Mail near Selu use, and joins it. The incident
// grows with reports that call it the seizure of the Kestrel Mail, so
// that the two words no longer name it. A goods train hijacked near
// Harak the same day does not draw the report away: it joined by its
// words, not on type, date and place alone.
func TestNamingReportIsNotWeak(t *testing.T) {
	mail := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "K", typ: sitrep.Abduction, date: "2024-11-04", dateText: "Monday", place: "selu",
			targets: []string{"kestrel-mail|Kestrel Mail"}, text: text}}}
	}
	docs := []handDoc{
		mail("nw-1", "2024-11-04", "Varesh Daily", "Gunmen hijacked the Kestrel Mail train outside Selu on Monday and held its passengers."),
		mail("nw-2", "2024-11-05", "Tarsen Times", "The hijackers of the Kestrel Mail train still held passengers near Selu after Monday's attack."),
		mail("nw-3", "2024-11-05", "Molvar Herald", "Families waited for news after the train was hijacked near Selu on Monday, the Kestrel Mail's operator said."),
		{"nw-4", "2024-11-05", "Radio Qesh", "", []handEvent{{gold: "K", typ: sitrep.Abduction, date: "2024-11-04", dateText: "Monday", place: "tarsen",
			text: "Lawmakers of Tarsen demanded answers over the hijacking of the train on Monday."}}},
	}
	for i, outlet := range []string{"Varesh Daily", "Tarsen Times", "Molvar Herald", "Frontier Wire", "International Desk", "Radio Qesh", "Varesh Daily", "Tarsen Times", "Molvar Herald", "Frontier Wire", "International Desk", "Radio Qesh"} {
		docs = append(docs, mail(fmt.Sprintf("nw-m%d", i), "2024-11-06", outlet, "Commandos ended the seizure of the Kestrel Mail near Selu, which began on Monday, and freed the passengers."))
	}
	docs = append(docs, handDoc{"nw-5", "2024-11-06", "Frontier Wire", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-11-04", dateText: "Monday", place: "harak",
		perps: []string{"harak-bandits|Harak bandits"}, targets: []string{"goods-train|goods train"},
		text: "Bandits hijacked a goods train near Harak on Monday and looted its wagons."}}})
	x, pred := runInOrder(t, docs)
	if pred["nw-1#E1"] != pred["nw-m11#E1"] || pred["nw-1#E1"] == pred["nw-5#E1"] {
		t.Fatalf("the Kestrel Mail is not one incident apart from the goods train: %s, %s, %s", pred["nw-1#E1"], pred["nw-m11#E1"], pred["nw-5#E1"])
	}
	if pred["nw-4#E1"] != pred["nw-1#E1"] {
		inc, _ := x.Incident(pred["nw-4#E1"])
		t.Errorf("the lawmakers' report is in %s, not with the Kestrel Mail %s: %q", pred["nw-4#E1"], pred["nw-1#E1"], inc.Reasons)
	}
}
