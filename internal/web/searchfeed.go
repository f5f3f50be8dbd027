package web

import (
	"encoding/xml"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/formats"
	"github.com/accord-archive/accord/internal/httpx"
)

// /search.atom?q=…: a search as an Atom feed, newest documents first, so
// that a reader can follow a question ("estonia transport") and learn of
// the next statement that answers it. It takes /search's parameters and
// reads them as /search does, parties in the query included.

// searchFeedSize is how many passages a search's feed lists.
const searchFeedSize = 20

// searchFeedPath is the feed of the search at the page address u
// ("/search?q=…"): the same parameters, without the page and the sort.
func searchFeedPath(p searchParams) string {
	p.q.Sort = ""
	u := p.url("page", "")
	return "/search.atom" + strings.TrimPrefix(u, "/search")
}

func (s *Server) serveSearchFeed(w http.ResponseWriter, r *http.Request) {
	p, problem := s.parseSearch(r)
	if problem != "" {
		s.errorPageFor(w, r, http.StatusBadRequest, "That search could not be run", problem, "")
		return
	}
	run := p.q
	run.Text, _ = s.readParties(p.q.Text, p.literal, p.q.Party)
	run.Sort, run.Page, run.PerPage = archive.ByNewest, 1, searchFeedSize
	feed := formats.AtomFeed{
		Title:  SiteName + ": search “" + p.q.Text + "”",
		ID:     s.site.URL(searchFeedPath(p)),
		Author: SiteName,
		Rights: formats.Rights(s.site.Licence),
		Links: []formats.AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.site.URL(searchFeedPath(p))},
			{Rel: "alternate", Type: "text/html", Href: s.site.URL(p.url("page", ""))},
		},
	}
	if strings.TrimSpace(p.q.Text) == "" {
		feed.Title = SiteName + ": search"
	}
	var newest time.Time
	if p.asks() {
		res, err := s.cfg.Search.Search(r.Context(), run)
		switch {
		case errors.Is(err, archive.ErrTooCostly), errors.Is(err, archive.ErrQueryTooLong):
			s.errorPageFor(w, r, http.StatusBadRequest, "That search could not be run", "The search is too long or too broad to follow; try it on the search page, which says why.", "")
			return
		case err != nil:
			s.log.Warn("search feed", "q", p.q.Text, "err", err)
			w.Header().Set("Retry-After", "5")
			s.errorPageFor(w, r, http.StatusServiceUnavailable, "Search is busy", "The search could not be run just now. Try again in a moment.", "")
			return
		}
		for _, h := range res.Hits {
			url, label, text := h.Paragraph.ContextPath(), "preamble, para. "+itoa(h.Paragraph.Index), h.Paragraph.Text
			if h.Clause != nil {
				url, label, text = h.Clause.Path(), h.Clause.Cite(), h.Clause.Text()
			}
			if h.Doc.Date.After(newest) {
				newest = h.Doc.Date
			}
			feed.Entries = append(feed.Entries, formats.AtomEntry{
				Title:   h.Doc.Title + ", " + label,
				ID:      s.site.URL(url),
				Updated: h.Doc.Date.UTC().Format(time.RFC3339),
				Links:   []formats.AtomLink{{Rel: "alternate", Type: "text/html", Href: s.site.URL(url)}},
				Summary: formats.AtomText{Type: "text", Body: formats.Opening(text, 300)},
				Lang:    formats.EntryLang(h.Doc),
			})
		}
	}
	// The newest passage's date, not the time of asking: the same search
	// of the same archive is the same feed, byte for byte.
	feed.Updated = newest.UTC().Format(time.RFC3339)
	if newest.IsZero() {
		feed.Updated = "1970-01-01T00:00:00Z"
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.renderFault(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	httpx.Write(w, r, httpx.Response{Status: http.StatusOK, ContentType: "application/atom+xml; charset=utf-8", Body: append([]byte(xml.Header), append(out, '\n')...)})
}
