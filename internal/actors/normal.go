package actors

import (
	"strings"
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
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case latin[r] != 0:
			b.WriteByte(latin[r])
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r < 128 && r >= 'A' && r <= 'Z':
			b.WriteRune(r + 32)
		case r == '\'' || r == '’':
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for i, w := range words {
		if nameTitles[w] && i < len(words)-1 {
			continue
		}
		out = append(out, foldWord(w))
	}
	if len(out) == 0 {
		return "unnamed"
	}
	return strings.Join(out, "-")
}

// foldWord folds one name word: known variants, doubled vowels ("ee" → "i",
// "oo" → "u", "aa" → "a"), and a vowel written between a consonant and "r"
// after the first syllable ("Sarfaraz" → "sarfraz").
func foldWord(w string) string {
	if v, ok := variants[w]; ok {
		return v
	}
	w = strings.NewReplacer("ee", "i", "oo", "u", "aa", "a").Replace(w)
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
		if c == 'a' && i > firstVowel && firstVowel >= 0 && i > 0 && i+1 < len(b) && !isVowel(b[i-1]) && b[i+1] == 'r' && i+2 < len(b) && isVowel(b[i+2]) {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }
