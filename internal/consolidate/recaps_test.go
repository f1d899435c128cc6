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
