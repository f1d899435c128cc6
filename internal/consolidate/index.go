package consolidate

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"sitrep"
)

// EventRef is one report of an incident: the event as a document gave it,
// with the document it came from and why it was placed in its incident.
type EventRef struct {
	Key          string            `json:"key"` // docID + "#" + event id (or ordinal)
	DocID        string            `json:"doc_id"`
	EventID      string            `json:"event_id"`
	Published    string            `json:"published,omitempty"`
	Outlet       string            `json:"outlet,omitempty"`
	Type         string            `json:"type"`
	Modality     string            `json:"modality,omitempty"`
	Suicide      bool              `json:"suicide,omitempty"`
	Date         *sitrep.Date      `json:"date"`
	Place        *sitrep.Place     `json:"place"`
	Perpetrators []sitrep.ActorRef `json:"perpetrators,omitempty"`
	Targets      []sitrep.ActorRef `json:"targets,omitempty"`
	ClaimedBy    []sitrep.ActorRef `json:"claimed_by,omitempty"`
	Killed       *sitrep.Count     `json:"killed"`
	Injured      *sitrep.Count     `json:"injured"`
	Victims      *sitrep.Count     `json:"victims"`
	// DatelinePlace is true when the event's place is the one its report
	// was filed from: it is not compared with other reports' places nor
	// chosen as the incident's place while any other report gives one.
	DatelinePlace bool `json:"dateline_place,omitempty"`
	// RoutePlace is true when the report names the event's place only as
	// one end of a road or railway it happened on ("the Noshki-Dalbandin
	// highway"): the place is not held against other reports' places.
	RoutePlace bool `json:"route_place,omitempty"`
	// PlaceOutlier is true when the report joined by the words naming the
	// incident although its place disagrees with the other reports': its
	// place is kept but neither compared nor chosen as the incident's.
	PlaceOutlier bool `json:"place_outlier,omitempty"`
	// Statistic is true when the report's figures count a period (a
	// month, a year, a tally) rather than this incident: they stay on the
	// report and never reach the incident's range.
	Statistic bool `json:"statistic,omitempty"`
	// KindOutlier is true when the report joined by the words naming the
	// incident although it calls the act by another kind (an abduction
	// for a bombing): its kind no longer keeps other reports out.
	KindOutlier bool `json:"kind_outlier,omitempty"`
	// FollowUp is true for a report of a later development of the
	// incident (a statement, funeral or arrest of the following days) or
	// of another kind (an arrest in connection with a bombing): it joins
	// the incident without deciding its type, date or place.
	FollowUp bool `json:"follow_up,omitempty"`
	// Undecided is true for a report that fitted two incidents about
	// equally and was kept apart for review: it is placed again once a
	// later report shows which incident it belongs to (replace.go).
	Undecided bool `json:"undecided,omitempty"`
	// Sentence is where the sentence the event was read from (its first
	// evidence span) starts in its document, plus one; 0 when no span
	// with offsets was given. Two events of one document read from one
	// sentence may be that sentence read twice (sameReading).
	Sentence int `json:"sentence,omitempty"`
	// Words are the report's rarest words, by which reports of one
	// incident recognise each other.
	Words []string `json:"words,omitempty"`
	// Score and Reasons say why the event joined its incident; they are
	// empty for the event that opened it.
	Score   float64  `json:"score,omitempty"`
	Reasons []string `json:"reasons,omitempty"`
}

// ActorTally is an actor named for an incident and by how many of its
// reports.
type ActorTally struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Reports int    `json:"reports"`
}

// Incident is one real-world event with every report of it. It is a
// snapshot: changing it does not change the Index.
type Incident struct {
	ID           string        `json:"id"`
	Type         string        `json:"type"`
	Date         sitrep.Date   `json:"date"`
	Place        *sitrep.Place `json:"place"`
	Events       []EventRef    `json:"events"`
	Documents    []string      `json:"documents"`
	Killed       Range         `json:"killed"`
	Injured      Range         `json:"injured"`
	Victims      Range         `json:"victims"`
	Perpetrators []ActorTally  `json:"perpetrators,omitempty"`
	Targets      []ActorTally  `json:"targets,omitempty"`
	ClaimedBy    []ActorTally  `json:"claimed_by,omitempty"`
	// Reasons logs, in order, why each report joined and every user decision.
	Reasons []string `json:"reasons,omitempty"`
}

// Assignment tells where Add placed one event.
type Assignment struct {
	Key      string   `json:"key"`
	Incident string   `json:"incident"`
	New      bool     `json:"new"` // the event opened a new incident
	Score    float64  `json:"score"`
	Reasons  []string `json:"reasons,omitempty"`
	// Alternatives are other incidents the event also matched above
	// Threshold, best first: the first candidates to review.
	Alternatives []string `json:"alternatives,omitempty"`
}

// Decision kinds.
const (
	DecisionMerge = "merge"
	DecisionSplit = "split"
)

// Decision is a user's override, keyed by event keys so that it survives
// re-extraction. For a merge, Keys are the events that belong together; for
// a split, Keys holds the event split off and Apart the events it must not
// rejoin.
type Decision struct {
	Kind  string   `json:"kind"`
	Keys  []string `json:"keys"`
	Apart []string `json:"apart,omitempty"`
}

// Errors returned by Merge and Split.
var (
	ErrNoIncident = errors.New("consolidate: no such incident")
	ErrNoEvent    = errors.New("consolidate: event not in incident")
)

// incident is one incident as the Index holds it. What a lookup reads
// of each incident it visits comes first, in one cache line.
type incident struct {
	stamp uint64
	mask  wordMask // termMask of prof: a report sharing no bit shares no word
	// anchor is the day most reports of the act itself state; a report
	// stating another day is another incident (see incidentScore).
	anchor    int32
	hasAnchor bool
	violent   bool // a report of the act itself is of a violent type
	townKnown bool
	dead      bool
	core      int // reports of the act itself (not follow-ups)
	onAnchor  int // reports of the act stating the anchor day
	weak      int // members that are weak (recount): reconsider asks of every incident seen
	undecided int // members kept apart for review (recount): replaceApart asks
	members   []*member
	rep       *member // representative, computed when first asked for
	prof      profile // words of all members
	seq       int     // creation order, for deterministic ties
	id        string
	town      []int32  // words of the town its reports agree on (incidentTown)
	union     evidence // perpetrators, targets and tolls of all members
	reasons   []logLine
	// blocks counts, per block, the members indexed under it, sorted by
	// block: an incident is a candidate in a block only while some member
	// is there. A list, not a map: a million incidents each with a map
	// weighed more than their reports.
	blocks []blockCount
	// left lists the keys of reports that left since the last Changes,
	// latest last; into is where the reports of an ended incident went,
	// settled at the end of the call that ended it.
	left []string
	into string
	// slot is the incident's number in Index.slots, by which blocks list
	// it; 0 until it is first indexed, when idx is set to the Index.
	slot int32
	idx  *Index
}

// logLine is one line of an incident's reasons. The line of a report's
// joining keeps the report's reasons (the slice its EventRef holds, not a
// copy) and is written out when the incident is read: written out on
// every join, each report's reasons were held twice.
type logLine struct {
	text  string   // the line; for a join, the report's key
	why   []string // a join's reasons, nil for any other line
	score float64
}

func (l logLine) String() string {
	if l.why == nil {
		return l.text
	}
	return fmt.Sprintf("%s joined (score %.1f): %s", l.text, l.score, strings.Join(l.why, "; "))
}

func (inc *incident) log(line string) { inc.reasons = append(inc.reasons, logLine{text: line}) }

type blockKey struct {
	place int32
	week  int32
}

// blockTable lists the incidents of each block, place by place (by place
// key, which placeID numbers densely), each place's weeks in order: a
// report looks up a few consecutive weeks of each of its places and
// words, which costs one read of the table per place (most of a report's
// words were never indexed, and a word is found absent once for all its
// weeks), where a map per week cost a lookup per block in maps too large
// for the processor's cache. Incidents are listed by slot (Index.slots),
// not by pointer: a million incidents are listed in tens of millions of
// blocks, and lists of pointers made the garbage collector follow every
// one of them on each cycle.
type blockTable struct{ places [][]weekList }

type weekList struct {
	week int32
	incs []int32
}

// findWeek returns the index of week in ws, or where it would go. It
// looks from the end: reports come in order of publication, and most
// look up and index the last weeks of a place.
func findWeek(ws []weekList, week int32) (int, bool) {
	i := len(ws)
	for n := 0; i > 0 && ws[i-1].week >= week; i-- {
		if n++; n > 8 {
			lo, hi := 0, i
			for lo < hi {
				h := int(uint(lo+hi) >> 1)
				if ws[h].week < week {
					lo = h + 1
				} else {
					hi = h
				}
			}
			i = lo
			break
		}
	}
	return i, i < len(ws) && ws[i].week == week
}

func (t *blockTable) weeks(place int32) []weekList {
	if int(place) < len(t.places) {
		return t.places[place]
	}
	return nil
}

func (t *blockTable) get(k blockKey) []int32 {
	ws := t.weeks(k.place)
	if i, ok := findWeek(ws, k.week); ok {
		return ws[i].incs
	}
	return nil
}

func (t *blockTable) set(k blockKey, l []int32) {
	for int(k.place) >= len(t.places) {
		t.places = append(t.places, nil)
	}
	ws := t.places[k.place]
	if i, ok := findWeek(ws, k.week); ok {
		ws[i].incs = l
	} else {
		t.places[k.place] = slices.Insert(ws, i, weekList{k.week, l})
	}
}

func (t *blockTable) del(k blockKey) {
	ws := t.weeks(k.place)
	if i, ok := findWeek(ws, k.week); ok {
		ws = slices.Delete(ws, i, i+1)
		if len(ws) == 0 {
			ws = nil
		}
		t.places[k.place] = ws
	}
}

// placeCursor keeps the weeks of the place one lookup read last and where
// in them it was, so that the consecutive weeks of a place cost one read
// of the table and one search. The blocks must not change while it is
// used.
type placeCursor struct {
	place int32
	read  bool
	ws    []weekList
	i     int // ws[:i] are before the week last asked for
}

func (c *placeCursor) get(t *blockTable, k blockKey) []int32 {
	ws := c.ws
	if !c.read || c.place != k.place {
		ws = t.weeks(k.place)
		c.place, c.ws, c.read = k.place, ws, true
		c.i, _ = findWeek(ws, k.week)
	} else if k.week == wideWeek {
		// The bucket of vague dates, before every week, read after them.
		if len(ws) > 0 && ws[0].week == wideWeek {
			return ws[0].incs
		}
		return nil
	} else if c.i > 0 && ws[c.i-1].week >= k.week {
		c.i, _ = findWeek(ws, k.week)
	}
	for c.i < len(ws) && ws[c.i].week < k.week {
		c.i++
	}
	if c.i < len(ws) && ws[c.i].week == k.week {
		return ws[c.i].incs
	}
	return nil
}

type blockCount struct {
	k blockKey
	n int32
}

func cmpBlock(a blockCount, k blockKey) int {
	if a.k.place != k.place {
		return cmp.Compare(a.k.place, k.place)
	}
	return cmp.Compare(a.k.week, k.week)
}

// addBlock counts one more member under k and reports whether it is the
// first.
func (inc *incident) addBlock(k blockKey) bool {
	i, ok := slices.BinarySearchFunc(inc.blocks, k, cmpBlock)
	if ok {
		inc.blocks[i].n++
		return false
	}
	inc.blocks = slices.Insert(inc.blocks, i, blockCount{k, 1})
	return true
}

