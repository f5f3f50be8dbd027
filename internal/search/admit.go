package search

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// Limits bound what one search may cost and how searches share the
// machine. The zero value of each field means its default.
type Limits struct {
	Timeout   time.Duration // how long one search may run once admitted (2 s)
	MaxCost   int64         // a query estimated to cost more is refused (DefaultMaxCost)
	CheapCost int64         // a query estimated to cost up to this is cheap (DefaultCheapCost)

	// Searches run in two lanes: cheap ones in CheapSlots slots, costly
	// ones in CostlySlots, walking the index on one core each, so that a
	// crowd of costly searches queues behind its own few slots while cheap
	// searches and the pages keep the rest of the machine.
	CheapSlots  int           // 2 × GOMAXPROCS
	CostlySlots int           // GOMAXPROCS / 4, at least 1
	Wait        time.Duration // how long a search may wait for a slot (1 s)
}

// ErrTimedOut is what Search's error wraps when the search ran out of its
// time (Limits.Timeout); ErrBusy, when every slot of its lane stayed taken
// for Limits.Wait. Either is the server's load, not the query's fault: try
// again later.
var (
	ErrTimedOut = archive.ErrTimedOut
	ErrBusy     = archive.ErrBusy
)

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = 2 * time.Second
	}
	if l.MaxCost <= 0 {
		l.MaxCost = DefaultMaxCost
	}
	if l.CheapCost <= 0 {
		l.CheapCost = DefaultCheapCost
	}
	if l.CheapSlots <= 0 {
		l.CheapSlots = 2 * runtime.GOMAXPROCS(0)
	}
	if l.CostlySlots <= 0 {
		l.CostlySlots = max(1, runtime.GOMAXPROCS(0)/4)
	}
	if l.Wait <= 0 {
		l.Wait = time.Second
	}
	return l
}

// SetLimits sets ix's limits; call it before the first search.
func (ix *Index) SetLimits(l Limits) {
	l = l.withDefaults()
	ix.limits = l
	ix.lanes = newLanes(l)
}

// lanes admit searches: a semaphore per lane.
type lanes struct {
	cheap, costly chan struct{}
	running       atomic.Int32 // searches holding a slot of either lane
	wait          time.Duration
	queued        func(costly bool) // if set, called when a search must wait: for tests
}

func newLanes(l Limits) *lanes {
	return &lanes{cheap: make(chan struct{}, l.CheapSlots), costly: make(chan struct{}, l.CostlySlots), wait: l.Wait}
}

// acquire takes a slot of the lane, waiting up to l.wait for one. It
// returns the slot's release, or ErrBusy, or the context's error.
func (l *lanes) acquire(ctx context.Context, costly bool) (func(), error) {
	sem := l.cheap
	if costly {
		sem = l.costly
	}
	release := func() { l.running.Add(-1); <-sem }
	select {
	case sem <- struct{}{}:
		l.running.Add(1)
		return release, nil
	default:
	}
	if l.queued != nil {
		l.queued(costly)
	}
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case sem <- struct{}{}:
		l.running.Add(1)
		return release, nil
	case <-t.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// alone reports whether the search asking holds the only slot taken: no
// other search would be slowed by its taking every core.
func (l *lanes) alone() bool { return l.running.Load() <= 1 }
