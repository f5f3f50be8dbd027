package formats

import (
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/vocab"
)

// TestAkomaNtosoTree: every provision of a treaty, a communiqué and a UN
// resolution built by hand is in data.akn under its eId, as the element
// akntree.go says, with its label as printed in <num>, its heading, its
// own text verbatim; a footnote is at its marker; a publisher's remark is
// in <meta>, not in the text; the conclusions and the annex are where the
// standard puts them.
func TestAkomaNtosoTree(t *testing.T) {
	for _, d := range synth.Trees() {
		checkAKNTree(t, d)
	}
	if t.Failed() {
		return
	}
	// The table's rows and cells are the table's.
	d := synth.TreeCommunique()
	out, _ := AkomaNtoso(d, manifestationDate)
	root := readElements(t, "communiqué", out)
	var cells []string
	root.walk(func(x *element) {
		if x.name == "th" || x.name == "td" {
			cells = append(cells, x.name+":"+x.children[0].text)
		}
	})
	if want := "th:Project th:Year td:Pipeline td:2025 td:Grid | link td:2026"; strings.Join(cells, " ") != want {
		t.Errorf("table cells %q; want %q", cells, want)
	}
}

// checkAKNTree holds data.akn of d to d's tree: every provision under its
// eId as akntree.go writes it, its label, heading and own text, the
// footnotes at their markers, the remarks in <meta>, the conclusions and
// attachments in their parts.
func checkAKNTree(t *testing.T, d *archive.Document) {
	t.Helper()
	{
		out, err := AkomaNtoso(d, manifestationDate)
		if err != nil {
			t.Fatal(err)
		}
		name := d.Slug + ".akn"
		root := checkAKNStructure(t, name, out)
		st := root.children[0]
		byEID := map[string]*element{}
		st.walk(func(e *element) {
			if id := e.attrs["eId"]; id != "" {
				byEID[id] = e
			}
		})
		inPart := func(part, eid string) bool {
			p := st.child(part)
			if part == "notes" {
				p = st.child("meta").child("notes")
			}
			found := false
			if p != nil {
				p.walk(func(e *element) { found = found || e.attrs["eId"] == eid })
			}
			return found
		}
		n := 0
		d.Walk(func(c *archive.Provision) bool {
			n++
			e := byEID[c.EID()]
			if e == nil {
				t.Errorf("%s: no element has the eId %s of the %s %q", name, c.EID(), c.Element, c.Label)
				return true
			}
			want := map[archive.Element]string{
				archive.ElItem: "point", archive.ElFormula: "formula", archive.ElDateline: "container",
				archive.ElSignature: "container", archive.ElRemark: "note",
			}[c.Element]
			if want == "" {
				want = string(c.Element)
			}
			got := e.name
			if got == "hcontainer" || got == "container" {
				if got == "container" && want == "container" {
					got = want
				} else {
					got = e.attrs["name"]
				}
			}
			if c.Element == archive.ElNote && got == "authorialNote" {
				got = "note"
			}
			inBody := !inPart("conclusions", c.EID())
			if (c.Element == archive.ElFormula || c.Element == archive.ElDateline || c.Element == archive.ElSignature) && inBody {
				// In the body, a block of its class.
				want, got = "blockContainer "+string(c.Element), e.name+" "+e.attrs["class"]
			}
			if got != want {
				t.Errorf("%s: %s is <%s name=%q>; want <%s>", name, c.EID(), e.name, e.attrs["name"], want)
			}
			if num := e.child("num"); c.Element != archive.ElNote && (c.Label != "") != (num != nil) || (num != nil && num.text != c.Label) {
				t.Errorf("%s: %s: <num> %v; want the label %q as printed", name, c.EID(), num, c.Label)
			}
			if h := e.child("heading"); (c.Heading != nil) != (h != nil) || (h != nil && h.text != c.Heading.Text) {
				t.Errorf("%s: %s: <heading> %v; want %v", name, c.EID(), h, c.Heading)
			}
			var texts []string
			ids := map[string]bool{}
			for _, p := range c.Paragraphs {
				ids[p.EID()] = true
			}
			for _, p := range ownParagraphs(e, ids) {
				texts = append(texts, p.text)
			}
			var want2 []string
			for _, p := range c.Paragraphs {
				want2 = append(want2, p.Text)
			}
			if c.Element != archive.ElTable && strings.Join(texts, "\n") != strings.Join(want2, "\n") {
				t.Errorf("%s: %s's text is %q; want %q", name, c.EID(), texts, want2)
			}
			switch c.Element {
			case archive.ElRemark:
				if !inPart("notes", c.EID()) || e.attrs["class"] != "remark" || inPart("mainBody", c.EID()) {
					t.Errorf("%s: remark %s is not a <note class=remark> of <meta><notes>", name, c.EID())
				}
			case archive.ElAttachment:
				if !inPart("attachments", c.EID()) {
					t.Errorf("%s: %s is not in <attachments>", name, c.EID())
				}
			}
			if c.Element == archive.ElSignature && !inBody && !strings.Contains(strings.Join(namesBelow(e), " "), "signature") {
				t.Errorf("%s: signature %s holds no <signature>", name, c.EID())
			}
			return true
		})
		if n == 0 {
			t.Errorf("%s: no provisions", name)
		}
		// A footnote is where its marker is, inside the provision that
		// holds the marker, and the text around it is the text.
		for _, note := range d.Notes {
			var holder *archive.Provision // the first to mark it
			d.Walk(func(c *archive.Provision) bool {
				for _, p := range c.Paragraphs {
					if holder == nil && strings.Contains(p.HTML, `href="#`+note.EID()+`"`) {
						holder = c
					}
				}
				return true
			})
			e := byEID[note.EID()]
			if holder == nil { // marked nowhere: kept in <meta><notes>
				if e == nil || e.name != "note" || !inPart("notes", note.EID()) {
					t.Errorf("%s: note %s, marked nowhere, is %v; want a <note> of <meta><notes>", name, note.EID(), e)
				}
				continue
			}
			if e == nil || e.name != "authorialNote" || e.attrs["marker"] != note.Num || e.attrs["placement"] != "bottom" {
				t.Errorf("%s: note %s: %v; want an <authorialNote marker=%q placement=bottom> in %v", name, note.EID(), e, note.Num, holder)
				continue
			}
			found := false
			byEID[holder.EID()].walk(func(x *element) { found = found || x == e })
			if !found {
				t.Errorf("%s: note %s is not inside %s, which marks it", name, note.EID(), holder.EID())
			}
		}
	}
}

