package content

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
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
