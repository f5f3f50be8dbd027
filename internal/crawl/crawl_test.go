package crawl

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
)

func TestCrawlFollowsSameSiteLinks(t *testing.T) {
	site := map[string]string{
		"/":             `<a href="/a">a</a> <a href="b?x=1#frag">b</a> <a href="https://elsewhere.example/">x</a> <link href="/static/s.css" rel="stylesheet">`,
		"/a":            `<a href="/">home</a> <a href="/missing">gone</a> <img src="/static/i.png" alt="">`,
		"/b?x=1":        `<a href="mailto:x@example.org">mail</a>`,
		"/static/s.css": "body{}",
		"/static/i.png": "png",
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := site[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Path == "/static/s.css" || r.URL.Path == "/static/i.png" {
			w.Header().Set("Content-Type", "application/octet-stream")
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		fmt.Fprint(w, body)
	})
	pages, err := Crawl(h, []string{"/"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for path, p := range pages {
		got[path] = p.Status
	}
	want := map[string]int{"/": 200, "/a": 200, "/b?x=1": 200, "/static/s.css": 200, "/static/i.png": 200, "/missing": 404}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Crawl() = %v; want %v", got, want)
	}
	if pages["/missing"].From != "/a" {
		t.Errorf("/missing linked from %q; want /a", pages["/missing"].From)
	}
}
