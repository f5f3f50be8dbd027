package content

import (
	"io/fs"
	"time"
)

// Stat is what a file system says of a content file without reading it:
// enough to know, at the next start, that the file has not been written
// since, as git and make know it. A snapshot of the parsed archive keeps
// each file's Stat beside its digest (internal/snapshot) and reads again
// only the files whose Stat differs.
//
// The rule: a file is taken as unchanged when its size, modification
// time, change time (ctime), inode and device are all those recorded.
// The change time is set by the kernel on every write, rename and
// metadata change and cannot be set back by a program (touch -d sets the
// modification time only), so a file rewritten with the same size and
// its old modification time still differs. That holds only on file
// systems that keep a change time of their own (ext4, XFS, Btrfs, tmpfs
// and the like, as the mount table says): on FAT, exFAT, network and FUSE
// file systems, and outside Linux, no Stat is recorded and every file is
// read and hashed at every start. A Stat is recorded only once
// its change time is settled: a file changed less than StatSettle before
// it was read could be written again within the same tick of the file
// system's clock, unseen, so it is read and hashed at start; the first
// start that finds it settled records it (internal/snapshot writes the
// snapshot again).
type Stat struct {
	Size, ModTime, ChangeTime int64 // bytes; nanoseconds since 1970
	Inode, Device             uint64
}

// StatSettle is how long before it is read a file must have last changed
// for its Stat to be recorded: two seconds, the coarsest clock of the
// file systems content is kept on. A variable for tests only.
var StatSettle = 2 * time.Second

// Known reports whether st is a usable record: one that was settled.
func (st Stat) Known() bool { return st.ChangeTime != 0 }

// currentStat is info's Stat as it is now, settled or not; false when the
// file system does not say.
func currentStat(info fs.FileInfo) (Stat, bool) {
	st, ok := sysStat(info)
	st.Size = info.Size()
	st.ModTime = info.ModTime().UnixNano()
	return st, ok
}

// statOf is info's Stat, or the zero Stat (never matched) when the file
// system does not say or the file changed at or after settled.
func statOf(info fs.FileInfo, settled time.Time) Stat {
	st, ok := currentStat(info)
	if !ok || st.ChangeTime >= settled.UnixNano() {
		return Stat{}
	}
	return st
}

// fileStats sets stats[i] to the Stat of the file names[i] of fsys, on
// every core: the zero Stat (never matched) for one that is not a regular
// file of at most MaxFileSize, or whose file system does not say.
func fileStats(fsys fs.FS, names []string, stats []Stat) {
	if d, ok := fsys.(*DirFS); ok && statAt(d, names, stats) {
		return
	}
	each(len(names), func() func(int) {
		return func(i int) {
			if info, err := fs.Stat(fsys, names[i]); err == nil && info.Mode().IsRegular() && info.Size() <= MaxFileSize {
				stats[i], _ = currentStat(info)
			}
		}
	})
}
