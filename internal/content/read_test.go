package content

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it takes longer than d: what it
// tests must never block.
// neverBlocks is that d: a blocked open never ends, and reading a 16 MB
// file under -race beside the other checks of `make check` on two busy
// cores can take longer than a few seconds.
const neverBlocks = 30 * time.Second

func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

// specialTree is a content tree on disk with a good document, a FIFO, a
// link to /dev/zero and a file past the size limit among its documents.
func specialTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	docs := filepath.Join(dir, DocumentsDir)
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(docs, "good.md"), doc(goodFront, "1. One.\n"))
	if err := syscall.Mkfifo(filepath.Join(docs, "fifo.md"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(docs, "zero.md")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(docs, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	return dir
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSpecialFiles: a FIFO, a device behind a link and a file past the
// limit are each refused at once with a message that names them, through
// Dir and through os.DirFS alike.
func TestSpecialFiles(t *testing.T) {
	dir := specialTree(t)
	want := []string{
		"documents/big.md: larger than the limit of 16 MB",
		"documents/fifo.md: not a regular file",
		"documents/zero.md: not a regular file",
	}
	for name, fsys := range map[string]fs.FS{"Dir": Dir(dir), "os.DirFS": os.DirFS(dir)} {
		within(t, neverBlocks, func() {
			_, err := Load(fsys)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Errorf("%s: Load() = %v; want an ErrorList", name, err)
			} else if got := list.Error(); got != strings.Join(want, "\n") {
				t.Errorf("%s: Load() errors:\n%s\nwant:\n%s", name, got, strings.Join(want, "\n"))
			}
		})
	}
}

// TestDirRefusesOnOpen: a file of a Dir tree is checked as it is opened,
// so a FIFO that replaces a file after a Stat cannot block, and a regular
// file reads no further than the limit, whatever its size said.
func TestDirRefusesOnOpen(t *testing.T) {
	dir := specialTree(t)
	fsys := Dir(dir)
	within(t, neverBlocks, func() {
		for _, name := range []string{"documents/fifo.md", "documents/zero.md"} {
			if f, err := fsys.Open(name); !errors.Is(err, errNotRegular) {
				if f != nil {
					f.Close()
				}
				t.Errorf("Open(%s) = %v; want %v", name, err, errNotRegular)
			}
		}
		if _, err := fs.ReadFile(fsys, "documents/big.md"); !errors.Is(err, errTooLarge) {
			t.Errorf("fs.ReadFile(big.md) = %v; want %v", err, errTooLarge)
		}
		if b, err := fs.ReadFile(fsys, "documents/good.md"); err != nil || !strings.HasPrefix(string(b), "---\n") {
			t.Errorf("fs.ReadFile(good.md) = %q, %v", b, err)
		}
	})
}

// TestReadStopsWhenCancelled: a tree bound to a context that is done
// reads nothing and says why.
func TestReadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, DocumentsDir), 0o755)
	write(t, filepath.Join(dir, DocumentsDir, "good.md"), doc(goodFront, "1. One.\n"))
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := Load(Dir(dir).WithContext(ctx)); err != nil {
		t.Fatalf("Load() = %v", err)
	}
	read, err := Read(Dir(dir).WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := read.Parse(); !errors.Is(err, context.Canceled) {
		t.Errorf("Parse(), cancelled after Read() = %v; want context.Canceled", err)
	}
	if _, err := Load(Dir(dir).WithContext(ctx)); !errors.Is(err, context.Canceled) {
		t.Errorf("Load() after cancel = %v; want context.Canceled", err)
	}
	if _, err := fs.ReadFile(Dir(dir).WithContext(ctx), "documents/good.md"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFile() after cancel = %v; want context.Canceled", err)
	}
	tree, err := Read(Dir(dir).WithContext(ctx))
	if err == nil {
		_, err = tree.Parse()
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read().Parse() after cancel = %v; want context.Canceled", err)
	}
}

// TestParagraphLimit: a paragraph of MaxParagraph characters loads, one
// more is an error at its line.
func TestParagraphLimit(t *testing.T) {
	long := strings.Repeat("é", MaxParagraph-1) + "."
	if _, errs := Parse("documents/a.md", []byte(doc(goodFront, "Pre.\n\n1. "+long+"\n"))); errs != nil {
		t.Fatalf("a paragraph at the limit: %v", errs)
	}
	_, errs := Parse("documents/a.md", []byte(doc(goodFront, "Pre.\n\n1. One.\n\n   x"+long+"\n")))
	if len(errs) != 1 || errs[0].Line != 11 || !strings.Contains(errs[0].Msg, "longer than the limit of 100,000") {
		t.Errorf("a paragraph over the limit: %v; want one error on line 11 naming the limit", errs)
	}
	big := []byte(doc(goodFront, "1. "))
	big = append(big, make([]byte, MaxFileSize+1-len(big))...)
	if _, errs := Parse("documents/a.md", big); len(errs) != 1 || errs[0].Error() != "documents/a.md: larger than the limit of 16 MB" {
		t.Errorf("a file over the limit: %v", errs)
	}
}

// endlessFS holds one file that says it has one byte and never ends, as
// a file that grows while it is read.
type endlessFS struct{}

type endlessFile struct{}

func (endlessFS) Open(string) (fs.File, error) { return endlessFile{}, nil }
func (endlessFile) Stat() (fs.FileInfo, error) { return endlessFile{}, nil }
func (endlessFile) Close() error               { return nil }
func (endlessFile) Read(p []byte) (int, error) { clear(p); return len(p), nil }
func (endlessFile) Name() string               { return "x.md" }
func (endlessFile) Size() int64                { return 1 }
func (endlessFile) Mode() fs.FileMode          { return 0o644 }
func (endlessFile) ModTime() time.Time         { return time.Time{} }
func (endlessFile) IsDir() bool                { return false }
func (endlessFile) Sys() any                   { return nil }

// TestReadFileStopsAtTheLimit: a file read no further than the limit,
// whatever its size said when it was opened.
func TestReadFileStopsAtTheLimit(t *testing.T) {
	within(t, neverBlocks, func() {
		if b, err := ReadFile(endlessFS{}, "x.md"); !errors.Is(err, errTooLarge) {
			t.Errorf("ReadFile(endless) = %d bytes, %v; want %v", len(b), err, errTooLarge)
		}
	})
}
