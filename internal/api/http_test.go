package api

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

const seedDoc = "/api/v1/documents/2025-11-17-kazakhstan-estonia"

// contentWith is the repository's content tree with old replaced by new in
// every file, as an editor's change would leave it.
func contentWith(t *testing.T, old, new string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../content"), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../../content"), path)
		m[path] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(b), old, new))}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// apiOver serves the API over the content tree fsys.
func apiOver(t *testing.T, fsys fs.FS) *httptest.Server {
	t.Helper()
	srv, _ := apiOverArchive(t, fsys)
	return srv
}

// TestETagsFollowContent: every response's tag is its body's, so it
// differs between bodies and between encodings of one body, and changes
// when the content does, in a server made from the changed content as a
// reload makes one.
func TestETagsFollowContent(t *testing.T) {
	srv := newTestAPI(t)
	seen := map[string]string{}
	for _, path := range []string{"/api/v1/", "/api/v1/documents", seedDoc, seedDoc + "/clauses/3", "/api/v1/topics", "/api/v1/commitments", "/api/v1/search?q=transport", "/api/v1/search?q=trade"} {
		for _, encoding := range []string{"", "gzip"} {
			resp, body := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", encoding)
			tag := resp.Header.Get("ETag")
			if resp.StatusCode != 200 || tag == "" {
				t.Fatalf("GET %s [%s] = %d, ETag %q", path, encoding, resp.StatusCode, tag)
			}
			if len(body) > 512 && (encoding == "gzip") != (resp.Header.Get("Content-Encoding") == "gzip") {
				t.Errorf("GET %s [%s]: Content-Encoding %q", path, encoding, resp.Header.Get("Content-Encoding"))
			}
			coding := resp.Header.Get("Content-Encoding")
			if coding == "" && encoding == "gzip" {
				continue // the body sent before: small ones are not gzipped
			}
			if other, ok := seen[tag]; ok {
				t.Errorf("GET %s [%s] has the tag %s of %s", path, coding, tag, other)
			}
			seen[tag] = path + " [" + coding + "]"
		}
	}

	changed := apiOver(t, contentWith(t, "sustainable transport links", "durable transport links"))
	for _, path := range []string{seedDoc, seedDoc + "/clauses/3", "/api/v1/search?q=transport"} {
		for _, encoding := range []string{"", "gzip"} {
			before, _ := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", encoding)
			after, body := fetch(t, http.MethodGet, changed.URL+path, "Accept-Encoding", encoding)
			if !strings.Contains(string(body), "durable") && encoding == "" {
				t.Fatalf("GET %s after the change does not hold it", path)
			}
			tag := before.Header.Get("ETag")
			if after.Header.Get("ETag") == tag {
				t.Errorf("GET %s [%s]: the tag %s outlived a change of the content", path, encoding, tag)
			}
			if resp, _ := fetch(t, http.MethodGet, changed.URL+path, "Accept-Encoding", encoding, "If-None-Match", tag); resp.StatusCode != 200 {
				t.Errorf("GET %s [%s] with the tag from before the change = %d; want 200", path, encoding, resp.StatusCode)
			}
		}
	}
	// Unchanged content keeps its tags across a reload.
	same := apiOver(t, contentWith(t, "no such text", ""))
	for _, path := range []string{seedDoc, "/api/v1/topics"} {
		before, _ := fetch(t, http.MethodGet, srv.URL+path)
		after, _ := fetch(t, http.MethodGet, same.URL+path)
		if before.Header.Get("ETag") != after.Header.Get("ETag") {
			t.Errorf("GET %s: tag %s, then %s over the same content", path, before.Header.Get("ETag"), after.Header.Get("ETag"))
		}
	}
}

