package search

import (
	index "github.com/blevesearch/bleve_index_api"
)

// ordinals maps the internal doc numbers of one index reader to the units'
// ordinals. It is read once from the "ord" doc values when a search first
// meets a reader, instead of once per hit. Internal numbers belong to the
// reader (a Scorch snapshot): a merge makes a new snapshot with new
// numbers, and with it a new map.
type ordinals struct {
	reader index.IndexReader // compared, never read: the snapshot this map is for
	units  []hitUnit         // by internal number; ord -1 where none was read
}

// hitUnit is what a search needs of a hit's unit, in one place, so that a
// hit costs one read of memory: its ordinal, its facet keys and its ranks
// in the date orders.
type hitUnit struct {
	ord, docKey, classKey, newest, oldest int32
}

// hitUnit is what a search needs of the unit numbered ord.
func (cat *catalogue) hitUnit(ord int32) hitUnit {
	return hitUnit{ord, cat.keys[byDocument][ord], cat.keys[byClassification][ord], cat.newest[ord], cat.oldest[ord]}
}

// rank is the unit's rank in the order of s, a date order or, for
// relevance, the ties' order (newest first).
func (u *hitUnit) rank(s Sort) int32 {
	if s == ByOldest {
		return u.oldest
	}
	return u.newest
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
	m := &ordinals{reader: r, units: make([]hitUnit, 0, len(ix.cat.units)+len(ix.cat.units)/64+16)}
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
			m.units = append(m.units, hitUnit{ord: -1})
		}
		if found && int(ord) < len(ix.cat.units) {
			m.units[n] = ix.cat.hitUnit(ord)
		}
	}
	ix.ords.Store(m)
	return m, nil
}

// of is the unit of the doc with internal id, if the map has it.
func (m *ordinals) of(id index.IndexInternalID) (*hitUnit, bool) {
	if len(id) != 8 {
		return nil, false
	}
	n := id.Value()
	if n >= uint64(len(m.units)) || m.units[n].ord < 0 {
		return nil, false
	}
	return &m.units[n], true
}
