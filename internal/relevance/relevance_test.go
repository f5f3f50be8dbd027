package relevance

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The measures on hand-worked rankings.
func TestMeasures(t *testing.T) {
	grades := map[string]int{"a": 3, "b": 2, "c": 1}
	if got := ndcg(grades, []string{"a", "b", "c"}); !near(got, 1) {
		t.Errorf("ndcg(ideal) = %v; want 1", got)
	}
	// c, a: gains 1 and 7 at ranks 1 and 2, against 7, 3, 1 ideally.
	want := (1 + 7/math.Log2(3)) / (7 + 3/math.Log2(3) + 1/math.Log2(4))
	if got := ndcg(grades, []string{"c", "a"}); !near(got, want) {
		t.Errorf("ndcg(c, a) = %v; want %v", got, want)
	}
	if got := reciprocalRank(grades, []string{"x", "c", "b"}); !near(got, 1.0/3) {
		t.Errorf("reciprocalRank = %v; want 1/3 (c is below Relevant)", got)
	}
	if got := recall(grades, []string{"b", "x"}); !near(got, 0.5) {
		t.Errorf("recall = %v; want 1/2", got)
	}
	s, err := Evaluate([]Query{{Text: "q", Grades: grades}, {Text: "none", Grades: grades}}, func(q string) ([]string, error) {
		if q == "none" {
			return nil, nil
		}
		return []string{"a", "b", "c"}, nil
	})
	if err != nil || !near(s.NDCG, 0.5) || !near(s.MRR, 0.5) || len(s.Zero) != 1 || s.Zero[0] != "none" {
		t.Errorf("Evaluate = %+v, %v; want means over both queries, one zero-result", s, err)
	}
}

// A malformed judgment names its line.
func TestParseProblems(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ src, want string }{
		{"  3 a#b\n", ":1: a grade before any query"},
		{"q\n  4 a#b\n", ":2: want a grade 0-3"},
		{"q\n  3 ab\n", ":2: want doc#eId"},
		{"@x slug\n", ":1: want @name = slug"},
	} {
		name := filepath.Join(dir, "q.txt")
		if err := os.WriteFile(name, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		_, err = parse(name, f)
		f.Close()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parse(%q) = %v; want %q", tc.src, err, tc.want)
		}
	}
}
