package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/httpx/httpxtest"
)

// serverLog holds the lines a server has logged, safe to read while the
// server writes.
type serverLog struct {
	mu    sync.Mutex
	lines []string
	grew  chan struct{} // closed and replaced when a line arrives
}

func newServerLog() *serverLog { return &serverLog{grew: make(chan struct{})} }

func (l *serverLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	close(l.grew)
	l.grew = make(chan struct{})
}

func (l *serverLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// waitFor waits until a line logged after the first `from` lines matches
// re, and returns it and the number of lines logged so far.
func (l *serverLog) waitFor(t *testing.T, from int, re *regexp.Regexp, within time.Duration) (string, int) {
	t.Helper()
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	for {
		l.mu.Lock()
		for i := from; i < len(l.lines); i++ {
			if line := l.lines[i]; re.MatchString(line) {
				n := len(l.lines)
				l.mu.Unlock()
				return line, n
			}
		}
		grew := l.grew
		l.mu.Unlock()
		select {
		case <-grew:
		case <-deadline.C:
			t.Fatalf("no log line matching %q within %v; the log:\n%s", re, within, l)
			return "", 0
		}
	}
}

func (l *serverLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

// startServeLogged is startServe keeping the server's log: it runs
// `accord serve` on a free port and returns its base URL and its log. The
// server stops with the test, as on SIGTERM, and must exit cleanly.
//
// Both the start and the server's whole life are bounded: a server that
// never says it is serving fails the test after serveStartTimeout, and one
// still running serveTimeout after it started is stopped and the test
// fails saying it hung (testenv.Deadline).
func startServeLogged(t *testing.T, args ...string) (string, *serverLog) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	hung := serveDeadline(t, args, cancel)
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, pw)
		pw.Close()
	}()
	log := newServerLog()
	urls := make(chan string, 1)
	go func() {
		urlRE := regexp.MustCompile(`msg=serving .*url=(http://\S+)`)
		sc := bufio.NewScanner(pr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			log.add(sc.Text())
			if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		io.Copy(io.Discard, pr) // a line past the buffer: keep the server unblocked
		close(urls)
	}()
	var base string
	select {
	case u, ok := <-urls:
		if !ok {
			cancel()
			t.Fatalf("serve exited without serving (exit %d); the log:\n%s", <-done, log)
		}
		base = u
	case <-time.After(serveStartTimeout):
		cancel()
		t.Fatalf("serve %q did not log its address within %v of starting; the log:\n%s", args, serveStartTimeout, log)
	}
	// Without --index, search is built after /readyz: the tests that
	// search right away wait for it, as a reader retrying the 503 would.
	if !slices.Contains(args, "--index") {
		log.waitFor(t, 0, regexp.MustCompile(`msg="search ready"`), serveStartTimeout)
	}
	t.Cleanup(func() {
		cancel()
		if hung() {
			t.Logf("the log of the hung server:\n%s", log)
		}
		select {
		case code := <-done:
			if code != 0 && !hung() {
				t.Errorf("serve exit = %d after shutdown; want 0; the log:\n%s", code, log)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15s of shutdown")
		}
	})
	return base, log
}

// hammer requests targets from base round and round until stopped,
// counting every answer that is not 200 and every error.
type hammer struct {
	requests, failures atomic.Int64
	mu                 sync.Mutex
	first              []string // the first few failures
	stop               chan struct{}
	wg                 sync.WaitGroup
}

func startHammer(base string, workers int, targets ...string) *hammer {
	h := &hammer{stop: make(chan struct{})}
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range workers {
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			for i := w; ; i++ {
				select {
				case <-h.stop:
					return
				default:
				}
				target := targets[i%len(targets)]
				h.requests.Add(1)
				res, err := client.Get(base + target)
				if err != nil {
					h.fail(fmt.Sprintf("GET %s: %v", target, err))
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					h.fail(fmt.Sprintf("GET %s = %d", target, res.StatusCode))
				}
			}
		}()
	}
	return h
}

func (h *hammer) fail(msg string) {
	h.failures.Add(1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.first) < 10 {
		h.first = append(h.first, msg)
	}
}

// finish stops the hammer and returns how many requests it made.
func (h *hammer) finish(t *testing.T) int64 {
	t.Helper()
	close(h.stop)
	h.wg.Wait()
	if n := h.failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed during the reloads; the first: %q", n, h.requests.Load(), h.first)
	}
	return h.requests.Load()
}

const (
	seedSlug   = "2025-11-17-kazakhstan-estonia"
	brokenDoc  = "---\ntitle: Broken\nkind: joint-statement\ndate: 2025-12-01\nparties: [KZ, EE]\nlanguage: en\n---\nThe Parties stated the following:\n\n1. The Parties agreed on transport.\n\n1. The Parties agreed again.\n"
	brokenLine = 12 // the repeated "1."
	secondSlug = "2025-12-02-estonia-kazakhstan-transport"
	secondDoc  = "---\ntitle: Joint Statement on Transport\nkind: joint-statement\ndate: 2025-12-02\nplace: Tallinn\nparties: [EE, KZ]\nlanguage: en\n---\nThe Ministers met in Tallinn.\n\n1. The Ministers agreed to develop transport links along the Middle Corridor.\n\n2. The Ministers agreed to meet again in 2026.\n"
)

