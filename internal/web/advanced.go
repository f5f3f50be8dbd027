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

// advanced is the form for the search p: the archive's choices, read
// once (advancedChoices), each marked as p has it.
func (s *Server) advanced(p searchParams) Advanced {
	s.advancedOnce.Do(func() { s.advancedAll = s.advancedChoices() })
	all := s.advancedAll
	parties, kinds := splitList(p.q.Party), splitList(p.q.Kind)
	mark := func(ls []Link, active func(Link) bool) []Link {
		out := slices.Clone(ls)
		for i := range out {
			out[i].Active = active(out[i])
		}
		return out
	}
	return Advanced{
		Open:    p.q.Party != "" || p.q.Kind != "" || p.q.Year != 0 || p.q.Topic != "" || p.q.Commitment != "",
		Parties: mark(all.Parties, func(l Link) bool { return slices.Contains(parties, l.Value) }),
		Kinds:   mark(all.Kinds, func(l Link) bool { return slices.Contains(kinds, l.Value) }),
		Years:   mark(all.Years, func(l Link) bool { return l.Value == itoa(p.q.Year) }),
		Topics:  mark(all.Topics, func(l Link) bool { return l.Value == p.q.Topic }),
		Types:   mark(all.Types, func(l Link) bool { return l.Value == p.q.Commitment }),
	}
}

// advancedChoices is what the form offers: the parties, kinds and years
// of the archive's documents, and the vocabulary's topics and commitment
// types. The archive does not change under a server.
func (s *Server) advancedChoices() Advanced {
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
		a.Parties = append(a.Parties, Link{Value: code, Label: party.Name})
	}
	slices.SortFunc(a.Parties, func(x, y Link) int { return strings.Compare(x.Label, y.Label) })
	for _, k := range archive.Kinds() {
		if kinds[string(k)] {
			a.Kinds = append(a.Kinds, Link{Value: string(k), Label: k.Name()})
		}
	}
	for y := range years {
		a.Years = append(a.Years, Link{Value: itoa(y), Label: itoa(y)})
	}
	slices.SortFunc(a.Years, func(x, y Link) int { return strings.Compare(y.Value, x.Value) })
	for _, t := range s.cfg.Vocabulary.Topics() {
		a.Topics = append(a.Topics, Link{Value: t.Slug, Label: t.Name})
	}
	for _, t := range s.cfg.Vocabulary.Types() {
		a.Types = append(a.Types, Link{Value: t.Code, Label: t.Name})
	}
	return a
}
