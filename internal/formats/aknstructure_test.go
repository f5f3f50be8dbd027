package formats

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

// element is an XML element read generically: what the test knows of Akoma
// Ntoso comes from the standard's content models written here, not from
// the code that writes it.
type element struct {
	name     string
	attrs    map[string]string
	children []*element
	text     string // character data directly inside, trimmed
}

func (e *element) child(name string) *element {
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (e *element) names() []string {
	out := make([]string, len(e.children))
	for i, c := range e.children {
		out[i] = c.name
	}
	return out
}

// walk calls f on e and every element below it, in document order.
func (e *element) walk(f func(*element)) {
	f(e)
	for _, c := range e.children {
		c.walk(f)
	}
}

func readElements(t *testing.T, name string, b []byte) *element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []*element
	var root *element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != AKNNamespace {
				t.Errorf("%s: <%s> is in namespace %q; want Akoma Ntoso 3.0's", name, tok.Name.Local, tok.Name.Space)
			}
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	root.walk(func(e *element) { e.text = strings.TrimSpace(e.text) })
	return root
}

// inOrder reports whether got follows the content model's order: each
// name of got appears in model, and never before a name it follows there.
func inOrder(got, model []string) bool {
	last := -1
	for _, n := range got {
		i := slices.Index(model, n)
		if i < 0 || i < last {
			return false
		}
		last = i
	}
	return true
}

// The content models of Akoma Ntoso 3.0 that Accord's output uses, in the
// standard's order (the XSD's sequences; an element may repeat where the
// standard allows it).
var (
	statementModel = []string{"meta", "coverPage", "preface", "preamble", "mainBody", "conclusions", "attachments", "components"}
	metaModel      = []string{"identification", "publication", "classification", "lifecycle", "workflow", "analysis", "temporalData", "references", "notes", "proprietary", "presentation"}
	// FRBRWork, FRBRExpression and FRBRManifestation share a core, then
	// add their own elements.
	frbrCore     = []string{"FRBRthis", "FRBRuri", "FRBRalias", "FRBRdate", "FRBRauthor", "componentInfo", "preservation"}
	workModel    = append(slices.Clone(frbrCore), "FRBRcountry", "FRBRsubtype", "FRBRnumber", "FRBRname", "FRBRprescriptive", "FRBRauthoritative")
	exprModel    = append(slices.Clone(frbrCore), "FRBRversionNumber", "FRBRauthoritative", "FRBRmasterExpression", "FRBRlanguage", "FRBRtranslation")
	manifModel   = append(slices.Clone(frbrCore), "FRBRformat", "FRBRportion")
	frbrRequired = []string{"FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor"}
)

// checkAKNStructure holds one Akoma Ntoso document to the standard's
// structure: the statement's parts in order, the FRBR identification
// complete and ordered, eIds unique, every reference resolving to a TLC.
func checkAKNStructure(t *testing.T, name string, b []byte) *element {
	t.Helper()
	root := readElements(t, name, b)
	if root.name != "akomaNtoso" || len(root.children) != 1 || root.children[0].name != "statement" {
		t.Fatalf("%s: root <%s> with %v; want <akomaNtoso> holding one <statement>", name, root.name, root.names())
	}
	st := root.children[0]
	if !inOrder(st.names(), statementModel) || st.child("meta") == nil || st.child("mainBody") == nil {
		t.Errorf("%s: <statement> holds %v; want meta, then mainBody, in the order %v", name, st.names(), statementModel)
	}
	checkMeta(t, name, st.child("meta"))
	// eIds are unique, and every #reference names a TLC of <references>.
	eids := map[string]bool{}
	st.walk(func(e *element) {
		if id := e.attrs["eId"]; id != "" {
			if eids[id] {
				t.Errorf("%s: eId %q twice", name, id)
			}
			eids[id] = true
		}
	})
	st.walk(func(e *element) {
		for _, a := range []string{"href", "refersTo", "source"} {
			if v := e.attrs[a]; strings.HasPrefix(v, "#") && !eids[v[1:]] {
				t.Errorf("%s: <%s %s=%q> names no element", name, e.name, a, v)
			}
		}
	})
	checkParts(t, name, st)
	return root
}

