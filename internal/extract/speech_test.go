package extract

import (
	"slices"
	"strings"
	"testing"
)

// The sentences below are written for these tests; they report no real
// statement.

// speakers lists the speakers of a document's claims, in order.
func speakers(t *testing.T, body string) []string {
	t.Helper()
	r := run(t, "2024-04-10", body)
	var out []string
	for _, c := range r.Claims {
		if len(out) == 0 || out[len(out)-1] != c.Speaker.Name {
			out = append(out, c.Speaker.Name)
		}
	}
	return out
}

func TestSpeakers(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"described speaker keeps its article",
			"Fighting went on through the night in the port, a local source said.",
			[]string{"a local source"}},
		{"a day before the speaker is no part of it",
			"On Wednesday the governor called on residents to stay indoors.",
			[]string{"governor"}},
		{"a person in an aside after a clause ending in a date",
			"The shelling was the worst since the truce of March, Omar Haddad, head of the Sahel Monitor, said.",
			[]string{"Omar Haddad"}},
		{"a place after a preposition is no item of the list of speakers",
			"Forty bodies were found near the town of Kandi, a local official and a rights monitor said on Wednesday.",
			[]string{"a local official and a rights monitor"}},
		{"the group is not the rights groups, in the plural, that spoke before",
			"Rights groups say the army abducted 40 herders in Tessit. According to the Kiru Rights Council, three students were abducted in Kandi. The group also condemned the arrest of a teacher by police in Garoua.",
			[]string{"Rights groups", "Kiru Rights Council"}},
		{"according to a body, a person's own clause: the body speaks",
			"According to the Kiru Rights Council, Ali Musa was abducted by soldiers in Kandi.",
			[]string{"Kiru Rights Council"}},
		{"a source close to a group is not the group",
			"A source close to the Mountain Brigade confirmed that one of the dead was a fighter.",
			[]string{"A source close to the Mountain Brigade"}},
		{"an official with a force known by a name is the official",
			"A security official with the regional militia forces known as the guards also confirmed the discovery of the bodies.",
			[]string{"A security official with the regional militia forces known as the guards"}},
		{"a name ending in -ed is no verb",
			"At least 70 people were killed and 1,200 wounded there, Red Crescent and ambulance officials said.",
			[]string{"Red Crescent and ambulance officials"}},
		{"a titled person before the body he speaks for",
			"Doctor Amadou Diallo of Kandi General Hospital in the provincial capital said 30 bodies had been brought in.",
			[]string{"Amadou Diallo"}},
		{"a nationality before a title before a name",
			"Kenyan President Amina Waweru said the attackers would be found.",
			[]string{"Amina Waweru"}},
		{"a role noun is not the person named with another title before",
			"Kenyan President Amina Waweru visited the town. The governor said the market would stay shut.",
			[]string{"governor"}},
		{"an indefinite rights group is not the armed group that speaks next",
			"A rights group said 30 herders were missing. The Mountain Brigade said it held no one.",
			[]string{"A rights group", "Mountain Brigade"}},
		{"a role noun is not the person described by another role before",
			"A police officer said four people died in the fire. The governor said the market would stay shut.",
			[]string{"A police officer", "governor"}},
		{"the council is the council named before, not the last speaker",
			"The Kiru Rights Council met on Monday. The army said the fighters had left. The council said the fighters had stayed.",
			[]string{"army", "Kiru Rights Council"}},
		{"a family name alone, the person known with a title left out of the span",
			"Asif visits Quetta\n\nDefence Minister Khawaja Asif spoke on Monday. Later Asif said the army was ready.",
			[]string{"Khawaja Asif"}},
		{"the 'and' inside a name after a comma joins no list of speakers",
			"Raids on the border posts have doubled since 2019, the Centre for Peace and Conflict Research said.",
			[]string{"Centre for Peace and Conflict Research"}},
		{"a country's name ending in a speech verb is no cue",
			"John Adams, the second president of the United States, said the treaty must be honoured.",
			[]string{"John Adams"}},
		{"bare plural source",
			"Two shops were burned in the market, witnesses said.",
			[]string{"witnesses"}},
		{"speaker with a place after it",
			"A trader in Gao said he heard shots before dawn.",
			[]string{"A trader in Gao"}},
		{"coordinated description is one speaker",
			"Relief and hospital officials said nine people were treated for burns.",
			[]string{"Relief and hospital officials"}},
		{"a list of named actors each speak",
			"The United Nations, France and Germany said the talks would resume next week.",
			[]string{"United Nations", "France", "Germany"}},
		{"date and medium between speaker and cue",
			"The Ministry of Water on Monday in a statement said the dam was safe.",
			[]string{"Ministry of Water"}},
		{"aside between commas",
			"Farida Osman, speaking by telephone from the camp, said food had run out.",
			[]string{"Farida Osman"}},
		{"appositive person wins over the role",
			"A spokesman for the Coastal Farmers Union, Idris Mbeki, denied the report.",
			[]string{"Idris Mbeki"}},
		{"long appositive with a relative clause",
			"The Harbour Workers Union, a body which has organised strikes at every port on the coast for a decade, said it would march again.",
			[]string{"Harbour Workers Union"}},
		{"inverted, the name after its titles",
			"“We will not leave,” said Deputy Governor of the Province Leila Haddad.",
			[]string{"Leila Haddad"}},
		{"inverted, a description with a medium after it",
			"“The road is closed,” said a police official in a message to reporters.",
			[]string{"a police official"}},
		{"said it was: the pronoun is what is said, not who",
			"The Valley Front, an alliance formed in 2019 by three parties, said it was behind the march.",
			[]string{"Valley Front"}},
		{"the role noun finds the speaker named with it",
			"A senior border official said the crossing was shut. The official added that it would reopen on Friday.",
			[]string{"A senior border official"}},
		{"the military is its own speaker, not the soldiers named before",
			"Soldiers fired on a car near the checkpoint on Monday, the military said.",
			[]string{"military"}},
		{"according to a report by a body",
			"Most of the dead were farmers, according to a report by the Rural Rights Centre.",
			[]string{"Rural Rights Centre"}},
		{"according to reports: nobody named",
			"Most of the dead were farmers, according to reports.",
			nil},
		{"a claim that is a noun has no speaker",
			"His claims could not be verified.",
			nil},
		{"one of a group, then that one again",
			"“They burned the school,” said one of the residents. That resident said the soldiers left at dawn.",
			[]string{"one of the residents"}},
		{"a name the knowledge base lacks, after what it is",
			"The state news agency KNX reported that the bridge was closed.",
			[]string{"state news agency KNX"}},
		{"the members of a group speak for it",
			"Mountain Liberation Front fighters said they would leave the town.",
			[]string{"Mountain Liberation Front"}},
		{"reported X as saying",
			"State radio quoted the governor as saying the bridge would reopen.",
			[]string{"governor"}},
		{"his office speaks for him",
			"Governor Idris Kane visited the market. The attack was a crime, his office said.",
			[]string{"Idris Kane"}},
		{"a name after its description",
			"Nine people disappeared in May, according to the rights group Friends of the Missing.",
			[]string{"Friends of the Missing"}},
		{"a cleft names who claimed",
			"It was the Mountain Liberation Front who also claimed responsibility for the raid.",
			[]string{"Mountain Liberation Front"}},
		{"no coordination across a verb",
			"The Coastal Workers Union defends the strikers and stresses that wages must rise.",
			nil},
		{"a survey named as such is a name, not a document",
			"Most mothers give birth at home, according to the National Family Survey.",
			[]string{"National Family Survey"}},
		{"a role noun finds the person of that title",
			"Prime Minister Ali Varan visited the camp on Monday. The premier said aid would arrive.",
			[]string{"Ali Varan"}},
		{"a family name finds the one named last",
			"Omar Khan met Saad Khan in Quetta. Later, Saad Khan left and Omar Khan stayed. Khan said the talks had failed.",
			[]string{"Omar Khan"}},
		{"a list of items with names and a description",
			"The UN mission in Mali, France and most of the European governments expressed concern.",
			[]string{"UN mission in Mali", "France", "most of the European governments"}},
		{"a body and its partners",
			"In a joint statement, Amnesty International and its partners said 40 people were held.",
			[]string{"Amnesty International"}},
		{"found that",
			"A UN fact-finding mission found that all sides had broken the truce.",
			[]string{"A UN fact-finding mission"}},
		{"quick to condemn",
			"Local clerics were quick to condemn the killings.",
			[]string{"Local clerics"}},
		{"a relative clause names who accuses",
			"The crackdown drew criticism from rights groups, who accuse the police of torture.",
			[]string{"rights groups"}},
		{"fronted adverbials are no subject",
			"After its visit in May, in a report, the Lowland Monitoring Council, noted a rise in arrests.",
			[]string{"Lowland Monitoring Council"}},
		{"a document's author after a participle",
			"Forty soldiers died, according to a tally given by the armed forces.",
			[]string{"armed forces"}},
		{"coordinated descriptions keep the first head",
			"Rival parties and relatives of the missing claimed the bodies were theirs.",
			[]string{"Rival parties and relatives of the missing"}},
		{"the source cited speaks too",
			"Rebel radio reported 30 deaths, citing the regional health office.",
			[]string{"Rebel radio", "regional health office"}},
		{"an organisation called by its name",
			"Nine were killed, according to a charity called the Delta Relief Trust.",
			[]string{"Delta Relief Trust"}},
		{"whose body the name says",
			"Ruritania’s Coast Watch Service said the boat sank.",
			[]string{"Ruritania’s Coast Watch Service"}},
		{"officials there",
			"No one claimed the blast, but officials there noted the pattern of earlier attacks.",
			[]string{"officials there"}},
		{"passive condemnation with an adverb",
			"The killing was widely condemned by politicians.",
			[]string{"politicians"}},
		{"passive claim names the claimant after by",
			"The blast was claimed by the Mountain Brigade.",
			[]string{"Mountain Brigade"}},
		{"an acronym after the name is no part of it",
			"Attacks rose in March, according to data released by the Lowland Institute for Conflict and Security Studies (LICSS), a think tank.",
			[]string{"Lowland Institute for Conflict and Security Studies"}},
		{"the group that denies is no government that spoke before",
			"The Ruritanian authorities said the blast killed five people in Dunmore on Monday. An army spokesman accused the Mountain Brigade of carrying out the strike, but the group denied any involvement.",
			[]string{"Ruritanian authorities", "An army spokesman", "Mountain Brigade"}},
		{"a seat of government of two words",
			"New Delhi accused the Mountain Brigade of the attack.",
			[]string{"New Delhi"}},
		{"whom a participle accuses is no speaker",
			"The monitors said the militia was burning villages, accusing the district governor and his deputies of complicity.",
			[]string{"monitors"}},
		{"whom a participle urges is no speaker",
			"Planting trees is a duty, the minister remarked, urging citizens to join the campaign.",
			[]string{"minister"}},
	}
	for _, c := range cases {
		got := speakers(t, c.body)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: speakers %q, want %q", c.name, got, c.want)
		}
	}
}