// TestConditionalRequests: If-None-Match matches W/ tags, lists and *,
// per encoding; a 304 has no body and no length; an error is never 304.
func TestConditionalRequests(t *testing.T) {
	srv := newTestAPI(t)
	for _, encoding := range []string{"", "gzip"} {
		resp, _ := fetch(t, http.MethodGet, srv.URL+"/api/v1/documents", "Accept-Encoding", encoding)
		tag := resp.Header.Get("ETag")
		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, `W/"other",W/` + tag, "*"} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				resp, body := fetch(t, method, srv.URL+"/api/v1/documents", "Accept-Encoding", encoding, "If-None-Match", inm)
				if resp.StatusCode != http.StatusNotModified {
					t.Errorf("%s [%s] If-None-Match %s = %d; want 304", method, encoding, inm, resp.StatusCode)
					continue
				}
				if len(body) != 0 || resp.Header.Get("Content-Length") != "" || resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("ETag") != tag {
					t.Errorf("%s [%s] 304: %d bytes, Content-Length %q, Content-Encoding %q, ETag %q",
						method, encoding, len(body), resp.Header.Get("Content-Length"), resp.Header.Get("Content-Encoding"), resp.Header.Get("ETag"))
				}
			}
		}
		other := "gzip"
		if encoding == "gzip" {
			other = ""
		}
		if resp, _ := fetch(t, http.MethodGet, srv.URL+"/api/v1/documents", "Accept-Encoding", other, "If-None-Match", tag); resp.StatusCode != 200 {
			t.Errorf("the [%s] tag asked for in [%s] = %d; want 200", encoding, other, resp.StatusCode)
		}
	}
	for _, path := range []string{"/api/v1/documents/nope", "/api/v1/nope", "/api/v1/search?q=trade&sort=sideways"} {
		resp, _ := fetch(t, http.MethodGet, srv.URL+path)
		for _, inm := range []string{"*", resp.Header.Get("ETag")} {
			if resp, body := fetch(t, http.MethodGet, srv.URL+path, "If-None-Match", inm); resp.StatusCode < 400 || len(body) == 0 {
				t.Errorf("GET %s If-None-Match %s = %d with %d bytes; want the error", path, inm, resp.StatusCode, len(body))
			}
		}
	}
}

// TestSearchRevalidates: the same search asked again has the same tag,
// weak since the time it took is in the body, and so gets 304; HEAD has
// GET's tag; the tag differs per encoding and per search.
func TestSearchRevalidates(t *testing.T) {
	srv := newTestAPI(t)
	url := srv.URL + "/api/v1/search?q=cooperation"
	for _, encoding := range []string{"", "gzip"} {
		first, _ := fetch(t, http.MethodGet, url, "Accept-Encoding", encoding)
		tag := first.Header.Get("ETag")
		if !strings.HasPrefix(tag, `W/"`) {
			t.Errorf("[%s] search tag %q; want a weak tag", encoding, tag)
		}
		for range 3 {
			if again, _ := fetch(t, http.MethodGet, url, "Accept-Encoding", encoding); again.Header.Get("ETag") != tag {
				t.Errorf("[%s] the same search: tag %s, then %s", encoding, tag, again.Header.Get("ETag"))
			}
		}
		if head, _ := fetch(t, http.MethodHead, url, "Accept-Encoding", encoding); head.Header.Get("ETag") != tag {
			t.Errorf("[%s] HEAD tag %s; GET's %s", encoding, head.Header.Get("ETag"), tag)
		}
		if resp, body := fetch(t, http.MethodGet, url, "Accept-Encoding", encoding, "If-None-Match", tag); resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("[%s] the same search with its tag = %d, %d bytes; want 304", encoding, resp.StatusCode, len(body))
		}
		if resp, _ := fetch(t, http.MethodGet, srv.URL+"/api/v1/search?q=trade", "Accept-Encoding", encoding, "If-None-Match", tag); resp.StatusCode != 200 {
			t.Errorf("[%s] another search with the first's tag = %d; want 200", encoding, resp.StatusCode)
		}
	}
	plain, _ := fetch(t, http.MethodGet, url)
	gz, _ := fetch(t, http.MethodGet, url, "Accept-Encoding", "gzip")
	if plain.Header.Get("ETag") == gz.Header.Get("ETag") {
		t.Errorf("gzip and identity share the tag %s", gz.Header.Get("ETag"))
	}
}

// TestAcceptEncodingQValues: a coding refused with q=0 is not sent.
func TestAcceptEncodingQValues(t *testing.T) {
	srv := newTestAPI(t)
	for _, path := range []string{"/api/v1/documents", "/api/v1/search?q=cooperation"} {
		for _, ae := range []string{"gzip;q=0", "identity;q=0, gzip;q=0", "*;q=0", "br"} {
			resp, body := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", ae)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || !strings.HasPrefix(string(body), "{") {
				t.Errorf("GET %s [%s] = %d, Content-Encoding %q; want 200 as is", path, ae, resp.StatusCode, resp.Header.Get("Content-Encoding"))
			}
		}
		if resp, _ := fetch(t, http.MethodGet, srv.URL+path, "Accept-Encoding", "br;q=1, gzip;q=0.5"); resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s [gzip;q=0.5] not gzipped", path)
		}
	}
}
