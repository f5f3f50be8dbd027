package classify

import (
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// A vocabulary file in another language than English says so with a
// language key ("language: ru"), and adds that language's words to the
// types, topics, entities and parties the English vocabulary defines:
//
//	language: ru
//	types:    [{id: agreement, phrases: [договорились], participles: […]}]
//	topics:   [{id: trade, terms: [торговля, торговли]}]
//	entities: [{id: sdgs, aliases: [Цели устойчивого развития]}]
//	parties:  [{code: KZ, names: [Казахстан], forms: [Казахстана], adjectives: [казахстанская]}]
//	speakers: [{party: RU, names: [Президент Путин]}]
//
// Its phrases are written in every form texts use: the rules conjugate
// English only. Any form finds its subject by looking back to its
// sentence's start, as an English past tense does (the endings of
// Russian and French verbs tell them from nouns, which English "support"
// does not); one opening a paragraph of an organ's text is the organ's.
// A party's names may be the subject of a commitment; its forms (other
// cases) only name it.

// langDef is what the files of one language add.
type langDef struct {
	lang     string
	types    []langItem
	topics   []langItem
	entities []langItem
	parties  []langParty
	speakers []speakerDef
	speakerN []countryNode
}

// langItem adds phrases to the type, topic or entity id.
type langItem struct {
	id          at
	phrases     []at
	participles []at
}

type langParty struct {
	code                     at
	names, forms, adjectives []at
}

// lexicon is what reads one language: its grammar and the vocabulary's
// phrases in it.
type lexicon struct {
	lang    string
	g       grammar
	verbs   matcher // target: index in types
	terms   matcher // target: index in topics
	names   matcher // target: index in entities
	parties matcher // target: index in partyOf
}

// Reads reports whether the rules read texts in the language tag.
func (r *Rules) Reads(tag string) bool {
	_, ok := r.langs[archive.LanguageBase(tag)]
	return ok
}

// Languages lists the languages the rules read, English first.
func (r *Rules) Languages() []string {
	out := []string{"en"}
	for l := range r.langs {
		if l != "en" {
			out = append(out, l)
		}
	}
	sort.Strings(out[1:])
	return out
}

// languageKey reads a file's language key, before its sections: "" is
// English. ok is false for a language the rules cannot read: the file is
// not read further.
func (d *decoder) languageKey(doc *yaml.Node) (lang string, ok bool) {
	if doc.Kind != yaml.MappingNode {
		return "", true
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != "language" {
			continue
		}
		val := doc.Content[i+1]
		s := d.Scalar(val, "language")
		if s == "" {
			return "", true
		}
		lang := archive.LanguageBase(s)
		if _, ok := grammars[lang]; !ok || lang != strings.ToLower(s) {
			d.Add(val.Line, "language %q: the rules read %s; a language needs its grammar words in the code first", s, strings.Join(grammarList(), ", "))
			return "", false
		}
		if lang == "en" {
			return "", true
		}
		return lang, true
	}
	return "", true
}

func grammarList() []string {
	var out []string
	for l := range grammars {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// languageFile decodes the sections of a file in another language.
func (d *decoder) languageFile(doc *yaml.Node, v *vocabulary, lang string) {
	if v.langs == nil {
		v.langs = map[string]*langDef{}
	}
	l := v.langs[lang]
	if l == nil {
		l = &langDef{lang: lang}
		v.langs[lang] = l
	}
	d.Fields(doc, "a vocabulary file", []string{"language", "types", "topics", "entities", "parties", "speakers"}, func(key string, val *yaml.Node) {
		if key == "language" {
			return
		}
		for _, n := range d.List(val, key) {
			switch key {
			case "types":
				if it, ok := d.langItem(n, "a commitment type", "phrases", "participles"); ok {
					l.types = append(l.types, it)
				}
			case "topics":
				if it, ok := d.langItem(n, "a topic", "terms", ""); ok {
					l.topics = append(l.topics, it)
				}
			case "entities":
				if it, ok := d.langItem(n, "an entity", "aliases", ""); ok {
					l.entities = append(l.entities, it)
				}
			case "parties":
				d.langParty(n, l)
			case "speakers":
				l.speakerN = append(l.speakerN, countryNode{d.File, n})
			}
		}
	})
}

// langItem decodes {id, <list>[, <list2>]}: the id must be the English
// vocabulary's, which names and describes it.
func (d *decoder) langItem(n *yaml.Node, what, list, list2 string) (langItem, bool) {
	it := langItem{}
	known := []string{"id", list}
	if list2 != "" {
		known = append(known, list2)
	}
	got := map[string]bool{}
	d.Fields(n, what+" in another language (an id and its "+list+")", known, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "id":
			it.id = at{d.id(val), d.File, val.Line}
		case list:
			it.phrases = d.strings(val, list)
		case list2:
			it.participles = d.strings(val, list2)
		}
	})
	return it, n.Kind == yaml.MappingNode && d.required(n.Line, what, got, "id") && it.id.text != ""
}

func (d *decoder) langParty(n *yaml.Node, l *langDef) {
	p := langParty{}
	got := map[string]bool{}
	d.Fields(n, "a party's names", []string{"code", "names", "forms", "adjectives"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "code":
			p.code = at{d.Scalar(val, key), d.File, val.Line}
		case "names":
			p.names = d.strings(val, key)
		case "forms":
			p.forms = d.strings(val, key)
		case "adjectives":
			p.adjectives = d.strings(val, key)
		}
	})
	if n.Kind == yaml.MappingNode && d.required(n.Line, "party", got, "code") && p.code.text != "" {
		l.parties = append(l.parties, p)
	}
}

