package web

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

const htmlType = "text/html; charset=utf-8"

// prerender renders the pages that depend only on the archive, or readies
// them to be rendered when first asked for. The front pages, the lists of
// topics and names, the feed and the small files are rendered now. The
// pages that grow with the archive are rendered on first request and then
// kept: each topic's and name's page, the commitments overview and the
// sitemaps. The documents' pages are rendered now when the archive is
// small, and on demand into a cache when it is large. One page of every
// template is rendered now in any case, so that a template that fails on
// the archive fails here, at start.
func (s *Server) prerender() error {
	s.pages = map[string]*page{}
	s.lazy = map[string]*lazyPage{}
	docs := s.cfg.Archive.Documents()
	html := func(path, name string, data any) error {
		body, err := s.tmpl.render(name, data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		s.pages[path] = newPage(htmlType, body)
		return nil
	}
	later := func(path, name string, data func() any) *lazyPage {
		l := newLazyPage(func() (*page, error) {
			body, err := s.tmpl.render(name, data())
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return newPage(htmlType, body), nil
		})
		s.lazy[path] = l
		return l
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
	if err := html("/topics", "topics", s.topicsPage()); err != nil {
		return err
	}
	if err := html("/entities", "topics", s.entitiesPage()); err != nil {
		return err
	}
	// One page of each kind is rendered now, to try its template: the
	// first topic and the first name with clauses (or the first topic).
	commitments := later("/commitments", "commitments", func() any { return s.commitmentsPage(commitmentsFilter{}) })
	var firstTopic, topic, entity *lazyPage
	for _, t := range s.cfg.Vocabulary.Topics() {
		l := later("/topics/"+t.Slug, "units", func() any { return s.topicPage(t, 1) })
		firstTopic = cmp.Or(firstTopic, l)
		if len(s.byTopic[t.Slug]) > 0 {
			topic = cmp.Or(topic, l)
		}
	}
	for _, e := range s.cfg.Vocabulary.Entities() {
		if len(s.byEntity[e.Slug]) > 0 {
			l := later("/entities/"+e.Slug, "units", func() any { return s.entityPage(e, 1) })
			entity = cmp.Or(entity, l)
		}
	}
	for _, l := range []*lazyPage{commitments, cmp.Or(topic, firstTopic), entity} {
		if l == nil {
			continue // no topics, or no name in any clause
		}
		if _, err := l.get(); err != nil {
			return err
		}
	}

	eager := s.cfg.Archive.Stats().Clauses <= s.cfg.EagerClauses
	for i, d := range docs {
		if !eager && i > 0 {
			break
		}
		set, err := s.renderDocument(d, "")
		if err != nil {
			return err
		}
		if eager {
			maps.Copy(s.pages, set.pages)
		}
	}
	s.pageCache = newPageCache(pageCacheBytes)

	feed, err := s.site.Atom(docs[:min(len(docs), feedEntries)])
	if err != nil {
		return err
	}
	s.pages["/feed.atom"] = newPage("application/atom+xml; charset=utf-8", feed)
	if err := s.addSitemaps(docs, sitemapURLs); err != nil {
		return err
	}
	osd, err := s.site.OpenSearch()
	if err != nil {
		return err
	}
	s.pages["/opensearch.xml"] = newPage("application/opensearchdescription+xml; charset=utf-8", osd)
	s.pages["/robots.txt"] = newPage("text/plain; charset=utf-8", s.site.Robots())

	body, err := s.tmpl.render("error", s.errorData(http.StatusNotFound, "Page not found", "There is no page at this address.", ""))
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

// feedEntries is how many documents the Atom feed lists, newest first.
const feedEntries = 100

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

// servePage serves a page rendered at start or on first request, or the
// 404 page.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	p, err := s.lookup(r.URL.Path)
	if err != nil {
		s.log.Error("render", "path", r.URL.Path, "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "This page cannot be shown because of a fault on our side. It has been logged.")
		return
	}
	if p != nil {
		p.serve(w, r)
		return
	}
	if slug := chi.URLParam(r, "slug"); slug != "" && strings.HasPrefix(r.URL.Path, "/documents/") {
		p, err := s.documentFile(slug, r.URL.Path)
		switch {
		case errors.Is(err, archive.ErrSourceChanged):
			// The content changed under the server; a reload is due.
			s.log.Warn("render", "path", r.URL.Path, "err", err)
			w.Header().Set("Retry-After", "5")
			s.errorPage(w, r, http.StatusServiceUnavailable, "This document's file has changed since the archive was loaded. The archive reloads it; try again in a moment.")
			return
		case err != nil:
			s.log.Error("render", "path", r.URL.Path, "err", err)
			s.errorPage(w, r, http.StatusInternalServerError, "This page cannot be shown because of a fault on our side. It has been logged.")
			return
		case p != nil:
			p.serve(w, r)
			return
		}
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
			c, ok := d.Clause(k)
			if ok && itoa(k) != n {
				httpx.Redirect(w, r, c.Path(), http.StatusMovedPermanently) // clauses/03
				return
			}
			if ok { // the clause exists; what follows it does not
				s.errorPageFor(w, r, http.StatusNotFound, "Page not found",
					"Clause "+itoa(k)+" has no page at this address. Its own addresses are "+c.Path()+
						" and its citations, cite.bib, cite.ris and cite.csl.json under it; the document's data files (data.json, data.akn, data.txt, data.md) are under "+d.Path()+".", d.Slug)
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

// sitemapURLs is how many addresses one sitemap holds at most; the
// protocol allows 50,000.
const sitemapURLs = 45000

// addSitemaps readies /sitemap.xml: one sitemap of every document and
// clause page, or, for a large archive, an index of several, /sitemaps/1.xml
// on. The index is rendered now, the sitemaps when first asked for.
func (s *Server) addSitemaps(docs []*archive.Document, limit int) error {
	// The browsing pages go in the first sitemap, with the front pages.
	pages := []string{"/about", "/commitments", "/topics", "/entities"}
	for _, t := range s.cfg.Vocabulary.Topics() {
		if len(s.byTopic[t.Slug]) > 0 {
			pages = append(pages, "/topics/"+t.Slug)
		}
	}
	for _, e := range s.cfg.Vocabulary.Entities() {
		if len(s.byEntity[e.Slug]) > 0 {
			pages = append(pages, "/entities/"+e.Slug)
		}
	}
	parts := [][]*archive.Document{nil}
	n := 2 + len(pages)
	for _, d := range docs {
		if n > 0 && n+1+len(d.Clauses) > limit {
			parts = append(parts, nil)
			n = 2
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], d)
		n += 1 + len(d.Clauses)
	}
	add := func(path string, part []*archive.Document, pages []string) {
		delete(s.pages, path)
		s.lazy[path] = newLazyPage(func() (*page, error) {
			b, err := s.site.Sitemap(part, pages...)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return newPage("application/xml; charset=utf-8", b), nil
		})
	}
	if len(parts) <= 1 {
		add("/sitemap.xml", docs, pages)
		return nil
	}
	var paths []string
	for i, part := range parts {
		p := "/sitemaps/" + itoa(i+1) + ".xml"
		add(p, part, pages)
		pages = nil
		paths = append(paths, p)
	}
	b, err := s.site.SitemapIndex(paths, docs[0].Date.Format("2006-01-02"))
	if err != nil {
		return err
	}
	delete(s.lazy, "/sitemap.xml")
	s.pages["/sitemap.xml"] = newPage("application/xml; charset=utf-8", b)
	return nil
}
