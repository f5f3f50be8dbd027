package content

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
)

const seedSlug = "2025-11-17-kazakhstan-estonia"

// seedParagraphs returns the paragraphs of the verbatim source text: every
// line after the date line, with a clause's printed "N. " kept.
func seedParagraphs(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if lines[0] != "November 17, 2025" {
		t.Fatalf("seed's first line = %q; want the date line", lines[0])
	}
	var out []string
	for _, l := range lines[1:] {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func loadSeed(t *testing.T) *archive.Document {
	t.Helper()
	a, err := Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatalf("Load(content) = %v", err)
	}
	d, ok := a.Document(seedSlug)
	if !ok {
		t.Fatalf("Document(%q) not found", seedSlug)
	}
	return d
}

// TestSeedFidelity proves that every paragraph of the verbatim source is,
// byte for byte, exactly one paragraph of the loaded document, in order,
// and that the document holds nothing else.
func TestSeedFidelity(t *testing.T) {
	want := seedParagraphs(t)
	d := loadSeed(t)
	var got []string
	for _, p := range d.Paragraphs() {
		text := p.Text
		if p.Clause != nil && p.Index == 1 {
			text = strconv.Itoa(p.Clause.Number) + ". " + text
		}
		got = append(got, text)
	}
	if len(got) != len(want) {
		t.Fatalf("document has %d paragraphs; source has %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d (%s):\n got %q\nwant %q", i+1, d.Paragraphs()[i].EID(), got[i], want[i])
		}
	}
}

func TestSeedStructure(t *testing.T) {
	d := loadSeed(t)
	if got := len(d.Preamble); got != 5 {
		t.Errorf("len(Preamble) = %d; want 5", got)
	}
	if got := len(d.Clauses); got != 9 {
		t.Fatalf("len(Clauses) = %d; want 9", got)
	}
	wantParas := map[int]int{2: 2, 6: 2, 8: 2}
	for _, c := range d.Clauses {
		want := wantParas[c.Number]
		if want == 0 {
			want = 1
		}
		if len(c.Paragraphs) != want {
			t.Errorf("clause %d has %d paragraphs; want %d", c.Number, len(c.Paragraphs), want)
		}
		if c.Doc != d {
			t.Errorf("clause %d does not point to its document", c.Number)
		}
	}
	var eids []string
	for _, p := range d.Paragraphs() {
		eids = append(eids, p.EID())
	}
	wantEIDs := "preamble__p_1 preamble__p_2 preamble__p_3 preamble__p_4 preamble__p_5 para_1 para_2 para_2__p_2 para_3 para_4 para_5 para_6 para_6__p_2 para_7 para_8 para_8__p_2 para_9"
	if got := strings.Join(eids, " "); got != wantEIDs {
		t.Errorf("eIds = %s\nwant %s", got, wantEIDs)
	}
	if d.Title != "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia" {
		t.Errorf("Title = %q", d.Title)
	}
	if got := d.Date.Format("2006-01-02"); got != "2025-11-17" {
		t.Errorf("Date = %s; want 2025-11-17", got)
	}
	if d.Kind != archive.JointStatement || d.Place != "Astana" || d.Language != "en" {
		t.Errorf("Kind, Place, Language = %q, %q, %q; want joint-statement, Astana, en", d.Kind, d.Place, d.Language)
	}
	if len(d.Parties) != 2 || d.Parties[0] != (archive.Party{Code: "KZ", Name: "Kazakhstan", Kind: archive.State}) || d.Parties[1].Code != "EE" {
		t.Errorf("Parties = %v; want KZ, EE", d.Parties)
	}
	c3, ok := d.Clause(3)
	if !ok || !strings.HasPrefix(c3.Text(), "The Presidents emphasised the importance of enhancing regional connectivity") {
		t.Errorf("Clause(3) = %v, %v", c3, ok)
	}
	if _, ok := d.Clause(10); ok {
		t.Error("Clause(10) found; want none")
	}
	// HTML keeps the text's own characters, escaped only where HTML needs it.
	if p := d.Clauses[6].Paragraphs[0]; !strings.Contains(p.HTML, "Kazakhstan’s initiative") || strings.Contains(p.HTML, "<p>") {
		t.Errorf("clause 7 HTML = %q", p.HTML)
	}
}

// doc builds a content file from front matter and body.
func doc(front, body string) string { return "---\n" + front + "---\n" + body }

const goodFront = "title: T\nkind: joint-statement\ndate: 2025-11-17\nparties: [KZ, EE]\n"

