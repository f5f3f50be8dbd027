package formats

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/testenv"
)

// bulkDocs are the seed, synthetic documents and the hand-built trees.
func bulkDocs(t *testing.T) []*archive.Document {
	return slices.Concat([]*archive.Document{seed(t)}, synthDocs(), synth.Trees())
}

// TestJSONLines reads the JSON Lines file a line at a time, as a data
// user's tool does: each line one document, as its data.json says.
func TestJSONLines(t *testing.T) {
	docs := bulkDocs(t)
	out, err := testSite.JSONLines(docs)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	n := 0
	for sc.Scan() {
		var got DocumentJSON
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if n >= len(docs) {
			t.Fatalf("line %d: more lines than documents", n+1)
		}
		want := testSite.Document(docs[n])
		wj, _ := json.Marshal(want)
		if !bytes.Equal(sc.Bytes(), wj) {
			t.Errorf("line %d (%s) is not the document's data.json", n+1, got.Slug)
		}
		if got.Slug != docs[n].Slug || len(got.Clauses) != len(docs[n].Clauses) || got.Licence == nil {
			t.Errorf("line %d: %s with %d clauses and licence %v; want %s with %d", n+1, got.Slug, len(got.Clauses), got.Licence, docs[n].Slug, len(docs[n].Clauses))
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(docs) || !bytes.HasSuffix(out, []byte("}\n")) {
		t.Errorf("%d lines for %d documents", n, len(docs))
	}
}

// TestAknZip opens the ZIP of Akoma Ntoso files: one well-formed entry for
// each document, the bytes of its data.akn; and, with the OASIS XSD (as
// TestAkomaNtosoSchema), each valid against it.
func TestAknZip(t *testing.T) {
	docs := bulkDocs(t)
	out, err := AknZip(docs)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := AknZip(docs)
	if !bytes.Equal(out, again) {
		t.Error("the ZIP differs from one making to the next: its ETag would change on every start")
	}
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(docs) {
		t.Fatalf("%d entries for %d documents", len(zr.File), len(docs))
	}
	dir := t.TempDir()
	var files []string
	for i, f := range zr.File {
		d := docs[i]
		if want := "akn/" + d.Slug + ".xml"; f.Name != want {
			t.Errorf("entry %d is %s; want %s", i, f.Name, want)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if want, _ := AkomaNtoso(d, d.Date); !bytes.Equal(body, want) {
			t.Errorf("%s is not the document's data.akn", f.Name)
		}
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := dec.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s: not well-formed: %v", f.Name, err)
				}
				break
			}
		}
		name := filepath.Join(dir, filepath.Base(f.Name))
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	xsd := schemaFile(t, "ACCORD_AKN_XSD", "the OASIS Akoma Ntoso 3.0 XSD (see TestAkomaNtosoSchema)")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		testenv.Missing(t, "no xmllint to validate Akoma Ntoso against its XSD: apt-get install libxml2-utils; `make check` does this")
	}
	if bad := validateXSD(t, xmllint, xsd, files); len(bad) > 0 {
		t.Errorf("the ZIP's files are not valid Akoma Ntoso 3.0:\n%s", strings.Join(bad, "\n"))
	}
}

// TestProvisionsCSV parses the CSV with encoding/csv: the header, one row
// for every provision with text, its text back verbatim (commas, quotes
// and line breaks survive), and its classification.
func TestProvisionsCSV(t *testing.T) {
	docs := bulkDocs(t)
	out, err := testSite.ProvisionsCSV(docs)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("header %q", rows[0])
	}
	col := map[string]int{}
	for i, h := range CSVHeader {
		col[h] = i
	}
	rows = rows[1:]
	i := 0
	for _, d := range docs {
		for _, c := range d.Clauses {
			if i >= len(rows) {
				t.Fatalf("%d rows; more provisions", len(rows))
			}
			r := rows[i]
			if r[col["document"]] != d.Slug || r[col["eid"]] != c.EID() || r[col["text"]] != c.Text() || r[col["url"]] != testSite.URL(c.Path()) {
				t.Errorf("row %d: %q; want %s %s", i+2, r[:5], d.Slug, c.EID())
			}
			i++
		}
	}
	if i != len(rows) {
		t.Errorf("%d rows for %d provisions", len(rows), i)
	}
	var para2 []string
	slug := docs[0].Slug
	for _, r := range rows {
		if r[col["document"]] == slug && r[col["eid"]] == "para_2" {
			para2 = r
		}
	}
	if para2 == nil || !strings.Contains(para2[col["commitment_types"]], "agreement") || !strings.Contains(para2[col["actors"]], "joint") ||
		!strings.Contains(para2[col["topics"]], "transport") || para2[col["number"]] != "2" || para2[col["parties"]] != "KZ; EE" {
		t.Errorf("the seed's clause 2: %q", para2)
	}
}
