//go:build browser

package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/browsertest"
)

// The reader's tasks: a diplomat reading the statement, a journalist on a
// phone, a researcher citing one clause. One test per thing they could not
// do before.

// phone sizes the tab as a phone's screen, 390 by 844 CSS pixels.
func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1))); err != nil {
		t.Fatal(err)
	}
}

// A journalist types the question as they think it: the parties by name.
// Clause 3, which never names Estonia, is the first result, the page says
// it read Estonia as a party, and the chip removes that reading.
func TestReaderSearchesWithPartyNames(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS("#home-q"), "estonia kazakhstan transport"),
		chromedp.Submit(chromedp.CSS("#home-q")),
		chromedp.WaitVisible(chromedp.CSS(".hit h2 a")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "reader-party-chip")
	first := eval[string](t, ctx, `document.querySelector(".hit h2 a").getAttribute("href")`)
	if !strings.HasSuffix(first, seedPath+"/clauses/3") {
		t.Errorf("the first result is %s; want clause 3", first)
	}
	chips := eval[string](t, ctx, `document.querySelector(".chips.readings").innerText`)
	if !strings.Contains(chips, "Estonia: as a party") || !strings.Contains(chips, "Kazakhstan: as a party") {
		t.Errorf("chips %q", chips)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.chips.readings a[href*="literal=EE"]`)), chromedp.WaitVisible(chromedp.CSS(".literal"))); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if u, _ := url.Parse(loc); u.Query().Get("literal") != "EE" {
		t.Errorf("removing the Estonia chip went to %s", loc)
	}
}

// A diplomat prints the statement: the text alone, as issued, with the
// page's address and where and when the text was copied; no analysis,
// even from the page with the analysis shown.
func TestReaderPrintsTheCleanText(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{seedPath, seedPath + "?analysis=1"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("#para_9"))); err != nil {
			t.Fatal(err)
		}
		type printed struct {
			Labels, Header, Cite int
			Note                 string
		}
		p := eval[printed](t, ctx, `(() => {
			const shown = s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length > 0).length;
			return {Labels: shown(".labels, .tag, .view-toggle"), Header: shown("header.site, .toc, .search"), Cite: shown(".cite-details"),
				Note: document.querySelector(".print-only").innerText};
		})()`)
		shot(t, ctx, "reader-print")
		if p.Labels+p.Header+p.Cite > 0 {
			t.Errorf("%s prints %d analysis, %d navigation and %d citation elements", path, p.Labels, p.Header, p.Cite)
		}
		if !strings.Contains(p.Note, base+seedPath) || !strings.Contains(p.Note, "mirror.akorda.kz") || !strings.Contains(p.Note, "24 November 2026") {
			t.Errorf("%s prints %q; want the address, the source and the day it was copied", path, p.Note)
		}
	}
	// The text reads as issued by default: no analysis between paragraphs.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "screen"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath), chromedp.WaitReady(chromedp.CSS("#para_9"))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("article .labels, article .verb").length`); n != 0 {
		t.Errorf("the document page shows %d analysis elements in the text", n)
	}
}

// A researcher on a phone links clause 3: its number is visible without
// hover, a 44 px target, and the first stop after the contents' link to
// it.
func TestReaderLinksClause3FromTheContents(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	phone(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath), chromedp.WaitReady(chromedp.CSS("#para_3")),
		chromedp.Click(chromedp.CSS(".toc-fold summary")), chromedp.WaitVisible(chromedp.CSS(`.toc a[href="#para_3"]`))); err != nil {
		t.Fatal(err)
	}
	type target struct {
		W, H, Opacity float64
		Visible       bool
	}
	b := eval[target](t, ctx, `(() => {
		const a = document.querySelector("#para_3 .permalink-num"), r = a.getBoundingClientRect(), st = getComputedStyle(a);
		return {W: r.width, H: r.height, Opacity: +st.opacity, Visible: st.visibility === "visible" && st.display !== "none"};
	})()`)
	if b.W < 44 || b.H < 44 || b.Opacity < 1 || !b.Visible {
		t.Errorf("clause 3's link: %.0f×%.0f px, opacity %.2f, visible %v; want at least 44×44, opaque, visible", b.W, b.H, b.Opacity, b.Visible)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.toc a[href="#para_3"]`)), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	presses := 0
	for ; presses < 5; presses++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(eval[string](t, ctx, `document.activeElement.getAttribute("href") || ""`), seedPath+"/clauses/3") {
			break
		}
	}
	if presses == 5 {
		t.Error("clause 3's link is not reached within 5 Tab presses of the contents")
	}
	shot(t, ctx, "reader-clause3-focus")
}

// A researcher copies clause 3's citation: the text, in the style chosen,
// holds the address; with scripts, Copy puts it on the clipboard.
func TestReaderCopiesACitation(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted, Origin: base,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		}); err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath), chromedp.WaitReady(chromedp.CSS("#para_3")),
		chromedp.Click(chromedp.CSS("#para_3 .cite-details summary")),
		chromedp.WaitVisible(chromedp.CSS("#para_3 .cite-details dd button.copy")),
	); err != nil {
		t.Fatal(err)
	}
	// The OSCOLA row is the second: after the link.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#para_3 .cite-details div:nth-of-type(2) button.copy"))); err != nil {
		t.Fatal(err)
	}
	got := eval[string](t, ctx, `navigator.clipboard.readText()`)
	if !strings.Contains(got, base+seedPath+"/clauses/3") || !strings.Contains(got, "(Astana, 17 November 2025) para 3") {
		t.Errorf("copied citation %q; want OSCOLA with the clause's address", got)
	}
	shot(t, ctx, "reader-cite")
	// The cite page adds today's date as the day of access.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#para_3 .cite-dated a`)), chromedp.WaitVisible(chromedp.CSS("#citation"))); err != nil {
		t.Fatal(err)
	}
	if c := eval[string](t, ctx, `document.getElementById("citation").innerText`); !strings.Contains(c, "accessed "+time.Now().UTC().Format("2 January 2006")) {
		t.Errorf("the cite page's citation %q lacks today's date", c)
	}
}

