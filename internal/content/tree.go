package content

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/accord-archive/accord/internal/archive"
)

// walker reads a document's tree of provisions from its parsed Markdown
// (docs/FORMAT.md is the contract).
type walker struct {
	b    *body
	d    *archive.Document
	root *cont   // the body
	cs   []*cont // open headings' containers, outermost first

	attachments bool                       // an attachment heading has ended the body
	pre         []*archive.Paragraph       // leading plain paragraphs: the preamble, or the body
	started     bool                       // the body has begun: no more preamble
	titled      *archive.Provision         // a container whose title may be the next heading
	pending     *archive.Provision         // a label printed alone, waiting for its text
	labelled    []labelled                 // every labelled provision, in order
	articles    []article                  // every article numbered in digits, in order
	inner       map[*archive.Provision]int // line of a label inside a provision's text
	lastLine    int
}

// cont is a container being filled: the body, or a heading's provision.
type cont struct {
	level    int
	p        *archive.Provision // nil for the body
	list     *[]*archive.Provision
	stack    []open // its labelled provisions still open, outermost first
	barrier  int    // stack entries below it are a list item's and stay open
	numbered bool   // it has had a numbered paragraph
}

// open is a labelled provision that later ones may nest under.
type open struct {
	p   *archive.Provision
	lab label
	col int
}

// labelled is a labelled provision, for the numbering checks.
type labelled struct {
	p         *archive.Provision
	lab       label
	group     groupKey
	restartOK bool // the first number in a numbered container may restart at 1
}

// article is an article numbered in digits ("Article 7", not "Article
// 7bis", an insertion), and the attachment it is in, if any: articles are
// numbered through the chapters and parts of the body, and of each
// attachment.
type article struct {
	p  *archive.Provision
	in *archive.Provision
	n  int
}

// groupKey is one sequence of labels: a family under one provision, or
// the numbered paragraphs of an article, an attachment or the body.
type groupKey struct {
	under *archive.Provision
	fam   family
}

func (w *walker) cur() *cont {
	if len(w.cs) > 0 {
		return w.cs[len(w.cs)-1]
	}
	return w.root
}

// walk reads the text of the body into d and builds its tree.
func (b *body) walk(d *archive.Document) *walker {
	b.md.st.reset()
	root := b.md.Parser().Parse(text.NewReader(b.src))
	w := &walker{b: b, d: d, inner: map[*archive.Provision]int{}, lastLine: b.lineBase}
	w.root = &cont{list: &d.Body}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n)
	}
	w.decide(false)
	w.finish()
	b.md.st.reset() // its headings would keep this document's syntax tree alive
	d.Build()
	if root.FirstChild() == nil {
		b.errs.add(b.lineBase, "empty document: no text after the front matter")
	}
	return w
}

// block reads one block of the body, or of a list item.
func (w *walker) block(n ast.Node) {
	if l := w.b.blockLine(n); l > 0 {
		w.lastLine = l
	}
	if _, ok := n.(*ast.Heading); !ok {
		w.titled = nil
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		w.paragraph(n)
	case *ast.List:
		w.list(n)
	case *ast.Heading:
		w.heading(n)
	case *fence:
		w.fence(n)
	case *east.Table:
		w.decide(false)
		w.pending = nil
		p := &archive.Provision{Element: archive.ElTable, Line: w.lastLine, Paragraphs: []*archive.Paragraph{w.b.table(n)}}
		w.addPlain(p)
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			w.note(fn.(*east.Footnote))
		}
	default:
		w.b.unsupported(n)
	}
}

// decide settles the leading plain paragraphs: the preamble if what
// follows them is numbered (a numbered paragraph, an article, a chapter,
// a part), else the start of the body.
func (w *walker) decide(numbered bool) {
	if w.started {
		return
	}
	w.started = true
	if numbered {
		w.toPreamble(w.pre)
	} else {
		for _, p := range w.pre {
			*w.root.list = append(*w.root.list, &archive.Provision{Element: archive.ElP, Line: p.Line, Paragraphs: []*archive.Paragraph{p}})
		}
	}
	w.pre = nil
}

