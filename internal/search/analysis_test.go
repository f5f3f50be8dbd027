package search

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/accord-archive/accord/internal/synth"
)

// terms is the analysed form of s: each token's term, in stream order.
func terms(s string) []string {
	var out []string
	for _, t := range newAnalyzer(newTermCache(1 << 10)).Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

func TestAnalyzeTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"lower-case", "Presidents UNITED", []string{"presid", "united"}},
		{"stemming", "commitments commitment", []string{"commit", "commit"}},
		{"accent folding", "Belém", []string{"belem"}},
		{"decomposed accent", "Bele\u0301m", []string{"belem"}},
		{"ligature", "ﬁnancial", []string{"financi"}},
		{"curly possessive", "Kazakhstan’s", []string{"kazakhstan"}},
		{"straight possessive", "Kazakhstan's", []string{"kazakhstan"}},
		{"plural as possessive", "Kazakhstans", []string{"kazakhstan"}},
		{"plural possessive", "Rectors’ Forum", []string{"rector", "forum"}},
		{"inner apostrophe", "O’Neill", []string{"oneil"}},
		{"British -ised", "emphasised", []string{"emphas"}},
		{"American -ized", "emphasized", []string{"emphas"}},
		{"-ising", "emphasising", []string{"emphas"}},
		{"-isation", "organisations", []string{"organization"}},
		{"over-stemming kept apart", "transition transit organ general generous", []string{"transition", "transit", "organ", "general", "generous"}},
		{"-yse", "analysed", []string{"analyz"}},
		{"-our", "labour", []string{"labor"}},
		{"-re", "Centre centres", []string{"center", "center"}},
		{"-ogue", "dialogue", []string{"dialog"}},
		{"-ence", "defence", []string{"defens"}},
		{"programme", "programmes", []string{"program"}},
		{"hyphenated", "Trans-Caspian", []string{"tran", "caspian", "transcaspian"}},
		{"hyphenated three parts", "people-to-people", []string{"peopl", "to", "peopl", "peopletopeopl"}},
		{"hyphen then space", "people-to people", []string{"peopl", "to", "peopl", "peopleto"}},
		{"unicode hyphen", "Kazakh‐Estonian", []string{"kazakh", "estonian", "kazakhestonian"}},
		{"numbers are not joined", "3-4 April", []string{"3", "4", "april"}},
		{"spaced dash is not a hyphen", "Union – Central", []string{"union", "central"}},
		{"acronym", "TITR", []string{"titr"}},
		{"acronym plural", "SDGs", []string{"sdg"}},
		{"acronym plural typed lower", "sdgs", []string{"sdg"}},
		{"alphanumeric", "COP30", []string{"cop30"}},
		{"year", "2025", []string{"2025"}},
		{"punctuation only", `*?~/.*/ ^\ ()`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("terms(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestAnalyzeSameTerm: each pair must meet on one term; unrelated words
// must not.
func TestAnalyzeSameTerm(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"emphasise/emphasize", "emphasise", "emphasize", true},
		{"emphasised/emphasize", "emphasised", "emphasize", true},
		{"recognised/recognized", "recognised", "recognized", true},
		{"organisation/organization", "organisation", "organization", true},
		{"prioritising/prioritizing", "prioritising", "prioritizing", true},
		{"realisation/realization", "realisation", "realization", true},
		{"organiser/organizer", "organisers", "organizers", true},
		{"analyse/analyze", "analyse", "analyze", true},
		{"labour/labor", "labourers", "laborers", true},
		{"favourable/favorable", "unfavourable", "unfavorable", true},
		{"centre/center", "centred", "centered", true},
		{"kilometre/kilometer", "kilometres", "kilometers", true},
		{"defence/defense", "defence", "defense", true},
		{"licence/license", "licence", "license", true},
		{"programme/program", "programme", "program", true},
		{"catalogue/catalog", "catalogues", "catalogs", true},
		{"practise/practice", "practised", "practiced", true},
		{"Belem/Belém", "Belem", "Belém", true},
		{"apostrophes", "Kazakhstan's", "Kazakhstan’s", true},
		{"commitments/commitment", "commitments", "commitment", true},
		{"SDGs/SDG", "SDGs", "SDG", true},
		{"precise/precisely", "precise", "precisely", true},
		{"exercise/exercised", "exercise", "exercised", true},
		{"promise/promised", "promise", "promising", true},
		{"rise/rises", "rise", "rises", true},
		{"rise/rize", "rise", "rize", false},
		{"wise/wize", "wise", "wize", false},
		{"size/sise", "size", "sise", false},
		{"precise/precize", "precise", "precize", false},
		{"otherwise/otherwize", "otherwise", "otherwize", false},
		{"exercise/exercize", "exercise", "exercize", false},
		{"compromise/compromize", "compromise", "compromize", false},
		{"enterprise/enterprize", "enterprises", "enterprizes", false},
		{"advise/advize", "advise", "advize", false},
		{"surprise/surprize", "surprise", "surprize", false},
		{"franchise/franchize", "franchise", "franchize", false},
		{"raise/raize", "raise", "raize", false},
		{"noise/noize", "noise", "noize", false},
		{"Trans/Caspian", "Trans", "Caspian", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := strings.Join(terms(tt.a), " "), strings.Join(terms(tt.b), " ")
			if (a == b) != tt.same {
				t.Errorf("terms(%q) = %q, terms(%q) = %q; want same = %v", tt.a, a, tt.b, b, tt.same)
			}
		})
	}
}

