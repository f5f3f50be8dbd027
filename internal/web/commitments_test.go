package web

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/search"
)

// unitsWhere lists the eIds of the seed's units whose classification
// satisfies keep, in reading order.
func unitsWhere(t *testing.T, keep func(d *archive.Document, cl *archive.Classification) bool) []string {
	var out []string
	seed(t).eachUnit(func(d *archive.Document, c *archive.Clause, p *archive.Paragraph, cl *archive.Classification) {
		if keep(d, cl) {
			if c != nil {
				out = append(out, c.EID())
			} else {
				out = append(out, p.EID())
			}
		}
	})
	return out
}

func hitEIDs(t *testing.T, q search.Query) []string {
	t.Helper()
	q.PerPage = 50
	res, err := seed(t).cfg.Search.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.EID)
	}
	slices.Sort(out)
	return out
}

func TestSearchByClassification(t *testing.T) {
	h := seed(t).Handler()
	tests := []struct {
		name   string
		q      search.Query
		target string
		keep   func(d *archive.Document, cl *archive.Classification) bool
	}{
		{"every agreement", search.Query{Commitment: "agreement"}, "/search?commitment=agreement",
			func(_ *archive.Document, cl *archive.Classification) bool { return cl.HasCommitment("agreement") }},
		{"what Estonia alone said on cooperation", search.Query{Text: "cooperation", Actor: "EE"}, "/search?q=cooperation&actor=EE",
			func(_ *archive.Document, cl *archive.Classification) bool {
				return slices.ContainsFunc(cl.Commitments, func(m archive.Commitment) bool { return m.Actor == "EE" }) &&
					strings.Contains(strings.ToLower(unitText(cl)), "cooperation")
			}},
		{"topic", search.Query{Topic: "transport"}, "/search?topic=transport",
			func(_ *archive.Document, cl *archive.Classification) bool { return cl.HasTopic("transport") }},
		{"entity and words", search.Query{Text: "sustainable", Entity: "united-nations"}, "/search?q=sustainable&entity=united-nations",
			func(_ *archive.Document, cl *archive.Classification) bool {
				return cl.HasEntity("united-nations") && strings.Contains(strings.ToLower(unitText(cl)), "sustainab")
			}},
		{"in the query", search.Query{Text: "commitment:support topic:education"}, "/search?q=commitment%3Asupport+topic%3Aeducation",
			func(_ *archive.Document, cl *archive.Classification) bool {
				return cl.HasCommitment("support") && cl.HasTopic("education")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := unitsWhere(t, tt.keep)
			slices.Sort(want)
			if len(want) == 0 {
				t.Fatal("the seed has no such unit: the test tests nothing")
			}
			if got := hitEIDs(t, tt.q); !slices.Equal(got, want) {
				t.Errorf("Search(%+v) = %q; want %q", tt.q, got, want)
			}
			page := body(t, get(t, h, http.MethodGet, tt.target))
			for _, eid := range want {
				if !strings.Contains(page, "#"+eid+`">Read in context`) {
					t.Errorf("GET %s lacks %s", tt.target, eid)
				}
			}
		})
	}
}

// unitText is the text of the paragraphs a classification's commitments,
// or failing those its unit, are in: enough for the tests' word checks.
func unitText(cl *archive.Classification) string {
	var b strings.Builder
	for _, m := range cl.Commitments {
		if m.Paragraph != nil {
			if m.Paragraph.Clause != nil {
				b.WriteString(m.Paragraph.Clause.Text())
			} else {
				b.WriteString(m.Paragraph.Text)
			}
		}
	}
	return b.String()
}

