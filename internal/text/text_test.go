package text

import (
	"strings"
	"testing"
)

func sentenceTexts(s string) []string {
	var out []string
	for _, x := range Sentences(s) {
		out = append(out, s[x.Start:x.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "Gunmen fired on a bus. Three people died.", []string{"Gunmen fired on a bus.", "Three people died."}},
		{"abbreviation", "Dr. Amina Rauf spoke to Gen. Tariq on Monday. He left.", []string{"Dr. Amina Rauf spoke to Gen. Tariq on Monday.", "He left."}},
		{"acronym mid sentence", "The U.S. Embassy said it was shocked. Nobody else spoke.", []string{"The U.S. Embassy said it was shocked.", "Nobody else spoke."}},
		{"closing quote", `"We will return," he said. The crowd left.`, []string{`"We will return," he said.`, "The crowd left."}},
		{"curly closing quote", "“They took him away.” She wept.", []string{"“They took him away.”", "She wept."}},
		{"lines are paragraphs", "Headline about a raid\nThe raid began at dawn. It ended at noon.", []string{"Headline about a raid", "The raid began at dawn.", "It ended at noon."}},
		{"lower-case continuation", "The figure was approx. ten in all.", []string{"The figure was approx. ten in all."}},
		{"question", "Who fired first? Nobody knows.", []string{"Who fired first?", "Nobody knows."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWrappedCopyJoinsLines(t *testing.T) {
	line := "THE ARMY REPORTED THAT A PATROL CLASHED WITH A REBEL UNIT NEAR THE\n"
	in := "CITY, 3 MAY 90 -- " + strings.Repeat(line, 3) + "BORDER.  TWO SOLDIERS DIED.\n\n   " + strings.Repeat(line, 6) + "RIVER.\n"
	paras := Paragraphs(in)
	if len(paras) != 2 {
		t.Fatalf("want 2 paragraphs in wrapped copy, got %d: %v", len(paras), paras)
	}
	ss := sentenceTexts(in)
	if len(ss) != 3 || !strings.HasSuffix(ss[1], "TWO SOLDIERS DIED.") {
		t.Fatalf("sentences of wrapped copy: %q", ss)
	}
}

func TestIsAllCaps(t *testing.T) {
	if !IsAllCaps("THE GOVERNMENT JUNTA YESTERDAY APPROVED A DRAFT BILL, 7 pm") {
		t.Error("wire copy not recognised")
	}
	if IsAllCaps("The Government junta approved a draft bill in the capital yesterday") {
		t.Error("mixed case taken for capitals")
	}
}

func TestTokenize(t *testing.T) {
	in := "Pakistan's U.S.-backed al-Abd unit lost 1,200 men, i.e. 1.5 times more."
	var got []string
	for _, tk := range Tokenize(in, 0, len(in)) {
		got = append(got, tk.Text(in))
	}
	want := []string{"Pakistan", "'s", "U.S.", "-", "backed", "al-Abd", "unit", "lost", "1,200", "men", ",", "i.e.", "1.5", "times", "more", "."}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestQuotes(t *testing.T) {
	in := "He said: “We were attacked at night by men in uniform.” Later he added \"peace militias\" were used.\n\n" +
		"“The first part goes on in this paragraph and is not closed\n\n“and it ends here in the next one,” she said."
	qs := Quotes(in)
	if len(qs) != 3 {
		t.Fatalf("want 3 quotes, got %d: %+v", len(qs), qs)
	}
	if got := in[qs[0].Start:qs[0].End]; got != "We were attacked at night by men in uniform." || !qs[0].Speech() {
		t.Errorf("first quote %q", got)
	}
	if got := in[qs[1].Start:qs[1].End]; got != "peace militias" || qs[1].Speech() {
		t.Errorf("scare quote %q speech=%v", got, qs[1].Speech())
	}
	if got := in[qs[2].Start:qs[2].End]; !strings.HasPrefix(got, "The first part") || !strings.HasSuffix(got, "next one,") {
		t.Errorf("multi-paragraph quote %q", got)
	}
}

func TestUnclosedQuoteEndsAtParagraph(t *testing.T) {
	in := "He said “this never closes\n\nA new paragraph without a mark."
	qs := Quotes(in)
	if len(qs) != 1 || in[qs[0].Start:qs[0].End] != "this never closes" {
		t.Fatalf("got %+v", qs)
	}
}

func FuzzText(f *testing.F) {
	f.Add("He said: “We were attacked.” \"x\" U.S. Dr. A.\n\nB")
	f.Add("\"\"\n“”’s ..\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range Sentences(s) {
			if x.Start < 0 || x.End > len(s) || x.Start > x.End {
				t.Fatalf("sentence %+v out of range", x)
			}
		}
		for _, q := range Quotes(s) {
			if q.Start < 0 || q.End > len(s) || q.Start > q.End {
				t.Fatalf("quote %+v out of range", q)
			}
		}
		prev := 0
		for _, tk := range Tokenize(s, 0, len(s)) {
			if tk.Start < prev || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("token %+v out of order or range", tk)
			}
			prev = tk.End
		}
	})
}

// In wrapped copy a bulleted line and the line after a short one (a byline)
// open paragraphs of their own; the lines of running text still join.
func TestWrappedCopyBulletsAndBylines(t *testing.T) {
	body := "POLICE SAID A GRENADE WAS THROWN AT THE GATE OF A MARKET IN THE\nTOWN ON SATURDAY, WOUNDING SEVEN TRADERS AND TWO PASSERS-BY, AND\n"
	in := "* Grenade wounds nine at a market\n* Second attack this month in the town\nBy A Reporter\n" + strings.Repeat(body, 4)
	paras := Paragraphs(in)
	var got []string
	for _, p := range paras {
		got = append(got, in[p[0]:p[1]])
	}
	if len(got) != 4 || got[0] != "* Grenade wounds nine at a market" || got[2] != "By A Reporter" || !strings.HasSuffix(got[3], "PASSERS-BY, AND") {
		t.Fatalf("paragraphs %q", got)
	}
}
