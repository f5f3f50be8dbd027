package content

import (
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// TestConclusionLines: a conclusions block's lines are told apart in the
// languages import reads, so that an imported French treaty's "Fait à"
// is its formula, as "DONE at" is an English one's.
func TestConclusionLines(t *testing.T) {
	for line, want := range map[string]archive.Element{
		"IN WITNESS WHEREOF the undersigned have signed this Agreement.": archive.ElFormula,
		"DONE at Szohod on 3 March 2024, in two originals.":              archive.ElFormula,
		"Fait à Paris, le 14 juin 2022, en deux exemplaires.":            archive.ElFormula,
		"Совершено в Москве 14 июня 1991 года.":                          archive.ElFormula,
		"Geschehen zu Berlin am 14. Juni 2022.":                          archive.ElFormula,
		"Szohod, 3 March 2024":                                           archive.ElDateline,
		"For the Republic of Aland: A. Example":                          archive.ElSignature,
		"Pour la République de Veloria":                                  archive.ElSignature,
	} {
		if got := conclusion(line, "en"); got != want {
			t.Errorf("conclusion(%q) = %s, want %s", line, got, want)
		}
	}
}
