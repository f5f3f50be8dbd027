package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Recorded is a response as the floor replays it (internal/bench/floor).
type Recorded struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// RecordResponses fetches u twice, without and with Accept-Encoding: gzip,
// the bytes as sent, and writes both to file for the floor to replay.
func RecordResponses(u, file string) ([]Recorded, error) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var out []Recorded
	for _, enc := range []string{"", "gzip"} {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != enc {
			return nil, fmt.Errorf("GET %s (Accept-Encoding %q): %s, Content-Encoding %q", u, enc, resp.Status, resp.Header.Get("Content-Encoding"))
		}
		out = append(out, Recorded{Status: resp.StatusCode, Header: resp.Header, Body: body})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return out, os.WriteFile(file, b, 0o644)
}

// FloorRun is one load of one server: what wrk measured, and the CPU time
// (user and system) the server's process spent meanwhile.
type FloorRun struct {
	RPS      float64
	P99      time.Duration
	Requests int
	CPU      time.Duration
}

// CPUPerRequest is the server's CPU time per request answered.
func (r FloorRun) CPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.Requests)
}

// FloorSummary sums up rounds of Accord against the floor: the medians of
// each server's runs, and the medians of the round-by-round ratios, which
// are the figures judged. On a shared machine the load drifts; two runs
// of one round, side by side, saw nearly the same machine, so their ratio
// is steadier than the ratio of two medians.
type FloorSummary struct {
	Rounds              int
	AccordRPS, FloorRPS float64       // medians
	AccordP99, FloorP99 time.Duration // medians of each run's p99
	AccordCPU, FloorCPU time.Duration // medians of the CPU time per request
	RPSRatio            float64       // median of Accord's over the floor's, round by round
	P99Ratio            float64       // the same for p99
	CPURatio            float64       // the same for the CPU time per request
}

// Floor targets: Accord's throughput at least FloorRPSTarget times the
// floor's, its p99 at most FloorP99Target times the floor's.
const (
	FloorRPSTarget = 0.95
	FloorP99Target = 1.20
)

// SummarizeFloor sums up rounds: accord[i] and floor[i] ran side by side.
func SummarizeFloor(accord, floor []FloorRun) FloorSummary {
	n := min(len(accord), len(floor))
	s := FloorSummary{Rounds: n}
	if n == 0 {
		return s
	}
	accord, floor = accord[:n], floor[:n]
	pick := func(runs []FloorRun, f func(FloorRun) float64) []float64 {
		out := make([]float64, len(runs))
		for i, r := range runs {
			out[i] = f(r)
		}
		return out
	}
	// A round in which Accord answered nothing counts as the worst ratio
	// of each kind: none for throughput, without end for p99 and CPU (so
	// that its p99 of 0 never passes); one in which the floor answered
	// nothing is left out, having nothing to compare with.
	ratios := func(f func(FloorRun) float64, higherIsBetter bool) float64 {
		var out []float64
		for i := range n {
			switch b := f(floor[i]); {
			case floor[i].Requests == 0 || b <= 0:
			case accord[i].Requests == 0 && higherIsBetter:
				out = append(out, 0)
			case accord[i].Requests == 0:
				out = append(out, math.Inf(1))
			default:
				out = append(out, f(accord[i])/b)
			}
		}
		if len(out) == 0 {
			return 0
		}
		return medianFloat(out)
	}
	rps := func(r FloorRun) float64 { return r.RPS }
	p99 := func(r FloorRun) float64 { return float64(r.P99) }
	cpu := func(r FloorRun) float64 { return float64(r.CPUPerRequest()) }
	s.AccordRPS, s.FloorRPS = medianFloat(pick(accord, rps)), medianFloat(pick(floor, rps))
	s.AccordP99, s.FloorP99 = time.Duration(medianFloat(pick(accord, p99))), time.Duration(medianFloat(pick(floor, p99)))
	s.AccordCPU, s.FloorCPU = time.Duration(medianFloat(pick(accord, cpu))), time.Duration(medianFloat(pick(floor, cpu)))
	s.RPSRatio, s.P99Ratio, s.CPURatio = ratios(rps, true), ratios(p99, false), ratios(cpu, false)
	return s
}

// Met reports whether the throughput and the p99 targets are met.
func (s FloorSummary) Met() (throughput, p99 bool) {
	return s.RPSRatio >= FloorRPSTarget, s.P99Ratio > 0 && s.P99Ratio <= FloorP99Target
}

// medianFloat is the median of xs (sorted in place): the mean of the two
// middle values when there are an even number.
func medianFloat(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 0 {
		return (xs[m-1] + xs[m]) / 2
	}
	return xs[m]
}

// ProcessCPU returns the CPU time, user and system, that process pid has
// spent so far, from /proc (Linux only), to the hundredth of a second.
func ProcessCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command's name, in parentheses, may hold spaces: the fields
	// counted are those after it. utime and stime are the 14th and 15th
	// of the line, the 12th and 13th after the name, in clock ticks,
	// which /proc always counts at 100 a second.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %q: not the format expected", pid, b)
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat: %v", pid, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}
