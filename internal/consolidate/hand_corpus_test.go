package consolidate

// A hand-written news stream about an invented country, Varesh (XB), and
// its neighbour Ostra (XC), for measuring consolidation the way reporting
// actually arrives: the same incidents told by six invented outlets over
// several days, with rising tolls, reactions filed from the capital,
// statements from abroad, funerals and arrests; and incidents that look
// alike (same day and town but another target, the same group in two
// districts, a new attack where one happened before, an anniversary, a
// trial). Every sentence, name and place is invented. The events are given
// as an extractor reads them, mistakes included: the town a train left
// from, the capital a statement came from, a funeral typed as a protest.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"sitrep"
)

type handEvent struct {
	gold     string
	typ      string
	date     string // YYYY-MM-DD, YYYY-MM or YYYY; "" for the day of publication
	dateText string
	place    string // key of handPlaces
	perps    []string
	targets  []string
	claimed  []string
	killed   string // "12", "at least 12", "nearly 12"
	injured  string
	victims  string
	modality string
	text     string
}

type handDoc struct {
	id, pub, outlet, dateline string
	events                    []handEvent
}

var handPlaces = map[string]*sitrep.Place{
	"korab":  {Name: "Korab", Admin1: "Tarsen", Country: "XB", Lat: pf(31.10), Lon: pf(68.20), Precision: sitrep.PlaceTown},
	"danit":  {Name: "Danit", Admin1: "Tarsen", Country: "XB", Lat: pf(31.22), Lon: pf(68.28), Precision: sitrep.PlaceTown},
	"selu":   {Name: "Selu", Admin1: "Tarsen", Country: "XB", Lat: pf(31.70), Lon: pf(68.95), Precision: sitrep.PlaceTown},
	"tarsen": {Name: "Tarsen", Admin1: "Tarsen", Country: "XB", Lat: pf(31.3), Lon: pf(68.5), Precision: sitrep.PlaceProvince},
	"harak":  {Name: "Harak", Admin1: "Molvar", Country: "XB", Lat: pf(29.50), Lon: pf(66.50), Precision: sitrep.PlaceTown},
	"ushtar": {Name: "Ushtar", Admin1: "Molvar", Country: "XB", Lat: pf(29.05), Lon: pf(66.05), Precision: sitrep.PlaceTown},
	"berun":  {Name: "Berun", Admin1: "Molvar", Country: "XB", Lat: pf(29.85), Lon: pf(66.95), Precision: sitrep.PlaceTown},
	"molvar": {Name: "Molvar", Admin1: "Molvar", Country: "XB", Lat: pf(29.5), Lon: pf(66.5), Precision: sitrep.PlaceProvince},
	"qeshal": {Name: "Qeshal", Admin1: "Qesh", Country: "XB", Lat: pf(27.00), Lon: pf(64.00), Precision: sitrep.PlaceTown},
	"parvan": {Name: "Parvan", Admin1: "Qesh", Country: "XB", Lat: pf(27.35), Lon: pf(64.45), Precision: sitrep.PlaceTown},
	"zaret":  {Name: "Zaret", Admin1: "Qesh", Country: "XB", Lat: pf(26.75), Lon: pf(63.65), Precision: sitrep.PlaceTown},
	"qesh":   {Name: "Qesh", Admin1: "Qesh", Country: "XB", Lat: pf(27.1), Lon: pf(64.1), Precision: sitrep.PlaceProvince},
	"almira": {Name: "Almira", Admin1: "Capital Territory", Country: "XB", Lat: pf(33.40), Lon: pf(71.10), Precision: sitrep.PlaceTown},
	"dovra":  {Name: "Dovra", Admin1: "Qesh", Country: "XB", Lat: pf(29.90), Lon: pf(60.90), Precision: sitrep.PlaceTown},
	"nerim":  {Name: "Nerim", Admin1: "Ostra Central", Country: "XC", Lat: pf(35.00), Lon: pf(60.00), Precision: sitrep.PlaceTown},
	"varesh": {Name: "Varesh", Country: "XB", Lat: pf(30.0), Lon: pf(67.0), Precision: sitrep.PlaceCountry},
	// Lorsan and Miran, neighbouring districts whose centres are 36 km
	// apart.
	"lorsan": {Name: "Lorsan", Admin1: "Tarsen", Country: "XB", Lat: pf(31.50), Lon: pf(68.60), Precision: sitrep.PlaceDistrict},
	"miran":  {Name: "Miran", Admin1: "Tarsen", Country: "XB", Lat: pf(31.80), Lon: pf(68.75), Precision: sitrep.PlaceDistrict},
}

const (
	tfa = "tarsen-freedom-army|Tarsen Freedom Army"
	sov = "sons-of-the-valley|Sons of the Valley"
	bb  = "black-banner|Black Banner"
	fg  = "frontier-guard|Frontier Guard"
)

