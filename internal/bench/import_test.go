//go:build bench

package bench

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/fixture"
	"github.com/accord-archive/accord/internal/synth"
)

// treatyParagraphs is the size of the treaty import is measured on: a
// long treaty with its annexes, as published, one paragraph a line.
const treatyParagraphs = 1500

// measureImport times `accord import` of a made-up treaty of 1,500
// paragraphs, from exec to exit, and `accord check` of the content tree
// it writes into.
func measureImport(ctx context.Context, t *testing.T, e *env) {
	dir := filepath.Join(e.dir, "import")
	content := filepath.Join(dir, "content")
	vocab, err := fs.Sub(accord.Files, "content/vocabulary")
	if err != nil {
		t.Fatal(err)
	}
	if err := fixture.WriteContent(content, nil, vocab); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "treaty.txt")
	if err := os.WriteFile(text, synth.TreatyText(treatyParagraphs), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) time.Duration {
		cmd := exec.CommandContext(ctx, e.bin, args...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err != nil {
			t.Fatalf("accord %v: %v\n%s", args, err, out)
		}
		return took
	}
	runs := 5
	if *smoke {
		runs = 1
	}
	var imports, checks []time.Duration
	for range runs {
		imports = append(imports, run("import", text, "--title", "Agreement on Cooperation", "--kind", "agreement",
			"--parties", "KZ,EE", "--date", "2021-06-12", "--content", content, "--force"))
		checks = append(checks, run("check", "--content", content))
	}
	imp, chk := Median(imports), Median(checks)
	e.table.Add(Row{
		Measure: fmt.Sprintf("import: a treaty of %d paragraphs, exec to exit", treatyParagraphs),
		Accord:  Ms(imp),
		Target:  "< 1 s",
		Verdict: Judge(imp < time.Second),
		Command: fmt.Sprintf("accord import treaty.txt --kind agreement --date 2021-06-12 … (median of %d)", runs),
	})
	e.table.Add(Row{
		Measure: "check: the content tree of that treaty, exec to exit",
		Accord:  Ms(chk),
		Target:  "< 1 s",
		Verdict: Judge(chk < time.Second),
		Command: fmt.Sprintf("accord check --content DIR (median of %d)", runs),
	})
}
