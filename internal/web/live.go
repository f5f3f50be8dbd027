package web

import (
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/accord-archive/accord/internal/middleware"
)

// Live serves whichever Server is current, so that new content can replace
// the old without a restart: a reload makes a new Server beside the live
// one and swaps it in with one atomic store. Until the first Server is in
// place, pages answer 503 and /readyz says not ready; /healthz says the
// process is alive throughout.
type Live struct {
	cur atomic.Pointer[Server]
}

// Swap makes s the Server that answers from now on and returns the one it
// replaces (nil the first time).
func (l *Live) Swap(s *Server) *Server { return l.cur.Swap(s) }

// Current returns the Server answering now, or nil before the first Swap.
func (l *Live) Current() *Server { return l.cur.Load() }

func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := l.cur.Load()
	// What Live answers itself passes no guard of the site's: refuse a
	// body here as they would (see middleware.RefuseBody).
	if (s == nil || r.URL.Path == "/healthz" || r.URL.Path == "/readyz") &&
		middleware.RefuseBody(w, r, func(w http.ResponseWriter, _ *http.Request, status int, msg string) { plain(w, status, msg) }) {
		return
	}
	switch r.URL.Path {
	case "/healthz":
		plain(w, http.StatusOK, "ok")
		return
	case "/readyz":
		if s == nil {
			plain(w, http.StatusServiceUnavailable, "starting: the archive is not loaded yet")
			return
		}
		st := s.cfg.Archive.Stats()
		plain(w, http.StatusOK, fmt.Sprintf("ready: %d documents, %d clauses", st.Documents, st.Clauses))
		return
	}
	if s == nil {
		w.Header().Set("Retry-After", "1")
		plain(w, http.StatusServiceUnavailable, "Accord is starting: try again in a moment.")
		return
	}
	s.handler.ServeHTTP(w, r)
}

func plain(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}
