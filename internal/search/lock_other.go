//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package search

import "time"

// tryLock cannot lock here: another process's use of an index goes
// unnoticed, and a build directory is known in use only within this
// process.
func tryLock(name string, wait time.Duration) (unlock func(), ok bool, err error) {
	return func() {}, true, nil
}
