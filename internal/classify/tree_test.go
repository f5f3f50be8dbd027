package classify

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

func paras(text string) []*archive.Paragraph { return []*archive.Paragraph{{Text: text}} }

// treeDoc is a treaty between KZ and EE, built by hand as the loader
// builds one.
func treeDoc(t *testing.T, body []*archive.Provision, conclusions ...*archive.Provision) *archive.Document {
	t.Helper()
	d := &archive.Document{Slug: "treaty", File: "documents/treaty.md"}
	for _, code := range []string{"KZ", "EE"} {
		p, err := vocab.DefaultParties().LookupParty(code)
		if err != nil {
			t.Fatal(err)
		}
		d.Parties = append(d.Parties, p)
	}
	d.Body, d.Conclusions = body, conclusions
	d.Build()
	if err := realRules(t).ApplyDocument(d); err != nil {
		t.Fatal(err)
	}
	return d
}

func classified(t *testing.T, d *archive.Document, eid string) string {
	t.Helper()
	p, ok := d.Provision(eid)
	if !ok {
		t.Fatalf("no provision %s", eid)
	}
	for _, m := range p.Commitments {
		if m.Paragraph != p.Paragraphs[0] {
			t.Errorf("%s: commitment %q is in another provision's paragraph", eid, m.Phrase())
		}
	}
	return describe(p.Commitments)
}

// A sub-paragraph with no subject of its own continues its paragraph's
// lead-in: "The Parties shall:" then "(a) exchange information;" is an
// obligation of the Parties, its phrase the sub-paragraph's own words. A
// sub-paragraph naming its own subject keeps it; the lead-in itself, and
// what it says before the colon, stay the paragraph's.
func TestLeadInSubject(t *testing.T) {
	d := treeDoc(t, []*archive.Provision{
		{Element: archive.ElArticle, Label: "Article 2", Num: "2", Children: []*archive.Provision{
			{Element: archive.ElParagraph, Label: "1.", Num: "1", Paragraphs: paras("Cooperation covers the rivers. The Parties shall:"), Children: []*archive.Provision{
				{Element: archive.ElSubparagraph, Label: "(a)", Num: "a", Paragraphs: paras("exchange information on pilotage;")},
				{Element: archive.ElSubparagraph, Label: "(b)", Num: "b", Paragraphs: paras("Estonia will support the training of pilots;")},
			}},
			{Element: archive.ElParagraph, Label: "2.", Num: "2", Paragraphs: paras("Estonia reaffirmed:"), Children: []*archive.Provision{
				{Element: archive.ElSubparagraph, Label: "(a)", Num: "a", Paragraphs: paras("the principles of the Charter;")},
			}},
			{Element: archive.ElParagraph, Label: "3.", Num: "3", Paragraphs: paras("The following rivers are covered:"), Children: []*archive.Provision{
				{Element: archive.ElSubparagraph, Label: "(a)", Num: "a", Paragraphs: paras("support for the Ural basin;")},
			}},
			{Element: archive.ElParagraph, Label: "4.", Num: "4", Paragraphs: paras("Each Party shall, in accordance with its law:"), Children: []*archive.Provision{
				{Element: archive.ElSubparagraph, Label: "(a)", Num: "a", Paragraphs: paras("notify the other Party of accidents;")},
			}},
		}},
	})
	for _, tc := range []struct{ eid, want string }{
		{"art_2__para_1", ""},
		{"art_2__para_1__subpara_a", `obligation "exchange" all`},
		{"art_2__para_1__subpara_b", `agreement "will support" EE`},
		{"art_2__para_2", `reaffirmation "reaffirmed" EE`},
		{"art_2__para_2__subpara_a", ""},
		{"art_2__para_3__subpara_a", ""}, // a lead-in with no subject commits no one
		{"art_2__para_4__subpara_a", `obligation "notify" all`},
	} {
		if got := classified(t, d, tc.eid); got != tc.want {
			t.Errorf("%s = %s; want %s", tc.eid, got, tc.want)
		}
	}
}

// Signatures, formulas and datelines commit no one and touch no topic,
// wherever they are; the same words as a paragraph do.
func TestNonOperativeNeverClassified(t *testing.T) {
	text := "Estonia reaffirmed its support for the Trans-Caspian International Transport Route."
	d := treeDoc(t, []*archive.Provision{
		{Element: archive.ElP, Paragraphs: paras(text)},
		{Element: archive.ElFormula, Paragraphs: paras(text)},
		{Element: archive.ElDateline, Paragraphs: paras(text)},
	}, &archive.Provision{Element: archive.ElSignature, Paragraphs: paras(text)})
	p := d.Body[0]
	if len(p.Commitments) == 0 || len(p.Topics)+len(p.Entities) == 0 {
		t.Fatalf("the paragraph: %s, topics %v, names %v; want a commitment and a topic or name", describe(p.Commitments), p.Topics, p.Entities)
	}
	for _, c := range append(d.Body[1:], d.Conclusions...) {
		if len(c.Commitments)+len(c.Topics)+len(c.Entities) > 0 {
			t.Errorf("%s (%s) classified: %s, %v, %v", c.EID(), c.Element, describe(c.Commitments), c.Topics, c.Entities)
		}
	}
}

// Bullets that follow their lead-in rather than nest under it continue it
// too; a plain paragraph after them starts afresh.
func TestLeadInBeforeList(t *testing.T) {
	d := treeDoc(t, []*archive.Provision{
		{Element: archive.ElP, Paragraphs: paras("The Presidents agreed to:")},
		{Element: archive.ElItem, Label: "•", Paragraphs: paras("expand trade in grain;")},
		{Element: archive.ElItem, Label: "•", Paragraphs: paras("Estonia will host the next meeting.")},
		{Element: archive.ElItem, Label: "•", Paragraphs: paras("hold consultations on customs.")},
		{Element: archive.ElParagraph, Label: "1.", Num: "1", Paragraphs: paras("The Parties shall:")},
		{Element: archive.ElP, Paragraphs: paras("hold consultations on customs.")},
	})
	for _, tc := range []struct{ eid, want string }{
		{"p_1", `agreement "agreed" all`}, // the lead-in's own verb stays its own
		{"item_1", `agreement "expand" all`},
		{"item_2", `agreement "will host" EE`},
		{"item_3", `agreement "hold" all`},
		{"p_2", ""},
	} {
		if got := classified(t, d, tc.eid); got != tc.want {
			t.Errorf("%s = %s; want %s", tc.eid, got, tc.want)
		}
	}
}

// On the format's communiqué as the loader reads it, the bullets under "4.
// We agree to:" are the members' agreements; on its treaty, the
// conclusions are not classified.
func TestFixtureLeadIn(t *testing.T) {
	r := realRules(t)
	load := func(name string) *archive.Document {
		src, err := os.ReadFile(filepath.Join("..", "content", "testdata", "tree", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		d, errs := content.ParseWithParties("documents/"+name+".md", src, vocab.DefaultParties())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if err := r.ApplyDocument(d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := load("communique")
	for _, tc := range []struct{ eid, want string }{
		{"para_4__item_1", `agreement "coordinate" all`},
		{"para_4__item_2", `agreement "share" all`},
	} {
		if got := classified(t, d, tc.eid); got != tc.want {
			t.Errorf("%s = %s; want %s", tc.eid, got, tc.want)
		}
	}
	d = load("treaty")
	d.Walk(func(c *archive.Provision) bool {
		if !c.Operative() && len(c.Commitments)+len(c.Topics)+len(c.Entities) > 0 {
			t.Errorf("%s (%s) classified", c.EID(), c.Element)
		}
		return true
	})
}
