// Command basemap builds the web interface's embedded base map from
// Natural Earth's public-domain data: land, coastlines, country borders
// and first-level (province, state) boundaries from the 1:10m admin-1
// polygons, simplified; place and province labels; and the glyphs (signed
// distance fields in the protobuf form maplibre reads) that draw those
// labels and the map's cluster counts, rendered from a font.
//
// It is run by hand when the data or the font change, and its output is
// committed (internal/server/ui/basemap; see the NOTICE there):
//
//	go run ./tools/basemap -admin1 ne_10m_admin_1_states_provinces.topo.json \
//	    -places ne_10m_populated_places_simple.json \
//	    -labels ne_10m_admin_1_label_points.json \
//	    -font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
//	    -out internal/server/ui/basemap
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	admin1 := flag.String("admin1", "", "Natural Earth 1:10m admin-1 polygons as TopoJSON")
	places := flag.String("places", "", "Natural Earth 1:10m populated places (simple) as GeoJSON")
	labels := flag.String("labels", "", "Natural Earth 1:10m admin-1 label points as GeoJSON")
	font := flag.String("font", "", "a TrueType font for the labels")
	out := flag.String("out", "", "output directory")
	cell := flag.Float64("cell", 20, "size of the fine cells, degrees")
	flag.Parse()
	if *admin1 == "" || *places == "" || *labels == "" || *font == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	// Coarse: a few pixels of error up to zoom 5, where the fine cells
	// take over (a pixel is 0.02° there).
	coarse := detail{tol: 0.08, coastTol: 0.1, islet: 0.5, grid: 0.01}
	fine := detail{tol: 0.02, coastTol: 0.03, islet: 0.04, grid: 0.002}
	if err := run(*admin1, *places, *labels, *font, *out, coarse, fine, *cell); err != nil {
		log.Fatal(err)
	}
}

func run(admin1, placesFile, labelsFile, fontFile, out string, coarse, fine detail, cell float64) error {
	t, err := readTopology(admin1)
	if err != nil {
		return err
	}
	w, provinces, err := readWorld(t)
	if err != nil {
		return err
	}
	// The whole world, coarse, for small scales; and cells of cell
	// degrees, fine, with the province boundaries, that the page reads as
	// the map shows them. Cells overlap a little, so that their land
	// leaves no seam.
	all, n := w.layers([4]float64{-180, -90, 180, 90}, coarse, w.simplify(coarse), false)
	log.Printf("world: %d points (from %d)", n, countPoints(w.abs))
	var cells []string
	total := 0
	const overlap = 0.05
	sw := w.simplify(fine)
	for x := -180.0; x < 180; x += cell {
		for y := -90.0; y < 90; y += cell {
			l, n := w.layers([4]float64{x - overlap, y - overlap, x + cell + overlap, y + cell + overlap}, fine, sw, true)
			if len(l["land"].([][]int)) == 0 && n == 0 {
				continue
			}
			id := fmt.Sprintf("%d_%d", int((x+180)/cell), int((y+90)/cell))
			if err := writeJSON(filepath.Join(out, "cells", id+".json"), l); err != nil {
				return err
			}
			cells = append(cells, id)
			total += n
		}
	}
	log.Printf("%d cells of %g°: %d points", len(cells), cell, total)
	// The page learns which cells exist, and their size, from the world.
	all["cells"] = map[string]any{"size": cell, "ids": cells}
	if err := writeJSON(filepath.Join(out, "world.json"), all); err != nil {
		return err
	}
	lbl, err := readFeatures(labelsFile)
	if err != nil {
		return err
	}
	provinceLabels := labelProvinces(provinces, lbl)
	pl, err := readFeatures(placesFile)
	if err != nil {
		return err
	}
	towns := placeLabels(pl)
	if err := writeJSON(filepath.Join(out, "labels.json"), map[string]any{"places": towns, "provinces": provinceLabels}); err != nil {
		return err
	}
	// The glyphs cover Latin-1 (numbers and the interface's own words)
	// and every character of the labels.
	runes := map[rune]bool{}
	for r := rune(0x20); r <= 0xFF; r++ {
		if r < 0x7F || r >= 0xA0 {
			runes[r] = true
		}
	}
	for _, r := range "–—…·×" {
		runes[r] = true
	}
	for _, p := range towns {
		for _, r := range p[0].(string) {
			runes[r] = true
		}
	}
	for _, p := range provinceLabels {
		for _, r := range p[0].(string) {
			runes[r] = true
		}
	}
	return writeGlyphs(fontFile, filepath.Join(out, "glyphs", "sans"), "sans", runes)
}

func writeJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if !strings.Contains(path, "cells") {
		log.Printf("%s: %d bytes", path, len(b))
	}
	return os.WriteFile(path, b, 0o644)
}

// topology is the part of TopoJSON this reads and writes.
type topology struct {
	Type      string `json:"type"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64            `json:"arcs"`
	Objects map[string]geomCollection `json:"objects"`
}

type geomCollection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

type geometry struct {
	Type       string            `json:"type"`
	Arcs       json.RawMessage   `json:"arcs"`
	Properties map[string]string `json:"properties"`
}

func readTopology(path string) (*topology, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(t.Objects) != 1 {
		return nil, fmt.Errorf("%s: want one object, the admin-1 polygons", path)
	}
	return &t, nil
}

// rings reads a Polygon's or MultiPolygon's arcs as a list of polygons,
// each a list of rings of arc references (~i is arc i reversed).
func rings(g geometry) ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		err := json.Unmarshal(g.Arcs, &p)
		return [][][]int{p}, err
	case "MultiPolygon":
		var mp [][][]int
		err := json.Unmarshal(g.Arcs, &mp)
		return mp, err
	}
	return nil, nil
}

func arcIndex(i int) int {
	if i < 0 {
		return ^i
	}
	return i
}

// province is one admin-1 polygon: its name, country and largest ring,
// for a label point when Natural Earth's labels have none.
type province struct {
	name, country string
	ring          [][2]float64
}

// world is the admin-1 topology read: every arc in degrees, the countries
// of the polygons using each arc, and the polygons with their bounding
// boxes.
type world struct {
	abs    [][][2]float64
	users  [][]string
	admins []admin
}

type admin struct {
	polys [][][]int // polygons, each a list of rings of arc references
	box   [4]float64
}

func readWorld(t *topology) (*world, []province, error) {
	var obj geomCollection
	for _, o := range t.Objects {
		obj = o
	}
	w := &world{abs: make([][][2]float64, len(t.Arcs)), users: make([][]string, len(t.Arcs))}
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			x, y = x+p[0], y+p[1]
			pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		w.abs[i] = pts
	}
	var provinces []province
	for _, g := range obj.Geometries {
		polys, err := rings(g)
		if err != nil {
			return nil, nil, err
		}
		if polys == nil {
			continue
		}
		a := admin{polys: polys, box: [4]float64{180, 90, -180, -90}}
		var largest [][2]float64
		for _, p := range polys {
			for _, ring := range p {
				for _, i := range ring {
					w.users[arcIndex(i)] = append(w.users[arcIndex(i)], g.Properties["adm0_a3"])
					for _, pt := range w.abs[arcIndex(i)] {
						a.box = [4]float64{math.Min(a.box[0], pt[0]), math.Min(a.box[1], pt[1]), math.Max(a.box[2], pt[0]), math.Max(a.box[3], pt[1])}
					}
				}
			}
			if outer := ringPoints(w.abs, p[0]); len(outer) > len(largest) {
				largest = outer
			}
		}
		w.admins = append(w.admins, a)
		provinces = append(provinces, province{name: g.Properties["name"], country: g.Properties["iso_a2"], ring: largest})
	}
	return w, provinces, nil
}

// detail is how finely a layer is drawn.
type detail struct {
	tol, coastTol float64 // Douglas–Peucker tolerances, degrees
	islet         float64 // land rings smaller than this are left out
	grid          float64 // coordinate grid
}

// Arc classes: a coastline is used by one polygon, a country border by
// polygons of two countries, an admin-1 boundary by two polygons of one.
func (w *world) class(k int) string {
	switch us := w.users[k]; {
	case len(us) == 1:
		return "coast"
	case len(us) == 2 && us[0] != us[1]:
		return "border"
	case len(us) == 2:
		return "admin1"
	}
	return ""
}

// layers draws the base map inside box at d: land as rings stitched from
// the coastlines (the coast of every polygon is land's edge) and clipped
// to box; and the lines of each class whose arcs meet box, unclipped (a
// line drawn by two neighbouring cells shows as one). Every line is a flat
// list of integers on d's grid, the first point whole and the rest as
// differences, which the page reads back.
func (w *world) layers(box [4]float64, d detail, sw *simplified, fine bool) (map[string]any, int) {
	arc := func(k int) [][2]float64 { return sw.arcs[k] }
	points := 0
	enc := func(pts [][2]float64) []int {
		out := make([]int, 0, 2*len(pts))
		var px, py int
		for j, p := range pts {
			x, y := int(math.Round((p[0]+180)/d.grid)), int(math.Round((p[1]+90)/d.grid))
			if j > 0 && x == px && y == py {
				continue
			}
			if j == 0 {
				out = append(out, x, y)
			} else {
				out = append(out, x-px, y-py)
			}
			px, py = x, y
		}
		points += len(out) / 2
		return out
	}
	meets := func(pts [][2]float64) bool {
		b := bounds(pts)
		return b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1]
	}
	// At small scales the coast is the land's outline (the page draws
	// it with the fill); cells draw it as lines, as their land is cut
	// at the cell's edges.
	lines := map[string][][]int{"border": {}}
	if fine {
		lines["coast"], lines["admin1"] = [][]int{}, [][]int{}
	}
	for k := range w.abs {
		c := w.class(k)
		if _, ok := lines[c]; ok && meets(arc(k)) && !onEdgeOfWorld(w.abs[k]) {
			for _, piece := range clipLine(arc(k), box) {
				lines[c] = append(lines[c], enc(piece))
			}
		}
	}
	var land [][]int
	for _, ring := range sw.rings {
		if extent(ring) < d.islet || !meets(ring) {
			continue
		}
		if c := clip(ring, box); len(c) >= 4 {
			land = append(land, enc(c))
		}
	}
	return map[string]any{"grid": d.grid, "land": land, "lines": lines}, points
}

// simplified is the world's arcs simplified at one detail, and the land
// rings stitched from its coastlines.
type simplified struct {
	arcs  [][][2]float64
	rings [][][2]float64
}

func (w *world) simplify(d detail) *simplified {
	sw := &simplified{arcs: make([][][2]float64, len(w.abs))}
	var coast []int
	for k, a := range w.abs {
		t := d.tol
		if len(w.users[k]) == 1 {
			t = d.coastTol
			coast = append(coast, k)
		}
		sw.arcs[k] = simplify(a, t)
	}
	sw.rings = stitch(coast, func(k int) [][2]float64 { return sw.arcs[k] })
	return sw
}

// onEdgeOfWorld reports whether a line runs along the antimeridian or the
// south pole, where the polygons are cut and no coast is.
func onEdgeOfWorld(pts [][2]float64) bool {
	for _, p := range pts {
		if math.Abs(p[0]) < 179.99 && p[1] > -89.99 {
			return false
		}
	}
	return true
}

func bounds(pts [][2]float64) [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b = [4]float64{math.Min(b[0], p[0]), math.Min(b[1], p[1]), math.Max(b[2], p[0]), math.Max(b[3], p[1])}
	}
	return b
}

// stitch joins arcs end to end into closed rings; arc gives an arc's
// points (its ends as in the topology, so that neighbours meet exactly).
func stitch(arcs []int, arc func(int) [][2]float64) [][][2]float64 {
	byStart := map[[2]float64][]int{} // point → arc refs starting there (~k: k reversed)
	for _, k := range arcs {
		a := arc(k)
		byStart[a[0]] = append(byStart[a[0]], k)
		byStart[a[len(a)-1]] = append(byStart[a[len(a)-1]], ^k)
	}
	used := map[int]bool{}
	pointsOf := func(ref int) [][2]float64 {
		if ref >= 0 {
			return arc(ref)
		}
		a := slices.Clone(arc(^ref))
		slices.Reverse(a)
		return a
	}
	var rings [][][2]float64
	for _, k := range arcs {
		if used[k] {
			continue
		}
		used[k] = true
		ring := slices.Clone(arc(k))
		for ring[0] != ring[len(ring)-1] {
			next := -1
			for _, ref := range byStart[ring[len(ring)-1]] {
				if !used[arcIndex(ref)] {
					next = ref
					break
				}
			}
			if next == -1 {
				break // an open end: data cut at the map's edge
			}
			used[arcIndex(next)] = true
			ring = append(ring, pointsOf(next)[1:]...)
		}
		if len(ring) >= 4 && ring[0] == ring[len(ring)-1] {
			rings = append(rings, ring)
		}
	}
	return rings
}

// clip cuts a ring to a box (Sutherland–Hodgman). Pieces of the ring
// outside the box become runs along its edge, which a fill does not show.
func clip(ring [][2]float64, box [4]float64) [][2]float64 {
	inside := []func(p [2]float64) bool{
		func(p [2]float64) bool { return p[0] >= box[0] }, func(p [2]float64) bool { return p[0] <= box[2] },
		func(p [2]float64) bool { return p[1] >= box[1] }, func(p [2]float64) bool { return p[1] <= box[3] },
	}
	cross := []func(a, b [2]float64) [2]float64{
		func(a, b [2]float64) [2]float64 { return atX(a, b, box[0]) }, func(a, b [2]float64) [2]float64 { return atX(a, b, box[2]) },
		func(a, b [2]float64) [2]float64 { return atY(a, b, box[1]) }, func(a, b [2]float64) [2]float64 { return atY(a, b, box[3]) },
	}
	out := ring
	for e := range inside {
		in := out
		out = nil
		for i := range in {
			a, b := in[(i+len(in)-1)%len(in)], in[i]
			switch {
			case inside[e](b) && inside[e](a):
				out = append(out, b)
			case inside[e](b):
				out = append(out, cross[e](a, b), b)
			case inside[e](a):
				out = append(out, cross[e](a, b))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	if out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

// clipLine cuts a line to a box: the runs inside it, each with the
// points where it enters and leaves.
func clipLine(pts [][2]float64, box [4]float64) [][][2]float64 {
	in := func(p [2]float64) bool { return p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3] }
	var out [][][2]float64
	var run [][2]float64
	for i, p := range pts {
		if i == 0 {
			if in(p) {
				run = append(run, p)
			}
			continue
		}
		a := pts[i-1]
		// the part of segment a–p inside the box (Liang–Barsky)
		t0, t1, ok := clipSegment(a, p, box)
		if !ok {
			if run != nil {
				out, run = append(out, run), nil
			}
			continue
		}
		at := func(t float64) [2]float64 { return [2]float64{a[0] + t*(p[0]-a[0]), a[1] + t*(p[1]-a[1])} }
		if run == nil {
			run = append(run, at(t0))
		}
		run = append(run, at(t1))
		if t1 < 1 {
			out, run = append(out, run), nil
		}
	}
	if len(run) >= 2 {
		out = append(out, run)
	}
	return out
}

func clipSegment(a, b [2]float64, box [4]float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, c := range [][2]float64{{-dx, a[0] - box[0]}, {dx, box[2] - a[0]}, {-dy, a[1] - box[1]}, {dy, box[3] - a[1]}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
	}
	return t0, t1, t0 <= t1
}

func atX(a, b [2]float64, x float64) [2]float64 {
	return [2]float64{x, a[1] + (b[1]-a[1])*(x-a[0])/(b[0]-a[0])}
}

func atY(a, b [2]float64, y float64) [2]float64 {
	return [2]float64{a[0] + (b[0]-a[0])*(y-a[1])/(b[1]-a[1]), y}
}

// extent is the diagonal of a line's bounding box, in degrees.
func extent(pts [][2]float64) float64 {
	m := ringMiddle(pts)
	var r float64
	for _, p := range pts {
		r = math.Max(r, math.Hypot(p[0]-m[0], p[1]-m[1]))
	}
	return 2 * r
}

func countPoints(arcs [][][2]float64) int {
	n := 0
	for _, a := range arcs {
		n += len(a)
	}
	return n
}

func ringPoints(abs [][][2]float64, ring []int) [][2]float64 {
	var out [][2]float64
	for _, i := range ring {
		a := abs[arcIndex(i)]
		if i < 0 {
			a = slices.Clone(a)
			slices.Reverse(a)
		}
		out = append(out, a...)
	}
	return out
}

// simplify is Douglas–Peucker with its ends kept. A closed arc (an island)
// is split at its point farthest from the start, and keeps at least four
// points, so that it stays a ring.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) <= 2 {
		return pts
	}
	if pts[0] == pts[len(pts)-1] {
		far, fd := 0, -1.0
		for i, p := range pts {
			if d := math.Hypot(p[0]-pts[0][0], p[1]-pts[0][1]); d > fd {
				far, fd = i, d
			}
		}
		a := simplify(pts[:far+1], tol)
		b := simplify(pts[far:], tol)
		out := append(slices.Clone(a), b[1:]...)
		if len(out) < 4 {
			return []([2]float64){pts[0], pts[len(pts)/3], pts[2*len(pts)/3], pts[0]}
		}
		return out
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(a, b int)
	rec = func(a, b int) {
		far, fd := -1, tol
		for i := a + 1; i < b; i++ {
			if d := segDist(pts[i], pts[a], pts[b]); d > fd {
				far, fd = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			rec(a, far)
			rec(far, b)
		}
	}
	rec(0, len(pts)-1)
	var out [][2]float64
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b, in degrees (planar:
// the map is drawn in Web Mercator, where what matters is that a
// boundary keeps its shape, not a length on the ground).
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := dx*dx + dy*dy
	if l == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

type feature struct {
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
}

func readFeatures(path string) ([]feature, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc struct{ Features []feature }
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fc.Features, nil
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func num(m map[string]any, k string) float64 {
	f, _ := m[k].(float64)
	return f
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// placeLabels are Natural Earth's populated places: [name, lon, lat, the
// zoom from which Natural Earth shows it].
func placeLabels(fs []feature) [][]any {
	var out [][]any
	for _, f := range fs {
		name := str(f.Properties, "name")
		if !latin(name) {
			name = str(f.Properties, "nameascii")
		}
		if name == "" {
			continue
		}
		lon, lat := num(f.Properties, "longitude"), num(f.Properties, "latitude")
		out = append(out, []any{name, round(lon, 3), round(lat, 3), round(num(f.Properties, "min_zoom"), 1)})
	}
	// Most prominent first: the map places labels in that order.
	slices.SortStableFunc(out, func(a, b []any) int {
		if d := a[3].(float64) - b[3].(float64); d != 0 {
			return int(math.Copysign(1, d))
		}
		return 0
	})
	return out
}

// latin reports whether a name is written in Latin letters only: the
// glyphs are drawn one by one, without the shaping other scripts need.
func latin(s string) bool {
	for _, r := range s {
		if r > 0x24F && (r < 0x1E00 || r > 0x1EFF) && (r < 0x2000 || r > 0x206F) {
			return false
		}
	}
	return true
}

// labelProvinces gives each admin-1 polygon a label point: Natural
// Earth's for that name in that country when it has one, else the middle
// of the polygon's largest ring.
func labelProvinces(ps []province, labels []feature) [][]any {
	at := map[string][2]float64{}
	for _, f := range labels {
		c := f.Geometry.Coordinates
		if len(c) == 2 {
			at[str(f.Properties, "iso_a2")+"\x00"+strings.ToLower(str(f.Properties, "name"))] = [2]float64{c[0], c[1]}
		}
	}
	var out [][]any
	seen := map[string]bool{}
	for _, p := range ps {
		k := p.country + "\x00" + strings.ToLower(p.name)
		if p.name == "" || !latin(p.name) || seen[k] || len(p.ring) == 0 {
			continue
		}
		seen[k] = true
		pt, ok := at[k]
		if !ok {
			pt = ringMiddle(p.ring)
		}
		out = append(out, []any{p.name, round(pt[0], 3), round(pt[1], 3)})
	}
	return out
}

// ringMiddle is the centre of a ring's bounding box.
func ringMiddle(r [][2]float64) [2]float64 {
	minX, minY, maxX, maxY := r[0][0], r[0][1], r[0][0], r[0][1]
	for _, p := range r {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	return [2]float64{(minX + maxX) / 2, (minY + maxY) / 2}
}