// dropBlock counts one member less under k and reports whether none is
// left.
func (inc *incident) dropBlock(k blockKey) bool {
	i, ok := slices.BinarySearchFunc(inc.blocks, k, cmpBlock)
	if !ok {
		return false
	}
	if inc.blocks[i].n--; inc.blocks[i].n > 0 {
		return false
	}
	inc.blocks = slices.Delete(inc.blocks, i, i+1)
	return true
}

// keyTerms is how many of a report's rarest words index its incident, and
// lookTerms how many a new report looks up.
const (
	keyTerms  = 4
	lookTerms = 8
	// minKeyIDF: words in more than about one report in twenty are too
	// common to look incidents up by.
	minKeyIDF = 3.0
)

// wideWeek is the bucket for events whose dates span more than wideDays:
// indexing them under every week would make one vague report cost as much
// as a year of precise ones.
const (
	wideWeek = int32(-1 << 30)
	wideDays = 400
)

// Index assigns events to incidents incrementally. It is safe for use by
// several goroutines; each call holds a lock for its duration.
type Index struct {
	mu        sync.Mutex
	incidents map[string]*incident
	byKey     map[string]*member
	byDoc     map[string][]string
	blocks    blockTable
	// slots holds the incidents blocks list, by their slot; an ended
	// incident's slot is nil (it is in no block) and is not reused.
	// salientSlots says which are salient (recount keeps it): the weeks
	// before a report's own are looked up for salient incidents only,
	// and reading the flags spares reading every other incident there.
	slots        []*incident
	salientSlots []bool
	voc          *vocab
	counted      map[string]bool // documents whose words voc counts
	placeIDs     map[string]int32
	areaIDs      map[areaKey]int32
	norms        map[string]string // normName of place names
	gridIDs      map[[2]int32]int32
	// termPlaces is each word's place key (termPlace), -1 until asked;
	// nameWords the words of each actor or place name (nameTerms).
	termPlaces []int32
	nameWords  map[string][]int32
	keyBuf     []blockKey  // the blocks of the current lookup
	foundBuf   []*incident // the incidents it found (visitFound)
	// namingFor is the report being placed and namingBits its namingMask,
	// made once for the incidents it is compared with.
	namingFor  *member
	namingBits wordMask
	memberBuf  []blockKey  // the blocks of the member being indexed
	withBuf    []*incident // reconsider's lists
	weakBuf    []*member
	refBuf     []EventRef // the events of the document being added
	// placing is the report being placed and placingWords all its words,
	// which it compares until it joins an incident; kept here, not on
	// each report.
	placing      *member
	placingWords []int32
	// placingDoc: every report of the document being placed.
	placingDoc []*member
	// roundup: the document being placed tells of events in several
	// districts (a day's attacks across a province): its reports join
	// incidents but do not merge them.
	roundup bool
	// candBuf, seenBuf and namedBuf are place's lists, kept for the next
	// report.
	candBuf           []cand
	seenBuf, namedBuf []*incident
	merged            map[string]string    // id of an absorbed incident → id it went to
	prev              map[string]*incident // where a re-added document's events were
	stamp             uint64
	seq               int

	group     map[string]int
	groups    map[int]map[string]struct{}
	nextGroup int
	apart     map[string]map[string]struct{}
	log       []Decision

	// With a Source (source.go): what was read from it, what changed
	// since the last Changes, and the first error it returned.
	src        Source
	err        error
	placeNames []string
	loaded     map[blockKey]bool
	docsRead   map[string]bool
	keysRead   map[string]bool
	seqRead    bool
	dirty      map[*incident]bool
	gone       map[string]*incident
	absent     map[string]bool // ids the Source was found not to have
	ended      []*incident     // ended during the current call, to settle
	// With a WordSource (terms.go): the words whose counts were read, and
	// the documents and words counted since the last WordChanges.
	wordsRead   map[string]bool
	docsCounted bool
	newDocs     []string
	newWords    map[string]int
}

// NewIndex returns an empty Index.
func NewIndex() *Index {
	return &Index{
		incidents:    map[string]*incident{},
		byKey:        map[string]*member{},
		byDoc:        map[string][]string{},
		slots:        []*incident{nil},
		salientSlots: []bool{false},
		voc:          newVocab(),
		counted:      map[string]bool{},
		placeIDs:     map[string]int32{},
		areaIDs:      map[areaKey]int32{},
		norms:        map[string]string{},
		gridIDs:      map[[2]int32]int32{},
		nameWords:    map[string][]int32{},
		merged:       map[string]string{},
		prev:         map[string]*incident{},
		group:        map[string]int{},
		groups:       map[int]map[string]struct{}{},
		apart:        map[string]map[string]struct{}{},
		loaded:       map[blockKey]bool{},
		docsRead:     map[string]bool{},
		keysRead:     map[string]bool{},
		dirty:        map[*incident]bool{},
		gone:         map[string]*incident{},
		absent:       map[string]bool{},
		wordsRead:    map[string]bool{},
	}
}

// EventKey is the stable key of an event: its document id, "#", and the
// event's id, or its ordinal in the document when it has none.
func EventKey(docID string, ordinal int, ev sitrep.Event) string {
	if ev.ID != "" {
		return docID + "#" + ev.ID
	}
	return docID + "#" + strconv.Itoa(ordinal)
}

// Add places the events of one document, published on published
// (YYYY-MM-DD, may be empty); see AddDoc.
func (x *Index) Add(docID, published string, events []sitrep.Event) []Assignment {
	return x.AddDoc(Doc{ID: docID, Published: published}, events)
}

// AddDoc places the events of one document and returns one Assignment per
// event in order. Adding a document id again replaces its previous events:
// they are withdrawn from their incidents first, and user decisions about
// their keys are honoured when the new events are placed.
func (x *Index) AddDoc(d Doc, events []sitrep.Event) []Assignment {
	return x.AddPrepared(Prepare(d, events))
}

// AddPrepared is AddDoc of a document Prepare readied.
func (x *Index) AddPrepared(p *Prepared) []Assignment {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.settle()
	d, events := p.doc, p.events
	docID, published := d.ID, d.Published
	x.removeDoc(docID, true)
	if x.err != nil {
		return nil
	}
	out := make([]Assignment, 0, len(events))
	keys := make([]string, 0, len(events))
	// The refs are copied into their members: the list is reused.
	refs := slices.Grow(x.refBuf[:0], len(events))[:len(events)]
	defer func() {
		clear(refs)
		x.refBuf = refs[:0]
	}()
	words := make([][]int32, len(events))
	for i, ev := range events {
		key := EventKey(docID, i, ev)
		if slices.Contains(keys, key) { // two events sharing an id: fall back to the ordinal
			key = docID + "#" + ev.ID + "#" + strconv.Itoa(i)
		}
		keys = append(keys, key)
		refs[i] = EventRef{
			Key: key, DocID: docID, EventID: ev.ID, Published: published, Outlet: d.Outlet,
			Type: ev.Type, Modality: ev.Modality, Suicide: ev.Suicide,
			Date: ev.Date, Place: ev.Place,
			Perpetrators: ev.Perpetrators, Targets: ev.Targets, ClaimedBy: ev.ClaimedBy,
			Killed: ev.Killed, Injured: ev.Injured, Victims: ev.Victims,
		}
		if len(ev.Evidence) > 0 && ev.Evidence[0].End > ev.Evidence[0].Start {
			refs[i].Sentence = ev.Evidence[0].Start + 1
		}
		words[i] = p.read[i].words.sortedIDs(x.voc)
	}
	counted := x.docCounted(docID)
	var text []int32
	if !counted {
		text = p.text.ids(x.voc, nil)
	}
	if x.wordSource() != nil {
		// The report's words, to read how rare they are.
		x.ensureWords(x.voc.wordsOf(append(slices.Concat(words...), text...)))
	}
	var docWords []int32
	x.roundup = x.isRoundup(refs)
	defer func() { x.roundup = false }()
	placed := make([]*member, len(events))
	for i := range events {
		placed[i] = x.newMember(refs[i], &events[i], &p.read[i], &d, words[i])
	}
	x.placingDoc = placed
	defer func() { x.placingDoc = nil }()
	for i, m := range placed {
		x.byKey[keys[i]] = m
		docWords = append(docWords, words[i]...)
		x.placing, x.placingWords = m, words[i]
		out = append(out, x.place(m))
		x.placing, x.placingWords = nil, nil
		if x.err != nil {
			return nil
		}
	}
	x.joinTwins(placed, out)
	x.byDoc[docID] = keys
	// The report's words count towards rarity once its events are placed,
	// so that they are not compared with themselves; a document counts
	// once, however often it is extracted again.
	if !counted {
		x.countDoc(docID, append(docWords, text...))
	}
	return out
}

// joinTwins brings together the events of one document that are one
// sentence read twice (sameReading) but went to two incidents: the first
// was placed before its twin, and by what it shares with a look-alike
// ("earlier this month, soldiers were martyred in the attack on the
// cantonment" read as an armed attack and a bombing, the first joining
// another attack of the month). The event in the smaller incident moves
// to its twin's when that incident takes it (incidentScore), the shared
// sentence counting as a shared target would. out, the document's
// assignments, is updated.
func (x *Index) joinTwins(ms []*member, out []Assignment) {
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if a.inc == nil || b.inc == nil || a.inc == b.inc || !sameReading(a, b) {
				continue
			}
			o, dst := a, b.inc
			if len(a.inc.members) > len(b.inc.members) || len(a.inc.members) == len(b.inc.members) && a.inc.seq < b.inc.seq {
				o, dst = b, a.inc
			}
			if _, pinned := x.group[o.ref.Key]; pinned || x.forbidden(dst, o.ref.Key) {
				continue
			}
			s, ok, _ := x.incidentScore(o, dst, &explain{})
			if s += wSameSentence; !ok || s < Threshold {
				continue
			}
			x.moveOut(o.inc, o, fmt.Sprintf("%s moved to %s with its twin", o.ref.Key, dst.id))
			ex := explain{on: true}
			x.incidentScore(o, dst, &ex)
			reasons := append([]string{fmt.Sprintf("read from the sentence of %s, which is in %s (%+.1f)", o.twinOf(a, b).ref.Key, dst.id, wSameSentence)}, ex.reasons...)
			o.weak = !intersects(o.ev.perps, dst.union.perps) && !intersects(o.ev.targets, dst.union.targets)
			x.join(dst, o, s, reasons)
			for k := range out {
				if out[k].Key == o.ref.Key {
					out[k].Incident, out[k].Score, out[k].Reasons, out[k].New = dst.id, s, reasons, false
				}
			}
		}
	}
}

// twinOf returns which of a and b is not o.
func (o *member) twinOf(a, b *member) *member {
	if o == a {
		return b
	}
	return a
}

// Remove withdraws every event of a document, for example when the
// document is deleted. User decisions about its events are kept.
func (x *Index) Remove(docID string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.settle()
	x.removeDoc(docID, false)
}

func (x *Index) removeDoc(docID string, remember bool) {
	x.ensureDoc(docID)
	for _, key := range x.byDoc[docID] {
		m := x.byKey[key]
		delete(x.byKey, key)
		if m == nil || m.inc == nil {
			continue
		}
		inc := m.inc
		if remember {
			x.prev[key] = inc
		}
		x.leave(inc, m)
		inc.refresh()
		if len(inc.members) == 0 {
			x.end(inc)
		}
	}
	delete(x.byDoc, docID)
}

