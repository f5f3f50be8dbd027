package content

import (
	"bytes"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
)

// A content file is UTF-8 text with Unix line ends. What cannot be seen in
// an editor cannot be reviewed, so the loader refuses what would hide in
// the text:
//
//   - a byte-order mark at the start is dropped (editors on some systems
//     write one); anywhere else it is text, as Unicode says;
//   - invalid UTF-8, a NUL byte, a carriage return without a line feed,
//     and every other control character but the tab (C0, DEL, C1: none
//     is allowed in XML, and none prints) are errors;
//   - a bidirectional control (the embeddings, overrides and isolates
//     U+202A–U+202E and U+2066–U+2069, and the marks U+200E, U+200F and
//     U+061C) can make a text display in another order than it is
//     stored and searched: it is an error unless the editor confirms it,
//     listing the front-matter field or the paragraph's eId under bidi:
//
//	bidi: [title, preamble__p_2, para_3, para_7__p_2]

// bom is the UTF-8 byte-order mark.
var bom = []byte("\uFEFF")

// maxReported is how many control and bidi characters one file reports,
// each line once, before one line says how many more there are.
const maxReported = 100

// bidiUse is a line holding a bidirectional control, its first one, and
// the unit (front-matter field or paragraph eId) the line belongs to.
type bidiUse struct {
	line int
	r    rune
	unit string
}

func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// checkEncoding reports the first invalid UTF-8 sequence, NUL byte and
// carriage return, and every line with another control character; it
// returns the lines with bidi controls, for confirmBidi.
func checkEncoding(src []byte, errs *fileErrors) []bidiUse {
	line := 1
	var badUTF8, nul, cr bool
	var bidi []bidiUse
	controls, lastControl := 0, 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if !badUTF8 {
				errs.add(line, "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", src[i])
				badUTF8 = true
			}
		case r == 0:
			if !nul {
				errs.add(line, "NUL byte in the text")
				nul = true
			}
		case r == '\r':
			if !cr && !bytes.HasPrefix(src[i:], []byte("\r\n")) {
				errs.add(line, "carriage return without a line feed: use Unix line ends")
				cr = true
			}
		case r == '\n':
			line++
		case isControl(r):
			if lastControl != line {
				lastControl = line
				if controls++; controls <= maxReported {
					errs.add(line, "control character %U in the text: it does not print; remove it (only tabs and line ends are allowed)", r)
				}
			}
		case isBidiControl(r):
			if len(bidi) == 0 || bidi[len(bidi)-1].line != line {
				bidi = append(bidi, bidiUse{line: line, r: r})
			}
		}
		i += size
	}
	if controls > maxReported {
		errs.add(line, "and %d more lines with control characters", controls-maxReported)
	}
	return bidi
}

// field is a front-matter field and the line its name is on.
type field struct {
	name string
	line int
}

// bidiUnits names the unit of each bidi use: the front-matter field the
// line is part of, or the paragraph that starts on it or before it.
func bidiUnits(uses []bidiUse, fields []field, bodyLine int, d *archive.Document) {
	paras := allParagraphs(d)
	f, p := -1, -1
	for i := range uses {
		u := &uses[i]
		if u.line < bodyLine {
			for f+1 < len(fields) && fields[f+1].line <= u.line {
				f++
			}
			if f >= 0 {
				u.unit = fields[f].name
			}
			continue
		}
		for p+1 < len(paras) && paras[p+1].Line <= u.line {
			p++
		}
		if p >= 0 {
			u.unit = paras[p].EID()
			if q := paras[p]; q.Index == 0 && q.Clause != nil {
				u.unit = q.Clause.EID() // a heading: its container
			}
		}
	}
}

// confirmBidi reports every bidi use whose unit the editor did not list
// under bidi:, and every unit listed that has none.
func confirmBidi(uses []bidiUse, confirmed []bidiRef, errs *fileErrors) {
	listed := map[string]bool{}
	for _, c := range confirmed {
		listed[c.unit] = true
	}
	used := map[string]bool{}
	reported := 0
	for _, u := range uses {
		if listed[u.unit] {
			used[u.unit] = true
			continue
		}
		if reported++; reported > maxReported {
			continue
		}
		how := "confirm it by listing " + u.unit + " under bidi: in the front matter"
		if u.unit == "" {
			how = "it cannot be confirmed here"
		}
		errs.add(u.line, "bidirectional control %U (%s) in the text: it can make the text display in another order than it is stored; remove it, or %s", u.r, bidiName(u.r), how)
	}
	if reported > maxReported {
		errs.add(uses[len(uses)-1].line, "and %d more lines with unconfirmed bidirectional controls", reported-maxReported)
	}
	for _, c := range confirmed {
		if !used[c.unit] {
			errs.add(c.line, "bidi: %s has no bidirectional control: list only the fields and paragraphs (by eId) that have one", c.unit)
		}
	}
}

// bidiRef is a unit the editor confirmed under bidi:, and its line.
type bidiRef struct {
	unit string
	line int
}

func bidiName(r rune) string {
	switch r {
	case 0x200E:
		return "LEFT-TO-RIGHT MARK"
	case 0x200F:
		return "RIGHT-TO-LEFT MARK"
	case 0x061C:
		return "ARABIC LETTER MARK"
	case 0x202A:
		return "LEFT-TO-RIGHT EMBEDDING"
	case 0x202B:
		return "RIGHT-TO-LEFT EMBEDDING"
	case 0x202C:
		return "POP DIRECTIONAL FORMATTING"
	case 0x202D:
		return "LEFT-TO-RIGHT OVERRIDE"
	case 0x202E:
		return "RIGHT-TO-LEFT OVERRIDE"
	case 0x2066:
		return "LEFT-TO-RIGHT ISOLATE"
	case 0x2067:
		return "RIGHT-TO-LEFT ISOLATE"
	case 0x2068:
		return "FIRST STRONG ISOLATE"
	case 0x2069:
		return "POP DIRECTIONAL ISOLATE"
	}
	return fmt.Sprintf("%U", r)
}

// mergeEscaped adds the bidi controls of escaped front-matter values to
// those the line scan found, in line order, a line once.
func mergeEscaped(uses, escaped []bidiUse) []bidiUse {
	for _, e := range escaped {
		i, found := slices.BinarySearchFunc(uses, e.line, func(u bidiUse, line int) int { return u.line - line })
		if !found {
			uses = slices.Insert(uses, i, e)
		}
	}
	return uses
}

// allParagraphs is every paragraph of d, headings included, in the order
// of their lines.
func allParagraphs(d *archive.Document) []*archive.Paragraph {
	paras := slices.Clone(d.Preamble)
	d.Walk(func(c *archive.Provision) bool {
		if c.Heading != nil {
			paras = append(paras, c.Heading)
		}
		paras = append(paras, c.Paragraphs...)
		return true
	})
	slices.SortStableFunc(paras, func(a, b *archive.Paragraph) int { return a.Line - b.Line })
	return paras
}
