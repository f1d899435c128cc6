package cli

import (
	"fmt"
	"io"
	"strings"

	"sitrep"
)

// renderText writes a result as a report a person reads: each incident with
// its date, place, figures and actors, and the sentences it was read from;
// then each claim as speaker, cue and what was claimed.
func renderText(w io.Writer, r *sitrep.Result) error {
	var b strings.Builder
	title := r.Document.Title
	if title == "" {
		title = "(untitled)"
	}
	fmt.Fprintf(&b, "%s\n", title)
	meta := []string{r.Document.ID}
	if r.Document.Published != "" {
		meta = append(meta, "published "+r.Document.Published)
	}
	if r.Document.Source != "" {
		meta = append(meta, r.Document.Source)
	}
	fmt.Fprintf(&b, "%s\n\n", strings.Join(meta, " · "))

	fmt.Fprintf(&b, "INCIDENTS (%d)\n", len(r.Events))
	for _, e := range r.Events {
		kind := strings.ReplaceAll(e.Type, "_", " ")
		if e.Suicide {
			kind = "suicide " + kind
		}
		fmt.Fprintf(&b, "\n%s  %s, %s\n", e.ID, kind, e.Modality)
		fmt.Fprintf(&b, "  date:     %s\n", dateText(e.Date))
		fmt.Fprintf(&b, "  place:    %s\n", placeText(e.Place))
		line(&b, "killed", countText(e.Killed))
		line(&b, "injured", countText(e.Injured))
		line(&b, "victims", countText(e.Victims))
		line(&b, "by", refsText(e.Perpetrators))
		line(&b, "against", refsText(e.Targets))
		line(&b, "claimed", refsText(e.ClaimedBy))
		if e.ReportedBy != nil {
			line(&b, "reported", e.ReportedBy.Name)
		}
		for _, ev := range e.Evidence {
			fmt.Fprintf(&b, "  > %s  [%d-%d]\n", oneLine(ev.Text), ev.Start, ev.End)
		}
	}
	fmt.Fprintf(&b, "\nCLAIMS (%d)\n", len(r.Claims))
	for _, c := range r.Claims {
		fmt.Fprintf(&b, "\n%s  %s — %s (%s): “%s”\n", c.ID, c.Speaker.Name, c.Cue, c.Kind, oneLine(c.Text))
		if c.Relation != nil {
			fmt.Fprintf(&b, "  relation: %s %s %s\n", c.Relation.Subject.Name, strings.ReplaceAll(c.Relation.Type, "_", " "), c.Relation.Object.Name)
		}
	}
	fmt.Fprintf(&b, "\nACTORS (%d)\n", len(r.Actors))
	for _, a := range r.Actors {
		extra := ""
		if len(a.Aliases) > 0 {
			extra = " — also " + strings.Join(a.Aliases, ", ")
		}
		fmt.Fprintf(&b, "  %s [%s%s] ×%d%s\n", a.Name, a.Type, prefixed(", ", a.Country), a.Mentions, extra)
	}
	fmt.Fprintf(&b, "\nPLACES (%d)\n", len(r.Places))
	for _, p := range r.Places {
		fmt.Fprintf(&b, "  %s ×%d\n", placeText(&p), p.Mentions)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func line(b *strings.Builder, label, v string) {
	if v != "" {
		fmt.Fprintf(b, "  %-9s %s\n", label+":", v)
	}
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func dateText(d *sitrep.Date) string {
	if d == nil {
		return "not stated"
	}
	v := d.Start
	if d.End != d.Start {
		v += " to " + d.End
	}
	v += " (" + d.Precision
	if d.Text == "" {
		v += ", inferred from the report's date"
	} else {
		v += ", “" + d.Text + "”"
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
	if p.Lat != nil && p.Lon != nil {
		s += fmt.Sprintf(" (%.3f, %.3f; %s)", *p.Lat, *p.Lon, p.Precision)
	}
	return s
}

func countText(c *sitrep.Count) string {
	if c == nil {
		return ""
	}
	var v string
	switch {
	case c.Best != nil:
		v = fmt.Sprint(*c.Best)
	case c.Low != nil:
		v = fmt.Sprintf("%d or more", *c.Low)
	default:
		v = "not counted"
	}
	if c.Low != nil && c.High != nil && *c.Low != *c.High {
		v += fmt.Sprintf(" (range %d–%d)", *c.Low, *c.High)
	} else if c.Low != nil && c.High == nil && c.Best != nil {
		v += " or more"
	}
	if c.Text != "" {
		v += " — “" + c.Text + "”"
	}
	return v
}

func refsText(rs []sitrep.ActorRef) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return strings.Join(out, "; ")
}
