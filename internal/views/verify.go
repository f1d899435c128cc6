package views

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

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

// Verify recomputes st's views from its custody log and compares them,
// row by row, with the stored ones. It returns up to limit problems; an
// error is a failure to read or replay, not a difference.
func Verify(ctx context.Context, st store.ViewStore, limit int) ([]Problem, error) {
	state, err := st.ViewsState(ctx)
	if err != nil {
		return nil, err
	}
	if !state.Current {
		return []Problem{{Table: "views", Key: "rules", What: "consolidation rules that built the views (rebuild them with sitrep reextract)",
			Expected: consolidate.Version, Found: fmt.Sprintf("%q", state.Rules)}}, nil
	}
	want, err := Recompute(ctx, st)
	if err != nil {
		if errors.Is(err, ErrReplay) {
			return []Problem{{Table: "views", Key: "log", What: "replaying the log", Expected: "every record usable", Found: err.Error()}}, nil
		}
		return nil, err
	}
	var wants []store.ViewRecord
	want.Scan(func(r store.ViewRecord) error { wants = append(wants, r); return nil })
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
		return out, err
	}
	for ; i < len(wants) && len(out) < limit; i++ {
		out = append(out, missing(wants[i]))
	}
	return out, nil
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
	}
	return "?", ""
}

// order compares two rows in ScanViews order.
func order(a, b store.ViewRecord) int {
	rank := map[string]int{"incident": 0, "redirect": 1, "framing": 2}
	ta, ka := ident(a)
	tb, kb := ident(b)
	if ta != tb {
		return rank[ta] - rank[tb]
	}
	return strings.Compare(ka, kb)
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
			{"member rows", a.Members, b.Members}, {"actor rows", a.Actors, b.Actors}, {"blocks", a.Blocks, b.Blocks}, {"columns", a.Row, b.Row},
		}
		// The incident itself, field by field, first: it is what users see.
		wf, gf := fields(a.Incident), fields(b.Incident)
		names := make([]string, 0, len(wf))
		for n := range wf {
			names = append(names, n)
		}
		for n := range gf {
			if _, ok := wf[n]; !ok {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		for _, n := range names {
			if !bytes.Equal(wf[n], gf[n]) {
				p.What, p.Expected, p.Found = "incident "+n, clip(wf[n]), clip(gf[n])
				return p, true
			}
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
	}
	return p, false
}

func fields(inc consolidate.Incident) map[string]json.RawMessage {
	b, _ := json.Marshal(inc)
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	return m
}

func clip(b []byte) string {
	const n = 300
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
