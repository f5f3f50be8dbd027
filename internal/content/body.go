package content

import (
	"bytes"
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/accord-archive/accord/internal/archive"
)

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
	if n.Type() == ast.TypeBlock && n.Pos() >= 0 { // an empty heading or list item
		return b.line(n.Pos())
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l := b.blockLine(c); l > 0 {
			return l
		}
	}
	return 0
}

// stripTags drops every "<…>" from s: what a pattern <[^>]*> would match,
// without the cost of a regular expression on every paragraph. A note's
// marker, <sup class="noteref">…</sup>, goes whole: it is a link, not
// words of the text (raw HTML is refused, so every <sup> is one).
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
		if strings.HasPrefix(s[i:], noteRefOpen) {
			if e := strings.Index(s[i:], "</sup>"); e >= 0 {
				end = e + len("</sup>") - 1
			}
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
		ast.KindThematicBreak:   "a horizontal rule",
		ast.KindFencedCodeBlock: "a code block",
		ast.KindBlockquote:      "a block quotation",
		ast.KindHTMLBlock:       "raw HTML",
	}[n.Kind()]
	if what == "" {
		what = "a " + strings.ToLower(n.Kind().String())
	}
	b.errs.add(b.blockLine(n), "%s is not allowed here: a document is paragraphs, labelled or not, under headings (see the content format)", what)
}

// table renders a pipe table: its HTML is the table, its text the text of
// its cells.
func (b *body) table(n ast.Node) *archive.Paragraph {
	line := b.blockLine(n)
	buf := &b.md.buf
	buf.Reset()
	b.md.w.Reset(buf)
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == ast.KindRawHTML {
			b.errs.add(line, "raw HTML is not allowed: write the text itself, or escape '<' as '\\<'")
		}
		return ast.WalkContinue, nil
	})
	if err := b.md.Renderer().Render(b.md.w, b.src, n); err != nil {
		b.errs.add(line, "cannot render this table: %v", err)
	}
	htm := strings.TrimSpace(buf.String())
	txt := strings.Join(strings.Fields(html.UnescapeString(stripTags(strings.NewReplacer("</th>", " </th>", "</td>", " </td>").Replace(htm)))), " ")
	return &archive.Paragraph{Text: txt, HTML: htm, Line: line}
}
