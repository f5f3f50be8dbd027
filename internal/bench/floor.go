package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

// Recorded is a response as the floor replays it (internal/bench/floor).
type Recorded struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// RecordResponses fetches u twice, without and with Accept-Encoding: gzip,
// the bytes as sent, and writes both to file for the floor to replay.
func RecordResponses(u, file string) ([]Recorded, error) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var out []Recorded
	for _, enc := range []string{"", "gzip"} {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != enc {
			return nil, fmt.Errorf("GET %s (Accept-Encoding %q): %s, Content-Encoding %q", u, enc, resp.Status, resp.Header.Get("Content-Encoding"))
		}
		out = append(out, Recorded{Status: resp.StatusCode, Header: resp.Header, Body: body})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return out, os.WriteFile(file, b, 0o644)
}
