package content

import (
	"bytes"
	"cmp"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// meta is a document's decoded front matter.
type meta struct {
	Title    string
	Kind     archive.Kind
	Date     time.Time
	Place    string
	Parties  []archive.Party
	Issuer   archive.Party
	Number   string
	partyAt  int // the line of parties, or of issuer
	Language string
	Source   string
	// Provenance (provenance.go): when the text was copied from Source,
	// and an archived copy of the original.
	Retrieved time.Time
	Archived  string

	versions versionMeta // version-of, authentic, prevails (versions.go)

	Overrides []override // the editor's classification, by unit
	Bidi      []bidiRef  // the units where the editor confirms bidi controls
	Numbering []bidiRef  // the provisions whose irregular numbering the editor confirms

	fields []field // every field, in order, with its line
}

// fields lists the front-matter fields an editor may write, in the order the
// content format documents them.
var fields = []string{"title", "kind", "date", "place", "parties", "issuer", "number", "language", "version-of", "authentic", "prevails", "source", "retrieved", "archived", "classification", "bidi", "numbering"}

var (
	languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	yamlLine    = regexp.MustCompile(`line (\d+)`)
)

// splitFrontMatter separates "---\n<yaml>---\n<body>". It returns the YAML,
// the body, and the file line on which the body starts. ok is false when the
// file does not open with a front-matter block.
func splitFrontMatter(src []byte, errs *fileErrors) (yml, body []byte, bodyLine int, ok bool) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \r")) != "---" {
		errs.add(1, "missing front matter: the file must begin with a line '---', the metadata, and another '---'")
		return nil, nil, 0, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \r")) == "---" {
			if end < 0 {
				return rest[:off], nil, line + 1, true
			}
			return rest[:off], rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	errs.add(1, "front matter is not closed: add a line '---' after the metadata")
	return nil, nil, 0, false
}

// decodeFrontMatter decodes the YAML strictly: every field is known, typed
// and checked; every problem is reported with its file line.
func decodeFrontMatter(yml []byte, errs *fileErrors, vocabulary *archive.Parties) meta {
	const firstLine = 2 // the YAML starts on the line after the opening '---'
	at := func(n *yaml.Node) int { return n.Line + firstLine - 1 }

	m := meta{Language: "en"}
	doc, ok := plainFrontMatter(yml)
	if !ok {
		var root yaml.Node
		if err := yaml.Unmarshal(yml, &root); err != nil {
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			line := firstLine
			if sub := yamlLine.FindStringSubmatch(msg); sub != nil {
				n, _ := strconv.Atoi(sub[1])
				line = n + firstLine - 1
				msg = strings.TrimSpace(yamlLine.ReplaceAllString(msg, ""))
				msg = strings.TrimPrefix(msg, ": ")
			}
			errs.add(line, "front matter is not valid YAML: %s", msg)
			return m
		}
		if len(root.Content) == 0 {
			errs.add(1, "front matter is empty: title, date and parties are required")
			return m
		}
		doc = root.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		errs.add(at(doc), "front matter must be a list of 'field: value' lines")
		return m
	}

	seen := map[string]int{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		name := key.Value
		if prev, ok := seen[name]; ok {
			errs.add(at(key), "field %q repeats the one on line %d", name, prev)
			continue
		}
		seen[name] = at(key)
		m.fields = append(m.fields, field{name, at(key)})
		switch name {
		case "title":
			m.Title = scalar(val, name, errs, at)
			if m.Title == "" && val.Kind == yaml.ScalarNode {
				errs.add(at(val), "title is empty")
			}
		case "kind":
			k := archive.Kind(scalar(val, name, errs, at))
			if k != "" && !k.Valid() {
				errs.add(at(val), "unknown kind %q: want one of %s", k, kindList())
			}
			m.Kind = k
		case "date":
			s := scalar(val, name, errs, at)
			d, err := time.Parse(time.DateOnly, s)
			if err != nil && s != "" {
				errs.add(at(val), "bad date %q: want YYYY-MM-DD, a real calendar date", s)
			}
			m.Date = d
		case "place":
			m.Place = scalar(val, name, errs, at)
		case "parties":
			m.Parties = parties(val, errs, at, vocabulary)
			m.partyAt = at(val)
		case "issuer":
			m.Issuer = issuer(val, errs, at, vocabulary)
			m.partyAt = cmp.Or(m.partyAt, at(val))
		case "number":
			m.Number = number(val, errs, at)
		case "language":
			m.Language = scalar(val, name, errs, at)
			if !languageTag.MatchString(m.Language) {
				errs.add(at(val), "bad language %q: want a language tag such as en or fr", m.Language)
			}
		case "version-of", "authentic", "prevails":
			m.versions.decode(name, val, errs, at)
		case "source":
			m.Source = scalar(val, name, errs, at)
			if !webURL(m.Source) {
				errs.add(at(val), "bad source %q: want an absolute http or https URL", m.Source)
			}
		case "retrieved":
			m.Retrieved = retrievedDate(scalar(val, name, errs, at), at(val), errs)
		case "archived":
			m.Archived = archivedURL(scalar(val, name, errs, at), at(val), errs)
		case "classification":
			m.Overrides = decodeOverrides(val, errs, at)
		case "bidi":
			m.Bidi = bidiRefs(val, errs, at)
		case "numbering":
			m.Numbering = numberingRefs(val, errs, at)
		default:
			errs.add(at(key), "unknown field %q: the fields are %s", name, strings.Join(fields, ", "))
		}
	}
	for _, req := range []string{"title", "kind", "date"} {
		if _, ok := seen[req]; !ok {
			errs.add(1, "missing %s in front matter", req)
		}
	}
	requireParties(seen, errs)
	m.versions.check(errs)
	existed(m, vocabulary, errs)
	requireSource(m, seen, errs)
	return m
}

