package web

import (
	"html"
	"sort"
	"strings"

	nethtml "golang.org/x/net/html"
)

// span is a run of a paragraph's verbatim text, in bytes, to wrap in an
// element of class class.
type span struct {
	start, end int
	class      string
	title      string
}

// markSpans wraps the spans of a paragraph's text in its rendered HTML,
// whose text (tags stripped, entities decoded) is that text. The text
// itself is not altered: only <span> elements are added around it. A span
// that crosses a tag is closed before the tag and reopened after it.
func markSpans(src, text string, spans []span) string {
	if len(spans) == 0 {
		return src
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(src))
	offset := 0 // in text
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		if tt != nethtml.TextToken {
			b.WriteString(raw)
			continue
		}
		t := html.UnescapeString(raw)
		if !strings.HasPrefix(text[min(offset, len(text)):], t) {
			// The HTML's text is not the paragraph's: leave it unmarked
			// rather than mark the wrong words.
			return src
		}
		writeMarked(&b, t, offset, spans)
		offset += len(t)
	}
	return b.String()
}

// writeMarked writes the text t, which starts at offset in the paragraph,
// escaped, with the parts inside spans wrapped.
func writeMarked(b *strings.Builder, t string, offset int, spans []span) {
	pos := 0
	for _, s := range spans {
		lo, hi := max(s.start-offset, pos), min(s.end-offset, len(t))
		if lo >= hi {
			continue
		}
		b.WriteString(html.EscapeString(t[pos:lo]))
		b.WriteString(`<span class="`)
		b.WriteString(html.EscapeString(s.class))
		if s.title != "" {
			b.WriteString(`" title="`)
			b.WriteString(html.EscapeString(s.title))
		}
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(t[lo:hi]))
		b.WriteString(`</span>`)
		pos = hi
	}
	b.WriteString(html.EscapeString(t[pos:]))
}
