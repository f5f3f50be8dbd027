package formats

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// A paragraph's text holds no footnote markers: the loader keeps the text
// as read and renders each marker "[^1]" into the HTML only, as
// <sup class="noteref"><a href="#note_1" …>1</a></sup>. The formats that
// write a note at its marker find the marker's place in the text from the
// text that precedes it in the HTML.

// noteRefHTML is a rendered footnote marker; its group is the note's eId.
var noteRefHTML = regexp.MustCompile(`<sup class="noteref"><a href="#([^"]+)"[^>]*>.*?</a></sup>`)

var tag = regexp.MustCompile(`<[^>]*>`)

// plain is rendered inline HTML as text: tags dropped, entities read.
func plain(h string) string { return html.UnescapeString(tag.ReplaceAllString(h, "")) }

// noteAt is a footnote marked at byte pos of a paragraph's text.
type noteAt struct {
	pos  int
	note *archive.Provision
}

// notesIn finds the markers of p's HTML that name one of notes (by eId)
// and places each in p's text: after the text the HTML has before it,
// where that text is the text's start (as it is unless the paragraph has
// markup), or else after the last words before the marker, found in order;
// at the end of the text when neither is found.
func notesIn(p *archive.Paragraph, notes map[string]*archive.Provision) []noteAt {
	if len(notes) == 0 || !strings.Contains(p.HTML, `class="noteref"`) {
		return nil
	}
	var out []noteAt
	var before strings.Builder
	last, from := 0, 0
	for _, m := range noteRefHTML.FindAllStringSubmatchIndex(p.HTML, -1) {
		before.WriteString(plain(p.HTML[last:m[0]]))
		last = m[1]
		n := notes[p.HTML[m[2]:m[3]]]
		if n == nil {
			continue
		}
		pos := len(p.Text)
		if b := before.String(); strings.HasPrefix(p.Text, b) && len(b) >= from {
			pos = len(b)
		} else {
			// Markup in the text ("*the Parties*") is not in the HTML's
			// words: find the last three words before the marker, or
			// two, or one.
			words := strings.Fields(b)
			for k := min(3, len(words)); k > 0; k-- {
				tail := strings.Join(words[len(words)-k:], " ")
				if i := strings.Index(p.Text[from:], tail); i >= 0 {
					pos = from + i + len(tail)
					break
				}
			}
		}
		out = append(out, noteAt{pos, n})
		from = pos
	}
	return out
}

// noteMap is a document's notes by eId.
func noteMap(d *archive.Document) map[string]*archive.Provision {
	m := make(map[string]*archive.Provision, len(d.Notes))
	for _, n := range d.Notes {
		m[n.EID()] = n
	}
	return m
}

// cell is one cell of a table: a header's or data's, and its text.
type cell struct {
	header bool
	text   string
}

// tableRows reads the rows of a table's rendered HTML (<tr> of <th> and
// <td>), each cell's text without its markup; nil when the HTML holds no
// table.
func tableRows(p *archive.Paragraph) [][]cell {
	dec := xml.NewDecoder(strings.NewReader(p.HTML))
	dec.Strict, dec.AutoClose, dec.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var rows [][]cell
	var cur *cell
	var text bytes.Buffer
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "tr":
				rows = append(rows, nil)
			case "th", "td":
				if len(rows) > 0 {
					cur = &cell{header: tok.Name.Local == "th"}
					text.Reset()
				}
			}
		case xml.EndElement:
			if (tok.Name.Local == "th" || tok.Name.Local == "td") && cur != nil {
				cur.text = strings.Join(strings.Fields(text.String()), " ")
				rows[len(rows)-1] = append(rows[len(rows)-1], *cur)
				cur = nil
			}
		case xml.CharData:
			if cur != nil {
				text.Write(tok)
			}
		}
	}
	for _, r := range rows {
		if len(r) > 0 {
			return rows
		}
	}
	return nil
}

// pipeTable writes rows as a GitHub-style pipe table, as the content file
// has it: a delimiter row after a row of headers, "|" in a cell escaped.
func pipeTable(rows [][]cell) string {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("|")
		header := len(r) > 0
		for _, c := range r {
			b.WriteString(" " + strings.ReplaceAll(c.text, "|", `\|`) + " |")
			header = header && c.header
		}
		if i == 0 && header {
			b.WriteString("\n|" + strings.Repeat("---|", len(r)))
		}
	}
	return b.String()
}
