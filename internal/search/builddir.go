package search

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// An index is built in a directory beside it, DIR.build-NNN (NNN digits,
// from os.MkdirTemp), which then takes its place. A build that a killed
// process left is removed by the next Open; one in use is left alone: by
// a build of this process (listed in building) or, where files can be
// locked, of another (which holds a lock on the directory).
const buildInfix = ".build-"

var building = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// buildDir is a directory a build writes in.
type buildDir struct {
	path   string
	unlock func()
	once   sync.Once
}

// newBuildDir makes a new, empty build directory beside dir.
func newBuildDir(dir string) (*buildDir, error) {
	parent, base := filepath.Split(absDir(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	path, err := os.MkdirTemp(parent, base+buildInfix+"*")
	if err != nil {
		return nil, err
	}
	building.Lock()
	building.m[path] = true
	building.Unlock()
	unlock, ok, err := tryLock(path, 0)
	if err != nil || !ok {
		unlock = func() {} // the lock only tells other processes
	}
	return &buildDir{path: path, unlock: unlock}, nil
}

// remove removes the directory, if it is still there, and forgets it.
func (b *buildDir) remove() {
	b.once.Do(func() {
		os.RemoveAll(b.path)
		b.unlock()
		building.Lock()
		delete(building.m, b.path)
		building.Unlock()
	})
}

// removeStaleBuilds removes the build directories beside dir that no
// build uses: what a killed process left.
func removeStaleBuilds(dir string, log *slog.Logger) {
	parent, base := filepath.Split(absDir(dir))
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !isBuildName(e.Name(), base) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		building.Lock()
		inUse := building.m[path]
		building.Unlock()
		if inUse {
			continue
		}
		unlock, ok, err := tryLock(path, 0)
		if err != nil || !ok {
			continue // gone, or another process's build
		}
		err = os.RemoveAll(path)
		unlock()
		if err != nil {
			log.Warn("search index: an abandoned build cannot be removed", "dir", path, "err", err)
		} else {
			log.Info("search index: removed an abandoned build", "dir", path)
		}
	}
}

// isBuildName reports whether name is that of a build directory of the
// index named base.
func isBuildName(name, base string) bool {
	n, ok := strings.CutPrefix(name, base+buildInfix)
	if !ok || n == "" {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// replaceDir puts the directory tmp in dir's place. The old dir is first
// renamed aside, as a build directory, so that a crash at any point leaves
// an index (or none) in dir and nothing but a stale build beside it.
func replaceDir(tmp, dir string) error {
	parent := filepath.Dir(absDir(dir))
	if _, err := os.Lstat(dir); err == nil {
		aside, err := newBuildDir(dir)
		if err != nil {
			return err
		}
		defer aside.remove()
		if err := os.Remove(aside.path); err != nil {
			return err
		}
		if err := os.Rename(dir, aside.path); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	return syncDir(parent)
}

// keepReferenced removes the segment files of the index in dir that its
// last snapshot does not use: a merge that Close interrupted leaves its
// part-written segment behind, which would be kept and verified forever.
func keepReferenced(dir string) error {
	b, err := openDisk(dir)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	err = func() (err error) {
		defer guard(&err)()
		adv, err := b.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			return nil
		}
		for _, s := range snap.Segments() {
			if p, ok := s.Segment().(interface{ Path() string }); ok {
				keep[filepath.Base(p.Path())] = true
			}
		}
		return nil
	}()
	if cerr := closeQuietly(b); err == nil {
		err = cerr
	}
	if err != nil || len(keep) == 0 {
		return err // without a list, keep every file
	}
	store := filepath.Join(dir, "store")
	entries, err := os.ReadDir(store)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") && !keep[e.Name()] {
			if err := os.Remove(filepath.Join(store, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// noSpace reports whether err is a full disk. Bleve reports some write
// errors as text only.
func noSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error())
}

// estimateMB is about how many megabytes the on-disk index of cat takes:
// two and a half times its text, as measured on synthetic archives of
// 20,000 clauses (4 MB of text, a 9.6 MB index) and 100,000 (20 MB, 39 MB
// once merged).
func estimateMB(cat *catalogue) int {
	n := 0
	for i := range cat.units {
		n += len(cat.units[i].text())
	}
	return max(1, (n*5/2+(1<<20)-1)>>20)
}
