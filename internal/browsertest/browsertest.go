// Package browsertest starts a real headless Chromium for tests, driven with
// chromedp, with the flags that keep it quiet and offline.
//
// A test binary starts one Chromium, on first use, and every test gets a
// browser context of its own in it: its own cookies, storage, cache and
// permissions, as a fresh profile would give, without a browser's start
// (seconds of CPU on two busy cores) per test. A package using it runs its
// tests through Main, which stops the browser at the end.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/testenv"
)

// startTimeout bounds Chromium's start, a second or two when all is well,
// and the opening of a test's browser context.
const startTimeout = time.Minute

// Path finds the Chromium binary: $CHROMIUM, or chromium on the PATH.
func Path() (string, bool) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// shared is the test binary's one Chromium: started by the first New,
// stopped by Main.
var shared struct {
	sync.Mutex
	browser context.Context // the browser's first tab; nil until started
	stop    func()
	err     error // why it did not start; later tests fail with it too
	dir     string
}

// Main runs the package's tests, then stops the shared Chromium. Call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	stop()
	os.Exit(code)
}

func stop() {
	shared.Lock()
	defer shared.Unlock()
	if shared.stop != nil {
		shared.stop()
		shared.stop, shared.browser = nil, nil
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
		shared.dir = ""
	}
}

// browser returns the shared Chromium, starting it on first use.
func browser(t testing.TB, path string) context.Context {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.browser != nil {
		return shared.browser
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	dir, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	// No deadline on the browser's own context: it would stop the browser.
	// Tests bound each step with Step instead.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	// Starting is bounded apart: a Chromium that never answers is killed.
	hung := time.AfterFunc(startTimeout, cancelAlloc)
	err = chromedp.Do(browserCtx)
	if !hung.Stop() {
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
		shared.err = fmt.Errorf("start Chromium %s: %v", path, err)
		t.Fatal(shared.err)
	}
	shared.browser, shared.dir = browserCtx, dir
	shared.stop = func() {
		cancelBrowser()
		cancelAlloc()
	}
	return browserCtx
}

// New returns a browser context of its own for the test, in the test
// binary's headless Chromium, which it starts on first use; the context is
// disposed of with the test. Without Chromium the test is skipped, saying
// how to install it, or fails where the tools are required
// (testenv.Required: CI=true, or `make check`).
// Each call to chromedp.Run with the returned context (or a context made
// from it with chromedp.NewContext) drives a tab of that browser context.
// A call naming no browser context (as browser.SetPermission may) acts on
// the default one, not the test's: pass chromedp.FromContext(ctx).BrowserContextID.
func New(t testing.TB) context.Context {
	t.Helper()
	path, ok := Path()
	if !ok {
		testenv.Missing(t, "no Chromium: install it (apt-get install chromium) or set $CHROMIUM; `make check` does this")
	}
	ctx, cancel := chromedp.NewContext(browser(t, path), chromedp.WithNewBrowserContext())
	hung := time.AfterFunc(startTimeout, cancel)
	err := chromedp.Do(ctx)
	if !hung.Stop() {
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		cancel()
		t.Fatalf("open a browser context in Chromium %s: %v", path, err)
	}
	t.Cleanup(cancel)
	return ctx
}

// Step bounds one browser interaction: it returns a context derived from
// the browser context that ends after d.
func Step(t testing.TB, browserCtx context.Context, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browserCtx, d)
	t.Cleanup(cancel)
	return ctx
}
