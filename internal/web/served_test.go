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
// pages are not rendered at start), gzipped, through the whole handler;
// /floor is a bare handler writing the same headers and body, what no
// handler can go below. The difference is the guards, the router and the
// cache.
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
	req := httptest.NewRequest(http.MethodGet, "/documents/"+seedSlug+"/clauses/3", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d", req.URL, rec.Code)
	}
	body, header := rec.Body.Bytes(), rec.Header()
	b.Run("accord", func(b *testing.B) {
		w := &discard{h: http.Header{}}
		b.ReportAllocs()
		for b.Loop() {
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
	b.Run("floor", func(b *testing.B) {
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

// TestCachedPageSkipsRouter: a document's page in the page cache is
// served before the router (keptFirst), which copies the request and
// sets its path values: counted in allocations, as its cost is.
func TestCachedPageSkipsRouter(t *testing.T) {
	s := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.EagerClauses = -1 })
	h := s.Handler()
	req := httptest.NewRequest(http.MethodGet, "/documents/"+seedSlug+"/clauses/3", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	first := httptest.NewRecorder()
	h.ServeHTTP(first, req)
	w := &discard{h: http.Header{}}
	allocs := testing.AllocsPerRun(100, func() {
		clear(w.h)
		h.ServeHTTP(w, req)
	})
	// The guards make 7 (the request's id and context, the access log's
	// writer); the router adds a copy of the request and its path values.
	if allocs > 8 {
		t.Errorf("a cached clause page costs %.0f allocations; want at most 8 (is it routed?)", allocs)
	}
	if w.h.Get("Etag") != first.Header().Get("Etag") || w.h.Get("Content-Encoding") != "gzip" {
		t.Errorf("served from the cache: ETag %q, Content-Encoding %q; want %q, gzip", w.h.Get("Etag"), w.h.Get("Content-Encoding"), first.Header().Get("Etag"))
	}
}
