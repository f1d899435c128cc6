package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"os/user"
	"slices"
	"strings"

	"sitrep/internal/consolidate"
	"sitrep/internal/corpus"
	"sitrep/internal/store"
)

func runIncidents(e *env, args []string) error {
	fs := flagSet(e, "incidents")
	var f eventFlags
	f.register(fs, 50)
	format := fs.String("format", "table", "table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ef, err := f.filter()
	if err != nil {
		return err
	}
	if ef.Language != "" {
		return usagef("incidents: --language filters events, claims and exports; an incident gathers reports in any language")
	}
	c, err := openCorpus(e, true)
	if err != nil {
		return err
	}
	defer c.Close()
	limit := ef.Limit
	if limit == 0 {
		limit = 1 << 30
	}
	warnStaleViews(e, c)
	incs, total, err := c.Incidents(e.ctx, store.IncidentFilter{Type: ef.Type, Since: ef.Since, Until: ef.Until, Place: ef.Place,
		Near: ef.Near, Actor: ef.Actor, Text: ef.Text, Limit: limit, Offset: ef.Offset})
	if err != nil {
		return storeErr("incidents", e.dataDir, err)
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"total": total, "incidents": incs})
	}
	for _, inc := range incs {
		printIncident(e, inc, false)
	}
	if total > store.CountCap {
		fmt.Fprintf(e.stderr, "%d of more than %d incidents\n", len(incs), store.CountCap)
	} else {
		fmt.Fprintf(e.stderr, "%d of %d incidents\n", len(incs), total)
	}
	return nil
}

// who names the person making a decision: $SITREP_USER, else the login.
func who() string {
	if u := os.Getenv("SITREP_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

func runMerge(e *env, args []string) error {
	fs := flagSet(e, "merge")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("merge: give two incident ids (inc-…)")
	}
	c, err := openCorpus(e, false)
	if err != nil {
		return err
	}
	defer c.Close()
	inc, err := c.Merge(e.ctx, fs.Arg(0), fs.Arg(1), who())
	if err != nil {
		return storeErr("merge", e.dataDir, err)
	}
	for _, id := range []string{fs.Arg(0), fs.Arg(1)} {
		if id != inc.ID {
			fmt.Fprintf(e.stdout, "merged %s into %s, which keeps its id ('sitrep show %s' shows %s); the decision is kept and holds after re-extraction:\n",
				id, inc.ID, id, inc.ID)
		}
	}
	printIncident(e, inc, true)
	return nil
}

func runSplit(e *env, args []string) error {
	fs := flagSet(e, "split")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("split: give an incident id and the key of the report to take out of it")
	}
	c, err := openCorpus(e, false)
	if err != nil {
		return err
	}
	defer c.Close()
	key, err := resolveKey(e, c.Store(), fs.Arg(1))
	if err != nil {
		return err
	}
	inc, err := c.Split(e.ctx, fs.Arg(0), key, who())
	if err != nil {
		return storeErr("split", e.dataDir, err)
	}
	fmt.Fprintf(e.stdout, "split %s off %s into %s; the decision is kept and holds after re-extraction:\n", key, fs.Arg(0), inc.ID)
	printIncident(e, inc, true)
	if rest, err := c.Incident(e.ctx, fs.Arg(0)); err == nil && rest.ID != inc.ID {
		fmt.Fprintf(e.stdout, "%s keeps %d reports\n", rest.ID, len(rest.Events))
	}
	return nil
}

func runGraph(e *env, args []string) error {
	fs := flagSet(e, "graph")
	format := fs.String("format", "text", "text, json or graphml")
	out := fs.String("out", "-", "file to write (- for standard output)")
	actor := fs.String("actor", "", "only the edges where this actor (an id) is subject, object or speaker")
	order := fs.String("sort", "support", "text order: support (relations stated in most documents first) or name")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *format {
	case "text", "json", "graphml":
	default:
		return usagef("--format is text, json or graphml, not %q", *format)
	}
	if *order != "support" && *order != "name" {
		return usagef("--sort is support or name, not %q", *order)
	}
	c, err := openCorpus(e, true)
	if err != nil {
		return err
	}
	defer c.Close()
	g, err := c.ClaimGraph(e.ctx, *actor)
	if err != nil {
		return storeErr("graph", e.dataDir, err)
	}
	edges := g.Edges()
	var ids []string
	for _, ed := range edges {
		ids = append(ids, ed.Subject, ed.Object)
		for _, s := range ed.Speakers {
			ids = append(ids, s.ID)
		}
	}
	names, err := c.ActorNodes(e.ctx, ids)
	if err != nil {
		return storeErr("graph", e.dataDir, err)
	}
	return writeOut(e, *out, func(w io.Writer) error {
		switch *format {
		case "json":
			return g.WriteJSON(w, names)
		case "graphml":
			return g.WriteGraphML(w, names)
		}
		if *order == "support" {
			edges = bySupport(edges)
		}
		incident := func(id string) (string, bool) {
			inc, err := c.Incident(e.ctx, id)
			if err != nil {
				return "", false
			}
			return inc.Label(), true
		}
		return printGraph(w, edges, g.Contradictions(), storedNames(names, incident))
	})
}

