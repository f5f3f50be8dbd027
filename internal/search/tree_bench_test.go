package search

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// treaty is one document of articles, numbered paragraphs and lettered
// sub-paragraphs: articles × paragraphs × (1 + subs) provisions with text.
func treaty(tb testing.TB, slug string, articles, paragraphs, subs int) *archive.Document {
	tb.Helper()
	d := &archive.Document{Slug: slug, Title: "Agreement on Maritime Cooperation and Connectivity between the Parties",
		Kind: "treaty", Date: time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), Language: "en", File: "documents/" + slug + ".md"}
	for _, code := range []string{"KZ", "EE", "FR", "DE"} {
		p, err := vocab.DefaultParties().LookupParty(code)
		if err != nil {
			tb.Fatal(err)
		}
		d.Parties = append(d.Parties, p)
	}
	for a := 1; a <= articles; a++ {
		art := &archive.Provision{Element: archive.ElArticle, Label: fmt.Sprintf("Article %d", a), Num: fmt.Sprint(a),
			Heading: &archive.Paragraph{Text: fmt.Sprintf("Heading %d of the ports", a)}}
		for p := 1; p <= paragraphs; p++ {
			para := &archive.Provision{Element: archive.ElParagraph, Label: fmt.Sprintf("%d.", p), Num: fmt.Sprint(p),
				Paragraphs: []*archive.Paragraph{{Text: fmt.Sprintf("The Parties shall cooperate on matter %d of article %d as follows:", p, a)}}}
			for s := range subs {
				l := string(rune('a' + s))
				para.Children = append(para.Children, &archive.Provision{Element: archive.ElSubparagraph, Label: "(" + l + ")", Num: l,
					Paragraphs: []*archive.Paragraph{{Text: fmt.Sprintf("exchange information on shipping, ports and customs, item %s of %d.%d;", l, a, p)}}})
			}
			art.Children = append(art.Children, para)
		}
		d.Body = append(d.Body, art)
	}
	d.Build()
	return d
}

// BenchmarkBuildTree indexes one treaty of 1,500 provisions with text (50
// articles of 5 paragraphs of 5 sub-paragraphs) in memory: many small
// units of one document, whose context is the same for each.
func BenchmarkBuildTree(b *testing.B) {
	d := treaty(b, "treaty", 50, 5, 5)
	a, err := archive.NewWithParties([]*archive.Document{d}, vocab.DefaultParties())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := Build(context.Background(), a)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(len(d.Clauses)*b.N)/b.Elapsed().Seconds(), "provisions/s")
}
