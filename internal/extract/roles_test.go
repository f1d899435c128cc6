package extract

import (
	"slices"
	"strings"
	"testing"

	"sitrep"
)

// The sentences below are written for these tests; they describe no real
// incident. Each table is one kind of sentence whose roles are read.

// roleCase is one sentence and the perpetrator and target names its one
// incident must hold ("" when not checked); target must be the whole name
// of a target, so that a count or article lost fails; notPerp must not be
// among the perpetrators.
type roleCase struct{ body, perp, target, notPerp string }

func checkRoles(t *testing.T, cases []roleCase) {
	t.Helper()
	for _, c := range cases {
		r := run(t, "2024-03-06", c.body)
		if len(r.Events) != 1 {
			t.Errorf("%q: %d events, want 1", c.body, len(r.Events))
			continue
		}
		e := r.Events[0]
		if got := names(e.Perpetrators); c.perp != "" && !strings.Contains(got, c.perp) || c.notPerp != "" && strings.Contains(got, c.notPerp) {
			t.Errorf("%q: perpetrators %q, want %q, not %q", c.body, got, c.perp, c.notPerp)
		}
		if c.target == "" {
			continue
		}
		found := false
		for _, a := range e.Targets {
			found = found || a.Name == c.target
		}
		if !found {
			t.Errorf("%q: targets %q, want %q", c.body, names(e.Targets), c.target)
		}
	}
}

// A described target keeps the count and article the report gives it:
// "a man" is one man, "39 police officers" says how many were struck.
func TestTargetNamesKeepTheirCount(t *testing.T) {
	checkRoles(t, []roleCase{
		{"Police in Kisumu shot dead a man on Tuesday.", "Police", "a man", ""},
		{"Gunmen shot dead a 52-year-old teacher in Kandahar on Monday.", "Gunmen", "a 52-year-old teacher", ""},
		{"A trader was shot dead while his son was injured in an attack in Karachi on Friday.", "", "his son", ""},
		{"At least 14 villagers were killed in the attack in Zamfara on Monday.", "", "At least 14 villagers", ""},
		{"Rebels stormed a base in Beni on Sunday, killing seven Congolese soldiers.", "Rebels", "seven Congolese soldiers", ""},
		{"Militants ambushed and killed 39 police officers near Kananga on Friday.", "Militants", "39 police officers", ""},
		{"Bandits abducted more than 60 worshippers from a church in Kaduna on Sunday.", "Bandits", "more than 60 worshippers", ""},
	})
}

// Who was struck, read past what stands between the subject and its verb:
// an actor that only qualifies the victim, an adverb, an aside, a name
// given in apposition.
func TestStruckSubjects(t *testing.T) {
	checkRoles(t, []roleCase{
		{"A U.N. peacekeeper was killed in an attack near Bambari on Sunday.", "", "A U.N. peacekeeper", ""},
		{"A student, Ali Raza, was forcibly abducted from his home in Quetta on Monday.", "", "Ali Raza", ""},
		{"Omar Khan, a teacher who was allegedly abducted from Quetta on Monday, has been released.", "", "Omar Khan", ""},
		{"More than 80 people, mostly children, were kidnapped from a school in Bamenda on Monday.", "", "More than 80 people, mostly children", ""},
		{"Soldiers killed hundreds of people, mostly men, in Axum in November, witnesses said.", "Soldiers", "hundreds of people, mostly men", ""},
		{"A fourth attacker blew himself up in a bombing of a hotel in Mombasa on Saturday.", "A fourth attacker", "", ""},
	})
}

// Roles the sentence gives away from the trigger's own phrases: who was
// involved in or behind an attack, the sides of a clash, who protested.
func TestRolesElsewhereInTheSentence(t *testing.T) {
	checkRoles(t, []roleCase{
		{"Police said the three men were involved in several attacks, including the bombing of a market in Quetta on May 3.", "the three men", "", ""},
		{"Islamic State said on Monday its local affiliate was behind Sunday's bombing of a mosque in Peshawar.", "Islamic State", "", ""},
		{"Five people were killed in a clash between militants and police in Bajaur on Friday.", "militants", "police", ""},
		{"Weapons were seized from the militants, who remained actively involved in the bombing of a market in Bannu on May 3.", "militants", "", "remained"},
		{"A police constable allegedly involved in drug smuggling was injured during a raid in Hadiara on Sunday.", "", "", "constable"},
		{"Police said some personal enmity was behind the killing of a trader in Dalmia on Sunday.", "", "a trader", "enmity"},
		{"Thousands of people protested in Khartoum on Saturday as police fired tear gas, witnesses said.", "Thousands of people", "", "police"},
		{"Police fired tear gas at protests in Khartoum on Saturday, as hundreds of thousands of people demanded civilian rule.", "hundreds of thousands of people", "", "Police"},
	})
}

