package content

import (
	"io/fs"
	"syscall"
)

// sysStat is the change time, inode and device of info.
func sysStat(info fs.FileInfo) (Stat, bool) {
	s, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stat{}, false
	}
	return Stat{ChangeTime: s.Ctim.Nano(), Inode: s.Ino, Device: uint64(s.Dev)}, true
}
