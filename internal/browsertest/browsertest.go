// Package browsertest starts a real headless Chromium for tests, driven with
// chromedp, with the flags that keep it quiet and offline.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/testenv"
)

// startTimeout bounds Chromium's start, a second or two when all is well.
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

// New starts a headless Chromium with a fresh profile and returns a
// browser context for it; both end with the test. Without Chromium the
// test is skipped, saying how to install it, or fails where the tools are
// required (testenv.Required: CI=true, or `make check`).
// Each call to chromedp.Run with the returned context (or a context made
// from it with chromedp.NewContext) drives a tab.
func New(t testing.TB) context.Context {
	t.Helper()
	path, ok := Path()
	if !ok {
		testenv.Missing(t, "no Chromium: install it (apt-get install chromium) or set $CHROMIUM; `make check` does this")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
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
	err := chromedp.Do(browserCtx)
	if !hung.Stop() {
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return browserCtx
}

// Step bounds one browser interaction: it returns a context derived from
// the browser context that ends after d.
func Step(t testing.TB, browserCtx context.Context, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browserCtx, d)
	t.Cleanup(cancel)
	return ctx
}
