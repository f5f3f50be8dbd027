package search

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/accord-archive/accord/internal/archive"
)

// hostileTexts are clauses whose text holds markup and odd characters, so
// that snippets have something to escape.
var hostileTexts = []string{
	`The Parties agreed: <script>alert("cooperation")</script> & <b>trade</b>.`,
	`A literal <mark>Ukraine</mark> and </mark> in the text, and a comment <!-- cooperation -->.`,
	`Quotes ' and " and a <img src=x onerror=alert(1)> beside the word transport.`,
	strings.Repeat("Long cooperation text with <i>tags</i> & entities &amp; repeated. ", 30),
	"Right-to-left \u202e override, combining Bele\u0301m, full-width ＵＫＲＡＩＮＥ, ligature ﬁnance.",
}

// hostileIndex is the seed plus a document of hostileTexts, shared by the
// fuzz target and TestHostileQueries.
var hostileIndex = sync.OnceValues(func() (*Index, error) {
	a, err := seedIndex()
	if err != nil {
		return nil, err
	}
	docs := append([]*archive.Document{testDocument("2019-01-01-hostile", 2019, hostileTexts...)}, a.archive.Documents()...)
	b, err := archive.New(docs)
	if err != nil {
		return nil, err
	}
	return Build(context.Background(), b)
})

func hostile(t testing.TB) *Index {
	t.Helper()
	ix, err := hostileIndex()
	if err != nil {
		t.Fatalf("build hostile index: %v", err)
	}
	return ix
}

