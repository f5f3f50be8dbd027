package web

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/accord-archive/accord/internal/archive"
)

// provisionsOf lists every provision of d in reading order.
func provisionsOf(d *archive.Document) []*archive.Provision {
	var out []*archive.Provision
	d.Walk(func(c *archive.Provision) bool { out = append(out, c); return true })
	return out
}

// escaped is text as the page writes it.
func escaped(s string) string { return html.EscapeString(s) }

// TestProvisionPages checks that every provision of the hand-made trees
// has its own page, answering 200 with its label, its text and its
// citation, and its children's text.
func TestProvisionPages(t *testing.T) {
	for name, s := range treeServers(t) {
		t.Run(name, func(t *testing.T) { testProvisionPages(t, s) })
	}
}

func testProvisionPages(t *testing.T, s *Server) {
	h := s.Handler()
	for _, d := range s.cfg.Archive.Documents() {
		for _, c := range provisionsOf(d) {
			res := get(t, h, http.MethodGet, c.Path())
			b := body(t, res)
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s (%s) = %d", c.Path(), c.EID(), res.StatusCode)
				continue
			}
			page, err := xhtml.Parse(strings.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			// What a reader sees: the text without its markup.
			words := squash(text(page))
			want := []string{c.Label, pinOf(c)}
			if c.Number > 0 {
				want[0] = "para. " + c.Num
			}
			if c.Element == archive.ElTable {
				want = append(want, "Kazakhstan", "Estonia")
			} else {
				for _, p := range c.Paragraphs {
					want = append(want, p.Text)
				}
			}
			for _, k := range c.Children {
				if len(k.Paragraphs) > 0 && k.Element != archive.ElTable {
					want = append(want, k.Paragraphs[0].Text)
				}
			}
			if c.Heading != nil {
				want = append(want, c.Heading.Text)
			}
			for i := range want {
				want[i] = squash(want[i])
			}
			if m := contains(words, want...); len(m) > 0 {
				t.Errorf("GET %s lacks %q", c.Path(), m)
			}
			if !strings.Contains(b, `id="`+c.EID()+`"`) {
				t.Errorf("GET %s: no element has the id %s", c.Path(), c.EID())
			}
			if n := strings.Count(b, "<h1"); n != 1 {
				t.Errorf("GET %s has %d <h1>", c.Path(), n)
			}
		}
	}
}

// TestProvisionCitation checks the citation a provision's page gives, its
// breadcrumb path and its citation downloads.
func TestProvisionCitation(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	d, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	base := "Agreement on Technical Cooperation, Szohod, 3 March 2024, "
	link := func(c *archive.Provision, label string) string { return `<a href="` + c.Path() + `">` + label + `</a>` }
	chapter := byLabels(t, d, "Chapter I")
	art1 := byLabels(t, d, "Chapter I", "Article 1")
	point := byLabels(t, d, "Chapter I", "Article 1", "1.", "(a)", "(ii)")
	art2para1 := byLabels(t, d, "Chapter I", "Article 2", "1.")
	annex := byLabels(t, d, "ANNEX I")
	for _, tc := range []struct {
		c    *archive.Provision
		want []string
	}{
		{point, []string{base + "Chapter I, Art. 1(1)(a)(ii)", link(chapter, "Chapter I"), link(art1, "Article 1"),
			link(point.Parent.Parent, "para. 1"), link(point.Parent, "(a)"), `<span aria-current="page">(ii)</span>`,
			`<span class="num provision-label">(ii)</span>`}},
		{art2para1, []string{base + "Chapter I, Art. 2(1)", `href="` + art2para1.ContextPath() + `">Read in context`,
			`<a href="#note_1" id="ref_note_1">1</a>`, `<li id="note_1">`, "Including renewable energy."}},
		{byLabels(t, d, "ANNEX I", "2."), []string{base + "Annex I, para. 2", link(annex, "ANNEX I")}},
		{annex.Children[2], []string{base + "Annex I, table 1", link(annex, "ANNEX I"), `<span aria-current="page">table 1</span>`, "<td>Kazakhstan</td>"}},
		{d.Notes[0], []string{base + "note 1", `<span aria-current="page">note 1</span>`, "Including renewable energy."}},
		{d.Conclusions[3], []string{base + "signature 2", `<span aria-current="page">signature 2</span>`, "For Estonia: B. Example"}},
		{art1, []string{base + "Chapter I, Art. 1", `<p class="provision-heading">Article 1 — Definitions`, "exchanges of experts;"}},
	} {
		c, want, eid := tc.c, tc.want, tc.c.EID()
		b := body(t, get(t, h, http.MethodGet, c.Path()))
		if m := contains(b, want...); len(m) > 0 {
			t.Errorf("GET %s lacks %q", c.Path(), m)
		}
		for _, cf := range citationFormats {
			f := cf.name
			res := get(t, h, http.MethodGet, c.Path()+"/"+f)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), d.Slug+"-"+eid) {
				t.Errorf("GET %s/%s = %d, %q", c.Path(), f, res.StatusCode, res.Header.Get("Content-Disposition"))
			}
		}
	}
}

