package classify

import (
	"os"
	"testing"
)

// TestPartyMentionsEveryLanguage: a search box's words name parties in any
// language the vocabulary reads, each mention once, in order.
func TestPartyMentionsEveryLanguage(t *testing.T) {
	_, r, err := LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	text := "Эстония transport Kazakhstan"
	ms := r.PartyMentions(text)
	if len(ms) != 2 || ms[0].Code != "EE" || text[ms[0].Start:ms[0].End] != "Эстония" ||
		ms[1].Code != "KZ" || text[ms[1].Start:ms[1].End] != "Kazakhstan" {
		t.Errorf("PartyMentions(%q) = %+v; want EE (Эстония), then KZ (Kazakhstan)", text, ms)
	}
}