// A victim named in apposition is a casualty of the attack, not the person
// it was aimed at: the attack stays an attack.
func TestVictimNamedInApposition(t *testing.T) {
	for _, body := range []string{
		"Gunmen opened fire on an army post near Kalat on Sunday. One soldier, Ivan Petrenko, was killed in the attack.",
		"Gunmen opened fire on an army post near Kalat on Sunday. Omar Khan, the father of a local lawyer, was killed in the attack.",
	} {
		r := run(t, "2024-03-06", body)
		if len(r.Events) != 1 {
			t.Fatalf("%q: %d events", body, len(r.Events))
		}
		e := r.Events[0]
		if e.Type == "assassination" {
			t.Errorf("%q: type %s", body, e.Type)
		}
		if got := names(e.Targets); strings.Contains(body, "Ivan") && !strings.Contains(got, "Ivan Petrenko") || strings.Contains(got, "lawyer") {
			t.Errorf("%q: targets %q", body, got)
		}
	}
}

// Agents described by what qualifies them, and by a participle after them;
// both of two coordinated agents; whom an incident noun befell.
func TestDescribedAgents(t *testing.T) {
	checkRoles(t, []roleCase{
		{"Police said they were hunting a gang suspected of fatally shooting five people in Carrefour on Sunday.", "a gang", "", ""},
		{"The army and police killed 12 protesters in Lagos on Tuesday, a rights group said.", "army", "12 protesters", ""},
		{"A 19-year-old man without an entry permit stabbed a police officer in Hebron on Sunday.", "A 19-year-old man", "a police officer", ""},
		{"The group called for a probe into the killing of a pregnant woman by men in military uniform in Palma in August.", "men in military uniform", "a pregnant woman", ""},
	})
}

// "The bombings were organised by X" blames the incidents told just
// before in the plural, not the one the report leads with.
func TestDefinitePluralBlamesTheLastIncidents(t *testing.T) {
	r := run(t, "2024-03-06", "A roadside bomb killed a ranger in Narathiwat on Tuesday.\n\n"+
		"Bombings in Songkhla over the weekend targeted banks and hotels, killing six people. "+
		"Police believe the bombings were organized by the insurgent network.")
	if len(r.Events) < 2 {
		t.Fatalf("want two incidents, got %+v", r.Events)
	}
	for _, e := range r.Events {
		blamed := strings.Contains(names(e.Perpetrators), "insurgent network")
		if lead := placeName(e) == "Narathiwat"; lead == blamed {
			t.Errorf("%s in %s: perpetrators %q", e.Type, placeName(e), names(e.Perpetrators))
		}
	}
}

// Victims told beside the trigger: who died or was hurt, whom an attack
// left dead, who was among the dead, the building a blast went off at.
func TestVictimsAroundTheTrigger(t *testing.T) {
	checkRoles(t, []roleCase{
		{"A police corporal died and three others were injured in a bomb attack in Leitza yesterday.", "", "A police corporal", ""},
		{"A soldier was seriously injured in a rebel attack in Beni on Monday.", "", "A soldier", ""},
		{"Al Shabaab claimed responsibility for Saturday's attack on a bus near Mandera that left 28 people dead.", "Al Shabaab", "28 people", ""},
		{"Officials said at least 36 people, including soldiers and policemen, were killed in an attack in Arish on Wednesday.", "", "soldiers", ""},
		{"A car bomb exploded outside the Turkish embassy in Mogadishu on Friday, killing three guards.", "", "the Turkish embassy", ""},
	})
}

// A bare figure ("four were injured") names no one struck.
func TestBareFigureIsNoTarget(t *testing.T) {
	r := run(t, "2024-03-06", "Two soldiers were killed and four were injured in a bomb attack in Kalat on Sunday.")
	if len(r.Events) != 1 {
		t.Fatalf("%d events", len(r.Events))
	}
	for _, a := range r.Events[0].Targets {
		if a.Name == "four" {
			t.Errorf("targets %q", names(r.Events[0].Targets))
		}
	}
	if got := names(r.Events[0].Targets); !strings.Contains(got, "Two soldiers") {
		t.Errorf("targets %q, want Two soldiers", got)
	}
}

