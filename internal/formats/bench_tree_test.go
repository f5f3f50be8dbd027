package formats

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

// bigTree is a treaty of 40 articles of 20 paragraphs, each with two
// lettered sub-paragraphs: 2,440 provisions.
func bigTree() *archive.Document {
	para := func(text string) []*archive.Paragraph {
		return []*archive.Paragraph{{Text: text, HTML: text}}
	}
	d := &archive.Document{Slug: "big", Title: "Big", Kind: archive.Treaty, Language: "en"}
	for a := 1; a <= 40; a++ {
		art := &archive.Provision{Element: archive.ElArticle, Label: "Article " + strconv.Itoa(a), Num: strconv.Itoa(a)}
		for p := 1; p <= 20; p++ {
			n := strconv.Itoa(p)
			c := &archive.Provision{Element: archive.ElParagraph, Label: n + ".", Num: n, Paragraphs: para("The Parties shall cooperate in the field numbered " + n + ", as follows:")}
			for _, l := range []string{"a", "b"} {
				c.Children = append(c.Children, &archive.Provision{Element: archive.ElSubparagraph, Label: "(" + l + ")", Num: l, Paragraphs: para("by exchanging information on matters of common interest;")})
			}
			art.Children = append(art.Children, c)
		}
		d.Body = append(d.Body, art)
	}
	d.Build()
	return d
}

func BenchmarkTreeAkomaNtoso(b *testing.B) {
	d := bigTree()
	for b.Loop() {
		if _, err := AkomaNtoso(d, manifestationDate); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTreeJSON(b *testing.B) {
	d := bigTree()
	for b.Loop() {
		if _, err := json.Marshal(testSite.Document(d)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTreeText(b *testing.B) {
	d := bigTree()
	for b.Loop() {
		Text(d)
	}
}
