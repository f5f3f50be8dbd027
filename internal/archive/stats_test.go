package archive

import (
	"reflect"
	"testing"
)

// TestStatsKept: Stats, counted once and kept, hands each caller lists of
// its own.
func TestStatsKept(t *testing.T) {
	a, err := New([]*Document{{Slug: "a", Kind: "joint-statement", Parties: []Party{{Code: "EE", Name: "Estonia"}}}})
	if err != nil {
		t.Fatal(err)
	}
	first := a.Stats()
	want := a.count()
	first.Parties[0].Name, first.Kinds[0], first.Years[0] = "changed", "changed", 1
	if got := a.Stats(); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats after a caller changed its lists = %+v; want %+v", got, want)
	}
}
