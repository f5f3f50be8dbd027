// Package crawl walks a site through its own http.Handler, in process:
// from start addresses it fetches each page and follows every same-site
// link in its HTML. The result serves the link-checking tests and the
// static export, which must hold exactly what the server answers.
package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Page is one fetched address.
type Page struct {
	Path   string // path and query, as linked
	Status int
	Header http.Header
	Body   []byte
	From   string // the first page that linked here ("" for a start address)
}

// Options bound a crawl.
type Options struct {
	MaxPages int                    // stop after this many addresses (0: 10,000)
	Follow   func(path string) bool // whether to fetch a linked address (nil: all)
}

// Crawl fetches every address reachable from start through h.
func Crawl(h http.Handler, start []string, opt Options) (map[string]*Page, error) {
	if opt.MaxPages == 0 {
		opt.MaxPages = 10000
	}
	pages := map[string]*Page{}
	queue := []*Page{}
	for _, s := range start {
		if pages[s] == nil {
			p := &Page{Path: s}
			pages[s] = p
			queue = append(queue, p)
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if len(pages) > opt.MaxPages {
			return pages, fmt.Errorf("more than %d addresses: stopped", opt.MaxPages)
		}
		f := Fetch(h, p.Path)
		p.Status, p.Header, p.Body = f.Status, f.Header, f.Body
		if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			continue
		}
		links, err := Links(p.Body)
		if err != nil {
			return pages, fmt.Errorf("%s: %v", p.Path, err)
		}
		for _, l := range links {
			target, ok := resolve(p.Path, l)
			if !ok || pages[target] != nil || (opt.Follow != nil && !opt.Follow(target)) {
				continue
			}
			np := &Page{Path: target, From: p.Path}
			pages[target] = np
			queue = append(queue, np)
		}
	}
	return pages, nil
}

// Links lists the href and src attributes of an HTML page, in order.
func Links(body []byte) ([]string, error) {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out, nil
			}
			return out, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				key, val, more := z.TagAttr()
				if k := string(key); k == "href" || k == "src" {
					out = append(out, string(val))
				}
				if !more {
					break
				}
			}
		}
	}
}

// resolve makes a link absolute against the page it is on, keeping only
// same-site links, without their fragment.
func resolve(from, link string) (string, bool) {
	base, err := url.Parse(from)
	if err != nil {
		return "", false
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "", false
	}
	u = base.ResolveReference(u)
	u.Fragment = ""
	if u.Path == "" {
		return "", false
	}
	return u.RequestURI(), true
}

// Sorted returns the pages ordered by path.
func Sorted(pages map[string]*Page) []*Page {
	out := make([]*Page, 0, len(pages))
	for _, p := range pages {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Fetch gets one address through h.
func Fetch(h http.Handler, path string) *Page {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return &Page{Path: path, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}
