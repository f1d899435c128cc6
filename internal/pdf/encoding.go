package pdf

import "strings"

// The standard encodings of simple fonts and of text strings (ISO
// 32000-1, annex D). Codes below 128 are ASCII in all but StandardEncoding's
// quotes; the tables list the upper half.

// winAnsiHigh is WinAnsiEncoding from 0x80 to 0x9F; from 0xA0 it is
// Latin-1.
var winAnsiHigh = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// macRomanHigh is MacRomanEncoding from 0x80 to 0xFF.
var macRomanHigh = []rune("ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü" +
	"†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø" +
	"¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ" +
	"‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ")

// standardHigh is StandardEncoding above 0x7F, by code.
var standardHigh = map[byte]rune{
	0xa1: '¡', 0xa2: '¢', 0xa3: '£', 0xa4: '⁄', 0xa5: '¥', 0xa6: 'ƒ', 0xa7: '§', 0xa8: '¤', 0xa9: '\'', 0xaa: '“',
	0xab: '«', 0xac: '‹', 0xad: '›', 0xae: 'ﬁ', 0xaf: 'ﬂ', 0xb1: '–', 0xb2: '†', 0xb3: '‡', 0xb4: '·', 0xb6: '¶',
	0xb7: '•', 0xb8: '‚', 0xb9: '„', 0xba: '”', 0xbb: '»', 0xbc: '…', 0xbd: '‰', 0xbf: '¿', 0xc1: '`', 0xc2: '´',
	0xc3: 'ˆ', 0xc4: '˜', 0xc5: '¯', 0xc6: '˘', 0xc7: '˙', 0xc8: '¨', 0xca: '˚', 0xcb: '¸', 0xcd: '˝', 0xce: '˛',
	0xcf: 'ˇ', 0xd0: '—', 0xe1: 'Æ', 0xe3: 'ª', 0xe8: 'Ł', 0xe9: 'Ø', 0xea: 'Œ', 0xeb: 'º', 0xf1: 'æ', 0xf5: 'ı',
	0xf8: 'ł', 0xf9: 'ø', 0xfa: 'œ', 0xfb: 'ß',
}

// pdfDocHigh is PDFDocEncoding from 0x80 to 0xA0; the rest of the upper
// half is Latin-1, and 0x18–0x1F are accents.
var pdfDocHigh = []rune("•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\ufffd€")

// encoding returns the text of each code of a simple font's base encoding.
func encoding(base string) [256]string {
	var e [256]string
	for c := 32; c < 127; c++ {
		e[c] = string(rune(c))
	}
	switch base {
	case "WinAnsiEncoding":
		for c := 0x80; c < 0xa0; c++ {
			if r := winAnsiHigh[c-0x80]; r != 0 {
				e[c] = string(r)
			}
		}
		for c := 0xa0; c < 256; c++ {
			e[c] = string(rune(c))
		}
		e[0xa0], e[0xad] = " ", "-"
	case "MacRomanEncoding":
		for c := 0x80; c < 256; c++ {
			e[c] = string(macRomanHigh[c-0x80])
		}
	default: // StandardEncoding, and what is unknown
		e['\''], e['`'] = "’", "‘"
		for c, r := range standardHigh {
			e[c] = string(r)
		}
	}
	return e
}

