package search

import (
	"slices"
	"sort"
)

// Nearness: among the hits of a page, those where the query's words
// stand close together rank above those where they are scattered. It is
// read off the term locations the snippets need anyway, so it costs
// nothing more to search; it reorders within a page, not across pages.

// nearWeight is the most a unit's score grows when its words stand side
// by side; it shrinks as the words spread (see nearness).
const nearWeight = 0.3

// nearFirst raises the score of each hit by the nearness of the query's
// words in it and sorts the page again by score; ties keep their order.
// words holds each word's analysed terms, or wordsOf, when not nil, for
// the hit's language; locs, each hit's term locations.
func nearFirst(page []ranked, locs []map[string][]span, words [][]string, wordsOf func(ranked) [][]string) {
	if len(page) < 2 || wordsOf == nil && len(words) < 2 {
		return
	}
	var order []int
	for i := range page {
		if wordsOf != nil {
			words = wordsOf(page[i])
		}
		if len(words) >= 2 {
			if order == nil {
				order = make([]int, len(page))
			}
			page[i].score *= 1 + nearWeight*nearness(locs[i], words)
		}
	}
	if order == nil {
		return // a word or none in every hit: nothing to reorder
	}
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return page[order[a]].score > page[order[b]].score })
	sortedPage := make([]ranked, len(page))
	sortedLocs := make([]map[string][]span, len(page))
	for i, o := range order {
		sortedPage[i], sortedLocs[i] = page[o], locs[o]
	}
	copy(page, sortedPage)
	copy(locs, sortedLocs)
}

// nearness is 1 when the words stand side by side in the text, falling
// towards 0 as the gap between them grows: 1/(1 + gap/slack) for the
// shortest stretch of text holding each word the text holds at least
// twice over (words only in the context count for nothing).
func nearness(locs map[string][]span, words [][]string) float64 {
	type at struct{ start, end, word int }
	var all []at
	present := 0
	for w, terms := range words {
		n := len(all)
		for _, t := range terms {
			for _, s := range locs[t] {
				all = append(all, at{s.start, s.end, w})
			}
		}
		if len(all) > n {
			present++
		}
	}
	if present < 2 {
		return 0
	}
	slices.SortFunc(all, func(a, b at) int { return a.start - b.start })
	// The shortest window holding every present word: two pointers.
	count := map[int]int{}
	best := -1
	for lo, hi := 0, 0; hi < len(all); hi++ {
		count[all[hi].word]++
		for len(count) == present {
			if width := all[hi].end - all[lo].start; best < 0 || width < best {
				best = width
			}
			if count[all[lo].word]--; count[all[lo].word] == 0 {
				delete(count, all[lo].word)
			}
			lo++
		}
	}
	// The gap is the window less the words themselves, roughly.
	gap := best - present*avgWordBytes
	if gap < 0 {
		gap = 0
	}
	return 1 / (1 + float64(gap)/nearSlack)
}

// Lengths in bytes for nearness: a word's, and the gap that halves it.
const (
	avgWordBytes = 7
	nearSlack    = 12
)
