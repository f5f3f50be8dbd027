package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/middleware"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/snapshot"
	"github.com/accord-archive/accord/internal/web"
)

// serveConfig is what `accord serve` is told on its command line.
type serveConfig struct {
	addr, contentDir, indexDir, baseURL string
	trustedProxy, pprofAddr             string
	cpuProfile                          string
	hsts, dev, watch                    bool
}

const (
	writeTimeout = 30 * time.Second
	drainTimeout = 10 * time.Second
)

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen on `host:port`")
	fs.StringVar(&cfg.contentDir, "content", "", "serve the content tree in `DIR` instead of the embedded one")
	fs.StringVar(&cfg.indexDir, "index", "", "keep the search index in `DIR`, and the loaded archive in DIR.archive beside it, reused while the content is unchanged (default: in memory)")
	fs.StringVar(&cfg.baseURL, "base-url", "", "public `URL` of the site, for absolute links (default: http://ADDR)")
	fs.StringVar(&cfg.trustedProxy, "trusted-proxy", "", "take client addresses from X-Forwarded-For only when the peer is in these comma-separated `CIDRs`")
	fs.BoolVar(&cfg.hsts, "hsts", false, "send Strict-Transport-Security (only behind HTTPS)")
	fs.BoolVar(&cfg.watch, "watch", false, "reload when the --content directory changes (SIGHUP always reloads)")
	fs.BoolVar(&cfg.dev, "dev", false, "read templates and static files from the working directory")
	fs.StringVar(&cfg.pprofAddr, "pprof", "", "serve Go's profiles (net/http/pprof) on `host:port`, a separate listener to keep private")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write a CPU profile of start-up, from exec until ready, to `FILE` (go tool pprof FILE)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", rest[0])}
	}
	stopProfile, err := startProfile(cfg.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if cfg.watch && cfg.contentDir == "" {
		return usageError{errors.New("--watch needs --content DIR: the embedded content never changes")}
	}
	proxies, err := middleware.ParseTrustedProxies(cfg.trustedProxy)
	if err != nil {
		return usageError{fmt.Errorf("--trusted-proxy: %w", err)}
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	start := time.Now()

	// Listen first: /healthz answers and /readyz says "starting" while the
	// archive loads.
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if cfg.baseURL == "" {
		cfg.baseURL = "http://" + ln.Addr().String()
	}
	if cfg.pprofAddr != "" {
		if err := servePprof(cfg.pprofAddr, log); err != nil {
			return err
		}
	}
	live := &web.Live{}
	hs := &http.Server{
		// The site sets the security headers itself; this covers what Live
		// answers on its own: /healthz, /readyz and "starting".
		Handler:           middleware.SecurityHeaders(cfg.hsts)(live),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()

	// Listen for SIGHUP and watch from before the first load, so that a
	// signal or a change while it loads is neither fatal nor missed: it
	// makes a reload as soon as the site is up.
	reload := make(chan string, 1)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			trySend(reload, "SIGHUP")
		}
	}()
	if cfg.watch {
		wctx, stopWatch := context.WithCancel(ctx)
		defer stopWatch()
		watch(wctx, cfg.contentDir, time.Second, func() { trySend(reload, "content changed") }, log)
	}
	// Without --index, the search index is built in memory after the
	// site is ready: searches answer 503 until it is (README: Run it).
	opts := siteOptions{proxies: proxies, hsts: cfg.hsts, searchLater: cfg.indexDir == ""}
	if cfg.indexDir != "" {
		// Hash the executable while the content is read.
		opts.program = sync.OnceValues(programID)
		go opts.program()
	}
	site, err := loadSite(ctx, cfg, log, opts)
	if err != nil {
		hs.Close()
		if ctx.Err() != nil {
			log.Info("stopped before the archive was loaded")
			return nil
		}
		return err
	}
	live.Swap(site.server)
	listed := site.index.prepare()
	stopProfile()
	// Loading leaves much garbage behind: return it to the system now
	// rather than carry it as resident memory until the heap grows back.
	debug.FreeOSMemory()
	afterListing(ctx, site, listed, log)
	gcPercent := boundGCHeadroom()
	s := site.archive.Stats()
	log.Info("serving", "url", "http://"+ln.Addr().String(), "documents", s.Documents, "clauses", s.Clauses, "startup", time.Since(start).Round(time.Millisecond), "gc_percent", gcPercent)

	for {
		select {
		case err := <-errc:
			site.Close()
			return err
		case why := <-reload:
			site = reloadSite(ctx, cfg, log, opts, live, site, why)
			continue
		case <-ctx.Done():
		}
		break
	}
	log.Info("shutting down: draining requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	site.Close()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

func trySend(c chan string, why string) {
	select {
	case c <- why:
	default: // a reload is already pending
	}
}

// reloadSite loads the content again beside the live site and swaps it in;
// on failure it keeps the live site and logs every problem. The old index
// is closed once no request can still be using it.
func reloadSite(ctx context.Context, cfg serveConfig, log *slog.Logger, opts siteOptions, live *web.Live, old *site, why string) *site {
	start := time.Now()
	next, err := loadSite(ctx, cfg, log, opts)
	if err != nil && ctx.Err() != nil {
		log.Info("reload abandoned: shutting down", "why", why)
		return old
	}
	if err == nil {
		// The live site searches until the new one can.
		if _, ierr := next.index.wait(); ierr != nil {
			next.Close()
			err = fmt.Errorf("search index: %w", ierr)
		}
	}
	if err != nil {
		log.Error("reload failed: still serving the last good archive", "why", why)
		for line := range strings.SplitSeq(err.Error(), "\n") {
			log.Error("reload: " + line)
		}
		debug.FreeOSMemory() // what the failed load left
		boundGCHeadroom()
		return old
	}
	live.Swap(next.server)
	afterListing(ctx, next, next.index.prepare(), log)
	s := next.archive.Stats()
	log.Info("reloaded", "why", why, "documents", s.Documents, "clauses", s.Clauses, "took", time.Since(start).Round(time.Millisecond))
	time.AfterFunc(writeTimeout+time.Second, func() {
		old.Close()
		// The old archive is garbage now: return it, and set the
		// collector's headroom from the new live heap.
		debug.FreeOSMemory()
		boundGCHeadroom()
	})
	return next
}

// afterListing takes the pages of the site's archive snapshot out of the
// resident set now that the site is built, and again once the search
// index has listed its units (listed closed; nil if nothing is left to
// list), since that reads every text and maps the pages back; serving
// reads only a page's. Listing leaves garbage too: it is returned to the
// system, and the collector's headroom set from the heap that holds the
// list.
func afterListing(ctx context.Context, s *site, listed <-chan struct{}, log *slog.Logger) {
	release := func() {
		if err := snapshot.ReleasePages(s.archive); err != nil {
			log.Warn("archive snapshot: its pages stay resident", "err", err)
		}
	}
	release()
	if listed == nil {
		return
	}
	go func() {
		select {
		case <-listed:
			debug.FreeOSMemory()
			release()
			boundGCHeadroom()
		case <-ctx.Done():
		}
	}()
}

// loadSite is newSite, given up as soon as ctx is done: the loader stops
// at its next file, but whatever it is doing, shutting down does not wait
// for it. A site it still makes is closed.
func loadSite(ctx context.Context, cfg serveConfig, log *slog.Logger, opts siteOptions) (*site, error) {
	type result struct {
		site *site
		err  error
	}
	done := make(chan result, 1)
	go func() {
		s, err := buildSite(ctx, cfg, log, opts)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.site, r.err
	case <-ctx.Done():
		go func() {
			if r := <-done; r.site != nil {
				r.site.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// buildSite is newSite; a test makes it hang.
var buildSite = newSite

// site is the archive, its index and the web server that serves them.
type site struct {
	archive *archive.Archive
	index   *pendingIndex
	server  *web.Server
	handler http.Handler
}

func (s *site) Close() error { return s.index.close() }

type siteOptions struct {
	proxies middleware.TrustedProxies
	hsts    bool
	// program identifies this build, for the archive snapshot kept beside
	// an on-disk index; nil keeps no snapshot.
	program func() (string, error)
	// searchLater makes newSite return before its search index is built,
	// which searches then wait for with a 503 (archive.ErrIndexing).
	searchLater bool
}

// newSite reads the content, builds (or reopens) the search index and
// makes the web server: what `serve` serves and `export` writes.
func newSite(ctx context.Context, cfg serveConfig, log *slog.Logger, opts siteOptions) (*site, error) {
	a, rules, err := loadArchive(ctx, cfg, log, opts)
	if err != nil {
		return nil, err
	}
	templates, static, err := siteFS(cfg.dev)
	if err != nil {
		return nil, err
	}
	// The server only keeps the index, to search it once serving, so the
	// index opens while the server renders its pages.
	fsys, err := contentFS(ctx, cfg.contentDir)
	if err != nil {
		return nil, err
	}
	synonyms, err := loadSynonyms(fsys, cfg.contentDir)
	if err != nil {
		return nil, fmt.Errorf("the content has problems:\n%w", err)
	}
	licence, err := loadLicence(fsys, cfg.contentDir)
	if err != nil {
		return nil, fmt.Errorf("the content has problems:\n%w", err)
	}
	idx, build := openIndex(ctx, cfg, a, synonyms, log, opts.searchLater)
	if !opts.searchLater {
		go build()
	}
	srv, err := web.NewServer(web.Config{
		Archive:        a,
		Vocabulary:     rules,
		Search:         idx,
		Templates:      templates,
		Static:         static,
		BaseURL:        cfg.baseURL,
		Licence:        licence,
		Logger:         log,
		Dev:            cfg.dev,
		TrustedProxies: opts.proxies,
		HSTS:           opts.hsts,
		// Documents' pages are rendered when first asked for, then kept
		// in the page cache: start-up does not grow with the archive.
		EagerClauses: -1,
	})
	if opts.searchLater {
		// Built once the pages are rendered, not beside them: on two
		// cores the build would slow the start it no longer holds up.
		if err != nil {
			return nil, fmt.Errorf("start web server: %w", err)
		}
		go build()
		return &site{archive: a, index: idx, server: srv, handler: srv.Handler()}, nil
	}
	_, ierr := idx.wait()
	if ierr != nil {
		ierr = fmt.Errorf("search index: %w", ierr)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("start web server: %w", err), ierr)
		}
		return nil, ierr
	}
	if err != nil {
		idx.close()
		return nil, fmt.Errorf("start web server: %w", err)
	}
	return &site{archive: a, index: idx, server: srv, handler: srv.Handler()}, nil
}

// loadArchive reads and classifies the content. With an on-disk index, it
// keeps a snapshot of the result beside the index, and a later start on
// the same content and program decodes that instead of parsing.
func loadArchive(ctx context.Context, cfg serveConfig, log *slog.Logger, opts siteOptions) (*archive.Archive, *classify.Rules, error) {
	fsys, err := contentFS(ctx, cfg.contentDir)
	if err != nil {
		return nil, nil, err
	}
	load := classify.LoadArchive
	if cfg.indexDir != "" && opts.program != nil {
		if program, err := opts.program(); err != nil {
			log.Warn("no archive snapshot: this program cannot be identified", "err", err)
		} else {
			store := &snapshot.Store{Path: filepath.Clean(cfg.indexDir) + ".archive", Program: program, Logger: log}
			load = store.Load
		}
	}
	a, rules, err := load(fsys)
	if err != nil {
		var list content.ErrorList
		if errors.As(err, &list) {
			for i := range list {
				list[i].File = displayPath(cfg.contentDir, list[i].File)
			}
			return nil, nil, fmt.Errorf("the content has problems:\n%w", list)
		}
		return nil, nil, err
	}
	return a, rules, nil
}

// pendingIndex is a search index being opened: a web.Searcher before it
// is ready, since the server only keeps it until it serves.
type pendingIndex struct {
	done chan struct{}
	idx  *search.Index
	err  error
}

// openIndex returns the search index and build, which builds (or reopens)
// it, to be run in the background. With later, nothing waits for it: its
// end, or its failure, is logged.
func openIndex(ctx context.Context, cfg serveConfig, a *archive.Archive, synonyms [][]string, log *slog.Logger, later bool) (*pendingIndex, func()) {
	p := &pendingIndex{done: make(chan struct{})}
	return p, func() {
		start := time.Now()
		defer close(p.done)
		if later {
			defer func() {
				if p.err != nil {
					if ctx.Err() == nil {
						log.Error("search index: searches answer 503", "err", p.err)
					}
					return
				}
				log.Info("search ready", "took", time.Since(start).Round(time.Millisecond))
			}()
		}
		if cfg.indexDir != "" {
			p.idx, p.err = search.Open(ctx, cfg.indexDir, a, log)
		} else {
			p.idx, p.err = search.Build(ctx, a)
		}
		if p.err == nil {
			p.idx.SetSynonyms(synonyms)
		}
	}
}

// prepare has an index opened from disk make, now that the site is ready,
// what its searches need and opening it left for later (search.Index.
// Prepare), and returns what is closed once it is made; nil for an index
// still being built, which has nothing left for later.
func (p *pendingIndex) prepare() <-chan struct{} {
	select {
	case <-p.done:
		if p.err == nil {
			p.idx.Prepare()
			return p.idx.Listed()
		}
	default:
	}
	return nil
}

func (p *pendingIndex) wait() (*search.Index, error) {
	<-p.done
	return p.idx, p.err
}

// close closes the index once it is built; a build under way ends soon
// when its context is done.
func (p *pendingIndex) close() error {
	idx, err := p.wait()
	if err != nil {
		return nil
	}
	return idx.Close()
}

// Search searches the index once it is built; before, it answers
// archive.ErrIndexing at once, and after a failed build ErrUnavailable.
func (p *pendingIndex) Search(ctx context.Context, q search.Query) (*search.Results, error) {
	select {
	case <-p.done:
	default:
		return nil, fmt.Errorf("search: %w", archive.ErrIndexing)
	}
	if p.err != nil {
		return nil, fmt.Errorf("search: %w", archive.ErrUnavailable)
	}
	return p.idx.Search(ctx, q)
}
