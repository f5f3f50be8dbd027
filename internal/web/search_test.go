package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func searchURL(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return "/search?" + v.Encode()
}

func TestSearchPage(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	tests := []struct {
		name   string
		target string
		status int
		want   []string
		not    []string
	}{
		{"empty shows help", "/search", 200, []string{"How to search"}, []string{"Nothing matches"}},
		{"stemming and spelling marked", searchURL("q", "emphasize"), 200, []string{`value="emphasize"`, "<mark>emphasised</mark>", "<mark>emphasizing</mark>", `href="` + doc + `/clauses/5"`, `href="` + doc + `#para_5"`}, nil},
		{"phrase", searchURL("q", `"artificial intelligence"`), 200, []string{"1 passage", "para. 2", "<mark>artificial</mark> <mark>intelligence</mark>"}, nil},
		{"hyphenated", searchURL("q", "Trans-Caspian"), 200, []string{"para. 3"}, nil},
		{"filter in query", searchURL("q", "Ukraine party:EE"), 200, []string{"para. 6"}, nil},
		{"filter parameter shown and removable", searchURL("q", "transport", "party", "ee"), 200, []string{"Party: Estonia", `href="/search?q=transport"`}, nil},
		{"facet links add a filter", searchURL("q", "transport"), 200, []string{`href="/search?party=EE&amp;q=transport"`, `href="/search?q=transport&amp;year=2025"`}, nil},
		{"sort links", searchURL("q", "cooperation"), 200, []string{`href="/search?q=cooperation&amp;sort=newest"`, `href="/search?q=cooperation&amp;sort=oldest"`}, nil},
		{"search within document", searchURL("q", "Astana", "doc", seedSlug), 200, []string{"Document: Joint Statement", `name="doc" value="` + seedSlug + `"`}, nil},
		{"fallback", searchURL("q", `"trade`), 200, []string{"para. 2", "read as plain words"}, nil},
		{"no results with suggestion", searchURL("q", "transprot"), 200, []string{"Nothing matches", `Did you mean <a href="/search?q=transport">transport</a>`}, nil},
		{"partial matches with the words left out", searchURL("q", "Ukraine Samarkand"), 200, []string{"No passage holds all the words", "left out of the first: <q>"}, []string{"Nothing matches"}},
		{"no results", searchURL("q", "zebra"), 200, []string{"Nothing matches", `href="/documents"`}, nil},
		{"too long", searchURL("q", strings.Repeat("a ", 300)), 400, []string{"too long"}, nil},
		{"unknown document filter", searchURL("q", "x", "doc", "nope"), 400, []string{"no document called “nope”"}, nil},
		{"bad year", searchURL("q", "x", "year", "MMXXV"), 400, []string{"is not a year"}, nil},
		{"bad party", searchURL("q", "x", "party", "Estonia"), 400, []string{"is not a party’s code"}, nil},
		{"bad sort", searchURL("q", "x", "sort", "random"), 400, []string{"is not a way to sort"}, nil},
		{"page zero", searchURL("q", "x", "page", "0"), 400, []string{"is not a page number"}, nil},
		{"absurd page", searchURL("q", "x", "page", "99999999999999999999"), 400, []string{"is not a page number"}, nil},
		{"page past the end", searchURL("q", "transport", "page", "5"), 404, []string{"This search has 1 page of results"}, nil},
		{"page 2 of nothing", searchURL("q", "zebra", "page", "2"), 404, []string{"found nothing, so it has no page 2"}, nil},
		{"unknown parameters ignored", searchURL("q", "transport", "utm_source", "x"), 200, []string{"para. 3"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, http.MethodGet, tt.target)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s = %d; want %d\n%s", tt.target, res.StatusCode, tt.status, b)
			}
			if m := contains(b, tt.want...); len(m) > 0 {
				t.Errorf("GET %s lacks %q", tt.target, m)
			}
			for _, n := range tt.not {
				if strings.Contains(b, n) {
					t.Errorf("GET %s contains %q", tt.target, n)
				}
			}
			checkHTML(t, tt.target, b)
		})
	}
}

