package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// snippetLen is the longest snippet, in bytes of verbatim text; a unit no
// longer than this is shown whole.
const snippetLen = 320

// snippetLead is how much text to show before the first match in a window.
const snippetLead = 60

// span is a match: byte offsets into a unit's verbatim text.
type span struct{ start, end int }

// snippet is HTML: the part of text with the most matches, escaped, each
// match in <mark>, an ellipsis where text was cut. Matches come from the
// index's term locations, so they mark the words as printed, whatever form
// of them matched ("emphasize" marks "emphasised").
func snippet(text string, matches []span) string {
	matches = mergeSpans(text, matches)
	start, end := window(text, matches)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	at := start
	for _, m := range matches {
		if m.start < start || m.end > end {
			continue
		}
		b.WriteString(html.EscapeString(text[at:m.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[m.start:m.end]))
		b.WriteString("</mark>")
		at = m.end
	}
	b.WriteString(html.EscapeString(text[at:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// mergeSpans drops spans that do not fit text, sorts the rest and merges
// those that overlap or that only a hyphen separates.
func mergeSpans(text string, in []span) []span {
	out := make([]span, 0, len(in))
	for _, s := range in {
		if s.start >= 0 && s.start < s.end && s.end <= len(text) &&
			utf8.RuneStart(text[s.start]) && (s.end == len(text) || utf8.RuneStart(text[s.end])) {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	merged := out[:0]
	for _, s := range out {
		// Overlapping spans are a hyphenated word and its parts; parts a
		// hyphen apart are marked as one word.
		if n := len(merged); n > 0 && (s.start < merged[n-1].end || isHyphen([]byte(text[merged[n-1].end:s.start]))) {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// window picks the byte range of text to show: all of it if short enough,
// else the snippetLen bytes holding the most matches, cut at spaces.
func window(text string, matches []span) (int, int) {
	if len(text) <= snippetLen {
		return 0, len(text)
	}
	start, bestCount := 0, 0
	for i, m := range matches {
		from := max(0, m.start-snippetLead)
		count := 0
		for _, n := range matches[i:] {
			if n.end > from+snippetLen {
				break
			}
			count++
		}
		if count > bestCount {
			bestCount = count
			start = from
			if from > 0 { // begin at a word: after a space before the match, or at it
				if j := strings.IndexAny(text[from:m.start], " \n"); j >= 0 {
					start = from + j + 1
				} else {
					start = m.start
				}
			}
		}
	}
	end := min(len(text), start+snippetLen)
	if end < len(text) {
		if j := strings.LastIndexAny(text[start:end], " \n"); j > 0 {
			end = start + j
		}
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	return start, end
}
