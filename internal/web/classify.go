package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/search"
)

// unitOf is the classification that covers p: its clause's, or its own
// for a preamble paragraph.
func unitOf(p *archive.Paragraph) *archive.Classification {
	if p.Clause != nil {
		return &p.Clause.Classification
	}
	return p.Classification
}

// commitmentSpans are the verb phrases of cl's commitments that are in p.
func commitmentSpans(p *archive.Paragraph, cl *archive.Classification) []span {
	var out []span
	for _, m := range cl.Commitments {
		if m.Paragraph == p && m.Type != nil && m.End > m.Start && int(m.End) <= len(p.Text) {
			out = append(out, span{int(m.Start), int(m.End), "verb verb-" + m.Type.Code, m.Type.Name})
		}
	}
	return out
}

// markedHTML is p's HTML with its commitments' verb phrases marked.
func markedHTML(p *archive.Paragraph) template.HTML {
	return template.HTML(markSpans(p.HTML, p.Text, commitmentSpans(p, unitOf(p))))
}

// Labels are a unit's classification, ready to show and to follow.
type Labels struct {
	Commitments []CommitmentLabel // one per type and actor
	Phrases     []CommitmentLabel // every commitment, in reading order
	Topics      []Link
	Entities    []Link
}

// CommitmentLabel is one commitment: its type, the phrase as printed and
// who commits.
type CommitmentLabel struct {
	Type   *archive.CommitmentType
	Phrase string
	Actor  string // a party's name, or "" when every party commits
	URL    string // every commitment of this type
}

func (l Labels) Empty() bool {
	return len(l.Commitments) == 0 && len(l.Topics) == 0 && len(l.Entities) == 0
}

func (s *Server) labels(cl *archive.Classification) Labels {
	var l Labels
	for _, m := range cl.Commitments {
		if m.Type == nil {
			continue
		}
		cm := CommitmentLabel{Type: m.Type, Phrase: m.Phrase(), URL: "/commitments#" + m.Type.Code}
		if m.Actor != "" {
			if p, err := s.cfg.Archive.LookupParty(m.Actor); err == nil {
				cm.Actor = p.Name
			}
		}
		l.Phrases = append(l.Phrases, cm)
		if !slices.ContainsFunc(l.Commitments, func(o CommitmentLabel) bool { return o.Type == cm.Type && o.Actor == cm.Actor }) {
			l.Commitments = append(l.Commitments, cm)
		}
	}
	for _, t := range cl.Topics {
		l.Topics = append(l.Topics, Link{Label: t.Name, Value: t.Slug, URL: "/topics/" + t.Slug})
	}
	for _, e := range cl.Entities {
		l.Entities = append(l.Entities, Link{Label: e.Name, Value: e.Slug, URL: "/entities/" + e.Slug})
	}
	return l
}

// Unit is a clause or preamble paragraph listed on a page of its own
// kind: a topic's, an entity's, the commitments'.
type Unit struct {
	Doc     *archive.Document
	Clause  *archive.Clause // nil for a preamble paragraph
	Para    *archive.Paragraph
	Label   string // "para. 3", "preamble, paragraph 2"
	URL     string
	Context string
	Text    string
	Labels  Labels
}

func (s *Server) unit(d *archive.Document, c *archive.Clause, p *archive.Paragraph) Unit {
	u := Unit{Doc: d, Clause: c, Para: p}
	if c != nil {
		u.Label, u.URL, u.Context, u.Text = "para. "+itoa(c.Number), c.Path(), c.ContextPath(), c.Text()
		u.Labels = s.labels(&c.Classification)
	} else {
		u.Label, u.URL, u.Context, u.Text = "preamble, paragraph "+itoa(p.Index), p.ContextPath(), p.ContextPath(), p.Text
		u.Labels = s.labels(p.Classification)
	}
	return u
}

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
	for _, d := range s.cfg.Archive.Documents() {
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
			Description: "The subjects the clauses of " + SiteName + "’s documents touch, from trade to climate, each with its clauses across documents.",
			Canonical:   s.site.URL("/topics"),
			OGType:      "website",
			Main:        "topics",
		},
		Heading: "Topics",
		Intro:   "Each clause is filed under the subjects it touches. Choose a topic to read its clauses across every document, newest first.",
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
			Description: "The organisations, initiatives, events, places and countries that " + SiteName + "’s documents name, each with the clauses that name it.",
			Canonical:   s.site.URL("/entities"),
			OGType:      "website",
			Main:        "topics",
		},
		Heading: "Names",
		Intro:   "Organisations, initiatives, events, places and countries named in the documents, with how many clauses name each. Names that no clause mentions yet are left out.",
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
		Description: plural(p.Total, "clause", "clauses") + " on " + strings.ToLower(t.Name) + " in " + SiteName + ", newest first.",
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
		Description: plural(p.Total, "clause names", "clauses name") + " " + e.Name + " in " + SiteName + ", newest first.",
		Canonical:   s.site.URL(p.Pager.url(p.Pager.Page)),
		OGType:      "website",
		Main:        "units",
	}
	return p
}

