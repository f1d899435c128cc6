// Package lang identifies the language of a document: its script first
// (Arabic, Cyrillic, Devanagari, Han…), then, for the Latin and Arabic
// scripts that several languages share, the frequent function words each
// language writes ("the", "of" in English; "le", "des" in French; "کے",
// "ہے" in Urdu). It needs no model file and reads at most the first few
// kilobytes of a text, so it costs little beside extraction.
//
// Codes are ISO 639-1. The word lists are the project's own, written from
// general knowledge of each language's most frequent words.
package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unknown is the code Detect returns when it cannot tell the language.
const Unknown = ""

// sampleBytes bounds how much of a text Detect reads.
const sampleBytes = 6000

// Detect returns the ISO 639-1 code of the language text is written in and
// a confidence between 0 and 1. It returns Unknown with confidence 0 when
// the text holds too few letters or words to tell.
//
// The confidence grows with the number of words read and with the margin
// of the best language over the next: a long English article scores near
// 1, a headline of five words much less. An English text quoting a French
// phrase stays English; a French text quoting an English name stays French.
func Detect(text string) (code string, confidence float64) {
	if len(text) > sampleBytes {
		cut := sampleBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	sc := countScripts(text)
	if sc.letters < 10 {
		return Unknown, 0
	}
	best, bestN := scriptLatin, 0
	for s, n := range sc.n {
		if n > bestN {
			best, bestN = script(s), n
		}
	}
	share := float64(bestN) / float64(sc.letters)
	switch best {
	case scriptLatin:
		return byWords(text, latinWords, share)
	case scriptArabic:
		code, conf := byWords(text, arabicWords, share)
		if code == Unknown {
			// too few function words: the letters alone still say Arabic script
			return arabicByLetters(sc), 0.5 * share
		}
		return code, conf
	case scriptCyrillic:
		if sc.ukrainian > 0 && sc.ukrainian*200 >= bestN {
			return "uk", share
		}
		return "ru", share
	case scriptHan:
		if sc.n[scriptKana] > 0 {
			return "ja", share
		}
		return "zh", share
	}
	if c, ok := scriptCodes[best]; ok {
		return c, share
	}
	return Unknown, 0
}

type script int

const (
	scriptOther script = iota
	scriptLatin
	scriptArabic
	scriptCyrillic
	scriptDevanagari
	scriptBengali
	scriptGurmukhi
	scriptTamil
	scriptSinhala
	scriptMyanmar
	scriptThai
	scriptHebrew
	scriptGreek
	scriptHan
	scriptKana
	scriptHangul
	scriptEthiopic
	scriptGeorgian
	scriptArmenian
	scriptKhmer
	numScripts
)

// scriptCodes: scripts that (for news) one language mostly writes.
var scriptCodes = map[script]string{
	scriptDevanagari: "hi", scriptBengali: "bn", scriptGurmukhi: "pa", scriptTamil: "ta",
	scriptSinhala: "si", scriptMyanmar: "my", scriptThai: "th", scriptHebrew: "he",
	scriptGreek: "el", scriptHangul: "ko", scriptEthiopic: "am", scriptGeorgian: "ka",
	scriptArmenian: "hy", scriptKhmer: "km", scriptKana: "ja",
}

var scriptTables = []struct {
	s script
	t *unicode.RangeTable
}{
	{scriptArabic, unicode.Arabic}, {scriptCyrillic, unicode.Cyrillic}, {scriptDevanagari, unicode.Devanagari},
	{scriptBengali, unicode.Bengali}, {scriptGurmukhi, unicode.Gurmukhi}, {scriptTamil, unicode.Tamil},
	{scriptSinhala, unicode.Sinhala}, {scriptMyanmar, unicode.Myanmar}, {scriptThai, unicode.Thai},
	{scriptHebrew, unicode.Hebrew}, {scriptGreek, unicode.Greek}, {scriptHan, unicode.Han},
	{scriptKana, unicode.Hiragana}, {scriptKana, unicode.Katakana}, {scriptHangul, unicode.Hangul},
	{scriptEthiopic, unicode.Ethiopic}, {scriptGeorgian, unicode.Georgian}, {scriptArmenian, unicode.Armenian},
	{scriptKhmer, unicode.Khmer},
}

type scriptCounts struct {
	n         [numScripts]int
	letters   int
	ukrainian int // і ї є ґ
	urdu      int // letters Urdu writes and Arabic does not: ے ٹ ڈ ڑ ں ھ
	persian   int // letters Persian (and Urdu) write and Arabic does not: پ چ ژ گ ک ی
	pashto    int // ټ ډ ړ ږ ښ ځ څ ڼ ې
}

func countScripts(text string) scriptCounts {
	var c scriptCounts
	for _, r := range text {
		if r < utf8.RuneSelf {
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				c.n[scriptLatin]++
				c.letters++
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		c.letters++
		if unicode.Is(unicode.Latin, r) {
			c.n[scriptLatin]++
			continue
		}
		for _, st := range scriptTables {
			if unicode.Is(st.t, r) {
				c.n[st.s]++
				break
			}
		}
		switch r {
		case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
			c.ukrainian++
		case 'ے', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ':
			c.urdu++
		case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
			c.persian++
		case 'ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ځ', 'څ', 'ڼ', 'ې':
			c.pashto++
		}
	}
	return c
}

// arabicByLetters guesses the language of an Arabic-script text from the
// letters only some of its languages write.
func arabicByLetters(c scriptCounts) string {
	switch {
	case c.pashto > 0 && c.pashto*3 >= c.urdu:
		return "ps"
	case c.urdu > 0:
		return "ur"
	case c.persian > 0:
		return "fa"
	}
	return "ar"
}

// byWords scores each language of table by the share of the text's words
// that are its function words. A word several languages share counts for
// each of them in part.
func byWords(text string, table map[string][]string, scriptShare float64) (string, float64) {
	scores := map[string]float64{}
	words := 0
	forEachWord(text, func(w string) {
		words++
		langs := table[w]
		for _, l := range langs {
			scores[l] += 1 / float64(len(langs))
		}
	})
	best, second := Unknown, Unknown
	for l, s := range scores {
		switch {
		case best == Unknown || s > scores[best] || s == scores[best] && l < best:
			best, second = l, best
		case second == Unknown || s > scores[second] || s == scores[second] && l < second:
			second = l
		}
	}
	b := scores[best]
	if best == Unknown || b < 2 {
		return Unknown, 0
	}
	s := 0.0
	if second != Unknown {
		s = scores[second]
	}
	// margin: how clearly the best language leads; volume: how much was read
	margin := (b - s) / b
	volume := min(1, b/12)
	density := min(1, 4*b/float64(words)) // function words are a quarter or more of running text
	return best, round2(margin * volume * density * scriptShare)
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// forEachWord calls f with each word of text, lower-cased; apostrophes
// split French and Italian elisions ("l'armée" → "l", "armée").
func forEachWord(text string, f func(string)) {
	start := -1
	var buf []byte
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		lower := true
		for i := 0; i < len(w); i++ {
			if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
				lower = false
				break
			}
		}
		if lower {
			f(w)
			return
		}
		buf = buf[:0]
		for _, r := range w {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		f(string(buf))
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
}

// build turns "code: w1 w2 …" lines into a word → languages table.
func build(lines ...string) map[string][]string {
	m := map[string][]string{}
	for _, line := range lines {
		code, words, _ := strings.Cut(line, ":")
		for _, w := range strings.Fields(words) {
			m[w] = append(m[w], code)
		}
	}
	return m
}

// latinWords are frequent function words of languages written in Latin
// script that conflict reporting often comes in.
var latinWords = build(
	"en: the of and to in is was that for on with as by at from it its his her he she they were are have has had been this which said not but an or their who will would after also than there",
	"fr: le la les des du de et est une un dans pour par sur que qui au aux avec pas ne il elle ont sont été cette ces son sa ses mais plus selon depuis leur lors contre dont entre après",
	"es: el la los las de del y en que un una por para con es se su sus al fue han como pero más este esta entre según sin ha sobre tras desde durante fueron también",
	"pt: o a os as de do da dos das e em no na nos nas que um uma por para com é foi não se ao mais pelo pela seu sua são também segundo após foram durante",
	"it: il lo la gli le di del della dei delle e è che un una per con non in nel nella sono da al alla ha anche come più si stato dopo secondo dalla degli",
	"de: der die das und ist nicht mit von den dem des ein eine einer im auf für zu sich auch es wurde wurden sind bei nach aus dass hat haben sie er war wie",
	"nl: de het een en van is op dat niet met voor zijn die te aan er ook bij werd naar door maar om hun zich geen heeft hebben deze dit wordt nog uit zo zei",
	"tr: ve bir bu da de için ile olarak olan daha çok gibi ama ancak göre sonra kadar değil var yok her ki ise edildi oldu tarafından",
	"id: yang dan di ini itu dengan untuk dari dalam tidak ke pada akan adalah oleh juga telah sudah ada mereka kami kita saat atau bahwa karena para tersebut sebuah setelah atas belum kata sama seperti namun",
	"sw: na ya wa kwa za katika ni kuwa hiyo huo hii hao watu kama lakini pia baada kutoka hadi bado sana wakati kwamba alisema serikali",
	"ha: da ya na ta wanda cikin kuma ba su shi ce ne sun domin amma daga wannan game wajen",
	"pl: i w z na się nie do to że jest jak po od przez dla ale są został była był także",
	"so: iyo oo ku ka ayaa waxaa uu ay in ee u soo kale ah waa kuwa",
)

// arabicWords are function words of the languages written in Arabic script.
var arabicWords = build(
	"ar: في من على إلى أن التي الذي عن مع هذا هذه كان قد وقال بين ما لا تم بعد حيث ذلك عند إن كما أو",
	"ur: کے کی میں ہے اور سے نے کو کا ہیں پر بھی یہ وہ تھا تھی تھے گیا کیا ہو جو کہ ایک لیے",
	"fa: و در به از که این را با است می آن شد برای یک کرد بود شده ها خود تا",
	"ps: د او په چې له دا سره ته کې هم وو دي شوي",
)
