package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/search"
	"github.com/accord-archive/accord/internal/testenv"
)

// newTestAPI serves the seed through the API with a real index, under
// /api/v1 as the site mounts it.
func newTestAPI(t *testing.T) *httptest.Server {
	srv, _ := newTestAPIArchive(t)
	return srv
}

// newTestAPIArchive is newTestAPI that also returns the classified seed.
func newTestAPIArchive(t *testing.T) (*httptest.Server, *archive.Archive) {
	t.Helper()
	return apiOverArchive(t, os.DirFS("../../content"))
}

// apiOverArchive serves the API over the content tree fsys, on a real
// index, and returns the server and the archive it serves.
func apiOverArchive(t *testing.T, fsys fs.FS) (*httptest.Server, *archive.Archive) {
	t.Helper()
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return apiServer(t, a, rules), a
}

// apiServer serves the API over a classified archive, on a real index.
func apiServer(t *testing.T, a *archive.Archive, rules *classify.Rules) *httptest.Server {
	t.Helper()
	idx, err := search.Build(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", http.StripPrefix("/api/v1", New(Config{
		Archive: a, Vocabulary: rules, Search: idx,
		Site: testSite,
	})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	testenv.Deadline(t, "the API test server", 2*time.Minute, srv.CloseClientConnections)
	return srv
}

var _ Vocabulary = (*classify.Rules)(nil)

// testSite is the site the tests' API describes, with a licence.
var testSite = formats.Site{BaseURL: "https://accord.example", Name: "Accord", Licence: archive.Licence{
	Name: "Creative Commons Attribution 4.0 International", URL: "https://creativecommons.org/licenses/by/4.0/",
	Texts: "The texts are their issuers'.",
}}

