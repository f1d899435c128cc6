package ingest

import (
	"errors"
	"fmt"
	"strings"

	"sitrep/internal/pdf"
)

// pdfRecord reads a PDF report: its text layer, pages apart (a form feed
// between pages, see PageAt), its title, author and date from its
// metadata. raw is the original as received, data the PDF itself (they
// differ when it came compressed). A scan without a text layer is kept
// and reported as such.
func pdfRecord(raw, data []byte, source string, opt WalkOptions) Record {
	r := Record{Raw: raw, Source: source, ContentType: "application/pdf"}
	doc, err := pdf.Read(data, pdf.Limits{MaxText: int(min(opt.maxBytes(), 1<<40)), MaxStream: opt.maxOriginal(), MaxDecoded: 4 * opt.maxOriginal()})
	switch {
	case errors.Is(err, pdf.ErrNotPDF):
		r.Err = invalid(ReasonNotPDF, "no %PDF- header, whatever its name says")
		return r
	case errors.Is(err, pdf.ErrEncrypted):
		r.Err = invalid(ReasonEncrypted, "it opens only with a password; the original is kept")
		return r
	case errors.Is(err, pdf.ErrTooMuch):
		r.Err = invalid(ReasonTooLarge, err.Error())
		return r
	case err != nil:
		r.Err = invalid(ReasonMalformed, "PDF: "+err.Error())
		return r
	}
	r.Title, r.Author = doc.Title, doc.Author
	for _, t := range []struct {
		ok bool
		d  string
	}{{!doc.Created.IsZero(), doc.Created.Format("2006-01-02")}, {!doc.Modified.IsZero(), doc.Modified.Format("2006-01-02")}} {
		if t.ok && r.Published == "" && t.d >= "1993" { // PDF is from 1993: earlier dates are wrong clocks
			r.Published = t.d
		}
	}
	text := doc.Text()
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		if doc.Images > 0 {
			r.Err = invalid(ReasonNoTextLayer, fmt.Sprintf("%d of %d pages are images and none has text; the original is kept (a text layer can be added with OCR, e.g. ocrmypdf)", doc.Images, len(doc.Pages)))
		} else {
			r.Err = invalid(ReasonNoContent, fmt.Sprintf("a PDF of %d pages without text", len(doc.Pages)))
		}
		return r
	}
	r.Text, r.Repaired, r.Err = Text([]byte(text))
	return r
}

// PageAt returns the page (from 1) of a byte offset into the text of a
// PDF document, or 0 for a text without pages.
func PageAt(text string, offset int) int {
	if !strings.Contains(text, "\f") {
		return 0
	}
	return pdf.PageAt(text, offset)
}
