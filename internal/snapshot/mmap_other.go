//go:build !linux

package snapshot

import (
	"errors"
	"os"
)

// mapFile is not attempted here: the snapshot is read into memory.
func mapFile(*os.File, int64) ([]byte, uint32, error) { return nil, 0, errors.ErrUnsupported }

func unmapFile([]byte) error { return nil }

func dropPages([]byte) error { return nil }

func evictPages([]byte) error { return nil }
