package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// Link is a labelled address with a count: a way in by party, year or
// kind, or a filter to add or remove.
type Link struct {
	Label  string
	Value  string
	URL    string
	Count  int
	Active bool
}

// HomePage is the archive's front page.
type HomePage struct {
	Head
	Stats     archive.Stats
	Parties   int
	Years     []Link
	PartyList []Link
	Kinds     []Link
	Latest    []*archive.Document
	More      bool // there are more documents than Latest
}

const homeLatest = 20

func (s *Server) homePage() HomePage {
	a := s.cfg.Archive
	st := a.Stats()
	docs := a.Documents()
	p := HomePage{
		Head: Head{
			Title:       SiteName + " — an archive of diplomatic texts",
			Description: "Joint statements, declarations and communiqués, kept verbatim and split into numbered clauses: " + plural(st.Documents, "document", "documents") + ", " + plural(st.Clauses, "clause", "clauses") + ", searchable clause by clause.",
			Canonical:   s.site.URL("/"),
			OGType:      "website",
			Main:        "home",
		},
		Stats:  st,
		Latest: docs[:min(len(docs), homeLatest)],
		More:   len(docs) > homeLatest,
	}
	p.PartyList = facetLinks(docs, documentsFilter{}, "party")
	p.Years = facetLinks(docs, documentsFilter{}, "year")
	p.Kinds = facetLinks(docs, documentsFilter{}, "kind")
	p.Parties = len(p.PartyList)
	return p
}

// documentsFilter narrows the document list.
type documentsFilter struct {
	Party string // ISO code
	Year  int
	Kind  archive.Kind
	Page  int
}

func (f documentsFilter) match(d *archive.Document) bool {
	return (f.Party == "" || d.Names(f.Party)) &&
		(f.Year == 0 || d.Year() == f.Year) &&
		(f.Kind == "" || d.Kind == f.Kind)
}

// url is the list's address with f's filters, without "page".
func (f documentsFilter) url() string {
	year := ""
	if f.Year != 0 {
		year = itoa(f.Year)
	}
	return "/documents" + query("party", f.Party, "year", year, "kind", string(f.Kind))
}

func (f documentsFilter) empty() bool { return f.Party == "" && f.Year == 0 && f.Kind == "" }

// parseDocumentsFilter reads the list's parameters; a value that cannot be
// a party, year or kind is the user's error, reported in words.
func parseDocumentsFilter(r *http.Request, a *archive.Archive) (documentsFilter, string) {
	q := r.URL.Query()
	var f documentsFilter
	var problem string
	if f.Party, problem = partyParam(a, q.Get("party")); problem != "" {
		return f, problem
	}
	if f.Year, problem = yearParam(q.Get("year")); problem != "" {
		return f, problem
	}
	if f.Kind, problem = kindParam(q.Get("kind")); problem != "" {
		return f, problem
	}
	f.Page, problem = pageParam(q.Get("page"), maxListPage)
	return f, problem
}

// clip shortens what a user typed before it is quoted back.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	for i := n; i > 0; i-- {
		if utf8Start(s[i]) {
			return s[:i] + "…"
		}
	}
	return ""
}

