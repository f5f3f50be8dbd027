package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeDamagedIndex: a damaged on-disk index is rebuilt at start, with
// one line saying why; a segment cut short while serving makes searches a
// 503 to retry, not a crash nor a 500, until the index is rebuilt in
// memory; the next start rebuilds it on disk.
func TestServeDamagedIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(t.TempDir(), "index")
	args := []string{"--content", dir, "--index", index}
	search := func(t *testing.T, base string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + "/search?q=Ukraine")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
			t.Error("a 503 without Retry-After")
		}
		return resp.StatusCode, string(body)
	}
	segments := func(t *testing.T) []string {
		t.Helper()
		zaps, err := filepath.Glob(filepath.Join(index, "store", "*.zap"))
		if err != nil || len(zaps) == 0 {
			t.Fatalf("no segments in the index (%v)", err)
		}
		return zaps
	}
	rebuildLines := func(log string) []string {
		var lines []string
		for line := range strings.Lines(log) {
			if strings.Contains(line, "search index") {
				lines = append(lines, line)
			}
		}
		return lines
	}

	t.Run("first start builds", func(t *testing.T) {
		base, _ := startServeLogged(t, args...)
		if code, body := search(t, base); code != http.StatusOK || !strings.Contains(body, "Ukraine") {
			t.Fatalf("search = %d; want 200 finding Ukraine", code)
		}
	})
	t.Run("a flipped byte is found and rebuilt", func(t *testing.T) {
		zap := segments(t)[0]
		b, err := os.ReadFile(zap)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)-3] ^= 0x10 // in the footer
		if err := os.WriteFile(zap, b, 0o600); err != nil {
			t.Fatal(err)
		}
		base, log := startServeLogged(t, args...)
		if code, body := search(t, base); code != http.StatusOK || !strings.Contains(body, "Ukraine") {
			t.Fatalf("search = %d; want 200 finding Ukraine", code)
		}
		if lines := rebuildLines(log.String()); len(lines) != 1 || !strings.Contains(lines[0], "does not match its checksum") {
			t.Errorf("the log says of the index:\n%s\nwant one line naming the mismatch", lines)
		}
	})
	t.Run("a segment cut short while serving", func(t *testing.T) {
		base, log := startServeLogged(t, args...)
		for _, zap := range segments(t) {
			if err := os.Truncate(zap, 0); err != nil {
				t.Fatal(err)
			}
		}
		if code, _ := search(t, base); code != http.StatusServiceUnavailable {
			t.Fatalf("search in a segment cut short = %d; want 503", code)
		}
		log.waitFor(t, 0, regexp.MustCompile(`rebuilt in memory`), 30*time.Second)
		if code, body := search(t, base); code != http.StatusOK || !strings.Contains(body, "Ukraine") {
			t.Fatalf("search after the rebuild = %d; want 200 finding Ukraine", code)
		}
	})
	t.Run("the next start rebuilds on disk", func(t *testing.T) {
		base, log := startServeLogged(t, args...)
		if code, body := search(t, base); code != http.StatusOK || !strings.Contains(body, "Ukraine") {
			t.Fatalf("search = %d; want 200 finding Ukraine", code)
		}
		if lines := rebuildLines(log.String()); len(lines) != 1 || !strings.Contains(lines[0], "no manifest") {
			t.Errorf("the log says of the index:\n%s\nwant one line saying it is rebuilt", lines)
		}
	})
	t.Run("then it is reused quietly", func(t *testing.T) {
		base, log := startServeLogged(t, args...)
		if code, _ := search(t, base); code != http.StatusOK {
			t.Fatalf("search = %d; want 200", code)
		}
		if lines := rebuildLines(log.String()); len(lines) != 0 {
			t.Errorf("the log says of the index:\n%s\nwant nothing", lines)
		}
	})
}

// TestServeListsUnitsOnceReady: with a current index on disk, the index's
// list of units, which opening it leaves for later, is made once the site
// is ready, without a search asking for it.
func TestServeListsUnitsOnceReady(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	args := []string{"--content", dir, "--index", filepath.Join(t.TempDir(), "index")}
	t.Run("first start builds", func(t *testing.T) { startServeLogged(t, args...) })
	t.Run("next start opens", func(t *testing.T) {
		_, log := startServeLogged(t, args...)
		log.waitFor(t, 0, regexp.MustCompile(`msg="search ready"`), serveStartTimeout)
	})
}
