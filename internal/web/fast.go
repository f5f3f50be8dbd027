package web

import (
	"log/slog"
	"net/http"

	"github.com/accord-archive/accord/internal/middleware"
)

// fastPages answers the commonest request, a plain GET or HEAD of a page
// kept rendered, before the router and the chain of guards: it is
// most of the traffic, and the guards have nothing to say about it (no
// query, no body, a known path). It still sets the request id, the
// security headers and the page's own. When the log would record it
// (debug level), the request takes the full path instead.
func (s *Server) fastPages(next http.Handler) http.Handler {
	serve := middleware.SecurityHeaders(s.cfg.HSTS)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := s.page(r.URL.Path)
		p.serve(w, r)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := s.page(r.URL.Path); !ok || r.URL.RawQuery != "" || r.ContentLength > 0 || len(r.TransferEncoding) > 0 ||
			(r.Method != http.MethodGet && r.Method != http.MethodHead) ||
			s.log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header()["X-Request-Id"] = []string{middleware.NewRequestID()}
		serve.ServeHTTP(w, r)
	})
}
