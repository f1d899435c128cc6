// Package storetest is the suite every store.Store backend must pass, and
// the small hand-made corpus it uses, which other packages' tests may load.
package storetest

import (
	"time"

	"sitrep"
	"sitrep/internal/store"
)

func f64(v float64) *float64 { return &v }
func n(v int) *int           { return &v }

func count(v int, text string) *sitrep.Count {
	return &sitrep.Count{Low: n(v), Best: n(v), High: n(v), Text: text}
}

func ref(id, name string) sitrep.ActorRef { return sitrep.ActorRef{ID: id, Name: name} }

func span(text, sentence string) []sitrep.Span {
	for i := 0; i+len(sentence) <= len(text); i++ {
		if text[i:i+len(sentence)] == sentence {
			return []sitrep.Span{{Start: i, End: i + len(sentence), Text: sentence}}
		}
	}
	panic("storetest: evidence not in text: " + sentence)
}

var (
	quetta = func() *sitrep.Place {
		return &sitrep.Place{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Lat: f64(30.18), Lon: f64(67.0), GeonamesID: 1167528, Precision: sitrep.PlaceTown}
	}
	turbat = func() *sitrep.Place {
		return &sitrep.Place{Name: "Turbat", Admin1: "Balochistan", Country: "PK", Lat: f64(26.0), Lon: f64(63.05), Precision: sitrep.PlaceTown}
	}
)

// Doc is one document of the fixture corpus.
type Doc struct {
	Name   string // a, b, c, d
	Raw    []byte
	Meta   store.Original
	Text   string
	Result sitrep.Result
}

// ID is the document's id: its original's hash.
func (d Doc) ID() string { return store.HashBytes(d.Raw) }

// Key is the key of one of the document's events or claims.
func (d Doc) Key(id string) string { return store.Key(d.ID(), id) }

// Item is the document as a PutBatch item.
func (d Doc) Item() store.Item {
	r := d.Result
	return store.Item{Original: d.Meta, Raw: d.Raw,
		Document: &store.Document{Text: d.Text, Title: d.Meta.Title, Outlet: d.Meta.Outlet, Published: d.Meta.Published, URL: d.Meta.URL},
		Result:   &r, ExtractorVersion: "test-1"}
}

var captured = time.Date(2025, 9, 5, 10, 0, 0, 0, time.UTC)

