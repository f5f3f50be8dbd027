package classify

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
)

// Rules classify units with the vocabularies of one content tree. They are
// immutable once loaded and safe for concurrent use.
type Rules struct {
	types    []*archive.CommitmentType // strongest first
	topics   []*archive.Topic
	entities []*archive.Entity // every country, then the vocabulary's
	typeBy   map[string]*archive.CommitmentType
	topicBy  map[string]int
	entityBy map[string]int

	dict        dictionary
	lexicon                         // English: the vocabulary's own language
	langs       map[string]*lexicon // every language the rules read, English too
	partyOf     []partyRef
	partyEntity map[string]int32 // party code → its entity, for the names of other languages

	partyVocabulary *archive.Parties // what actors and countries are checked against
}

// partyRef is what a party-naming phrase points to.
type partyRef struct {
	code      string
	adjective bool // "Estonian", as in "the Estonian side"
}

// Load reads the vocabularies under vocabulary/ in fsys and builds the
// rules. If any file has problems it returns a content.ErrorList holding
// all of them, each as file:line: message.
func Load(fsys fs.FS) (*Rules, error) {
	v, errs := readVocabulary(fsys)
	if v != nil {
		v.parties, errs = loadParties(fsys, errs)
		errs = v.decodeCountries(errs)
		var r *Rules
		r, errs = build(v, errs)
		if len(errs) == 0 {
			return r, nil
		}
	}
	sortErrors(errs)
	return nil, errs
}

// build turns decoded vocabularies into rules, checking that no id, phrase,
// term or alias is defined twice.
func build(v *vocabulary, errs content.ErrorList) (*Rules, content.ErrorList) {
	r := &Rules{
		typeBy:   map[string]*archive.CommitmentType{},
		topicBy:  map[string]int{},
		entityBy: map[string]int{},
		dict:     dictionary{},

		partyVocabulary: v.parties,
	}
	r.lang, r.g = "en", newGrammar(r.dict, grammars["en"])
	r.langs = map[string]*lexicon{"en": &r.lexicon}
	fail := func(a at, format string, args ...any) {
		errs = append(errs, content.Error{File: a.file, Line: a.line, Msg: fmt.Sprintf(format, args...)})
	}
	ids := map[string]at{} // every id, of any kind: one namespace keeps links unambiguous
	claim := func(id string, a at) bool {
		if prev, ok := ids[id]; ok {
			fail(a, "duplicate id %q: already defined at %s", id, prev.where())
			return false
		}
		ids[id] = a
		return true
	}

	phraseOwner := map[string]at{}
	addPhrases := func(m *matcher, list []at, target int, participle bool, what string) {
		for _, p := range list {
			words := fold(p.text)
			key := strings.Join(words, " ")
			if prev, ok := phraseOwner[key]; ok {
				fail(p, "%s %q is already claimed at %s", what, p.text, prev.where())
				continue
			}
			phraseOwner[key] = p
			// A verb phrase in the present ("express … concern", "commit
			// themselves to") needs its subject as a present verb does.
			present := m == &r.verbs && !participle && !strings.HasSuffix(words[0], "ed") && len(words) > 1 && !r.g.modal[r.dict.add(words[0])]
			m.addForm(r.dict.ids(words), int32(target), participle, present)
		}
	}

	if len(v.types) == 0 {
		errs = append(errs, content.Error{File: VocabularyDir, Msg: "no commitment types: add a types: section"})
	}
	for _, t := range v.types {
		if !claim(t.t.Code, t.id) {
			continue
		}
		t.t.Strength = len(r.types) + 1
		r.typeBy[t.t.Code] = t.t
		addPhrases(&r.verbs, t.phrases, len(r.types), false, "phrase")
		addPhrases(&r.verbs, t.participles, len(r.types), true, "phrase")
		r.types = append(r.types, t.t)
	}
	// Verbs after every type's phrases: a form a phrase lists is that phrase's.
	for _, t := range v.types {
		if x, ok := r.typeBy[t.t.Code]; ok && x == t.t {
			r.addVerbs(t.verbs, t.t.Strength-1, phraseOwner, fail)
		}
	}

	phraseOwner = map[string]at{}
	for _, t := range v.topics {
		if !claim(t.t.Slug, t.id) {
			continue
		}
		r.topicBy[t.t.Slug] = len(r.topics)
		addPhrases(&r.terms, t.terms, len(r.topics), false, "term")
		r.topics = append(r.topics, t.t)
	}

	// Countries first, so that an alias or id that takes a country's name is the error.
	phraseOwner = map[string]at{}
	r.addCountries(v.countries, claim, phraseOwner, fail)
	r.addOtherParties()
	r.addSpeakers(v.speakers, fail)
	for _, e := range v.entities {
		if !claim(e.e.Slug, e.id) {
			continue
		}
		r.entityBy[e.e.Slug] = len(r.entities)
		addPhrases(&r.names, e.aliases, len(r.entities), false, "alias")
		r.entities = append(r.entities, e.e)
	}
	r.addPartyEntities(ids, phraseOwner)
	r.lexicon.done(len(r.dict))
	r.mapPartyEntities()
	langs := make([]string, 0, len(v.langs))
	for l := range v.langs {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		r.buildLanguage(v.langs[l], fail)
	}
	return r, errs
}

