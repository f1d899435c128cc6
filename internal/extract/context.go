package extract

import (
	"sitrep"
)

// Words that look like incidents in news that reports none: floods and
// road accidents that kill, a football "attack", a tennis "clash", an
// "attack" a country has not ruled out, an "arrest" a minister orders, a
// meeting of a mayor with traders. outOfScope filters them.

// disasterWords mark deaths and losses that no one inflicted.
var disasterWords = wordSet("flood|floods|flooding|flash|rains|rain|rainfall|monsoon|earthquake|quake|landslide|landslides|" +
	"avalanche|avalanches|storm|storms|cyclone|hurricane|typhoon|heatwave|accident|accidents|collision|collided|crash|crashed|" +
	"capsized|capsizing|drowned|drowning|blaze|cylinder|leak|short-circuit|stampede|collapsed|collapse|lightning|electrocuted|" +
	"dengue|cholera|virus|outbreak|epidemic|tanker|overturned|derailed|derailment|snowfall|glacier|wildfire|wildfires|" +
	"boiler|mine-collapse|smog|hailstorm|tornado|tsunami|volcano|mudslide|cloudburst|overdose|poisoning|suicide-note")

// violenceWords mark that someone inflicted it after all.
var violenceWords = wordSet("gunmen|gunman|militants|militant|terrorists|terrorist|insurgents|bomb|bombing|suicide|" +
	"attackers|assailants|shot|shooting|gunfire|grenade|ied|explosive|explosives|kidnapped|abducted|rebels|troops|army|police|" +
	"airstrike|airstrikes|missile|missiles|drone|shelling|massacre|murdered|militia|jihadists|soldiers")

// sportWords mark a report on sport, where teams attack, clash and strike.
var sportWords = wordSet("match|matches|tournament|innings|wicket|wickets|batsman|batter|bowler|bowling|seed|semi-final|" +
	"quarter-final|semifinal|quarterfinal|championship|league|trophy|goal|goals|striker|midfielder|defender|goalkeeper|" +
	"olympic|olympics|medal|medals|grand|slam|cricket|football|hockey|tennis|squash|boxing|fixture|runs|overs|t20|odi|test|" +
	"wrestling|athletics|marathon|kabaddi|snooker|polo|golf|rugby|badminton|volleyball|basketball|player|players|fifa|icc|pcb|" +
	"coach|captain|champion|champions|finals|scored|bowled|batting|fielding|spinner|pacer|stumps|sixes|fours|pitch")

// sportTypes are the incident types sport reports borrow the words of.
func sportLike(typ string) bool {
	return typ == sitrep.Clash || typ == sitrep.ArmedAttack || typ == sitrep.Protest || typ == sitrep.Bombing || typ == sitrep.Visit
}

// sportsDoc reports a document about sport: several sport words and few
// of violence.
func (d *docState) sportsDoc() bool {
	if d.sports != 0 {
		return d.sports > 0
	}
	sport, violence := 0, 0
	for _, s := range d.rd.Sentences {
		for _, t := range s.Tokens {
			if sportWords[t.Lower] {
				sport++
			}
			if violenceWords[t.Lower] {
				violence++
			}
		}
	}
	d.sports = -1
	if sport >= 4 && sport >= 2*violence {
		d.sports = 1
	}
	return d.sports > 0
}

