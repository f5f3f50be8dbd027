package httpx

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestETag(t *testing.T) {
	a, b := ETag([]byte("one body")), ETag([]byte("another body"))
	if a == b {
		t.Errorf("two bodies have one tag, %s", a)
	}
	if a != ETag([]byte("one body")) {
		t.Error("one body has two tags")
	}
	if !strings.HasPrefix(a, `"`) || !strings.HasSuffix(a, `"`) || strings.HasPrefix(a, "W/") {
		t.Errorf("ETag = %s; want a strong, quoted tag", a)
	}
	if gz := GzipETag(a); gz == a || !strings.HasSuffix(gz, `-gz"`) || Weak(gz) != "W/"+gz || Weak(Weak(a)) != "W/"+a {
		t.Errorf("GzipETag(%s) = %s, Weak = %s", a, gz, Weak(gz))
	}
}

func TestETagMatch(t *testing.T) {
	const tag = `"abc"`
	for _, tt := range []struct {
		header, etag string
		want         bool
	}{
		{"", tag, false},
		{`"abc"`, tag, true},
		{`W/"abc"`, tag, true},       // weak comparison
		{`"abc"`, `W/"abc"`, true},   // of a weak tag too
		{`W/"abc"`, `W/"abc"`, true}, //
		{"*", tag, true},
		{` * `, tag, true},
		{`"x", "abc"`, tag, true},
		{`"x",W/"abc"`, tag, true},
		{`"x" , "y",  W/"abc" `, tag, true},
		{`"x,abc", "y"`, tag, false}, // a comma inside a tag is part of it
		{`"x,", "abc"`, tag, true},
		{`"x", "y"`, tag, false},
		{`"abcd"`, tag, false},
		{`"ab"`, tag, false},
		{`abc`, tag, false},            // unquoted
		{`w/"abc"`, tag, false},        // W/ is case-sensitive
		{`"abc`, tag, false},           // unterminated
		{`garbage, "abc"`, tag, false}, // nothing after a fault
		{`"abc"`, "", false},
		{`"abc"`, `"abc-gz"`, false},
		{`"abc-gz"`, tag, false},
	} {
		if got := ETagMatch(tt.header, tt.etag); got != tt.want {
			t.Errorf("ETagMatch(%q, %q) = %v; want %v", tt.header, tt.etag, got, tt.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"x-gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"deflate, br", false},
		{"identity", false},
		{"*", true},
		{"*;q=0", false},
		{"gzip;q=0", false},
		{"gzip; q=0", false},
		{"gzip ;Q=0.0", false},
		{"gzip;q=0.000", false},
		{"gzip;q=0.001", true},
		{"gzip;q=1", true},
		{"gzip;q=1.000", true},
		{"identity;q=0, gzip;q=0", false}, // nothing acceptable: sent as is
		{"gzip;q=0, *", false},            // listed by name, refused
		{"*, gzip;q=0", false},
		{"br, *;q=0.5", true},
		{"gzip;q=0.5, identity", false}, // identity preferred
		{"gzip, identity;q=0.5", true},
		{"gzip;q=0.5, identity;q=0.5", true}, // a tie goes to the smaller body
		{"gzip;q=2", false},                  // malformed: ignored
		{"gzip;q=abc", false},
		{"gzip;q=0.5000", false},
		{"gzip;q=", false},
		{"gzip;level=9", true},
		{"gzip;q=0, gzip", true}, // the best of a coding listed twice
	} {
		if got := AcceptsGzip(tt.header); got != tt.want {
			t.Errorf("AcceptsGzip(%q) = %v; want %v", tt.header, got, tt.want)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func serve(resp Response, method string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/x", nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	rec.Header().Set("X-Kept", "yes") // set before, by a guard
	Write(rec, req, resp)
	return rec
}

// TestWrite: a response made whole has a tag of its own per body and per
// encoding, a gzip copy for the clients that take it, a 304 without a
// body or its length, and a HEAD that is the GET without the body.
func TestWrite(t *testing.T) {
	body := []byte(strings.Repeat("The Parties agreed to expand cooperation. ", 40))
	resp := Response{Status: 200, ContentType: "text/plain", Cache: "public, max-age=1", Body: body}
	plain := serve(resp, "GET")
	gz := serve(resp, "GET", "Accept-Encoding", "gzip")
	for name, rec := range map[string]*httptest.ResponseRecorder{"identity": plain, "gzip": gz} {
		h := rec.Header()
		if rec.Code != 200 || h.Get("Content-Type") != "text/plain" || h.Get("Cache-Control") != "public, max-age=1" ||
			h.Get("Vary") != "Accept-Encoding" || h.Get("X-Kept") != "yes" || h.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("%s: %d %v", name, rec.Code, h)
		}
	}
	if plain.Body.String() != string(body) || plain.Header().Get("Content-Encoding") != "" {
		t.Errorf("identity: Content-Encoding %q, body %d bytes", plain.Header().Get("Content-Encoding"), plain.Body.Len())
	}
	if gz.Header().Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, gz.Body.Bytes()), body) {
		t.Errorf("gzip: Content-Encoding %q", gz.Header().Get("Content-Encoding"))
	}
	tag, gzTag := plain.Header().Get("Etag"), gz.Header().Get("Etag")
	if tag != ETag(body) || gzTag != GzipETag(tag) || tag == gzTag || strings.HasPrefix(tag, "W/") {
		t.Errorf("tags: identity %s, gzip %s; want two strong tags of the body", tag, gzTag)
	}
	other := serve(Response{Status: 200, Body: append([]byte("!"), body...)}, "GET")
	if other.Header().Get("Etag") == tag {
		t.Errorf("another body has the same tag %s", tag)
	}
	if rec := serve(resp, "GET", "Accept-Encoding", "gzip;q=0"); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != string(body) {
		t.Error("gzip;q=0 got gzip")
	}
	if rec := serve(resp, "GET", "Accept-Encoding", "identity;q=0, gzip;q=0"); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != string(body) {
		t.Error("identity;q=0, gzip;q=0 did not get the body as is")
	}

	for _, tt := range []struct {
		name, inm, encoding string
		want                int
	}{
		{"its tag", tag, "", 304},
		{"its tag, weak", "W/" + tag, "", 304},
		{"a list with its tag", `"x", ` + tag, "", 304},
		{"*", "*", "", 304},
		{"the gzip tag", gzTag, "gzip", 304},
		{"the identity tag, gzip wanted", tag, "gzip", 200},
		{"the gzip tag, identity wanted", gzTag, "", 200},
		{"another tag", `"other"`, "", 200},
	} {
		for _, method := range []string{"GET", "HEAD"} {
			rec := serve(resp, method, "If-None-Match", tt.inm, "Accept-Encoding", tt.encoding)
			if rec.Code != tt.want {
				t.Errorf("%s %s: %d; want %d", method, tt.name, rec.Code, tt.want)
			}
			if rec.Code != 304 {
				continue
			}
			h := rec.Header()
			if rec.Body.Len() != 0 || h.Get("Content-Length") != "" || h.Get("Content-Encoding") != "" {
				t.Errorf("%s %s: 304 with %d bytes, Content-Length %q, Content-Encoding %q", method, tt.name, rec.Body.Len(), h.Get("Content-Length"), h.Get("Content-Encoding"))
			}
			if h.Get("Etag") == "" || h.Get("Vary") != "Accept-Encoding" || h.Get("Cache-Control") == "" {
				t.Errorf("%s %s: 304 without the ETag, Vary and Cache-Control a 200 would have: %v", method, tt.name, h)
			}
		}
	}
	for _, status := range []int{404, 400, 500, 503} {
		r := resp
		r.Status = status
		if rec := serve(r, "GET", "If-None-Match", "*"); rec.Code != status || rec.Body.String() != string(body) {
			t.Errorf("a %d with If-None-Match: * = %d; want the %d with its body", status, rec.Code, status)
		}
		if rec := serve(r, "GET", "If-None-Match", tag); rec.Code != status {
			t.Errorf("a %d with If-None-Match its tag = %d; want %d", status, rec.Code, status)
		}
	}

	for _, encoding := range []string{"", "gzip"} {
		get, head := serve(resp, "GET", "Accept-Encoding", encoding), serve(resp, "HEAD", "Accept-Encoding", encoding)
		if head.Body.Len() != 0 || head.Code != get.Code {
			t.Errorf("HEAD [%s] = %d with %d bytes", encoding, head.Code, head.Body.Len())
		}
		for k := range mergeKeys(get.Header(), head.Header()) {
			if g, h := get.Header().Values(k), head.Header().Values(k); strings.Join(g, "\n") != strings.Join(h, "\n") {
				t.Errorf("[%s] %s: GET %q, HEAD %q", encoding, k, g, h)
			}
		}
	}
}

func mergeKeys(hs ...http.Header) map[string]bool {
	keys := map[string]bool{}
	for _, h := range hs {
		for k := range h {
			keys[k] = true
		}
	}
	return keys
}

// TestWriteStable: a response whose bytes hold a timing is tagged by the
// rest, weakly, so that the same answer made again matches, and still
// differs per encoding and per content.
func TestWriteStable(t *testing.T) {
	stable := []byte(strings.Repeat(`{"took_ms": 0, "hits": ["cooperation"]} `, 30))
	answer := func(took string) Response {
		return Response{Status: 200, Body: bytes.Replace(stable, []byte(`"took_ms": 0`), []byte(`"took_ms": `+took), 1), Stable: stable}
	}
	first, again := serve(answer("1.25"), "GET"), serve(answer("0.5"), "GET")
	tag := first.Header().Get("Etag")
	if tag != again.Header().Get("Etag") || tag != "W/"+ETag(stable) {
		t.Errorf("tags %s and %s; want both %s", tag, again.Header().Get("Etag"), "W/"+ETag(stable))
	}
	if rec := serve(answer("3"), "GET", "If-None-Match", tag); rec.Code != 304 {
		t.Errorf("the same answer again with If-None-Match = %d; want 304", rec.Code)
	}
	gz := serve(answer("3"), "GET", "Accept-Encoding", "gzip")
	if gzTag := gz.Header().Get("Etag"); gzTag == tag || gzTag != "W/"+GzipETag(ETag(stable)) {
		t.Errorf("gzip tag %s; want %s", gzTag, "W/"+GzipETag(ETag(stable)))
	}
	changed := Response{Status: 200, Body: []byte("other"), Stable: []byte("other")}
	if rec := serve(changed, "GET", "If-None-Match", tag); rec.Code != 200 {
		t.Errorf("another answer with the first's tag = %d; want 200", rec.Code)
	}
}

func TestWriteSmall(t *testing.T) {
	rec := serve(Response{Status: 200, Body: []byte("ok\n")}, "GET", "Accept-Encoding", "gzip")
	if rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Vary") != "" || rec.Body.String() != "ok\n" {
		t.Errorf("small body: Content-Encoding %q, Vary %q", rec.Header().Get("Content-Encoding"), rec.Header().Get("Vary"))
	}
	rec = serve(Response{Status: 200, Body: []byte("ok\n"), NoTag: true}, "GET", "If-None-Match", "*")
	if rec.Code != 200 || rec.Header().Get("Etag") != "" {
		t.Errorf("untagged: %d, ETag %q; want 200 without one", rec.Code, rec.Header().Get("Etag"))
	}
}

func TestRedirect(t *testing.T) {
	for _, code := range []int{301, 302, 303} {
		want := httptest.NewRecorder()
		http.Redirect(want, httptest.NewRequest("GET", "/a", nil), "/b?q=%22x%22&y=1", code)
		get := httptest.NewRecorder()
		Redirect(get, httptest.NewRequest("GET", "/a", nil), "/b?q=%22x%22&y=1", code)
		if get.Code != code || get.Body.String() != want.Body.String() || get.Header().Get("Location") != want.Header().Get("Location") ||
			get.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
			t.Errorf("Redirect %d = %d %v %q; want net/http's %v %q", code, get.Code, get.Header(), get.Body, want.Header(), want.Body)
		}
		head := httptest.NewRecorder()
		Redirect(head, httptest.NewRequest("HEAD", "/a", nil), "/b?q=%22x%22&y=1", code)
		if head.Body.Len() != 0 || head.Header().Get("Content-Length") != strconv.Itoa(get.Body.Len()) {
			t.Errorf("HEAD: %d bytes, Content-Length %q; want none, %d", head.Body.Len(), head.Header().Get("Content-Length"), get.Body.Len())
		}
	}
}
