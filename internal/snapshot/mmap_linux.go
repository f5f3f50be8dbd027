package snapshot

import (
	"hash/crc32"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps the first size bytes of f into memory, read-only, and
// returns them with the checksum of what follows their header. The
// mapping stays valid after f is closed and after the file is replaced by
// rename, which is how a snapshot is ever replaced (write): a file cut
// short in place would fault whoever reads the missing pages.
//
// The checksum is taken by reading the file, not the mapping, with
// read-ahead off: what this reads into the page cache is kept in pages of
// the system's page size, not the large folios read-ahead makes. A page
// fault maps a whole folio, so once the pages are dropped from the
// resident set (dropPages), reading one paragraph's text would otherwise
// bring back megabytes of others'. Pages already cached keep their size:
// write writes in pieces for that reason.
func mapFile(f *os.File, size int64) ([]byte, uint32, error) {
	if size <= 0 || size != int64(int(size)) {
		return nil, 0, unix.EINVAL
	}
	fd := int(f.Fd())
	_ = unix.Fadvise(fd, 0, 0, unix.FADV_RANDOM) // only a hint
	var crc uint32
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size; {
		n, err := io.ReadFull(f, buf[:min(int64(len(buf)), size-off)])
		if err != nil {
			return nil, 0, err
		}
		b := buf[:n]
		if skip := int64(headerLen) - off; skip > 0 {
			b = b[min(skip, int64(n)):]
		}
		crc = crc32.Update(crc, castagnoli, b)
		off += int64(n)
	}
	// Shared rather than private, although never written: MADV_DONTNEED
	// is documented to refill a shared file mapping's pages from the file.
	b, err := unix.Mmap(fd, 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, 0, err
	}
	// A page read again after evictPages is read alone, not with the
	// megabytes around it.
	_ = unix.Madvise(b, unix.MADV_RANDOM)
	return b, crc, nil
}

// evictPages takes b's pages out of the resident set and, where no other
// process maps them, out of the page cache too: a page read again is
// read from the file, alone. Kernels before 5.4 cannot; they drop the
// pages from the resident set only.
func evictPages(b []byte) error {
	if err := unix.Madvise(b, unix.MADV_PAGEOUT); err == nil {
		return nil
	}
	return dropPages(b)
}

func unmapFile(b []byte) error { return unix.Munmap(b) }

// dropPages lets the kernel take b's pages out of this process's resident
// set: they stay in the page cache, and a read of one maps it again.
func dropPages(b []byte) error { return unix.Madvise(b, unix.MADV_DONTNEED) }
