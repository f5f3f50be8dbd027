package web

import (
	"net/http"
	"os"
	"testing"
)

// TestPageRenderedOnFirstRequest: a server that renders documents' pages
// when first asked for keeps none at start, renders one on its first
// request and serves it from the cache after, with the ETag (and 304) of
// a server that rendered it at start.
func TestPageRenderedOnFirstRequest(t *testing.T) {
	lazy := serverOver(t, os.DirFS("../../content"), func(c *Config) { c.EagerClauses = -1 })
	for _, path := range []string{"/documents/" + seedSlug, "/documents/" + seedSlug + "/clauses/2"} {
		if _, ok := lazy.pages[path]; ok {
			t.Fatalf("%s was rendered at start", path)
		}
		if _, ok := lazy.pageCache.get(path, false); ok {
			t.Fatalf("%s is cached before any request", path)
		}
		eager := get(t, seed(t).Handler(), http.MethodGet, path)
		first := get(t, lazy.Handler(), http.MethodGet, path)
		cached, ok := lazy.pageCache.get(path, false)
		if !ok {
			t.Fatalf("%s was not kept after its first request", path)
		}
		second := get(t, lazy.Handler(), http.MethodGet, path)
		tag := eager.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || tag == "" || first.Header.Get("ETag") != tag || second.Header.Get("ETag") != tag {
			t.Errorf("%s: %d, ETag %q then %q; want 200 and the eager server's %q", path, first.StatusCode, first.Header.Get("ETag"), second.Header.Get("ETag"), tag)
		}
		if again, _ := lazy.pageCache.get(path, false); again != cached {
			t.Errorf("%s was rendered again rather than served from the cache", path)
		}
		if res := get(t, lazy.Handler(), http.MethodGet, path, "If-None-Match", tag); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match its ETag = %d; want 304", path, res.StatusCode)
		}
	}
}