func TestClassificationPages(t *testing.T) {
	h := seed(t).Handler()
	doc := "/documents/" + seedSlug
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"commitments", "/commitments", 200, []string{`id="agreement"`, `<span class="verb verb-agreement">agreed to expand</span>`, `href="` + doc + `/clauses/2"`, "Estonia"}},
		{"commitments by party", "/commitments?party=EE", 200, []string{"Party: Estonia", "welcomed"}},
		{"commitments by topic and year", "/commitments?topic=transport&year=2025", 200, []string{"Topic: Transport", `href="` + doc + `/clauses/3"`}},
		{"commitments bad topic", "/commitments?topic=nope", 400, []string{"is not a topic"}},
		{"commitments bad party", "/commitments?party=Estonia", 400, []string{"is not a party’s code"}},
		{"one commitment type", "/commitments?type=reaffirmation", 200, []string{"Type: Reaffirmation", `<span class="verb verb-reaffirmation">underlined</span>`}},
		{"commitment type bad", "/commitments?type=promise", 400, []string{"is not a kind of commitment"}},
		{"commitment type page past the end", "/commitments?type=agreement&page=3", 404, []string{"There is no page 3"}},
		{"topic page past the end", "/topics/transport?page=2", 404, []string{"There is no page 2"}},
		{"topic page not a number", "/topics/transport?page=two", 400, []string{"is not a page number"}},
		{"topics", "/topics", 200, []string{`href="/topics/transport"`, `href="/topics/climate"`}},
		{"topic", "/topics/transport", 200, []string{`href="` + doc + `/clauses/3"`, `href="/search?topic=transport"`}},
		{"entities", "/entities", 200, []string{`href="/entities/united-nations"`, `href="/entities/titr"`}},
		{"entity", "/entities/titr", 200, []string{`href="` + doc + `/clauses/3"`}},
		{"entity named nowhere", "/entities/zambia", 200, []string{"No paragraph in the archive touches this yet"}},
		{"unknown topic", "/topics/nope", 404, []string{"no topic called “nope”"}},
		{"unknown entity", "/entities/nope", 404, []string{"knows no organisation"}},
		{"clause shows what it does", doc + "/clauses/2", 200, []string{"What this paragraph does", "“agreed to expand”", `href="/topics/trade"`}},
		{"document labels its clauses on demand", doc + "?analysis=1", 200, []string{`class="tag tag-agreement" href="/commitments#agreement"`, `href="/entities/united-nations"`, `<span class="verb verb-agreement" title="Agreement">agreed to expand</span>`}},
		{"search facets", "/search?q=cooperation", 200, []string{"Who commits", `href="/search?commitment=agreement&amp;q=cooperation"`}},
		{"search bad commitment", "/search?commitment=promise", 400, []string{"is not a kind of commitment"}},
		{"search bad actor", "/search?actor=Estonia", 400, []string{"is not an actor"}},
		{"search bad topic", "/search?topic=%3Cb%3E", 400, []string{"is not a topic"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, http.MethodGet, tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s = %d; want %d\n%s", tt.path, res.StatusCode, tt.status, b)
			}
			if m := contains(b, tt.want...); len(m) > 0 {
				t.Errorf("GET %s lacks %q", tt.path, m)
			}
			checkHTML(t, tt.path, b)
			checkReflection(t, tt.path, b)
		})
	}
}

// TestCommitmentCountsLeadWhereTheySay: every count on /commitments, under
// any filter, is the number of commitments its link lists.
func TestCommitmentCountsLeadWhereTheySay(t *testing.T) {
	s := seed(t)
	for _, f := range []commitmentsFilter{{}, {Type: "agreement"}, {Party: "EE"}, {Party: "EE", Type: "support"}, {Topic: "political-dialogue"}, {Year: 2025, Type: "reaffirmation"}} {
		p := s.commitmentsPage(f)
		links := slices.Concat(p.Parties, p.Topics, p.Years, p.Types)
		for _, l := range links {
			if l.Active {
				continue
			}
			if got := s.commitmentsPage(parseCommitmentsURL(t, l.URL)).Total; got != l.Count {
				t.Errorf("on %s, %q says %d but %s holds %d", f.url(), l.Label, l.Count, l.URL, got)
			}
		}
		if f.Type != "" && len(p.Groups) == 1 && p.Groups[0].Total != p.Total {
			t.Errorf("%s: the type says %d, the page %d", f.url(), p.Groups[0].Total, p.Total)
		}
	}
}

func parseCommitmentsURL(t *testing.T, u string) commitmentsFilter {
	t.Helper()
	v, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := v.Query()
	f := commitmentsFilter{Party: q.Get("party"), Topic: q.Get("topic"), Type: q.Get("type")}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	return f
}

