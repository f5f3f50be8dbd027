package archive

import "strconv"

// The permanent addresses the README lists under "Addresses". Once
// released, none may change.

// Path is the document's page: /documents/{slug}.
func (d *Document) Path() string { return "/documents/" + d.Slug }

// Path is the provision's own page: /documents/{slug}/clauses/{n} for a
// numbered clause (Number), /documents/{slug}/provisions/{eId} for any
// other.
func (c *Provision) Path() string {
	if c.Number > 0 {
		return c.Doc.Path() + "/clauses/" + strconv.Itoa(c.Number)
	}
	return c.Doc.Path() + "/provisions/" + c.EID()
}

// ContextPath is the paragraph in its document: /documents/{slug}#{eId}.
func (p *Paragraph) ContextPath() string { return p.Doc.Path() + "#" + p.EID() }

// ContextPath is the provision in its document: /documents/{slug}#{eId}.
func (c *Provision) ContextPath() string { return c.Doc.Path() + "#" + c.EID() }
