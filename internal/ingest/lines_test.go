package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"sitrep/internal/errs"
)

func gz(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// readAll collects good line numbers and the numbers of lines reported as
// bad, with their errors.
func readAll(t *testing.T, r io.Reader, max int) (good []int, bad map[int]error) {
	t.Helper()
	lr, err := NewLineReader(r, max)
	if err != nil {
		t.Fatal(err)
	}
	defer lr.Close()
	bad = map[int]error{}
	for {
		n, line, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return good, bad
		}
		if err == nil {
			_, _, err = DecodeLine(line, DefaultMaxBytes)
		}
		if err != nil {
			if !errs.Is(errs.Invalid, err) {
				t.Fatalf("line %d: fatal %v", n, err)
			}
			bad[n] = err
			continue
		}
		good = append(good, n)
	}
}

func TestLineReaderSkipsBadLinesAndKeepsNumbers(t *testing.T) {
	in := `{"id":"a","text":"one"}` + "\n" +
		"\n" + // blank: skipped silently, still counted
		"not json\n" +
		`{"id":"b","text":"` + strings.Repeat("y", 300) + `"}` + "\n" + // too long
		`{"id":"c","text":"three","published":"2024-01-02"}` + "\r\n" +
		`{"id":"d"}` + "\n" +
		`{"text":"no id"}` + "\n" +
		`{"id":"e","text":"bad date","published":"02/01/2024"}` + "\n" +
		`{"id":"f","text":"last line without a newline"}`
	for name, src := range map[string][]byte{"plain": []byte(in), "gzip": gz(t, in)} {
		good, bad := readAll(t, bytes.NewReader(src), 200)
		if fmt.Sprint(good) != "[1 5 9]" {
			t.Errorf("%s: good lines %v, want [1 5 9]", name, good)
		}
		want := map[int]string{3: "not a JSON object", 4: "longer than 200 bytes", 6: `missing "text"`, 7: `missing "id"`, 8: "YYYY-MM-DD"}
		for n, msg := range want {
			if err := bad[n]; err == nil || !strings.Contains(err.Error(), msg) {
				t.Errorf("%s: line %d: %v, want %q", name, n, err, msg)
			}
		}
		if len(bad) != len(want) {
			t.Errorf("%s: bad lines %v", name, bad)
		}
	}
}

func TestDecodeLine(t *testing.T) {
	d, n, err := DecodeLine([]byte(`{"id":17,"text":"\ufeffA bad `+"\xff"+` byte","url":null,"title":"T","extra":[1,2]}`), DefaultMaxBytes)
	if err != nil || d.ID != "17" || d.Title != "T" || d.URL != "" || n != 1 || !strings.HasPrefix(d.Text, "A bad \ufffd") {
		t.Errorf("%+v %d %v", d, n, err)
	}
	for line, msg := range map[string]string{
		`{"id":"x","text":"\u0000\u0001"}`:     "binary",
		`{"id":"x","text":"   "}`:              "empty",
		`{"id":"x","text":"` + "abcdef" + `"}`: "over the size limit",
		`{"id":["x"],"text":"t"}`:              "string or a number",
		`{"id":"x","text":"t"} trailing`:       "not a JSON object",
		`[1,2]`:                                "not a JSON object",
	} {
		if _, _, err := DecodeLine([]byte(line), 5); !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: %v, want %q", line, err, msg)
		}
	}
}

// A damaged gzip stream is bad input, reported once; then the stream ends.
func TestDamagedGzip(t *testing.T) {
	z := gz(t, strings.Repeat(`{"id":"a","text":"t"}`+"\n", 1000))
	z = z[:len(z)/2]
	lr, err := NewLineReader(bytes.NewReader(z), MaxLineBytes)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	for i := 0; i < 2000; i++ {
		_, _, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			last = err
		}
	}
	if !errs.Is(errs.Invalid, last) {
		t.Errorf("damaged gzip: %v", last)
	}
}

// A line far over the cap is skipped while holding at most the cap in
// memory: the reader's buffer never grows past it.
func TestLongLineBounded(t *testing.T) {
	const max = 1 << 20
	long := `{"id":"big","text":"` + strings.Repeat("z", 20<<20) + `"}` + "\n" + `{"id":"after","text":"still read"}` + "\n"
	lr, _ := NewLineReader(strings.NewReader(long), max)
	_, _, err := lr.Next()
	if !errs.Is(errs.Invalid, err) {
		t.Fatalf("long line: %v", err)
	}
	if cap(lr.buf) > 2*max {
		t.Errorf("buffer grew to %d bytes for a cap of %d", cap(lr.buf), max)
	}
	n, line, err := lr.Next()
	if err != nil || n != 2 || !bytes.Contains(line, []byte("after")) {
		t.Errorf("line after the long one: %d %q %v", n, line, err)
	}
}

func TestLineLimit(t *testing.T) {
	if LineLimit(DefaultMaxBytes) != MaxLineBytes || LineLimit(100<<20) != 200<<20 {
		t.Error("line limit must be 64 MiB or twice the document cap")
	}
}

// FuzzDecodeLine: the JSON Lines decoder never panics; a document it
// accepts has an id and valid text.
func FuzzDecodeLine(f *testing.F) {
	for _, s := range []string{
		`{"id":"x","text":"y","published":"2020-01-01"}`,
		`{"id":1,"text":"y","url":null}`,
		`{"id":"x","text":"\u0000"}`,
		"{\"id\":\"x\",\"text\":\"\xff\"}",
		`not json`, `{}`, `[]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, n, err := DecodeLine(b, 1<<16)
		if err != nil {
			return
		}
		if d.ID == "" || strings.TrimSpace(d.Text) == "" || n < 0 {
			t.Errorf("accepted %q as %+v", b, d)
		}
	})
}

// FuzzLineReader: any stream, plain or compressed, is read to its end
// without a panic or a hang.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"b\"}\n\n{}\n"), false)
	f.Add([]byte("{\"id\":\"a\",\"text\":\"b\"}\n"), true)
	f.Fuzz(func(t *testing.T, b []byte, compress bool) {
		lines := len(b) + 1 // no stream holds more lines than bytes
		if compress {
			b = gz(t, string(b))
		}
		lr, err := NewLineReader(bytes.NewReader(b), 64)
		if err != nil {
			return
		}
		for i := 0; i <= lines; i++ {
			if _, _, err := lr.Next(); errors.Is(err, io.EOF) {
				return
			}
		}
		t.Errorf("reader did not reach the end of %d bytes", len(b))
	})
}
