package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// contentWithSpecialFiles is a copy of the content with a FIFO and a link
// to /dev/zero among its documents.
func contentWithSpecialFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "documents", "fifo.md"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "documents", "zero.md")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCheckSpecialFiles: check names a FIFO and a device in the content
// as problems, at once, and never waits on them.
func TestCheckSpecialFiles(t *testing.T) {
	dir := contentWithSpecialFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"check", "--content", dir}, &stdout, &stderr) }()
	select {
	case code := <-done:
		for _, want := range []string{
			filepath.Join(dir, "documents", "fifo.md") + ": not a regular file",
			filepath.Join(dir, "documents", "zero.md") + ": not a regular file",
		} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("check: stderr lacks %q:\n%s", want, stderr.String())
			}
		}
		if code != 1 {
			t.Errorf("check exit = %d; want 1", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("check still running after 15s")
	}
}

// TestCheckStopsWhenCancelled: check gives up as SIGTERM cancels it.
func TestCheckStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"check", "--content", "../../content"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("check, cancelled: exit %d, %q; want 1 and the reason", code, stderr.String())
	}
}

// TestWatchWithFIFO: a FIFO and a link to /dev/zero added under --watch
// fail that reload at once, with their names; a later edit is loaded.
func TestWatchWithFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	base, log := startServeLogged(t, "--content", dir, "--watch")
	from := log.len()
	fifo := filepath.Join(dir, "documents", "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	zero := filepath.Join(dir, "documents", "zero.md")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, from, regexp.MustCompile(regexp.QuoteMeta("fifo.md: not a regular file")), 30*time.Second)
	_, from = log.waitFor(t, from, regexp.MustCompile(regexp.QuoteMeta("zero.md: not a regular file")), 30*time.Second)
	for _, name := range []string{fifo, zero} {
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", secondSlug+".md"), []byte(secondDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, from, regexp.MustCompile(`msg=reloaded .*documents=2`), 30*time.Second)
	checkGet(t, &http.Client{Timeout: 10 * time.Second}, base+"/documents/"+secondSlug, 200, "Middle Corridor")
}

// TestServeStopsDuringAHungReload: whatever a reload is doing, even
// waiting for ever, cancelling serve's context (SIGTERM) ends it promptly.
func TestServeStopsDuringAHungReload(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	hung, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	calls := 0
	buildSite = func(ctx context.Context, cfg serveConfig, log *slog.Logger, opts siteOptions) (*site, error) {
		if calls++; calls == 1 {
			return newSite(ctx, cfg, log, opts)
		}
		close(hung)
		<-release // deaf to ctx, as a read of a FIFO was
		return nil, context.Canceled
	}
	defer func() { buildSite = newSite }()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	log := newServerLog()
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			log.add(sc.Text())
		}
		io.Copy(io.Discard, pr)
	}()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--content", dir, "--watch"}, io.Discard, pw)
	}()
	log.waitFor(t, 0, regexp.MustCompile(`msg=serving`), 30*time.Second) // and watching
	if err := os.WriteFile(filepath.Join(dir, "documents", secondSlug+".md"), []byte(secondDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-hung:
	case <-time.After(30 * time.Second):
		t.Fatal("no reload within 30s of an edit")
	}
	stopsPromptly(t, cancel, done, "during a hung reload")
}

// TestImportSpecialAndBidi: import refuses a FIFO as its input at once,
// names a bidi control by the input's line, and keeps it, confirmed, with
// --confirm-bidi.
func TestImportSpecialAndBidi(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "in.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	args := []string{"import", "--title", "T", "--parties", "KZ,EE", "--out", "-"}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if code, _, stderr := runCmd(t, append(args, fifo)...); code != 1 || !strings.Contains(stderr, fifo+": not a regular file") {
			t.Errorf("import of a FIFO = %d, %q; want 1, not a regular file", code, stderr)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("import of a FIFO still running after 10s")
	}

	in := filepath.Join(dir, "rtl.txt")
	if err := os.WriteFile(in, []byte("November 17, 2025\n\n1. The Parties agreed \u202Eowt.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, append(args, in)...); code != 1 || !strings.Contains(stderr, in+":3: bidirectional control U+202E") {
		t.Errorf("import with a bidi control = %d, %q; want 1 naming line 3", code, stderr)
	}
	if code, stdout, stderr := runCmd(t, append(args, "--confirm-bidi", in)...); code != 0 || !strings.Contains(stdout, "bidi: [para_1]\n") {
		t.Errorf("import --confirm-bidi = %d, %q, %q; want the file, confirming para_1", code, stdout, stderr)
	}
}

// TestServeStopsDuringAHungLoad: the same while the first load hangs.
func TestServeStopsDuringAHungLoad(t *testing.T) {
	hung, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	buildSite = func(context.Context, serveConfig, *slog.Logger, siteOptions) (*site, error) {
		close(hung)
		<-release
		return nil, context.Canceled
	}
	defer func() { buildSite = newSite }()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, io.Discard, io.Discard) }()
	select {
	case <-hung:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start loading within 30s")
	}
	stopsPromptly(t, cancel, done, "during a hung load")
}

// stopsPromptly cancels serve's context, as SIGTERM does, and waits for
// serve to exit cleanly within drainTimeout; during says what it was doing.
func stopsPromptly(t *testing.T, cancel context.CancelFunc, done <-chan int, during string) {
	t.Helper()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit = %d; want 0", code)
		}
	case <-time.After(drainTimeout):
		t.Fatalf("serve still running %v after its context was cancelled, %s", drainTimeout, during)
	}
}
