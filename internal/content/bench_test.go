package content

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// manyClauses is a content file of n one-sentence clauses.
func manyClauses(n int) []byte {
	var b strings.Builder
	b.WriteString(doc(goodFront, "The Presidents met in Astana.\n"))
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n%d. The Parties agreed to expand cooperation in the field number %d, including trade and transport.\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkParseClauses parses one file of many clauses: the cost per
// clause stays the same as the file grows.
func BenchmarkParseClauses(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		src := manyClauses(n)
		b.Run(fmt.Sprintf("clauses=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, errs := Parse("documents/many.md", src); errs != nil {
					b.Fatal(errs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/clause")
		})
	}
}

// TestLinesOfManyClauses: every clause of a long file is on the line
// where its number is printed.
func TestLinesOfManyClauses(t *testing.T) {
	src := manyClauses(3000)
	d, errs := Parse("documents/many.md", src)
	if errs != nil {
		t.Fatal(errs)
	}
	for i, line := range strings.Split(string(src), "\n") {
		num, _, ok := strings.Cut(line, ". The Parties")
		if !ok {
			continue
		}
		c := d.Clauses[mustAtoi(t, num)-1]
		if c.Line != i+1 || c.Paragraphs[0].Line != i+1 {
			t.Fatalf("clause %s on line %d, its paragraph on %d; want %d", num, c.Line, c.Paragraphs[0].Line, i+1)
		}
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// treeDoc is a treaty of n numbered paragraphs in articles under
// chapters, with sub-paragraphs, points, bullets, further paragraphs, a
// note and a table: every kind of block the loader reads.
func treeDoc(n int) []byte {
	var b strings.Builder
	b.WriteString(doc(goodFront, "::: preamble\nThe Parties to this Agreement,\n\nDesiring to cooperate,\n:::\n"))
	paras := 0
	for chp := 1; paras < n; chp++ {
		fmt.Fprintf(&b, "\n# Chapter %d\n\n## General Provisions\n", chp)
		for art := 1; art <= 5 && paras < n; art++ {
			fmt.Fprintf(&b, "\n### Article %d – Scope %d\n", (chp-1)*5+art, art)
			for p := 1; p <= 10 && paras < n; p++ {
				paras++
				switch p {
				case 3:
					fmt.Fprintf(&b, "\n%d. The Parties shall, in field %d:\n\n(a) exchange data;\n\n(b) meet:\n\n(i) each year;\n\n(ii) when needed.\n", p, paras)
				case 5:
					fmt.Fprintf(&b, "\n%d. The Parties agree to cooperate in field %d, including trade and transport.[^%d]\n\n[^%d]: As agreed in field %d.\n", p, paras, paras, paras, paras)
				case 7:
					fmt.Fprintf(&b, "\n%d. The quotas in field %d:\n\n| Product | Tonnes |\n|---|---|\n| Grain | %d |\n", p, paras, paras)
				case 9:
					fmt.Fprintf(&b, "\n%d. The Parties will:\n\n   • meet in field %d;\n\n   • report on it.\n", p, paras)
				default:
					fmt.Fprintf(&b, "\n%d. The Parties agree to expand cooperation in field %d, including trade and transport.\n\n   This paragraph continues it.\n", p, paras)
				}
			}
		}
	}
	b.WriteString("\n::: conclusions\nDONE at Lorvik on 20 September 2023.\nFor the first Party: C. Example\n:::\n\n# Annex I\n\n1. A lock raises vessels.\n")
	return []byte(b.String())
}

// BenchmarkParseTree parses a treaty of 1,500 numbered paragraphs, each
// with its sub-paragraphs, further paragraphs, bullets, notes or tables.
func BenchmarkParseTree(b *testing.B) {
	const n = 1500
	src := treeDoc(n)
	if _, errs := Parse("documents/tree.md", src); errs != nil {
		b.Fatal(errs)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, errs := Parse("documents/tree.md", src); errs != nil {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/paragraph")
}

// TestTreeDocFast: a 1,500-paragraph tree parses well under a second,
// with every provision where the generator put it.
func TestTreeDocFast(t *testing.T) {
	src := treeDoc(1500)
	start := time.Now()
	d, errs := Parse("documents/tree.md", src)
	elapsed := time.Since(start)
	if errs != nil {
		t.Fatal(errs)
	}
	if elapsed > time.Second {
		t.Errorf("parsing 1,500 paragraphs took %v; want well under a second", elapsed)
	}
	if got, want := len(d.Notes), 150; got != want {
		t.Errorf("%d notes; want %d", got, want)
	}
	if p, ok := d.Provision("chp_30__art_150__para_9__item_2"); !ok || p.Text() != "report on it." {
		t.Errorf("last bullet: %v %v", ok, p)
	}
}
