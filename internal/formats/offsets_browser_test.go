//go:build browser

package formats

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/browsertest"
)

// TestOffsetsInChromium slices each text in Chromium's JavaScript engine,
// as a script reading data.json does: text.slice(start_utf16, end_utf16).
// The byte offsets, sliced the same way, are wrong for some: the test
// would catch UTF-16 offsets that were bytes.
func TestOffsetsInChromium(t *testing.T) {
	cases, err := json.Marshal(offsetCases(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Step(t, browsertest.New(t), time.Minute)
	type result struct {
		Total        int `json:"total"`
		Wrong        int `json:"wrong"`
		WrongByBytes int `json:"wrongByBytes"`
	}
	js := `(cases => ({
		total: cases.length,
		wrong: cases.filter(c => c.text.slice(c.start_utf16, c.end_utf16) !== c.phrase).length,
		wrongByBytes: cases.filter(c => c.text.slice(c.start, c.end) !== c.phrase).length,
	}))(` + string(cases) + `)`
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[result](js))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || res.Wrong != 0 {
		t.Errorf("%d of %d spans wrong when sliced in JavaScript", res.Wrong, res.Total)
	}
	if res.WrongByBytes == 0 {
		t.Error("byte offsets slice right in JavaScript too: the cases test too little")
	}
}
