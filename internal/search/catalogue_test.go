package search

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

// TestCatalogueAsDefined: the catalogue's date ranks, made by sorting
// documents, are those of sorting every unit by its document's date, then
// slug, then reading order; and its facet values, read without the units'
// text, are those the index holds (fields).
func TestCatalogueAsDefined(t *testing.T) {
	a, err := archive.New(append(synth.Generate(5, 200, 6), seedArchive(t).Documents()...))
	if err != nil {
		t.Fatal(err)
	}
	cat := newCatalogue(a)
	for _, desc := range []bool{true, false} {
		ords := make([]int32, len(cat.units))
		for i := range ords {
			ords[i] = int32(i)
		}
		slices.SortFunc(ords, func(i, j int32) int {
			x, y := &cat.units[i], &cat.units[j]
			c := x.doc().Date.Compare(y.doc().Date)
			if desc {
				c = -c
			}
			return cmp.Or(c, cmp.Compare(x.doc().Slug, y.doc().Slug), cmp.Compare(x.order, y.order))
		})
		got := cat.oldest
		if desc {
			got = cat.newest
		}
		for r, ord := range ords {
			if got[ord] != int32(r) {
				t.Fatalf("newest first %v: unit %d ranks %d; want %d", desc, ord, got[ord], r)
			}
		}
	}
	var u unit
	for ord := range cat.units {
		cat.facetFields(&u, int32(ord), ord == 0 || cat.units[ord].doc() != cat.units[ord-1].doc())
		want := cat.fields(int32(ord))
		for _, f := range facetFields {
			if g, w := u.facetValues(f.field), want.facetValues(f.field); !slices.Equal(g, w) {
				t.Fatalf("unit %d, facet %s: %q; want %q", ord, f.field, g, w)
			}
		}
	}
}

// TestAcronymsFoundInTheBackground: the acronyms found on another core
// are those found in line, and a fault in finding them is raised where
// they are waited for, not in a goroutine of its own, which would end
// the process.
func TestAcronymsFoundInTheBackground(t *testing.T) {
	ix, _ := classifiedIndex(t)
	want, got := ix.cat.acronyms(), ix.cat.defined()
	if len(want) == 0 {
		t.Fatal("the archive defines no acronym; the test needs some")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("acronyms found in the background:\n%v\nin line:\n%v", got, want)
	}
	broken := &catalogue{units: []catalogued{{}}} // no clause, no paragraph
	wait := definedLater(broken)
	defer func() {
		if recover() == nil {
			t.Error("a fault in finding the acronyms was not raised where they are waited for")
		}
	}()
	wait()
}
