package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// Citing in one step: a document's or clause's citation in the styles
// its readers' journals ask for, with its address and the day of access,
// as text to select and paste. The pages carry them in a "Cite" disclosure
// (no script needed); the day of access is today's only on the cite page,
// /documents/{slug}[/clauses/{n}]/cite?style=…, rendered per request,
// and, where scripts run, filled in on the pages by accord.js.

// CiteStyle is one citation in one style: Lead, then the access date
// (Accessed, written as Format says), then Tail.
type CiteStyle struct {
	Code, Name    string // "oscola", "OSCOLA"
	Lead          string // up to the access date
	AccessedLabel string // " accessed ", ". Accessed ", ". Retrieved "
	Format        string // the date's layout: "dmy" (29 November 2026), "mdy" (November 29, 2026)
	Accessed      string // the date written so, or "" where the page cannot know it
	Tail          string // after the date
	Active        bool
}

// Text is the whole citation as pasted.
func (c CiteStyle) Text() string {
	if c.Accessed == "" {
		return c.Lead + c.noDateTail()
	}
	return c.Lead + c.AccessedLabel + c.Accessed + c.Tail
}

// noDateTail is how the citation ends without an access date.
func (c CiteStyle) noDateTail() string {
	switch c.Code {
	case "chicago":
		return ". " + strings.TrimPrefix(c.Tail, ". ")
	case "apa":
		return ". " + strings.TrimPrefix(c.Tail, ", from ")
	}
	return c.Tail
}

var citeStyleCodes = []string{"oscola", "chicago", "apa"}

// citeStyles are d's (or provision c's) citations at url in each style,
// accessed on day (zero: not known when the page is made).
func citeStyles(d *archive.Document, c *archive.Provision, url string, day time.Time) []CiteStyle {
	pin := ""
	if c != nil {
		pin = pinOf(c) // "para. 3", "Art. 51(1)"
	}
	authors := formats.Authors(d)
	names := make([]string, len(authors))
	for i, p := range authors {
		names[i] = p.Name
	}
	and := func(sep string) string {
		switch len(names) {
		case 0:
			return ""
		case 1:
			return names[0]
		}
		return strings.Join(names[:len(names)-1], ", ") + sep + names[len(names)-1]
	}
	place := ""
	if d.Place != "" {
		place = d.Place + ", "
	}
	dmy := func(t time.Time) string { return t.Format("2 January 2006") }
	mdy := func(t time.Time) string { return t.Format("January 2, 2006") }
	date := func(format string) string {
		if day.IsZero() {
			return ""
		}
		if format == "mdy" {
			return mdy(day)
		}
		return dmy(day)
	}
	// OSCOLA: a pinpoint is "para 3", without the stop.
	oscola := d.Title + " (" + place + dmy(d.Date) + ")"
	if pin != "" {
		oscola += " " + strings.ReplaceAll(pin, "para. ", "para ")
	}
	oscola += " <" + url + ">"
	chicago := and(" and ") + ". “" + d.Title + ".” " + place + mdy(d.Date) + "."
	if pin != "" {
		chicago += " " + strings.ToUpper(pin[:1]) + pin[1:] + "."
	}
	chicago += " " + SiteName
	apa := and(", & ")
	if len(names) == 2 {
		apa = names[0] + " & " + names[1]
	}
	apa += ". (" + strconv.Itoa(d.Date.Year()) + ", " + d.Date.Format("January 2") + "). " + d.Title + " [" + d.Kind.Name() + "]"
	if pin != "" {
		apa += ", " + pin
	}
	apa += ". " + SiteName
	return []CiteStyle{
		{Code: "oscola", Name: "OSCOLA", Lead: oscola, AccessedLabel: " accessed ", Format: "dmy", Accessed: date("dmy")},
		{Code: "chicago", Name: "Chicago", Lead: chicago, AccessedLabel: ". Accessed ", Format: "mdy", Accessed: date("mdy"), Tail: ". " + url + "."},
		{Code: "apa", Name: "APA", Lead: apa, AccessedLabel: ". Retrieved ", Format: "mdy", Accessed: date("mdy"), Tail: ", from " + url},
	}
}

