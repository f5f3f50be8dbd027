package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/testenv"
)

// knownQueries are searched in a clean index and in every rebuilt one.
var knownQueries = []string{"Ukraine", "cooperation", "party:EE", "trade OR energy", `"the Parties"`, "digital -energy"}

// answers is what knownQueries find in ix, hit by hit.
func answers(t *testing.T, ix *Index) string {
	t.Helper()
	var b strings.Builder
	for _, q := range knownQueries {
		res, err := ix.Search(context.Background(), Query{Text: q, PerPage: maxPerPage})
		if err != nil {
			t.Fatalf("Search(%q) = %v", q, err)
		}
		fmt.Fprintf(&b, "%s: %d:", q, res.Total)
		for _, h := range res.Hits {
			fmt.Fprintf(&b, " %s/%s %q", h.Doc.Slug, h.EID, h.Snippet)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// logTo is a logger writing to a buffer, for tests to read while an index
// may log from another goroutine.
func logTo() (*slog.Logger, *testenv.Buffer) {
	buf := &testenv.Buffer{}
	return slog.New(slog.NewTextHandler(buf, nil)), buf
}

// openLogged opens dir as Open does, turning a panic that escapes it, or a
// memory fault, into a test failure rather than the end of the test binary.
func openLogged(t *testing.T, dir string, a *archive.Archive) (ix *Index, log string) {
	t.Helper()
	logger, buf := logTo()
	func() {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Open panicked: %v", r)
			}
		}()
		var err error
		ix, err = Open(context.Background(), dir, a, logger)
		if err != nil {
			t.Errorf("Open = %v; want the index rebuilt", err)
		}
	}()
	if ix != nil {
		t.Cleanup(func() { ix.Close() })
	}
	return ix, buf.String()
}

// copyDir copies the directory tree from to to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// indexFiles lists the files of the index in dir, manifest included.
func indexFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

// TestOpenDamagedIndex damages each file of a built index in each way and
// opens it again: every damage ends in a rebuild, said in one line of the
// log, and the rebuilt index answers as the clean one did.
func TestOpenDamagedIndex(t *testing.T) {
	a := seedArchive(t)
	golden := filepath.Join(t.TempDir(), "index")
	clean := openIndex(t, golden, a)
	want := answers(t, clean)
	closeIndex(t, clean)

	files := indexFiles(t, golden)
	kinds := map[string]bool{}
	for _, f := range files {
		kinds[filepath.Ext(f)] = true
	}
	if !kinds[".zap"] || !kinds[".bolt"] || !kinds[".json"] || !kinds[".manifest"] {
		t.Fatalf("the built index holds %v; want a segment, root.bolt, index_meta.json and the manifest", files)
	}

	flip := func(at func(n int) int) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) == 0 {
				t.Skip("empty file")
			}
			b[at(len(b))] ^= 0x20
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	truncate := func(to func(n int64) int64) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, to(fi.Size())); err != nil {
				t.Fatal(err)
			}
		}
	}
	damages := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"first byte flipped", flip(func(int) int { return 0 })},
		{"middle byte flipped", flip(func(n int) int { return n / 2 })},
		{"footer byte flipped", flip(func(n int) int { return n - 5 })},
		{"last byte flipped", flip(func(n int) int { return n - 1 })},
		{"cut in half", truncate(func(n int64) int64 { return n / 2 })},
		{"last byte cut", truncate(func(n int64) int64 { return n - 1 })},
		{"emptied", truncate(func(int64) int64 { return 0 })},
		{"grown", truncate(func(n int64) int64 { return n + 4096 })},
		{"deleted", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}},
		{"replaced by a directory", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			mkdir(t, path)
		}},
	}
	type tcase struct {
		name   string
		damage func(t *testing.T, dir string)
	}
	var cases []tcase
	for _, f := range files {
		for _, d := range damages {
			cases = append(cases, tcase{f + ": " + d.name, func(t *testing.T, dir string) {
				d.damage(t, filepath.Join(dir, filepath.FromSlash(f)))
			}})
		}
	}
	extra := func(name string) tcase {
		return tcase{"extra file " + name, func(t *testing.T, dir string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			mkdir(t, filepath.Dir(p))
			writeFile(t, p, "not the index's")
		}}
	}
	cases = append(cases, extra("notes.txt"), extra("store/000000000099.zap"), extra("store/old/x"),
		tcase{"extra empty directory", func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "spare")) }},
		tcase{"a file replaced by a symlink to itself elsewhere", func(t *testing.T, dir string) {
			zap := ""
			for _, f := range files {
				if strings.HasSuffix(f, ".zap") {
					zap = filepath.Join(dir, filepath.FromSlash(f))
				}
			}
			moved := filepath.Join(filepath.Dir(dir), "moved.zap")
			if err := os.Rename(zap, moved); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(moved, zap); err != nil {
				t.Fatal(err)
			}
		}},
	)

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "index")
			copyDir(t, golden, dir)
			tc.damage(t, dir)

			ix, log := openLogged(t, dir, a)
			if ix == nil {
				return
			}
			if lines := strings.Count(log, "\n"); lines != 1 || !strings.Contains(log, "rebuilding it") {
				t.Errorf("log:\n%s\nwant one line saying the index is rebuilt, and why", log)
			}
			if ix.disk == nil {
				t.Error("the index was rebuilt in memory; want it on disk")
			}
			if got := answers(t, ix); got != want {
				t.Errorf("the rebuilt index answers:\n%s\nthe clean one:\n%s", got, want)
			}
			if err := verifyManifest(dir); err != nil {
				t.Errorf("the rebuilt index does not verify: %v", err)
			}
			closeIndex(t, ix)
			if _, log := openLogged(t, dir, a); log != "" {
				t.Errorf("the next open logged:\n%s\nwant the rebuilt index reused", log)
			}
		})
	}
}

