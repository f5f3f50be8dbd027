package classify

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// VocabularyDir is the folder of the content tree that holds the
// vocabularies: YAML files with any of the sections types, topics,
// entities and countries.
const VocabularyDir = "vocabulary"

// Entity kinds an editor may use; countries come from the countries section.
var entityKinds = []string{"organisation", "initiative", "event", "place"}

var (
	idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// at is a piece of vocabulary text and where it was written.
type at struct {
	text string
	file string
	line int
}

func (a at) where() string {
	if a.file == "" {
		return "the party vocabulary"
	}
	return fmt.Sprintf("%s:%d", a.file, a.line)
}

type typeDef struct {
	id          at
	t           *archive.CommitmentType
	phrases     []at
	participles []at
	verbs       []at // base forms, read in every tense
}

type topicDef struct {
	id    at
	t     *archive.Topic
	terms []at
}

type entityDef struct {
	id      at
	e       *archive.Entity
	aliases []at // the name first
}

type countryDef struct {
	code       string
	name       string
	aliases    []at
	adjectives []at
	line       int
	file       string
}

// vocabulary is every vocabulary file decoded, in file-name order.
type vocabulary struct {
	types     []typeDef
	topics    []topicDef
	entities  []entityDef
	countries []countryDef
	speakers  []speakerDef
	parties   *archive.Parties // the party vocabulary, read apart

	// The countries and speakers sections, decoded once the party vocabulary is known.
	countryNodes []countryNode
	speakerNodes []countryNode

	langs map[string]*langDef // what the files in other languages add, by language
}

// speakerDef is who speaks for a party: "President Biden", "the Secretary of State".
type speakerDef struct {
	party string
	names []at
}

type countryNode struct {
	file string
	n    *yaml.Node
}

// readVocabulary decodes every vocabulary/*.yaml file of fsys.
func readVocabulary(fsys fs.FS) (*vocabulary, content.ErrorList) {
	v := &vocabulary{}
	var errs content.ErrorList
	names, err := fs.Glob(fsys, VocabularyDir+"/*.yaml")
	if err != nil {
		return nil, content.ErrorList{{File: VocabularyDir, Msg: fmt.Sprintf("cannot list: %v", err)}}
	}
	sort.Strings(names)
	names = slices.DeleteFunc(names, func(n string) bool { return n == vocab.PartiesFile || n == vocab.SynonymsFile })
	if len(names) == 0 {
		return nil, content.ErrorList{{File: VocabularyDir, Msg: "no vocabulary: add vocabulary/commitments.yaml, topics.yaml and entities.yaml"}}
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, content.Error{File: name, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		d := &decoder{vocab.Decoder{File: name}}
		d.file1(src, v)
		errs = append(errs, d.errs()...)
	}
	return v, errs
}

// decoder decodes one vocabulary file strictly, collecting every problem.
type decoder struct{ vocab.Decoder }

// errs is what the decoder found, as the content loader reports it.
func (d *decoder) errs() content.ErrorList {
	out := make(content.ErrorList, len(d.Problems))
	for i, p := range d.Problems {
		out[i] = content.Error{File: p.File, Line: p.Line, Msg: p.Msg}
	}
	return out
}

func (d *decoder) file1(src []byte, v *vocabulary) {
	doc := d.Parse(src, "empty vocabulary file: write types, topics, entities or countries")
	if doc == nil {
		return
	}
	lang, ok := d.languageKey(doc)
	switch {
	case !ok:
		return
	case lang != "":
		d.languageFile(doc, v, lang)
		return
	}
	d.Fields(doc, "a vocabulary file", []string{"language", "types", "topics", "entities", "countries", "speakers"}, func(key string, val *yaml.Node) {
		if key == "language" {
			return
		}
		items := d.List(val, key)
		for _, n := range items {
			if key == "countries" {
				v.countryNodes = append(v.countryNodes, countryNode{d.File, n})
				continue
			}
			if key == "speakers" {
				v.speakerNodes = append(v.speakerNodes, countryNode{d.File, n})
				continue
			}
			switch key {
			case "types":
				d.commitmentType(n, v)
			case "topics":
				d.topic(n, v)
			case "entities":
				d.entity(n, v)
			}
		}
	})
}

// strings decodes a list of phrases; every phrase must hold a word.
func (d *decoder) strings(n *yaml.Node, what string) []at {
	var out []at
	for _, item := range d.List(n, what) {
		s := d.Scalar(item, "each of "+what)
		if item.Kind != yaml.ScalarNode {
			continue
		}
		words := fold(s)
		switch {
		case len(words) == 0:
			d.Add(item.Line, "empty entry in %s: write a word or phrase", what)
			continue
		case words[0] == "…" || words[len(words)-1] == "…":
			d.Add(item.Line, "%q: a gap (…) must stand between two words", s)
			continue
		}
		out = append(out, at{text: s, file: d.File, line: item.Line})
	}
	return out
}

// required reports missing fields of an item that starts at line.
func (d *decoder) required(line int, what string, got map[string]bool, names ...string) bool {
	ok := true
	for _, n := range names {
		if !got[n] {
			d.Add(line, "%s has no %s", what, n)
			ok = false
		}
	}
	return ok
}

func (d *decoder) id(n *yaml.Node) string {
	s := d.Scalar(n, "id")
	if s != "" && !idPattern.MatchString(s) {
		d.Add(n.Line, "bad id %q: an id is lower-case letters, digits and single hyphens", s)
	}
	return s
}

func (d *decoder) commitmentType(n *yaml.Node, v *vocabulary) {
	t := typeDef{t: &archive.CommitmentType{}}
	got := map[string]bool{}
	d.Fields(n, "a commitment type", []string{"id", "name", "summary", "verbs", "phrases", "participles"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "id":
			t.t.Code = d.id(val)
			t.id = at{t.t.Code, d.File, val.Line}
		case "name":
			t.t.Name = d.Scalar(val, key)
		case "summary":
			t.t.Summary = d.Scalar(val, key)
		case "phrases":
			t.phrases = d.strings(val, "phrases")
			if len(t.phrases) == 0 {
				d.Add(val.Line, "empty phrase list: a commitment type needs at least one verb phrase")
			}
		case "participles":
			t.participles = d.strings(val, "participles")
		case "verbs":
			t.verbs = d.strings(val, "verbs")
			for _, v := range t.verbs {
				if strings.Contains(v.text, "…") || strings.Contains(v.text, "...") {
					d.Add(v.line, "verb %q: a verb is conjugated, so it takes no gap (…); write it under phrases", v.text)
				}
			}
		}
	})
	if n.Kind == yaml.MappingNode && !got["phrases"] && !got["verbs"] {
		d.Add(n.Line, "commitment type has no verbs or phrases")
		got["phrases"] = false
	}
	if n.Kind == yaml.MappingNode && d.required(n.Line, "commitment type", got, "id", "name") && (got["phrases"] || got["verbs"]) {
		v.types = append(v.types, t)
		t.t.Strength = len(v.types)
	}
}

func (d *decoder) topic(n *yaml.Node, v *vocabulary) {
	t := topicDef{t: &archive.Topic{}}
	got := map[string]bool{}
	d.Fields(n, "a topic", []string{"id", "name", "terms"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "id":
			t.t.Slug = d.id(val)
			t.id = at{t.t.Slug, d.File, val.Line}
		case "name":
			t.t.Name = d.Scalar(val, key)
		case "terms":
			t.terms = d.strings(val, "terms")
			if len(t.terms) == 0 {
				d.Add(val.Line, "empty term list: a topic needs at least one term")
			}
		}
	})
	if n.Kind == yaml.MappingNode && d.required(n.Line, "topic", got, "id", "name", "terms") {
		v.topics = append(v.topics, t)
	}
}

