package consolidate

import (
	"testing"

	"sitrep"
)

// Articles months after a raid recall it on its day, each in a clause of
// its own words, some placing it in the town, some only in the
// neighbouring country it was launched from, or in a town there: one
// incident. A raid the same group made that day in another town of the
// same country, and another group's act of that day, stay apart.
func TestRecallsOfOneDayAreOneIncident(t *testing.T) {
	handPlaces["ostra"] = &sitrep.Place{Name: "Ostra", Country: "XC", Lat: pf(35.5), Lon: pf(60.5), Precision: sitrep.PlaceCountry}
	defer delete(handPlaces, "ostra")
	recall := func(id, pub, place, text string, perps ...string) handDoc {
		return handDoc{id, pub, "Varesh Daily", "", []handEvent{{gold: "R", typ: sitrep.ArmedAttack, date: "2023-03-04",
			dateText: "4 March 2023", place: place, perps: perps, text: text}}}
	}
	docs := []handDoc{
		recall("rc-1", "2023-09-02", "korab", "Talks on the grain tariff stalled, months after the Tarsen Freedom Army stormed Korab on 4 March 2023.", tfa),
		recall("rc-2", "2023-12-19", "ostra", "The budget hearing opened with a minute of silence for those the 4 March 2023 assault by the Tarsen Freedom Army left behind.", tfa),
		recall("rc-3", "2024-02-07", "korab", "Since the Tarsen Freedom Army's raid of 4 March 2023, ferry crossings have halved, traders complain.", tfa),
		recall("rc-4", "2024-05-30", "ostra", "A memorial fund, launched after the March 4, 2023 onslaught of the Tarsen Freedom Army, opened a second clinic.", tfa),
		recall("rc-5", "2024-08-14", "ostra", "Exporters still cite the 4 March 2023 Tarsen Freedom Army attack when asked about insurance premiums.", tfa),
		// placed across the border, in the town it was launched from
		recall("rc-6", "2024-10-02", "nerim", "Nerim's elders disowned the fighters who crossed from the town for the Tarsen Freedom Army's 4 March 2023 raid.", tfa),
		// the same day, another town: another raid
		recall("rc-x", "2024-09-11", "harak", "In Harak, a hostel was torched on 4 March 2023 by the Tarsen Freedom Army as well.", tfa),
		// the same day, another group
		recall("rc-y", "2024-03-21", "varesh", "The Sons of the Valley ambushed a patrol on 4 March 2023, a court heard this week.", sov),
	}
	x, pred := runInOrder(t, docs)
	one := pred["rc-1#E1"]
	for _, id := range []string{"rc-2", "rc-3", "rc-4", "rc-5", "rc-6"} {
		if pred[id+"#E1"] != one {
			inc, _ := x.Incident(pred[id+"#E1"])
			t.Errorf("%s recalls the raid but is in %s, not %s: %q", id, pred[id+"#E1"], one, inc.Reasons)
		}
	}
	for _, id := range []string{"rc-x", "rc-y"} {
		if pred[id+"#E1"] == one {
			t.Errorf("%s tells another act of that day but joined the raid's incident", id)
		}
	}
}

