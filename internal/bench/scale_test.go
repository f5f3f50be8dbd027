//go:build bench

package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/proc"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/web"
	"github.com/accord-archive/accord/internal/wrk"
)

// The chart's panels, by title.
const (
	panelBuild  = "index build rate"
	panelStart  = "start: exec to /readyz"
	panelMemory = "resident set after warm-up"
	panelSearch = "search, top 10 with snippets"
	panelPage   = "pages"
	panelDisk   = "index on disk"
)

// parseScale reads -scale: clause counts, ascending, each a multiple of
// ten (documents of ten clauses).
func parseScale(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(f, "_", "")))
		if err != nil || n < 10 || n%10 != 0 {
			return nil, fmt.Errorf("-scale: %q is not a number of clauses (a multiple of ten)", f)
		}
		if len(out) > 0 && n <= out[len(out)-1] {
			return nil, fmt.Errorf("-scale: sizes go up: %d after %d", n, out[len(out)-1])
		}
		out = append(out, n)
	}
	return out, nil
}

// measureGrowth measures Accord (and FTS5 where it has the measure) at
// each size of synthetic archive, prints the growth table and writes its
// chart as growth.svg, and the table as growth.txt, into out.
func measureGrowth(ctx context.Context, t *testing.T, e *env, sizes []int, out string) {
	g := &Growth{Sizes: sizes}
	for i, n := range sizes {
		start := time.Now()
		load := loadAverage()
		growthAt(ctx, t, e, g, i, n)
		// The machine's load, for reading the others: on two cores shared
		// with other work, a wall-clock figure grows with it.
		g.Set(i, "load average, 1 min (higher of before and after)", "", "runnable", "machine", max(load, loadAverage()))
		debug.FreeOSMemory()
		t.Logf("%s clauses measured in %s", Count(n), time.Since(start).Round(time.Second))
		if i < len(sizes)-1 {
			writeGrowth(t, g, out, false) // what is measured so far, should the run end early
		}
	}
	writeGrowth(t, g, out, true)
}

