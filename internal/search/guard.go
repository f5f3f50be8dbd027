package search

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/accord-archive/accord/internal/archive"
)

// ErrUnavailable is returned (wrapped) by Search when the index failed
// while being read, as an index whose files were damaged after it was
// opened does: that search is not answered, the index is rebuilt in
// memory, and searches are answered again once it is.
var ErrUnavailable = archive.ErrUnavailable

// fault is a panic recovered while the index was read or written: Bleve
// and its file formats panic on data they do not expect.
type fault struct {
	val   any
	stack []byte
}

func (f *fault) Error() string { return fmt.Sprintf("panic in the search index: %v", f.val) }

// guard turns a memory fault of the calling goroutine (a mapped index file
// cut short raises SIGBUS) into a panic, and returns the function to defer,
// which recovers any panic as a *fault in *err:
//
//	defer guard(&err)()
//
// Every goroutine of this package that reads an on-disk index needs its
// own guard. Bleve's own goroutines recover their panics, but a memory
// fault in one (a dictionary read for a fuzzy or prefix term) still ends
// the process: the manifest keeps damaged files from being opened, and
// only a file changed under the running server can fault.
func guard(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*err = &fault{val: r, stack: debug.Stack()}
		}
	}
}

// Search runs q. It returns an error wrapping ErrQueryTooLong when q.Text
// is longer than MaxQueryLen, and a *CostError when q is estimated to
// cost more than the limit (both the person's to change), ErrBusy when
// its lane stayed full and ErrTimedOut when it ran out of time (both the
// server's load: try later), and one wrapping ErrUnavailable when the
// index failed (or is being rebuilt after it failed). Any other text a
// person can type is searched, as plain words if it does not parse
// (Results.Fallback); another error means the index failed or the context
// ended.
func (ix *Index) Search(ctx context.Context, q Query) (res *Results, err error) {
	if ix.healing.Load() {
		return nil, fmt.Errorf("search: %w", ErrUnavailable)
	}
	if err := ix.await(ctx); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = ix.failed(err)
		}
	}()
	defer guard(&err)()
	return ix.search(ctx, q)
}

// failed looks at a search's error: a panic, or an error reading an
// on-disk index, makes the index be rebuilt in memory.
func (ix *Index) failed(err error) error {
	var f *fault
	switch {
	case errors.As(err, &f):
		ix.log.Error("search index: a search panicked", "err", f, "stack", string(f.stack))
	case errors.Is(err, ErrQueryTooLong), errors.Is(err, ErrTooCostly), errors.Is(err, ErrBusy), errors.Is(err, ErrTimedOut),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), errors.Is(err, errClosed):
		// The query's or the server's load, not the index's fault.
		return err
	default:
		ix.mu.RLock()
		disk := ix.disk != nil
		ix.mu.RUnlock()
		if !disk {
			return err // not the files' fault
		}
		ix.log.Error("search index: a search failed reading the index", "err", err)
	}
	ix.heal()
	return fmt.Errorf("search: %w (%w)", ErrUnavailable, err)
}

// heal replaces an on-disk index that failed with a new one built in
// memory, in the background, and has the next Open rebuild the one on
// disk. An in-memory index that panicked is kept: building it again would
// build the same.
func (ix *Index) heal() {
	ix.mu.RLock()
	di := ix.disk
	ix.mu.RUnlock()
	if di == nil || !ix.healing.CompareAndSwap(false, true) {
		return
	}
	di.setAside(ix.log)
	ix.log.Error("search index: serving searches from a new in-memory index once it is built; until then they answer 503", "index", di.dir)
	go func() {
		start := time.Now()
		// The units may not be listed yet: a failure can come before
		// the first search (newIndexLater).
		err := ix.await(ix.healCtx)
		var b bleve.Index
		if err == nil {
			b, err = buildMemory(ix.healCtx, ix.cat)
		}
		ix.mu.Lock()
		if err != nil || ix.closed {
			ix.mu.Unlock()
			if b != nil {
				b.Close()
			}
			if err != nil && ix.healCtx.Err() == nil {
				ix.log.Error("search index: the in-memory rebuild failed", "err", err)
			}
			return // searches keep answering ErrUnavailable
		}
		ix.bleve, ix.disk = b, nil
		ix.ords.Store(nil)
		ix.mu.Unlock()
		ix.healing.Store(false)
		if err := di.release(); err != nil {
			ix.log.Warn("search index: closing the failed index", "err", err)
		}
		ix.log.Info("search index: rebuilt in memory", "took", time.Since(start).Round(time.Millisecond))
	}()
}
