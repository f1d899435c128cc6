package extract

import (
	"testing"

	"sitrep"
)

// The texts are written for this test.
func TestOtherLanguageGetsNoEvents(t *testing.T) {
	for _, c := range []struct{ code, text string }{
		{"fr", "Au Mali, des hommes armés ont attaqué un poste de police dans la nuit de mardi, tuant trois agents et en blessant deux autres, selon les autorités. Aucun groupe n'a revendiqué l'attaque, qui survient une semaine après un attentat dans la même région."},
		{"es", "En Colombia, hombres armados atacaron un puesto de policía el martes por la noche y mataron a tres agentes, según las autoridades. Ningún grupo se ha atribuido el ataque, que se produjo una semana después de un atentado en la misma región."},
		{"ur", "منگل کی رات کوئٹہ کے مضافات میں مسلح افراد نے پولیس چوکی پر حملہ کیا جس میں تین اہلکار جاں بحق ہو گئے، حکام نے بتایا۔ کسی گروہ نے حملے کی ذمہ داری قبول نہیں کی ہے۔"},
	} {
		r := run(t, "2024-05-08", c.text)
		if r.Document.Language != c.code {
			t.Errorf("%s: language %q", c.code, r.Document.Language)
		}
		if !Unread(r) || len(r.Events)+len(r.Claims)+len(r.Actors)+len(r.Places) != 0 {
			t.Errorf("%s: read as English: %d events, %d claims, %d actors, %d places", c.code, len(r.Events), len(r.Claims), len(r.Actors), len(r.Places))
		}
	}
}

func TestEnglishIsRead(t *testing.T) {
	r := run(t, "2024-05-08", "Gunmen attacked a police post in Quetta on Tuesday night, killing three officers, officials said. "+
		"The minister, who was visiting the province at the time, told reporters in French that \"la situation est sous contrôle\". "+
		"It was the third attack on the police in the city this month, and no group has said it was behind it.")
	if r.Document.Language != "en" || Unread(r) || len(r.Events) != 1 || r.Events[0].Type != sitrep.ArmedAttack {
		t.Errorf("language %q, %d events", r.Document.Language, len(r.Events))
	}
	// too short to tell: read as English, language left out
	r = run(t, "", "Three killed in Quetta blast")
	if r.Document.Language != "" || Unread(r) || len(r.Events) != 1 {
		t.Errorf("headline: language %q, %d events", r.Document.Language, len(r.Events))
	}
}
