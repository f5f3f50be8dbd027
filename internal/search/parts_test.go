package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/fixture"
)

// TestPartsFindWhatOneWalkFinds searches the synthetic index walked in one
// part and in several, and wants the same totals, pages, scores and facets,
// those of the classification too.
func TestPartsFindWhatOneWalkFinds(t *testing.T) {
	ix, a := classifiedIndex(t)
	d := a.Documents()[0]
	one := newIndex(ix.bleve, a, ix.cat)
	one.parts = 1
	queries := []Query{
		{Text: "cooperation"},
		{Text: "cooperation", Sort: ByNewest, Page: 3},
		{Text: "cooperation", Sort: ByOldest, PerPage: 50, Page: 2},
		{Text: "energy transport"},
		{Text: `"renewable energy"`},
		{Text: "trade OR transport -energy"},
		{Text: "agreed", Party: d.Parties[0].Code},
		{Text: "-cooperation"},
		{Text: "commitment:agreement"},
		{Text: "cooperation", Topic: "energy"},
		{Party: d.Parties[0].Code, Sort: ByNewest},
		{Text: "nothingmatchesthis"},
	}
	for _, parts := range []int{2, 3, 7} {
		many := newIndex(ix.bleve, a, ix.cat)
		many.parts = parts
		if b := many.partBounds(mustOrdinals(t, many), false); len(b) != parts+1 {
			t.Fatalf("%d parts: bounds %v", parts, b)
		}
		for _, q := range queries {
			want, got := mustSearch(t, one, q), mustSearch(t, many, q)
			if want.Total == 0 && q.Text != "nothingmatchesthis" {
				t.Errorf("Search(%+v) found nothing; the test needs hits", q)
			}
			if got.Total != want.Total {
				t.Errorf("%d parts: Search(%+v).Total = %d; one walk %d", parts, q, got.Total, want.Total)
			}
			if !reflect.DeepEqual(hitKeys(got.Hits), hitKeys(want.Hits)) {
				t.Errorf("%d parts: Search(%+v) hits\n%v\none walk\n%v", parts, q, hitKeys(got.Hits), hitKeys(want.Hits))
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%d parts: Search(%+v) facets\n%+v\none walk\n%+v", parts, q, got.Facets, want.Facets)
			}
		}
	}
}

type hitKey struct {
	id      string
	score   float64
	snippet string
}

func hitKeys(hs []Hit) []hitKey {
	out := make([]hitKey, len(hs))
	for i, h := range hs {
		out[i] = hitKey{h.Doc.Slug + "#" + h.EID, h.Score, string(h.Snippet)}
	}
	return out
}

func mustOrdinals(t *testing.T, ix *Index) *ordinals {
	t.Helper()
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	o, err := ix.ordinalsFor(r)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestFirstError: a part's failure, not the cancellation it caused in the
// other parts, is the search's error.
func TestFirstError(t *testing.T) {
	stale := errors.New("the index is stale")
	live := context.Background()
	ended, cancel := context.WithCancel(live)
	cancel()
	for _, tt := range []struct {
		ctx  context.Context
		errs []error
		want error
	}{
		{live, []error{nil, nil}, nil},
		{live, []error{context.Canceled, stale, context.Canceled}, stale},
		{live, []error{stale, context.Canceled}, stale},
		{ended, []error{context.Canceled, context.Canceled}, context.Canceled},
		{live, []error{fmt.Errorf("wrapped: %w", context.DeadlineExceeded), context.Canceled}, context.DeadlineExceeded},
	} {
		if got := firstError(tt.ctx, tt.errs); !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("firstError(%v) = %v; want %v", tt.errs, got, tt.want)
		}
	}
}

// TestPartFailureIsTheError: when one part fails (here on a catalogue that
// lacks the newest units' documents, as a stale index would), the search
// fails with that part's error, not the cancellation it caused in the
// others.
func TestPartFailureIsTheError(t *testing.T) {
	ix, a := classifiedIndex(t)
	docs := a.Documents()
	short, err := archive.New(docs[:len(docs)-20])
	if err != nil {
		t.Fatal(err)
	}
	stale := newIndex(ix.bleve, short, newCatalogue(short))
	stale.parts = 7
	for range 20 {
		_, err := stale.Search(context.Background(), Query{Text: "cooperation"})
		if err == nil || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stale") {
			t.Fatalf("Search on a stale catalogue = %v; want the part's error, that the index is stale", err)
		}
	}
}

// classifiedIndex is an in-memory index of a classified synthetic archive
// of 200 documents, closed when the test ends.
func classifiedIndex(t *testing.T) (*Index, *archive.Archive) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a synthetic index of 200 documents")
	}
	a, _, err := fixture.Classified(2, 200, 10)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, a
}

// TestTopHitsAdmitsLosesNothing offers hits with many tied scores, as a
// synthetic archive's template clauses make, to one heap through admits
// (as collect does, reading a hit's rank only if admitted) and to another
// without it, and wants the same page: a tie with the worst hit kept must
// still be ranked, by relevance and by date.
func TestTopHitsAdmitsLosesNothing(t *testing.T) {
	for _, byScore := range []bool{true, false} {
		for _, k := range []int{1, 10, 50} {
			gated, all := topHits{k: k, byScore: byScore}, topHits{k: k, byScore: byScore}
			for i := range 5000 {
				score := float64((i*7919)%13) / 4 // 13 scores, each shared by hundreds of hits
				rank := int32((i * 104729) % 5000)
				id := []byte(fmt.Sprint(i))
				all.offer(score, rank, int32(i), id)
				if gated.admits(score) {
					gated.offer(score, rank, int32(i), id)
				}
			}
			got, want := gated.sorted(), all.sorted()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("byScore %v, k %d: admitted page\n%v\nevery hit offered\n%v", byScore, k, got, want)
			}
		}
	}
}

// TestCostlySearchAloneTakesEveryCore: a costly search is walked in one
// part while another search holds a slot, and in parts when it runs alone.
func TestCostlySearchAloneTakesEveryCore(t *testing.T) {
	ix, a := classifiedIndex(t)
	many := newIndex(ix.bleve, a, ix.cat)
	many.parts = 3
	many.SetLimits(Limits{})
	ords := mustOrdinals(t, many)
	ctx := context.Background()

	release, err := many.lanes.acquire(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if b := many.partBounds(ords, true); len(b) != 4 {
		t.Errorf("costly search alone: bounds %v; want 3 parts", b)
	}
	other, err := many.lanes.acquire(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if b := many.partBounds(ords, true); len(b) != 2 {
		t.Errorf("costly search beside another: bounds %v; want one part", b)
	}
	if b := many.partBounds(ords, false); len(b) != 4 {
		t.Errorf("cheap search beside another: bounds %v; want 3 parts", b)
	}
	other()
	release()
	if n := many.lanes.running.Load(); n != 0 {
		t.Errorf("%d searches still counted as running after their release", n)
	}
}
