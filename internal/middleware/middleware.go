// Package middleware holds the HTTP guards every Accord response passes
// through: request ids, client addresses, access logs, panic recovery,
// method and input limits, security headers, and a concurrency limit for
// costly routes. Each is a plain func(http.Handler) http.Handler; the page
// for an error is the caller's, so that errors look like the rest of the site.
package middleware

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync/atomic"
)

// ErrorPage writes an error response: status, and a message safe to show.
type ErrorPage func(w http.ResponseWriter, r *http.Request, status int, msg string)

// PlainError is an ErrorPage for callers that have no site pages.
func PlainError(w http.ResponseWriter, _ *http.Request, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write([]byte(msg + "\n"))
}

// info is what the guards learn of a request and what it is answered
// with: its id, its client, its status and length. It is the
// ResponseWriter the first guard passes on, wrapping net/http's, and the
// guards after find it there: one allocation per request, where keeping it
// in the request's context would cost a context and a copy of the request.
type info struct {
	http.ResponseWriter
	status int // the first status written; 0 until then
	bytes  int // the body's bytes written

	id    string
	idVal [1]string // the X-Request-Id header's value: id

	// The client address is found when asked for (ClientIPOf), which
	// only a log line does: from the request and the trusted proxies.
	req     *http.Request
	trusted TrustedProxies
}

func (in *info) WriteHeader(code int) {
	if in.status == 0 {
		in.status = code
	}
	in.ResponseWriter.WriteHeader(code)
}

func (in *info) Write(b []byte) (int, error) {
	if in.status == 0 {
		in.status = http.StatusOK
	}
	n, err := in.ResponseWriter.Write(b)
	in.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (in *info) Unwrap() http.ResponseWriter { return in.ResponseWriter }

// infoOf finds the info in w or in a writer w wraps; nil if none.
func infoOf(w http.ResponseWriter) *info {
	for {
		switch x := w.(type) {
		case *info:
			return x
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
}

// withInfo returns the info of w, and w, or a new info wrapping w, twice.
func withInfo(w http.ResponseWriter) (http.ResponseWriter, *info) {
	if in := infoOf(w); in != nil {
		return w, in
	}
	in := &info{ResponseWriter: w}
	return in, in
}

// idPrefix makes request ids unique across restarts; the counter, within
// a process. Cheaper than reading random bytes for every request.
var (
	idPrefix  = newIDPrefix()
	idCounter atomic.Uint64
)

func newIDPrefix() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "-"
}

// RequestID gives each request an id, in the X-Request-Id response header
// and, for logs, in the writer it passes on (RequestIDOf).
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w, in := withInfo(w)
		in.id = NewRequestID()
		in.idVal[0] = in.id
		w.Header()["X-Request-Id"] = in.idVal[:]
		next.ServeHTTP(w, r)
	})
}

// NewRequestID returns a request id, unique within the process and very
// probably across its restarts.
func NewRequestID() string {
	var b [32]byte
	return string(strconv.AppendUint(append(b[:0], idPrefix...), idCounter.Add(1), 36))
}

// RequestIDOf returns the id RequestID gave the request answered through
// w, or "".
func RequestIDOf(w http.ResponseWriter) string {
	if in := infoOf(w); in != nil {
		return in.id
	}
	return ""
}
