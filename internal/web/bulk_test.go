package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/formats"
)

// TestBulkFiles: each bulk file is served with its type, an ETag that a
// second request matches (304), CORS open, linked from /about, and the
// archive described there as a schema.org Dataset with them.
func TestBulkFiles(t *testing.T) {
	s := seed(t)
	h := s.Handler()
	about := body(t, get(t, h, "GET", "/about"))
	for _, f := range formats.BulkFiles {
		r := get(t, h, "GET", f.Path)
		b := body(t, r)
		if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != f.Type || len(b) == 0 {
			t.Errorf("GET %s: %d %q, %d bytes", f.Path, r.StatusCode, r.Header.Get("Content-Type"), len(b))
		}
		if got := r.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", f.Path, got)
		}
		tag := r.Header.Get("ETag")
		if again := get(t, h, "GET", f.Path, "If-None-Match", tag); tag == "" || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match %q: %d; want 304", f.Path, tag, again.StatusCode)
		}
		if !strings.Contains(about, `<a href="`+f.Path+`"`) {
			t.Errorf("/about does not link %s", f.Path)
		}
		if !strings.Contains(about, `"contentUrl":"https://accord.example`+f.Path+`"`) {
			t.Errorf("/about's Dataset has no distribution %s", f.Path)
		}
	}
	if !strings.Contains(about, `"@type":"Dataset"`) || !strings.Contains(about, `"license":"`+s.cfg.Licence.URL+`"`) {
		t.Errorf("/about has no schema.org Dataset under the licence")
	}
	zipped := []byte(body(t, get(t, h, "GET", formats.BulkAknZip)))
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil || len(zr.File) != len(s.cfg.Archive.Documents()) {
		t.Fatalf("the ZIP: %v", err)
	}
	var line struct{ Slug string }
	jsonl := body(t, get(t, h, "GET", formats.BulkJSONLines))
	if err := json.Unmarshal([]byte(strings.TrimSpace(jsonl)), &line); err != nil || line.Slug != seedSlug {
		t.Errorf("the JSON Lines file: %v, %q", err, line.Slug)
	}
}

// TestDataXML: data.xml is data.akn, byte for byte, type and ETag alike,
// open to other origins; data.akn is still served.
func TestDataXML(t *testing.T) {
	h := seed(t).Handler()
	p := "/documents/" + seedSlug
	akn, xml := get(t, h, "GET", p+"/data.akn"), get(t, h, "GET", p+"/data.xml")
	if akn.StatusCode != 200 || xml.StatusCode != 200 || body(t, akn) != body(t, xml) ||
		akn.Header.Get("ETag") != xml.Header.Get("ETag") || akn.Header.Get("Content-Type") != xml.Header.Get("Content-Type") {
		t.Errorf("data.xml (%d) is not data.akn (%d)", xml.StatusCode, akn.StatusCode)
	}
	if xml.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("data.xml is not open to other origins")
	}
}
