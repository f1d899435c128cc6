package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"sitrep"
	"sitrep/internal/gazetteer"
	"sitrep/internal/timex"
)

// result renders the working state as the sitrep/v1 result.
func (d *docState) result() *sitrep.Result {
	res := &sitrep.Result{Schema: sitrep.Schema, Document: sitrep.Info(d.rd.Doc),
		Events: []sitrep.Event{}, Claims: []sitrep.Claim{}, Actors: []sitrep.Actor{}, Places: []sitrep.Place{}}
	ids := map[*event]string{}
	for i, e := range d.events {
		id := fmt.Sprintf("E%d", i+1)
		ids[e] = id
		ev := sitrep.Event{ID: id, Type: e.typ, Suicide: e.suicide, Modality: e.modality,
			Date: outDate(e.date), Place: outPlace(e.place),
			Perpetrators: refs(e.perps), Targets: refs(targetsNamed(e.targets)), ClaimedBy: refs(e.claimed),
			Killed: outCount(e.killed), Injured: outCount(e.injured), Victims: outCount(e.victims),
			Evidence: d.evidence(e.sents)}
		if e.reportedBy != nil {
			r := e.reportedBy.ActorRef
			ev.ReportedBy = &r
		}
		res.Events = append(res.Events, ev)
	}
	for i, c := range d.claims {
		cl := sitrep.Claim{ID: fmt.Sprintf("C%d", i+1), Speaker: d.named(c.speaker.ActorRef), Cue: c.cue, Kind: sitrep.Indirect,
			Text: d.text[c.from:c.to], Relation: d.namedRelation(c.relation(ids)), Evidence: d.evidence(c.sents)}
		if c.direct {
			cl.Kind = sitrep.Direct
		}
		res.Claims = append(res.Claims, cl)
	}
	// every actor an event or claim refers to is listed
	for _, e := range d.events {
		for _, rs := range [][]ref{e.perps, e.targets, e.claimed} {
			for _, r := range rs {
				d.note(r, "")
			}
		}
		if e.reportedBy != nil {
			d.note(*e.reportedBy, "")
		}
	}
	for _, c := range d.claims {
		d.note(c.speaker, "")
		for _, r := range c.refs {
			d.note(r, "")
		}
	}
	d.noteDescribedActors()
	res.Actors = d.outActors()
	res.Places = d.outPlaces()
	return res
}

func (d *docState) evidence(sents []int) []sitrep.Span {
	ss := append([]int(nil), sents...)
	sort.Ints(ss)
	var out []sitrep.Span
	for i, si := range ss {
		if i > 0 && ss[i-1] == si {
			continue
		}
		s := d.rd.Sentences[si]
		start, end := d.shy.start(s.Start), d.shy.end(s.End)
		out = append(out, sitrep.Span{Start: start, End: end, Text: d.source[start:end]})
	}
	return out
}

func refs(rs []ref) []sitrep.ActorRef {
	out := make([]sitrep.ActorRef, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.ActorRef)
	}
	return out
}

