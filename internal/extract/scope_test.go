package extract

import (
	"testing"

	"sitrep"
)

// The sentences below are written for these tests; they describe no real
// incident. Each table is one kind of sentence that borrows the words of
// an incident without reporting one, with the incidents it must still
// report beside it.

// Officials touring their own country, a foreign homonym of a local name,
// or a university's delegation make no visit between governments; a
// journey to a country named and a protest with a quoted name stay.
func TestDomesticVisitsAreNoVisits(t *testing.T) {
	for _, body := range []string{
		"LAHORE: The provincial assembly speaker visited the DC office on Wednesday and reviewed the relief arrangements in Lahore.",
		"QUETTA: During his visit to the Sui area, the planning minister inspected the restored canal near Quetta.",
		"PESHAWAR: The delegation noted that this was the federal minister's second visit to Azad Kashmir, aimed at honouring those injured due to Indian aggression.",
		"ISLAMABAD, Feb 11: Deputy Commissioner Islamabad Tariq Khan visited the weekly markets in the G-6 sector to check the price lists in Islamabad.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 0 {
			t.Errorf("%q: %+v", body, r.Events)
		}
	}
	for _, body := range []string{
		"ISLAMABAD: The foreign minister visited Beijing on Monday and met his Chinese counterpart.",
		"LAHORE: The Turkish ambassador met with the chief minister in Lahore on Tuesday.",
		"DOHA, Feb 10: The prime minister is on a two-day visit to Qatar from February 10 to 11 at the emir's invitation.",
		"The Balochistan National Party started a \"long march\" from Wadh to Quetta on March 28 to protest the arrests.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 1 {
			t.Errorf("%q: want one visit or protest, got %+v", body, r.Events)
		}
	}
}

// An office named with its territory ("Chief Minister Balochistan") does
// not make the territory a person's name elsewhere in the text.
func TestOfficeTerritoryStaysAPlace(t *testing.T) {
	r := run(t, "2025-07-25", "Chief Minister Balochistan Tariq Khan chaired a meeting on Monday. "+
		"A bomb exploded in a market in Balochistan on Sunday, killing three people.")
	if len(r.Events) != 1 || placeName(r.Events[0]) != "Balochistan" {
		t.Fatalf("want the bombing in Balochistan, got %+v", r.Events)
	}
}

// Figurative, conditional and regulatory uses of incident words.
func TestFigurativeIncidentWords(t *testing.T) {
	for _, body := range []string{
		"The police registered a case under sections 201 and 302 (premeditated murder) of the penal code on Monday.",
		"The parliament passed the bill on Thursday, while the opposition called it an \"attack\" on a minority.",
		"The currency avoided speculative attacks during the crisis in May.",
		"The bill would strike at the very foundation of the constitution, he said on Monday.",
		"The petition urges the court to strike down the law.",
		"The country fired multiple ballistic missiles on Wednesday, its neighbour's military said.",
		"Iran said US demands for curbs on its ballistic missiles were obstructing the talks.",
		"The teachers vowed to hold a protest outside the city office if their demand was not accepted on April 21.",
		"The chief minister asked the federal government to release the funds by April 30, or he will march on the capital.",
		"The president said on Thursday all trade talks with Canada were terminated.",
		"Seventy-eight years ago, on this very date, foreign forces arrived in the city and seized control.",
		"The analyst said Washington was revisiting the idea of talks with Tehran.",
		"Provisions for murder (Section 302) were added to the case, according to a police report dated January 6.",
		"The opposition leader called the amendment an attack on the Constitution on Monday.",
		"\"The party had attacked institutions for its political gain,\" the minister said on Monday.",
		"The businessman attacked the land laws at an economic forum in Doha on Tuesday.",
		"The agency on Tuesday deported six fugitives wanted on charges of terrorism, murder and robbery.",
		"The administration began firing more than 9,000 workers on Friday.",
		"The mourning procession on Monday marked the martyrdom of Imam Husain at Karbala.",
		"The regulator cancelled its planned visit to the airline's headquarters on Tuesday.",
		"ISLAMABAD: A delegation of a foreign university visited the national institute on Friday to explore research ties.",
		"However, no one was arrested, the officer added on Monday.",
		"The additional inspector general was picked up as the best choice for the post on Monday.",
		"The party blamed the government for the rise of kidnapping and crime in the northern districts.",
		"\"These amendments strike at the very foundation of the constitutional order,\" he said on Monday.",
		"The petition asks the court to declare the law void and strike down the amendments.",
		"Air raid sirens sounded across the island at 5:30am on Sunday to mark the anniversary.",
		"Standing 120 metres tall, Starship is the world's most powerful rocket, launched from Texas on Tuesday.",
		"The leader appealed to the diaspora to observe the day on August 5 through peaceful protests and demonstrations.",
		"ISLAMABAD: A seven-member delegation, comprising presidents, rectors and senior academic leaders of several universities, is on a week-long visit to Pakistan.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 0 {
			t.Errorf("%q: %+v", body, r.Events)
		}
	}
	for _, body := range []string{
		"The militants fired two ballistic missiles at the port on Wednesday, officials said.",
		"Gunmen stormed a police station in Kalat on Monday, killing two officers.",
		"Police fired on workers protesting outside the factory in Kasur on Monday, wounding six.",
		"An air strike hit a clinic in the town on Monday, doctors said.",
		"\"Seven policemen were martyred in the attack on Friday,\" Muhammad Hussain, a police official, told reporters in Tank.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 1 {
			t.Errorf("%q: want one incident, got %+v", body, r.Events)
		}
	}
}

