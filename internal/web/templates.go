package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// pageNames are the templates that render a whole page. Each is parsed
// with base.html, which lays out the head, header and footer, and with
// partials.html, the pieces pages share.
var pageNames = []string{"home", "documents", "document", "clause", "search", "error", "about", "commitments", "topics", "units", "cite"}

type templates struct {
	fsys  fs.FS
	funcs template.FuncMap
	pages map[string]*template.Template
}

func parseTemplates(fsys fs.FS, funcs template.FuncMap) (*templates, error) {
	t := &templates{fsys: fsys, funcs: funcs, pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		tp, err := template.New("base.html").Funcs(funcs).ParseFS(fsys, "base.html", "partials.html", "versions.html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		t.pages[name] = tp
	}
	return t, nil
}

// render executes the page template name with data into a buffer, so that
// a failure never leaves half a page on the wire.
func (t *templates) render(name string, data any) ([]byte, error) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := t.renderTo(buf, name, data); err != nil {
		return nil, err
	}
	// A page may be kept for the life of the server: a copy of its own,
	// without the buffer's spare room.
	return bytes.Clone(buf.Bytes()), nil
}

// renderTo renders the page name into buf.
func (t *templates) renderTo(buf *bytes.Buffer, name string, data any) error {
	tp, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	buf.Reset()
	if err := tp.ExecuteTemplate(buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return nil
}

// buffers are the buffers pages render into: a page grows its buffer to
// tens of kilobytes, and a results page is rendered for every search.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 { // a huge one is let go, not kept for ever
		buffers.Put(b)
	}
}

// renderer returns the templates to render with: parsed once, or in dev
// mode re-read from disk on every call so that edits show on reload.
func (s *Server) renderer() *templates {
	if !s.cfg.Dev {
		return s.tmpl
	}
	t, err := parseTemplates(s.cfg.Templates, s.funcs())
	if err != nil {
		s.log.Error("dev: reparse templates", "err", err)
		return s.tmpl
	}
	return t
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"static": func(name string) (string, error) { return s.static.path(name) },
		"abs":    s.site.URL,
		"date":   longDate,
		"isodate": func(t time.Time) string {
			return t.Format(time.DateOnly)
		},
		"parties":  partyNames,
		"plural":   plural,
		"units":    unitCount,
		"number":   groupThousands,
		"add":      func(a, b int) int { return a + b },
		"lower":    strings.ToLower,
		"language": languageName,
		"textlang": textLangAttr,
		"doctitle": docTitle,
		"inlang":   inLang,
		"host":     hostOf,
		// trusted marks HTML that Accord made itself as safe: paragraph
		// HTML from goldmark with raw HTML off, and search snippets, whose
		// text is escaped and whose only tags are <mark>.
		"trusted": func(s string) template.HTML { return template.HTML(s) },
		"opening": formats.Opening,
		"marked":  markedHTML,
		"labels":  func(cl *archive.Classification) Labels { return s.labels(cl) },
		"facets":  facetList,
		// The tree of provisions (tree.go).
		"tree":         tree,
		"analysed":     func(t Tree, on bool) Tree { t.Analysis = on; return t },
		"finding":      func(t Tree, f *finder) Tree { t.find = f; return t },
		"preamblePara": markedPreamble,
		"provisions":   s.provisionsHTML,
		"heading":      headingHTML,
		"headingText":  headingText,
		"containers":   containers,
		"table":        tableHTML,
		"pin":          pinOf,
		"citeDetails":  s.citeDetails,
		"noteNum":      noteNum,
	}
}

// longDate writes a date as documents print it: 17 November 2025.
func longDate(t time.Time) string { return t.Format("2 January 2006") }

// partyNames lists parties by name: "Kazakhstan and Estonia".
func partyNames(ps []archive.Party) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	if len(names) > maxListedParties { // 40 names would drown a line; the document page lists them all
		return strings.Join(names[:3], ", ") + " and " + strconv.Itoa(len(names)-3) + " others"
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupThousands(n) + " " + many
}

// groupThousands writes 12345 as 12,345.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// query builds "?k=v&…" from pairs, leaving out empty values.
func query(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			v.Add(pairs[i], pairs[i+1])
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// hostOf is the host of an absolute URL, without "www.": how a link to a
// source names it ("akorda.kz"); the URL itself when it has none.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return u
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}

// languageName names a BCP 47 language tag in English ("en" → "English"),
// or returns the tag when it is not one.
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.English.Tags().Name(t); name != "" {
		return name
	}
	return tag
}

// renderPage renders a page into a buffer and then writes it: a template
// that fails leaves nothing half-written, and the person gets the plain
// 500 text rather than a Go error. A page found (200) carries an ETag.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.render(w, r, status, name, data, status == http.StatusOK)
}

// render is renderPage, with or without an ETag.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any, tagged bool) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := s.renderer().renderTo(buf, name, data); err != nil {
		s.log.Error("render", "page", name, "path", r.URL.Path, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte("Internal error.\n"))
		return
	}
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	httpx.Write(w, r, httpx.Response{Status: status, ContentType: htmlType, Body: buf.Bytes(), NoTag: !tagged})
}
