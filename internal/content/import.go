package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// ImportMeta is what plain text does not say about itself.
type ImportMeta struct {
	Title    string
	Kind     string
	Place    string
	Parties  []string // codes of the party vocabulary, or names and aliases it knows
	Issuer   string   // a code (or name) of the party vocabulary, or ""
	Number   string   // the work's number, or ""
	Slug     string   // the slug to use instead of the one derived, or ""
	Language string   // "" means en
	Source   string
	Date     string // YYYY-MM-DD, for a text whose first line is no date, or ""
	// Provenance: the day the text was copied from Source (YYYY-MM-DD),
	// and an archived copy of it; both optional.
	Retrieved string
	Archived  string

	// A language version of another document (docs/FORMAT.md, "Language versions").
	VersionOf string   // the slug of the document this text is a version of, or ""
	Authentic []string // tags of the authentic languages, or nil
	Prevails  string   // tag of the prevailing language, or ""

	// Note, if set, is told what import read that the editor should
	// check: the day it took from a range, a date from the last line.
	Note func(msg string)

	// Vocabulary is the party vocabulary of the content tree written
	// into; nil means the default.
	Vocabulary *archive.Parties

	// ConfirmBidi lists every unit with a bidirectional control under
	// bidi: in the front matter; without it, import refuses them.
	ConfirmBidi bool
}

// importDate finds the document's date: from the first non-empty line if
// it is a dateline, which is then not part of the text; else from
// m.Date, the first line kept as text; else from the last non-empty line
// if it is a dateline, kept as text as printed. A place on the dateline
// fills m.Place unless that is given. body is the index of the text's
// first line.
func importDate(name string, lines []string, first int, m *ImportMeta) (date time.Time, body int, err error) {
	var given time.Time
	if m.Date != "" {
		if given, err = time.Parse(time.DateOnly, m.Date); err != nil {
			return date, 0, fmt.Errorf("%s: --date %q: give it as YYYY-MM-DD", name, m.Date)
		}
	}
	use := func(dl dateline, n int, where string) {
		if m.Place == "" {
			m.Place = dl.place
		}
		if dl.ranged && m.Note != nil && given.IsZero() {
			m.Note(fmt.Sprintf("%s:%d: a range of days: dated %s, its last day, when a meeting's text is adopted; give --date to date it otherwise", name, n+1, dl.date.Format(time.DateOnly)))
		}
		if where != "" && m.Note != nil {
			m.Note(fmt.Sprintf("%s:%d: dated %s by its %s line", name, n+1, dl.date.Format(time.DateOnly), where))
		}
	}
	dl, ok, amb := parseDateline(lines[first], m.Language)
	switch {
	case ok && !given.IsZero() && !dl.date.Equal(given):
		return date, 0, fmt.Errorf("%s:%d: the first line gives the date %s; --date gives %s", name, first+1, dl.date.Format(time.DateOnly), m.Date)
	case ok:
		use(dl, first, "")
		return dl.date, first + 1, nil
	case !given.IsZero() && amb != nil:
		// The line is a date and --date says which.
		use(dl, first, "")
		return given, first + 1, nil
	case !given.IsZero():
		return given, first, nil
	case amb != nil:
		return date, 0, fmt.Errorf("%s:%d: %w", name, first+1, amb)
	}
	last := len(lines) - 1
	for lines[last] == "" {
		last--
	}
	if last > first {
		dl, ok, amb := parseDateline(lines[last], m.Language)
		if amb != nil {
			return date, 0, fmt.Errorf("%s:%d: %w", name, last+1, amb)
		}
		if ok {
			use(dl, last, "last")
			return dl.date, first, nil
		}
	}
	return date, 0, fmt.Errorf("%s:%d: the first line is not a date, e.g. %q or %q, nor is the last line; got %q: give the date with --date YYYY-MM-DD", name, first+1, "17 November 2025", "Astana, 17 November 2025", lines[first])
}

// Import turns plain text as published texts are copied — a date line,
// then one paragraph per line: headings, labelled paragraphs, recitals,
// closing formulas and signatures, footnotes, publishers' marks — into a
// content file in the content format (docs/FORMAT.md), telling m.Note what
// it guessed. name is the source's name, for messages. The result is
// checked by Parse before it is returned, so it is a file that `accord
// check` accepts.
func Import(name string, src []byte, m ImportMeta) (slug string, file []byte, err error) {
	r, err := convert(name, src, &m)
	if err != nil {
		return "", nil, err
	}
	return r.check(name, &m)
}

