package web

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
)

// worldServer serves the repository's content with synth.World's texts:
// parties of every kind.
var worldServer = sync.OnceValues(func() (*Server, error) {
	fsys, err := synth.WithWorld(os.DirFS("../../content"))
	if err != nil {
		return nil, err
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		return nil, err
	}
	return newTestServer(a, rules)
})

func world(t testing.TB) *Server {
	t.Helper()
	s, err := worldServer()
	if err != nil {
		t.Fatalf("world server: %v", err)
	}
	return s
}

// TestPartiesOnPages: every kind of party is named on the pages, and a
// party filter matches what names it as a party or issuer, and nothing
// else: a group's members are not its communiqué's parties.
func TestPartiesOnPages(t *testing.T) {
	h := world(t).Handler()
	const (
		eu     = "/documents/2025-04-04-eu-kazakhstan"
		unsc   = "/documents/2008-06-19-unsc-1820"
		g7     = "/documents/2025-06-17-g7-kananaskis"
		su     = "/documents/1975-08-01-union-of-soviet-socialist-republics-final-act"
		kosovo = "/documents/2020-09-04-kosovo-serbia-united-states"
		forty  = "/documents/2024-07-10-albania-washington-summit"
	)
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"organisation and state", eu, 200, []string{`<a href="/documents?party=EU">European Union</a>`, `<a href="/documents?party=KZ">Kazakhstan</a>`, "Parties (2)"}, nil},
		{"organ as issuer", unsc, 200, []string{"Issued by", `<a href="/documents?party=UNSC">United Nations Security Council</a>`, "(organ)"}, []string{"<dt>Parties"}},
		{"group as issuer", g7, 200, []string{`<a href="/documents?party=G7">Group of Seven</a>`, "(group)"}, nil},
		{"former states", su, 200, []string{"Union of Soviet Socialist Republics", "German Democratic Republic", "Yugoslavia", "Czechoslovakia"}, nil},
		{"limited recognition", kosovo, 200, []string{`<a href="/documents?party=XK">Kosovo</a>`}, nil},
		{"forty parties, all listed", forty, 200, append([]string{"Parties (40)"}, partyLinks(synth.FortyParties)...), nil},
		{"filter by organisation", "/documents?party=EU", 200, []string{eu + `"`, "European Union"}, []string{unsc + `"`, g7 + `"`, "/documents/" + seedSlug + `"`}},
		{"filter by organ", "/documents?party=UNSC", 200, []string{unsc + `"`}, []string{eu + `"`}},
		{"filter by group", "/documents?party=g7", 200, []string{g7 + `"`}, []string{eu + `"`}},
		{"a member is not the group", "/documents?party=DE", 200, nil, []string{g7 + `"`}},
		{"filter by former state", "/documents?party=SU", 200, []string{su + `"`}, nil},
		{"filter by limited recognition", "/documents?party=XK", 200, []string{kosovo + `"`}, nil},
		{"party facets name organisations", "/documents", 200, []string{`href="/documents?party=EU"`, `href="/documents?party=UNSC"`, `href="/documents?party=G7"`, `href="/documents?party=XK"`, "United Nations Security Council", "Group of Seven"}, nil},
		{"home lists issuers among parties", "/", 200, []string{`href="/documents?party=UNSC"`}, nil},
		{"unknown code", "/documents?party=ZZZ", 400, []string{"is not a party’s code"}, nil},
		{"search by issuer", "/search?q=party:UNSC+council", 200, []string{"2008-06-19-unsc-1820"}, []string{"2025-04-04-eu-kazakhstan/"}},
		{"search filter by organisation", "/search?q=cooperation&party=EU", 200, []string{"2025-04-04-eu-kazakhstan"}, []string{"2024-05-10-netherlands-estonia"}},
		{"actor may be an organisation", "/search?q=reforms&actor=EU", 200, []string{"2025-04-04-eu-kazakhstan"}, nil},
		{"commitments by organisation", "/commitments?party=EU", 200, []string{"European Union"}, nil},
		{"joint commitments of a group's statement", "/commitments?party=G7", 200, []string{"G7 Leaders&#39; Statement on Recent Developments"}, []string{"Joint Statement by the European Union"}},
		{"a long list is cut on one line", "/documents?party=NZ", 200, []string{"and 37 others"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, h, http.MethodGet, tc.path)
			b := body(t, r)
			if r.StatusCode != tc.status {
				t.Fatalf("GET %s = %d; want %d", tc.path, r.StatusCode, tc.status)
			}
			if m := contains(b, tc.want...); len(m) > 0 {
				t.Errorf("GET %s lacks %q", tc.path, m)
			}
			for _, n := range tc.not {
				if strings.Contains(b, n) {
					t.Errorf("GET %s has %q", tc.path, n)
				}
			}
		})
	}
}

