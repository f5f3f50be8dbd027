package vocab

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// The shipped synonyms load without a problem.
func TestLoadSynonymsContent(t *testing.T) {
	groups, problems := LoadSynonyms(os.DirFS("../../content"))
	if len(problems) > 0 {
		t.Fatalf("LoadSynonyms(content) = %v", problems)
	}
	if len(groups) < 5 {
		t.Errorf("LoadSynonyms(content) = %d groups; want the shipped ones", len(groups))
	}
}

func TestLoadSynonymsMissing(t *testing.T) {
	groups, problems := LoadSynonyms(fstest.MapFS{})
	if groups != nil || problems != nil {
		t.Errorf("no synonyms file: %v, %v; want none and no problem", groups, problems)
	}
}

// Each problem names its file and line.
func TestDecodeSynonymsProblems(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not yaml", "synonyms:\n  - [a, b]\n\t- [c, d]\n", "f.yaml:3: not valid YAML"},
		{"unknown field", "synonym:\n  - [a, b]\n", "f.yaml:1: unknown field \"synonym\""},
		{"not a list", "synonyms: EU\n", "f.yaml:1: synonyms must be a list"},
		{"group not a list", "synonyms:\n  - EU\n", "f.yaml:2: a group of synonyms must be a list"},
		{"one entry", "synonyms:\n  - [EU]\n", "f.yaml:2: a group of synonyms needs at least two"},
		{"empty entry", "synonyms:\n  - [EU, \"\"]\n", "f.yaml:2: a synonym must be a word or words"},
		{"twice in a group", "synonyms:\n  - [EU, eu]\n", "f.yaml:2: \"eu\" twice in one group"},
		{"in two groups", "synonyms:\n  - [EU, European Union]\n  - [UN, European  union]\n", "f.yaml:3: \"European union\" is already in the group on line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			groups, problems := DecodeSynonyms("f.yaml", []byte(tc.src))
			if groups != nil || len(problems) == 0 {
				t.Fatalf("DecodeSynonyms = %v, %v; want a problem", groups, problems)
			}
			if got := problems[0].Error(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("problem = %q; want it to start %q", got, tc.want)
			}
		})
	}
	groups, problems := DecodeSynonyms("f.yaml", []byte("synonyms:\n  - [EU, European Union]\n  - [AI, artificial   intelligence]\n"))
	if len(problems) > 0 || len(groups) != 2 || groups[1][1] != "artificial intelligence" {
		t.Errorf("DecodeSynonyms = %q, %v; want two groups, spaces collapsed", groups, problems)
	}
}