// CommitmentsPage is every commitment, grouped by type, strongest first.
type CommitmentsPage struct {
	Head
	Types    []Link // every type with its count, to narrow to one
	Pager    Pager  // when one type is chosen
	Groups   []CommitmentGroup
	Total    int
	Filtered bool
	Active   []Link
	Parties  []Link
	Topics   []Link
	Years    []Link
}

// CommitmentGroup is the commitments of one type.
type CommitmentGroup struct {
	Type    *archive.CommitmentType
	Total   int
	URL     string // this type alone
	Entries []CommitmentEntry
}

// CommitmentEntry is one commitment with where it is and the words around it.
type CommitmentEntry struct {
	Unit
	Phrase        string
	Actor         string // a party's name, or "" for all parties
	Before, After string // the text around the phrase, cut at words
}

// commitmentsFilter narrows the commitments: a party (what it committed to
// alone or with the others), a topic, a year.
type commitmentsFilter struct {
	Party, Topic string
	Year         int
	Type         string // one commitment type, listed whole and paged
	Page         int
}

func (f commitmentsFilter) url() string {
	y, pg := "", ""
	if f.Year != 0 {
		y = itoa(f.Year)
	}
	if f.Page > 1 {
		pg = itoa(f.Page)
	}
	return "/commitments" + query("type", f.Type, "party", f.Party, "topic", f.Topic, "year", y, "page", pg)
}

// withType is f narrowed to one type, from its first page.
func (f commitmentsFilter) withType(code string) commitmentsFilter {
	f.Type, f.Page = code, 0
	return f
}

// commitmentsPreview is how many commitments of each type the overview shows.
const commitmentsPreview = 10

