package consolidate

import (
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// Label is a descriptive word sources use for an actor, with the forms that
// count as using it. Role says whose label it is when it is read from an
// event's evidence rather than from an actor's aliases: RoleActor labels
// describe those carrying out an act, RoleVictim labels those it befell.
type Label struct {
	Label string   `json:"label"`
	Forms []string `json:"forms"`
	Role  string   `json:"role"`
}

// Label roles.
const (
	RoleActor  = "actor"
	RoleVictim = "victim"
)

// DefaultLabels is the list of labels counted unless the caller gives its
// own. It is data, not a classification: it gathers the words that
// different sides of many conflicts use for armed actors and for the
// dead, favourable and unfavourable alike, so that their use can be
// compared between sources. The program takes no side: it counts words,
// it does not endorse them, and it never applies them to an actor itself.
var DefaultLabels = []Label{
	{Label: "freedom fighters", Forms: []string{"freedom fighter", "freedom fighters"}, Role: RoleActor},
	{Label: "sarmachars", Forms: []string{"sarmachar", "sarmachars", "sarmachaar", "sarmachaars"}, Role: RoleActor},
	{Label: "militants", Forms: []string{"militant", "militants"}, Role: RoleActor},
	{Label: "terrorists", Forms: []string{"terrorist", "terrorists"}, Role: RoleActor},
	{Label: "insurgents", Forms: []string{"insurgent", "insurgents"}, Role: RoleActor},
	{Label: "separatists", Forms: []string{"separatist", "separatists"}, Role: RoleActor},
	{Label: "rebels", Forms: []string{"rebel", "rebels"}, Role: RoleActor},
	{Label: "guerrillas", Forms: []string{"guerrilla", "guerrillas", "guerilla", "guerillas"}, Role: RoleActor},
	{Label: "fighters", Forms: []string{"fighter", "fighters"}, Role: RoleActor},
	{Label: "gunmen", Forms: []string{"gunman", "gunmen"}, Role: RoleActor},
	{Label: "extremists", Forms: []string{"extremist", "extremists"}, Role: RoleActor},
	{Label: "miscreants", Forms: []string{"miscreant", "miscreants"}, Role: RoleActor},
	{Label: "khawarij", Forms: []string{"khawarij", "kharji", "kharjis", "khariji", "kharijis"}, Role: RoleActor},
	{Label: "fitna al-hindustan", Forms: []string{"fitna al-hindustan", "fitna al hindustan", "fitna-al-hindustan"}, Role: RoleActor},
	{Label: "death squads", Forms: []string{"death squad", "death squads"}, Role: RoleActor},
	{Label: "occupation forces", Forms: []string{"occupation forces", "occupying forces", "occupation army"}, Role: RoleActor},
	{Label: "martyrs", Forms: []string{"martyr", "martyrs", "martyred", "shaheed", "shaheeds", "shuhada"}, Role: RoleVictim},
	{Label: "victims", Forms: []string{"victim", "victims"}, Role: RoleVictim},
}

// FramingKey identifies one count: a source using a label for an actor.
type FramingKey struct {
	Source  string `json:"source"`
	ActorID string `json:"actor_id"`
	Label   string `json:"label"`
}

// FramingCount is how often a source used a label for an actor: in how
// many of its documents, and in how many observations in all (an alias and
// a sentence using the same word count twice in Uses, once in Documents,
// which is the figure to compare).
type FramingCount struct {
	FramingKey
	Documents int `json:"documents"`
	Uses      int `json:"uses"`
}

// Framing counts, per source, the labels used for each actor. Adding a
// document again replaces what it contributed.
type Framing struct {
	mu     sync.Mutex
	labels []Label
	forms  []labelForm
	docs   map[string]map[FramingKey]int // doc id → key → uses
}

type labelForm struct {
	form  string
	label int
}

// NewFraming returns a Framing that counts labels (DefaultLabels if nil).
func NewFraming(labels []Label) *Framing {
	if labels == nil {
		labels = DefaultLabels
	}
	f := &Framing{labels: labels, docs: map[string]map[FramingKey]int{}}
	for i, l := range labels {
		for _, form := range l.Forms {
			f.forms = append(f.forms, labelForm{strings.ToLower(form), i})
		}
	}
	// Longest forms first, so "freedom fighters" is found before "fighters"
	// and the shorter form is not counted again inside it.
	slices.SortStableFunc(f.forms, func(a, b labelForm) int { return len(b.form) - len(a.form) })
	return f
}

// Labels returns the labels counted.
func (f *Framing) Labels() []Label { return slices.Clone(f.labels) }

// Observation is one text in which a document names an actor: an alias as
// the document used it, or a sentence about an event where the actor had
// the given role.
type Observation struct {
	ActorID string
	Text    string
	Role    string // RoleActor, RoleVictim, or "" for an alias (every label counts)
}

// AddDocument replaces the counts of one document from its observations.
func (f *Framing) AddDocument(source, docID string, obs []Observation) {
	counts := f.count(source, obs)
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(counts) == 0 {
		delete(f.docs, docID)
		return
	}
	f.docs[docID] = counts
}

func (f *Framing) count(source string, obs []Observation) map[FramingKey]int {
	counts := map[FramingKey]int{}
	for _, o := range obs {
		if o.ActorID == "" {
			continue
		}
		for _, li := range f.find(o.Text) {
			l := f.labels[li]
			if o.Role != "" && l.Role != o.Role {
				continue
			}
			counts[FramingKey{Source: source, ActorID: o.ActorID, Label: l.Label}]++
		}
	}
	return counts
}

// AddResult feeds one extraction: each actor's name and aliases as the
// document used them, and each event's evidence, read for the event's
// perpetrators (actor labels, next to a name of the perpetrator) and
// targets (victim labels). Evidence is
// attributed only when exactly one actor holds the role: with two, the
// sentence does not say which of them a word describes.
func (f *Framing) AddResult(r sitrep.Result) {
	f.AddDocument(r.Document.Source, r.Document.ID, observations(r))
}

// DocumentCounts returns what one extraction contributes, ordered by
// actor and label: each count with Documents 1 and its uses in the
// document. The source is the result's Document.Source.
func (f *Framing) DocumentCounts(r sitrep.Result) []FramingCount {
	counts := f.count(r.Document.Source, observations(r))
	out := make([]FramingCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, FramingCount{FramingKey: k, Documents: 1, Uses: n})
	}
	sortCounts(out)
	return out
}

