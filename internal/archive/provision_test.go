package archive

import (
	"strings"
	"testing"
)

func para(text string) *Paragraph { return &Paragraph{Text: text, HTML: text} }

func prov(el Element, label string, text string, children ...*Provision) *Provision {
	c := &Provision{Element: el, Label: label, Num: NumOf(label), Children: children}
	if text != "" {
		c.Paragraphs = []*Paragraph{para(text)}
	}
	return c
}

// treaty is a made-up treaty: a chapter of articles whose paragraphs
// restart, with lettered and roman sub-paragraphs, a signature and an annex.
func treaty() *Document {
	art1 := prov(ElArticle, "Article 1", "",
		prov(ElP, "", "For the purposes of this Agreement:"),
		prov(ElSubparagraph, "(a)", "“vessel” means …, excluding:",
			prov(ElPoint, "(i)", "fishing vessels;"),
			prov(ElPoint, "(ii)", "warships."),
		),
	)
	art1.Heading = para("Definitions")
	art2 := prov(ElArticle, "ARTICLE 2", "",
		prov(ElParagraph, "1.", "Each Party shall …"),
		prov(ElParagraph, "2.", "Paragraph 1 shall not apply …"),
	)
	chapter := prov(ElChapter, "CHAPTER I", "", art1, art2)
	annex := prov(ElAttachment, "ANNEX I", "", prov(ElParagraph, "1.", "Points in Aland."))
	d := &Document{Slug: "t",
		Body:        []*Provision{chapter},
		Attachments: []*Provision{annex},
		Conclusions: []*Provision{prov(ElFormula, "", "DONE at Szohod."), prov(ElSignature, "", "For Aland: A. Example")},
		Notes:       []*Provision{prov(ElNote, "1", "A note.")},
	}
	d.Build()
	return d
}

func eids(list []*Provision) []string {
	var out []string
	for _, c := range list {
		out = append(out, c.EID())
	}
	return out
}