// hostile is what people and robots paste into a search box.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'; DROP TABLE clauses; --`,
	strings.Repeat("x", 10<<10),
	strings.Repeat("trade ", 85),
	`"unbalanced`, `((((`, `))))`, `[[{{`, `"a" "b`, `*`, `/.*/`, `~`, `trade~2`, `tra*`, `?`,
	"\x00", "a\x00b", "\xff\xfe", "caf\xe9",
	`party:`, `party:<b>`, `year:99999999999999999999`, `doc:../../etc/passwd`, `-`, `--`, `OR`, `OR OR`, `-trade`, `"" "" ""`,
	`+trade -"`, `\`, `%00`, `{{.}}`, `${jndi:ldap://x}`, "\u202e", "🇪🇪 Estonia",
}

func TestHostileSearch(t *testing.T) {
	h := seed(t).Handler()
	targets := []string{}
	for _, q := range hostile {
		targets = append(targets, searchURL("q", q), searchURL("q", q, "page", "2"), searchURL("q", "trade", "doc", q), searchURL("q", "trade", "party", q))
	}
	targets = append(targets,
		"/search?q=%ff", "/search?q=%00", "/search?q=a&q=b", "/search?"+strings.Repeat("a=1&", 100),
		"/search?page=-1&q=x", "/search?page=1e9&q=x", "/search?q="+strings.Repeat("%e2%80%ae", 50),
		"/documents?party=%3Cscript%3E", "/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"/documents/"+seedSlug+"/clauses/%3Cb%3E",
	)
	for _, target := range targets {
		res := get(t, h, http.MethodGet, target)
		b := body(t, res)
		if res.StatusCode >= 500 {
			t.Errorf("GET %.80q = %d", target, res.StatusCode)
		}
		checkReflection(t, target, b)
	}
}

// checkReflection fails if a page holds markup it did not make: any
// element but Accord's own, or an attribute that runs script.
func checkReflection(t *testing.T, target, page string) {
	t.Helper()
	if !utf8.ValidString(page) {
		t.Errorf("GET %.80q: the page is not valid UTF-8", target)
	}
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		switch string(name) {
		case "img", "iframe", "object", "embed", "svg", "math", "b":
			t.Errorf("GET %.80q: the page holds <%s>", target, name)
		case "script":
			var src, typ string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "src":
					src = string(v)
				case "type":
					typ = string(v)
				}
			}
			if src == "" && typ != "application/ld+json" {
				t.Errorf("GET %.80q: the page holds an inline script", target)
			}
			continue
		}
		for hasAttr {
			var k []byte
			k, _, hasAttr = z.TagAttr()
			if strings.HasPrefix(string(k), "on") {
				t.Errorf("GET %.80q: <%s %s=…>", target, name, k)
			}
		}
	}
}

func FuzzSearchPage(f *testing.F) {
	for _, q := range hostile {
		f.Add(q, "1")
	}
	f.Add("transport", "2")
	f.Add(`"artificial intelligence" -trade OR party:EE`, "-3")
	h := seed(f).Handler()
	f.Fuzz(func(t *testing.T, q, page string) {
		target := searchURL("q", q, "page", page)
		res := get(t, h, http.MethodGet, target)
		b := body(t, res)
		if res.StatusCode >= 500 {
			t.Fatalf("GET %q = %d", target, res.StatusCode)
		}
		checkReflection(t, target, b)
	})
}

func TestSearchPageCompressed(t *testing.T) {
	res := get(t, seed(t).Handler(), http.MethodGet, searchURL("q", "cooperation"), "Accept-Encoding", "gzip")
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("GET /search with gzip = %d, Content-Encoding %q; want 200 gzip", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
}
