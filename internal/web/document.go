package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// A document's pages: the whole text, each clause, its data files and
// citations, rendered together by renderDocument and served by
// serveDocumentPage, from memory or from the page cache (cache.go).

// DocumentPage is a whole document.
type DocumentPage struct {
	Head
	Doc       *archive.Document
	Citation  string
	Formats   []Alternate
	Citations []Alternate
	Flat      bool                 // a simple statement's numbered paragraphs, counted as "Paragraphs"
	Headings  []*archive.Provision // the top-level containers of the body, listed in the contents before the conclusions
	Annexes   []*archive.Provision // the attachments, listed after the conclusions as printed
	Lang      string               // the text's language, when it is not the page's
	Versions  *VersionsPanel       // the work's other language versions, or nil
	Analysis  bool                 // commitments, topics and names under each paragraph (?analysis=1)
	Find      *finder              // a search within the document (?q=): its words marked in the text
	Found     *Found               // and the bar of links to its marks
}

func (s *Server) documentPage(d *archive.Document) DocumentPage {
	meta, coins := s.citationMeta(d, nil)
	page := DocumentPage{
		Head: Head{
			Title:       s.title(d.Title),
			Description: documentDescription(d),
			Canonical:   s.site.URL(d.Path()),
			OGType:      "article",
			JSONLD:      s.documentLD(d, nil),
			Alternates:  append(documentAlternates(d), citationFiles(d.Path())...),
			Main:        "document",
			Meta:        meta,
			COinS:       coins,
		},
		Doc:       d,
		Citation:  formats.Citation{Doc: d, URL: s.site.URL(d.Path())}.Text(),
		Formats:   documentAlternates(d),
		Citations: citationFiles(d.Path()),
		Flat:      flat(d),
		Headings:  containers(d.Body),
		Annexes:   containers(d.Attachments),
		Lang:      textLang(d),
		Versions:  versionsPanel(d, "", false),
	}
	page.pageLang(d)
	page.Languages = s.languageLinks(page.Versions)
	return page
}

// textLang is the lang attribute of a document's text: its language when
// that is not the site's English.
func textLang(d *archive.Document) string {
	if d.Language == "" || d.Language == "en" {
		return ""
	}
	return d.Language
}

// documentDescription says what a document is in one line: kind, parties,
// place and date, and its size.
func documentDescription(d *archive.Document) string {
	s := d.Kind.Name() + " of " + partyNames(d.Named())
	if d.Place != "" {
		s += ", " + d.Place
	}
	return s + ", " + longDate(d.Date) + ": " + unitCount(d) + ", kept verbatim."
}

// ClausePage is one provision on its own: a numbered clause at
// /clauses/{n}, any other provision at /provisions/{eId}.
type ClausePage struct {
	Head
	Doc        *archive.Document
	Clause     *archive.Provision
	Prev, Next *Link  // the provisions before and after it in reading order (reading), or nil
	EID        string // its eId, and its place in the document
	Context    string
	Crumbs     []Link               // the provisions that hold it, outermost first
	Crumb      string               // its own name in the breadcrumb: "para. 1", "(a)", "Article 7"
	Pin        string               // its citation: "para. 3(a)", "Art. 51(1)"
	Tree       Tree                 // its children
	Notes      []*archive.Provision // the notes its markers link to
	Lang       string
	Versions   *VersionsPanel // the provision in the work's other language versions, or nil
	URL        string         // absolute, to copy
	Citation   string
	Citations  []Alternate
	Unit       string // what the page calls it: "paragraph" or "provision" (words.go)
}