// TestOpenVerifiesEveryStart: a current index is reused without a word,
// and only after its files are checked: the same damage is caught at
// every open, not just the first.
func TestOpenVerifiesEveryStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	a := seedArchive(t)
	closeIndex(t, openIndex(t, dir, a))
	for i := range 2 {
		ix, log := openLogged(t, dir, a)
		if log != "" || ix == nil || ix.disk == nil {
			t.Fatalf("open #%d of a current index logged %q; want it reused quietly", i+1, log)
		}
		closeIndex(t, ix)
		zap := ""
		for _, f := range indexFiles(t, dir) {
			if strings.HasSuffix(f, ".zap") {
				zap = filepath.Join(dir, filepath.FromSlash(f))
			}
		}
		damageFile(t, zap, func(b []byte) { b[len(b)/3] ^= 1 })
		ix, log = openLogged(t, dir, a)
		if !strings.Contains(log, "does not match its checksum") {
			t.Errorf("open #%d after a flipped bit logged %q; want the mismatch named", i+1, log)
		}
		if ix != nil {
			closeIndex(t, ix)
		}
	}
}

func damageFile(t *testing.T, path string, f func([]byte)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f(b)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestSearchAfterSegmentCutShort: a segment cut short while the index is
// open (its mapped pages gone: SIGBUS) fails that search with
// ErrUnavailable, not a crash; the index is rebuilt in memory and answers
// as before, and the next open rebuilds it on disk. The search walks the
// index in one part, in its own goroutine, or in two, each in another.
func TestSearchAfterSegmentCutShort(t *testing.T) {
	for _, parts := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d parts", parts), func(t *testing.T) { searchCutShort(t, parts) })
	}
}