func partyLinks(codes []string) []string {
	var out []string
	for _, c := range codes {
		out = append(out, `href="/documents?party=`+c+`"`)
	}
	return out
}

// TestJSONLDParties: a state's government and an organisation create the
// text; an issuer alone creates a resolution.
func TestJSONLDParties(t *testing.T) {
	s := world(t)
	d, _ := s.cfg.Archive.Document("2008-06-19-unsc-1820")
	ld, _ := json.Marshal(s.documentLD(d, nil))
	if !strings.Contains(string(ld), `"creator":[{"@type":"Organization","identifier":"UNSC"`) {
		t.Errorf("JSON-LD of a resolution: %s", ld)
	}
	d, _ = s.cfg.Archive.Document("2025-04-04-eu-kazakhstan")
	ld, _ = json.Marshal(s.documentLD(d, nil))
	if m := contains(string(ld), `{"@type":"Organization","identifier":"EU"`, `{"@type":"GovernmentOrganization","identifier":"KZ"`); len(m) > 0 {
		t.Errorf("JSON-LD of an EU–KZ statement lacks %q: %s", m, ld)
	}
}

// TestEveryAKNIRIResolves: every Akoma Ntoso IRI that any document's
// data.akn writes answers: a work with its document's page, an expression
// or manifestation with that very document's data.akn.
func TestEveryAKNIRIResolves(t *testing.T) {
	s := world(t)
	h := s.Handler()
	seen := 0
	for _, d := range s.cfg.Archive.Documents() {
		akn := body(t, get(t, h, http.MethodGet, d.Path()+"/data.akn"))
		dec := xml.NewDecoder(strings.NewReader(akn))
		var subtype string
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			for _, a := range se.Attr {
				if se.Name.Local == "FRBRsubtype" {
					subtype = a.Value
				}
				if strings.HasPrefix(a.Value, "/ontology/") {
					seen++
					checkReference(t, h, d.Slug, se, a.Value)
					continue
				}
				if !strings.HasPrefix(a.Value, "/akn/") {
					continue
				}
				seen++
				r := get(t, h, http.MethodGet, a.Value)
				want := d.Path() + "/data.akn"
				if !strings.Contains(a.Value, "@") {
					want = d.Path()
					if d.Language != "en" { // a translation's work is the English text's
						want = strings.TrimSuffix(d.Path(), "-"+d.Language)
					}
				}
				if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || loc != want {
					t.Errorf("%s: <%s %s=%q> answers %d %q; want 303 %s", d.Slug, se.Name.Local, a.Name.Local, a.Value, r.StatusCode, loc, want)
				}
			}
		}
		if want := d.WorkSubtype(); subtype != want || !strings.Contains(d.WorkIRI(), "/statement/"+subtype+"/") {
			t.Errorf("%s: FRBRsubtype %q; the work IRI %s has %q", d.Slug, subtype, d.WorkIRI(), want)
		}
	}
	if seen < 8*len(s.cfg.Archive.Documents()) {
		t.Errorf("%d IRIs in %d documents; want 8 each at least", seen, len(s.cfg.Archive.Documents()))
	}
}

