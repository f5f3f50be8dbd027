package search

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// seedSlug is the one document of the seed content.
const seedSlug = "2025-11-17-kazakhstan-estonia"

// eids lists the eIds of hits, in order.
func eids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.EID
	}
	return out
}

// allHits runs q with the largest page and fails if that is not all of them.
func allHits(t *testing.T, ix *Index, q Query) *Results {
	t.Helper()
	q.PerPage = maxPerPage
	res := mustSearch(t, ix, q)
	if res.Total > len(res.Hits) {
		t.Fatalf("Search(%+v): %d hits on page 1 of %d; the test needs them on one page", q, len(res.Hits), res.Total)
	}
	return res
}

// TestSearchSeed checks the query language the README describes (under
// "Addresses") against the seed document, clause by clause.
func TestSearchSeed(t *testing.T) {
	ix := seed(t)
	tests := []struct {
		name     string
		q        Query
		first    string   // the eId that must rank first, if any
		include  []string // eIds that must be among the hits
		exclude  []string // eIds that must not be
		none     bool     // no hits at all
		total    int      // exact number of hits, when not 0
		fallback bool     // Results.Fallback
	}{
		// Words and stemming.
		{name: "one word", q: Query{Text: "Ukraine"}, first: "para_6", total: 1},
		{name: "case-insensitive", q: Query{Text: "UKRAINE"}, first: "para_6", total: 1},
		{name: "every word must match", q: Query{Text: "peace Ukraine Charter"}, first: "para_6", total: 1},
		{name: "every word must match, one missing", q: Query{Text: "Ukraine Samarkand -peace -summit"}, none: true},
		{name: "stemming plural finds singular", q: Query{Text: "commitments"}, include: []string{"para_2", "para_4", "para_6", "para_7"}},
		{name: "stemming verb forms", q: Query{Text: "reaffirming"}, include: []string{"preamble__p_1", "preamble__p_3", "para_2", "para_4", "para_8"}},
		{name: "stemmed word only in one unit", q: Query{Text: "Samarkand"}, first: "preamble__p_4", total: 1},
		{name: "stop words dropped beside other words", q: Query{Text: "agreed on the trade"}, first: "para_2", total: 1},

		// Accents.
		{name: "accent folding", q: Query{Text: "Belem"}, first: "para_8", total: 1},
		{name: "accented query", q: Query{Text: "Belém"}, first: "para_8", total: 1},
		{name: "decomposed accent in query", q: Query{Text: "Bele\u0301m"}, first: "para_8", total: 1},

		// Apostrophes and possessives.
		{name: "plural finds possessive", q: Query{Text: "Kazakhstans"}, include: []string{"para_3", "para_7"}},
		{name: "straight possessive finds curly", q: Query{Text: "Kazakhstan's"}, include: []string{"para_3", "para_7"}},
		{name: "curly possessive", q: Query{Text: "Kazakhstan’s"}, include: []string{"para_3", "para_7", "preamble__p_1"}},
		{name: "plural possessive", q: Query{Text: "Rectors"}, first: "para_4", total: 1},

		// British and American spelling.
		{name: "-ize finds -ised", q: Query{Text: "emphasize"}, include: []string{"para_3", "para_5", "para_7"}},
		{name: "-ise finds -izing", q: Query{Text: "emphasise"}, include: []string{"para_7"}},
		{name: "-ized finds -ised", q: Query{Text: "recognized"}, include: []string{"preamble__p_1", "para_3"}},
		{name: "-isations finds -izations", q: Query{Text: "organisations"}, include: []string{"para_1", "para_4", "para_8"}},
		{name: "-er finds -re", q: Query{Text: "center"}, first: "para_7", total: 1},
		{name: "-ams finds -ammes", q: Query{Text: "programs"}, first: "para_4", total: 1},
		{name: "-og finds -ogue", q: Query{Text: "dialog"}, include: []string{"para_1", "para_5", "para_6", "para_8"}},

		// Hyphens.
		{name: "hyphenated word", q: Query{Text: "Trans-Caspian"}, first: "para_3", total: 1},
		{name: "part of a hyphenated word", q: Query{Text: "Caspian"}, first: "para_3", total: 1},
		{name: "hyphenated word written as one", q: Query{Text: "TransCaspian"}, first: "para_3", total: 1},
		{name: "hyphenated word written apart", q: Query{Text: "Trans Caspian"}, first: "para_3", total: 1},
		{name: "three-part hyphenated word", q: Query{Text: "people-to-people"}, first: "para_4", total: 1},
		{name: "hyphenated adjectives", q: Query{Text: "Kazakh-Estonian"}, first: "para_2", total: 1},

		// Acronyms and alphanumerics.
		{name: "acronym", q: Query{Text: "TITR"}, first: "para_3", total: 1},
		{name: "acronym typed lower", q: Query{Text: "titr"}, first: "para_3", total: 1},
		{name: "acronym plural as printed", q: Query{Text: "SDGs"}, first: "para_7", total: 1},
		{name: "acronym singular finds plural", q: Query{Text: "SDG"}, first: "para_7", total: 1},
		{name: "alphanumeric", q: Query{Text: "COP30"}, first: "para_8", total: 1},
		{name: "alphanumeric typed lower", q: Query{Text: "cop30"}, first: "para_8", total: 1},

		// Phrases.
		{name: "phrase", q: Query{Text: `"artificial intelligence"`}, first: "para_2", total: 1},
		{name: "phrase in the wrong order", q: Query{Text: `"intelligence artificial"`}, none: true},
		{name: "phrase with a stop word", q: Query{Text: `"Ukraine in accordance"`}, first: "para_6", total: 1},
		{name: "phrase of stemmed words", q: Query{Text: `"sustainable developments"`}, include: []string{"para_7", "para_8"}, total: 2},

		// Exclusion and OR.
		{name: "excluded word", q: Query{Text: "sustainable -transport"}, include: []string{"preamble__p_3", "para_7", "para_8"}, exclude: []string{"para_2", "para_3"}},
		{name: "NOT", q: Query{Text: "sustainable NOT transport"}, include: []string{"para_7"}, exclude: []string{"para_2", "para_3"}},
		{name: "excluded phrase", q: Query{Text: `trade -"artificial intelligence"`}, none: true},
		{name: "only an exclusion", q: Query{Text: "-cooperation"}, include: []string{"para_6", "para_5"}, exclude: []string{"para_2", "preamble__p_1"}},
		{name: "OR", q: Query{Text: "Ukraine OR Belem"}, include: []string{"para_6", "para_8"}, total: 2},
		{name: "OR binds tighter than AND", q: Query{Text: "climate Ukraine OR Belem"}, first: "para_8", total: 1},
		{name: "brackets", q: Query{Text: "(Ukraine OR Samarkand) -peace"}, first: "preamble__p_4", total: 1},

		// Filters in the text.
		{name: "party filter", q: Query{Text: "Ukraine party:EE"}, first: "para_6", total: 1},
		{name: "party filter lower case", q: Query{Text: "Ukraine party:kz"}, first: "para_6", total: 1},
		{name: "party filter not a party", q: Query{Text: "Ukraine party:US"}, none: true},
		{name: "year filter", q: Query{Text: "Ukraine year:2025"}, first: "para_6", total: 1},
		{name: "year filter another year", q: Query{Text: "Ukraine year:2024"}, none: true},
		{name: "doc filter", q: Query{Text: "Ukraine doc:" + seedSlug}, first: "para_6", total: 1},
		{name: "doc filter another doc", q: Query{Text: "Ukraine doc:2024-01-01-nowhere"}, none: true},
		{name: "kind filter", q: Query{Text: "Ukraine kind:joint-statement"}, first: "para_6", total: 1},
		{name: "kind filter another kind", q: Query{Text: "Ukraine kind:communique"}, none: true},
		{name: "filter alone lists every unit", q: Query{Text: "party:EE"}, include: []string{"preamble__p_1", "para_9"}, total: 14},

		// Filters as Query fields.
		{name: "Party field", q: Query{Text: "Ukraine", Party: "ee"}, first: "para_6", total: 1},
		{name: "Party field not a party", q: Query{Text: "Ukraine", Party: "FR"}, none: true},
		{name: "Year field", q: Query{Text: "Ukraine", Year: 2025}, first: "para_6", total: 1},
		{name: "Year field another year", q: Query{Text: "Ukraine", Year: 2020}, none: true},
		{name: "Doc field", q: Query{Text: "Ukraine", Doc: seedSlug}, first: "para_6", total: 1},
		{name: "Doc field another doc", q: Query{Text: "Ukraine", Doc: "nowhere"}, none: true},
		{name: "Kind field", q: Query{Text: "Ukraine", Kind: "joint-statement"}, first: "para_6", total: 1},
		{name: "Kind field another kind", q: Query{Text: "Ukraine", Kind: "treaty"}, none: true},
		{name: "fields without text", q: Query{Party: "KZ", Year: 2025}, include: []string{"preamble__p_1", "para_9"}, total: 14},

		// Text that does not parse is searched as plain words.
		{name: "unbalanced quote", q: Query{Text: `"trade`}, first: "para_2", total: 1, fallback: true},
		{name: "unbalanced bracket", q: Query{Text: "(Ukraine"}, first: "para_6", total: 1, fallback: true},
		{name: "dangling OR", q: Query{Text: "Ukraine OR"}, first: "para_6", total: 1, fallback: true},
		{name: "bad filter value", q: Query{Text: "Ukraine party:Estonia"}, none: true, fallback: true},

		// Nothing to find.
		{name: "unknown word", q: Query{Text: "zeppelin"}, none: true},
		{name: "only punctuation", q: Query{Text: `*?~/.*/ ^\`}, none: true},
		{name: "empty", q: Query{}, none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := allHits(t, ix, tt.q)
			got := eids(res.Hits)
			if res.Fallback != tt.fallback {
				t.Errorf("Search(%q).Fallback = %v; want %v", tt.q.Text, res.Fallback, tt.fallback)
			}
			if res.Total != len(res.Hits) {
				t.Errorf("Search(%q).Total = %d; want %d, the hits listed", tt.q.Text, res.Total, len(res.Hits))
			}
			if tt.none {
				if len(got) != 0 {
					t.Errorf("Search(%q) = %v; want no hits", tt.q.Text, got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Search(%q) = no hits; want some", tt.q.Text)
			}
			if tt.first != "" && got[0] != tt.first {
				t.Errorf("Search(%q) = %v; want %s first", tt.q.Text, got, tt.first)
			}
			for _, e := range tt.include {
				if !slices.Contains(got, e) {
					t.Errorf("Search(%q) = %v; want it to include %s", tt.q.Text, got, e)
				}
			}
			for _, e := range tt.exclude {
				if slices.Contains(got, e) {
					t.Errorf("Search(%q) = %v; want it to exclude %s", tt.q.Text, got, e)
				}
			}
			if tt.total != 0 && res.Total != tt.total {
				t.Errorf("Search(%q).Total = %d (%v); want %d", tt.q.Text, res.Total, got, tt.total)
			}
		})
	}
}

// TestSearchExcludedWordIsAbsent checks exclusion against the text itself:
// no hit for "cooperation -trade" contains a form of "trade".
func TestSearchExcludedWordIsAbsent(t *testing.T) {
	ix := seed(t)
	res := allHits(t, ix, Query{Text: "cooperation -agreed"})
	if res.Total == 0 {
		t.Fatal(`Search("cooperation -agreed") = no hits; want some`)
	}
	for _, h := range res.Hits {
		text := strings.ToLower(unitText(h))
		if strings.Contains(text, "agree") && !strings.Contains(text, "agreement") {
			t.Errorf("hit %s contains the excluded word: %q", h.EID, text)
		}
		if !strings.Contains(text, "cooperation") {
			t.Errorf("hit %s lacks the required word: %q", h.EID, text)
		}
	}
}

// unitText is the verbatim text of a hit's unit.
func unitText(h Hit) string {
	if h.Clause != nil {
		return h.Clause.Text()
	}
	return h.Paragraph.Text
}

func TestSearchSuggest(t *testing.T) {
	ix := seed(t)
	tests := []struct {
		name, text, want string
	}{
		{"one letter swapped", "transprot", "transport"},
		{"misspelt among known words", "Ukriane peace", "ukraine peace"},
		{"accent dropped and misspelt", "Bellem", "belém"},
		{"nothing close", "zeppelin", ""},
		{"known words that find nothing together", "Ukraine Samarkand", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Query{Text: tt.text})
			// Some words matching, the hits are partial matches.
			if res.Total != 0 && len(res.Partial) == 0 {
				t.Fatalf("Search(%q).Total = %d, Partial none; want 0", tt.text, res.Total)
			}
			if res.Suggest != tt.want {
				t.Errorf("Search(%q).Suggest = %q; want %q", tt.text, res.Suggest, tt.want)
			}
			if tt.want == "" {
				return
			}
			again := mustSearch(t, ix, Query{Text: res.Suggest})
			if again.Total == 0 {
				t.Errorf("Search(%q) (the suggestion) = no hits; want some", res.Suggest)
			}
		})
	}
}

func TestSearchNoSuggestWithHits(t *testing.T) {
	res := mustSearch(t, seed(t), Query{Text: "transport"})
	if res.Total == 0 || res.Suggest != "" {
		t.Errorf(`Search("transport") = %d hits, Suggest %q; want hits and no suggestion`, res.Total, res.Suggest)
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := seed(t)
	res := mustSearch(t, ix, Query{Text: "Ukraine OR Samarkand"})
	if len(res.Hits) != 2 {
		t.Fatalf(`Search("Ukraine OR Samarkand") = %v; want 2 hits`, eids(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Doc == nil || h.Doc.Slug != seedSlug {
			t.Fatalf("hit %s: Doc = %v; want %s", h.EID, h.Doc, seedSlug)
		}
		if h.Paragraph == nil || h.Paragraph.EID() != h.EID {
			t.Errorf("hit %s: Paragraph = %+v; want the paragraph with that eId", h.EID, h.Paragraph)
		}
		if h.Score <= 0 {
			t.Errorf("hit %s: Score = %v; want > 0", h.EID, h.Score)
		}
		switch h.EID {
		case "para_6":
			if h.Clause == nil || h.Clause.Number != 6 || h.Clause.EID() != "para_6" {
				t.Errorf("hit para_6: Clause = %+v; want clause 6", h.Clause)
			}
			if !strings.Contains(h.Snippet, "<mark>Ukraine</mark>") {
				t.Errorf("hit para_6: Snippet = %q; want <mark>Ukraine</mark>", h.Snippet)
			}
		case "preamble__p_4":
			if h.Clause != nil {
				t.Errorf("hit preamble__p_4: Clause = %+v; want nil for a preamble paragraph", h.Clause)
			}
			if h.Paragraph != h.Doc.Preamble[3] {
				t.Errorf("hit preamble__p_4: Paragraph is not the document's fourth preamble paragraph")
			}
		default:
			t.Errorf("unexpected hit %s", h.EID)
		}
	}
}

func TestSearchSnippetMarks(t *testing.T) {
	ix := seed(t)
	tests := []struct {
		name, text, eid string
		want            []string // substrings of the snippet
	}{
		{"marks the word as printed", "emphasize", "para_3", []string{"<mark>emphasised</mark>"}},
		{"marks -izing as printed", "emphasise", "para_7", []string{"<mark>emphasizing</mark>"}},
		{"marks an accented word", "Belem", "para_8", []string{"<mark>Belém</mark>"}},
		{"marks a possessive", "Kazakhstans", "para_3", []string{"<mark>Kazakhstan’s</mark>"}},
		{"marks a hyphenated word whole", "Trans-Caspian", "para_3", []string{"<mark>Trans-Caspian</mark>"}},
		{"marks each word of a phrase", `"artificial intelligence"`, "para_2", []string{"<mark>artificial</mark>", "<mark>intelligence</mark>"}},
		{"marks an acronym", "SDG", "para_7", []string{"<mark>SDGs</mark>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := allHits(t, ix, Query{Text: tt.text})
			i := slices.Index(eids(res.Hits), tt.eid)
			if i < 0 {
				t.Fatalf("Search(%q) = %v; want %s", tt.text, eids(res.Hits), tt.eid)
			}
			s := res.Hits[i].Snippet
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("Search(%q) %s snippet = %q; want it to contain %q", tt.text, tt.eid, s, w)
				}
			}
		})
	}
}

func TestSearchSnippetDoesNotMarkExcluded(t *testing.T) {
	res := allHits(t, seed(t), Query{Text: "Ukraine OR Belem -climate"})
	if got := eids(res.Hits); !slices.Equal(got, []string{"para_6"}) {
		t.Fatalf(`Search("Ukraine OR Belem -climate") = %v; want [para_6]`, got)
	}
	if s := res.Hits[0].Snippet; strings.Count(s, "<mark>") != 1 {
		t.Errorf("snippet = %q; want only Ukraine marked", s)
	}
}

// TestSearchSnippetEscapes indexes a document whose text holds markup and
// checks the snippet shows it as text.
func TestSearchSnippetEscapes(t *testing.T) {
	text := `Tom & Jerry said "<script>alert('x')</script>" to <b>everyone</b> at the summit.`
	ix := buildOne(t, text)
	res := mustSearch(t, ix, Query{Text: "summit"})
	if len(res.Hits) != 1 {
		t.Fatalf(`Search("summit") = %d hits; want 1`, len(res.Hits))
	}
	s := res.Hits[0].Snippet
	want := `Tom &amp; Jerry said &#34;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34; to &lt;b&gt;everyone&lt;/b&gt; at the <mark>summit</mark>.`
	if s != want {
		t.Errorf("snippet = %q; want %q", s, want)
	}
	for _, q := range []string{"script", "Jerry", "everyone"} {
		res := mustSearch(t, ix, Query{Text: q})
		if len(res.Hits) != 1 {
			t.Fatalf("Search(%q) = %d hits; want 1", q, len(res.Hits))
		}
		if s := res.Hits[0].Snippet; strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
			t.Errorf("Search(%q) snippet = %q; want markup escaped", q, s)
		}
	}
}

// buildOne indexes a one-document archive whose only clause is text.
func buildOne(t *testing.T, text string) *Index {
	t.Helper()
	return build(t, testDocument("2020-01-01-test", 2020, text))
}

// testDocument is a joint statement of Estonia whose clauses are texts.
func testDocument(slug string, year int, texts ...string) *archive.Document {
	d := &archive.Document{
		Slug:    slug,
		Title:   "Test",
		Kind:    archive.JointStatement,
		Date:    time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC),
		Parties: []archive.Party{{Code: "EE", Name: "Estonia"}},
	}
	for i, text := range texts {
		c := &archive.Clause{Doc: d, Number: i + 1}
		c.Paragraphs = []*archive.Paragraph{{Doc: d, Clause: c, Index: 1, Text: text}}
		d.Clauses = append(d.Clauses, c)
	}
	return d
}

// build indexes docs in memory and closes the index when the test ends.
func build(t testing.TB, docs ...*archive.Document) *Index {
	t.Helper()
	a, err := archive.New(docs)
	if err != nil {
		t.Fatalf("archive.New: %v", err)
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestSearchSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words here. ", 40) + "The needle is here. " + strings.Repeat("more filler text. ", 40)
	ix := buildOne(t, long)
	res := mustSearch(t, ix, Query{Text: "needle"})
	if len(res.Hits) != 1 {
		t.Fatalf(`Search("needle") = %d hits; want 1`, len(res.Hits))
	}
	s := res.Hits[0].Snippet
	if !strings.Contains(s, "<mark>needle</mark>") {
		t.Errorf("snippet = %q; want the match marked", s)
	}
	if !strings.HasPrefix(s, "… ") || !strings.HasSuffix(s, " …") {
		t.Errorf("snippet = %q; want ellipses at both cuts", s)
	}
	if n := len(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)); n > snippetLen+len("… ")+len(" …") {
		t.Errorf("snippet is %d bytes; want at most about %d", n, snippetLen)
	}
}

func TestSearchQueryTooLong(t *testing.T) {
	ix := seed(t)
	for _, n := range []int{MaxQueryLen + 1, 10 << 10} {
		_, err := ix.Search(context.Background(), Query{Text: strings.Repeat("a", n)})
		if !errors.Is(err, ErrQueryTooLong) {
			t.Errorf("Search(%d bytes) error = %v; want ErrQueryTooLong", n, err)
		}
	}
	// Exactly the limit is fine.
	text := strings.Repeat("Ukraine ", MaxQueryLen/8)
	if len(text) != MaxQueryLen {
		t.Fatalf("test text is %d bytes; want %d", len(text), MaxQueryLen)
	}
	if _, err := ix.Search(context.Background(), Query{Text: text}); err != nil {
		t.Errorf("Search(%d bytes) error = %v; want none", len(text), err)
	}
	// The limit counts characters, not bytes: a search box's 512
	// characters of Cyrillic are twice as many bytes.
	cyrillic := strings.Repeat("Ж", MaxQueryLen)
	if _, err := ix.Search(context.Background(), Query{Text: cyrillic}); err != nil {
		t.Errorf("Search(%d characters, %d bytes) error = %v; want none", MaxQueryLen, len(cyrillic), err)
	}
	if _, err := ix.Search(context.Background(), Query{Text: cyrillic + "Ж"}); !errors.Is(err, ErrQueryTooLong) {
		t.Errorf("Search(%d characters) error = %v; want ErrQueryTooLong", MaxQueryLen+1, err)
	}
}

// readingOrder is every unit of the seed in its order in the document.
func readingOrder(t *testing.T) []string {
	t.Helper()
	a := seedArchive(t)
	d, ok := a.Document(seedSlug)
	if !ok {
		t.Fatalf("seed lacks %s", seedSlug)
	}
	var out []string
	for _, p := range d.Preamble {
		out = append(out, p.EID())
	}
	for _, c := range d.Clauses {
		out = append(out, c.EID())
	}
	return out
}

func TestSearchSort(t *testing.T) {
	ix := seed(t)
	order := readingOrder(t)
	// "cooperation" occurs in units out of reading order by relevance.
	rel := allHits(t, ix, Query{Text: "cooperation"})
	if rel.Total < 5 {
		t.Fatalf(`Search("cooperation").Total = %d; want at least 5`, rel.Total)
	}
	for i := 1; i < len(rel.Hits); i++ {
		if rel.Hits[i].Score > rel.Hits[i-1].Score {
			t.Errorf("relevance order: hit %d (%s) scores %v > hit %d's %v", i, rel.Hits[i].EID, rel.Hits[i].Score, i-1, rel.Hits[i-1].Score)
		}
	}
	// With one document, newest and oldest both read in document order.
	var want []string
	for _, e := range order {
		if slices.Contains(eids(rel.Hits), e) {
			want = append(want, e)
		}
	}
	if slices.Equal(eids(rel.Hits), want) {
		t.Fatalf("relevance order is reading order %v; the test cannot tell the sorts apart", want)
	}
	for _, s := range []Sort{ByNewest, ByOldest} {
		res := allHits(t, ix, Query{Text: "cooperation", Sort: s})
		if got := eids(res.Hits); !slices.Equal(got, want) {
			t.Errorf("Search(cooperation, Sort %q) = %v; want %v", s, got, want)
		}
		if res.Query.Sort != s {
			t.Errorf("Results.Query.Sort = %q; want %q", res.Query.Sort, s)
		}
	}
	res := mustSearch(t, ix, Query{Text: "cooperation", Sort: "sideways"})
	if res.Query.Sort != ByRelevance {
		t.Errorf("Search(Sort sideways).Query.Sort = %q; want relevance", res.Query.Sort)
	}
}

// TestSearchSortByDate sorts hits from documents of different dates, each
// with two clauses of the same text.
func TestSearchSortByDate(t *testing.T) {
	docs := seedArchive(t).Documents()
	for _, y := range []int{2011, 2023, 2017} {
		docs = append(docs, testDocument(strconv.Itoa(y)+"-01-01-test", y, "Clause about borders.", "Clause about borders."))
	}
	ix := build(t, docs...)
	key := func(h Hit) string { return h.Doc.Date.Format("2006") + "/" + h.EID }
	tests := []struct {
		sort Sort
		want []string
	}{
		{ByNewest, []string{"2023/para_1", "2023/para_2", "2017/para_1", "2017/para_2", "2011/para_1", "2011/para_2"}},
		{ByOldest, []string{"2011/para_1", "2011/para_2", "2017/para_1", "2017/para_2", "2023/para_1", "2023/para_2"}},
	}
	for _, tt := range tests {
		res := allHits(t, ix, Query{Text: "borders", Sort: tt.sort})
		var got []string
		for _, h := range res.Hits {
			got = append(got, key(h))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(borders, Sort %q) = %v; want %v", tt.sort, got, tt.want)
		}
	}
	// Equal scores fall to the newest document, then reading order.
	res := allHits(t, ix, Query{Text: "borders"})
	var got []string
	for _, h := range res.Hits {
		got = append(got, key(h))
	}
	if want := tests[0].want; !slices.Equal(got, want) {
		t.Errorf("Search(borders) by relevance, all scores equal = %v; want %v", got, want)
	}
}

func TestSearchPaging(t *testing.T) {
	ix := seed(t)
	for _, s := range []Sort{ByRelevance, ByNewest} {
		all := allHits(t, ix, Query{Text: "party:EE", Sort: s})
		if all.Total != 14 {
			t.Fatalf("Search(party:EE).Total = %d; want 14", all.Total)
		}
		var walked []string
		for page := 1; ; page++ {
			res := mustSearch(t, ix, Query{Text: "party:EE", Sort: s, Page: page, PerPage: 4})
			if res.Total != all.Total {
				t.Errorf("page %d: Total = %d; want %d", page, res.Total, all.Total)
			}
			if res.Query.Page != page || res.Query.PerPage != 4 {
				t.Errorf("page %d: Query = %+v; want Page %d PerPage 4", page, res.Query, page)
			}
			if len(res.Hits) == 0 {
				break
			}
			if len(res.Hits) > 4 {
				t.Fatalf("page %d: %d hits; want at most 4", page, len(res.Hits))
			}
			walked = append(walked, eids(res.Hits)...)
		}
		if want := eids(all.Hits); !slices.Equal(walked, want) {
			t.Errorf("sort %q: pages of 4 = %v; want %v", s, walked, want)
		}
	}
}

func TestSearchPageDefaults(t *testing.T) {
	ix := seed(t)
	tests := []struct {
		name              string
		page, perPage     int
		wantPage, wantPer int
		wantHits          int
	}{
		{"zero values", 0, 0, 1, defaultPerPage, 10},
		{"negative page", -3, 5, 1, 5, 5},
		{"per page capped", 1, 1000, 1, maxPerPage, 14},
		{"page past the end", 9, 5, 9, 5, 0},
		{"page past the deepest hit", 1 << 40, 10, maxResults / 10, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Query{Text: "party:EE", Page: tt.page, PerPage: tt.perPage})
			if res.Query.Page != tt.wantPage || res.Query.PerPage != tt.wantPer {
				t.Errorf("Query as run = page %d per %d; want page %d per %d", res.Query.Page, res.Query.PerPage, tt.wantPage, tt.wantPer)
			}
			if len(res.Hits) != tt.wantHits {
				t.Errorf("%d hits; want %d", len(res.Hits), tt.wantHits)
			}
			if res.Total != 14 {
				t.Errorf("Total = %d; want 14", res.Total)
			}
		})
	}
}

