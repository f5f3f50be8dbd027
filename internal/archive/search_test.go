package archive_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoEngineInServingPackages keeps the search engine out of the
// packages that serve people: they reach it only through the contract in
// search.go, so the engine can change without them.
func TestNoEngineInServingPackages(t *testing.T) {
	const module = "github.com/accord-archive/accord/"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}\t{{.Dir}}",
		module+"internal/web", module+"internal/api").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	var engine []string
	for line := range strings.Lines(string(out)) {
		pkg, dir, _ := strings.Cut(strings.TrimSpace(line), "\t")
		if strings.HasPrefix(pkg, "github.com/blevesearch/") || pkg == module+"internal/search" {
			engine = append(engine, pkg)
		}
		if strings.HasPrefix(pkg, module) {
			statSources(t, dir)
		}
	}
	if len(engine) > 0 {
		t.Errorf("internal/web and internal/api depend on the search engine (%d packages: %s, …); reach it through the archive's search contract instead",
			len(engine), strings.Join(engine[:min(3, len(engine))], ", "))
	}
}

// statSources stats the Go files of dir, so that go test's cache of this
// test's result, which follows the files a test reads but not the
// commands it runs, is dropped when any of them changes.
func statSources(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			if _, err := os.Stat(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
}