// converted is a text converted into a content file, not yet checked.
type converted struct {
	slug      string
	file      []byte
	out       *textLayout
	head      int // the offset of the front matter's closing line
	headLines int // the lines before the text
	v         *archive.Parties
}

// convert reads a plain text into a content file.
func convert(name string, src []byte, m *ImportMeta) (r converted, err error) {
	// The input is held to the rules of a content file, and its problems
	// named by its own lines.
	src = bytes.TrimPrefix(src, bom)
	if len(src) > MaxFileSize {
		return r, fmt.Errorf("%s: %w", name, errTooLarge)
	}
	errs := &fileErrors{file: name}
	bidi := checkEncoding(src, errs)
	if !m.ConfirmBidi {
		for i, u := range bidi {
			if i == maxReported {
				errs.add(u.line, "and %d more lines with bidirectional controls", len(bidi)-i)
				break
			}
			errs.add(u.line, "bidirectional control %U (%s) in the text: it can make the text display in another order than it is stored; remove it, or check that the text displays as printed and import with --confirm-bidi", u.r, bidiName(u.r))
		}
	}
	if len(errs.list) > 0 {
		errs.list.sort()
		return r, errs.list
	}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	first := 0
	for first < len(lines) && lines[first] == "" {
		first++
	}
	if first == len(lines) {
		return r, fmt.Errorf("%s: empty file", name)
	}
	date, body0, err := importDate(name, lines, first, m)
	if err != nil {
		return r, err
	}

	items := arrange(name, lines[body0:], body0, m)
	out := writeItems(items)

	v := m.Vocabulary
	if v == nil {
		v = vocab.DefaultParties()
	}
	var parties []string
	var named []archive.Party
	for _, code := range m.Parties {
		code = partyCode(v, code)
		parties = append(parties, code)
		p, _ := v.LookupParty(code)
		named = append(named, p)
	}
	issuer := ""
	var by archive.Party
	if strings.TrimSpace(m.Issuer) != "" {
		issuer = partyCode(v, m.Issuer)
		by, _ = v.LookupParty(issuer)
	}
	lang := m.Language
	if lang == "" {
		lang = "en"
	}
	slug := m.Slug
	switch {
	case slug != "":
	case m.VersionOf != "":
		// A version's derived slug would be its original's: the two
		// share date and parties. Its language tells them apart.
		slug = m.VersionOf + "-" + strings.ToLower(lang)
	default:
		slug = DeriveSlug(date, named, by, m.Title, m.Number)
	}
	var fm bytes.Buffer
	fm.WriteString("---\n")
	writeField(&fm, "title", m.Title)
	writeField(&fm, "kind", m.Kind)
	fmt.Fprintf(&fm, "date: %s\n", date.Format(time.DateOnly))
	writeField(&fm, "place", m.Place)
	if len(parties) > 0 {
		fmt.Fprintf(&fm, "parties: [%s]\n", strings.Join(parties, ", "))
	}
	writeField(&fm, "issuer", issuer)
	writeField(&fm, "number", m.Number)
	writeField(&fm, "language", lang)
	writeField(&fm, "version-of", m.VersionOf)
	if len(m.Authentic) > 0 {
		fmt.Fprintf(&fm, "authentic: [%s]\n", strings.Join(m.Authentic, ", "))
	}
	writeField(&fm, "prevails", m.Prevails)
	writeField(&fm, "source", m.Source)
	if m.Retrieved != "" {
		// A date as the date is written, unquoted; the loader checks it.
		fmt.Fprintf(&fm, "retrieved: %s\n", strings.TrimSpace(m.Retrieved))
	}
	writeField(&fm, "archived", m.Archived)
	head := fm.Len()
	fm.WriteString("---\n")
	headLines := bytes.Count(fm.Bytes(), []byte("\n"))
	file := append(fm.Bytes(), out.md.String()...)

	if !slugPattern.MatchString(slug) {
		return r, fmt.Errorf("%s: bad slug %q: lower-case letters, digits and single hyphens", name, slug)
	}
	return converted{slug: slug, file: file, out: out, head: head, headLines: headLines, v: v}, nil
}

