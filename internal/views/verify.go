package views

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// Problem is a stored view row that differs from the one recomputed from
// the custody log.
type Problem struct {
	Table    string `json:"table"` // views, incident, redirect, framing
	Key      string `json:"key"`   // incident id or document id
	What     string `json:"what"`
	Expected string `json:"expected"`
	Found    string `json:"found"`
}

func (p Problem) String() string {
	return fmt.Sprintf("%s %s: %s: expected %s, found %s", p.Table, p.Key, p.What, p.Expected, p.Found)
}

// scratch is the transaction of tables recomputed in memory.
type scratch struct{ *MemTables }

func (scratch) LogStart() (int64, error)             { return 0, nil }
func (scratch) Rules() (string, error)               { return "", nil }
func (scratch) SetRules(string) error                { return nil }
func (scratch) Decisions() ([]store.Decision, error) { return nil, nil }

// Recompute replays st's log into view tables in memory.
func Recompute(ctx context.Context, st store.ViewStore) (*MemTables, error) {
	t := NewMemTables()
	s, err := NewMaintainer(0).Begin(scratch{t})
	if err != nil {
		return nil, err
	}
	err = Replay(ctx, st, s.Apply)
	if err == nil {
		err = s.Finish()
	}
	s.Abort() // nothing to keep
	return t, err
}

// Report is what Verify checked and found.
type Report struct {
	Incidents int       `json:"incidents"` // incident rows compared
	Redirects int       `json:"redirects"`
	Framing   int       `json:"framing"`  // documents' framing rows compared
	Edges     int       `json:"edges"`    // claim edges compared with the claims
	Actors    int       `json:"actors"`   // actors whose figures were compared
	Violence  int       `json:"violence"` // violence edges and actors' incident counts compared
	Problems  []Problem `json:"problems,omitempty"`
}

// Verify recomputes st's views from its custody log and compares them,
// row by row, with the stored ones. It reports up to limit problems; an
// error is a failure to read or replay, not a difference.
func Verify(ctx context.Context, st store.ViewStore, limit int) (Report, error) {
	var rep Report
	state, err := st.ViewsState(ctx)
	if err != nil {
		return rep, err
	}
	if !state.Current {
		rep.Problems = []Problem{{Table: "views", Key: "rules", What: "consolidation rules that built the views (rebuild them with sitrep reextract)",
			Expected: consolidate.Version, Found: fmt.Sprintf("%q", state.Rules)}}
		return rep, nil
	}
	want, err := Recompute(ctx, st)
	if err != nil {
		if errors.Is(err, ErrReplay) {
			rep.Problems = []Problem{{Table: "views", Key: "log", What: "replaying the log", Expected: "every record usable", Found: err.Error()}}
			return rep, nil
		}
		return rep, err
	}
	var wants []store.ViewRecord
	want.Scan(func(r store.ViewRecord) error { wants = append(wants, r); return nil })
	// The claim edges are sums of the stored claims, which custody checks
	// against the logged results.
	edges, err := claimEdges(ctx, st)
	if err != nil {
		return rep, err
	}
	for i := range edges {
		wants = append(wants, store.ViewRecord{Edge: &edges[i]})
	}
	var out []Problem
	add := func(p Problem) error {
		out = append(out, p)
		if len(out) >= limit {
			return errEnough
		}
		return nil
	}
	i := 0
	err = st.ScanViews(ctx, func(got store.ViewRecord) error {
		switch {
		case got.Incident != nil:
			rep.Incidents++
		case got.Redirect != nil:
			rep.Redirects++
		case got.Framing != nil:
			rep.Framing++
		case got.Edge != nil:
			rep.Edges++
		}
		for i < len(wants) && order(wants[i], got) < 0 {
			if err := add(missing(wants[i])); err != nil {
				return err
			}
			i++
		}
		if i < len(wants) && order(wants[i], got) == 0 {
			w := wants[i]
			i++
			if p, ok := differ(w, got); ok {
				return add(p)
			}
			return nil
		}
		t, k := ident(got)
		return add(Problem{Table: t, Key: k, What: "row not recomputed from the log", Expected: "no row", Found: "a row"})
	})
	if err != nil && !errors.Is(err, errEnough) {
		return rep, err
	}
	for ; i < len(wants) && len(out) < limit; i++ {
		out = append(out, missing(wants[i]))
	}
	if len(out) < limit {
		rep.Actors, err = verifyFigures(ctx, st, want, add)
		if err != nil && !errors.Is(err, errEnough) {
			return rep, err
		}
	}
	if len(out) < limit {
		rep.Violence, err = verifyViolence(ctx, st, want, add)
		if err != nil && !errors.Is(err, errEnough) {
			return rep, err
		}
	}
	rep.Problems = out
	return rep, nil
}

var errEnough = errors.New("enough problems")

func ident(r store.ViewRecord) (table, key string) {
	switch {
	case r.Incident != nil:
		return "incident", r.Incident.Incident.ID
	case r.Redirect != nil:
		return "redirect", r.Redirect.ID
	case r.Framing != nil:
		return "framing", r.Framing.DocID
	case r.Edge != nil:
		return "edge", r.Edge.Subject + " -" + r.Edge.Relation + "-> " + r.Edge.Object
	}
	return "?", ""
}

