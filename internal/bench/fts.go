//go:build bench

package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" driver, pure Go, with FTS5

	"github.com/accord-archive/accord/internal/archive"
)

// FTS is the peer for search: SQLite FTS5 over the same units Accord
// indexes (every clause and preamble paragraph), with the Porter stemmer
// and diacritics folded, as close to Accord's analysis as FTS5 comes.
type FTS struct {
	db   *sql.DB
	stmt *sql.Stmt
}

// FTSHit is one result: the unit and its snippet.
type FTSHit struct {
	Doc, EID, Snippet string
}

// FTSQuery is the statement each search runs: bm25 ranking, top 10, a
// snippet of up to 24 tokens around the matches in <mark>.
const FTSQuery = `SELECT doc, eid, snippet(units, 0, '<mark>', '</mark>', '…', 24)
FROM units WHERE units MATCH ? ORDER BY bm25(units) LIMIT 10`

// NewFTS builds an in-memory FTS5 table of docs' units.
func NewFTS(ctx context.Context, docs []*archive.Document) (*FTS, error) {
	return NewFTSFile(ctx, ":memory:", docs)
}

// NewFTSFile builds the FTS5 table of docs' units in the database file
// path (":memory:": in memory), unjournalled and unsynced: a bulk build
// that is redone rather than recovered, as Accord's is.
func NewFTSFile(ctx context.Context, path string, docs []*archive.Document) (*FTS, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // each connection to :memory: is its own database
	f := &FTS{db: db}
	if path != ":memory:" {
		if _, err := db.ExecContext(ctx, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF"); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := f.fill(ctx, docs); err != nil {
		db.Close()
		return nil, err
	}
	if f.stmt, err = db.PrepareContext(ctx, FTSQuery); err != nil {
		db.Close()
		return nil, err
	}
	return f, nil
}

// OpenFTSFile opens the FTS5 database NewFTSFile built in path.
func OpenFTSFile(ctx context.Context, path string) (*FTS, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	f := &FTS{db: db}
	if f.stmt, err = db.PrepareContext(ctx, FTSQuery); err != nil {
		db.Close()
		return nil, err
	}
	return f, nil
}

func (f *FTS) fill(ctx context.Context, docs []*archive.Document) error {
	if _, err := f.db.ExecContext(ctx, `CREATE VIRTUAL TABLE units USING fts5(
		text, doc UNINDEXED, eid UNINDEXED,
		tokenize = 'porter unicode61 remove_diacritics 2')`); err != nil {
		return fmt.Errorf("create fts5 table: %w", err)
	}
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO units (text, doc, eid) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, d := range docs {
		for _, p := range d.Preamble {
			if _, err := ins.ExecContext(ctx, p.Text, d.Slug, p.EID()); err != nil {
				return err
			}
		}
		for _, c := range d.Searched() {
			if _, err := ins.ExecContext(ctx, c.Text(), d.Slug, c.EID()); err != nil {
				return err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Merge the b-trees into one, as a built index is before it serves.
	_, err = f.db.ExecContext(ctx, `INSERT INTO units(units) VALUES ('optimize')`)
	return err
}

// Search returns the ten best units for the words of q (all must match).
func (f *FTS) Search(ctx context.Context, q string) ([]FTSHit, error) {
	rows, err := f.stmt.QueryContext(ctx, ftsMatch(q))
	if err != nil {
		return nil, fmt.Errorf("fts5 %q: %w", q, err)
	}
	defer rows.Close()
	var hits []FTSHit
	for rows.Next() {
		var h FTSHit
		if err := rows.Scan(&h.Doc, &h.EID, &h.Snippet); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// ftsMatch quotes each word, so that FTS5 reads none as an operator.
func ftsMatch(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(words, " ")
}

// Close releases the database.
func (f *FTS) Close() error {
	f.stmt.Close()
	return f.db.Close()
}