// Police work, fears, accidents and festivities.
func TestRoutineNewsIsNoIncident(t *testing.T) {
	for _, body := range []string{
		"The anti-corruption team raided the office of a call centre in Gulshan on Tuesday where employees were engaged in fraud.",
		"Police raided a spa in the Civic Centre on Saturday and sealed the premises.",
		"The source apprehended that the government would approve the recommendations on Tuesday.",
		"The lawmaker apprehended his arrest on his return to the country on Monday.",
		"Three coal miners were killed when they became trapped in a mine due to mud-sliding in Duki on Thursday.",
		"Two persons were killed in a hit-and-run case in Islamabad in July 2024.",
		"The air force lost 40 trainer jets over two decades, and the crashes killed 25 cadets and some farmers.",
		"The ship sank in 1912, killing at least 1,500 people on board.",
		"The two party leaders clashed over the cost of housing in a televised debate in Ottawa on Thursday.",
		"The judges clashed over the question of jurisdiction at a hearing in Lahore on Monday.",
		"A rally was taken out in Multan on Friday to celebrate the birthday of the Prophet.",
		"In December, a lion escaped from its enclosure in Lahore, terrorising residents before being shot dead by a security guard.",
		"A dog owner was shot by his pet after it jumped on his bed and set off a loaded gun, police said on Wednesday.",
		"The judge sentenced a man to one year in prison for possessing hashish, which was recovered from his home during a raid in 2022.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 0 {
			t.Errorf("%q: %+v", body, r.Events)
		}
	}
	// a clash over something between crowds or forces is fought
	for _, body := range []string{
		"Students clashed with police over the fee increase in Lahore on Monday.",
		"Residents of two villages clashed over a water channel near Sukkur on Monday.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 1 {
			t.Errorf("%q: want one clash, got %+v", body, r.Events)
		}
	}
	// a death by suicide after a killing is no suicide attack
	r := run(t, "2025-07-25", "A man died by suicide after killing his neighbour in a dispute in Mardan on Monday, police said.")
	for _, e := range r.Events {
		if e.Type == sitrep.Bombing || e.Suicide {
			t.Errorf("want no suicide bombing, got %+v", e)
		}
	}
	// a labour strike is a protest, not a strike from the air
	r = run(t, "2025-07-25", "The hospital said professors would see patients on Saturday as the young doctors continued the strike in Rawalpindi.")
	for _, e := range r.Events {
		if e.Type != sitrep.Protest {
			t.Errorf("want a protest at most, got %+v", e)
		}
	}
	r = run(t, "2025-07-25", "He said the strike would continue in Lahore on Saturday as the government was not interested in talking with the young doctors.")
	for _, e := range r.Events {
		if e.Type != sitrep.Protest {
			t.Errorf("want a protest at most, got %+v", e)
		}
	}
	r = run(t, "2025-07-25", "The business association said most units stayed shut on Saturday while supporting the strike in Karachi.")
	for _, e := range r.Events {
		if e.Type != sitrep.Protest {
			t.Errorf("want a protest at most, got %+v", e)
		}
	}
	// a raid in which people are abused or killed is an incident
	for _, body := range []string{
		"Police raided the village on Monday and killed two men, residents said.",
		"The rights office criticised a police raid on suspected drug traffickers in the town on Thursday, amid allegations of extrajudicial executions.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 1 {
			t.Errorf("%q: want one incident, got %+v", body, r.Events)
		}
	}
}