// A speaker named by a source noun gives an incident on its word as
// fact; a party's account of another's violence stays an allegation.
func TestModalityFollowsSpeaker(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"Rebels attacked an army post in Kidal on Monday, killing four soldiers, the military said.", "asserted"},
		{"Malian troops killed four villagers in Kidal on Monday, the Sahel Rights Network said.", "alleged"},
		{"Gunmen killed nine people in Kidal on Monday, a community leader said.", "asserted"},
		{"Gunmen killed nine people in Kidal on Monday, village elders told reporters.", "asserted"},
		{"Gunmen killed nine people in Kidal on Monday, a rebel leader said.", "alleged"},
		{"Gunmen killed nine people in Kidal on Monday, prosecutors said.", "asserted"},
		{"Rebels killed nine people in Kidal on Monday, the United Nations said.", "asserted"},
		{"Police arrested 40 students in Kidal on Monday, the Sahel Rights Network said.", "alleged"},
		{"Forty students were arrested in Kidal on Monday, the Sahel Rights Network said.", "alleged"},
		{"Forty students were arrested in Kidal on Monday, according to the Sahel Rights Network.", "asserted"},
		{"Rebels killed nine people in Kidal on Monday, the United Nations human rights office said.", "asserted"},
		{"Two hundred corpses were found near the town of Kidal on Wednesday, a local official and a war monitor said.", "asserted"},
	} {
		r := run(t, "2024-04-10", c.body)
		if len(r.Events) != 1 {
			t.Errorf("%q: %d events", c.body, len(r.Events))
			continue
		}
		if r.Events[0].Modality != c.want {
			t.Errorf("%q: modality %s, want %s", c.body, r.Events[0].Modality, c.want)
		}
	}
}

