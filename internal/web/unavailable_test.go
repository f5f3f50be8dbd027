package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/search"
)

// failingIndex is an index that failed and is being rebuilt.
type failingIndex struct{}

func (failingIndex) Search(context.Context, search.Query) (*search.Results, error) {
	return nil, fmt.Errorf("search: %w (panic in the search index: boom)", search.ErrUnavailable)
}

// TestSearchUnavailable: a search the index cannot answer while it is
// rebuilt is a 503 page to retry, not a 500, without the Go error.
func TestSearchUnavailable(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newTestServerWith(a, rules, func(c *Config) { c.Search = failingIndex{} })
	if err != nil {
		t.Fatal(err)
	}
	resp := get(t, s.Handler(), http.MethodGet, "/search?q=trade")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("GET /search while the index is rebuilt = %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if strings.Contains(string(body), "boom") || strings.Contains(string(body), "panic") {
		t.Errorf("the page shows the Go error")
	}
}
