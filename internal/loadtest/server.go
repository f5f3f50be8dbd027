package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is an `accord serve` process started for a load test.
type Server struct {
	Base string // http://127.0.0.1:port
	Addr string // 127.0.0.1:port

	cmd  *exec.Cmd
	done chan error
	mu   sync.Mutex
	log  []string // the lines at WARN and ERROR, and the last few of any level
	errs int
	warn int
}

// StartServer runs bin with `serve --addr 127.0.0.1:0` and args, and waits
// until it logs the address it listens on.
func StartServer(ctx context.Context, bin string, args ...string) (*Server, error) {
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{cmd: cmd, done: make(chan error, 1)}
	urls := make(chan string, 1)
	go func() {
		urlRE := regexp.MustCompile(`msg=serving .*url=http://(\S+)`)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := urlRE.FindStringSubmatch(line); m != nil {
				urls <- m[1]
			}
			s.record(line)
		}
		close(urls)
		s.done <- cmd.Wait()
	}()
	select {
	case addr, ok := <-urls:
		if !ok {
			return nil, fmt.Errorf("%s exited before serving: %v\n%s", bin, <-s.done, strings.Join(s.Log(), "\n"))
		}
		s.Addr, s.Base = addr, "http://"+addr
		return s, nil
	case <-ctx.Done():
		cmd.Process.Kill()
		return nil, ctx.Err()
	}
}

func (s *Server) record(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case strings.Contains(line, "level=ERROR"):
		s.errs++
	case strings.Contains(line, "level=WARN"):
		s.warn++
	default:
		return
	}
	if len(s.log) < 50 {
		s.log = append(s.log, line)
	}
}

// Log returns the first lines the server logged at WARN or ERROR.
func (s *Server) Log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// LogCounts returns how many lines the server logged at ERROR and WARN.
func (s *Server) LogCounts() (errs, warns int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs, s.warn
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// WaitReady polls /readyz until it answers 200 or ctx ends.
func (s *Server) WaitReady(ctx context.Context) error {
	client := &http.Client{Timeout: time.Second}
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		res, err := client.Get(s.Base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("/readyz: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// Memory returns the server's resident set size now and its peak, in
// bytes, from /proc (Linux only).
func (s *Server) Memory() (rss, peak int64, err error) {
	return ProcMemory(s.Pid())
}

// ProcMemory reads VmRSS and VmHWM of process pid from /proc.
func ProcMemory(pid int) (rss, peak int64, err error) {
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

// Stop sends SIGTERM and waits for a clean exit (drain included) within
// the deadline; past it, the server is killed and Stop says so.
func (s *Server) Stop(within time.Duration) error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Errorf("server exit: %w", err)
		}
		return nil
	case <-time.After(within):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("server did not stop within %v of SIGTERM", within)
	}
}
