package loadtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/testenv"
)

// TestLoadAndSlowClients runs a short load and a small crowd of slow
// clients against a real server with a short ReadHeaderTimeout.
func TestLoadAndSlowClients(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<urlset><url><loc>http://x/</loc></url><url><loc>http://x/documents/d</loc></url><url><loc>http://x/documents/d/clauses/1</loc></url></urlset>`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/documents/no-such-document" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "ok")
	})
	ts := httptest.NewUnstartedServer(mux)
	ts.Config.ReadHeaderTimeout = 300 * time.Millisecond
	ts.Start()
	defer ts.Close()
	testenv.Deadline(t, "the test server", 2*time.Minute, ts.CloseClientConnections)

	ctx := context.Background()
	targets, err := Discover(ctx, ts.Client(), ts.URL, []string{"transport"})
	if err != nil {
		t.Fatal(err)
	}
	if len(targets.Documents) != 1 || len(targets.Clauses) != 1 || len(targets.Searches) != 1 {
		t.Fatalf("Discover = %+v; want one document, clause and search", targets)
	}

	slowCfg := SlowConfig{Addr: ts.Listener.Addr().String(), Clients: 5, Interval: 100 * time.Millisecond, HeaderTimeout: 300 * time.Millisecond}
	crowd := StartSlow(ctx, slowCfg)
	sampleCtx, stopSampling := context.WithCancel(ctx)
	crowd.Sample(sampleCtx)
	cfg := LoadConfig{Base: ts.URL, Targets: targets, Conns: 4, Duration: time.Second}
	res := Load(ctx, cfg)
	stopSampling()
	slow := crowd.Stop()

	rep := &Report{Load: res, LoadConfig: cfg, Slow: slow, SlowConfig: slowCfg}
	var out strings.Builder
	rep.Print(&out)
	if res.Requests == 0 || res.Status[200] == 0 || res.ServerErrors() != 0 || res.Failures() != 0 {
		t.Errorf("Load = %d requests, %v, errors %v; want 200s and no failures", res.Requests, res.Status, res.Errors)
	}
	if slow.CutOnTime == 0 || slow.CutEarly != 0 {
		t.Errorf("slow clients cut on time %d, early %d; want some on time, none early\n%s", slow.CutOnTime, slow.CutEarly, out.String())
	}
	if !strings.Contains(out.String(), "req/s") || !strings.Contains(out.String(), "p99") {
		t.Errorf("report lacks the figures:\n%s", out.String())
	}
}

func TestErrorKind(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), "socket: connection reset"},
		{"refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), "socket: connection refused"},
		{"closed", fmt.Errorf("get: %w", io.ErrUnexpectedEOF), "socket: closed mid-request"},
		{"deadline", context.DeadlineExceeded, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorKind(tt.err); got != tt.want {
				t.Errorf("ErrorKind(%v) = %q; want %q", tt.err, got, tt.want)
			}
		})
	}
}
