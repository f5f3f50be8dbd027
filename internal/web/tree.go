package web

import (
	"html/template"
	"slices"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// How a document's tree of provisions is laid out on its page and on a
// provision's page (provisionsHTML, and the template "toc" in
// partials.html): the runs of labelled provisions as lists, headings'
// containers as sections with a heading one level below the one that
// holds them, plain paragraphs and tables on their own.

// Tree is a list of sibling provisions grouped for the page.
type Tree struct {
	Blocks []Block
	// Analysis shows each provision's commitments (its verb phrases
	// marked), topics and names under it; without, the text alone, as
	// issued (the reading mode, a document page's default).
	Analysis bool
	find     *finder // a search within the document: its words marked (find.go)
}

// Block is a run of siblings laid out together: Kind "ol" (numbered,
// lettered and roman provisions), "ul" (bullets), "division" (a container,
// one), "para" (a plain paragraph or anything else with text, one),
// "table" (one). Sub marks a list inside a provision, indented under it.
type Block struct {
	Kind  string
	Items []Node
	Sub   bool
}

// Node is a provision as a page lays it out: Level is the heading level
// of a container (<h2> to <h6>), counted from the page's top (base).
type Node struct {
	*archive.Provision
	Level int
	base  int
}

// containerDepth counts the containers that hold c.
func containerDepth(c *archive.Provision) int {
	n := 0
	for p := c.Parent; p != nil; p = p.Parent {
		if p.Element.Container() {
			n++
		}
	}
	return n
}

// tree groups list into blocks. base is the container depth of the
// provisions the page heads with <h2>: 0 on the document's page, the
// provision's own on a provision's.
func tree(list []*archive.Provision, base int) Tree {
	var t Tree
	sub := len(list) > 0 && list[0].Parent != nil && !list[0].Parent.Element.Container()
	for _, c := range list {
		n := Node{Provision: c, Level: min(max(2+containerDepth(c)-base, 2), 6), base: base}
		kind := blockKind(c)
		if k := len(t.Blocks); k > 0 && (kind == "ol" || kind == "ul") && t.Blocks[k-1].Kind == kind {
			t.Blocks[k-1].Items = append(t.Blocks[k-1].Items, n)
			continue
		}
		t.Blocks = append(t.Blocks, Block{Kind: kind, Items: []Node{n}, Sub: sub})
	}
	return t
}

// sub is n's children laid out as t is.
func (t Tree) sub(n Node) Tree {
	st := subtree(n)
	st.Analysis, st.find = t.Analysis, t.find
	return st
}

// subtree is n's children laid out on n's page.
func subtree(n Node) Tree { return tree(n.Children, n.base) }

// pageTree is the children of c laid out on c's own page, whose <h1> is c.
func pageTree(c *archive.Provision) Tree {
	base := containerDepth(c)
	if c.Element.Container() {
		base++
	}
	return tree(c.Children, base)
}

func blockKind(c *archive.Provision) string {
	switch {
	case c.Element.Container():
		return "division"
	case c.Element == archive.ElItem:
		return "ul"
	case c.Element == archive.ElTable:
		return "table"
	case c.Label != "" && c.Element.Operative():
		return "ol"
	}
	return "para"
}

// headingText is a container's heading as printed: its label and its
// heading's words, "Article 7 — Definitions", "I. Energy", "ANNEX I".
func headingText(c *archive.Provision) string {
	var h string
	if c.Heading != nil {
		h = c.Heading.Text
	}
	switch {
	case c.Label == "":
		if h == "" {
			return c.Cite()
		}
		return h
	case h == "":
		return c.Label
	}
	return c.Label + labelSep(c) + h
}

// labelSep is what goes between a heading's label and its words: what
// the text prints between them on one line ("Article 7 – Definitions",
// "I. Energy"); for words on a line of their own, a space after a label
// that ends in its own stop, a dash otherwise ("Article 7 — Definitions").
func labelSep(c *archive.Provision) string {
	switch {
	case c.HeadingSep != "":
		return c.HeadingSep
	case strings.HasSuffix(c.Label, ".") || strings.HasSuffix(c.Label, ")"):
		return " "
	}
	return " — "
}

// headingHTML is headingText with the heading's inline markup.
func headingHTML(c *archive.Provision) template.HTML {
	if c.Heading == nil || c.Heading.HTML == "" {
		return template.HTML(esc(headingText(c)))
	}
	if c.Label == "" {
		return template.HTML(c.Heading.HTML)
	}
	return template.HTML(esc(c.Label+labelSep(c)) + c.Heading.HTML)
}

// crumbName is how a breadcrumb names a provision: by its own label,
// since the crumbs before it name what holds it ("Article 51", "para. 1",
// "(a)").
func crumbName(c *archive.Provision) string {
	switch c.Element {
	case archive.ElPart, archive.ElChapter, archive.ElTitle, archive.ElSection, archive.ElArticle, archive.ElAttachment:
		if c.Label != "" {
			return c.Label
		}
		if c.Heading != nil {
			return c.Heading.Text
		}
	case archive.ElParagraph:
		if c.Num != "" {
			return "para. " + c.Num
		}
	case archive.ElSubparagraph, archive.ElPoint:
		if c.Num != "" {
			return "(" + c.Num + ")"
		}
	}
	// A bullet, a plain paragraph, a table, a signature, a note: its
	// place, as named.
	cite := pinOf(c)
	if i := strings.LastIndex(cite, ", "); i >= 0 {
		return cite[i+2:]
	}
	return cite
}

// containers lists the containers among list, for the contents.
func containers(list []*archive.Provision) []*archive.Provision {
	var out []*archive.Provision
	for _, c := range list {
		if c.Element.Container() {
			out = append(out, c)
		}
	}
	return out
}

// flat reports whether a document is a simple statement's: its clauses
// all numbered paragraphs at the top of the body, with no headings,
// annexes, notes or conclusions. Its page keeps the seed's layout and
// words ("Clauses").
func flat(d *archive.Document) bool {
	if len(d.Attachments)+len(d.Conclusions)+len(d.Notes)+len(d.Remarks) > 0 {
		return false
	}
	for _, c := range d.Body {
		if c.Number == 0 || len(c.Children) > 0 {
			return false
		}
	}
	return true
}

// reading is every provision of a document in reading order (archive's
// Walk), with each one's place: the order of a provision page's previous
// and next.
type reading struct {
	order []*archive.Provision
	at    map[*archive.Provision]int
}

func newReading(d *archive.Document) *reading {
	r := &reading{at: map[*archive.Provision]int{}}
	d.Walk(func(c *archive.Provision) bool {
		r.at[c] = len(r.order)
		r.order = append(r.order, c)
		return true
	})
	return r
}

// neighbours are the provisions before and after c, or nil at either end.
func (r *reading) neighbours(c *archive.Provision) (prev, next *archive.Provision) {
	i, ok := r.at[c]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		prev = r.order[i-1]
	}
	if i+1 < len(r.order) {
		next = r.order[i+1]
	}
	return prev, next
}