func (w *walker) toPreamble(ps []*archive.Paragraph) {
	for _, p := range ps {
		p.Doc = w.d
		p.Index = len(w.d.Preamble) + 1
		p.Classification = new(archive.Classification) // overrides may fill it
		w.d.Preamble = append(w.d.Preamble, p)
	}
}

// column is the column at which a block's first line starts.
func (w *walker) column(n ast.Node) int {
	if n.Lines().Len() == 0 {
		return 0
	}
	start := n.Lines().At(0).Start
	return start - (bytes.LastIndexByte(w.b.src[:start], '\n') + 1)
}

// paragraph reads a paragraph: labelled, a label's text, a further
// paragraph of the provision it is indented under, or a plain paragraph.
func (w *walker) paragraph(n ast.Node) {
	var la labelAt
	var ok bool
	if n.Lines().Len() > 0 {
		la, ok = w.b.md.st.labels[n.Lines().At(0).Start]
	}
	if ok {
		w.decide(la.numbered())
		p := &archive.Provision{Element: la.element(), Label: la.text, Num: la.num, Line: w.b.line(la.at)}

		la.label = w.place(p, la.label, la.col)
		w.pending = nil
		if first := n.Lines().At(0); n.Lines().Len() == 1 && len(bytes.TrimSpace(first.Value(w.b.src))) == 0 {
			w.pending = p // "3." alone: the next paragraph is its text
			return
		}
		p.Paragraphs = append(p.Paragraphs, w.text(n, p))
		return
	}
	col := w.column(n)
	if w.pending != nil {
		w.pending.Paragraphs = append(w.pending.Paragraphs, w.text(n, w.pending))
		w.pending = nil
		return
	}
	c := w.cur()
	if col > 0 {
		for i := len(c.stack) - 1; i >= 0; i-- {
			if c.stack[i].col < col {
				p := c.stack[i].p
				p.Paragraphs = append(p.Paragraphs, w.text(n, p))
				return
			}
		}
	}
	if !w.started && len(w.cs) == 0 {
		w.pre = append(w.pre, w.b.paragraph(n))
		return
	}
	p := &archive.Provision{Element: archive.ElP, Line: w.b.blockLine(n)}
	p.Paragraphs = []*archive.Paragraph{w.text(n, p)}
	w.addPlain(p)
}

// text renders a paragraph of p, noting a label printed inside it.
func (w *walker) text(n ast.Node, p *archive.Provision) *archive.Paragraph {
	para := w.b.paragraph(n)
	if w.inner[p] == 0 {
		if l := w.innerLabel(n); l > 0 {
			w.inner[p] = l
		}
	}
	return para
}

// innerLabel is the line of a label that starts a line inside the
// paragraph n (a lost blank line), or 0.
func (w *walker) innerLabel(n ast.Node) int {
	lines := n.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := bytes.TrimLeft(w.b.src[seg.Start:seg.Stop], " \t")
		if l, _, ok := matchLabel(raw); ok && !strings.HasPrefix(string(l.fam), "bullet") {
			return w.b.line(seg.Start)
		}
	}
	return 0
}

// addPlain adds an unlabelled provision (a plain paragraph, a table) to
// the current container, closing its labelled levels; inside a list item
// it is the item's.
func (w *walker) addPlain(p *archive.Provision) {
	c := w.cur()
	if c.barrier > 0 {
		item := c.stack[c.barrier-1].p
		c.stack = c.stack[:c.barrier]
		item.Children = append(item.Children, p)
		return
	}
	c.stack = c.stack[:0]
	*c.list = append(*c.list, p)
}

