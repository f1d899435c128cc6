package consolidate

import (
	"fmt"
	"strings"
	"testing"

	"sitrep"
)

// runReadings places the filler stream and then docs in the order given,
// as runInOrder does, but gives each event the offsets of its sentence in
// the document: events of one document with the same text were read from
// one sentence, as an extractor gives two kinds of act it read in it.
// The words of common, told by a hundred reports of no incident, are as
// common as "soldiers" and "attack" are in real news.
func runReadings(t *testing.T, docs []handDoc, common string) (x *Index, pred map[string]string) {
	t.Helper()
	filler := fillerDocs(400, 1)
	slicesSortStableByPub(filler)
	x = NewIndex()
	pred = map[string]string{}
	for i := range 100 {
		if common != "" {
			x.AddDoc(Doc{ID: fmt.Sprintf("common-%d", i), Published: "2024-01-01", Text: common}, nil)
		}
	}
	for _, d := range append(filler, docs...) {
		var text strings.Builder
		at := map[string]int{}
		var evs []sitrep.Event
		for i, e := range d.events {
			start, ok := at[e.text]
			if !ok {
				if text.Len() > 0 {
					text.WriteByte(' ')
				}
				start = text.Len()
				at[e.text] = start
				text.WriteString(e.text)
			}
			ev := e.event(i, d.pub)
			ev.Evidence = []sitrep.Span{{Start: start, End: start + len(e.text), Text: e.text}}
			evs = append(evs, ev)
		}
		for _, a := range x.AddDoc(Doc{ID: d.id, Published: d.pub, Outlet: d.outlet, Text: text.String()}, evs) {
			pred[a.Key] = a.Incident
		}
	}
	for k := range pred {
		pred[k], _ = x.IncidentOf(k)
	}
	return x, pred
}

// TestSentenceReadTwiceIsOneReport: weeks after an attack on the Korab
// garrison, a report recalls it "earlier this month" in one sentence of
// common words that the extractor reads twice, as an armed attack and as
// a bombing. The document does not tell two events apart: both join the
// attack, whether the recap is read after the attack's reports or before
// them (a file not sorted by publication, where the two readings meet
// first). As an armed attack alone the recap scores too little to join
// a bombing by its month, town and toll.
func TestSentenceReadTwiceIsOneReport(t *testing.T) {
	garrison := []string{"korab-garrison|Korab garrison"}
	attack := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "G", typ: sitrep.Bombing, date: "2024-03-04", dateText: "Tuesday", place: "korab",
			targets: garrison, killed: "5", text: text}}}
	}
	recapText := "Earlier this month, soldiers were martyred as security forces responded to a terrorist attack in Korab."
	recap := handDoc{"rt-9", "2024-03-19", "Radio Qesh", "", []handEvent{
		{gold: "G", typ: sitrep.ArmedAttack, date: "2024-03", dateText: "Earlier this month", place: "korab", killed: "5", text: recapText},
		{gold: "G", typ: sitrep.Bombing, date: "2024-03", dateText: "Earlier this month", place: "korab", killed: "5", text: recapText},
		{gold: "C", typ: sitrep.Protest, date: "2024-03-18", dateText: "Monday", place: "danit",
			text: "Shopkeepers in Danit closed their shutters on Monday against a rise in the electricity tariff."},
	}}
	docs := []handDoc{
		attack("rt-1", "2024-03-05", "Varesh Daily", "Suicide bombers rammed an explosives-laden truck into the wall of the Korab garrison on Tuesday; five soldiers were martyred."),
		attack("rt-2", "2024-03-05", "Tarsen Times", "Five soldiers were martyred when a truck packed with explosives was rammed into the Korab garrison wall on Tuesday."),
		attack("rt-3", "2024-03-06", "Molvar Herald", "The attack on the Korab garrison on Tuesday began with a truck bomb at its wall; five soldiers were martyred, the army said."),
	}
	for name, order := range map[string][]handDoc{"publication": append(docs[:3:3], recap), "recap first": {recap, docs[0], docs[1], docs[2]}} {
		x, pred := runReadings(t, order, "Security forces responded when terrorists attacked; soldiers were martyred earlier this month.")
		for _, k := range []string{"rt-9#E1", "rt-9#E2"} {
			if pred[k] != pred["rt-1#E1"] {
				inc, _ := x.Incident(pred[k])
				t.Errorf("%s order: %s is in %s, not with the garrison attack in %s: %q", name, k, pred[k], pred["rt-1#E1"], inc.Reasons)
			}
		}
		if pred["rt-9#E3"] == pred["rt-1#E1"] {
			t.Errorf("%s order: the shopkeepers' strike joined the garrison attack", name)
		}
	}
}

