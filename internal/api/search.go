package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/params"
)

type (
	searchResults struct {
		Query    string        `json:"query"`
		Total    int           `json:"total"`
		Page     int           `json:"page"`
		PerPage  int           `json:"per_page"`
		Pages    int           `json:"pages"`
		TookMS   float64       `json:"took_ms"`
		Hits     []searchHit   `json:"hits"`
		Facets   []searchFacet `json:"facets"`
		Fallback bool          `json:"fallback"`
		Suggest  string        `json:"suggest,omitempty"`
		// Partial: no passage holds every word; the hits hold the most of
		// them, and the best lacks these.
		Partial []string `json:"partial,omitempty"`
	}
	searchHit struct {
		Document   documentRef `json:"document"`
		Clause     int         `json:"clause,omitempty"`
		EID        string      `json:"eid"`
		Snippet    string      `json:"snippet"`
		Lang       string      `json:"lang"`
		Text       string      `json:"text"`
		URL        string      `json:"url"`
		ContextURL string      `json:"context_url"`
		Score      float64     `json:"score"`
	}
	documentRef struct {
		Slug  string `json:"slug"`
		Title string `json:"title"`
		Date  string `json:"date"`
		URL   string `json:"url"`
	}
	searchFacet struct {
		Field string      `json:"field"`
		Terms []facetTerm `json:"terms"`
		Other int         `json:"other"`
	}
	facetTerm struct {
		Value string `json:"value"`
		Label string `json:"label,omitempty"`
		Count int    `json:"count"`
	}
)

// searchQuery reads a search from the parameters /search takes, as the
// pages do (params.Search).
func (s *server) searchQuery(r *http.Request) (archive.Query, error) {
	q, err := params.Search(r.URL.Query(), s.Archive, s.Vocabulary)
	var bad *params.Error
	if errors.As(err, &bad) {
		return q, s.paramError(bad)
	}
	return q, err
}

// untimed is the response without its timing, for the ETag: the same
// search asked again is the same answer, whatever it took.
func (r searchResults) untimed() any {
	r.TookMS = 0
	return r
}

// paramError words, for the API's clients, why a parameter's value
// cannot be what it stands for.
func (s *server) paramError(e *params.Error) error {
	v := clip(e.Value)
	switch e.Param {
	case "q":
		return badRequest("the query is %d characters long; the most is %d", utf8.RuneCountInString(e.Value), archive.MaxQueryLen)
	case "doc":
		return badRequest("doc %q is not a document: see /api/v1/documents for the slugs", v)
	case "party":
		return badRequest("%s %q is not a party: use a code of the party vocabulary such as EE, KZ, EU or UNSC", e.Param, v)
	case "actor":
		return badRequest("actor %q is not a party: use a party's code such as EE or EU, or %s for what all parties commit to jointly", v, archive.JointActor)
	case "kind":
		return badRequest("kind must be a kind of document such as joint-statement")
	case "year":
		return badRequest("year must be a whole number from 1 to 9999")
	case "page":
		return badRequest("page must be a whole number from 1 to %d", params.MaxPage)
	case "per_page":
		return badRequest("per_page must be a whole number from 1 to %d", params.MaxPerPage)
	case "commitment", "type":
		return badRequest("%s %q is not a commitment type: use one of %s", e.Param, v, s.typeCodes())
	case "topic":
		return badRequest("%s %q is not a topic: see /api/v1/topics for the slugs", e.Param, v)
	case "entity":
		return badRequest("%s %q is not an entity: see /api/v1/entities for the slugs", e.Param, v)
	case "lang":
		return badRequest("lang %q is not a language: use a BCP 47 language code such as en, ru or fr", v)
	case "sort":
		return badRequest("sort must be relevance, newest or oldest")
	}
	return badRequest("%s %q is not a value it can take", e.Param, v)
}