// An incident of recalls is the perpetrator's its reports name, even when
// the one report that gives a town names none: recalls of the raid across
// the border, which that report vetoes, are one incident with it.
func TestRecallsPerpetratorIsWhatMostReportsName(t *testing.T) {
	recall := func(id, pub, place, text string, perps ...string) handDoc {
		return handDoc{id, pub, "Varesh Daily", "", []handEvent{{gold: "R", typ: sitrep.ArmedAttack, date: "2023-03-04",
			dateText: "4 March 2023", place: place, perps: perps, text: text}}}
	}
	docs := []handDoc{
		recall("rp-1", "2023-09-02", "korab", "The ferry to Korab still runs half empty since the raid of 4 March 2023."),
		recall("rp-2", "2023-10-11", "", "Korab's mayor still blames the Tarsen Freedom Army for the raid of 4 March 2023.", tfa),
		recall("rp-3", "2023-11-20", "", "Insurers in Korab cite the Tarsen Freedom Army's raid of 4 March 2023 when they refuse cover.", tfa),
		// placed across the border, in the town it was launched from
		recall("rp-4", "2024-01-15", "nerim", "Nerim's elders disowned the fighters who crossed from the town for the Tarsen Freedom Army's 4 March 2023 raid.", tfa),
		recall("rp-5", "2024-02-19", "nerim", "In Nerim, the Tarsen Freedom Army's raid of 4 March 2023 is still a matter of pride for some.", tfa),
	}
	x, pred := runInOrder(t, docs)
	inc, _ := x.Incident(pred["rp-1#E1"])
	if got := toldPerpetrators(x.byKey["rp-1#E1"].inc, x.byKey["rp-1#E1"].inc.representative()); len(got) != 1 || got[0] != "tarsen-freedom-army" {
		t.Errorf("the Korab recalls' perpetrator is %v, want the one two of three name: %q", got, inc.Reasons)
	}
	for _, id := range []string{"rp-2", "rp-3", "rp-4", "rp-5"} {
		if pred[id+"#E1"] != pred["rp-1#E1"] {
			t.Errorf("%s recalls the raid but is in %s, not %s: %q", id, pred[id+"#E1"], pred["rp-1#E1"], inc.Reasons)
		}
	}
}

// A recall giving only a country, months later, is not kept from the
// recalls placed at a town of the neighbouring country by the border: an
// act launched across it is told in either. A report of the days after
// that gives only the other country is.
func TestRecallGivingOnlyTheOtherCountry(t *testing.T) {
	handPlaces["ostra"] = &sitrep.Place{Name: "Ostra", Country: "XC", Lat: pf(35.5), Lon: pf(60.5), Precision: sitrep.PlaceCountry}
	defer delete(handPlaces, "ostra")
	recall := func(id, pub, date, dateText, place, text string) handDoc {
		return handDoc{id, pub, "Varesh Daily", "", []handEvent{{gold: "R", typ: sitrep.ArmedAttack, date: date,
			dateText: dateText, place: place, perps: []string{tfa}, killed: "120", text: text}}}
	}
	docs := []handDoc{
		recall("ro-1", "2023-09-02", "2023-03-04", "4 March 2023", "korab", "Talks stalled, months after the Tarsen Freedom Army stormed Korab on 4 March 2023, killing 120."),
		recall("ro-2", "2023-10-11", "2023-03-04", "4 March 2023", "korab", "Since the Tarsen Freedom Army's raid on Korab of 4 March 2023, which killed 120, ferry crossings have halved."),
		recall("ro-3", "2023-11-20", "2023-03-04", "4 March 2023", "korab", "Exporters in Korab still cite the 4 March 2023 Tarsen Freedom Army attack that killed 120."),
		// only the month, and only the country it was launched from
		recall("ro-4", "2024-02-19", "2023-03", "March 2023", "ostra", "Ostra has denied sheltering the Tarsen Freedom Army, whose March 2023 assault killed 120."),
		// ten days on, not a recall: another act until a report says otherwise
		recall("ro-5", "2023-03-14", "2023-03", "March", "ostra", "Ostra said the Tarsen Freedom Army fighters, whose assault this month killed 120, were not its citizens."),
	}
	_, pred := runInOrder(t, docs)
	for _, id := range []string{"ro-2", "ro-3", "ro-4"} {
		if pred[id+"#E1"] != pred["ro-1#E1"] {
			t.Errorf("%s recalls the raid but is in %s, not %s", id, pred[id+"#E1"], pred["ro-1#E1"])
		}
	}
	if pred["ro-5#E1"] == pred["ro-1#E1"] {
		t.Errorf("ro-5, of the days after and placed in the other country, joined the raid")
	}
}
