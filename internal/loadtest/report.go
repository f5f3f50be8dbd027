package loadtest

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/wrk"
)

// Report is a whole load test: the mixed load, the slow clients, wrk's
// figure, and the server's memory and log.
type Report struct {
	Load       *LoadResult
	LoadConfig LoadConfig
	Slow       *SlowResult
	SlowConfig SlowConfig
	Wrk        *wrk.Result // nil when wrk was not run

	RSSBefore, RSSAfter, RSSPeak int64 // bytes; 0 when unknown
	ServerErrors, ServerWarnings int   // lines in the server's log
	ServerLog                    []string
	ShutdownErr                  error
}

// Problems lists what falls short of the expected outcome: no 5xx, no
// socket errors or timeouts, the slow clients connected throughout and cut
// off by the server's ReadHeaderTimeout, a clean shutdown.
func (r *Report) Problems() []string {
	var p []string
	if n := r.Load.ServerErrors(); n > 0 {
		p = append(p, fmt.Sprintf("%d answers were 5xx", n))
	}
	if n := r.Load.Failures(); n > 0 {
		p = append(p, fmt.Sprintf("%d requests got no answer: %s", n, counts(r.Load.Errors)))
	}
	if r.Load.Requests == 0 {
		p = append(p, "no request was answered")
	}
	if s := r.Slow; s != nil && r.SlowConfig.Clients > 0 {
		if s.CutEarly+s.CutLate+s.NeverCut > 0 {
			p = append(p, fmt.Sprintf("slow clients not cut off at ReadHeaderTimeout (%v): %d early, %d late, %d never", r.SlowConfig.HeaderTimeout, s.CutEarly, s.CutLate, s.NeverCut))
		}
		if s.CutOnTime == 0 && r.LoadConfig.Duration > r.SlowConfig.HeaderTimeout+2*r.SlowConfig.Interval {
			p = append(p, "no slow client was cut off")
		}
		if len(s.DialErrors) > 0 {
			p = append(p, "slow clients could not connect: "+counts(s.DialErrors))
		}
		if s.OpenMin < r.SlowConfig.Clients*95/100 {
			p = append(p, fmt.Sprintf("only %d of %d slow clients were connected at one point", s.OpenMin, r.SlowConfig.Clients))
		}
	}
	if w := r.Wrk; w != nil {
		if w.SocketErrors > 0 {
			p = append(p, "wrk socket errors: "+w.Socket)
		}
		if w.NonOK > 0 {
			p = append(p, fmt.Sprintf("wrk: %d answers not 2xx or 3xx", w.NonOK))
		}
	}
	if r.ShutdownErr != nil {
		p = append(p, "shutdown: "+r.ShutdownErr.Error())
	}
	return p
}

// Print writes the report for people.
func (r *Report) Print(w io.Writer) {
	l, lc := r.Load, r.LoadConfig
	m := lc.Mix
	fmt.Fprintf(w, "\nmixed load: %d connections for %v (documents %d : clauses %d : searches %d : other %d)\n",
		lc.Conns, lc.Duration, m.Documents, m.Clauses, m.Searches, m.Other)
	fmt.Fprintf(w, "  requests      %d in %v = %.0f req/s\n", l.Requests, l.Elapsed.Round(time.Millisecond), l.RPS())
	fmt.Fprintf(w, "  latency       p50 %v  p99 %v  max %v\n", ms(l.P50), ms(l.P99), ms(l.Max))
	var kinds []string
	for _, k := range slices.Sorted(maps.Keys(l.ByKindP99)) {
		kinds = append(kinds, k+" "+ms(l.ByKindP99[k]).String())
	}
	fmt.Fprintf(w, "  p99 by kind   %s\n", strings.Join(kinds, "  "))
	c := l.Classes()
	fmt.Fprintf(w, "  answers       2xx %d  3xx %d  4xx %d  5xx %d   (by code: %s)\n", c["2xx"], c["3xx"], c["4xx"], c["5xx"], codes(l.Status))
	fmt.Fprintf(w, "  errors        %s\n", counts(l.Errors))

	if s, sc := r.Slow, r.SlowConfig; s != nil && sc.Clients > 0 {
		fmt.Fprintf(w, "slow clients: %d, one header byte every %v; server ReadHeaderTimeout %v\n", sc.Clients, sc.Interval, sc.HeaderTimeout)
		fmt.Fprintf(w, "  connected     min %d  mean %.1f  max %d  of %d, sampled every 50ms throughout the load\n", s.OpenMin, s.OpenMean, s.OpenMax, sc.Clients)
		fmt.Fprintf(w, "  connections   %d opened; cut off by the server on time %d, early %d, late %d; never cut %d; answered before closing %d\n",
			s.Connections, s.CutOnTime, s.CutEarly, s.CutLate, s.NeverCut, s.Answered)
		fmt.Fprintf(w, "  cut off after min %v  p50 %v  max %v (from dialling)\n", s.CutAfterMin.Round(10*time.Millisecond), s.CutAfterP50.Round(10*time.Millisecond), s.CutAfterMax.Round(10*time.Millisecond))
		fmt.Fprintf(w, "  dial errors   %s\n", counts(s.DialErrors))
	}
	if x := r.Wrk; x != nil {
		fmt.Fprintf(w, "wrk: %s, %d threads, %d connections, %v\n", x.URL, x.Threads, x.Conns, x.Duration)
		fmt.Fprintf(w, "  requests      %d = %.0f req/s\n", x.Requests, x.RPS)
		socket := x.Socket
		if socket == "" {
			socket = "none"
		}
		fmt.Fprintf(w, "  latency       p50 %v  p99 %v\n", ms(x.P50), ms(x.P99))
		fmt.Fprintf(w, "  errors        socket %s; non-2xx/3xx %d\n", socket, x.NonOK)
	}
	if r.RSSBefore > 0 {
		fmt.Fprintf(w, "server memory (VmRSS): before %s  after %s  peak (VmHWM) %s\n", mb(r.RSSBefore), mb(r.RSSAfter), mb(r.RSSPeak))
	}
	fmt.Fprintf(w, "server log: %d lines at ERROR, %d at WARN\n", r.ServerErrors, r.ServerWarnings)
	for _, line := range r.ServerLog[:min(len(r.ServerLog), 10)] {
		fmt.Fprintf(w, "  %s\n", line)
	}
	if p := r.Problems(); len(p) > 0 {
		fmt.Fprintf(w, "\nFAIL\n")
		for _, s := range p {
			fmt.Fprintf(w, "  %s\n", s)
		}
		return
	}
	fmt.Fprintf(w, "\nPASS: zero 5xx, zero socket errors and timeouts; slow clients connected throughout and cut off by ReadHeaderTimeout\n")
}

func ms(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(10 * time.Microsecond)
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var s []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		s = append(s, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(s, ", ")
}

func codes(m map[int]int) string {
	var s []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		s = append(s, fmt.Sprintf("%d×%d", k, m[k]))
	}
	return strings.Join(s, " ")
}