// TestNotModifiedDeclared: a response asked for again with its ETag is a
// 304, search included (its tag leaves out took_ms), and the OpenAPI
// document declares it, with the If-None-Match it answers.
func TestNotModifiedDeclared(t *testing.T) {
	srv := newTestAPI(t)
	_, router := loadOpenAPI(t)
	for _, path := range []string{"/documents/2025-11-17-kazakhstan-estonia", "/documents", "/search?q=transport", "/topics"} {
		first, _ := fetch(t, "GET", srv.URL+"/api/v1"+path)
		tag := first.Header.Get("ETag")
		again, body := fetch(t, "GET", srv.URL+"/api/v1"+path, "If-None-Match", tag)
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match %s: %d, want 304", path, tag, again.StatusCode)
			continue
		}
		checkAgainstOpenAPI(t, router, path, again, body)
	}
	// The licence without an SPDX id is given by its url; a contact.
	_, body := fetch(t, "GET", srv.URL+"/api/v1/openapi.json")
	var doc struct {
		Info struct {
			License map[string]string `json:"license"`
			Contact map[string]string `json:"contact"`
		} `json:"info"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if l := doc.Info.License; l["name"] != testSite.Licence.Name || l["url"] != testSite.Licence.URL || l["identifier"] != "" {
		t.Errorf("info.license %v", l)
	}
	if c := doc.Info.Contact; c["url"] != "https://accord.example/about" {
		t.Errorf("info.contact %v: want the about page", c)
	}
}

// checkAgainstOpenAPI validates a response to GET /api/v1+path against the
// OpenAPI document, as a client at /api/v1 sees it.
func checkAgainstOpenAPI(t *testing.T, router routers.Router, path string, resp *http.Response, body []byte) {
	t.Helper()
	vreq, _ := http.NewRequest(http.MethodGet, "/api/v1"+path, nil)
	route, params, err := router.FindRoute(vreq)
	if err != nil {
		t.Fatalf("FindRoute(%s): %v", path, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("the %d response to %s does not match the OpenAPI document: %v", resp.StatusCode, path, err)
	}
}

func loadOpenAPI(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi.json version %q; want 3.1", doc.OpenAPI)
	}
	if bytes.Contains(OpenAPI, []byte(`"additionalProperties": false`)) {
		t.Error("openapi.json closes a schema (additionalProperties: false), yet promises that fields may be added")
	}
	// The responses are checked against the document closed: every
	// field the API writes must be described, though clients are told
	// to expect more.
	closed, err := openapi3.NewLoader().LoadFromData(closeSchemas(t, OpenAPI))
	if err != nil {
		t.Fatal(err)
	}
	router, err := legacy.NewRouter(closed)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// closeSchemas is doc with additionalProperties: false in every schema
// that lists its properties.
func closeSchemas(t *testing.T, doc []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["properties"].(map[string]any); ok {
				v["additionalProperties"] = false
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestResponsesMatchOpenAPI validates every response the API gives in these
// cases against the OpenAPI document.
func TestResponsesMatchOpenAPI(t *testing.T) {
	srv := newTestAPI(t)
	_, router := loadOpenAPI(t)
	tests := []struct {
		name, path string
		status     int
		contains   string
	}{
		{"index", "/", 200, `"openapi": "https://accord.example/api/v1/openapi.json"`},
		{"documents", "/documents", 200, `"slug": "2025-11-17-kazakhstan-estonia"`},
		{"documents by party", "/documents?party=EE", 200, `"total": 1`},
		{"documents by other party", "/documents?party=FR", 200, `"total": 0`},
		{"documents by party in lower case", "/documents?party=ee", 200, `"total": 1`},
		{"documents by a code that is no country", "/documents?party=XX", 400, `is not a party`},
		{"documents by an unknown kind", "/documents?kind=treatyish", 400, `kind must be`},
		{"search by a code that is no country", "/search?q=trade&party=XX", 400, `is not a party`},
		{"documents by year", "/documents?year=2025&kind=joint-statement", 200, `"total": 1`},
		{"documents, bad year", "/documents?year=twenty", 400, `"status": 400`},
		{"document", "/documents/2025-11-17-kazakhstan-estonia", 200, `"eid": "para_2__p_2"`},
		{"unknown document", "/documents/nope", 404, `"message": "no document \"nope\""`},
		{"clause", "/documents/2025-11-17-kazakhstan-estonia/clauses/3", 200, `"citation": "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia, Astana, 17 November 2025, para. 3"`},
		{"clause 10", "/documents/2025-11-17-kazakhstan-estonia/clauses/10", 404, "clauses are numbered 1 to 9"},
		{"clause -1", "/documents/2025-11-17-kazakhstan-estonia/clauses/-1", 404, `"status": 404`},
		{"search", "/search?q=Trans-Caspian", 200, `"eid": "para_3"`},
		{"search with filters", "/search?q=cooperation&party=EE&year=2025&sort=newest&per_page=2&page=2", 200, `"page": 2`},
		{"search, no hits", "/search?q=zzyzx", 200, `"total": 0`},
		{"search, bad sort", "/search?q=trade&sort=sideways", 400, "sort must be"},
		{"search, huge page", "/search?q=trade&page=999999999", 400, "page must be"},
		{"search, too long", "/search?q=" + strings.Repeat("a", 600), 400, "the most is 512"},
		{"document with classification", "/documents/2025-11-17-kazakhstan-estonia", 200, `"phrase": "agreed to expand"`},
		{"clause with one party's commitment", "/documents/2025-11-17-kazakhstan-estonia/clauses/7", 200, `"actor": "EE"`},
		{"clause with a joint commitment", "/documents/2025-11-17-kazakhstan-estonia/clauses/2", 200, `"actor": null`},
		{"commitments", "/commitments", 200, `"type": "agreement"`},
		{"commitments by party and type", "/commitments?party=ee&type=Support", 200, `"actor_name": "Estonia"`},
		{"commitments of a party to no document", "/commitments?party=FR", 200, `"total": 0`},
		{"commitments by topic and year", "/commitments?topic=transport&year=2025", 200, `"phrase": "agreed to expand"`},
		{"commitments of another year", "/commitments?year=1999", 200, `"total": 0`},
		{"commitments, unknown party", "/commitments?party=XX", 400, `party \"XX\" is not a party`},
		{"commitments, unknown topic", "/commitments?topic=nope", 400, `topic \"nope\" is not a topic`},
		{"commitments, bad year", "/commitments?year=soon", 400, "year must be"},
		{"commitments, unknown type", "/commitments?type=promise", 400, "use one of obligation, decision, agreement"},
		{"topics", "/topics", 200, `"api_url": "https://accord.example/api/v1/topics/transport"`},
		{"topic", "/topics/transport", 200, `"clause": 2`},
		{"unknown topic", "/topics/nope", 404, `"message": "no topic \"nope\": see /api/v1/topics"`},
		{"entities", "/entities", 200, `"slug": "united-nations"`},
		{"entity", "/entities/united-nations", 200, `"kind": "organisation"`},
		{"entity no unit names", "/entities/france", 200, `"total": 0`},
		{"unknown entity", "/entities/nope", 404, `"message": "no entity \"nope\": see /api/v1/entities"`},
		{"search by commitment", "/search?commitment=agreement", 200, `"eid": "para_2"`},
		{"search by actor", "/search?actor=EE&sort=newest", 200, `"eid": "para_7"`},
		{"search by joint actor", "/search?actor=joint&topic=transport", 200, `"label": "All parties jointly"`},
		{"search by entity", "/search?q=cooperation&entity=united-nations", 200, `"label": "United Nations"`},
		{"search facet labels", "/search?q=cooperation", 200, `"label": "Estonia alone"`},
		{"search, unknown commitment", "/search?q=trade&commitment=promise", 400, "is not a commitment type: use one of obligation, decision, agreement"},
		{"search, unknown actor", "/search?actor=everyone", 400, "or joint for what all parties commit to jointly"},
		{"search, unknown topic", "/search?topic=weather", 400, "see /api/v1/topics"},
		{"search, unknown entity", "/search?entity=atlantis", 400, "see /api/v1/entities"},
		{"search within a document, in capitals", "/search?q=trade&doc=2025-11-17-KAZAKHSTAN-ESTONIA", 200, `"total": 1`},
		{"search, unknown document", "/search?q=trade&doc=nope", 400, `doc \"nope\" is not a document`},
		{"search, per_page too large", "/search?q=trade&per_page=51", 400, "per_page must be a whole number from 1 to 50"},
		{"unknown address", "/nope", 404, `"status": 404`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1"+tt.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) {
				t.Fatalf("GET %s = %d %s; want %d containing %s", tt.path, resp.StatusCode, body, tt.status, tt.contains)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q; want *", got)
			}
			if resp.Header.Get("ETag") == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Errorf("ETag %q, Content-Type %q", resp.Header.Get("ETag"), resp.Header.Get("Content-Type"))
			}
			if tt.name == "unknown address" {
				return // not an operation of the API, so not in the document
			}
			checkAgainstOpenAPI(t, router, tt.path, resp, body)
		})
	}
}

