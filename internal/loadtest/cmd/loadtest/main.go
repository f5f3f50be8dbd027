// Command loadtest starts `accord serve` on a free loopback port and runs a
// bounded load against it: a mixed GET load of document, clause and search
// pages, slow clients trickling their headers throughout, and wrk on a
// clause page when wrk is installed; with -storm, then a storm of costly
// searches against 100,000 synthetic clauses beside measured cheap
// requests. It prints the figures and exits 1 if any falls short: a 5xx
// (in the storm, one other than 503 with Retry-After), a socket error, a
// timeout, a slow client the server did not cut off, or a cheap request
// slowed past the storm's target. `make loadtest` runs it; it is a test
// tool, not part of the product.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/accord-archive/accord/internal/loadtest"
	"github.com/accord-archive/accord/internal/proc"
	"github.com/accord-archive/accord/internal/wrk"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	bin := fs.String("server", "bin/accord", "the accord `binary` to start")
	duration := fs.Duration("duration", 20*time.Second, "how long the mixed load runs")
	conns := fs.Int("conns", 64, "concurrent connections of the mixed load")
	slow := fs.Int("slow", 200, "slow clients connected throughout")
	interval := fs.Duration("slow-interval", time.Second, "time between a slow client's header bytes")
	headerTimeout := fs.Duration("header-timeout", 5*time.Second, "the server's ReadHeaderTimeout, which should cut the slow clients off")
	wrkBin := fs.String("wrk", "wrk", "the wrk `binary` for a throughput figure on a clause page (\"\" skips it)")
	wrkDuration := fs.Duration("wrk-duration", 10*time.Second, "how long wrk runs")
	storm := fs.String("storm", "", "run the storm too, on the synthetic content tree in `DIR` (written there when missing)")
	stormIndex := fs.String("storm-index", "", "the storm server's on-disk index (default: the storm's DIR with .index added)")
	stormClients := fs.Int("storm-clients", 16, "clients sending costly searches in the storm")
	stormDuration := fs.Duration("storm-duration", 10*time.Second, "how long the storm runs")
	stormTarget := fs.Duration("storm-target", 50*time.Millisecond, "the p99 the storm's cheap requests must stay under")
	stormOnly := fs.Bool("storm-only", false, "run the storm alone, not the mixed load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	stormCfg := stormConfig{bin: *bin, content: *storm, index: *stormIndex, clients: *stormClients, duration: *stormDuration, target: *stormTarget}
	if *stormOnly {
		if *storm == "" {
			return fmt.Errorf("-storm-only needs -storm DIR")
		}
		n, err := runStorm(ctx, stormCfg, out)
		if err == nil && n > 0 {
			err = fmt.Errorf("%d problems", n)
		}
		return err
	}

	startCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	addr, err := proc.FreeAddr()
	if err != nil {
		return err
	}
	srv, _, err := proc.Start(startCtx, addr, "/readyz", nil, *bin, "serve", "--addr", addr)
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.Stop(15 * time.Second)
		}
	}()
	fmt.Fprintf(out, "accord serving at %s (pid %d); ready\n", srv.URL, srv.PID())
	rep := &loadtest.Report{}
	rep.RSSBefore, _, _ = srv.Memory()

	targets, err := loadtest.Discover(ctx, httpClient(), srv.URL, loadtest.DefaultQueries())
	if err != nil {
		return err
	}
	rep.SlowConfig = loadtest.SlowConfig{Addr: srv.Addr, Clients: *slow, Interval: *interval, HeaderTimeout: *headerTimeout}
	crowd := loadtest.StartSlow(ctx, rep.SlowConfig)
	if err := waitConnected(ctx, crowd, *slow); err != nil {
		crowd.Stop()
		return err
	}
	sampleCtx, stopSampling := context.WithCancel(ctx)
	crowd.Sample(sampleCtx)
	fmt.Fprintf(out, "%d slow clients connected; mixed load of %d connections for %v\n", crowd.Open(), *conns, *duration)

	rep.LoadConfig = loadtest.LoadConfig{Base: srv.URL, Targets: targets, Mix: loadtest.DefaultMix(), Conns: *conns, Duration: *duration}
	rep.Load = loadtest.Load(ctx, rep.LoadConfig)

	if *wrkBin != "" {
		if path, err := exec.LookPath(*wrkBin); err != nil {
			fmt.Fprintf(out, "wrk not found (%v): no pure-throughput figure\n", err)
		} else {
			fmt.Fprintf(out, "wrk on a clause page for %v, slow clients still connected\n", *wrkDuration)
			rep.Wrk, err = wrk.Run(ctx, path, wrk.Config{URL: srv.URL + targets.Clauses[0], Threads: 2, Conns: *conns, Duration: *wrkDuration})
			if err != nil {
				fmt.Fprintf(out, "%v\n", err)
			}
		}
	}
	stopSampling()
	rep.Slow = crowd.Stop()
	rep.RSSAfter, rep.RSSPeak, _ = srv.Memory()
	rep.ShutdownErr = srv.Stop(15 * time.Second)
	stopped = true
	rep.ServerErrors, rep.ServerWarnings = srv.LogCounts()
	rep.ServerLog = srv.Log()
	rep.Print(out)
	problems := len(rep.Problems())
	if *storm != "" {
		n, err := runStorm(ctx, stormCfg, out)
		if err != nil {
			return err
		}
		problems += n
	}
	if problems > 0 {
		return fmt.Errorf("%d problems", problems)
	}
	return nil
}