func TestMalformed(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // every error, as file:line: prefix + a fragment of the message
	}{
		{"missing front matter", map[string]string{"documents/a.md": "Just text.\n"},
			[]string{"documents/a.md:1: missing front matter"}},
		{"front matter not closed", map[string]string{"documents/a.md": "---\ntitle: T\n\nText.\n"},
			[]string{"documents/a.md:1: front matter is not closed"}},
		{"unknown field", map[string]string{"documents/a.md": doc(goodFront+"titel: X\n", "Text.\n")},
			[]string{`documents/a.md:6: unknown field "titel"`}},
		{"missing title", map[string]string{"documents/a.md": doc("kind: joint-statement\ndate: 2025-11-17\nparties: [KZ]\n", "Text.\n")},
			[]string{"documents/a.md:1: missing title"}},
		{"empty title", map[string]string{"documents/a.md": doc("title: \"\"\nkind: joint-statement\ndate: 2025-11-17\nparties: [KZ]\n", "Text.\n")},
			[]string{"documents/a.md:2: title is empty"}},
		{"missing date and parties", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statement\n", "Text.\n")},
			[]string{"documents/a.md:1: missing date", "documents/a.md:1: missing parties"}},
		{"bad date", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statement\ndate: 2025-02-30\nparties: [KZ]\n", "Text.\n")},
			[]string{`documents/a.md:4: bad date "2025-02-30"`}},
		{"unknown party code", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statement\ndate: 2025-11-17\nparties: [KZ, XX]\n", "Text.\n")},
			[]string{`documents/a.md:5: unknown party "XX"`}},
		{"lower-case party code", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statement\ndate: 2025-11-17\nparties:\n  - kz\n", "Text.\n")},
			[]string{`documents/a.md:6: party code "kz" must be upper case`}},
		{"unknown kind", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statment\ndate: 2025-11-17\nparties: [KZ]\n", "Text.\n")},
			[]string{`documents/a.md:3: unknown kind "joint-statment"`}},
		{"repeated field", map[string]string{"documents/a.md": doc(goodFront+"title: U\n", "Text.\n")},
			[]string{`documents/a.md:6: field "title" repeats the one on line 2`}},
		{"bad yaml", map[string]string{"documents/a.md": doc("title: [unclosed\nkind: joint-statement\n", "Text.\n")},
			[]string{"documents/a.md:2: front matter is not valid YAML"}},
		{"bad source", map[string]string{"documents/a.md": doc(goodFront+"source: not a url\n", "Text.\n")},
			[]string{`documents/a.md:6: bad source "not a url"`}},
		// Provenance: a document issued since SourceRequiredFrom names its
		// source; retrieved and archived need one, and read as they say.
		{"new document without source", map[string]string{"documents/a.md": doc("title: T\nkind: joint-statement\ndate: 2026-03-02\nparties: [KZ, EE]\n", "Text.\n")},
			[]string{"documents/a.md:1: missing source: a document issued on or after 2026-01-01"}},
		{"retrieved without source", map[string]string{"documents/a.md": doc(goodFront+"retrieved: 2025-11-20\narchived: https://web.archive.org/x\n", "Text.\n")},
			[]string{"documents/a.md:6: retrieved without source", "documents/a.md:7: archived without source"}},
		{"bad provenance", map[string]string{"documents/a.md": doc(goodFront+"source: https://example.org/s\nretrieved: 20 Nov 2025\narchived: web.archive.org/x\n", "Text.\n")},
			[]string{`documents/a.md:7: bad retrieved "20 Nov 2025"`, `documents/a.md:8: bad archived "web.archive.org/x"`}},
		{"retrieved before issue", map[string]string{"documents/a.md": doc(goodFront+"source: https://example.org/s\nretrieved: 2025-11-16\n", "Text.\n")},
			[]string{"documents/a.md:7: retrieved 2025-11-16 is before the document's date 2025-11-17"}},
		{"repeated clause number", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\n1. One.\n\n2. Two.\n\n2. Again.\n\n3. Three.\n")},
			[]string{"documents/a.md:13: '2.' repeats the number on line 11: '3.' was expected; if the text is printed so, confirm it with 'numbering: [para_2-2]'"}},
		{"skipped clause number", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\n1. One.\n\n2. Two.\n\n4. Four.\n")},
			[]string{"documents/a.md:13: numbering skips from '2.' on line 11 to '4.': '3.' was expected; if the text is printed so, confirm it with 'numbering: [para_4]'"}},
		{"first clause not 1", map[string]string{"documents/a.md": doc(goodFront, "2. Two.\n")},
			[]string{"documents/a.md:7: the first numbered paragraph here is '2.': '1.' was expected"}},
		{"raw HTML inline", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\n1. One <b>bold</b>.\n")},
			[]string{"documents/a.md:9: raw HTML is not allowed", "documents/a.md:9: raw HTML is not allowed"}},
		{"raw HTML block", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\n<div>x</div>\n")},
			[]string{"documents/a.md:9: raw HTML is not allowed here"}},
		{"empty body", map[string]string{"documents/a.md": doc(goodFront, "\n\n")},
			[]string{"documents/a.md:7: empty document"}},
		{"invalid UTF-8", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\nBad \xff byte.\n")},
			[]string{"documents/a.md:9: invalid UTF-8 (byte 0xff)"}},
		{"two files with one slug", map[string]string{
			"documents/2025/a.md": doc(goodFront, "Text.\n"),
			"documents/a.md":      doc(goodFront, "Text.\n"),
		}, []string{`documents/a.md:1: slug "a" is already used by documents/2025/a.md`}},
		{"bad file name", map[string]string{"documents/My Doc.md": doc(goodFront, "Text.\n")},
			[]string{`documents/My Doc.md:1: bad file name "My Doc.md"`}},
		{"not markdown", map[string]string{"documents/a.txt": "x", "documents/b.md": doc(goodFront, "Text.\n")},
			[]string{"documents/a.txt: not a document"}},
		{"underlined heading", map[string]string{"documents/a.md": doc(goodFront, "Title\n=====\n\nPre.\n")},
			[]string{"documents/a.md:7: a heading underlined with '=' or '-' is not allowed"}},
		{"empty heading", map[string]string{"documents/a.md": doc(goodFront, "Pre.\n\n###\n")},
			[]string{"documents/a.md:9: a heading with no text: a publisher's mark such as '###' goes in a '::: remark' block"}},
		{"unknown block", map[string]string{"documents/a.md": doc(goodFront, "::: preface\nText.\n:::\n")},
			[]string{"documents/a.md:7: unknown block '::: preface'"}},
		{"unclosed block", map[string]string{"documents/a.md": doc(goodFront, "Text.\n\n::: conclusions\nDone at Szohod.\n")},
			[]string{"documents/a.md:9: the block '::: conclusions' is not closed"}},
		{"label with no text", map[string]string{"documents/a.md": doc(goodFront, "1. One.\n\n(a)\n")},
			[]string{"documents/a.md:9: '(a)' has no text"}},
		{"marker without note", map[string]string{"documents/a.md": doc(goodFront, "1. One.[^1]\n")},
			[]string{"documents/a.md:7: footnote marker [^1] has no note"}},
		{"note without marker", map[string]string{"documents/a.md": doc(goodFront, "1. One.\n\n[^1]: A note.\n")},
			[]string{"documents/a.md:9: note [^1] is not marked in the text"}},
		{"bad numbering entry", map[string]string{"documents/a.md": doc(goodFront+"numbering: [para_1, para_9]\n", "1. One.\n")},
			[]string{"documents/a.md:6: numbering: para_1 has nothing irregular to confirm", "documents/a.md:6: numbering: there is no provision para_9"}},
		{"no documents", map[string]string{"README": "x"},
			[]string{"documents: no documents"}},
		{"every error in a file", map[string]string{"documents/a.md": doc("title: T\nkind: nope\ndate: 17/11/2025\nparties: [ZZ]\n", "1. One.\n\n3. Three <i>x</i>.\n")},
			[]string{`documents/a.md:3: unknown kind "nope"`, `documents/a.md:4: bad date "17/11/2025"`, `documents/a.md:5: unknown party "ZZ"`,
				"documents/a.md:9: raw HTML", "documents/a.md:9: raw HTML", "documents/a.md:9: numbering skips from '1.' on line 7 to '3.'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			_, err := Load(fsys)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load() = %v; want an ErrorList", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("Load() gave %d errors:\n%v\nwant %d: %q", len(list), list, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if got := list[i].Error(); !strings.HasPrefix(got, w) && !strings.Contains(got, w) {
					t.Errorf("error %d = %q; want it to start with %q", i, got, w)
				}
			}
		})
	}
}

