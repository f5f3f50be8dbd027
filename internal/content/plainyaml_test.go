package content

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/synth"
)

// plainCases are front matters the fast decoder must read as yaml.v3
// does, or leave to it.
var plainCases = []string{
	"title: Joint Statement\nkind: joint-statement\ndate: 2025-11-17\nplace: Astana\nparties: [KZ, EE]\nlanguage: en\n",
	"title: Joint Statement  of  spaces   \nparties: [KZ,EE]\n",
	"parties: [ KZ , EE ]\n",
	"parties: [KZ, EE,]\n",
	"parties: [KZ,, EE]\n",
	"parties: []\n",
	"parties: [KZ] x\n",
	"parties: [KZ, [EE]]\n",
	"parties: [K-Z]\n",
	"title: a: b\n",
	"title: a:b\n",
	"title: ends with:\n",
	"title: a #comment\n",
	"title: a#b\n",
	"title: 'quoted'\n",
	"title: \"quoted\"\n",
	"title: it's\n",
	"title: say \"x\"\n",
	"title: -x\n",
	"title: - x\n",
	"title: Trade & Investment [draft], {x} *y* !z %w @v `u`\n",
	"title: Communiqué de l’Élysée — Belém\n",
	"title: x\u00a0y\n",
	"title: x\u2028y\n",
	"title: x\u0085y\n",
	"title: x\ufeffy\n",
	"title: x\ty\n",
	"title: x\r\n",
	"title:x\n",
	strings.Repeat("a", 1024) + ": x\n",
	strings.Repeat("a", 1025) + ": x\n",
	"title:\n",
	"title: \n",
	"title : x\n",
	"Title: x\n",
	"title: x\ntitle: y\n",
	"title: x\n\nkind: y\n",
	"title: x\n  continued\n",
	"title: |\n  x\n",
	"title: >\n  x\n",
	"title: ~\n",
	"title: null\n",
	"title: 0x1F\n",
	"date: 2025-02-30\n",
	"source: https://example.org/a?b=c#d\n",
	"classification:\n  3: {topics: [trade]}\n",
	"# comment\ntitle: x\n",
	"title: x # c\n",
	"title: x",
	"",
	"\n",
	"- a\n",
	"? x\n",
	"title: x\x00\n",
	"title: \xff\n",
}

// TestPlainFrontMatter: whatever the fast decoder reads, it reads as
// yaml.v3 does, on the cases above, the seed and generated documents.
func TestPlainFrontMatter(t *testing.T) {
	cases := plainCases
	src, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, frontMatterOf(t, src))
	docs := synth.Generate(5, 200, 3)
	files := synth.Files(docs)
	for _, d := range docs {
		cases = append(cases, frontMatterOf(t, files[d.File].Data))
	}
	fast := 0
	for _, yml := range cases {
		if checkPlain(t, yml) {
			fast++
		}
	}
	if fast < len(docs) {
		t.Errorf("the fast decoder read %d of %d front matters; want every generated one", fast, len(cases))
	}
}

func frontMatterOf(t *testing.T, src []byte) string {
	t.Helper()
	errs := &fileErrors{file: "x.md"}
	yml, _, _, ok := splitFrontMatter(src, errs)
	if !ok {
		t.Fatalf("no front matter: %v", errs.list)
	}
	return string(yml)
}

// checkPlain compares the two decoders on yml and reports whether the
// fast one read it.
func checkPlain(t *testing.T, yml string) bool {
	t.Helper()
	got, ok := plainFrontMatter([]byte(yml))
	if !ok {
		return false
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(yml), &root); err != nil {
		t.Errorf("plainFrontMatter(%q) read it; yaml.v3 says %v", yml, err)
		return true
	}
	if len(root.Content) == 0 {
		t.Errorf("plainFrontMatter(%q) read it; yaml.v3 finds no document", yml)
		return true
	}
	if g, w := nodeString(got), nodeString(root.Content[0]); g != w {
		t.Errorf("plainFrontMatter(%q) =\n%s\nyaml.v3:\n%s", yml, g, w)
	}
	return true
}

func nodeString(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node, string)
	walk = func(n *yaml.Node, indent string) {
		fmt.Fprintf(&b, "%skind %d %q at %d:%d\n", indent, n.Kind, n.Value, n.Line, n.Column)
		for _, c := range n.Content {
			walk(c, indent+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

func FuzzPlainFrontMatter(f *testing.F) {
	for _, c := range plainCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, yml string) { checkPlain(t, yml) })
}
