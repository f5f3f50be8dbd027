package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
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
	fields, gzFields httpx.Fields
	gzETag           string // the gzipped copy's tag
}

const (
	// cachePage lets browsers and proxies keep a page briefly and then
	// revalidate it with its ETag, which is cheap.
	cachePage = "public, max-age=300"
	// cacheAsset is for fingerprinted static files, whose names change
	// whenever their content does.
	cacheAsset = "public, max-age=31536000, immutable"
)

// pageGzip holds newPage's gzip writers, at the best compression and at
// the fastest. A writer is its compressor's tables, 800 KB at the best:
// made anew for each page, they were most of what serving a big
// archive's pages allocated, and so most of its collections.
var pageGzip = [2]sync.Pool{
	{New: func() any { zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return zw }},
	{New: func() any { zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return zw }},
}

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
		pool := &pageGzip[0]
		if len(body) > 256<<10 {
			pool = &pageGzip[1]
		}
		zw := pool.Get().(*gzip.Writer)
		zw.Reset(&buf)
		zw.Write(body)
		zw.Close()
		zw.Reset(nil) // not to keep buf
		pool.Put(zw)
		if buf.Len() < len(body)*9/10 {
			p.gzipped = bytes.Clone(buf.Bytes()) // without the buffer's spare room
		}
	}
	return p
}

// seal makes the page's response headers once its fields are final.
func (p *page) seal() *page {
	h := httpx.NewFields(
		"Content-Type", p.contentType,
		"Cache-Control", p.cache,
		"Etag", p.etag,
		"Content-Length", itoa(len(p.body)),
	)
	if p.disposition != "" {
		h = h.With("Content-Disposition", p.disposition)
	}
	if p.gzipped != nil {
		h = h.With("Vary", "Accept-Encoding")
		// Another representation, another strong validator.
		p.gzETag = httpx.GzipETag(p.etag)
		p.gzFields = h.With("Content-Encoding", "gzip").
			With("Content-Length", itoa(len(p.gzipped))).
			With("Etag", p.gzETag)
	}
	p.fields = h
	return p
}

// serve writes p, answering conditional requests with 304 and sending the
// gzipped copy to clients that accept it.
func (p *page) serve(w http.ResponseWriter, r *http.Request) {
	p.serveAs(w, r, httpx.RequestAcceptsGzip(r))
}

// serveAs is serve for a request whose Accept-Encoding is already read:
// gzip says whether it takes gzip.
func (p *page) serveAs(w http.ResponseWriter, r *http.Request, gzip bool) {
	if p.fields == nil {
		// Not sealed: a page made for this one request. Seal a copy, so
		// that no shared page is ever written while served.
		c := *p
		p = c.seal()
	}
	fields, body, etag := p.fields, p.body, p.etag
	if gzip && p.gzipped != nil {
		fields, body, etag = p.gzFields, p.gzipped, p.gzETag
	}
	inflate := body == nil && p.gzipped != nil // a page kept compressed
	fields.Set(w.Header())
	// Only a page that exists can be not modified: never the 404 page.
	if p.status == http.StatusOK {
		if inm := r.Header["If-None-Match"]; len(inm) > 0 && httpx.ETagMatch(inm[0], etag) {
			httpx.NotModified(w)
			return
		}
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

// compressed returns p as the page cache keeps it for clients that take
// gzip: without its body when it has a gzipped copy. A clause page then
// costs about 3 KB, not 14. p must be sealed, so that its headers already
// give the body's length.
func (p *page) compressed() *page {
	if p.gzipped == nil || p.fields == nil {
		return p
	}
	c := *p
	c.body = nil
	return &c
}

var gzipReaders sync.Pool // of *gzip.Reader

// writeInflated writes the body that gz compresses. gz was written by
// newPage, so it is well formed; a failed write is the client's going.
func writeInflated(w io.Writer, gz []byte) error {
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(gz))
	} else {
		err = zr.Reset(bytes.NewReader(gz))
	}
	if err != nil {
		return err
	}
	_, err = io.Copy(w, zr)
	gzipReaders.Put(zr)
	return err
}

// contentLength is the length of p's plain body, as its headers give it.
func (p *page) contentLength() int {
	n, _ := strconv.Atoi(p.fields.Get("Content-Length"))
	return n
}
