package pdf

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// font turns the codes of a shown string into text and advances.
type font struct {
	twoByte  bool              // codes are two bytes (composite fonts)
	toUni    map[uint32]string // from the ToUnicode CMap
	enc      *[256]string      // a simple font's encoding
	widths   map[uint32]float64
	defWidth float64 // in thousandths of the font size
	symbolic bool    // no way to map its codes to text
}

// glyph is one code of a shown string.
type glyph struct {
	text  string
	width float64 // thousandths of the font size
	space bool    // the single-byte code 32, which word spacing widens
}

func (f *font) decode(s string, out []glyph) []glyph {
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := uint32(s[i])
		if step == 2 {
			code = code<<8 | uint32(s[i+1])
		}
		g := glyph{width: f.defWidth, space: step == 1 && code == 32}
		if w, ok := f.widths[code]; ok {
			g.width = w
		}
		if t, ok := f.toUni[code]; ok {
			g.text = t
		} else if f.enc != nil && code < 256 {
			g.text = f.enc[code]
		} else if !f.symbolic && step == 1 && code >= 32 && code < 127 {
			g.text = string(rune(code))
		}
		out = append(out, g)
	}
	return out
}

// loadFont reads a font dictionary.
func (r *reader) loadFont(d dict) *font {
	f := &font{defWidth: 500, widths: map[uint32]float64{}}
	sub := asName(d["Subtype"])
	if tu, ok := r.resolve(d["ToUnicode"]).(*stream); ok {
		if data, err := r.decode(tu); err == nil {
			f.toUni, f.twoByte = r.parseCMap(data)
		}
	}
	if sub == "Type0" {
		f.twoByte = true
		if enc := asName(r.resolve(d["Encoding"])); enc != "" && enc != "Identity-H" && enc != "Identity-V" && f.toUni == nil {
			f.symbolic = true // a predefined CJK CMap: codes are not Unicode
		}
		desc, _ := r.resolve(d["DescendantFonts"]).(array)
		if len(desc) > 0 {
			dd := asDict(r.resolve(desc[0]))
			f.defWidth = 1000
			if w, ok := asNum(r.resolve(dd["DW"])); ok {
				f.defWidth = w
			}
			r.cidWidths(f, r.resolve(dd["W"]))
		}
		if f.toUni == nil {
			f.symbolic = true
		}
		return f
	}
	// A simple font: an encoding, perhaps with differences, and widths.
	base := "StandardEncoding"
	if sub == "TrueType" {
		base = "WinAnsiEncoding"
	}
	var diffs array
	switch e := r.resolve(d["Encoding"]).(type) {
	case name:
		base = string(e)
	case dict:
		if b := asName(r.resolve(e["BaseEncoding"])); b != "" {
			base = b
		}
		diffs, _ = r.resolve(e["Differences"]).(array)
	}
	desc := asDict(r.resolve(d["FontDescriptor"]))
	if flags, ok := asInt(r.resolve(desc["Flags"])); ok && flags&4 != 0 && flags&32 == 0 && diffs == nil && f.toUni == nil {
		f.symbolic = true // symbolic: the codes name glyphs of its own
	}
	bn := asName(d["BaseFont"])
	if strings.Contains(bn, "Symbol") || strings.Contains(bn, "Dingbats") || strings.Contains(bn, "Wingdings") {
		f.symbolic = true
	}
	if !f.symbolic {
		enc := encoding(base)
		for i, cur := 0, -1; i < len(diffs) && i < 1024; i++ {
			switch v := diffs[i].(type) {
			case int64:
				cur = int(v)
			case name:
				if cur >= 0 && cur < 256 {
					enc[cur] = glyphText(string(v))
				}
				cur++
			}
		}
		f.enc = &enc
	}
	if mw, ok := asNum(r.resolve(desc["MissingWidth"])); ok && mw > 0 {
		f.defWidth = mw
	}
	if strings.Contains(bn, "Courier") {
		f.defWidth = 600
	}
	first, _ := asInt(r.resolve(d["FirstChar"]))
	ws, _ := r.resolve(d["Widths"]).(array)
	for i, w := range ws {
		if i >= 256 {
			break
		}
		if v, ok := asNum(r.resolve(w)); ok {
			f.widths[uint32(first)+uint32(i)] = v
		}
	}
	return f
}

