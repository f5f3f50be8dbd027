// Package classify reads what each clause and preamble paragraph commits
// to, by whom, on what topics and naming which entities. The vocabularies
// are content (vocabulary/*.yaml, edited like documents and checked with
// file:line errors); the rules that read the text with them are here.
//
// Use:
//
//	rules, err := classify.Load(fsys) // the content tree
//	err = rules.Apply(archive)        // sets every unit's Classification
//
// or classify.LoadArchive(fsys) for both, with every error of both.
package classify
