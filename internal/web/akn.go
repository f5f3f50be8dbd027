package web

import (
	"net/http"
	"strings"

	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// serveWork resolves an Akoma Ntoso work URI, as data.json and data.akn
// give it (/akn/kz-ee/statement/joint/2025-11-17), to the document's page;
// an expression or manifestation of the work (…/eng@2025-11-17,
// …/eng@2025-11-17/main.xml) to its Akoma Ntoso file.
func (s *Server) serveWork(w http.ResponseWriter, r *http.Request) {
	work, rest, _ := strings.Cut(r.URL.Path, "@")
	if rest != "" {
		// "…/eng@…": the part before the language is the work.
		if i := strings.LastIndexByte(work, '/'); i > 0 {
			work = work[:i]
		}
	}
	for _, d := range s.cfg.Archive.Documents() {
		if formats.WorkURI(d) != work {
			continue
		}
		target := d.Path()
		if rest != "" {
			target += "/data.akn"
		}
		httpx.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	s.errorPageFor(w, r, http.StatusNotFound, "Work not found", "No document in the archive has the Akoma Ntoso work identifier “"+clip(work)+"”.", "")
}
