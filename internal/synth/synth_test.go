package synth

import (
	"reflect"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(7, 20, 5), Generate(7, 20, 5)
	fa, fb := Files(a), Files(b)
	for i := range a {
		if string(fa[a[i].File].Data) != string(fb[b[i].File].Data) {
			t.Fatalf("Generate(7, 20, 5)[%d] differs between runs", i)
		}
	}
	if c := Generate(8, 20, 5); string(Files(c)[c[0].File].Data) == string(fa[a[0].File].Data) {
		t.Errorf("Generate(8, …)[0] = Generate(7, …)[0]; want another document for another seed")
	}
}

func TestGenerateShape(t *testing.T) {
	docs := Generate(1, 200, 7)
	if len(docs) != 200 {
		t.Fatalf("len(Generate(1, 200, 7)) = %d; want 200", len(docs))
	}
	a, err := archive.New(docs)
	if err != nil {
		t.Fatalf("archive.New(Generate(1, 200, 7)) = %v; want no error", err)
	}
	s := a.Stats()
	if s.Clauses != 200*7 {
		t.Errorf("clauses = %d; want %d", s.Clauses, 200*7)
	}
	if len(s.Years) < 15 || len(s.Kinds) < 5 || len(s.Parties) < 30 {
		t.Errorf("years, kinds, parties = %d, %d, %d; want a spread (≥15, ≥5, ≥30)", len(s.Years), len(s.Kinds), len(s.Parties))
	}
	for _, d := range docs {
		for _, c := range d.Clauses {
			for j, p := range c.Paragraphs {
				if p.Doc != d || p.Clause != c || p.EID() != archive.ClauseParagraphEID(c.Number, j+1) {
					t.Fatalf("%s clause %d paragraph %d: back-pointers or eId wrong (%s)", d.Slug, c.Number, j+1, p.EID())
				}
			}
		}
	}
}

// TestGenerateLoadsAsContent proves the generated documents are what the
// loader makes of their content files.
func TestGenerateLoadsAsContent(t *testing.T) {
	docs := Generate(3, 40, 6)
	a, err := content.Load(Files(docs))
	if err != nil {
		t.Fatalf("content.Load(generated) = %v", err)
	}
	for _, want := range docs {
		got, ok := a.Document(want.Slug)
		if !ok {
			t.Fatalf("loaded archive lacks %s", want.Slug)
		}
		if got.Title != want.Title || got.Kind != want.Kind || !got.Date.Equal(want.Date) ||
			got.Place != want.Place || !reflect.DeepEqual(got.Parties, want.Parties) || got.File != want.File {
			t.Errorf("%s metadata = %q %s %s %q %v %s; want %q %s %s %q %v %s", want.Slug,
				got.Title, got.Kind, got.Date, got.Place, got.Parties, got.File,
				want.Title, want.Kind, want.Date, want.Place, want.Parties, want.File)
		}
		gp, wp := got.Paragraphs(), want.Paragraphs()
		if len(gp) != len(wp) {
			t.Fatalf("%s: %d paragraphs loaded; want %d", want.Slug, len(gp), len(wp))
		}
		for i := range wp {
			g, w := gp[i], wp[i]
			if g.EID() != w.EID() || g.Text != w.Text || g.HTML != w.HTML || g.Line != w.Line || g.Index != w.Index {
				t.Errorf("%s %s: loaded {%s %d line %d %q %q}; want {%s %d line %d %q %q}", want.Slug, w.EID(),
					g.EID(), g.Index, g.Line, g.Text, g.HTML, w.EID(), w.Index, w.Line, w.Text, w.HTML)
			}
		}
		for i, c := range want.Clauses {
			if got.Clauses[i].Line != c.Line || got.Clauses[i].Number != c.Number {
				t.Errorf("%s clause %d: line %d; want %d", want.Slug, c.Number, got.Clauses[i].Line, c.Line)
			}
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(1, 10000, 10)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/clause")
}

// TestTreatyText: the made-up treaty has about the paragraphs asked for,
// the same each time.
func TestTreatyText(t *testing.T) {
	text := TreatyText(1500)
	lines := strings.Count(string(text), "\n")
	if lines < 1450 || lines > 1550 {
		t.Errorf("TreatyText(1500) has %d lines; want about 1,500", lines)
	}
	if string(TreatyText(1500)) != string(text) {
		t.Error("TreatyText(1500) differs from one call to the next")
	}
	for _, want := range []string{"\nThe Parties to this Agreement,\n", "\nCHAPTER XII\n", "\nArticle 1\n", "\n(ii) through the Joint Committee;\n", "\nDONE at Geneva", "\nANNEX\n"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("TreatyText(1500) has no %q", want)
		}
	}
}
