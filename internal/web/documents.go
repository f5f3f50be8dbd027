package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// /documents: the list of documents, filtered by party, year and kind.

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
			Filters:     true,
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

func (s *Server) serveDocuments(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery == "" {
		s.serveKept(w, r) // rendered at start, or on first request
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
