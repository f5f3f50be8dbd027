package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/http/httpguts"
)

// FuzzRouter sends arbitrary methods, paths and queries through the whole
// handler, guards included: no input may give a 5xx or a panic, every
// response carries the security headers, and none reflects its input as
// markup.
func FuzzRouter(f *testing.F) {
	for _, hr := range hostileRequests() {
		method := hr.method
		if method == "" {
			method = http.MethodGet
		}
		path, query := hr.rawPath, hr.rawQuery
		if path == "" && query == "" {
			path, query, _ = strings.Cut(hr.target, "?")
		}
		f.Add(method, path, query)
	}
	doc := "/documents/" + seedSlug
	for _, p := range []string{"/", "/documents", doc, doc + "/clauses/3", doc + "/data.json", doc + "/clauses/3/cite.bib", doc + "/provisions/para_3", doc + "/provisions/para_3/cite.ris", doc + "/provisions/art_1__para_2",
		"/sitemap.xml", "/feed.atom", "/robots.txt", "/about", "/static/style.css", "/api/v1/documents", "/api/v1/search", "/healthz"} {
		f.Add("GET", p, "q=transport&party=EE")
	}
	h := seed(f).Handler()
	f.Fuzz(func(t *testing.T, method, path, query string) {
		req := fuzzRequest(method, path, query)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		b := body(t, res)
		what := req.Method + " " + req.RequestURI
		if res.StatusCode >= 500 {
			t.Fatalf("%.200q = %d\n%.300s", what, res.StatusCode, b)
		}
		if res.StatusCode == http.StatusMethodNotAllowed && res.Header.Get("Allow") == "" {
			t.Errorf("%.200q: 405 without Allow", what)
		}
		if loc := res.Header.Get("Location"); loc != "" {
			checkLocation(t, what, loc)
		}
		checkSecurityHeaders(t, what, res.Header)
		checkReflection(t, what, b)
	})
}

// fuzzRequest makes a request with the given method, path and raw query
// set on the URL as they are, so that bytes a client library would refuse
// still reach the handler. A method that is no HTTP token, which the
// server would refuse before any handler runs, becomes GET.
func fuzzRequest(method, path, query string) *http.Request {
	if method == "" || !validMethod(method) {
		method = http.MethodGet
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Method = method
	if p, err := url.PathUnescape(path); err == nil {
		req.URL.Path, req.URL.RawPath = p, path
		if req.URL.EscapedPath() != path {
			req.URL.RawPath = ""
		}
	} else {
		req.URL.Path, req.URL.RawPath = path, ""
	}
	req.URL.RawQuery = query
	req.RequestURI = path
	if query != "" {
		req.RequestURI += "?" + query
	}
	return req
}

func validMethod(m string) bool {
	for _, c := range m {
		if c > 0x7f || !httpguts.IsTokenRune(c) {
			return false
		}
	}
	return true
}
