// Package export writes the store's query results in formats other tools
// read: CSV in ACLED-like columns, JSON Lines, GeoJSON and GraphML. Every
// writer streams: rows go out as they come (feed it from
// store.ScanEvents), nothing is buffered beyond one row, and Close ends the
// document. Columns and fields are documented in COLUMNS.md.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/internal/store"
)

// CSVColumns is the header of the CSV export, ACLED's columns first.
var CSVColumns = []string{
	"event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
	"country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
	"injured", "fatalities_low", "fatalities_high", "claimed_by", "modality", "evidence", "document_hashes",
}

// Rows writes values of one kind as CSV through a Table: the header
// first, even when no row follows, then one row per value.
type Rows[T any] struct {
	t       *Table
	columns []string
	row     func(T) []string
	header  bool
}

// CSV writes events as CSV rows.
type CSV = Rows[store.Event]

// NewCSV returns an event CSV writer on w.
func NewCSV(w io.Writer) *CSV { return &CSV{t: NewTable(w), columns: CSVColumns, row: CSVRow} }

func (c *Rows[T]) start() error {
	if c.header {
		return nil
	}
	c.header = true
	if err := c.t.Write(c.columns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// Write writes one row.
func (c *Rows[T]) Write(v T) error {
	if err := c.start(); err != nil {
		return err
	}
	if err := c.t.Write(c.row(v)); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// Close writes the header if no row did, and flushes.
func (c *Rows[T]) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	if err := c.t.Flush(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// Table writes CSV whose cells cannot act as formulas in the spreadsheet
// that opens them: the text of news reports and of anyone who can ingest a
// file ends up in these cells, and a cell such as =HYPERLINK(…) or
// +cmd|'/C calc'!A0 would otherwise run when an analyst opens the export.
// Every CSV sitrep writes goes through it.
type Table struct{ w *csv.Writer }

// NewTable returns a neutralising CSV writer on w.
func NewTable(w io.Writer) *Table { return &Table{w: csv.NewWriter(w)} }

// Write writes one row, each cell passed through SafeCell.
func (t *Table) Write(row []string) error {
	safe := make([]string, len(row))
	for i, c := range row {
		safe[i] = SafeCell(c)
	}
	return t.w.Write(safe)
}

// Flush writes buffered rows and returns the first error met.
func (t *Table) Flush() error {
	t.w.Flush()
	return t.w.Error()
}

// SafeCell applies OWASP's rule against CSV injection: a cell beginning
// with '=', '+', '-', '@', a tab or a carriage return is prefixed with a
// single quote, which spreadsheets show but do not evaluate. A plain
// decimal number ("-33.9", a southern latitude) is left alone: it cannot
// be a formula, and analysts need it as a number.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber(s) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s is -?digits(.digits)?, as strconv writes
// the coordinates and counts of an export.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(d string) bool {
		if d == "" {
			return false
		}
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return true
	}
	return digits(whole) && (!dot || digits(frac))
}

// CSVRow is an event as the CSV export's fields.
func CSVRow(e store.Event) []string {
	ev := e.Event
	var date, prec string
	if start, end := store.DateRange(ev); start != "" {
		date, prec = start, TimePrecision(start, end, ev.Date.Precision)
	}
	var country, admin1, admin2, location, lat, lon, geo string
	if p := ev.Place; p != nil {
		country, admin1, location = p.Country, p.Admin1, p.Name
		if p.Precision == sitrep.PlaceDistrict {
			admin2 = p.Name
		}
		if p.Lat != nil && p.Lon != nil {
			lat, lon = coord(*p.Lat), coord(*p.Lon)
		}
		geo = GeoPrecision(p.Precision)
	}
	low, best, high := figures(ev.Killed)
	_, injured, _ := figures(ev.Injured)
	return []string{
		e.Key, date, prec, ev.Type, SubEventType(ev), names(ev.Perpetrators), names(ev.Targets),
		country, admin1, admin2, location, lat, lon, geo, e.Outlet, notes(e), best,
		injured, low, high, names(ev.ClaimedBy), ev.Modality, evidence(ev.Evidence), e.DocID,
	}
}

// TimePrecision is ACLED's time precision code: 1 the day is known, 2 the
// week, 3 only the month or a longer period.
func TimePrecision(start, end, precision string) string {
	switch {
	case precision == sitrep.PrecisionDay && start == end:
		return "1"
	case precision == sitrep.PrecisionWeek || store.SpanDays(start, end) <= 7 && precision != sitrep.PrecisionMonth && precision != sitrep.PrecisionYear:
		return "2"
	default:
		return "3"
	}
}

// GeoPrecision is ACLED's geographic precision code: 1 the town or an
// exact point, 2 a district or nearby area, 3 a province or larger.
func GeoPrecision(p string) string {
	switch p {
	case sitrep.PlacePoint, sitrep.PlaceTown:
		return "1"
	case sitrep.PlaceDistrict:
		return "2"
	case sitrep.PlaceProvince, sitrep.PlaceCountry:
		return "3"
	}
	return ""
}

// SubEventType names the nearest ACLED sub-event type, for comparison; ""
// where the taxonomies do not line up.
func SubEventType(ev sitrep.Event) string {
	switch ev.Type {
	case sitrep.Bombing:
		if ev.Suicide {
			return "Suicide bomb"
		}
		return "Remote explosive/landmine/IED"
	case sitrep.ArmedAttack, sitrep.Assassination:
		return "Attack"
	case sitrep.Clash:
		return "Armed clash"
	case sitrep.Abduction:
		return "Abduction/forced disappearance"
	case sitrep.Arrest:
		return "Arrests"
	case sitrep.Protest:
		return "Peaceful protest"
	}
	return ""
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func figures(c *sitrep.Count) (low, best, high string) {
	if c == nil {
		return "", "", ""
	}
	f := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	low, best, high = f(c.Low), f(c.Best), f(c.High)
	if best == "" {
		best = low
	}
	return low, best, high
}

func names(refs []sitrep.ActorRef) string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if r.Name != "" {
			out = append(out, r.Name)
		} else {
			out = append(out, r.ID)
		}
	}
	return strings.Join(out, "; ")
}

func evidence(spans []sitrep.Span) string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Text
	}
	return strings.Join(out, " | ")
}

