package classify

import (
	"slices"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// version is a document of one clause in lang, between KZ and EE.
func version(t *testing.T, slug, lang, text string) *archive.Document {
	t.Helper()
	d := oneClause(t, text)
	d.Slug, d.Language, d.Kind = slug, lang, archive.JointStatement
	return d
}

func slugs[T any](list []*T, slug func(*T) string) []string {
	var out []string
	for _, x := range list {
		out = append(out, slug(x))
	}
	return out
}

func topicSlugs(c *archive.Classification) []string {
	return slugs(c.Topics, func(t *archive.Topic) string { return t.Slug })
}

// TestDocumentLanguage: each document is read with its language's
// vocabulary; one in a language with none is left unread and says so.
func TestDocumentLanguage(t *testing.T) {
	r := realRules(t)
	for _, tt := range []struct {
		lang, text   string
		unclassified bool
		want         string // the commitments, as describe prints them
	}{
		{"en", "The Parties agreed to expand trade.", false, `agreement "agreed to expand" all`},
		{"", "The Parties agreed to expand trade.", false, `agreement "agreed to expand" all`},
		{"ru", "Стороны договорились расширять торговлю.", false, `agreement "договорились" all`},
		{"ru-RU", "Стороны договорились расширять торговлю.", false, `agreement "договорились" all`},
		{"fr", "Les Parties conviennent de développer le commerce.", false, `agreement "conviennent de" all`},
		// English words in a French text are not read as English.
		{"fr", "The Parties agreed to expand trade.", false, ``},
		{"ru", "The Parties agreed to expand trade.", false, ``},
		{"et", "Pooled leppisid kokku kaubanduse laiendamises.", true, ``},
		{"et", "The Parties agreed to expand trade.", true, ``},
	} {
		d := oneClause(t, tt.text)
		d.Language = tt.lang
		if err := r.ApplyDocument(d); err != nil {
			t.Fatal(err)
		}
		cl := d.Clauses[0]
		if d.Unclassified != tt.unclassified || describe(cl.Commitments) != tt.want {
			t.Errorf("%s %q: unclassified %v, commitments %q; want %v, %q", tt.lang, tt.text, d.Unclassified, describe(cl.Commitments), tt.unclassified, tt.want)
		}
		if tt.unclassified && (cl.Topics != nil || cl.Entities != nil) {
			t.Errorf("%s %q: an unread text has topics %v", tt.lang, tt.text, topicSlugs(&cl.Classification))
		}
		if got := r.Reads(tt.lang); got == tt.unclassified {
			t.Errorf("Reads(%q) = %v", tt.lang, got)
		}
	}
	if got := r.Languages(); !slices.Equal(got, []string{"en", "fr", "ru"}) {
		t.Errorf("Languages() = %v; want [en fr ru]", got)
	}
}

// TestInherit: a version the rules cannot read takes the topics and names
// of the read version's unit with the same eId, never its commitments,
// and an editor's override wins.
func TestInherit(t *testing.T) {
	r := realRules(t)
	en := version(t, "en", "en", "The Parties agreed to expand trade with the European Union.")
	et := version(t, "et", "et", "Pooled leppisid kokku laiendada kaubandust Euroopa Liiduga.")
	for _, d := range []*archive.Document{en, et} {
		if err := r.ApplyDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	Inherit(et, en)
	got, src := &et.Clauses[0].Classification, &en.Clauses[0].Classification
	if et.InheritedFrom != "en" || !slices.Equal(topicSlugs(got), []string{"trade"}) || len(got.Entities) != len(src.Entities) || len(got.Entities) == 0 {
		t.Errorf("inherited from %q: topics %v, %d names; want from en: [trade], %d names", et.InheritedFrom, topicSlugs(got), len(got.Entities), len(src.Entities))
	}
	if len(got.Commitments) != 0 || !et.Unclassified {
		t.Errorf("the Estonian version took commitments %q (unclassified %v); want none, still unclassified", describe(got.Commitments), et.Unclassified)
	}

	// An editor's topics win; a unit with no counterpart takes nothing.
	et2 := version(t, "et2", "et", "Pooled leppisid kokku.")
	et2.Clauses[0].Override = &archive.Override{SetTopics: true}
	extra := &archive.Clause{Doc: et2, Number: 2}
	extra.Paragraphs = []*archive.Paragraph{{Doc: et2, Clause: extra, Index: 1, Text: "Lisa."}}
	et2.Clauses = append(et2.Clauses, extra)
	if err := r.ApplyDocument(et2); err != nil {
		t.Fatal(err)
	}
	Inherit(et2, en)
	if c := et2.Clauses[0]; c.Topics != nil || len(c.Entities) == 0 {
		t.Errorf("overridden topics: %v, %d names; want none (the editor's), the names inherited", topicSlugs(&c.Classification), len(c.Entities))
	}
	if c := et2.Clauses[1]; c.Topics != nil || c.Entities != nil {
		t.Errorf("a clause with no counterpart took %v", topicSlugs(&c.Classification))
	}

	// Nothing is taken from an unread version, nor by a read one.
	et3 := version(t, "et3", "et", "Pooled leppisid kokku.")
	_ = r.ApplyDocument(et3)
	Inherit(et3, et)
	Inherit(en, et)
	if et3.InheritedFrom != "" || en.InheritedFrom != "" {
		t.Errorf("inherited from an unread version: %q, %q", et3.InheritedFrom, en.InheritedFrom)
	}
}

// TestApplyInheritsVersions: Apply gives an unread version the topics of
// the English version of the same work, and a work with no read version
// leaves its versions as they are.
func TestApplyInheritsVersions(t *testing.T) {
	r := realRules(t)
	ru := version(t, "ru", "ru", "Стороны договорились расширять торговлю.")
	en := version(t, "en", "en", "The Parties agreed to expand trade.")
	et := version(t, "et", "et", "Pooled leppisid kokku.")
	lone := version(t, "lone", "kk", "Тараптар келісті.")
	lone.Number = "2" // another work
	a, err := archive.New([]*archive.Document{ru, et, en, lone})
	if err != nil {
		t.Fatal(err)
	}
	if ru.WorkIRI() != et.WorkIRI() || lone.WorkIRI() == et.WorkIRI() {
		t.Fatalf("work IRIs %s, %s, %s: the test needs two works", ru.WorkIRI(), et.WorkIRI(), lone.WorkIRI())
	}
	if err := r.Apply(a); err != nil {
		t.Fatal(err)
	}
	if et.InheritedFrom != "en" || !slices.Equal(topicSlugs(&et.Clauses[0].Classification), []string{"trade"}) {
		t.Errorf("et inherited from %q topics %v; want from en [trade]", et.InheritedFrom, topicSlugs(&et.Clauses[0].Classification))
	}
	if !lone.Unclassified || lone.InheritedFrom != "" || ru.Unclassified || ru.InheritedFrom != "" {
		t.Errorf("lone %v %q, ru %v %q", lone.Unclassified, lone.InheritedFrom, ru.Unclassified, ru.InheritedFrom)
	}
}

// TestRecurringNames: the groups, organs, agreements and regions that
// recur in communiqués are names, in each language the rules read.
func TestRecurringNames(t *testing.T) {
	r := realRules(t)
	want := []string{"group-of-seven", "group-of-twenty", "united-nations-security-council", "international-monetary-fund", "paris-agreement"}
	for lang, text := range map[string]string{
		"en": "The G7 and the G20 welcome the Quad, ASEAN, the Security Council, the General Assembly, the IMF, the Paris Agreement and a free Indo-Pacific.",
		"ru": "G7 и Группа двадцати, Совет Безопасности ООН, МВФ и Парижское соглашение.",
		"fr": "Le G7 et le G20, le Conseil de sécurité, le FMI et l'Accord de Paris.",
	} {
		d := oneClause(t, text)
		d.Language = lang
		if err := r.ApplyDocument(d); err != nil {
			t.Fatal(err)
		}
		got := slugs(d.Clauses[0].Entities, func(e *archive.Entity) string { return e.Slug })
		need := want
		if lang == "en" {
			need = append(slices.Clone(want), "quadrilateral-security-dialogue", "association-of-southeast-asian-nations", "united-nations-general-assembly", "indo-pacific")
		}
		for _, w := range need {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %q names %v; want %s among them", lang, text, got, w)
			}
		}
	}
}
