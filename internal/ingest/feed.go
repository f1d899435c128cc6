package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// feedItem holds the fields of an RSS <item> or Atom <entry> that sitrep
// uses; both vocabularies decode into it.
type feedItem struct {
	Title       string     `xml:"title"`
	Links       []feedLink `xml:"link"`
	GUID        string     `xml:"guid"`
	PubDate     string     `xml:"pubDate"`
	Published   string     `xml:"published"`
	Updated     string     `xml:"updated"`
	DCDate      string     `xml:"http://purl.org/dc/elements/1.1/ date"`
	Description string     `xml:"description"`
	Encoded     string     `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Content     string     `xml:"content"`
	Summary     string     `xml:"summary"`
	Author      feedAuthor `xml:"author"`
	Creator     string     `xml:"http://purl.org/dc/elements/1.1/ creator"`
}

type feedLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

type feedAuthor struct {
	Name string `xml:"name"`
	Text string `xml:",chardata"`
}

// isFeed reports whether the start of a file is an RSS, RDF or Atom feed.
func isFeed(head []byte) bool {
	h := bytes.ToLower(head)
	return bytes.Contains(h, []byte("<rss")) || bytes.Contains(h, []byte("<rdf:rdf")) ||
		bytes.Contains(h, []byte("<feed")) && bytes.Contains(h, []byte("atom"))
}

// readFeed yields one record per item or entry of an RSS or Atom feed.
// Each record's Raw is the exact bytes of its element in the file, so the
// original of every item is kept as it was received. A feed that breaks
// off or is malformed yields the items read before the fault, then one
// failed record holding the whole file.
func readFeed(data []byte, source string, opt WalkOptions, fn func(Record) error) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var outlet string
	depth, n := 0, 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if n == 0 {
				return fn(Record{Raw: data, Source: source, ContentType: "application/rss+xml", Err: invalid(ReasonNoContent, "a feed with no items")})
			}
			return nil
		}
		if err != nil {
			return fn(Record{Raw: data, Source: source, ContentType: "application/rss+xml",
				Err: invalid(ReasonMalformed, fmt.Sprintf("feed unreadable after %d items at byte %d: %v", n, d.InputOffset(), err))})
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			if name == "title" && outlet == "" && depth <= 3 {
				var s string
				if d.DecodeElement(&s, &t) == nil {
					outlet = cleanSpace(s)
				}
				depth--
				continue
			}
			if name != "item" && name != "entry" {
				continue
			}
			var it feedItem
			if err := d.DecodeElement(&it, &t); err != nil {
				return fn(Record{Raw: data, Source: source, ContentType: "application/rss+xml",
					Err: invalid(ReasonMalformed, fmt.Sprintf("feed item %d unreadable: %v", n+1, err))})
			}
			depth--
			n++
			raw := bytes.TrimLeft(data[start:d.InputOffset()], " \t\r\n")
			if err := fn(itemRecord(it, raw, fmt.Sprintf("%s#item%d", source, n), outlet, opt)); err != nil {
				return err
			}
		case xml.EndElement:
			depth--
		}
	}
}

func itemRecord(it feedItem, raw []byte, source, outlet string, opt WalkOptions) Record {
	r := Record{Raw: append([]byte(nil), raw...), Source: source, ContentType: "application/rss+xml#item", Outlet: outlet,
		Title: cleanSpace(it.Title), Author: cleanSpace(firstNonEmpty(it.Author.Name, it.Creator, it.Author.Text))}
	for _, l := range it.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			r.URL = strings.TrimSpace(firstNonEmpty(l.Href, l.Text))
			break
		}
	}
	r.Published = isoDay(firstNonEmpty(it.Published, it.PubDate, it.DCDate, it.Updated))
	body := firstNonEmpty(it.Encoded, it.Content, it.Description, it.Summary)
	page := HTMLText([]byte(body))
	text := page.Text
	if text == "" {
		text = cleanSpace(body)
	}
	r.Text, r.Repaired, r.Err = Text([]byte(text))
	if int64(len(r.Text)) > opt.maxBytes() {
		r.Text, r.Err = "", tooLarge(len(r.Text), opt.maxBytes())
	}
	return r
}
