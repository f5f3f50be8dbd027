package web

import (
	"net/http"
	"path"
	"strings"
)

// openFiles lets any site's scripts read the data files, the citations and
// the feed (Access-Control-Allow-Origin: *): they are public and read-only,
// and a reference manager's web page or a reader in the browser fetches
// them from another origin. Pages are not opened: they are for people.
func openFiles(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if openFile(r.URL.Path) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
		}
		next.ServeHTTP(w, r)
	})
}

// openFile reports whether p is a data file, a bulk file, a citation or
// the feed.
func openFile(p string) bool {
	if p == "/feed.atom" || strings.HasPrefix(p, "/data/") {
		return true
	}
	if !strings.HasPrefix(p, "/documents/") {
		return false
	}
	switch name := path.Base(p); name {
	case "data.json", "data.akn", "data.xml", "data.txt", "data.md":
		return true
	default:
		return isCitationFile(name)
	}
}
