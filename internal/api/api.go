// Package api serves the archive as JSON under /api/v1: documents, clauses,
// any provision of a document's tree by its eId,
// their commitments, topics and entities, and clause-level search, described by the OpenAPI 3.1 document it also
// serves. It is read-only: GET and HEAD, CORS open, an ETag on every
// response, errors as {"status": …, "message": …}.
package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// OpenAPI is the API's contract, served at /api/v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// Searcher runs clause-level searches; *search.Index is one. The contract
// is the archive's, so that the API depends on no search engine.
type Searcher = archive.Searcher

// Vocabulary names the commitment types, topics and entities that
// classify the archive's units; *classify.Rules is one.
type Vocabulary = archive.Vocabulary

// Config is what the API serves. Archive, Vocabulary and Search are required.
type Config struct {
	Archive    *archive.Archive
	Vocabulary Vocabulary
	Search     Searcher
	Site       formats.Site
	Logger     *slog.Logger
}

type server struct {
	Config
	openapi []byte // OpenAPI with the archive's licence
}

// New returns the API's handler, to be mounted at /api/v1.
// It panics if Archive, Vocabulary or Search is nil: that is a mistake in
// the program, found when it starts.
func New(cfg Config) http.Handler {
	if cfg.Archive == nil || cfg.Vocabulary == nil || cfg.Search == nil {
		panic("api: Config needs Archive, Vocabulary and Search")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &server{Config: cfg, openapi: describe(OpenAPI, cfg.Site)}
	r := chi.NewRouter()
	r.Use(cors)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		s.writeError(w, r, &apiError{http.StatusMethodNotAllowed, "method not allowed: the API is read-only (GET and HEAD)"})
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, &apiError{http.StatusNotFound, "no such API address: see /api/v1/openapi.json"})
	})
	get := func(pattern string, h func(*http.Request) (any, error)) {
		r.Get(pattern, s.handle(h))
		r.Head(pattern, s.handle(h))
	}
	get("/documents", s.listDocuments)
	get("/documents/{slug}", s.getDocument)
	get("/documents/{slug}/clauses/{number}", s.getClause)
	get("/documents/{slug}/provisions/{eid}", s.getProvision)
	get("/commitments", s.listCommitments)
	get("/topics", s.listTopics)
	get("/topics/{slug}", s.getTopic)
	get("/entities", s.listEntities)
	get("/entities/{slug}", s.getEntity)
	get("/search", s.search)
	get("/", s.index)
	r.Get("/openapi.json", s.serveOpenAPI)
	r.Head("/openapi.json", s.serveOpenAPI)
	return r
}

// apiError is an error a client caused, with the status to answer.
type apiError struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Message }

func notFound(format string, args ...any) error {
	return &apiError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// handle adapts a handler that returns a value to be written as JSON.
func (s *server) handle(h func(*http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		body, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			s.writeError(w, r, fmt.Errorf("encode response: %w", err))
			return
		}
		var stable []byte
		if t, ok := v.(timed); ok {
			// Tagged without its timing, so that the same search
			// answered again is not modified.
			if stable, err = json.MarshalIndent(t.untimed(), "", "  "); err != nil {
				s.writeError(w, r, fmt.Errorf("encode response: %w", err))
				return
			}
		}
		writeJSONStable(w, r, http.StatusOK, append(body, '\n'), stable)
	}
}

// timed is a response that says how long it took to make: untimed is the
// same response without that.
type timed interface{ untimed() any }

func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		s.Logger.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apiError{http.StatusInternalServerError, "Internal error."}
	} else {
		s.Logger.Info("api", "method", r.Method, "path", r.URL.Path, "status", ae.Status, "msg", ae.Message)
	}
	if ra, ok := errors.AsType[*retryLater](err); ok {
		w.Header().Set("Retry-After", ra.after)
	}
	body, _ := json.MarshalIndent(ae, "", "  ")
	cache := "public, max-age=300"
	if ae.Status >= 500 {
		// The server's load or fault passes: no cache may keep it.
		cache = "no-store"
	}
	httpx.Write(w, r, httpx.Response{
		Status:      ae.Status,
		ContentType: "application/json; charset=utf-8",
		Cache:       cache,
		Body:        append(body, '\n'),
	})
}

// writeJSON writes a body with its ETag, answering 304 when the client
// already has it.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	writeJSONStable(w, r, status, body, nil)
}

// writeJSONStable is writeJSON for a body with a part that changes from
// one request to the next: its tag is stable's, and weak (httpx.Response).
func writeJSONStable(w http.ResponseWriter, r *http.Request, status int, body, stable []byte) {
	httpx.Write(w, r, httpx.Response{
		Status:      status,
		ContentType: "application/json; charset=utf-8",
		Cache:       "public, max-age=300",
		Body:        body,
		Stable:      stable,
	})
}

// cors opens the API to pages on other origins: it is public and read-only.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, HEAD")
			h.Set("Access-Control-Allow-Headers", "If-None-Match")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, r, http.StatusOK, bytes.Clone(s.openapi))
}

// describe is the OpenAPI document with what depends on the site: its
// contact (the about page, which says where to report errors) and the
// archive's licence as info.license, an identifier when the licence has
// one (3.1 allows it or a url, not both), else its url. The document is
// this package's, with "info": { written once, so they are set in at that
// place and the document keeps its order.
func describe(doc []byte, site formats.Site) []byte {
	js, _ := json.Marshal(map[string]string{"name": site.Name, "url": site.URL("/about")})
	add := "\n    \"contact\": " + string(js) + ","
	if l := site.Licence; l.Declared() {
		lic := map[string]string{"name": l.Name}
		if l.ID != "" {
			lic["identifier"] = l.ID
		} else {
			lic["url"] = l.URL
		}
		js, _ := json.Marshal(lic)
		add += "\n    \"license\": " + string(js) + ","
	}
	const info = `"info": {`
	i := bytes.Index(doc, []byte(info))
	if i < 0 {
		panic("api: openapi.json has no info object")
	}
	i += len(info)
	out := make([]byte, 0, len(doc)+len(add))
	out = append(out, doc[:i]...)
	out = append(out, add...)
	return append(out, doc[i:]...)
}

// index is the API's entry point: where its collections and its
// description are.
func (s *server) index(*http.Request) (any, error) {
	u := func(p string) string { return s.Site.URL("/api/v1" + p) }
	return map[string]string{
		"name":        s.Site.Name + " API",
		"openapi":     u("/openapi.json"),
		"documents":   u("/documents"),
		"search":      u("/search"),
		"commitments": u("/commitments"),
		"topics":      u("/topics"),
		"entities":    u("/entities"),
		// The bulk files and OAI-PMH are the site's, outside the API.
		"bulk_jsonl":   s.Site.URL(formats.BulkJSONLines),
		"bulk_akn_zip": s.Site.URL(formats.BulkAknZip),
		"bulk_csv":     s.Site.URL(formats.BulkCSV),
		"oai":          s.Site.URL("/oai"),
	}, nil
}