func (s *server) search(r *http.Request) (any, error) {
	q, err := s.searchQuery(r)
	if err != nil {
		return nil, err
	}
	res, err := s.Search.Search(r.Context(), q)
	if err != nil {
		return nil, searchError(err)
	}
	out := searchResults{
		Query:    q.Text,
		Total:    res.Total,
		Page:     res.Query.Page,
		PerPage:  res.Query.PerPage,
		TookMS:   float64(res.Took.Microseconds()) / 1000,
		Hits:     []searchHit{},
		Facets:   []searchFacet{},
		Fallback: res.Fallback,
		Suggest:  res.Suggest,
		Partial:  res.Partial,
	}
	if out.PerPage > 0 {
		out.Pages = int(math.Ceil(float64(res.Total) / float64(out.PerPage)))
	}
	for _, h := range res.Hits {
		hit := searchHit{
			Document:   documentRef{Slug: h.Doc.Slug, Title: h.Doc.Title, Date: h.Doc.Date.Format("2006-01-02"), URL: s.Site.URL(h.Doc.Path())},
			EID:        h.EID,
			Snippet:    h.Snippet,
			Lang:       h.Lang,
			Score:      h.Score,
			ContextURL: s.Site.URL(h.Doc.Path() + "#" + h.EID),
		}
		if h.Clause != nil {
			hit.Clause = h.Clause.Number
			hit.Text = h.Clause.Text()
			hit.URL = s.Site.URL(h.Clause.Path())
		} else {
			hit.Text = h.Paragraph.Text
			hit.URL = hit.ContextURL
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, f := range res.Facets {
		sf := searchFacet{Field: f.Field, Terms: []facetTerm{}, Other: f.Other}
		for _, t := range f.Terms {
			sf.Terms = append(sf.Terms, facetTerm{Value: t.Value, Label: s.facetLabel(f.Field, t.Value), Count: t.Count})
		}
		out.Facets = append(out.Facets, sf)
	}
	return out, nil
}

// searchError is what the client is told when a search fails: a 400 for
// what the query asks, a 503 with Retry-After for the server's load, and
// the error itself (a 500) for a fault of the index.
func searchError(err error) error {
	var costly interface{ Reason() string }
	switch {
	case errors.Is(err, archive.ErrQueryTooLong):
		return badRequest("the query is too long; the most is %d characters", archive.MaxQueryLen)
	case errors.Is(err, archive.ErrTooCostly) && errors.As(err, &costly):
		return &apiError{Status: http.StatusBadRequest, Message: costly.Reason()}
	case errors.Is(err, archive.ErrTimedOut):
		return unavailable("the search took too long and was stopped; try again in a moment, or with fewer alternatives or rarer words")
	case errors.Is(err, archive.ErrBusy):
		return unavailable("search is busy with other costly searches; try again in a moment")
	case errors.Is(err, archive.ErrIndexing):
		return &retryLater{&apiError{Status: http.StatusServiceUnavailable, Message: "The search index is still being built after a start; try again in a moment."}, "1"}
	case errors.Is(err, archive.ErrUnavailable):
		return &retryLater{&apiError{Status: http.StatusServiceUnavailable, Message: "The search index is being rebuilt; try again in a moment."}, "5"}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		// The request ended before its search: no one is reading.
		return unavailable("the search was stopped before it finished")
	}
	return err
}

// retryLater is a 503 for the server's load: the client may try again
// after a second.
type retryLater struct {
	*apiError
	after string // seconds, for Retry-After
}

func (e *retryLater) Unwrap() error { return e.apiError }

func unavailable(msg string) error {
	return &retryLater{&apiError{Status: http.StatusServiceUnavailable, Message: msg}, "1"}
}

// facetLabel is how a person reads a facet value: a document's title, a
// party's name, a kind's name, a commitment type's, topic's or entity's
// name, who commits.
func (s *server) facetLabel(field, value string) string {
	switch field {
	case "doc":
		if d, ok := s.Archive.Document(value); ok {
			return d.Title
		}
	case "party":
		if p, err := s.Archive.LookupParty(value); err == nil {
			return p.Name
		}
	case "kind":
		return archive.Kind(value).Name()
	case "lang":
		if t, err := language.Parse(value); err == nil {
			return display.English.Tags().Name(t)
		}
	case "commitment":
		if t, ok := s.Vocabulary.Type(value); ok {
			return t.Name
		}
	case "actor":
		if value == archive.JointActor {
			return formats.JointActorName
		}
		if p, err := s.Archive.LookupParty(value); err == nil {
			return p.Name + " alone"
		}
	case "topic":
		if t, ok := s.Vocabulary.Topic(value); ok {
			return t.Name
		}
	case "entity":
		if e, ok := s.Vocabulary.Entity(value); ok {
			return e.Name
		}
	}
	return ""
}
