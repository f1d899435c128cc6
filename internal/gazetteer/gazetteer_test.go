package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
)

func TestKindPrecision(t *testing.T) {
	for k, want := range map[Kind]string{Country: sitrep.PlaceCountry, Admin1: sitrep.PlaceProvince, Admin2: sitrep.PlaceDistrict, City: sitrep.PlaceTown, Point: sitrep.PlacePoint, 0: ""} {
		if got := k.Precision(); got != want {
			t.Errorf("%v.Precision() = %q, want %q", k, got, want)
		}
	}
}

func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"Khuzdār District": "khuzdar district",
		"Gilgit-Baltistan": "gilgit baltistan",
		"Côte d'Ivoire":    "cote divoire",
		"U.S.":             "us",
		"Beir al-Abd":      "beir al abd",
		"ZĀHEDĀN":          "zahedan",
	} {
		if got := Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		name    string
		country string
		kind    Kind
	}{
		{"Quetta", "PK", City},
		{"quetta", "PK", City},
		{"Balochistan", "PK", Admin1},
		{"Baluchistan", "PK", Admin1},
		{"Khyber Pakhtunkhwa", "PK", Admin1},
		{"KPK", "PK", Admin1},
		{"Sind", "PK", Admin1},
		{"FATA", "PK", Admin1},
		{"Kech", "PK", Admin2},
		{"Noshki", "PK", City},
		{"Noshki District", "PK", Admin2},
		{"Kabul", "AF", City},
		{"Zāhedān", "IR", City},
		{"Pakistan", "PK", Country},
		{"Oslo", "NO", City},
	}
	for _, tc := range tests {
		es := g.Lookup(tc.name)
		if len(es) == 0 {
			t.Errorf("Lookup(%q): nothing", tc.name)
			continue
		}
		found := false
		for _, e := range es {
			if e.Country == tc.country && e.Kind == tc.kind {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("Lookup(%q) = %+v, want a %v in %s", tc.name, es[0], tc.kind, tc.country)
		}
	}
	if es := g.Lookup("Paris"); len(es) == 0 || es[0].Country != "FR" {
		t.Errorf("Lookup(Paris) best = %+v, want the French capital", es)
	}
	if es := g.Lookup("Nowhereville Qqq"); len(es) != 0 {
		t.Errorf("Lookup(nonsense) = %v", es)
	}
}

