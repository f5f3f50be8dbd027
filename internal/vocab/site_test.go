package vocab

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSiteFile(t *testing.T) {
	l, problems := DecodeSite("site.yaml", []byte("licence:\n  name: Creative Commons Attribution 4.0 International\n  id: CC-BY-4.0\n  url: https://creativecommons.org/licenses/by/4.0/\ntexts: >-\n  The texts are\n  their issuers'.\n"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if l.Name != "Creative Commons Attribution 4.0 International" || l.ID != "CC-BY-4.0" || l.URL != "https://creativecommons.org/licenses/by/4.0/" || l.Texts != "The texts are their issuers'." {
		t.Errorf("decoded %+v", l)
	}
	if l, problems := LoadSite(fstest.MapFS{}); len(problems) > 0 || l.Declared() {
		t.Errorf("no site file: %+v, %v", l, problems)
	}
}

func TestSiteFileErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", "site.yaml:1: empty site file"},
		{"licence: [a\n", "site.yaml:1: not valid YAML"},
		{"licence:\n  name: X\n  id: CC-BY-4.0\nlicense: x\n", "site.yaml:4: unknown field \"license\""},
		{"licence:\n  id: CC-BY-4.0\n", "site.yaml:2: licence needs a name"},
		{"licence:\n  name: X\n", "site.yaml:2: licence needs an id (SPDX) or a url"},
		{"licence:\n  name: X\n  id: CC BY 4.0\n", "site.yaml:3: licence id \"CC BY 4.0\" is not an SPDX identifier"},
		{"licence:\n  name: X\n  url: creativecommons.org/licenses/by/4.0\n", "site.yaml:3: licence url"},
		{"licence:\n  name: X\n  url: https://x.example/\n  url: https://y.example/\n", "site.yaml:4: field \"url\" repeats the one on line 3"},
		{"licence: CC-BY-4.0\n", "site.yaml:1: licence must be a list of 'field: value' lines"},
		{"texts: Reuse freely.\n", "site.yaml:1: texts without a licence"},
		{"licence:\n  name: X\n  id: MIT\ntexts: [a]\n", "site.yaml:4: texts must be a single value"},
	} {
		_, problems := DecodeSite("site.yaml", []byte(tc.src))
		var got []string
		for _, p := range problems {
			got = append(got, p.Error())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%q: problems %q, want %q", tc.src, got, tc.want)
		}
	}
}
