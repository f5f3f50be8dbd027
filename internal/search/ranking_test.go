package search

import (
	"context"
	"io/fs"
	"os"
	"path"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/content"
)

// rankFixture indexes the statements given by slug, each with its front
// matter's extra lines and its paragraphs, with the repository's
// vocabularies (so the parties' names and aliases).
func rankFixture(t *testing.T, docs map[string][2]string) *Index {
	t.Helper()
	m := fstest.MapFS{}
	vocab := os.DirFS("../../content")
	names, err := fs.Glob(vocab, "vocabulary/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(vocab, n)
		if err != nil {
			t.Fatal(err)
		}
		m[n] = &fstest.MapFile{Data: b}
	}
	for slug, d := range docs {
		src := "---\n" + d[0] + "kind: statement\ndate: " + slug[:10] + "\nlanguage: en\n---\n" + d[1]
		m[path.Join("documents", slug+".md")] = &fstest.MapFile{Data: []byte(src)}
	}
	a, err := content.Load(m)
	if err != nil {
		t.Fatalf("content.Load(fixture) = %v", err)
	}
	ix, err := Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// ranked is the hits of text as slug#eId, best first.
func rankedUnits(t *testing.T, ix *Index, text string) ([]string, *Results) {
	t.Helper()
	res, err := ix.Search(context.Background(), Query{Text: text})
	if err != nil {
		t.Fatalf("Search(%q) = %v", text, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Doc.Slug+"#"+h.EID)
	}
	return out, res
}

func wantOrder(t *testing.T, ix *Index, text string, want ...string) *Results {
	t.Helper()
	got, res := rankedUnits(t, ix, text)
	if !slices.Equal(got, want) {
		t.Errorf("Search(%q) = %q; want %q", text, got, want)
	}
	return res
}

// A unit is found by its own words first, and by its document's title and
// parties after, weighed less: a title does not put its document's units
// above those that say the word.
func TestRankOwnTextAboveContext(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-ee": {"title: Statement on maritime security\nparties: [EE]\n",
			"We will patrol the waters of the region with our allies.\n"},
		"2025-01-02-fi": {"title: Statement on fisheries\nparties: [FI]\n",
			"Maritime cooperation in the region matters to all of us, to our fishermen, to our ports and harbours, to our coastguards and to the many families who live from the sea and its riches.\n"},
		"2025-01-03-lv": {"title: Statement on trade\nparties: [LV]\n",
			"We will protect the ports of the region with our allies.\n"},
	})
	// The one unit that says "maritime" comes first, however long it is,
	// above the short one whose document's title says it.
	wantOrder(t, ix, "maritime", "2025-01-02-fi#p_1", "2025-01-01-ee#p_1")
	// The words of a query may be spread between a unit and its context:
	// the party by name or alias, the title.
	wantOrder(t, ix, "estonia patrol", "2025-01-01-ee#p_1")
	wantOrder(t, ix, "Latvia ports", "2025-01-03-lv#p_1")
	wantOrder(t, ix, "fisheries cooperation", "2025-01-02-fi#p_1")
	// A word in one unit's text and in another's context: the text first.
	wantOrder(t, ix, "allies trade", "2025-01-03-lv#p_1")
}

// Compounds match joined or apart, hyphenated or not.
func TestRankCompounds(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-a": {"title: A\nparties: [EE]\n",
			"Cybersecurity of the networks is our priority.\n\nWe fund demining of farmland.\n"},
		"2025-01-02-b": {"title: B\nparties: [FI]\n",
			"Cyber security of the networks is our priority.\n\nWe fund de-mining of farmland.\n"},
	})
	both := func(a, b string) []string { return []string{"2025-01-01-a#" + a, "2025-01-02-b#" + b} }
	for _, q := range []string{"cyber security", "cybersecurity", "Cyber Security"} {
		got, _ := rankedUnits(t, ix, q)
		slices.Sort(got)
		if want := both("p_1", "p_1"); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q; want %q", q, got, want)
		}
	}
	for _, q := range []string{"demining", "de-mining"} {
		got, _ := rankedUnits(t, ix, q)
		slices.Sort(got)
		if want := both("p_2", "p_2"); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q; want %q", q, got, want)
		}
	}
}