// leave takes a member out of its incident's list and blocks.
func (x *Index) leave(inc *incident, m *member) {
	inc.members = slices.DeleteFunc(inc.members, func(o *member) bool { return o == m })
	x.unindex(inc, m)
	inc.left = append(inc.left, m.ref.Key)
	x.touch(inc)
}

// depart takes o out of j on its way to dst, which by's arrival showed it
// fits better (moveOut).
func (x *Index) depart(j *incident, o *member, dst *incident, by *member) {
	x.moveOut(j, o, fmt.Sprintf("%s moved to %s after %s arrived", o.ref.Key, dst.id, by.ref.Key))
}

// moveOut takes o out of j, logging why on j, and ends j when o was its
// last report: an incident whose reports all left is no incident.
func (x *Index) moveOut(j *incident, o *member, why string) {
	x.leave(j, o)
	j.refresh()
	if len(j.members) == 0 {
		x.end(j)
		return
	}
	j.log(why)
}

// end retires an incident that has no member left.
func (x *Index) end(inc *incident) {
	inc.dead = true
	delete(x.incidents, inc.id)
	for _, b := range inc.blocks {
		x.unlist(b.k, inc)
	}
	if inc.slot != 0 {
		x.slots[inc.slot] = nil
	}
	if x.src != nil {
		x.gone[inc.id] = inc
		x.ended = append(x.ended, inc)
	}
	x.touch(inc)
}

// settle decides, at the end of a call, where the reports of each
// incident it ended went: to the incident now holding the last of them
// still placed. Deciding per call, not per write-back, makes a store's
// redirects the same however its writes were grouped.
func (x *Index) settle() {
	for _, inc := range x.ended {
		for i := len(inc.left) - 1; i >= 0; i-- {
			if m := x.byKey[inc.left[i]]; m != nil && m.inc != nil && !m.inc.dead && m.inc.id != inc.id {
				inc.into = m.inc.id
				break
			}
		}
	}
	x.ended = x.ended[:0]
}

// wordsOf returns all the words of the report being placed, nil for
// any other: only its rarest words are kept once it joins.
func (x *Index) wordsOf(m *member) []int32 {
	if m == x.placing {
		return x.placingWords
	}
	return nil
}

// place assigns one new member to an incident.
func (x *Index) place(m *member) Assignment {
	key := m.ref.Key
	// A user merge ties this event to others: follow them.
	if g, ok := x.group[key]; ok {
		var target *incident
		count := map[*incident]int{}
		partners := make([]string, 0, len(x.groups[g]))
		for k := range x.groups[g] {
			partners = append(partners, k)
		}
		x.ensureKeys(partners)
		for _, k := range partners {
			if o := x.byKey[k]; o != nil && o.inc != nil && k != key {
				count[o.inc]++
			}
		}
		others := make([]*incident, 0, len(count))
		for inc, n := range count {
			others = append(others, inc)
			if target == nil || n > count[target] || n == count[target] && inc.seq < target.seq {
				target = inc
			}
		}
		if target != nil {
			slices.SortFunc(others, bySeq)
			for _, inc := range others {
				if inc != target {
					x.absorb(target, inc, "user decision: reports merged by a user belong together")
				}
			}
			reasons := []string{"user decision: merged with " + target.id}
			x.join(target, m, 0, reasons)
			return Assignment{Key: key, Incident: target.id, Reasons: reasons}
		}
	}
	if !m.dated {
		inc := x.open(m)
		return Assignment{Key: key, Incident: inc.id, New: true, Reasons: []string{"no date: not compared with other reports"}}
	}
	x.stamp++
	x.namingFor, x.namingBits = m, namingMask(m)
	// The lists are reused from the last report: a lookup visits a few
	// dozen incidents, and growing fresh lists for each report cost more
	// garbage than anything else placing does.
	cands, seen, named := x.candBuf[:0], x.seenBuf[:0], x.namedBuf[:0]
	defer func() {
		clear(cands)
		clear(seen)
		clear(named)
		x.candBuf, x.seenBuf, x.namedBuf = cands[:0], seen[:0], named[:0]
		x.namingFor = nil
	}()
	visit := func(inc *incident) {
		if inc.dead || inc.stamp == x.stamp {
			return
		}
		inc.stamp = x.stamp
		seen = append(seen, inc)
		if x.forbidden(inc, key) {
			return
		}
		s, ok, nm := x.incidentScore(m, inc, &explain{})
		if nm {
			named = append(named, inc)
		}
		if ok && s >= Threshold {
			cands = append(cands, cand{inc, s, nm})
		}
	}
	x.eachBlock(m, true, visit)
	x.eachTermBlock(m, visit)
	// The incidents named are taken oldest first: the blocks list them in
	// the order they were indexed or read from a store, which differs
	// between an Index that placed them and one that read them back, and
	// which one merges into the other first must not. So are those seen,
	// where their order matters (reconsider orders its own).
	slices.SortFunc(named, bySeq)
	if len(cands) == 0 {
		inc := x.open(m)
		x.reconsider(m, seen)
		a := Assignment{Key: key, Incident: inc.id, New: true}
		x.mergeRecalls(m, seen, &a)
		x.link(named, &a)
		return a
	}
	sortCands(cands)
	// A re-extracted event stays in the incident it was in when that
	// incident still accepts it, so re-running extraction does not shuffle
	// ambiguous reports.
	if p := x.prev[key]; p != nil {
		delete(x.prev, key)
		for i, c := range cands {
			if c.inc == p {
				cands[0], cands[i] = cands[i], cands[0]
				cands = cands[:1]
				break
			}
		}
	}
	// A report naming an incident the news is about, and a small incident
	// only by the words that name the first (the small one's reports
	// mentioned it: a protest "over last week's attack on the train"), is
	// about the first, however the small one's day and place compare; nor
	// does it make them one.
	if len(cands) > 1 && cands[0].named && !salient(cands[0].inc) {
		for i, c := range cands[1:] {
			if c.named && salient(c.inc) && x.namedThrough(m, cands[0].inc, c.inc) {
				cands[0], cands[i+1] = cands[i+1], cands[0]
				cands = cands[:1]
				break
			}
		}
	}
	// Candidates that are one incident told twice are merged first: the
	// report then fits the merged incident, not two.
	if len(cands) > 1 {
		best := cands[0].inc
		rest := cands[:1]
		for _, c := range cands[1:] {
			if !x.roundup && (x.sameIncident(best, c.inc) || cands[0].named && c.named && x.namedByBoth(best, c.inc) || x.oneDayRecalls(best, c.inc)) {
				best = x.merge(best, c.inc, fmt.Sprintf("%s fits both", key))
				continue
			}
			rest = append(rest, c)
		}
		cands = rest
		cands[0].inc = best
		cands[0].s, _, _ = x.incidentScore(m, best, &explain{})
	}
	// Of two incidents a report fits about equally, the one it names that
	// several reports tell is the one it is about, when it does not name
	// the other as surely: a report of the hijacking that shares two
	// rare words with a lone report of another attack that week.
	if len(cands) > 1 && cands[0].s-cands[1].s < AmbiguityMargin {
		for i, c := range cands {
			if i > 0 && cands[0].s-c.s >= AmbiguityMargin {
				break
			}
			if c.named && salient(c.inc) && !slices.ContainsFunc(cands, func(o cand) bool {
				return o.inc != c.inc && cands[0].s-o.s < AmbiguityMargin && o.named && salient(o.inc)
			}) {
				cands[0], cands[i] = cands[i], cands[0]
				cands = cands[:1]
				break
			}
		}
	}
	best, bestScore := cands[0].inc, cands[0].s
	var alts []string
	for _, c := range cands[1:] {
		alts = append(alts, c.inc.id)
	}
	var a Assignment
	if len(cands) > 1 && bestScore-cands[1].s < AmbiguityMargin {
		// The report fits two incidents about equally well: a wrong merge
		// would mix two incidents' sources and figures, so it stays apart
		// and the alternatives are reported for review.
		inc := x.open(m)
		why := fmt.Sprintf("matches %s (score %.1f) and %s (score %.1f) about equally: kept apart for review",
			best.id, bestScore, cands[1].inc.id, cands[1].s)
		inc.log(m.ref.Key + ": " + why)
		m.ref.Reasons = []string{why}
		m.ref.Undecided = true
		inc.undecided++
		x.reconsider(m, seen)
		a = Assignment{Key: key, Incident: inc.id, New: true, Reasons: []string{why}, Alternatives: append([]string{best.id}, alts...)}
	} else {
		ex := explain{on: true}
		x.incidentScore(m, best, &ex)
		reasons := ex.reasons
		// A report joins on type, date and place alone (weak) when it
		// shares no actor with the incident and its words do not name it:
		// one whose words named an incident the news is about did not,
		// however common those words become as the incident grows.
		m.weak = !intersects(m.ev.perps, best.union.perps) && !intersects(m.ev.targets, best.union.targets) && !(cands[0].named && salient(best))
		x.join(best, m, bestScore, reasons)
		x.reconsider(m, seen)
		slices.SortFunc(seen, bySeq)
		x.takeIn(best, seen, m)
		x.replaceApart(best, seen, m)
		a = Assignment{Key: key, Incident: best.id, Score: bestScore, Reasons: reasons, Alternatives: alts}
		// The incident the report joined may now be recognisably the same
		// as another one the lookup found.
		if cands[0].named {
			named = append(named, best)
		}
		for _, inc := range seen {
			if inc != best && !best.dead && !x.roundup && x.sameIncident(best, inc) {
				best = x.merge(best, inc, fmt.Sprintf("%s made them one", key))
			}
		}
		x.mergeRecalls(m, seen, &a)
	}
	x.link(named, &a)
	return a
}

// link merges the incidents a report names that are one incident: reports
// of one attack filed before the index could tell (a reaction from the
// capital, a first account from the district) become one incident once a
// report shows they share the day, the place, the kind of act and the
// words. a is updated when the report's incident is merged into another.
func (x *Index) link(named []*incident, a *Assignment) {
	for i := 0; i < len(named) && !x.roundup; i++ {
		for j := i + 1; j < len(named); j++ {
			p, q := named[i], named[j]
			if p.dead || q.dead || p == q || !x.sameIncident(p, q) {
				continue
			}
			kept := x.merge(p, q, fmt.Sprintf("%s names both", a.Key))
			for k := range named {
				if named[k] == p || named[k] == q {
					named[k] = kept
				}
			}
		}
	}
	if m := x.byKey[a.Key]; m != nil && m.inc != nil && m.inc.id != a.Incident {
		a.Incident = m.inc.id
		a.Reasons = append(a.Reasons, "its incident was linked into "+m.inc.id)
	}
}

// merge absorbs the smaller of two incidents into the larger (the older on
// a tie, so ids stay as stable as they can) and returns the one kept.
func (x *Index) merge(a, b *incident, why string) *incident {
	if len(b.members) > len(a.members) || len(b.members) == len(a.members) && b.seq < a.seq {
		a, b = b, a
	}
	x.absorb(a, b, why)
	return a
}