// TestAKNExpressionsThatDoNotExist: a language or version the archive
// does not hold is not found, rather than sent to another text.
func TestAKNExpressionsThatDoNotExist(t *testing.T) {
	h := world(t).Handler()
	tests := []struct {
		path   string
		status int
		loc    string
	}{
		{"/akn/kz-ee/statement/joint/2025-11-17/eng@2025-11-17", 303, "/documents/" + seedSlug + "/data.akn"},
		{"/akn/kz-ee/statement/joint/2025-11-17/eng@", 303, "/documents/" + seedSlug + "/data.akn"},
		{"/akn/kz-ee/statement/joint/2025-11-17/fra@2025-11-17", 404, ""},
		{"/akn/kz-ee/statement/joint/2025-11-17/eng@2024-01-01", 404, ""},
		{"/akn/kz-ee/statement/joint/2025-11-17/eng@/!other", 404, ""},
		{"/akn/eu-kz/statement/joint/2025-04-04/rus@", 303, "/documents/2025-04-04-eu-kazakhstan-ru/data.akn"},
		{"/akn/eu-kz/statement/joint/2025-04-04/eng@", 303, "/documents/2025-04-04-eu-kazakhstan/data.akn"},
		{"/akn/eu-kz/statement/joint/2025-04-04", 303, "/documents/2025-04-04-eu-kazakhstan"},
		{"/akn/nl-ee/statement/agreement/2024-05-10", 303, "/documents/2024-05-10-netherlands-estonia"},
		{"/akn/nl-ee/statement/agreement/2024-05-10/2", 303, "/documents/2024-05-10-netherlands-estonia-defence"},
		{"/akn/nl-ee/statement/agreement/2024-05-10/3", 404, ""},
		{"/akn/unsc/statement/resolution/2008-06-19/1820", 303, "/documents/2008-06-19-unsc-1820"},
		{"/ontology/organization/unsc", 303, "/documents?party=UNSC"},
		{"/ontology/organization/zz", 404, ""},
		{"/ontology/organization/UNSC", 404, ""},
		{"/ontology/location/astana", 303, "/entities/astana"},
		{"/ontology/location/new-york", 303, "/search?q=%22New+York%22"},
		{"/ontology/location/atlantis", 404, ""},
		{"/ontology/location/%D1%81%D0%B0%D0%BC%D0%B0%D1%80%D0%BA%D0%B0%D0%BD%D0%B4", 303, "/search?q=%22%D0%A1%D0%B0%D0%BC%D0%B0%D1%80%D0%BA%D0%B0%D0%BD%D0%B4%22"},
		{"/ontology/person/x", 404, ""},
	}
	for _, tc := range tests {
		r := get(t, h, http.MethodGet, tc.path)
		if r.StatusCode != tc.status || r.Header.Get("Location") != tc.loc {
			t.Errorf("GET %s = %d %q; want %d %q", tc.path, r.StatusCode, r.Header.Get("Location"), tc.status, tc.loc)
		}
	}
}

// checkReference: a TLC reference of data.akn leads to the party's
// documents (Accord's to /about), a place to a page that answers.
func checkReference(t *testing.T, h http.Handler, slug string, se xml.StartElement, iri string) {
	t.Helper()
	var eid string
	for _, a := range se.Attr {
		if a.Name.Local == "eId" {
			eid = a.Value
		}
	}
	r := get(t, h, http.MethodGet, iri)
	loc := r.Header.Get("Location")
	want := loc
	switch {
	case eid == "accord":
		want = "/about"
	case se.Name.Local == "TLCOrganization":
		want = "/documents?party=" + strings.ToUpper(eid)
	}
	if r.StatusCode != http.StatusSeeOther || loc != want || loc == "" {
		t.Errorf("%s: <%s href=%q> answers %d %q; want 303 %s", slug, se.Name.Local, iri, r.StatusCode, loc, want)
		return
	}
	if r := get(t, h, http.MethodGet, loc); r.StatusCode != http.StatusOK {
		t.Errorf("%s: %s leads to %s, which answers %d", slug, iri, loc, r.StatusCode)
	}
}

// TestCallsNameTheirAddressee: a call is addressed to someone, and the
// commitments page says to whom, as printed, beside who calls.
func TestCallsNameTheirAddressee(t *testing.T) {
	res := get(t, world(t).Handler(), http.MethodGet, "/commitments?type=call")
	b := body(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /commitments?type=call = %d", res.StatusCode)
	}
	if missing := contains(b, "United Nations Security Council", `<span class="addressee">to the Secretary-General</span>`); len(missing) > 0 {
		t.Errorf("/commitments?type=call lacks %q", missing)
	}
}
