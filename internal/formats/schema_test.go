package formats

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/testenv"
)

// The golden files are written by the code they test (-update), so they
// are also checked here against what did not come from that code: the
// published schemas, where the machine has them (schemaFile), the seed's
// verbatim source, and the structure Akoma Ntoso prescribes
// (TestAkomaNtosoStructure).

// schemaFile is the path of a published schema named by the environment
// variable env, or skips the test saying where the schema is published.
// The schemas are not in any package the tests may install, and they are
// not shipped here, so they are never required: a maintainer who has
// them sets the variable (make check passes it through).
func schemaFile(t *testing.T, env, what string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		t.Skipf("%s: set %s to the schema's path to validate against it", what, env)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s=%s: %v", env, p, err)
	}
	return p
}

// synthDocs are documents of every kind and shape the generator makes,
// beside the seed: one to three parties, places or none, second paragraphs.
func synthDocs() []*archive.Document { return synth.Generate(3, 12, 4) }

// TestAkomaNtosoSchema validates data.akn of the seed (the golden file and
// what AkomaNtoso writes now), of synthetic documents, of the hand-built
// trees (a treaty, a communiqué, a resolution) and of the content loader's
// documents in trees against the OASIS
// Akoma Ntoso 3.0 XSD, with xmllint. Without xmllint the test is skipped,
// or fails where the tools are required (make check, CI).
func TestAkomaNtosoSchema(t *testing.T) {
	xsd := schemaFile(t, "ACCORD_AKN_XSD", "the OASIS Akoma Ntoso 3.0 XSD (docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd, with the xml.xsd it imports beside it)")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		testenv.Missing(t, "no xmllint to validate Akoma Ntoso against its XSD: apt-get install libxml2-utils; `make check` does this")
	}
	dir := t.TempDir()
	files := []string{filepath.Join("testdata", "seed.akn")}
	write := func(name string, d *archive.Document) {
		out, err := AkomaNtoso(d, manifestationDate)
		if err != nil {
			t.Fatalf("AkomaNtoso(%s): %v", d.Slug, err)
		}
		name = filepath.Join(dir, name)
		if err := os.WriteFile(name, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	write("seed.akn", seed(t))
	kinds := map[archive.Kind]bool{}
	for _, d := range synthDocs() {
		kinds[d.Kind] = true
		write(d.Slug+".akn", d)
	}
	for _, d := range slices.Concat(synth.Trees(), loaderFixtures(t), []*archive.Document{oddTree()}) {
		write(d.Slug+".akn", d)
	}
	if len(kinds) < 5 {
		t.Errorf("the synthetic documents are of %d kinds; want a wider sample", len(kinds))
	}
	if bad := validateXSD(t, xmllint, xsd, files); len(bad) > 0 {
		t.Errorf("not valid Akoma Ntoso 3.0:\n%s", strings.Join(bad, "\n"))
	}
}

// validateXSD runs xmllint on files and returns its complaints, one per
// line, each naming the file and line.
func validateXSD(t *testing.T, xmllint, schema string, files []string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, xmllint, append([]string{"--noout", "--nonet", "--schema", schema}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var bad []string
	for line := range strings.Lines(stderr.String()) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasSuffix(line, " validates") {
			bad = append(bad, line)
		}
	}
	if err != nil && len(bad) == 0 {
		// xmllint's exit codes: 3 and 4 are invalid documents, 5 a schema
		// that does not compile; either way it said why on stderr.
		t.Fatalf("xmllint: %v\n%s", err, stderr.String())
	}
	if err == nil && len(bad) > 0 {
		t.Fatalf("xmllint succeeded but complained:\n%s", strings.Join(bad, "\n"))
	}
	return bad
}

// TestCSLJSONSchema validates cite.csl.json of the seed, the document and a
// clause (the golden files and what CSLJSON writes now), and of synthetic
// documents, against the CSL-JSON schema.
func TestCSLJSONSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	sch, err := c.Compile(schemaFile(t, "ACCORD_CSL_SCHEMA", "the CSL-JSON schema (csl-data.json, from the Citation Style Language schema repository)"))
	if err != nil {
		t.Fatalf("compile the CSL-JSON schema: %v", err)
	}
	check := func(name string, b []byte) {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: not JSON: %v", name, err)
			return
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s is not valid CSL-JSON: %v", name, err)
		}
	}
	for _, name := range []string{"document.csl.json", "clause3.csl.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		check("testdata/"+name, b)
	}
	docs := append([]*archive.Document{seed(t)}, synthDocs()...)
	for _, d := range append(docs, synth.Trees()...) {
		url := testSite.BaseURL + d.Path()
		cites := []Citation{{Doc: d, URL: url}}
		for _, cl := range d.Clauses[:min(2, len(d.Clauses))] {
			cites = append(cites, Citation{Doc: d, Clause: cl, URL: testSite.BaseURL + cl.Path()})
		}
		if d.Kind == archive.Treaty { // every provision of a tree
			d.Walk(func(p *archive.Provision) bool {
				cites = append(cites, Citation{Doc: d, Clause: p, URL: testSite.URL(p.Path())})
				return true
			})
		}
		for _, cite := range cites {
			b, err := cite.CSLJSON()
			if err != nil {
				t.Fatalf("CSLJSON(%s): %v", cite.URL, err)
			}
			check(cite.URL, b)
		}
	}
}

