package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/fixture"
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
	a, rules, err := fixture.Classified(1, 1000, 10)
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
	queries := fixture.Queries(s.cfg.Archive.Documents(), 1000, 1)
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

// bigTreeDoc is a treaty of 1,510 provisions: 10 chapters of 15 articles,
// each of 3 paragraphs with 2 sub-paragraphs, every one with a sentence.
func bigTreeDoc() *archive.Document {
	d := newDoc("2024-03-03-big-treaty", "Agreement on Everything", "treaty")
	d.Preamble = paras("The Parties to this Agreement,", "Desiring to cooperate in every field,")
	sentence := "Each Party shall take the measures necessary to give effect to this provision, in accordance with its law and its obligations under international law"
	for ch := 1; ch <= 10; ch++ {
		chapter := box(archive.ElChapter, "Chapter "+itoa(ch), "Chapter heading "+itoa(ch))
		for art := 1; art <= 15; art++ {
			n := (ch-1)*15 + art
			article := box(archive.ElArticle, "Article "+itoa(n), "Article heading "+itoa(n))
			for p := 1; p <= 3; p++ {
				para := prov(archive.ElParagraph, itoa(p)+".", t1(sentence+" ("+itoa(n)+"."+itoa(p)+"):"),
					prov(archive.ElSubparagraph, "(a)", t1(sentence+";")),
					prov(archive.ElSubparagraph, "(b)", t1(sentence+".")))
				article.Children = append(article.Children, para)
			}
			chapter.Children = append(chapter.Children, article)
		}
		d.Body = append(d.Body, chapter)
	}
	d.Build()
	d.KeepContentFile([]byte("(made in memory)"))
	return d
}

var benchTreeServer = sync.OnceValues(func() (*Server, error) {
	d := bigTreeDoc()
	a, err := archive.New([]*archive.Document{d})
	if err != nil {
		return nil, err
	}
	s, err := seedServer()
	if err != nil {
		return nil, err
	}
	return newTestServer(a, s.cfg.Vocabulary)
})

// BenchmarkTreeDocumentPage renders the document page of a treaty of
// 1,510 provisions (target: under 50 ms).
func BenchmarkTreeDocumentPage(b *testing.B) {
	s, err := benchTreeServer()
	if err != nil {
		b.Fatal(err)
	}
	d := s.cfg.Archive.Documents()[0]
	if n := len(provisionsOf(d)); n != 1510 {
		b.Fatalf("the treaty has %d provisions", n)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		body, err := s.tmpl.render("document", s.documentPage(d))
		if err != nil {
			b.Fatal(err)
		}
		size = len(body)
	}
	b.ReportMetric(float64(size)/1024, "KB/page")
}

// BenchmarkTreeProvisionPage renders a provision's page in that treaty,
// as a first request does (renderDocument for the one path; target:
// under 5 ms): a sub-paragraph, and an article with its paragraphs.
func BenchmarkTreeProvisionPage(b *testing.B) {
	s, err := benchTreeServer()
	if err != nil {
		b.Fatal(err)
	}
	d := s.cfg.Archive.Documents()[0]
	order := provisionsOf(d)
	for _, tc := range []struct {
		name string
		c    *archive.Provision
	}{
		{"sub-paragraph", order[len(order)-1]},
		{"article", d.Body[4].Children[9]},
	} {
		c := tc.c
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				set, err := s.renderDocument(d, c.Path())
				if err != nil || set.pages[c.Path()] == nil {
					b.Fatalf("%s: %v", c.Path(), err)
				}
			}
		})
	}
}

// BenchmarkTreePrerender is the start's rendering of that treaty's pages:
// the document's, its files; its provisions' pages wait for their first
// request.
func BenchmarkTreePrerender(b *testing.B) {
	s, err := benchTreeServer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.prerender(); err != nil {
			b.Fatal(err)
		}
	}
	var kept int
	for _, p := range s.pages {
		kept += len(p.body) + len(p.gzipped)
	}
	b.ReportMetric(float64(len(s.pages)), "kept-pages")
	b.ReportMetric(float64(kept)/1024, "kept-KB")
}
