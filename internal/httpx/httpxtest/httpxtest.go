// Package httpxtest holds what tests of the site's HTTP answers share:
// the exact security headers every response must carry.
package httpxtest

import (
	"net/http"
	"testing"
)

// SecurityHeaders are the headers every response carries, each with the
// one value it must have: written out here, apart from the code that
// sets them, so that loosening the policy there fails the tests.
var SecurityHeaders = map[string]string{
	"Content-Security-Policy":    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
	"X-Content-Type-Options":     "nosniff",
	"Referrer-Policy":            "strict-origin-when-cross-origin",
	"Permissions-Policy":         "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
	"Cross-Origin-Opener-Policy": "same-origin",
	"X-Frame-Options":            "DENY",
}

// HSTS is the Strict-Transport-Security value sent with --hsts.
const HSTS = "max-age=63072000; includeSubDomains"

// CheckSecurityHeaders fails unless h carries every security header once,
// with exactly its value, and Strict-Transport-Security only if hsts.
func CheckSecurityHeaders(t testing.TB, what string, h http.Header, hsts bool) {
	t.Helper()
	want := SecurityHeaders
	if hsts {
		want = map[string]string{"Strict-Transport-Security": HSTS}
		for k, v := range SecurityHeaders {
			want[k] = v
		}
	} else if v := h.Values("Strict-Transport-Security"); len(v) > 0 {
		t.Errorf("%s: Strict-Transport-Security %q without --hsts", what, v)
	}
	for k, v := range want {
		if got := h.Values(k); len(got) != 1 || got[0] != v {
			t.Errorf("%s: %s = %q; want exactly %q", what, k, got, v)
		}
	}
}
