package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// defaultSearchSlots bounds the requests on the search routes at once,
// well above what the index runs at once: its lanes, by each query's cost,
// decide which search runs and which waits, so this bound must not make a
// cheap search queue behind costly ones.
func defaultSearchSlots() int { return max(64, 16*runtime.GOMAXPROCS(0)) }

// SearchPage is one page of clause-level results.
type SearchPage struct {
	Head
	Text     string // the query as typed
	Results  *archive.Results
	Hits     []SearchHit
	Doc      *archive.Document // the doc= filter, for "search within"
	Active   []Link            // filters in force, each linking to its removal
	Facets   []FacetView
	Sorts    []Link
	Pager    Pager
	Millis   string   // time taken, "0.8 ms"
	Suggest  Link     // a corrected query, if any
	Readings []Link   // the parties the query names, read as parties: each links to the search without that reading
	Literal  []Link   // the parties the person asked to search as words: each links to reading it again
	Nearest  []Link   // when nothing matches: the nearest searches that find something
	Words    []string // the query's words, to say which none holds
	Feed     string   // this search as an Atom feed
	Advanced Advanced // the advanced search form
	Empty    bool     // nothing to search for yet
	FirstHit int      // the rank of the first hit on this page
}

// SearchHit is one result, ready to show.
type SearchHit struct {
	archive.Hit
	Label   string // "para. 3", "Art. 2(1)(a)" or "Preamble, paragraph 2"
	URL     string // the clause page (or the paragraph in context)
	Context string // the clause in the whole document
}

// FacetView is one facet with its values as filter links.
type FacetView struct {
	Name  string
	Terms []Link
	Other int
	field string
}

// searchParams are /search's parameters. Unknown ones are ignored.
type searchParams struct {
	q       archive.Query
	literal []string // party codes the query names, to search as words only (understand.go)
}

// searchKeys are the parameters of a search's address, in the order
// url.Values.Encode would write them.
var searchKeys = [...]string{"actor", "commitment", "doc", "entity", "kind", "lang", "literal", "page", "party", "q", "sort", "topic", "year"}

