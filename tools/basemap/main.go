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
	tol := flag.Float64("tolerance", 0.02, "simplification tolerance of boundaries, degrees")
	coastTol := flag.Float64("coast-tolerance", 0.04, "simplification tolerance of coastlines, degrees")
	grid := flag.Float64("grid", 0.001, "coordinate grid of the output, degrees")
	flag.Parse()
	if *admin1 == "" || *places == "" || *labels == "" || *font == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*admin1, *places, *labels, *font, *out, *tol, *coastTol, *grid); err != nil {
		log.Fatal(err)
	}
}

func run(admin1, placesFile, labelsFile, fontFile, out string, tol, coastTol, grid float64) error {
	t, err := readTopology(admin1)
	if err != nil {
		return err
	}
	world, provinces, err := buildWorld(t, tol, coastTol, grid)
	if err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "world.json"), world); err != nil {
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
	log.Printf("%s: %d bytes", path, len(b))
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

// buildWorld simplifies every arc (keeping its ends, so that neighbours
// still meet), and sorts the arcs into coastlines (used by one polygon),
// country borders (between two countries) and admin-1 boundaries (between
// two polygons of one country).
func buildWorld(t *topology, tol, coastTol, grid float64) (map[string]any, []province, error) {
	var obj geomCollection
	for _, o := range t.Objects {
		obj = o
	}
	// Absolute coordinates of every arc.
	abs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			x, y = x+p[0], y+p[1]
			pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		abs[i] = pts
	}
	users := make([][]string, len(t.Arcs)) // countries of the polygons using each arc
	var provinces []province
	var land []map[string]any
	dropped := 0
	for _, g := range obj.Geometries {
		polys, err := rings(g)
		if err != nil {
			return nil, nil, err
		}
		if polys == nil {
			continue
		}
		// An islet drawn by one closed arc smaller than the tolerance
		// would be a speck: it is left out, with its holes.
		polys = slices.DeleteFunc(polys, func(p [][]int) bool {
			small := len(p[0]) == 1 && extent(abs[arcIndex(p[0][0])]) < 2*tol
			if small {
				dropped++
			}
			return small
		})
		if len(polys) == 0 {
			continue
		}
		country := g.Properties["adm0_a3"]
		var largest [][2]float64
		for _, p := range polys {
			for _, ring := range p {
				for _, i := range ring {
					users[arcIndex(i)] = append(users[arcIndex(i)], country)
				}
			}
			if outer := ringPoints(abs, p[0]); len(outer) > len(largest) {
				largest = outer
			}
		}
		provinces = append(provinces, province{name: g.Properties["name"], country: g.Properties["iso_a2"], ring: largest})
		land = append(land, map[string]any{"type": "MultiPolygon", "arcs": polys})
	}
	log.Printf("%d islets left out", dropped)
	var coast, borders, internal [][]int
	for i, us := range users {
		switch {
		case len(us) == 1:
			coast = append(coast, []int{i})
		case len(us) == 2 && us[0] != us[1]:
			borders = append(borders, []int{i})
		case len(us) == 2:
			internal = append(internal, []int{i})
		}
	}
	// Simplify and quantise on the output grid, delta-encoded; arcs no
	// polygon uses any more are left empty.
	arcs := make([][][2]int, len(abs))
	points := 0
	for i, pts := range abs {
		if len(users[i]) == 0 {
			arcs[i] = [][2]int{}
			continue
		}
		t := tol
		if len(users[i]) == 1 {
			t = coastTol
		}
		s := simplify(pts, t)
		q := make([][2]int, 0, len(s))
		var px, py int
		for j, p := range s {
			x, y := int(math.Round((p[0]+180)/grid)), int(math.Round((p[1]+90)/grid))
			if j > 0 && x == px && y == py && j < len(s)-1 {
				continue
			}
			if j == 0 {
				q = append(q, [2]int{x, y})
			} else {
				q = append(q, [2]int{x - px, y - py})
			}
			px, py = x, y
		}
		arcs[i] = q
		points += len(q)
	}
	log.Printf("%d arcs, %d points (from %d); %d coast, %d border, %d admin-1 arcs", len(arcs), points, countPoints(abs), len(coast), len(borders), len(internal))
	world := map[string]any{
		"type":      "Topology",
		"transform": map[string]any{"scale": []float64{grid, grid}, "translate": []float64{-180, -90}},
		"arcs":      arcs,
		"objects": map[string]any{
			"land": map[string]any{"type": "GeometryCollection", "geometries": land},
			// One source for the lines drawn from the start, told apart
			// by k; the admin-1 boundaries, the most points, apart, so
			// that the page can add them once the map is up.
			"outline": map[string]any{"type": "GeometryCollection", "geometries": []map[string]any{
				{"type": "MultiLineString", "arcs": coast, "properties": map[string]string{"k": "coast"}},
				{"type": "MultiLineString", "arcs": borders, "properties": map[string]string{"k": "border"}},
			}},
			"admin1": map[string]any{"type": "MultiLineString", "arcs": internal},
		},
	}
	return world, provinces, nil
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
