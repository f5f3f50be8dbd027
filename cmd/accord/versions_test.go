package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportVersion imports a Russian version of a document, which check
// groups with it; a second Russian version, and a version of nothing, are
// refused before anything is written.
func TestImportVersion(t *testing.T) {
	dir := t.TempDir()
	copyVocabulary(t, dir)
	const orig = "2024-05-14-estonia-kazakhstan"
	src, err := os.ReadFile("../../testdata/versions/documents/" + orig + ".md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", orig+".md"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "ru.txt")
	text := "14 мая 2024 года\n1. Министры подтвердили свою приверженность углублению сотрудничества.\n2. Стороны договорились создать совместную рабочую группу.\n3. Министры приветствовали открытие авиасообщения.\n4. Стороны будут обмениваться опытом.\n5. Министры подчеркнули важность образования.\n6. Следующая встреча министров состоится в Астане.\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", in, "--content", dir, "--title", "Совместное заявление", "--parties", "EE,KZ", "--language", "ru", "--version-of", orig}
	code, stdout, stderr := runCmd(t, args...)
	if code != 0 || !strings.Contains(stdout, filepath.Join(dir, "documents", orig+"-ru.md")) {
		t.Fatalf("import --version-of = %d, %q, %q; want %s-ru.md written", code, stdout, stderr, orig)
	}
	// The original has a preamble the version lacks: check warns, and passes.
	code, stdout, stderr = runCmd(t, "check", "--content", dir)
	if code != 0 || !strings.HasPrefix(stdout, "2 documents") || !strings.Contains(stderr, orig+"-ru.md:7: warning: the provisions of this version do not align with documents/"+orig+".md by eId (only in "+orig+": preamble__p_1)") {
		t.Errorf("check = %d, %q, %q; want 2 documents and a warning naming preamble__p_1", code, stdout, stderr)
	}
	code, _, stderr = runCmd(t, append(args, "--slug", "another-ru")...)
	if code != 1 || !strings.Contains(stderr, `is already the "ru" version of `+orig) {
		t.Errorf("a second Russian version = %d, %q; want exit 1, one version per language", code, stderr)
	}
	code, _, stderr = runCmd(t, "import", in, "--content", dir, "--title", "T", "--parties", "EE,KZ", "--language", "et", "--version-of", "2024-05-14-nowhere")
	if code != 1 || !strings.Contains(stderr, `--version-of "2024-05-14-nowhere" names no document`) {
		t.Errorf("a version of nothing = %d, %q; want exit 1 naming it", code, stderr)
	}
}
