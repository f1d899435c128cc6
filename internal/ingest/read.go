// Package ingest reads documents from outside: files, standard input and
// JSON Lines batches. It refuses what is not text and repairs what can be
// repaired, saying which.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"sitrep"
)

// DefaultMaxBytes caps one document; larger input is refused, not truncated.
const DefaultMaxBytes = 32 << 20

// ErrInvalid marks input that is not a readable document.
var ErrInvalid = errors.New("invalid input")

// Text validates raw bytes as a document text: it refuses binary data,
// strips a UTF-8 byte order mark and replaces invalid UTF-8 sequences with
// U+FFFD, reporting how many it replaced.
func Text(raw []byte) (string, int, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", 0, fmt.Errorf("%w: the document is empty", ErrInvalid)
	}
	if looksBinary(raw) {
		return "", 0, fmt.Errorf("%w: the input looks like binary data, not text", ErrInvalid)
	}
	if utf8.Valid(raw) {
		return string(raw), 0, nil
	}
	var b strings.Builder
	repaired := 0
	for len(raw) > 0 {
		r, n := utf8.DecodeRune(raw)
		if r == utf8.RuneError && n <= 1 {
			repaired++
			b.WriteRune(utf8.RuneError)
			raw = raw[1:]
			continue
		}
		b.Write(raw[:n])
		raw = raw[n:]
	}
	return b.String(), repaired, nil
}

// looksBinary: a NUL byte, or many control characters, in the first 8 KiB.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	ctl := 0
	for _, c := range b {
		if c == 0 {
			return true
		}
		if c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(b)
}

// ReadFile reads one document from path ("-" for r), refusing more than max bytes.
func ReadFile(path string, r io.Reader, max int64) ([]byte, error) {
	var src io.Reader = r
	if path != "-" {
		st, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%w: %s is a directory", ErrInvalid, path)
		}
		if st.Size() > max {
			return nil, fmt.Errorf("%w: %s is %d bytes, over the limit of %d (see --max-bytes)", ErrInvalid, path, st.Size(), max)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		src = f
	}
	b, err := io.ReadAll(io.LimitReader(src, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: %s is over the limit of %d bytes (see --max-bytes)", ErrInvalid, path, max)
	}
	return b, nil
}

// Line is one JSON Lines input document.
type Line struct {
	ID        string  `json:"id"`
	Text      string  `json:"text"`
	Published *string `json:"published"`
	Title     *string `json:"title"`
	Source    *string `json:"source"`
	URL       *string `json:"url"`
}

// Decode parses one JSON Lines record into a document.
func Decode(b []byte) (sitrep.Document, error) {
	var l Line
	if err := json.Unmarshal(b, &l); err != nil {
		return sitrep.Document{}, fmt.Errorf("%w: not a JSON object: %v", ErrInvalid, err)
	}
	if l.ID == "" {
		return sitrep.Document{}, fmt.Errorf("%w: no \"id\"", ErrInvalid)
	}
	if strings.TrimSpace(l.Text) == "" {
		return sitrep.Document{}, fmt.Errorf("%w: document %q has no \"text\"", ErrInvalid, l.ID)
	}
	d := sitrep.Document{ID: l.ID, Text: l.Text}
	if l.Published != nil && *l.Published != "" {
		if err := ValidDate(*l.Published); err != nil {
			return sitrep.Document{}, err
		}
		d.Published = *l.Published
	}
	if l.Title != nil {
		d.Title = *l.Title
	}
	if l.Source != nil {
		d.Source = *l.Source
	}
	if l.URL != nil {
		d.URL = *l.URL
	}
	return d, nil
}

// ValidDate checks a YYYY-MM-DD publication date.
func ValidDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return fmt.Errorf("%w: publication date %q is not YYYY-MM-DD", ErrInvalid, s)
	}
	return nil
}

// Lines streams JSON Lines records (gzip-compressed when the stream starts
// with the gzip magic number), calling fn with each line's number and bytes.
// A line over max bytes is reported to fn as an error, not read whole.
func Lines(r io.Reader, max int, fn func(n int, line []byte, err error) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	n := 0
	for {
		n++
		var buf []byte
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > max {
					tooLong, buf = true, nil
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(bytes.TrimSpace(buf)) == 0 && !tooLong {
					return nil
				}
				break
			}
			if err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			break
		}
		var ferr error
		if tooLong {
			ferr = fmt.Errorf("%w: line is over %d bytes", ErrInvalid, max)
		} else if len(bytes.TrimSpace(buf)) == 0 {
			continue
		}
		if err := fn(n, buf, ferr); err != nil {
			return err
		}
	}
}
