package vocab

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"
)

// SynonymsFile is where the synonyms live in a content tree: groups of
// words and names that mean the same to a search ("EU", "European Union").
const SynonymsFile = "vocabulary/synonyms.yaml"

// LoadSynonyms reads the synonym groups of fsys; a tree without the file
// has none. Every problem is reported with its line.
func LoadSynonyms(fsys fs.FS) ([][]string, []Problem) {
	src, err := fs.ReadFile(fsys, SynonymsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []Problem{{File: SynonymsFile, Line: 0, Msg: fmt.Sprintf("cannot read: %v", err)}}
	}
	return DecodeSynonyms(SynonymsFile, src)
}

// DecodeSynonyms decodes a synonyms file strictly: a synonyms: list of
// groups, each a list of at least two distinct ways of saying one thing,
// and no way of saying it in two groups. It returns nil and every
// problem, or the groups.
func DecodeSynonyms(file string, src []byte) ([][]string, []Problem) {
	d := &decoder{Decoder{File: file}}
	doc := d.Parse(src, "empty synonyms file: write synonyms:, a list of groups")
	if doc == nil {
		return nil, d.Problems
	}
	var items []*yaml.Node
	d.Fields(doc, "the synonyms file", []string{"synonyms"}, func(_ string, val *yaml.Node) {
		if val.Kind != yaml.SequenceNode {
			d.Add(val.Line, "synonyms must be a list of groups")
			return
		}
		items = val.Content
	})
	var groups [][]string
	seen := map[string]int{} // a way of saying, folded → its group's line
	for _, g := range items {
		if g.Kind != yaml.SequenceNode {
			d.Add(g.Line, "a group of synonyms must be a list: [EU, European Union]")
			continue
		}
		if len(g.Content) < 2 {
			d.Add(g.Line, "a group of synonyms needs at least two entries")
			continue
		}
		var group []string
		inGroup := map[string]bool{}
		ok := true
		for _, w := range g.Content {
			v := strings.Join(strings.Fields(w.Value), " ")
			key := strings.ToLower(v)
			switch {
			case w.Kind != yaml.ScalarNode || v == "":
				d.Add(w.Line, "a synonym must be a word or words")
				ok = false
			case inGroup[key]:
				d.Add(w.Line, "%q twice in one group", v)
				ok = false
			case seen[key] != 0:
				d.Add(w.Line, "%q is already in the group on line %d", v, seen[key])
				ok = false
			default:
				seen[key], inGroup[key] = g.Line, true
				group = append(group, v)
			}
		}
		if ok {
			groups = append(groups, group)
		}
	}
	if len(d.Problems) > 0 {
		return nil, d.Problems
	}
	return groups, nil
}
