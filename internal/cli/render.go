package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
)

// renderText writes a result as a report a person reads: each incident with
// its date, place, figures and actors, followed by the sentences it was read
// from; each claim as speaker — cue — "text" with its relation; then the
// actors and places. Everything shown comes from the Result alone, so the
// report and the JSON never disagree.
func renderText(w io.Writer, r *sitrep.Result) error {
	var b strings.Builder
	title := r.Document.Title
	if title == "" {
		title = "(untitled)"
	}
	b.WriteString(title + "\n")
	meta := []string{r.Document.ID}
	if r.Document.Published != "" {
		meta = append(meta, "published "+r.Document.Published)
	}
	if r.Document.Source != "" {
		meta = append(meta, r.Document.Source)
	}
	if r.Document.URL != nil {
		meta = append(meta, *r.Document.URL)
	}
	if r.Document.Language != "" {
		meta = append(meta, "language "+r.Document.Language)
	}
	b.WriteString(strings.Join(meta, " · ") + "\n")

	fmt.Fprintf(&b, "\nINCIDENTS (%d)\n", len(r.Events))
	for _, e := range r.Events {
		renderEvent(&b, &e)
	}
	fmt.Fprintf(&b, "\nCLAIMS (%d)\n", len(r.Claims))
	for _, c := range r.Claims {
		fmt.Fprintf(&b, "\n%s  %s — %s — %s (%s)\n", c.ID, c.Speaker.Name, c.Cue, quote(c.Text), c.Kind)
		if c.Relation != nil {
			fmt.Fprintf(&b, "    relation: %s —%s→ %s\n", c.Relation.Subject.Name, c.Relation.Type, c.Relation.Object.Name)
		}
	}
	fmt.Fprintf(&b, "\nACTORS (%d)\n", len(r.Actors))
	for _, a := range r.Actors {
		kind := a.Type
		if a.Country != "" {
			kind += ", " + a.Country
		}
		fmt.Fprintf(&b, "  %s (%s) — %s", a.Name, kind, plural(a.Mentions, "mention"))
		if len(a.Aliases) > 0 {
			fmt.Fprintf(&b, "; also %s", strings.Join(a.Aliases, ", "))
		}
		fmt.Fprintf(&b, "  [%s]\n", a.ID)
	}
	fmt.Fprintf(&b, "\nPLACES (%d)\n", len(r.Places))
	for _, p := range r.Places {
		fmt.Fprintf(&b, "  %s — %s\n", placeText(&p), plural(p.Mentions, "mention"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func renderEvent(b *strings.Builder, e *sitrep.Event) {
	kind := strings.ReplaceAll(e.Type, "_", " ")
	if e.Suicide {
		kind = "suicide " + kind
	}
	fmt.Fprintf(b, "\n%s  %s (%s)\n", e.ID, kind, e.Modality)
	field(b, "date", dateText(e.Date))
	field(b, "place", placeText(e.Place))
	field(b, "killed", countText(e.Killed))
	field(b, "injured", countText(e.Injured))
	field(b, "victims", countText(e.Victims))
	field(b, "perpetrators", refsText(e.Perpetrators))
	field(b, "targets", refsText(e.Targets))
	field(b, "claimed by", refsText(e.ClaimedBy))
	if e.ReportedBy != nil {
		field(b, "reported by", e.ReportedBy.Name)
	}
	if len(e.Evidence) > 0 {
		b.WriteString("  evidence:\n")
	}
	for _, ev := range e.Evidence {
		fmt.Fprintf(b, "    %s  [bytes %d–%d]\n", quote(ev.Text), ev.Start, ev.End)
	}
}

// field writes one labelled line; an empty value is left out so that the
// report shows what is known, not a wall of blanks.
func field(b *strings.Builder, label, v string) {
	if v != "" {
		fmt.Fprintf(b, "  %-13s %s\n", label+":", v)
	}
}

// quote puts text on one line between straight double quotes.
func quote(s string) string { return `"` + strings.Join(strings.Fields(s), " ") + `"` }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func dateText(d *sitrep.Date) string {
	if d == nil {
		return "not stated"
	}
	v := d.Start
	if d.End != "" && d.End != d.Start {
		v += " to " + d.End
	}
	v += " (" + d.Precision
	if d.Text == "" {
		v += ", from the report's date"
	} else {
		v += `, "` + d.Text + `"`
	}
	return v + ")"
}

func placeText(p *sitrep.Place) string {
	if p == nil {
		return "not stated"
	}
	parts := []string{p.Name}
	if p.Admin1 != "" && p.Admin1 != p.Name {
		parts = append(parts, p.Admin1)
	}
	if p.Country != "" {
		parts = append(parts, p.Country)
	}
	s := strings.Join(parts, ", ")
	var geo []string
	if p.Lat != nil && p.Lon != nil {
		geo = append(geo, fmt.Sprintf("%.4f, %.4f", *p.Lat, *p.Lon))
	}
	if p.Precision != "" {
		geo = append(geo, p.Precision)
	}
	if p.GeonamesID != 0 {
		geo = append(geo, fmt.Sprintf("GeoNames %d", p.GeonamesID))
	}
	if len(geo) > 0 {
		s += " (" + strings.Join(geo, "; ") + ")"
	}
	return s
}

// countText shows a figure as the range it is, then the words it was read
// from: `9 or more — "at least 9"`.
func countText(c *sitrep.Count) string {
	if c == nil {
		return ""
	}
	var v string
	switch {
	case c.Low != nil && c.High != nil && *c.Low != *c.High:
		v = fmt.Sprintf("%d to %d", *c.Low, *c.High)
		if c.Best != nil {
			v += fmt.Sprintf(" (best %d)", *c.Best)
		}
	case c.Best != nil && c.Low != nil && c.High == nil:
		v = fmt.Sprintf("%d or more", *c.Low)
		if *c.Best != *c.Low {
			v += fmt.Sprintf(" (best %d)", *c.Best)
		}
	case c.Best != nil:
		v = strconv.Itoa(*c.Best)
	case c.Low != nil:
		v = fmt.Sprintf("%d or more", *c.Low)
	case c.High != nil:
		v = fmt.Sprintf("up to %d", *c.High)
	default:
		v = "no number"
	}
	if c.Text != "" {
		v += ` — "` + c.Text + `"`
	}
	return v
}

func refsText(rs []sitrep.ActorRef) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return strings.Join(out, "; ")
}
