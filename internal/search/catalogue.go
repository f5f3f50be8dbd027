package search

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/accord-archive/accord/internal/archive"
)

// catalogue lists every unit of the archive by its ordinal, the number the
// index keeps in each unit's "ord" doc value. A search reads one doc value
// per hit and finds everything else here: where the unit is in the archive,
// its facet values and its place in the date orders. The archive is in
// memory anyway, so this costs little and spares Bleve reading eight facet
// fields and three sort fields for every hit.
type catalogue struct {
	units  []catalogued
	newest []int32       // rank of each ordinal, newest document first, then reading order
	oldest []int32       // rank of each ordinal, oldest document first, then reading order
	facets []facetColumn // as facetFields

	// Facet values come in two groups: those of the document (doc, party,
	// year, kind) and those of the unit's classification. Units that share
	// a key share every value of the group, so a search counts hits by key,
	// two counters a hit, and turns keys into values once at the end.
	keys  [facetGroups][]int32 // by group, then ordinal
	nkeys [facetGroups]int

	// Every facet's value ids in one space, facet by facet: value id v of
	// facet i is base[i]+v. A key's values, all its group's facets
	// together, are flat[g].ids[flat[g].start[key]:flat[g].start[key+1]].
	base []int
	flat [facetGroups]facetColumn

	parties *archive.Parties // for the aliases of a document's parties; may be nil

	// defined returns the acronyms the units define (acronyms), found in
	// the background from the moment the units are listed.
	defined func() equivalents

	langs     []*lang                     // the languages other than English, as met
	langBy    map[*archive.Document]*lang // the language of each document not in English
	langOrd   []uint8                     // by ordinal: 0 English, i+1 langs[i]; nil when all are English
	langUnits []int                       // how many units each language has, by langOrd
}

// The facet groups, by what a key of the group stands for.
const (
	byDocument       = iota // the unit's document
	byClassification        // the unit's set of classification values
	facetGroups
)

// catalogued is one unit: a provision with text of its own, or a preamble
// paragraph.
type catalogued struct {
	clause *archive.Provision // nil for a preamble paragraph
	para   *archive.Paragraph // the preamble paragraph, or the provision's first; nil if it has none
	order  int                // place in its document's reading order, from 1
}

func (c *catalogued) doc() *archive.Document {
	if c.clause != nil {
		return c.clause.Doc
	}
	return c.para.Doc
}

// class is the unit's classification.
func (c *catalogued) class() *archive.Classification {
	if c.clause != nil {
		return &c.clause.Classification
	}
	return c.para.Classification
}

// text is the unit's text as indexed, made when asked for: only a page's
// hits need it after the build.
func (c *catalogued) text() string {
	if c.clause != nil {
		return c.clause.Text()
	}
	return c.para.Text
}

// mayDefine reports whether the unit's text holds a parenthesis, where an
// acronym is defined, without joining its paragraphs.
func (c *catalogued) mayDefine() bool {
	if c.clause == nil {
		return strings.Contains(c.para.Text, "(")
	}
	for _, p := range c.clause.Paragraphs {
		if strings.Contains(p.Text, "(") {
			return true
		}
	}
	return false
}

// facetColumn holds one facet's values as small ids, by key of the facet's
// group: those of key k are ids[start[k]:start[k+1]], distinct, as a doc
// value lists a unit's terms.
type facetColumn struct {
	values []string // by id
	start  []int32
	ids    []int32
}

func (c *facetColumn) of(key int32) []int32 { return c.ids[c.start[key]:c.start[key+1]] }

