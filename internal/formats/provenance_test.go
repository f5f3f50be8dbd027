package formats

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// TestProvenanceJSON: a document's JSON says where its text was copied
// from, on which day and where an archived copy is; nothing when the
// editor recorded nothing.
func TestProvenanceJSON(t *testing.T) {
	d := &archive.Document{Slug: "s", Title: "S", Kind: archive.JointStatement, Language: "en",
		Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}
	bare, _ := json.Marshal(testSite.DocumentSummary(d))
	for _, f := range []string{`"retrieved"`, `"archived"`, `"source"`} {
		if strings.Contains(string(bare), f) {
			t.Errorf("a document without provenance has %s: %s", f, bare)
		}
	}
	d.Source = "https://example.org/s"
	d.Retrieved = time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	d.Archived = "https://archive.example/s"
	full, _ := json.Marshal(testSite.DocumentSummary(d))
	if !strings.Contains(string(full), `"source":"https://example.org/s","retrieved":"2025-03-04","archived":"https://archive.example/s"`) {
		t.Errorf("a document's provenance: %s", full)
	}
}