// TestDocumentPageTree checks the document page of each hand-made tree:
// every eId an id exactly once, headings h2 to h6 nested as the
// containers are, no provision's element holding the next one's text,
// the regions set apart, and a permalink to every provision's page.
func TestDocumentPageTree(t *testing.T) {
	for name, s := range treeServers(t) {
		t.Run(name, func(t *testing.T) { testDocumentPageTree(t, s) })
	}
}

func testDocumentPageTree(t *testing.T, s *Server) {
	h := s.Handler()
	for _, d := range s.cfg.Archive.Documents() {
		t.Run(d.Slug, func(t *testing.T) {
			res := get(t, h, http.MethodGet, d.Path())
			b := body(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", d.Path(), res.StatusCode)
			}
			doc, err := xhtml.Parse(strings.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string][]*xhtml.Node{}
			var headings []*xhtml.Node
			var walk func(*xhtml.Node)
			walk = func(n *xhtml.Node) {
				if n.Type == xhtml.ElementNode {
					if id := attr(n, "id"); id != "" {
						ids[id] = append(ids[id], n)
					}
					if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
						headings = append(headings, n)
					}
				}
				for k := n.FirstChild; k != nil; k = k.NextSibling {
					walk(k)
				}
			}
			walk(doc)
			for id, ns := range ids {
				if len(ns) > 1 {
					t.Errorf("id %q is on %d elements", id, len(ns))
				}
			}
			// One <h1>, and no heading more than one level below the one
			// before it.
			prev := 1
			for i, hn := range headings {
				lvl := int(hn.Data[1] - '0')
				if (lvl == 1) != (i == 0) {
					t.Errorf("heading %d is <%s> %q", i, hn.Data, text(hn))
				}
				if lvl > prev+1 {
					t.Errorf("<%s> %q follows <h%d>: a level is skipped", hn.Data, text(hn), prev)
				}
				prev = lvl
			}
			order := provisionsOf(d)
			for i, c := range order {
				ns := ids[c.EID()]
				if len(ns) != 1 {
					t.Errorf("eId %s is an id %d times", c.EID(), len(ns))
					continue
				}
				el := ns[0]
				if !strings.Contains(b, `href="`+c.Path()+`"`) {
					t.Errorf("no permalink to %s", c.Path())
				}
				for _, p := range c.Paragraphs[min(1, len(c.Paragraphs)):] {
					if len(ids[p.EID()]) != 1 {
						t.Errorf("continuation %s is an id %d times", p.EID(), len(ids[p.EID()]))
					}
				}
				own := squash(text(el))
				if len(c.Paragraphs) > 0 && c.Element != archive.ElTable && !strings.Contains(own, squash(c.Paragraphs[0].Text)) {
					t.Errorf("%s's element does not hold its text: %.200q", c.EID(), own)
				}
				// The next provision that is not inside c is not in c's element.
				for _, next := range order[i+1:] {
					if inside(next, c) || len(next.Paragraphs) == 0 {
						continue
					}
					if strings.Contains(own, squash(next.Paragraphs[0].Text)) {
						t.Errorf("%s's element holds %s's text", c.EID(), next.EID())
					}
					break
				}
				// A container's heading is at its depth.
				if c.Element.Container() {
					hn := firstHeading(el)
					want := "h" + strconv.Itoa(min(2+containerDepth(c), 6))
					if hn == nil || hn.Data != want {
						t.Errorf("%s's heading is %v; want <%s>", c.EID(), hn, want)
					} else if !strings.Contains(text(hn), headingText(c)) {
						t.Errorf("%s's heading reads %q; want %q", c.EID(), text(hn), headingText(c))
					}
				}
				// Notes, remarks and conclusions are set apart.
				region := map[archive.Element]string{archive.ElNote: "notes", archive.ElRemark: "remarks", archive.ElFormula: "conclusions",
					archive.ElDateline: "conclusions", archive.ElSignature: "conclusions"}[c.Element]
				if region != "" && !underClass(el, region) {
					t.Errorf("%s is not in the %s region", c.EID(), region)
				}
			}
			for _, p := range d.Preamble {
				if len(ids[p.EID()]) != 1 {
					t.Errorf("preamble %s is an id %d times", p.EID(), len(ids[p.EID()]))
				}
			}
		})
	}
}

