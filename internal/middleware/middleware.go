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

const (
	requestIDKey ctxKey = iota
	clientIPKey
)

// RequestID gives each request an id, in the X-Request-Id response header
// and in its context for logs.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// RequestIDFrom returns the request's id, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}
