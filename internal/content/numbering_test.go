package content

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestNumberingMisfits: check reports numbering that skips, repeats,
// restarts where its level goes on, or looks misprinted, and a long
// provision with labels inside it, each at its line with what was
// expected and the eId that confirms it; it accepts what restarts where
// the level restarts.
func TestNumberingMisfits(t *testing.T) {
	misprint, err := os.ReadFile("testdata/tree/misprint.md")
	if err != nil {
		t.Fatal(err)
	}
	long := "1. The Parties agree:\n(a) to meet;\n(b) to talk.\n" + strings.Repeat("\n   A further paragraph.\n", 5)
	tests := []struct {
		name, src string
		want      []string // every error, in full but for the advice after ';'
		eids      []string // Irregular
	}{
		{"misprinted", string(misprint), []string{
			"documents/x.md:29: looks misprinted: '11,' where '11.' was expected"}, []string{"para_11"}},
		{"skips", doc(goodFront, "1. One.\n\n2. Two.\n\n4. Four.\n"), []string{
			"documents/x.md:11: numbering skips from '2.' on line 9 to '4.': '3.' was expected"}, []string{"para_4"}},
		{"repeats", doc(goodFront, "1) One.\n\n1) Again.\n"), []string{
			"documents/x.md:9: '1)' repeats the number on line 7: '2)' was expected"}, []string{"para_1-2"}},
		{"goes back", doc(goodFront, "1. One.\n\n2. Two.\n\n3. Three.\n\n2. Two again.\n"), []string{
			"documents/x.md:13: numbering goes back from '3.' on line 11 to '2.': '4.' was expected"}, []string{"para_2-2"}},
		{"restarts under an unnumbered heading", doc(goodFront, "1. One.\n\n2. Two.\n\n## Climate\n\n1. Again.\n"), []string{
			"documents/x.md:13: numbering restarts at '1.' after '2.' on line 9, where it goes on: '3.' was expected (a heading without a number does not restart it)"}, []string{"para_1-2"}},
		{"restarts in each article", doc(goodFront, "## Article 1\n\n1. A.\n\n2. B.\n\n## Article 2\n\n1. C.\n"), nil, nil},
		{"(1) restarts in each article", doc(goodFront, "## Article 1\n\n(1) A.\n\n(2) B.\n\n## Article 2\n\n(1) C.\n"), nil, nil},
		{"restarts under a numbered heading", doc(goodFront, "## I. Trade\n\n1. A.\n\n## II. Energy\n\n1. B.\n"), nil, nil},
		{"goes on under a numbered heading", doc(goodFront, "## I. Trade\n\n1. A.\n\n## II. Energy\n\n2. B.\n"), nil, nil},
		{"first not 1", doc(goodFront, "3. Three.\n"), []string{
			"documents/x.md:7: the first numbered paragraph here is '3.': '1.' was expected"}, []string{"para_3"}},
		{"letter skips", doc(goodFront, "1. One:\n\n(a) x;\n\n(c) y.\n"), []string{
			"documents/x.md:11: numbering skips from '(a)' on line 9 to '(c)': '(b)' was expected"}, []string{"para_1__subpara_c"}},
		{"first letter", doc(goodFront, "1. One:\n\n b) x.\n"), []string{
			"documents/x.md:9: the first sub-paragraph here is 'b)': 'a)' was expected"}, []string{"para_1__subpara_b"}},
		{"points restart under each letter", doc(goodFront, "1. One:\n\n(a) x:\n\n(i) p;\n\n(ii) q;\n\n(b) y:\n\n(i) r.\n"), nil, nil},
		{"roman skips", doc(goodFront, "1. One:\n\n(i) x;\n\n(iii) y.\n"), []string{
			"documents/x.md:11: numbering skips from '(i)' on line 9 to '(iii)': '(ii)' was expected"}, []string{"para_1__point_iii"}},
		{"labels inside a long provision", doc(goodFront, long), []string{
			"documents/x.md:7: para_1 holds 6 paragraphs and 144 characters, with labels inside its text (line 8): were provisions run together? Separate each labelled one by a blank line"}, []string{"para_1"}},
		{"articles skip", doc(goodFront, "# Chapter I\n\n## Article 1\n\nText.\n\n# Chapter II\n\n## ARTICLE 3\n\nText.\n\n## Article 3bis\n\nText.\n"), []string{
			"documents/x.md:15: article numbering skips from 'Article 1' on line 9 to 'ARTICLE 3': 'Article 2' was expected"}, []string{"chp_II__art_3"}},
		{"articles repeat", doc(goodFront, "## Article 1\n\nText.\n\n## Article 1\n\nText.\n"), []string{
			"documents/x.md:11: 'Article 1' repeats the number on line 7: 'Article 2' was expected"}, []string{"art_1-2"}},
		{"articles start again in an annex", doc(goodFront, "## Article 1\n\nText.\n\n## Article 2\n\nText.\n\n# Annex\n\n## Article 1\n\nText.\n"), nil, nil},
		{"a long provision without labels inside", doc(goodFront, "1. The Parties agree to meet.\n"+strings.Repeat("\n   A further paragraph.\n", 5)), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("documents/x.md", []byte(tt.src))
			var got []string
			for _, e := range errs {
				msg, _, _ := strings.Cut(e.Error(), "; if the text is printed so")
				got = append(got, msg)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var err error
			if errs != nil {
				err = errs
			}
			if ids := Irregular(err); !slices.Equal(ids, tt.eids) {
				t.Errorf("Irregular = %q; want %q", ids, tt.eids)
			}
			if len(tt.eids) == 0 {
				return
			}
			for _, e := range errs {
				if want := "confirm it with 'numbering: [" + tt.eids[0] + "]' in the front matter"; !strings.HasSuffix(e.Msg, want) {
					t.Errorf("message %q does not end with %q", e.Msg, want)
				}
			}
			// What Irregular lists, under numbering:, is accepted; the
			// eIds do not change when confirmed.
			confirmed := strings.Replace(tt.src, "---\n", "---\nnumbering: ["+strings.Join(tt.eids, ", ")+"]\n", 1)
			d, errs := Parse("documents/x.md", []byte(confirmed))
			if errs != nil {
				t.Fatalf("confirmed: %v", errs)
			}
			for _, id := range tt.eids {
				if _, ok := d.Provision(id); !ok {
					t.Errorf("confirmed: no provision %s", id)
				}
			}
		})
	}
}

func TestIrregularOfOtherErrors(t *testing.T) {
	if got := Irregular(errors.New("x")); got != nil {
		t.Errorf("Irregular(plain error) = %q", got)
	}
	_, errs := Parse("documents/x.md", []byte(doc(goodFront, "1. One <b>x</b>.\n")))
	if got := Irregular(errs); got != nil {
		t.Errorf("Irregular(raw HTML) = %q; want none", got)
	}
}
