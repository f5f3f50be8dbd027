package web

import (
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/classify"
)

// The made-up language versions of testdata/versions: a statement in
// English, Estonian and Russian, and a treaty in two authentic languages.
const (
	stEN = "2024-05-14-estonia-kazakhstan"
	stRU = stEN + "-ru"
	stET = stEN + "-et"
	trEN = "2023-09-21-estonia-france"
	trFR = trEN + "-fr"
)

// versionsServer serves the fixture's documents, classified with the
// repository's vocabularies.
var versionsServer = sync.OnceValues(func() (*Server, error) {
	fsys, err := versionsFS()
	if err != nil {
		return nil, err
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		return nil, err
	}
	return newTestServer(a, rules)
})

// versionsFS is the fixture's documents and the repository's vocabularies.
func versionsFS() (fstest.MapFS, error) {
	out := fstest.MapFS{}
	for _, tree := range []struct{ dir, sub string }{{"../../testdata/versions", "documents"}, {"../../content", "vocabulary"}} {
		fsys := os.DirFS(tree.dir)
		err := fs.WalkDir(fsys, tree.sub, func(name string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, name)
			out[name] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func versionsSrv(t *testing.T) *Server {
	t.Helper()
	s, err := versionsServer()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var htmlTag = regexp.MustCompile(`<html lang="([^"]+)"( dir="rtl")?>`)

// pageLang is the lang of a page's <html>.
func pageLang(t *testing.T, s *Server, target string) (string, string) {
	t.Helper()
	r := get(t, s.Handler(), http.MethodGet, target)
	b := body(t, r)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", target, r.StatusCode)
	}
	m := htmlTag.FindStringSubmatch(b)
	if m == nil {
		t.Fatalf("GET %s: no <html lang>", target)
	}
	return m[1], b
}

func TestVersionPagesCarryTheirLanguage(t *testing.T) {
	s := versionsSrv(t)
	for slug, lang := range map[string]string{stEN: "en", stRU: "ru", stET: "et", trEN: "en", trFR: "fr"} {
		d, _ := s.cfg.Archive.Document(slug)
		pages := []string{d.Path(), d.Path() + "/clauses/1", d.Path() + "/provisions/preamble__p_1"}
		if strings.HasPrefix(slug, trEN) {
			pages = []string{d.Path(), d.Path() + "/provisions/art_2", d.Path() + "/provisions/art_2__p_1", d.Path() + "/provisions/conclusions__formula_1"}
		}
		for _, p := range pages {
			got, b := pageLang(t, s, p)
			if got != lang {
				t.Errorf("%s: <html lang=%q>; want %q", p, got, lang)
			}
			// The site's own English words say so on a page in another language.
			if lang != "en" {
				for _, want := range []string{`<header class="site" lang="en">`, `<footer class="site" lang="en">`, `<nav class="crumbs" lang="en"`} {
					if !strings.Contains(b, want) {
						t.Errorf("%s lacks %s", p, want)
					}
				}
			} else if strings.Contains(b, `<header class="site" lang`) {
				t.Errorf("%s: an English page marks its header", p)
			}
		}
	}
}

// Every switcher link leads (200) to the same eId in the other version.
func TestSwitcherLeadsToTheSameProvision(t *testing.T) {
	s := versionsSrv(t)
	link := regexp.MustCompile(`<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</a>`)
	for _, page := range []string{
		"/documents/" + stRU + "/clauses/4",
		"/documents/" + stET + "/provisions/preamble__p_1",
		"/documents/" + stEN,
		"/documents/" + trFR + "/provisions/art_3__p_1",
		"/documents/" + trEN + "/provisions/conclusions__signature_2",
	} {
		_, b := pageLang(t, s, page)
		nav := b[strings.Index(b, `<nav class="versions"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		links := link.FindAllStringSubmatch(nav, -1)
		if len(links) == 0 {
			t.Fatalf("%s: no version links in %s", page, nav)
		}
		_, eid, _ := strings.Cut(strings.TrimPrefix(page, "/documents/"), "/")
		for _, l := range links {
			href, hreflang, lang, name := l[1], l[2], l[3], l[4]
			if hreflang != lang {
				t.Errorf("%s: link %s hreflang %s, lang %s", page, href, hreflang, lang)
			}
			if want := map[string]string{"en": "English", "ru": "Русский", "et": "Eesti", "fr": "Français"}[lang]; name != want {
				t.Errorf("%s: the %s link says %q; want %q", page, lang, name, want)
			}
			if _, rest, _ := strings.Cut(strings.TrimPrefix(href, "/documents/"), "/"); rest != eid {
				t.Errorf("%s: link %s leads to %q; want the same provision, %q", page, href, rest, eid)
			}
			got, _ := pageLang(t, s, href)
			if got != lang {
				t.Errorf("%s → %s: <html lang=%q>; want %q", page, href, got, lang)
			}
		}
	}
}

func TestSideBySideClause(t *testing.T) {
	s := versionsSrv(t)
	_, b := pageLang(t, s, "/documents/"+stET+"/clauses/4")
	grid := b[strings.Index(b, `<div class="parallel-grid">`):]
	grid = grid[:strings.Index(grid, "</section>\n  </div>")]
	want := []string{
		`<section class="parallel-text" lang="en" aria-label="English">`,
		`4.</span> The Parties will exchange experience in the protection of coastal infrastructure and in coastal defence.`,
		`<section class="parallel-text current" lang="et" aria-label="Eesti">`,
		`4.</span> Pooled vahetavad kogemusi rannikuäärse taristu kaitse ja rannakaitse valdkonnas.`,
		`<section class="parallel-text" lang="ru" aria-label="Русский">`,
		`4.</span> Стороны будут обмениваться опытом в области защиты прибрежной инфраструктуры и береговой обороны.`,
	}
	last := -1
	for _, w := range want {
		i := strings.Index(grid, w)
		if i < 0 {
			t.Errorf("side by side lacks %s", w)
			continue
		}
		if i < last {
			t.Errorf("%s is out of order: the versions go English, Eesti, Русский", w)
		}
		last = i
	}
	if strings.Contains(grid, ` id="`) {
		t.Errorf("the versions side by side repeat ids: the page's own version holds the eIds")
	}
	// A text alone has no such section, nor a switcher.
	_, seedPage := pageLang(t, seed(t), "/documents/"+seedSlug+"/clauses/3")
	if strings.Contains(seedPage, `class="parallel"`) || strings.Contains(seedPage, `class="versions"`) {
		t.Errorf("the seed's clause, a text alone, shows versions")
	}
}

func TestVersionsPanelSaysWhichAreAuthentic(t *testing.T) {
	s := versionsSrv(t)
	for page, want := range map[string][]string{
		"/documents/" + trFR: {
			`<a href="/documents/` + trEN + `" hreflang="en" lang="en">English</a> <span class="authentic">authentic</span> <span class="prevails">prevails</span>`,
			`<span aria-current="page" lang="fr">Français</span> <span class="authentic">authentic</span></li>`,
			"Authentic texts: English, French. In case of divergence the English text prevails.",
		},
		"/documents/" + stRU: {"The texts do not say which versions are authentic."},
	} {
		_, b := pageLang(t, s, page)
		if m := contains(b, want...); m != nil {
			t.Errorf("%s lacks %q", page, m)
		}
	}
}

// A passage quoted in an English page carries its own language: the
// titles and snippets of lists and search results.
func TestQuotedPassagesCarryTheirLanguage(t *testing.T) {
	s := versionsSrv(t)
	for page, want := range map[string][]string{
		"/documents": {
			`<a class="doc-title" href="/documents/` + stRU + `" lang="ru">Совместное заявление`,
			`<a class="doc-title" href="/documents/` + stET + `" lang="et">Eesti Vabariigi`,
			`<a class="doc-title" href="/documents/` + stEN + `">Joint Statement`,
			` · <span lang="ru">Таллин</span> · `,
		},
		"/": {`<a class="doc-title" href="/documents/` + trFR + `" lang="fr">Accord entre`},
		"/search?q=2025": {
			`<span lang="ru">Совместное заявление`,
			`<blockquote class="snippet" lang="ru">`,
			`<blockquote class="snippet" lang="et">`,
			`<blockquote class="snippet"><p>`,
		},
	} {
		lang, b := pageLang(t, s, page)
		if lang != "en" {
			t.Errorf("%s: <html lang=%q>; want en", page, lang)
		}
		if m := contains(b, want...); m != nil {
			t.Errorf("%s lacks %q", page, m)
		}
	}
}

// An Arabic text is written right to left: its page says dir="rtl", and
// the site's English words dir="ltr".
func TestRightToLeftPage(t *testing.T) {
	fsys, err := versionsFS()
	if err != nil {
		t.Fatal(err)
	}
	fsys["documents/2024-05-14-estonia-kazakhstan-ar.md"] = &fstest.MapFile{Data: []byte(strings.Replace(strings.Replace(
		readFile(t, "../../testdata/versions/documents/"+stEN+".md"), "language: en", "language: ar\nversion-of: "+stEN, 1),
		"The Ministers reaffirmed", "أكد الوزراء", 1))}
	s := serverOver(t, fsys, nil)
	r := get(t, s.Handler(), http.MethodGet, "/documents/2024-05-14-estonia-kazakhstan-ar/clauses/1")
	b := body(t, r)
	if m := contains(b, `<html lang="ar" dir="rtl">`, `<header class="site" lang="en" dir="ltr">`,
		`<section class="parallel-text current" lang="ar" dir="rtl"`); m != nil {
		t.Errorf("the Arabic clause lacks %q", m)
	}
	r = get(t, s.Handler(), http.MethodGet, "/documents/"+stEN+"/clauses/1")
	if b := body(t, r); !strings.Contains(b, `<section class="parallel-text" lang="ar" dir="rtl" aria-label="العربية">`) {
		t.Errorf("the English clause shows the Arabic version without its direction")
	}
	r = get(t, s.Handler(), http.MethodGet, "/documents")
	if b := body(t, r); !strings.Contains(b, `href="/documents/2024-05-14-estonia-kazakhstan-ar" lang="ar" dir="rtl">`) {
		t.Errorf("the list gives the Arabic title without its direction")
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The work IRI leads to the original's page, each expression IRI to its
// version's data.akn, and every IRI a version's data.akn names resolves.
func TestVersionIRIsResolve(t *testing.T) {
	s := versionsSrv(t)
	const work = "/akn/ee-kz/statement/joint/2024-05-14"
	for iri, want := range map[string]string{
		work:                     "/documents/" + stEN,
		work + "/!main":          "/documents/" + stEN,
		work + "/eng@":           "/documents/" + stEN + "/data.akn",
		work + "/rus@":           "/documents/" + stRU + "/data.akn",
		work + "/est@2024-05-14": "/documents/" + stET + "/data.akn",
		work + "/est@.akn":       "/documents/" + stET + "/data.akn",
		"/akn/ee-fr/statement/agreement/2023-09-21/fra@/!main": "/documents/" + trFR + "/data.akn",
		work + "/fra@": "",
	} {
		r := get(t, s.Handler(), http.MethodGet, iri)
		switch {
		case want == "" && r.StatusCode != http.StatusNotFound:
			t.Errorf("%s = %d; want 404: no version in that language", iri, r.StatusCode)
		case want != "" && (r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), want)):
			t.Errorf("%s = %d → %s; want 303 → %s", iri, r.StatusCode, r.Header.Get("Location"), want)
		}
	}
	iri := regexp.MustCompile(`(?:href|value)="(/(?:akn|ontology)/[^"#]+)"`)
	for _, slug := range []string{stEN, stRU, stET, trEN, trFR} {
		b := body(t, get(t, s.Handler(), http.MethodGet, "/documents/"+slug+"/data.akn"))
		for _, m := range iri.FindAllStringSubmatch(b, -1) {
			r := get(t, s.Handler(), http.MethodGet, m[1])
			if r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusOK {
				t.Errorf("%s's data.akn names %s, which is %d", slug, m[1], r.StatusCode)
			}
		}
	}
}

// The <head> of a version's page names the same page in every version.
func TestHeadNamesTheOtherVersions(t *testing.T) {
	s := versionsSrv(t)
	_, b := pageLang(t, s, "/documents/"+stET+"/clauses/2")
	want := []string{
		`<link rel="alternate" hreflang="en" href="https://accord.example/documents/` + stEN + `/clauses/2">`,
		`<link rel="alternate" hreflang="et" href="https://accord.example/documents/` + stET + `/clauses/2">`,
		`<link rel="alternate" hreflang="ru" href="https://accord.example/documents/` + stRU + `/clauses/2">`,
	}
	if m := contains(b[:strings.Index(b, "</head>")], want...); m != nil {
		t.Errorf("the head lacks %q", m)
	}
	if _, b := pageLang(t, seed(t), "/documents/"+seedSlug); strings.Contains(b, "hreflang") {
		t.Errorf("the seed, a text alone, names versions")
	}
}

// A work whose original is not in English is the original's page all the
// same: the English version is a version of it.
func TestWorkIRILeadsToTheOriginal(t *testing.T) {
	fsys, err := versionsFS()
	if err != nil {
		t.Fatal(err)
	}
	en, fr := "documents/"+trEN+".md", "documents/"+trFR+".md"
	fsys[fr].Data = []byte(strings.Replace(string(fsys[fr].Data), "version-of: "+trEN+"\n", "", 1))
	fsys[en].Data = []byte(strings.Replace(string(fsys[en].Data), "language: en\n", "language: en\nversion-of: "+trFR+"\n", 1))
	s := serverOver(t, fsys, nil)
	r := get(t, s.Handler(), http.MethodGet, "/akn/ee-fr/statement/agreement/2023-09-21")
	if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "/documents/"+trFR) {
		t.Errorf("the work IRI = %d → %s; want 303 → the French original", r.StatusCode, loc)
	}
}

// A version without the provision links to its whole text, and says so
// beside the others.
func TestVersionWithoutTheProvision(t *testing.T) {
	fsys, err := versionsFS()
	if err != nil {
		t.Fatal(err)
	}
	et := "documents/" + stET + ".md"
	src := string(fsys[et].Data)
	fsys[et].Data = []byte(src[:strings.Index(src, "6. Ministrite")])
	s := serverOver(t, fsys, nil)
	_, b := pageLang(t, s, "/documents/"+stEN+"/clauses/6")
	want := []string{
		`<a href="/documents/` + stET + `" hreflang="et" lang="et" title="Not in this version: its whole text">Eesti</a>`,
		`<a href="/documents/` + stRU + `/clauses/6" hreflang="ru" lang="ru">Русский</a>`,
		`<p class="missing" lang="en" dir="ltr">Not in this version.</p>`,
	}
	if m := contains(b, want...); m != nil {
		t.Errorf("clause 6 lacks %q", m)
	}
	head := b[:strings.Index(b, "</head>")]
	if strings.Contains(head, `hreflang="et"`) || !strings.Contains(head, `hreflang="ru"`) {
		t.Errorf("the head names the Estonian version, which has no clause 6, or not the Russian")
	}
}
