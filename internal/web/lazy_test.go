package web

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/classify"
)

// TestLazyPageRendersOnce: requests that ask for a page at once share one
// rendering, and a failure is kept like a page.
func TestLazyPageRendersOnce(t *testing.T) {
	var renders atomic.Int32
	l := newLazyPage(func() (*page, error) {
		renders.Add(1)
		return newPage(htmlType, []byte("<p>page</p>")), nil
	})
	got := make([]*page, 20)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], _ = l.get() })
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("rendered %d times; want once", n)
	}
	for _, p := range got {
		if p != got[0] || p.fields == nil {
			t.Fatal("the requests got different or unsealed pages")
		}
	}

	failed := newLazyPage(func() (*page, error) { renders.Add(1); return nil, errors.New("template fault") })
	for range 2 {
		if p, err := failed.get(); p != nil || err == nil {
			t.Errorf("failed page = %v, %v; want its error", p, err)
		}
	}
	if n := renders.Load(); n != 2 {
		t.Errorf("a failed page was rendered %d times; want once", n)
	}

	panicked := newLazyPage(func() (*page, error) { panic("template fault") })
	if p, err := panicked.get(); p != nil || err == nil || !strings.Contains(err.Error(), "template fault") {
		t.Errorf("page that panicked = %v, %v; want the panic as its error", p, err)
	}
}

// TestLazyPagesServed: every page rendered on first request is served as
// the pages rendered at start are, with its ETag, Cache-Control, gzip copy,
// 304 and HEAD, on the fast path and through the router alike, and is the
// same page on every request.
func TestLazyPagesServed(t *testing.T) {
	s := freshContentServer(t)
	if len(s.lazy) == 0 {
		t.Fatal("no page is rendered on first request")
	}
	for _, path := range []string{"/commitments", "/sitemap.xml", "/topics/transport", "/entities/titr"} {
		if _, ok := s.lazy[path]; !ok {
			t.Errorf("%s is not rendered on first request", path)
		}
	}
	for path := range s.lazy {
		for _, h := range []struct {
			name    string
			handler http.Handler
		}{{"fast path", s.Handler()}, {"router", s.routes()}} {
			first := get(t, h.handler, http.MethodGet, path)
			plain := body(t, first)
			etag := first.Header.Get("ETag")
			if first.StatusCode != 200 || etag == "" || first.Header.Get("Cache-Control") != cachePage {
				t.Fatalf("%s %s = %d, ETag %q, Cache-Control %q; want 200 with an ETag, %q",
					h.name, path, first.StatusCode, etag, first.Header.Get("Cache-Control"), cachePage)
			}
			if again := get(t, h.handler, http.MethodGet, path); body(t, again) != plain || again.Header.Get("ETag") != etag {
				t.Errorf("%s %s: a second request got another page", h.name, path)
			}
			if res := get(t, h.handler, http.MethodGet, path, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
				t.Errorf("%s %s If-None-Match = %d; want 304", h.name, path, res.StatusCode)
			}
			gz := get(t, h.handler, http.MethodGet, path, "Accept-Encoding", "gzip")
			if s.lazy[path].p.gzipped != nil && (gz.Header.Get("Content-Encoding") != "gzip" || gz.Header.Get("ETag") == etag) {
				t.Errorf("%s %s gzip: Content-Encoding %q, ETag %q", h.name, path, gz.Header.Get("Content-Encoding"), gz.Header.Get("ETag"))
			}
			head := get(t, h.handler, http.MethodHead, path)
			if b := body(t, head); head.StatusCode != 200 || b != "" || head.Header.Get("Content-Length") != itoa(len(plain)) {
				t.Errorf("%s HEAD %s = %d, %d bytes, Content-Length %s", h.name, path, head.StatusCode, len(b), head.Header.Get("Content-Length"))
			}
		}
	}
}

// TestTemplateFaultAtStart: a template that fails on the archive fails
// NewServer, also when its pages are rendered on first request.
func TestTemplateFaultAtStart(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"units.html", "commitments.html", "topics.html", "document.html"} {
		t.Run(name, func(t *testing.T) {
			templates := fstest.MapFS{}
			entries, err := os.ReadDir("../../templates")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				b, err := os.ReadFile("../../templates/" + e.Name())
				if err != nil {
					t.Fatal(err)
				}
				templates[e.Name()] = &fstest.MapFile{Data: b}
			}
			src := templates[name].Data
			i := bytes.LastIndex(src, []byte("{{end}}"))
			if i < 0 {
				t.Fatalf("%s has no {{end}}", name)
			}
			templates[name].Data = append(src[:i:i], append([]byte("{{.NoSuchField}}"), src[i:]...)...)
			_, err = newTestServerWith(a, rules, func(c *Config) { c.Templates = templates })
			if err == nil || !strings.Contains(err.Error(), "NoSuchField") {
				t.Errorf("NewServer with a faulty %s = %v; want its error", name, err)
			}
		})
	}
}

// TestCommitmentsOnFirstRequest: the commitments overview, which reads
// every commitment of the archive and every sentence that holds one, is
// rendered when first asked for, not at start, where its template is
// tried on one document's commitments.
func TestCommitmentsOnFirstRequest(t *testing.T) {
	s := freshContentServer(t)
	if s.lazy["/commitments"].p != nil || s.sentenceTopics.m != nil {
		t.Fatal("the commitments overview was rendered at start")
	}
	if res := get(t, s.Handler(), http.MethodGet, "/commitments"); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /commitments = %d", res.StatusCode)
	}
	if s.lazy["/commitments"].p == nil || s.sentenceTopics.m == nil {
		t.Error("GET /commitments did not render the overview")
	}
}

// freshContentServer is a server of the repository's content of its own,
// which no other test has asked a page of.
func freshContentServer(t *testing.T) *Server {
	t.Helper()
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newTestServer(a, rules)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
