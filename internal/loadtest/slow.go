package loadtest

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// SlowConfig is a crowd of slow clients (slow loris): each opens a
// connection, starts a request and sends one more header byte every
// Interval, never finishing; when the server cuts it off it connects again
// at once, so that Clients connections are open throughout.
type SlowConfig struct {
	Addr     string        // host:port
	Clients  int           // connections kept open
	Interval time.Duration // between header bytes
	// HeaderTimeout is the server's ReadHeaderTimeout: a connection cut
	// off between it and HeaderTimeout plus two intervals was cut off by
	// it; one still open after three times it was never cut off.
	HeaderTimeout time.Duration
}

// SlowResult is what the slow clients saw.
type SlowResult struct {
	Connections int // opened in all
	CutOnTime   int // closed by the server within the expected window
	CutEarly    int // closed by the server before HeaderTimeout
	CutLate     int // closed by the server, but later than expected
	NeverCut    int // gave up after three HeaderTimeouts still connected
	Answered    int // the server answered (e.g. 408) before closing
	DialErrors  map[string]int

	OpenMin  int     // fewest connections open at once while sampling
	OpenMean float64 // connections open on average while sampling
	OpenMax  int     // most connections open at once

	// How long connections lasted before the server cut them off.
	CutAfterMin, CutAfterP50, CutAfterMax time.Duration

	cutAfter             []time.Duration
	openSum, openSamples int64
	open                 atomic.Int64
	mu                   sync.Mutex
}

// Slow is a running crowd of slow clients.
type Slow struct {
	cfg    SlowConfig
	res    *SlowResult
	cancel context.CancelFunc
	wg     sync.WaitGroup
	sample sync.WaitGroup
}

// StartSlow connects the slow clients and keeps them connected until Stop.
func StartSlow(ctx context.Context, cfg SlowConfig) *Slow {
	if cfg.Interval <= 0 {
		cfg.Interval = time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Slow{cfg: cfg, cancel: cancel, res: &SlowResult{DialErrors: map[string]int{}, OpenMin: -1}}
	for i := range cfg.Clients {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			// Spread the first connections over one HeaderTimeout, so that
			// the cuts, and the reconnections, are spread too.
			select {
			case <-ctx.Done():
			case <-time.After(cfg.HeaderTimeout * time.Duration(i) / time.Duration(cfg.Clients)):
			}
			for ctx.Err() == nil {
				s.one(ctx)
			}
		}()
	}
	return s
}

// Open is the number of slow connections open now.
func (s *Slow) Open() int { return int(s.res.open.Load()) }

// Sample records the fewest and most connections open from now until the
// context ends or Stop; call it once the crowd has connected.
func (s *Slow) Sample(ctx context.Context) {
	s.sample.Add(1)
	go func() {
		defer s.sample.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			n := s.Open()
			s.res.mu.Lock()
			if s.res.OpenMin < 0 || n < s.res.OpenMin {
				s.res.OpenMin = n
			}
			s.res.OpenMax = max(s.res.OpenMax, n)
			s.res.openSum += int64(n)
			s.res.openSamples++
			s.res.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop closes the slow connections and returns what they saw.
func (s *Slow) Stop() *SlowResult {
	s.cancel()
	s.wg.Wait()
	s.sample.Wait()
	r := s.res
	r.CutAfterMin = quantile(r.cutAfter, 0)
	r.CutAfterP50, r.CutAfterMax = quantile(r.cutAfter, 0.5), quantile(r.cutAfter, 1)
	if r.openSamples > 0 {
		r.OpenMean = float64(r.openSum) / float64(r.openSamples)
	}
	return r
}

// one opens a connection and trickles a request's headers into it until
// the server closes it, the client gives up, or ctx ends.
func (s *Slow) one(ctx context.Context) {
	// From before the dial: the server's clock starts when it accepts, so
	// a cut measured from here is never shorter than its timeout.
	start := time.Now()
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		if ctx.Err() == nil {
			s.res.mu.Lock()
			s.res.DialErrors[ErrorKind(err)]++
			s.res.mu.Unlock()
			// Do not spin on a server that refuses: wait an interval.
			select {
			case <-ctx.Done():
			case <-time.After(s.cfg.Interval):
			}
		}
		return
	}
	defer conn.Close()
	s.res.open.Add(1)
	defer s.res.open.Add(-1)
	s.res.mu.Lock()
	s.res.Connections++
	s.res.mu.Unlock()
	// The context's end closes the connection, ending any read.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	giveUp := 3 * s.cfg.HeaderTimeout
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: loadtest\r\nX-Slow: "); err != nil {
		s.cut(ctx, start, false)
		return
	}
	buf := make([]byte, 512)
	for ctx.Err() == nil {
		if time.Since(start) > giveUp {
			s.res.mu.Lock()
			s.res.NeverCut++
			s.res.mu.Unlock()
			return
		}
		// Wait one interval for the server to answer or close.
		conn.SetReadDeadline(time.Now().Add(s.cfg.Interval))
		n, err := conn.Read(buf)
		if n > 0 {
			s.cut(ctx, start, true)
			return
		}
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			s.cut(ctx, start, false)
			return
		}
		if _, err := conn.Write([]byte{'a'}); err != nil {
			s.cut(ctx, start, false)
			return
		}
	}
}

// cut records that the server closed a slow connection.
func (s *Slow) cut(ctx context.Context, start time.Time, answered bool) {
	if ctx.Err() != nil {
		return // closed by Stop, not by the server
	}
	after := time.Since(start)
	s.res.mu.Lock()
	defer s.res.mu.Unlock()
	s.res.cutAfter = append(s.res.cutAfter, after)
	if answered {
		s.res.Answered++
	}
	switch {
	case after < s.cfg.HeaderTimeout:
		s.res.CutEarly++
	case after <= s.cfg.HeaderTimeout+2*s.cfg.Interval:
		s.res.CutOnTime++
	default:
		s.res.CutLate++
	}
}