// CitePage is /documents/{slug}[/clauses/{n}]/cite: one citation, in the
// style asked for, with today's date as the day of access.
type CitePage struct {
	Head
	Doc    *archive.Document
	Pin    string // "para. 3", or "" for the whole document
	URL    string // the address cited
	Back   string // the page cited
	Styles []CiteStyle
	Chosen CiteStyle
}

// serveCite serves a citation page. Its access date is the day of the
// request (UTC), so it is rendered per request and never cached for long.
func (s *Server) serveCite(w http.ResponseWriter, r *http.Request) {
	d, ok := s.cfg.Archive.Document(chi.URLParam(r, "slug"))
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	var c *archive.Provision
	path := d.Path()
	if n := chi.URLParam(r, "n"); n != "" {
		num, err := strconv.Atoi(n)
		if err != nil || strconv.Itoa(num) != n {
			s.serveNotFound(w, r)
			return
		}
		c, ok = d.Clause(num)
		if !ok {
			s.serveNotFound(w, r)
			return
		}
		path = c.Path()
	} else if eid := chi.URLParam(r, "eid"); eid != "" {
		// Any other provision's page links here too; a numbered
		// paragraph's is under /clauses/{n}.
		if c, ok = d.Provision(eid); !ok || c.Number > 0 {
			s.serveNotFound(w, r)
			return
		}
		path = c.Path()
	}
	style := r.URL.Query().Get("style")
	if style == "" {
		style = "oscola"
	}
	if !slices.Contains(citeStyleCodes, style) {
		s.errorPageFor(w, r, http.StatusBadRequest, "No such citation style", "“"+clip(style)+"” is not a citation style: use oscola, chicago or apa.", "")
		return
	}
	url := s.site.URL(path)
	page := CitePage{
		Head: Head{Title: s.title("Cite", d.Title), NoIndex: true, Main: "cite", Canonical: s.site.URL(path + "/cite"),
			Description: "How to cite " + d.Title + " in OSCOLA, Chicago or APA, with today’s date of access."},
		Doc: d, URL: url, Back: path,
		Styles: citeStyles(d, c, url, time.Now().UTC()),
	}
	if c != nil {
		page.Pin = pinOf(c)
	}
	for i := range page.Styles {
		if page.Styles[i].Code == style {
			page.Styles[i].Active = true
			page.Chosen = page.Styles[i]
		}
	}
	w.Header().Set("Cache-Control", "no-cache")
	s.render(w, r, http.StatusOK, "cite", page, false)
}

// citeDetails writes the "Link and cite" disclosure of provision c (or of
// the document, c nil): its address and its citation in each style, as
// text to select; the day of access is on the cite page it links to.
func (s *Server) citeDetails(d *archive.Document, c *archive.Provision, name string) template.HTML {
	var b strings.Builder
	s.writeCiteDetails(&b, d, c, name)
	return template.HTML(b.String())
}

func (s *Server) writeCiteDetails(b *strings.Builder, d *archive.Document, c *archive.Provision, name string) {
	path := d.Path()
	if c != nil {
		path = c.Path()
	}
	url := s.site.URL(path)
	b.WriteString(`<details class="cite-details"><summary>Link and cite<span class="visually-hidden"> `)
	b.WriteString(esc(name))
	b.WriteString("</span></summary>\n<dl>\n<div><dt>Link</dt><dd><span class=\"cite-text\">")
	b.WriteString(esc(url))
	b.WriteString(`</span> <button type="button" class="copy" hidden>Copy</button></dd></div>` + "\n")
	for _, st := range citeStyles(d, c, url, time.Time{}) {
		b.WriteString("<div><dt>" + esc(st.Name) + `</dt><dd><span class="cite-text">`)
		b.WriteString(esc(st.Text()))
		b.WriteString(`</span> <button type="button" class="copy" hidden>Copy</button></dd></div>` + "\n")
	}
	b.WriteString(`</dl>` + "\n" + `<p class="cite-dated"><a href="`)
	b.WriteString(esc(path + "/cite"))
	b.WriteString(`" rel="nofollow">With today’s date as the day of access</a></p>` + "\n</details>")
}
