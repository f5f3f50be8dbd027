package httpx

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// ETag returns the strong entity tag of a representation whose bytes are
// body: a hash of them, so that it changes whenever they do and only then.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// GzipETag returns the tag of the gzipped copy of the representation
// tagged etag: another representation, so another tag, for a strong tag
// and a weak one alike.
func GzipETag(etag string) string {
	return strings.TrimSuffix(etag, `"`) + `-gz"`
}

// Weak returns etag as a weak tag: what a response carries whose bytes may
// differ from one request to the next (a timing) while meaning the same.
func Weak(etag string) string {
	if strings.HasPrefix(etag, "W/") {
		return etag
	}
	return "W/" + etag
}

// ETagMatch reports whether an If-None-Match header matches etag: "*", or
// any tag of its comma-separated list, compared weakly as RFC 9110 asks
// for If-None-Match (W/"x" matches "x" and W/"x"). A malformed list matches
// nothing from the first fault on.
func ETagMatch(header, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	if want == "" {
		return false
	}
	for {
		header = strings.TrimLeft(header, " \t,")
		if header == "" {
			return false
		}
		if header[0] == '*' {
			return true
		}
		tag, rest, ok := scanETag(header)
		if !ok {
			return false
		}
		if tag == want {
			return true
		}
		header = rest
	}
}

// scanETag reads one entity tag from the start of s and returns its
// opaque part (quotes included, W/ left off) and what follows it.
func scanETag(s string) (tag, rest string, ok bool) {
	s = strings.TrimPrefix(s, "W/")
	if len(s) < 2 || s[0] != '"' {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[:i+1], s[i+1:], true
		case c == 0x21 || c >= 0x23 && c <= 0x7E || c >= 0x80:
		default:
			return "", "", false
		}
	}
	return "", "", false
}