// TestAkomaNtosoStructure holds the golden seed.akn, what AkomaNtoso
// writes for the seed now, synthetic documents and the hand-built trees
// (synth.Trees: a treaty, a communiqué, a resolution) to the structure of
// Akoma Ntoso 3.0, and the seed's text to its verbatim source: every
// paragraph, in order, with its printed number.
func TestAkomaNtosoStructure(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "seed.akn"))
	if err != nil {
		t.Fatal(err)
	}
	root := checkAKNStructure(t, "testdata/seed.akn", golden)
	for _, d := range slices.Concat([]*archive.Document{seed(t)}, synthDocs(), synth.Trees(), []*archive.Document{oddTree()}) {
		out, err := AkomaNtoso(d, manifestationDate)
		if err != nil {
			t.Fatalf("AkomaNtoso(%s): %v", d.Slug, err)
		}
		checkAKNStructure(t, d.Slug+".akn", out)
	}

	_, preamble, clauses := seedSource(t)
	st := root.children[0]
	var gotPreamble []string
	if p := st.child("preamble"); p != nil {
		for _, c := range p.children {
			gotPreamble = append(gotPreamble, c.text)
		}
	}
	if !slices.Equal(gotPreamble, preamble) {
		t.Errorf("seed.akn's preamble:\n%q\nthe source's:\n%q", gotPreamble, preamble)
	}
	var paras []*element
	if b := st.child("mainBody"); b != nil {
		for _, c := range b.children {
			if c.name == "paragraph" {
				paras = append(paras, c)
			}
		}
	}
	if len(paras) != len(clauses) {
		t.Fatalf("seed.akn has %d paragraphs in its body; the source numbers %d", len(paras), len(clauses))
	}
	for i, p := range paras {
		num := p.child("num")
		if want := itoa(i+1) + "."; num == nil || num.text != want {
			t.Errorf("paragraph %d: <num> %v; want %q as printed", i+1, num, want)
		}
		var got []string
		if c := p.child("content"); c != nil {
			for _, q := range c.children {
				got = append(got, q.text)
			}
		}
		if !slices.Equal(got, clauses[i]) {
			t.Errorf("paragraph %d: %q; the source's: %q", i+1, got, clauses[i])
		}
	}
}

// checkMeta holds a <meta> (the statement's or an attachment's) to the
// standard: its parts in order, the FRBR identification complete and
// ordered, the expression under the work.
func checkMeta(t *testing.T, name string, meta *element) {
	t.Helper()
	if meta == nil {
		t.Errorf("%s: no <meta>", name)
		return
	}
	if !inOrder(meta.names(), metaModel) {
		t.Errorf("%s: <meta> holds %v; want the order %v", name, meta.names(), metaModel)
	}
	id := meta.child("identification")
	if id == nil || id.attrs["source"] == "" {
		t.Fatalf("%s: no <identification source=…>", name)
	}
	for _, f := range []struct {
		name  string
		model []string
		more  []string
	}{
		{"FRBRWork", workModel, []string{"FRBRcountry"}},
		{"FRBRExpression", exprModel, []string{"FRBRlanguage"}},
		{"FRBRManifestation", manifModel, nil},
	} {
		e := id.child(f.name)
		if e == nil {
			t.Errorf("%s: no <%s>", name, f.name)
			continue
		}
		if !inOrder(e.names(), f.model) {
			t.Errorf("%s: <%s> holds %v; want the order %v", name, f.name, e.names(), f.model)
		}
		for _, req := range append(slices.Clone(frbrRequired), f.more...) {
			if e.child(req) == nil {
				t.Errorf("%s: <%s> has no <%s>", name, f.name, req)
			}
		}
	}
	work, expr := id.child("FRBRWork"), id.child("FRBRExpression")
	if work != nil && expr != nil {
		wuri, euri := work.child("FRBRuri"), expr.child("FRBRuri")
		if wuri != nil && euri != nil && !strings.HasPrefix(euri.attrs["value"], wuri.attrs["value"]+"/") {
			t.Errorf("%s: expression %q is not under work %q", name, euri.attrs["value"], wuri.attrs["value"])
		}
	}
}
