package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

const htmlType = "text/html; charset=utf-8"

// prerender renders every page that depends only on the archive.
func (s *Server) prerender() error {
	s.pages = map[string]*page{}
	a := s.cfg.Archive
	docs := a.Documents()
	t := s.tmpl
	add := func(path, ctype string, body []byte) *page {
		p := newPage(ctype, body)
		s.pages[path] = p
		return p
	}
	html := func(path, name string, data any) error {
		body, err := t.render(name, data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		add(path, htmlType, body)
		return nil
	}
	if err := html("/", "home", s.homePage()); err != nil {
		return err
	}
	if err := html("/documents", "documents", s.documentsPage(documentsFilter{Page: 1})); err != nil {
		return err
	}
	if err := html("/about", "about", s.aboutPage()); err != nil {
		return err
	}
	if err := html("/commitments", "commitments", s.commitmentsPage(commitmentsFilter{})); err != nil {
		return err
	}
	if err := html("/topics", "topics", s.topicsPage()); err != nil {
		return err
	}
	if err := html("/entities", "topics", s.entitiesPage()); err != nil {
		return err
	}
	for _, t := range s.cfg.Vocabulary.Topics() {
		if err := html("/topics/"+t.Slug, "units", s.topicPage(t)); err != nil {
			return err
		}
	}
	named := map[string]bool{}
	s.eachUnit(func(_ *archive.Document, _ *archive.Clause, _ *archive.Paragraph, cl *archive.Classification) {
		for _, e := range cl.Entities {
			named[e.Slug] = true
		}
	})
	for _, e := range s.cfg.Vocabulary.Entities() {
		if named[e.Slug] {
			if err := html("/entities/"+e.Slug, "units", s.entityPage(e)); err != nil {
				return err
			}
		}
	}
	for _, d := range docs {
		if err := html(d.Path(), "document", s.documentPage(d)); err != nil {
			return err
		}
		for i, c := range d.Clauses {
			var prev, next *archive.Clause
			if i > 0 {
				prev = d.Clauses[i-1]
			}
			if i+1 < len(d.Clauses) {
				next = d.Clauses[i+1]
			}
			if err := html(c.Path(), "clause", s.clausePage(c, prev, next)); err != nil {
				return err
			}
			if err := s.addCitations(c.Path(), formats.Citation{Doc: d, Clause: c, URL: s.site.URL(c.Path())}); err != nil {
				return err
			}
		}
		if err := s.addData(d); err != nil {
			return err
		}
		if err := s.addCitations(d.Path(), formats.Citation{Doc: d, URL: s.site.URL(d.Path())}); err != nil {
			return err
		}
	}

	feed, err := s.site.Atom(docs)
	if err != nil {
		return err
	}
	add("/feed.atom", "application/atom+xml; charset=utf-8", feed)
	sitemap, err := s.site.Sitemap(docs)
	if err != nil {
		return err
	}
	add("/sitemap.xml", "application/xml; charset=utf-8", sitemap)
	osd, err := s.site.OpenSearch()
	if err != nil {
		return err
	}
	add("/opensearch.xml", "application/opensearchdescription+xml; charset=utf-8", osd)
	add("/robots.txt", "text/plain; charset=utf-8", s.site.Robots())

	body, err := t.render("error", s.errorData(http.StatusNotFound, "Page not found", "There is no page at this address.", ""))
	if err != nil {
		return err
	}
	s.missing = newPage(htmlType, body)
	s.missing.status = http.StatusNotFound
	s.missing.cache = "public, max-age=60"
	s.missing.seal()
	for _, p := range s.pages {
		p.seal()
	}
	return nil
}

// addData adds a document's machine-readable formats.
func (s *Server) addData(d *archive.Document) error {
	js, err := jsonBody(s.site.Document(d))
	if err != nil {
		return err
	}
	s.pages[d.Path()+"/data.json"] = newPage("application/json; charset=utf-8", js)
	// The manifestation date is the document's own date, not the time of
	// rendering, so that the file is the same on every start and export.
	akn, err := formats.AkomaNtoso(d, d.Date)
	if err != nil {
		return fmt.Errorf("%s: Akoma Ntoso: %w", d.Slug, err)
	}
	s.pages[d.Path()+"/data.akn"] = newPage("application/akn+xml; charset=utf-8", akn)
	s.pages[d.Path()+"/data.txt"] = newPage("text/plain; charset=utf-8", formats.Text(d))
	s.pages[d.Path()+"/data.md"] = newPage("text/markdown; charset=utf-8", d.Raw)
	return nil
}

// addCitations adds the citation downloads of a document or clause.
func (s *Server) addCitations(path string, c formats.Citation) error {
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
		s.pages[path+"/"+f.file] = p
	}
	return nil
}

// servePage serves a pre-rendered page, or the 404 page.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	if p, ok := s.pages[r.URL.Path]; ok {
		p.serve(w, r)
		return
	}
	s.serveNotFound(w, r)
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
		msg := "“" + clip(n) + "” is not a clause number."
		if k, err := strconv.Atoi(n); err == nil && len(n) <= 6 {
			if c, ok := d.Clause(k); ok && itoa(k) != n {
				http.Redirect(w, r, c.Path(), http.StatusMovedPermanently) // clauses/03
				return
			}
			msg = "This document has no clause " + itoa(k) + "."
		}
		msg += " It has clauses 1 to " + itoa(len(d.Clauses)) + "."
		s.errorPageFor(w, r, http.StatusNotFound, "Clause not found", msg, d.Slug)
		return
	}
	s.errorPageFor(w, r, http.StatusNotFound, "Page not found", "“"+d.Title+"” has no page at this address.", d.Slug)
}
