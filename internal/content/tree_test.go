package content

import (
	"fmt"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// dumpTree writes a document's tree, one provision a line: its eId, its
// element, its label as printed, and the start of its heading and text.
func dumpTree(d *archive.Document) string {
	var b strings.Builder
	for _, p := range d.Preamble {
		fmt.Fprintf(&b, "%s %q\n", p.EID(), snippet(p.Text))
	}
	d.Walk(func(p *archive.Provision) bool {
		fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", p.Depth()), p.EID(), p.Element)
		if p.Label != "" {
			fmt.Fprintf(&b, " [%s]", p.Label)
		}
		if p.Heading != nil {
			fmt.Fprintf(&b, " # %q", snippet(p.Heading.Text))
		}
		for _, q := range p.Paragraphs {
			fmt.Fprintf(&b, " %q", snippet(q.Text))
		}
		b.WriteString("\n")
		return true
	})
	return b.String()
}

// snippet is the first words of a text.
func snippet(s string) string {
	if f := strings.Fields(s); len(f) > 4 {
		return strings.Join(f[:4], " ") + "…"
	}
	return s
}

