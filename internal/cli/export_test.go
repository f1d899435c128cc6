package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

// A report whose outlet and title are formulas: whoever can ingest a file
// chooses them. The report is written for this test.
const formulaReport = `{"id":"f1","published":"2024-05-07","source":"=HYPERLINK(\"http://evil.example\",\"x\")","title":"+cmd|' /C calc'!A0","text":"BLA militants attacked a police post in Kech on Sunday, killing two policemen, officials said."}
`

// TestCSVExportsNeutraliseFormulas: the CSV of 'events', 'export' and the
// framing export never hand a spreadsheet a cell it would evaluate.
func TestCSVExportsNeutraliseFormulas(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	p := writeFile(t, in, "f.jsonl", []byte(formulaReport))
	if _, errOut, code := run(t, "", "--data", data, "ingest", p); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"events", "--format", "csv"},
		{"export", "--format", "csv"},
		{"export", "--format", "framing"},
	} {
		out, errOut, code := run(t, "", append([]string{"--data", data}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%v: %v: %q", args, err, out)
		}
		seen := false
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Errorf("%v: cell %q would be evaluated", args, cell)
				}
				seen = seen || cell == `'=HYPERLINK("http://evil.example","x")`
			}
		}
		if !seen {
			t.Errorf("%v: the outlet is missing or changed beyond its quote: %q", args, out)
		}
	}
}
