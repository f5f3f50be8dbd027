package api

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/synth"
)

// TestPartiesInTheAPI: parties of every kind, and issuers, through the
// API, every answer as the OpenAPI document describes it.
func TestPartiesInTheAPI(t *testing.T) {
	fsys, err := synth.WithWorld(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	srv := apiOver(t, fsys)
	_, router := loadOpenAPI(t)

	tests := []struct {
		path      string
		status    int
		want, not []string
	}{
		{"/documents?party=EU", 200, []string{`"total": 2`, `"code": "EU",`, `"kind": "organisation"`}, nil},
		{"/documents?party=UNSC", 200, []string{`"total": 1`, `"issuer": {`, `"code": "UNSC"`, `"kind": "organ"`, `"number": "1820"`, `"parties": []`}, nil},
		{"/documents?party=G7", 200, []string{`"total": 1`, `"slug": "2025-06-17-g7-kananaskis"`}, nil},
		{"/documents?party=DE", 200, nil, []string{"g7-kananaskis"}},
		{"/documents?party=SU", 200, []string{`"total": 1`}, nil},
		{"/documents?party=XK", 200, []string{`"total": 1`}, nil},
		{"/documents?party=ZZZ", 400, []string{"is not a party"}, nil},
		{"/documents/2008-06-19-unsc-1820", 200, []string{`"citation": "UN Security Council, Resolution 1820 (2008), New York, 19 June 2008"`}, nil},
		{"/documents/2024-07-10-albania-washington-summit", 200, []string{`"code": "NZ"`, `"work_uri": "/akn/int/statement/declaration/2024-07-10"`}, nil},
		{"/search?q=reforms&actor=EU", 200, []string{`"total": 1`, `"slug": "2025-04-04-eu-kazakhstan"`}, nil},
		{"/search?q=agreed&actor=EU", 200, []string{`"total": 0`}, nil},
		{"/search?q=council&party=UNSC", 200, []string{`"total": 3`, `"slug": "2008-06-19-unsc-1820"`}, []string{"kazakhstan"}},
		{"/documents/2025-04-04-eu-kazakhstan/clauses/1", 200, []string{`"actor": "EU"`, `"actor_name": "European Union"`}, nil},
		{"/commitments?party=EU", 200, []string{`"actor": "EU"`}, nil},
	}
	for _, tt := range tests {
		resp, err := http.Get(srv.URL + "/api/v1" + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s = %d %s; want %d", tt.path, resp.StatusCode, body, tt.status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(string(body), w) {
				t.Errorf("GET %s lacks %s", tt.path, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(string(body), n) {
				t.Errorf("GET %s has %s", tt.path, n)
			}
		}
		checkAgainstOpenAPI(t, router, tt.path, resp, body)
	}
}
