package content

import (
	"os"
	"syscall"
	"testing"
)

// TestChangeTimeOnlyWhereKept: a Stat is recorded only on a file system
// whose change time the kernel keeps; FAT's and a network's are read at
// every start.
func TestChangeTimeOnlyWhereKept(t *testing.T) {
	types := map[string]string{"8:1": "ext4", "8:2": "vfat", "0:52": "nfs4", "259:3": "xfs"}
	for _, tt := range []struct {
		dev  uint64
		want bool
	}{
		{8<<8 | 1, true},
		{8<<8 | 2, false},
		{52, false},
		{259<<8 | 3, true},
		{8<<8 | 9, false}, // not in the mount table
	} {
		if got := keepsChangeTimeIn(types, tt.dev); got != tt.want {
			t.Errorf("device %d: %v; want %v", tt.dev, got, tt.want)
		}
	}
	// The mount table is read: the device of a temporary file has a type.
	info, err := os.Stat(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := info.Sys().(*syscall.Stat_t)
	if len(fileSystems()) == 0 {
		t.Fatal("no file system read from the mount table")
	}
	t.Logf("the temporary directory is on a file system whose change time is kept: %v", keepsChangeTime(uint64(s.Dev)))
}
