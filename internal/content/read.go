package content

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// MaxFileSize is the largest content file the loader reads, 16 MB. The
// longest texts of this kind, a treaty with its annexes, run to one or
// two megabytes; a file many times that is a mistake or not a document,
// and every byte read costs the server memory while it loads. A file of
// this size loads in about a second.
const MaxFileSize = 16 << 20

// MaxParagraph is the most characters one paragraph may hold, 100,000:
// some thirty printed pages, where the longest paragraph of a real
// declaration runs to a few thousand. A longer one is a file whose blank
// lines were lost, and one paragraph is the unit every page, search hit
// and citation shows whole.
const MaxParagraph = 100_000

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = fmt.Errorf("larger than the limit of %d MB", MaxFileSize>>20)
)

// ReadFile reads the file name of fsys as the loader reads every file:
// only a regular file (a FIFO would block the reader, a device would
// never end) and only up to MaxFileSize. A file of a tree from Dir is
// checked as it is opened; any other file system is asked first.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	data, _, err := readFile(fsys, name)
	for _, known := range []error{errNotRegular, errTooLarge} {
		if errors.Is(err, known) {
			return nil, known // the message an editor reads after the file's name
		}
	}
	return data, err
}

// readFile is ReadFile, with what the open file's Stat said before it
// was read.
func readFile(fsys fs.FS, name string) ([]byte, fs.FileInfo, error) {
	if err := contextOf(fsys).Err(); err != nil {
		return nil, nil, err
	}
	if _, ok := fsys.(*DirFS); !ok {
		// Stat before opening: os.DirFS would block opening a FIFO.
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		if !info.Mode().IsRegular() {
			return nil, nil, errNotRegular
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, errNotRegular
	}
	if info.Size() > MaxFileSize {
		return nil, nil, errTooLarge
	}
	// The size is a hint: the file may have grown since, so the read
	// stops one byte past the limit, whatever the size said.
	data := make([]byte, 0, info.Size()+1)
	r := io.LimitReader(f, MaxFileSize+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
	}
	if len(data) > MaxFileSize {
		return nil, nil, errTooLarge
	}
	return data, info, nil
}

// readProblem words an error of ReadFile for an editor.
func readProblem(err error) string {
	for _, known := range []error{errNotRegular, errTooLarge} {
		if errors.Is(err, known) {
			return known.Error()
		}
	}
	return fmt.Sprintf("cannot read: %v", err)
}

// DirFS is a content tree on disk, as os.DirFS, that opens only
// directories and regular files: a FIFO is opened without waiting for a
// writer and refused, as is a device or a socket, also through a symbolic
// link, and a regular file reads no further than MaxFileSize. Its
// context, once done, fails every open, so that a load stops early.
type DirFS struct {
	fsys fs.FS // os.DirFS(dir): directory listings and Stat
	dir  string
	ctx  context.Context
}

// Dir is the content tree under dir.
func Dir(dir string) *DirFS {
	return &DirFS{fsys: os.DirFS(dir), dir: dir, ctx: context.Background()}
}

// WithContext returns the tree bound to ctx: once ctx is done, every
// open and listing fails, and Read and Parse stop.
func (d *DirFS) WithContext(ctx context.Context) *DirFS {
	c := *d
	c.ctx = ctx
	return &c
}

// Context is the context the tree is bound to, which Read and Parse check.
func (d *DirFS) Context() context.Context { return d.ctx }

func (d *DirFS) Open(name string) (fs.File, error) {
	if err := d.ctx.Err(); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if !fs.ValidPath(name) || runtime.GOOS == "windows" && strings.ContainsAny(name, `\:`) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	// writer; it changes nothing for a regular file.
	f, err := os.OpenFile(filepath.Join(d.dir, filepath.FromSlash(name)), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, err
	case info.IsDir():
		return f, nil
	case !info.Mode().IsRegular():
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return &limitedFile{f: f, left: MaxFileSize}, nil
}

func (d *DirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := d.ctx.Err(); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return fs.ReadDir(d.fsys, name)
}

func (d *DirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.fsys, name) }

// limitedFile is a regular file that fails a read past MaxFileSize.
type limitedFile struct {
	f    *os.File
	left int64
}

func (l *limitedFile) Stat() (fs.FileInfo, error) { return l.f.Stat() }
func (l *limitedFile) Close() error               { return l.f.Close() }

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// At the limit: one byte more is one too many.
		var one [1]byte
		n, err := l.f.Read(one[:])
		if n > 0 {
			return 0, &fs.PathError{Op: "read", Path: l.f.Name(), Err: errTooLarge}
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	return n, err
}

// contextOf is the context a content tree is bound to (see
// DirFS.WithContext); a tree bound to none is never cancelled.
func contextOf(fsys fs.FS) context.Context {
	if c, ok := fsys.(interface{ Context() context.Context }); ok {
		return c.Context()
	}
	return context.Background()
}
