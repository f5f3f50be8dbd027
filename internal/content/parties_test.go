package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/vocab"
)

func partyDoc(front string) []byte {
	return []byte("---\ntitle: T\nkind: statement\ndate: 2025-06-17\n" + front + "---\nA paragraph.\n")
}

// TestIssuerAndParties: a document names parties, an issuer, or both;
// codes come from the vocabulary; a former state only while it existed.
func TestIssuerAndParties(t *testing.T) {
	tests := []struct {
		name, front string
		want        string // "" for no problem
	}{
		{"parties", "parties: [EU, KZ]\n", ""},
		{"issuer alone", "issuer: UNSC\n", ""},
		{"issuer and parties", "issuer: G7\nparties: [CA, FR]\n", ""},
		{"neither", "place: Nowhere\n", "documents/x.md:1: missing parties in front matter: name the parties, or the issuer"},
		{"unknown issuer", "issuer: UNSCX\n", `documents/x.md:5: issuer: unknown party "UNSCX"`},
		{"lower-case issuer", "issuer: unsc\n", `documents/x.md:5: issuer code "unsc" must be upper case: UNSC`},
		{"number", "parties: [NL, EE]\nnumber: \"2\"\n", ""},
		{"bad number", "parties: [NL, EE]\nnumber: S/RES/1820\n", `documents/x.md:6: bad number "S/RES/1820"`},
		{"former state out of its time", "parties: [SU, US]\n", "documents/x.md:5: Union of Soviet Socialist Republics did not exist on 2025-06-17: it existed from 1922-12-30 to 1991-12-26"},
		{"limited recognition", "parties: [XK, RS]\n", ""},
		{"the issuer as an actor", "issuer: UNSC\nclassification:\n  p_1:\n    commitments: [{type: support, phrase: paragraph, actor: UNSC}]\n", ""},
		{"an actor neither party nor issuer", "issuer: UNSC\nclassification:\n  p_1:\n    commitments: [{type: support, phrase: paragraph, actor: UNGA}]\n", `documents/x.md:8: actor "UNGA" is not a party of this document`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("documents/x.md", partyDoc(tc.front))
			if tc.want == "" {
				if errs != nil {
					t.Fatalf("errors: %v", errs)
				}
				return
			}
			if errs == nil || !strings.HasPrefix(errs[0].Error(), tc.want) {
				t.Errorf("errors = %v; want %q", errs, tc.want)
			}
		})
	}
	d, errs := Parse("documents/x.md", partyDoc("issuer: UNSC\nnumber: \"1820\"\n"))
	if errs != nil || d.Issuer.Code != "UNSC" || d.Issuer.Kind != archive.Organ || len(d.Parties) != 0 || d.Number != "1820" {
		t.Errorf("Parse = %+v, %v; want issuer UNSC, no parties, number 1820", d, errs)
	}
}

// TestSameWork: two documents of one work IRI and language are refused,
// both files named; a number or another language tells them apart.
func TestSameWork(t *testing.T) {
	tree := func(files map[string]string) error {
		fsys := fstest.MapFS{}
		for name, front := range files {
			fsys["documents/"+name] = &fstest.MapFile{Data: partyDoc(front)}
		}
		_, err := Load(fsys)
		return err
	}
	err := tree(map[string]string{"a.md": "parties: [NL, EE]\n", "b.md": "parties: [NL, EE]\n"})
	want := "documents/b.md:1: work IRI /akn/nl-ee/statement/statement/2025-06-17 (en) is also that of documents/a.md: give one of them a number:"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("same work: %v; want %q", err, want)
	}
	if err := tree(map[string]string{"a.md": "parties: [NL, EE]\n", "b.md": "parties: [NL, EE]\nnumber: \"2\"\n"}); err != nil {
		t.Errorf("told apart by a number: %v", err)
	}
	if err := tree(map[string]string{"a.md": "parties: [NL, EE]\n", "b.md": "parties: [NL, EE]\nlanguage: et\n"}); err != nil {
		t.Errorf("a text and its translation: %v", err)
	}
	err = tree(map[string]string{"a.md": "issuer: G7\n", "b.md": "issuer: G7\n"})
	if err == nil || !strings.Contains(err.Error(), "documents/b.md:1: work IRI /akn/g7/") || !strings.Contains(err.Error(), "documents/a.md") {
		t.Errorf("two statements of the G7 in a day: %v", err)
	}
}

