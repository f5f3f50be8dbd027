package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/testenv"
)

// limitedServer serves the seed over a real listener with the index's
// limits set by limits (given the index, to estimate with) and the log in
// the returned buffer.
func limitedServer(t *testing.T, limits func(*search.Index) search.Limits) (*httptest.Server, *testenv.Buffer) {
	t.Helper()
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	log := &testenv.Buffer{}
	s, err := newTestServerWith(a, rules, func(cfg *Config) {
		ix := cfg.Search.(*search.Index)
		ix.SetLimits(limits(ix))
		cfg.Logger = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
	t.Cleanup(srv.Close)
	return srv, log
}

type answer struct {
	status     int
	retryAfter string
	cache      string // Cache-Control
	body       string
}

func fetchSearch(t *testing.T, srv *httptest.Server, path string, q string) answer {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + path + "?" + url.Values{"q": {q}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header.Get("Retry-After"), res.Header.Get("Cache-Control"), string(b)}
}

// apiMessage is the message of the API's error JSON.
func apiMessage(t *testing.T, a answer) string {
	t.Helper()
	var e struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(a.body), &e); err != nil || e.Status != a.status {
		t.Fatalf("API error body %q: %v; want {status: %d, message}", a.body, err, a.status)
	}
	return e.Message
}

const broad = `"the parties" OR "the presidents" OR cooperation`

// A query estimated over the limit is a 400 that says why, on the page and
// in the API; one under it runs.
func TestSearchTooCostly(t *testing.T) {
	srv, log := limitedServer(t, func(ix *search.Index) search.Limits {
		c, err := ix.Estimate(context.Background(), search.Query{Text: "transport"})
		if err != nil {
			t.Fatal(err)
		}
		return search.Limits{MaxCost: c.Units}
	})
	for _, path := range []string{"/search", "/api/v1/search"} {
		if a := fetchSearch(t, srv, path, "transport"); a.status != http.StatusOK {
			t.Errorf("%s transport = %d; want 200 under the limit", path, a.status)
		}
		a := fetchSearch(t, srv, path, broad)
		if a.status != http.StatusBadRequest {
			t.Fatalf("%s %s = %d; want 400\n%s", path, broad, a.status, a.body)
		}
		msg := a.body
		if strings.HasPrefix(path, "/api/") {
			msg = apiMessage(t, a)
		}
		for _, want := range []string{"too broad", "joins 3 alternatives with OR", "has 2 phrases", "Use fewer alternatives or rarer words"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the 400 does not say %q:\n%s", path, want, msg)
			}
		}
		if strings.Contains(msg, "units") || strings.Contains(msg, "query too costly") {
			t.Errorf("%s: the 400 shows a Go error:\n%s", path, msg)
		}
	}
	if l := log.String(); strings.Contains(l, "level=ERROR") {
		t.Errorf("a refused query was logged as an error:\n%s", l)
	}
}

// A search that reaches its deadline is a 503 with Retry-After on the page
// and in the API, never a 500, and is logged as a warning, not an error.
func TestSearchTimeoutIs503(t *testing.T) {
	srv, log := limitedServer(t, func(*search.Index) search.Limits {
		return search.Limits{Timeout: time.Nanosecond} // every search runs out of time
	})
	page := fetchSearch(t, srv, "/search", "cooperation")
	if page.status != http.StatusServiceUnavailable || page.retryAfter == "" || !strings.Contains(page.body, "took too long") {
		t.Errorf("page: %d, Retry-After %q; want 503 saying the search took too long, with Retry-After\n%s", page.status, page.retryAfter, page.body)
	}
	api := fetchSearch(t, srv, "/api/v1/search", "cooperation")
	if api.status != http.StatusServiceUnavailable || api.retryAfter == "" {
		t.Fatalf("API: %d, Retry-After %q; want 503 with Retry-After\n%s", api.status, api.retryAfter, api.body)
	}
	if msg := apiMessage(t, api); !strings.Contains(msg, "took too long") {
		t.Errorf("API message %q does not say the search took too long", msg)
	}
	l := log.String()
	if strings.Contains(l, "level=ERROR") {
		t.Errorf("a search that timed out was logged as an error:\n%s", l)
	}
	if !strings.Contains(l, "level=WARN") {
		t.Errorf("a search that timed out was not logged as a warning:\n%s", l)
	}
}

// searchFunc is a Searcher made of a function.
type searchFunc func(context.Context, search.Query) (*search.Results, error)

func (f searchFunc) Search(ctx context.Context, q search.Query) (*search.Results, error) {
	return f(ctx, q)
}

// A search its lane could not admit is a 503 with Retry-After on the page
// and in the API.
func TestSearchBusyIs503(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newTestServerWith(a, rules, func(cfg *Config) {
		cfg.Search = searchFunc(func(context.Context, search.Query) (*search.Results, error) {
			return nil, search.ErrBusy
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
	defer srv.Close()
	page := fetchSearch(t, srv, "/search", "cooperation")
	if page.status != http.StatusServiceUnavailable || page.retryAfter == "" || !strings.Contains(page.body, "busy") {
		t.Errorf("page: %d, Retry-After %q; want 503 saying search is busy, with Retry-After", page.status, page.retryAfter)
	}
	api := fetchSearch(t, srv, "/api/v1/search", "cooperation")
	if api.status != http.StatusServiceUnavailable || api.retryAfter == "" || !strings.Contains(apiMessage(t, api), "busy") {
		t.Errorf("API: %d, Retry-After %q; want 503 saying search is busy, with Retry-After\n%s", api.status, api.retryAfter, api.body)
	}
	// The server's load passes: no cache may keep the answer.
	for what, a := range map[string]answer{"page": page, "API": api} {
		if a.cache != "no-store" {
			t.Errorf("%s: a 503 with Cache-Control %q; want no-store", what, a.cache)
		}
	}
}
