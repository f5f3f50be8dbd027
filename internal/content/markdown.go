package content

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/accord-archive/accord/internal/archive"
)

// markdown is a goldmark instance with the buffers it renders into, one
// per goroutine: CommonMark with pipe tables, footnotes and ':::' blocks,
// no typographer (text stays verbatim), raw HTML not rendered (and
// reported as an error by the walk), no indented code blocks (an indented
// paragraph continues the labelled one above it). Its parsers split each
// paragraph's and heading's label off before inline parsing, so that the
// text rendered is the text without its label.
type markdown struct {
	goldmark.Markdown
	buf bytes.Buffer
	w   *bufio.Writer // over buf; without it the renderer makes one per call
	st  *parseState   // what the parsers found in the document being read
}

// parseState is what the parsers of one markdown record about the
// document being read, for the walk.
type parseState struct {
	labels map[int]labelAt         // a paragraph's label, by its first line's start after the label
	heads  map[*ast.Heading]header // what each ATX heading is
	refs   []noteRef               // every footnote marker, in order
	marked map[string]bool         // the notes whose first marker is rendered
}

func (s *parseState) reset() {
	clear(s.labels)
	clear(s.heads)
	clear(s.marked)
	s.refs = s.refs[:0]
}

// labelAt is a paragraph's label and the column it is printed at.
type labelAt struct {
	label
	col int
	at  int // offset of the label
}

// noteRef is a footnote marker "[^1]" and where it is.
type noteRef struct {
	label string
	off   int
}

func newMarkdown() *markdown {
	st := &parseState{labels: map[int]labelAt{}, heads: map[*ast.Heading]header{}, marked: map[string]bool{}}
	// goldmark's block parsers at their own priorities, without the
	// indented code block, with the heading parser that reads labels, and
	// with ':::' blocks and footnotes.
	blocks := []util.PrioritizedValue{
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(parser.NewListParser(), 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(&headingParser{parser.NewATXHeadingParser(), st}, 600),
		util.Prioritized(fenceParser{}, 650),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(parser.NewBlockquoteParser(), 800),
		util.Prioritized(parser.NewHTMLBlockParser(), 900),
		util.Prioritized(extension.NewFootnoteBlockParser(), 999),
		util.Prioritized(indentedParagraphs{parser.NewParagraphParser()}, 1000),
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithInlineParsers(util.Prioritized(noteRefParser{st}, 101)),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithParagraphTransformers(util.Prioritized(labelSplitter{st}, 300)),
	)
	m := &markdown{Markdown: goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.Table),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(noteRefRenderer{st}, 100))),
	), st: st}
	m.w = bufio.NewWriter(&m.buf)
	return m
}

// indentedParagraphs is goldmark's paragraph parser, which also opens a
// paragraph indented by four spaces or more: without indented code blocks,
// it is a further paragraph of the labelled one above it.
type indentedParagraphs struct{ parser.BlockParser }

func (indentedParagraphs) CanAcceptIndentedLine() bool { return true }

// kindFence is a block fenced by ':::' lines: "::: preamble" … ":::".
var kindFence = ast.NewNodeKind("Fence")

type fence struct {
	ast.BaseBlock
	name   string // preamble, conclusions, remark, or what the editor wrote
	closed bool
	line   int // offset of the opening line, for messages
}

func (f *fence) Kind() ast.NodeKind { return kindFence }

func (f *fence) Dump(src []byte, level int) { ast.DumpHelper(f, src, level, nil, nil) }

// fenceParser reads ':::' blocks. A preamble's paragraphs are Markdown
// blocks; the lines of conclusions and remarks are kept as lines.
type fenceParser struct{}

func (fenceParser) Trigger() []byte { return []byte{':'} }

func (fenceParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte(":::")) {
		return nil, parser.NoChildren
	}
	name := strings.TrimSpace(strings.TrimLeft(string(line[pos:]), ":"))
	if name == "" || parent.Kind() != ast.KindDocument {
		return nil, parser.NoChildren
	}
	f := &fence{name: name, line: seg.Start}
	reader.AdvanceToEOL()
	if name == "preamble" {
		return f, parser.HasChildren
	}
	return f, parser.NoChildren
}

