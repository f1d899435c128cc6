// Package errs gives errors an operation and a kind, in the style of
// upspin.io/errors, so that the command line can tell a user what went
// wrong and choose an exit code from the kind alone, however deep the error
// was made. Errors are wrapped (errors.Is and errors.As see through them)
// and returned, never logged where they are made.
package errs

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies an error by what the user can do about it.
type Kind uint8

// Kinds of error. Other means "not classified here": an enclosed error may
// still carry a kind, and KindOf looks for it.
const (
	Other    Kind = iota
	Usage         // the command line is wrong
	Invalid       // the input is not a document sitrep can read
	NotExist      // a named file or directory does not exist
	IO            // reading or writing failed
	Internal      // a bug in sitrep
)

func (k Kind) String() string {
	switch k {
	case Usage:
		return "usage"
	case Invalid:
		return "invalid input"
	case NotExist:
		return "does not exist"
	case IO:
		return "I/O error"
	case Internal:
		return "internal error"
	}
	return "error"
}

// Op names the operation that failed, such as "read" or "extract".
type Op string

// Path names the file (or input line) the operation was working on.
type Path string

// String is the path as it is printed: Printable.
func (p Path) String() string { return Printable(string(p)) }

// Printable returns s as it can be shown on a terminal or in a log line:
// unchanged when it is valid UTF-8 without control characters, else
// quoted with Go escapes, so that a file name cannot start a new line,
// move the cursor or forge another message.
func Printable(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Bidi_Control, unicode.Zl, unicode.Zp) {
			return strconv.Quote(s)
		}
	}
	return s
}

// Error is an error with its operation, the path it concerns and its kind.
type Error struct {
	Op   Op
	Path Path
	Kind Kind
	Err  error
}

// E builds an *Error from its arguments, in any order: an Op, a Path, a
// Kind, an error to wrap, or a string that becomes the message. With no
// error and no string the kind's own name is the message.
func E(args ...any) error {
	e := &Error{}
	for _, a := range args {
		switch a := a.(type) {
		case Op:
			e.Op = a
		case Path:
			e.Path = a
		case Kind:
			e.Kind = a
		case error:
			e.Err = a
		case string:
			e.Err = errors.New(a)
		default:
			// A wrong argument is a bug in the caller; say so in the
			// message rather than panic.
			e.Kind = Internal
			e.Err = errors.New("errs.E: bad argument")
		}
	}
	return e
}

// Error reads "op path: kind: message", leaving out what is empty. Only
// the kinds IO and Internal are spelled out, and only once: the message of
// an Invalid, NotExist or Usage error already says what is wrong.
func (e *Error) Error() string {
	var parts []string
	if head := strings.TrimSpace(string(e.Op) + " " + e.Path.String()); head != "" {
		parts = append(parts, head)
	}
	if (e.Kind == IO || e.Kind == Internal) && KindOf(e.Err) != e.Kind || e.Err == nil && e.Kind != Other {
		parts = append(parts, e.Kind.String())
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, ": ")
}

// Unwrap returns the enclosed error.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the first kind other than Other found along err's chain.
// A missing file reported by the os package counts as NotExist.
func KindOf(err error) Kind {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if x, ok := e.(*Error); ok && x.Kind != Other {
			return x.Kind
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return NotExist
	}
	return Other
}

// Is reports whether err is of kind k.
func Is(k Kind, err error) bool { return err != nil && KindOf(err) == k }
