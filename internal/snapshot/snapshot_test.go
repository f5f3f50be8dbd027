package snapshot

import (
	"bytes"
	"errors"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/synth"
)

const seedFile = "documents/2025-11-17-kazakhstan-estonia.md"

// tree returns the repository's content tree with files added or replaced.
func tree(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"documents", classify.VocabularyDir} {
		entries, err := os.ReadDir(filepath.Join("../../content", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join("../../content", dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			fsys[dir+"/"+e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// seedWith is the seed document with yml added to its front matter.
func seedWith(t *testing.T, yml string) string {
	t.Helper()
	src, err := os.ReadFile("../../content/" + seedFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(src), "language: en\n", "language: en\n"+yml, 1)
}

// synthTree is a generated archive of docs documents with the seed's
// vocabulary.
func synthTree(t *testing.T, docs, clauses int) fstest.MapFS {
	t.Helper()
	fsys := tree(t, nil)
	delete(fsys, seedFile)
	maps.Copy(fsys, synth.Files(synth.Generate(11, docs, clauses)))
	return fsys
}

// treeFixtures is the seed with the content loader's documents in trees
// (internal/content/testdata/tree): chapters, articles, annexes,
// conclusions, notes, remarks, tables.
func treeFixtures(t *testing.T) fstest.MapFS {
	t.Helper()
	files, err := filepath.Glob("../content/testdata/tree/*.md")
	if err != nil || len(files) < 5 {
		t.Fatalf("the loader's fixtures: %v, %v", files, err)
	}
	add := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "/misprint.md") {
			continue // refused by the loader
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		add["documents/"+filepath.Base(f)] = string(b)
	}
	return tree(t, add)
}

// logTo returns a logger writing to buf, and buf.
func logTo() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, nil)), &buf
}

// TestDecodedIsParsed: an archive decoded from its snapshot is deep-equal
// to the one parsed and classified from the content, pointers between
// documents, clauses and paragraphs included, and points into the rules
// it is returned with.
func TestDecodedIsParsed(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{
		{"seed", tree(t, nil)},
		{"seed with an editor's classification", tree(t, map[string]string{seedFile: seedWith(t, `classification:
  para_2:
    commitments:
      - {type: agreement, phrase: agreed to expand}
      - {type: support, phrase: welcomed, actor: EE}
    topics: [trade]
  preamble__p_1:
    entities: []
  3:
    entities: [united-nations]
`)})},
		{"synthetic", synthTree(t, 300, 12)},
		{"parties of every kind", func() fstest.MapFS { f := tree(t, nil); maps.Copy(f, synth.World()); return f }()},
		{"documents in trees", treeFixtures(t)},
		{"versions in a language with no vocabulary", tree(t, map[string]string{
			"documents/version-en.md": "---\ntitle: Version\nkind: joint-statement\ndate: 2025-01-02\nparties: [KZ, EE]\nlanguage: en\n---\n1. The Parties agreed to expand trade.\n",
			"documents/version-et.md": "---\ntitle: Versioon\nkind: joint-statement\ndate: 2025-01-02\nparties: [KZ, EE]\nlanguage: et\n---\n1. Pooled leppisid kokku.\n",
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, _, err := classify.LoadArchive(tc.fsys)
			if err != nil {
				t.Fatal(err)
			}
			s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
			parsed, _, decoded, err := s.load(tc.fsys)
			if err != nil || decoded {
				t.Fatalf("first load: decoded %v, err %v; want parsed", decoded, err)
			}
			got, rules, decoded, err := s.load(tc.fsys)
			if err != nil || !decoded {
				t.Fatalf("second load: decoded %v, err %v; want decoded", decoded, err)
			}
			// Read back from the file, the pages taken out of memory.
			if err := ReleasePages(got); err != nil {
				t.Fatal(err)
			}
			if !sameArchive(got, parsed) || !sameArchive(got, want) {
				t.Fatal("the decoded archive differs from the parsed one")
			}
			checkPointers(t, got, rules)
		})
	}
}

// sameArchive reports whether a, perhaps decoded from a snapshot, is
// deep-equal to want, perhaps parsed: but for what a decoded archive's
// documents hold and a parsed one's do not, the mapped file, which must be
// the same for every document.
func sameArchive(a, want *archive.Archive) bool {
	docs := a.Documents()
	if len(docs) == 0 {
		return reflect.DeepEqual(a, want)
	}
	b := docs[0].Backing()
	defer runtime.KeepAlive(b) // a's strings may be slices of it
	for _, d := range docs {
		if d.Backing() != b {
			return false
		}
	}
	for _, d := range docs {
		d.SetBacking(nil)
	}
	defer func() {
		for _, d := range docs {
			d.SetBacking(b)
		}
	}()
	return reflect.DeepEqual(a, want)
}

// checkPointers checks what DeepEqual does not: that each pointer is to
// the very value it should be.
func checkPointers(t *testing.T, a *archive.Archive, rules *classify.Rules) {
	t.Helper()
	types := map[*archive.CommitmentType]bool{}
	for _, x := range rules.Types() {
		types[x] = true
	}
	topics := map[*archive.Topic]bool{}
	for _, x := range rules.Topics() {
		topics[x] = true
	}
	entities := map[*archive.Entity]bool{}
	for _, x := range rules.Entities() {
		entities[x] = true
	}
	var units, classified int
	for _, d := range a.Documents() {
		if got, ok := a.Document(d.Slug); !ok || got != d {
			t.Fatalf("Document(%s) is not the listed document", d.Slug)
		}
		paras := map[*archive.Paragraph]bool{}
		for _, p := range d.Paragraphs() {
			paras[p] = true
		}
		unit := func(where string, cl *archive.Classification) {
			units++
			if len(cl.Commitments)+len(cl.Topics)+len(cl.Entities) > 0 {
				classified++
			}
			for _, c := range cl.Commitments {
				if !types[c.Type] || !paras[c.Paragraph] || c.Phrase() == "" {
					t.Fatalf("%s: commitment %q points outside the rules or the document", where, c.Phrase())
				}
			}
			for _, x := range cl.Topics {
				if !topics[x] {
					t.Fatalf("%s: topic %s is not the rules'", where, x.Slug)
				}
			}
			for _, x := range cl.Entities {
				if !entities[x] {
					t.Fatalf("%s: entity %s is not the rules'", where, x.Slug)
				}
			}
			if o := cl.Override; o != nil {
				for _, c := range o.Commitments {
					if !paras[c.Paragraph] {
						t.Fatalf("%s: override %q points outside the document", where, c.Phrase)
					}
				}
			}
		}
		for _, p := range d.Preamble {
			if p.Doc != d || p.Clause != nil {
				t.Fatalf("%s %s: wrong document or clause", d.Slug, p.EID())
			}
			unit(d.Slug+" "+p.EID(), p.Classification)
		}
		for i, c := range d.Clauses {
			if c.Doc != d || d.Clauses[i] != c {
				t.Fatalf("%s clause %d: wrong document", d.Slug, c.Number)
			}
			for _, p := range c.Paragraphs {
				if p.Doc != d || p.Clause != c {
					t.Fatalf("%s %s: wrong document or clause", d.Slug, p.EID())
				}
			}
			unit(d.Slug+" "+c.EID(), &c.Classification)
		}
	}
	if classified == 0 {
		t.Fatalf("none of %d units is classified: the test tests nothing", units)
	}
}

// TestNotUsed: a snapshot of other content, from another program, or
// damaged is not used; the content is parsed instead, one line says why,
// and a damaged or stale snapshot is replaced.
func TestNotUsed(t *testing.T) {
	edited := func(fsys fstest.MapFS) fstest.MapFS {
		fsys[seedFile] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[seedFile].Data), "Astana", "Tallinn", 1))}
		return fsys
	}
	for _, tc := range []struct {
		name    string
		change  func(fsys fstest.MapFS, s *Store) fstest.MapFS
		logged  string // "" for nothing logged
		rewrite bool
	}{
		{"edited document", func(fsys fstest.MapFS, s *Store) fstest.MapFS { return edited(fsys) }, "has changed since", true},
		{"added document", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			src := strings.Replace(string(fsys[seedFile].Data), "date: 2025-11-17", "date: 2025-11-18", 1)
			fsys["documents/2025-11-18-copy.md"] = &fstest.MapFile{Data: []byte(src)}
			return fsys
		}, "has changed since", true},
		{"renamed document", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			fsys["documents/2025-11-17-renamed.md"] = fsys[seedFile]
			delete(fsys, seedFile)
			return fsys
		}, "has changed since", true},
		{"edited vocabulary", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			name := classify.VocabularyDir + "/topics.yaml"
			fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(fsys[name].Data), "\n# edited\n"...)}
			return fsys
		}, "has changed since", true},
		{"another program", func(fsys fstest.MapFS, s *Store) fstest.MapFS { s.Program = "other"; return fsys }, "has changed since", true},
		{"flipped byte", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { b[len(b)/2] ^= 1; return b })
			return fsys
		}, "checksum mismatch", true},
		{"cut short", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { return b[:len(b)-10] })
			return fsys
		}, "checksum mismatch", true},
		{"empty file", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { return nil })
			return fsys
		}, "not a snapshot", true},
		{"first byte flipped", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { b[0] ^= 0x20; return b })
			return fsys
		}, "not a snapshot", true},
		{"checksum flipped", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { b[headerLen-1] ^= 1; return b })
			return fsys
		}, "checksum mismatch", true},
		{"last byte flipped", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { b[len(b)-1] ^= 0x80; return b })
			return fsys
		}, "checksum mismatch", true},
		{"cut to its header", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { return b[:headerLen] })
			return fsys
		}, "checksum mismatch", true},
		{"grown", func(fsys fstest.MapFS, s *Store) fstest.MapFS {
			damage(t, s.Path, func(b []byte) []byte { return append(b, 0) })
			return fsys
		}, "checksum mismatch", true},
		{"unchanged", func(fsys fstest.MapFS, s *Store) fstest.MapFS { return fsys }, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := tree(t, nil)
			s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
			if _, _, err := s.Load(fsys); err != nil {
				t.Fatal(err)
			}
			fsys = tc.change(fsys, s)
			log, buf := logTo()
			s.Logger = log
			before, _ := os.ReadFile(s.Path)
			got, _, decoded, err := s.load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if decoded == (tc.logged != "") {
				t.Errorf("decoded = %v; want %v", decoded, tc.logged == "")
			}
			lines := strings.Count(buf.String(), "\n")
			if tc.logged == "" && lines != 0 || tc.logged != "" && (lines != 1 || !strings.Contains(buf.String(), tc.logged)) {
				t.Errorf("log = %q; want one line saying %q", buf.String(), tc.logged)
			}
			want, _, err := classify.LoadArchive(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if !sameArchive(got, want) {
				t.Error("the archive differs from the content's")
			}
			after, _ := os.ReadFile(s.Path)
			if rewritten := !bytes.Equal(before, after); rewritten != tc.rewrite {
				t.Errorf("snapshot rewritten = %v; want %v", rewritten, tc.rewrite)
			}
			if _, _, decoded, _ := s.load(fsys); !decoded {
				t.Error("the next load did not use the snapshot")
			}
		})
	}
}