// rawClient sends Accept-Encoding as each test sets it and leaves bodies
// as sent: net/http's own client asks for gzip and inflates it unseen.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// fetch sends method url with header pairs and returns the response and
// its body.
func fetch(t *testing.T, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestETagAndHead(t *testing.T) {
	srv := newTestAPI(t)
	url := srv.URL + "/api/v1/documents/2025-11-17-kazakhstan-estonia"
	for _, encoding := range []string{"", "gzip"} {
		resp, body := fetch(t, http.MethodGet, url, "Accept-Encoding", encoding)
		etag := resp.Header.Get("ETag")
		if resp, _ := fetch(t, http.MethodGet, url, "Accept-Encoding", encoding, "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("[%s] GET with If-None-Match = %d; want 304", encoding, resp.StatusCode)
		}
		resp, head := fetch(t, http.MethodHead, url, "Accept-Encoding", encoding)
		if resp.StatusCode != 200 || len(head) != 0 || resp.Header.Get("ETag") != etag || resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("[%s] HEAD = %d, %d bytes, ETag %q, Content-Length %q; want 200, none, %q, %d",
				encoding, resp.StatusCode, len(head), resp.Header.Get("ETag"), resp.Header.Get("Content-Length"), etag, len(body))
		}
	}

	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(method, url, bytes.NewReader([]byte("{}")))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e apiError
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || e.Status != 405 || resp.Header.Get("Allow") == "" {
			t.Errorf("%s = %d %+v, Allow %q; want 405 as JSON with Allow", method, resp.StatusCode, e, resp.Header.Get("Allow"))
		}
	}
}
