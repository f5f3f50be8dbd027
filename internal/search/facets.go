package search

import (
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// facetFields are the facets every search counts, in the order returned,
// with how many values each lists.
var facetFields = []struct {
	name, field string
	size        int
}{
	{"doc", fieldDoc, 10},
	{"party", fieldParty, 20},
	{"year", fieldYear, 20},
	{"kind", fieldKind, 12},
	{"commitment", fieldCommitment, 12},
	{"actor", fieldActor, 20},
	{"topic", fieldTopic, 30},
	{"entity", fieldEntity, 20},
}

// facets converts Bleve's facet results, keeping those with terms. Values
// are listed by count, then by value (years newest first).
func facets(in bsearch.FacetResults) []Facet {
	var out []Facet
	for _, f := range facetFields {
		fr, ok := in[f.name]
		if !ok || fr.Terms == nil || len(fr.Terms.Terms()) == 0 {
			continue
		}
		facet := Facet{Field: f.name, Other: fr.Other}
		for _, t := range fr.Terms.Terms() {
			facet.Terms = append(facet.Terms, FacetTerm{Value: t.Term, Count: t.Count})
		}
		newestFirst := f.name == "year"
		sort.SliceStable(facet.Terms, func(i, j int) bool {
			a, b := facet.Terms[i], facet.Terms[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			if newestFirst {
				return a.Value > b.Value
			}
			return a.Value < b.Value
		})
		out = append(out, facet)
	}
	return out
}
