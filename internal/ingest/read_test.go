package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	if _, _, err := Text([]byte("   \n")); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty: %v", err)
	}
	if _, _, err := Text([]byte("PK\x03\x04\x00\x00binary")); !errors.Is(err, ErrInvalid) {
		t.Errorf("binary: %v", err)
	}
	s, n, err := Text([]byte("\xef\xbb\xbfA bad \xff byte and \xc3 another"))
	if err != nil || n != 2 || strings.HasPrefix(s, "\ufeff") || !strings.Contains(s, "\ufffd") {
		t.Errorf("repair: %q %d %v", s, n, err)
	}
}

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20) // a sparse 50 MB file: refused without reading it
	f.Close()
	if _, err := ReadFile(big, nil, DefaultMaxBytes); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "limit") {
		t.Errorf("50 MB file: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.txt"), nil, DefaultMaxBytes); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ReadFile(dir, nil, DefaultMaxBytes); !errors.Is(err, ErrInvalid) {
		t.Errorf("directory: %v", err)
	}
	if _, err := ReadFile("-", strings.NewReader(strings.Repeat("x", 100)), 50); !errors.Is(err, ErrInvalid) {
		t.Errorf("oversized stdin: %v", err)
	}
}

func TestLines(t *testing.T) {
	in := `{"id":"a","text":"one"}` + "\n\n" + `not json` + "\n" + `{"id":"b","text":"` + strings.Repeat("y", 200) + `"}` + "\n" + `{"id":"c","text":"three","published":"2024-01-02"}`
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(in))
	zw.Close()
	for _, r := range []*bytes.Reader{bytes.NewReader([]byte(in)), bytes.NewReader(buf.Bytes())} {
		var ok []string
		var bad []int
		err := Lines(r, 100, func(n int, line []byte, err error) error {
			if err == nil {
				_, err = Decode(line)
			}
			if err != nil {
				bad = append(bad, n)
				return nil
			}
			d, _ := Decode(line)
			ok = append(ok, d.ID)
			return nil
		})
		if err != nil || strings.Join(ok, ",") != "a,c" || len(bad) != 2 || bad[0] != 3 || bad[1] != 4 {
			t.Errorf("ok %v bad %v err %v", ok, bad, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"id":"x","text":"y","published":"2020-01-01"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		Decode(b)
		Text(b)
	})
}