// writeGrowth writes the table (printed too when final) and the chart.
func writeGrowth(t *testing.T, g *Growth, out string, final bool) {
	sizes := g.Sizes
	for _, t := range [][2]string{
		{"build", "≥ 40000/s, ≥ 0.4× FTS5"},
		{"start, index current", "< 3 s; ≤ 10× per ×10"},
		{"resident set", "< 1024 MB; ≤ 10× per ×10"},
		{"search median", "< 3 ms, ≤ 0.5× FTS5; ≤ 2× per ×10"},
		{"search p99", "< 20 ms"},
		{"results page p99", "< 25 ms"},
	} {
		g.Target(t[0], t[1])
	}
	var sb strings.Builder
	if err := g.Write(&sb); err != nil {
		t.Fatal(err)
	}
	machine := fmt.Sprintf("%d cores (GOMAXPROCS %d), %s/%s, %s", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	note := fmt.Sprintf(`Accord at growing sizes: synthetic archives of documents of ten clauses
(synth.Generate), %s.
make bench BENCH_ARGS="-scale %s"

`, machine, *scale)
	if final {
		os.Stdout.WriteString("\n" + note + sb.String() + "\n" + growthCommands + "\n")
	}
	if out == "" {
		return
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "growth.txt"), []byte(note+sb.String()+"\n"+growthCommands), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(out, "growth.svg"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	title := fmt.Sprintf("Accord from %s to %s clauses (log-log; %d cores)", Count(sizes[0]), Count(sizes[len(sizes)-1]), runtime.NumCPU())
	if err := g.SVG(f, title); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s and growth.txt", f.Name())
}

// growthCommands says how each row was measured.
const growthCommands = `how:
- build: search.Open on an empty directory (the on-disk build a server with
  --index makes, merged and verified); FTS5: INSERT in one transaction into
  an on-disk database, then 'optimize'. Rates in clauses a second.
- start, no index: accord serve --content DIR, exec to the first 200 on
  /readyz (search is built after it). start, index current: the same with
  --index, the index and the archive snapshot kept by an earlier start
  (median of 3; 1 at 1M and above for no index).
- resident set: VmRSS of the latter server after GETs of 500 document pages,
  500 clause pages and 200 searches.
- search: 1,000 distinct 1-3-word queries (fixture.Queries), top 10 with
  snippets, Accord and FTS5 (bm25, snippet()) alternating, in process.
- results page: GET /search?q=… for the same queries through the web
  handler (httptest), one at a time.
- clause page p99 under load: wrk -t2 -c64 -d10s --latency on one clause
  page of the server above.
- index on disk: the index directory (and the archive snapshot beside it);
  FTS5: the database file.`

// growthAt measures size i, n clauses, into g.
func growthAt(ctx context.Context, t *testing.T, e *env, g *Growth, i, n int) {
	dir := filepath.Join(e.dir, "scale-"+Count(n))
	if *corpusDir != "" {
		dir = filepath.Join(*corpusDir, "scale-"+Count(n))
	}
	content := filepath.Join(dir, "content")
	if _, err := os.Stat(filepath.Join(content, "vocabulary")); err != nil {
		// The vocabulary is written last: without it, the tree is not whole.
		os.RemoveAll(content)
		start := time.Now()
		vocab, err := fs.Sub(accord.Files, "content/vocabulary")
		if err != nil {
			t.Fatal(err)
		}
		if err := fixture.WriteContent(content, synth.Generate(1, n/10, 10), vocab); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: generated %s in %s", Count(n), content, time.Since(start).Round(time.Second))
		debug.FreeOSMemory()
	}
	set := func(measure, peer, unit, panel string, v float64) { g.Set(i, measure, peer, unit, panel, v) }

	// In process: the archive, both indexes, the searches and the page.
	start := time.Now()
	a, rules, err := classify.LoadArchive(os.DirFS(content))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: loaded in %s", Count(n), time.Since(start).Round(time.Millisecond))
	docs := a.Documents()
	clauses := float64(fixture.Clauses(docs))

	index := filepath.Join(dir, "index")
	ftsFile := filepath.Join(dir, "fts5.db")
	record := filepath.Join(dir, "build.json")
	var built builds
	// An index of another layout is built again by search.Open: its time
	// is measured then, not taken from the record.
	reuse := !*rebuild && readBuilds(record, &built) && built.Clauses == fixture.Clauses(docs) && built.Index == search.Version()
	if !reuse {
		os.Remove(record)
		os.RemoveAll(index)
		os.Remove(index + ".archive") // the snapshot, which names the index it goes with
		os.Remove(ftsFile)
	}
	start = time.Now()
	ix, err := search.Open(ctx, index, a, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if !reuse {
		built.Accord = time.Since(start).Seconds()
	}
	// A report on a shared machine measures slow searches, it does not
	// refuse them: a busy neighbour must not end an hour's run, nor a
	// query the server would refuse as too broad.
	ix.SetLimits(search.Limits{Timeout: time.Minute, Wait: time.Minute, MaxCost: 1 << 62})
	start = time.Now()
	var fts *FTS
	if reuse {
		fts, err = OpenFTSFile(ctx, ftsFile)
	} else {
		fts, err = NewFTSFile(ctx, ftsFile, docs)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !reuse {
		built.FTS5, built.Clauses, built.When, built.Index = time.Since(start).Seconds(), fixture.Clauses(docs), time.Now().UTC().Format(time.RFC3339), search.Version()
		writeBuilds(t, record, built)
	} else {
		t.Logf("%s: the index and the FTS5 database of %s reused, with their build times (-rebuild builds them again)", Count(n), built.When)
	}
	accBuild := time.Duration(built.Accord * float64(time.Second))
	ftsBuild := time.Duration(built.FTS5 * float64(time.Second))
	set("build", "", "clauses/s", panelBuild, clauses/accBuild.Seconds())
	set("build", "FTS5", "clauses/s", panelBuild, clauses/ftsBuild.Seconds())
	t.Logf("%s: built in %s, FTS5 in %s", Count(n), accBuild.Round(time.Millisecond), ftsBuild.Round(time.Millisecond))
	set("size", "", "MB", panelDisk, float64(dirBytes(index))/(1<<20))
	set("size", "FTS5", "MB", panelDisk, float64(dirBytes(ftsFile))/(1<<20))

	queries := fixture.Queries(docs, 1000, 1)
	acc := func(q string) {
		if _, err := ix.Search(ctx, search.Query{Text: q}); err != nil {
			t.Fatal(err)
		}
	}
	peer := func(q string) {
		if _, err := fts.Search(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range queries { // warm both up
		acc(q)
		peer(q)
	}
	var accT, ftsT []time.Duration
	timed := func(f func(string), q string, into *[]time.Duration) {
		start := time.Now()
		f(q)
		*into = append(*into, time.Since(start))
	}
	for k, q := range queries {
		if k%2 == 0 {
			timed(acc, q, &accT)
			timed(peer, q, &ftsT)
		} else {
			timed(peer, q, &ftsT)
			timed(acc, q, &accT)
		}
	}
	set("search median", "", "ms", panelSearch, ms(Median(accT)))
	set("search p99", "", "ms", panelSearch, ms(Percentile(accT, 99)))
	set("search median", "FTS5", "ms", panelSearch, ms(Median(ftsT)))
	set("search p99", "FTS5", "ms", panelSearch, ms(Percentile(ftsT, 99)))
	fts.Close()

	templates, _ := fs.Sub(accord.Files, "templates")
	static, _ := fs.Sub(accord.Files, "static")
	srv, err := web.NewServer(web.Config{Archive: a, Vocabulary: rules, Search: ix, Templates: templates, Static: static, EagerClauses: -1})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	page := func(q string) time.Duration {
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
	for _, q := range queries[:100] {
		page(q)
	}
	var pageT []time.Duration
	for _, q := range queries {
		pageT = append(pageT, page(q))
	}
	set("results page p50", "", "ms", panelPage, ms(Median(pageT)))
	set("results page p99", "", "ms", panelPage, ms(Percentile(pageT, 99)))
	clause := docs[len(docs)/2].Clauses[0].Path()
	paths, warmQueries := warmUpPaths(docs)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	srv, h, a, docs, rules = nil, nil, nil, nil, nil
	debug.FreeOSMemory()

	// Servers: a start without an index, then starts with the index just
	// built and the snapshot the first of them keeps.
	startOnce := func(args ...string) (time.Duration, *proc.Server) {
		addr, err := proc.FreeAddr()
		if err != nil {
			t.Fatal(err)
		}
		s, d, err := proc.Start(ctx, addr, "/readyz", e.log, e.bin, append([]string{"serve", "--addr", addr, "--content", content}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		return d, s
	}
	cold := 1
	if n < 1_000_000 {
		cold = 3
	}
	var took []time.Duration
	for range cold {
		d, s := startOnce()
		took = append(took, d)
		s.Stop(stopWithin) // before it builds its index in memory
	}
	set("start, no index", "", "s", panelStart, Median(took).Seconds())
	_, s := startOnce("--index", index) // keeps the snapshot
	s.Stop(stopWithin)
	took = took[:0]
	for k := range 3 {
		d, s2 := startOnce("--index", index)
		took = append(took, d)
		if k < 2 {
			s2.Stop(stopWithin)
		} else {
			s = s2
		}
	}
	defer s.Stop(stopWithin)
	set("start, index current", "", "s", panelStart, Median(took).Seconds())
	set("snapshot size", "", "MB", panelDisk, float64(dirBytes(index+".archive"))/(1<<20))

	warmUp(t, s, paths, warmQueries)
	rss, _, err := s.Memory()
	if err != nil {
		t.Fatal(err)
	}
	set("resident set", "", "MB", panelMemory, float64(rss)/(1<<20))

	l, err := wrk.Run(ctx, "wrk", wrk.Config{URL: s.URL + clause, Threads: runtime.NumCPU(), Conns: conns, Duration: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if l.Errors() > 0 {
		t.Fatalf("wrk %s: %d errors", clause, l.Errors())
	}
	set("clause page p99 under load", "", "ms", panelPage, ms(l.P99))
}

// builds are the build times of a size's index and FTS5 database, kept
// beside them (build.json), so that a later run that reuses them reports
// the times of the run that built them.
type builds struct {
	Index   string // search.Version of the index built
	Clauses int
	Accord  float64 // seconds
	FTS5    float64
	When    string
}

func readBuilds(file string, b *builds) bool {
	data, err := os.ReadFile(file)
	return err == nil && json.Unmarshal(data, b) == nil && b.Accord > 0 && b.FTS5 > 0
}

func writeBuilds(t *testing.T, file string, b builds) {
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadAverage is the machine's load average over the last minute, or 0.
func loadAverage() float64 {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// dirBytes is the size of the files under path (a file or a directory).
func dirBytes(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			if fi, err := de.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
