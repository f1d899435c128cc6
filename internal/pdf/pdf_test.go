package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The files in testdata are described in testdata/README.md.

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReports(t *testing.T) {
	for _, c := range []struct {
		file      string
		encrypted bool
	}{
		{"report.pdf", false}, {"objstm.pdf", false}, {"rc4.pdf", true}, {"aes128.pdf", true}, {"aes256.pdf", true},
	} {
		doc, err := Read(readFile(t, c.file), Limits{})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if len(doc.Pages) != 3 {
			t.Errorf("%s: %d pages, want 3", c.file, len(doc.Pages))
			continue
		}
		if doc.Title != "Disappearances in the Coastal District, 2023" || doc.Created.IsZero() || doc.Encrypted != c.encrypted {
			t.Errorf("%s: title %q, created %v, encrypted %v", c.file, doc.Title, doc.Created, doc.Encrypted)
		}
		// Each sentence whole on its page: lines joined, paragraphs apart,
		// ligatures spelt out, accents and typographic quotes kept.
		for _, w := range []struct {
			page int
			text string
		}{
			{1, "A report of the Coastal Families Forum, written for the tests of sitrep."},
			{2, "Families said that men in plain clothes, accompanied by uniformed soldiers, took three students from a hostel in Turbat on 14 March."},
			{2, "Their relatives filed petitions with the High Court"},
			{3, "On 2 May, the bodies of four men were found near Pasni, fifteen days after they disappeared."},
			{3, "Officials described them as militants killed in an exchange of fire"},
			{3, "Café owners and naïve résumé writers in Zürich"},
			{3, "“quotes” — and dashes."},
		} {
			if !strings.Contains(doc.Pages[w.page-1], w.text) {
				t.Errorf("%s: page %d lacks %q:\n%s", c.file, w.page, w.text, doc.Pages[w.page-1])
			}
		}
		if !strings.Contains(doc.Pages[1], "14 March.\n\nIn April") {
			t.Errorf("%s: paragraphs not apart: %q", c.file, doc.Pages[1])
		}
		text := doc.Text()
		if at := strings.Index(text, "Pasni"); PageAt(text, at) != 3 {
			t.Errorf("%s: PageAt(Pasni) = %d, want 3", c.file, PageAt(text, at))
		}
	}
}

