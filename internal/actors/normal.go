package actors

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// latin folds accented Latin letters to ASCII for ids.
var latin = map[rune]byte{'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ā': 'a', 'é': 'e', 'è': 'e', 'ê': 'e',
	'ë': 'e', 'ē': 'e', 'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ō': 'o', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ñ': 'n', 'ç': 'c', 'ş': 's', 'ğ': 'g', 'ı': 'i'}

// Transliteration variants of common name parts in South and Southwest
// Asian names, folded to one spelling for ids. Real-world spelling knowledge.
var variants = map[string]string{
	"baluch": "baloch", "baluchi": "baloch", "balochi": "baloch", "biloch": "baloch",
	"mohammad": "muhammad", "mohammed": "muhammad", "muhammed": "muhammad", "mohamed": "muhammad", "mohd": "muhammad",
	"ahmed": "ahmad", "hussein": "hussain", "husain": "hussain", "hossain": "hussain", "rehman": "rahman",
	"rahmaan": "rahman", "abdel": "abdul", "qadeer": "qadir", "usama": "osama", "yousuf": "yusuf", "yousaf": "yusuf",
	"yusaf": "yusuf", "syed": "sayed", "sayyid": "sayed", "kakar": "kakar", "anwaar": "anwar", "zahir": "zaheer",
}

// nameTitles are dropped from ids: "Dr Naseem Baloch" is "naseem-baloch".
var nameTitles = wordSet("dr|mr|mrs|ms|prof|mir|maulana|mufti|mullah|sheikh|shaikh|haji|hajji|sardar|nawab|allama|gen|general|" +
	"lt|col|colonel|maj|major|capt|captain|brig|brigadier|senator|judge|justice|president|chairman|minister|governor|" +
	"lawyer|advocate|journalist|activist|leader|spokesman|chief|the")

// NormalID gives the stable id of a name: lower case, ASCII, titles dropped,
// transliteration variants folded ("Shafeeq Mengal" and "Shafiq Mengal" are
// "shafiq-mengal"; "Sarfaraz"/"Sarfraz" are "sarfraz"), words joined by
// hyphens. Different given names stay different: "Zahid Baluch" and
// "Naseem Baloch" never share an id.
func NormalID(name string) string {
	var buf [128]byte
	low := buf[:0]
	for _, r := range name {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			low = append(low, byte(r))
		case r < 128 && r >= 'A' && r <= 'Z':
			low = append(low, byte(r+32))
		case r == '\'' || r == '’':
		case r >= 128:
			lr := unicode.ToLower(r)
			if c := latin[lr]; c != 0 {
				low = append(low, c)
			} else if unicode.IsLetter(lr) || unicode.IsDigit(lr) {
				low = utf8.AppendRune(low, lr)
			} else if !unicode.Is(unicode.Mn, r) {
				low = append(low, ' ')
			}
		default:
			low = append(low, ' ')
		}
	}
	var obuf [128]byte
	out := obuf[:0]
	for i := 0; i < len(low); {
		for i < len(low) && low[i] == ' ' {
			i++
		}
		j := i
		for j < len(low) && low[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		w := low[i:j]
		i = j
		rest := false
		for k := j; k < len(low); k++ {
			if low[k] != ' ' {
				rest = true
				break
			}
		}
		if len(out) == 0 && nameTitles[string(w)] && rest && !bodyName(low) {
			continue // leading titles only: "Dr Naseem Baloch", not "… Justice Party"
		}
		if len(out) > 0 {
			out = append(out, '-')
		}
		out = appendFolded(out, w)
	}
	if len(out) == 0 {
		return "unnamed"
	}
	return string(out)
}

// bodyName tells whether a lower-cased name ends with an organisation's head
// word: "General Staff", "Justice Party" keep their first word.
func bodyName(low []byte) bool {
	e := len(low)
	for e > 0 && low[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && low[b-1] != ' ' {
		b--
	}
	_, ok := orgHeads[keyOf(string(low[b:e]))]
	return ok
}

var doubledVowels = strings.NewReplacer("ee", "i", "oo", "u", "aa", "a")

// foldWord folds one name word: known variants, doubled vowels ("ee" → "i",
// "oo" → "u", "aa" → "a"), and a vowel written between a consonant and "r"
// after the first syllable ("Sarfaraz" → "sarfraz").
func appendFolded(dst, w []byte) []byte {
	if v, ok := variants[string(w)]; ok {
		return append(dst, v...)
	}
	if !bytes.Contains(w, []byte("ee")) && !bytes.Contains(w, []byte("oo")) && !bytes.Contains(w, []byte("aa")) && !bytes.Contains(w, []byte("ar")) {
		return append(dst, w...)
	}
	return append(dst, foldWord(string(w))...)
}

func foldWord(w string) string {
	if v, ok := variants[w]; ok {
		return v
	}
	if strings.Contains(w, "ee") || strings.Contains(w, "oo") || strings.Contains(w, "aa") {
		// a final "ee" is English spelling ("committee", "refugee"), left alone
		if strings.HasSuffix(w, "ee") {
			w = doubledVowels.Replace(w[:len(w)-2]) + "ee"
		} else {
			w = doubledVowels.Replace(w)
		}
	}
	if v, ok := variants[w]; ok {
		return v
	}
	b := []byte(w)
	firstVowel := -1
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if isVowel(c) && firstVowel < 0 {
			firstVowel = i
		}
		if c == 'a' && i > firstVowel && firstVowel >= 0 && i > 0 && i+1 < len(b) && !isVowel(b[i-1]) && b[i+1] == 'r' && i+2 < len(b) && b[i+2] == 'a' {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, "|") {
		m[w] = true
	}
	return m
}
