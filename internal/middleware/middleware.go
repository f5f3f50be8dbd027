// Package middleware holds the HTTP guards every Accord response passes
// through: request ids, client addresses, access logs, panic recovery,
// method and input limits, security headers, and a concurrency limit for
// costly routes. Each is a plain func(http.Handler) http.Handler; the page
// for an error is the caller's, so that errors look like the rest of the site.
package middleware

import (
	"context"
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

type ctxKey int

const infoKey ctxKey = 0

// info is what the guards learn of a request, kept in its context under
// one key: one context and one request copy per request, not one each.
type info struct {
	id, ip string
}

func infoFrom(ctx context.Context) *info {
	in, _ := ctx.Value(infoKey).(*info)
	return in
}

// withInfo returns r with an info in its context, and that info.
func withInfo(r *http.Request) (*http.Request, *info) {
	if in := infoFrom(r.Context()); in != nil {
		return r, in
	}
	in := &info{}
	return r.WithContext(context.WithValue(r.Context(), infoKey, in)), in
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
// and in its context for logs.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, in := withInfo(r)
		in.id = NewRequestID()
		w.Header()["X-Request-Id"] = []string{in.id}
		next.ServeHTTP(w, r)
	})
}

// NewRequestID returns a request id, unique within the process and very
// probably across its restarts.
func NewRequestID() string { return idPrefix + strconv.FormatUint(idCounter.Add(1), 36) }

// RequestIDFrom returns the request's id, or "".
func RequestIDFrom(ctx context.Context) string {
	if in := infoFrom(ctx); in != nil {
		return in.id
	}
	return ""
}
