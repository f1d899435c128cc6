package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// xrefEntry says where an object is: at an offset in the file, or at an
// index inside an object stream.
type xrefEntry struct {
	offset   int
	inStream bool
	stm, idx int
}

// reader gives access to the objects of one file.
type reader struct {
	data      []byte
	lim       Limits
	work      budget // tokens read
	decoded   budget // bytes produced by stream filters
	xref      map[int]xrefEntry
	trailer   dict
	cache     map[int]object
	resolving map[int]bool
	objStms   map[int]*objStm
	crypt     *decrypter
}

// objStm is a parsed object stream: its decoded bytes and where each
// object it holds starts.
type objStm struct {
	data    []byte
	offsets []int
	nums    []int
}

func (r *reader) parserAt(b []byte, pos int) *parser {
	return &parser{lex: lexer{b: b, pos: pos, work: &r.work}, maxDepth: r.lim.MaxDepth}
}

// load reads the cross-reference sections from the end of the file,
// newest first, and falls back to scanning the file for objects when they
// are missing or damaged.
func (r *reader) load() error {
	r.xref = map[int]xrefEntry{}
	r.trailer = dict{}
	r.cache = map[int]object{}
	r.resolving = map[int]bool{}
	r.objStms = map[int]*objStm{}
	if err := r.loadXref(); err != nil || r.trailer["Root"] == nil {
		if errors.Is(err, ErrTooMuch) {
			return err
		}
		if err := r.reconstruct(); err != nil {
			return err
		}
	}
	if r.trailer["Root"] == nil {
		return fmt.Errorf("no document catalog: %w", ErrDamaged)
	}
	return nil
}

// startxref finds the offset the file's last startxref gives.
func (r *reader) startxref() int {
	tail := r.data[max(0, len(r.data)-4096):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return -1
	}
	p := r.parserAt(tail, i+len("startxref"))
	t, err := p.next()
	if err != nil || t.k != tInt || t.i < 0 || t.i >= int64(len(r.data)) {
		return -1
	}
	return int(t.i)
}

func (r *reader) loadXref() error {
	off := r.startxref()
	if off < 0 {
		return fmt.Errorf("no startxref: %w", ErrDamaged)
	}
	seen := map[int]bool{}
	for off >= 0 && !seen[off] {
		if len(seen) >= 256 {
			return fmt.Errorf("more than 256 cross-reference sections: %w", ErrTooMuch)
		}
		seen[off] = true
		trailer, err := r.xrefSection(off)
		if err != nil {
			return err
		}
		for k, v := range trailer {
			if _, ok := r.trailer[k]; !ok && k != "Prev" && k != "XRefStm" {
				r.trailer[k] = v
			}
		}
		// A hybrid file lists its compressed objects in a stream too.
		if x, ok := asInt(trailer["XRefStm"]); ok && x > 0 && x < int64(len(r.data)) && !seen[int(x)] {
			seen[int(x)] = true
			if _, err := r.xrefSection(int(x)); err != nil {
				return err
			}
		}
		off = -1
		if p, ok := asInt(trailer["Prev"]); ok && p >= 0 && p < int64(len(r.data)) {
			off = int(p)
		}
	}
	return nil
}

// xrefSection reads one cross-reference table with its trailer, or one
// cross-reference stream, adding entries not already known (newer
// sections are read first).
func (r *reader) xrefSection(off int) (dict, error) {
	p := r.parserAt(r.data, off)
	t, err := p.next()
	if err != nil {
		return nil, err
	}
	if t.k == tKeyword && t.s == "xref" {
		return r.xrefTable(p)
	}
	p.unread(t)
	obj, err := r.indirectAt(p, -1)
	if err != nil {
		return nil, err
	}
	s, ok := obj.(*stream)
	if !ok || asName(s.d["Type"]) != "XRef" {
		return nil, fmt.Errorf("no cross-reference section at %d: %w", off, ErrDamaged)
	}
	s.skip = true
	return s.d, r.xrefStream(s)
}

func (r *reader) xrefTable(p *parser) (dict, error) {
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t.k == tKeyword && t.s == "trailer" {
			v, err := p.object(0)
			if err != nil {
				return nil, err
			}
			d, _ := v.(dict)
			return d, nil
		}
		if t.k != tInt {
			return nil, fmt.Errorf("cross-reference table: %w", ErrDamaged)
		}
		c, err := p.next()
		if err != nil {
			return nil, err
		}
		if c.k != tInt || c.i < 0 || t.i < 0 {
			return nil, fmt.Errorf("cross-reference subsection: %w", ErrDamaged)
		}
		for i := int64(0); i < c.i; i++ {
			o, err1 := p.next()
			g, err2 := p.next()
			kind, err3 := p.next()
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, err
			}
			if o.k != tInt || g.k != tInt || kind.k != tKeyword {
				return nil, fmt.Errorf("cross-reference entry: %w", ErrDamaged)
			}
			num := int(t.i + i)
			if _, ok := r.xref[num]; ok || num > r.lim.MaxObjects {
				continue
			}
			if kind.s == "n" && o.i > 0 && o.i < int64(len(r.data)) {
				r.xref[num] = xrefEntry{offset: int(o.i)}
			} else {
				r.xref[num] = xrefEntry{offset: -1} // free
			}
		}
	}
}

