package web

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx/httpxtest"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/testenv"
)

// fixedTook is a Searcher whose searches all say they took 1.5 ms, so
// that two answers to one search are alike to the byte.
type fixedTook struct{ Searcher }

func (f fixedTook) Search(ctx context.Context, q search.Query) (*search.Results, error) {
	res, err := f.Searcher.Search(ctx, q)
	if res != nil {
		res.Took = 1500 * time.Microsecond
	}
	return res, err
}

// contentWith is the repository's content tree with old replaced by new
// in every file, as an editor's change would leave it.
func contentWith(t *testing.T, old, new string) fs.FS {
	t.Helper()
	src := os.DirFS("../../content")
	m := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, path)
		m[path] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(b), old, new))}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// serverOver is a Server over the content tree fsys.
func serverOver(t *testing.T, fsys fs.FS, change func(*Config)) *Server {
	t.Helper()
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newTestServerWith(a, rules, change)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rawClient sends Accept-Encoding as each test sets it, leaves bodies as
// sent and follows no redirect.
var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func fetch(t *testing.T, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// routeFamilies are addresses of every kind the site answers, each with
// the status it answers: kept pages (on the fast path, and through the
// router when a query is added), pages made per request, data files,
// citations, search, the API, static files, discovery files, redirects
// and errors.
func routeFamilies(t *testing.T, s *Server) map[string]int {
	doc := "/documents/" + seedSlug
	css, err := s.static.path("style.css")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.cfg.Archive.Document(seedSlug)
	return map[string]int{
		"/": 200, "/?utm_source=x": 200, "/about": 200, "/documents": 200, "/documents?party=EE": 200,
		"/topics": 200, "/topics/transport": 200, "/topics/transport?page=1": 200, "/entities": 200, "/entities/titr": 200,
		"/commitments": 200, "/commitments?party=EE": 200,
		doc: 200, doc + "/clauses/3": 200, doc + "/clauses/3?x=1": 200,
		doc + "/data.json": 200, doc + "/data.akn": 200, doc + "/data.txt": 200, doc + "/data.md": 200,
		doc + "/cite.bib": 200, doc + "/clauses/3/cite.csl.json": 200,
		"/search": 200, "/search?q=cooperation": 200, "/search?q=zzyzx": 200, "/search?q=trade&sort=sideways": 400,
		"/search?q=trade&page=99": 404,
		"/api/v1/":                301, "/api/v1": 200, "/api/v1/documents": 200, "/api/v1/search?q=cooperation": 200, "/api/v1/openapi.json": 200,
		"/api/v1/nope": 404, "/api/v1/search?sort=sideways": 400, "/api/v1/documents?" + strings.Repeat("a=1&", 30): 400,
		css: 200, "/static/style.css": 302,
		"/feed.atom": 200, "/sitemap.xml": 200, "/robots.txt": 200, "/opensearch.xml": 200,
		"/nope": 404, "/documents/nope": 404, doc + "/clauses/99": 404, "/documents?page=99": 404,
		"/Documents": 301, doc + "/clauses/03": 301, formats.WorkURI(d): 303,
		"/healthz": 200,
	}
}

// TestHeadIsGetWithoutBody: on every kind of address and in both
// encodings, HEAD answers what GET does, header for header (Content-Length
// included), without the body; over a real server, so that what net/http
// adds on its own counts too.
func TestHeadIsGetWithoutBody(t *testing.T) {
	// Also as a large archive serves them: documents' pages rendered on
	// first request and kept gzipped alone, inflated for identity.
	for _, eager := range []int{0, -1} {
		s := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.Search, c.EagerClauses = fixedTook{c.Search}, eager })
		checkHeadIsGet(t, s)
	}
}

func checkHeadIsGet(t *testing.T, s *Server) {
	srv := httptest.NewServer(s.Handler())
	testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
	defer srv.Close()
	ignore := []string{"Date", "X-Request-Id"}
	for path, status := range routeFamilies(t, s) {
		for _, encoding := range []string{"", "gzip"} {
			get, body := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", encoding)
			head, none := fetch(t, http.MethodHead, srv.URL+path, "Accept-Encoding", encoding)
			what := path + " [" + encoding + "]"
			if get.StatusCode != status || head.StatusCode != status {
				t.Errorf("%s: GET %d, HEAD %d; want %d", what, get.StatusCode, head.StatusCode, status)
			}
			if len(none) != 0 {
				t.Errorf("HEAD %s: %d bytes of body", what, len(none))
			}
			if len(get.TransferEncoding) > 0 || get.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("GET %s: Transfer-Encoding %q, Content-Length %q for %d bytes", what, get.TransferEncoding, get.Header.Get("Content-Length"), len(body))
			}
			for k := range mergeKeys(get.Header, head.Header) {
				if slices.Contains(ignore, k) {
					continue
				}
				if g, h := get.Header.Values(k), head.Header.Values(k); !slices.Equal(g, h) {
					t.Errorf("%s: %s is %q for GET, %q for HEAD", what, k, g, h)
				}
			}
		}
	}
}

