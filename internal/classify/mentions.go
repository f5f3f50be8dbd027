package classify

import (
	"slices"

	"github.com/accord-archive/accord/internal/archive"
)

// PartyMentions finds the parties text names, with the names, aliases and
// adjectives the classification reads commitments' subjects with, so that
// a search box and a clause agree on who "the Estonian side" is. A query
// has no language of its own: it is read with every language's names,
// English first, a later language's mention kept where it overlaps none
// found before ("Эстония" as well as "Estonia"). In order of position.
// Safe for concurrent use: it scans with a scanner of its own.
func (r *Rules) PartyMentions(text string) []archive.Mention {
	sc := scanner{dict: r.dict}
	ws := sc.scan(text)
	var out []archive.Mention
	for _, lang := range r.Languages() {
		found := len(out)
		r.langs[lang].parties.each(ws, func(ph *phrase, start, end int) {
			ref := r.partyOf[ph.target]
			m := archive.Mention{Code: ref.code, Start: int(ws[start].start), End: int(ws[end-1].end), Adjective: ref.adjective}
			if !slices.ContainsFunc(out[:found], func(o archive.Mention) bool { return o.Start < m.End && m.Start < o.End }) {
				out = append(out, m)
			}
		})
	}
	slices.SortStableFunc(out, func(a, b archive.Mention) int { return a.Start - b.Start })
	return out
}
