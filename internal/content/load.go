package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// DocumentsDir is the folder of the content tree that holds one Markdown
// file per document. Editors may group files in sub-folders (by year, say);
// the slug is the file's base name all the same, so it must be unique.
const DocumentsDir = "documents"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and validates every document in fsys and returns the archive.
// If any file has problems, it returns an ErrorList holding all of them.
func Load(fsys fs.FS) (*archive.Archive, error) {
	t, err := Read(fsys)
	if err != nil {
		return nil, err
	}
	return t.Parse()
}

// Tree is the document files of a content tree, read but not yet parsed:
// what a caller may fingerprint before deciding to parse.
type Tree struct {
	Files []File    // every documents/**/*.md file, in path order
	errs  ErrorList // files that cannot be documents, or cannot be read
	fsys  fs.FS

	parties *archive.Parties // the party vocabulary the documents name
}

// Reader returns what reads the file name of the tree again, for
// archive.Document.SetContentFile.
func (t *Tree) Reader(name string) archive.ContentSource {
	if t.fsys == nil {
		return nil
	}
	return treeFile{t.fsys, name}
}

// treeFile is a file of a content tree, to read again.
type treeFile struct {
	fsys fs.FS
	name string
}

func (f treeFile) ReadContent() ([]byte, error) { return ReadFile(f.fsys, f.name) }

// File is one document file as read.
type File struct {
	Name   string            // path in the content tree, e.g. documents/x.md
	Src    []byte            // nil for a file ReadKnown took as known, until Fill
	Digest [sha256.Size]byte // of Src
	Stat   Stat              // as the file was read; zero if unknown or not settled
}

// Read walks the documents folder of fsys and reads every document file,
// on every core. A file that cannot be a document (a bad name, a slug
// used twice, not a regular file, too large) or cannot be read is a
// problem that Parse reports with the rest; the error is only for a tree
// that cannot be walked at all, or whose context (DirFS.WithContext) is
// done.
func Read(fsys fs.FS) (*Tree, error) { return ReadKnown(fsys, nil) }

