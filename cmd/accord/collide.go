package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// existing is what import compares a new document with: the documents
// of the content tree written into, and those imported before it in the
// same run. Two documents may share neither a slug nor, in one language,
// an Akoma Ntoso work IRI; check refuses both as well, but import says so
// before it writes.
type existing struct {
	dir     string
	parties *archive.Parties
	bySlug  map[string]string // slug → file
	byWork  map[string]string // work IRI and language → file

	versions map[string]map[string]string // an original's slug → language → file of it or its version
}

func newExisting(dir string) (*existing, error) {
	e := &existing{dir: dir, bySlug: map[string]string{}, byWork: map[string]string{}, versions: map[string]map[string]string{}, parties: vocab.DefaultParties()}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return e, nil // a new content tree: nothing to collide with
	}
	t, err := content.Read(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	e.parties = t.Parties()
	for _, d := range t.Documents() {
		file := filepath.Join(dir, d.File)
		e.bySlug[d.Slug] = file
		e.version(d, file)
		if d.VersionOf == "" {
			e.byWork[d.WorkIRI()+" "+d.Language] = file
		}
	}
	return e, nil
}

// add records the document imported from src as dest, or says which file
// it would collide with. Replacing dest itself with --force is no collision.
func (e *existing) add(src, dest, slug string, file []byte, force bool) error {
	d, errs := content.ParseWithParties(content.DocumentsDir+"/"+slug+".md", file, e.parties)
	if errs != nil {
		return fmt.Errorf("%s: %w", src, errs)
	}
	same := func(other string) bool { return force && filepath.Clean(other) == filepath.Clean(dest) }
	if other, ok := e.bySlug[slug]; ok && !same(other) {
		return fmt.Errorf("%s: slug %q already exists as %s: use --force to replace it, or give this one --slug or a --number to keep both", src, slug, other)
	}
	if d.VersionOf != "" {
		// A version shares its original's work IRI: one a language.
		if _, ok := e.bySlug[d.VersionOf]; !ok {
			return fmt.Errorf("%s: --version-of %q names no document of %s: give the slug of the text this one is a version of", src, d.VersionOf, e.dir)
		}
		if other, ok := e.versions[d.VersionOf][d.Language]; ok && !same(other) {
			return fmt.Errorf("%s: %s is already the %q version of %s: a work has one version per language", src, other, d.Language, d.VersionOf)
		}
		e.bySlug[slug] = dest
		e.version(d, dest)
		return nil
	}
	work := d.WorkIRI() + " " + d.Language
	if other, ok := e.byWork[work]; ok && !same(other) {
		return fmt.Errorf("%s: work IRI %s (%s) is already that of %s: give this one a --number to tell the two works apart", src, d.WorkIRI(), d.Language, other)
	}
	e.bySlug[slug], e.byWork[work] = dest, dest
	e.version(d, dest)
	return nil
}

// version records d as its work's version in its language.
func (e *existing) version(d *archive.Document, file string) {
	key := d.Slug
	if d.VersionOf != "" {
		key = d.VersionOf
	}
	if e.versions[key] == nil {
		e.versions[key] = map[string]string{}
	}
	e.versions[key][d.Language] = file
}
