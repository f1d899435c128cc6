package actors

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// found maps each mention's text to the mention.
func found(t *testing.T, kb *KB, s string) map[string]Mention {
	t.Helper()
	out := map[string]Mention{}
	last := -1
	for _, m := range kb.Find(s) {
		if m.Start < last || s[m.Start:m.End] != m.Text || m.ID == "" {
			t.Fatalf("bad mention %+v in %q", m, s)
		}
		last = m.End
		out[m.Text] = m
	}
	return out
}

func TestFind(t *testing.T) {
	type want struct{ text, id, typ string }
	tests := []struct {
		name string
		s    string
		want []want
		not  []string
	}{
		{"aliases and branches", "Daesh and IS fighters clashed with the BLA near the border, and ISIS-K said it was over.",
			[]want{{"Daesh", "islamic-state", "armed_group"}, {"IS", "islamic-state", ""}, {"BLA", "bla", ""}, {"ISIS-K", "islamic-state-khorasan", ""}}, []string{"is"}},
		{"lower-case word is no acronym", "This is what it is.", nil, []string{"is", "This"}},
		{"longest alias wins", "The Islamic State Pakistan Province claimed the attack; ISPP later denied it.",
			[]want{{"Islamic State Pakistan Province", "islamic-state-pakistan", ""}, {"ISPP", "islamic-state-pakistan", ""}}, []string{"Islamic State"}},
		{"transliterations and hyphens", "Lashkar e Jhangvi and Jaish-e-Muhammad were named, as was al Qaeda.",
			[]want{{"Lashkar e Jhangvi", "lej", ""}, {"Jaish-e-Muhammad", "jem", ""}, {"al Qaeda", "al-qaeda", ""}}, nil},
		{"country forces by rule", "Iranian forces shelled the border while Afghan police watched and Indian security forces waited.",
			[]want{{"Iranian forces", "iran-military", "state_force"}, {"Afghan police", "afghanistan-police", "state_force"}, {"Indian security forces", "india-military", ""}}, nil},
		{"possessive and government", "Pakistan's military and the Tajik government disagreed; Nigerien intelligence agencies stayed silent.",
			[]want{{"Pakistan's military", "pakistan-military", ""}, {"Tajik government", "tajikistan-government", "government"}, {"Nigerien intelligence agencies", "niger-intelligence", ""}}, nil},
		{"seat of government", "The Islamabad government replied, while Kabul was calm.",
			[]want{{"Islamabad government", "pakistan-government", "government"}}, []string{"Kabul"}},
		{"countries", "Pakistan and the United States signed it.", []want{{"Pakistan", "pakistan", "country"}, {"United States", "united-states", "country"}}, nil},
		{"a country's name inside a body's", "The Kenya Red Cross Society and the Indo-China Traders Union met the Kenya Navy.",
			[]want{{"Kenya Red Cross Society", "kenya-red-cross-society", ""}, {"Indo-China Traders Union", "indo-china-traders-union", ""}, {"Kenya Navy", "kenya-military", "state_force"}},
			[]string{"Red Cross Society", "China"}},
		{"a police station named for a place", "The Kenya Market police and the Kenya police searched the house.",
			[]want{{"Kenya police", "kenya-police", "state_force"}}, []string{"Kenya"}},
		{"a party's faction after its head word", "The Kenya Farmers Union-Reformed and the Kenya Navy-Marines met.",
			[]want{{"Kenya Farmers Union-Reformed", "kenya-farmers-union-reformed", ""}, {"Kenya Navy", "kenya-military", "state_force"}}, nil},
		{"described groups", "Police blamed Muslim extremists and an Iran-backed militia; pro-government militia fought back.",
			[]want{{"Muslim extremists", "muslim-extremists", "armed_group"}, {"Iran-backed militia", "iran-backed-militia", "armed_group"}, {"pro-government militia", "pro-government-militia", "armed_group"}}, nil},
		{"a titled person before the body he speaks for", "Doctor Amadou Diallo of Kandi General Hospital said so.",
			[]want{{"Amadou Diallo", "amadou-diallo", "person"}}, []string{"Doctor Amadou Diallo of Kandi General Hospital"}},
		{"a nationality before a title", "Kenyan President Amina Waweru met French Interior Minister Paul Morel.",
			[]want{{"Amina Waweru", "amina-waweru", "person"}, {"Paul Morel", "paul-morel", "person"}}, nil},
		{"persons with titles", "Lawyer Bilal Anwar Kasi met Dr Naseem Baloch and Mr. Oscar Tamayao on Monday.",
			[]want{{"Bilal Anwar Kasi", "bilal-anwar-kasi", "person"}, {"Naseem Baloch", "naseem-baloch", "person"}, {"Oscar Tamayao", "oscar-tamayao", "person"}}, []string{"Monday", "Lawyer"}},
		{"spelling variants", "Sarfaraz Bugti spoke to Shafeeq Mengal.", []want{{"Sarfaraz Bugti", "sarfraz-bugti", ""}, {"Shafeeq Mengal", "shafiq-mengal", ""}}, nil},
		{"a model's designation is no name", "Air defences shot down a Varesi F-35 and two Su-30 jets; the Kenya Navy lost a T-72.",
			[]want{{"Kenya Navy", "kenya-military", "state_force"}}, []string{"Varesi F", "Su", "T"}},
		{"an older spelling of a group", "The Baluchistan Liberation Army said it fired the rockets.", []want{{"Baluchistan Liberation Army", "bla", "armed_group"}}, nil},
		{"organisations by head word", "The Kech Traders Association and the Coastal Fishers Union met the Ministry of Maritime Affairs.",
			[]want{{"Kech Traders Association", "kech-traders-association", "organisation"}, {"Coastal Fishers Union", "coastal-fishers-union", "organisation"}, {"Ministry of Maritime Affairs", "ministry-of-maritime-affairs", "government"}}, nil},
		{"defined acronym", "The Makran Voice for Justice (MVJ) said MVJ would appeal.",
			[]want{{"Makran Voice for Justice", "makran-voice-for-justice", "rights_group"}, {"MVJ", "makran-voice-for-justice", ""}}, nil},
		{"no persons from places and months", "In March, Quetta District and North Waziristan were calm. Karachi Port reopened.", nil,
			[]string{"Quetta District", "North Waziristan", "March", "Karachi Port"}},
		{"a name's own words are no titles; a person before the body", "Osama el-Sayed said it. Abdullah Kakar spoke to Adam Isacson of the Office for Peace Studies.",
			[]want{{"Osama el-Sayed", "osama-el-sayed", "person"}, {"Abdullah Kakar", "abdullah-kakar", "person"}, {"Adam Isacson", "adam-isacson", "person"}}, nil},
		{"a force noun opening a longer name", "Ukraine’s State Emergency Service said the fire was out.",
			[]want{{"State Emergency Service", "state-emergency-service", ""}}, []string{"Ukraine’s State"}},
		{"a rank is no group", "SSP Karim Dashti said DIG Farida Lal and SHO Omar Baig were at the scene.",
			[]want{{"Karim Dashti", "karim-dashti", "person"}, {"Farida Lal", "farida-lal", "person"}, {"Omar Baig", "omar-baig", "person"}}, []string{"SSP", "DIG", "SHO"}},
		{"the name after the last title", "National Police Chief Arvo Lind met Minister for Railways and Aviation Tomas Kask and CSP Idris Bello.",
			[]want{{"Arvo Lind", "arvo-lind", "person"}, {"Tomas Kask", "tomas-kask", "person"}, {"Idris Bello", "idris-bello", "person"}}, []string{"Railways and Aviation Tomas Kask", "Aviation Tomas Kask"}},
		{"no name inside a place or a law", "He was tried in Dera Ismail Khan under the Pakistan Penal Code and the Indus Waters Treaty.",
			nil, []string{"Ismail Khan", "Penal Code", "Indus Waters Treaty"}},
		{"a post is no organisation", "The Chief of Army Staff met the Commander of the Southern Command.",
			nil, []string{"Chief of Army Staff"}},
		{"a headline in title case names no one", "Gunmen Storm Village Market\n\nGunmen stormed a market on Monday.",
			nil, []string{"Gunmen Storm Village Market", "Storm Village Market", "Village Market"}},
		{"forces described by who leads or backs them", "The Kenyan-led coalition and UN-backed forces met pro-government colectivos.",
			[]want{{"Kenyan-led coalition", "kenyan-led-coalition", "state_force"}, {"UN-backed forces", "un-backed-forces", "armed_group"}, {"pro-government colectivos", "pro-government-colectivos", "armed_group"}}, nil},
		{"posts, fields and feasts are no persons", "The Executive Director met the Green Shirts after Eidul Azha; Minister for Climate Change Sara Lodhi spoke of the Cold War.",
			[]want{{"Sara Lodhi", "sara-lodhi", "person"}}, []string{"Executive Director", "Green Shirts", "Eidul Azha", "Climate Change", "Cold War"}},
		{"a general staff is a force", "The Chadian General Staff denied it, and the General Staff said so again.",
			[]want{{"Chadian General Staff", "chad-military", "state_force"}, {"General Staff", "general-staff", "state_force"}}, []string{"Staff"}},
		{"surname", "Chief Minister Zarak Dashtiyari visited. Dashtiyari said the road was open.",
			[]want{{"Zarak Dashtiyari", "zarak-dashtiyari", "person"}, {"Dashtiyari", "zarak-dashtiyari", "person"}}, nil},
	}
	kb := Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := found(t, kb, tc.s)
			for _, w := range tc.want {
				m, ok := ms[w.text]
				if !ok {
					t.Errorf("%q not found; got %v", w.text, ms)
					continue
				}
				if m.ID != w.id || w.typ != "" && m.Type != w.typ {
					t.Errorf("%q: got id %q type %q, want %q %q", w.text, m.ID, m.Type, w.id, w.typ)
				}
			}
			for _, n := range tc.not {
				if m, ok := ms[n]; ok {
					t.Errorf("%q should not be a mention: %+v", n, m)
				}
			}
		})
	}
}

