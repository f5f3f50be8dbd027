package web

import "strings"

// DocumentPagesKept counts the documents' pages the server keeps
// rendered: those rendered at start, for a small archive, and those in the
// page cache since. A server that renders on first request keeps none
// before its first request; start-up tests hold it to that.
func (s *Server) DocumentPagesKept() int {
	n := 0
	for path := range s.pages {
		if strings.HasPrefix(path, "/documents/") {
			n++
		}
	}
	return n + s.pageCache.len()
}