// countingArchive is a small archive built by hand for countCommitments:
// two documents, newest first, with joint and single-party commitments.
func countingArchive() []*archive.Document {
	agreement := &archive.CommitmentType{Code: "agreement", Name: "Agreement", Strength: 1}
	reaffirmation := &archive.CommitmentType{Code: "reaffirmation", Name: "Reaffirmation", Strength: 3}
	support := &archive.CommitmentType{Code: "support", Name: "Support", Strength: 4}
	transport := &archive.Topic{Slug: "transport", Name: "Transport"}
	trade := &archive.Topic{Slug: "trade", Name: "Trade"}
	kz, ee, fr := archive.Party{Code: "KZ", Name: "Kazakhstan"}, archive.Party{Code: "EE", Name: "Estonia"}, archive.Party{Code: "FR", Name: "France"}
	doc := func(slug string, year int, parties ...archive.Party) *archive.Document {
		return &archive.Document{Slug: slug, Date: time.Date(year, 5, 1, 0, 0, 0, 0, time.UTC), Parties: parties}
	}
	clause := func(d *archive.Document, topics []*archive.Topic, commitments ...archive.Commitment) {
		c := &archive.Clause{Doc: d, Number: len(d.Clauses) + 1}
		c.Paragraphs = []*archive.Paragraph{{Doc: d, Clause: c, Index: 1}}
		for i := range commitments {
			commitments[i].Paragraph = c.Paragraphs[0]
		}
		c.Classification = archive.Classification{Topics: topics, Commitments: commitments}
		d.Clauses = append(d.Clauses, c)
	}
	d1 := doc("d1", 2025, kz, ee)
	p := &archive.Paragraph{Doc: d1, Index: 1, Classification: &archive.Classification{}}
	p.Classification.Commitments = []archive.Commitment{{Type: reaffirmation, Paragraph: p}}
	d1.Preamble = []*archive.Paragraph{p}
	clause(d1, []*archive.Topic{transport}, archive.Commitment{Type: agreement}, archive.Commitment{Type: support, Actor: "EE"})
	clause(d1, []*archive.Topic{trade}, archive.Commitment{Type: agreement, Actor: "KZ"})
	d2 := doc("d2", 2024, ee, fr)
	clause(d2, []*archive.Topic{transport}, archive.Commitment{Type: agreement})
	return []*archive.Document{d1, d2}
}

// manyAgreements is one document whose one clause holds n joint agreements.
func manyAgreements(n int) []*archive.Document {
	agreement := &archive.CommitmentType{Code: "agreement", Name: "Agreement", Strength: 1}
	d := &archive.Document{Slug: "many", Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Parties: []archive.Party{{Code: "EE", Name: "Estonia"}}}
	c := &archive.Clause{Doc: d, Number: 1}
	c.Paragraphs = []*archive.Paragraph{{Doc: d, Clause: c, Index: 1}}
	for range n {
		c.Commitments = append(c.Commitments, archive.Commitment{Type: agreement, Paragraph: c.Paragraphs[0]})
	}
	d.Clauses = []*archive.Clause{c}
	return []*archive.Document{d}
}

// shownString writes the commitments shown as "type actor@doc#eId", in order.
func shownString(shown []shownCommitment) string {
	var b strings.Builder
	for _, m := range shown {
		eid := m.Para.EID()
		fmt.Fprintf(&b, "%s %s@%s#%s; ", m.Type.Code, cmp.Or(m.Actor, "joint"), m.Doc.Slug, eid)
	}
	return b.String()
}

