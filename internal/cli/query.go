package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"sitrep"
	"sitrep/internal/export"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// eventFlags are the filters shared by events and export.
type eventFlags struct {
	typ, since, until, place, near, actor, text, language string
	rejected                                              bool
	limit, offset                                         int
}

func (f *eventFlags) register(fs *flag.FlagSet, limit int) {
	fs.StringVar(&f.typ, "type", "", "event type ("+strings.Join(sitrep.EventTypes, ", ")+")")
	fs.StringVar(&f.since, "since", "", "events whose dates end on or after YYYY-MM-DD")
	fs.StringVar(&f.until, "until", "", "events whose dates start on or before YYYY-MM-DD")
	fs.StringVar(&f.place, "place", "", "place name, province (admin1) or country code")
	fs.StringVar(&f.near, "near", "", "LAT,LON,KM: events within KM kilometres of a point")
	fs.StringVar(&f.actor, "actor", "", "actor id or part of a name, as perpetrator, target or claimant")
	fs.StringVar(&f.text, "text", "", `full-text query over the evidence ("quoted phrase", prefix*)`)
	fs.StringVar(&f.language, "language", "", "events of documents in this language (ISO 639-1 code: en, ur, fa, …)")
	fs.BoolVar(&f.rejected, "rejected", false, "include events an analyst rejected")
	fs.IntVar(&f.limit, "limit", limit, "at most this many (0: all)")
	fs.IntVar(&f.offset, "offset", 0, "skip this many first")
}

func (f *eventFlags) filter() (store.EventFilter, error) {
	ef := store.EventFilter{Type: f.typ, Since: f.since, Until: f.until, Place: f.place, Actor: f.actor,
		Text: f.text, Language: f.language, IncludeRejected: f.rejected, Limit: f.limit, Offset: f.offset}
	if f.language != "" && !validLanguage(f.language) {
		return ef, usagef("--language: %q is not an ISO 639-1 code (two letters, such as en or ur)", f.language)
	}
	if f.typ != "" && !validEventType(f.typ) {
		return ef, usagef("--type: unknown event type %q (one of %s)", f.typ, strings.Join(sitrep.EventTypes, ", "))
	}
	for _, d := range []struct{ flag, v string }{{"--since", f.since}, {"--until", f.until}} {
		if d.v != "" {
			if err := ingest.ValidDate(d.v); err != nil {
				return ef, usagef("%s: %v", d.flag, err)
			}
		}
	}
	if f.near != "" {
		n, err := parseNear(f.near)
		if err != nil {
			return ef, err
		}
		ef.Near = n
	}
	if f.limit < 0 || f.offset < 0 {
		return ef, usagef("--limit and --offset cannot be negative")
	}
	return ef, nil
}

func validEventType(t string) bool {
	for _, x := range sitrep.EventTypes {
		if x == t {
			return true
		}
	}
	return false
}

// parseNear reads "LAT,LON,KM".
func parseNear(s string) (*store.Near, error) {
	n, err := store.ParseNear(s)
	if err != nil {
		return nil, usagef("--near: %v", err)
	}
	return n, nil
}

func runEvents(e *env, args []string) error {
	fs := flagSet(e, "events")
	var f eventFlags
	f.register(fs, store.DefaultLimit)
	format := fs.String("format", "table", "table, json (one event a line) or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("events takes no arguments, only flags")
	}
	ef, err := f.filter()
	if err != nil {
		return err
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	var write func(store.Event) error
	var done func() error
	switch *format {
	case "table":
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tDATE\tTYPE\tPLACE\tKILLED\tINJURED\tPERPETRATOR (AS REPORTED)\tOUTLET")
		write = func(ev store.Event) error {
			x := ev.Event
			_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", shortKey(ev.Key), dateCell(x.Date), x.Type,
				clip(placeText(x.Place), 30), countCell(x.Killed), countCell(x.Injured), clip(refsText(x.Perpetrators), 30), clip(ev.Outlet, 24))
			return err
		}
		done = tw.Flush
	case "json":
		j := export.NewJSONL(e.stdout)
		write, done = j.WriteEvent, j.Close
	case "csv":
		c := export.NewCSV(e.stdout)
		write, done = c.Write, c.Close
	default:
		return usagef("--format is table, json or csv, not %q", *format)
	}
	if err := db.ScanEvents(e.ctx, ef, write); err != nil {
		return storeErr("events", e.dataDir, err)
	}
	return done()
}

// shortKey shortens "sha256:<64 hex>#E1" to its first 12 hex digits,
// which 'sitrep show' accepts back.
func shortKey(k string) string {
	doc, id, err := store.SplitKey(k)
	if err != nil {
		return k
	}
	hx := strings.TrimPrefix(doc, "sha256:")
	if len(hx) > 12 {
		hx = hx[:12]
	}
	return hx + "#" + id
}

// dateCell is a date as a table shows it: the day, or the first and last
// day of a range.
func dateCell(d *sitrep.Date) string {
	switch {
	case d == nil || d.Start == "":
		return "-"
	case d.End == "" || d.End == d.Start:
		return d.Start
	}
	return d.Start + "/" + d.End
}

func countCell(c *sitrep.Count) string {
	if c == nil || c.Best == nil && c.Low == nil && c.High == nil {
		return "-"
	}
	return countText(c)
}