// A group's own account of its attack is a claimed incident; a claim of
// responsibility for an attack, or another source telling it too, leaves
// the incident reported as fact, with the claim kept in claimed_by.
func TestClaimedOnlyOnTheClaimantsWord(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"The Valley Front said it bombed an army convoy near Gao on Tuesday.", "claimed"},
		{"The Valley Front claimed that it had bombed an army convoy near Gao on Tuesday.", "claimed"},
		{"The Valley Front claimed a bombing of an army convoy near Gao on Tuesday.", "asserted"},
		{"The Valley Front claimed responsibility for Tuesday's bombing of an army convoy near Gao.", "asserted"},
		{"The Valley Front said it bombed an army convoy near Gao on Tuesday. The blast killed six soldiers, a military spokesman said.", "asserted"},
	} {
		r := run(t, "2024-04-10", c.body)
		if len(r.Events) != 1 {
			t.Errorf("%q: %d events", c.body, len(r.Events))
			continue
		}
		if e := r.Events[0]; e.Modality != c.want || names(e.ClaimedBy) != "Valley Front" {
			t.Errorf("%q: modality %s claimed by %q, want %s by Valley Front", c.body, e.Modality, names(e.ClaimedBy), c.want)
		}
	}
}

// A clause of the statement before a list of speakers is no speaker:
// "…, and killing two others, the military and residents said".
func TestSpeakerListStopsAtAClause(t *testing.T) {
	r := run(t, "2024-04-10", "The Valley Front stormed a post in Kidal on Monday, seizing four guards, and killing two others, the military and residents said.")
	if len(r.Events) != 1 || r.Events[0].ReportedBy == nil || strings.Contains(r.Events[0].ReportedBy.Name, "killing") {
		t.Errorf("events %+v", r.Events)
	}
}