// seedSource is the seed's verbatim text, split as its editor wrote it:
// the preamble paragraphs, then each clause's paragraphs.
func seedSource(t *testing.T) (date string, preamble []string, clauses [][]string) {
	t.Helper()
	b, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	d, err := time.Parse("January 2, 2006", lines[0])
	if err != nil {
		t.Fatalf("the source's date line %q: %v", lines[0], err)
	}
	numbered := regexp.MustCompile(`^(\d+)\. `)
	for _, line := range lines[1:] {
		switch m := numbered.FindStringSubmatch(line); {
		case m != nil:
			if m[1] != fmt.Sprint(len(clauses)+1) {
				t.Fatalf("the source's clause %s follows clause %d", m[1], len(clauses))
			}
			clauses = append(clauses, []string{line[len(m[0]):]})
		case len(clauses) == 0:
			preamble = append(preamble, line)
		default:
			clauses[len(clauses)-1] = append(clauses[len(clauses)-1], line)
		}
	}
	return d.Format(time.DateOnly), preamble, clauses
}

// TestDocumentJSONMatchesSource reads the golden seed.json as a client
// would and holds it to the seed's verbatim source: every paragraph there,
// in order, with its eId and addresses, the counts, and each commitment's
// offsets pointing at its phrase.
func TestDocumentJSONMatchesSource(t *testing.T) {
	date, preamble, clauses := seedSource(t)
	b, err := os.ReadFile(filepath.Join("testdata", "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	type commitment struct {
		Phrase     string `json:"phrase"`
		EID        string `json:"eid"`
		Start, End int
	}
	type classification struct {
		Commitments []commitment `json:"commitments"`
	}
	type paragraph struct {
		EID, Text, URL string
		Classification *classification `json:"classification"`
	}
	var doc struct {
		Slug, Title, Date, URL string
		APIURL                 string            `json:"api_url"`
		ClauseCount            int               `json:"clause_count"`
		PreambleCount          int               `json:"preamble_paragraph_count"`
		Formats                map[string]string `json:"formats"`
		Preamble               []paragraph
		Clauses                []struct {
			Document       string
			Number         int
			EID, Text      string
			URL            string
			ContextURL     string `json:"context_url"`
			APIURL         string `json:"api_url"`
			Citation       string
			Paragraphs     []paragraph
			Classification *classification `json:"classification"`
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("seed.json: %v", err)
	}

	const slug = "2025-11-17-kazakhstan-estonia"
	page := "https://accord.example/documents/" + slug
	if doc.Slug != slug || doc.Date != date || doc.URL != page || doc.APIURL != "https://accord.example/api/v1/documents/"+slug {
		t.Errorf("slug, date, url, api_url = %q, %q, %q, %q; want %q, %q (the source's), %q and the API's", doc.Slug, doc.Date, doc.URL, doc.APIURL, slug, date, page)
	}
	wantFormats := map[string]string{
		"html": page, "json": page + "/data.json", "akn": page + "/data.akn", "akn_xml": page + "/data.xml", "txt": page + "/data.txt", "md": page + "/data.md",
		"bibtex": page + "/cite.bib", "ris": page + "/cite.ris", "csl_json": page + "/cite.csl.json",
	}
	for k, v := range wantFormats {
		if doc.Formats[k] != v {
			t.Errorf("formats.%s = %q; want %q", k, doc.Formats[k], v)
		}
	}
	if len(doc.Formats) != len(wantFormats) {
		t.Errorf("formats = %v; want the %d of the addresses table", doc.Formats, len(wantFormats))
	}

	texts := map[string]string{} // eId → text, for the commitments' offsets
	var commitments []commitment
	if doc.PreambleCount != len(preamble) || len(doc.Preamble) != len(preamble) {
		t.Fatalf("preamble: count %d, %d paragraphs; the source has %d", doc.PreambleCount, len(doc.Preamble), len(preamble))
	}
	for i, p := range doc.Preamble {
		eid := fmt.Sprintf("preamble__p_%d", i+1)
		if p.EID != eid || p.Text != preamble[i] || p.URL != page+"#"+eid {
			t.Errorf("preamble paragraph %d = %q %q %q; want %q, the source's text, %q", i+1, p.EID, p.URL, p.Text, eid, page+"#"+eid)
		}
		texts[p.EID] = p.Text
		if p.Classification != nil {
			commitments = append(commitments, p.Classification.Commitments...)
		}
	}
	if doc.ClauseCount != len(clauses) || len(doc.Clauses) != len(clauses) {
		t.Fatalf("clauses: count %d, %d clauses; the source has %d", doc.ClauseCount, len(doc.Clauses), len(clauses))
	}
	for i, c := range doc.Clauses {
		n := i + 1
		eid := fmt.Sprintf("para_%d", n)
		clause := fmt.Sprintf("%s/clauses/%d", page, n)
		if c.Document != slug || c.Number != n || c.EID != eid || c.URL != clause || c.ContextURL != page+"#"+eid ||
			c.APIURL != fmt.Sprintf("https://accord.example/api/v1/documents/%s/clauses/%d", slug, n) {
			t.Errorf("clause %d: document, number, eid, url, context_url, api_url = %q, %d, %q, %q, %q, %q", n, c.Document, c.Number, c.EID, c.URL, c.ContextURL, c.APIURL)
		}
		if want := fmt.Sprintf(", para. %d", n); !strings.HasPrefix(c.Citation, doc.Title) || !strings.HasSuffix(c.Citation, want) {
			t.Errorf("clause %d citation %q; want the title first and %q last", n, c.Citation, want)
		}
		if want := strings.Join(clauses[i], "\n\n"); c.Text != want {
			t.Errorf("clause %d text = %q; want the source's %q", n, c.Text, want)
		}
		if len(c.Paragraphs) != len(clauses[i]) {
			t.Errorf("clause %d has %d paragraphs; the source %d", n, len(c.Paragraphs), len(clauses[i]))
			continue
		}
		for j, p := range c.Paragraphs {
			peid := eid
			if j > 0 {
				peid = fmt.Sprintf("%s__p_%d", eid, j+1)
			}
			if p.EID != peid || p.Text != clauses[i][j] || p.URL != page+"#"+peid {
				t.Errorf("clause %d paragraph %d = %q %q %q; want %q, the source's text, %q", n, j+1, p.EID, p.URL, p.Text, peid, page+"#"+peid)
			}
			texts[p.EID] = p.Text
		}
		if c.Classification != nil {
			commitments = append(commitments, c.Classification.Commitments...)
		}
	}
	if len(commitments) == 0 {
		t.Error("seed.json holds no commitments")
	}
	for _, cm := range commitments {
		text, ok := texts[cm.EID]
		if !ok || cm.Start < 0 || cm.End > len(text) || cm.Start >= cm.End || text[cm.Start:cm.End] != cm.Phrase {
			t.Errorf("commitment %q at %s[%d:%d] does not point at its phrase", cm.Phrase, cm.EID, cm.Start, cm.End)
		}
	}
}
