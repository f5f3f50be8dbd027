package classify

import (
	"slices"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// A commitment is a verb phrase from the vocabulary whose subject is the
// parties, or one of them. Diplomatic drafting keeps to a few shapes, and
// these are what the rules read:
//
//	The Presidents [also] welcomed …            subject, then the verb
//	… welcomed X and agreed to consider Y       a verb joined by "and" shares the subject
//	Estonia welcomed …; the Estonian side …     one named party
//	Reaffirming …, both Presidents underscored  an opening participle: the subject that follows
//	…, emphasising the importance of …          a participle after a comma: the subject before
//
// A verb with no party as subject commits no one ("This Summit will
// serve", "as highlighted in the Declaration") and is not a commitment.

// subject is who a verb's subject names: every party, or one.
type subject struct {
	all   bool
	code  string
	codes []string // parties named together, "Japan and the ROK", when not all of them
}

// candidate is a vocabulary verb phrase found in a paragraph.
type candidate struct {
	typ        int32
	start, end int // word indices
	sentence   int // index of the sentence's first word
	participle bool
	present    bool // "reaffirm", "Decides": its subject right before it, or the issuer
	modal      bool // "will", "shall" and the verb after them
	opening    bool // a participle that opens its sentence
	resolved   bool
	rejected   bool
	who        subject
}

// partySpan is a phrase naming a party: "Estonia", "Republic of Kazakhstan", "Estonian".
type partySpan struct {
	start, end int
	ref        partyRef
}

// classifier holds the buffers of one run of the rules over many units.
type classifier struct {
	r      *Rules
	lx     *lexicon // the language of the document being read
	sc     scanner
	spans  []partySpan
	endsAt []int32 // word index → index in spans of the party phrase ending there, or -1
	cands  []candidate

	// What a paragraph's look-backs found, so that each word is looked
	// at once however many verbs share its sentence: without them, a
	// long sentence of many verbs costs the square of its length.
	searched []int32   // word index → what a search from it found, 0 if not yet searched
	partyOf  []int32   // span index → what party found for it, 0 if not yet
	found    []subject // the named parties searched and partyOf point to
	path     []int32   // the words one search stepped on
	good     int       // the last resolved commitment, for previous; -1 if none
	looks    int       // words looked at by look-backs, for the test that keeps them linear
	issuer   string    // the issuing organ of the document being read, or ""
	actors   []string  // the actors of one candidate
}

// The values of searched and partyOf: no subject, every party, or a party
// named, found[v-memoFound].
const (
	memoNone int32 = 1 + iota
	memoAll
	memoFound
)

func (r *Rules) newClassifier() *classifier {
	return &classifier{r: r, lx: &r.lexicon, sc: scanner{dict: r.dict}}
}

// commitments finds the commitments of one paragraph, appending them to out.
//
// issuer is the code of the organ that issued the document, or "": the
// actor of an operative paragraph's opening verb ("Decides") and of a
// preamble's participle ("Reaffirming …") with no subject of their own.
func (c *classifier) commitments(out []archive.Commitment, p *archive.Paragraph, ws []word, parties []archive.Party, issuer string) []archive.Commitment {
	r, g := c.r, &c.lx.g
	c.cands = c.cands[:0]
	// Matches come left to right: the sentence starts are found in one
	// pass over the words, not by looking back from each verb.
	sentence, scanned := 0, 0
	c.lx.verbs.each(ws, func(ph *phrase, start, end int) {
		for ; scanned <= start; scanned++ {
			c.looks++
			if ws[scanned].flags&sentenceStart != 0 {
				sentence = scanned
			}
		}
		c.cands = append(c.cands, candidate{typ: ph.target, start: start, end: end, sentence: sentence,
			participle: ph.participle, present: ph.present, modal: end-start == 1 && g.modal[ws[start].id]})
	})
	if len(c.cands) == 0 {
		return out
	}
	c.issuer = issuer
	c.negations(ws)
	c.verbGroups(ws)
	c.findParties(ws)
	c.searched = resetMemo(c.searched, len(ws))
	c.partyOf = resetMemo(c.partyOf, len(c.spans))
	c.found = c.found[:0]

	c.good = -1
	for i := range c.cands {
		k := &c.cands[i]
		if k.participle {
			c.participle(ws, k, i)
		} else {
			c.finite(ws, k, i)
		}
		if k.resolved && !k.rejected {
			c.good = i
		}
	}
	// An opening participle shares the subject of the next verb of its
	// sentence that has one (not another opening participle, unresolved
	// until now): found from the end, each candidate looked at once.
	next := -1 // the nearest resolved candidate after i
	for i := len(c.cands) - 1; i >= 0; i-- {
		k := &c.cands[i]
		if !k.opening {
			if k.resolved {
				next = i
			}
			continue
		}
		if next >= 0 && c.cands[next].sentence == k.sentence {
			k.who, k.resolved = c.cands[next].who, true
		} else if issuer != "" && k.sentence == 0 {
			k.who, k.resolved = subject{code: issuer}, true // "Reaffirming its commitment …," in a resolution
		} else {
			k.rejected = true
		}
	}

	for _, k := range c.cands {
		if !k.resolved || k.rejected {
			continue
		}
		c.actors = c.actors[:0]
		switch actor := k.who.code; {
		case k.who.all || actor != "" && actor == issuer && len(parties) > 1:
			// A group's statement ("The G7 will …") is all its parties'.
			c.actors = append(c.actors, "")
		case len(k.who.codes) > 0:
			// Parties named together: all of them jointly, or each that
			// is a party.
			if coversAll(parties, issuer, k.who.codes) {
				c.actors = append(c.actors, "")
				break
			}
			for _, code := range k.who.codes {
				if hasParty(parties, code) {
					c.actors = append(c.actors, code)
				}
			}
		case actor == archive.UnresolvedActor || hasParty(parties, actor):
			c.actors = append(c.actors, actor)
		}
		if len(c.actors) == 0 {
			continue // a country that is not a party commits no one here
		}
		end := k.end
		// "agreed to" reads better as printed with its verb: "agreed to expand",
		// "decided to establish".
		if r.types[k.typ].Code == "decision" && end < len(ws) && ws[end].id == g.to && !k.modal && ws[end].flags&(sentenceStart|afterComma) == 0 {
			end++
		}
		// "are committed to gender equality" restates a principle: the
		// words after "to" are its object, printed without them.
		restate := r.types[k.typ].Code == "reaffirmation"
		if last := ws[end-1].id; !restate && last == g.to && end < len(ws) && ws[end].flags&(sentenceStart|afterComma) == 0 &&
			ws[end].id != g.and && !g.determiner[ws[end].id] {
			end++
		}
		if !restate && ws[end-1].id == g.to {
			end-- // "decided to" before a noun: the verb alone
		}
		// A phrase is a whole verb group: never cut inside "de-escalate".
		end = wholeWord(p.Text, ws, end)
		m := archive.Commitment{
			Type:      r.types[k.typ],
			Paragraph: p,
			Start:     int32(ws[k.start].start),
			End:       int32(ws[end-1].end),
		}
		if m.Type.Code == "call" {
			m.Addressee = c.addressee(p.Text, ws, k.end)
		}
		for _, actor := range c.actors {
			m.Actor = actor
			out = append(out, m)
		}
	}
	return out
}

// wholeWord extends a phrase ending before word end to the end of a
// hyphenated word: "de-escalation", "follow-up".
func wholeWord(text string, ws []word, end int) int {
	for end < len(ws) && ws[end].start == ws[end-1].end+1 && text[ws[end-1].end] == '-' {
		end++
	}
	return end
}

// addressee is whom a call is addressed to, as printed: the words after the
// verb up to the "to" of the action asked ("Requests the Secretary-General
// to report" → "the Secretary-General"), within one clause of a sentence.
func (c *classifier) addressee(text string, ws []word, from int) string {
	g := &c.lx.g
	if from > 0 && g.callFor[ws[from-1].id] {
		return "" // "appellent à un cessez-le-feu", "призвали к": a call for something
	}
	if from < len(ws) && g.callTo[ws[from].id] && ws[from].flags&(sentenceStart|afterComma) == 0 {
		from++ // "Demande à toutes les parties de"
	}
	for i := from; i < len(ws) && i < from+maxAddressee; i++ {
		if i > from && ws[i].flags&(sentenceStart|afterComma) != 0 || ws[i].flags&sentenceStart != 0 {
			return ""
		}
		if g.callTo[ws[i].id] || i > from && infinitive(text[ws[i].start:ws[i].end], g.infinitive) {
			if i == from {
				return ""
			}
			return text[ws[from].start:ws[i-1].end]
		}
	}
	return ""
}

// maxApposition is the most words between a subject and its verb set off by
// commas: "We, the Heads of State and Government of the G20, reaffirm".
const maxApposition = 12

// maxAddressee is the most words an addressee runs to: "all States
// Members of the United Nations and the relevant international organisations".
const maxAddressee = 12

// verbGroups reads "will" and "shall" with the verb after them, across
// adverbs, "not" and a parenthesis: the group is one candidate, its phrase
// the whole group and its type the verb's, the negation's or the modal's.
func (c *classifier) verbGroups(ws []word) {
	g, r := &c.lx.g, c.r
	out := c.cands[:0]
	for i := 0; i < len(c.cands); i++ {
		k := c.cands[i]
		if !k.modal {
			out = append(out, k)
			continue
		}
		shall := ws[k.start].id == g.shall
		pos, negated := k.end, false
		for pos < len(ws) && ws[pos].flags&sentenceStart == 0 {
			w := ws[pos]
			switch {
			case w.id == g.not:
				negated = true
				pos++
				continue
			case w.flags&afterComma != 0 && pos == k.end:
				// "shall, where appropriate, inform": past the parenthesis.
				q := pos + 1
				for q < len(ws) && q < pos+6 && ws[q].flags&(afterComma|sentenceStart) == 0 {
					q++
				}
				if q < len(ws) && ws[q].flags&afterComma != 0 && ws[q].flags&sentenceStart == 0 {
					pos = q
					continue
				}
			case g.skip[w.id] || w.flags&adverb != 0 && pos+1 < len(ws):
				pos++
				continue
			case w.id == g.and && pos == k.end && pos+1 < len(ws) && g.skip[ws[pos+1].id]:
				pos++ // "будут и впредь укреплять"
				continue
			}
			break
		}
		if pos >= len(ws) || ws[pos].flags&sentenceStart != 0 || g.be[ws[pos].id] || g.determiner[ws[pos].id] || g.prep[ws[pos].id] {
			continue // "will be receiving", "political will", "will of the people": no verb group
		}
		k.end = pos + 1
		if i+1 < len(c.cands) && c.cands[i+1].start == pos {
			next := c.cands[i+1]
			k.end = next.end
			// "will consider" is a consideration, "will decide" a
			// decision; "will support" is an agreement to act.
			if !shall && !negated && (next.typ < k.typ || r.types[next.typ].Code == "consideration") {
				k.typ = next.typ
			}
			i++
		}
		if negated && !shall {
			if t, ok := r.typeBy["position"]; ok {
				k.typ = int32(t.Strength - 1)
			}
		}
		out = append(out, k)
	}
	c.cands = out
}

// coversAll reports whether codes names every party of the document but
// its issuer.
func coversAll(parties []archive.Party, issuer string, codes []string) bool {
	for _, p := range parties {
		if p.Code != issuer && !slices.Contains(codes, p.Code) {
			return false
		}
	}
	return true
}

func hasParty(parties []archive.Party, code string) bool {
	for _, p := range parties {
		if p.Code == code {
			return true
		}
	}
	return false
}

// findParties marks every phrase that names a party.
func (c *classifier) findParties(ws []word) {
	c.spans = c.spans[:0]
	c.endsAt = c.endsAt[:0]
	for range ws {
		c.endsAt = append(c.endsAt, -1)
	}
	c.lx.parties.each(ws, func(ph *phrase, start, end int) {
		c.endsAt[end-1] = int32(len(c.spans))
		c.spans = append(c.spans, partySpan{start: start, end: end, ref: c.r.partyOf[ph.target]})
	})
}

// participle resolves an -ing form. One that opens a sentence waits for the
// verb that follows; one after a comma continues the verb before it.
func (c *classifier) participle(ws []word, k *candidate, i int) {
	g := &c.lx.g
	switch {
	case ws[k.start].flags&sentenceStart != 0:
		k.opening = true
		return
	case ws[k.start].flags&afterComma == 0:
		k.rejected = true // "the importance of supporting …": a noun, not a commitment
		return
	case k.end-k.start == 1 && !g.noArticles && (k.end >= len(ws) || !g.determiner[ws[k.end].id]):
		// "…, supporting academic exchange" continues a list of aims;
		// "…, emphasising the importance" is the parties speaking.
		k.rejected = true
		return
	}
	if prev := c.previous(i); prev != nil {
		k.who, k.resolved = prev.who, true
		return
	}
	k.who, k.resolved = c.search(ws, k.start-1, k.sentence)
	k.rejected = !k.resolved
}

// previous is the last resolved commitment before cands[i] in its
// sentence; the candidates are resolved in order, so it is c.good.
func (c *classifier) previous(i int) *candidate {
	if c.good >= 0 && c.good < i && c.cands[c.good].sentence == c.cands[i].sentence {
		return &c.cands[c.good]
	}
	return nil
}

// resetMemo returns memo with n zero entries, reusing its array.
func resetMemo(memo []int32, n int) []int32 {
	memo = slices.Grow(memo[:0], n)[:n]
	clear(memo)
	return memo
}

// finite resolves a verb's subject.
func (c *classifier) finite(ws []word, k *candidate, i int) {
	g := &c.lx.g
	j := k.start - 1
	for j >= k.sentence && c.endsAt[j] < 0 && !g.plural[ws[j].id] &&
		(g.skip[ws[j].id] || ws[j].flags&adverb != 0) {
		j--
	}
	if k.end < len(ws) && ws[k.end].id == g.by && !k.present && !k.modal {
		k.rejected = true // "supported by mutual investment": a passive
		return
	}
	if j >= k.sentence && j < k.start-1 && (g.determiner[ws[j].id] || g.prep[ws[j].id]) {
		k.rejected = true // "within internationally recognised borders": an adjective
		return
	}
	if j >= k.sentence && g.passive[ws[j].id] {
		if g.beForm[ws[j].id] && j-1 >= k.sentence && ws[j-1].id == g.it {
			k.who, k.resolved = subject{all: true}, true // "it was agreed"
			return
		}
		k.rejected = true
		return
	}
	if j >= k.sentence && ws[j].id == g.and {
		if prev := c.previous(i); prev != nil {
			k.who, k.resolved = prev.who, true
			return
		}
		j--
	}
	if k.modal || k.present {
		// "will" and a present form commit only their subject right
		// before them: not "the agreements reached … will give", nor
		// "political will", nor "our support".
		if j >= k.sentence {
			k.who, k.resolved, _ = c.cue(ws, j, k.sentence)
			if !k.resolved && ws[k.start].flags&afterComma != 0 {
				// "We, the Leaders of the G7, reaffirm": the subject before
				// the apposition.
				for q := j; q > k.sentence && q > j-maxApposition; q-- {
					if ws[q].flags&afterComma != 0 {
						k.who, k.resolved, _ = c.cue(ws, q-1, k.sentence)
						break
					}
				}
			}
		} else if k.present && c.issuer != "" && !k.modal {
			// "Decides", "Urges all States", "Also welcomes", "Strongly condemns"
			k.who, k.resolved = subject{code: c.issuer}, true
		}
		k.rejected = !k.resolved
		return
	}
	k.who, k.resolved = c.search(ws, j, k.sentence)
	if !k.resolved && g.opensIssuer && c.issuer != "" && j < k.sentence {
		k.who, k.resolved = subject{code: c.issuer}, true // "Постановляет", "Décide"
	}
	k.rejected = !k.resolved
}

// search looks back from word j to the start of the sentence for the
// subject, stopping where a subordinate clause begins. What it finds from
// a word depends only on that word, the sentence being the word's: it is
// kept for every word the search stepped on, and a later search that
// steps on one of them stops there.
func (c *classifier) search(ws []word, j, sentence int) (subject, bool) {
	c.path = c.path[:0]
	found := memoNone
	for j >= sentence {
		if m := c.searched[j]; m != 0 {
			found = m
			break
		}
		c.path = append(c.path, int32(j))
		c.looks++
		if c.lx.g.relative[ws[j].id] {
			break
		}
		who, ok, next := c.cue(ws, j, sentence)
		if ok {
			found = c.subjectMemo(who)
			break
		}
		j = next
	}
	for _, k := range c.path {
		c.searched[k] = found
	}
	return c.memoSubject(found)
}

// subjectMemo and memoSubject convert a subject to a memo value and back.
func (c *classifier) subjectMemo(who subject) int32 {
	if who.all {
		return memoAll
	}
	c.found = append(c.found, who)
	return memoFound + int32(len(c.found)-1)
}

func (c *classifier) memoSubject(m int32) (subject, bool) {
	switch m {
	case memoNone:
		return subject{}, false
	case memoAll:
		return subject{all: true}, true
	}
	return c.found[m-memoFound], true
}

// cue reports whether a subject ends at word j, and otherwise where to
// look next.
func (c *classifier) cue(ws []word, j, sentence int) (subject, bool, int) {
	g := &c.lx.g
	id := ws[j].id
	switch {
	case g.plural[id]:
		return subject{all: true}, true, j - 1
	case id == g.party && j-1 >= sentence && g.eachOf[ws[j-1].id]:
		return subject{all: true}, true, j - 1 // "Each Party shall": what binds each binds all
	case g.collective[id] && j-1 >= sentence && (ws[j-1].id == g.both || ws[j-1].id == g.two):
		return subject{all: true}, true, j - 1
	case id == g.state && j-2 >= sentence && ws[j-1].id == g.of && ws[j-2].id == g.heads:
		return subject{all: true}, true, j - 1
	case g.sideNoun[id] && ws[j].flags&possessive == 0 && c.adjectiveBefore(ws, j, sentence) >= 0:
		// "the Estonian side", "the Japanese Prime Minister"
		q := c.adjectiveBefore(ws, j, sentence)
		return subject{code: c.spans[c.endsAt[q]].ref.code}, true, j - 1
	case id == unknown && ws[j].flags&capital != 0 && j-1 >= sentence && g.title[ws[j-1].id] && c.endsAt[j] < 0:
		// "President Tokayev" with no speaker entry: a person, whose
		// party the vocabulary cannot tell.
		return subject{code: archive.UnresolvedActor}, true, j - 1
	case g.adjAfter && c.endsAt[j] >= 0 && c.spans[c.endsAt[j]].ref.adjective:
		// "la partie française"
		if s := c.spans[c.endsAt[j]]; s.start-1 >= sentence && g.sideNoun[ws[s.start-1].id] {
			return subject{code: s.ref.code}, true, s.start - 1
		}
	case c.endsAt[j] >= 0 && !c.spans[c.endsAt[j]].ref.adjective:
		s := c.spans[c.endsAt[j]]
		who, ok := c.party(ws, s, sentence)
		return who, ok, s.start - 1
	}
	return subject{}, false, j - 1
}

// party reports whether the party phrase s is a subject: "Estonia", "the
// President of the Republic of Estonia", "Kazakhstan and Estonia"; not
// "Kazakhstan’s initiative", "gratitude to Estonia", "between … and Estonia".
func (c *classifier) party(ws []word, s partySpan, sentence int) (subject, bool) {
	// A party's answer depends only on the span: kept, so that a long
	// "A and B and C …" is read once, not once per verb after it.
	i := c.endsAt[s.end-1]
	if m := c.partyOf[i]; m != 0 {
		return c.memoSubject(m)
	}
	c.looks++
	who, ok := c.readParty(ws, s, sentence)
	m := memoNone
	if ok {
		m = c.subjectMemo(who)
	}
	c.partyOf[i] = m
	return who, ok
}

func (c *classifier) readParty(ws []word, s partySpan, sentence int) (subject, bool) {
	g := &c.lx.g
	if ws[s.end-1].flags&possessive != 0 {
		return subject{}, false
	}
	k := s.start
	if k-2 >= sentence && ws[k-1].id == g.of && ws[k-2].id == g.republic {
		k -= 2
	}
	if k-1 >= sentence && g.article[ws[k-1].id] {
		k--
	}
	if k-2 >= sentence && ws[k-1].id == g.of && g.head[ws[k-2].id] {
		k -= 2
		if k-1 >= sentence && g.article[ws[k-1].id] {
			k--
		}
	} else if k-2 >= sentence && ws[k-1].id == g.of {
		// "the Minister for Foreign Affairs of India": an office in
		// capitals, holding a title, is the party's.
		if q := c.office(ws, k-2, sentence); q >= 0 {
			k = q
			if k-1 >= sentence && g.article[ws[k-1].id] {
				k--
			}
		}
	}
	if k-1 < sentence {
		return subject{code: s.ref.code}, true
	}
	before := ws[k-1].id
	switch {
	case g.prep[before]:
		return subject{}, false
	case before == g.and && k-2 >= sentence && c.endsAt[k-2] < 0:
		// "The Leaders of Central Asia and the European Union": the party
		// is in the plural subject's "of".
		for q := k - 2; q > sentence && q > k-2-maxApposition; q-- {
			if ws[q].id == g.of && g.plural[ws[q-1].id] {
				return subject{all: true}, true
			}
			if ws[q].flags&(afterComma|sentenceStart) != 0 {
				break
			}
		}
	case before == g.and && k-2 >= sentence && c.endsAt[k-2] >= 0:
		o, ok := c.party(ws, c.spans[c.endsAt[k-2]], sentence)
		if !ok {
			return subject{}, false
		}
		return together(o, s.ref.code), true
	case ws[k].flags&afterComma != 0 && c.endsAt[k-1] >= 0:
		// "Japan, the ROK, and the United States": a list.
		if o, ok := c.party(ws, c.spans[c.endsAt[k-1]], sentence); ok {
			return together(o, s.ref.code), true
		}
	}
	return subject{code: s.ref.code}, true
}

// together is the subject o and the party code named with it.
func together(o subject, code string) subject {
	if o.all {
		return o
	}
	codes := o.codes
	if len(codes) == 0 {
		codes = []string{o.code}
	}
	if slices.Contains(codes, code) {
		return o
	}
	return subject{codes: append(slices.Clip(codes), code)}
}

// infinitive reports whether w ends in one of a language's infinitive endings.
func infinitive(w string, endings []string) bool {
	for _, e := range endings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// adjectiveBefore is the word index of the party adjective before the
// noun at j, across up to two capitalised words ("the Japanese Prime
// Minister"), or -1.
func (c *classifier) adjectiveBefore(ws []word, j, sentence int) int {
	for q := j - 1; q >= sentence && q >= j-3; q-- {
		if e := c.endsAt[q]; e >= 0 {
			if c.spans[e].ref.adjective {
				return q
			}
			return -1
		}
		if ws[q].flags&capital == 0 {
			return -1
		}
	}
	return -1
}

// maxOffice is the most words of an office before "of": "Minister for
// Foreign Affairs and International Trade".
const maxOffice = 7

// office is the first word of an office that ends at word j ("Minister
// for Foreign Affairs" before "of India"), or -1: capitalised words and
// the small words between them, one of them a title.
func (c *classifier) office(ws []word, j, sentence int) int {
	g := &c.lx.g
	first, titled := -1, false
scan:
	for q := j; q >= sentence && q > j-maxOffice; q-- {
		w := ws[q]
		switch {
		case c.endsAt[q] >= 0 || g.article[w.id]:
			break scan
		case w.flags&capital != 0:
			first = q
			titled = titled || g.title[w.id] || g.head[w.id]
		case w.id != g.and && w.id != g.of && !g.prep[w.id]:
			break scan // a lower-case word that is not "for", "of", "and": the office ended
		}
		if w.flags&(sentenceStart|afterComma) != 0 {
			break
		}
	}
	if !titled {
		return -1
	}
	return first
}

// negations reads a verb after its language's negation ("не
// поддерживают", "n'appuie pas") as the negation and the verb, a
// position: not supporting is opposing. English negates through its
// modals ("will not accept"), which verbGroups reads.
func (c *classifier) negations(ws []word) {
	g := &c.lx.g
	if len(g.negation) == 0 {
		return
	}
	t, ok := c.r.typeBy["position"]
	if !ok {
		return
	}
	for i := range c.cands {
		k := &c.cands[i]
		if k.modal || k.start == 0 || ws[k.start].flags&(sentenceStart|afterComma) != 0 || !g.negation[ws[k.start-1].id] {
			continue
		}
		if i > 0 && c.cands[i-1].end > k.start-1 {
			continue // the word before is the previous phrase's
		}
		k.start--
		k.typ = int32(t.Strength - 1)
		k.present = false
	}
}
