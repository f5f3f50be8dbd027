package formats

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// TestUnclassifiedJSON: a document no vocabulary reads says so, and where
// its topics came from; a classified one carries neither field.
func TestUnclassifiedJSON(t *testing.T) {
	d := &archive.Document{Slug: "versioon", Title: "Versioon", Kind: archive.JointStatement, Language: "et",
		Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}
	plain, _ := json.Marshal(testSite.DocumentSummary(d))
	d.Unclassified, d.InheritedFrom = true, "version"
	flagged, _ := json.Marshal(testSite.DocumentSummary(d))
	if strings.Contains(string(plain), "unclassified") || strings.Contains(string(plain), "classification_from") {
		t.Errorf("a classified document's JSON: %s", plain)
	}
	if !strings.Contains(string(flagged), `"unclassified":true,"classification_from":"version"`) {
		t.Errorf("an unclassified document's JSON: %s", flagged)
	}
}
