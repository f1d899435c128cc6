package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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

type incident struct {
	id      string
	seq     int // creation order, for deterministic ties
	members []*member
	reasons []string
	union   evidence // perpetrators, targets and tolls of all members
	dead    bool
	stamp   uint64
	// blocks counts, per block, the members indexed under it: an incident
	// is a candidate in a block only while some member is there.
	blocks map[blockKey]int32
	// left lists the keys of reports that left since the last Changes,
	// latest last; into is where the reports of an ended incident went,
	// settled at the end of the call that ended it.
	left []string
	into string
}

type blockKey struct {
	place int32
	week  int32
}

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
	blocks    map[blockKey][]*incident
	placeIDs  map[string]int32
	prev      map[string]*incident // where a re-added document's events were
	stamp     uint64
	seq       int

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
}

// NewIndex returns an empty Index.
func NewIndex() *Index {
	return &Index{
		incidents: map[string]*incident{},
		byKey:     map[string]*member{},
		byDoc:     map[string][]string{},
		blocks:    map[blockKey][]*incident{},
		placeIDs:  map[string]int32{},
		prev:      map[string]*incident{},
		group:     map[string]int{},
		groups:    map[int]map[string]struct{}{},
		apart:     map[string]map[string]struct{}{},
		loaded:    map[blockKey]bool{},
		docsRead:  map[string]bool{},
		keysRead:  map[string]bool{},
		dirty:     map[*incident]bool{},
		gone:      map[string]*incident{},
		absent:    map[string]bool{},
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
// (YYYY-MM-DD, may be empty), and returns one Assignment per event in
// order. Adding a document id again replaces its previous events: they are
// withdrawn from their incidents first, and user decisions about their keys
// are honoured when the new events are placed.
func (x *Index) Add(docID, published string, events []sitrep.Event) []Assignment {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.settle()
	x.removeDoc(docID, true)
	if x.err != nil {
		return nil
	}
	pub, _, hasPub := parseDay(published)
	out := make([]Assignment, 0, len(events))
	keys := make([]string, 0, len(events))
	seen := map[string]bool{}
	for i, ev := range events {
		key := EventKey(docID, i, ev)
		if seen[key] { // two events sharing an id: fall back to the ordinal
			key = docID + "#" + ev.ID + "#" + strconv.Itoa(i)
		}
		seen[key] = true
		keys = append(keys, key)
		ref := EventRef{
			Key: key, DocID: docID, EventID: ev.ID, Published: published,
			Type: ev.Type, Modality: ev.Modality, Suicide: ev.Suicide,
			Date: ev.Date, Place: ev.Place,
			Perpetrators: ev.Perpetrators, Targets: ev.Targets, ClaimedBy: ev.ClaimedBy,
			Killed: ev.Killed, Injured: ev.Injured, Victims: ev.Victims,
		}
		m := newMember(ref, pub, hasPub)
		x.byKey[key] = m
		out = append(out, x.place(m))
		if x.err != nil {
			return nil
		}
	}
	x.byDoc[docID] = keys
	return out
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

// end retires an incident that has no member left.
func (x *Index) end(inc *incident) {
	inc.dead = true
	delete(x.incidents, inc.id)
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
			slices.SortFunc(others, func(a, b *incident) int { return a.seq - b.seq })
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
	type cand struct {
		inc *incident
		s   float64
	}
	var cands []cand
	var seen []*incident
	x.eachBlock(m, true, func(inc *incident) {
		if inc.dead || inc.stamp == x.stamp {
			return
		}
		inc.stamp = x.stamp
		seen = append(seen, inc)
		if x.forbidden(inc, key) {
			return
		}
		s, _, ok := incidentScore(m, inc, &explain{})
		if ok && s >= Threshold {
			cands = append(cands, cand{inc, s})
		}
	})
	if len(cands) == 0 {
		inc := x.open(m)
		x.reconsider(m, seen)
		return Assignment{Key: key, Incident: inc.id, New: true}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.s != b.s {
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return a.inc.seq - b.inc.seq
	})
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
	best, bestScore := cands[0].inc, cands[0].s
	var alts []string
	for _, c := range cands[1:] {
		alts = append(alts, c.inc.id)
	}
	if len(cands) > 1 && bestScore-cands[1].s < AmbiguityMargin {
		// The report fits two incidents about equally well: a wrong merge
		// would mix two incidents' sources and figures, so it stays apart
		// and the alternatives are reported for review.
		inc := x.open(m)
		why := fmt.Sprintf("matches %s (score %.1f) and %s (score %.1f) about equally: kept apart for review",
			best.id, bestScore, cands[1].inc.id, cands[1].s)
		inc.reasons = append(inc.reasons, m.ref.Key+": "+why)
		m.ref.Reasons = []string{why}
		x.reconsider(m, seen)
		return Assignment{Key: key, Incident: inc.id, New: true, Reasons: []string{why}, Alternatives: append([]string{best.id}, alts...)}
	}
	ex := explain{on: true}
	incidentScore(m, best, &ex)
	reasons := ex.reasons
	m.weak = !intersects(m.ev.perps, best.union.perps) && !intersects(m.ev.targets, best.union.targets)
	x.join(best, m, bestScore, reasons)
	x.reconsider(m, seen)
	return Assignment{Key: key, Incident: best.id, Score: bestScore, Reasons: reasons, Alternatives: alts}
}

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
	// Incidents by age and reports by key: the order must not depend on
	// which incidents happened to be in memory.
	slices.SortFunc(seen, func(a, b *incident) int { return a.seq - b.seq })
	for _, j := range seen {
		if j == dst || j.dead || len(j.members) < 2 {
			continue
		}
		members := slices.Clone(j.members)
		slices.SortFunc(members, func(a, b *member) int { return strings.Compare(a.ref.Key, b.ref.Key) })
		for _, o := range members {
			if !o.weak || x.forbidden(dst, o.ref.Key) {
				continue
			}
			if _, pinned := x.group[o.ref.Key]; pinned {
				continue
			}
			sNew, _, ok := incidentScore(o, dst, &explain{})
			if !ok || sNew < Threshold {
				continue
			}
			rest := &incident{union: evidence{killedLo: -1, killedHi: -1}}
			for _, p := range j.members {
				if p != o {
					rest.members = append(rest.members, p)
				}
			}
			rest.refresh()
			sOld, _, okOld := incidentScore(o, rest, &explain{})
			if okOld && sNew-sOld < AmbiguityMargin {
				continue
			}
			x.leave(j, o)
			j.refresh()
			j.reasons = append(j.reasons, fmt.Sprintf("%s moved to %s after %s arrived", o.ref.Key, dst.id, m.ref.Key))
			ex := explain{on: true}
			incidentScore(o, dst, &ex)
			reasons := append([]string{fmt.Sprintf("moved from %s (score there %.1f)", j.id, sOld)}, ex.reasons...)
			o.weak = !intersects(o.ev.perps, dst.union.perps) && !intersects(o.ev.targets, dst.union.targets)
			x.join(dst, o, sNew, reasons)
		}
	}
}

// incidentScore is the best evidence score of m against a member of inc,
// and ok false when any member vetoes: a report must be compatible with
// every report of the incident, which stops chains of vague reports from
// gluing distinct incidents together.
func incidentScore(m *member, inc *incident, ex *explain) (float64, *member, bool) {
	best := -1e9
	var bestM *member
	quiet := explain{}
	for _, o := range inc.members {
		s, veto := baseScore(m, o, &quiet)
		if veto {
			return 0, nil, false
		}
		// Ties go to the smaller key, whatever the members' order.
		if s > best || s == best && bestM != nil && o.ref.Key < bestM.ref.Key {
			best, bestM = s, o
		}
	}
	if bestM == nil {
		return 0, nil, false
	}
	if ex.on {
		ex.add("compared with %s", bestM.ref.Key)
		baseScore(m, bestM, ex)
	}
	return best + actorScore(&m.ev, &inc.union, ex), bestM, true
}

// refresh recomputes the union evidence after members change.
func (inc *incident) refresh() {
	inc.union = evidence{killedLo: -1, killedHi: -1}
	for _, m := range inc.members {
		inc.union.add(m)
	}
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
	id := incidentID(m.ref.Key)
	for n := 2; x.taken(id); n++ {
		id = incidentID(m.ref.Key) + "-" + strconv.Itoa(n)
	}
	inc := &incident{id: id, seq: x.nextSeq(), union: evidence{killedLo: -1, killedHi: -1}}
	x.incidents[id] = inc
	x.join(inc, m, 0, nil)
	return inc
}

// incidentID derives a stable id from the key of the event that opened
// the incident, so re-running the same input yields the same ids.
func incidentID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "inc-" + hex.EncodeToString(sum[:6])
}

func (x *Index) join(inc *incident, m *member, s float64, reasons []string) {
	m.inc = inc
	m.ref.Score = s
	m.ref.Reasons = reasons
	inc.members = append(inc.members, m)
	inc.union.add(m)
	if len(reasons) > 0 {
		inc.reasons = append(inc.reasons, fmt.Sprintf("%s joined (score %.1f): %s", m.ref.Key, s, joinReasons(reasons)))
	}
	x.indexUnder(inc, m)
	x.touch(inc)
}

func joinReasons(r []string) string {
	out := ""
	for i, s := range r {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

// absorb moves every member of src into dst.
func (x *Index) absorb(dst, src *incident, why string) {
	for _, m := range src.members {
		m.inc = dst
		dst.members = append(dst.members, m)
		x.indexUnder(dst, m)
		src.left = append(src.left, m.ref.Key)
	}
	dst.reasons = append(dst.reasons, src.reasons...)
	dst.reasons = append(dst.reasons, fmt.Sprintf("%s merged into %s: %s", src.id, dst.id, why))
	dst.refresh()
	x.touch(dst)
	src.members = nil
	x.end(src)
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

// placeKeys lists the place keys an incident holding m is indexed under
// (index=true) or that m must look up (index=false). Incidents are indexed
// by country|admin1, country|* and *; a report naming a province looks up
// its province and the same country's incidents with no province known; a
// report naming only a country looks at the whole country.
func (x *Index) placeKeys(m *member, index bool, buf []int32) []int32 {
	c, a := m.country, m.admin1
	if m.rank == rankNone {
		c, a = "", ""
	}
	if index {
		buf = append(buf, x.placeID(c+"|"+a), x.placeID("*"))
		if c != "" {
			buf = append(buf, x.placeID(c+"|*"))
		}
		return buf
	}
	switch {
	case c != "" && a != "":
		return append(buf, x.placeID(c+"|"+a), x.placeID(c+"|"), x.placeID("|"+a), x.placeID("|"))
	case c != "":
		return append(buf, x.placeID(c+"|*"), x.placeID("|"))
	}
	return append(buf, x.placeID("*"))
}

func weekRange(m *member) (int32, int32) {
	if m.end-m.start > wideDays {
		return wideWeek, wideWeek
	}
	return floorDiv7(m.start - 1), floorDiv7(m.end + 1)
}

// eachBlock calls f for every incident with a member in the blocks m
// looks up, once: f marks those it saw with the current stamp.
func (x *Index) eachBlock(m *member, lookup bool, f func(*incident)) {
	if !lookup || !m.dated {
		return
	}
	keys := x.lookupBlocks(m, nil)
	x.ensureBlocks(keys)
	for _, k := range keys {
		for _, inc := range x.blocks[k] {
			if inc.stamp != x.stamp && inc.blocks[k] > 0 {
				f(inc)
			}
		}
	}
}

// lookupBlocks appends the blocks m looks up to keys.
func (x *Index) lookupBlocks(m *member, keys []blockKey) []blockKey {
	var buf [4]int32
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

// memberBlocks lists the blocks an incident holding m is indexed under.
func (x *Index) memberBlocks(m *member) []blockKey {
	if !m.dated {
		return nil
	}
	var buf [3]int32
	places := x.placeKeys(m, true, buf[:0])
	w0, w1 := weekRange(m)
	out := make([]blockKey, 0, len(places)*int(w1-w0+1))
	for _, p := range places {
		for w := w0; w <= w1; w++ {
			out = append(out, blockKey{p, w})
		}
	}
	return out
}

func (x *Index) indexUnder(inc *incident, m *member) {
	for _, k := range x.memberBlocks(m) {
		if inc.blocks == nil {
			inc.blocks = map[blockKey]int32{}
		}
		inc.blocks[k]++
		if inc.blocks[k] > 1 {
			continue
		}
		l := x.blocks[k]
		if n := len(l); n > 0 && l[n-1] == inc {
			continue
		}
		// Drop incidents that died since, so blocks do not grow with
		// re-extractions.
		if n := len(l); n > 0 && l[n-1].dead {
			l = l[:n-1]
		}
		x.blocks[k] = append(l, inc)
	}
}

// unindex takes a member that leaves out of its incident's block counts.
func (x *Index) unindex(inc *incident, m *member) {
	for _, k := range x.memberBlocks(m) {
		if inc.blocks[k]--; inc.blocks[k] <= 0 {
			delete(inc.blocks, k)
		}
	}
}

// Merge joins incident b into incident a, whatever their scores, and
// records the decision so that re-added reports of either stay together.
func (x *Index) Merge(a, b string) (Incident, error) {
	x.mu.Lock()
	ia, ib := x.incidents[a], x.incidents[b]
	if ia == nil || ib == nil {
		x.mu.Unlock()
		return Incident{}, ErrNoIncident
	}
	if ia == ib {
		defer x.mu.Unlock()
		return ia.snapshot(), nil
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
	inc := x.incidents[incidentID]
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
		return inc.snapshot(), nil
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
		slices.SortFunc(others, func(a, b *incident) int { return a.seq - b.seq })
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
		inc.reasons = append(inc.reasons, "user decision: "+m.ref.Key+" split off")
		n := x.open(m)
		n.reasons = append(n.reasons, "user decision: split from "+inc.id)
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
	inc := x.incidents[id]
	if inc == nil {
		return Incident{}, false
	}
	return inc.snapshot(), true
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
		out = append(out, inc.snapshot())
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
