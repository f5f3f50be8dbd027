package web

import (
	"cmp"

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

	Lang, Dir string      // the page's language and direction when not English (versions.go)
	Languages []Alternate // the page in the work's other language versions: Type is the language tag
	Filters   bool        // the page has filters (#filters): a skip link leads to them
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

// citationFormats are the citation downloads of a document or provision:
// file name, media type and label.
var citationFormats = []struct{ name, mediaType, label string }{
	{"cite.bib", "application/x-bibtex", "BibTeX"},
	{"cite.ris", "application/x-research-info-systems", "RIS"},
	{"cite.csl.json", "application/vnd.citationstyles.csl+json", "CSL-JSON"},
}

// citationFiles are the citation downloads of the document or provision
// at path p.
func citationFiles(p string) []Alternate {
	out := make([]Alternate, len(citationFormats))
	for i, f := range citationFormats {
		out[i] = Alternate{f.mediaType, p + "/" + f.name, f.label, f.label}
	}
	return out
}

// isCitationFile reports whether name is a citation download's.
func isCitationFile(name string) bool {
	for _, f := range citationFormats {
		if f.name == name {
			return true
		}
	}
	return false
}

// documentLD is schema.org data for a document, or for its provision c.
//
// A binding instrument (a treaty, an agreement) is Legislation, the type
// schema.org gives to legal texts; every other text (a joint statement, a
// communiqué, a memorandum, a resolution, most of which bind no one) is a
// CreativeWork, with its kind as genre: calling a political statement
// legislation would claim a force it does not have. Its parties are its
// creators, as organisations (a state as the government that speaks for
// it, not as a Country: a Country is a place, and cannot author), never
// the jurisdictions it applies in; the place of signature is where it was
// made (locationCreated), not what it is about (contentLocation). Accord
// did not publish the text: it is named as the publisher of this
// structured data (sdPublisher) under the archive's licence (sdLicense),
// and the text's reuse is what the about page says.
func (s *Server) documentLD(d *archive.Document, c *archive.Clause) map[string]any {
	ld := map[string]any{
		"@context":      "https://schema.org",
		"@type":         ldType(d.Kind),
		"name":          d.Title,
		"genre":         d.Kind.Name(),
		"datePublished": d.Date.Format("2006-01-02"),
		"inLanguage":    d.Language,
		"url":           s.site.URL(d.Path()),
		"identifier":    s.site.URL(formats.WorkURI(d)),
		"sdPublisher":   map[string]any{"@type": "Organization", "name": SiteName, "url": s.site.URL("/")},
		"usageInfo":     s.site.URL("/about#licence"),
	}
	if ld["@type"] == "Legislation" {
		ld["legislationType"] = d.Kind.Name()
	}
	var creators []map[string]any
	for _, p := range formats.Authors(d) {
		creators = append(creators, creatorLD(p))
	}
	if len(creators) > 0 {
		ld["creator"] = creators
	}
	if l := s.cfg.Licence; l.Declared() {
		ld["sdLicense"] = cmp.Or(l.URL, l.Name)
	}
	if d.Place != "" {
		ld["locationCreated"] = map[string]any{"@type": "Place", "name": d.Place}
	}
	if d.Source != "" {
		ld["isBasedOn"] = d.Source
	}
	if c != nil {
		return map[string]any{
			"@context":      "https://schema.org",
			"@type":         ld["@type"],
			"name":          d.Title + ", " + pinOf(c),
			"genre":         d.Kind.Name(),
			"url":           s.site.URL(c.Path()),
			"text":          c.Text(),
			"isPartOf":      ld,
			"inLanguage":    d.Language,
			"datePublished": d.Date.Format("2006-01-02"),
			"sdPublisher":   ld["sdPublisher"],
		}
	}
	return ld
}

// ldType is the schema.org type of a document of kind k: Legislation for
// the binding instruments, CreativeWork for the rest.
func ldType(k archive.Kind) string {
	switch k {
	case archive.Treaty, archive.Agreement:
		return "Legislation"
	}
	return "CreativeWork"
}

// creatorLD is a party as the creator of a text: a state's government
// (GovernmentOrganization), or an organisation, organ or group.
func creatorLD(p archive.Party) map[string]any {
	t := "Organization"
	if p.Kind == archive.State || p.Kind == "" {
		t = "GovernmentOrganization"
	}
	return map[string]any{"@type": t, "name": p.Name, "identifier": p.Code}
}
