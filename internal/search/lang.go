package search

import (
	"context"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"

	// The languages Bleve ships an analyzer for, each registering it.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fa"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ro"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"

	// Languages Bleve has stop words (and elision) for, but no stemmer.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/bg"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ca"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cs"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/el"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/eu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ga"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/gl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hy"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/id"

	"github.com/accord-archive/accord/internal/archive"
)

// Search in every language. A unit's text is analysed by its document's
// language into a field of that language: English into "text" with
// Accord's own analysis (analysis.go), any other language into
// "text_<lang>" with the analyzer Bleve ships for it, or, for a language
// Bleve has no stemmer for (Estonian, Kazakh, Latvian…), with a careful
// fallback: word breaking, compatibility normalisation and case folding,
// and nothing that merges letters (Estonian õ is not o). A query is
// analysed by each language the archive holds and matches in each one's
// field; a unit holds text in one field only, so all the words of an AND
// must match in the unit's own language.
//
// Every unit not in English also has its text in "fold", with the marks
// of its letters dropped (õ -> o, é -> e, ё -> е): a search that matches
// nothing else looks there, so a word typed without its diacritics still
// finds something, and never outranks the word as written.

// fieldFold holds the text of every unit not in English, marks dropped.
const fieldFold = "fold"

// fieldLang is the unit's language (its primary subtag: en, ru, pt), for
// the lang: filter and facet.
const fieldLang = "lang"

// English is the language of a document that names none.
const English = "en"

// langAnalysisVersion names the analysis of the fields in other languages
// and of "fold", as analyzerName does English's: it is part of the index
// version.
const langAnalysisVersion = "lang1"

// bleveAnalyzers are the languages with an analyzer in Bleve, by primary
// subtag, and the analyzer's registered name: stop words, a stemmer, and
// the language's own normalisation (French elision, German umlauts,
// Arabic letter forms).
var bleveAnalyzers = map[string]string{
	"ar": "ar", "ckb": "ckb", "da": "da", "de": "de", "es": "es", "fa": "fa", "fi": "fi",
	"fr": "fr", "hi": "hi", "hr": "hr", "hu": "hu", "it": "it", "nl": "nl", "no": "no",
	"nb": "no", "nn": "no", "pt": "pt", "ro": "ro", "ru": "ru", "sv": "sv", "tr": "tr",
	"zh": "cjk", "ja": "cjk", "ko": "cjk",
}

// stopOnly are the languages Bleve has stop words for but no stemmer: the
// fallback with their stop words, and their elision where it has one.
var stopOnly = map[string][]string{
	"bg": {"stop_bg"}, "ca": {"elision_ca", "stop_ca"}, "cs": {"stop_cs"}, "el": {"stop_el"},
	"eu": {"stop_eu"}, "ga": {"elision_ga", "stop_ga"}, "gl": {"stop_gl"}, "hy": {"stop_hy"},
	"id": {"stop_id"},
}

// language is one language's analysis and the field it fills.
type lang struct {
	base     string // primary subtag: en, ru, et
	field    string // text, text_ru, text_et
	analyzer analysis.Analyzer
}

// langField is the text field of the language with primary subtag base.
func langField(base string) string {
	if base == English {
		return fieldText
	}
	return "text_" + base
}

// The analyzers of other languages are made once per process, when a
// language is first met: most archives hold one or two.
var (
	langMu        sync.Mutex
	langAnalyzers = map[string]analysis.Analyzer{}
	langCache     = registry.NewCache()
)

// langAnalyzer is the analyzer of base's field (not English's).
func langAnalyzer(base string) analysis.Analyzer {
	langMu.Lock()
	defer langMu.Unlock()
	if a, ok := langAnalyzers[base]; ok {
		return a
	}
	var a analysis.Analyzer
	if name, ok := bleveAnalyzers[base]; ok {
		if b, err := langCache.AnalyzerNamed(name); err == nil {
			a = b
		}
	}
	if a == nil {
		var extra []analysis.TokenFilter
		for _, name := range stopOnly[base] {
			if f, err := langCache.TokenFilterNamed(name); err == nil {
				extra = append(extra, f)
			}
		}
		a = fallbackAnalyzer(extra...)
	}
	langAnalyzers[base] = a
	return a
}

