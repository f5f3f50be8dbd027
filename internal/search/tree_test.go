package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

func para(text string) []*archive.Paragraph { return []*archive.Paragraph{{Text: text}} }

// treeDoc is a small treaty: recitals, an article of definitions, an
// article whose paragraph leads in to sub-paragraphs, a section under a
// heading, an annex, and conclusions.
func treeDoc(t testing.TB, slug string) *archive.Document {
	t.Helper()
	d := &archive.Document{Slug: slug, Title: "Agreement on Inland Waterways", Kind: "treaty",
		Date: time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), Language: "en", File: "documents/" + slug + ".md"}
	for _, code := range []string{"KZ", "EE"} {
		p, err := vocab.DefaultParties().LookupParty(code)
		if err != nil {
			t.Fatal(err)
		}
		d.Parties = append(d.Parties, p)
	}
	d.Preamble = para("The Parties, desiring shared prosperity on their rivers,")
	d.Preamble = append(d.Preamble, &archive.Paragraph{Text: "Recalling the shared history of river trade,"})
	d.Body = []*archive.Provision{
		{Element: archive.ElArticle, Label: "Article 1", Num: "1", Heading: &archive.Paragraph{Text: "Definitions"}, Children: []*archive.Provision{
			{Element: archive.ElParagraph, Label: "1.", Num: "1", Paragraphs: para("\"Vessel\" means any craft that carries goods on a shared river.")},
			{Element: archive.ElParagraph, Label: "2.", Num: "2", Paragraphs: para("\"Port\" means a harbour open to the craft of either Party.")},
		}},
		{Element: archive.ElArticle, Label: "Article 2", Num: "2", Heading: &archive.Paragraph{Text: "Cooperation"}, Children: []*archive.Provision{
			{Element: archive.ElParagraph, Label: "1.", Num: "1", Paragraphs: para("The Parties shall, on shared rivers:"), Children: []*archive.Provision{
				{Element: archive.ElSubparagraph, Label: "(a)", Num: "a", Paragraphs: para("exchange information on maritime pilotage and tides;")},
				{Element: archive.ElSubparagraph, Label: "(b)", Num: "b", Paragraphs: para("open their harbours to each other's craft.")},
			}},
		}},
		{Element: archive.ElArticle, Label: "Article 3", Num: "3", Heading: &archive.Paragraph{Text: "Final Provisions"},
			Paragraphs: para("This Agreement enters into force on signature.")},
		{Element: archive.ElSection, Heading: &archive.Paragraph{Text: "Hydropower"}, Children: []*archive.Provision{
			{Element: archive.ElP, Paragraphs: para("The Parties will study dams on the upper reaches.")},
			{Element: archive.ElP, Paragraphs: para("Turbines shall meet the standards of the shared commission.")},
		}},
	}
	d.Attachments = []*archive.Provision{
		{Element: archive.ElAttachment, Label: "ANNEX I", Children: []*archive.Provision{
			{Element: archive.ElParagraph, Label: "1.", Num: "1", Paragraphs: para("The list of harbours kept by the shared commission.")},
		}},
	}
	d.Conclusions = []*archive.Provision{
		{Element: archive.ElFormula, Paragraphs: para("DONE at Szohod on 3 March 2024.")},
		{Element: archive.ElSignature, Paragraphs: para("For Aland: Aurelia Quennevieve")},
	}
	d.Remarks = []*archive.Provision{{Element: archive.ElRemark, Paragraphs: para("The following was released by the Zorbian Press Office.")}}
	d.Build()
	return d
}

// treeIndex indexes the given documents.
func treeIndex(t testing.TB, docs ...*archive.Document) *Index {
	t.Helper()
	a, err := archive.NewWithParties(docs, vocab.DefaultParties())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitEIDs(res *Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.EID)
	}
	return out
}

