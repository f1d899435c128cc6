package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep/internal/errs"
)

func TestTextRefusesEmptyAndBinary(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":           nil,
		"blank":           []byte(" \r\n\t"),
		"bom only":        []byte("\xef\xbb\xbf\n"),
		"NUL late":        append(bytes.Repeat([]byte("plain words "), 2000), 0),
		"ELF":             {0x7f, 'E', 'L', 'F', 2, 1, 1, 0},
		"control chars":   bytes.Repeat([]byte{'a', 0x01, 0x02, 0x1b}, 100),
		"UTF-16 with BOM": {0xff, 0xfe, 'h', 0, 'i', 0},
	} {
		_, _, err := Text(in)
		if !errs.Is(errs.Invalid, err) {
			t.Errorf("%s: got %v, want an Invalid error", name, err)
		}
	}
	if _, _, err := Text([]byte{0x7f, 'E', 'L', 'F', 0}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary message: %v", err)
	}
	if _, _, err := Text([]byte{0xff, 0xfe, 'h', 0}); err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("UTF-16 message: %v", err)
	}
}

func TestTextRepairsAndKeepsLineEndings(t *testing.T) {
	s, n, err := Text([]byte("\xef\xbb\xbfTwo bad \xff bytes\r\nand \xc3 here\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || !utf8.ValidString(s) {
		t.Errorf("repaired %d (want 2), valid %v", n, utf8.ValidString(s))
	}
	if want := "Two bad \ufffd bytes\r\nand \ufffd here\r\n"; s != want {
		t.Errorf("text %q, want %q (BOM stripped, CRLF kept)", s, want)
	}
	// A few stray control characters (form feeds, an escape) are still text.
	if _, _, err := Text([]byte("Page one\fPage two \x1b end of a long enough line of text")); err != nil {
		t.Errorf("stray control characters refused: %v", err)
	}
}

func write(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		path string
		kind errs.Kind
		msg  string
	}{
		{"missing", filepath.Join(dir, "missing.txt"), errs.NotExist, "no such file"},
		{"directory", dir, errs.Invalid, "is a directory"},
		{"empty", write(t, "empty.txt", nil), errs.Invalid, "empty"},
		{"binary", write(t, "x.bin", []byte("GIF89a\x00\x01\x00")), errs.Invalid, "binary"},
	}
	for _, c := range cases {
		_, _, err := ReadText(c.path, nil, DefaultMaxBytes)
		if errs.KindOf(err) != c.kind || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "read ") {
			t.Errorf("%s: %v (kind %v, want %v, message with %q)", c.name, err, errs.KindOf(err), c.kind, c.msg)
		}
	}
	if _, _, err := ReadText(filepath.Join(dir, "missing.txt"), nil, 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file must wrap os.ErrNotExist: %v", err)
	}
}

// A real (not sparse) 50 MB file over the cap is refused from its size,
// before a byte of it is read.
func TestReadFile50MBRefusedUnread(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("words of an overly long article ", 31) + "\n")
	for written := 0; written < 50<<20; written += len(line) {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = ReadFile(p, nil, DefaultMaxBytes)
	runtime.ReadMemStats(&after)
	if !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "over the size limit") || !strings.Contains(err.Error(), "--max-bytes") {
		t.Errorf("50 MB file: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing a 50 MB file allocated %d bytes", grew)
	}
}

// countingReader counts what is read from a stream of known length.
type countingReader struct {
	left, read int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > c.left {
		n = c.left
	}
	for i := range p[:n] {
		p[i] = 'x'
	}
	c.left -= n
	c.read += n
	return int(n), nil
}

// A 50 MB stream on stdin (size unknown) is read only up to the cap.
func TestReadStdinStopsAtCap(t *testing.T) {
	src := &countingReader{left: 50 << 20}
	const max = 1 << 20
	_, err := ReadFile("-", src, max)
	if !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("oversized stdin: %v", err)
	}
	if src.read > max+64<<10 {
		t.Errorf("read %d bytes of a 50 MB stream with a cap of %d", src.read, max)
	}
}

func TestValidDate(t *testing.T) {
	for _, ok := range []string{"2025-01-08", "2024-02-29"} {
		if err := ValidDate(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "12/11/2020", "2023-02-29", "2025-1-8", "2025-01-08T00:00:00Z"} {
		if err := ValidDate(bad); !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// FuzzText: the document validator never panics, and what it accepts is
// valid UTF-8 without NUL bytes.
func FuzzText(f *testing.F) {
	for _, s := range []string{"plain text\r\n", "\xef\xbb\xbfbom", "bad \xff\xc3", "\x00", "\xff\xfe", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, n, err := Text(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 || n < 0 {
			t.Errorf("accepted %q as %q (%d repaired)", b, s, n)
		}
		if n == 0 && s != strings.TrimPrefix(string(b), "\ufeff") {
			t.Errorf("text changed without repair: %q -> %q", b, s)
		}
	})
}
