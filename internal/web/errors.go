package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/httpx"
)

// ErrorPage tells a person what went wrong and where to go instead.
type ErrorPage struct {
	Head
	Status  int
	Heading string
	Message string
	Doc     *archive.Document // the document the address was about, if any
}

func (s *Server) errorData(status int, heading, message, slug string) ErrorPage {
	p := ErrorPage{
		Head: Head{
			Title:       s.title(heading),
			Description: message,
			NoIndex:     true,
			Main:        "error",
		},
		Status:  status,
		Heading: heading,
		Message: message,
	}
	if slug != "" {
		p.Doc, _ = s.cfg.Archive.Document(slug)
	}
	return p
}

// errorPage renders the error page for status with a message meant for the
// person who made the request; it is the guards' ErrorPage too.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// The API's clients read JSON, errors included.
		body, _ := json.MarshalIndent(struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		}{status, message}, "", "  ")
		httpx.Write(w, r, httpx.Response{
			Status:      status,
			ContentType: "application/json; charset=utf-8",
			Cache:       "no-store",
			Body:        append(body, '\n'),
			NoTag:       true,
		})
		return
	}
	s.errorPageFor(w, r, status, headings(status), message, "")
}

func headings(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusBadRequest:
		return "That request could not be understood"
	case http.StatusMethodNotAllowed:
		return "Method not allowed"
	case http.StatusServiceUnavailable:
		return "Busy"
	case http.StatusInternalServerError:
		return "Something went wrong"
	}
	return http.StatusText(status)
}

func (s *Server) errorPageFor(w http.ResponseWriter, r *http.Request, status int, heading, message, slug string) {
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, status, "error", s.errorData(status, heading, message, slug))
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

// canonicalPath redirects an address with a trailing slash or an
// upper-case document slug to its canonical form (301), keeping the query.
func canonicalPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		// "//host" would leave the site when used as a Location.
		if strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
			next.ServeHTTP(w, r)
			return
		}
		c := p
		if len(c) > 1 {
			c = strings.TrimRight(c, "/")
			if c == "" {
				c = "/"
			}
		}
		if strings.HasPrefix(strings.ToLower(c), "/documents") && !strings.HasPrefix(c, "/documents/") && c != "/documents" {
			// "/Documents/…": only the fixed part is folded here.
			c = strings.ToLower(c[:len("/documents")]) + c[len("/documents"):]
		}
		if rest, ok := strings.CutPrefix(c, "/documents/"); ok {
			c = "/documents/" + strings.ToLower(rest)
		}
		if c != p {
			// The query is encoded afresh: the raw one may hold bytes
			// (quotes, angle brackets) that must not reach the Location.
			// ReadOnly has already checked that it parses.
			u := url.URL{Path: c, RawQuery: r.URL.Query().Encode()}
			httpx.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func jsonBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
