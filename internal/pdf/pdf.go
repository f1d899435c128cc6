// Package pdf reads the text layer of PDF files, page by page, with the
// document's metadata. It is written for hostile input: every structure
// that could loop (references, page trees, cross-reference chains, forms
// drawing forms) is followed with a record of what was visited, nesting is
// capped, and the work done (tokens read, bytes decompressed, text kept) is
// counted against limits, so that any file, however made, is read in time
// and memory bounded by its size and the limits.
//
// It reads what reports need: cross-reference tables and streams, object
// streams, damaged files (by scanning for objects), the Flate, LZW,
// ASCII85, ASCIIHex and RunLength filters with PNG and TIFF predictors,
// simple and composite fonts with ToUnicode maps or standard encodings,
// form XObjects, and files encrypted only against copying (an empty user
// password, RC4 or AES). It does not do optical character recognition: a
// scanned page without a text layer reads as empty.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits bound the work of one Read. Zero fields take the defaults.
type Limits struct {
	MaxDepth   int   // nesting of arrays and dictionaries (default 64)
	MaxObjects int   // highest object number read (default 8,000,000)
	MaxPages   int   // pages read (default 20,000)
	MaxWork    int64 // tokens read over the whole file (default 200,000,000)
	MaxDecoded int64 // bytes all stream filters may produce (default 1 GiB)
	MaxStream  int64 // bytes one stream may expand to (default 256 MiB)
	MaxText    int   // bytes of text kept (default 64 MiB)
}

func (l Limits) withDefaults() Limits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defi(&l.MaxDepth, 64)
	defi(&l.MaxObjects, 8_000_000)
	defi(&l.MaxPages, 20_000)
	def(&l.MaxWork, 200_000_000)
	def(&l.MaxDecoded, 1<<30)
	def(&l.MaxStream, 256<<20)
	defi(&l.MaxText, 64<<20)
	return l
}

// Document is what Read finds in a file.
type Document struct {
	Pages     []string // the text of each page, in order; "" for a page without text
	Title     string
	Author    string
	Subject   string
	Created   time.Time // zero when the file does not say
	Modified  time.Time
	Encrypted bool // encrypted, and read with the empty user password
	Images    int  // pages that draw images: with no text, a scan
}

// Text is the document's text with its pages separated by form feeds
// ("\f" on a line of its own), so that an offset's page is one more than
// the form feeds before it (see PageAt).
func (d *Document) Text() string {
	return strings.Join(d.Pages, "\n\f\n")
}

// PageAt returns the page (from 1) of a byte offset into a text joined
// by Text.
func PageAt(text string, offset int) int {
	offset = min(max(offset, 0), len(text))
	return 1 + strings.Count(text[:offset], "\f")
}

// Read reads a PDF file held in memory.
func Read(data []byte, lim Limits) (doc *Document, err error) {
	lim = lim.withDefaults()
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("no %%PDF- header: %w", ErrNotPDF)
	}
	r := &reader{data: data, lim: lim}
	r.work = budget{left: lim.MaxWork, err: fmt.Errorf("more than %d tokens: %w", lim.MaxWork, ErrTooMuch)}
	r.decoded = budget{left: lim.MaxDecoded, err: fmt.Errorf("streams expanding past %d bytes: %w", lim.MaxDecoded, ErrTooMuch)}
	if err := r.load(); err != nil {
		return nil, err
	}
	doc = &Document{}
	if r.trailer["Encrypt"] != nil {
		d, err := r.newDecrypter()
		if err != nil {
			return nil, err
		}
		r.crypt, doc.Encrypted = d, true
		r.cache = map[int]object{} // read again, decrypted
		r.objStms = map[int]*objStm{}
	}
	info := asDict(r.resolve(r.trailer["Info"]))
	str := func(k name) string {
		s, _ := r.resolve(info[k]).(string)
		return strings.TrimSpace(clean(textString(s)))
	}
	doc.Title, doc.Author, doc.Subject = str("Title"), str("Author"), str("Subject")
	doc.Created, doc.Modified = pdfDate(str("CreationDate")), pdfDate(str("ModDate"))

	pages, err := r.pages()
	if err != nil {
		return nil, err
	}
	fonts := map[ref]*font{}
	total := 0
	for _, pg := range pages {
		pt := &pageText{r: r, fonts: fonts, forms: map[int]bool{}, max: lim.MaxText - total}
		res := asDict(r.resolve(pg.res))
		var data []byte
		switch c := r.resolve(pg.d["Contents"]).(type) {
		case *stream:
			data, err = r.decode(c)
			if err = budgetErr(err); err != nil {
				return nil, err
			}
		case array:
			for i, x := range c {
				if i >= 4096 {
					break
				}
				if s, ok := r.resolve(x).(*stream); ok {
					part, err := r.decode(s)
					if err = budgetErr(err); err != nil {
						return nil, err
					}
					data = append(append(data, part...), '\n')
				}
			}
		}
		if err := pt.content(data, res, identity); err != nil && isTooMuch(err) {
			return nil, err
		}
		if r.work.left < 0 {
			return nil, r.work.err
		}
		text := pt.text()
		if text == "" && hasImages(r, res) {
			doc.Images++
		}
		total += len(text)
		if total > lim.MaxText {
			return nil, fmt.Errorf("more than %d bytes of text: %w", lim.MaxText, ErrTooMuch)
		}
		doc.Pages = append(doc.Pages, text)
	}
	return doc, nil
}

