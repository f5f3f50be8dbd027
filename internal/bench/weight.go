package bench

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Resources returns the addresses a browser fetches to show page:
// stylesheets, icons, scripts, images, frames and media sources.
func Resources(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			rel, href, src := "", "", ""
			for _, a := range t.Attr {
				switch a.Key {
				case "rel":
					rel = strings.ToLower(a.Val)
				case "href":
					href = a.Val
				case "src", "poster", "data":
					src = a.Val
				}
			}
			if src != "" {
				out = append(out, src)
			}
			if t.Data == "link" && href != "" && fetchedRel(rel) {
				out = append(out, href)
			}
		}
	}
}

// fetchedRel: the link relations a browser loads while showing a page.
func fetchedRel(rel string) bool {
	for _, r := range strings.Fields(rel) {
		switch r {
		case "stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "preconnect", "dns-prefetch":
			return true
		}
	}
	return false
}

// ThirdParty returns the resources of page that are not on site (an
// absolute URL of another host, or protocol-relative).
func ThirdParty(page []byte, site *url.URL) []string {
	var out []string
	for _, r := range Resources(page) {
		u, err := url.Parse(r)
		if err != nil || (u.Host != "" && u.Host != site.Host) {
			out = append(out, r)
		}
	}
	return out
}

// Wire is what one address costs over the wire with gzip accepted.
type Wire struct {
	Path  string
	Bytes int // status line, headers and (compressed) body
}

// OverTheWire fetches path from base and every resource it loads, asking
// for gzip, and returns each one's size as sent.
func OverTheWire(base, path string) ([]Wire, error) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(p string) ([]byte, int, error) {
		target := p
		if !strings.HasPrefix(p, "http://") && !strings.HasPrefix(p, "https://") {
			target = base + p
		}
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			return nil, 0, err
		}
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, 0, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, 0, fmt.Errorf("GET %s: %s", p, resp.Status)
		}
		var head bytes.Buffer
		fmt.Fprintf(&head, "%s %s\r\n", resp.Proto, resp.Status)
		resp.Header.Write(&head)
		head.WriteString("\r\n")
		plain := body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			plain, err = gunzip(body)
			if err != nil {
				return nil, 0, fmt.Errorf("GET %s: %w", p, err)
			}
		}
		return plain, head.Len() + len(body), nil
	}
	page, n, err := get(path)
	if err != nil {
		return nil, err
	}
	out := []Wire{{path, n}}
	for _, r := range Resources(page) {
		_, n, err := get(r)
		if err != nil {
			return nil, err
		}
		out = append(out, Wire{r, n})
	}
	return out, nil
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