// facetLinks counts docs by one field and links each value, toggling it in
// f: the link of the active value removes it.
func facetLinks(docs []*archive.Document, f documentsFilter, field string) []Link {
	counts := map[string]int{}
	labels := map[string]string{}
	for _, d := range docs {
		switch field {
		case "party":
			for _, p := range d.Named() {
				counts[p.Code]++
				labels[p.Code] = p.Name
			}
		case "year":
			y := itoa(d.Year())
			counts[y]++
			labels[y] = y
		case "kind":
			counts[string(d.Kind)]++
			labels[string(d.Kind)] = d.Kind.Name()
		}
	}
	var out []Link
	for v, n := range counts {
		g := f
		active := false
		switch field {
		case "party":
			active = f.Party == v
			g.Party = v
			if active {
				g.Party = ""
			}
		case "year":
			y, _ := strconv.Atoi(v)
			active = f.Year == y
			g.Year = y
			if active {
				g.Year = 0
			}
		case "kind":
			active = string(f.Kind) == v
			g.Kind = archive.Kind(v)
			if active {
				g.Kind = ""
			}
		}
		out = append(out, Link{Label: labels[v], Value: v, URL: g.url(), Count: n, Active: active})
	}
	slices.SortFunc(out, func(a, b Link) int {
		if field == "year" {
			return cmp.Compare(b.Value, a.Value) // newest first
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// DocumentsPage lists documents, filtered and paged.
type DocumentsPage struct {
	Head
	Documents []*archive.Document
	Total     int
	Filtered  bool
	Clear     string // the address without filters
	Active    []Link // the filters in force, each linking to its removal
	Parties   []Link
	Years     []Link
	Kinds     []Link
	Pager     Pager
}

const documentsPerPage = 50

func (s *Server) documentsPage(f documentsFilter) DocumentsPage {
	var docs []*archive.Document
	for _, d := range s.cfg.Archive.Documents() {
		if f.match(d) {
			docs = append(docs, d)
		}
	}
	p := DocumentsPage{
		Head: Head{
			Title:       s.title("Documents"),
			Description: "Every document in " + SiteName + ", newest first, by party, year and kind.",
			Canonical:   s.site.URL(f.url()),
			OGType:      "website",
			Main:        "documents",
		},
		Total:    len(docs),
		Filtered: !f.empty(),
		Clear:    "/documents",
		Parties:  facetLinks(docs, f, "party"),
		Years:    facetLinks(docs, f, "year"),
		Kinds:    facetLinks(docs, f, "kind"),
	}
	if !f.empty() {
		var words []string
		if f.Party != "" {
			party, _ := s.cfg.Archive.LookupParty(f.Party)
			words = append(words, party.Name)
			g := f
			g.Party = ""
			p.Active = append(p.Active, Link{Label: "Party: " + party.Name, URL: g.url()})
		}
		if f.Year != 0 {
			words = append(words, itoa(f.Year))
			g := f
			g.Year = 0
			p.Active = append(p.Active, Link{Label: "Year: " + itoa(f.Year), URL: g.url()})
		}
		if f.Kind != "" {
			words = append(words, f.Kind.Name())
			g := f
			g.Kind = ""
			p.Active = append(p.Active, Link{Label: "Kind: " + f.Kind.Name(), URL: g.url()})
		}
		p.Title = s.title("Documents: " + strings.Join(words, ", "))
		p.Description = plural(len(docs), "document", "documents") + " in " + SiteName + ": " + strings.Join(words, ", ") + "."
	}
	p.Pager = newPager(f.Page, len(docs), documentsPerPage, func(n int) string {
		u := f.url()
		if n == 1 {
			return u
		}
		if strings.Contains(u, "?") {
			return u + "&page=" + itoa(n)
		}
		return u + "?page=" + itoa(n)
	})
	lo := min((p.Pager.Page-1)*documentsPerPage, len(docs))
	p.Documents = docs[lo:min(lo+documentsPerPage, len(docs))]
	if p.Pager.Page > 1 {
		p.Title = strings.TrimSuffix(p.Title, " — "+SiteName) + ", page " + itoa(p.Pager.Page) + " — " + SiteName
	}
	return p
}

// Pager links the pages of a long list.
type Pager struct {
	Page, Pages int
	Prev, Next  string // "" at the ends
	Links       []Link // a window of page numbers around the current one
	url         func(int) string
}

func newPager(page, total, per int, url func(int) string) Pager {
	pages := max(1, (total+per-1)/per)
	page = min(max(page, 1), pages)
	p := Pager{Page: page, Pages: pages, url: url}
	if page > 1 {
		p.Prev = url(page - 1)
	}
	if page < pages {
		p.Next = url(page + 1)
	}
	for n := max(1, page-3); n <= min(pages, page+3); n++ {
		p.Links = append(p.Links, Link{Label: itoa(n), URL: url(n), Active: n == page})
	}
	return p
}

func (s *Server) serveDocuments(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery == "" {
		s.servePage(w, r)
		return
	}
	f, problem := parseDocumentsFilter(r, s.cfg.Archive)
	if problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	data := s.documentsPage(f)
	if f.Page > data.Pager.Pages {
		s.errorPage(w, r, http.StatusNotFound, "There is no page "+itoa(f.Page)+" of this list: it has "+plural(data.Pager.Pages, "page", "pages")+".")
		return
	}
	s.renderPage(w, r, http.StatusOK, "documents", data)
}
