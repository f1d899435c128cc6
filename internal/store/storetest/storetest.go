package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/store"
)

// Opener returns a new, empty store; the suite closes it.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against the backend open makes.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"Originals", testOriginals},
		{"Documents", testDocuments},
		{"EventFilters", testEventFilters},
		{"LanguageFilter", testLanguageFilter},
		{"EventErrors", testEventErrors},
		{"Edits", testEdits},
		{"Reextraction", testReextraction},
		{"Decisions", testDecisions},
		{"Claims", testClaims},
		{"Actors", testActors},
		{"Search", testSearch},
		{"SoftHyphens", testSoftHyphens},
		{"Dossier", testDossier},
		{"BatchAtomic", testBatchAtomic},
		{"BatchRepeats", testBatchRepeats},
		{"Log", testLog},
		{"Scans", testScans},
		{"Concurrent", testConcurrent},
		{"Closed", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

// Load stores the fixture corpus in s, with c linked as a copy of a.
func Load(t testing.TB, s store.Store) []Doc {
	t.Helper()
	docs := Corpus()
	var items []store.Item
	for _, d := range docs {
		items = append(items, d.Item())
	}
	ctx := context.Background()
	if err := s.PutBatch(ctx, items); err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	if err := s.PutLink(ctx, store.Link{DocID: docs[2].ID(), CopyOf: docs[0].ID(), Similarity: 0.9, Method: "minhash"}); err != nil {
		t.Fatalf("PutLink: %v", err)
	}
	return docs
}

func keys(evs []store.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Key
	}
	return out
}

func logSize(t *testing.T, s store.Store) int64 {
	t.Helper()
	n, err := s.LogSize(context.Background())
	if err != nil {
		t.Fatalf("LogSize: %v", err)
	}
	return n
}

func testOriginals(t *testing.T, s store.Store) {
	ctx := context.Background()
	raw := []byte("<p>Quetta report</p>")
	o, err := s.PutOriginal(ctx, store.Original{Source: "/in/x.html", Outlet: "Dawn", Published: "2025-01-02", Title: "X", ContentType: "text/html"}, raw)
	if err != nil {
		t.Fatalf("PutOriginal: %v", err)
	}
	if o.Hash != store.HashBytes(raw) || o.Size != int64(len(raw)) || o.CapturedAt.IsZero() {
		t.Errorf("PutOriginal = %+v; want hash, size and capture time filled in", o)
	}
	n := logSize(t, s)
	again, err := s.PutOriginal(ctx, store.Original{Source: "/elsewhere"}, raw)
	if err != nil || again != o || logSize(t, s) != n {
		t.Errorf("storing the same bytes again = %+v, %v (log %d -> %d); want the first original, no new record", again, err, n, logSize(t, s))
	}
	got, err := s.Original(ctx, o.Hash)
	if err != nil || got != o {
		t.Errorf("Original = %+v, %v; want %+v", got, err, o)
	}
	many, err := s.Originals(ctx, []string{o.Hash, store.HashBytes([]byte("nothing")), o.Hash})
	if err != nil || len(many) != 1 || many[o.Hash] != o {
		t.Errorf("Originals(stored, missing, stored again) = %+v, %v; want the stored one alone", many, err)
	}
	rc, err := s.OpenOriginal(ctx, o.Hash)
	if err != nil {
		t.Fatalf("OpenOriginal: %v", err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(b, raw) {
		t.Errorf("OpenOriginal bytes = %q; want %q", b, raw)
	}
	empty, err := s.PutOriginal(ctx, store.Original{Source: "empty"}, nil)
	if err != nil || empty.Size != 0 {
		t.Errorf("empty original: %+v, %v", empty, err)
	}
	if _, err := s.PutOriginal(ctx, store.Original{Hash: store.HashBytes([]byte("other"))}, raw); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("wrong hash: err = %v; want ErrInvalid", err)
	}
	if _, err := s.PutOriginal(ctx, store.Original{Published: "Sept 3"}, raw); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad published date: err = %v; want ErrInvalid", err)
	}
	if _, err := s.Original(ctx, store.HashBytes([]byte("nothing"))); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing original: err = %v; want ErrNotFound", err)
	}
	if _, err := s.OpenOriginal(ctx, store.HashBytes([]byte("nothing"))); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing original bytes: err = %v; want ErrNotFound", err)
	}
}

func testDocuments(t *testing.T, s store.Store) {
	ctx := context.Background()
	raw := []byte("Body text.")
	id := store.HashBytes(raw)
	if _, err := s.PutDocument(ctx, store.Document{ID: id, Text: "Body text."}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("document without original: err = %v; want ErrNotFound", err)
	}
	if _, err := s.PutOriginal(ctx, store.Original{Source: "x"}, raw); err != nil {
		t.Fatal(err)
	}
	d, err := s.PutDocument(ctx, store.Document{ID: id, Text: "Body text.", Title: "T", Outlet: "O", Published: "2025-02-03", URL: "https://o.example/t", Language: "en"})
	if err != nil {
		t.Fatalf("PutDocument: %v", err)
	}
	if d.TextHash != store.HashBytes([]byte("Body text.")) || d.StoredAt.IsZero() {
		t.Errorf("PutDocument = %+v; want text hash and time", d)
	}
	got, err := s.Document(ctx, id)
	if err != nil || got != d {
		t.Errorf("Document = %+v, %v; want %+v", got, err, d)
	}
	n := logSize(t, s)
	if _, err := s.PutDocument(ctx, store.Document{ID: id, Text: "Body text.", Title: "T", Outlet: "O", Published: "2025-02-03", URL: "https://o.example/t", Language: "en"}); err != nil || logSize(t, s) != n {
		t.Errorf("same document again: %v, log %d -> %d; want no new record", err, n, logSize(t, s))
	}
	if _, err := s.PutDocument(ctx, store.Document{ID: id, Text: "Body text, re-read.", Title: "T2"}); err != nil || logSize(t, s) != n+1 {
		t.Errorf("changed document: %v, log %d -> %d; want one new record", err, n, logSize(t, s))
	}
	if got, _ := s.Document(ctx, id); got.Text != "Body text, re-read." || got.Title != "T2" {
		t.Errorf("changed document reads %+v", got)
	}
	if hits, err := s.Search(ctx, "re-read", 10); err != nil || len(hits) != 1 {
		t.Errorf("search after change: %v, %v; want the document", hits, err)
	}
	if hits, err := s.Search(ctx, `"Body text."`, 10); err != nil || len(hits) != 1 {
		t.Errorf("search phrase: %v, %v", hits, err)
	}
	if _, err := s.PutDocument(ctx, store.Document{ID: "abc", Text: "x"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad id: err = %v; want ErrInvalid", err)
	}
	if _, err := s.Document(ctx, store.HashBytes([]byte("none"))); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing: err = %v; want ErrNotFound", err)
	}
	if err := s.ReplaceDerived(ctx, store.HashBytes([]byte("none")), sitrep.Result{}, "v"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("derived for missing document: err = %v; want ErrNotFound", err)
	}
}

func testEventFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a, b, c, d := docs[0], docs[1], docs[2], docs[3]
	quetta := &store.Near{Lat: 30.18, Lon: 67.0, KM: 50}
	cases := []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"all newest first", store.EventFilter{}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1"), b.Key("e1"), d.Key("e1"), b.Key("e2")}},
		{"oldest first", store.EventFilter{Order: store.OldestFirst}, []string{b.Key("e2"), d.Key("e1"), b.Key("e1"), a.Key("e1"), c.Key("e1"), a.Key("e2")}},
		{"type", store.EventFilter{Type: sitrep.Bombing}, []string{c.Key("e1"), a.Key("e1")}},
		{"since overlaps ranges", store.EventFilter{Since: "2025-08-15"}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1"), b.Key("e1")}},
		{"until", store.EventFilter{Until: "2025-08-15"}, []string{b.Key("e1"), d.Key("e1")}},
		{"since and until", store.EventFilter{Since: "2025-09-02", Until: "2025-09-02"}, []string{c.Key("e1"), a.Key("e1")}},
		{"place name", store.EventFilter{Place: "quetta"}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1")}},
		{"place admin1", store.EventFilter{Place: "Balochistan"}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1"), b.Key("e1"), b.Key("e2")}},
		{"place country", store.EventFilter{Place: "fr"}, []string{d.Key("e1")}},
		{"near 50 km", store.EventFilter{Near: quetta}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1")}},
		{"near 700 km", store.EventFilter{Near: &store.Near{Lat: 30.18, Lon: 67.0, KM: 700}}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1"), b.Key("e1")}},
		{"near nothing", store.EventFilter{Near: &store.Near{Lat: -40, Lon: 170, KM: 10}}, nil},
		// Quetta lies inside both circles' bounding boxes, 88 km from
		// their centre: the exact distance decides.
		{"near 95 km, box corner", store.EventFilter{Near: &store.Near{Lat: 29.58, Lon: 66.4, KM: 95}}, []string{a.Key("e2"), c.Key("e1"), a.Key("e1")}},
		{"near 80 km, box corner", store.EventFilter{Near: &store.Near{Lat: 29.58, Lon: 66.4, KM: 80}}, nil},
		{"actor id", store.EventFilter{Actor: "islamic-state"}, []string{c.Key("e1"), a.Key("e1")}},
		{"actor alias substring", store.EventFilter{Actor: "daes"}, []string{c.Key("e1"), a.Key("e1")}},
		{"actor name used", store.EventFilter{Actor: "frontier"}, []string{b.Key("e1")}},
		{"actor without id", store.EventFilter{Actor: "checkpost"}, []string{b.Key("e2")}},
		{"text", store.EventFilter{Text: "bomber"}, []string{c.Key("e1"), a.Key("e1")}},
		{"text phrase", store.EventFilter{Text: `"political rally" 15`}, []string{a.Key("e1")}},
		{"text prefix", store.EventFilter{Text: "disappear*"}, []string{b.Key("e1")}},
		{"text newest first", store.EventFilter{Text: "said"}, []string{c.Key("e1"), b.Key("e1")}},
		{"text oldest first", store.EventFilter{Text: "said", Order: store.OldestFirst}, []string{b.Key("e1"), c.Key("e1")}},
		{"text page", store.EventFilter{Text: "said", Limit: 1, Offset: 1}, []string{b.Key("e1")}},
		{"text and dates", store.EventFilter{Text: "said", Until: "2025-09-01"}, []string{b.Key("e1")}},
		{"text undated", store.EventFilter{Text: "checkpost"}, []string{b.Key("e2")}},
		{"text no operators", store.EventFilter{Text: "quetta OR paris"}, nil},
		{"document", store.EventFilter{DocID: b.ID()}, []string{b.Key("e1"), b.Key("e2")}},
		{"combined", store.EventFilter{Type: sitrep.Bombing, Since: "2025-09-01", Near: quetta, Actor: "islamic", Text: "rally"}, []string{c.Key("e1"), a.Key("e1")}},
		{"page", store.EventFilter{Limit: 2, Offset: 1}, []string{c.Key("e1"), a.Key("e1")}},
		{"page past end", store.EventFilter{Offset: 10}, nil},
	}
	for _, tc := range cases {
		got, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: Events: %v", tc.name, err)
			continue
		}
		if !slices.Equal(keys(got), tc.want) {
			t.Errorf("%s: Events = %v\nwant %v", tc.name, names(docs, keys(got)), names(docs, tc.want))
		}
	}
	evs, _ := s.Events(ctx, store.EventFilter{DocID: a.ID(), Type: sitrep.Bombing})
	if len(evs) != 1 {
		t.Fatalf("want one event, got %d", len(evs))
	}
	e := evs[0]
	if e.DocID != a.ID() || e.Outlet != "Dawn" || e.Published != "2025-09-03" || e.Title == "" || e.Edited || e.Review != "" {
		t.Errorf("event metadata = %+v", e)
	}
	if e.Event.Killed == nil || *e.Event.Killed.Best != 15 || e.Event.Place.Lat == nil || len(e.Event.Evidence) != 1 ||
		e.Event.Evidence[0].Start == 0 || len(e.Event.ClaimedBy) != 1 {
		t.Errorf("event content not kept: %+v", e.Event)
	}
	var all []string
	if err := s.ScanEvents(ctx, store.EventFilter{}, func(e store.Event) error { all = append(all, e.Key); return nil }); err != nil || len(all) != 6 {
		t.Errorf("ScanEvents = %d events, %v; want 6", len(all), err)
	}
	stop := errors.New("stop")
	if err := s.ScanEvents(ctx, store.EventFilter{}, func(store.Event) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("ScanEvents callback error = %v; want it returned", err)
	}
}

// names shortens keys to "a#e1" for messages.
func names(docs []Doc, ks []string) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k
		for _, d := range docs {
			if id, ok := strings.CutPrefix(k, d.ID()); ok {
				out[i] = d.Name + id
			}
		}
	}
	return out
}

func testEventErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, f := range []store.EventFilter{
		{Type: "riot"}, {Since: "2025-13-01"}, {Since: "2025-02-01", Until: "2025-01-01"},
		{Near: &store.Near{Lat: 91, Lon: 0, KM: 1}}, {Near: &store.Near{Lat: 0, Lon: 0, KM: 0}},
		{Limit: -1}, {Order: "sideways"}, {Text: "  ,, "},
	} {
		if _, err := s.Events(ctx, f); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Events(%+v) err = %v; want ErrInvalid", f, err)
		}
	}
	if _, err := s.Event(ctx, "no-hash"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Event(bad key) err = %v; want ErrInvalid", err)
	}
	if _, err := s.Event(ctx, store.Key(store.HashBytes(nil), "e1")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(missing) err = %v; want ErrNotFound", err)
	}
	if _, err := s.Search(ctx, "", 10); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Search(empty) err = %v; want ErrInvalid", err)
	}
}

func testEdits(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	add := func(e store.Edit) store.Edit {
		t.Helper()
		got, err := s.AddEdit(ctx, e)
		if err != nil {
			t.Fatalf("AddEdit(%+v): %v", e, err)
		}
		return got
	}
	n := logSize(t, s)
	e1 := add(store.Edit{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "16", Who: "ana", Note: "hospital list"})
	if e1.ID == 0 || e1.At.IsZero() || e1.LogIndex != n {
		t.Errorf("AddEdit = %+v; want id, time and log index %d", e1, n)
	}
	add(store.Edit{EventKey: a.Key("e2"), Status: store.EditReject, Who: "ana"})
	add(store.Edit{EventKey: b.Key("e2"), Status: store.EditValue, Field: store.FieldDate, Value: "2025-08-20", Who: "ben"})
	add(store.Edit{EventKey: b.Key("e1"), Status: store.EditValue, Field: store.FieldType, Value: sitrep.Arrest, Who: "ben"})
	add(store.Edit{EventKey: b.Key("e1"), Status: store.EditConfirm, Who: "ana"})

	got, _ := s.Events(ctx, store.EventFilter{DocID: a.ID()})
	if !slices.Equal(keys(got), []string{a.Key("e1")}) {
		t.Errorf("rejected event still listed: %v", keys(got))
	}
	got, _ = s.Events(ctx, store.EventFilter{DocID: a.ID(), IncludeRejected: true})
	if len(got) != 2 || got[0].Review != store.ReviewRejected {
		t.Errorf("IncludeRejected = %+v", got)
	}
	if got[1].Event.Killed == nil || *got[1].Event.Killed.Best != 16 || !got[1].Edited {
		t.Errorf("edited killed = %+v (edited %v); want 16", got[1].Event.Killed, got[1].Edited)
	}
	got, _ = s.Events(ctx, store.EventFilter{Until: "2025-08-25", Since: "2025-08-19"})
	if !slices.Equal(keys(got), []string{b.Key("e2"), b.Key("e1")}) {
		t.Errorf("date edit not used by filters: %v", names(docs, keys(got)))
	}
	got, _ = s.Events(ctx, store.EventFilter{Type: sitrep.Arrest})
	if !slices.Equal(keys(got), []string{b.Key("e1")}) || got[0].Review != store.ReviewConfirmed {
		t.Errorf("type edit: %+v", got)
	}
	// The full-text index follows the edited date too.
	for _, f := range []store.EventFilter{{Text: "checkpost", Since: "2025-08-19"}, {Text: "checkpost", Until: "2025-08-20", DocID: b.ID()}} {
		if got, _ = s.Events(ctx, f); !slices.Equal(keys(got), []string{b.Key("e2")}) {
			t.Errorf("text %+v after a date edit: %v", f, names(docs, keys(got)))
		}
	}
	// Actor links follow the edited date.
	got, _ = s.Events(ctx, store.EventFilter{Actor: "baloch-liberation-army", Since: "2025-08-20"})
	if !slices.Equal(keys(got), []string{b.Key("e2")}) {
		t.Errorf("actor + edited date: %v", names(docs, keys(got)))
	}
	for _, bad := range []store.Edit{
		{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldType, Value: "riot", Who: "x"},
		{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "many", Who: "x"},
		{EventKey: a.Key("e1"), Status: store.EditValue, Field: "colour", Value: "red", Who: "x"},
		{EventKey: a.Key("e1"), Status: "maybe", Who: "x"},
		{EventKey: a.Key("e1"), Status: store.EditConfirm},
		{EventKey: "nokey", Status: store.EditConfirm, Who: "x"},
	} {
		if _, err := s.AddEdit(ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("AddEdit(%+v) err = %v; want ErrInvalid", bad, err)
		}
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e9"), Status: store.EditConfirm, Who: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit of missing event: err = %v; want ErrNotFound", err)
	}
	eds, err := s.Edits(ctx, store.EditFilter{DocID: b.ID()})
	if err != nil || len(eds) != 3 {
		t.Errorf("Edits(doc b) = %d, %v; want 3", len(eds), err)
	}
	eds, _ = s.Edits(ctx, store.EditFilter{Who: "ana"})
	if len(eds) != 3 || eds[0].Note != "hospital list" || eds[0].ID >= eds[1].ID {
		t.Errorf("Edits(who ana) = %+v", eds)
	}
}