func (fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	f := node.(*fence)
	line, seg := reader.PeekLine()
	if strings.TrimSpace(string(line)) == ":::" {
		f.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	if f.name == "preamble" {
		return parser.Continue | parser.HasChildren
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (fenceParser) Close(ast.Node, text.Reader, parser.Context) {}
func (fenceParser) CanInterruptParagraph() bool                 { return true }
func (fenceParser) CanAcceptIndentedLine() bool                 { return false }

// inFence reports whether n is inside a ':::' block or a footnote, whose
// paragraphs have no labels.
func inFence(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == kindFence || p.Kind() == east.KindFootnote {
			return true
		}
	}
	return false
}

// labelSplitter takes a paragraph's label off its first line before the
// line is parsed inline, and records it by where the text now starts. The
// first paragraph of a list item is not split: its label is the item's
// marker.
type labelSplitter struct{ st *parseState }

func (s labelSplitter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if node.Parent() == nil || lines.Len() == 0 {
		return
	}
	if item, ok := node.Parent().(*ast.ListItem); ok && item.FirstChild() == ast.Node(node) {
		return
	}
	if inFence(node) {
		return
	}
	src := reader.Source()
	seg := lines.At(0)
	seg = seg.TrimLeftSpace(src)
	lab, rest, ok := matchLabel(src[seg.Start:seg.Stop])
	if !ok {
		return
	}
	at := seg.Start
	col := at - (bytes.LastIndexByte(src[:at], '\n') + 1)
	seg = seg.WithStart(seg.Start + rest)
	seg.Padding = 0
	switch {
	case len(bytes.TrimSpace(seg.Value(src))) > 0:
		lines.Set(0, seg)
	case lines.Len() > 1:
		lines.SetSliced(1, lines.Len()) // a label alone on its line: its text is on the next
		seg = lines.At(0)
	default:
		seg = text.NewSegment(seg.Stop, seg.Stop) // a label alone: Close trims nothing more
		lines.Set(0, seg)
	}
	s.st.labels[seg.Start] = labelAt{lab, col, at}
}

// headingParser is goldmark's ATX heading parser, which then reads the
// heading's label ("Article 7", "I.", "Annex II") off its text.
type headingParser struct {
	parser.BlockParser
	st *parseState
}

func (h *headingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, state := h.BlockParser.Open(parent, reader, pc)
	hd, ok := n.(*ast.Heading)
	if !ok {
		return n, state
	}
	info := header{el: archive.ElSection, empty: true}
	if hd.Lines().Len() > 0 {
		seg := hd.Lines().At(0)
		info, seg = readHeading(reader.Source(), seg)
		hd.Lines().Set(0, seg)
	}
	h.st.heads[hd] = info
	return n, state
}

// kindNoteRef is a footnote marker "[^1]" in the text.
var kindNoteRef = ast.NewNodeKind("NoteRef")

type noteRefNode struct {
	ast.BaseInline
	label string
}

func (n *noteRefNode) Kind() ast.NodeKind { return kindNoteRef }

func (n *noteRefNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type noteRefParser struct{ st *parseState }

func (noteRefParser) Trigger() []byte { return []byte{'['} }

func (p noteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 3 || bytes.ContainsAny(line[2:end], " \t[") || end > 34 {
		return nil
	}
	label := string(line[2:end])
	block.Advance(end + 1)
	p.st.refs = append(p.st.refs, noteRef{label, seg.Start})
	return &noteRefNode{label: label}
}

// noteRefRenderer writes a marker as a link to its note; the first marker
// of a note is what the note links back to.
type noteRefRenderer struct{ st *parseState }

func (r noteRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindNoteRef, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		id := noteID(n.(*noteRefNode).label)
		_, _ = w.WriteString(noteRefOpen + `<a href="#` + id + `"`)
		if !r.st.marked[id] {
			r.st.marked[id] = true
			_, _ = w.WriteString(` id="ref_` + id + `"`)
		}
		_, _ = w.WriteString(`>` + htmlEscape(n.(*noteRefNode).label) + `</a></sup>`)
		return ast.WalkSkipChildren, nil
	})
}

const noteRefOpen = `<sup class="noteref">`

// noteID is the eId of the note labelled label: note_1.
func noteID(label string) string {
	if n := archive.NumOf(label); n != "" {
		return "note_" + n
	}
	return "note_" + label
}

func htmlEscape(s string) string { return string(util.EscapeHTML([]byte(s))) }
