package content

import (
	"bufio"
	"bytes"
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/accord-archive/accord/internal/archive"
)

// markdown is a goldmark instance with the buffers it renders into, one
// per goroutine: plain CommonMark, no typographer (text stays verbatim),
// raw HTML not rendered (and reported as an error by the walk).
type markdown struct {
	goldmark.Markdown
	buf bytes.Buffer
	w   *bufio.Writer // over buf; without it the renderer makes one per call
}

func newMarkdown() *markdown {
	m := &markdown{Markdown: goldmark.New()}
	m.w = bufio.NewWriter(&m.buf)
	return m
}

// body is a document body parsed into paragraphs, with positions.
type body struct {
	src      []byte // the body bytes
	lineBase int    // file line of src's first byte
	newlines []int  // offsets in src of every '\n', in order
	md       *markdown
	errs     *fileErrors
}

// line converts a byte offset in the body into a file line. It searches
// the newlines found once, not the text before off: a file of many blocks
// would otherwise cost the square of its length.
func (b *body) line(off int) int {
	if b.newlines == nil {
		b.newlines = make([]int, 0, bytes.Count(b.src, []byte("\n")))
		for i, c := range b.src {
			if c == '\n' {
				b.newlines = append(b.newlines, i)
			}
		}
	}
	n, _ := slices.BinarySearch(b.newlines, min(off, len(b.src)))
	return b.lineBase + n
}

// blockLine is the file line where a block node starts, or 0 if unknown.
func (b *body) blockLine(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return b.line(n.Lines().At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l := b.blockLine(c); l > 0 {
			return l
		}
	}
	return 0
}

// walk reads the preamble paragraphs and the numbered clauses into d.
func (b *body) walk(d *archive.Document) {
	root := b.md.Parser().Parse(text.NewReader(b.src))
	lastLine := b.lineBase
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if l := b.blockLine(n); l > 0 {
			lastLine = l
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if len(d.Clauses) > 0 {
				last := d.Clauses[len(d.Clauses)-1]
				b.errs.add(b.blockLine(n), "paragraph after clause %d is not part of it: indent it by %d spaces to continue clause %d; the preamble comes before the first clause",
					last.Number, len(strconv.Itoa(last.Number))+2, last.Number)
				continue
			}
			p := b.paragraph(n)
			p.Doc = d
			p.Index = len(d.Preamble) + 1
			p.Classification = new(archive.Classification) // overrides may fill it
			d.Preamble = append(d.Preamble, p)
		case *ast.List:
			if !n.IsOrdered() {
				b.errs.add(b.blockLine(n), "a bulleted list is not allowed: clauses are numbered '1.', '2.', …")
				continue
			}
			lastLine = b.clauses(n, d, lastLine)
		default:
			b.unsupported(n)
		}
	}
	d.Build()
	if root.FirstChild() == nil {
		b.errs.add(b.lineBase, "empty document: no preamble paragraphs and no clauses after the front matter")
	}
}

// clauses reads one ordered list's items as clauses, checking the printed
// numbers: CommonMark renumbers items from the first, Accord must not.
func (b *body) clauses(list *ast.List, d *archive.Document, lastLine int) int {
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		line := b.blockLine(item)
		if line == 0 {
			line = lastLine + 1 // an empty item has no position of its own
		}
		lastLine = line
		// Check against the previous printed number, so that one wrong
		// number is one error, not one for every clause after it.
		want := 1
		var prev *archive.Clause
		if len(d.Clauses) > 0 {
			prev = d.Clauses[len(d.Clauses)-1]
			want = prev.Number + 1
		}
		num, ok := b.printedNumber(item)
		switch {
		case !ok:
			b.errs.add(line, "cannot read the clause number here")
			num = want
		case prev != nil && num <= prev.Number:
			b.errs.add(line, "clause number %d repeats or goes back: clause %d is on line %d, so this one should be %d", num, prev.Number, prev.Line, want)
		case num != want:
			if prev == nil {
				b.errs.add(line, "the first clause is numbered %d: clauses are numbered from 1", num)
			} else {
				b.errs.add(line, "clause number skips from %d to %d: clause %d is missing", prev.Number, num, want)
			}
		}
		c := &archive.Clause{Doc: d, Element: archive.ElParagraph, Label: b.printedLabel(item), Num: strconv.Itoa(num), Number: num, Line: line}
		for n := item.FirstChild(); n != nil; n = n.NextSibling() {
			switch n.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				p := b.paragraph(n)
				p.Doc, p.Clause = d, c
				p.Index = len(c.Paragraphs) + 1
				c.Paragraphs = append(c.Paragraphs, p)
			default:
				b.unsupported(n)
			}
		}
		if len(c.Paragraphs) == 0 {
			b.errs.add(line, "clause %d has no text", num)
		}
		d.Clauses = append(d.Clauses, c)
		d.Body = append(d.Body, c)
	}
	return lastLine
}

