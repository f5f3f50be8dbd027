package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// suggest returns q.Text with each word the index does not know replaced by
// the closest word it does (edit distance 1, or 2 for longer words, over
// the index's own terms, most frequent first), if the corrected query
// finds something; otherwise "".
func (ix *Index) suggest(ctx context.Context, q Query, words []string) (string, error) {
	r, err := ix.reader()
	if err != nil {
		return "", err
	}
	defer r.Close()
	fz, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return "", nil
	}
	text, changed := q.Text, false
	for _, w := range words {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		tokens := ix.analyzer.Analyze([]byte(w))
		if len([]rune(w)) < 4 || len(tokens) != 1 {
			continue // too short to guess at, or a hyphenated word
		}
		term := string(tokens[0].Term)
		known, err := termCount(ctx, r, term, fieldText)
		if err != nil {
			return "", err
		}
		if known > 0 {
			continue
		}
		best, err := closestTerm(fz, term)
		if err != nil || best == "" {
			return "", err
		}
		surface, err := ix.surfaceForm(ctx, r, best)
		if err != nil || surface == "" {
			return "", err
		}
		text, changed = strings.Replace(text, w, surface, 1), true
	}
	if !changed {
		return "", nil
	}
	q.Text = text
	main, _, _ := ix.prepare(q, r, false)
	if main == nil {
		return "", nil
	}
	sr, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(main, 0, 0, false))
	if err != nil || sr.Total == 0 {
		return "", err
	}
	return text, nil
}

func termCount(ctx context.Context, r index.IndexReader, term, field string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("term %q: %w", term, err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// closestTerm is the index term nearest to term: the smallest edit
// distance, then the most documents, then the first in order.
func closestTerm(fz index.IndexReaderFuzzy, term string) (string, error) {
	fuzziness := 1
	if len(term) > 5 {
		fuzziness = 2
	}
	dict, err := fz.FieldDictFuzzy(fieldText, term, fuzziness, "")
	if err != nil {
		return "", fmt.Errorf("fuzzy %q: %w", term, err)
	}
	defer dict.Close()
	var best *index.DictEntry
	for {
		e, err := dict.Next()
		if err != nil {
			return "", fmt.Errorf("fuzzy %q: %w", term, err)
		}
		if e == nil {
			break
		}
		if best == nil || e.EditDistance < best.EditDistance ||
			(e.EditDistance == best.EditDistance && e.Count > best.Count) {
			c := *e
			best = &c
		}
	}
	if best == nil {
		return "", nil
	}
	return best.Term, nil
}

// surfaceForm is a word as printed that the index holds as term, lower
// case and without a possessive 's: "ukraine" for the stem "ukrain". It
// is read from the term's first unit, oldest document first.
func (ix *Index) surfaceForm(ctx context.Context, r index.IndexReader, term string) (string, error) {
	tq := query.NewTermQuery(term)
	tq.SetField(fieldText)
	c, err := ix.collect(ctx, r, tq, ByOldest, 1, 0, false, false, nil)
	if err != nil || len(c.page) == 0 {
		return "", err
	}
	locs, err := ix.locate(ctx, r, tq, c.page)
	if err != nil {
		return "", err
	}
	text := ix.cat.units[c.page[0].ord].text()
	for _, l := range locs[0][term] {
		if l.start < l.end && l.end <= len(text) {
			w := strings.ToLower(text[l.start:l.end])
			for _, suffix := range []string{"'s", "’s"} {
				w = strings.TrimSuffix(w, suffix)
			}
			return w, nil
		}
	}
	return "", nil
}