// TestDocumentPageRegions checks what the treaty's and the communiqué's
// pages set apart: the contents from the headings, the notes with their
// back-links, the publisher's marks labelled, the table as a table.
func TestDocumentPageRegions(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	treaty, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	art1 := byLabels(t, treaty, "Chapter I", "Article 1").EID()
	for path, want := range map[string][]string{
		"/documents/2024-03-03-treaty": {
			`<nav class="toc"`, `<li><a href="#chp_I">Chapter I — General provisions</a><ol>`, `<a href="#` + art1 + `">Article 1 — Definitions</a></li>`,
			`<li><a href="#att_1">ANNEX I — Fields of cooperation</a></li>`, `<a href="#notes">Notes</a>`,
			`<section id="conclusions" class="conclusions" aria-label="Conclusions">`,
			`<section id="notes" class="notes" aria-labelledby="notes-h">`,
			`energy.<sup class="noteref"><a href="#note_1" id="ref_note_1">1</a></sup>`,
			`<li id="note_1"><span class="num">1</span><div class="note-text"><p>Including renewable energy. <a href="#ref_note_1" class="noteback"`,
			`<div class="table-wrap" id="att_1__table_1"><table>`, `<td>Kazakhstan</td>`, `aria-label="Annex I, table 1 on its own page"`,
			` on its own page</span></a>`, `>(ii)<span class="visually-hidden">`, `<ol class="clauses sub">`,
			`<dt>Provisions</dt>`,
		},
		"/documents/2024-03-03-communique": {
			`<li><a href="#sec_1">Energy and Connectivity</a></li>`, `<li><a href="#sec_2">Climate</a></li>`,
			`<ul class="clauses items sub">`, `<a class="num permalink-num" href="/documents/2024-03-03-communique/provisions/`,
			`<li class="clause" id="para_3" value="3">`,
			`<aside class="remarks" aria-labelledby="remarks-h">`, `not part of the text`,
		},
		"/documents/2024-03-03-resolution": {
			// No headings: the contents list the clauses, as the seed's do.
			`<li><span class="num">2.</span> <a href="#para_2">`, `<section id="preamble" class="preamble"`,
			`<li class="clause" id="para_2__subpara_a">`,
		},
	} {
		b := body(t, get(t, h, http.MethodGet, path))
		if m := contains(b, want...); len(m) > 0 {
			t.Errorf("GET %s lacks %q", path, m)
		}
	}
	b := body(t, get(t, h, http.MethodGet, "/documents/2024-03-03-resolution"))
	if strings.Contains(b, `href="#para_2__subpara_a">`) {
		t.Error("the resolution's contents list a sub-paragraph")
	}
}