// fallbackAnalyzer is the analysis of a language Bleve has no stemmer for:
// words at Unicode boundaries (and hyphenated words joined, as in
// English), NFKC, lower case, then extra (stop words). No letter is
// folded into another: Estonian õ, ä, ö, ü, Latvian ā, Kazakh ә, қ stay.
func fallbackAnalyzer(extra ...analysis.TokenFilter) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer: hyphenTokenizer{},
		TokenFilters: append([]analysis.TokenFilter{
			unicodenorm.MustNewUnicodeNormalizeFilter(unicodenorm.NFKC),
			lowercase.NewLowerCaseFilter(),
		}, extra...),
	}
}

// foldAnalyzer is the analysis of the fold field: the fallback's, with
// the marks of letters dropped.
var foldAnalyzer analysis.Analyzer = &analysis.DefaultAnalyzer{
	Tokenizer: hyphenTokenizer{},
	TokenFilters: []analysis.TokenFilter{
		unicodenorm.MustNewUnicodeNormalizeFilter(unicodenorm.NFKC),
		lowercase.NewLowerCaseFilter(),
		markFilter{},
	},
}

// markFilter drops the combining marks of a term's letters: õ -> o,
// ё -> е, ç -> c.
type markFilter struct{}

func (markFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if isASCII(t.Term) {
			continue
		}
		d := norm.NFD.Bytes(t.Term)
		out := d[:0]
		for len(d) > 0 {
			r, n := utf8.DecodeRune(d)
			if !unicode.Is(unicode.Mn, r) {
				out = utf8.AppendRune(out, r)
			}
			d = d[n:]
		}
		t.Term = norm.NFC.Bytes(out)
	}
	return in
}

// languages lists the languages of cat's units other than English, in
// the order first met, and the language of each document not in English.
func (cat *catalogue) languages() ([]*lang, map[*archive.Document]*lang) {
	var out []*lang
	by := map[*archive.Document]*lang{}
	seen := map[string]*lang{}
	var last *archive.Document
	for i := range cat.units {
		d := cat.units[i].doc()
		if d == last {
			continue
		}
		last = d
		b := archive.LanguageBase(d.Language)
		if b == English {
			continue
		}
		l, ok := seen[b]
		if !ok {
			l = &lang{base: b, field: langField(b), analyzer: langAnalyzer(b)}
			seen[b] = l
			out = append(out, l)
		}
		by[d] = l
	}
	return out, by
}

// langOrds numbers each unit's language: 0 for English, i+1 for langs[i].
func (cat *catalogue) langOrds() []uint8 {
	if len(cat.langs) == 0 {
		return nil
	}
	idx := map[*lang]uint8{}
	for i, l := range cat.langs {
		idx[l] = uint8(i + 1)
	}
	out := make([]uint8, len(cat.units))
	cat.langUnits = make([]int, len(cat.langs)+1)
	for ord := range cat.units {
		if l := cat.langBy[cat.units[ord].doc()]; l != nil {
			out[ord] = idx[l]
		}
		cat.langUnits[out[ord]]++
	}
	return out
}

// langOf is the language of the unit numbered ord; nil for English.
func (cat *catalogue) langOf(ord int) *lang { return cat.langBy[cat.units[ord].doc()] }

// docLang is d's language tag, as a hit carries it: "en" when it names none.
func docLang(d *archive.Document) string {
	if d.Language == "" {
		return English
	}
	return d.Language
}

// known is the share of the query's words (any of their analysed terms)
// that c's language field holds: 0 when the query cannot match there. A
// query of phrases alone counts 1 if the field holds any of their terms.
// Without a reader, 1.
func (c *compiled) known() float64 {
	if c.r == nil {
		return 1
	}
	holds := func(terms []string) bool {
		for _, t := range terms {
			if n, err := termCount(context.Background(), c.r, t, c.lang.field); err == nil && n > 0 {
				return true
			}
		}
		return false
	}
	if len(c.wordTerms) == 0 {
		all := make([]string, 0, len(c.marked))
		for t := range c.marked {
			all = append(all, t)
		}
		if holds(all) {
			return 1
		}
		return 0
	}
	n := 0
	for _, ts := range c.wordTerms {
		if holds(ts) {
			n++
		}
	}
	return float64(n) / float64(len(c.wordTerms))
}

