//go:build browser

package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/browsertest"
)

const seedPath = "/documents/2025-11-17-kazakhstan-estonia"

// TestMain stops the one Chromium the browser tests share.
func TestMain(m *testing.M) { browsertest.Main(m) }

// tab opens a new tab of the shared browser, bounded to d. With
// ACCORD_SHOTS set to a directory, shot saves screenshots there, to look at.
func tab(t *testing.T, b context.Context, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b)
	t.Cleanup(cancel)
	ctx = browsertest.Step(t, ctx, d)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("ACCORD_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// TestLinkToClauseInContext: a link to #para_3 shows clause 3, in the
// viewport and highlighted, and no other clause highlighted.
func TestLinkToClauseInContext(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath+"#para_3"), chromedp.WaitVisible(chromedp.CSS("#para_3"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "fragment-para_3")
	type box struct {
		Top, Bottom, Height float64
		Bg, OtherBg         string
	}
	b := eval[box](t, ctx, `(() => {
		const r = document.getElementById("para_3").getBoundingClientRect();
		return {Top: r.top, Bottom: r.bottom, Height: innerHeight,
			Bg: getComputedStyle(document.getElementById("para_3")).backgroundColor,
			OtherBg: getComputedStyle(document.getElementById("para_4")).backgroundColor};
	})()`)
	if b.Top < 0 || b.Top > b.Height/2 {
		t.Errorf("clause 3 top is at %.0fpx of a %.0fpx viewport; want it at the top", b.Top, b.Height)
	}
	if b.Bg == b.OtherBg || b.Bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("clause 3 background %s, clause 4 %s; want clause 3 highlighted", b.Bg, b.OtherBg)
	}
}

// TestCopyLink: the copy button puts the clause's address on the clipboard.
func TestCopyLink(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:          browser.PermissionSettingGranted,
			Origin:           base,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		}); err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	clause := seedPath + "/clauses/3"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+clause), chromedp.WaitVisible(chromedp.CSS("button.copy")), chromedp.Click(chromedp.CSS("button.copy"))); err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector(".copied").textContent || null`))
	if err != nil {
		t.Fatalf("wait for the copied message: %v", err)
	}
	got := eval[string](t, ctx, `navigator.clipboard.readText()`)
	if got != base+clause {
		t.Errorf("clipboard = %q (status %q); want %q", got, status, base+clause)
	}
	shot(t, ctx, "copied")
}

// TestSearchToClause: type a query, submit, open the first result, land on
// the clause.
func TestSearchToClause(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS("#home-q"), "Trans-Caspian route"),
		chromedp.Submit(chromedp.CSS("#home-q")),
		chromedp.WaitVisible(chromedp.CSS(".hit h2 a")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "search-results")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if u, err := url.Parse(loc); err != nil || u.Path != "/search" || u.Query().Get("q") != "Trans-Caspian route" {
		t.Fatalf("after submitting, the browser is at %s", loc)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".hit h2 a")), chromedp.WaitVisible(chromedp.CSS(".clause-body"))); err != nil {
		t.Fatal(err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, seedPath+"/clauses/3") {
		t.Errorf("the first result led to %s; want clause 3", loc)
	}
	h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(h1, "para. 3") {
		t.Errorf("clause page heading %q", h1)
	}
}

// TestKeyboard: "/" focuses the search box; Tab reaches the skip link first.
func TestKeyboard(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath), chromedp.WaitReady(chromedp.CSS("body")), chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "doc-q" {
		t.Errorf(`after "/", focus is on #%s; want the search box #doc-q`, id)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/about"), chromedp.WaitReady(chromedp.CSS("body")), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if cls := eval[string](t, ctx, `document.activeElement.className`); cls != "skip" {
		t.Errorf("the first Tab reaches %q; want the skip link", cls)
	}
}

// TestWithoutJavaScript: with scripts off every page renders, the copy
// link is a plain link, and links and forms work.
func TestWithoutJavaScript(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 60*time.Second)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, pg := range checkedPages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+pg.path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", pg.path, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || strings.TrimSpace(h1) == "" {
			t.Errorf("%s without JavaScript: no heading (%v)", pg.path, err)
		}
	}
	// The clause page: the address is a link, the copy button stays hidden.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath+"/clauses/3"), chromedp.WaitVisible(chromedp.CSS("a.copy-link"))); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("button.copy").hidden`)); !n {
		// Evaluate runs even with page scripts off: it is the test's, not the page's.
		t.Error("the copy button shows without JavaScript")
	}
	// Follow links by clicking: next clause, read in context, then a form.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[rel="next"]`)), chromedp.WaitVisible(chromedp.CSS(".clause-body"))); err != nil {
		t.Fatal(err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/clauses/4") {
		t.Errorf("next from clause 3 went to %s", loc)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.clause-nav a[href$="#para_4"]`)), chromedp.WaitVisible(chromedp.CSS("#toc-h"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#doc-q"), "Ukraine"),
		chromedp.Submit(chromedp.CSS("#doc-q")),
		chromedp.WaitVisible(chromedp.CSS("mark.hit")),
	); err != nil {
		t.Fatal(err)
	}
	// Search within the document stays in it, the matches marked in place.
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Path != seedPath || u.Query().Get("q") != "Ukraine" {
		t.Errorf("search within the document went to %s", loc)
	}
	shot(t, ctx, "nojs-search-within")
}

// TestCommitmentsAndTopics: from a clause, its commitment tag leads to that
// type on /commitments, and its topic to the topic's page, which lists it.
func TestCommitmentsAndTopics(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	clause := seedPath + "/clauses/3"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+clause),
		chromedp.Click(chromedp.CSS(`.commitment-list a.tag`)),
		chromedp.WaitVisible(chromedp.CSS(".ctype")),
	); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	u, _ := url.Parse(loc)
	if u.Path != "/commitments" || u.Fragment == "" {
		t.Fatalf("the commitment tag led to %s", loc)
	}
	top := eval[float64](t, ctx, `document.getElementById(`+jsonString(u.Fragment)+`).getBoundingClientRect().top`)
	if top < -2 || top > 200 {
		t.Errorf("the %s section is at %.0fpx; want it at the top of the viewport", u.Fragment, top)
	}
	shot(t, ctx, "commitments")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+clause),
		chromedp.Click(chromedp.CSS(`.classification a[href="/topics/transport"]`)),
		chromedp.WaitVisible(chromedp.CSS(".units")),
	); err != nil {
		t.Fatal(err)
	}
	n := eval[int](t, ctx, `document.querySelectorAll('.units a[href="`+clause+`"]').length`)
	if n == 0 {
		t.Error("the transport topic page does not list clause 3")
	}
	shot(t, ctx, "topic-transport")
}
