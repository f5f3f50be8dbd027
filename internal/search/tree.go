package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/accord-archive/accord/internal/archive"
)

// headings is what the provisions holding c print above it: each one's
// label and heading ("Article 7 | Definitions", "ANNEX I | Energy"),
// outermost first, and c's own if c is a container with text of its own.
// It is searched as the provision's context, so that "article 7
// definitions" finds the provisions of that article. A sub-paragraph's
// lead-in is not a heading: its words are the paragraph's.
func headings(c *archive.Provision) string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	chain := c.Ancestors()
	if c.Element.Container() {
		chain = append(chain, c)
	}
	for _, p := range chain {
		if !p.Element.Container() {
			continue
		}
		for _, s := range []string{p.Label, headingText(p)} {
			if s == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

func headingText(p *archive.Provision) string {
	if p.Heading == nil {
		return ""
	}
	return p.Heading.Text
}

// sharedField is a text field analysed once and added to every unit that
// shares its value: a document's context to each of its units, a heading's
// words to each provision under it. Analysed per unit, the context of a
// treaty of 1,500 provisions was analysed 1,500 times. Bleve analyses each
// field of a batch when it indexes it, on several goroutines: Analyze does
// nothing here, and the analysis, read-only, is shared.
type sharedField struct{ *document.TextField }

func (sharedField) Analyze() {}

// newSharedField analyses value as the field named name.
func newSharedField(name, value string, a analysis.Analyzer) sharedField {
	f := document.NewTextFieldCustom(name, nil, []byte(value), contextMapping().Options(), a)
	f.Analyze()
	return sharedField{f}
}

// sharedFields makes the shared fields of consecutive units, keeping the
// last of each: the units of a document are consecutive, and so are the
// provisions under one heading.
type sharedFields struct {
	cat      *catalogue
	analyzer analysis.Analyzer

	doc     *archive.Document
	context sharedField

	parent  *archive.Provision // whose ancestors and itself printed the heading: a document's own
	set     bool               // parent and heading are set
	heading *sharedField       // nil when there is no heading
}

// of returns the context and heading fields of the unit numbered ord; the
// heading is nil for a unit under no heading.
func (s *sharedFields) of(ord int) (sharedField, *sharedField) {
	u := &s.cat.units[ord]
	if d := u.doc(); d != s.doc {
		s.doc, s.context = d, newSharedField(fieldCtx, s.cat.context(d), s.analyzer)
	}
	var parent *archive.Provision
	if u.clause != nil {
		parent = u.clause.Parent
	}
	own := u.clause != nil && u.clause.Element.Container() // its own heading too: not shared
	if own || !s.set || parent != s.parent {
		s.parent, s.set, s.heading = parent, !own, nil
		if h := headings(u.clause); h != "" {
			f := newSharedField(fieldHead, h, s.analyzer)
			s.heading = &f
		}
	}
	return s.context, s.heading
}
