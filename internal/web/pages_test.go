package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/accord-archive/accord/internal/crawl"
)

func TestPages(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	tests := []struct {
		name     string
		path     string
		status   int
		location string
		want     []string
		ctype    string
	}{
		{"home", "/", 200, "", []string{"<title>Accord — an archive of diplomatic texts</title>", `action="/search"`, `href="` + doc + `"`, `href="/documents?party=EE"`, `href="/documents?year=2025"`}, htmlType},
		{"documents", "/documents", 200, "", []string{"1 document", `href="` + doc + `"`, "Kazakhstan and Estonia"}, htmlType},
		{"documents by party", "/documents?party=ee", 200, "", []string{"Party: Estonia", `href="` + doc + `"`}, htmlType},
		{"documents by party and year", "/documents?party=EE&year=2025&kind=joint-statement", 200, "", []string{"Year: 2025", "Kind: Joint statement"}, htmlType},
		{"documents none match", "/documents?party=FR", 200, "", []string{"No documents match", `href="/documents"`}, htmlType},
		{"documents unknown party", "/documents?party=ZZ", 400, "", []string{"is not a party’s code"}, htmlType},
		{"documents bad year", "/documents?year=twenty", 400, "", []string{"“twenty” is not a year"}, htmlType},
		{"documents bad kind", "/documents?kind=treatyish", 400, "", []string{"is not a kind of document"}, htmlType},
		{"documents page too far", "/documents?page=9", 404, "", []string{"There is no page 9"}, htmlType},
		{"documents unknown parameter ignored", "/documents?utm_source=x", 200, "", []string{"1 document"}, htmlType},
		{"document", doc, 200, "", []string{"<h1 id=\"doc-title\">Joint Statement of the Presidents", "Astana", "Kazakhstan</a>, <a", `aria-label="This document" action="` + doc + `"`, `href="#para_9"`, "<dd>English</dd>"}, htmlType},
		{"clause", doc + "/clauses/3", 200, "", []string{"Trans-Caspian International Transport Route (TITR)", `href="` + doc + `#para_3"`, `rel="prev" href="` + doc + `/clauses/2"`, `rel="next" href="` + doc + `/clauses/4"`, "Astana, 17 November 2025, para. 3"}, htmlType},
		{"first clause has no previous", doc + "/clauses/1", 200, "", []string{"First paragraph", `rel="next"`}, htmlType},
		{"last clause has no next", doc + "/clauses/9", 200, "", []string{"Last paragraph", `rel="prev"`}, htmlType},
		{"about", "/about", 200, "", []string{"About Accord"}, htmlType},
		{"data.json", doc + "/data.json", 200, "", []string{`"slug": "` + seedSlug + `"`}, "application/json; charset=utf-8"},
		{"data.akn", doc + "/data.akn", 200, "", []string{`eId="para_3"`}, "application/akn+xml; charset=utf-8"},
		{"data.txt", doc + "/data.txt", 200, "", []string{"November 17, 2025\n"}, "text/plain; charset=utf-8"},
		{"data.md", doc + "/data.md", 200, "", []string{"kind: joint-statement"}, "text/markdown; charset=utf-8"},
		{"clause citation", doc + "/clauses/3/cite.bib", 200, "", []string{"para. 3"}, "application/x-bibtex; charset=utf-8"},
		{"document citation", doc + "/cite.ris", 200, "", []string{"TY  - "}, "application/x-research-info-systems; charset=utf-8"},
		{"sitemap", "/sitemap.xml", 200, "", []string{"https://accord.example" + doc + "/clauses/9"}, "application/xml; charset=utf-8"},
		{"feed", "/feed.atom", 200, "", []string{"<feed"}, "application/atom+xml; charset=utf-8"},
		{"robots", "/robots.txt", 200, "", []string{"Disallow: /search", "Disallow: /api/"}, "text/plain; charset=utf-8"},
		{"opensearch", "/opensearch.xml", 200, "", []string{"https://accord.example/search?q={searchTerms}"}, "application/opensearchdescription+xml; charset=utf-8"},
		{"healthz", "/healthz", 200, "", []string{"ok"}, "text/plain; charset=utf-8"},
		{"api", "/api/v1/documents/" + seedSlug + "/clauses/3", 200, "", []string{`"number": 3`}, "application/json; charset=utf-8"},
		{"akn work", "/akn/kz-ee/statement/joint/2025-11-17", 303, doc, nil, ""},
		{"akn expression", "/akn/kz-ee/statement/joint/2025-11-17/eng@2025-11-17", 303, doc + "/data.akn", nil, ""},
		{"akn unknown work", "/akn/fr-de/statement/joint/2025-11-17", 404, "", []string{"No document in the archive has"}, htmlType},
		{"api index", "/api/v1", 200, "", []string{`"openapi": "https://accord.example/api/v1/openapi.json"`}, "application/json; charset=utf-8"},
		{"api index with a slash", "/api/v1/", 301, "/api/v1", nil, ""},

		{"unknown page", "/nope", 404, "", []string{"There is no page at this address", `href="/documents"`, `action="/search"`}, htmlType},
		{"unknown document", "/documents/nope", 404, "", []string{"holds no document called “nope”"}, htmlType},
		{"clause 0", doc + "/clauses/0", 404, "", []string{"has no paragraph 0", "paragraphs 1 to 9"}, htmlType},
		{"clause 10", doc + "/clauses/10", 404, "", []string{"has no paragraph 10"}, htmlType},
		{"negative clause", doc + "/clauses/-1", 404, "", []string{"has no paragraph -1"}, htmlType},
		{"non-numeric clause", doc + "/clauses/three", 404, "", []string{"“three” is not a paragraph number"}, htmlType},
		{"absurd clause", doc + "/clauses/" + strings.Repeat("9", 400), 404, "", []string{"is not a paragraph number"}, htmlType},
		{"clause of unknown document", "/documents/nope/clauses/3", 404, "", []string{"no document called"}, htmlType},
		{"unknown file of a document", doc + "/data.pdf", 404, "", []string{"has no page at this address"}, htmlType},

		{"trailing slash", doc + "/", 301, doc, nil, ""},
		{"trailing slash on clause", doc + "/clauses/3/?x=1", 301, doc + "/clauses/3?x=1", nil, ""},
		{"upper-case slug", "/documents/2025-11-17-KAZAKHSTAN-Estonia/clauses/3", 301, doc + "/clauses/3", nil, ""},
		{"leading zero", doc + "/clauses/03", 301, doc + "/clauses/3", nil, ""},
		{"no open redirect", "//evil.example/", 404, "", nil, htmlType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, http.MethodGet, tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s = %d; want %d\n%s", tt.path, res.StatusCode, tt.status, b)
			}
			if loc := res.Header.Get("Location"); loc != tt.location {
				t.Errorf("GET %s Location = %q; want %q", tt.path, loc, tt.location)
			}
			if tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("GET %s Content-Type = %q; want %q", tt.path, res.Header.Get("Content-Type"), tt.ctype)
			}
			if m := contains(b, tt.want...); len(m) > 0 {
				t.Errorf("GET %s lacks %q", tt.path, m)
			}
			if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s lacks security headers: %v", tt.path, res.Header)
			}
			if strings.HasPrefix(tt.ctype, "text/html") {
				checkHTML(t, tt.path, b)
			}
		})
	}
}

