package archive_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoEngineInServingPackages keeps the search engine out of the
// packages that serve people: they reach it only through the contract in
// search.go, so the engine can change without them.
func TestNoEngineInServingPackages(t *testing.T) {
	serving := []string{
		"github.com/accord-archive/accord/internal/web",
		"github.com/accord-archive/accord/internal/api",
	}
	out, err := exec.Command("go", append([]string{"list", "-deps"}, serving...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	var engine []string
	for dep := range strings.Lines(string(out)) {
		dep = strings.TrimSpace(dep)
		if strings.HasPrefix(dep, "github.com/blevesearch/") || dep == "github.com/accord-archive/accord/internal/search" {
			engine = append(engine, dep)
		}
	}
	if len(engine) > 0 {
		t.Errorf("internal/web and internal/api depend on the search engine (%d packages: %s, …); reach it through the archive's search contract instead",
			len(engine), strings.Join(engine[:min(3, len(engine))], ", "))
	}
}
