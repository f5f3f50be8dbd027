package web

import (
	"context"
	"strings"
	"unicode"

	"github.com/accord-archive/accord/internal/archive"
)

// How /search reads the parties a query names. "estonia kazakhstan
// transport" is a question about the documents Estonia and Kazakhstan are
// parties to, although clause 3 names Kazakhstan only: a party's name (by
// any form the party vocabulary and the classification know: "Estonia",
// "the Republic of Estonia", "Estonian", "EE") also matches the passages of
// its documents. The word is kept as an alternative, so a passage that
// also names the party ranks above one that does not; the page shows each
// reading as a chip ("Estonia: as a party") whose removal searches the
// word alone (literal=EE).

// partyReading is one party a query names, read as a party.
type partyReading struct {
	Code  string
	Name  string
	Words string // as typed: "estonia", "the Republic of Estonia"
}

// queryToken is a whitespace-separated piece of a query, with its bytes.
type queryToken struct {
	text       string
	start, end int
	plain      bool // a word or words to read, not syntax of the query language
}

// queryTokens cuts text into tokens; a quoted phrase is one token, not
// plain, as are filters (party:EE), exclusions (-word), OR and brackets.
func queryTokens(text string) []queryToken {
	var out []queryToken
	for i := 0; i < len(text); {
		if text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' {
			i++
			continue
		}
		start := i
		if text[i] == '"' {
			if j := strings.IndexByte(text[i+1:], '"'); j >= 0 {
				i += j + 2
			} else {
				i = len(text)
			}
		}
		for i < len(text) && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r' {
			i++
		}
		t := text[start:i]
		out = append(out, queryToken{text: t, start: start, end: i, plain: plainToken(t)})
	}
	// A word beside OR is an alternative the person wrote: left as it is.
	for k, t := range out {
		if t.text == "OR" || t.text == "||" {
			if k > 0 {
				out[k-1].plain = false
			}
			if k+1 < len(out) {
				out[k+1].plain = false
			}
		}
	}
	return out
}

// plainToken reports whether t is words only: letters, digits, and the
// apostrophes, hyphens and full stops inside names ("Côte d’Ivoire",
// "U.S."), not starting with a minus.
func plainToken(t string) bool {
	if t == "" || t == "OR" || t == "||" || t == "AND" || t[0] == '-' {
		return false
	}
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("'’-.", r) {
			return false
		}
	}
	return true
}

// readParties rewrites text so that each party it names also matches the
// documents the party is a party to: "estonia transport" becomes
// "(estonia OR party:EE) transport". literal lists the codes to leave as
// words; already lists the party filter in force, which needs no reading.
// It returns text unchanged when it names no party.
func (s *Server) readParties(text string, literal []string, already string) (string, []partyReading) {
	toks := queryTokens(text)
	finder, _ := s.cfg.Vocabulary.(archive.MentionFinder)
	type span struct {
		from, to int // tokens [from, to]
		code     string
	}
	var spans []span
	for i := 0; i < len(toks); {
		if !toks[i].plain {
			i++
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j+1].plain {
			j++
		}
		// Tokens i..j are a run of words: find the parties they name.
		seg := text[toks[i].start:toks[j].end]
		var ms []archive.Mention
		if finder != nil {
			ms = finder.PartyMentions(seg)
		}
		covered := map[int]bool{}
		for _, m := range ms {
			from, to := -1, -1
			for k := i; k <= j; k++ {
				ts, te := toks[k].start-toks[i].start, toks[k].end-toks[i].start
				if ts <= m.Start && m.Start < te {
					from = k
				}
				if ts < m.End && m.End <= te {
					to = k
				}
			}
			if from < 0 || to < from {
				continue
			}
			if from > i && strings.EqualFold(toks[from-1].text, "the") {
				from-- // "the Republic of Estonia" is the name, "the" with it
			}
			spans = append(spans, span{from, to, m.Code})
			for k := from; k <= to; k++ {
				covered[k] = true
			}
		}
		// A party's code as typed, in capitals: "EE", "EU", "UNSC".
		for k := i; k <= j; k++ {
			if covered[k] || !isCode(toks[k].text) {
				continue
			}
			if _, err := s.cfg.Archive.LookupParty(toks[k].text); err == nil {
				spans = append(spans, span{k, k, toks[k].text})
			}
		}
		i = j + 1
	}
	if len(spans) == 0 {
		return text, nil
	}
	var readings []partyReading
	byStart := map[int]span{}
	for _, sp := range spans {
		if sp.code == already || containsFold(literal, sp.code) {
			continue
		}
		byStart[sp.from] = sp
		seen := false
		for _, r := range readings {
			seen = seen || r.Code == sp.code
		}
		if !seen {
			p, _ := s.cfg.Archive.LookupParty(sp.code)
			readings = append(readings, partyReading{Code: sp.code, Name: p.Name, Words: text[toks[sp.from].start:toks[sp.to].end]})
		}
	}
	if len(readings) == 0 {
		return text, nil
	}
	var b strings.Builder
	pos := 0
	for k := 0; k < len(toks); k++ {
		sp, ok := byStart[k]
		if !ok {
			continue
		}
		b.WriteString(text[pos:toks[k].start])
		words := text[toks[sp.from].start:toks[sp.to].end]
		if sp.to > sp.from {
			words = `"` + words + `"`
		}
		b.WriteString("(" + words + " OR party:" + sp.code + ")")
		pos = toks[sp.to].end
		k = sp.to
	}
	b.WriteString(text[pos:])
	return b.String(), readings
}

// isCode reports whether w is written as a party's code: two to six
// capitals and digits, starting with a capital.
func isCode(w string) bool {
	if len(w) < 2 || len(w) > 6 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'A' && w[i] <= 'Z' || w[i] >= '0' && w[i] <= '9') {
			return false
		}
	}
	return w != "OR" && w != "AND"
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// literalParam reads literal=EE (repeated, or EE,KZ): the parties a query
// names to search as words only.
func literalParam(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToUpper(strings.TrimSpace(c)); isCode(c) && !containsFold(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// fillReadings shows how the query was read: a chip per party read as a
// party, and a link back for each party the person asked to read as a word.
func (s *Server) fillReadings(page *SearchPage, p searchParams, readings []partyReading) {
	for _, r := range readings {
		q := p
		q.literal = append(append([]string(nil), p.literal...), r.Code)
		page.Readings = append(page.Readings, Link{Label: r.Name + ": as a party", Value: r.Words, URL: q.url("literal", strings.Join(q.literal, ","))})
	}
	for _, code := range p.literal {
		party, err := s.cfg.Archive.LookupParty(code)
		if err != nil {
			continue
		}
		var rest []string
		for _, c := range p.literal {
			if c != code {
				rest = append(rest, c)
			}
		}
		page.Literal = append(page.Literal, Link{Label: party.Name, URL: p.url("literal", strings.Join(rest, ","))})
	}
	// A suggestion drawn from the rewritten query would show the rewriting.
	if strings.Contains(page.Suggest.Label, "party:") && len(readings) > 0 {
		page.Suggest = Link{}
	}
}

// maxNearest bounds the searches tried when nothing matches: one per word
// left out and per filter removed, each cheap on an empty result.
const maxNearest = 8

// nearestSearches are, when nothing matches, the searches nearest to p
// that find something: each word left out in turn, each filter removed.
func (s *Server) nearestSearches(ctx context.Context, p searchParams, readings []partyReading) []Link {
	type try struct {
		label string
		p     searchParams
	}
	var tries []try
	toks := queryTokens(p.q.Text)
	if len(toks) > 1 {
		for i, t := range toks {
			var rest []string
			for j, u := range toks {
				if j != i {
					rest = append(rest, u.text)
				}
			}
			q := p
			q.q.Text = strings.Join(rest, " ")
			tries = append(tries, try{"without “" + t.text + "”", q})
		}
	}
	for _, f := range searchFilters {
		if p.value(f.key) == "" {
			continue
		}
		q := p
		q.q = withoutFilter(p.q, f.key)
		tries = append(tries, try{"without " + f.name, q})
	}
	var out []Link
	for i, t := range tries {
		if i >= maxNearest || ctx.Err() != nil {
			break
		}
		run := t.p.q
		run.Text, _ = s.readParties(run.Text, t.p.literal, run.Party)
		run.Page, run.PerPage = 1, 1
		if !t.p.asks() {
			continue // an empty search lists nothing
		}
		res, err := s.cfg.Search.Search(ctx, run)
		if err != nil || res.Total == 0 || len(res.Partial) > 0 {
			continue
		}
		label := t.p.q.Text
		if label == "" {
			label = "every passage"
		}
		out = append(out, Link{Label: label, Value: t.label, Count: res.Total, URL: t.p.url("page", "")})
	}
	return out
}

// withoutFilter is q without its filter key.
func withoutFilter(q archive.Query, key string) archive.Query {
	switch key {
	case "party":
		q.Party = ""
	case "kind":
		q.Kind = ""
	case "year":
		q.Year = 0
	case "doc":
		q.Doc = ""
	case "commitment":
		q.Commitment = ""
	case "actor":
		q.Actor = ""
	case "topic":
		q.Topic = ""
	case "entity":
		q.Entity = ""
	case "lang":
		q.Lang = ""
	}
	return q
}
