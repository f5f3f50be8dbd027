package api

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/params"
)

type (
	// unitJSON is a clause or a preamble paragraph, as the topic and entity
	// endpoints list them.
	unitJSON struct {
		Document       documentRef                 `json:"document"`
		Clause         int                         `json:"clause,omitempty"` // absent for a preamble paragraph
		EID            string                      `json:"eid"`
		Text           string                      `json:"text"`
		URL            string                      `json:"url"`
		ContextURL     string                      `json:"context_url"`
		APIURL         string                      `json:"api_url,omitempty"` // the clause; absent for a preamble paragraph
		Classification *formats.ClassificationJSON `json:"classification"`
	}

	// commitmentJSON is one commitment with where it is. Text is the
	// paragraph the phrase is in: Text[start:end] is the phrase.
	commitmentJSON struct {
		formats.CommitmentJSON
		Strength   int         `json:"strength"`
		Text       string      `json:"text"`
		Document   documentRef `json:"document"`
		Clause     int         `json:"clause,omitempty"`
		URL        string      `json:"url"`
		ContextURL string      `json:"context_url"`
	}
	commitmentList struct {
		Total       int              `json:"total"`
		Commitments []commitmentJSON `json:"commitments"`
	}

	topicJSON struct {
		formats.TopicRefJSON
		Count  int    `json:"count"` // clauses and preamble paragraphs
		APIURL string `json:"api_url"`
	}
	topicList struct {
		Total  int         `json:"total"`
		Topics []topicJSON `json:"topics"`
	}
	topicUnits struct {
		Topic topicJSON  `json:"topic"`
		Total int        `json:"total"`
		Units []unitJSON `json:"units"`
	}

	entityJSON struct {
		formats.EntityRefJSON
		Count  int    `json:"count"` // clauses and preamble paragraphs
		APIURL string `json:"api_url"`
	}
	entityList struct {
		Total    int          `json:"total"`
		Entities []entityJSON `json:"entities"`
	}
	entityUnits struct {
		Entity entityJSON `json:"entity"`
		Total  int        `json:"total"`
		Units  []unitJSON `json:"units"`
	}
)

// unit is a clause, or a preamble paragraph when c is nil, with the
// classification that covers it.
type unit struct {
	d  *archive.Document
	c  *archive.Clause
	p  *archive.Paragraph // the preamble paragraph, or the clause's first
	cl *archive.Classification
}

// eachUnit calls f for every clause and preamble paragraph, newest
// document first, in reading order within it.
func (s *server) eachUnit(f func(unit)) {
	for _, d := range s.Archive.Documents() {
		for _, p := range d.Preamble {
			f(unit{d, nil, p, p.Classification})
		}
		for _, c := range d.Clauses {
			f(unit{d, c, c.Paragraphs[0], &c.Classification})
		}
	}
}

func (s *server) docRef(d *archive.Document) documentRef {
	return documentRef{Slug: d.Slug, Title: d.Title, Date: d.Date.Format("2006-01-02"), URL: s.Site.URL(d.Path())}
}

func (s *server) unitJSON(u unit) unitJSON {
	out := unitJSON{Document: s.docRef(u.d), Classification: s.Site.Classification(u.cl)}
	if u.c != nil {
		out.Clause, out.EID, out.Text = u.c.Number, u.c.EID(), u.c.Text()
		out.URL, out.ContextURL = s.Site.URL(u.c.Path()), s.Site.URL(u.c.ContextPath())
		out.APIURL = s.Site.URL("/api/v1" + u.c.Path())
	} else {
		out.EID, out.Text = u.p.EID(), u.p.Text
		out.URL = s.Site.URL(u.p.ContextPath())
		out.ContextURL = out.URL
	}
	return out
}

// CommitmentFilter selects commitments as /commitments does. Party keeps
// what the party committed to alone, and what all parties committed to
// jointly in a document it is party to.
type CommitmentFilter struct {
	Party string // ISO code
	Topic string // the unit touches it
	Year  int
	Type  string // commitment type code
	Lang  string // the language of the text
}

