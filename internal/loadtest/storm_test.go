package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/testenv"
)

// The storm tells the attack's answers from the probes', and finds fault
// with a 500, a 503 without Retry-After and a probe that is not a 200.
func TestStormJudgesAnswers(t *testing.T) {
	for _, tt := range []struct {
		name   string
		attack func(http.ResponseWriter)
		probe  int
		want   []string // problems, by a part of their text
	}{
		{"refused and busy", func(w http.ResponseWriter) { w.Header().Set("Retry-After", "1"); w.WriteHeader(503) }, 200, nil},
		{"refused with a reason", func(w http.ResponseWriter) { w.WriteHeader(400) }, 200, nil},
		{"internal error", func(w http.ResponseWriter) { w.WriteHeader(500) }, 200, []string{"answers 500"}},
		{"503 without Retry-After", func(w http.ResponseWriter) { w.WriteHeader(503) }, 200, []string{"without Retry-After"}},
		{"probe refused", func(w http.ResponseWriter) { w.WriteHeader(400) }, 503, []string{"not 200"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.Contains(r.URL.RawQuery, "OR") {
					tt.attack(w)
					return
				}
				w.WriteHeader(tt.probe)
			}))
			testenv.Deadline(t, "the test server", 2*time.Minute, ts.CloseClientConnections)
			defer ts.Close()
			cfg := StormConfig{Base: ts.URL, Attackers: 2, Queries: []string{`"a b" OR c`}, Probes: StormProbes("/documents/d/clauses/1"), Duration: 100 * time.Millisecond}
			res := Storm(context.Background(), cfg)
			if len(res.Attack) == 0 || res.Probes["clause page"].Requests == 0 || res.Quiet["search page"].Requests == 0 {
				t.Fatalf("storm sent too little: %+v", res)
			}
			problems := strings.Join(res.Problems(time.Minute), "\n")
			for _, w := range tt.want {
				if !strings.Contains(problems, w) {
					t.Errorf("problems %q lack %q", problems, w)
				}
			}
			if len(tt.want) == 0 && problems != "" {
				t.Errorf("problems %q; want none", problems)
			}
		})
	}
}
