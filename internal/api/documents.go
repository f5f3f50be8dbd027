package api

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/params"
)

// DocumentFilter selects documents as /documents does: by party, year,
// kind, and language.
type DocumentFilter struct {
	Party string
	Year  int
	Kind  string
	Lang  string // a language tag: "ru" matches ru and ru-RU
}

// Match reports whether d passes the filter.
func (f DocumentFilter) Match(d *archive.Document) bool {
	return (f.Party == "" || d.Names(f.Party)) &&
		(f.Year == 0 || d.Year() == f.Year) &&
		(f.Kind == "" || string(d.Kind) == f.Kind) &&
		inLanguage(d, f.Lang)
}

func (s *server) documentFilter(r *http.Request) (DocumentFilter, error) {
	q := r.URL.Query()
	var f DocumentFilter
	var err error
	if f.Party, err = s.partyParam("party", q.Get("party")); err != nil {
		return f, err
	}
	if f.Kind, err = kindParam(q.Get("kind")); err != nil {
		return f, err
	}
	if f.Lang, err = langParam(q.Get("lang")); err != nil {
		return f, err
	}
	f.Year, err = yearParam(q.Get("year"))
	return f, err
}

// kindParam reads a kind of document.
func kindParam(k string) (string, error) {
	kind, ok := params.Kind(k)
	if !ok {
		return "", badRequest("kind must be a kind of document such as joint-statement")
	}
	return string(kind), nil
}

// yearParam reads a year parameter; "" is no year, 0.
func yearParam(y string) (int, error) {
	n, ok := params.Number(y, 9999)
	if !ok {
		return 0, badRequest("year must be a year such as 2025")
	}
	return n, nil
}

type documentList struct {
	Total     int                           `json:"total"`
	Documents []formats.DocumentSummaryJSON `json:"documents"`
}

func (s *server) listDocuments(r *http.Request) (any, error) {
	f, err := s.documentFilter(r)
	if err != nil {
		return nil, err
	}
	out := documentList{Documents: []formats.DocumentSummaryJSON{}}
	for _, d := range s.Archive.Documents() {
		if f.Match(d) {
			out.Documents = append(out.Documents, s.Site.DocumentSummary(d))
		}
	}
	out.Total = len(out.Documents)
	return out, nil
}

func (s *server) document(r *http.Request) (*archive.Document, error) {
	slug := chi.URLParam(r, "slug")
	d, ok := s.Archive.Document(slug)
	if !ok {
		return nil, notFound("no document %q", slug)
	}
	return d, nil
}

func (s *server) getDocument(r *http.Request) (any, error) {
	d, err := s.document(r)
	if err != nil {
		return nil, err
	}
	return s.Site.Document(d), nil
}

func (s *server) getClause(r *http.Request) (any, error) {
	d, err := s.document(r)
	if err != nil {
		return nil, err
	}
	raw := chi.URLParam(r, "number")
	n, err := strconv.Atoi(raw)
	if err != nil || len(raw) > 6 {
		return nil, notFound("no clause %q in %s: clauses are numbered 1 to %d", raw, d.Slug, len(d.Clauses))
	}
	c, ok := d.Clause(n)
	if !ok {
		return nil, notFound("no clause %d in %s: clauses are numbered 1 to %d", n, d.Slug, len(d.Clauses))
	}
	out := s.Site.Clause(c)
	out.Lang = d.Language
	return out, nil
}

// maxEIDLen bounds the eId a request may name: a longer one names no
// provision, and is not echoed back whole.
const maxEIDLen = 200

func (s *server) getProvision(r *http.Request) (any, error) {
	d, err := s.document(r)
	if err != nil {
		return nil, err
	}
	eid := chi.URLParam(r, "eid")
	if len(eid) > maxEIDLen || !utf8.ValidString(eid) {
		return nil, notFound("no provision with that eId in %s", d.Slug)
	}
	c, ok := d.Provision(eid)
	if !ok {
		return nil, notFound("no provision %q in %s: see the eIds in its body", eid, d.Slug)
	}
	return s.Site.ProvisionPage(c), nil
}
