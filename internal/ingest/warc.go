package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// isWARC reports whether a (decompressed) stream starts a WARC file.
func isWARC(head []byte) bool { return bytes.HasPrefix(head, []byte("WARC/1.")) }

// readWARC yields one record per HTTP response of a WARC file (1.0 or 1.1)
// whose payload is a web page, text or a PDF. Each record's Raw is the response
// exactly as captured (status line, headers and body), its CapturedAt the
// WARC-Date and its URL the WARC-Target-URI. Requests, metadata and other
// record types are passed over. A file cut short yields what it held
// before the cut, then one failed record naming the offset.
func readWARC(r io.Reader, source string, opt WalkOptions, fn func(Record) error) error {
	cr := &byteCounter{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	pos := func() int64 { return cr.n - int64(br.Buffered()) }
	n, records, yielded := 0, 0, 0
	for {
		recStart := pos()
		line, err := br.ReadString('\n')
		if err == io.EOF && line == "" {
			if yielded == 0 {
				// Say so rather than report "0 records" as a success.
				return fn(Record{Source: source, ContentType: "application/warc",
					Err: invalid(ReasonNoContent, fmt.Sprintf("a WARC file with no web page or text among its %d records", records))})
			}
			return nil
		}
		if strings.TrimSpace(line) == "" && err == nil {
			continue // the blank lines between records
		}
		fail := func(why string) error {
			return fn(Record{Source: fmt.Sprintf("%s@%d", source, recStart), ContentType: "application/warc",
				Err: invalid(ReasonMalformed, fmt.Sprintf("WARC record at byte %d (after %d responses): %s", recStart, n, why))})
		}
		if !strings.HasPrefix(line, "WARC/1.") {
			return fail("no WARC version line")
		}
		tp := textproto.NewReader(br)
		hdr, err := tp.ReadMIMEHeader()
		if err != nil {
			return fail("headers cut short: " + err.Error())
		}
		size, err := strconv.ParseInt(hdr.Get("Content-Length"), 10, 64)
		if err != nil || size < 0 {
			return fail("no valid Content-Length")
		}
		if size > opt.maxOriginal() {
			if _, err := io.CopyN(io.Discard, br, size); err != nil {
				return fail("block cut short")
			}
			records++
			yielded++
			if err := fn(Record{Source: fmt.Sprintf("%s@%d", source, recStart), ContentType: "application/warc",
				Err: tooLarge(int(size), opt.maxOriginal())}); err != nil {
				return err
			}
			continue
		}
		block := make([]byte, size)
		if _, err := io.ReadFull(br, block); err != nil {
			return fail(fmt.Sprintf("block of %d bytes cut short", size))
		}
		records++
		typ := strings.ToLower(hdr.Get("WARC-Type"))
		if typ != "response" && typ != "resource" {
			continue
		}
		n++
		rec := warcRecord(hdr, block, typ, fmt.Sprintf("%s@%d", source, recStart), opt)
		if rec.Raw == nil && rec.Err == nil {
			continue // not a page: an image, a script, a redirect
		}
		yielded++
		if err := fn(rec); err != nil {
			return err
		}
	}
}

func warcRecord(hdr textproto.MIMEHeader, block []byte, typ, source string, opt WalkOptions) Record {
	r := Record{Source: source, URL: hdr.Get("WARC-Target-URI"), ContentType: "application/http;msgtype=response"}
	if t, err := time.Parse(time.RFC3339, hdr.Get("WARC-Date")); err == nil {
		r.CapturedAt = t.UTC()
	}
	body, ctype := block, hdr.Get("Content-Type")
	if typ == "response" {
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
		if err != nil {
			return Record{} // not HTTP: nothing to read
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return Record{}
		}
		ctype = resp.Header.Get("Content-Type")
		if !pageType(ctype) {
			return Record{}
		}
		r.Raw = block
		body, err = io.ReadAll(io.LimitReader(resp.Body, opt.maxOriginal()+1))
		if err != nil {
			r.Err = invalid(ReasonMalformed, "HTTP body cut short: "+err.Error())
			return r
		}
		if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				r.Err = invalid(ReasonDamaged, err.Error())
				return r
			}
			body, err = io.ReadAll(io.LimitReader(zr, opt.maxBytes()+1))
			if err != nil {
				r.Err = invalid(ReasonDamaged, err.Error())
				return r
			}
		}
	} else {
		if !pageType(ctype) {
			return Record{}
		}
		r.Raw = block
		r.ContentType = ctype
	}
	if int64(len(body)) > opt.maxBytes() {
		r.Err = tooLarge(len(body), opt.maxBytes())
		return r
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	if mt == "application/pdf" {
		p := pdfRecord(r.Raw, body, source, opt)
		r.Text, r.Title, r.Author, r.Published, r.Repaired, r.Err = p.Text, p.Title, p.Author, p.Published, p.Repaired, p.Err
		return r
	}
	if mt == "text/plain" {
		r.Text, r.Repaired, r.Err = Text(body)
		return r
	}
	fillFromHTML(&r, body)
	return r
}

// pageType reports whether a content type is a web page or plain text.
func pageType(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return strings.Contains(strings.ToLower(ctype), "html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain" || mt == "application/pdf"
}

// byteCounter counts the bytes read through it.
type byteCounter struct {
	r io.Reader
	n int64
}

func (c *byteCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
