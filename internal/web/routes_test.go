package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/httpx/httpxtest"
)

// panicWriter panics on its first WriteHeader, as a fault while a page is
// being served would, and then records like a ResponseRecorder.
type panicWriter struct {
	*httptest.ResponseRecorder
	panicked bool
}

func (w *panicWriter) WriteHeader(code int) {
	if !w.panicked {
		w.panicked = true
		panic("write fault")
	}
	w.ResponseRecorder.WriteHeader(code)
}

// TestKeptPagesPassTheGuards checks that the pages answered before the
// router (keptFirst) get what every guard gives every response: a request
// id, the security headers, an access log line, recovery from a panic,
// the read-only limits and the canonical redirects.
func TestKeptPagesPassTheGuards(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s, err := newTestServerWith(a, rules, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c.HSTS = true
	})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	d := seedDoc(t)
	for _, path := range []string{"/", "/about", d.Path(), d.Clauses[0].Path(), d.Path() + "/data.json", "/robots.txt"} {
		if _, kept := s.pages[path]; !kept {
			t.Fatalf("%s is not kept since start; the test needs pages that are", path)
		}
		t.Run(path, func(t *testing.T) {
			logs.Reset()
			res := get(t, h, http.MethodGet, path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", path, res.StatusCode)
			}
			if res.Header.Get("X-Request-Id") == "" {
				t.Errorf("GET %s: no X-Request-Id", path)
			}
			httpxtest.CheckSecurityHeaders(t, "GET "+path, res.Header, true)
			if line := logs.String(); !strings.Contains(line, "msg=request") || !strings.Contains(line, "path="+path+" ") {
				t.Errorf("GET %s: no access log line; the log holds %q", path, line)
			}

			w := &panicWriter{ResponseRecorder: httptest.NewRecorder()}
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
			if w.Code != http.StatusInternalServerError || !strings.Contains(logs.String(), "msg=panic") {
				t.Errorf("GET %s that panics = %d; want the 500 page and the panic logged", path, w.Code)
			}

			if res := get(t, h, http.MethodPost, path); res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("POST %s = %d; want 405", path, res.StatusCode)
			}
			req := httptest.NewRequest(http.MethodGet, path, strings.NewReader("body"))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusRequestEntityTooLarge {
				t.Errorf("GET %s with a body = %d; want 413", path, rec.Code)
			}
			if path != "/" {
				res := get(t, h, http.MethodGet, strings.ToUpper(path[:2])+path[2:]+"/")
				if res.StatusCode != http.StatusMovedPermanently && res.StatusCode != http.StatusNotFound {
					t.Errorf("GET %s/ = %d; want a redirect to the canonical address (or, outside /documents, 404)", path, res.StatusCode)
				}
			}
		})
	}
}

// TestArchitectureNamesEveryHandler keeps docs/ARCHITECTURE.md's route
// table in step with the route table here: every handler routes() names
// must be in it, so that a newcomer finds each route's renderer.
func TestArchitectureNamesEveryHandler(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	handlers := regexp.MustCompile(`(?:get|Get|Head)\("[^"]+", s\.(\w+)\)`).FindAllStringSubmatch(string(src), -1)
	if len(handlers) < 15 {
		t.Fatalf("found %d routes in routes.go; the pattern no longer reads it", len(handlers))
	}
	for _, h := range handlers {
		if !strings.Contains(string(doc), "`"+h[1]+"`") {
			t.Errorf("docs/ARCHITECTURE.md does not name %s, the handler of a route", h[1])
		}
	}
}
