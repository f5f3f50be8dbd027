package web

import (
	"html/template"
	"strings"
)

// HTML writes the labels under a clause or paragraph: its commitments as
// tags, then AboutLine. Like facetList, it writes what the template it
// replaces wrote, byte for byte (a test holds the two together): a results
// page or a document page has one of these per paragraph, and escaping
// through html/template was most of their cost.
func (l Labels) HTML() template.HTML {
	if l.Empty() {
		return "\n\n"
	}
	var b strings.Builder
	b.WriteString("\n<div class=\"labels\">\n")
	if len(l.Commitments) > 0 {
		b.WriteString(`<p class="commitments"><span class="visually-hidden">Commitments: </span>`)
		for _, c := range l.Commitments {
			b.WriteString(`<a class="tag tag-`)
			htmlEscaper.WriteString(&b, c.Type.Code)
			b.WriteString(`" href="`)
			writeURLAttr(&b, c.URL)
			b.WriteString(`" title="`)
			htmlEscaper.WriteString(&b, c.Type.Summary)
			b.WriteString(`">`)
			htmlEscaper.WriteString(&b, c.Type.Name)
			if c.Actor != "" {
				b.WriteString(" · ")
				htmlEscaper.WriteString(&b, c.Actor)
			}
			b.WriteString("</a> ")
		}
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	l.writeAboutLine(&b)
	b.WriteString("\n</div>\n")
	return template.HTML(b.String())
}

// AboutLine writes the topics and names a clause or paragraph is about.
func (l Labels) AboutLine() template.HTML {
	var b strings.Builder
	l.writeAboutLine(&b)
	return template.HTML(b.String())
}

func (l Labels) writeAboutLine(b *strings.Builder) {
	b.WriteByte('\n')
	if len(l.Topics) > 0 || len(l.Entities) > 0 {
		b.WriteString(`<p class="about-line">`)
		links := func(what string, ls []Link) {
			if len(ls) == 0 {
				return
			}
			b.WriteString(`<span class="what">`)
			b.WriteString(what)
			b.WriteString(`</span> `)
			for i, link := range ls {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(`<a href="`)
				writeURLAttr(b, link.URL)
				b.WriteString(`">`)
				htmlEscaper.WriteString(b, link.Label)
				b.WriteString("</a>")
			}
		}
		links("Topics", l.Topics)
		if len(l.Topics) > 0 && len(l.Entities) > 0 {
			b.WriteString(`<span aria-hidden="true"> · </span>`)
		}
		links("Names", l.Entities)
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
}
