package consolidate

import (
	"slices"

	"sitrep"
)

// Prepared is a document made ready to be placed: the work on its text
// that needs nothing of an Index (its words folded for comparison, its
// dateline, the cues that make a sentence's figures a period's). Placing
// is one document at a time; Prepare is safe to run on other goroutines
// while an Index places earlier documents, and this work was a sixth of
// placing a million events.
type Prepared struct {
	doc    Doc
	events []sitrep.Event
	read   []eventText // per event
	text   foldedWords // the document's words, to count how rare each is
}

// eventText is what an event's sentences tell consolidation.
type eventText struct {
	words     foldedWords // its sentences' and actors' words
	cued      bool        // figures, and a statisticCue in a sentence (member.statistic)
	placeSaid bool        // its sentences name its place (mentionsPlace)
	routeEnd  bool        // they name it only as a route's end (routeEnd)
}

// readEvent reads an event's sentences.
func readEvent(ev *sitrep.Event) eventText {
	var r eventText
	r.words.addReport(ev.Evidence, ev.Targets, ev.Perpetrators, ev.ClaimedBy)
	r.cued = cuedStatistic(ev)
	if ev.Place != nil {
		r.placeSaid = mentionsPlace(ev.Evidence, ev.Place.Name)
		r.routeEnd = routeEnd(ev.Evidence, ev.Place.Name)
	}
	return r
}

// foldedWords is a list of folded words (foldInto) in one buffer, in the
// order met: the vocabulary numbers a word new to it in that order.
type foldedWords struct {
	buf  []byte
	ends []int32
}

func (f *foldedWords) add(s string) {
	var tmp [64]byte
	eachWord(s, func(w string) {
		if r := foldInto(tmp[:0], w); len(r) > 0 {
			f.buf = append(f.buf, r...)
			f.ends = append(f.ends, int32(len(f.buf)))
		}
	})
}

// addReport adds the words of a report's sentences and of the names of
// its actors.
func (f *foldedWords) addReport(spans []sitrep.Span, targets, perps, claimedBy []sitrep.ActorRef) {
	for _, sp := range spans {
		f.add(sp.Text)
	}
	for _, l := range [][]sitrep.ActorRef{targets, perps, claimedBy} {
		for _, a := range l {
			f.add(a.Name)
		}
	}
}

// sortedIDs numbers the words and returns each number once, in order.
func (f *foldedWords) sortedIDs(v *vocab) []int32 {
	ids := f.ids(v, nil)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// ids numbers the words, appending to ids.
func (f *foldedWords) ids(v *vocab, ids []int32) []int32 {
	start := int32(0)
	for _, end := range f.ends {
		ids = append(ids, v.foldedID(f.buf[start:end]))
		start = end
	}
	return ids
}

// Prepare readies a document and its events for AddPrepared. It reads
// only its arguments.
func Prepare(d Doc, events []sitrep.Event) *Prepared {
	if d.Dateline == nil && d.Text != "" {
		d.Dateline = Dateline(d.Text)
	}
	p := &Prepared{doc: d, events: events, read: make([]eventText, len(events))}
	for i := range events {
		p.read[i] = readEvent(&events[i])
	}
	// Folded words are no longer than the text: one allocation each.
	p.text.buf = make([]byte, 0, len(d.Text))
	p.text.ends = make([]int32, 0, len(d.Text)/8)
	p.text.add(d.Text)
	return p
}

// cuedStatistic reports whether an event has figures and a sentence of it
// a statisticCue (member.statistic).
func cuedStatistic(ev *sitrep.Event) bool {
	if ev.Killed == nil && ev.Injured == nil && ev.Victims == nil {
		return false
	}
	return slices.ContainsFunc(ev.Evidence, func(sp sitrep.Span) bool { return statisticCue(sp.Text) })
}

// Preparer prepares documents on a goroutine of its own, in order, a
// batch ahead of the caller that places them: placing is one document at
// a time, preparing is not. Handing over one document at a time woke the
// other goroutine for each and cost more than it saved.
type Preparer struct {
	batches chan []*Prepared
	stop    chan struct{}
	batch   []*Prepared
}

// prepareBatch is how many documents a Preparer hands over at once.
const prepareBatch = 256

// PrepareAhead starts preparing the n documents doc(0) … doc(n-1), which
// it calls from its own goroutine. Next returns them in order; Close
// stops early.
func PrepareAhead(n int, doc func(i int) (Doc, []sitrep.Event)) *Preparer {
	p := &Preparer{batches: make(chan []*Prepared, 2), stop: make(chan struct{})}
	go func() {
		defer close(p.batches)
		for lo := 0; lo < n; lo += prepareBatch {
			select {
			case <-p.stop:
				return
			default:
			}
			b := make([]*Prepared, min(prepareBatch, n-lo))
			for i := range b {
				b[i] = Prepare(doc(lo + i))
			}
			select {
			case p.batches <- b:
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

// Next returns the next document prepared, nil after the last.
func (p *Preparer) Next() *Prepared {
	if len(p.batch) == 0 {
		p.batch = <-p.batches
		if len(p.batch) == 0 {
			return nil
		}
	}
	d := p.batch[0]
	p.batch[0] = nil // placed, its text is garbage
	p.batch = p.batch[1:]
	return d
}

// Close stops preparing: the documents not taken yet are dropped.
func (p *Preparer) Close() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
}
