package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"path/filepath"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// check validates the content tree and prints what it holds.
func check(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("content", "", "content `DIR` to check instead of the embedded content")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", rest[0])}
	}
	fsys, err := contentFS(ctx, *dir)
	if err != nil {
		return err
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		var list content.ErrorList
		if errors.As(err, &list) {
			for i := range list {
				list[i].File = displayPath(*dir, list[i].File)
			}
			return fmt.Errorf("%d problem%s:\n%w", len(list), plural(len(list)), list)
		}
		return err
	}
	for _, w := range content.VersionWarnings(a) {
		w.File = displayPath(*dir, w.File)
		fmt.Fprintln(stderr, w.Error())
	}
	synonyms, err := loadSynonyms(fsys, *dir)
	if err != nil {
		return err
	}
	licence, err := loadLicence(fsys, *dir)
	if err != nil {
		return err
	}
	s := a.Stats()
	fmt.Fprintf(stdout, "%d document%s, %d clause%s, %d preamble paragraph%s\n",
		s.Documents, plural(s.Documents), s.Clauses, plural(s.Clauses), s.PreambleParagraphs, plural(s.PreambleParagraphs))
	var commitments, classified int
	for _, d := range a.Documents() {
		for _, c := range d.Clauses {
			commitments += len(c.Commitments)
			if len(c.Commitments) > 0 {
				classified++
			}
		}
	}
	fmt.Fprintf(stdout, "%d commitment%s in %d clause%s; vocabulary: %d commitment types, %d topics, %d entities, %d parties; languages %s\n",
		commitments, plural(commitments), classified, plural(classified), len(rules.Types()), len(rules.Topics()), len(rules.Entities()), rules.Parties().Len(),
		strings.Join(rules.Languages(), ", "))
	fmt.Fprintf(stdout, "%d synonym group%s\n", len(synonyms), plural(len(synonyms)))
	if licence.Declared() {
		fmt.Fprintf(stdout, "licence of the data: %s\n", licence.Name)
	} else {
		fmt.Fprintf(stdout, "no licence declared (%s)\n", vocab.SiteFile)
	}
	return nil
}

// loadSynonyms reads the search's synonyms of the content tree in dir,
// every problem as file:line.
func loadSynonyms(fsys iofs.FS, dir string) ([][]string, error) {
	groups, problems := vocab.LoadSynonyms(fsys)
	if len(problems) > 0 {
		return nil, problemsError(dir, problems)
	}
	return groups, nil
}

// loadLicence reads the licence of the content tree in dir, every problem as
// file:line.
func loadLicence(fsys iofs.FS, dir string) (archive.Licence, error) {
	l, problems := vocab.LoadSite(fsys)
	if len(problems) > 0 {
		return archive.Licence{}, problemsError(dir, problems)
	}
	return l, nil
}

// problemsError is one error listing problems of files of the content
// tree in dir, one a line, each as file:line.
func problemsError(dir string, problems []vocab.Problem) error {
	msgs := make([]string, len(problems))
	for i, p := range problems {
		p.File = displayPath(dir, p.File)
		msgs[i] = p.Error()
	}
	return fmt.Errorf("%d problem%s:\n%s", len(problems), plural(len(problems)), strings.Join(msgs, "\n"))
}

// displayPath names a file of the content tree as an editor would open it.
func displayPath(dir, name string) string {
	if dir == "" {
		return filepath.Join("content", name)
	}
	return filepath.Join(dir, name)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
