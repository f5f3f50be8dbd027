package formats

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
)

func worldDoc(t testing.TB, slug string) *archive.Document {
	t.Helper()
	fsys, err := synth.WithWorld(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := a.Document(slug)
	if !ok {
		t.Fatalf("no document %s", slug)
	}
	return d
}

// TestIssuerCitations: an organ is the author of its resolution, cited by
// its short name; the parties to a statement, states or organisations,
// issued it and are not its authors.
func TestIssuerCitations(t *testing.T) {
	d := worldDoc(t, "2008-06-19-unsc-1820")
	c := Citation{Doc: d, URL: "https://accord.example" + d.Path()}
	if got, want := c.Text(), "UN Security Council, Resolution 1820 (2008), New York, 19 June 2008"; got != want {
		t.Errorf("Text = %q; want %q", got, want)
	}
	if bib := string(c.BibTeX()); !strings.Contains(bib, "author       = {{United Nations Security Council}},") || strings.Contains(bib, "organization") {
		t.Errorf("BibTeX:\n%s", bib)
	}
	if ris := string(c.RIS()); !strings.Contains(ris, "AU  - United Nations Security Council\r\n") {
		t.Errorf("RIS:\n%s", ris)
	}
	csl, _ := c.CSLJSON()
	if !strings.Contains(string(csl), `"literal": "United Nations Security Council"`) {
		t.Errorf("CSL-JSON:\n%s", csl)
	}
	eu := worldDoc(t, "2025-04-04-eu-kazakhstan")
	if bib := string(Citation{Doc: eu}.BibTeX()); strings.Contains(bib, "author") || !strings.Contains(bib, "organization = {European Union and Kazakhstan},") {
		t.Errorf("BibTeX of an EU–KZ statement:\n%s", bib)
	}
	if ris := string(Citation{Doc: eu}.RIS()); strings.Contains(ris, "AU  -") || !strings.Contains(ris, "PB  - European Union and Kazakhstan\r\n") {
		t.Errorf("RIS of an EU–KZ statement:\n%s", ris)
	}
	feed, err := Site{Name: "Accord"}.Atom([]*archive.Document{d, eu})
	if err != nil || !strings.Contains(string(feed), "<name>United Nations Security Council</name>") || !strings.Contains(string(feed), "<name>European Union</name>") {
		t.Errorf("feed: %v\n%s", err, feed)
	}
}

// TestIssuerJSON: parties carry their kind; the issuer and number are given.
func TestIssuerJSON(t *testing.T) {
	d := worldDoc(t, "2008-06-19-unsc-1820")
	b, _ := json.Marshal(Site{}.DocumentSummary(d))
	for _, w := range []string{`"parties":[]`, `"issuer":{"code":"UNSC","name":"United Nations Security Council","kind":"organ"}`, `"number":"1820"`, `"work_uri":"/akn/unsc/statement/resolution/2008-06-19/1820"`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("JSON lacks %s: %s", w, b)
		}
	}
}

// TestIssuerAkomaNtoso: the issuer and every party are TLCOrganizations,
// authors and proponents; the subtype and number are the IRI's.
func TestIssuerAkomaNtoso(t *testing.T) {
	d := worldDoc(t, "2008-06-19-unsc-1820")
	b, err := AkomaNtoso(d, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`<FRBRthis value="/akn/unsc/statement/resolution/2008-06-19/1820/!main">`,
		`<FRBRauthor href="#unsc">`, `<FRBRcountry value="unsc">`, `<FRBRsubtype value="resolution">`, `<FRBRnumber value="1820">`,
		`<TLCOrganization eId="unsc" href="/ontology/organization/unsc" showAs="United Nations Security Council">`,
		`<docProponent refersTo="#unsc">United Nations Security Council</docProponent>`,
	} {
		if !strings.Contains(string(b), w) {
			t.Errorf("data.akn lacks %s", w)
		}
	}
	eu := worldDoc(t, "2025-04-04-eu-kazakhstan")
	b, _ = AkomaNtoso(eu, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, w := range []string{`<TLCOrganization eId="eu" href="/ontology/organization/eu" showAs="European Union">`, `<TLCOrganization eId="kz"`, `<FRBRsubtype value="joint">`, `<docProponent refersTo="#eu">European Union</docProponent>`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("data.akn of an EU–KZ statement lacks %s", w)
		}
	}
	if strings.Contains(string(b), "FRBRnumber") {
		t.Error("a work without a number has an FRBRnumber")
	}
}

// TestCallAddressee: a call's addressee, and an unresolved speaker, are
// served as the rules found them.
func TestCallAddressee(t *testing.T) {
	d := &archive.Document{Slug: "x"}
	p := &archive.Paragraph{Doc: d, Text: "Requests the Secretary-General to report."}
	call := &archive.CommitmentType{Code: "call", Name: "Call"}
	b, _ := json.Marshal(testSite.Commitment(archive.Commitment{Type: call, Actor: "UNSC", Paragraph: p, End: 8, Addressee: "the Secretary-General"}))
	if !strings.Contains(string(b), `"addressee":"the Secretary-General"`) {
		t.Errorf("call JSON = %s; want its addressee", b)
	}
	b, _ = json.Marshal(testSite.Commitment(archive.Commitment{Type: call, Actor: archive.UnresolvedActor, Paragraph: p, End: 8}))
	if s := string(b); !strings.Contains(s, `"actor":"unresolved"`) || !strings.Contains(s, `"actor_name":"`+UnresolvedActorName+`"`) || strings.Contains(s, "addressee") {
		t.Errorf("unresolved JSON = %s", b)
	}
}