func (s *Server) commitmentsPage(f commitmentsFilter) CommitmentsPage {
	p := CommitmentsPage{Filtered: f != commitmentsFilter{}}
	groups := map[string]*CommitmentGroup{}
	partyCounts, topicCounts, yearCounts := map[string]int{}, map[string]int{}, map[string]int{}
	// Entries are made only for what the page shows: a few of each type
	// on the overview, one page of one type when a type is chosen.
	show := func(g *CommitmentGroup) bool {
		if f.Type == "" {
			return len(g.Entries) < commitmentsPreview
		}
		lo := (max(f.Page, 1) - 1) * unitsPerPage
		return g.Total > lo && g.Total <= lo+unitsPerPage
	}
	// Each sidebar counts commitments under every filter in force but its
	// own, so that each of its links leads to as many as it says.
	s.eachUnit(func(d *archive.Document, c *archive.Clause, para *archive.Paragraph, cl *archive.Classification) {
		inYear := f.Year == 0 || d.Year() == f.Year
		inTopic := f.Topic == "" || cl.HasTopic(f.Topic)
		var u *Unit
		for _, m := range cl.Commitments {
			if m.Type == nil {
				continue
			}
			byParty := f.Party == "" || m.Actor == f.Party || m.Actor == "" && d.Names(f.Party)
			ofType := f.Type == "" || m.Type.Code == f.Type
			if inYear && inTopic && ofType {
				if m.Actor != "" {
					partyCounts[m.Actor]++
				} else {
					for _, pt := range d.Named() {
						partyCounts[pt.Code]++
					}
				}
			}
			if byParty && inYear && ofType {
				for _, t := range cl.Topics {
					topicCounts[t.Slug]++
				}
			}
			if byParty && inTopic && ofType {
				yearCounts[itoa(d.Year())]++
			}
			if !byParty || !inYear || !inTopic {
				continue
			}
			g := groups[m.Type.Code]
			if g == nil {
				g = &CommitmentGroup{Type: m.Type, URL: f.withType(m.Type.Code).url()}
				groups[m.Type.Code] = g
			}
			g.Total++ // the type's count: every filter but the type
			if !ofType {
				continue
			}
			p.Total++
			if !show(g) {
				continue
			}
			if u == nil {
				v := s.unit(d, c, para)
				u = &v
			}
			e := CommitmentEntry{Unit: *u, Phrase: m.Phrase()}
			if m.Actor != "" {
				if pt, err := s.cfg.Archive.LookupParty(m.Actor); err == nil {
					e.Actor = pt.Name
				}
			}
			if m.Paragraph != nil && 0 <= m.Start && m.Start <= m.End && int(m.End) <= len(m.Paragraph.Text) {
				e.Before = tail(m.Paragraph.Text[:m.Start], 90)
				e.After = formats.Opening(m.Paragraph.Text[m.End:], 160)
			}
			g.Entries = append(g.Entries, e)
		}
	})
	for _, t := range s.cfg.Vocabulary.Types() {
		if g := groups[t.Code]; g != nil {
			p.Types = append(p.Types, Link{Label: t.Name, Value: t.Code, Count: g.Total, URL: f.withType(t.Code).url(), Active: f.Type == t.Code})
			if f.Type == "" || f.Type == t.Code {
				p.Groups = append(p.Groups, *g)
			}
		}
	}
	if f.Type != "" {
		g := f
		g.Type, g.Page = "", 0
		chosen, _ := s.cfg.Vocabulary.Type(f.Type)
		p.Active = append(p.Active, Link{Label: "Type: " + chosen.Name, URL: g.url()})
		total := 0
		if len(p.Groups) > 0 {
			total = p.Groups[0].Total
		}
		p.Pager = newPager(f.Page, total, unitsPerPage, func(n int) string {
			h := f
			h.Page = n
			return h.url()
		})
	}
	toggle := func(counts map[string]int, label func(string) string, set func(*commitmentsFilter, string), cur string) []Link {
		var out []Link
		for v, n := range counts {
			g := f
			g.Page = 0
			active := v == cur
			if active {
				set(&g, "")
			} else {
				set(&g, v)
			}
			out = append(out, Link{Label: label(v), Value: v, Count: n, URL: g.url(), Active: active})
		}
		slices.SortFunc(out, func(a, b Link) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label)) })
		return out
	}
	partyName := func(code string) string {
		pt, _ := s.cfg.Archive.LookupParty(code)
		return pt.Name
	}
	topicName := func(slug string) string {
		t, _ := s.cfg.Vocabulary.Topic(slug)
		return t.Name
	}
	p.Parties = toggle(partyCounts, partyName, func(g *commitmentsFilter, v string) { g.Party = v }, f.Party)
	p.Topics = toggle(topicCounts, topicName, func(g *commitmentsFilter, v string) { g.Topic = v }, f.Topic)
	p.Years = toggle(yearCounts, func(v string) string { return v }, func(g *commitmentsFilter, v string) { g.Year, _ = strconv.Atoi(v) }, itoaOrEmpty(f.Year))
	slices.SortFunc(p.Years, func(a, b Link) int { return cmp.Compare(b.Value, a.Value) })

	words := []string{}
	if f.Party != "" {
		g := f
		g.Party = ""
		p.Active = append(p.Active, Link{Label: "Party: " + partyName(f.Party), URL: g.url()})
		words = append(words, partyName(f.Party))
	}
	if f.Topic != "" {
		g := f
		g.Topic = ""
		p.Active = append(p.Active, Link{Label: "Topic: " + topicName(f.Topic), URL: g.url()})
		words = append(words, topicName(f.Topic))
	}
	if f.Year != 0 {
		g := f
		g.Year = 0
		p.Active = append(p.Active, Link{Label: "Year: " + itoa(f.Year), URL: g.url()})
		words = append(words, itoa(f.Year))
	}
	title := "Commitments"
	if len(words) > 0 {
		title += ": " + strings.Join(words, ", ")
	}
	p.Head = Head{
		Title:       s.title(title),
		Description: "What the parties agreed, reaffirmed, supported and expect, clause by clause: " + plural(p.Total, "commitment", "commitments") + " in " + SiteName + ", strongest first.",
		Canonical:   s.site.URL(f.url()),
		OGType:      "website",
		Main:        "commitments",
	}
	return p
}

