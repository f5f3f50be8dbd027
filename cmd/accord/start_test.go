package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/search"
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
