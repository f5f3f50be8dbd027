package web

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/synth"
	"github.com/accord-archive/accord/internal/testenv"
)

// node is an XML element as read, for checking the protocol's structure.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Kids    []node     `xml:",any"`
}

func (n node) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func (n node) kids(name string) []node {
	var out []node
	for _, k := range n.Kids {
		if k.XMLName.Local == name {
			out = append(out, k)
		}
	}
	return out
}

var (
	oaiDatestamp   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	oaiIdentifier  = regexp.MustCompile(`^oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+$`)
	oaiErrorCodes  = []string{"cannotDisseminateFormat", "idDoesNotExist", "badArgument", "badVerb", "noMetadataFormats", "noRecordsMatch", "badResumptionToken", "noSetHierarchy"}
	oaiVerbs       = []string{"Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords"}
	oaiTestBaseURL = "https://accord.example/oai"
)

// checkOAI reads an answer and holds it to what the OAI-PMH 2.0 schema
// (OAI-PMH.xsd) requires of its structure: the root in the protocol's
// namespace; responseDate in UTC to the second; request with the base URL,
// its attributes only the protocol's arguments and none after badVerb or
// badArgument; then either errors with the protocol's codes or one element
// named for the verb; headers with an identifier and a day's datestamp;
// records' metadata one element in the format's namespace; a resumption
// token's attributes numbers. The official schema is not in any package a
// test may install; with ACCORD_OAI_XSD set to it, xmllint checks too.
func checkOAI(t *testing.T, body []byte) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal(body, &root); err != nil {
		t.Fatalf("not XML: %v\n%s", err, body)
	}
	if root.XMLName != (xml.Name{Space: "http://www.openarchives.org/OAI/2.0/", Local: "OAI-PMH"}) {
		t.Fatalf("root %v", root.XMLName)
	}
	if len(root.Kids) < 3 || root.Kids[0].XMLName.Local != "responseDate" || root.Kids[1].XMLName.Local != "request" {
		t.Fatalf("the answer starts with %v", root.Kids)
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", root.Kids[0].Text); err != nil {
		t.Errorf("responseDate %q is not UTC to the second", root.Kids[0].Text)
	}
	req := root.Kids[1]
	if req.Text != oaiTestBaseURL {
		t.Errorf("request names %q, not the base URL", req.Text)
	}
	for _, a := range req.Attrs {
		if !slices.Contains([]string{"verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"}, a.Name.Local) {
			t.Errorf("request attribute %s is no argument of the protocol", a.Name.Local)
		}
	}
	rest := root.Kids[2:]
	if rest[0].XMLName.Local == "error" {
		for _, e := range rest {
			code, _ := e.attr("code")
			if e.XMLName.Local != "error" || !slices.Contains(oaiErrorCodes, code) || strings.TrimSpace(e.Text) == "" {
				t.Errorf("error %v %q: not one of the protocol's codes with a message", e.XMLName, code)
			}
			if (code == "badVerb" || code == "badArgument") && len(req.Attrs) > 0 {
				t.Errorf("a %s answer echoes the request's arguments %v", code, req.Attrs)
			}
		}
	} else {
		verb, _ := req.attr("verb")
		if len(rest) != 1 || rest[0].XMLName.Local != verb || !slices.Contains(oaiVerbs, verb) {
			t.Fatalf("after the request: %v; want one %s", rest, verb)
		}
		checkOAIVerb(t, rest[0])
	}
	if xsd := os.Getenv("ACCORD_OAI_XSD"); xsd != "" {
		xmllint, err := exec.LookPath("xmllint")
		if err != nil {
			testenv.Missing(t, "no xmllint (apt-get install libxml2-utils)")
		}
		f := filepath.Join(t.TempDir(), "oai.xml")
		os.WriteFile(f, body, 0o644)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput(); err != nil {
			t.Errorf("not valid against OAI-PMH.xsd: %v\n%s", err, out)
		}
	}
	return root
}

