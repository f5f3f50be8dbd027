package search

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// limited is a fresh index of the seed with limits of its own.
func limited(t *testing.T, l Limits) *Index {
	t.Helper()
	ix, err := Build(context.Background(), seedArchive(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ix.SetLimits(l)
	return ix
}

func estimateOf(t *testing.T, ix *Index, text string) Cost {
	t.Helper()
	c, err := ix.Estimate(context.Background(), Query{Text: text})
	if err != nil {
		t.Fatalf("Estimate(%q): %v", text, err)
	}
	return c
}

// The estimate reads the query's shape and the index's frequencies.
func TestEstimate(t *testing.T) {
	ix := seed(t)
	word := estimateOf(t, ix, "transport")
	if word.Terms != 1 || word.Phrases != 0 || word.Branches != 0 || word.Postings == 0 || word.Hits != word.Postings {
		t.Errorf("one word: %+v; want one term, its postings its hits", word)
	}
	if c := estimateOf(t, ix, "zebra"); c.Postings != 0 || c.Hits != 0 || c.Units <= 0 {
		t.Errorf("a word the index lacks: %+v; want no postings, no hits, a lookup's cost", c)
	}
	phrases := estimateOf(t, ix, `"artificial intelligence" OR "the parties" OR transport`)
	if phrases.Phrases != 2 || phrases.Branches != 3 || phrases.Terms != 5 {
		t.Errorf("two phrases OR a word: %+v; want 2 phrases, 3 branches, 5 terms", phrases)
	}
	// A hyphenated word is its parts in a row or joined: the analysis
	// adds a term.
	if c := estimateOf(t, ix, "Trans-Caspian"); c.Expansions != 1 || c.Terms != 3 || c.Phrases != 1 {
		t.Errorf("Trans-Caspian: %+v; want 1 expansion, 1 phrase, 3 terms", c)
	}
	if c := estimateOf(t, ix, ""); c != (Cost{}) {
		t.Errorf("nothing to search for costs %+v; want nothing", c)
	}
}

// Adding an alternative, a word or a phrase, to an OR never makes a query
// cheaper, whatever the words: a property over random queries of the
// seed's words.
func TestEstimateMonotoneInAlternatives(t *testing.T) {
	ix := seed(t)
	var words []string
	for _, d := range ix.archive.Documents() {
		for _, c := range d.Clauses {
			words = append(words, strings.FieldsFunc(c.Text(), func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			})...)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	item := func() string {
		if rng.IntN(2) == 0 {
			return words[rng.IntN(len(words))]
		}
		at := rng.IntN(len(words) - 4)
		return `"` + strings.Join(words[at:at+2+rng.IntN(3)], " ") + `"`
	}
	for range 300 {
		branches := []string{item()}
		prev := estimateOf(t, ix, branches[0])
		for len(branches) < 12 {
			branches = append(branches, item())
			text := strings.Join(branches, " OR ")
			if len(text) > MaxQueryLen {
				break
			}
			c := estimateOf(t, ix, text)
			if c.Units <= prev.Units || c.Terms <= prev.Terms {
				t.Fatalf("%q costs %+v; without its last alternative %+v: want more", text, c, prev)
			}
			// Each alternative is read whole: their postings add up.
			if last := estimateOf(t, ix, branches[len(branches)-1]); c.Postings != prev.Postings+last.Postings {
				t.Fatalf("%q reads %d postings; want %d without its last alternative plus %d for it", text, c.Postings, prev.Postings, last.Postings)
			}
			prev = c
		}
		// And the same alternatives AND-ed with a further word cost more
		// than that word alone.
		w := words[rng.IntN(len(words))]
		alone := estimateOf(t, ix, `"`+w+`"`)
		with := estimateOf(t, ix, `"`+w+`" OR (`+strings.Join(branches[:2], " OR ")+`)`)
		if with.Units <= alone.Units {
			t.Fatalf("%q OR two more costs %d, no more than alone (%d)", w, with.Units, alone.Units)
		}
	}
}

// A query estimated over the limit is refused before it runs, with a
// reason a person can act on.
func TestSearchRefusesCostlyQuery(t *testing.T) {
	cheap := estimateOf(t, seed(t), "transport")
	ix := limited(t, Limits{MaxCost: cheap.Units + 1})
	if _, err := ix.Search(context.Background(), Query{Text: "transport"}); err != nil {
		t.Fatalf("a query under the limit: %v", err)
	}
	_, err := ix.Search(context.Background(), Query{Text: `"the parties" OR "the presidents" OR cooperation`})
	var ce *CostError
	if !errors.As(err, &ce) || !errors.Is(err, ErrTooCostly) {
		t.Fatalf("a query over the limit: %v; want a *CostError", err)
	}
	reason := ce.Reason()
	for _, want := range []string{"too broad", "joins 3 alternatives with OR", "has 2 phrases", "fewer alternatives"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q lacks %q", reason, want)
		}
	}
}

// A search that runs out of time says so with ErrTimedOut, not the
// context's error.
func TestSearchTimesOut(t *testing.T) {
	ix := limited(t, Limits{Timeout: time.Nanosecond})
	for _, text := range []string{"cooperation", "zebra"} { // hits, and none
		if _, err := ix.Search(context.Background(), Query{Text: text}); !errors.Is(err, ErrTimedOut) {
			t.Fatalf("Search(%q) with a deadline already past: %v; want ErrTimedOut", text, err)
		}
	}
	// The caller's own end is not a timeout of the search.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := limited(t, Limits{}).Search(ctx, Query{Text: "cooperation"}); errors.Is(err, ErrTimedOut) || !errors.Is(err, context.Canceled) {
		t.Fatalf("Search with a cancelled context: %v; want context.Canceled", err)
	}
}

// With every costly slot taken, a cheap search still runs at once, a
// costly one waits for a slot, and one that waits too long is told the
// search is busy.
func TestLanesKeepCheapSearchesFlowing(t *testing.T) {
	cheapCost := estimateOf(t, seed(t), "transport").Units
	ix := limited(t, Limits{CheapCost: cheapCost, CostlySlots: 1, CheapSlots: 1, Wait: time.Hour})
	// A cheap search that waits is a failure: it is stopped, not left to
	// wait the hour.
	cheapCtx, stopCheap := context.WithCancel(context.Background())
	defer stopCheap()
	queued := make(chan bool, 4)
	ix.lanes.queued = func(costly bool) {
		if !costly {
			stopCheap()
		}
		queued <- costly
	}

	hold, err := ix.lanes.acquire(context.Background(), true) // the costly lane is full
	if err != nil {
		t.Fatal(err)
	}
	costly := `"the parties" OR cooperation`
	if c := estimateOf(t, ix, costly); c.Units <= cheapCost {
		t.Fatalf("%q costs %d; the test needs it costly (over %d)", costly, c.Units, cheapCost)
	}
	// The costly search is stopped with the test, should it fail while
	// the search waits.
	costlyCtx, stopCostly := context.WithCancel(context.Background())
	defer stopCostly()
	done := make(chan error, 1)
	go func() {
		_, err := ix.Search(costlyCtx, Query{Text: costly})
		done <- err
	}()
	select {
	case c := <-queued:
		if !c {
			t.Fatal("the costly search waited in the cheap lane")
		}
	case err := <-done:
		t.Fatalf("the costly search ran with its lane full (err %v)", err)
	}
	// The costly search waits; a cheap one runs in its own lane.
	if _, err := ix.Search(cheapCtx, Query{Text: "transport"}); err != nil {
		t.Fatalf("cheap search beside a full costly lane: %v", err)
	}
	hold()
	if err := <-done; err != nil {
		t.Fatalf("the costly search, once its slot freed: %v", err)
	}

	// A costly search that finds its lane full for the whole wait is busy.
	busy := limited(t, Limits{CheapCost: cheapCost, CostlySlots: 1, Wait: time.Nanosecond})
	hold, err = busy.lanes.acquire(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	// The minute is a guard against a wait that never ends, not a wait.
	guard, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := busy.Search(guard, Query{Text: costly}); !errors.Is(err, ErrBusy) {
		t.Fatalf("costly search with its lane full: %v; want ErrBusy", err)
	}
	if _, err := busy.Search(context.Background(), Query{Text: "transport"}); err != nil {
		t.Fatalf("cheap search with the costly lane full: %v", err)
	}
}
