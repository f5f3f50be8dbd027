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
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/accord-archive/accord/internal/archive"
)

// indexVersion names the layout of the index: its mapping and analysis.
// Change either, bump it, and every on-disk index is rebuilt on next Open.
// The mapping's own JSON is hashed into the stored version as well, so a
// mapping change that forgets the bump is caught too. 5: a unit is any
// provision with text, identified by its eId; a heading field. 6: a unit
// not in English is analysed in its language's field and in "fold" (which
// the mapping does not list: langAnalysisVersion names their analysis);
// a lang field.
const indexVersion = "accord-index-6-" + langAnalysisVersion

// Version names the layout of the indexes this build writes: an index of
// another is built again when opened.
func Version() string { return indexVersion }

// Keys of the index's internal store that say what it was built from.
const (
	keyVersion = "accord:version"
	keyContent = "accord:content"
)

// Open opens the index kept in dir, reusing it when it was built from the
// same content by the same version of this package and its files match
// the manifest the build wrote, and otherwise building it afresh (into a
// new directory that then replaces dir). It refuses to replace a dir that
// holds something other than an index, and returns an error wrapping
// ErrIndexInUse when another process has dir open and it needs replacing.
//
// An index that cannot be verified or opened is rebuilt, with one line in
// log (nil: no log) saying why. When the new one cannot be written (a full
// disk, a read-only file system), Open logs why and returns an index built
// in memory; the next start tries the disk again.
//
// Within one process, an index open in dir is shared: a reload of the
// same content reuses it. A reload of new content while the old index is
// still open in dir builds the new one in memory; the next start puts it
// on disk.
func Open(ctx context.Context, dir string, a *archive.Archive, log *slog.Logger) (*Index, error) {
	return open(ctx, dir, a, indexVersion, log)
}

func open(ctx context.Context, dir string, a *archive.Archive, version string, log *slog.Logger) (*Index, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	version, err := layoutVersion(version)
	if err != nil {
		return nil, err
	}
	content := fingerprint(a)
	// An index reused from disk needs the catalogue only to search: it is
	// made in the background (newIndexLater). A build needs it first.
	cat := sync.OnceValue(func() *catalogue { return listUnits(a) })
	if di, ok := sharedIndex(dir, version, content); ok {
		return onDisk(di, a, cat, log), nil
	} else if di != nil {
		// dir serves the content being replaced, or failed.
		return inMemory(ctx, a, cat(), log)
	}
	removeStaleBuilds(dir, log)

	b, err := reuse(dir, version, content, log)
	switch {
	case errors.Is(err, errMemory):
		return inMemory(ctx, a, cat(), log)
	case err != nil:
		return nil, err
	case b != nil:
		return onDisk(register(dir, b, version, content), a, cat, log), nil
	}
	b, err = rebuild(ctx, dir, cat(), version, content, log)
	if errors.Is(err, errMemory) {
		return inMemory(ctx, a, cat(), log)
	}
	if err != nil {
		return nil, err
	}
	return onDisk(register(dir, b, version, content), a, cat, log), nil
}

// listUnits is newCatalogue; a test holds it up.
var listUnits = newCatalogue

// errMemory: the index is to be built in memory, for the reason logged.
var errMemory = errors.New("build the index in memory")

