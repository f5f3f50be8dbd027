package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/testenv"
)

// runCmd runs the command in process, bounded by cmdTimeout: past it the
// command's context ends, and one that does not return then fails the test.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cmdTimeout)
	defer cancel()
	var out, errb testenv.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, &out, &errb) }()
	select {
	case code = <-done:
	case <-time.After(cmdTimeout + 15*time.Second):
		t.Fatalf("accord %q did not return within %v; stderr so far:\n%s", args, cmdTimeout, errb.String())
	}
	if ctx.Err() != nil {
		t.Fatalf("accord %q ran past its %v deadline (exit %d); stderr:\n%s", args, cmdTimeout, code, errb.String())
	}
	return code, out.String(), errb.String()
}

// cmdTimeout bounds one command a test runs in process.
const cmdTimeout = 2 * time.Minute

// testClient bounds each request a test makes of a server it started.
var testClient = &http.Client{Timeout: 30 * time.Second}

// copyVocabulary gives a test's content tree the repository's vocabulary.
func copyVocabulary(t *testing.T, dir string) {
	t.Helper()
	if err := os.CopyFS(filepath.Join(dir, "vocabulary"), os.DirFS("../../content/vocabulary")); err != nil {
		t.Fatal(err)
	}
}

func TestCheck(t *testing.T) {
	broken := t.TempDir()
	copyVocabulary(t, broken)
	if err := os.MkdirAll(filepath.Join(broken, "documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := "---\ntitle: T\nkind: joint-statement\ndate: 2025-13-01\nparties: [KZ]\n---\n1. One.\n\n3. Three.\n"
	if err := os.WriteFile(filepath.Join(broken, "documents", "bad.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr []string
	}{
		{"embedded content", []string{"check"}, 0, "1 document, 9 clauses, 5 preamble paragraphs\n", nil},
		{"content on disk", []string{"check", "--content", "../../content"}, 0, "1 document, 9 clauses, 5 preamble paragraphs\n", nil},
		{"content without a vocabulary", []string{"check", "--content", filepath.Join(broken, "documents")}, 1, "", []string{"no vocabulary"}},
		{"broken content", []string{"check", "--content", broken}, 1, "", []string{
			"2 problems",
			filepath.Join(broken, "documents", "bad.md") + `:4: bad date "2025-13-01"`,
			filepath.Join(broken, "documents", "bad.md") + ":9: numbering skips from '1.' on line 7 to '3.'",
		}},
		{"missing directory", []string{"check", "--content", filepath.Join(broken, "nope")}, 1, "", []string{"content directory"}},
		{"unknown flag", []string{"check", "--nope"}, 2, "", []string{"flag provided but not defined"}},
		{"unknown command", []string{"frobnicate"}, 2, "", []string{`unknown command "frobnicate"`, "usage:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("run(%q) exit = %d; want %d (stderr %q)", tt.args, code, tt.wantCode, stderr)
			}
			if first, rest, _ := strings.Cut(stdout, "\n"); first+"\n" != tt.wantStdout && stdout != tt.wantStdout {
				t.Errorf("run(%q) stdout = %q; want %q first", tt.args, stdout, tt.wantStdout)
			} else if tt.wantStdout != "" && !strings.Contains(rest, "commitments in 9 clauses") {
				t.Errorf("run(%q) stdout = %q; want the commitments counted", tt.args, stdout)
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("run(%q) stderr = %q; want it to contain %q", tt.args, stderr, w)
				}
			}
		})
	}
}

func TestImportCommand(t *testing.T) {
	seed := "../../testdata/kazakhstan-estonia-joint-statement-2025-11-17.txt"
	want, err := os.ReadFile("../../content/documents/2025-11-17-kazakhstan-estonia.md")
	if err != nil {
		t.Fatal(err)
	}
	// Flags may follow the file, as editors write them.
	title := "Joint Statement of the Presidents of the Republic of Kazakhstan and the Republic of Estonia"
	code, stdout, stderr := runCmd(t, "import", seed, "--title", title, "--parties", "KZ,EE", "--place", "Astana", "--kind", "joint-statement", "--source", seedSource, "--retrieved", "2026-11-24", "--out", "-")
	if code != 0 || stdout != string(want) {
		t.Fatalf("import --out - = %d, %q (stderr %q); want the seed's content file", code, stdout, stderr)
	}

	dir := t.TempDir()
	copyVocabulary(t, dir)
	args := []string{"import", "--content", dir, "--title", title, "--parties", "KZ,EE", "--place", "Astana", seed}
	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("import into %s = %d: %s", dir, code, stderr)
	}
	if code, stdout, stderr := runCmd(t, "check", "--content", dir); code != 0 || !strings.HasPrefix(stdout, "1 document, 9 clauses") {
		t.Errorf("check of the imported tree = %d, %q, %q", code, stdout, stderr)
	}
	if code, _, stderr := runCmd(t, args...); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second import = %d, %q; want exit 1, 'already exists'", code, stderr)
	}
	if code, _, stderr := runCmd(t, "import", seed, "--title", title, "--out", "-"); code != 2 || !strings.Contains(stderr, "missing parties") {
		t.Errorf("import without parties = %d, %q; want exit 2, 'missing parties'", code, stderr)
	}
}