// checkSearch runs q and checks what any search must satisfy: an error
// only for an over-long text, and otherwise results that hold together
// with snippets that are safe HTML of the unit's own text.
func checkSearch(t testing.TB, ix *Index, q Query) *Results {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if utf8.RuneCountInString(q.Text) > MaxQueryLen {
		if !errors.Is(err, ErrQueryTooLong) || res != nil {
			t.Fatalf("Search(%d characters) = %v, %v; want nil, ErrQueryTooLong", utf8.RuneCountInString(q.Text), res, err)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("Search(%+q) error: %v; want results", q.Text, err)
	}
	if res == nil {
		t.Fatalf("Search(%+q) = nil, nil", q.Text)
	}
	rq := res.Query
	if rq.Page < 1 || rq.PerPage < 1 || rq.PerPage > maxPerPage || (rq.Page-1)*rq.PerPage >= maxResults {
		t.Errorf("Search(%+q).Query page %d per %d; want a page in range", q.Text, rq.Page, rq.PerPage)
	}
	if len(res.Hits) > rq.PerPage || res.Total < len(res.Hits) {
		t.Errorf("Search(%+q) = %d hits, Total %d, per page %d; want hits ≤ per page and ≤ Total", q.Text, len(res.Hits), res.Total, rq.PerPage)
	}
	// A spelling is suggested when nothing holds every word: with no
	// hits, or beside the partial matches that hold the most of them.
	if res.Total > 0 && len(res.Partial) == 0 && res.Suggest != "" {
		t.Errorf("Search(%+q).Suggest = %q with %d hits holding every word; want a suggestion only without such hits", q.Text, res.Suggest, res.Total)
	}
	for _, h := range res.Hits {
		if h.Doc == nil || h.Paragraph == nil || h.EID != h.Paragraph.EID() {
			t.Fatalf("Search(%+q) hit %+v: want Doc, Paragraph and its EID", q.Text, h)
		}
		checkSnippet(t, h)
	}
	return res
}

// checkSnippet fails unless h.Snippet is escaped text with only <mark> and
// </mark> tags, balanced, whose text is a part of the hit's unit.
func checkSnippet(t testing.TB, h Hit) {
	t.Helper()
	s := h.Snippet
	if strings.Contains(strings.ToLower(s), "<script") {
		t.Fatalf("hit %s snippet %q holds <script", h.EID, s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var text strings.Builder
	open := false
	for {
		tt := z.Next()
		tok := z.Token()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("hit %s snippet %q: tokenizer: %v", h.EID, s, z.Err())
			}
			if open {
				t.Errorf("hit %s snippet %q: <mark> left open", h.EID, s)
			}
			checkSnippetText(t, h, text.String())
			return
		case html.TextToken:
			text.WriteString(tok.Data)
		case html.StartTagToken:
			if tok.DataAtom != atom.Mark || len(tok.Attr) > 0 || open {
				t.Fatalf("hit %s snippet %q: tag %s; want only <mark>, not nested", h.EID, s, tok)
			}
			open = true
		case html.EndTagToken:
			if tok.DataAtom != atom.Mark || !open {
				t.Fatalf("hit %s snippet %q: tag %s; want only </mark> after <mark>", h.EID, s, tok)
			}
			open = false
		default:
			t.Fatalf("hit %s snippet %q: %v token %q; want only text and <mark>", h.EID, s, tt, tok)
		}
	}
}

// checkSnippetText checks a snippet's text, unescaped and without tags, is
// verbatim from the unit, with an ellipsis where it was cut.
func checkSnippetText(t testing.TB, h Hit, text string) {
	t.Helper()
	unit := unitText(h)
	inner := strings.TrimSuffix(strings.TrimPrefix(text, "… "), " …")
	if !strings.Contains(unit, inner) {
		t.Errorf("hit %s snippet text %q is not part of the unit's text %q", h.EID, inner, unit)
	}
	if inner == "" && unit != "" {
		t.Errorf("hit %s snippet is empty", h.EID)
	}
	if !strings.HasPrefix(text, "… ") && !strings.HasPrefix(unit, inner) {
		t.Errorf("hit %s snippet %q: the unit was cut at the start without an ellipsis", h.EID, text)
	}
	if !strings.HasSuffix(text, " …") && !strings.HasSuffix(unit, inner) {
		t.Errorf("hit %s snippet %q: the unit was cut at the end without an ellipsis", h.EID, text)
	}
}

// hostileQueries are inputs a person, or a robot, might send.
var hostileQueries = []struct {
	name string
	q    Query
}{
	{"script tag", Query{Text: `<script>alert(1)</script>`}},
	{"script breaking out of an attribute", Query{Text: `"><script>alert(1)</script>`}},
	{"script with a word that matches", Query{Text: `<script>cooperation</script>`}},
	{"mark tag", Query{Text: `<mark>Ukraine</mark>`}},
	{"img onerror", Query{Text: `<img src=x onerror=alert(1)> transport`}},
	{"entities", Query{Text: `&lt;script&gt; &amp; &#60;`}},
	{"10 KB", Query{Text: strings.Repeat("cooperation ", 10<<10/12)}},
	{"one byte over", Query{Text: strings.Repeat("a", MaxQueryLen+1)}},
	{"exactly the limit", Query{Text: strings.Repeat("Ukraine ", MaxQueryLen/8)}},
	{"one long word", Query{Text: strings.Repeat("x", MaxQueryLen)}},
	{"many misspellings", Query{Text: strings.Repeat("transprot ", MaxQueryLen/10)}},
	{"many words", Query{Text: strings.Repeat("cooperation OR ", 34)}},
	{"many hyphens", Query{Text: strings.Repeat("people-", MaxQueryLen/7)}},
	{"unbalanced quote", Query{Text: `"trade`}},
	{"unbalanced quotes", Query{Text: `a "b" "c`}},
	{"unbalanced open bracket", Query{Text: strings.Repeat("(", 100)}},
	{"unbalanced close bracket", Query{Text: strings.Repeat(")", 100)}},
	{"deep brackets", Query{Text: strings.Repeat("(", 20) + "Ukraine" + strings.Repeat(")", 20)}},
	{"empty brackets", Query{Text: "() Ukraine"}},
	{"empty phrase", Query{Text: `"" Ukraine`}},
	{"star", Query{Text: "*"}},
	{"regexp", Query{Text: "/.*/"}},
	{"regexp class", Query{Text: "/[a-z]+/ cooperation"}},
	{"tilde", Query{Text: "~"}},
	{"fuzzy suffix", Query{Text: "Ukraine~2"}},
	{"prefix wildcard", Query{Text: "cooperat*"}},
	{"leading wildcard", Query{Text: "*ation"}},
	{"question marks", Query{Text: "???"}},
	{"boost", Query{Text: "Ukraine^100"}},
	{"backslashes", Query{Text: `\\ \" \`}},
	{"NUL", Query{Text: "\x00"}},
	{"NUL inside a word", Query{Text: "Ukr\x00aine"}},
	{"NUL between words", Query{Text: "Ukraine\x00peace"}},
	{"invalid UTF-8", Query{Text: "\xff\xfe\xfd"}},
	{"truncated UTF-8", Query{Text: "Bel\xc3m"}},
	{"surrogate half", Query{Text: "\xed\xa0\x80 transport"}},
	{"right-to-left override", Query{Text: "\u202etransport"}},
	{"full-width letters", Query{Text: "ＵＫＲＡＩＮＥ"}},
	{"emoji", Query{Text: "🇪🇪 🇰🇿 transport"}},
	{"empty field", Query{Text: "party:"}},
	{"long party", Query{Text: "party:XYZ"}},
	{"word for a year", Query{Text: "year:abcd"}},
	{"year too long", Query{Text: "year:99999"}},
	{"path as a slug", Query{Text: "doc:../../etc/passwd"}},
	{"markup as a kind", Query{Text: "kind:<script>"}},
	{"quoted filter", Query{Text: `party:"EE" Ukraine`}},
	{"quoted filter unbalanced", Query{Text: `party:"EE Ukraine`}},
	{"internal field", Query{Text: "_id:* eid:para_6 text:Ukraine"}},
	{"field of a field", Query{Text: "party:party:EE"}},
	{"filter and its negation", Query{Text: "+party:EE -party:EE"}},
	{"operators only", Query{Text: "OR OR OR"}},
	{"NOT alone", Query{Text: "NOT"}},
	{"dash alone", Query{Text: "-"}},
	{"double dash", Query{Text: "--Ukraine"}},
	{"dashes", Query{Text: "- - -"}},
	{"AND alone", Query{Text: "AND && ||"}},
	{"huge page", Query{Text: "cooperation", Page: 1 << 40}},
	{"negative page", Query{Text: "cooperation", Page: -1}},
	{"min page", Query{Text: "cooperation", Page: -1 << 63}},
	{"huge per page", Query{Text: "cooperation", PerPage: 1 << 40}},
	{"negative per page", Query{Text: "cooperation", PerPage: -5}},
	{"huge page and per page", Query{Text: "cooperation", Page: 1 << 62, PerPage: 1 << 62}},
	{"negative year", Query{Text: "cooperation", Year: -2025}},
	{"huge year", Query{Text: "cooperation", Year: 1 << 40}},
	{"markup sort", Query{Text: "cooperation", Sort: "<script>"}},
	{"markup filters", Query{Doc: "<script>", Party: "../", Kind: "\x00"}},
	{"invalid UTF-8 filters", Query{Doc: "\xff", Party: "\xfe\xfe", Kind: "\xc3"}},
}

func TestHostileQueries(t *testing.T) {
	ix := hostile(t)
	for _, tt := range hostileQueries {
		t.Run(tt.name, func(t *testing.T) {
			checkSearch(t, ix, tt.q)
		})
	}
}

// TestHostileIndexSnippets searches the words of the hostile document, so
// its markup lands in snippets.
func TestHostileIndexSnippets(t *testing.T) {
	ix := hostile(t)
	for _, text := range []string{"cooperation", "trade", "Ukraine", "transport", "alert", "script", "mark", "img onerror", "tags", "Belem", "Ukraine OR finance", "amp"} {
		res := checkSearch(t, ix, Query{Text: text, Doc: "2019-01-01-hostile", PerPage: maxPerPage})
		if res.Total == 0 {
			t.Errorf("Search(%q) in the hostile document = no hits; want some", text)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, tt := range hostileQueries {
		q := tt.q
		f.Add(q.Text, q.Doc, q.Party, q.Kind, q.Year, string(q.Sort), q.Page, q.PerPage)
	}
	for _, text := range []string{"Ukraine", `"artificial intelligence"`, "sustainable -transport", "Ukraine OR Belem", "emphasize party:EE year:2025", "transprot"} {
		f.Add(text, "", "", "", 0, "", 0, 0)
	}
	f.Add("cooperation", "2019-01-01-hostile", "EE", "joint-statement", 2019, "newest", 2, 3)
	f.Fuzz(func(t *testing.T, text, doc, party, kind string, year int, sort string, page, perPage int) {
		checkSearch(t, hostile(t), Query{
			Text: text, Doc: doc, Party: party, Kind: kind, Year: year,
			Sort: Sort(sort), Page: page, PerPage: perPage,
		})
	})
}