// The outlets: Varesh Daily (vd), Frontier Wire (fw, the state agency,
// filing from the capital), Molvar Herald (mh), Radio Qesh (rq), Tarsen
// Times (tt), International Desk (iw, a foreign wire), Rights Watch (hr).
var handDocs = []handDoc{
	// A mass grave outside Ushtar, its count rising.
	{"mh-0115", "2024-01-15", "Molvar Herald", "USHTAR", []handEvent{
		{gold: "G", typ: sitrep.MassGrave, date: "2024-01-15", dateText: "Monday", place: "ushtar", killed: "5",
			text: "Shepherds found five bodies in a dry riverbed outside Ushtar on Monday, their hands tied behind their backs."}}},
	{"vd-0116", "2024-01-16", "Varesh Daily", "", []handEvent{
		{gold: "G", typ: sitrep.MassGrave, date: "2024-01-16", dateText: "Tuesday", place: "ushtar", killed: "9",
			text: "The number of bodies recovered from the riverbed near Ushtar rose to nine on Tuesday, officials said."}}},
	{"rq-0117", "2024-01-17", "Radio Qesh", "", []handEvent{
		{gold: "G", typ: sitrep.MassGrave, place: "molvar", killed: "9",
			text: "A rights group demanded an inquiry into the nine bodies found in the riverbed near Ushtar, saying some were men reported missing last year."}}},

	// A drone strike on a house near Zaret; a victim dies in the provincial capital.
	{"rq-0212", "2024-02-12", "Radio Qesh", "ZARET", []handEvent{
		{gold: "D", typ: sitrep.Bombing, date: "2024-02-12", dateText: "Monday", place: "zaret", targets: []string{"house|house"}, killed: "4",
			text: "A drone strike destroyed a mud-brick house on the outskirts of Zaret on Monday, killing four members of one family, residents said."}}},
	{"iw-0213", "2024-02-13", "International Desk", "NERIM", []handEvent{
		{gold: "D", typ: sitrep.Bombing, date: "2024-02-12", dateText: "Monday", place: "zaret", modality: sitrep.Denied,
			text: "Ostra denied that its aircraft had carried out Monday's drone strike on a family home near Zaret, across the border in Varesh."}}},
	{"fw-0213", "2024-02-13", "Frontier Wire", "ALMIRA, Feb 13 (FW)", []handEvent{
		{gold: "D", typ: sitrep.Bombing, date: "2024-02-13", dateText: "Tuesday", place: "almira", killed: "5",
			text: "The foreign office on Tuesday summoned Ostra's envoy over the drone strike near Zaret that killed five civilians, including two children."}}},
	{"vd-0214", "2024-02-14", "Varesh Daily", "", []handEvent{
		{gold: "D", typ: sitrep.Bombing, date: "2024-02-12", dateText: "Monday", place: "qeshal", killed: "5",
			text: "A teenage girl wounded in Monday's drone strike on a family home near Zaret died in Qeshal's civil hospital, the fifth victim of the strike."}}},

	// The siege of the Northern Mail: a train seized in the Kessar Pass.
	{"vd-0304-a", "2024-03-04", "Varesh Daily", "SELU", []handEvent{
		{gold: "T", typ: sitrep.Abduction, date: "2024-03-04", dateText: "Monday", place: "selu", claimed: []string{tfa}, targets: []string{"northern-mail|Northern Mail"}, killed: "at least 8", modality: sitrep.Claimed,
			text: "Fighters of the Tarsen Freedom Army blew up the track in the Kessar Pass on Monday and seized the Northern Mail, holding more than three hundred passengers hostage; at least eight people, including the driver, were killed."}}},
	{"fw-0304-a", "2024-03-04", "Frontier Wire", "ALMIRA, Mar 4 (FW)", []handEvent{
		{gold: "T", typ: sitrep.ArmedAttack, date: "2024-03-04", dateText: "Monday", place: "almira", targets: []string{"northern-mail|Northern Mail"},
			text: "The President and the Prime Minister on Monday condemned the terrorist attack on the Northern Mail and ordered the security forces to spare no effort to free the passengers."}}},
	{"mh-0305-a", "2024-03-05", "Molvar Herald", "KORAB", []handEvent{
		{gold: "T", typ: sitrep.Abduction, date: "2024-03-04", dateText: "Monday morning", place: "korab", targets: []string{"passengers|passengers"},
			text: "Relatives crowded Korab railway station, where the Northern Mail had set off on Monday morning, waiting for news of passengers still held by the hijackers in the Kessar Pass."}}},
	{"vd-0305-b", "2024-03-05", "Varesh Daily", "SELU", []handEvent{
		{gold: "T", typ: sitrep.ArmedAttack, date: "2024-03-05", dateText: "Tuesday", place: "selu", perps: []string{fg}, killed: "19",
			text: "Commandos stormed the stranded carriages below the Kessar Pass on Tuesday and ended the siege of the Northern Mail, freeing 280 hostages; the military said 19 passengers and guards had died."}}},
	{"iw-0305-a", "2024-03-05", "International Desk", "NERIM", []handEvent{
		{gold: "T", typ: sitrep.Abduction, place: "nerim",
			text: "The foreign ministry of Ostra condemned the hijacking of a passenger train in neighbouring Varesh and offered condolences to the families of the hostages."}}},
	{"rq-0306-a", "2024-03-06", "Radio Qesh", "", []handEvent{
		{gold: "T", typ: sitrep.Abduction, date: "2024-03-04", dateText: "Monday", place: "tarsen", killed: "at least 21",
			text: "The death toll from Monday's hijacking of the Northern Mail in Tarsen rose to at least 21 after two wounded passengers died in hospital."}}},
	{"tt-0306-a", "2024-03-06", "Tarsen Times", "SELU", []handEvent{
		{gold: "T", typ: sitrep.Bombing, date: "2024-03-04", dateText: "Monday", place: "selu", targets: []string{"railway-track|railway track"},
			text: "Investigators said the hijackers set off two bombs under the rails at the mouth of the Kessar tunnel on Monday to bring the Northern Mail to a halt."}}},
	{"fw-0307-a", "2024-03-07", "Frontier Wire", "ALMIRA, Mar 7 (FW)", []handEvent{
		{gold: "T", typ: sitrep.ArmedAttack, date: "2024-03-07", dateText: "Thursday", place: "almira", killed: "27",
			text: "The interior minister told the National Assembly on Thursday that 27 people had lost their lives in the siege of the Northern Mail, among them eight railway policemen."}}},
	{"vd-0307-c", "2024-03-07", "Varesh Daily", "KORAB", []handEvent{
		{gold: "T", typ: sitrep.Protest, date: "2024-03-06", dateText: "Wednesday", place: "korab",
			text: "Thousands of mourners followed the coffins of eleven railwaymen killed in the siege of the Northern Mail through Korab on Wednesday."}}},
	{"mh-0309-a", "2024-03-09", "Molvar Herald", "QESHAL", []handEvent{
		{gold: "T", typ: sitrep.Arrest, date: "2024-03-08", dateText: "Friday", place: "qeshal", targets: []string{"suspects|suspects"}, victims: "3",
			text: "Counter-terrorism police arrested three men in Qeshal on Friday in connection with the hijacking of the Northern Mail, saying they had sheltered the hijackers before the raid on the train."}}},
	{"rq-0320-a", "2024-03-20", "Radio Qesh", "", []handEvent{
		{gold: "T", typ: sitrep.Abduction, place: "tarsen",
			text: "Traders in Selu say trade through the Kessar Pass has not recovered from the siege of the Northern Mail, when hijackers held its passengers for two days."}}},
	// Weeks later: a denial from abroad that the extractor places in the
	// capital it names, and a survivor's account.
	{"iw-0322-a", "2024-03-22", "International Desk", "NERIM", []handEvent{
		{gold: "T", typ: sitrep.Abduction, date: "2024-03-04", dateText: "March 4", place: "almira",
			text: "The envoy of Ostra rejected claims from Almira that the fighters who seized the Northern Mail in the Kessar Pass near Selu on March 4 had trained on Ostran soil."}}},
	{"tt-0325-a", "2024-03-25", "Tarsen Times", "SELU", []handEvent{
		{gold: "T", typ: sitrep.Abduction, date: "2024-03-04", dateText: "March 4", place: "selu",
			text: "A guard who survived the siege of the Northern Mail told the Tarsen Times how the hijackers separated soldiers from other passengers at the Kessar tunnel on March 4."}}},

	// A monthly tally that names the siege: a statistic, not the incident.
	{"tt-0401", "2024-04-01", "Tarsen Times", "", []handEvent{
		{gold: "X2", typ: sitrep.ArmedAttack, date: "2024-03", dateText: "March", place: "tarsen", killed: "61",
			text: "Sixty-one people died in militant violence in Tarsen in March, the deadliest month this year, a tally by the Tarsen Times shows."}}},

	// A new bomb on the same line, weeks later.
	{"tt-0418", "2024-04-18", "Tarsen Times", "SELU", []handEvent{
		{gold: "TR", typ: sitrep.Bombing, date: "2024-04-18", dateText: "Thursday", place: "selu", targets: []string{"railway-track|railway track"}, killed: "0",
			text: "A bomb damaged the railway track near the Kessar tunnel on Thursday, six weeks after the Northern Mail was seized there; no train was passing and no one was hurt."}}},
	{"fw-0418", "2024-04-18", "Frontier Wire", "ALMIRA, Apr 18 (FW)", []handEvent{
		{gold: "TR", typ: sitrep.Bombing, date: "2024-04-18", dateText: "Thursday", place: "almira", targets: []string{"railway-track|railway line"},
			text: "The railways minister on Thursday condemned the blast on the line near Selu and said trains would run again once the track was repaired."}}},
	{"vd-0419", "2024-04-19", "Varesh Daily", "", []handEvent{
		{gold: "TR", typ: sitrep.Bombing, date: "2024-04-18", dateText: "Thursday", place: "selu", targets: []string{"railway-track|track"},
			text: "Repairs to the stretch of track blown up near Selu on Thursday will take two days, railway engineers said."}}},

	// A bombing in the Korab bazaar, and a grenade at a police post the same evening.
	{"tt-0502-a", "2024-05-02", "Tarsen Times", "KORAB", []handEvent{
		{gold: "M", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday", place: "korab", targets: []string{"korab-bazaar|main bazaar"}, killed: "at least 9", injured: "30",
			text: "A bomb hidden in a fruit cart tore through the crowded main bazaar of Korab on Thursday afternoon, killing at least nine people and wounding 30, police said."}}},
	{"fw-0502-b", "2024-05-02", "Frontier Wire", "ALMIRA, May 2 (FW)", []handEvent{
		{gold: "M", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday", place: "almira",
			text: "The Prime Minister on Thursday condemned the bombing of the Korab bazaar and told officials to give the wounded the best care."}}},
	{"tt-0502-b", "2024-05-02", "Tarsen Times", "KORAB", []handEvent{
		{gold: "MP", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday evening", place: "korab", targets: []string{"saddar-police-post|Saddar police post"}, injured: "2",
			text: "Hours later, men on a motorcycle threw a grenade at the Saddar police post in Korab on Thursday evening, wounding two constables."}}},
	{"vd-0503-a", "2024-05-03", "Varesh Daily", "KORAB", []handEvent{
		{gold: "M", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday", place: "korab", claimed: []string{sov}, targets: []string{"korab-bazaar|bazaar"}, killed: "14",
			text: "The Sons of the Valley said they had planted the bomb in Korab's main bazaar on Thursday; the toll rose overnight to 14 as three of the wounded died."}}},
	{"vd-0503-b", "2024-05-03", "Varesh Daily", "KORAB", []handEvent{
		{gold: "MP", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday", place: "korab", targets: []string{"saddar-police-post|Saddar police post"}, injured: "2",
			text: "In a separate attack in Korab on Thursday, a grenade thrown at the Saddar police post wounded two policemen."}}},
	{"rq-0503-a", "2024-05-03", "Radio Qesh", "", []handEvent{
		{gold: "M", typ: sitrep.Bombing, place: "tarsen", killed: "14",
			text: "Shopkeepers in Korab swept up glass and crushed fruit in the bazaar where a cart bomb killed 14 people."}}},
	{"rq-0503-b", "2024-05-03", "Radio Qesh", "", []handEvent{
		{gold: "MP", typ: sitrep.ArmedAttack, date: "2024-05-02", dateText: "Thursday night", place: "korab", targets: []string{"saddar-police-post|Saddar post"},
			text: "Police in Korab said the grenade thrown at the Saddar post on Thursday night was the third attack on the post this year."}}},
	{"mh-0504-a", "2024-05-04", "Molvar Herald", "", []handEvent{
		{gold: "M", typ: sitrep.Bombing, date: "2024-05-02", dateText: "Thursday", place: "korab", killed: "15",
			text: "A ten-year-old boy hurt in Thursday's bazaar bombing in Korab died in hospital, the fifteenth victim of the cart bomb."}}},

	// A week later, a smaller blast in a bazaar 15 km away.
	{"tt-0509", "2024-05-09", "Tarsen Times", "DANIT", []handEvent{
		{gold: "MD", typ: sitrep.Bombing, date: "2024-05-09", dateText: "Thursday", place: "danit", targets: []string{"danit-bazaar|Danit bazaar"}, killed: "3",
			text: "A week after the Korab bombing, a device went off beside a vegetable stall in the Danit bazaar on Thursday, killing three people."}}},
	{"vd-0510", "2024-05-10", "Varesh Daily", "", []handEvent{
		{gold: "MD", typ: sitrep.Bombing, date: "2024-05-09", dateText: "Thursday", place: "danit", targets: []string{"danit-bazaar|bazaar"}, killed: "4",
			text: "The toll from Thursday's blast in Danit's bazaar rose to four, police said."}}},

	// The Black Banner strikes two districts on one morning.
	{"mh-0614", "2024-06-14", "Molvar Herald", "HARAK", []handEvent{
		{gold: "BH", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday", place: "harak", perps: []string{bb}, targets: []string{"harak-levies-post|Levies post"}, killed: "4",
			text: "Black Banner fighters overran a Levies post on the edge of Harak before dawn on Friday, killing four guards."}}},
	{"rq-0614", "2024-06-14", "Radio Qesh", "USHTAR", []handEvent{
		{gold: "BU", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday morning", place: "ushtar", perps: []string{bb}, targets: []string{"ushtar-bank|National Bank branch"}, killed: "2",
			text: "Gunmen torched the National Bank branch on Ushtar's main square on Friday morning and shot dead two guards, officials said."}}},
	{"vd-0615", "2024-06-15", "Varesh Daily", "", []handEvent{
		{gold: "BH", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday", place: "harak", perps: []string{bb}, targets: []string{"harak-levies-post|Levies post"}, killed: "4",
			text: "In Harak on Friday, Black Banner attackers overran a Levies post and killed four guards;"},
		{gold: "BU", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday", place: "ushtar", perps: []string{bb}, targets: []string{"ushtar-bank|bank branch"}, killed: "2",
			text: "in Ushtar, some 65 kilometres away, the group set fire to a bank branch and shot dead two guards."}}},
	{"tt-0615", "2024-06-15", "Tarsen Times", "", []handEvent{
		{gold: "BH", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday", place: "molvar", targets: []string{"harak-levies-post|Levies post"}, killed: "5",
			text: "The toll from Friday's assault on the Levies post at Harak rose to five when a wounded guard died."}}},
	{"mh-0616", "2024-06-16", "Molvar Herald", "USHTAR", []handEvent{
		{gold: "BU", typ: sitrep.ArmedAttack, date: "2024-06-14", dateText: "Friday", place: "ushtar", targets: []string{"ushtar-bank|bank"},
			text: "Bank staff in Ushtar salvaged what records they could from the branch burned out in Friday's attack."}}},

	// Gunmen at a wedding near Berun; two arrests days later.
	{"mh-0721", "2024-07-21", "Molvar Herald", "BERUN", []handEvent{
		{gold: "W", typ: sitrep.ArmedAttack, date: "2024-07-20", dateText: "Saturday night", place: "berun", targets: []string{"wedding-party|wedding party"}, killed: "7",
			text: "Gunmen opened fire on a wedding party in the village of Lakhi near Berun on Saturday night, killing seven guests, among them the groom's father."}}},
	{"vd-0721", "2024-07-21", "Varesh Daily", "BERUN", []handEvent{
		{gold: "W", typ: sitrep.ArmedAttack, date: "2024-07-20", dateText: "Saturday", place: "berun", targets: []string{"wedding-guests|wedding guests"}, killed: "11",
			text: "Eleven people were killed when attackers sprayed bullets at guests dancing at a wedding in Lakhi, outside Berun, late on Saturday."}}},
	{"fw-0721", "2024-07-21", "Frontier Wire", "ALMIRA, Jul 21 (FW)", []handEvent{
		{gold: "W", typ: sitrep.ArmedAttack, date: "2024-07-21", dateText: "Sunday", place: "almira",
			text: "The interior minister on Sunday sought a report from the Molvar police chief on the killing of wedding guests in Lakhi."}}},
	{"rq-0722", "2024-07-22", "Radio Qesh", "", []handEvent{
		{gold: "W", typ: sitrep.ArmedAttack, date: "2024-07-22", dateText: "Monday", place: "molvar", killed: "11",
			text: "Mourners in Lakhi buried the eleven victims of the wedding massacre on Monday."}}},
	{"mh-0724", "2024-07-24", "Molvar Herald", "BERUN", []handEvent{
		{gold: "W", typ: sitrep.Arrest, date: "2024-07-23", dateText: "Tuesday", place: "berun", targets: []string{"suspects|two brothers"}, victims: "2",
			text: "Police in Berun arrested two brothers on Tuesday in connection with Saturday's massacre at the Lakhi wedding, saying a land dispute lay behind the shooting."}}},

	// A girls' school burned in Parvan; another school two weeks later.
	{"rq-0806", "2024-08-06", "Radio Qesh", "PARVAN", []handEvent{
		{gold: "S", typ: sitrep.ArmedAttack, date: "2024-08-05", dateText: "Monday night", place: "parvan", targets: []string{"parvan-girls-school|girls' high school"},
			text: "Unknown men doused the girls' high school in Parvan with petrol and set it alight on Monday night; no one was inside."}}},
	{"vd-0806", "2024-08-06", "Varesh Daily", "", []handEvent{
		{gold: "S", typ: sitrep.ArmedAttack, date: "2024-08-05", dateText: "Monday", place: "parvan", targets: []string{"parvan-girls-school|girls' school"},
			text: "Some 400 pupils of the government girls' high school in Parvan were left without classrooms after arsonists burned the building on Monday."}}},
	{"fw-0807", "2024-08-07", "Frontier Wire", "ALMIRA, Aug 7 (FW)", []handEvent{
		{gold: "S", typ: sitrep.ArmedAttack, date: "2024-08-07", dateText: "Wednesday", place: "almira",
			text: "The education minister on Wednesday announced money to rebuild the girls' high school in Parvan that arsonists set on fire this week."}}},
	{"rq-0820", "2024-08-20", "Radio Qesh", "PARVAN", []handEvent{
		{gold: "SL", typ: sitrep.ArmedAttack, date: "2024-08-19", dateText: "Monday night", place: "parvan", targets: []string{"shadi-primary-school|boys' primary school"},
			text: "Two weeks after the girls' school fire, a boys' primary school in Shadi, a village in Parvan district, was burned down on Monday night."}}},
	{"vd-0820", "2024-08-20", "Varesh Daily", "", []handEvent{
		{gold: "SL", typ: sitrep.ArmedAttack, date: "2024-08-19", dateText: "Monday night", place: "parvan", targets: []string{"shadi-primary-school|primary school"},
			text: "Villagers in Shadi said the fire that gutted their primary school on Monday night was set by the same men who burned the girls' school in Parvan."}}},

	// A journalist taken from outside his home.
	{"rq-0903", "2024-09-03", "Radio Qesh", "QESHAL", []handEvent{
		{gold: "J", typ: sitrep.Abduction, date: "2024-09-02", dateText: "Monday evening", place: "qeshal", targets: []string{"mehran-adil|Mehran Adil"}, victims: "1",
			text: "Our reporter Mehran Adil was bundled into a car by men in plain clothes outside his home in Qeshal on Monday evening, his family said."}}},
	{"vd-0903", "2024-09-03", "Varesh Daily", "", []handEvent{
		{gold: "J", typ: sitrep.Arrest, date: "2024-09-02", dateText: "Monday", place: "qeshal", targets: []string{"mehran-adil|Mehran Adil"}, modality: sitrep.Denied,
			text: "Police denied detaining the journalist Mehran Adil, whose family says security officials picked him up in Qeshal on Monday."}}},
	{"iw-0904", "2024-09-04", "International Desk", "NERIM", []handEvent{
		{gold: "J", typ: sitrep.Abduction, date: "2024-09-02", dateText: "since Monday", place: "nerim", targets: []string{"mehran-adil|Mehran Adil"},
			text: "A press freedom group in Nerim called on Varesh to say where the journalist Mehran Adil has been held since Monday."}}},
	{"mh-0906", "2024-09-06", "Molvar Herald", "QESHAL", []handEvent{
		{gold: "J", typ: sitrep.Protest, date: "2024-09-05", dateText: "Thursday", place: "qeshal", targets: []string{"mehran-adil|Mehran Adil"},
			text: "Journalists marched through Qeshal on Thursday demanding that their colleague Mehran Adil be freed."}}},

	// A trial, six months after the siege.
	{"mh-0912", "2024-09-12", "Molvar Herald", "QESHAL", []handEvent{
		{gold: "TT", typ: sitrep.Arrest, date: "2024-09-12", dateText: "Thursday", place: "qeshal", targets: []string{"accused|six men"},
			text: "An anti-terrorism court in Qeshal on Thursday charged six men over the siege of the Northern Mail; all denied the charges."}}},
	{"rq-0913", "2024-09-13", "Radio Qesh", "", []handEvent{
		{gold: "TT", typ: sitrep.Arrest, place: "qeshal", targets: []string{"accused|six men"},
			text: "Six men accused of helping the hijackers of the Northern Mail pleaded not guilty before the anti-terrorism court in Qeshal."}}},

	// A gunfight in the hills near Selu.
	{"tt-1011", "2024-10-11", "Tarsen Times", "SELU", []handEvent{
		{gold: "C", typ: sitrep.Clash, date: "2024-10-10", dateText: "Thursday", place: "selu", perps: []string{fg}, targets: []string{tfa}, killed: "20",
			text: "Six soldiers of the Frontier Guard and 14 militants were killed in a gunfight that raged for hours in the hills north of Selu on Thursday."}}},
	{"fw-1011", "2024-10-11", "Frontier Wire", "ALMIRA, Oct 11 (FW)", []handEvent{
		{gold: "C", typ: sitrep.Clash, date: "2024-10-11", dateText: "Friday", place: "almira", perps: []string{fg}, targets: []string{tfa}, killed: "14",
			text: "The military said on Friday that its troops had killed 14 terrorists of the Tarsen Freedom Army in an operation in the hills near Selu, and that six soldiers had been martyred."}}},
	{"vd-1012", "2024-10-12", "Varesh Daily", "", []handEvent{
		{gold: "C", typ: sitrep.ArmedAttack, date: "2024-10-10", dateText: "Thursday", place: "tarsen", perps: []string{tfa}, targets: []string{fg}, killed: "6", modality: sitrep.Claimed,
			text: "The Tarsen Freedom Army said its fighters had ambushed a Frontier Guard patrol in the hills near Selu on Thursday, killing six soldiers."}}},
	{"rq-1013", "2024-10-13", "Radio Qesh", "KORAB", []handEvent{
		{gold: "C", typ: sitrep.ArmedAttack, date: "2024-10-12", dateText: "Saturday", place: "korab", targets: []string{fg}, killed: "6",
			text: "The six Frontier Guard soldiers killed in the gunfight near Selu were buried with military honours in Korab on Saturday."}}},

	// A minister shot outside a mosque; a councillor shot three days later.
	{"mh-1103", "2024-11-03", "Molvar Herald", "HARAK", []handEvent{
		{gold: "A", typ: sitrep.Assassination, date: "2024-11-03", dateText: "Sunday", place: "harak", targets: []string{"daud-karrani|Daud Karrani"}, killed: "1",
			text: "Provincial minister Daud Karrani was shot dead by two gunmen on a motorcycle as he left a mosque in Harak on Sunday."}}},
	{"fw-1103", "2024-11-03", "Frontier Wire", "ALMIRA, Nov 3 (FW)", []handEvent{
		{gold: "A", typ: sitrep.Assassination, date: "2024-11-03", dateText: "Sunday", place: "almira", targets: []string{"daud-karrani|Daud Karrani"},
			text: "The President on Sunday expressed grief at the assassination of Molvar's irrigation minister Daud Karrani in Harak."}}},
	{"vd-1104", "2024-11-04", "Varesh Daily", "", []handEvent{
		{gold: "A", typ: sitrep.ArmedAttack, date: "2024-11-03", dateText: "Sunday", place: "harak", targets: []string{"daud-karrani|Daud Karrani", "bodyguard|bodyguard"}, killed: "2",
			text: "Mr Karrani's bodyguard also died of his wounds, bringing the toll of Sunday's attack in Harak to two."}}},
	{"rq-1105", "2024-11-05", "Radio Qesh", "", []handEvent{
		{gold: "A", typ: sitrep.Assassination, place: "molvar", targets: []string{"daud-karrani|Daud Karrani"},
			text: "Thousands attended the funeral of the slain minister Daud Karrani in his home village in Molvar."}}},
	{"mh-1106", "2024-11-06", "Molvar Herald", "HARAK", []handEvent{
		{gold: "AC", typ: sitrep.Assassination, date: "2024-11-06", dateText: "Wednesday", place: "harak", targets: []string{"rashid-bano|Rashid Bano"}, killed: "1",
			text: "Three days after the minister's killing, a town councillor, Rashid Bano, was shot dead outside his shop in Harak on Wednesday."}}},
	{"vd-1107", "2024-11-07", "Varesh Daily", "", []handEvent{
		{gold: "AC", typ: sitrep.Assassination, date: "2024-11-06", dateText: "Wednesday", place: "harak", targets: []string{"rashid-bano|Rashid Bano"}, killed: "1",
			text: "Police said they could not yet tell whether Wednesday's killing of the councillor Rashid Bano in Harak was linked to the murder of the minister."}}},

	// A three-day sit-in; a traders' strike a week later in the same city.
	{"rq-1201", "2024-12-01", "Radio Qesh", "QESHAL", []handEvent{
		{gold: "P", typ: sitrep.Protest, date: "2024-12-01", dateText: "Sunday", place: "qeshal",
			text: "Families of missing persons began a sit-in outside the Qeshal press club on Sunday, holding up photographs of their sons and husbands."}}},
	{"vd-1202", "2024-12-02", "Varesh Daily", "", []handEvent{
		{gold: "P", typ: sitrep.Protest, date: "2024-12-02", dateText: "Monday", place: "qeshal",
			text: "The sit-in by families of the disappeared outside the Qeshal press club went into its second day on Monday."}}},
	{"mh-1204", "2024-12-04", "Molvar Herald", "", []handEvent{
		{gold: "P", typ: sitrep.Protest, date: "2024-12-03", dateText: "Tuesday", place: "qeshal",
			text: "Families of missing persons ended their three-day sit-in at the Qeshal press club on Tuesday after the home minister promised to meet them."}}},
	{"rq-1210", "2024-12-10", "Radio Qesh", "QESHAL", []handEvent{
		{gold: "PT", typ: sitrep.Protest, date: "2024-12-10", dateText: "Tuesday", place: "qeshal",
			text: "Traders in Qeshal pulled down their shutters on Tuesday against a new provincial sales tax."}}},
	{"vd-1211", "2024-12-11", "Varesh Daily", "", []handEvent{
		{gold: "PT", typ: sitrep.Protest, date: "2024-12-10", dateText: "Tuesday", place: "qeshal",
			text: "Markets in Qeshal stayed shut on Tuesday as traders struck over the sales tax."}}},

	// A year's tally, and the anniversary of the siege.
	{"hr-0110", "2025-01-10", "Rights Watch", "", []handEvent{
		{gold: "X1", typ: sitrep.ArmedAttack, date: "2024", dateText: "2024", place: "tarsen", killed: "412",
			text: "In its annual report, Rights Watch said 412 people were killed in militant attacks in Tarsen in 2024, more than in any year since 2015."}}},
	{"vd-250304", "2025-03-04", "Varesh Daily", "KORAB", []handEvent{
		{gold: "TA", typ: sitrep.Protest, date: "2025-03-04", dateText: "Tuesday", place: "korab",
			text: "Families of the victims gathered at Korab station on Tuesday to mark a year since the siege of the Northern Mail, laying wreaths on the platform."}}},
	{"tt-250305", "2025-03-05", "Tarsen Times", "", []handEvent{
		{gold: "TA", typ: sitrep.Protest, date: "2025-03-04", dateText: "Tuesday", place: "korab",
			text: "A year after the Northern Mail siege, relatives who held a vigil in Korab on Tuesday said they were still waiting for compensation."}}},
}

