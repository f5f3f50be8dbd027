package web

import (
	"net/http"
	"strings"
	"testing"
)

// A reader types the parties as they think of them: the search reads each
// as a party of the documents, says so in a chip, and keeps the word, so
// that clause 3, which names Kazakhstan but not Estonia, is found first.
func TestSearchReadsPartiesInTheQuery(t *testing.T) {
	s := seed(t)
	for _, c := range []struct{ q, first string }{
		{"estonia+kazakhstan+transport", "/clauses/3"},
		{"estonia+transport", "/clauses/3"},
		{"the+Republic+of+Estonia+transport", "/clauses/3"},
		{"EE+transport", "/clauses/3"},
		// Clause 2 names the "Kazakh-Estonian Business Forum": a passage
		// that names the party ranks first.
		{"Estonian+transport", "/clauses/2"},
	} {
		q := c.q
		res := get(t, s.Handler(), http.MethodGet, "/search?q="+q)
		page := body(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", q, res.StatusCode)
		}
		if m := contains(page, `class="chips readings"`, "Estonia: as a party", `href="/search?literal=EE&amp;q=`); m != nil {
			t.Errorf("%s: missing %q", q, m)
		}
		_, hit, _ := strings.Cut(page, `<li class="hit">`)
		if href, _, _ := strings.Cut(hit, `">`); !strings.HasSuffix(href, c.first) {
			t.Errorf("%s: first hit %s, want %s", q, href, c.first)
		}
	}
}

// Removing the chip searches the word alone, and says how to read it as a
// party again.
func TestSearchLiteralPartyIsAWordOnly(t *testing.T) {
	s := seed(t)
	page := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=estonia+transport&literal=EE"))
	if strings.Contains(page, "Estonia: as a party") {
		t.Error("literal=EE still reads Estonia as a party")
	}
	if m := contains(page, "Searched as words only: Estonia", `href="/search?q=estonia&#43;transport">also as a party`); m != nil {
		t.Errorf("missing %q", m)
	}
	// "estonia" and "transport" are in no clause together: only the
	// context fallback could find one, and a literal word has no chip.
	if strings.Contains(page, "readings") {
		t.Error("a chip for a literal party")
	}
}

func TestReadPartiesRewrites(t *testing.T) {
	s := seed(t)
	for _, c := range []struct{ in, out string }{
		{"estonia transport", "(estonia OR party:EE) transport"},
		{"the Republic of Estonia transport", `("the Republic of Estonia" OR party:EE) transport`},
		{"EE transport", "(EE OR party:EE) transport"},
		{"ee transport", "ee transport"}, // a code only in capitals: "ee" is no word of the vocabulary
		{`"estonia" -kazakhstan party:EE transport`, `"estonia" -kazakhstan party:EE transport`},
		{"estonia OR latvia", "estonia OR latvia"},
		{"transport corridor", "transport corridor"},
	} {
		got, _ := s.readParties(c.in, nil, "")
		if got != c.out {
			t.Errorf("readParties(%q) = %q, want %q", c.in, got, c.out)
		}
	}
	if got, r := s.readParties("estonia transport", nil, "EE"); got != "estonia transport" || r != nil {
		t.Errorf("with party=EE in force: %q %v", got, r)
	}
}

// When nothing matches, the page says why and offers the nearest searches
// that find something.
func TestSearchNothingSaysWhyAndOffersNearest(t *testing.T) {
	s := seed(t)
	page := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=transport&party=US"))
	if m := contains(page, "Nothing matches", `class="why"`, "with the filters above", "Nearest searches that find something", `href="/search?q=transport"`, "without the party filter"); m != nil {
		t.Errorf("missing %q", m)
	}
	page = body(t, get(t, s.Handler(), http.MethodGet, "/search?q=zebra"))
	if m := contains(page, "No passage holds this word: <q>zebra</q>"); m != nil {
		t.Errorf("missing %q", m)
	}
}