func (r *reader) xrefStream(s *stream) error {
	data, err := r.decode(s)
	if err != nil {
		return err
	}
	w, _ := s.d["W"].(array)
	if len(w) < 3 {
		return fmt.Errorf("cross-reference stream without W: %w", ErrDamaged)
	}
	var widths [3]int
	total := 0
	for i := range 3 {
		n, ok := asInt(w[i])
		if !ok || n < 0 || n > 8 {
			return fmt.Errorf("cross-reference stream W: %w", ErrDamaged)
		}
		widths[i] = int(n)
		total += int(n)
	}
	if total == 0 {
		return fmt.Errorf("cross-reference stream W: %w", ErrDamaged)
	}
	size, _ := asInt(s.d["Size"])
	index, _ := s.d["Index"].(array)
	if index == nil {
		index = array{int64(0), size}
	}
	field := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	pos := 0
	for k := 0; k+1 < len(index); k += 2 {
		start, ok1 := asInt(index[k])
		n, ok2 := asInt(index[k+1])
		if !ok1 || !ok2 || start < 0 || n < 0 {
			return fmt.Errorf("cross-reference stream Index: %w", ErrDamaged)
		}
		for i := int64(0); i < n && pos+total <= len(data); i++ {
			row := data[pos : pos+total]
			pos += total
			typ := 1
			if widths[0] > 0 {
				typ = field(row[:widths[0]])
			}
			f2 := field(row[widths[0] : widths[0]+widths[1]])
			f3 := field(row[widths[0]+widths[1]:])
			num := int(start + i)
			if _, ok := r.xref[num]; ok || num > r.lim.MaxObjects {
				continue
			}
			switch typ {
			case 1:
				if f2 > 0 && f2 < len(r.data) {
					r.xref[num] = xrefEntry{offset: f2}
				}
			case 2:
				r.xref[num] = xrefEntry{inStream: true, stm: f2, idx: f3}
			default:
				r.xref[num] = xrefEntry{offset: -1}
			}
		}
	}
	return nil
}

// reconstruct rebuilds the cross-reference table by finding every "num
// gen obj" in the file (later definitions win, as incremental updates
// intend), every trailer, and the objects inside object streams.
func (r *reader) reconstruct() error {
	r.xref = map[int]xrefEntry{}
	r.cache = map[int]object{}
	trailer := dict{}
	b := r.data
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if err := r.work.spend(1); err != nil {
			return err
		}
		if at+3 < len(b) && !isWhite(b[at+3]) && !isDelim(b[at+3]) {
			continue // "objective", "endobj" is caught below
		}
		// back over "gen" and "num", each after white space
		k := at - 1
		for k >= 0 && isWhite(b[k]) {
			k--
		}
		g := k
		for k >= 0 && b[k] >= '0' && b[k] <= '9' {
			k--
		}
		if k == g || k < 0 || !isWhite(b[k]) {
			continue
		}
		for k >= 0 && isWhite(b[k]) {
			k--
		}
		n := k
		for k >= 0 && b[k] >= '0' && b[k] <= '9' {
			k--
		}
		if k == n || n-k > 10 || k >= 0 && !isWhite(b[k]) && !isDelim(b[k]) {
			continue
		}
		num := 0
		for _, c := range b[k+1 : n+1] {
			num = num*10 + int(c-'0')
		}
		if num <= r.lim.MaxObjects {
			r.xref[num] = xrefEntry{offset: k + 1}
		}
	}
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("trailer"))
		if j < 0 {
			break
		}
		i += j + len("trailer")
		v, err := r.parserAt(b, i).object(0)
		if errors.Is(err, ErrTooMuch) {
			return err
		}
		for k, x := range asDict(v) {
			trailer[k] = x // later trailers win
		}
	}
	// Objects inside object streams, unless defined in the open; and a
	// cross-reference stream's dictionary serves as a trailer.
	// In object order: what is read first is cached, so the order must
	// not depend on the map's.
	direct := slices.Sorted(maps.Keys(r.xref))
	for _, num := range direct {
		s, ok := r.get(num).(*stream)
		if !ok {
			continue
		}
		switch asName(s.d["Type"]) {
		case "ObjStm":
			st, err := r.objStm(num)
			if err != nil {
				if errors.Is(err, ErrTooMuch) {
					return err
				}
				continue
			}
			for idx, n := range st.nums {
				if _, ok := r.xref[n]; !ok && n <= r.lim.MaxObjects {
					r.xref[n] = xrefEntry{inStream: true, stm: num, idx: idx}
				}
			}
		case "XRef":
			for _, k := range []name{"Root", "Info", "Encrypt", "ID"} {
				if _, ok := trailer[k]; !ok && s.d[k] != nil {
					trailer[k] = s.d[k]
				}
			}
		}
	}
	if trailer["Root"] == nil {
		// Last resort: the catalog itself.
		for _, num := range slices.Sorted(maps.Keys(r.xref)) {
			if asName(asDict(r.get(num))["Type"]) == "Catalog" {
				trailer["Root"] = ref{num, 0}
				break
			}
		}
	}
	r.trailer = trailer
	return nil
}