// storedNames names an actor as the store does ("India", not the
// "Indian" of "Indian-backed" that one claim wrote) and an incident by
// what, when and where, each incident read once; what the store lacks
// keeps the name given.
func storedNames(actors consolidate.ActorNames, incident func(id string) (string, bool)) func(id, name string) string {
	labels := map[string]string{}
	return func(id, name string) string {
		if !strings.HasPrefix(id, "inc-") {
			if node, found := actors.Node(id); found && node.Name != "" {
				return node.Name
			}
			return name
		}
		l, seen := labels[id]
		if !seen {
			if label, found := incident(id); found {
				l = "incident " + id + " (" + label + ")"
			}
			labels[id] = l
		}
		if l == "" {
			return name
		}
		return l
	}
}

// bySupport orders edges by how many documents state them, then how many
// claims, most first; edges alike keep their order (by name).
func bySupport(edges []consolidate.Edge) []consolidate.Edge {
	slices.SortStableFunc(edges, func(a, b consolidate.Edge) int {
		return cmp.Or(cmp.Compare(edgeDocuments(b), edgeDocuments(a)), cmp.Compare(b.Claims, a.Claims))
	})
	return edges
}

// edgeDocuments is how many documents state an edge: a store sums the
// count without listing them.
func edgeDocuments(ed consolidate.Edge) int { return max(ed.DocumentCount, len(ed.Documents)) }

// printGraph lists each alleged relation with who alleges it, then the
// contradictions.
func printGraph(w io.Writer, edges []consolidate.Edge, cs []consolidate.Contradiction, name func(id, name string) string) error {
	for _, ed := range edges {
		var sp []string
		for _, s := range ed.Speakers {
			sp = append(sp, fmt.Sprintf("%s (%d)", name(s.ID, s.Name), s.Documents))
		}
		if len(sp) == 0 {
			sp = append(sp, "no named speaker")
		}
		mark := ""
		if ed.Contradicted {
			mark = "  [contradicted]"
		}
		fmt.Fprintf(w, "%s —%s→ %s%s\n  alleged by %s; %d claims in %d documents, %s to %s\n",
			name(ed.Subject, ed.SubjectName), ed.Relation, name(ed.Object, ed.ObjectName), mark, strings.Join(sp, ", "), ed.Claims, edgeDocuments(ed), ed.FirstSeen, ed.LastSeen)
	}
	if len(cs) > 0 {
		fmt.Fprintln(w, "\nContradictions:")
		for _, x := range cs {
			fmt.Fprintf(w, "  %s: %s (%s → %s)\n", x.Kind, x.Note, x.Subject, x.Object)
		}
	}
	return nil
}

func runReextract(e *env, args []string) error {
	fs := flagSet(e, "reextract")
	all := fs.Bool("all", false, "re-read every document, not only those read by other extraction rules")
	rebuild := fs.Bool("views", false, "rebuild the incident views from the custody log even when this program's rules built them")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	c, err := openCorpus(e, false)
	if err != nil {
		return err
	}
	defer c.Close()
	p := newProgress(e.stderr)
	vp := newProgress(e.stderr)
	s, err := c.Reextract(e.ctx, corpus.ReextractOptions{All: *all, Views: *rebuild, Progress: func(done, total int) {
		p.total = total
		p.update(done, 0)
	}, ViewsProgress: func(done, total int64) {
		vp.total = int(total)
		vp.update(int(done), 0)
	}})
	vp.finish()
	p.finish()
	if s.ViewsRebuilt {
		fmt.Fprintln(e.stderr, "rebuilt the incident views from the custody log")
	}
	fmt.Fprintf(e.stderr, "re-extracted %d of %d documents: %d events, %d claims; originals untouched, analyst edits and decisions applied again\n",
		s.Rebuilt, s.Documents, s.Events, s.Claims)
	if err != nil {
		return storeErr("reextract", e.dataDir, err)
	}
	return nil
}

// warnStaleViews says when the views cannot be trusted to be current.
func warnStaleViews(e *env, c *corpus.Corpus) {
	st, err := c.ViewsState(e.ctx)
	if err == nil && !st.Current {
		fmt.Fprintln(e.stderr, "sitrep: the incident views were built by other consolidation rules or not at all: run 'sitrep reextract' to rebuild them")
	}
}