// ReadKnown is Read, but for a file whose current Stat known accepts,
// giving its digest: that file is not read, its Src is nil until Fill
// reads it. known may be nil: every file is read.
func ReadKnown(fsys fs.FS, known func(name string, st Stat) ([sha256.Size]byte, bool)) (*Tree, error) {
	settled := time.Now().Add(-StatSettle)
	ctx := contextOf(fsys)
	t := &Tree{fsys: fsys}
	t.parties, t.errs = readParties(fsys)
	slugs := map[string]string{} // slug → file
	var names []string
	err := fs.WalkDir(fsys, DocumentsDir, func(name string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == DocumentsDir {
				return nil // reported by Parse as "no documents"
			}
			t.errs = append(t.errs, Error{File: name, Msg: fmt.Sprintf("cannot read: %v", err)})
			return nil
		}
		base := de.Name()
		if strings.HasPrefix(base, ".") && name != DocumentsDir {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil // editors' and tools' hidden files
		}
		if de.IsDir() {
			return nil
		}
		if path.Ext(base) != ".md" {
			t.errs = append(t.errs, Error{File: name, Msg: "not a document: files under documents/ must end in .md"})
			return nil
		}
		slug := strings.TrimSuffix(base, ".md")
		if !slugPattern.MatchString(slug) {
			t.errs = append(t.errs, Error{File: name, Line: 1, Msg: fmt.Sprintf("bad file name %q: a slug is lower-case letters, digits and single hyphens, e.g. 2025-11-17-kazakhstan-estonia.md", base)})
			return nil
		}
		if prev, ok := slugs[slug]; ok {
			t.errs = append(t.errs, Error{File: name, Line: 1, Msg: fmt.Sprintf("slug %q is already used by %s: two documents cannot share an address", slug, prev)})
			return nil
		}
		slugs[slug] = name
		names = append(names, name)
		return nil
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	files := make([]File, len(names))
	errs := make([]error, len(names))
	// Every file is looked at before any is looked up: known may wait for
	// what it compares with (a snapshot being read), and the Stats are
	// taken meanwhile.
	stats := make([]Stat, len(names))
	if known != nil {
		fileStats(fsys, names, stats)
	}
	each(len(names), func() func(int) {
		return func(i int) {
			f := &files[i]
			f.Name = names[i]
			if st := stats[i]; st.Known() {
				var ok bool
				if f.Digest, ok = known(f.Name, st); ok {
					f.Stat = st
					return
				}
			}
			errs[i] = f.read(fsys, settled)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	t.Files = make([]File, 0, len(files))
	for i, f := range files {
		if errs[i] != nil {
			t.errs = append(t.errs, Error{File: f.Name, Msg: readProblem(errs[i])})
			continue
		}
		t.Files = append(t.Files, f)
	}
	return t, nil
}

// read reads f's file and records its digest, and its Stat if settled
// before settled.
func (f *File) read(fsys fs.FS, settled time.Time) error {
	src, info, err := readFile(fsys, f.Name)
	if err != nil {
		return err
	}
	f.Src, f.Digest, f.Stat = src, sha256.Sum256(src), statOf(info, settled)
	return nil
}

// Fill reads the files ReadKnown took as known, and gives each its digest
// as read: one that changed since is what it now holds. A file that
// cannot be read now is a problem Parse reports.
func (t *Tree) Fill() error {
	settled := time.Now().Add(-StatSettle)
	errs := make([]error, len(t.Files))
	each(len(t.Files), func() func(int) {
		return func(i int) {
			if t.Files[i].Src == nil {
				errs[i] = t.Files[i].read(t.fsys, settled)
			}
		}
	})
	if err := contextOf(t.fsys).Err(); err != nil {
		return fmt.Errorf("read content: %w", err)
	}
	kept := t.Files[:0]
	for i, f := range t.Files {
		if errs[i] != nil {
			t.errs = append(t.errs, Error{File: f.Name, Msg: readProblem(errs[i])})
			continue
		}
		kept = append(kept, f)
	}
	t.Files = kept
	return nil
}

// Clean reports whether every file under documents/ was read and can be
// a document; Parse may still find problems inside the files.
func (t *Tree) Clean() bool { return len(t.errs) == 0 }

// Parse parses and validates every file of the tree and returns the
// archive. If any file has problems, it returns an ErrorList holding all
// of them, those Read found included.
func (t *Tree) Parse() (*archive.Archive, error) {
	if err := t.Fill(); err != nil {
		return nil, err
	}
	all := slices.Clone(t.errs)
	docs, errs := t.parseAll()
	if err := contextOf(t.fsys).Err(); err != nil {
		return nil, fmt.Errorf("parse content: %w", err)
	}
	all = append(all, errs...)
	verrs, grouped := versionErrors(docs)
	all = append(all, verrs...)
	all = append(all, sameWork(docs, grouped)...)
	if len(docs) == 0 && len(all) == 0 {
		all = append(all, Error{File: DocumentsDir, Msg: "no documents: add a file documents/<slug>.md"})
	}
	if len(all) > 0 {
		all.sort()
		return nil, all
	}
	a, err := archive.NewWithParties(docs, t.parties)
	if err != nil {
		return nil, fmt.Errorf("build archive: %w", err)
	}
	return a, nil
}

// parseAll parses files on every core; the documents come back in the
// order of files.
func (t *Tree) parseAll() ([]*archive.Document, ErrorList) {
	files := t.Files
	docs := make([]*archive.Document, len(files))
	errs := make([]ErrorList, len(files))
	ctx := contextOf(t.fsys)
	each(len(files), func() func(int) {
		md := newMarkdown() // one per worker: its buffers are its own
		return func(i int) {
			if ctx.Err() != nil {
				return // Parse reports it
			}
			f := files[i]
			if docs[i], errs[i] = parse(f.Name, f.Src, md, t.parties); docs[i] != nil {
				docs[i].SetContentFile(f.Digest, t.Reader(f.Name))
			}
		}
	})
	var (
		out []*archive.Document
		all ErrorList
	)
	for i, d := range docs {
		all = append(all, errs[i]...)
		if len(errs[i]) == 0 && d != nil {
			out = append(out, d)
		}
	}
	return out, all
}

// each calls work(i) for every i below n on every core; worker makes one
// work function per goroutine, for state a goroutine keeps to itself.
func each(n int, worker func() func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			work := worker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				work(i)
			}
		})
	}
	wg.Wait()
}

