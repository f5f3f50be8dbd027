package search

import (
	"cmp"
	"slices"
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

// facetResults turns counts by facet and value id into facets, keeping
// those with terms. Each lists its most frequent values (ties to the
// smaller value), and Other counts the rest, a hit once per value; then
// the values listed are ordered by count, then by value (years newest
// first).
func (cat *catalogue) facetResults(counts [][]int32) []Facet {
	var out []Facet
	for i, f := range facetFields {
		if i >= len(counts) {
			break
		}
		var terms []FacetTerm
		total := 0
		for id, n := range counts[i] {
			if n > 0 {
				terms = append(terms, FacetTerm{Value: cat.facets[i].values[id], Count: int(n)})
				total += int(n)
			}
		}
		if len(terms) == 0 {
			continue
		}
		slices.SortFunc(terms, func(a, b FacetTerm) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		terms = terms[:min(f.size, len(terms))]
		facet := Facet{Field: f.name, Terms: terms, Other: total}
		for _, t := range terms {
			facet.Other -= t.Count
		}
		if f.name == "year" {
			slices.SortStableFunc(facet.Terms, func(a, b FacetTerm) int {
				return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Value, a.Value))
			})
		}
		out = append(out, facet)
	}
	return out
}
