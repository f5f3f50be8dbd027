package search

import (
	"slices"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// compiled is a parsed query turned into a Bleve query.
type compiled struct {
	query  query.Query     // nil when the text holds nothing to search for
	marked map[string]bool // analysed terms whose matches the snippet marks
	words  []string        // positive words, in order, for spelling suggestions

	// The query's shape, for its cost: OR alternatives, phrases, and the
	// terms the analysis added beside a word's own (forms, spellings).
	branches, phrases, expansions int

	// The required items of a top-level AND and the words of each, for
	// the search of the best partial matches when all of them match
	// nothing.
	items     []query.Query
	itemWords []string
	filters   []query.Query // the filters of that AND, still required

	r    index.IndexReader // for the parts of long words; may be nil
	wide bool              // context and compounds too (see compile)

	// The analysed terms of each positive word, for nearness.
	wordTerms [][]string

	lang   *lang      // whose analysis and field the words are looked up in
	others []compiled // the same query in the archive's other languages (see compile)

	// weights weighs a hit's score by its unit's language, by
	// catalogue.langOrd; nil: all alike.
	weights []float64
	stats   *bsearch.BM25Stats // the statistics of lang's units (see langStats); nil: the index's
}

// otherLangWeight weighs the hits in a language that knows fewer of the
// query's words than another language does: low enough to put them, in
// effect, after the query's language's, since a word common in one
// language's texts (so weighing little) may be rare in another's.
const otherLangWeight = 0.01

// contextBoost weighs a match in a unit's context (its document's title,
// parties and issuer) against one in its own text: low enough that a
// document's title never puts all its units above those that say the
// words themselves.
const contextBoost = 0.2

// compile turns n into a Bleve query on the analysed text and keyword
// fields. Wide, it also matches a word in a unit's context and, with a
// reader, compounds joined and split ("cyber security", "cybersecurity");
// r may be nil.
//
// The query is compiled once for English and once for each other language
// of the archive whose field holds a word of it; a unit matches if it
// matches in its own language. The languages are alternatives at the top,
// so English hits keep their order among themselves.
func (ix *Index) compile(n *node, r index.IndexReader, wide bool) compiled {
	c := ix.compileIn(n, r, wide, ix.english)
	if len(ix.langs) == 0 {
		return c
	}
	known := make([]float64, len(ix.langs)+1) // by catalogue.langOrd
	known[0] = c.known()
	for i, l := range ix.langs {
		lc := ix.compileIn(n, r, wide, l)
		if lc.query != nil {
			if known[i+1] = lc.known(); known[i+1] > 0 {
				c.others = append(c.others, lc)
			}
		}
	}
	if r != nil {
		c.stats = ix.statsFor(r, ix.cat.langUnits[0])
		for i := range c.others {
			o := &c.others[i]
			o.stats = ix.statsFor(r, ix.cat.langUnits[slices.Index(ix.langs, o.lang)+1])
		}
	}
	if len(c.others) == 0 {
		c.query = withStats(c.query, c.stats)
		return c
	}
	// The languages that know the most of the query's words are the
	// query's: their units keep their scores; the others' are weighed
	// down. An English query ranks the English texts first, though a word
	// of it is rarer, so weightier, in a French text.
	best := slices.Max(known)
	c.weights = make([]float64, len(known))
	for i, k := range known {
		c.weights[i] = 1
		if k < best {
			c.weights[i] = otherLangWeight
		}
	}
	var trees []query.Query
	if c.query != nil {
		trees = append(trees, withStats(c.query, c.stats))
	}
	for _, o := range c.others {
		trees = append(trees, withStats(o.query, o.stats))
		for t := range o.marked {
			c.marked[t] = true
		}
		c.branches += o.branches
		c.phrases += o.phrases
		c.expansions += o.expansions
	}
	if len(trees) == 1 {
		c.query = trees[0]
	} else {
		c.query = query.NewDisjunctionQuery(trees)
	}
	return c
}

// compileIn compiles n in language l.
func (ix *Index) compileIn(n *node, r index.IndexReader, wide bool, l *lang) compiled {
	c := compiled{marked: map[string]bool{}, r: r, wide: wide, lang: l}
	if n.kind == nodeAnd {
		c.query = ix.compileAnd(n, &c, false, true)
	} else {
		c.query = ix.compileNode(n, &c, false)
	}
	return c
}

func (ix *Index) compileNode(n *node, c *compiled, negated bool) query.Query {
	switch n.kind {
	case nodeWord:
		if q, _, _ := ix.equivalent([]*node{n}, c, negated); q != nil {
			return q
		}
		return ix.compileWord(n, c, negated)
	case nodePhrase:
		q, ts := ix.textQuery(n.text, c.lang)
		if q != nil && !negated {
			markAll(c, ts)
		}
		if _, ok := q.(*query.MultiPhraseQuery); ok {
			c.phrases++
		}
		c.expansions += expansions(q)
		return q
	case nodeFilter:
		if n.field == fieldLang {
			return ix.langFilter(n.text)
		}
		q := query.NewTermQuery(n.text)
		q.SetField(n.field)
		return q
	case nodeNot:
		inner := ix.compileNode(n.kids[0], c, !negated)
		if inner == nil {
			return nil
		}
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{inner})
	case nodeOr:
		var qs []query.Query
		for _, k := range n.kids {
			if q := ix.compileNode(k, c, negated); q != nil {
				qs = append(qs, q)
			}
		}
		switch len(qs) {
		case 0:
			return nil
		case 1:
			return qs[0]
		}
		c.branches += len(qs)
		return query.NewDisjunctionQuery(qs)
	default: // nodeAnd
		return ix.compileAnd(n, c, negated, false)
	}
}