func TestAffiliation(t *testing.T) {
	tests := []struct{ s, person, org string }{
		{"BNM chief Naseem Baloch addressed the rally.", "Naseem Baloch", "bnm"},
		{"Chairman of Baloch National Movement (BNM) Dr Naseem Baloch spoke.", "Naseem Baloch", "bnm"},
		{"Gul Khan Dashti, spokesman of the Makran Traders Association, spoke.", "Gul Khan Dashti", "makran-traders-association"},
		{"The Coastal Families Forum (CFF) met. CFF leader Omar Dashti spoke.", "Omar Dashti", "coastal-families-forum"},
	}
	for _, tc := range tests {
		ms := found(t, Default(), tc.s)
		if m := ms[tc.person]; m.Affiliation != tc.org || m.Type != "person" {
			t.Errorf("%q: %q affiliation %q type %q, want %q", tc.s, tc.person, m.Affiliation, m.Type, tc.org)
		}
	}
}

func TestAllCaps(t *testing.T) {
	s := "THE ARMY SAID IT IS READY AND THE FMLN DENIED IT. US AID WAS CUT. THE U.S. EMBASSY AND SHINING PATH GUERRILLAS WERE NAMED, AS WAS THE TUPAC AMARU REVOLUTIONARY MOVEMENT (MRTA)."
	ms := found(t, Default(), s)
	for _, no := range []string{"IS", "US", "ARMY", "THE ARMY"} {
		if _, ok := ms[no]; ok {
			t.Errorf("%q read as an actor in capitals", no)
		}
	}
	for text, id := range map[string]string{"FMLN": "fmln", "U.S.": "united-states", "SHINING PATH GUERRILLAS": "shining-path", "TUPAC AMARU REVOLUTIONARY MOVEMENT": "mrta", "MRTA": "mrta"} {
		if ms[text].ID != id {
			t.Errorf("%q: got %+v, want %s", text, ms[text], id)
		}
	}
	// a definition by initials
	ms = found(t, Default(), "GUERRILLAS OF THE PEOPLES REVOLUTIONARY VANGUARD (PRV) ATTACKED A POST. THE PRV LATER WITHDREW FROM THE AREA NEAR THE TOWN.")
	if ms["PRV"].ID != "peoples-revolutionary-vanguard" {
		t.Errorf("caps acronym definition: %v", ms)
	}
}

