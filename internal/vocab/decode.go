package vocab

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decoder reads one YAML vocabulary file strictly, keeping every problem
// with its line. The vocabularies of this package and of classify share it.
type Decoder struct {
	File     string
	Problems []Problem
}

// Add records a problem at line.
func (d *Decoder) Add(line int, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{File: d.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse reads src as YAML and returns its document node, or records the
// syntax error at its line (or, for an empty file, the message empty) and
// returns nil.
func (d *Decoder) Parse(src []byte, empty string) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if sub := yamlLine.FindStringSubmatch(msg); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			msg = strings.TrimPrefix(strings.TrimSpace(yamlLine.ReplaceAllString(msg, "")), ": ")
		}
		d.Add(line, "not valid YAML: %s", msg)
		return nil
	}
	if len(root.Content) == 0 {
		d.Add(1, "%s", empty)
		return nil
	}
	return root.Content[0]
}

// Fields walks a mapping node, reporting repeated and unknown keys, and
// calls f for each known one.
func (d *Decoder) Fields(n *yaml.Node, what string, known []string, f func(key string, val *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.Add(n.Line, "%s must be a list of 'field: value' lines (%s)", what, strings.Join(known, ", "))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if prev, ok := seen[key.Value]; ok {
			d.Add(key.Line, "field %q repeats the one on line %d", key.Value, prev)
			continue
		}
		seen[key.Value] = key.Line
		if !slicesContains(known, key.Value) {
			d.Add(key.Line, "unknown field %q in %s: the fields are %s", key.Value, what, strings.Join(known, ", "))
			continue
		}
		f(key.Value, val)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// List is the items of a sequence node, or nil with a problem.
func (d *Decoder) List(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		d.Add(n.Line, "%s must be a list", what)
		return nil
	}
	return n.Content
}

// Scalar is a scalar node's value, trimmed, or "" with a problem.
func (d *Decoder) Scalar(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		d.Add(n.Line, "%s must be a single value", what)
		return ""
	}
	return strings.TrimSpace(n.Value)
}
