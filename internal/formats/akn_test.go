package formats

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// update rewrites the golden files in testdata/ with what the code writes
// now, for a change meant to alter an output:
//
//	go test ./internal/formats -update
//
// then read the diff before committing it. The golden files are checked by
// more than the code that writes them: schema_test.go holds them to the
// published schemas and to the seed's verbatim source, with or without
// -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with what the code writes now")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if the change is intended):\n%s", name, got)
	}
}

var manifestationDate = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)

func TestAkomaNtosoGolden(t *testing.T) {
	got, err := AkomaNtoso(seed(t), manifestationDate)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.akn", got)
}

// TestAkomaNtosoFidelity: the XML is well-formed, its eIds are the
// document's paragraph anchors one to one, and every paragraph's text is
// the verbatim text.
func TestAkomaNtosoFidelity(t *testing.T) {
	d := seed(t)
	out, err := AkomaNtoso(d, manifestationDate)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	var (
		eids      []string
		texts     []string
		stack     []string
		inP       bool
		text      strings.Builder
		workURI   string
		statement bool
	)
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			if tok.Name.Local == "statement" && tok.Name.Space == AKNNamespace {
				statement = true
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "eId" && tok.Name.Local != "TLCOrganization" && tok.Name.Local != "TLCLocation" {
					eids = append(eids, a.Value)
				}
				if a.Name.Local == "value" && tok.Name.Local == "FRBRuri" && workURI == "" {
					workURI = a.Value
				}
			}
			if tok.Name.Local == "p" && (contains(stack, "preamble") || contains(stack, "mainBody")) {
				inP = true
				text.Reset()
			}
		case xml.CharData:
			if inP {
				text.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "p" && inP {
				texts = append(texts, text.String())
				inP = false
			}
			stack = stack[:len(stack)-1]
		}
	}
	if !statement {
		t.Error("no <statement> in the Akoma Ntoso namespace")
	}
	if workURI != "/akn/kz-ee/statement/joint/2025-11-17" {
		t.Errorf("work FRBRuri = %q; want /akn/kz-ee/statement/joint/2025-11-17", workURI)
	}
	// The preface's three blocks (title, date and place, proponents),
	// then the text's paragraphs.
	wantEIDs := []string{"preface__p_1", "preface__p_2", "preface__p_3"}
	var wantTexts []string
	for _, p := range d.Paragraphs() {
		wantEIDs = append(wantEIDs, p.EID())
		wantTexts = append(wantTexts, p.Text)
	}
	if strings.Join(eids, " ") != strings.Join(wantEIDs, " ") {
		t.Errorf("eIds = %v\nwant %v", eids, wantEIDs)
	}
	if len(texts) != len(wantTexts) {
		t.Fatalf("%d <p> texts; want %d", len(texts), len(wantTexts))
	}
	for i := range texts {
		if texts[i] != wantTexts[i] {
			t.Errorf("<p> %d = %q; want %q", i, texts[i], wantTexts[i])
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