func TestBuildGivesEveryProvisionItsEID(t *testing.T) {
	d := treaty()
	var got []string
	d.Walk(func(c *Provision) bool { got = append(got, c.EID()); return true })
	want := "chp_I art_1 art_1__p_1 art_1__subpara_a art_1__subpara_a__point_i art_1__subpara_a__point_ii " +
		"art_2 art_2__para_1 art_2__para_2 conclusions__formula_1 conclusions__signature_1 att_1 att_1__para_1 note_1"
	if strings.Join(got, " ") != want {
		t.Errorf("eIds:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	// The units are the provisions with text, body then attachments; not
	// the conclusions or notes.
	if got, want := strings.Join(eids(d.Clauses), " "), "art_1__p_1 art_1__subpara_a art_1__subpara_a__point_i art_1__subpara_a__point_ii art_2__para_1 art_2__para_2 att_1__para_1"; got != want {
		t.Errorf("Clauses:\n got %s\nwant %s", got, want)
	}
	for _, c := range d.Clauses {
		if c.Number != 0 {
			t.Errorf("%s: Number %d, want 0: only para_n is a clause of its own address", c.EID(), c.Number)
		}
		if c.Paragraphs[0].EID() != c.EID() || c.Paragraphs[0].Clause != c || c.Doc != d {
			t.Errorf("%s: its paragraph is not linked to it", c.EID())
		}
	}
	if c, ok := d.Provision("art_1__subpara_a__point_ii"); !ok || c.Text() != "warships." {
		t.Errorf("Provision(art_1__subpara_a__point_ii) = %v, %v", c, ok)
	}
	if _, ok := d.Provision("art_9"); ok {
		t.Error("Provision found an eId the document does not have")
	}
}

func TestCiteUsesThePrintedLabels(t *testing.T) {
	d := treaty()
	for eid, want := range map[string]string{
		"art_1":                      "Chapter I, Art. 1",
		"art_2__para_1":              "Chapter I, Art. 2(1)",
		"art_1__subpara_a__point_ii": "Chapter I, Art. 1(a)(ii)",
		"att_1__para_1":              "Annex I, para. 1",
		"conclusions__signature_1":   "signature",
		"art_1__p_1":                 "Chapter I, Art. 1, para. [1]",
	} {
		c, ok := d.Provision(eid)
		if !ok {
			t.Fatalf("no %s", eid)
		}
		if got := c.Cite(); got != want {
			t.Errorf("%s: Cite() = %q, want %q", eid, got, want)
		}
	}
}

// A communiqué numbers its paragraphs across its headings: they keep
// para_n, their clause numbers and their addresses; a plain paragraph
// under a heading is the section's.
func TestNumberedParagraphsRunThroughUnnumberedHeadings(t *testing.T) {
	sec1 := prov(ElSection, "", "", prov(ElParagraph, "1.", "We met.", prov(ElItem, "•", "support …"), prov(ElItem, "•", "strengthen …")))
	sec1.Heading = para("Preamble")
	sec2 := prov(ElSection, "", "", prov(ElParagraph, "2.", "We reaffirm."), prov(ElParagraph, "11,", "We note."))
	sec2.Heading = para("Climate")
	sec3 := prov(ElSection, "", "", prov(ElP, "", "We condemn attacks."))
	sec3.Heading = para("Security")
	d := &Document{Slug: "c", Body: []*Provision{sec1, sec2, sec3}}
	d.Build()
	var got []string
	d.Walk(func(c *Provision) bool { got = append(got, c.EID()); return true })
	if want := "sec_1 para_1 para_1__item_1 para_1__item_2 sec_2 para_2 para_11 sec_3 sec_3__p_1"; strings.Join(got, " ") != want {
		t.Errorf("eIds:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	c, ok := d.Clause(11)
	if !ok || c.Label != "11," || c.Path() != "/documents/c/clauses/11" {
		t.Errorf("Clause(11) = %+v, %v", c, ok)
	}
	if c, _ := d.Provision("sec_3__p_1"); c.Path() != "/documents/c/provisions/sec_3__p_1" || c.Cite() != "Security, para. [1]" {
		t.Errorf("sec_3__p_1: path %s, cite %q", c.Path(), c.Cite())
	}
	if c, _ := d.Provision("para_1__item_2"); c.Cite() != "para. 1, bullet 2" {
		t.Errorf("para_1__item_2: cite %q", c.Cite())
	}
}

// Two paragraphs printed with one number keep one address each.
func TestRepeatedNumbersStayAddressable(t *testing.T) {
	d := &Document{Slug: "r", Body: []*Provision{prov(ElParagraph, "1.", "a"), prov(ElParagraph, "1.", "b")}}
	d.Build()
	if got := strings.Join(eids(d.Clauses), " "); got != "para_1 para_1-2" {
		t.Errorf("eIds %s", got)
	}
	if d.Clauses[0].Number != 1 || d.Clauses[1].Number != 0 {
		t.Errorf("numbers %d %d: only the first can be /clauses/1", d.Clauses[0].Number, d.Clauses[1].Number)
	}
	if got := d.Clauses[1].Path(); got != "/documents/r/provisions/para_1-2" {
		t.Errorf("path %s", got)
	}
}

func TestNumOf(t *testing.T) {
	for label, want := range map[string]string{
		"3.": "3", "11,": "11", "(a)": "a", "a)": "a", "(iv)": "iv", "10.5.": "10.5",
		"Article 51": "51", "ANNEX I": "I", "•": "", "Article 7bis": "7bis", "1)": "1",
	} {
		if got := NumOf(label); got != want {
			t.Errorf("NumOf(%q) = %q, want %q", label, got, want)
		}
	}
}

// Numbering that restarts under a heading is addressed through the
// heading; articles keep art_n whatever sections and chapters hold them.
func TestRestartingNumbersAreAddressedThroughTheirHeading(t *testing.T) {
	secI := prov(ElSection, "I.", "", prov(ElParagraph, "1.", "a"), prov(ElParagraph, "2.", "b"))
	secII := prov(ElSection, "II.", "", prov(ElParagraph, "1.", "c"))
	chI := prov(ElChapter, "Chapter I", "", prov(ElSection, "", "", prov(ElArticle, "Article 1", "", prov(ElParagraph, "1.", "d"))))
	chII := prov(ElChapter, "Chapter II", "", prov(ElSection, "", "", prov(ElArticle, "Article 2", "", prov(ElParagraph, "1.", "e"))))
	d := &Document{Slug: "s", Body: []*Provision{secI, secII, chI, chII}}
	d.Build()
	var got []string
	d.Walk(func(c *Provision) bool { got = append(got, c.EID()); return true })
	want := "sec_I para_1 para_2 sec_II sec_II__para_1 chp_I chp_I__sec_1 art_1 art_1__para_1 chp_II chp_II__sec_1 art_2 art_2__para_1"
	if strings.Join(got, " ") != want {
		t.Errorf("eIds:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if c, _ := d.Provision("sec_II__para_1"); c.Number != 0 || c.Cite() != "sec. II, para. 1" {
		t.Errorf("sec_II__para_1: number %d, cite %q", c.Number, c.Cite())
	}
}

// A bullet under an unnumbered lead-in is cited through it, the place of
// the lead-in kept.
func TestCiteThroughAnUnnumberedLeadIn(t *testing.T) {
	sec := prov(ElSection, "", "", prov(ElP, "", "We will:", prov(ElItem, "•", "trade;"), prov(ElItem, "•", "invest.")))
	sec.Heading = para("Economy")
	d := &Document{Slug: "l", Body: []*Provision{sec}}
	d.Build()
	c, ok := d.Provision("sec_1__p_1__item_2")
	if !ok {
		var got []string
		d.Walk(func(c *Provision) bool { got = append(got, c.EID()); return true })
		t.Fatalf("no sec_1__p_1__item_2 among %v", got)
	}
	if got, want := c.Cite(), "Economy, para. [1], bullet 2"; got != want {
		t.Errorf("Cite() = %q, want %q", got, want)
	}
}
