package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/synth"
)

// apiOverTrees serves the API over the seed and the hand-built trees
// (synth.Trees: a treaty, a communiqué, a resolution), classified by the
// seed's rules.
func apiOverTrees(t *testing.T) *httptest.Server {
	t.Helper()
	seed, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := archive.NewWithParties(append(seed.Documents(), synth.Trees()...), rules.Parties())
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err = classify.Classify(a, nil, rules, nil); err != nil {
		t.Fatal(err)
	}
	return apiServer(t, a, rules)
}

// TestProvisions: GET /documents/{slug}/provisions/{eid} answers any
// provision of a tree with its children, ancestors, and the provisions
// before and after it, as the OpenAPI document describes; an eId that
// names nothing, however it is written, is a JSON 404, never a 500.
func TestProvisions(t *testing.T) {
	srv := apiOverTrees(t)
	_, router := loadOpenAPI(t)
	const treaty = "/documents/2024-03-03-kazakhstan-estonia-treaty"
	const communique = "/documents/2024-05-20-kazakhstan-estonia-communique"
	tests := []struct {
		path                  string
		status                int
		eid, label, cite      string
		ancestors, prev, next string
		children              int
	}{
		{"/documents/2025-11-17-kazakhstan-estonia/provisions/para_3", 200, "para_3", "3.", "para. 3", "", "para_2", "para_4", 0},
		{"/documents/2025-11-17-kazakhstan-estonia/provisions/para_1", 200, "para_1", "1.", "para. 1", "", "", "para_2", 0},
		{treaty + "/provisions/art_1__para_1__subpara_a", 200, "art_1__para_1__subpara_a", "(a)", "Chapter I, Art. 1(1)(a)",
			"chp_I art_1 art_1__para_1", "art_1__para_1", "art_1__para_1__subpara_a__point_i", 2},
		{treaty + "/provisions/chp_I", 200, "chp_I", "CHAPTER I", "Chapter I", "", "", "art_1", 2},
		{treaty + "/provisions/att_1__para_2", 200, "att_1__para_2", "2.", "Annex I, para. 2", "att_1", "att_1__para_1", "note_1", 0},
		{treaty + "/provisions/conclusions__signature_2", 200, "conclusions__signature_2", "", "signature", "", "conclusions__signature_1", "att_1", 0},
		{treaty + "/provisions/remark_1", 200, "remark_1", "", "remark", "", "note_1", "", 0},
		{communique + "/provisions/para_2__item_2", 200, "para_2__item_2", "•", "para. 2, bullet 2", "sec_1 para_2", "para_2__item_1", "sec_2", 0},
		{communique + "/provisions/sec_2__table_1", 200, "sec_2__table_1", "", "Energy, table", "sec_2", "para_3", "para_4", 0},
		{treaty + "/provisions/nope", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/para_3", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/" + strings.Repeat("a", 5000), 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/%00", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/%FF%FE", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/..%2F..%2Fetc%2Fpasswd", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, "", "", "", "", "", "", 0},
		{treaty + "/provisions/chp_I%0A", 404, "", "", "", "", "", "", 0},
		{"/documents/nope/provisions/para_1", 404, "", "", "", "", "", "", 0},
	}
	for _, tt := range tests {
		resp, body := fetch(t, http.MethodGet, srv.URL+"/api/v1"+tt.path)
		if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET %.120s = %d %s; want %d, JSON", tt.path, resp.StatusCode, body, tt.status)
			continue
		}
		checkAgainstOpenAPI(t, router, tt.path, resp, body)
		if tt.status != 200 {
			var e struct {
				Status  int
				Message string
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Status != 404 || e.Message == "" || len(e.Message) > 400 || strings.Contains(e.Message, "<script>") {
				t.Errorf("GET %.120s: error body %s", tt.path, body)
			}
			continue
		}
		var got formats.ProvisionPageJSON
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		var anc []string
		for _, a := range got.Ancestors {
			anc = append(anc, a.EID)
		}
		ref := func(r *formats.ProvisionRefJSON) string {
			if r == nil {
				return ""
			}
			return r.EID
		}
		p := got.Provision
		if p.EID != tt.eid || p.Label != tt.label || p.Cite != tt.cite || strings.Join(anc, " ") != tt.ancestors ||
			strings.Join(p.Path, " ") != tt.ancestors || ref(got.Prev) != tt.prev || ref(got.Next) != tt.next || len(p.Children) != tt.children {
			t.Errorf("GET %s: eid %q label %q cite %q ancestors %v prev %q next %q, %d children", tt.path, p.EID, p.Label, p.Cite, anc, ref(got.Prev), ref(got.Next), len(p.Children))
		}
	}
	// A numbered clause's provision carries its classification; the
	// documents of trees match the OpenAPI document too.
	resp, body := fetch(t, http.MethodGet, srv.URL+"/api/v1/documents/2025-11-17-kazakhstan-estonia/provisions/para_2")
	if !strings.Contains(string(body), `"phrase": "agreed to expand"`) {
		t.Errorf("provision para_2 without its classification: %s", body)
	}
	checkAgainstOpenAPI(t, router, "/documents/2025-11-17-kazakhstan-estonia/provisions/para_2", resp, body)
	for _, path := range []string{treaty, communique, "/documents/2008-06-19-unsc-resolution-1820", treaty + "/clauses/1", communique + "/clauses/2"} {
		resp, body := fetch(t, http.MethodGet, srv.URL+"/api/v1"+path)
		checkAgainstOpenAPI(t, router, path, resp, body)
	}
}
