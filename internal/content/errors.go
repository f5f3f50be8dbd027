package content

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in one content file, at one line.
type Error struct {
	File string // path within the content tree, e.g. documents/x.md
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string

	eid string // the provision of a numbering problem the front matter may confirm
}

func (e Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList is every problem found in a content tree, sorted by file and line.
// Load returns it (as an error) when any file is invalid.
type ErrorList []Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

// fileErrors collects the problems of one file.
type fileErrors struct {
	file    string
	list    ErrorList
	escaped []bidiUse // bidi controls written as YAML escapes, with their fields
}

func (f *fileErrors) add(line int, format string, args ...any) {
	f.list = append(f.list, Error{File: f.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
