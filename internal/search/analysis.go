package search

import (
	"hash/maphash"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// analyzerName names Accord's text analyzer in Bleve's registry and in the
// index mapping. It carries a version: change the analysis, bump it and
// indexVersion, so that no on-disk index is read with the wrong analyzer.
const analyzerName = "accord_en_v2"

// Bleve resolves analyzers by name through its process-wide registry, as
// database/sql does drivers; registering the constructor is all this does.
func init() {
	if err := registry.RegisterAnalyzer(analyzerName, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(stems), nil
	}); err != nil {
		panic(err) // two registrations of one name: a programming error
	}
}

// newAnalyzer builds the text analyzer. Tokens keep their byte offsets into
// the verbatim text (no character filter rewrites it before tokenizing), so
// term locations can highlight the text exactly as printed.
//
//	tokenize     Unicode word boundaries, plus the joined form of hyphenated words
//	acronyms     SDGs -> SDG (before lower-casing, while capitals show it)
//	normalise    NFKC, then fold accents and apostrophes: Belém -> Belem, ’ -> '
//	lower-case
//	possessives  kazakhstan's -> kazakhstan; other apostrophes dropped
//	spelling     British -> American: emphasised -> emphasized, centre -> center
//	stem         Snowball English: commitments -> commit
//
// The index's analyzer remembers stems (see stemFilter); a query's,
// made with memory nil, does not, so that what people type never fills
// the memory.
func newAnalyzer(memory *termCache) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer: hyphenTokenizer{},
		TokenFilters: []analysis.TokenFilter{
			acronymPluralFilter{},
			unicodenorm.MustNewUnicodeNormalizeFilter(unicodenorm.NFKC),
			foldFilter{folder: asciifolding.New()},
			lowercase.NewLowerCaseFilter(),
			en.NewPossessiveFilter(),
			apostropheFilter{},
			stemFilter{memory},
		},
	}
}

// foldFilter folds accented and other non-ASCII letters to ASCII (é -> e,
// ß -> ss, ’ -> ') in the term only; offsets still point at the source.
type foldFilter struct {
	folder *asciifolding.AsciiFoldingFilter
}

func (f foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !isASCII(t.Term) {
			t.Term = f.folder.Filter(t.Term)
		}
	}
	return in
}

// acronymPluralFilter drops the plural s of an acronym written in capitals
// (SDGs, NGOs), which the stemmer cannot see as a plural, and the final s of
// a vowel-less word (sdgs, as typed in a query).
type acronymPluralFilter struct{}

func (acronymPluralFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		n := len(t.Term)
		if n < 3 || (t.Term[n-1] != 's' && t.Term[n-1] != 'S') {
			continue
		}
		stem := t.Term[:n-1]
		if (t.Term[n-1] == 's' && isCapitalised(stem)) || hasNoVowel(stem) {
			t.Term = stem[:len(stem):len(stem)]
		}
	}
	return in
}

// isCapitalised reports whether b is at least two capitals, digits allowed.
func isCapitalised(b []byte) bool {
	caps := 0
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			caps++
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return caps >= 2
}

// hasNoVowel reports whether b is ASCII letters without a vowel (y counts).
func hasNoVowel(b []byte) bool {
	for _, c := range b {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U', 'Y':
			return false
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// apostropheFilter removes apostrophes left after the possessive filter, so
// that o'clock and oclock, don't and dont are one term.
type apostropheFilter struct{}

func (apostropheFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		for i := 0; i < len(t.Term); i++ {
			if t.Term[i] == '\'' {
				t.Term = dropByte(t.Term, '\'')
				break
			}
		}
	}
	return in
}

// stemFilter sends British spellings to American ones (see american),
// then stems with Snowball's English stemmer. With a memory, it remembers
// the terms it made for the short words it meets first: a text repeats a
// few thousand words, and these two steps were most of the analysis of an
// index build.
type stemFilter struct {
	memory *termCache // nil: remember nothing
}

// rememberedLen is the longest word the memory keeps.
const rememberedLen = 24

func (f stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		remember := f.memory != nil && len(t.Term) <= rememberedLen
		if remember {
			if term, ok := f.memory.get(t.Term); ok {
				t.Term = term
				continue
			}
		}
		term := stem(american(string(t.Term)))
		if remember {
			f.memory.put(t.Term, term)
		}
		t.Term = term
	}
	return in
}

// stem is Snowball's English stem of word, except for the protected words,
// whose stems would merge them with words of another meaning.
func stem(word string) []byte {
	if term, ok := protected[word]; ok {
		return []byte(term)
	}
	env := snowballstem.NewEnv(word)
	english.Stem(env)
	return []byte(env.Current())
}

// protected maps words (American spelling) that Snowball over-stems to
// the term they keep: transition is not transit, an organization not an
// organ, the United Nations not a unit, international not an intern.
var protected = map[string]string{
	"transition": "transition", "transitions": "transition", "transitional": "transition",
	"organization": "organization", "organizations": "organization",
	"organizational": "organization",
	"university":     "university", "universities": "university",
	"universal": "universal", "universally": "universal",
	"international": "international", "internationally": "international",
	"authority": "authority", "authorities": "authority",
	"united":    "united",
	"executive": "executive", "executives": "executive",
}

// stems is the process's memory of the index analyzer's terms, bounded:
// 65,536 words of at most 24 bytes.
var stems = newTermCache(1 << 16)

// termCache maps words to terms, for any number of goroutines. It keeps
// the first words put in it, up to its size, and forgets none: the most
// frequent words of a text come early.
type termCache struct {
	seed   maphash.Seed
	shards [16]struct {
		mu    sync.RWMutex
		terms map[string][]byte
	}
	perShard int
}

func newTermCache(size int) *termCache {
	c := &termCache{seed: maphash.MakeSeed(), perShard: size / 16}
	for i := range c.shards {
		c.shards[i].terms = map[string][]byte{}
	}
	return c
}

func (c *termCache) shard(word []byte) int { return int(maphash.Bytes(c.seed, word) % 16) }

// get returns word's term; the caller must not change the term's bytes.
func (c *termCache) get(word []byte) ([]byte, bool) {
	s := &c.shards[c.shard(word)]
	s.mu.RLock()
	term, ok := s.terms[string(word)]
	s.mu.RUnlock()
	return term, ok
}

func (c *termCache) put(word, term []byte) {
	s := &c.shards[c.shard(word)]
	s.mu.Lock()
	if len(s.terms) < c.perShard {
		s.terms[string(word)] = term[:len(term):len(term)]
	}
	s.mu.Unlock()
}

func dropByte(b []byte, c byte) []byte {
	out := make([]byte, 0, len(b))
	for _, x := range b {
		if x != c {
			out = append(out, x)
		}
	}
	return out
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hasLetter reports whether s holds at least one letter.
func hasLetter(s []byte) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if unicode.IsLetter(r) {
			return true
		}
		s = s[n:]
	}
	return false
}
