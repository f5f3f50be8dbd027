package snapshot

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
)

// errCorrupt is what every malformed snapshot decodes to: the caller
// parses the content instead, whatever the fault.
var errCorrupt = errors.New("malformed archive")

// decoder reads a chunk of an archive written by encode. Its strings are
// slices of src, which the archive then keeps; its values are carved out
// of one block of each kind.
type decoder struct {
	src   string
	pos   int
	base  int    // where src starts in what decode was given, for errors
	crc   uint32 // of src, as written after it
	err   error
	rules *classify.Rules

	docs        []archive.Document
	parties     []archive.Party
	provs       []archive.Provision
	provPtrs    []*archive.Provision
	paras       []archive.Paragraph
	paraPtrs    []*archive.Paragraph
	commitments []archive.Commitment
	topics      []*archive.Topic
	entities    []*archive.Entity

	docParas []archive.Paragraph // the current document's, in reading order
	next     int                 // the next of docParas to decode
}

// decode reads the archive that encode wrote into src, its chunks on
// every core at once. files holds every content file by path: each
// document must have its file there, and every file must have its
// document; read(name) reads a file again.
func decode(src string, rules *classify.Rules, files map[string]*content.File, read func(name string) archive.ContentSource) (*archive.Archive, error) {
	// The chunks, found by their lengths. Each holds a document at least,
	// and its totals: a damaged file (the file's checksum is verified
	// meanwhile) that claims more is refused before anything is made for
	// them; and each chunk's own checksum is verified before it is decoded.
	var chunks []*decoder
	for d := (&decoder{src: src}); d.pos < len(d.src); {
		n := d.size()
		if d.err == nil && (n < minChunk || n > len(d.src)-d.pos-4 || len(chunks) == len(files)) {
			d.fail("more chunks than documents")
		}
		if d.err != nil {
			return nil, d.err
		}
		c := &decoder{src: src[d.pos : d.pos+n], base: d.pos, rules: rules}
		c.crc = binary.LittleEndian.Uint32([]byte(src[d.pos+n : d.pos+n+4]))
		chunks = append(chunks, c)
		d.pos += n + 4
	}
	docs := make([][]*archive.Document, len(chunks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(chunks) {
					return
				}
				docs[i] = chunks[i].chunk()
			}
		})
	}
	wg.Wait()

	all := make([]*archive.Document, 0, len(files))
	for i, c := range chunks {
		if c.err != nil {
			return nil, c.err
		}
		all = append(all, docs[i]...)
	}
	seen := make(map[string]bool, len(all))
	for _, doc := range all {
		f, ok := files[doc.File]
		if !ok || seen[doc.File] {
			return nil, fmt.Errorf("%w: no content file %s, or two documents of it", errCorrupt, doc.File)
		}
		seen[doc.File] = true
		doc.SetContentFile(f.Digest, read(doc.File))
	}
	if len(seen) != len(files) {
		return nil, fmt.Errorf("%w: %d documents for %d content files", errCorrupt, len(seen), len(files))
	}
	return archive.NewWithParties(all, rules.Parties())
}

// minChunk is the fewest bytes a chunk takes: its seven totals and a
// document (decoder.chunk's least).
const minChunk = 7 + 14