// in is the query as compiled in the language with primary subtag base:
// c itself, or one of c.others; c when the query was not compiled there.
func (c *compiled) in(base string) *compiled {
	for i := range c.others {
		if c.others[i].lang.base == base {
			return &c.others[i]
		}
	}
	return c
}

// partial is the disjunction of the required items of c and of its other
// languages: units holding some of the words, those holding more first.
// Nil when no language has more than one item.
func (c *compiled) partial() query.Query {
	var parts []query.Query
	for _, t := range append([]compiled{*c}, c.others...) {
		if len(t.items) < 2 {
			continue
		}
		var some query.Query = query.NewDisjunctionQuery(t.items)
		if len(t.filters) > 0 {
			some = query.NewBooleanQuery(t.filters, t.items, nil)
		}
		parts = append(parts, withStats(some, t.stats))
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	return query.NewDisjunctionQuery(parts)
}

// lang is the primary language subtag of u's document.
func (u *catalogued) lang() string { return archive.LanguageBase(u.doc().Language) }

// langStats makes a language's query score with BM25 statistics of its
// own. Bleve's BM25 counts every unit of the index in a term's idf and in
// a field's average length, whether or not the unit has the field: a
// French text would shorten the average English unit and shift English
// scores. Each language's query is scored as if the index held its units
// alone: so English ranks as in an archive of English texts only.
type langStats struct {
	query.Query
	stats *bsearch.BM25Stats
}

func (q *langStats) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return q.Query.Searcher(context.WithValue(ctx, bsearch.BM25StatsKey, q.stats), r, m, o)
}

// statsFor is the BM25 statistics of units of the archive's units (one
// language's count, or for fold all those not in English): how many they
// are, and the cardinality of every field, as Bleve asks for each field a
// query names. Nil without a reader or statistics. The fields'
// cardinalities are read once: the index does not change once built.
func (ix *Index) statsFor(r index.IndexReader, units int) *bsearch.BM25Stats {
	if r == nil || units == 0 {
		return nil
	}
	ix.cardinality.once.Do(func() { ix.cardinality.m = ix.fieldCardinality(r) })
	if ix.cardinality.m == nil {
		return nil
	}
	return &bsearch.BM25Stats{DocCount: float64(units), FieldCardinality: ix.cardinality.m}
}

// fieldCardinality is the cardinality of every field the index's queries
// may name, read from r; nil when r cannot say.
func (ix *Index) fieldCardinality(r index.IndexReader) map[string]int {
	br, ok := r.(index.BM25Reader)
	if !ok {
		return nil
	}
	fields, err := r.Fields()
	if err != nil {
		return nil
	}
	m := make(map[string]int, len(fields))
	// Bleve fails a term of a field it has no figure for, and a field no
	// unit has (no headings in the archive) is not among the reader's.
	for _, f := range []string{fieldOrd, fieldText, fieldCtx, fieldHead, fieldDoc, fieldParty, fieldYear,
		fieldKind, fieldLang, fieldCommitment, fieldActor, fieldTopic, fieldEntity, fieldFold} {
		m[f] = 0
	}
	for _, l := range ix.langs {
		m[l.field] = 0
	}
	for _, f := range fields {
		n, err := br.FieldCardinality(f)
		if err != nil {
			return nil
		}
		m[f] = n
	}
	return m
}

// withStats wraps q to score with st; q itself when st is nil.
func withStats(q query.Query, st *bsearch.BM25Stats) query.Query {
	if q == nil || st == nil {
		return q
	}
	return &langStats{Query: q, stats: st}
}

// langFilter is the filter of the units in the language with primary
// subtag base. An archive all in English indexes no language: there,
// lang:en is every unit and any other language none.
func (ix *Index) langFilter(base string) query.Query {
	if len(ix.langs) == 0 {
		if base == English {
			return query.NewMatchAllQuery()
		}
		return query.NewMatchNoneQuery()
	}
	q := query.NewTermQuery(base)
	q.SetField(fieldLang)
	return q
}