func testReextraction(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a := docs[0]
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "16", Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e2"), Status: store.EditReject, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	n := logSize(t, s)
	if err := s.ReplaceDerived(ctx, a.ID(), a.Result, "test-1"); err != nil || logSize(t, s) != n {
		t.Errorf("same result again: %v, log %d -> %d; want a no-op", err, n, logSize(t, s))
	}
	// A new extractor finds the bombing again, with another figure, and
	// loses the arrest; the claim is gone too.
	r := a.Result
	ev := r.Events[0]
	ev.Killed = count(17, "17 people")
	r.Events = []sitrep.Event{ev}
	r.Claims = nil
	if err := s.ReplaceDerived(ctx, a.ID(), r, "test-2"); err != nil {
		t.Fatalf("ReplaceDerived: %v", err)
	}
	if logSize(t, s) != n+1 {
		t.Errorf("re-extraction added %d records; want 1", logSize(t, s)-n)
	}
	got, _ := s.Events(ctx, store.EventFilter{DocID: a.ID(), IncludeRejected: true})
	if len(got) != 1 || *got[0].Event.Killed.Best != 16 {
		t.Errorf("after re-extraction: %+v; want the bombing with the analyst's 16", got)
	}
	der, err := s.Derived(ctx, a.ID())
	if err != nil || der.ExtractorVersion != "test-2" || *der.Result.Events[0].Killed.Best != 17 {
		t.Errorf("Derived keeps the extraction as extracted: %+v, %v", der, err)
	}
	if cl, _ := s.Claims(ctx, store.ClaimFilter{DocID: a.ID()}); len(cl) != 0 {
		t.Errorf("old claims survive re-extraction: %v", cl)
	}
	if eds, _ := s.Edits(ctx, store.EditFilter{EventKey: a.Key("e2")}); len(eds) != 1 {
		t.Errorf("edit of a vanished event must stay on record: %v", eds)
	}
	acts, _ := s.Actors(ctx, store.ActorFilter{ID: "balochistan-police"})
	if len(acts) != 1 || acts[0].Events != 0 {
		t.Errorf("actor counters after re-extraction: %+v", acts)
	}
	// The arrest comes back: its rejection applies again.
	if err := s.ReplaceDerived(ctx, a.ID(), a.Result, "test-3"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Events(ctx, store.EventFilter{DocID: a.ID(), IncludeRejected: true})
	if len(got) != 2 || got[0].Review != store.ReviewRejected || *got[1].Event.Killed.Best != 16 {
		t.Errorf("edits re-applied: %+v", got)
	}
	acts, _ = s.Actors(ctx, store.ActorFilter{ID: "islamic-state"})
	if len(acts) != 1 || acts[0].Events != 2 || acts[0].Documents != 3 || acts[0].Mentions != 4 {
		t.Errorf("islamic-state after re-extractions = %+v; want 2 events, 3 documents, 4 mentions", acts)
	}
	bad := sitrep.Result{Events: []sitrep.Event{{ID: "x"}, {ID: "x"}}}
	if err := s.ReplaceDerived(ctx, a.ID(), bad, "v"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("duplicate event ids: err = %v; want ErrInvalid", err)
	}
}

func testClaims(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	cases := []struct {
		name string
		f    store.ClaimFilter
		want []string
	}{
		{"all, newest document first", store.ClaimFilter{}, []string{a.Key("c1"), b.Key("c1")}},
		{"speaker", store.ClaimFilter{Speaker: "families forum"}, []string{b.Key("c1")}},
		{"relation", store.ClaimFilter{Relation: sitrep.Supports}, []string{b.Key("c1")}},
		{"actor as object", store.ClaimFilter{Actor: "islamic-state"}, []string{a.Key("c1"), b.Key("c1")}},
		{"actor as subject", store.ClaimFilter{Actor: "pakistan army"}, []string{b.Key("c1")}},
		{"text", store.ClaimFilter{Text: "backing"}, []string{b.Key("c1")}},
		{"since", store.ClaimFilter{Since: "2025-09-02"}, []string{a.Key("c1")}},
		{"until", store.ClaimFilter{Until: "2025-09-02"}, []string{b.Key("c1")}},
		{"document", store.ClaimFilter{DocID: a.ID()}, []string{a.Key("c1")}},
		{"page", store.ClaimFilter{Limit: 1, Offset: 1}, []string{b.Key("c1")}},
	}
	for _, tc := range cases {
		got, err := s.Claims(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var ks []string
		for _, c := range got {
			ks = append(ks, c.Key)
		}
		if !slices.Equal(ks, tc.want) {
			t.Errorf("%s: Claims = %v; want %v", tc.name, names(docs, ks), names(docs, tc.want))
		}
	}
	got, _ := s.Claims(ctx, store.ClaimFilter{DocID: b.ID()})
	if len(got) != 1 || got[0].Claim.Relation == nil || got[0].Claim.Relation.Object.Name != "Daesh" || got[0].Outlet != "Example Daily News" {
		t.Errorf("claim content = %+v", got)
	}
	n := 0
	if err := s.ScanClaims(ctx, store.ClaimFilter{}, func(store.Claim) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("ScanClaims = %d, %v", n, err)
	}
}

func testActors(t *testing.T, s store.Store) {
	ctx := context.Background()
	Load(t, s)
	all, err := s.Actors(ctx, store.ActorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || all[0].ID != "islamic-state" {
		t.Fatalf("Actors: want islamic-state first (most mentions), got %+v", all)
	}
	is := all[0]
	want := store.Actor{ID: "islamic-state", Name: "Islamic State", Type: sitrep.ArmedGroup,
		Aliases: []string{"Daesh", "The Islamic State group"}, Mentions: 4, Documents: 3, Events: 2}
	if fmt.Sprint(is) != fmt.Sprint(want) {
		t.Errorf("islamic-state = %+v\nwant %+v", is, want)
	}
	ids := func(as []store.Actor) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	if got, _ := s.Actors(ctx, store.ActorFilter{Name: "BLA"}); !slices.Equal(ids(got), []string{"baloch-liberation-army"}) {
		t.Errorf("by alias: %v", ids(got))
	}
	if got, _ := s.Actors(ctx, store.ActorFilter{Type: sitrep.StateForce}); !slices.Equal(ids(got), []string{"balochistan-police", "frontier-corps", "pakistan-army"}) {
		t.Errorf("by type: %v", ids(got))
	}
	if got, _ := s.Actors(ctx, store.ActorFilter{Name: "checkpost"}); !slices.Equal(ids(got), []string{"name:checkpost"}) || got[0].Events != 1 {
		t.Errorf("actor without id: %+v", got)
	}
	if got, _ := s.Actors(ctx, store.ActorFilter{Limit: 2, Offset: 1}); len(got) != 2 || got[0].ID == "islamic-state" {
		t.Errorf("page: %v", ids(got))
	}
	if got, _ := s.Actors(ctx, store.ActorFilter{IDs: []string{"pakistan-army", "frontier-corps", "nobody"}}); !slices.Equal(ids(got), []string{"frontier-corps", "pakistan-army"}) {
		t.Errorf("by ids: %v", ids(got))
	}
	// One actor by id: when its documents were published (a 2025-09-03,
	// b 2025-09-01, c 2025-09-02).
	if got, err := s.Actors(ctx, store.ActorFilter{ID: "islamic-state"}); err != nil || len(got) != 1 || got[0].FirstSeen != "2025-09-01" || got[0].LastSeen != "2025-09-03" {
		t.Errorf("islamic-state by id: %+v, %v; want first seen 2025-09-01, last 2025-09-03", got, err)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	hits, err := s.Search(ctx, "Turbat", 10)
	if err != nil || len(hits) != 1 || hits[0].DocID != docs[1].ID() {
		t.Fatalf("Search(Turbat) = %+v, %v", hits, err)
	}
	if !strings.Contains(hits[0].Snippet, "[Turbat]") || hits[0].Outlet != "Example Daily News" || hits[0].Title == "" {
		t.Errorf("hit = %+v; want the match marked in the snippet", hits[0])
	}
	hits, _ = s.Search(ctx, "suicide bomber", 10)
	if len(hits) != 2 {
		t.Errorf("Search(suicide bomber) = %d hits; want 2", len(hits))
	}
	hits, _ = s.Search(ctx, "quetta", 1)
	if len(hits) != 1 || hits[0].DocID != docs[0].ID() {
		t.Errorf("Search(quetta, 1) = %+v; want the report that names Quetta most", hits)
	}
	if hits, _ := s.Search(ctx, "pension reform", 10); len(hits) != 1 || hits[0].DocID != docs[3].ID() {
		t.Errorf("Search(pension reform) = %+v", hits)
	}
	if hits, _ := s.Search(ctx, "nonexistentword", 10); len(hits) != 0 {
		t.Errorf("Search(no match) = %+v", hits)
	}
	// SearchPage pages the same ranking and counts every match.
	all, _ := s.Search(ctx, "suicide bomber", 10)
	second, total, err := s.SearchPage(ctx, "suicide bomber", 1, 1)
	if err != nil || total != 2 || len(second) != 1 || len(all) != 2 || second[0].DocID != all[1].DocID {
		t.Errorf("SearchPage(suicide bomber, 1, 1) = %+v, %d, %v; want the second of %+v and a total of 2", second, total, err, all)
	}
	if hits, total, _ := s.SearchPage(ctx, "suicide bomber", 10, 5); len(hits) != 0 || total != 2 {
		t.Errorf("SearchPage past the end = %+v, %d; want no hits and a total of 2", hits, total)
	}
}

// testSoftHyphens: words an outlet broke with soft hyphens (U+00AD) are
// found whole in documents, evidence and claims, and the snippet shows the
// word as a reader sees it.
func testSoftHyphens(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := SoftHyphenDoc()
	if err := s.PutBatch(ctx, []store.Item{d.Item()}); err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	hits, err := s.Search(ctx, "Myanmar", 10)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "[Myanmar]") {
		t.Errorf("Search(Myanmar) = %+v, %v; want the document, the word marked whole", hits, err)
	}
	if evs, err := s.Events(ctx, store.EventFilter{Text: "myanmar"}); err != nil || len(evs) != 1 {
		t.Errorf("Events(text myanmar) = %v, %v; want the event", keys(evs), err)
	}
	if cls, err := s.Claims(ctx, store.ClaimFilter{Text: "spokesperson"}); err != nil || len(cls) != 1 {
		t.Errorf("Claims(text spokesperson) = %d, %v; want the claim", len(cls), err)
	}
	if hits, _ := s.Search(ctx, "myan", 10); len(hits) != 0 {
		t.Errorf("Search(myan) = %+v; the broken halves are not words", hits)
	}
}

func testDossier(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a, c := docs[0], docs[2]
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: a.Key("e1"), Status: store.EditConfirm, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Event(ctx, a.Key("e1"))
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	if d.Event.Key != a.Key("e1") || d.Event.Review != store.ReviewConfirmed || len(d.Edits) != 1 {
		t.Errorf("dossier event = %+v, edits %v", d.Event, d.Edits)
	}
	if len(d.Sources) != 2 {
		t.Fatalf("sources = %d; want the report and its copy", len(d.Sources))
	}
	r, cp := d.Sources[0], d.Sources[1]
	if r.Role != "report" || r.Document.ID != a.ID() || r.Document.Text != "" || r.Original.Hash != a.ID() ||
		!r.Original.CapturedAt.Equal(captured) || r.Killed == nil || *r.Killed.Best != 15 || len(r.Evidence) != 1 {
		t.Errorf("report source = %+v", r)
	}
	if cp.Role != "copy" || cp.Document.ID != c.ID() || cp.Similarity != 0.9 || cp.Original.Outlet != "Wire" {
		t.Errorf("copy source = %+v", cp)
	}
	if len(d.Claims) != 1 || d.Claims[0].Key != a.Key("c1") {
		t.Errorf("dossier claims = %+v", d.Claims)
	}
	links, err := s.Links(ctx, a.ID())
	if err != nil || len(links) != 1 || links[0].DocID != c.ID() || links[0].CopyOf != a.ID() {
		t.Errorf("Links = %+v, %v", links, err)
	}
	if err := s.PutLink(ctx, store.Link{DocID: a.ID(), CopyOf: a.ID(), Similarity: 1}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("self link: err = %v", err)
	}
	if err := s.PutLink(ctx, store.Link{DocID: a.ID(), CopyOf: store.HashBytes(nil), Similarity: 1}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("link to missing document: err = %v", err)
	}
}

func testBatchAtomic(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	bad := docs[1].Item()
	r := *bad.Result
	r.Events = append(r.Events, r.Events[0]) // duplicate id
	bad.Result = &r
	err := s.PutBatch(ctx, []store.Item{docs[0].Item(), bad})
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("PutBatch with a bad item: err = %v; want ErrInvalid", err)
	}
	st, _ := s.Stats(ctx)
	if st != (store.Stats{}) {
		t.Errorf("a failed batch left %+v; want nothing", st)
	}
	if err := s.PutBatch(ctx, []store.Item{{Original: docs[0].Meta, Raw: docs[0].Raw, Result: &r}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("result without document: err = %v; want ErrInvalid", err)
	}
	wrong := docs[0].Item()
	wrong.Document.ID = docs[1].ID()
	if err := s.PutBatch(ctx, []store.Item{wrong}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("document id not its original's: err = %v; want ErrInvalid", err)
	}
	Load(t, s)
	st, _ = s.Stats(ctx)
	want := store.Stats{Originals: 4, Documents: 4, Events: 6, Claims: 2, Actors: 8, Links: 1, Edits: 0, LogRecords: 13}
	if st != want {
		t.Errorf("Stats = %+v\nwant %+v", st, want)
	}
	Load(t, s) // idempotent
	if st2, _ := s.Stats(ctx); st2 != want {
		t.Errorf("loading twice: Stats = %+v", st2)
	}
}

func testLog(t *testing.T, s store.Store) {
	ctx := context.Background()
	Load(t, s)
	n := logSize(t, s)
	hr := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return s.ReadHashes(ctx, idx) })
	th, err := tlog.TreeHash(n, hr)
	if err != nil {
		t.Fatalf("TreeHash: %v", err)
	}
	// Recompute from the records alone.
	var mem []tlog.Hash
	memr := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = mem[x]
		}
		return out, nil
	})
	var kinds []string
	err = s.LogRecords(ctx, 0, func(i int64, data []byte) error {
		r, err := store.DecodeRecord(data)
		if err != nil {
			return err
		}
		kinds = append(kinds, r.Kind)
		hs, err := tlog.StoredHashes(i, data, memr)
		mem = append(mem, hs...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(kinds)) != n {
		t.Fatalf("LogRecords gave %d records; LogSize %d", len(kinds), n)
	}
	th2, _ := tlog.TreeHash(n, memr)
	if th != th2 {
		t.Errorf("stored tree hash %v != recomputed %v", th, th2)
	}
	if kinds[0] != store.RecordOriginal || kinds[1] != store.RecordDocument || kinds[2] != store.RecordDerived || kinds[n-1] != store.RecordLink {
		t.Errorf("record kinds = %v", kinds)
	}
	var tail int
	s.LogRecords(ctx, n-2, func(int64, []byte) error { tail++; return nil })
	if tail != 2 {
		t.Errorf("LogRecords from n-2 gave %d", tail)
	}
	if _, err := s.ReadHashes(ctx, []int64{tlog.StoredHashCount(n) + 5}); err == nil {
		t.Errorf("ReadHashes past the end: want an error")
	}
}

func testScans(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	var origs, ds, ders []string
	s.ScanOriginals(ctx, func(o store.Original) error { origs = append(origs, o.Hash); return nil })
	s.ScanDocuments(ctx, func(d store.Document) error {
		if d.Text == "" {
			t.Errorf("ScanDocuments without text")
		}
		ds = append(ds, d.ID)
		return nil
	})
	s.ScanDerived(ctx, func(d store.Derived) error { ders = append(ders, d.DocID); return nil })
	var want []string
	for _, d := range docs {
		want = append(want, d.ID())
	}
	if !slices.Equal(origs, want) || !slices.Equal(ds, want) || !slices.Equal(ders, want) {
		t.Errorf("scans out of order:\n%v\n%v\n%v\nwant %v", origs, ds, ders, want)
	}
	d, _ := s.Derived(ctx, docs[0].ID())
	canon, _ := store.CanonicalResult(d.Result)
	if d.ResultHash != store.HashBytes(canon) {
		t.Errorf("derived result hash does not cover the stored result")
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := range 5 {
				raw := fmt.Appendf(nil, "writer %d doc %d", i, j)
				if _, err := s.PutOriginal(ctx, store.Original{Source: "w"}, raw); err != nil {
					errs <- err
				}
				if _, err := s.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: fmt.Sprint(i)}); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 5 {
				if _, err := s.Events(ctx, store.EventFilter{Actor: "islamic"}); err != nil {
					errs <- err
				}
				if _, err := s.Search(ctx, "quetta", 5); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, _ := s.Stats(ctx)
	if st.Originals != 24 || st.Edits != 20 || st.LogRecords != 13+40 {
		t.Errorf("after concurrent writes: %+v", st)
	}
}

func testClosed(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutOriginal(ctx, store.Original{}, []byte("x")); !errors.Is(err, store.ErrClosed) {
		t.Errorf("write after Close: err = %v; want ErrClosed", err)
	}
	if _, err := s.Events(ctx, store.EventFilter{}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("read after Close: err = %v; want ErrClosed", err)
	}
}

func testDecisions(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Load(t, s)
	a, b, c := docs[0], docs[1], docs[2]
	if ds, err := s.Decisions(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("Decisions of a new store = %v, %v; want none", ds, err)
	}
	n := logSize(t, s)
	merge, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), c.Key("e1"), a.Key("e1")},
		Who: "ana", Note: "same bombing, wire copy"})
	if err != nil {
		t.Fatalf("PutDecision(merge): %v", err)
	}
	if merge.ID == 0 || merge.At.IsZero() || merge.LogIndex != n || !slices.Equal(merge.Keys, []string{a.Key("e1"), c.Key("e1")}) {
		t.Errorf("PutDecision(merge) = %+v; want id, time, log index %d and the keys once each", merge, n)
	}
	// A decision may name an event the current extraction no longer has:
	// it is about keys, and outlives extractions.
	split, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{c.Key("e1")},
		Apart: []string{a.Key("e1"), a.Key("e9")}, Who: "ben", At: captured})
	if err != nil {
		t.Fatalf("PutDecision(split): %v", err)
	}
	if split.ID <= merge.ID || !split.At.Equal(captured) || split.LogIndex != n+1 {
		t.Errorf("PutDecision(split) = %+v", split)
	}
	for _, bad := range []store.Decision{
		{Kind: "join", Keys: []string{a.Key("e1"), b.Key("e1")}, Who: "x"},
		{Kind: store.DecisionMerge, Keys: []string{a.Key("e1")}, Who: "x"},
		{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), a.Key("e1")}, Who: "x"},
		{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), b.Key("e1")}, Apart: []string{c.Key("e1")}, Who: "x"},
		{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), "nokey"}, Who: "x"},
		{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), b.Key("e1")}},
		{Kind: store.DecisionSplit, Keys: []string{a.Key("e1")}, Who: "x"},
		{Kind: store.DecisionSplit, Keys: []string{a.Key("e1"), b.Key("e1")}, Apart: []string{c.Key("e1")}, Who: "x"},
		{Kind: store.DecisionSplit, Keys: []string{a.Key("e1")}, Apart: []string{a.Key("e1"), b.Key("e1")}, Who: "x"},
		{Kind: store.DecisionSplit, Keys: []string{a.Key("e1")}, Apart: []string{"#e1"}, Who: "x"},
	} {
		if _, err := s.PutDecision(ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("PutDecision(%+v) err = %v; want ErrInvalid", bad, err)
		}
	}
	if got := logSize(t, s); got != n+2 {
		t.Errorf("log grew to %d after refused decisions; want %d", got, n+2)
	}

	// Re-extraction changes what was extracted, never what users decided.
	r := a.Result
	r.Events = r.Events[:1]
	if err := s.ReplaceDerived(ctx, a.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Decisions(ctx)
	if err != nil {
		t.Fatalf("Decisions: %v", err)
	}
	if len(ds) != 2 || fmt.Sprint(ds[0]) != fmt.Sprint(merge) || fmt.Sprint(ds[1]) != fmt.Sprint(split) {
		t.Fatalf("Decisions = %+v\nwant %+v, %+v", ds, merge, split)
	}
	// Custody: each decision is in the log exactly as stored, as
	// internal/custody compares rows with their records.
	for _, d := range ds {
		var logged []byte
		s.LogRecords(ctx, d.LogIndex, func(_ int64, data []byte) error { logged = data; return errors.New("stop") })
		if want := store.DecisionRec(d).Encode(); !bytes.Equal(logged, want) {
			t.Errorf("log record %d = %s; want %s", d.LogIndex, logged, want)
		}
		rec, err := store.DecodeRecord(logged)
		if err != nil || rec.Kind != store.RecordDecision || rec.Decision == nil || rec.Subject() != fmt.Sprintf("%s %d", d.Kind, d.ID) {
			t.Errorf("decoded record = %+v, %v", rec, err)
		}
	}
	// Callers own what they get back.
	ds[0].Keys[0] = "changed#x"
	if again, _ := s.Decisions(ctx); again[0].Keys[0] != a.Key("e1") {
		t.Errorf("changing a returned decision changed the store: %v", again[0].Keys)
	}
	if st, _ := s.Stats(ctx); st.Decisions != 2 {
		t.Errorf("Stats.Decisions = %d; want 2", st.Decisions)
	}
}