// observations are the texts in which a result names its actors.
func observations(r sitrep.Result) []Observation {
	var obs []Observation
	for _, a := range r.Actors {
		obs = append(obs, Observation{ActorID: a.ID, Text: a.Name})
		for _, al := range a.Aliases {
			obs = append(obs, Observation{ActorID: a.ID, Text: al})
		}
	}
	for _, e := range r.Events {
		perps := uniqueIDs(e.Perpetrators, e.ClaimedBy)
		targets := uniqueIDs(e.Targets)
		var perpNames []string
		if len(perps) == 1 {
			perpNames = namesOf(r, perps[0], e.Perpetrators, e.ClaimedBy)
		}
		for _, ev := range e.Evidence {
			if len(perps) == 1 {
				if t := nameWindows(ev.Text, perpNames); t != "" {
					obs = append(obs, Observation{ActorID: perps[0], Text: t, Role: RoleActor})
				}
			}
			if len(targets) == 1 {
				obs = append(obs, Observation{ActorID: targets[0], Text: ev.Text, Role: RoleVictim})
			}
		}
	}
	return obs
}

// namesOf gathers the words a result uses for one actor: its name and
// aliases, and the names its event roles give it.
func namesOf(r sitrep.Result, id string, roles ...[]sitrep.ActorRef) []string {
	var names []string
	for _, a := range r.Actors {
		if a.ID == id {
			names = append(names, a.Name)
			names = append(names, a.Aliases...)
		}
	}
	for _, l := range roles {
		for _, a := range l {
			if a.ID == id {
				names = append(names, a.Name)
			}
		}
	}
	return names
}

