package snapshot

import (
	"crypto/sha256"
	"errors"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/synth"
)

// memSource is a content file kept in memory, comparable by DeepEqual.
type memSource struct{ name string }

func (m memSource) ReadContent() ([]byte, error) { return nil, errors.New("not read in this test") }

// classifiedTrees is an archive of the hand-built trees (synth.Trees),
// classified by the seed's rules, with their content files as decode sets
// them, and those files by path.
func classifiedTrees(t *testing.T) (*archive.Archive, *classify.Rules, map[string]*content.File) {
	t.Helper()
	rules, err := classify.Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	docs := synth.Trees()
	files := map[string]*content.File{}
	for _, d := range docs {
		src := []byte("---\n" + d.Slug + "\n---\n")
		files[d.File] = &content.File{Name: d.File, Src: src, Digest: sha256.Sum256(src)}
		d.SetContentFile(files[d.File].Digest, memSource{d.File})
	}
	a, err := archive.NewWithParties(docs, rules.Parties())
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err = classify.Classify(a, nil, rules, nil); err != nil {
		t.Fatal(err)
	}
	return a, rules, files
}

// TestTreeRoundTrip: a snapshot of documents in trees (chapters, articles,
// paragraphs, points, bullets, a table, conclusions, an annex, a note, a
// remark) decodes to the same archive, every field of every provision:
// element, label as printed, number, heading, paragraphs, children, line,
// classification, and what Build derives from them (parent, eId, clause
// number, citation, Clauses).
func TestTreeRoundTrip(t *testing.T) { eachChunking(t, testTreeRoundTrip) }

func testTreeRoundTrip(t *testing.T) {
	want, rules, files := classifiedTrees(t)
	buf, err := encode(nil, want, rules)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(string(buf), rules, files, func(name string) archive.ContentSource { return memSource{name} })
	if err != nil {
		t.Fatal(err)
	}
	var classified, provisions int
	for _, wd := range want.Documents() {
		gd, ok := got.Document(wd.Slug)
		if !ok {
			t.Fatalf("no document %s after decoding", wd.Slug)
		}
		var wl, gl []*archive.Provision
		wd.Walk(func(c *archive.Provision) bool { wl = append(wl, c); return true })
		gd.Walk(func(c *archive.Provision) bool { gl = append(gl, c); return true })
		if len(gl) != len(wl) {
			t.Fatalf("%s: %d provisions decoded; %d encoded", wd.Slug, len(gl), len(wl))
		}
		for i, w := range wl {
			g := gl[i]
			provisions++
			if len(w.Commitments)+len(w.Topics)+len(w.Entities) > 0 {
				classified++
			}
			parent := func(c *archive.Provision) string {
				if c.Parent == nil {
					return ""
				}
				return c.Parent.EID()
			}
			if g.EID() != w.EID() || g.Element != w.Element || g.Label != w.Label || g.Num != w.Num || g.Number != w.Number ||
				g.Line != w.Line || g.Cite() != w.Cite() || g.Path() != w.Path() || parent(g) != parent(w) || g.Doc != gd ||
				len(g.Children) != len(w.Children) || g.Text() != w.Text() {
				t.Errorf("%s: provision %d decoded as %s %s %q %q %d line %d %q; encoded %s %s %q %q %d line %d %q",
					wd.Slug, i, g.Element, g.EID(), g.Label, g.Num, g.Number, g.Line, g.Cite(), w.Element, w.EID(), w.Label, w.Num, w.Number, w.Line, w.Cite())
			}
			if (g.Heading == nil) != (w.Heading == nil) || g.Heading != nil && (*g.Heading != *w.Heading && !reflect.DeepEqual(g.Heading, w.Heading)) {
				t.Errorf("%s: %s heading %+v; want %+v", wd.Slug, w.EID(), g.Heading, w.Heading)
			}
			for j, p := range g.Paragraphs {
				if p.Clause != g || p.Doc != gd || p.EID() != w.Paragraphs[j].EID() || p.Index != w.Paragraphs[j].Index || p.Line != w.Paragraphs[j].Line || p.HTML != w.Paragraphs[j].HTML {
					t.Errorf("%s: %s paragraph %d decoded as %+v", wd.Slug, w.EID(), j+1, p)
				}
			}
			if !reflect.DeepEqual(g.Classification, w.Classification) {
				t.Errorf("%s: %s classification %+v; want %+v", wd.Slug, w.EID(), g.Classification, w.Classification)
			}
			for _, m := range g.Commitments {
				if m.Paragraph.Doc != gd || m.Paragraph.Clause != g {
					t.Errorf("%s: %s: commitment %q points to a paragraph of another provision", wd.Slug, w.EID(), m.Phrase())
				}
			}
		}
		var wc, gc []string
		for _, c := range wd.Clauses {
			wc = append(wc, c.EID())
		}
		for _, c := range gd.Clauses {
			gc = append(gc, c.EID())
		}
		if strings.Join(gc, " ") != strings.Join(wc, " ") {
			t.Errorf("%s: clauses %v; want %v", wd.Slug, gc, wc)
		}
	}
	if classified == 0 || provisions < 30 {
		t.Fatalf("%d provisions, %d classified: the test tests too little", provisions, classified)
	}
	// And every field at once, private ones (eIds) included.
	if !reflect.DeepEqual(got, want) {
		t.Error("the decoded archive differs from the encoded one")
	}
	checkPointers(t, got, rules)
}

// TestTreeDecodeRefusesDamage: a snapshot of trees that is cut short,
// names an element that is none, or claims more provisions than it holds
// is refused as malformed, never decoded into a wrong tree or a panic.
func TestTreeDecodeRefusesDamage(t *testing.T) { eachChunking(t, testTreeDecodeRefusesDamage) }

