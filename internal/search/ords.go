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
	ords   []int32           // by internal number; -1 where none was read
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
	m := &ordinals{reader: r}
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
		for uint64(len(m.ords)) <= n {
			m.ords = append(m.ords, -1)
		}
		if found {
			m.ords[n] = ord
		}
	}
	ix.ords.Store(m)
	return m, nil
}

// of is the ordinal of the doc with internal id, if the map has it.
func (m *ordinals) of(id index.IndexInternalID) (int32, bool) {
	if len(id) != 8 {
		return 0, false
	}
	n := id.Value()
	if n >= uint64(len(m.ords)) || m.ords[n] < 0 {
		return 0, false
	}
	return m.ords[n], true
}
