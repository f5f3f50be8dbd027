package web

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"

	"github.com/accord-archive/accord/internal/archive"
)

// The pages kept rendered: which are rendered when the Server is made,
// which on first request (lazy.go), and serveKept, which serves them.

const htmlType = "text/html; charset=utf-8"

// prerender renders the pages that depend only on the archive, or readies
// them to be rendered when first asked for. The front pages, the lists of
// topics and names, the feed and the small files are rendered now. The
// pages that grow with the archive are rendered on first request and then
// kept: each topic's and name's page, the commitments overview and the
// sitemaps. The documents' pages are rendered now when the archive is
// small (Config.EagerClauses), and on demand into a cache otherwise. One page of every
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
	if s.indexed != nil {
		<-s.indexed // the pages below list units by topic and name
	}
	if err := html("/topics", "topics", s.topicsPage()); err != nil {
		return err
	}
	if err := html("/entities", "topics", s.entitiesPage()); err != nil {
		return err
	}
	// One page of each kind is rendered now, to try its template: the
	// first topic and the first name with clauses (or the first topic),
	// and the commitments of the first document that has any, the whole
	// overview costing a scan of every commitment's sentence.
	later("/commitments", "commitments", func() any { return s.commitmentsPage(commitmentsFilter{}) })
	if _, err := s.tmpl.render("commitments", s.commitmentsPageOf(firstCommitting(docs), commitmentsFilter{}, nil)); err != nil {
		return fmt.Errorf("/commitments: %w", err)
	}
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
	for _, l := range []*lazyPage{cmp.Or(topic, firstTopic), entity} {
		if l == nil {
			continue // no topics, or no name in any clause
		}
		if _, err := l.get(); err != nil {
			return err
		}
	}

	eager := s.cfg.Archive.Stats().Clauses <= s.cfg.EagerClauses
	if eager {
		for _, d := range docs {
			set, err := s.renderDocument(d, "")
			if err != nil {
				return err
			}
			maps.Copy(s.pages, set.pages)
		}
	} else if len(docs) > 0 {
		// To try the templates, the first document's page and its first
		// numbered clause's, not all its pages: a treaty of 1,500
		// provisions would cost its own start.
		if err := s.tryDocument(docs[0]); err != nil {
			return err
		}
	}
	s.pageCache = newPageCache(pageCacheBytes)

	s.addBulk(docs) // bulk.go
	if err := s.keepDiscovery(docs); err != nil {
		return err
	}

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

// firstCommitting is the first of docs with a commitment, alone, or the
// first document if none has one.
func firstCommitting(docs []*archive.Document) []*archive.Document {
	for _, d := range docs {
		committed := false
		eachUnitOf([]*archive.Document{d}, func(_ *archive.Document, _ *archive.Clause, _ *archive.Paragraph, cl *archive.Classification) {
			committed = committed || len(cl.Commitments) > 0
		})
		if committed {
			return []*archive.Document{d}
		}
	}
	return docs[:min(len(docs), 1)]
}

// tryDocument renders d's page and its first numbered clause's page, for
// the error a template would give, and drops them.
func (s *Server) tryDocument(d *archive.Document) error {
	paths := []string{d.Path()}
	for _, c := range d.Clauses {
		if c.Number > 0 {
			paths = append(paths, c.Path())
			break
		}
	}
	for _, path := range paths {
		if _, err := s.renderDocument(d, path); err != nil {
			return err
		}
	}
	return nil
}

// serveKept serves the page kept at the request's path: rendered at start
// (s.pages) or on first request (s.lazy); the 404 page if there is none.
func (s *Server) serveKept(w http.ResponseWriter, r *http.Request) {
	p, err := s.lookup(r.URL.Path)
	switch {
	case err != nil:
		s.renderFault(w, r, err)
	case p != nil:
		p.serve(w, r)
	default:
		s.serveNotFound(w, r)
	}
}

// renderFault answers a page that failed to render: a fault in a
// template, which start-up checks make unlikely.
func (s *Server) renderFault(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("render", "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "This page cannot be shown because of a fault on our side. It has been logged.")
}
