package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// A reader opening a document gets the text as issued: no commitment
// pills, topics, names or underlined verbs among the paragraphs, every
// link in the text body a link to a paragraph; the analysis is one link
// away, at ?analysis=1, and back.
func TestDocumentReadingModeIsTheDefault(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	page := body(t, get(t, h, http.MethodGet, doc))
	for _, bad := range []string{`class="labels"`, `class="verb`, `class="tag `, `class="about-line"`} {
		if strings.Contains(page, bad) {
			t.Errorf("the document page holds %s", bad)
		}
	}
	if m := contains(page, `<a href="`+doc+`?analysis=1" rel="nofollow">Show analysis</a>`, "Text as issued."); m != nil {
		t.Errorf("missing %q", m)
	}
	res := get(t, h, http.MethodGet, doc+"?analysis=1")
	an := body(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("?analysis=1: status %d", res.StatusCode)
	}
	if m := contains(an, `class="labels"`, `class="verb verb-agreement"`, `<a href="`+doc+`">Text only</a>`, `<link rel="canonical" href="https://accord.example`+doc+`">`); m != nil {
		t.Errorf("?analysis=1 missing %q", m)
	}
	checkHTML(t, doc+"?analysis=1", an)
	// The same text in both: the analysis adds, never changes a word.
	if strings.Count(page, `<li class="clause"`) != strings.Count(an, `<li class="clause"`) {
		t.Error("the two views hold different clauses")
	}
	// Cached, and answered alike the second time.
	if again := body(t, get(t, h, http.MethodGet, doc+"?analysis=1")); again != an {
		t.Error("the analysis page differs when asked again")
	}
	if res := get(t, h, http.MethodGet, "/documents/no-such?analysis=1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown document with analysis: %d", res.StatusCode)
	}
}

// A journalist checking "kept exactly as issued" finds, on the document's
// page, where the text was copied from and when, and on /about who keeps
// the archive and how to report an error.
func TestDocumentProvenance(t *testing.T) {
	h := seed(t).Handler()
	d := seedDoc(t)
	page := body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug))
	if m := contains(page, `<dt>Source</dt><dd><a href="`+d.Source+`" rel="external" class="source-link">mirror.akorda.kz</a>`,
		`<dt>Retrieved</dt><dd><time datetime="2026-11-24">24 November 2026</time>`,
		`<p class="print-only">https://accord.example/documents/`+seedSlug+` · Text copied from `+d.Source+` on 24 November 2026</p>`); m != nil {
		t.Errorf("missing %q", m)
	}
	about := body(t, get(t, h, http.MethodGet, "/about"))
	if m := contains(about, `id="curation"`, `id="corrections"`, "To report an error", `href="https://github.com/accord-archive/accord/issues"`); m != nil {
		t.Errorf("/about missing %q", m)
	}
}

func TestHostOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.akorda.kz/en/x":               "akorda.kz",
		"https://web.archive.org/web/2025/https:/": "web.archive.org",
		"not a url": "not a url",
	} {
		if got := hostOf(in); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// The pages with filters put them first, in a "Filter" disclosure a
// phone shows closed above the results, with a skip link to them; the
// document's numbered clauses are headings for a screen reader.
func TestFiltersFirstAndClauseHeadings(t *testing.T) {
	h := seed(t).Handler()
	for _, path := range []string{"/commitments?topic=transport", "/documents", "/search?q=cooperation"} {
		page := body(t, get(t, h, http.MethodGet, path))
		filters := strings.Index(page, `<details class="filters" id="filters"><summary>Filter</summary>`)
		results := strings.Index(page, `<section aria-label=`)
		if filters < 0 || results < 0 || filters > results {
			t.Errorf("%s: the filters (at %d) do not come before the results (at %d)", path, filters, results)
		}
		if !strings.Contains(page, `<a class="skip" href="#filters">Skip to filters</a>`) {
			t.Errorf("%s: no skip link to the filters", path)
		}
	}
	page := body(t, get(t, h, http.MethodGet, "/documents/"+seedSlug))
	for n := 1; n <= 9; n++ {
		if !strings.Contains(page, `<h2 class="visually-hidden">Paragraph `+itoa(n)+`</h2>`) {
			t.Errorf("clause %d has no heading", n)
		}
	}
	if !strings.Contains(page, `<details class="toc-fold"><summary><h2 id="toc-h">Contents</h2></summary>`) {
		t.Error("the contents are not a disclosure")
	}
}

// Search within a document stays in it: the words are marked in place,
// numbered, and the bar above the text jumps to each.
func TestSearchWithinDocumentMarksInPlace(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	res := get(t, h, http.MethodGet, doc+"?q=transport")
	page := body(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") != "" {
		t.Fatalf("status %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	if m := contains(page, `4 matches for <q>transport</q>`, `<a href="#m1">1</a>`, `<a href="#m4">4</a>`,
		`<mark class="hit" id="m1">transport</mark>`, `International <mark class="hit" id="m3">Transport</mark> Route`,
		`<form class="search within" role="search" aria-label="This document" action="`+doc+`"`, `value="transport"`,
		`<meta name="robots" content="noindex">`); m != nil {
		t.Errorf("missing %q", m)
	}
	checkHTML(t, doc+"?q=transport", page)
	// The text is unchanged but for the marks.
	plain := body(t, get(t, h, http.MethodGet, doc))
	strip := strings.NewReplacer(`<mark class="hit" id="m1">`, "", `<mark class="hit" id="m2">`, "", `<mark class="hit" id="m3">`, "", `<mark class="hit" id="m4">`, "", "</mark>", "")
	_, a, _ := strings.Cut(strip.Replace(page), `<section id="preamble"`)
	_, b, _ := strings.Cut(plain, `<section id="preamble"`)
	if a != b {
		t.Error("the marked text differs from the text beyond its marks")
	}
	if p := body(t, get(t, h, http.MethodGet, doc+"?q=zebra")); !strings.Contains(p, "No match for <q>zebra</q> in this text.") {
		t.Error("no notice for a word the text lacks")
	}
	// A word matches at a word's start: "port" is not in "transport" or "support".
	if p := body(t, get(t, h, http.MethodGet, doc+"?q=port")); !strings.Contains(p, "No match for <q>port</q> in this text.") {
		t.Error("“port” marked inside other words")
	}
	if res := get(t, h, http.MethodGet, doc+"?q="+strings.Repeat("a", 600)); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a 600-character search within: %d", res.StatusCode)
	}
}

// TestSearchWithinTreeCountsEveryMark: in a treaty, with conclusions and
// nested provisions, the bar above the text links every mark the text
// holds, one for one.
func TestSearchWithinTreeCountsEveryMark(t *testing.T) {
	h := treeServer(t).Handler()
	marks := regexp.MustCompile(`<mark class="hit" id="m(\d+)">`)
	for _, q := range []string{"the", "done", "parties", "article"} {
		page := body(t, get(t, h, http.MethodGet, "/documents/2024-03-03-treaty?q="+q))
		n := len(marks.FindAllString(page, -1))
		if n == 0 {
			continue
		}
		for i := 1; i <= min(n, 100); i++ {
			if !strings.Contains(page, `<a href="#m`+itoa(i)+`">`+itoa(i)+`</a>`) {
				t.Errorf("q=%s: %d marks in the text, no link to mark %d", q, n, i)
			}
		}
		if strings.Contains(page, `<a href="#m`+itoa(n+1)+`">`) {
			t.Errorf("q=%s: a link beyond the %d marks", q, n)
		}
	}
}
