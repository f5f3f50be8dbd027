package archive

import (
	"fmt"
	"slices"
	"strings"
)

// A work published in several languages is held as one document per
// language, each with its own slug and pages: its versions. A version
// names the document it is a version of (its original) by slug; all
// versions share the original's work IRI, each is an expression of it
// in its own language, and they are aligned provision by provision
// through their eIds.

// Versioning is what a document says of the language versions of its work.
type Versioning struct {
	VersionOf     string   // slug of the document this one is a version of, or ""
	VersionOfLine int      // line of version-of in the content file, for messages
	Authentic     []string // language tags of the authentic texts, when the text or the editor says; nil otherwise
	AuthenticLine int      // line where the authentic texts are declared, for messages
	Prevails      string   // tag of the language whose text prevails in case of divergence, or ""

	original *Document   // the document VersionOf names, once grouped
	versions []*Document // every version of the work, the original first; nil for a text alone
}

// A VersionProblem is a version that cannot be grouped with its work.
type VersionProblem struct {
	Doc  *Document
	Line int
	Msg  string
}

func (p VersionProblem) Error() string { return fmt.Sprintf("%s:%d: %s", p.Doc.File, p.Line, p.Msg) }

// GroupVersions links each version to its original and every version of
// a work to the others, and returns what stops a version from being one:
// a version-of naming no document, naming itself or another version, or
// two versions of one work in one language. Grouping again regroups.
func GroupVersions(docs []*Document) []VersionProblem {
	bySlug := make(map[string]*Document, len(docs))
	for _, d := range docs {
		bySlug[d.Slug] = d
		d.original, d.versions = nil, nil
	}
	var problems []VersionProblem
	groups := map[*Document][]*Document{}
	for _, d := range docs {
		if d.VersionOf == "" {
			continue
		}
		o, ok := bySlug[d.VersionOf]
		switch {
		case !ok:
			problems = append(problems, VersionProblem{d, d.VersionOfLine, fmt.Sprintf("version-of %q names no document: give the slug (file name without .md) of the text this one is a version of", d.VersionOf)})
			continue
		case o == d:
			problems = append(problems, VersionProblem{d, d.VersionOfLine, "version-of names this document itself: give the slug of the text this one is a version of"})
			continue
		case o.VersionOf != "":
			problems = append(problems, VersionProblem{d, d.VersionOfLine, fmt.Sprintf("version-of %q names a version of %q: name the original, version-of: %s", d.VersionOf, o.VersionOf, o.VersionOf)})
			continue
		}
		if len(groups[o]) == 0 {
			groups[o] = []*Document{o}
		}
		if prev := slices.IndexFunc(groups[o], func(v *Document) bool { return v.Language == d.Language }); prev >= 0 {
			problems = append(problems, VersionProblem{d, max(d.VersionOfLine, 1), fmt.Sprintf("%s is already a version of %s in language %q (%s): a work has one version per language", groups[o][prev].Slug, o.Slug, d.Language, groups[o][prev].File)})
			continue
		}
		groups[o] = append(groups[o], d)
	}
	for o, vs := range groups {
		slices.SortStableFunc(vs[1:], func(a, b *Document) int { return strings.Compare(a.Language, b.Language) })
		for _, v := range vs {
			v.original, v.versions = o, vs
		}
		problems = append(problems, disagree(o, vs[1:])...)
	}
	slices.SortFunc(problems, func(a, b VersionProblem) int { return strings.Compare(a.Error(), b.Error()) })
	return problems
}

// disagree reports versions that declare other authentic or prevailing
// languages than their original: the work has one answer.
func disagree(o *Document, versions []*Document) []VersionProblem {
	var out []VersionProblem
	for _, v := range versions {
		if v.Authentic != nil && o.Authentic != nil && !sameSet(v.Authentic, o.Authentic) {
			out = append(out, VersionProblem{v, max(v.AuthenticLine, 1), fmt.Sprintf("authentic %v differs from %v in %s, which this is a version of: the work has one set of authentic texts", v.Authentic, o.Authentic, o.File)})
		}
		if v.Prevails != "" && o.Prevails != "" && v.Prevails != o.Prevails {
			out = append(out, VersionProblem{v, max(v.AuthenticLine, 1), fmt.Sprintf("prevails %q differs from %q in %s, which this is a version of", v.Prevails, o.Prevails, o.File)})
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// Original is the document this one is a version of, or the document itself.
func (d *Document) Original() *Document {
	if d.original != nil {
		return d.original
	}
	return d
}

// Versions lists every language version of the document's work, the
// original first and then by language tag, this document included; nil
// when the document has no other version.
func (d *Document) Versions() []*Document { return d.versions }

// WorkAuthentic is the tags of the work's authentic languages, as its
// original declares them (or, failing that, the first version that does);
// nil when no version says.
func (d *Document) WorkAuthentic() []string {
	if a := d.Original().Authentic; a != nil {
		return a
	}
	for _, v := range d.versions {
		if v.Authentic != nil {
			return v.Authentic
		}
	}
	return nil
}

// WorkPrevails is the tag of the language whose text prevails in case of
// divergence, or "".
func (d *Document) WorkPrevails() string {
	if p := d.Original().Prevails; p != "" {
		return p
	}
	for _, v := range d.versions {
		if v.Prevails != "" {
			return v.Prevails
		}
	}
	return ""
}

// IsAuthentic reports whether the work declares this version's language authentic.
func (d *Document) IsAuthentic() bool {
	return slices.Contains(d.WorkAuthentic(), LanguageBase(d.Language)) || slices.Contains(d.WorkAuthentic(), d.Language)
}

// Prevailing reports whether this version's text prevails in case of divergence.
func (d *Document) Prevailing() bool {
	p := d.WorkPrevails()
	return p != "" && (p == d.Language || p == LanguageBase(d.Language))
}

// EIDs lists the eIds of the document's preamble paragraphs and
// provisions, in reading order: what versions align by.
func (d *Document) EIDs() []string {
	var out []string
	for _, p := range d.Preamble {
		out = append(out, p.EID())
	}
	d.Walk(func(p *Provision) bool {
		if p.Element != ElRemark && p.Element != ElNote {
			out = append(out, p.EID())
		}
		return true
	})
	return out
}

// Misaligned lists, for each other version of d's work, the eIds one of
// the two has and the other has not: provisions a reader of one version
// cannot find in the other. Empty when the versions align.
func (d *Document) Misaligned(v *Document) (onlyHere, onlyThere []string) {
	here, there := d.EIDs(), v.EIDs()
	for _, e := range here {
		if !slices.Contains(there, e) {
			onlyHere = append(onlyHere, e)
		}
	}
	for _, e := range there {
		if !slices.Contains(here, e) {
			onlyThere = append(onlyThere, e)
		}
	}
	return onlyHere, onlyThere
}

// rtlLanguages are the languages written right to left.
var rtlLanguages = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "ps": true, "yi": true, "dv": true, "ckb": true, "sd": true, "ug": true}

// LanguageDir is the writing direction of a language, "rtl" or "ltr".
func LanguageDir(tag string) string {
	if rtlLanguages[LanguageBase(tag)] {
		return "rtl"
	}
	return "ltr"
}