// order compares two rows in ScanViews order.
func order(a, b store.ViewRecord) int {
	rank := map[string]int{"incident": 0, "redirect": 1, "framing": 2, "edge": 3}
	ta, ka := ident(a)
	tb, kb := ident(b)
	if ta != tb {
		return rank[ta] - rank[tb]
	}
	if a.Edge != nil && b.Edge != nil {
		for _, c := range [][2]string{{a.Edge.Subject, b.Edge.Subject}, {a.Edge.Object, b.Edge.Object}, {a.Edge.Relation, b.Edge.Relation}} {
			if d := strings.Compare(c[0], c[1]); d != 0 {
				return d
			}
		}
		return 0
	}
	return strings.Compare(ka, kb)
}

// claimEdges sums the stored claims into edges, as a store's edge rows
// must.
func claimEdges(ctx context.Context, st store.ViewStore) ([]store.ClaimEdge, error) {
	type doc struct {
		published string
		claims    []sitrep.Claim
	}
	docs := map[string]*doc{}
	err := st.ScanClaims(ctx, store.ClaimFilter{}, func(c store.Claim) error {
		if _, ok := store.ClaimEdgeKey(c.DocID, c.Claim); !ok {
			return nil
		}
		d := docs[c.DocID]
		if d == nil {
			d = &doc{published: c.Published}
			docs[c.DocID] = d
		}
		d.claims = append(d.claims, c.Claim)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sums := store.EdgeSums{}
	for id, d := range docs {
		sums.Add(d.published, store.DocumentEdges(id, d.claims))
	}
	return sums.Edges(), nil
}

func missing(w store.ViewRecord) Problem {
	t, k := ident(w)
	return Problem{Table: t, Key: k, What: "row recomputed from the log is missing", Expected: "a row", Found: "none"}
}

// differ names the first part of a row that differs.
func differ(w, g store.ViewRecord) (Problem, bool) {
	t, k := ident(w)
	p := Problem{Table: t, Key: k}
	switch {
	case w.Incident != nil:
		a, b := w.Incident, g.Incident
		parts := []struct {
			name string
			w, g any
		}{
			{"version", a.Version, b.Version}, {"creation number", a.Seq, b.Seq}, {"reports joined on type, date and place alone", a.Weak, b.Weak},
			{"member rows", a.Members, b.Members}, {"actor rows", a.Actors, b.Actors}, {"actor roles", a.Roles, b.Roles},
			{"blocks", a.Blocks, b.Blocks}, {"columns", a.Row, b.Row},
		}
		// The incident itself first, field by field, summary before
		// reports: it is what users see.
		if what, we, ge, ok := firstField(mustFields(a.Incident), mustFields(b.Incident), incidentOrder); ok {
			p.What, p.Expected, p.Found = "incident "+what, clip(we), clip(ge)
			if what == "events" {
				p.What, p.Expected, p.Found = reportDiff(a.Incident.Events, b.Incident.Events)
			}
			return p, true
		}
		for _, x := range parts {
			wb, _ := json.Marshal(x.w)
			gb, _ := json.Marshal(x.g)
			if !bytes.Equal(wb, gb) {
				p.What, p.Expected, p.Found = x.name, clip(wb), clip(gb)
				return p, true
			}
		}
	case w.Redirect != nil:
		if w.Redirect.Into != g.Redirect.Into {
			p.What, p.Expected, p.Found = "where the id leads", w.Redirect.Into, g.Redirect.Into
			return p, true
		}
	case w.Framing != nil:
		wb, _ := json.Marshal(w.Framing.Counts)
		gb, _ := json.Marshal(g.Framing.Counts)
		if !bytes.Equal(wb, gb) {
			p.What, p.Expected, p.Found = "labels counted", clip(wb), clip(gb)
			return p, true
		}
	case w.Edge != nil:
		if what, we, ge, ok := firstField(mustFields(*w.Edge), mustFields(*g.Edge), nil); ok {
			p.What, p.Expected, p.Found = "sums of the claims: "+what, clip(we), clip(ge)
			return p, true
		}
	}
	return p, false
}

// incidentOrder is the order in which an incident's fields are compared.
var incidentOrder = []string{"id", "type", "date", "place", "killed", "injured", "victims", "perpetrators", "targets", "claimed_by", "documents", "events", "reasons"}

// reportOrder is the same for one report.
var reportOrder = []string{"key", "type", "date", "place", "killed", "injured", "victims", "perpetrators", "targets", "claimed_by", "modality", "suicide", "published", "score", "reasons"}

func mustFields(v any) map[string]json.RawMessage {
	b, _ := json.Marshal(v)
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	return m
}

// firstField returns the first field, in order and then by name, whose
// values differ.
func firstField(w, g map[string]json.RawMessage, order []string) (string, []byte, []byte, bool) {
	names := slices.Clone(order)
	var rest []string
	for _, m := range []map[string]json.RawMessage{w, g} {
		for n := range m {
			if !slices.Contains(names, n) && !slices.Contains(rest, n) {
				rest = append(rest, n)
			}
		}
	}
	slices.Sort(rest)
	for _, n := range append(names, rest...) {
		if !bytes.Equal(w[n], g[n]) {
			return n, w[n], g[n], true
		}
	}
	return "", nil, nil, false
}

// reportDiff names the first report of an incident that differs, and how.
func reportDiff(w, g []consolidate.EventRef) (what, expected, found string) {
	for i := range max(len(w), len(g)) {
		switch {
		case i >= len(w):
			return "report " + g[i].Key, "none", "a report"
		case i >= len(g):
			return "report " + w[i].Key, "a report", "none"
		}
		if n, we, ge, ok := firstField(mustFields(w[i]), mustFields(g[i]), reportOrder); ok {
			return fmt.Sprintf("report %s %s", w[i].Key, n), clip(we), clip(ge)
		}
	}
	return "reports", "", ""
}

func clip(b []byte) string {
	const n = 300
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