// count reads "12", "at least 12" or "nearly 12" as an extractor would.
func handCount(s string) *sitrep.Count {
	if s == "" {
		return nil
	}
	switch {
	case strings.HasPrefix(s, "at least "):
		n, _ := strconv.Atoi(strings.TrimPrefix(s, "at least "))
		return &sitrep.Count{Low: ip(n), Best: ip(n), Text: s}
	case strings.HasPrefix(s, "nearly "):
		n, _ := strconv.Atoi(strings.TrimPrefix(s, "nearly "))
		return &sitrep.Count{Best: ip(n), High: ip(n), Text: s}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(s)
	}
	return &sitrep.Count{Low: ip(n), Best: ip(n), High: ip(n), Text: s}
}

func handActors(l []string) []sitrep.ActorRef {
	var out []sitrep.ActorRef
	for _, a := range l {
		id, name, _ := strings.Cut(a, "|")
		out = append(out, sitrep.ActorRef{ID: id, Name: name})
	}
	return out
}

// event turns a hand-written report into the event an extractor gives.
func (e handEvent) event(i int, pub string) sitrep.Event {
	ev := sitrep.Event{ID: fmt.Sprintf("E%d", i+1), Type: e.typ, Modality: e.modality,
		Perpetrators: handActors(e.perps), Targets: handActors(e.targets), ClaimedBy: handActors(e.claimed),
		Killed: handCount(e.killed), Injured: handCount(e.injured), Victims: handCount(e.victims),
		Evidence: []sitrep.Span{{Text: e.text}}}
	if ev.Modality == "" {
		ev.Modality = sitrep.Asserted
	}
	switch d := e.date; len(d) {
	case 0: // the extractor falls back on the day of publication
		ev.Date = &sitrep.Date{Start: pub, End: pub, Precision: sitrep.PrecisionDay}
	case 4:
		ev.Date = &sitrep.Date{Start: d + "-01-01", End: d + "-12-31", Precision: sitrep.PrecisionYear, Text: e.dateText}
	case 7:
		_, last, _ := parseDay(d)
		ev.Date = &sitrep.Date{Start: d + "-01", End: formatDay(last), Precision: sitrep.PrecisionMonth, Text: e.dateText}
	default:
		ev.Date = &sitrep.Date{Start: d, End: d, Precision: sitrep.PrecisionDay, Text: e.dateText}
	}
	if p := handPlaces[e.place]; p != nil {
		pp := *p
		ev.Place = &pp
	} else if e.place != "" {
		panic(e.place)
	}
	return ev
}

