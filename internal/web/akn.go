package web

import (
	"net/http"
	"strings"
)

// serveWork resolves an Akoma Ntoso work URI, as data.json and data.akn
// give it (/akn/kz-ee/statement/joint/2025-11-17), to the document's page;
// an expression or manifestation of the work (…/eng@2025-11-17,
// …/eng@2025-11-17/main.xml) to its Akoma Ntoso file.
func (s *Server) serveWork(w http.ResponseWriter, r *http.Request) {
	if target, ok := resolveWork(s.cfg.Archive, r.URL.Path); ok {
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	work, _, _ := strings.Cut(r.URL.Path, "@")
	s.errorPageFor(w, r, http.StatusNotFound, "Work not found", "No document in the archive has the Akoma Ntoso work identifier “"+clip(work)+"”.", "")
}
