// Package archive is Accord's domain: documents, their preamble and numbered
// clauses, and the lookups over a loaded collection of them. It imports
// nothing of storage, search or the web.
package archive

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Document is one diplomatic text, kept verbatim and split into its
// preamble paragraphs and numbered clauses.
type Document struct {
	Slug     string    // permanent identifier, the content file's base name
	Title    string    // editorial title
	Kind     Kind      // joint-statement, declaration, …
	Date     time.Time // date of issue (UTC midnight)
	Place    string    // where it was issued, if known
	Parties  []Party   // in the order the front matter lists them; may be empty when there is an issuer
	Issuer   Party     // the organ, organisation or group that issued it, or the zero Party
	Number   string    // the work's number or name when it needs one ("1820"), or ""
	Language string    // BCP 47 language tag of the text, e.g. "en"
	Source   string    // URL of the published original, if known
	// Provenance: the day the text was copied from Source, and an
	// archived copy of the original (a web archive's address), if any.
	Retrieved time.Time
	Archived  string

	Versioning // the work's other language versions (versions.go)

	// The text, as a tree of provisions in the parts of an Akoma Ntoso
	// document (provision.go). Preamble and Clauses are the views most
	// code reads: the recitals, and every provision that holds text of
	// its own (the units that are searched and classified), in reading
	// order.
	Preamble    []*Paragraph // recitals: paragraphs before the operative text
	Body        []*Provision // the operative text's top-level provisions
	Attachments []*Provision // annexes, protocols, final acts (Element Attachment)
	Conclusions []*Provision // datelines, formulas, signatures after the text
	Notes       []*Provision // footnotes, linked from their markers (Element Note)
	Remarks     []*Provision // publishers' marks and framing: kept, shown apart, not text
	Clauses     []*Clause    // every body and attachment provision with text, in reading order

	// Unclassified is set by the classifier when no vocabulary reads the
	// document's language: its units hold no commitments because nothing
	// read them, not because they make none (an editor's override still
	// applies). InheritedFrom is then the slug of the version in another
	// language whose topics and names its provisions took, aligned by
	// eId, or "".
	Unclassified  bool
	InheritedFrom string

	File   string            // content file path, for messages
	Digest [sha256.Size]byte // SHA-256 of the content file as parsed

	// The content file is not kept: it is as large as the text, and only
	// its own download needs it. ContentFile reads it again.
	from ContentSource
	kept []byte // when there is no file to read again

	backing any // see SetBacking
}

// A ContentSource reads a document's content file again.
type ContentSource interface {
	ReadContent() ([]byte, error)
}

// ErrSourceChanged is ContentFile's error when the content file no longer holds
// what was parsed: it changed after the archive was loaded.
var ErrSourceChanged = errors.New("the content file has changed since the archive was loaded")

// SetContentFile records the SHA-256 of the content file the document was
// parsed from and where to read the file again.
func (d *Document) SetContentFile(digest [sha256.Size]byte, from ContentSource) {
	d.Digest, d.from, d.kept = digest, from, nil
}

// KeepContentFile keeps src, the content file of a document made in
// memory, which has no file to read again.
func (d *Document) KeepContentFile(src []byte) {
	d.Digest, d.from, d.kept = sha256.Sum256(src), nil, src
}

// SetBacking keeps b reachable for as long as the document is. b is what
// the document's strings are slices of when that is memory the collector
// does not manage, such as a snapshot file mapped into memory, which is
// released once b is garbage: every provision and paragraph points to its
// document, so a value that holds any of them keeps b.
func (d *Document) SetBacking(b any) { d.backing = b }

// Backing is what SetBacking set, or nil.
func (d *Document) Backing() any { return d.backing }

// ContentFile returns the content file the document was parsed from, byte
// for byte, or an error wrapping ErrSourceChanged if the file now holds
// something else.
func (d *Document) ContentFile() ([]byte, error) {
	if d.from == nil {
		return d.kept, nil
	}
	b, err := d.from.ReadContent()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	if sha256.Sum256(b) != d.Digest {
		return nil, fmt.Errorf("%s: %w", d.File, ErrSourceChanged)
	}
	return b, nil
}

// Paragraph is one paragraph of verbatim text: a preamble paragraph, one
// paragraph of a provision, or a provision's heading.
type Paragraph struct {
	Doc    *Document
	Clause *Clause // the provision it belongs to; nil for a preamble paragraph
	Index  int     // 1-based position within the preamble or the provision; 0 for a heading
	Text   string  // verbatim plain text
	HTML   string  // rendered inline HTML (no enclosing <p>)
	Line   int     // line in the content file where it starts

	// Classification of a preamble paragraph, never nil there once the
	// document is in an Archive (New sees to it); nil for a
	// clause's paragraph, whose classification is the Clause's. Behind a
	// pointer because most paragraphs are clauses': 72 bytes fewer each.
	Classification *Classification
}

// EID is the paragraph's Akoma Ntoso eId: preamble__p_1, para_3,
// para_2__p_2, art_4__para_1. The first paragraph of a provision carries
// the provision's own eId, so that #para_3 starts clause 3; a later one
// adds __p_N.
func (p *Paragraph) EID() string {
	if p.Clause == nil {
		return PreambleEID(p.Index)
	}
	if p.Index <= 1 { // a provision's first paragraph, or its heading (0)
		return p.Clause.EID()
	}
	return p.Clause.EID() + "__p_" + strconv.Itoa(p.Index)
}

// ClauseEID is the eId of clause n: "para_n".
func ClauseEID(n int) string { return "para_" + strconv.Itoa(n) }

// ClauseParagraphEID is the eId of paragraph p of clause n. The first
// paragraph carries the clause's own eId, so that #para_3 starts clause 3.
func ClauseParagraphEID(n, p int) string {
	if p == 1 {
		return ClauseEID(n)
	}
	return "para_" + strconv.Itoa(n) + "__p_" + strconv.Itoa(p)
}

// PreambleEID is the eId of preamble paragraph p: "preamble__p_p".
func PreambleEID(p int) string { return "preamble__p_" + strconv.Itoa(p) }

// Clause returns the provision numbered n at the top of the body (see
// Provision.Number), or false if the document has no such clause.
func (d *Document) Clause(n int) (*Clause, bool) {
	if n < 1 {
		return nil, false
	}
	// Most documents number their clauses 1…len: try that place first.
	if n <= len(d.Clauses) && d.Clauses[n-1].Number == n {
		return d.Clauses[n-1], true
	}
	for _, c := range d.Clauses {
		if c.Number == n {
			return c, true
		}
	}
	return nil, false
}

// Paragraphs returns every paragraph of the document in reading order:
// the preamble, then each clause's paragraphs.
func (d *Document) Paragraphs() []*Paragraph {
	out := make([]*Paragraph, 0, len(d.Preamble)+2*len(d.Clauses))
	out = append(out, d.Preamble...)
	for _, c := range d.Clauses {
		out = append(out, c.Paragraphs...)
	}
	return out
}

// Year is the year of issue.
func (d *Document) Year() int { return d.Date.Year() }