// addVerbs adds every form of the types' verbs. A form the type lists
// as a phrase already is that phrase; a form another type claims is an error.
func (r *Rules) addVerbs(verbs []at, target int, owner map[string]at, fail func(at, string, ...any)) {
	type form struct {
		text                string
		participle, present bool
	}
	for _, v := range verbs {
		f := conjugate(v.text)
		forms := []form{{f.past, false, false}, {f.participle, true, false}}
		for _, p := range f.present {
			forms = append(forms, form{p, false, true})
		}
		for _, x := range forms {
			words := fold(x.text)
			key := strings.Join(words, " ")
			if prev, ok := owner[key]; ok {
				generated := strings.HasPrefix(prev.text, "@")
				if generated && prev.text != "@"+strconv.Itoa(target) {
					fail(v, "verb %q: its form %q is already a form of the verb at %s", v.text, x.text, prev.where())
				}
				continue
			}
			owner[key] = at{text: "@" + strconv.Itoa(target), file: v.file, line: v.line}
			r.verbs.addForm(r.dict.ids(words), int32(target), x.participle, x.present)
		}
	}
}

// addPartyEntities makes the organisations, organs and groups of the party
// vocabulary entities too ("G7", "Security Council", "IMF"), so that they
// are written once. One that entities.yaml names already under any of its
// names or ids is the editor's; an alias that is a common word ("WHO",
// "the Fund", "the Council") names it as a subject, not as an entity.
func (r *Rules) addPartyEntities(ids map[string]at, owner map[string]at) {
	for _, p := range r.partyVocabulary.Entries() {
		if p.Kind == archive.State || p.Historical() {
			continue
		}
		names := append([]string{p.Name}, p.Aliases...)
		taken := false
		for _, n := range names {
			if _, ok := owner[strings.Join(fold(n), " ")]; ok {
				taken = true
			}
		}
		e := &archive.Entity{Slug: slug(p.Name), Name: p.Name, Kind: "organisation"}
		if _, ok := ids[e.Slug]; ok || taken || e.Slug == "" {
			continue
		}
		ids[e.Slug] = at{text: p.Name}
		target := int32(len(r.entities))
		r.entityBy[e.Slug] = len(r.entities)
		for _, n := range names {
			words := fold(n)
			if len(words) == 0 || len(words) == 1 && r.commonWord(words[0]) || len(words) == 2 && words[0] == "the" {
				continue
			}
			owner[strings.Join(words, " ")] = at{text: n}
			e.Aliases = append(e.Aliases, n)
			r.names.add(r.dict.ids(words), target, false)
		}
		r.entities = append(r.entities, e)
	}
}

// commonWord reports an English word an acronym may fold to: "WHO" is "who".
func (r *Rules) commonWord(w string) bool {
	id, ok := r.dict[w]
	g := &r.g
	return ok && (g.relative[id] || g.prep[id] || g.determiner[id] || g.skip[id] || g.modal[id]) || w == "au" || w == "com" || w == "ep"
}

