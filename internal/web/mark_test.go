package web

import (
	"strings"
	"testing"
)

func TestMarkSpans(t *testing.T) {
	tests := []struct {
		name, html, text string
		spans            []span
		want             string
	}{
		{"none", "a &amp; b", "a & b", nil, "a &amp; b"},
		{"one", "The Parties agreed to expand trade.", "The Parties agreed to expand trade.",
			[]span{{12, 28, "verb", "Agreement"}},
			`The Parties <span class="verb" title="Agreement">agreed to expand</span> trade.`},
		{"entities before", "R&amp;D agreed", "R&D agreed", []span{{4, 10, "verb", ""}}, `R&amp;D <span class="verb">agreed</span>`},
		{"across a tag", "they <em>welcomed</em> it", "they welcomed it", []span{{0, 13, "verb", ""}},
			`<span class="verb">they </span><em><span class="verb">welcomed</span></em> it`},
		{"two", "a b c", "a b c", []span{{4, 5, "x", ""}, {0, 1, "y", ""}}, `<span class="y">a</span> b <span class="x">c</span>`},
		{"text mismatch left alone", "other", "text", []span{{0, 4, "x", ""}}, "other"},
		{"curly quote", "Kazakhstan’s role", "Kazakhstan’s role", []span{{0, 14, "e", ""}}, `<span class="e">Kazakhstan’s</span> role`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markSpans(tt.html, tt.text, tt.spans); got != tt.want {
				t.Errorf("markSpans(%q) = %q; want %q", tt.html, got, tt.want)
			}
		})
	}
}

// TestMarkedTextIsVerbatim: on every paragraph of the seed, marking the
// commitments changes no character of the text.
func TestMarkedTextIsVerbatim(t *testing.T) {
	for _, p := range seedDoc(t).Paragraphs() {
		got := markSpans(p.HTML, p.Text, commitmentSpans(p, unitOf(p)))
		if stripped := stripTags(got); stripped != stripTags(p.HTML) {
			t.Errorf("%s: marking changed the text:\n%s\n%s", p.EID(), stripped, stripTags(p.HTML))
		}
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
