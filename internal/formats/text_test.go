package formats

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
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

// TestTextTree: a treaty's text is every line of it in reading order:
// recitals, labels as printed, headings on lines of their own, the
// conclusions, the annex, the footnote after; the publisher's mark is not
// its text.
func TestTextTree(t *testing.T) {
	want := `March 3, 2024
The Republic of Kazakhstan and the Republic of Estonia, hereinafter the Parties,
Desiring to intensify economic cooperation to the mutual benefit of both States,
Have agreed as follows:
CHAPTER I
General Provisions
Article 1
Definitions
1. For the purposes of this Treaty:
(a) “investment” means every kind of asset, including:
(i) movable and immovable property;
(ii) shares in and stock of a company;
(b) “territory” means the territory of each Party.[^1]
2. Nothing in this Article shall affect the rights of third States.
This paragraph has a second paragraph & a <mark>.
Article 2
Scope
1. This Treaty applies to investments made after its entry into force.
CHAPTER II
Final Provisions
Article 3
Entry into force
This Treaty shall enter into force on the thirtieth day after the exchange of instruments of ratification.
IN WITNESS WHEREOF the undersigned, being duly authorised, have signed this Treaty.
DONE at Astana on 3 March 2024, in two originals.
For the Republic of Kazakhstan: A. Example
For the Republic of Estonia: B. Example
ANNEX I
Projects of Common Interest
1. The Trans-Caspian International Transport Route.
2. A digital customs corridor.
[^1]: Including its territorial sea.`
	if got := string(Text(synth.TreeTreaty())); got != want {
		t.Errorf("Text(treaty):\n%s\nwant:\n%s", got, want)
	}
	got := string(Text(synth.TreeCommunique()))
	for _, line := range []string{"\nThe Ministers met in Tallinn on 20 May 2024.\nTrade and Investment\n1. The Ministers agreed to expand trade.\n2. They will work towards:\n• a digital customs corridor;\n",
		"\n| Project | Year |\n|---|---|\n| Pipeline | 2025 |\n", "\nOther Matters\nThe next meeting will be held in Astana."} {
		if !strings.Contains(got, line) {
			t.Errorf("Text(communiqué) has no %q:\n%s", line, got)
		}
	}
	if strings.Contains(got, "released by") {
		t.Errorf("Text(communiqué) holds the publisher's remark:\n%s", got)
	}
}
