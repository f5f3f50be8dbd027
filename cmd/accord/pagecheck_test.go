//go:build browser

package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/browsertest"
	"github.com/accord-archive/accord/internal/testenv"
)

// checkedPages are the pages every accessibility and validity check covers:
// one of each page type, and the error pages.
var checkedPages = []struct{ name, path string }{
	{"home", "/"},
	{"documents", "/documents"},
	{"documents filtered", "/documents?party=EE"},
	{"document", "/documents/2025-11-17-kazakhstan-estonia"},
	{"clause", "/documents/2025-11-17-kazakhstan-estonia/clauses/3"},
	{"search", "/search?q=transport"},
	{"search, no results", "/search?q=zzyzx"},
	{"404", "/documents/no-such-document"},
	{"about", "/about"},
	{"commitments", "/commitments"},
	{"commitments filtered", "/commitments?party=EE"},
	{"topics", "/topics"},
	{"topic", "/topics/transport"},
	{"entities", "/entities"},
	{"entity", "/entities/united-nations"},
	{"search by commitment", "/search?q=cooperation&commitment=support"},
	{"document with analysis", "/documents/2025-11-17-kazakhstan-estonia?analysis=1"},
	{"document searched within", "/documents/2025-11-17-kazakhstan-estonia?q=transport"},
	{"search with a party chip", "/search?q=estonia+kazakhstan+transport"},
	{"search, several parties and kinds", "/search?q=transport&party=EE,KZ&kind=joint-statement,treaty"},
	{"search, nothing, nearest", "/search?q=transport&party=US"},
	{"cite page", "/documents/2025-11-17-kazakhstan-estonia/clauses/3/cite?style=chicago"},
	{"commitments by topic", "/commitments?topic=transport"},
	{"bad request", "/search?q=x&year=MMXXV"},
	// Documents with trees: the loader's fixtures (treeContent).
	{"treaty", "/documents/2024-01-01-treaty"},
	{"treaty article", "/documents/2024-01-01-treaty/provisions/art_1"},
	{"treaty sub-paragraph", "/documents/2024-01-01-treaty/provisions/art_1__para_1__subpara_b"},
	{"treaty annex", "/documents/2024-01-01-treaty/provisions/att_1"},
	{"communiqué", "/documents/2024-01-01-communique"},
	{"communiqué clause with a note", "/documents/2024-01-01-communique/clauses/3"},
	{"communiqué heading", "/documents/2024-01-01-communique/provisions/sec_1"},
	{"communiqué mark", "/documents/2024-01-01-communique/provisions/remark_2"},
	{"resolution", "/documents/2024-01-01-resolution"},
	{"statement", "/documents/2024-01-01-statement"},
	{"table", "/documents/2024-01-01-table"},
	// Language versions (testdata/versions): pages in Russian, Estonian
	// and French, a clause side by side, and English lists quoting them.
	{"Russian version", "/documents/2024-05-14-estonia-kazakhstan-ru"},
	{"Estonian clause side by side", "/documents/2024-05-14-estonia-kazakhstan-et/clauses/4"},
	{"French article of an authentic treaty", "/documents/2023-09-21-estonia-france-fr/provisions/art_2"},
	{"search quoting versions", "/search?q=2025"},
}

// treeContent is a content tree of the seed, the loader's tree fixtures
// (a treaty, a communiqué, a resolution, a statement, a table) and the
// language versions of testdata/versions,
// for the page checks of documents with headings, annexes and notes.
func treeContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"treaty", "communique", "resolution", "statement", "table"} {
		b, err := os.ReadFile(filepath.Join("../../internal/content/testdata/tree", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "documents", "2024-01-01-"+name+".md"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(dir, "documents", "versions"), os.DirFS("../../testdata/versions/documents")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// axeViolation is the part of an axe-core result this test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestAccessibility runs axe-core in the real browser on every page type.
// ACCORD_AXE names axe.min.js (the axe-core npm package); `make browser`
// (and so `make check`) installs it and sets it. Without it the test is
// skipped, or fails where the tools are required (testenv.Required).
func TestAccessibility(t *testing.T) {
	axePath := os.Getenv("ACCORD_AXE")
	if axePath == "" {
		testenv.Missing(t, "ACCORD_AXE is not set: run `make browser`, which installs axe-core and sets it")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	base := startServe(t, "--content", treeContent(t))
	browser := browsertest.New(t)
	// Each page in the light scheme and in the dark one, whose colours
	// must pass the contrast rules too.
	for _, scheme := range []string{"light", "dark"} {
		for _, pg := range checkedPages {
			t.Run(scheme+"/"+pg.name, func(t *testing.T) {
				ctx, cancel := chromedp.NewContext(browser) // a tab per page
				defer cancel()
				ctx = browsertest.Step(t, ctx, 60*time.Second)
				if err := chromedp.Do(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatalf("emulate %s scheme: %v", scheme, err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(base+pg.path)); err != nil {
					t.Fatalf("open %s: %v", pg.path, err)
				}
				if dark, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`)); dark != (scheme == "dark") {
					t.Fatalf("the page does not see the %s scheme", scheme)
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
					t.Fatalf("inject axe-core: %v", err)
				}
				violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
					`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("axe.run: %v", err)
				}
				for _, v := range violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, strings.Trim(strings.ReplaceAll(jsonString(n.Target), `"`, ""), "[]"))
					}
					t.Errorf("%s: %s (%s): %s at %s", pg.path, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
				}
			})
		}
	}
}

// TestHTMLValidity runs the Nu HTML Checker over every page type.
// ACCORD_VNU names vnu.jar (the vnu-jar npm package); `make browser`
// installs it and sets it; skipped or failing without it as above.
func TestHTMLValidity(t *testing.T) {
	jar := os.Getenv("ACCORD_VNU")
	if jar == "" {
		testenv.Missing(t, "ACCORD_VNU is not set: run `make browser`, which installs vnu-jar and sets it")
	}
	if _, err := exec.LookPath("java"); err != nil {
		testenv.Missing(t, "no java for the Nu HTML Checker: run `make browser`, which installs it")
	}
	base := startServe(t, "--content", treeContent(t))
	dir := t.TempDir()
	var files []string
	for _, pg := range checkedPages {
		resp, err := testClient.Get(base + pg.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.HasPrefix(pg.path, "/documents/2024-") && resp.StatusCode != 200 {
			t.Errorf("GET %s = %d: the tree fixtures are not served", pg.path, resp.StatusCode)
		}
		name := filepath.Join(dir, strings.NewReplacer(" ", "-", ",", "").Replace(pg.name)+".html")
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "java", append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu output is not JSON: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		if m.Type == "error" {
			t.Errorf("%s:%d: %s", filepath.Base(m.URL), m.LastLine, m.Message)
		}
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
