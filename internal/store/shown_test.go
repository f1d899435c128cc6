package store

import (
	"slices"
	"testing"
)

// An actor's names are listed once each, on one line, without the name
// it is listed under: a label the page broke across lines, or spaced with
// a no-break space, is the label.
func TestShownNamesOneLineOnce(t *testing.T) {
	name, shown := ShownNames("Associated Press of Pakistan",
		[]string{"APP", "Associated Press of\nPakistan", "Dawn\u00a0News", "Dawn News", "Associated  Press of Pakistan"})
	if name != "Associated Press of Pakistan" {
		t.Errorf("name %q", name)
	}
	if want := []string{"APP", "Dawn News"}; !slices.Equal(shown, want) {
		t.Errorf("shown %q, want %q", shown, want)
	}
}
