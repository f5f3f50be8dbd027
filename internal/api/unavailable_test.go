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

// erringIndex is an index that answers every search with err.
type erringIndex struct{ err error }

func (x erringIndex) Search(context.Context, search.Query) (*search.Results, error) {
	return nil, x.err
}

// TestSearchUnavailable: a search the index cannot answer — while it is
// rebuilt after a failure, or still built after a start — is a 503 to
// retry that says which, not cached, as the OpenAPI document says, and
// without the Go error.
func TestSearchUnavailable(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	_, router := loadOpenAPI(t)
	for _, tc := range []struct {
		name, says string
		err        error
	}{
		{"rebuilt", "", fmt.Errorf("search: %w (panic in the search index: boom)", search.ErrUnavailable)},
		{"built after a start", "still being built", fmt.Errorf("search: %w", archive.ErrIndexing)},
	} {
		h := http.StripPrefix("/api/v1", New(Config{
			Archive: a, Vocabulary: rules, Search: erringIndex{tc.err},
			Site: formats.Site{BaseURL: "https://accord.example", Name: "Accord"},
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/search?q=trade", nil))
		resp := rec.Result()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s: GET /search = %d, Retry-After %q; want 503 with Retry-After", tc.name, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control = %q; want no-store", tc.name, cc)
		}
		if !strings.Contains(string(body), tc.says) {
			t.Errorf("%s: body does not say %q: %s", tc.name, tc.says, body)
		}
		if strings.Contains(string(body), "boom") || strings.Contains(string(body), "panic") {
			t.Errorf("%s: body shows the Go error: %s", tc.name, body)
		}
		checkAgainstOpenAPI(t, router, "/search?q=trade", resp, body)
	}
}