// maxEID bounds the eId an address may ask for: longer is no provision's,
// and is not looked for.
const maxEID = 200

// provisionOfPath reads the eId of a provision's page, or of one of its
// files, from path: /documents/{slug}/provisions/{eId}[/{file}].
func provisionOfPath(d *archive.Document, path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, d.Path()+"/provisions/")
	if !ok {
		return "", false
	}
	eid, _, _ := strings.Cut(rest, "/")
	if eid == "" || len(eid) > maxEID {
		return "", false
	}
	return eid, true
}

// noteNum is how a note is numbered: its number, or its label.
func noteNum(n *archive.Provision) string {
	if n.Num != "" {
		return n.Num
	}
	return strings.Trim(n.Label, "[]^. ")
}

// notesOf are the notes whose markers are in c or the provisions it
// holds: a provision's page lists them, so that its markers' links (to
// #note_1, as the loader writes them) lead somewhere.
func notesOf(c *archive.Provision) []*archive.Provision {
	if len(c.Doc.Notes) == 0 {
		return nil
	}
	var html strings.Builder
	var walk func(*archive.Provision)
	walk = func(p *archive.Provision) {
		if p.Heading != nil {
			html.WriteString(p.Heading.HTML)
		}
		for _, para := range p.Paragraphs {
			html.WriteString(para.HTML)
		}
		for _, k := range p.Children {
			walk(k)
		}
	}
	walk(c)
	var out []*archive.Provision
	for _, n := range c.Doc.Notes {
		if n != c && strings.Contains(html.String(), `href="#`+n.EID()+`"`) {
			out = append(out, n)
		}
	}
	return out
}

