package formats

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode"

	"github.com/accord-archive/accord/internal/archive"
)

// The body of an Akoma Ntoso document is written from the document's tree
// by hand rather than by encoding/xml: a paragraph's text holds its
// footnotes (<authorialNote>) at their markers, mixed content that
// encoding/xml cannot write. The output is indented as xml.MarshalIndent
// indents the rest, two spaces a level, text never touched.
//
// How the tree maps onto Akoma Ntoso 3.0's content models:
//
//   - part, chapter, title, section, article, paragraph, subparagraph and
//     point are the elements of the same name (type hierarchy): <num> holds
//     the label exactly as printed, <heading> the heading, then either
//     <content> (a provision without hierarchical children) or <intro>, the
//     children and <wrapUp>: a provision with text and children has its
//     text as the intro.
//   - a bullet (item) is a <point> whose <num> is the bullet as printed:
//     blockList/item cannot stand among hierarchical siblings nor hold
//     sub-paragraphs, which a bullet in a treaty can.
//   - an unnumbered paragraph is a <p>, and a table a <table>, where blocks
//     may stand (the top of the body, <content>, <intro>, <wrapUp>); between
//     hierarchical siblings, where only hierarchy may, each is wrapped in an
//     <hcontainer name="p"> or <hcontainer name="table">.
//   - a formula, dateline or signature in the conclusions is a <formula>,
//     a <container name="dateline">, a <container name="signature"> holding
//     <signature>; in the body, a <blockContainer class="…">.
//   - an attachment is <attachments><attachment> holding its own <doc>
//     (meta, mainBody), its label and heading as the attachment's <num> and
//     <heading>.
//   - a footnote is an <authorialNote marker="1" placement="bottom"> at its
//     marker in the text (notes.go); a note whose marker is nowhere is kept in
//     <meta><notes>, as are the publishers' remarks (<note class="remark">),
//     which are no text of the document.

// xnode is an element to write: either inner (escaped inline content, for
// an element without children), children, or raw (written as it is, in
// place of the element, already indented).
type xnode struct {
	name  string
	attrs []xml.Attr
	inner string
	kids  []*xnode
	raw   string
}

func el(name string, attrs ...string) *xnode {
	n := &xnode{name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
	}
	return n
}

func (n *xnode) add(kids ...*xnode) *xnode { n.kids = append(n.kids, kids...); return n }

func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// write writes n at depth, its first line already indented.
func (n *xnode) write(b *strings.Builder, depth int) {
	if n.raw != "" {
		b.WriteString(n.raw)
		return
	}
	b.WriteString("<" + n.name)
	for _, a := range n.attrs {
		b.WriteString(" " + a.Name.Local + `="` + escape(a.Value) + `"`)
	}
	b.WriteString(">")
	if len(n.kids) == 0 {
		b.WriteString(n.inner)
	} else {
		writeKids(b, n.kids, depth+1)
		b.WriteString("\n" + indent(depth))
	}
	b.WriteString("</" + n.name + ">")
}

// writeKids writes each of kids on a line of its own at depth.
func writeKids(b *strings.Builder, kids []*xnode, depth int) {
	for _, k := range kids {
		b.WriteString("\n")
		if k.raw == "" {
			b.WriteString(indent(depth))
		}
		k.write(b, depth)
	}
}

func indent(depth int) string { return strings.Repeat("  ", depth) }

// aknRaw is an element whose content is written by writeKids: what
// encoding/xml places in its output as it is.
type aknRaw struct {
	Attrs []xml.Attr `xml:",any,attr"`
	Inner string     `xml:",innerxml"`
}

// raw makes an aknRaw of kids for an element at depth.
func raw(kids []*xnode, depth int, attrs ...xml.Attr) *aknRaw {
	var b strings.Builder
	writeKids(&b, kids, depth+1)
	b.WriteString("\n" + indent(depth))
	return &aknRaw{Attrs: attrs, Inner: b.String()}
}

// treeWriter writes one document's tree.
type treeWriter struct {
	d        *archive.Document
	notes    map[string]*archive.Provision // by eId
	placed   map[*archive.Provision]bool   // notes written at their marker
	identify func(component string, depth int) string
}

// marker is a note's marker as printed: its label, "1" for [^1].
func marker(n *archive.Provision) string {
	if m := strings.Trim(n.Label, "[]^: "); m != "" {
		return m
	}
	return n.Num
}

func newTreeWriter(d *archive.Document) *treeWriter {
	return &treeWriter{d: d, notes: noteMap(d), placed: map[*archive.Provision]bool{}}
}

