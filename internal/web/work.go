package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/httpx"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// resolveWork finds where an Akoma Ntoso IRI of data.akn leads: a work
// (…/2025-11-17, …/2025-11-17/!main) to its document's page, an
// expression or manifestation (…/eng@, …/eng@2025-11-17, …/eng@/!main,
// …/eng@.akn, …/eng@/!main.akn) to its data.akn. An expression in a
// language or of a version the archive does not hold is not found: a
// redirect would pass another text off as it.
func resolveWork(a *archive.Archive, iri string) (string, bool) {
	work, expr, isExpr := strings.Cut(iri, "@")
	if !isExpr {
		work = strings.TrimSuffix(work, "/!main")
		var found *archive.Document
		for _, d := range a.Documents() {
			// A text and its translation share a work: the original (versions.go),
			// else the English one, or the first, is its page.
			if d.WorkIRI() == work && (found == nil || workPage(d, found)) {
				found = d
			}
		}
		if found == nil {
			return "", false
		}
		return found.Path(), true
	}
	i := strings.LastIndexByte(work, '/')
	if i < 0 {
		return "", false
	}
	work, lang := work[:i], work[i+1:]
	version, rest := expr, ""
	if j := strings.IndexAny(expr, "/."); j >= 0 {
		version, rest = expr[:j], expr[j:]
	}
	switch rest {
	case "", "/!main", "/!main.akn", ".akn", "/main.xml", "/main.akn":
	default:
		return "", false
	}
	for _, d := range a.Documents() {
		if d.WorkIRI() == work && formats.ExpressionLanguage(d) == lang &&
			(version == "" || version == d.Date.Format(time.DateOnly)) {
			return d.Path() + "/data.akn", true
		}
	}
	return "", false
}

// workPage reports whether d rather than found is the page of their work.
func workPage(d, found *archive.Document) bool {
	if (d.Original() == d) != (found.Original() == found) {
		return d.Original() == d
	}
	return d.Language == "en" && found.Language != "en"
}

// serveOntology resolves the references data.akn makes to the parties
// and the place (/ontology/organization/eu, /ontology/location/astana)
// to what the archive says of them: a party's documents, a place's page
// among the names or a search for it, and Accord itself to /about.
func (s *Server) serveOntology(w http.ResponseWriter, r *http.Request) {
	class, name := chi.URLParam(r, "class"), chi.URLParam(r, "name")
	if target, ok := s.ontologyTarget(class, name); ok {
		httpx.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	s.errorPageFor(w, r, http.StatusNotFound, "Not found", "The archive knows nothing called “"+clip(name)+"”.", "")
}

func (s *Server) ontologyTarget(class, name string) (string, bool) {
	switch class {
	case "organization":
		if name == "accord" {
			return "/about", true
		}
		if p, err := s.cfg.Archive.LookupParty(strings.ToUpper(name)); err == nil && strings.ToLower(p.Code) == name {
			return "/documents?party=" + url.QueryEscape(p.Code), true
		}
	case "location":
		if e, ok := s.cfg.Vocabulary.Entity(name); ok {
			return "/entities/" + e.Slug, true
		}
		for _, d := range s.cfg.Archive.Documents() {
			if d.Place != "" && formats.PlaceID(d.Place) == name {
				return "/search?q=" + url.QueryEscape(`"`+d.Place+`"`), true
			}
		}
	}
	return "", false
}
