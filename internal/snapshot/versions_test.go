package snapshot

import (
	"crypto/sha256"
	"os"
	"reflect"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
)

// TestVersionsRoundTrip: what a document says of its language versions
// (version-of, authentic, prevails) survives a snapshot, and the decoded
// archive groups the versions again.
func TestVersionsRoundTrip(t *testing.T) { eachChunking(t, testVersionsRoundTrip) }

func testVersionsRoundTrip(t *testing.T) {
	rules, err := classify.Load(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := content.Load(os.DirFS("../../testdata/versions"))
	if err != nil {
		t.Fatal(err)
	}
	docs := loaded.Documents()
	files := map[string]*content.File{}
	for _, d := range docs {
		src := []byte("---\n" + d.Slug + "\n---\n")
		files[d.File] = &content.File{Name: d.File, Src: src, Digest: sha256.Sum256(src)}
		d.SetContentFile(files[d.File].Digest, memSource{d.File})
	}
	want, err := archive.NewWithParties(docs, rules.Parties())
	if err != nil {
		t.Fatal(err)
	}
	if want, _, err = classify.Classify(want, nil, rules, nil); err != nil {
		t.Fatal(err)
	}
	buf, err := encode(nil, want, rules)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(string(buf), rules, files, func(name string) archive.ContentSource { return memSource{name} })
	if err != nil {
		t.Fatal(err)
	}
	fr, _ := got.Document("2023-09-21-estonia-france-fr")
	if fr.VersionOf != "2023-09-21-estonia-france" || !reflect.DeepEqual(fr.WorkAuthentic(), []string{"en", "fr"}) || fr.WorkPrevails() != "en" || len(fr.Versions()) != 2 {
		t.Errorf("decoded: version of %q, authentic %v, prevails %q, %d versions", fr.VersionOf, fr.WorkAuthentic(), fr.WorkPrevails(), len(fr.Versions()))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the decoded archive differs from the encoded one")
	}
}
