package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/search"
)

// failingIndex is an index that failed and is being rebuilt.
type failingIndex struct{}

func (failingIndex) Search(context.Context, search.Query) (*search.Results, error) {
	return nil, fmt.Errorf("search: %w (panic in the search index: boom)", search.ErrUnavailable)
}

// TestSearchUnavailable: a search the index cannot answer while it is
// rebuilt is a 503 to retry, not cached, as the OpenAPI document says,
// and without the Go error.
func TestSearchUnavailable(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	h := http.StripPrefix("/api/v1", New(Config{
		Archive: a, Vocabulary: rules, Search: failingIndex{},
		Site: formats.Site{BaseURL: "https://accord.example", Name: "Accord"},
	}))
	req := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=trade", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("GET /search while the index is rebuilt = %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store", cc)
	}
	if strings.Contains(string(body), "boom") || strings.Contains(string(body), "panic") {
		t.Errorf("body shows the Go error: %s", body)
	}
	_, router := loadOpenAPI(t)
	checkAgainstOpenAPI(t, router, "/search?q=trade", resp, body)
}

// buildingIndex is an index still being built after a start.
type buildingIndex struct{}

func (buildingIndex) Search(context.Context, search.Query) (*search.Results, error) {
	return nil, fmt.Errorf("search: %w", archive.ErrIndexing)
}

// TestSearchWhileIndexing: a search before the index is built after a
// start is a 503 to retry, not cached, that says so, as the OpenAPI
// document says.
func TestSearchWhileIndexing(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	h := http.StripPrefix("/api/v1", New(Config{
		Archive: a, Vocabulary: rules, Search: buildingIndex{},
		Site: formats.Site{BaseURL: "https://accord.example", Name: "Accord"},
	}))
	req := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=trade", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /search while the index is built = %d, Retry-After %q, Cache-Control %q; want 503, Retry-After, no-store", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Cache-Control"))
	}
	if !strings.Contains(string(body), "still being built") {
		t.Errorf("body does not say the index is being built: %s", body)
	}
	_, router := loadOpenAPI(t)
	checkAgainstOpenAPI(t, router, "/search?q=trade", resp, body)
}
