package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/httpx"
)

// The error pages, and the 404 page that says, as precisely as the address
// allows, what is not there.

// ErrorPage tells a person what went wrong and where to go instead.
type ErrorPage struct {
	Head
	Status  int
	Heading string
	Message string
	Doc     *archive.Document // the document the address was about, if any
}

func (s *Server) errorData(status int, heading, message, slug string) ErrorPage {
	p := ErrorPage{
		Head: Head{
			Title:       s.title(heading),
			Description: message,
			NoIndex:     true,
			Main:        "error",
		},
		Status:  status,
		Heading: heading,
		Message: message,
	}
	if slug != "" {
		p.Doc, _ = s.cfg.Archive.Document(slug)
	}
	return p
}

// errorPage renders the error page for status with a message meant for the
// person who made the request; it is the guards' ErrorPage too.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// The API's clients read JSON, errors included.
		body, _ := json.MarshalIndent(struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		}{status, message}, "", "  ")
		httpx.Write(w, r, httpx.Response{
			Status:      status,
			ContentType: "application/json; charset=utf-8",
			Cache:       "no-store",
			Body:        append(body, '\n'),
			NoTag:       true,
		})
		return
	}
	s.errorPageFor(w, r, status, headings(status), message, "")
}

func headings(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusBadRequest:
		return "That request could not be understood"
	case http.StatusMethodNotAllowed:
		return "Method not allowed"
	case http.StatusServiceUnavailable:
		return "Busy"
	case http.StatusInternalServerError:
		return "Something went wrong"
	}
	return http.StatusText(status)
}

func (s *Server) errorPageFor(w http.ResponseWriter, r *http.Request, status int, heading, message, slug string) {
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, status, "error", s.errorData(status, heading, message, slug))
}

// serveNotFound says what was not found, as precisely as the address
// allows: an unknown document, or a clause the document does not have.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	if slug == "" {
		if rest, ok := strings.CutPrefix(r.URL.Path, "/documents/"); ok {
			slug, _, _ = strings.Cut(rest, "/")
		}
	}
	if slug == "" {
		s.missing.serve(w, r)
		return
	}
	d, ok := s.cfg.Archive.Document(slug)
	if !ok {
		s.errorPageFor(w, r, http.StatusNotFound, "Document not found", "The archive holds no document called “"+clip(slug)+"”.", "")
		return
	}
	if n := chi.URLParam(r, "n"); n != "" {
		msg := "“" + clip(n) + "” is not a paragraph number."
		if k, err := strconv.Atoi(n); err == nil && len(n) <= 6 {
			c, ok := d.Clause(k)
			if ok { // the clause exists; what follows it does not
				s.errorPageFor(w, r, http.StatusNotFound, "Page not found",
					"Paragraph "+itoa(k)+" has no page at this address. Its own addresses are "+c.Path()+
						" and its citations, cite.bib, cite.ris and cite.csl.json under it; the document's data files (data.json, data.akn, data.txt, data.md) are under "+d.Path()+".", d.Slug)
				return
			}
			msg = "This document has no paragraph " + itoa(k) + "."
		}
		msg += " It has paragraphs 1 to " + itoa(len(d.Clauses)) + "."
		s.errorPageFor(w, r, http.StatusNotFound, "Paragraph not found", msg, d.Slug)
		return
	}
	s.errorPageFor(w, r, http.StatusNotFound, "Page not found", "“"+d.Title+"” has no page at this address.", d.Slug)
}