// inline is a paragraph's text, escaped, each footnote written at its
// marker (notesIn): the note itself where it is first marked, a <noteRef>
// after.
func (w *treeWriter) inline(p *archive.Paragraph) string {
	at := notesIn(p, w.notes)
	if len(at) == 0 {
		return escape(p.Text)
	}
	var b strings.Builder
	last := 0
	for _, a := range at {
		b.WriteString(escape(p.Text[last:a.pos]))
		last = a.pos
		n := a.note
		if w.placed[n] {
			ref := el("noteRef", "href", "#"+n.EID(), "marker", marker(n))
			ref.write(&b, 0)
			continue
		}
		w.placed[n] = true
		// A note's paragraphs are on the marker's line: in mixed
		// content, indentation would be text.
		note := el("authorialNote", "marker", marker(n), "placement", "bottom", "eId", n.EID())
		note.inner = paragraphsInline(w.notePs(n))
		note.write(&b, 0)
	}
	b.WriteString(escape(p.Text[last:]))
	return b.String()
}

// paragraphsInline writes paragraphs with no indentation, as a note in
// mixed content must be.
func paragraphsInline(ps []*xnode) string {
	var b strings.Builder
	for _, p := range ps {
		p.write(&b, 0)
	}
	return b.String()
}

// hierName is the Akoma Ntoso element of a provision in a hierarchy.
func hierName(e archive.Element) string {
	switch e {
	case archive.ElPart, archive.ElChapter, archive.ElTitle, archive.ElSection, archive.ElArticle,
		archive.ElParagraph, archive.ElSubparagraph, archive.ElPoint:
		return string(e)
	case archive.ElItem:
		return "point"
	}
	return "hcontainer"
}

// blockable reports whether c is written as blocks (<p>, <table>, a
// <blockContainer>) where blocks may stand: an unnumbered paragraph, a
// table, a formula, dateline or signature, without children.
func blockable(c *archive.Provision) bool {
	if len(c.Children) > 0 {
		return false
	}
	switch c.Element {
	case archive.ElP, archive.ElTable, archive.ElFormula, archive.ElDateline, archive.ElSignature, archive.ElNote, archive.ElRemark:
		return true
	}
	return false
}

// paragraphs are c's own paragraphs as <p>; the first carries c's eId only
// if carry (otherwise the element holding them does).
func (w *treeWriter) paragraphs(c *archive.Provision, carry bool) []*xnode {
	var out []*xnode
	for _, p := range c.Paragraphs {
		eid := p.EID()
		if p.Index == 1 && !carry {
			eid = ""
		}
		n := el("p", "eId", eid)
		n.inner = w.inline(p)
		out = append(out, n)
	}
	return out
}

// blocks writes a blockable provision as blocks.
func (w *treeWriter) blocks(c *archive.Provision, carry bool) []*xnode {
	switch c.Element {
	case archive.ElP:
		return w.paragraphs(c, carry)
	case archive.ElTable:
		var out []*xnode
		for _, p := range c.Paragraphs {
			eid := p.EID()
			if p.Index == 1 && !carry {
				eid = ""
			}
			out = append(out, w.table(p, eid))
		}
		return out
	}
	eid := ""
	if carry {
		eid = c.EID()
	}
	return []*xnode{el("blockContainer", "eId", eid, "class", string(c.Element)).add(w.paragraphs(c, false)...)}
}

// table writes a table as a <table>: its rows as the rendered HTML has
// them (tableRows), each cell's text verbatim in a <p>; a table whose HTML
// holds none is its text in one cell.
func (w *treeWriter) table(p *archive.Paragraph, eid string) *xnode {
	t := el("table", "eId", eid)
	rows := tableRows(p)
	if rows == nil {
		rows = [][]cell{{{text: p.Text}}}
	}
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		tr := el("tr")
		for _, c := range r {
			name := "td"
			if c.header {
				name = "th"
			}
			tr.add(el(name).add(&xnode{name: "p", inner: escape(c.text)}))
		}
		t.add(tr)
	}
	return t
}

// hier writes a provision as a hierarchical element.
func (w *treeWriter) hier(c *archive.Provision) *xnode {
	name := hierName(c.Element)
	n := el(name, "eId", c.EID())
	if name == "hcontainer" {
		n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: "name"}, Value: string(c.Element)})
	}
	if c.Label != "" {
		n.add(&xnode{name: "num", inner: escape(c.Label)})
	}
	if c.Heading != nil {
		n.add(&xnode{name: "heading", inner: w.inline(c.Heading)})
	}
	if blockable(c) { // an unnumbered paragraph or a table among hierarchy
		return n.add(el("content").add(w.blocks(c, false)...))
	}
	own := w.paragraphs(c, false)
	allBlocks := true
	for _, ch := range c.Children {
		allBlocks = allBlocks && blockable(ch)
	}
	if allBlocks {
		content := el("content").add(own...)
		for _, ch := range c.Children {
			content.add(w.blocks(ch, true)...)
		}
		return n.add(content)
	}
	// Blocks before the first hierarchical child join the intro, those
	// after the last the wrapUp; between two, each is a container.
	first, last := -1, -1
	for i, ch := range c.Children {
		if !blockable(ch) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	intro := el("intro").add(own...)
	for _, ch := range c.Children[:first] {
		intro.add(w.blocks(ch, true)...)
	}
	if len(intro.kids) > 0 {
		n.add(intro)
	}
	for _, ch := range c.Children[first : last+1] {
		n.add(w.hier(ch))
	}
	wrap := el("wrapUp")
	for _, ch := range c.Children[last+1:] {
		wrap.add(w.blocks(ch, true)...)
	}
	if len(wrap.kids) > 0 {
		n.add(wrap)
	}
	return n
}

