package search

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

// synthCorpus is one in-memory index of a synthetic corpus, shared by the
// read-only tests below: 300 documents of 10 clauses, a few thousand units.
var synthCorpus = sync.OnceValues(func() (*synthFixture, error) {
	a, err := archive.New(synth.Generate(1, 300, 10))
	if err != nil {
		return nil, err
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		return nil, err
	}
	return &synthFixture{ix: ix, a: a}, nil
})

type synthFixture struct {
	ix *Index
	a  *archive.Archive
}

func synthIndex(t *testing.T) (*Index, *archive.Archive) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a synthetic index of 300 documents")
	}
	f, err := synthCorpus()
	if err != nil {
		t.Fatalf("build synthetic index: %v", err)
	}
	return f.ix, f.a
}

// walk runs q page by page and returns every hit. It fails on a page that
// is too long, a Total that changes, or a hit seen twice.
func walk(t *testing.T, ix *Index, q Query) ([]Hit, *Results) {
	t.Helper()
	q.PerPage = maxPerPage
	var hits []Hit
	seen := map[string]bool{}
	var first *Results
	for page := 1; ; page++ {
		q.Page = page
		res := mustSearch(t, ix, q)
		if first == nil {
			first = res
		} else if res.Total != first.Total {
			t.Fatalf("Search(%+v).Total = %d; page 1 said %d", q, res.Total, first.Total)
		}
		if len(res.Hits) > q.PerPage {
			t.Fatalf("Search(%+v) = %d hits; want at most %d", q, len(res.Hits), q.PerPage)
		}
		for _, h := range res.Hits {
			id := h.Doc.Slug + "#" + h.EID
			if seen[id] {
				t.Fatalf("Search(%+v): %s on page %d was already on an earlier page", q, id, page)
			}
			seen[id] = true
			hits = append(hits, h)
		}
		if len(res.Hits) < q.PerPage {
			break
		}
		if page > maxResults/q.PerPage {
			t.Fatalf("Search(%+v): still hits after %d pages", q, page)
		}
	}
	if len(hits) != first.Total {
		t.Fatalf("Search(%+v): %d hits over all pages; Total = %d", q, len(hits), first.Total)
	}
	return hits, first
}

// units counts the clauses and preamble paragraphs of the documents keep accepts.
func units(a *archive.Archive, keep func(*archive.Document) bool) int {
	n := 0
	for _, d := range a.Documents() {
		if keep(d) {
			n += len(d.Preamble) + len(d.Clauses)
		}
	}
	return n
}

// filterValues picks filter values the corpus holds: the party, year, kind
// and slug of a few of its documents.
func filterValues(a *archive.Archive) (party []string, year []int, kind, doc []string) {
	docs := a.Documents()
	for _, i := range []int{0, len(docs) / 3, len(docs) - 1} {
		d := docs[i]
		party = append(party, d.Parties[len(d.Parties)-1].Code)
		year = append(year, d.Year())
		kind = append(kind, string(d.Kind))
		doc = append(doc, d.Slug)
	}
	return party, year, kind, doc
}

