// Package web serves the archive to people: the chi router, the pages
// rendered from html/template, the static assets, the error pages and the
// guards every request passes. Pages that depend only on the archive are
// rendered once, when the Server is made or when first asked for, and
// served from memory with their ETag and a gzipped copy; only search and
// filtered lists render per request.
package web

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	chimw "github.com/go-chi/chi/v5/middleware"

	"github.com/accord-archive/accord/internal/api"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/middleware"
)

// SiteName is the archive's name in titles, feeds and citations.
const SiteName = "Accord"

// Searcher runs clause-level searches; *search.Index is one. Search returns
// an error wrapping search.ErrQueryTooLong for an over-long query. The
// pages and the API serve the same searches, so they share the contract.
type Searcher = api.Searcher

// Vocabulary names the commitment types, topics and entities that
// classify the archive's clauses; *classify.Rules is one.
type Vocabulary = api.Vocabulary

// Config is what a Server serves and how.
type Config struct {
	Archive    *archive.Archive
	Vocabulary Vocabulary // commitment types, topics and entities
	Search     Searcher
	Templates  fs.FS  // the templates/ tree: *.html
	Static     fs.FS  // the static/ tree
	BaseURL    string // public scheme://host, for canonical and preview URLs
	Logger     *slog.Logger
	Dev        bool // re-read templates on every request

	// Guards. The zero values mean the defaults.
	TrustedProxies middleware.TrustedProxies
	HSTS           bool
	SearchSlots    int // searches running at once (default 4 × GOMAXPROCS)

	// EagerClauses is the largest archive, in clauses, whose document
	// pages are all rendered at start (default 5,000); a larger one renders
	// a document's pages when first asked for and keeps them in a cache.
	EagerClauses int
}

// Server serves one version of the archive. It never changes once made:
// to serve new content, make a new Server and swap handlers.
type Server struct {
	cfg       Config
	site      formats.Site
	log       *slog.Logger
	tmpl      *templates
	static    *assets
	pages     map[string]*page     // pre-rendered, by path
	lazy      map[string]*lazyPage // rendered when first asked for, by path
	pageCache *pageCache           // documents' pages, for an archive too large to render at start
	missing   *page                // the 404 page
	handler   http.Handler

	// The clauses and preamble paragraphs under each topic and entity,
	// newest document first.
	units             []unitRef          // every unit, newest document first
	byTopic, byEntity map[string][]int32 // places in units
}

// NewServer renders the archive's pages and returns the Server that serves
// them. A template that is missing or fails on the archive is an error
// here, never at request time.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Archive == nil || cfg.Vocabulary == nil || cfg.Search == nil || cfg.Templates == nil || cfg.Static == nil {
		return nil, errors.New("web: Archive, Vocabulary, Search, Templates and Static are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.SearchSlots <= 0 {
		cfg.SearchSlots = defaultSearchSlots()
	}
	if cfg.EagerClauses == 0 {
		cfg.EagerClauses = 5000
	}
	base := strings.TrimSuffix(cfg.BaseURL, "/")
	if base == "" {
		base = "http://127.0.0.1:8080"
	}
	s := &Server{
		cfg:  cfg,
		site: formats.Site{BaseURL: base, Name: SiteName},
		log:  cfg.Logger,
	}
	var err error
	if s.static, err = loadAssets(cfg.Static); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(cfg.Templates, s.funcs()); err != nil {
		return nil, err
	}
	start := time.Now()
	s.indexUnits()
	if err := s.prerender(); err != nil {
		return nil, err
	}
	s.log.Debug("pages rendered", "pages", len(s.pages), "took", time.Since(start))
	s.handler = s.fastPages(s.routes())
	return s, nil
}

// Handler returns the Server's handler, guards included.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(
		middleware.RequestID,
		middleware.ClientIP(s.cfg.TrustedProxies),
		middleware.AccessLog(s.log),
		middleware.Recover(s.log, s.errorPage),
		middleware.SecurityHeaders(s.cfg.HSTS),
		middleware.ReadOnly(middleware.DefaultLimits(), s.errorPage),
		canonicalPath,
	)
	r.NotFound(s.serveNotFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD")
		s.errorPage(w, r, http.StatusMethodNotAllowed, "This archive is read-only: only GET and HEAD requests are answered.")
	})

	get := func(pattern string, h http.HandlerFunc) {
		r.Get(pattern, h)
		r.Head(pattern, h)
	}
	get("/", s.servePage)
	get("/documents", s.serveDocuments)
	get("/documents/{slug}", s.servePage)
	get("/documents/{slug}/clauses/{n}", s.servePage)
	get("/documents/{slug}/{file}", s.servePage)
	get("/documents/{slug}/clauses/{n}/{file}", s.servePage)
	get("/sitemap.xml", s.servePage)
	get("/sitemaps/{part}", s.servePage)
	get("/robots.txt", s.servePage)
	get("/feed.atom", s.servePage)
	get("/opensearch.xml", s.servePage)
	get("/about", s.servePage)
	get("/commitments", s.serveCommitments)
	get("/topics", s.servePage)
	get("/topics/{slug}", s.serveClassified)
	get("/entities", s.servePage)
	get("/entities/{slug}", s.serveClassified)
	get("/static/*", s.serveStatic)
	get("/akn/*", s.serveWork)
	get("/ontology/{class}/{name}", s.serveOntology)
	get("/healthz", func(w http.ResponseWriter, r *http.Request) { plain(w, http.StatusOK, "ok") })
	// One limit for every search, the pages' and the API's.
	limit := middleware.Concurrency(s.cfg.SearchSlots, s.errorPage)
	// What is rendered per request is compressed per request; the pages
	// rendered at start carry their own gzip copy.
	compress := chimw.Compress(5, "text/html", "application/json")
	r.With(limit, compress).Get("/search", s.serveSearch)
	r.With(limit, compress).Head("/search", s.serveSearch)
	r.With(limit, compress).Mount("/api/v1", api.New(api.Config{
		Archive:    s.cfg.Archive,
		Vocabulary: s.cfg.Vocabulary,
		Search:     s.cfg.Search,
		Site:       s.site,
		Logger:     s.log,
	}))
	return r
}
