package formats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
)

// loaderFixtures are the content loader's documents in trees
// (internal/content/testdata/tree), as it reads them.
func loaderFixtures(t *testing.T) []*archive.Document {
	t.Helper()
	files, err := filepath.Glob("../content/testdata/tree/*.md")
	if err != nil || len(files) < 5 {
		t.Fatalf("the loader's fixtures: %v, %v", files, err)
	}
	var docs []*archive.Document
	for _, f := range files {
		if strings.HasSuffix(f, "/misprint.md") {
			continue // refused by the loader
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, errs := content.Parse("documents/"+filepath.Base(f), src)
		if errs != nil {
			t.Fatalf("%s: %v", f, errs)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestLoaderFixtures writes the loader's documents in every format: the
// Akoma Ntoso of each holds its tree and the standard's content models,
// its JSON the tree, its text every paragraph in order with its footnote
// markers and tables as the content file has them.
func TestLoaderFixtures(t *testing.T) {
	for _, d := range loaderFixtures(t) {
		checkAKNTree(t, d)
		checkJSONTree(t, d)
		text := string(Text(d))
		var check func(*archive.Provision)
		at := 0
		var walk func([]*archive.Provision)
		walk = func(list []*archive.Provision) {
			for _, c := range list {
				check(c)
				walk(c.Children)
			}
		}
		check = func(c *archive.Provision) {
			for _, p := range c.Paragraphs {
				want := p.Text
				if c.Element == archive.ElTable {
					want = pipeTable(tableRows(p))
				}
				if i := strings.Index(text, want); i < 0 {
					t.Errorf("%s: data.txt lacks %s's %q", d.File, c.EID(), want)
				} else if c.Element != archive.ElNote && i < at {
					t.Errorf("%s: data.txt has %s out of order", d.File, c.EID())
				} else if c.Element != archive.ElNote {
					at = i
				}
			}
		}
		// data.txt's reading order: the body, the conclusions, the
		// attachments, the notes; no remarks.
		for _, part := range [][]*archive.Provision{d.Body, d.Conclusions, d.Attachments, d.Notes} {
			walk(part)
		}
		for _, r := range d.Remarks {
			if strings.Contains(text, r.Text()) {
				t.Errorf("%s: data.txt holds the remark %q", d.File, r.Text())
			}
		}
		for _, n := range d.Notes {
			if !strings.Contains(text, "[^"+marker(n)+"]\n") && !strings.Contains(text, "[^"+marker(n)+"] ") {
				t.Errorf("%s: data.txt has no marker [^%s] in the text:\n%s", d.File, marker(n), text)
			}
		}
	}
	// What the fixtures hold, as printed.
	for _, want := range []struct{ file, text string }{
		{"communique.md", "\n3. We welcome the new interconnector between our grids.[^1]\n"},
		{"communique.md", "\n[^1]: The interconnector was opened in May 2024."},
		{"table.md", "\n| Product | Tonnes |\n|---|---|\n| Grain | 1,200 |\n| Timber | 800 |\n2. "},
		{"treaty.md", "\nChapter I\nGeneral Provisions\nArticle 1 – Definitions\n1. For the purposes of this Agreement:\n(a) \"vessel\""},
	} {
		src, _ := os.ReadFile("../content/testdata/tree/" + want.file)
		d, errs := content.Parse("documents/"+want.file, src)
		if errs != nil {
			t.Fatal(errs)
		}
		if got := string(Text(d)); !strings.Contains(got, want.text) {
			t.Errorf("data.txt of %s has no %q:\n%s", want.file, want.text, got)
		}
	}
}