// newCatalogue lists a's units in the order the index numbers them: by
// document, in reading order: the preamble's paragraphs, then the
// provisions search looks in (Document.Searched).
func newCatalogue(a *archive.Archive) *catalogue {
	n := 0
	for _, d := range a.Documents() {
		n += len(d.Preamble) + len(d.Clauses) + len(d.Conclusions) + len(d.Notes)
	}
	cat := &catalogue{facets: make([]facetColumn, len(facetFields)), units: make([]catalogued, 0, n), parties: a.Parties()}
	for _, d := range a.Documents() {
		first := len(cat.units)
		for _, p := range d.Preamble {
			cat.units = append(cat.units, catalogued{para: p, order: len(cat.units) - first + 1})
		}
		for _, c := range d.Searched() {
			u := catalogued{clause: c, order: len(cat.units) - first + 1}
			if len(c.Paragraphs) > 0 { // Build lists none without; a clause made by hand may have none
				u.para = c.Paragraphs[0]
			}
			cat.units = append(cat.units, u)
		}
	}
	// The units are all there and no longer change: their acronyms are
	// found on another core while the rest of the catalogue is made and
	// the index opened.
	cat.defined = definedLater(cat)
	cat.rank()
	cat.langs, cat.langBy = cat.languages()
	cat.langOrd = cat.langOrds()

	known := make([]map[string]int32, len(cat.facets)) // value -> id, by facet
	for i := range cat.facets {
		cat.facets[i].start = []int32{0}
		known[i] = map[string]int32{}
	}
	groupKeys := [facetGroups]map[string]int32{{}, {}} // signature -> key, by group
	var (
		sig     []byte
		ids     []int32
		ends    []int
		lastDoc *archive.Document
	)
	for g := range cat.keys {
		cat.keys[g] = make([]int32, len(cat.units))
	}
	var u unit
	for ord := range cat.units {
		d := cat.units[ord].doc()
		cat.facetFields(&u, int32(ord), d != lastDoc)
		for g := range cat.keys {
			if g == byDocument && d == lastDoc {
				cat.keys[g][ord] = int32(cat.nkeys[g] - 1) // units of a document are consecutive
				continue
			}
			// The key's signature is its values' ids, facet by facet;
			// ids holds them, ends[j] where the group's jth facet's end.
			sig, ids, ends = sig[:0], ids[:0], ends[:0]
			for i, f := range facetFields {
				if f.group != g {
					continue
				}
				begin := len(ids)
				for _, v := range u.facetValues(f.field) {
					id, ok := known[i][v]
					if !ok {
						id = int32(len(cat.facets[i].values))
						known[i][v] = id
						cat.facets[i].values = append(cat.facets[i].values, v)
					}
					if !slices.Contains(ids[begin:], id) {
						ids = append(ids, id)
					}
				}
				ends = append(ends, len(ids))
				for _, id := range ids[begin:] {
					sig = binary.AppendUvarint(sig, uint64(id)+1)
				}
				sig = append(sig, 0)
			}
			key, ok := groupKeys[g][string(sig)]
			if !ok || g == byDocument { // a document's slug is its own
				key = int32(cat.nkeys[g])
				if g != byDocument {
					groupKeys[g][string(sig)] = key
				}
				cat.nkeys[g]++
				j, begin := 0, 0
				for i, f := range facetFields {
					if f.group == g {
						col := &cat.facets[i]
						col.ids = append(col.ids, ids[begin:ends[j]]...)
						col.start = append(col.start, int32(len(col.ids)))
						begin = ends[j]
						j++
					}
				}
			}
			cat.keys[g][ord] = key
		}
		lastDoc = d
	}
	cat.flatten()
	return cat
}

// flatten fills base and flat from the facet columns.
func (cat *catalogue) flatten() {
	cat.base = make([]int, len(cat.facets)+1)
	for i := range cat.facets {
		cat.base[i+1] = cat.base[i] + len(cat.facets[i].values)
	}
	for g := range cat.flat {
		f := &cat.flat[g]
		f.start = make([]int32, 1, cat.nkeys[g]+1)
		for key := range int32(cat.nkeys[g]) {
			for i, ff := range facetFields {
				if ff.group == g {
					for _, id := range cat.facets[i].of(key) {
						f.ids = append(f.ids, int32(cat.base[i])+id)
					}
				}
			}
			f.start = append(f.start, int32(len(f.ids)))
		}
	}
}

// rank numbers the units in the two date orders. Ties on the date fall to
// the document's slug, then to reading order, as the relevance sort's ties do.
//
// A document's units are numbered consecutively in reading order, so the
// documents are sorted, not the units: each document's units then take
// the next ranks in their order.
func (cat *catalogue) rank() {
	type span struct {
		d          *archive.Document
		start, end int32 // its units' ordinals
	}
	var spans []span
	for ord := range cat.units {
		if d := cat.units[ord].doc(); len(spans) == 0 || spans[len(spans)-1].d != d {
			spans = append(spans, span{d: d, start: int32(ord)})
		}
		spans[len(spans)-1].end = int32(ord) + 1
	}
	byDate := func(desc bool) []int32 {
		slices.SortStableFunc(spans, func(a, b span) int {
			c := a.d.Date.Compare(b.d.Date)
			if desc {
				c = -c
			}
			return cmp.Or(c, cmp.Compare(a.d.Slug, b.d.Slug), cmp.Compare(a.start, b.start))
		})
		rank := make([]int32, len(cat.units))
		r := int32(0)
		for _, sp := range spans {
			for ord := sp.start; ord < sp.end; ord++ {
				rank[ord] = r
				r++
			}
		}
		return rank
	}
	cat.newest = byDate(true)
	cat.oldest = byDate(false)
}

// fields is what the index holds for the unit numbered ord, but for its
// context and headings, which fill adds analysed once for the units that
// share them.
func (cat *catalogue) fields(ord int32) unit {
	c := &cat.units[ord]
	d := c.doc()
	u := unit{
		Ord:  strconv.Itoa(int(ord)),
		Doc:  d.Slug,
		Year: strconv.Itoa(d.Year()),
		Kind: string(d.Kind),
	}
	if l := cat.langBy[d]; l != nil {
		u.Lang = []string{l.base}
	} else {
		text := c.text()
		u.Text = &text
		if len(cat.langs) > 0 {
			u.Lang = []string{English}
		}
	}
	for _, p := range d.Named() { // the issuer too: party:G7 finds the G7's communiqués
		u.Party = append(u.Party, p.Code)
	}
	u.addClassification(c.class())
	return u
}

