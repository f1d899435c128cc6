package ingest

import (
	"bytes"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is what HTMLText reads from a web page.
type Page struct {
	Text, Title, Author, Published, URL, Outlet string
	Language                                    string // from <html lang>, og:locale or Content-Language
}

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Svg: true, atom.Iframe: true,
	atom.Template: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Object: true,
	atom.Figcaption: true,
}

// blocks end a line of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Tr: true, atom.Blockquote: true, atom.Pre: true,
	atom.Article: true, atom.Section: true, atom.Main: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.Dd: true, atom.Dt: true, atom.Hr: true,
}

// boilerplateMarks in a class or id mark page furniture, not the story.
var boilerplateMarks = []string{"comment", "share", "social", "related", "newsletter", "subscribe", "sidebar",
	"advert", "promo", "breadcrumb", "cookie", "footer", "menu", "navbar", "byline-share"}

// HTMLText reads the main text and metadata of a web page. It streams the
// page through a tokenizer and keeps no tree, so time and memory grow with
// the page's size, never with how deeply its elements nest. Text inside
// <article> is preferred when there is enough of it; elements that are
// page furniture (navigation, scripts, comment and share blocks) are
// skipped.
func HTMLText(raw []byte) Page {
	z := html.NewTokenizer(bytes.NewReader(raw))
	z.SetMaxBuf(0)
	var (
		p            Page
		all, article strings.Builder
		skipName     string // the element being skipped
		skipDepth    int
		inArticle    int
		inTitle      bool
		title        strings.Builder
		h1           strings.Builder
		inH1         bool
		inHead       bool
	)
	newline := func() {
		for _, b := range []*strings.Builder{&all, &article} {
			if s := b.String(); len(s) > 0 && s[len(s)-1] != '\n' {
				b.WriteByte('\n')
			}
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			p.Title = cleanSpace(firstNonEmpty(p.Title, title.String(), h1.String()))
			text := all.String()
			if words(article.String()) >= 60 {
				text = article.String()
			}
			p.Text = paragraphs(text)
			return p
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := readAttrs(z, hasAttr)
			if skipDepth > 0 {
				if string(name) == skipName && tt == html.StartTagToken {
					skipDepth++
				}
				continue
			}
			switch a {
			case atom.Html:
				if p.Language == "" {
					p.Language = languageTag(attrs["lang"])
				}
			case atom.Meta:
				p.meta(attrs)
			case atom.Link:
				if strings.EqualFold(attrs["rel"], "canonical") && attrs["href"] != "" {
					p.URL = attrs["href"]
				}
			case atom.Time:
				if p.Published == "" {
					p.Published = isoDay(attrs["datetime"])
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken
			case atom.Head:
				inHead = tt == html.StartTagToken
			case atom.Body:
				inHead = false
			case atom.H1:
				inH1 = tt == html.StartTagToken
			case atom.Article:
				if tt == html.StartTagToken {
					inArticle++
				}
			}
			if tt == html.StartTagToken && (skipped[a] || isBoilerplate(attrs)) && !voidElement(a) {
				skipName, skipDepth = string(name), 1
				continue
			}
			if blocks[a] {
				newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipDepth > 0 {
				if string(name) == skipName {
					skipDepth--
				}
				continue
			}
			switch a {
			case atom.Title:
				inTitle = false
			case atom.Head:
				inHead = false
			case atom.H1:
				inH1 = false
			case atom.Article:
				if inArticle > 0 {
					inArticle--
				}
			}
			if blocks[a] {
				newline()
			}
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				title.WriteString(t)
			}
			if skipDepth > 0 || inHead || inTitle {
				continue
			}
			if inH1 {
				h1.WriteString(t)
			}
			all.WriteString(t)
			if inArticle > 0 {
				article.WriteString(t)
			}
		}
	}
}

func readAttrs(z *html.Tokenizer, more bool) map[string]string {
	if !more {
		return nil
	}
	m := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if len(m) < 32 {
			m[strings.ToLower(string(k))] = string(v)
		}
	}
	return m
}

func (p *Page) meta(attrs map[string]string) {
	key := strings.ToLower(firstNonEmpty(attrs["property"], attrs["name"], attrs["itemprop"], attrs["http-equiv"]))
	v := strings.TrimSpace(attrs["content"])
	if v == "" {
		return
	}
	switch key {
	case "og:title", "twitter:title":
		if p.Title == "" {
			p.Title = v
		}
	case "og:url":
		if p.URL == "" {
			p.URL = v
		}
	case "og:locale", "content-language", "language", "dc.language":
		if p.Language == "" {
			p.Language = languageTag(v)
		}
	case "og:site_name", "application-name":
		if p.Outlet == "" {
			p.Outlet = v
		}
	case "author", "article:author", "dc.creator", "byl":
		if p.Author == "" && !strings.HasPrefix(v, "http") {
			p.Author = strings.TrimPrefix(v, "By ")
		}
	case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publish-date", "sailthru.date", "og:published_time":
		if p.Published == "" {
			p.Published = isoDay(v)
		}
	}
}

// languageTag reduces a language tag ("en-GB", "ur_PK", "EN") to its
// lower-case primary subtag, or "" when it is not one.
func languageTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return s
}

func isBoilerplate(attrs map[string]string) bool {
	if attrs == nil {
		return false
	}
	if strings.EqualFold(attrs["role"], "navigation") || strings.EqualFold(attrs["aria-hidden"], "true") || attrs["hidden"] != "" {
		return true
	}
	s := strings.ToLower(attrs["class"] + " " + attrs["id"])
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, m := range boilerplateMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Hr, atom.Img, atom.Input, atom.Meta, atom.Link, atom.Source, atom.Wbr, atom.Area, atom.Base, atom.Col, atom.Embed, atom.Param, atom.Track:
		return true
	}
	return false
}

// isoDay reads a date in the forms pages and feeds use and returns it as
// YYYY-MM-DD, or "" when it is not a date.
func isoDay(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 -0700",
		"2 Jan 2006 15:04:05 -0700", "January 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// paragraphs turns the collected lines into paragraphs separated by blank
// lines, with white space inside each line collapsed.
func paragraphs(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if l := cleanSpace(line); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n\n")
}

func cleanSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func words(s string) int { return len(strings.Fields(s)) }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
