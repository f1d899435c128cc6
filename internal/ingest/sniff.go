package ingest

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
)

// format is how an input is read.
type format int

const (
	formatText format = iota
	formatHTML
	formatFeed
	formatWARC
	formatJSONL
	formatTelegram
	formatPDF
	formatSkip // not a document: Skip says why
)

// sniffWindow is how much of an input (decompressed) the format test
// reads: enough for every magic number and a feed's or export's opening.
const sniffWindow = 8 << 10

// sniff says how to read an input from its first bytes (decompressed) and
// its name (without a .gz suffix; "" for a stream), and, for an input that
// is not a document, why. The content decides before the name, so that a
// PNG called notes.txt is an image; the name decides for what the content
// cannot show (a README is text, and documentation).
func sniff(head []byte, name string) (format, string) {
	base := strings.ToLower(filepath.Base(name))
	ext := filepath.Ext(base)
	if name != "" && isDocumentation(base) {
		return formatSkip, "documentation (README, licence, change log), not an article"
	}
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte("WARC/1.")):
		return formatWARC, ""
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return formatPDF, ""
	case ext == ".pdf":
		return formatPDF, "" // the PDF reader says it is not one
	}
	if why := binaryKind(head); why != "" {
		return formatSkip, why
	}
	if len(t) > 0 && t[0] == '{' {
		if isTelegram(t) {
			return formatTelegram, ""
		}
		if ext == ".jsonl" || ext == ".ndjson" || name == "" || firstLineIsObject(t) {
			return formatJSONL, ""
		}
		if ext == ".json" {
			return formatSkip, "JSON that is neither JSON Lines nor a Telegram export"
		}
	}
	if ext == ".jsonl" || ext == ".ndjson" {
		return formatJSONL, ""
	}
	if isFeed(head) {
		return formatFeed, ""
	}
	if why, ok := skippedExt[ext]; ok {
		return formatSkip, why
	}
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" || looksHTML(head) {
		return formatHTML, ""
	}
	if bytes.HasPrefix(t, []byte("<?xml")) || ext == ".xml" {
		return formatSkip, "XML that is not an RSS or Atom feed"
	}
	if bytes.HasPrefix(head, []byte("#!")) {
		return formatSkip, "a script, not an article"
	}
	return formatText, ""
}

// isDocumentation reports whether a file name is a project's or a data
// set's own documentation rather than one of its documents.
func isDocumentation(base string) bool {
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	switch stem {
	case "readme", "licence", "license", "copying", "changelog", "contributing", "authors", "code_of_conduct":
		return true
	}
	return strings.HasPrefix(stem, "readme.") || strings.HasPrefix(stem, "license.") || strings.HasPrefix(stem, "licence.")
}

// magic numbers of formats sitrep does not read, and what they are.
var magics = []struct {
	at    int
	magic string
	what  string
}{
	{0, "\x89PNG\r\n\x1a\n", "an image (PNG)"},
	{0, "\xff\xd8\xff", "an image (JPEG)"},
	{0, "GIF87a", "an image (GIF)"},
	{0, "GIF89a", "an image (GIF)"},
	{0, "II*\x00", "an image (TIFF)"},
	{0, "MM\x00*", "an image (TIFF)"},
	{8, "WEBP", "an image (WebP)"},
	{4, "ftypheic", "an image (HEIC)"},
	{4, "ftypavif", "an image (AVIF)"},
	{0, "PK\x03\x04", "a ZIP archive"},
	{0, "PK\x05\x06", "a ZIP archive"},
	{0, "7z\xbc\xaf\x27\x1c", "an archive (7-Zip)"},
	{0, "Rar!\x1a\x07", "an archive (RAR)"},
	{0, "\xfd7zXZ\x00", "compressed data (xz)"},
	{0, "BZh", "compressed data (bzip2)"},
	{0, "\x28\xb5\x2f\xfd", "compressed data (zstd)"},
	{257, "ustar", "an archive (tar)"},
	{0, "\x7fELF", "an executable (ELF)"},
	{0, "MZ", "an executable (Windows)"},
	{0, "\xcf\xfa\xed\xfe", "an executable (Mach-O)"},
	{0, "\xce\xfa\xed\xfe", "an executable (Mach-O)"},
	{0, "\xca\xfe\xba\xbe", "an executable (Mach-O or Java)"},
	{0, "\x00asm", "an executable (WebAssembly)"},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an office file (Word, Excel or PowerPoint 97–2003)"},
	{0, "{\\rtf", "an office file (RTF)"},
	{0, "SQLite format 3\x00", "a database (SQLite)"},
	{0, "ID3", "audio (MP3)"},
	{0, "OggS", "audio or video (Ogg)"},
	{0, "fLaC", "audio (FLAC)"},
	{0, "\x1a\x45\xdf\xa3", "video (Matroska or WebM)"},
	{4, "ftyp", "audio or video (MP4)"},
	{0, "wOFF", "a font"},
	{0, "wOF2", "a font"},
}

