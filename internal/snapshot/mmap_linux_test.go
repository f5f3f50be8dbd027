package snapshot

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
)

// mappings counts this process's mappings of the file at path, the
// replaced file's too ("path (deleted)").
func mappings(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.SplitSeq(string(b), "\n") {
		if strings.HasSuffix(line, " "+path) || strings.HasSuffix(line, " "+path+" (deleted)") {
			n++
		}
	}
	return n
}

// residentKB is the resident set, in kB, of this process's mappings of
// path.
func residentKB(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	kb, in := 0, false
	for line := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 5 && strings.Contains(f[0], "-") {
			in = strings.HasSuffix(line, " "+path) || strings.HasSuffix(line, " "+path+" (deleted)")
		} else if in && len(f) == 3 && f[0] == "Rss:" {
			n, _ := strconv.Atoi(f[1])
			kb += n
		}
	}
	return kb
}

// waitMappings collects until the process maps path want times.
func waitMappings(t *testing.T, path string, want int) {
	t.Helper()
	for range 100 {
		runtime.GC()
		if mappings(t, path) == want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s mapped %d times; want %d", path, mappings(t, path), want)
}

// inFile reports whether s is a slice of the mapped snapshot the document
// holds.
func inFile(d *archive.Document, s string) bool {
	m, ok := d.Backing().(*mapping)
	if !ok || len(s) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&m.b[0]))
	return lo <= p && p < lo+uintptr(len(m.b))
}

// TestMappedSnapshot: on Linux a decoded archive's texts are slices of the
// snapshot mapped into memory, and its documents' own strings are not;
// ReleasePages takes the pages out of the resident set and they read back
// as they were; the file stays mapped while any document of the archive
// can be reached, a replaced file too, and is unmapped once none can.
func TestMappedSnapshot(t *testing.T) {
	fsys := synthTree(t, 40, 8)
	want, _, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
	if _, _, decoded, err := s.load(fsys); err != nil || decoded {
		t.Fatalf("first load: decoded %v, err %v", decoded, err)
	}
	if n := mappings(t, s.Path); n != 0 {
		t.Fatalf("a parsed archive maps its snapshot %d times", n)
	}
	a, _, decoded, err := s.load(fsys)
	if err != nil || !decoded {
		t.Fatalf("second load: decoded %v, err %v", decoded, err)
	}
	if n := mappings(t, s.Path); n != 1 {
		t.Fatalf("decoded: snapshot mapped %d times; want 1", n)
	}
	d := a.Documents()[0]
	if !inFile(d, d.Clauses[0].Paragraphs[0].Text) {
		t.Error("a paragraph's text is not a slice of the mapped snapshot")
	}
	if inFile(d, d.Slug) || inFile(d, d.Title) || inFile(d, string(d.Kind)) || inFile(d, string(d.Clauses[0].Element)) {
		t.Error("a document's slug, title or kind, or a provision's element, is a slice of the snapshot: loops over the archive would map every page")
	}
	for _, p := range d.Clauses[0].Paragraphs {
		_ = strings.Count(p.Text, " ") // map the pages again
	}
	if err := ReleasePages(a); err != nil {
		t.Fatal(err)
	}
	if kb := residentKB(t, s.Path); kb != 0 {
		t.Errorf("after ReleasePages, %d kB of the snapshot resident; want 0", kb)
	}
	if !sameArchive(a, want) {
		t.Fatal("read back, the decoded archive differs from the content's")
	}

	// A reload that parses the changed content and replaces the file,
	// by rename: the old archive still reads its own.
	changed := synthTree(t, 41, 8)
	b, _, decoded, err := s.load(changed)
	if err != nil || decoded {
		t.Fatalf("load of changed content: decoded %v, err %v", decoded, err)
	}
	waitMappings(t, s.Path, 1) // the new file was read to check it, and is not kept
	if !sameArchive(a, want) {
		t.Fatal("the archive decoded from the replaced file differs from its content")
	}
	c, _, decoded, err := s.load(changed)
	if err != nil || !decoded {
		t.Fatalf("load of the new snapshot: decoded %v, err %v", decoded, err)
	}
	if n := mappings(t, s.Path); n != 2 {
		t.Fatalf("two archives decoded: snapshot mapped %d times; want 2", n)
	}
	runtime.KeepAlive(a)
	a, d = nil, nil
	waitMappings(t, s.Path, 1)
	if !sameArchive(c, b) {
		t.Fatal("the archive still held differs from its content once the other was unmapped")
	}
	runtime.KeepAlive(c)
	c = nil
	waitMappings(t, s.Path, 0)
}
