package bench

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
)

// WriteContent writes docs as a content tree under dir, each document's
// content file as its file, with the vocabularies of vocab (the content
// tree's vocabulary/ folder) beside them, so that `accord serve --content
// dir` serves exactly docs.
func WriteContent(dir string, docs []*archive.Document, vocab fs.FS) error {
	for _, d := range docs {
		name := filepath.Join(dir, filepath.FromSlash(d.File))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		src, err := d.ContentFile()
		if err != nil {
			return err
		}
		if err := os.WriteFile(name, src, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", d.File, err)
		}
	}
	return fs.WalkDir(vocab, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := fs.ReadFile(vocab, p)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, "vocabulary", filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		return os.WriteFile(name, b, 0o644)
	})
}

// Clauses counts the clauses of docs.
func Clauses(docs []*archive.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Clauses)
	}
	return n
}

// Queries returns n distinct queries of one to three words, the same for
// the same docs and seed. Each is a run of consecutive words of one
// clause, so that every query has hits under AND semantics; words are
// plain lower-case letters, no stop words, so that no query language
// (Accord's or FTS5's) reads anything in them but words.
func Queries(docs []*archive.Document, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0x9e37_79b9))
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		d := docs[rng.IntN(len(docs))]
		if len(d.Clauses) == 0 {
			continue
		}
		words := plainWords(d.Clauses[rng.IntN(len(d.Clauses))].Text())
		if len(words) == 0 {
			continue
		}
		size := 1 + rng.IntN(3)
		at := rng.IntN(len(words))
		q := strings.Join(words[at:min(at+size, len(words))], " ")
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// plainWords splits text into lower-case words of letters only, dropping
// stop words and words with anything else in them.
func plainWords(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		w := strings.ToLower(strings.Trim(f, ".,;:()\"'"))
		if len(w) < 3 || stopWords[w] || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an and are as at be but by for from has have he her his if in into is it
		its not of on or such that the their them then there these they this to was were which will with
		also all any both each other than our we us so no nor only own same too very can just should now or`) {
		m[w] = true
	}
	return m
}()

// Classified generates a synthetic archive (synth.Generate) and classifies
// it with the vocabularies the binary ships, as a server's archive is.
func Classified(seed int64, docs, clausesPerDoc int) (*archive.Archive, *classify.Rules, error) {
	a, err := archive.New(synth.Generate(seed, docs, clausesPerDoc))
	if err != nil {
		return nil, nil, err
	}
	shipped, err := fs.Sub(accord.Files, "content")
	if err != nil {
		return nil, nil, err
	}
	rules, err := classify.Load(shipped)
	if err != nil {
		return nil, nil, err
	}
	if err := rules.Apply(a); err != nil {
		return nil, nil, err
	}
	return a, rules, nil
}