// addClassification appends the facet values of cl to u's: commitment
// types and actors once each, topics and names.
func (u *unit) addClassification(cl *archive.Classification) {
	for _, m := range cl.Commitments {
		if m.Type != nil && !slices.Contains(u.Commitment, m.Type.Code) {
			u.Commitment = append(u.Commitment, m.Type.Code)
		}
		actor := m.Actor
		if actor == "" {
			actor = JointActor
		}
		if !slices.Contains(u.Actor, actor) {
			u.Actor = append(u.Actor, actor)
		}
	}
	for _, t := range cl.Topics {
		u.Topic = append(u.Topic, t.Slug)
	}
	for _, e := range cl.Entities {
		u.Entity = append(u.Entity, e.Slug)
	}
}

// facetFields sets u's facet values to the unit numbered ord's, as fields
// gives them, without its text: those of its document only when newDoc,
// since the units of a document are consecutive.
func (cat *catalogue) facetFields(u *unit, ord int32, newDoc bool) {
	c := &cat.units[ord]
	if newDoc {
		d := c.doc()
		u.Doc, u.Year, u.Kind = d.Slug, strconv.Itoa(d.Year()), string(d.Kind)
		u.Lang, u.Party = u.Lang[:0], u.Party[:0]
		if l := cat.langBy[d]; l != nil {
			u.Lang = append(u.Lang, l.base)
		} else if len(cat.langs) > 0 {
			u.Lang = append(u.Lang, English)
		}
		for _, p := range d.Named() {
			u.Party = append(u.Party, p.Code)
		}
	}
	u.Commitment, u.Actor, u.Topic, u.Entity = u.Commitment[:0], u.Actor[:0], u.Topic[:0], u.Entity[:0]
	u.addClassification(c.class())
}

// id is the unit's id in the index: slug#eId.
func (c *catalogued) id() string {
	if c.clause != nil {
		return unitID(c.doc().Slug, c.clause.EID())
	}
	return unitID(c.doc().Slug, c.para.EID())
}

// facetValues are u's values of a facet's field.
func (u *unit) facetValues(field string) []string {
	switch field {
	case fieldDoc:
		return []string{u.Doc}
	case fieldLang:
		return u.Lang
	case fieldParty:
		return u.Party
	case fieldYear:
		return []string{u.Year}
	case fieldKind:
		return []string{u.Kind}
	case fieldCommitment:
		return u.Commitment
	case fieldActor:
		return u.Actor
	case fieldTopic:
		return u.Topic
	case fieldEntity:
		return u.Entity
	}
	return nil
}

// parseOrd reads an "ord" doc value; it reports false for anything else.
func parseOrd(b []byte) (int32, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := int32(0)
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

// valueCounts turns hit counts by group and key into counts by facet and
// value id.
func (cat *catalogue) valueCounts(k *keyCounts) [][]int32 {
	all := make([]int32, cat.base[len(cat.facets)])
	for g := range k.n {
		f := &cat.flat[g]
		for _, key := range k.touched[g] {
			n := k.n[g][key]
			for _, v := range f.of(key) {
				all[v] += n
			}
		}
	}
	counts := make([][]int32, len(cat.facets))
	for i := range counts {
		counts[i] = all[cat.base[i]:cat.base[i+1]:cat.base[i+1]]
	}
	return counts
}

// context is what a unit's document says about it beside its own text:
// the title, and the names and aliases of its parties and issuer, so that
// "estonia maritime" finds a clause of Estonia's maritime statement that
// never names Estonia. Searches weigh it below the unit's own text.
func (cat *catalogue) context(d *archive.Document) string {
	var b strings.Builder
	b.WriteString(d.Title)
	for _, p := range d.Named() {
		b.WriteString(" | ")
		b.WriteString(p.Name)
		if p.Short != "" {
			b.WriteString(" | ")
			b.WriteString(p.Short)
		}
		if cat.parties == nil {
			continue
		}
		if e, ok := cat.parties.Entry(p.Code); ok {
			for _, a := range e.Aliases {
				b.WriteString(" | ")
				b.WriteString(a)
			}
		}
	}
	return b.String()
}

// acronyms is every acronym the archive's texts define, with its expansion
// (see acronyms): archive-wide, so that a clause that uses only "TITR"
// is found by the route's name, and the other way round.
// definedLater starts finding cat's acronyms and returns what waits for
// them; a panic in finding them is raised again in the waiting goroutine,
// as if they had been found there.
func definedLater(cat *catalogue) func() equivalents {
	type found struct {
		e     equivalents
		fault any
	}
	done := make(chan found, 1)
	go func() {
		var f found
		defer func() {
			if v := recover(); v != nil {
				f.fault = v
			}
			done <- f
		}()
		f.e = cat.acronyms()
	}()
	return sync.OnceValue(func() equivalents {
		f := <-done
		if f.fault != nil {
			panic(f.fault)
		}
		return f.e
	})
}

func (cat *catalogue) acronyms() equivalents {
	e := equivalents{}
	for i := range cat.units {
		if cat.units[i].mayDefine() {
			acronyms(cat.units[i].text(), e)
		}
	}
	return e
}
