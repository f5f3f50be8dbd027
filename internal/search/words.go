package search

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Words as people type them: compounds joined or split, acronyms the
// archive defines, synonyms from the vocabulary.

// compound is the query for two words typed apart that a text writes as
// one ("cyber security": cybersecurity): both words, or the one joined
// word in the unit's own text. Nil when the words are not plain words or
// the index does not hold the joined word (or there is no reader).
func (ix *Index) compound(a, b string, c *compiled, negated bool) query.Query {
	if !c.wide || c.r == nil || !isWordOfLetters(a) || !isWordOfLetters(b) || !ix.knows(c.r, a+b, c.lang) {
		return nil
	}
	qa := ix.compileWord(&node{kind: nodeWord, text: a}, c, negated)
	qb := ix.compileWord(&node{kind: nodeWord, text: b}, c, negated)
	if qa == nil || qb == nil {
		return nil
	}
	both := query.NewConjunctionQuery([]query.Query{qa, qb})
	joined, ts := ix.textQuery(a+b, c.lang)
	if !negated {
		markAll(c, ts)
	}
	c.expansions++
	return query.NewDisjunctionQuery([]query.Query{both, joined})
}

// Bounds on splitting a typed word into two that a text writes apart.
const (
	minSplitWord = 8 // letters of the word
	minSplitPart = 3 // letters of each part
)

// split is the phrase of the two words w may be written as, when the
// index knows both ("cybersecurity": "cyber security"); nil otherwise or
// without a reader. The first split that works, shortest head first.
func (ix *Index) split(w string, r index.IndexReader, l *lang) query.Query {
	if r == nil || len(w) < minSplitWord || !isWordOfLetters(w) {
		return nil
	}
	for i := minSplitPart; i <= len(w)-minSplitPart; i++ {
		head, tail := w[:i], w[i:]
		if !ix.knows(r, tail, l) || !ix.knows(r, head, l) {
			continue
		}
		q, _ := ix.textQuery(head+" "+tail, l)
		if mp, ok := q.(*query.MultiPhraseQuery); ok {
			return mp
		}
	}
	return nil
}

// knows reports whether the index's text in l holds word (as analysed).
func (ix *Index) knows(r index.IndexReader, word string, l *lang) bool {
	tokens := l.analyzer.Analyze([]byte(word))
	if len(tokens) != 1 {
		return false
	}
	n, err := termCount(context.Background(), r, string(tokens[0].Term), l.field)
	return err == nil && n > 0
}

// isWordOfLetters reports whether w is ASCII letters only, at least two.
func isWordOfLetters(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// maxEquivalentWords is the longest run of words an equivalent may span.
const maxEquivalentWords = 6

// equivalent is the query for the longest run of words at the start of
// kids that the archive says is another's equivalent: each way of saying
// it, as words or as a phrase. It returns the query, the number of kids
// it used and the run's text; nil when no run starts there.
func (ix *Index) equivalent(kids []*node, c *compiled, negated bool) (query.Query, int, string) {
	if len(ix.equiv) == 0 {
		return nil, 0, ""
	}
	var words []string
	for _, k := range kids {
		if k.kind != nodeWord || len(words) == maxEquivalentWords {
			break
		}
		words = append(words, k.text)
	}
	for n := len(words); n > 0; n-- {
		key := equivKey(strings.Join(words[:n], " "))
		alts, ok := ix.equiv[key]
		if !ok {
			continue
		}
		var qs []query.Query
		var own []query.Query
		for _, w := range words[:n] {
			if q := ix.compileWord(&node{kind: nodeWord, text: w}, c, negated); q != nil {
				own = append(own, q)
			}
		}
		switch len(own) {
		case 0:
		case 1:
			qs = append(qs, own[0])
		default:
			qs = append(qs, query.NewConjunctionQuery(own))
		}
		for _, alt := range alts {
			q, ts := ix.textQuery(alt, c.lang)
			if q == nil {
				continue
			}
			if !negated {
				markAll(c, ts)
			}
			if _, ok := q.(*query.MultiPhraseQuery); ok {
				c.phrases++
			}
			qs = append(qs, q)
		}
		if len(qs) == 0 {
			return nil, 0, ""
		}
		c.expansions += len(qs) - 1
		return query.NewDisjunctionQuery(qs), n, strings.Join(words[:n], " ")
	}
	return nil, 0, ""
}

// equivKey is the form in which equivalents are looked up: lower case,
// hyphens and runs of spaces as one space, possessives and punctuation
// at the ends dropped.
func equivKey(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2011'
	})
	for i, w := range f {
		f[i] = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	return strings.Join(f, " ")
}

// equivalents maps each way of saying a thing (an equivKey) to the other
// ways. add joins a group of ways.
type equivalents map[string][]string

func (e equivalents) add(ways ...string) {
	for _, w := range ways {
		k := equivKey(w)
		if k == "" {
			continue
		}
		for _, other := range ways {
			if equivKey(other) != k && !contains(e[k], other) {
				e[k] = append(e[k], other)
			}
		}
	}
}

// acronyms finds the acronyms text defines, as "… Trans-Caspian
// International Transport Route (TITR)": the capitals in brackets, and
// the words before them whose initials spell them (small words such as
// "of" and "the" skipped, a hyphenated word counting once). It adds each
// to e.
func acronyms(text string, e equivalents) {
	for i := 0; ; {
		open := strings.IndexByte(text[i:], '(')
		if open < 0 {
			return
		}
		open += i
		end := strings.IndexByte(text[open:], ')')
		if end < 0 {
			return
		}
		end += open
		i = open + 1
		acr := text[open+1 : end]
		letters := strings.TrimSuffix(acr, "s")
		if len(letters) < 2 || len(letters) > 8 || !isCapitals(letters) {
			continue
		}
		if exp := expansion(text[:open], letters); exp != "" {
			e.add(acr, exp)
			if letters != acr {
				e.add(letters, exp)
			}
		}
	}
}

// expansion is the words at the end of before whose initials spell
// letters, or "".
func expansion(before, letters string) string {
	words := strings.Fields(before)
	j := len(letters) - 1
	k := len(words) - 1
	for ; k >= 0 && j >= 0; k-- {
		w := strings.Trim(words[k], ",;:\"'“”")
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case w == "":
			return ""
		case unicode.ToUpper(r) == rune(letters[j]) && unicode.IsUpper(r):
			j--
		case smallWords[strings.ToLower(w)] && j < len(letters)-1:
		default:
			return ""
		}
	}
	if j >= 0 {
		return ""
	}
	return strings.Join(words[k+1:], " ")
}

var smallWords = map[string]bool{"of": true, "for": true, "and": true, "the": true, "on": true, "in": true, "to": true, "&": true}

func isCapitals(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