// A number set off after a name is the person's age, no casualty figure;
// one after a place and before its noun still counts.
func TestAgeIsNoToll(t *testing.T) {
	for _, body := range []string{
		"Oksana Bilyk, 43, whose neighbour was killed in a missile strike on Kyiv on Monday, said she hoped for peace.",
		"Gunmen shot dead Ali Khan (43) in Quetta on Monday.",
	} {
		r := run(t, "2025-07-25", body)
		if len(r.Events) != 1 || best(r.Events[0].Killed) == 43 {
			t.Errorf("%q: want one incident without the age as its toll, got %+v", body, r.Events)
		}
	}
	// a name with an Arabic article: "Karim al-Masri, 19, and ..."
	r := run(t, "2025-07-25", "Police arrested two men in Hebron on Monday. The men, named as Karim al-Masri, 19, and Omar Haddad, 22, were detained near a checkpoint.")
	if len(r.Events) != 1 || best(r.Events[0].Victims) != 2 {
		t.Errorf("want one arrest of two, got %+v", r.Events)
	}
	r = run(t, "2025-07-25", "In Quetta, 12 people were killed in a blast on Monday.")
	if len(r.Events) != 1 || best(r.Events[0].Killed) != 12 {
		t.Errorf("want 12 killed, got %+v", r.Events)
	}
}

// The ends of a route are not where an incident on it happened.
func TestRouteEndsAreNotThePlace(t *testing.T) {
	r := run(t, "2025-07-25", "Two people were killed in a car bomb explosion near a bus travelling from Khuzdar to Rawalpindi, in the Khori area on Monday.")
	if len(r.Events) != 1 {
		t.Fatalf("want one bombing, got %+v", r.Events)
	}
	if p := placeName(r.Events[0]); p == "Rawalpindi" || p == "Khuzdar" {
		t.Errorf("place %q is an end of the bus's route", p)
	}
}

// A year's or a period's toll is no incident's.
func TestPeriodTollsInStatistics(t *testing.T) {
	for _, body := range []string{
		"With at least 600 members of security forces losing their lives amid a total of 400 terror attacks, 2024 turned out to be the deadliest year for the forces in a decade.",
		"He said 500 people including 200 security personnel were martyred during that period, the spokesman added.",
		"Around 300 soldiers were martyred in the line of duty in the province, he said.",
		"Officials in Tehran say the air strikes killed at least 1,200 people in the province.",
		"A spokesman said the army has killed more than 700 fighters and guards in the region.",
		// a month's count over many incidents, a side's count so far, a count of crimes
		"Counting both insurgent attacks and army operations, at least 150 people lost their lives in March.",
		"The army has also killed 800 villagers in the northern valleys, a story often overlooked.",
		"According to the police bureau, at least 300 women were killed in so-called honour crimes.",
		// a toll between two days months apart, dated by either
		"Rebels killed at least 40 aid workers in the region from March 3, 2023, to January 9 this year.",
		"Up to 900 people were killed between July and October 2024, according to the monitors.",
		// a period's toll set against another period's
		"The think tank said militant deaths fell by a fifth, with 90 killed in June compared to 112 in May.",
		"Rebels killed 45 villagers in April, up from 30 in March, the monitoring group said.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 0 {
			t.Errorf("%q: %+v", body, r.Events)
		}
	}
	// one incident's toll, told as a toll so far or of several strikes on one day
	for _, body := range []string{
		"The bombing has killed 60 people in Quetta, officials said on Monday.",
		"Air strikes killed 40 people in Gaza City on Tuesday, health officials said.",
		"More than 100 people were killed in a series of air strikes on the city, medics said.",
		"Militants killed 12 people in raids from May 3 to May 5 in Kurram.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 1 || r.Events[0].Killed == nil {
			t.Errorf("%q: want one incident with its toll, got %+v", body, r.Events)
		}
	}
}

