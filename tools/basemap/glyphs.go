package main

import (
	"fmt"
	"image"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Glyphs as maplibre reads them: for each block of 256 code points, a
// protobuf message holding, per glyph, a signed distance field of the
// glyph rendered at 24 px with a 3 px border, and its metrics.
const (
	glyphSize   = 24  // px
	glyphBorder = 3   // px around each bitmap
	sdfRadius   = 8.0 // px of distance the 0–255 range spans
	sdfCutoff   = 0.25
	// glyphTopOffset moves the glyph's top from the baseline to the
	// reference line maplibre lays text out from (its own local glyphs
	// use the same offset).
	glyphTopOffset = 27
)

type glyph struct {
	id                       rune
	bitmap                   []byte
	width, height, left, top int
	advance                  int
}

func writeGlyphs(fontFile, dir, stack string, runes map[rune]bool) error {
	b, err := os.ReadFile(fontFile)
	if err != nil {
		return err
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		return fmt.Errorf("%s: %w", fontFile, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	blocks := map[int][]glyph{}
	var buf sfnt.Buffer
	missing := 0
	for r := range runes {
		g, ok, err := renderGlyph(f, &buf, r)
		if err != nil {
			return fmt.Errorf("glyph %U: %w", r, err)
		}
		if !ok {
			missing++
			continue
		}
		blocks[int(r)/256] = append(blocks[int(r)/256], g)
	}
	total := 0
	for blk, gs := range blocks {
		slices.SortFunc(gs, func(a, b glyph) int { return int(a.id - b.id) })
		rng := fmt.Sprintf("%d-%d", blk*256, blk*256+255)
		msg := encodeGlyphs(stack, rng, gs)
		if err := os.WriteFile(filepath.Join(dir, rng+".pbf"), msg, 0o644); err != nil {
			return err
		}
		total += len(msg)
	}
	log.Printf("glyphs: %d characters in %d blocks, %d bytes; %d not in the font", len(runes)-missing, len(blocks), total, missing)
	return nil
}

// renderGlyph draws one character and computes its distance field; ok is
// false when the font has no glyph for it.
func renderGlyph(f *sfnt.Font, buf *sfnt.Buffer, r rune) (glyph, bool, error) {
	idx, err := f.GlyphIndex(buf, r)
	if err != nil || idx == 0 {
		return glyph{}, false, nil
	}
	ppem := fixed.I(glyphSize)
	adv, err := f.GlyphAdvance(buf, idx, ppem, font.HintingNone)
	if err != nil {
		return glyph{}, false, err
	}
	bounds, _, err := f.GlyphBounds(buf, idx, ppem, font.HintingNone)
	if err != nil {
		return glyph{}, false, err
	}
	g := glyph{id: r, advance: int(math.Round(float64(adv) / 64))}
	minX, minY := int(math.Floor(float64(bounds.Min.X)/64)), int(math.Floor(float64(bounds.Min.Y)/64))
	maxX, maxY := int(math.Ceil(float64(bounds.Max.X)/64)), int(math.Ceil(float64(bounds.Max.Y)/64))
	w, h := maxX-minX, maxY-minY
	if w <= 0 || h <= 0 { // a space
		return g, true, nil
	}
	segs, err := f.LoadGlyph(buf, idx, ppem, nil)
	if err != nil {
		return glyph{}, false, err
	}
	W, H := w+2*glyphBorder, h+2*glyphBorder
	ras := vector.NewRasterizer(W, H)
	// Glyph coordinates have y down from the baseline; shift the
	// bounding box's corner to the border.
	ox, oy := float32(glyphBorder-minX), float32(glyphBorder-minY)
	pt := func(p fixed.Point26_6) (float32, float32) { return float32(p.X)/64 + ox, float32(p.Y)/64 + oy }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			x, y := pt(s.Args[0])
			ras.MoveTo(x, y)
		case sfnt.SegmentOpLineTo:
			x, y := pt(s.Args[0])
			ras.LineTo(x, y)
		case sfnt.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x, y := pt(s.Args[1])
			ras.QuadTo(x1, y1, x, y)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x, y := pt(s.Args[2])
			ras.CubeTo(x1, y1, x2, y2, x, y)
		}
	}
	mask := image.NewAlpha(image.Rect(0, 0, W, H))
	ras.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	g.bitmap = distanceField(mask.Pix, W, H)
	g.width, g.height = w, h
	g.left = minX
	g.top = -minY - glyphTopOffset
	return g, true, nil
}

// distanceField turns coverage (0–255) into a signed distance field:
// 255·(1 − cutoff) on the outline, more inside, less outside, reaching 0
// at sdfRadius·(1 − cutoff) px outside. Distances are exact Euclidean
// (Felzenszwalb and Huttenlocher's transform), with partly covered pixels
// placed between inside and outside by their coverage.
func distanceField(alpha []byte, w, h int) []byte {
	const inf = 1e20
	n := w * h
	outer, inner := make([]float64, n), make([]float64, n)
	for i, a := range alpha {
		switch a {
		case 255:
			outer[i], inner[i] = 0, inf
		case 0:
			outer[i], inner[i] = inf, 0
		default:
			d := 0.5 - float64(a)/255
			outer[i], inner[i] = math.Pow(math.Max(0, d), 2), math.Pow(math.Max(0, -d), 2)
		}
	}
	edt(outer, w, h)
	edt(inner, w, h)
	out := make([]byte, n)
	for i := range out {
		d := math.Sqrt(outer[i]) - math.Sqrt(inner[i])
		v := math.Round(255 - 255*(d/sdfRadius+sdfCutoff))
		out[i] = byte(math.Max(0, math.Min(255, v)))
	}
	return out
}

// edt replaces squared distances to the nearest zero, in place, along
// columns then rows.
func edt(grid []float64, w, h int) {
	m := max(w, h)
	f, d, z, v := make([]float64, m), make([]float64, m), make([]float64, m+1), make([]int, m)
	for x := range w {
		for y := range h {
			f[y] = grid[y*w+x]
		}
		edt1d(f[:h], d[:h], v, z)
		for y := range h {
			grid[y*w+x] = d[y]
		}
	}
	for y := range h {
		copy(f[:w], grid[y*w:y*w+w])
		edt1d(f[:w], d[:w], v, z)
		copy(grid[y*w:y*w+w], d[:w])
	}
}

// edt1d is the lower envelope of parabolas rooted at each f[q].
func edt1d(f, d []float64, v []int, z []float64) {
	n := len(f)
	k := 0
	v[0] = 0
	z[0], z[1] = math.Inf(-1), math.Inf(1)
	for q := 1; q < n; q++ {
		s := ((f[q] + float64(q*q)) - (f[v[k]] + float64(v[k]*v[k]))) / float64(2*q-2*v[k])
		for s <= z[k] {
			k--
			s = ((f[q] + float64(q*q)) - (f[v[k]] + float64(v[k]*v[k]))) / float64(2*q-2*v[k])
		}
		k++
		v[k] = q
		z[k], z[k+1] = s, math.Inf(1)
	}
	k = 0
	for q := range n {
		for z[k+1] < float64(q) {
			k++
		}
		d[q] = float64((q-v[k])*(q-v[k])) + f[v[k]]
	}
}

// encodeGlyphs writes the protobuf message: glyphs { stacks = 1 {
// name = 1; range = 2; glyphs = 3 { id = 1; bitmap = 2; width = 3;
// height = 4; left = 5 (sint32); top = 6 (sint32); advance = 7 } } }.
func encodeGlyphs(stack, rng string, gs []glyph) []byte {
	var fs []byte
	fs = pbBytes(fs, 1, []byte(stack))
	fs = pbBytes(fs, 2, []byte(rng))
	for _, g := range gs {
		var m []byte
		m = pbVarint(m, 1, uint64(g.id))
		if g.bitmap != nil {
			m = pbBytes(m, 2, g.bitmap)
		}
		m = pbVarint(m, 3, uint64(g.width))
		m = pbVarint(m, 4, uint64(g.height))
		m = pbVarint(m, 5, zigzag(g.left))
		m = pbVarint(m, 6, zigzag(g.top))
		m = pbVarint(m, 7, uint64(g.advance))
		fs = pbBytes(fs, 3, m)
	}
	return pbBytes(nil, 1, fs)
}

func zigzag(v int) uint64 { return uint64((int64(v) << 1) ^ (int64(v) >> 63)) }

func pbVarint(b []byte, field int, v uint64) []byte {
	b = appendUvarint(b, uint64(field<<3))
	return appendUvarint(b, v)
}

func pbBytes(b []byte, field int, v []byte) []byte {
	b = appendUvarint(b, uint64(field<<3|2))
	b = appendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}
