package extract

import (
	"testing"

	"sitrep"
)

// The sentences below are written for these tests; they describe no real
// incident. A recap, an aside and the account of one attack are one
// incident with one set of figures; two attacks stay two.
func TestOneAttackRetold(t *testing.T) {
	cases := []struct {
		name, published, text string
		date, place           string
		killed                int
	}{
		{
			// a recap dated by its week, then the account that gives the day
			"week recap and day", "2024-06-14",
			"The minister on Friday promised to help find those behind this week's attack in Sopore.\n\n" +
				"A new aid package was also announced for the region.\n\n" +
				"Farmers in the valley asked for better roads.\n\n" +
				"“We condemn the brutal attack on Tuesday, killing 12 pilgrims in Sopore,” the minister said.",
			"2024-06-11", "Sopore", 12,
		},
		{
			// the week named first, the day and the town right after
			"week then dated strike", "2024-06-18",
			"Diplomats on Monday denounced the attack on Kenya last week.\n\n" +
				"The strike on Nairobi on June 11 hit a market. Four traders were killed.",
			"2024-06-11", "Nairobi", 4,
		},
		{
			// an aside that names only the country of the strike told after
			"country aside", "2024-06-13",
			"The president said that bombing Kenya would not bring peace.\n\n" +
				"The council met in the afternoon.\n\n" +
				"Aid groups asked for calm.\n\n" +
				"Warplanes bombed a compound in Nairobi on Wednesday, officials said.",
			"2024-06-12", "Nairobi", -1,
		},
		{
			// the day a government spoke is not the day of the attack it
			// mourned; the account told later is the same attack
			"reaction then account", "2024-06-13",
			"The government on Wednesday expressed its grief over the killing of pilgrims in an attack in Khyber district.\n\n" +
				"“We mourn the pilgrims killed in the attack in Khyber district,” a spokesman said.\n\n" +
				"He wished the injured a quick recovery.\n\n" +
				"At least 9 pilgrims were killed in an attack by gunmen in Landi Kotal.",
			"", "Landi Kotal", 9,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.published, c.text)
			var violent []sitrep.Event
			for _, e := range r.Events {
				if violentType(e.Type) {
					violent = append(violent, e)
				}
			}
			if len(violent) != 1 {
				t.Fatalf("want one incident, got %d: %+v", len(violent), violent)
			}
			e := violent[0]
			if c.date != "" && dateStart(e) != c.date || placeName(e) != c.place || best(e.Killed) != c.killed {
				t.Errorf("date %q place %q killed %d", dateStart(e), placeName(e), best(e.Killed))
			}
		})
	}
}

// Two attacks of one report on different days or in different towns are
// not one retold.
func TestTwoAttacksStayTwo(t *testing.T) {
	for _, text := range []string{
		"Gunmen attacked a checkpoint in Sopore on Monday, killing three policemen.\n\n" +
			"The army sent more troops.\n\n" +
			"Schools were closed.\n\n" +
			"On Wednesday, gunmen attacked a bus in Sopore, killing five passengers.",
		"Gunmen attacked a checkpoint in Sopore this week, killing three policemen.\n\n" +
			"The army sent more troops.\n\n" +
			"Schools were closed.\n\n" +
			"Gunmen attacked a bus in Anantnag on Tuesday, killing five passengers.",
	} {
		r := run(t, "2024-06-14", text)
		if len(r.Events) != 2 {
			t.Errorf("want two incidents, got %d: %+v", len(r.Events), r.Events)
		}
	}
}

// The day someone spoke of "the recent attack" is not the day of the
// attack.
func TestRecentAttackNotDatedBySpeech(t *testing.T) {
	r := run(t, "2024-06-14",
		"The army chief on Thursday vowed to punish the planners of the recent attack on a police station in Landi Kotal.")
	for _, e := range r.Events {
		if dateStart(e) == "2024-06-13" {
			t.Errorf("dated by the speech: %+v", e)
		}
	}
}

// A participial phrase opening the sentence sets the scene; the act told
// after it happened elsewhere. The country whose sovereignty an act
// breached is where it happened, not the state that breached it.
func TestPlaceOfTheActNotTheScene(t *testing.T) {
	for _, c := range []struct{ text, place string }{
		// no place of its own: the country the report is about
		{"Enjoying wide support in Nairobi, the rebels attacked a convoy on Tuesday, killing nine soldiers.", "Kenya"},
		{"Having fought for years in Tigray, the state of Eritrea violated Sudan's sovereignty when its jets bombed a market, killing seven people.", "Sudan"},
	} {
		r := run(t, "2024-06-14", c.text)
		if len(r.Events) != 1 || placeName(r.Events[0]) != c.place {
			t.Errorf("%q: want one incident in %s, got %+v", c.text, c.place, r.Events)
		}
	}
}

// "During" opens no participial phrase: the clashes it names are where
// the killing happened.
func TestDuringPhraseKeepsItsPlace(t *testing.T) {
	r := run(t, "2024-06-14", "During clashes in Kisumu on Monday, gunmen killed three traders.")
	if len(r.Events) == 0 || placeName(r.Events[0]) != "Kisumu" {
		t.Errorf("want the killing in Kisumu, got %+v", r.Events)
	}
}

// "the Afghan capital" is Kabul, not Afghanistan, and not the country of
// whoever struck it.
func TestDemonymCapitalIsTheCapital(t *testing.T) {
	r := run(t, "2024-06-14", "A suicide bomber struck a market in the Afghan capital on Monday, killing 12 people.")
	if len(r.Events) != 1 || placeName(r.Events[0]) != "Kabul" {
		t.Errorf("want one incident in Kabul, got %+v", r.Events)
	}
}

// "The event" paragraphs after an attack a speaker cited is the occasion
// the report is about, not that attack: its sentence is no evidence of it.
func TestDistantEventIsNotTheAttack(t *testing.T) {
	r := run(t, "2024-06-14",
		"The book fair opened in Karachi on Friday.\n\n"+
			"The minister recalled the bombing of a school bus in Turbat that killed four children.\n\n"+
			"He praised the publishers.\n\n"+
			"He said reading builds peace.\n\n"+
			"He thanked the organisers.\n\n"+
			"The event also featured a poetry recital by students.")
	for _, e := range r.Events {
		for _, ev := range e.Evidence {
			if ev.Text == "The event also featured a poetry recital by students." {
				t.Errorf("the fair's recital told as evidence of %s", e.Type)
			}
		}
	}
}
