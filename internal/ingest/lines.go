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

	"sitrep"
	"sitrep/internal/errs"
)

// MaxLineBytes is the longest JSON Lines record read (64 MiB): twice the
// default document cap, because JSON escaping can double a text's size.
// A longer line is skipped and reported; it is never held in memory whole.
const MaxLineBytes = 64 << 20

// LineLimit is the line cap that goes with a document cap of maxDoc bytes:
// MaxLineBytes, or twice maxDoc when that is larger.
func LineLimit(maxDoc int64) int {
	if 2*maxDoc > MaxLineBytes {
		return int(min(2*maxDoc, 1<<40))
	}
	return MaxLineBytes
}

// OpenLines opens a JSON Lines input: the file at path, or stdin for "-".
// Gzip compression is recognised by its magic number, whatever the name.
// size is the file's size on disk, or -1 when unknown.
func OpenLines(path string, stdin io.Reader) (r io.Reader, size int64, closeFn func() error, err error) {
	op := errs.Op("open")
	if path == "-" {
		if stdin == nil {
			return nil, -1, nil, errs.E(op, errs.Path("standard input"), errs.Invalid, "no standard input")
		}
		return stdin, -1, func() error { return nil }, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, -1, nil, errs.E(op, errs.Path(path), statKind(err), osErr(err))
	}
	if st.IsDir() {
		return nil, -1, nil, errs.E(op, errs.Path(path), invalid(ReasonDirectory, "batch input is one JSON Lines file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, -1, nil, errs.E(op, errs.Path(path), statKind(err), osErr(err))
	}
	size = -1
	if st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, size, f.Close, nil
}

// LineReader reads JSON Lines records one at a time from a plain or
// gzip-compressed stream, with a cap on the length of a line.
type LineReader struct {
	br   *bufio.Reader
	zr   *gzip.Reader
	max  int
	n    int
	buf  []byte
	done bool
}

// NewLineReader starts reading r. Lines longer than max bytes are
// reported by Next as errors of kind Invalid and skipped.
func NewLineReader(r io.Reader, max int) (*LineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	lr := &LineReader{br: br, max: max}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, invalid(ReasonDamaged, err.Error())
		}
		lr.zr = zr
		lr.br = bufio.NewReaderSize(zr, 64<<10)
	}
	return lr, nil
}

// Next returns the next non-blank line and its 1-based number. The bytes
// are valid until the following call. At the end it returns io.EOF. An
// error of kind Invalid concerns that line (it is too long, or the gzip
// stream is damaged there) and the caller may go on: after a damaged stream
// the next call returns io.EOF. Any other error is the system's failure.
func (lr *LineReader) Next() (int, []byte, error) {
	for {
		if lr.done {
			return lr.n, nil, io.EOF
		}
		lr.n++
		lr.buf = lr.buf[:0]
		tooLong := false
		for {
			chunk, err := lr.br.ReadSlice('\n')
			if !tooLong {
				if len(lr.buf)+len(chunk) > lr.max {
					// Drop what was read and skip to the line's end:
					// memory stays at one buffer, whatever the line's length.
					tooLong = true
					lr.buf = lr.buf[:0]
				} else {
					lr.buf = append(lr.buf, chunk...)
				}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				lr.done = true
				break
			}
			if err != nil {
				// The stream cannot go on. A damaged gzip file is bad
				// input; anything else is the system's failure.
				lr.done = true
				if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
					return lr.n, nil, invalid(ReasonDamaged, err.Error())
				}
				return lr.n, nil, errs.E(errs.Op("read"), errs.IO, err)
			}
			break
		}
		if tooLong {
			return lr.n, nil, invalid(ReasonLineTooLong, fmt.Sprintf("longer than %d bytes", lr.max))
		}
		if len(bytes.TrimSpace(lr.buf)) == 0 {
			continue
		}
		return lr.n, lr.buf, nil
	}
}

// Close releases the gzip reader, if any. It does not close the stream.
func (lr *LineReader) Close() error {
	if lr.zr != nil {
		return lr.zr.Close()
	}
	return nil
}

// CountLines counts the non-blank lines of a JSON Lines file (plain or
// gzip), for a progress bar's total. It streams and holds one buffer.
func CountLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	lr, err := NewLineReader(f, MaxLineBytes)
	if err != nil {
		return 0, err
	}
	defer lr.Close()
	n := 0
	for {
		_, _, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil && !errs.Is(errs.Invalid, err) {
			return n, err
		}
		n++
	}
}

// record is one JSON Lines input document. Fields other than these are
// ignored, so richer exports can be fed as they are.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published *string         `json:"published"`
	Title     *string         `json:"title"`
	Source    *string         `json:"source"`
	URL       *string         `json:"url"`
}

// DecodeLine parses one JSON Lines record into a document and validates
// it as Text does, refusing a text over maxBytes. repaired is the number of
// invalid UTF-8 bytes the line held (each becomes U+FFFD).
func DecodeLine(b []byte, maxBytes int64) (doc sitrep.Document, repaired int, err error) {
	repaired = CountInvalid(b)
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return doc, 0, invalid(ReasonNotJSON, "")
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return doc, 0, invalid(ReasonNotJSON, strings.TrimPrefix(err.Error(), "json: "))
	}
	id, err := decodeID(rec.ID)
	if err != nil {
		return doc, 0, err
	}
	if rec.Text == nil {
		return doc, 0, errs.E(errs.Path(fmt.Sprintf("document %q", id)), invalid(ReasonNoText, ""))
	}
	if int64(len(*rec.Text)) > maxBytes {
		return doc, 0, errs.E(errs.Path(fmt.Sprintf("document %q", id)), invalid(ReasonTooLarge, fmt.Sprintf("text of %d bytes, more than the %d allowed per document (see --max-bytes)", len(*rec.Text), maxBytes)))
	}
	txt, _, err := Text([]byte(*rec.Text))
	if err != nil {
		return doc, 0, errs.E(errs.Path(fmt.Sprintf("document %q", id)), err)
	}
	doc = sitrep.Document{ID: id, Text: txt}
	if rec.Published != nil && *rec.Published != "" {
		if err := ValidDate(*rec.Published); err != nil {
			return sitrep.Document{}, 0, errs.E(errs.Path(fmt.Sprintf("document %q", id)), err)
		}
		doc.Published = *rec.Published
	}
	doc.Title = deref(rec.Title)
	doc.Source = deref(rec.Source)
	doc.URL = deref(rec.URL)
	return doc, repaired, nil
}

// decodeID accepts a string id, or a number written as it appears.
func decodeID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", invalid(ReasonNoID, "")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return "", invalid(ReasonNoID, "the id is empty")
		}
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", invalid(ReasonNoID, "the id must be a string or a number")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