func clip(s string, n int) string {
	if strings.ContainsAny(s, "\n\r\t") {
		s = strings.Join(strings.Fields(s), " ") // a line break would end the table's row
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func runClaims(e *env, args []string) error {
	fs := flagSet(e, "claims")
	var cf store.ClaimFilter
	fs.StringVar(&cf.Speaker, "speaker", "", "speaker id or part of a name")
	fs.StringVar(&cf.Relation, "relation", "", "relation type ("+strings.Join(sitrep.RelationTypes, ", ")+")")
	fs.StringVar(&cf.Actor, "actor", "", "actor id or part of a name, as speaker, subject or object")
	fs.StringVar(&cf.Text, "text", "", "full-text query over the claim text")
	fs.StringVar(&cf.Since, "since", "", "documents published on or after YYYY-MM-DD")
	fs.StringVar(&cf.Until, "until", "", "documents published on or before YYYY-MM-DD")
	fs.StringVar(&cf.Language, "language", "", "claims of documents in this language (ISO 639-1 code)")
	fs.IntVar(&cf.Limit, "limit", store.DefaultLimit, "at most this many (0: all)")
	fs.IntVar(&cf.Offset, "offset", 0, "skip this many first")
	format := fs.String("format", "table", "table or json (one claim a line)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return usagef("--format is table or json, not %q", *format)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	j := export.NewJSONL(e.stdout)
	if *format == "table" {
		fmt.Fprintln(tw, "SPEAKER\tRELATION ALLEGED\tSUBJECT\tOBJECT\tPUBLISHED\tOUTLET")
	}
	err = db.ScanClaims(e.ctx, cf, func(c store.Claim) error {
		if *format == "json" {
			return j.WriteClaim(c)
		}
		rel, subj, obj := "-", "", ""
		if r := c.Claim.Relation; r != nil {
			rel, subj, obj = r.Type, r.Subject.Name, r.Object.Name
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", clip(c.Claim.Speaker.Name, 30), rel, clip(subj, 30), clip(obj, 30), c.Published, clip(c.Outlet, 24))
		return err
	})
	if err != nil {
		return storeErr("claims", e.dataDir, err)
	}
	if *format == "json" {
		return j.Close()
	}
	return tw.Flush()
}

func runActors(e *env, args []string) error {
	fs := flagSet(e, "actors")
	var af store.ActorFilter
	fs.StringVar(&af.Name, "name", "", "part of a name or alias")
	fs.StringVar(&af.Type, "type", "", "actor type (person, armed_group, state_force, …)")
	fs.IntVar(&af.Limit, "limit", store.DefaultLimit, "at most this many")
	fs.IntVar(&af.Offset, "offset", 0, "skip this many first")
	format := fs.String("format", "table", "table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 1 {
		return runActorPage(e, fs.Arg(0), *format)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	as, err := db.Actors(e.ctx, af)
	if err != nil {
		return storeErr("actors", e.dataDir, err)
	}
	if *format == "json" {
		return writeJSON(e.stdout, as)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTYPE\tMENTIONS\tDOCUMENTS\tEVENTS\tOTHER NAMES")
	for _, a := range as {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", a.ID, clip(a.Name, 32), a.Type, a.Mentions, a.Documents, a.Events, clip(strings.Join(a.Aliases, "; "), 50))
	}
	return tw.Flush()
}

// runActorPage prints one actor across documents, with how each source
// names it.
func runActorPage(e *env, id, format string) error {
	c, err := openCorpus(e, true)
	if err != nil {
		return err
	}
	defer c.Close()
	a, framing, err := c.Actor(e.ctx, id)
	if err != nil {
		return storeErr("actor", id, err)
	}
	if format == "json" {
		return writeJSON(e.stdout, map[string]any{"actor": a, "framing": framing})
	}
	fmt.Fprintf(e.stdout, "%s (%s) %s\n", a.Name, a.ID, a.Type)
	fmt.Fprintf(e.stdout, "  names seen: %s\n", strings.Join(a.Aliases, "; "))
	fmt.Fprintf(e.stdout, "  %d mentions in %d documents, first seen %s, last seen %s\n", a.Mentions, a.Documents, a.FirstSeen, a.LastSeen)
	if len(framing) > 0 {
		fmt.Fprintln(e.stdout, "  how sources name it (documents):")
		for _, f := range framing {
			fmt.Fprintf(e.stdout, "    %-30s %-20s %d\n", clip(f.Source, 30), f.Label, f.Documents)
		}
	}
	return nil
}

func runSearch(e *env, args []string) error {
	fs := flagSet(e, "search")
	limit := fs.Int("limit", 20, "at most this many documents")
	format := fs.String("format", "text", "text or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef(`search: give a query (words, "quoted phrases", prefix*)`)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := db.Search(e.ctx, strings.Join(fs.Args(), " "), *limit)
	if err != nil {
		return storeErr("search", e.dataDir, err)
	}
	if *format == "json" {
		return writeJSON(e.stdout, hits)
	}
	for _, h := range hits {
		fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n  %s\n\n", h.DocID, h.Published, h.Outlet, h.Title, strings.Join(strings.Fields(h.Snippet), " "))
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stderr, "no documents match")
	}
	return nil
}
