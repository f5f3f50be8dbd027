package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/params"
)

// The readers of the parameters several pages share, built on package
// params, which the API reads them with too. Each returns the value, or a
// problem in words to show the person who typed it; "" is no filter (and
// page 1).

// maxListPage bounds the page of a list: no list has that many pages, and
// a longer number is a mistake.
const maxListPage = 999999

// maxSearchPage bounds the page of search results (params.MaxPage).
const maxSearchPage = params.MaxPage

func partyParam(a *archive.Archive, v string) (string, string) {
	p, ok := params.Party(a, v)
	if !ok {
		return "", paramProblem("party", v, nil)
	}
	return p, ""
}

func yearParam(v string) (int, string) {
	y, ok := params.Number(v, 9999)
	if !ok {
		return 0, paramProblem("year", v, nil)
	}
	return y, ""
}

func kindParam(v string) (archive.Kind, string) {
	k, ok := params.Kind(v)
	if !ok {
		return "", paramProblem("kind", v, nil)
	}
	return k, ""
}

func pageParam(v string, most int) (int, string) {
	n, ok := params.Number(v, most)
	if !ok {
		return 0, pageProblem(v, most)
	}
	return max(n, 1), ""
}

func pageProblem(v string, most int) string {
	return "“" + clip(v) + "” is not a page number between 1 and " + groupThousands(most) + "."
}

// parseSearch reads /search's parameters (params.Search); what cannot be
// a filter value is the person's error, reported in words. The pages
// show the searcher's default number of hits a page: per_page is the
// API's alone, and ignored here.
func (s *Server) parseSearch(r *http.Request) (searchParams, string) {
	v := r.URL.Query()
	v.Del("per_page")
	// Several parties or kinds (party=EE&party=KZ, or party=EE,KZ) are
	// read here, each checked as params reads one; the search takes them
	// comma-separated.
	parties, badParty := s.multiParam(v, "party", func(x string) (string, bool) { return params.Party(s.cfg.Archive, x) })
	kinds, badKind := s.multiParam(v, "kind", func(x string) (string, bool) { k, ok := params.Kind(x); return string(k), ok })
	q, err := params.Search(v, s.cfg.Archive, s.cfg.Vocabulary)
	q.Page = max(q.Page, 1)
	q.Party, q.Kind = parties, kinds
	p := searchParams{q: q, literal: literalParam(v["literal"])}
	if err == nil && badParty != "" {
		err = &params.Error{Param: "party", Value: badParty}
	}
	if err == nil && badKind != "" {
		err = &params.Error{Param: "kind", Value: badKind}
	}
	var bad *params.Error
	if errors.As(err, &bad) {
		if bad.Param == "page" {
			return p, pageProblem(bad.Value, maxSearchPage)
		}
		return p, paramProblem(bad.Param, bad.Value, s.cfg.Vocabulary)
	}
	return p, ""
}

// paramProblem says, to the person who typed it, why value cannot be the
// parameter param. voc, needed only for "commitment" and "type", lists the
// codes to use instead.
func paramProblem(param, value string, voc Vocabulary) string {
	v := "“" + clip(strings.TrimSpace(value)) + "”"
	switch param {
	case "q":
		return "The search is too long: at most " + itoa(archive.MaxQueryLen) + " characters, please."
	case "doc":
		return "The archive holds no document called " + v + "."
	case "party":
		return v + " is not a party’s code: use a code such as EE (Estonia), KZ (Kazakhstan), EU (European Union) or UNSC (UN Security Council)."
	case "year":
		return v + " is not a year."
	case "kind":
		return v + " is not a kind of document."
	case "commitment", "type":
		return v + " is not a kind of commitment: use " + typeCodes(voc) + "."
	case "actor":
		return v + " is not an actor: use a party’s code, such as EE or EU, or “joint”."
	case "topic":
		return v + " is not a topic: see the list of topics."
	case "entity":
		return v + " is not a name the archive knows: see the list of names."
	case "lang":
		return v + " is not a language: use a language code such as en, ru or fr."
	case "sort":
		return v + " is not a way to sort: use relevance, newest or oldest."
	}
	return v + " is not a value " + param + " can take."
}

// multiParam reads the values of key, repeated or comma-separated, each
// read by one; it leaves key out of v, so that params.Search reads none of
// it, and returns them comma-separated, without repeats, or the first
// value that cannot be one.
func (s *Server) multiParam(v url.Values, key string, one func(string) (string, bool)) (string, string) {
	var out []string
	defer v.Del(key)
	for _, raw := range v[key] {
		for _, x := range strings.Split(raw, ",") {
			if strings.TrimSpace(x) == "" {
				continue
			}
			val, ok := one(x)
			if !ok {
				return "", strings.TrimSpace(x)
			}
			if val != "" && !slices.Contains(out, val) {
				out = append(out, val)
			}
		}
	}
	return strings.Join(out, ","), ""
}
