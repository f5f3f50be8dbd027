package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
)

// Index is the search index of one archive. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	archive  *archive.Archive
	cat      *catalogue
	ords     atomic.Pointer[ordinals] // of the last reader searched
	analyzer analysis.Analyzer
	equiv    equivalents // the acronyms the archive defines, and the synonyms

	english *lang   // English: analyzer on the text field
	langs   []*lang // the archive's other languages (see lang.go)
	fold    *lang   // the fold field; nil when every unit is in English

	// cardinality is every field's cardinality, for the languages' BM25
	// statistics (statsFor): read on the first search, shared by all.
	cardinality struct {
		once sync.Once
		m    map[string]int
	}

	// mu is held for reading by each search, which reads the index below
	// Bleve's own guard, and for writing by Close.
	mu     sync.RWMutex
	closed bool

	parts  int       // how many parts a search walks at once; 0: one per core, for a big index
	limits Limits    // with defaults filled in
	lanes  *lanes    // admit searches by cost
	counts sync.Pool // of *keyCounts sized for cat

	closeOnce sync.Once // Bleve panics when closed twice
	closeErr  error
	disk      *diskIndex // an on-disk index, shared within the process

	// ready is closed once cat and what derives from it (equiv, langs,
	// fold, counts) are set. An index reused from disk makes its
	// catalogue in the background: the server is ready before, and a
	// search waits for it. prepErr is a catalogue that failed to be made.
	ready     chan struct{}
	listLater func() // starts making the catalogue; nil when made at once
	prepErr   error
	prepMu    sync.Mutex // guards synonyms, and cat and equiv as set
	synonyms  [][]string // as SetSynonyms gave them

	log        *slog.Logger
	healing    atomic.Bool     // a failed on-disk index is being replaced
	healCtx    context.Context // ends when the index is closed
	healCancel context.CancelFunc
}

var errClosed = errors.New("index closed")

// batchSize is how many units go to the index at once while building.
// Each batch is a segment, and an in-memory index never merges its
// segments: a search opens a reader on every segment for every term, so
// at 2,000 a batch, 100,000 clauses made 55 segments and a search 8,000
// allocations. Larger batches search faster and build slower, one
// segment at a time per core (make bench, rows 7-10): 10,000 built under
// 20,000 clauses a second in some runs; 5,000 keeps both targets.
const batchSize = 5000

// Build indexes every clause and preamble paragraph of a in memory.
func Build(ctx context.Context, a *archive.Archive) (*Index, error) {
	cat := newCatalogue(a)
	b, err := buildMemory(ctx, cat)
	if err != nil {
		return nil, err
	}
	return newIndex(b, a, cat), nil
}

