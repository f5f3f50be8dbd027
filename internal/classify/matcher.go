package classify

// phrase is a vocabulary phrase as word ids, and what it points to.
type phrase struct {
	words      []int32
	target     int32
	participle bool // an -ing form: "Reaffirming", "Welcoming"
	present    bool // a present form: "We reaffirm", "Decides"
}

// matcher finds vocabulary phrases in a text's words. Phrases are indexed
// by their first word, so each word of a text costs one slice lookup.
type matcher struct {
	phrases []phrase
	first   [][]int32 // word id → indices of phrases starting with it
	byFirst map[int32][]int32
}

func (m *matcher) add(words []int32, target int32, participle bool) {
	m.addForm(words, target, participle, false)
}

func (m *matcher) addForm(words []int32, target int32, participle, present bool) {
	if m.byFirst == nil {
		m.byFirst = map[int32][]int32{}
	}
	m.byFirst[words[0]] = append(m.byFirst[words[0]], int32(len(m.phrases)))
	m.phrases = append(m.phrases, phrase{words: words, target: target, participle: participle, present: present})
}

// done freezes the index once the dictionary holds n words.
func (m *matcher) done(n int) {
	m.first = make([][]int32, n)
	for id, list := range m.byFirst {
		m.first[id] = list
	}
	m.byFirst = nil
}

// at returns the longest phrase that starts at words[i] and the index just
// past its last word, or nil. Phrases do not run across sentences.
func (m *matcher) at(ws []word, i int) (*phrase, int) {
	id := ws[i].id
	if id < 0 || int(id) >= len(m.first) {
		return nil, 0
	}
	var best *phrase
	bestEnd := 0
	for _, pi := range m.first[id] {
		p := &m.phrases[pi]
		// Most phrases that share a first word ("the …") differ in the
		// second: checked here, without a call.
		if len(p.words) > 1 && p.words[1] != gap && (i+1 >= len(ws) || ws[i+1].id != p.words[1]) {
			continue
		}
		if end := matchFrom(ws, i+1, p.words[1:]); end > bestEnd {
			best, bestEnd = p, end
		}
	}
	return best, bestEnd
}

// matchFrom matches pattern against ws from i, returning the end or -1.
func matchFrom(ws []word, i int, pattern []int32) int {
	for k := 0; k < len(pattern); k++ {
		if pattern[k] == gap {
			// The shortest gap after which the rest matches.
			for skip := 0; skip <= maxGap; skip++ {
				j := i + skip
				if j > len(ws) || (skip > 0 && ws[j-1].flags&sentenceStart != 0) {
					break
				}
				if end := matchFrom(ws, j, pattern[k+1:]); end >= 0 {
					return end
				}
			}
			return -1
		}
		if i >= len(ws) || ws[i].id != pattern[k] || ws[i].flags&sentenceStart != 0 {
			return -1
		}
		i++
	}
	return i
}

// each calls f for every non-overlapping longest match, left to right.
func (m *matcher) each(ws []word, f func(p *phrase, start, end int)) {
	for i := 0; i < len(ws); {
		p, end := m.at(ws, i)
		if p == nil {
			i++
			continue
		}
		f(p, i, end)
		i = end
	}
}
