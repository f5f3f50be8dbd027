package classify

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/content"
)

const (
	okTypes = `types:
  - id: agreement
    name: Agreement
    phrases: [agreed to]
`
	okTopics = `topics:
  - id: trade
    name: Trade
    terms: [trade]
`
	okEntities = `entities:
  - id: united-nations
    name: United Nations
    kind: organisation
    aliases: [UN]
`
)

// TestVocabularyErrors: each malformed vocabulary gives file:line errors.
func TestVocabularyErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // under vocabulary/; the ok files fill the rest
		want  []string
	}{
		{
			name:  "unknown field",
			files: map[string]string{"commitments.yaml": okTypes + "    strength: 3\n"},
			want:  []string{`vocabulary/commitments.yaml:5: unknown field "strength" in a commitment type: the fields are id, name, summary, verbs, phrases, participles`},
		},
		{
			name:  "unknown section",
			files: map[string]string{"extra.yaml": "verbs: []\n"},
			want:  []string{`vocabulary/extra.yaml:1: unknown field "verbs" in a vocabulary file: the fields are language, types, topics, entities, countries, speakers`},
		},
		{
			name:  "empty phrase list",
			files: map[string]string{"commitments.yaml": "types:\n  - id: agreement\n    name: Agreement\n    phrases: []\n"},
			want:  []string{"vocabulary/commitments.yaml:4: empty phrase list: a commitment type needs at least one verb phrase"},
		},
		{
			name:  "empty term list",
			files: map[string]string{"topics.yaml": "topics:\n  - id: trade\n    name: Trade\n    terms: []\n"},
			want:  []string{"vocabulary/topics.yaml:4: empty term list: a topic needs at least one term"},
		},
		{
			name:  "duplicate id across files",
			files: map[string]string{"topics.yaml": "topics:\n  - id: united-nations\n    name: UN\n    terms: [united nations]\n"},
			want:  []string{`vocabulary/entities.yaml:2: duplicate id "united-nations": already defined at vocabulary/topics.yaml:2`},
		},
		{
			name:  "alias claimed by two entities",
			files: map[string]string{"entities.yaml": okEntities + "  - id: unesco\n    name: UNESCO\n    kind: organisation\n    aliases: [Un]\n"},
			want:  []string{`vocabulary/entities.yaml:9: alias "Un" is already claimed at vocabulary/entities.yaml:5`},
		},
		{
			name:  "alias claiming a country's name",
			files: map[string]string{"entities.yaml": okEntities + "  - id: kz\n    name: Kazakh Republic\n    kind: place\n    aliases: [Kazakhstan]\n"},
			want:  []string{`vocabulary/entities.yaml:9: alias "Kazakhstan" is already claimed at the party vocabulary`},
		},
		{
			name:  "phrase claimed by two types, in another spelling",
			files: map[string]string{"commitments.yaml": "types:\n  - id: a\n    name: A\n    phrases: [emphasised]\n  - id: b\n    name: B\n    phrases: [Emphasized]\n"},
			want:  []string{`vocabulary/commitments.yaml:7: phrase "Emphasized" is already claimed at vocabulary/commitments.yaml:4`},
		},
		{
			name:  "a verb with a gap",
			files: map[string]string{"commitments.yaml": "types:\n  - id: a\n    name: A\n    verbs: [express … concern]\n"},
			want:  []string{`vocabulary/commitments.yaml:4: verb "express … concern": a verb is conjugated, so it takes no gap (…); write it under phrases`},
		},
		{
			name:  "a verb's form claimed by two types",
			files: map[string]string{"commitments.yaml": "types:\n  - id: a\n    name: A\n    verbs: [support]\n  - id: b\n    name: B\n    verbs: [supports]\n"},
			want:  []string{`vocabulary/commitments.yaml:7: verb "supports": its form "supports" is already a form of the verb at vocabulary/commitments.yaml:4`},
		},
		{
			name:  "a type with no verbs or phrases",
			files: map[string]string{"commitments.yaml": okTypes + "  - id: b\n    name: B\n"},
			want:  []string{`vocabulary/commitments.yaml:5: commitment type has no verbs or phrases`},
		},
		{
			name:  "a speaker of an unknown party",
			files: map[string]string{"speakers.yaml": "speakers:\n  - party: XY\n    names: [President Smith]\n"},
			want:  []string{`vocabulary/speakers.yaml:2: unknown party "XY": want a code of vocabulary/parties.yaml, such as US or UNSC`},
		},
		{
			name:  "a speaker listed twice",
			files: map[string]string{"speakers.yaml": "speakers:\n  - party: US\n    names: [President Smith]\n  - party: GB\n    names: [president smith]\n"},
			want:  []string{`vocabulary/speakers.yaml:5: speaker "president smith" is already listed at vocabulary/speakers.yaml:3`},
		},
		{
			name:  "unknown entity kind",
			files: map[string]string{"entities.yaml": "entities:\n  - id: x\n    name: X\n    kind: planet\n"},
			want:  []string{`vocabulary/entities.yaml:4: unknown kind "planet": want one of organisation, initiative, event, place (countries go under countries:)`},
		},
		{
			name:  "unknown country",
			files: map[string]string{"entities.yaml": okEntities + "countries:\n  - code: XX\n"},
			want:  []string{`vocabulary/entities.yaml:7: unknown country "XX": want the code of a state in vocabulary/parties.yaml, such as KZ or EE`},
		},
		{
			name:  "missing fields and a bad id",
			files: map[string]string{"topics.yaml": "topics:\n  - id: Trade Deals\n    terms: [trade]\n"},
			want: []string{
				`vocabulary/topics.yaml:2: bad id "Trade Deals": an id is lower-case letters, digits and single hyphens`,
				"vocabulary/topics.yaml:2: topic has no name",
			},
		},
		{
			name:  "gap at the end",
			files: map[string]string{"commitments.yaml": "types:\n  - id: a\n    name: A\n    phrases: [expressed …, agreed]\n"},
			want:  []string{`vocabulary/commitments.yaml:4: "expressed …": a gap (…) must stand between two words`},
		},
		{
			name:  "bad YAML",
			files: map[string]string{"topics.yaml": "topics:\n  - id: trade\n    name: x\n  bad\n"},
			want:  []string{"vocabulary/topics.yaml:4: not valid YAML: could not find expected ':'"},
		},
		{
			name:  "a language with no grammar",
			files: map[string]string{"de.yaml": "language: de\ntopics:\n  - {id: trade, terms: [Handel]}\n"},
			want:  []string{`vocabulary/de.yaml:1: language "de": the rules read en, fr, ru; a language needs its grammar words in the code first`},
		},
		{
			name: "ids a language file does not know",
			files: map[string]string{"ru.yaml": "language: ru\ntypes:\n  - {id: promise, phrases: [обещали]}\n" +
				"topics:\n  - {id: fishing, terms: [рыболовство]}\nentities:\n  - {id: atlantis, aliases: [Атлантида]}\n" +
				"parties:\n  - {code: XY, names: [Иксия]}\n"},
			want: []string{
				`vocabulary/ru.yaml:3: unknown commitment type "promise": a ru file adds phrases to the types of the English vocabulary (agreement)`,
				`vocabulary/ru.yaml:5: unknown topic "fishing": a ru file adds terms to the topics of the English vocabulary`,
				`vocabulary/ru.yaml:7: unknown entity "atlantis": a ru file adds names to the entities of the English vocabulary`,
				`vocabulary/ru.yaml:9: unknown party "XY": want a code of the party vocabulary, such as RU or UNSC`,
			},
		},
		{
			name: "a phrase twice in one language, across files",
			files: map[string]string{
				"ru.yaml":  "language: ru\ntypes:\n  - id: agreement\n    phrases: [договорились]\n",
				"ru2.yaml": "language: ru\ntypes:\n  - id: agreement\n    phrases: [Договорились]\n",
			},
			want: []string{`vocabulary/ru2.yaml:4: phrase "Договорились" is already claimed at vocabulary/ru.yaml:4`},
		},
		{
			name:  "what only English defines, in a language file",
			files: map[string]string{"fr.yaml": "language: fr\ntypes:\n  - {id: agreement, name: Accord, verbs: [convenir]}\ncountries:\n  - code: FR\n"},
			want: []string{
				`vocabulary/fr.yaml:3: unknown field "name" in a commitment type in another language (an id and its phrases): the fields are id, phrases, participles`,
				`vocabulary/fr.yaml:3: unknown field "verbs" in a commitment type in another language (an id and its phrases): the fields are id, phrases, participles`,
				`vocabulary/fr.yaml:4: unknown field "countries" in a vocabulary file: the fields are language, types, topics, entities, parties, speakers`,
			},
		},
		{
			name:  "errors in several files, all reported",
			files: map[string]string{"topics.yaml": "topics: 3\n", "entities.yaml": "entities:\n  - id: x\n"},
			want: []string{
				"vocabulary/entities.yaml:2: entity has no name",
				"vocabulary/entities.yaml:2: entity has no kind",
				"vocabulary/topics.yaml:1: topics must be a list",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range map[string]string{"commitments.yaml": okTypes, "topics.yaml": okTopics, "entities.yaml": okEntities} {
				fsys["vocabulary/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			for name, src := range tt.files {
				fsys["vocabulary/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			_, err := Load(fsys)
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load = %v; want a content.ErrorList", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("Load errors:\n%v\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				if got := list[i].Error(); !strings.HasPrefix(got, w) {
					t.Errorf("error %d = %q; want %q", i, got, w)
				}
			}
		})
	}
}

func TestVocabularyValid(t *testing.T) {
	fsys := fstest.MapFS{
		"vocabulary/commitments.yaml": {Data: []byte(okTypes)},
		"vocabulary/topics.yaml":      {Data: []byte(okTopics)},
		"vocabulary/entities.yaml":    {Data: []byte(okEntities)},
	}
	if _, err := Load(fsys); err != nil {
		t.Errorf("Load(minimal vocabulary) = %v", err)
	}
	if _, err := Load(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "no vocabulary") {
		t.Errorf("Load(empty tree) = %v; want a 'no vocabulary' error", err)
	}
}

// TestOverride: the editor's classification wins over the rules, and
// unknown ids are reported at their line.
func TestOverride(t *testing.T) {
	seed, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		t.Fatal(err)
	}
	withOverride := func(yml string) fstest.MapFS {
		src := strings.Replace(string(seed), "language: en\n", "language: en\n"+yml, 1)
		fsys := fstest.MapFS{"documents/" + seedSlug + ".md": {Data: []byte(src)}}
		for _, name := range []string{"commitments.yaml", "topics.yaml", "entities.yaml"} {
			b, err := os.ReadFile("../../content/vocabulary/" + name)
			if err != nil {
				t.Fatal(err)
			}
			fsys["vocabulary/"+name] = &fstest.MapFile{Data: b}
		}
		return fsys
	}

	a, _, err := LoadArchive(withOverride(`classification:
  9:
    commitments:
      - {type: agreement, phrase: agreements reached}
    topics: [trade]
  preamble__p_5:
    entities: []
`))
	if err != nil {
		t.Fatalf("LoadArchive = %v", err)
	}
	d, _ := a.Document(seedSlug)
	c9, _ := d.Clause(9)
	if got := describe(c9.Commitments); got != `agreement "agreements reached" all` {
		t.Errorf("clause 9 commitments = %s; want the editor's", got)
	}
	if len(c9.Topics) != 1 || c9.Topics[0].Slug != "trade" {
		t.Errorf("clause 9 topics = %v; want [trade]", c9.Topics)
	}
	if len(c9.Entities) != 0 {
		t.Errorf("clause 9 entities = %v; want the rules' (none)", c9.Entities)
	}
	if p := d.Preamble[4].Classification; len(p.Entities) != 0 || len(p.Topics) != 0 {
		t.Errorf("preamble 5 = %v entities; want none", p.Entities)
	}
	if c1, _ := d.Clause(1); len(c1.Commitments) != 1 {
		t.Errorf("clause 1 without override: %d commitments; want the rules' 1", len(c1.Commitments))
	}

	_, _, err = LoadArchive(withOverride(`classification:
  9:
    commitments:
      - {type: promise, phrase: expressed confidence}
    topics: [trade, gardening]
    entities: [atlantis]
`))
	want := []string{
		"documents/" + seedSlug + ".md:11: unknown commitment type \"promise\"",
		"documents/" + seedSlug + ".md:12: unknown topic \"gardening\"",
		"documents/" + seedSlug + ".md:13: unknown entity \"atlantis\"",
	}
	var list content.ErrorList
	if !errors.As(err, &list) || len(list) != len(want) {
		t.Fatalf("LoadArchive(bad ids) = %v; want %d errors", err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(list[i].Error(), w) {
			t.Errorf("error %d = %q; want %q", i, list[i].Error(), w)
		}
	}
}
