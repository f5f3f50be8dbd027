package search

import (
	"context"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/relevance"
)

// relevanceFloor is the least nDCG@10 the judged query set may score: a
// little under the measured figure, so a ranking regression fails make
// test. Raise it when the ranking improves.
const relevanceFloor = 0.92

// langFloors are the least nDCG@10 of the queries judged on each
// language's texts, as relevanceFloor is of all of them.
var langFloors = map[string]float64{"en": 0.94, "ru": 0.95, "fr": 0.95, "et": 0.8}

// TestRelevance runs the relevance harness's judged queries against
// Accord and fails when nDCG@10 drops below the floor, over all of them
// or over one language's. make relevance prints the same figures beside
// SQLite FTS5's.
func TestRelevance(t *testing.T) {
	s, byLang := RelevanceScores(t)
	t.Logf("Accord: %v", s)
	for _, q := range s.Zero {
		t.Logf("zero-result: %q", q)
	}
	if s.NDCG < relevanceFloor {
		t.Errorf("nDCG@10 = %.3f, want at least %.3f", s.NDCG, relevanceFloor)
	}
	for l, floor := range langFloors {
		ls, ok := byLang[l]
		if !ok {
			t.Errorf("no judged queries in %s", l)
			continue
		}
		t.Logf("Accord, %s: %v", l, ls)
		if ls.NDCG < floor {
			t.Errorf("%s: nDCG@10 = %.3f, want at least %.3f", l, ls.NDCG, floor)
		}
	}
}

// RelevanceScores builds the relevance harness's archive and measures
// Accord's ranking of its judged queries, all of them and by language.
func RelevanceScores(t testing.TB) (relevance.Scores, map[string]relevance.Scores) {
	t.Helper()
	a, err := relevance.Archive("../..")
	if err != nil {
		t.Fatalf("relevance archive: %v", err)
	}
	qs, err := relevance.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	if bad := relevance.Check(qs, a); len(bad) > 0 {
		t.Fatalf("judgments of no unit:\n%s", strings.Join(bad, "\n"))
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	synonyms, err := relevance.Synonyms("../..")
	if err != nil {
		t.Fatal(err)
	}
	ix.SetSynonyms(synonyms)
	search := relevance.Ranked(context.Background(), ix)
	s, err := relevance.Evaluate(qs, search)
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]relevance.Scores{}
	for l, lqs := range relevance.ByLanguage(qs, a) {
		if byLang[l], err = relevance.Evaluate(lqs, search); err != nil {
			t.Fatal(err)
		}
	}
	return s, byLang
}