// tableHTML is a table provision as a table: the loader keeps a pipe
// table's rendered <table> as its paragraph's HTML, and its cells' words
// as the text.
func tableHTML(c *archive.Provision) template.HTML {
	var b strings.Builder
	for _, p := range c.Paragraphs {
		if strings.HasPrefix(p.HTML, "<table") {
			b.WriteString(p.HTML)
		} else {
			b.WriteString("<p>" + string(markedHTML(p)) + "</p>")
		}
	}
	return template.HTML(b.String())
}

// pinOf names a provision in titles, links and the previous and next
// links: its citation (Cite) for the text's provisions, "note 1",
// "signature 2", "publisher’s mark 1" for the others, which are not cited
// as paragraphs.
func pinOf(c *archive.Provision) string {
	if c.Element == archive.ElTable {
		name := "table " + itoa(tableOrdinal(c))
		if c.Parent != nil {
			return pinOf(c.Parent) + ", " + name
		}
		return name
	}
	if c.Element.Operative() {
		return c.Cite()
	}
	eid := c.EID()
	if i := strings.LastIndex(eid, "__"); i >= 0 {
		eid = eid[i+2:]
	}
	name, n, _ := strings.Cut(eid, "_")
	switch c.Element {
	case archive.ElNote:
		return "note " + noteNum(c)
	case archive.ElRemark:
		return "publisher’s mark " + n
	}
	return name + " " + n
}

// provisionsHTML writes tree t, for the template "provisions". It is
// written here rather than as nested templates, which took 40 ms for a
// treaty of 1,500 provisions, most of it in reflection; this takes 10 to
// 16 (BenchmarkTreeDocumentPage), most of it in the labels.
func (s *Server) provisionsHTML(t Tree) template.HTML {
	var b strings.Builder
	s.writeTree(&b, t)
	return template.HTML(b.String())
}

func (s *Server) writeTree(b *strings.Builder, t Tree) {
	for _, bl := range t.Blocks {
		switch bl.Kind {
		case "ol", "ul":
			b.WriteString("<" + bl.Kind + ` class="clauses`)
			if bl.Kind == "ul" {
				b.WriteString(" items")
			}
			if bl.Sub {
				b.WriteString(" sub")
			}
			b.WriteString("\">\n")
			for _, n := range bl.Items {
				s.writeItem(b, n, t)
			}
			b.WriteString("</" + bl.Kind + ">\n")
		case "division":
			for _, n := range bl.Items {
				s.writeDivision(b, n, t)
			}
			b.WriteString("\n")
		case "table":
			for _, n := range bl.Items {
				b.WriteString(`<div class="table-wrap" id="` + esc(n.EID()) + `">`)
				b.WriteString(string(tableHTML(n.Provision)))
				writePermalink(b, n.Provision, pinOf(n.Provision))
				b.WriteString("</div>")
			}
			b.WriteString("\n")
		default:
			for _, n := range bl.Items {
				b.WriteString(`<div class="para para-` + esc(string(n.Element)) + `" id="` + esc(n.EID()) + `">`)
				writeOwn(b, n.Provision, t)
				writePermalink(b, n.Provision, pinOf(n.Provision))
				if t.Analysis {
					b.WriteString(string(s.labels(&n.Classification).HTML()))
				}
				if len(n.Children) > 0 {
					s.writeTree(b, t.sub(n))
				}
				b.WriteString("</div>\n")
			}
		}
	}
}

