package loadtest

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/synth"
)

// StormQueries are costly searches: alternatives of phrases made of the
// commonest words of a diplomatic text. The first, some 500 bytes of them,
// is over any sensible limit; the others are costly but fair.
func StormQueries() []string {
	return []string{
		`"for the benefit of both peoples" OR "on the basis of mutual respect" OR "through regular consultations" OR ` +
			`"highlighted the role of the" OR "emphasized the importance of" OR "within existing frameworks" OR ` +
			`"with the support of the private sector" OR "committed to strengthening" OR "reaffirmed their commitment to" OR ` +
			`"welcomed the progress achieved in" OR "in line with international law" OR "underlined the need to" OR ` +
			`"the Ministers of Foreign Affairs" OR "in the coming years" OR "the two countries"`,
		`"the two countries" OR "in the coming years" OR "committed to strengthening" OR "underlined the need to"`,
		`"the parties" OR "the ministers" OR "the presidents"`,
	}
}

// StormConfig is an attack of costly searches, sent by Attackers clients
// one after another to /api/v1/search and /search in turn, beside a few
// clients that measure cheap requests (Probes: a one-word search, a
// clause page) as a person would see them.
type StormConfig struct {
	Base      string
	Attackers int
	Queries   []string          // the attack's searches, in turn
	Probes    map[string]string // name -> path
	Duration  time.Duration
	Timeout   time.Duration // per request (default 10s)
	Target    time.Duration // the probes' p99 must stay under this
}

// StormResult is what a storm saw.
type StormResult struct {
	Attack       map[int]int    // the attack's answers by status
	NoRetryAfter int            // 503s without Retry-After
	AttackErrors map[string]int // the attack's requests that got no answer
	Probes       map[string]*ProbeResult
	Quiet        map[string]*ProbeResult // the probes alone, before the attack: the machine's own noise
}

// ProbeResult is what one kind of cheap request saw.
type ProbeResult struct {
	Path          string
	Requests      int
	P50, P99, Max time.Duration
	Status        map[int]int
	Errors        map[string]int
}

// Storm runs the probes alone for a while (at most 5 s), then cfg.
func Storm(ctx context.Context, cfg StormConfig) *StormResult {
	quiet := cfg
	quiet.Attackers, quiet.Duration = 0, min(cfg.Duration, 5*time.Second)
	q := storm(ctx, quiet)
	res := storm(ctx, cfg)
	res.Quiet = q.Probes
	return res
}

func storm(ctx context.Context, cfg StormConfig) *StormResult {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	res := &StormResult{Attack: map[int]int{}, AttackErrors: map[string]int{}, Probes: map[string]*ProbeResult{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range cfg.Attackers {
		wg.Go(func() {
			client := stormClient(cfg.Timeout)
			for n := i; ctx.Err() == nil; n++ {
				path := "/api/v1/search"
				if n%2 == 1 {
					path = "/search"
				}
				u := cfg.Base + path + "?" + url.Values{"q": {cfg.Queries[n%len(cfg.Queries)]}}.Encode()
				code, retry, err := getRetry(client, u)
				mu.Lock()
				if err != nil {
					res.AttackErrors[ErrorKind(err)]++
				} else {
					res.Attack[code]++
					if code == http.StatusServiceUnavailable && retry == "" {
						res.NoRetryAfter++
					}
				}
				mu.Unlock()
			}
		})
	}
	// Two clients a probe, each one request after another.
	for _, name := range slices.Sorted(maps.Keys(cfg.Probes)) {
		path := cfg.Probes[name]
		pr := &ProbeResult{Path: path, Status: map[int]int{}, Errors: map[string]int{}}
		res.Probes[name] = pr
		var ds []time.Duration
		for range 2 {
			wg.Go(func() {
				client := stormClient(cfg.Timeout)
				for ctx.Err() == nil {
					t0 := time.Now()
					code, _, err := getRetry(client, cfg.Base+path)
					d := time.Since(t0)
					mu.Lock()
					if err != nil {
						pr.Errors[ErrorKind(err)]++
					} else {
						pr.Status[code]++
						ds = append(ds, d)
					}
					mu.Unlock()
				}
			})
		}
		defer func() {
			pr.Requests = len(ds)
			pr.P50, pr.P99, pr.Max = quantile(ds, 0.5), quantile(ds, 0.99), quantile(ds, 1)
		}()
	}
	wg.Wait()
	return res
}

func stormClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1, DisableCompression: true}}
}

