package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/synth"
)

// seedFile is the seed document's content file.
const seedFile = "documents/" + seedSlug + ".md"

// loadSeedWith loads the seed document with its text passed through edit,
// as an editor changing the content file would.
func loadSeedWith(t *testing.T, edit func(string) string) *archive.Archive {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "content", filepath.FromSlash(seedFile)))
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	a, err := content.Load(fstest.MapFS{seedFile: {Data: []byte(edit(string(raw)))}})
	if err != nil {
		t.Fatalf("content.Load(edited seed) = %v", err)
	}
	return a
}

// openIndex opens dir for a and closes the index when the test ends.
func openIndex(t *testing.T, dir string, a *archive.Archive) *Index {
	t.Helper()
	ix, err := Open(context.Background(), dir, a, nil)
	if err != nil {
		t.Fatalf("Open(%s) = %v", filepath.Base(dir), err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// closeIndex closes ix now, so that dir can be opened again.
func closeIndex(t *testing.T, ix *Index) {
	t.Helper()
	if err := ix.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
}

// dirID identifies the directory at dir: Open replaces the whole directory
// when it rebuilds, and leaves it be when it reuses the index.
func dirID(t *testing.T, dir string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("stat index dir: %v", err)
	}
	return fi
}

// hitCount is how many units text finds in ix.
func hitCount(t *testing.T, ix *Index, text string) int {
	t.Helper()
	return mustSearch(t, ix, Query{Text: text}).Total
}

// onlyEntry fails unless parent holds just the index directory: no build
// directories are left behind.
func onlyEntry(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatalf("read %s: %v", filepath.Base(parent), err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "index" {
		t.Errorf("index's parent holds %v; want just [index]", names)
	}
}

func TestOpenBuildsOnceThenReuses(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	a := seedArchive(t)

	ix := openIndex(t, dir, a)
	if got := hitCount(t, ix, "Ukraine"); got != 1 {
		t.Fatalf("new index: Search(Ukraine).Total = %d; want 1", got)
	}
	closeIndex(t, ix)
	built := dirID(t, dir)
	onlyEntry(t, parent)

	for i := range 2 {
		ix = openIndex(t, dir, seedArchive(t)) // the same content, loaded again
		if !os.SameFile(built, dirID(t, dir)) {
			t.Fatalf("Open #%d with the same content rebuilt the index; want it reused", i+2)
		}
		res := mustSearch(t, ix, Query{Text: "Ukraine"})
		if len(res.Hits) != 1 || res.Hits[0].EID != "para_6" {
			t.Errorf("reused index: Search(Ukraine) = %v; want [para_6]", eids(res.Hits))
		}
		closeIndex(t, ix)
	}
	onlyEntry(t, parent)
}

func TestOpenRebuildsWhenContentChanges(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	seedA := seedArchive(t)
	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	extra := synthArchive(t, seedA)

	tests := []struct {
		name    string
		a       *archive.Archive
		rebuild bool
		ukraine int // hits for Ukraine, or -1 not to check
		moldova int // hits for Moldova, or -1 not to check
	}{
		{"first open builds", seedA, true, 1, 0},
		{"same content reuses", seedA, false, 1, 0},
		{"edited document rebuilds", edited, true, 0, 1},
		{"edited document again reuses", edited, false, 0, 1},
		{"back to the seed rebuilds", seedA, true, 1, 0},
		{"another document rebuilds", extra, true, -1, -1},
		{"fewer documents rebuilds", seedA, true, 1, 0},
	}
	var last os.FileInfo
	for _, tt := range tests {
		ix := openIndex(t, dir, tt.a)
		now := dirID(t, dir)
		if last != nil && os.SameFile(last, now) == tt.rebuild {
			t.Errorf("%s: rebuilt = %v; want %v", tt.name, !os.SameFile(last, now), tt.rebuild)
		}
		if got := hitCount(t, ix, "Ukraine"); tt.ukraine >= 0 && got != tt.ukraine {
			t.Errorf("%s: Search(Ukraine).Total = %d; want %d", tt.name, got, tt.ukraine)
		}
		if got := hitCount(t, ix, "Moldova"); tt.moldova >= 0 && got != tt.moldova {
			t.Errorf("%s: Search(Moldova).Total = %d; want %d", tt.name, got, tt.moldova)
		}
		if got, want := hitCount(t, ix, "party:EE OR -party:EE"), units(tt.a, func(*archive.Document) bool { return true }); got != want {
			t.Errorf("%s: index holds %d units; the archive has %d", tt.name, got, want)
		}
		closeIndex(t, ix)
		last = now
	}
	onlyEntry(t, parent)
}

// TestOpenRebuildsWhenClassificationChanges: the same text classified
// otherwise (new vocabularies) is another index, for a clause as for a
// preamble paragraph, since the index keeps each unit's classification.
func TestOpenRebuildsWhenClassificationChanges(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	topic := &archive.Topic{Slug: "fisheries", Name: "Fisheries"}
	tests := []struct {
		name     string
		classify func(d *archive.Document)
		hits     int // for topic:fisheries
	}{
		{"unclassified", func(*archive.Document) {}, 0},
		{"a clause gets a topic", func(d *archive.Document) { d.Clauses[1].Topics = []*archive.Topic{topic} }, 1},
		{"a preamble paragraph has it instead", func(d *archive.Document) { d.Preamble[0].Classification.Topics = []*archive.Topic{topic} }, 1},
	}
	var last os.FileInfo
	for _, tt := range tests {
		a := seedArchive(t)
		tt.classify(a.Documents()[0])
		ix := openIndex(t, dir, a)
		now := dirID(t, dir)
		if last != nil && os.SameFile(last, now) {
			t.Errorf("%s: the index was reused", tt.name)
		}
		if got := hitCount(t, ix, "topic:fisheries"); got != tt.hits {
			t.Errorf("%s: Search(topic:fisheries).Total = %d; want %d", tt.name, got, tt.hits)
		}
		closeIndex(t, ix)
		last = now
	}
}

// synthArchive is a plus a few synthetic documents.
func synthArchive(t *testing.T, a *archive.Archive) *archive.Archive {
	t.Helper()
	b, err := archive.New(append(synth.Generate(2, 5, 3), a.Documents()...))
	if err != nil {
		t.Fatalf("archive.New: %v", err)
	}
	return b
}

func TestOpenRebuildsForANewVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	a := seedArchive(t)
	closeIndex(t, openIndex(t, dir, a))
	before := dirID(t, dir)

	ix, err := open(context.Background(), dir, a, indexVersion+"-next", nil)
	if err != nil {
		t.Fatalf("open(next version) = %v", err)
	}
	closeIndex(t, ix)
	next := dirID(t, dir)
	if os.SameFile(before, next) {
		t.Errorf("open with another index version reused the index; want it rebuilt")
	}
	ix = openIndex(t, dir, a)
	if os.SameFile(next, dirID(t, dir)) {
		t.Errorf("Open after another version's build reused its index; want it rebuilt")
	}
	if got := hitCount(t, ix, "Ukraine"); got != 1 {
		t.Errorf("Search(Ukraine).Total = %d; want 1", got)
	}
}

func TestOpenEmptyDirBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, dir, seedArchive(t))
	if got := hitCount(t, ix, "Ukraine"); got != 1 {
		t.Errorf("Search(Ukraine).Total = %d; want 1", got)
	}
}