// cidWidths reads a composite font's W array: "c [w1 w2 …]" or
// "cfirst clast w".
func (r *reader) cidWidths(f *font, o object) {
	w, _ := o.(array)
	total := 0
	for i := 0; i < len(w); {
		c, ok := asInt(w[i])
		if !ok || i+1 >= len(w) {
			return
		}
		if list, ok := r.resolve(w[i+1]).(array); ok {
			for k, x := range list {
				if v, ok := asNum(x); ok {
					f.widths[uint32(c)+uint32(k)] = v
				}
			}
			total += len(list)
			i += 2
			continue
		}
		if i+2 >= len(w) {
			return
		}
		last, ok1 := asInt(w[i+1])
		v, ok2 := asNum(w[i+2])
		if !ok1 || !ok2 || last < c {
			return
		}
		for k := c; k <= last && total < 1<<16; k++ {
			f.widths[uint32(k)] = v
			total++
		}
		i += 3
	}
}

// parseCMap reads a ToUnicode CMap: its code space (to learn whether codes
// are one byte or two) and its bfchar and bfrange mappings.
func (r *reader) parseCMap(data []byte) (map[uint32]string, bool) {
	m := map[uint32]string{}
	p := r.parserAt(data, 0)
	twoByte := false
	code := func(s string) uint32 {
		var v uint32
		for i := 0; i < len(s) && i < 4; i++ {
			v = v<<8 | uint32(s[i])
		}
		return v
	}
	var ops []token
	var arrays []array // the destination arrays met in the current section
	for len(m) < 1<<17 {
		t, err := p.next()
		if err != nil || t.k == tEOF {
			break
		}
		if t.k == tArrayOpen {
			// a bfrange destination array: read it whole
			p.unread(t)
			v, err := p.object(1)
			if err != nil {
				break
			}
			if a, ok := v.(array); ok && len(ops) < 1024 {
				ops = append(ops, token{k: tArrayOpen, i: int64(len(arrays))})
				arrays = append(arrays, a)
			}
			continue
		}
		if t.k != tKeyword {
			if len(ops) < 1024 {
				ops = append(ops, t)
			}
			continue
		}
		switch t.s {
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				if len(ops[i].s) >= 2 {
					twoByte = true
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].k == tString && ops[i+1].k == tString {
					m[code(ops[i].s)] = utf16Text(ops[i+1].s)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi, dst := ops[i], ops[i+1], ops[i+2]
				if lo.k != tString || hi.k != tString {
					continue
				}
				a, b := code(lo.s), code(hi.s)
				if b < a || b-a > 1<<16 {
					continue
				}
				switch dst.k {
				case tString:
					u := []rune(utf16Text(dst.s))
					if len(u) == 0 {
						continue
					}
					for c := a; c <= b && len(m) < 1<<17; c++ {
						last := u[len(u)-1] + rune(c-a)
						m[c] = string(u[:len(u)-1]) + string(last)
					}
				case tArrayOpen:
					if int(dst.i) < len(arrays) {
						for k, x := range arrays[dst.i] {
							if s, ok := x.(string); ok && a+uint32(k) <= b {
								m[a+uint32(k)] = utf16Text(s)
							}
						}
					}
				}
			}
		}
		ops, arrays = ops[:0], arrays[:0]
	}
	return m, twoByte
}

// utf16Text decodes UTF-16BE bytes, as CMap destinations are written.
func utf16Text(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// glyphText is the text of a glyph name: the Adobe names in glyphNames,
// uniXXXX and uXXXX[XX], ligatures written a_b, and variants a.sc.
func glyphText(n string) string {
	if i := strings.IndexByte(n, '.'); i > 0 {
		n = n[:i]
	}
	if strings.Contains(n, "_") {
		var b strings.Builder
		for _, part := range strings.Split(n, "_") {
			b.WriteString(glyphText(part))
		}
		return b.String()
	}
	if t, ok := glyphNames[n]; ok {
		return t
	}
	if len(n) == 1 && (n[0] >= 'A' && n[0] <= 'Z' || n[0] >= 'a' && n[0] <= 'z') {
		return n
	}
	if strings.HasPrefix(n, "uni") && len(n) >= 7 && (len(n)-3)%4 == 0 {
		var u []uint16
		for i := 3; i+4 <= len(n); i += 4 {
			v, err := strconv.ParseUint(n[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			u = append(u, uint16(v))
		}
		return string(utf16.Decode(u))
	}
	if strings.HasPrefix(n, "u") && len(n) >= 5 && len(n) <= 7 {
		if v, err := strconv.ParseUint(n[1:], 16, 32); err == nil && v <= 0x10ffff {
			return string(rune(v))
		}
	}
	return ""
}