func checkOAIVerb(t *testing.T, v node) {
	t.Helper()
	header := func(h node) {
		if len(h.Kids) < 2 || h.Kids[0].XMLName.Local != "identifier" || h.Kids[1].XMLName.Local != "datestamp" ||
			!oaiIdentifier.MatchString(h.Kids[0].Text) || !oaiDatestamp.MatchString(h.Kids[1].Text) {
			t.Errorf("header %+v", h)
		}
	}
	token := func() {
		for _, tok := range v.kids("resumptionToken") {
			for _, a := range tok.Attrs {
				if a.Name.Local != "completeListSize" && a.Name.Local != "cursor" && a.Name.Local != "expirationDate" || !regexp.MustCompile(`^\d+$`).MatchString(a.Value) {
					t.Errorf("resumptionToken attribute %s=%q", a.Name.Local, a.Value)
				}
			}
		}
		if n := len(v.Kids) - len(v.kids("resumptionToken")); n == 0 || len(v.kids("resumptionToken")) > 1 || len(v.kids("resumptionToken")) == 1 && v.Kids[len(v.Kids)-1].XMLName.Local != "resumptionToken" {
			t.Errorf("%s: %d items, the resumption token last and once", v.XMLName.Local, n)
		}
	}
	record := func(r node) {
		if len(r.Kids) != 2 || r.Kids[0].XMLName.Local != "header" || r.Kids[1].XMLName.Local != "metadata" || len(r.Kids[1].Kids) != 1 {
			t.Fatalf("record %v", r)
		}
		header(r.Kids[0])
		md := r.Kids[1].Kids[0]
		switch md.XMLName.Space {
		case "http://www.openarchives.org/OAI/2.0/oai_dc/":
			for _, e := range md.Kids {
				if e.XMLName.Space != "http://purl.org/dc/elements/1.1/" {
					t.Errorf("oai_dc holds %v", e.XMLName)
				}
			}
			if md.XMLName.Local != "dc" || len(md.kids("title")) != 1 || len(md.kids("date")) != 1 {
				t.Errorf("oai_dc without its title and date: %v", md)
			}
		case "http://docs.oasis-open.org/legaldocml/ns/akn/3.0":
			if md.XMLName.Local != "akomaNtoso" {
				t.Errorf("akn metadata %v", md.XMLName)
			}
		default:
			t.Errorf("metadata in %v", md.XMLName)
		}
	}
	switch v.XMLName.Local {
	case "Identify":
		var names []string
		for _, k := range v.Kids {
			names = append(names, k.XMLName.Local)
		}
		if want := []string{"repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp", "deletedRecord", "granularity", "compression"}; !slices.Equal(names, want) {
			t.Errorf("Identify holds %v; want %v", names, want)
		}
	case "ListMetadataFormats":
		for _, f := range v.Kids {
			if len(f.Kids) != 3 || f.Kids[0].XMLName.Local != "metadataPrefix" || f.Kids[1].XMLName.Local != "schema" || f.Kids[2].XMLName.Local != "metadataNamespace" {
				t.Errorf("metadataFormat %v", f)
			}
		}
	case "GetRecord":
		if len(v.Kids) != 1 {
			t.Fatalf("GetRecord holds %d", len(v.Kids))
		}
		record(v.Kids[0])
	case "ListIdentifiers":
		for _, h := range v.kids("header") {
			header(h)
		}
		token()
	case "ListRecords":
		for _, r := range v.kids("record") {
			record(r)
		}
		token()
	}
}

// oaiGet asks h for /oai?query and checks the answer's structure.
func oaiGet(t *testing.T, h http.Handler, query string) node {
	t.Helper()
	r := get(t, h, "GET", "/oai?"+query)
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/xml") {
		t.Fatalf("/oai?%s: %d %s", query, r.StatusCode, r.Header.Get("Content-Type"))
	}
	b, _ := io.ReadAll(r.Body)
	return checkOAI(t, b)
}

// oaiCodes are the error codes of an answer, or its verb element's name.
func oaiCodes(n node) []string {
	var out []string
	for _, k := range n.Kids[2:] {
		if c, ok := k.attr("code"); ok {
			out = append(out, c)
		} else {
			out = append(out, k.XMLName.Local)
		}
	}
	return out
}

