package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"sync"

	"github.com/accord-archive/accord/internal/httpx"
)

// page is a response rendered once: its body, a gzipped copy when that is
// smaller, and the ETag both share.
type page struct {
	status      int
	contentType string
	body        []byte
	gzipped     []byte // nil when gzip would not pay
	etag        string
	cache       string // Cache-Control
	disposition string // Content-Disposition, for downloads

	// The response headers, made once by seal: every request shares them.
	headers, gzHeaders map[string][]string
}

const (
	// cachePage lets browsers and proxies keep a page briefly and then
	// revalidate it with its ETag, which is cheap.
	cachePage = "public, max-age=300"
	// cacheAsset is for fingerprinted static files, whose names change
	// whenever their content does.
	cacheAsset = "public, max-age=31536000, immutable"
)

func newPage(contentType string, body []byte) *page {
	p := &page{
		status:      http.StatusOK,
		contentType: contentType,
		body:        body,
		etag:        httpx.ETag(body),
		cache:       cachePage,
	}
	if len(body) > httpx.GzipMin {
		var buf bytes.Buffer
		// Best compression for pages, which are small and served often;
		// fast for the large ones (a big archive's sitemaps), whose
		// compression would otherwise hold up the start.
		level := gzip.BestCompression
		if len(body) > 256<<10 {
			level = gzip.BestSpeed
		}
		zw, _ := gzip.NewWriterLevel(&buf, level)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body)*9/10 {
			p.gzipped = bytes.Clone(buf.Bytes()) // without the buffer's spare room
		}
	}
	return p
}

// seal makes the page's response headers once its fields are final.
func (p *page) seal() *page {
	one := func(v string) []string { return []string{v} }
	h := map[string][]string{
		"Content-Type":   one(p.contentType),
		"Cache-Control":  one(p.cache),
		"Etag":           one(p.etag),
		"Content-Length": one(itoa(len(p.body))),
	}
	if p.disposition != "" {
		h["Content-Disposition"] = one(p.disposition)
	}
	if p.gzipped != nil {
		h["Vary"] = one("Accept-Encoding")
		gz := make(map[string][]string, len(h)+1)
		for k, v := range h {
			gz[k] = v
		}
		gz["Content-Encoding"] = one("gzip")
		gz["Content-Length"] = one(itoa(len(p.gzipped)))
		// Another representation, another strong validator.
		gz["Etag"] = one(httpx.GzipETag(p.etag))
		p.gzHeaders = gz
	}
	p.headers = h
	return p
}

// serve writes p, answering conditional requests with 304 and sending the
// gzipped copy to clients that accept it.
func (p *page) serve(w http.ResponseWriter, r *http.Request) {
	if p.headers == nil {
		// Not sealed: a page made for this one request. Seal a copy, so
		// that no shared page is ever written while served.
		c := *p
		p = c.seal()
	}
	h := w.Header()
	headers, body := p.headers, p.body
	if p.gzipped != nil && httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		headers, body = p.gzHeaders, p.gzipped
	}
	inflate := body == nil && p.gzipped != nil // a page kept compressed
	for k, v := range headers {
		h[k] = v[:1:1]
	}
	// Only a page that exists can be not modified: never the 404 page.
	if p.status == http.StatusOK && httpx.ETagMatch(r.Header.Get("If-None-Match"), headers["Etag"][0]) {
		httpx.NotModified(w)
		return
	}
	w.WriteHeader(p.status)
	switch {
	case r.Method == http.MethodHead:
	case inflate:
		writeInflated(w, p.gzipped)
	default:
		w.Write(body)
	}
}

// compressed returns p as the page cache keeps it: without its body when
// it has a gzipped copy, which serve inflates again for the rare client
// that does not take gzip. A clause page then costs about 3 KB, not 14.
// p must be sealed, so that its headers already give the body's length.
func (p *page) compressed() *page {
	if p.gzipped == nil || p.headers == nil {
		return p
	}
	c := *p
	c.body = nil
	return &c
}

var gzipReaders sync.Pool // of *gzip.Reader

// writeInflated writes the body that gz compresses. gz was written by
// newPage, so it is well formed; a failed write is the client's going.
func writeInflated(w io.Writer, gz []byte) {
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(gz))
	} else {
		err = zr.Reset(bytes.NewReader(gz))
	}
	if err != nil {
		return
	}
	io.Copy(w, zr)
	gzipReaders.Put(zr)
}
