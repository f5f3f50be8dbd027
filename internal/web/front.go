package web

// The front pages: the home page and the about page, both rendered at
// start and kept (kept.go).

import (
	"net/http"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// HomePage is the archive's front page.
type HomePage struct {
	Head
	Stats     archive.Stats
	Parties   int
	Years     []Link
	PartyList []Link
	Kinds     []Link
	Latest    []*archive.Document
	More      bool // there are more documents than Latest
}

const homeLatest = 20

func (s *Server) homePage() HomePage {
	a := s.cfg.Archive
	st := a.Stats()
	docs := a.Documents()
	p := HomePage{
		Head: Head{
			Title:       SiteName + " — an archive of diplomatic texts",
			Description: "Joint statements, declarations and communiqués, kept verbatim and split into numbered paragraphs: " + plural(st.Documents, "document", "documents") + ", " + plural(st.Clauses, "provision", "provisions") + ", searchable paragraph by paragraph.",
			Canonical:   s.site.URL("/"),
			OGType:      "website",
			Main:        "home",
		},
		Stats:  st,
		Latest: docs[:min(len(docs), homeLatest)],
		More:   len(docs) > homeLatest,
	}
	p.PartyList = facetLinks(docs, documentsFilter{}, "party")
	p.Years = facetLinks(docs, documentsFilter{}, "year")
	p.Kinds = facetLinks(docs, documentsFilter{}, "kind")
	p.Parties = len(p.PartyList)
	return p
}

// AboutPage says what the archive is and how to use and reuse it.
type AboutPage struct {
	Head
	Stats archive.Stats
	Types []*archive.CommitmentType // the commitment types, strongest first
	// Licence is the archive's licence and its statement on the texts.
	Licence archive.Licence
	Bulk    []formats.BulkFile // the bulk downloads
}

func (s *Server) aboutPage() AboutPage {
	return AboutPage{
		Head: Head{
			Title:       s.title("About"),
			Description: "What " + SiteName + " holds, how to search it, how to cite a paragraph and how to reuse the texts.",
			Canonical:   s.site.URL("/about"),
			OGType:      "website",
			Main:        "about",
			JSONLD:      s.datasetLD(),
		},
		Bulk:    formats.BulkFiles,
		Stats:   s.cfg.Archive.Stats(),
		Types:   s.cfg.Vocabulary.Types(),
		Licence: s.cfg.Licence,
	}
}

// serveHome serves /: home.html filled by homePage, rendered at start.
func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveAbout serves /about: about.html filled by aboutPage, rendered at
// start.
func (s *Server) serveAbout(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }
