package archive

import (
	"context"
	"errors"
	"time"
)

// The search contract: what the pages and the API ask of a search engine
// and what it answers, in the archive's own types. It lives here, beside
// the domain, so that the packages that serve people (internal/web,
// internal/api) depend on no search engine; internal/search implements it
// with Bleve, and TestNoEngineInServingPackages keeps it so.

// Searcher runs clause-level searches; *search.Index is one. Search
// returns an error wrapping ErrQueryTooLong for a Query.Text longer than
// MaxQueryLen; ErrTooCostly for a query whose estimated cost is over the
// limit (the error has a Reason() string that says why, in words); and
// ErrTimedOut or ErrBusy when the server's load kept it from answering;
// ErrUnavailable while a damaged index is rebuilt.
type Searcher interface {
	Search(context.Context, Query) (*Results, error)
}

// Vocabulary names the commitment types, topics and entities that
// classify the archive's units; *classify.Rules is one. The lookups report
// false for a code or slug the vocabulary does not define.
type Vocabulary interface {
	Types() []*CommitmentType // strongest first
	Topics() []*Topic
	Entities() []*Entity
	Type(code string) (*CommitmentType, bool)
	Topic(slug string) (*Topic, bool)
	Entity(slug string) (*Entity, bool)
}

// MaxQueryLen is the longest query text, in characters (runes), that a
// Searcher accepts: what the search boxes' maxlength allows, which counts
// UTF-16 units, never more runes than this.
const MaxQueryLen = 512

// ErrQueryTooLong is returned (wrapped) by a Searcher when Query.Text is
// longer than MaxQueryLen. The pages and the API answer it with a 400.
var ErrQueryTooLong = errors.New("query too long")

// ErrTooCostly is wrapped by a Searcher's error when a query would read
// too much of the index to run; the pages and the API answer it with a
// 400 that gives the error's Reason().
var ErrTooCostly = errors.New("query too costly")

// ErrTimedOut is wrapped by a Searcher's error when a search ran out of
// its time; ErrBusy, when it waited too long for its turn. Both are the
// server's load, not the query's fault: a 503 with Retry-After.
var (
	ErrTimedOut = errors.New("search timed out")
	ErrBusy     = errors.New("search busy")
)

// ErrUnavailable is wrapped by a Searcher's error when the index failed
// while being read (its files damaged after it was opened): that search
// is not answered, and the index is rebuilt. A 503 with Retry-After.
var ErrUnavailable = errors.New("the search index is being rebuilt")

// ErrIndexing is wrapped by a Searcher's error while the search index is
// still being built after a start: the pages are served already, and a
// search can be asked again in a moment. A 503 with Retry-After.
var ErrIndexing = errors.New("the search index is being built")

// JointActor is the actor value of a commitment that every party makes,
// as a search filter and a facet value.
const JointActor = "joint"

// UnresolvedActor is the actor of a commitment whose subject the rules
// found but could not resolve to a party: a person by office and a name no
// vocabulary knows ("President Tokayev"). It is never a party's code.
const UnresolvedActor = "unresolved"

// Sort orders results.
type Sort string

const (
	ByRelevance Sort = ""       // best match first (the default)
	ByNewest    Sort = "newest" // newest document first, then clause order
	ByOldest    Sort = "oldest" // oldest document first, then clause order
)

// Query is one search request: the words a person typed plus filters.
// The zero value of each filter means "no filter".
type Query struct {
	Text  string // the query language the README describes: words, "phrases", -excluded, OR, field:value
	Doc   string // document slug
	Party string // ISO 3166-1 alpha-2 code; several, comma-separated, must all be parties
	Year  int
	Kind  string // several, comma-separated: any of them

	// Classification filters: a commitment type code, a party code or
	// JointActor for who commits, a topic slug, an entity slug.
	Commitment string
	Actor      string
	Topic      string
	Entity     string

	// Lang is a language's primary subtag (ru, fr, en): units of the
	// documents in that language.
	Lang string

	Sort    Sort
	Page    int // 1-based; 0 means 1
	PerPage int // 0 means the default (10)
}

// Results is one page of hits with the total and the facets over all hits.
type Results struct {
	Query    Query // as run, with defaults filled in
	Total    int   // hits over all pages
	Took     time.Duration
	Hits     []Hit
	Facets   []Facet // "doc", "party", "year", "kind", "lang", "commitment", "actor", "topic", "entity" (those with terms; "lang" only in an archive of several languages)
	Fallback bool    // the text could not be parsed and was searched as plain words
	Suggest  string  // a corrected query drawn from the index's terms, when there were no hits
	// Partial, when no unit holds every word of the text, lists the words
	// the best of the hits lacks: the hits are then the units holding the
	// most of the words, best first, rather than none.
	Partial []string
}

// Hit is one matching unit: a provision of Document.Searched, or a
// preamble paragraph. Path, ContextPath and Cite link and name it.
type Hit struct {
	Doc       *Document
	Clause    *Clause    // the provision; nil for a preamble paragraph
	Paragraph *Paragraph // the preamble paragraph, or the provision's first
	EID       string     // para_3, art_2__para_1__subpara_a, preamble__p_2
	Snippet   string     // HTML: escaped verbatim text with matches in <mark>
	Score     float64
	Lang      string // the unit's language, its document's BCP 47 tag ("en" when it names none)
}

// Facet counts hits by one field's values.
type Facet struct {
	Field string // "doc", "party", "year", "kind", "lang", "commitment", "actor", "topic", "entity"
	Terms []FacetTerm
	Other int // hits in values not listed
}

// FacetTerm is one value of a facet and its count.
type FacetTerm struct {
	Value string // the filter value: slug, party code, year, kind code
	Count int
}