func (s *Server) clausePage(c *archive.Provision, prev, next *archive.Provision) ClausePage {
	d := c.Doc
	pin := pinOf(c)
	desc := c.Text()
	if desc == "" && c.Heading != nil {
		desc = headingText(c)
	}
	meta, coins := s.citationMeta(d, c)
	p := ClausePage{
		Head: Head{
			Title:       s.title(pin, d.Title),
			Description: formats.Opening(desc, 200),
			Canonical:   s.site.URL(c.Path()),
			OGType:      "article",
			OGTitle:     d.Title + ", " + pin,
			JSONLD:      s.documentLD(d, c),
			Alternates:  append(documentAlternates(d), citationFiles(c.Path())...),
			Main:        "clause",
			Meta:        meta,
			COinS:       coins,
		},
		Doc:       d,
		Clause:    c,
		Prev:      provisionLink(prev),
		Next:      provisionLink(next),
		EID:       c.EID(),
		Context:   c.ContextPath(),
		Crumb:     crumbName(c),
		Pin:       pin,
		Tree:      pageTree(c),
		Notes:     notesOf(c),
		Lang:      textLang(d),
		URL:       s.site.URL(c.Path()),
		Citation:  citationText(d, c, s.site.URL(c.Path())),
		Citations: citationFiles(c.Path()),
		Unit:      unitWord(c),
	}
	for _, a := range c.Ancestors() {
		p.Crumbs = append(p.Crumbs, Link{Label: crumbName(a), URL: a.Path()})
	}
	p.pageLang(d)
	p.Versions = versionsPanel(d, c.EID(), true) // a preamble paragraph's: preamblePage
	p.Languages = s.languageLinks(p.Versions)
	return p
}

// provisionLink is a link to c's page named as c is cited, or nil.
func provisionLink(c *archive.Provision) *Link {
	if c == nil {
		return nil
	}
	return &Link{Label: pinOf(c), URL: c.Path()}
}

// preamblePage is preamble paragraph i (from 0) on its own page,
// /provisions/preamble__p_{i+1}: laid out as a provision's, its
// neighbours the paragraphs beside it, the last one's next the text's
// first provision. It has no citation downloads: a citation names a
// provision.
func (s *Server) preamblePage(d *archive.Document, i int, first *archive.Provision) ClausePage {
	p := d.Preamble[i]
	// A provision to lay the paragraph out as one; its own eId and path
	// are the paragraph's, set on the page below.
	c := &archive.Provision{Doc: d, Element: archive.ElP, Paragraphs: []*archive.Paragraph{p}}
	if p.Classification != nil {
		c.Classification = *p.Classification
	}
	page := s.clausePage(c, nil, nil)
	path := d.Path() + "/provisions/" + p.EID()
	pin := "preamble, para. " + itoa(p.Index)
	page.Title, page.OGTitle, page.Canonical = s.title(pin, d.Title), d.Title+", "+pin, s.site.URL(path)
	if ld, ok := page.JSONLD.(map[string]any); ok {
		ld["name"], ld["url"] = d.Title+", "+pin, s.site.URL(path)
	}
	page.EID, page.Context, page.URL = p.EID(), p.ContextPath(), s.site.URL(path)
	page.Pin, page.Crumb = pin, "para. "+itoa(p.Index)
	page.Crumbs = []Link{{Label: "Preamble", URL: d.Path() + "#preamble"}}
	page.Citation = formats.Citation{Doc: d, URL: page.URL}.Text() + ", " + pin
	page.Citations = nil
	page.Unit = "paragraph"
	page.Prev, page.Next = nil, provisionLink(first)
	page.Versions = versionsPanel(d, p.EID(), true)
	page.Languages = s.languageLinks(page.Versions)
	if i > 0 {
		page.Prev = &Link{Label: "preamble, para. " + itoa(i), URL: d.Path() + "/provisions/" + d.Preamble[i-1].EID()}
	}
	if i+1 < len(d.Preamble) {
		page.Next = &Link{Label: "preamble, para. " + itoa(i+2), URL: d.Path() + "/provisions/" + d.Preamble[i+1].EID()}
	}
	return page
}

