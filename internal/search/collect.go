package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// ranked is one hit as the collection keeps it.
type ranked struct {
	score float64
	rank  int32 // in the sort's date order
	ord   int32
	id    index.IndexInternalID // valid for the reader of the search
}

// collection is what one pass over a query's hits gathers: the total, the
// hits of one page in order, and the facet counts over every hit.
type collection struct {
	total  int
	page   []ranked
	counts [][]int32 // by facet, then value id; nil when not asked for
}

// checkDoneEvery is how many hits pass between looks at the context.
const checkDoneEvery = 1024

// collect runs q on r and keeps the page of size hits after skip in the
// order of s, counting facets if asked. It sorts and counts itself, from
// the catalogue: Bleve only finds and scores the hits, and reads one doc
// value of each. Relevance ties fall to the newest document, then reading
// order, as the date orders' do.
//
// A big index is searched in parts, ranges of internal doc numbers each
// walked by its own searcher on its own core, and the parts' pages and
// counts merged: the hits, their scores and so the page are the same as
// one walk's. A costly search is walked in one part that gives its core
// up often, so that cheap searches and pages go first; alone, with no
// other search running, it is walked in parts like a cheap one, since
// there is nobody to go first.
//
// weights, when not nil, weighs each hit's score by its unit's language
// (catalogue.langOrd): see compiled.weights.
func (ix *Index) collect(ctx context.Context, r index.IndexReader, q query.Query, s Sort, size, skip int, facets, costly bool, weights []float64) (*collection, error) {
	ords, err := ix.ordinalsFor(r)
	if err != nil {
		return nil, err
	}
	bounds := ix.partBounds(ords, costly)
	parts := make([]*partial, len(bounds)-1)
	if len(parts) == 1 {
		if parts[0], err = ix.collectPart(ctx, r, q, ords, s, size+skip, facets, costly, weights, bounds[0], bounds[1]); err != nil {
			return nil, err
		}
	} else {
		// A part that fails stops the others; its error is the search's.
		pctx, cancel := context.WithCancel(ctx)
		defer cancel()
		errs := make([]error, len(parts))
		var wg sync.WaitGroup
		for i := range parts {
			wg.Go(func() {
				defer guard(&errs[i])()
				parts[i], errs[i] = ix.collectPart(pctx, r, q, ords, s, size+skip, facets, costly, weights, bounds[i], bounds[i+1])
				if errs[i] != nil {
					cancel()
				}
			})
		}
		wg.Wait()
		if err := firstError(ctx, errs); err != nil {
			return nil, err
		}
	}

	c := &collection{}
	top := topHits{k: size + skip, byScore: s == ByRelevance}
	for _, p := range parts {
		c.total += p.total
		for _, h := range p.top.heap {
			top.offer(h.score, h.rank, h.ord, h.id)
		}
	}
	if facets {
		counts := parts[0].counts
		for _, p := range parts[1:] {
			counts.add(p.counts)
			ix.counts.Put(p.counts)
		}
		c.counts = ix.cat.valueCounts(counts)
		counts.reset()
		ix.counts.Put(counts)
	}
	c.page = top.sorted()
	c.page = c.page[min(skip, len(c.page)):]
	return c, nil
}

// firstError is the error of the part that failed first: not the
// cancellation its failure caused in the others, unless the caller's
// context ended too.
func firstError(ctx context.Context, errs []error) error {
	var cancelled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) && ctx.Err() == nil:
			cancelled = err
		default:
			return err
		}
	}
	return cancelled
}

// partUnits is about how many units make a part worth its own searcher.
const partUnits = 20000

// partBounds splits the internal doc numbers of ords' reader into ranges,
// at most one per core, and one for a costly search while another search
// runs: bounds[i] to
// bounds[i+1], the last open-ended.
func (ix *Index) partBounds(ords *ordinals, costly bool) []uint64 {
	n := ix.parts
	if n == 0 {
		n = min(runtime.GOMAXPROCS(0), len(ix.cat.units)/partUnits)
	}
	if costly && (ix.lanes == nil || !ix.lanes.alone()) {
		n = 1
	}
	if n <= 1 || len(ords.ords) == 0 {
		return []uint64{0, math.MaxUint64} // or numbered otherwise than Scorch numbers
	}
	bounds := make([]uint64, n+1)
	for i := 1; i < n; i++ {
		bounds[i] = uint64(len(ords.ords) * i / n)
	}
	bounds[n] = math.MaxUint64
	return bounds
}