// Parse reads one content file. name is its path in the content tree and
// gives the document its slug. It returns the document, or every problem
// found in the file.
// The document keeps src as its content file.
func Parse(name string, src []byte) (*archive.Document, ErrorList) {
	return ParseWithParties(name, src, vocab.DefaultParties())
}

// ParseWithParties is Parse with the party vocabulary of a content tree.
func ParseWithParties(name string, src []byte, parties *archive.Parties) (*archive.Document, ErrorList) {
	d, errs := parse(name, src, newMarkdown(), parties)
	if d != nil {
		d.KeepContentFile(src)
	}
	return d, errs
}

func parse(name string, src []byte, md *markdown, parties *archive.Parties) (*archive.Document, ErrorList) {
	d, errs, _ := parseFile(name, src, md, false, parties)
	return d, errs
}

// parseFile is parse, and the units (front-matter fields and paragraph
// eIds) holding bidirectional controls; with confirmAll, each of them is
// confirmed as if listed under bidi:, which import does when told to.
func parseFile(name string, src []byte, md *markdown, confirmAll bool, parties *archive.Parties) (*archive.Document, ErrorList, []string) {
	errs := &fileErrors{file: name}
	if len(src) > MaxFileSize {
		errs.add(0, "%v", errTooLarge)
		return nil, errs.list, nil
	}
	src = bytes.TrimPrefix(src, bom)
	bidi := checkEncoding(src, errs)
	yml, bodySrc, bodyLine, ok := splitFrontMatter(src, errs)
	if !ok {
		return nil, errs.list, nil
	}
	m := decodeFrontMatter(yml, errs, parties)
	d := &archive.Document{
		Slug:     strings.TrimSuffix(path.Base(name), ".md"),
		Title:    m.Title,
		Kind:     m.Kind,
		Date:     m.Date,
		Place:    m.Place,
		Parties:  m.Parties,
		Issuer:   m.Issuer,
		Number:   m.Number,
		Language: m.Language,
		Source:   m.Source,
		File:     name,
	}
	d.Retrieved, d.Archived = m.Retrieved, m.Archived
	b := &body{src: bodySrc, lineBase: bodyLine, md: md, errs: errs}
	w := b.walk(d)
	checkNumbering(w, m.Numbering, errs)
	m.versions.apply(d)
	attachOverrides(d, m.Overrides, errs)
	var units []string
	if len(bidi) > 0 || len(m.Bidi) > 0 || len(errs.escaped) > 0 {
		bidiUnits(bidi, m.fields, bodyLine, d)
		bidi = mergeEscaped(bidi, errs.escaped)
		for _, u := range bidi {
			if u.unit != "" && !slices.Contains(units, u.unit) {
				units = append(units, u.unit)
			}
		}
		if confirmAll {
			m.Bidi = nil
			for _, u := range units {
				m.Bidi = append(m.Bidi, bidiRef{unit: u})
			}
		}
		confirmBidi(bidi, m.Bidi, errs)
	}
	if len(errs.list) > 0 {
		errs.list.sort()
		return nil, errs.list, units
	}
	return d, nil, units
}