// preambleIndex is the place (from 0) of the preamble paragraph whose eId
// is eid, or false.
func preambleIndex(d *archive.Document, eid string) (int, bool) {
	n, ok := strings.CutPrefix(eid, "preamble__p_")
	if !ok || len(n) > 6 {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	if err != nil || i < 1 || i > len(d.Preamble) || archive.PreambleEID(i) != eid {
		return 0, false
	}
	return i - 1, true
}

// citationText is how a reader cites provision c: the document's citation
// and the provision's own (Cite), "…, 17 November 2025, Art. 51(1)".
func citationText(d *archive.Document, c *archive.Provision, url string) string {
	return formats.Citation{Doc: d, URL: url}.Text() + ", " + pinOf(c)
}

func jsonBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// documentPages are pages of one document: the whole text, each clause,
// the data files and the citations, by path.
type documentPages struct {
	pages map[string]*page
}

// renderDocument renders every page of d, or only the one at path only.
func (s *Server) renderDocument(d *archive.Document, only string) (*documentPages, error) {
	set := &documentPages{pages: map[string]*page{}}
	want := func(path string) bool { return only == "" || path == only }
	add := func(path string, p *page) {
		if want(path) {
			set.pages[path] = p.seal()
		}
	}
	html := func(path, name string, data func() any) error {
		if !want(path) {
			return nil
		}
		body, err := s.tmpl.render(name, data())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		add(path, newPage(htmlType, body))
		return nil
	}
	if err := html(d.Path(), "document", func() any { return s.documentPage(d) }); err != nil {
		return nil, err
	}
	// The numbered clauses' pages are rendered with the document's; every
	// other provision's page only when asked for (only), since a treaty's
	// pages, each article's holding its paragraphs, would be many and
	// large to keep from the start.
	var order *reading
	eid, isProvision := provisionOfPath(d, only)
	for _, c := range d.Clauses {
		if c.Number == 0 || (only != "" && !strings.HasPrefix(only, c.Path())) {
			continue
		}
		if order == nil {
			order = newReading(d)
		}
		prev, next := order.neighbours(c)
		if err := html(c.Path(), "clause", func() any { return s.clausePage(c, prev, next) }); err != nil {
			return nil, err
		}
		if err := s.addCitations(add, want, c.Path(), formats.Citation{Doc: d, Clause: c, URL: s.site.URL(c.Path())}); err != nil {
			return nil, err
		}
	}
	if i, ok := preambleIndex(d, eid); isProvision && ok {
		r := newReading(d)
		var first *archive.Provision
		if len(r.order) > 0 {
			first = r.order[0]
		}
		if err := html(d.Path()+"/provisions/"+eid, "clause", func() any { return s.preamblePage(d, i, first) }); err != nil {
			return nil, err
		}
	}
	if isProvision {
		if c, ok := d.Provision(eid); ok && c.Number == 0 {
			prev, next := newReading(d).neighbours(c)
			if err := html(c.Path(), "clause", func() any { return s.clausePage(c, prev, next) }); err != nil {
				return nil, err
			}
			if err := s.addCitations(add, want, c.Path(), formats.Citation{Doc: d, Clause: c, URL: s.site.URL(c.Path())}); err != nil {
				return nil, err
			}
		}
	}
	if err := s.addCitations(add, want, d.Path(), formats.Citation{Doc: d, URL: s.site.URL(d.Path())}); err != nil {
		return nil, err
	}
	if p := d.Path() + "/data.json"; want(p) {
		js, err := jsonBody(s.site.Document(d))
		if err != nil {
			return nil, err
		}
		add(p, newPage("application/json; charset=utf-8", js))
	}
	// data.xml is data.akn under the name the Akoma Ntoso naming
	// convention gives a single XML file (.akn is its ZIP package's); the
	// released data.akn stays.
	if p, x := d.Path()+"/data.akn", d.Path()+"/data.xml"; want(p) || want(x) {
		// The manifestation date is the document's own date, not the time
		// of rendering, so that the file is the same on every start and
		// export.
		akn, err := formats.AkomaNtoso(d, d.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: Akoma Ntoso: %w", d.Slug, err)
		}
		for _, q := range []string{p, x} {
			if want(q) {
				add(q, newPage("application/akn+xml; charset=utf-8", akn))
			}
		}
	}
	if p := d.Path() + "/data.txt"; want(p) {
		add(p, newPage("text/plain; charset=utf-8", formats.Text(d)))
	}
	if p := d.Path() + "/data.md"; want(p) {
		src, err := d.ContentFile()
		if err != nil {
			return nil, err
		}
		add(p, newPage("text/markdown; charset=utf-8", src))
	}
	return set, nil
}

// addCitations adds the citation downloads of a document or clause that
// want accepts.
func (s *Server) addCitations(add func(string, *page), want func(string) bool, path string, c formats.Citation) error {
	if !want(path+"/cite.bib") && !want(path+"/cite.ris") && !want(path+"/cite.csl.json") {
		return nil
	}
	csl, err := c.CSLJSON()
	if err != nil {
		return err
	}
	name := c.Doc.Slug
	if c.Clause != nil && c.Clause.Number > 0 {
		name += "-para" + itoa(c.Clause.Number)
	} else if c.Clause != nil {
		name += "-" + c.Clause.EID()
	}
	for _, f := range []struct {
		file, ctype string
		body        []byte
	}{
		{"cite.bib", "application/x-bibtex; charset=utf-8", c.BibTeX()},
		{"cite.ris", "application/x-research-info-systems; charset=utf-8", c.RIS()},
		{"cite.csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8", csl},
	} {
		p := newPage(f.ctype, f.body)
		ext := strings.TrimPrefix(f.file, "cite")
		p.disposition = `attachment; filename="` + name + ext + `"`
		add(path+"/"+f.file, p)
	}
	return nil
}

// documentFile returns the page at path of the document slug, from the
// cache or rendered now, alone, and kept; nil if the document has no such
// page. plain is for a client that does not take gzip (pageCache.get).
func (s *Server) documentFile(slug, path string, plain bool) (*page, error) {
	d, ok := s.cfg.Archive.Document(slug)
	if !ok {
		return nil, nil
	}
	if p, ok := s.pageCache.get(path, plain); ok {
		return p, nil
	}
	set, err := s.renderDocument(d, path)
	if err != nil {
		return nil, err
	}
	p := set.pages[path]
	if p != nil {
		s.pageCache.add(path, p, plain)
	}
	return p, nil
}

// serveDocument serves /documents/{slug}: document.html filled by
// documentPage, rendered by renderDocument; with ?analysis=1, the page
// with its analysis, rendered when first asked for and cached.
func (s *Server) serveDocument(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query().Get("q"); strings.TrimSpace(q) != "" {
		s.serveDocumentFind(w, r, q)
		return
	}
	if r.URL.Query().Get("analysis") != "1" {
		s.serveDocumentPage(w, r)
		return
	}
	d, ok := s.cfg.Archive.Document(chi.URLParam(r, "slug"))
	if !ok || r.URL.Path != d.Path() {
		s.serveDocumentPage(w, r) // redirects or explains, as without
		return
	}
	key := d.Path() + "?analysis=1"
	gzip := httpx.RequestAcceptsGzip(r)
	if p, ok := s.pageCache.get(key, plainGet(r, gzip)); ok {
		p.serveAs(w, r, gzip)
		return
	}
	page := s.documentPage(d)
	page.Analysis = true
	body, err := s.tmpl.render("document", page)
	if err != nil {
		s.renderFault(w, r, err)
		return
	}
	p := newPage(htmlType, body).seal()
	s.pageCache.add(key, p, plainGet(r, gzip))
	p.serveAs(w, r, gzip)
}

// serveClause serves /documents/{slug}/clauses/{n}: clause.html filled by
// clausePage, rendered by renderDocument.
func (s *Server) serveClause(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveProvision serves /documents/{slug}/provisions/{eId}, any
// provision's page that is not a numbered clause's: clause.html filled by
// clausePage, rendered by renderDocument on first request.
func (s *Server) serveProvision(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveProvisionFile serves a provision's citations, rendered by
// renderDocument.
func (s *Server) serveProvisionFile(w http.ResponseWriter, r *http.Request) {
	s.serveDocumentPage(w, r)
}

// serveDocumentFile serves a document's data files (data.json, data.akn,
// data.txt, data.md: internal/formats and the content file) and its
// citations (cite.bib, cite.ris, cite.csl.json: formats.Citation),
// rendered by renderDocument.
func (s *Server) serveDocumentFile(w http.ResponseWriter, r *http.Request) {
	s.serveDocumentPage(w, r)
}

// serveClauseFile serves a clause's citations, rendered by renderDocument.
func (s *Server) serveClauseFile(w http.ResponseWriter, r *http.Request) { s.serveDocumentPage(w, r) }

// serveDocumentPage serves a page of one document: kept since start (a
// small archive), or from the page cache, or rendered now by
// renderDocument and cached (a large one). An address that is not quite
// a page of the document is redirected to it (redirect.go) or explained
// by the 404 page.
func (s *Server) serveDocumentPage(w http.ResponseWriter, r *http.Request) {
	gzip := httpx.RequestAcceptsGzip(r)
	if p, ok := s.pages[r.URL.Path]; ok {
		p.serveAs(w, r, gzip)
		return
	}
	p, err := s.documentFile(chi.URLParam(r, "slug"), r.URL.Path, plainGet(r, gzip))
	switch {
	case errors.Is(err, archive.ErrSourceChanged):
		// The content changed under the server; a reload is due.
		s.log.Warn("render", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		s.errorPage(w, r, http.StatusServiceUnavailable, "This document's file has changed since the archive was loaded. The archive reloads it; try again in a moment.")
	case err != nil:
		s.renderFault(w, r, err)
	case p != nil:
		p.serveAs(w, r, gzip)
	default:
		to, ok := s.clauseRedirect(r)
		if !ok {
			to, ok = s.provisionRedirect(r)
		}
		if ok {
			httpx.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		s.serveNotFound(w, r)
	}
}

// serveDocumentFind serves /documents/{slug}?q=words: the text with the
// words marked in place (find.go), rendered per request.
func (s *Server) serveDocumentFind(w http.ResponseWriter, r *http.Request, q string) {
	d, ok := s.cfg.Archive.Document(chi.URLParam(r, "slug"))
	if !ok || r.URL.Path != d.Path() {
		s.serveDocumentPage(w, r)
		return
	}
	if len([]rune(q)) > archive.MaxQueryLen {
		s.errorPageFor(w, r, http.StatusBadRequest, "That search could not be run", paramProblem("q", q, nil), "")
		return
	}
	page := s.documentPage(d)
	page.Analysis = r.URL.Query().Get("analysis") == "1"
	page.NoIndex = true
	page.Found = &Found{Query: q}
	if page.Find = newFinder(q); page.Find != nil {
		// Count the marks first, for the bar above the text; the page's
		// own finder numbers them again as it writes them, in the order
		// the page writes them: the preamble, then the body, conclusions
		// and attachments, each provision's paragraphs before its
		// children's (notes and remarks are not searched).
		count := newFinder(q)
		for _, p := range d.Preamble {
			count.mark(p)
		}
		for _, part := range [][]*archive.Provision{d.Body, d.Conclusions, d.Attachments} {
			count.markAll(part)
		}
		for i := 1; i <= min(count.n, 100); i++ {
			page.Found.Marks = append(page.Found.Marks, Link{Label: itoa(i), URL: "#m" + itoa(i)})
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	s.render(w, r, http.StatusOK, "document", page, false)
}
