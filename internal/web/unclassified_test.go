package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestUnclassifiedNotice: a text in a language the vocabulary does not
// read says so on its page, and where its topics come from; one the
// vocabulary reads, in English or Russian, says nothing of the kind.
func TestUnclassifiedNotice(t *testing.T) {
	fsys := fstest.MapFS{}
	names, err := filepath.Glob("../../content/vocabulary/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys["vocabulary/"+filepath.Base(name)] = &fstest.MapFile{Data: b}
	}
	doc := func(lang, text string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: Made-up Statement\nkind: joint-statement\ndate: 2025-01-02\nparties: [KZ, EE]\nlanguage: " +
			lang + "\n---\n1. " + text + "\n")}
	}
	fsys["documents/made-up-en.md"] = doc("en", "The Parties agreed to expand trade.")
	fsys["documents/made-up-et.md"] = doc("et", "Pooled leppisid kokku kaubanduse laiendamises.")
	fsys["documents/made-up-ru.md"] = doc("ru", "Стороны договорились расширять торговлю.")
	s := serverOver(t, fsys, nil)
	const notice = "This text is not classified: no vocabulary for Estonian."
	for slug, want := range map[string]bool{"made-up-et": true, "made-up-en": false, "made-up-ru": false} {
		r := get(t, s.Handler(), http.MethodGet, "/documents/"+slug)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", slug, r.StatusCode)
		}
		page := body(t, r)
		if got := strings.Contains(page, notice); got != want {
			t.Errorf("%s: notice shown %v; want %v", slug, got, want)
		}
		if want && !strings.Contains(page, `lang="en">`+notice) || want && !strings.Contains(page, `<a href="/documents/made-up-en">version</a>`) {
			t.Errorf("%s: the notice is not in English or does not link the version it took its topics from:\n%s", slug, page)
		}
	}
}
