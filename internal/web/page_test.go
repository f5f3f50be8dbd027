package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestNewPageGzipsItsOwnBody: pages made one after the other, with the
// gzip writers newPage reuses, each hold their own body gzipped, at both
// levels.
func TestNewPageGzipsItsOwnBody(t *testing.T) {
	var bodies [][]byte
	for i, size := range []int{4 << 10, 300 << 10, 8 << 10, 260 << 10, 4 << 10} {
		bodies = append(bodies, []byte(strings.Repeat(string(rune('a'+i))+" clause text ", size/13)))
	}
	for round := range 2 {
		for i, body := range bodies {
			p := newPage(htmlType, body)
			if p.gzipped == nil {
				t.Fatalf("round %d, page %d: not gzipped", round, i)
			}
			zr, err := gzip.NewReader(bytes.NewReader(p.gzipped))
			if err != nil {
				t.Fatalf("round %d, page %d: %v", round, i, err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, body) {
				t.Fatalf("round %d, page %d: gunzipped %d bytes (err %v), want its own %d", round, i, len(got), err, len(body))
			}
		}
	}
}
