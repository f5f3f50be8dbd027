package formats

import (
	"html"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// The JSON of a document's tree (docs/FORMAT.md): data.json's body,
// attachments, conclusions, notes and remarks, and the API's provision.
type (
	// ProvisionJSON is one provision of a document's tree, with its
	// children.
	ProvisionJSON struct {
		Element    string          `json:"element"` // paragraph, article, item, … (archive.Element)
		EID        string          `json:"eid"`
		Label      string          `json:"label"`            // as printed: "3.", "(a)", "Article 51", "ANNEX I", "•"; "" when none
		Num        string          `json:"num"`              // as the eId and a citation write it: "3", "a", "51", "I"; "" when none
		Number     int             `json:"number,omitempty"` // n of a numbered clause, /clauses/{n}
		Heading    *string         `json:"heading,omitempty"`
		Text       string          `json:"text"` // its own text, paragraphs joined by a blank line; its children's is theirs
		HTML       string          `json:"html"` // its own paragraphs, each in a <p id=eId> (a table in a <div id=eId>)
		Paragraphs []ParagraphJSON `json:"paragraphs"`
		Cite       string          `json:"cite"`     // "Art. 51(1)", "para. 3(a)", "Annex I, para. 2"
		Citation   string          `json:"citation"` // the document's citation with the provision's
		Path       []string        `json:"path"`     // the eIds of the provisions holding it, outermost first
		URL        string          `json:"url"`      // its own page
		ContextURL string          `json:"context_url"`
		APIURL     string          `json:"api_url"`
		Children   []ProvisionJSON `json:"children,omitempty"`

		Classification *ClassificationJSON `json:"classification,omitempty"`
	}

	// ProvisionRefJSON names a provision: an ancestor, the one before or
	// after.
	ProvisionRefJSON struct {
		Element string  `json:"element"`
		EID     string  `json:"eid"`
		Label   string  `json:"label"`
		Heading *string `json:"heading,omitempty"`
		Cite    string  `json:"cite"`
		URL     string  `json:"url"`
		APIURL  string  `json:"api_url"`
	}

	// ProvisionPageJSON is one provision as the API serves it: the
	// provision with its children and classification, the provisions
	// holding it, and those before and after it in reading order.
	ProvisionPageJSON struct {
		Document  string             `json:"document"` // slug
		Lang      string             `json:"lang"`     // the language of its text, its document's
		Provision ProvisionJSON      `json:"provision"`
		Ancestors []ProvisionRefJSON `json:"ancestors"`
		Prev      *ProvisionRefJSON  `json:"prev"`
		Next      *ProvisionRefJSON  `json:"next"`
	}
)

// provisionAPIPath is a provision's address in the API.
func provisionAPIPath(c *archive.Provision) string {
	return "/api/v1" + c.Doc.Path() + "/provisions/" + c.EID()
}

// Provision represents a provision and its children; classified adds each
// one's classification.
func (s Site) Provision(c *archive.Provision, classified bool) ProvisionJSON {
	out := ProvisionJSON{
		Element:    string(c.Element),
		EID:        c.EID(),
		Label:      c.Label,
		Num:        c.Num,
		Number:     c.Number,
		Text:       c.Text(),
		Paragraphs: []ParagraphJSON{},
		Cite:       c.Cite(),
		Citation:   Citation{Doc: c.Doc, Clause: c}.Text(),
		Path:       []string{},
		URL:        s.URL(c.Path()),
		ContextURL: s.URL(c.ContextPath()),
		APIURL:     s.URL(provisionAPIPath(c)),
	}
	if c.Heading != nil {
		h := c.Heading.Text
		out.Heading = &h
	}
	var h strings.Builder
	for i, p := range c.Paragraphs {
		if i > 0 {
			h.WriteByte('\n')
		}
		if c.Element == archive.ElTable { // a block of its own, which no <p> may hold
			h.WriteString(`<div id="` + html.EscapeString(p.EID()) + `">` + p.HTML + "</div>")
		} else {
			h.WriteString(`<p id="` + html.EscapeString(p.EID()) + `">` + p.HTML + "</p>")
		}
		out.Paragraphs = append(out.Paragraphs, s.paragraph(p))
	}
	out.HTML = h.String()
	for _, a := range c.Ancestors() {
		out.Path = append(out.Path, a.EID())
	}
	if classified && len(c.Paragraphs) > 0 {
		out.Classification = s.Classification(&c.Classification)
	}
	for _, ch := range c.Children {
		out.Children = append(out.Children, s.Provision(ch, classified))
	}
	return out
}

// ProvisionRef names a provision, or is nil for nil.
func (s Site) ProvisionRef(c *archive.Provision) *ProvisionRefJSON {
	if c == nil {
		return nil
	}
	ref := &ProvisionRefJSON{
		Element: string(c.Element), EID: c.EID(), Label: c.Label, Cite: c.Cite(),
		URL: s.URL(c.Path()), APIURL: s.URL(provisionAPIPath(c)),
	}
	if c.Heading != nil {
		h := c.Heading.Text
		ref.Heading = &h
	}
	return ref
}

// ProvisionPage represents one provision with where it stands: the
// provisions holding it, and the provisions before and after it in the
// document's reading order (Document.Walk).
func (s Site) ProvisionPage(c *archive.Provision) ProvisionPageJSON {
	out := ProvisionPageJSON{Document: c.Doc.Slug, Lang: c.Doc.Language, Provision: s.Provision(c, true), Ancestors: []ProvisionRefJSON{}}
	for _, a := range c.Ancestors() {
		out.Ancestors = append(out.Ancestors, *s.ProvisionRef(a))
	}
	var prev, next *archive.Provision
	found := false
	c.Doc.Walk(func(p *archive.Provision) bool {
		switch {
		case p == c:
			found = true
		case !found:
			prev = p
		case next == nil:
			next = p
		}
		return next == nil
	})
	out.Prev, out.Next = s.ProvisionRef(prev), s.ProvisionRef(next)
	return out
}

// provisions represents a part of a document's tree.
func (s Site) provisions(list []*archive.Provision) []ProvisionJSON {
	out := make([]ProvisionJSON, 0, len(list))
	for _, c := range list {
		out = append(out, s.Provision(c, false))
	}
	return out
}
