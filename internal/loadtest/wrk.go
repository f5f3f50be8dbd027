package loadtest

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// WrkResult is what wrk measured on one address.
type WrkResult struct {
	URL          string
	Threads      int
	Conns        int
	Duration     time.Duration
	Requests     int
	RPS          float64
	P50, P99     string // as wrk prints them, e.g. "1.23ms"
	SocketErrors string // wrk's "connect 0, read 0, write 0, timeout 0", or "none"
	NonOK        int    // answers that were not 2xx or 3xx
	Output       string // wrk's report, whole
}

// RunWrk runs wrk (from PATH or the given path) against url for pure
// throughput on keep-alive connections.
func RunWrk(ctx context.Context, wrk, url string, threads, conns int, d time.Duration) (*WrkResult, error) {
	secs := max(int(d.Round(time.Second)/time.Second), 1)
	cmd := exec.CommandContext(ctx, wrk, "-t"+strconv.Itoa(threads), "-c"+strconv.Itoa(conns),
		"-d"+strconv.Itoa(secs)+"s", "--timeout", "5s", "--latency", url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	return parseWrk(string(out), url, threads, conns, time.Duration(secs)*time.Second)
}

var (
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkP50      = regexp.MustCompile(`(?m)^\s+50%\s+(\S+)`)
	wrkP99      = regexp.MustCompile(`(?m)^\s+99%\s+(\S+)`)
	wrkSocket   = regexp.MustCompile(`Socket errors: (.*)`)
	wrkNonOK    = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
)

func parseWrk(out, url string, threads, conns int, d time.Duration) (*WrkResult, error) {
	r := &WrkResult{URL: url, Threads: threads, Conns: conns, Duration: d, Output: out, SocketErrors: "none"}
	m := wrkRequests.FindStringSubmatch(out)
	rps := wrkRPS.FindStringSubmatch(out)
	if m == nil || rps == nil {
		return nil, fmt.Errorf("wrk: cannot read its report:\n%s", out)
	}
	r.Requests, _ = strconv.Atoi(m[1])
	r.RPS, _ = strconv.ParseFloat(rps[1], 64)
	if m := wrkP50.FindStringSubmatch(out); m != nil {
		r.P50 = m[1]
	}
	if m := wrkP99.FindStringSubmatch(out); m != nil {
		r.P99 = m[1]
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		r.SocketErrors = strings.TrimSpace(m[1])
	}
	if m := wrkNonOK.FindStringSubmatch(out); m != nil {
		r.NonOK, _ = strconv.Atoi(m[1])
	}
	return r, nil
}

// SocketErrorCount is the sum of wrk's socket errors.
func (r *WrkResult) SocketErrorCount() int {
	n := 0
	for _, f := range regexp.MustCompile(`\d+`).FindAllString(r.SocketErrors, -1) {
		v, _ := strconv.Atoi(f)
		n += v
	}
	return n
}
