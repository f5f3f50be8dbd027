package web

import (
	"encoding/xml"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// textOf is the text of n as a reader sees it: tags stripped, entities
// decoded, whitespace folded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestRenderedTextIsVerbatim: the document page's text paragraphs are, in
// order and nothing else, the paragraphs of the source text.
func TestRenderedTextIsVerbatim(t *testing.T) {
	src, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")[1:] // the first line is the date
	var want []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			// The page shows a clause's number apart from its text.
			want = append(want, strings.Join(strings.Fields(regexp.MustCompile(`^\d+\. `).ReplaceAllString(l, "")), " "))
		}
	}
	page := body(t, get(t, seed(t).Handler(), http.MethodGet, "/documents/"+seedSlug))
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *html.Node, inText bool)
	walk = func(n *html.Node, inText bool) {
		if n.Type == html.ElementNode {
			switch {
			case attr(n, "class") == "labels", attr(n, "class") == "cite-details", attr(n, "class") == "print-only":
				return // the classification, the citations and the print line: not the text
			case attr(n, "id") == "preamble" || attr(n, "class") == "clauses":
				inText = true
			case inText && n.Data == "p":
				got = append(got, textOf(n))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inText)
		}
	}
	walk(root, false)
	if len(got) != len(want) {
		t.Fatalf("the page has %d text paragraphs; the source has %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d:\n page: %q\n source: %q", i+1, got[i], want[i])
		}
	}
}

// TestAnchorsMatchAkomaNtoso: the eIds of data.akn and the ids of the
// paragraphs on the page are the same set.
func TestAnchorsMatchAkomaNtoso(t *testing.T) {
	h := seed(t).Handler()
	akn := body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug+"/data.akn"))
	dec := xml.NewDecoder(strings.NewReader(akn))
	eids := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "eId" && (strings.HasPrefix(a.Value, "para_") || strings.HasPrefix(a.Value, "preamble__p_")) {
					eids[a.Value] = true
				}
			}
		}
	}
	page := body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug))
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="((?:para|preamble__p)_[0-9_p]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]] = true
	}
	for id := range ids {
		if !eids[id] {
			t.Errorf("page anchor %s is not an eId of data.akn", id)
		}
	}
	for id := range eids {
		if !ids[id] {
			t.Errorf("data.akn eId %s is not an anchor of the page", id)
		}
	}
	if len(ids) != 17 {
		t.Errorf("%d anchors; want 17", len(ids))
	}
}

// TestSitemapAnswers: every address in the sitemap answers 200.
func TestSitemapAnswers(t *testing.T) {
	h := seed(t).Handler()
	sm := body(t, get(t, h, http.MethodGet, "/sitemap.xml"))
	locs := regexp.MustCompile(`<loc>https://accord\.example([^<]*)</loc>`).FindAllStringSubmatch(sm, -1)
	if len(locs) < 11 {
		t.Fatalf("sitemap lists %d addresses", len(locs))
	}
	for _, m := range locs {
		if res := get(t, h, http.MethodGet, m[1]); res.StatusCode != http.StatusOK {
			t.Errorf("sitemap address %s = %d", m[1], res.StatusCode)
		}
	}
}
