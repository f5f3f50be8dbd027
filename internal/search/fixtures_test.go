package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// fixtureIndex indexes the content format's fixtures (the loader's
// testdata/tree) as the loader reads them.
func fixtureIndex(t *testing.T, names ...string) *Index {
	t.Helper()
	var docs []*archive.Document
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join("..", "content", "testdata", "tree", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		d, errs := content.ParseWithParties("documents/"+name+".md", src, vocab.DefaultParties())
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		docs = append(docs, d)
	}
	return treeIndex(t, docs...)
}

// On the format's treaty: a word of a point hits the point, an article's
// label and heading its provisions, a signatory's name the signature.
func TestFixtureTreaty(t *testing.T) {
	ix := fixtureIndex(t, "treaty", "communique")
	res := mustSearch(t, ix, Query{Text: `"its locks"`})
	if got := hitEIDs(res); !slices.Equal(got, []string{"art_1__para_1__subpara_b__point_ii"}) {
		t.Fatalf("\"its locks\" = %q; want the point (ii) alone", got)
	}
	if h := res.Hits[0]; h.Path() != "/documents/treaty/provisions/art_1__para_1__subpara_b__point_ii" || !strings.Contains(h.Cite(), "Art. 1(1)(b)(ii)") {
		t.Errorf("locks: Path %q, Cite %q", h.Path(), h.Cite())
	}
	res = mustSearch(t, ix, Query{Text: "article 1 definitions", PerPage: 20})
	got := hitEIDs(res)
	if len(got) != 6 {
		t.Errorf("article 1 definitions = %q; want Article 1's six provisions", got)
	}
	for _, eid := range got {
		if !strings.HasPrefix(eid, "art_1__") {
			t.Errorf("article 1 definitions found %s", eid)
		}
	}
	res = mustSearch(t, ix, Query{Text: "Sample"})
	if got := hitEIDs(res); !slices.Equal(got, []string{"conclusions__signature_2"}) {
		t.Errorf("Sample = %q; want the second signature", got)
	}
}

// On the format's communiqué: a footnote is searched, a publisher's remark
// is not, and a heading finds the paragraphs and bullets under it.
func TestFixtureCommunique(t *testing.T) {
	ix := fixtureIndex(t, "treaty", "communique")
	res := mustSearch(t, ix, Query{Text: "interconnector"})
	if got := hitEIDs(res); !slices.Equal(got, []string{"para_3", "note_1"}) && !slices.Equal(got, []string{"note_1", "para_3"}) {
		t.Errorf("interconnector = %q; want para_3 and note_1", got)
	}
	if res := mustSearch(t, ix, Query{Text: "press office"}); res.Total != 0 {
		t.Errorf("a remark's words found %q", hitEIDs(res))
	}
	res = mustSearch(t, ix, Query{Text: "energy", Doc: "communique"})
	got := hitEIDs(res)
	for _, want := range []string{"para_3", "para_4", "para_4__item_1", "para_4__item_2"} {
		if !slices.Contains(got, want) {
			t.Errorf("energy = %q; want %s among them", got, want)
		}
	}
}
