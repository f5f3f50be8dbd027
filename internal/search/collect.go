package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"

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
func (ix *Index) collect(ctx context.Context, r index.IndexReader, q query.Query, s Sort, size, skip int, facets bool) (*collection, error) {
	searcher, err := q.Searcher(withScoring(ctx), r, ix.bleve.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	ords, err := ix.ordinalsFor(r)
	if err != nil {
		return nil, err
	}
	dv, err := r.DocValueReader([]string{fieldOrd})
	if err != nil {
		return nil, err
	}

	c := &collection{}
	if facets {
		c.counts = make([][]int32, len(ix.cat.facets))
		for i := range ix.cat.facets {
			c.counts[i] = make([]int32, len(ix.cat.facets[i].values))
		}
	}
	ranks := ix.cat.newest
	if s == ByOldest {
		ranks = ix.cat.oldest
	}
	top := topHits{k: size + skip, byScore: s == ByRelevance}

	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0),
		IndexReader:       r,
	}
	var ord int32
	found := false
	visit := func(_ string, term []byte) { ord, found = parseOrd(term) }
	for {
		if c.total%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		m, err := searcher.Next(sctx)
		if err != nil {
			return nil, err
		}
		if m == nil {
			break
		}
		if ord, found = ords.of(m.IndexInternalID); !found {
			if err := dv.VisitDocValues(m.IndexInternalID, visit); err != nil {
				return nil, err
			}
		}
		if !found || int(ord) >= len(ix.cat.units) {
			return nil, fmt.Errorf("hit %x: no ordinal of the archive's units; the index is stale", m.IndexInternalID)
		}
		c.total++
		for i, counts := range c.counts {
			for _, id := range ix.cat.facets[i].of(ord) {
				counts[id]++
			}
		}
		top.offer(m.Score, ranks[ord], ord, m.IndexInternalID)
		sctx.DocumentMatchPool.Put(m)
	}
	c.page = top.sorted()
	c.page = c.page[min(skip, len(c.page)):]
	return c, nil
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
		for term, locs := range m.Locations[fieldText] {
			for _, l := range locs {
				spans[term] = append(spans[term], span{int(l.Start), int(l.End)})
			}
		}
		out[i] = spans
	}
	return out, nil
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