// reuse opens the index in dir if it is whole and current. It returns nil
// and no error when dir is to be (re)built, and errMemory when dir holds
// an index this process may still have open.
func reuse(dir, version, content string, log *slog.Logger) (bleve.Index, error) {
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	if empty(dir) {
		return nil, nil
	}
	if err := verifyManifest(dir); err != nil {
		log.Warn("search index: rebuilding it: "+describeDamage(err), "index", dir)
		return nil, nil
	}
	b, err := openDisk(dir)
	var f *fault
	switch {
	case errors.Is(err, ErrIndexInUse):
		return nil, err
	case errors.As(err, &f):
		// A panic may leave the index half open, its lock held.
		log.Error("search index: opening it panicked: building one in memory; the next start rebuilds it", "index", dir, "err", f)
		setAside(dir, log)
		return nil, errMemory
	case err != nil:
		log.Warn("search index: rebuilding it: it cannot be opened", "index", dir, "err", err)
		return nil, nil
	}
	current, err := builtFrom(b, version, content)
	if err == nil && current {
		return b, nil
	}
	if cerr := closeQuietly(b); cerr != nil || errors.As(err, &f) {
		log.Error("search index: reading it failed: building one in memory; the next start rebuilds it", "index", dir, "err", errors.Join(err, cerr))
		setAside(dir, log)
		return nil, errMemory
	}
	if err != nil {
		log.Warn("search index: rebuilding it: it cannot be read", "index", dir, "err", err)
	} else {
		log.Info("search index: rebuilding it: the content or the program has changed", "index", dir)
	}
	return nil, nil
}

// describeDamage says why verifyManifest refused an index.
func describeDamage(err error) string {
	if errors.Is(err, errNoManifest) {
		return "it has no manifest (its build did not finish, an older Accord made it, or it failed while serving)"
	}
	return err.Error()
}

// rebuild builds the index anew beside dir and puts it in dir's place. It
// returns errMemory, having logged why, when it cannot be written there.
func rebuild(ctx context.Context, dir string, cat *catalogue, version, content string, log *slog.Logger) (bleve.Index, error) {
	// Another process may use the index in dir, read-only: leave it be.
	unlock, ok, err := tryLock(filepath.Join(dir, "store", "root.bolt"), lockWait)
	switch {
	case err == nil && !ok:
		return nil, fmt.Errorf("%s: %w", dir, ErrIndexInUse)
	case err == nil:
		defer unlock()
	}
	parent := filepath.Dir(absDir(dir))
	tmp, err := newBuildDir(dir)
	if err != nil {
		log.Error("search index: cannot be written beside "+parent+": serving from an in-memory index", "err", err)
		return nil, errMemory
	}
	defer tmp.remove() // after a successful rename, there is nothing left
	err = buildAt(ctx, tmp.path, cat, version, content)
	if err == nil {
		err = keepReferenced(tmp.path)
	}
	if err == nil {
		err = writeManifest(tmp.path)
	}
	if err == nil {
		err = replaceDir(tmp.path, dir)
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, err
	case err != nil && noSpace(err):
		tmp.remove() // first, to free the space
		log.Error(fmt.Sprintf("search index: no space left on the device of %s: the index needs about %d MB; serving from an in-memory index", parent, estimateMB(cat)))
		return nil, errMemory
	case err != nil:
		tmp.remove()
		log.Error("search index: cannot be built on disk: serving from an in-memory index", "index", dir, "err", err)
		return nil, errMemory
	}
	b, err := openDisk(dir)
	if err != nil {
		log.Error("search index: the new index cannot be opened: serving from an in-memory index", "index", dir, "err", err)
		setAside(dir, log)
		return nil, errMemory
	}
	return b, nil
}

// inMemory builds the index in memory, for a dir that cannot be used.
func inMemory(ctx context.Context, a *archive.Archive, cat *catalogue, log *slog.Logger) (*Index, error) {
	b, err := buildMemory(ctx, cat)
	if err != nil {
		return nil, err
	}
	ix := newIndex(b, a, cat)
	ix.log = log
	return ix, nil
}

func onDisk(di *diskIndex, a *archive.Archive, cat func() *catalogue, log *slog.Logger) *Index {
	ix := newIndexLater(di.b, a, cat, log)
	ix.disk = di
	return ix
}

