package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
)

// /topics and /entities, and each topic's and entity's page: the units filed
// under each, indexed once when the Server is made (indexUnits).

// unitRef is a clause (c non-nil, p its first paragraph) or a preamble
// paragraph (c nil), of the document p.Doc.
type unitRef struct {
	c *archive.Clause
	p *archive.Paragraph
}

// indexUnits lists every unit, newest document first, and files each
// under its topics and entities by its place in the list: four bytes a
// filing, in lists of exactly their length.
func (s *Server) indexUnits() {
	n := 0
	for _, d := range s.cfg.Archive.Documents() {
		n += len(d.Preamble) + len(d.Clauses)
	}
	s.units = make([]unitRef, 0, n)
	topics, entities := map[string]int{}, map[string]int{}
	s.eachUnit(func(_ *archive.Document, c *archive.Clause, p *archive.Paragraph, cl *archive.Classification) {
		s.units = append(s.units, unitRef{c, p})
		for _, t := range cl.Topics {
			topics[t.Slug]++
		}
		for _, e := range cl.Entities {
			entities[e.Slug]++
		}
	})
	s.byTopic, s.byEntity = make(map[string][]int32, len(topics)), make(map[string][]int32, len(entities))
	for slug, n := range topics {
		s.byTopic[slug] = make([]int32, 0, n)
	}
	for slug, n := range entities {
		s.byEntity[slug] = make([]int32, 0, n)
	}
	i := int32(0)
	s.eachUnit(func(_ *archive.Document, _ *archive.Clause, _ *archive.Paragraph, cl *archive.Classification) {
		for _, t := range cl.Topics {
			s.byTopic[t.Slug] = append(s.byTopic[t.Slug], i)
		}
		for _, e := range cl.Entities {
			s.byEntity[e.Slug] = append(s.byEntity[e.Slug], i)
		}
		i++
	})
}

// eachUnit calls f for every clause and preamble paragraph, newest
// document first, in reading order within it.
func (s *Server) eachUnit(f func(d *archive.Document, c *archive.Clause, p *archive.Paragraph, cl *archive.Classification)) {
	eachUnitOf(s.cfg.Archive.Documents(), f)
}

// eachUnitOf calls f for every clause and preamble paragraph of docs, in
// their order, in reading order within each.
func eachUnitOf(docs []*archive.Document, f func(d *archive.Document, c *archive.Clause, p *archive.Paragraph, cl *archive.Classification)) {
	for _, d := range docs {
		for _, p := range d.Preamble {
			f(d, nil, p, p.Classification)
		}
		for _, c := range d.Clauses {
			f(d, c, c.Paragraphs[0], &c.Classification)
		}
	}
}

// TopicsPage lists the topics, or the entities, with how many clauses
// touch each.
type TopicsPage struct {
	Head
	Heading string
	Intro   string
	Groups  []TopicGroup
}

// TopicGroup is a list of topics or entities under one heading.
type TopicGroup struct {
	Name  string
	Links []Link
}

func (s *Server) topicsPage() TopicsPage {
	g := TopicGroup{Name: "Topics"}
	for _, t := range s.cfg.Vocabulary.Topics() {
		g.Links = append(g.Links, Link{Label: t.Name, Value: t.Slug, URL: "/topics/" + t.Slug, Count: len(s.byTopic[t.Slug])})
	}
	return TopicsPage{
		Head: Head{
			Title:       s.title("Topics"),
			Description: "The subjects the paragraphs of " + SiteName + "’s documents touch, from trade to climate, each with its paragraphs across documents.",
			Canonical:   s.site.URL("/topics"),
			OGType:      "website",
			Main:        "topics",
		},
		Heading: "Topics",
		Intro:   "Each paragraph is filed under the subjects it touches. Choose a topic to read its paragraphs across every document, newest first.",
		Groups:  []TopicGroup{g},
	}
}

var entityKinds = []struct{ kind, name string }{
	{"organisation", "Organisations"}, {"initiative", "Initiatives and routes"}, {"event", "Events"},
	{"place", "Places"}, {"country", "Countries"},
}

