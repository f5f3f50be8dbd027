package search

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"
)

// An on-disk index is locked by the process that opens it. A server that
// reloads its content opens the index again while the old one still
// serves, so the indexes this process has open are shared, counted, and
// closed when the last user closes them.
var openDirs = struct {
	sync.Mutex
	m map[string]*diskIndex
}{m: map[string]*diskIndex{}}

type diskIndex struct {
	b                bleve.Index
	dir              string // absolute, the key in openDirs
	version, content string
	refs             int
	failed           bool // a search failed reading it: not to be shared again
}

// lockWait is how long Open waits for another process to release an index.
const lockWait = 2 * time.Second

// ErrIndexInUse is returned (wrapped) by Open when another process has the
// index directory open.
var ErrIndexInUse = errors.New("index directory in use by another process")

// openDisk opens the index in dir, read-only: a finished index is never
// written again, which keeps it matching its manifest, lets it be read
// from a read-only file system, and starts none of Bleve's merging.
func openDisk(dir string) (b bleve.Index, err error) {
	defer guard(&err)()
	b, err = bleve.OpenUsing(dir, map[string]any{"bolt_timeout": lockWait.String(), "read_only": true})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%s: %w", dir, ErrIndexInUse)
	}
	return b, err
}

// sharedIndex returns the index this process has open in dir, if it was
// built from version and content, counting one more user.
func sharedIndex(dir, version, content string) (*diskIndex, bool) {
	openDirs.Lock()
	defer openDirs.Unlock()
	di, ok := openDirs.m[absDir(dir)]
	if !ok || di.failed || di.version != version || di.content != content {
		return di, false
	}
	di.refs++
	return di, true
}

func register(dir string, b bleve.Index, version, content string) *diskIndex {
	openDirs.Lock()
	defer openDirs.Unlock()
	di := &diskIndex{b: b, dir: absDir(dir), version: version, content: content, refs: 1}
	openDirs.m[di.dir] = di
	return di
}

// release counts one user less, closing the index after the last.
func (di *diskIndex) release() (err error) {
	openDirs.Lock()
	defer openDirs.Unlock()
	di.refs--
	if di.refs > 0 {
		return nil
	}
	delete(openDirs.m, di.dir)
	defer guard(&err)() // a damaged index may panic as it closes
	return di.b.Close()
}

// setAside stops di being shared, and removes its manifest so that the
// next start builds the index on disk again, since its files failed.
func (di *diskIndex) setAside(log *slog.Logger) {
	openDirs.Lock()
	di.failed = true
	openDirs.Unlock()
	setAside(di.dir, log)
}

func absDir(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}