func mergeKeys(hs ...http.Header) map[string]bool {
	keys := map[string]bool{}
	for _, h := range hs {
		for k := range h {
			keys[k] = true
		}
	}
	return keys
}

// TestSecurityHeadersEverywhere: every kind of answer carries every
// security header with exactly its value: GET, HEAD, 304, errors, with
// and without gzip, and with Strict-Transport-Security when configured.
func TestSecurityHeadersEverywhere(t *testing.T) {
	for _, hsts := range []bool{false, true} {
		s := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.HSTS = hsts })
		srv := httptest.NewServer(s.Handler())
		testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
		for path := range routeFamilies(t, s) {
			for _, h := range [][]string{{}, {"Accept-Encoding", "gzip"}, {"If-None-Match", "*"}} {
				for _, method := range []string{http.MethodGet, http.MethodHead} {
					res, _ := fetch(t, method, srv.URL+path, h...)
					httpxtest.CheckSecurityHeaders(t, method+" "+path+" "+strings.Join(h, ": "), res.Header, hsts)
				}
			}
		}
		for _, method := range []string{http.MethodPost, http.MethodDelete, "BREW"} {
			res, _ := fetch(t, method, srv.URL+"/")
			httpxtest.CheckSecurityHeaders(t, method+" /", res.Header, hsts)
		}
		srv.Close()
	}
}

// TestETagsFollowContent: a kept page's tag is its body's: pages differ,
// so do their tags, per encoding too; a change of the content, served by
// a new Server swapped in as a reload does, changes the tags of the pages
// it touches, and an old tag no longer gets 304.
func TestETagsFollowContent(t *testing.T) {
	s := seed(t)
	byTag := map[string]string{}
	for path, p := range s.pages {
		tags := []string{p.etag}
		if p.gzipped != nil {
			tags = append(tags, p.gzETag)
		}
		for _, tag := range tags {
			if other, ok := byTag[tag]; ok && string(s.pages[other].body) != string(p.body) {
				t.Errorf("%s and %s differ and share the tag %s", path, other, tag)
			}
			byTag[tag] = path
		}
		res := get(t, s.Handler(), http.MethodGet, path)
		if got := res.Header.Get("ETag"); got != p.etag || got != `"`+strings.Trim(got, `"`)+`"` {
			t.Errorf("GET %s: ETag %s; want %s", path, got, p.etag)
		}
	}
	if len(byTag) < len(s.pages) {
		t.Errorf("%d pages have %d tags", len(s.pages), len(byTag))
	}

	doc := "/documents/" + seedSlug
	changed := serverOver(t, contentWith(t, "sustainable transport links", "durable transport links"), nil)
	same := serverOver(t, contentWith(t, "no such text", ""), nil)
	live := &Live{}
	for _, path := range []string{doc, doc + "/clauses/3", doc + "/data.json", doc + "/data.txt", doc + "/data.md", "/search?q=durable"} {
		for _, encoding := range []string{"", "gzip"} {
			what := path + " [" + encoding + "]"
			live.Swap(s)
			before := get(t, live, http.MethodGet, path, "Accept-Encoding", encoding)
			tag := before.Header.Get("ETag")
			live.Swap(same)
			if again := get(t, live, http.MethodGet, path, "Accept-Encoding", encoding); again.Header.Get("ETag") != tag {
				t.Errorf("%s: tag %s, then %s over the same content", what, tag, again.Header.Get("ETag"))
			}
			live.Swap(changed)
			after := get(t, live, http.MethodGet, path, "Accept-Encoding", encoding)
			if path == "/search?q=durable" {
				continue // search pages have no tag; their hits follow the content
			}
			if after.Header.Get("ETag") == tag || after.Header.Get("ETag") == "" {
				t.Errorf("%s: the tag %s outlived a change of the content", what, tag)
			}
			if res := get(t, live, http.MethodGet, path, "Accept-Encoding", encoding, "If-None-Match", tag); res.StatusCode != http.StatusOK {
				t.Errorf("%s with the tag from before the change = %d; want 200", what, res.StatusCode)
			}
		}
	}
}

