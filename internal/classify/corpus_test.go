package classify

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// The corpus is made-up provisions in the styles the archive holds (joint
// statements, G7 and G20 communiqués, treaties, UN resolutions), each with
// the commitments a reader finds in it and the topics and names it touches.
type corpusDoc struct {
	Style      string   `yaml:"style"`
	Language   string   `yaml:"language"` // "" is English
	Parties    []string `yaml:"parties"`
	Issuer     string   `yaml:"issuer"`
	Provisions []struct {
		Text     string   `yaml:"text"`
		Want     []string `yaml:"want"` // "type | phrase | actor[ | addressee]"; actor joint, a code or unresolved
		Topics   []string `yaml:"topics"`
		Entities []string `yaml:"names"`
	} `yaml:"provisions"`
}

// The thresholds the rules must keep on the corpus, per type and overall.
const (
	minPrecision = 0.9
	minRecall    = 0.85
	minTopicHit  = 0.95 // share of the expected topics and names found

	minProvisionsPerLanguage = 40  // in each language but English
	minWithTopic             = 0.8 // share of provisions that touch a topic, in each language
)

func describeCorpus(m archive.Commitment) string {
	actor := m.Actor
	if actor == "" {
		actor = "joint"
	}
	s := fmt.Sprintf("%s | %s | %s", m.Type.Code, m.Phrase(), actor)
	if m.Addressee != "" {
		s += " | " + m.Addressee
	}
	return s
}

func normalise(want string) string {
	parts := strings.Split(want, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, " | ")
}

