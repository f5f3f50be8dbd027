package synth_test

import (
	"os"
	"testing"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
)

func TestWorldLoads(t *testing.T) {
	fsys, err := synth.WithWorld(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range a.Documents() {
		t.Log(d.Slug, d.WorkIRI(), d.Language)
	}
}
