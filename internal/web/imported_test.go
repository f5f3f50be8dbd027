package web

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
)

// The made-up plain texts of every shape (testdata/texts: a statement of
// plain paragraphs under headings, a communiqué, a treaty, a UN
// resolution, a misprint, labels without spaces, a French text), each
// imported as `accord import` does, checked by the loader, and served.
const textsDir = "../../testdata/texts"

// importedTexts imports every text; the dates the texts do not print on
// their first or last line are given as --date would give them.
var importedTexts = sync.OnceValues(func() (map[string][]byte, error) {
	names, err := filepath.Glob(filepath.Join(textsDir, "*.txt"))
	if err != nil || len(names) < 7 {
		return nil, fmt.Errorf("the made-up texts: %d files, %v", len(names), err)
	}
	out := map[string][]byte{}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(filepath.Base(name), ".txt")
		// Texts of one day and parties are told apart by their number.
		m := content.ImportMeta{Title: "A Made-up " + base, Kind: "communique", Parties: []string{"KZ", "EE"}, Slug: base, Number: base}
		if strings.Contains(name, "french") {
			m.Language = "fr"
		}
		slug, file, err := content.Import(name, src, m)
		if err != nil {
			m.Date = "2024-01-01"
			slug, file, err = content.Import(name, src, m)
		}
		if err != nil {
			return nil, err
		}
		out[slug] = file
		out[slug+" source"] = src
	}
	return out, nil
})

// importedServer serves the imported texts with the repository's vocabularies.
var importedServer = sync.OnceValues(func() (*Server, error) {
	files, err := importedTexts()
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	vocab, err := filepath.Glob("../../content/vocabulary/*")
	if err != nil {
		return nil, err
	}
	for _, name := range vocab {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		fsys["vocabulary/"+filepath.Base(name)] = &fstest.MapFile{Data: b}
	}
	for slug, file := range files {
		if !strings.HasSuffix(slug, " source") {
			fsys["documents/"+slug+".md"] = &fstest.MapFile{Data: file}
		}
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		return nil, err
	}
	if n := len(a.Documents()); n < 7 {
		return nil, errors.New("fewer documents than texts")
	}
	return newTestServer(a, rules)
})

// labelled matches a line's printed label, as import reads one.
var labelled = regexp.MustCompile(`^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.,)]?|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|[•–-])\s*`)

// TestImportedTextsServed: of each made-up text imported, every line's
// words are on its document's page, in the order printed; every printed
// label is shown, and every provision's page answers 200 and cites it by
// its labels.
func TestImportedTextsServed(t *testing.T) {
	s, err := importedServer()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := importedTexts()
	h := s.Handler()
	for _, d := range s.cfg.Archive.Documents() {
		t.Run(d.Slug, func(t *testing.T) {
			// Footnote markers are links of their own, set apart from the words.
			page := html.UnescapeString(tagsOut(noteRefs.ReplaceAllString(body(t, get(t, h, http.MethodGet, d.Path())), "")))
			page = strings.Join(strings.Fields(page), " ")
			at := 0
			lines := strings.Split(string(files[d.Slug+" source"]), "\n")
			for i, line := range lines[1:] { // the first is the date line, in the front matter
				words := strings.Join(strings.Fields(labelled.ReplaceAllString(strings.TrimSpace(line), "")), " ")
				words = strings.NewReplacer("¹", "", "²", "", "³", "").Replace(words)
				if words == "" || len(words) < 4 {
					continue
				}
				j := strings.Index(page[at:], words)
				if j < 0 {
					if strings.Contains(page, words) {
						t.Errorf("line %d is on the page out of its order: %q", i+2, words)
					} else {
						t.Errorf("line %d is not on the page: %q", i+2, words)
					}
					continue
				}
				at += j
			}
			d.Walk(func(c *archive.Provision) bool {
				if c.Element == archive.ElRemark {
					return true
				}
				r := get(t, h, http.MethodGet, c.Path())
				if r.StatusCode != http.StatusOK {
					t.Errorf("%s: %s answers %d", c.EID(), c.Path(), r.StatusCode)
					return true
				}
				p := html.UnescapeString(body(t, r))
				if c.Label != "" && !strings.Contains(page, c.Label) {
					t.Errorf("%s: its label %q is not on the document's page", c.EID(), c.Label)
				}
				if c.Label != "" && c.Num != "" && c.Element.Operative() && !strings.Contains(p, c.Cite()) {
					t.Errorf("%s: its page does not cite it as %q", c.EID(), c.Cite())
				}
				return true
			})
		})
	}
}

var noteRefs = regexp.MustCompile(`<sup class="noteref">.*?</sup>`)

var tags = regexp.MustCompile(`<[^>]*>`)

// tagsOut replaces every tag with a space.
func tagsOut(s string) string { return tags.ReplaceAllString(s, " ") }

// TestContentsInPrintedOrder: the contents list the conclusions before
// the annexes, as a treaty prints its signatures before them.
func TestContentsInPrintedOrder(t *testing.T) {
	s, err := importedServer()
	if err != nil {
		t.Fatal(err)
	}
	b := body(t, get(t, s.Handler(), http.MethodGet, "/documents/treaty"))
	toc := b[strings.Index(b, `id="toc-h"`):]
	toc = toc[:strings.Index(toc, "</nav>")]
	c, a := strings.Index(toc, `href="#conclusions"`), strings.Index(toc, `href="#att_1"`)
	if c < 0 || a < 0 || c > a {
		t.Errorf("contents: conclusions at %d, the annex at %d; want both, the conclusions first:\n%s", c, a, toc)
	}
}
