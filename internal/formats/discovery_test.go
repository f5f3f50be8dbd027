package formats

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

var testSite = Site{BaseURL: "https://accord.example", Name: "Accord", Licence: archive.Licence{
	Name: "Creative Commons Attribution 4.0 International", ID: "CC-BY-4.0",
	URL: "https://creativecommons.org/licenses/by/4.0/", Texts: "The texts are their issuers'.",
}}

func TestDocumentJSONGolden(t *testing.T) {
	out, err := json.MarshalIndent(testSite.Document(seed(t)), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.json", append(out, '\n'))
}

// TestAtom checks the feed against RFC 4287's rules: a feed and each entry
// have an id, a title, an updated date-time; the feed has a self link; every
// entry has an alternate link and an author.
func TestAtom(t *testing.T) {
	d := seed(t)
	out, err := testSite.Atom([]*archive.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "feed.atom", out)
	var f struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Authors []struct {
				Names []string `xml:"name"`
			} `xml:"author"`
			Links []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
				Type string `xml:"type,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &f); err != nil {
		t.Fatalf("feed is not XML: %v", err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
		t.Errorf("root = %v; want Atom feed", f.XMLName)
	}
	if f.ID == "" || f.Title == "" || !isDateTime(f.Updated) {
		t.Errorf("feed id, title, updated = %q, %q, %q", f.ID, f.Title, f.Updated)
	}
	if len(f.Links) == 0 || f.Links[0].Rel != "self" || f.Links[0].Href != "https://accord.example/feed.atom" {
		t.Errorf("feed links = %v; want self first", f.Links)
	}
	if len(f.Entries) != 1 {
		t.Fatalf("%d entries; want 1", len(f.Entries))
	}
	e := f.Entries[0]
	if e.ID != "https://accord.example/documents/2025-11-17-kazakhstan-estonia" || e.Title != d.Title || !isDateTime(e.Updated) {
		t.Errorf("entry id, title, updated = %q, %q, %q", e.ID, e.Title, e.Updated)
	}
	for _, a := range e.Authors {
		if len(a.Names) != 1 {
			t.Errorf("entry author has %d names; Atom wants exactly one", len(a.Names))
		}
	}
	if len(e.Authors) != 2 || len(e.Links) == 0 || e.Links[0].Rel != "alternate" {
		t.Errorf("entry authors %v, links %v", e.Authors, e.Links)
	}
	// One alternate, the page; every data file related.
	page := "https://accord.example/documents/2025-11-17-kazakhstan-estonia"
	rels := map[string]string{}
	alternates := 0
	for _, l := range e.Links {
		rels[l.Href] = l.Rel
		if l.Rel == "alternate" {
			alternates++
		}
	}
	if alternates != 1 || rels[page] != "alternate" {
		t.Errorf("entry links %v; want one alternate, the page %s", e.Links, page)
	}
	for _, f := range []string{"data.akn", "data.json", "data.txt", "data.md"} {
		if rels[page+"/"+f] != "related" {
			t.Errorf("entry link to %s: rel %q; want related", f, rels[page+"/"+f])
		}
	}
}

func isDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

func TestSitemapListsEveryPage(t *testing.T) {
	d := seed(t)
	out, err := testSite.Sitemap([]*archive.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sitemap.xml", out)
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out, &set); err != nil {
		t.Fatal(err)
	}
	if got, want := len(set.URLs), 2+1+len(d.Clauses); got != want {
		t.Errorf("sitemap has %d URLs; want %d (home, documents, the document, its clauses)", got, want)
	}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, "https://accord.example/") || u.LastMod != "2025-11-17" {
			t.Errorf("sitemap url %q lastmod %q", u.Loc, u.LastMod)
		}
	}
}

func TestOpenSearchAndRobots(t *testing.T) {
	out, err := testSite.OpenSearch()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "opensearch.xml", out)
	if !strings.Contains(string(out), `template="https://accord.example/search?q={searchTerms}"`) {
		t.Errorf("OpenSearch has no search template:\n%s", out)
	}
	robots := string(testSite.Robots())
	for _, want := range []string{"Disallow: /search\n", "Disallow: /api/\n", "Sitemap: https://accord.example/sitemap.xml\n"} {
		if !strings.Contains(robots, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
}

func TestOpening(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "Short text.", 50, "Short text."},
		{"cut at a word", "The Presidents underlined the importance", 20, "The Presidents…"},
		{"no space", "Ааааааааааа", 5, "Аа…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Opening(tt.in, tt.n); got != tt.want {
				t.Errorf("Opening(%q, %d) = %q; want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}
