package formats

import (
	"bytes"
	"strconv"

	"github.com/accord-archive/accord/internal/archive"
)

// DateLine is how the verbatim text gives a document's date, as the sources
// print it: "November 17, 2025".
const DateLine = "January 2, 2006"

// Text is the document's verbatim text in the shape of its source: the
// date line, then one paragraph per line in reading order — the
// preamble, the body, the conclusions, the attachments — each labelled
// provision's first paragraph starting with its label as printed, a
// heading's label and heading on lines of their own, and the footnotes
// after the text as the content format writes them ("[^1]: …").
// Publishers' remarks are no text of the document and are left out. For
// a statement of numbered clauses this is the shape `accord import`
// reads, so the text round-trips.
func Text(d *archive.Document) []byte {
	var b bytes.Buffer
	b.WriteString(d.Date.Format(DateLine))
	line := func(s string) {
		b.WriteByte('\n')
		b.WriteString(s)
	}
	for _, p := range d.Preamble {
		line(p.Text)
	}
	notes := noteMap(d)
	// A paragraph's text with its footnote markers, as the content file
	// has them; a table as a pipe table.
	text := func(c *archive.Provision, p *archive.Paragraph) string {
		if c.Element == archive.ElTable {
			if rows := tableRows(p); rows != nil {
				return pipeTable(rows)
			}
		}
		t, last := "", 0
		for _, a := range notesIn(p, notes) {
			t += p.Text[last:a.pos] + "[^" + marker(a.note) + "]"
			last = a.pos
		}
		return t + p.Text[last:]
	}
	var walk func([]*archive.Provision)
	walk = func(list []*archive.Provision) {
		for _, c := range list {
			if c.Element.Container() {
				switch {
				case c.Label != "" && c.Heading != nil && c.HeadingSep != "":
					line(c.Label + c.HeadingSep + c.Heading.Text) // "Article 7 – Definitions", as printed
				case c.Heading != nil:
					if c.Label != "" {
						line(c.Label)
					}
					line(c.Heading.Text)
				case c.Label != "":
					line(c.Label)
				}
			} else if c.Label != "" && len(c.Paragraphs) == 0 {
				line(c.Label)
			}
			for _, p := range c.Paragraphs {
				if p.Index == 1 && c.Label != "" && !c.Element.Container() {
					line(c.Label + " " + text(c, p))
				} else {
					line(text(c, p))
				}
			}
			walk(c.Children)
		}
	}
	walk(d.Body)
	walk(d.Conclusions)
	walk(d.Attachments)
	for _, n := range d.Notes {
		for _, p := range n.Paragraphs {
			if p.Index == 1 {
				line("[^" + marker(n) + "]: " + p.Text)
			} else {
				line(p.Text)
			}
		}
	}
	return b.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }
