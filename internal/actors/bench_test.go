package actors

import (
	"strings"
	"testing"
)

// benchArticle is a made-up report of about 3 KB in the style of regional news.
var benchArticle = strings.Repeat(`QUETTA: Gunmen on motorcycles opened fire on a passenger van near Mastung on Tuesday, killing
six people and wounding four others, officials said. The Balochistan Liberation Army (BLA) claimed
responsibility in a statement sent to reporters, while the Counter Terrorism Department said it had
arrested two suspects. Chief Minister Karim Shah condemned the attack and said the Frontier Corps
would pursue those responsible. Dr Sana Rind, chairwoman of the Baloch National Movement, accused
Pakistani security forces of abducting students in Turbat. The Human Rights Commission of Pakistan (HRCP)
demanded an inquiry. Separately, Iranian forces shelled a village across the border, and the Taliban
government in Kabul said ISKP fighters had attacked a mosque. Lawyer Hamid Noor of the Quetta Bar
Association said the Coastal Families Forum (CFF) would hold a protest. CFF leader Omar Dashti said in
Karachi on Wednesday that Amnesty International and Human Rights Watch had been informed. `, 3)

func BenchmarkFind(b *testing.B) {
	kb := Default()
	s := benchArticle
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		kb.Find(s)
	}
}

func BenchmarkFindAllCaps(b *testing.B) {
	kb := Default()
	s := strings.ToUpper(benchArticle)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		kb.Find(s)
	}
}
