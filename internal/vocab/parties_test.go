package vocab

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// TestDefaultParties: the shipped vocabulary holds every kind of party,
// and the two-letter codes mean what they meant.
func TestDefaultParties(t *testing.T) {
	v := DefaultParties()
	if n := len(v.ByKind(archive.State)); n < 249+5 {
		t.Errorf("%d states; want the 249 ISO 3166-1 codes, Kosovo and the former states", n)
	}
	tests := []struct {
		code, name string
		kind       archive.PartyKind
	}{
		{"KZ", "Kazakhstan", archive.State}, {"EE", "Estonia", archive.State}, {"US", "United States", archive.State},
		{"PS", "Palestine, State of", archive.State}, {"TW", "Taiwan", archive.State}, {"XK", "Kosovo", archive.State},
		{"SU", "Union of Soviet Socialist Republics", archive.State}, {"YU", "Yugoslavia", archive.State},
		{"CS", "Czechoslovakia", archive.State}, {"DD", "German Democratic Republic", archive.State},
		{"EU", "European Union", archive.Organisation}, {"UN", "United Nations", archive.Organisation},
		{"NATO", "North Atlantic Treaty Organization", archive.Organisation},
		{"UNSC", "United Nations Security Council", archive.Organ}, {"UNGA", "United Nations General Assembly", archive.Organ},
		{"G7", "Group of Seven", archive.Group}, {"C5P1", "C5+1", archive.Group},
	}
	for _, tc := range tests {
		p, err := v.LookupParty(tc.code)
		if err != nil || p.Name != tc.name || p.Kind != tc.kind {
			t.Errorf("LookupParty(%s) = %+v, %v; want %s, a %s", tc.code, p, err, tc.name, tc.kind)
		}
	}
	if e, _ := v.Entry("UNSC"); e.Parent != "UN" {
		t.Errorf("UNSC's parent = %q; want UN", e.Parent)
	}
	if e, _ := v.Entry("G7"); strings.Join(e.Members, ",") != "CA,FR,DE,IT,JP,GB,US,EU" {
		t.Errorf("G7's members = %v", e.Members)
	}
	if e, _ := v.Entry("SU"); !e.Historical() || e.Until.Format(time.DateOnly) != "1991-12-26" {
		t.Errorf("SU = %+v; want a former state until 1991-12-26", e)
	}
	if e, _ := v.Entry("XK"); !e.Limited {
		t.Error("XK is not of limited recognition")
	}
	for alias, code := range map[string]string{"the U.S.": "US", "the United States of America": "US", "the ROK": "KR", "the Union": "EU", "Security Council": "UNSC", "the Council": "CEU", "Soviet Union": "SU"} {
		if p, ok := v.Resolve(alias); !ok || p.Code != code {
			t.Errorf("Resolve(%q) = %v, %v; want %s", alias, p.Code, ok, code)
		}
	}
}

// TestPartiesErrors: every problem of parties.yaml is reported at its line.
func TestPartiesErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"duplicate code", "parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - {code: KZ, name: Kasachstan, kind: state}\n",
			[]string{"vocabulary/parties.yaml:3: duplicate code KZ: already defined on line 2"}},
		{"unknown member", "parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - code: CA5\n    name: Central Asia\n    kind: group\n    members: [KZ, QQ]\n",
			[]string{"vocabulary/parties.yaml:6: unknown member QQ: it is not a code of this vocabulary"}},
		{"bad kind", "parties:\n  - {code: KZ, name: Kazakhstan, kind: country}\n",
			[]string{`vocabulary/parties.yaml:2: bad kind "country": want one of state, organisation, organ, group`}},
		{"organ without parent", "parties:\n  - {code: UNSC, name: Security Council, kind: organ}\n",
			[]string{"vocabulary/parties.yaml:2: organ UNSC has no parent: name its organisation, e.g. parent: UN"}},
		{"parent not an organisation", "parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - {code: SEN, name: Senate, kind: organ, parent: KZ}\n",
			[]string{"vocabulary/parties.yaml:3: parent KZ is a state: an organ's parent is an organisation"}},
		{"group without members", "parties:\n  - {code: G7, name: Group of Seven, kind: group}\n",
			[]string{"vocabulary/parties.yaml:2: group G7 has no members: list them, e.g. members: [KZ, UZ]"}},
		{"bad state code", "parties:\n  - {code: KAZ, name: Kazakhstan, kind: state}\n",
			[]string{`vocabulary/parties.yaml:2: bad code "KAZ": a state's code is its two upper-case ISO 3166-1 letters (or a user-assigned one such as XK)`}},
		{"alias twice", "parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - {code: KG, name: Kyrgyzstan, kind: state, aliases: [Kazakhstan]}\n",
			[]string{`vocabulary/parties.yaml:3: KG: name or alias "Kazakhstan" is already KZ (line 2)'s`}},
		{"unknown field", "parties:\n  - {code: KZ, name: Kazakhstan, kind: state, capital: Astana}\n",
			[]string{`vocabulary/parties.yaml:2: unknown field "capital" in a party: the fields are code, name, short, kind, aliases, parent, members, recognition, from, until`}},
		{"bad date", "parties:\n  - {code: SU, name: USSR, kind: state, until: 1991}\n",
			[]string{`vocabulary/parties.yaml:2: bad until date "1991": want YYYY-MM-DD`}},
		{"not YAML", "parties:\n  - {code: KZ\n  - x: [\n", []string{"vocabulary/parties.yaml:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, problems := LoadParties(fstest.MapFS{PartiesFile: {Data: []byte(tc.src)}})
			if v != nil {
				t.Fatalf("loaded; want %q", tc.want)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			for i, w := range tc.want {
				if i >= len(got) || !strings.HasPrefix(got[i], w) {
					t.Errorf("problems = %q; want %q", got, tc.want)
					break
				}
			}
		})
	}
}

// TestNoPartiesFileIsTheDefault: a content tree written before the
// vocabulary existed reads its parties as before.
func TestNoPartiesFileIsTheDefault(t *testing.T) {
	v, problems := LoadParties(fstest.MapFS{})
	if len(problems) > 0 || v != DefaultParties() {
		t.Errorf("LoadParties(no file) = %p, %v; want the default", v, problems)
	}
}
