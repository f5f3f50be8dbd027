//go:build bench

package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/proc"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/wrk"
)

const conns = 64

// stopWithin is how long a server the report started has to drain and exit.
const stopWithin = 10 * time.Second

// baseURL is the public address both servers are told, so that their
// pages' absolute links, and so their bytes, are the same.
const baseURL = "https://accord.example"

func generate(sz sizes) []*archive.Document { return synth.Generate(1, sz.docs, sz.clausesPerDoc) }

// measurePages serves the seed with `accord serve` and its export with
// nginx, checks that both send the same bytes, then loads a document page
// and a clause page with wrk, alternating the servers.
func measurePages(ctx context.Context, t *testing.T, e *env) {
	seedFS, err := fs.Sub(accord.Files, "content")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := content.Load(seedFS)
	if err != nil {
		t.Fatal(err)
	}
	d := seed.Documents()[0]
	pages := []struct{ name, path string }{
		{"document page", d.Path()},
		{"clause page", d.Clauses[0].Path()},
	}

	site := filepath.Join(e.dir, "site")
	if out, err := exec.Command(e.bin, "export", "--out", site, "--base-url", baseURL).CombinedOutput(); err != nil {
		t.Fatalf("accord export: %v\n%s", err, out)
	}
	addr, err := proc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	acc, _, err := proc.Start(ctx, addr, "/readyz", e.log, e.bin, "serve", "--addr", addr, "--base-url", baseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer acc.Stop(stopWithin)
	nginxDir := filepath.Join(e.dir, "nginx")
	if err := os.MkdirAll(nginxDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if addr, err = proc.FreeAddr(); err != nil {
		t.Fatal(err)
	}
	ngx, err := StartNginx(ctx, nginxDir, addr, site, e.log)
	if err != nil {
		t.Fatal(err)
	}
	defer ngx.Stop(stopWithin)

	for _, p := range pages {
		a, n := fetch(t, acc.URL+p.path), fetch(t, ngx.URL+p.path)
		if !bytes.Equal(a, n) {
			t.Fatalf("%s: accord serve sends %d bytes, nginx %d: not the same page", p.path, len(a), len(n))
		}
	}

	threads := runtime.NumCPU()
	for i, p := range pages {
		var accLoad, ngxLoad []*wrk.Result
		for r := range e.sz.rounds {
			run := func(s *proc.Server, into *[]*wrk.Result) {
				l, err := wrk.Run(ctx, "wrk", wrk.Config{URL: s.URL + p.path, Threads: threads, Conns: conns, Duration: e.sz.load})
				if err != nil {
					t.Fatal(err)
				}
				if l.Errors() > 0 {
					t.Fatalf("wrk %s: %d errors (socket: %s; not 2xx or 3xx: %d)", s.URL+p.path, l.Errors(), l.Socket, l.NonOK)
				}
				*into = append(*into, l)
			}
			if (i+r)%2 == 0 {
				run(acc, &accLoad)
				run(ngx, &ngxLoad)
			} else {
				run(ngx, &ngxLoad)
				run(acc, &accLoad)
			}
		}
		a, n := combine(accLoad), combine(ngxLoad)
		cmd := fmt.Sprintf("wrk %s, alternately against `accord serve` and nginx serving `accord export` (%d rounds)",
			strings.Join(wrk.Config{URL: "http://127.0.0.1:PORT" + p.path, Threads: threads, Conns: conns, Duration: e.sz.load}.Args(), " "), e.sz.rounds)
		e.table.Add(Row{
			Measure: p.name + ": throughput",
			Accord:  fmt.Sprintf("%.0f req/s", a.RPS),
			Peer:    fmt.Sprintf("nginx %.0f req/s", n.RPS),
			Target:  Ratio(a.RPS, n.RPS) + " (≥ 0.80×)",
			Verdict: Judge(a.RPS >= 0.8*n.RPS),
			Command: cmd,
		})
		e.table.Add(Row{
			Measure: p.name + ": p99 latency",
			Accord:  Ms(a.P99),
			Peer:    "nginx " + Ms(n.P99),
			Target:  "< 5 ms",
			Verdict: Judge(a.P99 < 5*time.Millisecond),
			Command: "the same wrk runs (worst p99 of the rounds)",
		})
	}

	measureFloor(ctx, t, e, acc, ngx, pages[1].path)
	measureWeight(t, e, acc, pages[1].path, site)
}

// measureFloor loads the clause page from Accord and from a bare net/http
// server replaying Accord's very response (status, every header, body),
// without and with gzip, in many short runs alternating the servers, and
// nginx beside them without: the floor is what Go's HTTP stack costs,
// which Accord cannot go below. The targets are judged on the medians of
// the ratios round by round (SummarizeFloor); the CPU time each server
// spent per request, read from /proc, is shown beside them, as it is
// steadier than requests a second on a shared machine.
func measureFloor(ctx context.Context, t *testing.T, e *env, acc, ngx *proc.Server, path string) {
	file := filepath.Join(e.dir, "floor.json")
	recorded, err := RecordResponses(acc.URL+path, file)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := proc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	floor, _, err := proc.Start(ctx, addr, "/", e.log, e.floor, "-addr", addr, "-responses", file)
	if err != nil {
		t.Fatal(err)
	}
	defer floor.Stop(stopWithin)
	threads := runtime.NumCPU()
	for k, enc := range []string{"identity", "gzip"} {
		var headers []string
		if enc == "gzip" {
			headers = []string{"Accept-Encoding: gzip"}
		}
		servers := []*proc.Server{acc, floor}
		if enc == "identity" {
			servers = append(servers, ngx)
		}
		runs := make([][]FloorRun, len(servers))
		for r := range e.sz.floorRounds {
			for j := range servers {
				j := (j + r + k) % len(servers) // each round starts with another
				runs[j] = append(runs[j], floorRun(ctx, t, servers[j], wrk.Config{
					URL: servers[j].URL + path, Threads: threads, Conns: conns, Duration: e.sz.floorLoad, Headers: headers}))
			}
		}
		s := SummarizeFloor(runs[0], runs[1])
		rpsMet, p99Met := s.Met()
		peer := fmt.Sprintf("bare net/http %.0f req/s", s.FloorRPS)
		if enc == "identity" {
			rps := make([]float64, len(runs[2]))
			for i, r := range runs[2] {
				rps[i] = r.RPS
			}
			peer += fmt.Sprintf("; nginx %.0f req/s", medianFloat(rps))
		}
		args := wrk.Config{URL: "http://127.0.0.1:PORT" + path, Threads: threads, Conns: conns, Duration: e.sz.floorLoad, Headers: headers}.Args()
		rounds := fmt.Sprintf("%d rounds; medians, and the median of the rounds' ratios", s.Rounds)
		e.table.Add(Row{
			Measure: fmt.Sprintf("clause page, %s (%d bytes): throughput against the floor", enc, len(recorded[k].Body)),
			Accord:  fmt.Sprintf("%.0f req/s", s.AccordRPS),
			Peer:    peer,
			Target:  fmt.Sprintf("%.2f× (≥ %.2f×)", s.RPSRatio, FloorRPSTarget),
			Verdict: Judge(rpsMet),
			Command: fmt.Sprintf("wrk %s, alternately against `accord serve`, a bare net/http handler replaying Accord's response (internal/bench/floor)%s (%s)",
				shellJoin(args), map[bool]string{true: " and nginx", false: ""}[enc == "identity"], rounds),
		})
		e.table.Add(Row{
			Measure: fmt.Sprintf("clause page, %s: p99 against the floor", enc),
			Accord:  Ms(s.AccordP99),
			Peer:    "bare net/http " + Ms(s.FloorP99),
			Target:  fmt.Sprintf("%.2f× (≤ %.2f×)", s.P99Ratio, FloorP99Target),
			Verdict: Judge(p99Met),
			Command: "the same wrk runs (" + rounds + ")",
		})
		e.table.Add(Row{
			Measure: fmt.Sprintf("clause page, %s: CPU time per request against the floor", enc),
			Accord:  fmt.Sprintf("%.1f µs", float64(s.AccordCPU)/float64(time.Microsecond)),
			Peer:    fmt.Sprintf("bare net/http %.1f µs", float64(s.FloorCPU)/float64(time.Microsecond)),
			Target:  fmt.Sprintf("%.2f×", s.CPURatio),
			Verdict: Info,
			Command: "the same wrk runs: each server's user and system time (/proc/PID/stat) over the requests it answered (" + rounds + ")",
		})
	}
}

// floorRun loads s with c and reads the CPU time s spent meanwhile.
func floorRun(ctx context.Context, t *testing.T, s *proc.Server, c wrk.Config) FloorRun {
	before, err := ProcessCPU(s.PID())
	if err != nil {
		t.Fatal(err)
	}
	l, err := wrk.Run(ctx, "wrk", c)
	if err != nil {
		t.Fatal(err)
	}
	after, err := ProcessCPU(s.PID())
	if err != nil {
		t.Fatal(err)
	}
	if l.Errors() > 0 {
		t.Fatalf("wrk %s: %d errors (socket: %s; not 2xx or 3xx: %d)", c.URL, l.Errors(), l.Socket, l.NonOK)
	}
	return FloorRun{RPS: l.RPS, P99: l.P99, Requests: l.Requests, CPU: after - before}
}

// shellJoin joins args as a shell would read them back.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if strings.ContainsAny(a, " \"'") {
			out[i] = "'" + a + "'"
		}
	}
	return strings.Join(out, " ")
}

