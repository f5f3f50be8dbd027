package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-archive/accord/internal/synth"
)

// TestImportParties: import takes organisations, organs, groups, former
// states and states of limited recognition as parties or issuer, derives
// a short slug however many parties there are, and refuses a text whose
// slug or work IRI is another's, naming both files; check agrees.
func TestImportParties(t *testing.T) {
	dir := t.TempDir()
	copyVocabulary(t, dir)
	src := filepath.Join(t.TempDir(), "text.txt")
	if err := os.WriteFile(src, []byte("June 19, 2008\nA preamble.\n1. A clause.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	imp := func(args ...string) (int, string, string) {
		return runCmd(t, append([]string{"import", "--content", dir, "--title", "A text", src}, args...)...)
	}
	path := func(slug string) string { return filepath.Join(dir, "documents", slug+".md") }

	if code, out, errs := imp("--parties", "EU,KZ", "--issuer", "UNSC", "--kind", "resolution"); code != 0 || !strings.Contains(out, path("2008-06-19-unsc-eu-kazakhstan")) {
		t.Fatalf("import --parties EU,KZ --issuer UNSC = %d, %q, %q", code, out, errs)
	}
	b, _ := os.ReadFile(path("2008-06-19-unsc-eu-kazakhstan"))
	if !strings.Contains(string(b), "parties: [EU, KZ]\nissuer: UNSC\n") {
		t.Errorf("front matter:\n%s", b)
	}
	if code, out, errs := imp("--issuer", "UNSC", "--number", "1820", "--kind", "resolution"); code != 0 || !strings.Contains(out, path("2008-06-19-unsc-1820")) {
		t.Errorf("import --issuer UNSC --number 1820 = %d, %q, %q", code, out, errs)
	}
	// By name, as texts write them; a former state only while it existed.
	if code, _, errs := imp("--parties", "the Soviet Union,the U.S.", "--kind", "declaration"); code != 1 || !strings.Contains(errs, "Union of Soviet Socialist Republics did not exist on 2008-06-19") {
		t.Errorf("import of a former state after its end = %d, %q", code, errs)
	}
	old := filepath.Join(t.TempDir(), "1975.txt")
	if err := os.WriteFile(old, []byte("1 August 1975\nA preamble.\n1. A clause.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd(t, "import", "--content", dir, "--title", "Final Act", old, "--parties", "the Soviet Union,the U.S.,GDR", "--kind", "declaration"); code != 0 || !strings.Contains(out, path("1975-08-01-union-of-soviet-socialist-republics-united-states-german-democratic")) {
		t.Errorf("import of former states = %d, %q, %q", code, out, errs)
	}
	if code, out, errs := imp("--parties", "XK,RS", "--kind", "agreement"); code != 0 || !strings.Contains(out, path("2008-06-19-kosovo-serbia")) {
		t.Errorf("import with Kosovo = %d, %q, %q", code, out, errs)
	}
	forty := strings.Join(synth.FortyParties, ",")
	code, out, errs := imp("--parties", forty, "--title", "Washington Summit Declaration", "--kind", "declaration")
	if code != 0 || !strings.Contains(out, path("2008-06-19-albania-washington-summit")) {
		t.Errorf("import of forty parties = %d, %q, %q", code, out, errs)
	}

	// The same date and parties again: the slug, then the work IRI.
	code, _, errs = imp("--parties", "XK,RS", "--kind", "agreement")
	if code != 1 || !strings.Contains(errs, src+`: slug "2008-06-19-kosovo-serbia" already exists as `+path("2008-06-19-kosovo-serbia")) {
		t.Errorf("a second Kosovo–Serbia agreement = %d, %q; want both files named", code, errs)
	}
	code, _, errs = imp("--parties", "XK,RS", "--kind", "agreement", "--slug", "2008-06-19-kosovo-serbia-energy")
	if code != 1 || !strings.Contains(errs, src+": work IRI /akn/xk-rs/statement/agreement/2008-06-19 (en) is already that of "+path("2008-06-19-kosovo-serbia")) {
		t.Errorf("another slug, the same work = %d, %q; want both files named", code, errs)
	}
	if code, out, errs := imp("--parties", "XK,RS", "--kind", "agreement", "--number", "2"); code != 0 || !strings.Contains(out, path("2008-06-19-kosovo-serbia-2")) {
		t.Errorf("told apart by a number = %d, %q, %q", code, out, errs)
	}
	if code, _, errs := imp("--parties", "EU,QQ"); code != 1 || !strings.Contains(errs, `unknown party "QQ"`) {
		t.Errorf("an unknown party = %d, %q", code, errs)
	}
	if code, out, errs := runCmd(t, "check", "--content", dir); code != 0 || !strings.HasPrefix(out, "6 documents") {
		t.Errorf("check of the imported tree = %d, %q, %q", code, out, errs)
	}

	// check refuses what import would have: two files of one work.
	b, _ = os.ReadFile(path("2008-06-19-kosovo-serbia"))
	if err := os.WriteFile(path("2008-06-19-kosovo-serbia-copy"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd(t, "check", "--content", dir)
	want := path("2008-06-19-kosovo-serbia") + ":1: work IRI /akn/xk-rs/statement/agreement/2008-06-19 (en) is also that of documents/2008-06-19-kosovo-serbia-copy.md"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("check of two files of one work = %d, %q; want %q", code, errs, want)
	}
}

// TestCheckPartiesFile: check reports the party vocabulary's problems as
// file:line.
func TestCheckPartiesFile(t *testing.T) {
	dir := t.TempDir()
	copyVocabulary(t, dir)
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := "---\ntitle: T\nkind: statement\ndate: 2025-01-01\nparties: [KZ]\n---\nText.\n"
	yml := "parties:\n  - {code: KZ, name: Kazakhstan, kind: state}\n  - {code: KZ, name: Again, kind: state}\n  - {code: CA5, name: Central Asia, kind: group, members: [KZ, QQ]}\n  - {code: UZ, name: Uzbekistan, kind: country}\n"
	for name, data := range map[string]string{"documents/x.md": doc, "vocabulary/parties.yaml": yml} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := runCmd(t, "check", "--content", dir)
	f := filepath.Join(dir, "vocabulary", "parties.yaml")
	for _, w := range []string{
		f + ":3: duplicate code KZ: already defined on line 2",
		f + ":4: unknown member QQ",
		f + `:5: bad kind "country"`,
	} {
		if code != 1 || !strings.Contains(errs, w) {
			t.Errorf("check = %d, %q; want %q", code, errs, w)
		}
	}
	if n := strings.Count(errs, "duplicate code KZ"); n != 1 {
		t.Errorf("the duplicate is reported %d times", n)
	}
}

// TestCheckSiteFile: check reports the site file's problems as file:line,
// and names the licence of a good one.
func TestCheckSiteFile(t *testing.T) {
	dir := t.TempDir()
	copyVocabulary(t, dir)
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := "---\ntitle: T\nkind: statement\ndate: 2025-01-01\nparties: [KZ]\n---\nText.\n"
	site := filepath.Join(dir, "site.yaml")
	for name, data := range map[string]string{"documents/x.md": doc, "site.yaml": "licence:\n  name: CC BY\n  id: CC BY 4.0\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := runCmd(t, "check", "--content", dir)
	if want := site + `:3: licence id "CC BY 4.0" is not an SPDX identifier`; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("check = %d, %q; want %q", code, errs, want)
	}
	if err := os.WriteFile(site, []byte("licence:\n  name: CC BY\n  id: CC-BY-4.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd(t, "check", "--content", dir); code != 0 || !strings.Contains(out, "licence of the data: CC BY") {
		t.Errorf("check = %d, %q, %q", code, out, errs)
	}
}
