package actors

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NameLike reports a phrase that can be another name of the actor called
// canonical: a proper name ("Islamic Republic of Pakistan", "IDF", "Mr
// Trump"), not a phrase that only contains the name ("Israel last week",
// "India's defence minister", "anti-Israel protesters", "1122 officials").
// Extraction and the cross-document actor book both use it, so that the
// names an actor is listed under are names, whatever role span a source's
// sentence gave.
func NameLike(phrase, canonical string) bool {
	words := strings.Fields(phrase)
	for k, w := range words {
		w = strings.Trim(w, `"“”‘’'(),.:;`)
		if w == "" {
			return false
		}
		if k == 0 && len(words) > 1 && (strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")) && !bodyOf(words[1:]) {
			return false // "India's defence minister", "Britain's Prince Harry": someone of theirs
		}
		lw := strings.ToLower(w)
		if k == 0 && len(words) > 1 && len(lw) > len(canonical) && lw[len(canonical)] == '-' && strings.EqualFold(lw[:len(canonical)], canonical) {
			return false // "India-held Kashmir", "Iran-aligned Houthis": another thing, described by it
		}
		if officeTitles[lw] && !strings.Contains(strings.ToLower(canonical), lw) {
			return false // "PTI Chairman Gohar Khan", "US Assistant Secretary of State": a person of it
		}
		if k == 0 && (notNameStarts[lw] || countWords[lw]) {
			return false // "Eight security forces", "His government", "Both officials"
		}
		if nameJoiners[lw] && k > 0 && k < len(words)-1 || bodyNouns[lw] || GroupRoles[lw] {
			continue // "Malian army", "Punjab government", "UN Security Council"
		}
		if i := strings.IndexByte(w, '-'); i > 0 && nameJoiners[lw[:i]] {
			w = w[i+1:] // "Fitna al-Hindustan", "al-Shabaab"
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if unicode.IsDigit(c) {
				return false
			}
		}
	}
	return len(words) > 0
}

// bodyOf reports words that only name a body ("security forces",
// "interior ministry" without its owner): "Pakistan's security forces" is a
// name of the forces.
func bodyOf(words []string) bool {
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, `"“”‘’'(),.:;`))
		if !bodyNouns[lw] && !GroupRoles[lw] {
			return false
		}
	}
	return true
}

// nameJoiners join the words of a name: "Republic of", "bin", "ul".
var nameJoiners = wordSet("of|the|and|for|in|al|el|ad|ar|as|an|ash|az|ud|bin|ibn|bint|e|i|ul|de|da|du|van|von|der|la|le|y|on")

// bodyNouns name a force or a body by its country or place: "Pakistani
// forces", "Iranian authorities", "suspected Islamic militants".
var bodyNouns = wordSet("army|armed|forces|force|military|troops|authorities|officials|police|security|guards|border|navy|" +
	"air|intelligence|services|regime|administration|establishment|rulers|militants|rebels|fighters|insurgents|suspected|" +
	"state|human|rights|special|counter|terrorism|paramilitary|federal|provincial|national|central|local")

// GroupRoles are the head nouns of a named body: "the Baloch Yakjehti
// Committee", "the interior ministry".
var GroupRoles = wordSet("group|organisation|organization|movement|party|body|watchdog|committee|council|commission|front|" +
	"network|alliance|coalition|government|ministry|embassy|agency|forum|union|association|campaign|department|office|authorities")

// notNameStarts begin a phrase that counts or points at an actor rather
// than naming it.
var notNameStarts = wordSet("both|all|some|many|few|another|other|these|those|this|that|his|her|their|its|our|my|your|such")

// countWords count people: "Eight security forces", "several police".
var countWords = wordSet("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|several")

// WithoutCount is a name without the count a sentence gave it: "30
// terrorists" and "Eight security forces" are the terrorists and the
// security forces of one report.
func WithoutCount(name string) string {
	first, rest, ok := strings.Cut(strings.TrimSpace(name), " ")
	if !ok || strings.TrimSpace(rest) == "" {
		return name
	}
	if countWords[strings.ToLower(first)] {
		return strings.TrimSpace(rest)
	}
	for _, c := range first {
		if !unicode.IsDigit(c) && c != ',' {
			return name
		}
	}
	return strings.TrimSpace(rest)
}

// officeTitles name a person's office: a phrase holding one names the
// holder, not the body ("PTI Chairman Barrister Gohar Khan"), and for a
// person the title is no part of the name.
var officeTitles = wordSet("chairman|chairperson|chairwoman|president|minister|secretary|ambassador|amb|envoy|spokesman|" +
	"spokesperson|spokeswoman|governor|prince|princess|commander|director|senator")