// combine averages the rounds' throughput and keeps the worst p99.
func combine(ls []*wrk.Result) wrk.Result {
	var c wrk.Result
	for _, l := range ls {
		c.RPS += l.RPS / float64(len(ls))
		c.P50 = max(c.P50, l.P50)
		c.P99 = max(c.P99, l.P99)
	}
	return c
}

// measureWeight sums a clause page and what it loads, gzip accepted, and
// looks for third-party resources in every exported page.
func measureWeight(t *testing.T, e *env, acc *proc.Server, clause, site string) {
	wire, err := OverTheWire(acc.URL, clause)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	var parts []string
	for _, w := range wire {
		total += w.Bytes
		kind := strings.TrimPrefix(filepath.Ext(strings.SplitN(w.Path, "?", 2)[0]), ".")
		if w.Path == clause {
			kind = "page"
		}
		parts = append(parts, fmt.Sprintf("%s %.1f", kind, float64(w.Bytes)/1024))
	}
	e.table.Add(Row{
		Measure: "clause page over the wire, gzip, with what it loads",
		Accord:  fmt.Sprintf("%.1f KB: %s", float64(total)/1024, strings.Join(parts, " + ")),
		Target:  "< 15 KB",
		Verdict: Judge(total < 15*1024),
		Command: "GET " + clause + " and each stylesheet, icon and script it links, Accept-Encoding: gzip; headers counted",
	})

	base, _ := url.Parse(acc.URL)
	var found []string
	pages := 0
	err = filepath.WalkDir(site, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		for _, r := range ThirdParty(b, base) {
			rel, _ := filepath.Rel(site, p)
			found = append(found, rel+": "+r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) > 0 {
		t.Errorf("third-party resources: %s", strings.Join(found, ", "))
	}
	e.table.Add(Row{
		Measure: "third-party resources",
		Accord:  fmt.Sprintf("%d in %d pages", len(found), pages),
		Target:  "0",
		Verdict: Judge(len(found) == 0),
		Command: "every src and fetched <link> href of every page of `accord export`",
	})
}

func fetch(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	return b
}
