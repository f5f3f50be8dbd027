// Package web serves the archive to people: the chi router, the pages
// rendered from html/template, the static assets, the error pages and the
// guards every request passes. Pages that depend only on the archive are
// rendered once, when the Server is made or when first asked for, and
// served from memory with their ETag and a gzipped copy; only search and
// filtered lists render per request.
//
// routes.go is the route table, one named handler per kind of page, and
// the one chain of guards every request passes; docs/ARCHITECTURE.md
// gives each route's template and the function that fills it. The files
// are named for what they serve: front.go, documents.go, document.go,
// commitments.go, topics.go, search.go, discovery.go, static.go,
// redirect.go, errorpage.go; kept.go, lazy.go and cache.go keep the
// rendered pages.
package web

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/middleware"
)

// SiteName is the archive's name in titles, feeds and citations.
const SiteName = "Accord"

// Searcher runs clause-level searches; *search.Index is one. The pages and
// the API serve the same searches, so they share the contract, which is
// the archive's (internal/archive/search.go): neither depends on the
// search engine.
type Searcher = archive.Searcher

// Vocabulary names the commitment types, topics and entities that
// classify the archive's clauses; *classify.Rules is one.
type Vocabulary = archive.Vocabulary

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
	// Licence is the archive's licence and its statement on the texts'
	// reuse (content/site.yaml): on /about, in data.json, the feed, the
	// API's description and the pages' schema.org data.
	Licence archive.Licence

	// Guards. The zero values mean the defaults.
	TrustedProxies middleware.TrustedProxies
	HSTS           bool
	SearchSlots    int // requests on /search and /api/v1 at once (default 64, or 16 × GOMAXPROCS if more)

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
	indexed   <-chan struct{} // closed once indexUnits is done; nil: done

	// The clauses and preamble paragraphs under each topic and entity,
	// newest document first.
	units             []unitRef          // every unit, newest document first
	byTopic, byEntity map[string][]int32 // places in units

	sentenceTopics phraseTopicsCache // each commitment's sentence's topics (phrasetopics.go)
	advancedOnce   sync.Once         // the advanced search form's choices (advanced.go)
	advancedAll    Advanced
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
		site: formats.Site{BaseURL: base, Name: SiteName, Licence: cfg.Licence},
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
	// The units are filed under their topics and names on another core
	// while the pages that do not list them are rendered (prerender waits).
	indexed := make(chan struct{})
	s.indexed = indexed
	go func() {
		defer close(indexed)
		fileUnits(s)
	}()
	if err := s.prerender(); err != nil {
		return nil, err
	}
	s.log.Debug("pages rendered", "pages", len(s.pages), "took", time.Since(start))
	s.handler = s.routes()
	return s, nil
}

// fileUnits is indexUnits; a test holds it up.
var fileUnits = (*Server).indexUnits

// Handler returns the Server's handler, guards included.
func (s *Server) Handler() http.Handler { return s.handler }
