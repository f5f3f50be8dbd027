package search

import (
	"context"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/relevance"
)

// langDocs are short statements in four languages, by slug: front matter
// lines, then the text.
var langDocs = map[string][2]string{
	"2025-01-01-en": {"title: Joint Statement\nparties: [KZ, EE]\nlanguage: en\n",
		"1. The Parties agreed to strengthen their coastal defence cooperation.\n\n" +
			"2. The Parties welcomed the agreement on transport with Estonia.\n"},
	"2025-01-02-ru": {"title: Совместное заявление\nparties: [KZ, EE]\nlanguage: ru\n",
		"1. Стороны договорились укреплять сотрудничество в области береговой обороны.\n\n" +
			"2. Береговая охрана Сторон проведёт совместные учения.\n\n" +
			"3. Стороны приветствовали соглашения о транспорте.\n"},
	"2025-01-03-fr": {"title: Déclaration commune\nparties: [KZ, EE]\nlanguage: fr\n",
		"1. Les Parties se félicitent de l'accord sur le transport maritime.\n\n" +
			"2. Les accords commerciaux seront renforcés.\n"},
	"2025-01-04-et": {"title: Ühisavaldus\nparties: [KZ, EE]\nlanguage: et\n",
		"1. Pooled leppisid kokku õli transpordi tingimustes.\n\n" +
			"2. Kohtumine oli edukas ja sisukas.\n\n" +
			"3. Pooled toetavad süsinikuneutraalset tööstust.\n"},
}

// langIndex indexes docs (slug: front matter lines, text) with the
// repository's vocabularies.
func langIndex(t *testing.T, docs map[string][2]string) *Index {
	t.Helper()
	m := fstest.MapFS{}
	for slug, d := range docs {
		src := "---\n" + d[0] + "kind: statement\ndate: " + slug[:10] + "\n---\n" + d[1]
		m[path.Join("documents", slug+".md")] = &fstest.MapFile{Data: []byte(src)}
	}
	a, err := content.Load(m)
	if err != nil {
		t.Fatalf("content.Load(fixture) = %v", err)
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// wantUnits fails unless q finds exactly want (slug#eId), in any order.
func wantUnits(t *testing.T, ix *Index, q Query, want ...string) *Results {
	t.Helper()
	res := mustSearch(t, ix, q)
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Doc.Slug+"#"+h.EID)
	}
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Search(%+v) = %q; want %q", q, got, want)
	}
	return res
}

// A Russian query finds the Russian text in another inflected form, and
// only the units that hold every word.
func TestLangRussianInflection(t *testing.T) {
	ix := langIndex(t, langDocs)
	res := wantUnits(t, ix, Query{Text: "береговая оборона"}, "2025-01-02-ru#para_1")
	if h := res.Hits[0]; h.Lang != "ru" || h.Snippet == "" || !containsMark(h.Snippet, "береговой") || !containsMark(h.Snippet, "обороны") {
		t.Errorf("hit: Lang %q, snippet %q; want ru, with both words marked", h.Lang, h.Snippet)
	}
	wantUnits(t, ix, Query{Text: "береговую"}, "2025-01-02-ru#para_1", "2025-01-02-ru#para_2")
	wantUnits(t, ix, Query{Text: "соглашение транспорт"}, "2025-01-02-ru#para_3")
}

// French elision and plurals: l'accord finds accords, and the other way.
func TestLangFrenchElisionAndPlural(t *testing.T) {
	ix := langIndex(t, langDocs)
	wantUnits(t, ix, Query{Text: "accords"}, "2025-01-03-fr#para_1", "2025-01-03-fr#para_2")
	wantUnits(t, ix, Query{Text: "l’accord commercial"}, "2025-01-03-fr#para_2")
	wantUnits(t, ix, Query{Text: `"accord sur le transport"`}, "2025-01-03-fr#para_1")
}

// An Estonian word with õ is not the word with o, unless nothing else
// matches: then the word typed without its diacritics finds it.
func TestLangEstonianLetters(t *testing.T) {
	ix := langIndex(t, langDocs)
	wantUnits(t, ix, Query{Text: "õli"}, "2025-01-04-et#para_1")
	wantUnits(t, ix, Query{Text: "oli"}, "2025-01-04-et#para_2")
	res := wantUnits(t, ix, Query{Text: "toostust"}, "2025-01-04-et#para_3")
	if h := res.Hits[0]; !containsMark(h.Snippet, "tööstust") || h.Lang != "et" {
		t.Errorf("toostust: snippet %q, Lang %q; want tööstust marked, et", h.Snippet, h.Lang)
	}
	wantUnits(t, ix, Query{Text: "ÕLI"}, "2025-01-04-et#para_1")
}

// English keeps its own analysis beside the others: a British spelling
// finds the American one, and an English word the English text.
func TestLangEnglishBeside(t *testing.T) {
	ix := langIndex(t, langDocs)
	wantUnits(t, ix, Query{Text: "coastal defense"}, "2025-01-01-en#para_1")
	res := wantUnits(t, ix, Query{Text: "agreements"}, "2025-01-01-en#para_2")
	if res.Hits[0].Lang != "en" {
		t.Errorf("English hit: Lang %q", res.Hits[0].Lang)
	}
	// transport is a word of English, French and (in the Estonian
	// transpordi, not) Russian's транспорте: each language's own.
	wantUnits(t, ix, Query{Text: "transport"}, "2025-01-01-en#para_2", "2025-01-03-fr#para_1")
}

// A query's words known to English rank the English text above a
// French one that matches only through its document's parties, though
// the French field is smaller, its words rarer, so weightier.
func TestLangQueryLanguageFirst(t *testing.T) {
	ix := langIndex(t, map[string][2]string{
		"2025-01-01-en": {"title: Joint Statement\nparties: [KZ, EE]\nlanguage: en\n",
			"1. The Parties discussed rail transport with Estonia.\n\n" +
				"2. The Parties discussed road transport with Estonia.\n\n" +
				"3. The Parties discussed sea transport with Estonia.\n"},
		"2025-01-03-fr": {"title: Déclaration commune\nparties: [KZ, EE]\nlanguage: fr\n",
			"1. Les Parties saluent l'accord sur le transport.\n\n" +
				"2. Les Parties saluent les accords commerciaux.\n"},
	})
	got, _ := rankedUnits(t, ix, "Estonia transport")
	if len(got) != 4 || got[3] != "2025-01-03-fr#para_1" {
		t.Errorf("Estonia transport = %q; want the English paragraphs first, the French one last", got)
	}
}

// English ranks in an archive of several languages exactly as in one of
// English texts alone: the harness's English queries find the same
// English units in the same order (and may find units in other languages
// too, which their words also match).
func TestLangEnglishRankingUnchanged(t *testing.T) {
	a, err := relevance.Archive("../..")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := relevance.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	var english []*archive.Document
	for _, d := range a.Documents() {
		if archive.LanguageBase(d.Language) == English {
			english = append(english, d)
		}
	}
	if len(english) == len(a.Documents()) {
		t.Fatal("the harness has no text in another language")
	}
	only, err := archive.NewWithParties(english, a.Parties())
	if err != nil {
		t.Fatal(err)
	}
	synonyms, err := relevance.Synonyms("../..")
	if err != nil {
		t.Fatal(err)
	}
	index := func(a *archive.Archive) *Index {
		ix, err := Build(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		ix.SetSynonyms(synonyms)
		return ix
	}
	all, alone := index(a), index(only)
	for _, q := range relevance.ByLanguage(qs, a)[English] {
		want, _ := rankedUnits(t, alone, q.Text)
		got, _ := rankedUnits(t, all, q.Text)
		got = slices.DeleteFunc(got, func(u string) bool {
			d, _ := a.Document(u[:strings.IndexByte(u, '#')])
			return archive.LanguageBase(d.Language) != English
		})
		if !slices.Equal(got, want[:min(len(want), len(got))]) || len(got) == 0 && len(want) > 0 {
			t.Errorf("%q: %q beside other languages; %q in English alone", q.Text, got, want)
		}
	}
}

// lang: in the query and Query.Lang limit a search to one language; the
// lang facet counts the hits by language, in an archive of several.
func TestLangFilterAndFacet(t *testing.T) {
	ix := langIndex(t, langDocs)
	wantUnits(t, ix, Query{Text: "transport lang:fr"}, "2025-01-03-fr#para_1")
	wantUnits(t, ix, Query{Text: "transport", Lang: "EN"}, "2025-01-01-en#para_2")
	wantUnits(t, ix, Query{Text: "transport", Lang: "ru"})
	wantUnits(t, ix, Query{Text: "lang:et-EE"}, "2025-01-04-et#para_1", "2025-01-04-et#para_2", "2025-01-04-et#para_3")
	if res := mustSearch(t, ix, Query{Text: "lang:x!"}); !res.Fallback {
		t.Errorf("lang:x! is not a language, but was read as a filter")
	}

	res := mustSearch(t, ix, Query{Text: "Parties OR Стороны OR pooled OR parties"})
	var lang *Facet
	for i := range res.Facets {
		if res.Facets[i].Field == "lang" {
			lang = &res.Facets[i]
		}
	}
	if lang == nil {
		t.Fatalf("no lang facet in %+v", res.Facets)
	}
	counts := map[string]int{}
	for _, term := range lang.Terms {
		counts[term.Value] = term.Count
	}
	want := map[string]int{"en": 2, "ru": 3, "fr": 1, "et": 2}
	for l, n := range want {
		if counts[l] != n {
			t.Errorf("lang facet %s = %d; want %d (%v)", l, counts[l], n, counts)
		}
	}

	// An archive in English alone has no lang facet: one value says
	// nothing. Its units are all English, none in another language.
	all := mustSearch(t, seed(t), Query{Text: "cooperation"})
	for _, f := range all.Facets {
		if f.Field == "lang" {
			t.Errorf("the seed, all English, has a lang facet: %+v", f)
		}
	}
	for _, q := range []Query{{Text: "cooperation lang:en"}, {Text: "cooperation", Lang: "en"}} {
		if res := mustSearch(t, seed(t), q); res.Total != all.Total {
			t.Errorf("%+v in the seed = %d hits; want all %d", q, res.Total, all.Total)
		}
	}
	for _, q := range []Query{{Text: "cooperation lang:ru"}, {Text: "cooperation", Lang: "ru"}} {
		if res := mustSearch(t, seed(t), q); res.Total != 0 {
			t.Errorf("%+v in the seed = %d hits; want none", q, res.Total)
		}
	}
}

func containsMark(snippet, word string) bool {
	return slices.Contains(marks(snippet), word)
}

// marks is the texts in <mark> in a snippet.
func marks(snippet string) []string {
	var out []string
	for {
		i := strings.Index(snippet, "<mark>")
		if i < 0 {
			return out
		}
		snippet = snippet[i+len("<mark>"):]
		j := strings.Index(snippet, "</mark>")
		if j < 0 {
			return out
		}
		out = append(out, snippet[:j])
		snippet = snippet[j:]
	}
}
