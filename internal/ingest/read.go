// Package ingest reads documents from outside: files, standard input and
// JSON Lines batches. It refuses what is not text, repairs what can be
// repaired and says which, and never holds more than one capped document
// (or one capped input line) in memory.
//
// Offsets: sitrep reports UTF-8 byte offsets into the text exactly as
// ingest returns it. Line endings (CRLF or LF) are kept as given; only a
// leading UTF-8 byte-order mark is removed, and invalid UTF-8 bytes are
// each replaced by U+FFFD (three bytes), which moves later offsets.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
	"unicode/utf8"

	"sitrep/internal/errs"
)

// DefaultMaxBytes caps one document (32 MiB); larger input is refused, not
// truncated, because a truncated article would be silently misreported.
const DefaultMaxBytes = 32 << 20

// binaryWindow is how much of a document the control-character test looks
// at: enough to recognise any binary format, cheap on a large file.
const binaryWindow = 64 << 10

// Text validates raw bytes as a document text: it refuses empty input and
// binary data, strips a UTF-8 byte-order mark and replaces each invalid
// UTF-8 byte with U+FFFD, returning how many it replaced.
func Text(raw []byte) (text string, repaired int, err error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", 0, invalid(ReasonEmpty, "nothing but white space")
	}
	if err := binaryCheck(raw); err != nil {
		return "", 0, err
	}
	if utf8.Valid(raw) {
		return string(raw), 0, nil
	}
	b := make([]byte, 0, len(raw)+len(raw)/8)
	for len(raw) > 0 {
		r, n := utf8.DecodeRune(raw)
		if r == utf8.RuneError && n <= 1 {
			repaired++
			b = utf8.AppendRune(b, utf8.RuneError)
			raw = raw[1:]
			continue
		}
		b = append(b, raw[:n]...)
		raw = raw[n:]
	}
	return string(b), repaired, nil
}

// CountInvalid counts the invalid UTF-8 bytes in b: the number Text would
// repair.
func CountInvalid(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

// binaryCheck says why raw is not text, or nil when it may be. A NUL byte
// anywhere is never part of an article; UTF-16 is named because it is the
// one binary-looking encoding a user may mistake for text.
func binaryCheck(raw []byte) error {
	if isUTF16(raw) {
		return invalid(ReasonUTF16, "sitrep reads UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return invalid(ReasonBinary, "the input contains NUL bytes; sitrep reads text only")
	}
	w := raw
	if len(w) > binaryWindow {
		w = w[:binaryWindow]
	}
	ctl := 0
	for _, c := range w {
		if c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			ctl++
		}
	}
	// Text has at most a stray control character; one byte in twenty is
	// far beyond that and well below what binary formats show.
	if ctl*20 > len(w) {
		return invalid(ReasonBinary, fmt.Sprintf("%d control characters in the first %d bytes; sitrep reads text only", ctl, len(w)))
	}
	return nil
}

// isUTF16 reports whether raw is UTF-16 text with a byte-order mark: the
// mark, an even length, no broken surrogate pair and, as any text has, a
// share of code units below U+0100 (spaces, digits, line ends). Text that
// merely starts with the bytes FF FE has none: read as UTF-16, its ASCII
// pairs make code units far above U+00FF.
func isUTF16(raw []byte) bool {
	var le bool
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		le = true
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
	default:
		return false
	}
	b := raw[2:min(len(raw), binaryWindow)]
	if len(raw)%2 != 0 || len(b) < 2 {
		return false
	}
	units, low, pending := 0, 0, false
	for i := 0; i+1 < len(b); i += 2 {
		u := uint16(b[i])<<8 | uint16(b[i+1])
		if le {
			u = uint16(b[i+1])<<8 | uint16(b[i])
		}
		units++
		switch {
		case u >= 0xd800 && u < 0xdc00:
			if pending {
				return false
			}
			pending = true
			continue
		case u >= 0xdc00 && u < 0xe000:
			if !pending {
				return false
			}
		case pending:
			return false
		case u < 0x100:
			low++
		}
		pending = false
	}
	return low*10 >= units
}

