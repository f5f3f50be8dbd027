package bench

import (
	"math"
	"os"
	"testing"
	"time"
)

// TestSummarizeFloor: medians of each server's runs, and the ratios taken
// round by round, so that a round on a busier machine, slow for both
// servers, does not move the ratio.
func TestSummarizeFloor(t *testing.T) {
	ms := time.Millisecond
	accord := []FloorRun{
		{RPS: 9000, P99: 10 * ms, Requests: 1000, CPU: 40 * ms},
		{RPS: 4500, P99: 30 * ms, Requests: 1000, CPU: 80 * ms}, // a busy round
		{RPS: 9600, P99: 12 * ms, Requests: 2000, CPU: 80 * ms},
	}
	floor := []FloorRun{
		{RPS: 10000, P99: 10 * ms, Requests: 1000, CPU: 36 * ms},
		{RPS: 5000, P99: 20 * ms, Requests: 1000, CPU: 80 * ms},
		{RPS: 10000, P99: 10 * ms, Requests: 2000, CPU: 64 * ms},
	}
	s := SummarizeFloor(accord, floor)
	if s.Rounds != 3 || s.AccordRPS != 9000 || s.FloorRPS != 10000 || s.AccordP99 != 12*ms || s.FloorP99 != 10*ms {
		t.Errorf("medians: %+v", s)
	}
	if s.AccordCPU != 40*time.Microsecond || s.FloorCPU != 36*time.Microsecond {
		t.Errorf("CPU per request: Accord %v, floor %v; want 40µs, 36µs", s.AccordCPU, s.FloorCPU)
	}
	// Rounds' ratios: throughput 0.90, 0.90, 0.96; p99 1.0, 1.5, 1.2.
	if s.RPSRatio != 0.9 || s.P99Ratio != 1.2 {
		t.Errorf("ratios: throughput %.3f, p99 %.3f; want the medians of the rounds', 0.900 and 1.200", s.RPSRatio, s.P99Ratio)
	}
	if rps, p99 := s.Met(); rps || !p99 {
		t.Errorf("Met = %v, %v; want throughput missed, p99 met", rps, p99)
	}
	// Rounds in which Accord answered nothing are the worst, whatever
	// their p99 of 0 says; a round in which the floor answered nothing is
	// left out.
	silent := []FloorRun{{}, {}, accord[2]}
	if s := SummarizeFloor(silent, floor); s.RPSRatio != 0 || !math.IsInf(s.P99Ratio, 1) {
		t.Errorf("Accord silent in two rounds: throughput %.3f, p99 %.3f; want 0 and +Inf", s.RPSRatio, s.P99Ratio)
	} else if _, p99 := s.Met(); p99 {
		t.Error("Accord silent in two rounds: p99 met")
	}
	if s := SummarizeFloor(accord, []FloorRun{{}, {}, floor[2]}); s.RPSRatio != 0.96 {
		t.Errorf("floor silent in two rounds: throughput %.3f; want the one round compared, 0.960", s.RPSRatio)
	}
	if med := medianFloat([]float64{4, 1, 3, 2}); med != 2.5 {
		t.Errorf("median of 1..4 = %v; want 2.5", med)
	}
	if s := SummarizeFloor(nil, floor); s.Rounds != 0 || s.RPSRatio != 0 {
		t.Errorf("no rounds: %+v", s)
	}
}

// TestProcessCPU: this process's CPU time grows as it works.
func TestProcessCPU(t *testing.T) {
	before, err := ProcessCPU(os.Getpid())
	if err != nil {
		t.Skip("no /proc here:", err)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		after, err := ProcessCPU(os.Getpid())
		if err != nil {
			t.Fatal(err)
		}
		if after > before {
			return
		}
	}
	t.Error("5 s of work and no CPU time counted")
}