func TestNormalID(t *testing.T) {
	same := [][2]string{{"Shafeeq Mengal", "Shafiq Mengal"}, {"Naseem Baluch", "Dr Naseem Baloch"}, {"Sarfaraz Bugti", "Sarfraz Bugti"}, {"Muhammad Ali", "Mohammed Ali"}, {"Committee for Justice", "committee-for-justice"}}
	for _, p := range same {
		if p[1] == strings.ToLower(p[1]) && NormalID(p[0]) != p[1] {
			t.Errorf("NormalID(%q) = %q, want %q", p[0], NormalID(p[0]), p[1])
		} else if p[1] != strings.ToLower(p[1]) && NormalID(p[0]) != NormalID(p[1]) {
			t.Errorf("%q and %q differ: %s %s", p[0], p[1], NormalID(p[0]), NormalID(p[1]))
		}
	}
	diff := [][2]string{{"Zahid Baluch", "Naseem Baloch"}, {"Mir Yar Baloch", "Naseem Baloch"}}
	for _, p := range diff {
		if NormalID(p[0]) == NormalID(p[1]) {
			t.Errorf("%q and %q share an id", p[0], p[1])
		}
	}
}

func TestData(t *testing.T) {
	kb := Default()
	if kb.Len() < 500 {
		t.Errorf("only %d actors", kb.Len())
	}
	for _, pair := range [][2]string{{"islamic-state-khorasan", "islamic-state"}, {"islamic-state-pakistan", "islamic-state"}, {"bla-majeed-brigade", "bla"}} {
		if a, _ := kb.Get(pair[0]); a.Parent != pair[1] {
			t.Errorf("%s parent %q", pair[0], a.Parent)
		}
	}
}