// Match reports whether m, a commitment of a unit of d classified as cl,
// passes the filter.
func (f CommitmentFilter) Match(d *archive.Document, cl *archive.Classification, m archive.Commitment) bool {
	return m.Type != nil &&
		(f.Party == "" || m.Actor == f.Party || m.Actor == "" && d.Names(f.Party)) &&
		(f.Topic == "" || cl.HasTopic(f.Topic)) &&
		(f.Year == 0 || d.Year() == f.Year) &&
		(f.Type == "" || m.Type.Code == f.Type) &&
		inLanguage(d, f.Lang)
}

func (s *server) commitmentFilter(r *http.Request) (CommitmentFilter, error) {
	q := r.URL.Query()
	var f CommitmentFilter
	var err error
	if f.Party, err = s.partyParam("party", q.Get("party")); err != nil {
		return f, err
	}
	if f.Topic, err = s.topicParam("topic", q.Get("topic")); err != nil {
		return f, err
	}
	if f.Year, err = yearParam(q.Get("year")); err != nil {
		return f, err
	}
	if f.Type, err = s.typeParam("type", q.Get("type")); err != nil {
		return f, err
	}
	if f.Lang, err = langParam(q.Get("lang")); err != nil {
		return f, err
	}
	return f, nil
}

func (s *server) listCommitments(r *http.Request) (any, error) {
	f, err := s.commitmentFilter(r)
	if err != nil {
		return nil, err
	}
	out := commitmentList{Commitments: []commitmentJSON{}}
	s.eachUnit(func(u unit) {
		for _, m := range u.cl.Commitments {
			if !f.Match(u.d, u.cl, m) {
				continue
			}
			c := commitmentJSON{CommitmentJSON: s.Site.Commitment(m), Strength: m.Type.Strength, Document: s.docRef(u.d)}
			p := m.Paragraph
			if p == nil {
				p = u.p
			}
			c.Text, c.ContextURL = p.Text, s.Site.URL(p.ContextPath())
			if u.c != nil {
				c.Clause, c.URL = u.c.Number, s.Site.URL(u.c.Path())
			} else {
				c.URL = c.ContextURL
			}
			out.Commitments = append(out.Commitments, c)
		}
	})
	// Units come newest document first, in reading order; a stable sort
	// by strength keeps that order within each type.
	slices.SortStableFunc(out.Commitments, func(a, b commitmentJSON) int {
		return cmp.Or(cmp.Compare(a.Strength, b.Strength), cmp.Compare(a.Type, b.Type))
	})
	out.Total = len(out.Commitments)
	return out, nil
}

// counts counts the units that each topic or entity slug of key touches.
func (s *server) counts(key func(*archive.Classification) []string) map[string]int {
	n := map[string]int{}
	s.eachUnit(func(u unit) {
		for _, slug := range key(u.cl) {
			n[slug]++
		}
	})
	return n
}

func topicSlugs(cl *archive.Classification) []string {
	out := make([]string, len(cl.Topics))
	for i, t := range cl.Topics {
		out[i] = t.Slug
	}
	return out
}

func entitySlugs(cl *archive.Classification) []string {
	out := make([]string, len(cl.Entities))
	for i, e := range cl.Entities {
		out[i] = e.Slug
	}
	return out
}

func (s *server) topicJSON(t *archive.Topic, count int) topicJSON {
	return topicJSON{TopicRefJSON: s.Site.TopicRef(t), Count: count, APIURL: s.Site.URL("/api/v1" + formats.TopicPath(t.Slug))}
}

func (s *server) entityJSON(e *archive.Entity, count int) entityJSON {
	return entityJSON{EntityRefJSON: s.Site.EntityRef(e), Count: count, APIURL: s.Site.URL("/api/v1" + formats.EntityPath(e.Slug))}
}

