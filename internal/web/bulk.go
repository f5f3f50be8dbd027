package web

import (
	"cmp"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
)

// addBulk readies the bulk files (formats.BulkFiles), rendered when first
// asked for and then kept with their ETags: they grow with the archive,
// and most starts are never asked for them.
func (s *Server) addBulk(docs []*archive.Document) {
	render := map[string]func() ([]byte, error){
		formats.BulkJSONLines: func() ([]byte, error) { return s.site.JSONLines(docs) },
		formats.BulkAknZip:    func() ([]byte, error) { return formats.AknZip(docs) },
		formats.BulkCSV:       func() ([]byte, error) { return s.site.ProvisionsCSV(docs) },
	}
	for _, f := range formats.BulkFiles {
		f, build := f, render[f.Path]
		s.lazy[f.Path] = newLazyPage(func() (*page, error) {
			body, err := build()
			if err != nil {
				return nil, err
			}
			return newPage(f.Type, body), nil
		})
	}
}

// datasetLD is schema.org data for the archive as a data set, on /about:
// the bulk files as its distributions, under the archive's licence.
func (s *Server) datasetLD() map[string]any {
	var dist []map[string]any
	for _, f := range formats.BulkFiles {
		dist = append(dist, map[string]any{
			"@type":          "DataDownload",
			"name":           f.Name,
			"description":    f.Description,
			"contentUrl":     s.site.URL(f.Path),
			"encodingFormat": strings.Split(f.Type, ";")[0],
		})
	}
	ld := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"name":                SiteName + ": diplomatic texts, paragraph by paragraph",
		"description":         "Diplomatic texts (joint statements, declarations, communiqués) kept verbatim, split into their provisions, with what each commits to, on what and naming whom.",
		"url":                 s.site.URL("/about"),
		"isAccessibleForFree": true,
		"creator":             map[string]any{"@type": "Organization", "name": SiteName, "url": s.site.URL("/")},
		"distribution":        dist,
	}
	if l := s.cfg.Licence; l.Declared() {
		ld["license"] = cmp.Or(l.URL, l.Name)
	}
	return ld
}
