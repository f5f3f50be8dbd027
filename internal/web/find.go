package web

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
)

// Search within a document, in place: /documents/{slug}?q=words shows the
// text with each word's matches marked (<mark id="m1">, m2, …) and a bar
// of links to jump from one to the next, rather than leaving the text for
// a list of results. A word matches at the start of a word of the text,
// in any case ("transport" marks "Transport" and "transports").

// finder marks a query's words in a document's paragraphs, numbering the
// marks in reading order as the page is written.
type finder struct {
	words []string // lower-cased
	n     int      // marks so far
}

func newFinder(q string) *finder {
	f := &finder{}
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(w) >= 2 && len(f.words) < 16 {
			f.words = append(f.words, strings.ToLower(w))
		}
	}
	if len(f.words) == 0 {
		return nil
	}
	return f
}

// mark is p's HTML with the query's words marked.
func (f *finder) mark(p *archive.Paragraph) string {
	text := p.Text
	low := strings.ToLower(text)
	if len(low) != len(text) {
		return p.HTML // a case change that moves bytes: left unmarked rather than marked wrong
	}
	var spans []span
	for _, w := range f.words {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			prev, _ := utf8.DecodeLastRuneInString(low[:at])
			if at == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				spans = append(spans, span{start: at, end: at + len(w), class: "hit"})
			}
			i = at + len(w)
		}
	}
	if len(spans) == 0 {
		return p.HTML
	}
	out := markSpans(p.HTML, text, dropOverlaps(spans))
	var b strings.Builder
	for {
		i := strings.Index(out, `<span class="hit">`)
		if i < 0 {
			break
		}
		f.n++
		b.WriteString(out[:i])
		b.WriteString(`<mark class="hit" id="m` + itoa(f.n) + `">`)
		out = out[i+len(`<span class="hit">`):]
		k := strings.Index(out, "</span>")
		b.WriteString(out[:k] + "</mark>")
		out = out[k+len("</span>"):]
	}
	b.WriteString(out)
	return b.String()
}

// dropOverlaps keeps the first of spans that overlap, in text order.
func dropOverlaps(spans []span) []span {
	var out []span
	for _, s := range spans {
		keep := true
		for _, o := range out {
			if s.start < o.end && o.start < s.end {
				keep = false
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// markedPreamble is a preamble paragraph's HTML for the template: marked
// for a search within the document, or as the view asks.
func markedPreamble(f *finder, p *archive.Paragraph, analysis bool) template.HTML {
	switch {
	case f != nil:
		return template.HTML(f.mark(p))
	case analysis:
		return markedHTML(p)
	}
	return template.HTML(p.HTML)
}

// Found is the bar above a text searched within: each mark's link.
type Found struct {
	Query string
	Marks []Link
}

// markAll marks the paragraphs of ps and their descendants in the order
// the document's page writes them.
func (f *finder) markAll(ps []*archive.Provision) {
	for _, c := range ps {
		for _, p := range c.Paragraphs {
			f.mark(p)
		}
		f.markAll(c.Children)
	}
}
