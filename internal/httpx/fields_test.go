package httpx

import (
	"net/http"
	"testing"
)

// TestFields: keys are canonical, a later pair replaces an earlier one,
// With leaves its receiver as it was, and a value set on many responses
// is shared yet never written through by an Add on one of them.
func TestFields(t *testing.T) {
	f := NewFields("content-type", "text/html", "x-request-id", "a", "Content-Type", "text/plain")
	if len(f) != 2 || f[0].Key != "Content-Type" || f.Get("content-type") != "text/plain" || f.Get("X-Request-Id") != "a" {
		t.Fatalf("NewFields = %v", f)
	}
	g := f.With("Vary", "Accept-Encoding").With("content-type", "image/png")
	if f.Get("Vary") != "" || f.Get("Content-Type") != "text/plain" || g.Get("Vary") != "Accept-Encoding" || g.Get("Content-Type") != "image/png" {
		t.Errorf("With changed its receiver or did not set: %v, %v", f, g)
	}
	one, two := http.Header{}, http.Header{}
	f.Set(one)
	f.Set(two)
	if one.Get("Content-Type") != "text/plain" || len(one) != 2 {
		t.Errorf("Set = %v", one)
	}
	one.Add("Content-Type", "text/csv")
	if v := two["Content-Type"]; len(v) != 1 || v[0] != "text/plain" || f.Get("Content-Type") != "text/plain" {
		t.Errorf("an Add on one response wrote into another's header or the shared fields: %v", v)
	}
	if !f.AlreadySet(two) || f.AlreadySet(one) || f.AlreadySet(http.Header{}) || NewFields("Content-Type", "text/plain").AlreadySet(two) {
		t.Error("AlreadySet: wrong about who set the header")
	}
	h := http.Header{}
	h.Set("Content-Type", "text/plain")
	if f.AlreadySet(h) {
		t.Error("AlreadySet: a value equal to the field's, set by someone else, taken for the field's own")
	}
}
