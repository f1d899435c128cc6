package custody

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"sitrep/internal/store"
)

// shown compares the events and claims the store shows for document doc
// with those recomputed from its checked extraction result d, the
// document and its edits, and names the first field of each row that
// differs.
func (v *verifier) shown(d store.Derived, doc store.Document) error {
	mismatch := func(table, key, what, exp, found string) {
		v.problem(&Mismatch{Index: d.LogIndex, Table: table, Kind: store.RecordDerived, Subject: key, What: what, Expected: exp, Found: found})
	}

	wantEvents := store.ShownEvents(doc, d.Result, v.edits)
	gotEvents := map[string]store.Event{}
	if err := v.st.ScanEvents(v.ctx, store.EventFilter{DocID: d.DocID, IncludeRejected: true}, func(e store.Event) error {
		gotEvents[e.Key] = e
		return nil
	}); err != nil {
		return err
	}
	for _, w := range wantEvents {
		v.rep.Events++
		g, ok := gotEvents[w.Key]
		if !ok {
			mismatch("events", w.Key, "event of the extraction result not shown", "present", "missing")
			continue
		}
		delete(gotEvents, w.Key)
		// The version is a digest of what is shown: it must be that of
		// the event shown, and is otherwise compared through it.
		if g.Version != "" && g.Version != store.EventVersion(g) {
			mismatch("events", w.Key, "version", store.EventVersion(g), g.Version)
		}
		g.Version = ""
		if path, exp, found, differ := diffJSON(w, g); differ {
			mismatch("events", w.Key, path, exp, found)
		}
	}
	for _, k := range sortedKeys(gotEvents) {
		mismatch("events", k, "event shown that the extraction result does not have", "absent", "present")
	}

	wantClaims := store.ShownClaims(doc, d.Result)
	gotClaims := map[string]store.Claim{}
	if err := v.st.ScanClaims(v.ctx, store.ClaimFilter{DocID: d.DocID}, func(c store.Claim) error {
		gotClaims[c.Key] = c
		return nil
	}); err != nil {
		return err
	}
	for _, w := range wantClaims {
		v.rep.Claims++
		g, ok := gotClaims[w.Key]
		if !ok {
			mismatch("claims", w.Key, "claim of the extraction result not shown", "present", "missing")
			continue
		}
		delete(gotClaims, w.Key)
		if path, exp, found, differ := diffJSON(w, g); differ {
			mismatch("claims", w.Key, path, exp, found)
		}
	}
	for _, k := range sortedKeys(gotClaims) {
		mismatch("claims", k, "claim shown that the extraction result does not have", "absent", "present")
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// diffJSON compares two values as their JSON shows them and names the
// first field that differs ("event.killed.best"), with both values.
func diffJSON(want, got any) (path, expected, found string, differ bool) {
	wb, err1 := json.Marshal(want)
	gb, err2 := json.Marshal(got)
	if err1 != nil || err2 != nil {
		return "(encoding)", fmt.Sprint(err1), fmt.Sprint(err2), true
	}
	if string(wb) == string(gb) {
		return "", "", "", false
	}
	var w, g any
	json.Unmarshal(wb, &w)
	json.Unmarshal(gb, &g)
	path, w, g = firstDiff("", w, g)
	return path, clipJSON(w), clipJSON(g), true
}

func firstDiff(path string, w, g any) (string, any, any) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			break
		}
		for _, k := range sortedKeys(wv) {
			if gx, ok := gv[k]; !ok {
				return join(k), wv[k], "(absent)"
			} else if !same(wv[k], gx) {
				return firstDiff(join(k), wv[k], gx)
			}
		}
		for _, k := range sortedKeys(gv) {
			if _, ok := wv[k]; !ok {
				return join(k), "(absent)", gv[k]
			}
		}
	case []any:
		gv, ok := g.([]any)
		if !ok || len(gv) != len(wv) {
			break
		}
		for i := range wv {
			if !same(wv[i], gv[i]) {
				return firstDiff(join(strconv.Itoa(i)), wv[i], gv[i])
			}
		}
	}
	if path == "" {
		path = "(value)"
	}
	return path, w, g
}

func same(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// clipJSON shows a value compactly, cut to a length a message can hold.
func clipJSON(v any) string {
	if s, ok := v.(string); ok && (s == "(absent)") {
		return s
	}
	b, _ := json.Marshal(v)
	const max = 160
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