// checkHTML parses a page and checks what every page must have: one <h1>,
// unique ids, a title and a description, and no inline script or style.
func checkHTML(t *testing.T, path, page string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: parse: %v", path, err)
	}
	ids := map[string]bool{}
	var h1, titles, descriptions int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if ids[a.Val] {
						t.Errorf("%s: duplicate id %q", path, a.Val)
					}
					ids[a.Val] = true
				case a.Key == "style" || strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: inline %s= on <%s>", path, a.Key, n.Data)
				}
			}
			switch n.Data {
			case "h1":
				h1++
			case "title":
				titles++
			case "meta":
				if attr(n, "name") == "description" && attr(n, "content") != "" {
					descriptions++
				}
			case "script":
				if attr(n, "src") == "" && attr(n, "type") != "application/ld+json" {
					t.Errorf("%s: inline script", path)
				}
			case "style":
				t.Errorf("%s: inline <style>", path)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if h1 != 1 || titles != 1 || descriptions != 1 {
		t.Errorf("%s: %d <h1>, %d <title>, %d descriptions; want 1 of each", path, h1, titles, descriptions)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// meta returns the content of <meta property|name=key> in page.
func meta(t *testing.T, page, key string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" && (attr(n, "property") == key || attr(n, "name") == key) {
			found = attr(n, "content")
		}
		if n.Type == html.ElementNode && n.Data == "link" && attr(n, "rel") == key {
			found = attr(n, "href")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func TestEveryAnchor(t *testing.T) {
	d := seedDoc(t)
	page := body(t, get(t, seed(t).Handler(), http.MethodGet, d.Path()))
	n := 0
	for _, p := range d.Paragraphs() {
		n++
		if !strings.Contains(page, `id="`+p.EID()+`"`) {
			t.Errorf("document page lacks id=%q", p.EID())
		}
	}
	if n != 5+9+3 {
		t.Errorf("seed has %d paragraphs; want 17", n)
	}
}

func TestPreviews(t *testing.T) {
	h := seed(t).Handler()
	d := seedDoc(t)
	c, _ := d.Clause(3)
	page := body(t, get(t, h, http.MethodGet, c.Path()))
	tests := []struct{ key, want string }{
		{"og:title", d.Title + ", para. 3"},
		{"og:url", "https://accord.example" + c.Path()},
		{"canonical", "https://accord.example" + c.Path()},
		{"og:type", "article"},
		{"twitter:card", "summary"},
	}
	for _, tt := range tests {
		if got := meta(t, page, tt.key); got != tt.want {
			t.Errorf("clause 3 %s = %q; want %q", tt.key, got, tt.want)
		}
	}
	if got := meta(t, page, "og:description"); !strings.HasPrefix(got, "The Presidents emphasised the importance of enhancing regional connectivity") {
		t.Errorf("clause 3 og:description = %q; want the clause's opening", got)
	}
	if got := meta(t, page, "description"); got != meta(t, page, "og:description") {
		t.Errorf("clause 3 description %q differs from og:description", got)
	}

	docPage := body(t, get(t, h, http.MethodGet, d.Path()))
	start := strings.Index(docPage, `<script type="application/ld+json">`)
	end := strings.Index(docPage[start:], "</script>")
	if start < 0 || end < 0 {
		t.Fatal("document page has no JSON-LD")
	}
	var ld map[string]any
	raw := docPage[start+len(`<script type="application/ld+json">`) : start+end]
	if err := json.Unmarshal([]byte(raw), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, raw)
	}
	if ld["name"] != d.Title || ld["datePublished"] != "2025-11-17" || ld["@context"] != "https://schema.org" {
		t.Errorf("JSON-LD = %v", ld)
	}
	for _, alt := range []string{"/data.json", "/data.akn", "/data.txt", "/data.md"} {
		if !strings.Contains(docPage, `<link rel="alternate" type=`) || !strings.Contains(docPage, `href="`+d.Path()+alt+`"`) {
			t.Errorf("document page lacks alternate %s", alt)
		}
	}
	if !strings.Contains(docPage, `<link rel="search" type="application/opensearchdescription+xml"`) {
		t.Error("document page lacks the OpenSearch link")
	}
}

func TestConditionalAndCompressed(t *testing.T) {
	h := seed(t).Handler()
	path := "/documents/" + seedSlug
	first := get(t, h, http.MethodGet, path)
	plain := body(t, first)
	etag := first.Header.Get("ETag")
	if etag == "" || first.Header.Get("Cache-Control") == "" {
		t.Fatalf("GET %s: ETag %q, Cache-Control %q", path, etag, first.Header.Get("Cache-Control"))
	}
	if res := get(t, h, http.MethodGet, path, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %s = %d; want 304", etag, res.StatusCode)
	}
	if res := get(t, h, http.MethodGet, path, "If-None-Match", `"other"`); res.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match other = %d; want 200", res.StatusCode)
	}
	gz := get(t, h, http.MethodGet, path, "Accept-Encoding", "gzip, br")
	gzTag := gz.Header.Get("ETag")
	if gz.Header.Get("Content-Encoding") != "gzip" || gzTag == "" || gzTag == etag {
		t.Fatalf("gzip: Content-Encoding %q ETag %q; want gzip with an ETag of its own (identity: %s)", gz.Header.Get("Content-Encoding"), gzTag, etag)
	}
	if res := get(t, h, http.MethodGet, path, "Accept-Encoding", "gzip", "If-None-Match", gzTag); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip ETag = %d; want 304", res.StatusCode)
	}
	if zipped := body(t, gz); len(zipped) >= len(plain)/2 {
		t.Errorf("gzipped page is %d bytes of %d", len(zipped), len(plain))
	}
	if res := get(t, h, http.MethodGet, path, "Accept-Encoding", "gzip;q=0"); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still got gzip")
	}
	head := get(t, h, http.MethodHead, path)
	if b := body(t, head); head.StatusCode != 200 || b != "" || head.Header.Get("Content-Length") != itoa(len(plain)) {
		t.Errorf("HEAD = %d, %d bytes, Content-Length %s", head.StatusCode, len(b), head.Header.Get("Content-Length"))
	}
}

