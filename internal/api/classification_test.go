package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// getJSON decodes the JSON answer to GET path, which must be 200.
func getJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	resp, err := http.Get(base + "/api/v1" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d; want 200", path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", path, err)
	}
}

type unitKey struct{ doc, eid string }

// unitsWhere lists the seed's units whose classification passes keep.
func unitsWhere(a *archive.Archive, keep func(*archive.Classification) bool) []unitKey {
	var out []unitKey
	for _, d := range a.Documents() {
		for _, p := range d.Preamble {
			if keep(p.Classification) {
				out = append(out, unitKey{d.Slug, p.EID()})
			}
		}
		for _, c := range d.Clauses {
			if keep(&c.Classification) {
				out = append(out, unitKey{d.Slug, c.EID()})
			}
		}
	}
	return out
}

func TestSearchByCommitmentType(t *testing.T) {
	srv, a := newTestAPIArchive(t)
	want := unitsWhere(a, func(cl *archive.Classification) bool { return cl.HasCommitment("agreement") })
	if len(want) == 0 {
		t.Fatal("the seed has no unit with an agreement; the test needs one")
	}
	var got []unitKey
	for page := 1; ; page++ {
		var res searchResults
		getJSON(t, srv.URL, "/search?commitment=agreement&sort=newest&per_page=50&page="+strconv.Itoa(page), &res)
		for _, h := range res.Hits {
			got = append(got, unitKey{h.Document.Slug, h.EID})
		}
		if page >= res.Pages {
			break
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("search commitment=agreement = %v; want %v", got, want)
	}
}

func TestCommitments(t *testing.T) {
	srv, a := newTestAPIArchive(t)
	tests := []struct {
		name   string
		filter CommitmentFilter
		query  string
	}{
		{"all", CommitmentFilter{}, ""},
		{"Estonia", CommitmentFilter{Party: "EE"}, "party=EE"},
		{"Kazakhstan on a topic", CommitmentFilter{Party: "KZ", Topic: "regional-cooperation"}, "party=kz&topic=regional-cooperation"},
		{"support in 2025", CommitmentFilter{Type: "support", Year: 2025}, "type=support&year=2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var list commitmentList
			getJSON(t, srv.URL, "/commitments?"+tt.query, &list)

			want := 0
			for _, d := range a.Documents() {
				for _, u := range append(units(d), clauses(d)...) {
					for _, m := range u.Commitments {
						if tt.filter.Match(d, u, m) {
							want++
						}
					}
				}
			}
			if list.Total != want || len(list.Commitments) != want {
				t.Fatalf("/commitments?%s: total %d, %d listed; want %d", tt.query, list.Total, len(list.Commitments), want)
			}
			for i, c := range list.Commitments {
				if c.Text[c.Start:c.End] != c.Phrase {
					t.Errorf("commitment %d: text[%d:%d] = %q; want the phrase %q", i, c.Start, c.End, c.Text[c.Start:c.End], c.Phrase)
				}
				if p := tt.filter.Party; p != "" && c.Actor != nil && *c.Actor != p {
					t.Errorf("commitment %d: actor %s; want %s or null", i, *c.Actor, p)
				}
				if c.Actor == nil && c.ActorName != formats.JointActorName {
					t.Errorf("commitment %d: joint, actor_name %q; want %q", i, c.ActorName, formats.JointActorName)
				}
				if i == 0 {
					continue
				}
				prev := list.Commitments[i-1]
				if prev.Strength > c.Strength || prev.Strength == c.Strength && prev.Document.Date < c.Document.Date {
					t.Errorf("commitment %d (%s, %s) after (%s, %s); want strongest type first, then newest", i, c.Type, c.Document.Date, prev.Type, prev.Document.Date)
				}
			}
		})
	}
}

// units and clauses are the classifications of d's preamble paragraphs
// and of its clauses.
func units(d *archive.Document) []*archive.Classification {
	var out []*archive.Classification
	for _, p := range d.Preamble {
		out = append(out, p.Classification)
	}
	return out
}

func clauses(d *archive.Document) []*archive.Classification {
	var out []*archive.Classification
	for _, c := range d.Clauses {
		out = append(out, &c.Classification)
	}
	return out
}

func TestTopicsAndEntities(t *testing.T) {
	srv, a := newTestAPIArchive(t)

	var topics topicList
	getJSON(t, srv.URL, "/topics", &topics)
	if topics.Total == 0 {
		t.Fatal("/topics lists no topic")
	}
	for _, tp := range topics.Topics {
		want := unitsWhere(a, func(cl *archive.Classification) bool { return cl.HasTopic(tp.Slug) })
		if tp.Count != len(want) {
			t.Errorf("/topics: %s count %d; want %d", tp.Slug, tp.Count, len(want))
		}
		var page topicUnits
		getJSON(t, srv.URL, "/topics/"+url.PathEscape(tp.Slug), &page)
		if got := unitKeys(page.Units); !slices.Equal(got, want) || page.Total != len(want) {
			t.Errorf("/topics/%s: total %d, units %v; want %v", tp.Slug, page.Total, got, want)
		}
	}

	var entities entityList
	getJSON(t, srv.URL, "/entities", &entities)
	if entities.Total == 0 {
		t.Fatal("/entities lists no entity")
	}
	for _, e := range entities.Entities {
		want := unitsWhere(a, func(cl *archive.Classification) bool { return cl.HasEntity(e.Slug) })
		if e.Count == 0 || e.Count != len(want) {
			t.Errorf("/entities: %s count %d; want %d, never 0", e.Slug, e.Count, len(want))
		}
		var page entityUnits
		getJSON(t, srv.URL, "/entities/"+url.PathEscape(e.Slug), &page)
		if got := unitKeys(page.Units); !slices.Equal(got, want) {
			t.Errorf("/entities/%s: units %v; want %v", e.Slug, got, want)
		}
	}
}

func unitKeys(us []unitJSON) []unitKey {
	var out []unitKey
	for _, u := range us {
		out = append(out, unitKey{u.Document.Slug, u.EID})
	}
	return out
}

// TestDocumentClassification checks that preamble paragraphs and clauses
// carry their classification, a clause's paragraphs do not, and every
// commitment's offsets find its phrase in the paragraph its eid names.
func TestDocumentClassification(t *testing.T) {
	srv := newTestAPI(t)
	var d formats.DocumentJSON
	getJSON(t, srv.URL, "/documents/2025-11-17-kazakhstan-estonia", &d)
	text := map[string]string{}
	for _, p := range d.Preamble {
		text[p.EID] = p.Text
	}
	for _, c := range d.Clauses {
		for _, p := range c.Paragraphs {
			text[p.EID] = p.Text
			if p.Classification != nil {
				t.Errorf("paragraph %s of clause %d has a classification; want it on the clause only", p.EID, c.Number)
			}
		}
	}
	var all []*formats.ClassificationJSON
	for _, p := range d.Preamble {
		all = append(all, p.Classification)
	}
	for _, c := range d.Clauses {
		all = append(all, c.Classification)
	}
	n := 0
	for _, cl := range all {
		if cl == nil {
			continue
		}
		for _, m := range cl.Commitments {
			n++
			if got := text[m.EID][m.Start:m.End]; got != m.Phrase {
				t.Errorf("commitment in %s: text[%d:%d] = %q; want %q", m.EID, m.Start, m.End, got, m.Phrase)
			}
		}
	}
	if n == 0 {
		t.Error("the seed document has no commitments in its JSON")
	}
	if d.Preamble[0].Classification == nil {
		t.Error("preamble paragraph 1 has no classification")
	}
}
