// Package proc starts server processes for the performance report
// (internal/bench) and the load test (internal/loadtest), `accord serve`
// and nginx: it waits until one answers, keeps count of what it logs at
// WARN and ERROR, reads its memory from /proc and stops it.
package proc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is a server process started by Start.
type Server struct {
	URL  string // http://127.0.0.1:port
	Addr string // 127.0.0.1:port

	cmd    *exec.Cmd
	done   chan error // the process's exit, sent once it has ended
	output sync.WaitGroup

	mu    sync.Mutex
	lines []string // the first lines logged at WARN or ERROR
	errs  int
	warns int
}

// FreeAddr returns a loopback address no one listens on now.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Start runs name with args, its output (standard output and error) copied
// to log, which may be nil, and returns once GET ready at addr answers 200,
// with the time from exec to that answer. It fails if the process exits
// first or ctx ends; the process is then stopped.
func Start(ctx context.Context, addr, ready string, log io.Writer, name string, args ...string) (*Server, time.Duration, error) {
	if log == nil {
		log = io.Discard
	}
	pr, pw := io.Pipe()
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = pw, pw
	s := &Server{URL: "http://" + addr, Addr: addr, cmd: cmd, done: make(chan error, 1)}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	s.output.Add(1)
	go func() {
		defer s.output.Done()
		sc := bufio.NewScanner(pr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			s.record(sc.Text())
			fmt.Fprintln(log, sc.Text())
		}
		io.Copy(io.Discard, pr) // a line past the buffer: keep the process unblocked
	}()
	go func() {
		err := cmd.Wait()
		pw.Close()
		s.done <- err
	}()
	took, err := s.awaitReady(ctx, ready, start)
	if err != nil {
		s.Stop(10 * time.Second)
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	return s, took, nil
}

// awaitReady polls path until it answers 200, the process exits or ctx
// ends. It polls every millisecond: the report times starts with it.
func (s *Server) awaitReady(ctx context.Context, path string, start time.Time) (time.Duration, error) {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for {
		resp, err := client.Get(s.URL + path)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		select {
		case err := <-s.done:
			s.done <- err
			s.output.Wait()
			return 0, fmt.Errorf("exited before it was ready (%v)%s", err, s.logged())
		case <-ctx.Done():
			return 0, fmt.Errorf("not ready at %s%s: %w", path, s.logged(), ctx.Err())
		case <-time.After(time.Millisecond):
		}
	}
}

// record counts a line of slog's text format by its level and keeps the
// first few at WARN and ERROR.
func (s *Server) record(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case strings.Contains(line, "level=ERROR"):
		s.errs++
	case strings.Contains(line, "level=WARN"):
		s.warns++
	default:
		return
	}
	if len(s.lines) < 50 {
		s.lines = append(s.lines, line)
	}
}

func (s *Server) logged() string {
	if l := s.Log(); len(l) > 0 {
		return "; it logged:\n" + strings.Join(l, "\n")
	}
	return ""
}

// Log returns the first lines the server logged at WARN or ERROR.
func (s *Server) Log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

// LogCounts returns how many lines the server logged at ERROR and at WARN.
func (s *Server) LogCounts() (errs, warns int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs, s.warns
}

// PID is the process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop sends SIGTERM and waits for the process to exit (a server drains
// its requests first) within the given time; past it, the process is
// killed and Stop says so. A non-zero exit is an error.
func (s *Server) Stop(within time.Duration) error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case err := <-s.done:
		s.done <- err // Stop may be called again
		s.output.Wait()
		if err != nil {
			return fmt.Errorf("exit: %w", err)
		}
		return nil
	case <-time.After(within):
		s.cmd.Process.Kill()
		s.done <- <-s.done
		return fmt.Errorf("did not stop within %v of SIGTERM", within)
	}
}

// Memory returns the server's resident set size now and its peak, in
// bytes.
func (s *Server) Memory() (rss, peak int64, err error) { return Memory(s.PID()) }

// Memory reads VmRSS and VmHWM of process pid from /proc (Linux only).
func Memory(pid int) (rss, peak int64, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		f := strings.Fields(v) // "12345 kB"
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("/proc/%d/status: %s: %q", pid, k, v)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/%d/status: %s: %v", pid, k, err)
		}
		if k == "VmRSS" {
			rss = n << 10
		} else {
			peak = n << 10
		}
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("/proc/%d/status: no VmRSS", pid)
	}
	return rss, peak, nil
}