// testBatchRepeats stores one document several times in one batch: again
// unchanged, with its text re-read, and re-extracted. The batch must end as
// the same calls one by one would, its search index and records included.
func testBatchRepeats(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	a, b := docs[0], docs[1]
	reread := a.Item()
	doc := *reread.Document
	doc.Text += " Hospital officials later named the victims."
	reread.Document = &doc
	r := a.Result
	r.Events = r.Events[:1]
	r.Claims = nil
	reextracted := reread
	reextracted.Result, reextracted.ExtractorVersion = &r, "test-2"
	items := []store.Item{a.Item(), b.Item(), a.Item(), reread, reextracted}
	if err := s.PutBatch(ctx, items); err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	// Only the first of a's items created its document.
	for i, want := range []bool{true, true, false, false, false} {
		if items[i].Created != want {
			t.Errorf("item %d: Created = %v; want %v", i, items[i].Created, want)
		}
	}
	st, _ := s.Stats(ctx)
	// a: original, document, derived, then its re-read text and the
	// test-2 result (the re-read item's result is the one stored: no
	// record); b: original, document, derived.
	want := store.Stats{Originals: 2, Documents: 2, Events: 3, Claims: 1, Actors: st.Actors, LogRecords: 3 + 3 + 1 + 1}
	if st != want {
		t.Errorf("Stats = %+v\nwant %+v", st, want)
	}
	got, err := s.Events(ctx, store.EventFilter{DocID: a.ID(), IncludeRejected: true})
	if err != nil || !slices.Equal(keys(got), []string{a.Key("e1")}) {
		t.Errorf("events of the re-extracted document = %v, %v; want only e1", keys(got), err)
	}
	if hits, _ := s.Search(ctx, "victims", 10); len(hits) != 1 || hits[0].DocID != a.ID() {
		t.Errorf("Search(new text) = %+v; want the re-read document", hits)
	}
	if hits, _ := s.Search(ctx, "Turbat", 10); len(hits) != 1 || hits[0].DocID != b.ID() {
		t.Errorf("Search(Turbat) = %+v", hits)
	}
	if got, _ := s.Events(ctx, store.EventFilter{Text: "bomber"}); !slices.Equal(keys(got), []string{a.Key("e1")}) {
		t.Errorf("text filter after re-extraction in the batch = %v", keys(got))
	}
	if d, err := s.Derived(ctx, a.ID()); err != nil || d.ExtractorVersion != "test-2" {
		t.Errorf("Derived = %+v, %v; want test-2", d, err)
	}
	// The same items again, as a second ingest of the same files would
	// store them, create nothing; an original without a document is
	// created once too.
	again := []store.Item{reextracted, b.Item(), {Original: store.Original{Source: "/corpus/scan.pdf"}, Raw: []byte("%PDF-1.4 no text")}}
	if err := s.PutBatch(ctx, again); err != nil {
		t.Fatalf("PutBatch again: %v", err)
	}
	if again[0].Created || again[1].Created || !again[2].Created {
		t.Errorf("second batch: Created = %v, %v, %v; want false, false, true", again[0].Created, again[1].Created, again[2].Created)
	}
	if err := s.PutBatch(ctx, again[2:]); err != nil || again[2].Created {
		t.Errorf("an original stored again: Created = %v, %v; want false", again[2].Created, err)
	}
}