// listTopics lists every topic of the vocabulary, in its order, even one
// no unit touches yet: the topics are few and chosen.
func (s *server) listTopics(*http.Request) (any, error) {
	n := s.counts(topicSlugs)
	out := topicList{Topics: []topicJSON{}}
	for _, t := range s.Vocabulary.Topics() {
		out.Topics = append(out.Topics, s.topicJSON(t, n[t.Slug]))
	}
	out.Total = len(out.Topics)
	return out, nil
}

// listEntities lists, in vocabulary order, the entities some unit names:
// the vocabulary holds every country, and most are never named.
func (s *server) listEntities(*http.Request) (any, error) {
	n := s.counts(entitySlugs)
	out := entityList{Entities: []entityJSON{}}
	for _, e := range s.Vocabulary.Entities() {
		if n[e.Slug] > 0 {
			out.Entities = append(out.Entities, s.entityJSON(e, n[e.Slug]))
		}
	}
	out.Total = len(out.Entities)
	return out, nil
}

// units lists the units that pass keep, newest document first.
func (s *server) units(keep func(*archive.Classification) bool) []unitJSON {
	out := []unitJSON{}
	s.eachUnit(func(u unit) {
		if keep(u.cl) {
			out = append(out, s.unitJSON(u))
		}
	})
	return out
}

func (s *server) getTopic(r *http.Request) (any, error) {
	slug := chi.URLParam(r, "slug")
	t, ok := s.Vocabulary.Topic(slug)
	if !ok {
		return nil, notFound("no topic %q: see /api/v1/topics", clip(slug))
	}
	units := s.units(func(cl *archive.Classification) bool { return cl.HasTopic(t.Slug) })
	return topicUnits{Topic: s.topicJSON(t, len(units)), Total: len(units), Units: units}, nil
}

// getEntity answers for any entity of the vocabulary, with no units if no
// clause names it yet.
func (s *server) getEntity(r *http.Request) (any, error) {
	slug := chi.URLParam(r, "slug")
	e, ok := s.Vocabulary.Entity(slug)
	if !ok {
		return nil, notFound("no entity %q: see /api/v1/entities", clip(slug))
	}
	units := s.units(func(cl *archive.Classification) bool { return cl.HasEntity(e.Slug) })
	return entityUnits{Entity: s.entityJSON(e, len(units)), Total: len(units), Units: units}, nil
}

// The parameters below are lenient about case and spaces, as the site is,
// and answer a value they do not know with a 400 that says what to use.

// The readers of one parameter each, for the lists; a search is read
// whole by params.Search. "" is no filter.

func (s *server) partyParam(name, v string) (string, error) {
	p, ok := params.Party(s.Archive, v)
	if !ok {
		return "", badRequest("%s %q is not a party: use a code of the party vocabulary such as EE, KZ, EU or UNSC", name, clip(strings.TrimSpace(v)))
	}
	return p, nil
}

func (s *server) topicParam(name, v string) (string, error) {
	if v = strings.TrimSpace(v); v == "" {
		return "", nil
	}
	t, ok := s.Vocabulary.Topic(strings.ToLower(v))
	if !ok {
		return "", s.paramError(&params.Error{Param: name, Value: v})
	}
	return t.Slug, nil
}

func (s *server) typeParam(name, v string) (string, error) {
	if v = strings.TrimSpace(v); v == "" {
		return "", nil
	}
	t, ok := s.Vocabulary.Type(strings.ToLower(v))
	if !ok {
		return "", s.paramError(&params.Error{Param: name, Value: v})
	}
	return t.Code, nil
}

// typeCodes lists the commitment types' codes, strongest first.
func (s *server) typeCodes() string {
	codes := make([]string, 0, len(s.Vocabulary.Types()))
	for _, t := range s.Vocabulary.Types() {
		codes = append(codes, t.Code)
	}
	return strings.Join(codes, ", ")
}

// clip shortens what a client sent before it is quoted back.
func clip(s string) string {
	const most = 40
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
