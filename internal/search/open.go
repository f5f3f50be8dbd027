package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/accord-archive/accord/internal/archive"
)

// indexVersion names the layout of the index: its mapping and analysis.
// Change either, bump it, and every on-disk index is rebuilt on next Open.
// The mapping's own JSON is hashed into the stored version as well, so a
// mapping change that forgets the bump is caught too.
const indexVersion = "accord-index-4"

// Keys of the index's internal store that say what it was built from.
const (
	keyVersion = "accord:version"
	keyContent = "accord:content"
)

// Open opens the index kept in dir, reusing it when it was built from the
// same content by the same version of this package, and otherwise building
// it afresh (into a new directory that then replaces dir). It refuses to
// replace a dir that holds something other than an index, and returns an
// error wrapping ErrIndexInUse when another process has dir open.
//
// Within one process, an index open in dir is shared: a reload of the
// same content reuses it. A reload of new content while the old index is
// still open in dir builds the new one in memory; the next start puts it
// on disk.
func Open(ctx context.Context, dir string, a *archive.Archive) (*Index, error) {
	return open(ctx, dir, a, indexVersion)
}

func open(ctx context.Context, dir string, a *archive.Archive, version string) (*Index, error) {
	version, err := layoutVersion(version)
	if err != nil {
		return nil, err
	}
	content := fingerprint(a)
	cat := newCatalogue(a)
	if di, ok := sharedIndex(dir, version, content); ok {
		return onDisk(di, a, cat), nil
	} else if di != nil {
		return Build(ctx, a) // dir serves the content being replaced
	}
	b, err := openDisk(dir)
	if errors.Is(err, ErrIndexInUse) {
		return nil, err
	}
	if err == nil {
		if builtFrom(b, version, content) {
			return onDisk(register(dir, b, version, content), a, cat), nil
		}
		if err := b.Close(); err != nil {
			return nil, fmt.Errorf("close stale index %s: %w", dir, err)
		}
	}
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".build-*")
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	defer os.RemoveAll(tmp) // after a successful rename, there is nothing left
	if err := buildAt(ctx, tmp, cat, version, content); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("remove stale index: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("move new index into place: %w", err)
	}
	b, err = openDisk(dir)
	if err != nil {
		return nil, fmt.Errorf("open new index %s: %w", dir, err)
	}
	return onDisk(register(dir, b, version, content), a, cat), nil
}

func onDisk(di *diskIndex, a *archive.Archive, cat *catalogue) *Index {
	ix := newIndex(di.b, a, cat)
	ix.disk = di
	return ix
}

// buildAt builds the index in dir and records what it was built from.
func buildAt(ctx context.Context, dir string, cat *catalogue, version, content string) error {
	b, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	err = fill(ctx, b, cat)
	if err == nil {
		err = b.SetInternal([]byte(keyVersion), []byte(version))
	}
	if err == nil {
		err = b.SetInternal([]byte(keyContent), []byte(content))
	}
	if cerr := b.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index %s: %w", dir, cerr)
	}
	return err
}

// builtFrom reports whether b records this version and content.
func builtFrom(b bleve.Index, version, content string) bool {
	v, err := b.GetInternal([]byte(keyVersion))
	if err != nil || !bytes.Equal(v, []byte(version)) {
		return false
	}
	c, err := b.GetInternal([]byte(keyContent))
	return err == nil && bytes.Equal(c, []byte(content))
}

// checkReplaceable returns nil if dir is missing, empty or a Bleve index.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index directory: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return fmt.Errorf("index directory %s holds something other than an index; refusing to replace it", dir)
	}
	return nil
}

// layoutVersion is version with a hash of the mapping.
func layoutVersion(version string) (string, error) {
	m, err := json.Marshal(newMapping())
	if err != nil {
		return "", fmt.Errorf("index mapping: %w", err)
	}
	sum := sha256.Sum256(m)
	return version + "+" + hex.EncodeToString(sum[:8]), nil
}

// fingerprint hashes every document's slug and content file's digest, its units,
// and their classification, which the vocabularies decide. It runs at
// every start: each document's part is written to one buffer, hashed once.
func fingerprint(a *archive.Archive) string {
	h := sha256.New()
	var b []byte
	for _, d := range a.Documents() {
		b = binary.BigEndian.AppendUint64(b[:0], uint64(len(d.Slug)))
		b = append(b, d.Slug...)
		b = append(b, d.Digest[:]...)
		// The units, whose ordinals the index keeps: the same content
		// parsed otherwise must not reuse an index numbered for it.
		b = append(strconv.AppendInt(append(b, 'u'), int64(len(d.Preamble)), 10), ';')
		for _, c := range d.Clauses {
			b = append(append(b, c.EID()...), ';')
		}
		// Each unit's classification, which the index keeps as fields: a
		// preamble paragraph's, then each clause's.
		unit := func(cl *archive.Classification) {
			b = append(b, "u;"...)
			for _, m := range cl.Commitments {
				if m.Type != nil {
					b = append(append(append(append(b, 'c'), m.Type.Code...), '/'), m.Actor...)
					b = append(strconv.AppendInt(append(b, '/'), int64(m.Start), 10), '/')
					b = append(strconv.AppendInt(b, int64(m.End), 10), ';')
				}
			}
			for _, t := range cl.Topics {
				b = append(append(append(b, 't'), t.Slug...), ';')
			}
			for _, e := range cl.Entities {
				b = append(append(append(b, 'e'), e.Slug...), ';')
			}
		}
		for _, p := range d.Preamble {
			unit(p.Classification)
		}
		for _, c := range d.Clauses {
			unit(&c.Classification)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
