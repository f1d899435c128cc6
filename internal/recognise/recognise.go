// Package recognise reads a document once with every reader (sentences,
// quotes, dates, numbers) and recogniser (actors, places) and keeps what they
// found side by side, so extraction can ask "what is in this sentence".
package recognise

import (
	"sort"
	"time"

	"sitrep"
	"sitrep/internal/actors"
	"sitrep/internal/gazetteer"
	"sitrep/internal/numbers"
	"sitrep/internal/text"
	"sitrep/internal/timex"
)

// Recogniser holds the knowledge used to recognise actors and places.
// It is safe for concurrent use.
type Recogniser struct {
	KB  *actors.KB
	Gaz *gazetteer.Gazetteer
}

// Reading is everything recognised in one document, in text order.
type Reading struct {
	Doc       sitrep.Document
	Text      string
	AllCaps   bool
	Published time.Time // zero when unknown
	Sentences []Sentence
	Quotes    []text.Quote
	Dates     []timex.Mention
	Numbers   []numbers.Number
	Actors    []actors.Mention
	Places    []gazetteer.Mention // toponyms that name places (not inside an actor's name or a date)
	Toponyms  []gazetteer.Mention // every toponym recognised, for annotate
}

// Sentence is a sentence with its tokens and the index ranges of the
// mentions that fall inside it ([lo, hi) into the Reading's slices).
type Sentence struct {
	text.Sentence
	Tokens               []text.Token
	Dates, Numbers       [2]int
	Actors, Places       [2]int
	Quote                int // index of a speech quote overlapping the sentence, or -1
	InQuote, OpensQuote  bool
	Para, IndexInParagph int
}

// Read recognises everything in doc.
func (r *Recogniser) Read(doc sitrep.Document) *Reading {
	rd := &Reading{Doc: doc, Text: doc.Text, AllCaps: text.IsAllCaps(doc.Text)}
	if doc.Published != "" {
		if t, err := time.Parse("2006-01-02", doc.Published); err == nil {
			rd.Published = t
		}
	}
	s := doc.Text
	rd.Quotes = text.Quotes(s)
	rd.Dates = timex.Find(s, rd.Published)
	rd.Numbers = numbers.Find(s)
	rd.Toponyms = r.Gaz.Find(s)
	rd.Places = placesOutsideNames(rd.Toponyms)
	rd.Actors = resolveOverlaps(r.KB.Find(s), rd.Places)
	rd.Places = PlacesOutsideActors(rd.Places, rd.Actors)
	rd.Places = placesOutsideDates(rd.Places, rd.Dates)
	rd.Numbers = dropInside(rd.Numbers, rd.Dates)

	sents := text.Sentences(s)
	rd.Sentences = make([]Sentence, len(sents))
	var di, ni, ai, pi int
	lastPara, idx := -1, 0
	for i, x := range sents {
		if x.Para != lastPara {
			lastPara, idx = x.Para, 0
		}
		st := Sentence{Sentence: x, Tokens: text.Tokenize(s, x.Start, x.End), Quote: -1, Para: x.Para, IndexInParagph: idx}
		idx++
		di, st.Dates = span(di, len(rd.Dates), x, func(k int) (int, int) { return rd.Dates[k].Start, rd.Dates[k].End })
		ni, st.Numbers = span(ni, len(rd.Numbers), x, func(k int) (int, int) { return rd.Numbers[k].Start, rd.Numbers[k].End })
		ai, st.Actors = span(ai, len(rd.Actors), x, func(k int) (int, int) { return rd.Actors[k].Start, rd.Actors[k].End })
		pi, st.Places = span(pi, len(rd.Places), x, func(k int) (int, int) { return rd.Places[k].Start, rd.Places[k].End })
		for qi, q := range rd.Quotes {
			if !q.Speech() || q.End <= x.Start || q.Start >= x.End {
				continue
			}
			st.Quote = qi
			// Wholly inside the quote: only quote marks, spaces and the
			// closing stop lie outside it (a curly mark is three bytes).
			st.InQuote = (q.Start <= x.Start || marksOnly(s[x.Start:q.Start])) && (q.End >= x.End || marksOnly(s[q.End:x.End]))
			st.OpensQuote = q.Start >= x.Start
			break
		}
		rd.Sentences[i] = st
	}
	return rd
}

// marksOnly reports text of quote marks, spaces and sentence stops only.
func marksOnly(t string) bool {
	for _, r := range t {
		switch r {
		case '"', '“', '”', '‘', '’', '\'', ' ', '.', ',', '!', '?', '\n', '\u00a0':
		default:
			return false
		}
	}
	return true
}

