package actors

import "testing"

func TestNameLike(t *testing.T) {
	for _, c := range []struct {
		phrase, canonical string
		want              bool
	}{
		{"Islamic Republic of Pakistan", "Pakistan", true},
		{"IDF", "Israel Defense Forces", true},
		{"Malian army", "Malian Armed Forces", true},
		{"Iranian authorities", "Government of Iran", true},
		{"Islamic State in West Africa Province", "Islamic State West Africa Province", true},
		{"Mr Trump", "Donald Trump", true},
		{"Israel last week", "Israel", false},
		{"India once again", "India", false},
		{"India’s defence minister", "India", false},
		{"anti-Israel protesters", "Israel", false},
		{"1122 officials", "officials", false},
		{"Former Pakistan keeper Rashid Latif", "Pakistan", false},
		{"Israel —", "Israel", false},
		{"India’s  attacks", "India", false},
		{"Ukraine’s President Volodymyr Zelensky", "Ukraine", false},
		{"still India", "India", false},
		{"Eight security forces", "security forces", false},
		{"His government", "government", false},
		{"The police", "police", true},
		{"India-held Kashmir", "India", false},
		{"Britain’s Prince Harry", "United Kingdom", false},
		{"PTI Chairman Barrister Gohar Khan", "Pakistan Tehreek-e-Insaf", false},
		{"President Asif Ali Zardari", "Asif Ali Zardari", false},
		{"Secretary of State", "Secretary of State", true},
		{"Pakistan’s", "Pakistan", true},
		{"Pakistan’s security forces", "Pakistan Army", true},
		{"Fitna al-Hindustan", "Baloch Liberation Army", true},
		{"al-Shabaab", "Harakat al-Shabaab al-Mujahideen", true},
		{"al-", "Al", false},
	} {
		if got := NameLike(c.phrase, c.canonical); got != c.want {
			t.Errorf("NameLike(%q, %q) = %v, want %v", c.phrase, c.canonical, got, c.want)
		}
	}
}

func TestWithoutCount(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"30 terrorists", "terrorists"},
		{"1,018 terrorists", "terrorists"},
		{"Eight security forces", "security forces"},
		{"terrorists", "terrorists"},
		{"Rescue 1122", "Rescue 1122"},
		{"9/11 Commission", "9/11 Commission"},
		{"30", "30"},
		{"Pakistan Army", "Pakistan Army"},
	} {
		if got := WithoutCount(c.in); got != c.want {
			t.Errorf("WithoutCount(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
