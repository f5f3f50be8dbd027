package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// gcHeadroom is how much garbage the collector may let pile up above the
// live heap of a big archive before it collects.
const gcHeadroom = 40 << 20

// maxGCPercent bounds the target of a nearly empty heap, where 40 MB of
// headroom would be a percentage in the thousands.
const maxGCPercent = 1000

// maxHeadroom caps the memory a big archive's process may hold above its
// live heap: a soft memory limit that far above it. A quarter of the live
// heap is 175 MB at 1,000,000 clauses, and under a target alone the
// runtime keeps a tenth more than the target resident; under the limit it
// collects sooner and returns what is over. Each collection then marks
// the whole archive again, so the cap costs CPU as well as saving memory
// (README: Memory).
const maxHeadroom = 64 << 20

// boundGCHeadroom sets the collector's target from the live heap, which,
// once the archive is loaded, is nearly all the archive itself and does not
// change until a reload. Go's default lets the heap grow to twice the live
// heap before collecting: for 100,000 clauses, 80 MB held for garbage that
// a server making a few kilobytes per request never needs. The headroom is
// gcHeadroom or a quarter of the live heap, whichever is more. A small
// archive gets the whole gcHeadroom too, more than Go's default: with the
// seed's 5 MB live heap the default collected every 1,400 page requests,
// and a collection that often cost a cached page about a twentieth of its
// time (measured against a bare handler writing the same bytes). Above
// that, the soft memory limit caps the headroom at maxHeadroom. GOGC, when
// set, wins, and so does GOMEMLIMIT over the limit. It returns the
// percentage set, or -1 when it set none.
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
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		limiting.Store(true)
		following.Do(followLiveHeap)
		setMemoryLimit()
	}
	return pct
}

// memoryLimit is the soft memory limit for a process whose live heap and
// runtime's own memory (its metadata, stacks) take held bytes.
func memoryLimit(held uint64) int64 {
	return int64(min(held, math.MaxInt64-maxHeadroom) + maxHeadroom)
}

// setMemoryLimit sets the soft memory limit maxHeadroom above what the
// live heap and the runtime's own memory take, unless a reload is under
// way. It is called after each collection too (followLiveHeap): the live
// heap grows as pages and caches are made on request, and a limit fixed
// once would leave the collector less and less room, until it ran
// without pause.
func setMemoryLimit() {
	if !limiting.Load() || reloading.Load() {
		return
	}
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	var v [6]uint64
	for i := range s {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return
		}
		v[i] = s[i].Value.Uint64()
	}
	runtimeOwn := v[1] - min(v[1], v[2]+v[3]+v[4]+v[5])
	debug.SetMemoryLimit(memoryLimit(v[0] + runtimeOwn))
}

// followLiveHeap has setMemoryLimit called after every collection: each
// cleans up an object made for it, and its cleanup makes the next.
func followLiveHeap() {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		setMemoryLimit()
		followLiveHeap()
	}, struct{}{})
}

// gcSentinel is not tiny: a tiny object's cleanup may wait on its
// neighbours'.
type gcSentinel struct{ _ [4]*byte }

var (
	limiting  atomic.Bool // boundGCHeadroom set a limit
	following sync.Once
)

// liftMemoryLimit removes the limit while a reload loads a second archive
// beside the first: a limit above the live heap of one would have the
// collector run after every few megabytes the load allocates. Until
// reloadDone, no limit is set again.
func liftMemoryLimit() {
	reloading.Store(true)
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// reloadDone ends what liftMemoryLimit began: the next collection sets the
// limit again.
func reloadDone() { reloading.Store(false) }

var reloading atomic.Bool

// gcPercent is the GOGC for a live heap of live bytes.
func gcPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(min(maxGCPercent, max(25, 100*gcHeadroom/live)))
}