func TestOpenRefusesWhatIsNotAnIndex(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) // makes dir hold something else
	}{
		{"a directory of other files", func(t *testing.T, dir string) {
			mkdir(t, dir)
			writeFile(t, filepath.Join(dir, "notes.txt"), "precious")
		}},
		{"a directory with a sub-directory", func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "photos"))
			writeFile(t, filepath.Join(dir, "photos", "a.jpg"), "precious")
		}},
		{"a file", func(t *testing.T, dir string) {
			writeFile(t, dir, "precious")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "index")
			tt.setup(t, dir)
			before := snapshot(t, parent)
			ix, err := Open(context.Background(), dir, seedArchive(t), nil)
			if err == nil {
				ix.Close()
				t.Fatalf("Open(%s) = nil error; want it refused", tt.name)
			}
			if after := snapshot(t, parent); after != before {
				t.Errorf("Open(%s) changed the directory:\n%s\nwant it untouched:\n%s", tt.name, after, before)
			}
		})
	}
}

// TestOpenReplacesADamagedIndex: a directory that holds index_meta.json
// is an index, even when Bleve cannot open it, so Open rebuilds it.
func TestOpenReplacesADamagedIndex(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	mkdir(t, dir)
	writeFile(t, filepath.Join(dir, "index_meta.json"), "{not json")
	ix := openIndex(t, dir, seedArchive(t))
	if got := hitCount(t, ix, "Ukraine"); got != 1 {
		t.Errorf("Search(Ukraine).Total = %d; want 1", got)
	}
	onlyEntry(t, parent)
}