// A phrase inside a sub-paragraph of an article's paragraph hits the
// sub-paragraph, the smallest provision that holds it, and the hit names
// and links it.
func TestTreeHitIsSmallestProvision(t *testing.T) {
	ix := treeIndex(t, treeDoc(t, "waterways"))
	res := mustSearch(t, ix, Query{Text: `"maritime pilotage"`})
	if got := hitEIDs(res); !slices.Equal(got, []string{"art_2__para_1__subpara_a"}) {
		t.Fatalf("hits = %q; want the sub-paragraph art_2__para_1__subpara_a alone", got)
	}
	h := res.Hits[0]
	if h.Clause == nil || h.Clause.EID() != h.EID || h.Paragraph != h.Clause.Paragraphs[0] {
		t.Errorf("hit's provision = %v, paragraph %v; want the sub-paragraph and its first paragraph", h.Clause, h.Paragraph)
	}
	if got, want := h.Path(), "/documents/waterways/provisions/art_2__para_1__subpara_a"; got != want {
		t.Errorf("Path() = %q; want %q", got, want)
	}
	if got, want := h.ContextPath(), "/documents/waterways#art_2__para_1__subpara_a"; got != want {
		t.Errorf("ContextPath() = %q; want %q", got, want)
	}
	if got, want := h.Cite(), "Art. 2(1)(a)"; got != want {
		t.Errorf("Cite() = %q; want %q", got, want)
	}
	if h.Snippet != "exchange information on <mark>maritime</mark> <mark>pilotage</mark> and tides;" {
		t.Errorf("Snippet = %q", h.Snippet)
	}

	// A preamble paragraph's hit links into its document.
	res = mustSearch(t, ix, Query{Text: "recalling history"})
	if len(res.Hits) != 1 || res.Hits[0].Path() != "/documents/waterways#preamble__p_2" || res.Hits[0].Cite() != "Preamble, para. 2" {
		t.Errorf("preamble hit = %+v", res.Hits)
	}
}

// Every provision with text is a unit, in reading order: a search sorted
// by date lists one document's units as they are printed, and a
// publisher's remark is not the document's text.
func TestTreeUnitsInReadingOrder(t *testing.T) {
	ix := treeIndex(t, treeDoc(t, "waterways"))
	res := mustSearch(t, ix, Query{Text: "shared", Sort: ByNewest})
	want := []string{"preamble__p_1", "preamble__p_2", "art_1__para_1", "art_2__para_1", "sec_1__p_2", "att_1__para_1"}
	if got := hitEIDs(res); !slices.Equal(got, want) {
		t.Errorf("shared, newest first = %q; want reading order %q", got, want)
	}
	if res := mustSearch(t, ix, Query{Text: "Zorbian"}); res.Total != 0 {
		t.Errorf("a remark's word found %q; want nothing", hitEIDs(res))
	}
}

// The signatures and formulas of the conclusions are searched: a reader
// may look for a signatory.
func TestTreeConclusionsSearched(t *testing.T) {
	ix := treeIndex(t, treeDoc(t, "waterways"))
	res := mustSearch(t, ix, Query{Text: "Quennevieve"})
	if got := hitEIDs(res); !slices.Equal(got, []string{"conclusions__signature_1"}) {
		t.Fatalf("hits = %q; want the signature", got)
	}
	if got := res.Hits[0].Path(); got != "/documents/waterways/provisions/conclusions__signature_1" {
		t.Errorf("Path() = %q", got)
	}
}

// A heading's words find the provisions under it, below those that say
// the words themselves; an article's label and heading find its
// paragraphs.
func TestTreeHeadingsAreContext(t *testing.T) {
	ix := treeIndex(t, treeDoc(t, "waterways"))
	res := mustSearch(t, ix, Query{Text: "hydropower"})
	if got := hitEIDs(res); !slices.Equal(got, []string{"sec_1__p_1", "sec_1__p_2"}) {
		t.Errorf("hydropower = %q; want the section's two paragraphs", got)
	}
	res = mustSearch(t, ix, Query{Text: "article 1 definitions"})
	if got := hitEIDs(res); len(got) != 2 || !slices.Contains(got, "art_1__para_1") || !slices.Contains(got, "art_1__para_2") {
		t.Errorf("article 1 definitions = %q; want Article 1's two paragraphs", got)
	}
	// An article with text of its own is found by its own heading.
	res = mustSearch(t, ix, Query{Text: "final provisions signature"})
	if got := hitEIDs(res); !slices.Equal(got, []string{"art_3"}) || len(res.Partial) > 0 {
		t.Errorf("final provisions signature = %q, partial %q; want art_3 holding every word", got, res.Partial)
	}
	res = mustSearch(t, ix, Query{Text: "annex harbours"})
	if got := hitEIDs(res); len(got) == 0 || got[0] != "att_1__para_1" {
		t.Errorf("annex harbours = %q; want the annex's paragraph first", got)
	}
	// A heading weighs less than the text: the paragraph that says
	// "cooperation" comes before those under the heading "Cooperation".
	d := treeDoc(t, "waterways")
	d.Body[3].Children = append(d.Body[3].Children, &archive.Provision{Element: archive.ElP, Paragraphs: para("Cooperation on hydropower is open to observers.")})
	d.Build()
	ix = treeIndex(t, d)
	res = mustSearch(t, ix, Query{Text: "cooperation"})
	if got := hitEIDs(res); len(got) != 4 || got[0] != "sec_1__p_3" {
		t.Errorf("cooperation = %q; want sec_1__p_3 first, then Article 2's three provisions", got)
	}
}

