package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/accord-archive/accord/internal/archive"
)

// Index is the search index of one archive. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	archive  *archive.Archive
	analyzer analysis.Analyzer

	closeOnce sync.Once // Bleve panics when closed twice
	closeErr  error
}

// batchSize is how many units go to the index at once while building.
const batchSize = 2000

// Build indexes every clause and preamble paragraph of a in memory.
func Build(ctx context.Context, a *archive.Archive) (*Index, error) {
	b, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	if err := fill(ctx, b, a); err != nil {
		b.Close()
		return nil, err
	}
	return newIndex(b, a), nil
}

func newIndex(b bleve.Index, a *archive.Archive) *Index {
	return &Index{bleve: b, archive: a, analyzer: newAnalyzer()}
}

// Close releases the index. An on-disk index stays on disk. Closing it
// again does nothing and returns the first Close's error.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		if err := ix.bleve.Close(); err != nil {
			ix.closeErr = fmt.Errorf("close index: %w", err)
		}
	})
	return ix.closeErr
}

// fill adds one unit per clause and per preamble paragraph of a to b.
func fill(ctx context.Context, b bleve.Index, a *archive.Archive) error {
	batch := b.NewBatch()
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
		if err := b.Batch(batch); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
		batch.Reset()
		return nil
	}
	add := func(id string, u unit) error {
		if err := batch.Index(id, u); err != nil {
			return fmt.Errorf("index %s: %w", id, err)
		}
		if batch.Size() >= batchSize {
			return flush()
		}
		return nil
	}
	for _, d := range a.Documents() {
		for i, p := range d.Preamble {
			if err := add(unitID(d.Slug, p.EID), newUnit(d, p.EID, p.Text, i+1, &p.Classification)); err != nil {
				return err
			}
		}
		for _, c := range d.Clauses {
			if err := add(unitID(d.Slug, c.EID()), newUnit(d, c.EID(), c.Text(), len(d.Preamble)+c.Number, &c.Classification)); err != nil {
				return err
			}
		}
	}
	return flush()
}

func newUnit(d *archive.Document, eid, text string, order int, cl *archive.Classification) unit {
	u := unit{
		Text:  text,
		Doc:   d.Slug,
		Title: d.Title,
		Year:  strconv.Itoa(d.Year()),
		Kind:  string(d.Kind),
		EID:   eid,
		Date:  float64(d.Date.Unix()),
		Order: float64(order),
	}
	for _, p := range d.Parties {
		u.Party = append(u.Party, p.Code)
	}
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
	return u
}

// unitID is a unit's id in the index: slug#eId.
func unitID(slug, eid string) string { return slug + "#" + eid }

// resolve finds the archive's unit for an index id: the document, the
// clause (nil for a preamble paragraph), the paragraph and the unit's text
// as indexed.
func (ix *Index) resolve(id string) (*archive.Document, *archive.Clause, *archive.Paragraph, string, error) {
	slug, eid, ok := strings.Cut(id, "#")
	if !ok {
		return nil, nil, nil, "", fmt.Errorf("index id %q: want slug#eId", id)
	}
	d, ok := ix.archive.Document(slug)
	if !ok {
		return nil, nil, nil, "", fmt.Errorf("index id %q: no such document in the archive", id)
	}
	if n, ok := eidNumber(eid, "preamble__p_"); ok && n <= len(d.Preamble) {
		p := d.Preamble[n-1]
		return d, nil, p, p.Text, nil
	}
	if n, ok := eidNumber(eid, "para_"); ok {
		if c, ok := d.Clause(n); ok && len(c.Paragraphs) > 0 {
			return d, c, c.Paragraphs[0], c.Text(), nil
		}
	}
	return nil, nil, nil, "", fmt.Errorf("index id %q: no such unit in the archive", id)
}

func eidNumber(eid, prefix string) (int, bool) {
	s, ok := strings.CutPrefix(eid, prefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}