// TestOpenCancelledKeepsTheOldIndex: a rebuild that is cancelled leaves
// the index that was there, and no build directory.
func TestOpenCancelledKeepsTheOldIndex(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	a := seedArchive(t)
	closeIndex(t, openIndex(t, dir, a))
	before := dirID(t, dir)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	if ix, err := Open(ctx, dir, edited, nil); err == nil {
		ix.Close()
		t.Fatalf("Open(cancelled, changed content) = nil error; want the context's error")
	}
	onlyEntry(t, parent)
	ix := openIndex(t, dir, a)
	if !os.SameFile(before, dirID(t, dir)) {
		t.Errorf("the old index was replaced; want it kept and reused")
	}
	if got := hitCount(t, ix, "Ukraine"); got != 1 {
		t.Errorf("Search(Ukraine).Total = %d; want 1", got)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot lists every path under root with its contents, for comparison.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b.WriteString(filepath.ToSlash(rel))
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.WriteString(" = " + string(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return b.String()
}

// TestCloseTwice: a second Close is harmless, and a closed index answers
// with an error rather than a panic.
func TestCloseTwice(t *testing.T) {
	ix := openIndex(t, filepath.Join(t.TempDir(), "index"), seedArchive(t))
	for i := range 2 {
		if err := ix.Close(); err != nil {
			t.Errorf("Close #%d = %v; want nil", i+1, err)
		}
	}
	if _, err := ix.Search(context.Background(), Query{Text: "Ukraine"}); err == nil {
		t.Errorf("Search after Close: error = nil; want one")
	}
}

// TestOpenReusedListsUnitsLater: an index reused from disk is returned
// before its catalogue is made, which the server does not need to be
// ready; a search waits for it (or for its context), synonyms set
// meanwhile are kept, and the answers are those of an index made whole.
func TestOpenReusedListsUnitsLater(t *testing.T) {
	a := seedArchive(t)
	dir := filepath.Join(t.TempDir(), "index")
	built := openIndex(t, dir, a)
	want := answers(t, built)
	built.SetSynonyms([][]string{{"Ukraine", "Zqxland"}})
	wantSyn, err := built.Search(context.Background(), Query{Text: "Zqxland"})
	if err != nil || wantSyn.Total == 0 {
		t.Fatalf("a synonym of Ukraine found %v, %v; want hits", wantSyn, err)
	}
	closeIndex(t, built)

	release := make(chan struct{})
	var listed atomic.Int64
	list := listUnits
	t.Cleanup(func() { listUnits = list })
	listUnits = func(a *archive.Archive) *catalogue {
		listed.Add(1)
		<-release
		return list(a)
	}
	opened := make(chan *Index, 1)
	go func() {
		ix, err := Open(context.Background(), dir, a, nil)
		if err != nil {
			t.Error(err)
		}
		opened <- ix
	}()
	var ix *Index
	select {
	case ix = <-opened:
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("Open waited for the units to be listed")
	}
	if ix == nil {
		t.FailNow()
	}
	t.Cleanup(func() { ix.Close() })
	ix.SetSynonyms([][]string{{"Ukraine", "Zqxland"}})
	// Nothing is listed until the server is ready (Prepare) or a search
	// asks.
	time.Sleep(20 * time.Millisecond)
	if n := listed.Load(); n != 0 {
		t.Errorf("the units were listed %d times before anything asked", n)
	}
	ix.Prepare()

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := ix.Search(ctx, Query{Text: "Ukraine"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a search before the units are listed = %v; want it to wait until its context ends", err)
	}
	found := make(chan *Results, 1)
	go func() {
		res, err := ix.Search(context.Background(), Query{Text: "Zqxland"})
		if err != nil {
			t.Error(err)
		}
		found <- res
	}()
	select {
	case <-found:
		t.Fatal("a search answered before the units were listed")
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	if res := <-found; res == nil || res.Total != wantSyn.Total {
		t.Errorf("the synonym set before the units were listed found %v; want %d hits", res, wantSyn.Total)
	}
	if got := answers(t, ix); got != want {
		t.Errorf("answers once the units are listed:\n%s\nwant:\n%s", got, want)
	}
	if n := listed.Load(); n != 1 {
		t.Errorf("the units were listed %d times; want once", n)
	}
}
