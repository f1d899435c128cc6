package cli

import (
	"errors"
	"fmt"
	"strings"

	"sitrep/internal/consolidate"
	"sitrep/internal/errs"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// errFound stops a scan once it has what it looks for.
var errFound = errors.New("found")

// resolveKey expands an event key whose document hash is abbreviated
// ("3f2a9c01b7de#E1", as 'sitrep events' prints it) to the full key.
func resolveKey(e *env, db store.Store, key string) (string, error) {
	doc, id, err := store.SplitKey(key)
	if err != nil {
		return "", usagef("%q is not an event key (DOCUMENT#EVENT) or an incident id (inc-…)", key)
	}
	if store.ValidHash(doc) {
		return key, nil
	}
	prefix := "sha256:" + strings.TrimPrefix(doc, "sha256:")
	if len(prefix) < len("sha256:")+8 {
		return "", usagef("give at least 8 hex digits of the document hash in %q", key)
	}
	var found []string
	err = db.ScanOriginals(e.ctx, func(o store.Original) error {
		if strings.HasPrefix(o.Hash, prefix) {
			found = append(found, o.Hash)
			if len(found) > 1 {
				return errFound
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return "", storeErr("show", e.dataDir, err)
	}
	switch len(found) {
	case 0:
		return "", errs.E(errs.Op("show"), errs.NotExist, fmt.Errorf("no document hash starts with %s", prefix))
	case 1:
		return store.Key(found[0], id), nil
	}
	return "", usagef("%s is the start of several document hashes: give more digits", prefix)
}

func runShow(e *env, args []string) error {
	fs := flagSet(e, "show")
	format := fs.String("format", "text", "text or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("show: give one event key (as 'sitrep events' prints it) or incident id")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format is text or json, not %q", *format)
	}
	id := fs.Arg(0)
	if strings.HasPrefix(id, "inc-") {
		return showIncident(e, id, *format)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := resolveKey(e, db, id)
	if err != nil {
		return err
	}
	d, err := db.Event(e.ctx, key)
	if err != nil {
		return storeErr("show", key, err)
	}
	if *format == "json" {
		return writeJSON(e.stdout, d)
	}
	printDossier(e, d, func(docID string) string {
		doc, err := db.Document(e.ctx, docID)
		if err != nil {
			return ""
		}
		return doc.Text
	})
	return nil
}

// printDossier prints an event's dossier; text returns a source
// document's text, to cite the page of evidence read from a PDF.
func printDossier(e *env, d store.Dossier, text func(docID string) string) {
	w := e.stdout
	ev := d.Event.Event
	fmt.Fprintf(w, "%s  %s (%s)\n", d.Event.Key, ev.Type, ev.Modality)
	var b strings.Builder
	renderEvent(&b, &ev)
	fmt.Fprint(w, b.String())
	if d.Event.Review != "" {
		fmt.Fprintf(w, "  review: %s\n", d.Event.Review)
	}
	fmt.Fprintln(w, "\nSources:")
	for _, s := range d.Sources {
		fmt.Fprintf(w, "  [%s] %s — %s, published %s\n", s.Role, s.Document.Title, s.Document.Outlet, s.Document.Published)
		fmt.Fprintf(w, "    original %s, %d bytes, captured %s from %s\n", s.Original.Hash, s.Original.Size, s.Original.CapturedAt.Format("2006-01-02 15:04:05Z"), s.Original.Source)
		if s.Role == "copy" {
			fmt.Fprintf(w, "    near copy, similarity %.2f\n", s.Similarity)
		}
		fmt.Fprintf(w, "    killed %s, injured %s\n", countCell(s.Killed), countCell(s.Injured))
		var doc string // pages are form feeds in the text: a PDF's, or a text printed from one
		if len(s.Evidence) > 0 {
			doc = text(s.Document.ID)
		}
		for _, sp := range s.Evidence {
			page := ""
			if n := ingest.PageAt(doc, sp.Start); n > 0 {
				page = fmt.Sprintf(", p. %d", n)
			}
			fmt.Fprintf(w, "    [%d:%d%s] %s\n", sp.Start, sp.End, page, quote(sp.Text))
		}
	}
	if len(d.Claims) > 0 {
		fmt.Fprintln(w, "\nClaims in the reporting document:")
		for _, c := range d.Claims {
			rel := ""
			if r := c.Claim.Relation; r != nil {
				rel = fmt.Sprintf(" [%s %s %s]", r.Subject.Name, r.Type, r.Object.Name)
			}
			fmt.Fprintf(w, "  %s (%s)%s: %s\n", c.Claim.Speaker.Name, c.Claim.Cue, rel, quote(c.Claim.Text))
		}
	}
	if len(d.Edits) > 0 {
		fmt.Fprintln(w, "\nReview history:")
		for _, ed := range d.Edits {
			what := ed.Status
			if ed.Field != "" {
				what += " " + ed.Field + " = " + ed.Value
			}
			fmt.Fprintf(w, "  %s %s %s %s\n", ed.At.Format("2006-01-02 15:04"), ed.Who, what, ed.Note)
		}
	}
}

func showIncident(e *env, id, format string) error {
	c, err := openCorpus(e, true)
	if err != nil {
		return err
	}
	defer c.Close()
	warnStaleViews(e, c)
	inc, err := c.Incident(e.ctx, id)
	if err != nil {
		return storeErr("show", id, err)
	}
	if format == "json" {
		return writeJSON(e.stdout, inc)
	}
	if inc.Requested != "" {
		fmt.Fprintf(e.stdout, "%s was merged or split since; its reports are in:\n", inc.Requested)
	}
	printIncident(e, inc, true)
	return nil
}

func printIncident(e *env, inc store.Incident, full bool) {
	w := e.stdout
	fmt.Fprintf(w, "%s  %s  %s  %s  killed %s  injured %s  (%d reports, %d documents)\n", inc.ID, dateText(&inc.Date), inc.Type,
		placeText(inc.Place), rangeText(inc.Killed), rangeText(inc.Injured), len(inc.Events), len(inc.Documents))
	if !full {
		return
	}
	for _, t := range []struct {
		label string
		l     []consolidate.ActorTally
	}{{"perpetrators (as reported)", inc.Perpetrators}, {"targets", inc.Targets}, {"claimed by", inc.ClaimedBy}} {
		if len(t.l) == 0 {
			continue
		}
		var parts []string
		for _, a := range t.l {
			parts = append(parts, fmt.Sprintf("%s (%d reports)", a.Name, a.Reports))
		}
		fmt.Fprintf(w, "  %s: %s\n", t.label, strings.Join(parts, "; "))
	}
	fmt.Fprintln(w, "  reports:")
	for _, r := range inc.Events {
		fmt.Fprintf(w, "    %s  published %s  killed %s  injured %s\n", r.Key, r.Published, countCell(r.Killed), countCell(r.Injured))
		if len(r.Reasons) > 0 {
			fmt.Fprintf(w, "      joined (score %.2f): %s\n", r.Score, strings.Join(r.Reasons, "; "))
		}
	}
	for _, r := range inc.Reasons {
		if strings.HasPrefix(r, "user decision") {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
}

func rangeText(r consolidate.Range) string {
	if r.Best == nil && r.Low == nil && r.High == nil {
		return "-"
	}
	v := func(p *int) string {
		if p == nil {
			return "?"
		}
		return fmt.Sprint(*p)
	}
	if r.Low != nil && r.High != nil && *r.Low == *r.High {
		return v(r.Low)
	}
	return fmt.Sprintf("%s (%s–%s)", v(r.Best), v(r.Low), v(r.High))
}
