package web

import (
	"slices"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// The advanced search form of /search: every field a search takes, with
// several parties and several kinds as checkboxes, so that a reader can
// ask for Estonia and Kazakhstan together without the query language.

// Advanced is the form's choices, each marked as the search has it.
type Advanced struct {
	Open    bool // a filter is in force: the form starts open
	Parties []Link
	Kinds   []Link
	Years   []Link
	Topics  []Link
	Types   []Link
}

func (s *Server) advanced(p searchParams) Advanced {
	var a Advanced
	parties, kinds, years := map[string]bool{}, map[string]bool{}, map[int]bool{}
	for _, d := range s.cfg.Archive.Documents() {
		for _, party := range d.Named() {
			parties[party.Code] = true
		}
		kinds[string(d.Kind)] = true
		years[d.Date.Year()] = true
	}
	for code := range parties {
		party, err := s.cfg.Archive.LookupParty(code)
		if err != nil {
			continue
		}
		a.Parties = append(a.Parties, Link{Value: code, Label: party.Name, Active: slices.Contains(splitList(p.q.Party), code)})
	}
	slices.SortFunc(a.Parties, func(x, y Link) int { return strings.Compare(x.Label, y.Label) })
	for _, k := range archive.Kinds() {
		if kinds[string(k)] {
			a.Kinds = append(a.Kinds, Link{Value: string(k), Label: k.Name(), Active: slices.Contains(splitList(p.q.Kind), string(k))})
		}
	}
	for y := range years {
		a.Years = append(a.Years, Link{Value: itoa(y), Label: itoa(y), Active: p.q.Year == y})
	}
	slices.SortFunc(a.Years, func(x, y Link) int { return strings.Compare(y.Value, x.Value) })
	for _, t := range s.cfg.Vocabulary.Topics() {
		a.Topics = append(a.Topics, Link{Value: t.Slug, Label: t.Name, Active: p.q.Topic == t.Slug})
	}
	for _, t := range s.cfg.Vocabulary.Types() {
		a.Types = append(a.Types, Link{Value: t.Code, Label: t.Name, Active: p.q.Commitment == t.Code})
	}
	a.Open = p.q.Party != "" || p.q.Kind != "" || p.q.Year != 0 || p.q.Topic != "" || p.q.Commitment != ""
	return a
}