func TestParagraphsAndEscapes(t *testing.T) {
	src := doc(goodFront, "A \\*starred\\* word &amp; a *stressed* one,\nwrapped.\n\n1. One.\n\n   One, second.\n\n   One, third.\n\n2. Two.\n")
	d, errs := Parse("documents/x.md", []byte(src))
	if errs != nil {
		t.Fatalf("Parse() = %v", errs)
	}
	if got, want := d.Preamble[0].Text, "A *starred* word & a stressed one, wrapped."; got != want {
		t.Errorf("preamble text = %q; want %q", got, want)
	}
	if got, want := d.Preamble[0].HTML, "A *starred* word &amp; a <em>stressed</em> one,\nwrapped."; got != want {
		t.Errorf("preamble HTML = %q; want %q", got, want)
	}
	if got := d.Clauses[0].Paragraphs[2].EID(); got != "para_1__p_3" {
		t.Errorf("third paragraph of clause 1 eId = %q; want para_1__p_3", got)
	}
	if got := d.Clauses[1].Line; got != 16 {
		t.Errorf("clause 2 line = %d; want 16", got)
	}
}

// FuzzParse checks that no content file, however broken, panics the loader,
// and that what it accepts is well formed.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(doc(goodFront, "1. One.\n\n2. Two.\n")))
	f.Add([]byte(doc(goodFront, "1. One <b>x</b>.\n\n3. Three.\n")))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("\uFEFF" + doc(goodFront+"bidi: [para_1]\n", "1. One \u202Eowt.\n")))
	f.Add([]byte(doc("title: \"T\\u202E\"\n"+goodFront[9:], "1. One\a.\n")))
	for _, name := range []string{"treaty", "communique", "resolution", "statement", "table", "misprint"} {
		src, err := os.ReadFile("testdata/tree/" + name + ".md")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, errs := Parse("documents/f.md", src)
		if (d == nil) == (errs == nil) {
			t.Fatalf("Parse() = %v, %v; want exactly one of a document or errors", d, errs)
		}
		for _, e := range errs {
			if e.Line < 0 || e.Msg == "" {
				t.Fatalf("bad error %#v", e)
			}
		}
		if d == nil {
			return
		}
		// Every provision with text is a clause; clause n is para_n, once.
		numbers := map[int]bool{}
		for _, c := range d.Clauses {
			if len(c.Paragraphs) == 0 || c.Number > 0 && (c.EID() != archive.ClauseEID(c.Number) || numbers[c.Number]) {
				t.Fatalf("clause %s numbered %d with %d paragraphs", c.EID(), c.Number, len(c.Paragraphs))
			}
			numbers[c.Number] = true
		}
		seen := map[string]bool{}
		d.Walk(func(p *archive.Provision) bool {
			if seen[p.EID()] {
				t.Fatalf("eId %s twice", p.EID())
			}
			seen[p.EID()] = true
			return true
		})
		// What is accepted prints: no control character in any text, and
		// a bidi control only where the front matter confirms one.
		confirmed := bytes.Contains(src, []byte("bidi:"))
		for _, s := range append([]string{d.Title, d.Place}, texts(d)...) {
			if i := strings.IndexFunc(s, func(r rune) bool { return isControl(r) && r != '\t' || isBidiControl(r) && !confirmed }); i >= 0 {
				t.Fatalf("accepted %q, with %U", s, []rune(s[i:])[0])
			}
			if utf8.RuneCountInString(s) > MaxParagraph {
				t.Fatalf("accepted a text of %d characters", utf8.RuneCountInString(s))
			}
		}
	})
}

