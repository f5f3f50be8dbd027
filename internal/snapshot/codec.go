package snapshot

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
)

// The encoding of an archive. Integers are varints, strings a length and
// their bytes. A list is its length plus one, 0 standing for a nil list,
// so that nil and empty lists come back as they were. A pointer to a
// paragraph is its position in its document's paragraphs (allParagraphs:
// the preamble, then each provision's heading and paragraphs in reading
// order) plus one, 0 for nil; a pointer to a commitment type, topic or
// entity is its position in the vocabulary's list plus one. A Document's
// content file is not kept: it is read anyway to check the key, and its
// digest taken again. What Document.Build derives (parents, eIds,
// numbers, paragraphs' indexes, Clauses) is not kept either: the decoder
// builds each document as the loader does.
//
//	archive   each chunk, to the end: its length in bytes, it, its CRC-32C
//	          (4 bytes, little-endian), checked before it is decoded
//	chunk     totals, then each of its documents, newest first
//	totals    documents parties provisions paragraphs commitments topics entities
//	document  slug title kind place language source file date(unix seconds)
//	          paragraphs(in the document) parties issuer number preamble
//	          body attachments conclusions notes remarks
//	party     code name
//	provision element label num line heading(0, or 1 paragraph) paragraphs
//	          classification children
//	paragraph text html line, and a preamble paragraph's classification
//	classification  commitments topics entities override
//	commitment      type actor paragraph start end addressee
//	override        0, or 1 line set(bits) commitments topics entities
//	override commitment  type(code) phrase actor paragraph start end line
//	override ref         slug line

// The documents are written in chunks of about chunkBytes, each of which
// a start decodes on its own, on every core at once: a chunk's values
// point only into its own documents and into the vocabulary. A variable
// for the tests, which make many chunks of a small archive.
var chunkBytes = 1 << 20

// totals counts what a chunk holds, so that the decoder can allocate
// each kind of value once, in one block.
type totals struct {
	docs, parties, provisions, paragraphs, commitments, topics, entities int
}

func count(docs []*archive.Document) totals {
	t := totals{docs: len(docs)}
	unit := func(cl *archive.Classification) {
		t.commitments += len(cl.Commitments)
		t.topics += len(cl.Topics)
		t.entities += len(cl.Entities)
	}
	for _, d := range docs {
		t.parties += len(d.Parties)
		t.paragraphs += len(allParagraphs(d))
		for _, p := range d.Preamble {
			unit(p.Classification)
		}
		d.Walk(func(c *archive.Provision) bool {
			t.provisions++
			unit(&c.Classification)
			return true
		})
	}
	return t
}

// allParagraphs lists every paragraph of d in the order the encoding
// writes them: the preamble, then each provision's heading and paragraphs
// in reading order (Document.Walk).
func allParagraphs(d *archive.Document) []*archive.Paragraph {
	out := append([]*archive.Paragraph(nil), d.Preamble...)
	d.Walk(func(c *archive.Provision) bool {
		if c.Heading != nil {
			out = append(out, c.Heading)
		}
		out = append(out, c.Paragraphs...)
		return true
	})
	return out
}

// encoder writes an archive classified by one set of rules.
type encoder struct {
	buf      []byte
	types    map[*archive.CommitmentType]int
	topics   map[*archive.Topic]int
	entities map[*archive.Entity]int
	paras    map[*archive.Paragraph]int // the current document's
	err      error
}

// encode appends the encoding of a, classified by rules, to buf. It
// refuses what it could not restore exactly: a pointer outside the
// document or the vocabulary, a date that is not a UTC midnight.
func encode(buf []byte, a *archive.Archive, rules *classify.Rules) ([]byte, error) {
	e := &encoder{
		buf:      buf,
		types:    positions(rules.Types()),
		topics:   positions(rules.Topics()),
		entities: positions(rules.Entities()),
	}
	// Each chunk's documents are written apart, then appended after the
	// chunk's length and totals.
	c := &encoder{types: e.types, topics: e.topics, entities: e.entities}
	head := &encoder{}
	docs := a.Documents()
	for len(docs) > 0 {
		c.buf = c.buf[:0]
		n := 0
		for n < len(docs) && (n == 0 || len(c.buf) < chunkBytes) {
			c.document(docs[n])
			n++
		}
		if c.err != nil {
			return nil, c.err
		}
		t := count(docs[:n])
		head.buf = head.buf[:0]
		for _, v := range []int{t.docs, t.parties, t.provisions, t.paragraphs, t.commitments, t.topics, t.entities} {
			head.int(v)
		}
		e.int(len(head.buf) + len(c.buf))
		from := len(e.buf)
		e.buf = append(append(e.buf, head.buf...), c.buf...)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, crc32.Checksum(e.buf[from:], castagnoli))
		docs = docs[n:]
	}
	return e.buf, e.err
}

func positions[T any](list []*T) map[*T]int {
	m := make(map[*T]int, len(list))
	for i, x := range list {
		m[x] = i
	}
	return m
}

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