// textString decodes a text string of the document's metadata: UTF-16BE
// or UTF-8 with a byte-order mark, else PDFDocEncoding.
func textString(s string) string {
	switch {
	case strings.HasPrefix(s, "\xfe\xff"):
		return utf16Text(s[2:])
	case strings.HasPrefix(s, "\xef\xbb\xbf"):
		return strings.ToValidUTF8(s[3:], "\ufffd")
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 && c <= 0xa0:
			b.WriteRune(pdfDocHigh[c-0x80])
		case c >= 0xa1:
			b.WriteRune(rune(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// glyphNames maps the Adobe glyph names that Differences arrays use for
// text to what they stand for; single letters map to themselves.
var glyphNames = map[string]string{}

func init() {
	pairs := []string{
		"space", " ", "exclam", "!", "quotedbl", "\"", "numbersign", "#", "dollar", "$", "percent", "%",
		"ampersand", "&", "quotesingle", "'", "quoteright", "’", "quoteleft", "‘", "parenleft", "(", "parenright", ")",
		"asterisk", "*", "plus", "+", "comma", ",", "hyphen", "-", "period", ".", "slash", "/", "colon", ":",
		"semicolon", ";", "less", "<", "equal", "=", "greater", ">", "question", "?", "at", "@", "bracketleft", "[",
		"backslash", "\\", "bracketright", "]", "asciicircum", "^", "underscore", "_", "grave", "`", "braceleft", "{",
		"bar", "|", "braceright", "}", "asciitilde", "~", "zero", "0", "one", "1", "two", "2", "three", "3",
		"four", "4", "five", "5", "six", "6", "seven", "7", "eight", "8", "nine", "9",
		"quotedblleft", "“", "quotedblright", "”", "quotesinglbase", "‚", "quotedblbase", "„", "endash", "–",
		"emdash", "—", "bullet", "•", "ellipsis", "…", "dagger", "†", "daggerdbl", "‡", "perthousand", "‰",
		"guilsinglleft", "‹", "guilsinglright", "›", "guillemotleft", "«", "guillemotright", "»", "fi", "fi",
		"fl", "fl", "ff", "ff", "ffi", "ffi", "ffl", "ffl", "trademark", "™", "copyright", "©", "registered", "®",
		"degree", "°", "section", "§", "paragraph", "¶", "periodcentered", "·", "minus", "−", "multiply", "×",
		"divide", "÷", "plusminus", "±", "cent", "¢", "sterling", "£", "yen", "¥", "currency", "¤", "brokenbar", "¦",
		"dieresis", "¨", "macron", "¯", "acute", "´", "cedilla", "¸", "ordfeminine", "ª", "ordmasculine", "º",
		"logicalnot", "¬", "onesuperior", "¹", "twosuperior", "²", "threesuperior", "³", "onequarter", "¼",
		"onehalf", "½", "threequarters", "¾", "questiondown", "¿", "exclamdown", "¡", "florin", "ƒ",
		"circumflex", "ˆ", "tilde", "˜", "ring", "˚", "caron", "ˇ", "breve", "˘", "dotaccent", "˙",
		"hungarumlaut", "˝", "ogonek", "˛", "dotlessi", "ı", "Euro", "€", "nbspace", " ", "nonbreakingspace", " ",
		"sfthyphen", "-", "softhyphen", "-", "mu", "µ", "germandbls", "ß", "AE", "Æ", "ae", "æ", "OE", "Œ", "oe", "œ",
		"Oslash", "Ø", "oslash", "ø", "Lslash", "Ł", "lslash", "ł", "Eth", "Ð", "eth", "ð", "Thorn", "Þ", "thorn", "þ",
		"Scaron", "Š", "scaron", "š", "Zcaron", "Ž", "zcaron", "ž", "Ydieresis", "Ÿ", "fraction", "⁄",
		"quotedblreversed", "‟", "apostrophe", "’", "bulletoperator", "∙", "middot", "·",
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		glyphNames[pairs[i]] = pairs[i+1]
	}
	// Accented Latin letters: base letter and accent name.
	accents := map[string]rune{"grave": 0x300, "acute": 0x301, "circumflex": 0x302, "tilde": 0x303, "dieresis": 0x308,
		"ring": 0x30a, "cedilla": 0x327, "caron": 0x30c, "macron": 0x304, "breve": 0x306, "ogonek": 0x328, "dotaccent": 0x307}
	for _, base := range "AEIOUYCNSZaeiouycnszGgRrLlTtDdKk" {
		for acc, mark := range accents {
			if s := compose(base, mark); s != "" {
				glyphNames[string(base)+acc] = s
			}
		}
	}
}

// compose returns the precomposed letter for base and a combining mark,
// for the Latin-1 and Latin Extended-A letters that have one.
func compose(base, mark rune) string {
	for r := rune(0xc0); r < 0x180; r++ {
		if decomposed[r] == [2]rune{base, mark} {
			return string(r)
		}
	}
	return ""
}

// decomposed lists the letters of Latin-1 and Latin Extended-A that are a
// base letter and one accent.
var decomposed = func() map[rune][2]rune {
	m := map[rune][2]rune{}
	add := func(letters string, base string, mark rune) {
		for i, r := range []rune(letters) {
			m[r] = [2]rune{[]rune(base)[i], mark}
		}
	}
	add("ÀÈÌÒÙàèìòù", "AEIOUaeiou", 0x300)
	add("ÁÉÍÓÚÝáéíóúýĆćĹĺŃńŔŕŚśŹź", "AEIOUYaeiouyCcLlNnRrSsZz", 0x301)
	add("ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷ", "AEIOUaeiouCcGgHhJjSsWwYy", 0x302)
	add("ÃÑÕãñõĨĩŨũ", "ANOanoIiUu", 0x303)
	add("ÄËÏÖÜäëïöüÿŸ", "AEIOUaeiouyY", 0x308)
	add("ÅåŮů", "AaUu", 0x30a)
	add("ÇçĢģĶķĻļŅņŖŗŞşŢţ", "CcGgKkLlNnRrSsTt", 0x327)
	add("ČčĎďĚěĽľŇňŘřŠšŤťŽž", "CcDdEeLlNnRrSsTtZz", 0x30c)
	add("ĀāĒēĪīŌōŪū", "AaEeIiOoUu", 0x304)
	add("ĂăĔĕĞğĬĭŎŏŬŭ", "AaEeGgIiOoUu", 0x306)
	add("ĄąĘęĮįŲų", "AaEeIiUu", 0x328)
	add("ĊċĖėĠġİŻż", "CcEeGgIZz", 0x307)
	return m
}()