// place puts a labelled provision in the tree: a family met again closes
// the levels below it, a new family opens a level below the current one.
// It returns the label as read ("(i)" a letter or a roman numeral).
func (w *walker) place(p *archive.Provision, lab label, col int) label {
	c := w.cur()
	if lab.alt != "" {
		lab = resolve(c.stack, lab)
		p.Element = lab.element()
	}
	i := len(c.stack) - 1
	for ; i >= c.barrier; i-- {
		if c.stack[i].lab.fam == lab.fam {
			break
		}
	}
	if i >= c.barrier {
		c.stack = c.stack[:i]
	}
	var parent *archive.Provision
	if len(c.stack) > 0 {
		parent = c.stack[len(c.stack)-1].p
		parent.Children = append(parent.Children, p)
	} else {
		*c.list = append(*c.list, p)
	}
	c.stack = append(c.stack, open{p, lab, col})
	l := labelled{p: p, lab: lab, group: groupKey{parent, lab.fam}}
	if parent == nil && lab.numbered() {
		// The paragraphs of an article or an attachment are numbered
		// from 1; elsewhere through the headings above them, except that
		// a numbered heading may start them again.
		l.group.under = nil
		for i := len(w.cs) - 1; i >= 0; i-- {
			q := w.cs[i]
			if q.p.Element == archive.ElArticle || q.p.Element == archive.ElAttachment {
				l.group.under = q.p
				break
			}
			if q.p.Num != "" && !q.numbered {
				l.restartOK = true
			}
		}
		for _, q := range w.cs {
			q.numbered = true
		}
	}
	w.labelled = append(w.labelled, l)
	return lab
}

// resolve reads a label that may be a letter or a roman numeral ("(i)",
// "(v)", "(x)"): a letter if it follows the open letter ("(i)" after
// "(h)"), a roman numeral if it follows the open numeral or starts one.
func resolve(stack []open, lab label) label {
	roman, letter := lab.fam, lab.alt
	if lab.fam == famLetter || lab.fam == famUpper {
		roman, letter = lab.alt, lab.fam
	}
	r, l := lab.as(roman), lab.as(letter)
	for i := len(stack) - 1; i >= 0; i-- {
		o := stack[i].lab
		switch {
		case o.fam == letter && letterValue(o.num)+1 == l.value():
			return l
		case o.fam == roman && o.value()+1 == r.value():
			return r
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].lab.fam {
		case roman:
			return r
		case letter:
			if r.value() != 1 {
				return l
			}
		}
	}
	if r.value() == 1 {
		return r
	}
	return l
}

// list reads a CommonMark list's items as labelled provisions, the
// marker as printed their label.
func (w *walker) list(list *ast.List) {
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		lab := w.itemLabel(item, list)
		line := w.b.blockLine(item)
		if line == 0 {
			line = w.lastLine + 1 // an empty item has no position of its own
		}
		w.lastLine = line
		w.decide(lab.fam == famNumber)
		p := &archive.Provision{Element: lab.element(), Label: lab.text, Num: lab.num, Line: line}
		col := 0 // the marker's column: the indentation of the item's first line
		if f := item.FirstChild(); f != nil && f.Lines().Len() > 0 {
			start := f.Lines().At(0).Start
			ls := w.b.src[bytes.LastIndexByte(w.b.src[:start], '\n')+1 : start]
			col = len(ls) - len(bytes.TrimLeft(ls, " \t"))
		}
		w.place(p, lab, col)
		w.pending = nil
		rest := item.FirstChild()
		switch rest.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			p.Paragraphs = append(p.Paragraphs, w.text(rest, p))
			rest = rest.NextSibling()
		default:
			w.pending = p
		}
		c := w.cur()
		saved := c.barrier
		for i := len(c.stack) - 1; i >= 0; i-- {
			if c.stack[i].p == p {
				c.barrier = i + 1
			}
		}
		for n := rest; n != nil; n = n.NextSibling() {
			w.block(n)
		}
		// The item's own blocks end with it; it stays open for what
		// follows, unindented, to nest under it by its family.
		if c.barrier > 0 && c.barrier <= len(c.stack) && c.stack[c.barrier-1].p == p {
			c.stack = c.stack[:c.barrier]
		}
		c.barrier = saved
	}
}

