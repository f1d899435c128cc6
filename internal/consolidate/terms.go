package consolidate

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reports of one incident name it with the same rare words: the train
// that was hijacked, the resort where tourists were shot, the seminary
// that was bombed. Those words are what lets a reaction filed from the
// capital, a survivor's account two days later or a report placing the
// attack in the wrong town join the incident, and what tells it from
// another attack in the same province the same week. A word counts by how
// rare it is among all reports (its inverse document frequency): "attack"
// and "killed" say nothing, the name of a train says a lot.

// maxTerms bounds the words kept per report, rarest first, so that a long
// report costs what a short one does.
const maxTerms = 24

// minTermIDF: words in more than about a tenth of all reports are not
// kept: they cannot tell incidents apart.
const minTermIDF = 2.3

// maxTermIDF caps a word's weight: a word seen once before may be a
// misspelling as easily as a name.
const maxTermIDF = 6.0

// vocab numbers words and counts the documents each appears in. A
// document is counted once, with its whole text when the caller gives it
// (the better measure: a word every article uses may still be rare in the
// few sentences an event is read from), else with its events' words.
type vocab struct {
	ids map[string]int32
	// short holds the words of ids short enough for a shortWord: looking
	// one up reads only the map, where a string key is compared by
	// reading the word from wherever it was allocated, a second miss of
	// the processor's cache on every word of every report.
	short map[shortWord]int32
	words []string
	df    []int32
	n     int32 // documents counted
}

// shortWord is a word of up to 15 bytes: its length, then its bytes.
type shortWord [16]byte

func shortKey(w []byte) (k shortWord, ok bool) {
	if len(w) >= len(k) {
		return k, false
	}
	k[0] = byte(len(w))
	copy(k[1:], w)
	return k, true
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{}, short: map[shortWord]int32{}} }

func (v *vocab) id(w string) int32 {
	id, ok := v.ids[w]
	if !ok {
		id = int32(len(v.df))
		v.ids[w] = id
		if k, ok := shortKey([]byte(w)); ok {
			v.short[k] = id
		}
		v.words = append(v.words, w)
		v.df = append(v.df, 0)
	}
	return id
}

// idf is how rare a word is: ln(documents / documents with the word).
// It decides which words are too common to count (minTermIDF).
func (v *vocab) idf(t int32) float64 {
	return math.Log(float64(v.n+1) / (float64(v.df[t]) + 0.5))
}

// refDocs is the corpus size the identity scores are calibrated at (the
// 10,000 articles of the evaluation stream).
const refDocs = 10_000

// weight is what a shared word adds to an identity score: its rarity in
// proportion to the rarest a word can be in a corpus of this size, scaled
// to a corpus of refDocs documents and capped at maxTermIDF. Without the
// scaling a word used by ten of five hundred documents would weigh half
// what one used by ten of ten thousand does, though both say as much
// about which incident a report is of.
func (v *vocab) weight(t int32) float64 {
	return min(maxTermIDF, v.idf(t)*v.scale())
}

// scale is how much weight stretches rarities to a corpus of refDocs.
func (v *vocab) scale() float64 {
	return min(maxScale, math.Log(refDocs+1)/math.Log(float64(v.n)+1))
}

// maxScale bounds how much a small corpus's rarities are scaled up: below
// a few hundred documents rarity is too uncertain to be stretched further.
const maxScale = 1.5

// countDoc records the words of one document (each once).
func (v *vocab) countDoc(words []int32) {
	slices.Sort(words)
	v.n++
	for i, t := range words {
		if i == 0 || words[i-1] != t {
			v.df[t]++
		}
	}
}

// foldedID is id of a folded word, making a string of it only when the
// vocabulary does not have it yet: most words of a report are known.
func (v *vocab) foldedID(f []byte) int32 {
	if k, ok := shortKey(f); ok {
		if id, ok := v.short[k]; ok {
			return id
		}
	} else if id, ok := v.ids[string(f)]; ok {
		return id
	}
	return v.id(string(f))
}

// wordsOf returns the words of ids.
func (v *vocab) wordsOf(ids []int32) []string {
	out := make([]string, len(ids))
	for i, t := range ids {
		out[i] = v.words[t]
	}
	return out
}

// eachWord calls f for each run of letters (with apostrophes and soft
// hyphens inside words) in s. ASCII is told apart byte by byte: every
// word of every document passes here.
func eachWord(s string, f func(string)) {
	i := 0
	for i < len(s) {
		start := -1
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if asciiLetter(c) {
					start = i
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) {
				start = i
				break
			}
			i += n
		}
		if start < 0 {
			return
		}
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if !asciiLetter(c) && c != '\'' {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && r != '’' && r != '\u00ad' {
				break
			}
			i += n
		}
		f(s[start:i])
	}
}

