package web

import (
	"net/url"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// Meta is one <meta name content> of a page's head.
type Meta struct{ Name, Content string }

// citationMeta is what reference managers (Zotero's and Mendeley's page
// readers, Google Scholar) read from a document or provision page: the
// Highwire Press citation_* tags and Dublin Core, and the same record as a
// COinS context object for readers of the span.
//
// No citation_author or DC.creator: those readers take an author for a
// person and split "Republic of Estonia" into given and family names, and
// a statement of states is cited title first. The parties stay in the
// schema.org data, which names them as organisations.
func (s *Server) citationMeta(d *archive.Document, c *archive.Provision) ([]Meta, string) {
	title, page := d.Title, s.site.URL(d.Path())
	if c != nil {
		title, page = d.Title+", "+pinOf(c), s.site.URL(c.Path())
	}
	var out []Meta
	add := func(name, content string) {
		if content != "" {
			out = append(out, Meta{name, content})
		}
	}
	// Zotero takes a page with citation_title for a journal article unless
	// told its item type; a statement or treaty is a "document" there.
	add("z:itemType", "document")
	add("citation_title", title)
	add("citation_publication_date", d.Date.Format("2006/01/02"))
	add("citation_date", d.Date.Format("2006/01/02"))
	add("citation_language", d.Language)
	add("citation_publisher", SiteName)
	add("citation_public_url", page)
	add("citation_abstract_html_url", page)
	add("DC.title", title)
	add("DC.date", d.Date.Format("2006-01-02"))
	add("DC.type", d.Kind.Name())
	add("DC.language", d.Language)
	add("DC.publisher", SiteName)
	add("DC.identifier", page)
	add("DC.source", d.Source)
	if c != nil {
		add("DC.relation.ispartof", s.site.URL(d.Path()))
	}
	add("DC.coverage", d.Place)

	// COinS: an OpenURL context object in the Dublin Core format.
	q := url.Values{}
	q.Set("ctx_ver", "Z39.88-2004")
	q.Set("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc")
	q.Set("rft.title", title)
	q.Set("rft.date", d.Date.Format("2006-01-02"))
	q.Set("rft.type", d.Kind.Name())
	q.Set("rft.language", d.Language)
	q.Set("rft.publisher", SiteName)
	q.Set("rft.identifier", page)
	if d.Place != "" {
		q.Set("rft.coverage", d.Place)
	}
	if d.Source != "" {
		q.Set("rft.source", d.Source)
	}
	if c != nil {
		q.Set("rft.relation", s.site.URL(d.Path()))
	}
	// %20 for a space: some COinS readers take "+" literally (a literal
	// "+" is %2B either way).
	return out, strings.ReplaceAll(q.Encode(), "+", "%20")
}
