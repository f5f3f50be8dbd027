package archive

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Element is the kind of a provision, named as the Akoma Ntoso element
// that holds it.
type Element string

// The elements of a document's tree. A heading's section, a chapter, a
// part, an article and an attachment are containers: they have a heading
// and children. The others hold text of their own, and may have children
// too (a paragraph's sub-paragraphs).
const (
	ElPart         Element = "part"
	ElChapter      Element = "chapter"
	ElTitle        Element = "title"
	ElSection      Element = "section" // a heading in the text, numbered ("I.", "A.") or not
	ElArticle      Element = "article"
	ElParagraph    Element = "paragraph"    // a numbered paragraph: "3.", "11,", "10.5."
	ElSubparagraph Element = "subparagraph" // a lettered one: "(a)", "a)"
	ElPoint        Element = "point"        // a roman one: "(iv)", or deeper
	ElItem         Element = "item"         // a bullet: "•", "–"
	ElP            Element = "p"            // an unnumbered paragraph of the body
	ElAttachment   Element = "attachment"   // an annex, protocol or final act
	ElFormula      Element = "formula"      // "IN WITNESS WHEREOF …", "DONE at …"
	ElDateline     Element = "dateline"     // a place and date line inside the text
	ElSignature    Element = "signature"    // a signatory's line
	ElNote         Element = "note"         // a footnote (an authorial note)
	ElRemark       Element = "remark"       // a publisher's mark: "###", "The following was released by …"
	ElTable        Element = "table"        // a table, kept as a table
)

// eidPrefix is each element's abbreviation in an Akoma Ntoso eId, as the
// naming convention gives it.
var eidPrefix = map[Element]string{
	ElPart: "part", ElChapter: "chp", ElTitle: "title", ElSection: "sec", ElArticle: "art",
	ElParagraph: "para", ElSubparagraph: "subpara", ElPoint: "point", ElItem: "item", ElP: "p",
	ElAttachment: "att", ElFormula: "formula", ElDateline: "dateline", ElSignature: "signature",
	ElNote: "note", ElRemark: "remark", ElTable: "table",
}

// Known reports whether e is one of the elements a provision may be.
func (e Element) Known() bool {
	_, ok := eidPrefix[e]
	return ok
}

// elementNamed maps each element's name to the element.
var elementNamed = func() map[string]Element {
	m := make(map[string]Element, len(eidPrefix))
	for e := range eidPrefix {
		m[string(e)] = e
	}
	return m
}()

// ElementNamed returns the element named s, or false. The element is
// the constant, whatever memory s is in.
func ElementNamed(s string) (Element, bool) {
	e, ok := elementNamed[s]
	return e, ok
}

// Container reports whether the element is a heading's container (a
// part, chapter, title, section, article or attachment), shown with a
// heading rather than as a paragraph.
func (e Element) Container() bool {
	switch e {
	case ElPart, ElChapter, ElTitle, ElSection, ElArticle, ElAttachment:
		return true
	}
	return false
}

// Operative reports whether text of the element is operative text, which
// is classified and cited as a paragraph: not a dateline, formula,
// signature, note or publisher's mark.
func (e Element) Operative() bool {
	switch e {
	case ElFormula, ElDateline, ElSignature, ElNote, ElRemark:
		return false
	}
	return true
}

