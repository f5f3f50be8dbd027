package web

import (
	"sync"

	"github.com/accord-archive/accord/internal/archive"
)

// phraseTopicFinder finds the topics of the sentence that holds a
// commitment's phrase; *classify.Rules is one.
type phraseTopicFinder interface {
	PhraseTopics(lang, text string, start, end int) []*archive.Topic
}

type phraseKey struct {
	p     *archive.Paragraph
	start int32
}

// phraseTopicsCache holds every commitment's sentence topics, found once
// per Server on the first /commitments request: a page filtered by topic
// reads them all, and scanning each sentence again per request would cost
// as much as the page.
type phraseTopicsCache struct {
	once sync.Once
	m    map[phraseKey][]*archive.Topic
}

// phraseTopics is m's topics: the sentence's that holds its phrase, or the
// unit's when the vocabulary cannot say, or the editor set the unit's
// topics by hand (an override is the editor's word for the whole unit).
func (s *Server) phraseTopics(m archive.Commitment, cl *archive.Classification) []*archive.Topic {
	f, ok := s.cfg.Vocabulary.(phraseTopicFinder)
	if !ok || m.Paragraph == nil || cl.Override != nil && cl.Override.SetTopics {
		return cl.Topics
	}
	c := &s.sentenceTopics
	c.once.Do(func() {
		c.m = map[phraseKey][]*archive.Topic{}
		eachUnitOf(s.cfg.Archive.Documents(), func(d *archive.Document, _ *archive.Clause, _ *archive.Paragraph, cl *archive.Classification) {
			for _, x := range cl.Commitments {
				if x.Paragraph != nil {
					c.m[phraseKey{x.Paragraph, x.Start}] = f.PhraseTopics(d.Language, x.Paragraph.Text, int(x.Start), int(x.End))
				}
			}
		})
	})
	if t, ok := c.m[phraseKey{m.Paragraph, m.Start}]; ok {
		return t
	}
	return cl.Topics // not a commitment of the archive's: the unit's
}