func TestEnvironmentFlags(t *testing.T) {
	t.Setenv("ACCORD_CONTENT", "../../content")
	if code, stdout, stderr := runCmd(t, "check"); code != 0 || !strings.HasPrefix(stdout, "1 document") {
		t.Errorf("check with ACCORD_CONTENT = %d, %q, %q", code, stdout, stderr)
	}
	t.Setenv("ACCORD_CONTENT", "/nonexistent-accord-content")
	if code, _, stderr := runCmd(t, "check"); code != 1 || !strings.Contains(stderr, "content directory") {
		t.Errorf("check with a bad ACCORD_CONTENT = %d, %q; want exit 1", code, stderr)
	}
}

// startServe runs `accord serve` on a free port with the given extra
// arguments and returns its base URL; the server stops with the test, as on
// SIGTERM, and must exit cleanly.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	base, _ := startServeLogged(t, args...)
	return base
}

// TestServe starts the real server and fetches its pages.
func TestServe(t *testing.T) {
	base := startServe(t)
	client := &http.Client{Timeout: 5 * time.Second}
	for _, tt := range []struct {
		path string
		want int
		body string
	}{
		{"/healthz", 200, "ok"},
		{"/", 200, "Kazakhstan"},
		{"/documents/2025-11-17-kazakhstan-estonia", 200, `id="para_3"`},
		{"/documents/2025-11-17-kazakhstan-estonia/clauses/3", 200, "Trans-Caspian"},
		{"/documents/2025-11-17-kazakhstan-estonia/clauses/10", 404, ""},
		{"/search?q=Ukraine", 200, "Ukraine"},
	} {
		resp, err := client.Get(base + tt.path)
		if err != nil {
			t.Fatalf("GET %s: %v", tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want || !strings.Contains(string(body), tt.body) {
			t.Errorf("GET %s = %d (%d bytes); want %d containing %q", tt.path, resp.StatusCode, len(body), tt.want, tt.body)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"serve", "check", "import", "export"} {
		code, stdout, stderr := runCmd(t, cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "Usage of "+cmd) || stdout != "" {
			t.Errorf("accord %s -h = %d, stdout %q, stderr %q; want 0 and the flags on stderr", cmd, code, stdout, stderr)
		}
	}
}

// TestUsageNamesEveryFlag holds the usage text to the flags each command
// defines, as its -h lists them.
func TestUsageNamesEveryFlag(t *testing.T) {
	flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	for _, cmd := range []string{"serve", "check", "import", "export"} {
		code, _, stderr := runCmd(t, cmd, "-h")
		if code != 0 {
			t.Fatalf("accord %s -h: exit %d", cmd, code)
		}
		var line string
		for l := range strings.Lines(usage) {
			if strings.HasPrefix(l, "  accord "+cmd+" ") {
				line = l
			} else if line != "" && strings.HasPrefix(l, "     ") {
				line += l // the command's continuation lines
			} else if line != "" {
				break
			}
		}
		flags := flagLine.FindAllStringSubmatch(stderr, -1)
		if len(flags) == 0 {
			t.Fatalf("accord %s -h lists no flags:\n%s", cmd, stderr)
		}
		for _, m := range flags {
			if !strings.Contains(line, "--"+m[1]+" ") && !strings.Contains(line, "--"+m[1]+"]") {
				t.Errorf("the usage of %s lacks --%s:\n%s", cmd, m[1], line)
			}
		}
	}
}

// TestImportDateline: import says on stderr which day of a range it took,
// fills the place from the dateline, and takes --date for a text that
// starts with its title.
func TestImportDateline(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "summit.txt")
	if err := os.WriteFile(in, []byte("Bali, Indonesia, 15-16 November 2022\n1. One.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "import", in, "--title", "Declaration", "--issuer", "G20", "--kind", "declaration", "--out", "-")
	if code != 0 || !strings.Contains(stdout, "date: 2022-11-16\nplace: Bali, Indonesia\n") ||
		!strings.Contains(stderr, in+":1: a range of days: dated 2022-11-16, its last day") {
		t.Errorf("import of a range = %d, %q, %q; want dated its last day, placed, and said so", code, stdout, stderr)
	}

	titled := filepath.Join(dir, "titled.txt")
	if err := os.WriteFile(titled, []byte("Joint Statement\n1. One.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", titled, "--title", "T", "--parties", "KZ,EE", "--out", "-"}
	if code, _, stderr := runCmd(t, args...); code != 1 || !strings.Contains(stderr, titled+":1: the first line is not a date") || !strings.Contains(stderr, "--date YYYY-MM-DD") {
		t.Errorf("import without a date = %d, %q; want exit 1 asking for --date", code, stderr)
	}
	code, stdout, stderr = runCmd(t, append(args, "--date", "2025-11-17")...)
	if code != 0 || !strings.Contains(stdout, "date: 2025-11-17\n") || !strings.Contains(stdout, "---\nJoint Statement\n") {
		t.Errorf("import --date = %d, %q, %q; want dated and the title line kept", code, stdout, stderr)
	}
}

// TestImportNotes: import tells on standard error, by the input's line,
// what it placed by guesswork.
func TestImportNotes(t *testing.T) {
	in := filepath.Join(t.TempDir(), "joined.txt")
	if err := os.WriteFile(in, []byte("17 November 2025\nThe Presidents met.\n1.\nThe Parties agreed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "import", in, "--title", "T", "--parties", "KZ,EE", "--out", "-")
	if code != 0 || !strings.Contains(stdout, "\n1. The Parties agreed.\n") ||
		!strings.Contains(stderr, in+`:3: label "1." alone on its line: joined with the text on line 4`) {
		t.Errorf("import = %d, %q, %q; want the label joined with its text, and said so", code, stdout, stderr)
	}
}

// TestImportTexts: each made-up text of testdata/texts imports into a
// content tree that check accepts, every text beside the others.
func TestImportTexts(t *testing.T) {
	dir := t.TempDir()
	copyVocabulary(t, dir)
	texts := []struct {
		file string
		args []string
	}{
		{"statement.txt", []string{"--title", "Joint Statement of the Leaders of Veloria and Tarsia", "--date", "2024-03-03", "--parties", "KZ,EE"}},
		{"communique.txt", []string{"--title", "Brenmoor Communiqué", "--kind", "communique", "--issuer", "G7"}},
		{"treaty.txt", []string{"--title", "Water Agreement", "--kind", "agreement", "--date", "2021-06-12", "--parties", "KZ,EE"}},
		{"resolution.txt", []string{"--title", "Resolution 9901 (2031)", "--kind", "resolution", "--date", "2031-05-05", "--issuer", "UNSC", "--number", "9901", "--source", "https://www.un.org/securitycouncil/"}},
		{"misprint.txt", []string{"--title", "Ministers' Statement", "--parties", "KZ,EE"}},
		{"labels.txt", []string{"--title", "Joint Declaration on Digital Cooperation", "--date", "2024-01-01", "--parties", "KZ,UZ"}},
		{"french.txt", []string{"--title", "Déclaration conjointe", "--language", "fr", "--parties", "FR,KZ"}},
	}
	for _, tt := range texts {
		args := append([]string{"import", "--content", dir, "../../testdata/texts/" + tt.file}, tt.args...)
		if code, _, stderr := runCmd(t, args...); code != 0 {
			t.Fatalf("import %s = %d: %s", tt.file, code, stderr)
		}
	}
	if code, stdout, stderr := runCmd(t, "check", "--content", dir); code != 0 || !strings.HasPrefix(stdout, "7 documents") {
		t.Errorf("check of the imported texts = %d, %q, %q", code, stdout, stderr)
	}
}

// seedSource is the seed's published original, as its content file names it.
const seedSource = "https://mirror.akorda.kz/en/joint-statement-by-the-president-of-the-republic-of-kazakhstan-mr-kassym-jomart-tokayev-and-the-president-of-the-republic-of-estonia-mr-alar-karis-26101425"
