package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// TestLicenceEverywhere: the licence of content/site.yaml is on /about,
// in data.json, the feed's <rights> and the OpenAPI info; an archive that
// declares none says so on /about and writes no licence anywhere.
func TestLicenceEverywhere(t *testing.T) {
	s := seed(t)
	l := s.cfg.Licence
	if !l.Declared() || l.ID == "" || l.URL == "" || l.Texts == "" {
		t.Fatalf("the seed's site.yaml declares %+v", l)
	}
	h := s.Handler()
	about := body(t, get(t, h, "GET", "/about"))
	if m := contains(about, `<h2 id="licence">Licence</h2>`, `<a rel="license" href="`+l.URL+`">`+l.Name+`</a>`, "<code>"+l.ID+"</code>", htmlEscape(l.Texts)); m != nil {
		t.Errorf("/about lacks %q", m)
	}

	var doc struct {
		License *struct{ Name, ID, URL, Texts string } `json:"license"`
	}
	if err := json.Unmarshal([]byte(body(t, get(t, h, "GET", "/documents/"+seedSlug+"/data.json"))), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.License == nil || doc.License.Name != l.Name || doc.License.ID != l.ID || doc.License.URL != l.URL || doc.License.Texts != l.Texts {
		t.Errorf("data.json license %+v, want %+v", doc.License, l)
	}

	feed := body(t, get(t, h, "GET", "/feed.atom"))
	if !strings.Contains(feed, "<rights>Data: "+l.Name+" ("+l.URL+").") {
		t.Errorf("the feed has no <rights> with the licence:\n%s", feed)
	}

	var api struct {
		Info struct {
			License map[string]string `json:"license"`
		} `json:"info"`
	}
	if err := json.Unmarshal([]byte(body(t, get(t, h, "GET", "/api/v1/openapi.json"))), &api); err != nil {
		t.Fatal(err)
	}
	if got := api.Info.License; got["name"] != l.Name || got["identifier"] != l.ID || got["url"] != "" {
		t.Errorf("OpenAPI info.license %v: want the name and the SPDX identifier (not both identifier and url)", got)
	}

	// No site file: nothing is claimed.
	bare, err := newTestServerWith(s.cfg.Archive, s.cfg.Vocabulary, func(c *Config) { c.Licence = archive.Licence{} })
	if err != nil {
		t.Fatal(err)
	}
	bh := bare.Handler()
	if about := body(t, get(t, bh, "GET", "/about")); !strings.Contains(about, "has not declared a licence") || strings.Contains(about, `rel="license"`) {
		t.Errorf("/about without a licence:\n%s", about)
	}
	for _, p := range []string{"/documents/" + seedSlug + "/data.json", "/feed.atom", "/api/v1/openapi.json"} {
		r := get(t, bh, "GET", p)
		b := body(t, r)
		if r.StatusCode != http.StatusOK || strings.Contains(b, `"license": {"name"`) || strings.Contains(b, "\"license\": {\n    \"name\"") || strings.Contains(b, "<rights>") {
			t.Errorf("%s names a licence the archive does not declare", p)
		}
	}
}

func htmlEscape(s string) string { return strings.ReplaceAll(s, "'", "&#39;") }