func TestExtend(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mine.txt")
	os.WriteFile(p, []byte("# mine\ncoastal-forum | rights_group | PK | Coastal Rights Forum | CRF\nbla | | | | Baloch Liberation Army (old spelling);Balochistan Freedom Army\n"), 0o644)
	kb, err := Default().Extend(p)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := kb.Get("coastal-forum"); !ok || a.Type != "rights_group" {
		t.Errorf("new actor: %+v", a)
	}
	if a, _ := kb.Get("bla"); a.Name != "Balochistan Liberation Army" || a.Type != "armed_group" {
		t.Errorf("extended actor changed: %+v", a)
	}
	if ms := found(t, kb, "The CRF and the Balochistan Freedom Army."); ms["CRF"].ID != "coastal-forum" || ms["Balochistan Freedom Army"].ID != "bla" {
		t.Errorf("extended aliases not found: %v", ms)
	}
	if _, ok := Default().Get("coastal-forum"); ok {
		t.Error("Extend changed the default knowledge base")
	}
	for _, bad := range []struct{ text, want string }{
		{"bad line without fields\n", "mine.txt:1:"},
		{"# c\n\nx | weird | PK | X |\n", "mine.txt:3: unknown actor type"},
		{"Bad Id | person | PK | X |\n", "mine.txt:1: id"},
		{"x | person | Pakistan | X |\n", "mine.txt:1: country"},
		{"x | person | PK | X | | nobody\n", "mine.txt:1: actor x names unknown parent"},
		{"x | person | PK | |\n", "mine.txt:1: a new actor"},
	} {
		os.WriteFile(p, []byte(bad.text), 0o644)
		if _, err := Default().Extend(p); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: want an error with %q, got %v", bad.text, bad.want, err)
		}
	}
	if _, err := Default().Extend(filepath.Join(dir, "absent.txt")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestConcurrent(t *testing.T) {
	kb := Default()
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 50; i++ {
				kb.Find(benchArticle)
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a | person | PK | A B | C;D;adj:E;seat:F | \n# c\n")
	f.Add("x | country | XX | X | adj:Xian |\ny | armed_group | | Y | YY | x\n")
	f.Fuzz(func(t *testing.T, s string) {
		kb, err := build([]source{{"fuzz", s}})
		if err != nil {
			return
		}
		for _, id := range kb.IDs() {
			a, _ := kb.Get(id)
			kb.Find(a.Name + " and " + strings.Join(a.Aliases, ", "))
		}
	})
}

func FuzzFind(f *testing.F) {
	f.Add("The Coastal Families Forum (CFF) said Dr Ali Raza of ISIS-K")
	f.Add("PAKISTAN'S ARMY AND THE U.S. (USA) — Iran-backed militia; Mr. J. Doe")
	f.Add("Da’esh’s “U.N.” al-Qa'ida Martí é\u0301 (A) ( ) -x- 's")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range Default().Find(s) {
			if m.Start < last || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text || m.ID == "" {
				t.Fatalf("bad mention %+v", m)
			}
			last = m.End
		}
	})
}

// An acronym defined right after a name it does not abbreviate belongs to
// the longer name around it, not to the country that ends it.
func TestAcronymOfAnotherName(t *testing.T) {
	for _, c := range []struct{ s, acr, not string }{
		{"The Auditor General of Pakistan (AGP) flagged the accounts. The AGP later withdrew the objection.", "AGP", "pakistan"},
		{"The Board of Control for Cricket in India (BCCI) said the tour was off. The BCCI gave no reason.", "BCCI", "india"},
		{"The Central Bank of the Republic of Turkey (CBRT) raised rates. CBRT officials declined to comment.", "CBRT", "turkey"},
	} {
		for _, m := range Default().Find(c.s) {
			if m.Text == c.acr && m.ID == c.not {
				t.Errorf("%q: %s resolved to %s", c.s, c.acr, c.not)
			}
		}
	}
	ms := found(t, Default(), "Inspectors of the Drug Regulatory Authority of Pakistan (DRAP) sealed a unit. DRAP gave no figures.")
	if ms["DRAP"].ID != ms["Drug Regulatory Authority"].ID {
		t.Errorf("DRAP: got %+v, want the authority %+v", ms["DRAP"], ms["Drug Regulatory Authority"])
	}
	for text, id := range map[string]string{"PKK": "pkk", "RSF": "rsf"} {
		ms := found(t, Default(), "The Kurdistan Workers' Party (PKK) and the Rapid Support Forces (RSF) were named. The PKK and the RSF denied it.")
		if ms[text].ID != id {
			t.Errorf("%s: got %+v, want %s", text, ms[text], id)
		}
	}
}
