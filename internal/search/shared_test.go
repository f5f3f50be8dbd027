package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestOpenWhileOpen is a reload: the server opens the index again while the
// old one still serves. The same content shares the open index; new
// content gets an index of its own; closing one leaves the other working.
func TestOpenWhileOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	old := openIndex(t, dir, seedArchive(t))

	done := make(chan *Index, 1)
	go func() {
		ix, err := Open(context.Background(), dir, seedArchive(t), nil)
		if err != nil {
			t.Error(err)
		}
		done <- ix
	}()
	var same *Index
	select {
	case same = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Open of an index this process has open did not return: it waits on its own lock")
	}
	if same.disk == nil || same.disk != old.disk {
		t.Error("the same content in the same dir was not shared")
	}
	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	next, err := Open(context.Background(), dir, edited, nil)
	if err != nil {
		t.Fatal(err)
	}
	if hitCount(t, next, "Moldova") != 1 || hitCount(t, old, "Moldova") != 0 {
		t.Error("new content while the old index is open: the new index does not hold it, or the old one changed")
	}
	closeIndex(t, old)
	if hitCount(t, same, "Ukraine") != 1 {
		t.Error("closing one user of a shared index broke the other")
	}
	closeIndex(t, same)
	closeIndex(t, next)
	again := openIndex(t, dir, seedArchive(t)) // the last close released the lock
	closeIndex(t, again)
}

// TestOpenInUseElsewhere: an index another process has open is an error
// that says so, and the directory is left alone.
func TestOpenInUseElsewhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	closeIndex(t, openIndex(t, dir, seedArchive(t)))
	before := dirID(t, dir)
	// Another process's lock: bbolt locks the file with flock, which a
	// second open file in this process also has to wait for.
	db, err := bolt.Open(filepath.Join(dir, "store", "root.bolt"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	_, err = Open(context.Background(), dir, edited, nil)
	if !errors.Is(err, ErrIndexInUse) {
		t.Fatalf("Open of an index in use elsewhere = %v; want ErrIndexInUse", err)
	}
	db.Close()
	if after := dirID(t, dir); !os.SameFile(before, after) {
		t.Error("the index in use was replaced")
	}
}

// TestOpenInUseReadOnlyElsewhere: another process reading the index (as
// another server does, read-only, with a shared lock) keeps it from being
// replaced by new content.
func TestOpenInUseReadOnlyElsewhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	closeIndex(t, openIndex(t, dir, seedArchive(t)))
	before := dirID(t, dir)
	db, err := bolt.Open(filepath.Join(dir, "store", "root.bolt"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	edited := loadSeedWith(t, func(s string) string { return strings.ReplaceAll(s, "Ukraine", "Moldova") })
	_, err = Open(context.Background(), dir, edited, nil)
	if !errors.Is(err, ErrIndexInUse) {
		t.Fatalf("Open of an index read elsewhere, for new content = %v; want ErrIndexInUse", err)
	}
	if after := dirID(t, dir); !os.SameFile(before, after) {
		t.Error("the index in use was replaced")
	}
	// The same content is read beside the other reader.
	ix := openIndex(t, dir, seedArchive(t))
	if ix.disk == nil || hitCount(t, ix, "Ukraine") != 1 {
		t.Error("the current index was not shared with the other reader")
	}
}
