// Package params reads the URL parameters of a search, which the pages
// (/search) and the API (/api/v1/search) take alike: one reading, so that
// the same address finds the same clauses on both. It says which
// parameter is wrong and leaves the wording to the caller, since a page
// speaks to a person and the API to a program.
package params

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/accord-archive/accord/internal/archive"
)

// MaxPage bounds the page of results: deeper pages are never useful and
// cost the index more.
const MaxPage = 1000

// MaxPerPage bounds the hits a page of results may ask for.
const MaxPerPage = 50

// Error names a parameter whose value cannot be what it stands for: an
// unknown party, document, topic; a year or page out of range; a query
// longer than archive.MaxQueryLen.
type Error struct {
	Param string // "q", "doc", "party", "year", "kind", "commitment", "actor", "topic", "entity", "lang", "sort", "page", "per_page"
	Value string // as sent, trimmed
}

func (e *Error) Error() string { return "bad " + e.Param + " " + strconv.Quote(e.Value) }

// Search reads a search from v. Every filter is trimmed and its case
// folded as the archive spells it; "" (or absent) is no filter, and page
// and per_page absent are 0, the Searcher's defaults. Unknown parameters
// are ignored. The first parameter that is wrong, in the order below, is
// returned as an *Error.
func Search(v url.Values, a *archive.Archive, voc archive.Vocabulary) (archive.Query, error) {
	q := archive.Query{Text: v.Get("q")}
	bad := func(param, value string) (archive.Query, error) {
		return q, &Error{Param: param, Value: value}
	}
	if utf8.RuneCountInString(q.Text) > archive.MaxQueryLen {
		return bad("q", q.Text)
	}
	if d := strings.TrimSpace(v.Get("doc")); d != "" {
		if _, ok := a.Document(strings.ToLower(d)); !ok {
			return bad("doc", d)
		}
		q.Doc = strings.ToLower(d)
	}
	var ok bool
	if q.Party, ok = Party(a, v.Get("party")); !ok {
		return bad("party", strings.TrimSpace(v.Get("party")))
	}
	if q.Year, ok = Number(v.Get("year"), 9999); !ok {
		return bad("year", strings.TrimSpace(v.Get("year")))
	}
	kind, ok := Kind(v.Get("kind"))
	if !ok {
		return bad("kind", strings.TrimSpace(v.Get("kind")))
	}
	q.Kind = string(kind)
	if c := strings.TrimSpace(v.Get("commitment")); c != "" {
		t, ok := voc.Type(strings.ToLower(c))
		if !ok {
			return bad("commitment", c)
		}
		q.Commitment = t.Code
	}
	if q.Actor, ok = Actor(a, v.Get("actor")); !ok {
		return bad("actor", strings.TrimSpace(v.Get("actor")))
	}
	if tp := strings.TrimSpace(v.Get("topic")); tp != "" {
		t, ok := voc.Topic(strings.ToLower(tp))
		if !ok {
			return bad("topic", tp)
		}
		q.Topic = t.Slug
	}
	if en := strings.TrimSpace(v.Get("entity")); en != "" {
		e, ok := voc.Entity(strings.ToLower(en))
		if !ok {
			return bad("entity", en)
		}
		q.Entity = e.Slug
	}
	if q.Lang, ok = Lang(v.Get("lang")); !ok {
		return bad("lang", strings.TrimSpace(v.Get("lang")))
	}
	switch srt := v.Get("sort"); srt {
	case "", "relevance":
	case "newest":
		q.Sort = archive.ByNewest
	case "oldest":
		q.Sort = archive.ByOldest
	default:
		return bad("sort", srt)
	}
	if q.Page, ok = Number(v.Get("page"), MaxPage); !ok {
		return bad("page", v.Get("page"))
	}
	if q.PerPage, ok = Number(v.Get("per_page"), MaxPerPage); !ok {
		return bad("per_page", v.Get("per_page"))
	}
	return q, nil
}

// Party reads a party's code in either case, a code of a's party
// vocabulary; "" is no party.
func Party(a *archive.Archive, v string) (string, bool) {
	if v = strings.TrimSpace(v); v == "" {
		return "", true
	}
	p, err := a.LookupParty(strings.ToUpper(v))
	if err != nil {
		return "", false
	}
	return p.Code, true
}

// Actor reads who commits: a party's code, archive.JointActor for every
// party jointly, or archive.UnresolvedActor for a speaker not resolved;
// "" is anyone.
func Actor(a *archive.Archive, v string) (string, bool) {
	if v = strings.TrimSpace(v); strings.EqualFold(v, archive.JointActor) {
		return archive.JointActor, true
	}
	if strings.EqualFold(v, archive.UnresolvedActor) {
		return archive.UnresolvedActor, true
	}
	return Party(a, v)
}

// Kind reads a kind of document in either case; "" is any kind.
func Kind(v string) (archive.Kind, bool) {
	if v = strings.TrimSpace(v); v == "" {
		return "", true
	}
	k := archive.Kind(strings.ToLower(v))
	return k, k.Valid()
}

// Lang reads a language as a BCP 47 tag in either case, as its primary
// subtag ("pt-BR" is pt, "rus" is ru), which is what the search's lang
// filter holds; "" is any language.
func Lang(v string) (string, bool) {
	if v = strings.TrimSpace(v); v == "" {
		return "", true
	}
	t, err := language.Parse(v)
	if err != nil {
		return "", false
	}
	b, conf := t.Base()
	if conf == language.No {
		return "", false
	}
	return b.String(), true
}

// Number reads a whole number from 1 to most, as a year or a page is;
// "" is 0, none.
func Number(v string, most int) (int, bool) {
	if v = strings.TrimSpace(v); v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, false
	}
	return n, true
}