func damage(t *testing.T, path string, f func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, f(b), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestProblemsAsParsed: content with problems reports them exactly as
// classify.LoadArchive does, file:line, and writes no snapshot.
func TestProblemsAsParsed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
	}{
		{"bad clause number", map[string]string{seedFile: strings.Replace(seedWith(t, ""), "\n3. ", "\n4. ", 1)}},
		{"unknown topic in an override", map[string]string{seedFile: seedWith(t, "classification:\n  2: {topics: [nope]}\n")}},
		{"bad file name", map[string]string{"documents/Bad Name.md": "x"}},
		{"not a document", map[string]string{"documents/notes.txt": "x"}},
		{"bad vocabulary", map[string]string{classify.VocabularyDir + "/topics.yaml": "- [\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := tree(t, tc.files)
			_, _, want := classify.LoadArchive(fsys)
			if want == nil {
				t.Fatal("the content has no problem: the test tests nothing")
			}
			s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
			_, _, err := s.Load(fsys)
			if err == nil || err.Error() != want.Error() {
				t.Errorf("Load = %v; want %v", err, want)
			}
			if _, err := os.Stat(s.Path); err == nil {
				t.Error("a snapshot was written for content with problems")
			}
		})
	}
}

// TestSpansChecked: a snapshot whose commitment offsets are not in their
// paragraph's text, or whose editor's commitment's offsets do not find its
// phrase, is refused, not served: pages slice the text by them.
func TestSpansChecked(t *testing.T) {
	p := &archive.Paragraph{Text: "The Parties agreed to cooperate."}
	doc := &archive.Document{File: "documents/x.md", Clauses: []*archive.Clause{{Number: 1, Paragraphs: []*archive.Paragraph{p}}}}
	for _, tt := range []struct {
		para       *archive.Paragraph
		start, end int32
		ok         bool
	}{
		{p, 12, 18, true},
		{p, 18, 12, false},
		{p, -1, 5, false},
		{p, 12, 99, false},
		{nil, 0, 0, false},
	} {
		doc.Clauses[0].Commitments = []archive.Commitment{{Paragraph: tt.para, Start: tt.start, End: tt.end}}
		err := checkSpans(doc)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, errCorrupt)) {
			t.Errorf("checkSpans with a commitment at %d-%d = %v; want ok %v", tt.start, tt.end, err, tt.ok)
		}
	}
	doc.Clauses[0].Commitments = nil
	for _, tt := range []struct {
		phrase string
		ok     bool
	}{{"agreed", true}, {"agreeD", false}} {
		doc.Clauses[0].Override = &archive.Override{Commitments: []archive.OverrideCommitment{{Phrase: tt.phrase, Paragraph: p, Start: 12, End: 18}}}
		if err := checkSpans(doc); (err == nil) != tt.ok {
			t.Errorf("checkSpans with an editor's commitment %q at 12-18 = %v; want ok %v", tt.phrase, err, tt.ok)
		}
	}
}