// text is the report as published: its dateline and its sentences.
func (d handDoc) text() string {
	var b strings.Builder
	if d.dateline != "" {
		b.WriteString(d.dateline + ": ")
	}
	for i, e := range d.events {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.text)
	}
	return b.String()
}

// fillerDocs are the rest of a news stream, with no incidents: council
// budgets, harvests, cricket and weather, so that words are as rare or as
// common as in real news.
func fillerDocs(n int, seed uint64) []handDoc {
	rng := rand.New(rand.NewPCG(seed, 3))
	towns := []string{"Korab", "Danit", "Selu", "Harak", "Ushtar", "Berun", "Qeshal", "Parvan", "Zaret", "Almira"}
	subjects := []string{"The municipal council", "The provincial cabinet", "The chamber of commerce", "The wheat growers' union",
		"The cricket board", "The weather office", "The power company", "The university syndicate", "The health department", "The highway authority"}
	verbs := []string{"approved", "postponed", "debated", "announced", "rejected", "reviewed", "welcomed", "criticised"}
	objects := []string{"a new budget for street lighting", "plans for a second water reservoir", "higher prices for the spring harvest",
		"a schedule of matches for the winter season", "a forecast of heavy rain in the hills", "repairs to the main canal",
		"scholarships for engineering students", "a vaccination drive in the villages", "a toll on the northern highway",
		"a fair for handicrafts and carpets", "new buses for the city routes", "the opening of a cold storage plant"}
	tails := []string{"Officials expect the work to finish before summer.", "Opposition members walked out in protest at the cost.",
		"Farmers said the decision came too late for the sowing season.", "Tickets will go on sale next month.",
		"Residents were told to keep away from dry riverbeds.", "The minister said the scheme would create jobs.",
		"Shopkeepers complained about the long power cuts.", "The plan still needs the approval of the federal government."}
	out := make([]handDoc, n)
	for i := range out {
		day := 1 + rng.IntN(365)
		pub := formatDay(daysFromCivil(2024, 1, 1) + int32(day-1))
		town := towns[rng.IntN(len(towns))]
		text := fmt.Sprintf("%s of %s on %s %s %s. %s",
			subjects[rng.IntN(len(subjects))], town, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}[rng.IntN(5)],
			verbs[rng.IntN(len(verbs))], objects[rng.IntN(len(objects))], tails[rng.IntN(len(tails))])
		out[i] = handDoc{id: fmt.Sprintf("filler-%03d", i), pub: pub, outlet: "Varesh Daily", dateline: strings.ToUpper(town),
			events: []handEvent{{text: text}}}
	}
	return out
}

