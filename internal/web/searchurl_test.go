package web

import (
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/accord-archive/accord/internal/search"
)

// TestSearchURLAsURLValues: a search's links are written as url.Values
// would encode them, whatever the values hold, and every facet's field is
// a parameter they carry.
func TestSearchURLAsURLValues(t *testing.T) {
	for field := range facetNames {
		if !slices.Contains(searchKeys[:], field) {
			t.Errorf("facet field %q is not among the search's parameters", field)
		}
	}
	values := []string{"", "cooperation", "a&b=c", "ü ñ “quoted”", "<script>", "100%", "a+b", " ", "EE", "united-nations", "#frag?x"}
	pick := func(r *rand.Rand) string { return values[r.IntN(len(values))] }
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var p searchParams
		p.q.Text, p.q.Doc, p.q.Party, p.q.Kind = pick(r), pick(r), pick(r), pick(r)
		p.q.Commitment, p.q.Actor, p.q.Topic, p.q.Entity = pick(r), pick(r), pick(r), pick(r)
		p.q.Year = []int{0, 1995, 2025}[r.IntN(3)]
		p.q.Sort = []search.Sort{search.ByRelevance, search.ByNewest, search.ByOldest}[r.IntN(3)]
		p.q.Page = r.IntN(4)
		key := searchKeys[r.IntN(len(searchKeys))]
		value := pick(r)
		if key == "page" {
			value = []string{"", "1", "2"}[r.IntN(3)]
		}
		if got, want := p.url(key, value), urlByValues(p, key, value); got != want {
			t.Fatalf("url(%q, %q) of %+v = %q; url.Values makes %q", key, value, p.q, got, want)
		}
	}
}

// urlByValues is how url was first written, with url.Values.
func urlByValues(p searchParams, key, value string) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", p.q.Text)
	set("doc", p.q.Doc)
	set("party", p.q.Party)
	if p.q.Year != 0 {
		set("year", strconv.Itoa(p.q.Year))
	}
	set("kind", p.q.Kind)
	set("commitment", p.q.Commitment)
	set("actor", p.q.Actor)
	set("topic", p.q.Topic)
	set("entity", p.q.Entity)
	set("sort", string(p.q.Sort))
	v.Del(key)
	set(key, value)
	if key == "page" && value == "1" {
		v.Del("page")
	}
	return "/search?" + v.Encode()
}