// A reader filtering commitments by transport does not see clause 2's
// agreement on trade.
func TestReaderCommitmentsOnTransport(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/commitments?topic=transport"), chromedp.WaitReady(chromedp.CSS(".ctype"))); err != nil {
		t.Fatal(err)
	}
	if txt := eval[string](t, ctx, `document.querySelector("main").innerText`); strings.Contains(txt, "agreed to expand") {
		t.Error("/commitments?topic=transport lists clause 2's agreement to expand trade")
	}
}

// On a phone the filters are within the first screen, a "Filter" line
// that opens; by keyboard, the second skip link reaches them.
func TestReaderReachesTheFilters(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	phone(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/commitments"), chromedp.WaitReady(chromedp.CSS(".filters"))); err != nil {
		t.Fatal(err)
	}
	if top := eval[float64](t, ctx, `document.querySelector(".filters summary").getBoundingClientRect().bottom`); top > 844 {
		t.Errorf("the Filter control ends at %.0f px; want it within the first screen (844)", top)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".filters summary"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "reader-filters-open")
	if top := eval[float64](t, ctx, `[...document.querySelectorAll(".filters h2")].find(h => h.textContent === "Topic").getBoundingClientRect().top`); top > 844 {
		t.Errorf("the topic filter is at %.0f px once the filters open; want it within the first screen", top)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/commitments"), chromedp.WaitReady(chromedp.CSS("body")),
		chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if in := eval[bool](t, ctx, `!!document.activeElement.closest("#filters")`); !in {
		t.Errorf("after the skip link, focus is on %s, not in the filters", eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
}

// On a phone the text starts within about a screen; on a wide one the
// contents stay in view beside it as it scrolls.
func TestReaderReachesTheText(t *testing.T) {
	base := startServe(t)
	ctx := tab(t, browsertest.New(t), 30*time.Second)
	phone(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+seedPath), chromedp.WaitReady(chromedp.CSS("#para_1"))); err != nil {
		t.Fatal(err)
	}
	if top := eval[float64](t, ctx, `document.getElementById("preamble__p_1").getBoundingClientRect().top + scrollY`); top > 1000 {
		t.Errorf("the text starts at %.0f px on a phone; want within about one screen", top)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(1)), chromedp.Navigate(base+seedPath+"#para_4"), chromedp.WaitReady(chromedp.CSS("#para_4"))); err != nil {
		t.Fatal(err)
	}
	type toc struct{ Top, Left, TextRight float64 }
	b := eval[toc](t, ctx, `(() => {
		const r = document.querySelector(".toc").getBoundingClientRect();
		return {Top: r.top, Left: r.left, TextRight: document.getElementById("para_4").getBoundingClientRect().right};
	})()`)
	if b.Top < 0 || b.Top > 800 || b.Left < b.TextRight {
		t.Errorf("at clause 4 the contents are at top %.0f, left %.0f (the text ends at %.0f); want them in view beside the text", b.Top, b.Left, b.TextRight)
	}
	shot(t, ctx, "reader-wide-toc")
	// A screen reader's list of headings names every numbered paragraph.
	if n := eval[int](t, ctx, `[...document.querySelectorAll("h2, h3")].filter(h => /^Paragraph \d+$/.test(h.textContent)).length`); n != 9 {
		t.Errorf("%d paragraph headings; want 9", n)
	}
	// Snippets stay under 90 characters a line.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/topics/transport"), chromedp.WaitReady(chromedp.CSS(".snippet"))); err != nil {
		t.Fatal(err)
	}
	chars := eval[float64](t, ctx, `(() => {
		const p = document.querySelector(".snippet p"), r = document.createRange();
		r.selectNodeContents(p);
		const lines = [...r.getClientRects()];
		const width = Math.max(...lines.map(l => l.width));
		const c = document.createElement("span"); c.textContent = "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz"; p.appendChild(c);
		const per = c.getBoundingClientRect().width / c.textContent.length; c.remove();
		return width / per;
	})()`)
	if chars > 90 {
		t.Errorf("a snippet line holds about %.0f characters; want under 90", chars)
	}
}
