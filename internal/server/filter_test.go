package server

import (
	"net/url"
	"testing"

	"sitrep"
)

func TestEventFilter(t *testing.T) {
	for _, tc := range []struct {
		query string
		ok    bool
	}{
		{"", true},
		{"type=bombing&since=2024-01-01&until=2024-12-31&limit=50&offset=100", true},
		{"type=riot", false},
		{"since=2024-13-01", false},
		{"until=yesterday", false},
		{"near=30.2,67,25", true},
		{"near=30.2,67", false},
		{"near=95,67,25", false},
		{"near=30,190,25", false},
		{"near=30,67,-1", false},
		{"near=a,b,c", false},
		{"limit=0", false},
		{"limit=1001", false},
		{"limit=x", false},
		{"offset=-1", false},
		{"order=asc&rejected=true", true},
		{"language=ur", true},
		{"language=EN", false},
		{"language=english", false},
	} {
		q, _ := url.ParseQuery(tc.query)
		f, err := eventFilter(q)
		if (err == nil) != tc.ok {
			t.Errorf("%q: %+v, %v", tc.query, f, err)
		}
	}
}

// FuzzEventFilter: whatever the query string, the filter either is refused
// with a message or is within bounds.
func FuzzEventFilter(f *testing.F) {
	for _, s := range []string{"type=bombing&limit=10", "near=30.1,67.0,5", "since=2024-01-01&offset=3", "near=NaN,NaN,NaN", "limit=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		ef, err := eventFilter(q)
		if err != nil {
			if _, ok := err.(filterError); !ok || err.Error() == "" {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if ef.Limit < 1 || ef.Limit > maxPage || ef.Offset < 0 {
			t.Fatalf("page out of bounds: %+v", ef)
		}
		if ef.Type != "" && !oneOf(ef.Type, sitrep.EventTypes) {
			t.Fatalf("type %q let through", ef.Type)
		}
		if n := ef.Near; n != nil && !(n.Lat >= -90 && n.Lat <= 90 && n.Lon >= -180 && n.Lon <= 180 && n.KM > 0) {
			t.Fatalf("near out of bounds: %+v", n)
		}
	})
}