// TestProvisionChain follows next from the first provision to the last
// and prev back: together they visit every provision's page, in reading
// order.
func TestProvisionChain(t *testing.T) {
	for name, s := range treeServers(t) {
		t.Run(name, func(t *testing.T) { testProvisionChain(t, s) })
	}
}

func testProvisionChain(t *testing.T, s *Server) {
	h := s.Handler()
	next := regexp.MustCompile(`rel="next" href="([^"]+)"`)
	prev := regexp.MustCompile(`rel="prev" href="([^"]+)"`)
	for _, d := range s.cfg.Archive.Documents() {
		order := provisionsOf(d)
		var forward, back []string
		for p := order[0].Path(); p != "" && len(forward) <= len(order); {
			forward = append(forward, p)
			m := next.FindStringSubmatch(body(t, get(t, h, http.MethodGet, p)))
			p = ""
			if m != nil {
				p = html.UnescapeString(m[1])
			}
		}
		for p := order[len(order)-1].Path(); p != "" && len(back) <= len(order); {
			back = append(back, p)
			m := prev.FindStringSubmatch(body(t, get(t, h, http.MethodGet, p)))
			p = ""
			if m != nil {
				p = html.UnescapeString(m[1])
			}
		}
		if len(forward) != len(order) || len(back) != len(order) {
			t.Errorf("%s: next visits %d pages, prev %d; the document has %d provisions", d.Slug, len(forward), len(back), len(order))
			continue
		}
		for i, c := range order {
			if forward[i] != c.Path() || back[len(back)-1-i] != c.Path() {
				t.Errorf("%s: step %d is %s and %s; want %s", d.Slug, i, forward[i], back[len(back)-1-i], c.Path())
			}
		}
	}
}