func TestCountCommitments(t *testing.T) {
	all := "reaffirmation joint@d1#preamble__p_1; agreement joint@d1#para_1; support EE@d1#para_1; agreement KZ@d1#para_2; agreement joint@d2#para_1; "
	type counts = map[string]int
	tests := []struct {
		name    string
		docs    []*archive.Document
		f       commitmentsFilter
		total   int
		byType  counts
		parties counts
		topics  counts
		years   counts
		shown   string
	}{
		{"everything", countingArchive(), commitmentsFilter{}, 5,
			counts{"agreement": 3, "support": 1, "reaffirmation": 1},
			counts{"KZ": 3, "EE": 4, "FR": 1}, counts{"transport": 3, "trade": 1}, counts{"2025": 4, "2024": 1}, all},
		{"a party: its own and the joint ones of its documents", countingArchive(), commitmentsFilter{Party: "EE"}, 4,
			counts{"agreement": 2, "support": 1, "reaffirmation": 1},
			counts{"KZ": 3, "EE": 4, "FR": 1}, counts{"transport": 3}, counts{"2025": 3, "2024": 1},
			"reaffirmation joint@d1#preamble__p_1; agreement joint@d1#para_1; support EE@d1#para_1; agreement joint@d2#para_1; "},
		{"a topic", countingArchive(), commitmentsFilter{Topic: "transport"}, 3,
			counts{"agreement": 2, "support": 1},
			counts{"KZ": 1, "EE": 3, "FR": 1}, counts{"transport": 3, "trade": 1}, counts{"2025": 2, "2024": 1},
			"agreement joint@d1#para_1; support EE@d1#para_1; agreement joint@d2#para_1; "},
		{"a year", countingArchive(), commitmentsFilter{Year: 2024}, 1,
			counts{"agreement": 1},
			counts{"EE": 1, "FR": 1}, counts{"transport": 1}, counts{"2025": 4, "2024": 1},
			"agreement joint@d2#para_1; "},
		{"a type: every type still counted, the sidebars of that type", countingArchive(), commitmentsFilter{Type: "agreement", Page: 1}, 3,
			counts{"agreement": 3, "support": 1, "reaffirmation": 1},
			counts{"KZ": 2, "EE": 2, "FR": 1}, counts{"transport": 2, "trade": 1}, counts{"2025": 2, "2024": 1},
			"agreement joint@d1#para_1; agreement KZ@d1#para_2; agreement joint@d2#para_1; "},
		{"a type, past its last page", countingArchive(), commitmentsFilter{Type: "agreement", Page: 2}, 3,
			counts{"agreement": 3, "support": 1, "reaffirmation": 1},
			counts{"KZ": 2, "EE": 2, "FR": 1}, counts{"transport": 2, "trade": 1}, counts{"2025": 2, "2024": 1}, ""},
		{"filters that leave nothing", countingArchive(), commitmentsFilter{Party: "FR", Topic: "trade"}, 0,
			counts{}, counts{"KZ": 1}, counts{"transport": 1}, counts{}, ""},
		{"the overview shows a few of each type", manyAgreements(12), commitmentsFilter{}, 12,
			counts{"agreement": 12}, counts{"EE": 12}, counts{}, counts{"2025": 12},
			strings.Repeat("agreement joint@many#para_1; ", commitmentsPreview)},
		{"one type shows a page of unitsPerPage", manyAgreements(unitsPerPage + 10), commitmentsFilter{Type: "agreement", Page: 2}, unitsPerPage + 10,
			counts{"agreement": unitsPerPage + 10}, counts{"EE": unitsPerPage + 10}, counts{}, counts{"2025": unitsPerPage + 10},
			strings.Repeat("agreement joint@many#para_1; ", 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := countCommitments(tt.docs, tt.f, nil)
			if c.Total != tt.total {
				t.Errorf("Total = %d; want %d", c.Total, tt.total)
			}
			for name, m := range map[string][2]counts{
				"ByType": {c.ByType, tt.byType}, "Parties": {c.Parties, tt.parties},
				"Topics": {c.Topics, tt.topics}, "Years": {c.Years, tt.years},
			} {
				if !maps.Equal(m[0], m[1]) {
					t.Errorf("%s = %v; want %v", name, m[0], m[1])
				}
			}
			if got := shownString(c.Shown); got != tt.shown {
				t.Errorf("Shown = %s\nwant    %s", got, tt.shown)
			}
		})
	}
}

// A reader filtering commitments by topic sees what was committed to on
// it: clause 2's "agreed to expand cooperation in … trade and investment"
// is a trade agreement, though its next sentence names transport.
func TestCommitmentsByTopicArePreciseToThePhrase(t *testing.T) {
	h := seed(t).Handler()
	transport := body(t, get(t, h, http.MethodGet, "/commitments?topic=transport"))
	if strings.Contains(transport, ">agreed to expand</span>") {
		t.Error("/commitments?topic=transport lists clause 2's agreement on trade")
	}
	if m := contains(transport, ">reaffirmed</span> commitment to deepening collaboration in key sectors, including transport"); m != nil {
		t.Errorf("/commitments?topic=transport lacks %q", m)
	}
	trade := body(t, get(t, h, http.MethodGet, "/commitments?topic=trade"))
	if !strings.Contains(trade, ">agreed to expand</span>") {
		t.Error("/commitments?topic=trade lacks clause 2's agreement")
	}
}
