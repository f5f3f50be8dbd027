package search

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/fixture"
)

// fieldSummary is what the index takes from a document's fields of one
// name, merged as Bleve merges them.
type fieldSummary struct {
	options index.FieldIndexingOptions
	length  int
	terms   map[string][]string // term: its frequency, then each location
}

func summarise(t *testing.T, doc *document.Document) map[string]*fieldSummary {
	t.Helper()
	if len(doc.CompositeFields) > 0 {
		t.Errorf("%s: %d composite fields", doc.ID(), len(doc.CompositeFields))
	}
	out := map[string]*fieldSummary{}
	doc.VisitFields(func(f index.Field) {
		s := out[f.Name()]
		if s == nil {
			s = &fieldSummary{options: f.Options(), terms: map[string][]string{}}
			out[f.Name()] = s
		} else if s.options != f.Options() {
			t.Errorf("%s: field %s: options %v and %v", doc.ID(), f.Name(), s.options, f.Options())
		}
		s.length += f.AnalyzedLength()
		for term, tf := range f.AnalyzedTokenFrequencies() {
			if term != string(tf.Term) {
				t.Errorf("%s: field %s: term %q keyed %q", doc.ID(), f.Name(), tf.Term, term)
			}
			v := s.terms[term]
			if v == nil {
				v = []string{"0"}
			}
			var n int
			fmt.Sscan(v[0], &n)
			v[0] = fmt.Sprint(n + tf.Frequency())
			for _, l := range tf.Locations {
				v = append(v, fmt.Sprintf("%d-%d@%d%v", l.Start, l.End, l.Position, l.ArrayPositions))
			}
			s.terms[term] = v
		}
	})
	for _, s := range out {
		for _, v := range s.terms {
			slices.Sort(v[1:])
		}
	}
	return out
}

// mappedDocument is the unit's document as the mapping makes it, with
// the fields added beside it, analysed by Bleve's own fields.
func mappedDocument(t *testing.T, cat *catalogue, ord int) *document.Document {
	t.Helper()
	m := newMapping()
	a := m.AnalyzerNamed(analyzerName)
	u := &cat.units[ord]
	doc := document.NewDocument(u.id())
	if err := m.MapDocument(doc, cat.fields(int32(ord))); err != nil {
		t.Fatal(err)
	}
	if l := cat.langOf(ord); l != nil {
		text := []byte(u.text())
		doc.AddField(document.NewTextFieldCustom(l.field, nil, text, textOptions, l.analyzer))
		doc.AddField(document.NewTextFieldCustom(fieldFold, nil, text, textOptions, foldAnalyzer))
	}
	doc.AddField(document.NewTextFieldCustom(fieldCtx, nil, []byte(cat.context(u.doc())), contextMapping().Options(), a))
	if h := headings(u.clause); h != "" {
		doc.AddField(document.NewTextFieldCustom(fieldHead, nil, []byte(h), contextMapping().Options(), a))
	}
	for _, f := range doc.Fields {
		f.Analyze()
	}
	return doc
}

// TestDocumentsMatchTheMapping: the documents the build makes hold what
// the mapping would make of each unit, field for field and term for term,
// in English, in other languages, with classifications and headings.
func TestDocumentsMatchTheMapping(t *testing.T) {
	classified, _, err := fixture.Classified(1, 30, 10)
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*archive.Archive{
		"seed":       seedArchive(t),
		"languages":  langIndex(t, langDocs).archive,
		"classified": classified,
	} {
		cat := newCatalogue(a)
		shared := newSharedFields(cat)
		classes := 0
		for ord := range cat.units {
			got := summarise(t, shared.document(ord))
			want := summarise(t, mappedDocument(t, cat, ord))
			if _, ok := got[fieldCommitment]; ok {
				classes++
			}
			for _, f := range slices.Sorted(maps.Keys(want)) {
				g, w := got[f], want[f]
				switch {
				case g == nil:
					t.Errorf("%s: %s: no field %s", name, cat.units[ord].id(), f)
				case g.options != w.options || g.length != w.length || !maps.EqualFunc(g.terms, w.terms, slices.Equal):
					t.Errorf("%s: %s: field %s:\n got %v %d %v\nwant %v %d %v", name, cat.units[ord].id(), f,
						g.options, g.length, g.terms, w.options, w.length, w.terms)
				}
			}
			for f := range got {
				if want[f] == nil {
					t.Errorf("%s: %s: field %s the mapping does not make", name, cat.units[ord].id(), f)
				}
			}
		}
		if len(cat.units) == 0 || name == "classified" && classes == 0 {
			t.Errorf("%s: %d units, %d with commitments: the test tests nothing", name, len(cat.units), classes)
		}
	}
}

// TestBuildOfManySegments: an on-disk index made of many segments, made
// on several goroutines and merged, finds what the in-memory index
// finds: the same totals, scores and facets.
func TestBuildOfManySegments(t *testing.T) {
	a, _, err := fixture.Classified(2, 120, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { builderBatch = n }(builderBatch)
	builderBatch = 97 // a dozen segments and more, merged at once
	if n := len(newCatalogue(a).units); n < 10*builderBatch {
		t.Fatalf("%d units: too few for many segments", n)
	}
	disk, _ := openLogged(t, filepath.Join(t.TempDir(), "index"), a)
	if disk == nil || disk.disk == nil {
		t.Fatal("no on-disk index")
	}
	memory, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	defer memory.Close()
	queries := append(fixture.Queries(a.Documents(), 40, 1), "party:EE OR -party:EE", `"the parties"`)
	for _, q := range queries {
		got, want := mustSearch(t, disk, Query{Text: q}), mustSearch(t, memory, Query{Text: q})
		if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || !slices.Equal(scores(got), scores(want)) {
			t.Errorf("%q: on disk %d hits %v %v; in memory %d %v %v", q, got.Total, scores(got), got.Facets, want.Total, scores(want), want.Facets)
		}
	}
	if got := hitCount(t, disk, "party:EE OR -party:EE"); got != len(newCatalogue(a).units) {
		t.Errorf("the index holds %d units; want %d", got, len(newCatalogue(a).units))
	}
}

func scores(r *Results) []string {
	var s []string
	for _, h := range r.Hits {
		s = append(s, fmt.Sprintf("%.6g", h.Score))
	}
	return s
}