// writeItem writes a labelled provision as a list item. A numbered
// clause's number is the list's (value), so its printed label is hidden
// from screen readers; any other label is read as printed.
func (s *Server) writeItem(b *strings.Builder, n Node, t Tree) {
	analysis := t.Analysis
	b.WriteString(`<li class="clause" id="` + esc(n.EID()) + `"`)
	if n.Number > 0 {
		b.WriteString(` value="` + itoa(n.Number) + `"`)
	}
	// The label as printed is the provision's permalink: visible, a touch
	// target of its own, and the first stop after a contents link.
	name := pinOf(n.Provision)
	if n.Number > 0 {
		name = "Paragraph " + itoa(n.Number)
	}
	b.WriteString(">\n  <div class=\"clause-head\">")
	if n.Number > 0 && n.Parent == nil {
		// A heading for each numbered clause, for a screen reader's list
		// of headings; its level follows the headings that hold it.
		h := "h" + itoa(n.Level)
		b.WriteString("<" + h + " class=\"visually-hidden\">" + esc(name) + "</" + h + ">")
	}
	if n.Number > 0 {
		b.WriteString("<a class=\"num permalink-num\" href=\"" + esc(n.Path()) + "\" aria-label=\"" + esc(name) + " on its own page\">" + esc(n.Label) + "</a>")
	} else {
		// The label as printed starts its name ("(ii) Art. 2(1)(a)(ii) on
		// its own page"): what is seen is what a speech user says.
		b.WriteString("<a class=\"num permalink-num\" href=\"" + esc(n.Path()) + "\">" + esc(n.Label) + "<span class=\"visually-hidden\"> " + esc(name) + " on its own page</span></a>")
	}
	b.WriteString("</div>\n  ")
	writeOwn(b, n.Provision, t)
	if n.Number > 0 && n.base == 0 {
		// A numbered clause on its document's page: link and cite it here.
		s.writeCiteDetails(b, n.Doc, n.Provision, "paragraph "+itoa(n.Number))
		b.WriteString("\n  ")
	}
	if analysis {
		b.WriteString(string(s.labels(&n.Classification).HTML()))
	}
	if len(n.Children) > 0 {
		s.writeTree(b, t.sub(n))
	}
	b.WriteString("</li>\n")
}

// writeDivision writes a container: a section headed at its level.
func (s *Server) writeDivision(b *strings.Builder, n Node, t Tree) {
	h := "h" + itoa(n.Level)
	b.WriteString(`<section class="division division-` + esc(string(n.Element)) + `" id="` + esc(n.EID()) + "\">\n<" + h + ">")
	b.WriteString(string(headingHTML(n.Provision)) + " ")
	writePermalink(b, n.Provision, pinOf(n.Provision))
	b.WriteString("</" + h + ">\n")
	writeOwn(b, n.Provision, t)
	if len(n.Children) > 0 {
		s.writeTree(b, t.sub(n))
	}
	b.WriteString("</section>\n")
}

// writeOwn writes a provision's own paragraphs: the first carries no id,
// since the provision's element has its eId, the later ones theirs.
func writeOwn(b *strings.Builder, c *archive.Provision, t Tree) {
	for i, p := range c.Paragraphs {
		if i > 0 {
			b.WriteString(`<p id="` + esc(p.EID()) + `">`)
		} else {
			b.WriteString("<p>")
		}
		switch {
		case t.find != nil:
			b.WriteString(t.find.mark(p))
		case t.Analysis:
			b.WriteString(string(markedHTML(p)))
		default:
			b.WriteString(p.HTML)
		}
		b.WriteString("</p>\n  ")
	}
}

func writePermalink(b *strings.Builder, c *archive.Provision, name string) {
	b.WriteString(`<a class="permalink" href="` + esc(c.Path()) + `" aria-label="` + esc(name) + ` on its own page">¶</a>`)
}

// esc escapes text and attribute values as html/template does.
var esc = template.HTMLEscapeString

// tableOrdinal is a table's place among the tables beside it.
func tableOrdinal(c *archive.Provision) int {
	sibs := c.Doc.Body
	if c.Parent != nil {
		sibs = c.Parent.Children
	} else {
		for _, part := range [][]*archive.Provision{c.Doc.Conclusions, c.Doc.Attachments, c.Doc.Notes, c.Doc.Remarks} {
			if slices.Contains(part, c) {
				sibs = part
			}
		}
	}
	n := 0
	for _, s := range sibs {
		if s.Element == archive.ElTable {
			n++
		}
		if s == c {
			break
		}
	}
	return max(n, 1)
}
