package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/vocab"
)

const seedSlug = "2025-11-17-kazakhstan-estonia"

// seedServer is one Server over the repository's content, templates and
// static files with a real index, shared by read-only tests.
var seedServer = sync.OnceValues(func() (*Server, error) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		return nil, err
	}
	return newTestServer(a, rules)
})

func newTestServer(a *archive.Archive, v Vocabulary) (*Server, error) {
	return newTestServerWith(a, v, nil)
}

// newTestServerWith lets a test change the configuration.
func newTestServerWith(a *archive.Archive, v Vocabulary, change func(*Config)) (*Server, error) {
	idx, err := search.Build(context.Background(), a)
	if err != nil {
		return nil, err
	}
	cfg := Config{
		Archive:    a,
		Vocabulary: v,
		Search:     idx,
		Templates:  os.DirFS("../../templates"),
		Static:     os.DirFS("../../static"),
		BaseURL:    "https://accord.example",
	}
	// The repository's licence, as accord serve gives it.
	licence, problems := vocab.LoadSite(os.DirFS("../../content"))
	if len(problems) > 0 {
		return nil, problems[0]
	}
	cfg.Licence = licence
	if change != nil {
		change(&cfg)
	}
	return NewServer(cfg)
}

func seed(t testing.TB) *Server {
	t.Helper()
	s, err := seedServer()
	if err != nil {
		t.Fatalf("seed server: %v", err)
	}
	return s
}

func seedDoc(t testing.TB) *archive.Document {
	t.Helper()
	d, ok := seed(t).cfg.Archive.Document(seedSlug)
	if !ok {
		t.Fatalf("no seed document %s", seedSlug)
	}
	return d
}

// get requests target from h with optional header pairs.
func get(t testing.TB, h http.Handler, method, target string, headers ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func contains(s string, subs ...string) (missing []string) {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			missing = append(missing, sub)
		}
	}
	return missing
}

// TestUnitsFiledBesidePages: the units are filed by topic and name on
// another core while the first pages are rendered; the pages that list
// them wait, and come out as they do when the filing is quick.
func TestUnitsFiledBesidePages(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	quick, err := newTestServer(a, rules)
	if err != nil {
		t.Fatal(err)
	}
	file := fileUnits
	t.Cleanup(func() { fileUnits = file })
	fileUnits = func(s *Server) {
		time.Sleep(100 * time.Millisecond)
		file(s)
	}
	slow, err := newTestServer(a, rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/topics", "/entities", "/sitemap.xml"} {
		want := body(t, get(t, quick.Handler(), http.MethodGet, path))
		if got := body(t, get(t, slow.Handler(), http.MethodGet, path)); got != want || !strings.Contains(want, "/topics/") && !strings.Contains(want, "/entities/") {
			t.Errorf("%s with the units filed slowly differs, or lists no topic:\n%s\nwant:\n%s", path, got, want)
		}
	}
}