// Provision is one node of a document's tree: a heading's section, an
// article, a numbered paragraph, a sub-paragraph, a bullet, a plain
// paragraph, an annex, a signature line. Clause is its older name, kept by
// the code that reads the numbered clauses of a simple statement.
type Provision struct {
	Doc     *Document
	Parent  *Provision // nil at the top of a part of the document
	Element Element

	// Label is the label exactly as printed ("3.", "11,", "(a)", "a)",
	// "(iv)", "10.5.", "Article 51", "ANNEX I", "•"), or "". Num is its
	// number as the eId and citation write it ("3", "11", "a", "iv",
	// "10.5", "51", "I"), or "" for an unnumbered provision.
	Label string
	Num   string

	// Heading is a container's heading line without its label ("Energy
	// and Connectivity", "Definitions"), or nil.
	Heading *Paragraph

	// HeadingSep is what is printed between the label and the heading's
	// words on one line (" – " in "Article 7 – Definitions", " " in "I.
	// Energy"), or "" when the words stand on a line of their own.
	HeadingSep string

	Paragraphs []*Paragraph // its own text; the first carries the provision's eId
	Children   []*Provision
	Line       int // line in the content file where it starts

	// Number is n for a numbered paragraph whose eId is para_n: the
	// clauses of a statement, /documents/{slug}/clauses/{n}. 0 otherwise.
	Number int

	eid string // set by Document.Build

	Classification // what the provision commits to, on what, naming whom
}

// Clause is a provision: the name the clauses of a simple statement gave it.
type Clause = Provision

// EID is the provision's Akoma Ntoso eId: para_3, art_51__para_1,
// para_3__subpara_a, sec_2, att_1__para_3, sec_2__p_1.
func (c *Provision) EID() string {
	if c.eid == "" && c.Number > 0 { // a clause made without Build
		return ClauseEID(c.Number)
	}
	return c.eid
}

// Operative reports whether the provision is operative text (see Element.Operative).
func (c *Provision) Operative() bool { return c.Element.Operative() }

