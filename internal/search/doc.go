// Package search is Accord's full-text search: a Bleve index of every clause
// and preamble paragraph, its analysis (stemming, accent and apostrophe
// folding, British and American spellings, hyphenated words), a small query
// language of its own, and results as archive types with highlighted
// snippets, facets and spelling suggestions.
//
// Bleve types never leave the package: callers build an Index from an
// archive.Archive with Build (in memory) or Open (on disk, reused while the
// content is unchanged) and call Search with a Query.
package search