func TestMethods(t *testing.T) {
	h := seed(t).Handler()
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		res := get(t, h, m, "/documents/"+seedSlug)
		if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "GET") {
			t.Errorf("%s = %d, Allow %q; want 405 with Allow", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
}

func TestStatic(t *testing.T) {
	s := seed(t)
	css, err := s.static.path("style.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(css, "/static/style.") || css == "/static/style.css" {
		t.Fatalf("style.css is served as %s; want a fingerprinted name", css)
	}
	res := get(t, s.Handler(), http.MethodGet, css)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s = %d, %v", css, res.StatusCode, res.Header)
	}
	if res := get(t, s.Handler(), http.MethodGet, "/static/style.css"); res.StatusCode != http.StatusFound || res.Header.Get("Location") != css {
		t.Errorf("GET /static/style.css = %d to %q; want 302 to %s", res.StatusCode, res.Header.Get("Location"), css)
	}
	for _, p := range []string{"/static/../go.mod", "/static/%2e%2e/go.mod", "/static/nope.css", "/static/"} {
		if res := get(t, s.Handler(), http.MethodGet, p); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMovedPermanently {
			t.Errorf("GET %s = %d; want 404", p, res.StatusCode)
		}
	}
}

// TestCrawl follows every link from the front page: nothing the site
// links to is broken.
func TestCrawl(t *testing.T) {
	// Search pages link to every combination of their facets: follow
	// those with up to two parameters, which reaches every kind of link.
	follow := func(p string) bool { return !strings.HasPrefix(p, "/search") || strings.Count(p, "&") < 2 }
	pages, err := crawl.Crawl(seed(t).Handler(), []string{"/", "/documents", "/commitments", "/search?q=transport"}, crawl.Options{MaxPages: 5000, Follow: follow})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 30 {
		t.Errorf("crawl reached %d pages; want the whole site", len(pages))
	}
	for _, p := range crawl.Sorted(pages) {
		if p.Status != http.StatusOK {
			t.Errorf("%s = %d (linked from %s)", p.Path, p.Status, p.From)
		}
	}
}

func TestNotFoundPageIsHelpful(t *testing.T) {
	b := body(t, get(t, seed(t).Handler(), http.MethodGet, "/documents/"+seedSlug+"/clauses/12"))
	if m := contains(b, `<meta name="robots" content="noindex">`, `href="/documents/`+seedSlug+`"`, `action="/search"`); len(m) > 0 {
		t.Errorf("404 page lacks %q", m)
	}
	if bytes.Contains([]byte(b), []byte("goroutine")) {
		t.Error("404 page shows a stack")
	}
}

func TestDataTextIsVerbatim(t *testing.T) {
	want, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := body(t, get(t, seed(t).Handler(), http.MethodGet, "/documents/"+seedSlug+"/data.txt")); got != string(want) {
		t.Errorf("data.txt differs from the source text:\n%s", got)
	}
}