// check parses the converted file as the loader will, confirming the
// bidirectional controls if told to and the numbering as printed that
// check would otherwise report.
func (r converted) check(name string, m *ImportMeta) (slug string, file []byte, err error) {
	slug, file, out, head, headLines, v := r.slug, r.file, r.out, r.head, r.headLines, r.v
	path := DocumentsDir + "/" + slug + ".md"
	if m.ConfirmBidi {
		if _, _, units := parseFile(path, file, newMarkdown(), true, v); len(units) > 0 {
			confirm := fmt.Sprintf("bidi: [%s]\n", strings.Join(units, ", "))
			file = slices.Concat(file[:head], []byte(confirm), file[head:])
			head += len(confirm)
			headLines++
		}
	}
	// The input line of a line of the file, or 0.
	inLine := func(fileLine int) int {
		if i := fileLine - headLines - 1; i >= 0 && i < len(out.lines) {
			return out.lines[i]
		}
		return 0
	}
	_, perrs := ParseWithParties(path, file, v)
	if ids := irregularIDs(perrs); len(ids) > 0 {
		// Numbering as printed that check would report: confirmed, and
		// each named for the editor to hold against the original.
		confirm := fmt.Sprintf("numbering: [%s]\n", strings.Join(ids, ", "))
		file = slices.Concat(file[:head], []byte(confirm), file[head:])
		headLines++
		var d *archive.Document
		if d, perrs = ParseWithParties(path, file, v); perrs == nil && m.Note != nil {
			for _, id := range ids {
				line := 0
				if p, ok := d.Provision(id); ok {
					line = inLine(p.Line)
				}
				m.Note(fmt.Sprintf("%s:%d: %s is numbered irregularly as printed: listed under numbering: in the front matter; check it against the original", name, line, id))
			}
		}
	}
	if perrs != nil {
		for i := range perrs {
			if l := inLine(perrs[i].Line); l > 0 {
				perrs[i].Msg += fmt.Sprintf(" (%s:%d)", name, l)
			}
		}
		return "", nil, fmt.Errorf("%s: the imported document is not valid:\n%w", name, perrs)
	}
	return slug, file, nil
}

// irregularIDs is the eIds of the numbering problems an editor may
// confirm, if they are all of a parse's problems.
func irregularIDs(errs ErrorList) []string {
	if errs == nil {
		return nil
	}
	return Irregular(errs)
}

func writeField(b *bytes.Buffer, name, value string) {
	if value == "" {
		return
	}
	v, err := yaml.Marshal(value)
	if err != nil { // a string always marshals; keep the value plain if not
		v = []byte(strconv.Quote(value) + "\n")
	}
	fmt.Fprintf(b, "%s: %s", name, v)
}

var latinFold = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ç", "c",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "í", "i", "î", "i", "ï", "i", "ñ", "n", "ó", "o", "ô", "o",
	"ö", "o", "õ", "o", "ú", "u", "û", "u", "ü", "u", "ý", "y", "’", "", "'", "")

func slugify(s string) string {
	s = latinFold.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// escapeMarkdown backslash-escapes what CommonMark would read as markup, and
// nothing else, so the content file stays readable and the text verbatim.
func escapeMarkdown(s string) string {
	var b strings.Builder
	if l, _, ok := matchLabel([]byte(s)); ok {
		// A line that starts with a label would be a labelled paragraph;
		// a bullet is no ASCII punctuation to escape, so it is written as
		// a character reference.
		// CommonMark escapes ASCII punctuation only: "\(a)", "a\)",
		// "11\,", "10\.5".
		r, size := utf8.DecodeRuneInString(s)
		switch pos := strings.IndexAny(s, ".,)"); {
		case strings.HasPrefix(string(l.fam), "bullet"):
			fmt.Fprintf(&b, "&#%d;", r)
			s = s[size:]
		case r == '(':
			b.WriteByte('\\')
		case pos > 0:
			b.WriteString(s[:pos])
			b.WriteByte('\\')
			b.WriteByte(s[pos])
			s = s[pos+1:]
		}
	}
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>':
			b.WriteByte('\\')
		case '&':
			if isEntityRef(s[i:]) {
				b.WriteByte('\\')
			}
		case '#', '+', '-', '=', '~', '|', ':': // ':' opens a '::: block'
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if isDigits(s[:i]) && i > 0 { // "2024." at the start reads as a list item
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var entityRef = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

func isEntityRef(s string) bool { return entityRef.MatchString(s) }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
