package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/accord-archive/accord/internal/content"
)

// importText turns plain texts — statements, communiqués, treaties,
// resolutions, one paragraph a line — into content files, telling on
// stderr, by input line, what it placed by guesswork.
func importText(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var m content.ImportMeta
	var parties string
	fs.StringVar(&m.Title, "title", "", "the document's editorial `title` (required)")
	fs.StringVar(&m.Kind, "kind", "joint-statement", "the document's `kind`")
	fs.StringVar(&parties, "parties", "", "comma-separated party `codes` (or names), e.g. KZ,EE or EU,KZ (required unless --issuer)")
	fs.StringVar(&m.Issuer, "issuer", "", "the `code` of the organ, organisation or group that issued it, e.g. UNSC or G7")
	fs.StringVar(&m.Number, "number", "", "the work's `number`, e.g. 1820, or 2 for the second work of a date and parties")
	fs.StringVar(&m.Slug, "slug", "", "the document's `slug` instead of the one derived from date and parties")
	fs.StringVar(&m.Place, "place", "", "where it was issued; default the place on the dateline, if any")
	fs.StringVar(&m.Date, "date", "", "the document's `date` (YYYY-MM-DD), for a text whose first line is no date")
	fs.StringVar(&m.Language, "language", "en", "the text's language `tag`")
	fs.StringVar(&m.VersionOf, "version-of", "", "the `slug` of the document this text is a language version of; the slug defaults to it and the language (SLUG-ru)")
	authentic := fs.String("authentic", "", "comma-separated `tags` of the languages whose texts are authentic, e.g. en,fr (default: as the text's final clause says, if it does)")
	fs.StringVar(&m.Prevails, "prevails", "", "the `tag` of the language whose text prevails in case of divergence")
	fs.StringVar(&m.Source, "source", "", "`URL` of the published original (required for a text issued in 2026 or later)")
	fs.StringVar(&m.Retrieved, "retrieved", "", "the `day` (YYYY-MM-DD) the text was copied from its source")
	fs.StringVar(&m.Archived, "archived", "", "`URL` of an archived copy of the source")
	out := fs.String("out", "", "write to `FILE` (- for standard output); default DIR/documents/<slug>.md")
	dir := fs.String("content", "content", "content `DIR` to write into")
	force := fs.Bool("force", false, "overwrite an existing file")
	fs.BoolVar(&m.ConfirmBidi, "confirm-bidi", false, "keep bidirectional controls, listing their paragraphs under bidi: (check first that the text displays as printed)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{errors.New("name at least one FILE.txt to import")}
	}
	if *out != "" && *out != "-" && len(files) > 1 {
		return usageError{errors.New("--out FILE takes one input file")}
	}
	if strings.TrimSpace(m.Title) == "" {
		return usageError{errors.New("missing title: give the document's title with --title")}
	}
	if strings.TrimSpace(parties) == "" && strings.TrimSpace(m.Issuer) == "" {
		return usageError{errors.New("missing parties: name them with --parties, e.g. --parties KZ,EE, or the issuer with --issuer")}
	}
	if *out != "-" && m.Slug != "" && len(files) > 1 {
		return usageError{errors.New("--slug names one document: import one file with it")}
	}
	if strings.TrimSpace(*authentic) != "" {
		for _, t := range strings.Split(*authentic, ",") {
			m.Authentic = append(m.Authentic, strings.TrimSpace(t))
		}
	}
	if strings.TrimSpace(parties) != "" {
		m.Parties = strings.Split(parties, ",")
	}
	existing, err := newExisting(*dir)
	if err != nil {
		return err
	}
	m.Vocabulary = existing.parties
	for _, name := range files {
		// As the loader reads: a FIFO or a device given as the input is
		// refused, not waited on or read without end.
		src, err := content.ReadFile(content.Dir(filepath.Dir(name)).WithContext(ctx), filepath.Base(name))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		m.Note = func(msg string) { fmt.Fprintln(stderr, msg) }
		slug, file, err := content.Import(name, src, m)
		if err != nil {
			return err
		}
		dest := *out
		if dest == "" {
			dest = filepath.Join(*dir, content.DocumentsDir, slug+".md")
		}
		if err := existing.add(name, dest, slug, file, *force); err != nil {
			return err
		}
		if *out == "-" {
			if _, err := stdout.Write(file); err != nil {
				return err
			}
			continue
		}
		if err := writeNew(dest, file, *force); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", dest)
	}
	return nil
}

// writeNew writes a file, refusing to replace an existing one unless force.
func writeNew(name string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists: use --force to replace it", name)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
