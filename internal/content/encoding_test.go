package content

import (
	"strings"
	"testing"
)

// TestEncoding: what cannot be seen in an editor is refused at its line;
// a byte-order mark is dropped; a bidi control stays where the editor
// confirms it.
func TestEncoding(t *testing.T) {
	// goodFront is lines 2-5; the body starts on line 7.
	tests := []struct {
		name, src string
		want      []string // errors; none: the file loads
	}{
		{"byte-order mark", "\uFEFF" + doc(goodFront, "1. One.\n"), nil},
		{"tab", doc(goodFront, "1. One\ttwo.\n"), nil},
		{"bell", doc(goodFront, "Pre.\n\n1. One\a.\n"), []string{"9: control character U+0007"}},
		{"escape in the title", doc("title: T\x1b[31m\n"+goodFront[9:], "1. One.\n"), []string{"2: control character U+001B"}},
		{"DEL", doc(goodFront, "1. One\x7f.\n"), []string{"7: control character U+007F"}},
		{"C1 next line", doc(goodFront, "1. One\u0085.\n"), []string{"7: control character U+0085"}},
		{"each line once", doc(goodFront, "1. \a\a\n   \a\n"), []string{"7: control character U+0007", "8: control character U+0007"}},
		{"invalid UTF-8", doc(goodFront, "Pre.\n\n1. One \xff.\n"), []string{"9: invalid UTF-8 (byte 0xff)"}},
		{"a byte-order mark after the start is text", doc(goodFront, "1. One\uFEFF.\n"), nil},
		{"right-to-left override", doc(goodFront, "Pre.\n\n1. One \u202Eowt.\n"), []string{
			"9: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in the text: it can make the text display in another order than it is stored; remove it, or confirm it by listing para_1 under bidi: in the front matter"}},
		{"confirmed", doc(goodFront+"bidi: [para_1]\n", "Pre.\n\n1. One \u202Eowt.\n"), nil},
		{"confirmed for another paragraph", doc(goodFront+"bidi: [para_2]\n", "Pre.\n\n1. One \u202Eowt.\n\n2. Two.\n"), []string{
			"6: bidi: para_2 has no bidirectional control", "10: bidirectional control U+202E"}},
		{"isolate in a continuation", doc(goodFront+"bidi: [preamble__p_1]\n", "Pre \u200F.\n\n1. One.\n\n   Two \u2067x\u2069.\n"), []string{
			"12: bidirectional control U+2067 (RIGHT-TO-LEFT ISOLATE)", "listing para_1__p_2 under bidi:"}},
		{"mark in the title", doc("title: \u200Fعربي\n"+goodFront[9:], "1. One.\n"), []string{"2: bidirectional control U+200F (RIGHT-TO-LEFT MARK)", "listing title under bidi:"}},
		{"mark in the title, confirmed", doc("title: \u200Fعربي\n"+goodFront[9:]+"bidi: [title]\n", "1. One.\n"), nil},
		{"escaped override in the title", doc("title: \"One \\u202Eowt\"\n"+goodFront[9:], "1. One.\n"), []string{"2: bidirectional control U+202E", "listing title under bidi:"}},
		{"escaped override in the title, confirmed", doc("title: \"One \\u202Eowt\"\n"+goodFront[9:]+"bidi: [title]\n", "1. One.\n"), nil},
		{"escaped bell in the place", doc(goodFront+"place: \"A\\aB\"\n", "1. One.\n"), []string{"6: control character U+0007 in place"}},
		{"bidi not a list", doc(goodFront+"bidi: title\n", "1. One.\n"), []string{"6: bidi must be a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := Parse("documents/a.md", []byte(tt.src))
			if len(tt.want) == 0 {
				if errs != nil {
					t.Fatalf("Parse() = %v; want no errors", errs)
				}
				if d.Title == "" || strings.HasPrefix(d.Title, "\uFEFF") {
					t.Errorf("title = %q", d.Title)
				}
				return
			}
			got := errs.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, "documents/a.md:"+w) && !strings.Contains(got, w) {
					t.Errorf("Parse() errors:\n%s\nwant one containing %q", got, w)
				}
			}
		})
	}
}

// TestConfirmedBidiIsKept: a confirmed control stays in the text, verbatim.
func TestConfirmedBidiIsKept(t *testing.T) {
	d, errs := Parse("documents/a.md", []byte(doc(goodFront+"bidi: [para_1]\n", "1. One \u202Eowt\u202C.\n")))
	if errs != nil {
		t.Fatal(errs)
	}
	if got := d.Clauses[0].Paragraphs[0].Text; got != "One \u202Eowt\u202C." {
		t.Errorf("text = %q", got)
	}
}