// TestContentFileReadAgain: a loaded document does not keep its content
// file but reads it again, byte for byte, and refuses a file that changed
// after the load.
func TestContentFileReadAgain(t *testing.T) {
	src, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		t.Fatal(err)
	}
	name := "documents/" + seedSlug + ".md"
	fsys := fstest.MapFS{name: &fstest.MapFile{Data: bytes.Clone(src)}}
	a, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	d := a.Documents()[0]
	if got, err := d.ContentFile(); err != nil || !bytes.Equal(got, src) {
		t.Fatalf("ContentFile() = %d bytes, %v; want the %d bytes loaded", len(got), err, len(src))
	}
	fsys[name].Data = append(bytes.Clone(src), "\nA line added after the load.\n"...)
	if _, err := d.ContentFile(); !errors.Is(err, archive.ErrSourceChanged) {
		t.Errorf("ContentFile() of a changed file = %v; want ErrSourceChanged", err)
	}
	delete(fsys, name)
	if _, err := d.ContentFile(); err == nil || !strings.Contains(err.Error(), name) {
		t.Errorf("ContentFile() of a removed file = %v; want an error naming it", err)
	}
}

// texts is the text of every paragraph of d.
func texts(d *archive.Document) []string {
	var out []string
	for _, p := range d.Preamble {
		out = append(out, p.Text)
	}
	for _, c := range d.Clauses {
		for _, p := range c.Paragraphs {
			out = append(out, p.Text)
		}
	}
	return out
}
