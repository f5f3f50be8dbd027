package formats

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

// TestDocumentJSONTree reads data.json of hand-built trees as a client
// would: every provision is there once, in reading order, in its part of
// the document, under its parent, with its element, printed label,
// number, heading, own text, citation, ancestors and addresses.
func TestDocumentJSONTree(t *testing.T) {
	for _, d := range synth.Trees() {
		checkJSONTree(t, d)
	}
}

// checkJSONTree holds data.json of d to d's tree.
func checkJSONTree(t *testing.T, d *archive.Document) {
	t.Helper()
	type node struct {
		Element, EID, Label, Num, Text, HTML, Cite, URL string
		Heading                                         *string
		Number                                          int
		Path                                            []string
		APIURL                                          string `json:"api_url"`
		Paragraphs                                      []struct{ EID, Text string }
		Children                                        []node
	}
	{
		b, err := json.Marshal(testSite.Document(d))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Clauses                                        []struct{ EID string }
			Body, Attachments, Conclusions, Notes, Remarks []node
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		var got []node
		var parents []string
		var flatten func(list []node, parent []string)
		flatten = func(list []node, parent []string) {
			for _, n := range list {
				got = append(got, n)
				parents = append(parents, strings.Join(parent, " "))
				flatten(n.Children, append(slices.Clone(parent), n.EID))
			}
		}
		for _, part := range [][]node{doc.Body, doc.Conclusions, doc.Attachments, doc.Notes, doc.Remarks} { // Walk's reading order
			flatten(part, nil)
		}
		var want []*archive.Provision
		d.Walk(func(c *archive.Provision) bool { want = append(want, c); return true })
		if len(got) != len(want) {
			t.Fatalf("%s: %d provisions in data.json; the tree has %d", d.Slug, len(got), len(want))
		}
		for i, c := range want {
			n := got[i]
			var path []string
			for _, a := range c.Ancestors() {
				path = append(path, a.EID())
			}
			heading := ""
			if n.Heading != nil {
				heading = *n.Heading
			}
			wantHeading := ""
			if c.Heading != nil {
				wantHeading = c.Heading.Text
			}
			if n.Element != string(c.Element) || n.EID != c.EID() || n.Label != c.Label || n.Num != c.Num || n.Number != c.Number ||
				heading != wantHeading || n.Text != c.Text() || n.Cite != c.Cite() || strings.Join(n.Path, " ") != strings.Join(path, " ") ||
				parents[i] != strings.Join(path, " ") || n.URL != testSite.URL(c.Path()) ||
				n.APIURL != testSite.URL("/api/v1"+d.Path()+"/provisions/"+c.EID()) || len(n.Paragraphs) != len(c.Paragraphs) {
				t.Errorf("%s: provision %d in data.json:\n%+v\nwant the tree's %s %s %q %q, heading %q, cite %q, path %v",
					d.Slug, i, n, c.Element, c.EID(), c.Label, c.Num, wantHeading, c.Cite(), path)
			}
			for j, p := range c.Paragraphs {
				if j < len(n.Paragraphs) && (n.Paragraphs[j].EID != p.EID() || n.Paragraphs[j].Text != p.Text || !strings.Contains(n.HTML, `id="`+p.EID()+`">`+p.HTML+"</")) {
					t.Errorf("%s: %s paragraph %d = %+v; want %s %q", d.Slug, c.EID(), j+1, n.Paragraphs[j], p.EID(), p.Text)
				}
			}
		}
		// The flat clauses are the provisions with text, as before.
		var clauses []string
		for _, c := range d.Clauses {
			clauses = append(clauses, c.EID())
		}
		var gotClauses []string
		for _, c := range doc.Clauses {
			gotClauses = append(gotClauses, c.EID)
		}
		if !slices.Equal(gotClauses, clauses) {
			t.Errorf("%s: clauses %v; want %v", d.Slug, gotClauses, clauses)
		}
	}
}

// TestProvisionPage: a provision as the API serves it has its ancestors,
// its children, and the provisions before and after it in reading order.
func TestProvisionPage(t *testing.T) {
	d := synth.TreeTreaty()
	c, _ := d.Provision("art_1__para_1__subpara_a")
	p := testSite.ProvisionPage(c)
	var anc []string
	for _, a := range p.Ancestors {
		anc = append(anc, a.EID+" "+a.Label)
	}
	if strings.Join(anc, ", ") != "chp_I CHAPTER I, art_1 Article 1, art_1__para_1 1." {
		t.Errorf("ancestors %v", anc)
	}
	if p.Prev == nil || p.Prev.EID != "art_1__para_1" || p.Next == nil || p.Next.EID != "art_1__para_1__subpara_a__point_i" {
		t.Errorf("prev %+v, next %+v; want para_1 and its point (i)", p.Prev, p.Next)
	}
	if len(p.Provision.Children) != 2 || p.Provision.Children[1].Label != "(ii)" || p.Document != d.Slug {
		t.Errorf("children %+v", p.Provision.Children)
	}
	first, _ := d.Provision("chp_I")
	last := d.Remarks[0]
	if p := testSite.ProvisionPage(first); p.Prev != nil || p.Next.EID != "art_1" || len(p.Ancestors) != 0 {
		t.Errorf("the first provision: prev %+v, next %+v, ancestors %v", p.Prev, p.Next, p.Ancestors)
	}
	if p := testSite.ProvisionPage(last); p.Next != nil || p.Prev.EID != "note_1" {
		t.Errorf("the last provision: prev %+v, next %+v", p.Prev, p.Next)
	}
}

// TestProvisionHTML: a provision's html holds each paragraph in a <p>
// with its eId, and a table, which no <p> may hold, in a <div>.
func TestProvisionHTML(t *testing.T) {
	d := synth.TreeCommunique()
	for eid, want := range map[string]string{
		"para_1":         `<p id="para_1">The Ministers agreed to expand trade.</p>`,
		"sec_2__table_1": `<div id="sec_2__table_1"><table>`,
	} {
		c, ok := d.Provision(eid)
		if !ok {
			t.Fatalf("no %s", eid)
		}
		if got := testSite.Provision(c, false).HTML; !strings.HasPrefix(got, want) || strings.Contains(got, "<p id=\"sec_2__table_1\"") {
			t.Errorf("%s: html %q; want it to start %q", eid, got, want)
		}
	}
}
