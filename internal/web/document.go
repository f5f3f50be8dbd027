package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// A document's pages: the whole text, each clause, its data files and
// citations, rendered together by renderDocument and served by
// serveDocumentPage, from memory or from the page cache (cache.go).

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

func jsonBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// documentPages are pages of one document: the whole text, each clause,
// the data files and the citations, by path.
type documentPages struct {
	pages map[string]*page
}

// renderDocument renders every page of d, or only the one at path only.
func (s *Server) renderDocument(d *archive.Document, only string) (*documentPages, error) {
	set := &documentPages{pages: map[string]*page{}}
	want := func(path string) bool { return only == "" || path == only }
	add := func(path string, p *page) {
		if want(path) {
			set.pages[path] = p.seal()
		}
	}
	html := func(path, name string, data func() any) error {
		if !want(path) {
			return nil
		}
		body, err := s.tmpl.render(name, data())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		add(path, newPage(htmlType, body))
		return nil
	}
	if err := html(d.Path(), "document", func() any { return s.documentPage(d) }); err != nil {
		return nil, err
	}
	for i, c := range d.Clauses {
		if only != "" && !strings.HasPrefix(only, c.Path()) {
			continue
		}
		var prev, next *archive.Clause
		if i > 0 {
			prev = d.Clauses[i-1]
		}
		if i+1 < len(d.Clauses) {
			next = d.Clauses[i+1]
		}
		if err := html(c.Path(), "clause", func() any { return s.clausePage(c, prev, next) }); err != nil {
			return nil, err
		}
		if err := s.addCitations(add, want, c.Path(), formats.Citation{Doc: d, Clause: c, URL: s.site.URL(c.Path())}); err != nil {
			return nil, err
		}
	}
	if err := s.addCitations(add, want, d.Path(), formats.Citation{Doc: d, URL: s.site.URL(d.Path())}); err != nil {
		return nil, err
	}
	if p := d.Path() + "/data.json"; want(p) {
		js, err := jsonBody(s.site.Document(d))
		if err != nil {
			return nil, err
		}
		add(p, newPage("application/json; charset=utf-8", js))
	}
	if p := d.Path() + "/data.akn"; want(p) {
		// The manifestation date is the document's own date, not the time
		// of rendering, so that the file is the same on every start and
		// export.
		akn, err := formats.AkomaNtoso(d, d.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: Akoma Ntoso: %w", d.Slug, err)
		}
		add(p, newPage("application/akn+xml; charset=utf-8", akn))
	}
	if p := d.Path() + "/data.txt"; want(p) {
		add(p, newPage("text/plain; charset=utf-8", formats.Text(d)))
	}
	if p := d.Path() + "/data.md"; want(p) {
		src, err := d.ContentFile()
		if err != nil {
			return nil, err
		}
		add(p, newPage("text/markdown; charset=utf-8", src))
	}
	return set, nil
}

// addCitations adds the citation downloads of a document or clause that
// want accepts.
func (s *Server) addCitations(add func(string, *page), want func(string) bool, path string, c formats.Citation) error {
	if !want(path+"/cite.bib") && !want(path+"/cite.ris") && !want(path+"/cite.csl.json") {
		return nil
	}
	csl, err := c.CSLJSON()
	if err != nil {
		return err
	}
	name := c.Doc.Slug
	if c.Clause != nil {
		name += "-para" + itoa(c.Clause.Number)
	}
	for _, f := range []struct {
		file, ctype string
		body        []byte
	}{
		{"cite.bib", "application/x-bibtex; charset=utf-8", c.BibTeX()},
		{"cite.ris", "application/x-research-info-systems; charset=utf-8", c.RIS()},
		{"cite.csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8", csl},
	} {
		p := newPage(f.ctype, f.body)
		ext := strings.TrimPrefix(f.file, "cite")
		p.disposition = `attachment; filename="` + name + ext + `"`
		add(path+"/"+f.file, p)
	}
	return nil
}

// documentFile returns the page at path of the document slug, from the
// cache or rendered now, alone, and kept; nil if the document has no such
// page.
func (s *Server) documentFile(slug, path string) (*page, error) {
	d, ok := s.cfg.Archive.Document(slug)
	if !ok {
		return nil, nil
	}
	if p, ok := s.pageCache.get(path); ok {
		return p, nil
	}
	set, err := s.renderDocument(d, path)
	if err != nil {
		return nil, err
	}
	p := set.pages[path]
	if p != nil {
		s.pageCache.add(path, p)
	}
	return p, nil
}

// serveDocument serves /documents/{slug}: document.html filled by
// documentPage, rendered by renderDocument.
func (s *Server) serveDocument(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveClause serves /documents/{slug}/clauses/{n}: clause.html filled by
// clausePage, rendered by renderDocument.
func (s *Server) serveClause(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveDocumentFile serves a document's data files (data.json, data.akn,
// data.txt, data.md: internal/formats and the content file) and its
// citations (cite.bib, cite.ris, cite.csl.json: formats.Citation),
// rendered by renderDocument.
func (s *Server) serveDocumentFile(w http.ResponseWriter, r *http.Request) {
	s.serveDocumentPage(w, r)
}

// serveClauseFile serves a clause's citations, rendered by renderDocument.
func (s *Server) serveClauseFile(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveDocumentPage serves a page of one document: kept since start (a
// small archive), or from the page cache, or rendered now by
// renderDocument and cached (a large one). An address that is not quite
// a page of the document is redirected to it (redirect.go) or explained
// by the 404 page.
func (s *Server) serveDocumentPage(w http.ResponseWriter, r *http.Request) {
	if p, ok := s.pages[r.URL.Path]; ok {
		p.serve(w, r)
		return
	}
	p, err := s.documentFile(chi.URLParam(r, "slug"), r.URL.Path)
	switch {
	case errors.Is(err, archive.ErrSourceChanged):
		// The content changed under the server; a reload is due.
		s.log.Warn("render", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		s.errorPage(w, r, http.StatusServiceUnavailable, "This document's file has changed since the archive was loaded. The archive reloads it; try again in a moment.")
	case err != nil:
		s.renderFault(w, r, err)
	case p != nil:
		p.serve(w, r)
	default:
		if to, ok := s.clauseRedirect(r); ok {
			httpx.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		s.serveNotFound(w, r)
	}
}
