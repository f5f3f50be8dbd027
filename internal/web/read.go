package web

import (
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// DocumentPage is a whole document.
type DocumentPage struct {
	Head
	Doc       *archive.Document
	Citation  string
	Formats   []Alternate
	Citations []Alternate
}

func (s *Server) documentPage(d *archive.Document) DocumentPage {
	return DocumentPage{
		Head: Head{
			Title:       s.title(d.Title),
			Description: documentDescription(d),
			Canonical:   s.site.URL(d.Path()),
			OGType:      "article",
			JSONLD:      s.documentLD(d, nil),
			Alternates:  documentAlternates(d),
			Main:        "document",
		},
		Doc:       d,
		Citation:  formats.Citation{Doc: d, URL: s.site.URL(d.Path())}.Text(),
		Formats:   documentAlternates(d),
		Citations: citationFiles(d.Path()),
	}
}

// documentDescription says what a document is in one line: kind, parties,
// place and date, and its size.
func documentDescription(d *archive.Document) string {
	s := d.Kind.Name() + " of " + partyNames(d.Named())
	if d.Place != "" {
		s += ", " + d.Place
	}
	return s + ", " + longDate(d.Date) + ": " + plural(len(d.Clauses), "clause", "clauses") + ", kept verbatim."
}

// ClausePage is one clause on its own.
type ClausePage struct {
	Head
	Doc        *archive.Document
	Clause     *archive.Clause
	Prev, Next *archive.Clause
	URL        string // absolute, to copy
	Citation   string
	Citations  []Alternate
}

func (s *Server) clausePage(c *archive.Clause, prev, next *archive.Clause) ClausePage {
	d := c.Doc
	pin := "para. " + itoa(c.Number)
	return ClausePage{
		Head: Head{
			Title:       s.title(pin, d.Title),
			Description: formats.Opening(c.Text(), 200),
			Canonical:   s.site.URL(c.Path()),
			OGType:      "article",
			OGTitle:     d.Title + ", " + pin,
			JSONLD:      s.documentLD(d, c),
			Alternates:  documentAlternates(d),
			Main:        "clause",
		},
		Doc:       d,
		Clause:    c,
		Prev:      prev,
		Next:      next,
		URL:       s.site.URL(c.Path()),
		Citation:  formats.Citation{Doc: d, Clause: c, URL: s.site.URL(c.Path())}.Text(),
		Citations: citationFiles(c.Path()),
	}
}

// AboutPage says what the archive is and how to use and reuse it.
type AboutPage struct {
	Head
	Stats archive.Stats
}

func (s *Server) aboutPage() AboutPage {
	return AboutPage{
		Head: Head{
			Title:       s.title("About"),
			Description: "What " + SiteName + " holds, how to search it, how to cite a clause and how to reuse the texts.",
			Canonical:   s.site.URL("/about"),
			OGType:      "website",
			Main:        "about",
		},
		Stats: s.cfg.Archive.Stats(),
	}
}
