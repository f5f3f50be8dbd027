package middleware

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/httpx/httpxtest"
)

func ok(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }

func TestReadOnly(t *testing.T) {
	h := ReadOnly(DefaultLimits(), PlainError)(http.HandlerFunc(ok))
	tests := []struct {
		name, method, target string
		body                 string
		want                 int
		chunked              bool
	}{
		{"get", "GET", "/search?q=trade", "", 200, false},
		{"head", "HEAD", "/", "", 200, false},
		{"options", "OPTIONS", "/api/v1/documents", "", 200, false},
		{"post", "POST", "/search", "q=x", 405, false},
		{"delete", "DELETE", "/", "", 405, false},
		{"propfind", "PROPFIND", "/", "", 405, false},
		{"get with a body", "GET", "/", "x", 413, false},
		{"head with a body", "HEAD", "/", "x", 413, false},
		{"get with an empty chunked body", "GET", "/", "", 413, true},
		{"post with a chunked body", "POST", "/", "", 405, true},
		{"long url", "GET", "/search?q=" + strings.Repeat("a", 9000), "", 414, false},
		{"long value", "GET", "/search?q=" + strings.Repeat("a", 1100), "", 400, false},
		{"long value, counted in characters", "GET", "/search?q=" + strings.Repeat("%D0%96", 1025), "", 400, false},
		// 512 characters of Cyrillic are 1,024 bytes, 3,072 percent-encoded:
		// what a search box lets a person type is never refused.
		{"search box's 1,024 characters of Cyrillic", "GET", "/search?q=" + strings.Repeat("%D0%96", 1024), "", 200, false},
		{"search box's 512 characters of Chinese", "GET", "/search?q=" + strings.Repeat("%E6%BC%A2", 512) + "&party=EE&year=2025&kind=joint-statement&topic=transport&sort=newest&page=2", "", 200, false},
		{"many params", "GET", "/search?" + strings.Repeat("a=1&", 30), "", 400, false},
		{"nul in value", "GET", "/search?q=a%00b", "", 400, false},
		{"invalid utf-8 in value", "GET", "/search?q=%ff%fe", "", 400, false},
		{"invalid utf-8 in path", "GET", "/documents/%ff", "", 400, false},
		{"nul in path", "GET", "/documents/a%00", "", 400, false},
		{"bad escape", "GET", "/search?q=%zz", "", 400, false},
		{"unknown parameters are fine", "GET", "/search?q=a&utm_source=x", "", 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.body == "" {
				req.ContentLength = 0
				req.Body = http.NoBody
			}
			if tt.chunked {
				req.TransferEncoding = []string{"chunked"}
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("%s %s = %d; want %d", tt.method, tt.target, rec.Code, tt.want)
			}
			if rec.Code == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("405 without Allow: GET, HEAD")
			}
			// A body left unread must not be read as the next request.
			if closing := rec.Header().Get("Connection") == "close"; closing != (tt.body != "" || tt.chunked) {
				t.Errorf("%s %s with a body %v: Connection: close %v", tt.method, tt.target, tt.body != "" || tt.chunked, closing)
			}
		})
	}
}

func TestClientIP(t *testing.T) {
	trusted, err := ParseTrustedProxies("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, remote, xff string
		trusted           TrustedProxies
		want              string
	}{
		{"direct", "203.0.113.7:5000", "", trusted, "203.0.113.7"},
		{"spoofed header from an untrusted peer", "203.0.113.7:5000", "1.2.3.4", trusted, "203.0.113.7"},
		{"no trusted proxies configured", "127.0.0.1:5000", "1.2.3.4", nil, "127.0.0.1"},
		{"behind a trusted proxy", "127.0.0.1:5000", "198.51.100.9", trusted, "198.51.100.9"},
		{"client-supplied prefix ignored", "127.0.0.1:5000", "6.6.6.6, 198.51.100.9", trusted, "198.51.100.9"},
		{"chain of trusted proxies", "127.0.0.1:5000", "198.51.100.9, 10.1.2.3", trusted, "198.51.100.9"},
		{"garbage header", "127.0.0.1:5000", "not-an-ip", trusted, "127.0.0.1"},
		{"ipv6 peer", "[2001:db8::1]:443", "1.2.3.4", trusted, "2001:db8::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			h := ClientIP(tt.trusted)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = ClientIPOf(w) }))
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tt.remote
			if tt.xff != "" {
				req.Header.Set("X-Forwarded-For", tt.xff)
			}
			h.ServeHTTP(httptest.NewRecorder(), req)
			if got != tt.want {
				t.Errorf("client IP = %q; want %q", got, tt.want)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("ParseTrustedProxies(10.0.0.0/33) = nil error; want one")
	}
}

func TestRecoverLogsAndRendersThe500Page(t *testing.T) {
	var logbuf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logbuf, nil))
	h := RequestID(Recover(log, PlainError)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") || !strings.Contains(rec.Body.String(), "Internal error.") {
		t.Errorf("panic gave %d %q; want 500 'Internal error.' without the panic value", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logbuf.String(), "boom") || !strings.Contains(logbuf.String(), "stack=") || !strings.Contains(logbuf.String(), "id=") {
		t.Errorf("log = %q; want the panic, its stack and the request id", logbuf.String())
	}
}

func TestSecurityHeaders(t *testing.T) {
	for _, hsts := range []bool{false, true} {
		rec := httptest.NewRecorder()
		SecurityHeaders(hsts)(http.HandlerFunc(ok)).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		httpxtest.CheckSecurityHeaders(t, "hsts="+strconv.FormatBool(hsts), rec.Header(), hsts)
	}
}

// TestSecurityHeadersTwice: the server's SecurityHeaders around the
// site's own leaves the inner one nothing to do when they are alike, and
// when they differ the response still has every header of both.
func TestSecurityHeadersTwice(t *testing.T) {
	for _, outer := range []bool{false, true} {
		for _, inner := range []bool{false, true} {
			var before http.Header
			h := SecurityHeaders(outer)(SecurityHeaders(inner)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				before = w.Header().Clone()
			})))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			httpxtest.CheckSecurityHeaders(t, fmt.Sprintf("hsts=%v around hsts=%v", outer, inner), before, outer || inner)
		}
	}
	// Alike, the inner one writes nothing: a header the handler between
	// them took away stays away.
	h := SecurityHeaders(true)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Del("X-Frame-Options")
		SecurityHeaders(true)(http.HandlerFunc(ok)).ServeHTTP(w, r)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Header().Get("X-Frame-Options") != "" {
		t.Error("the inner SecurityHeaders wrote the headers again after an alike one had")
	}
}

func TestConcurrencyLimit(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 2)
	h := Concurrency(2, PlainError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/search", nil))
		}()
	}
	<-entered
	<-entered
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search", nil))
	if rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
		t.Errorf("third concurrent request = %d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	close(release)
	wg.Wait()
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search", nil)) // the slots were given back
	if rec.Code != 200 {
		t.Errorf("request after the others finished = %d; want 200", rec.Code)
	}
}

func TestAccessLogLevels(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	for _, status := range []int{200, 404, 500, 503} {
		h := AccessLog(log)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) }))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/p", nil))
	}
	out := buf.String()
	if strings.Contains(out, "status=200") || !strings.Contains(out, "level=INFO msg=request method=GET path=/p status=404") ||
		!strings.Contains(out, "level=ERROR msg=request method=GET path=/p status=500") || !strings.Contains(out, "level=WARN msg=request method=GET path=/p status=503") {
		t.Errorf("access log = %q; want 404 at INFO, 500 at ERROR, 503 (the server's load) at WARN, 200 below INFO", out)
	}
}
