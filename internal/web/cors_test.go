package web

import "testing"

// TestOpenFiles: the data files, citations and feed may be read by any
// site's scripts; the pages may not.
func TestOpenFiles(t *testing.T) {
	s := seed(t)
	doc := "/documents/" + seedSlug
	tree := treeServers(t)["made"]
	treaty, _ := tree.cfg.Archive.Document("2024-03-03-treaty")
	sub := byLabels(t, treaty, "Chapter I", "Article 1", "1.", "(a)").Path()
	for _, tc := range []struct {
		s    *Server
		path string
		open bool
	}{
		{s, "/feed.atom", true},
		{s, doc + "/data.json", true},
		{s, doc + "/data.akn", true},
		{s, doc + "/data.txt", true},
		{s, doc + "/data.md", true},
		{s, doc + "/cite.bib", true},
		{s, doc + "/cite.ris", true},
		{s, doc + "/cite.csl.json", true},
		{s, doc + "/clauses/3/cite.csl.json", true},
		{tree, sub + "/cite.ris", true},
		{tree, "/documents/2024-03-03-treaty/data.json", true},
		{s, doc, false},
		{s, doc + "/clauses/3", false},
		{tree, sub, false},
		{s, "/", false},
		{s, "/search?q=energy", false},
		{s, "/sitemap.xml", false},
	} {
		for _, method := range []string{"GET", "HEAD"} {
			r := get(t, tc.s.Handler(), method, tc.path)
			if r.StatusCode != 200 {
				t.Errorf("%s %s: %d", method, tc.path, r.StatusCode)
			}
			got := r.Header.Get("Access-Control-Allow-Origin")
			if tc.open && got != "*" || !tc.open && got != "" {
				t.Errorf("%s %s: Access-Control-Allow-Origin %q; want open %v", method, tc.path, got, tc.open)
			}
		}
	}
}