// More of whom a sentence says was struck: the object of the verb an
// incident noun is told with, a noun phrase that ends where a participle
// clause opens, a name between commas before "died", who was subjected to
// torture.
func TestVictimsOfTheClause(t *testing.T) {
	checkRoles(t, []roleCase{
		{"The group claimed an attack in Quetta on Monday in which a suicide bomber attacked a bus carrying nurses.", "", "a bus carrying nurses", ""},
		{"Police said they had killed the leader of a gang suspected of shooting five people in Carrefour on Monday.", "", "the leader of a gang", ""},
		{"A Rohingya teen, Karim Ullah, died on Friday night as mortar shells fell in a camp near Ukhia.", "", "Karim Ullah", ""},
	})
	r := run(t, "2024-03-06", "The migrants had been held in Ajdabiya and subjected to torture by a gang last month, the ministry said.")
	found := false
	for _, e := range r.Events {
		found = found || e.Type == "torture" && strings.Contains(names(e.Targets), "The migrants")
	}
	if !found {
		t.Errorf("no torture of the migrants in %+v", r.Events)
	}
}

// Words that name no one struck: an adverb after a pronoun, a victim
// denied ("no passenger died"), a figure alone.
func TestNoOneStruck(t *testing.T) {
	for _, c := range []struct{ body, not string }{
		{"Four men attacked a shopkeeper in Kot Mubarak on Sunday, injuring him seriously.", "him seriously"},
		{"Gunmen attacked a train near Sibi on Tuesday; officials said no passenger died.", "passenger"},
	} {
		for _, e := range run(t, "2024-03-06", c.body).Events {
			for _, a := range e.Targets {
				if a.Name == c.not {
					t.Errorf("%q: targets %q", c.body, names(e.Targets))
				}
			}
		}
	}
}

// The agent given with an act told again in the sentence: "The others
// arrested are A and B, who was arrested by the city police".
func TestAgentOfTheActToldAgain(t *testing.T) {
	r := run(t, "2024-03-06", "Police in Mohali arrested six men on Monday. "+
		"The others arrested are Ali Raza, Omar Khan and Bilal Ahmed, a resident of Kulla village who was arrested by the Faridkot police.")
	found := false
	for _, e := range r.Events {
		found = found || strings.Contains(names(e.Perpetrators), "Faridkot police")
	}
	if !found {
		t.Errorf("no arrest by the Faridkot police in %+v", r.Events)
	}
}

// An aside after a victim says what the victim is, or names the one
// described: both are told as struck; so is the object of a second verb
// ("attacked and killed X") and what was set fire to.
func TestVictimAside(t *testing.T) {
	checkRoles(t, []roleCase{
		{"Gunmen shot dead Ali Raza, a school teacher, in Turbat on Monday.", "Gunmen", "a school teacher", ""},
		{"Two assailants shot and killed Omar Farooq, a soldier, near Bannu on Friday.", "", "a soldier", ""},
		{"Gunmen attacked and killed the brother of a police chief in Miyan Joy on Friday.", "Gunmen", "the brother of a police chief", ""},
		{"Assailants set fire to a telecom tower in Ntuzuma on Monday.", "Assailants", "a telecom tower", ""},
		{"A sniper opened fire and injured a child in Mufash on Friday.", "", "a child", ""},
		{"An explosive device detonated outside of a bank in Basra on Monday.", "", "a bank", ""},
		{"Assailants threw a grenade into a police station in Pathein on Thursday.", "", "a police station", ""},
		{"Militants fired a rocket that struck a poultry farm near Sderot on Saturday.", "", "a poultry farm", ""},
	})
}

// A phrase read leftwards for an agent does not cross into another clause:
// neither a finite verb ("took office") nor a pronoun and its verb.
func TestAgentPhraseStopsAtAClause(t *testing.T) {
	for _, body := range []string{
		"The first strikes on the port since Omar Hadi took office killed 31 people in Hodeidah on Sunday.",
		"The ministry denied claims that it supports the militants who attacked a checkpoint in Kafa on Tuesday.",
	} {
		for _, e := range run(t, "2024-03-06", body).Events {
			for _, p := range e.Perpetrators {
				if strings.Contains(p.Name, "took") || strings.HasPrefix(p.Name, "it ") {
					t.Errorf("%q: perpetrator %q", body, p.Name)
				}
			}
		}
	}
}

