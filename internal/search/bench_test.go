package search

import (
	"context"
	"flag"
	"path/filepath"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/synth"
)

// benchDocs sizes the benchmarks' corpus; `-bench.docs 10000` is the
// 100,000-clause corpus of `make bench`, for profiling:
//
//	go test -run '^$' -bench 'Search$' -args -bench.docs 10000 -cpuprofile search.prof
var benchBatch = flag.Int("bench.batch", 0, "units in a segment of the on-disk build (0: the default)")

var benchDocs = flag.Int("bench.docs", 1000, "documents of 10 clauses in the benchmarks' synthetic corpus")

// benchCorpus is classified, as the archive a server searches is.
var benchCorpus = sync.OnceValues(func() (*benchFixture, error) {
	a, _, err := fixture.Classified(1, *benchDocs, 10)
	if err != nil {
		return nil, err
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		return nil, err
	}
	return &benchFixture{a: a, ix: ix, queries: fixture.Queries(a.Documents(), 1000, 1)}, nil
})

type benchFixture struct {
	a       *archive.Archive
	ix      *Index
	queries []string // the report's queries: distinct, one to three words
}

func benchIndex(b *testing.B) *benchFixture {
	b.Helper()
	f, err := benchCorpus()
	if err != nil {
		b.Fatalf("build the benchmark corpus: %v", err)
	}
	return f
}

// BenchmarkBuild indexes the corpus in memory; clauses/s is the build
// rate the performance report gives.
func BenchmarkBuild(b *testing.B) {
	a, err := archive.New(synth.Generate(1, *benchDocs, 10))
	if err != nil {
		b.Fatal(err)
	}
	clauses := a.Stats().Clauses
	for b.Loop() {
		ix, err := Build(context.Background(), a)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(clauses*b.N)/b.Elapsed().Seconds(), "clauses/s")
}

// BenchmarkSearch runs the report's queries in turn: top 10, snippets,
// facets, as the search page asks.
func BenchmarkSearch(b *testing.B) {
	f := benchIndex(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := f.ix.Search(ctx, Query{Text: f.queries[i%len(f.queries)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSearchFiltered adds a party filter to each query.
func BenchmarkSearchFiltered(b *testing.B) {
	f := benchIndex(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		q := Query{Text: f.queries[i%len(f.queries)], Party: "EE"}
		if _, err := f.ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSearchParallel runs the queries from GOMAXPROCS goroutines.
func BenchmarkSearchParallel(b *testing.B) {
	f := benchIndex(b)
	ctx := context.Background()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := f.ix.Search(ctx, Query{Text: f.queries[i%len(f.queries)]}); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkBuildDisk builds the on-disk index of the corpus as Open does
// on an empty directory (merged, with its manifest): the build row of
// `make bench -scale`.
func BenchmarkBuildDisk(b *testing.B) {
	if *benchBatch > 0 {
		defer func(n int) { builderBatch = n }(builderBatch)
		builderBatch = *benchBatch
	}
	a, _, err := fixture.Classified(1, *benchDocs, 10)
	if err != nil {
		b.Fatal(err)
	}
	clauses := a.Stats().Clauses
	cpu0 := cpuTime()
	for b.Loop() {
		dir := b.TempDir()
		ix, err := Open(context.Background(), filepath.Join(dir, "index"), a, nil)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(clauses*b.N)/b.Elapsed().Seconds(), "clauses/s")
	// The machine may be shared: CPU time says more than the wall clock.
	b.ReportMetric(float64(clauses*b.N)/(cpuTime()-cpu0).Seconds(), "clauses/cpu-s")
}