func TestLockedAndScanned(t *testing.T) {
	if _, err := Read(readFile(t, "locked.pdf"), Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("a file with a user password: %v, want ErrEncrypted", err)
	}
	doc, err := Read(readFile(t, "scan.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 3 || doc.Images != 3 || strings.TrimSpace(strings.ReplaceAll(doc.Text(), "\f", "")) != "" {
		t.Errorf("scan: %d pages, %d with images, text %q", len(doc.Pages), doc.Images, doc.Text())
	}
	if _, err := Read([]byte("Not a PDF at all, just text."), Limits{}); !errors.Is(err, ErrNotPDF) {
		t.Errorf("text: %v, want ErrNotPDF", err)
	}
}

// build writes a PDF of the given objects (numbered from 1, the first the
// catalog) with a correct cross-reference table.
func build(objs ...string) []byte {
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info << /Title (Made by hand) /CreationDate (D:20240305083000+05'00') >> >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func stm(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func deflate(b []byte) string {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.String()
}

// onePage is a file whose page shows content with font F1 (Helvetica,
// WinAnsi with a ligature in its differences).
func onePage(content string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stm("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [31 /fi] >> >>",
	}
	return build(append(objs, extra...)...)
}

func TestTextOperators(t *testing.T) {
	// Words placed by kerning, by Td on the same line, a line below, and
	// a paragraph further down; a ligature code; WinAnsi quotes.
	content := "BT /F1 12 Tf 72 700 Td [(Police)-250(said)] TJ 100 0 Td (the) Tj 0 -14 Td (\\037ve men were held.) Tj " +
		"0 -40 Td (\\223Released\\224 later, they said.) Tj ET"
	doc, err := Read(onePage(content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Police said the five men were held.\n\n“Released” later, they said."
	if doc.Text() != want {
		t.Errorf("text %q\nwant %q", doc.Text(), want)
	}
	if doc.Title != "Made by hand" || doc.Created.Format(time.RFC3339) != "2024-03-05T08:30:00+05:00" {
		t.Errorf("metadata: %q %v", doc.Title, doc.Created)
	}
}

// A damaged file (its cross-reference table gone, its objects' offsets
// wrong) is read by scanning for its objects.
func TestDamaged(t *testing.T) {
	b := onePage("BT /F1 12 Tf 72 700 Td (A bridge was bombed near Khuzdar.) Tj ET")
	cut := b[:bytes.LastIndex(b, []byte("xref"))]
	doc, err := Read(append(bytes.Clone(cut), "trailer\n<< /Root 1 0 R >>\n%%EOF"...), Limits{})
	if err != nil || doc.Text() != "A bridge was bombed near Khuzdar." {
		t.Errorf("no cross-reference table: %v %+v", err, doc)
	}
	report := readFile(t, "report.pdf")
	for _, n := range []int{len(report) / 2, len(report) - 100} {
		doc, err := Read(report[:n], Limits{})
		if err != nil {
			continue // what is left may hold no page: an error is fine, a panic or a hang is not
		}
		if len(doc.Pages) > 3 {
			t.Errorf("cut at %d: %d pages", n, len(doc.Pages))
		}
	}
}

// Hostile files end in bounded time and memory with an error or a
// document; none hangs, panics or exhausts memory.
func TestHostile(t *testing.T) {
	deep := strings.Repeat("[", 500_000) + strings.Repeat("]", 500_000)
	bomb := deflate(bytes.Repeat([]byte("0 0 m "), 4<<20))
	manyTokens := strings.Repeat("1 ", 3_000_000)
	cases := []struct {
		name string
		pdf  []byte
		lim  Limits
		err  error // the error expected, if any
	}{
		{"page tree loop", build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R 1 0 R] /Count 9 >>",
			"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 9 >>"), Limits{}, nil},
		{"reference cycle", build("<< /Type /Catalog /Pages 2 0 R >>", "3 0 R", "2 0 R"), Limits{}, nil},
		{"deep nesting", onePage("BT ET", deep), Limits{}, nil},
		{"deep content", onePage(deep + " BT /F1 12 Tf (x) Tj ET"), Limits{}, nil},
		{"inflation bomb", onePage("", stm("/Filter /FlateDecode", bomb)), Limits{MaxStream: 1 << 20}, nil},
		{"inflation bomb as content", build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Contents 4 0 R >>", stm("/Filter /FlateDecode", bomb)), Limits{MaxDecoded: 1 << 20}, ErrTooMuch},
		{"token flood", onePage(manyTokens), Limits{MaxWork: 1_000_000}, ErrTooMuch},
		{"form drawing itself", build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>", stm("", "/X Do"),
			stm("/Type /XObject /Subtype /Form /Resources << /XObject << /X 5 0 R /Y 6 0 R >> >>", "/X Do /Y Do"),
			stm("/Type /XObject /Subtype /Form /Resources << /XObject << /X 5 0 R >> >>", "/X Do")), Limits{}, nil},
		{"xref Prev loop", prevLoop(), Limits{}, nil},
		{"huge xref stream index", hugeIndex(), Limits{}, nil},
		{"many pages", manyPages(5000), Limits{MaxPages: 1000}, ErrTooMuch},
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := Read(c.pdf, c.lim)
			done <- err
		}()
		select {
		case err := <-done:
			if c.err != nil && !errors.Is(err, c.err) {
				t.Errorf("%s: %v, want %v", c.name, err, c.err)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: Read did not return", c.name)
		}
	}
}

func prevLoop() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	x1 := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	x2 := b.Len() + 60
	fmt.Fprintf(&b, "trailer\n<< /Size 2 /Prev %010d >>\n", x2)
	for b.Len() < x2 {
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", x1, x2)
	return b.Bytes()
}

func hugeIndex() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	x := b.Len()
	data := "\x01\x00\x10\x00"
	fmt.Fprintf(&b, "1 0 obj\n<< /Type /XRef /Size 4000000000 /Index [0 4000000000] /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(data), data)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

func manyPages(n int) []byte {
	var kids strings.Builder
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", stm("", "BT (x) Tj ET")}
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", i+4)
		objs = append(objs, "<< /Type /Page /Contents 3 0 R >>")
	}
	objs[1] = "<< /Type /Pages /Kids [" + kids.String() + "] /Count 1 >>"
	return build(objs...)
}

func TestPDFDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20230810":                "2023-08-10T00:00:00Z",
		"D:20230810142233Z":         "2023-08-10T14:22:33Z",
		"D:20230810142233-04'00'":   "2023-08-10T14:22:33-04:00",
		"D:2023":                    "2023-01-01T00:00:00Z",
		"D:20230231":                "0001-01-01T00:00:00Z",
		"yesterday":                 "0001-01-01T00:00:00Z",
		"D:20230810142233+05'30'xx": "2023-08-10T14:22:33+05:30",
	} {
		if got := pdfDate(in).Format(time.RFC3339); got != want {
			t.Errorf("pdfDate(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTables(t *testing.T) {
	if len(macRomanHigh) != 128 || len(pdfDocHigh) != 33 {
		t.Errorf("MacRoman has %d upper codes, PDFDoc %d", len(macRomanHigh), len(pdfDocHigh))
	}
	for name, want := range map[string]string{"eacute": "é", "Scaron": "Š", "f_f_i": "ffi", "uni00E9": "é", "u1F600": "😀", "a.sc": "a", "quotedblleft": "“"} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, n := range []string{"report.pdf", "objstm.pdf", "aes128.pdf", "scan.pdf"} {
		f.Add(readFile(f, n))
	}
	f.Add(onePage("BT /F1 12 Tf 72 700 Td [(Police)-250(said)] TJ ET"))
	f.Add(prevLoop())
	f.Add(hugeIndex())
	lim := Limits{MaxWork: 200_000, MaxDecoded: 4 << 20, MaxStream: 1 << 20, MaxText: 1 << 20, MaxPages: 200}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := Read(b, lim)
		if err != nil {
			return
		}
		if n := len(doc.Text()); n > lim.MaxText+3*len(doc.Pages) {
			t.Errorf("%d bytes of text, over the limit", n)
		}
	})
}
