package content

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestChangeTimeOnlyWhereKept: a Stat is recorded only on a file system
// whose change time the kernel keeps; FAT's and a network's are read at
// every start.
func TestChangeTimeOnlyWhereKept(t *testing.T) {
	types := map[string]string{"8:1": "ext4", "8:2": "vfat", "0:52": "nfs4", "259:3": "xfs"}
	for _, tt := range []struct {
		dev  uint64
		want bool
	}{
		{8<<8 | 1, true},
		{8<<8 | 2, false},
		{52, false},
		{259<<8 | 3, true},
		{8<<8 | 9, false}, // not in the mount table
	} {
		if got := keepsChangeTimeIn(types, tt.dev); got != tt.want {
			t.Errorf("device %d: %v; want %v", tt.dev, got, tt.want)
		}
	}
	// The mount table is read: the device of a temporary file has a type.
	info, err := os.Stat(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := info.Sys().(*syscall.Stat_t)
	if len(fileSystems()) == 0 {
		t.Fatal("no file system read from the mount table")
	}
	t.Logf("the temporary directory is on a file system whose change time is kept: %v", keepsChangeTime(uint64(s.Dev)))
}

// statCountingFS is a tree on disk that counts the Stats taken of it.
type statCountingFS struct {
	*DirFS
	stats *atomic.Int64
}

func (c statCountingFS) Stat(name string) (fs.FileInfo, error) {
	c.stats.Add(1)
	return c.DirFS.Stat(name)
}

// TestReadKnownStatsFirst: ReadKnown takes every file's Stat before it
// asks known about any, so that the walk is done while known waits for
// what it compares with (a snapshot still being read), and a file known
// rejects is still read.
func TestReadKnownStatsFirst(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	if err := os.MkdirAll(filepath.Join(dir, DocumentsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		name := filepath.Join(dir, DocumentsDir, fmt.Sprintf("doc-%d.md", i))
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stats atomic.Int64
	fsys := statCountingFS{Dir(dir), &stats}
	var early atomic.Int64 // lookups before every file was statted
	tree, err := ReadKnown(fsys, func(name string, st Stat) ([sha256.Size]byte, bool) {
		if stats.Load() < n {
			early.Add(1)
		}
		return [sha256.Size]byte{}, name != DocumentsDir+"/doc-7.md"
	})
	if err != nil {
		t.Fatal(err)
	}
	if early.Load() != 0 {
		t.Errorf("%d lookups before every file's Stat was taken", early.Load())
	}
	read := 0
	for _, f := range tree.Files {
		if f.Src != nil {
			read++
			if f.Name != DocumentsDir+"/doc-7.md" {
				t.Errorf("%s read; known took it", f.Name)
			}
		}
	}
	if len(tree.Files) != n || read != 1 {
		t.Errorf("%d files, %d read; want %d, 1 (the one known rejected)", len(tree.Files), read, n)
	}
}

// TestStatAtAsStat: the Stats taken in each directory opened once are
// those fs.Stat gives: a symbolic link followed, a directory, a file too
// large and a dangling link given none.
func TestStatAtAsStat(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, DocumentsDir)
	for _, d := range []string{docs, filepath.Join(docs, "sub"), filepath.Join(docs, "dir.md")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.md", "b.md", "sub/c.md"} {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(docs, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("gone.md", filepath.Join(docs, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "large.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(docs, "large.md"), MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range []string{"a.md", "b.md", "dangling.md", "dir.md", "large.md", "link.md", "sub/c.md"} {
		names = append(names, DocumentsDir+"/"+n)
	}
	got := make([]Stat, len(names))
	if !statAt(Dir(dir), names, got) {
		t.Fatal("statAt could not open the directories")
	}
	want := make([]Stat, len(names))
	fileStats(statCountingFS{Dir(dir), new(atomic.Int64)}, names, want) // through fs.Stat
	for i := range names {
		if got[i] != want[i] {
			t.Errorf("%s: %+v; fs.Stat gives %+v", names[i], got[i], want[i])
		}
	}
	if !want[0].Known() || want[0] == want[1] || want[0].Inode != want[5].Inode || want[2].Known() || want[3].Known() || want[4].Known() {
		t.Errorf("the Stats are not what the files are: %+v", want)
	}
	if statAt(Dir(filepath.Join(dir, "missing")), names, got) {
		t.Error("statAt reported Stats of a directory that does not exist")
	}
}
