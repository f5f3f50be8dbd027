//go:build browser

package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/browsertest"
)

// TestSideBySideClause: a clause in every language version stands in
// columns on a wide screen and one after the other on a phone, each column
// in its own language; ACCORD_SHOTS keeps the screenshots.
func TestSideBySideClause(t *testing.T) {
	base := startServe(t, "--content", treeContent(t))
	b := browsertest.New(t)
	type layout struct {
		Lang    string
		Langs   []string
		Tops    []float64
		Lefts   []float64
		Overrun bool
	}
	for _, tc := range []struct {
		width   int64
		columns bool
	}{{1280, true}, {390, false}} {
		ctx := tab(t, b, 30*time.Second)
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: tc.width, Height: 900, DeviceScaleFactor: 1, Mobile: tc.width < 500,
		}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/documents/2024-05-14-estonia-kazakhstan-ru/clauses/4"),
			chromedp.WaitVisible(chromedp.CSS(".parallel-grid"))); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, fmt.Sprintf("side-by-side-%d", tc.width))
		l := eval[layout](t, ctx, `(() => {
			const cols = [...document.querySelectorAll(".parallel-text")];
			return {Lang: document.documentElement.lang,
				Langs: cols.map(c => c.lang),
				Tops: cols.map(c => c.getBoundingClientRect().top),
				Lefts: cols.map(c => c.getBoundingClientRect().left),
				Overrun: document.documentElement.scrollWidth > innerWidth};
		})()`)
		if l.Lang != "ru" || len(l.Langs) != 3 || l.Langs[0] != "en" || l.Langs[1] != "et" || l.Langs[2] != "ru" {
			t.Fatalf("%dpx: page %q, columns %v; want ru, and en, et, ru", tc.width, l.Lang, l.Langs)
		}
		sameRow := l.Tops[0] == l.Tops[1] && l.Tops[1] == l.Tops[2] && l.Lefts[0] < l.Lefts[1] && l.Lefts[1] < l.Lefts[2]
		stacked := l.Tops[0] < l.Tops[1] && l.Tops[1] < l.Tops[2] && l.Lefts[0] == l.Lefts[1] && l.Lefts[1] == l.Lefts[2]
		if tc.columns && !sameRow || !tc.columns && !stacked {
			t.Errorf("%dpx: columns at tops %v, lefts %v; want them %s", tc.width, l.Tops, l.Lefts, map[bool]string{true: "side by side", false: "one after the other"}[tc.columns])
		}
		if l.Overrun {
			t.Errorf("%dpx: the page scrolls sideways", tc.width)
		}
	}
}
