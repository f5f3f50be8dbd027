package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/search"
)

// erringIndex is an index that answers every search with err.
type erringIndex struct{ err error }

func (x erringIndex) Search(context.Context, search.Query) (*search.Results, error) {
	return nil, x.err
}

// TestSearchUnavailable: a search the index cannot answer — while it is
// rebuilt after a failure, or still built after a start — is a 503 page
// to retry that says which, not a 500, and without the Go error.
func TestSearchUnavailable(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, says string
		err        error
	}{
		{"rebuilt", "", fmt.Errorf("search: %w (panic in the search index: boom)", search.ErrUnavailable)},
		{"built after a start", "still being built", fmt.Errorf("search: %w", archive.ErrIndexing)},
	} {
		s, err := newTestServerWith(a, rules, func(c *Config) { c.Search = erringIndex{tc.err} })
		if err != nil {
			t.Fatal(err)
		}
		resp := get(t, s.Handler(), http.MethodGet, "/search?q=trade")
		b := body(t, resp)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s: GET /search = %d, Retry-After %q; want 503 with Retry-After", tc.name, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if !strings.Contains(b, tc.says) {
			t.Errorf("%s: the page does not say %q", tc.name, tc.says)
		}
		if strings.Contains(b, "boom") || strings.Contains(b, "panic") || strings.Contains(b, archive.ErrIndexing.Error()) {
			t.Errorf("%s: the page shows the Go error", tc.name)
		}
	}
}
