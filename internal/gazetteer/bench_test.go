package gazetteer

import (
	"strings"
	"testing"
)

// benchText is a ~3 KB article of the kind sitrep reads, written for this
// benchmark.
var benchText = strings.Repeat(`QUETTA, Pakistan — Gunmen on motorcycles opened fire on a passenger van near Turbat in Kech district on Tuesday, killing six labourers from Punjab, officials said. The attack came two days after a blast in Gwadar wounded four policemen. Provincial spokesman Shahid Rind told reporters in Quetta that security forces had launched a search operation in the Buleda and Tump areas near the Iranian border. The Balochistan Liberation Front claimed responsibility in a statement sent to media in Karachi. Separately, in Khyber Pakhtunkhwa, police in Dera Ismail Khan and Peshawar reported two attacks on checkpoints. Afghan officials in Kabul denied that militants used their soil. Iran's foreign ministry in Tehran said guards in Zahedan, Sistan-Baluchestan, had closed the crossing. `, 4)[:3000]

func BenchmarkFind(b *testing.B) {
	g := Default()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		g.Find(benchText)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(strings.NewReader(string(embedded))); err != nil {
			b.Fatal(err)
		}
	}
}