// TestConditionalPages: If-None-Match matches a page's tag, weak or in a
// list or *, on the fast path, through the router and for pages made per
// request; the 304 has neither body nor length; an error is never 304.
func TestConditionalPages(t *testing.T) {
	s := seed(t)
	doc := "/documents/" + seedSlug
	for _, path := range []string{doc, doc + "/clauses/3", doc + "/data.json", "/?x=1", "/documents?party=EE", "/commitments?party=EE", "/search", "/api/v1/documents"} {
		for _, encoding := range []string{"", "gzip"} {
			first := get(t, s.Handler(), http.MethodGet, path, "Accept-Encoding", encoding)
			tag := first.Header.Get("ETag")
			if first.StatusCode != 200 || tag == "" {
				t.Fatalf("GET %s [%s] = %d, ETag %q", path, encoding, first.StatusCode, tag)
			}
			for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, `W/"other",W/` + tag, "*"} {
				for _, method := range []string{http.MethodGet, http.MethodHead} {
					res := get(t, s.Handler(), method, path, "Accept-Encoding", encoding, "If-None-Match", inm)
					b := body(t, res)
					if res.StatusCode != http.StatusNotModified {
						t.Errorf("%s %s [%s] If-None-Match %s = %d; want 304", method, path, encoding, inm, res.StatusCode)
						continue
					}
					if len(b) != 0 || res.Header.Get("Content-Length") != "" || res.Header.Get("Content-Encoding") != "" || res.Header.Get("ETag") != tag {
						t.Errorf("%s %s [%s] 304: %d bytes, Content-Length %q, Content-Encoding %q, ETag %q",
							method, path, encoding, len(b), res.Header.Get("Content-Length"), res.Header.Get("Content-Encoding"), res.Header.Get("ETag"))
					}
				}
			}
			if res := get(t, s.Handler(), http.MethodGet, path, "Accept-Encoding", encoding, "If-None-Match", `"other"`); res.StatusCode != 200 {
				t.Errorf("GET %s [%s] with another tag = %d; want 200", path, encoding, res.StatusCode)
			}
		}
	}
	for _, path := range []string{"/nope", doc + "/clauses/99", "/documents/nope", "/search?q=trade&sort=sideways", "/api/v1/nope", "/documents?page=99"} {
		first := get(t, s.Handler(), http.MethodGet, path)
		for _, inm := range []string{"*", first.Header.Get("ETag"), "W/" + first.Header.Get("ETag")} {
			if inm == "" || inm == "W/" {
				continue
			}
			res := get(t, s.Handler(), http.MethodGet, path, "If-None-Match", inm)
			if b := body(t, res); res.StatusCode != first.StatusCode || res.StatusCode < 400 || len(b) == 0 {
				t.Errorf("GET %s If-None-Match %s = %d with %d bytes; want the %d page", path, inm, res.StatusCode, len(b), first.StatusCode)
			}
		}
	}
}

// TestAcceptEncodingQValues: a client that refuses gzip with q=0 gets none,
// from kept pages, pages made per request, search, the API and static
// files alike; one that refuses identity too gets the body as is.
func TestAcceptEncodingQValues(t *testing.T) {
	s := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.Search = fixedTook{c.Search} })
	css, _ := s.static.path("style.css")
	doc := "/documents/" + seedSlug
	for _, path := range []string{"/", doc, doc + "/clauses/3", "/documents?party=EE", "/search?q=cooperation", "/api/v1/search?q=cooperation", "/api/v1/documents", css, "/feed.atom"} {
		plain := get(t, s.Handler(), http.MethodGet, path)
		want := body(t, plain)
		if gz := get(t, s.Handler(), http.MethodGet, path, "Accept-Encoding", "gzip"); gz.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s [gzip] not gzipped", path)
		}
		for _, ae := range []string{"gzip;q=0", "gzip; q=0.0", "identity;q=0, gzip;q=0", "*;q=0", "br, gzip;q=0"} {
			res := get(t, s.Handler(), http.MethodGet, path, "Accept-Encoding", ae)
			if b := body(t, res); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || b != want || res.Header.Get("ETag") != plain.Header.Get("ETag") {
				t.Errorf("GET %s [%s] = %d, Content-Encoding %q, ETag %q; want 200, the body as is, ETag %q",
					path, ae, res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Get("ETag"), plain.Header.Get("ETag"))
			}
		}
	}
}

