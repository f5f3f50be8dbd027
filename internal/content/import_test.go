package content

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var seedMeta = ImportMeta{
	Title:   "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia",
	Kind:    "joint-statement",
	Place:   "Astana",
	Parties: []string{"KZ", "EE"},
	// The seed's provenance: the page it was copied from, and the day it
	// entered the archive.
	Source:    "https://mirror.akorda.kz/en/joint-statement-by-the-president-of-the-republic-of-kazakhstan-mr-kassym-jomart-tokayev-and-the-president-of-the-republic-of-estonia-mr-alar-karis-26101425",
	Retrieved: "2026-11-24",
}

// TestImportSeed: the seed's plain text gives the same document as the
// hand-encoded content file.
func TestImportSeed(t *testing.T) {
	src, err := os.ReadFile("../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt")
	if err != nil {
		t.Fatal(err)
	}
	slug, file, err := Import("seed.txt", src, seedMeta)
	if err != nil {
		t.Fatalf("Import() = %v", err)
	}
	if slug != seedSlug {
		t.Errorf("Import() slug = %q; want %q", slug, seedSlug)
	}
	got, errs := Parse("documents/"+slug+".md", file)
	if errs != nil {
		t.Fatalf("Parse(imported) = %v", errs)
	}
	want := loadSeed(t)
	if got.Title != want.Title || got.Kind != want.Kind || !got.Date.Equal(want.Date) || got.Place != want.Place ||
		!reflect.DeepEqual(got.Parties, want.Parties) || got.Language != want.Language {
		t.Errorf("imported metadata = %q %q %v %q %v %q; want %q %q %v %q %v %q",
			got.Title, got.Kind, got.Date, got.Place, got.Parties, got.Language,
			want.Title, want.Kind, want.Date, want.Place, want.Parties, want.Language)
	}
	gp, wp := got.Paragraphs(), want.Paragraphs()
	if len(gp) != len(wp) {
		t.Fatalf("imported document has %d paragraphs; want %d", len(gp), len(wp))
	}
	for i := range wp {
		if gp[i].EID() != wp[i].EID() || gp[i].Text != wp[i].Text || gp[i].HTML != wp[i].HTML {
			t.Errorf("paragraph %d = %s %q; want %s %q", i, gp[i].EID(), gp[i].Text, wp[i].EID(), wp[i].Text)
		}
	}
	// The content file in the repository is exactly what import writes.
	repo, err := os.ReadFile("../../content/documents/" + seedSlug + ".md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, repo) {
		t.Errorf("imported file differs from content/documents/%s.md:\n%s", seedSlug, file)
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		meta ImportMeta
		want string
	}{
		{"no date line", "The Presidents met.\n1. One.\n", seedMeta, `x.txt:1: the first line is not a date`},
		{"empty", "\n\n", seedMeta, "x.txt: empty file"},
		{"not UTF-8", "November 17, 2025\n\xff\n", seedMeta, "x.txt:2: invalid UTF-8"},
		{"no title", "November 17, 2025\nText.\n", ImportMeta{Kind: "joint-statement", Parties: []string{"KZ"}}, "missing title"},
		{"unknown party", "November 17, 2025\nText.\n", ImportMeta{Title: "T", Kind: "joint-statement", Parties: []string{"QQ"}}, `unknown party "QQ"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Import("x.txt", []byte(tt.src), tt.meta)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import() = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestImportKeepsMarkupCharactersVerbatim(t *testing.T) {
	lines := []string{
		"2024. A year, not a clause.",
		"# not a heading, *not emphasis*, _nor this_, `nor code`, <b>nor HTML</b> &amp; no entity",
		"1. The first clause [with brackets] and a \\ backslash.",
		"-- a dash that is not a bullet",
		"30. A continuation: the next clause would be 2.",
		"2. The second clause.",
	}
	src := "17 November 2025\n" + strings.Join(lines, "\n") + "\n"
	_, file, err := Import("x.txt", []byte(src), seedMeta)
	if err != nil {
		t.Fatalf("Import() = %v", err)
	}
	d, errs := Parse("documents/x.md", file)
	if errs != nil {
		t.Fatalf("Parse() = %v\n%s", errs, file)
	}
	want := []string{lines[0], lines[1], "The first clause [with brackets] and a \\ backslash.", lines[3], lines[4], "The second clause."}
	var got []string
	for _, p := range d.Paragraphs() {
		got = append(got, p.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs = %q\nwant %q\nfile:\n%s", got, want, file)
	}
	if len(d.Preamble) != 2 || len(d.Clauses) != 2 || len(d.Clauses[0].Paragraphs) != 3 {
		t.Errorf("structure = %d preamble, %d clauses; want 2 and 2 with clause 1 of 3 paragraphs", len(d.Preamble), len(d.Clauses))
	}
}

// FuzzImportRoundTrip: whatever line of text an editor imports comes back
// from the loader as exactly that text.
func FuzzImportRoundTrip(f *testing.F) {
	for _, s := range []string{"Plain.", "*a* _b_ `c` <d> &amp; \\e", "1) x", "2024. y", "---", "===", "> q", "    code", "!", "a  b", "~~~", "[x](y)", "&#42;", "• x", "– x", "(a) x", "a) x", "(iv) x", "11, x", "10.5 x", "10.5. x", "1.The x", "::: remark", "[^1]: x", "x[^1]", "| a | b |"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r\x00") || !utf8.ValidString(line) {
			return
		}
		want := strings.TrimSpace(line)
		if want == "" {
			return
		}
		// A line read as a label, a heading or a publisher's mark is
		// another test's: this one holds text to be text.
		if items := arrange("x.txt", []string{want}, 1, &ImportMeta{}); len(items) != 1 || items[0].role != roleText {
			return
		}
		_, file, err := Import("x.txt", []byte("2025-11-17\n"+line+"\n"), seedMeta)
		if strings.ContainsFunc(line, func(r rune) bool { return isControl(r) && r != '\t' || isBidiControl(r) }) {
			// What would not print is refused, at its line.
			if err == nil || !strings.Contains(err.Error(), "x.txt:2: ") {
				t.Fatalf("Import(%q) = %v; want an error on line 2", line, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Import(%q) = %v", line, err)
		}
		d, errs := Parse("documents/x.md", file)
		if errs != nil {
			t.Fatalf("Parse(Import(%q)) = %v\n%s", line, errs, file)
		}
		// One line of plain text is a statement's one plain paragraph.
		if ps := d.Paragraphs(); len(ps) != 1 || ps[0].Text != want || ps[0].EID() != "p_1" {
			t.Fatalf("Import(%q) round trip gave %d paragraphs, the first %q\n%s", line, len(ps), ps[0].Text, file)
		}
	})
}

// TestImportEncoding: import holds its input to the rules of a content
// file and names problems by the input's lines; it keeps bidi controls
// only when told to confirm them, and then lists them under bidi:.
func TestImportEncoding(t *testing.T) {
	const text = "November 17, 2025\n\nThe Presidents met.\n\n1. The Parties agreed %s.\n"
	tests := []struct {
		name, src string
		confirm   bool
		want      string // an error; "" for none
	}{
		{"byte-order mark", "\uFEFF" + strings.Replace(text, "%s", "x", 1), false, ""},
		{"bell", strings.Replace(text, "%s", "x\a", 1), false, "in.txt:5: control character U+0007"},
		{"invalid UTF-8", strings.Replace(text, "%s", "x\xff", 1), false, "in.txt:5: invalid UTF-8"},
		{"bidi", strings.Replace(text, "%s", "\u202Eowt", 1), false, "in.txt:5: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in the text: it can make the text display in another order than it is stored; remove it, or check that the text displays as printed and import with --confirm-bidi"},
		{"bidi confirmed", strings.Replace(text, "%s", "\u202Eowt", 1), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := seedMeta
			m.ConfirmBidi = tt.confirm
			_, file, err := Import("in.txt", []byte(tt.src), m)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Import() = %v; want an error containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import() = %v", err)
			}
			if tt.confirm && !bytes.Contains(file, []byte("\nbidi: [para_1]\n---\n")) {
				t.Errorf("imported file does not confirm para_1:\n%s", file)
			}
			if bytes.HasPrefix(file, []byte("\uFEFF")) {
				t.Error("imported file starts with the byte-order mark")
			}
		})
	}
}
