// Package relevance is the search relevance harness: a judged query set
// over a test archive (the repository's content plus the documents of
// testdata/relevance), and the measures of a ranking against it — nDCG@10,
// MRR@10, recall@10 and the queries that found nothing. It knows no search
// engine: a test hands it a function from a query to ranked units, so that
// Accord's tests and the SQLite FTS5 comparison (bench tag) share it.
package relevance

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// K is the depth every measure looks at.
const K = 10

// Relevant is the least grade that counts as relevant for MRR and recall.
const Relevant = 2

// Query is one judged query: its text and the grade (1-3) of each unit
// that is not irrelevant, by unit key (doc#eId).
type Query struct {
	Text   string
	Grades map[string]int
	Line   int
}

// Unit is the key of a unit: its document's slug and its eId.
func Unit(slug, eid string) string { return slug + "#" + eid }

// Archive loads the test archive: root's content tree with the documents
// of root/testdata/relevance/documents added.
func Archive(root string) (*archive.Archive, error) {
	m := fstest.MapFS{}
	add := func(dir, prefix string) error {
		return fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				return err
			}
			m[path.Join(prefix, p)] = &fstest.MapFile{Data: b, Mode: 0o644}
			return nil
		})
	}
	if err := add(filepath.Join(root, "content"), "."); err != nil {
		return nil, err
	}
	if err := add(filepath.Join(root, "testdata", "relevance", "documents"), "documents"); err != nil {
		return nil, err
	}
	return content.Load(m)
}

// Synonyms reads the synonyms of root's content tree.
func Synonyms(root string) ([][]string, error) {
	groups, problems := vocab.LoadSynonyms(os.DirFS(filepath.Join(root, "content")))
	if len(problems) > 0 {
		return nil, problems[0]
	}
	return groups, nil
}

// Load reads the judged queries of root/testdata/relevance/queries.txt.
func Load(root string) ([]Query, error) {
	name := filepath.Join(root, "testdata", "relevance", "queries.txt")
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse(name, f)
}

func parse(name string, f *os.File) ([]Query, error) {
	var (
		qs     []Query
		abbrev = map[string]string{}
		sc     = bufio.NewScanner(f)
		line   int
	)
	for sc.Scan() {
		line++
		raw := sc.Text()
		text := strings.TrimSpace(raw)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case strings.HasPrefix(text, "@"):
			k, v, ok := strings.Cut(text[1:], "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want @name = slug", name, line)
			}
			abbrev[strings.TrimSpace(k)] = strings.TrimSpace(v)
		case raw[0] == ' ' || raw[0] == '\t':
			if len(qs) == 0 {
				return nil, fmt.Errorf("%s:%d: a grade before any query", name, line)
			}
			g, unit, ok := strings.Cut(text, " ")
			grade, err := strconv.Atoi(g)
			if !ok || err != nil || grade < 0 || grade > 3 {
				return nil, fmt.Errorf("%s:%d: want a grade 0-3 and doc#eId", name, line)
			}
			doc, eid, ok := strings.Cut(strings.TrimSpace(unit), "#")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want doc#eId", name, line)
			}
			if s, ok := abbrev[doc]; ok {
				doc = s
			}
			qs[len(qs)-1].Grades[Unit(doc, eid)] = grade
		default:
			qs = append(qs, Query{Text: text, Grades: map[string]int{}, Line: line})
		}
	}
	return qs, sc.Err()
}

// Check reports judged units that are not in a, as file:line errors.
func Check(qs []Query, a *archive.Archive) []string {
	units := map[string]bool{}
	for _, d := range a.Documents() {
		for _, p := range d.Preamble {
			units[Unit(d.Slug, p.EID())] = true
		}
		for _, c := range d.Searched() {
			units[Unit(d.Slug, c.EID())] = true
		}
	}
	var bad []string
	for _, q := range qs {
		for u := range q.Grades {
			if !units[u] {
				bad = append(bad, fmt.Sprintf("queries.txt:%d: %q: no unit %s", q.Line, q.Text, u))
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// ByLanguage splits qs by the language of the documents their judged
// units belong to (the first such unit's; "en" for a document that names
// none), so that each language's figures can be read apart.
func ByLanguage(qs []Query, a *archive.Archive) map[string][]Query {
	lang := map[string]string{}
	for _, d := range a.Documents() {
		l := d.Language
		if l == "" {
			l = "en"
		}
		lang[d.Slug] = l
	}
	out := map[string][]Query{}
	for _, q := range qs {
		units := make([]string, 0, len(q.Grades))
		for u := range q.Grades {
			units = append(units, u)
		}
		sort.Strings(units)
		l := "en"
		if len(units) > 0 {
			slug, _, _ := strings.Cut(units[0], "#")
			l = lang[slug]
		}
		out[l] = append(out[l], q)
	}
	return out
}

// Scores are the measures of one engine over the query set.
type Scores struct {
	NDCG, MRR, Recall float64  // means over the queries, at K
	Zero              []string // queries with no result
	PerQuery          []float64
}

// Ranked is the search function Evaluate takes, for a Searcher: each
// query's hits, as units, best first.
func Ranked(ctx context.Context, s archive.Searcher) func(string) ([]string, error) {
	return func(text string) ([]string, error) {
		res, err := s.Search(ctx, archive.Query{Text: text})
		if err != nil {
			return nil, err
		}
		units := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			units[i] = Unit(h.Doc.Slug, h.EID)
		}
		return units, nil
	}
}

// Evaluate runs every query through search, which returns units ranked
// best first, and measures the ranking.
func Evaluate(qs []Query, search func(string) ([]string, error)) (Scores, error) {
	var s Scores
	for _, q := range qs {
		got, err := search(q.Text)
		if err != nil {
			return s, fmt.Errorf("%q: %w", q.Text, err)
		}
		if len(got) == 0 {
			s.Zero = append(s.Zero, q.Text)
		}
		if len(got) > K {
			got = got[:K]
		}
		n := ndcg(q.Grades, got)
		s.PerQuery = append(s.PerQuery, n)
		s.NDCG += n
		s.MRR += reciprocalRank(q.Grades, got)
		s.Recall += recall(q.Grades, got)
	}
	if n := float64(len(qs)); n > 0 {
		s.NDCG /= n
		s.MRR /= n
		s.Recall /= n
	}
	return s, nil
}

func ndcg(grades map[string]int, got []string) float64 {
	var dcg float64
	for i, u := range got {
		dcg += gain(grades[u]) / math.Log2(float64(i+2))
	}
	var ideal []int
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	var idcg float64
	for i, g := range ideal {
		if i == K {
			break
		}
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func gain(g int) float64 { return math.Exp2(float64(g)) - 1 }

func reciprocalRank(grades map[string]int, got []string) float64 {
	for i, u := range got {
		if grades[u] >= Relevant {
			return 1 / float64(i+1)
		}
	}
	return 0
}

func recall(grades map[string]int, got []string) float64 {
	want := 0
	for _, g := range grades {
		if g >= Relevant {
			want++
		}
	}
	if want == 0 {
		return 1
	}
	found := 0
	for _, u := range got {
		if grades[u] >= Relevant {
			found++
		}
	}
	return float64(found) / float64(want)
}

// String is the scores as one line of a table.
func (s Scores) String() string {
	return fmt.Sprintf("nDCG@10 %.3f  MRR@10 %.3f  recall@10 %.3f  zero-result %d", s.NDCG, s.MRR, s.Recall, len(s.Zero))
}
