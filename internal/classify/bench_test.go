package classify

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// unpunctuated is about size bytes of the seed's words with no sentence
// ends or commas: one sentence, as long as the text.
func unpunctuated(tb testing.TB, size int) string {
	tb.Helper()
	src, err := os.ReadFile("../../content/documents/2025-11-17-kazakhstan-estonia.md")
	if err != nil {
		tb.Fatal(err)
	}
	_, body, _ := strings.Cut(strings.SplitN(string(src), "---\n", 3)[2], "\n")
	words := strings.FieldsFunc(body, func(r rune) bool { return !isWordRune(r) })
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	return b.String()
}

// BenchmarkUnpunctuatedClause classifies one clause that is a single
// sentence of many verbs: the cost per byte stays the same as it grows.
func BenchmarkUnpunctuatedClause(b *testing.B) {
	r := realRules(b)
	for _, size := range []int{750_000, 3_000_000} {
		text := unpunctuated(b, size)
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			c, d := r.newClassifier(), oneClause(b, text) // as Apply: one classifier for many units
			for b.Loop() {
				if errs := c.document(d); errs != nil {
					b.Fatal(errs)
				}
			}
		})
	}
}

// TestLookBacksLinear: however many verbs share one long sentence, the
// rules look at each word a bounded number of times to find sentence
// starts and subjects, not once per verb before it.
func TestLookBacksLinear(t *testing.T) {
	r := realRules(t)
	for _, text := range []string{
		unpunctuated(t, 200_000),
		strings.Repeat("Estonia and Kazakhstan and ", 5000) + strings.Repeat("will welcome ", 5000),
		strings.Repeat("welcomed supporting ", 10000),
		"The Presidents expressed gratitude to " + strings.Repeat("Estonia and ", 5000) + "Kazakhstan welcomed it",
	} {
		c := r.newClassifier()
		if errs := c.document(oneClause(t, text)); errs != nil {
			t.Fatal(errs)
		}
		words := len(c.sc.scan(text))
		if c.looks > 3*words {
			t.Errorf("%d words, %.20q…: %d looks back; want at most %d", words, text, c.looks, 3*words)
		}
	}
}
