package content

import (
	"os"
	"strings"
	"testing"
)

// withClassification is the seed with yml added to its front matter after
// the language line (line 7), so the added lines start at line 8.
func withClassification(t *testing.T, yml string) []byte {
	t.Helper()
	src, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.Replace(string(src), "language: en\n", "language: en\n"+yml, 1))
}

func TestOverride(t *testing.T) {
	d, errs := Parse("documents/"+seedSlug+".md", withClassification(t, `classification:
  para_2:
    commitments:
      - type: agreement
        phrase: agreed to expand
      - {type: support, phrase: welcomed, actor: EE}
    topics: [trade]
  preamble__p_1:
    entities: []
`))
	if len(errs) > 0 {
		t.Fatalf("Parse = %v", errs)
	}
	c, _ := d.Clause(2)
	o := c.Override
	if o == nil || !o.SetCommitments || !o.SetTopics || o.SetEntities || o.Line != 9 {
		t.Fatalf("clause 2 override = %+v; want commitments and topics set, from line 9", o)
	}
	if len(o.Commitments) != 2 || o.Commitments[1].Actor != "EE" || o.Commitments[0].Line != 11 {
		t.Fatalf("override commitments = %+v", o.Commitments)
	}
	for _, oc := range o.Commitments {
		if oc.Paragraph == nil || oc.Paragraph.Text[oc.Start:oc.End] != oc.Phrase {
			t.Errorf("phrase %q not located: %+v", oc.Phrase, oc)
		}
	}
	if p := d.Preamble[0].Classification; p.Override == nil || !p.Override.SetEntities || len(p.Override.Entities) != 0 {
		t.Errorf("preamble 1 override = %+v; want entities set to none", p.Override)
	}
	if c1, _ := d.Clause(1); c1.Override != nil {
		t.Errorf("clause 1 override = %+v; want nil", c1.Override)
	}
}

func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		name, yml string
		want      []string
	}{
		{"not a map", "classification: [3]\n", []string{"8: classification must map clause numbers"}},
		{"unknown unit", "classification:\n  clause3: {topics: [trade]}\n", []string{`9: classification: unknown unit "clause3"`}},
		{"no such clause", "classification:\n  12: {topics: [trade]}\n", []string{"9: classification: there is no clause 12"}},
		{"no such preamble paragraph", "classification:\n  preamble__p_9: {topics: [trade]}\n", []string{"9: classification: there is no preamble paragraph 9"}},
		{"same clause twice", "classification:\n  3: {topics: [trade]}\n  para_3: {topics: [energy]}\n", []string{`10: classification: clause 3 is also classified as "3"`}},
		{"unknown field", "classification:\n  3: {topic: [trade]}\n", []string{`9: classification of 3: unknown field "topic"`}},
		{"phrase not in the text", "classification:\n  3:\n    commitments:\n      - {type: agreement, phrase: agreed to fly}\n", []string{`11: phrase "agreed to fly" is not in the text of clause 3`}},
		{"actor not a party", "classification:\n  3:\n    commitments:\n      - {type: support, phrase: emphasised, actor: DE}\n", []string{`11: actor "DE" is not a party of this document`}},
		{"commitment without type", "classification:\n  3:\n    commitments:\n      - phrase: emphasised\n", []string{"11: a commitment needs a type and the phrase"}},
		{"topics not a list", "classification:\n  3: {topics: trade}\n", []string{"9: topics must be a list of ids"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "documents/" + seedSlug + ".md"
			_, errs := Parse(name, withClassification(t, tt.yml))
			if len(errs) != len(tt.want) {
				t.Fatalf("Parse errors = %v; want %d: %v", errs, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if got := errs[i].Error(); !strings.HasPrefix(got, name+":"+w) {
					t.Errorf("error %d = %q; want %q", i, got, name+":"+w)
				}
			}
		})
	}
}
