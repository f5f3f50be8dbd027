//go:build bench

package bench

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/web"
)

// measureSearch builds Accord's index and the FTS5 peer over the
// synthetic corpus, runs the same queries through both, alternating, then
// the same queries through the /search page.
func measureSearch(ctx context.Context, t *testing.T, e *env) {
	a, rules, err := classify.LoadArchive(os.DirFS(e.content))
	if err != nil {
		t.Fatal(err)
	}
	docs := a.Documents()
	clauses := float64(fixture.Clauses(docs))
	corpus := fmt.Sprintf("synth.Generate(1, %d, %d)", e.sz.docs, e.sz.clausesPerDoc)

	start := time.Now()
	ix, err := search.Build(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	accBuild := time.Since(start)
	start = time.Now()
	fts, err := NewFTS(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	defer fts.Close()
	ftsBuild := time.Since(start)
	accRate, ftsRate := clauses/accBuild.Seconds(), clauses/ftsBuild.Seconds()
	e.table.Add(Row{
		Measure: "full index build",
		Accord:  fmt.Sprintf("%.0f clauses/s (%s)", accRate, accBuild.Round(time.Millisecond)),
		Peer:    fmt.Sprintf("FTS5 %.0f clauses/s", ftsRate),
		Target:  Ratio(accRate, ftsRate) + "; ≥ 20000/s",
		Verdict: Judge(accRate >= 20000),
		Command: "search.Build(" + corpus + "), in memory; FTS5: INSERT in one transaction, then 'optimize'",
	})

	queries := fixture.Queries(docs, e.sz.queries, 1)
	if len(queries) < e.sz.queries {
		t.Fatalf("only %d distinct queries in the corpus; want %d", len(queries), e.sz.queries)
	}
	accord := func(q string) int {
		res, err := ix.Search(ctx, search.Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Hits)
	}
	peer := func(q string) int {
		hits, err := fts.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	var accEmpty, ftsEmpty int
	for _, q := range queries { // warm both up; every query should find something
		if accord(q) == 0 {
			accEmpty++
		}
		if peer(q) == 0 {
			ftsEmpty++
		}
	}
	accTimes := make([]time.Duration, 0, len(queries))
	ftsTimes := make([]time.Duration, 0, len(queries))
	timed := func(f func(string) int, q string, into *[]time.Duration) {
		start := time.Now()
		f(q)
		*into = append(*into, time.Since(start))
	}
	for i, q := range queries {
		if i%2 == 0 {
			timed(accord, q, &accTimes)
			timed(peer, q, &ftsTimes)
		} else {
			timed(peer, q, &ftsTimes)
			timed(accord, q, &accTimes)
		}
	}
	accMed, ftsMed := Median(accTimes), Median(ftsTimes)
	accP99, ftsP99 := Percentile(accTimes, 99), Percentile(ftsTimes, 99)
	cmd := fmt.Sprintf("%d distinct 1-3-word queries (fixture.Queries), (*search.Index).Search top 10 vs FTS5 %q, alternating; %d and %d found nothing",
		len(queries), "MATCH … ORDER BY bm25 LIMIT 10 with snippet()", accEmpty, ftsEmpty)
	e.table.Add(Row{
		Measure: "search, top 10 with snippets: median",
		Accord:  Ms(accMed),
		Peer:    "FTS5 " + Ms(ftsMed),
		Target:  Ratio(float64(accMed), float64(ftsMed)) + " (≤ 1.00×)",
		Verdict: Judge(accMed <= ftsMed),
		Command: cmd,
	})
	e.table.Add(Row{
		Measure: "search, top 10 with snippets: p99",
		Accord:  Ms(accP99),
		Peer:    "FTS5 " + Ms(ftsP99),
		Target:  Ratio(float64(accP99), float64(ftsP99)),
		Verdict: Info,
		Command: "the same runs",
	})

	if *searchProfile != "" {
		profileSearch(t, *searchProfile, queries, accord)
	}
	measureSearchPage(t, a, rules, ix, queries, e)
}

// profileSearch runs every query through Accord again under the CPU
// profiler, a few times over, so the profile has enough samples.
func profileSearch(t *testing.T, file string, queries []string, accord func(string) int) {
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		for _, q := range queries {
			accord(q)
		}
	}
	pprof.StopCPUProfile()
}

// measureSearchPage times /search?q=… through the whole web handler:
// search, facets and the rendered page.
func measureSearchPage(t *testing.T, a *archive.Archive, rules *classify.Rules, ix *search.Index, queries []string, e *env) {
	templates, _ := fs.Sub(accord.Files, "templates")
	static, _ := fs.Sub(accord.Files, "static")
	start := time.Now()
	srv, err := web.NewServer(web.Config{Archive: a, Vocabulary: rules, Search: ix, Templates: templates, Static: static})
	if err != nil {
		t.Fatal(err)
	}
	prerender := time.Since(start)
	h := srv.Handler()
	get := func(q string) time.Duration {
		req := httptest.NewRequest(http.MethodGet, "/search?q="+url.QueryEscape(q), nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		took := time.Since(start)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET /search?q=%s: %d", q, rec.Code)
		}
		return took
	}
	for _, q := range queries[:min(len(queries), 100)] {
		get(q) // warm up
	}
	times := make([]time.Duration, 0, len(queries))
	for _, q := range queries {
		times = append(times, get(q))
	}
	p50, p99 := Median(times), Percentile(times, 99)
	cmd := fmt.Sprintf("GET /search?q=… for the same %d queries through web.NewServer(…).Handler() with httptest, one at a time (pages pre-rendered in %s)",
		len(queries), prerender.Round(time.Millisecond))
	e.table.Add(Row{Measure: "search results page with facets: p50", Accord: Ms(p50), Target: "< 2 ms",
		Verdict: Judge(p50 < 2*time.Millisecond), Command: cmd})
	e.table.Add(Row{Measure: "search results page with facets: p99", Accord: Ms(p99), Target: "< 20 ms",
		Verdict: Judge(p99 < 20*time.Millisecond), Command: "the same requests"})
}