func isTooMuch(err error) bool { return errors.Is(err, ErrTooMuch) }

// page is a page dictionary and the resources it inherits.
type page struct {
	d   dict
	res object
}

// pages walks the page tree in order, each node at most once.
func (r *reader) pages() ([]page, error) {
	root := asDict(r.resolve(r.trailer["Root"]))
	var out []page
	seen := map[int]bool{}
	var walk func(o object, res object, depth int) error
	walk = func(o object, res object, depth int) error {
		if x, ok := o.(ref); ok {
			if seen[x.num] {
				return nil // a loop, or a page listed twice
			}
			seen[x.num] = true
		}
		d := asDict(r.resolve(o))
		if d == nil || depth > 64 {
			return nil
		}
		if v, ok := d["Resources"]; ok {
			res = v
		}
		kids, isNode := r.resolve(d["Kids"]).(array)
		if asName(d["Type"]) == "Page" || !isNode {
			if len(out) >= r.lim.MaxPages {
				return fmt.Errorf("more than %d pages: %w", r.lim.MaxPages, ErrTooMuch)
			}
			out = append(out, page{d: d, res: res})
			return nil
		}
		for _, k := range kids {
			if err := walk(k, res, depth+1); err != nil {
				return err
			}
			if r.work.left < 0 {
				return r.work.err
			}
		}
		return nil
	}
	if err := walk(root["Pages"], nil, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// hasImages reports whether resources name an image, directly or in a
// form: what a scanned page has instead of text.
func hasImages(r *reader, res dict) bool {
	xobjects := asDict(r.resolve(res["XObject"]))
	for _, k := range slices.Sorted(maps.Keys(xobjects)) {
		d := asDict(r.resolve(xobjects[k]))
		switch asName(d["Subtype"]) {
		case "Image":
			return true
		case "Form":
			inner := asDict(r.resolve(asDict(r.resolve(d["Resources"]))["XObject"]))
			for _, k := range slices.Sorted(maps.Keys(inner)) {
				if asName(asDict(r.resolve(inner[k]))["Subtype"]) == "Image" {
					return true
				}
			}
		}
	}
	return false
}

// pdfDate reads a date written D:YYYYMMDDHHmmSSOHH'mm', any tail of which
// may be missing.
func pdfDate(s string) time.Time {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return time.Time{}
	}
	field := func(i, n, def int) int {
		if len(s) < i+n {
			return def
		}
		v, err := strconv.Atoi(s[i : i+n])
		if err != nil {
			return def
		}
		return v
	}
	y := field(0, 4, 0)
	if y < 1000 {
		return time.Time{}
	}
	mo, d := field(4, 2, 1), field(6, 2, 1)
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	h, mi, sec := field(8, 2, 0), field(10, 2, 0), field(12, 2, 0)
	loc := time.UTC
	if len(s) > 14 && (s[14] == '+' || s[14] == '-') {
		oh, om := field(15, 2, 0), 0
		if len(s) >= 20 {
			om = field(18, 2, 0)
		}
		off := oh*3600 + om*60
		if s[14] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(y, time.Month(mo), d, min(h, 23), min(mi, 59), min(sec, 59), 0, loc)
	if t.Day() != d {
		return time.Time{} // 31 February
	}
	return t
}