// sameIncident reports whether two incidents are one: no user decision
// keeps their reports apart, the days their reports state are within one
// of each other, the kinds of act and the places their reports agree on
// are compatible, and their reports use the same rare words.
func (x *Index) sameIncident(a, b *incident) bool {
	if a == b || a.dead || b.dead || !a.hasAnchor || !b.hasAnchor {
		return false
	}
	if d := a.anchor - b.anchor; (d > followDays || d < -followDays) && !recapOf(a, b) && !recapOf(b, a) {
		return false
	}
	words := x.profileIdentity(a, b, false)
	if words < StrongIdentity || conflictingTargets(a, b) {
		return false
	}
	ra, rb := a.representative(), b.representative()
	if ra == nil || rb == nil {
		return false
	}
	// Incidents placed in two districts do not name each other by the
	// names of places their reports mention, however spelt ("Noshki" in
	// a report from Quetta, "Nushki" where it happened): a roundup of a
	// province's attacks names them all.
	apart := ra.placed() && rb.placed() && distinctDistricts(ra, rb) || districtsApart(a, b)
	if apart {
		if words = x.profileIdentity(a, b, true); words < StrongIdentity {
			return false
		}
	}
	if !(ra.fam == rb.fam || violent[ra.typ] && violent[rb.typ]) {
		return false
	}
	// Places that cannot be one keep the incidents apart, unless the
	// words leave no doubt and the places are in one country or one of
	// them is only a province: then one of them is where a statement was
	// made, or where the extraction went wrong.
	// When most of one incident's reports name the other's town in their
	// sentences, the place they were given is not where it happened.
	if ra.placed() && rb.placed() && !namesTownOf(a, rb) && !namesTownOf(b, ra) {
		if _, veto := placeScore(ra, rb, false, &explain{}); (veto || apart) &&
			(words < 2*StrongIdentity || ra.country != rb.country && ra.rank < rankProvince && rb.rank < rankProvince) {
			return false
		}
	}
	// The days may differ by the days of statements that follow an act
	// when the words leave no doubt. Incidents whose reports give no day
	// are not linked: a report looking back ("last week's hijacking") may
	// fit several incidents of that week, and joins one report at a time.
	d := a.anchor - b.anchor
	if d < 0 {
		d = -d
	}
	if d > 1 && words < 2*StrongIdentity {
		return false
	}
	// Two incidents each of which several reports of the act place on
	// its own day are two acts, however alike their words: a second
	// attack on a convoy in the same province three days after the first
	// is told in the first one's words. Statements of the following days
	// join one report at a time instead. Reports that give no day of
	// their own, or a day the others do not state (the day a statement
	// was made or a funeral held), do not make the later day an act.
	if d > 1 && a.onAnchor >= salientReports && b.onAnchor >= salientReports {
		return false
	}
	return !x.keptApart(a, b)
}

// recapOf reports whether incident b may be told of a, up to backDays
// later: b's day is stated by fewer than salientReports of its reports
// (the day someone spoke of the act, read as its day), a's by at least
// that many. Their words must still leave no doubt.
func recapOf(b, a *incident) bool {
	d := b.anchor - a.anchor
	if d <= 0 || d > backDays || b.onAnchor >= salientReports || a.onAnchor < salientReports {
		return false
	}
	// A report of b giving a day weeks after a's that counts dead or
	// wounded a's reports never counted tells of an act of that day.
	for _, o := range b.members {
		if !o.followUp && o.stated && o.dayPrec && o.start > a.anchor+followDays && newFigures(o, a) {
			return false
		}
	}
	return true
}

// namesTownOf reports whether most reports of inc name, in their
// sentences, the town or district rep is placed at.
func namesTownOf(inc *incident, rep *member) bool {
	return rep.rank <= rankDistrict && len(rep.ev.townTerms) > 0 && inc.prof.usedBy(rep.ev.townTerms, len(inc.members)/2+1)
}

// namedByBoth reports whether two incidents a report names by its words
// are one although their own reports share too few words to tell: they
// happened on the same day (within one) at places that can be one, are
// reported as compatible kinds of act, name no conflicting targets, and
// no user decision keeps them apart. Without it the report would stand
// alone between them.
func (x *Index) namedByBoth(a, b *incident) bool {
	if a == b || a.dead || b.dead || !a.hasAnchor || !b.hasAnchor {
		return false
	}
	if d := a.anchor - b.anchor; d > 1 || d < -1 {
		return false
	}
	ra, rb := a.representative(), b.representative()
	if ra == nil || rb == nil || conflictingTargets(a, b) {
		return false
	}
	if !(ra.fam == rb.fam || violent[ra.typ] && violent[rb.typ]) {
		return false
	}
	if ra.placed() && rb.placed() {
		if _, veto := placeScore(ra, rb, false, &explain{}); veto || distinctDistricts(ra, rb) {
			return false
		}
	}
	return !districtsApart(a, b) && !x.keptApart(a, b)
}

// districtsApart reports whether the reports of the act of two incidents
// that give a town or district give them in different districts only:
// the attacks of one night on police stations in three districts are
// three incidents, however a roundup names them together, and an
// incident that already spans two districts takes in none of a third.
func districtsApart(a, b *incident) bool {
	anyA := false
	for _, m := range a.members {
		if m.followUp || !m.placed() || m.rank > rankDistrict {
			continue
		}
		anyA = true
		anyB := false
		for _, o := range b.members {
			if o.followUp || !o.placed() || o.rank > rankDistrict {
				continue
			}
			anyB = true
			if !distinctDistricts(m, o) {
				return false
			}
		}
		if !anyB {
			return false
		}
	}
	return anyA
}

// distinctDistricts reports whether two reports are placed at towns or
// districts of different names more than nearTownKM apart: a town within
// reach of a district's centre may be in it, but two incidents placed
// there are the same group's attacks on two districts' police stations
// as often as one.
func distinctDistricts(a, b *member) bool {
	if a.rank > rankDistrict || b.rank > rankDistrict || a.soft || b.soft || sameName(a.name, b.name) || a.geo != 0 && a.geo == b.geo {
		return false
	}
	return !(a.hasLL && b.hasLL) || haversineKM(a.lat, a.lon, b.lat, b.lon) > nearTownKM
}

// isRoundup reports whether a document's events are placed at two towns
// or districts of different names more than nearTownKM apart: a roundup
// of a day's attacks, whose words name each of them.
func (x *Index) isRoundup(refs []EventRef) bool {
	var buf [4]member // most documents report a few events
	seen := buf[:0]
	for i := range refs {
		p := refs[i].Place
		m := member{rank: placeRank(p), soft: refs[i].DatelinePlace}
		if m.rank > rankDistrict || m.soft {
			continue
		}
		m.name, m.geo = x.normName(p.Name), p.GeonamesID
		if p.Lat != nil && p.Lon != nil && !(*p.Lat == 0 && *p.Lon == 0) {
			m.hasLL, m.lat, m.lon = true, *p.Lat, *p.Lon
		}
		for j := range seen {
			if distinctDistricts(&m, &seen[j]) {
				return true
			}
		}
		seen = append(seen, m)
	}
	return false
}

// conflictingTargets reports whether two incidents' reports name
// specific targets none of which the other's reports name, use the words
// of, or relate to: two attacks in one town on one day, on a market and
// on a police post.
func conflictingTargets(a, b *incident) bool {
	sa, sb := specificTargets(a.union.targets), specificTargets(b.union.targets)
	if len(sa) == 0 || len(sb) == 0 || intersects(sa, sb) || relatedTargets(&a.union, &b.union) {
		return false
	}
	return !b.prof.usedBy(without(a.union.targetTerms, a.union.placeTerms, b.union.placeTerms), (len(b.members)+1)/2) &&
		!a.prof.usedBy(without(b.union.targetTerms, a.union.placeTerms, b.union.placeTerms), (len(a.members)+1)/2)
}

func specificTargets(ids []string) []string {
	var out []string
	for _, t := range ids {
		if !isGeneric(t) {
			out = append(out, t)
		}
	}
	return out
}

// representative is a report of an incident's act with its most common
// kind of act and, when any report gives one, its most common specific
// place. It is kept until the incident's reports change.
func (inc *incident) representative() *member {
	if inc.rep != nil {
		return inc.rep
	}
	// Counted without maps for the few reports most incidents have: two
	// maps for each incident cost more than anything else it did.
	var fams [9]int // families are -1 to 7
	for _, m := range inc.members {
		if !m.followUp {
			fams[m.fam+1]++
		}
	}
	type placeKey struct{ admin1, name string }
	var places map[placeKey]int
	if len(inc.members) > 16 {
		places = map[placeKey]int{}
		for _, m := range inc.members {
			if !m.followUp && m.placed() {
				places[placeKey{m.admin1, m.name}]++
			}
		}
	}
	samePlace := func(m *member) int {
		if places != nil {
			return places[placeKey{m.admin1, m.name}]
		}
		n := 0
		for _, o := range inc.members {
			if !o.followUp && o.placed() && o.admin1 == m.admin1 && o.name == m.name {
				n++
			}
		}
		return n
	}
	var best *member
	bestN := -1
	for _, m := range inc.members {
		if m.followUp {
			continue
		}
		n := fams[m.fam+1]
		if m.placed() {
			n += len(inc.members) * (1 + samePlace(m))
		}
		if n > bestN {
			best, bestN = m, n
		}
	}
	inc.rep = best
	return best
}

// profileIdentity weighs the rare words two incidents' reports share, as
// identity does for one report, with the share of reports using a word
// taken on both sides. Names of places and perpetrators are left out.
func (x *Index) profileIdentity(a, b *incident, noPlaces bool) float64 {
	if !a.mask.meets(b.mask) {
		return 0
	}
	var s wordSum
	i, j := 0, 0
	na, nb := float64(len(a.members)), float64(len(b.members))
	for i < len(a.prof) && j < len(b.prof) {
		p, q := a.prof[i], b.prof[j]
		switch {
		case p.t < q.t:
			i++
		case p.t > q.t:
			j++
		default:
			t := p.t
			if x.voc.idf(t) >= minTermIDF && !has(a.union.placeTerms, t) && !has(b.union.placeTerms, t) &&
				!has(a.union.perpTerms, t) && !has(b.union.perpTerms, t) &&
				!(noPlaces && (x.spellsPlace(t, a.union.placeTerms) || x.spellsPlace(t, b.union.placeTerms))) {
				w := x.voc.weight(t)
				s.add(w * math.Sqrt(min(1, float64(p.n)/na)*min(1, float64(q.n)/nb)))
			}
			i++
			j++
		}
	}
	return s.total()
}

// spellsPlace reports whether word t is another spelling of a word of
// one of the place names (sameName).
func (x *Index) spellsPlace(t int32, places []int32) bool {
	w := x.voc.wordOf(t)
	for _, p := range places {
		if sameName(w, x.voc.wordOf(p)) {
			return true
		}
	}
	return false
}

// keptApart reports whether a user decision keeps a report of one incident
// apart from a report of the other.
func (x *Index) keptApart(a, b *incident) bool {
	if len(x.apart) == 0 {
		return false
	}
	for _, m := range a.members {
		ap := x.apart[m.ref.Key]
		if len(ap) == 0 {
			continue
		}
		for _, o := range b.members {
			if _, ok := ap[o.ref.Key]; ok {
				return true
			}
		}
	}
	return false
}

// has reports whether the sorted list holds t.
func has(l []int32, t int32) bool {
	_, ok := slices.BinarySearch(l, t)
	return ok
}

type cand struct {
	inc   *incident
	s     float64
	named bool
}