// asciiLetter is unicode.IsLetter for a byte below utf8.RuneSelf.
func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// foldWord lower-cases a word, drops soft hyphens and possessives, and
// strips common English endings so that "hijacked", "hijacking" and
// "hijackers" meet. Short and common words give "".
func foldWord(w string) string {
	var buf [64]byte
	return string(foldInto(buf[:0], w))
}

// foldInto is foldWord into buf, which it returns: the words of every
// report pass here, and most need no string of their own.
func foldInto(buf []byte, w string) []byte {
	if utf8.RuneCountInString(w) < 3 {
		return nil
	}
	// Most words are ASCII letters only: they need no apostrophe trimmed
	// or looked for.
	quote := true
	if ascii(w) {
		quote = false
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			quote = quote || c == '\''
			buf = append(buf, c)
		}
	} else {
		buf = append(buf, strings.ToLower(strings.ReplaceAll(w, "\u00ad", ""))...)
	}
	if quote {
		for _, p := range []string{"'s", "’s", "'", "’"} {
			buf = bytes.TrimSuffix(buf, []byte(p))
		}
		// Not ContainsAny, which decodes every rune of every word to look
		// for a non-ASCII one.
		if bytes.IndexByte(buf, '\'') >= 0 || bytes.Contains(buf, []byte("’")) {
			return nil
		}
	}
	if isStopWord(buf) {
		return nil
	}
	if n := len(buf); n < 2 || buf[n-2] != 's' || buf[n-1] != 's' {
		for _, suf := range []string{"ings", "ing", "ers", "er", "ed", "es", "s"} {
			if len(buf) > len(suf)+3 && string(buf[len(buf)-len(suf):]) == suf {
				buf = buf[:len(buf)-len(suf)]
				break
			}
		}
	}
	if isStopWord(buf) || len(buf) < 3 {
		return nil
	}
	return buf
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stopWords are function words and the words of any report of violence:
// they say what kind of thing happened, which the type already says, not
// which incident it was. Corpus rarity would discount most of them in a
// large corpus; listing them keeps a small corpus from mistaking them for
// names. Listed as foldWord leaves them.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		the and for that with from this was were are has have had been being not but
		its their his her they them there then than who whom whose which what when where
		while also after before into over under about against between during through
		said says say told according added adding stated statement reported report reports
		would could should will shall may might must can did does done doing
		one two three four five six seven eight nine ten more most other others some such
		only any all both each few many much very own same just now new old
		monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		day days week weeks month months year years time earlier later last next ago
		morning afternoon evening night hour hours minute
		people person man men woman women including least around nearly about several
		him she our ours you your yours out off up down upon onto via per
		mr ms mrs dr app
		attack attacked attacker attacks assault armed arms gun gunm gunman gunmen gunfire fire fired firing open opened
		shot shoot shooting kill killed killing kil dead death deaths die died wound wounded injur injury injuries hurt
		bomb bombs blast blasts explosion explosive explod exploded device ied suicide bomber
		hit struck target targeted targeting victim victims body bodies
		militant militants terrorist terrorists terror terrorism insurgent insurgents fight fighter fighters
		broke break clash clashes exchange
		police policem policeman officer officers official officials security force forces personnel soldier
		troop troops army military government authority authorities minister ministry spokesman spokesperson
		took take taken away plain cloth clothes abduct abducted kidnap kidnapped missing detain detained arrest arrested
		protest protester protesters march marched rally demonstrat sit
		found find near area areas local district province city town village region country national
		condemn condemned denounc denounce expressed expressing expresses strongly deep grief sorrow martyr martyred martyrdom
		incident incidents operation operations case cases group groups claim claimed responsibility
		sources source media news video confirm confirmed known unknown
		vehicle road residents resident family families outskirts place`) {
		m[w] = true
	}
	return m
}()

// stopFilter has a bit set for the length, first and last byte of each
// stop word, and maxStopLen is the longest: most words of a text are
// told apart from the stop words without a map lookup.
var stopFilter, maxStopLen = func() (f [64]uint64, n int) {
	for w := range stopWords {
		h := stopHash([]byte(w))
		f[h>>6] |= 1 << (h & 63)
		n = max(n, len(w))
	}
	return f, n
}()

func stopHash(b []byte) uint32 {
	return (uint32(len(b))*977 + uint32(b[0])*31 + uint32(b[len(b)-1])) & 4095
}

// isStopWord is stopWords[string(b)].
func isStopWord(b []byte) bool {
	if len(b) > maxStopLen {
		return false
	}
	if len(b) > 0 {
		if h := stopHash(b); stopFilter[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return stopWords[string(b)]
}

// termIDs keeps, of a report's numbered words, the maxTerms rarest (at
// the time it arrives) that are rare enough to identify anything, rarest
// first, and after them those of keep (sorted): the words of the names
// of the report's specific targets, which the other reports of its
// incident share, are not crowded out by a long account's other rare
// words.
func (v *vocab) termIDs(words, keep []int32) []int32 {
	ids := slices.Clone(words)
	if v.n > 0 {
		ids = slices.DeleteFunc(ids, func(t int32) bool { return v.df[t] > 0 && v.idf(t) < minTermIDF })
	}
	v.byRarity(ids)
	if len(ids) > maxTerms {
		n := maxTerms
		for _, t := range ids[maxTerms:] {
			if _, ok := slices.BinarySearch(keep, t); ok {
				ids[n] = t
				n++
			}
		}
		ids = ids[:n]
	}
	return ids
}

// byRarity sorts words rarest first, ties by the word itself: word ids
// differ between processes, the order must not.
func (v *vocab) byRarity(ids []int32) {
	slices.SortFunc(ids, func(a, b int32) int {
		if v.df[a] != v.df[b] {
			return int(v.df[a] - v.df[b])
		}
		return strings.Compare(v.words[a], v.words[b])
	})
}

// profile is how many of an incident's reports use each word, sorted by
// word id.
type profile []termCount

type termCount struct{ t, n int32 }

func (p profile) add(terms []int32) profile {
	if len(terms) == 0 {
		return p
	}
	out := make(profile, 0, len(p)+len(terms))
	i, j := 0, 0
	for i < len(p) || j < len(terms) {
		switch {
		case j == len(terms) || i < len(p) && p[i].t < terms[j]:
			out = append(out, p[i])
			i++
		case i == len(p) || terms[j] < p[i].t:
			out = append(out, termCount{terms[j], 1})
			j++
		default:
			out = append(out, termCount{p[i].t, p[i].n + 1})
			i++
			j++
		}
	}
	return out
}

// count is how many of the profile's reports use the word t.
func (p profile) count(t int32) int32 {
	i, ok := slices.BinarySearchFunc(p, t, func(c termCount, t int32) int { return int(c.t - t) })
	if !ok {
		return 0
	}
	return p[i].n
}

// usedBy reports whether any of the sorted words is used by at least n
// of the profile's reports.
func (p profile) usedBy(terms []int32, n int) bool {
	i, j := 0, 0
	for i < len(terms) && j < len(p) {
		switch {
		case terms[i] < p[j].t:
			i++
		case terms[i] > p[j].t:
			j++
		default:
			if int(p[j].n) >= n {
				return true
			}
			i++
			j++
		}
	}
	return false
}

// identity weighs the words a report shares with an incident: each shared
// word counts its rarity times the square root of the share of the
// incident's reports using it, so a word most reports of the incident use
// counts fully and a word one report of fifty happened to use counts
// little. scale weighs a word's part (names of perpetrators say who, not
// which incident; names of places say where, which the places compare).
// It returns the score and how many words counted, and appends these to
// why when it is not nil.
func (v *vocab) identity(terms []int32, p profile, reports int, scale func(int32) float64, why *[]int32) (score float64, words int) {
	if len(terms) == 0 || len(p) == 0 || reports == 0 || v.n < minVocabReports {
		return 0, 0
	}
	var s wordSum
	stretch := v.scale() // weight's, computed once: a log per word cost more than the rest
	i, j := 0, 0
	for i < len(terms) && j < len(p) {
		switch {
		case terms[i] < p[j].t:
			i++
		case terms[i] > p[j].t:
			j++
		default:
			if idf := v.idf(terms[i]); idf >= minTermIDF {
				w := min(maxTermIDF, idf*stretch)
				f := min(1, float64(p[j].n)/float64(reports))
				if k := scale(terms[i]); k > 0 {
					s.add(k * w * math.Sqrt(f))
					words++
					if why != nil {
						*why = append(*why, terms[i])
					}
				}
			}
			i++
			j++
		}
	}
	return s.total(), words
}

// identity is vocab.identity of a report's words against an incident's.
// Most incidents a report is compared with share none of its words, which
// their masks tell without reading the incident's words.
func (x *Index) identity(m *member, inc *incident, scale func(int32) float64, why *[]int32) (score float64, words int) {
	if !m.mask.meets(inc.mask) {
		return 0, 0
	}
	return x.voc.identity(m.terms, inc.prof, len(inc.members), scale, why)
}

// wordMask sets one of 256 bits for each word of a list: two lists whose
// masks have no bit in common share no word. 256, not 64: an incident of
// three reports has some twenty words, which set most of 64 bits, and
// the mask told almost no incident apart from a report's words.
type wordMask [4]uint64

func termMask(terms []int32) wordMask {
	var mask wordMask
	for _, t := range terms {
		mask.add(t)
	}
	return mask
}

func (a *wordMask) add(t int32) {
	b := uint32(t) * 0x9E3779B1 >> 24
	a[b>>6] |= 1 << (b & 63)
}

func (a *wordMask) or(b wordMask) {
	a[0] |= b[0]
	a[1] |= b[1]
	a[2] |= b[2]
	a[3] |= b[3]
}

func (a *wordMask) meets(b wordMask) bool {
	return a[0]&b[0]|a[1]&b[1]|a[2]&b[2]|a[3]&b[3] != 0
}

// wordSum adds the weights of shared words so that the total is the same
// in any order: words come in the order of their ids, which is the order
// a process met them, another in another process, and floating-point
// addition rounds differently in another order. Each weight is rounded to
// a multiple of 2⁻³² and the multiples added as integers.
type wordSum int64

const wordSumUnit = 1 << 32

func (s *wordSum) add(v float64) { *s += wordSum(math.Round(v * wordSumUnit)) }
func (s wordSum) total() float64 { return float64(s) / wordSumUnit }

// minVocabReports: below this many reports word rarity means nothing.
const minVocabReports = 50

// wordOf returns the word of an id, for reasons.
func (v *vocab) wordOf(t int32) string { return v.words[t] }

// WordSource is what an Index with a Source reads of how rare words are:
// how many documents were counted and how many of them use each word, and
// whether a document was counted. A Source that does not offer it leaves
// the Index to count the documents it is given, which is the same only
// while one Index sees every document.
type WordSource interface {
	WordCounts(words []string) (docs int, counts []int, err error)
	DocCounted(docID string) (bool, error)
}

// WordChange is what an Index counted since the last WordChanges: the
// documents, and for each word how many of them use it, for a store to
// add to its counts.
type WordChange struct {
	Docs   []string
	Counts map[string]int
}

// WordChanges returns the words counted since the last call and forgets
// them. An Index without a WordSource returns nothing.
func (x *Index) WordChanges() WordChange {
	x.mu.Lock()
	defer x.mu.Unlock()
	c := WordChange{Docs: x.newDocs, Counts: x.newWords}
	x.newDocs, x.newWords = nil, nil
	return c
}

func (x *Index) wordSource() WordSource {
	if x.src == nil || x.err != nil {
		return nil
	}
	ws, _ := x.src.(WordSource)
	return ws
}

// ensureWords reads the counts of words not read yet from the Source.
func (x *Index) ensureWords(words []string) {
	ws := x.wordSource()
	if ws == nil {
		return
	}
	var need []string
	for _, w := range words {
		if !x.wordsRead[w] {
			x.wordsRead[w] = true
			need = append(need, w)
		}
	}
	if len(need) == 0 && x.docsCounted {
		return
	}
	docs, counts, err := ws.WordCounts(need)
	if x.fail(err) {
		return
	}
	if !x.docsCounted {
		x.docsCounted = true
		x.voc.n += int32(docs)
	}
	for i, w := range need {
		x.voc.df[x.voc.id(w)] += int32(counts[i])
	}
}

// docCounted reports whether a document's words were counted, here or in
// the Source.
func (x *Index) docCounted(docID string) bool {
	if x.counted[docID] {
		return true
	}
	if ws := x.wordSource(); ws != nil {
		ok, err := ws.DocCounted(docID)
		if !x.fail(err) && ok {
			x.counted[docID] = true
			return true
		}
	}
	return false
}

// countDoc counts a document's words, and remembers them for the Source.
func (x *Index) countDoc(docID string, words []int32) {
	x.counted[docID] = true
	slices.Sort(words)
	words = slices.Compact(words)
	x.voc.countDoc(words)
	if x.wordSource() == nil {
		return
	}
	x.newDocs = append(x.newDocs, docID)
	if x.newWords == nil {
		x.newWords = map[string]int{}
	}
	for _, t := range words {
		x.newWords[x.voc.wordOf(t)]++
	}
}