// buildLanguage makes the lexicon of one language from what its files
// add to the English vocabulary.
func (r *Rules) buildLanguage(l *langDef, fail func(at, string, ...any)) {
	lx := &lexicon{lang: l.lang, g: newGrammar(r.dict, grammars[l.lang])}
	r.langs[l.lang] = lx
	add := func(m *matcher, owner map[string]at, p at, target int32, participle bool, what string) {
		words := fold(p.text)
		key := strings.Join(words, " ")
		if prev, ok := owner[key]; ok {
			fail(p, "%s %q is already claimed at %s", what, p.text, prev.where())
			return
		}
		owner[key] = p
		m.addForm(r.dict.ids(words), target, participle, false)
	}
	owner := map[string]at{}
	for _, t := range l.types {
		typ, ok := r.typeBy[t.id.text]
		if !ok {
			fail(t.id, "unknown commitment type %q: a %s file adds phrases to the types of the English vocabulary (%s)", t.id.text, l.lang, list(r.types, func(t *archive.CommitmentType) string { return t.Code }))
			continue
		}
		for _, p := range t.phrases {
			add(&lx.verbs, owner, p, int32(typ.Strength-1), false, "phrase")
		}
		for _, p := range t.participles {
			add(&lx.verbs, owner, p, int32(typ.Strength-1), true, "phrase")
		}
	}
	// Topics take terms, entities names: each item adds phrases to one
	// the English vocabulary defines.
	extend := func(items []langItem, by map[string]int, m *matcher, kind, kinds, adds, what string) map[string]at {
		owner := map[string]at{}
		for _, it := range items {
			i, ok := by[it.id.text]
			if !ok {
				fail(it.id, "unknown %s %q: a %s file adds %s to the %s of the English vocabulary", kind, it.id.text, l.lang, adds, kinds)
				continue
			}
			for _, p := range it.phrases {
				add(m, owner, p, int32(i), false, what)
			}
		}
		return owner
	}
	extend(l.topics, r.topicBy, &lx.terms, "topic", "topics", "terms", "term")
	// The parties' names below are aliases too: one owner for both.
	owner = extend(l.entities, r.entityBy, &lx.names, "entity", "entities", "names", "alias")
	subjects := map[string]at{}
	for _, p := range l.parties {
		if _, ok := r.partyVocabulary.Entry(p.code.text); !ok {
			fail(p.code, "unknown party %q: want a code of the party vocabulary, such as RU or UNSC", p.code.text)
			continue
		}
		entity, hasEntity := r.partyEntity[p.code.text]
		ref := int32(len(r.partyOf))
		r.partyOf = append(r.partyOf, partyRef{code: p.code.text})
		for _, n := range p.names {
			add(&lx.parties, subjects, n, ref, false, "party name")
		}
		if hasEntity {
			for _, n := range append(slices.Clip(p.names), p.forms...) {
				add(&lx.names, owner, n, entity, false, "alias")
			}
		}
		if len(p.adjectives) > 0 {
			adj := int32(len(r.partyOf))
			r.partyOf = append(r.partyOf, partyRef{code: p.code.text, adjective: true})
			for _, a := range p.adjectives {
				add(&lx.parties, subjects, a, adj, false, "adjective")
			}
		}
	}
	for _, sp := range l.speakers {
		ref := int32(len(r.partyOf))
		r.partyOf = append(r.partyOf, partyRef{code: sp.party})
		for _, n := range sp.names {
			add(&lx.parties, subjects, n, ref, false, "speaker")
		}
	}
	lx.done(len(r.dict))
}

// done freezes the lexicon's matchers once the dictionary holds n words.
func (lx *lexicon) done(n int) {
	lx.verbs.done(n)
	lx.terms.done(n)
	lx.names.done(n)
	lx.parties.done(n)
}

// mapPartyEntities records the entity of each party: a country's, or the
// one of the English vocabulary whose name or alias is one of the party's
// names ("G7", "United Nations").
func (r *Rules) mapPartyEntities() {
	r.partyEntity = map[string]int32{}
	for i, e := range r.entities {
		if e.Country != "" {
			r.partyEntity[e.Country] = int32(i)
		}
	}
	sc := scanner{dict: r.dict}
	for _, p := range r.partyVocabulary.Entries() {
		if _, ok := r.partyEntity[p.Code]; ok || p.Kind == archive.State {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			ws := sc.scan(n)
			if len(ws) == 0 {
				continue
			}
			if ph, end := r.names.at(ws, 0); ph != nil && end == len(ws) {
				r.partyEntity[p.Code] = ph.target
				break
			}
		}
	}
}
