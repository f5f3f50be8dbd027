package classify

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/vocab"
)

func realRules(t testing.TB) *Rules {
	t.Helper()
	r, err := Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatalf("Load(content) = %v", err)
	}
	return r
}

// oneClause is a document of one clause holding text, between KZ and EE.
func oneClause(t testing.TB, text string) *archive.Document {
	t.Helper()
	d := &archive.Document{Slug: "test", File: "documents/test.md"}
	for _, code := range []string{"KZ", "EE"} {
		p, err := vocab.DefaultParties().LookupParty(code)
		if err != nil {
			t.Fatal(err)
		}
		d.Parties = append(d.Parties, p)
	}
	cl := &archive.Clause{Doc: d, Number: 1}
	cl.Paragraphs = []*archive.Paragraph{{Doc: d, Clause: cl, Index: 1, Text: text}}
	d.Clauses = []*archive.Clause{cl}
	return d
}

func describe(cs []archive.Commitment) string {
	var s []string
	for _, m := range cs {
		actor := m.Actor
		if actor == "" {
			actor = "all"
		}
		s = append(s, fmt.Sprintf("%s %q %s", m.Type.Code, m.Phrase(), actor))
	}
	return strings.Join(s, "; ")
}

// TestCommitments covers the shapes of drafting the rules read.
func TestCommitments(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"American spelling", "The Presidents emphasized the importance of trade.", `reaffirmation "emphasized" all`},
		{"opening participle", "Welcoming the progress made, the Parties agreed to meet annually.", `support "Welcoming" all; agreement "agreed to meet" all`},
		{"opening participle takes a named subject", "Reaffirming its support, Estonia welcomed the initiative.", `reaffirmation "Reaffirming" EE; support "welcomed" EE`},
		{"the side of one party", "The Estonian side expressed interest in the forum.", `expectation "expressed interest" EE`},
		{"the President of one party", "The President of the Republic of Kazakhstan noted the progress.", `reaffirmation "noted" KZ`},
		{"both Presidents by name", "The President of Kazakhstan and the President of Estonia decided to meet.", `decision "decided to meet" all`},
		{"two parties by name", "Kazakhstan and Estonia will hold consultations.", `agreement "will hold" all`},
		{"a country that is no party", "Germany welcomed the forum.", ``},
		{"an object is no subject", "The Parties expressed gratitude to Estonia.", `support "expressed gratitude" all`},
		{"a possessive is no subject", "The Presidents welcomed Kazakhstan’s initiative.", `support "welcomed" all`},
		{"a passive commits no one", "The forum, as highlighted in the Declaration, grows.", ``},
		{"will of a thing", "This Summit will serve as a platform.", ``},
		{"will in a that-clause", "The Presidents expressed hope that the talks will succeed.", `expectation "expressed hope" all`},
		{"political will", "The Presidents noted the political will of the sides.", `reaffirmation "noted" all`},
		{"impersonal", "It was agreed to hold the next meeting in Tallinn.", `agreement "agreed to hold" all`},
		{"adverbs between", "The Parties also firmly reaffirmed their commitment.", `reaffirmation "reaffirmed" all`},
		{"longest phrase", "The Parties agreed to explore new routes.", `consideration "agreed to explore" all`},
		{"gap", "Both sides expressed their strong and sincere hope for peace.", ``},
		{"gap of three words", "Both sides expressed their sincere hope for peace.", `expectation "expressed their sincere hope" all`},
		{"list of aims", "They reaffirmed their commitment to strengthening ties, supporting exchanges, and noting results.", `reaffirmation "reaffirmed" all`},
		{"gerund inside a sentence", "The importance of supporting the youth was clear.", ``},
		{"no party commits", "Trade grew by ten per cent.", ``},
		{"sentences are separate", "The Parties met. Estonia welcomed the result. It will grow.", `support "welcomed" EE`},
	}
	r := realRules(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := oneClause(t, tt.text)
			if err := r.ApplyDocument(d); err != nil {
				t.Fatal(err)
			}
			if got := describe(d.Clauses[0].Commitments); got != tt.want {
				t.Errorf("commitments of %q = %s; want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestMatching: whole words, any case, accents, apostrophes and dashes.
func TestMatching(t *testing.T) {
	tests := []struct {
		name, text string
		topics     []string
		entities   []string
	}{
		{"accents", "They met in Belem and in Belém.", nil, []string{"belem"}},
		{"case and dash", "the eu-central asia summit", []string{"regional-cooperation"}, []string{"eu-central-asia-summit"}},
		{"whole words only", "Unsustainable transporters, eurozone, sun.", nil, nil},
		{"apostrophes", "Kazakhstan's and Estonia’s roles", nil, []string{"estonia", "kazakhstan"}},
		{"aliases", "the TITR, or Middle Corridor, and the UN", []string{"transport", "multilateralism"}, []string{"united-nations", "titr"}},
		{"spelling", "international organizations", []string{"multilateralism"}, nil},
		{"hyphens", "people-to people and people to people ties", []string{"culture"}, nil},
		{"an acronym that is a word names nothing", "the leaders who met", nil, nil},
		{"organs and groups of the party vocabulary", "the Security Council, the G7 and the Quad", []string{"peace-security"}, []string{"united-nations-security-council", "group-of-seven", "quadrilateral-security-dialogue"}},
	}
	r := realRules(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := oneClause(t, tt.text)
			if err := r.ApplyDocument(d); err != nil {
				t.Fatal(err)
			}
			var topics, entities []string
			for _, x := range d.Clauses[0].Topics {
				topics = append(topics, x.Slug)
			}
			for _, x := range d.Clauses[0].Entities {
				entities = append(entities, x.Slug)
			}
			if !slices.Equal(topics, tt.topics) || !slices.Equal(entities, tt.entities) {
				t.Errorf("%q: topics %v, entities %v; want %v, %v", tt.text, topics, entities, tt.topics, tt.entities)
			}
		})
	}
}

// TestVocabularyIDs: the ids the web and search use exist.
func TestVocabularyIDs(t *testing.T) {
	r := realRules(t)
	var types []string
	for _, x := range r.Types() {
		types = append(types, x.Code)
	}
	if want := []string{"obligation", "decision", "agreement", "consideration", "reaffirmation", "support", "call", "expectation", "position"}; !slices.Equal(types, want) {
		t.Errorf("Types() = %v; want %v", types, want)
	}
	for _, slug := range []string{"trade", "transport", "education", "culture", "digital", "climate", "multilateralism", "peace-security", "regional-cooperation", "political-dialogue", "energy", "health"} {
		if _, ok := r.Topic(slug); !ok {
			t.Errorf("Topic(%q) not found", slug)
		}
	}
	for _, slug := range []string{"united-nations", "european-union", "osce", "titr", "global-gateway", "sdgs", "cop30", "eu-central-asia-summit", "regional-ecological-summit", "astana", "almaty", "tallinn", "samarkand", "belem", "kazakhstan", "estonia", "cote-d-ivoire"} {
		if _, ok := r.Entity(slug); !ok {
			t.Errorf("Entity(%q) not found", slug)
		}
	}
	if e, _ := r.Entity("estonia"); e == nil || e.Country != "EE" || e.Kind != "country" {
		t.Errorf("Entity(estonia) = %+v; want the country EE", e)
	}
}

// FuzzApply: any text classifies without panic, and every span is the
// phrase, in range, on rune boundaries.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"The Presidents agreed to", "Reaffirming, ,", "expressed … … gratitude", "Estonia’", "’s will",
		"The President of the Republic of", "and agreed to consider the", "Kazakh-Estonian side will",
		"COP30 in Belém", "\xff\xfeagreed to \u0301", "Ⅻ İstanbul ǅ",
		"Стороны будут и", "Призывает все государства-члены присоединиться", "Les Parties s'engagent à",
		"Demande à", "La partie française", "Exprimant … préoccupation",
	} {
		f.Add(s)
	}
	r := realRules(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := oneClause(t, text)
		// The language by the text's first byte: every lexicon sees every text.
		if len(text) > 0 {
			d.Language = []string{"en", "ru", "fr"}[int(text[0])%3]
		}
		if err := r.ApplyDocument(d); err != nil {
			t.Fatal(err)
		}
		for _, m := range d.Clauses[0].Commitments {
			start, end := int(m.Start), int(m.End)
			if start < 0 || end > len(text) || start >= end {
				t.Fatalf("span [%d:%d] out of range of %d bytes", start, end, len(text))
			}
			if m.Paragraph != d.Clauses[0].Paragraphs[0] || text[start:end] != m.Phrase() {
				t.Fatalf("Text[%d:%d] = %q; the commitment's phrase is %q", start, end, text[start:end], m.Phrase())
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end])) {
				t.Fatalf("span [%d:%d] of %q is not on rune boundaries", m.Start, m.End, text)
			}
		}
	})
}