// TestQueryLimitInCharacters: the search boxes let a person type
// search.MaxQueryLen characters, and the server takes as many in any
// script, and says so in characters when there are more.
func TestQueryLimitInCharacters(t *testing.T) {
	s := seed(t)
	boxes := regexp.MustCompile(`<input [^>]*type="search"[^>]*>`)
	maxlength := regexp.MustCompile(`maxlength="(\d+)"`)
	n := 0
	for _, path := range []string{"/", "/documents/" + seedSlug, "/search?q=x", "/nope"} {
		for _, box := range boxes.FindAllString(body(t, get(t, s.Handler(), http.MethodGet, path)), -1) {
			n++
			if m := maxlength.FindStringSubmatch(box); m == nil || m[1] != itoa(search.MaxQueryLen) {
				t.Errorf("%s: search box %s; want maxlength=\"%d\"", path, box, search.MaxQueryLen)
			}
		}
	}
	if n < 4 {
		t.Errorf("found %d search boxes; want one per page and the page's own", n)
	}
	for _, text := range []string{strings.Repeat("Ж", search.MaxQueryLen), strings.Repeat("漢", search.MaxQueryLen), strings.Repeat("🙂", search.MaxQueryLen/2)} {
		for _, path := range []string{"/search", "/api/v1/search"} {
			if res := get(t, s.Handler(), http.MethodGet, searchURLAt(path, text)); res.StatusCode != 200 {
				t.Errorf("GET %s with %d characters (%d bytes) = %d; want 200", path, len([]rune(text)), len(text), res.StatusCode)
			}
		}
	}
	over := strings.Repeat("Ж", search.MaxQueryLen+1)
	for path, want := range map[string]string{"/search": "at most 512 characters", "/api/v1/search": "513 characters long; the most is 512"} {
		res := get(t, s.Handler(), http.MethodGet, searchURLAt(path, over))
		if b := body(t, res); res.StatusCode != 400 || !strings.Contains(b, want) {
			t.Errorf("GET %s with %d characters = %d; want 400 saying %q", path, search.MaxQueryLen+1, res.StatusCode, want)
		}
	}
}

func searchURLAt(path, q string) string {
	return path + "?q=" + url.QueryEscape(q)
}

// TestBodiesCloseTheConnection sends, over one raw connection, a request
// that carries a body, or says it does, followed by a second request: the
// first is refused with Connection: close, and the second, which a proxy
// in front may have taken for the first's body, is never answered.
func TestBodiesCloseTheConnection(t *testing.T) {
	s := seed(t)
	live := &Live{}
	live.Swap(s)
	for name, h := range map[string]http.Handler{"site": s.Handler(), "live": live} {
		srv := httptest.NewServer(h)
		testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
		defer srv.Close()
		smuggled := "GET /documents/" + seedSlug + " HTTP/1.1\r\nHost: accord.example\r\n\r\n"
		for _, tt := range []struct {
			name, head, body string
			status           int
		}{
			{"Content-Length and Transfer-Encoding", "GET / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n", 413},
			{"Content-Length and Transfer-Encoding on /healthz", "GET /healthz HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n", 413},
			{"Transfer-Encoding", "GET /search?q=trade HTTP/1.1\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n", 413},
			{"Content-Length", "GET /api/v1/documents HTTP/1.1\r\nContent-Length: 5\r\n", "hello", 413},
			{"Content-Length on a kept page", "GET /documents/" + seedSlug + " HTTP/1.1\r\nContent-Length: 5\r\n", "hello", 413},
			{"Content-Length on /readyz", "GET /readyz HTTP/1.1\r\nContent-Length: 5\r\n", "hello", 413},
			{"POST with a body", "POST /search HTTP/1.1\r\nContent-Length: 7\r\n", "q=trade", 405},
		} {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				conn, err := net.Dial("tcp", srv.Listener.Addr().String())
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				conn.SetDeadline(time.Now().Add(10 * time.Second))
				go io.WriteString(conn, tt.head+"Host: accord.example\r\n\r\n"+tt.body+smuggled)
				rd := bufio.NewReader(conn)
				res, err := http.ReadResponse(rd, nil)
				if err != nil {
					t.Fatalf("reading the response: %v", err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				// res.Close is the response's Connection: close, which
				// ReadResponse takes out of its headers.
				if res.StatusCode != tt.status || !res.Close {
					t.Errorf("= %d, closing %v; want %d with Connection: close", res.StatusCode, res.Close, tt.status)
				}
				if res.StatusCode == 413 && !strings.Contains(string(b), "does not accept request bodies") {
					t.Errorf("413 says %.200q; want why", b)
				}
				if rest, err := io.ReadAll(rd); len(rest) != 0 || err != nil {
					t.Errorf("after the refusal the connection carried %.300q (%v); want it closed", rest, err)
				}
			})
		}
	}
}
