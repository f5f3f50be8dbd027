package archive

import (
	"strings"
	"testing"
	"time"
)

func TestNewPartiesChecks(t *testing.T) {
	kz := PartyEntry{Party: Party{Code: "KZ", Name: "Kazakhstan", Kind: State}}
	for _, tc := range []struct {
		entries []PartyEntry
		want    string
	}{
		{[]PartyEntry{kz, kz}, "party KZ is listed twice"},
		{[]PartyEntry{kz, {Party: Party{Code: "UNSC", Kind: Organ}, Parent: "UN"}}, "unknown parent UN"},
		{[]PartyEntry{kz, {Party: Party{Code: "CA5", Kind: Group}, Members: []string{"KZ", "UZ"}}}, "unknown member UZ"},
	} {
		if _, err := NewParties(tc.entries); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewParties = %v; want %q", err, tc.want)
		}
	}
}

// TestNamedAndWork: the issuer is named as the parties are; the work IRI
// names up to three parties, or the issuer, and a number when there is one.
func TestNamedAndWork(t *testing.T) {
	date := time.Date(2025, 6, 17, 0, 0, 0, 0, time.UTC)
	g7 := Party{Code: "G7", Name: "Group of Seven", Kind: Group}
	de := Party{Code: "DE", Name: "Germany", Kind: State}
	many := []Party{de, {Code: "FR"}, {Code: "IT"}, {Code: "JP"}}
	tests := []struct {
		d     Document
		named string
		work  string
	}{
		{Document{Kind: Statement, Date: date, Issuer: g7}, "G7", "/akn/g7/statement/statement/2025-06-17"},
		{Document{Kind: JointStatement, Date: date, Parties: []Party{de, {Code: "EU"}}}, "DE,EU", "/akn/de-eu/statement/joint/2025-06-17"},
		{Document{Kind: Declaration, Date: date, Parties: many}, "DE,FR,IT,JP", "/akn/int/statement/declaration/2025-06-17"},
		{Document{Kind: Communique, Date: date, Parties: many, Issuer: g7, Number: "2"}, "DE,FR,IT,JP,G7", "/akn/g7/statement/communique/2025-06-17/2"},
	}
	for _, tc := range tests {
		var codes []string
		for _, p := range tc.d.Named() {
			codes = append(codes, p.Code)
		}
		if strings.Join(codes, ",") != tc.named || tc.d.WorkIRI() != tc.work {
			t.Errorf("Named = %v, WorkIRI = %s; want %s, %s", codes, tc.d.WorkIRI(), tc.named, tc.work)
		}
	}
	d := &tests[0].d
	d.Slug, tests[1].d.Slug = "a", "b"
	if !d.Names("G7") || d.Names("DE") || d.HasParty("G7") {
		t.Error("a G7 statement names the G7 as issuer, not Germany, and has no parties")
	}
	a, err := New([]*Document{d, &tests[1].d})
	if err != nil {
		t.Fatal(err)
	}
	var stats []string
	for _, p := range a.Stats().Parties {
		stats = append(stats, p.Code)
	}
	if strings.Join(stats, ",") != "EU,DE,G7" { // by name; this EU has none
		t.Errorf("Stats().Parties = %v; want the issuer among them", stats)
	}
	if p, err := a.LookupParty("G7"); err != nil || p != g7 {
		t.Errorf("LookupParty(G7) without a vocabulary = %v, %v; want the issuer", p, err)
	}
}
