package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// /commitments: every commitment by type, strongest first, filtered by party,
// topic and year. countCommitments counts; commitmentsPage presents.

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
	Addressee     string // for a call, whom it addresses, as printed
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

// commitmentCounts is what the commitments page counts under a filter.
// Each count leaves out the filter it offers to change, so that each of
// the page's links leads to as many commitments as it says.
type commitmentCounts struct {
	Total   int            // commitments that pass every filter
	ByType  map[string]int // by type code: every filter but the type; a type with none is absent
	Parties map[string]int // by party code, a joint commitment counting for each party: every filter but the party
	Topics  map[string]int // by topic slug: every filter but the topic
	Years   map[string]int // by year: every filter but the year
	Shown   []shownCommitment
}

// shownCommitment is a commitment the page lists: the first few of each
// type on the overview, one page of the one type chosen.
type shownCommitment struct {
	Doc    *archive.Document
	Clause *archive.Clause // nil for a preamble paragraph
	Para   *archive.Paragraph
	archive.Commitment
}

// countCommitments counts the commitments of docs under f and picks those
// the page shows, in the order of docs and of each unit's commitments.
// It depends on nothing but its arguments.
//
// topics gives a commitment's topics: those of the sentence that holds its
// phrase (Server.phraseTopics), so that a filter by topic lists what was
// committed to on it, not everything its clause touches; nil reads the
// unit's topics.
func countCommitments(docs []*archive.Document, f commitmentsFilter, topics func(archive.Commitment, *archive.Classification) []*archive.Topic) commitmentCounts {
	if topics == nil {
		topics = func(_ archive.Commitment, cl *archive.Classification) []*archive.Topic { return cl.Topics }
	}
	c := commitmentCounts{ByType: map[string]int{}, Parties: map[string]int{}, Topics: map[string]int{}, Years: map[string]int{}}
	shown := map[string]int{} // by type code
	lo := (max(f.Page, 1) - 1) * unitsPerPage
	eachUnitOf(docs, func(d *archive.Document, cu *archive.Clause, para *archive.Paragraph, cl *archive.Classification) {
		inYear := f.Year == 0 || d.Year() == f.Year
		for _, m := range cl.Commitments {
			if m.Type == nil {
				continue
			}
			about := topics(m, cl)
			inTopic := f.Topic == "" || slices.ContainsFunc(about, func(t *archive.Topic) bool { return t.Slug == f.Topic })
			byParty := f.Party == "" || m.Actor == f.Party || m.Actor == "" && d.Names(f.Party)
			ofType := f.Type == "" || m.Type.Code == f.Type
			if inYear && inTopic && ofType {
				if m.Actor != "" {
					c.Parties[m.Actor]++
				} else {
					for _, pt := range d.Named() {
						c.Parties[pt.Code]++
					}
				}
			}
			if byParty && inYear && ofType {
				for _, t := range about {
					c.Topics[t.Slug]++
				}
			}
			if byParty && inTopic && ofType {
				c.Years[itoa(d.Year())]++
			}
			if !byParty || !inYear || !inTopic {
				continue
			}
			c.ByType[m.Type.Code]++
			if !ofType {
				continue
			}
			c.Total++
			// Entries are made only for what the page shows: a few of each
			// type on the overview, one page of one type when a type is chosen.
			n := c.ByType[m.Type.Code]
			if f.Type == "" && shown[m.Type.Code] < commitmentsPreview || f.Type != "" && n > lo && n <= lo+unitsPerPage {
				shown[m.Type.Code]++
				c.Shown = append(c.Shown, shownCommitment{d, cu, para, m})
			}
		}
	})
	return c
}

// commitmentsPage presents the commitments that countCommitments counts:
// the groups with their entries, the sidebars' links, the filters in force.
func (s *Server) commitmentsPage(f commitmentsFilter) CommitmentsPage {
	return s.commitmentsPageOf(s.cfg.Archive.Documents(), f, s.phraseTopics)
}

