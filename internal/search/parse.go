package search

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
)

// The query language, parsed here and never handed to Bleve's own query
// string syntax:
//
//	words         every word must match: trade transport
//	"a phrase"    the words in this order
//	-word         excluded (also -"a phrase", -(…), NOT word)
//	a OR b        either; binds tighter than the implicit AND
//	( … )         grouping
//	field:value   party:EE, year:2025, doc:slug, kind:joint-statement,
//	              commitment:agreement, actor:EE, topic:transport, entity:titr,
//	              lang:ru
//
// Anything else that looks like syntax (* ? ~ / ^ \ :) is just text, which
// the analyzer reduces to words or nothing. Input that does not parse
// (an unbalanced quote or bracket, a dangling OR, a bad filter value) is
// searched as plain words instead.

// node is one node of a parsed query.
type node struct {
	kind  nodeKind
	text  string  // word or phrase text, filter value
	field string  // filter field
	kids  []*node // and, or, not
}

type nodeKind int

const (
	nodeWord nodeKind = iota
	nodePhrase
	nodeFilter
	nodeAnd
	nodeOr
	nodeNot
)

// Limits that keep a query's cost bounded.
const (
	maxLeaves = 32 // words, phrases and filters in one query
	maxDepth  = 4  // nested brackets
)

var errSyntax = errors.New("query syntax")

// filterFields maps the field names of the query language to index fields.
var filterFields = map[string]string{
	"party": fieldParty, "year": fieldYear, "doc": fieldDoc, "kind": fieldKind,
	"commitment": fieldCommitment, "actor": fieldActor, "topic": fieldTopic, "entity": fieldEntity,
	"lang": fieldLang,
}

// parse parses s. It returns errSyntax (wrapped) when s does not parse.
func parse(s string) (*node, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.and(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) { // a stray ")"
		return nil, syntaxError("unbalanced )")
	}
	if p.leaves > maxLeaves {
		return nil, syntaxError("too many terms")
	}
	return n, nil
}

func syntaxError(msg string) error { return errors.Join(errSyntax, errors.New(msg)) }

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokOpen
	tokClose
	tokNot  // - prefix or NOT
	tokPlus // + prefix or AND
	tokOr
)

type tok struct {
	kind tokKind
	text string
}

// lex splits s into tokens.
func lex(s string) ([]tok, error) {
	var toks []tok
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == 0:
			i += size
		case r == '(':
			toks = append(toks, tok{kind: tokOpen})
			i++
		case r == ')':
			toks = append(toks, tok{kind: tokClose})
			i++
		case r == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, syntaxError("unbalanced quote")
			}
			toks = append(toks, tok{kind: tokPhrase, text: s[i+1 : i+1+end]})
			i += end + 2
		case (r == '-' || r == '+') && i+1 < len(s) && startsItem(s[i+1:]):
			k := tokPlus
			if r == '-' {
				k = tokNot
			}
			toks = append(toks, tok{kind: k})
			i++
		default:
			end := i
			for end < len(s) {
				r, size := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r) || r == 0 || r == '(' || r == ')' || r == '"' {
					break
				}
				end += size
			}
			w := s[i:end]
			i = end
			// field:"quoted value"
			if strings.HasSuffix(w, ":") && i < len(s) && s[i] == '"' {
				if _, ok := filterFields[strings.ToLower(w[:len(w)-1])]; ok {
					q := strings.IndexByte(s[i+1:], '"')
					if q < 0 {
						return nil, syntaxError("unbalanced quote")
					}
					w += s[i+1 : i+1+q]
					i += q + 2
				}
			}
			switch w {
			case "OR", "||":
				toks = append(toks, tok{kind: tokOr})
			case "AND", "&&":
				toks = append(toks, tok{kind: tokPlus})
			case "NOT":
				toks = append(toks, tok{kind: tokNot})
			default:
				toks = append(toks, tok{kind: tokWord, text: w})
			}
		}
	}
	return toks, nil
}

// startsItem reports whether s starts a word, phrase or group, so that a
// leading - or + is an operator rather than a lone dash.
func startsItem(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '(' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

type parser struct {
	toks   []tok
	pos    int
	leaves int
}

func (p *parser) peek() (tok, bool) {
	if p.pos >= len(p.toks) {
		return tok{}, false
	}
	return p.toks[p.pos], true
}

// and parses items up to the end or a closing bracket.
func (p *parser) and(depth int) (*node, error) {
	n := &node{kind: nodeAnd}
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokClose {
			return n, nil
		}
		if t.kind == tokPlus { // AND, or + before an item: the default
			p.pos++
			continue
		}
		kid, err := p.or(depth)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kid)
	}
}

