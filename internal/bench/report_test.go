//go:build bench

package bench

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/fixture"
)

var (
	smoke         = flag.Bool("smoke", false, "tiny sizes and short runs; no target is judged")
	searchProfile = flag.String("searchprofile", "", "write a CPU profile of Accord's searches over the big corpus to `FILE`")
	only          = flag.String("only", "", "measure only these, comma-separated: pages, search, start, import")
	corpusDir     = flag.String("corpus", "", "write the synthetic content tree to `DIR` and keep it (reused if DIR already holds one); with -scale, one tree per size under DIR")
	scale         = flag.String("scale", "", "measure the growth table at these numbers of clauses instead, comma-separated (10000,100000,1000000)")
	rebuild       = flag.Bool("rebuild", false, "with -scale, build each size's index and FTS5 database again even if kept under -corpus")
	outDir        = flag.String("out", "", "write the growth table and its chart (growth.txt, growth.svg) into `DIR`")
)

// sizes are how much the report measures.
type sizes struct {
	docs, clausesPerDoc int           // the synthetic corpus
	queries             int           // distinct search queries
	load                time.Duration // each wrk run
	rounds              int           // wrk runs per page and server, alternating
	floorLoad           time.Duration // each wrk run against the floor (measureFloor)
	floorRounds         int           // and their number per server and encoding
	starts              int           // timed starts of the seed
	bigStarts           int           // timed starts of the synthetic archive
}

func reportSizes() sizes {
	if *smoke {
		return sizes{docs: 40, clausesPerDoc: 10, queries: 40, load: time.Second, rounds: 1, floorLoad: time.Second, floorRounds: 1, starts: 1, bigStarts: 1}
	}
	return sizes{docs: 10000, clausesPerDoc: 10, queries: 1000, load: 10 * time.Second, rounds: 2, floorLoad: 3 * time.Second, floorRounds: 9, starts: 5, bigStarts: 3}
}

// env is what the measures share: the built binary, the corpus on disk,
// a scratch directory and a log of the servers' output.
type env struct {
	sz      sizes
	bin     string // the accord binary
	floor   string // the bare net/http server (internal/bench/floor)
	dir     string // scratch
	content string // the synthetic content tree
	log     *os.File
	table   *Table
}

// TestReport measures the whole performance report and prints one table.
// Run it with `make bench` (or `make bench-smoke`).
func TestReport(t *testing.T) {
	ctx := context.Background()
	e := &env{sz: reportSizes(), dir: t.TempDir(), table: &Table{Smoke: *smoke}}
	var err error
	if e.log, err = os.Create(filepath.Join(e.dir, "servers.log")); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			b, _ := os.ReadFile(e.log.Name())
			t.Logf("servers' output:\n%s", b)
		}
	}()
	for _, tool := range []string{"nginx", "wrk"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: `make bench` installs it", tool)
		}
	}
	e.bin = filepath.Join(e.dir, "accord")
	build := exec.Command("go", "build", "-trimpath", "-o", e.bin, "github.com/accord-archive/accord/cmd/accord")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	e.floor = filepath.Join(e.dir, "floor")
	build = exec.Command("go", "build", "-trimpath", "-o", e.floor, "github.com/accord-archive/accord/internal/bench/floor")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if *scale != "" {
		sizes, err := parseScale(*scale)
		if err != nil {
			t.Fatal(err)
		}
		measureGrowth(ctx, t, e, sizes, *outDir)
		return
	}
	e.content = filepath.Join(e.dir, "content")
	if *corpusDir != "" {
		e.content = *corpusDir
	}
	docs := generate(e.sz)
	if _, err := os.Stat(filepath.Join(e.content, "vocabulary")); err != nil {
		vocab, err := fs.Sub(accord.Files, "content/vocabulary")
		if err != nil {
			t.Fatal(err)
		}
		if err := fixture.WriteContent(e.content, docs, vocab); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("corpus: %d documents, %d clauses in %s; GOMAXPROCS %d", len(docs), fixture.Clauses(docs), e.content, runtime.GOMAXPROCS(0))

	for _, m := range []struct {
		name    string
		measure func(context.Context, *testing.T, *env)
	}{{"pages", measurePages}, {"search", measureSearch}, {"start", measureStart}, {"import", measureImport}} {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), m.name) {
			continue
		}
		start := time.Now()
		m.measure(ctx, t, e)
		debug.FreeOSMemory() // the search phase's in-process index and pages weigh gigabytes
		t.Logf("%s measured in %s", m.name, time.Since(start).Round(time.Second))
	}

	var sb strings.Builder
	if err := e.table.Write(&sb); err != nil {
		t.Fatal(err)
	}
	title := "Accord performance report"
	if *smoke {
		title += " (smoke: tiny sizes, no targets judged)"
	}
	os.Stdout.WriteString("\n" + title + "\n\n" + sb.String() + "\n")
	if m := e.table.Missed(); len(m) > 0 {
		// A report, not a test: a missed target is news, not a failure.
		os.Stdout.WriteString("missed: " + strings.Join(m, "; ") + "\n")
	}
}