// "said Wednesday he …": what follows the day is what is said, not the
// circumstances of a statement about the sentence before.
func TestSaidOnADayThenAClause(t *testing.T) {
	for _, body := range []string{
		"Gunmen attacked a market in Kandi on Monday. The governor said Wednesday he backed the hunt for the attackers.",
		"Gunmen attacked a market in Kandi on Monday. The governor said on Wednesday the hunt for the attackers would go on.",
	} {
		r := run(t, "2024-04-10", body)
		if len(r.Claims) != 1 {
			t.Fatalf("%q: %d claims", body, len(r.Claims))
		}
		c := r.Claims[0]
		if strings.Contains(c.Text, "Gunmen") || strings.Contains(c.Text, "Wednesday") || !strings.Contains(c.Text, "hunt") {
			t.Errorf("%q: claim text %q", body, c.Text)
		}
	}
}

// "told reporters that …": the one told is not part of what is said.
func TestToldSomeoneThat(t *testing.T) {
	r := run(t, "2024-04-10", "Police superintendent Omar Haddad told reporters that nobody was detained.")
	if len(r.Claims) != 1 || r.Claims[0].Text != "nobody was detained." {
		t.Errorf("claims %+v", r.Claims)
	}
}

// A phrase quoted inside indirect speech is not the whole of what is said.
func TestQuotedPhraseInIndirectSpeech(t *testing.T) {
	r := run(t, "2024-04-10", "The Kenyan government accused Uganda of \"violating Kenya's sovereign territory\" after the explosions.")
	if len(r.Claims) != 1 || !strings.HasPrefix(r.Claims[0].Text, "Uganda of") || r.Claims[0].Kind != "indirect" {
		t.Errorf("claims %+v", r.Claims)
	}
}

func TestClaimTextIsWhatIsSaid(t *testing.T) {
	r := run(t, "2024-04-10", "The governor said the curfew would be lifted on Sunday.")
	if len(r.Claims) != 1 || !strings.HasPrefix(r.Claims[0].Text, "the curfew would be lifted") {
		t.Errorf("claims %+v", r.Claims)
	}
}

func TestQuotationBeforeATitledSpeakerInAnAside(t *testing.T) {
	r := run(t, "2024-04-10", "“Our men hold the bridge,” Sheikh Omar Dalmar, the Valley Front spokesman, told reporters.")
	if len(r.Claims) != 1 || r.Claims[0].Speaker.Name != "Omar Dalmar" || !strings.HasPrefix(r.Claims[0].Text, "Our men hold the bridge") {
		t.Errorf("claims %+v", r.Claims)
	}
}

func TestClaimTextBeforeAnAppositiveSpeaker(t *testing.T) {
	r := run(t, "2024-04-10", "The talks failed, Ali Musa, the envoy, noted.")
	if len(r.Claims) != 1 || r.Claims[0].Text != "The talks failed" {
		t.Errorf("claims %+v", r.Claims)
	}
}

// The actor list names parties and things targeted, cleanly, and leaves
// out pronouns, days, clause fragments and abstractions.
func TestActorList(t *testing.T) {
	for _, c := range []struct {
		name, typ string
		listed    bool
		as        string
	}{
		{"they", "group", false, ""},
		{"Saturday", "group", false, ""},
		{"close range", "group", false, ""},
		{"Maoist rebels stormed a police post", "group", false, ""},
		{"least 20 people", "group", true, "20 people"},
		{"private factory\nlocated", "facility", true, "private factory"},
		{"liquor store", "group", true, "liquor store"},
		{"Khan", "person", false, ""},
		{"minister", "person", false, ""},
		{"the weekend", "group", false, ""},
		{"security forces", "state_force", true, "security forces"},
	} {
		if got := listable(c.name, c.typ); got != c.listed {
			t.Errorf("listable(%q) = %v", c.name, got)
		}
		if c.listed && listName(c.name) != c.as {
			t.Errorf("listName(%q) = %q, want %q", c.name, listName(c.name), c.as)
		}
	}
	r := run(t, "2024-04-10", "Security forces shot dead three protesters in Gao on Sunday, the Sahel Rights Network said.")
	found := false
	for _, a := range r.Actors {
		found = found || a.Name == "Security forces"
	}
	if !found {
		t.Errorf("described actor not listed: %+v", r.Actors)
	}
}

// Another name of an actor is a name, not any phrase that contains it.
