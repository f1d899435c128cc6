package server

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/corpus"
	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/storetest"
)

// The map's counts by point, read from the store's counts (with dates=start
// taking away the incidents that begin before since, several types, the
// approximate places left out), are those of the incidents' rows.
func TestPointCountsAreTheRows(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	storetest.Load(t, st)
	s := New(Config{Corpus: corpus.New(st, nil)})
	for _, query := range []string{
		"",
		"type=bombing,abduction,arrest",
		"approx=hide",
		// the August disappearance spans the month: it overlaps the
		// 20th but does not begin then
		"since=2025-08-20&dates=start",
		"since=2025-08-01&until=2025-09-02&dates=start",
		"until=2025-09-02&dates=start",
		"place=Balochistan&since=2025-08-02&dates=start",
		"review=unreviewed",
	} {
		v, _ := url.ParseQuery(query)
		q, err := parseIncidentQuery(v)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := s.pointCounts(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		var rows store.PointCounter
		n, err := s.eachRow(ctx, q, rows.Add)
		if err != nil {
			t.Fatal(err)
		}
		got, want := pointsText(counts), pointsText(rows.Counts())
		if got != want || n == 0 && query == "" {
			t.Errorf("%q: counts %s\nwant %s (the %d matching rows)", query, got, want, n)
		}
	}
}

func pointsText(cs []store.PointCount) string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%v %g,%g %v %s %d %d", c.Located, c.Lat, c.Lon, c.Approximate, c.Type, c.Incidents, c.Killed))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}
