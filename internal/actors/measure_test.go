package actors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestMeasureShared reports how many gold actors of the shared evaluation
// files Find marks. It reads files under /work/shared only, never copies
// them, and skips when they are absent. Run with -run Measure -v.
func TestMeasureShared(t *testing.T) {
	root := os.Getenv("SITREP_SHARED")
	if root == "" {
		root = "/work/shared"
	}
	if _, err := os.Stat(filepath.Join(root, "gold")); err != nil {
		t.Skip("shared evaluation files absent")
	}
	kb := Default()
	fold := func(s string) string {
		return strings.ToLower(strings.NewReplacer("’", "'", ".", "").Replace(strings.TrimSpace(s)))
	}
	marked := func(text string, aliases []string) bool {
		ms := kb.Find(text)
		for _, m := range ms {
			mt := fold(m.Text)
			for _, a := range aliases {
				if mt == fold(a) {
					return true
				}
			}
		}
		return false
	}
	present := func(text string, aliases []string) bool {
		lt := strings.ToLower(text)
		for _, a := range aliases {
			if strings.Contains(lt, strings.ToLower(a)) {
				return true
			}
		}
		return false
	}
	// seeds
	golds, _ := filepath.Glob(filepath.Join(root, "gold", "*.json"))
	var all, named, hitAll, hitNamed int
	var missed []string
	for _, g := range golds {
		var d struct {
			Doc    string              `json:"doc"`
			Actors map[string][]string `json:"actors"`
		}
		b, _ := os.ReadFile(g)
		if json.Unmarshal(b, &d) != nil {
			continue
		}
		tb, err := os.ReadFile(filepath.Join(root, "corpus", "seeds", d.Doc))
		if err != nil {
			continue
		}
		text := string(tb)
		for k, as := range d.Actors {
			all++
			isNamed := false
			for _, a := range as {
				if a != "" && a[0] >= 'A' && a[0] <= 'Z' && present(text, []string{a}) {
					isNamed = true
				}
			}
			ok := marked(text, as)
			if ok {
				hitAll++
			}
			if isNamed {
				named++
				if ok {
					hitNamed++
				} else {
					missed = append(missed, d.Doc[:3]+":"+k)
				}
			}
		}
	}
	t.Logf("seeds: %d/%d gold actor keys marked (%.1f%%); named actors %d/%d (%.1f%%)", hitAll, all, pct(hitAll, all), hitNamed, named, pct(hitNamed, named))
	sort.Strings(missed)
	t.Logf("seeds named misses: %v", missed)

	// GTD perpetrators
	gtd := filepath.Join(root, "evaldata", "gtd")
	gfiles, _ := filepath.Glob(filepath.Join(gtd, "gold", "*.json"))
	var keys, inText, hit int
	miss := map[string]int{}
	for _, g := range gfiles {
		var d struct {
			Doc    string `json:"doc"`
			Events []struct {
				Perpetrator *string `json:"perpetrator"`
			} `json:"events"`
			Actors map[string][]string `json:"actors"`
		}
		b, _ := os.ReadFile(g)
		if json.Unmarshal(b, &d) != nil {
			continue
		}
		tb, err := os.ReadFile(filepath.Join(gtd, "texts", d.Doc))
		if err != nil {
			continue
		}
		text := string(tb)
		seen := map[string]bool{}
		for _, e := range d.Events {
			if e.Perpetrator == nil || *e.Perpetrator == "" || seen[*e.Perpetrator] {
				continue
			}
			k := *e.Perpetrator
			seen[k] = true
			keys++
			as := d.Actors[k]
			if !present(text, as) {
				continue
			}
			inText++
			if marked(text, as) {
				hit++
			} else {
				miss[k]++
			}
		}
	}
	t.Logf("gtd perpetrators: %d keys, %d with an alias in the text, %d marked (%.1f%% of those in text, %.1f%% of all)", keys, inText, hit, pct(hit, inText), pct(hit, keys))
	type kv struct {
		k string
		n int
	}
	var ms []kv
	for k, n := range miss {
		ms = append(ms, kv{k, n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].n > ms[j].n || ms[i].n == ms[j].n && ms[i].k < ms[j].k })
	if len(ms) > 40 {
		ms = ms[:40]
	}
	t.Logf("gtd misses: %v", ms)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
