//go:build browser

package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accord-archive/accord/internal/testenv"
)

func TestMain(m *testing.M) { Main(m) }

func TestNewRendersAPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>t</title><p id="x">rendered</p>`)
	}))
	defer srv.Close()
	testenv.Deadline(t, "the test server", 2*time.Minute, srv.CloseClientConnections)
	ctx := Step(t, New(t), 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#x")))
	if err != nil || got != "rendered" {
		t.Errorf("Text(#x) = %q, %v; want rendered", got, err)
	}
}
