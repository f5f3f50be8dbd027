package main

import "testing"

func TestGCPercent(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{10 << 20, 100}, // the seed: Go's default
		{48 << 20, 100}, // headroom of 48 MB is the default here
		{96 << 20, 50},  // 48 MB above the live heap
		{150 << 20, 32}, // 100,000 clauses, before their slimming
		{192 << 20, 25}, // a quarter, at least
		{4 << 30, 25},   // a quarter of a large heap
	} {
		if got := gcPercent(tt.live); got != tt.want {
			t.Errorf("gcPercent(%d MB) = %d; want %d", tt.live>>20, got, tt.want)
		}
	}
}