// HasParty reports whether code is one of the document's parties.
func (d *Document) HasParty(code string) bool {
	for _, p := range d.Parties {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Names reports whether the document names code as a party or as its
// issuer: what a party filter matches. A group's members are not named
// by the group's name.
func (d *Document) Names(code string) bool {
	return d.HasParty(code) || (d.Issuer.Code != "" && d.Issuer.Code == code)
}

// Named lists the parties and then the issuer, each once.
func (d *Document) Named() []Party {
	if d.Issuer.Code == "" || d.HasParty(d.Issuer.Code) {
		return d.Parties
	}
	return append(d.Parties[:len(d.Parties):len(d.Parties)], d.Issuer)
}

// Archive is an immutable, loaded collection of documents.
type Archive struct {
	docs    []*Document // newest first, then by slug
	bySlug  map[string]*Document
	parties *Parties // the party vocabulary, or nil

	// stats are counted once: /readyz and the front pages ask for them,
	// and counting reads every document.
	statsOnce sync.Once
	stats     Stats
}

// NewWithParties is New with the party vocabulary the documents were
// read with, which LookupParty answers from.
func NewWithParties(docs []*Document, parties *Parties) (*Archive, error) {
	a, err := New(docs)
	if err != nil {
		return nil, err
	}
	a.parties = parties
	return a, nil
}

// Parties is the party vocabulary, or nil if the archive was made without one.
func (a *Archive) Parties() *Parties { return a.parties }

// LookupParty returns the party with the given code: from the party
// vocabulary, or, for an archive made without one, from its documents.
func (a *Archive) LookupParty(code string) (Party, error) {
	if a.parties != nil {
		return a.parties.LookupParty(code)
	}
	for _, d := range a.docs {
		for _, p := range d.Named() {
			if p.Code == code {
				return p, nil
			}
		}
	}
	return Party{}, fmt.Errorf("unknown party %q: no document names it", code)
}

// New builds an archive, giving each preamble paragraph a Classification
// to fill. It returns an error if two documents share a slug; the content
// loader reports that case with file names before it gets here.
func New(docs []*Document) (*Archive, error) {
	a := &Archive{bySlug: make(map[string]*Document, len(docs))}
	for _, d := range docs {
		if prev, ok := a.bySlug[d.Slug]; ok {
			return nil, fmt.Errorf("slug %q is used by both %s and %s", d.Slug, prev.File, d.File)
		}
		a.bySlug[d.Slug] = d
		for _, p := range d.Preamble {
			if p.Classification == nil {
				p.Classification = new(Classification)
			}
		}
	}
	if problems := GroupVersions(docs); len(problems) > 0 {
		return nil, problems[0]
	}
	a.docs = append([]*Document(nil), docs...)
	sort.SliceStable(a.docs, func(i, j int) bool {
		di, dj := a.docs[i], a.docs[j]
		if !di.Date.Equal(dj.Date) {
			return di.Date.After(dj.Date)
		}
		return di.Slug < dj.Slug
	})
	return a, nil
}

// Document returns the document with the given slug, or false.
func (a *Archive) Document(slug string) (*Document, bool) {
	d, ok := a.bySlug[slug]
	return d, ok
}

// Documents returns every document, newest first. The slice is shared; do
// not modify it.
func (a *Archive) Documents() []*Document { return a.docs }

// Stats counts what the archive holds.
type Stats struct {
	Documents, Clauses, PreambleParagraphs, Paragraphs int
	Parties                                            []Party // distinct, by name
	Years                                              []int   // distinct, newest first
	Kinds                                              []Kind  // distinct, by code
}

// Stats counts the archive's documents, clauses, paragraphs, parties and
// years; the lists are the caller's.
func (a *Archive) Stats() Stats {
	a.statsOnce.Do(func() { a.stats = a.count() })
	s := a.stats
	s.Parties, s.Years, s.Kinds = slices.Clone(s.Parties), slices.Clone(s.Years), slices.Clone(s.Kinds)
	return s
}

func (a *Archive) count() Stats {
	s := Stats{Documents: len(a.docs)}
	parties := map[string]Party{}
	years := map[int]bool{}
	kinds := map[Kind]bool{}
	for _, d := range a.docs {
		s.Clauses += len(d.Clauses)
		s.PreambleParagraphs += len(d.Preamble)
		s.Paragraphs += len(d.Paragraphs())
		for _, p := range d.Named() {
			parties[p.Code] = p
		}
		years[d.Year()] = true
		kinds[d.Kind] = true
	}
	for _, p := range parties {
		s.Parties = append(s.Parties, p)
	}
	sort.Slice(s.Parties, func(i, j int) bool { return s.Parties[i].Name < s.Parties[j].Name })
	for y := range years {
		s.Years = append(s.Years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(s.Years)))
	for k := range kinds {
		s.Kinds = append(s.Kinds, k)
	}
	sort.Slice(s.Kinds, func(i, j int) bool { return s.Kinds[i] < s.Kinds[j] })
	return s
}