func testTreeDecodeRefusesDamage(t *testing.T) {
	want, rules, files := classifiedTrees(t)
	buf, err := encode(nil, want, rules)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) archive.ContentSource { return memSource{name} }
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"cut short", string(buf[:len(buf)-7])},
		{"an element that is none", strings.Replace(string(buf), "\x0csubparagraph", "\x0csubparagrapX", 1)},
		{"one byte more", string(buf) + "\x00"},
	} {
		if _, err := decode(tc.src, rules, files, read); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: decode = %v; want it refused as malformed", tc.name, err)
		}
	}
	// A letter changed in a text, which decodes as well as the right one,
	// fails its chunk's checksum.
	text := want.Documents()[0].Clauses[0].Paragraphs[0].Text
	changed := strings.Replace(string(buf), text, strings.ToUpper(text[:1])+strings.ToLower(text[1:2])+text[2:], 1)
	if changed == string(buf) {
		changed = strings.Replace(string(buf), text, "#"+text[1:], 1)
	}
	if _, err := decode(changed, rules, files, read); !errors.Is(err, errCorrupt) || !strings.Contains(err.Error(), "checksum mismatch") {
		t.Errorf("a letter changed in %q: decode = %v; want its chunk's checksum to fail", text, err)
	}
	// Every cut decodes to an error, not a panic.
	for n := 0; n < len(buf); n += 97 {
		if _, err := decode(string(buf[:n]), rules, files, read); err == nil {
			t.Errorf("a snapshot cut to %d of %d bytes decoded", n, len(buf))
		}
	}
	// A flipped byte, which the checksum refuses once the decoder is done
	// (decodeFile checks it beside decoding), decodes to something or to
	// an error, never to a panic or a hang.
	for n := 0; n < len(buf); n += 7 {
		b := slices.Clone(buf)
		b[n] ^= 0xa5
		decode(string(b), rules, files, read)
	}
}

// eachChunking runs test on archives written in one chunk, and in a
// chunk a document, which decode on every core at once.
func eachChunking(t *testing.T, test func(t *testing.T)) {
	size := chunkBytes
	t.Cleanup(func() { chunkBytes = size })
	for _, tc := range []struct {
		name  string
		bytes int
	}{{"one chunk", 1 << 30}, {"a chunk a document", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			chunkBytes = tc.bytes
			test(t)
		})
	}
}

// chunks counts the chunks of an encoded archive.
func chunks(t *testing.T, buf []byte) int {
	t.Helper()
	n := 0
	for d := (&decoder{src: string(buf)}); d.pos < len(d.src); n++ {
		d.pos += d.size() + 4 // and its checksum
		if d.err != nil {
			t.Fatal(d.err)
		}
	}
	return n
}

// TestChunks: an archive is written in chunks of about chunkBytes, each
// of whole documents, and decodes the same from any number of them.
func TestChunks(t *testing.T) {
	want, rules, files := classifiedTrees(t)
	size := chunkBytes
	t.Cleanup(func() { chunkBytes = size })
	docs := len(want.Documents())
	for _, tc := range []struct{ bytes, chunks int }{{1 << 30, 1}, {1, docs}, {2000, 0}} {
		chunkBytes = tc.bytes
		buf, err := encode(nil, want, rules)
		if err != nil {
			t.Fatal(err)
		}
		n := chunks(t, buf)
		if tc.chunks != 0 && n != tc.chunks || tc.chunks == 0 && (n < 2 || n >= docs) {
			t.Errorf("chunks of %d bytes: %d chunks of %d documents", tc.bytes, n, docs)
		}
		got, err := decode(string(buf), rules, files, func(name string) archive.ContentSource { return memSource{name} })
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("chunks of %d bytes: the decoded archive differs from the encoded one", tc.bytes)
		}
	}
}

// TestDecodePanicIsAnError: a chunk whose decoding panics, as one the
// checks missed might while its checksum is verified beside it, is
// refused as malformed; the process goes on. No rules at all make it.
func TestDecodePanicIsAnError(t *testing.T) {
	want, rules, files := classifiedTrees(t)
	buf, err := encode(nil, want, rules)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decode(string(buf), nil, files, func(name string) archive.ContentSource { return memSource{name} }); !errors.Is(err, errCorrupt) {
		t.Errorf("decode without rules = %v; want it refused as malformed", err)
	}
}

// TestDecodeZeros: a snapshot whose archive is zeros, as a crash can leave
// a file, is refused at once, without making anything for the chunks its
// bytes might claim (the checksum that refuses it is verified beside the
// decoding).
func TestDecodeZeros(t *testing.T) {
	_, rules, files := classifiedTrees(t)
	read := func(name string) archive.ContentSource { return memSource{name} }
	src := strings.Repeat("\x00", 1<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := decode(src, rules, files, read)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, errCorrupt) {
		t.Errorf("decode of zeros = %v; want it refused as malformed", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 256<<10 {
		t.Errorf("decode of 1 MB of zeros allocated %d bytes", n)
	}
}

// TestReadFilesCountBounded: a files section whose count claims more
// records than its bytes can hold, as a damaged one read before the
// checksum is known may, is refused without being allocated for.
func TestReadFilesCountBounded(t *testing.T) {
	e := &encoder{}
	e.str(version)
	e.int(4000)
	body := string(e.buf) + strings.Repeat("x", 4096)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	files, start := readFiles(body)
	runtime.ReadMemStats(&after)
	if files != nil || start != 0 {
		t.Errorf("readFiles = %d records, start %d; want it refused", len(files), start)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("readFiles of a claimed 4,000 records in 4 KB allocated %d bytes", n)
	}
}
