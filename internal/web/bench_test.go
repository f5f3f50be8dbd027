package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/bench"
)

// BenchmarkPage serves pre-rendered pages of the seed through the whole
// handler, guards included.
func BenchmarkPage(b *testing.B) {
	s := seed(b)
	d := seedDoc(b)
	for _, bc := range []struct {
		name, path, encoding string
	}{
		{"document", d.Path(), ""},
		{"clause", d.Clauses[0].Path(), ""},
		{"clause-gzip", d.Clauses[0].Path(), "gzip"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h := s.Handler()
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			if bc.encoding != "" {
				req.Header.Set("Accept-Encoding", bc.encoding)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", bc.path, rec.Code)
				}
			}
		})
	}
}

// benchSearchServer serves a synthetic archive of 1,000 documents (10,000
// clauses), classified with the repository's vocabularies.
var benchSearchServer = sync.OnceValues(func() (*Server, error) {
	a, rules, err := bench.Classified(1, 1000, 10)
	if err != nil {
		return nil, err
	}
	return newTestServer(a, rules)
})

// BenchmarkSearchPage renders /search for the report's queries in turn:
// search, facets and the page.
func BenchmarkSearchPage(b *testing.B) {
	s, err := benchSearchServer()
	if err != nil {
		b.Fatal(err)
	}
	queries := bench.Queries(s.cfg.Archive.Documents(), 1000, 1)
	h := s.Handler()
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/search?q="+url.QueryEscape(queries[i%len(queries)]), nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", req.URL, rec.Code)
		}
		i++
	}
}

// discard is a ResponseWriter that keeps nothing: BenchmarkKeptPage
// measures what the handler costs, not a recorder's copying.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkKeptPage serves a clause page kept since start, gzipped, through
// the whole handler: the guards, the kept-page lookup and the write of
// the headers. It is the commonest request, and what the fast path
// (keptFirst, routes.go) is for.
func BenchmarkKeptPage(b *testing.B) {
	h := seed(b).Handler()
	req := httptest.NewRequest(http.MethodGet, seedDoc(b).Clauses[0].Path(), nil)
	req.Header.Set("Accept-Encoding", "gzip")
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}