// An acronym a text defines finds the units that use it and those that
// spell it out, in any document; synonyms from the vocabulary likewise.
func TestRankAcronymsAndSynonyms(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-a": {"title: A\nparties: [KZ]\n",
			"We support the Trans-Caspian International Transport Route (TITR).\n\nFreight on the TITR grew.\n"},
		"2025-01-02-b": {"title: B\nparties: [AZ]\n",
			"The Trans-Caspian International Transport Route carries grain.\n\nNorth Korea must stop its missile launches.\n"},
	})
	want := []string{"2025-01-01-a#p_1", "2025-01-01-a#p_2", "2025-01-02-b#p_1"}
	for _, q := range []string{"TITR", "Trans-Caspian International Transport Route", "trans-caspian international transport route"} {
		got, _ := rankedUnits(t, ix, q)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q; want %q", q, got, want)
		}
	}
	if got, _ := rankedUnits(t, ix, "DPRK"); len(got) != 0 {
		t.Errorf("Search(DPRK) without synonyms = %q; want nothing", got)
	}
	ix.SetSynonyms([][]string{{"DPRK", "North Korea"}})
	wantOrder(t, ix, "DPRK missile", "2025-01-02-b#p_2")
	wantOrder(t, ix, "DPRK", "2025-01-02-b#p_2")
}

// Words Snowball would merge with others of another meaning stay apart.
func TestRankProtectedStems(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-a": {"title: A\nparties: [KZ]\n",
			"Goods in transit pay no duty.\n\nThe energy transition needs investment.\n\nThe joint organ meets twice a year.\n\nThe organisation of the summit was excellent.\n"},
	})
	wantOrder(t, ix, "transition", "2025-01-01-a#p_2")
	wantOrder(t, ix, "transit", "2025-01-01-a#p_1")
	wantOrder(t, ix, "organ", "2025-01-01-a#p_3")
	wantOrder(t, ix, "organization", "2025-01-01-a#p_4")
}

// A question drops its question words; when all the words match nothing,
// the units holding the most of them come first, with the words left out.
func TestRankQuestionsAndPartialMatches(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-a": {"title: A\nparties: [KZ]\n",
			"We agreed to expand trade and energy links.\n\nWe agreed to expand trade links.\n\nWe discussed the weather at length today.\n"},
	})
	for _, q := range []string{"what did they agree on trade?", "when did they agree on trade", "where and why would we agree on trade?"} {
		res := wantOrder(t, ix, q, "2025-01-01-a#p_2", "2025-01-01-a#p_1")
		if len(res.Partial) != 0 {
			t.Errorf("Search(%q).Partial = %q; want none when every word matches", q, res.Partial)
		}
	}
	res := wantOrder(t, ix, "trade energy hydrogen", "2025-01-01-a#p_1", "2025-01-01-a#p_2")
	if !slices.Equal(res.Partial, []string{"hydrogen"}) {
		t.Errorf("Partial = %q; want [hydrogen]", res.Partial)
	}
	// Filters stay required: the partial matches are within them.
	if got, _ := rankedUnits(t, ix, "trade hydrogen party:EE"); len(got) != 0 {
		t.Errorf("Search(trade hydrogen party:EE) = %q; want nothing", got)
	}
}

// Words that stand together rank above the same words scattered.
func TestRankProximity(t *testing.T) {
	ix := rankFixture(t, map[string][2]string{
		"2025-01-01-a": {"title: A\nparties: [KZ]\n",
			"Energy was discussed by the ministers, and security was discussed too.\n\nThe ministers discussed energy security, and the others discussed it too.\n"},
	})
	// The same words, as often, in units as long: only nearness tells
	// them apart (a tie would keep reading order).
	wantOrder(t, ix, "energy security", "2025-01-01-a#p_2", "2025-01-01-a#p_1")
}
