package middleware

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A request that finds every slot taken is served once one frees within
// the wait, rather than refused at once.
func TestConcurrencyWaitsForASlot(t *testing.T) {
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	h := ConcurrencyWait(1, time.Minute, PlainError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case entered <- struct{}{}:
			<-release // only the first request blocks
		default:
		}
	}))
	first := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/search", nil))
		first <- rec.Code
	}()
	<-entered
	second := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/search", nil))
		second <- rec.Code
	}()
	close(release)
	if got := <-first; got != 200 {
		t.Errorf("first request = %d; want 200", got)
	}
	if got := <-second; got != 200 {
		t.Errorf("request that waited for the slot = %d; want 200", got)
	}
}

// With no wait, a full limiter refuses at once.
func TestConcurrencyWithoutWait(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	h := ConcurrencyWait(1, 0, PlainError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	}))
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/search", nil))
		close(done)
	}()
	<-entered
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search", nil))
	close(release)
	<-done
	if rec.Code != 503 || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("request to a full limiter = %d, Retry-After %q; want 503, 1", rec.Code, rec.Header().Get("Retry-After"))
	}
}