// ReadFile reads one document's bytes from path, or from stdin when path is
// "-", refusing more than max bytes. A file whose size is known to be over
// the cap is refused before it is opened; a stream is read only up to
// max+1 bytes, so memory stays bounded by the cap whatever the input.
func ReadFile(path string, stdin io.Reader, max int64) ([]byte, error) {
	op := errs.Op("read")
	name := errs.Path(path)
	src := stdin
	if path == "-" {
		name = "standard input"
		if stdin == nil {
			return nil, errs.E(op, name, errs.Invalid, "no standard input")
		}
	} else {
		st, err := os.Stat(path)
		if err != nil {
			return nil, errs.E(op, name, statKind(err), osErr(err))
		}
		if st.IsDir() {
			return nil, errs.E(op, name, invalid(ReasonDirectory, "name a document, or one JSON Lines file with --out"))
		}
		if st.Mode().IsRegular() && st.Size() > max {
			return nil, errs.E(op, name, invalid(ReasonTooLarge, fmt.Sprintf("%d bytes, more than the %d allowed per document (see --max-bytes)", st.Size(), max)))
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, errs.E(op, name, statKind(err), osErr(err))
		}
		defer f.Close()
		src = f
	}
	b, err := io.ReadAll(io.LimitReader(src, max+1))
	if err != nil {
		return nil, errs.E(op, name, errs.IO, err)
	}
	if int64(len(b)) > max {
		return nil, errs.E(op, name, invalid(ReasonTooLarge, fmt.Sprintf("more than the %d bytes allowed per document (see --max-bytes)", max)))
	}
	return b, nil
}

// ReadText is ReadFile followed by Text: the validated text of one
// document and the number of invalid UTF-8 bytes repaired in it.
func ReadText(path string, stdin io.Reader, max int64) (string, int, error) {
	raw, err := ReadFile(path, stdin, max)
	if err != nil {
		return "", 0, err
	}
	name := errs.Path(path)
	if path == "-" {
		name = "standard input"
	}
	txt, n, err := Text(raw)
	if err != nil {
		return "", 0, errs.E(errs.Op("read"), name, err)
	}
	return txt, n, nil
}

// osErr drops the operation and path an *fs.PathError repeats, since the
// errs.Error around it names them already, keeping errors.Is working.
func osErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func statKind(err error) errs.Kind {
	if os.IsNotExist(err) {
		return errs.NotExist
	}
	if os.IsPermission(err) {
		return errs.Invalid
	}
	return errs.IO
}

// ValidDate checks a YYYY-MM-DD publication date, including that the day
// exists in its month.
func ValidDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return invalid(ReasonBadDate, fmt.Sprintf("%q is not a date written YYYY-MM-DD", s))
	}
	return nil
}

// Reason is why an input was refused, in a few words. Errors of kind
// Invalid made here wrap one, so a batch can tally its failures by reason
// without reading messages.
type Reason string

func (r Reason) Error() string { return string(r) }

// Reasons for refusing input.
const (
	ReasonEmpty       Reason = "empty document"
	ReasonBinary      Reason = "binary data"
	ReasonUTF16       Reason = "UTF-16 text"
	ReasonTooLarge    Reason = "over the size limit"
	ReasonDirectory   Reason = "is a directory"
	ReasonLineTooLong Reason = "line too long"
	ReasonNotJSON     Reason = "not a JSON object"
	ReasonNoID        Reason = `missing "id"`
	ReasonNoText      Reason = `missing "text"`
	ReasonBadDate     Reason = "bad publication date"
	ReasonDamaged     Reason = "damaged gzip stream"
	ReasonMalformed   Reason = "malformed container"
	ReasonNoContent   Reason = "no readable text"
	ReasonTimeout     Reason = "timed out"
	ReasonNotPDF      Reason = "not a PDF"
	ReasonNoTextLayer Reason = "a scanned PDF without a text layer"
	ReasonEncrypted   Reason = "an encrypted PDF"
	ReasonFetch       Reason = "capture failed"
)

// invalid makes an Invalid error for reason with a detail after it.
func invalid(r Reason, detail string) error {
	if detail == "" {
		return errs.E(errs.Invalid, error(r))
	}
	return errs.E(errs.Invalid, fmt.Errorf("%w: %s", r, detail))
}