// chunk decodes the chunk d holds and checks its commitments' spans; it
// returns nil, with d.err set, for a chunk that is malformed. The checksum
// is verified beside the decoding, so the chunk may be damaged: a panic
// the checks missed is that error too, not the end of the process.
func (d *decoder) chunk() (docs []*archive.Document) {
	defer func() {
		if v := recover(); v != nil {
			docs, d.err = nil, fmt.Errorf("%w: %v", errCorrupt, v)
		}
	}()
	if crc32.Update(0, castagnoli, unsafe.Slice(unsafe.StringData(d.src), len(d.src))) != d.crc {
		d.fail("checksum mismatch")
		return nil
	}
	var t totals
	for _, n := range []*int{&t.docs, &t.parties, &t.provisions, &t.paragraphs, &t.commitments, &t.topics, &t.entities} {
		*n = d.size()
	}
	// Each value takes a few bytes at least: a chunk that claims more than
	// it can hold is not believed, nor allocated for.
	if least := 14*t.docs + 2*t.parties + 12*t.provisions + 3*t.paragraphs + 6*t.commitments + t.topics + t.entities; d.err == nil && least > len(d.src) {
		d.fail("totals larger than the chunk")
	}
	if d.err != nil {
		return nil
	}
	d.docs = make([]archive.Document, t.docs)
	d.parties = make([]archive.Party, t.parties)
	d.provs = make([]archive.Provision, t.provisions)
	d.provPtrs = make([]*archive.Provision, t.provisions)
	d.paras = make([]archive.Paragraph, t.paragraphs)
	d.paraPtrs = make([]*archive.Paragraph, t.paragraphs)
	d.commitments = make([]archive.Commitment, t.commitments)
	d.topics = make([]*archive.Topic, t.topics)
	d.entities = make([]*archive.Entity, t.entities)

	docs = make([]*archive.Document, t.docs)
	for i := range docs {
		doc := &d.docs[i]
		d.document(doc)
		if d.err != nil {
			return nil
		}
		docs[i] = doc
	}
	if d.pos != len(d.src) || len(d.parties)+len(d.provs)+len(d.provPtrs)+len(d.paras)+len(d.commitments)+len(d.topics)+len(d.entities) > 0 {
		d.fail("the totals do not match the documents")
		return nil
	}
	for _, doc := range docs {
		if err := checkSpans(doc); err != nil {
			d.err = err
			return nil
		}
	}
	return docs
}

// party is the party of the rules' vocabulary with code, as the content
// loader made it; the vocabulary is part of the snapshot's key.
func (d *decoder) party(code, name string) archive.Party {
	p, err := d.rules.Parties().LookupParty(code)
	if err != nil || (name != "" && p.Name != name) {
		d.fail("party " + code + " is not the vocabulary's")
	}
	return p
}

