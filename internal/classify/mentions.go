package classify

import "github.com/accord-archive/accord/internal/archive"

// PartyMentions finds the parties text names, with the names, aliases and
// adjectives the classification reads commitments' subjects with, so that
// a search box and a clause agree on who "the Estonian side" is. Safe for
// concurrent use: it scans with a scanner of its own.
func (r *Rules) PartyMentions(text string) []archive.Mention {
	sc := scanner{dict: r.dict}
	ws := sc.scan(text)
	var out []archive.Mention
	r.parties.each(ws, func(ph *phrase, start, end int) {
		ref := r.partyOf[ph.target]
		out = append(out, archive.Mention{Code: ref.code, Start: int(ws[start].start), End: int(ws[end-1].end), Adjective: ref.adjective})
	})
	return out
}