// TestCorpus reads every provision of testdata/corpus*.yaml (English,
// and corpus.ru.yaml, corpus.fr.yaml in their languages) and measures
// precision and recall per commitment type and per language; it fails
// below the thresholds.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var docs []corpusDoc
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var part []corpusDoc
		if err := yaml.Unmarshal(src, &part); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs = append(docs, part...)
	}
	r := realRules(t)
	type score struct{ tp, fp, fn int }
	per := map[string]*score{}
	at := func(key string) *score {
		if per[key] == nil {
			per[key] = &score{}
		}
		return per[key]
	}
	type coverage struct{ provisions, topicsWant, topicsFound, withTopic int }
	cover := map[string]*coverage{}
	var provisions, topicsWant, topicsFound, noTopic int
	for _, cd := range docs {
		lang := cd.Language
		if lang == "" {
			lang = "en"
		}
		if cover[lang] == nil {
			cover[lang] = &coverage{}
		}
		cv := cover[lang]
		for _, pv := range cd.Provisions {
			provisions++
			cv.provisions++
			d := oneClause(t, pv.Text)
			d.Language = cd.Language
			d.Parties = nil
			for _, code := range cd.Parties {
				p, err := vocab.DefaultParties().LookupParty(code)
				if err != nil {
					t.Fatalf("%s: %v", cd.Style, err)
				}
				d.Parties = append(d.Parties, p)
			}
			if cd.Issuer != "" {
				p, err := vocab.DefaultParties().LookupParty(cd.Issuer)
				if err != nil {
					t.Fatal(err)
				}
				d.Issuer = p
			}
			if err := r.ApplyDocument(d); err != nil {
				t.Fatal(err)
			}
			cl := d.Clauses[0]
			var got, want []string
			for _, m := range cl.Commitments {
				got = append(got, describeCorpus(m))
			}
			for _, w := range pv.Want {
				want = append(want, normalise(w))
			}
			typeOf := func(s string) string { return strings.TrimSpace(strings.SplitN(s, "|", 2)[0]) }
			for _, g := range got {
				if i := slices.Index(want, g); i >= 0 {
					at(typeOf(g)).tp++
					at(lang+" "+typeOf(g)).tp++
					want = slices.Delete(want, i, i+1)
				} else {
					at(typeOf(g)).fp++
					at(lang+" "+typeOf(g)).fp++
					t.Logf("extra   %q in %.70q", g, pv.Text)
				}
			}
			for _, w := range want {
				at(typeOf(w)).fn++
				at(lang+" "+typeOf(w)).fn++
				t.Logf("missing %q in %.70q (got %q)", w, pv.Text, got)
			}
			var topics []string
			for _, x := range cl.Topics {
				topics = append(topics, x.Slug)
			}
			for _, x := range cl.Entities {
				topics = append(topics, x.Slug)
			}
			if len(cl.Topics) == 0 {
				noTopic++
			} else {
				cv.withTopic++
			}
			for _, w := range append(slices.Clone(pv.Topics), pv.Entities...) {
				topicsWant++
				cv.topicsWant++
				if slices.Contains(topics, w) {
					topicsFound++
					cv.topicsFound++
				} else {
					t.Logf("topic or name %q not found in %.70q (got %v)", w, pv.Text, topics)
				}
			}
		}
	}
	if provisions < 150 {
		t.Errorf("the corpus has %d provisions; keep at least 150", provisions)
	}
	var all score
	for _, typ := range r.Types() {
		s := at(typ.Code)
		all.tp, all.fp, all.fn = all.tp+s.tp, all.fp+s.fp, all.fn+s.fn
		p, rc := ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn)
		t.Logf("%-14s P %.2f R %.2f (tp %d, fp %d, fn %d)", typ.Code, p, rc, s.tp, s.fp, s.fn)
		if s.tp+s.fn == 0 {
			t.Errorf("%s: the corpus has no commitment of this type", typ.Code)
		}
		if p < minPrecision || rc < minRecall {
			t.Errorf("%s: precision %.2f, recall %.2f; want at least %.2f and %.2f", typ.Code, p, rc, minPrecision, minRecall)
		}
	}
	langs := slices.Sorted(maps.Keys(cover))
	for _, lang := range langs {
		var l score
		for _, typ := range r.Types() {
			s := at(lang + " " + typ.Code)
			l.tp, l.fp, l.fn = l.tp+s.tp, l.fp+s.fp, l.fn+s.fn
			if s.tp+s.fp+s.fn > 0 {
				t.Logf("%s %-14s P %.2f R %.2f (tp %d, fp %d, fn %d)", lang, typ.Code, ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
			}
		}
		cv := cover[lang]
		p, rc, hit := ratio(l.tp, l.tp+l.fp), ratio(l.tp, l.tp+l.fn), ratio(cv.topicsFound, cv.topicsWant)
		t.Logf("%s all            P %.2f R %.2f; %d provisions, %.0f%% with a topic; topics and names found %.2f", lang, p, rc, cv.provisions, 100*ratio(cv.withTopic, cv.provisions), hit)
		if p < minPrecision || rc < minRecall || hit < minTopicHit {
			t.Errorf("%s: precision %.2f, recall %.2f, topics and names %.2f; want %.2f, %.2f, %.2f", lang, p, rc, hit, minPrecision, minRecall, minTopicHit)
		}
		// The corpus is written for the rules: it says what they find,
		// so any difference is a regression (or a corpus to correct).
		if with := ratio(cv.withTopic, cv.provisions); with < minWithTopic {
			t.Errorf("%s: %.0f%% of provisions touch a topic; want at least %.0f%%", lang, 100*with, 100*minWithTopic)
		}
		if l.fp+l.fn > 0 {
			t.Errorf("%s: %d commitments found that the corpus does not list and %d it lists not found (see the log)", lang, l.fp, l.fn)
		}
		if lang != "en" && cv.provisions < minProvisionsPerLanguage {
			t.Errorf("%s: the corpus has %d provisions; keep at least %d", lang, cv.provisions, minProvisionsPerLanguage)
		}
	}
	p, rc := ratio(all.tp, all.tp+all.fp), ratio(all.tp, all.tp+all.fn)
	hit := ratio(topicsFound, topicsWant)
	t.Logf("all            P %.2f R %.2f; %d provisions; topics and names found %.2f; %d provisions with no topic", p, rc, provisions, hit, noTopic)
	if p < minPrecision || rc < minRecall || hit < minTopicHit {
		t.Errorf("overall precision %.2f, recall %.2f, topics and names %.2f; want %.2f, %.2f, %.2f", p, rc, hit, minPrecision, minRecall, minTopicHit)
	}
}

// ratio is n/d, or 1 when there is nothing to measure.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}
