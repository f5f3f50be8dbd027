package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercent(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{1 << 20, 1000}, // bounded
		{5 << 20, 800},  // the seed: 40 MB of headroom, not Go's default 5
		{40 << 20, 100}, // headroom of 40 MB is the default here
		{80 << 20, 50},  // 40 MB above the live heap
		{100 << 20, 40}, // 100,000 clauses
		{160 << 20, 25}, // a quarter, at least
		{4 << 30, 25},   // a quarter of a large heap
	} {
		if got := gcPercent(tt.live); got != tt.want {
			t.Errorf("gcPercent(%d MB) = %d; want %d", tt.live>>20, got, tt.want)
		}
	}
}

// TestMemoryLimit: boundGCHeadroom sets a soft memory limit maxHeadroom
// above what the live heap holds, and sets it again after each collection,
// but not while a reload loads a second archive, nor when GOMEMLIMIT is
// set.
func TestMemoryLimit(t *testing.T) {
	if got, want := memoryLimit(700<<20), int64(700<<20+maxHeadroom); got != want {
		t.Errorf("memoryLimit(700 MB) = %d; want %d", got, want)
	}
	if got := memoryLimit(math.MaxUint64); got != math.MaxInt64 {
		t.Errorf("memoryLimit(max) = %d; want no limit", got)
	}
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		if _, ok := os.LookupEnv(env); ok {
			t.Skip(env + " is set")
		}
	}
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	old, oldPct := limit(), debug.SetGCPercent(100)
	t.Cleanup(func() {
		limiting.Store(false)
		reloadDone()
		debug.SetMemoryLimit(old)
		debug.SetGCPercent(oldPct)
	})
	// collected reports whether a limit is set after a collection or two.
	collected := func() bool {
		for range 50 {
			runtime.GC()
			if limit() != math.MaxInt64 {
				return true
			}
			time.Sleep(time.Millisecond)
		}
		return false
	}

	debug.SetMemoryLimit(math.MaxInt64)
	runtime.GC()
	boundGCHeadroom()
	if limit() == math.MaxInt64 {
		t.Fatal("no memory limit set")
	}
	debug.SetMemoryLimit(math.MaxInt64)
	if !collected() {
		t.Error("the limit is not set again after a collection")
	}
	liftMemoryLimit()
	if limit() != math.MaxInt64 {
		t.Error("the limit is kept during a reload")
	}
	if collected() {
		t.Error("the limit is set again during a reload")
	}
	reloadDone()
	if !collected() {
		t.Error("no limit set again after the reload")
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	limiting.Store(false)
	debug.SetMemoryLimit(math.MaxInt64)
	boundGCHeadroom()
	if collected() {
		t.Error("a limit set over GOMEMLIMIT")
	}
}
