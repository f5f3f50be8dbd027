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

// Several parties at once narrow to the documents of all of them, and
// each chip removes one; several kinds widen to any of them.
func TestSearchSeveralPartiesAndKinds(t *testing.T) {
	s := seed(t)
	page := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=transport&party=EE&party=KZ&kind=treaty,joint-statement"))
	if m := contains(page, `<p class="summary" role="status">2 passages`,
		`<a href="/search?kind=treaty%2Cjoint-statement&amp;party=KZ&amp;q=transport">Party: Estonia`,
		`<a href="/search?kind=treaty%2Cjoint-statement&amp;party=EE&amp;q=transport">Party: Kazakhstan`,
		`<a href="/search?kind=joint-statement&amp;party=EE%2CKZ&amp;q=transport">Kind: Treaty`,
		`name="party" value="EE" checked`, `name="party" value="KZ" checked`, `name="kind" value="joint-statement" checked`,
		`<details class="advanced" open>`); m != nil {
		t.Errorf("missing %q", m)
	}
	// The form's choices are the archive's, read once; what one search
	// checks, the next does not inherit.
	if page := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=transport")); strings.Contains(page, " checked") || !strings.Contains(page, `name="party" value="EE"`) {
		t.Error("a search without filters checks a choice of the advanced form, or lacks Estonia")
	}
	// A party the seed is not a party to leaves nothing: the parties add up.
	page = body(t, get(t, s.Handler(), http.MethodGet, "/search?q=transport&party=EE,US"))
	if !strings.Contains(page, "Nothing matches") {
		t.Error("party=EE,US found passages of a document the US is no party to")
	}
	// The facet of a second party adds it rather than replacing the first.
	page = body(t, get(t, s.Handler(), http.MethodGet, "/search?q=transport&party=EE"))
	if !strings.Contains(page, `href="/search?party=EE%2CKZ&amp;q=transport">Kazakhstan`) {
		t.Error("the Kazakhstan facet does not add to Estonia")
	}
	res := get(t, s.Handler(), http.MethodGet, "/search?q=transport&party=EE,XX")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body(t, res), "“XX” is not a party’s code") {
		t.Errorf("party=EE,XX: status %d", res.StatusCode)
	}
}

// A search can be followed: its page links its Atom feed, newest first.
func TestSearchFeed(t *testing.T) {
	s := seed(t)
	page := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=estonia+transport"))
	if m := contains(page, `<a href="/search.atom?q=estonia&#43;transport" type="application/atom+xml">Follow this search</a>`); m != nil {
		t.Errorf("missing %q", m)
	}
	res := get(t, s.Handler(), http.MethodGet, "/search.atom?q=estonia+transport")
	feed := body(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("status %d, %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if m := contains(feed, `<feed xmlns="http://www.w3.org/2005/Atom">`, "<title>Accord: search “estonia transport”</title>",
		"<id>https://accord.example/documents/2025-11-17-kazakhstan-estonia/clauses/3</id>", "<updated>2025-11-17T00:00:00Z</updated>"); m != nil {
		t.Errorf("feed missing %q", m)
	}
	if again := body(t, get(t, s.Handler(), http.MethodGet, "/search.atom?q=estonia+transport")); again != feed {
		t.Error("the same search's feed differs")
	}
	if res := get(t, s.Handler(), http.MethodGet, "/search.atom?party=nowhere"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad party: status %d", res.StatusCode)
	}
}
