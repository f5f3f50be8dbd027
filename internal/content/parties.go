package content

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// numberPattern is a work's number or name: one component of its IRI.
var numberPattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

// readParties loads the party vocabulary of fsys. If it has problems,
// they are reported and the documents are read with the default
// vocabulary, so that their own problems are reported too.
func readParties(fsys fs.FS) (*archive.Parties, ErrorList) {
	v, problems := vocab.LoadParties(fsys)
	var errs ErrorList
	for _, p := range problems {
		errs = append(errs, Error{File: p.File, Line: p.Line, Msg: p.Msg})
	}
	if v == nil {
		v = vocab.DefaultParties()
	}
	return v, errs
}

// issuer decodes the issuer: one code of the party vocabulary.
func issuer(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int, vocabulary *archive.Parties) archive.Party {
	code := scalar(val, "issuer", errs, at)
	if code == "" {
		if val.Kind == yaml.ScalarNode {
			errs.add(at(val), "issuer is empty: leave it out, or write a code such as UNSC or G7")
		}
		return archive.Party{}
	}
	if up := strings.ToUpper(code); up != code {
		errs.add(at(val), "issuer code %q must be upper case: %s", code, up)
		return archive.Party{}
	}
	p, err := vocabulary.LookupParty(code)
	if err != nil {
		errs.add(at(val), "issuer: %v", err)
	}
	return p
}

// number decodes the work's number: a component of its Akoma Ntoso IRI.
func number(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) string {
	n := scalar(val, "number", errs, at)
	if n != "" && !numberPattern.MatchString(n) {
		errs.add(at(val), "bad number %q: lower-case letters and digits, with single dots or hyphens between, e.g. 1820 or 2", n)
		return ""
	}
	return n
}

// requireParties: a document names its parties, its issuer, or both.
func requireParties(seen map[string]int, errs *fileErrors) {
	_, parties := seen["parties"]
	_, issuer := seen["issuer"]
	if !parties && !issuer {
		errs.add(1, "missing parties in front matter: name the parties, or the issuer (a resolution's organ, a group's communiqué)")
	}
}

// sameWork reports documents that share an Akoma Ntoso work IRI in the
// same language: /akn/… could reach only one of them. A text and its
// translation share their work and differ in language, which is right.
func sameWork(docs []*archive.Document, reported map[*archive.Document]bool) ErrorList {
	var errs ErrorList
	first := map[string]*archive.Document{}
	for _, d := range docs {
		if reported[d] {
			continue
		}
		key := d.WorkIRI() + " " + d.Language
		prev, ok := first[key]
		if !ok {
			first[key] = d
			continue
		}
		errs = append(errs, Error{File: d.File, Line: 1, Msg: fmt.Sprintf(
			"work IRI %s (%s) is also that of %s: give one of them a number: in its front matter (e.g. number: 2) to tell the two works apart",
			d.WorkIRI(), d.Language, prev.File)})
	}
	return errs
}

// partyCode is the code of a party given by code, name or alias; what the
// vocabulary does not know is returned upper-cased, for Parse to report.
func partyCode(v *archive.Parties, s string) string {
	s = strings.TrimSpace(s)
	if up := strings.ToUpper(s); up != "" {
		if _, err := v.LookupParty(up); err == nil {
			return up
		}
	}
	if p, ok := v.Resolve(s); ok {
		return p.Code
	}
	return strings.ToUpper(s)
}

// MaxSlug is the longest slug DeriveSlug makes, in bytes: well under any
// file system's limit on a name, and short enough to read.
const MaxSlug = 80

// slugParties is the most parties a derived slug names.
const slugParties = 3

// slugStop are the words of a title that do not tell one text from another.
var slugStop = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "by": true, "for": true, "in": true, "of": true,
	"on": true, "the": true, "to": true, "with": true, "between": true, "joint": true, "statement": true,
	"declaration": true, "communique": true, "memorandum": true, "agreement": true, "treaty": true,
	"resolution": true, "final": true, "understanding": true,
}

// DeriveSlug names a document by its date and who it is by: up to three
// parties (the issuer first), by name for a state as in
// 2025-11-17-kazakhstan-estonia and by code for the rest (2025-06-16-g7);
// with more, the first of them and a word or two of the title
// (2025-03-04-denmark-nordic-baltic). A number follows. Never longer than
// MaxSlug bytes.
func DeriveSlug(date time.Time, parties []archive.Party, issuer archive.Party, title, number string) string {
	var who []archive.Party
	if issuer.Code != "" {
		who = append(who, issuer)
	}
	for _, p := range parties {
		if p.Code != issuer.Code {
			who = append(who, p)
		}
	}
	parts := []string{date.Format(time.DateOnly)}
	if len(who) <= slugParties {
		for _, p := range who {
			parts = append(parts, partySlug(p))
		}
	} else {
		parts = append(parts, partySlug(who[0]))
		words := 0
		for _, w := range strings.Split(slugify(title), "-") {
			if w != "" && !slugStop[w] && words < 2 {
				parts = append(parts, w)
				words++
			}
		}
	}
	if number != "" {
		parts = append(parts, slugify(number))
	}
	slug := strings.Join(parts, "-")
	for len(slug) > MaxSlug {
		i := strings.LastIndexByte(slug[:MaxSlug+1], '-')
		if i <= len(time.DateOnly) {
			slug = strings.TrimRight(slug[:MaxSlug], "-")
			break
		}
		slug = slug[:i]
	}
	return slug
}

func partySlug(p archive.Party) string {
	if p.Kind == archive.State || p.Kind == "" {
		return slugify(p.Name)
	}
	return strings.ToLower(p.Code)
}

// Parties is the party vocabulary the tree's documents are read with.
func (t *Tree) Parties() *archive.Parties { return t.parties }

// Documents parses every file of the tree that parses, ignoring the
// rest: what import compares a new document with.
func (t *Tree) Documents() []*archive.Document {
	docs, _ := t.parseAll()
	return docs
}

// existed reports a former state named by a document dated when it did
// not exist: a typo for a current code, most likely (SU for SD).
func existed(m meta, vocabulary *archive.Parties, errs *fileErrors) {
	if m.Date.IsZero() {
		return
	}
	for _, p := range append(m.Parties[:len(m.Parties):len(m.Parties)], m.Issuer) {
		e, ok := vocabulary.Entry(p.Code)
		if !ok || (e.From.IsZero() || !m.Date.Before(e.From)) && (e.Until.IsZero() || !m.Date.After(e.Until)) {
			continue
		}
		errs.add(m.partyAt, "%s did not exist on %s: it existed from %s to %s", e.Name,
			m.Date.Format(time.DateOnly), e.From.Format(time.DateOnly), e.Until.Format(time.DateOnly))
	}
}
