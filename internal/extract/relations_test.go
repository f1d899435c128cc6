package extract

import (
	"strings"
	"testing"
)

// The sentences below are written for these tests; they report no real
// incident or statement.

// relations lists a document's relations as "speaker: type subject >
// object", an incident object written "E1" (the event's id) or "?" (an
// incident the document does not report as an event).
func relations(t *testing.T, body string) []string {
	t.Helper()
	r := run(t, "2024-04-10", body)
	var out []string
	for _, c := range r.Claims {
		if c.Relation == nil {
			continue
		}
		o := c.Relation.Object.Name
		if c.Relation.Object.ID == "" && !strings.Contains(o, " ") && o != "" || strings.HasPrefix(o, "incident ") {
			o = c.Relation.Object.ID
		}
		if c.Relation.Object.ID == "" && o != "" && (c.Relation.Type == "claims_responsibility" || c.Relation.Type == "denies" ||
			c.Relation.Type == "responsible_for" || c.Relation.Type == "condemns") && strings.HasPrefix(strings.ToLower(o), "the ") {
			o = "?"
		}
		out = append(out, c.Speaker.Name+": "+c.Relation.Type+" "+c.Relation.Subject.Name+" > "+o)
	}
	return out
}

func TestRelations(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string // each must be found
		not        []string // substrings no relation may hold
	}{
		{name: "claim of responsibility, active",
			body: "A bomb exploded at a bus station in Kano on Monday, killing six people. The Sahel Liberation Front claimed responsibility for the attack.",
			want: []string{"Sahel Liberation Front: claims_responsibility Sahel Liberation Front > E1"}},
		{name: "took responsibility",
			body: "Gunmen attacked a police post in Garoua on Tuesday, killing two officers. The Mountain Brigade took responsibility in a message to reporters.",
			want: []string{"Mountain Brigade: claims_responsibility Mountain Brigade > E1"}},
		{name: "claimed the attack, in a headline",
			body: "Mountain Brigade claims deadly attack on army convoy",
			want: []string{"Mountain Brigade: claims_responsibility Mountain Brigade >"}},
		{name: "claimed by, passive",
			body: "The attack on the convoy in Garoua on Tuesday, claimed by the Mountain Brigade, killed nine soldiers.",
			want: []string{"Mountain Brigade: claims_responsibility Mountain Brigade > E1"}},
		{name: "said it carried out the attack",
			body: "Gunmen stormed a hotel in Mopti on Friday, killing 12 people. The Sahel Liberation Front said it carried out the attack.",
			want: []string{"Sahel Liberation Front: claims_responsibility Sahel Liberation Front > E1"}},
		{name: "its fighters attacked",
			body: "The Sahel Liberation Front said its fighters attacked an army base in Mopti on Friday and killed 20 soldiers.",
			want: []string{"Sahel Liberation Front: claims_responsibility Sahel Liberation Front > E1"}},
		{name: "a denial of the speaker's own act is a denial",
			body: "The army denied that its soldiers killed anyone in the village of Kafa on Monday.",
			want: []string{"army: denies army > E1"},
			not:  []string{"claims_responsibility"}},
		{name: "a denial, then an accusation of another",
			body: "Gunmen killed nine villagers in Kafa on Monday. A spokesman for the Hill Front, Omar Dida, denied the charge and accused the district militia of being responsible for the attack.",
			want: []string{"Omar Dida: responsible_for district militia > E1"},
			not:  []string{"responsible_for Hill Front"}},
		{name: "a charge they deny: the accused denies",
			body: "The interior ministry accused the Hill Front of sheltering the Red Hand militia, a charge they deny.",
			want: []string{"interior ministry: supports Hill Front > Red Hand", "Hill Front: denies Hill Front > Red Hand"},
			not:  []string{"interior ministry: denies"}},
		{name: "a courtesy call is no demand",
			body: "A delegation of the Hill Traders Association called on the provincial governor at his office on Monday and discussed matters related to trade.",
			not:  []string{"demands"}},
		{name: "called on someone to act is a demand",
			body: "The Hill Traders Association called on the provincial governor to reopen the road.",
			want: []string{"Hill Traders Association: demands Hill Traders Association > provincial governor"}},
		{name: "'at least' is no part of the incident's name",
			body: "The governor accused the Mountain Brigade of shelling the market, where a shop was hit by at least one rocket.",
			not:  []string{"> least"}},
		{name: "carried out: the particle is no part of the incident's name",
			body: "The Mountain Brigade said on Friday that its fighters carried out an attack in a town it did not name.",
			not:  []string{"> out"}},
		{name: "no one claimed",
			body: "A bomb exploded in a market in Kano on Monday, killing six people. No group has claimed responsibility for the attack.",
			not:  []string{"claims_responsibility"}},
		{name: "a claim reported by another is its claimant's",
			body: "A bomb killed five soldiers in Garoua on Sunday. State radio said the Mountain Brigade had claimed responsibility.",
			want: []string{"Mountain Brigade: claims_responsibility Mountain Brigade > E1"},
			not:  []string{"State radio: claims_responsibility"}},
		{name: "passive agent in a statement",
			body: "Four farmers were shot dead by security forces in Gao on Sunday, the Sahel Rights Network said.",
			want: []string{"Sahel Rights Network: responsible_for security forces > E1"}},
		{name: "active agent in a statement",
			body: "Soldiers from the 5th Battalion killed four farmers in Gao on Sunday, the Sahel Rights Network said.",
			want: []string{"Sahel Rights Network: responsible_for Soldiers from the 5th Battalion > E1"}},
		{name: "attack by a group",
			body: "Nine villagers died in an attack by the Mountain Brigade near Garoua on Sunday, the governor said.",
			want: []string{"governor: responsible_for Mountain Brigade > E1"}},
		{name: "anonymous gunmen are blamed on no one",
			body: "Unidentified gunmen killed four farmers in Gao on Sunday, the Sahel Rights Network said.",
			not:  []string{"responsible_for"}},
		{name: "participle after the victims is no agent",
			body: "Eleven rebels killed in a clash with troops on Sunday were buried in Gao, police said.",
			not:  []string{"rebels >"}},
		{name: "accused of killing",
			body: "The Sahel Rights Network accused the Mountain Brigade of killing 14 villagers in Gao on Sunday.",
			want: []string{"Sahel Rights Network: responsible_for Mountain Brigade > E1"}},
		{name: "blamed for, blamed on",
			body: "A car bomb killed eight people in Kano on Monday. The governor blamed the Sahel Liberation Front for the attack. The mayor blamed the blast on the Mountain Brigade.",
			want: []string{"governor: responsible_for Sahel Liberation Front > E1", "mayor: responsible_for Mountain Brigade > E1"}},
		{name: "a state's own forces are its claim",
			body: "Troops killed six rebels in a raid near Gao on Sunday, the army said.",
			want: []string{"army: claims_responsibility Troops > E1"}},
		{name: "denial of involvement",
			body: "Gunmen killed nine miners in Tarkwa on Sunday. The Mountain Brigade denied any involvement in the killings.",
			want: []string{"Mountain Brigade: denies Mountain Brigade > E1"}},
		{name: "denial of backing a group",
			body: "The government of Ruritania denied harbouring the Mountain Brigade.",
			want: []string{"government of Ruritania: denies government of Ruritania > Mountain Brigade"}},
		{name: "a charge rejected by",
			body: "A bomb killed five people in Kano on Monday. Officials accused the Sahel Liberation Front of the attack, a charge rejected by the group.",
			want: []string{"Sahel Liberation Front: denies Sahel Liberation Front > E1"}},
		{name: "condemnation of an incident and of an actor",
			body: "Gunmen killed nine miners in Tarkwa on Sunday. The African Union condemned the killings. The Sahel Rights Network condemned the Mountain Brigade.",
			want: []string{"African Union: condemns African Union > E1", "Sahel Rights Network: condemns Sahel Rights Network > Mountain Brigade"}},
		{name: "demands: urged, called on, appealed to",
			body: "The Sahel Rights Network urged the government to free the detainees. Families of the missing appealed to the international community to help.",
			want: []string{"Sahel Rights Network: demands Sahel Rights Network > government", "Families of the missing: demands Families of the missing > international community"}},
		{name: "demands: must, in a statement",
			body: "“The authorities must release the students at once,” the Sahel Rights Network said.",
			want: []string{"Sahel Rights Network: demands Sahel Rights Network > authorities"}},
		{name: "demands: should, before the attribution and its date",
			body: "The government should open an inquiry into the shootings, the Sahel Rights Network said on Monday.",
			want: []string{"Sahel Rights Network: demands Sahel Rights Network > government"}},
		{name: "demands: a quotation in two pieces before the speaker",
			body: "“The army must stop these raids,” above all “in the villages,” said Ines Varga, a researcher at the Sahel Rights Network.",
			want: []string{"Ines Varga: demands Ines Varga > army"}},
		{name: "demands: the addressee described by who leads it, with an aside",
			body: "The Foreign Ministry called on the French-led coalition fighting in the north to widen its patrols.",
			want: []string{"Foreign Ministry: demands Foreign Ministry > French-led coalition"}},
		{name: "demands: two nations' governments under one noun",
			body: "The Mountain Brigade called on the Malian and Nigerien governments to open talks.",
			want: []string{"Mountain Brigade: demands Mountain Brigade > Malian government", "Mountain Brigade: demands Mountain Brigade > Nigerien government"}},
		{name: "demands: bodies known as …",
			body: "Governor Ali Danjuma called on armed groups known as vigilantes to hand over their rifles.",
			want: []string{"Ali Danjuma: demands Ali Danjuma > armed groups"}},
		{name: "accused of, with an adverb before the act",
			body: "Rockets hit a hospital in Kiru on Monday, killing eight people. The governor accused the Mountain Brigade of deliberately targeting civilians.",
			want: []string{"governor: responsible_for Mountain Brigade > E1"}},
		{name: "blamed the attack on a quoted description",
			body: "A bomb exploded at a bus stop in Kiru on Monday, killing five people. A police officer blamed the attack on \"bandits,\" referring to the gangs of the hills.",
			want: []string{"A police officer: responsible_for bandits > E1"}},
		{name: "attributed the killings to",
			body: "Gunmen killed seven farmers in Kiru on Monday. Prosecutors attribute the killings to the Mountain Brigade.",
			want: []string{"Prosecutors: responsible_for Mountain Brigade > E1"}},
		{name: "believe; organised by an armed body described",
			body: "Bombs hit three banks in Kiru on Sunday, wounding nine people. Police believe the bombings were organised by a terrorist cell.",
			want: []string{"Police: responsible_for terrorist cell > E1"}},
		{name: "a backer in a quoted compound, the group named after its noun",
			body: "The army said the fighters belonged to the \"Chad-sponsored\" group Sahel Liberation Front.",
			want: []string{"army: supports Chad > Sahel Liberation Front"}},
		{name: "backed death squads in quotation marks: the squads did it, the backer backs them",
			body: "The Kiru Rights Council said Musa Adamu was abducted in Kiru on Monday by \"Chad-backed\" death squads.",
			want: []string{"Kiru Rights Council: responsible_for Chad-backed death squads > E1", "Kiru Rights Council: supports Chad > death squads"}},
		{name: "supported by states described",
			body: "The Revolutionary Guards said the Mountain Brigade is supported by hostile regional states.",
			want: []string{"Revolutionary Guards: supports hostile regional states > Mountain Brigade"}},
		{name: "accused of working with armed groups described",
			body: "The minister accused the Kiru Rights Council of working with terrorist groups.",
			want: []string{"minister: supports Kiru Rights Council > terrorist groups"}},
		{name: "each speaker its own part: an accusation before a claim",
			body: "Gunmen killed 20 tourists in Kiru on Tuesday. On Wednesday, Chad accused Niger of sponsoring terrorist groups after the Valley Front, a little-known militant group, claimed responsibility.",
			want: []string{"Chad: supports Niger > terrorist groups", "Valley Front: claims_responsibility Valley Front > E1"},
			not:  []string{"Valley Front: supports"}},
		{name: "described speaker claims a clause: they hit",
			body: "A drone struck a base in Kiru on Monday, killing two soldiers. The rebels claimed they hit a military target accurately.",
			want: []string{"rebels: claims_responsibility rebels > E1"}},
		{name: "should have is a reproach, not a demand",
			body: "The ministry said the rights group should have visited the region.",
			not:  []string{"demands"}},
		{name: "weapons stand for who fired them",
			body: "Chadian missiles struck a market in Gao on Sunday, killing 11 people, local officials said.",
			want: []string{"local officials: responsible_for Chadian missiles > E1"}},
		{name: "the attackers were from",
			body: "Gunmen killed 14 farmers in Gao on Sunday. The governor said the attackers were from the Mountain Brigade.",
			want: []string{"governor: responsible_for Mountain Brigade > E1"}},
		{name: "the accused named with an of-phrase",
			body: "Police accused members of the Mountain Brigade of killing 14 farmers in Gao on Sunday.",
			want: []string{"Police: responsible_for Mountain Brigade > E1"}},
		{name: "hyphenated backing in a statement",
			body: "The Sahel Rights Network said Chad-backed militias abducted two teachers in Gao on Sunday.",
			want: []string{"Sahel Rights Network: supports Chad > Chad-backed militias"}},
		{name: "a relative clause says whom it is about",
			body: "The governor said Omar Diallo was a close associate of Idris Kane, who was close to the Mountain Brigade.",
			want: []string{"governor: linked_to Omar Diallo > Idris Kane", "governor: linked_to Idris Kane > Mountain Brigade"}},
		{name: "linked to an incident is no link between actors",
			body: "The minister said the arrests could be linked to the blasts in Kano.",
			not:  []string{"linked_to"}},
		{name: "a seat of government stands for the government",
			body: "Bamako has denied harbouring the Mountain Brigade.",
			want: []string{"Bamako: denies Bamako > Mountain Brigade"}},
		{name: "a denied clause",
			body: "Soldiers shot a teacher in Gao on Sunday. His brother denied he was carrying a weapon.",
			want: []string{"His brother: denies His brother > E1"}},
		{name: "denial in words",
			body: "Gunmen killed nine miners in Tarkwa on Sunday, according to residents. The army said the reports were baseless.",
			want: []string{"army: denies army > E1"}},
		{name: "the speaker denies its own act",
			body: "Two men were shot dead near a checkpoint in Gao on Sunday. The police did not shoot anyone, a police spokesman said.",
			want: []string{"a police spokesman: denies a police spokesman > E1"}},
		{name: "criticised the raid, condemned by",
			body: "Police raided a village near Gao on Sunday, killing nine people. The African Union criticised the raid. The killings were condemned by rights groups.",
			want: []string{"African Union: condemns African Union > E1", "rights groups: condemns rights groups > E1"}},
		{name: "condemnation in words",
			body: "A bomb killed 11 people at a market in Kano on Monday. “This cowardly attack will not break us,” the governor said.",
			want: []string{"governor: condemns governor > E1"}},
		{name: "the possessor condemns; an acronym is no pronoun",
			body: "A bomb killed 15 people at a rally in Quetta on Monday. The statement was made by the Baloch Rights Forum after the US's condemnation of the bombing.",
			want: []string{"US: condemns US > E1"}},
		{name: "criticised for its policies",
			body: "Rights groups criticise the government for its shoot-on-sight policies in the north.",
			want: []string{"Rights groups: responsible_for government > shoot-on-sight policies"}},
		{name: "a group's news agency claims for the group",
			body: "The Mountain Liberation Front said its fighters raided a base in Gao on Sunday. The front's Dawn Wire agency said Mountain Liberation Front fighters killed 12 soldiers in the raid.",
			want: []string{"Mountain Liberation Front: claims_responsibility Mountain Liberation Front > E1"}},
		{name: "a denial by the speaker's own forces, in a clause after 'but'",
			body: "Soldiers shot two men in Gao on Sunday, residents said, but an army official, speaking anonymously, said the troops did not fire first.",
			want: []string{"an army official:"}},
		{name: "no condemnation where the word is denied",
			body: "A bomb killed 11 people at a market in Kano on Monday. The rebel front said there was no treachery in the attack.",
			not:  []string{"condemns"}},
		{name: "a communique's claim inside another's statement",
			body: "A bomb killed nine people in Kano on Monday. A monitoring group said an IS communique claimed two of its fighters carried out the attack.",
			want: []string{"IS: claims_responsibility IS > E1"}},
		{name: "'that attack' is the one just told; 'the attack' the one the report leads with",
			body: "A bomb killed nine people in Kano on Monday. The Mountain Liberation Front claimed responsibility for the attack. Hours later gunmen shot two policemen in Zaria. The front claimed that shooting too.",
			want: []string{"Mountain Liberation Front: claims_responsibility Mountain Liberation Front > E1"}},
		{name: "a charge the accused rejected denies what it was accused of",
			body: "The Pakistani government accused India of backing the BLA, a charge India rejected.",
			want: []string{"Pakistani government: supports India > BLA", "India: denies India > BLA"},
			not:  []string{"India: supports", "denies India > ?", "denies India > E"}},
		{name: "an allegation the army denied: the army speaks",
			body: "The Coastal Rights Forum accused the army of backing the militants, an allegation the army denied.",
			want: []string{"Coastal Rights Forum: supports army > militants", "army: denies army > militants"},
			not:  []string{"allegation", "army of"}},
		{name: "denied the allegations made sentences before",
			body: "Chad has accused Sudan of harbouring fighters of the Ridge Front. Officials in N'Djamena said the fighters crossed at night. Sudan has denied the allegations.",
			want: []string{"Chad: supports Sudan > Ridge Front", "Sudan: denies Sudan > Ridge Front"}},
		{name: "a denial of an accused incident keeps the incident, one relation per accusation",
			body: "Gunmen killed six villagers in Garoua on Sunday. The Sahel Rights Network accused the army of carrying out the killings, which the army denied.",
			want: []string{"Sahel Rights Network: responsible_for army > E1", "army: denies army > E1"},
			not:  []string{"> killings"}},
		{name: "the organisation accused by a minister is the organisation named before",
			body: "Human Rights Watch said soldiers burned homes in Ngoke. The army rejected the report. The minister accused the organisation of working with terrorist groups.",
			want: []string{"minister: supports Human Rights Watch > terrorist groups"}},
		{name: "a participle after the clause: its subject demands",
			body: "Families of missing persons held a protest outside the Gilgit Press Club on Saturday, calling on the authorities to disclose the whereabouts of their relatives.",
			want: []string{"Families of missing persons: demands Families of missing persons > authorities"}},
		{name: "a participle after a statement: the speaker demands",
			body: "Twelve border guards were abducted near Taftan on Monday, the Revolutionary Guards said in a statement, calling on the Pakistani government to act.",
			want: []string{"Revolutionary Guards: demands Revolutionary Guards > Pakistani government"},
			not:  []string{"border guards: demands"}},
		{name: "a sentence of only the attribution reports the sentence before",
			body: "Soldiers of the 5th Battalion shot dead four farmers in Gao on Sunday. The Sahel Rights Network reported on Tuesday.",
			want: []string{"Sahel Rights Network: responsible_for Soldiers of the 5th Battalion > E1"}},
		{name: "a quotation after the cue is no bare attribution",
			body: "Soldiers shot dead four farmers in Gao on Sunday. He said \u201cthe government strongly condemns the report.\u201d",
			not:  []string{"responsible_for"}},
		{name: "a party's own account of its attack claims it",
			body: "The Mountain Brigade said it fired dozens of rockets at an army base in Garoua on Friday.",
			want: []string{"Mountain Brigade: claims_responsibility Mountain Brigade > E1"}},
		{name: "a claim written into the incident's name",
			body: "Militants killed 16 soldiers in a TTP-claimed raid on an army post in Bannu on Friday.",
			want: []string{"TTP: claims_responsibility TTP > E1"}},
		{name: "an official's account of an attack is no claim",
			body: "The governor said gunmen fired rockets at an army base in Garoua on Friday.",
			not:  []string{"claims_responsibility"}},
		{name: "a toll over a period blames its agent for the victims",
			body: "The Sahel Brigade has killed at least 80 civilians in central Mali since December, the Sahel Rights Network said today.",
			want: []string{"Sahel Rights Network: responsible_for Sahel Brigade > civilians"}},
		{name: "a nationality before a strike is that country's forces",
			body: "The Lebanese health ministry said three people were killed in an Israeli strike on a village near Tyre on Thursday.",
			want: []string{"Lebanese health ministry: responsible_for Israeli military > E1"}},
		{name: "the subject acts through an infinitive cue",
			body: "KANO, Nigeria – State officials used a funeral for the 40 people killed in a market bombing on Monday to accuse the Sahel Liberation Front of involvement.",
			want: []string{"State officials: responsible_for Sahel Liberation Front > E1"}},
		{name: "backed by",
			body: "The Sahel Rights Network said the militia was backed by the army.",
			want: []string{"Sahel Rights Network: supports army > militia"}},
		{name: "the speaker's own name is not whom it accuses",
			body: "UN investigators said the army was committing abuses in the north.",
			not:  []string{"responsible_for UN"}},
	}
	for _, c := range cases {
		got := relations(t, c.body)
		for _, w := range c.want {
			found := false
			for _, g := range got {
				if strings.HasPrefix(g, w) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q not among %q", c.name, w, got)
			}
		}
		for _, n := range c.not {
			for _, g := range got {
				if strings.Contains(g, n) {
					t.Errorf("%s: unwanted %q", c.name, g)
				}
			}
		}
	}
}
