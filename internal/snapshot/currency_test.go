package snapshot

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/content"
)

// countingFS is a content tree on disk that counts the documents opened.
type countingFS struct {
	*content.DirFS
	opened *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, content.DocumentsDir+"/") {
		c.opened.Add(1)
	}
	return c.DirFS.Open(name)
}

// TestContentCurrency: a start reads no content file whose size,
// modification time, change time and inode are those the snapshot
// recorded, and reads and hashes one whose Stat differs: a file rewritten
// with the same size, and with its old modification time too, is parsed
// again, never taken from the snapshot. A file that had just changed when
// it was recorded is read at every start.
func TestContentCurrency(t *testing.T) {
	settle := content.StatSettle
	t.Cleanup(func() { content.StatSettle = settle })
	content.StatSettle = 0

	dir := t.TempDir()
	if err := os.CopyFS(dir, tree(t, nil)); err != nil {
		t.Fatal(err)
	}
	s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
	var opened atomic.Int64
	fsys := countingFS{content.Dir(dir), &opened}
	if _, _, decoded, err := s.load(fsys); err != nil || decoded {
		t.Fatalf("first load: decoded %v, %v", decoded, err)
	}
	opened.Store(0)
	if _, _, decoded, err := s.load(fsys); err != nil || !decoded {
		t.Fatalf("second load: decoded %v, %v", decoded, err)
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("a load of unchanged content opened %d content files; want none", n)
	}

	file := filepath.Join(dir, seedFile)
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	text := func(word string) bool {
		a, _, decoded, err := s.load(fsys)
		if err != nil || decoded {
			t.Fatalf("after a change: decoded %v, %v; want the content parsed", decoded, err)
		}
		for _, d := range a.Documents() {
			for _, p := range d.Paragraphs() {
				if strings.Contains(p.Text, word) {
					return true
				}
			}
		}
		return false
	}
	// The same size, other bytes: once with a later modification time,
	// then with the modification time the snapshot recorded set back.
	for i, c := range []struct {
		old, new string
		mtime    time.Time
	}{
		{"Tallinn", "Tallinx", info.ModTime().Add(time.Hour)},
		{"Tallinx", "Tallinz", info.ModTime().Add(time.Hour)},
	} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		changed := strings.Replace(string(src), c.old, c.new, 1)
		if changed == string(src) {
			t.Fatalf("%d: the seed does not say %s", i, c.old)
		}
		if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, c.mtime, c.mtime); err != nil {
			t.Fatal(err)
		}
		if now, err := os.Stat(file); err != nil || now.Size() != info.Size() {
			t.Fatalf("%d: the file changed size", i)
		}
		if !text(c.new) {
			t.Errorf("%d: the archive does not hold the file as rewritten (same size, modification time %v)", i, c.mtime)
		}
	}

	// Recorded just after a change, a file is read at every start.
	content.StatSettle = time.Hour
	os.Remove(s.Path)
	if _, _, _, err := s.load(fsys); err != nil {
		t.Fatal(err)
	}
	opened.Store(0)
	if _, _, decoded, err := s.load(fsys); err != nil || !decoded {
		t.Fatalf("unsettled: decoded %v, %v", decoded, err)
	}
	if opened.Load() == 0 {
		t.Error("files that had just changed when recorded were taken as known")
	}

	// Once they have settled, a start that reads them records them, and
	// the next reads none.
	content.StatSettle = 0
	opened.Store(0)
	if _, _, decoded, err := s.load(fsys); err != nil || !decoded {
		t.Fatalf("settled since: decoded %v, %v", decoded, err)
	}
	if opened.Load() == 0 {
		t.Fatal("files recorded without a Stat were taken as known")
	}
	opened.Store(0)
	if _, _, decoded, err := s.load(fsys); err != nil || !decoded {
		t.Fatalf("after the files were recorded: decoded %v, %v", decoded, err)
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("a start after the files settled opened %d content files; want none", n)
	}
}
