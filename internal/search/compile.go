package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// compiled is a parsed query turned into a Bleve query.
type compiled struct {
	query  query.Query     // nil when the text holds nothing to search for
	marked map[string]bool // analysed terms whose matches the snippet marks
	words  []string        // positive words, in order, for spelling suggestions

	// The query's shape, for its cost: OR alternatives, phrases, and the
	// terms the analysis added beside a word's own (forms, spellings).
	branches, phrases, expansions int
}

// compile turns n into a Bleve query on the analysed text and keyword fields.
func (ix *Index) compile(n *node) compiled {
	c := compiled{marked: map[string]bool{}}
	c.query = ix.compileNode(n, &c, false)
	return c
}

func (ix *Index) compileNode(n *node, c *compiled, negated bool) query.Query {
	switch n.kind {
	case nodeWord:
		q, ts := ix.textQuery(n.text)
		if q != nil && !negated {
			c.words = append(c.words, n.text)
			markAll(c, ts)
		}
		c.expansions += expansions(q)
		return q
	case nodePhrase:
		q, ts := ix.textQuery(n.text)
		if q != nil && !negated {
			markAll(c, ts)
		}
		if _, ok := q.(*query.MultiPhraseQuery); ok {
			c.phrases++
		}
		c.expansions += expansions(q)
		return q
	case nodeFilter:
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
		return ix.compileAnd(n, c, negated)
	}
}

// compileAnd requires every item but drops lone stop words ("on", "the")
// when something else is required, so "agreed on transport" works as a
// person means it.
func (ix *Index) compileAnd(n *node, c *compiled, negated bool) query.Query {
	var must, mustNot, stop []query.Query
	for _, k := range n.kids {
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
		if q := ix.compileNode(k, c, negated); q != nil {
			must = append(must, q)
		}
	}
	if len(must) == 0 {
		must = stop
	}
	switch {
	case len(must) == 0 && len(mustNot) == 0:
		return nil
	case len(must) == 0:
		must = []query.Query{query.NewMatchAllQuery()}
	case len(must) == 1 && len(mustNot) == 0:
		return must[0]
	}
	return query.NewBooleanQuery(must, nil, mustNot)
}

// textQuery is the query for a word or phrase on the analysed text: a term,
// or a phrase when the analyzer makes several positions of it (a hyphenated
// word, a phrase). Tokens that share a position are alternatives. It also
// returns the analysed terms.
func (ix *Index) textQuery(s string) (query.Query, []string) {
	tokens := ix.analyzer.Analyze([]byte(s))
	if len(tokens) == 0 {
		return nil, nil
	}
	first := tokens[0].Position
	var groups [][]string
	var all []string
	for _, t := range tokens {
		i := t.Position - first
		if i < 0 || i >= len(tokens) {
			continue // positions are 1-based and dense; guard anyway
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
			q.SetField(fieldText)
			return q, all
		}
		qs := make([]query.Query, len(groups[0]))
		for i, term := range groups[0] {
			q := query.NewTermQuery(term)
			q.SetField(fieldText)
			qs[i] = q
		}
		return query.NewDisjunctionQuery(qs), all
	}
	return query.NewMultiPhraseQuery(groups, fieldText), all
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

// stopWords are words too common to require on their own.
var stopWords = map[string]bool{
	"a": true, "about": true, "an": true, "and": true, "are": true, "as": true, "at": true,
	"be": true, "by": true, "did": true, "do": true, "does": true, "for": true, "from": true,
	"has": true, "have": true, "how": true, "in": true, "into": true, "is": true, "it": true,
	"its": true, "of": true, "on": true, "or": true, "that": true, "the": true, "their": true,
	"they": true, "this": true, "to": true, "was": true, "were": true, "what": true,
	"which": true, "who": true, "will": true, "with": true,
}

func isStopWord(w string) bool { return stopWords[strings.ToLower(w)] }
