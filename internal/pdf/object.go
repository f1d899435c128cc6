package pdf

import (
	"errors"
	"fmt"
)

// Objects: nil (null), bool, int64, float64, name, string (the bytes of a
// PDF string), array, dict, ref and *stream.
type (
	object any
	name   string
	array  []object
	dict   map[name]object
	ref    struct{ num, gen int }
	stream struct {
		d    dict
		raw  []byte // the stream's bytes in the file, still encoded
		num  int    // the object it is, for decryption
		gen  int
		skip bool // not encrypted (a cross-reference stream)
	}
)

// budget counts work or bytes down to zero.
type budget struct {
	left int64
	err  error
}

func (b *budget) spend(n int64) error {
	b.left -= n
	if b.left < 0 {
		return b.err
	}
	return nil
}

// Errors the reader reports; Read wraps them with detail.
var (
	ErrNotPDF    = errors.New("not a PDF")
	ErrEncrypted = errors.New("encrypted with a password")
	ErrTooMuch   = errors.New("beyond the reader's limits")
	ErrDamaged   = errors.New("damaged beyond reading")
)

// parser reads objects from a lexer, with one token of look-ahead for the
// "num gen R" form of references.
type parser struct {
	lex      lexer
	buf      []token
	maxDepth int
}

func (p *parser) next() (token, error) {
	if n := len(p.buf); n > 0 {
		t := p.buf[n-1]
		p.buf = p.buf[:n-1]
		return t, nil
	}
	return p.lex.next()
}

func (p *parser) unread(t token) { p.buf = append(p.buf, t) }

// object reads one object. A keyword where an object should be is
// returned as itself (as a *keyword), for the caller to judge.
func (p *parser) object(depth int) (object, error) {
	if depth > p.maxDepth {
		return nil, fmt.Errorf("objects nested more than %d deep: %w", p.maxDepth, ErrDamaged)
	}
	t, err := p.next()
	if err != nil {
		return nil, err
	}
	switch t.k {
	case tEOF:
		return nil, errEOF
	case tInt:
		// "num gen R" is a reference.
		t2, err := p.next()
		if err != nil {
			return nil, err
		}
		if t2.k == tInt {
			t3, err := p.next()
			if err != nil {
				return nil, err
			}
			if t3.k == tKeyword && t3.s == "R" {
				return ref{int(t.i), int(t2.i)}, nil
			}
			p.unread(t3)
		}
		p.unread(t2)
		return t.i, nil
	case tReal:
		return t.f, nil
	case tName:
		return name(t.s), nil
	case tString:
		return t.s, nil
	case tArrayOpen:
		var a array
		for {
			t, err := p.next()
			if err != nil {
				return nil, err
			}
			if t.k == tArrayClose {
				return a, nil
			}
			if t.k == tEOF {
				return a, nil // cut short: keep what was read
			}
			p.unread(t)
			v, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			if _, ok := v.(keyword); ok {
				continue // stray keyword in an array: skip it
			}
			a = append(a, v)
		}
	case tDictOpen:
		d := dict{}
		for {
			t, err := p.next()
			if err != nil {
				return nil, err
			}
			if t.k == tDictClose || t.k == tEOF {
				return d, nil
			}
			if t.k != tName {
				if t.k == tKeyword && (t.s == "endobj" || t.s == "stream") {
					p.unread(t) // a dictionary left open
					return d, nil
				}
				continue // a key that is not a name: skip it
			}
			v, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			if k, ok := v.(keyword); ok {
				if k == "endobj" || k == "stream" {
					p.unread(token{k: tKeyword, s: string(k)})
					return d, nil
				}
				continue
			}
			if len(d) < 4096 {
				d[name(t.s)] = v
			}
		}
	case tKeyword:
		switch t.s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return keyword(t.s), nil
	}
	return nil, nil
}

// keyword is a bare keyword met where an object was expected.
type keyword string

var errEOF = errors.New("unexpected end of data")

// Accessors that treat a wrong type as absent.

func asDict(o object) dict {
	switch v := o.(type) {
	case dict:
		return v
	case *stream:
		return v.d
	}
	return nil
}

func asInt(o object) (int64, bool) {
	switch v := o.(type) {
	case int64:
		return v, true
	case float64:
		if v >= -1e15 && v <= 1e15 {
			return int64(v), true
		}
	}
	return 0, false
}

func asNum(o object) (float64, bool) {
	switch v := o.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func asName(o object) string {
	if n, ok := o.(name); ok {
		return string(n)
	}
	return ""
}
