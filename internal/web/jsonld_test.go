package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONLDStatement: the seed, a joint statement, is a CreativeWork of
// its genre made at Astana by its parties' governments, not Legislation
// with jurisdictions, and Accord publishes only the record; a treaty is
// Legislation. The clause page's data is part of the document's.
func TestJSONLDStatement(t *testing.T) {
	s := seed(t)
	d := seedDoc(t)
	ld, _ := json.Marshal(s.documentLD(d, nil))
	got := string(ld)
	want := []string{
		`"@type":"CreativeWork"`, `"genre":"Joint statement"`,
		`"locationCreated":{"@type":"Place","name":"Astana"}`,
		`"creator":[{"@type":"GovernmentOrganization","identifier":"KZ"`,
		`"sdPublisher":{"@type":"Organization","name":"Accord"`,
		`"sdLicense":"` + s.cfg.Licence.URL + `"`,
		`"identifier":"https://accord.example/akn/kz-ee/statement/joint/2025-11-17"`,
	}
	if m := contains(got, want...); m != nil {
		t.Errorf("the seed's JSON-LD lacks %q:\n%s", m, got)
	}
	for _, bad := range []string{"Legislation", "legislationJurisdiction", "spatialCoverage", "contentLocation", `"publisher"`, `"Country"`} {
		if strings.Contains(got, bad) {
			t.Errorf("the seed's JSON-LD has %s:\n%s", bad, got)
		}
	}
	c, _ := d.Clause(3)
	ld, _ = json.Marshal(s.documentLD(d, c))
	if m := contains(string(ld), `"@type":"CreativeWork"`, `"name":"`+d.Title+`, para. 3"`, `"isPartOf":{`); m != nil {
		t.Errorf("clause 3's JSON-LD lacks %q: %s", m, ld)
	}
	if ldType("treaty") != "Legislation" || ldType("agreement") != "Legislation" || ldType("resolution") != "CreativeWork" {
		t.Error("a treaty or an agreement is not Legislation, or a resolution is")
	}
	// On the page, as a reader of it finds it.
	if page := body(t, get(t, s.Handler(), "GET", "/documents/"+seedSlug+"/clauses/3")); !strings.Contains(page, `"@type":"CreativeWork"`) || strings.Contains(page, "Legislation") {
		t.Error("clause 3's page does not carry its CreativeWork")
	}
}
