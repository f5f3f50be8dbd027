package formats

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/testenv"
)

// cslStyles is where Debian's citation-style-language-styles puts the
// styles (CC BY-SA, read in place rather than copied into the repository).
const cslStyles = "/usr/share/citation-style-language/styles"

// TestCiteprocPinpoint renders the seed document, its clause 3 and a
// treaty's sub-paragraph through a real citation processor (pandoc's
// citeproc) in APA, Chicago (author-date and notes), Bluebook, MLA and OSCOLA: each
// reference keeps its title, its pinpoint, as printed, and its year, and a
// clause is not taken for a second work of the same year ("2025a").
func TestCiteprocPinpoint(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		testenv.Missing(t, "pandoc is not installed (apt-get install pandoc)")
	}
	if _, err := os.Stat(filepath.Join(cslStyles, "apa.csl")); err != nil {
		testenv.Missing(t, "no CSL styles in "+cslStyles+" (apt-get install citation-style-language-styles)")
	}
	d := seed(t)
	c3, _ := d.Clause(3)
	treaty := synth.TreeTreaty()
	sub, ok := treaty.Provision("art_1__para_1__subpara_b")
	if !ok {
		t.Fatal("no treaty provision art_1__para_1__subpara_b")
	}
	type work struct {
		cite       Citation
		title, pin string
		year       string
	}
	works := []work{
		{Citation{Doc: d, URL: testSite.URL(d.Path())}, d.Title, "", "2025"},
		{Citation{Doc: d, Clause: c3, URL: testSite.URL(c3.Path())}, d.Title, "para. 3", "2025"},
		{Citation{Doc: treaty, Clause: sub, URL: testSite.URL(sub.Path())}, treaty.Title, "Chapter I, Art. 1(1)(b)", treaty.Date.Format("2006")},
	}
	var items []json.RawMessage
	var cites []string
	for _, w := range works {
		b, err := w.cite.CSLJSON()
		if err != nil {
			t.Fatal(err)
		}
		var one []json.RawMessage
		if err := json.Unmarshal(b, &one); err != nil {
			t.Fatal(err)
		}
		items = append(items, one...)
		cites = append(cites, "[@"+w.cite.key()+"]")
	}
	dir := t.TempDir()
	bib, _ := json.Marshal(items)
	if err := os.WriteFile(filepath.Join(dir, "refs.json"), bib, 0o644); err != nil {
		t.Fatal(err)
	}
	// One paragraph per work, each cited in the text, and the bibliography.
	md := strings.Join(cites, "\n\n") + "\n\n# References\n"
	for _, style := range []struct {
		name string
		date string // the date as the style prints it, beside the year
	}{
		{"apa", ""},
		{"chicago-author-date", ""},
		{"chicago-note-bibliography", "November 17, 2025"},
		{"chicago-fullnote-bibliography", "November 17, 2025"},
		{"bluebook-law-review", "(2025)"},
		{"modern-language-association", "17 Nov. 2025"},
		{"oscola", ""},
	} {
		t.Run(style.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, pandoc, "--citeproc", "--bibliography", filepath.Join(dir, "refs.json"),
				"--csl", filepath.Join(cslStyles, style.name+".csl"), "-f", "markdown", "-t", "plain", "--wrap=none")
			cmd.Stdin = strings.NewReader(md)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pandoc: %v\n%s", err, stderr.String())
			}
			text := string(out)
			refs := text[strings.Index(text, "References"):]
			for _, w := range works {
				// Title, place and full date, pinpoint, as legal guides
				// cite a statement: in every style.
				when := w.cite.Doc.Date.Format("2 January 2006")
				if p := w.cite.Doc.Place; p != "" {
					when = p + ", " + when
				}
				want := w.title + " (" + when + ")"
				if w.pin != "" {
					want += ", " + w.pin
				}
				if !strings.Contains(refs, want) {
					t.Errorf("no %q in the references:\n%s", want, refs)
				}
				if !strings.Contains(text, w.year) {
					t.Errorf("no year %s:\n%s", w.year, text)
				}
			}
			if style.date != "" && !strings.Contains(refs, style.date) {
				t.Errorf("no date %q in the references:\n%s", style.date, refs)
			}
			for _, twin := range []string{"2025a", "2025b", "Kazakhstan, & Estonia", "Kazakhstan and Estonia"} {
				if strings.Contains(text, twin) {
					t.Errorf("%q: the clause is cited as a second work of the year, or the parties as authors:\n%s", twin, text)
				}
			}
		})
	}
}

// TestCiteprocBibTeX renders the seed's clause 3 from its cite.bib through
// pandoc's citeproc (which reads BibTeX as biblatex does): the reference
// starts with the title and its pinpoint, not with the parties as authors.
func TestCiteprocBibTeX(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		testenv.Missing(t, "pandoc is not installed (apt-get install pandoc)")
	}
	if _, err := os.Stat(filepath.Join(cslStyles, "apa.csl")); err != nil {
		testenv.Missing(t, "no CSL styles in "+cslStyles+" (apt-get install citation-style-language-styles)")
	}
	d := seed(t)
	c3, _ := d.Clause(3)
	cite := Citation{Doc: d, Clause: c3, URL: testSite.URL(c3.Path())}
	bib := filepath.Join(t.TempDir(), "refs.bib")
	if err := os.WriteFile(bib, cite.BibTeX(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, style := range []string{"apa", "chicago-author-date", "modern-language-association"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, pandoc, "--citeproc", "--bibliography", bib,
			"--csl", filepath.Join(cslStyles, style+".csl"), "-f", "markdown", "-t", "plain", "--wrap=none")
		cmd.Stdin = strings.NewReader("[@" + cite.key() + "]\n\n# References\n")
		out, err := cmd.Output()
		cancel()
		if err != nil {
			t.Fatalf("%s: pandoc: %v", style, err)
		}
		refs := strings.TrimSpace(string(out)[strings.Index(string(out), "References")+len("References"):])
		want := d.Title + ", para. 3"
		if !strings.HasPrefix(strings.Trim(refs, "“\""), want) && !strings.HasPrefix(refs, want) {
			t.Errorf("%s: the reference does not start with %q:\n%s", style, want, refs)
		}
	}
}