// BenchmarkApply classifies a synthetic archive of 1,000 documents of 10
// clauses (about 13,000 units).
func BenchmarkApply(b *testing.B) {
	r := realRules(b)
	a, err := archive.New(synth.Generate(1, 1000, 10))
	if err != nil {
		b.Fatal(err)
	}
	units := 0
	for _, d := range a.Documents() {
		units += len(d.Preamble) + len(d.Clauses)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := r.Apply(a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*units), "ns/unit")
}

// TestAbbreviations: a full stop in "U.S." ends no sentence.
func TestAbbreviations(t *testing.T) {
	r := realRules(t)
	sc := scanner{dict: r.dict}
	for _, tt := range []struct {
		text   string
		starts int
	}{
		{"The U.S. and India will review it.", 1},
		{"Mr. Smith spoke. He left.", 2},
		{"They met in the U.S. India then spoke.", 2},
		{"It is a. B is b.", 2},
	} {
		n := 0
		for _, w := range sc.scan(tt.text) {
			if w.flags&sentenceStart != 0 {
				n++
			}
		}
		if n != tt.starts {
			t.Errorf("%q: %d sentences; want %d", tt.text, n, tt.starts)
		}
	}
}

// TestGrammar: one case per rule of the verb groups and their actors, read
// exactly: the corpus measures the rules in bulk, this pins each one.
func TestGrammar(t *testing.T) {
	tests := []struct {
		name, text string
		parties    []string
		issuer     string
		want       string // as describeCorpus, joined by "; "
	}{
		{"present tense", "We reaffirm our support for Ukraine.", []string{"US", "JP"}, "", "reaffirmation | reaffirm | joint"},
		{"perfect", "The Parties have reaffirmed their commitment.", []string{"US", "JP"}, "", "reaffirmation | reaffirmed | joint"},
		{"will and a verb", "We will review progress.", []string{"US", "JP"}, "", "agreement | will review | joint"},
		{"will and a support verb is an agreement", "The European Union will support reforms.", []string{"KZ", "EU"}, "", "agreement | will support | EU"},
		{"will and a consideration verb", "We will jointly explore new routes.", []string{"US", "JP"}, "", "consideration | will jointly explore | joint"},
		{"will further explore", "We will further explore cooperation.", []string{"US", "JP"}, "", "agreement | will further explore | joint"},
		{"will not", "We will not accept any attempt.", []string{"US", "JP"}, "", "position | will not accept | joint"},
		{"shall with a parenthesis", "The Parties shall, where appropriate, inform each other.", []string{"DE", "FR"}, "", "obligation | shall, where appropriate, inform | joint"},
		{"shall not", "Each Party shall not use force.", []string{"DE", "FR"}, "", "obligation | shall not use | joint"},
		{"will be receiving", "Mongolia will be receiving support.", []string{"MN", "US"}, "", ""},
		{"was held", "The meeting was held in Paris.", []string{"DE", "FR"}, "", ""},
		{"definition", "'Vessel' means any ship.", []string{"DE", "FR"}, "", ""},
		{"adjective", "They reaffirmed respect for borders within their internationally recognized limits.", []string{"US", "JP"}, "", "reaffirmation | reaffirmed | joint"},
		{"passive", "We will build roads supported by mutual investment.", []string{"US", "JP"}, "", "agreement | will build | joint"},
		{"hyphen", "The leaders committed to de-escalation.", []string{"US", "JP"}, "", "agreement | committed to de-escalation | joint"},
		{"coordination", "We condemn and reject terrorism.", []string{"US", "JP"}, "", "position | condemn | joint; position | reject | joint"},
		{"two parties by alias", "The U.S. and India will review progress.", []string{"US", "IN"}, "", "agreement | will review | joint"},
		{"three parties by alias", "Japan, the ROK, and the United States remain committed to peace.", []string{"JP", "KR", "US"}, "", "reaffirmation | remain committed | joint"},
		{"two of three parties", "Japan and the ROK will hold exercises.", []string{"JP", "KR", "US"}, "", "agreement | will hold | JP; agreement | will hold | KR"},
		{"a list of all parties", "Japan, the ROK and the United States will hold exercises.", []string{"JP", "KR", "US"}, "", "agreement | will hold | joint"},
		{"a list of parties and another", "Japan, China and the ROK welcomed the talks.", []string{"JP", "KR", "US"}, "", "support | welcomed | JP; support | welcomed | KR"},
		{"speakers", "Prime Minister Modi welcomed the visit, and President Biden welcomed the talks.", []string{"US", "IN"}, "", "support | welcomed | IN; support | welcomed | US"},
		{"an unknown person", "President Zhaparov welcomed the initiative.", []string{"KZ", "EE"}, "", "support | welcomed | unresolved"},
		{"apposition", "We, the Leaders of the Group of Seven, reaffirm our support.", []string{"US", "JP"}, "", "reaffirmation | reaffirm | joint"},
		{"the group's own statement", "The G7 will step up its support.", []string{"US", "JP"}, "G7", "agreement | will step | joint"},
		{"leaders of a region and a party", "The Leaders of Central Asia and the European Union reaffirmed their commitment.", []string{"KZ", "EU"}, "", "reaffirmation | reaffirmed | joint"},
		{"operative paragraph", "4. Requests the Secretary-General to report.", nil, "UNSC", "call | Requests | UNSC | the Secretary-General"},
		{"preamble participle", "Reaffirming its commitment to the sovereignty of Yemen,", nil, "UNSC", "reaffirmation | Reaffirming | UNSC"},
		{"decision", "Decides to remain seized of the matter.", nil, "UNSC", "decision | Decides to remain | UNSC"},
		{"no issuer, no actor", "Decides to remain seized of the matter.", []string{"DE", "FR"}, "", ""},
	}
	r := realRules(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := oneClause(t, tt.text)
			d.Parties = nil
			for _, code := range append(slices.Clone(tt.parties), tt.issuer) {
				if code == "" {
					continue
				}
				p, err := vocab.DefaultParties().LookupParty(code)
				if err != nil {
					t.Fatal(err)
				}
				if code == tt.issuer {
					d.Issuer = p
				} else {
					d.Parties = append(d.Parties, p)
				}
			}
			if err := r.ApplyDocument(d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range d.Clauses[0].Commitments {
				got = append(got, describeCorpus(m))
			}
			if s := strings.Join(got, "; "); s != tt.want {
				t.Errorf("%q: %s; want %s", tt.text, s, tt.want)
			}
		})
	}
}