// TestWorldLoads: the world of test texts loads, each with its work IRI.
func TestWorldLoads(t *testing.T) {
	a, err := Load(synth.World())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"2008-06-19-unsc-1820":                   "/akn/unsc/statement/resolution/2008-06-19/1820",
		"2024-07-10-albania-washington-summit":   "/akn/int/statement/declaration/2024-07-10",
		"2025-04-04-eu-kazakhstan":               "/akn/eu-kz/statement/joint/2025-04-04",
		"2025-04-04-eu-kazakhstan-ru":            "/akn/eu-kz/statement/joint/2025-04-04",
		"2024-05-10-netherlands-estonia-defence": "/akn/nl-ee/statement/agreement/2024-05-10/2",
	}
	for slug, iri := range want {
		d, ok := a.Document(slug)
		if !ok || d.WorkIRI() != iri {
			t.Errorf("%s: work IRI %v; want %s", slug, d, iri)
		}
	}
	if p, err := a.LookupParty("G7"); err != nil || p.Kind != archive.Group {
		t.Errorf("the archive's LookupParty(G7) = %v, %v", p, err)
	}
}

// TestBadPartiesFile: the party vocabulary's problems are the content's,
// at their lines, and the documents are still checked.
func TestBadPartiesFile(t *testing.T) {
	fsys := fstest.MapFS{
		vocab.PartiesFile: {Data: []byte("parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - {code: KZ, name: Again, kind: stat}\n")},
		"documents/x.md":  {Data: partyDoc("parties: [KZ, QQ]\n")},
	}
	_, err := Load(fsys)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v; want an ErrorList", err)
	}
	got := list.Error()
	for _, w := range []string{
		"documents/x.md:5: unknown party \"QQ\"",
		"vocabulary/parties.yaml:3: bad kind \"stat\"",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
}

// TestDeriveSlug: short, readable, the seed's as released, and never
// longer than MaxSlug however many parties.
func TestDeriveSlug(t *testing.T) {
	v := vocab.DefaultParties()
	parties := func(codes ...string) []archive.Party {
		var out []archive.Party
		for _, c := range codes {
			p, err := v.LookupParty(c)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
		}
		return out
	}
	unsc, _ := v.LookupParty("UNSC")
	date := time.Date(2025, 11, 17, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		parties []archive.Party
		issuer  archive.Party
		title   string
		number  string
		want    string
	}{
		{"the seed", parties("KZ", "EE"), archive.Party{}, "Joint Statement of the Presidents", "", "2025-11-17-kazakhstan-estonia"},
		{"organisation", parties("EU", "KZ"), archive.Party{}, "", "", "2025-11-17-eu-kazakhstan"},
		{"organ", nil, unsc, "Resolution 1820 (2008)", "1820", "2025-11-17-unsc-1820"},
		{"many parties", parties(synth.FortyParties...), archive.Party{}, "Washington Summit Declaration", "", "2025-11-17-albania-washington-summit"},
		{"three long names", parties("CD", "VC", "GS"), archive.Party{}, "", "", "2025-11-17-congo-the-democratic-republic-of-the-saint-vincent-and-the-grenadines"},
	}
	for _, tc := range tests {
		got := DeriveSlug(date, tc.parties, tc.issuer, tc.title, tc.number)
		if got != tc.want || len(got) > MaxSlug || !slugPattern.MatchString(got) {
			t.Errorf("%s: DeriveSlug = %q (%d bytes); want %q", tc.name, got, len(got), tc.want)
		}
	}
}