func TestSynthFilters(t *testing.T) {
	ix, a := synthIndex(t)
	parties, years, kinds, docs := filterValues(a)
	type filter struct {
		name  string
		q     Query                        // the filter as Query fields
		text  string                       // the same filter in the query language
		match func(*archive.Document) bool // which documents it keeps
	}
	var filters []filter
	for _, p := range parties {
		filters = append(filters, filter{"party " + p, Query{Party: p}, "party:" + p,
			func(d *archive.Document) bool { return d.HasParty(p) }})
	}
	for _, y := range years {
		filters = append(filters, filter{"year " + strconv.Itoa(y), Query{Year: y}, "year:" + strconv.Itoa(y),
			func(d *archive.Document) bool { return d.Year() == y }})
	}
	for _, k := range kinds {
		filters = append(filters, filter{"kind " + k, Query{Kind: k}, "kind:" + k,
			func(d *archive.Document) bool { return string(d.Kind) == k }})
	}
	for _, s := range docs {
		filters = append(filters, filter{"doc " + s, Query{Doc: s}, "doc:" + s,
			func(d *archive.Document) bool { return d.Slug == s }})
	}
	for _, f := range filters {
		t.Run(f.name, func(t *testing.T) {
			// Alone, a filter finds every unit of the documents it keeps.
			want := units(a, f.match)
			if want == 0 {
				t.Fatalf("no document matches %s; the test picked a bad value", f.name)
			}
			for _, q := range []Query{f.q, {Text: f.text}} {
				hits, _ := walk(t, ix, q)
				if len(hits) != want {
					t.Errorf("Search(%+v) = %d hits; want %d, every unit of the matching documents", q, len(hits), want)
				}
				for _, h := range hits {
					if !f.match(h.Doc) {
						t.Errorf("Search(%+v) hit %s#%s; want only %s", q, h.Doc.Slug, h.EID, f.name)
					}
				}
			}
			// With words, it keeps only matching hits, and the same ones
			// whether given as a field or in the text.
			for _, words := range []string{"cooperation", "energy OR transport", "sustainable -trade"} {
				q := f.q
				q.Text = words
				byField, _ := walk(t, ix, q)
				byText, _ := walk(t, ix, Query{Text: words + " " + f.text})
				unfiltered, _ := walk(t, ix, Query{Text: words})
				if len(byField) != len(byText) {
					t.Errorf("%q with %s as a field = %d hits; in the text = %d", words, f.name, len(byField), len(byText))
				}
				inAll := map[string]bool{}
				wantN := 0
				for _, h := range unfiltered {
					inAll[h.Doc.Slug+"#"+h.EID] = true
					if f.match(h.Doc) {
						wantN++
					}
				}
				if len(byField) != wantN {
					t.Errorf("%q with %s = %d hits; want %d, the unfiltered hits that match", words, f.name, len(byField), wantN)
				}
				for _, h := range byField {
					if !f.match(h.Doc) || !inAll[h.Doc.Slug+"#"+h.EID] {
						t.Errorf("%q with %s: hit %s#%s does not match", words, f.name, h.Doc.Slug, h.EID)
					}
				}
			}
		})
	}
}

// TestSynthFiltersCombine ANDs a party with a year.
func TestSynthFiltersCombine(t *testing.T) {
	ix, a := synthIndex(t)
	d := a.Documents()[len(a.Documents())/2]
	p, y := d.Parties[0].Code, d.Year()
	want := units(a, func(x *archive.Document) bool { return x.HasParty(p) && x.Year() == y })
	for _, q := range []Query{
		{Party: p, Year: y},
		{Text: "party:" + p, Year: y},
		{Text: "year:" + strconv.Itoa(y) + " party:" + p},
	} {
		hits, _ := walk(t, ix, q)
		if len(hits) != want {
			t.Errorf("Search(%+v) = %d hits; want %d", q, len(hits), want)
		}
	}
	// Either of two parties.
	p2 := a.Documents()[0].Parties[0].Code
	want = units(a, func(x *archive.Document) bool { return x.HasParty(p) || x.HasParty(p2) })
	q := Query{Text: "party:" + p + " OR party:" + p2}
	if hits, _ := walk(t, ix, q); len(hits) != want {
		t.Errorf("Search(%+v) = %d hits; want %d", q, len(hits), want)
	}
}

func TestSynthPagination(t *testing.T) {
	ix, a := synthIndex(t)
	all := units(a, func(*archive.Document) bool { return true })
	tests := []struct {
		name string
		q    Query
	}{
		{"every unit by relevance", Query{Text: "party:" + a.Documents()[0].Parties[0].Code}},
		{"a common word by relevance", Query{Text: "cooperation"}},
		{"a common word, newest first", Query{Text: "cooperation", Sort: ByNewest}},
		{"a common word, oldest first", Query{Text: "cooperation", Sort: ByOldest}},
		{"every unit, newest first", Query{Year: a.Documents()[0].Year(), Sort: ByNewest}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, res := walk(t, ix, tt.q)
			if res.Total < 2*maxPerPage {
				t.Fatalf("Search(%+v).Total = %d; want several pages", tt.q, res.Total)
			}
			if res.Total > all {
				t.Errorf("Search(%+v).Total = %d; the corpus has %d units", tt.q, res.Total, all)
			}
			for i := 1; i < len(hits); i++ {
				a, b := hits[i-1], hits[i]
				switch tt.q.Sort {
				case ByNewest:
					if b.Doc.Date.After(a.Doc.Date) {
						t.Fatalf("hit %d (%s) is newer than hit %d (%s)", i, b.Doc.Slug, i-1, a.Doc.Slug)
					}
				case ByOldest:
					if b.Doc.Date.Before(a.Doc.Date) {
						t.Fatalf("hit %d (%s) is older than hit %d (%s)", i, b.Doc.Slug, i-1, a.Doc.Slug)
					}
				default:
					if b.Score > a.Score {
						t.Fatalf("hit %d scores %v > hit %d's %v", i, b.Score, i-1, a.Score)
					}
				}
			}
		})
	}
	// The whole corpus is under maxResults, so the last page is reachable
	// with small pages too.
	q := Query{Text: "cooperation", PerPage: 7}
	first := mustSearch(t, ix, q)
	q.Page = (first.Total + 6) / 7
	last := mustSearch(t, ix, q)
	if want := first.Total - (q.Page-1)*7; len(last.Hits) != want {
		t.Errorf("last page %d of 7 = %d hits; want %d", q.Page, len(last.Hits), want)
	}
	q.Page++
	if past := mustSearch(t, ix, q); len(past.Hits) != 0 || past.Total != first.Total {
		t.Errorf("page past the end = %d hits, Total %d; want 0, %d", len(past.Hits), past.Total, first.Total)
	}
}