// runHandCorpus consolidates the stream (with filler) in publication order
// and returns each event's predicted and gold incident.
func runHandCorpus(t testing.TB, docs []handDoc) (x *Index, pred, gold map[string]string) {
	t.Helper()
	stream := append(fillerDocs(400, 1), docs...)
	slicesSortStableByPub(stream)
	x = NewIndex()
	pred, gold = map[string]string{}, map[string]string{}
	for _, d := range stream {
		var evs []sitrep.Event
		var golds []string
		for i, e := range d.events {
			if e.typ == "" {
				continue // filler: text only
			}
			evs = append(evs, e.event(i, d.pub))
			golds = append(golds, e.gold)
		}
		as := x.AddDoc(Doc{ID: d.id, Published: d.pub, Outlet: d.outlet, Text: d.text(), Dateline: Dateline(d.text())}, evs)
		for i, a := range as {
			gold[a.Key] = golds[i]
			if debugDoc := os.Getenv("HAND_DEBUG"); debugDoc != "" && strings.Contains(a.Key, debugDoc) {
				t.Logf("%s -> %s new=%v score %.1f alts %v: %q", a.Key, a.Incident, a.New, a.Score, a.Alternatives, a.Reasons)
			}
		}
	}
	for k := range gold {
		id, ok := x.IncidentOf(k)
		if !ok {
			t.Fatalf("event %s lost", k)
		}
		pred[k] = id
	}
	return x, pred, gold
}

func slicesSortStableByPub(docs []handDoc) {
	for i := 1; i < len(docs); i++ { // insertion sort keeps the written order within a day
		for j := i; j > 0 && docs[j].pub < docs[j-1].pub; j-- {
			docs[j], docs[j-1] = docs[j-1], docs[j]
		}
	}
}

// TestHandCorpus is the acceptance test of consolidation on reporting
// written the way news is: pairwise precision ≥ 0.97 and recall ≥ 0.90
// over every pair of reports.
func TestHandCorpus(t *testing.T) {
	x, pred, gold := runHandCorpus(t, handDocs)
	p, r, tp, pp, gp := pairScores(pred, gold)
	golds := map[string]bool{}
	for _, g := range gold {
		golds[g] = true
	}
	t.Logf("%d reports of %d incidents in %d predicted incidents", len(gold), len(golds), countDistinct(pred))
	t.Logf("pairwise precision %.3f (%d/%d), recall %.3f (%d/%d)", p, tp, pp, r, tp, gp)
	if p < 0.97 || r < 0.90 {
		t.Errorf("precision %.3f (want ≥ 0.97), recall %.3f (want ≥ 0.90)", p, r)
		reportErrors(t, x, pred, gold)
		explainSplits(t, x, pred, gold)
	}
}