// or parses unary ("OR" unary)*.
func (p *parser) or(depth int) (*node, error) {
	first, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	n := &node{kind: nodeOr, kids: []*node{first}}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
		kid, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kid)
	}
	if len(n.kids) == 1 {
		return first, nil
	}
	return n, nil
}

// unary parses an optionally negated primary.
func (p *parser) unary(depth int) (*node, error) {
	t, ok := p.peek()
	if ok && (t.kind == tokNot || t.kind == tokPlus) {
		p.pos++
		kid, err := p.primary(depth)
		if err != nil {
			return nil, err
		}
		if t.kind == tokPlus {
			return kid, nil
		}
		return &node{kind: nodeNot, kids: []*node{kid}}, nil
	}
	return p.primary(depth)
}

// primary parses a word, filter, phrase or bracketed group.
func (p *parser) primary(depth int) (*node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, syntaxError("missing term at end")
	}
	p.pos++
	switch t.kind {
	case tokPhrase:
		p.leaves++
		return &node{kind: nodePhrase, text: t.text}, nil
	case tokWord:
		p.leaves++
		return word(t.text)
	case tokOpen:
		if depth >= maxDepth {
			return nil, syntaxError("brackets nested too deep")
		}
		n, err := p.and(depth + 1)
		if err != nil {
			return nil, err
		}
		if t, ok := p.peek(); !ok || t.kind != tokClose {
			return nil, syntaxError("unbalanced (")
		}
		p.pos++
		if len(n.kids) == 0 {
			return nil, syntaxError("empty brackets")
		}
		return n, nil
	default:
		return nil, syntaxError("operator where a term should be")
	}
}

// word is a word or, for field:value with a known field, a filter.
func word(w string) (*node, error) {
	name, value, ok := strings.Cut(w, ":")
	field, known := filterFields[strings.ToLower(name)]
	if !ok || !known {
		return &node{kind: nodeWord, text: w}, nil
	}
	v, ok := filterValue(field, value)
	if !ok {
		return nil, syntaxError("bad value for " + name)
	}
	return &node{kind: nodeFilter, field: field, text: v}, nil
}

// filterValue checks and normalises the value of a filter.
func filterValue(field, v string) (string, bool) {
	switch field {
	case fieldParty:
		v = strings.ToUpper(v)
		return v, isPartyCode(v)
	case fieldActor:
		if strings.EqualFold(v, JointActor) {
			return JointActor, true
		}
		v = strings.ToUpper(v)
		return v, isPartyCode(v)
	case fieldYear:
		return v, len(v) >= 1 && len(v) <= 4 && strings.Trim(v, "0123456789") == ""
	case fieldLang: // a BCP 47 tag, as its primary subtag: lang:pt-BR is lang:pt
		if len(v) < 2 || len(v) > 35 || strings.Trim(strings.ToLower(v), "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", false
		}
		return archive.LanguageBase(v), true
	default: // doc, kind: lower-case letters, digits and hyphens
		v = strings.ToLower(v)
		return v, v != "" && len(v) <= 200 && strings.Trim(v, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// plainWords is the fallback reading of s: its words, without operators,
// quotes, brackets or filters, as a conjunction of words.
func plainWords(s string) *node {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			r == '\'' || r == '’' || r == '-' || r == '\u2010' || r == '\u2011')
	})
	n := &node{kind: nodeAnd}
	for _, w := range f {
		w = strings.Trim(w, "-'’\u2010\u2011")
		if w == "" {
			continue
		}
		if len(n.kids) == maxLeaves {
			break
		}
		n.kids = append(n.kids, &node{kind: nodeWord, text: w})
	}
	return n
}

// isPartyCode reports whether v is shaped as a party's code: KZ, EU,
// UNSC, G7 (2 to 6 letters and digits, a letter first).
func isPartyCode(v string) bool {
	if len(v) < 2 || len(v) > 6 || !isASCIILetters(v[:1]) {
		return false
	}
	return strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == ""
}
