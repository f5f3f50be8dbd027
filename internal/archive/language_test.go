package archive

import "testing"

// TestLanguageBase: every spelling of a language compares as one, so a
// text tagged "rus" is searched, classified and authenticated as Russian.
func TestLanguageBase(t *testing.T) {
	for tag, want := range map[string]string{
		"": "en", "en": "en", "EN-gb": "en", "ru": "ru", "RU": "ru", "ru-RU": "ru", "rus": "ru",
		"pt-BR": "pt", "et": "et", "est": "et", "ckb": "ckb", "zz-Latn": "zz", "1x": "und", " fr ": "fr",
	} {
		if got := LanguageBase(tag); got != want {
			t.Errorf("LanguageBase(%q) = %q; want %q", tag, got, want)
		}
	}
	d := &Document{Language: "rus", Versioning: Versioning{Authentic: []string{"en", "ru"}}}
	if !d.IsAuthentic() {
		t.Error("a text tagged rus is not authentic where ru is")
	}
}