func sortCands(cands []cand) {
	slices.SortFunc(cands, func(a, b cand) int {
		if a.s != b.s {
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return a.inc.seq - b.inc.seq
	})
}

// outvoteCore is how many reports of the act an incident needs before a
// report naming it is kept out only by its representative or by more
// than one in outvoteShare of its reports.
const (
	outvoteCore  = 6
	outvoteShare = 5
)

// salient reports whether an incident has a day and enough reports of
// the act for later reports to refer back to it.
func salient(inc *incident) bool { return inc.hasAnchor && inc.core >= salientReports }

// salientReports is how many reports of the act an incident needs before
// a report weeks later may refer back to it without a date.
const salientReports = 3

// reconsider moves earlier reports to m's incident when m's arrival shows
// they fit it better. A report that joined an incident on type, date and
// place alone ("weak") may belong to a look-alike incident the index had
// not seen yet; once a report naming the perpetrator or target of that
// look-alike arrives, the weak report moves if it now scores clearly
// higher there. Only incidents m's own lookup visited are examined, so
// the cost stays proportional to the candidates.
func (x *Index) reconsider(m *member, seen []*incident) {
	if len(m.ev.perps) == 0 && len(m.ev.targets) == 0 {
		return
	}
	dst := m.inc
	// Only incidents with a weak report can lose one. Incidents by age
	// and reports by key: the order must not depend on which incidents
	// happened to be in memory.
	// The lists are the Index's, reused: most reports find no incident
	// with a weak report, or one with one.
	with, weak := x.withBuf[:0], x.weakBuf[:0]
	for _, j := range seen {
		if j != dst && !j.dead && len(j.members) >= 2 && j.weak > 0 {
			with = append(with, j)
		}
	}
	if len(with) > 1 {
		slices.SortFunc(with, bySeq)
	}
	for _, j := range with {
		if j.dead {
			continue
		}
		weak = weak[:0]
		for _, o := range j.members {
			if o.weak {
				weak = append(weak, o)
			}
		}
		if len(weak) > 1 {
			slices.SortFunc(weak, func(a, b *member) int { return strings.Compare(a.ref.Key, b.ref.Key) })
		}
		for _, o := range weak {
			if x.forbidden(dst, o.ref.Key) {
				continue
			}
			if _, pinned := x.group[o.ref.Key]; pinned {
				continue
			}
			sNew, ok, namesNew := x.incidentScore(o, dst, &explain{})
			if !ok || sNew < Threshold {
				continue
			}
			// Its own document's other reports are left out: they are in
			// j already, and the veto that keeps one document's two events
			// apart when they are placed would make every report of an
			// incident its document tells twice look misplaced.
			rest := &incident{}
			for _, p := range j.members {
				if p != o && !sameDoc(p, o) {
					rest.members = append(rest.members, p)
				}
			}
			rest.refresh()
			sOld, okOld, namesOld := x.incidentScore(o, rest, &explain{})
			if okOld && sNew-sOld < AmbiguityMargin {
				continue
			}
			// A report whose words name an incident the news is about
			// stays with it: a look-alike it names less surely (not at
			// all, or one few reports tell) is no better place for it,
			// however its day and place compare.
			if okOld && namesOld && salient(rest) && !(namesNew && salient(dst)) {
				continue
			}
			x.depart(j, o, dst, m)
			ex := explain{on: true}
			x.incidentScore(o, dst, &ex)
			reasons := append([]string{fmt.Sprintf("moved from %s (score there %.1f)", j.id, sOld)}, ex.reasons...)
			o.weak = !intersects(o.ev.perps, dst.union.perps) && !intersects(o.ev.targets, dst.union.targets)
			x.join(dst, o, sNew, reasons)
		}
	}
	clear(with)
	clear(weak)
	x.withBuf, x.weakBuf = with[:0], weak[:0]
}

// takeInSize: incidents of at most this many reports are examined for
// reports that now fit a grown incident.
const takeInSize = 3

// takeIn moves into inc the reports of small incidents nearby that now
// name it: a statement or a funeral reported before the incident's words
// were known well enough to recognise it stays alone otherwise. Only
// incidents the last report's lookup visited are examined, and only
// reports whose words name inc are scored.
func (x *Index) takeIn(inc *incident, seen []*incident, by *member) {
	if !salient(inc) {
		return
	}
	for _, j := range seen {
		if j == inc || j.dead {
			continue
		}
		// Of a larger incident only the reports that look back without a
		// day of their own ("earlier this month, the attack on ...") are
		// examined: they joined the first incident their words fitted,
		// which may have been another one of those weeks.
		large := len(j.members) > takeInSize
		if large && !slices.ContainsFunc(j.members, lookingBack) {
			continue
		}
		if j.hasAnchor {
			if d := j.anchor - inc.anchor; d > backDays || d < -1 {
				continue
			}
		}
		// A small incident every report of which names inc is a part of it
		// told apart too early (a statement and a funeral of the days
		// after): it is merged whole.
		fits := func(o *member) (float64, bool) {
			if x.forbidden(inc, o.ref.Key) {
				return 0, false
			}
			if _, pinned := x.group[o.ref.Key]; pinned {
				return 0, false
			}
			// Only words two of its reports use name inc: one report
			// naming two incidents ("porters and traders mourned") brings
			// the other's words with it.
			if id, _ := x.identity(o, inc, func(t int32) float64 {
				if inc.prof.count(t) < 2 {
					return 0
				}
				return 1
			}, nil); id < StrongIdentity {
				return 0, false
			}
			s, ok, named := x.incidentScore(o, inc, &explain{})
			return s, ok && named && s >= Threshold
		}
		whole := len(j.members) > 1 && !large
		for i := 0; whole && i < len(j.members); i++ {
			_, whole = fits(j.members[i])
		}
		whole = whole && !districtsApart(inc, j)
		if whole {
			x.absorb(inc, j, fmt.Sprintf("each of its reports names %s (after %s)", inc.id, by.ref.Key))
			continue
		}
		members := slices.Clone(j.members)
		slices.SortFunc(members, func(a, b *member) int { return strings.Compare(a.ref.Key, b.ref.Key) })
		for _, o := range members {
			if large && !lookingBack(o) {
				continue
			}
			sNew, ok := fits(o)
			if !ok {
				continue
			}
			sOld := -1e9
			if len(j.members) > 1 {
				rest := &incident{}
				for _, p := range j.members {
					if p != o {
						rest.members = append(rest.members, p)
					}
				}
				rest.refresh()
				if s, ok, _ := x.incidentScore(o, rest, &explain{}); ok {
					sOld = s
				}
			}
			if sNew-sOld < AmbiguityMargin {
				continue
			}
			x.depart(j, o, inc, by)
			ex := explain{on: true}
			x.incidentScore(o, inc, &ex)
			reasons := append([]string{fmt.Sprintf("moved from %s once %s made %s's words known", j.id, by.ref.Key, inc.id)}, ex.reasons...)
			x.join(inc, o, sNew, reasons)
		}
	}
}

// freshFigures reports whether m, or another report of its document
// telling of its days (one act read twice: "thirteen soldiers were
// martyred" and "today, a convoy was targeted"), counts dead or wounded
// that no report of inc's act stating its day counted: a report dated by
// the day it was told that counts its own dead tells of an act of that
// day (the day's shooting at another aid site), not of one weeks before,
// whatever words it shares. A recap gives the count the act's reports
// gave. Reports of other days that joined inc do not vouch: each brings
// its own count, and a chain of them would let any count through.
func (x *Index) freshFigures(m *member, inc *incident) bool {
	if newFigures(m, inc) {
		return true
	}
	if m != x.placing {
		return false
	}
	for _, o := range x.placingDoc {
		if o != m && o.dated && o.start <= m.end && m.start <= o.end && newFigures(o, inc) {
			return true
		}
	}
	return false
}

// newFigures is freshFigures for m alone. A report told within riseDays
// of the act may count the toll rising as the wounded die: above every
// count the act's reports gave, by no more than a toll rises (twice the
// highest and three), or dead no more than the wounded they counted ("two
// more children succumbed to their injuries").
func newFigures(m *member, inc *incident) bool {
	rise := m.start-inc.anchor <= riseDays
	wounded := -1
	if rise {
		for _, o := range inc.members {
			if anchorReport(o, inc) {
				if _, _, hi, ok := reportFigures(o.ref.Injured); ok {
					wounded = max(wounded, hi)
				}
			}
		}
	}
	for i, c := range [2]func(*EventRef) *sitrep.Count{
		func(r *EventRef) *sitrep.Count { return r.Killed },
		func(r *EventRef) *sitrep.Count { return r.Injured },
	} {
		_, f, _, ok := reportFigures(c(&m.ref))
		if !ok {
			continue
		}
		seen, highest := false, -1
		for _, o := range inc.members {
			if !anchorReport(o, inc) {
				continue
			}
			if lo, b, hi, ok := reportFigures(c(&o.ref)); ok {
				if f == lo || f == b || f == hi {
					seen = true
					break
				}
				highest = max(highest, hi)
			}
		}
		rising := rise && (highest >= 0 && f > highest && f <= 2*highest+3 || i == 0 && f <= wounded)
		if !seen && !rising {
			return true
		}
	}
	return false
}

// anchorReport reports whether o is a report of inc's act stating the day
// its reports agree on, with figures that count the act.
func anchorReport(o *member, inc *incident) bool {
	return !o.followUp && !o.ref.Statistic && o.stated && o.dayPrec && o.start == inc.anchor
}

// riseDays: a toll rising as the wounded die is told within a week.
const riseDays = 7

// lookingBack reports whether a report of the act gives no day of its
// own: its date is its publication's, a week or a month.
func lookingBack(o *member) bool { return !o.followUp && !(o.stated && o.dayPrec) }

// incidentScore is the evidence score of m against inc: the best score
// against one of its reports of the act itself, plus the perpetrators,
// targets, tolls and words m shares with all of them. ok is false when any
// of those reports vetoes m: a report must be compatible with every report
// of the incident, which stops chains of vague reports from gluing
// distinct incidents together. named is true when m's words name the
// incident (StrongIdentity).
func (x *Index) incidentScore(m *member, inc *incident, ex *explain) (s float64, ok, named bool) {
	var why []int32
	var whyp *[]int32
	if ex.on {
		whyp = &why
	}
	var id float64
	var nwords int
	if mask := x.namingMask(m); mask.meets(inc.mask) {
		id, nwords = x.identity(m, inc, namingWord(m, inc), whyp)
	}
	// One shared word, however rare, is a coincidence as often as a name.
	named = id >= StrongIdentity && nwords >= 2
	// A report stating no date of its own refers back weeks only to an
	// incident several reports have given a day for: "the hijacking" is
	// the one the news has been about, not any report that shares words.
	nm := naming{named: named, salient: named && salient(inc)}
	// A report that gives no date of its own may be a new event dated by
	// its publication as easily as a look back at an old one: it refers
	// back beyond the following days only when its words leave no doubt.
	nm.certain = nm.salient && id >= 2*StrongIdentity && nwords >= 3
	// A visit after an attack is one of its reports only where it happened
	// (to the site, to the wounded): elsewhere it is diplomacy that may
	// mention it, and it is placed as any report is.
	// A visit after an attack is one of its reports only where it happened
	// (to the site, to the wounded): a visit elsewhere is its own act,
	// diplomacy that may speak of the attack, and the visit's place is
	// where it was, whatever town its words name.
	visit := m.typ == sitrep.Visit
	nm.laterKind = nm.salient && inc.violent && !violent[m.typ] && !visit
	// The day the incident's reports agree on: a report stating another
	// day reports another incident, unless it names this one and its day
	// is one of the following few (a statement, a funeral, an arrest).
	if inc.hasAnchor && m.stated && m.dated && !m.period {
		lo, hi := inc.anchor-1, inc.anchor+1
		switch {
		case nm.laterKind:
			hi = inc.anchor + backDays // an arrest or a funeral for it, weeks on
		case nm.certain && m.newsDay && !nm.fresh:
			// A report dated by the day it was told (someone spoke of the
			// attack "on Wednesday") whose words leave no doubt which
			// incident it tells.
			hi = inc.anchor + backDays
		case named:
			hi = inc.anchor + followDays
		}
		if m.end < lo || m.start > hi {
			if ex.on {
				ex.add("states %s, the incident happened on %s", formatDay(m.start), formatDay(inc.anchor))
			}
			return 0, false, named
		}
	}
	// A report naming an incident the news is about whose sentences name
	// a town its reports place it at, other than its own place, says
	// where it happened, whatever place the extraction gave it ("New Delhi
	// blamed Islamabad for the attack in Pahalgam" is not placed in
	// Islamabad).
	rep := inc.representative()
	nm.saysTown = nm.salient && !visit && m.saysTown(x.wordsOf(m), x.incidentTown(inc))
	nm.saysTarget = nm.salient && m.saysTarget(x.wordsOf(m), inc)
	nm.fresh = nm.certain && (!m.stated || m.newsDay) && x.freshFigures(m, inc)
	best, place := -1e9, 0.0
	var bestM *member
	quiet := explain{}
	all := inc.core == 0 // compare with follow-ups only when nothing else decides
	// A report naming a large incident is kept out by its representative
	// and by more than a few of its reports, not by one or two of them
	// that the extraction misplaced or misdated ("the train attack" told
	// in a timeline at the town of another attack).
	outvote := named && inc.core >= outvoteCore
	vetoes, compared := 0, 0
	for _, o := range inc.members {
		if o.followUp && !all {
			continue
		}
		sc, ps, veto := baseScore(m, o, nm, &quiet)
		compared++
		if veto && outvote && o != rep {
			vetoes++
			continue
		}
		place = max(place, ps)
		// A report of the incident that disagrees with what its reports
		// agree on (another place, another day, another kind of act) does
		// not keep out the reports of an incident several reports agree
		// on: one misplaced report of fifty must not turn the next ones
		// away. They are compared with the others.
		if veto && inc.core >= salientReports && o != rep && (o.dissents(rep) || o.offAnchor(inc) && dateVeto(m, o, nm)) {
			continue
		}
		if veto {
			if ex.on {
				ex.add("vetoed by %s", o.ref.Key)
				baseScore(m, o, nm, ex)
			}
			return 0, false, named
		}
		// Ties go to the smaller key, whatever the members' order.
		if sc > best || sc == best && bestM != nil && o.ref.Key < bestM.ref.Key {
			best, bestM = sc, o
		}
	}
	if bestM == nil || vetoes*outvoteShare > compared {
		if bestM != nil && ex.on {
			ex.add("vetoed by %d of the %d reports compared", vetoes, compared)
		}
		return 0, false, named
	}
	if vetoes > 0 && ex.on {
		ex.add("%d of the %d reports compared disagree", vetoes, compared)
	}
	// Type and day alone do not make one incident of two reports when one
	// of them does not say where it happened: every day brings several
	// attacks in a country. Such a report joins by the words that name
	// the incident or by a perpetrator or target it shares.
	// A report filed elsewhere or placed only in its country that names
	// the incident's town in its sentences has told where it happened.
	if place < wInDistrict && (intersects(x.wordsOf(m), inc.union.townTerms) || intersects(m.terms, inc.union.townTerms)) {
		place = wMentionsTown
		best += wMentionsTown
		ex.add("mentions the incident's town")
	}
	// Nor does a report giving only the province: a province sees several
	// attacks a day.
	if !named && (place <= wSameCountry || m.rank >= rankProvince && place <= wInProvince) && !sharesActor(&m.ev, &inc.union) {
		ex.add("place too vague to join without words or actors in common")
		return 0, false, named
	}
	if ex.on {
		ex.add("compared with %s", bestM.ref.Key)
		baseScore(m, bestM, nm, ex)
	}
	s = best + actorScore(m, &inc.union, inc.prof, len(inc.members), nm, compatibleTypes(m, bestM), ex)
	if id > 0 {
		s += min(wIdentityMax, id*wIdentityPerWord)
		if ex.on && len(why) > 0 {
			ws := make([]string, 0, len(why))
			for _, t := range why {
				ws = append(ws, x.voc.wordOf(t))
			}
			slices.Sort(ws)
			if ex.on {
				ex.add("shares the words %s (%.1f)", strings.Join(ws, ", "), id)
			}
		}
	}
	return s, true, named
}

// namingMask is the mask of the report's words that namingWord may count:
// not those of its own places and perpetrators. Most incidents a report
// shares a word with share only its town's name, and the incident's
// words need not be read for those.
func namingMask(m *member) wordMask {
	var mask wordMask
	for _, t := range m.terms {
		if !has(m.ev.placeTerms, t) && !has(m.ev.perpTerms, t) {
			mask.add(t)
		}
	}
	return mask
}

// namingMask is namingMask(m) for the report being placed, made once, and
// the mask of all its words for any other: a mask with more bits set
// only lets more incidents through to be read.
func (x *Index) namingMask(m *member) wordMask {
	if m == x.namingFor {
		return x.namingBits
	}
	return m.mask
}

// namingWord weighs the words m shares with inc by whether they may name
// the incident (incidentScore's identity): names of perpetrators say who,
// m's own target's name and its place's are compared as such.
func namingWord(m *member, inc *incident) func(int32) float64 {
	return func(t int32) float64 {
		// The report's own names first: most words shared are the town's,
		// and the incident's lists are one more read from memory.
		if has(m.ev.placeTerms, t) {
			return 0 // the places compare it
		}
		if has(m.ev.perpTerms, t) || has(inc.union.perpTerms, t) {
			return 0
		}
		if has(m.ev.targetTerms, t) && !has(inc.union.targetTerms, t) {
			return 0 // its own target's name: the targets compare it
		}
		return 1
	}
}

// namedThrough reports whether the words by which m names inc are all
// words that several reports of other use: inc's reports mention other
// (by a train's name, the place of a massacre) and m may mention it the
// same way, so the words do not tell m is about inc rather than other.
func (x *Index) namedThrough(m *member, inc, other *incident) bool {
	var why []int32
	if id, _ := x.identity(m, inc, namingWord(m, inc), &why); id < StrongIdentity {
		return false
	}
	for _, t := range why {
		if other.prof.count(t) < salientReports {
			return false
		}
	}
	return true
}

// refresh recomputes what is derived from the members after they change.
func (inc *incident) refresh() {
	inc.prof, inc.mask = nil, wordMask{}
	for _, m := range inc.members {
		inc.prof = inc.prof.add(m.terms)
		inc.mask.or(m.mask)
	}
	inc.recount()
	inc.unite()
}

// unite recomputes the union of the members' evidence. It follows recount:
// a follow-up adds no town or toll, so the union must be that of the
// members as they are now, never one built while some of them were not
// yet follow-ups. An incident read back from a store has only its
// members to build it from, and must score the next report as the one
// that placed them did.
func (inc *incident) unite() {
	inc.union = evidence{killedLo: -1, killedHi: -1}
	for _, m := range inc.members {
		inc.union.add(m)
	}
}

// recount recomputes the incident's anchor day and what its reports of the
// act itself are. It reports whether it made earlier reports follow-ups.
func (inc *incident) recount() (followed bool) {
	inc.rep, inc.town, inc.townKnown = nil, nil, false
	var buf [16]int32 // most incidents have a few reports: no allocation
	days := buf[:0]
	inc.violent, inc.core, inc.onAnchor, inc.weak, inc.undecided = false, 0, 0, 0, 0
	for _, m := range inc.members {
		inc.violent = inc.violent || !m.followUp && violent[m.typ]
		if m.weak {
			inc.weak++
		}
		if m.ref.Undecided {
			inc.undecided++
		}
	}
	for _, m := range inc.members {
		// Once an act of violence is reported, reports of statements,
		// visits or arrests that opened the incident follow it up.
		if inc.violent && !violent[m.typ] && !m.followUp {
			m.followUp, m.ref.FollowUp = true, true
			followed = true
		}
		if m.followUp {
			continue
		}
		inc.core++
		if m.stated && m.dayPrec {
			days = append(days, m.start)
		}
	}
	inc.hasAnchor = len(days) > 0
	if inc.idx != nil {
		inc.idx.salientSlots[inc.slot] = salient(inc)
	}
	if !inc.hasAnchor {
		return followed
	}
	slices.Sort(days)
	best, bestN := days[0], 0
	for i := 0; i < len(days); {
		j := i
		for j < len(days) && days[j] == days[i] {
			j++
		}
		if j-i > bestN { // ties go to the earlier day
			best, bestN = days[i], j-i
		}
		i = j
	}
	inc.anchor, inc.onAnchor = best, bestN
	return followed
}

// incidentTown returns the words of the name of the town or district the
// incident's reports of the act agree on, as its snapshot gives it (nil
// when they agree only on a province or less). It is kept until the
// incident's reports change.
func (x *Index) incidentTown(inc *incident) []int32 {
	if inc.townKnown {
		return inc.town
	}
	inc.townKnown = true
	refs := make([]*EventRef, 0, len(inc.members))
	for _, m := range inc.members {
		if !m.followUp {
			refs = append(refs, &m.ref)
		}
	}
	if p := incidentPlace(refs); p != nil && placeRank(p) <= rankDistrict {
		inc.town = x.nameTerms(p.Name)
		slices.Sort(inc.town)
	}
	return inc.town
}

// loosen marks what in a joining report disagrees with the incident's
// reports of the act: a report that joined by the words naming the
// incident despite another place or another kind of act keeps them, but
// they no longer keep later reports out, nor decide the incident's place.
func (inc *incident) loosen(m *member) {
	quiet := explain{}
	for _, o := range inc.members {
		if o.followUp || o == m {
			continue
		}
		if !m.soft && m.rank < rankNone && o.placed() {
			if _, veto := placeScore(m, o, false, &quiet); veto {
				// As newMember makes an outlier read back: its town
				// is not the incident's.
				m.soft, m.ref.PlaceOutlier, m.ev.townTerms = true, true, nil
			}
		}
		if !compatibleTypes(m, o) {
			m.looseType, m.ref.KindOutlier = true, true
		}
	}
}

// offAnchor reports whether a report of an incident states another day
// than the one its reports agree on: a report dated the day before the
// act keeps out a statement of the day after, which the agreed day
// admits, only by its own mistake.
func (o *member) offAnchor(inc *incident) bool {
	return inc.hasAnchor && o.stated && o.dayPrec && o.start != inc.anchor
}

// dateVeto reports whether two reports' dates keep them apart.
func dateVeto(a, b *member, nm naming) bool {
	_, veto := dateScore(a, b, nm, &explain{})
	return veto
}

func compatibleTypes(a, b *member) bool {
	return a.fam == b.fam || attacks[a.typ] && attacks[b.typ] || a.looseType || b.looseType
}

// placed reports whether a report of the act itself says where it
// happened.
func (inc *incident) placed() bool {
	for _, m := range inc.members {
		if !m.followUp && m.placed() {
			return true
		}
	}
	return false
}

// sharesActor reports whether a report names a perpetrator or a specific
// target of the incident.
func sharesActor(e, union *evidence) bool {
	if intersects(e.perps, union.perps) {
		return true
	}
	for _, t := range e.targets {
		if !isGeneric(t) && has2(union.targets, t) {
			return true
		}
	}
	return false
}

func has2(l []string, t string) bool {
	_, ok := slices.BinarySearch(l, t)
	return ok
}

// followsUp reports whether m, joining inc, reports a later development or
// another kind of act than the incident itself: a statement, funeral or
// arrest stated days after the incident's day, a report of an arrest or
// protest joining a bombing by the words that name it, or a report that
// states no date of its own and was published more than a week after the
// incident's day (a look back: "since the hijacking"), whose days of
// publication say nothing about when the act happened.
func (inc *incident) followsUp(m *member) bool {
	if inc.core == 0 {
		return false
	}
	if inc.violent && !violent[m.typ] {
		return true
	}
	return inc.hasAnchor && (m.stated && m.dayPrec || !m.stated) && m.start > inc.anchor+1
}

func (x *Index) forbidden(inc *incident, key string) bool {
	ap := x.apart[key]
	if len(ap) == 0 {
		return false
	}
	for _, o := range inc.members {
		if _, ok := ap[o.ref.Key]; ok {
			return true
		}
	}
	return false
}

func (x *Index) open(m *member) *incident {
	// The id of an incident that ended (merged into another, or emptied)
	// is free again, as it is in a store, which keeps only a redirect
	// for it: an Index that remembers the merge must choose the id an
	// Index reading the store chooses.
	id := incidentID(m.ref.Key)
	for n := 2; x.taken(id); n++ {
		id = incidentID(m.ref.Key) + "-" + strconv.Itoa(n)
	}
	delete(x.merged, id)
	inc := &incident{id: id, seq: x.nextSeq(), union: evidence{killedLo: -1, killedHi: -1}}
	x.incidents[id] = inc
	x.join(inc, m, 0, nil)
	return inc
}

// incidentID derives a stable id from the key of the event that opened
// the incident, so re-running the same input yields the same ids.
func incidentID(key string) string {
	sum := sha256.Sum256([]byte(key))
	var id [4 + 12]byte
	copy(id[:], "inc-")
	hex.Encode(id[4:], sum[:6])
	return string(id[:])
}

func (x *Index) join(inc *incident, m *member, s float64, reasons []string) {
	m.inc = inc
	m.ref.Undecided = false
	m.ref.Score = s
	m.ref.Reasons = reasons
	m.followUp = inc.followsUp(m)
	m.ref.FollowUp = m.followUp
	inc.loosen(m)
	i, _ := slices.BinarySearchFunc(inc.members, m, reportOrder)
	inc.members = slices.Insert(inc.members, i, m)
	inc.prof = inc.prof.add(m.terms)
	inc.mask.or(m.mask)
	if inc.recount() {
		inc.unite()
	} else {
		inc.union.add(m)
	}
	if m == x.placing {
		x.placing, x.placingWords = nil, nil
	}
	if len(reasons) > 0 {
		inc.reasons = append(inc.reasons, logLine{text: m.ref.Key, why: reasons, score: s})
	}
	x.indexUnder(inc, m)
	x.touch(inc)
}

// bySeq orders incidents oldest first.
func bySeq(a, b *incident) int { return a.seq - b.seq }

// reportOrder is the order of an incident's reports: by publication, then
// key, as its snapshot lists them. Whatever depends on the order (which
// report represents the incident when two tie) is then the same in the
// Index that placed the reports and in one that read them from a store.
func reportOrder(a, b *member) int {
	if c := strings.Compare(a.ref.Published, b.ref.Published); c != 0 {
		return c
	}
	return strings.Compare(a.ref.Key, b.ref.Key)
}

// absorb moves every member of src into dst.
func (x *Index) absorb(dst, src *incident, why string) {
	for _, m := range src.members {
		m.inc = dst
		m.ref.Undecided = false
		dst.members = append(dst.members, m)
		x.indexUnder(dst, m)
		src.left = append(src.left, m.ref.Key)
	}
	slices.SortFunc(dst.members, reportOrder)
	dst.reasons = append(dst.reasons, src.reasons...)
	dst.log(fmt.Sprintf("%s merged into %s: %s", src.id, dst.id, why))
	dst.refresh()
	x.touch(dst)
	src.members = nil
	x.end(src)
	x.merged[src.id] = dst.id
}

// resolve follows merges from an incident id to the incident that holds
// its reports now, so that every id the index ever gave out can be shown.
func (x *Index) resolve(id string) *incident {
	for range 64 { // merges form chains, never cycles; bound them anyway
		if inc := x.incidents[id]; inc != nil {
			return inc
		}
		next, ok := x.merged[id]
		if !ok {
			return nil
		}
		id = next
	}
	return nil
}

func floorDiv7(n int32) int32 {
	if n >= 0 {
		return n / 7
	}
	return -((-n + 6) / 7)
}

func (x *Index) placeID(s string) int32 {
	id, ok := x.placeIDs[s]
	if !ok {
		id = int32(len(x.placeIDs))
		x.placeIDs[s] = id
		x.placeNames = append(x.placeNames, s)
	}
	return id
}

// areaKey is a place key by country and province: kind areaProvince is
// "country|admin1", areaProvinceOnly "country|admin1|p", areaCountry
// "country|*" and areaAll "*". Normalised names hold no "|" or "*", so
// each key is one string.
type areaKey struct {
	country, admin1 string
	kind            uint8
}

const (
	areaProvince uint8 = iota
	areaProvinceOnly
	areaCountry
	areaAll
)

// areaID is placeID of an areaKey, remembered by its parts: every report
// looks up several, and joining the strings for each cost an allocation.
func (x *Index) areaID(c, a string, kind uint8) int32 {
	k := areaKey{c, a, kind}
	if id, ok := x.areaIDs[k]; ok {
		return id
	}
	var s string
	switch kind {
	case areaProvince:
		s = c + "|" + a
	case areaProvinceOnly:
		s = c + "|" + a + "|p"
	case areaCountry:
		s = c + "|*"
	default:
		s = "*"
	}
	id := x.placeID(s)
	x.areaIDs[k] = id
	return id
}

// placeKeys lists the place keys an incident holding m is indexed under
// (index=true) or that m must look up (index=false). A report placed at a
// town with coordinates is indexed under its grid cell and looks up the
// cells around it (every town within nearTownKM), and the incidents of its
// province placed no finer than a district; other reports are indexed
// under their province (country|admin1, and country|admin1|p) and look up
// the whole province. Every incident is also under country|* and *; a
// report naming a province looks up the same country's incidents with no
// province known; a report naming only a country looks at the whole
// country.
func (x *Index) placeKeys(m *member, index bool, buf []int32) []int32 {
	c, a := m.country, m.admin1
	if m.rank == rankNone {
		c, a = "", ""
	}
	gridded := m.rank <= rankTown && m.hasLL && !m.soft
	if index {
		buf = append(buf, x.areaID(c, a, areaProvince), x.areaID("", "", areaAll))
		if gridded {
			buf = append(buf, x.gridID(m.lat, m.lon, 0, 0))
		} else {
			buf = append(buf, x.areaID(c, a, areaProvinceOnly))
		}
		if c != "" {
			buf = append(buf, x.areaID(c, "", areaCountry))
		}
		return buf
	}
	switch {
	case m.soft && m.hasLL && m.rank <= rankTown && !m.ref.PlaceOutlier:
		// A report placed where it was filed from looks up the reports
		// placed near there (a reporter on the spot), not every report
		// of the province nor the others filed from the same city: a
		// capital files hundreds a week, and they find what they report
		// by its words.
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				buf = append(buf, x.gridID(m.lat, m.lon, dx, dy))
			}
		}
		return buf
	case gridded:
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				buf = append(buf, x.gridID(m.lat, m.lon, dx, dy))
			}
		}
		return append(buf, x.areaID(c, a, areaProvinceOnly), x.areaID(c, "", areaProvince), x.areaID("", a, areaProvince), x.areaID("", "", areaProvince))
	case c != "" && a != "":
		return append(buf, x.areaID(c, a, areaProvince), x.areaID(c, "", areaProvince), x.areaID("", a, areaProvince), x.areaID("", "", areaProvince))
	case c != "":
		return append(buf, x.areaID(c, "", areaCountry), x.areaID("", "", areaProvince))
	}
	return append(buf, x.areaID("", "", areaAll))
}

