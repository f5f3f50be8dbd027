package accord_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestUnitTestsLinkNoSQLite: the SQLite FTS5 peer is for the performance
// report alone (build tag bench). Were a unit test to link it, every plain
// `go test` would compile SQLite's C-to-Go translation, which costs more
// than the rest of the build, and again under -race.
func TestUnitTestsLinkNoSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	// go test puts its own go first on the PATH of the tests it runs.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on the PATH: %v", err)
	}
	// Each line is a package and what it imports, so that a failure names
	// the importer.
	cmd := exec.Command(gobin, "list", "-deps", "-test", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "./...")
	out, err := cmd.Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += "\n" + string(ee.Stderr)
		}
		t.Fatalf("go list -deps -test ./...: %s", msg)
	}
	var importers []string
	for line := range strings.Lines(string(out)) {
		pkg, imports, _ := strings.Cut(strings.TrimSpace(line), ": ")
		for imp := range strings.FieldsSeq(imports) {
			if isSQLite(imp) && !isSQLite(pkg) {
				importers = append(importers, pkg+" imports "+imp)
			}
		}
	}
	if len(importers) > 0 {
		t.Errorf("go test ./... (no -tags bench) links SQLite; keep it behind the bench build tag:\n  %s", strings.Join(importers, "\n  "))
	}
	if !strings.Contains(string(out), "github.com/accord-archive/accord/internal/web") {
		t.Errorf("go list -deps -test ./... does not list internal/web: the check sees nothing\n%.500s", out)
	}
}

func isSQLite(path string) bool {
	return path == "modernc.org/sqlite" || strings.HasPrefix(path, "modernc.org/sqlite/")
}