func TestCountries(t *testing.T) {
	g := Default()
	if e, ok := g.CountryByCode("pk"); !ok || e.Name != "Pakistan" || e.Kind != Country {
		t.Errorf("CountryByCode(pk) = %+v, %v", e, ok)
	}
	if _, ok := g.CountryByCode("QQ"); ok {
		t.Error("CountryByCode(QQ) found something")
	}
	for word, want := range map[string]string{"Pakistani": "PK", "Afghan": "AF", "afghans": "AF", "Iranian": "IR", "Baloch": "", "American": "US", "Norwegian": "NO"} {
		got, ok := g.CountryOfDemonym(word)
		if got != want || ok != (want != "") {
			t.Errorf("CountryOfDemonym(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
}

// place is what a test expects of one mention: its text, and optionally
// the country, admin1, kind or a point it must lie within 50 km of.
type place struct {
	text     string
	country  string
	admin1   string
	kind     Kind
	lat, lon float64
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []place
		not  []string // texts that must not be found as places
	}{
		{
			name: "dateline and districts",
			text: "QUETTA, Pakistan — Gunmen killed four labourers near Turbat in Kech district of Balochistan province on Monday.",
			want: []place{
				{text: "QUETTA", country: "PK", kind: City, lat: 30.18, lon: 67.0},
				{text: "Pakistan", kind: Country},
				{text: "Turbat", country: "PK", kind: City},
				{text: "Kech", country: "PK", kind: Admin2},
				{text: "Balochistan", country: "PK", kind: Admin1},
			},
		},
		{
			name: "a town named again before the incident it names",
			text: "Gunmen shot three traders in Sopore on Tuesday. The Sopore attack was condemned; the Sopore traders closed shop.",
			want: []place{
				{text: "Sopore", country: "IN", kind: City},
				{text: "Sopore", country: "IN", kind: City},
			},
		},
		{
			name: "a party named after a country does not make the country a surname",
			text: "Leaders of the party Democratic Georgia said on Monday that Georgia would hold early elections.",
			want: []place{
				{text: "Georgia", country: "GE", kind: Country},
			},
		},
		{
			name: "another name of a place abroad that nothing else in the text points to",
			text: "LAHORE: Police arrested Kamran in Lahore on Monday under the Peca law, and a blast hit a pipeline in Sui, Balochistan officials said.",
			want: []place{
				{text: "LAHORE", country: "PK", kind: City},
				{text: "Lahore", country: "PK", kind: City},
				{text: "Balochistan", country: "PK", kind: Admin1},
			},
			not: []string{"Kamran", "Peca", "Sui"},
		},
		{
			name: "another name of a place across the border from the country the text names",
			text: "Israel said its jets struck a school in Khan Younis on Tuesday.",
			want: []place{
				{text: "Israel", kind: Country},
				{text: "Khan Younis", country: "PS", lat: 31.34, lon: 34.3},
			},
		},
		{
			name: "the administered parts of Kashmir, however the press names them",
			text: "Troops fired in Indian-administered Kashmir on Monday, and a blast hit Pakistan-administered Kashmir. Pakistan condemned the violence in Kashmir, officials in Washington said.",
			want: []place{
				{text: "Indian-administered Kashmir", country: "IN", kind: Admin1},
				{text: "Pakistan-administered Kashmir", country: "PK", kind: Admin1},
				{text: "Pakistan", kind: Country},
				{text: "Washington", country: "US", kind: City},
			},
			not: []string{"Kashmir"},
		},
		{
			name: "a direction is no division abroad, nor a first name before a town",
			text: "Gunmen attacked a market in the West on Monday. A woman was hit in South Arlington, an Arlington spokeswoman said.",
			want: []place{
				{text: "Arlington", country: "US", kind: City},
				{text: "Arlington", country: "US", kind: City},
			},
			not: []string{"West", "South"},
		},
		{
			name: "an acronym with dots opening a sentence is no pronoun",
			text: "U.S. officials said on Monday that talks had resumed.",
			want: []place{{text: "U.S.", kind: Country}},
		},
		{
			name: "an American text does not make capitals abroad American towns",
			text: "WASHINGTON: The United States said on Monday that talks in Washington had ended. The envoy flew to Damascus, then to Cairo and Rome.",
			want: []place{
				{text: "WASHINGTON", country: "US", kind: City},
				{text: "United States", kind: Country},
				{text: "Washington", country: "US", kind: City},
				{text: "Damascus", country: "SY", kind: City},
				{text: "Cairo", country: "EG", kind: City},
				{text: "Rome", country: "IT", kind: City},
			},
		},
		{
			name: "institutions, laws, things and peoples named like places",
			text: "The Supreme Court heard the case against the Peca Act on Monday, as Hazara tribesmen threw Molotov cocktails in Quetta.",
			want: []place{{text: "Quetta", country: "PK", kind: City}},
			not:  []string{"Supreme", "Peca", "Hazara", "Molotov"},
		},
		{
			name: "a container still names the namesake",
			text: "Flooding closed roads in Cairo, Illinois, and in Springfield and Peoria on Monday.",
			want: []place{
				{text: "Cairo", country: "US", kind: City},
				{text: "Illinois", country: "US", kind: Admin1},
				{text: "Springfield", country: "US", kind: City},
				{text: "Peoria", country: "US", kind: City},
			},
		},
		{
			name: "district cue picks the district over its town",
			text: "Schools stayed shut across Gwadar district, while traders in Gwadar reopened.",
			want: []place{{text: "Gwadar", kind: Admin2}, {text: "Gwadar", kind: City}},
		},
		{
			name: "variants and multi-word names",
			text: "Police in Dera Ismail Khan and D.I. Khan's suburbs joined forces from Khyber Pakhtunkhwa; Khuzdar and Panjgur stayed calm.",
			want: []place{
				{text: "Dera Ismail Khan", country: "PK", kind: City},
				{text: "D.I. Khan", country: "PK", kind: City},
				{text: "Khyber Pakhtunkhwa", kind: Admin1},
				{text: "Khuzdar", country: "PK"},
				{text: "Panjgur", country: "PK"},
			},
		},
		{
			name: "X, Y, Z chain",
			text: "The convoy was attacked in Feroz Koh, Ghor, Afghanistan, late on Sunday.",
			want: []place{{text: "Feroz Koh", country: "AF", kind: City}, {text: "Ghor", kind: Admin1}, {text: "Afghanistan", kind: Country}},
		},
		{
			name: "Paris in France and in Texas",
			text: "Paris [France], February 8 (ANI): Ministers met in Paris. Later a storm hit Paris, Texas.",
			want: []place{
				{text: "Paris", country: "FR"}, {text: "France"}, {text: "Paris", country: "FR"},
				{text: "Paris", country: "US", admin1: "Texas"}, {text: "Texas", kind: Admin1},
			},
		},
		{
			name: "neighbourhood of a city",
			text: "A grenade exploded in the Lyari neighbourhood of Karachi.",
			want: []place{{text: "Karachi", country: "PK", kind: City}},
		},
		{
			name: "people are not places",
			text: "Chief Minister Sarfraz Bugti met Paris Hilton and Mr. Jackson in Islamabad.",
			want: []place{{text: "Islamabad", country: "PK"}},
			not:  []string{"Bugti", "Paris", "Jackson"},
		},
		{
			name: "ordinary words",
			text: "Police said the Mobile unit was on Reading duty. Nice work, said Male officers.",
			not:  []string{"Police", "Mobile", "Reading", "Nice", "Male"},
		},
		{
			// GeoNames knows "The Post" as a Colorado town's other name
			name: "a paper's name that is a town's nickname",
			text: "Troops raided the market on Friday, The Post wrote.",
			not:  []string{"The Post"},
		},
		{
			name: "regions and peoples as adjectives",
			text: "Gulf rulers and Western envoys joined the Arab summit on the strike on the Gulf state; the Central bank said nothing.",
			not:  []string{"Gulf", "Western", "Arab", "Central"},
		},
		{
			name: "a region word that a locative or kind noun makes a place",
			text: "Militants attacked a post in Sahel province, and fighting spread to Western.",
			want: []place{{text: "Sahel", country: "BF", kind: Admin1}, {text: "Western"}},
		},
		{
			name: "all capitals",
			text: "SANTIAGO, 5 JAN 90 -- POLICE REPORTED THAT A BOMB EXPLODED OF NO CONSEQUENCE IN THE CAPITAL OF CHILE TODAY, NEAR THE VAN OF A JUDGE IN VALPARAISO.",
			want: []place{{text: "SANTIAGO", country: "CL"}, {text: "CHILE", kind: Country}, {text: "VALPARAISO", country: "CL"}},
			not:  []string{"POLICE", "OF", "VAN"},
		},
		{
			name: "unknown village in a named province gives no wrong point",
			text: "Bodies were found in Zzyxabad, Balochistan.",
			want: []place{{text: "Balochistan", kind: Admin1}},
			not:  []string{"Zzyxabad"},
		},
		{
			name: "demonyms",
			text: "Pakistani and Afghan officials met Iranian envoys in Zahedan and Oslo.",
			want: []place{
				{text: "Pakistani", country: "PK", kind: Country}, {text: "Afghan", country: "AF"}, {text: "Iranian", country: "IR"},
				{text: "Zahedan", country: "IR", kind: City}, {text: "Oslo", country: "NO", kind: City},
			},
		},
		{
			name: "US state abbreviation",
			text: "He grew up in Wichita, Kan., and moved to Charleston, W.Va., in 2001.",
			want: []place{
				{text: "Wichita", country: "US", admin1: "Kansas"}, {text: "Kan.", kind: Admin1},
				{text: "Charleston", country: "US", admin1: "West Virginia"}, {text: "W.Va.", kind: Admin1},
			},
		},
	}
	g := Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := g.Find(tc.text)
			checkOffsets(t, tc.text, ms)
			k := 0
			for _, w := range tc.want {
				for k < len(ms) && ms[k].Text != w.text {
					k++
				}
				if k == len(ms) {
					t.Fatalf("%q not found in order; got %s", w.text, dump(ms))
				}
				e := ms[k].Entry
				if w.country != "" && e.Country != w.country || w.admin1 != "" && e.Admin1 != w.admin1 || w.kind != 0 && e.Kind != w.kind {
					t.Errorf("%q → %s %s/%s %v; want %s/%s %v", w.text, e.Name, e.Country, e.Admin1, e.Kind, w.country, w.admin1, w.kind)
				}
				if w.lat != 0 && distKm(e.Lat, e.Lon, w.lat, w.lon) > 50 {
					t.Errorf("%q at %.2f,%.2f, want near %.2f,%.2f", w.text, e.Lat, e.Lon, w.lat, w.lon)
				}
				k++
			}
			for _, n := range tc.not {
				for _, m := range ms {
					if m.Text == n {
						t.Errorf("%q found as a place: %+v", n, m.Entry)
					}
				}
			}
		})
	}
}