// itemLabel is a list item's marker as printed, as a label: "3.", "3)",
// "-".
func (w *walker) itemLabel(item ast.Node, list *ast.List) label {
	if !list.IsOrdered() {
		m := string(list.Marker)
		return label{text: m, fam: family("bullet" + m)}
	}
	printed := w.b.printedLabel(item)
	if printed == "" && item.Pos() >= 0 {
		// An empty item: its marker is at its position.
		printed, _, _ = strings.Cut(string(w.b.src[item.Pos():]), "\n")
		printed = strings.TrimSpace(printed)
	}
	return label{text: printed, fam: famNumber, num: strings.TrimLeft(strings.TrimRight(printed, ".)"), "0")}
}

// heading reads an ATX heading: a container that holds what follows it
// until a heading of the same or a higher level, or the title of the
// container whose heading is just above it.
func (w *walker) heading(h *ast.Heading) {
	info, ok := w.b.md.st.heads[h]
	line := w.b.blockLine(h)
	if line == 0 {
		line = w.lastLine
	}
	w.pending = nil
	if !ok {
		w.b.errs.add(line, "a heading underlined with '=' or '-' is not allowed: write it as '# Heading' (a line '---' under a paragraph makes it one)")
		return
	}
	if info.empty {
		w.b.errs.add(line, "a heading with no text: a publisher's mark such as '###' goes in a '::: remark' block")
		return
	}
	w.decide(info.el == archive.ElArticle || info.el == archive.ElChapter || info.el == archive.ElPart)
	var head *archive.Paragraph
	if h.FirstChild() != nil {
		head = w.b.paragraph(h)
	}
	if t := w.titled; t != nil && info.label == "" && head != nil {
		w.titled = nil
		t.Heading = head
		return
	}
	w.titled = nil
	p := &archive.Provision{Element: info.el, Label: info.label, Num: info.num, Heading: head, Line: line}
	if head != nil {
		p.HeadingSep = info.sep
	}
	if head == nil && info.el != archive.ElSection {
		w.titled = p
	}
	if info.el == archive.ElAttachment {
		w.attachments = true
		w.cs = append(w.cs[:0], &cont{level: h.Level, p: p, list: &p.Children})
		w.d.Attachments = append(w.d.Attachments, p)
		return
	}
	keep := 0
	if w.attachments {
		keep = 1 // the headings inside an attachment are its sections
	}
	for len(w.cs) > keep && w.cs[len(w.cs)-1].level >= h.Level {
		w.cs = w.cs[:len(w.cs)-1]
	}
	c := w.cur()
	c.stack, c.barrier = c.stack[:0], 0
	*c.list = append(*c.list, p)
	if n, err := strconv.Atoi(info.num); err == nil && info.el == archive.ElArticle {
		a := article{p: p, n: n}
		if w.attachments {
			a.in = w.cs[0].p
		}
		w.articles = append(w.articles, a)
	}
	w.cs = append(w.cs, &cont{level: h.Level, p: p, list: &p.Children})
}

// fence reads a ':::' block.
func (w *walker) fence(f *fence) {
	line := w.b.line(f.line)
	if !f.closed {
		w.b.errs.add(line, "the block '::: %s' is not closed: end it with a line ':::'", f.name)
	}
	switch f.name {
	case "preamble":
		w.decide(true)
		for n := f.FirstChild(); n != nil; n = n.NextSibling() {
			switch n.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				w.toPreamble([]*archive.Paragraph{w.b.paragraph(n)})
			default:
				w.b.unsupported(n)
			}
		}
	case "conclusions":
		w.decide(false)
		w.eachLine(f, func(l int, s string) {
			p := &archive.Provision{Element: conclusion(s, w.d.Language), Line: l}
			p.Paragraphs = []*archive.Paragraph{{Text: s, HTML: htmlEscape(s), Line: l}}
			w.d.Conclusions = append(w.d.Conclusions, p)
		})
	case "remark":
		// A remark is its lines up to a blank one, as printed.
		var cur *archive.Provision
		last := 0
		w.eachLine(f, func(l int, s string) {
			if cur != nil && l == last+1 {
				q := cur.Paragraphs[0]
				q.Text += " " + s
				q.HTML = htmlEscape(q.Text)
			} else {
				cur = &archive.Provision{Element: archive.ElRemark, Line: l}
				cur.Paragraphs = []*archive.Paragraph{{Text: s, HTML: htmlEscape(s), Line: l}}
				w.d.Remarks = append(w.d.Remarks, cur)
			}
			last = l
		})
	default:
		w.b.errs.add(line, "unknown block '::: %s': the blocks are '::: preamble', '::: conclusions' and '::: remark'", f.name)
	}
}