// buildAt builds the index in dir and records what it was built from.
//
// It uses Bleve's offline builder rather than an index that takes batches:
// the builder writes each large batch as a segment and merges them all
// once, at the end, into the one segment the index keeps; an index that
// takes batches introduces, persists and merges each small segment as it
// comes, merging the same units again and again, and then merges once more.
// The units' documents are made and analysed on every core meanwhile.
func buildAt(ctx context.Context, dir string, cat *catalogue, version, content string) (err error) {
	defer guard(&err)()
	if len(cat.units) == 0 {
		// The builder cannot write an index of no segment.
		return buildEmpty(dir, version, content)
	}
	m, err := json.Marshal(newMapping())
	if err != nil {
		return fmt.Errorf("index mapping: %w", err)
	}
	// What bleve.New writes, which bleve.Open reads to find the store.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644); err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	b, err := scorch.NewBuilder(map[string]any{
		"path":            filepath.Join(dir, "store"),
		"buildPathPrefix": dir, // its segments, until merged: on the index's disk, removed with a failed build
		"batchSize":       builderBatch,
		"mergeMax":        builderMergeMax,
		"internal": map[string][]byte{
			"_mapping": m, // where bleve.Open reads the mapping
			keyVersion: []byte(version),
			keyContent: []byte(content),
		},
	})
	if err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	err = produce(ctx, cat, func(docs []*document.Document) error {
		for _, d := range docs {
			if err := b.Index(d); err != nil {
				return fmt.Errorf("build index: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	return nil
}

// builderBatch is how many units the builder makes a segment of, and
// builderMergeMax how many segments it merges at once: one merge of up to
// 5,000,000 units, so that each unit is written twice. A segment costs
// more a unit to make the larger it is: on 50,000 clauses,
// 1,000 to 5,000 units a segment took 5,400-6,800 clauses a CPU second,
// 20,000 about 4,600, 60,000 about 3,200 (go test -bench BuildDisk
// -bench.batch N, alternated). Bleve's defaults (1,000 and 10) write each
// unit four times at 1,000,000 units.
var builderBatch = 5000 // a variable for the tests, which build many segments of a small archive

const builderMergeMax = 1000

// buildEmpty builds the index of no unit in dir.
func buildEmpty(dir, version, content string) error {
	b, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	err = b.SetInternal([]byte(keyVersion), []byte(version))
	if err == nil {
		err = b.SetInternal([]byte(keyContent), []byte(content))
	}
	if cerr := closeQuietly(b); err == nil && cerr != nil {
		err = fmt.Errorf("close index %s: %w", dir, cerr)
	}
	return err
}

// closeQuietly closes b, recovering a panic as an error.
func closeQuietly(b bleve.Index) (err error) {
	defer guard(&err)()
	return b.Close()
}

// builtFrom reports whether b records this version and content.
func builtFrom(b bleve.Index, version, content string) (ok bool, err error) {
	defer guard(&err)()
	v, err := b.GetInternal([]byte(keyVersion))
	if err != nil || !bytes.Equal(v, []byte(version)) {
		return false, err
	}
	c, err := b.GetInternal([]byte(keyContent))
	return err == nil && bytes.Equal(c, []byte(content)), err
}

// checkReplaceable returns nil if dir is missing, empty or an index: it
// holds a manifest, Bleve's index_meta.json or its store.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index directory: %w", err)
	}
	for _, name := range []string{manifestName, "index_meta.json", filepath.Join("store", "root.bolt")} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return nil
		}
	}
	return fmt.Errorf("index directory %s holds something other than an index; refusing to replace it", dir)
}

// empty reports whether dir is missing or empty.
func empty(dir string) bool {
	entries, err := os.ReadDir(dir)
	return errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0)
}

// setAside removes the manifest of the index in dir, which failed, so that
// the next start rebuilds it.
func setAside(dir string, log *slog.Logger) {
	if err := os.Remove(filepath.Join(dir, manifestName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Warn("search index: the failed index cannot be marked for a rebuild; the next start verifies it again", "index", dir, "err", err)
	}
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
