package archive

import "strconv"

// The permanent addresses the README lists under "Addresses". Once
// released, none may change.

// Path is the document's page: /documents/{slug}.
func (d *Document) Path() string { return "/documents/" + d.Slug }

// Path is the clause's own page: /documents/{slug}/clauses/{n}.
func (c *Clause) Path() string { return c.Doc.Path() + "/clauses/" + strconv.Itoa(c.Number) }

// ContextPath is the paragraph in its document: /documents/{slug}#{eId}.
func (p *Paragraph) ContextPath() string { return p.Doc.Path() + "#" + p.EID() }

// ContextPath is the clause in its document: /documents/{slug}#para_{n}.
func (c *Clause) ContextPath() string { return c.Doc.Path() + "#" + c.EID() }