// targetsNamed drops targets read from words that name no one: a pronoun,
// a time, an act or a means ("them", "the spot", "the night", "the
// operation", "social media", "gunpoint"), left over where a phrase reader
// took the wrong words, and trims what a phrase reader carried past a
// target's name: a time ("the checkpost late", "Sharea Faisal two days
// ago") or the participle of the clause that follows ("terrorists
// attempting", "the couple dead").
func targetsNamed(rs []ref) []ref {
	out := rs[:0:0]
	for _, r := range rs {
		r.Name = trimTarget(r.Name)
		f := strings.Fields(strings.ToLower(r.Name))
		if len(f) == 0 || unnamedHeads[strings.Trim(f[len(f)-1], ".,;:\"'’”")] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// trimTarget takes trailing times and clause participles off a target's
// name while a name is left ("the injured" stays).
func trimTarget(full string) string {
	name := full
	for {
		i := strings.LastIndexByte(name, ' ')
		if i <= 0 {
			return name
		}
		w := strings.ToLower(strings.Trim(name[i+1:], ".,;:\"'’”"))
		switch {
		case trailingTimes[w]:
			name = strings.TrimRight(name[:i], " ")
			// "two days ago", "three hours later": the span goes too
			if j := strings.LastIndexByte(name, ' '); (w == "ago" || w == "later" || w == "earlier") && j > 0 && timeUnits[strings.ToLower(name[j+1:])] {
				name = strings.TrimRight(name[:j], " ")
				if k := strings.LastIndexByte(name, ' '); k > 0 && isCountWord(name[k+1:]) {
					name = strings.TrimRight(name[:k], " ")
				}
			}
		case trailingParticiples[w]:
			name = strings.TrimRight(name[:i], " ")
		default:
			return name
		}
		last := name[strings.LastIndexByte(name, ' ')+1:]
		if l := strings.ToLower(last); determiners[l] || npStop[l] || l == "of" || l == "and" || l == "" {
			return full
		}
	}
}

// isCountWord reports a figure written in digits or as a small number word.
func isCountWord(w string) bool {
	w = strings.ToLower(w)
	if w != "" && strings.Trim(w, "0123456789,") == "" {
		return true
	}
	return countWordsSet[w] || w == "a" || w == "few"
}

// unnamedHeads end target phrases that name no one.
var unnamedHeads = wordSet("them|they|him|her|it|us|he|she|we|himself|herself|themselves|spot|scene|night|day|morning|evening|eve|" +
	"overnight|week|weekend|month|year|summer|winter|time|times|hours|way|operation|operations|engagements|attack|attacks|" +
	"incident|incidents|injuries|casualties|fire|firing|exchange|belonging|involved|linked|x|media|gunpoint|terrorism|peace|" +
	"remand|custody|information|action|search|duty|war|conflict|aggression|activities|crimes|killings|cases|places|" +
	"locations|protest|protests|demonstration|conference|more|down")

// trailingTimes end a phrase with when something happened, not whom it hit.
var trailingTimes = wordSet("late|early|today|tonight|yesterday|ago|later|earlier|overnight")

// timeUnits are the spans of "two days ago".
var timeUnits = wordSet("minutes|hours|days|weeks|months|years|minute|hour|day|week|month|year")

// trailingParticiples open the clause after a target ("militants
// trying to cross", "four men dead", "two labourers hailing from").
var trailingParticiples = wordSet("dead|trying|attempting|managed|travelling|traveling|waiting|operating|hailing|returning|" +
	"affiliated|gathered|came|arrested|abducted|detained|killed|injured|wounded")

func outCount(c countVal) *sitrep.Count {
	if !c.set() {
		return nil
	}
	c.normalise()
	return &sitrep.Count{Low: optInt(c.low), Best: optInt(c.best), High: optInt(c.high), Text: c.text}
}

func optInt(v int) *int {
	if v < 0 {
		return nil
	}
	return &v
}

// outDate expands a resolved value to the days it covers.
func outDate(m *timex.Mention) *sitrep.Date {
	if m == nil || m.Value == "" {
		return nil
	}
	start, _ := bounds(m.Value)
	end := m.EndValue
	if end == "" {
		end = m.Value
	}
	_, last := bounds(end)
	return &sitrep.Date{Start: start, End: last, Precision: m.Precision, Text: m.Text}
}

// bounds gives the first and last day of YYYY, YYYY-MM or YYYY-MM-DD.
func bounds(v string) (string, string) {
	switch len(v) {
	case 4:
		return v + "-01-01", v + "-12-31"
	case 7:
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return v, v
		}
		return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return v, v
}

func outPlace(p *placeVal) *sitrep.Place {
	if p == nil {
		return nil
	}
	out := &sitrep.Place{Name: p.name, Precision: p.precision}
	if p.located {
		e := p.entry
		lat, lon := e.Lat, e.Lon
		out.Lat, out.Lon = &lat, &lon
		out.Country = e.Country
		out.Admin1 = e.Admin1
		if e.Kind == gazetteer.Admin1 {
			out.Admin1 = e.Name
		}
		if (e.Kind == gazetteer.Admin1 || e.Kind == gazetteer.Country) && abbreviation(p.name) {
			// "US", "U.S.", "KP": a country or province by the gazetteer's
			// name, so that one place is listed and mapped under one name
			out.Name = e.Name
		}
		if out.Name == e.Name {
			out.GeonamesID = e.ID
		}
	}
	return out
}

// abbreviation reports a short name in capitals, with or without stops:
// "US", "U.S.", "KP", "UAE".
func abbreviation(name string) bool {
	letters := 0
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 4
}

// outActors lists every actor the document names or the extraction refers to.
func (d *docState) outActors() []sitrep.Actor {
	counts := map[string]int{}
	for _, m := range d.rd.Actors {
		r := d.mentionRef(m)
		counts[r.ID]++
	}
	out := make([]sitrep.Actor, 0, len(d.order))
	for _, id := range d.order {
		a := d.actors[id]
		aliases := a.aliases
		if aliases == nil {
			aliases = []string{}
		}
		n := counts[id]
		if n == 0 {
			n = 1
		}
		typ := a.typ
		if typ == "" {
			typ = sitrep.Organisation
		}
		if _, known := d.x.kb.Get(id); !known && !listable(a.ref.Name, typ) {
			continue // a fragment, a pronoun or a thing, not an actor
		}
		out = append(out, sitrep.Actor{ID: id, Name: listName(a.ref.Name), Type: typ, Country: a.country, Aliases: aliases, Mentions: n})
	}
	return out
}

// outPlaces lists the places mentioned, one entry per gazetteer entry.
func (d *docState) outPlaces() []sitrep.Place {
	idx := map[int]int{}
	var out []sitrep.Place
	for _, p := range d.rd.Places {
		if p.Demonym {
			continue
		}
		if i, ok := idx[p.Entry.ID]; ok && p.Entry.ID != 0 {
			out[i].Mentions++
			continue
		}
		pl := outPlace(&placeVal{name: p.Entry.Name, entry: p.Entry, precision: p.Entry.Kind.Precision(), located: true})
		pl.Mentions = 1
		idx[p.Entry.ID] = len(out)
		out = append(out, *pl)
	}
	for _, e := range d.events {
		if e.place != nil && (!e.place.located || e.place.name != e.place.entry.Name) {
			pl := outPlace(e.place)
			pl.Mentions = 1
			out = append(out, *pl)
		}
	}
	if out == nil {
		out = []sitrep.Place{}
	}
	return out
}