// scalar returns val's text, reporting an error if it is not a plain value.
func scalar(val *yaml.Node, field string, errs *fileErrors, at func(*yaml.Node) int) string {
	if val.Kind != yaml.ScalarNode {
		errs.add(at(val), "%s must be a single value", field)
		return ""
	}
	if val.Style&yaml.DoubleQuotedStyle != 0 {
		escapedControls(val.Value, field, at(val), errs)
	}
	return strings.TrimSpace(val.Value)
}

// escapedControls checks a double-quoted YAML value, where an escape such
// as "\u202E" puts in the value what the line scan cannot see.
func escapedControls(v, field string, line int, errs *fileErrors) {
	unit, ok := nestedField[field]
	if !ok {
		unit = field
	}
	for _, r := range v {
		switch {
		case isControl(r) && r != '\n' && r != '\r':
			errs.add(line, "control character %U in %s: it does not print; remove it", r, unit)
			return
		case isBidiControl(r):
			errs.escaped = append(errs.escaped, bidiUse{line: line, r: r, unit: unit})
			return
		}
	}
}

// nestedField is the front-matter field a value named for a message is in.
var nestedField = map[string]string{"each party": "parties", "type": "classification", "phrase": "classification", "each bidi entry": "bidi", "each numbering entry": "numbering"}

func parties(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int, vocabulary *archive.Parties) []archive.Party {
	if val.Kind != yaml.SequenceNode {
		errs.add(at(val), "parties must be a list of country codes, e.g. [KZ, EE]")
		return nil
	}
	if len(val.Content) == 0 {
		errs.add(at(val), "parties is empty: name at least one party")
	}
	var out []archive.Party
	seen := map[string]bool{}
	for _, n := range val.Content {
		code := scalar(n, "each party", errs, at)
		if code == "" {
			continue
		}
		if up := strings.ToUpper(code); up != code {
			errs.add(at(n), "party code %q must be upper case: %s", code, up)
			continue
		}
		p, err := vocabulary.LookupParty(code)
		if err != nil {
			errs.add(at(n), "%v", err)
			continue
		}
		if seen[code] {
			errs.add(at(n), "party %s is listed twice", code)
			continue
		}
		seen[code] = true
		out = append(out, p)
	}
	return out
}

func kindList() string {
	ks := archive.Kinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// bidiRefs reads the list of units where the editor confirms bidi controls.
func bidiRefs(val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) []bidiRef {
	if val.Kind != yaml.SequenceNode {
		errs.add(at(val), "bidi must be a list of front-matter fields and paragraph eIds, e.g. [title, para_3]")
		return nil
	}
	var out []bidiRef
	for _, n := range val.Content {
		if unit := scalar(n, "each bidi entry", errs, at); unit != "" {
			out = append(out, bidiRef{unit: unit, line: at(n)})
		}
	}
	return out
}
