package httpx

import (
	"bytes"
	"compress/gzip"
	"html"
	"net/http"
	"strconv"
	"sync"
)

// Response is a response made whole before any of it is written, so that
// its length, its tag and its gzipped copy are known before its headers
// are sent, for GET and HEAD alike.
type Response struct {
	Status      int
	ContentType string
	Body        []byte
	// Cache is the Cache-Control value; none when empty.
	Cache string
	// Stable, when not nil, is what the tag is computed from in place of
	// Body: Body without the parts that change from one request to the
	// next although the response means the same (the time a search took).
	// The tag is then weak, since the bytes of two responses carrying it
	// may differ.
	Stable []byte
	// NoTag leaves the ETag out, for a response no one revalidates.
	NoTag bool
}

// GzipMin is the smallest body worth gzipping: below it, the gzip
// header and the Vary it brings cost more than they save.
const GzipMin = 512

// Write writes resp for r: with its entity tag, gzipped when the client
// takes gzip and that saves a tenth or more, as 304 when the request's
// If-None-Match names the tag of a 200 response, and without the body for
// HEAD, whose headers are a GET's to the byte. Headers already set on w
// (the security headers, Retry-After) are kept.
func Write(w http.ResponseWriter, r *http.Request, resp Response) {
	body := resp.Body
	tagged := body
	if resp.Stable != nil {
		tagged = resp.Stable
	}
	etag := ETag(tagged)
	h := w.Header()
	encoded := false
	if len(body) > GzipMin {
		// Whether gzip is sent depends on the request's Accept-Encoding:
		// caches must know, even when this request gets the plain body.
		h.Set("Vary", "Accept-Encoding")
		if AcceptsGzip(r.Header.Get("Accept-Encoding")) {
			if gz := Gzip(body); len(gz) < len(body)*9/10 {
				body, encoded = gz, true
				etag = GzipETag(etag)
			}
		}
	}
	if resp.Stable != nil {
		etag = Weak(etag)
	}
	if resp.ContentType != "" {
		h.Set("Content-Type", resp.ContentType)
	}
	if resp.Cache != "" {
		h.Set("Cache-Control", resp.Cache)
	}
	if !resp.NoTag {
		h.Set("Etag", etag)
	}
	if resp.Status == http.StatusOK && !resp.NoTag && ETagMatch(r.Header.Get("If-None-Match"), etag) {
		NotModified(w)
		return
	}
	if encoded {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(resp.Status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// NotModified answers 304 with the headers already set on w, less those
// that describe a body: a 304 has none.
func NotModified(w http.ResponseWriter) {
	h := w.Header()
	delete(h, "Content-Length")
	delete(h, "Content-Encoding")
	delete(h, "Transfer-Encoding")
	w.WriteHeader(http.StatusNotModified)
}

// Redirect answers with a redirect to url, a path on this site, with the
// short note net/http's Redirect writes for GET, to the byte; HEAD gets the
// same headers, its Content-Length included, which net/http's leaves out.
func Redirect(w http.ResponseWriter, r *http.Request, url string, code int) {
	w.Header().Set("Location", url)
	Write(w, r, Response{
		Status:      code,
		ContentType: "text/html; charset=utf-8",
		Body:        []byte(`<a href="` + html.EscapeString(url) + `">` + http.StatusText(code) + "</a>.\n\n"),
		NoTag:       true,
	})
}

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, 5)
	return zw
}}

// Gzip returns body gzipped at a level that suits a response made per
// request: most of the saving for a fraction of the best level's time.
func Gzip(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(body)
	zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}
