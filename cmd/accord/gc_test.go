package main

import "testing"

func TestGCPercent(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{10 << 20, 100}, // the seed: Go's default
		{64 << 20, 100}, // headroom of 64 MB is the default here
		{128 << 20, 50}, // 64 MB above the live heap
		{150 << 20, 42}, // 100,000 clauses
		{256 << 20, 25}, // a quarter, at least
		{4 << 30, 25},   // a quarter of a large heap
	} {
		if got := gcPercent(tt.live); got != tt.want {
			t.Errorf("gcPercent(%d MB) = %d; want %d", tt.live>>20, got, tt.want)
		}
	}
}