// tail is the end of s, at most n bytes, cut at a word.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := len(s) - n
	if i := strings.IndexByte(s[cut:], ' '); i >= 0 {
		cut += i + 1
	}
	for cut < len(s) && !utf8Start(s[cut]) {
		cut++
	}
	return "…" + s[cut:]
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

func (s *Server) serveCommitments(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery == "" {
		s.servePage(w, r)
		return
	}
	q := r.URL.Query()
	var f commitmentsFilter
	var problem string
	if f.Party, problem = partyParam(s.cfg.Archive, q.Get("party")); problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	if v := strings.TrimSpace(q.Get("topic")); v != "" {
		t, ok := s.cfg.Vocabulary.Topic(strings.ToLower(v))
		if !ok {
			s.errorPage(w, r, http.StatusBadRequest, "“"+clip(v)+"” is not a topic: see the list of topics.")
			return
		}
		f.Topic = t.Slug
	}
	if f.Year, problem = yearParam(q.Get("year")); problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	if v := strings.TrimSpace(q.Get("type")); v != "" {
		t, ok := s.cfg.Vocabulary.Type(strings.ToLower(v))
		if !ok {
			s.errorPage(w, r, http.StatusBadRequest, "“"+clip(v)+"” is not a kind of commitment: use "+typeCodes(s.cfg.Vocabulary)+".")
			return
		}
		f.Type = t.Code
	}
	if f.Page, problem = pageParam(q.Get("page"), maxListPage); problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	if f.Type == "" {
		f.Page = 0 // the overview has one page
	}
	data := s.commitmentsPage(f)
	if f.Page > 1 && f.Page > data.Pager.Pages {
		s.errorPage(w, r, http.StatusNotFound, "There is no page "+itoa(f.Page)+" of this list: it has "+plural(data.Pager.Pages, "page", "pages")+".")
		return
	}
	s.renderPage(w, r, http.StatusOK, "commitments", data)
}

// serveClassified serves /topics/{slug} and /entities/{slug}, whose first
// pages are kept once rendered; an unknown one is a 404 that says so.
func (s *Server) serveClassified(w http.ResponseWriter, r *http.Request) {
	page, problem := pageParam(r.URL.Query().Get("page"), maxListPage)
	if problem != "" {
		s.errorPage(w, r, http.StatusBadRequest, problem)
		return
	}
	if p, ok := s.page(r.URL.Path); ok && page == 1 {
		p.serve(w, r)
		return
	}
	slug := chi.URLParam(r, "slug")
	var data UnitsPage
	if strings.HasPrefix(r.URL.Path, "/topics/") {
		t, ok := s.cfg.Vocabulary.Topic(slug)
		if !ok {
			s.errorPageFor(w, r, http.StatusNotFound, "Topic not found", "There is no topic called “"+clip(slug)+"”. See the list of topics at /topics.", "")
			return
		}
		data = s.topicPage(t, page)
	} else if e, ok := s.cfg.Vocabulary.Entity(slug); ok {
		data = s.entityPage(e, page) // also one that no clause names yet
	}
	if data.Heading != "" {
		if page > data.Pager.Pages {
			s.errorPage(w, r, http.StatusNotFound, "There is no page "+itoa(page)+" of this list: it has "+plural(data.Pager.Pages, "page", "pages")+".")
			return
		}
		s.renderPage(w, r, http.StatusOK, "units", data)
		return
	}
	s.errorPageFor(w, r, http.StatusNotFound, "Name not found", "The archive knows no organisation, place or event called “"+clip(slug)+"”. See the list of names at /entities.", "")
}

// searchFacetLabel names a classification facet's value for people.
func (s *Server) classLabel(field, value string) string {
	switch field {
	case "commitment":
		if t, ok := s.cfg.Vocabulary.Type(value); ok {
			return t.Name
		}
	case "topic":
		if t, ok := s.cfg.Vocabulary.Topic(value); ok {
			return t.Name
		}
	case "entity":
		if e, ok := s.cfg.Vocabulary.Entity(value); ok {
			return e.Name
		}
	case "actor":
		if value == search.JointActor {
			return "All parties jointly"
		}
		if p, err := s.cfg.Archive.LookupParty(value); err == nil {
			return p.Name + " alone"
		}
	}
	return value
}
