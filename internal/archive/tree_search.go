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
