package pdf

import (
	"bytes"
	"strconv"
)

// The PDF syntax: tokens, and the objects built from them (ISO 32000-1,
// section 7.2 and 7.3).

type tokKind uint8

const (
	tEOF tokKind = iota
	tInt
	tReal
	tName
	tString
	tKeyword // operators, true, false, null, obj, R, stream…
	tArrayOpen
	tArrayClose
	tDictOpen
	tDictClose
)

type token struct {
	k tokKind
	s string // name (without /), keyword, or string bytes
	i int64
	f float64
}

// lexer reads tokens from b starting at pos, charging each token to work.
type lexer struct {
	b    []byte
	pos  int
	work *budget
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next token; errors are budget exhaustion only: bad
// syntax yields keywords the parser does not expect.
func (l *lexer) next() (token, error) {
	if err := l.work.spend(1); err != nil {
		return token{}, err
	}
	l.skipSpace()
	if l.pos >= len(l.b) {
		return token{k: tEOF}, nil
	}
	c := l.b[l.pos]
	switch {
	case c == '[':
		l.pos++
		return token{k: tArrayOpen}, nil
	case c == ']':
		l.pos++
		return token{k: tArrayClose}, nil
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		return token{k: tDictOpen}, nil
	case c == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>':
		l.pos += 2
		return token{k: tDictClose}, nil
	case c == '<':
		return l.hexString()
	case c == '(':
		return l.literalString()
	case c == '/':
		return l.name(), nil
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return l.number(), nil
	case c == ')' || c == '>' || c == '{' || c == '}':
		l.pos++
		return token{k: tKeyword, s: string(c)}, nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	return token{k: tKeyword, s: string(l.b[start:l.pos])}, nil
}

func (l *lexer) number() token {
	start := l.pos
	l.pos++
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' {
			l.pos++
			continue
		}
		break
	}
	s := string(l.b[start:l.pos])
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return token{k: tInt, i: i, f: float64(i)}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// "--5", "4.-2": what readers do is take what parses, else 0.
		f = 0
	}
	return token{k: tReal, f: f}
}

func (l *lexer) name() token {
	l.pos++ // '/'
	var b []byte
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) || isDelim(c) {
			break
		}
		if c == '#' && l.pos+2 < len(l.b) {
			if v, ok := unhex2(l.b[l.pos+1], l.b[l.pos+2]); ok {
				b = append(b, v)
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return token{k: tName, s: string(b)}
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

func (l *lexer) hexString() (token, error) {
	l.pos++ // '<'
	var b []byte
	var hi byte
	half := false
	for l.pos < len(l.b) && l.b[l.pos] != '>' {
		if v, ok := unhex(l.b[l.pos]); ok {
			if half {
				b = append(b, hi<<4|v)
			} else {
				hi = v
			}
			half = !half
		}
		l.pos++
	}
	l.pos++ // '>'
	if half {
		b = append(b, hi<<4)
	}
	return token{k: tString, s: string(b)}, l.work.spend(int64(len(b) / 64))
}

func (l *lexer) literalString() (token, error) {
	l.pos++ // '('
	var b []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return token{k: tString, s: string(b)}, l.work.spend(int64(len(b) / 64))
			}
		case '\\':
			if l.pos >= len(l.b) {
				continue
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue // a line continuation
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		case '\r':
			// an end of line in a string is a line feed
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
			c = '\n'
		}
		b = append(b, c)
	}
	return token{k: tString, s: string(b)}, l.work.spend(int64(len(b) / 64))
}

// skipInlineImage moves past an inline image's data, which follows the ID
// operator and ends at EI between white space.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for {
		i := bytes.Index(l.b[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.b)
			return
		}
		at := l.pos + i
		if (at == 0 || isWhite(l.b[at-1])) && (at+2 >= len(l.b) || isWhite(l.b[at+2]) || isDelim(l.b[at+2])) {
			l.pos = at + 2
			return
		}
		l.pos = at + 2
	}
}
