package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reports are written for this test; they describe no real incident.
const (
	reportPage = `<html><head><title>Market blast kills nine</title>
<meta property="og:site_name" content="Coast Times"><meta property="article:published_time" content="2024-05-07T09:00:00Z"></head>
<body><nav>Home | World</nav><article><p>A bomb exploded at a vegetable market in Peshawar on Monday, killing nine people and wounding 20 others, police said.</p>
<p>No group claimed responsibility for the blast.</p></article></body></html>`
	reportLines = `{"id":"w1","published":"2024-05-07","source":"Wire One","title":"Peshawar blast","text":"The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 11, hospital officials said on Tuesday."}
{"id":"w2","published":"2024-05-08","source":"Wire One","title":"Rally","text":"Hundreds of people rallied in Quetta on Wednesday to demand the release of two students who went missing last month, their families said."}
{"id":"w3","published":"2024-05-09","source":"Wire One","title":"Post attacked","text":"BLA militants attacked a police post in Kech on Sunday, killing two policemen, officials said."}
`
)

func TestCorpusCommands(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	writeFile(t, in, "page.html", []byte(reportPage))
	writeFile(t, in, "wire.jsonl", []byte(reportLines))
	_, errOut, code := run(t, "", "--data", data, "ingest", in)
	if code != 0 || !strings.Contains(errOut, "4 new") {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	_, errOut, _ = run(t, "", "--data", data, "ingest", in)
	if !strings.Contains(errOut, "4 duplicates") {
		t.Errorf("second ingest: %s", errOut)
	}

	out, _, code := run(t, "", "--data", data, "events", "--type", "bombing", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 3 || rows[0][0] != "event_id" {
		t.Fatalf("events csv: exit %d %v: %q", code, err, out)
	}
	out, _, _ = run(t, "", "--data", data, "events", "--text", "vegetable market", "--place", "Peshawar")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("events table: %q", out)
	}
	key := strings.Fields(lines[1])[0]
	out, _, code = run(t, "", "--data", data, "show", key)
	if code != 0 || !strings.Contains(out, "Sources:") || !strings.Contains(out, "original sha256:") || !strings.Contains(out, "vegetable market") {
		t.Errorf("show %s: exit %d: %s", key, code, out)
	}

	out, _, code = run(t, "", "--data", data, "incidents", "--format", "json")
	if code != 0 || !strings.Contains(out, `"total": 3`) || !strings.Contains(out, `"low": 9`) || !strings.Contains(out, `"high": 11`) {
		t.Errorf("incidents: the two blast reports should be one incident with killed 9–11: %s", out)
	}
	out, _, code = run(t, "", "--data", data, "search", "students")
	if code != 0 || !strings.Contains(out, "[students]") {
		t.Errorf("search: exit %d: %s", code, out)
	}

	cp := filepath.Join(t.TempDir(), "checkpoint")
	out, _, code = run(t, "", "--data", data, "checkpoint")
	if code != 0 || !strings.HasPrefix(out, "sitrep custody log\n") {
		t.Fatalf("checkpoint: exit %d: %s", code, out)
	}
	os.WriteFile(cp, []byte(out), 0o644)
	writeFile(t, in, "more.txt", []byte("Police said a grenade was thrown at a shop in Panjgur on Sunday, wounding two men."))
	run(t, "", "--data", data, "ingest", filepath.Join(in, "more.txt"))
	out, _, code = run(t, "", "--data", data, "verify", "--checkpoint", cp)
	if code != 0 || !strings.Contains(out, "OK") || !strings.Contains(out, "only grown") {
		t.Errorf("verify: exit %d: %s", code, out)
	}

	csvPath := filepath.Join(t.TempDir(), "events.csv")
	if _, errOut, code := run(t, "", "--data", data, "export", "--format", "csv", "--out", csvPath); code != 0 {
		t.Errorf("export: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(csvPath); err != nil || !strings.Contains(string(b), "fatalities_low") {
		t.Errorf("export file: %v %q", err, b)
	}
	for _, f := range []string{"jsonl", "geojson", "graphml"} {
		if out, errOut, code := run(t, "", "--data", data, "export", "--format", f); code != 0 || out == "" {
			t.Errorf("export %s: exit %d: %s", f, code, errOut)
		}
	}
	out, _, code = run(t, "", "--data", data, "export", "--format", "framing")
	if code != 0 || !strings.HasPrefix(out, "source,actor_id,label,documents,uses\n") || !strings.Contains(out, "Wire One,bla,militants,1,") {
		t.Errorf("framing export: exit %d: %q", code, out)
	}
	if _, _, code := run(t, "", "--data", data, "reextract", "--all"); code != 0 {
		t.Errorf("reextract: exit %d", code)
	}
	if _, _, code := run(t, "", "--data", data, "merge", "inc-000000000000", "inc-111111111111"); code != ExitInput {
		t.Errorf("merge of unknown incidents: exit %d, want %d", code, ExitInput)
	}
	if _, _, code := run(t, "", "--data", data, "events", "--near", "91,0,5"); code != ExitUsage {
		t.Errorf("bad --near: exit %d", code)
	}
	if _, _, code := run(t, "", "--data", t.TempDir(), "events"); code != ExitInput {
		t.Errorf("events without a corpus: exit %d", code)
	}
}
