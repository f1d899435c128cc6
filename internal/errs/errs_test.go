package errs

import (
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestMessageAndKind(t *testing.T) {
	inner := E(Invalid, "the input looks like binary data")
	err := E(Op("read"), Path("a.bin"), Invalid, inner)
	if got, want := err.Error(), "read a.bin: the input looks like binary data"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	wrapped := fmt.Errorf("batch: %w", err)
	if KindOf(wrapped) != Invalid || !Is(Invalid, wrapped) || Is(IO, wrapped) {
		t.Errorf("kind of %v = %v", wrapped, KindOf(wrapped))
	}
	if got := E(Op("parse"), Usage, "unknown flag").Error(); got != "parse: unknown flag" {
		t.Errorf("usage message %q", got)
	}
	if got := E(Op("write"), Path("out/a.json"), IO, E(IO, "disk full")).Error(); got != "write out/a.json: I/O error: disk full" {
		t.Errorf("IO message %q", got)
	}
}

func TestNotExistFromOS(t *testing.T) {
	_, err := os.Open("/definitely/not/here")
	err = E(Op("read"), err)
	if KindOf(err) != NotExist || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("kind %v for %v", KindOf(err), err)
	}
	if KindOf(nil) != Other || KindOf(errors.New("x")) != Other {
		t.Error("unclassified errors must be Other")
	}
}

func TestBadArgumentIsInternal(t *testing.T) {
	if err := E(42); KindOf(err) != Internal {
		t.Errorf("kind %v", KindOf(err))
	}
}
