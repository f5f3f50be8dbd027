//go:build bench

package bench

import (
	"context"
	"slices"
	"testing"

	"github.com/accord-archive/accord/internal/relevance"
	"github.com/accord-archive/accord/internal/search"
)

// TestRelevance prints the relevance harness's figures for Accord and for
// SQLite FTS5 over the same units (make relevance).
func TestRelevance(t *testing.T) {
	ctx := context.Background()
	a, err := relevance.Archive("../..")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := relevance.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	synonyms, err := relevance.Synonyms("../..")
	if err != nil {
		t.Fatal(err)
	}
	ix.SetSynonyms(synonyms)
	fts, err := NewFTS(ctx, a.Documents())
	if err != nil {
		t.Fatal(err)
	}
	defer fts.Close()

	accordSearch := relevance.Ranked(ctx, ix)
	accord, err := relevance.Evaluate(qs, accordSearch)
	if err != nil {
		t.Fatal(err)
	}
	peerSearch := func(q string) ([]string, error) {
		hits, err := fts.Search(ctx, q)
		if err != nil {
			return nil, nil // FTS5 refuses some input (a lone "?"): nothing found
		}
		var units []string
		for _, h := range hits {
			units = append(units, relevance.Unit(h.Doc, h.EID))
		}
		return units, nil
	}
	peer, err := relevance.Evaluate(qs, peerSearch)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d judged queries, %d documents", len(qs), len(a.Documents()))
	for _, e := range []struct {
		name string
		s    relevance.Scores
	}{{"Accord", accord}, {"FTS5", peer}} {
		t.Logf("%-7s %v", e.name, e.s)
		for _, q := range e.s.Zero {
			t.Logf("%-7s zero-result: %q", e.name, q)
		}
	}
	// The same by the language of the texts judged.
	byLang := relevance.ByLanguage(qs, a)
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		for _, e := range []struct {
			name   string
			search func(string) ([]string, error)
		}{{"Accord", accordSearch}, {"FTS5", peerSearch}} {
			s, err := relevance.Evaluate(byLang[l], e.search)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s, %-7s %2d queries  %v", l, e.name, len(byLang[l]), s)
		}
	}
}
