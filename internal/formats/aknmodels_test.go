package formats

import (
	"slices"
	"testing"
)

// The content models of Akoma Ntoso 3.0 (akomantoso30.xsd) for the parts
// of a document below <meta>, as the standard's groups define them: which
// elements each may hold, in what order. Only the groups' members that a
// writer of diplomatic texts may meet are listed; anything else is an
// error here, so that a new element is checked against the XSD before it
// is written.
var (
	// hierElements: ANhier and hcontainer.
	hierElements = []string{"clause", "section", "part", "paragraph", "chapter", "title", "article", "book", "tome",
		"division", "list", "point", "indent", "alinea", "rule", "subrule", "proviso", "subsection", "subpart",
		"subparagraph", "subchapter", "subtitle", "subdivision", "subclause", "sublist", "level", "transitional", "hcontainer"}
	// blockElements: ANblock, HTMLblock, foreign, block.
	blockElements = []string{"blockList", "blockContainer", "tblock", "toc", "ul", "ol", "table", "p", "foreign", "block"}
	// containerElements: speechSection, div, container.
	containerElements = []string{"container", "div"}
	// The inline elements (inlineCM) a paragraph's text may hold.
	inlineElements = []string{"ref", "mref", "rref", "remark", "b", "i", "u", "sup", "sub", "span", "a", "abbr",
		"date", "person", "organization", "location", "role", "term", "signature", "docTitle", "docNumber",
		"docDate", "docProponent", "docType", "noteRef", "eol", "eop", "authorialNote", "subFlow"}
	// hierarchy's header: num, heading, subheading in any order.
	hierHeader = []string{"num", "heading", "subheading"}
	// mainBody (maincontent): any of hierarchy, blocks and containers.
	mainContent = slices.Concat(hierElements, blockElements, containerElements, []string{"componentRef"})
	// conclusions (basicopt), preamble (preambleopt).
	conclusionsModel = slices.Concat(blockElements, []string{"longTitle", "formula", "container"})
	preambleModel    = slices.Concat(blockElements, []string{"recitals", "citations", "formula", "container"})
	// The document types an attachment (docContainerType) may hold.
	documentTypes = []string{"amendmentList", "officialGazette", "documentCollection", "act", "bill", "debateReport",
		"debate", "statement", "amendment", "judgment", "portion", "doc"}
	placements = []string{"side", "left", "right", "bottom", "inline"}
)

// allIn reports the first of names not in set, or "".
func allIn(names, set []string) string {
	for _, n := range names {
		if !slices.Contains(set, n) {
			return n
		}
	}
	return ""
}

// checkParts holds a document's parts (preface to attachments) and every
// element below them to the content models above.
func checkParts(t *testing.T, name string, doc *element) {
	t.Helper()
	bad := func(e *element, format string, args ...any) {
		t.Helper()
		t.Errorf("%s: <%s eId=%q>: "+format, append([]any{name, e.name, e.attrs["eId"]}, args...)...)
	}
	only := func(e *element, set []string, what string) {
		t.Helper()
		if n := allIn(e.names(), set); n != "" {
			bad(e, "holds <%s>, which %s may not", n, what)
		}
	}
	if p := doc.child("preamble"); p != nil {
		only(p, preambleModel, "a preamble")
	}
	if c := doc.child("conclusions"); c != nil {
		only(c, conclusionsModel, "the conclusions")
	}
	if m := doc.child("mainBody"); m != nil {
		if len(m.children) == 0 {
			bad(m, "is empty; maincontent holds one element at least")
		}
		only(m, mainContent, "a mainBody")
	}
	if meta := doc.child("meta"); meta != nil {
		if notes := meta.child("notes"); notes != nil {
			if notes.attrs["source"] == "" || len(notes.children) == 0 || allIn(notes.names(), []string{"note"}) != "" {
				bad(notes, "holds %v, source %q; want <note>s and a source", notes.names(), notes.attrs["source"])
			}
		}
	}
	if atts := doc.child("attachments"); atts != nil {
		only(atts, []string{"attachment"}, "<attachments>")
		for _, a := range atts.children {
			names := a.names()
			i := 0
			for i < len(names) && slices.Contains(hierHeader, names[i]) {
				i++
			}
			if len(names)-i != 1 || !slices.Contains(documentTypes, names[i]) {
				bad(a, "holds %v; want num and heading, then one document", names)
				continue
			}
			inner := a.children[i]
			if !inOrder(inner.names(), statementModel) || inner.child("meta") == nil || inner.child("mainBody") == nil || inner.attrs["name"] == "" {
				bad(inner, "holds %v, name %q; want a named document with meta and mainBody in the order %v", inner.names(), inner.attrs["name"], statementModel)
			}
			checkMeta(t, name+" "+a.attrs["eId"], inner.child("meta"))
			checkParts(t, name+" "+a.attrs["eId"], inner)
		}
	}
	for _, part := range []string{"preface", "preamble", "mainBody", "conclusions"} {
		if p := doc.child(part); p != nil {
			p.walk(func(e *element) { checkElement(t, name, e, bad, only) })
		}
	}
}