// gridDeg is the side, in degrees, of the cells towns are indexed under:
// more than nearTownKM, so that the cells around a town hold every town
// near enough to be the same place.
const gridDeg = 0.3

// gridID is the place key of the grid cell dx, dy cells from (lat, lon).
func (x *Index) gridID(lat, lon float64, dx, dy int) int32 {
	k := [2]int32{int32(math.Floor(lat/gridDeg)) + int32(dx), int32(math.Floor(lon/gridDeg)) + int32(dy)}
	if id, ok := x.gridIDs[k]; ok {
		return id
	}
	id := x.placeID("g|" + strconv.Itoa(int(k[0])) + "|" + strconv.Itoa(int(k[1])))
	x.gridIDs[k] = id
	return id
}

func weekRange(m *member) (int32, int32) {
	if m.end-m.start > wideDays {
		return wideWeek, wideWeek
	}
	return floorDiv7(m.start - 1), floorDiv7(m.end + 1)
}

// rarest returns up to n of the words, rarest first, leaving out words too
// common to look up by; known keeps only words seen in earlier reports
// (a word no report used cannot find one).
func (x *Index) rarest(terms []int32, n int, known bool) []int32 {
	var buf [maxTerms]int32
	out := buf[:0]
	for _, t := range terms {
		df := x.voc.df[t]
		if known && df == 0 || df > 0 && x.voc.idf(t) < minKeyIDF {
			continue
		}
		out = append(out, t)
	}
	x.voc.byRarity(out)
	if len(out) > n {
		out = out[:n]
	}
	return slices.Clone(out)
}

