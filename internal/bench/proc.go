package bench

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
	"syscall"
	"time"
)

// Server is a server process the harness started.
type Server struct {
	cmd  *exec.Cmd
	URL  string // http://127.0.0.1:port
	done chan error
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

// Start runs name with args, its output going to log, and returns once
// ready answers 200 at addr, with the time from exec to that answer.
func Start(ctx context.Context, addr, ready string, log io.Writer, name string, args ...string) (*Server, time.Duration, error) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = log, log
	s := &Server{cmd: cmd, URL: "http://" + addr, done: make(chan error, 1)}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	go func() { s.done <- cmd.Wait() }()
	took, err := s.awaitReady(ctx, ready, start)
	if err != nil {
		s.Stop()
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	return s, took, nil
}

// awaitReady polls path until it answers 200, the process exits or ctx
// ends.
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
			return 0, fmt.Errorf("exited before it was ready: %v", err)
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}

// PID is the process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop ends the process (SIGTERM, then SIGKILL after 10 s) and waits.
func (s *Server) Stop() error {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil // ended by the signal
		}
		return err
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		return <-s.done
	}
}

// RSS returns the resident set of process pid, in bytes (VmRSS).
func RSS(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}