func dump(ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Text + "=" + m.Entry.Name + "/" + m.Entry.Country + " ")
	}
	return b.String()
}

func checkOffsets(t *testing.T, text string, ms []Mention) {
	t.Helper()
	last := 0
	for _, m := range ms {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("bad span %d-%d (previous end %d, len %d)", m.Start, m.End, last, len(text))
		}
		// Rune boundaries are defined for valid UTF-8; in broken input a
		// stray continuation byte may follow a name.
		if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End]))) {
			t.Fatalf("span %d-%d not on rune boundaries", m.Start, m.End)
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("Text %q != text[%d:%d] %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		if math.IsNaN(m.Entry.Lat) || m.Entry.Lat < -90 || m.Entry.Lat > 90 || m.Entry.Lon < -180 || m.Entry.Lon > 180 {
			t.Fatalf("bad point %v", m.Entry)
		}
		last = m.End
	}
}

func TestFindEmpty(t *testing.T) {
	g := Default()
	for _, s := range []string{"", " ", "...", "the and of", "12345", "\n\n\n"} {
		if ms := g.Find(s); len(ms) != 0 {
			t.Errorf("Find(%q) = %v", s, ms)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	g := Default()
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			for j := 0; j < 50; j++ {
				if len(g.Find(benchText)) == 0 {
					t.Error("no mentions")
				}
			}
			done <- true
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}

// FuzzFind searches a small part of the gazetteer (fixtureGazetteer) for
// short texts: the whole embedded gazetteer loaded in each fuzzing worker
// and texts of thousands of bytes made the target reach some 2,000
// inputs in two minutes; this one reaches hundreds of thousands.
func FuzzFind(f *testing.F) {
	for _, s := range []string{benchText[:400], "QUETTA, Pakistan —", "U.S.A. W.Va. D.I. Khan's", "Côte d'Ivoire", "Beir al-Abd", "ZĀHEDĀN\n\nSANTIAGO, 5 JAN",
		"'s.-", "St. Louis, Mo.", "Gunmen killed two in Turbat, Kech district, Balochistan, near Iran's border with Afghanistan."} {
		f.Add(s)
	}
	g := fixtureGazetteer(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1024 {
			return // longer texts are more of the same, and slow the search
		}
		checkOffsets(t, s, g.Find(s))
	})
}

// A division named "Western Darfur" is found as the news writes it, "West Darfur".
func TestCompassVariant(t *testing.T) {
	for in, want := range map[string]string{"Western Darfur": "West Darfur", "Northern Kordofan": "North Kordofan", "Darfur": "", "Westerners": ""} {
		if got := compassVariant(in); got != want {
			t.Errorf("compassVariant(%q) = %q, want %q", in, got, want)
		}
	}
}

// fixtureGazetteer is a small part of the embedded gazetteer: every
// country and demonym, the common words and first names, and the
// divisions and towns of five countries (only the big towns of the two
// with most), about 3,000 lines.
func fixtureGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		tb.Fatal(err)
	}
	all := map[string]bool{"PK": true, "AF": true, "IR": true}
	big := map[string]bool{"US": true, "FR": true}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		c := strings.SplitN(sc.Text(), "\t", 10)
		keep := false
		switch c[0] {
		case "H", "C", "D", "W", "N":
			keep = true
		case "A":
			keep = len(c) > 2 && (all[c[2]] || big[c[2]])
		case "P":
			keep = len(c) > 8 && (all[c[3]] || big[c[3]] && atoi(c[8]) >= 50000)
		}
		if keep {
			zw.Write(sc.Bytes())
			zw.Write([]byte("\n"))
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	zw.Close()
	g, err := Load(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestCapital(t *testing.T) {
	g := Default()
	for cc, want := range map[string]string{"QA": "Doha", "AF": "Kabul", "pk": "Islamabad"} {
		if e, ok := g.Capital(cc); !ok || e.Name != want {
			t.Errorf("Capital(%s) = %q %v, want %s", cc, e.Name, ok, want)
		}
	}
	if _, ok := g.Capital("XX"); ok {
		t.Error("a capital for no country")
	}
}

// A place that opens the name of an organisation, an office or a party
// label is found, flagged InName, and never read from an ordinary word or
// a person's name.
func TestFindInName(t *testing.T) {
	g := Default()
	tests := []struct {
		text   string
		inName map[string]string // text → country of a place flagged InName
		plain  []string          // places found without the flag
		not    []string          // not places at all
	}{
		{
			text:   "Agents of the Minnesota Bureau of Criminal Apprehension searched a house in Winona on Friday.",
			inName: map[string]string{"Minnesota": "US"},
			plain:  []string{"Winona"},
		},
		{
			text:   "Ohio Gov. Ted Strickland met a Kettering Republican in Dayton.",
			inName: map[string]string{"Ohio": "US", "Kettering": "US"},
			plain:  []string{"Dayton"},
		},
		{
			text:   "The Henderson County Commissioners Court met the Walker County Fairgrounds board in Texas.",
			inName: map[string]string{"Henderson County": "US", "Walker County": "US"},
			plain:  []string{"Texas"},
		},
		{
			text: "The Youngstown State University President, the North Memorial staff and St. James United Methodist Church hosted Paris Hilton, said Police Chief Joseph Faughnan.",
			not:  []string{"University", "North", "St. James", "Paris", "Chief Joseph"},
		},
	}
	for _, tc := range tests {
		ms := g.Find(tc.text)
		checkOffsets(t, tc.text, ms)
		got := map[string]Mention{}
		for _, m := range ms {
			got[m.Text] = m
		}
		for name, cc := range tc.inName {
			if m, ok := got[name]; !ok || !m.InName || m.Entry.Country != cc {
				t.Errorf("%q: want %q in a name, in %s; got %s (InName %v)", tc.text, name, cc, dump(ms), m.InName)
			}
		}
		for _, name := range tc.plain {
			if m, ok := got[name]; !ok || m.InName {
				t.Errorf("%q: want %q as a plain place; got %s", tc.text, name, dump(ms))
			}
		}
		for _, name := range tc.not {
			if _, ok := got[name]; ok {
				t.Errorf("%q: %q found as a place: %s", tc.text, name, dump(ms))
			}
		}
	}
}

// An organisation's name votes for the place it names only: the
// Constabulary of Ulster (Northern Ireland) is no vote for Ulster County,
// New York, and so none for Amsterdam, New York.
func TestInNameVotesForItsPlaceOnly(t *testing.T) {
	text := "Two officers of the Royal Ulster Constabulary were shot in Belfast. In Amsterdam a bomb broke the windows of a tourist office."
	for _, m := range Default().Find(text) {
		if m.Text == "Amsterdam" && m.Entry.Country != "NL" {
			t.Errorf("Amsterdam → %s, %s; want the Dutch capital", m.Entry.Name, m.Entry.Country)
		}
	}
}

// A state's abbreviation before a lower-case noun is an adjective of the
// state; a legislator's party letter hyphened to a town names the town;
// "U.S." before an office is the country, not the pronoun.
func TestFindStateAdjectivesAndPartyLabels(t *testing.T) {
	g := Default()
	tests := []struct {
		text   string
		want   map[string]string // text → admin1 (or country for a country)
		inName []string
		not    []string
	}{
		{text: "A missing Ind. man was found in a stolen car near the lake.", want: map[string]string{"Ind.": "Indiana"}},
		{text: "Sen. Ken Cuccinelli, R-Fairfax, and Delegate Ann Moore, D-Roanoke, voted against the bill in Richmond.",
			want: map[string]string{"Fairfax": "Virginia", "Roanoke": "Virginia"}},
		{text: "The U.S. Senate passed the bill, and U.S. Sen. Bob Dole spoke.", inName: []string{"U.S."}},
		{text: "Vanderburgh County prosecutors asked us. We met Ind. Party delegates.", not: []string{"Ind."}},
	}
	for _, tc := range tests {
		ms := g.Find(tc.text)
		checkOffsets(t, tc.text, ms)
		got := map[string]Mention{}
		for _, m := range ms {
			got[m.Text] = m
		}
		for name, a1 := range tc.want {
			if m, ok := got[name]; !ok || m.Entry.Admin1 != a1 && m.Entry.Name != a1 {
				t.Errorf("%q: want %q in %s; got %s", tc.text, name, a1, dump(ms))
			}
		}
		for _, name := range tc.inName {
			if m, ok := got[name]; !ok || !m.InName || m.Entry.Country != "US" {
				t.Errorf("%q: want %q as the United States in a name; got %s", tc.text, name, dump(ms))
			}
		}
		for _, name := range tc.not {
			if _, ok := got[name]; ok {
				t.Errorf("%q: %q found as a place: %s", tc.text, name, dump(ms))
			}
		}
	}
}

// Institutions, ranks, faiths and languages are no hamlets of their name
// unless a container says so.
func TestFindInstitutionWords(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{text: "In an address to Congress, the president praised the Supreme Court and a US Marine who studied English at the University of Ohio.", want: nil},
		{text: "Settlers attacked a Christian village near Ramallah.", want: []string{"Ramallah"}},
		{text: "The sheriff of Congress, Arizona, said the road was closed.", want: []string{"Congress", "Arizona"}},
	} {
		var got []string
		for _, m := range g.Find(tc.text) {
			if m.Text != "US" && m.Text != "Ohio" {
				got = append(got, m.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A name followed by a number and a letter code is a numbered village
// ("Chak 99-GB"), not the place its first word names; the places around
// it stay.
func TestFindNumberedVillages(t *testing.T) {
	g := Default()
	for text, want := range map[string]string{
		"A man was shot at Chak 99-GB in Jaranwala on Monday.":         "Jaranwala",
		"Dacoits looted a shop near Chak 52/WB in Vehari.":             "Vehari",
		"Militants attacked a post in Lahore 12 days after the truce.": "Lahore",
	} {
		var got []string
		for _, m := range g.Find(text) {
			got = append(got, m.Text)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

// The tribal districts of Khyber Pakhtunkhwa that GeoNames lacks are
// curated, and "Khar" (Bajaur's headquarters) is no German town.
func TestFindTribalDistricts(t *testing.T) {
	text := "Militants attacked a checkpost in Bajaur, and a curfew was imposed in Khar, in Orakzai and in Mohmand district."
	got := map[string]Mention{}
	for _, m := range Default().Find(text) {
		got[m.Text] = m
	}
	for _, name := range []string{"Bajaur", "Orakzai", "Mohmand"} {
		if m, ok := got[name]; !ok || m.Entry.Country != "PK" || m.Entry.Kind != Admin2 || m.Entry.Admin1 != "Khyber Pakhtunkhwa" {
			t.Errorf("%s → %+v; want the district of Khyber Pakhtunkhwa", name, m.Entry)
		}
	}
	if m, ok := got["Khar"]; ok && m.Entry.Country == "DE" {
		t.Errorf("Khar → %s, %s", m.Entry.Name, m.Entry.Country)
	}
}
