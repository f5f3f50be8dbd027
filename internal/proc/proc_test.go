package proc

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain makes the test binary its own server when asked: it listens on
// $PROC_TEST_ADDR, logs a WARN and an ERROR line as slog does, and exits 0
// on SIGTERM; with PROC_TEST_FAIL it exits 3 at once.
func TestMain(m *testing.M) {
	addr := os.Getenv("PROC_TEST_ADDR")
	if addr == "" {
		os.Exit(m.Run())
	}
	if os.Getenv("PROC_TEST_FAIL") != "" {
		fmt.Fprintln(os.Stderr, "time=x level=ERROR msg=\"cannot start\"")
		os.Exit(3)
	}
	fmt.Fprintln(os.Stderr, "time=x level=WARN msg=careful")
	fmt.Fprintln(os.Stderr, "time=x level=ERROR msg=bad")
	fmt.Println("time=x level=INFO msg=serving")
	srv := &http.Server{Addr: addr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	})}
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() { <-term; srv.Shutdown(context.Background()) }()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		os.Exit(1)
	}
	os.Exit(0)
}

func start(t *testing.T, env ...string) (*Server, error) {
	t.Helper()
	addr, err := FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range append([]string{"PROC_TEST_ADDR=" + addr}, env...) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var log logWriter
	s, took, err := Start(ctx, addr, "/ready", &log, os.Args[0], "-test.run=^$")
	if err == nil && (took <= 0 || !strings.Contains(log.String(), "msg=serving")) {
		t.Errorf("Start took %v, copied %q; want a time and the output", took, log.String())
	}
	return s, err
}

// logWriter is written by Start's output copier while the test reads it.
type logWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *logWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func TestStartAndStop(t *testing.T) {
	s, err := start(t)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if rss, peak, err := s.Memory(); err != nil || rss <= 0 || peak < rss {
		t.Errorf("Memory = %d, %d, %v; want the resident set and its peak", rss, peak, err)
	}
	if err := s.Stop(10 * time.Second); err != nil {
		t.Errorf("Stop = %v; want a clean exit", err)
	}
	if errs, warns := s.LogCounts(); errs != 1 || warns != 1 || len(s.Log()) != 2 {
		t.Errorf("LogCounts = %d, %d, Log = %q; want one of each", errs, warns, s.Log())
	}
}

func TestStartExitsEarly(t *testing.T) {
	_, err := start(t, "PROC_TEST_FAIL=1")
	if err == nil || !strings.Contains(err.Error(), "exited before it was ready") || !strings.Contains(err.Error(), "cannot start") {
		t.Errorf("Start of a process that exits = %v; want it to say so, with what it logged", err)
	}
}