// Illness, dismissal, charges, remembrance days and quoted records borrow
// incident words without reporting an incident; the incidents told beside
// them stay.
func TestBorrowedIncidentWords(t *testing.T) {
	for _, body := range []string{
		"A street vendor died of cardiac arrest on Thursday after officials seized his cart in the old city of Multan.",
		"The bishop suffered two breathing attacks in Rome on Monday, his office said.",
		"Firing senior generals as a test of loyalty erodes trust in the army, a retired commander said on Friday in Washington.",
		"The suspect jumped from the roof of his house in Sahiwal on Sunday to evade arrest.",
		"The audio was taken from two 2023 interviews with the inspector in Nairobi.",
		"The ministry did not say how many of the 40 nationals held in Greece for illegal entry, smuggling and murder were convicted.",
		"A foreign business delegation met the ports minister in Karachi on Tuesday to discuss investment.",
		"The governor paid tribute to Captain Ali Raza on his 30th martyrdom anniversary in Gilgit on Sunday.",
		"Warnings about a possible strike on the island were in reports by the Joint Chiefs of Staff in January.",
		"The court on Monday told the deputy commissioner in Multan to hold talks with the protesters outside the press club.",
		"The software firm's chief executive Ana Ortiz is scheduled to visit India on Wednesday to meet the prime minister.",
		"His sister told reporters that the two would join an upcoming protest movement.",
		"QUETTA: The committee met on Tuesday. “I myself was arrested under a fake case,” Senator Ali said.",
		// a rite or a protest that burns no one's property
		"KARACHI: Families gathered at the temple on Thursday, and at dusk the priests set ablaze the Holika pyre as hymns were sung.",
		"PESHAWAR: Traders set fire to an effigy of the finance minister outside the press club on Friday.",
		// what people fled or feared did not happen
		"QUETTA: Residents of Chaman fled to the hills on Monday, fearing being detained by the paramilitary force.",
		"Forty tankers sent false flags across the Gulf from June 2 to 14 in the hope of preventing attacks, the tracking firm said.",
		// killings in the middle of a speech, with no day, place or figure
		"ISLAMABAD: The minister spoke in the Senate on Tuesday. “Who killed the journalists? A teacher was also killed. The answer is known to all,” he said.",
		"ISLAMABAD: The senator spoke on Tuesday. He said voices were rising abroad, asking who killed the exiled activist.",
		// "arrest" that halts a course of things holds no one
		"The batter arrested a long run of poor form with an unbeaten century in Perth in November.",
		// records taken, a law's name, a complaint to a body
		"We sent our team to this madressah in Swat on Monday and when statements were taken from the children, it was found out that some had been beaten.",
		"The Chair deferred the bill “Rights of Persons Arrested, Detained or under Custodial Investigation Bill, 2020” on the request of Senator Naek.",
		"GUBA: Ethiopia inaugurated the dam on Tuesday, but it drew a protest to the United Nations from downstream nation Egypt.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) != 0 {
			t.Errorf("%q: want no incident, got %+v", body, r.Events)
		}
	}
	for _, body := range []string{
		"In March, a man was held for killing his wife outside the district court in Multan.",
		"Police in Sahiwal arrested the suspect on Sunday after he tried to evade a checkpoint.",
		"Gunmen opened fire on a van in Kurram on Monday and three passengers were taken from the vehicle.",
		"The police fired tear gas at protesters in Lahore on Friday.",
		"Thousands joined the protest march in Lahore on Sunday.",
		"“We were detained at the border crossing in Chaman on Monday,” the students said.",
		"Rioters set fire to a police station in Kurram on Monday.",
		"The suspect was arrested in Quetta on Monday while trying to escape.",
		"QUETTA: “They told me my brother was fine since he was kidnapped,” his father said.",
		"KARACHI: “The guard saw the men at the gate. The driver was arrested and the car impounded,” the police spokesman said on Monday.",
		"Police in Karachi are investigating who killed the shopkeeper on Monday.",
		"Police arrested two men in Quetta on Monday after the fall of the wall.",
	} {
		if r := run(t, "2025-07-25", body); len(r.Events) == 0 {
			t.Errorf("%q: want an incident, got none", body)
		}
	}
}

