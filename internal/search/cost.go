package search

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
)

// Cost is what a query is expected to cost before it runs, read off the
// query as compiled (so with every form and spelling the analysis adds)
// and the index's document frequencies.
type Cost struct {
	Terms      int   // term lookups, alternatives included
	Phrases    int   // phrases, which read positions as well as postings
	Branches   int   // alternatives joined by OR
	Expansions int   // extra terms the analysis added: forms, spellings
	Postings   int64 // postings the searchers are expected to read
	Hits       int64 // an upper bound on the hits collected
	Units      int64 // the one figure the limits compare: see estimate
}

// Weights of the cost model, in units of one posting read. A posting read
// with its positions, for a phrase, costs about twice a plain one; a hit
// costs about one more (scoring, facets, ranking); each term's searcher
// costs a dictionary lookup per segment, whatever its postings.
const (
	phraseWeight = 2
	hitWeight    = 1
	termOverhead = 64
)

// Default limits, in Cost.Units. On 100,000 clauses a search runs at
// roughly 10 million units a second on one core: the most common word
// costs 240,000 (25 ms), a phrase of common words 700,000 (80 ms), and
// fifteen such phrases OR-ed 6.7 million (0.9 s, and seconds when a few
// run at once).
const (
	DefaultMaxCost   = 3_000_000 // over this, a query is refused
	DefaultCheapCost = 200_000   // up to this, a query runs in the cheap lane
)

// ErrTooCostly is what Search's error wraps when the estimated cost of a
// query is over the limit; the error is a *CostError that says why.
var ErrTooCostly = archive.ErrTooCostly

// CostError refuses a query whose estimated cost is over the limit.
type CostError struct {
	Cost  Cost
	Limit int64
}

func (e *CostError) Error() string {
	return fmt.Sprintf("query costs about %d units; the limit is %d", e.Cost.Units, e.Limit)
}

// Is makes errors.Is(err, ErrTooCostly) hold.
func (e *CostError) Is(target error) bool { return target == ErrTooCostly }

// Reason says in words, for the person who searched, why the query is
// refused and what would run.
func (e *CostError) Reason() string {
	c := e.Cost
	var parts []string
	if c.Branches > 1 {
		parts = append(parts, "joins "+count(c.Branches, "alternative", "alternatives")+" with OR")
	}
	if c.Phrases > 0 {
		parts = append(parts, "has "+count(c.Phrases, "phrase", "phrases"))
	}
	if len(parts) == 0 {
		parts = append(parts, "has "+count(c.Terms, "word", "words"))
	}
	return "This search is too broad to run: it " + strings.Join(parts, " and ") +
		" of common words, about " + roundCount(c.Units) + " entries of the index to read, where the most one search may read is " +
		roundCount(e.Limit) + ". Use fewer alternatives or rarer words."
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// roundCount writes n to two significant figures: 3,100,000 as "3.1 million".
func roundCount(n int64) string {
	switch {
	case n >= 1_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " million"
	case n >= 10_000:
		return strconv.FormatInt((n+500)/1000, 10) + ",000"
	}
	return strconv.FormatInt(n, 10)
}

// estimate is the cost of running q, compiled as c, on r: the postings its
// searchers read, the hits it may collect, and a fixed overhead for each
// term. It is a sum over the query's parts, so adding an alternative, a
// phrase or a term never lowers it.
func estimate(ctx context.Context, r index.IndexReader, q query.Query, c compiled) (Cost, error) {
	docs, err := r.DocCount()
	if err != nil {
		return Cost{}, err
	}
	e := &estimator{ctx: ctx, r: r, docs: int64(docs)}
	e.cost.Branches, e.cost.Phrases, e.cost.Expansions = c.branches, c.phrases, c.expansions
	work, hits := e.walk(q)
	if e.err != nil {
		return Cost{}, e.err
	}
	cost := e.cost
	cost.Postings = work
	cost.Hits = hits
	cost.Units = work + hitWeight*hits + termOverhead*int64(cost.Terms)
	return cost, nil
}

type estimator struct {
	ctx  context.Context
	r    index.IndexReader
	docs int64
	cost Cost
	err  error
}

// df is how many documents hold term in field.
func (e *estimator) df(field, term string) int64 {
	e.cost.Terms++
	if e.err != nil {
		return 0
	}
	tfr, err := e.r.TermFieldReader(e.ctx, []byte(term), field, false, false, false)
	if err != nil {
		e.err = err
		return 0
	}
	n := int64(tfr.Count())
	tfr.Close()
	return n
}

// walk returns the postings q reads and at most how many hits it has.
func (e *estimator) walk(q query.Query) (work, hits int64) {
	switch q := q.(type) {
	case *query.TermQuery:
		n := e.df(q.Field(), q.Term)
		return n, n
	case *query.MatchAllQuery:
		return e.docs, e.docs
	case *langStats:
		return e.walk(q.Query)
	case *query.MatchNoneQuery:
		return 0, 0
	case *query.MultiPhraseQuery:
		hits = e.docs
		for _, group := range q.Terms {
			var g int64
			for _, t := range group {
				g += e.df(q.FieldVal, t)
			}
			work += phraseWeight * g
			hits = min(hits, g)
		}
		return work, hits
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			w, h := e.walk(d)
			work += w
			hits += h
		}
		return work, min(hits, e.docs)
	case *query.ConjunctionQuery:
		hits = e.docs
		for _, c := range q.Conjuncts {
			w, h := e.walk(c)
			work += w
			hits = min(hits, h)
		}
		return work, hits
	case *query.BooleanQuery:
		hits = e.docs
		for _, sub := range []query.Query{q.Must, q.Filter} {
			if sub != nil {
				w, h := e.walk(sub)
				work += w
				hits = min(hits, h)
			}
		}
		if q.Should != nil {
			w, h := e.walk(q.Should)
			work += w
			if q.Must == nil && q.Filter == nil {
				hits = h
			}
		}
		if q.MustNot != nil {
			w, _ := e.walk(q.MustNot)
			work += w
		}
		return work, hits
	}
	// A query this package does not make: assume it reads everything.
	return e.docs, e.docs
}

// Estimate is what q would cost, as Search estimates it before it runs q.
func (ix *Index) Estimate(ctx context.Context, q Query) (Cost, error) {
	if len(q.Text) > MaxQueryLen {
		return Cost{}, fmt.Errorf("estimate: %d bytes: %w", len(q.Text), ErrQueryTooLong)
	}
	if err := ix.await(ctx); err != nil {
		return Cost{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	r, err := ix.reader()
	if err != nil {
		return Cost{}, fmt.Errorf("estimate %q: %w", q.Text, err)
	}
	defer r.Close()
	main, c, _ := ix.prepare(normalise(q), r, false)
	if main == nil {
		return Cost{}, nil
	}
	return estimate(ctx, r, main, c)
}
