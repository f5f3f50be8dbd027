package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/synth"
)

// TestSearchLater: a site made with searchLater searches only once its
// index is built: before, a search is ErrIndexing (a 503 to retry, never
// a 500), and the pages are served; after, searches answer.
func TestSearchLater(t *testing.T) {
	ctx := context.Background()
	s, err := newSite(ctx, serveConfig{baseURL: "http://127.0.0.1:8080"}, slog.New(slog.DiscardHandler), siteOptions{searchLater: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A pending index that has not been built: what a search meets
	// between /readyz and the end of the build.
	early := &pendingIndex{done: make(chan struct{})}
	if _, err := early.Search(ctx, search.Query{Text: "trade"}); !errors.Is(err, archive.ErrIndexing) {
		t.Fatalf("a search before the build = %v; want ErrIndexing", err)
	}
	if _, err := s.index.wait(); err != nil {
		t.Fatal(err)
	}
	h := s.handler
	for _, path := range []string{"/search?q=trade", "/api/v1/search?q=trade", "/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			b, _ := io.ReadAll(rec.Body)
			t.Errorf("GET %s once built = %d: %.200s", path, rec.Code, b)
		}
	}
	// A build that failed answers ErrUnavailable, not its error.
	failed := &pendingIndex{done: make(chan struct{}), err: errors.New("boom")}
	close(failed.done)
	if _, err := failed.Search(ctx, search.Query{Text: "trade"}); !errors.Is(err, archive.ErrUnavailable) {
		t.Errorf("a search after a failed build = %v; want ErrUnavailable", err)
	}
}

// TestNoPageRenderedAtStart: the site `serve` makes renders no document's
// page before it is ready, whatever the archive's size: not the seed's (an
// archive small enough for the web package to render at start unless told
// otherwise), not a synthetic archive of 6,000 clauses; the first request
// for a clause page renders and keeps that page alone.
func TestNoPageRenderedAtStart(t *testing.T) {
	ctx := context.Background()
	big := t.TempDir()
	vocab, err := fs.Sub(accord.Files, "content/vocabulary")
	if err != nil {
		t.Fatal(err)
	}
	docs := synth.Generate(1, 600, 10)
	if err := fixture.WriteContent(big, docs, vocab); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		content string
		clause  string
	}{
		{"seed", "", ""},
		{"6,000 clauses", big, docs[300].Clauses[2].Path()},
	} {
		s, err := newSite(ctx, serveConfig{contentDir: c.content, baseURL: "http://127.0.0.1:8080"}, slog.New(slog.DiscardHandler), siteOptions{searchLater: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := s.server.DocumentPagesKept(); n != 0 {
			t.Errorf("%s: %d documents' pages rendered and kept at start; want none", c.name, n)
		}
		clause := c.clause
		if clause == "" {
			clause = s.archive.Documents()[0].Clauses[0].Path()
		}
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, clause, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s: GET %s = %d", c.name, clause, rec.Code)
		}
		if n := s.server.DocumentPagesKept(); n != 1 {
			t.Errorf("%s: %d documents' pages kept after one request; want 1", c.name, n)
		}
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}
}