// A search within one document finds only its provisions.
func TestTreeDocFilter(t *testing.T) {
	ix := treeIndex(t, treeDoc(t, "waterways"), treeDoc(t, "waterways-bis"))
	if res := mustSearch(t, ix, Query{Text: `"maritime pilotage"`}); res.Total != 2 {
		t.Fatalf("both documents: %d hits; want 2", res.Total)
	}
	res := mustSearch(t, ix, Query{Text: `"maritime pilotage"`, Doc: "waterways-bis"})
	if res.Total != 1 || res.Hits[0].Doc.Slug != "waterways-bis" || res.Hits[0].EID != "art_2__para_1__subpara_a" {
		t.Errorf("doc-filtered = %d hits %+v; want waterways-bis's sub-paragraph", res.Total, res.Hits)
	}
	for _, f := range res.Facets {
		if f.Field == "doc" && (len(f.Terms) != 1 || f.Terms[0].Value != "waterways-bis") {
			t.Errorf("doc facet = %+v", f.Terms)
		}
	}
}

// Each unit's context is its own document's, though it is analysed once
// for all of a document's units: a word of one title finds that
// document's provisions, and a heading's words only those under it.
func TestTreeSharedContext(t *testing.T) {
	a, b := treeDoc(t, "waterways"), treeDoc(t, "canals")
	b.Title = "Convention on Navigable Canals"
	ix := treeIndex(t, a, b)
	res := mustSearch(t, ix, Query{Text: "navigable pilotage"})
	if res.Total != 1 || res.Hits[0].Doc.Slug != "canals" {
		t.Errorf("navigable pilotage = %d hits %+v; want canals' sub-paragraph", res.Total, res.Hits)
	}
	res = mustSearch(t, ix, Query{Text: "waterways pilotage"})
	if res.Total != 1 || res.Hits[0].Doc.Slug != "waterways" {
		t.Errorf("waterways pilotage = %d hits; want waterways' sub-paragraph", res.Total)
	}
	res = mustSearch(t, ix, Query{Text: "definitions craft"})
	got := hitEIDs(res)
	for _, eid := range got {
		if eid != "art_1__para_1" && eid != "art_1__para_2" {
			t.Errorf("definitions craft found %s; want Article 1's paragraphs alone", eid)
		}
	}
	if len(got) != 4 {
		t.Errorf("definitions craft = %q; want Article 1's two paragraphs in each document", got)
	}
}

// In a treaty of 1,500 small provisions, a phrase finds its one
// sub-paragraph, and an article's heading its 30 provisions alone.
func TestTreeManyProvisions(t *testing.T) {
	ix := treeIndex(t, treaty(t, "treaty", 50, 5, 5))
	res := mustSearch(t, ix, Query{Text: `"item c of 37.4"`})
	if got := hitEIDs(res); !slices.Equal(got, []string{"art_37__para_4__subpara_c"}) {
		t.Errorf(`"item c of 37.4" = %q; want art_37__para_4__subpara_c`, got)
	}
	res = mustSearch(t, ix, Query{Text: "heading 37 ports", PerPage: 50})
	if res.Total != 30 {
		t.Errorf("heading 37 ports: %d hits; want Article 37's 30 provisions", res.Total)
	}
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.EID, "art_37__") {
			t.Errorf("heading 37 ports found %s", h.EID)
		}
	}
}
