package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParseEdgeSpeakers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []EdgeSpeaker
		ok   bool
	}{
		{`[]`, nil, true},
		{` [ ] `, nil, true},
		{`[["group-1",3,2]]`, []EdgeSpeaker{{"group-1", 3, 2}}, true},
		{`[["a", 10, 4], ["b", 1, 1]]`, []EdgeSpeaker{{"a", 10, 4}, {"b", 1, 1}}, true},
		{`[["say \"x\" \u00e9",1,1]]`, []EdgeSpeaker{{`say "x" é`, 1, 1}}, true},
		{`[["a",1,1],]`, nil, false},
		{`[["a",1]]`, nil, false},
		{`[["a","1",1]]`, nil, false},
		{`[["a",1,1]] x`, nil, false},
		{`[[1,1,1]]`, nil, false},
		{`[["a",1.5,1]]`, nil, false},
		{`[["a`, nil, false},
		{``, nil, false},
	} {
		got, err := ParseEdgeSpeakers([]byte(tc.in))
		if (err == nil) != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, %v; want %v (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// FuzzParseEdgeSpeakers checks the parser against encoding/json on the
// inputs both accept.
func FuzzParseEdgeSpeakers(f *testing.F) {
	for _, s := range []string{`[]`, `[["a",1,2]]`, `[["a\"b",1,2],["c",-3,4]]`, `[ ["x" , 1 , 2 ] ]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseEdgeSpeakers(b)
		if err != nil {
			return
		}
		var list [][3]json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil {
			t.Fatalf("%q parsed as %v, but is not JSON: %v", b, got, err)
		}
		if len(list) != len(got) {
			t.Fatalf("%q: %d speakers, JSON has %d", b, len(got), len(list))
		}
		for i, s := range list {
			var x EdgeSpeaker
			if json.Unmarshal(s[0], &x.ID) != nil || json.Unmarshal(s[1], &x.Claims) != nil || json.Unmarshal(s[2], &x.Documents) != nil || x != got[i] {
				t.Fatalf("%q: speaker %d is %+v, JSON says %s", b, i, got[i], s)
			}
		}
	})
}