// getRetry is get with the answer's Retry-After.
func getRetry(client *http.Client, u string) (int, string, error) {
	res, err := client.Get(u)
	if err != nil {
		return 0, "", err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil {
		return 0, "", err
	}
	return res.StatusCode, res.Header.Get("Retry-After"), nil
}

// Problems lists what falls short: an attack answered other than 200,
// 400 (refused, with its reason) or 503 with Retry-After; a probe answered
// other than 200, or slower than the target at p99; a request unanswered.
func (r *StormResult) Problems(target time.Duration) []string {
	var p []string
	for code, n := range r.Attack {
		if code >= 500 && code != http.StatusServiceUnavailable {
			p = append(p, fmt.Sprintf("the attack got %d answers %d", n, code))
		}
	}
	if r.NoRetryAfter > 0 {
		p = append(p, fmt.Sprintf("the attack got %d answers 503 without Retry-After", r.NoRetryAfter))
	}
	if len(r.AttackErrors) > 0 {
		p = append(p, "the attack's requests got no answer: "+counts(r.AttackErrors))
	}
	for _, name := range slices.Sorted(maps.Keys(r.Probes)) {
		pr := r.Probes[name]
		if bad := pr.Requests - pr.Status[http.StatusOK]; bad > 0 {
			p = append(p, fmt.Sprintf("%s: %d answers not 200 (%s)", name, bad, codes(pr.Status)))
		}
		if len(pr.Errors) > 0 {
			p = append(p, fmt.Sprintf("%s: no answer: %s", name, counts(pr.Errors)))
		}
		if target > 0 && pr.P99 > target {
			p = append(p, fmt.Sprintf("%s: p99 %v over %v", name, ms(pr.P99), target))
		}
	}
	return p
}

// Print writes the storm's figures for people.
func (r *StormResult) Print(w io.Writer, cfg StormConfig) {
	fmt.Fprintf(w, "\nstorm: %d clients sending costly searches to /api/v1/search and /search for %v\n", cfg.Attackers, cfg.Duration)
	c := map[string]int{}
	for code, n := range r.Attack {
		c[fmt.Sprintf("%dxx", code/100)] += n
	}
	fmt.Fprintf(w, "  attack        2xx %d  4xx %d  5xx %d   (by code: %s); no answer: %s\n", c["2xx"], c["4xx"], c["5xx"], codes(r.Attack), counts(r.AttackErrors))
	for _, name := range slices.Sorted(maps.Keys(r.Probes)) {
		pr := r.Probes[name]
		fmt.Fprintf(w, "  %-13s %d requests  p50 %v  p99 %v  max %v   (by code: %s)  %s\n", name, pr.Requests, ms(pr.P50), ms(pr.P99), ms(pr.Max), codes(pr.Status), pr.Path)
		if q := r.Quiet[name]; q != nil {
			fmt.Fprintf(w, "  %-13s %d requests  p50 %v  p99 %v  max %v   alone, before the attack\n", "", q.Requests, ms(q.P50), ms(q.P99), ms(q.Max))
		}
	}
	if p := r.Problems(cfg.Target); len(p) > 0 {
		fmt.Fprintf(w, "\nstorm FAIL\n")
		for _, s := range p {
			fmt.Fprintf(w, "  %s\n", s)
		}
		return
	}
	fmt.Fprintf(w, "\nstorm PASS: no 5xx but 503 with Retry-After; cheap requests answered 200 with p99 under %v\n", cfg.Target)
}

// stormProbeQuery is the probes' one-word search.
const stormProbeQuery = "cooperation"

// StormProbes are the cheap requests a storm measures: a one-word search,
// on the page and in the API, and the clause page at clause.
func StormProbes(clause string) map[string]string {
	q := url.Values{"q": {stormProbeQuery}}.Encode()
	return map[string]string{
		"search page": "/search?" + q,
		"search API":  "/api/v1/search?" + q,
		"clause page": clause,
	}
}

// Warm requests each probe once, so that the storm measures pages as they
// are served, not their first rendering.
func Warm(ctx context.Context, base string, probes map[string]string) error {
	client := stormClient(time.Minute)
	for _, p := range probes {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+p, nil)
		if err != nil {
			return err
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %s", p, res.Status)
		}
	}
	return nil
}

// StormCorpus makes sure dir holds the synthetic content tree of docs
// documents of clausesPerDoc clauses each, with the repository's
// vocabularies, writing it unless a previous run did; it returns the
// address of one of its clause pages.
func StormCorpus(dir string, docs, clausesPerDoc int) (string, error) {
	generated := synth.Generate(1, docs, clausesPerDoc)
	clause := generated[0].Clauses[len(generated[0].Clauses)/2].Path()
	if _, err := os.Stat(filepath.Join(dir, "vocabulary")); err == nil {
		return clause, nil
	}
	vocab, err := fs.Sub(accord.Files, "content")
	if err != nil {
		return "", err
	}
	for _, tree := range []fs.FS{synth.Files(generated), vocab} {
		err := fs.WalkDir(tree, ".", func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() || (tree == vocab && !strings.HasPrefix(p, "vocabulary/")) {
				return err
			}
			b, err := fs.ReadFile(tree, p)
			if err != nil {
				return err
			}
			name := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			return os.WriteFile(name, b, 0o644)
		})
		if err != nil {
			return "", fmt.Errorf("write the storm's corpus: %w", err)
		}
	}
	return clause, nil
}