// commitmentsPageOf is commitmentsPage over docs alone, with topics as
// countCommitments takes them: start-up tries the template on one
// document's commitments, since the whole page reads every commitment of
// the archive and every sentence that holds one.
func (s *Server) commitmentsPageOf(docs []*archive.Document, f commitmentsFilter, topics func(archive.Commitment, *archive.Classification) []*archive.Topic) CommitmentsPage {
	counts := countCommitments(docs, f, topics)
	p := CommitmentsPage{Filtered: f != commitmentsFilter{}, Total: counts.Total}
	entries := map[string][]CommitmentEntry{}
	var u Unit
	var last *archive.Paragraph
	for _, m := range counts.Shown {
		if m.Para != last { // one Unit for the commitments of one unit
			u, last = s.unit(m.Doc, m.Clause, m.Para), m.Para
		}
		entries[m.Type.Code] = append(entries[m.Type.Code], s.commitmentEntry(u, m.Commitment))
	}
	for _, t := range s.cfg.Vocabulary.Types() {
		n, ok := counts.ByType[t.Code]
		if !ok {
			continue
		}
		p.Types = append(p.Types, Link{Label: t.Name, Value: t.Code, Count: n, URL: f.withType(t.Code).url(), Active: f.Type == t.Code})
		if f.Type == "" || f.Type == t.Code {
			p.Groups = append(p.Groups, CommitmentGroup{Type: t, Total: n, URL: f.withType(t.Code).url(), Entries: entries[t.Code]})
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
	p.Parties = f.toggleLinks(counts.Parties, s.partyName, func(g *commitmentsFilter, v string) { g.Party = v }, f.Party)
	p.Topics = f.toggleLinks(counts.Topics, s.topicName, func(g *commitmentsFilter, v string) { g.Topic = v }, f.Topic)
	p.Years = f.toggleLinks(counts.Years, func(v string) string { return v }, func(g *commitmentsFilter, v string) { g.Year, _ = strconv.Atoi(v) }, itoaOrEmpty(f.Year))
	slices.SortFunc(p.Years, func(a, b Link) int { return cmp.Compare(b.Value, a.Value) })
	active, words := s.activeCommitmentFilters(f)
	p.Active = append(p.Active, active...)
	title := "Commitments"
	if len(words) > 0 {
		title += ": " + strings.Join(words, ", ")
	}
	p.Head = Head{
		Title:       s.title(title),
		Description: "What the parties agreed, reaffirmed, supported and expect, paragraph by paragraph: " + plural(p.Total, "commitment", "commitments") + " in " + SiteName + ", strongest first.",
		Canonical:   s.site.URL(f.url()),
		OGType:      "website",
		Main:        "commitments",
		Filters:     true,
	}
	return p
}

// toggleLinks links each value counted to f with that value set, or, for
// the value in force (cur), removed; the most counted first.
func (f commitmentsFilter) toggleLinks(counts map[string]int, label func(string) string, set func(*commitmentsFilter, string), cur string) []Link {
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

// activeCommitmentFilters are the party, topic and year in force, each
// linking to the page without it, and their names, for the title.
func (s *Server) activeCommitmentFilters(f commitmentsFilter) (active []Link, words []string) {
	add := func(kind, name string, without commitmentsFilter) {
		active = append(active, Link{Label: kind + ": " + name, URL: without.url()})
		words = append(words, name)
	}
	if f.Party != "" {
		g := f
		g.Party = ""
		add("Party", s.partyName(f.Party), g)
	}
	if f.Topic != "" {
		g := f
		g.Topic = ""
		add("Topic", s.topicName(f.Topic), g)
	}
	if f.Year != 0 {
		g := f
		g.Year = 0
		add("Year", itoa(f.Year), g)
	}
	return active, words
}

func (s *Server) partyName(code string) string {
	pt, _ := s.cfg.Archive.LookupParty(code)
	return pt.Name
}

func (s *Server) topicName(slug string) string {
	t, _ := s.cfg.Vocabulary.Topic(slug)
	return t.Name
}

// commitmentEntry is m, of the unit u, as the page lists it.
func (s *Server) commitmentEntry(u Unit, m archive.Commitment) CommitmentEntry {
	e := CommitmentEntry{Unit: u, Phrase: m.Phrase(), Addressee: m.Addressee}
	if m.Actor == archive.UnresolvedActor {
		e.Actor = formats.UnresolvedActorName
	} else if m.Actor != "" {
		if pt, err := s.cfg.Archive.LookupParty(m.Actor); err == nil {
			e.Actor = pt.Name
		}
	}
	if m.Paragraph != nil && 0 <= m.Start && m.Start <= m.End && int(m.End) <= len(m.Paragraph.Text) {
		e.Before = tail(m.Paragraph.Text[:m.Start], 90)
		e.After = formats.Opening(m.Paragraph.Text[m.End:], 160)
	}
	return e
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
		s.serveKept(w, r) // rendered at start, or on first request
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
			s.errorPage(w, r, http.StatusBadRequest, paramProblem("topic", v, nil))
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
			s.errorPage(w, r, http.StatusBadRequest, paramProblem("type", v, s.cfg.Vocabulary))
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