func (e *encoder) int(n int)    { e.buf = binary.AppendVarint(e.buf, int64(n)) }
func (e *encoder) uint(n int)   { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }
func (e *encoder) str(s string) { e.uint(len(s)); e.buf = append(e.buf, s...) }
func (e *encoder) bool(b bool)  { e.buf = append(e.buf, boolByte(b)) }
func (e *encoder) list(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(n + 1)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// versioning writes what a document says of its language versions; the
// archive groups them again (archive.New).
func (e *encoder) versioning(d *archive.Document) {
	e.str(d.VersionOf)
	e.int(d.VersionOfLine)
	e.list(len(d.Authentic), d.Authentic == nil)
	for _, t := range d.Authentic {
		e.str(t)
	}
	e.int(d.AuthenticLine)
	e.str(d.Prevails)
}

func (e *encoder) document(d *archive.Document) {
	e.str(d.Slug)
	e.str(d.Title)
	e.str(string(d.Kind))
	e.str(d.Place)
	e.str(d.Language)
	e.str(d.Source)
	e.str(d.Archived)
	e.str(d.Retrieved.Format(time.DateOnly))
	e.str(d.File)
	if d.Date.Location() != time.UTC || !d.Date.Equal(d.Date.Truncate(time.Second)) {
		e.fail("%s: date %v is not a UTC time in whole seconds", d.File, d.Date)
	}
	e.int(int(d.Date.Unix()))
	paras := allParagraphs(d)
	e.paras = make(map[*archive.Paragraph]int, len(paras))
	for i, p := range paras {
		e.paras[p] = i
	}
	e.int(len(paras))
	e.list(len(d.Parties), d.Parties == nil)
	for _, p := range d.Parties {
		e.str(p.Code)
		e.str(p.Name)
	}
	e.str(d.Issuer.Code)
	e.str(d.Number)
	e.versioning(d)
	e.bool(d.Unclassified)
	e.str(d.InheritedFrom)
	e.list(len(d.Preamble), d.Preamble == nil)
	for _, p := range d.Preamble {
		if p.Clause != nil {
			e.fail("%s: preamble paragraph %s belongs to a provision", d.File, p.EID())
		}
		e.paragraph(d, p)
		e.classification(d, p.Classification)
	}
	for _, part := range [][]*archive.Provision{d.Body, d.Attachments, d.Conclusions, d.Notes, d.Remarks} {
		e.provisions(d, part, nil)
	}
}

// provisions writes a list of provisions, each with its children.
func (e *encoder) provisions(d *archive.Document, list []*archive.Provision, parent *archive.Provision) {
	e.list(len(list), list == nil)
	for _, c := range list {
		if c.Doc != d || c.Parent != parent {
			e.fail("%s: provision %s belongs to another document or parent: build the document first", d.File, c.EID())
		}
		e.str(string(c.Element))
		e.str(c.Label)
		e.str(c.Num)
		e.int(c.Line)
		e.bool(c.Heading != nil)
		if c.Heading != nil {
			e.paragraph(d, c.Heading)
			e.str(c.HeadingSep)
		}
		e.list(len(c.Paragraphs), c.Paragraphs == nil)
		for _, p := range c.Paragraphs {
			if p.Clause != c {
				e.fail("%s: paragraph %s belongs to another provision", d.File, p.EID())
			}
			e.paragraph(d, p)
		}
		e.classification(d, &c.Classification)
		e.provisions(d, c.Children, c)
	}
}

// paragraph writes a paragraph's text, HTML and line; Build gives it its
// place.
func (e *encoder) paragraph(d *archive.Document, p *archive.Paragraph) {
	if p.Doc != d {
		e.fail("%s: paragraph %s belongs to another document", d.File, p.EID())
	}
	e.str(p.Text)
	// Most paragraphs have no markup or entity: the HTML is the text,
	// kept once.
	e.bool(p.HTML == p.Text)
	if p.HTML != p.Text {
		e.str(p.HTML)
	}
	e.int(p.Line)
}

// para writes a pointer to a paragraph of the current document.
func (e *encoder) para(d *archive.Document, p *archive.Paragraph) {
	if p == nil {
		e.uint(0)
		return
	}
	i, ok := e.paras[p]
	if !ok {
		e.fail("%s: a commitment points to a paragraph of another document", d.File)
	}
	e.uint(i + 1)
}

func (e *encoder) classification(d *archive.Document, cl *archive.Classification) {
	e.list(len(cl.Commitments), cl.Commitments == nil)
	for _, c := range cl.Commitments {
		ref(e, e.types, c.Type, d, "commitment type")
		e.str(c.Actor)
		if c.Paragraph == nil {
			e.fail("%s: a commitment is in no paragraph", d.File)
		}
		e.para(d, c.Paragraph)
		e.int(int(c.Start))
		e.int(int(c.End))
		e.str(c.Addressee)
	}
	e.list(len(cl.Topics), cl.Topics == nil)
	for _, t := range cl.Topics {
		ref(e, e.topics, t, d, "topic")
	}
	e.list(len(cl.Entities), cl.Entities == nil)
	for _, x := range cl.Entities {
		ref(e, e.entities, x, d, "entity")
	}
	o := cl.Override
	e.bool(o != nil)
	if o == nil {
		return
	}
	e.int(o.Line)
	e.buf = append(e.buf, boolByte(o.SetCommitments)|boolByte(o.SetTopics)<<1|boolByte(o.SetEntities)<<2)
	e.list(len(o.Commitments), o.Commitments == nil)
	for _, c := range o.Commitments {
		e.str(c.Type)
		e.str(c.Phrase)
		e.str(c.Actor)
		e.para(d, c.Paragraph)
		e.int(c.Start)
		e.int(c.End)
		e.int(c.Line)
	}
	for _, refs := range [][]archive.OverrideRef{o.Topics, o.Entities} {
		e.list(len(refs), refs == nil)
		for _, r := range refs {
			e.str(r.Slug)
			e.int(r.Line)
		}
	}
}

// ref writes a pointer into one of the vocabulary's lists.
func ref[T any](e *encoder, in map[*T]int, x *T, d *archive.Document, what string) {
	if x == nil {
		e.uint(0)
		return
	}
	i, ok := in[x]
	if !ok {
		e.fail("%s: a %s that is not the vocabulary's", d.File, what)
	}
	e.uint(i + 1)
}