func searchCutShort(t *testing.T, parts int) {
	dir := filepath.Join(t.TempDir(), "index")
	a := seedArchive(t)
	clean := openIndex(t, dir, a)
	want := answers(t, clean)
	closeIndex(t, clean)

	logger, buf := logTo()
	ix, err := Open(context.Background(), dir, a, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.parts = parts
	// A first search reads the unit numbers: the next reads the segment
	// in the parts' goroutines only.
	hitCount(t, ix, "Ukraine")
	for _, f := range indexFiles(t, dir) {
		if strings.HasSuffix(f, ".zap") {
			if err := os.Truncate(filepath.Join(dir, filepath.FromSlash(f)), 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, err = ix.Search(context.Background(), Query{Text: "cooperation"})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Search in a segment cut short = %v; want ErrUnavailable", err)
	}
	if !strings.Contains(buf.String(), "panic") {
		t.Errorf("log:\n%s\nwant the recovered panic logged", buf.String())
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := ix.Search(context.Background(), Query{Text: "Ukraine"})
		if err == nil {
			break
		}
		if !errors.Is(err, ErrUnavailable) || time.Now().After(deadline) {
			t.Fatalf("Search while the index is rebuilt = %v; want ErrUnavailable, then answers", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := answers(t, ix); got != want {
		t.Errorf("the index rebuilt in memory answers:\n%s\nthe clean one:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, manifestName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the failed index keeps its manifest (%v); want it removed, for the next open to rebuild it", err)
	}
	closeIndex(t, ix)
	again, log := openLogged(t, dir, a)
	if again == nil || again.disk == nil || !strings.Contains(log, "no manifest") {
		t.Fatalf("open after the failure logged %q; want the index rebuilt on disk", log)
	}
	if got := answers(t, again); got != want {
		t.Errorf("the index rebuilt on disk answers:\n%s\nthe clean one:\n%s", got, want)
	}
}

// TestOpenFullDisk: a build that runs out of space says so in one line,
// leaves nothing behind, and serves from memory. Bleve's hook on the files
// it writes fails each segment's with ENOSPC, where a full disk fails it.
func TestOpenFullDisk(t *testing.T) {
	parent := t.TempDir()
	index.WriterHook = func(path []byte) (string, func([]byte) []byte, error) {
		if strings.HasPrefix(string(path), parent) {
			return "", nil, &fs.PathError{Op: "write", Path: string(path), Err: syscall.ENOSPC}
		}
		return "", nil, nil
	}
	defer func() { index.WriterHook = nil }()

	dir := filepath.Join(parent, "index")
	// Batches after the first failed one make Bleve panic: more than one
	// batch for each of two cores.
	a, err := archive.New(synth.Generate(3, 3*batchSize/10, 10))
	if err != nil {
		t.Fatal(err)
	}
	ix, log := openLogged(t, dir, a)
	if ix == nil {
		return
	}
	if lines := strings.Count(log, "\n"); lines != 1 || !strings.Contains(log, "no space left on the device of "+parent+": the index needs about 7 MB") {
		t.Errorf("log:\n%s\nwant one line saying the disk is full and how much the index needs", log)
	}
	if ix.disk != nil {
		t.Error("the index is on disk; want it in memory")
	}
	if got, want := hitCount(t, ix, "party:EE OR -party:EE"), units(a, func(*archive.Document) bool { return true }); got != want {
		t.Errorf("the in-memory index holds %d units; want %d", got, want)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("the failed build left %v", entries)
	}
}

// TestOpenRemovesAbandonedBuilds: the build directories a killed process
// left beside the index go at the next open; what only looks like one, and
// one a build is using, stay.
func TestOpenRemovesAbandonedBuilds(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	for _, d := range []string{"index.build-123", "index.build-9/store", "index.build-x", "other.build-1", "index.build-"} {
		mkdir(t, filepath.Join(parent, d))
	}
	writeFile(t, filepath.Join(parent, "index.build-123", "index_meta.json"), "{}")
	writeFile(t, filepath.Join(parent, "index.build-77"), "a file, not a build")
	inUse := filepath.Join(parent, "index.build-444") // a build of this process
	mkdir(t, inUse)
	building.Lock()
	building.m[inUse] = true
	building.Unlock()
	defer func() {
		building.Lock()
		delete(building.m, inUse)
		building.Unlock()
	}()
	elsewhere := filepath.Join(parent, "index.build-555") // another process's
	mkdir(t, elsewhere)
	unlock, ok, err := tryLock(elsewhere, 0)
	if err != nil || !ok {
		t.Fatalf("lock: %v %v", ok, err)
	}

	ix, log := openLogged(t, dir, seedArchive(t))
	if ix == nil {
		return
	}
	closeIndex(t, ix)
	unlock()
	var got []string
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"index", "index.build-", "index.build-444", "index.build-555", "index.build-77", "index.build-x", "other.build-1"}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("beside the index: %v; want %v", got, want)
	}
	if strings.Count(log, "removed an abandoned build") != 2 {
		t.Errorf("log:\n%s\nwant a line for each of the two builds removed", log)
	}
}

// TestOpenCurrentIndexReadOnly: a current index whose files and directories
// cannot be written, even by root (the immutable attribute, which makes
// them behave as on a read-only file system), is opened and searched; new
// content that cannot be written beside it is served from memory.
func TestOpenCurrentIndexReadOnly(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "ro")
	dir := filepath.Join(parent, "index")
	a := seedArchive(t)
	clean := openIndex(t, dir, a)
	want := answers(t, clean)
	closeIndex(t, clean)
	mkdir(t, filepath.Join(parent, "index.build-1")) // abandoned, but here to stay
	var paths []string
	filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	})
	for _, p := range paths {
		if err := setImmutable(p, true); err != nil {
			t.Skipf("cannot make %s immutable here: %v", p, err)
		}
		defer setImmutable(p, false)
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); err == nil {
		t.Fatal("an immutable directory took a new file")
	}

	ix, log := openLogged(t, dir, a)
	if ix == nil {
		return
	}
	if ix.disk == nil {
		t.Error("the current index was not opened from disk")
	}
	if got := answers(t, ix); got != want {
		t.Errorf("the read-only index answers:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(log, "rebuilding") || strings.Contains(log, "memory") {
		t.Errorf("log:\n%s\nwant the current index reused", log)
	}
	closeIndex(t, ix)

	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	ix, log = openLogged(t, dir, edited)
	if ix == nil {
		return
	}
	if ix.disk != nil || hitCount(t, ix, "Moldova") != 1 {
		t.Error("new content beside a read-only index: want it searched in memory")
	}
	if !strings.Contains(log, "cannot be written beside") {
		t.Errorf("log:\n%s\nwant a line saying the index cannot be written", log)
	}
}

// TestOpenFullTmpfs builds on a real file system too small for the index,
// where a write fails midway and Bleve then panics in the batches after;
// it needs the right to mount one (root, on Linux), and is skipped without.
func TestOpenFullTmpfs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 15,000-clause index")
	}
	parent := filepath.Join(t.TempDir(), "small")
	mkdir(t, parent)
	if err := mountTmpfs(parent, 3<<20); err != nil {
		t.Skipf("cannot mount a small file system here: %v", err)
	}
	defer unmount(parent)
	a, err := archive.New(synth.Generate(3, 3*batchSize/10, 10))
	if err != nil {
		t.Fatal(err)
	}
	ix, log := openLogged(t, filepath.Join(parent, "index"), a)
	if ix == nil {
		return
	}
	if lines := strings.Count(log, "\n"); lines != 1 || !strings.Contains(log, "no space left on the device of "+parent+": the index needs about 7 MB") {
		t.Errorf("log:\n%s\nwant one line saying the disk is full and how much the index needs", log)
	}
	if ix.disk != nil {
		t.Error("the index is on disk; want it in memory")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("the failed build left %v", entries)
	}
}