// termPlace is the place key of a word's blocks ("w|" and the word):
// incidents are indexed by rare word and week in the same blocks as by
// place and week, so that a store keeps both alike. It is remembered by
// the word's number: every report looks its words up, and building the
// key each time cost a string and a map lookup per word and week.
func (x *Index) termPlace(t int32) int32 {
	for int(t) >= len(x.termPlaces) {
		x.termPlaces = append(x.termPlaces, -1)
	}
	if p := x.termPlaces[t]; p >= 0 {
		return p
	}
	p := x.placeID("w|" + x.voc.wordOf(t))
	x.termPlaces[t] = p
	return p
}

// eachTermBlock calls f for every incident indexed under one of m's
// rarest words in the weeks m may refer to: its own, the few days before
// a stated date (a statement about the day before yesterday's attack),
// and for a report stating no date of its own the weeks before it
// (a back-reference: "the hijacking", "since the attack in Pahalgam").
func (x *Index) eachTermBlock(m *member, f func(*incident)) {
	if !m.dated || m.period {
		return
	}
	// near is the first week of the days a report may state a day after
	// its incident's (followDays); a report with no day of its own, or
	// dated by the day it was told, may be about an incident weeks
	// before, but only about a salient one: its words must name it
	// beyond doubt (incidentScore), and only an incident several reports
	// tell is named so. The weeks before near are looked up for those.
	near := floorDiv7(m.start - 1 - followDays)
	w0, w1 := near, floorDiv7(m.end+1)
	if !m.stated || m.newsDay {
		w0 = floorDiv7(m.start - 1 - backDays)
	}
	keys := x.keyBuf[:0]
	for _, t := range x.rarest(m.terms, lookTerms, true) {
		p := x.termPlace(t)
		for w := w0; w <= w1; w++ {
			keys = append(keys, blockKey{p, w})
		}
	}
	x.keyBuf = keys
	x.ensureBlocks(keys)
	var places placeCursor
	found := x.foundBuf[:0]
	for _, k := range keys {
		if l := places.get(&x.blocks, k); len(l) <= maxWordBlock {
			for _, slot := range l {
				if k.week < near && !x.salientSlots[slot] {
					continue
				}
				if inc := x.slots[slot]; inc != nil && inc.stamp != x.stamp {
					found = append(found, inc)
				}
			}
		}
	}
	x.visitFound(found, f)
}