func notes(e store.Event) string {
	n := e.Title
	var flags []string
	if e.Review != "" {
		flags = append(flags, "analyst review: "+e.Review)
	}
	if e.Edited {
		flags = append(flags, "values edited by an analyst")
	}
	if len(flags) > 0 {
		n = strings.TrimSpace(n + " [" + strings.Join(flags, "; ") + "]")
	}
	return n
}

// JSONL writes any values, one JSON object per line.
type JSONL struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns a JSON Lines writer on w.
func NewJSONL(w io.Writer) *JSONL {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc}
}

// Write writes one value (a store.Event, store.Claim, store.Actor…).
func (j *JSONL) Write(v any) error {
	if err := j.enc.Encode(v); err != nil {
		return fmt.Errorf("export jsonl: %w", err)
	}
	return nil
}

// WriteEvent is Write for events, to pass to store.ScanEvents.
func (j *JSONL) WriteEvent(e store.Event) error { return j.Write(e) }

// WriteClaim is Write for claims, to pass to store.ScanClaims.
func (j *JSONL) WriteClaim(c store.Claim) error { return j.Write(c) }

// Close flushes.
func (j *JSONL) Close() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("export jsonl: %w", err)
	}
	return nil
}

// GeoJSON writes events as one FeatureCollection; events without
// coordinates get a null geometry, so that nothing is silently dropped.
type GeoJSON struct {
	w       *bufio.Writer
	started bool
	n       int
}

// NewGeoJSON returns a GeoJSON writer on w.
func NewGeoJSON(w io.Writer) *GeoJSON { return &GeoJSON{w: bufio.NewWriter(w)} }

type feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   *point     `json:"geometry"`
	Properties properties `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // lon, lat as GeoJSON wants
}

type properties struct {
	EventType    string        `json:"event_type"`
	DateStart    string        `json:"date_start"`
	DateEnd      string        `json:"date_end"`
	Precision    string        `json:"date_precision"`
	Location     string        `json:"location"`
	Admin1       string        `json:"admin1"`
	Country      string        `json:"country"`
	GeoPrecision string        `json:"geo_precision"`
	Perpetrators []string      `json:"perpetrators"`
	Targets      []string      `json:"targets"`
	ClaimedBy    []string      `json:"claimed_by"`
	Killed       *sitrep.Count `json:"killed"`
	Injured      *sitrep.Count `json:"injured"`
	Suicide      bool          `json:"suicide"`
	Modality     string        `json:"modality"`
	Review       string        `json:"review"`
	Source       string        `json:"source"`
	Published    string        `json:"published"`
	Document     string        `json:"document"`
}

func refNames(refs []sitrep.ActorRef) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, cmpOr(r.Name, r.ID))
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (g *GeoJSON) start() error {
	if g.started {
		return nil
	}
	g.started = true
	_, err := g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// Write writes one event as a Feature.
func (g *GeoJSON) Write(e store.Event) error {
	if err := g.start(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	ev := e.Event
	f := feature{Type: "Feature", ID: e.Key, Properties: properties{
		EventType: ev.Type, Perpetrators: refNames(ev.Perpetrators), Targets: refNames(ev.Targets), ClaimedBy: refNames(ev.ClaimedBy),
		Killed: ev.Killed, Injured: ev.Injured, Suicide: ev.Suicide, Modality: ev.Modality, Review: e.Review,
		Source: e.Outlet, Published: e.Published, Document: e.DocID}}
	f.Properties.DateStart, f.Properties.DateEnd = store.DateRange(ev)
	if ev.Date != nil && f.Properties.DateStart != "" {
		f.Properties.Precision = ev.Date.Precision
	}
	if p := ev.Place; p != nil {
		f.Properties.Location, f.Properties.Admin1, f.Properties.Country = p.Name, p.Admin1, p.Country
		f.Properties.GeoPrecision = p.Precision
		if p.Lat != nil && p.Lon != nil {
			f.Geometry = &point{Type: "Point", Coordinates: [2]float64{*p.Lon, *p.Lat}}
		}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.w.WriteByte('\n')
	g.n++
	if _, err := g.w.Write(b); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

// Close ends the collection and flushes.
func (g *GeoJSON) Close() error {
	if err := g.start(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	g.w.WriteString("\n]}\n")
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

// GraphML writes the actor network: actors as nodes, and for every claim
// that states a relation, a directed edge subject → object carrying the
// relation, who said it and where. Nodes may be added up front with
// AddActor; actors first seen in a claim are added then, so that the
// output streams without a second pass.
type GraphML struct {
	w       *bufio.Writer
	started bool
	nodes   map[string]bool
	edges   int
}

// NewGraphML returns a GraphML writer on w.
func NewGraphML(w io.Writer) *GraphML {
	return &GraphML{w: bufio.NewWriter(w), nodes: map[string]bool{}}
}

const graphmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="country" for="node" attr.name="country" attr.type="string"/>
  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
  <key id="speaker" for="edge" attr.name="speaker" attr.type="string"/>
  <key id="speaker_id" for="edge" attr.name="speaker_id" attr.type="string"/>
  <key id="cue" for="edge" attr.name="cue" attr.type="string"/>
  <key id="text" for="edge" attr.name="text" attr.type="string"/>
  <key id="source" for="edge" attr.name="source" attr.type="string"/>
  <key id="published" for="edge" attr.name="published" attr.type="string"/>
  <key id="claim" for="edge" attr.name="claim" attr.type="string"/>
  <graph id="actors" edgedefault="directed">
`

func (g *GraphML) start() error {
	if g.started {
		return nil
	}
	g.started = true
	_, err := g.w.WriteString(graphmlHead)
	return err
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (g *GraphML) data(key, value string) {
	if value != "" {
		fmt.Fprintf(g.w, "      <data key=\"%s\">%s</data>\n", key, esc(value))
	}
}

// AddActor writes a node for a; adding the same actor again does nothing.
func (g *GraphML) AddActor(a store.Actor) error {
	if err := g.start(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	if g.nodes[a.ID] {
		return nil
	}
	g.nodes[a.ID] = true
	fmt.Fprintf(g.w, "    <node id=\"%s\">\n", esc(a.ID))
	g.data("name", a.Name)
	g.data("type", a.Type)
	g.data("country", a.Country)
	g.data("mentions", strconv.Itoa(a.Mentions))
	_, err := g.w.WriteString("    </node>\n")
	return err
}

// AddClaim writes the claim's relation as an edge; claims without a
// relation have none and are skipped.
func (g *GraphML) AddClaim(c store.Claim) error {
	rel := c.Claim.Relation
	if rel == nil {
		return nil
	}
	from, to := store.ActorKey(rel.Subject), store.ActorKey(rel.Object)
	for _, n := range []struct {
		id  string
		ref sitrep.ActorRef
	}{{from, rel.Subject}, {to, rel.Object}} {
		if err := g.AddActor(store.Actor{ID: n.id, Name: cmpOr(n.ref.Name, n.ref.ID)}); err != nil {
			return err
		}
	}
	g.edges++
	fmt.Fprintf(g.w, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", g.edges, esc(from), esc(to))
	g.data("relation", rel.Type)
	g.data("speaker", cmpOr(c.Claim.Speaker.Name, c.Claim.Speaker.ID))
	g.data("speaker_id", c.Claim.Speaker.ID)
	g.data("cue", c.Claim.Cue)
	g.data("text", c.Claim.Text)
	g.data("source", strings.TrimSpace(c.Outlet+" "+c.DocID))
	g.data("published", c.Published)
	g.data("claim", c.Key)
	if _, err := g.w.WriteString("    </edge>\n"); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}

// Close ends the graph and flushes.
func (g *GraphML) Close() error {
	if err := g.start(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	g.w.WriteString("  </graph>\n</graphml>\n")
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}
