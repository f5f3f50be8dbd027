package middleware

import (
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/httpx"
)

// Recover turns a panic in a handler into the 500 page, and logs the stack.
// A panic is a bug: the user sees "Internal error.", the log sees why.
func Recover(log *slog.Logger, page ErrorPage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v) // the server's own way to abort a response
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "id", RequestIDOf(w),
					"panic", v, "stack", string(debug.Stack()))
				page(w, r, http.StatusInternalServerError, "Internal error.")
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// Limits bounds what a request may carry.
type Limits struct {
	MaxURL    int // bytes of path and query, as sent (percent-encoded)
	MaxParams int // query parameters
	MaxValue  int // characters (runes) of one parameter value
}

// DefaultLimits fit every address of the site with room to spare: a
// search of 512 characters in any script is at most 2,048 bytes, 6,144
// once percent-encoded.
func DefaultLimits() Limits { return Limits{MaxURL: 8192, MaxParams: 24, MaxValue: 1024} }

// ReadOnly admits GET and HEAD (and OPTIONS, for CORS preflight) without a
// body, within the limits; anything else gets a clear 4xx page. Invalid
// UTF-8 and NUL bytes in the path or parameters are refused here, so that no
// handler ever sees them. A request with a body is refused, 405 for its
// method or else 413, and its connection closed (RefuseBody).
func ReadOnly(lim Limits, page ErrorPage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
			default:
				closeIfBody(w, r)
				w.Header().Set("Allow", "GET, HEAD")
				page(w, r, http.StatusMethodNotAllowed, "This archive is read-only: it answers GET and HEAD requests.")
				return
			}
			if RefuseBody(w, r, page) {
				return
			}
			if len(r.URL.RawPath)+len(r.URL.Path)+len(r.URL.RawQuery) > lim.MaxURL {
				page(w, r, http.StatusRequestURITooLong, "The address is too long.")
				return
			}
			if !cleanText(r.URL.Path) {
				page(w, r, http.StatusBadRequest, "The address contains characters that are not text.")
				return
			}
			if r.URL.RawQuery == "" {
				next.ServeHTTP(w, r)
				return
			}
			q, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				page(w, r, http.StatusBadRequest, "The address's parameters are malformed.")
				return
			}
			n := 0
			for k, vs := range q {
				n += len(vs)
				if !cleanText(k) {
					page(w, r, http.StatusBadRequest, "A parameter name contains characters that are not text.")
					return
				}
				for _, v := range vs {
					if utf8.RuneCountInString(v) > lim.MaxValue {
						page(w, r, http.StatusBadRequest, "A parameter is too long: the most is "+strconv.Itoa(lim.MaxValue)+" characters.")
						return
					}
					if !cleanText(v) {
						page(w, r, http.StatusBadRequest, "A parameter contains characters that are not text.")
						return
					}
				}
			}
			if n > lim.MaxParams {
				page(w, r, http.StatusBadRequest, "Too many parameters.")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// RefuseBody answers a request that carries a body, or says it does
// (Transfer-Encoding, a Content-Length above 0), with 413 and
// Connection: close, and reports whether it did. Nothing here reads a
// body, and net/http would otherwise read past an unread one to the next
// request on the connection: with both Content-Length and
// Transfer-Encoding, which net/http accepts as chunked, what a proxy in
// front took for the body would be answered as a request of its own.
// Closing the connection leaves nothing after this request to be read.
func RefuseBody(w http.ResponseWriter, r *http.Request, page ErrorPage) bool {
	if !closeIfBody(w, r) {
		return false
	}
	page(w, r, http.StatusRequestEntityTooLarge, "This archive does not accept request bodies.")
	return true
}

// closeIfBody marks the response to a request with a body as the last on
// its connection, and reports whether it did.
func closeIfBody(w http.ResponseWriter, r *http.Request) bool {
	if r.ContentLength <= 0 && len(r.TransferEncoding) == 0 {
		return false
	}
	w.Header().Set("Connection", "close")
	return true
}

func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// securityHeaders are the headers SecurityHeaders sets, without and with
// HSTS: made once, shared by every response (httpx.Fields). The two share
// no value, so that neither is taken for the other (AlreadySet).
var securityHeaders = [2]httpx.Fields{newSecurityHeaders(false), newSecurityHeaders(true)}

func newSecurityHeaders(hsts bool) httpx.Fields {
	f := httpx.NewFields(
		"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Content-Type-Options", "nosniff",
		"Referrer-Policy", "strict-origin-when-cross-origin",
		"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
		"Cross-Origin-Opener-Policy", "same-origin",
		"X-Frame-Options", "DENY",
	)
	if hsts {
		f = f.With("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
	return f
}

// SecurityHeaders sets the headers every response carries. The policy
// allows only the site's own scripts, styles and images: no inline code.
// A response that an identical SecurityHeaders in front (the server's,
// around the site's own) has already given them is not given them again.
func SecurityHeaders(hsts bool) func(http.Handler) http.Handler {
	headers := securityHeaders[0]
	if hsts {
		headers = securityHeaders[1]
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if h := w.Header(); !headers.AlreadySet(h) {
				headers.Set(h)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// SlotWait is how long Concurrency lets a request wait for a free slot.
const SlotWait = time.Second

// Concurrency admits at most n requests at once to next. A request that
// finds every slot taken waits up to SlotWait for one, so that a burst is
// absorbed rather than refused; if none frees in time, the work really is
// piling up and the request gets a 503 with Retry-After instead of
// queueing further.
func Concurrency(n int, page ErrorPage) func(http.Handler) http.Handler {
	return ConcurrencyWait(n, SlotWait, page)
}

// ConcurrencyWait is Concurrency with its own wait for a slot.
func ConcurrencyWait(n int, wait time.Duration, page ErrorPage) func(http.Handler) http.Handler {
	sem := make(chan struct{}, n)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !acquire(r, sem, wait) {
				w.Header().Set("Retry-After", "1")
				page(w, r, http.StatusServiceUnavailable, "Search is busy: please try again in a moment.")
				return
			}
			defer func() { <-sem }()
			next.ServeHTTP(w, r)
		})
	}
}

// acquire takes a slot of sem, waiting up to wait for one; false if none
// came in time or the client went away.
func acquire(r *http.Request, sem chan struct{}, wait time.Duration) bool {
	select {
	case sem <- struct{}{}:
		return true
	default:
	}
	if wait <= 0 {
		return false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case sem <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-r.Context().Done():
		return false
	}
}

// AccessLog logs each request once it is answered: 5xx at Error but 503
// (the server's load, answered with Retry-After) at Warn, 4xx at Info, the
// rest at Debug, with method, path, status, bytes, duration, the request id
// and the client address.
func AccessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			w, in := withInfo(w)
			next.ServeHTTP(w, r)
			status := in.status
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelDebug
			switch {
			case status == http.StatusServiceUnavailable:
				level = slog.LevelWarn
			case status >= 500:
				level = slog.LevelError
			case status >= 400:
				level = slog.LevelInfo
			}
			if !log.Enabled(r.Context(), level) {
				return
			}
			log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", status,
				"bytes", in.bytes, "ms", float64(time.Since(start).Microseconds())/1000,
				"id", in.id, "client", ClientIPOf(w))
		})
	}
}
