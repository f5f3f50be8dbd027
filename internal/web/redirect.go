package web

import (
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/httpx"
)

// Every redirect the site makes, in one place: canonical addresses (a
// trailing slash, an upper-case slug, a clause number with leading zeros,
// a numbered clause asked for by its eId),
// Akoma Ntoso identifiers to their documents, and old static fingerprints
// to the current files.

// serveWork resolves an Akoma Ntoso work URI, as data.json and data.akn
// give it (/akn/kz-ee/statement/joint/2025-11-17), to the document's page;
// an expression or manifestation of the work (…/eng@2025-11-17,
// …/eng@2025-11-17/main.xml) to its Akoma Ntoso file.
func (s *Server) serveWork(w http.ResponseWriter, r *http.Request) {
	if target, ok := resolveWork(s.cfg.Archive, r.URL.Path); ok {
		httpx.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	work, _, _ := strings.Cut(r.URL.Path, "@")
	s.errorPageFor(w, r, http.StatusNotFound, "Work not found", "No document in the archive has the Akoma Ntoso work identifier “"+clip(work)+"”.", "")
}

// canonicalPath redirects an address with a trailing slash or an
// upper-case document slug to its canonical form (301), keeping the query.
func canonicalPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		// "//host" would leave the site when used as a Location.
		if strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
			next.ServeHTTP(w, r)
			return
		}
		if !hasUpper(p) && (len(p) == 1 || p[len(p)-1] != '/') {
			next.ServeHTTP(w, r) // canonical already: most requests, one pass
			return
		}
		c := p
		if len(c) > 1 {
			c = strings.TrimRight(c, "/")
			if c == "" {
				c = "/"
			}
		}
		if strings.HasPrefix(strings.ToLower(c), "/documents") && !strings.HasPrefix(c, "/documents/") && c != "/documents" {
			// "/Documents/…": only the fixed part is folded here.
			c = strings.ToLower(c[:len("/documents")]) + c[len("/documents"):]
		}
		if rest, ok := strings.CutPrefix(c, "/documents/"); ok {
			// Joined only when it changes: most requests are for these
			// paths, already in lower case.
			if lower := lowerDocumentPath(rest); lower != rest {
				c = "/documents/" + lower
			}
		}
		if c != p {
			// The query is encoded afresh: the raw one may hold bytes
			// (quotes, angle brackets) that must not reach the Location.
			// ReadOnly has already checked that it parses.
			u := url.URL{Path: c, RawQuery: r.URL.Query().Encode()}
			httpx.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// lowerDocumentPath folds a path under /documents/ to lower case, all but
// a provision's eId, whose case is its own (chp_I, sec_IV, att_1): the
// {eId} of {slug}/provisions/{eId}/… is kept as it is.
func lowerDocumentPath(rest string) string {
	if !hasUpper(rest) {
		return rest // most requests: no split, no copy
	}
	segs := strings.SplitN(rest, "/", 4)
	if len(segs) < 3 || !strings.EqualFold(segs[1], "provisions") {
		return strings.ToLower(rest)
	}
	for i, seg := range segs {
		if i != 2 {
			segs[i] = strings.ToLower(seg)
		}
	}
	return strings.Join(segs, "/")
}

// hasUpper reports whether s may have an upper-case letter: an ASCII one,
// or any byte of a multi-byte character, which strings.ToLower would judge.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// staticRedirect is the current address of a static file asked for by an
// old fingerprint (in a page cached before a deploy) or by its plain name.
func (s *Server) staticRedirect(name string) (string, bool) {
	cur, ok := s.static.byName[unhashed(name)]
	if !ok {
		return "", false
	}
	return "/static/" + cur, true
}

// unhashed turns style.3f9a0c21.css back into style.css.
func unhashed(name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		return stem[:i] + ext
	}
	return name
}

// clauseRedirect is the address of the clause page that r spells with
// leading zeros (clauses/03 for clauses/3): false for any other address.
func (s *Server) clauseRedirect(r *http.Request) (string, bool) {
	n := chi.URLParam(r, "n")
	k, err := strconv.Atoi(n)
	if err != nil || len(n) > 6 || itoa(k) == n {
		return "", false
	}
	d, ok := s.cfg.Archive.Document(chi.URLParam(r, "slug"))
	if !ok {
		return "", false
	}
	c, ok := d.Clause(k)
	if !ok {
		return "", false
	}
	return c.Path(), true
}

// provisionRedirect is the address of the numbered clause that r asks for
// by its eId (provisions/para_3 for clauses/3, and its citation files
// likewise): a clause has one address. An eId in the wrong case is led to
// the provision's own. False for any other address.
func (s *Server) provisionRedirect(r *http.Request) (string, bool) {
	eid := chi.URLParam(r, "eid")
	if eid == "" || len(eid) > maxEID {
		return "", false
	}
	d, ok := s.cfg.Archive.Document(chi.URLParam(r, "slug"))
	if !ok {
		return "", false
	}
	c, ok := d.Provision(eid)
	if !ok {
		// An eId in the wrong case (chp_i for chp_I): the one provision
		// whose eId it folds to.
		c, ok = provisionFolded(d, eid)
	}
	if !ok || (c.Number == 0 && c.EID() == eid) {
		return "", false
	}
	to := c.Path()
	if file := chi.URLParam(r, "file"); file != "" {
		if !isCitationFile(file) {
			return "", false
		}
		to += "/" + file
	}
	return to, true
}

// provisionFolded is the provision whose eId equals eid but for case, if
// there is exactly one.
func provisionFolded(d *archive.Document, eid string) (*archive.Provision, bool) {
	var found *archive.Provision
	n := 0
	d.Walk(func(c *archive.Provision) bool {
		if strings.EqualFold(c.EID(), eid) {
			found = c
			n++
		}
		return true
	})
	return found, n == 1
}
