package search

import (
	"cmp"
	"slices"
	"strconv"

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
}

// catalogued is one unit: a clause or a preamble paragraph.
type catalogued struct {
	doc    *archive.Document
	clause *archive.Clause    // nil for a preamble paragraph
	para   *archive.Paragraph // the preamble paragraph, or the clause's first; nil if it has none
	text   string             // as indexed
	order  int                // place in its document, from 1
	class  *archive.Classification
}

// facetColumn holds one facet's values for every unit as small ids: those
// of ordinal i are ids[start[i]:start[i+1]], distinct, as a doc value lists
// a unit's terms.
type facetColumn struct {
	values []string // by id
	start  []int32
	ids    []int32
}

func (c *facetColumn) of(ord int32) []int32 { return c.ids[c.start[ord]:c.start[ord+1]] }

// newCatalogue lists a's units in the order the index numbers them: by
// document, the preamble's paragraphs, then the clauses.
func newCatalogue(a *archive.Archive) *catalogue {
	cat := &catalogue{facets: make([]facetColumn, len(facetFields))}
	for _, d := range a.Documents() {
		for i, p := range d.Preamble {
			cat.units = append(cat.units, catalogued{doc: d, para: p, text: p.Text, order: i + 1, class: &p.Classification})
		}
		for _, c := range d.Clauses {
			u := catalogued{doc: d, clause: c, text: c.Text(), order: len(d.Preamble) + c.Number, class: &c.Classification}
			if len(c.Paragraphs) > 0 {
				u.para = c.Paragraphs[0]
			}
			cat.units = append(cat.units, u)
		}
	}
	cat.rank()
	known := make([]map[string]int32, len(cat.facets))
	for i := range cat.facets {
		cat.facets[i].start = make([]int32, 1, len(cat.units)+1)
		known[i] = map[string]int32{}
	}
	for ord := range cat.units {
		u := cat.fields(int32(ord)) // once per unit, for every facet
		for i := range cat.facets {
			col := &cat.facets[i]
			first := len(col.ids)
			for _, v := range u.facetValues(facetFields[i].field) {
				id, ok := known[i][v]
				if !ok {
					id = int32(len(col.values))
					known[i][v] = id
					col.values = append(col.values, v)
				}
				if !slices.Contains(col.ids[first:], id) {
					col.ids = append(col.ids, id)
				}
			}
			col.start = append(col.start, int32(len(col.ids)))
		}
	}
	return cat
}

// rank numbers the units in the two date orders. Ties on the date fall to
// the document's slug, then to reading order, as the relevance sort's ties do.
func (cat *catalogue) rank() {
	byDate := func(desc bool) []int32 {
		ords := make([]int32, len(cat.units))
		for i := range ords {
			ords[i] = int32(i)
		}
		slices.SortFunc(ords, func(i, j int32) int {
			a, b := &cat.units[i], &cat.units[j]
			c := a.doc.Date.Compare(b.doc.Date)
			if desc {
				c = -c
			}
			if c != 0 {
				return c
			}
			return cmp.Or(cmp.Compare(a.doc.Slug, b.doc.Slug), cmp.Compare(a.order, b.order))
		})
		rank := make([]int32, len(ords))
		for r, ord := range ords {
			rank[ord] = int32(r)
		}
		return rank
	}
	cat.newest = byDate(true)
	cat.oldest = byDate(false)
}

// fields is what the index holds for the unit numbered ord.
func (cat *catalogue) fields(ord int32) unit {
	c := &cat.units[ord]
	d := c.doc
	u := unit{
		Ord:  strconv.Itoa(int(ord)),
		Text: c.text,
		Doc:  d.Slug,
		Year: strconv.Itoa(d.Year()),
		Kind: string(d.Kind),
	}
	for _, p := range d.Parties {
		u.Party = append(u.Party, p.Code)
	}
	for _, m := range c.class.Commitments {
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
	for _, t := range c.class.Topics {
		u.Topic = append(u.Topic, t.Slug)
	}
	for _, e := range c.class.Entities {
		u.Entity = append(u.Entity, e.Slug)
	}
	return u
}

// id is the unit's id in the index: slug#eId.
func (c *catalogued) id() string {
	if c.clause != nil {
		return unitID(c.doc.Slug, c.clause.EID())
	}
	return unitID(c.doc.Slug, c.para.EID)
}

// facetValues are u's values of a facet's field.
func (u *unit) facetValues(field string) []string {
	switch field {
	case fieldDoc:
		return []string{u.Doc}
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