// Words that name no one (a pronoun, a time, a spot, an act) are no target.
func TestTargetsNameSomeone(t *testing.T) {
	r := run(t, "2024-03-06", "Police said gunmen opened fire on them at the spot in Kohat on Monday, killing two people.")
	for _, e := range r.Events {
		for _, tg := range e.Targets {
			if tg.Name == "them" || tg.Name == "the spot" {
				t.Errorf("target %q names no one", tg.Name)
			}
		}
	}
	r = run(t, "2024-03-06", "Gunmen attacked a police station in Kohat on Monday, killing two policemen.")
	if len(r.Events) != 1 || len(r.Events[0].Targets) == 0 {
		t.Fatalf("a target that names someone is kept: %+v", r.Events)
	}
}

// A country that only qualifies the actor a phrase names — who backs or
// hosts a group, whose envoy or militia it is — is not the actor: the
// group or person it qualifies acted, or was struck.
func TestCountryQualifierIsNotTheActor(t *testing.T) {
	cases := []struct{ body, perp, target string }{
		{"Iran-backed Houthis attacked a cargo ship off Hodeidah on Monday.", "houthis", ""},
		{"Suspected Tajikistan-based Islamic State fighters attacked a post in Kunduz on Monday.", "islamic-state", ""},
		{"Yemen's Houthi militia attacked a tanker in the Red Sea on Monday.", "houthis", ""},
		{"Russia's Wagner group attacked a village near Gao on Monday.", "wagner", ""},
		{"Protesters attacked the convoy of Iran's Foreign Minister Abbas Araghchi in Kabul on Monday.", "", "abbas-araghchi"},
	}
	for _, c := range cases {
		r := run(t, "2024-03-06", c.body)
		if len(r.Events) != 1 {
			t.Errorf("%q: %d events, want 1", c.body, len(r.Events))
			continue
		}
		e := r.Events[0]
		if c.perp != "" && (len(e.Perpetrators) == 0 || e.Perpetrators[0].ID != c.perp) {
			t.Errorf("%q: perpetrators %+v, want %s", c.body, e.Perpetrators, c.perp)
		}
		if c.target == "" {
			continue
		}
		found := false
		for _, a := range e.Targets {
			found = found || a.ID == c.target
			if a.ID == "iran" {
				t.Errorf("%q: the country that qualifies a target is a target: %+v", c.body, e.Targets)
			}
		}
		if !found {
			t.Errorf("%q: targets %+v, want %s", c.body, e.Targets, c.target)
		}
	}
}

// A phrasal verb's particle is not its object's: "shot down an F-16" struck
// the jet, and a model's designation stays whole in the target's name.
func TestParticleIsNotTheTarget(t *testing.T) {
	r := run(t, "2025-05-07", "Air defences shot down an Ostrian F-16 fighter jet over Korab on Monday.")
	if len(r.Events) != 1 {
		t.Fatalf("%d events, want 1", len(r.Events))
	}
	var names []string
	for _, tg := range r.Events[0].Targets {
		names = append(names, tg.Name)
	}
	if !slices.Contains(names, "an Ostrian F-16 fighter jet") {
		t.Errorf("targets %q, want the jet named whole", names)
	}
	if r.Events[0].Type == sitrep.Assassination {
		t.Errorf("a jet shot down read as a targeted killing of a person")
	}
}

// Whom someone found, saw or left struck is who was struck, not who acted:
// "found two men shot dead", "leaving five soldiers martyred". Whom they
// saw act ("saw Kenya launch strikes") acted.
func TestFoundStruckIsNoPerpetrator(t *testing.T) {
	for _, c := range []struct{ body, perp string }{
		{"Police found two men shot dead in a field near Korab on Monday.", ""},
		{"Gunmen attacked the post on Monday, leaving five soldiers martyred.", "gunmen"},
		{"He found the three brothers brutally murdered inside their home in Korab on Monday.", ""},
		{"The escalation saw Kenya launch airstrikes on Korab on Thursday.", "kenya"},
	} {
		r := run(t, "2025-07-31", c.body)
		if len(r.Events) == 0 {
			t.Errorf("%q: no event", c.body)
			continue
		}
		var perps []string
		for _, p := range r.Events[0].Perpetrators {
			perps = append(perps, p.ID)
		}
		if c.perp == "" && len(perps) > 0 || c.perp != "" && !slices.Contains(perps, c.perp) {
			t.Errorf("%q: perpetrators %q, want %q", c.body, perps, c.perp)
		}
	}
}
