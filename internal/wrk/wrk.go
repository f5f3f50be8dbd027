// Package wrk runs the wrk HTTP benchmarking tool and reads its report. The
// performance report (internal/bench) and the load test (internal/loadtest)
// both measure with it.
package wrk

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Config is one run: Conns keep-alive connections over Threads threads
// against URL for Duration (whole seconds, at least one).
type Config struct {
	URL            string
	Threads, Conns int
	Duration       time.Duration
	Headers        []string // "Name: value", sent with every request
}

// seconds is the run's length as wrk is told it.
func (c Config) seconds() int { return max(int(c.Duration.Round(time.Second)/time.Second), 1) }

// Args are wrk's arguments for c, with the latency distribution and a 5 s
// timeout per request (a slower answer counts as a socket error).
func (c Config) Args() []string {
	args := []string{"-t", strconv.Itoa(c.Threads), "-c", strconv.Itoa(c.Conns),
		"-d", strconv.Itoa(c.seconds()) + "s", "--timeout", "5s", "--latency"}
	for _, h := range c.Headers {
		args = append(args, "-H", h)
	}
	return append(args, c.URL)
}

// Result is what wrk measured.
type Result struct {
	Config
	Requests     int
	RPS          float64
	P50, P99     time.Duration
	Socket       string // wrk's "connect 0, read 2, write 0, timeout 1"; "" if it reported none
	SocketErrors int    // the sum of Socket's counts
	NonOK        int    // answers that were not 2xx or 3xx
	Output       string // wrk's report, whole
}

// Errors counts the requests that failed: socket errors and answers that
// were not 2xx or 3xx.
func (r *Result) Errors() int { return r.SocketErrors + r.NonOK }

// Run runs wrk (bin: a path, or a name looked up on the PATH) with c and
// reads its report.
func Run(ctx context.Context, bin string, c Config) (*Result, error) {
	args := c.Args()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wrk %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	r, err := Parse(string(out))
	if err != nil {
		return nil, err
	}
	r.Config = c
	r.Duration = time.Duration(c.seconds()) * time.Second
	return r, nil
}

// Parse reads a report of wrk run with --latency; the Config is left zero.
func Parse(out string) (*Result, error) {
	r := &Result{Output: out}
	var have struct{ requests, rps, p50, p99 bool }
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "50%":
			r.P50, have.p50 = duration(f[1])
		case len(f) == 2 && f[0] == "99%":
			r.P99, have.p99 = duration(f[1])
		case len(f) > 2 && f[1] == "requests" && f[2] == "in":
			n, err := strconv.Atoi(f[0])
			r.Requests, have.requests = n, err == nil
		case len(f) == 2 && f[0] == "Requests/sec:":
			v, err := strconv.ParseFloat(f[1], 64)
			r.RPS, have.rps = v, err == nil
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			r.NonOK, _ = strconv.Atoi(f[len(f)-1])
		case strings.HasPrefix(line, "Socket errors:"):
			r.Socket = strings.TrimSpace(strings.TrimPrefix(line, "Socket errors:"))
			for i := 2; i+1 < len(f); i += 2 { // "connect 0, read 2, …"
				n, _ := strconv.Atoi(strings.TrimSuffix(f[i+1], ","))
				r.SocketErrors += n
			}
		}
	}
	if !have.requests || !have.rps || !have.p50 || !have.p99 {
		return nil, fmt.Errorf("wrk: cannot read its report (run with --latency?):\n%s", out)
	}
	return r, nil
}

// duration reads wrk's "812.00us", "1.23ms", "2.00s", "1.00m".
func duration(s string) (time.Duration, bool) {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"m", time.Minute}, {"s", time.Second}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0, false
			}
			return time.Duration(f * float64(u.unit)), true
		}
	}
	return 0, false
}
