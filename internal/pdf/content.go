package pdf

import (
	"math"
	"strings"
	"unicode"
)

// A page's text is read by running its content stream's text operators
// (ISO 32000-1, section 9.4) and placing each shown string where the text
// and transformation matrices put it; strings are then joined into lines
// by their baselines, and lines into paragraphs by the space between them.

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// run is one shown string: where it starts and ends on the page, and its
// size there.
type run struct {
	x, y, endX, size float64
	text             string
}

type gstate struct {
	ctm                                     matrix
	font                                    *font
	size, charSp, wordSp, scale, lead, rise float64
}

// pageText collects the runs of one page.
type pageText struct {
	r     *reader
	runs  []run
	chars int // text bytes collected
	fonts map[ref]*font
	forms map[int]bool // form XObjects being drawn, against cycles
	depth int
	max   int // stop collecting past this many bytes
}

// content runs a content stream with the given resources.
func (pt *pageText) content(data []byte, res dict, ctm matrix) error {
	gs := gstate{ctm: ctm, scale: 1}
	var stack []gstate
	tm, tlm := identity, identity
	p := pt.r.parserAt(data, 0)
	p.maxDepth = 8
	var ops []object
	fontsOf := asDict(pt.r.resolve(res["Font"]))
	show := func(s string) {
		if gs.font == nil {
			gs.font = &font{defWidth: 500, widths: map[uint32]float64{}}
		}
		var gl [64]glyph
		glyphs := gs.font.decode(s, gl[:0])
		start := matrix{gs.size * gs.scale, 0, 0, gs.size, 0, gs.rise}.mul(tm).mul(gs.ctm)
		size := math.Hypot(start[2], start[3])
		var b strings.Builder
		for _, g := range glyphs {
			b.WriteString(g.text)
			adv := g.width/1000*gs.size + gs.charSp
			if g.space {
				adv += gs.wordSp
			}
			tm = translate(adv*gs.scale, 0).mul(tm)
		}
		end := matrix{gs.size * gs.scale, 0, 0, gs.size, 0, gs.rise}.mul(tm).mul(gs.ctm)
		if t := b.String(); t != "" && pt.chars < pt.max {
			pt.runs = append(pt.runs, run{x: start[4], y: start[5], endX: end[4], size: size, text: t})
			pt.chars += len(t)
		}
	}
	num := func(i int) float64 {
		if i < 0 || i >= len(ops) {
			return 0
		}
		v, _ := asNum(ops[i])
		return v
	}
	for {
		v, err := p.object(0)
		if err == errEOF {
			return nil
		}
		if err != nil {
			return err
		}
		op, ok := v.(keyword)
		if !ok {
			if len(ops) < 64 {
				ops = append(ops, v)
			}
			continue
		}
		n := len(ops)
		switch op {
		case "q":
			if len(stack) < 64 {
				stack = append(stack, gs)
			}
		case "Q":
			if k := len(stack); k > 0 {
				gs, stack = stack[k-1], stack[:k-1]
			}
		case "cm":
			if n >= 6 {
				gs.ctm = matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if n >= 2 {
				gs.font = pt.font(fontsOf[name(asName(ops[n-2]))])
				gs.size = num(n - 1)
			}
		case "Tc":
			gs.charSp = num(n - 1)
		case "Tw":
			gs.wordSp = num(n - 1)
		case "Tz":
			gs.scale = num(n-1) / 100
		case "TL":
			gs.lead = num(n - 1)
		case "Ts":
			gs.rise = num(n - 1)
		case "Td", "TD":
			if n >= 2 {
				if op == "TD" {
					gs.lead = -num(n - 1)
				}
				tlm = translate(num(n-2), num(n-1)).mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n >= 6 {
				tlm = matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}
				tm = tlm
			}
		case "T*":
			tlm = translate(0, -gs.lead).mul(tlm)
			tm = tlm
		case "Tj":
			if n >= 1 {
				s, _ := ops[n-1].(string)
				show(s)
			}
		case "'", "\"":
			if op == "\"" && n >= 3 {
				gs.wordSp, gs.charSp = num(n-3), num(n-2)
			}
			tlm = translate(0, -gs.lead).mul(tlm)
			tm = tlm
			if n >= 1 {
				s, _ := ops[n-1].(string)
				show(s)
			}
		case "TJ":
			if n >= 1 {
				a, _ := ops[n-1].(array)
				for _, x := range a {
					switch v := x.(type) {
					case string:
						show(v)
					default:
						if k, ok := asNum(v); ok {
							tm = translate(-k/1000*gs.size*gs.scale, 0).mul(tm)
						}
					}
				}
			}
		case "Do":
			if n >= 1 {
				if err := pt.form(asDict(pt.r.resolve(res["XObject"]))[name(asName(ops[n-1]))], res, gs.ctm); err != nil {
					return err
				}
			}
		case "ID":
			p.lex.skipInlineImage()
		}
		ops = ops[:0]
	}
}

// font returns the font a resource names, reading each referenced font
// once per page.
func (pt *pageText) font(o object) *font {
	x, isRef := o.(ref)
	if f, ok := pt.fonts[x]; isRef && ok {
		return f
	}
	var f *font
	if d := asDict(pt.r.resolve(o)); d != nil {
		f = pt.r.loadFont(d)
	}
	if isRef {
		pt.fonts[x] = f
	}
	return f
}

// form draws a form XObject: its own content with its resources.
func (pt *pageText) form(o object, res dict, ctm matrix) error {
	x, isRef := o.(ref)
	s, ok := pt.r.resolve(o).(*stream)
	if !ok || asName(s.d["Subtype"]) != "Form" || pt.depth >= 8 || isRef && pt.forms[x.num] {
		return nil
	}
	if isRef {
		pt.forms[x.num] = true
		defer delete(pt.forms, x.num)
	}
	data, err := pt.r.decode(s)
	if err != nil {
		return budgetErr(err)
	}
	if r := asDict(pt.r.resolve(s.d["Resources"])); r != nil {
		res = r
	}
	if m, ok := pt.r.resolve(s.d["Matrix"]).(array); ok && len(m) == 6 {
		var fm matrix
		for i := range 6 {
			fm[i], _ = asNum(m[i])
		}
		ctm = fm.mul(ctm)
	}
	pt.depth++
	defer func() { pt.depth-- }()
	return pt.content(data, res, ctm)
}

// budgetErr passes on the errors that must stop reading (limits) and
// drops those that only lose one stream.
func budgetErr(err error) error {
	if isTooMuch(err) {
		return err
	}
	return nil
}

// text joins a page's runs into lines and paragraphs.
func (pt *pageText) text() string {
	var b strings.Builder
	var line strings.Builder
	var lineY, lineEnd, lineSize, prevY, prevSize float64
	haveLine, havePrev := false, false
	flush := func() {
		t := strings.TrimSpace(line.String())
		line.Reset()
		if t == "" {
			return
		}
		if havePrev {
			gap := prevY - lineY
			switch {
			case gap > 1.6*max(prevSize, lineSize) || gap < -0.5*lineSize ||
				math.Abs(lineSize-prevSize) > 0.2*max(prevSize, lineSize):
				b.WriteString("\n\n") // space, a column's top, or a change of size: a new paragraph
			default:
				s := b.String()
				if r := lastRune(s); r == '-' && len(s) > 1 && unicode.IsLetter(lastRune(s[:len(s)-1])) && unicode.IsLower(firstRune(t)) {
					// a word broken at the end of the line keeps its hyphen
				} else {
					b.WriteByte(' ')
				}
			}
		}
		b.WriteString(t)
		prevY, prevSize, havePrev = lineY, lineSize, true
	}
	for _, r := range pt.runs {
		size := max(r.size, 1)
		switch {
		case !haveLine || math.Abs(r.y-lineY) > 0.5*size:
			flush()
			lineY, lineSize, haveLine = r.y, size, true
		case r.x-lineEnd > 0.15*size || r.x < lineEnd-2*size:
			if s := line.String(); s != "" && !strings.HasSuffix(s, " ") && !strings.HasPrefix(r.text, " ") {
				line.WriteByte(' ')
			}
		}
		line.WriteString(r.text)
		lineEnd = r.endX
		lineSize = max(lineSize, size)
	}
	flush()
	return clean(b.String())
}

// clean drops control characters and collapses runs of spaces.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
			space = false
			continue
		case r == 0xfffd || r == 0xad:
			continue
		case r >= 0xfb00 && r <= 0xfb06:
			b.WriteString(ligatures[r-0xfb00]) // the letters a ligature glyph stands for
			space = false
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case unicode.IsControl(r) || r >= 0xe000 && r <= 0xf8ff:
			continue // controls, and private-use code points of symbol fonts
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), " \n", "\n"))
}

var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

func lastRune(s string) rune {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xc0 {
			r := []rune(s[i:])
			if len(r) > 0 {
				return r[0]
			}
		}
	}
	return 0
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
