package web

import (
	"bufio"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestReleasedAddresses holds the seed's released addresses to the
// hand-written list in testdata/released.txt: each answers with its
// status (a redirect to its target), and each anchor is an id on its page.
// The list is never rewritten by code: a failure here is a broken promise.
func TestReleasedAddresses(t *testing.T) {
	f, err := os.Open("testdata/released.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := seed(t).Handler()
	pages := map[string]string{}
	n := 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		n++
		if fields[0] == "anchor" {
			path, id, _ := strings.Cut(fields[1], "#")
			page, ok := pages[path]
			if !ok {
				res := get(t, h, http.MethodGet, path)
				page = body(t, res)
				pages[path] = page
			}
			if !strings.Contains(page, ` id="`+id+`"`) {
				t.Errorf("released.txt:%d: %s has no element with id %q", line, path, id)
			}
			continue
		}
		status, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) < 2 {
			t.Fatalf("released.txt:%d: want STATUS PATH [TARGET], got %q", line, sc.Text())
		}
		res := get(t, h, http.MethodGet, fields[1])
		res.Body.Close()
		if res.StatusCode != status {
			t.Errorf("released.txt:%d: GET %s = %d; want %d", line, fields[1], res.StatusCode, status)
			continue
		}
		if len(fields) > 2 {
			if loc := res.Header.Get("Location"); loc != fields[2] && !strings.HasSuffix(loc, fields[2]) {
				t.Errorf("released.txt:%d: GET %s leads to %q; want %q", line, fields[1], loc, fields[2])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("released.txt holds %d addresses; the seed released more", n)
	}
}