// TestKindAndModality: a past visit or protest is no plan because a word
// nearby looks like one ("goodwill visits", the month of May), a visit
// that something comes "ahead of" is one, a fire set to someone's car is
// an attack on it, not a targeted killing, and an arrest beside a protest
// against disappearances is an arrest.
func TestKindAndModality(t *testing.T) {
	for _, c := range []struct{ body, typ, modality string }{
		{"ISLAMABAD: During the interview, the president, who visited China earlier this month, called his goodwill visits a success.", sitrep.Visit, sitrep.Asserted},
		{"LAHORE: Hundreds of workers were freed after months in jail over the May 9, 2023 protests in Lahore.", sitrep.Protest, sitrep.Asserted},
		{"KOHAT: Unidentified men torched Sher Ali's car in Kohat on Sunday night.", sitrep.ArmedAttack, sitrep.Asserted},
		{"The prime minister will visit Kabul on Monday.", sitrep.Visit, sitrep.Planned},
		{"QUETTA: Mahrang and other activists were arrested on March 22, a day after their members faced a police crackdown in Quetta while protesting against alleged enforced disappearances.", sitrep.Arrest, sitrep.Asserted},
		{"QUETTA: The whereabouts of six men detained by the police in Quetta on Monday are unknown.", sitrep.Abduction, sitrep.Asserted},
		{"HANGU: The boy died on Jan 6, 2014, while preventing a suicide bomber from entering a school at Hangu village.", sitrep.Bombing, sitrep.Asserted},
		{"WASHINGTON: Trump had offered quick tariff concessions ahead of his visit to India, officials said.", sitrep.Visit, sitrep.Asserted},
		{"BENGALURU: India on Saturday proposed to amend its nuclear liability law, ahead of Prime Minister Narendra Modi's US visit.", sitrep.Visit, sitrep.Planned},
	} {
		r := run(t, "2025-10-02", c.body)
		if len(r.Events) != 1 || r.Events[0].Type != c.typ || r.Events[0].Modality != c.modality {
			t.Errorf("%q: want one %s, %s; got %+v", c.body, c.typ, c.modality, r.Events)
		}
	}
}

// A weight of drugs seized is not a head count of the people arrested.
func TestSeizedWeightIsNoHeadCount(t *testing.T) {
	r := run(t, "2025-03-01", "ATTOCK: The ANF said 840 grams hashish was recovered from the drug supplier rounded up near a university in Attock.")
	if len(r.Events) != 1 || r.Events[0].Type != sitrep.Arrest || best(r.Events[0].Victims) == 840 {
		t.Fatalf("want one arrest without 840 victims, got %+v", r.Events)
	}
}

// Under a title that tells of animals, what the animals did or suffered is
// no incident; what people did to people, or to their flocks, stays.
func TestAnimalStoriesAreNoIncidents(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		title, body string
		want        int
	}{
		{"Wolves kill 12 sheep near Skardu", "The pack also attacked the livestock of a herder in the same village on Monday.", 0},
		{"Leopard mauls woman in Neelum valley", "A day earlier the same leopard dragged a boy into the forest, where his body was found on Sunday.", 0},
		{"Camel beaten after straying into fields", "The camel was allegedly tortured by a landowner in Ghotki on Saturday.", 0},
		{"Raiders steal 200 goats from herders", "Armed raiders stole 200 goats and shot dead a herder in Zhob on Monday.", 1},
	} {
		r := x.Extract(sitrep.Document{Title: c.title, Text: c.body, Published: "2025-07-25"})
		if len(r.Events) != c.want {
			t.Errorf("%q / %q: %d events, want %d: %+v", c.title, c.body, len(r.Events), c.want, r.Events)
		}
	}
}