// testLanguageFilter keeps the events and claims of documents in one
// language; an unknown language matches nothing and a malformed one is
// refused.
func testLanguageFilter(t *testing.T, s store.Store) {
	ctx := context.Background()
	var items []store.Item
	for _, d := range Corpus() {
		it := d.Item()
		it.Document.Language = "en"
		if d.Name == "d" {
			it.Document.Language = "fr"
		}
		items = append(items, it)
	}
	if err := s.PutBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	docs := Corpus()
	fr, err := s.Events(ctx, store.EventFilter{Language: "fr"})
	if err != nil || !slices.Equal(keys(fr), []string{docs[3].Key("e1")}) {
		t.Errorf("events in French: %v, %v", keys(fr), err)
	}
	en, err := s.Events(ctx, store.EventFilter{Language: "en", IncludeRejected: true})
	all, _ := s.Events(ctx, store.EventFilter{IncludeRejected: true})
	if err != nil || len(en) != len(all)-1 || slices.Contains(keys(en), docs[3].Key("e1")) {
		t.Errorf("events in English: %d of %d, %v", len(en), len(all), err)
	}
	if got, err := s.Events(ctx, store.EventFilter{Language: "en", Type: sitrep.Bombing, Place: "Quetta"}); err != nil || len(got) != 2 {
		t.Errorf("English bombings in Quetta: %v, %v", keys(got), err)
	}
	if got, err := s.Claims(ctx, store.ClaimFilter{Language: "en"}); err != nil || len(got) != 2 {
		t.Errorf("claims in English: %d, %v", len(got), err)
	}
	if got, err := s.Claims(ctx, store.ClaimFilter{Language: "fr"}); err != nil || len(got) != 0 {
		t.Errorf("claims in French: %d, %v", len(got), err)
	}
	if got, err := s.Events(ctx, store.EventFilter{Language: "ur"}); err != nil || len(got) != 0 {
		t.Errorf("events in Urdu: %v, %v", keys(got), err)
	}
	var n int
	err = s.ScanEvents(ctx, store.EventFilter{Language: "fr"}, func(store.Event) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("scan of French events: %d, %v", n, err)
	}
	for _, bad := range []string{"English", "EN", "e"} {
		if _, err := s.Events(ctx, store.EventFilter{Language: bad}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("language %q: %v, want ErrInvalid", bad, err)
		}
		if _, err := s.Claims(ctx, store.ClaimFilter{Language: bad}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("claims language %q: %v, want ErrInvalid", bad, err)
		}
	}
}
