// Package synth makes up news reports for tests that need many documents
// whose events consolidation joins, splits and reconsiders as it does
// real news: several reports of each incident, filed out of order, from
// the town, the province or elsewhere, some of them an arrest or a
// protest that an attack reported later turns into a follow-up. Every
// sentence is a template of this package; the places and groups are real
// names the gazetteer and the actor list know.
package synth

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Doc is one report, as 'sitrep ingest' reads it from JSON Lines.
type Doc struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Outlet    string `json:"source"`
	Text      string `json:"text"`
}

type place struct{ town, province, country string }

var (
	places = []place{
		{"Quetta", "Balochistan", "Pakistan"}, {"Turbat", "Balochistan", "Pakistan"}, {"Khuzdar", "Balochistan", "Pakistan"},
		{"Mastung", "Balochistan", "Pakistan"}, {"Bannu", "Khyber Pakhtunkhwa", "Pakistan"}, {"Kohat", "Khyber Pakhtunkhwa", "Pakistan"},
		{"Peshawar", "Khyber Pakhtunkhwa", "Pakistan"}, {"Maiduguri", "Borno", "Nigeria"}, {"Gao", "Gao", "Mali"}, {"Kandahar", "Kandahar", "Afghanistan"},
	}
	groups  = []string{"the Baloch Liberation Army", "Tehreek-e-Taliban Pakistan", "Boko Haram", "the Islamic State"}
	sites   = []string{"Zarghun", "Sariab", "Kalat", "Harnai", "Loralai", "Dalbandin", "Nushki", "Pishin", "Sorab", "Wadh", "Chaman", "Kachhi"}
	things  = []string{"market", "school", "checkpoint", "bus station", "mosque", "police station"}
	outlets = []string{"Dawn", "APP", "Reuters"}
)

// News returns n reports of made-up incidents, in a random order that the
// seed fixes.
func News(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	var out []Doc
	for inc := 0; len(out) < n; inc++ {
		p, other := places[rng.IntN(len(places))], places[rng.IntN(len(places))]
		day := start.AddDate(0, 0, rng.IntN(120))
		wd := day.Weekday()
		site := sites[rng.IntN(len(sites))] + " " + things[rng.IntN(len(things))]
		group := groups[rng.IntN(len(groups))]
		held, killed := 2+rng.IntN(6), 2+rng.IntN(20)
		reports := []string{
			fmt.Sprintf("Police arrested %d students of the %s in %s on %s, their families said.", held, site, p.town, wd),
			fmt.Sprintf("Gunmen abducted %d students of the %s in %s on %s, the students' families said. The %s is near %s.", held, site, p.province, wd, site, p.town),
			fmt.Sprintf("Security forces detained %d students of the %s on %s, relatives told reporters in %s.", held, site, wd, other.town),
			fmt.Sprintf("Students protested in %s on %s against the abduction of their classmates from the %s in %s.", p.province, wd, site, p.town),
			fmt.Sprintf("A bomb killed %d people at the %s in %s on %s. %s claimed the attack.", killed, site, p.town, wd, group),
			fmt.Sprintf("Gunmen attacked the %s in %s on %s, killing %d people, police in %s said.", site, p.province, wd, killed+rng.IntN(3), p.town),
			fmt.Sprintf("The government of %s condemned the attack on the %s in %s on %s, in which %d people were killed.", p.country, site, p.town, wd, killed),
			fmt.Sprintf("Mourners buried the victims of the %s bombing in %s on %s. %s has threatened more attacks in %s.", site, p.province, wd, group, p.country),
		}
		for _, j := range rng.Perm(len(reports))[:2+rng.IntN(len(reports)-1)] {
			out = append(out, Doc{ID: fmt.Sprintf("synth-%d-%d", inc, j), Published: day.AddDate(0, 0, rng.IntN(3)).Format("2006-01-02"),
				Outlet: outlets[rng.IntN(len(outlets))], Text: reports[j]})
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:n]
}

// WriteJSONL writes docs one JSON object a line.
func WriteJSONL(w io.Writer, docs []Doc) error {
	enc := json.NewEncoder(w)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}