// outOfScope reports a candidate that is no incident of the taxonomy: a
// disaster or accident, sport, a hypothetical or threatened attack, an
// arrest only ordered or demanded, a meeting that is not between
// governments or forces.
func (d *docState) outOfScope(si int, h hit, e *event) bool {
	toks := d.rd.Sentences[si].Tokens
	if d.sportsDoc() && sportLike(e.typ) && !hasWord(toks, 0, len(toks), violenceWords) {
		return true
	}
	if e.typ != sitrep.Protest && e.typ != sitrep.Visit && e.typ != sitrep.Arrest {
		disaster, violence := false, false
		for k := max(0, h.tok-12); k < min(len(toks), h.end+12); k++ {
			w := toks[k].Lower
			if disasterWords[w] {
				disaster = true
			}
			if violenceWords[w] && !(w == "suicide" && k+1 < len(toks) && toks[k+1].Lower == "note") {
				violence = true
			}
		}
		if disaster && !violence {
			return true // "killed in a road accident", "went missing after flash floods"
		}
	}
	// "has not ruled out an attack", "the threat of attacks", "warned of strikes"
	for k := max(0, h.tok-5); k < h.tok; k++ {
		w := toks[k].Lower
		if w == "ruled" || w == "rule" || w == "threat" || w == "threats" || w == "threatened" || w == "threatens" || w == "warned" ||
			w == "fear" || w == "fears" || w == "feared" || w == "risk" || w == "possibility" || w == "prevent" || w == "prevented" ||
			w == "foiled" || w == "thwarted" || w == "averted" || w == "avert" || w == "deter" {
			return true
		}
	}
	// "ordered the arrest of the culprits", "demanded the arrest"
	if e.typ == sitrep.Arrest && !h.verbal {
		for k := max(0, h.tok-4); k < h.tok; k++ {
			switch toks[k].Lower {
			case "ordered", "order", "orders", "demanded", "demand", "demands", "demanding", "called", "calls", "calling", "sought",
				"seek", "seeks", "directed", "urged", "urges", "requested", "request", "warrant", "warrants", "for":
				return true
			}
		}
	}
	if e.typ == sitrep.Visit && !d.betweenGovernments(si, h) {
		return true
	}
	return false
}

// officialWords name people who speak for governments and forces.
var officialWords = wordSet("minister|ministers|president|premier|prime|ambassador|envoy|delegation|king|prince|crown|" +
	"secretary|foreign|counterpart|commander|general|chief|army|military|high|commissioner|emir|sultan|chancellor|" +
	"governor|vice|deputy|speaker|cjcsc|coas|admiral|marshal|consul|diplomat|diplomats|officials|government|sheikh")

// betweenGovernments reports a visit or meeting between governments or
// forces of two countries: a visit to a foreign country, or a meeting with
// an official of another country than the visitor's.
func (d *docState) betweenGovernments(si int, h hit) bool {
	toks := d.rd.Sentences[si].Tokens
	if !hasWord(toks, 0, len(toks), officialWords) && !d.hasStateActor(si) {
		return false
	}
	home := d.homeCountry(si)
	if home == "" {
		return true // nothing says where the report is from
	}
	s := d.rd.Sentences[si]
	for _, p := range d.rd.Places[s.Places[0]:s.Places[1]] {
		if p.Entry.Country != "" && p.Entry.Country != home && !d.inDateline(p) {
			return true
		}
	}
	for _, m := range d.actorsIn(si) {
		if a, ok := d.x.kb.Get(m.ID); ok && a.Country != "" && a.Country != home &&
			(a.Type == sitrep.Country || a.Type == sitrep.Government || a.Type == sitrep.StateForce) {
			return true
		}
	}
	return false
}

// hasStateActor reports a government, state force or country named in the sentence.
func (d *docState) hasStateActor(si int) bool {
	for _, m := range d.actorsIn(si) {
		if m.Type == sitrep.Country || m.Type == sitrep.Government || m.Type == sitrep.StateForce {
			return true
		}
	}
	return false
}

// homeCountry is the country a report is written from: the dateline's,
// else the one the places of its other sentences lie in most; "" when
// nothing tells.
func (d *docState) homeCountry(si int) string {
	if dl, _ := d.dateline(); dl != nil {
		return dl.Entry.Country
	}
	s := d.rd.Sentences[si]
	n := map[string]int{}
	for k, p := range d.rd.Places {
		if k >= s.Places[0] && k < s.Places[1] {
			continue
		}
		n[p.Entry.Country]++
	}
	best := ""
	for cc, c := range n {
		if cc != "" && (best == "" || c > n[best] || c == n[best] && cc < best) {
			best = cc
		}
	}
	return best
}
