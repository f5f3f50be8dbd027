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

// TestRelevance runs the relevance harness's judged queries against
// Accord and fails when nDCG@10 drops below the floor. make relevance
// prints the same figures beside SQLite FTS5's.
func TestRelevance(t *testing.T) {
	s := RelevanceScores(t)
	t.Logf("Accord: %v", s)
	for _, q := range s.Zero {
		t.Logf("zero-result: %q", q)
	}
	if s.NDCG < relevanceFloor {
		t.Errorf("nDCG@10 = %.3f, want at least %.3f", s.NDCG, relevanceFloor)
	}
}

// RelevanceScores builds the relevance harness's archive and measures
// Accord's ranking of its judged queries.
func RelevanceScores(t testing.TB) relevance.Scores {
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
	s, err := relevance.Evaluate(qs, relevance.Ranked(context.Background(), ix))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
