package ingest

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection: the same story reprinted under another
// header, byline or footer. Each text is reduced to the set of its
// five-word shingles, summarised by a MinHash signature; signatures are
// indexed in LSH bands so that a new text meets only the earlier texts
// likely to resemble it. A candidate counts as a copy when the share of
// equal signature slots, an estimate of the Jaccard similarity of the two
// shingle sets, reaches the threshold.
const (
	shingleWords = 5
	sigSize      = 96
	bands        = 24 // of sigSize/bands = 4 rows: pairs above ~0.6 similarity become candidates
	rows         = sigSize / bands
	// DupThreshold is the estimated Jaccard similarity from which a text
	// is a copy of an earlier one.
	DupThreshold = 0.7
	// minShingles: shorter texts are too short to call copies safely.
	minShingles = 20
)

// DupIndex finds near copies among the texts added to it, in memory. It
// is safe for concurrent use. A store keeps the same signatures and bands
// in its tables instead (Signature.Bands, Similarity).
type DupIndex struct {
	mu      sync.Mutex
	buckets [bands]map[uint64][]int32
	ids     []string
	sigs    []Signature
}

// NewDupIndex returns an empty index.
func NewDupIndex() *DupIndex {
	d := &DupIndex{}
	for i := range d.buckets {
		d.buckets[i] = map[uint64][]int32{}
	}
	return d
}

// seeds are fixed, from a splitmix sequence: the same text always gets the
// same signature, across runs and machines.
var seeds = func() (s [sigSize]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix(x)
	}
	return s
}()

// Signature is a text's MinHash summary, computed by Sign.
type Signature struct {
	sig [sigSize]uint64
	ok  bool // long enough to compare
}

// Sign computes the signature of a text. It needs no lock, so callers
// sign texts in parallel and add them in order.
func Sign(text string) Signature {
	sh := shingles(body(text))
	if len(sh) < minShingles {
		return Signature{}
	}
	var s Signature
	s.ok = true
	// Slot by slot: each minimum stays in a register through the shingles.
	for i, seed := range seeds {
		m := ^uint64(0)
		for _, h := range sh {
			m = min(m, mix(h^seed))
		}
		s.sig[i] = m
	}
	return s
}

// Sign is the package's Sign.
func (d *DupIndex) Sign(text string) Signature { return Sign(text) }

// Valid reports whether the text was long enough to sign: only then can
// it be compared.
func (s Signature) Valid() bool { return s.ok }

// Bands returns the signature's LSH band keys, one per band, each mixed
// with its band's number so that one list of keys serves all bands: texts
// sharing a key are the candidates to compare.
func (s Signature) Bands() []uint64 {
	if !s.ok {
		return nil
	}
	keys := bandKeys(&s.sig)
	out := make([]uint64, len(keys))
	for b, k := range keys {
		out[b] = mix(k ^ uint64(b+1)<<56)
	}
	return out
}

