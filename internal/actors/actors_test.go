package actors

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func find(t *testing.T, s string) map[string]Mention {
	t.Helper()
	out := map[string]Mention{}
	for _, m := range Default().Find(s) {
		if s[m.Start:m.End] != m.Text {
			t.Fatalf("span %d-%d is not %q", m.Start, m.End, m.Text)
		}
		out[m.Text] = m
	}
	return out
}

func TestKnownAliasesAndAcronyms(t *testing.T) {
	ms := find(t, "Daesh and the IS fighters clashed with the BLA, but is it over? ISIS-K denied it.")
	if ms["Daesh"].ID != "islamic-state" || ms["IS"].ID != "islamic-state" || ms["BLA"].ID != "bla" {
		t.Errorf("aliases: %+v", ms)
	}
	if _, ok := ms["is"]; ok {
		t.Error("lower-case 'is' taken for the Islamic State")
	}
	if ms["ISIS-K"].ID != "islamic-state-khorasan" {
		t.Errorf("branch: %+v", ms["ISIS-K"])
	}
	if a, _ := Default().Get("islamic-state-khorasan"); a.Parent != "islamic-state" {
		t.Errorf("branch parent %q", a.Parent)
	}
}

func TestNationalityForces(t *testing.T) {
	ms := find(t, "Iranian forces shelled the border while Afghan police watched.")
	if ms["Iranian forces"].ID != "iran-military" || ms["Afghan police"].ID != "afghanistan-police" {
		t.Errorf("got %+v", ms)
	}
}

func TestNamesAndDefinedAcronyms(t *testing.T) {
	s := "The Coastal Families Forum (CFF) said lawyer Samina Rauf was detained. CFF chief Omar Dashti spoke."
	ms := find(t, s)
	if ms["Coastal Families Forum"].Type == "" || ms["CFF"].ID != ms["Coastal Families Forum"].ID {
		t.Errorf("acronym not tied to its name: %+v", ms)
	}
	if ms["Samina Rauf"].Type != "person" {
		t.Errorf("person: %+v", ms["Samina Rauf"])
	}
	if ms["Omar Dashti"].Affiliation != ms["CFF"].ID {
		t.Errorf("affiliation %q", ms["Omar Dashti"].Affiliation)
	}
}

func TestAllCapsSkipsShortAcronyms(t *testing.T) {
	ms := find(t, "THE ARMY SAID IT IS READY AND THE FMLN DENIED IT. US AID WAS CUT.")
	if _, ok := ms["IS"]; ok {
		t.Error("IS read as an actor in capitals")
	}
	if ms["FMLN"].ID != "fmln" {
		t.Errorf("FMLN: %+v", ms)
	}
}

func TestNormalID(t *testing.T) {
	same := [][2]string{{"Shafeeq Mengal", "Shafiq Mengal"}, {"Naseem Baluch", "Dr Naseem Baloch"}, {"Sarfaraz Bugti", "Sarfraz Bugti"}}
	for _, p := range same {
		if NormalID(p[0]) != NormalID(p[1]) {
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

func TestExtend(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mine.txt")
	os.WriteFile(p, []byte("# mine\ncoastal-forum | rights_group | PK | Coastal Rights Forum | CRF\nbla | armed_group | PK | x | Baloch Liberation Army (old spelling)\n"), 0o644)
	kb, err := Default().Extend(p)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := kb.Get("coastal-forum"); !ok || a.Type != "rights_group" {
		t.Errorf("new actor: %+v", a)
	}
	if _, ok := Default().Get("coastal-forum"); ok {
		t.Error("Extend changed the default knowledge base")
	}
	os.WriteFile(p, []byte("bad line without fields\n"), 0o644)
	if _, err := Default().Extend(p); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("want an error with a line number, got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a | person | PK | A B | C;D | \n# c\n")
	f.Fuzz(func(t *testing.T, s string) {
		parse(strings.NewReader(s), "fuzz", nil)
	})
}

func FuzzFind(f *testing.F) {
	f.Add("The Coastal Families Forum (CFF) said Dr Ali Raza of ISIS-K")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Default().Find(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
		}
	})
}