func TestSearchFacetsSeed(t *testing.T) {
	res := mustSearch(t, seed(t), Query{Text: "cooperation"})
	want := map[string][]FacetTerm{
		"doc":   {{Value: seedSlug, Count: res.Total}},
		"party": {{Value: "EE", Count: res.Total}, {Value: "KZ", Count: res.Total}},
		"year":  {{Value: "2025", Count: res.Total}},
		"kind":  {{Value: "joint-statement", Count: res.Total}},
	}
	var fields []string
	for _, f := range res.Facets {
		fields = append(fields, f.Field)
		if !slices.Equal(f.Terms, want[f.Field]) || f.Other != 0 {
			t.Errorf("facet %s = %v other %d; want %v other 0", f.Field, f.Terms, f.Other, want[f.Field])
		}
	}
	if !slices.Equal(fields, []string{"doc", "party", "year", "kind"}) {
		t.Errorf("facets = %v; want doc, party, year, kind", fields)
	}
	if res := mustSearch(t, seed(t), Query{Text: "zeppelin"}); len(res.Facets) != 0 {
		t.Errorf("Search(zeppelin).Facets = %v; want none", res.Facets)
	}
}

func TestSearchContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := seed(t).Search(ctx, Query{Text: "cooperation"}); err == nil {
		t.Errorf("Search(cancelled context) error = nil; want an error")
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := seed(t)
	done := make(chan error)
	for _, text := range []string{"Ukraine", "cooperation", `"trade`, "transprot", "party:EE"} {
		go func() {
			_, err := ix.Search(context.Background(), Query{Text: text})
			done <- err
		}()
	}
	for range 5 {
		if err := <-done; err != nil {
			t.Errorf("concurrent Search error: %v", err)
		}
	}
}
