package content

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// plainFrontMatter decodes the front matter most documents have, one
// "field: value" line per field with plain values and a flow list of
// codes, into the node tree yaml.v3 would make of it, several times
// faster. For anything else, a quote, a comment, an indented or empty
// line, a character YAML treats specially, it reports false, and the
// caller asks yaml.v3, which also words the errors.
func plainFrontMatter(yml []byte) (*yaml.Node, bool) {
	doc := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for n := 1; len(yml) > 0; n++ {
		var line []byte
		line, yml, _ = bytes.Cut(yml, []byte("\n"))
		colon := bytes.IndexByte(line, ':')
		// yaml.v3 takes no implicit key longer than 1,024 bytes.
		if colon <= 0 || colon > 1024 || !lowerWord(line[:colon]) {
			return nil, false
		}
		value := bytes.TrimLeft(line[colon+1:], " ")
		start := len(line) - len(value)
		if start == colon+1 || len(value) == 0 {
			return nil, false // "field:value", or no value
		}
		value = bytes.TrimRight(value, " ")
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(line[:colon]), Line: n, Column: 1}
		var val *yaml.Node
		if value[0] == '[' {
			val = flowCodes(value, n, start+1)
		} else if plainValue(value) {
			val = &yaml.Node{Kind: yaml.ScalarNode, Value: string(value), Line: n, Column: start + 1}
		}
		if val == nil {
			return nil, false
		}
		doc.Content = append(doc.Content, key, val)
	}
	if len(doc.Content) == 0 {
		return nil, false
	}
	return doc, true
}

// flowCodes reads "[KZ, EE]": letters and digits, comma-separated.
func flowCodes(value []byte, line, column int) *yaml.Node {
	if len(value) < 3 || value[len(value)-1] != ']' {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: line, Column: column}
	off := 1
	for _, item := range bytes.Split(value[1:len(value)-1], []byte(",")) {
		code := bytes.TrimLeft(item, " ")
		lead := len(item) - len(code)
		code = bytes.TrimRight(code, " ")
		if len(code) == 0 {
			return nil
		}
		for _, c := range code {
			if !isAlnum(c) {
				return nil
			}
		}
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: string(code), Line: line, Column: column + off + lead})
		off += len(item) + 1
	}
	return seq
}

// plainValue reports whether YAML reads value, trimmed, as plain text,
// the same in any context: it starts with a letter or digit and holds no
// comment, no ": ", no tab or control character and no character YAML
// takes for a line break or byte order mark.
func plainValue(value []byte) bool {
	if !isAlnum(value[0]) || value[len(value)-1] == ':' {
		return false
	}
	for i := 0; i < len(value); {
		c := value[i]
		if c < utf8.RuneSelf {
			switch {
			case c < ' ' || c == 0x7f:
				return false
			case c == '#' && value[i-1] == ' ', c == ':' && value[i+1] == ' ':
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(value[i:])
		if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe || r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

func lowerWord(b []byte) bool {
	for _, c := range b {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(b) > 0
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
