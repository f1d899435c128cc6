package extract

import (
	"strings"
	"testing"
)

// A soft hyphen inside a word splits it for no reader: the rules read the
// word whole, and the evidence still points at the document's own bytes.
func TestSoftHyphensInsideWords(t *testing.T) {
	body := "Gunmen shot dead two police\u00admen in Quet\u00adta on Monday, the Special Represen\u00adtative told reporters."
	r := run(t, "2024-03-06", body)
	if len(r.Events) != 1 {
		t.Fatalf("events %+v", r.Events)
	}
	e := r.Events[0]
	if e.Place == nil || e.Place.Name != "Quetta" {
		t.Errorf("place %+v, want Quetta", e.Place)
	}
	if best(e.Killed) != 2 {
		t.Errorf("killed %+v, want 2", e.Killed)
	}
	for _, ev := range e.Evidence {
		if body[ev.Start:ev.End] != ev.Text || !strings.Contains(ev.Text, "\u00ad") {
			t.Errorf("evidence [%d:%d] %q does not point into the document's text", ev.Start, ev.End, ev.Text)
		}
	}
}

func TestSoftHyphenOffsets(t *testing.T) {
	src := "ab\u00adcd\u00ad\u00adef"
	text, shy := dropSoftHyphens(src)
	if text != "abcdef" {
		t.Fatalf("text %q", text)
	}
	for _, c := range []struct{ from, to int }{{0, 2}, {2, 4}, {0, 6}, {4, 6}} {
		got := src[shy.start(c.from):shy.end(c.to)]
		if strings.ReplaceAll(got, "\u00ad", "") != text[c.from:c.to] || strings.HasPrefix(got, "\u00ad") || strings.HasSuffix(got, "\u00ad") {
			t.Errorf("[%d:%d] maps to %q", c.from, c.to, got)
		}
	}
}