// explainSplits logs, for each report outside the largest incident of its
// gold incident, how it scores against that incident now.
func explainSplits(t *testing.T, x *Index, pred, gold map[string]string) {
	byGold := map[string]map[string]int{}
	for k, g := range gold {
		if byGold[g] == nil {
			byGold[g] = map[string]int{}
		}
		byGold[g][pred[k]]++
	}
	for k, g := range gold {
		main := ""
		for id, n := range byGold[g] {
			if main == "" || n > byGold[g][main] || n == byGold[g][main] && id < main {
				main = id
			}
		}
		if pred[k] == main {
			continue
		}
		ex := explain{on: true}
		m, inc := x.byKey[k], x.incidents[main]
		s, ok, named := x.incidentScore(m, inc, &ex)
		var why []int32
		id, _ := x.voc.identity(m.terms, inc.prof, len(inc.members), func(int32) float64 { return 1 }, &why)
		var ws []string
		for _, w := range why {
			ws = append(ws, fmt.Sprintf("%s(%.1f)", x.voc.wordOf(w), x.voc.idf(w)))
		}
		t.Logf("%s (%s) vs %s: score %.1f ok %v named %v words %.1f %v terms %v: %s\n    placed: %q", k, g, main, s, ok, named, id, ws, m.ref.Words, strings.Join(ex.reasons, "; "), m.ref.Reasons)
	}
}

func countDistinct(m map[string]string) int {
	s := map[string]bool{}
	for _, v := range m {
		s[v] = true
	}
	return len(s)
}

// TestHandCorpusIncidents checks what the stream's largest incident, the
// siege of the Northern Mail, becomes: its day and place are those its
// reports of the act agree on (not the capital the statements came from,
// nor the town the train left from), its toll is the latest count given
// as fact, and the arrests, the anniversary and the trial are told apart.
func TestHandCorpusIncidents(t *testing.T) {
	x, pred, _ := runHandCorpus(t, handDocs)
	inc, ok := x.Incident(pred["vd-0304-a#E1"])
	if !ok {
		t.Fatal("no incident for the first report of the siege")
	}
	if inc.Date.Start != "2024-03-04" {
		t.Errorf("date %+v, want 2024-03-04", inc.Date)
	}
	if inc.Place == nil || inc.Place.Name != "Selu" {
		t.Errorf("place %+v, want Selu", inc.Place)
	}
	if !violent[inc.Type] {
		t.Errorf("type %s", inc.Type)
	}
	k := inc.Killed
	if k.Best == nil || *k.Best != 27 || *k.Low != 8 || *k.High != 27 {
		t.Errorf("killed %s, want best 27 (the minister's count of Thursday), low 8, high 27", rangeLabel(k))
	}
	if v := inc.Victims; v.Best != nil {
		t.Errorf("the three arrested count as victims of the siege: %s", rangeLabel(v))
	}
	var arrest *EventRef
	for i, r := range inc.Events {
		if r.Key == "mh-0309-a#E1" {
			arrest = &inc.Events[i]
		}
	}
	if arrest == nil || !arrest.FollowUp {
		t.Errorf("the arrests in connection with the siege: %+v", arrest)
	}
	for _, apart := range []string{"vd-250304#E1", "mh-0912#E1", "tt-0418#E1", "tt-0401#E1"} {
		if pred[apart] == inc.ID {
			t.Errorf("%s (anniversary, trial, a later bomb, a monthly tally) joined the siege", apart)
		}
	}
}

// TestHandCorpusDecisionsWin: a user's split and merge hold against the
// words that link reports, also when every document is extracted again.
func TestHandCorpusDecisionsWin(t *testing.T) {
	x, pred, _ := runHandCorpus(t, handDocs)
	siege := pred["vd-0304-a#E1"]
	split, err := x.Split(siege, "fw-0307-a#E1")
	if err != nil {
		t.Fatal(err)
	}
	// The user holds the Danit blast and the Korab bombing to be one.
	if _, err := x.Merge(pred["tt-0502-a#E1"], pred["tt-0509#E1"]); err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		s, _ := x.IncidentOf("vd-0304-a#E1")
		f, _ := x.IncidentOf("fw-0307-a#E1")
		m, _ := x.IncidentOf("tt-0502-a#E1")
		d, _ := x.IncidentOf("tt-0509#E1")
		if s == f || m != d {
			t.Errorf("%s: siege %s, split report %s; bazaar %s, Danit %s", stage, s, f, m, d)
		}
	}
	check("after the decisions")
	if _, ok := x.Incident(split.ID); !ok {
		t.Errorf("the id split printed (%s) cannot be shown", split.ID)
	}
	for _, d := range handDocs { // re-extraction: every document again
		var evs []sitrep.Event
		for i, e := range d.events {
			evs = append(evs, e.event(i, d.pub))
		}
		x.AddDoc(Doc{ID: d.id, Published: d.pub, Outlet: d.outlet, Text: d.text(), Dateline: Dateline(d.text())}, evs)
	}
	check("after re-extraction")
}

// TestLookBackFollowsUp: a report weeks later that states no date of its
// own ("since the bombing") joins the incident it names as a follow-up,
// and the days it was published do not keep out a later report that
// states the incident's day.
func TestLookBackFollowsUp(t *testing.T) {
	docs := []handDoc{
		{"lb-1", "2024-06-10", "Varesh Daily", "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit", killed: "7",
			text: "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders."}}},
		{"lb-2", "2024-06-11", "Tarsen Times", "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit", killed: "9",
			text: "The toll from Monday's bombing of the Danit grain market rose to nine, doctors said."}}},
		{"lb-3", "2024-06-11", "Molvar Herald", "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit",
			text: "Traders at the grain market in Danit buried their dead on Tuesday, a day after the flour sack bomb."}}},
		{"lb-4", "2024-06-30", "Radio Qesh", "", []handEvent{{gold: "M", typ: sitrep.Bombing, place: "danit",
			text: "Since the bombing of the grain market in Danit, the flour traders have kept their stalls shut."}}},
		{"lb-5", "2024-07-05", "Tarsen Times", "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "June 10", place: "danit",
			text: "Investigators told a court that the bomb at the Danit grain market on June 10 was assembled in a workshop in Harak."}}},
	}
	x, pred, _ := runHandCorpus(t, docs)
	want := pred["lb-1#E1"]
	for _, k := range []string{"lb-2#E1", "lb-3#E1", "lb-4#E1", "lb-5#E1"} {
		if pred[k] != want {
			inc, _ := x.Incident(pred[k])
			t.Errorf("%s in %s, the bombing is %s: %q", k, pred[k], want, inc.Reasons)
		}
	}
	inc, _ := x.Incident(want)
	for _, r := range inc.Events {
		if fu := r.Key == "lb-4#E1"; r.FollowUp != fu {
			t.Errorf("%s follow-up %v, want %v", r.Key, r.FollowUp, fu)
		}
	}
	if inc.Date.Start != "2024-06-10" {
		t.Errorf("date %s", inc.Date.Start)
	}
}

