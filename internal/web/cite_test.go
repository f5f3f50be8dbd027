package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// A researcher citing clause 3 finds its number as a link to its page, and
// beside it the address and the citation in each style, as text.
func TestClauseLinkAndCiteOnTheDocumentPage(t *testing.T) {
	h := seed(t).Handler()
	page := body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug))
	for n := 1; n <= 9; n++ {
		if !strings.Contains(page, `<a class="num permalink-num" href="/documents/`+seedSlug+`/clauses/`+itoa(n)+`" aria-label="Paragraph `+itoa(n)+` on its own page">`+itoa(n)+`.</a>`) {
			t.Errorf("clause %d's number is not its permalink", n)
		}
	}
	_, c3, _ := strings.Cut(page, `id="para_3"`)
	c3, _, _ = strings.Cut(c3, `</li>`)
	url := "https://accord.example/documents/" + seedSlug + "/clauses/3"
	if m := contains(c3, `<details class="cite-details"><summary>Link and cite<span class="visually-hidden"> paragraph 3</span></summary>`,
		`<dt>Link</dt><dd><span class="cite-text">`+url+`</span>`,
		`<dt>OSCOLA</dt><dd><span class="cite-text">Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia (Astana, 17 November 2025) para 3 &lt;`+url+`&gt;</span>`,
		`<dt>Chicago</dt>`, `<dt>APA</dt>`, `href="/documents/`+seedSlug+`/clauses/3/cite"`); m != nil {
		t.Errorf("clause 3 lacks %q", m)
	}
	checkHTML(t, "/documents/"+seedSlug, page)
}

func TestCiteStyles(t *testing.T) {
	d := seedDoc(t)
	c, _ := d.Clause(3)
	url := "https://accord.example/documents/" + seedSlug + "/clauses/3"
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	want := map[string]string{
		"oscola":  "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia (Astana, 17 November 2025) para 3 <" + url + "> accessed 29 November 2026",
		"chicago": "Kazakhstan and Estonia. “Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia.” Astana, November 17, 2025. Para. 3. Accord. Accessed November 29, 2026. " + url + ".",
		"apa":     "Kazakhstan & Estonia. (2025, November 17). Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia [Joint statement], para. 3. Accord. Retrieved November 29, 2026, from " + url,
	}
	for _, st := range citeStyles(d, c, url, day) {
		if st.Text() != want[st.Code] {
			t.Errorf("%s:\n got  %s\n want %s", st.Code, st.Text(), want[st.Code])
		}
	}
	// Without a day of access, each still ends with the address.
	for _, st := range citeStyles(d, c, url, time.Time{}) {
		if txt := st.Text(); !strings.Contains(txt, url) || strings.Contains(txt, "ccessed") || strings.Contains(txt, "Retrieved") {
			t.Errorf("%s without a date: %s", st.Code, txt)
		}
	}
}

// The cite page carries today's date as the day of access, in the style
// chosen.
func TestCitePage(t *testing.T) {
	h := seed(t).Handler()
	res := get(t, h, http.MethodGet, "/documents/"+seedSlug+"/clauses/3/cite?style=chicago")
	page := body(t, res)
	today := time.Now().UTC().Format("January 2, 2006")
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("ETag") != "" {
		t.Fatalf("status %d, Cache-Control %q, ETag %q", res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
	}
	if m := contains(page, "Accessed "+today+". https://accord.example/documents/"+seedSlug+"/clauses/3.", `<span aria-current="true">Chicago</span>`, `<a href="?style=apa">APA</a>`); m != nil {
		t.Errorf("missing %q", m)
	}
	checkHTML(t, "cite page", page)
	if !strings.Contains(body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug+"/cite")), "(Astana, 17 November 2025) &lt;https://accord.example/documents/"+seedSlug+"&gt; accessed ") {
		t.Error("the document's cite page lacks its OSCOLA citation")
	}
	for path, status := range map[string]int{
		"/documents/" + seedSlug + "/clauses/3/cite?style=mla": http.StatusBadRequest,
		"/documents/" + seedSlug + "/clauses/99/cite":          http.StatusNotFound,
		"/documents/" + seedSlug + "/clauses/03/cite":          http.StatusNotFound,
		"/documents/nope/cite":                                 http.StatusNotFound,
	} {
		if res := get(t, h, http.MethodGet, path); res.StatusCode != status {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, status)
		}
	}
}

// TestProvisionCitePages: the "with today's date" link of every provision
// page of a treaty leads to a cite page of that provision, and an eId
// that names nothing, or a numbered paragraph (cited under /clauses/), is
// a 404.
func TestProvisionCitePages(t *testing.T) {
	s := treeServer(t)
	h := s.Handler()
	link := regexp.MustCompile(`<p class="cite-dated"><a href="([^"]+)"`)
	checked := 0
	for _, d := range s.cfg.Archive.Documents() {
		d.Walk(func(c *archive.Provision) bool {
			page := body(t, get(t, h, http.MethodGet, c.Path()))
			for _, m := range link.FindAllStringSubmatch(page, -1) {
				res := get(t, h, http.MethodGet, html.UnescapeString(m[1]))
				if b := body(t, res); res.StatusCode != http.StatusOK || !strings.Contains(b, "accessed ") {
					t.Errorf("%s links %s: %d", c.Path(), m[1], res.StatusCode)
				}
				checked++
			}
			return true
		})
	}
	if checked == 0 {
		t.Fatal("no provision page links a dated citation")
	}
	doc := "/documents/2024-03-03-treaty"
	for _, path := range []string{doc + "/provisions/nothing/cite", doc + "/provisions/para_1/cite"} {
		if res := get(t, h, http.MethodGet, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
}