// partial is what one part of a search gathers.
type partial struct {
	total  int
	top    topHits
	counts *keyCounts // nil when facets are not asked for
}

// keyCounts counts hits by facet group and key, and lists the keys it
// has counted, so that a search that meets few documents does not walk
// every document's counter. Zeroed, it goes back to its index's pool.
type keyCounts struct {
	n       [facetGroups][]int32
	touched [facetGroups][]int32
}

func (k *keyCounts) count(g int, key int32) {
	if k.n[g][key] == 0 {
		k.touched[g] = append(k.touched[g], key)
	}
	k.n[g][key]++
}

// add adds o's counts to k's.
func (k *keyCounts) add(o *keyCounts) {
	for g := range o.n {
		for _, key := range o.touched[g] {
			if k.n[g][key] == 0 {
				k.touched[g] = append(k.touched[g], key)
			}
			k.n[g][key] += o.n[g][key]
			o.n[g][key] = 0
		}
		o.touched[g] = o.touched[g][:0]
	}
}

func (k *keyCounts) reset() {
	for g := range k.n {
		for _, key := range k.touched[g] {
			k.n[g][key] = 0
		}
		k.touched[g] = k.touched[g][:0]
	}
}

// yieldEvery is how many hits a costly search collects between giving
// its core up to whatever else is waiting for one: far below the 10 ms
// after which Go's scheduler would take it.
const yieldEvery = 64

// collectPart walks q's hits with internal numbers from from to to.
func (ix *Index) collectPart(ctx context.Context, r index.IndexReader, q query.Query, ords *ordinals, s Sort, k int, facets, costly bool, weights []float64, from, to uint64) (*partial, error) {
	searcher, err := q.Searcher(withScoring(ctx), r, ix.bleve.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	dv, err := r.DocValueReader([]string{fieldOrd})
	if err != nil {
		return nil, err
	}

	p := &partial{top: topHits{k: k, byScore: s == ByRelevance}}
	if facets {
		p.counts = ix.counts.Get().(*keyCounts)
	}

	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0),
		IndexReader:       r,
	}
	var ord int32
	found := false
	visit := func(_ string, term []byte) { ord, found = parseOrd(term) }
	var m *bsearch.DocumentMatch
	if from > 0 {
		m, err = searcher.Advance(sctx, index.NewIndexInternalID(nil, from))
	} else {
		m, err = searcher.Next(sctx)
	}
	for ; ; m, err = searcher.Next(sctx) {
		if err != nil {
			return nil, err
		}
		if m == nil || (to != math.MaxUint64 && m.IndexInternalID.Value() >= to) {
			break
		}
		if p.total%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if costly && p.total%yieldEvery == 0 {
			runtime.Gosched()
		}
		var u hitUnit
		n, ok := ords.number(m.IndexInternalID)
		if ok {
			u = ords.units[n]
		} else {
			found = false
			if err := dv.VisitDocValues(m.IndexInternalID, visit); err != nil {
				return nil, err
			}
			if !found || int(ord) >= len(ix.cat.units) {
				return nil, fmt.Errorf("hit %x: no ordinal of the archive's units; the index is stale", m.IndexInternalID)
			}
			u = ix.cat.hitUnit(ord)
		}
		p.total++
		if facets {
			p.counts.count(byDocument, u.docKey)
			p.counts.count(byClassification, u.classKey)
		}
		score := m.Score
		if ok && (weights != nil || p.top.admits(score)) {
			ord = ords.ords[n] // read only for the hits that may be kept
		}
		if weights != nil {
			score *= weights[ix.cat.langOrd[ord]]
		}
		if p.top.admits(score) {
			p.top.offer(score, ix.cat.rankOf(ord, s), ord, m.IndexInternalID)
		}
		sctx.DocumentMatchPool.Put(m)
	}
	return p, nil
}

// withScoring tells Bleve's searchers the index's scoring model, as its own
// search does.
func withScoring(ctx context.Context) context.Context {
	return context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return index.BM25Scoring }))
}

