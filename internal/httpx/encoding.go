package httpx

import (
	"net/http"
	"strings"
)

// RequestAcceptsGzip is AcceptsGzip of r's first Accept-Encoding header,
// read from the map by its canonical key, as net/http stores it.
func RequestAcceptsGzip(r *http.Request) bool {
	v := r.Header["Accept-Encoding"]
	return len(v) > 0 && AcceptsGzip(v[0])
}

// AcceptsGzip reports whether a response should be gzipped for a request
// with this Accept-Encoding header (RFC 9110, section 12.5.3). gzip (or
// x-gzip) is acceptable when listed, or covered by "*", with a q-value
// above 0; it is chosen unless identity is listed with a higher q-value.
// An element whose q-value does not parse is ignored.
//
// When neither gzip nor identity is acceptable ("identity;q=0, gzip;q=0")
// the response is sent as is, without a content coding, rather than
// refused with 406: RFC 9110 allows a server to disregard a negotiation
// header it cannot satisfy, and an unreadable refusal helps no one.
func AcceptsGzip(header string) bool {
	gzip, identity, star := -1, -1, -1 // q-values in thousandths; -1: not listed
	for header != "" {
		var elem string
		elem, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(elem, ";")
		q, ok := qvalue(params)
		if !ok {
			continue
		}
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
			gzip = max(gzip, q)
		case strings.EqualFold(name, "identity"):
			identity = max(identity, q)
		case name == "*":
			star = max(star, q)
		}
	}
	if gzip < 0 {
		gzip = star
	}
	return gzip > 0 && gzip >= identity
}

// qvalue reads the weight among an element's parameters (";q=0.5"), in
// thousandths: 1000 when there is none, false when it is malformed.
func qvalue(params string) (int, bool) {
	q := 1000
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
		if v == "" || len(v) > 5 || (v[0] != '0' && v[0] != '1') || (len(v) > 1 && v[1] != '.') {
			return 0, false
		}
		q = int(v[0]-'0') * 1000
		for i, scale := 2, 100; i < len(v); i, scale = i+1, scale/10 {
			if v[i] < '0' || v[i] > '9' {
				return 0, false
			}
			q += int(v[i]-'0') * scale
		}
		if q > 1000 {
			return 0, false
		}
	}
	return q, true
}
