// Package loadtest drives a running Accord server the way the public
// internet will: a mixed GET load of document, clause and search pages
// over many keep-alive connections, and slow clients that open connections
// and trickle their headers a byte at a time. It reports throughput,
// latency, errors by kind, and whether the server cut the slow clients off
// when its ReadHeaderTimeout said it would.
package loadtest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Mix is the share of each kind of page in the load, in parts.
type Mix struct{ Documents, Clauses, Searches, Other int }

// DefaultMix leans on clause pages, the addresses people cite.
func DefaultMix() Mix { return Mix{Documents: 3, Clauses: 4, Searches: 3, Other: 1} }

// DefaultQueries are searches of the kinds analysts run.
func DefaultQueries() []string {
	return []string{
		"transport", "cooperation", `"artificial intelligence"`, "trade -energy", "Ukraine party:EE",
		"emphasize", "digital", "climate OR energy", "commitments", "Trans-Caspian", "zebra",
	}
}

// Targets are the addresses the load requests, by kind.
type Targets struct {
	Documents, Clauses, Searches, Other []string
}

// Discover reads the server's sitemap for its document and clause pages
// and adds searches for queries.
func Discover(ctx context.Context, client *http.Client, base string, queries []string) (Targets, error) {
	var t Targets
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sitemap.xml", nil)
	if err != nil {
		return t, err
	}
	res, err := client.Do(req)
	if err != nil {
		return t, fmt.Errorf("sitemap: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return t, fmt.Errorf("sitemap: %s", res.Status)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.NewDecoder(res.Body).Decode(&sm); err != nil {
		return t, fmt.Errorf("sitemap: %w", err)
	}
	for _, u := range sm.URLs {
		loc, err := url.Parse(u.Loc)
		if err != nil {
			continue
		}
		switch p := loc.EscapedPath(); {
		case strings.Contains(p, "/clauses/"):
			t.Clauses = append(t.Clauses, p)
		case strings.HasPrefix(p, "/documents/"):
			t.Documents = append(t.Documents, p)
		default:
			t.Other = append(t.Other, p)
		}
	}
	if len(t.Documents) == 0 || len(t.Clauses) == 0 {
		return t, errors.New("sitemap: no document or clause pages")
	}
	for _, q := range queries {
		t.Searches = append(t.Searches, "/search?"+url.Values{"q": {q}}.Encode())
	}
	t.Other = append(t.Other, "/documents", "/search", "/static/does-not-exist.css", "/documents/no-such-document")
	return t, nil
}

// pick returns a target of the mix at random.
func (t Targets) pick(r *rand.Rand, m Mix) string {
	lists := []struct {
		n    int
		list []string
	}{{m.Documents, t.Documents}, {m.Clauses, t.Clauses}, {m.Searches, t.Searches}, {m.Other, t.Other}}
	total := 0
	for _, l := range lists {
		if len(l.list) > 0 {
			total += l.n
		}
	}
	k := r.IntN(max(total, 1))
	for _, l := range lists {
		if len(l.list) == 0 {
			continue
		}
		if k < l.n {
			return l.list[r.IntN(len(l.list))]
		}
		k -= l.n
	}
	return "/"
}

// LoadConfig is a bounded mixed load.
type LoadConfig struct {
	Base     string        // http://host:port
	Targets  Targets       // from Discover
	Mix      Mix           // zero: DefaultMix()
	Conns    int           // concurrent keep-alive connections
	Duration time.Duration // how long to send
	Timeout  time.Duration // per request (default 10s)
}

// LoadResult is what a load saw.
type LoadResult struct {
	Requests  int
	Elapsed   time.Duration
	P50, P99  time.Duration
	Max       time.Duration
	Status    map[int]int    // answers by status code
	Errors    map[string]int // failures by kind: "timeout", "socket: …", "other: …"
	ByKindP99 map[string]time.Duration
}

// RPS is requests answered per second.
func (r *LoadResult) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Classes counts answers by status class, "2xx" … "5xx".
func (r *LoadResult) Classes() map[string]int {
	c := map[string]int{}
	for code, n := range r.Status {
		c[fmt.Sprintf("%dxx", code/100)] += n
	}
	return c
}

// ServerErrors is the number of 5xx answers.
func (r *LoadResult) ServerErrors() int { return r.Classes()["5xx"] }

// Failures is the number of requests that got no answer.
func (r *LoadResult) Failures() int {
	n := 0
	for _, v := range r.Errors {
		n += v
	}
	return n
}

type sample struct {
	kind string
	d    time.Duration
}

// Load runs cfg.Conns clients, each on its own keep-alive connection,
// requesting targets of the mix one after another for cfg.Duration.
func Load(ctx context.Context, cfg LoadConfig) *LoadResult {
	if cfg.Mix == (Mix{}) {
		cfg.Mix = DefaultMix()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	res := &LoadResult{Status: map[int]int{}, Errors: map[string]int{}, ByKindP99: map[string]time.Duration{}}
	var mu sync.Mutex
	var samples []sample
	var wg sync.WaitGroup
	start := time.Now()
	for i := range cfg.Conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tr := &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1, DisableCompression: true}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: cfg.Timeout,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			r := rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano())))
			var mine []sample
			status := map[int]int{}
			errs := map[string]int{}
			for ctx.Err() == nil {
				target := cfg.Targets.pick(r, cfg.Mix)
				t0 := time.Now()
				code, err := get(client, cfg.Base+target)
				d := time.Since(t0)
				if err != nil {
					errs[ErrorKind(err)]++
					continue
				}
				status[code]++
				mine = append(mine, sample{kindOf(target), d})
			}
			mu.Lock()
			defer mu.Unlock()
			samples = append(samples, mine...)
			for k, v := range status {
				res.Status[k] += v
			}
			for k, v := range errs {
				res.Errors[k] += v
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(samples)
	all := make([]time.Duration, len(samples))
	byKind := map[string][]time.Duration{}
	for i, s := range samples {
		all[i] = s.d
		byKind[s.kind] = append(byKind[s.kind], s.d)
	}
	res.P50, res.P99, res.Max = quantile(all, 0.50), quantile(all, 0.99), quantile(all, 1)
	for k, ds := range byKind {
		res.ByKindP99[k] = quantile(ds, 0.99)
	}
	return res
}

// get requests url without the run's context, so that the end of the run
// does not count as a failure of requests already sent.
func get(client *http.Client, url string) (int, error) {
	res, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

func kindOf(target string) string {
	switch {
	case strings.HasPrefix(target, "/search?"):
		return "search"
	case strings.Contains(target, "/clauses/"):
		return "clause"
	case strings.HasPrefix(target, "/documents/"):
		return "document"
	}
	return "other"
}

// quantile returns the q-quantile of ds (which it sorts), 0 for none.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(q*float64(len(ds))+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

// ErrorKind names what went wrong with a request that got no answer:
// "timeout", "socket: <what>" for errors of the connection, or
// "other: <type>".
func ErrorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "socket: connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "socket: connection reset"
	case errors.Is(err, syscall.EPIPE):
		return "socket: broken pipe"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "socket: no free local port"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "socket: too many open files"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "socket: closed mid-request"
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return "socket: " + oe.Op
	}
	return fmt.Sprintf("other: %T", errors.Unwrap(err))
}
