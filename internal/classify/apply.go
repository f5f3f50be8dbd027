package classify

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
)

// Apply classifies every clause and preamble paragraph of the archive,
// replacing any earlier classification. An editor's override from the
// front matter wins over the rules; an override naming an unknown type,
// topic or entity is reported in a content.ErrorList (file:line: message),
// and the rest of the archive is classified all the same.
func (r *Rules) Apply(a *archive.Archive) error {
	// Documents are classified on every core, each worker with its own
	// classifier: the rules are shared and read-only, the scanners not.
	docs := a.Documents()
	perDoc := make([]content.ErrorList, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(docs), 1)) {
		wg.Go(func() {
			c := r.newClassifier()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				perDoc[i] = c.document(docs[i])
			}
		})
	}
	wg.Wait()
	inheritVersions(docs)
	var errs content.ErrorList
	for _, e := range perDoc {
		errs = append(errs, e...)
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return errs
	}
	return nil
}

// ApplyDocument classifies one document as Apply does.
func (r *Rules) ApplyDocument(d *archive.Document) error {
	if errs := r.newClassifier().document(d); len(errs) > 0 {
		sortErrors(errs)
		return errs
	}
	return nil
}

// document classifies the preamble and the operative provisions of d. A
// dateline, formula, signature, note or publisher's mark commits no one
// and is about nothing: the rules never read it (an editor's override
// still applies), nor a heading, which is no provision's text.
//
// A document in a language the vocabulary has no words for is not read
// at all (Document.Unclassified): an empty analysis would say that the
// text commits to nothing.
func (c *classifier) document(d *archive.Document) content.ErrorList {
	var errs content.ErrorList
	lx, reads := c.r.langs[archive.LanguageBase(d.Language)]
	d.Unclassified, d.InheritedFrom = !reads, ""
	c.lx = lx
	for _, p := range d.Preamble {
		if !reads {
			errs = append(errs, c.r.unread(p.Classification, d)...)
			continue
		}
		errs = append(errs, c.unit(p.Classification, d, nil, p)...)
	}
	for _, cl := range d.Clauses {
		if !reads || !cl.Operative() {
			errs = append(errs, c.r.unread(&cl.Classification, d)...)
			continue
		}
		errs = append(errs, c.unit(&cl.Classification, d, cl, cl.Paragraphs...)...)
	}
	return errs
}

// unread empties a unit the rules do not read, keeping the editor's override.
func (r *Rules) unread(cl *archive.Classification, d *archive.Document) content.ErrorList {
	over := cl.Override
	*cl = archive.Classification{Override: over}
	if over == nil {
		return nil
	}
	return r.override(cl, d)
}

// leadIn is the sentence that leads in to cl — "The Parties shall:"
// before "(a) exchange information;" — without its colon, or "". It is
// its parent's last sentence, or for a list that follows its lead-in
// rather than nesting under it (bullets after "The Leaders agreed to:"),
// that of the provision before the list. A sub-paragraph without a
// subject of its own continues it: its commitment is the lead-in's
// subject's.
func (c *classifier) leadIn(cl *archive.Provision) string {
	if p := cl.Parent; p != nil && len(p.Paragraphs) > 0 {
		return c.leadInOf(p)
	}
	if cl.Element == archive.ElP {
		return "" // a plain paragraph starts afresh
	}
	sibs := cl.Doc.Body
	if cl.Parent != nil {
		sibs = cl.Parent.Children
	}
	i := slices.Index(sibs, cl)
	for i > 0 && sibs[i-1].Element == cl.Element {
		i--
	}
	if i <= 0 {
		return ""
	}
	return c.leadInOf(sibs[i-1])
}

// leadInOf is the last sentence of p's text if it ends in a colon, without
// the colon; else "".
func (c *classifier) leadInOf(p *archive.Provision) string {
	if len(p.Paragraphs) == 0 || !p.Operative() {
		return ""
	}
	text := strings.TrimRightFunc(p.Paragraphs[len(p.Paragraphs)-1].Text, unicode.IsSpace)
	if !strings.HasSuffix(text, ":") {
		return ""
	}
	text = text[:len(text)-1]
	ws := c.sc.scan(text)
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i].flags&sentenceStart != 0 {
			return text[ws[i].start:]
		}
	}
	return ""
}