// TestTwoSentencesStayTwoEvents: a document telling, in two sentences, of
// a bombing and of a shooting in one town on one day keeps them apart:
// only one sentence read twice is one report.
func TestTwoSentencesStayTwoEvents(t *testing.T) {
	doc := handDoc{"ts-1", "2024-05-08", "Varesh Daily", "", []handEvent{
		{gold: "A", typ: sitrep.Bombing, date: "2024-05-07", dateText: "Tuesday", place: "selu",
			text: "A bomb planted on a motorcycle exploded near the Selu bus stand on Tuesday morning."},
		{gold: "B", typ: sitrep.ArmedAttack, date: "2024-05-07", dateText: "Tuesday", place: "selu",
			text: "Hours later, gunmen on foot fired at a tea stall on the Selu bypass on Tuesday."},
	}}
	_, pred := runReadings(t, []handDoc{doc}, "")
	if pred["ts-1#E1"] == pred["ts-1#E2"] {
		t.Errorf("a document's two sentences of two attacks became one incident")
	}
}

// TestNamedThroughTheIncidentItNames: a train ambush near Korab is told
// by four reports that name the train, the Sarvan Mail. Days later two
// reports of a shooting in Harak, in another province, are filed, one of
// them mentioning the ambush by the train's name. A report published the week after, recalling "last
// week's Sarvan Mail ambush", shares the train's name with both; the
// shooting's reports share nothing else with it, so it joins the ambush,
// although it fits the shooting's vaguer day and place as well.
func TestNamedThroughTheIncidentItNames(t *testing.T) {
	train := []string{"sarvan-mail|Sarvan Mail"}
	ambush := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "A", typ: sitrep.ArmedAttack, date: "2024-08-12", dateText: "Monday", place: "korab",
			targets: train, killed: "14", text: text}}}
	}
	shooting := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "S", typ: sitrep.ArmedAttack, date: "2024-08-16", dateText: "Friday", place: "harak",
			text: text}}}
	}
	docs := []handDoc{
		ambush("nt-1", "2024-08-12", "Varesh Daily", "Gunmen blew up the track and fired on the Sarvan Mail near Korab on Monday, killing fourteen passengers."),
		ambush("nt-2", "2024-08-13", "Tarsen Times", "Fourteen passengers of the Sarvan Mail were killed when gunmen ambushed the train near Korab on Monday."),
		ambush("nt-3", "2024-08-13", "Molvar Herald", "The ambush of the Sarvan Mail outside Korab on Monday left fourteen passengers dead, railway officials said."),
		ambush("nt-4", "2024-08-14", "Radio Qesh", "Survivors of Monday's ambush of the Sarvan Mail near Korab described gunmen walking through the carriages."),
		shooting("nt-5", "2024-08-19", "Frontier Wire", "Unknown men shot dead a shepherd in Harak on Friday, days after gunmen stopped the Sarvan Mail, officials said."),
		shooting("nt-6", "2024-08-19", "Varesh Daily", "A shepherd was shot dead on Friday in Harak, where the police have set up more checkposts this month."),
		{"nt-7", "2024-08-22", "Tarsen Times", "", []handEvent{{gold: "A", typ: sitrep.ArmedAttack, date: "2024-08", dateText: "earlier this month", place: "tarsen",
			targets: []string{"railway-union|railway union"},
			text:    "The railway union rallied in the provincial capital over the Sarvan Mail ambush earlier this month, demanding the bodies."}}},
	}
	x, pred := runReadings(t, docs, "")
	if pred["nt-7#E1"] != pred["nt-1#E1"] {
		inc, _ := x.Incident(pred["nt-7#E1"])
		t.Errorf("the recall of the ambush is in %s, not with the ambush in %s: %q", pred["nt-7#E1"], pred["nt-1#E1"], inc.Reasons)
	}
	if pred["nt-5#E1"] == pred["nt-1#E1"] {
		inc, _ := x.Incident(pred["nt-5#E1"])
		t.Errorf("the shooting of Friday joined the ambush: %q", inc.Reasons)
	}
}