// nameWindows returns the words of a sentence that describe an actor named
// in it: each of its names, with the two words before ("terrorists of
// Fitna al Khawarij") and the one after ("BLA militants"). A label
// elsewhere in the sentence may describe anyone else: "the army said it
// killed two militants" does not call the army militants.
func nameWindows(sentence string, names []string) string {
	lower := strings.ToLower(sentence)
	var spans [][2]int
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if len(n) < 2 {
			continue
		}
		for i, j := range wholeWords(lower, n, strings.Index) {
			start, end := i, j
			for w := 0; w < 2; w++ {
				start = prevWordStart(lower, start)
			}
			spans = append(spans, [2]int{start, nextWordEnd(lower, end)})
		}
	}
	// overlapping windows (a name and a longer alias holding it) are read once
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	for k := 0; k < len(spans); {
		start, end := spans[k][0], spans[k][1]
		for k++; k < len(spans) && spans[k][0] < end; k++ {
			end = max(end, spans[k][1])
		}
		b.WriteString(sentence[start:end])
		b.WriteString(" | ")
	}
	return b.String()
}

// prevWordStart returns where the word before byte i starts.
func prevWordStart(s string, i int) int {
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	for i > 0 && s[i-1] != ' ' {
		i--
	}
	return i
}

// nextWordEnd returns where the word after byte j ends.
func nextWordEnd(s string, j int) int {
	for j < len(s) && s[j] == ' ' {
		j++
	}
	for j < len(s) && s[j] != ' ' {
		j++
	}
	return j
}

func uniqueIDs(lists ...[]sitrep.ActorRef) []string {
	var out []string
	for _, l := range lists {
		for _, a := range l {
			if a.ID != "" && !slices.Contains(out, a.ID) {
				out = append(out, a.ID)
			}
		}
	}
	return out
}

// find returns the label index of every label form in text, as whole
// words, case-insensitively; overlapping shorter forms are not counted.
func (f *Framing) find(text string) []int {
	if text == "" {
		return nil
	}
	lower := strings.ToLower(text)
	used := make([]bool, len(lower))
	var out []int
	for _, lf := range f.forms {
		from := 0
		for {
			i := strings.Index(lower[from:], lf.form)
			if i < 0 {
				break
			}
			i += from
			j := i + len(lf.form)
			from = i + 1
			if !wordEdge(lower, i, j) || slices.Contains(used[i:j], true) || machineAfter(lower, j) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			out = append(out, lf.label)
		}
	}
	return out
}

// machineAfter reports a label form that names a machine: "fighter jets".
func machineAfter(s string, j int) bool {
	rest := strings.TrimLeft(s[j:], " ")
	for _, w := range []string{"jet", "plane", "aircraft", "pilot", "squadron", "bomber"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// wholeWords yields where sub (not empty) stands in s as a whole word
// (wordEdge), each place found after the end of the one before; index
// finds sub (strings.Index, or indexFold to ignore case).
func wholeWords(s, sub string, index func(s, sub string) int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for from := 0; from < len(s); {
			i := index(s[from:], sub)
			if i < 0 {
				return
			}
			i += from
			j := i + len(sub)
			from = j
			if wordEdge(s, i, j) && !yield(i, j) {
				return
			}
		}
	}
}

func wordEdge(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Counts returns every count, ordered by source, actor and label.
func (f *Framing) Counts() []FramingCount {
	f.mu.Lock()
	agg := map[FramingKey]*FramingCount{}
	for _, counts := range f.docs {
		for k, n := range counts {
			c := agg[k]
			if c == nil {
				c = &FramingCount{FramingKey: k}
				agg[k] = c
			}
			c.Documents++
			c.Uses += n
		}
	}
	f.mu.Unlock()
	out := make([]FramingCount, 0, len(agg))
	for _, c := range agg {
		out = append(out, *c)
	}
	sortCounts(out)
	return out
}

// sortCounts orders counts by source, actor and label.
func sortCounts(out []FramingCount) {
	slices.SortFunc(out, func(a, b FramingCount) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(a.ActorID, b.ActorID); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// ForActor returns the counts for one actor, across sources.
func (f *Framing) ForActor(actorID string) []FramingCount {
	var out []FramingCount
	for _, c := range f.Counts() {
		if c.ActorID == actorID {
			out = append(out, c)
		}
	}
	return out
}
