package search

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// An on-disk index is trusted only as far as its manifest: a list of every
// file a finished build left, with its size and SHA-256, written last. Bleve
// maps the files into memory and reads them without checking them, so a
// damaged file would crash the process (a panic in its decoders, or SIGBUS
// when a mapped file is cut short) at every start; a file that does not
// match the manifest is never handed to Bleve.
const (
	manifestName   = "accord.manifest"
	manifestHeader = "accord-index-manifest 1"
	manifestSum    = "sha256 " // the last line: the hash of the lines above
	maxManifest    = 1 << 20   // a manifest is a few hundred bytes a file
)

// errNoManifest is a directory that holds an index without a manifest: a
// build that did not finish, or one made by an older Accord.
var errNoManifest = errors.New("no manifest: the build did not finish")

// manifestEntry is one file of an index: its path under the index
// directory (with slashes), size and SHA-256.
type manifestEntry struct {
	name string
	size int64
	sum  [sha256.Size]byte
}

// writeManifest hashes every file under dir, syncing each to disk, and
// writes the manifest of them, atomically: a crash leaves either no
// manifest or a whole one, and a whole one names files already on disk.
func writeManifest(dir string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		rel, err := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		return fmt.Errorf("list index files: %w", err)
	}
	entries := make([]manifestEntry, len(names))
	for i, name := range names {
		entries[i].name = name
	}
	if err := hashAll(dir, entries, true); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "%d %x %s\n", e.size, e.sum, e.name)
	}
	sum := sha256.Sum256(b.Bytes())
	fmt.Fprintf(&b, "%s%x\n", manifestSum, sum)

	tmp := filepath.Join(dir, manifestName+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write index manifest: %w", err)
	}
	_, err = f.Write(b.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, manifestName))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write index manifest: %w", err)
	}
	// The files' names, then the manifest's, must be on disk before the
	// directory takes the index's name.
	dirs := map[string]bool{dir: true}
	for _, e := range entries {
		dirs[filepath.Join(dir, filepath.FromSlash(path.Dir(e.name)))] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("write index manifest: %w", err)
		}
	}
	return nil
}

// verifyManifest checks that dir holds exactly the files its manifest
// names, each of its size and SHA-256. It only reads. The error says what
// does not match, for the log.
func verifyManifest(dir string) error {
	want, err := readManifest(dir)
	if err != nil {
		return err
	}
	byName := make(map[string]*manifestEntry, len(want))
	dirs := map[string]bool{".": true}
	for i := range want {
		e := &want[i]
		byName[e.name] = e
		for d := path.Dir(e.name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	found := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && dirs[rel]:
			return nil
		case rel == manifestName:
			return nil
		case byName[rel] == nil:
			return fmt.Errorf("%s is not part of the index", rel)
		case !d.Type().IsRegular():
			return fmt.Errorf("%s is not a regular file", rel)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if e := byName[rel]; info.Size() != e.size {
			return fmt.Errorf("%s has %d bytes; the manifest says %d", rel, info.Size(), e.size)
		}
		found++
		return nil
	})
	if err != nil {
		return err
	}
	if found != len(want) {
		for _, e := range want {
			if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.name))); err != nil {
				return fmt.Errorf("%s is missing", e.name)
			}
		}
	}
	got := make([]manifestEntry, len(want))
	for i, e := range want {
		got[i].name = e.name
	}
	if err := hashAll(dir, got, false); err != nil {
		return err
	}
	for i := range want {
		if got[i].size != want[i].size || got[i].sum != want[i].sum {
			return fmt.Errorf("%s does not match its checksum", want[i].name)
		}
	}
	return nil
}

// readManifest reads and parses dir's manifest, checking its own hash.
func readManifest(dir string) ([]manifestEntry, error) {
	name := filepath.Join(dir, manifestName)
	info, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoManifest
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxManifest {
		return nil, errors.New("the manifest is damaged")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	damaged := errors.New("the manifest is damaged")
	body, last, ok := cutLastLine(data)
	if !ok || !strings.HasPrefix(last, manifestSum) {
		return nil, damaged
	}
	sum := sha256.Sum256(body)
	if last[len(manifestSum):] != hex.EncodeToString(sum[:]) {
		return nil, damaged
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	if !sc.Scan() || sc.Text() != manifestHeader {
		return nil, damaged
	}
	var entries []manifestEntry
	for sc.Scan() {
		size, rest, ok1 := strings.Cut(sc.Text(), " ")
		hexSum, name, ok2 := strings.Cut(rest, " ")
		var e manifestEntry
		var err1, err2 error
		e.name = name
		e.size, err1 = strconv.ParseInt(size, 10, 64)
		_, err2 = hex.Decode(e.sum[:], []byte(hexSum))
		if !ok1 || !ok2 || err1 != nil || err2 != nil || len(hexSum) != 2*sha256.Size || !fs.ValidPath(name) || name == manifestName {
			return nil, damaged
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil, damaged
	}
	return entries, nil
}

// cutLastLine splits data before its last line, which ends it with "\n".
func cutLastLine(data []byte) ([]byte, string, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, "", false
	}
	i := bytes.LastIndexByte(data[:len(data)-1], '\n')
	if i < 0 {
		return nil, "", false
	}
	return data[:i+1], string(data[i+1 : len(data)-1]), true
}

// hashAll fills in the size and SHA-256 of each entry's file, a few files
// at once, the largest first; with durable, it also syncs each file to disk.
func hashAll(dir string, entries []manifestEntry, durable bool) error {
	order := make([]int, len(entries))
	sizes := make([]int64, len(entries))
	for i, e := range entries {
		order[i] = i
		if info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.name))); err == nil {
			sizes[i] = info.Size()
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	var (
		next  = make(chan int)
		errs  = make([]error, len(entries))
		group sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		group.Go(func() {
			buf := make([]byte, 256<<10)
			for i := range next {
				errs[i] = hashFile(filepath.Join(dir, filepath.FromSlash(entries[i].name)), &entries[i], buf, durable)
			}
		})
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	group.Wait()
	return errors.Join(errs...)
}

func hashFile(name string, e *manifestEntry, buf []byte, durable bool) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, buf)
	if err != nil {
		return fmt.Errorf("%s: %w", e.name, err)
	}
	if durable {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
	}
	e.size = n
	h.Sum(e.sum[:0])
	return nil
}

// syncDir makes the entries of dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some file systems cannot sync a directory; they order renames anyway.
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}