// eachLine calls f with every non-blank line of a fenced block, trimmed.
func (w *walker) eachLine(f *fence, fn func(line int, s string)) {
	for i := 0; i < f.Lines().Len(); i++ {
		seg := f.Lines().At(i)
		if s := strings.TrimSpace(string(w.b.src[seg.Start:seg.Stop])); s != "" {
			fn(w.b.line(seg.Start), s)
		}
	}
}

// conclusion is what a line of the conclusions is, by its words: a
// formula, a dateline, or a signature.
func conclusion(s, lang string) archive.Element {
	if txtFormula.MatchString(s) { // the formulas import reads, in every language it knows
		return archive.ElFormula
	}
	if _, ok, err := parseDateline(strings.TrimRight(s, "."), lang); ok || err != nil {
		return archive.ElDateline
	}
	return archive.ElSignature
}

// note reads a footnote "[^1]: …" into d.Notes.
func (w *walker) note(fn *east.Footnote) {
	lab := string(fn.Ref)
	p := &archive.Provision{Element: archive.ElNote, Label: lab, Num: strings.TrimPrefix(noteID(lab), "note_"), Line: w.b.blockLine(fn)}
	if p.Line == 0 {
		p.Line = w.lastLine
	}
	for n := fn.FirstChild(); n != nil; n = n.NextSibling() {
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			p.Paragraphs = append(p.Paragraphs, w.b.paragraph(n))
		default:
			w.b.unsupported(n)
		}
	}
	if len(p.Paragraphs) == 0 {
		w.b.errs.add(p.Line, "note [^%s] has no text", lab)
		return
	}
	w.d.Notes = append(w.d.Notes, p)
}

// finish checks what can only be checked at the end: a label with no
// text, markers and notes that do not meet.
func (w *walker) finish() {
	for _, l := range w.labelled {
		if len(l.p.Paragraphs) == 0 && len(l.p.Children) == 0 {
			w.b.errs.add(l.p.Line, "'%s' has no text: write its text after the label, or in the paragraph after it", l.p.Label)
		}
	}
	notes := map[string]*archive.Provision{}
	for _, n := range w.d.Notes {
		if prev, ok := notes[n.Label]; ok {
			w.b.errs.add(n.Line, "note [^%s] repeats the one on line %d", n.Label, prev.Line)
			continue
		}
		notes[n.Label] = n
	}
	marked := map[string]bool{}
	for _, r := range w.b.md.st.refs {
		marked[r.label] = true
		if notes[r.label] == nil {
			w.b.errs.add(w.b.line(r.off), "footnote marker [^%s] has no note: add a paragraph '[^%s]: …' after it", r.label, r.label)
		}
	}
	for _, n := range w.d.Notes {
		if !marked[n.Label] {
			w.b.errs.add(n.Line, "note [^%s] is not marked in the text: put [^%s] where it belongs", n.Label, n.Label)
			continue
		}
		last := n.Paragraphs[len(n.Paragraphs)-1]
		last.HTML += ` <a href="#ref_` + noteID(n.Label) + `" class="noteback" aria-label="Back to the text">↩</a>`
	}
}