// addCountries makes every ISO country an entity named as ISO names it,
// with the aliases and adjectives the vocabulary adds.
func (r *Rules) addCountries(list []countryDef, claim func(string, at) bool, owner map[string]at, fail func(at, string, ...any)) {
	extra := map[string]countryDef{}
	for _, c := range list {
		if prev, ok := extra[c.code]; ok {
			fail(at{c.code, c.file, c.line}, "country %s is already listed at %s:%d", c.code, prev.file, prev.line)
			continue
		}
		extra[c.code] = c
	}
	for _, p := range countries(r.partyVocabulary) {
		c := extra[p.Code]
		name := p.Name
		if c.name != "" {
			name = c.name
		}
		e := &archive.Entity{Slug: slug(name), Name: name, Kind: "country", Country: p.Code}
		where := at{text: name} // from the ISO list
		if c.file != "" {
			where = at{name, c.file, c.line}
		}
		if !claim(e.Slug, where) {
			continue
		}
		target := len(r.entities)
		r.entityBy[e.Slug] = target
		party := int32(len(r.partyOf))
		r.partyOf = append(r.partyOf, partyRef{code: p.Code})
		names := []at{where}
		if c.name != "" {
			names = append(names, at{p.Name, c.file, c.line})
		}
		names = append(names, c.aliases...)
		// The party vocabulary's aliases ("the U.S.", "the ROK") name the
		// state too, after the editor's: a repeat of one is dropped.
		if pe, ok := r.partyVocabulary.Entry(p.Code); ok {
			for _, a := range pe.Aliases {
				names = append(names, at{text: a})
			}
		}
		for _, a := range names {
			words := fold(a.text)
			key := strings.Join(words, " ")
			if prev, ok := owner[key]; ok {
				if a.file != "" {
					fail(a, "alias %q is already claimed at %s", a.text, prev.where())
				}
				continue
			}
			owner[key] = a
			e.Aliases = append(e.Aliases, a.text)
			ids := r.dict.ids(words)
			r.names.add(ids, int32(target), false)
			r.parties.add(ids, party, false)
		}
		if len(c.adjectives) > 0 {
			adj := int32(len(r.partyOf))
			r.partyOf = append(r.partyOf, partyRef{code: p.Code, adjective: true})
			for _, a := range c.adjectives {
				r.parties.add(r.dict.ids(fold(a.text)), adj, false)
			}
		}
		r.entities = append(r.entities, e)
	}
}

// ids numbers a folded phrase; "…" becomes a gap.
func (d dictionary) ids(words []string) []int32 {
	out := make([]int32, len(words))
	for i, w := range words {
		if w == "…" {
			out[i] = gap
			continue
		}
		out[i] = d.add(w)
	}
	return out
}

// slug is a display name as an address segment: "Côte d'Ivoire" → "cote-d-ivoire".
func slug(name string) string {
	var parts []string
	var buf []byte
	for i := 0; i <= len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if i < len(name) && isWordRune(r) {
			buf = foldRune(buf, r)
		} else if len(buf) > 0 {
			parts = append(parts, string(buf))
			buf = buf[:0]
		}
		if i == len(name) {
			break
		}
		i += size
	}
	return strings.Join(parts, "-")
}

// Types lists the commitment types, strongest first.
func (r *Rules) Types() []*archive.CommitmentType { return r.types }

// Topics lists the topics in vocabulary order.
func (r *Rules) Topics() []*archive.Topic { return r.topics }

// Entities lists every country, then the vocabulary's entities.
func (r *Rules) Entities() []*archive.Entity { return r.entities }

// Type returns the commitment type with the given code.
func (r *Rules) Type(code string) (*archive.CommitmentType, bool) {
	t, ok := r.typeBy[code]
	return t, ok
}

// Topic returns the topic with the given slug.
func (r *Rules) Topic(slug string) (*archive.Topic, bool) {
	i, ok := r.topicBy[slug]
	if !ok {
		return nil, false
	}
	return r.topics[i], true
}

// Entity returns the entity with the given slug.
func (r *Rules) Entity(slug string) (*archive.Entity, bool) {
	i, ok := r.entityBy[slug]
	if !ok {
		return nil, false
	}
	return r.entities[i], true
}

// LoadArchive loads the documents and the vocabularies of fsys and
// classifies every unit. It reports the problems of both, sorted, as one
// content.ErrorList.
func LoadArchive(fsys fs.FS) (*archive.Archive, *Rules, error) {
	a, docErr := content.Load(fsys)
	r, vocErr := Load(fsys)
	return Classify(a, docErr, r, vocErr)
}

// Classify applies r to a when the documents and the vocabularies both
// loaded without problems (docErr and vocErr nil); otherwise it reports
// the problems of both, sorted, as one content.ErrorList.
func Classify(a *archive.Archive, docErr error, r *Rules, vocErr error) (*archive.Archive, *Rules, error) {
	var all content.ErrorList
	for _, err := range []error{docErr, vocErr} {
		var list content.ErrorList
		switch {
		case err == nil:
		case errors.As(err, &list):
			all = append(all, list...)
		default:
			return nil, nil, err
		}
	}
	if len(all) == 0 {
		if err := r.Apply(a); err != nil {
			return nil, nil, err
		}
		return a, r, nil
	}
	sortErrors(all)
	return nil, nil, dedupe(all)
}

func sortErrors(l content.ErrorList) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}
