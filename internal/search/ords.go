package search

import (
	index "github.com/blevesearch/bleve_index_api"
)

// ordinals maps the internal doc numbers of one index reader to the units'
// ordinals. It is read once from the "ord" doc values when a search first
// meets a reader, instead of once per hit. Internal numbers belong to the
// reader (a Scorch snapshot): a merge makes a new snapshot with new
// numbers, and with it a new map.
//
// Every hit is counted, but few are ranked: a hit whose score is below the
// worst of a full page never needs its ordinal. So the facet keys, read
// for every hit, are a table of their own, eight bytes a unit, and the
// ordinals another, read only for the hits a page may take: at a million
// units, a common word's hits touch a third of the memory they did when
// each number's ordinal, keys and ranks were kept together.
type ordinals struct {
	reader index.IndexReader // compared, never read: the snapshot this map is for
	units  []hitUnit         // by internal number
	ords   []int32           // by internal number; -1 where none was read
}

// hitUnit is the facet keys of a hit's unit, what every hit needs.
type hitUnit struct {
	docKey, classKey int32
}

// hitUnit is the facet keys of the unit numbered ord.
func (cat *catalogue) hitUnit(ord int32) hitUnit {
	return hitUnit{cat.keys[byDocument][ord], cat.keys[byClassification][ord]}
}

// rank is the rank of the unit numbered ord in the order of s, a date
// order or, for relevance, the ties' order (newest first).
func (cat *catalogue) rankOf(ord int32, s Sort) int32 {
	if s == ByOldest {
		return cat.oldest[ord]
	}
	return cat.newest[ord]
}

// ordinalsFor returns the map for r, reading it if r is not the reader of
// the last map read.
func (ix *Index) ordinalsFor(r index.IndexReader) (*ordinals, error) {
	if m := ix.ords.Load(); m != nil && m.reader == r {
		return m, nil
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	dv, err := r.DocValueReader([]string{fieldOrd})
	if err != nil {
		return nil, err
	}
	// Numbers run from 0 with few gaps: one unit each, and room for a
	// few more before append grows the table.
	capacity := len(ix.cat.units) + len(ix.cat.units)/64 + 16
	m := &ordinals{reader: r, units: make([]hitUnit, 0, capacity), ords: make([]int32, 0, capacity)}
	var ord int32
	found := false
	visit := func(_ string, term []byte) { ord, found = parseOrd(term) }
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		if len(id) != 8 {
			return m, nil // not numbered as Scorch numbers; collect reads each hit's doc value
		}
		found = false
		if err := dv.VisitDocValues(id, visit); err != nil {
			return nil, err
		}
		n := id.Value()
		if n >= uint64(len(ix.cat.units))*2 {
			continue // a sparse numbering: leave this one to the doc value
		}
		for uint64(len(m.units)) <= n {
			m.units = append(m.units, hitUnit{})
			m.ords = append(m.ords, -1)
		}
		if found && int(ord) < len(ix.cat.units) {
			m.units[n], m.ords[n] = ix.cat.hitUnit(ord), ord
		}
	}
	ix.ords.Store(m)
	return m, nil
}

// number is the internal number of the doc with internal id, if the map
// has its unit.
func (m *ordinals) number(id index.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	n := id.Value()
	if n >= uint64(len(m.ords)) || m.ords[n] < 0 {
		return 0, false
	}
	return n, true
}