// visitFound calls f for each incident found, in order, and keeps the
// list for the next lookup. The incidents are listed first and visited
// after: a loop that only reads the blocks and each incident's stamp
// waits for many of them from memory at once, where calling f between
// them waited for each in turn. An incident listed twice is visited
// once: f marks those it saw with the current stamp.
func (x *Index) visitFound(found []*incident, f func(*incident)) {
	for _, inc := range found {
		if inc.stamp != x.stamp {
			f(inc)
		}
	}
	clear(found)
	x.foundBuf = found[:0]
}

// maxWordBlock: a word more than this many incidents of one week were
// reported with does not tell which incident a report is of, and looking
// it up would cost as much as all the rest.
const maxWordBlock = 48

// eachBlock calls f for every incident with a member in the blocks m
// looks up, once: f marks those it saw with the current stamp.
func (x *Index) eachBlock(m *member, lookup bool, f func(*incident)) {
	if !lookup || !m.dated {
		return
	}
	x.keyBuf = x.lookupBlocks(m, x.keyBuf[:0])
	x.eachIn(x.keyBuf, f)
}

// lookupBlocks appends the blocks m looks up to keys.
func (x *Index) lookupBlocks(m *member, keys []blockKey) []blockKey {
	var buf [16]int32 // a gridded report looks up 13
	w0, w1 := weekRange(m)
	for _, p := range x.placeKeys(m, false, buf[:0]) {
		for w := w0; w <= w1; w++ {
			keys = append(keys, blockKey{p, w})
		}
		if w0 != wideWeek {
			keys = append(keys, blockKey{p, wideWeek})
		}
	}
	return keys
}

// eachIn calls f for every incident with a member in the blocks that f
// has not seen yet (the current stamp), reading them from the Source
// first.
func (x *Index) eachIn(keys []blockKey, f func(*incident)) {
	x.ensureBlocks(keys)
	var places placeCursor
	found := x.foundBuf[:0]
	for _, k := range keys {
		for _, slot := range places.get(&x.blocks, k) {
			if inc := x.slots[slot]; inc != nil && inc.stamp != x.stamp {
				found = append(found, inc)
			}
		}
	}
	x.visitFound(found, f)
}

// memberBlocks lists the blocks an incident holding m is indexed under:
// by place and week, and by each of the report's keyTerms rarest words
// and week.
func (x *Index) memberBlocks(m *member) []blockKey {
	if !m.dated {
		return nil
	}
	var buf [4 + keyTerms]int32
	places := x.placeKeys(m, true, buf[:0])
	w0, w1 := weekRange(m)
	if w0 != wideWeek {
		for _, t := range m.rare[:min(keyTerms, len(m.rare))] {
			places = append(places, x.termPlace(t))
		}
	}
	// The list is reused: it is read before the next member's.
	out := x.memberBuf[:0]
	for _, p := range places {
		for w := w0; w <= w1; w++ {
			out = append(out, blockKey{p, w})
		}
	}
	x.memberBuf = out[:0]
	return out
}

func (x *Index) indexUnder(inc *incident, m *member) {
	keys := x.memberBlocks(m)
	if inc.blocks == nil {
		// An incident's first report: its blocks in one allocation.
		inc.blocks = make([]blockCount, 0, len(keys))
	}
	if inc.slot == 0 && len(keys) > 0 {
		inc.slot, inc.idx = int32(len(x.slots)), x
		x.slots = append(x.slots, inc)
		x.salientSlots = append(x.salientSlots, salient(inc))
	}
	for _, k := range keys {
		if !inc.addBlock(k) {
			continue
		}
		l := x.blocks.get(k)
		if n := len(l); n > 0 && l[n-1] == inc.slot {
			continue
		}
		// Drop incidents that died since, so blocks do not grow with
		// re-extractions.
		if n := len(l); n > 0 && x.slots[l[n-1]] == nil {
			l = l[:n-1]
		}
		x.blocks.set(k, append(l, inc.slot))
	}
}

// unindex takes a member that leaves out of its incident's block counts.
func (x *Index) unindex(inc *incident, m *member) {
	for _, k := range x.memberBlocks(m) {
		if inc.dropBlock(k) {
			x.unlist(k, inc)
		}
	}
}

// unlist takes an incident out of a block's list: a block lists only
// incidents with a member in it, so that a lookup need not ask each.
func (x *Index) unlist(k blockKey, inc *incident) {
	l := slices.DeleteFunc(x.blocks.get(k), func(o int32) bool { return o == inc.slot })
	if len(l) == 0 {
		x.blocks.del(k)
	} else {
		x.blocks.set(k, l)
	}
}

// Merge joins incident b into incident a, whatever their scores, and
// records the decision so that re-added reports of either stay together.
func (x *Index) Merge(a, b string) (Incident, error) {
	x.mu.Lock()
	x.load([]string{a, b})
	ia, ib := x.resolve(a), x.resolve(b)
	if ia == nil || ib == nil {
		x.mu.Unlock()
		return Incident{}, ErrNoIncident
	}
	if ia == ib {
		defer x.mu.Unlock()
		return ia.snapshot(x.voc), nil
	}
	var keys []string
	for _, m := range append(slices.Clone(ia.members), ib.members...) {
		keys = append(keys, m.ref.Key)
	}
	x.mu.Unlock()
	return x.decide(Decision{Kind: DecisionMerge, Keys: keys})
}

// Split takes one event out of an incident into a new incident of its own,
// and records that it must not rejoin the incident's other events.
func (x *Index) Split(incidentID, eventKey string) (Incident, error) {
	x.mu.Lock()
	x.load([]string{incidentID})
	inc := x.resolve(incidentID)
	if inc == nil {
		x.mu.Unlock()
		return Incident{}, ErrNoIncident
	}
	m := x.byKey[eventKey]
	if m == nil || m.inc != inc {
		x.mu.Unlock()
		return Incident{}, ErrNoEvent
	}
	if len(inc.members) == 1 {
		defer x.mu.Unlock()
		return inc.snapshot(x.voc), nil
	}
	var apart []string
	for _, o := range inc.members {
		if o != m {
			apart = append(apart, o.ref.Key)
		}
	}
	x.mu.Unlock()
	return x.decide(Decision{Kind: DecisionSplit, Keys: []string{eventKey}, Apart: apart})
}

func (x *Index) decide(d Decision) (Incident, error) {
	id, err := x.ApplyDecision(d)
	if err != nil {
		return Incident{}, err
	}
	inc, _ := x.Incident(id)
	return inc, nil
}

// ApplyDecision records a user's decision and moves the reports it names.
// A merge puts the incidents of its keys together in the incident of its
// first key (the others, oldest first, are absorbed into it); a split
// takes its key out of its incident, into a new one, when that incident
// holds reports it must stay apart from. It returns the incident the
// decision's first key is in afterwards, "" when no key is placed.
func (x *Index) ApplyDecision(d Decision) (string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.settle()
	if x.err != nil {
		return "", x.err
	}
	x.ensureKeys(append(slices.Clone(d.Keys), d.Apart...))
	x.apply(d)
	x.log = append(x.log, d)
	if len(d.Keys) == 0 {
		return "", x.err
	}
	switch d.Kind {
	case DecisionMerge:
		var target *incident
		var others []*incident
		for _, k := range d.Keys {
			m := x.byKey[k]
			if m == nil || m.inc == nil {
				continue
			}
			if target == nil {
				target = m.inc
			} else if m.inc != target && !slices.Contains(others, m.inc) {
				others = append(others, m.inc)
			}
		}
		slices.SortFunc(others, bySeq)
		for _, o := range others {
			x.absorb(target, o, "user decision")
		}
	case DecisionSplit:
		m := x.byKey[d.Keys[0]]
		if m == nil || m.inc == nil {
			break
		}
		inc := m.inc
		with := slices.ContainsFunc(inc.members, func(o *member) bool { return o != m && slices.Contains(d.Apart, o.ref.Key) })
		if !with {
			break
		}
		x.leave(inc, m)
		inc.refresh()
		inc.log("user decision: " + m.ref.Key + " split off")
		n := x.open(m)
		n.log("user decision: split from " + inc.id)
	}
	if m := x.byKey[d.Keys[0]]; m != nil && m.inc != nil {
		return m.inc.id, x.err
	}
	return "", x.err
}

// apply records a decision's constraints without moving any event.
func (x *Index) apply(d Decision) {
	switch d.Kind {
	case DecisionMerge:
		x.nextGroup++
		g := x.nextGroup
		set := map[string]struct{}{}
		for _, k := range d.Keys {
			if old, ok := x.group[k]; ok {
				for o := range x.groups[old] {
					set[o] = struct{}{}
				}
				delete(x.groups, old)
			}
			set[k] = struct{}{}
		}
		for k := range set {
			x.group[k] = g
			for o := range set {
				delete(x.apart[k], o)
			}
		}
		x.groups[g] = set
	case DecisionSplit:
		for _, k := range d.Keys {
			if g, ok := x.group[k]; ok {
				delete(x.groups[g], k)
				delete(x.group, k)
			}
			for _, o := range d.Apart {
				x.addApart(k, o)
				x.addApart(o, k)
			}
		}
	}
}

func (x *Index) addApart(a, b string) {
	s := x.apart[a]
	if s == nil {
		s = map[string]struct{}{}
		x.apart[a] = s
	}
	s[b] = struct{}{}
}

// Decisions returns the user decisions taken so far, oldest first, for a
// store to persist.
func (x *Index) Decisions() []Decision {
	x.mu.Lock()
	defer x.mu.Unlock()
	return slices.Clone(x.log)
}

// RestoreDecisions replays persisted decisions. Call it before adding
// documents: it records the constraints but does not move events already
// placed.
func (x *Index) RestoreDecisions(ds []Decision) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, d := range ds {
		x.apply(d)
		x.log = append(x.log, d)
	}
}

// Incident returns a snapshot of one incident.
func (x *Index) Incident(id string) (Incident, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.load([]string{id})
	inc := x.resolve(id)
	if inc == nil {
		return Incident{}, false
	}
	return inc.snapshot(x.voc), true
}

// IncidentOf returns the id of the incident an event key is placed in.
func (x *Index) IncidentOf(eventKey string) (string, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.ensureKeys([]string{eventKey})
	m := x.byKey[eventKey]
	if m == nil || m.inc == nil {
		return "", false
	}
	return m.inc.id, true
}

// Len returns the number of incidents.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.incidents)
}

// Incidents returns snapshots of every incident, ordered by date and id.
func (x *Index) Incidents() []Incident {
	x.mu.Lock()
	out := make([]Incident, 0, len(x.incidents))
	for _, inc := range x.incidents {
		out = append(out, inc.snapshot(x.voc))
	}
	x.mu.Unlock()
	slices.SortFunc(out, func(a, b Incident) int {
		if a.Date.Start != b.Date.Start {
			if a.Date.Start < b.Date.Start {
				return -1
			}
			return 1
		}
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return out
}