// printedNumber reads an item's number from the source bytes of its line:
// the digits before the "." or ")" that the list marker ends with.
func (b *body) printedNumber(item ast.Node) (int, bool) {
	marker := strings.TrimRight(b.printedLabel(item), ".)")
	n, err := strconv.Atoi(marker)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// printedLabel is an item's list marker as printed: "3.", "3)".
func (b *body) printedLabel(item ast.Node) string {
	first := item.FirstChild()
	if first == nil || first.Lines().Len() == 0 {
		return ""
	}
	start := first.Lines().At(0).Start
	lineStart := bytes.LastIndexByte(b.src[:start], '\n') + 1
	return strings.TrimSpace(string(b.src[lineStart:start]))
}

func (b *body) unsupported(n ast.Node) {
	what := map[ast.NodeKind]string{
		ast.KindHeading:         "a heading",
		ast.KindThematicBreak:   "a horizontal rule",
		ast.KindCodeBlock:       "an indented code block (check the indentation of continuation paragraphs)",
		ast.KindFencedCodeBlock: "a code block",
		ast.KindBlockquote:      "a block quotation",
		ast.KindHTMLBlock:       "raw HTML",
		ast.KindList:            "a nested list",
	}[n.Kind()]
	if what == "" {
		what = "a " + strings.ToLower(n.Kind().String())
	}
	b.errs.add(b.blockLine(n), "%s is not allowed here: a document is preamble paragraphs, then numbered clauses", what)
}

// stripTags drops every "<…>" from s: what a pattern <[^>]*> would match,
// without the cost of a regular expression on every paragraph.
func stripTags(s string) string {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	for i >= 0 {
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		out.WriteString(s[:i])
		s = s[i+end+1:]
		i = strings.IndexByte(s, '<')
	}
	out.WriteString(s)
	return out.String()
}

// paragraph renders a paragraph's inline content and derives its verbatim
// text from that same rendering, so that the text and the HTML never disagree.
func (b *body) paragraph(n ast.Node) *archive.Paragraph {
	line := b.blockLine(n)
	buf := &b.md.buf
	buf.Reset()
	b.md.w.Reset(buf) // drops what a failed render left buffered
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindRawHTML:
			b.errs.add(b.line(c.(*ast.RawHTML).Segments.At(0).Start), "raw HTML is not allowed: write the text itself, or escape '<' as '\\<'")
			continue
		case ast.KindImage:
			b.errs.add(line, "images are not allowed in a document's text")
			continue
		}
		if err := b.md.Renderer().Render(b.md.w, b.src, c); err != nil {
			b.errs.add(line, "cannot render this paragraph: %v", err)
		}
	}
	htm := strings.TrimSpace(buf.String())
	txt := html.UnescapeString(stripTags(htm))
	txt = strings.ReplaceAll(txt, "\n", " ") // a soft line break reads as a space
	if n := utf8.RuneCountInString(txt); n > MaxParagraph {
		b.errs.add(line, "paragraph of %s characters is longer than the limit of %s: check that a blank line separates paragraphs", thousands(n), thousands(MaxParagraph))
	}
	if txt == htm {
		htm = txt // most paragraphs have no markup: keep one copy
	}
	return &archive.Paragraph{Text: txt, HTML: htm, Line: line}
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