// Text is the provision's own verbatim text, paragraphs separated by a
// blank line: its children's text is theirs.
func (c *Provision) Text() string {
	parts := make([]string, len(c.Paragraphs))
	for i, p := range c.Paragraphs {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\n\n")
}

// Ancestors lists the provision's containing provisions, outermost first.
func (c *Provision) Ancestors() []*Provision {
	var out []*Provision
	for p := c.Parent; p != nil; p = p.Parent {
		out = append(out, p)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Depth is the number of the provision's ancestors.
func (c *Provision) Depth() int {
	n := 0
	for p := c.Parent; p != nil; p = p.Parent {
		n++
	}
	return n
}

// Cite is how a citation names the provision, from its printed labels and
// those of the provisions that hold it: "para. 3", "para. 3(a)",
// "Art. 51(1)", "Annex I, para. 2", "Art. 1(a)(ii)". A provision with no
// label is named by its place: "Energy and Connectivity, para. [2]".
func (c *Provision) Cite() string {
	var out strings.Builder
	chain := append(c.Ancestors(), c)
	sep := func() {
		if out.Len() > 0 {
			out.WriteString(", ")
		}
	}
	for i, p := range chain {
		switch p.Element {
		case ElPart, ElChapter, ElTitle, ElAttachment:
			if p.Label != "" {
				sep()
				out.WriteString(titleCase(p.Label))
			} else if p.Heading != nil && i == len(chain)-1 {
				sep()
				out.WriteString(p.Heading.Text)
			}
		case ElSection:
			if p.Num != "" {
				sep()
				out.WriteString("sec. " + p.Num)
			} else if i == len(chain)-1 || !hasNumberedBelow(chain[i+1:]) {
				sep()
				if p.Heading != nil {
					out.WriteString(p.Heading.Text)
				} else {
					out.WriteString(p.Label)
				}
			}
		case ElArticle:
			sep()
			out.WriteString("Art. " + p.Num)
		case ElParagraph:
			if i > 0 && chain[i-1].Element == ElArticle {
				out.WriteString("(" + p.Num + ")")
			} else {
				sep()
				out.WriteString("para. " + p.Num)
			}
		case ElSubparagraph, ElPoint:
			if out.Len() == 0 {
				out.WriteString("para. ")
			}
			out.WriteString("(" + p.Num + ")")
		case ElItem:
			sep()
			out.WriteString("bullet " + strconv.Itoa(p.ordinal()))
		case ElP:
			// An unnumbered paragraph is counted, the count in brackets
			// as an editor supplies what the text does not print.
			sep()
			out.WriteString("para. [" + strconv.Itoa(p.ordinal()) + "]")
		default:
			sep()
			out.WriteString(string(p.Element))
		}
	}
	return out.String()
}

// hasNumberedBelow reports whether a numbered provision follows in chain,
// which then names the place without the heading above it.
func hasNumberedBelow(chain []*Provision) bool {
	for _, p := range chain {
		if p.Num != "" {
			return true
		}
	}
	return false
}

// ordinal is the provision's 1-based place among its siblings of the same
// element.
func (c *Provision) ordinal() int {
	sibs := c.Doc.Body
	if c.Parent != nil {
		sibs = c.Parent.Children
	} else if c.Element == ElAttachment {
		sibs = c.Doc.Attachments
	}
	n := 0
	for _, s := range sibs {
		if s.Element == c.Element {
			n++
		}
		if s == c {
			return n
		}
	}
	return n
}

// titleCase writes a printed label in capitals as a citation does: "ANNEX
// I" as "Annex I", "CHAPTER II" as "Chapter II". A label in mixed case is
// kept.
func titleCase(label string) string {
	words := strings.Fields(label)
	if len(words) == 0 || strings.ToUpper(words[0]) != words[0] {
		return label
	}
	r := []rune(strings.ToLower(words[0]))
	r[0] = unicode.ToUpper(r[0])
	words[0] = string(r)
	return strings.Join(words, " ")
}

// NumOf reads the number of a printed label: "3." is 3, "11," is 11,
// "(a)" is a, "(iv)" is iv, "10.5." is 10.5, "Article 51" is 51, "ANNEX
// I" is I, "•" is "". It keeps letters, digits and inner dots.
func NumOf(label string) string {
	if f := strings.Fields(label); len(f) > 1 {
		label = f[len(f)-1] // "Article 51", "ANNEX II"
	}
	var b strings.Builder
	for _, r := range label {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), ".")
}

// Build finishes a document whose tree is made: it links each provision to
// its document and parent, gives each its eId, numbers the clauses of a
// simple statement, and lists the provisions with text in Clauses.
//
// An eId is its parent's eId, "__", and its own part (para_3__subpara_a,
// art_2__para_1, att_1__para_1), with one exception: a heading's container
// (part, chapter, title, section) does not prefix its numbered children
// unless their numbers restart under it. So articles are art_51 in any
// chapter, and a communiqué's paragraphs numbered across its headings are
// para_12, while sections whose paragraphs restart at 1 give sec_2__para_1.
// A repeated eId gets "-2", "-3" after it, so that every address is one
// provision.
func (d *Document) Build() {
	d.Clauses = d.Clauses[:0]
	// The map is reused, emptied, from one document to the next: made and
	// grown for each, it cost a start from a snapshot of 1,000,000
	// clauses a tenth of its decoding.
	seen := seenPool.Get().(map[string]int)
	defer func() {
		clear(seen)
		seenPool.Put(seen)
	}()
	b := builder{d: d, seen: seen}
	b.walk(d.Body, nil, "", true)
	b.walk(d.Attachments, nil, "", true)
	b.walk(d.Conclusions, nil, "conclusions", false)
	b.walk(d.Notes, nil, "", false)
	b.walk(d.Remarks, nil, "", false)
	for i, p := range d.Preamble {
		p.Doc, p.Clause, p.Index = d, nil, i+1
	}
	// Two clauses numbered alike (a misprint the editor confirmed) cannot
	// both be /clauses/n: the later one is addressed by its eId.
	numbers := map[int]bool{}
	for _, c := range d.Clauses {
		if c.Number > 0 {
			if numbers[c.Number] {
				c.Number = 0
				continue
			}
			numbers[c.Number] = true
		}
	}
}

var seenPool = sync.Pool{New: func() any { return map[string]int{} }}

type builder struct {
	d    *Document
	seen map[string]int // eIds given, and how often each was asked for
}

// own is the provision's part of its eId: its element's abbreviation and
// its number, or its place among its siblings of that element.
func own(c *Provision, ordinal int) string {
	part := c.Num
	if part == "" || c.Element == ElAttachment {
		part = strconv.Itoa(ordinal)
	}
	return eidPrefix[c.Element] + "_" + part
}

func join(prefix, part string) string {
	if prefix == "" {
		return part
	}
	return prefix + "__" + part
}

// walk gives the provisions of list, the children of parent (nil at the
// top of a part of the document), their eIds. numbered is the prefix a
// numbered provision here is made on when the headings above it pass
// their numbering through.
func (b *builder) walk(list []*Provision, parent *Provision, numbered string, collect bool) {
	inner := numbered
	if parent != nil {
		inner = parent.eid
		if heading(parent) && b.repeats(list, numbered) {
			numbered = parent.eid
		}
	}
	// How many of each element so far: a list holds few kinds.
	type ordinal struct {
		el Element
		n  int
	}
	var kinds [4]ordinal
	ordinals := kinds[:0]
	for _, c := range list {
		c.Doc, c.Parent = b.d, parent
		k := slices.IndexFunc(ordinals, func(o ordinal) bool { return o.el == c.Element })
		if k < 0 {
			k = len(ordinals)
			ordinals = append(ordinals, ordinal{el: c.Element})
		}
		ordinals[k].n++
		base := inner
		if c.Num != "" && (parent == nil || heading(parent)) {
			base = numbered
		}
		id := join(base, own(c, ordinals[k].n))
		if n := b.seen[id]; n > 0 {
			b.seen[id] = n + 1
			id += "-" + strconv.Itoa(n+1)
		}
		b.seen[id]++
		c.eid = id
		c.Number = 0
		if c.Element == ElParagraph && id == "para_"+c.Num {
			if n, err := strconv.Atoi(c.Num); err == nil && n > 0 {
				c.Number = n
			}
		}
		for i, p := range c.Paragraphs {
			p.Doc, p.Clause, p.Index = b.d, c, i+1
		}
		if c.Heading != nil {
			c.Heading.Doc, c.Heading.Clause, c.Heading.Index = b.d, c, 0
		}
		if collect && len(c.Paragraphs) > 0 {
			b.d.Clauses = append(b.d.Clauses, c)
		}
		next := id
		if heading(c) {
			next = numbered
		}
		b.walk(c.Children, c, next, collect)
	}
}

// heading reports whether c is a heading's container, which passes the
// numbering of what it holds through to its parent's.
func heading(c *Provision) bool {
	switch c.Element {
	case ElPart, ElChapter, ElTitle, ElSection:
		return true
	}
	return false
}

// repeats reports whether a numbered provision of list would, made on
// prefix, repeat an eId already given: numbering that restarts under a
// heading.
func (b *builder) repeats(list []*Provision, prefix string) bool {
	for _, c := range list {
		if c.Num != "" && b.seen[join(prefix, own(c, 0))] > 0 {
			return true
		}
	}
	return false
}

// Walk calls f on every provision of the document in reading order —
// body, conclusions, attachments (as a treaty prints its annexes after
// its signatures), notes, remarks — each before its children; f
// returning false skips a provision's children.
func (d *Document) Walk(f func(*Provision) bool) {
	var walk func([]*Provision)
	walk = func(list []*Provision) {
		for _, c := range list {
			if f(c) {
				walk(c.Children)
			}
		}
	}
	walk(d.Body)
	walk(d.Conclusions)
	walk(d.Attachments)
	walk(d.Notes)
	walk(d.Remarks)
}

// Provision returns the provision with the given eId, or false.
func (d *Document) Provision(eid string) (*Provision, bool) {
	var found *Provision
	d.Walk(func(c *Provision) bool {
		if found == nil && c.eid == eid {
			found = c
		}
		return found == nil
	})
	return found, found != nil
}