// checkSpans holds every commitment of doc to what the parser makes: its
// phrase is in its paragraph's text from Start to End, which pages and
// Phrase slice; an editor's commitment's phrase is that text.
func checkSpans(doc *archive.Document) error {
	check := func(p *archive.Paragraph, phrase string, start, end int) error {
		if p == nil {
			return nil
		}
		if start < 0 || start > end || end > len(p.Text) || p.Text[start:end] != phrase {
			return fmt.Errorf("%w: %s: commitment %q at %d-%d is not in paragraph %s", errCorrupt, doc.File, phrase, start, end, p.EID())
		}
		return nil
	}
	units := make([]*archive.Classification, 0, len(doc.Preamble)+len(doc.Clauses))
	for _, p := range doc.Preamble {
		units = append(units, p.Classification)
	}
	for _, c := range doc.Clauses {
		units = append(units, &c.Classification)
	}
	doc.Walk(func(c *archive.Provision) bool { // the provisions without text of their own too
		if len(c.Paragraphs) == 0 {
			units = append(units, &c.Classification)
		}
		return true
	})
	for _, cl := range units {
		for _, m := range cl.Commitments {
			p, start, end := m.Paragraph, int(m.Start), int(m.End)
			if p == nil || start < 0 || start > end || end > len(p.Text) {
				return fmt.Errorf("%w: %s: a commitment at %d-%d is not in a paragraph's text", errCorrupt, doc.File, start, end)
			}
		}
		if cl.Override != nil {
			for _, m := range cl.Override.Commitments {
				if err := check(m.Paragraph, m.Phrase, m.Start, m.End); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", errCorrupt, what, d.base+d.pos)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.pos >= len(d.src) {
			break
		}
		b := d.src[d.pos]
		d.pos++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	d.fail("bad number")
	return 0
}

func (d *decoder) int() int {
	u := d.uvarint()
	x := int64(u >> 1) // zig-zag, as binary.AppendVarint writes it
	if u&1 != 0 {
		x = ^x
	}
	return int(x)
}

// int32 reads an int that must fit in 32 bits, as offsets in a text do.
func (d *decoder) int32() int32 {
	n := d.int()
	if n != int(int32(n)) {
		d.fail("number out of range")
		return 0
	}
	return int32(n)
}

// size reads a count, which cannot exceed the bytes left: every value
// takes at least one.
func (d *decoder) size() int {
	n := d.int()
	if n < 0 || n > len(d.src)-d.pos {
		d.fail("bad count")
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.src)-d.pos) {
		d.fail("bad string length")
		return ""
	}
	s := d.src[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s
}

// heapStr reads a string into memory of its own: a document's, which
// loops over the whole archive read, while the other strings stay slices of
// a snapshot whose pages the kernel may drop (ReleasePages).
func (d *decoder) heapStr() string { return strings.Clone(d.str()) }

func (d *decoder) byte() byte {
	if d.err != nil || d.pos >= len(d.src) {
		d.fail("unexpected end")
		return 0
	}
	b := d.src[d.pos]
	d.pos++
	return b
}

// list reads a list's length; isNil reports a nil list.
func (d *decoder) list() (n int, isNil bool) {
	v := d.uvarint()
	if v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(d.src)-d.pos) {
		d.fail("bad list length")
		return 0, true
	}
	return int(v - 1), false
}

// carve takes the next n values of a block, the slice capped so that an
// append to it cannot reach its neighbour's.
func carve[T any](d *decoder, block *[]T, n int, isNil bool) []T {
	if isNil || d.err != nil {
		return nil
	}
	if n > len(*block) {
		d.fail("more values than the totals")
		return nil
	}
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

// vocabulary reads a pointer into one of the vocabulary's lists.
func vocabulary[T any](d *decoder, list []*T) *T {
	i := d.uvarint()
	if i == 0 {
		return nil
	}
	if i > uint64(len(list)) {
		d.fail("not in the vocabulary")
		return nil
	}
	return list[i-1]
}

// para reads a pointer to a paragraph of the current document, which may
// not be decoded yet: its place in the block is known.
func (d *decoder) para() *archive.Paragraph {
	i := d.uvarint()
	if i == 0 {
		return nil
	}
	if i > uint64(len(d.docParas)) {
		d.fail("not a paragraph of the document")
		return nil
	}
	return &d.docParas[i-1]
}

func (d *decoder) versioning(doc *archive.Document) {
	doc.VersionOf = d.heapStr()
	doc.VersionOfLine = d.int()
	if n, isNil := d.list(); !isNil {
		doc.Authentic = make([]string, n)
		for i := range doc.Authentic {
			doc.Authentic[i] = d.heapStr()
		}
	}
	doc.AuthenticLine = d.int()
	doc.Prevails = d.heapStr()
}

func (d *decoder) document(doc *archive.Document) {
	doc.Slug = d.heapStr()
	doc.Title = d.heapStr()
	doc.Kind = archive.Kind(d.heapStr())
	doc.Place = d.heapStr()
	doc.Language = d.heapStr()
	doc.Source = d.heapStr()
	doc.Archived = d.heapStr()
	// Zero when the document has no retrieved date: "0001-01-01".
	doc.Retrieved, _ = time.Parse(time.DateOnly, d.str())
	doc.File = d.heapStr()
	doc.Date = time.Unix(int64(d.int()), 0).UTC()
	d.docParas = carve(d, &d.paras, d.size(), false)
	d.next = 0

	n, isNil := d.list()
	doc.Parties = carve(d, &d.parties, n, isNil)
	for i := range doc.Parties {
		doc.Parties[i] = d.party(d.str(), d.str())
	}
	if issuer := d.str(); issuer != "" {
		doc.Issuer = d.party(issuer, "")
	}
	doc.Number = d.heapStr()
	d.versioning(doc)
	doc.Unclassified = d.byte() != 0
	doc.InheritedFrom = d.heapStr()
	n, isNil = d.list()
	doc.Preamble = carve(d, &d.paraPtrs, n, isNil)
	for i := range doc.Preamble {
		p := d.paragraph()
		if p == nil {
			return
		}
		p.Classification = new(archive.Classification)
		d.classification(p.Classification)
		doc.Preamble[i] = p
	}
	doc.Body = d.provisions(0)
	doc.Attachments = d.provisions(0)
	doc.Conclusions = d.provisions(0)
	doc.Notes = d.provisions(0)
	doc.Remarks = d.provisions(0)
	if d.err != nil {
		return
	}
	if d.next != len(d.docParas) {
		d.fail("fewer paragraphs than the document has")
		return
	}
	// Parents, eIds, numbers, paragraphs' places and Clauses, as the
	// loader derives them.
	doc.Build()
}

// maxDepth bounds the nesting of provisions a snapshot may claim: deeper
// than any text is printed, and a damaged file must not exhaust the stack.
const maxDepth = 64

// provisions reads a list of provisions, each with its children, at
// depth.
func (d *decoder) provisions(depth int) []*archive.Provision {
	if depth > maxDepth {
		d.fail("provisions nested too deep")
		return nil
	}
	n, isNil := d.list()
	list := carve(d, &d.provPtrs, n, isNil)
	for i := range list {
		if d.err != nil || len(d.provs) == 0 {
			d.fail("more provisions than the totals")
			return nil
		}
		c := &d.provs[0]
		d.provs = d.provs[1:]
		list[i] = c
		var ok bool
		if c.Element, ok = archive.ElementNamed(d.str()); !ok {
			d.fail("not an element")
		}
		c.Label = d.str()
		c.Num = d.str()
		c.Line = d.int()
		switch d.byte() {
		case 0:
		case 1:
			c.Heading = d.paragraph()
			c.HeadingSep = d.str()
		default:
			d.fail("bad heading")
		}
		n, isNil := d.list()
		c.Paragraphs = carve(d, &d.paraPtrs, n, isNil)
		for j := range c.Paragraphs {
			c.Paragraphs[j] = d.paragraph()
		}
		d.classification(&c.Classification)
		c.Children = d.provisions(depth + 1)
	}
	return list
}

// paragraph reads the next paragraph of the current document, or nil
// after a fault.
func (d *decoder) paragraph() *archive.Paragraph {
	if d.err != nil {
		return nil
	}
	if d.next >= len(d.docParas) {
		d.fail("more paragraphs than the document has")
		return nil
	}
	p := &d.docParas[d.next]
	d.next++
	p.Text = d.str()
	switch d.byte() {
	case 1: // the HTML is the text
		p.HTML = p.Text
	case 0:
		p.HTML = d.str()
	default:
		d.fail("bad paragraph")
	}
	p.Line = d.int()
	return p
}

func (d *decoder) classification(cl *archive.Classification) {
	n, isNil := d.list()
	cl.Commitments = carve(d, &d.commitments, n, isNil)
	for i := range cl.Commitments {
		c := &cl.Commitments[i]
		c.Type = vocabulary(d, d.rules.Types())
		c.Actor = d.str()
		c.Paragraph = d.para()
		c.Start = d.int32()
		c.End = d.int32()
		c.Addressee = d.str()
	}
	n, isNil = d.list()
	cl.Topics = carve(d, &d.topics, n, isNil)
	for i := range cl.Topics {
		cl.Topics[i] = vocabulary(d, d.rules.Topics())
	}
	n, isNil = d.list()
	cl.Entities = carve(d, &d.entities, n, isNil)
	for i := range cl.Entities {
		cl.Entities[i] = vocabulary(d, d.rules.Entities())
	}
	if d.byte() == 0 || d.err != nil {
		return
	}
	o := &archive.Override{Line: d.int()}
	set := d.byte()
	o.SetCommitments, o.SetTopics, o.SetEntities = set&1 != 0, set&2 != 0, set&4 != 0
	if n, isNil := d.list(); !isNil && d.err == nil {
		o.Commitments = make([]archive.OverrideCommitment, n)
	}
	for i := range o.Commitments {
		c := &o.Commitments[i]
		c.Type = d.str()
		c.Phrase = d.str()
		c.Actor = d.str()
		c.Paragraph = d.para()
		c.Start = d.int()
		c.End = d.int()
		c.Line = d.int()
	}
	o.Topics = d.refs()
	o.Entities = d.refs()
	cl.Override = o
}

func (d *decoder) refs() []archive.OverrideRef {
	n, isNil := d.list()
	if isNil || d.err != nil {
		return nil
	}
	refs := make([]archive.OverrideRef, n)
	for i := range refs {
		refs[i] = archive.OverrideRef{Slug: d.str(), Line: d.int()}
	}
	return refs
}