// TestKeepReferenced: a segment file the index's last snapshot does not use
// (what a merge interrupted by Close leaves) is removed before the
// manifest is written; the segments in use stay.
func TestKeepReferenced(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	a := seedArchive(t)
	if err := buildAt(context.Background(), dir, newCatalogue(a), "v", "c"); err != nil {
		t.Fatal(err)
	}
	before := indexFiles(t, dir)
	writeFile(t, filepath.Join(dir, "store", "0000000000ff.zap"), "half a merge")
	if err := keepReferenced(dir); err != nil {
		t.Fatal(err)
	}
	if after := indexFiles(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("after keepReferenced the index holds %v; want %v", after, before)
	}
	b, err := openDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := builtFrom(b, "v", "c"); !ok || err != nil {
		t.Errorf("builtFrom = %v, %v; want the index whole", ok, err)
	}
	closeQuietly(b)
}

// TestSearchErrorOfADiskIndex: an error reading an on-disk index, which its
// files caused, answers ErrUnavailable and rebuilds the index in memory; a
// cancelled search, or an error of an index in memory, is left as it is.
func TestSearchErrorOfADiskIndex(t *testing.T) {
	bad := errors.New("zap: bad offset in the postings")
	mem := seed(t)
	for _, err := range []error{bad, context.Canceled, ErrQueryTooLong} {
		if got := mem.failed(err); got != err {
			t.Errorf("in memory: failed(%v) = %v; want it unchanged", err, got)
		}
	}
	ix := openIndex(t, filepath.Join(t.TempDir(), "index"), seedArchive(t))
	if got := ix.failed(context.DeadlineExceeded); got != context.DeadlineExceeded {
		t.Errorf("on disk: failed(deadline) = %v; want it unchanged", got)
	}
	if got := ix.failed(bad); !errors.Is(got, ErrUnavailable) || !errors.Is(got, bad) {
		t.Fatalf("on disk: failed(%v) = %v; want ErrUnavailable", bad, got)
	}
	deadline := time.Now().Add(30 * time.Second)
	for hitCount := 0; hitCount == 0; {
		res, err := ix.Search(context.Background(), Query{Text: "Ukraine"})
		switch {
		case err == nil:
			hitCount = res.Total
		case !errors.Is(err, ErrUnavailable) || time.Now().After(deadline):
			t.Fatalf("Search while the index is rebuilt = %v; want ErrUnavailable, then answers", err)
		}
	}
	ix.mu.RLock()
	disk := ix.disk
	ix.mu.RUnlock()
	if disk != nil {
		t.Error("the index is still the one on disk")
	}
}