type stormConfig struct {
	bin, content, index string
	clients             int
	duration, target    time.Duration
}

// runStorm serves 100,000 synthetic clauses and runs the storm against
// them; it returns how many problems the storm found.
func runStorm(ctx context.Context, cfg stormConfig, out io.Writer) (int, error) {
	clause, err := loadtest.StormCorpus(cfg.content, 10000, 10)
	if err != nil {
		return 0, err
	}
	if cfg.index == "" {
		cfg.index = filepath.Clean(cfg.content) + ".index"
	}
	fmt.Fprintf(out, "\nstorm: serving 100,000 synthetic clauses from %s (the first start builds the index, a minute or more)\n", cfg.content)
	startCtx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	addr, err := proc.FreeAddr()
	if err != nil {
		return 0, err
	}
	srv, _, err := proc.Start(startCtx, addr, "/readyz", nil, cfg.bin, "serve", "--addr", addr, "--content", cfg.content, "--index", cfg.index)
	if err != nil {
		return 0, err
	}
	defer srv.Stop(15 * time.Second)
	probes := loadtest.StormProbes(clause)
	if err := loadtest.Warm(ctx, srv.URL, probes); err != nil {
		return 0, err
	}
	sc := loadtest.StormConfig{Base: srv.URL, Attackers: cfg.clients, Queries: loadtest.StormQueries(), Probes: probes,
		Duration: cfg.duration, Target: cfg.target}
	res := loadtest.Storm(ctx, sc)
	res.Print(out, sc)
	errs, warns := srv.LogCounts()
	fmt.Fprintf(out, "storm server log: %d lines at ERROR, %d at WARN\n", errs, warns)
	problems := len(res.Problems(cfg.target))
	if errs > 0 {
		for _, line := range srv.Log()[:min(len(srv.Log()), 10)] {
			fmt.Fprintf(out, "  %s\n", line)
		}
		problems++
	}
	return problems, nil
}

func httpClient() *http.Client { return &http.Client{Timeout: 10 * time.Second} }

// waitConnected waits until n slow clients are connected.
func waitConnected(ctx context.Context, crowd *loadtest.Slow, n int) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for crowd.Open() < n {
		select {
		case <-ctx.Done():
			return fmt.Errorf("only %d of %d slow clients connected", crowd.Open(), n)
		case <-t.C:
		}
	}
	return nil
}