// compileWord is the query for one word typed, and its bookkeeping.
func (ix *Index) compileWord(n *node, c *compiled, negated bool) query.Query {
	q, ts := ix.wordQuery(n.text, c)
	if q != nil && !negated {
		c.words = append(c.words, n.text)
		c.wordTerms = append(c.wordTerms, ts)
		markAll(c, ts)
	}
	return q
}

// wordQuery is the query for one word typed: the word in the unit's own
// text or, weighed less, in its context; and, for a long word, its parts
// written apart in the text.
func (ix *Index) wordQuery(w string, c *compiled) (query.Query, []string) {
	q, ts := ix.textQuery(w, c.lang)
	if q == nil {
		return nil, nil
	}
	c.expansions += expansions(q)
	if d, ok := q.(*query.DisjunctionQuery); ok && len(d.Disjuncts) > 0 {
		if _, ok := d.Disjuncts[0].(*query.MultiPhraseQuery); ok {
			c.phrases++ // a hyphenated word's parts
		}
	}
	alts := []query.Query{q}
	if !c.wide {
		return q, ts
	}
	if split := ix.split(w, c.r, c.lang); split != nil {
		alts = append(alts, split)
		c.phrases++
	}
	eq := q
	if c.lang != ix.english {
		// The context and headings are analysed as English.
		eq, _ = ix.textQuery(w, ix.english)
	}
	if cq := contextQuery(eq); cq != nil {
		alts = append(alts, cq)
	}
	if len(alts) == 1 {
		return q, ts
	}
	return query.NewDisjunctionQuery(alts), ts
}

