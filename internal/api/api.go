// Package api serves the archive as JSON under /api/v1: documents, clauses,
// their commitments, topics and entities, and clause-level search, described by the OpenAPI 3.1 document it also
// serves. It is read-only: GET and HEAD, CORS open, an ETag on every
// response, errors as {"status": …, "message": …}.
package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/search"
)

// OpenAPI is the API's contract, served at /api/v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// Searcher runs clause-level searches; *search.Index is one.
type Searcher interface {
	Search(context.Context, search.Query) (*search.Results, error)
}

// Vocabulary names the commitment types, topics and entities that
// classify the archive's units; *classify.Rules is one. The lookups report
// false for a code or slug the vocabulary does not define.
type Vocabulary interface {
	Types() []*archive.CommitmentType // strongest first
	Topics() []*archive.Topic
	Entities() []*archive.Entity
	Type(code string) (*archive.CommitmentType, bool)
	Topic(slug string) (*archive.Topic, bool)
	Entity(slug string) (*archive.Entity, bool)
}

// Config is what the API serves. Archive, Vocabulary and Search are required.
type Config struct {
	Archive    *archive.Archive
	Vocabulary Vocabulary
	Search     Searcher
	Site       formats.Site
	Logger     *slog.Logger
}

type server struct{ Config }

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
	s := &server{cfg}
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
		writeJSON(w, r, http.StatusOK, append(body, '\n'))
	}
}

func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		s.Logger.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apiError{http.StatusInternalServerError, "Internal error."}
	} else {
		s.Logger.Info("api", "method", r.Method, "path", r.URL.Path, "status", ae.Status, "msg", ae.Message)
	}
	if ae.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	body, _ := json.MarshalIndent(ae, "", "  ")
	writeJSON(w, r, ae.Status, append(body, '\n'))
}

// writeJSON writes a body with a strong ETag, answering 304 when the
// client already has it.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=300")
	if status >= http.StatusInternalServerError {
		h.Set("Cache-Control", "no-store") // the next answer may differ
	}
	if status == http.StatusOK && etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == etag || t == "*" {
			return true
		}
	}
	return false
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
	writeJSON(w, r, http.StatusOK, bytes.Clone(OpenAPI))
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
	}, nil
}
