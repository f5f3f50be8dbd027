// Command loadtest starts `accord serve` on a free loopback port and runs a
// bounded load against it: a mixed GET load of document, clause and search
// pages, slow clients trickling their headers throughout, and wrk on a
// clause page when wrk is installed. It prints the figures and exits 1 if
// any falls short: a 5xx, a socket error, a timeout, or a slow client the
// server did not cut off. `make loadtest` runs it; it is a test tool, not
// part of the product.
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
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
	if p := rep.Problems(); len(p) > 0 {
		return fmt.Errorf("%d problems", len(p))
	}
	return nil
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
