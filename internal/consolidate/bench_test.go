package consolidate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"sitrep"
)

type synthDoc struct {
	id, published string
	events        []sitrep.Event
	gold          []string
}

// synthCorpus generates n events over two years and about 200 places in
// ten provinces, about 30% of them further reports of an incident already
// reported, with the variation of the hand-built corpus: dates a day off
// or only the month, provinces instead of towns, missing actors, rising
// tolls. Events are grouped into documents in publication order.
func synthCorpus(n int, seed uint64) []synthDoc {
	rng := rand.New(rand.NewPCG(seed, 7))
	type place struct {
		name, admin1 string
		lat, lon     float64
	}
	places := make([]place, 200)
	for i := range places {
		p := i % 10
		places[i] = place{
			name:   fmt.Sprintf("Town%03d", i),
			admin1: fmt.Sprintf("Province%d", p),
			lat:    20 + float64(p)*2 + rng.Float64()*1.8,
			lon:    60 + float64(p)*2 + rng.Float64()*1.8,
		}
	}
	types := []string{sitrep.Bombing, sitrep.Bombing, sitrep.ArmedAttack, sitrep.ArmedAttack, sitrep.ArmedAttack,
		sitrep.Assassination, sitrep.Clash, sitrep.Abduction, sitrep.Abduction, sitrep.Arrest, sitrep.Protest, sitrep.MassGrave}
	start, _, _ := parseDay("2023-01-01")
	type rep struct {
		gold string
		ev   sitrep.Event
		pub  int32
	}
	reps := make([]rep, 0, n)
	inc := 0
	for len(reps) < n {
		inc++
		gold := fmt.Sprintf("g%06d", inc)
		pl := places[rng.IntN(len(places))]
		typ := types[rng.IntN(len(types))]
		day := start + int32(rng.IntN(730))
		target := fmt.Sprintf("target%d", rng.IntN(400))
		perp := fmt.Sprintf("group%d", rng.IntN(25))
		killed := rng.IntN(12)
		// About 30% of all events are further reports: 70% of incidents
		// have one report, the rest two to five.
		k := 1
		if rng.Float64() < 0.22 {
			k = 2 + rng.IntN(4)
		}
		for r := 0; r < k && len(reps) < n; r++ {
			ev := sitrep.Event{ID: "e", Type: typ, Modality: sitrep.Asserted}
			d := day
			date := &sitrep.Date{Precision: sitrep.PrecisionDay}
			lag := int32(1 + rng.IntN(3))
			switch x := rng.IntN(20); {
			case r > 0 && x < 3:
				d++
			case r > 0 && x < 5:
				date.Precision = sitrep.PrecisionMonth
				lag += 5
			}
			if date.Precision == sitrep.PrecisionMonth {
				y, m, _ := civilFromDays(d)
				date.Start = fmt.Sprintf("%04d-%02d-01", y, m)
				date.End = formatDay(daysFromCivil(y, m, monthLen(y, m)))
			} else {
				date.Start, date.End = formatDay(d), formatDay(d)
			}
			ev.Date = date
			if r > 0 && rng.IntN(7) == 0 {
				ev.Place = &sitrep.Place{Name: pl.admin1, Admin1: pl.admin1, Country: "XA", Precision: sitrep.PlaceProvince}
			} else {
				ev.Place = &sitrep.Place{Name: pl.name, Admin1: pl.admin1, Country: "XA", Lat: pf(pl.lat), Lon: pf(pl.lon), Precision: sitrep.PlaceTown}
			}
			if rng.IntN(10) < 5 {
				ev.Perpetrators = []sitrep.ActorRef{{ID: perp, Name: perp}}
			}
			if rng.IntN(10) < 8 {
				ev.Targets = []sitrep.ActorRef{{ID: target, Name: target}}
			}
			if rng.IntN(4) > 0 {
				kk := killed + rng.IntN(killed/3+1)
				ev.Killed = &sitrep.Count{Low: ip(kk), Best: ip(kk), High: ip(kk), Text: fmt.Sprint(kk)}
			}
			reps = append(reps, rep{gold, ev, d + lag})
		}
	}
	slices.SortStableFunc(reps, func(a, b rep) int { return int(a.pub - b.pub) })
	var docs []synthDoc
	for i := 0; i < len(reps); {
		k := 1 + rng.IntN(3)
		doc := synthDoc{id: fmt.Sprintf("d%06d", len(docs)), published: formatDay(reps[i].pub)}
		// One document reports one incident once: a round-up never carries
		// two reports of the same incident.
		for j := 0; j < k && i < len(reps) && !slices.Contains(doc.gold, reps[i].gold); j++ {
			ev := reps[i].ev
			ev.ID = fmt.Sprintf("e%d", j)
			doc.events = append(doc.events, ev)
			doc.gold = append(doc.gold, reps[i].gold)
			i++
		}
		docs = append(docs, doc)
	}
	return docs
}

func consolidateSynth(docs []synthDoc) *Index {
	x := NewIndex()
	for _, d := range docs {
		x.Add(d.id, d.published, d.events)
	}
	return x
}

func synthScores(x *Index, docs []synthDoc) (p, r float64) {
	pred, gold := map[string]string{}, map[string]string{}
	for _, d := range docs {
		for i, ev := range d.events {
			k := EventKey(d.id, i, ev)
			pred[k], _ = x.IncidentOf(k)
			gold[k] = d.gold[i]
		}
	}
	p, r, _, _, _ = pairScores(pred, gold)
	return p, r
}

func BenchmarkConsolidate100k(b *testing.B) {
	docs := synthCorpus(100_000, 1)
	b.ResetTimer()
	var x *Index
	for b.Loop() {
		x = consolidateSynth(docs)
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "events/s")
	b.StopTimer()
	p, r := synthScores(x, docs)
	b.Logf("100k events, %d documents -> %d incidents; pairwise precision %.3f recall %.3f", len(docs), x.Len(), p, r)
}

// TestConsolidate100k guards the performance target outside benchmarks:
// 100,000 events must consolidate well under a minute (the limit here is
// generous because the race detector slows everything ~10x).
func TestConsolidate100k(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	n := 100_000
	if raceEnabled {
		n = 20_000
	}
	docs := synthCorpus(n, 2)
	t0 := time.Now()
	x := consolidateSynth(docs)
	el := time.Since(t0)
	p, r := synthScores(x, docs)
	t.Logf("%d events -> %d incidents in %v (%.0f events/s); pairwise precision %.3f recall %.3f", n, x.Len(), el, float64(n)/el.Seconds(), p, r)
	if el > 60*time.Second {
		t.Errorf("took %v", el)
	}
}