func (d *decoder) entity(n *yaml.Node, v *vocabulary) {
	e := entityDef{e: &archive.Entity{}}
	got := map[string]bool{}
	var name at
	d.Fields(n, "an entity", []string{"id", "name", "kind", "aliases"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "id":
			e.e.Slug = d.id(val)
			e.id = at{e.e.Slug, d.File, val.Line}
		case "name":
			e.e.Name = d.Scalar(val, key)
			name = at{text: e.e.Name, file: d.File, line: val.Line}
			if e.e.Name != "" && len(fold(e.e.Name)) == 0 {
				d.Add(val.Line, "name %q holds no word", e.e.Name)
			}
		case "kind":
			e.e.Kind = d.Scalar(val, key)
			if e.e.Kind != "" && !contains(entityKinds, e.e.Kind) {
				d.Add(val.Line, "unknown kind %q: want one of %s (countries go under countries:)", e.e.Kind, strings.Join(entityKinds, ", "))
			}
		case "aliases":
			e.aliases = d.strings(val, "aliases")
		}
	})
	if n.Kind != yaml.MappingNode || !d.required(n.Line, "entity", got, "id", "name", "kind") {
		return
	}
	if len(fold(name.text)) > 0 {
		e.aliases = append([]at{name}, e.aliases...)
	}
	for _, a := range e.aliases {
		e.e.Aliases = append(e.e.Aliases, a.text)
	}
	v.entities = append(v.entities, e)
}

func (d *decoder) country(n *yaml.Node, v *vocabulary, parties *archive.Parties) {
	c := countryDef{line: n.Line, file: d.File}
	got := map[string]bool{}
	d.Fields(n, "a country", []string{"code", "name", "aliases", "adjectives"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "code":
			c.code = d.Scalar(val, key)
			if e, ok := parties.Entry(c.code); c.code != "" && (!ok || e.Kind != archive.State) {
				err := fmt.Errorf("unknown country %q: want the code of a state in %s, such as KZ or EE", c.code, vocab.PartiesFile)
				d.Add(val.Line, "%v", err)
				c.code = ""
			}
		case "name":
			c.name = d.Scalar(val, key)
		case "aliases":
			c.aliases = d.strings(val, "aliases")
		case "adjectives":
			c.adjectives = d.strings(val, "adjectives")
		}
	})
	if n.Kind == yaml.MappingNode && d.required(n.Line, "country", got, "code") && c.code != "" {
		v.countries = append(v.countries, c)
	}
}

// speaker decodes one speakers entry: the party and the names that speak for it.
func (d *decoder) speaker(n *yaml.Node, v *vocabulary, parties *archive.Parties) {
	sp := speakerDef{}
	got := map[string]bool{}
	d.Fields(n, "a speaker", []string{"party", "names"}, func(key string, val *yaml.Node) {
		got[key] = true
		switch key {
		case "party":
			sp.party = d.Scalar(val, key)
			if _, ok := parties.Entry(sp.party); sp.party != "" && !ok {
				d.Add(val.Line, "unknown party %q: want a code of %s, such as US or UNSC", sp.party, vocab.PartiesFile)
				sp.party = ""
			}
		case "names":
			sp.names = d.strings(val, "names")
		}
	})
	if n.Kind == yaml.MappingNode && d.required(n.Line, "speaker", got, "party", "names") && sp.party != "" {
		v.speakers = append(v.speakers, sp)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
