package web

import (
	"fmt"
	"net/http"

	"github.com/accord-archive/accord/internal/archive"
)

// Discovery: what lets feed readers, crawlers and browsers find the
// archive's pages. All are kept rendered (kept.go); the sitemaps of a large
// archive are rendered when first asked for.

// feedEntries is how many documents the Atom feed lists, newest first.
const feedEntries = 100

// keepDiscovery renders the feed, the OpenSearch description and
// robots.txt, and readies the sitemaps.
func (s *Server) keepDiscovery(docs []*archive.Document) error {
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
	return nil
}

// serveFeed serves /feed.atom: formats.Site.Atom, rendered at start.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveSitemap serves /sitemap.xml and /sitemaps/{n}.xml: formats.Site's
// Sitemap and SitemapIndex, readied by addSitemaps.
func (s *Server) serveSitemap(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveRobots serves /robots.txt: formats.Site.Robots, rendered at start.
func (s *Server) serveRobots(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveOpenSearch serves /opensearch.xml: formats.Site.OpenSearch,
// rendered at start.
func (s *Server) serveOpenSearch(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// sitemapURLs is how many addresses one sitemap holds at most; the
// protocol allows 50,000.
const sitemapURLs = 45000

// addSitemaps readies /sitemap.xml: one sitemap of every document and
// provision page, or, for a large archive, an index of several, /sitemaps/1.xml
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
		size := 1 + len(d.Clauses) + otherProvisions(d, nil)
		if n > 0 && n+size > limit {
			parts = append(parts, nil)
			n = 2
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], d)
		n += size
	}
	add := func(path string, part []*archive.Document, pages []string) {
		delete(s.pages, path)
		s.lazy[path] = newLazyPage(func() (*page, error) {
			// formats.Site.Sitemap lists each document's clauses, the
			// provisions with text; the pages of the others (headings,
			// annexes, signatures, notes) follow the front pages.
			pages := pages[:len(pages):len(pages)]
			for _, d := range part {
				otherProvisions(d, func(c *archive.Provision) { pages = append(pages, c.Path()) })
			}
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

// otherProvisions calls f, when not nil, on each provision of d with a page
// that is not one of its clauses (a heading's, an annex's, a signature's,
// a note's), and counts them. A publisher's mark is not the text, and its
// page is left out of the sitemap.
func otherProvisions(d *archive.Document, f func(*archive.Provision)) int {
	n := 0
	var walk func(list []*archive.Provision, all bool)
	walk = func(list []*archive.Provision, all bool) {
		for _, c := range list {
			// Build lists in Clauses the body's and the attachments'
			// provisions with text: the others are these.
			if all || len(c.Paragraphs) == 0 {
				n++
				if f != nil {
					f(c)
				}
			}
			walk(c.Children, all)
		}
	}
	walk(d.Body, false)
	walk(d.Attachments, false)
	walk(d.Conclusions, true)
	walk(d.Notes, true)
	return n
}
