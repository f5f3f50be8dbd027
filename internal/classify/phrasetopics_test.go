package classify

import (
	"os"
	"strings"
	"testing"
)

func TestPhraseTopics(t *testing.T) {
	_, r, err := LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	text := "The Parties agreed to expand cooperation in the areas of trade and investment, with a particular emphasis on promoting sustainable business practices. They reaffirmed commitment to deepening collaboration in key sectors, including transport and logistics."
	lang := "en"
	slugs := func(phrase string) string {
		i := strings.Index(text, phrase)
		var out []string
		for _, tp := range r.PhraseTopics(lang, text, i, i+len(phrase)) {
			out = append(out, tp.Slug)
		}
		return strings.Join(out, ",")
	}
	if got := slugs("agreed to expand"); strings.Contains(got, "transport") || !strings.Contains(got, "trade") {
		t.Errorf("agreed to expand: topics %q; want trade, not transport", got)
	}
	if got := slugs("reaffirmed"); !strings.Contains(got, "transport") || strings.Contains(got, "trade") {
		t.Errorf("reaffirmed: topics %q; want transport, not trade", got)
	}
	// An abbreviation's stop does not end the sentence.
	text = "The U.S. and Kazakhstan agreed to develop transport corridors."
	if got := slugs("agreed to develop"); !strings.Contains(got, "transport") {
		t.Errorf("after an abbreviation: topics %q", got)
	}
	// A text is read in its own language's terms.
	lang = "ru"
	text = "Стороны договорились расширять сотрудничество в области торговли и инвестиций. Они подтвердили приверженность развитию транспорта и логистики."
	if got := slugs("договорились"); strings.Contains(got, "transport") || !strings.Contains(got, "trade") {
		t.Errorf("договорились: topics %q; want trade, not transport", got)
	}
	if got := slugs("подтвердили"); !strings.Contains(got, "transport") || strings.Contains(got, "trade") {
		t.Errorf("подтвердили: topics %q; want transport, not trade", got)
	}
	lang = "et"
	if got := slugs("подтвердили"); got != "" {
		t.Errorf("a language the rules do not read: topics %q", got)
	}
}