func (s *Server) entitiesPage() TopicsPage {
	p := TopicsPage{
		Head: Head{
			Title:       s.title("Names"),
			Description: "The organisations, initiatives, events, places and countries that " + SiteName + "’s documents name, each with the paragraphs that name it.",
			Canonical:   s.site.URL("/entities"),
			OGType:      "website",
			Main:        "topics",
		},
		Heading: "Names",
		Intro:   "Organisations, initiatives, events, places and countries named in the documents, with how many paragraphs name each. Names that no paragraph mentions yet are left out.",
	}
	for _, k := range entityKinds {
		g := TopicGroup{Name: k.name}
		for _, e := range s.cfg.Vocabulary.Entities() {
			if n := len(s.byEntity[e.Slug]); e.Kind == k.kind && n > 0 {
				g.Links = append(g.Links, Link{Label: e.Name, Value: e.Slug, URL: "/entities/" + e.Slug, Count: n})
			}
		}
		slices.SortStableFunc(g.Links, func(a, b Link) int { return cmp.Compare(b.Count, a.Count) })
		if len(g.Links) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	return p
}

// UnitsPage lists the clauses that touch one topic or name one entity.
type UnitsPage struct {
	Head
	Heading string
	Kind    string // "Topic", "Organisation", …
	Total   int
	Units   []Unit // this page's
	Pager   Pager
	Search  string // the same clauses in search, to narrow further
	Back    Link
}

// unitsPerPage is how many clauses a topic's or entity's page lists.
const unitsPerPage = 50

// fillUnits fills p with one page of the units at refs in s.units.
func (s *Server) fillUnits(p *UnitsPage, refs []int32, base string, page int) {
	p.Total = len(refs)
	p.Pager = newPager(page, len(refs), unitsPerPage, func(n int) string {
		if n == 1 {
			return base
		}
		return base + "?page=" + itoa(n)
	})
	lo := min((p.Pager.Page-1)*unitsPerPage, len(refs))
	for _, i := range refs[lo:min(lo+unitsPerPage, len(refs))] {
		r := s.units[i]
		p.Units = append(p.Units, s.unit(r.p.Doc, r.c, r.p))
	}
}

func (s *Server) topicPage(t *archive.Topic, page int) UnitsPage {
	p := UnitsPage{Heading: t.Name, Kind: "Topic", Search: "/search?topic=" + t.Slug, Back: Link{Label: "All topics", URL: "/topics"}}
	s.fillUnits(&p, s.byTopic[t.Slug], "/topics/"+t.Slug, page)
	p.Head = Head{
		Title:       s.title(t.Name, "Topics"),
		Description: plural(p.Total, "paragraph", "paragraphs") + " on " + strings.ToLower(t.Name) + " in " + SiteName + ", newest first.",
		Canonical:   s.site.URL(p.Pager.url(p.Pager.Page)),
		OGType:      "website",
		Main:        "units",
	}
	return p
}

func (s *Server) entityPage(e *archive.Entity, page int) UnitsPage {
	kind := e.Kind
	for _, k := range entityKinds {
		if k.kind == e.Kind {
			kind = strings.TrimSuffix(strings.Split(k.name, " ")[0], "s")
		}
	}
	if e.Kind == "country" {
		kind = "Country"
	}
	p := UnitsPage{Heading: e.Name, Kind: kind, Search: "/search?entity=" + e.Slug, Back: Link{Label: "All names", URL: "/entities"}}
	s.fillUnits(&p, s.byEntity[e.Slug], "/entities/"+e.Slug, page)
	p.Head = Head{
		Title:       s.title(e.Name, "Names"),
		Description: plural(p.Total, "paragraph names", "paragraphs name") + " " + e.Name + " in " + SiteName + ", newest first.",
		Canonical:   s.site.URL(p.Pager.url(p.Pager.Page)),
		OGType:      "website",
		Main:        "units",
	}
	return p
}

// serveTopics serves /topics: topics.html filled by topicsPage, rendered
// at start.
func (s *Server) serveTopics(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveEntities serves /entities: topics.html filled by entitiesPage,
// rendered at start.
func (s *Server) serveEntities(w http.ResponseWriter, r *http.Request) { s.serveKept(w, r) }

// serveTopic serves /topics/{slug}: units.html filled by topicPage. The
// first page is kept once rendered; the others render per request. An
// unknown topic is a 404 that says so.
func (s *Server) serveTopic(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	s.serveUnits(w, r, func(page int) (UnitsPage, bool) {
		t, ok := s.cfg.Vocabulary.Topic(slug)
		if !ok {
			s.errorPageFor(w, r, http.StatusNotFound, "Topic not found", "There is no topic called “"+clip(slug)+"”. See the list of topics at /topics.", "")
			return UnitsPage{}, false
		}
		return s.topicPage(t, page), true
	})
}

// serveEntity serves /entities/{slug}: units.html filled by entityPage,
// as serveTopic does, also for a name no clause mentions yet.
func (s *Server) serveEntity(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	s.serveUnits(w, r, func(page int) (UnitsPage, bool) {
		e, ok := s.cfg.Vocabulary.Entity(slug)
		if !ok {
			s.errorPageFor(w, r, http.StatusNotFound, "Name not found", "The archive knows no organisation, place or event called “"+clip(slug)+"”. See the list of names at /entities.", "")
			return UnitsPage{}, false
		}
		return s.entityPage(e, page), true
	})
}

// serveUnits serves a page of a topic's or entity's units: the kept first
// page, or the page that data makes, which has answered itself when it
// reports false.
func (s *Server) serveUnits(w http.ResponseWriter, r *http.Request, data func(page int) (UnitsPage, bool)) {
	page, problem := pageParam(r.URL.Query().Get("page"), maxListPage)
	if problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	if p, ok := s.page(r.URL.Path); ok && page == 1 {
		p.serve(w, r)
		return
	}
	p, ok := data(page)
	if !ok {
		return
	}
	if page > p.Pager.Pages {
		s.errorPage(w, r, http.StatusNotFound, "There is no page "+itoa(page)+" of this list: it has "+plural(p.Pager.Pages, "page", "pages")+".")
		return
	}
	s.renderPage(w, r, http.StatusOK, "units", p)
}
