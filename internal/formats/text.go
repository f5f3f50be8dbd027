package formats

import (
	"bytes"
	"strconv"

	"github.com/accord-archive/accord/internal/archive"
)

// DateLine is how the verbatim text gives a document's date, as the sources
// print it: "November 17, 2025".
const DateLine = "January 2, 2006"

// Text is the document's verbatim text in the shape of its source: the
// date line, then one paragraph per line, each clause's first paragraph
// starting with its printed number. `accord import` reads this shape, so the
// text round-trips.
func Text(d *archive.Document) []byte {
	var b bytes.Buffer
	b.WriteString(d.Date.Format(DateLine))
	for _, p := range d.Paragraphs() {
		b.WriteByte('\n')
		if p.Clause != nil && p.Index == 1 {
			b.WriteString(strconv.Itoa(p.Clause.Number))
			b.WriteString(". ")
		}
		b.WriteString(p.Text)
	}
	return b.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }
