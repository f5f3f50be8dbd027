package search

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
)

// seedArchive loads the repository's content tree.
func seedArchive(t testing.TB) *archive.Archive {
	t.Helper()
	a, err := content.Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatalf("content.Load(content) = %v", err)
	}
	return a
}

// seedIndex is one in-memory index of the seed, shared by read-only tests.
var seedIndex = sync.OnceValues(func() (*Index, error) {
	a, err := content.Load(os.DirFS("../../content"))
	if err != nil {
		return nil, err
	}
	return Build(context.Background(), a)
})

func seed(t testing.TB) *Index {
	t.Helper()
	ix, err := seedIndex()
	if err != nil {
		t.Fatalf("build seed index: %v", err)
	}
	return ix
}

func mustSearch(t testing.TB, ix *Index, q Query) *Results {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v) error: %v", q, err)
	}
	return res
}