// buildMemory indexes every unit of cat in memory.
func buildMemory(ctx context.Context, cat *catalogue) (bleve.Index, error) {
	b, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	if err := fill(ctx, b, cat); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// newIndex makes the Index of b, logging nothing.
func newIndex(b bleve.Index, a *archive.Archive, cat *catalogue) *Index {
	ix := blankIndex(b, a)
	ix.setCatalogue(cat)
	return ix
}

// newIndexLater is newIndex, returning before cat is made: cat() is called
// on another goroutine once Prepare or a search asks, and searches wait
// for it.
func newIndexLater(b bleve.Index, a *archive.Archive, cat func() *catalogue, log *slog.Logger) *Index {
	ix := blankIndex(b, a)
	ix.log = log
	ix.listLater = sync.OnceFunc(func() {
		go func() {
			start := time.Now()
			var c *catalogue
			err := func() (err error) {
				defer guard(&err)()
				c = cat()
				return nil
			}()
			if err != nil {
				ix.log.Error("search index: listing the units panicked: searches answer 503", "err", err)
				ix.prepErr = err
				close(ix.ready)
				return
			}
			ix.setCatalogue(c)
			ix.log.Info("search ready", "took", time.Since(start).Round(time.Millisecond))
		}()
	})
	return ix
}

// Prepare starts making what searches need that Open left for later (the
// list of units, their ranks and facets, the acronyms), on another
// goroutine; a search starts it too, and waits. A server calls it once
// it is ready, so that the first search finds it done.
func (ix *Index) Prepare() {
	if ix.listLater != nil {
		ix.listLater()
	}
}

func blankIndex(b bleve.Index, a *archive.Archive) *Index {
	ix := &Index{bleve: b, archive: a, analyzer: newAnalyzer(nil), ready: make(chan struct{}), log: slog.New(slog.DiscardHandler)}
	ix.english = &lang{base: English, field: fieldText, analyzer: ix.analyzer}
	ix.healCtx, ix.healCancel = context.WithCancel(context.Background())
	ix.SetLimits(Limits{})
	return ix
}

// setCatalogue sets cat and what derives from it, then lets searches in.
func (ix *Index) setCatalogue(cat *catalogue) {
	equiv := cat.defined()
	ix.prepMu.Lock()
	defer ix.prepMu.Unlock()
	ix.cat = cat
	ix.equiv = withSynonyms(equiv, ix.synonyms)
	ix.langs = cat.langs
	if len(ix.langs) > 0 {
		ix.fold = &lang{base: fieldFold, field: fieldFold, analyzer: foldAnalyzer}
	}
	ix.counts.New = func() any {
		k := &keyCounts{}
		for g := range k.n {
			k.n[g] = make([]int32, cat.nkeys[g])
		}
		return k
	}
	close(ix.ready)
}

// Listed is closed once the units are listed (Prepare), and searches no
// longer wait.
func (ix *Index) Listed() <-chan struct{} { return ix.ready }

// await waits until the catalogue is made, or ctx is done, starting it.
func (ix *Index) await(ctx context.Context) error {
	ix.Prepare()
	select {
	case <-ix.ready:
	default:
		select {
		case <-ix.ready:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if ix.prepErr != nil {
		return fmt.Errorf("search: %w", ErrUnavailable)
	}
	return nil
}

// reader is a point-in-time reader of the index; close it after use.
// The caller holds ix.mu for reading.
func (ix *Index) reader() (index.IndexReader, error) {
	if ix.closed {
		return nil, errClosed
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// Close releases the index. An on-disk index stays on disk. Closing it
// again does nothing and returns the first Close's error.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		ix.healCancel()
		ix.mu.Lock()
		defer ix.mu.Unlock()
		ix.closed = true
		closeIndex := ix.bleve.Close
		if ix.disk != nil {
			closeIndex = ix.disk.release
		}
		if err := closeIndex(); err != nil {
			ix.closeErr = fmt.Errorf("close index: %w", err)
		}
	})
	return ix.closeErr
}

// fill adds every unit of cat to b, numbered by its ordinal. Batches are
// filled and committed by several goroutines at once: Bleve analyses a
// batch in parallel but builds its segment in the caller, so one batch at
// a time leaves cores idle.
func fill(ctx context.Context, b bleve.Index, cat *catalogue) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next  atomic.Int64 // the first ordinal of the next batch to fill
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		// A full disk fails one batch with ENOSPC and may make Bleve
		// panic in the others: the disk is the cause to report.
		if first == nil || noSpace(err) && !noSpace(first) {
			first = err
		}
		mu.Unlock()
		cancel()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Bleve panics on some write errors, such as a full disk.
			var perr error
			defer func() {
				if perr != nil {
					fail(perr)
				}
			}()
			defer guard(&perr)()
			batch := b.NewBatch()
			shared := newSharedFields(cat)
			for ctx.Err() == nil {
				from := int(next.Add(batchSize) - batchSize)
				if from >= len(cat.units) {
					return
				}
				if err := fillBatch(batch, shared, from, min(from+batchSize, len(cat.units))); err != nil {
					fail(err)
					return
				}
				if err := b.Batch(batch); err != nil {
					fail(fmt.Errorf("build index: %w", err))
					return
				}
				batch.Reset()
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	return nil
}

// fillBatch adds the units numbered from to end to batch.
func fillBatch(batch *bleve.Batch, shared *sharedFields, from, end int) error {
	for ord := from; ord < end; ord++ {
		doc := shared.document(ord)
		if err := batch.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("index %s: %w", doc.ID(), err)
		}
	}
	return nil
}

// produce makes the documents of every unit of cat, a chunk of units at a
// time on each core, and hands each chunk to add on the calling goroutine,
// in no particular order. It stops at the first error, add's or ctx's.
func produce(ctx context.Context, cat *catalogue, add func([]*document.Document) error) (err error) {
	const chunk = 1000
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next    atomic.Int64
		workers = runtime.GOMAXPROCS(0)
		chunks  = make(chan []*document.Document, workers)
		wg      sync.WaitGroup
		perr    atomic.Pointer[error]
	)
	for range workers {
		wg.Go(func() {
			var err error
			defer func() {
				if err != nil {
					perr.CompareAndSwap(nil, &err)
					cancel()
				}
			}()
			defer guard(&err)()
			shared := newSharedFields(cat)
			for ctx.Err() == nil {
				from := int(next.Add(chunk) - chunk)
				if from >= len(cat.units) {
					return
				}
				docs := make([]*document.Document, 0, chunk)
				for ord := from; ord < min(from+chunk, len(cat.units)); ord++ {
					docs = append(docs, shared.document(ord))
				}
				select {
				case chunks <- docs:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(chunks)
	}()
	for docs := range chunks {
		if err == nil && ctx.Err() == nil {
			if err = add(docs); err != nil {
				cancel()
			}
		}
	}
	if p := perr.Load(); p != nil && err == nil {
		err = *p
	}
	if err == nil && ctx.Err() != nil {
		err = fmt.Errorf("build index: %w", ctx.Err())
	}
	return err
}

// unitID is a unit's id in the index: slug#eId.
func unitID(slug, eid string) string { return slug + "#" + eid }

// SetSynonyms adds groups of words that mean the same ("EU", "European
// Union") to what a search matches; call it before the first search.
func (ix *Index) SetSynonyms(groups [][]string) {
	ix.prepMu.Lock()
	defer ix.prepMu.Unlock()
	ix.synonyms = append(ix.synonyms, groups...)
	if ix.cat != nil { // made: the groups join what it defined
		ix.equiv = withSynonyms(ix.equiv, groups)
	}
}

// withSynonyms is a copy of equiv with groups added.
func withSynonyms(equiv equivalents, groups [][]string) equivalents {
	if len(groups) == 0 {
		return equiv
	}
	e := equivalents{}
	for k, v := range equiv {
		e[k] = append([]string(nil), v...)
	}
	for _, g := range groups {
		e.add(g...)
	}
	return e
}