func TestSynthFacets(t *testing.T) {
	ix, a := synthIndex(t)
	tests := []struct {
		name string
		q    Query
	}{
		{"every unit", Query{Text: "party:" + a.Documents()[0].Parties[0].Code + " OR -party:" + a.Documents()[0].Parties[0].Code}},
		{"a common word", Query{Text: "cooperation"}},
		{"a rarer phrase", Query{Text: `"renewable energy"`}},
		{"words and a filter", Query{Text: "transport OR trade", Kind: string(a.Documents()[0].Kind)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.q)
			if res.Total == 0 {
				t.Fatalf("Search(%+v) = no hits; the test needs some", tt.q)
			}
			fields := map[string]bool{}
			for _, f := range res.Facets {
				fields[f.Field] = true
				sum := f.Other
				for i, term := range f.Terms {
					sum += term.Count
					if i > 0 && term.Count > f.Terms[i-1].Count {
						t.Errorf("facet %s: %s (%d) listed after %s (%d)", f.Field, term.Value, term.Count, f.Terms[i-1].Value, f.Terms[i-1].Count)
					}
					// Filtering by the value finds exactly its count.
					q := withFilter(t, tt.q, f.Field, term.Value)
					if got := mustSearch(t, ix, q); got.Total != term.Count {
						t.Errorf("facet %s %s = %d; Search(%+v).Total = %d", f.Field, term.Value, term.Count, q, got.Total)
					}
				}
				if f.Field == "party" {
					// Multi-valued: each hit counts once per party.
					if sum < res.Total {
						t.Errorf("facet party: counts and other sum to %d; want at least Total %d", sum, res.Total)
					}
					continue
				}
				if sum != res.Total {
					t.Errorf("facet %s: counts %v + other %d = %d; want Total %d", f.Field, f.Terms, f.Other, sum, res.Total)
				}
			}
			for _, name := range []string{"doc", "party", "year", "kind"} {
				if !fields[name] {
					t.Errorf("Search(%+v).Facets lacks %s", tt.q, name)
				}
			}
		})
	}
}

// TestSynthPartyFacetCountsParties checks the party facet against the hits:
// its counts and Other sum to the parties of every hit.
func TestSynthPartyFacetCountsParties(t *testing.T) {
	ix, _ := synthIndex(t)
	q := Query{Text: `"renewable energy"`}
	hits, res := walk(t, ix, q)
	perParty := map[string]int{}
	n := 0
	for _, h := range hits {
		for _, p := range h.Doc.Parties {
			perParty[p.Code]++
			n++
		}
	}
	for _, f := range res.Facets {
		if f.Field != "party" {
			continue
		}
		sum := f.Other
		for _, term := range f.Terms {
			sum += term.Count
			if perParty[term.Value] != term.Count {
				t.Errorf("facet party %s = %d; the hits name it %d times", term.Value, term.Count, perParty[term.Value])
			}
		}
		if sum != n {
			t.Errorf("facet party sums to %d; the hits name %d parties", sum, n)
		}
		return
	}
	t.Errorf("Search(%+v) has no party facet", q)
}

// withFilter adds the facet field's value to q as a Query field.
func withFilter(t *testing.T, q Query, field, value string) Query {
	t.Helper()
	switch field {
	case "doc":
		q.Doc = value
	case "party":
		q.Party = value
	case "kind":
		q.Kind = value
	case "year":
		y, err := strconv.Atoi(value)
		if err != nil {
			t.Fatalf("facet year value %q is not a year", value)
		}
		q.Year = y
	default:
		t.Fatalf("unknown facet %q", field)
	}
	return q
}
