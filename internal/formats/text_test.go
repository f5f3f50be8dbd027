package formats

import (
	"bytes"
	"os"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
)

func seed(t testing.TB) *archive.Document {
	t.Helper()
	a, _, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	d, ok := a.Document("2025-11-17-kazakhstan-estonia")
	if !ok {
		t.Fatal("seed document not found")
	}
	return d
}

// TestTextIsTheSource: the verbatim text of the seed is its source file,
// byte for byte.
func TestTextIsTheSource(t *testing.T) {
	want, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := Text(seed(t)); !bytes.Equal(got, want) {
		t.Errorf("Text(seed) differs from the source:\n got %q\nwant %q", got, want)
	}
}
