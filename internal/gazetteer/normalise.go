package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// foldRune maps a rune to the lower-case ASCII letter or digit it is read as
// in English text ("ā" → 'a', "Ş" → 's'), or 0 when it has none. The tables
// cover Latin-1, Latin Extended-A/B and Latin Extended Additional, which
// hold the diacritics of transliterated Arabic, Persian, Urdu, Pashto and
// Vietnamese names as well as European ones.
func foldRune(r rune) byte {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case r >= 'A' && r <= 'Z':
			return byte(r) + 'a' - 'A'
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return byte(r)
		}
		return 0
	case r >= 0xC0 && r < 0x250:
		return foldLatin[r-0xC0]
	case r >= 0x1E00 && r < 0x1F00:
		return foldLatinExt[r-0x1E00]
	}
	return 0
}

// isApostrophe reports the characters used as apostrophes in names and
// possessives: ASCII, typographic, and the modifier letters of
// transliterations ("Ma'rib", "Sana’a", "Hawaiʻi").
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == '‘' || r == '`'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑'
}

// isWordRune is a rune that belongs to a token.
func isWordRune(r rune) bool {
	return foldRune(r) != 0 || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Normalise returns the lookup key of a name: tokens folded to lower-case
// ASCII, hyphens and spaces as single spaces, apostrophes and internal dots
// dropped. A trailing dot is kept only when keepDot is set (abbreviation
// aliases such as "Kan." must be written with it).
func Normalise(name string) string {
	toks, norm := tokenize(name, nil, nil)
	return keyOf(toks, norm, 0, len(toks), false)
}

func keyOf(toks []token, norm []byte, i, j int, dot bool) string {
	b := make([]byte, 0, 32)
	b = appendKey(b, toks, norm, i, j)
	if dot {
		b = append(b, '.')
	}
	return string(b)
}

func appendKey(b []byte, toks []token, norm []byte, i, j int) []byte {
	for k := i; k < j; k++ {
		if k > i {
			b = append(b, ' ')
		}
		b = append(b, norm[toks[k].ns:toks[k].ne]...)
	}
	return b
}

const foldLatin = "aaaaaaaceeeeiiiidnooooo\x00ouuuuytsaaaaaaaceeeeiiiidnooooo\x00ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\x00\x00jjkkkllllll\x00\x00llnnnnnn\x00nnoooooooorrrrrrsssssssstttt\x00\x00uuuuuuuuuuuuwwyyyzzzzzzs\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00f\x00\x00\x00\x00\x00\x00k\x00\x00\x00\x00\x00\x00oo\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00uu\x00\x00\x00y\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00aaiioouuuuuuuuuu\x00aaaa\x00\x00\x00\x00ggkkoooo\x00\x00j\x00\x00\x00gg\x00\x00nnaa\x00\x00\x00\x00aaaaeeeeiiiioooorrrruuuusstt\x00\x00hh\x00\x00\x00\x00\x00\x00aaeeooooooooyy\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

const foldLatinExt = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy\x00\x00\x00\x00\x00\x00aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy\x00\x00\x00\x00\x00\x00"