// locate finds where q matches each hit of page in the text field: term
// -> byte spans. Only the page's hits are looked at, so term vectors are
// read for a handful of hits, not for every hit.
func (ix *Index) locate(ctx context.Context, r index.IndexReader, q query.Query, page []ranked) ([]map[string][]span, error) {
	out := make([]map[string][]span, len(page))
	if len(page) == 0 {
		return out, nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = ix.cat.units[h.ord].id()
	}
	q = query.NewConjunctionQuery([]query.Query{restrict(q, query.NewDocIDQuery(ids)), query.NewDocIDQuery(ids)})
	searcher, err := q.Searcher(withScoring(ctx), r, ix.bleve.Mapping(), bsearch.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0),
		IndexReader:       r,
	}
	order := make([]int, len(page))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(page[a].id, page[b].id) })
	for _, i := range order {
		m, err := searcher.Advance(sctx, page[i].id)
		if err != nil {
			return nil, err
		}
		if m == nil || !bytes.Equal(m.IndexInternalID, page[i].id) {
			return nil, fmt.Errorf("hit %x: not found again", page[i].id)
		}
		m.Complete(nil)
		spans := map[string][]span{}
		for _, terms := range m.Locations { // the text field of the unit's language, and fold
			for term, locs := range terms {
				for _, l := range locs {
					spans[term] = append(spans[term], span{int(l.Start), int(l.End)})
				}
			}
		}
		out[i] = spans
	}
	return out, nil
}

// restrict returns q with ids among the conjuncts of each of its
// conjunctions. It finds the same hits among ids, and lets locate look at
// a page's hits alone: Bleve intersects the posting lists of a conjunction
// of terms whole when it makes its searcher, unless a conjunct is not a
// term, as a doc id query is not.
func restrict(q, ids query.Query) query.Query {
	each := func(qs []query.Query) []query.Query {
		out := make([]query.Query, len(qs))
		for i, q := range qs {
			out[i] = restrict(q, ids)
		}
		return out
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		b := *q
		for _, sub := range []*query.Query{&b.Must, &b.Should, &b.MustNot, &b.Filter} {
			if *sub != nil {
				*sub = restrict(*sub, ids)
			}
		}
		return &b
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = append(each(c.Conjuncts), ids)
		return &c
	case *query.DisjunctionQuery:
		d := *q
		d.Disjuncts = each(d.Disjuncts)
		return &d
	case *langStats:
		return &langStats{Query: restrict(q.Query, ids), stats: q.stats}
	}
	return q
}

// topHits keeps the best k hits offered, worst at the root of a heap.
type topHits struct {
	k       int
	byScore bool // else by rank alone
	heap    []ranked
}

// better reports whether a comes before b.
func (t *topHits) better(a, b *ranked) bool {
	if t.byScore && a.score != b.score {
		return a.score > b.score
	}
	return a.rank < b.rank
}

// admits reports whether a hit of score may be kept, whatever its rank:
// false only when the heap is full of hits that score higher, so that
// most hits of a common word are turned away before their rank is read.
func (t *topHits) admits(score float64) bool {
	return t.k > 0 && (len(t.heap) < t.k || !t.byScore || score >= t.heap[0].score)
}

func (t *topHits) offer(score float64, rank, ord int32, id index.IndexInternalID) {
	if t.k <= 0 {
		return
	}
	h := ranked{score: score, rank: rank, ord: ord}
	if len(t.heap) == t.k {
		if !t.better(&h, &t.heap[0]) {
			return
		}
		h.id = append(t.heap[0].id[:0], id...) // reuse the evicted hit's buffer
		t.heap[0] = h
		t.down(0)
		return
	}
	h.id = append(index.IndexInternalID(nil), id...)
	t.heap = append(t.heap, h)
	for i := len(t.heap) - 1; i > 0; {
		p := (i - 1) / 2
		if !t.better(&t.heap[p], &t.heap[i]) {
			break
		}
		t.heap[p], t.heap[i] = t.heap[i], t.heap[p]
		i = p
	}
}

func (t *topHits) down(i int) {
	n := len(t.heap)
	for {
		worst := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < n && t.better(&t.heap[worst], &t.heap[c]) {
				worst = c
			}
		}
		if worst == i {
			return
		}
		t.heap[i], t.heap[worst] = t.heap[worst], t.heap[i]
		i = worst
	}
}

// sorted returns the hits kept, best first.
func (t *topHits) sorted() []ranked {
	slices.SortFunc(t.heap, func(a, b ranked) int {
		if t.better(&a, &b) {
			return -1
		}
		if t.better(&b, &a) {
			return 1
		}
		return 0
	})
	return t.heap
}
