package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/accord-archive/accord/internal/classify"
)

// BenchmarkServedClausePage serves a clause page as `accord serve` does,
// from the page cache it was rendered into on first request (documents'
// pages are not rendered at start), through the whole handler, gzipped
// and plain; /floor is a bare handler writing the same headers and body,
// what no handler can go below. The difference is the guards, the fast
// path and the cache.
func BenchmarkServedClausePage(b *testing.B) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		b.Fatal(err)
	}
	s, err := newTestServerWith(a, rules, func(c *Config) { c.EagerClauses = -1 })
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	for _, enc := range []string{"gzip", "identity"} {
		req := httptest.NewRequest(http.MethodGet, "/documents/"+seedSlug+"/clauses/3", nil)
		if enc == "gzip" {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != map[string]string{"gzip": "gzip"}[enc] {
			b.Fatalf("GET %s (%s): %d, Content-Encoding %q", req.URL, enc, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		body, header := rec.Body.Bytes(), rec.Header()
		b.Run("accord-"+enc, func(b *testing.B) {
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
		})
		b.Run("floor-"+enc, func(b *testing.B) {
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				hdr := w.Header()
				for k, v := range header {
					hdr[k] = v
				}
				w.WriteHeader(http.StatusOK)
				w.Write(body)
			}
		})
	}
}

// TestCachedPageSkipsRouter: a document's page in the page cache is
// served before the router (keptFirst), which copies the request and
// sets its path values, and to a client without gzip from the plain body
// kept on its first such request, not inflated each time: counted in
// allocations, as their cost is.
func TestCachedPageSkipsRouter(t *testing.T) {
	s := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.EagerClauses = -1 })
	h := s.Handler()
	for _, enc := range []string{"gzip", ""} {
		req := httptest.NewRequest(http.MethodGet, "/documents/"+seedSlug+"/clauses/3", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		first := httptest.NewRecorder()
		h.ServeHTTP(first, req)
		w := &discard{h: http.Header{}}
		allocs := testing.AllocsPerRun(100, func() {
			clear(w.h)
			h.ServeHTTP(w, req)
		})
		// The guards make 2 (their writer, the request's id); the router
		// would add a copy of the request and its path values, inflating
		// a 32 KB buffer and more.
		if allocs > 2 {
			t.Errorf("Accept-Encoding %q: a cached clause page costs %.0f allocations; want at most 2 (is it routed, or inflated?)", enc, allocs)
		}
		if w.h.Get("Etag") != first.Header().Get("Etag") || w.h.Get("Content-Encoding") != enc {
			t.Errorf("served from the cache: ETag %q, Content-Encoding %q; want %q, %q", w.h.Get("Etag"), w.h.Get("Content-Encoding"), first.Header().Get("Etag"), enc)
		}
	}
}
