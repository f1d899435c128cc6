package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/internal/consolidate"
)

// Incident is one incident as the incident exports write it: the
// consolidated record (every report of one event) with the outlets of its
// reports and its review state.
type Incident struct {
	consolidate.Incident
	Outlets []string `json:"outlets"`
	Review  string   `json:"review"`
}

// IncidentCSVColumns is the header of the incident CSV, ACLED's names
// where the meaning is the same.
var IncidentCSVColumns = []string{
	"incident_id", "event_date", "event_date_end", "time_precision", "event_type", "actor1", "actor2", "claimed_by",
	"country", "admin1", "location", "latitude", "longitude", "geo_precision",
	"fatalities", "fatalities_low", "fatalities_high", "injured", "injured_low", "injured_high",
	"reports", "documents", "outlets", "modality", "review", "document_hashes",
}

// IncidentCSV writes incidents as CSV rows.
type IncidentCSV = Rows[Incident]

// NewIncidentCSV returns an incident CSV writer on w.
func NewIncidentCSV(w io.Writer) *IncidentCSV {
	return &IncidentCSV{t: NewTable(w), columns: IncidentCSVColumns, row: IncidentCSVRow}
}

// IncidentCSVRow is an incident as the CSV export's fields.
func IncidentCSVRow(inc Incident) []string {
	var prec string
	if inc.Date.Start != "" {
		prec = TimePrecision(inc.Date.Start, cmpOr(inc.Date.End, inc.Date.Start), inc.Date.Precision)
	}
	var country, admin1, location, lat, lon, geo string
	if p := inc.Place; p != nil {
		country, admin1, location = p.Country, p.Admin1, p.Name
		if p.Lat != nil && p.Lon != nil {
			lat, lon = coord(*p.Lat), coord(*p.Lon)
		}
		geo = GeoPrecision(p.Precision)
	}
	kLow, kBest, kHigh := rangeFigures(inc.Killed)
	iLow, iBest, iHigh := rangeFigures(inc.Injured)
	return []string{
		inc.ID, inc.Date.Start, inc.Date.End, prec, inc.Type, tallyNames(inc.Perpetrators), tallyNames(inc.Targets), tallyNames(inc.ClaimedBy),
		country, admin1, location, lat, lon, geo,
		kBest, kLow, kHigh, iBest, iLow, iHigh,
		strconv.Itoa(len(inc.Events)), strconv.Itoa(len(inc.Documents)), strings.Join(inc.Outlets, "; "), strings.Join(modalities(inc.Incident), "; "),
		inc.Review, strings.Join(inc.Documents, " "),
	}
}

func rangeFigures(r consolidate.Range) (low, best, high string) {
	f := func(v *int) string {
		if v == nil {
			return ""
		}
		return strconv.Itoa(*v)
	}
	return f(r.Low), f(r.Best), f(r.High)
}

func tallyNames(ts []consolidate.ActorTally) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = cmpOr(t.Name, t.ID)
	}
	return strings.Join(out, "; ")
}

// modalities lists how the reports present the incident (asserted,
// alleged, claimed…), each once, in report order.
func modalities(inc consolidate.Incident) []string {
	var out []string
	for _, e := range inc.Events {
		m := cmpOr(e.Modality, sitrep.Asserted)
		found := false
		for _, x := range out {
			found = found || x == m
		}
		if !found {
			out = append(out, m)
		}
	}
	return out
}

type incidentProperties struct {
	EventType    string            `json:"event_type"`
	DateStart    string            `json:"date_start"`
	DateEnd      string            `json:"date_end"`
	Precision    string            `json:"date_precision"`
	Location     string            `json:"location"`
	Admin1       string            `json:"admin1"`
	Country      string            `json:"country"`
	GeoPrecision string            `json:"geo_precision"`
	Perpetrators []string          `json:"perpetrators"`
	Targets      []string          `json:"targets"`
	ClaimedBy    []string          `json:"claimed_by"`
	Killed       consolidate.Range `json:"killed"`
	Injured      consolidate.Range `json:"injured"`
	Reports      int               `json:"reports"`
	Outlets      []string          `json:"outlets"`
	Modalities   []string          `json:"modalities"`
	Review       string            `json:"review"`
	Documents    []string          `json:"documents"`
}

func tallyList(ts []consolidate.ActorTally) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = cmpOr(t.Name, t.ID)
	}
	return out
}

// WriteIncident writes one incident as a Feature of the collection.
func (g *GeoJSON) WriteIncident(inc Incident) error {
	if err := g.start(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	props := incidentProperties{EventType: inc.Type, DateStart: inc.Date.Start, DateEnd: inc.Date.End, Precision: inc.Date.Precision,
		Perpetrators: tallyList(inc.Perpetrators), Targets: tallyList(inc.Targets), ClaimedBy: tallyList(inc.ClaimedBy),
		Killed: inc.Killed, Injured: inc.Injured, Reports: len(inc.Events), Outlets: inc.Outlets, Modalities: modalities(inc.Incident),
		Review: inc.Review, Documents: inc.Documents}
	props.Killed.Figures, props.Injured.Figures = nil, nil
	if props.Outlets == nil {
		props.Outlets = []string{}
	}
	var geom *point
	if p := inc.Place; p != nil {
		props.Location, props.Admin1, props.Country, props.GeoPrecision = p.Name, p.Admin1, p.Country, p.Precision
		if p.Lat != nil && p.Lon != nil {
			geom = &point{Type: "Point", Coordinates: [2]float64{*p.Lon, *p.Lat}}
		}
	}
	b, err := json.Marshal(struct {
		Type       string             `json:"type"`
		ID         string             `json:"id"`
		Geometry   *point             `json:"geometry"`
		Properties incidentProperties `json:"properties"`
	}{"Feature", inc.ID, geom, props})
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