// TestMissingOrNotAFile: a snapshot deleted is made again without a word;
// a directory in its place is read as no snapshot, and the content parsed.
func TestMissingOrNotAFile(t *testing.T) {
	fsys := tree(t, nil)
	want, _, err := classify.LoadArchive(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{Path: filepath.Join(t.TempDir(), "archive"), Program: "test"}
	if _, _, err := s.Load(fsys); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(s.Path); err != nil {
		t.Fatal(err)
	}
	log, buf := logTo()
	s.Logger = log
	got, _, decoded, err := s.load(fsys)
	if err != nil || decoded || !reflect.DeepEqual(got, want) || buf.Len() != 0 {
		t.Errorf("deleted snapshot: decoded %v, err %v, log %q; want the content parsed, quietly", decoded, err, buf.String())
	}
	if _, _, decoded, _ := s.load(fsys); !decoded {
		t.Error("the deleted snapshot was not written again")
	}

	if err := os.Remove(s.Path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(s.Path, 0o755); err != nil {
		t.Fatal(err)
	}
	got, _, decoded, err = s.load(fsys)
	if err != nil || decoded || !reflect.DeepEqual(got, want) {
		t.Errorf("a directory for a snapshot: decoded %v, err %v; want the content parsed", decoded, err)
	}
}

// TestStaleTempsRemoved: the temporary files of a write a killed process
// left are removed by the next write; files that only look like them stay.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Path: filepath.Join(dir, "index.archive"), Program: "test"}
	for _, name := range []string{"index.archive.tmp-123", "index.archive.tmp-4567", "index.archive.tmp-x", "other.archive.tmp-1", "index.archive.tmp-"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Load(tree(t, nil)); err != nil {
		t.Fatal(err)
	}
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := "index.archive index.archive.tmp- index.archive.tmp-x other.archive.tmp-1"
	if strings.Join(got, " ") != want {
		t.Errorf("beside the snapshot: %v; want %s", got, want)
	}
}