// TestReloadUnderLoad runs the real server with --watch on a copy of the
// content while clients fetch pages throughout: broken content must leave
// the last good archive serving and log its file:line errors, good content
// must then be served, and no request may fail across either swap.
// With --index, a reload opens the on-disk index again while the old site
// still has it open: the same content shares it, new content is indexed
// beside it.
func TestReloadUnderLoad(t *testing.T) {
	t.Run("index in memory", func(t *testing.T) { reloadUnderLoad(t) })
	t.Run("index on disk", func(t *testing.T) { reloadUnderLoad(t, "--index", filepath.Join(t.TempDir(), "index")) })
}

func reloadUnderLoad(t *testing.T, extra ...string) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(dir, "documents")
	base, log := startServeLogged(t, append([]string{"--content", dir, "--watch"}, extra...)...)
	client := &http.Client{Timeout: 10 * time.Second}

	checkGet(t, client, base+"/healthz", 200, "ok")
	checkGet(t, client, base+"/readyz", 200, "ready: 1 documents")

	clause := "/documents/" + seedSlug + "/clauses/3"
	h := startHammer(base, 4, "/", clause, "/search?q=transport", "/documents/"+seedSlug)

	// Broken content: the reload fails, names the file and line, and the
	// last good archive stays.
	from := log.len()
	broken := filepath.Join(docs, "2025-12-01-broken.md")
	if err := os.WriteFile(broken, []byte(brokenDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, from, regexp.MustCompile(`reload failed: still serving the last good archive`), 30*time.Second)
	wantErr := regexp.MustCompile(regexp.QuoteMeta(fmt.Sprintf("2025-12-01-broken.md:%d: '1.' repeats the number on line", brokenLine)))
	_, from = log.waitFor(t, from, wantErr, 5*time.Second)
	checkGet(t, client, base+"/documents/2025-12-01-broken", 404, "")
	checkGet(t, client, base+"/readyz", 200, "ready: 1 documents")

	// Good content: the next reload swaps it in.
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, secondSlug+".md"), []byte(secondDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, from = log.waitFor(t, from, regexp.MustCompile(`msg=reloaded .*documents=2`), 30*time.Second)
	checkGet(t, client, base+"/documents/"+secondSlug, 200, "Middle Corridor")
	checkGet(t, client, base+"/documents/"+secondSlug+"/clauses/1", 200, "Middle Corridor")
	checkGet(t, client, base+"/search?q=corridor", 200, secondSlug)
	checkGet(t, client, base+"/readyz", 200, "ready: 2 documents")

	// SIGHUP reloads too; serve has been listening for it since it started.
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	log.waitFor(t, from, regexp.MustCompile(`msg=reloaded why=SIGHUP documents=2`), 30*time.Second)

	n := h.finish(t)
	if n < 100 {
		t.Errorf("the hammer made only %d requests; want a real load across the swaps", n)
	}
	t.Logf("%d requests across two reloads and a SIGHUP, %d failed", n, h.failures.Load())
}

// TestHealthAndReadiness checks the probes of a real server, and that they
// carry the security headers, exactly, like every other response, with
// Strict-Transport-Security under --hsts.
func TestHealthAndReadiness(t *testing.T) {
	for _, hsts := range []bool{false, true} {
		var args []string
		if hsts {
			args = append(args, "--hsts")
		}
		base, _ := startServeLogged(t, args...)
		client := &http.Client{Timeout: 5 * time.Second}
		for _, tt := range []struct {
			path, body string
		}{
			{"/healthz", "ok"},
			{"/readyz", "ready: 1 documents, 9 clauses"},
			{"/", "Accord"},
		} {
			res := checkGet(t, client, base+tt.path, 200, tt.body)
			httpxtest.CheckSecurityHeaders(t, "GET "+tt.path, res.Header, hsts)
			if got := res.Header.Get("Cache-Control"); got != "no-store" && tt.path != "/" {
				t.Errorf("GET %s: Cache-Control = %q; want no-store", tt.path, got)
			}
		}
	}
}

// checkGet fetches url and fails unless it answers status with a body
// containing want.
func checkGet(t *testing.T, client *http.Client, url string, status int, want string) *http.Response {
	t.Helper()
	res, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", url, err)
	}
	if res.StatusCode != status || !strings.Contains(string(b), want) {
		t.Errorf("GET %s = %d (%d bytes); want %d containing %q", url, res.StatusCode, len(b), status, want)
	}
	return res
}