// contextQuery is text query q on the context and heading fields, weighed
// down: a word's terms, or a hyphenated word's joined term; nil for a
// phrase.
func contextQuery(q query.Query) query.Query {
	var terms []string
	switch q := q.(type) {
	case *query.TermQuery:
		terms = []string{q.Term}
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			if t, ok := d.(*query.TermQuery); ok && t.Field() == fieldText {
				terms = append(terms, t.Term)
			}
		}
	}
	if len(terms) == 0 {
		return nil
	}
	qs := make([]query.Query, 0, 2*len(terms))
	for _, term := range terms {
		for _, field := range []string{fieldCtx, fieldHead} {
			t := query.NewTermQuery(term)
			t.SetField(field)
			t.SetBoost(contextBoost)
			qs = append(qs, t)
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// compileAnd requires every item but drops lone stop words ("on", "the")
// and question words ("what", "did") when something else is required, so
// "what did Kazakhstan agree on transport?" works as a person means it.
// Words next to each other also match when the text joins them
// ("cyber security": cybersecurity), and a run of words the archive says
// is another's equivalent (an acronym it defines, a synonym) matches
// either. At the top of the query, the required items are
// kept for a search that finds nothing (see compiled.items).
func (ix *Index) compileAnd(n *node, c *compiled, negated, top bool) query.Query {
	var must, mustNot, stop, filters []query.Query
	var mustWords []string
	kids := n.kids
	for i := 0; i < len(kids); i++ {
		k := kids[i]
		if k.kind == nodeNot {
			if q := ix.compileNode(k.kids[0], c, !negated); q != nil {
				mustNot = append(mustNot, q)
			}
			continue
		}
		if k.kind == nodeWord && isStopWord(k.text) {
			if q := ix.compileNode(k, c, negated); q != nil {
				stop = append(stop, q)
			}
			continue
		}
		if k.kind == nodeWord {
			if q, used, text := ix.equivalent(kids[i:], c, negated); q != nil {
				must = append(must, q)
				mustWords = append(mustWords, text)
				i += used - 1
				continue
			}
			if i+1 < len(kids) && kids[i+1].kind == nodeWord && !isStopWord(kids[i+1].text) {
				if q := ix.compound(k.text, kids[i+1].text, c, negated); q != nil {
					must = append(must, q)
					mustWords = append(mustWords, k.text+" "+kids[i+1].text)
					i++
					continue
				}
			}
		}
		q := ix.compileNode(k, c, negated)
		switch {
		case q == nil:
		case k.kind == nodeFilter:
			filters = append(filters, q)
		default:
			must = append(must, q)
			mustWords = append(mustWords, k.text)
		}
	}
	if len(must) == 0 && len(filters) == 0 {
		must = stop
		mustWords = nil
	}
	if top && len(must) > 1 && len(mustNot) == 0 && len(mustWords) == len(must) {
		c.items, c.itemWords, c.filters = must, mustWords, filters
	}
	must = append(must, filters...)
	switch {
	case len(must) == 0 && len(mustNot) == 0:
		return nil
	case len(must) == 0:
		must = []query.Query{query.NewMatchAllQuery()}
	case len(must) == 1 && len(mustNot) == 0:
		return must[0]
	}
	b := query.NewBooleanQuery(must, nil, mustNot)
	return b
}

// textQuery is the query for a word or phrase on the analysed text: a term,
// or a phrase when the analyzer makes several positions of it (a hyphenated
// word, a phrase). Tokens that share a position are alternatives. It also
// returns the analysed terms.
func (ix *Index) textQuery(s string, l *lang) (query.Query, []string) {
	tokens := l.analyzer.Analyze([]byte(s))
	if len(tokens) == 0 {
		return nil, nil
	}
	first := tokens[0].Position
	var groups [][]string
	var all []string
	// A hyphenated word alone ("de-mining") is its parts in a row or its
	// joined form, which a text may print as one word ("demining").
	var joined string
	start, end, last := tokens[0].Start, tokens[0].End, first
	for _, t := range tokens {
		end, last = max(end, t.End), max(last, t.Position)
	}
	for _, t := range tokens {
		i := t.Position - first
		if i == 0 && t.Start == start && t.End == end && last > first {
			joined = string(t.Term)
			all = append(all, joined)
			continue
		}
		if i < 0 || i > last-first {
			continue // positions are 1-based and ordered (stop words leave gaps); guard anyway
		}
		for len(groups) <= i {
			groups = append(groups, nil)
		}
		term := string(t.Term)
		if !contains(groups[i], term) {
			groups[i] = append(groups[i], term)
		}
		all = append(all, term)
	}
	if len(groups) == 1 {
		if len(groups[0]) == 1 {
			q := query.NewTermQuery(groups[0][0])
			q.SetField(l.field)
			return q, all
		}
		qs := make([]query.Query, len(groups[0]))
		for i, term := range groups[0] {
			q := query.NewTermQuery(term)
			q.SetField(l.field)
			qs[i] = q
		}
		return query.NewDisjunctionQuery(qs), all
	}
	for i, g := range groups {
		if len(g) == 0 {
			groups[i] = []string{""} // a stop word the analysis dropped: any word there
		}
	}
	phrase := query.NewMultiPhraseQuery(groups, l.field)
	if joined == "" {
		return phrase, all
	}
	q := query.NewTermQuery(joined)
	q.SetField(l.field)
	return query.NewDisjunctionQuery([]query.Query{phrase, q}), all
}

// expansions counts the terms of a textQuery beyond one per position:
// the forms and spellings the analysis added.
func expansions(q query.Query) int {
	n := 0
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		n = len(q.Disjuncts) - 1
	case *query.MultiPhraseQuery:
		for _, g := range q.Terms {
			n += len(g) - 1
		}
	}
	return n
}

func markAll(c *compiled, terms []string) {
	for _, t := range terms {
		c.marked[t] = true
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// stopWords are words too common to require on their own, and the words
// that make a question of a sentence.
var stopWords = map[string]bool{
	"a": true, "about": true, "an": true, "and": true, "are": true, "as": true, "at": true,
	"be": true, "by": true, "did": true, "do": true, "does": true, "for": true, "from": true,
	"has": true, "have": true, "how": true, "in": true, "into": true, "is": true, "it": true,
	"its": true, "of": true, "on": true, "or": true, "that": true, "the": true, "their": true,
	"they": true, "this": true, "to": true, "was": true, "were": true, "what": true,
	"which": true, "who": true, "will": true, "with": true,
	// Question words, so that a question typed as a sentence keeps only
	// what it asks about.
	"when": true, "where": true, "why": true, "whom": true, "whose": true,
	"can": true, "could": true, "should": true, "would": true, "shall": true,
	"there": true, "any": true, "we": true, "i": true, "you": true,
}

func isStopWord(w string) bool { return stopWords[strings.ToLower(w)] }
