package search

import (
	"slices"
	"strings"
	"testing"
)

// terms is the analysed form of s: each token's term, in stream order.
func terms(s string) []string {
	var out []string
	for _, t := range newAnalyzer().Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

func TestAnalyzeDebug(t *testing.T) {
	for _, s := range []string{"Trans-Caspian", "Kazakhstan’s Kazakhstan's Kazakhstans", "Belém", "emphasised emphasized emphasize emphasizing emphasis", "SDGs SDG sdgs COP30 TITR", "commitments commitment committed", "people-to people", "organisations organizations", "recognised recognized recognize", "precise precisely rise size wise exercise exercised", "centre center centres", "3-4 April", "dialogue dialog", "Presidents’ Rectors’", "programmes programs", "party:EE"} {
		t.Logf("%q -> %s", s, strings.Join(terms(s), " "))
	}
	_ = slices.Equal[[]string]
}
