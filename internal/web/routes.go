package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/api"
	"github.com/accord-archive/accord/internal/httpx"
	"github.com/accord-archive/accord/internal/middleware"
)

// routes is the site's route table: one named handler per kind of page.
// docs/ARCHITECTURE.md lists, for each, the template and the function that
// fills it. Every request, whatever its route, passes the one chain of
// guards below first: a guard added there applies to all of them.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.NotFound(s.serveNotFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD")
		s.errorPage(w, r, http.StatusMethodNotAllowed, "This archive is read-only: only GET and HEAD requests are answered.")
	})
	get := func(pattern string, h http.HandlerFunc) {
		r.Get(pattern, h)
		r.Head(pattern, h)
	}

	// The reading site: front.go, documents.go, document.go.
	get("/", s.serveHome)
	get("/about", s.serveAbout)
	get("/documents", s.serveDocuments)
	get("/documents/{slug}", s.serveDocument)
	get("/documents/{slug}/clauses/{n}", s.serveClause)
	get("/documents/{slug}/cite", s.serveCite)             // citestyles.go
	get("/documents/{slug}/clauses/{n}/cite", s.serveCite) // with today's date
	get("/documents/{slug}/provisions/{eid}/cite", s.serveCite)
	get("/documents/{slug}/{file}", s.serveDocumentFile)
	get("/documents/{slug}/clauses/{n}/{file}", s.serveClauseFile)
	get("/documents/{slug}/provisions/{eid}", s.serveProvision)
	get("/documents/{slug}/provisions/{eid}/{file}", s.serveProvisionFile)
	// Browsing by classification: commitments.go, topics.go.
	get("/commitments", s.serveCommitments)
	get("/topics", s.serveTopics)
	get("/topics/{slug}", s.serveTopic)
	get("/entities", s.serveEntities)
	get("/entities/{slug}", s.serveEntity)
	// Discovery: discovery.go.
	get("/feed.atom", s.serveFeed)
	get("/sitemap.xml", s.serveSitemap)
	get("/sitemaps/{part}", s.serveSitemap)
	get("/robots.txt", s.serveRobots)
	get("/opensearch.xml", s.serveOpenSearch)
	get("/data/{file}", s.serveKept)                                     // the bulk files: bulk.go
	get("/oai", newOAI(s.site, s.cfg.Archive.Documents(), "").ServeHTTP) // OAI-PMH: oai.go
	// Assets and Akoma Ntoso identifiers: static.go, redirect.go.
	get("/static/*", s.serveStatic)
	get("/akn/*", s.serveWork)
	get("/ontology/{class}/{name}", s.serveOntology)
	get("/healthz", func(w http.ResponseWriter, r *http.Request) { plain(w, http.StatusOK, "ok") })

	// Search, the pages' (search.go) and the API's (internal/api): one
	// limit for every search. What is rendered per request is made whole
	// and then compressed (httpx.Write), so that HEAD and 304 answer as
	// GET does; a kept page carries its own gzip copy.
	limit := middleware.Concurrency(s.cfg.SearchSlots, s.errorPage)
	r.With(limit).Get("/search", s.serveSearch)
	r.With(limit).Head("/search", s.serveSearch)
	r.With(limit).Get("/search.atom", s.serveSearchFeed) // searchfeed.go
	r.With(limit).Head("/search.atom", s.serveSearchFeed)
	r.With(limit).Mount("/api/v1", api.New(api.Config{
		Archive:    s.cfg.Archive,
		Vocabulary: s.cfg.Vocabulary,
		Search:     s.cfg.Search,
		Site:       s.site,
		Logger:     s.log,
	}))

	return s.guard(s.keptFirst(r))
}

// guards are what every request passes, in order, before any route:
// fast path and router alike sit inside them.
func (s *Server) guards() []func(http.Handler) http.Handler {
	return []func(http.Handler) http.Handler{
		middleware.RequestID,
		middleware.ClientIP(s.cfg.TrustedProxies),
		middleware.AccessLog(s.log),
		middleware.Recover(s.log, s.errorPage),
		middleware.SecurityHeaders(s.cfg.HSTS),
		middleware.ReadOnly(middleware.DefaultLimits(), s.errorPage),
		canonicalPath, // redirect.go
		openFiles,     // cors.go
	}
}

// guard wraps h in the guards, the first outermost.
func (s *Server) guard(h http.Handler) http.Handler {
	g := s.guards()
	for i := len(g) - 1; i >= 0; i-- {
		h = g[i](h)
	}
	return h
}

// keptFirst answers the commonest request, a plain GET or HEAD of a page
// rendered at start, from s.pages before the router: it is most of the
// traffic, and routing it would only reach the same page (serveKept,
// serveDocumentPage) later. It sits inside the guards, as every route does.
func (s *Server) keptFirst(router http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			gzip := httpx.RequestAcceptsGzip(r)
			if p, ok := s.pages[r.URL.Path]; ok {
				p.serveAs(w, r, gzip)
				return
			}
			// A document's page rendered on an earlier request: served as
			// serveDocumentPage would, without the router's request copy
			// and path values.
			if p, ok := s.pageCache.get(r.URL.Path, plainGet(r, gzip)); ok {
				p.serveAs(w, r, gzip)
				return
			}
		}
		router.ServeHTTP(w, r)
	})
}

// plainGet reports whether r is a GET from a client that does not take
// gzip (gzip: whether it does): the request whose page the page cache
// keeps with its plain body.
func plainGet(r *http.Request, gzip bool) bool { return !gzip && r.Method == http.MethodGet }
