package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// gcHeadroom is how much garbage the collector may let pile up above the
// live heap of a big archive before it collects.
const gcHeadroom = 40 << 20

// boundGCHeadroom sets the collector's target from the live heap, which,
// once the archive is loaded, is nearly all the archive itself and does not
// change until a reload. Go's default lets the heap grow to twice the live
// heap before collecting: for 100,000 clauses, 80 MB held for garbage that
// a server making a few kilobytes per request never needs. The headroom is
// gcHeadroom or a quarter of the live heap, whichever is more, and never
// more than Go's default. GOGC, when set, wins. It returns the percentage
// set, or -1 when it set none.
func boundGCHeadroom() int {
	if _, ok := os.LookupEnv("GOGC"); ok {
		return -1
	}
	// Called after a collection (debug.FreeOSMemory), so the figure is
	// the live heap, not the last cycle's.
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return -1
	}
	pct := gcPercent(live[0].Value.Uint64())
	debug.SetGCPercent(pct)
	return pct
}

// gcPercent is the GOGC for a live heap of live bytes.
func gcPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(min(100, max(25, 100*gcHeadroom/live)))
}
