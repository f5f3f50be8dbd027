package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/crawl"
	"github.com/accord-archive/accord/internal/fixture"
)

// TestLazyPagesAreTheEagerOnes: a server that renders documents' pages on
// demand answers every address with the same bytes as one that rendered
// them at start.
func TestLazyPagesAreTheEagerOnes(t *testing.T) {
	lazy := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.EagerClauses = -1 })
	if n := len(lazy.pages); n >= len(seed(t).pages) {
		t.Fatalf("the lazy server rendered %d pages at start, as many as the eager one", n)
	}
	pages, err := crawl.Crawl(seed(t).Handler(), []string{"/documents/" + seedSlug}, crawl.Options{
		MaxPages: 500,
		Follow:   func(p string) bool { return len(p) > len("/documents/") && p[:len("/documents/")] == "/documents/" },
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range crawl.Sorted(pages) {
		got := crawl.Fetch(lazy.Handler(), p.Path)
		if got.Status != p.Status || !bytes.Equal(got.Body, p.Body) {
			t.Errorf("GET %s: lazy %d (%d bytes), eager %d (%d bytes)", p.Path, got.Status, len(got.Body), p.Status, len(p.Body))
		}
	}
	for _, p := range []string{"/documents/" + seedSlug, "/documents/" + seedSlug + "/clauses/3", "/documents/" + seedSlug + "/clauses/3/cite.ris", "/documents/" + seedSlug + "/data.md"} {
		if _, ok := lazy.pageCache.get(p, false); !ok {
			t.Errorf("%s was not kept in the cache", p)
		}
	}
	if res := get(t, lazy.Handler(), http.MethodGet, "/documents/"+seedSlug+"/clauses/12"); res.StatusCode != 404 {
		t.Errorf("lazy: a clause the document lacks = %d; want 404", res.StatusCode)
	}
}

func TestPageCacheBound(t *testing.T) {
	const each = 40
	c := newPageCache(3*(each+pageOverhead) - 1)
	pg := func() *page { return &page{body: make([]byte, each-2)} } // with a two-byte path
	c.add("/a", pg(), false)
	c.add("/b", pg(), false)
	c.get("/a", false) // a has been read since it was added, b has not
	c.add("/c", pg(), false)
	if _, ok := c.get("/b", false); ok {
		t.Error("b, the least recently read, was kept past the bound")
	}
	for _, k := range []string{"/a", "/c"} {
		if _, ok := c.get(k, false); !ok {
			t.Errorf("%s was dropped", k)
		}
	}
	huge := &page{body: make([]byte, 100*each)}
	c.add("/huge", huge, false) // one page larger than the bound is still served
	if p, ok := c.get("/huge", false); !ok || p != huge || c.order.Len() != 1 || c.len() != 1 {
		t.Errorf("huge: kept %v, %d pages kept", ok, c.order.Len())
	}
}

// TestPageCachePlainBodyCounted: a page kept gzipped alone gets its plain
// body kept when a client that does not take gzip asks for it, and the
// body counts against the bound: the page least recently read goes.
func TestPageCachePlainBodyCounted(t *testing.T) {
	body := bytes.Repeat([]byte("Each Party shall cooperate. "), 100)
	full := newPage(htmlType, body).seal()
	if full.gzipped == nil {
		t.Fatal("the page is not worth gzipping: the test tests nothing")
	}
	each := int64(len("/a")+len(full.gzipped)) + pageOverhead
	c := newPageCache(2*each + int64(len(body)) - 1) // two gzipped pages, not one plain besides
	c.add("/a", full, false)
	c.add("/b", full, false)
	a, _ := c.get("/a", false)
	if a.body != nil || c.size != 2*each {
		t.Fatalf("a page added for gzip clients kept %d plain bytes; the cache counts %d bytes, want %d", len(a.body), c.size, 2*each)
	}
	plain, _ := c.get("/a", true)
	if !bytes.Equal(plain.body, body) {
		t.Fatalf("the plain body kept is %d bytes, not the page's %d", len(plain.body), len(body))
	}
	if _, ok := c.get("/b", false); ok {
		t.Error("the plain body was not counted: b stayed past the bound")
	}
	if again, _ := c.get("/a", true); again != plain || c.size != each+int64(len(body)) {
		t.Errorf("the plain page was not kept (same page %v), or counted as %d bytes; want %d", again == plain, c.size, each+int64(len(body)))
	}
	if gz, _ := c.get("/a", false); gz != plain {
		t.Error("a gzip client is served another page than the one kept")
	}
	// A page rendered for a plain client is kept with its body at once.
	c.add("/c", newPage(htmlType, body).seal(), true)
	if p, ok := c.get("/c", false); !ok || !bytes.Equal(p.body, body) {
		t.Error("a page rendered for a plain client was kept without its body")
	}
}

// TestPageRenderedAlone: a page asked of a lazy server renders alone, not
// with the rest of its document.
func TestPageRenderedAlone(t *testing.T) {
	s := synthServer(t, 7, 3, 6, -1)
	d := s.cfg.Archive.Documents()[1]
	for _, path := range []string{d.Path(), d.Clauses[0].Path(), d.Clauses[5].Path() + "/cite.bib", d.Path() + "/cite.csl.json", d.Path() + "/data.akn", d.Path() + "/data.xml", d.Path() + "/data.md"} {
		set, err := s.renderDocument(d, path)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.pages) != 1 || set.pages[path] == nil {
			t.Errorf("renderDocument(%s) rendered %d pages", path, len(set.pages))
		}
	}
	if set, _ := s.renderDocument(d, d.Path()+"/nothing"); len(set.pages) != 0 {
		t.Errorf("renderDocument of no page rendered %d", len(set.pages))
	}
	all, err := s.renderDocument(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + 4*len(d.Clauses) + 3 + 5; len(all.pages) != want { // the page, each clause's page and citations, the citations, data.json, .akn, .xml, .txt, .md
		t.Errorf("renderDocument(all) = %d pages; want %d", len(all.pages), want)
	}
}

// TestSitemapIndex: an archive with more pages than a sitemap may hold gets
// an index of sitemaps that together list every document and clause.
func TestSitemapIndex(t *testing.T) {
	s := synthServer(t, 3, 12, 4, -1)
	a := s.cfg.Archive
	const limit = 60 // the browsing pages alone are over 50 here
	if err := s.addSitemaps(a.Documents(), limit); err != nil {
		t.Fatal(err)
	}
	h := s.routes()
	index := body(t, get(t, h, http.MethodGet, "/sitemap.xml"))
	parts := regexp.MustCompile(`<loc>https://accord\.example(/sitemaps/\d+\.xml)</loc>`).FindAllStringSubmatch(index, -1)
	if !strings.Contains(index, "<sitemapindex") || len(parts) < 2 {
		t.Fatalf("sitemap.xml is not an index of several sitemaps:\n%s", index)
	}
	listed := map[string]bool{}
	for _, p := range parts {
		sm := body(t, get(t, h, http.MethodGet, p[1]))
		locs := regexp.MustCompile(`<loc>https://accord\.example([^<]*)</loc>`).FindAllStringSubmatch(sm, -1)
		if len(locs) > limit {
			t.Errorf("%s lists %d addresses; the bound is %d", p[1], len(locs), limit)
		}
		for _, l := range locs {
			listed[l[1]] = true
		}
	}
	for _, d := range a.Documents() {
		for _, c := range d.Clauses {
			if !listed[c.Path()] || !listed[d.Path()] {
				t.Fatalf("the sitemaps leave out %s or its document", c.Path())
			}
		}
	}
	for _, p := range []string{"/", "/documents", "/commitments", "/topics", "/entities", "/about"} {
		if !listed[p] {
			t.Errorf("the sitemaps leave out %s", p)
		}
	}
}

// TestLargeArchivePages: on an archive of hundreds of clauses the lists
// stay a page long: the commitments overview shows a few of each type with
// a link to the rest, which is paged, and so are topics.
func TestLargeArchivePages(t *testing.T) {
	s := synthServer(t, 5, 80, 10, 100)
	a, rules := s.cfg.Archive, s.cfg.Vocabulary
	h := s.Handler()
	overview := body(t, get(t, h, http.MethodGet, "/commitments"))
	if n := strings.Count(overview, `<p class="entry-head">`); n > commitmentsPreview*len(rules.Types()) || n == 0 {
		t.Errorf("the overview lists %d commitments; want at most %d of each type", n, commitmentsPreview)
	}
	if !strings.Contains(overview, `href="/commitments?type=reaffirmation">All `) {
		t.Error("the overview does not link to the rest of a type")
	}
	page2 := get(t, h, http.MethodGet, "/commitments?type=reaffirmation&page=2")
	if b := body(t, page2); page2.StatusCode != 200 || strings.Count(b, `<p class="entry-head">`) != unitsPerPage {
		t.Errorf("page 2 of reaffirmations = %d with %d entries; want %d", page2.StatusCode, strings.Count(b, `<p class="entry-head">`), unitsPerPage)
	}
	var busiest string
	for slug, refs := range s.byTopic {
		if len(refs) > len(s.byTopic[busiest]) {
			busiest = slug
		}
	}
	if len(s.byTopic[busiest]) <= unitsPerPage {
		t.Fatalf("no topic has more than %d clauses: the test tests nothing", unitsPerPage)
	}
	first := body(t, get(t, h, http.MethodGet, "/topics/"+busiest))
	if n := strings.Count(first, `<li class="unit">`); n != unitsPerPage || !strings.Contains(first, `rel="next" href="/topics/`+busiest+`?page=2"`) {
		t.Errorf("topic %s page 1 lists %d clauses and no next page link", busiest, n)
	}
	// A document rendered on demand, from a server that is not eager.
	d := a.Documents()[len(a.Documents())-1]
	if res := get(t, h, http.MethodGet, d.Clauses[0].Path()); res.StatusCode != 200 {
		t.Errorf("GET %s = %d", d.Clauses[0].Path(), res.StatusCode)
	}
}

// synthServer serves a classified synthetic archive, rendering documents'
// pages at start up to eager clauses.
func synthServer(t *testing.T, seed int64, docs, clauses, eager int) *Server {
	t.Helper()
	a, rules, err := fixture.Classified(seed, docs, clauses)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newTestServerWith(a, rules, func(c *Config) { c.EagerClauses = eager })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestChangedContentFile: a big archive's data.md is read from the content
// file when asked for; a file that changed since the load is a 503 that
// says why and when to come back, not the new file beside the old text.
func TestChangedContentFile(t *testing.T) {
	fsys := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("../../content", p))
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s := serverOver(t, fsys, func(c *Config) { c.EagerClauses = -1 })
	path := "/documents/" + seedSlug + "/data.md"
	name := "documents/" + seedSlug + ".md"
	want := bytes.Clone(fsys[name].Data)
	fsys[name].Data = append(fsys[name].Data, "\nChanged.\n"...)
	res := get(t, s.Handler(), http.MethodGet, path)
	if b := body(t, res); res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(b, "has changed since") {
		t.Fatalf("GET %s after the file changed = %d, Retry-After %q", path, res.StatusCode, res.Header.Get("Retry-After"))
	}
	fsys[name].Data = want
	res = get(t, s.Handler(), http.MethodGet, path)
	if b := body(t, res); res.StatusCode != http.StatusOK || b != string(want) {
		t.Errorf("GET %s with the file as loaded = %d, %d bytes; want 200 and the %d bytes", path, res.StatusCode, len(b), len(want))
	}
}

// TestCachedPageKeptCompressed: a page rendered for a client that takes
// gzip is kept gzipped alone; a client that does not is then served the
// very bytes and headers the page had when rendered, and from then on its
// plain body is kept beside the gzipped copy and served as kept.
func TestCachedPageKeptCompressed(t *testing.T) {
	eager := synthServer(t, 11, 2, 8, 1000)
	s := synthServer(t, 11, 2, 8, -1)
	h := s.Handler()
	path := s.cfg.Archive.Documents()[0].Clauses[3].Path()
	want := get(t, eager.Handler(), http.MethodGet, path)
	wantBody := body(t, want)
	first := get(t, h, http.MethodGet, path, "Accept-Encoding", "gzip") // rendered now
	p, ok := s.pageCache.get(path, false)
	if !ok || p.body != nil || p.gzipped == nil {
		t.Fatalf("the cache keeps %s with a %d-byte body and %d gzipped bytes; want the gzipped copy alone", path, len(p.body), len(p.gzipped))
	}
	if b := body(t, first); first.Header.Get("Content-Encoding") != "gzip" || b != string(p.gzipped) {
		t.Errorf("a gzip client got encoding %q and %d bytes; want the %d gzipped bytes", first.Header.Get("Content-Encoding"), len(b), len(p.gzipped))
	}
	head := get(t, h, http.MethodHead, path)
	if b := body(t, head); b != "" || head.Header.Get("Content-Length") != want.Header.Get("Content-Length") {
		t.Errorf("HEAD %s = %d bytes, Content-Length %q", path, len(b), head.Header.Get("Content-Length"))
	}
	if p, _ := s.pageCache.get(path, false); p.body != nil {
		t.Error("a HEAD request had the plain body kept")
	}
	for i := range 2 { // the first inflates and keeps the body, the second is served it
		res := get(t, h, http.MethodGet, path)
		if b := body(t, res); res.StatusCode != 200 || b != wantBody || res.Header.Get("Content-Encoding") != "" {
			t.Fatalf("GET %s from the cache = %d, %d bytes, encoding %q; want 200 and the %d bytes of the page", path, res.StatusCode, len(b), res.Header.Get("Content-Encoding"), len(wantBody))
		}
		for _, k := range []string{"Content-Length", "Etag", "Content-Type", "Vary", "Cache-Control"} {
			if res.Header.Get(k) != want.Header.Get(k) {
				t.Errorf("%s from the cache = %q; rendered at start %q", k, res.Header.Get(k), want.Header.Get(k))
			}
		}
		kept, _ := s.pageCache.get(path, false)
		if string(kept.body) != wantBody || &kept.gzipped[0] != &p.gzipped[0] {
			t.Fatalf("GET %d: the cache keeps a %d-byte plain body, not the page's %d beside its gzipped copy", i, len(kept.body), len(wantBody))
		}
	}
}

// TestPageCacheConcurrent: reads, plain reads that keep a body, and adds
// at once, past the bound, keep the cache's count of its size true (run
// it with -race).
func TestPageCacheConcurrent(t *testing.T) {
	body := bytes.Repeat([]byte("Each Party shall cooperate. "), 100)
	full := newPage(htmlType, body).seal()
	c := newPageCache(8 * int64(len(body)))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				path := "/p" + strconv.Itoa((g*7+i)%23)
				if _, ok := c.get(path, i%3 == 0); !ok {
					c.add(path, full, i%2 == 0)
				}
			}
		})
	}
	wg.Wait()
	var size int64
	for e := c.order.Front(); e != nil; e = e.Next() {
		size += e.Value.(*cachedPage).size
	}
	if size != c.size || c.order.Len() != len(c.items) || c.size > c.max {
		t.Errorf("the cache counts %d bytes in %d pages (%d listed); its pages weigh %d, the bound is %d", c.size, len(c.items), c.order.Len(), size, c.max)
	}
}