// body writes a list of top-level provisions where hierarchy and blocks
// may both stand (a mainBody), after own, an attachment's own paragraphs.
func (w *treeWriter) body(list []*archive.Provision, own []*archive.Paragraph) []*xnode {
	var out []*xnode
	for _, p := range own {
		eid := p.EID()
		if p.Index == 1 {
			eid = "" // the attachment's own
		}
		n := el("p", "eId", eid)
		n.inner = w.inline(p)
		out = append(out, n)
	}
	for _, c := range list {
		if blockable(c) {
			out = append(out, w.blocks(c, true)...)
		} else {
			out = append(out, w.hier(c))
		}
	}
	return out
}

// conclusions writes the formulas, datelines and signatures after the text.
func (w *treeWriter) conclusions() []*xnode {
	var out []*xnode
	for _, c := range w.d.Conclusions {
		switch c.Element {
		case archive.ElFormula:
			out = append(out, el("formula", "name", formulaName(c), "eId", c.EID()).add(w.paragraphs(c, false)...))
		case archive.ElSignature:
			n := el("container", "name", "signature", "eId", c.EID())
			for _, p := range c.Paragraphs {
				eid := p.EID()
				if p.Index == 1 {
					eid = ""
				}
				sig := el("p", "eId", eid)
				sig.inner = "<signature>" + w.inline(p) + "</signature>" // mixed content: no indentation
				n.add(sig)
			}
			out = append(out, n)
		case archive.ElP, archive.ElTable:
			out = append(out, w.blocks(c, true)...)
		default:
			out = append(out, el("container", "name", string(c.Element), "eId", c.EID()).add(w.paragraphs(c, false)...))
		}
	}
	return out
}

// formulaName names a formula by its first words: "IN WITNESS WHEREOF" is
// inWitness, "DONE at" done.
func formulaName(c *archive.Provision) string {
	t := strings.ToUpper(c.Text())
	switch {
	case strings.HasPrefix(t, "IN WITNESS"):
		return "inWitness"
	case strings.HasPrefix(t, "DONE"):
		return "done"
	}
	return "formula"
}

// attachments writes each annex as an <attachment> holding its own <doc>,
// at depth (the <attachments> element's).
func (w *treeWriter) attachments(depth int) []*xnode {
	var out []*xnode
	for _, a := range w.d.Attachments {
		att := el("attachment", "eId", a.EID())
		if a.Label != "" {
			att.add(&xnode{name: "num", inner: escape(a.Label)})
		}
		if a.Heading != nil {
			att.add(&xnode{name: "heading", inner: w.inline(a.Heading)})
		}
		doc := el("doc", "name", attachmentName(a))
		doc.add(&xnode{raw: w.identify(a.EID(), depth+3)})
		var kids []*xnode
		if a.Element == archive.ElAttachment {
			kids = w.body(a.Children, a.Paragraphs)
		} else {
			kids = []*xnode{w.hier(a)}
		}
		if len(kids) == 0 {
			kids = []*xnode{el("p")} // a mainBody holds something
		}
		doc.add(el("mainBody").add(kids...))
		out = append(out, att.add(doc))
	}
	return out
}

// attachmentName is the kind of an attachment, from its label's words
// before its number: annex, appendix, protocol, finalAct; attachment when
// it has none.
func attachmentName(a *archive.Provision) string {
	var name []string
	for _, word := range strings.Fields(strings.ToLower(a.Label)) {
		if isNumber(word) {
			break
		}
		name = append(name, word)
	}
	if len(name) == 0 {
		return "attachment"
	}
	return camel(strings.Join(name, "-"))
}

// isNumber reports whether a label's word is its number: one with a
// digit or a character other than a letter, a single letter, or a short
// roman numeral ("ii", "iv").
func isNumber(word string) bool {
	if strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 || len([]rune(word)) == 1 {
		return true
	}
	return len(word) <= 4 && strings.Trim(word, "ivxlc") == ""
}

// metaNotes are the notes kept apart from the text: footnotes whose marker
// is nowhere in it, and the publishers' remarks.
func (w *treeWriter) metaNotes() []*xnode {
	var out []*xnode
	for _, n := range w.d.Notes {
		if !w.placed[n] {
			out = append(out, el("note", "eId", n.EID(), "marker", marker(n)).add(w.notePs(n)...))
		}
	}
	for _, r := range w.d.Remarks {
		out = append(out, el("note", "eId", r.EID(), "class", "remark").add(w.notePs(r)...))
	}
	return out
}

func (w *treeWriter) notePs(n *archive.Provision) []*xnode {
	var out []*xnode
	for _, p := range n.Paragraphs {
		out = append(out, &xnode{name: "p", inner: escape(p.Text)})
	}
	if len(out) == 0 {
		out = append(out, el("p"))
	}
	return out
}