// TestBuildMergesToOneSegment: a build of several batches leaves one
// segment, since the index is never merged once opened read-only.
func TestBuildMergesToOneSegment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 15,000-clause index")
	}
	a, err := archive.New(synth.Generate(3, 3*batchSize/10, 10))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	closeIndex(t, openIndex(t, dir, a))
	zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(zaps) != 1 {
		t.Errorf("the built index has %d segments; want 1", len(zaps))
	}
}

// TestRefusedSearchKeepsADiskIndex: a search refused for its cost, or
// stopped by the server's load, is the query's or the load's doing, not a
// fault of the index: an on-disk index is not given up and rebuilt for it.
func TestRefusedSearchKeepsADiskIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	a := seedArchive(t)
	ix := openIndex(t, dir, a)
	defer closeIndex(t, ix)
	for _, tc := range []struct {
		name   string
		limits Limits
		want   error
	}{
		{"too costly", Limits{MaxCost: 1}, ErrTooCostly},
		{"timed out", Limits{Timeout: time.Nanosecond}, ErrTimedOut},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix.SetLimits(tc.limits)
			if _, err := ix.Search(context.Background(), Query{Text: "cooperation"}); !errors.Is(err, tc.want) {
				t.Fatalf("Search = %v; want %v", err, tc.want)
			}
			if ix.healing.Load() {
				t.Fatalf("a search refused (%v) has the index rebuilt", tc.want)
			}
			ix.SetLimits(Limits{})
			if _, err := ix.Search(context.Background(), Query{Text: "cooperation"}); err != nil {
				t.Errorf("the next search = %v; want answers from the same index", err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, manifestName)); err != nil {
		t.Errorf("the index's manifest is gone after refused searches (%v); want it kept", err)
	}
}