// TestSecondConvoyAttackStaysApart: a convoy bombed on the highway near
// Parvan and, three days later, an army escort blown up near Berun are two
// acts, each told by several reports; the later reports of the second tell
// it in the first one's words, and a statement condemning "the attacks on
// the convoys near Parvan and Berun" names both. They must not become one.
func TestSecondConvoyAttackStaysApart(t *testing.T) {
	first := func(id, pub, outlet, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "P", typ: sitrep.Bombing, date: "2024-08-12", dateText: dateText, place: "parvan",
			targets: []string{"security-convoy|security convoy"}, killed: "5", text: text}}}
	}
	second := func(id, pub, outlet, dateText, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "Z", typ: sitrep.Bombing, date: "2024-08-15", dateText: dateText, place: "berun",
			targets: []string{"security-convoy|security convoy"}, killed: "4", text: text}}}
	}
	docs := []handDoc{
		first("cv-1", "2024-08-12", "Varesh Daily", "Monday", "A suicide bomber rammed an explosive-laden car into a security convoy on the coastal highway near Parvan on Monday, killing five soldiers."),
		first("cv-2", "2024-08-13", "Tarsen Times", "Monday", "Five soldiers were martyred when an explosive-laden car hit a security convoy on the coastal highway near Parvan on Monday, the military said."),
		first("cv-3", "2024-08-13", "Radio Qesh", "Monday", "The suicide car bomb that struck the security convoy near Parvan on Monday wounded twenty soldiers on the coastal highway."),
		second("cv-4", "2024-08-15", "Varesh Daily", "Thursday", "Militants blew up an army vehicle escorting fuel tankers near Berun on Thursday, killing four troops."),
		second("cv-5", "2024-08-15", "Tarsen Times", "Thursday", "Four troops died near Berun on Thursday when militants blew up a military vehicle escorting fuel tankers, officials said."),
		second("cv-6", "2024-08-16", "Radio Qesh", "Thursday", "The fuel tankers were escorted by the army vehicle that militants blew up near Berun on Thursday."),
		// Later reports of the second tell it in the first one's words.
		second("cv-8", "2024-08-16", "Varesh Daily", "Thursday", "A suicide bomber rammed an explosive-laden car into the security convoy on the coastal highway near Berun on Thursday, the military said."),
		second("cv-9", "2024-08-16", "Molvar Herald", "Thursday", "The explosive-laden car of a suicide bomber hit the security convoy on the coastal highway near Berun on Thursday, killing four soldiers."),
		{"cv-7", "2024-08-17", "Molvar Herald", "", []handEvent{{gold: "Z", typ: sitrep.Bombing, date: "2024-08-15", dateText: "this week", place: "qesh",
			targets: []string{"security-convoy|security convoy"},
			text:    "The provincial cabinet condemned the suicide attacks on the security convoys on the coastal highway near Parvan and Berun this week, in which soldiers were martyred."}}},
	}
	_, pred, _ := runHandCorpus(t, docs)
	if pred["cv-1#E1"] == pred["cv-4#E1"] {
		t.Errorf("the convoy bombings of Monday and Thursday became one incident %s", pred["cv-1#E1"])
	}
	for _, k := range []string{"cv-2#E1", "cv-3#E1"} {
		if pred[k] != pred["cv-1#E1"] {
			t.Errorf("%s is not with the first convoy bombing", k)
		}
	}
	for _, k := range []string{"cv-5#E1", "cv-6#E1", "cv-8#E1", "cv-9#E1"} {
		if pred[k] != pred["cv-4#E1"] {
			t.Errorf("%s is not with the second convoy bombing", k)
		}
	}
}

// TestKindOfTheMajorityDecides: the first report of a train seizure calls
// it an attack; the next ones, naming it, a hostage taking, which is what
// the incident then is. A plain later report of the hostage taking on the
// same day at the same town joins; the first report's kind no longer
// keeps it out.
func TestKindOfTheMajorityDecides(t *testing.T) {
	hostage := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-10-07", dateText: "Monday", place: "harak",
			targets: []string{"night-express|Night Express"}, text: text}}}
	}
	docs := []handDoc{
		{"hk-1", "2024-10-07", "Varesh Daily", "", []handEvent{{gold: "H", typ: sitrep.ArmedAttack, date: "2024-10-07", dateText: "Monday", place: "harak",
			targets: []string{"night-express|Night Express"},
			text:    "Gunmen attacked the Night Express at the Harak tunnel on Monday, firing on the locomotive."}}},
		hostage("hk-2", "2024-10-07", "Tarsen Times", "Gunmen seized the Night Express at the Harak tunnel on Monday and took its passengers hostage."),
		hostage("hk-3", "2024-10-08", "Radio Qesh", "Passengers of the Night Express were held hostage at the Harak tunnel after gunmen seized the train on Monday."),
		hostage("hk-4", "2024-10-08", "Molvar Herald", "The gunmen holding the Night Express passengers hostage at the Harak tunnel since Monday freed the women."),
		{"hk-5", "2024-10-09", "Varesh Daily", "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-10-07", dateText: "Monday", place: "harak",
			text: "Monday's seizure near Harak was the first time the rebels had used the tactic, analysts said."}}},
	}
	x, pred, _ := runHandCorpus(t, docs)
	for _, k := range []string{"hk-2#E1", "hk-3#E1", "hk-4#E1", "hk-5#E1"} {
		if pred[k] != pred["hk-1#E1"] {
			inc, _ := x.Incident(pred[k])
			t.Errorf("%s in %s, not with the first report %s: %q", k, pred[k], pred["hk-1#E1"], inc.Reasons)
		}
	}
}

// TestMisplacedReportDoesNotVeto: one report of a large incident placed at
// a town of its province far from where it happened (the extraction took
// the town from another incident the same article told) does not keep out
// a later report naming the incident from a town elsewhere in the
// province; the incident's own reports place it only in the province.
func TestMisplacedReportDoesNotVeto(t *testing.T) {
	seizure := func(id, pub, outlet, place, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-10-07", dateText: "Monday", place: place,
			targets: []string{"night-express|Night Express"}, text: text}}}
	}
	docs := []handDoc{
		seizure("ms-0", "2024-10-07", "Ostra Post", "dovra", "Gunmen seized the Night Express on Monday and took its passengers hostage, weeks after an attack on a post in Dovra."),
		seizure("ms-1", "2024-10-07", "Varesh Daily", "qesh", "Gunmen seized the Night Express in a tunnel in Qesh on Monday and took its passengers hostage."),
		seizure("ms-2", "2024-10-07", "Tarsen Times", "qesh", "Passengers of the Night Express were held hostage in a tunnel in Qesh after gunmen seized the train on Monday."),
		seizure("ms-3", "2024-10-08", "Radio Qesh", "qesh", "The gunmen who seized the Night Express in the tunnel on Monday still held its passengers hostage."),
		seizure("ms-4", "2024-10-08", "Molvar Herald", "qesh", "Troops surrounded the tunnel where gunmen had seized the Night Express and its passengers on Monday."),
		seizure("ms-5", "2024-10-08", "Varesh Daily", "qesh", "Families of the Night Express passengers held hostage in the tunnel since Monday waited for news."),
		seizure("ms-6", "2024-10-08", "Tarsen Times", "qesh", "Women and children were freed from the Night Express, seized with its passengers in the tunnel on Monday."),
	}
	x, pred, _ := runHandCorpus(t, docs)
	main := pred["ms-1#E1"]
	if pred["ms-0#E1"] != main {
		t.Skip("the misplaced report is not in the incident: nothing to test")
	}
	late := []sitrep.Event{seizureEvent("parvan", "The hostages of the Night Express seized on Monday were freed near Parvan, the army said.")}
	as := x.AddDoc(Doc{ID: "ms-8", Published: "2024-10-09", Outlet: "Radio Qesh"}, late)
	if got, _ := x.IncidentOf(as[0].Key); got != main {
		inc, _ := x.Incident(got)
		t.Errorf("the report from near Parvan went to %s, not the seizure %s: %q", got, main, inc.Reasons)
	}
}

func seizureEvent(place, text string) sitrep.Event {
	e := handEvent{gold: "H", typ: sitrep.Abduction, date: "2024-10-07", dateText: "Monday", place: place,
		targets: []string{"night-express|Night Express"}, text: text}
	return e.event(0, "2024-10-09")
}