func TestAmericanLeavesWordsAlone(t *testing.T) {
	for _, w := range []string{
		"rise", "arise", "arising", "sunrise", "uprising", "precise", "precisely", "concise", "size", "sized",
		"wise", "otherwise", "likewise", "clockwise", "exercise", "exercises", "promise", "promised",
		"compromise", "enterprise", "enterprises", "advise", "advisers", "advisable", "surprise",
		"surprising", "franchise", "revise", "revised", "supervise", "devise", "televised",
		"improvisation", "expertise", "premises", "demise", "despise", "chastise", "comprises",
		"merchandise", "treatise", "paradise", "raise", "raised", "fundraising", "praise", "noise",
		"poise", "cruise", "bruise", "disguise", "crisis", "crises", "basis", "emphasis", "analysis",
		"diseases", "isolation", "visitation", "decision", "this", "his", "promise", "vogue", "rogue",
		"four", "hour", "your", "tour", "pour", "flour", "contour", "macabre", "genre", "acre",
		"mediocre", "massacre", "ogre", "center", "organize",
	} {
		if got := american(w); got != w {
			t.Errorf("american(%q) = %q; want %q", w, got, w)
		}
	}
}

// TestStemFilterRemembersWhatItWouldMake runs the words of the seed and of
// a synthetic corpus through stemFilter from several goroutines, each word
// more than once, and wants what spelling and Bleve's English stemmer make
// without a memory, the first time and every time after.
func TestStemFilterRemembersWhatItWouldMake(t *testing.T) {
	var words []string
	seen := map[string]bool{}
	texts := []string{"emphasised centre programme rise precise kazakhstan commitments SDGs o'clock Belém"}
	for _, d := range append(seedArchive(t).Documents(), synth.Generate(3, 20, 10)...) {
		for _, p := range d.Paragraphs() {
			texts = append(texts, p.Text)
		}
	}
	for _, text := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	stem := en.NewEnglishStemmerFilter()
	want := make([]string, len(words))
	for i, w := range words {
		if p, ok := protected[american(w)]; ok {
			want[i] = p
			continue
		}
		ts := stem.Filter(analysis.TokenStream{{Term: []byte(american(w))}})
		want[i] = string(ts[0].Term)
	}
	memory := newTermCache(1 << 16)
	var wg sync.WaitGroup
	for g := range 4 {
		f := stemFilter{memory}
		if g == 3 {
			f = stemFilter{} // a query's: no memory
		}
		wg.Go(func() {
			for round := range 3 {
				for i := range words {
					i := (i + g*97) % len(words)
					ts := f.Filter(analysis.TokenStream{{Term: []byte(words[i])}})
					if got := string(ts[0].Term); got != want[i] {
						t.Errorf("round %d: stemFilter(%q) = %q; want %q", round, words[i], got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	long := strings.Repeat("internationalisation", 2)
	stemFilter{memory}.Filter(analysis.TokenStream{{Term: []byte(long)}})
	if _, ok := memory.get([]byte(long)); ok {
		t.Errorf("the memory kept %q, longer than %d bytes", long, rememberedLen)
	}
	if _, ok := memory.get([]byte(words[0])); !ok {
		t.Errorf("the memory did not keep %q", words[0])
	}
	if len(words) < 500 {
		t.Errorf("only %d distinct words; the test wants a real vocabulary", len(words))
	}
}