// unit classifies the paragraphs of one unit together: a clause's
// classification is the union of its paragraphs'. When its paragraphs
// commit no one, the first is read again after the lead-in of the
// provision prov (see leadIn; nil for a preamble paragraph, which has
// none), and the commitments ending in it are its own. The lead-in is
// looked for only then: most units commit on their own.
func (c *classifier) unit(cl *archive.Classification, d *archive.Document, prov *archive.Provision, ps ...*archive.Paragraph) content.ErrorList {
	var (
		commitments      []archive.Commitment
		topics, entities []int32
	)
	for _, p := range ps {
		ws := c.sc.scan(p.Text)
		commitments = c.commitments(commitments, p, ws, d.Named(), d.Issuer.Code)
		c.lx.terms.each(ws, func(ph *phrase, _, _ int) { topics = append(topics, ph.target) })
		c.lx.names.each(ws, func(ph *phrase, _, _ int) { entities = append(entities, ph.target) })
	}
	if len(commitments) == 0 && prov != nil && len(ps) > 0 {
		if lead := c.leadIn(prov); lead != "" {
			commitments = c.continued(ps[0], lead, d)
		}
	}
	cl.Commitments = commitments
	cl.Topics = pick(c.r.topics, topics)
	cl.Entities = pick(c.r.entities, entities)
	if cl.Override == nil {
		return nil
	}
	return c.r.override(cl, d)
}

// pick returns the listed items once each, in vocabulary order.
func pick[T any](all []*T, idx []int32) []*T {
	if len(idx) == 0 {
		return nil
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	out := make([]*T, len(idx))
	for i, x := range idx {
		out[i] = all[x]
	}
	return out
}

// override applies the editor's classification, checking its ids.
func (r *Rules) override(cl *archive.Classification, d *archive.Document) content.ErrorList {
	o := cl.Override
	var errs content.ErrorList
	fail := func(line int, format string, args ...any) {
		errs = append(errs, content.Error{File: d.File, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if o.SetCommitments {
		cl.Commitments = nil
		for _, oc := range o.Commitments {
			t, ok := r.typeBy[oc.Type]
			if !ok {
				fail(oc.Line, "unknown commitment type %q: want one of %s", oc.Type, list(r.types, func(t *archive.CommitmentType) string { return t.Code }))
				continue
			}
			if oc.Paragraph == nil {
				continue // a phrase not in the text, reported as the file was read
			}
			cl.Commitments = append(cl.Commitments, archive.Commitment{
				Type: t, Actor: oc.Actor,
				Paragraph: oc.Paragraph, Start: int32(oc.Start), End: int32(oc.End),
			})
		}
	}
	if o.SetTopics {
		cl.Topics = nil
		for _, ref := range o.Topics {
			t, ok := r.Topic(ref.Slug)
			if !ok {
				fail(ref.Line, "unknown topic %q: want one of %s", ref.Slug, list(r.topics, func(t *archive.Topic) string { return t.Slug }))
				continue
			}
			cl.Topics = append(cl.Topics, t)
		}
	}
	if o.SetEntities {
		cl.Entities = nil
		for _, ref := range o.Entities {
			e, ok := r.Entity(ref.Slug)
			if !ok {
				fail(ref.Line, "unknown entity %q: see the ids in %s/", ref.Slug, VocabularyDir)
				continue
			}
			cl.Entities = append(cl.Entities, e)
		}
	}
	return errs
}

func list[T any](all []T, id func(T) string) string {
	s := ""
	for i, x := range all {
		if i > 0 {
			s += ", "
		}
		s += id(x)
	}
	return s
}

// continued reads p as the continuation of lead, its parent's lead-in:
// "The Parties shall" and "exchange information;" are read as one
// sentence, and each commitment that ends in p is p's, its phrase cut to
// p's words ("exchange" of "shall exchange").
//
// A lead-in that ends inside a parenthesis ("Each Party shall, in
// accordance with its law:") is closed by a comma, as the sentence printed
// whole would be: "shall, in accordance with its law, exchange".
func (c *classifier) continued(p *archive.Paragraph, lead string, d *archive.Document) []archive.Commitment {
	var out []archive.Commitment
	for _, sep := range []string{" ", ", "} {
		joined := &archive.Paragraph{Text: lead + sep + p.Text}
		off := int32(len(lead) + len(sep))
		for _, m := range c.commitments(nil, joined, c.sc.scan(joined.Text), d.Named(), d.Issuer.Code) {
			if m.End <= off {
				continue // all in the lead-in: the parent's words
			}
			m.Paragraph, m.Start, m.End = p, max(m.Start-off, 0), m.End-off
			out = append(out, m)
		}
		if len(out) > 0 || !strings.Contains(lead, ",") {
			break
		}
	}
	return out
}