// MarshalBinary returns the signature as 8·96 bytes, little-endian.
func (s Signature) MarshalBinary() ([]byte, error) {
	if !s.ok {
		return nil, errors.New("ingest: signature of a text too short to sign")
	}
	b := make([]byte, 0, 8*sigSize)
	for _, v := range s.sig {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return b, nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != 8*sigSize {
		return errors.New("ingest: a signature is 768 bytes")
	}
	for i := range s.sig {
		s.sig[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	s.ok = true
	return nil
}

// Similarity estimates the Jaccard similarity of the shingles of the two
// texts; a text is a copy of another from DupThreshold.
func Similarity(a, b Signature) float64 {
	if !a.ok || !b.ok {
		return 0
	}
	return agreement(&a.sig, &b.sig)
}

// Add registers text under id and returns the earliest-added document it
// is a near copy of, with the estimated similarity.
func (d *DupIndex) Add(id, text string) (copyOf string, similarity float64, ok bool) {
	return d.AddSigned(id, d.Sign(text))
}

// AddSigned is Add with the signature computed beforehand.
func (d *DupIndex) AddSigned(id string, s Signature) (copyOf string, similarity float64, ok bool) {
	if !s.ok {
		return "", 0, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	best, bestSim := int32(-1), 0.0
	seen := map[int32]bool{}
	keys := bandKeys(&s.sig)
	for b, k := range keys {
		for _, c := range d.buckets[b][k] {
			if seen[c] {
				continue
			}
			seen[c] = true
			if sim := Similarity(s, d.sigs[c]); sim >= DupThreshold && (sim > bestSim || sim == bestSim && c < best) {
				best, bestSim = c, sim
			}
		}
	}
	n := int32(len(d.ids))
	d.ids = append(d.ids, id)
	d.sigs = append(d.sigs, s)
	for b, k := range keys {
		d.buckets[b][k] = append(d.buckets[b][k], n)
	}
	if best < 0 {
		return "", 0, false
	}
	return d.ids[best], bestSim, true
}

// mix is the splitmix64 finaliser: it spreads every input bit over the
// output, so that each seed gives an independent-looking permutation.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func bandKeys(sig *[sigSize]uint64) [bands]uint64 {
	var out [bands]uint64
	for b := range out {
		h := uint64(fnvOffset)
		for _, v := range sig[b*rows : (b+1)*rows] {
			h = (h ^ v) * fnvPrime
		}
		out[b] = h
	}
	return out
}

func agreement(a, b *[sigSize]uint64) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / sigSize
}

// body drops the short lines that open and close a text (datelines,
// bylines, credits, share prompts), which differ between copies of one
// story and would otherwise dilute a short one's similarity.
func body(text string) string {
	// The lines' span in text, as the lines joined again: no copy.
	start, end := 0, len(text)
	for start < end {
		line, _, _ := strings.Cut(text[start:end], "\n")
		if longLine(line) {
			break
		}
		start += len(line) + 1
	}
	for end > start {
		line := text[start:end]
		if i := strings.LastIndexByte(line, '\n'); i >= 0 {
			line = line[i+1:]
		}
		if longLine(line) {
			break
		}
		end -= len(line) + 1
	}
	if start >= end {
		return text
	}
	return text[start:end]
}

// longLine reports whether a line has at least 12 words (as strings.Fields
// counts them), counting without splitting it.
func longLine(l string) bool {
	n, in := 0, false
	for i := 0; i < len(l); {
		c := l[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(l[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			if n++; n == 12 {
				return true
			}
		}
		in = !space
	}
	return false
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingles hashes every run of shingleWords consecutive words, lower-cased
// and stripped of punctuation: a word is a run of letters and digits,
// lower-cased rune by rune as strings.ToLower does.
func shingles(text string) []uint64 {
	// The words, lower-cased, one after the other; ring holds where the
	// last shingleWords of them end, and where the word before them does.
	words := make([]byte, 0, len(text))
	var ring [shingleWords + 1]int
	n := 0 // words seen
	var out []uint64
	inWord := false
	endWord := func() {
		ring[n%len(ring)] = len(words)
		n++
		if n < shingleWords {
			return
		}
		// FNV-1a of the words, each followed by a zero byte.
		v := uint64(fnvOffset)
		for k := n - shingleWords; k < n; k++ {
			from := 0
			if k > 0 {
				from = ring[(k-1)%len(ring)]
			}
			for _, b := range words[from:ring[k%len(ring)]] {
				v = (v ^ uint64(b)) * fnvPrime
			}
			v *= fnvPrime // ^ 0
		}
		out = append(out, v)
	}
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			if 'A' <= c && c <= 'Z' {
				r += 'a' - 'A'
			}
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			r = unicode.ToLower(r)
			i += size
		}
		if r < utf8.RuneSelf && asciiWord[r] || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			words = utf8.AppendRune(words, r)
			inWord = true
		} else if inWord {
			endWord()
			inWord = false
		}
	}
	if inWord {
		endWord()
	}
	// A set: a repeated shingle counts once.
	slices.Sort(out)
	return slices.Compact(out)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()
