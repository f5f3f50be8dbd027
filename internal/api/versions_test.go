package api

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/classify"
)

// versionsAPI serves the made-up language versions of testdata/versions,
// classified with the repository's vocabularies.
func versionsAPI(t *testing.T) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, tree := range []struct{ dir, sub string }{{"../../testdata/versions", "documents"}, {"../../content", "vocabulary"}} {
		src := os.DirFS(tree.dir)
		err := fs.WalkDir(src, tree.sub, func(name string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, name)
			fsys[name] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return apiServer(t, a, rules).URL
}

func TestLangFilterAndField(t *testing.T) {
	base := versionsAPI(t)
	_, router := loadOpenAPI(t)
	slugs := func(path string) []string {
		t.Helper()
		resp, body := fetch(t, http.MethodGet, base+"/api/v1"+path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		checkAgainstOpenAPI(t, router, path, resp, body)
		var list struct {
			Documents []struct{ Slug, Language string }
		}
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range list.Documents {
			out = append(out, d.Slug+":"+d.Language)
		}
		return out
	}
	for path, want := range map[string]string{
		"/documents?lang=ru":          "2024-05-14-estonia-kazakhstan-ru:ru",
		"/documents?lang=et":          "2024-05-14-estonia-kazakhstan-et:et",
		"/documents?lang=fr&party=FR": "2023-09-21-estonia-france-fr:fr",
		"/documents?lang=en":          "2024-05-14-estonia-kazakhstan:en 2023-09-21-estonia-france:en",
		"/documents?lang=de":          "",
	} {
		if got := strings.Join(slugs(path), " "); got != want {
			t.Errorf("%s = %q; want %q", path, got, want)
		}
	}
	if n := len(slugs("/documents")); n != 5 {
		t.Errorf("/documents lists %d; want all 5 versions", n)
	}
	for _, path := range []string{"/documents?lang=%D1%80%D1%83", "/documents?lang=EN_us", "/commitments?lang=1", "/documents?lang=" + strings.Repeat("a", 40)} {
		if resp, body := fetch(t, http.MethodGet, base+"/api/v1"+path); resp.StatusCode != 400 || !strings.Contains(string(body), "lang must be a language tag") {
			t.Errorf("GET %s = %d %s; want 400 naming lang", path, resp.StatusCode, body)
		}
	}
	// The commitments of one language are those of its versions alone: the
	// Russian statement is classified in Russian, the English in English.
	for path, suffix := range map[string]string{"/commitments?lang=en": "", "/commitments?lang=ru": "-ru"} {
		resp, body := fetch(t, http.MethodGet, base+"/api/v1"+path)
		checkAgainstOpenAPI(t, router, path, resp, body)
		var list struct {
			Commitments []struct{ Document struct{ Slug string } }
		}
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatal(err)
		}
		if len(list.Commitments) == 0 {
			t.Errorf("%s: no commitments", path)
		}
		for _, c := range list.Commitments {
			s := c.Document.Slug
			other := strings.HasSuffix(s, "-ru") || strings.HasSuffix(s, "-et") || strings.HasSuffix(s, "-fr")
			if suffix == "" && other || suffix != "" && !strings.HasSuffix(s, suffix) {
				t.Errorf("%s lists a commitment of %s", path, s)
			}
		}
	}
	// A clause and a provision on their own say their language.
	for path, want := range map[string]string{
		"/documents/2024-05-14-estonia-kazakhstan-ru/clauses/4":         `"lang":"ru"`,
		"/documents/2023-09-21-estonia-france-fr/provisions/art_2":      `"lang":"fr"`,
		"/documents/2024-05-14-estonia-kazakhstan-et":                   `"expression_uri":"/akn/ee-kz/statement/joint/2024-05-14/est@"`,
		"/documents/2023-09-21-estonia-france-fr/provisions/art_2__p_1": `"lang":"fr"`,
	} {
		resp, body := fetch(t, http.MethodGet, base+"/api/v1"+path)
		checkAgainstOpenAPI(t, router, path, resp, body)
		var compact bytes.Buffer
		if err := json.Compact(&compact, body); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(compact.String(), want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
}
