//go:build !linux

package search

import "errors"

func setImmutable(path string, on bool) error {
	return errors.New("no immutable attribute on this system")
}

func mountTmpfs(dir string, size int) error { return errors.New("no tmpfs here") }

func unmount(dir string) error { return nil }
