//go:build bench

package bench

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/proc"
)

// measureStart times `accord serve` from exec to its first 200 on
// /readyz: on the embedded seed, and on the synthetic corpus with a
// current --index; then the resident set of the latter after a warm-up.
func measureStart(ctx context.Context, t *testing.T, e *env) {
	starts := func(n int, args ...string) (time.Duration, *proc.Server) {
		var took []time.Duration
		var last *proc.Server
		for i := range n {
			addr, err := proc.FreeAddr()
			if err != nil {
				t.Fatal(err)
			}
			s, d, err := proc.Start(ctx, addr, "/readyz", e.log, e.bin, append([]string{"serve", "--addr", addr}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			took = append(took, d)
			if i < n-1 {
				s.Stop(stopWithin)
			} else {
				last = s
			}
		}
		return Median(took), last
	}

	measureTextsStart(t, e, starts)

	seed, s := starts(e.sz.starts)
	s.Stop(stopWithin)
	e.table.Add(Row{
		Measure: "start, seed: exec to first 200 on /readyz",
		Accord:  Ms(seed),
		Target:  "< 300 ms",
		Verdict: Judge(seed < 300*time.Millisecond),
		Command: fmt.Sprintf("accord serve --addr 127.0.0.1:PORT (median of %d)", e.sz.starts),
	})

	index := filepath.Join(e.dir, "index")
	addr, err := proc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	s, cold, err := proc.Start(ctx, addr, "/readyz", e.log, e.bin, "serve", "--addr", addr, "--content", e.content, "--index", index)
	if err != nil {
		t.Fatal(err)
	}
	s.Stop(stopWithin)
	warm, s := starts(e.sz.bigStarts, "--content", e.content, "--index", index)
	defer s.Stop(stopWithin)
	clauses := fmt.Sprintf("%d-clause archive", e.sz.docs*e.sz.clausesPerDoc)
	e.table.Add(Row{
		Measure: "start, " + clauses + ", index current",
		Accord:  Ms(warm),
		Peer:    "index absent: " + Ms(cold),
		Target:  "< 1 s",
		Verdict: Judge(warm < time.Second),
		Command: fmt.Sprintf("accord serve --addr 127.0.0.1:PORT --content SYNTH --index DIR (median of %d; the first start, not counted, built DIR)", e.sz.bigStarts),
	})

	a, err := content.Load(os.DirFS(e.content))
	if err != nil {
		t.Fatal(err)
	}
	paths, queries := warmUpPaths(a.Documents())
	warmUp(t, s, paths, queries)
	rss, _, err := s.Memory()
	if err != nil {
		t.Fatal(err)
	}
	e.table.Add(Row{
		Measure: "resident set serving the " + clauses,
		Accord:  fmt.Sprintf("%.0f MB", float64(rss)/(1<<20)),
		Target:  "< 200 MB",
		Verdict: Judge(rss < 200<<20),
		Command: "VmRSS in /proc/PID/status of the server above, after GETs of 500 document pages, 500 clause pages and 200 searches",
	})
}

// measureTextsStart times the start of an archive shaped like sixty real
// texts (fixture.WriteTexts: about 4,800 paragraphs, one treaty of 1,500,
// in the tree format), with no index given, and writes a CPU profile of
// one more start beside the search profile, whose top it prints.
func measureTextsStart(t *testing.T, e *env, starts func(int, ...string) (time.Duration, *proc.Server)) {
	dir := filepath.Join(e.dir, "texts")
	vocab, err := fs.Sub(accord.Files, "content/vocabulary")
	if err != nil {
		t.Fatal(err)
	}
	if err := fixture.WriteContent(dir, nil, vocab); err != nil {
		t.Fatal(err)
	}
	paragraphs, err := fixture.WriteTexts(dir)
	if err != nil {
		t.Fatal(err)
	}
	took, s := starts(e.sz.starts, "--content", dir)
	s.Stop(stopWithin)
	texts := len(fixture.TextsParagraphs())
	e.table.Add(Row{
		Measure: fmt.Sprintf("start, %d texts of %d paragraphs (one of 1,500), no index", texts, paragraphs),
		Accord:  Ms(took),
		Target:  "< 300 ms",
		Verdict: Judge(took < 300*time.Millisecond),
		Command: fmt.Sprintf("accord serve --addr 127.0.0.1:PORT --content TEXTS (median of %d)", e.sz.starts),
	})
	if *searchProfile == "" {
		return
	}
	profile := filepath.Join(filepath.Dir(*searchProfile), "start.pprof")
	_, s = starts(1, "--content", dir, "--cpuprofile", profile)
	s.Stop(stopWithin)
	out, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount", "30", e.bin, profile).CombinedOutput()
	if err != nil {
		t.Logf("go tool pprof %s: %v", profile, err)
	}
	t.Logf("CPU profile of that start, until /readyz (%s):\n%s", profile, out)
}

// warmUpPaths are the pages and searches warmUp asks for: 500 document
// pages, 500 clause pages and 200 searches.
func warmUpPaths(docs []*archive.Document) (paths, queries []string) {
	for i := range 500 {
		d := docs[i*7919%len(docs)]
		paths = append(paths, d.Path(), d.Clauses[i%len(d.Clauses)].Path())
	}
	return paths, fixture.Queries(docs, 200, 2)
}

// warmUp requests pages and searches from s, as readers would.
func warmUp(t *testing.T, s *proc.Server, paths, queries []string) {
	client := &http.Client{}
	get := func(p string) int {
		resp, err := client.Get(s.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, p := range paths {
		if code := get(p); code != http.StatusOK {
			t.Fatalf("GET %s: %d", p, code)
		}
	}
	busy, broad := 0, 0
	for _, q := range queries {
		switch code := get("/search?q=" + url.QueryEscape(q)); code {
		case http.StatusOK:
		case http.StatusServiceUnavailable: // out of time on a busy machine: still a warm-up
			busy++
		case http.StatusBadRequest: // too broad for a big archive: refused, as it should be
			broad++
		default:
			t.Fatalf("GET /search?q=%s: %d", q, code)
		}
	}
	if busy+broad > 0 {
		t.Logf("warm-up: of %d searches, %d answered 503 (out of time), %d 400 (too broad)", len(queries), busy, broad)
	}
}
