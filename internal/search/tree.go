package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

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

// sharedFields makes the fields that consecutive units share, analysed
// once and added, read-only, to every unit that shares their value: a
// document's context and keywords to each of its units, a heading's words
// to each provision under it. Analysed per unit, the context of a treaty
// of 1,500 provisions was analysed 1,500 times. It keeps the last of each:
// the units of a document are consecutive, and so are the provisions
// under one heading.
type sharedFields struct {
	cat      *catalogue
	analyzer analysis.Analyzer // the text's, with the index's memory

	fields docFields // of the last document

	parent *archive.Provision // whose ancestors and itself printed the heading: a document's own
	set    bool               // parent and heading are set
	head   *analysed          // nil when there is no heading
}

func newSharedFields(cat *catalogue) *sharedFields {
	return &sharedFields{cat: cat, analyzer: newMapping().AnalyzerNamed(analyzerName)}
}

// heading returns the heading field of the unit numbered ord; nil for a
// unit under no heading.
func (s *sharedFields) heading(ord int) *analysed {
	u := &s.cat.units[ord]
	var parent *archive.Provision
	if u.clause != nil {
		parent = u.clause.Parent
	}
	own := u.clause != nil && u.clause.Element.Container() // its own heading too: not shared
	if own || !s.set || parent != s.parent {
		s.parent, s.set, s.head = parent, !own, nil
		if h := headings(u.clause); h != "" {
			s.head = analyseText(fieldHead, []byte(h), contextOptions, s.analyzer)
		}
	}
	return s.head
}
