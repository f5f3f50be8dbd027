package archive

import "strconv"

// What the pages need of a search hit to link it and name it. A hit is the
// smallest provision that holds the words — a sub-paragraph, a bullet, a
// signature — or a preamble paragraph.

// Path is the hit's own page: the provision's (Provision.Path), or a
// preamble paragraph in its document, which has no page of its own.
func (h Hit) Path() string {
	if h.Clause != nil {
		return h.Clause.Path()
	}
	return h.Paragraph.ContextPath()
}

// ContextPath is the hit in its document: /documents/{slug}#{eId}.
func (h Hit) ContextPath() string { return h.Doc.Path() + "#" + h.EID }

// Cite names the hit as a citation does: the provision's Cite ("Art.
// 2(1)(a)", "Annex I, para. 2"), or "Preamble, para. 2".
func (h Hit) Cite() string {
	if h.Clause != nil {
		return h.Clause.Cite()
	}
	return "Preamble, para. " + strconv.Itoa(h.Paragraph.Index)
}

// Searched lists the provisions of d that search looks in, in reading
// order: every body and attachment provision with text of its own
// (Clauses: numbered paragraphs, sub-paragraphs, points, bullets, plain
// paragraphs, annexes' paragraphs), then the conclusions' formulas,
// datelines and signatures, then the footnotes, so that a hit is the
// smallest provision holding the words. The conclusions and notes are
// text of the document a reader may look for — a signatory's name, a
// footnote's reference — though never classified; a publisher's remark is
// not the document's text and is not searched. With the preamble's
// paragraphs, they are a search's units.
func (d *Document) Searched() []*Provision {
	out := make([]*Provision, 0, len(d.Clauses)+len(d.Conclusions)+len(d.Notes))
	out = append(out, d.Clauses...)
	var walk func([]*Provision)
	walk = func(list []*Provision) {
		for _, c := range list {
			if len(c.Paragraphs) > 0 {
				out = append(out, c)
			}
			walk(c.Children)
		}
	}
	walk(d.Conclusions)
	walk(d.Notes)
	return out
}
