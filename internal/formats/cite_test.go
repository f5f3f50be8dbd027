package formats

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

func TestCitations(t *testing.T) {
	d := seed(t)
	c3, _ := d.Clause(3)
	tests := []struct {
		name     string
		cite     Citation
		wantText string
	}{
		{"document", Citation{Doc: d, URL: "https://accord.example/documents/2025-11-17-kazakhstan-estonia"},
			"Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia, Astana, 17 November 2025"},
		{"clause 3", Citation{Doc: d, Clause: c3, URL: "https://accord.example/documents/2025-11-17-kazakhstan-estonia/clauses/3"},
			"Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia, Astana, 17 November 2025, para. 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cite.Text(); got != tt.wantText {
				t.Errorf("Text() = %q; want %q", got, tt.wantText)
			}
			name := strings.ReplaceAll(tt.name, " ", "")
			golden(t, name+".bib", tt.cite.BibTeX())
			golden(t, name+".ris", tt.cite.RIS())
			csl, err := tt.cite.CSLJSON()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".csl.json", csl)
			checkBibTeX(t, tt.cite.BibTeX())
			checkRIS(t, tt.cite.RIS())
			checkCSL(t, csl, tt.cite.Pinpoint())
		})
	}
}

// checkBibTeX applies BibTeX's rules: one @type{key, entry, braces
// balanced, every field "name = {value}" or a month macro.
func checkBibTeX(t *testing.T, b []byte) {
	t.Helper()
	s := string(b)
	if !regexp.MustCompile(`^@misc\{[A-Za-z0-9_:-]+,\n`).MatchString(s) {
		t.Errorf("BibTeX entry does not open with @misc{key,: %q", s)
	}
	depth := 0
	for i, r := range strings.NewReplacer(`\{`, "", `\}`, "").Replace(s) {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Fatalf("BibTeX braces unbalanced at byte %d: %q", i, s)
		}
	}
	if depth != 0 {
		t.Errorf("BibTeX braces unbalanced: %d left open in %q", depth, s)
	}
	field := regexp.MustCompile(`^  [a-z]+ += (\{.*\}|[a-z]{3}),$`)
	lines := strings.Split(strings.TrimSuffix(s, "}\n"), "\n")
	for _, l := range lines[1 : len(lines)-1] {
		if !field.MatchString(l) {
			t.Errorf("BibTeX field line %q is not name = {value},", l)
		}
	}
}

// checkRIS applies RIS's rules: "XX  - value" lines, TY first, ER last.
func checkRIS(t *testing.T, b []byte) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	tag := regexp.MustCompile(`^[A-Z][A-Z0-9]  - `)
	for _, l := range lines {
		if !tag.MatchString(l) {
			t.Errorf("RIS line %q is not 'XX  - value'", l)
		}
	}
	if !strings.HasPrefix(lines[0], "TY  - ") || lines[len(lines)-1] != "ER  - " {
		t.Errorf("RIS record must start with TY and end with ER: %q", lines)
	}
}

// checkCSL checks the CSL-JSON item's required shape: an array of items,
// each with id and a CSL type, names and dates in CSL's structures.
func checkCSL(t *testing.T, b []byte, pinpoint string) {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal(b, &items); err != nil || len(items) != 1 {
		t.Fatalf("CSL-JSON = %v, %v; want an array of one item", items, err)
	}
	it := items[0]
	if it["id"] == "" || it["type"] != "document" || it["title"] == "" {
		t.Errorf("CSL-JSON item id, type, title = %v, %v, %v", it["id"], it["type"], it["title"])
	}
	parts := it["issued"].(map[string]any)["date-parts"].([]any)[0].([]any)
	if len(parts) != 3 || parts[0].(float64) != 2025 || parts[1].(float64) != 11 || parts[2].(float64) != 17 {
		t.Errorf("issued date-parts = %v; want [[2025 11 17]]", parts)
	}
	if got, _ := it["note"].(string); got != pinpoint {
		t.Errorf("note = %q; want %q", got, pinpoint)
	}
}

// TestProvisionCitations: any provision of a tree is cited by its labels
// as printed (Provision.Cite), in the text, BibTeX, RIS and CSL-JSON
// alike, under a key of its own.
func TestProvisionCitations(t *testing.T) {
	treaty, communique := synth.TreeTreaty(), synth.TreeCommunique()
	for _, tt := range []struct {
		doc       *archive.Document
		eid, want string
	}{
		{treaty, "art_1__para_1__subpara_b", "Chapter I, Art. 1(1)(b)"},
		{treaty, "art_1__para_1__subpara_a__point_ii", "Chapter I, Art. 1(1)(a)(ii)"},
		{treaty, "art_3", "Chapter II, Art. 3"},
		{treaty, "att_1__para_2", "Annex I, para. 2"},
		{communique, "para_2__item_1", "para. 2, bullet 1"},
		{communique, "para_3", "para. 3"},
	} {
		p, ok := tt.doc.Provision(tt.eid)
		if !ok {
			t.Fatalf("%s: no provision %s", tt.doc.Slug, tt.eid)
		}
		c := Citation{Doc: tt.doc, Clause: p, URL: testSite.URL(p.Path())}
		if got := c.Pinpoint(); got != tt.want {
			t.Errorf("%s: pinpoint %q; want %q", tt.eid, got, tt.want)
		}
		if got := c.Text(); !strings.HasSuffix(got, ", "+tt.want) || !strings.HasPrefix(got, tt.doc.Title) {
			t.Errorf("%s: Text() = %q; want the title, then %q", tt.eid, got, tt.want)
		}
		bib := c.BibTeX()
		checkBibTeX(t, bib)
		if !strings.Contains(string(bib), "note         = {"+bibEscape(tt.want)+"}") || !strings.Contains(string(bib), "@misc{"+tt.doc.Slug+"-") {
			t.Errorf("%s: BibTeX without its key or pinpoint:\n%s", tt.eid, bib)
		}
		ris := c.RIS()
		checkRIS(t, ris)
		if !strings.Contains(string(ris), "N1  - "+tt.want+"\r\n") || !strings.Contains(string(ris), "UR  - https://accord.example/documents/") {
			t.Errorf("%s: RIS without its pinpoint:\n%s", tt.eid, ris)
		}
		csl, err := c.CSLJSON()
		if err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := json.Unmarshal(csl, &items); err != nil || len(items) != 1 || items[0]["note"] != tt.want || items[0]["section"] != tt.want {
			t.Errorf("%s: CSL-JSON %s; want note and section %q", tt.eid, csl, tt.want)
		}
	}
	// Every provision has a key of its own.
	keys := map[string]string{}
	for _, d := range synth.Trees() {
		d.Walk(func(p *archive.Provision) bool {
			k := Citation{Doc: d, Clause: p}.key()
			if prev, dup := keys[k]; dup {
				t.Errorf("%s and %s share the citation key %s", prev, p.EID(), k)
			}
			keys[k] = p.EID()
			return true
		})
	}
}
