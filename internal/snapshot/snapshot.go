// Package snapshot keeps a loaded and classified archive in a file, so
// that a start on content that has not changed decodes the archive instead
// of parsing and classifying every document again. The file is keyed by a
// hash of every content and vocabulary file and of the program; one that
// does not match, or does not decode, is never used.
package snapshot

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/content"
)

// version names the encoding; change the encoding, bump it, and every
// snapshot is made afresh on next start.
const version = "accord-archive-14"

// A snapshot file is magic, the key, a CRC-32C of the rest, then the
// content files it was made from (files.go), then the archive as encode
// writes it.
const (
	magic     = "ACCORDAS"
	headerLen = len(magic) + sha256.Size + 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Store is a snapshot kept in one file.
type Store struct {
	Path string // the snapshot file; its directory is made if missing

	// Program identifies the running program, such as a hash of its
	// executable: a snapshot is used only by the build that parsed and
	// classified it, since another may parse or classify differently.
	Program string

	Logger *slog.Logger // nil: no log
}

// Load reads the content tree fsys and returns its archive, classified,
// and the rules that classified it, with the errors classify.LoadArchive
// would return. When the store holds a snapshot of the same content files,
// vocabulary and program, the archive is decoded from it; otherwise it is
// parsed and classified, and, if the content has no problems, the snapshot
// is rewritten.
func (s *Store) Load(fsys fs.FS) (*archive.Archive, *classify.Rules, error) {
	a, r, _, err := s.load(fsys)
	return a, r, err
}

// load is Load, reporting whether the archive was decoded.
func (s *Store) load(fsys fs.FS) (*archive.Archive, *classify.Rules, bool, error) {
	log := s.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	saved := make(chan savedFile, 1) // holds the file once read: take it, put it back
	go func() { saved <- readFile(s.Path) }()
	// A mapped file the archive does not come from is unmapped once read:
	// nothing made from it is kept.
	kept := false
	defer func() {
		if !kept {
			go func() { f := <-saved; saved <- f; f.release() }()
		}
	}()

	// The files the snapshot records are read only if their Stat changed:
	// the walk of the tree starts while the snapshot is read, and waits
	// for it only to look up the first file. The records are taken before
	// the checksum is known: a damaged one at worst makes a file be read,
	// or the key differ, and the archive is used only if the checksum,
	// verified beside its decoding, holds.
	var (
		// The records by path, and where the archive starts after them
		// in the snapshot's body; 0 if there are none.
		records = sync.OnceValues(func() (map[string]fileRecord, int) {
			f := <-saved
			saved <- f
			if f.err != nil || len(f.data) < headerLen || f.data[:len(magic)] != magic {
				return nil, 0
			}
			return readFiles(f.data[headerLen:])
		})
		isKnown = func(name string, st content.Stat) ([sha256.Size]byte, bool) {
			files, _ := records()
			return known(files)(name, st)
		}
	)
	tree, err := content.ReadKnown(fsys, isKnown)
	if err != nil {
		return nil, nil, false, err
	}
	before, err := vocabularyHash(fsys)
	if err != nil {
		return nil, nil, false, err
	}
	rules, vocErr := classify.Load(fsys)
	after, err := vocabularyHash(fsys)
	if err != nil {
		return nil, nil, false, err
	}
	// The key must name the vocabulary the rules were built from: if it
	// changed while they were, neither use nor write a snapshot.
	usable := tree.Clean() && vocErr == nil && before == after
	var key [sha256.Size]byte
	if usable {
		key = s.key(tree, after)
		f := <-saved
		saved <- f
		if f.err == nil {
			_, start := records()
			a, err := decodeFile(f, start, key, tree, rules)
			if err == nil {
				s.recordSettled(a, rules, key, tree.Files, log)
				kept = f.keep(a, log)
				return a, rules, true, nil
			}
			if errors.Is(err, errStale) {
				log.Info("the content or the program has changed since the archive snapshot: parsing the content", "snapshot", s.Path)
			} else {
				log.Warn("the archive snapshot cannot be used: parsing the content", "snapshot", s.Path, "err", err)
			}
		} else if !errors.Is(f.err, fs.ErrNotExist) {
			log.Warn("the archive snapshot cannot be read: parsing the content", "err", f.err)
		}
	}

	// Parsing reads every file, those taken as known too; the key names
	// what was read, which may have changed since the walk.
	if err := tree.Fill(); err != nil {
		return nil, nil, false, err
	}
	usable = usable && tree.Clean()
	if usable {
		key = s.key(tree, after)
	}
	a, err := parse(tree, rules, vocErr)
	if err != nil {
		return nil, nil, false, err
	}
	if usable {
		if err := s.write(a, rules, key, tree.Files); err != nil {
			log.Warn("archive snapshot not written", "err", err)
		}
	}
	return a, rules, false, nil
}

// recordSettled writes the snapshot again when a file it had to read,
// for want of a usable record (one that had just changed when recorded,
// or whose times changed but not its bytes), now has a settled Stat: so
// that a start just after a deploy does not leave every later start
// reading those files. The archive is the one decoded: the same content.
func (s *Store) recordSettled(a *archive.Archive, rules *classify.Rules, key [sha256.Size]byte, files []content.File, log *slog.Logger) {
	n := 0
	for i := range files {
		if files[i].Src != nil && files[i].Stat.Known() {
			n++
		}
	}
	if n == 0 {
		return
	}
	if err := s.write(a, rules, key, files); err != nil {
		log.Warn("archive snapshot not written again", "err", err)
		return
	}
	log.Info("archive snapshot written again: content files now settled are recorded", "files", n)
}

type savedFile struct {
	data string
	err  error

	// The checksum of what follows the header, when hasCRC: taken while
	// the file was read to be mapped.
	crc    uint32
	hasCRC bool

	// The mapping data is, where the file could be mapped; nil when it
	// was read into memory.
	mapped *mapping
}

// mapping is a snapshot file mapped into memory, read-only. A decoded
// archive's strings are slices of it (decode), so it is unmapped only
// once no document of the archive can be reached (keep).
type mapping struct{ b []byte }

// readFile maps a snapshot into memory, or reads it where it cannot be
// mapped. Either way its bytes are one string, which the decoded
// archive's strings then share: mapped, they are not part of the Go heap,
// the collector neither counts nor scans them, and the kernel may take
// their pages out of the resident set (keep). Mapping reads the file
// once, and takes its checksum on the way; a file read into memory has
// its checksum taken beside its decoding (decodeFile).
func readFile(path string) savedFile {
	f, err := os.Open(path)
	if err != nil {
		return savedFile{err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return savedFile{err: err}
	}
	if b, crc, err := mapFile(f, st.Size()); err == nil {
		return savedFile{data: unsafe.String(&b[0], len(b)), crc: crc, hasCRC: true, mapped: &mapping{b}}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return savedFile{err: err}
	}
	data, err := readAll(f, st.Size())
	if err != nil {
		return savedFile{err: err}
	}
	return savedFile{data: data}
}

// readAll reads f, of size bytes when it was opened, straight into the
// bytes of the string it returns, never written again.
func readAll(f *os.File, size int64) (string, error) {
	// One byte more than the size: a file that grew is read to its end.
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	if len(data) == 0 {
		return "", nil
	}
	return unsafe.String(&data[0], len(data)), nil
}

// keep ties a mapped file to a, decoded from it, and reports whether it
// did: each document holds the mapping, and every value holding a string
// of the archive holds a document (SetBacking), so the file is unmapped
// once the collector finds no document left (a reload that replaced the
// archive). Then it lets the kernel drop the file's pages from the
// resident set: decoding read them all, but a server reads only the text
// of the pages it renders, and a page read again comes back from the page
// cache.
func (f savedFile) keep(a *archive.Archive, log *slog.Logger) bool {
	m := f.mapped
	if m == nil {
		return false
	}
	for _, d := range a.Documents() {
		d.SetBacking(m)
	}
	runtime.AddCleanup(m, func(b []byte) { unmapFile(b) }, m.b)
	if err := dropPages(m.b); err != nil {
		log.Debug("archive snapshot: pages kept resident", "err", err)
	}
	return true
}

// ReleasePages lets the kernel take the pages of the snapshot file a was
// decoded from out of the resident set, as Load did once it had decoded
// a: to be called again once whatever reads all of a's text at start (the
// search index's catalogue) has, since that maps every page again. A page
// a request reads comes back from the page cache. It does nothing for an
// archive that was parsed, or read from a snapshot that was not mapped.
func ReleasePages(a *archive.Archive) error {
	docs := a.Documents()
	if len(docs) == 0 {
		return nil
	}
	m, ok := docs[0].Backing().(*mapping)
	if !ok {
		return nil
	}
	return evictPages(m.b)
}

// release unmaps a mapped file none of whose strings are kept.
func (f savedFile) release() {
	if f.mapped != nil {
		unmapFile(f.mapped.b)
	}
}

// parse parses and classifies the tree as classify.LoadArchive does.
func parse(tree *content.Tree, rules *classify.Rules, vocErr error) (*archive.Archive, error) {
	a, docErr := tree.Parse()
	a, _, err := classify.Classify(a, docErr, rules, vocErr)
	return a, err
}

// vocabularyHash hashes the vocabulary files classify.Load reads.
func vocabularyHash(fsys fs.FS) ([sha256.Size]byte, error) {
	names, err := fs.Glob(fsys, classify.VocabularyDir+"/*.yaml")
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			// classify.Load reports the file; a key cannot name it.
			b = []byte("\x00unreadable")
		}
		writeEntry(h, name, b)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// key is what a snapshot of tree must have been made from: this encoding,
// this program, this vocabulary and every document file, by path.
func (s *Store) key(tree *content.Tree, vocabulary [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	writeEntry(h, version, []byte(s.Program))
	h.Write(vocabulary[:])
	for _, f := range tree.Files {
		writeEntry(h, f.Name, f.Digest[:])
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// writeEntry writes a name and its bytes so that no two lists of entries
// write the same stream.
func writeEntry(h hash.Hash, name string, b []byte) {
	var n [2 * binary.MaxVarintLen64]byte
	l := binary.PutUvarint(n[:], uint64(len(name)))
	l += binary.PutUvarint(n[l:], uint64(len(b)))
	h.Write(n[:l])
	h.Write([]byte(name))
	h.Write(b)
}

// errStale is a snapshot of other content, or from another program.
var errStale = errors.New("snapshot of other content")

// decodeFile decodes a snapshot file made under key, whose archive starts
// at start in its body, after the files section (readFiles). Its checksum
// is the one taken as the file was read to be mapped, or, for a file read
// into memory, is taken on another core while it decodes (each chunk's own
// checksum is verified before the chunk is decoded); an archive decoded
// from a file that fails it is thrown away.
func decodeFile(f savedFile, start int, key [sha256.Size]byte, tree *content.Tree, rules *classify.Rules) (*archive.Archive, error) {
	data := f.data
	if len(data) < headerLen || data[:len(magic)] != magic {
		return nil, fmt.Errorf("%w: not a snapshot", errCorrupt)
	}
	if data[len(magic):len(magic)+sha256.Size] != string(key[:]) {
		return nil, errStale
	}
	crc := make(chan uint32, 1)
	if f.hasCRC {
		crc <- f.crc
	} else {
		go func() {
			crc <- crc32.Update(0, castagnoli, unsafe.Slice(unsafe.StringData(data[headerLen:]), len(data)-headerLen))
		}()
	}
	a, err := func() (a *archive.Archive, err error) {
		defer func() { // as in decoder.chunk
			if v := recover(); v != nil {
				a, err = nil, fmt.Errorf("%w: %v", errCorrupt, v)
			}
		}()
		if start == 0 {
			return nil, fmt.Errorf("%w: no list of content files", errCorrupt)
		}
		files := make(map[string]*content.File, len(tree.Files))
		for i := range tree.Files {
			files[tree.Files[i].Name] = &tree.Files[i]
		}
		return decode(data[headerLen+start:], rules, files, tree.Reader)
	}()
	if <-crc != headerCRC(data) {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return a, err
}

// headerCRC is the checksum a snapshot's header says its body has; 0 for
// data too short to have a header.
func headerCRC(data string) uint32 {
	if len(data) < headerLen {
		return 0
	}
	return binary.LittleEndian.Uint32([]byte(data[headerLen-4 : headerLen]))
}

// write replaces the snapshot with a's, atomically: a reader sees the old
// file or the new one, never a part. A file cut short by a crash fails its
// checksum and is not used.
func (s *Store) write(a *archive.Archive, rules *classify.Rules, key [sha256.Size]byte, files []content.File) error {
	size := headerLen + 80*len(files)
	for _, d := range a.Documents() {
		for _, p := range d.Paragraphs() {
			size += len(p.Text) + 16
		}
	}
	buf := make([]byte, headerLen, size)
	copy(buf, magic)
	copy(buf[len(magic):], key[:])
	buf = appendFiles(buf, files)
	buf, err := encode(buf, a, rules)
	if err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(buf[headerLen-4:], crc32.Checksum(buf[headerLen:], castagnoli))

	dir := filepath.Dir(s.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writing.Lock()
	defer writing.Unlock()
	removeStaleTemps(s.Path)
	f, err := os.CreateTemp(dir, filepath.Base(s.Path)+tmpInfix+"*")
	if err != nil {
		return err
	}
	// In pieces: on Linux, what one write puts in the page cache is one
	// folio, up to megabytes, and a page fault on a mapped snapshot maps a
	// whole folio (mapFile).
	for rest := buf; len(rest) > 0 && err == nil; rest = rest[min(len(rest), writePiece):] {
		_, err = f.Write(rest[:min(len(rest), writePiece)])
	}
	if err == nil {
		err = f.Sync() // the data on disk before the name
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), s.Path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", s.Path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the rename on disk; some file systems cannot, and order it anyway
		d.Close()
	}
	return nil
}

// writePiece is the most write gives the system at once: the size of the
// folios the page cache may then hold, and so what a read of a paragraph's
// text maps of a mapped snapshot, like the kernel's fault-around.
const writePiece = 64 << 10

// A snapshot is written to PATH.tmp-NNN (NNN digits, from os.CreateTemp),
// then renamed. writing is held while one is written in this process; a
// temporary file found when none is was left by a killed process.
const tmpInfix = ".tmp-"

var writing sync.Mutex

// removeStaleTemps removes the temporary files of snapshots of path that
// were never renamed.
func removeStaleTemps(path string) {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return
	}
	for _, e := range entries {
		n, ok := strings.CutPrefix(e.Name(), base+tmpInfix)
		if ok && n != "" && e.Type().IsRegular() && strings.Trim(n, "0123456789") == "" {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