// binaryKind names a format sitrep cannot read from its magic number, or
// returns "". A ZIP archive that holds an office document says so.
func binaryKind(head []byte) string {
	for _, m := range magics {
		if len(head) >= m.at+len(m.magic) && string(head[m.at:m.at+len(m.magic)]) == m.magic {
			if strings.HasPrefix(m.what, "a ZIP") && (bytes.Contains(head, []byte("[Content_Types].xml")) || bytes.Contains(head, []byte("word/")) ||
				bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis"))) {
				return "an office file (Word, Excel, PowerPoint or OpenDocument)"
			}
			if m.magic == "MZ" && !bytes.Contains(head[:min(len(head), 1024)], []byte("PE\x00\x00")) && !bytes.Contains(head, []byte("This program cannot be run in DOS mode")) {
				continue // "MZ" alone may begin a text
			}
			if m.magic == "BZh" && (len(head) < 4 || head[3] < '1' || head[3] > '9') {
				continue
			}
			return m.what + ", not an article"
		}
	}
	return ""
}

// skippedExt are file name extensions of what sitrep does not read, for
// files whose content has no magic number to say so.
var skippedExt = map[string]string{}

func init() {
	for why, exts := range map[string]string{
		"an image, not an article":                                    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .heic .avif",
		"an archive, not an article":                                  ".zip .tar .tgz .7z .rar .xz .bz2 .zst .lz .lzma .cab .iso",
		"an executable, not an article":                               ".exe .dll .so .dylib .bin .apk .dmg .msi .deb .rpm .class .jar .wasm .o .a",
		"an office file sitrep cannot read; save it as PDF or text":   ".doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .pages .key .numbers .epub",
		"a data table, not an article":                                ".csv .tsv .parquet .sqlite .db",
		"audio or video, not an article":                              ".mp3 .mp4 .m4a .wav .ogg .oga .webm .mov .avi .mkv .flac .opus",
		"a font, not an article":                                      ".ttf .otf .woff .woff2",
		"source code or configuration, not an article":                ".go .py .js .mjs .ts .css .c .h .cc .cpp .java .rb .php .pl .sh .bat .ps1 .yml .yaml .toml .ini .cfg .lock .sum .mod",
		"a web archive index or log, not an article (give the .warc)": ".cdx .cdxj",
	} {
		for _, e := range strings.Fields(exts) {
			skippedExt[e] = why
		}
	}
}

// isTelegram reports whether a JSON object begins a Telegram Desktop
// export: one chat ("messages": [...]) or a whole account ("chats":
// {"list": [...]}), found among the first keys of the object.
func isTelegram(t []byte) bool {
	d := json.NewDecoder(bytes.NewReader(t))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for range 16 {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		key, ok := tok.(string)
		if !ok {
			return false
		}
		if key == "messages" || key == "chats" {
			next, err := d.Token()
			return err == nil && (next == json.Delim('[') && key == "messages" || next == json.Delim('{') && key == "chats")
		}
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// firstLineIsObject reports whether the first line is a whole JSON object
// with a "text", as a JSON Lines batch of documents has (and neither a
// pretty-printed JSON file nor a one-line settings file has).
func firstLineIsObject(t []byte) bool {
	line := t
	if i := bytes.IndexByte(t, '\n'); i >= 0 {
		line = t[:i]
	} else if len(t) >= sniffWindow-1 {
		return true // one long line: pretty-printed JSON breaks its first line at once
	}
	var rec map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(line), &rec) != nil {
		return false
	}
	_, ok := rec["text"]
	return ok
}
