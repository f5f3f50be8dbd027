package content

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// sysStat is the change time, inode and device of info, when the file
// system it is on keeps the change time as the rule of Stat needs.
func sysStat(info fs.FileInfo) (Stat, bool) {
	s, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !keepsChangeTime(uint64(s.Dev)) {
		return Stat{}, false
	}
	return Stat{ChangeTime: s.Ctim.Nano(), Inode: s.Ino, Device: uint64(s.Dev)}, true
}

// changeTimeKept are the file systems whose change time the kernel sets
// itself on every write. Not on the list: FAT and exFAT, which store one
// time for both, so that touch -d or cp -p set the change time back;
// network and FUSE file systems, whose times come from another clock or
// another program. A file on those is read and hashed at every start.
var changeTimeKept = map[string]bool{
	"ext2": true, "ext3": true, "ext4": true, "xfs": true, "btrfs": true,
	"f2fs": true, "zfs": true, "tmpfs": true, "ramfs": true, "overlay": true,
}

// fileSystems maps each mounted device ("major:minor") to its type, read
// once from the mount table.
var fileSystems = sync.OnceValue(func() map[string]string {
	types := map[string]string{}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return types
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw"
		before, after, ok := strings.Cut(sc.Text(), " - ")
		fields, rest := strings.Fields(before), strings.Fields(after)
		if ok && len(fields) >= 3 && len(rest) >= 1 {
			types[fields[2]] = rest[0]
		}
	}
	return types
})

// keepsChangeTime reports whether the device dev is a file system on the
// changeTimeKept list; false when the mount table does not say.
func keepsChangeTime(dev uint64) bool { return keepsChangeTimeIn(fileSystems(), dev) }

func keepsChangeTimeIn(types map[string]string, dev uint64) bool {
	major := (dev>>8)&0xfff | (dev>>32)&^0xfff
	minor := dev&0xff | (dev>>12)&^0xff
	return changeTimeKept[types[fmt.Sprintf("%d:%d", major, minor)]]
}

// statAt is fileStats for a tree on disk: each file is looked up in its
// directory, opened once, rather than from the root at every file, which
// took a start of 100,000 files half as long again. It reports false,
// having set nothing, when a directory cannot be opened.
func statAt(d *DirFS, names []string, stats []Stat) bool {
	dirs := map[string]int{}
	defer func() {
		for _, fd := range dirs {
			unix.Close(fd)
		}
	}()
	for _, name := range names {
		dir := path.Dir(name)
		if _, ok := dirs[dir]; ok {
			continue
		}
		fd, err := unix.Open(filepath.Join(d.dir, filepath.FromSlash(dir)), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return false
		}
		dirs[dir] = fd
	}
	each(len(names), func() func(int) {
		return func(i int) {
			var st unix.Stat_t
			// As os.Stat: a symbolic link is followed.
			if unix.Fstatat(dirs[path.Dir(names[i])], path.Base(names[i]), &st, 0) != nil ||
				st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > MaxFileSize || !keepsChangeTime(uint64(st.Dev)) {
				return
			}
			stats[i] = Stat{
				Size:       st.Size,
				ModTime:    st.Mtim.Nano(),
				ChangeTime: st.Ctim.Nano(),
				Inode:      st.Ino,
				Device:     uint64(st.Dev),
			}
		}
	})
	return true
}
