package formats

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// AtomFeed is an Atom feed (RFC 4287) as the archive writes one: the
// site's feed of documents, and a search's feed of paragraphs.
type AtomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Links   []AtomLink  `xml:"link"`
	Updated string      `xml:"updated"`
	Rights  string      `xml:"rights,omitempty"`
	Author  string      `xml:"author>name"`
	Entries []AtomEntry `xml:"entry"`
}

// AtomEntry is one entry of an AtomFeed; Lang is its xml:lang, set for a
// text not in the feed's English (EntryLang).
type AtomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Links     []AtomLink   `xml:"link"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published,omitempty"`
	Authors   []AtomPerson `xml:"author"`
	Summary   AtomText     `xml:"summary"`
	Lang      string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
}

// AtomLink is an Atom link.
type AtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// AtomText is an Atom text construct.
type AtomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// AtomPerson is an Atom person construct.
type AtomPerson struct {
	Name string `xml:"name"`
}

// Atom writes the feed of documents, newest first (docs as the archive
// orders them). updated is the feed's date: the newest document's.
func (s Site) Atom(docs []*archive.Document) ([]byte, error) {
	f := AtomFeed{
		Title:  s.Name + ": diplomatic texts",
		ID:     s.URL("/"),
		Links:  []AtomLink{{Href: s.URL("/feed.atom"), Rel: "self", Type: "application/atom+xml"}, {Href: s.URL("/"), Rel: "alternate", Type: "text/html"}},
		Author: s.Name,
		Rights: Rights(s.Licence),
	}
	f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	if len(docs) > 0 {
		f.Updated = docs[0].Date.UTC().Format(time.RFC3339)
	}
	for _, d := range docs {
		e := AtomEntry{
			Title:     d.Title,
			ID:        s.URL(d.Path()),
			Updated:   d.Date.UTC().Format(time.RFC3339),
			Published: d.Date.UTC().Format(time.RFC3339),
			// One alternate, the page, which readers open; the data
			// files are related: a reader taking the first alternate, or
			// the last, would otherwise open XML.
			Links: []AtomLink{
				{Href: s.URL(d.Path()), Rel: "alternate", Type: "text/html"},
				{Href: s.URL(d.Path() + "/data.akn"), Rel: "related", Type: "application/akn+xml"},
				{Href: s.URL(d.Path() + "/data.json"), Rel: "related", Type: "application/json"},
				{Href: s.URL(d.Path() + "/data.txt"), Rel: "related", Type: "text/plain"},
				{Href: s.URL(d.Path() + "/data.md"), Rel: "related", Type: "text/markdown"},
			},
			Summary: AtomText{Type: "text", Body: summary(d)},
			Lang:    EntryLang(d),
		}
		for _, p := range Authors(d) {
			e.Authors = append(e.Authors, AtomPerson{p.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

// summary is a document's one-paragraph description: kind, place, date,
// size, and the opening of its first paragraph.
func summary(d *archive.Document) string {
	var b strings.Builder
	b.WriteString(Citation{Doc: d}.Text())
	b.WriteString(". ")
	b.WriteString(d.Kind.Name())
	b.WriteString(" of ")
	b.WriteString(plural(len(d.Clauses), "clause"))
	b.WriteString(".")
	if ps := d.Paragraphs(); len(ps) > 0 {
		b.WriteString(" ")
		b.WriteString(Opening(ps[0].Text, 200))
	}
	return b.String()
}

// Opening is the start of a text, cut at a word boundary near n bytes and
// marked with an ellipsis when cut.
func Opening(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8Start(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:") + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

// Sitemap lists every document and clause page, with the document's date as
// the date its text last changed: texts are verbatim and do not change;
// then the site's other pages, paths, as of the newest document.
func (s Site) Sitemap(docs []*archive.Document, paths ...string) ([]byte, error) {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Alt     []alternate
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"` // for the alternates, when there are any
		URLs    []u      `xml:"url"`
	}
	set := urlset{URLs: []u{{Loc: s.URL("/"), LastMod: newest(docs)}, {Loc: s.URL("/documents"), LastMod: newest(docs)}}}
	for _, p := range paths {
		set.URLs = append(set.URLs, u{Loc: s.URL(p), LastMod: newest(docs)})
	}
	versions := versionPaths()
	for _, d := range docs {
		mod := d.Date.Format(time.DateOnly)
		set.URLs = append(set.URLs, u{Loc: s.URL(d.Path()), LastMod: mod, Alt: s.alternates(d, "", versions)})
		for _, c := range d.Clauses {
			set.URLs = append(set.URLs, u{Loc: s.URL(c.Path()), LastMod: mod, Alt: s.alternates(d, c.EID(), versions)})
		}
		if len(d.Versions()) > 1 {
			set.XHTML = xhtmlNS
		}
	}
	return marshalXML(set)
}

func newest(docs []*archive.Document) string {
	if len(docs) == 0 {
		return time.Unix(0, 0).UTC().Format(time.DateOnly)
	}
	return docs[0].Date.Format(time.DateOnly)
}

// OpenSearch is the OpenSearch description that lets browsers offer the
// site's search.
func (s Site) OpenSearch() ([]byte, error) {
	type url struct {
		Type     string `xml:"type,attr"`
		Method   string `xml:"method,attr,omitempty"`
		Rel      string `xml:"rel,attr,omitempty"`
		Template string `xml:"template,attr"`
	}
	type desc struct {
		XMLName        xml.Name `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
		ShortName      string   `xml:"ShortName"`
		Description    string   `xml:"Description"`
		InputEncoding  string   `xml:"InputEncoding"`
		OutputEncoding string   `xml:"OutputEncoding"`
		URLs           []url    `xml:"Url"`
	}
	return marshalXML(desc{
		ShortName:      s.Name,
		Description:    "Search the clauses of diplomatic texts in " + s.Name,
		InputEncoding:  "UTF-8",
		OutputEncoding: "UTF-8",
		URLs: []url{
			{Type: "text/html", Method: "get", Template: s.URL("/search?q={searchTerms}")},
			{Type: "application/opensearchdescription+xml", Rel: "self", Template: s.URL("/opensearch.xml")},
		},
	})
}

// Robots lets crawlers read the pages but not search results or the API,
// and points them at the sitemap.
func (s Site) Robots() []byte {
	return []byte("User-agent: *\nDisallow: /search\nDisallow: /api/\nAllow: /\n\nSitemap: " + s.URL("/sitemap.xml") + "\n")
}

func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// SitemapIndex lists sitemaps, for an archive with more pages than one
// sitemap may hold (50,000).
func (s Site) SitemapIndex(paths []string, lastmod string) ([]byte, error) {
	type sm struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	}
	type index struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sm     `xml:"sitemap"`
	}
	var ix index
	for _, p := range paths {
		ix.Sitemaps = append(ix.Sitemaps, sm{Loc: s.URL(p), LastMod: lastmod})
	}
	return marshalXML(ix)
}
