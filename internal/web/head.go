package web

import (
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// Head is what every page says about itself in its <head>: the title and
// description that search engines and link previews show, its canonical
// address, its other formats.
type Head struct {
	Title       string // the whole <title>
	Description string
	Canonical   string // absolute
	OGType      string // "website" or "article"
	OGTitle     string // defaults to Title
	JSONLD      any    // schema.org data, if any
	Alternates  []Alternate
	NoIndex     bool   // search results and errors
	SearchText  string // the text kept in the header's search box
	Main        string // the class of <main>, for page-specific layout
	Meta        []Meta // citation_* and DC.* for reference managers (citemeta.go)
	COinS       string // the page's COinS context object, if it cites a work
	Filters     bool   // the page has filters (#filters): a skip link leads to them
}

// Alternate is another format of the page, for <link rel="alternate">
// and the page's download links.
type Alternate struct {
	Type, Href, Title, Label string
}

func (s *Server) title(parts ...string) string {
	out := ""
	for _, p := range parts {
		out += p + " — "
	}
	return out + SiteName
}

// documentAlternates are the formats every document is published in.
func documentAlternates(d *archive.Document) []Alternate {
	p := d.Path()
	return []Alternate{
		{"application/json", p + "/data.json", "JSON", "JSON"},
		{"application/akn+xml", p + "/data.akn", "Akoma Ntoso XML", "Akoma Ntoso"},
		{"text/plain", p + "/data.txt", "Plain text", "Text"},
		{"text/markdown", p + "/data.md", "Markdown source", "Markdown"},
	}
}

// citationFiles are the citation downloads of a document or clause path.
// citationFileNames are the citation downloads of a document or provision.
var citationFileNames = []string{"cite.bib", "cite.ris", "cite.csl.json"}

func citationFiles(p string) []Alternate {
	return []Alternate{
		{"application/x-bibtex", p + "/cite.bib", "BibTeX", "BibTeX"},
		{"application/x-research-info-systems", p + "/cite.ris", "RIS", "RIS"},
		{"application/vnd.citationstyles.csl+json", p + "/cite.csl.json", "CSL-JSON", "CSL-JSON"},
	}
}

// documentLD is schema.org data for a document: a Legislation-like
// record of who issued it, where and when.
func (s *Server) documentLD(d *archive.Document, c *archive.Clause) map[string]any {
	parties := make([]map[string]any, len(d.Parties))
	for i, p := range d.Parties {
		parties[i] = partyLD(p)
	}
	ld := map[string]any{
		"@context":                "https://schema.org",
		"@type":                   "Legislation",
		"name":                    d.Title,
		"legislationType":         d.Kind.Name(),
		"datePublished":           d.Date.Format("2006-01-02"),
		"inLanguage":              d.Language,
		"url":                     s.site.URL(d.Path()),
		"identifier":              formats.WorkURI(d),
		"legislationJurisdiction": parties,
		"publisher":               map[string]any{"@type": "Organization", "name": SiteName},
	}
	if d.Issuer.Code != "" {
		ld["legislationPassedBy"] = partyLD(d.Issuer)
	}
	if d.Place != "" {
		ld["spatialCoverage"] = map[string]any{"@type": "Place", "name": d.Place}
	}
	if d.Source != "" {
		ld["isBasedOn"] = d.Source
	}
	if c != nil {
		return map[string]any{
			"@context":      "https://schema.org",
			"@type":         "Legislation",
			"name":          d.Title + ", " + pinOf(c),
			"url":           s.site.URL(c.Path()),
			"text":          c.Text(),
			"isPartOf":      ld,
			"inLanguage":    d.Language,
			"datePublished": d.Date.Format("2006-01-02"),
		}
	}
	return ld
}
