package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/search"
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
	}
	searchHit struct {
		Document   documentRef `json:"document"`
		Clause     int         `json:"clause,omitempty"`
		EID        string      `json:"eid"`
		Snippet    string      `json:"snippet"`
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

// maxPage bounds the page parameter: deeper pages are never useful and
// cost the index more.
const maxPage = 1000

// searchQuery reads a search.Query from the parameters /search takes.
func (s *server) searchQuery(r *http.Request) (search.Query, error) {
	v := r.URL.Query()
	q := search.Query{Text: v.Get("q"), Doc: v.Get("doc")}
	var err error
	if q.Party, err = partyParam("party", v.Get("party")); err != nil {
		return q, err
	}
	if q.Kind, err = kindParam(v.Get("kind")); err != nil {
		return q, err
	}
	if len(q.Text) > search.MaxQueryLen {
		return q, badRequest("the query is %d bytes long; the most is %d", len(q.Text), search.MaxQueryLen)
	}
	num := func(name string, lo, hi int) (int, error) {
		raw := v.Get(name)
		if raw == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < lo || n > hi {
			return 0, badRequest("%s must be a whole number from %d to %d", name, lo, hi)
		}
		return n, nil
	}
	if q.Year, err = num("year", 1, 9999); err != nil {
		return q, err
	}
	if q.Page, err = num("page", 1, maxPage); err != nil {
		return q, err
	}
	if q.PerPage, err = num("per_page", 1, 50); err != nil {
		return q, err
	}
	if q.Commitment, err = s.typeParam("commitment", v.Get("commitment")); err != nil {
		return q, err
	}
	if q.Actor, err = actorParam(v.Get("actor")); err != nil {
		return q, err
	}
	if q.Topic, err = s.topicParam("topic", v.Get("topic")); err != nil {
		return q, err
	}
	if q.Entity, err = s.entityParam("entity", v.Get("entity")); err != nil {
		return q, err
	}
	switch v.Get("sort") {
	case "", "relevance":
		q.Sort = search.ByRelevance
	case "newest":
		q.Sort = search.ByNewest
	case "oldest":
		q.Sort = search.ByOldest
	default:
		return q, badRequest("sort must be relevance, newest or oldest")
	}
	return q, nil
}

func (s *server) search(r *http.Request) (any, error) {
	q, err := s.searchQuery(r)
	if err != nil {
		return nil, err
	}
	res, err := s.Search.Search(r.Context(), q)
	if errors.Is(err, search.ErrQueryTooLong) {
		return nil, badRequest("the query is too long; the most is %d bytes", search.MaxQueryLen)
	}
	if errors.Is(err, search.ErrUnavailable) {
		return nil, &apiError{http.StatusServiceUnavailable, "The search index is being rebuilt; try again in a moment."}
	}
	if err != nil {
		return nil, err
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
	}
	if out.PerPage > 0 {
		out.Pages = int(math.Ceil(float64(res.Total) / float64(out.PerPage)))
	}
	for _, h := range res.Hits {
		hit := searchHit{
			Document:   documentRef{Slug: h.Doc.Slug, Title: h.Doc.Title, Date: h.Doc.Date.Format("2006-01-02"), URL: s.Site.URL(h.Doc.Path())},
			EID:        h.EID,
			Snippet:    h.Snippet,
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

// actorParam reads who commits: a party's code, or "joint" for all parties.
func actorParam(v string) (string, error) {
	if v = strings.TrimSpace(v); strings.EqualFold(v, search.JointActor) {
		return search.JointActor, nil
	}
	a, err := partyParam("actor", v)
	if err != nil {
		return "", badRequest("actor %q is not a party: use an ISO 3166-1 alpha-2 code such as EE, or %s for what all parties commit to jointly", clip(v), search.JointActor)
	}
	return a, nil
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
		if p, err := archive.LookupParty(value); err == nil {
			return p.Name
		}
	case "kind":
		return archive.Kind(value).Name()
	case "commitment":
		if t, ok := s.Vocabulary.Type(value); ok {
			return t.Name
		}
	case "actor":
		if value == search.JointActor {
			return formats.JointActorName
		}
		if p, err := archive.LookupParty(value); err == nil {
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
