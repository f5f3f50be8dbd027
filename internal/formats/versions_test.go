package formats

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/testenv"
)

// versionsArchive is the made-up language versions of testdata/versions.
func versionsArchive(t *testing.T) *archive.Archive {
	t.Helper()
	a, err := content.Load(os.DirFS("../../testdata/versions"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func doc(t *testing.T, a *archive.Archive, slug string) *archive.Document {
	t.Helper()
	d, ok := a.Document(slug)
	if !ok {
		t.Fatalf("no document %s", slug)
	}
	return d
}

// Each version is an expression of the one work in its own language.
func TestVersionsAreExpressionsOfOneWork(t *testing.T) {
	a := versionsArchive(t)
	type frbr struct {
		This struct {
			Value string `xml:"value,attr"`
		} `xml:"FRBRthis"`
		Auth *struct {
			Value string `xml:"value,attr"`
		} `xml:"FRBRauthoritative"`
		Language struct {
			Language string `xml:"language,attr"`
		} `xml:"FRBRlanguage"`
	}
	var ident struct {
		Work       frbr `xml:"statement>meta>identification>FRBRWork"`
		Expression frbr `xml:"statement>meta>identification>FRBRExpression"`
	}
	const work = "/akn/ee-kz/statement/joint/2024-05-14"
	for slug, want := range map[string]string{"2024-05-14-estonia-kazakhstan": "eng", "2024-05-14-estonia-kazakhstan-ru": "rus", "2024-05-14-estonia-kazakhstan-et": "est"} {
		out, err := AkomaNtoso(doc(t, a, slug), manifestationDate)
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(out, &ident); err != nil {
			t.Fatal(err)
		}
		if ident.Work.This.Value != work+"/!main" {
			t.Errorf("%s: work %s; want the one work, %s/!main", slug, ident.Work.This.Value, work)
		}
		if ident.Expression.This.Value != work+"/"+want+"@/!main" || ident.Expression.Language.Language != want {
			t.Errorf("%s: expression %s in %s; want %s/%s@/!main in %s", slug, ident.Expression.This.Value, ident.Expression.Language.Language, work, want, want)
		}
		if ident.Expression.Auth != nil {
			t.Errorf("%s: FRBRauthoritative %q, though the texts do not say which are authentic", slug, ident.Expression.Auth.Value)
		}
	}
	for slug, want := range map[string]string{"2023-09-21-estonia-france": "true", "2023-09-21-estonia-france-fr": "true"} {
		out, _ := AkomaNtoso(doc(t, a, slug), manifestationDate)
		ident.Expression.Auth = nil
		if err := xml.Unmarshal(out, &ident); err != nil {
			t.Fatal(err)
		}
		if ident.Expression.Auth == nil || ident.Expression.Auth.Value != want {
			t.Errorf("%s: FRBRauthoritative %v; want %s", slug, ident.Expression.Auth, want)
		}
	}
}

// TestVersionsAkomaNtosoSchema validates every version's data.akn against
// the OASIS XSD, as TestAkomaNtosoSchema does the rest.
func TestVersionsAkomaNtosoSchema(t *testing.T) {
	xsd := schemaFile(t, "ACCORD_AKN_XSD", "the OASIS Akoma Ntoso 3.0 XSD")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		testenv.Missing(t, "no xmllint to validate Akoma Ntoso against its XSD: apt-get install libxml2-utils; `make check` does this")
	}
	dir := t.TempDir()
	var files []string
	for _, d := range versionsArchive(t).Documents() {
		out, err := AkomaNtoso(d, manifestationDate)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, d.Slug+".akn")
		if err := os.WriteFile(name, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	if bad := validateXSD(t, xmllint, xsd, files); len(bad) > 0 {
		t.Errorf("not valid Akoma Ntoso 3.0:\n%s", strings.Join(bad, "\n"))
	}
}

func TestVersionsJSON(t *testing.T) {
	a := versionsArchive(t)
	site := Site{BaseURL: "https://accord.example", Name: "Accord"}
	b, err := json.Marshal(site.DocumentSummary(doc(t, a, "2023-09-21-estonia-france-fr")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"language":"fr"`,
		`"versions":[{"slug":"2023-09-21-estonia-france","language":"en","url":"https://accord.example/documents/2023-09-21-estonia-france","expression_uri":"/akn/ee-fr/statement/agreement/2023-09-21/eng@","original":true,"authentic":true,"prevails":true},` +
			`{"slug":"2023-09-21-estonia-france-fr","language":"fr","url":"https://accord.example/documents/2023-09-21-estonia-france-fr","expression_uri":"/akn/ee-fr/statement/agreement/2023-09-21/fra@","authentic":true}]`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("data.json lacks %s\n%s", want, b)
		}
	}
	b, _ = json.Marshal(site.DocumentSummary(doc(t, a, "2024-05-14-estonia-kazakhstan-et")))
	if strings.Contains(string(b), `"authentic"`) {
		t.Errorf("the statement's versions say authentic, though the texts do not: %s", b)
	}
}

func TestVersionsInTheSitemapAndFeed(t *testing.T) {
	a := versionsArchive(t)
	site := Site{BaseURL: "https://accord.example", Name: "Accord"}
	sm, err := site.Sitemap(a.Documents())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
		"<loc>https://accord.example/documents/2024-05-14-estonia-kazakhstan-ru/clauses/2</loc>\n" +
			"    <lastmod>2024-05-14</lastmod>\n" +
			`    <xhtml:link rel="alternate" hreflang="en" href="https://accord.example/documents/2024-05-14-estonia-kazakhstan/clauses/2"></xhtml:link>` + "\n" +
			`    <xhtml:link rel="alternate" hreflang="et" href="https://accord.example/documents/2024-05-14-estonia-kazakhstan-et/clauses/2"></xhtml:link>` + "\n" +
			`    <xhtml:link rel="alternate" hreflang="ru" href="https://accord.example/documents/2024-05-14-estonia-kazakhstan-ru/clauses/2"></xhtml:link>`,
		`<xhtml:link rel="alternate" hreflang="fr" href="https://accord.example/documents/2023-09-21-estonia-france-fr"></xhtml:link>`,
	} {
		if !strings.Contains(string(sm), want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	// It is still well-formed XML whose alternates are in the XHTML namespace.
	var set struct {
		URLs []struct {
			Links []struct {
				XMLName  xml.Name
				HrefLang string `xml:"hreflang,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(sm, &set); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, u := range set.URLs {
		n += len(u.Links)
	}
	// 3 versions × (document + 6 clauses) × 3 alternates, and the treaty's 2 × (document + 3 articles' paragraphs) × 2.
	if n != 3*7*3+2*4*2 {
		t.Errorf("%d alternates in the XHTML namespace; want %d", n, 3*7*3+2*4*2)
	}
	feed, err := site.Atom(a.Documents())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<entry xml:lang="ru">`, `<entry xml:lang="et">`, `<entry xml:lang="fr">`} {
		if !strings.Contains(string(feed), want) {
			t.Errorf("the feed lacks %s", want)
		}
	}
	if strings.Contains(string(feed), `xml:lang="en"`) {
		t.Errorf("the feed marks its English entries, which are in its own language")
	}
}