// checkElement holds one element to its content model.
func checkElement(t *testing.T, name string, e *element, bad func(*element, string, ...any), only func(*element, []string, string)) {
	t.Helper()
	names := e.names()
	switch {
	case slices.Contains(hierElements, e.name):
		// (num|heading|subheading)*, then content, or intro? (hier)* wrapUp?
		if e.attrs["eId"] == "" {
			bad(e, "has no eId")
		}
		if e.name == "hcontainer" && e.attrs["name"] == "" {
			bad(e, "has no name, which an hcontainer must have")
		}
		i := 0
		for i < len(names) && slices.Contains(hierHeader, names[i]) {
			i++
		}
		rest := names[i:]
		switch {
		case len(rest) == 1 && rest[0] == "content":
		case len(rest) == 0:
			bad(e, "holds %v: a hierarchy needs content, or intro, children and wrapUp", names)
		default:
			j := 0
			if rest[0] == "intro" {
				j++
			}
			for j < len(rest) && (slices.Contains(hierElements, rest[j]) || rest[j] == "crossHeading") {
				j++
			}
			if j < len(rest) && rest[j] == "wrapUp" {
				j++
			}
			if j != len(rest) || (len(rest) > 0 && rest[0] == "content") {
				bad(e, "holds %v; want num/heading, then content or intro?, hierarchy*, wrapUp?", names)
			}
		}
	case e.name == "content" || e.name == "intro" || e.name == "wrapUp" || e.name == "formula" ||
		e.name == "td" || e.name == "th":
		only(e, blockElements, "<"+e.name+">")
		if e.name == "formula" && e.attrs["name"] == "" {
			bad(e, "has no name, which a formula must have")
		}
	case e.name == "container":
		only(e, append(slices.Clone(blockElements), "container"), "a container")
		if e.attrs["name"] == "" {
			bad(e, "has no name, which a container must have")
		}
	case e.name == "blockContainer":
		i := 0
		for i < len(names) && slices.Contains(hierHeader, names[i]) {
			i++
		}
		if allIn(names[i:], slices.Concat(blockElements, []string{"intro", "wrapUp", "crossHeading"})) != "" || len(names[i:]) == 0 {
			bad(e, "holds %v; want blocks", names)
		}
	case e.name == "table":
		if len(names) == 0 || allIn(names, []string{"caption", "tr"}) != "" || slices.Index(names, "caption") > 0 {
			bad(e, "holds %v; want caption?, tr+", names)
		}
	case e.name == "tr":
		if len(names) == 0 || allIn(names, []string{"th", "td"}) != "" {
			bad(e, "holds %v; want th or td", names)
		}
	case e.name == "authorialNote":
		if e.attrs["eId"] == "" || e.attrs["marker"] == "" || !slices.Contains(placements, e.attrs["placement"]) {
			bad(e, "marker %q, placement %q; want an eId, a marker and one of %v", e.attrs["marker"], e.attrs["placement"], placements)
		}
		if len(names) == 0 {
			bad(e, "is empty")
		}
		only(e, slices.Concat(blockElements, hierElements, containerElements), "a note")
	case e.name == "p" || e.name == "num" || e.name == "heading" || e.name == "signature":
		only(e, inlineElements, "inline content")
	}
}
