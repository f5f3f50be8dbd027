package search

import "github.com/accord-archive/accord/internal/archive"

// The search contract is the archive's (internal/archive/search.go), so
// that the packages serving it need no Bleve; these are its names here.

// MaxQueryLen is the longest query text, in characters (runes), that Search accepts.
const MaxQueryLen = archive.MaxQueryLen

// ErrQueryTooLong is returned (wrapped) by Search when Query.Text is longer
// than MaxQueryLen.
var ErrQueryTooLong = archive.ErrQueryTooLong

type (
	Sort      = archive.Sort
	Query     = archive.Query
	Results   = archive.Results
	Hit       = archive.Hit
	Facet     = archive.Facet
	FacetTerm = archive.FacetTerm
)

const (
	ByRelevance = archive.ByRelevance
	ByNewest    = archive.ByNewest
	ByOldest    = archive.ByOldest
)
