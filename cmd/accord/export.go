package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/accord-archive/accord/internal/crawl"
)

// exportStart are the addresses the export crawls from: the pages, and the
// discovery files that no page links to.
var exportStart = []string{"/", "/documents", "/sitemap.xml", "/robots.txt", "/feed.atom", "/opensearch.xml", "/api/v1/openapi.json"}

// export writes the reading site and every data file as static files, each
// byte for byte what the server answers, for mirroring on any web host.
func export(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	out := fs.String("out", "", "write the site into `DIR` (required; created if missing)")
	fs.StringVar(&cfg.contentDir, "content", "", "export the content tree in `DIR` instead of the embedded one")
	fs.StringVar(&cfg.baseURL, "base-url", "", "public `URL` the mirror will be served from, for absolute links (required; http://localhost:8080 for a local copy)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", rest[0])}
	}
	if *out == "" {
		return usageError{errors.New("--out DIR is required")}
	}
	if err := exportBase(cfg.baseURL); err != nil {
		return usageError{err}
	}
	site, err := newSite(ctx, cfg, slog.New(slog.DiscardHandler), siteOptions{})
	if err != nil {
		return err
	}
	defer site.Close()

	pages, err := crawl.Crawl(site.handler, exportStart, crawl.Options{Follow: exportable})
	if err != nil {
		return err
	}
	var n int
	for _, p := range crawl.Sorted(pages) {
		if p.Status != http.StatusOK {
			return fmt.Errorf("%s answers %d (linked from %s): not exporting a broken site", p.Path, p.Status, p.From)
		}
		if err := writeExported(*out, p.Path, p.Body); err != nil {
			return err
		}
		n++
		// data.xml, data.akn's other name, is linked from no page.
		if alias, ok := strings.CutSuffix(p.Path, "/data.akn"); ok && strings.HasPrefix(p.Path, "/documents/") {
			x := crawl.Fetch(site.handler, alias+"/data.xml")
			if x.Status != http.StatusOK {
				return fmt.Errorf("%s answers %d: not exporting a broken site", x.Path, x.Status)
			}
			if err := writeExported(*out, x.Path, x.Body); err != nil {
				return err
			}
			n++
		}
	}
	// The not-found page, for hosts that serve 404.html for what is missing.
	rec := crawl.Fetch(site.handler, "/404")
	if err := writeFile(filepath.Join(*out, "404.html"), rec.Body); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\n", n+1, *out)
	return nil
}

// exportBase checks the mirror's --base-url. An export has no request to
// take its host from, and its canonical links, feed, sitemap, citations and
// citation_* tags carry absolute addresses: without the mirror's own, they
// would name no host, or another site's, in every file.
func exportBase(base string) error {
	if base == "" {
		return errors.New("--base-url URL is required: the pages, feed, sitemap and citations name the mirror's absolute address; give the one it will be served from (--base-url http://localhost:8080 for a local copy)")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("--base-url %q is not an http or https address such as https://accord.example", base)
	}
	return nil
}

// exportable: what a static host can serve, a path without a query, and
// not the search, which needs the server.
func exportable(p string) bool {
	return !strings.Contains(p, "?") && p != "/search" && !strings.HasPrefix(p, "/search/") &&
		!strings.HasPrefix(p, "/api/v1/search")
}

// ExportPath maps an address to its file: a page without an extension
// becomes a directory's index.html, so that /documents/x is documents/x/index.html.
func ExportPath(p string) string {
	clean := path.Clean("/" + p)
	if clean == "/" {
		return "index.html"
	}
	if path.Ext(clean) == "" {
		return strings.TrimPrefix(clean, "/") + "/index.html"
	}
	return strings.TrimPrefix(clean, "/")
}

func writeExported(dir, p string, body []byte) error {
	return writeFile(filepath.Join(dir, filepath.FromSlash(ExportPath(p))), body)
}

func writeFile(name string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, body, 0o644)
}