// TestOAIVerbs answers every verb over the seed, and every error the
// protocol defines that the archive can give (noMetadataFormats cannot
// arise: every record is in both formats).
func TestOAIVerbs(t *testing.T) {
	h := seed(t).Handler()
	id := "oai:accord.example:" + seedSlug
	for _, tc := range []struct {
		query string
		want  []string // the error codes, or the verb's element
	}{
		{"verb=Identify", []string{"Identify"}},
		{"verb=ListMetadataFormats", []string{"ListMetadataFormats"}},
		{"verb=ListMetadataFormats&identifier=" + id, []string{"ListMetadataFormats"}},
		{"verb=ListSets", []string{"noSetHierarchy"}},
		{"verb=GetRecord&metadataPrefix=oai_dc&identifier=" + id, []string{"GetRecord"}},
		{"verb=GetRecord&metadataPrefix=akn&identifier=" + id, []string{"GetRecord"}},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc", []string{"ListIdentifiers"}},
		{"verb=ListRecords&metadataPrefix=akn", []string{"ListRecords"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=2025-11-17&until=2025-11-17", []string{"ListRecords"}},

		{"", []string{"badVerb"}},
		{"verb=Harvest", []string{"badVerb"}},
		{"verb=Identify&verb=ListSets", []string{"badVerb"}},
		{"verb=Identify&metadataPrefix=oai_dc", []string{"badArgument"}},
		{"verb=ListRecords", []string{"badArgument"}},
		{"verb=GetRecord&identifier=" + id, []string{"badArgument"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=akn", []string{"badArgument"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=2025-11-17T00:00:00Z", []string{"badArgument"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=17.11.2025", []string{"badArgument"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=2025-12-01&until=2025-11-01", []string{"badArgument"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", []string{"badArgument"}},
		{"verb=Identify&resumptionToken=x", []string{"badArgument"}},
		{"verb=ListRecords&resumptionToken=not-a-token", []string{"badResumptionToken"}},
		{"verb=ListIdentifiers&resumptionToken=" + url.QueryEscape(newOAI(formats.Site{BaseURL: "https://accord.example"}, synth.Generate(1, 150, 1), "").writeToken(oaiList{prefix: "oai_dc", offset: 100})), []string{"badResumptionToken"}},
		{"verb=GetRecord&metadataPrefix=marc&identifier=" + id, []string{"cannotDisseminateFormat"}},
		{"verb=ListRecords&metadataPrefix=marc", []string{"cannotDisseminateFormat"}},
		{"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:accord.example:nope", []string{"idDoesNotExist"}},
		{"verb=GetRecord&metadataPrefix=oai_dc&identifier=" + seedSlug, []string{"idDoesNotExist"}},
		{"verb=ListMetadataFormats&identifier=oai:elsewhere.example:" + seedSlug, []string{"idDoesNotExist"}},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01", []string{"noRecordsMatch"}},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&until=2025-11-16", []string{"noRecordsMatch"}},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:joint-statement", []string{"noSetHierarchy"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			if got := oaiCodes(oaiGet(t, h, tc.query)); !slices.Equal(got, tc.want) {
				t.Errorf("%v; want %v", got, tc.want)
			}
		})
	}

	rec := oaiGet(t, h, "verb=GetRecord&metadataPrefix=oai_dc&identifier="+id).Kids[2].Kids[0]
	dc := map[string][]string{}
	for _, e := range rec.Kids[1].Kids[0].Kids {
		dc[e.XMLName.Local] = append(dc[e.XMLName.Local], e.Text)
	}
	d := seedDoc(t)
	if dc["title"][0] != d.Title || dc["date"][0] != "2025-11-17" || dc["coverage"][0] != "Astana" ||
		!slices.Contains(dc["identifier"], "https://accord.example/documents/"+seedSlug) || len(dc["rights"]) != 1 {
		t.Errorf("oai_dc of the seed: %v", dc)
	}
	id2 := oaiGet(t, h, "verb=Identify").Kids[2]
	if id2.Kids[1].Text != oaiTestBaseURL || id2.Kids[4].Text != "2025-11-17" || id2.Kids[6].Text != "YYYY-MM-DD" {
		t.Errorf("Identify: %+v", id2)
	}
}

// TestOAIResumption harvests 10,000 synthetic documents a page at a time,
// ListIdentifiers and ListRecords, whole and over a date range: every
// record once, in datestamp order, the counts and cursors right, the last
// token empty; and a token kept over a change of the archive is refused.
func TestOAIResumption(t *testing.T) {
	docs := synth.Generate(7, 10000, 1)
	site := formats.Site{BaseURL: "https://accord.example", Name: "Accord"}
	repo := newOAI(site, docs, "")
	h := http.HandlerFunc(repo.ServeHTTP)
	days := make([]string, len(docs))
	for i, d := range docs {
		days[i] = d.Date.Format("2006-01-02")
	}
	slices.Sort(days)
	from, until := days[2500], days[7400]
	inRange := 0
	for _, day := range days {
		if day >= from && day <= until {
			inRange++
		}
	}
	for _, tc := range []struct {
		verb, args string
		want       int
	}{
		{"ListIdentifiers", "&metadataPrefix=oai_dc", len(docs)},
		{"ListRecords", "&metadataPrefix=oai_dc", len(docs)},
		{"ListIdentifiers", "&metadataPrefix=akn&from=" + from + "&until=" + until, inRange},
	} {
		seen := map[string]bool{}
		last := ""
		query := "verb=" + tc.verb + tc.args
		for pages := 0; ; pages++ {
			if pages > len(docs)/oaiPageRecords+2 {
				t.Fatalf("%s: more pages than records", tc.verb)
			}
			v := oaiGet(t, h, query).Kids[2]
			if v.XMLName.Local != tc.verb {
				t.Fatalf("%s page %d: %v", tc.verb, pages, oaiCodes(oaiGet(t, h, query)))
			}
			for _, k := range v.Kids {
				hd := k
				if k.XMLName.Local == "record" {
					hd = k.Kids[0]
				} else if k.XMLName.Local != "header" {
					continue
				}
				id, day := hd.Kids[0].Text, hd.Kids[1].Text
				if seen[id] {
					t.Fatalf("%s: %s twice", tc.verb, id)
				}
				if day < last || tc.args != "" && strings.Contains(tc.args, "from") && (day < from || day > until) {
					t.Fatalf("%s: %s dated %s after %s, or out of %s–%s", tc.verb, id, day, last, from, until)
				}
				seen[id], last = true, day
			}
			tok := v.kids("resumptionToken")
			if len(tok) != 1 {
				t.Fatalf("%s page %d: no resumptionToken element", tc.verb, pages)
			}
			size, _ := tok[0].attr("completeListSize")
			cursor, _ := tok[0].attr("cursor")
			if size != strconv.Itoa(tc.want) || cursor != strconv.Itoa(pages*oaiPageRecords) {
				t.Fatalf("%s page %d: completeListSize %s cursor %s; want %d, %d", tc.verb, pages, size, cursor, tc.want, pages*oaiPageRecords)
			}
			if tok[0].Text == "" {
				break
			}
			query = "verb=" + tc.verb + "&resumptionToken=" + url.QueryEscape(tok[0].Text)
		}
		if len(seen) != tc.want {
			t.Errorf("%s%s: %d records harvested; want %d", tc.verb, tc.args, len(seen), tc.want)
		}
	}

	// A token of this archive, asked of a changed one.
	first := oaiGet(t, h, "verb=ListIdentifiers&metadataPrefix=oai_dc").Kids[2]
	tok := first.kids("resumptionToken")[0].Text
	changed := newOAI(site, docs[1:], "")
	rec := httptest.NewRecorder()
	changed.ServeHTTP(rec, httptest.NewRequest("GET", "/oai?verb=ListIdentifiers&resumptionToken="+url.QueryEscape(tok), nil))
	if got := oaiCodes(checkOAI(t, rec.Body.Bytes())); !slices.Equal(got, []string{"badResumptionToken"}) {
		t.Errorf("a token over a changed archive: %v", got)
	}
}
