// Package vocab loads the party vocabulary, content/vocabulary/parties.yaml:
// every state, organisation, organ and group a document may name as a
// party or issuer, with the names and aliases texts use for them.
package vocab

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/archive"
)

// PartiesFile is where the party vocabulary lives in a content tree.
const PartiesFile = "vocabulary/parties.yaml"

// Problem is one problem of the vocabulary file, at a line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) Error() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

var (
	stateCode = regexp.MustCompile(`^[A-Z]{2}$`)
	otherCode = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,5}$`)
)

// DefaultParties is the party vocabulary shipped with the binary, read
// once. A content tree without its own parties.yaml uses it. It is never
// modified.
var DefaultParties = sync.OnceValue(func() *archive.Parties {
	src, err := fs.ReadFile(accord.Files, "content/"+PartiesFile)
	if err != nil {
		panic("vocab: the embedded party vocabulary: " + err.Error())
	}
	v, problems := DecodeParties(PartiesFile, src)
	if len(problems) > 0 {
		panic("vocab: the embedded party vocabulary: " + problems[0].Error())
	}
	return v
})

// LoadParties reads the party vocabulary of fsys, or returns the default
// if the tree has none. Every problem is reported with its line.
func LoadParties(fsys fs.FS) (*archive.Parties, []Problem) {
	src, err := fs.ReadFile(fsys, PartiesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultParties(), nil
	}
	if err != nil {
		return nil, []Problem{{File: PartiesFile, Line: 0, Msg: fmt.Sprintf("cannot read: %v", err)}}
	}
	return DecodeParties(PartiesFile, src)
}

// DecodeParties decodes a party vocabulary file strictly. It returns nil
// and every problem, or the vocabulary.
func DecodeParties(file string, src []byte) (*archive.Parties, []Problem) {
	d := &decoder{Decoder{File: file}}
	entries := d.decode(src)
	if len(d.Problems) > 0 {
		return nil, d.Problems
	}
	v, err := archive.NewParties(entries)
	if err != nil { // the decoder checks all of this with lines; a guard
		return nil, []Problem{{File: file, Line: 1, Msg: err.Error()}}
	}
	return v, nil
}

// decoder reads the party vocabulary.
type decoder struct{ Decoder }

// ref is a code another entry names, to check once every entry is known.
type ref struct {
	code, what string
	line       int
}

func (d *decoder) decode(src []byte) []archive.PartyEntry {
	doc := d.Parse(src, "empty party vocabulary: write parties:, a list of entries")
	if doc == nil {
		return nil
	}
	var items []*yaml.Node
	d.Fields(doc, "the party vocabulary", []string{"parties"}, func(key string, val *yaml.Node) {
		if val.Kind != yaml.SequenceNode {
			d.Add(val.Line, "parties must be a list")
			return
		}
		items = val.Content
	})
	if items == nil && len(d.Problems) == 0 {
		d.Add(doc.Line, "no parties: add a parties: list")
	}

	var entries []archive.PartyEntry
	firstAt := map[string]int{}    // code → line
	aliasAt := map[string]string{} // alias key → "CODE (line N)"
	var refs []ref
	for _, n := range items {
		e, line, ok := d.entry(n, &refs)
		if !ok {
			continue
		}
		if prev, dup := firstAt[e.Code]; dup {
			d.Add(line, "duplicate code %s: already defined on line %d", e.Code, prev)
			continue
		}
		firstAt[e.Code] = line
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			k := aliasKey(a)
			if prev, taken := aliasAt[k]; taken && !strings.HasPrefix(prev, e.Code+" ") {
				d.Add(line, "%s: name or alias %q is already %s's", e.Code, a, prev)
				continue
			}
			aliasAt[k] = fmt.Sprintf("%s (line %d)", e.Code, line)
		}
		entries = append(entries, e)
	}
	kinds := map[string]archive.PartyKind{}
	for _, e := range entries {
		kinds[e.Code] = e.Kind
	}
	// An alias that is another party's code would make the code ambiguous.
	for _, e := range entries {
		for _, a := range e.Aliases {
			if c := strings.ToUpper(aliasKey(a)); c != e.Code && kinds[c] != "" {
				d.Add(firstAt[e.Code], "%s: alias %q is the code of %s", e.Code, a, c)
			}
		}
	}
	for _, r := range refs {
		k, ok := kinds[r.code]
		switch {
		case !ok:
			d.Add(r.line, "unknown %s %s: it is not a code of this vocabulary", r.what, r.code)
		case r.what == "parent" && k != archive.Organisation:
			d.Add(r.line, "parent %s is a %s: an organ's parent is an organisation", r.code, k)
		case r.what == "member" && k == archive.Organ:
			d.Add(r.line, "member %s is an organ: members are states, organisations or groups", r.code)
		}
	}
	return entries
}

var fieldNames = []string{"code", "name", "short", "kind", "aliases", "parent", "members", "recognition", "from", "until"}

// entry decodes one item; ok is false if it cannot be an entry.
func (d *decoder) entry(n *yaml.Node, refs *[]ref) (e archive.PartyEntry, line int, ok bool) {
	line = n.Line
	got := map[string]int{}
	var members []ref
	var parent *ref
	d.Fields(n, "a party", fieldNames, func(key string, val *yaml.Node) {
		got[key] = val.Line
		switch key {
		case "code":
			e.Code = d.Scalar(val, key)
		case "name":
			e.Name = d.Scalar(val, key)
		case "short":
			e.Short = d.Scalar(val, key)
		case "kind":
			e.Kind = archive.PartyKind(d.Scalar(val, key))
			if e.Kind != "" && !e.Kind.Valid() {
				d.Add(val.Line, "bad kind %q: want one of %s", e.Kind, kindList())
			}
		case "aliases":
			for _, a := range d.List(val, key) {
				if s := d.Scalar(a, "each alias"); s != "" {
					e.Aliases = append(e.Aliases, s)
				} else if a.Kind == yaml.ScalarNode {
					d.Add(a.Line, "empty alias")
				}
			}
		case "parent":
			parent = &ref{code: d.Scalar(val, key), what: "parent", line: val.Line}
		case "members":
			seen := map[string]bool{}
			for _, m := range d.List(val, key) {
				c := d.Scalar(m, "each member")
				if c == "" {
					continue
				}
				if seen[c] {
					d.Add(m.Line, "member %s is listed twice", c)
					continue
				}
				seen[c] = true
				members = append(members, ref{code: c, what: "member", line: m.Line})
			}
		case "recognition":
			switch r := d.Scalar(val, key); r {
			case "limited":
				e.Limited = true
			case "full", "":
			default:
				d.Add(val.Line, "bad recognition %q: want limited (or leave it out)", r)
			}
		case "from", "until":
			s := d.Scalar(val, key)
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				d.Add(val.Line, "bad %s date %q: want YYYY-MM-DD", key, s)
			}
			if key == "from" {
				e.From = t
			} else {
				e.Until = t
			}
		}
	})
	if n.Kind != yaml.MappingNode {
		return e, line, false
	}
	for _, req := range []string{"code", "name", "kind"} {
		if _, has := got[req]; !has {
			d.Add(line, "a party has no %s", req)
			return e, line, false
		}
	}
	switch {
	case e.Kind == archive.State && !stateCode.MatchString(e.Code):
		d.Add(got["code"], "bad code %q: a state's code is its two upper-case ISO 3166-1 letters (or a user-assigned one such as XK)", e.Code)
		return e, line, false
	case e.Kind != archive.State && !otherCode.MatchString(e.Code):
		d.Add(got["code"], "bad code %q: a code is 2 to 6 upper-case letters and digits, starting with a letter", e.Code)
		return e, line, false
	}
	if parent != nil {
		if e.Kind != archive.Organ {
			d.Add(parent.line, "parent is for an organ: %s is a %s", e.Code, e.Kind)
		} else if parent.code != "" {
			e.Parent = parent.code
			*refs = append(*refs, *parent)
		}
	} else if e.Kind == archive.Organ {
		d.Add(line, "organ %s has no parent: name its organisation, e.g. parent: UN", e.Code)
	}
	if e.Kind == archive.Group && len(members) == 0 {
		d.Add(line, "group %s has no members: list them, e.g. members: [KZ, UZ]", e.Code)
	}
	if len(members) > 0 && e.Kind != archive.Group && e.Kind != archive.Organisation {
		d.Add(members[0].line, "members are for a group or an organisation: %s is a %s", e.Code, e.Kind)
	}
	for _, m := range members {
		if m.code == e.Code {
			d.Add(m.line, "%s cannot be a member of itself", e.Code)
			continue
		}
		e.Members = append(e.Members, m.code)
		*refs = append(*refs, m)
	}
	if _, has := got["from"]; has && e.Kind != archive.State {
		d.Add(got["from"], "from and until are for historical states")
	}
	if !e.From.IsZero() && !e.Until.IsZero() && e.Until.Before(e.From) {
		d.Add(got["until"], "until %s is before from %s", e.Until.Format(time.DateOnly), e.From.Format(time.DateOnly))
	}
	return e, line, true
}

func kindList() string {
	var s []string
	for _, k := range archive.PartyKinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// aliasKey is how Parties.Resolve compares names.
func aliasKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimPrefix(s, "the ")
}