// indirectAt reads "num gen obj" and the object after it (a stream when
// the keyword stream follows). want is the expected object number, or -1.
func (r *reader) indirectAt(p *parser, want int) (object, error) {
	n, err1 := p.next()
	g, err2 := p.next()
	kw, err3 := p.next()
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, err
	}
	if n.k != tInt || g.k != tInt || kw.k != tKeyword || kw.s != "obj" || want >= 0 && int(n.i) != want {
		return nil, fmt.Errorf("object %d not where the cross-reference says: %w", want, ErrDamaged)
	}
	v, err := p.object(0)
	if err != nil {
		return nil, err
	}
	t, err := p.next()
	if err != nil {
		return nil, err
	}
	if t.k != tKeyword || t.s != "stream" {
		return v, nil
	}
	d, _ := v.(dict)
	s := &stream{d: d, num: int(n.i), gen: int(g.i)}
	// The data starts after the end of line that follows "stream".
	pos := p.lex.pos
	if pos < len(r.data) && r.data[pos] == '\r' {
		pos++
	}
	if pos < len(r.data) && r.data[pos] == '\n' {
		pos++
	}
	s.raw = r.streamData(pos, d)
	return s, nil
}

// streamData finds a stream's bytes: Length bytes when "endstream"
// follows them, else up to the next "endstream".
func (r *reader) streamData(pos int, d dict) []byte {
	if pos > len(r.data) {
		return nil
	}
	if n, ok := asInt(r.resolve(d["Length"])); ok && n >= 0 && int64(pos)+n <= int64(len(r.data)) {
		end := pos + int(n)
		k := end
		for k < len(r.data) && isWhite(r.data[k]) {
			k++
		}
		if bytes.HasPrefix(r.data[k:], []byte("endstream")) {
			return r.data[pos:end]
		}
	}
	end := bytes.Index(r.data[pos:], []byte("endstream"))
	if end < 0 {
		return r.data[pos:]
	}
	end += pos
	if end > pos && r.data[end-1] == '\n' {
		end--
	}
	if end > pos && r.data[end-1] == '\r' {
		end--
	}
	return r.data[pos:end]
}

// get returns object num, or nil when it is missing, damaged or being
// resolved already (a reference cycle).
func (r *reader) get(num int) object {
	if v, ok := r.cache[num]; ok {
		return v
	}
	e, ok := r.xref[num]
	if !ok || r.resolving[num] || r.work.left < 0 {
		return nil
	}
	r.resolving[num] = true
	defer delete(r.resolving, num)
	var v object
	if e.inStream {
		v = r.fromObjStm(e.stm, e.idx, num)
	} else if e.offset >= 0 {
		obj, err := r.indirectAt(r.parserAt(r.data, e.offset), num)
		if err == nil {
			v = obj
		}
		if r.crypt != nil {
			v = r.crypt.decryptObject(v, num, e)
		}
	}
	r.cache[num] = v
	return v
}

// resolve follows references to the object they name.
func (r *reader) resolve(o object) object {
	for hops := 0; hops < 32; hops++ {
		x, ok := o.(ref)
		if !ok {
			return o
		}
		o = r.get(x.num)
	}
	return nil
}

func (r *reader) objStm(num int) (*objStm, error) {
	if st, ok := r.objStms[num]; ok {
		if st == nil {
			return nil, fmt.Errorf("object stream %d: %w", num, ErrDamaged)
		}
		return st, nil
	}
	r.objStms[num] = nil
	s, ok := r.get(num).(*stream)
	if !ok {
		return nil, fmt.Errorf("object stream %d: %w", num, ErrDamaged)
	}
	data, err := r.decode(s)
	if err != nil {
		return nil, err
	}
	n, _ := asInt(s.d["N"])
	first, _ := asInt(s.d["First"])
	if n < 0 || first < 0 || first > int64(len(data)) || n > int64(len(data)) {
		return nil, fmt.Errorf("object stream %d: %w", num, ErrDamaged)
	}
	p := r.parserAt(data, 0)
	st := &objStm{data: data}
	for range n {
		a, err1 := p.next()
		b, err2 := p.next()
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if a.k != tInt || b.k != tInt || b.i < 0 || first+b.i > int64(len(data)) {
			break
		}
		st.nums = append(st.nums, int(a.i))
		st.offsets = append(st.offsets, int(first+b.i))
	}
	r.objStms[num] = st
	return st, nil
}

func (r *reader) fromObjStm(stm, idx, num int) object {
	if r.resolving[-1-stm] {
		return nil // an object stream inside itself
	}
	r.resolving[-1-stm] = true
	defer delete(r.resolving, -1-stm)
	st, err := r.objStm(stm)
	if err != nil || idx < 0 || idx >= len(st.offsets) || st.nums[idx] != num {
		return nil
	}
	v, err := r.parserAt(st.data, st.offsets[idx]).object(0)
	if err != nil {
		return nil
	}
	if _, ok := v.(keyword); ok {
		return nil
	}
	return v
}