// Corpus returns four small reports: a bombing and an arrest in Quetta
// (a), an enforced disappearance in Turbat and an undated attack (b), a
// wire copy of a (c), and a protest in Paris (d).
func Corpus() []Doc {
	aText := "QUETTA: A suicide bomber struck a political rally in Quetta on Tuesday, killing 15 people. " +
		"The Islamic State group claimed responsibility for the bombing. " +
		"Police arrested two suspects in Quetta on Wednesday."
	a := Doc{Name: "a", Text: aText, Raw: []byte("<html><body><p>" + aText + "</p></body></html>"),
		Meta: store.Original{Source: "https://dawn.example/quetta-blast", URL: "https://dawn.example/quetta-blast", CapturedAt: captured,
			Outlet: "Dawn", Published: "2025-09-03", Title: "Suicide blast at Quetta rally", ContentType: "text/html"}}
	a.Result = sitrep.Result{Schema: sitrep.Schema,
		Events: []sitrep.Event{{
			ID: "e1", Type: sitrep.Bombing, Suicide: true, Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: "2025-09-02", End: "2025-09-02", Precision: sitrep.PrecisionDay, Text: "Tuesday"},
			Place:        quetta(),
			Perpetrators: []sitrep.ActorRef{ref("islamic-state", "The Islamic State group")},
			Targets:      []sitrep.ActorRef{ref("balochistan-national-party", "political rally")},
			ClaimedBy:    []sitrep.ActorRef{ref("islamic-state", "The Islamic State group")},
			Killed:       count(15, "killing 15 people"),
			Evidence:     span(aText, "A suicide bomber struck a political rally in Quetta on Tuesday, killing 15 people."),
		}, {
			ID: "e2", Type: sitrep.Arrest, Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: "2025-09-03", End: "2025-09-03", Precision: sitrep.PrecisionDay, Text: "Wednesday"},
			Place:        quetta(),
			Perpetrators: []sitrep.ActorRef{ref("balochistan-police", "Police")},
			Evidence:     span(aText, "Police arrested two suspects in Quetta on Wednesday."),
		}},
		Claims: []sitrep.Claim{{
			ID: "c1", Speaker: ref("islamic-state", "The Islamic State group"), Cue: "claimed responsibility", Kind: sitrep.Indirect,
			Text:     "The Islamic State group claimed responsibility for the bombing.",
			Relation: &sitrep.Relation{Type: sitrep.ClaimsResponsibility, Subject: ref("islamic-state", "The Islamic State group"), Object: ref("balochistan-national-party", "political rally")},
			Evidence: span(aText, "The Islamic State group claimed responsibility for the bombing."),
		}},
		Actors: []sitrep.Actor{
			{ID: "islamic-state", Name: "Islamic State", Type: sitrep.ArmedGroup, Aliases: []string{"Daesh", "The Islamic State group"}, Mentions: 2},
			{ID: "balochistan-national-party", Name: "Balochistan National Party", Type: sitrep.PoliticalParty, Country: "PK", Aliases: []string{}, Mentions: 1},
			{ID: "balochistan-police", Name: "Balochistan Police", Type: sitrep.StateForce, Country: "PK", Aliases: []string{"Police"}, Mentions: 1},
		},
		Places: []sitrep.Place{*quetta()},
	}

	bText := "TURBAT: Two students were forcibly disappeared from Turbat in August, their families said. " +
		"Coastal Families Forum accused the army of backing Daesh. " +
		"Separately, BLA fighters attacked a checkpost in Kech District."
	b := Doc{Name: "b", Text: bText, Raw: []byte(bText),
		Meta: store.Original{Source: "/corpus/example-turbat.txt", CapturedAt: captured.Add(time.Hour),
			Outlet: "Example Daily News", Published: "2025-09-01", Title: "Students disappeared in Turbat", ContentType: "text/plain"}}
	b.Result = sitrep.Result{Schema: sitrep.Schema,
		Events: []sitrep.Event{{
			ID: "e1", Type: sitrep.Abduction, Modality: sitrep.Alleged,
			Date:         &sitrep.Date{Start: "2025-08-01", End: "2025-08-31", Precision: sitrep.PrecisionMonth, Text: "in August"},
			Place:        turbat(),
			Perpetrators: []sitrep.ActorRef{ref("frontier-corps", "Frontier Corps")},
			Victims:      count(2, "Two students"),
			Evidence:     span(bText, "Two students were forcibly disappeared from Turbat in August, their families said."),
		}, {
			ID: "e2", Type: sitrep.ArmedAttack, Modality: sitrep.Asserted,
			Place:        &sitrep.Place{Name: "Kech District", Admin1: "Balochistan", Country: "PK", Precision: sitrep.PlaceDistrict},
			Perpetrators: []sitrep.ActorRef{ref("baloch-liberation-army", "BLA")},
			Targets:      []sitrep.ActorRef{ref("", "checkpost")},
			Evidence:     span(bText, "Separately, BLA fighters attacked a checkpost in Kech District."),
		}},
		Claims: []sitrep.Claim{{
			ID: "c1", Speaker: ref("coastal-families-forum", "Coastal Families Forum"), Cue: "accused", Kind: sitrep.Indirect,
			Text:     "accused the army of backing Daesh",
			Relation: &sitrep.Relation{Type: sitrep.Supports, Subject: ref("pakistan-army", "the army"), Object: ref("islamic-state", "Daesh")},
			Evidence: span(bText, "Coastal Families Forum accused the army of backing Daesh."),
		}},
		Actors: []sitrep.Actor{
			{ID: "frontier-corps", Name: "Frontier Corps", Type: sitrep.StateForce, Country: "PK", Aliases: []string{"FC"}, Mentions: 1},
			{ID: "coastal-families-forum", Name: "Coastal Families Forum", Type: sitrep.RightsGroup, Aliases: []string{}, Mentions: 1},
			{ID: "pakistan-army", Name: "Pakistan Army", Type: sitrep.StateForce, Country: "PK", Aliases: []string{"the army"}, Mentions: 1},
			{ID: "islamic-state", Name: "Islamic State", Type: sitrep.ArmedGroup, Aliases: []string{"Daesh"}, Mentions: 1},
			{ID: "baloch-liberation-army", Name: "Baloch Liberation Army", Type: sitrep.ArmedGroup, Aliases: []string{"BLA"}, Mentions: 1},
		},
	}

	cText := "A suicide bomber struck a political rally in Quetta on Tuesday, killing at least 14 people, officials said. " +
		"Islamic State claimed responsibility."
	c := Doc{Name: "c", Text: cText, Raw: []byte(cText),
		Meta: store.Original{Source: "https://wire.example/asia/quetta", CapturedAt: captured.Add(2 * time.Hour),
			Outlet: "Wire", Published: "2025-09-02", Title: "Bomber kills 14 at Pakistan rally", ContentType: "text/plain"}}
	c.Result = sitrep.Result{Schema: sitrep.Schema,
		Events: []sitrep.Event{{
			ID: "e1", Type: sitrep.Bombing, Suicide: true, Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: "2025-09-02", End: "2025-09-02", Precision: sitrep.PrecisionDay, Text: "Tuesday"},
			Place:        quetta(),
			Perpetrators: []sitrep.ActorRef{ref("islamic-state", "Islamic State")},
			Killed:       &sitrep.Count{Low: n(14), Best: n(14), High: nil, Text: "at least 14 people"},
			Evidence:     span(cText, "A suicide bomber struck a political rally in Quetta on Tuesday, killing at least 14 people, officials said."),
		}},
		Actors: []sitrep.Actor{{ID: "islamic-state", Name: "Islamic State", Type: sitrep.ArmedGroup, Aliases: []string{}, Mentions: 1}},
	}

	dText := "PARIS: Thousands marched in Paris on May Day to protest pension reform."
	d := Doc{Name: "d", Text: dText, Raw: []byte(dText),
		Meta: store.Original{Source: "/corpus/paris.txt", CapturedAt: captured.Add(3 * time.Hour), Outlet: "Le Monde", Published: "2024-05-02", Title: "May Day march"}}
	d.Result = sitrep.Result{Schema: sitrep.Schema,
		Events: []sitrep.Event{{
			ID: "e1", Type: sitrep.Protest, Modality: sitrep.Asserted,
			Date:     &sitrep.Date{Start: "2024-05-01", End: "2024-05-01", Precision: sitrep.PrecisionDay, Text: "May Day"},
			Place:    &sitrep.Place{Name: "Paris", Admin1: "Île-de-France", Country: "FR", Lat: f64(48.8534), Lon: f64(2.3488), Precision: sitrep.PlaceTown},
			Evidence: span(dText, "Thousands marched in Paris on May Day to protest pension reform."),
		}},
	}
	return []Doc{a, b, c, d}
}

