package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Bounds on one search's results.
const (
	defaultPerPage = 10
	maxPerPage     = 50
	maxResults     = 10000 // the deepest hit a page can reach
)

// search is Search, which guards it against a failing index.
func (ix *Index) search(ctx context.Context, q Query) (*Results, error) {
	start := time.Now()
	if n := utf8.RuneCountInString(q.Text); n > MaxQueryLen {
		return nil, fmt.Errorf("search: %d characters: %w", n, ErrQueryTooLong)
	}
	q = normalise(q)

	res := &Results{Query: q}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer r.Close()
	main, c, fallback := ix.prepare(q, r, false)
	res.Fallback = fallback
	if main == nil {
		res.Took = time.Since(start)
		return res, nil // nothing to search for
	}

	// What the query will cost decides whether it runs, and in which lane.
	cost, err := estimate(ctx, r, main, c)
	if err != nil {
		return nil, fmt.Errorf("search %q: cost: %w", q.Text, err)
	}
	lim := ix.limits
	if cost.Units > lim.MaxCost {
		return nil, fmt.Errorf("search %q: %w", q.Text, &CostError{Cost: cost, Limit: lim.MaxCost})
	}
	costly := cost.Units > lim.CheapCost
	release, err := ix.lanes.acquire(ctx, costly)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer release()

	run, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	fail := func(err error) error {
		if run.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return fmt.Errorf("search %q: %w after %v (cost %d)", q.Text, ErrTimedOut, lim.Timeout, cost.Units)
		}
		return fmt.Errorf("search %q: %w", q.Text, err)
	}
	if err := run.Err(); err != nil {
		return nil, fail(err)
	}
	coll, err := ix.collect(run, r, main, q.Sort, q.PerPage, (q.Page-1)*q.PerPage, true, costly, c.weights)
	if err != nil {
		return nil, fail(err)
	}
	if coll.total < widenBelow {
		// Few units hold the words as typed: look wider, in the units'
		// context and for compounds written otherwise. Not for every
		// search: that reads many more postings.
		wmain, wc, _ := ix.prepare(q, r, true)
		if wcost, err := estimate(run, r, wmain, wc); err == nil && wcost.Units <= lim.MaxCost {
			wcoll, err := ix.collect(run, r, wmain, q.Sort, q.PerPage, (q.Page-1)*q.PerPage, true, costly, wc.weights)
			if err != nil {
				return nil, fail(err)
			}
			coll, main, c = wcoll, wmain, wc
		}
	}
	if coll.total == 0 && ix.fold != nil {
		// Nothing matches the words as written: the units of other
		// languages that hold them without their diacritics ("oli" finds
		// "õli"), but only then, so that a word as written always wins.
		fmain, fc, _ := ix.prepareIn(q, r, ix.fold)
		if fmain != nil {
			if fcost, err := estimate(run, r, fmain, fc); err == nil && fcost.Units <= lim.MaxCost {
				fcoll, err := ix.collect(run, r, fmain, q.Sort, q.PerPage, (q.Page-1)*q.PerPage, true, costly, nil)
				if err != nil {
					return nil, fail(err)
				}
				if fcoll.total > 0 {
					coll, main, c = fcoll, fmain, fc
				}
			}
		}
	}
	if partial := c.partial(); coll.total == 0 && partial != nil && !fallback {
		// No unit holds every word: the units that hold the most of them,
		// rather than nothing, and which words the best of them lacks.
		partial = ix.withFilters(partial, q)
		if pc, err := estimate(run, r, partial, c); err == nil && pc.Units <= lim.MaxCost {
			pcoll, err := ix.collect(run, r, partial, q.Sort, q.PerPage, (q.Page-1)*q.PerPage, true, costly, c.weights)
			if err != nil {
				return nil, fail(err)
			}
			if pcoll.total > 0 {
				res.Partial, err = ix.leftOut(run, &c, pcoll.page)
				if err != nil {
					return nil, fail(err)
				}
				coll, main = pcoll, partial
			}
		}
	}
	res.Total = coll.total
	locs, err := ix.locate(run, r, main, coll.page)
	if err != nil {
		return nil, fail(err)
	}
	if q.Sort == ByRelevance {
		var wordsOf func(ranked) [][]string // nil: c's words, for every hit
		if len(c.others) > 0 {
			wordsOf = func(h ranked) [][]string { return c.in(ix.cat.units[h.ord].lang()).wordTerms }
		}
		nearFirst(coll.page, locs, c.wordTerms, wordsOf)
	}
	for i, h := range coll.page {
		hit, err := ix.hit(h, locs[i], c.marked)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		res.Hits = append(res.Hits, hit)
	}
	res.Facets = ix.cat.facetResults(coll.counts)
	if (res.Total == 0 || len(res.Partial) > 0) && len(c.words) > 0 {
		res.Suggest, err = ix.suggest(run, q, c.words)
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("search %q: suggest: %w", q.Text, err)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// widenBelow is the number of hits under which a search looks wider (see
// compile): fewer than a page.
const widenBelow = defaultPerPage

// prepare parses and compiles q.Text, falling back to plain words, and
// adds q's filters. The query is nil when there is nothing to search for.
// Wide, it also matches context and compounds (see compile); r, which may
// be nil, lets a long word match its parts written apart.
func (ix *Index) prepare(q Query, r index.IndexReader, wide bool) (query.Query, compiled, bool) {
	n, fallback := parseText(q.Text)
	c := ix.compile(n, r, wide)
	if c.query == nil && len(ix.structFilters(q)) == 0 {
		return nil, c, fallback
	}
	return ix.withFilters(c.query, q), c, fallback
}

// prepareIn is prepare in language l alone, narrow.
func (ix *Index) prepareIn(q Query, r index.IndexReader, l *lang) (query.Query, compiled, bool) {
	n, fallback := parseText(q.Text)
	c := ix.compileIn(n, r, false, l)
	if c.query == nil {
		return nil, c, fallback
	}
	if r != nil && l == ix.fold {
		c.stats = ix.statsFor(r, len(ix.cat.units)-ix.cat.langUnits[0])
	}
	return ix.withFilters(withStats(c.query, c.stats), q), c, fallback
}

// parseText parses text, falling back to its plain words (and saying so)
// when it does not parse.
func parseText(text string) (*node, bool) {
	n, err := parse(text)
	if err != nil {
		return plainWords(text), true
	}
	return n, false
}

// withFilters is main (nil: every unit) with q's own filters.
func (ix *Index) withFilters(main query.Query, q Query) query.Query {
	filters := ix.structFilters(q)
	if main == nil {
		main = query.NewMatchAllQuery()
	}
	if len(filters) > 0 {
		b := query.NewBooleanQuery([]query.Query{main}, nil, nil)
		b.AddFilter(query.NewConjunctionQuery(filters))
		main = b
	}
	return main
}

// leftOut is the words of c's items that the best of the hits does not
// hold, in the query's order.
func (ix *Index) leftOut(ctx context.Context, c *compiled, hits []ranked) ([]string, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ord := query.NewTermQuery(strconv.Itoa(int(hits[0].ord)))
	ord.SetField(fieldOrd)
	t := c.in(ix.cat.units[hits[0].ord].lang())
	var out []string
	for i, item := range t.items {
		both := query.NewConjunctionQuery([]query.Query{ord, item})
		sr, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(both, 0, 0, false))
		if err != nil {
			return nil, err
		}
		if sr.Total == 0 {
			out = append(out, t.itemWords[i])
		}
	}
	return out, nil
}

// normalise fills in defaults, clamps the page and cleans the text.
func normalise(q Query) Query {
	q.Text = strings.ToValidUTF8(strings.ReplaceAll(q.Text, "\x00", " "), "\uFFFD")
	q.Doc = strings.ToLower(strings.TrimSpace(q.Doc))
	q.Party = strings.ToUpper(strings.TrimSpace(q.Party))
	q.Kind = strings.ToLower(strings.TrimSpace(q.Kind))
	q.Commitment = strings.ToLower(strings.TrimSpace(q.Commitment))
	q.Topic = strings.ToLower(strings.TrimSpace(q.Topic))
	q.Entity = strings.ToLower(strings.TrimSpace(q.Entity))
	if q.Lang = strings.TrimSpace(q.Lang); q.Lang != "" {
		q.Lang = archive.LanguageBase(q.Lang)
	}
	if q.Actor = strings.TrimSpace(q.Actor); !strings.EqualFold(q.Actor, JointActor) {
		q.Actor = strings.ToUpper(q.Actor)
	} else {
		q.Actor = JointActor
	}
	if q.Year < 0 {
		q.Year = 0
	}
	switch q.Sort {
	case ByRelevance, ByNewest, ByOldest:
	default:
		q.Sort = ByRelevance
	}
	if q.PerPage <= 0 {
		q.PerPage = defaultPerPage
	}
	q.PerPage = min(q.PerPage, maxPerPage)
	q.Page = min(max(q.Page, 1), maxResults/q.PerPage)
	return q
}

// structFilters are the Query's own filters, AND-ed with the text's.
func (ix *Index) structFilters(q Query) []query.Query {
	var fs []query.Query
	add := func(field, value string) {
		t := query.NewTermQuery(value)
		t.SetField(field)
		fs = append(fs, t)
	}
	if q.Doc != "" {
		add(fieldDoc, q.Doc)
	}
	// Party and Kind may list several values, comma-separated (the pages'
	// multi-value filters): a unit of a document to which every party
	// listed is a party, of any kind listed.
	for _, p := range strings.Split(q.Party, ",") {
		if p != "" {
			add(fieldParty, p)
		}
	}
	if q.Year != 0 {
		add(fieldYear, strconv.Itoa(q.Year))
	}
	if kinds := strings.Split(q.Kind, ","); len(kinds) > 1 {
		var any []query.Query
		for _, k := range kinds {
			t := query.NewTermQuery(k)
			t.SetField(fieldKind)
			any = append(any, t)
		}
		fs = append(fs, query.NewDisjunctionQuery(any))
	} else if q.Kind != "" {
		add(fieldKind, q.Kind)
	}
	if q.Commitment != "" {
		add(fieldCommitment, q.Commitment)
	}
	if q.Actor != "" {
		add(fieldActor, q.Actor)
	}
	if q.Topic != "" {
		add(fieldTopic, q.Topic)
	}
	if q.Entity != "" {
		add(fieldEntity, q.Entity)
	}
	if q.Lang != "" && (len(ix.langs) > 0 || q.Lang != English) { // lang=en in an English archive: no filter
		fs = append(fs, ix.langFilter(q.Lang))
	}
	return fs
}

// hit turns a collected hit into a Hit with its snippet, marking the
// matches of the marked terms.
func (ix *Index) hit(h ranked, locs map[string][]span, marked map[string]bool) (Hit, error) {
	u := &ix.cat.units[h.ord]
	if u.para == nil {
		return Hit{}, fmt.Errorf("index id %q: no such unit in the archive", u.id())
	}
	var spans []span
	for term, ss := range locs {
		if marked[term] {
			spans = append(spans, ss...)
		}
	}
	return Hit{
		Doc:       u.doc(),
		Clause:    u.clause,
		Paragraph: u.para,
		EID:       u.para.EID(),
		Snippet:   snippet(u.text(), spans),
		Score:     h.score,
		Lang:      docLang(u.doc()),
	}, nil
}
