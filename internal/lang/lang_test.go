package lang

import (
	"strings"
	"testing"
)

// Each text is written for this test: a short news paragraph in the language.
var samples = []struct {
	code, text string
}{
	{"en", "Gunmen attacked a police post on the outskirts of the city on Tuesday night, killing three officers and wounding two others, officials said. No group has claimed responsibility for the attack, which came a week after a bombing in the same district."},
	{"fr", "Des hommes armés ont attaqué un poste de police dans la nuit de mardi, tuant trois agents et en blessant deux autres, selon les autorités locales. Aucun groupe n'a revendiqué l'attaque, qui survient une semaine après un attentat dans le même district."},
	{"es", "Hombres armados atacaron un puesto de policía en las afueras de la ciudad el martes por la noche y mataron a tres agentes, según las autoridades. Ningún grupo se ha atribuido el ataque, que se produjo una semana después de un atentado en el mismo distrito."},
	{"pt", "Homens armados atacaram um posto da polícia nos arredores da cidade na noite de terça-feira, matando três agentes, segundo as autoridades. Nenhum grupo reivindicou o ataque, que aconteceu uma semana após um atentado no mesmo distrito."},
	{"it", "Uomini armati hanno attaccato un posto di polizia alla periferia della città martedì sera, uccidendo tre agenti, secondo le autorità. Nessun gruppo ha rivendicato l'attacco, che è avvenuto una settimana dopo un attentato nello stesso distretto."},
	{"de", "Bewaffnete Männer haben am Dienstagabend einen Polizeiposten am Stadtrand angegriffen und drei Beamte getötet, wie die Behörden mitteilten. Keine Gruppe hat sich zu dem Angriff bekannt, der eine Woche nach einem Anschlag in demselben Bezirk erfolgte."},
	{"nl", "Gewapende mannen hebben dinsdagavond een politiepost aan de rand van de stad aangevallen en drie agenten gedood, zo meldden de autoriteiten. Geen enkele groep heeft de aanval opgeëist, die een week na een aanslag in hetzelfde district plaatsvond."},
	{"tr", "Silahlı kişiler salı gecesi şehrin dışındaki bir polis noktasına saldırdı ve yetkililere göre üç polis hayatını kaybetti. Saldırıyı henüz hiçbir grup üstlenmedi, saldırı aynı ilçede bir bombalı saldırıdan bir hafta sonra oldu ve bölgede güvenlik önlemleri artırıldı."},
	{"id", "Orang bersenjata menyerang sebuah pos polisi di pinggiran kota pada Selasa malam dan menewaskan tiga petugas, kata pihak berwenang. Belum ada kelompok yang mengaku bertanggung jawab atas serangan itu, yang terjadi satu minggu setelah ledakan bom di distrik yang sama."},
	{"sw", "Watu wenye silaha walishambulia kituo cha polisi nje ya mji usiku wa Jumanne na kuwaua maafisa watatu, kwa mujibu wa serikali. Hakuna kundi lililodai kuhusika na shambulio hilo, ambalo lilitokea wiki moja baada ya mlipuko katika wilaya hiyo hiyo na watu wengi wana hofu."},
	{"pl", "Uzbrojeni mężczyźni zaatakowali we wtorek wieczorem posterunek policji na obrzeżach miasta i zabili trzech funkcjonariuszy, jak podały władze. Żadna grupa nie przyznała się do ataku, który nastąpił tydzień po zamachu w tej samej dzielnicy i był to już drugi atak w tym roku."},
	{"ar", "هاجم مسلحون مركزا للشرطة في ضواحي المدينة مساء الثلاثاء وقتلوا ثلاثة من أفراد الشرطة، حسب ما قال مسؤولون. ولم تعلن أي جماعة مسؤوليتها عن الهجوم الذي وقع بعد أسبوع من تفجير في المنطقة نفسها."},
	{"ur", "منگل کی رات شہر کے مضافات میں مسلح افراد نے پولیس چوکی پر حملہ کیا جس میں تین اہلکار جاں بحق ہو گئے، حکام نے بتایا۔ کسی گروہ نے حملے کی ذمہ داری قبول نہیں کی ہے اور یہ واقعہ اسی ضلع میں ایک دھماکے کے ایک ہفتے بعد پیش آیا۔"},
	{"fa", "مردان مسلح شب سه‌شنبه به یک پاسگاه پلیس در حومه شهر حمله کردند و سه مامور را کشتند، مقامات محلی این را گفتند. هیچ گروهی مسئولیت این حمله را که یک هفته پس از یک انفجار در همان منطقه رخ داد بر عهده نگرفته است."},
	{"ru", "Вооружённые люди напали на полицейский пост на окраине города во вторник вечером и убили трёх сотрудников, сообщили власти. Ни одна группа не взяла на себя ответственность за нападение."},
	{"uk", "Озброєні люди напали на поліцейський пост на околиці міста у вівторок увечері і вбили трьох співробітників, повідомили місцеві органи влади. Жодне угруповання не взяло на себе відповідальність."},
	{"hi", "मंगलवार रात शहर के बाहरी इलाके में हथियारबंद लोगों ने एक पुलिस चौकी पर हमला किया और तीन जवानों की मौत हो गई।"},
	{"zh", "周二晚上，武装分子袭击了城市郊区的一个警察哨所，造成三名警察死亡。"},
}

func TestDetect(t *testing.T) {
	for _, s := range samples {
		code, conf := Detect(s.text)
		if code != s.code {
			t.Errorf("%s sample: got %q (%.2f)", s.code, code, conf)
			continue
		}
		if conf < 0.5 {
			t.Errorf("%s sample: confidence %.2f, want at least 0.5", s.code, conf)
		}
	}
}

func TestDetectUnsure(t *testing.T) {
	for _, text := range []string{"", "12 345 678", "Quetta", "—", "OK."} {
		if code, conf := Detect(text); code != Unknown || conf != 0 {
			t.Errorf("Detect(%q) = %q, %.2f; want unknown", text, code, conf)
		}
	}
	// a headline of a few words may be guessed but is never sure
	if _, conf := Detect("Three killed in attack on police post"); conf >= 0.5 {
		t.Errorf("a six-word headline is sure at %.2f", conf)
	}
}

// A text in one language that quotes or names another stays in its own.
func TestDetectMixed(t *testing.T) {
	en := samples[0].text + ` The minister, speaking in French, said: "La situation est sous contrôle." Le Monde and El País also reported the attack.`
	if code, conf := Detect(en); code != "en" || conf < 0.5 {
		t.Errorf("English quoting French: %q %.2f", code, conf)
	}
	fr := samples[1].text + " Le porte-parole a cité le rapport de Human Rights Watch, intitulé « Killing in the name of security »."
	if code, _ := Detect(fr); code != "fr" {
		t.Errorf("French quoting English: %q", code)
	}
	// English wire copy in capitals is English
	if code, _ := Detect(strings.ToUpper(samples[0].text)); code != "en" {
		t.Errorf("English in capitals: %q", code)
	}
}

func TestDetectLongText(t *testing.T) {
	long := strings.Repeat(samples[1].text+" ", 200)
	if code, conf := Detect(long); code != "fr" || conf < 0.8 {
		t.Errorf("long French text: %q %.2f", code, conf)
	}
	// cutting the sample must not split a character
	ar := strings.Repeat(samples[11].text+" ", 100)
	if code, _ := Detect(ar); code != "ar" {
		t.Errorf("long Arabic text: %q", code)
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat(samples[0].text+" ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}
