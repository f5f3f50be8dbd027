package search

import (
	"cmp"
	"slices"
)

// facetFields are the facets every search counts, in the order returned,
// with how many values each lists and the group of its values.
var facetFields = []struct {
	name, field string
	size        int
	group       int
}{
	{"doc", fieldDoc, 10, byDocument},
	{"party", fieldParty, 20, byDocument},
	{"year", fieldYear, 20, byDocument},
	{"kind", fieldKind, 12, byDocument},
	{"lang", fieldLang, 20, byDocument},
	{"commitment", fieldCommitment, 12, byClassification},
	{"actor", fieldActor, 20, byClassification},
	{"topic", fieldTopic, 30, byClassification},
	{"entity", fieldEntity, 20, byClassification},
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
		if f.field == fieldLang && len(cat.facets[i].values) < 2 {
			continue // an archive in one language
		}
		// The size best values, by count then value, kept sorted by
		// insertion: most values fall short of the last one kept, and the
		// doc facet has one value per document.
		terms := make([]FacetTerm, 0, f.size)
		better := func(a, b FacetTerm) bool {
			return a.Count > b.Count || (a.Count == b.Count && a.Value < b.Value)
		}
		total := 0
		for id, n := range counts[i] {
			if n == 0 {
				continue
			}
			total += int(n)
			t := FacetTerm{Value: cat.facets[i].values[id], Count: int(n)}
			if len(terms) == f.size && !better(t, terms[len(terms)-1]) {
				continue
			}
			if len(terms) < f.size {
				terms = append(terms, t)
			}
			j := len(terms) - 1
			for ; j > 0 && better(t, terms[j-1]); j-- {
				terms[j] = terms[j-1]
			}
			terms[j] = t
		}
		if len(terms) == 0 {
			continue
		}
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
