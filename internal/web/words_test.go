package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The site calls a numbered unit of text a paragraph, as its citations
// ("para. 3") and the texts themselves do, and any unit of a treaty's tree
// a provision. "Clause" is left to addresses and code: a page a reader
// sees never says it, in its text or in what it says aloud or in search
// results (aria-label, title, alt, placeholder, the description).
func TestPagesSayParagraph(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	word := regexp.MustCompile(`(?i)\bclauses?\b`)
	// An address, absolute or a path, is printed as it is: its /clauses/
	// is the released route, not a word of the page.
	address := regexp.MustCompile(`\S*/clauses/\S*`)
	for _, target := range []string{
		"/",
		"/documents",
		doc,
		doc + "?analysis=1",
		doc + "/clauses/3",
		doc + "/clauses/1",
		doc + "/clauses/9",
		doc + "/clauses/10",
		doc + "/clauses/three",
		doc + "/clauses/3/nothing",
		doc + "/clauses/3/cite",
		doc + "/cite",
		doc + "/provisions/preamble__p_1",
		"/search",
		"/search?q=transport",
		"/search?q=zzzzqqq",
		"/commitments",
		"/topics",
		"/topics/transport",
		"/entities",
		"/about",
	} {
		res := get(t, h, http.MethodGet, target)
		b := body(t, res)
		for _, s := range readerText(t, b) {
			if m := word.FindString(address.ReplaceAllString(s, "")); m != "" {
				t.Errorf("GET %s says %q: %q", target, m, s)
			}
		}
	}
}

// readerText is what a reader of page b sees or hears: its text outside
// scripts and styles, the attributes read aloud or shown, and the
// description a search engine or a link preview shows. URLs, ids and
// classes are the site's addresses and code, not its words.
func readerText(t *testing.T, b string) []string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, s)
			}
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			var class, name string
			for _, a := range n.Attr {
				switch a.Key {
				case "class":
					class = a.Val
				case "name", "property":
					name = a.Val
				}
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "alt", "placeholder", "aria-description":
					out = append(out, a.Val)
				case "title":
					if class != "Z3988" { // COinS: an OpenURL for reference managers
						out = append(out, a.Val)
					}
				case "content":
					if n.Data == "meta" && (name == "description" || strings.HasSuffix(name, ":description") || strings.HasSuffix(name, ":title")) {
						out = append(out, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// A treaty's units are provisions, wherever the site counts or steps
// through them; its preamble's are paragraphs.
func TestTreeSaysProvision(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	d, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	n := itoa(len(d.Clauses))
	if m := contains(body(t, get(t, h, http.MethodGet, "/documents")), n+" provisions"); len(m) > 0 {
		t.Errorf("GET /documents lacks %q", m)
	}
	if m := contains(body(t, get(t, h, http.MethodGet, d.Path()+"/provisions/chp_I")), `aria-label="Provisions"`); len(m) > 0 {
		t.Errorf("GET %s/provisions/chp_I lacks %q", d.Path(), m)
	}
	if m := contains(body(t, get(t, h, http.MethodGet, d.Path()+"/provisions/preamble__p_1")), `aria-label="Paragraphs"`, "First paragraph"); len(m) > 0 {
		t.Errorf("GET %s/provisions/preamble__p_1 lacks %q", d.Path(), m)
	}
}