// span advances over mentions (sorted by start) and returns the range of
// those starting inside sentence x.
func span(from, n int, x text.Sentence, at func(int) (int, int)) (int, [2]int) {
	for from < n {
		st, _ := at(from)
		if st >= x.Start {
			break
		}
		from++
	}
	lo := from
	for from < n {
		st, _ := at(from)
		if st >= x.End {
			break
		}
		from++
	}
	return from, [2]int{lo, from}
}

// resolveOverlaps drops actor mentions that are only a place name and keeps
// actor names that contain a place ("Balochistan National Party" keeps the
// party; the place inside it is not a place mention of the text).
func resolveOverlaps(as []actors.Mention, ps []gazetteer.Mention) []actors.Mention {
	out := as[:0]
	for _, a := range as {
		if a.Known || a.Type == sitrep.Country {
			out = append(out, a)
			continue
		}
		// an unknown "name" that is exactly a toponym is the place
		drop := false
		for _, p := range ps {
			if p.Start == a.Start && p.End == a.End {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, a)
		}
	}
	return out
}

// PlacesOutsideActors removes place mentions that lie inside an actor name,
// and those that are exactly the name of a known actor other than a
// country ("Taliban" is not a village in Turkey, "Red Cross" not a town).
func PlacesOutsideActors(ps []gazetteer.Mention, as []actors.Mention) []gazetteer.Mention {
	out := make([]gazetteer.Mention, 0, len(ps))
	for _, p := range ps {
		inside := false
		for _, a := range as {
			if a.Start <= p.Start && a.End >= p.End && (a.End-a.Start > p.End-p.Start || a.Known && a.Type != sitrep.Country && !p.Demonym && p.Entry.Kind != gazetteer.Country && p.Entry.Kind != gazetteer.Admin1) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, p)
		}
	}
	return out
}

// placesOutsideNames drops the toponyms that begin an organisation's or
// an office's name ("Georgia Bureau of Investigation"): annotate reports
// them, but nothing in the text happens there.
func placesOutsideNames(ps []gazetteer.Mention) []gazetteer.Mention {
	out := make([]gazetteer.Mention, 0, len(ps))
	for _, p := range ps {
		if !p.InName {
			out = append(out, p)
		}
	}
	return out
}

// placesOutsideDates drops toponyms that are part of a date ("March 10"
// is not the English town of March).
func placesOutsideDates(ps []gazetteer.Mention, ds []timex.Mention) []gazetteer.Mention {
	if len(ds) == 0 {
		return ps
	}
	out := make([]gazetteer.Mention, 0, len(ps))
	for _, p := range ps {
		k := sort.Search(len(ds), func(i int) bool { return ds[i].End > p.Start })
		if k < len(ds) && ds[k].Start < p.End {
			continue
		}
		out = append(out, p)
	}
	return out
}

// dropInside removes numbers that are part of a date ("12 November").
func dropInside(ns []numbers.Number, ds []timex.Mention) []numbers.Number {
	if len(ds) == 0 {
		return ns
	}
	out := ns[:0]
	for _, n := range ns {
		k := sort.Search(len(ds), func(i int) bool { return ds[i].End > n.Start })
		if k < len(ds) && ds[k].Start < n.End {
			continue
		}
		out = append(out, n)
	}
	return out
}

// Annotation renders the reading as `sitrep annotate` output.
func (rd *Reading) Annotation() *sitrep.Annotation {
	a := &sitrep.Annotation{Schema: sitrep.AnnotateSchema, Document: sitrep.Info(rd.Doc),
		Dates: []sitrep.DateMention{}, Numbers: []sitrep.NumberMention{}, Actors: []sitrep.ActorMention{}, Places: []sitrep.PlaceMention{}}
	for _, d := range rd.Dates {
		a.Dates = append(a.Dates, sitrep.DateMention{Start: d.Start, End: d.End, Text: d.Text, Value: d.Value, Precision: d.Precision})
	}
	for _, n := range rd.Numbers {
		a.Numbers = append(a.Numbers, sitrep.NumberMention{Start: n.Start, End: n.End, Text: n.Text, Low: opt(n.Low), Best: opt(n.Best), High: opt(n.High)})
	}
	for _, m := range rd.Actors {
		a.Actors = append(a.Actors, sitrep.ActorMention{Start: m.Start, End: m.End, Text: m.Text, ID: m.ID})
	}
	for _, p := range placesOutsideDates(rd.Toponyms, rd.Dates) {
		lat, lon := p.Entry.Lat, p.Entry.Lon
		a.Places = append(a.Places, sitrep.PlaceMention{Start: p.Start, End: p.End, Text: p.Text, Name: p.Entry.Name,
			Lat: &lat, Lon: &lon, GeonamesID: p.Entry.ID, Precision: p.Entry.Kind.Precision()})
	}
	return a
}

func opt(v int) *int {
	if v < 0 {
		return nil
	}
	return &v
}