// url is the search's address with one parameter, one of searchKeys,
// changed ("" removes it) and the page reset unless it is the one changed.
// It is written directly, as url.Values would encode it: a results page
// makes a hundred.
func (p searchParams) url(key, value string) string {
	if key == "page" && value == "1" {
		value = ""
	}
	var b strings.Builder
	b.Grow(48 + len(p.q.Text))
	b.WriteString("/search?")
	sep := false
	for _, k := range searchKeys {
		v := value
		if k != key {
			v = p.value(k)
		}
		if v == "" {
			continue
		}
		if sep {
			b.WriteByte('&')
		}
		sep = true
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	return b.String()
}

// searchFilters are the search's filters, by parameter, with the name the
// nearest searches give each when they offer the search without it.
var searchFilters = []struct{ key, name string }{
	{"party", "the party filter"}, {"kind", "the kind filter"}, {"year", "the year filter"},
	{"lang", "the language filter"}, {"doc", "the document filter"}, {"commitment", "the commitment filter"},
	{"actor", "the filter on who commits"}, {"topic", "the topic filter"}, {"entity", "the name filter"},
}

// asks is whether the search asks for anything: words or a filter. A
// search that asks nothing lists nothing.
func (p searchParams) asks() bool {
	if strings.TrimSpace(p.q.Text) != "" {
		return true
	}
	for _, f := range searchFilters {
		if p.value(f.key) != "" {
			return true
		}
	}
	return false
}

// value is the search's parameter k as its address carries it; the page
// is not carried over.
func (p searchParams) value(k string) string {
	switch k {
	case "q":
		return p.q.Text
	case "doc":
		return p.q.Doc
	case "party":
		return p.q.Party
	case "year":
		if p.q.Year != 0 {
			return itoa(p.q.Year)
		}
	case "kind":
		return p.q.Kind
	case "lang":
		return p.q.Lang
	case "commitment":
		return p.q.Commitment
	case "actor":
		return p.q.Actor
	case "topic":
		return p.q.Topic
	case "entity":
		return p.q.Entity
	case "sort":
		return string(p.q.Sort)
	case "literal":
		return strings.Join(p.literal, ",")
	}
	return ""
}

func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request) {
	p, problem := s.parseSearch(r)
	if problem != "" {
		s.errorPageFor(w, r, http.StatusBadRequest, "That search could not be run", problem, "")
		return
	}
	page := SearchPage{
		Head: Head{
			Title:      s.title("Search"),
			NoIndex:    true,
			SearchText: p.q.Text,
			Main:       "search",
		},
		Text:     p.q.Text,
		Advanced: s.advanced(p),
	}
	if p.q.Doc != "" {
		page.Doc, _ = s.cfg.Archive.Document(p.q.Doc)
	}
	if !p.asks() {
		page.Empty = true
		page.Description = "Search every paragraph of every document in " + SiteName + "."
		w.Header().Set("Cache-Control", "public, max-age=300")
		s.renderPage(w, r, http.StatusOK, "search", page)
		return
	}
	run := p.q
	var readings []partyReading
	run.Text, readings = s.readParties(p.q.Text, p.literal, p.q.Party)
	res, err := s.cfg.Search.Search(r.Context(), run)
	var costly interface{ Reason() string }
	switch {
	case errors.Is(err, archive.ErrQueryTooLong):
		s.errorPageFor(w, r, http.StatusBadRequest, "That search could not be run", "The search is too long: at most "+itoa(archive.MaxQueryLen)+" characters, please.", "")
		return
	case errors.Is(err, archive.ErrTooCostly) && errors.As(err, &costly):
		s.errorPageFor(w, r, http.StatusBadRequest, "That search is too broad", costly.Reason(), "")
		return
	case errors.Is(err, archive.ErrIndexing):
		w.Header().Set("Retry-After", "1")
		s.errorPageFor(w, r, http.StatusServiceUnavailable, "Search is starting", "The archive has just started and its search index is still being built. Try again in a moment.", "")
		return
	case errors.Is(err, archive.ErrUnavailable):
		w.Header().Set("Retry-After", "5")
		s.errorPageFor(w, r, http.StatusServiceUnavailable, "Search is being rebuilt", "The search index is being rebuilt. Try again in a moment.", "")
		return
	case errors.Is(err, archive.ErrBusy):
		w.Header().Set("Retry-After", "1")
		s.errorPageFor(w, r, http.StatusServiceUnavailable, "Search is busy", "Search is busy with other long searches. Please try again in a moment.", "")
		return
	case errors.Is(err, archive.ErrTimedOut), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		s.log.Warn("search stopped", "q", p.q.Text, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "1")
		s.errorPageFor(w, r, http.StatusServiceUnavailable, "Search took too long", "The search took too long and was stopped. Try again in a moment, or with fewer alternatives or rarer words.", "")
		return
	case err != nil:
		s.log.Error("search", "q", p.q.Text, "err", err, "path", r.URL.Path)
		s.errorPageFor(w, r, http.StatusInternalServerError, "Search failed", "The search could not be run because of a fault on our side. It has been logged.", "")
		return
	}
	s.fillSearchPage(&page, p, res)
	page.Filters = len(page.Hits) > 0 && len(page.Facets) > 0
	page.Feed = searchFeedPath(p)
	page.Alternates = append(page.Alternates, Alternate{Type: "application/atom+xml", Title: "Accord: this search", Href: page.Feed})
	s.fillReadings(&page, p, readings)
	for _, t := range queryTokens(p.q.Text) {
		page.Words = append(page.Words, t.text)
	}
	if res.Total == 0 {
		page.Nearest = s.nearestSearches(r.Context(), p, readings)
	}
	if p.q.Page > 1 && page.Pager.Pages < p.q.Page {
		msg := "This search has " + plural(page.Pager.Pages, "page", "pages") + " of results."
		if res.Total == 0 {
			msg = "This search found nothing, so it has no page " + itoa(p.q.Page) + "."
		}
		s.errorPageFor(w, r, http.StatusNotFound, "No such page of results", msg, "")
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	// No ETag: the page says how long the search took, so no two are
	// alike, and a tag would never match.
	s.render(w, r, http.StatusOK, "search", page, false)
}

func (s *Server) fillSearchPage(page *SearchPage, p searchParams, res *archive.Results) {
	page.Results = res
	page.Title = s.title("“"+clip(p.q.Text)+"”", "Search")
	if strings.TrimSpace(p.q.Text) == "" {
		page.Title = s.title("Search")
	}
	page.Millis = strconv.FormatFloat(float64(res.Took.Microseconds())/1000, 'f', 1, 64) + " ms"
	page.FirstHit = (res.Query.Page-1)*res.Query.PerPage + 1
	for _, h := range res.Hits {
		sh := SearchHit{Hit: h}
		if h.Clause != nil {
			sh.Label = h.Clause.Cite() // "para. 3", "Art. 2(1)(a)"
			sh.URL = h.Clause.Path()
			sh.Context = h.Clause.ContextPath()
		} else {
			sh.Label = "Preamble, paragraph " + itoa(h.Paragraph.Index)
			sh.URL = h.Paragraph.ContextPath()
			sh.Context = h.Paragraph.ContextPath()
		}
		page.Hits = append(page.Hits, sh)
	}
	if res.Suggest != "" {
		q := p
		q.q.Text = res.Suggest
		page.Suggest = Link{Label: res.Suggest, URL: q.url("page", "")}
	}
	// Filters in force, each removable.
	if p.q.Doc != "" && page.Doc != nil {
		page.Active = append(page.Active, Link{Label: "Document: " + page.Doc.Title, URL: p.url("doc", "")})
	}
	for _, code := range splitList(p.q.Party) {
		party, _ := s.cfg.Archive.LookupParty(code)
		page.Active = append(page.Active, Link{Label: "Party: " + party.Name, URL: p.url("party", listWithout(p.q.Party, code))})
	}
	if p.q.Year != 0 {
		page.Active = append(page.Active, Link{Label: "Year: " + itoa(p.q.Year), URL: p.url("year", "")})
	}
	for _, k := range splitList(p.q.Kind) {
		page.Active = append(page.Active, Link{Label: "Kind: " + archive.Kind(k).Name(), URL: p.url("kind", listWithout(p.q.Kind, k))})
	}
	if p.q.Lang != "" {
		page.Active = append(page.Active, Link{Label: "Language: " + languageName(p.q.Lang), URL: p.url("lang", "")})
	}
	for _, c := range []struct{ field, value, name string }{
		{"commitment", p.q.Commitment, "Commitment"}, {"actor", p.q.Actor, "Who"},
		{"topic", p.q.Topic, "Topic"}, {"entity", p.q.Entity, "Names"},
	} {
		if c.value != "" {
			page.Active = append(page.Active, Link{Label: c.name + ": " + s.classLabel(c.field, c.value), URL: p.url(c.field, "")})
		}
	}
	for _, f := range res.Facets {
		fv := FacetView{Name: facetNames[f.Field], Other: f.Other, field: f.Field}
		if fv.Name == "" {
			continue
		}
		fv.Terms = make([]Link, 0, len(f.Terms))
		for _, t := range f.Terms {
			l := Link{Value: t.Value, Label: t.Value, Count: t.Count}
			switch f.Field {
			case "doc":
				if d, ok := s.cfg.Archive.Document(t.Value); ok {
					l.Label = d.Title + " (" + longDate(d.Date) + ")"
				}
			case "party":
				if pp, err := s.cfg.Archive.LookupParty(t.Value); err == nil {
					l.Label = pp.Name
				}
			case "kind":
				l.Label = archive.Kind(t.Value).Name()
			case "lang":
				// In English, as the rest of the page: a name in its own
				// language would need its own lang attribute.
				l.Label = languageName(t.Value)
			case "commitment", "actor", "topic", "entity":
				l.Label = s.classLabel(f.Field, t.Value)
			}
			l.Active = p.value(f.Field) == t.Value
			switch {
			case f.Field == "party" && slices.Contains(splitList(p.q.Party), t.Value):
				// Parties add up: a second narrows to the documents of both.
				l.Active = true
				l.URL = p.url(f.Field, listWithout(p.q.Party, t.Value))
			case f.Field == "party" && p.q.Party != "":
				l.URL = p.url(f.Field, p.q.Party+","+t.Value)
			case l.Active:
				l.URL = p.url(f.Field, "")
			default:
				l.URL = p.url(f.Field, t.Value)
			}
			fv.Terms = append(fv.Terms, l)
		}
		if len(fv.Terms) > 0 {
			page.Facets = append(page.Facets, fv)
		}
	}
	slices.SortStableFunc(page.Facets, func(a, b FacetView) int {
		return slices.Index(facetOrder, a.field) - slices.Index(facetOrder, b.field)
	})
	for _, o := range []struct{ value, label string }{{"", "Relevance"}, {"newest", "Newest"}, {"oldest", "Oldest"}} {
		page.Sorts = append(page.Sorts, Link{Label: o.label, URL: p.url("sort", o.value), Active: string(p.q.Sort) == o.value})
	}
	page.Pager = newPager(res.Query.Page, min(res.Total, maxSearchPage*res.Query.PerPage), res.Query.PerPage, func(n int) string {
		return p.url("page", itoa(n))
	})
	page.Description = plural(res.Total, "paragraph matches", "paragraphs match") + " “" + clip(p.q.Text) + "” in " + SiteName + "."
}

var facetNames = map[string]string{
	"doc": "Document", "party": "Party", "year": "Year", "kind": "Kind", "lang": "Language",
	"commitment": "Commitment", "actor": "Who commits", "topic": "Topic", "entity": "Names",
}

// facetOrder is the order of the facets in the sidebar: what people narrow
// by most first.
var facetOrder = []string{"commitment", "topic", "actor", "party", "lang", "year", "doc", "entity", "kind"}

func typeCodes(v Vocabulary) string {
	var codes []string
	for _, t := range v.Types() {
		codes = append(codes, t.Code)
	}
	return strings.Join(codes, ", ")
}

// splitList reads a comma-separated filter value: "EE,KZ".
func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// listWithout is list less one of its values.
func listWithout(list, value string) string {
	var out []string
	for _, v := range splitList(list) {
		if v != value {
			out = append(out, v)
		}
	}
	return strings.Join(out, ",")
}
