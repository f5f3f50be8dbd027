package formats

import (
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
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
			case archive.ElFormula, archive.ElDateline, archive.ElSignature:
				if !inPart("conclusions", c.EID()) {
					t.Errorf("%s: %s is not in <conclusions>", name, c.EID())
				}
			case archive.ElAttachment:
				if !inPart("attachments", c.EID()) {
					t.Errorf("%s: %s is not in <attachments>", name, c.EID())
				}
			}
			if c.Element == archive.ElSignature && !strings.Contains(strings.Join(namesBelow(e), " "), "signature") {
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
			var holder *archive.Provision
			d.Walk(func(c *archive.Provision) bool {
				for _, p := range c.Paragraphs {
					if strings.Contains(p.HTML, `href="#`+note.EID()+`"`) {
						holder = c
					}
				}
				return true
			})
			e := byEID[note.EID()]
			if holder == nil || e == nil || e.name != "authorialNote" || e.attrs["marker"] != note.Num || e.attrs["placement"] != "bottom" {
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
	var out []*element
	for _, part := range e.children {
		switch part.name {
		case "content", "intro", "p":
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
				if p.name == "blockContainer" {
					out = append(out, ownParagraphs(p, ids)...)
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
