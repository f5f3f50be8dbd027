package web

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageHead is what a reference manager reads from a page: its meta tags by
// name, its alternate links by type, and its COinS span.
type pageHead struct {
	meta       map[string][]string
	alternates map[string]string
	coins      url.Values
	schemaDC   string // the namespace DC.* names are in (DC-HTML)
}

func readHead(t *testing.T, page string) pageHead {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := pageHead{meta: map[string][]string{}, alternates: map[string]string{}}
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "meta" && attr(n, "name") != "":
				h.meta[attr(n, "name")] = append(h.meta[attr(n, "name")], attr(n, "content"))
			case n.Data == "link" && attr(n, "rel") == "schema.DC":
				h.schemaDC = attr(n, "href")
			case n.Data == "link" && attr(n, "rel") == "alternate":
				h.alternates[attr(n, "type")] = attr(n, "href")
			case n.Data == "span" && attr(n, "class") == "Z3988":
				if h.coins != nil {
					t.Errorf("two COinS spans")
				}
				if strings.Contains(attr(n, "title"), "+") {
					t.Errorf("COinS %q: a space as +", attr(n, "title"))
				}
				h.coins, err = url.ParseQuery(attr(n, "title"))
				if err != nil {
					t.Errorf("COinS: %v", err)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

func TestCitationMeta(t *testing.T) {
	const seedTitle = "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia"
	seedDocURL := "https://accord.example/documents/" + seedSlug
	tree := treeServers(t)["made"]
	treaty, ok := tree.cfg.Archive.Document("2024-03-03-treaty")
	if !ok {
		t.Fatal("no treaty")
	}
	sub := byLabels(t, treaty, "Chapter I", "Article 1", "1.", "(a)").Path()
	subURL := "https://accord.example" + sub
	cases := []struct {
		name   string
		s      *Server
		path   string
		want   map[string]string // every citation_* and DC.* tag, once each
		partOf string            // DC.relation.ispartof
		place  string
	}{
		{"seed document", seed(t), "/documents/" + seedSlug, map[string]string{
			"citation_title":             seedTitle,
			"citation_publication_date":  "2025/11/17",
			"citation_date":              "2025/11/17",
			"citation_language":          "en",
			"citation_publisher":         "Accord",
			"citation_public_url":        seedDocURL,
			"citation_abstract_html_url": seedDocURL,
			"DC.title":                   seedTitle,
			"DC.date":                    "2025-11-17",
			"DC.type":                    "Joint statement",
			"DC.language":                "en",
			"DC.publisher":               "Accord",
			"DC.identifier":              seedDocURL,
			"DC.source":                  seedDoc(t).Source,
			"DC.coverage":                "Astana",
		}, "", "Astana"},
		{"seed clause", seed(t), "/documents/" + seedSlug + "/clauses/3", map[string]string{
			"citation_title":             seedTitle + ", para. 3",
			"citation_publication_date":  "2025/11/17",
			"citation_date":              "2025/11/17",
			"citation_language":          "en",
			"citation_publisher":         "Accord",
			"citation_public_url":        seedDocURL + "/clauses/3",
			"citation_abstract_html_url": seedDocURL + "/clauses/3",
			"DC.title":                   seedTitle + ", para. 3",
			"DC.date":                    "2025-11-17",
			"DC.type":                    "Joint statement",
			"DC.language":                "en",
			"DC.publisher":               "Accord",
			"DC.identifier":              seedDocURL + "/clauses/3",
			"DC.source":                  seedDoc(t).Source,
			"DC.relation.ispartof":       seedDocURL,
			"DC.coverage":                "Astana",
		}, seedDocURL, "Astana"},
		{"tree provision", tree, sub, map[string]string{
			"citation_title":             "Agreement on Technical Cooperation, Chapter I, Art. 1(1)(a)",
			"citation_publication_date":  "2024/03/03",
			"citation_date":              "2024/03/03",
			"citation_language":          "en",
			"citation_publisher":         "Accord",
			"citation_public_url":        subURL,
			"citation_abstract_html_url": subURL,
			"DC.title":                   "Agreement on Technical Cooperation, Chapter I, Art. 1(1)(a)",
			"DC.date":                    "2024-03-03",
			"DC.type":                    "Agreement",
			"DC.language":                "en",
			"DC.publisher":               "Accord",
			"DC.identifier":              subURL,
			"DC.relation.ispartof":       "https://accord.example/documents/2024-03-03-treaty",
			"DC.coverage":                "Szohod",
		}, "https://accord.example/documents/2024-03-03-treaty", "Szohod"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, tc.s.Handler(), "GET", tc.path)
			if r.StatusCode != 200 {
				t.Fatalf("GET %s: %d", tc.path, r.StatusCode)
			}
			h := readHead(t, body(t, r))
			got := map[string]string{}
			for name, vs := range h.meta {
				if !strings.HasPrefix(name, "citation_") && !strings.HasPrefix(name, "DC.") {
					continue
				}
				if len(vs) != 1 {
					t.Errorf("%s given %d times: %q", name, len(vs), vs)
				}
				got[name] = vs[0]
			}
			if !reflect.DeepEqual(got, tc.want) {
				for k, v := range tc.want {
					if got[k] != v {
						t.Errorf("%s = %q; want %q", k, got[k], v)
					}
				}
				for k, v := range got {
					if _, ok := tc.want[k]; !ok {
						t.Errorf("unexpected %s = %q", k, v)
					}
				}
			}
			if got := h.meta["z:itemType"]; len(got) != 1 || got[0] != "document" {
				t.Errorf("z:itemType = %q; want document (Zotero would guess a journal article)", got)
			}
			if h.schemaDC != "http://purl.org/dc/elements/1.1/" {
				t.Errorf(`<link rel="schema.DC"> = %q; want the Dublin Core elements`, h.schemaDC)
			}
			// No authors: a reader would split a state's name into a person's.
			for _, name := range []string{"citation_author", "DC.creator", "citation_pdf_url"} {
				if vs, ok := h.meta[name]; ok {
					t.Errorf("%s = %q; want none", name, vs)
				}
			}
			page := strings.TrimPrefix(tc.want["citation_public_url"], "https://accord.example")
			for typ, file := range map[string]string{
				"application/x-research-info-systems": "/cite.ris",
				"application/x-bibtex":                "/cite.bib",
			} {
				if got := h.alternates[typ]; got != page+file {
					t.Errorf("alternate %s = %q; want %q", typ, got, page+file)
				}
			}
			c := h.coins
			if c == nil {
				t.Fatal("no COinS span")
			}
			for k, v := range map[string]string{
				"ctx_ver":        "Z39.88-2004",
				"rft_val_fmt":    "info:ofi/fmt:kev:mtx:dc",
				"rft.title":      tc.want["DC.title"],
				"rft.date":       tc.want["DC.date"],
				"rft.type":       tc.want["DC.type"],
				"rft.language":   "en",
				"rft.identifier": tc.want["DC.identifier"],
				"rft.coverage":   tc.place,
				"rft.relation":   tc.partOf,
			} {
				if got := c.Get(k); got != v {
					t.Errorf("COinS %s = %q; want %q", k, got, v)
				}
			}
		})
	}
}

// TestNoCitationMetaElsewhere: only a document's or provision's page cites
// a work; the home page and the list would be saved as one.
func TestNoCitationMetaElsewhere(t *testing.T) {
	s := seed(t)
	for _, p := range []string{"/", "/documents", "/about"} {
		h := readHead(t, body(t, get(t, s.Handler(), "GET", p)))
		for name := range h.meta {
			if strings.HasPrefix(name, "citation_") || strings.HasPrefix(name, "DC.") || strings.HasPrefix(name, "z:") {
				t.Errorf("%s: %s", p, name)
			}
		}
		if h.coins != nil || h.schemaDC != "" {
			t.Errorf("%s: a COinS span or schema.DC link", p)
		}
	}
}