// TestNamingReportWithOtherTargetJoins: a report days later that names
// an incident the news is about ("the hostage taking of the Night
// Express") and its target, but reads one victim as its own target and
// gives only the country, joins the incident: another target does not
// keep such a report out as it keeps out a report of another act.
func TestNamingReportWithOtherTargetJoins(t *testing.T) {
	hostage := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "H", typ: sitrep.Abduction, date: "2024-10-07", dateText: "Monday", place: "harak", perps: []string{tfa},
			targets: []string{"night-express|Night Express", "passengers|passengers"}, killed: "21", text: text}}}
	}
	docs := []handDoc{
		{"nt-1", "2024-10-07", "Varesh Daily", "", []handEvent{{gold: "H", typ: sitrep.ArmedAttack, date: "2024-10-07", dateText: "Monday", place: "harak", perps: []string{tfa},
			targets: []string{"night-express|Night Express"},
			text:    "Gunmen attacked the Night Express at the Harak tunnel on Monday and took its passengers hostage."}}},
		hostage("nt-2", "2024-10-08", "Tarsen Times", "Passengers of the Night Express were held hostage at the Harak tunnel after gunmen seized the train on Monday."),
		hostage("nt-3", "2024-10-08", "Radio Qesh", "The gunmen holding the Night Express passengers hostage at the Harak tunnel since Monday freed the women."),
		hostage("nt-4", "2024-10-09", "Molvar Herald", "Troops ended the hostage taking of the Night Express at the Harak tunnel, seized on Monday; 21 hostages died."),
		{"nt-5", "2024-10-11", "Frontier Wire", "", []handEvent{{gold: "H", typ: sitrep.ArmedAttack, place: "varesh", perps: []string{tfa},
			targets: []string{"karim-dostan|Karim Dostan"},
			text:    "Sepoy Karim Dostan embraced martyrdom in the hostage taking of the Night Express, in which 21 hostages died, his village was told."}}},
	}
	x, pred, _ := runHandCorpus(t, docs)
	if pred["nt-5#E1"] != pred["nt-1#E1"] {
		inc, _ := x.Incident(pred["nt-5#E1"])
		t.Errorf("the report of the martyred sepoy is in %s, not the hostage taking %s: %q", pred["nt-5#E1"], pred["nt-1#E1"], inc.Reasons)
	}
}

// TestNamingReportStaysWithItsIncident: a report of the Selu grain
// market bombing placed at Korab, a town of the province, naming it,
// stays with it when a report of the month's attacks at Korab arrives:
// the words naming an incident several reports tell outweigh a closer
// town and a look-alike that shares them with one report.
func TestNamingReportStaysWithItsIncident(t *testing.T) {
	market := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "selu",
			targets: []string{"grain-market|grain market"}, killed: "7", text: text}}}
	}
	docs := []handDoc{
		market("ns-1", "2024-06-10", "Varesh Daily", "A bomb hidden in a flour sack tore through the grain market in Selu on Monday, killing seven traders."),
		market("ns-2", "2024-06-11", "Tarsen Times", "The toll from Monday's bombing of the Selu grain market stood at seven traders, doctors said."),
		market("ns-3", "2024-06-11", "Molvar Herald", "Traders at the grain market in Selu buried their dead on Tuesday, a day after the flour sack bomb."),
		{"ns-4", "2024-06-14", "Radio Qesh", "", []handEvent{{gold: "M", typ: sitrep.Bombing, place: "korab",
			text: "Mourners in Korab remembered the seven traders killed by the flour sack bomb at the Selu grain market."}}},
		{"ns-5", "2024-06-15", "Radio Qesh", "", []handEvent{{gold: "K", typ: sitrep.Bombing, date: "2024-06", dateText: "June", place: "korab", perps: []string{tfa},
			targets: []string{"korab-checkpost|Korab checkpost"},
			text:    "The Tarsen Freedom Army bombed the Korab checkpost twice in June, and mourners in Korab remembered traders killed by a flour sack bomb, the monthly report said."}}},
	}
	x, pred, _ := runHandCorpus(t, docs)
	if pred["ns-4#E1"] != pred["ns-1#E1"] {
		inc, _ := x.Incident(pred["ns-4#E1"])
		t.Errorf("the report naming the market bombing is in %s, not the bombing %s: %q", pred["ns-4#E1"], pred["ns-1#E1"], inc.Reasons)
	}
}

// TestTieGoesToTheIncidentNamed: a report that fits the grain market
// bombing, told by several reports, and a lone report of another attack
// that week about equally (two rare words in common with each) joins the
// bombing: the words most of an incident's reports use are its name, two
// words of one report are a coincidence as often.
func TestTieGoesToTheIncidentNamed(t *testing.T) {
	market := func(id, pub, outlet, text string) handDoc {
		return handDoc{id, pub, outlet, "", []handEvent{{gold: "M", typ: sitrep.Bombing, date: "2024-06-10", dateText: "Monday", place: "danit",
			killed: "7", text: text}}}
	}
	docs := []handDoc{
		market("tg-1", "2024-06-10", "Varesh Daily", "A bomb hidden in a flour sack tore through the grain market in Danit on Monday, killing seven traders."),
		market("tg-2", "2024-06-11", "Tarsen Times", "The toll from Monday's bombing of the Danit grain market stood at seven traders, doctors said."),
		market("tg-3", "2024-06-11", "Molvar Herald", "Traders at the grain market in Danit buried their dead on Tuesday, a day after the flour sack bomb."),
		{"tg-4", "2024-06-12", "Radio Qesh", "", []handEvent{{gold: "L", typ: sitrep.Bombing, date: "2024-06-12", dateText: "Wednesday", place: "korab", killed: "2",
			text: "A melon cart packed with explosives wounded a customs inspector and killed two porters in Korab on Wednesday."}}},
		{"tg-5", "2024-06-14", "Frontier Wire", "", []handEvent{{gold: "M", typ: sitrep.Bombing, place: "tarsen",
			text: "Porters and customs men joined traders of the grain market mourning the seven killed by the flour sack bomb."}}},
	}
	x, pred, _ := runHandCorpus(t, docs)
	if pred["tg-5#E1"] != pred["tg-1#E1"] {
		inc, _ := x.Incident(pred["tg-5#E1"])
		t.Errorf("the report naming the market bombing is in %s, not the bombing %s: %q", pred["tg-5#E1"], pred["tg-1#E1"], inc.Reasons)
	}
	if pred["tg-4#E1"] == pred["tg-1#E1"] {
		inc, _ := x.Incident(pred["tg-4#E1"])
		t.Errorf("the Korab bombing joined the market bombing: %q", inc.Reasons)
	}
}

// TestRoundupDoesNotBridgeDistricts: the same night's attacks on police
// stations in the neighbouring districts of Lorsan and Miran are two
// incidents, though a roundup tells of both, one of its reports naming
// both in one sentence.
func TestRoundupDoesNotBridgeDistricts(t *testing.T) {
	attack := func(gold, place, target, text string) handEvent {
		return handEvent{gold: gold, typ: sitrep.ArmedAttack, date: "2024-09-20", dateText: "Friday night", place: place,
			targets: []string{target}, text: text}
	}
	const gambat, sadar = "gambat-police-station|Gambat police station", "sadar-police-station|Sadar police station"
	doc := func(id, pub, outlet string, evs ...handEvent) handDoc { return handDoc{id, pub, outlet, "", evs} }
	docs := []handDoc{
		doc("rd-1", "2024-09-21", "Varesh Daily", attack("L", "lorsan", gambat,
			"Militants hurled hand grenades at the Gambat police station in Lorsan on Friday night, wounding two constables.")),
		doc("rd-2", "2024-09-21", "Tarsen Times", attack("L", "lorsan", gambat,
			"Two constables were wounded when hand grenades were hurled at the Gambat police station in Lorsan on Friday night.")),
		doc("rd-3", "2024-09-21", "Radio Qesh", attack("N", "miran", sadar,
			"Rockets fired from the hills hit the Sadar police station in Miran on Friday night, damaging its walls.")),
		doc("rd-4", "2024-09-21", "Molvar Herald", attack("N", "miran", sadar,
			"The walls of the Sadar police station in Miran were damaged by rockets fired from the hills on Friday night.")),
		doc("rd-5", "2024-09-22", "Varesh Daily",
			attack("L", "lorsan", gambat, "Overnight, grenades were hurled at the Gambat police station in Lorsan and rockets fired from the hills hit the Sadar police station in Miran."),
			attack("N", "miran", sadar, "In Miran, rockets fired from the hills damaged the walls of the Sadar police station on Friday night.")),
	}
	x, pred, _ := runHandCorpus(t, docs)
	if pred["rd-1#E1"] == pred["rd-3#E1"] {
		inc, _ := x.Incident(pred["rd-1#E1"])
		t.Errorf("the attacks in Lorsan and Miran became one incident: %q", inc.Reasons)
	}
	for _, k := range []string{"rd-2#E1", "rd-5#E1"} {
		if pred[k] != pred["rd-1#E1"] {
			t.Errorf("%s is not with the attack in Lorsan", k)
		}
	}
	for _, k := range []string{"rd-4#E1", "rd-5#E2"} {
		if pred[k] != pred["rd-3#E1"] {
			t.Errorf("%s is not with the attack in Miran", k)
		}
	}
}
