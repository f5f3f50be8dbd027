package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/accord-archive/accord/internal/archive"
)

// DocumentsDir is the folder of the content tree that holds one Markdown
// file per document. Editors may group files in sub-folders (by year, say);
// the slug is the file's base name all the same, so it must be unique.
const DocumentsDir = "documents"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and validates every document in fsys and returns the archive.
// If any file has problems, it returns an ErrorList holding all of them.
func Load(fsys fs.FS) (*archive.Archive, error) {
	var (
		all   ErrorList
		slugs = map[string]string{} // slug → file
		files []string              // to read and parse, in walk order
	)
	err := fs.WalkDir(fsys, DocumentsDir, func(name string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == DocumentsDir {
				return nil // reported below as "no documents"
			}
			all = append(all, Error{File: name, Msg: fmt.Sprintf("cannot read: %v", err)})
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
			all = append(all, Error{File: name, Msg: "not a document: files under documents/ must end in .md"})
			return nil
		}
		slug := strings.TrimSuffix(base, ".md")
		if !slugPattern.MatchString(slug) {
			all = append(all, Error{File: name, Line: 1, Msg: fmt.Sprintf("bad file name %q: a slug is lower-case letters, digits and single hyphens, e.g. 2025-11-17-kazakhstan-estonia.md", base)})
			return nil
		}
		if prev, ok := slugs[slug]; ok {
			all = append(all, Error{File: name, Line: 1, Msg: fmt.Sprintf("slug %q is already used by %s: two documents cannot share an address", slug, prev)})
			return nil
		}
		slugs[slug] = name
		files = append(files, name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	docs, errs := parseAll(fsys, files)
	all = append(all, errs...)
	if len(docs) == 0 && len(all) == 0 {
		all = append(all, Error{File: DocumentsDir, Msg: "no documents: add a file documents/<slug>.md"})
	}
	if len(all) > 0 {
		all.sort()
		return nil, all
	}
	a, err := archive.New(docs)
	if err != nil {
		return nil, fmt.Errorf("build archive: %w", err)
	}
	return a, nil
}

// parseAll reads and parses files on every core; the documents come back
// in the order of files.
func parseAll(fsys fs.FS, files []string) ([]*archive.Document, ErrorList) {
	type result struct {
		doc  *archive.Document
		errs ErrorList
	}
	results := make([]result, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			md := newMarkdown()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				src, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					results[i].errs = ErrorList{{File: files[i], Msg: fmt.Sprintf("cannot read: %v", err)}}
					continue
				}
				results[i].doc, results[i].errs = parse(files[i], src, md)
			}
		})
	}
	wg.Wait()
	var (
		docs []*archive.Document
		all  ErrorList
	)
	for _, r := range results {
		all = append(all, r.errs...)
		if len(r.errs) == 0 && r.doc != nil {
			docs = append(docs, r.doc)
		}
	}
	return docs, all
}

// Parse reads one content file. name is its path in the content tree and
// gives the document its slug. It returns the document, or every problem
// found in the file.
func Parse(name string, src []byte) (*archive.Document, ErrorList) {
	return parse(name, src, newMarkdown())
}

func parse(name string, src []byte, md goldmark.Markdown) (*archive.Document, ErrorList) {
	errs := &fileErrors{file: name}
	checkEncoding(src, errs)
	yml, bodySrc, bodyLine, ok := splitFrontMatter(src, errs)
	if !ok {
		return nil, errs.list
	}
	m := decodeFrontMatter(yml, errs)
	d := &archive.Document{
		Slug:     strings.TrimSuffix(path.Base(name), ".md"),
		Title:    m.Title,
		Kind:     m.Kind,
		Date:     m.Date,
		Place:    m.Place,
		Parties:  m.Parties,
		Language: m.Language,
		Source:   m.Source,
		File:     name,
		Raw:      src,
	}
	b := &body{src: bodySrc, lineBase: bodyLine, md: md, errs: errs}
	b.walk(d)
	attachOverrides(d, m.Overrides, errs)
	if len(errs.list) > 0 {
		errs.list.sort()
		return nil, errs.list
	}
	return d, nil
}

// checkEncoding reports the first invalid UTF-8 sequence, NUL byte and
// carriage return: content files are UTF-8 text with Unix line ends.
func checkEncoding(src []byte, errs *fileErrors) {
	line := 1
	var badUTF8, nul, cr bool
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1 && !badUTF8:
			errs.add(line, "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", src[i])
			badUTF8 = true
		case r == 0 && !nul:
			errs.add(line, "NUL byte in the text")
			nul = true
		case r == '\r' && !cr && !bytes.HasPrefix(src[i:], []byte("\r\n")):
			errs.add(line, "carriage return without a line feed: use Unix line ends")
			cr = true
		case r == '\n':
			line++
		}
		i += size
	}
}
