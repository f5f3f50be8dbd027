package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/content"
)

// TestServeArchiveSnapshot: with --index, serve keeps a snapshot of the
// loaded archive beside the index and a later start on the same content
// uses it; changed content is parsed again, with its problems reported
// file:line despite the snapshot (a new file, and one the snapshot records
// edited in place), and a damaged snapshot is set aside with one line in
// the log.
func TestServeArchiveSnapshot(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	// Content is deployed before it is served: a file changed less than
	// content.StatSettle before a start is recorded without its stat, and
	// the first start that finds it settled writes the snapshot again,
	// which is not what the starts below are about.
	time.Sleep(content.StatSettle)
	index := filepath.Join(t.TempDir(), "index")
	snapshot := index + ".archive"
	args := []string{"--content", dir, "--index", index}
	serveOnce := func(t *testing.T) string {
		t.Helper()
		base, log := startServeLogged(t, args...)
		res, err := testClient.Get(base + "/documents/" + seedSlug)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET the seed document = %d; want 200", res.StatusCode)
		}
		return log.String()
	}
	read := func(t *testing.T) []byte {
		t.Helper()
		b, err := os.ReadFile(snapshot)
		if err != nil {
			t.Fatalf("no snapshot beside the index: %v", err)
		}
		return b
	}

	var first []byte
	t.Run("first start writes it", func(t *testing.T) {
		serveOnce(t)
		first = read(t)
	})
	t.Run("next start uses it", func(t *testing.T) {
		if log := serveOnce(t); strings.Contains(log, "snapshot") {
			t.Errorf("the log speaks of the snapshot:\n%s", log)
		}
		if !bytes.Equal(read(t), first) {
			t.Error("the snapshot was rewritten")
		}
	})
	t.Run("broken content is reported", func(t *testing.T) {
		name := filepath.Join(dir, "documents", "2025-12-01-broken.md")
		if err := os.WriteFile(name, []byte(brokenDoc), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(name)
		code, _, stderr := runCmd(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if want := name + ":" + strconv.Itoa(brokenLine) + ":"; code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("serve on broken content = exit %d, stderr %q; want 1 and %q", code, stderr, want)
		}
		if !bytes.Equal(read(t), first) {
			t.Error("the snapshot was rewritten from broken content")
		}
	})
	t.Run("damaged snapshot is set aside", func(t *testing.T) {
		damaged := bytes.Clone(first)
		damaged[len(damaged)-1] ^= 0xff
		if err := os.WriteFile(snapshot, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		log := serveOnce(t)
		var said []string
		for line := range strings.Lines(log) {
			if strings.Contains(line, "snapshot") {
				said = append(said, line)
			}
		}
		if len(said) != 1 || !strings.Contains(said[0], "cannot be used") {
			t.Errorf("the log says %d times what became of the snapshot; want once that it cannot be used:\n%s", len(said), log)
		}
		// Replaced by a whole one, which the next start uses (its bytes
		// may differ from the first's: the content files' times are
		// recorded once settled, content.Stat).
		if bytes.Equal(read(t), damaged) {
			t.Error("the damaged snapshot was not replaced")
		}
		if log := serveOnce(t); strings.Contains(log, "snapshot") {
			t.Errorf("the start after the damaged snapshot was replaced speaks of it:\n%s", log)
		}
	})
	t.Run("an edited document is parsed again", func(t *testing.T) {
		// The seed, which the snapshot records, edited in place.
		name := filepath.Join(dir, "documents", seedSlug+".md")
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(name, src, 0o644)
		if err := os.WriteFile(name, []byte(brokenDoc), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCmd(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if want := name + ":" + strconv.Itoa(brokenLine) + ":"; code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("serve on an edited document = exit %d, stderr %q; want 1 and %q", code, stderr, want)
		}
	})
}
