package main

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/crawl"
)

// TestExportMatchesServer: every exported file is byte for byte what the
// server answers at its address, and the export holds every page.
func TestExportMatchesServer(t *testing.T) {
	dir := t.TempDir()
	const base = "https://mirror.example"
	if code, stdout, stderr := runCmd(t, "export", "--out", dir, "--base-url", base); code != 0 {
		t.Fatalf("export = %d: %s%s", code, stdout, stderr)
	}
	s, err := newSite(context.Background(), serveConfig{baseURL: base}, slog.New(slog.DiscardHandler), siteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var files int
	seen := map[string]bool{}
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(name, dir+string(filepath.Separator)))
		addr := "/" + strings.TrimSuffix(strings.TrimSuffix(rel, "index.html"), "/")
		if rel == "404.html" {
			addr = "/404"
		}
		got, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		live := crawl.Fetch(s.handler, addr)
		if !bytes.Equal(got, live.Body) {
			t.Errorf("%s differs from GET %s (%d bytes exported, %d served)", rel, addr, len(got), len(live.Body))
		}
		seen[addr] = true
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"/", "/documents", "/about", "/documents/2025-11-17-kazakhstan-estonia",
		"/documents/2025-11-17-kazakhstan-estonia/clauses/9", "/documents/2025-11-17-kazakhstan-estonia/data.akn",
		"/documents/2025-11-17-kazakhstan-estonia/clauses/3/cite.bib", "/sitemap.xml", "/feed.atom", "/robots.txt",
		"/opensearch.xml", "/api/v1/openapi.json", "/documents/2025-11-17-kazakhstan-estonia/data.json",
		"/documents/2025-11-17-kazakhstan-estonia/data.xml", "/data/accord.jsonl", "/data/akn.zip", "/data/provisions.csv",
	} {
		if !seen[want] {
			t.Errorf("the export lacks %s", want)
		}
	}
	var css bool
	for a := range seen {
		css = css || strings.HasPrefix(a, "/static/style.")
	}
	if !css {
		t.Error("the export lacks the stylesheet")
	}
	t.Logf("%d files exported and compared", files)
}

// TestExportNeedsBaseURL: without the mirror's address, or with one that is
// not an http(s) URL, export refuses (exit 2), says why, and writes nothing.
func TestExportNeedsBaseURL(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--base-url URL is required"},
		{[]string{"--base-url", "accord.example"}, "is not an http or https address"},
		{[]string{"--base-url", "ftp://accord.example"}, "is not an http or https address"},
		{[]string{"--base-url", "https://"}, "is not an http or https address"},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCmd(t, append([]string{"export", "--out", dir}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("export %q = %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("export %q wrote %s", tc.args, dir)
		}
	}
	// An explicit local address is one.
	dir := t.TempDir()
	if code, _, stderr := runCmd(t, "export", "--out", dir, "--base-url", "http://localhost:8080"); code != 0 {
		t.Errorf("export --base-url http://localhost:8080 = %d: %s", code, stderr)
	}
}
