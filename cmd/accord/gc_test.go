package main

import "testing"

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