// ownParagraphs are the <p>s of a provision's element that hold its own
// text: in its content or intro (or the element itself), those without an
// eId of their own or with the eId of one of the provision's paragraphs.
func ownParagraphs(e *element, ids map[string]bool) []*element {
	if e.name == "p" {
		return []*element{e}
	}
	if e.name == "attachment" { // its text is its document's
		for _, doc := range e.children {
			if m := doc.child("mainBody"); m != nil {
				e = m
			}
		}
	}
	var out []*element
	for _, part := range e.children {
		switch part.name {
		case "content", "intro", "wrapUp", "p":
			list := part.children
			if part.name == "p" {
				list = []*element{part}
			}
			for _, p := range list {
				id := p.attrs["eId"]
				if p.name == "p" && (id == "" || ids[id]) {
					if len(p.children) == 1 && p.children[0].name == "signature" {
						p = p.children[0]
					}
					out = append(out, p)
				}
			}
		}
	}
	return out
}

func namesBelow(e *element) []string {
	var out []string
	e.walk(func(x *element) { out = append(out, x.name) })
	return out
}

// oddTree is a document with what a body rarely holds: a dateline and a
// signature among its paragraphs, a table and a plain paragraph between
// numbered ones, an attachment with text of its own and no children, a
// note marked twice and one marked nowhere.
func oddTree() *archive.Document {
	para := func(text string) *archive.Paragraph { return &archive.Paragraph{Text: text, HTML: text} }
	prov := func(el archive.Element, label, num string, texts ...string) *archive.Provision {
		c := &archive.Provision{Element: el, Label: label, Num: num}
		for _, t := range texts {
			c.Paragraphs = append(c.Paragraphs, para(t))
		}
		return c
	}
	ref := `<sup class="noteref"><a href="#note_1">1</a></sup>`
	first := prov(archive.ElP, "", "", "Opening words.")
	first.Paragraphs[0].HTML += ref
	sec := prov(archive.ElSection, "I.", "I")
	sec.Heading = para("General")
	again := prov(archive.ElParagraph, "2.", "2", "Again marked.")
	again.Paragraphs[0].HTML += ref
	sec.Children = []*archive.Provision{
		prov(archive.ElP, "", "", "An unnumbered paragraph first."),
		prov(archive.ElParagraph, "1.", "1", "One."),
		prov(archive.ElTable, "", "", "a b"),
		again,
		prov(archive.ElSignature, "", "", "For the host: E. Example"),
	}
	kz, _ := vocab.DefaultParties().LookupParty("KZ")
	d := &archive.Document{
		Slug: "odd", Title: "Odd", Kind: archive.Declaration, Language: "en", Parties: []archive.Party{kz},
		Body:        []*archive.Provision{first, prov(archive.ElDateline, "", "", "Varnholm, 1 May 2024"), sec},
		Attachments: []*archive.Provision{prov(archive.ElAttachment, "Appendix", "", "Text of the appendix alone.")},
		Notes:       []*archive.Provision{prov(archive.ElNote, "1", "1", "Marked twice."), prov(archive.ElNote, "2", "2", "Marked nowhere.")},
	}
	d.Build()
	return d
}

// TestAkomaNtosoOddTree holds the rare shapes to the content models and
// to the tree: blocks between hierarchy wrapped in <hcontainer>, blocks
// before and after it in <intro> and <wrapUp>, a dateline in the body as
// a <blockContainer>, an attachment of text alone, a second marker a
// <noteRef>, a note marked nowhere kept in <meta><notes>.
func TestAkomaNtosoOddTree(t *testing.T) {
	d := oddTree()
	checkAKNTree(t, d)
	out, _ := AkomaNtoso(d, manifestationDate)
	s := string(out)
	for _, want := range []string{
		`<blockContainer eId="dateline_1" class="dateline">`,
		`<intro>` + "\n" + `          <p eId="sec_I__p_1">An unnumbered paragraph first.</p>`,
		`<hcontainer eId="sec_I__table_1" name="table">`,
		`<wrapUp>` + "\n" + `          <blockContainer eId="sec_I__signature_1" class="signature">`,
		`Again marked.<noteRef href="#note_1" marker="1"></noteRef>`,
		`<note eId="note_2" marker="2">`,
		`<doc name="appendix">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("data.akn has no %q:\n%s", want, s)
		}
	}
}