// ProvinceDoc is a report of a protest placed only at a province's centre.
func ProvinceDoc() Doc {
	text := "Hundreds protested across Balochistan on Friday against the closure of the border crossings."
	doc := Doc{Name: "p", Text: text, Raw: []byte(text),
		Meta: store.Original{Source: "/corpus/province.txt", CapturedAt: captured.Add(5 * time.Hour), Outlet: "Provincial Daily", Published: "2025-09-06", Title: "Protests across the province"}}
	doc.Result = sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{{ID: "e1", Type: sitrep.Protest, Modality: sitrep.Asserted,
		Date:     &sitrep.Date{Start: "2025-09-05", End: "2025-09-05", Precision: sitrep.PrecisionDay, Text: "Friday"},
		Place:    &sitrep.Place{Name: "Balochistan", Admin1: "Balochistan", Country: "PK", Lat: f64(28.5), Lon: f64(65.5), Precision: sitrep.PlaceProvince},
		Evidence: span(text, text)}}}
	return doc
}

// SoftHyphenDoc is a report whose words an outlet broke with soft hyphens
// (U+00AD): "Myanmar" in its event's evidence, "spokesperson" in its claim.
func SoftHyphenDoc() Doc {
	const sh = "\u00ad"
	text := "A court in Myan" + sh + "mar sentenced three journalists on Monday. " +
		"A spokes" + sh + "person for the junta said the trial was fair."
	d := Doc{Text: text, Raw: []byte(text), Meta: store.Original{Source: "https://example.org/court", Outlet: "Example Wire", Published: "2025-06-03", ContentType: "text/plain"}}
	d.Result = sitrep.Result{Schema: sitrep.Schema,
		Events: []sitrep.Event{{ID: "e1", Type: sitrep.Arrest, Modality: sitrep.Asserted,
			Date:     &sitrep.Date{Start: "2025-06-02", End: "2025-06-02", Precision: sitrep.PrecisionDay, Text: "Monday"},
			Evidence: span(text, "A court in Myan"+sh+"mar sentenced three journalists on Monday.")}},
		Claims: []sitrep.Claim{{ID: "c1", Speaker: ref("junta", "the junta"), Cue: "said", Kind: sitrep.Indirect,
			Text:     "A spokes" + sh + "person for the junta said the trial was fair.",
			Evidence: span(text, "A spokes"+sh+"person for the junta said the trial was fair.")}},
	}
	return d
}