// TestProvisionRedirects checks that a numbered clause has one address:
// its eId leads there, and an unknown eId is the 404 page.
func TestProvisionRedirects(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	treaty, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	art1 := byLabels(t, treaty, "Chapter I", "Article 1")
	doc := "/documents/2024-03-03-communique"
	for _, tc := range []struct {
		path string
		want int
		loc  string
	}{
		{doc + "/provisions/para_3", 301, doc + "/clauses/3"},
		{doc + "/provisions/para_3/cite.ris", 301, doc + "/clauses/3/cite.ris"},
		{doc + "/provisions/para_2__item_1", 200, ""},
		{doc + "/clauses/2", 200, ""},
		{doc + "/provisions/para_9", 404, ""},
		{doc + "/provisions/sec_1/cite.bib", 200, ""},
		{doc + "/provisions/sec_1/data.json", 404, ""},
		{doc + "/provisions/" + strings.Repeat("sec_1__", 300), 404, ""},
		{doc + "/provisions/sec_1%2F..%2F..", 404, ""},
		// An eId keeps its case; the slug is folded, and an eId in
		// the wrong case is led to the provision's own.
		{"/documents/2024-03-03-treaty/provisions/chp_I", 200, ""},
		{"/documents/2024-03-03-TREATY/Provisions/chp_I", 301, "/documents/2024-03-03-treaty/provisions/chp_I"},
		{"/documents/2024-03-03-treaty/provisions/" + strings.ToUpper(art1.EID()), 301, art1.Path()},
		{"/documents/2024-03-03-treaty/provisions/chp_i", 301, "/documents/2024-03-03-treaty/provisions/chp_I"},
		{"/documents/2024-03-03-treaty/provisions/PARA_1", 404, ""},
	} {
		res := get(t, h, http.MethodGet, tc.path)
		if res.StatusCode != tc.want || res.Header.Get("Location") != tc.loc {
			t.Errorf("GET %.80s = %d %q; want %d %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.want, tc.loc)
		}
		if tc.want == 404 && !strings.Contains(body(t, res), "<h1") {
			t.Errorf("GET %.80s: not the site's 404 page", tc.path)
		}
	}
	// A numbered clause's own page has its place in the tree too.
	b := body(t, get(t, h, http.MethodGet, doc+"/clauses/3"))
	if m := contains(b, `<a href="`+doc+`/provisions/sec_2">Climate</a>`, `rel="prev" href="`+doc+`/provisions/sec_2"`, `rel="next" href="`+doc+`/clauses/4"`); len(m) > 0 {
		t.Errorf("GET %s/clauses/3 lacks %q", doc, m)
	}
}

// text is n's text, without footnote markers, which the provisions' Text
// leaves out.
func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == xhtml.ElementNode && n.Data == "sup" && slices.ContainsFunc(n.Attr, func(a xhtml.Attribute) bool { return a.Key == "class" && a.Val == "noteref" }) {
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

func firstHeading(n *xhtml.Node) *xhtml.Node {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == xhtml.ElementNode && len(k.Data) == 2 && k.Data[0] == 'h' && k.Data[1] >= '1' && k.Data[1] <= '6' {
			return k
		}
	}
	return nil
}

func underClass(n *xhtml.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == xhtml.ElementNode && strings.Contains(" "+attr(p, "class")+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

// inside reports whether c is below p in the tree.
func inside(c, p *archive.Provision) bool {
	for a := c.Parent; a != nil; a = a.Parent {
		if a == p {
			return true
		}
	}
	return false
}

// TestSitemapListsProvisions checks that the sitemap lists every
// provision's page but the publisher's marks', and each once.
func TestSitemapListsProvisions(t *testing.T) {
	for name, s := range treeServers(t) {
		t.Run(name, func(t *testing.T) { testSitemapListsProvisions(t, s) })
	}
}

func testSitemapListsProvisions(t *testing.T, s *Server) {
	b := body(t, get(t, s.Handler(), http.MethodGet, "/sitemap.xml"))
	for _, d := range s.cfg.Archive.Documents() {
		for _, c := range provisionsOf(d) {
			loc := "<loc>https://accord.example" + c.Path() + "</loc>"
			want := 1
			if c.Element == archive.ElRemark {
				want = 0
			}
			if n := strings.Count(b, loc); n != want {
				t.Errorf("the sitemap lists %s %d times; want %d", c.Path(), n, want)
			}
		}
	}
}

// TestUnitsNameProvisions checks that the topic, name and commitment
// pages link each provision to its own page and name it by its citation.
func TestUnitsNameProvisions(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	checked := 0
	for _, u := range s.units {
		c := u.c
		if c == nil || c.Number > 0 {
			continue
		}
		for _, tp := range c.Topics {
			b := body(t, get(t, h, http.MethodGet, "/topics/"+tp.Slug))
			want := `<a href="` + c.Path() + `">` + escaped(c.Doc.Title+", "+c.Cite()) + `</a>`
			if !strings.Contains(b, want) {
				t.Errorf("/topics/%s lacks %s", tp.Slug, want)
			}
			checked++
		}
		if len(c.Commitments) > 0 {
			b := body(t, get(t, h, http.MethodGet, "/commitments"))
			want := `<a href="` + c.Path() + `">` + escaped(c.Doc.Title+", "+c.Cite()) + `</a>`
			if !strings.Contains(b, want) {
				t.Errorf("/commitments lacks %s", want)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Fatalf("only %d labels of provisions that are not numbered clauses checked; the hand-made documents no longer classify", checked)
	}
}

// TestSearchNamesProvisions checks that a search result names a provision
// by its citation and links its own page.
func TestSearchNamesProvisions(t *testing.T) {
	s := treeServer(t)
	d, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	c := byLabels(t, d, "Chapter I", "Article 1", "1.", "(a)", "(ii)")
	b := body(t, get(t, s.Handler(), http.MethodGet, "/search?q=joint+research+projects"))
	if m := contains(b, `href="`+c.Path()+`"`, escaped(d.Title)+", Chapter I, Art. 1(1)(a)(ii)"); len(m) > 0 {
		t.Errorf("the search for “joint research projects” lacks %q", m)
	}
}

// TestSeedKeepsItsLayout checks that a simple statement's page is laid
// out as before the tree: one list of clauses, numbered by the list, the
// contents listing the clauses, the count named "Clauses".
func TestSeedKeepsItsLayout(t *testing.T) {
	d := seedDoc(t)
	b := body(t, get(t, seed(t).Handler(), http.MethodGet, d.Path()))
	want := []string{
		"<div><dt>Paragraphs</dt><dd>9</dd></div>",
		`<li><span class="num">1.</span> <a href="#para_1">`,
		"<ol class=\"clauses\">\n<li class=\"clause\" id=\"para_1\" value=\"1\">\n  <div class=\"clause-head\"><h2 class=\"visually-hidden\">Paragraph 1</h2><a class=\"num permalink-num\" href=\"" + d.Path() + "/clauses/1\" aria-label=\"Paragraph 1 on its own page\">1.</a></div>\n  <p>",
		"</li>\n</ol>\n<p class=\"print-only\">",
	}
	if m := contains(b, want...); len(m) > 0 {
		t.Errorf("GET %s lacks %q", d.Path(), m)
	}
	if n := strings.Count(b, "<ol class=\"clauses"); n != 1 {
		t.Errorf("GET %s has %d lists of clauses; want 1", d.Path(), n)
	}
}

// squash collapses runs of white space, as a browser shows them.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPreamblePages checks that each preamble paragraph has a page of its
// own at /provisions/preamble__p_N: its text and citation, its
// neighbours, the last one leading to the text's first provision.
func TestPreamblePages(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	d, _ := s.cfg.Archive.Document("2024-03-03-treaty")
	base := d.Path() + "/provisions/"
	b := body(t, get(t, h, http.MethodGet, base+"preamble__p_2"))
	if m := contains(b, escaped(d.Preamble[1].Text), `id="preamble__p_2"`, "Agreement on Technical Cooperation, Szohod, 3 March 2024, preamble, para. 2",
		`<a href="`+d.Path()+`#preamble">Preamble</a>`, `<span aria-current="page">para. 2</span>`,
		`rel="prev" href="`+base+`preamble__p_1"`, `rel="next" href="`+base+`chp_I"`, `href="`+d.Path()+`#preamble__p_2">Read in context`,
		`<link rel="canonical" href="https://accord.example`+base+`preamble__p_2">`); len(m) > 0 {
		t.Errorf("GET %spreamble__p_2 lacks %q", base, m)
	}
	if strings.Contains(b, "Download the citation") {
		t.Errorf("GET %spreamble__p_2 offers citation downloads, which name no provision", base)
	}
	b = body(t, get(t, h, http.MethodGet, base+"preamble__p_1"))
	if m := contains(b, `rel="next" href="`+base+`preamble__p_2"`, `<span class="end">First paragraph</span>`); len(m) > 0 {
		t.Errorf("GET %spreamble__p_1 lacks %q", base, m)
	}
	for _, p := range []string{"preamble__p_3", "preamble__p_0", "preamble__p_01", "preamble__p_1/cite.bib", "preamble__p_-1", "preamble__p_99999999999"} {
		if res := get(t, h, http.MethodGet, base+p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s%s = %d; want 404", base, p, res.StatusCode)
		}
	}
}

// byLabels is the provision of d reached from the top of its body or
// attachments through the printed labels given, outermost first.
func byLabels(t testing.TB, d *archive.Document, labels ...string) *archive.Provision {
	t.Helper()
	list := append(d.Body[:len(d.Body):len(d.Body)], d.Attachments...)
	var c *archive.Provision
	for _, l := range labels {
		c = nil
		for _, k := range list {
			if k.Label == l {
				c = k
				break
			}
		}
		if c == nil {
			t.Fatalf("%s: no provision labelled %q", d.Slug, labels)
		}
		list = c.Children
	}
	return c
}
