package extract

import (
	"strings"
	"testing"

	"sitrep"
)

// The sentences below are written for these tests; they describe no real
// incident. Each test is one rule of incident reading.

func placeName(e sitrep.Event) string {
	if e.Place == nil {
		return ""
	}
	return e.Place.Name
}

func dateStart(e sitrep.Event) string {
	if e.Date == nil {
		return ""
	}
	return e.Date.Start
}

// A headline and the lead that tells the same attack are one incident; the
// headline's rounded figure does not replace the text's.
func TestHeadingJoinsTheIncident(t *testing.T) {
	r := run(t, "2024-03-06",
		"Gunmen kill 10 in raid on village near Kandahar\n\n"+
			"Gunmen stormed a village near Kandahar on Tuesday night, killing nine villagers and a policeman, officials said.\n"+
			"The attackers fled before troops arrived.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d: %+v", len(r.Events), r.Events)
	}
	e := r.Events[0]
	if dateStart(e) != "2024-03-05" || placeName(e) != "Kandahar" || len(e.Evidence) < 2 {
		t.Errorf("date %q place %q evidence %d", dateStart(e), placeName(e), len(e.Evidence))
	}
}

// A heading no incident of the text takes stands on its own.
func TestHeadingAloneIsAnIncident(t *testing.T) {
	r := run(t, "2024-03-06", "Bomb kills three at bus stop in Peshawar\n\nMore to follow.")
	if len(r.Events) != 1 || r.Events[0].Type != sitrep.Bombing || best(r.Events[0].Killed) != 3 {
		t.Fatalf("events %+v", r.Events)
	}
}

// Photo captions and page furniture report nothing of their own.
func TestCaptionsAndFurnitureAreNotIncidents(t *testing.T) {
	r := run(t, "2024-03-06",
		"By Staff Reporter\n"+
			"March 6, 2024 10:15 am\n"+
			"Police guard the site of a 2019 bombing in Quetta, Pakistan. (Photo: File)\n\n"+
			"The provincial assembly met on Wednesday to discuss the budget.")
	if len(r.Events) != 0 {
		t.Fatalf("want no incident, got %+v", r.Events)
	}
}

// The dateline says where the reporter filed from, not where it happened.
func TestDatelineIsNotThePlace(t *testing.T) {
	for _, body := range []string{
		"NAIROBI (Reuters) – Gunmen killed 14 people in an attack on a market in Garissa on Sunday, police said.",
		"ISLAMABAD: Gunmen killed 14 people on Sunday, police said.",
		"(Nairobi) – Gunmen killed 14 people on Sunday, a rights group said.",
	} {
		r := run(t, "2024-03-06", body)
		if len(r.Events) != 1 {
			t.Fatalf("%q: %d events", body, len(r.Events))
		}
		if p := placeName(r.Events[0]); strings.EqualFold(p, "Nairobi") || strings.EqualFold(p, "Islamabad") {
			t.Errorf("%q: place %q is the dateline", body, p)
		}
	}
}

// "Officials said on Monday that gunmen attacked on Sunday" happened on
// Sunday; the day of the statement gives way to the day of the incident
// read in a later sentence, and does not split the incident.
func TestSpeechDateIsNotTheIncidentDate(t *testing.T) {
	r := run(t, "2024-03-05", // a Tuesday
		"Gunmen killed five villagers in an attack in Zhob, officials said on Monday. "+
			"The attackers opened fire on a wedding party on Sunday night.")
	if len(r.Events) != 1 {
		t.Fatalf("want one incident, got %d: %+v", len(r.Events), r.Events)
	}
	if d := dateStart(r.Events[0]); d != "2024-03-03" {
		t.Errorf("date %q, want the Sunday", d)
	}
	// with no other date, the day of the statement is the best guess
	r = run(t, "2024-03-05", "Gunmen killed five villagers in Zhob, officials said on Monday.")
	if len(r.Events) != 1 || dateStart(r.Events[0]) != "2024-03-04" {
		t.Errorf("events %+v", r.Events)
	}
}

// A small town of a country nothing else in the text mentions is a stray
// reading of an ordinary word, never the place of an incident.
func TestStrayPlaceIsNotThePlace(t *testing.T) {
	r := run(t, "2024-03-06",
		"A ranger was killed when a bomb exploded near his patrol in Narathiwat province, southern Thailand, on Tuesday. "+
			"Thai police in Yala and Pattani were put on alert, and the Ranger unit's commander said the Arab and Malay communities were shocked.")
	for _, e := range r.Events {
		if p := placeName(e); p == "Ranger" || p == "Arab" {
			t.Errorf("place %q", p)
		}
	}
}

// A capitalised word before a place noun names a locality only when it is
// a name: not an adjective, a day or a kind of place.
func TestUnlistedLocality(t *testing.T) {
	r := run(t, "2024-03-06", "Gunmen killed two shopkeepers in the Zangiwal area of Kech district on Monday.")
	if len(r.Events) != 1 || placeName(r.Events[0]) != "Zangiwal" {
		t.Fatalf("events %+v", r.Events)
	}
	for _, body := range []string{
		"A grenade exploded at the Friday bazaar in Kalat on Monday, wounding four people.",
		"Militants beheaded a Hazara village elder in Kalat on Monday.",
	} {
		r := run(t, "2024-03-06", body)
		if len(r.Events) != 1 || placeName(r.Events[0]) != "Kalat" {
			t.Errorf("%q: events %+v", body, r.Events)
		}
	}
}
