// Package ingesttest writes generated corpora in each input format that
// sitrep reads, for benchmarks: the same reports, from sentence patterns
// written here, as text files, HTML pages, JSON Lines, an RSS feed, a WARC
// file, a Telegram export and PDFs.
package ingesttest

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Formats are the formats Write writes.
var Formats = []string{"text", "html", "jsonl", "rss", "warc", "telegram", "pdf"}

// Write writes n reports in format f into dir.
func Write(dir, f string, n int) error {
	rs := genReports(n)
	switch f {
	case "text":
		writeTexts(dir, rs)
	case "html":
		writeHTML(dir, rs)
	case "jsonl":
		writeJSONL(dir, rs)
	case "rss":
		writeRSS(dir, rs)
	case "warc":
		writeWARC(dir, rs)
	case "telegram":
		writeTelegram(dir, rs)
	case "pdf":
		writePDFs(dir, rs)
	default:
		return fmt.Errorf("ingesttest: no format %q", f)
	}
	return nil
}

type genReport struct {
	id, title, date, text string
	paras                 []string
}

// genReports writes n distinct reports from sentence patterns: different
// places, days, figures and actors, so that no two are near copies.
func genReports(n int) []genReport {
	places := []string{"Turbat", "Quetta", "Gwadar", "Panjgur", "Khuzdar", "Kech", "Mastung", "Pasni", "Kohlu", "Dera Bugti", "Nushki", "Chagai"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	actors := []string{"security forces", "unidentified gunmen", "the Frontier Corps", "police", "armed men on motorcycles"}
	var out []genReport
	for i := range n {
		p, q := places[i%len(places)], places[(i/len(places)+3)%len(places)]
		d, a := days[i%len(days)], actors[i%len(actors)]
		k, w := 2+i%9, 3+i%13
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		paras := []string{
			fmt.Sprintf("%s: At least %d people were killed and %d wounded when %s opened fire on a market in %s on %s, officials said (report %d).", strings.ToUpper(p), k, w, a, p, d, i),
			fmt.Sprintf("Witnesses said the attackers arrived in two vehicles shortly before noon and fled towards %s after the shooting. Shopkeepers closed the bazaar and the district administration imposed a curfew for the rest of the day.", q),
			fmt.Sprintf("A spokesman for the provincial government condemned the attack and said an inquiry had been ordered. Relatives of the victims gathered outside the hospital in %s and demanded that those responsible be arrested.", p),
			fmt.Sprintf("It was the %d attack in the district this year, according to a count kept by a local rights group, which accused the authorities of failing to protect residents of %s.", 4+i%20, p),
		}
		out = append(out, genReport{id: fmt.Sprintf("r%04d", i), title: fmt.Sprintf("%d killed in %s market attack", k, p), date: date,
			text: strings.Join(paras, "\n\n"), paras: paras})
	}
	return out
}

func writeTexts(dir string, rs []genReport) {
	for _, r := range rs {
		os.WriteFile(filepath.Join(dir, r.id+".txt"), []byte(r.text), 0o644)
	}
}

func writeHTML(dir string, rs []genReport) {
	for _, r := range rs {
		var b strings.Builder
		fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"en\"><head><title>%s | Valley Herald</title><meta property=\"article:published_time\" content=\"%sT09:00:00Z\">", r.title, r.date)
		b.WriteString("<script>var ads = [1,2,3];</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>" + r.title + "</h1>")
		for _, p := range r.paras {
			b.WriteString("<p>" + p + "</p>")
		}
		b.WriteString("</article><footer>Copyright Valley Herald</footer></body></html>")
		os.WriteFile(filepath.Join(dir, r.id+".html"), []byte(b.String()), 0o644)
	}
}

func writeJSONL(dir string, rs []genReport) {
	var b bytes.Buffer
	for _, r := range rs {
		line, _ := json.Marshal(map[string]string{"id": r.id, "text": r.text, "published": r.date, "title": r.title, "source": "Valley Herald"})
		b.Write(append(line, '\n'))
	}
	os.WriteFile(filepath.Join(dir, "reports.jsonl"), b.Bytes(), 0o644)
}

func writeRSS(dir string, rs []genReport) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valley Herald</title>`)
	for _, r := range rs {
		t, _ := time.Parse("2006-01-02", r.date)
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://valley.example/%s</link><pubDate>%s</pubDate><description><![CDATA[<p>%s</p>]]></description></item>",
			r.title, r.id, t.Format(time.RFC1123Z), strings.Join(r.paras, "</p><p>"))
	}
	b.WriteString("</channel></rss>")
	os.WriteFile(filepath.Join(dir, "feed.xml"), []byte(b.String()), 0o644)
}

func writeWARC(dir string, rs []genReport) {
	var b strings.Builder
	for _, r := range rs {
		page := "<html><head><title>" + r.title + "</title></head><body><article><p>" + strings.Join(r.paras, "</p><p>") + "</p></article></body></html>"
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(page), page)
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://valley.example/%s\r\nWARC-Date: %sT10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
			r.id, r.date, r.id, len(resp), resp)
	}
	os.WriteFile(filepath.Join(dir, "crawl.warc"), []byte(b.String()), 0o644)
}

func writeTelegram(dir string, rs []genReport) {
	type msg struct {
		ID   int    `json:"id"`
		Type string `json:"type"`
		Date string `json:"date"`
		From string `json:"from"`
		Text string `json:"text"`
	}
	export := struct {
		Name     string `json:"name"`
		Type     string `json:"type"`
		ID       int64  `json:"id"`
		Messages []msg  `json:"messages"`
	}{Name: "Valley Watch", Type: "public_channel", ID: 1555000111}
	for i, r := range rs {
		export.Messages = append(export.Messages, msg{ID: i + 1, Type: "message", Date: r.date + "T10:00:00", From: "Valley Watch", Text: r.text})
	}
	b, _ := json.MarshalIndent(export, "", " ")
	os.WriteFile(filepath.Join(dir, "result.json"), b, 0o644)
}

// writePDFs writes each report as a PDF of two pages (Helvetica, text
// lines in compressed content streams), as a report printed to PDF is.
func writePDFs(dir string, rs []genReport) {
	for _, r := range rs {
		pages := [][]string{r.paras[:2], r.paras[2:]}
		var objs []string
		objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
		for _, paras := range pages {
			var c strings.Builder
			c.WriteString("BT /F1 11 Tf 14 TL 72 720 Td ")
			for _, p := range paras {
				for _, line := range wrap(p, 85) {
					fmt.Fprintf(&c, "(%s) Tj T* ", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(line))
				}
				c.WriteString("T* ")
			}
			c.WriteString("ET")
			var z bytes.Buffer
			zw := zlib.NewWriter(&z)
			zw.Write([]byte(c.String()))
			zw.Close()
			next := len(objs) + 2
			objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", next),
				fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", z.Len(), z.String()))
		}
		var b bytes.Buffer
		b.WriteString("%PDF-1.4\n")
		var offs []int
		for i, o := range objs {
			offs = append(offs, b.Len())
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
		x := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		d := strings.ReplaceAll(r.date, "-", "")
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info << /Title (%s) /CreationDate (D:%s090000Z) >> >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, r.title, d, x)
		os.WriteFile(filepath.Join(dir, r.id+".pdf"), b.Bytes(), 0o644)
	}
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(text) {
		if cur != "" && len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	return append(lines, cur)
}
