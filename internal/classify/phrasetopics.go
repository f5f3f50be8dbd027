package classify

import (
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// PhraseTopics are the topics of the sentence of text that holds the bytes
// [start, end), a commitment's phrase: what the commitment is about, where
// a unit's topics are what any of its sentences touch. In "The Parties
// agreed to expand cooperation in trade and investment. They reaffirmed
// commitment to … transport", the agreement is about trade, not
// transport. A sentence ends at a full stop, a question or exclamation
// mark (not at an abbreviation's stop); semicolons and colons do not end
// it. The terms are those of the text's language lang; a language the
// rules do not read has none. Safe for concurrent use.
func (r *Rules) PhraseTopics(lang, text string, start, end int) []*archive.Topic {
	lx, ok := r.langs[archive.LanguageBase(lang)]
	if !ok {
		return nil
	}
	sc := scanner{dict: r.dict}
	ws := sc.scan(text)
	from, to := 0, len(ws)
	for i := 1; i < len(ws); i++ {
		if ws[i].flags&sentenceStart == 0 || !strings.ContainsAny(text[ws[i-1].end:ws[i].start], ".!?") {
			continue
		}
		if int(ws[i].start) <= start {
			from = i
		} else if int(ws[i].start) >= end {
			to = i
			break
		}
	}
	var topics []int32
	lx.terms.each(ws[from:to], func(ph *phrase, _, _ int) { topics = append(topics, ph.target) })
	return pick(r.topics, topics)
}
